"""Opening a workspace file safely: checks before SQLite touches it, pragmas, backups,
migrations. Every refusal leaves the file's bytes exactly as they were."""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import os
import sqlite3
import stat
import sys
import threading
import uuid
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from factcheck_app.domain.errors import (
    NotAWorkspace,
    WorkspaceBusy,
    WorkspaceChangedWhileRead,
    WorkspaceDamaged,
    WorkspaceEmptyFile,
    WorkspaceError,
    WorkspaceFull,
    WorkspaceReadOnly,
    WorkspaceUntrusted,
)
from factcheck_app.storage import backups, older_schema, schema_guard, sql, wal_check
from factcheck_app.storage.errors import (
    WorkspaceDatabase,
    check_report,
    file_key,
    named_now,
    translated,
    wal_of,
)
from factcheck_app.storage.file_kinds import (
    in_the_way_words,
    side_file_in_the_way,
    side_files_place,
    side_files_there,
)
from factcheck_app.storage.migrations import MIGRATIONS, RELEASED, SCHEMA_VERSION
from factcheck_app.storage.scratch import NAME_MAX
from factcheck_app.storage.stores.sources import note_links_present
from factcheck_app.storage.turns import turns_for

SQLITE_HEADER = b"SQLite format 3\x00"
# How long a statement waits for another connection's write to finish. Writers keep their
# transactions short (imports write in slices), so a wait this long means something is wrong.
BUSY_TIMEOUT_MS = 5000
# How long a closing desk waits for another program's read in progress (a Datasette
# request, which docs/team.md lets run 3 s) before it moves its saves into the file.
CLOSE_WAITS_FOR_A_READ_MS = 3000
# A close's checkpoint that has not ended after this long (seconds) is waiting for such a
# read, or the disk is slow (a USB stick's flush); moving a closing desk's last saves
# takes a few ms on a laptop's disk (the window's looks moved the rest on each pause).
# The window then says it closes (`Workspace.close`'s `on_wait`).
CLOSE_SAYS_IT_WAITS_AFTER_S = 0.2
OUR_TABLES = {"articles", "sentences", "reviews"}
# File systems where SQLite's WAL locking is unreliable (DESIGN §5: one host only).
NETWORK_FILESYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "sshfs",
    "9p",
    "afs",
    "ncpfs",
    "glusterfs",
    "fuse.glusterfs",
    "ceph",
    "fuse.ceph",
    "davfs",
    "fuse.davfs2",
    "fuse.rclone",
    "lustre",
    "gpfs",
    "beegfs",
    "ocfs2",
}


# Workspace files this process holds an SQLite connection to, by (device, inode), with
# how many connections. Opening and closing such a file by path (Python's open(), a
# header check, a copy) would drop every POSIX lock SQLite holds on it in this process:
# another process would then think it is alone, checkpoint and delete the WAL under us
# (SQLite's "how to corrupt" list, §2.2). Nothing here ever does that; tests check it.
_OPEN_FILES: dict[tuple[int, int], int] = {}


def is_open_here(path: Path) -> bool:
    """Does this process hold a connection to `path` (or is `path` its -wal/-shm)?"""
    key = file_key(path)
    if key is None:
        return False
    if key in _OPEN_FILES:
        return True
    for suffix in ("-wal", "-shm", "-journal"):
        if path.name.endswith(suffix):
            main = file_key(path.with_name(path.name[: -len(suffix)]))
            if main in _OPEN_FILES:
                return True
    return False


def readable_now(path: Path) -> bool:
    """Can the workspace at `path` be read now (its USB stick plugged back in, its network
    drive reconnected)? A pulled stick still answers `stat` from memory; only a read
    fails. The very file a connection of this process still holds is never opened by path
    (closing it would drop SQLite's locks): it is the one whose disk went away."""
    if is_open_here(path):
        return False
    try:
        with path.open("rb") as file:
            file.read(100)
    except OSError:
        return False
    return True


# The -wal of each workspace this process holds open for writing, as it was when opened,
# by the workspace's (device, inode): see `refuse_beside_a_deleted_wal`.
_WAL_FILES: dict[tuple[int, int], tuple[int, int] | None] = {}


def _register(key: tuple[int, int] | None) -> None:
    if key is not None:
        _OPEN_FILES[key] = _OPEN_FILES.get(key, 0) + 1


def _unregister(key: tuple[int, int] | None) -> None:
    if key is not None and key in _OPEN_FILES:
        _OPEN_FILES[key] -= 1
        if not _OPEN_FILES[key]:
            del _OPEN_FILES[key]
            _WAL_FILES.pop(key, None)


def _count_open(db: WorkspaceDatabase, key: tuple[int, int] | None) -> None:
    """Count `db` as a connection of this process to the file `key` (`is_open_here`),
    the count taken back at its close (`db.registration`) or when it is collected
    unclosed (its -wal then deleted by SQLite, its inode free for another file): a
    count kept refused a later workspace given that inode as this one, "still open in
    this desk". The one way a connection is counted, so none is without its finalizer."""
    _register(key)
    db.registration = weakref.finalize(db, _unregister, key)


def _refuse_alone_beside_an_editor(path: Path, in_the_way: tuple[str, str] | None) -> None:
    """Refuse to read the workspace as the file alone (`in_the_way`, looked for by the
    caller: `side_file_in_the_way`) while this
    process has it open for editing: a named pipe made at -journal after the window
    opened it (a sync tool, a stray `mkfifo`). Its saves are in the -wal, live, and the
    file alone lacks them: Check Workspace said "Holds 0 articles" of a window showing
    one, and Export of every article and the summary report left her latest work out
    without a word. The window's saves go on as before."""
    if in_the_way is None:
        return
    key = file_key(path)
    if key is None or key not in _WAL_FILES:
        return
    raise WorkspaceError(
        in_the_way_words(
            in_the_way,
            " (it appeared after the window opened the workspace), and read without it, "
            "your latest saves would be left out",
            "try again",
            nothing="Nothing was changed.",
        )
    )


def refuse_beside_a_deleted_wal(path: Path) -> None:
    """A second connection of this process to a workspace whose -wal was deleted while it
    was open here (a clean-up tool) would share this process's index of the deleted one
    (SQLite keeps one per file and process) but read a new, empty -wal: SQLite refuses
    every read of it as a disk error, which the desk told as "damaged … restore it from a
    backup" (an import, Check Workspace, a backup). Said as it is, before any connection
    is made."""
    key = file_key(path)
    if key is None or _WAL_FILES.get(key) is None:
        return
    if file_key(wal_of(Path(os.path.realpath(path)))) == _WAL_FILES[key]:
        return  # its -wal, beside the file a link names (where SQLite keeps it), is there
    raise WorkspaceError(
        f"{path.name}-wal, the workspace's file of recent changes, was deleted by another "
        "program (a clean-up tool?) while the workspace was open here, so nothing more can "
        "be opened beside the window until the workspace is opened again: quit the desk "
        "and start it again, then try again. Nothing is lost: each change is written into "
        f"{path.name} itself."
    )


