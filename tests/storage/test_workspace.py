import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from factcheck_app.domain.errors import NotAWorkspace, WorkspaceError, WorkspaceReadOnly
from factcheck_app.services import workspace_files
from factcheck_app.services.desk import Desk
from factcheck_app.storage import workspace as workspace_module
from factcheck_app.storage.migrations import SCHEMA_VERSION
from factcheck_app.storage.workspace import open_workspace
from tests.closed_folder import close_folder
from tests.conftest import SEED_FILE


def test_new_workspace_has_schema_and_safe_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.fcdesk"
    workspace = open_workspace(path)
    db = workspace.db
    assert {"articles", "sentences", "reviews", "sources", "sentence_sources", "history"} <= set(
        db.table_names()
    )
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    workspace.close()
    # Other tools open it cleanly.
    other = Database(path)
    assert other["articles"].count == 0
    assert other.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_reopening_does_not_reapply_migrations(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    open_workspace(path).close()
    workspace = open_workspace(path)
    applied = workspace.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert applied == SCHEMA_VERSION
    workspace.close()


def _refused_untouched(path: Path, words: str) -> None:
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match=words):
        open_workspace(path)
    assert path.read_bytes() == before


def test_empty_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "emptied.fcdesk"
    path.write_bytes(b"")
    _refused_untouched(path, "empty")


def test_random_bytes_are_not_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "noise.fcdesk"
    path.write_bytes(bytes(range(256)) * 40)
    _refused_untouched(path, "not a Factcheck desk workspace")


def test_another_sqlite_database_is_not_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    _refused_untouched(path, "not a Factcheck desk workspace")


