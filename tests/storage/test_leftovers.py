"""What a desk killed in the middle of a write (kill -9, a power cut) leaves behind, and
what the next run makes of it: no work lost, nothing left that grows without bound, nothing
a later run takes for a workspace, and nothing removed that is not certainly ours and dead.

Each crash here is a real SIGKILL of a child process at a chosen step."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceInUse
from factcheck_app.services import workspace_files
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from factcheck_app.storage.locking import WriterLock
from tests.conftest import REPO_ROOT, SEED_FILE


def _env(temp: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    if temp is not None:
        env["TMPDIR"] = str(temp)
    return env


def run_until_killed(code: str, *args: str | Path, temp: Path | None = None) -> None:
    """Run `code` in a child process, which must end by SIGKILL (`die()` in it)."""
    prelude = "import os, signal, sys\ndef die():\n    os.kill(os.getpid(), signal.SIGKILL)\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code), *map(str, args)],
        capture_output=True,
        text=True,
        env=_env(temp),
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr


def _first_verdict(path: Path, *, read_only: bool = False) -> str | None:
    desk = Desk.open(path, read_only=read_only, backup=False, session=False)
    try:
        rows = desk.reviews.sentence_rows(desk.articles.list_articles()[0].id)
        return desk.reviews.review(rows[0].sentence.id).verdict
    finally:
        desk.close()


# -- a restore killed at each step -----------------------------------------------------------

# The old workspace is left by a crash: its last verdict ("true") still in its -wal.
CRASH_WITH_A_VERDICT = """
from pathlib import Path
from factcheck_app.domain.errors import WorkspaceInUse
from factcheck_app.services import workspace_files
from factcheck_app.services.desk import Desk
desk = Desk.open(Path(sys.argv[1]), backup=False)
sid = desk.reviews.sentence_rows(1)[0].sentence.id
desk.reviews.set_verdict(sid, "true")
die()
"""

# Restore the backup, killed before the n-th rename (the old workspace and each file
# beside it moved into the backups folder, then the copy put in its place), or, n = 0,
# half-way through copying the backup.
RESTORE_KILLED = """
from pathlib import Path
from factcheck_app.storage import backups
from factcheck_app.storage.locking import WriterLock
workspace, backup, step = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
renames = 0
real_replace = os.replace
def replace(src, dst):
    global renames
    renames += 1
    if renames == step:
        die()
    real_replace(src, dst)
os.replace = replace
if step == 0:
    def copy_half(conn, target, cancelled=None):
        backups.make_empty_file(target)
        import sqlite3
        dest = sqlite3.connect(target)
        conn.backup(dest, pages=1, progress=lambda *_: die())
    backups._copy_into_file = copy_half
backups.restore_backup(workspace, backup)
die()
"""


@pytest.fixture
def crashed_workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace whose backup says "false" and whose crash left "true" in its -wal."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    sid = desk.reviews.sentence_rows(1)[0].sentence.id
    desk.reviews.set_verdict(sid, "false")
    backup = desk.upkeep.backup_now()
    desk.close()
    run_until_killed(CRASH_WITH_A_VERDICT, path)
    assert path.with_name(path.name + "-wal").stat().st_size > 32
    return path, Path(str(backup))


@pytest.mark.parametrize("step", [0, 1, 2, 3, 4, 5])
def test_a_restore_killed_at_any_step_leaves_a_workspace_that_opens(
    crashed_workspace: tuple[Path, Path], step: int
) -> None:
    """Killed after it had moved the workspace into the backups folder and before the
    copy of the backup took its place, the next open found no workspace and made a new,
    empty one there: the reviewer saw none of their work. Now the workspace opens at every
    step, as it was (its last edits included) or as restored, and the replaced one keeps
    every edit in the backups folder; no copy is left beside it."""
    path, backup = crashed_workspace
    run_until_killed(RESTORE_KILLED, path, backup, step)
    verdict = _first_verdict(path)
    assert verdict in ("true", "false")  # the old workspace, or the restored backup
    assert not list(path.parent.glob("*.restoring*"))
    if verdict == "false":  # restored: the replaced workspace is kept whole
        kept = [p for p, _, reason in backups._backup_files(path) if reason == "before-restore"]
        assert len(kept) == 1 and _first_verdict(kept[0], read_only=True) == "true"
    assert _first_verdict(path) == verdict  # and it stays so


def test_a_reader_is_told_to_finish_an_interrupted_restore(
    crashed_workspace: tuple[Path, Path],
) -> None:
    path, backup = crashed_workspace
    run_until_killed(RESTORE_KILLED, path, backup, 4)
    assert not path.exists()
    with pytest.raises(Exception, match="a restore from a backup stopped half-way"):
        Desk.open(path, read_only=True)
    assert not path.exists()  # a reader writes nothing
    assert _first_verdict(path) == "false"


def test_a_restore_is_refused_while_another_desk_writes_the_workspace(
    crashed_workspace: tuple[Path, Path],
) -> None:
    """The restore offered for a damaged or empty workspace took no writer lock: a command
    opening the workspace meanwhile found it missing and made a new one, which the restore
    then replaced under it."""
    path, backup = crashed_workspace
    before = path.read_bytes()
    lock = WriterLock.acquire(path, "the desk window")
    try:
        with pytest.raises(WorkspaceInUse, match="the desk window"):
            workspace_files.restore_backup(path, backup)
    finally:
        lock.release()
    assert path.read_bytes() == before
    assert workspace_files.restore_backup(path, backup) is not None
    assert _first_verdict(path) == "false"
