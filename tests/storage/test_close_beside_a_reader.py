"""A desk closing while another program reads the workspace (Datasette serving the
newsroom archive, as docs/team.md serves it) leaves every save in the file itself.

SQLite moves the saves from the -wal into the file when the last connection closes. With
a reader still connected it moved nothing: after `factcheck-app merge` had finished, the
archive file alone lacked the merged articles (they waited in archive.fcdesk-wal), and a
copy of the file (a nightly backup of the server's folder) lacked them without a word."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from factcheck_app.services.desk import Desk
from factcheck_app.storage import wal_check
from factcheck_app.storage import workspace as workspace_files
from factcheck_app.storage.workspace import BUSY_TIMEOUT_MS, CLOSE_WAITS_FOR_A_READ_MS
from tests.conftest import REPO_ROOT, SEED_FILE


def _alone(path: Path) -> int:
    """Articles in the file itself, read without its -wal (as a copy of it would be)."""
    with contextlib.closing(
        sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    ) as db:
        return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_a_desk_closing_beside_a_reader_leaves_every_save_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "archive.fcdesk"
    Desk.open(path).close()
    # Connected and idle between two requests, as Datasette's connections are (mode=ro).
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as reader:
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        desk = Desk.open(path)
        try:
            desk.importer.import_file(SEED_FILE)
            desk.importer.import_text("Ben's article. The mayor said 40 bridges were built.")
        finally:
            desk.close()
        assert _alone(path) == 2
        assert path.with_name(path.name + "-wal").stat().st_size == 0  # nothing waits there
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_a_desk_closing_beside_a_long_read_waits_no_longer_than_the_close_s_wait(
    tmp_path: Path,
) -> None:
    """A reader in the middle of a read keeps back the saves made since it began (in the
    -wal); the close waits for it at most `CLOSE_WAITS_FOR_A_READ_MS`, never the desk's
    long busy timeout, does not fail, and the next open has them all."""
    path = tmp_path / "archive.fcdesk"
    Desk.open(path).close()
    with contextlib.closing(
        sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    ) as reader:
        desk = Desk.open(path)
        try:
            desk.importer.import_text("Ben's article. The mayor said 40 bridges were built.")
            reader.execute("BEGIN")
            assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
            desk.importer.import_text("Ana's article. The minister said 12 schools opened.")
        finally:
            began = time.monotonic()
            desk.close()
        # Waiting for the reader with the busy timeout, it took 5 s.
        took = time.monotonic() - began
        assert took < (CLOSE_WAITS_FOR_A_READ_MS + BUSY_TIMEOUT_MS) / 2000
        reader.execute("COMMIT")
    desk = Desk.open(path, read_only=True)
    try:
        assert len(desk.articles.list_articles()) == 2
    finally:
        desk.close()


def test_a_desk_opened_through_a_link_closing_beside_a_reader_leaves_its_saves_in_the_file(
    tmp_path: Path,
) -> None:
    """Opened through a link (`archive.fcdesk` linked to the file on the server), the
    desk looked for its -wal beside the link, found none, and so neither moved its saves
    into the file as it closed nor noticed its -wal deleted: the copy lacked them again."""
    real = tmp_path / "server" / "archive.fcdesk"
    real.parent.mkdir()
    Desk.open(real).close()
    link = tmp_path / "archive.fcdesk"
    link.symlink_to(real)
    with contextlib.closing(sqlite3.connect(f"{real.as_uri()}?mode=ro", uri=True)) as reader:
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        desk = Desk.open(link)
        try:
            desk.importer.import_text("Ben's article. The mayor said 40 bridges were built.")
            with Desk.reading_apart(link) as apart:  # a worker's reader beside it, as ever
                assert len(apart.articles.list_articles()) == 1
        finally:
            desk.close()
        assert _alone(real) == 1


def _sound_alone(path: Path) -> bool:
    """Does the file itself, read without its -wal (a copy of the file alone, a nightly
    backup of the folder), pass SQLite's integrity check?"""
    with contextlib.closing(
        sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    ) as db:
        try:
            return db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        except sqlite3.DatabaseError:
            return False


def _explanations_alone(path: Path) -> set[str]:
    """The explanations in the file itself, read without its -wal."""
    with contextlib.closing(
        sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    ) as db:
        return {row[0] for row in db.execute("SELECT explanation FROM reviews")}


def _read_begun(path: Path) -> sqlite3.Connection:
    """Datasette's connection (mode=ro) in the middle of a request: a read transaction
    begun now, which another thread ends."""
    reader = sqlite3.connect(
        f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
    )
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM reviews").fetchone()
    return reader


def _edit(desk: Desk, first: int, count: int) -> None:
    """`count` edits of the first article's reviews, as a reviewer types them."""
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
    for n in range(first, first + count):
        desk.reviews.set_text_field(ids[n % len(ids)], "explanation", f"edit {n}")
        desk.reviews.set_verdict(ids[n % len(ids)], ("true", "false", "mixed")[n % 3])