def test_workspace_from_a_newer_version_opens_read_only_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "future.fcdesk"
    open_workspace(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    workspace = open_workspace(path)
    assert workspace.read_only
    assert any("newer version" in notice for notice in workspace.notices)
    workspace.close()
    assert path.read_bytes() == before


def test_read_only_open_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    open_workspace(path).close()
    workspace = open_workspace(path, read_only=True)
    assert workspace.read_only
    with pytest.raises(WorkspaceReadOnly, match="read-only"):
        workspace.db.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
    workspace.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_a_device_or_a_named_pipe_is_not_taken_for_an_empty_workspace(tmp_path: Path) -> None:
    """Both have size 0, so they were called "empty (0 bytes) … emptied by a failed copy",
    and the window offered to start a new workspace there: unlinking /dev/null."""
    pipe = tmp_path / "pipe.fcdesk"
    os.mkfifo(pipe)
    for path in (pipe, Path("/dev/null")):
        with pytest.raises(NotAWorkspace, match="not a regular file"):
            open_workspace(path)
        with pytest.raises(NotAWorkspace, match="not a regular file"):
            open_workspace(path, read_only=True)
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_a_workspace_inside_a_file_is_refused_in_words(tmp_path: Path) -> None:
    """`-w notes.txt/w.fcdesk`: "unexpected error (FileExistsError …)"."""
    notes = tmp_path / "notes.txt"
    notes.write_text("not a folder", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="is a file, not a folder"):
        Desk.open(notes / "w.fcdesk")
    assert notes.read_text(encoding="utf-8") == "not a folder"


def test_a_link_to_a_workspace_that_is_not_there_makes_no_new_one(tmp_path: Path) -> None:
    """A link to a workspace on a disk that is not mounted (or was moved) made a new, empty
    workspace where the link points, as if the reviewer's work were gone."""
    usb = tmp_path / "usb"
    usb.mkdir()  # the mount point, without its disk
    link = tmp_path / "election.fcdesk"
    link.symlink_to(usb / "election.fcdesk")
    with pytest.raises(WorkspaceError, match="does not exist"):
        Desk.open(link)
    assert list(usb.iterdir()) == [] and link.is_symlink()


def test_a_workspace_s_own_side_files_are_refused_as_such(tmp_path: Path) -> None:
    """Its -wal or -shm given as the workspace while the window had the workspace open was
    called "damaged … restore it from a backup", and the window offered the real
    workspace's backups: restoring would have moved the live -wal aside and put a backup
    in its place. They are refused as what they are, and nothing happens to them."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path)
    try:
        desk.importer.import_text("One sentence here. And another one there.")
        for suffix, kind in (("-wal", "write-ahead log"), ("-shm", "shared-memory file")):
            side = path.with_name(path.name + suffix)
            assert side.exists()
            for read_only in (False, True):
                with pytest.raises(NotAWorkspace, match=kind):
                    Desk.open(side, read_only=read_only)
        assert not path.with_name(path.name + "-wal.lock").exists()
        desk.importer.import_text("Still saving. Into the same workspace.")
    finally:
        desk.close()
    journal = tmp_path / "v.fcdesk-journal"
    (tmp_path / "v.fcdesk").write_bytes(b"")
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(504))
    with pytest.raises(NotAWorkspace, match="rollback journal"):
        open_workspace(journal, read_only=True)


def test_a_path_too_long_for_sqlite_is_said_in_words(tmp_path: Path) -> None:
    """SQLite opens paths of 512 bytes at most: a workspace deeper than that was "could
    not be read or written (unable to open database file)"."""
    folder = tmp_path
    while len(os.fsencode(folder)) < 560:
        folder = folder / ("папка" * 5)
    folder.mkdir(parents=True)
    with pytest.raises(WorkspaceError, match="too long for SQLite"):
        Desk.open(folder / "w.fcdesk")
    with pytest.raises(WorkspaceError, match="too long for SQLite"):
        Desk.open(folder / "w.fcdesk", read_only=True)
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes and umask are POSIX")
def test_a_new_workspace_follows_the_umask_so_a_group_can_share_it(tmp_path: Path) -> None:
    """With umask 002 in a group's folder, a colleague of the group must be able to work
    on the workspace. SQLite makes its files 0644 whatever the umask, so they opened it
    read-only ("The workspace file or its folder is read-only")."""
    path = tmp_path / "team.fcdesk"
    previous = os.umask(0o002)
    try:
        workspace = open_workspace(path)  # made and migrated: its -wal and -shm are there
        modes = {
            name: stat.S_IMODE(path.with_name(name).stat().st_mode)
            for name in (path.name, path.name + "-wal", path.name + "-shm")
        }
        workspace.close()
    finally:
        os.umask(previous)
    assert modes == dict.fromkeys(modes, 0o664)


@pytest.mark.skipif(os.name != "posix", reason="file modes and umask are POSIX")
def test_a_new_workspace_stays_private_under_umask_077(tmp_path: Path) -> None:
    path = tmp_path / "mine.fcdesk"
    previous = os.umask(0o077)
    try:
        open_workspace(path).close()
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("length", [238, 250, 255, 300])
def test_a_workspace_name_too_long_for_the_files_beside_it_is_said_in_words(
    tmp_path: Path, length: int
) -> None:
    """The desk keeps files beside a workspace named after it, the longest a restore's
    copy with SQLite's journal (NAME.restoring-journal), and a disk takes names of 255
    bytes at most. A new workspace named 238 bytes or more stopped the command with
    "unexpected error (OSError: File name too long)" and the window on its crash box (one
    already there, from 246 bytes). Refused in words before anything is made."""
    path = tmp_path / ("w" * (length - len(".fcdesk")) + ".fcdesk")
    for read_only in (False, True):
        with pytest.raises(WorkspaceError, match=r"name of the workspace .* is too long"):
            Desk.open(path, read_only=read_only)
    assert list(tmp_path.iterdir()) == []


def test_the_longest_workspace_name_taken_can_be_backed_up_and_restored(tmp_path: Path) -> None:
    """The limit above is the real one: a workspace named with as many bytes as it allows
    is made, backed up, restored (NAME.restoring and its journal) and opened again."""
    path = tmp_path / ("w" * (237 - len(".fcdesk")) + ".fcdesk")
    desk = Desk.open(path)
    desk.importer.import_file(SEED_FILE)
    backup = desk.upkeep.backup_now()
    desk.close()
    workspace_files.restore_backup(path, backup)
    desk = Desk.open(path)
    try:
        assert len(desk.articles.list_articles()) == 1
    finally:
        desk.close()


def test_a_workspace_in_a_folder_that_may_not_be_entered_is_said_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workspace in a colleague's folder, or on a share whose rights changed (the recent
    list, a shortcut, `--workspace`): the window's start ended on a traceback with no
    window at all, and every command on "unexpected error (PermissionError …)". (The
    folder is closed by a stand-in for the system: the tests run as root too.)"""
    closed = tmp_path / "colleague"
    closed.mkdir()
    path = closed / "election.fcdesk"
    close_folder(monkeypatch, closed)
    for read_only in (False, True):
        with pytest.raises(WorkspaceError, match="no permission") as refused:
            Desk.open(path, read_only=read_only)
        assert str(path) in str(refused.value) and "Nothing was" in str(refused.value)
    monkeypatch.undo()
    assert list(closed.iterdir()) == []


def test_a_loop_of_links_is_called_one(tmp_path: Path) -> None:
    """election.fcdesk → old.fcdesk → election.fcdesk was "a link to old.fcdesk, which
    does not exist", with old.fcdesk right there in the folder; a folder linked to itself
    on the way was "not a folder (a file of that name is in the way)"."""
    link = tmp_path / "election.fcdesk"
    link.symlink_to("old.fcdesk")
    (tmp_path / "old.fcdesk").symlink_to("election.fcdesk")
    folder_loop = tmp_path / "here"
    folder_loop.symlink_to("here")
    for path, read_only in ((link, False), (link, True), (folder_loop / "w.fcdesk", False)):
        with pytest.raises(WorkspaceError) as refused:
            Desk.open(path, read_only=read_only)
        words = str(refused.value).replace(str(tmp_path), "FOLDER")
        assert "a loop of links" in words and "Nothing was" in words, words
    assert sorted(p.name for p in tmp_path.iterdir()) == ["election.fcdesk", "here", "old.fcdesk"]


def test_a_name_s_length_is_counted_as_the_disk_counts_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An accented or Cyrillic letter is two bytes on Linux and macOS, one unit on Windows:
    counted in bytes there, a name Windows takes (150 Cyrillic letters) was refused."""
    name = "Выборы" * 25 + ".fcdesk"  # 157 characters, 307 bytes in UTF-8
    assert workspace_module.name_length(name) == (307, "bytes")
    monkeypatch.setattr(sys, "platform", "win32")
    assert workspace_module.name_length(name) == (157, "characters")


