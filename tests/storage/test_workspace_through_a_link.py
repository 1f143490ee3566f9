"""A workspace opened through a symbolic link (`desk.fcdesk` → the file on a second disk,
a shortcut) or in a folder reached through one: SQLite keeps its -wal and -shm beside the
file the link names, and a restore works on that file; what the desk looks for beside it
must be looked for there too."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.conftest import SEED_FILE
from tests.desk_left_open import desk_left_open
from tests.stress.harness import child_env, run_cli


def _workspace_with_a_backup(real: Path) -> tuple[backups.BackupInfo, int]:
    """A workspace at `real` with one backup of it, and a Denial given after that
    backup (the restore takes it back): the backup, and the sentence."""
    desk = Desk.open(real, backup=False)
    desk.importer.import_file(SEED_FILE)
    sid = desk.reviews.sentence_rows(1)[0].sentence.id
    desk.upkeep.backup_now()
    desk.reviews.set_tag(sid, Tag.DENIAL)
    desk.close()
    [backup] = backups.list_backups(real)
    return backup, sid


def _killed_after_moving_it_aside(real: Path, backup: Path) -> Path:
    """A restore killed (a power cut) after the workspace was moved into its backups
    folder and before the complete copy took its place: where the workspace went."""
    shutil.copyfile(backup, backups.restoring_path(real))  # the complete copy
    moved = backups.set_aside(real, "before-restore")
    assert not real.exists()
    return moved


def test_a_restore_through_a_link_killed_half_way_is_finished_at_the_next_open(
    tmp_path: Path,
) -> None:
    """Restored through a link (the restore works on the file it names), killed half-way:
    the link then led nowhere, and every open through it said "a link to …, which does
    not exist (is a disk not connected, or was the workspace moved?)" of a disk that was
    there. The restore was never finished, and the reviewer sent looking for a disk."""
    real = tmp_path / "disk2" / "desk.fcdesk"
    real.parent.mkdir()
    backup, sid = _workspace_with_a_backup(real)
    link = tmp_path / "desk.fcdesk"
    link.symlink_to(real)
    moved = _killed_after_moving_it_aside(real, backup.path)

    desk = Desk.open(link, backup=False)
    try:
        assert any("it has now been finished" in notice for notice in desk.notices)
        assert desk.reviews.review(sid).tag is None  # the backup's, from before the Denial
    finally:
        desk.close()
    assert link.is_symlink() and link.resolve() == real  # the two names still one file
    assert moved.exists() and not backups.restoring_path(real).exists()


def test_a_restore_through_a_link_killed_half_way_is_named_when_read_only(
    tmp_path: Path,
) -> None:
    """Read-only (`factcheck-app list`, a second window), the same half-done restore is
    said as it is, with the way to finish it, not as a disk not connected."""
    real = tmp_path / "disk2" / "desk.fcdesk"
    real.parent.mkdir()
    backup, _sid = _workspace_with_a_backup(real)
    link = tmp_path / "desk.fcdesk"
    link.symlink_to(real)
    _killed_after_moving_it_aside(real, backup.path)

    with pytest.raises(WorkspaceError) as refused:
        Desk.open(link, read_only=True)
    assert "a restore from a backup stopped half-way" in str(refused.value)
    assert "Open it once for editing" in str(refused.value)
    assert backups.restoring_path(real).exists()  # nothing done by a read


def test_a_dangling_link_with_no_restore_behind_it_is_still_refused(tmp_path: Path) -> None:
    """A link to a disk not connected stays refused: nothing is made where it points."""
    link = tmp_path / "desk.fcdesk"
    link.symlink_to(tmp_path / "disk2" / "desk.fcdesk")
    with pytest.raises(WorkspaceError, match="which does not exist"):
        Desk.open(link, backup=False)
    assert not (tmp_path / "disk2").exists()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="where a file went: Linux only")
@pytest.mark.parametrize("linked", ["the file", "its folder"])
def test_a_reader_through_a_link_waits_for_the_saves_left_at_the_old_name(
    tmp_path: Path, linked: str
) -> None:
    """A read-only window opened through a link, the file then moved (`mv` on the
    second disk): the desk editing it keeps its latest saves in the -wal at the old name,
    beside the file the link named, until its own look puts them into the file. The
    reader looked for that -wal beside the link, found none, and read the file at its new
    place at once, without those saves, and went on without them for good."""
    disk = tmp_path / "disk2"
    disk.mkdir()
    real = disk / "desk.fcdesk"
    Desk.open(real, backup=False).close()
    if linked == "the file":
        shown = tmp_path / "desk.fcdesk"
        shown.symlink_to(real)
    else:
        (tmp_path / "Documents").symlink_to(disk, target_is_directory=True)
        shown = tmp_path / "Documents" / "desk.fcdesk"
    editor = Desk.open(real, backup=False)
    reader = Desk.open(shown, read_only=True)
    try:
        editor.importer.import_file(SEED_FILE)  # into the -wal: a reader is connected
        assert real.with_name("desk.fcdesk-wal").stat().st_size > 0
        (disk / "2026").mkdir()
        moved = disk / "2026" / "desk.fcdesk"
        real.rename(moved)
        assert reader.moved_while_read() is None  # the editor's saves wait at the old name
        assert editor.keep_place()  # the editor's look: its saves put into the file
        assert reader.moved_while_read() == moved
    finally:
        reader.close()
        editor.close()


def test_a_cleaned_copy_through_a_link_keeps_the_saves_waiting_in_the_wal(
    tmp_path: Path,
) -> None:
    """Open a Cleaned Copy (`factcheck-app clean`) of a workspace given through a link
    (the shortcut the window opened): its desk crashed, its last saves wait in the -wal
    beside the file the link names. The cleaning looked for it beside the link, found
    none, read the file alone, and the copy lacked those saves without a word."""
    real = tmp_path / "disk2" / "desk.fcdesk"
    real.parent.mkdir()
    Desk.open(real, backup=False).close()
    with desk_left_open(real, "Ana") as desk:
        desk.do("import", "Ben's article. The mayor said 40 bridges were built.", "ben.txt")
        desk.do("crash")
    assert real.with_name("desk.fcdesk-wal").stat().st_size > 0
    link = tmp_path / "desk.fcdesk"
    link.symlink_to(real)
    run = run_cli(["clean", "-w", str(link)], child_env(tmp_path), timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Copied 1 article" in run.stdout + run.stderr


def test_a_workspace_through_a_link_with_an_unfinished_change_is_never_read_half_changed(
    tmp_path: Path,
) -> None:
    """Another program (sqlite3, a script) killed in the middle of a change to the file
    a link names leaves the change half in the file, the old pages in its -journal. Read
    by its own name, the read is refused until an open for editing undoes it; read
    through the link (`list`, a read-only window), the -journal was looked for beside the
    link, none was found, and the file was read alone: the change never made, shown half
    made (some sentences moved to paragraph 1, the rest not)."""
    real = tmp_path / "disk2" / "w.fcdesk"
    real.parent.mkdir()
    desk = Desk.open(real, backup=False)
    desk.importer.import_text(" ".join(f"Sentence number {n} is here." for n in range(3000)))
    desk.close()
    conn = sqlite3.connect(real, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")  # as a backup or a cleaned copy is
    conn.close()
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 10')\n"  # small: changed pages spill into the file
        "c.execute('BEGIN')\n"
        "c.execute('UPDATE sentences SET paragraph = 1')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(real)], check=True)
    assert real.with_name("w.fcdesk-journal").stat().st_size > 0
    link = tmp_path / "w.fcdesk"
    link.symlink_to(real)
    with pytest.raises(WorkspaceError, match="unfinished change"):
        Desk.open(link, read_only=True)
    desk = Desk.open(link, backup=False)  # opening it for editing undoes the change
    try:
        paragraphs = desk.workspace.db.execute("SELECT DISTINCT paragraph FROM sentences")
        assert [row[0] for row in paragraphs] == [0]
    finally:
        desk.close()


def test_a_link_to_a_backup_opens_it_read_only(tmp_path: Path) -> None:
    """A shortcut to a backup (`ln -s w-backups/w-…-manual.fcdesk monday.fcdesk`, to
    look at Monday's state) opened it for editing: work done there changed the backup,
    which no longer kept the past it stood for, and the rotation deletes it as backups
    are made. It opens read-only, as the backup by its own name does."""
    real = tmp_path / "w.fcdesk"
    backup, _sid = _workspace_with_a_backup(real)
    link = tmp_path / "monday.fcdesk"
    link.symlink_to(backup.path)
    before = backup.path.read_bytes()
    desk = Desk.open(link, backup=False)
    try:
        assert desk.read_only
        assert any("is a link to a backup" in notice for notice in desk.notices), desk.notices
    finally:
        desk.close()
    assert backup.path.read_bytes() == before


@pytest.mark.parametrize("read_only_folder", ["the file's", "the link's", "neither"])
def test_a_link_is_opened_for_editing_only_where_its_saves_and_backups_can_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_only_folder: str
) -> None:
    """SQLite makes the -wal and -shm beside the file a link names. A link in a folder
    that may be written, to a file in one that may not (an archive share mounted
    read-only), opened for editing, and each change then failed. A link in a read-only
    folder (one IT manages) to a file in her own: its backups are kept beside the link,
    so opened for editing every backup failed, Restore from Backup listed none and an
    older workspace's upgrade was refused; it opens read-only, naming the file to open."""
    real = tmp_path / "share" / "w.fcdesk"
    real.parent.mkdir()
    Desk.open(real, backup=False).close()
    (tmp_path / "links").mkdir()
    link = tmp_path / "links" / "w.fcdesk"
    link.symlink_to(real)
    locked = {"the file's": real.parent, "the link's": link.parent}.get(read_only_folder)
    access = os.access  # chmod does not stop root: the folder's answer, as a user's
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != locked and access(p, mode))
    desk = Desk.open(link, backup=False)
    try:
        assert desk.read_only == (read_only_folder != "neither")
        if read_only_folder == "the link's":
            assert any(str(real) in notice for notice in desk.notices)
    finally:
        desk.close()