@dataclass
class Workspace:
    """An open workspace: the sqlite-utils Database plus what we know about the file."""

    db: WorkspaceDatabase
    path: Path | None
    read_only: bool = False
    notices: list[str] = field(default_factory=list)  # things the user should be told
    file_key: tuple[int, int] | None = None  # (device, inode) while open, see _OPEN_FILES
    # Opened for writing with no -wal beside it. A desk that stopped without closing (a
    # crash) always leaves its -wal; a file that holds a desk's "open" mark without one
    # was copied (or moved) while that desk had it open, and may lack its last saves.
    came_without_wal: bool = False
    # Found in SQLite's rollback-journal mode (opened for writing, or read with SQLite's
    # locks): a whole copy (a backup, one restored or copied out of the backups folder),
    # never a file a desk had open (its open turns the file to WAL mode first, for good).
    # A desk's "open" mark in it came with the copy: it tells nothing about this file.
    came_whole: bool = False
    # Read-only, the file was read without this -wal beside it: another workspace's, an
    # older one of this workspace, or its own from a later moment that does not fit the
    # file (see `_reader_look`).
    read_without: Path | None = None
    # Read without it: the workspace as it was when the read began (`changed_while_read`).
    read_moment: wal_check.ReadMoment | None = None
    # Opened for writing beside its own -wal from a later moment that does not fit the
    # file (wal_check.APART): that -wal, set aside here in the backups folder, every byte.
    later_wal_kept: Path | None = None

    def changed_while_read(self) -> bool:
        """Read without a stray -wal (immutable, so without any lock): has another program
        changed the workspace since (a desk opened it for editing, set that -wal aside and
        wrote)? What is shown may then mix two moments, or be out of date for good: the
        file must be read again (it is then read with SQLite's locks). Two `stat`s; False
        at once for every other workspace."""
        return self.read_moment is not None and self.read_moment.changed()

    def replaced_while_read(self) -> bool:
        """Read-only: is the file at its name now another file than the one read (a backup
        restored by the desk editing it, another version brought by a sync tool)? This
        connection goes on reading the file it opened, the one set aside: what is shown
        is then out of date for good, and another program's saves never show. One `stat`;
        False when nothing is at the name (moved or deleted: what is shown is still that
        file's) and for a workspace open for editing (`WorkspaceDatabase.keep_place`)."""
        if not self.read_only or self.path is None or self.file_key is None:
            return False
        now = file_key(self.path)
        return now is not None and now != self.file_key

    def moved_while_read(self) -> Path | None:
        """Read-only: where the file read is named now, when nothing is at its name any
        more (moved or renamed, `mv w.fcdesk 2026/`): the desk editing it goes on there
        with a -wal and -shm of that name, which this connection never looks at, so what
        it reads there may mix two moments (SQLite calls that "malformed"). None while
        the file is at its name, and when it cannot be found (deleted, its disk gone, not
        Linux): one `stat`, and a look through this process's open files only then.
        None too when it is now in its backups folder: set aside by a restore (in the
        desk editing it) the moment before the backup is put at its name, not moved by
        anyone; followed there, it was the version the restore turned away from. And
        None while the -wal at the old name holds anything: the desk editing it keeps
        its latest saves there until its own look finds the file moved and puts them
        into it (`WorkspaceDatabase.keep_place`, emptying that -wal). Read there before,
        the file lacked them, and went on lacking them once they were in (the pages
        read before were kept); this connection, at the old name, still reads them."""
        if not self.read_only or self.path is None or self.file_key is None:
            return None
        if file_key(self.path) is not None:
            return None
        now = named_now(self.file_key)
        if now is None:
            return None
        # Where the file was: beside it SQLite keeps the -wal, and a restore sets it
        # aside from there. Opened through a link, the link names it still (leading
        # nowhere now); looked for beside the link, the editor's saves waiting in the
        # -wal at the old name were missed, and the file read at once without them.
        was = Path(os.path.realpath(self.path))
        # A restore sets it aside in the backups folder of the name restored through
        # (the link's: `backups.restore_backup`), or of the file itself.
        set_aside_in = {
            os.path.realpath(backups.backup_dir(each))
            for each in (was, Path(os.path.abspath(self.path)))
        }
        if os.path.realpath(now.parent) in set_aside_in:
            return None
        try:
            saves_left_behind = os.stat(wal_of(was)).st_size > 0
        except OSError:
            saves_left_behind = False  # none: nothing waits there
        return None if saves_left_behind else now

    def _settle_before_close(
        self, on_wait: Callable[[float], None] | None = None, *, wait_for_reads: bool = True
    ) -> None:
        """A writer's saves into the file itself, its -wal emptied, before it closes.
        SQLite does it only when the last connection closes: with another program still
        connected (Datasette serving the archive, docs/team.md) a closed desk or a
        finished `factcheck-app merge` left its saves in the -wal alone, and a copy of the
        file lacked them without a word.

        A read in progress at that moment (a Datasette request) is waited for, up to
        `CLOSE_WAITS_FOR_A_READ_MS`: SQLite's checkpoint does not stop short at the
        moment that read began, but moves what was saved before it and not saved again
        since, so with a busy timeout of 0 the file alone held pages of two moments
        ("malformed": half of the closes beside a Datasette answering requests, found
        by tests/stress/reader_kill_loop.py), and stayed so while Datasette served it.
        A read held longer (a `sqlite3` shell left in BEGIN) still leaves the file alone
        so, until the next desk opens the workspace and moves the rest: the -wal beside
        the file is the workspace's, and a desk or a reader reads the two as one.

        A thread writing beside the window (`open_writer`: the search index's rebuild, a
        removal of left-overs) never waits: SQLite's TRUNCATE holds the workspace's write
        lock while it waits for readers, so the window's next save froze with it (up to
        3 s beside a `sqlite3` shell in BEGIN). The window's look, once the read has
        ended, moves those saves into the file (`WorkspaceDatabase.settle_saves`).

        `on_wait` (given the longest wait, in seconds) is called on the caller's thread
        when the checkpoint has not ended after `CLOSE_SAYS_IT_WAITS_AFTER_S`: it then
        waits for a read, or for a slow disk (which it cannot tell apart), and the window
        says so (it looked hung for 3 s). For that, the
        checkpoint runs in a thread of its own while the caller waits for it; nothing
        else touches the connection meanwhile, and the close goes on only once it ended.

        Not `wait_for_reads`: a read of this process's own is known not to end (a backup
        stuck on a share that stopped answering, left behind by the close): nothing can be
        moved past it, so the saves stay in the -wal as beside a read held longer, without
        3 s more of a close said to wait for "another program"."""
        db = self.db
        if db.wal_key is None or db.stopped or db.disk_failed:
            return  # not a writer's WAL; or moved, replaced or gone: `_stop_writing` did it
        wait_ms = 0 if db.background or not wait_for_reads else CLOSE_WAITS_FOR_A_READ_MS

        def checkpoint() -> None:
            with contextlib.suppress(sqlite3.Error):
                db.conn.execute(f"PRAGMA busy_timeout = {wait_ms}")
                db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

        if on_wait is None or wait_ms == 0:
            checkpoint()
            return
        worker = threading.Thread(target=checkpoint, name="close-checkpoint", daemon=True)
        worker.start()
        worker.join(CLOSE_SAYS_IT_WAITS_AFTER_S)
        if worker.is_alive():
            try:
                on_wait(CLOSE_WAITS_FOR_A_READ_MS / 1000)
            finally:
                worker.join()  # never closed under the checkpoint, whatever `on_wait` did

    def close(
        self, on_wait: Callable[[float], None] | None = None, *, wait_for_reads: bool = True
    ) -> None:
        """Close the connection, every save moved into the file first (see
        `_settle_before_close`, which calls `on_wait` when it waits for another program,
        unless not `wait_for_reads`)."""
        try:
            self._settle_before_close(on_wait, wait_for_reads=wait_for_reads)
        finally:  # `on_wait` failing (the window's words) leaves nothing connected
            self.db.close()
            self.db.registration()  # `_unregister`, once (not again when collected)
            self.file_key = None


def _connect(path: Path | None, read_only: bool, immutable: bool = False) -> sqlite3.Connection:
    # isolation_level=None: the driver never opens hidden transactions; every write
    # goes through Database.atomic(), so nothing sits uncommitted after an edit.
    if path is None:
        return sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    if read_only:
        # immutable=1 reads a WAL database on read-only media without creating -shm files.
        flags = "mode=ro&immutable=1" if immutable else "mode=ro"
        return sqlite3.connect(
            f"{path.resolve().as_uri()}?{flags}",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    return sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)


