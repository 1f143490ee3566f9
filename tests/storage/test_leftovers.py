"""What a desk killed in the middle of a write (kill -9, a power cut) leaves behind, and
what the next run makes of it: no work lost, nothing left that grows without bound, nothing
a later run takes for a workspace, and nothing removed that is not certainly ours and dead.

Each crash here is a real SIGKILL of a child process at a chosen step."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceFull, WorkspaceInUse
from factcheck_app.services import workspace_files
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import atomic
from factcheck_app.storage import backups, cleaning, locking, scratch
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
from factcheck_app.domain.errors import WorkspaceFull, WorkspaceInUse
from factcheck_app.services import workspace_files
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import atomic
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
from factcheck_app.storage import backups, cleaning, locking, scratch
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
    if not path.exists():  # killed between moving it and putting the copy in its place
        desk = Desk.open(path, backup=False)
        desk.close()
        assert any("this is the restored backup" in notice for notice in desk.notices)
    verdict = _first_verdict(path)
    assert verdict in ("true", "false")  # the old workspace, or the restored backup
    assert not list(path.parent.glob("*.restoring*"))
    if verdict == "false":  # restored: the replaced workspace is kept whole
        kept = [p for p, _, reason in backups._backup_files(path) if reason == "before-restore"]
        assert len(kept) == 1 and _first_verdict(kept[0], read_only=True) == "true"
    assert _first_verdict(path) == verdict  # and it stays so


@pytest.mark.parametrize("step", [0, 1], ids=["copying", "copied"])
def test_a_restore_killed_before_it_replaced_anything_is_told_at_the_next_open(
    crashed_workspace: tuple[Path, Path], step: int
) -> None:
    """Killed while it copied the backup, or before it moved the workspace aside: the
    next open removed its copy and said nothing, so the window came back on the very
    workspace the reviewer had asked to turn away from, as if restored. Now it says
    that nothing was restored, once."""
    path, backup = crashed_workspace
    run_until_killed(RESTORE_KILLED, path, backup, step)
    assert path.exists() and backups.restoring_path(path).exists()
    desk = Desk.open(path, backup=False)
    desk.close()
    [said] = [notice for notice in desk.notices if "restore from a backup" in notice]
    assert said.startswith("A restore from a backup stopped before it was done")
    assert "nothing was restored: this is the workspace as it was before it" in said
    assert "File → Restore from Backup" in said
    assert not list(path.parent.glob("*.restoring*"))
    assert _first_verdict(path) == "true"  # the workspace's own last edit, not the backup's
    again = Desk.open(path, backup=False)
    again.close()
    assert not any("restore from a backup" in notice for notice in again.notices)


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


# -- merging an older colleague's workspace --------------------------------------------------

OLDER = REPO_ROOT / "tests" / "data" / "workspaces" / "schema-v2.fcdesk"


def _fill(disk: Path, leave: int) -> None:
    (disk / "filler").write_bytes(b"\0" * max(0, shutil.disk_usage(disk).free - leave))


def _merge_copies(*folders: Path) -> list[str]:
    return [p.name for folder in folders for p in folder.rglob("*merge*")]


def test_an_older_colleague_is_merged_beside_the_backups_when_the_temporary_folder_is_small(
    tmp_path: Path, small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Their older workspace is migrated in a copy, which went to the temporary folder
    only: on a locked-down machine with a small one (a quota, a RAM disk) the merge
    failed. It now goes beside the reviewer's backups, as the crash check's copy does,
    and is removed after."""
    theirs = tmp_path / "colleague.fcdesk"
    shutil.copy(OLDER, theirs)
    _fill(small_disk, leave=OLDER.stat().st_size // 2)
    monkeypatch.setattr(tempfile, "tempdir", str(small_disk))
    desk = Desk.open(tmp_path / "mine.fcdesk", backup=False)
    try:
        assert desk.merge.merge(theirs).articles_added >= 1
    finally:
        desk.close()
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
    assert _merge_copies(tmp_path) == []


def test_no_room_anywhere_for_the_copy_says_so_and_changes_nothing(
    tmp_path: Path, small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = tmp_path / "colleague.fcdesk"
    shutil.copy(OLDER, theirs)
    mine = small_disk / "mine.fcdesk"
    desk = Desk.open(mine, backup=False)
    try:
        desk.importer.import_file(SEED_FILE)
        before = desk.articles.list_articles()
        _fill(small_disk, leave=OLDER.stat().st_size // 2)
        monkeypatch.setattr(tempfile, "tempdir", str(small_disk))
        with pytest.raises(WorkspaceFull) as refused:
            desk.merge.merge(theirs)
        assert desk.articles.list_articles() == before
    finally:
        desk.close()
    message = str(refused.value)
    assert "no room in the temporary folder or beside your workspace" in message
    assert "nothing was changed" in message and "colleague.fcdesk" in message
    assert _merge_copies(tmp_path, small_disk) == []


MERGE_KILLED = """
from pathlib import Path
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import atomic
from factcheck_app.storage import other_workspace
real = other_workspace._migrated_copy
def migrated_then_killed(*args):
    real(*args)
    die()
other_workspace._migrated_copy = migrated_then_killed
Desk.open(Path(sys.argv[1]), backup=False).merge.merge(Path(sys.argv[2]))
"""


def test_a_copy_left_by_a_merge_that_was_killed_is_removed_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each such copy is as large as their workspace, and stayed in the temporary folder
    for ever."""
    temp = tmp_path / "temp"
    temp.mkdir()
    theirs, mine = tmp_path / "colleague.fcdesk", tmp_path / "mine.fcdesk"
    shutil.copy(OLDER, theirs)
    run_until_killed(MERGE_KILLED, mine, theirs, temp=temp)
    assert _merge_copies(temp)  # the killed merge's copy
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    desk = Desk.open(mine, backup=False)
    try:
        assert desk.merge.merge(theirs).articles_added >= 1
    finally:
        desk.close()
    assert _merge_copies(temp) == []


# -- a cleaned copy --------------------------------------------------------------------------

CLEANING_KILLED = """
from pathlib import Path
from factcheck_app.storage import cleaning
real = cleaning._copy_into
def copied_then_killed(*args):
    real(*args)
    die()
cleaning._copy_into = copied_then_killed
cleaning.open_cleaned_copy(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def _workspace(path: Path) -> Path:
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_file(SEED_FILE)
    finally:
        desk.close()
    return path


def test_a_cleaned_copy_killed_half_way_leaves_a_folder_the_next_cleaning_removes(
    tmp_path: Path,
) -> None:
    """A cleaned copy is made in a `.cleaning-…` folder beside it, as large as the copy
    (170 MB for a year's workspace); one left by each killed cleaning stayed for ever."""
    source = _workspace(tmp_path / "colleague.fcdesk")
    run_until_killed(CLEANING_KILLED, source, tmp_path / "colleague-cleaned.fcdesk")
    assert [p.name[:10] for p in tmp_path.glob(".cleaning-*")] == [".cleaning-"]
    assert not (tmp_path / "colleague-cleaned.fcdesk").exists()  # no half copy by its name
    copy = cleaning.open_cleaned_copy(source, cleaning.cleaned_copy_path(source))
    assert copy.path.name == "colleague-cleaned.fcdesk"
    assert not list(tmp_path.glob(".cleaning-*"))


# -- what is never removed -------------------------------------------------------------------

HOLDS_A_SCRATCH_FOLDER = """
import sys
from pathlib import Path
from factcheck_app.storage import scratch
with scratch.scratch_folder(Path(sys.argv[1]), ".cleaning-") as folder:
    (folder / "copy.fcdesk").write_bytes(b"a copy being written")
    print(folder.name, flush=True)
    sys.stdin.readline()
"""


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    for item in [path, *path.rglob("*")]:
        os.utime(item, (then, then), follow_symlinks=False)


def test_only_dead_scratch_of_the_desk_is_removed(tmp_path: Path) -> None:
    """Another desk's cleaning still running (even for hours: its lock says so), a folder
    with no owner made a minute ago (one being set up), and the user's own folders and
    files named alike stay; a folder whose desk was killed goes at once."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDS_A_SCRATCH_FOLDER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert holder.stdout is not None
        running = tmp_path / holder.stdout.readline().strip()
        _age(running, 7200)
        fresh = tmp_path / ".cleaning-fresh_01"
        users = [tmp_path / ".cleaning-notes", tmp_path / "cleaning-abcdefgh"]
        for folder in (fresh, *users):
            folder.mkdir()
            (folder / "x").write_text("mine")
        for folder in users:
            _age(folder, 7200)
        run_until_killed(
            "from pathlib import Path\nfrom factcheck_app.storage import scratch\n"
            "with scratch.scratch_folder(Path(sys.argv[1]), '.cleaning-'):\n    die()\n",
            tmp_path,
        )
        killed = [p for p in tmp_path.glob(".cleaning-*") if p not in (running, fresh, *users)]
        assert len(killed) == 1
        assert scratch.remove_stale_folders(tmp_path, ".cleaning-") == killed
        assert all(p.exists() for p in (running, fresh, *users))
    finally:
        holder.communicate("\n", timeout=30)
    assert not running.exists()  # its desk removes it when done


# -- exports ---------------------------------------------------------------------------------

EXPORT_KILLED = """
from pathlib import Path
from factcheck_app.services.reports import atomic
def killed(src, dst):
    die()
atomic.os.replace = killed
atomic.write_atomically(Path(sys.argv[1]), "# The report\\n" * 1000)
"""


def test_a_part_file_left_by_a_killed_export_is_removed_by_a_later_export(
    tmp_path: Path,
) -> None:
    """An export is written to a hidden part file beside the report, then renamed: one
    killed half-way left it there for ever. A later export into the folder removes it
    once it is certainly dead (unlocked and over an hour old); the user's own files named
    alike, and another export's part file being written, stay."""
    report = tmp_path / "report.md"
    run_until_killed(EXPORT_KILLED, report)
    (killed,) = [p for p in tmp_path.iterdir() if p.name.startswith(".report.md.")]
    assert killed.name.endswith(".part") and not report.exists()
    _age(killed, 7200)
    users = [tmp_path / n for n in ("x.part", ".report.md.abcdefgh.part", "report.md.part")]
    for own in users:
        own.write_text("the user's")
        _age(own, 7200)
    held = os.open(tmp_path / ".notes.md.k3j2h1g0.factcheck.part", os.O_CREAT | os.O_WRONLY)
    try:
        locking.try_os_lock(held)  # another desk exporting to this folder now, slowly
        _age(tmp_path / ".notes.md.k3j2h1g0.factcheck.part", 7200)
        atomic.write_atomically(tmp_path / "other.md", "# Another report\n")
    finally:
        os.close(held)
    assert not killed.exists()
    assert all(own.read_text() == "the user's" for own in users)
    assert (tmp_path / ".notes.md.k3j2h1g0.factcheck.part").exists()
    assert (tmp_path / "other.md").read_text() == "# Another report\n"


def test_a_file_named_like_a_part_file_and_a_line_break_is_the_users(tmp_path: Path) -> None:
    """A part file's name ends where the desk ends it. The pattern's `$` also matched
    before a final line break, so a file of the user's named like an export's part file
    and a line break after it was taken for a dead one and deleted by the next export
    into its folder (as a backup's name read so was fixed: backups._NAME)."""
    dead = tmp_path / ".notes.md.k3j2h1g0.factcheck.part"
    users = tmp_path / f"{dead.name}\n"
    for path in (dead, users):
        path.write_text("written")
        _age(path, 7200)
    atomic.write_atomically(tmp_path / "other.md", "# Another report\n")
    assert not dead.exists()  # the desk's own, dead: removed
    assert users.exists() and users.read_text() == "written"
    assert not scratch.is_part_file_name(users.name)  # nor refused as an export's target


# -- the copy rescued when the workspace file is replaced while open -------------------------

RESCUE_KILLED = """
import sqlite3
from pathlib import Path
from factcheck_app.storage import backups
def copy_half(conn, target, cancelled=None):
    backups.make_empty_file(target)
    dest = sqlite3.connect(target)
    conn.backup(dest, pages=1, progress=lambda *_: die())
backups._copy_into_file = copy_half
path = Path(sys.argv[1])
backups.rescue_copy(sqlite3.connect(path), path)
"""


def test_a_rescue_killed_half_way_leaves_nothing_named_as_the_rescued_work(
    tmp_path: Path,
) -> None:
    """The copy rescued from a workspace whose file was replaced while open was written
    under its final name (NAME-rescued-TIME.fcdesk): killed half-way, it stayed there as
    if it held the work, and opened as an empty workspace. It is now written to a part
    file and named only when complete; the part file is removed once dead."""
    path = _workspace(tmp_path / "w.fcdesk")
    run_until_killed(RESCUE_KILLED, path)
    assert not list(tmp_path.glob("*rescued*.fcdesk"))
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".w-rescued-")]
    assert left and all(scratch.is_part_file_name(p.name) for p in left)
    for part in left:
        _age(part, 7200)
    folder = backups.backup_dir(path)  # and a merge's copy killed there, a cleaning's here
    dead = [folder / ".factcheck-merge-k3j2h1g0", tmp_path / ".cleaning-abcd_123"]
    for scratch_folder in dead:
        scratch_folder.mkdir(parents=True)
        (scratch_folder / "copy.fcdesk").write_bytes(b"a copy")
        _age(scratch_folder, 7200)
    desk = Desk.open(path, backup=False)
    try:
        desk.upkeep.backup_now()  # a backup tidies the workspace's folder and its backups
    finally:
        desk.close()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".w-rescued-")]
    assert not any(p.exists() for p in dead)


def test_a_copy_that_cannot_be_removed_does_not_keep_the_workspace_shut(
    crashed_workspace: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder made read-only since the crash: the copy stays, the workspace opens."""
    path, backup = crashed_workspace
    run_until_killed(RESTORE_KILLED, path, backup, 1)

    def refused(_path: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(backups, "_remove_with_sidecars", refused)
    assert _first_verdict(path) == "true"