def test_a_restore_through_a_link_lists_the_workspace_it_replaced_as_a_way_back(
    tmp_path: Path,
) -> None:
    """Restore from Backup in a window opened through a link lists the backups beside the
    link (where its backups are made). The workspace the restore replaced, the way back
    to the work done since that backup, went into the backups folder of the real file,
    a folder she never opened, and was not in the list: the way back looked gone."""
    real = tmp_path / "disk2" / "real.fcdesk"
    real.parent.mkdir()
    Desk.open(real, backup=False).close()
    link = tmp_path / "desk.fcdesk"
    link.symlink_to(real)
    desk = Desk.open(link, backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.upkeep.backup_now()
    sid = desk.reviews.sentence_rows(1)[0].sentence.id
    desk.reviews.set_tag(sid, Tag.DENIAL)  # after the backup: only the way back has it
    desk.close()
    [backup] = backups.list_backups(link)
    kept = backups.restore_backup(link, backup.path)
    listed = {b.path: b.reason for b in backups.list_backups(link)}
    assert kept in listed and listed[kept] == "before-restore", (kept, listed)
    assert link.is_symlink() and link.resolve() == real
    kept_back = backups.restore_backup(link, kept)  # the way back, taken
    assert kept_back is not None
    desk = Desk.open(link, backup=False)
    try:
        assert desk.reviews.review(sid).tag is Tag.DENIAL
    finally:
        desk.close()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="where a file went: Linux only")
