"""`NAME.fcdesk-wal` (and `-shm`) deleted while the workspace is open for writing: a
clean-up of "temporary files", a person tidying the folder. Every save, before and after,
must survive the program's crash and be seen by other programs."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceDamaged, WorkspaceError
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.conftest import REPO_ROOT, SEED_FILE

# The window in a process of its own: imports and tags, waits; tags and types again once
# told (after the files went), says so, and then waits to be killed or told to close.
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
    print("saved", flush=True)
    sys.stdin.readline()
    desk.reviews.set_tag(rows[1].sentence.id, Tag.DENIAL)
    desk.reviews.set_text_field(rows[1].sentence.id, "explanation", "typed after")
    print("saved after", flush=True)
    sys.stdin.readline()
    desk.close()
    print("closed", flush=True)
    """
)


def _list(path: Path) -> str:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "list", "-w", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("end", ["killed", "closed"])
def test_saves_after_the_wal_was_deleted_survive_a_crash(tmp_path: Path, end: str) -> None:
    """SQLite wrote on into the deleted -wal: `list` found the workspace empty (the import
    itself was in it), and a crash then lost the article and every tag for good."""
    path = tmp_path / "w.fcdesk"
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    window = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(path), str(SEED_FILE)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert window.stdin is not None and window.stdout is not None
        assert window.stdout.readline().strip() == "saved"
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink()
        window.stdin.write("\n")
        window.stdin.flush()
        assert window.stdout.readline().strip() == "saved after"
        assert _list(path).startswith("1\tAnkara")  # another program sees the saves
        if end == "killed":
            window.send_signal(signal.SIGKILL)
        else:
            window.stdin.write("\n")
            window.stdin.flush()
            assert window.stdout.readline().strip() == "closed"
        window.wait(timeout=60)
    finally:
        if window.poll() is None:
            window.kill()
            window.wait()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    desk = Desk.open(path)
    try:
        rows = desk.reviews.sentence_rows(1)
        assert [row.review.tag for row in rows[:2]] == [Tag.CLAIM, Tag.DENIAL]
        assert rows[1].review.explanation == "typed after"
        # A crash is still told as one: its last edits are listed.
        assert bool(desk.unconfirmed_edits) == (end == "killed")
        assert desk.keep_saves() == ""  # a new -wal, nothing to say
    finally:
        desk.close()


def test_nothing_opened_beside_a_workspace_whose_wal_was_deleted_is_called_damaged(
    seeded_desk: Desk,
) -> None:
    """An import (its own connection, beside the window's) or Check Workspace after the
    -wal was deleted was told "The workspace … is damaged … restore it from a backup":
    SQLite refused its reads as a disk error. It says what happened and what to do."""
    path = seeded_desk.path
    assert path is not None
    Path(f"{path}-wal").unlink()
    with pytest.raises(WorkspaceError, match="was deleted by another program") as refused:
        seeded_desk.open_helper()
    assert not isinstance(refused.value, WorkspaceDamaged)
    assert "quit the desk and start it again" in str(refused.value)
    ended: list[str | None] = []
    seeded_desk.upkeep.start_check(lambda check: ended.append(check.error)).finish()
    assert ended and ended[0] is not None and "was deleted by another program" in ended[0]
    sid = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    seeded_desk.reviews.set_tag(sid, Tag.FACT)  # the window itself saves on
    seeded_desk.close()
    desk = Desk.open(path)  # opened again: all is as ever
    try:
        assert desk.reviews.review(sid).tag is Tag.FACT
        desk.open_helper().close()
    finally:
        desk.close()


def test_no_backup_is_made_beside_a_workspace_whose_wal_was_deleted(seeded_desk: Desk) -> None:
    """A backup reads through a connection of its own, as an import does: beside the
    window's, which still holds the deleted -wal, it made a new, empty one and read the
    workspace through it, and failed as "disk I/O error" whenever a save was not yet in
    the file. Back Up Now says what happened and what to do, as an import does; the
    window's look every 10 minutes makes none."""
    path = seeded_desk.path
    assert path is not None
    Path(f"{path}-wal").unlink()
    with pytest.raises(WorkspaceError, match="was deleted by another program"):
        seeded_desk.upkeep.start_backup("manual")
    assert not Path(f"{path}-wal").exists()  # no new, empty one made beside the window's
    assert seeded_desk.upkeep.start_backup_if_due() is None