def test_a_desk_closing_during_a_short_read_leaves_the_file_alone_whole(tmp_path: Path) -> None:
    """Found by tests/stress/reader_kill_loop.py (Run 16): a close whose checkpoint met a
    read in progress moved SOME of the saves made since that read began into the file
    (SQLite leaves out only the pages saved again after it): the file alone was damaged
    ("database disk image is malformed"), not merely older, in 10 of 20 closes beside a
    Datasette answering requests, and stayed so while Datasette served it. The close now
    waits for a read in progress, as long as Datasette lets a request run."""
    path = tmp_path / "archive.fcdesk"
    desk = Desk.open(path)
    desk.importer.ensure_seeded(SEED_FILE.parent)
    desk.close()
    desk = Desk.open(path)
    try:
        _edit(desk, 0, 30)  # in the -wal (no pause yet to move them into the file)
        reader = _read_begun(path)  # a request begins
        _edit(desk, 30, 30)  # typed during it, on the same pages
        ender = threading.Timer(0.3, reader.execute, ["COMMIT"])  # the request ends
        ender.start()
    finally:
        desk.close()
    ender.join()
    reader.close()
    assert path.with_name(path.name + "-wal").stat().st_size == 0  # nothing waits there
    assert _sound_alone(path)
    alone = _explanations_alone(path)
    assert "edit 59" in alone  # the last
    with contextlib.closing(sqlite3.connect(path)) as db:  # with the -wal, if any
        assert alone == {row[0] for row in db.execute("SELECT explanation FROM reviews")}


def test_a_desk_left_open_beside_a_reader_makes_the_file_alone_whole_again(
    tmp_path: Path,
) -> None:
    """The window's look moves the saves into the file on a pause (a passive checkpoint,
    which never waits). One that met a read in progress moved some of them: the file
    alone held two moments, and the look counted the saves as moved, so it stayed damaged
    while the desk stayed open without a new edit (a desk left open overnight beside
    Datasette: the nightly copy of the folder damaged). The next look tries again."""
    path = tmp_path / "archive.fcdesk"
    desk = Desk.open(path)
    desk.importer.ensure_seeded(SEED_FILE.parent)
    desk.close()
    desk = Desk.open(path)
    try:
        _edit(desk, 0, 30)
        reader = _read_begun(path)  # a request begins
        _edit(desk, 30, 30)
        desk.settle_saves()
        desk.settle_saves()  # a pause, during the request
        reader.execute("COMMIT")  # the request ends
        reader.close()
        desk.settle_saves()  # the next look, no edit since
        assert _sound_alone(path)
        assert "edit 59" in _explanations_alone(path)
    finally:
        desk.close()