def test_a_restore_through_a_link_seen_half_way_is_not_taken_for_a_move(tmp_path: Path) -> None:
    """A read-only window through the link, looking the moment a restore (in the window
    editing it) has set the file aside beside the link, before the backup is in place:
    that is no move ("the desk editing it goes on there" would be untrue)."""
    real = tmp_path / "disk2" / "real.fcdesk"
    real.parent.mkdir()
    Desk.open(real, backup=False).close()
    link = tmp_path / "desk.fcdesk"
    link.symlink_to(real)
    reader = Desk.open(link, read_only=True)
    try:
        kept = backups.set_aside(real, "before-restore", listed_with=link)
        assert kept.parent == backups.backup_dir(link)
        assert reader.moved_while_read() is None
    finally:
        reader.close()


def test_a_restore_through_a_link_that_cannot_be_finished_names_where_the_work_went(
    tmp_path: Path,
) -> None:
    """A restore through a link sets the workspace it replaces aside beside the link (in
    the list Restore from Backup shows). Killed half-way, its copy then unreadable (cut
    short by the power cut), the open said the workspace it replaced "is in" the real
    file's backups folder, a folder that does not hold it: sent there, she found no way
    back to her work, or restored an older backup from there. It names where it is."""
    real = tmp_path / "disk2" / "desk.fcdesk"
    real.parent.mkdir()
    _backup, _sid = _workspace_with_a_backup(real)
    link = tmp_path / "desk.fcdesk"
    link.symlink_to(real)
    backups.restoring_path(real).write_bytes(b"cut short")  # the copy, unreadable
    moved = backups.set_aside(real, "before-restore", listed_with=link)
    assert moved.parent == backups.backup_dir(link)

    with pytest.raises(WorkspaceError) as refused:
        Desk.open(link, backup=False)
    said = str(refused.value)
    assert str(moved) in said, said
    assert str(backups.backup_dir(real)) not in said, said
    assert moved.exists()