@pytest.mark.parametrize("length", [238, 245])
def test_a_workspace_named_as_long_as_opening_allows_still_opens(
    tmp_path: Path, length: int
) -> None:
    """A workspace already there whose name leaves room for what opening keeps beside it
    (NAME.lock, its -journal and -wal, the NAME.restoring an open looks for) opened and
    saved before names were counted; refused for the room a restore needs, the
    journalist's workspace would no longer open at all. Opened, as before; the restore
    that has no room is refused in words, with the workspace as it was."""
    made = tmp_path / "w.fcdesk"
    desk = Desk.open(made)
    desk.importer.import_file(SEED_FILE)
    backup = desk.upkeep.backup_now()
    desk.close()
    path = made.rename(tmp_path / ("w" * (length - len(".fcdesk")) + ".fcdesk"))
    for read_only in (True, False):
        desk = Desk.open(path, read_only=read_only)
        try:
            assert len(desk.articles.list_articles()) == 1
        finally:
            desk.close()
    with pytest.raises(WorkspaceError, match="shorter name, then try again; nothing was changed"):
        workspace_files.restore_backup(path, backup)
    desk = Desk.open(path, read_only=True)
    try:
        assert len(desk.articles.list_articles()) == 1
    finally:
        desk.close()


def test_a_workspace_named_too_long_to_write_still_opens_read_only(tmp_path: Path) -> None:
    """A workspace already there named 246 to 255 bytes (made or renamed elsewhere) has no
    room beside it for what writing keeps there, and is refused in words for that; read
    (list, search, export, a read-only window) it opened before names were counted, as it
    makes nothing beside it, and still does."""
    made = tmp_path / "w.fcdesk"
    desk = Desk.open(made)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    path = made.rename(tmp_path / ("w" * (255 - len(".fcdesk")) + ".fcdesk"))
    desk = Desk.open(path, read_only=True)
    try:
        assert len(desk.articles.list_articles()) == 1
    finally:
        desk.close()
    with pytest.raises(WorkspaceError, match=r"name of the workspace .* is too long"):
        Desk.open(path)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("ww")] == [path.name]


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_a_file_where_a_folder_should_be_is_named_itself(tmp_path: Path, depth: int) -> None:
    """XDG_DATA_HOME (or FACTCHECK_DATA_DIR, or a folder above) naming a file, not a
    folder: the box said "…/notes.txt/factcheck-desk is not a folder (a file of that name
    is in the way)", and the reviewer, or IT, looked for a file called factcheck-desk
    that is nowhere. It names the file that is in the way."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    folder = blocker.joinpath(*["factcheck-desk", "more"][:depth])
    with pytest.raises(WorkspaceError) as refused:
        Desk.open(folder / "workspace.fcdesk")
    words = str(refused.value)
    assert words.startswith(f"{blocker} is a file, not a folder"), words
    if depth:
        assert str(folder) in words  # and the folder that could not be made
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_workspace_dropped_unclosed_is_not_held_open_for_good(tmp_path: Path) -> None:
    """A workspace let go without `close` (its connection closed as it was collected, its
    -wal deleted by SQLite) stayed registered as open in this process for good: a new
    workspace whose file or -wal took its freed inode number was then refused ("its -wal
    was deleted by another program", "still open in this desk") until a restart."""
    import gc

    path = tmp_path / "w.fcdesk"
    opened = open_workspace(path)
    key = opened.file_key
    assert key is not None and key in workspace_module._OPEN_FILES
    del opened
    gc.collect()
    assert key not in workspace_module._OPEN_FILES
    assert key not in workspace_module._WAL_FILES
    again = open_workspace(path)  # and a close after a collection unregisters once only
    again.close()
    assert key not in workspace_module._OPEN_FILES
