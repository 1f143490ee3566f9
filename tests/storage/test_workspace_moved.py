"""The workspace file moved, renamed or replaced while the window has it open (a reviewer
tidying the folder in the file manager, a sync tool writing its version over the name).
SQLite writes on into the open file, but its -wal (the recent saves) stays at the old
name: every save since the last checkpoint must survive a crash, at the file's new place."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.conftest import REPO_ROOT, SEED_FILE

# The window in a process of its own: imports, tags and types; once told, takes the
# look it takes every second and prints what it would tell; then waits to be killed.
WINDOW = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from factcheck_app.domain.models import Tag
    from factcheck_app.services.desk import Desk
    desk = Desk.open(Path(sys.argv[1]), purpose="the desk window")
    desk.importer.import_file(Path(sys.argv[2]))
    rows = desk.reviews.sentence_rows(1)
    desk.reviews.set_tag(rows[0].sentence.id, Tag.CLAIM)
    desk.reviews.set_text_field(rows[0].sentence.id, "explanation", "an hour of sourcing")
    print("saved", flush=True)
    sys.stdin.readline()
    print(repr(desk.keep_place()), flush=True)
    sys.stdin.readline()
    """
)


def _window(path: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(path), str(SEED_FILE)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def _look_then_kill(window: subprocess.Popen[str]) -> str:
    """The window's look (as its timer takes it), what it says, then SIGKILL."""
    assert window.stdin is not None and window.stdout is not None
    try:
        window.stdin.write("\n")
        window.stdin.flush()
        told = window.stdout.readline().strip()
        window.send_signal(signal.SIGKILL)
        window.wait(timeout=60)
    finally:
        if window.poll() is None:
            window.kill()
            window.wait()
    return told


def _saved(window: subprocess.Popen[str]) -> None:
    assert window.stdout is not None
    assert window.stdout.readline().strip() == "saved"


@pytest.mark.parametrize("moved", ["file", "folder"])
def test_saves_before_a_move_are_in_the_file_at_its_new_place_after_a_crash(
    tmp_path: Path, moved: str
) -> None:
    """`mv w.fcdesk 2026/` (or the folder renamed) while the window was open, then a crash:
    the workspace opened at its new place without the article imported and tagged there
    (its saves were in w.fcdesk-wal, left at the old name), an empty workspace."""
    folder = tmp_path / "Election"
    folder.mkdir()
    path = folder / "w.fcdesk"
    window = _window(path)
    _saved(window)
    if moved == "file":
        (folder / "2026").mkdir()
        new = folder / "2026" / "w.fcdesk"
        path.rename(new)
    else:
        new = tmp_path / "Election 2026" / "w.fcdesk"
        folder.rename(new.parent)
    told = _look_then_kill(window)
    assert f"was moved to {new} while it was open here" in told
    assert "Nothing is lost" in told
    assert not list(tmp_path.rglob("*rescued*"))  # the file itself holds it: no copy
    with contextlib.closing(sqlite3.connect(new)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    desk = Desk.open(new)
    try:
        [row, *_] = desk.reviews.sentence_rows(1)
        assert row.review.tag is Tag.CLAIM
        assert row.review.explanation == "an hour of sourcing"
    finally:
        desk.close()


def test_a_workspace_replaced_while_open_keeps_its_saves_out_of_the_new_file(
    tmp_path: Path,
) -> None:
    """A sync tool writing its version over the name while the window was open, then a
    crash before the next save: the window's last saves were in the -wal at the name,
    which the next open paired with the new file. Noticed by the look, they are copied
    out whole, and the new file stays as it came."""
    path = tmp_path / "w.fcdesk"
    window = _window(path)
    _saved(window)
    other = tmp_path / ".sync-tmp"
    with contextlib.closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE t (x)")
    arrived = other.read_bytes()
    os.replace(other, path)
    told = _look_then_kill(window)
    assert "was replaced by another file while it was open here" in told
    [rescued] = tmp_path.glob("w-rescued-*.fcdesk")
    assert rescued.name in told
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # nothing to pair with the new file
    assert path.read_bytes() == arrived
    desk = Desk.open(rescued, backup=False)
    try:
        assert desk.reviews.sentence_rows(1)[0].review.explanation == "an hour of sourcing"
    finally:
        desk.close()


def test_an_edit_after_a_move_is_refused_naming_where_the_workspace_is(tmp_path: Path) -> None:
    """After the move (noticed or not), the next tag is refused in words that say where
    the workspace now is; nothing claimed saved, and nothing left at the old place."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_text("The census counted 84 million people. Turnout was 60 percent.")
    sid = desk.reviews.sentence_rows(1)[0].sentence.id
    desk.reviews.set_tag(sid, Tag.FACT)
    new = tmp_path / "archive" / "w.fcdesk"
    new.parent.mkdir()
    shutil.move(path, new)
    with pytest.raises(WorkspaceError, match="the change was NOT saved") as refused:
        desk.reviews.set_tag(sid, Tag.CLAIM)
    assert f"moved to {new} while it was open here" in str(refused.value)
    assert desk.moved_to == new
    assert desk.keep_place() == ""  # told already, by the refusal
    desk.close()
    assert not path.exists()  # no new, empty workspace made at the old name
    kept = Desk.open(new, backup=False)
    try:
        assert kept.reviews.review(sid).tag is Tag.FACT
    finally:
        kept.close()


def test_a_workspace_in_its_place_is_told_nothing(seeded_desk: Desk) -> None:
    assert seeded_desk.keep_place() == ""
    assert seeded_desk.moved_to is None


# The next start: a process of its own, which remembers nothing of the one that closed.
NEXT_START = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from factcheck_app.services.desk import Desk
    desk = Desk.open(Path(sys.argv[1]), purpose="the desk window", backup=False)
    print(len(desk.unconfirmed_edits), desk.unclosed_without_wal, desk.copied_while_open)
    desk.close()
    """
)


def test_a_workspace_moved_then_closed_opens_at_its_new_place_as_closed(tmp_path: Path) -> None:
    """The reviewer renamed the file, answered Later to "Open It There" and quit; the next
    day, opened where it now is, the desk said it "did not finish closing" it last time
    and listed edits to check, after having said "Nothing is lost" at the move."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, purpose="the desk window", backup=False)
    desk.importer.import_file(SEED_FILE)
    sid = desk.reviews.sentence_rows(1)[0].sentence.id
    desk.reviews.set_tag(sid, Tag.CLAIM)
    new = tmp_path / "w-2026.fcdesk"
    path.rename(new)
    assert "Nothing is lost" in desk.keep_place()
    desk.close()
    opened = subprocess.run(
        [sys.executable, "-c", NEXT_START, str(new)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
        check=True,
    )
    assert opened.stdout.split() == ["0", "False", "False"], opened.stderr
    again = Desk.open(new, backup=False)
    try:
        assert again.reviews.review(sid).tag is Tag.CLAIM  # and nothing lost
    finally:
        again.close()
