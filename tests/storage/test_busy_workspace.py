"""Another program holding the workspace's SQLite write lock (a `sqlite3` shell left in
`BEGIN IMMEDIATE;`, a database browser with unsaved changes, a backup tool): every save
says who, waits long once and briefly after, and works again once that program is done."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceBusy
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage import errors, workspace
from tests.conftest import REPO_ROOT, SEED_FILE

linux_only = pytest.mark.skipif(
    not os.path.exists("/proc/locks"), reason="names the holder from /proc/locks"
)

# Another program: holds the write lock until told, then lets it go without a change.
HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("held", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
    print("done", flush=True)
    sys.stdin.readline()
    """
)


class Holder:
    """A program of its own holding the workspace's write transaction open."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "held"
        self.pid = self.process.pid
        with open(f"/proc/{self.pid}/comm", encoding="utf-8") as handle:
            self.name = handle.read().strip()  # as the system lists it

    def let_go(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "done"

    def end(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    made = tmp_path / "w.fcdesk"
    desk = Desk.open(made)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    return made


@pytest.fixture
def hold(path: Path) -> Iterator[Callable[[], Holder]]:
    """Starts the other program (once the desk is open: its open writes too)."""
    started: list[Holder] = []

    def start() -> Holder:
        started.append(Holder(path))
        return started[-1]

    yield start
    for held in started:
        held.end()


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first wait, cut short for the test (the desk waits 5 s)."""
    monkeypatch.setattr(workspace, "BUSY_TIMEOUT_MS", 400)


@linux_only
def test_a_save_refused_by_another_programs_transaction_names_it(
    path: Path, short_timeout: None, hold: Callable[[], Holder]
) -> None:
    """ "Another program kept the workspace busy for too long … Try again." said neither
    which program nor what to do about it: the reviewer had no way to find it."""
    desk = Desk.open(path)
    holder = hold()
    try:
        sid = desk.reviews.sentence_rows(1)[0].sentence.id
        with pytest.raises(WorkspaceBusy) as refused:
            desk.reviews.set_tag(sid, Tag.CLAIM)
        message = str(refused.value)
        assert f"({holder.name}, process {holder.pid} on this computer)" in message
        assert "NOT saved" in message and "finish its change" in message
        assert desk.reviews.review(sid).tag is None
        holder.let_go()
        desk.reviews.set_tag(sid, Tag.CLAIM)  # the same key again, once it is done
        assert desk.reviews.review(sid).tag is Tag.CLAIM
    finally:
        desk.close()


def test_after_one_wait_in_vain_the_next_saves_wait_briefly_until_one_works(
    path: Path, short_timeout: None, hold: Callable[[], Holder]
) -> None:
    """Each key pressed while a `sqlite3` shell held the workspace froze the window for the
    whole wait, and so did every retry of typed text (every 5 s): the window was frozen
    half the time. After one wait in vain the next ones are brief, until a save works."""
    desk = Desk.open(path)
    holder = hold()
    try:
        db = desk.repo.db

        def timeout() -> int:
            return int(db.execute("PRAGMA busy_timeout").fetchone()[0])

        sid = desk.reviews.sentence_rows(1)[0].sentence.id
        assert timeout() == 400
        for field in ("claimant", "explanation"):
            with pytest.raises(WorkspaceBusy):
                desk.reviews.set_text_field(sid, field, "typed")
            assert timeout() == errors.BUSY_AGAIN_MS
        holder.let_go()
        desk.reviews.set_text_field(sid, "explanation", "typed")
        assert timeout() == 400  # the whole wait again, for the next program's change
        assert desk.reviews.review(sid).explanation == "typed"
    finally:
        desk.close()


def test_wait_waits_for_another_programs_change_too(path: Path, hold: Callable[[], Holder]) -> None:
    """`import --wait 60` ("when another program is changing the workspace, wait this long
    for it") gave up after 5 s on a change another program had under way."""
    holder = hold()
    done: list[BaseException | None] = []
    desks: list[Desk] = []

    def import_waiting() -> None:  # as `factcheck-app import --wait 60` does
        try:
            desks.append(Desk.open(path, wait=60))
            desks[0].importer.import_file(SEED_FILE)
        except BaseException as error:  # the test says what it was
            done.append(error)
        else:
            done.append(None)

    worker = threading.Thread(target=import_waiting)
    worker.start()
    try:
        worker.join(timeout=workspace.BUSY_TIMEOUT_MS / 1000 + 1)
        assert worker.is_alive() and not done  # still waiting, past the usual wait
        holder.let_go()
        worker.join(timeout=60)
        assert done == [None]
    finally:
        worker.join()
        for desk in desks:
            desk.close()


@linux_only
def test_a_command_refused_by_another_programs_change_names_it_and_offers_wait(
    path: Path, hold: Callable[[], Holder], tmp_path: Path
) -> None:
    holder = hold()
    article = tmp_path / "other.txt"
    article.write_text("A second article. It has two sentences.", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "import", "-w", str(path), str(article)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"process {holder.pid} on this computer" in lines[0]
    assert lines[0].endswith("To wait longer for it, add --wait SECONDS.")
