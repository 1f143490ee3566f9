"""The workspace survives bad files, crashes, full disks and version changes, and every
refusal leaves the user's file exactly as it was."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from factcheck_app.domain.errors import (
    BackupTooNew,
    WorkspaceDamaged,
    WorkspaceEmptyFile,
    WorkspaceError,
    WorkspaceFull,
    WorkspaceReadOnly,
)
from factcheck_app.domain.models import Status, Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups, migrations, wal_check, workspace
from factcheck_app.storage.workspace import filesystem_type, open_workspace
from tests.conftest import SEED_FILE


def make_workspace(path: Path) -> list[int]:
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    desk.reviews.set_tag(ids[0], Tag.CLAIM)
    desk.reviews.set_verdict(ids[0], "false")
    desk.close()
    return ids


def make_backed_up_workspace(path: Path) -> backups.BackupInfo:
    """`make_workspace(path)` with one backup of it made by hand: that backup, the only one."""
    make_workspace(path)
    desk = Desk.open(path, backup=False)
    desk.upkeep.backup_now()
    desk.close()
    [backup] = backups.list_backups(path)
    return backup


def test_truncated_workspace_is_reported_damaged_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = path.read_bytes()
    with pytest.raises(WorkspaceDamaged, match="damaged"):
        open_workspace(path)
    assert path.read_bytes() == before
    assert not path.with_name(path.name + "-wal").exists()


def test_corrupted_pages_are_reported_damaged(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data), page):  # scribble over every page but the first
        data[offset + 8 : offset + 200] = os.urandom(192)
    path.write_bytes(bytes(data))
    with pytest.raises(WorkspaceDamaged):
        open_workspace(path)


def garble_an_index_name(path: Path) -> None:
    """Damage the schema so that SQLite's message about it quotes bytes that are not
    UTF-8 ("malformed database schema (\xff)"), as a scribbled sqlite_master does."""
    conn = sqlite3.connect(path)
    (name,) = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchone()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET name = CAST(x'ff' AS TEXT), sql = 'CREATE INDEX z ON ('"
        " WHERE name = ?",
        [name],
    )
    conn.commit()
    conn.close()


def test_a_damaged_schema_whose_report_is_not_text_is_reported_damaged(tmp_path: Path) -> None:
    """Python cannot decode SQLite's message quoting the garbage and raised
    UnicodeDecodeError: the window said "unexpected error" and offered no backup."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    garble_an_index_name(path)
    before = path.read_bytes()
    with pytest.raises(WorkspaceDamaged):
        open_workspace(path)
    with pytest.raises(WorkspaceDamaged):
        Desk.open(path, read_only=True)
    assert path.read_bytes() == before