def make_folder(folder: Path) -> None:
    """Make the folder a new workspace goes in (with its parents); WorkspaceError in words
    when a file stands where a folder should be, or it cannot be made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        link = _dangling_link(folder)
        if link is not None:
            # A data folder IT pointed at a network share or a disk not connected now:
            # "a file of that name is in the way" sent the reviewer after a file.
            raise WorkspaceError(
                f"{link} is a link to {os.readlink(link)}, which does not exist (is a disk "
                "or a network drive not connected?), so no workspace can be made there. "
                "Nothing was created."
            ) from None
        # The file in the way is named, not the folder under it: XDG_DATA_HOME naming a
        # file said ".../notes.txt/factcheck-desk is not a folder (a file of that name is
        # in the way)", and a file called factcheck-desk was looked for, nowhere.
        blocker = _not_a_folder(folder)
        what = "a file" if blocker.is_file() else "something else"
        there = "there" if blocker == folder else f"in {folder}"
        raise WorkspaceError(
            f"{blocker} is {what}, not a folder, so no workspace can be made {there}."
        ) from None
    except OSError as error:
        raise WorkspaceError(f"Cannot make the folder {folder} ({error.strerror}).") from None


def _not_a_folder(folder: Path) -> Path:
    """The first step of `folder`'s path, from the top, that is there and is not a
    folder (`folder` when none is found: one gone since)."""
    for step in reversed((folder, *folder.parents)):
        try:
            if step.exists() and not step.is_dir():
                return step
        except OSError:  # one on the way that may not be looked into
            break
    return folder


def _dangling_link(folder: Path) -> Path | None:
    """`folder` or the first folder above it that is a link to nothing, if one is."""
    for step in (folder, *folder.parents):
        try:
            if step.is_symlink() and not os.path.exists(step):
                return step
        except OSError:  # a folder on the way that may not be looked into
            return None
    return None


# The longest path SQLite opens (its -journal's path adds 8 bytes and must fit too).
SQLITE_MAX_PATH_BYTES = 500
# The files SQLite keeps beside a workspace NAME, as NAME-wal and so on.
SIDE_FILES = {
    "-wal": "write-ahead log",
    "-shm": "shared-memory file",
    "-journal": "rollback journal",
}
# The longest name a disk takes (bytes on Linux and macOS, UTF-16 units on Windows:
# `name_length`), and the most the desk adds to a workspace's name for a file beside it:
# a restore's copy with SQLite's journal beside it, NAME.restoring-journal
# (NAME.creating-journal, NAME.lock and NAME-wal are shorter).
LONGEST_ADDED = len(backups.RESTORING + "-journal")
LONGEST_NAME = NAME_MAX - LONGEST_ADDED
# A workspace already there opens for writing with a name up to this long: such an open
# adds at most NAME.restoring (looked for); NAME.lock, its -journal and -wal are shorter.
# One named longer than LONGEST_NAME opened and saved so before names were counted; only
# a restore into it has no room, and says so (`restore_backup`: nothing is changed). One
# opened read-only makes nothing beside it: any name the disk took opens so.
LONGEST_OPENED = NAME_MAX - len(backups.RESTORING)


def refuse_before_opening(path: Path, *, read_only: bool = False) -> None:
    """Refuse, before anything is made or opened, a path that must not become a workspace:
    a symbolic link to one that is not there (a disk not mounted, a file moved: it must not
    become a new, empty workspace where it points), and a workspace's own side file (its
    -wal or -shm, which SQLite holds open and locked while the workspace is open); and,
    in words, a path that cannot be reached (`_refuse_unreachable`; `read_only`: for an
    open that makes nothing beside it)."""
    _refuse_unreachable(path, read_only)
    for suffix, kind in SIDE_FILES.items():
        stem = path.name[: -len(suffix)]
        if not (path.name.endswith(suffix) and stem):
            continue
        main = path.with_name(stem)
        if main.is_file():
            raise NotAWorkspace(
                f"{path} is the {kind} of the workspace {main.name}, not a workspace: open "
                f"{main.name} itself. Nothing was changed."
            )
    # A restore through the link, killed half-way, moved the file it names aside: the
    # open finishes it (or, read-only, says so). Refused, the link was "a disk not
    # connected", and the restore was never finished.
    if path.is_symlink() and not path.exists() and not backups.restore_left_half_done(path):
        raise WorkspaceError(
            f"{path} is a link to {os.readlink(path)}, which does not exist (is a disk not "
            "connected, or was the workspace moved?). Nothing was created."
        )


def _refuse_unreachable(path: Path, read_only: bool = False) -> None:
    """A workspace path too long, or one the system will not follow, said in words.

    A name of 238 to 255 bytes, which the disk takes but not with what the desk adds to it
    beside it, stopped the making of a workspace (and, from 246 bytes, every open for
    writing) with "unexpected error (OSError: File name too long)", and the window on its
    crash box; a longer one failed so at the first look. A workspace already there named
    up to LONGEST_OPENED opened and saved, and still does; read-only, whatever its name.
    A folder on the way that may not be entered (a colleague's, a share whose rights
    changed) did the same with PermissionError, and ended the window's start on a
    traceback; a loop of links was "a link to …, which does not exist"."""
    name, unit = name_length(path.name)
    if name > LONGEST_NAME and not ((read_only or name <= LONGEST_OPENED) and os.path.exists(path)):
        raise WorkspaceError(
            f"The name of the workspace {path.name[:40]}… in {path.parent} is too long "
            f"({name} {unit}; the desk keeps files beside a workspace named after it, so its "
            f"name takes at most {LONGEST_NAME} {unit}): rename it, or choose a shorter "
            "name. Nothing was created or changed."
        )
    if len(os.fsencode(os.path.abspath(path))) > SQLITE_MAX_PATH_BYTES:
        raise WorkspaceError(
            f"The path of the workspace {path} is too long for SQLite (more than "
            f"{SQLITE_MAX_PATH_BYTES} bytes): move it to a folder with a shorter path. "
            "Nothing was created or changed."
        )
    try:
        os.stat(path)  # through links: where the workspace really is
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            return  # not there: a new one is made, or what is in the way is said
        if error.errno == errno.ENAMETOOLONG:
            raise WorkspaceError(
                f"A name in the path of the workspace {path} is too long for the disk: "
                "move the workspace to a folder with a shorter name. Nothing was created "
                "or changed."
            ) from None
        if error.errno == errno.ELOOP:
            raise WorkspaceError(
                f"The path of the workspace {path} runs into a loop of links (a link that "
                "leads, through others, back to itself), so it leads to no file: point the "
                "link at the workspace itself. Nothing was created or changed."
            ) from None
        if error.errno in (errno.EACCES, errno.EPERM):
            raise WorkspaceError(
                f"The workspace {path} cannot be reached: you have no permission to open "
                f"the folder {_closed_folder(path)}. Ask whoever looks after it for access, "
                "or work on a copy kept where you can. Nothing was created or changed."
            ) from None
        raise _unreadable(path, error) from None


def name_length(name: str) -> tuple[int, str]:
    """How long the disk counts `name`, and in what: UTF-16 units on Windows (an accented
    letter one), bytes elsewhere (an accented letter two)."""
    if sys.platform == "win32":
        return len(name.encode("utf-16-le", "surrogatepass")) // 2, "characters"
    return len(os.fsencode(name)), "bytes"


def _closed_folder(path: Path) -> Path:
    """The first folder on the way to `path` that may not be entered (its own, when the
    system does not say which)."""
    full = Path(os.path.abspath(path))
    for folder in reversed(full.parents):
        if not os.access(folder, os.X_OK):
            return folder
    return full.parent


def check_file(path: Path) -> None:
    """Refuse what SQLite would misread, before SQLite opens it: folders, empty files,
    other file types; and a file that cannot be read, in words."""
    try:
        _check_file(path)
    except OSError as error:
        raise _unreadable(path, error) from None


def _unreadable(path: Path, error: OSError) -> WorkspaceError:
    """Why the workspace file cannot be read. A disk that answers with an I/O error (a
    failing USB stick, one pulled out while its folder is still listed, a dropped network
    drive) is said as such: it was "unexpected error (OSError: [Errno 5] …)"."""
    if error.errno == errno.EIO:
        return WorkspaceError(
            f"The workspace file {path} cannot be read: its disk answered with an "
            "input/output error. If it is on a USB stick or a network drive, plug it back "
            "in (or reconnect) and try again; if the disk is failing, copy the file to "
            "another disk first. Nothing was changed."
        )
    return WorkspaceError(
        f"The workspace file {path} cannot be read ({error.strerror or error}). Nothing "
        "was changed."
    )


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise NotAWorkspace(f"{path} is a folder, not a workspace file.")
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        # A device or a pipe has size 0: it is not an emptied workspace to start afresh.
        raise NotAWorkspace(
            f"{path} is not a regular file (it is a device, a named pipe or a socket), so it "
            "is not a workspace. It was left untouched."
        )
    size = info.st_size
    if size == 0:
        raise WorkspaceEmptyFile(
            f"The workspace file {path} is empty (0 bytes). It may have been emptied by a "
            "failed copy, sync or disk problem. It was left untouched."
        )
    if is_open_here(path):
        return  # checked when it was first opened; reading it now would drop our locks
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotAWorkspace(
            f"{path} is not a Factcheck desk workspace (it is not an SQLite database). "
            "The file was left untouched."
        )


def is_database_file(path: Path) -> bool:
    """Is `path` an SQLite database (a workspace, a backup, a colleague's file)? Read by
    its first bytes, except when this process holds it open (reading it would drop our
    locks): that one is a database anyway."""
    if is_open_here(path):
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def left_in_wal_mode(path: Path) -> bool:
    """Is the file, by its header, in WAL mode (bytes 18-19 of an SQLite file are 2)? A
    workspace is while a desk has it open; a backup or a cleaned copy never is (rollback
    journal: whole in one file). Never for a file this process holds (reading it by path
    would drop our locks), nor for what is no file: a named pipe's open waits for a writer
    for ever (`merge -w W.fcdesk PIPE` waited so, holding W's writer lock)."""
    if is_open_here(path) or not os.path.isfile(path):
        return False
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return header[:16] == SQLITE_HEADER and header[18:20] == b"\x02\x02"


def is_writable(path: Path) -> bool:
    """Can we write the file and create the WAL files beside it? Beside the file a link
    names, where SQLite makes them: the link's own folder was asked, and a link to a file
    on a read-only share opened for editing (each change then failed), one in a folder
    IT manages to her own file read-only for nothing."""
    real = Path(os.path.realpath(path))
    return os.access(real, os.W_OK) and os.access(real.parent, os.W_OK | os.X_OK)


def _backups_writable_through(path: Path) -> bool:
    """Opened through a link at the file, can the link's folder be written? Its backups
    are kept there (backups.backup_dir of the name opened): a link in a read-only folder
    to her own file opened for editing, and every backup failed, Restore from Backup
    listed none, and an older workspace's upgrade was refused for want of its backup."""
    shown = Path(os.path.abspath(path))
    if os.path.realpath(shown) == str(shown) or not shown.is_symlink():
        return True  # not a link at the file: `is_writable` asked the folder itself
    return os.access(shown.parent, os.W_OK | os.X_OK)


def filesystem_type(path: Path, mounts_text: str | None = None) -> str:
    """The file system a path lives on (Linux: from /proc/mounts; '' when unknown)."""
    if sys.platform == "win32":
        return "smb" if str(path.resolve()).startswith("\\\\") else ""
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
    mounts = mounts_text.splitlines()
    resolved = str(path.resolve())
    best, best_type = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = resolved == mount_point or resolved.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def _quick_check(db: WorkspaceDatabase, path: Path | None, checked: bool = False) -> None:
    """SQLite's quick check, unless `checked`: a reader's look at the -wal beside the
    workspace has just run the integrity check (which does what it does, and more) on the
    same read, and a year's workspace must not be read twice for it."""
    try:
        check = "SELECT 'ok'" if checked else "PRAGMA quick_check"
        result = [row[0] for row in db.execute(check).fetchall()]
        tables = set(db.table_names())
    except (WorkspaceDamaged, WorkspaceError) as error:
        if isinstance(
            error, (WorkspaceBusy, WorkspaceReadOnly, WorkspaceFull, WorkspaceChangedWhileRead)
        ):
            raise
        # SQLite's report (or, when even that was not text, what the damage said of it):
        # never a whole message of ours inside this one.
        damage = error if isinstance(error, WorkspaceDamaged) else None
        fault = damage.fault if damage is not None else str(error.__cause__ or error)
        raise WorkspaceDamaged(
            f"The workspace {path} is damaged and cannot be read ({fault}). It was left untouched",
            "restore it from a backup",
            fault=fault,
            path=path,
            backup_helps=True,
            clauses="; ",
        ) from None
    if result != ["ok"] and db.changed_under is not None and db.changed_under():
        raise WorkspaceChangedWhileRead(path)  # a writer's pages, read without locks: not damage
    if result != ["ok"]:
        report = check_report(result)  # its first lines: a page of damage gives 101
        raise WorkspaceDamaged(
            f"The workspace {path} is damaged ({report}). It was left untouched",
            "restore it from a backup",
            fault=report,
            path=path,
            backup_helps=True,
            clauses="; ",
        )
    if tables and not tables >= OUR_TABLES:
        raise NotAWorkspace(
            f"{path} is an SQLite database, but not a Factcheck desk workspace. "
            "It was left untouched."
        )


# How many times a reader opens the workspace again when a writer changed it while the
# open read it without a stray -wal (see `open_workspace`): a writer's open sets that -wal
# aside, so the next open reads the file with SQLite's locks; more is a file that keeps
# being replaced (a sync tool), said in words.
READ_AGAIN_TRIES = 3


def open_workspace(
    path: Path | None,
    *,
    read_only: bool = False,
    background: bool = False,
    leave_no_files: bool = False,
    busy_wait: float = 0.0,
) -> Workspace:
    """Open (creating if missing) a workspace: `_open_workspace`, opened again when it was
    read without a stray -wal and another program changed it meanwhile (a desk opening it
    for editing just after the reader's look at that -wal, or during its checks). That
    desk set the -wal aside, so the read again holds SQLite's locks, and shows its work."""
    for attempt in range(READ_AGAIN_TRIES):
        try:
            return _open_workspace(
                path,
                read_only=read_only,
                background=background,
                leave_no_files=leave_no_files,
                busy_wait=busy_wait,
            )
        except WorkspaceChangedWhileRead:
            if attempt == READ_AGAIN_TRIES - 1:
                raise
    raise AssertionError("unreachable")  # the last attempt returned or raised


def _open_workspace(
    path: Path | None,
    *,
    read_only: bool = False,
    background: bool = False,
    leave_no_files: bool = False,
    busy_wait: float = 0.0,
) -> Workspace:
    """Open (creating if missing) a workspace; `path=None` gives an in-memory one for tests.

    A read-only file or folder, or a workspace written by a newer version, opens
    read-only with a notice saying why. A `background` connection (an import beside the
    window) lets this process's other connections write first (see turns.py).
    `leave_no_files` (read-only only: a colleague's file being merged): with nothing
    beside it (no -wal, -shm or -journal), nobody has it open, and it is read as
    immutable, so SQLite makes no files beside it either.
    `busy_wait`: seconds a write waits for another program's (the command line's
    --wait), when longer than the usual `BUSY_TIMEOUT_MS`.
    """
    notices: list[str] = []
    came_without_wal = came_whole = False
    later_wal_kept: Path | None = None
    # Another workspace's -wal set aside, or read without: a refusal of the file says it too.
    said_on_refusal: list[str] = []
    read_without: Path | None = None
    look = wal_check.ReaderLook()
    apart = False  # read alone, immutable: a companion file beside it is no file
    if path is not None:
        refuse_before_opening(path, read_only=read_only)
        if not read_only:  # under the writer lock, as a restore is
            finished = backups.finish_interrupted_restore(path)
            notices += [finished] if finished else []
    is_new = path is None or not path.exists()
    if path is not None:
        if is_new:
            if read_only and backups.restore_left_half_done(path):
                raise WorkspaceError(
                    f"There is no workspace at {path} yet: a restore from a backup stopped "
                    "half-way. Open it once for editing (in the window) to finish it."
                )
            if read_only:
                raise WorkspaceError(f"There is no workspace at {path}.")
            make_folder(path.parent)
            notices += _keep_out_side_files_of_none(path)
            _create(path)
        else:
            check_file(path)
            in_the_way = side_file_in_the_way(path)
            if in_the_way is not None:
                _refuse_alone_beside_an_editor(path, in_the_way)
                read_only = apart = True
                notices.append(_opened_read_only_note(path, in_the_way))
                # Refused as damaged read alone, it said only "restore it from a backup":
                # read whole, once that file is moved away, it may be sound.
                said_on_refusal = [side_file_read_alone(path, in_the_way) or ""]
            if not read_only and not is_writable(path):
                read_only = True
                notices.append(
                    "The workspace file or its folder is read-only, so it was opened "
                    "read-only: you can read and export, but not change anything."
                )
            if not read_only and not _backups_writable_through(path):
                read_only = True
                notices.append(
                    f"The workspace was opened read-only: {path.name} is a link in a folder "
                    f"that cannot be written ({Path(os.path.abspath(path)).parent}), where its "
                    "backups are kept, so no backup could be made or restored. To edit it, "
                    f"open {os.path.realpath(path)} itself."
                )
            # A link to one too (a shortcut to Monday's backup): opened for editing, its
            # work changed the backup, which the rotation then deleted.
            if not read_only and (
                backups.is_backup(path) or backups.is_backup(Path(os.path.realpath(path)))
            ):
                read_only = True
                what = "a backup" if backups.is_backup(path) else "a link to a backup"
                notices.append(
                    f"{path.name} is {what}, so it was opened read-only: a backup keeps "
                    "the past as it was, and the oldest are deleted as new ones are made. To "
                    "work from it, use File → Restore from Backup in its workspace, or copy "
                    "it out of the backups folder first."
                )
            if not read_only and _has_other_names(path):
                read_only = True
                notices.append(
                    f"The workspace file {path.name} has another name as well (a hard link), "
                    "so it was opened read-only: changed under two names at once it would be "
                    "damaged. To edit it, copy it to a file of its own (or remove the other "
                    "name)."
                )
            # Its -wal is beside the file a link names, where SQLite keeps it: looked for
            # beside the link, none was found, and another workspace's -wal there was
            # merged into the file by SQLite (opened through a link, `ln -s`, a shortcut).
            # Named as she sees it when only a folder on the way is a link; by its full
            # path for a link at the file itself (none is beside the name she opened).
            real, full = side_files_place(path)
            if not read_only:
                said, later_wal_kept = _keep_out_an_unfit_wal(real, full)
                notices += said
                # Another workspace's -wal (the note of a later own one says "opened").
                said_on_refusal = said if later_wal_kept is None else []
                came_without_wal = not wal_of(real).exists() and left_in_wal_mode(real)
            elif not leave_no_files and not apart:  # a merge checks their -wal itself
                look = _reader_look(real)
                if look.unfit is not None:
                    read_without = wal_of(real)
                    notices.append(_read_without_note(real, look.unfit, full=full))
                if look.unfit in (wal_check.FOREIGN, wal_check.FOREIGN_BESIDE_DAMAGED):
                    # The file alone refused (damaged): that it was read without that -wal.
                    said_on_refusal = [_read_without_note(real, look.unfit, True, full)]
        fs_type = filesystem_type(path.parent if is_new else path)
        if fs_type in NETWORK_FILESYSTEMS:
            notices.append(
                f"This workspace is on a network share ({fs_type}). SQLite cannot guarantee "
                "safe saving there: copy it to a local folder to work on it."
            )
    immutable = apart or (
        leave_no_files and read_only and path is not None and not _has_side_files(path)
    )
    # Read without its stray -wal: immutable, so SQLite neither reads it nor makes files.
    db = _open_database(path, read_only, immutable or read_without is not None)
    if read_without is not None and look.moment is not None:
        db.changed_under = look.moment.changed  # its failures, a writer's: see after_disk_error
    try:
        # Before anything writes (a write is what a planted trigger waits for).
        schema_guard.verify_schema(db.conn, path)
        _quick_check(db, path, look.checked)
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION and not read_only:
            # Not a plain close: it would merge the newer desk's -wal into the file.
            schema_guard.close_leaving_file_as_is(db.conn, path)
            read_only = True
            db = _open_database(path, read_only)
        if version > SCHEMA_VERSION:
            notices.append(
                f"This workspace was saved by a newer version of Factcheck desk (schema "
                f"{version}; this version knows {SCHEMA_VERSION}), so it was opened "
                "read-only. Update the app to edit it."
            )
        busy_ms = min(max(BUSY_TIMEOUT_MS, round(busy_wait * 1000)), 2**31 - 1)  # SQLite's int
        db.execute(f"PRAGMA busy_timeout = {busy_ms}")
        db.execute("PRAGMA foreign_keys = ON")
        if not read_only or not (immutable or read_without is not None):
            # (Read immutable, SQLite reports every file as "delete": left unsaid.)
            came_whole = str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal"
        if not read_only:
            # WAL + FULL: a verdict acknowledged on screen survives a crash or power cut.
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            before_upgrade = _migrate(db, path, is_new)
            if before_upgrade is not None:
                notices.append(_updated_note(version, before_upgrade))
        elif version < SCHEMA_VERSION:
            older_schema.stand_in_for_missing(db)
        if db.changed_under is not None and db.changed_under():
            # A writer came since the look (set the -wal aside, wrote): the look, and what
            # the checks read, may be of the workspace before it. Read again (the caller).
            raise WorkspaceChangedWhileRead(path)
    except WorkspaceError as error:
        torn = db.changed_under is not None and db.changed_under()
        if is_new:
            db.close()
            if path is not None:
                _remove_if_empty(path)  # else the next start calls it an empty workspace
        elif apart:
            # Read alone (immutable): its close merges nothing. The keeper connection of
            # `close_leaving_file_as_is` opened the named pipe at -journal and waited for
            # a writer for ever: a damaged workspace beside one never opened, nor refused.
            db.close()
        else:
            # A refused file (damaged, untrusted) stays byte for byte as it was: a plain
            # close would merge its -wal into it (the last edits, into a damaged file).
            schema_guard.close_leaving_file_as_is(db.conn, path)
        if torn and not isinstance(error, WorkspaceChangedWhileRead):
            # What failed was read across a writer's change (a refusal as "untrusted",
            # "not a workspace"): the file is read again (`open_workspace`).
            raise WorkspaceChangedWhileRead(path) from None
        if said_on_refusal and not isinstance(error, WorkspaceChangedWhileRead):
            # Refused (damaged alone, beside another workspace's -wal): where that -wal is.
            if isinstance(error, WorkspaceDamaged):
                raise error.with_notes(*said_on_refusal) from None
            raise type(error)(" ".join([str(error), *said_on_refusal])) from None
        raise
    # A file read without its stray -wal holds no SQLite lock (immutable) and is not
    # counted as open here: opened for editing beside it, in this process too, its -wal
    # must still be checked and set aside, never merged (`_keep_out_an_unfit_wal`).
    key = file_key(path) if path is not None and read_without is None else None
    _count_open(db, key)
    if path is not None and not read_only:
        # Beside the file a link names, as SQLite keeps its -wal: looked for beside the
        # link, none was found, and the close left its saves in the -wal (beside a reader).
        db.file_key, db.file_path = key, Path(os.path.realpath(path))
        db.on_replaced = lambda: _rescue(db, path)
        db.wal_key = file_key(wal_of(db.file_path))
        if key is not None:
            _WAL_FILES.setdefault(key, db.wal_key)
    if key is not None and not read_only:
        db.turns, db.background = turns_for(key), background
    return Workspace(
        db=db,
        path=path,
        read_only=read_only,
        notices=notices,
        file_key=key,
        came_without_wal=came_without_wal and not read_only,
        came_whole=came_whole and not is_new,
        read_without=read_without,
        read_moment=look.moment if read_without is not None else None,
        later_wal_kept=later_wal_kept,
    )


# A new workspace is set up under this name beside its own (NAME.fcdesk.creating).
CREATING = ".creating"


def _create(path: Path) -> None:
    """Make a new, empty workspace at `path` whole: set up (every table, its version, its
    id) under a name of its own beside it, then renamed into place. It was made as an
    empty file at `path` first, and a program killed before SQLite wrote to it (the first
    start's, during the samples' import) left a 0-byte workspace: every later start and
    command called it emptied by a failed copy or sync and refused to go on until it was
    deleted by hand. What a killed creation leaves under the other name is removed by the
    next creation (under the writer lock, as every creation is)."""
    staging = path.with_name(path.name + CREATING)
    try:
        for leftover in (staging, *(staging.with_name(staging.name + s) for s in SIDE_FILES)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    except OSError as error:
        # A read-only disk refuses to remove even a file that is not there (EROFS, not
        # ENOENT): "[Errno 30] Read-only file system: …/workspace.fcdesk.creating", a
        # file the reviewer never saw, and no box at all, ended the first start there.
        _refuse_unwritable_folder(path, error)
        raise
    try:
        backups.make_empty_file(staging, quietly=False)  # 0664 under umask 002, not 0644
    except OSError as error:
        # A folder there but not the reviewer's to write (made by an administrator's
        # `sudo`, read-only by policy): SQLite's "unable to open database file" said it.
        # Anything else (a full disk) SQLite's attempt right after says, as ever.
        _refuse_unwritable_folder(path, error)
    try:
        with translated(path):
            conn = sqlite3.connect(str(staging), isolation_level=None)
        try:
            schema_guard.harden(conn)
            db = WorkspaceDatabase(conn, path)
            _migrate(db, path, is_new=True)
        finally:
            conn.close()
        os.replace(staging, path)
    except OSError as error:
        raise WorkspaceError(
            f"Cannot make the workspace {path} ({error.strerror}). Nothing was created."
        ) from None
    finally:
        for leftover in (staging, staging.with_name(staging.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()  # when it was not put in place


def _refuse_unwritable_folder(path: Path, error: OSError) -> None:
    """WorkspaceError naming the folder when `error` says it cannot be written."""
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        raise WorkspaceError(
            f"Cannot make the workspace {path}: the folder {path.parent} cannot be "
            f"written ({error.strerror}). Nothing was created."
        ) from None


def _remove_if_empty(path: Path) -> None:
    """Remove the file made for a new workspace that could not be set up."""
    with contextlib.suppress(OSError):
        if path.stat().st_size == 0:
            path.unlink()


def _rescue(db: WorkspaceDatabase, path: Path) -> str:
    """What this connection holds, copied beside the workspace: its file was replaced."""
    rescued = backups.rescue_copy(db.conn, path)
    if rescued.parent == Path(os.path.abspath(path)).parent:
        return f"Everything saved here up to now was kept as {rescued.name}, beside it."
    return (
        f"Everything saved here up to now was kept as {rescued} (the workspace's own folder "
        "could not take it)."
    )


def _has_other_names(path: Path) -> bool:
    """Is the file also reachable under another name (a hard link)? SQLite names its -wal
    after the name it is given, so two names mean two -wal files for one database."""
    try:
        return path.stat().st_nlink > 1
    except OSError:
        return False


def left_out_when_read_alone(path: Path) -> str | None:
    """A -wal or -journal beside the workspace that is a file holding something (a
    crashed desk's last saves, a change half made): read alone (immutable, beside a side
    file in the way), SQLite leaves it out. Its name as she sees it; None when none is."""
    for named, _side, info in side_files_there(path, ("-wal", "-journal")):
        if stat.S_ISREG(info.st_mode) and info.st_size > 0:
            return named
    return None


def _opened_read_only_note(path: Path, in_the_way: tuple[str, str]) -> str:
    """Why the workspace opened read-only: a side file beside it is no file."""
    said = in_the_way_words(
        in_the_way,
        ", and SQLite keeps the workspace's latest saves there, so nothing could be saved",
        "open the workspace again",
        to_edit=True,
    )
    return f"The workspace was opened read-only: {said}{_left_out_note(path, in_the_way[0])}"


def _left_out_note(path: Path, named: str) -> str:
    """What reading the file alone left out (`left_out_when_read_alone`), as a sentence
    after the one on `named`, the side file in the way: a crashed desk's saves in the
    -wal, shown nowhere and said nowhere, read as "the workspace is sound"."""
    held = left_out_when_read_alone(path)
    if held is None:
        return ""
    if held.endswith("-wal"):
        return (
            f" {held} holds saves that were not read (left by a desk that crashed, or "
            f"kept by one still open on it): what is shown lacks them until {named} is "
            "moved away and the workspace opened again."
        )
    return (
        f" {held} holds a change left half made (a program that crashed), which was not "
        f"undone: what is shown may hold part of it until {named} is moved away and the "
        "workspace opened again."
    )


def side_file_read_alone(path: Path, in_the_way: tuple[str, str] | None) -> str | None:
    """Why the workspace at `path` is read as the file alone (immutable), in words, when
    a file SQLite keeps beside it is no file (`in_the_way`, as `side_file_in_the_way`
    found it): read with its side files, a named pipe at -journal hung the read for ever,
    and a folder was "an unfinished change" or "could not be read together with it".
    None when none is."""
    if in_the_way is None:
        return None
    said = in_the_way_words(
        in_the_way,
        ", so the workspace was read as the file alone, as it opens (read-only)",
        "open the workspace again",
        to_edit=True,
    )
    return f"{said}{_left_out_note(path, in_the_way[0])}"


def _has_side_files(path: Path) -> bool:
    """Is a -wal, -shm or -journal beside the file: where SQLite keeps them, beside the
    file a link names (a merge given a link to a colleague's file found none beside the
    link, read hers immutable, and left out the saves waiting in her -wal)."""
    return any(side_files_there(path))


def open_reader(path: Path) -> WorkspaceDatabase:
    """A read-only connection of its own to a workspace this process has open (and has
    checked at its open), for a thread reading it beside the window: Check Workspace.
    No quick check here: that check's integrity check is the full one. It writes
    nothing, and never merges or deletes the window's -wal."""
    # A file beside it that is no file (a named pipe at -journal hung this read for
    # ever): read alone, as the window reads it, and said (`read_alone_because`).
    in_the_way = side_file_in_the_way(path)
    alone = side_file_read_alone(path, in_the_way)
    _refuse_alone_beside_an_editor(path, in_the_way)
    # A read-only window that read the file without a stray -wal: so does its check.
    # Beside the file a link names, as the window looked: looked for beside the link,
    # none was found, and another workspace's -wal there was checked as this one's
    # ("2 broken references … Restore the newest backup" of a sound file).
    beside = side_files_place(path)[0]
    look = _reader_look(beside) if alone is None else wal_check.ReaderLook()
    db = _open_database(path, read_only=True, immutable=alone is not None or look.unfit is not None)
    db.read_alone_because = alone
    if look.unfit is not None and look.moment is not None:
        db.changed_under = look.moment.changed  # a writer's pages are not damage
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if int(db.execute("PRAGMA user_version").fetchone()[0]) < SCHEMA_VERSION:
            older_schema.stand_in_for_missing(db)  # as the read-only window reads it
    except BaseException:
        db.conn.close()
        raise
    return db


def open_writer(path: Path) -> Workspace:
    """A writing connection of its own to a workspace this process has open for writing
    (checked and upgraded at that open), for a thread writing beside the window: the
    search index's rebuild. Its transactions let the window's saves go first (turns.py).
    No check, no upgrade; never a new file made where the workspace has gone (mode=rw)."""
    refuse_beside_a_deleted_wal(path)
    # A named pipe made at -journal while the window edits: this connection opened it and
    # waited for a writer for ever, and closing the window waited for its thread.
    _refuse_alone_beside_an_editor(path, side_file_in_the_way(path))
    with translated(path):
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    schema_guard.harden(conn)
    db = WorkspaceDatabase(conn, path)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    key = file_key(path)
    _count_open(db, key)
    db.file_key, db.file_path = key, Path(os.path.realpath(path))  # as `_open_workspace`
    db.wal_key = file_key(wal_of(db.file_path))
    if key is not None:
        db.turns, db.background = turns_for(key), True
    return Workspace(db=db, path=path, file_key=key)


@contextlib.contextmanager
def reading_apart(path: Path) -> Iterator[WorkspaceDatabase]:
    """`open_reader`'s connection inside one read transaction: what it reads is one state
    of the workspace, the one of this call, whatever the window saves meanwhile. Ended
    (nothing to keep: it wrote nothing) and closed after."""
    db = open_reader(path)
    try:
        db.execute("BEGIN")
        try:
            yield db
        finally:
            # An interrupted statement may have ended the transaction already.
            with contextlib.suppress(sqlite3.Error):
                db.conn.execute("ROLLBACK")
    finally:
        db.conn.close()


def _open_database(
    path: Path | None, read_only: bool, immutable: bool = False
) -> WorkspaceDatabase:
    if path is not None:
        refuse_beside_a_deleted_wal(path)
    with translated(path):
        conn = _connect(path, read_only, immutable)
        if read_only and path is not None:
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                conn.close()
                # Beside the file a link names, where SQLite keeps them: looked for beside
                # the link, none was found, and the file was read alone, a crashed
                # program's change shown half made, or without its latest saves.
                beside = side_files_place(path)[0]
                _refuse_unfinished_change(beside)
                _refuse_unmerged_wal(beside)
                # A WAL workspace in a read-only folder whose WAL is merged: no -shm can be
                # made, and there is nothing beyond the main file to read.
                conn = _connect(path, read_only, immutable=True)
        schema_guard.harden(conn)
        return WorkspaceDatabase(conn, path)


def _keep_out_an_unfit_wal(path: Path, full: bool = False) -> tuple[list[str], Path | None]:
    """Set aside a left-over WAL that would damage the workspace (see wal_check), and say
    what it was: another workspace's (or an older one of this), or this one's own from a
    later moment beside a file that is sound alone (`_set_aside_later_note`; where it was
    kept is returned too, None for any other). `full`: named by its full path (opened
    through a link at the file, `side_files_place`)."""
    if is_open_here(path) or not wal_check.has_unmerged_wal(path):
        return [], None  # open here: its WAL is live; reading files by path would drop locks
    try:
        unfit = wal_check.wal_unfit(path)
        if unfit is None:
            return [], None  # a crash's last edits: SQLite merges them, as it should
        kept = wal_check.set_aside_wal(path)
    except FileNotFoundError:
        if not wal_check.has_unmerged_wal(path):
            # Gone while it was looked at: another program connected to the workspace (a
            # `sqlite3` shell) closed last, and SQLite moved it into the file, then
            # deleted it. Opened as if it had gone a moment earlier.
            return [], None
        raise WorkspaceError(
            f"Cannot check the unmerged changes beside {path} (a file beside it went "
            "while they were read); nothing was changed."
        ) from None
    except OSError as error:
        raise WorkspaceError(
            f"Cannot check the unmerged changes beside {path} ({error.strerror}); nothing "
            "was changed."
        ) from None
    wal = str(wal_of(path)) if full else wal_of(path).name
    if unfit == wal_check.APART:
        return [_set_aside_later_note(path, wal, kept)], kept
    if unfit == wal_check.FOREIGN_BESIDE_DAMAGED:
        # The file alone is damaged: the open refuses it, and says this too (`_open_workspace`).
        return [
            f"The unmerged changes beside it, in {wal}, do not belong to it: they "
            "are another workspace's, or another database's (a copy or sync paired the "
            "wrong files), and merged they would not have mended it, only mixed that file's "
            f"work into it. They were NOT merged, and were kept, every byte, as {kept}."
        ], None
    return [
        f"The workspace had unmerged changes in {wal} that do not belong to it "
        "(merging them would have damaged it, e.g. a copy or sync paired the wrong files). "
        f"They were NOT merged, and were kept as {kept}."
    ], None


def _keep_out_side_files_of_none(path: Path) -> list[str]:
    """Set aside a -wal or -journal beside no workspace at `path`, before a new one is
    made there (`backups.set_aside_beside_none`), and say where it went."""
    # The -wal of a workspace this process holds open, its file moved or deleted since
    # (the window's, reached by an import beside it under the window's own writer lock):
    # SQLite's lock on its -shm is this process's, which F_GETLK never reports, and
    # opening that -shm to ask, then closing it, would drop those locks.
    wal_key = file_key(wal_of(path))
    if wal_key is not None and wal_key in _WAL_FILES.values():
        raise WorkspaceError(
            f"There is no workspace at {path}, but the one that was there is still open in "
            f"this desk (its file was moved or deleted while open; its {path.name}-wal is "
            "in use): quit the desk and start it again, then try again. Nothing was created."
        )
    # Another program's (sqlite3, a script) holds SQLite's lock on the -shm.
    if wal_check.wal_in_use(path):
        raise WorkspaceError(
            f"There is no workspace at {path}, but another program still has the one that "
            f"was there open (its {path.name}-wal is in use): close it, then try again. "
            "Nothing was created."
        )
    try:
        kept = backups.set_aside_beside_none(path)
    except OSError as error:
        raise WorkspaceError(
            f"Cannot make the workspace {path}: the unmerged changes of a workspace no "
            f"longer there are beside it, and they could not be moved into "
            f"{backups.backup_dir(path)} ({error.strerror}). Nothing was created."
        ) from None
    if not kept:
        return []
    names = ", ".join(path.name + k.name[k.name.rindex("-") :] for k in kept)
    return [
        f"There was no workspace at {path.name}, but the unmerged changes of one were still "
        f"beside it ({names}: a desk stopped while moving that workspace aside, or the file "
        "was deleted or moved without them). They were NOT merged into the new workspace "
        f"made here, and were kept, every byte, as {', '.join(str(k) for k in kept)}."
    ]


def _set_aside_later_note(path: Path, wal: str, kept: Path) -> str:
    """The words for the workspace's own -wal from a later moment, set aside as it opened
    for editing: the file alone is sound, so never "restore it from a backup" (the reader
    says the same of it, `_read_without_note`)."""
    return (
        f"{wal}, beside {path.name}, does not fit it: read together they are "
        "damaged, though the file alone is sound (most likely the file was copied while "
        f"a desk had it open, and {wal} a moment later, after that desk had moved "
        f"some changes into its file). So it was NOT merged: {path.name} was opened as the "
        "file alone, whole, which may lack the last changes saved before it was copied, "
        f"and {wal} was kept, every byte of it, as {kept}. For those last changes, ask "
        "for a fresh copy (File → Save a Copy… in that desk makes a whole one even while "
        "it is open)."
    )


def _reader_look(path: Path) -> wal_check.ReaderLook:
    """Why a reader must read `path` without the unmerged -wal beside it, if so: it is
    not the file's own (another workspace's, or an older one of this workspace, which a
    copy, an unzip or a folder tidied by hand put there), or it is, from a later moment
    than the file (copied a moment after it while the desk had it open), and the pair
    read together is damaged (see wal_check.look_for_reader). Read with it, `list`,
    `export` and a read-only window showed that other workspace's work as this one's, or
    refused a sound file as "damaged … restore it from a backup", or showed reviews older
    than their history. A -wal that a program holds open now (a desk writing) is its own,
    and one this process holds is never looked at by path (that would drop SQLite's
    locks)."""
    if is_open_here(path) or not wal_check.has_unmerged_wal(path) or wal_check.wal_in_use(path):
        return wal_check.ReaderLook()
    # Before the look: a desk opening the workspace for editing during it, or before the
    # read that follows, shows as a change since (`Workspace.changed_while_read`).
    moment = wal_check.ReadMoment.now(path)
    try:
        look = wal_check.look_for_reader(path)
    except OSError:
        return wal_check.ReaderLook()
    return dataclasses.replace(look, moment=moment) if look.unfit is not None else look


def _read_without_note(
    path: Path, unfit: str = wal_check.FOREIGN, refused: bool = False, full: bool = False
) -> str:
    """What a reader says of the -wal it read `path` without; `refused`, appended to the
    refusal of the file alone (damaged), where nothing is shown. `full`: named by its
    full path (read through a link at the file, `side_files_place`)."""
    wal = str(wal_of(path)) if full else wal_of(path).name
    shown = ", as the file alone" if refused else ": what is shown is the file alone"
    if unfit == wal_check.FOREIGN_BESIDE_DAMAGED:
        return (
            f"{wal}, beside {path.name}, is another workspace's (it names another one: "
            f"a copy, an unzip or a sync put it there), so {path.name} was read without "
            f"it{shown}. Opened for editing, the desk sets {wal} aside in the "
            "workspace's backups folder; nothing was changed."
        )
    if unfit == wal_check.APART:
        return (
            f"{wal}, beside {path.name}, does not fit it: read together they are "
            "damaged, though the file alone is sound (most likely the file was copied while "
            f"a desk had it open, and {wal} a moment later, after that desk had moved "
            f"some changes into its file), so {path.name} was read without it: what is "
            "shown is the file alone, which may lack the last changes saved before it was "
            f"copied. Opened for editing, the desk sets {wal} aside in the workspace's "
            "backups folder; nothing was changed."
        )
    return (
        f"{wal}, beside {path.name}, is not this workspace's (it belongs to another "
        "workspace, or to an older copy of this one: a copy, an unzip or a tidied folder "
        f"put it there), so {path.name} was read without it{shown}. Opened for "
        f"editing, the desk sets {wal} aside in the workspace's backups folder; "
        "nothing was changed."
    )


def _holds_data(side_file: Path) -> bool:
    """Is a workspace's -wal or -journal there and not empty (changes not yet in the file)?"""
    try:
        return side_file.stat().st_size > 0
    except OSError:
        return False


def _refuse_unfinished_change(path: Path) -> None:
    """A program that stopped in the middle of a change to a rollback-journal workspace
    (a backup, a cleaned copy, one edited with another tool) leaves the change half in the
    file and the old pages in NAME-journal; only a writable open can put them back. Read
    without it (immutable), the file shows a change that was never made, half-applied."""
    journal = path.with_name(path.name + "-journal")
    if _holds_data(journal):
        raise WorkspaceError(
            f"The workspace {path} holds an unfinished change (a program stopped while "
            f"changing it; the old state is in {journal.name}), which must be undone before "
            "it can be read. Open it once for editing in the desk, which undoes it; if its "
            f"folder is read-only, first copy it together with {journal.name} to a writable "
            "folder. Nothing was read or changed."
        )


def _refuse_unmerged_wal(path: Path) -> None:
    """An immutable open would skip the -wal: refuse rather than show stale work."""
    wal = path.with_name(path.name + "-wal")
    if _holds_data(wal):
        raise WorkspaceReadOnly(
            f"The workspace {path} has recent changes in {wal.name} that can only be read "
            "where the folder is writable. Copy the workspace together with its "
            f"{wal.name} file to a writable folder and open the copy there."
        )


def _check_upgrade_records(db: Database, path: Path | None, pending: list[str]) -> None:
    """Refuse, before anything is written, a workspace whose upgrade records (sqlite-utils'
    `_sqlite_migrations`) lack an upgrade its version says it has: its tables would be made
    again, and it failed as "(table articles already exists)", words that said nothing of
    what was wrong or of the way out."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    done = {name for name, _fn in RELEASED[:version]}
    if not done.intersection(pending):
        return
    where = f"The workspace {path}" if path is not None else "This workspace"
    found = (
        "has a record of its format upgrades that does not match its tables (it was edited "
        "outside the desk, or damaged)"
    )
    raise WorkspaceUntrusted(
        f"{where} {found}, so nothing in it was run and the file was left untouched. Open a "
        "cleaned copy: it keeps the articles, reviews, sources and history and leaves "
        "everything else behind.",
        found=found,
    )


def _updated_note(version: int, backup: Path) -> str:
    """What a reviewer must hear once after an upgrade: it happened, where the workspace
    as it was is kept, and that a colleague's older desk now opens it read-only (it was
    silent, and the first word of it came from that colleague)."""
    return (
        "This workspace was updated to the format of this version of Factcheck desk "
        f"(schema {SCHEMA_VERSION}; it was {version}). A copy as it was before is kept as "
        f"{backup.name} in {backup.parent}. Colleagues whose desk is older than this one "
        "can now only read the workspace, until their desk is updated too."
    )


def _migrate(db: Database, path: Path | None, is_new: bool) -> Path | None:
    """Apply pending migrations, backing the workspace up first when it holds data;
    returns that backup (None when nothing was upgraded or the workspace was new).

    Every pending migration, the schema version and the workspace id are one transaction:
    a program killed half-way leaves the file at the version it had (which that version
    opens as its own), never some migrations in under the old version number. (So no
    migration may need to run outside a transaction, as VACUUM does.)

    Migrations run with foreign keys off, as SQLite advises for rebuilding a table: a
    review left behind by a sentence deleted with another tool (the sqlite3 shell checks no
    foreign keys) would otherwise stop the rebuild, and the upgrade, for good. Every row
    comes along as it was; Check Workspace names such broken references. (So a migration
    that deletes rows deletes their dependent rows itself.)
    """
    pending = MIGRATIONS.pending(db)
    if pending and not is_new and db.table_names():
        _check_upgrade_records(db, path, [migration.name for migration in pending])
    backup = None
    if pending and not is_new and path is not None and db.table_names():
        try:
            backup = backups.take_backup(db.conn, path, "before-migration")
        except WorkspaceError as error:
            # Said alone ("No backup … was made: …"), a command that only signs off or
            # imports left the reviewer wondering why a backup, and what became of the file.
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            full = isinstance(error, WorkspaceFull)
            room = "Free some space there, or open" if full else "Open"
            raise (WorkspaceFull if full else WorkspaceError)(
                f"{error} It is made before a workspace saved by an older version is "
                f"updated from schema {version} to schema {SCHEMA_VERSION}, the format of "
                "this version, so the workspace was not updated and nothing in it was "
                f"changed. {room} it read-only to read and export it."
            ) from None
    db.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: here, before
    try:
        with db.atomic():
            MIGRATIONS.apply(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            if sql.read_setting(db, wal_check.WORKSPACE_ID) is None:
                # Tells this workspace's WAL from another's (see wal_check).
                sql.write_setting(db, wal_check.WORKSPACE_ID, uuid.uuid4().hex)
            note_links_present(db)  # a workspace an older desk numbered links in
    finally:
        db.execute("PRAGMA foreign_keys = ON")
    return backup