def test_a_crashed_desk_reopened_as_another_program_merges_its_wal_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by tests/stress/reader_kill_loop.py (Run 16, seed 3211, round 74): a desk
    killed while a plain `sqlite3` reader had the workspace open, reopened just as that
    reader closed. The reader, the last connection, moved the crash's -wal into the file
    and deleted it while the open was looking at it: "Cannot check the unmerged changes
    beside … (No such file or directory); nothing was changed.", and the workspace did
    not open. Every save was in the file by then."""
    path = tmp_path / "archive.fcdesk"
    crash = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from factcheck_app.services.desk import Desk\n"
        "desk = Desk.open(Path(sys.argv[1]), backup=False)\n"
        'desk.importer.import_text("Ben\'s article. The mayor said 40 bridges were built.")\n'
        "os._exit(0)  # a crash: the saves stay in the -wal\n"
    )
    subprocess.run([sys.executable, "-c", crash, str(path)], check=True, cwd=REPO_ROOT)
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    looking = wal_check.wal_unfit

    def reader_closes_meanwhile(workspace: Path) -> object:
        with contextlib.closing(sqlite3.connect(workspace)) as reader:  # the last to close
            reader.execute("SELECT count(*) FROM articles").fetchone()
        return looking(workspace)

    monkeypatch.setattr(wal_check, "wal_unfit", reader_closes_meanwhile)
    desk = Desk.open(path, backup=False)
    try:
        assert [a.title for a in desk.articles.list_articles()] == ["Ben's article."]
    finally:
        desk.close()


def test_a_background_writer_closing_beside_a_long_read_does_not_hold_up_the_window(
    tmp_path: Path,
) -> None:
    """A thread writing beside the window (the search index's rebuild, a removal of
    left-overs: `open_writer`) closes while another program holds a long read (a `sqlite3`
    shell left in BEGIN). Its close's checkpoint waited for that read with the close's
    wait, holding the workspace's write lock all along (SQLite's TRUNCATE takes it first):
    a verdict pressed in the window meanwhile froze it for up to 3 s. The window's own
    look moves those saves into the file once the read ends; the thread's close need not
    wait."""
    path = tmp_path / "archive.fcdesk"
    desk = Desk.open(path)
    desk.importer.ensure_seeded(SEED_FILE.parent)
    desk.close()
    desk = Desk.open(path)
    try:
        _edit(desk, 0, 30)
        reader = _read_begun(path)  # a `sqlite3` shell in BEGIN, for as long as it likes
        _edit(desk, 30, 30)  # saved after that read began: the checkpoint waits for it
        background = workspace_files.open_writer(path)
        closing = threading.Thread(target=background.close)
        closing.start()
        closing.join(timeout=0.5)  # its checkpoint under way (or done)
        began = time.monotonic()
        _edit(desk, 60, 1)  # the verdict pressed meanwhile
        took = time.monotonic() - began
        closing.join()
        reader.execute("COMMIT")
        reader.close()
        assert took < 1.0
        desk.settle_saves()
        desk.settle_saves()  # the window's looks, a pause: the file alone is whole again
        assert _sound_alone(path)
        assert "edit 60" in _explanations_alone(path)
    finally:
        desk.close()


def test_a_look_that_meets_another_checkpoint_beside_a_reader_tries_again(
    tmp_path: Path,
) -> None:
    """The window's look met another connection's checkpoint under way (one waiting for
    a reader: a thread's or another program's close): SQLite then moves nothing and says
    so with -1 frames, and the look counted the saves as settled. That other checkpoint,
    given up on, left the file alone with pages of two moments, and it stayed so while
    the desk stayed open without a new edit (the nightly copy of the folder damaged)."""
    path = tmp_path / "archive.fcdesk"
    desk = Desk.open(path)
    desk.importer.ensure_seeded(SEED_FILE.parent)
    desk.close()
    desk = Desk.open(path)
    try:
        _edit(desk, 0, 30)
        reader = _read_begun(path)  # a request begins
        _edit(desk, 30, 30)
        desk.settle_saves()  # a look while typing
        with contextlib.closing(
            sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        ) as other:
            other.execute("PRAGMA busy_timeout = 2500")  # waits for the reader, then gives up
            checkpoint = threading.Thread(
                target=lambda: other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            )
            checkpoint.start()
            checkpoint.join(timeout=0.3)  # under way, waiting for the reader
            assert checkpoint.is_alive()
            desk.settle_saves()  # the pause's look, meeting it
            checkpoint.join()
        reader.execute("COMMIT")  # the request ends
        reader.close()
        desk.settle_saves()
        desk.settle_saves()  # the next looks, no edit since
        assert _sound_alone(path)
        assert "edit 59" in _explanations_alone(path)
    finally:
        desk.close()


def test_a_close_that_waits_for_a_read_says_so_first_and_still_moves_every_save(
    tmp_path: Path,
) -> None:
    """The window's close waited 3 s for a read with nothing on the screen: `on_wait` is
    called (on the closing thread, with the longest wait) once the close waits, and the
    close goes on only after its checkpoint, even when `on_wait` fails."""
    path = tmp_path / "archive.fcdesk"
    desk = Desk.open(path)
    desk.importer.ensure_seeded(SEED_FILE.parent)
    desk.close()
    told: list[tuple[float, str]] = []
    desk = Desk.open(path)
    try:
        _edit(desk, 0, 30)
        reader = _read_begun(path)
        _edit(desk, 30, 30)  # saved after that read began: the close waits for it

        def waiting(seconds: float) -> None:
            told.append((seconds, threading.current_thread().name))
            reader.execute("COMMIT")  # the request ends
            raise RuntimeError("the window could not say it")

        with pytest.raises(RuntimeError):
            desk.close(on_wait=waiting)
    finally:
        desk.close()
    reader.close()
    assert told == [(CLOSE_WAITS_FOR_A_READ_MS / 1000, threading.current_thread().name)]
    assert desk.closed
    assert desk.workspace.file_key is None  # closed all the same: nothing left connected
    assert _sound_alone(path)
    assert "edit 59" in _explanations_alone(path)


def test_a_close_with_no_read_in_progress_says_nothing_of_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No reader: the close does not wait for one. Told apart from a close that does by
    the time it may take, short of the 3 s it waits for a read: at 0.2 s a slow CI disk's
    flush alone (which the close cannot tell from a read, and says as a maybe) failed it."""
    monkeypatch.setattr(
        workspace_files, "CLOSE_SAYS_IT_WAITS_AFTER_S", CLOSE_WAITS_FOR_A_READ_MS / 1000 - 0.5
    )
    path = tmp_path / "archive.fcdesk"
    desk = Desk.open(path)
    desk.importer.ensure_seeded(SEED_FILE.parent)
    _edit(desk, 0, 30)
    told: list[float] = []
    desk.close(on_wait=told.append)
    assert told == []
    assert "edit 29" in _explanations_alone(path)