def test_a_backup_whose_schema_report_is_not_text_is_listed_as_unreadable(
    tmp_path: Path,
) -> None:
    """The restore dialog lists every backup; a garbled one is shown as unreadable instead
    of the listing failing, so the sound ones can still be restored."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    Desk.open(path).close()  # the first open makes a backup
    [sound] = backups.list_backups(path)
    garbled = sound.path.with_name(sound.path.name.replace("-auto", "-manual"))
    shutil.copy(sound.path, garbled)
    garble_an_index_name(garbled)
    listed = {b.path: b.article_count for b in backups.list_backups(path)}
    assert listed == {sound.path: 1, garbled: None}
    conn = sqlite3.connect(garbled)
    try:
        report = backups.check_database(conn)
    finally:
        conn.close()
    assert not report.ok


def test_a_backup_says_how_much_of_it_was_reviewed_and_is_left_as_it_was(
    tmp_path: Path,
) -> None:
    """The restore dialog tells two backups of a busy day apart by the work in them; read
    as the article count is, the backup is never changed."""
    path = tmp_path / "w.fcdesk"
    sentence_ids = make_workspace(path)
    desk = Desk.open(path)
    try:
        for sentence_id in sentence_ids[:2]:
            desk.reviews.set_status(sentence_id, Status.DONE)
        desk.reviews.set_status(sentence_ids[2], Status.IN_PROGRESS)  # not reviewed yet
        backup = desk.upkeep.backup_now()
    finally:
        desk.close()
    before = backup.read_bytes(), backup.stat().st_mtime_ns
    assert backups.backup_progress(backup) == (len(sentence_ids), 2)
    assert (backup.read_bytes(), backup.stat().st_mtime_ns) == before
    assert sorted(p.name for p in backup.parent.iterdir()) == sorted(
        b.path.name for b in backups.list_backups(path)
    )  # no journal or -wal left beside it


def test_a_backup_damaged_in_its_sentences_is_listed_by_its_articles_its_progress_unknown(
    tmp_path: Path,
) -> None:
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    Desk.open(path).close()  # the first open makes a backup
    [sound] = backups.list_backups(path)
    damaged = sound.path.with_name(sound.path.name.replace("-auto", "-manual"))
    shutil.copy(sound.path, damaged)
    conn = sqlite3.connect(damaged)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        query = "SELECT rootpage FROM sqlite_master WHERE tbl_name = 'sentences'"
        roots = [row[0] for row in conn.execute(query)]  # its table and its indexes
    finally:
        conn.close()
    with damaged.open("r+b") as file:
        for root in roots:
            if root:
                file.seek((root - 1) * page_size)
                file.write(b"\xee" * page_size)
    listed = {b.path: b.article_count for b in backups.list_backups(path)}
    assert listed == {sound.path: 1, damaged: 1}
    assert backups.backup_progress(sound.path) is not None
    assert backups.backup_progress(damaged) is None


def test_empty_file_error_is_its_own_kind(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    path.touch()
    with pytest.raises(WorkspaceEmptyFile):
        Desk.open(path)
    assert path.stat().st_size == 0


def test_opening_takes_a_rotating_backup_when_due(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    Desk.open(path).close()
    [first] = backups.list_backups(path)
    assert first.reason == "auto" and first.article_count == 1
    Desk.open(path).close()  # not due again yet
    assert len(backups.list_backups(path)) == 1
    desk = Desk.open(path)
    for _ in range(13):
        desk.upkeep.backup_now()
    desk.close()
    kinds = [b.reason for b in backups.list_backups(path)]
    assert kinds.count("manual") == 13 and kinds.count("auto") == 1  # asked for: all kept


def test_backup_is_consistent_while_the_workspace_is_open(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    ids = make_workspace(path)
    desk = Desk.open(path, backup=False)
    desk.reviews.set_tag(ids[1], Tag.FACT)  # sits in the WAL, not yet in the main file
    target = desk.upkeep.backup_now()
    desk.close()
    copy = Database(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT tag FROM reviews WHERE sentence_id = ?", [ids[1]]).fetchone() == (
        "fact",
    )


def test_restore_keeps_the_current_workspace_then_replaces_it(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    ids = make_workspace(path)
    desk = Desk.open(path)
    [backup] = backups.list_backups(path)
    desk.reviews.set_tag(ids[2], Tag.DENIAL)  # made after the backup
    desk.close()
    kept = backups.restore_backup(path, backup.path)
    assert kept is not None and kept.exists()
    restored = Desk.open(path, backup=False)
    assert restored.reviews.review(ids[2]).tag is None
    assert restored.reviews.review(ids[0]).verdict == "false"
    restored.close()
    old = Desk.open(kept, backup=False)
    assert old.reviews.review(ids[2]).tag is Tag.DENIAL
    old.close()


@pytest.mark.skipif(os.name != "posix", reason="file modes and umask are POSIX")
def test_a_group_can_still_write_a_restored_workspace(tmp_path: Path) -> None:
    """Under umask 002 (a group's shared folder), the backups and the workspace a backup
    restores were 0644 (SQLite's mode): after a restore, the colleagues of the group could
    only open the workspace read-only."""
    path = tmp_path / "w.fcdesk"
    previous = os.umask(0o002)
    try:
        make_workspace(path)
        Desk.open(path).close()
        [backup] = backups.list_backups(path)
        backups.restore_backup(path, backup.path)
    finally:
        os.umask(previous)
    assert oct(backup.path.stat().st_mode & 0o777) == oct(0o664)
    assert oct(path.stat().st_mode & 0o777) == oct(0o664)


def test_restore_over_a_damaged_file_sets_it_aside(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    Desk.open(path).close()
    [backup] = backups.list_backups(path)
    garbage = b"SQLite format 3\x00" + os.urandom(5000)
    path.write_bytes(garbage)
    kept = backups.restore_backup(path, backup.path)
    assert kept is not None and "damaged" in kept.name and kept.read_bytes() == garbage
    desk = Desk.open(path, backup=False)
    assert len(desk.articles.list_articles()) == 1
    desk.close()


def test_a_restore_that_runs_out_of_disk_leaves_the_workspace_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workspace used to be moved into the backups folder before the backup was
    copied: on a full disk the copy failed, the workspace was gone from its place (the
    window then opened a new, empty one there) and a raw SQLite error escaped."""
    path = tmp_path / "w.fcdesk"
    ids = make_workspace(path)
    Desk.open(path).close()
    [backup] = backups.list_backups(path)
    desk = Desk.open(path, backup=False)
    desk.reviews.set_tag(ids[2], Tag.DENIAL)  # made after the backup
    desk.close()
    before = path.read_bytes()
    real_connect = sqlite3.connect

    def connect_on_a_full_disk(database: object, *args: object, **kwargs: object) -> object:
        conn = real_connect(database, *args, **kwargs)  # type: ignore[arg-type]
        if str(database) != str(backup.path) and "mode=ro" not in str(database):
            conn.execute("PRAGMA max_page_count = 2")  # the copy of the backup: disk full
        return conn

    monkeypatch.setattr(backups.sqlite3, "connect", connect_on_a_full_disk)
    with pytest.raises(WorkspaceFull, match=r"disk is full.*nothing was changed"):
        backups.restore_backup(path, backup.path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w-backups", "w.fcdesk", "w.fcdesk.lock"]
    assert [b.path for b in backups.list_backups(path)] == [backup.path]
    desk = Desk.open(path, backup=False)
    assert desk.reviews.review(ids[2]).tag is Tag.DENIAL
    desk.close()


def damage_a_table_page(database: Path, table: str) -> None:
    """Overwrite one page of `table` (its root) with garbage, its schema left readable:
    a bad sector, or a sync that wrote part of the file."""
    conn = sqlite3.connect(database)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    [root] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()
    conn.close()
    data = bytearray(database.read_bytes())
    data[page_size * (root - 1) : page_size * root] = b"\x55" * page_size
    database.write_bytes(bytes(data))


def test_a_damaged_backup_is_never_put_in_the_workspaces_place(tmp_path: Path) -> None:
    """A backup whose schema reads but whose pages are damaged was listed and restored:
    the sound workspace went into the backups folder and the damaged copy took its
    place, which the window then could not open ("… is damaged and cannot be read …
    restore it from a backup"), its own workspace closed under it."""
    path = tmp_path / "w.fcdesk"
    ids = make_workspace(path)
    Desk.open(path).close()
    [backup] = backups.list_backups(path)
    damage_a_table_page(backup.path, "sentences")
    desk = Desk.open(path, backup=False)
    desk.reviews.set_tag(ids[2], Tag.DENIAL)  # made after the backup
    desk.close()
    before = path.read_bytes()
    with pytest.raises(
        WorkspaceDamaged, match=rf"{backup.path.name} is damaged.*nothing was changed"
    ):
        backups.restore_backup(path, backup.path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w-backups", "w.fcdesk", "w.fcdesk.lock"]
    assert [b.path for b in backups.list_backups(path)] == [backup.path]  # nothing set aside
    desk = Desk.open(path, backup=False)
    assert desk.reviews.review(ids[2]).tag is Tag.DENIAL
    desk.close()


def saved_by_a_newer_version(database: Path) -> None:
    """As a newer desk leaves a workspace or backup: its schema version above this one's."""
    conn = sqlite3.connect(database)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def test_a_backup_saved_by_a_newer_version_is_never_put_in_the_workspaces_place(
    tmp_path: Path,
) -> None:
    """A backup a newer desk made (tried for a week, then left; a colleague's, in a shared
    folder) was restored: the workspace then opened read-only ("saved by a newer
    version"), and Restore from Backup, the way back to the one it replaced, is refused
    in a read-only window. Nothing moves now, and the refusal says why."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    Desk.open(path).close()
    [backup] = backups.list_backups(path)
    saved_by_a_newer_version(backup.path)
    before = path.read_bytes()
    with pytest.raises(BackupTooNew, match=r"saved by a newer version.*Nothing was changed"):
        backups.restore_backup(path, backup.path)
    assert path.read_bytes() == before
    assert [b.path for b in backups.list_backups(path)] == [backup.path]  # nothing set aside
    desk = Desk.open(path, backup=False)
    assert not desk.read_only
    desk.close()


@pytest.fixture
def another_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on another disk than `tmp_path` (a RAM disk: /dev/shm on Linux)."""
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second disk (/dev/shm) here")
    folder = Path(tempfile.mkdtemp(dir=shm))
    yield folder
    shutil.rmtree(folder)


def test_a_restore_into_a_backups_folder_on_another_disk(
    tmp_path: Path, another_disk: Path
) -> None:
    """The backups folder a link to another disk (docs/safety.md allows it): every restore
    failed, "The workspace could not be moved into … (Invalid cross-device link)", as did
    setting a damaged workspace aside: no backup could ever be put back."""
    path = tmp_path / "w.fcdesk"
    (tmp_path / "w-backups").symlink_to(another_disk)
    ids = make_workspace(path)
    desk = Desk.open(path, backup=False)
    desk.upkeep.backup_now()
    desk.reviews.set_tag(ids[2], Tag.DENIAL)  # made after the backup
    desk.close()
    before = path.read_bytes()
    [backup] = backups.list_backups(path)
    kept = backups.restore_backup(path, backup.path)
    assert kept is not None and kept.parent == tmp_path / "w-backups"
    assert kept.read_bytes() == before  # every byte of the workspace it replaced
    assert sorted(p.name for p in another_disk.iterdir()) == sorted([backup.path.name, kept.name])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w-backups", "w.fcdesk", "w.fcdesk.lock"]
    restored = Desk.open(path, backup=False)
    assert restored.reviews.review(ids[2]).tag is None
    restored.close()
    # Taken back: "before a restore" restored in its turn.
    backups.restore_backup(path, kept)
    again = Desk.open(path, backup=False)
    assert again.reviews.review(ids[2]).tag is Tag.DENIAL
    again.close()


def test_a_damaged_workspace_beside_its_wal_is_restored_into_a_backups_folder_on_another_disk(
    tmp_path: Path, another_disk: Path
) -> None:
    """A workspace a killed desk left beside its -wal (damaged, the very one to restore)
    was still moved with os.replace: "could not be moved into … (Invalid cross-device
    link)", and no backup could be put back while the backups folder was on another disk.
    The workspace and its -wal (its last edits, maybe) go there whole."""
    path = tmp_path / "w.fcdesk"
    (tmp_path / "w-backups").symlink_to(another_disk)
    backup = make_backed_up_workspace(path)
    before = path.read_bytes()
    wal = b"the last edits, not yet in the file" * 100
    (tmp_path / "w.fcdesk-wal").write_bytes(wal)
    kept = backups.restore_backup(path, backup.path)
    assert kept is not None and kept.read_bytes() == before
    assert kept.with_name(kept.name + "-wal").read_bytes() == wal
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w-backups", "w.fcdesk", "w.fcdesk.lock"]
    assert not list(another_disk.glob("*.partial"))
    restored = Desk.open(path, backup=False)
    restored.close()


def test_an_empty_workspace_and_its_wal_are_set_aside_into_a_backups_folder_on_another_disk(
    tmp_path: Path, another_disk: Path
) -> None:
    """The 0-byte file a sync tool left beside the -wal still being written: "Make a new
    workspace" set it aside into the backups folder, which, on another disk, it could not
    ("Invalid cross-device link"): no new workspace could be made in its place."""
    from factcheck_app.services import workspace_files

    path = tmp_path / "w.fcdesk"
    (tmp_path / "w-backups").symlink_to(another_disk)
    path.write_bytes(b"")
    (tmp_path / "w.fcdesk-wal").write_bytes(b"w" * 4096)
    kept = workspace_files.set_aside_empty(path)
    assert kept is not None and kept.parent == tmp_path / "w-backups"
    assert kept.read_bytes() == b""
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"w" * 4096
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w-backups", "w.fcdesk.lock"]


def test_a_restore_killed_after_the_workspace_went_to_another_disk_is_finished(
    tmp_path: Path, another_disk: Path
) -> None:
    """Killed after the workspace was copied into a backups folder on another disk and
    removed, before its -wal followed: the next open finishes the restore, and it moved
    the -wal with os.replace: "finishing it failed (Invalid cross-device link)" at every
    open, and no workspace there."""
    path = tmp_path / "w.fcdesk"
    (tmp_path / "w-backups").symlink_to(another_disk)
    backup = make_backed_up_workspace(path)
    shutil.copyfile(backup.path, backups.restoring_path(path))  # the complete copy
    moved = another_disk / backup.path.name.replace("manual", "before-restore")
    shutil.copyfile(path, moved)
    path.unlink()
    (tmp_path / "w.fcdesk-wal").write_bytes(b"w" * 4096)
    said = backups.finish_interrupted_restore(path)
    assert said is not None and "finished" in said
    assert moved.with_name(moved.name + "-wal").read_bytes() == b"w" * 4096
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w-backups", "w.fcdesk", "w.fcdesk.lock"]
    Desk.open(path, backup=False).close()


def test_the_workspace_copied_to_another_disk_is_named_on_the_disk_before_it_goes(
    tmp_path: Path, another_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy into a backups folder on another disk was synced, but its folder was not
    before the workspace was removed: a power cut then could keep the removal (on the
    workspace's disk) and lose the copy's name (on the other): the workspace a restore
    replaced was nowhere. What the desk asks of each disk, in order, is looked at here."""
    path = tmp_path / "w.fcdesk"
    (tmp_path / "w-backups").symlink_to(another_disk)
    backup = make_backed_up_workspace(path)
    done: list[str] = []
    fsync, unlink = os.fsync, Path.unlink

    def synced(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            done.append(f"sync {os.path.realpath(f'/proc/self/fd/{fd}')}")
        fsync(fd)

    def removed(self: Path, missing_ok: bool = False) -> None:
        done.append(f"remove {self}")
        unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(os, "fsync", synced)
    monkeypatch.setattr(Path, "unlink", removed)
    backups.restore_backup(path, backup.path)
    assert f"remove {path}" in done
    assert f"sync {another_disk}" in done[: done.index(f"remove {path}")]


def test_a_stray_wal_set_aside_on_another_disk_is_on_that_disk_before_it_goes(
    tmp_path: Path, another_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A -wal that is not the workspace's own, set aside into a backups folder on another
    disk, was moved with shutil.move: copied, never synced, and removed at once. A power
    cut right after could keep the removal and lose the copy, or its name: the edits in
    it were nowhere. Its bytes and its name in that folder are now on the disk first."""
    path = tmp_path / "w.fcdesk"
    (tmp_path / "w-backups").symlink_to(another_disk)
    make_workspace(path)
    wal = path.with_name(path.name + "-wal")
    edits = b"another workspace's edits, kept whole" * 2000
    wal.write_bytes(edits)
    done: list[str] = []
    fsync, fdatasync, unlink = os.fsync, os.fdatasync, os.unlink

    def synced(real: Callable[[int], None]) -> Callable[[int], None]:
        def sync(fd: int) -> None:
            done.append(f"sync {os.path.realpath(f'/proc/self/fd/{fd}')}")
            real(fd)

        return sync

    def removed(name: str | os.PathLike[str], *, dir_fd: int | None = None) -> None:
        done.append(f"remove {os.fspath(name)}")
        unlink(name, dir_fd=dir_fd)

    monkeypatch.setattr(os, "fsync", synced(fsync))
    monkeypatch.setattr(os, "fdatasync", synced(fdatasync))
    monkeypatch.setattr(os, "unlink", removed)
    kept = wal_check.set_aside_wal(path)
    monkeypatch.undo()
    assert kept.parent == tmp_path / "w-backups" and kept.read_bytes() == edits
    assert not wal.exists() and not list(another_disk.glob("*.partial"))
    before_removal = done[: done.index(f"remove {wal}")]
    disk = os.path.realpath(another_disk)
    assert any(d.startswith(f"sync {disk}/") for d in before_removal)  # its bytes
    assert f"sync {disk}" in before_removal  # its name


def test_a_restore_into_a_share_that_keeps_no_modes(
    tmp_path: Path, another_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backups folder on a share that maps every user to one (or a FAT stick mounted for
    all) refuses chmod ("Operation not permitted"): the copy of the workspace, complete,
    was thrown away with the restore for its mode alone."""
    path = tmp_path / "w.fcdesk"
    (tmp_path / "w-backups").symlink_to(another_disk)
    backup = make_backed_up_workspace(path)
    before = path.read_bytes()
    chmod = os.chmod

    def refused(where: object, mode: int, **kwargs: object) -> None:
        if "w-backups" in str(where):  # the share, through its link
            raise PermissionError(1, "Operation not permitted", str(where))
        chmod(where, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "chmod", refused)
    kept = backups.restore_backup(path, backup.path)
    assert kept is not None and kept.read_bytes() == before


def test_a_restore_through_a_symbolic_link_restores_the_file_it_points_to(
    tmp_path: Path,
) -> None:
    """Restoring `link.fcdesk` moved the link into the backups folder and put a new file
    in its place: the real workspace kept its old state, and the two names parted."""
    real = tmp_path / "real.fcdesk"
    ids = make_workspace(real)
    link = tmp_path / "link.fcdesk"
    link.symlink_to(real.name)
    Desk.open(link).close()
    [backup] = backups.list_backups(link)
    desk = Desk.open(link, backup=False)
    desk.reviews.set_tag(ids[2], Tag.DENIAL)  # made after the backup
    desk.close()
    kept = backups.restore_backup(link, backup.path)
    assert kept is not None and not kept.is_symlink()
    assert link.is_symlink() and link.resolve() == real
    desk = Desk.open(real, backup=False)
    assert desk.reviews.review(ids[2]).tag is None
    desk.close()


def test_a_workspace_with_a_long_name_is_backed_up_and_opens_again(tmp_path: Path) -> None:
    """A backup is named after its workspace plus a time and a reason: for a workspace
    named with 230 letters (fine on disk) that name was too long for the file system, and
    every later writable open failed with "unexpected error (OSError: File name too
    long)". Backup names now shorten the workspace's name as far as they must."""
    path = tmp_path / ("é" * 115 + ".fcdesk")  # 237 bytes in UTF-8, as Linux counts
    ids = make_workspace(path)
    for _ in range(12):
        desk = Desk.open(path)
        desk.upkeep.backup_now()
        desk.close()
    listed = backups.list_backups(path)
    assert [b.reason for b in listed].count("manual") == 12
    assert [b.reason for b in listed].count("auto") == 1
    assert all(len(b.path.name.encode()) <= 255 and b.article_count == 1 for b in listed)
    desk = Desk.open(path, backup=False)
    desk.reviews.set_tag(ids[2], Tag.DENIAL)
    desk.close()
    kept = backups.restore_backup(path, listed[0].path)
    assert kept is not None and kept.exists() and len(kept.name.encode()) <= 255
    desk = Desk.open(path, backup=False)
    assert desk.reviews.review(ids[2]).tag is None
    desk.close()


def test_backups_dated_in_the_future_neither_stop_nor_swallow_new_ones(tmp_path: Path) -> None:
    """Backups made while the computer's clock was wrong (years ahead) sorted as the
    newest: no automatic backup was ever due again, and each Back Up Now was deleted by
    the rotation the moment it was made, while the desk said "Backup saved"."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    folder = backups.backup_dir(path)
    folder.mkdir()
    desk = Desk.open(path, backup=False)
    made = desk.upkeep.backup_now()
    desk.close()
    for second in range(10):  # the clock was a few years ahead
        (folder / f"w-20300101-0000{second:02d}-manual.fcdesk").write_bytes(made.read_bytes())
    (folder / "w-20300101-000000-auto.fcdesk").write_bytes(made.read_bytes())
    made.unlink()
    desk = Desk.open(path)  # the automatic backup is due: none was made in the last 4 hours
    target = desk.upkeep.backup_now()
    desk.close()
    assert target.exists()
    reasons = {b.path: b.reason for b in backups.list_backups(path)}
    assert target in reasons
    assert "auto" in [r for p, r in reasons.items() if not p.name.startswith("w-2030")]


def test_junk_in_the_backups_folder_never_stops_a_backup_or_an_open(tmp_path: Path) -> None:
    """The rotation deleted the oldest backups of a kind with a plain unlink: a folder
    named like a backup among them made it raise, and with it every writable open
    ("unexpected error (IsADirectoryError)")."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    folder = backups.backup_dir(path)
    folder.mkdir()
    (folder / "w-20200101-000000-auto.fcdesk").mkdir()  # oldest: the first to rotate out
    for day in range(1, 11):
        (folder / f"w-202001{day + 1:02d}-000000-auto.fcdesk").write_bytes(b"junk")
    (folder / "notes.txt").write_text("kept", encoding="utf-8")
    desk = Desk.open(path)  # the automatic backup is due
    assert not [n for n in desk.notices if "backup" in n.lower()]
    target = desk.upkeep.backup_now()
    desk.close()
    assert target.exists() and (folder / "notes.txt").exists()
    assert target in [b.path for b in backups.list_backups(path) if b.article_count]


def _crash_mid_transaction(path: Path) -> None:
    """Another program (sqlite3, a script) changes every sentence of a rollback-journal
    workspace in one transaction and is killed before it commits: its changed pages are
    partly in the file already, the old ones in NAME-journal (a "hot" journal)."""
    conn = sqlite3.connect(path, isolation_level=None)
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
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    assert path.with_name(path.name + "-journal").stat().st_size > 0


def test_a_workspace_with_an_unfinished_change_is_never_read_half_changed(
    tmp_path: Path,
) -> None:
    """Read-only opens fell back to reading the file alone when SQLite could not undo a
    crashed program's unfinished change (its -journal): they showed, exported and merged
    that never-committed change half-applied (here: some sentences moved to paragraph 1,
    the rest not, and the file passes the integrity check), or called the file damaged."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_text(" ".join(f"Sentence number {n} is here." for n in range(3000)))
    desk.close()
    _crash_mid_transaction(path)
    journal = path.with_name(path.name + "-journal")
    before = (path.read_bytes(), journal.read_bytes())
    with pytest.raises(WorkspaceError, match="unfinished change"):
        open_workspace(path, read_only=True)
    assert (path.read_bytes(), journal.read_bytes()) == before
    desk = Desk.open(path, backup=False)  # opening it for editing undoes the change
    paragraphs = desk.workspace.db.execute("SELECT DISTINCT paragraph FROM sentences")
    assert [row[0] for row in paragraphs] == [0]
    desk.close()


def test_a_backup_opened_as_a_workspace_is_only_read(tmp_path: Path) -> None:
    """A backup opened with File → Open Workspace was opened for editing: work done there
    changed the backup (no longer the past it stood for), and the rotation deleted it, with
    that work, the next time the real workspace was backed up."""
    path = tmp_path / "w.fcdesk"
    ids = make_workspace(path)
    Desk.open(path).close()
    [backup] = backups.list_backups(path)
    before = backup.path.read_bytes()
    desk = Desk.open(backup.path)
    try:
        assert desk.read_only
        assert any("is a backup" in notice for notice in desk.notices), desk.notices
        assert desk.reviews.review(ids[0]).verdict == "false"
    finally:
        desk.close()
    assert backup.path.read_bytes() == before
    assert not backups.backup_dir(backup.path).exists()


def test_a_backup_cut_short_by_a_crash_is_tidied_away_by_the_next(tmp_path: Path) -> None:
    """A backup is written as NAME.partial and renamed when complete; a program killed
    half-way left the partial file (as large as the workspace) for ever, each crash one
    more. The next backup removes those left over from earlier; a fresh one may be
    another program's backup in progress and is left alone."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    folder = backups.backup_dir(path)
    folder.mkdir()
    stale = [
        folder / "w-20261101-101010-auto.partial",
        folder / "w-20261101-101010-auto.partial-journal",
    ]
    for leftover in stale:
        leftover.write_bytes(b"x" * 10_000)
        os.utime(leftover, (0, 0))
    fresh = folder / "w-20261201-101010-manual.partial"
    fresh.write_bytes(b"being written")
    desk = Desk.open(path, backup=False)
    desk.upkeep.backup_now()
    desk.close()
    assert not any(leftover.exists() for leftover in stale)
    assert fresh.exists()


def test_a_workspace_replaced_while_open_is_not_written_on(tmp_path: Path) -> None:
    """A sync tool (or a copy) that puts another version of the file in the workspace's
    place while the desk has it open: the desk went on acknowledging edits, written to
    the file it had open (gone from the folder) and to a -wal that SQLite later merged
    into the new file, whose own content then vanished (here: an article). Now the next
    edit is refused in words, what the desk had is rescued into a file beside it, and the
    new file is left as it came."""
    path = tmp_path / "w.fcdesk"
    ids = make_workspace(path)
    other = tmp_path / "synced.fcdesk"
    shutil.copy(path, other)
    theirs = Desk.open(other, backup=False)
    theirs.importer.import_text("An article from the other computer. It must stay.")
    theirs.close()
    arrived = other.read_bytes()
    desk = Desk.open(path, backup=False)
    desk.reviews.set_tag(ids[3], Tag.FACT)  # saved before the file was replaced
    os.replace(other, path)  # the sync tool puts its version in place
    with pytest.raises(WorkspaceError, match="replaced") as refused:
        desk.reviews.set_tag(ids[4], Tag.CLAIM)
    desk.close()
    [rescued] = tmp_path.glob("w-rescued-*.fcdesk")
    assert rescued.name in str(refused.value)
    kept = Desk.open(rescued, backup=False)
    assert kept.reviews.review(ids[3]).tag is Tag.FACT
    assert kept.reviews.review(ids[4]).tag is None
    kept.close()
    assert path.read_bytes() == arrived
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    desk = Desk.open(path, backup=False)
    assert len(desk.articles.list_articles()) == 2  # theirs, whole
    desk.close()


def test_check_workspace_reports_in_words(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    desk = Desk.open(path, backup=False)
    report = desk.upkeep.check()
    assert report.ok
    assert "no damage found" in report.lines[0]
    assert report.lines[-1] == "Holds 1 article, 12 sentences, 1 review and 0 sources."
    desk.workspace.db.execute("PRAGMA foreign_keys = OFF")
    desk.workspace.db.execute("INSERT INTO reviews (sentence_id, status) VALUES (999, 'done')")
    report = desk.upkeep.check()
    assert not report.ok and "Links between records: 1 broken reference." in report.lines
    desk.close()


def test_unclosed_session_is_reported_with_its_last_edits(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    ids = make_workspace(path)
    desk = Desk.open(path, backup=False)
    assert desk.unconfirmed_edits == []
    desk.reviews.set_tag(ids[3], Tag.FACT)
    desk.workspace.close()  # the process dies: no clean close (the OS frees its lock)
    assert desk.writer_lock is not None
    desk.writer_lock.release()
    again = Desk.open(path, backup=False)
    assert [e["description"] for e in again.unconfirmed_edits] == ["Tag as Fact"]
    again.close()
    assert Desk.open(path, backup=False).unconfirmed_edits == []


def test_disk_full_refuses_the_edit_and_a_retry_succeeds(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    ids = make_workspace(path)
    desk = Desk.open(path, backup=False)
    db = desk.workspace.db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is "full" now
    with pytest.raises(WorkspaceFull, match="NOT saved"):
        desk.reviews.set_text_field(ids[4], "explanation", "x" * 200_000)
    assert desk.reviews.review(ids[4]).explanation == ""
    assert desk.edits.undo_steps == []  # a failed edit is not offered for undo
    db.execute(f"PRAGMA max_page_count = {pages * 1000}")  # space freed
    desk.reviews.set_text_field(ids[4], "explanation", "x" * 200_000)
    assert len(desk.reviews.review(ids[4]).explanation) == 200_000
    desk.close()


def test_network_share_is_recognised_from_mounts() -> None:
    mounts = (
        "/dev/vda / ext4 rw 0 0\n"
        "//server/news /mnt/news cifs rw 0 0\n"
        "server:/export /mnt/nfs nfs4 rw 0 0\n"
    )
    assert filesystem_type(Path("/mnt/news/desk/w.fcdesk"), mounts) == "cifs"
    assert filesystem_type(Path("/mnt/nfs/w.fcdesk"), mounts) == "nfs4"
    assert filesystem_type(Path("/home/me/w.fcdesk"), mounts) == "ext4"
    assert "cifs" in workspace.NETWORK_FILESYSTEMS and "ext4" not in workspace.NETWORK_FILESYSTEMS


def test_workspace_on_a_network_share_opens_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workspace, "filesystem_type", lambda path: "cifs")
    ws = open_workspace(tmp_path / "w.fcdesk")
    assert any("network share" in notice for notice in ws.notices)
    ws.close()


def test_read_only_workspace_refuses_edits_without_touching_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.fcdesk"
    ids = make_workspace(path)
    before = path.read_bytes()
    monkeypatch.setattr(workspace, "is_writable", lambda path: False)
    desk = Desk.open(path)
    assert desk.read_only and "read-only" in desk.notices[0]
    with pytest.raises(WorkspaceReadOnly, match="read-only"):
        desk.reviews.set_tag(ids[1], Tag.FACT)
    desk.close()
    assert path.read_bytes() == before


def _with_extra_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend a newer app version that adds a column (one schema version on)."""
    future = Migrations("factcheck_desk")
    for name, fn in migrations.RELEASED:
        future(name=name)(fn)

    @future()
    def m999_add_priority(db: Database) -> None:
        db.execute("ALTER TABLE reviews ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")

    monkeypatch.setattr(workspace, "MIGRATIONS", future)
    monkeypatch.setattr(workspace, "SCHEMA_VERSION", migrations.SCHEMA_VERSION + 1)


FIXTURES = Path(__file__).resolve().parent.parent / "data" / "workspaces"


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-v*.fcdesk")), ids=lambda p: p.stem)
def test_released_schema_fixtures_open_and_keep_their_data(
    fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    _with_extra_migration(monkeypatch)
    desk = Desk.open(path, backup=False)
    db = desk.workspace.db
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION + 1
    assert "priority" in desk.workspace.db["reviews"].columns_dict
    [article] = desk.articles.list_articles()
    assert (article.sentence_count, article.reviewed_count) == (12, 3)
    rows = desk.reviews.sentence_rows(article.id)
    assert rows[4].review.claimant == "Baku" and rows[4].review.verdict == "unverifiable"
    assert rows[5].review.denies_sentence_id == rows[4].sentence.id
    assert [link.source.url for link in desk.sources.links(rows[4].sentence.id)] == [
        "https://example.org/prosecutor-statement"
    ]
    desk.close()
    [backup] = backups.list_backups(path)
    assert backup.reason == "before-migration" and backup.article_count == 1


def test_a_kill_during_migration_leaves_the_old_version_intact(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    script = f"""
import os, signal, sys
from pathlib import Path
from sqlite_utils.migrations import Migrations
from factcheck_app.storage import migrations, workspace
future = Migrations("factcheck_desk")
for name, fn in migrations.RELEASED:
    future(name=name)(fn)
@future()
def m999_rewrite(db):
    db.execute("ALTER TABLE reviews ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE reviews SET claimant = 'half-migrated'")
    os.kill(os.getpid(), signal.SIGKILL)  # the power goes out mid-migration
workspace.MIGRATIONS = future
workspace.SCHEMA_VERSION = migrations.SCHEMA_VERSION + 1
workspace.open_workspace(Path({str(path)!r}))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert result.returncode == -9
    desk = Desk.open(path, backup=False)
    db = desk.workspace.db
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "priority" not in db["reviews"].columns_dict
    assert desk.reviews.review(desk.reviews.sentence_rows(1)[0].sentence.id).claimant == ""
    desk.close()


def test_backup_names_sort_by_time(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    desk = Desk.open(path, backup=False)
    first = desk.upkeep.backup_now()
    second = desk.upkeep.backup_now()
    desk.close()
    assert [b.path for b in backups.list_backups(path)] == [second, first]
    assert backups.latest_backup_time(path) <= dt.datetime.now(dt.UTC)  # aware: local time


def test_a_damaged_workspace_with_unmerged_edits_is_refused_byte_for_byte(
    tmp_path: Path,
) -> None:
    """Refusing a damaged file used to close its connection normally, which merged the
    -wal (the newest edits) into the damaged file and deleted it: "left untouched" was not
    true, and the edits a recovery tool could still have read were gone."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    script = f"""
import os
from pathlib import Path
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
desk = Desk.open(Path({str(path)!r}), backup=False)
for row in desk.reviews.sentence_rows(1)[:5]:
    desk.reviews.set_tag(row.sentence.id, Tag.CLAIM)
os._exit(0)  # dies with the edits only in the -wal
"""
    subprocess.run([sys.executable, "-c", script], check=True)
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0
    # Damage the last page of the file that the -wal does not replace.
    original = path.read_bytes()
    for page in range(len(original) // 4096 - 1, 1, -1):
        data = bytearray(original)
        data[page * 4096 : page * 4096 + 8] = b"\x0d" + b"\xff" * 7
        path.write_bytes(data)
        reader = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            damaged = reader.execute("PRAGMA quick_check").fetchall() != [("ok",)]
        except sqlite3.DatabaseError:
            damaged = True
        finally:
            reader.close()
        if damaged:
            break
    assert damaged
    before = (path.read_bytes(), wal.read_bytes())
    with pytest.raises(WorkspaceDamaged, match="left untouched"):
        Desk.open(path, backup=False)
    assert (path.read_bytes(), wal.read_bytes()) == before


def test_a_file_planted_among_the_backups_is_not_offered_and_cannot_stall_the_list(
    tmp_path: Path,
) -> None:
    """Listing backups (the restore dialog) counted each file's articles with a plain
    connection: a planted view named `articles` with an endless query hung it."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    Desk.open(path).close()  # a real backup to list
    [real] = backups.list_backups(path)
    planted = real.path.with_name(real.path.name.replace(real.reason, "manual"))
    conn = sqlite3.connect(planted)
    conn.execute(
        "CREATE VIEW articles AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1"
        " FROM c) SELECT x FROM c"
    )
    conn.close()
    listed = {b.path: b.article_count for b in backups.list_backups(path)}
    assert listed == {real.path: 1, planted: None}


def test_a_workspace_whose_folder_is_deleted_while_open_is_rescued_into_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sync tool (the folder deleted on another computer) or a clean-up removes the
    workspace's whole folder while the desk has it open. The rescue copy could not go
    beside it, and the message said to close the window: the file it held, the only copy
    of the work left, went with it. The copy now goes to the desk's data folder, named in
    the message; the deleted folder is not made again."""
    data = tmp_path / "data"
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(data))
    folder = tmp_path / "Election"
    folder.mkdir()
    path = folder / "w.fcdesk"
    ids = make_workspace(path)
    desk = Desk.open(path, backup=False)
    desk.reviews.set_text_field(ids[3], "explanation", "An hour of sourcing: census 2019.")
    shutil.rmtree(folder)
    with pytest.raises(WorkspaceError, match="moved away or deleted") as refused:
        desk.reviews.set_tag(ids[4], Tag.CLAIM)
    desk.close()
    [rescued] = data.glob("w-rescued-*.fcdesk")
    told = str(refused.value)
    assert f"kept as {rescued} (the workspace's own folder could not take it)" in told
    assert "open the workspace where it is now (if it was moved) or that copy" in told
    assert not folder.exists()
    kept = Desk.open(rescued, backup=False)
    assert kept.reviews.review(ids[3]).explanation == "An hour of sourcing: census 2019."
    assert kept.reviews.review(ids[4]).tag is None
    kept.close()


def test_no_room_for_a_rescue_copy_says_not_to_close_and_tries_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no room for the copy anywhere, the message told the reviewer to close the
    window, which held the only copy: it now says not to, and the next refused save tries
    the copy again (room made meanwhile)."""
    path = tmp_path / "w.fcdesk"
    ids = make_workspace(path)
    desk = Desk.open(path, backup=False)
    desk.reviews.set_text_field(ids[3], "explanation", "Typed, and saved.")
    real_copy = backups._copy_into_file
    full = [True]

    def copy_on_a_full_disk(conn: sqlite3.Connection, target: Path, *args: object) -> None:
        if full[0]:
            raise sqlite3.OperationalError("database or disk is full")
        real_copy(conn, target, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "_copy_into_file", copy_on_a_full_disk)
    path.unlink()
    path.with_name(path.name + "-wal").unlink()
    with pytest.raises(WorkspaceError, match="do NOT close it") as refused:
        desk.reviews.set_tag(ids[4], Tag.CLAIM)
    assert "Close it and open" not in str(refused.value)
    assert not list(tmp_path.glob("w-rescued-*"))
    full[0] = False  # room made
    with pytest.raises(WorkspaceError, match="open the workspace where it is now") as again:
        desk.reviews.set_tag(ids[4], Tag.CLAIM)
    desk.close()
    [rescued] = tmp_path.glob("w-rescued-*.fcdesk")
    assert f"kept as {rescued.name}, beside it" in str(again.value)
    kept = Desk.open(rescued, backup=False)
    assert kept.reviews.review(ids[3]).explanation == "Typed, and saved."
    kept.close()


def test_a_rescue_copy_cut_short_leaves_no_file_named_as_rescued(tmp_path: Path) -> None:
    """A rescue copy that fails half-way (the disk full) leaves no NAME-rescued file behind
    that a reader would take for the work kept."""
    from factcheck_app.storage.backups import rescue_copy

    class DiskFullConnection:
        def backup(self, target: sqlite3.Connection) -> None:
            target.execute("CREATE TABLE half (x)")  # a start was written
            raise sqlite3.OperationalError("database or disk is full")

    workspace = tmp_path / "w.fcdesk"
    with pytest.raises(sqlite3.OperationalError):
        rescue_copy(DiskFullConnection(), workspace)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="file names there are always Unicode")
def test_a_workspace_whose_file_name_is_not_utf8_opens_edits_and_backs_up(
    tmp_path: Path,
) -> None:
    """A workspace copied from an old archive or a share written by another system, its
    name in bytes that are not UTF-8: opening it failed with an "unexpected error" while
    naming its backup."""
    path = tmp_path / os.fsdecode(b"Wahl \xfcbersicht.fcdesk")
    ids = make_workspace(path)
    desk = Desk.open(path)
    try:
        desk.reviews.set_tag(ids[1], Tag.FACT)
        desk.upkeep.backup_now()
    finally:
        desk.close()
    listed = backups.list_backups(path)
    assert len(listed) == 2 and all(b.article_count == 1 for b in listed)
    assert all(b.path.name.startswith(path.stem) for b in listed)
    reopened = Desk.open(path, backup=False)
    try:
        assert reopened.reviews.review(ids[1]).tag is Tag.FACT
    finally:
        reopened.close()


_KILLED_BEFORE_THE_WAL_FOLLOWS = """
import os, sys
from pathlib import Path
from factcheck_app.services import workspace_files
from factcheck_app.storage import backups
backups.move_aside = lambda *args: os._exit(9)  # the workspace gone, its -wal not yet
workspace_files.set_aside_empty(Path(sys.argv[1]))
"""


@pytest.mark.parametrize("disk", ["same disk", "another disk"])
def test_a_wal_left_beside_no_workspace_never_goes_into_a_new_one(
    tmp_path: Path, disk: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Make a New Workspace in place of an emptied one was killed after the empty file
    went into the backups folder and before its -wal (a desk's last edits) followed: the
    next start made a new workspace at that name and SQLite took the -wal's pages into
    it ("damaged and cannot be read", at every start), that -wal merged away with them.
    It is now set aside, every byte, and the new workspace is whole."""
    # The next start is a new process, which holds no workspace open: in the suite's one
    # process, a -wal an earlier test left registered (its file gone, its inode given to
    # this -wal) read as "still open in this desk" (seen once in CI).
    monkeypatch.setattr(workspace, "_WAL_FILES", {})
    path = tmp_path / "w.fcdesk"
    if disk == "another disk":
        (tmp_path / "w-backups").symlink_to(request.getfixturevalue("another_disk"))
    make_workspace(path)
    crash = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from factcheck_app.services.desk import Desk\n"
        "from tests.conftest import SEED_FILE\n"
        "desk = Desk.open(Path(sys.argv[1]), backup=False)\n"
        "desk.importer.import_file(SEED_FILE)\n"
        "os._exit(0)\n"  # killed: its last edits in the -wal only
    )
    subprocess.run([sys.executable, "-c", crash, str(path)], check=True)
    wal = path.with_name(path.name + "-wal")
    last_edits = wal.read_bytes()
    assert len(last_edits) > 32
    path.write_bytes(b"")  # emptied by a sync tool
    killed = subprocess.run([sys.executable, "-c", _KILLED_BEFORE_THE_WAL_FOLLOWS, str(path)])
    assert killed.returncode == 9
    assert not path.exists() and wal.exists()
    desk = Desk.open(path, backup=False)
    try:
        assert desk.workspace.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert desk.workspace.db.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        [said] = [n for n in desk.notices if "NOT" in n]
    finally:
        desk.close()
    kept = [p for p in backups.backup_dir(path).iterdir() if p.read_bytes() == last_edits]
    assert len(kept) == 1 and str(kept[0]) in said
    assert "w.fcdesk-wal" in said


def test_a_journal_left_beside_no_workspace_never_goes_into_a_new_one(tmp_path: Path) -> None:
    """A file moved away without the -journal a killed program left beside it (the undo
    of its unfinished change): the new workspace made at that name had SQLite take that
    -journal for its own and delete it, and the file moved away could never be undone
    to a whole state again. It is kept, every byte, and said."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_text(" ".join(f"Sentence number {n} is here." for n in range(3000)))
    desk.close()
    _crash_mid_transaction(path)
    journal = path.with_name(path.name + "-journal")
    undo = journal.read_bytes()
    path.rename(tmp_path / "moved.fcdesk")
    desk = Desk.open(path, backup=False)
    try:
        assert desk.workspace.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert desk.workspace.db.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        [said] = [n for n in desk.notices if "NOT" in n]
    finally:
        desk.close()
    [kept] = [p for p in backups.backup_dir(path).iterdir() if p.name.endswith("-journal")]
    assert kept.read_bytes() == undo and str(kept) in said


def test_no_workspace_is_made_beside_the_wal_another_program_still_writes(
    tmp_path: Path,
) -> None:
    """The workspace file deleted while another program (sqlite3, a script) still has it
    open: a new workspace made at its name shared that program's -wal and -shm, each
    writing pages of its own file into the other. Nothing is made, and the desk says why."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
            "c.execute('UPDATE sentences SET paragraph = paragraph')\n"
            "print('ready', flush=True)\n"
            "sys.stdin.read()\n",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
        path.unlink()
        wal = path.with_name(path.name + "-wal")
        before = wal.read_bytes()
        with pytest.raises(WorkspaceError, match="another program still has"):
            Desk.open(path, backup=False)
        assert not path.exists() and wal.read_bytes() == before
    finally:
        holder.communicate("")


def test_no_workspace_is_made_beside_the_wal_this_desk_still_writes(tmp_path: Path) -> None:
    """The workspace file moved away (a file manager, a sync tool) while the window has
    it open, then an import beside the window (`open_helper`, the window's own writer
    lock): that job made a new workspace at the name, moved the window's live -wal into
    the backups folder and deleted its -shm, SQLite's locks on which this process holds
    (another program's lock is seen; this process's own is not). Nothing is made, and
    that -wal, holding the window's last edit, is left where its connection writes it."""
    path = tmp_path / "w.fcdesk"
    sentence = make_workspace(path)[1]
    desk = Desk.open(path, backup=False)
    try:
        desk.workspace.db.conn.execute("PRAGMA wal_autocheckpoint = 0")
        desk.reviews.set_tag(sentence, Tag.CLAIM)
        os.rename(path, tmp_path / "moved.fcdesk")
        wal, shm = (path.with_name(path.name + s) for s in ("-wal", "-shm"))
        before = wal.read_bytes()
        with pytest.raises(WorkspaceError, match="still open in this desk"):
            desk.open_helper()
        assert not path.exists() and wal.read_bytes() == before and shm.exists()
        assert not backups.backup_dir(path).exists()
        assert desk.workspace.db.conn.execute(
            "SELECT tag FROM reviews WHERE sentence_id = ?", [sentence]
        ).fetchall() == [(Tag.CLAIM.value,)]
    finally:
        desk.close()
