"""Rotating workspace backups through SQLite's backup API, restore, and the workspace check."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import shutil
import sqlite3
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck_app import config
from factcheck_app.domain import file_types
from factcheck_app.domain.errors import (
    BackupTooNew,
    NotAWorkspace,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceFull,
)
from factcheck_app.domain.wording import counted
from factcheck_app.storage import file_kinds, locking, schema_guard, scratch, sql
from factcheck_app.storage.errors import (
    CHECK_MOST_PROBLEMS,
    check_problems,
    problems_counted,
    translate,
)
from factcheck_app.storage.migrations import SCHEMA_VERSION
from factcheck_app.storage.sqlite_failures import SQLITE_FAILURES, UNREADABLE_DATABASE
from factcheck_app.storage.stores.rows import VISIBLE, stored_text

AUTO_BACKUP_INTERVAL = dt.timedelta(hours=4)
# Free space a backup leaves on the disk beyond its own size (the workspace must still grow).
BACKUP_HEADROOM = 20 * 1024 * 1024
# Automatic backups are thinned as they age (`thinned`): the newest few whatever their
# dates, every one of the newest days, then one a day, a week, a month and a year. The
# newest 10 alone, as before, were 40 hours of a window left open: a mistake found on
# Thursday was in every backup. Days, weeks and months are counted among those on which
# backups were made, not back from the clock: a clock set years ahead, or a workspace
# left unopened for a month, thins nothing it would not have thinned the day before.
KEEP_NEWEST = 3
KEEP_ALL_DAYS = 2
KEEP_DAILY = 14
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
# Only automatic backups are thinned. Every other kind is the reviewer's (Back Up Now)
# or the only copy of a state: the workspace before an update or a restore replaced it,
# a damaged or empty file set aside. Those were rotated too (the newest 5 or 10): a
# sixth restore deleted the work the first one had replaced.
THINNED = "auto"
# When the disk has no room for a new backup, the oldest automatic ones are removed to make
# room, down to this many: without it the backups stopped while the disk stayed full, and
# the newest backup grew older by the day. Manual and other backups are never removed so.
KEEP_AUTO_WHEN_FULL = 3
# The time in a name is UTC, marked Z; names without the Z (earlier versions) are local time.
# The stem is the workspace's name, whatever it holds, a line break too (re.S): a workspace
# named with one had none of its backups listed (the damaged box said "No backups were
# found" beside them, Restore listed none, and each open made another, never thinned).
_NAME = re.compile(
    r"(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}Z?(?:-\d+)?)-(?P<reason>[a-z-]+)\.fcdesk\Z", re.S
)
# A backup dated further ahead of the clock than this was made while the clock was wrong
# (years ahead): it counts as older than every backup made since. One dated less far ahead
# was made just before the clock was put right (a few minutes by the network, a wrong time
# zone corrected) and is among the newest, as its date says.
CLOCK_SLACK = dt.timedelta(days=1)
# A backup dated ahead of the clock by up to this much (another desk's clock a few minutes
# fast) counts as just made when an automatic backup may be due; one dated further ahead
# was made while this clock was fast and put right since, and its true age is unknown: a
# backup is made. Counted as just made up to a day ahead, a clock six hours fast at the
# morning's open left the day without an automatic backup after that one.
DUE_SLACK = dt.timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file and what it holds."""

    path: Path
    created: dt.datetime
    reason: str
    article_count: int | None  # None when the backup itself cannot be read
    # Dated more than DUE_SLACK ahead of the clock: made while the clock was fast (or it
    # is slow now), so its date does not say how old it is. Listed by its date all the
    # same: a backup made since the clock was put right may be newer.
    ahead: bool = False


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Result of "Check workspace", in words."""

    ok: bool
    lines: list[str]
    # Articles hidden from the list (an import under way, or what a stopped one left),
    # left out of "Holds N articles": counted once, with it, for the line that says so.
    unfinished: int = 0


# File systems allow names of 255 bytes, and SQLite opens paths of 512 bytes at most. A
# backup's name adds up to this much to its workspace's name (time, counter, reason,
# ".partial-journal" while it is written).
_NAME_BYTES = 255
_PATH_BYTES = 511
_ADDED_BYTES = 60


def _is_usual(workspace: Path) -> bool:
    """Is the workspace named as the desk names workspaces (NAME.fcdesk, in lower case)?"""
    return workspace.suffix == config.WORKSPACE_SUFFIX


def _own_mark(workspace: Path) -> str:
    """What a workspace's backups carry after its stem to tell them from those of another
    workspace of the same stem beside it, which share its backups folder: nothing for the
    usual NAME.fcdesk (its backups keep the names they always had), else its suffix
    (`news.db`, `news.FCDESK`), or a dot for a name without one (`news.`)."""
    if _is_usual(workspace):
        return ""
    return workspace.suffix or "."


def backup_stem(workspace: Path) -> str:
    """The workspace's name as its backups begin: its stem, followed by `_own_mark`
    (`news` for news.fcdesk, `news.db` for news.db); the stem cut short (never inside a
    character) when a backup's name or path would be too long for the file system or
    SQLite."""
    return _cut_stem(workspace, _own_mark(workspace))


def _cut_stem(workspace: Path, mark: str) -> str:
    """The workspace's stem, cut to leave room for `mark` and a backup's name; then `mark`."""
    stem = workspace.stem
    folder = os.fsencode(os.path.abspath(backup_dir(workspace)))
    room = min(_NAME_BYTES, _PATH_BYTES - len(folder) - 1) - _ADDED_BYTES - len(os.fsencode(mark))
    encoded = os.fsencode(stem)  # a name in bytes that are not UTF-8 keeps them
    if len(encoded) <= room:
        return stem + mark
    cut = encoded[: max(room, 1)]
    try:
        stem.encode("utf-8")
    except UnicodeEncodeError:  # not UTF-8 anyway: cut between bytes
        return os.fsdecode(cut) + mark
    return (cut.decode("utf-8", "ignore") or "w") + mark


def is_backup(path: Path) -> bool:
    """Is `path` a file in a workspace's backups folder, named as the desk names backups
    (and the files it sets aside there)?"""
    match = _NAME.match(path.name)
    if match is None:
        return False
    # The folder the name is in, a name alone too: typed inside the backups folder (`cd
    # w-backups`), its folder was "", and the backup opened for writing.
    folder = Path(os.path.abspath(path)).parent.name
    if not folder.endswith("-backups"):
        return False
    # Compared case-folded: on Windows and macOS the folder keeps the case of the
    # workspace that made it first (News.db's `News-backups` holds `news-…` too).
    owner, stem = _folded(folder[: -len("-backups")]), _folded(match.group("stem"))
    # The stem, whole or cut short; or the stem, whole or cut short, and a workspace's
    # `_own_mark` (`news.db`, `news.`, `election nig.db`).
    cut, dot, _mark = stem.rpartition(".")
    return (
        owner.startswith(stem)
        or stem.startswith(owner + ".")
        or bool(dot and owner.startswith(cut))
    )


def backup_dir(workspace: Path) -> Path:
    """Backups live next to the workspace, in a folder named after its stem (shared by
    workspaces of one stem: their backups' names tell them apart, see `_own_mark`)."""
    return workspace.parent / f"{workspace.stem}-backups"


def _now() -> dt.datetime:
    """Now, in UTC: names in local time sorted a backup made after a flight west, in the
    hour the clocks go back or by a desk in another time zone before older ones, and the
    rotation deleted it first."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def timestamp() -> str:
    """Now, as backup file names write it (UTC, marked Z)."""
    return _now().strftime("%Y%m%d-%H%M%SZ")


def _unused_name(folder: Path, stem: str, reason: str) -> Path:
    """`folder`/STEM-TIME-REASON.fcdesk, with a counter after the time if one of any kind
    was made in the same second (tests, quick restarts, Back Up Now right after a
    restore): never an existing file's name, and the counter, above every one used in
    that second, orders them. Counted per kind, a manual backup and the workspace set
    aside by a restore in the same second were listed in either order."""
    stamp = timestamp()
    counter = _next_counter(folder, f"{stem}-{stamp}-")
    while True:
        target = folder / f"{stem}-{stamp}{f'-{counter}' if counter else ''}-{reason}.fcdesk"
        if not target.exists():
            return target
        counter += 1


# How many names a backup or a rescue copy tries before giving up: each taken only by
# another program naming one in the same second.
_NAME_TRIES = 100


def _reserved_name(folder: Path, stem: str, reason: str) -> Path:
    """`_unused_name`, its `.partial` file made at once and only if it is not there
    (O_EXCL): another program naming a backup in the same second finds it and takes the
    next counter, or made it first and this one takes the next."""
    for _try in range(_NAME_TRIES):
        target = _unused_name(folder, stem, reason)
        try:
            os.close(os.open(target.with_suffix(".partial"), _NEW_ONLY, 0o666))
        except FileExistsError:
            continue
        return target
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(folder))


_NEW_ONLY = os.O_WRONLY | os.O_CREAT | os.O_EXCL


def _name_without_replacing(part: Path, target: Path, another: Callable[[], Path]) -> Path:
    """Give the complete copy `part` the name `target`, never over a file of that name:
    one another program gave it meanwhile (a second window's Back Up Now in the same
    second, an older desk's, a workspace named alike rescued into the same folder) is
    kept, and this copy takes the name `another` gives. os.replace replaced it: the
    copy renamed last was the only one left. Where the disk has neither hard links nor
    a rename that refuses to replace (some USB sticks on macOS), the name is looked at
    just before the move (`scratch.move_without_replacing`). The name it took."""
    for _try in range(_NAME_TRIES):
        try:
            scratch.move_without_replacing(part, target)
        except FileExistsError:
            target = another()
            continue
        return target
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))


_COUNTER = re.compile(r"^(?:(\d+)-)?[a-z-]+\.")


def _next_counter(folder: Path, prefix: str) -> int:
    """0 when no file in `folder` begins `prefix` (a backup's name up to its time), else
    one above the highest counter among those that do (a backup being written too)."""
    used = -1
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(prefix):
                found = _COUNTER.match(entry.name[len(prefix) :])
                if found:
                    used = max(used, int(found.group(1) or 0))
    return used + 1


class BackupCancelled(Exception):
    """A backup stopped on request (the workspace is being closed); nothing was left."""


# Pages a stoppable backup copies between two looks at whether it should stop, each step
# then flushed to the disk (4 MB of 4 KiB pages). Flushed only at the end, a year's
# workspace (170 MB) was one flush that a save by the window, flushing its own -wal on
# the same disk, waited for: 90-150 ms of a key press where 16 ms is the budget (seconds
# on a slow disk). A step's flush holds a save up for 10-16 ms at most; the copy takes
# as long (docs/performance.md, "A backup while the reviewer works").
STEP_PAGES = 1024


def take_backup(
    conn: sqlite3.Connection,
    workspace: Path,
    reason: str = "auto",
    *,
    cancelled: Callable[[], bool] | None = None,
    on_made_room: Callable[[list[Path]], None] | None = None,
) -> Path:
    """Copy the live database with the backup API (consistent even mid-WAL) and rotate.

    A backup that does not fit on the disk is not attempted (unless removing the oldest
    automatic backups makes room, see `KEEP_AUTO_WHEN_FULL`; `on_made_room` is then told
    which), and one that fails half-way leaves nothing behind: the desk never fills a disk
    on its own. Both raise WorkspaceFull / WorkspaceError for the caller to mention. With
    `cancelled`, the copy is made in steps and stops (BackupCancelled, nothing left
    behind) once it says so; `conn` must then hold a read transaction, so that every step
    copies the same state.
    """
    folder = backup_dir(workspace)
    stem = backup_stem(workspace)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # First: what a killed desk left takes room too.
        _remove_stale_partials(folder)
        scratch.remove_dead_scratch(workspace, folder)
        # Named before any room is made: a name freed by a removal would sort as old.
        # Its .partial is made at once: the name is this backup's (`_reserved_name`).
        target = _reserved_name(folder, stem, reason)
        try:
            needed = _database_bytes(conn) + BACKUP_HEADROOM
            removed = _make_room(workspace, folder, needed)
            if removed and on_made_room is not None:
                on_made_room(removed)
            if shutil.disk_usage(folder).free < needed:
                raise WorkspaceFull(
                    f"No backup of {workspace.name} was made: the disk has less free space "
                    f"than the backup needs ({needed // 1_000_000 + 1} MB)."
                    f"{_never_removed(workspace)}"
                )
        except BaseException:
            with contextlib.suppress(OSError):
                target.with_suffix(".partial").unlink()
            raise
    except OSError as error:
        raise WorkspaceError(
            f"No backup of {workspace.name} was made: {_unwritable(folder, error)}."
        ) from None
    partial = target.with_suffix(".partial")
    try:
        if cancelled is None:
            _copy_into_file(conn, partial)
        else:
            _copy_into_file(conn, partial, cancelled)
        target = _name_without_replacing(
            partial, target, lambda: _unused_name(folder, stem, reason)
        )
    except BackupCancelled:
        _remove_with_sidecars(partial)
        raise
    except (sqlite3.Error, OSError) as error:
        _remove_with_sidecars(partial)
        kind, why = _copy_failure(error, partial)
        raise kind(
            f"No backup of {workspace.name} was made ({why}); nothing was left behind."
        ) from None
    if reads_back_whole(target, cancelled):  # older ones go only once this one is sound
        prune_backups(workspace, keep=target)
    return target


# Steps of SQLite's virtual machine between two looks at whether a check should stop.
_CHECK_LOOK_EVERY = 100_000


def reads_back_whole(backup: Path, cancelled: Callable[[], bool] | None = None) -> bool:
    """Does the backup just written read back whole (SQLite's quick check)? Thinning the
    older ones waits for it: a copy the disk mangled must not be what is left. False too
    when `cancelled` says so meanwhile (a workspace being closed): the thinning waits
    for the next backup."""
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if cancelled is not None:
                conn.set_progress_handler(lambda: int(cancelled()), _CHECK_LOOK_EVERY)
            return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def take_backup_on_own_connection(
    workspace: Path,
    reason: str = "auto",
    *,
    cancelled: Callable[[], bool] | None = None,
    on_made_room: Callable[[list[Path]], None] | None = None,
) -> Path:
    """`take_backup` through a read-only connection of its own, for a background thread
    (the window's connection never crosses threads): the window keeps saving meanwhile,
    and the backup holds the state of the moment it began. A read-only connection never
    merges or deletes the window's -wal."""
    with _own_read_snapshot(workspace, f"No backup of {workspace.name} was made") as conn:
        return take_backup(conn, workspace, reason, cancelled=cancelled, on_made_room=on_made_room)


@contextlib.contextmanager
def _own_read_snapshot(workspace: Path, failed: str) -> Iterator[sqlite3.Connection]:
    """A read-only connection of its own to `workspace`, held in one read transaction (what
    is copied through it is the state of the moment it began), closed after the block.
    WorkspaceError "`failed` (why)." when it cannot be had."""
    in_the_way = file_kinds.side_file_in_the_way(workspace)
    if in_the_way is not None:
        # A named pipe made at -journal while the window edits (a stray `mkfifo`, a sync
        # tool): this connection opened it and waited for a writer for ever, past Cancel,
        # and closing the window waited for it. (Read alone, it would lack the -wal's saves.)
        said = file_kinds.in_the_way_words(
            in_the_way,
            ", and SQLite keeps the workspace's latest saves there, so it cannot be read whole",
            "try again",
            nothing="Nothing was changed.",
        )
        raise WorkspaceError(f"{failed}: {said}")
    try:
        conn = sqlite3.connect(
            f"{workspace.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
        )
    except sqlite3.Error as error:
        raise WorkspaceError(f"{failed} ({error}).") from None
    try:
        try:
            schema_guard.harden(conn)
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the state copied
        except sqlite3.Error as error:
            raise WorkspaceError(f"{failed} ({error}).") from None
        yield conn
    finally:
        conn.close()


# -- Save a Copy: a whole copy of the open workspace, to hand over ---------------------------

# Free space a copy leaves on the disk it goes to beyond its own size (a USB stick filled
# to the last byte cannot take the copy's journal as SQLite closes it).
COPY_HEADROOM = 1024 * 1024


def _same_place(one: Path, other: Path) -> bool:
    """Do `one` and `other` name one file or folder (a link, another spelling of the
    path, a case-insensitive disk)? Compared by their paths too when one is not there."""
    with contextlib.suppress(OSError):
        return os.path.samefile(one, other)
    return os.path.normcase(os.path.abspath(one)) == os.path.normcase(os.path.abspath(other))


# The files SQLite and the desk keep beside a workspace NAME: NAME-wal, NAME.lock, … and
# what each is. Never a copy's name, nor a report's (services/export.py).
COMPANIONS = {
    "-wal": "write-ahead log",
    "-shm": "shared-memory file",
    "-journal": "rollback journal",
    ".lock": "lock file",
    # What a restore puts in the workspace's place (RESTORING, named further down); the
    # next open deletes it when the workspace is there, so a file of this name vanished.
    ".restoring": "restore copy",
}


def _is_database(path: Path) -> bool:
    """Is `path` an SQLite database? `workspace.is_database_file`, which never opens a
    workspace this process has open (closing it would drop our SQLite locks on it), and
    only for a plain file: a named pipe's open waits for a writer, for ever."""
    from factcheck_app.storage.workspace import is_database_file  # it imports this module

    return os.path.isfile(path) and is_database_file(path)


def copy_target_problem(workspace: Path, target: Path) -> str | None:
    """Why a copy of `workspace` may not be written at `target`, in words; None when it
    may (a file there is replaced only after asking: `target.exists()`). Never the
    workspace itself or a file of recent changes beside it (the copy would replace the
    work), never its backups folder (the oldest backups are deleted as new ones are
    made, and a copy there looks like one), never beside another workspace's files of
    recent changes (a copy named so would be read with them)."""
    name = target.name
    # A link to an open file (/dev/stdout, run as root: the copy took the link's place in
    # /dev), a device or a pipe is never replaced, as an export never replaces one.
    number = file_kinds.descriptor_named(target)
    if number is not None:
        return (
            f"{target} leads to a file this program has open (descriptor {number}), not a "
            "file of its own: choose a file name."
        )
    with contextlib.suppress(OSError, ValueError):  # not there (yet), or not to be looked at
        kind = file_kinds.not_a_file(name, os.stat(target).st_mode)
        if kind:
            return kind
    # os.path's looks, False on any error: Path's raised PermissionError inside a closed
    # folder on Python 3.11.
    if os.path.isdir(target):
        return f"{name} is a folder: choose a file name."
    # The workspace by the name it was opened by and by the file's own (a symbolic link's
    # target): SQLite keeps its -wal beside the file, and the link's name has none, so
    # `copy -w link.fcdesk W.fcdesk-wal --replace` put the copy in place of the saved
    # edits not yet in the file.
    names = (workspace, Path(os.path.realpath(workspace)))
    for each in names:
        if _same_place(target, each) or any(_same_place(target, s) for s in _sidecars(each)):
            return f"{name} is the open workspace itself: choose another name or folder."
    # The desk's own files beside it: a copy put in place of the lock the open desk holds
    # let a second program take the new file's lock and change the workspace under the
    # window; one named as a restore's copy was deleted by the next open.
    for each in names:
        for own, what in (
            (locking.lock_path(each), "lock file"),
            (restoring_path(each), "restore copy"),
        ):
            if _same_place(target, own):
                return f"{name} is the workspace's own {what}: choose another name."
    # Another workspace's own files (`shared/bob.fcdesk-wal`, with --replace because it
    # was "already there"): the copy took the place of the edits Bob's desk had saved and
    # not yet written into his file, or was read as them at his next open. Whatever the
    # capitals: on a Windows or macOS disk bob.fcdesk-WAL is that same -wal.
    for suffix, what in COMPANIONS.items():
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            base = target.with_name(name[: -len(suffix)])
            if _is_database(base):
                return (
                    f"{name} belongs to the workspace {base.name} (its {what}): choose "
                    "another name."
                )
    folder = target.parent
    if not os.path.isdir(folder):
        return (
            f"The folder {folder} cannot be reached: it is not there (a disk or network "
            "share not connected?), or it is closed to you."
        )
    if any(_same_place(folder, backup_dir(each)) for each in names):
        return (
            f"{folder.name} is the workspace's backups folder, where the oldest files are "
            "deleted as new backups are made: choose another folder."
        )
    beside = [s.name for s in _sidecars(target) if os.path.lexists(s)]
    if beside:
        return (
            f"{beside[0]} lies beside {name}: a desk may have {name} open, and a copy "
            "named so would be read with it. Choose another name."
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"Cannot write to {folder}: it is read-only."
    return None


def save_copy(
    conn: sqlite3.Connection,
    workspace: Path,
    target: Path,
    *,
    replace: bool = False,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """A whole copy of what `conn` holds at `target` (File → Save a Copy…), made as a
    backup is (`_copy_into_file`: SQLite's backup API, rollback journal, in steps when
    it may be `cancelled`) into a part file beside it, read back, then named: never over
    a file there unless `replace` (the reviewer was asked), never half-written. It is
    the same workspace, its id and history kept, as a backup's: merged back, nothing of
    it is taken twice; its desk's mark is not in a rollback-journal file, so it is never
    called a copy taken while open. WorkspaceFull / WorkspaceError in words, and nothing
    left behind; BackupCancelled when stopped."""
    problem = copy_target_problem(workspace, target)
    if problem is not None:
        raise WorkspaceError(f"No copy was made: {problem}")
    if os.path.lexists(target) and not replace:
        raise WorkspaceError(f"No copy was made: {target.name} is already there.")
    folder = target.parent
    try:
        needed = _database_bytes(conn) + COPY_HEADROOM
        if shutil.disk_usage(folder).free < needed:
            # What a copy killed there half-way left (hidden, up to the workspace's size).
            scratch.remove_dead_parts(folder)
        if shutil.disk_usage(folder).free < needed:
            raise WorkspaceFull(
                f"No copy was made: the disk of {folder} has less free space than the copy "
                f"needs ({needed // 1_000_000 + 1} MB)."
            )
        fd, part = scratch.new_part_file(target)
    except OSError as error:
        raise WorkspaceError(f"No copy was made: {_unwritable(folder, error)}.") from None
    try:
        try:
            os.chmod(part, _new_file_mode())  # the mode of any new workspace, not mkstemp's
            _copy_into_file(conn, part, cancelled)
            # Only read meanwhile, it is kept marked as being worked on: a desk on another
            # computer sharing the folder took it for a dead one after a minute.
            if not reads_back_whole(part, scratch.kept_fresh(part, cancelled)):
                if cancelled is not None and cancelled():
                    raise BackupCancelled
                raise WorkspaceError(
                    f"No copy was made: the copy written to {folder} did not read back "
                    "whole (a failing disk or USB stick?); nothing was left behind."
                )
            if replace:
                os.replace(part, target)
            else:
                scratch.move_without_replacing(part, target)
        finally:
            os.close(fd)  # its lock, after SQLite is done with the file
    except FileExistsError:
        _remove_with_sidecars(part)
        raise WorkspaceError(
            f"No copy was made: a file named {target.name} was put there meanwhile; "
            "nothing was left behind."
        ) from None
    except (BackupCancelled, WorkspaceError):
        _remove_with_sidecars(part)
        raise
    except (sqlite3.Error, OSError) as error:
        _remove_with_sidecars(part)
        kind, why = _copy_failure(error, part)
        raise kind(f"No copy was made ({why}); nothing was left behind.") from None
    except BaseException:  # Ctrl+C at the command line: the part goes, as an export's
        _remove_with_sidecars(part)
        raise
    return target


def save_copy_on_own_connection(
    workspace: Path,
    target: Path,
    *,
    replace: bool = False,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """`save_copy` through a read-only connection of its own in one read transaction
    (as `take_backup_on_own_connection`): the window keeps saving meanwhile, and the
    copy holds the workspace as it was when it began."""
    with _own_read_snapshot(workspace, f"No copy of {workspace.name} was made") as conn:
        return save_copy(conn, workspace, target, replace=replace, cancelled=cancelled)


def _unwritable(folder: Path, error: OSError) -> str:
    """Why the backups folder cannot be written, in words. One made a link to a disk or a
    share that is not connected said "(File exists)", naming no cause."""
    if folder.is_symlink() and not folder.exists():
        with contextlib.suppress(OSError):
            leads_to = folder.parent / os.readlink(folder)
            return (  # the cause first: a status bar shows the start of a long message
                "its backups folder leads to a place that is not there (a disk or network "
                f"share not connected?): {folder} leads to {leads_to}"
            )
    return f"cannot write to {folder} ({error.strerror})"


def _never_removed(workspace: Path) -> str:
    """The backups the desk never removes (`THINNED`), said when the disk is full: the
    reviewer's own and those of a state an update or a restore replaced. They may be
    what filled it, and only the reviewer can free that room. '' when there are none."""
    counts = {"manual": 0, "before": 0}
    size = 0
    for path, _created, reason in _backup_files(workspace):
        kind = "manual" if reason == "manual" else "before" if reason.startswith("before-") else ""
        if kind:
            counts[kind] += 1
            with contextlib.suppress(OSError):
                size += path.stat().st_size
    said = [f"{counts['manual']} made with Back Up Now"] if counts["manual"] else []
    if counts["before"]:
        said.append(f"{counts['before']} made before an update or a restore")
    if not said:
        return ""
    return (
        f" Its backups folder {backup_dir(workspace)} holds {' and '.join(said)} "
        f"({size // 1_000_000 + 1} MB), which the desk never removes: delete those you no "
        "longer need to make room."
    )


def _make_room(workspace: Path, folder: Path, needed: int) -> list[Path]:
    """Remove the oldest automatic backups beyond the newest `KEEP_AUTO_WHEN_FULL` until
    the disk has `needed` bytes free, oldest first; none when removing all of those would
    still leave too little (they would be lost for no backup). The ones removed."""
    free = shutil.disk_usage(folder).free
    if free >= needed:
        return []
    files = _backup_files(workspace, to_remove=True)
    autos = [path for path, _created, reason in files if reason == "auto"]
    spare: list[tuple[Path, int]] = []
    for path in reversed(autos[KEEP_AUTO_WHEN_FULL:]):  # oldest first
        with contextlib.suppress(OSError):
            spare.append((path, path.stat().st_size))
    if free + sum(size for _path, size in spare) < needed:
        return []
    removed = []
    for path, _size in spare:
        if shutil.disk_usage(folder).free >= needed:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


# A partial backup older than this was cut short (a crash, a kill): no backup takes so long.
STALE_PARTIAL = dt.timedelta(hours=1)


def _remove_stale_partials(folder: Path) -> None:
    """Delete backups left half-written by a program that died while writing them. The
    hour is counted in UTC: counted in local time, on the night the clocks go forward
    the hour before 03:00 did not exist, and from 03:00 to 04:00 every partial backup
    looked an hour old, another desk's still being written too."""
    cutoff = (_now() - STALE_PARTIAL).timestamp()
    for leftover in [*folder.glob("*.partial"), *folder.glob("*.partial-*")]:
        with contextlib.suppress(OSError):
            if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def rescue_copy(conn: sqlite3.Connection, workspace: Path) -> Path:
    """A complete copy of what `conn` holds, beside `workspace` as NAME-rescued-TIME.fcdesk
    (for a workspace whose file was replaced while open: see WorkspaceDatabase). Beside
    it, not among the backups: it is work to go on with, not to be rotated away.

    When the workspace's folder cannot take it (deleted or moved away with the file, by a
    sync tool or a clean-up; read-only; full), it goes to the desk's data folder (where
    the default workspace is), else the temporary folder: the file the window holds is the
    only copy of the work, and it is gone once the window closes. The workspace's own
    folder, once gone, is not made again. The error of the last place when none could."""
    failure: BaseException | None = None
    for folder in _rescue_places(workspace):
        try:
            return _rescue_into(conn, workspace, folder)
        except (sqlite3.Error, OSError) as error:
            failure = error
    assert failure is not None
    raise failure


def _rescue_places(workspace: Path) -> list[Path]:
    """Where a rescue copy may go, in order (see `rescue_copy`), each once."""
    beside = Path(os.path.abspath(workspace)).parent
    places = [beside]
    fallbacks = (config.user_data_dir, scratch.temporary_folder)
    for place in fallbacks:
        with contextlib.suppress(OSError):
            folder = Path(os.path.abspath(place()))
            if folder not in places:
                places.append(folder)
    return places


def _rescue_into(conn: sqlite3.Connection, workspace: Path, folder: Path) -> Path:
    if folder != Path(os.path.abspath(workspace)).parent:
        folder.mkdir(parents=True, exist_ok=True)  # the data folder, on a first start
    target = _rescue_name(folder, workspace)
    # Written to a part file and named only when complete: a copy killed half-way must
    # not lie beside the workspace as if it held the work (a later backup removes it).
    fd, part = scratch.new_part_file(target)
    try:
        os.chmod(part, _new_file_mode())  # the mode of any new workspace, not mkstemp's
        _copy_into_file(conn, part)
        # Never over a copy of a workspace named alike rescued there in the same second.
        target = _name_without_replacing(part, target, lambda: _rescue_name(folder, workspace))
    except (sqlite3.Error, OSError):
        _remove_with_sidecars(part)
        raise
    finally:
        os.close(fd)  # its lock, after SQLite is done with the file
    return target


def _rescue_name(folder: Path, workspace: Path) -> Path:
    """`folder`/NAME-rescued-TIME.fcdesk, with a counter after the time when taken."""
    stamp = timestamp()
    target = folder / f"{backup_stem(workspace)}-rescued-{stamp}.fcdesk"
    counter = 1
    while target.exists():
        target = folder / f"{backup_stem(workspace)}-rescued-{stamp}-{counter}.fcdesk"
        counter += 1
    return target


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def make_empty_file(path: Path, *, quietly: bool = True) -> None:
    """Make a database file to be, empty, with the mode the umask gives (0664 under 002).

    SQLite makes its files 0644 whatever the umask, and a -wal and -shm copy that mode:
    in a group's shared folder, a colleague could then only open the workspace (or a
    restored one) read-only. An empty file is a new database to SQLite. When it cannot
    be made, SQLite's own attempt right after says why (`quietly`), else OSError does.
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o666))
    except OSError:
        if not quietly:
            raise


def _copy_into_file(
    conn: sqlite3.Connection, target: Path, cancelled: Callable[[], bool] | None = None
) -> None:
    """Everything `conn` holds, written to `target` as one self-contained file (rollback
    journal: no -wal to lose when it is copied or moved); in steps when it may be
    `cancelled` (BackupCancelled)."""
    make_empty_file(target)
    dest = sqlite3.connect(target)
    try:
        if cancelled is None:
            conn.backup(dest)
        else:
            # Each page is written once: held in the copy's cache (2 MB) it would reach
            # the disk only with the last step's flush.
            dest.execute(f"PRAGMA cache_size = -{_COPY_CACHE_KIB}")
            fd = os.open(target, os.O_RDWR)  # Windows flushes only a file open for writing
            try:

                def step_done(_status: int, _remaining: int, _total: int) -> None:
                    _flush(fd)  # see STEP_PAGES: never the whole copy at once
                    if cancelled():
                        raise BackupCancelled  # sqlite3 ends the backup and passes it on

                conn.backup(dest, pages=STEP_PAGES, progress=step_done)
            finally:
                os.close(fd)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


_COPY_CACHE_KIB = 64


def _flush(fd: int) -> None:
    """Put what was written to `fd` on the disk (its data: the size comes at the end)."""
    getattr(os, "fdatasync", os.fsync)(fd)


def _remove_with_sidecars(path: Path) -> None:
    """A copy cut short, and its side files: nothing is left behind."""
    for leftover in (path, *_sidecars(path)):
        leftover.unlink(missing_ok=True)


def _copy_failure(error: sqlite3.Error | OSError, target: Path) -> tuple[type[WorkspaceError], str]:
    """The error to raise for a copy to `target` that failed, and the reason in words. A
    full disk can reach SQLite as an I/O error (a shared-memory file that cannot grow):
    `errors.translate` tells it by the space left."""
    full = "full" in str(error).lower() or getattr(error, "errno", None) == errno.ENOSPC
    if full or (
        isinstance(error, sqlite3.Error) and isinstance(translate(error, target), WorkspaceFull)
    ):
        return WorkspaceFull, "the disk is full"
    return WorkspaceError, str(error)


def _database_bytes(conn: sqlite3.Connection) -> int:
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    return int(pages) * int(size)


def _parse(path: Path, stem: str) -> tuple[dt.datetime, int, str] | None:
    """(time, timezone-aware in local time; same-second counter; reason) from a backup's
    file name. None for a name that is not a backup's or whose time is not one this
    computer can show (month 13, year 0, or year 9999 in a zone east of UTC)."""
    match = _NAME.match(path.name)
    if not match or match.group("stem") != stem:
        return None
    stamp = match.group("stamp")
    rest = stamp[15:]
    try:
        written = dt.datetime.strptime(stamp[:15], "%Y%m%d-%H%M%S")
        if rest.startswith("Z"):
            created = written.replace(tzinfo=dt.UTC).astimezone()
            rest = rest[1:]
        else:  # named by an earlier version, in the local time of its day
            created = written.astimezone()
    except (ValueError, OverflowError):
        return None
    counter = int(rest[1:]) if rest else 0
    return created, counter, match.group("reason")


def _backup_files(
    workspace: Path,
    dated: Callable[[dt.datetime], bool] | None = None,
    *,
    to_remove: bool = False,
    namesakes: _Namesakes | None = None,
) -> list[tuple[Path, dt.datetime, str]]:
    """Backups of `workspace`, newest first: those named after it (`backup_stem`), and
    those named after its bare stem that are its own (`namesakes`, a `_Namesakes` of
    `workspace` made here if not given: with `to_remove`, only those surely its own);
    only those whose time `dated` accepts, if given (the others' owners are never read)."""
    folder = backup_dir(workspace)
    if not folder.is_dir():
        return []
    # Composed: a Mac OS Extended (HFS+) disk lists every name decomposed (`ü` as `u` and
    # a combining diaeresis), the window's path is composed (`Zürich.fcdesk`). Compared
    # as spelled, a workspace named with an accent there had no backups at all: none
    # listed, none thinned, one made at every open.
    own = {_composed(workspace.stem + _own_mark(workspace)), _composed(backup_stem(workspace))}
    bare = {_composed(workspace.stem), _composed(_cut_stem(workspace, ""))}
    folded_bare = {_folded(name) for name in bare}
    if namesakes is None:
        namesakes = _Namesakes(workspace)
    found = []
    for path in folder.glob("*.fcdesk"):
        match = _NAME.match(path.name)
        if match is None:
            continue
        stem = match.group("stem")
        composed = _composed(stem)
        # `bare`: the usual workspace's names, and every one's before 6 December.
        if composed not in bare and composed not in own and not _another_spelling(workspace, stem):
            continue
        parsed = _parse(path, stem)
        if parsed is None or (dated is not None and not dated(parsed[0])):
            continue
        # Last: it opens the backup. A bare stem spelled otherwise (`News-…` found by
        # `_another_spelling` on a disk that does not tell case apart) is as ambiguous.
        if _folded(stem) in folded_bare and not namesakes.own(path, to_remove=to_remove):
            continue
        if path.is_file():  # a folder named like one is not a backup
            found.append((path, parsed))
    # One dated far in the future was made while the clock was wrong: before now, whatever
    # it says, so it sorts as older than every backup made since.
    latest = _now() + CLOCK_SLACK
    found.sort(key=lambda item: (item[1][0] <= latest, *item[1][:2]), reverse=True)
    return [(path, parsed[0], parsed[2]) for path, parsed in found]


def _another_spelling(workspace: Path, stem: str) -> bool:
    """Are backups named after `stem` this workspace's, made while it was opened by another
    name of the same file? On Windows and macOS news.fcdesk and news.FCDESK (or
    NEWS.fcdesk) are one file, whose backups are named `news-…` or `news.FCDESK-…` by
    the name it was opened by (and decomposed where a Mac OS Extended disk lists names
    so: `_composed`)."""
    if not _folded(stem).startswith(_folded(workspace.stem)):
        return False  # the usual case: not a name of this workspace at all
    names = {stem + config.WORKSPACE_SUFFIX, stem[:-1] if stem.endswith(".") else stem}
    names.discard(workspace.name)
    for name in names:
        with contextlib.suppress(OSError, ValueError):
            if os.path.samefile(workspace.parent / name, workspace):
                return True
    return False


# Files beside a workspace that are not workspaces of its stem: its companions (news.db-wal
# has the stem "news") and the desk's own (news.lock is the lock of a workspace "news").
_COMPANION_SUFFIXES = (".lock", ".restoring", ".creating", ".partial")
# SQLite's beside a file (news.db-wal, news.restoring-journal); a workspace may have a dash
# in its suffix all the same (news.2026-12).
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


class _Namesakes:
    """Whose is a backup named after a workspace's bare stem (`news-TIME-REASON.fcdesk`)?

    The usual news.fcdesk names its backups so; so did every workspace of that stem
    before 6 December (news.db, news.FCDESK, news), all in `news-backups`. When no other
    workspace of the stem lies beside it, each such backup is the workspace's (as it
    always was). When one does, the workspace each backup holds (its random id) says
    whose it is. One that no workspace there holds is listed, never thinned nor removed
    for room: made by 0.1.0 (before workspaces had ids) or unreadable, nothing says
    whose, and each lists it; holding a workspace whose id cannot be read now (emptied,
    damaged, missing), it is that one's (all that is left of its work), listed by those
    whose id cannot be read; of a workspace no longer here, each lists it. The ids are
    read only then, once per listing; `counting` (the Restore dialog's list), with the
    backup's articles, which `article_counts` then holds: the list read each backup
    twice (0.4 s over 40 of them)."""

    def __init__(self, workspace: Path, *, counting: bool = False) -> None:
        self.workspace = workspace
        self._ids: tuple[str | None, set[str], bool] | None = None
        self._counting = counting
        self.article_counts: dict[Path, int | None] = {}

    def own(self, backup: Path, *, to_remove: bool = False) -> bool:
        mine, others, untold = self._workspace_ids()
        if not others and not untold:
            return True
        held = self._held(backup)
        if held is not None and held == mine:
            return True
        if to_remove or (held is not None and held in others):
            return False
        return held is None or mine is None or not untold

    def _held(self, backup: Path) -> str | None:
        """The id of the workspace `backup` holds (`_workspace_id`); read with its article
        count when `counting`."""
        if not self._counting:
            return _workspace_id(backup)
        held, count = _read_untrusted_rows(backup, (_READ_ID, _COUNT_ARTICLES))
        self.article_counts[backup] = _count_of(count)
        return _id_of(held)

    def _workspace_ids(self) -> tuple[str | None, set[str], bool]:
        """This workspace's id; those of the others beside it; whether one of them cannot
        be told by its id (an article named alike, news.txt, is not a workspace)."""
        if self._ids is None:
            held = {path: _workspace_id(path) for path in self._beside()}
            others = {i for i in held.values() if i is not None}
            untold = any(i is None and _may_be_workspace(path) for path, i in held.items())
            mine = _workspace_id(self.workspace) if others or untold else None
            self._ids = (mine, others, untold)
        return self._ids

    def _beside(self) -> list[Path]:
        """The other files beside the workspace with its stem (news.db, news), but not its
        companions nor the workspace itself under another spelling. On a disk that does
        not tell case apart (Windows, macOS), a stem spelled otherwise too (News.db,
        NEWS): its backups folder is this one's. Looked for by the exact stem alone,
        News.db beside news.fcdesk was none, and its backups made before 6 December
        (`News-…`) were news.fcdesk's: offered by its Restore dialog, thinned away."""
        workspace = self.workspace
        folded = _folded(workspace.stem)
        found = []
        with contextlib.suppress(OSError), os.scandir(workspace.parent) as entries:
            for entry in entries:
                if not _folded(entry.name).startswith(folded):
                    continue  # most of a Desktop's 2,000 files: no Path made of them
                path = Path(entry.path)
                suffix = path.suffix
                if (
                    _folded(path.stem) != folded
                    or entry.name == workspace.name
                    or suffix.endswith(_SQLITE_COMPANIONS)
                    or suffix in _COMPANION_SUFFIXES
                ):
                    continue
                with contextlib.suppress(OSError):
                    if (
                        entry.is_file()
                        and not _same_file(path, workspace)
                        and (path.stem == workspace.stem or _shares_backups(path, workspace))
                    ):
                        found.append(path)
        return found


def _folded(name: str) -> str:
    """`name` as a disk that does not tell case apart compares it (near enough: a name
    found so is then looked at on the disk, `_shares_backups`)."""
    return _composed(name).casefold()


def _composed(name: str) -> str:
    """`name` with each accented letter one character (NFC), as macOS disks compare names
    (`ü` is `u` and a combining diaeresis on a Mac OS Extended disk, as it lists them)."""
    return unicodedata.normalize("NFC", name)


def _shares_backups(path: Path, workspace: Path) -> bool:
    """Do the workspaces `path` and `workspace`, their stems spelled otherwise (News.db,
    news.fcdesk), back up into one folder (`News-backups` is `news-backups` on Windows and
    macOS, not on Linux)?"""
    return _same_place(backup_dir(path), backup_dir(workspace))


def _same_file(path: Path, workspace: Path) -> bool:
    """Is `path` the workspace under another spelling? Not when the workspace is missing
    (a restore stopped half-way): its namesakes are then still others."""
    try:
        return os.path.samefile(path, workspace)
    except FileNotFoundError:
        return False


# Documents a newsroom keeps beside a workspace named alike (election.xlsx, election.jpg
# beside election.fcdesk), which no one opens as a workspace: taken for a damaged one,
# the backups of the workspace before it was started anew went to it, listed by none.
_DOCUMENT_SUFFIXES = (
    *(".csv", ".tsv", ".xls", ".xlsx", ".ods", ".doc", ".odt", ".rtf", ".ppt", ".pptx"),
    *(".odp", ".json", ".jsonld", ".xml", ".zip", ".jpg", ".jpeg", ".png", ".gif"),
    *(".webp", ".tif", ".tiff", ".mp3", ".m4a", ".wav", ".ogg", ".mp4", ".mov", ".webm"),
)


def _may_be_workspace(path: Path) -> bool:
    """Can a file beside a workspace, of its stem, whose workspace id cannot be read, be a
    workspace all the same (emptied, damaged, garbled by a sync tool)? Not an article
    (news.txt, news.pdf) nor another document (news.xlsx, news.jpg): the desk makes no
    workspace of that name; nor another program's database (a scraper's news.db: sound
    SQLite without the desk's tables)."""
    suffix = path.suffix.lower()
    if suffix in file_types.SUPPORTED_SUFFIXES or suffix in _DOCUMENT_SUFFIXES:
        return False
    try:
        conn = _connect_untrusted(path)
        try:
            schema_guard.harden(conn, statement_seconds=_COUNT_SECONDS)
            schema_guard.schema_problems(conn)
        finally:
            conn.close()
    except NotAWorkspace:
        return False
    except SQLITE_FAILURES:
        pass  # damaged, garbled: a workspace it may be
    return True


def untrusted_setting(path: Path, key: str) -> str | None:
    """The setting `key` (letters, digits, dots) of the workspace at `path`, read as
    untrusted; None when it has none, it is not text, or the file cannot be read."""
    if not key.replace(".", "").replace("_", "").isalnum():
        raise ValueError(key)
    # Its key or value as bytes another program stored: the text they spell, as the
    # desk reads the setting (`sql.read_setting`).
    row = _read_untrusted(path, sql.one_setting_sql(key))
    return stored_text(row[0]) if row is not None and isinstance(row[0], str | bytes) else None


def workspace_held(path: Path) -> tuple[str | None, int] | None:
    """(its workspace id, how many articles it holds) when `path` is a closed workspace
    (a file Save a Copy would replace); None for any other file, or one that cannot be
    read. Read as untrusted and immutable: a read made a -shm beside a closed workspace,
    and the copy was then refused as "beside" it."""
    if not os.path.isfile(path):
        return None
    count, held = _read_untrusted_rows(path, (_COUNT_ARTICLES, _READ_ID), immutable=True)
    if count is None:
        return None
    return _id_of(held), int(count[0])


def _workspace_id(path: Path) -> str | None:
    """The random id of the workspace `path` holds (a workspace or a backup), read as
    untrusted; None when it has none or cannot be read."""
    return _id_of(_read_untrusted(path, _READ_ID))


def _id_of(row: tuple[Any, ...] | None) -> str | None:
    return None if row is None or row[0] is None else stored_text(row[0])


# The settings key of a workspace's id (wal_check.WORKSPACE_ID, which imports this module).
_WORKSPACE_ID = "workspace.id"
# By its key as bytes too, read as the id it spells (`sql.read_setting`): compared as
# text, another program's rewrite of the row made every backup of the workspace one of no
# known workspace, and a namesake's Restore listed them as its own.
_READ_ID = sql.one_setting_sql(_WORKSPACE_ID)


def thinned(files: list[tuple[Path, dt.datetime, str]], keep: Path | None = None) -> list[Path]:
    """The automatic backups among `files` (newest first, as `_backup_files` lists them)
    that thinning removes; never `keep` (the one just made).

    Kept: the newest `KEEP_NEWEST`; every one made on the newest `KEEP_ALL_DAYS` days on
    which backups were made; the newest of each of the newest `KEEP_DAILY` such days,
    `KEEP_WEEKLY` weeks and `KEEP_MONTHLY` months; the newest of every year. Days are the
    computer's local calendar days. A backup dated more than `CLOCK_SLACK` ahead of the
    clock (made while it was wrong, or the clock is wrong now) is never removed: its
    date says nothing of its age."""
    latest = _now() + CLOCK_SLACK
    autos = [(path, created) for path, created, reason in files if reason == THINNED]
    dated = [(path, created) for path, created in autos if created <= latest]
    dated.sort(key=lambda item: item[1], reverse=True)  # `files` put the undated last
    kept = {path for path, _created in dated[:KEEP_NEWEST]}
    periods: list[tuple[Callable[[dt.datetime], object], int | None]] = [
        (lambda created: created.date(), KEEP_DAILY),
        (lambda created: created.isocalendar()[:2], KEEP_WEEKLY),
        (lambda created: (created.year, created.month), KEEP_MONTHLY),
        (lambda created: created.year, None),
    ]
    for period_of, how_many in periods:
        seen: set[object] = set()
        for path, created in dated:  # newest first: the first of a period is its newest
            period = period_of(created)
            if period not in seen:
                seen.add(period)
                if how_many is None or len(seen) <= how_many:
                    kept.add(path)
    newest_days = list(dict.fromkeys(created.date() for _path, created in dated))
    kept.update(path for path, created in dated if created.date() in newest_days[:KEEP_ALL_DAYS])
    return [path for path, _created in dated if path not in kept and path != keep]


def prune_backups(workspace: Path, keep: Path | None = None) -> list[Path]:
    """Thin the automatic backups (`thinned`); never `keep` (the one just made). The
    backups removed."""
    removed = []
    for path in thinned(_backup_files(workspace, to_remove=True), keep):
        with contextlib.suppress(OSError):  # never worth failing a backup or an open
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def list_backups(workspace: Path) -> list[BackupInfo]:
    """Backups newest first, each with its article count (read without changing it).
    Each is opened once: one asked whose it is (a namesake beside) is counted then."""
    infos = []
    latest = _now() + DUE_SLACK
    namesakes = _Namesakes(workspace, counting=True)
    for path, created, reason in _backup_files(workspace, namesakes=namesakes):
        if path in namesakes.article_counts:
            count = namesakes.article_counts[path]
        else:
            count = _article_count(path)
        infos.append(BackupInfo(path, created, reason, count, created > latest))
    return infos


# A backup listed in the restore dialog is read with a short statement budget.
_COUNT_SECONDS = 2.0
_NOT_A_SOUND_BACKUP: tuple[type[Exception], ...] = (*SQLITE_FAILURES, NotAWorkspace)


_COUNT_ARTICLES = "SELECT count(*) FROM articles"
_SCHEMA_VERSION = "PRAGMA main.user_version"


def _article_count(path: Path) -> int | None:
    """How many articles the backup holds; None for a file that is not a sound backup."""
    return _count_of(_read_untrusted(path, _COUNT_ARTICLES))


def _count_of(row: tuple[Any, ...] | None) -> int | None:
    return None if row is None else int(row[0])


# Its sentences, and those reviewed (status done, as the article list counts them), each
# from an index; a review never outlives its sentence (ON DELETE CASCADE).
_PROGRESS = (
    "SELECT (SELECT count(*) FROM sentences), (SELECT count(*) FROM reviews WHERE status = 'done')"
)


def backup_progress(path: Path) -> tuple[int, int] | None:
    """(sentences, reviewed sentences) the backup holds; None when they cannot be read.

    Read for the one backup the reviewer is looking at, not for the whole list: counting
    the sentences of a year's workspace takes ~30 ms a backup, seconds over a folder of
    them, where its articles take ~4 ms."""
    row = _read_untrusted(path, _PROGRESS)
    if row is None:
        return None
    sentences, reviewed = int(row[0]), int(row[1])
    return sentences, min(reviewed, sentences)


def _connect_untrusted(path: Path) -> sqlite3.Connection:
    """A read-only connection to a backup or to a file beside the workspace, which never
    waits for another program's lock: one held mid-write (a second desk, a script, a
    database browser) fails at once as busy, and reads as a file that cannot be read now
    (listed by each, removed by none: `_Namesakes`). With SQLite's 5 s wait, the window's
    open, its thread asking whose each backup is, stood still 5 s for each such file."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0)


def _read_untrusted(path: Path, query: str) -> tuple[Any, ...] | None:
    """The one row `query` gives over the backup at `path`; None for a file that is not a
    sound backup.

    Anyone can drop a file into the backup folder: it is read as untrusted, like any
    workspace from elsewhere (a view planted as `articles` would otherwise run here)."""
    return _read_untrusted_rows(path, (query,))[0]


def _read_untrusted_rows(
    path: Path, queries: tuple[str, ...], *, immutable: bool = False
) -> list[tuple[Any, ...] | None]:
    """`_read_untrusted` for each of `queries`, the file opened and its schema checked
    once: the row each gives, None for one that fails (all None for a file that is not a
    sound backup). `immutable`: read as a file nobody changes, making nothing beside it."""
    rows: list[tuple[Any, ...] | None] = [None] * len(queries)
    try:
        if immutable:
            uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, timeout=0)
        else:
            conn = _connect_untrusted(path)
        try:
            schema_guard.harden(conn, statement_seconds=_COUNT_SECONDS)
            if schema_guard.schema_problems(conn):
                return rows
            for index, query in enumerate(queries):
                with contextlib.suppress(*_NOT_A_SOUND_BACKUP):
                    row = conn.execute(query).fetchone()
                    rows[index] = None if row is None else tuple(row)
        finally:
            conn.close()
    except _NOT_A_SOUND_BACKUP:
        pass
    return rows


def latest_backup_time(workspace: Path) -> dt.datetime | None:
    """When the newest backup was made (timezone-aware, local time); None without one."""
    files = _backup_files(workspace)
    return files[0][1] if files else None


def backup_due(workspace: Path, interval: dt.timedelta = AUTO_BACKUP_INTERVAL) -> bool:
    """No backup made within `interval`. One dated a little ahead (another desk's clock a
    few minutes fast) counts as made now; one dated more than DUE_SLACK ahead, made while
    the clock was fast, does not count."""
    now = _now()
    return not _backup_files(workspace, lambda created: now - interval < created <= now + DUE_SLACK)


# The rows of articles the list does not show (an import under way, or what a stopped
# one left, being taken out): its sentences, and reviews a hand-made file may give them.
_HIDDEN_IDS = f"SELECT id FROM articles a WHERE NOT ({VISIBLE})"
_HIDDEN_COUNTS = {
    "articles": f"SELECT count(*) FROM ({_HIDDEN_IDS})",
    "sentences": f"SELECT count(*) FROM sentences WHERE article_id IN ({_HIDDEN_IDS})",
    "reviews": "SELECT count(*) FROM reviews WHERE sentence_id IN"
    f" (SELECT id FROM sentences WHERE article_id IN ({_HIDDEN_IDS}))",
}


@contextlib.contextmanager
def _one_state(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction around several reads (the caller's, if it is in one)."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # it wrote nothing
                conn.execute("COMMIT")


def _hidden_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many of each kind of row belong to hidden articles: Check Workspace's "Holds N
    articles" counted one being imported, which the list does not show and a line above
    it says is not checked. Few (their sentences found through their index); none when
    they cannot be told (a file too damaged to read: said by the check itself)."""
    try:
        with schema_guard.statement_budget(conn, schema_guard.CHECK_SECONDS):
            return {
                table: int(conn.execute(query).fetchone()[0])
                for table, query in _HIDDEN_COUNTS.items()
            }
    except UNREADABLE_DATABASE:
        return {}


def unfinished_line(count: int) -> str:
    """Check Workspace's line for the articles an import is still writing or a stopped
    one left (hidden: not listed), said before "Holds N articles", which leaves them out."""
    # Said, not taken for damage: an import saves an article's row before its text
    # (services/importer.py), and a check beside it may read the workspace between. Or
    # what a quit or a crash left, taken out beside the window after the open
    # (services/leftovers.py): "removed when the workspace is next opened" was said of
    # one being removed under the reviewer's eyes.
    return (
        f"Imports: {counted(count, 'article')} still being imported or taken out "
        f"{'is' if count == 1 else 'are'} not checked (nor counted below); what "
        "a quit or a crash left half-imported is taken out beside the window once the "
        "workspace is open for editing."
    )


def check_database(conn: sqlite3.Connection) -> CheckReport:
    """Integrity and foreign-key check with a report a journalist can read."""
    lines: list[str] = []
    # First the schema: a trigger, view or altered table planted while the workspace was
    # open (another program) is reported, and no check runs the rules it would bring.
    try:
        problems = schema_guard.schema_problems(conn)
    except NotAWorkspace:
        problems = [schema_guard.Problem("missing", "the tables of Factcheck desk")]
    except UNREADABLE_DATABASE:
        problems = []  # unreadable: the integrity check below says so
    if problems:
        return CheckReport(
            False,
            [
                f"Database design: the workspace {schema_guard.listing(problems)}.",
                "Such things can be planted in a file to change verdicts or stall the desk, "
                "which does not run them. Close the workspace and open it again: the desk "
                "then offers to open a cleaned copy.",
            ],
        )
    # Each check is one statement over the whole file: a long one on a large workspace.
    try:
        with schema_guard.statement_budget(conn, schema_guard.CHECK_SECONDS):
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
            foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
        # The rows and the hidden ones among them in one state: read apart, an import
        # beginning between (its hidden row) was taken off an article the list shows.
        with _one_state(conn):
            with schema_guard.statement_budget(conn, schema_guard.CHECK_SECONDS):
                counts = {
                    table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                    for table in ("articles", "sentences", "reviews", "sources")
                }
            hidden_counts = _hidden_counts(conn)
    except UNREADABLE_DATABASE as error:
        return CheckReport(False, [f"The workspace cannot be read: {error}."])
    for table, hidden in hidden_counts.items():
        # Never below 0: a damaged index may find more hidden rows than count(*) does.
        counts[table] = max(0, counts[table] - hidden)
    ok = integrity == ["ok"] and not foreign
    if integrity == ["ok"]:
        lines.append("Database structure: no damage found.")
    else:
        # SQLite gives its problems in one row of lines, under a heading: counted as
        # rows, 100 problems were "1 problem", "e.g." all 100 lines of them.
        said = check_problems(integrity) or ["SQLite's check gave no reason"]
        found = problems_counted(len(said), stopped=len(said) >= CHECK_MOST_PROBLEMS)
        lines.append(f"Database structure: {found} found, e.g. {said[0]}.")
    if foreign:
        lines.append(f"Links between records: {counted(len(foreign), 'broken reference')}.")
    else:
        lines.append("Links between records: all consistent.")
    if not ok and hidden_counts.get("articles"):
        # With damage found, Check Workspace's later checks (and their "Imports:" line)
        # do not run: an article being imported was left out of the count unsaid.
        lines.append(unfinished_line(hidden_counts["articles"]))
    lines.append(
        f"Holds {counted(counts['articles'], 'article')}, "
        f"{counted(counts['sentences'], 'sentence')}, {counted(counts['reviews'], 'review')} "
        f"and {counted(counts['sources'], 'source')}."
    )
    if not ok:
        lines.append("Restore the newest backup that checks out (File → Restore from Backup).")
    return CheckReport(ok, lines, hidden_counts.get("articles", 0))


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def set_aside(workspace: Path, label: str, *, listed_with: Path | None = None) -> Path:
    """Move a (closed) workspace and its WAL files out of the way, keeping every byte:
    into its backups folder, or that of `listed_with` (the link it was opened through,
    whose backups Restore from Backup lists), named as that one's are."""
    owner = workspace if listed_with is None else listed_with
    folder = backup_dir(owner)
    folder.mkdir(parents=True, exist_ok=True)
    stem = backup_stem(owner)
    target = _unused_name(folder, stem, label)
    sidecars = [side for side in _sidecars(workspace) if side.exists()]
    try:
        os.replace(workspace, target)
    except OSError as error:
        # A backups folder on another disk or share (docs/safety.md allows it): a move
        # cannot cross disks. A link is never copied: its file is not the desk's to move.
        if error.errno != errno.EXDEV or workspace.is_symlink():
            raise
        target = _copy_aside(workspace, target, lambda: _unused_name(folder, stem, label))
    for sidecar in sidecars:  # after it, as `finish_interrupted_restore` moves them
        move_aside(sidecar, target.with_name(target.name + sidecar.name[len(workspace.name) :]))
    return target


def set_aside_beside_none(workspace: Path) -> list[Path]:
    """Move a -wal or -journal found beside NO workspace at `workspace` into its backups
    folder, every byte, never merged: left by a desk stopped between moving a workspace
    aside and moving its -wal after it (`set_aside`), or by a file deleted or moved
    without it. A new workspace made at that name took its pages (SQLite cannot tell
    whose a -wal is): "damaged and cannot be read" at every start, the -wal merged away.
    Its -shm, describing only that -wal, is removed, as SQLite would make a new one.
    Returns where each went (none when none holds a page). Under the writer lock."""
    sides = [side for side in _sidecars(workspace) if _holds_pages(side)]
    if not sides:
        return []
    folder = backup_dir(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    stem, stamp, counter = backup_stem(workspace), timestamp(), 0
    while True:  # a name none of them has yet, for them all
        base = folder / f"{stem}-{stamp}{f'-{counter}' if counter else ''}-no-workspace.fcdesk"
        kept = [base.with_name(base.name + side.name[len(workspace.name) :]) for side in sides]
        if not any(k.exists() or k.is_symlink() for k in kept):
            break
        counter += 1
    for side, target in zip(sides, kept, strict=True):
        move_aside(side, target)
    with contextlib.suppress(FileNotFoundError):
        workspace.with_name(workspace.name + "-shm").unlink()
    return kept


def _holds_pages(side: Path) -> bool:
    """Does a -wal hold a frame (more than its 32-byte header), or a -journal anything?
    SQLite merges such a file into whatever database it finds at that name."""
    if side.name.endswith("-shm"):
        return False
    try:
        return side.stat().st_size > (32 if side.name.endswith("-wal") else 0)
    except OSError:
        return False


def move_aside(path: Path, target: Path) -> None:
    """os.replace, across disks too: a damaged or emptied workspace's -wal (its last
    edits, maybe) followed it into a backups folder on another disk only as far as
    "Invalid cross-device link", and no restore or new workspace could be made there."""
    try:
        os.replace(path, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        part = target.with_name(target.name + ".partial")  # removed when stale, as any
        try:
            _copy_synced(path, part)
            os.replace(part, target)
        except BaseException:
            with contextlib.suppress(OSError):
                part.unlink()
            raise
        _sync_folder(target.parent)
        path.unlink()


def _copy_aside(workspace: Path, target: Path, another: Callable[[], Path]) -> Path:
    """The closed workspace, moved into a backups folder on another disk: os.replace
    cannot cross disks ("Invalid cross-device link": no restore, and no damaged or empty
    workspace set aside, could ever be made there). Its bytes are copied under a scratch
    name and synced, given their name and the folder synced, and only then is the
    workspace removed: cut short, it is still in place (a stale `.partial` is removed by a
    later backup, an hour on); with the power cut right after, the copy is on the disk
    under its name, whatever of the removal was kept."""
    part = target.with_suffix(".partial")
    try:
        _copy_synced(workspace, part)
        target = _name_without_replacing(part, target, another)
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink()
        raise
    # Unsynced, the new name could be lost with the power while the removal, on the
    # workspace's own disk, was not: the file set aside was then nowhere.
    _sync_folder(target.parent)
    workspace.unlink()
    return target


def _copy_synced(source: Path, part: Path) -> None:
    """`source`'s bytes in a new file `part`, on the disk; its mode kept where the disk
    keeps modes (a share mapping every user to one, a FAT stick mounted for all: chmod
    refused there, "Operation not permitted", and the restore with it)."""
    with open(source, "rb") as original, open(part, "xb") as copy:
        shutil.copyfileobj(original, copy, 1024 * 1024)
        copy.flush()
        _flush(copy.fileno())
    with contextlib.suppress(OSError):
        shutil.copymode(source, part)


def _sync_folder(folder: Path) -> None:
    """Put the names in `folder` on the disk (POSIX; a no-op where folders cannot be
    opened, as on Windows)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def restore_backup(workspace: Path, backup: Path) -> Path | None:
    """Replace a CLOSED workspace by a backup; the current file is kept first.

    The backup is first copied in full beside the workspace; only then is the current
    file moved aside and the copy put in its place. A copy that fails (a full disk)
    leaves the workspace where and as it was. Returns where the previous workspace was
    kept (None if there was none).
    """
    count, version = _read_untrusted_rows(backup, (_COUNT_ARTICLES, _SCHEMA_VERSION))
    if count is None:
        raise WorkspaceError(
            f"The backup {backup.name} cannot be read; nothing was changed.", says_unchanged=True
        )
    if version is not None and int(version[0]) > SCHEMA_VERSION:
        # Made by a newer desk (tried, then left; a colleague's, in a shared folder): put
        # in place, it opened read-only, and Restore from Backup, the way back to the
        # workspace it replaced, is refused in a read-only window.
        raise BackupTooNew(
            f"The backup {backup.name} was saved by a newer version of Factcheck desk "
            f"(schema {version[0]}; this version knows {SCHEMA_VERSION}): restored, the "
            "workspace could only be read here, not edited. Nothing was changed. Update "
            "the app to restore it, or choose another backup.",
            says_unchanged=True,
        )
    # The workspace it replaces goes where Restore from Backup lists the backups of the
    # name she opened: through a link, it went beside the real file, a folder she never
    # opened, and the way back to the work since that backup was not in the list.
    listed_with = Path(os.path.abspath(workspace))
    workspace = Path(os.path.realpath(workspace))  # the file itself, not a link to it
    staging = restoring_path(workspace)
    try:
        _remove_with_sidecars(staging)  # left by a restore killed while copying
    except OSError as error:
        # A workspace named too long for the copy and its journal beside it (one that
        # opens, named so before names were counted): "unexpected error" it was.
        shorter = " give the workspace a shorter name, then" * (error.errno == errno.ENAMETOOLONG)
        raise WorkspaceError(
            f"The backup {backup.name} cannot be put in the place of {workspace.name} "
            f"({error.strerror}):{shorter} try again; nothing was changed.",
            says_unchanged=True,
        ) from None
    try:
        src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            _copy_into_file(src, staging)
        finally:
            src.close()
    except (sqlite3.Error, OSError) as error:
        _remove_with_sidecars(staging)
        kind, why = _copy_failure(error, staging)
        raise kind(
            f"The backup {backup.name} could not be copied ({why}); nothing was changed.",
            says_unchanged=True,
        ) from None
    # Its schema read (counted above), but a page of it may not: a backup damaged on the
    # disk since it was made. Put in place, it took the sound workspace's place, and the
    # window could open neither.
    if not reads_back_whole(staging):
        _remove_with_sidecars(staging)
        raise WorkspaceDamaged(
            f"The backup {backup.name} is damaged (it fails SQLite's check), so it was not "
            "restored; nothing was changed.",
            "Choose another backup.",
            fault="it fails SQLite's check",
            path=backup,
        )
    kept = None
    try:
        if workspace.exists():
            kept = set_aside(
                workspace,
                "before-restore" if _readable(workspace) else "damaged",
                listed_with=listed_with,
            )
    except OSError as error:
        staging.unlink(missing_ok=True)
        raise WorkspaceError(
            f"The workspace could not be moved into {backup_dir(listed_with)} to make room for "
            f"the backup ({error.strerror}); nothing was changed.",
            says_unchanged=True,
        ) from None
    # Killed from here on, the workspace is missing until the next open finishes the
    # restore (finish_interrupted_restore): the copy is complete.
    os.replace(staging, workspace)
    return kept


RESTORING = ".restoring"


def restoring_path(workspace: Path) -> Path:
    """Where a restore copies the backup before putting it in the workspace's place."""
    return workspace.with_name(workspace.name + RESTORING)


def restore_left_half_done(workspace: Path) -> bool:
    """Is a restore's copy (`NAME.restoring`) beside the file `workspace` names, left by
    a restore that was killed? Where a restore works, beside the file a link names."""
    staging = restoring_path(Path(os.path.realpath(workspace)))
    return staging.exists() or _holds_change(staging)


def finish_interrupted_restore(workspace: Path) -> str | None:
    """Tidy up after a restore that was killed (kill -9, a power cut): call it before
    opening `workspace` for writing, under its writer lock (a restore holds it too).

    Killed while copying the backup, or before the workspace was moved: the workspace is
    as it was, and the copy (`NAME.restoring`) is removed. Killed after the workspace was
    moved into the backups folder and before the complete copy took its place: the restore
    is finished, with what was left beside the old workspace (its -wal) moved after it.
    Returns a sentence for the reviewer when a restore was finished or its copy removed,
    else None."""
    if not restore_left_half_done(workspace):
        return None
    listed_with = Path(os.path.abspath(workspace))  # a restore through a link: `restore_backup`
    workspace = Path(os.path.realpath(workspace))
    staging = restoring_path(workspace)
    if workspace.exists() or workspace.is_symlink():
        try:
            _remove_with_sidecars(staging)  # the restore never touched the workspace
        except OSError:
            return None  # a folder made read-only since: left as it is, said at a next open
        # Removed without a word, the window came back on the very workspace the
        # reviewer had asked to turn away from, as if it were the backup.
        return (
            "A restore from a backup stopped before it was done (the desk stopped suddenly "
            "or the computer went off), so nothing was restored: this is the workspace as it "
            "was before it. To restore the backup, choose File → Restore from Backup… again."
        )
    moved = _moved_before_restore(listed_with, workspace)
    # Where it went, named: through a link it is beside the link (`restore_backup`), and
    # "is in" the real file's backups folder sent her to a folder that did not hold it.
    kept_in = f"was kept as {moved}" if moved else f"is in {backup_dir(listed_with)}"
    if _holds_change(staging) or not _size(staging) or not _readable(staging):
        raise WorkspaceError(
            f"There is no workspace at {workspace}: a restore from a backup stopped half-way "
            f"and left {staging.name}, which cannot be read. The workspace it replaced "
            f"{kept_in}; restore it from there. Nothing was changed."
        )
    try:
        for side in _sidecars(workspace):  # the old workspace's, not the backup's: after it
            if side.exists():
                if moved is None:
                    folder = backup_dir(listed_with)
                    folder.mkdir(parents=True, exist_ok=True)
                    moved = _unused_name(folder, backup_stem(listed_with), "before-restore")
                move_aside(side, moved.with_name(moved.name + side.name[len(workspace.name) :]))
        os.replace(staging, workspace)
    except OSError as error:
        raise WorkspaceError(
            f"There is no workspace at {workspace} yet: a restore from a backup stopped "
            f"half-way, and finishing it failed ({error.strerror}). The restored copy is "
            f"{staging.name} beside it; the workspace it replaced {kept_in}. Nothing was "
            "changed."
        ) from None
    where = f" The workspace it replaced was kept as {moved}." if moved else ""
    return (
        "A restore from a backup stopped half-way (the desk stopped suddenly or the "
        f"computer went off); it has now been finished: this is the restored backup.{where}"
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _holds_change(path: Path) -> bool:
    """A hot journal beside `path`: a copy into it was cut short."""
    try:
        return path.with_name(path.name + "-journal").stat().st_size > 0
    except OSError:
        return False


def _moved_before_restore(*workspaces: Path) -> Path | None:
    """The newest file a restore moved out of the workspace's place, if any: in the
    backups folder of any of `workspaces` (the name it was restored through, a link, and
    the file itself)."""
    found = [
        (created, path)
        for workspace in dict.fromkeys(workspaces)
        for path, created, reason in _backup_files(workspace)
        if reason in ("before-restore", "damaged")
    ]
    return max(found)[1] if found else None


def _readable(workspace: Path) -> bool:
    """Can SQLite read the (closed) workspace's schema? Read as immutable, so that nothing
    is created beside it (a -shm on a full disk would make a sound file look damaged)."""
    try:
        source = sqlite3.connect(f"{workspace.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            source.close()
    except UNREADABLE_DATABASE:
        return False
    return True
