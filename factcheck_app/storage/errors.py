"""SQLite's errors, turned into the desk's own once, here: above storage nobody matches
error messages, and the window and the command line show the same sentence."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import sys
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from factcheck_app import config
from factcheck_app.domain.errors import (
    FactcheckError,
    TemporaryFolderFull,
    WorkspaceBusy,
    WorkspaceChangedWhileRead,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceFull,
    WorkspaceReadOnly,
)
from factcheck_app.storage import locking
from factcheck_app.storage.turns import WriteTurns

# Longest wait for this process's other connection to finish writing; then SQLite's own
# busy timeout decides.
TURN_TIMEOUT_S = 5.0

# After one save has waited the whole busy timeout in vain for another program's write,
# the next ones wait this long only, until one is saved (see WorkspaceDatabase.atomic).
# The desk's own writers keep their transactions far shorter (an import's slices: 0.03 s).
BUSY_AGAIN_MS = 250

NOT_SAVED = "the change was NOT saved"  # followed by "to the workspace …" or "."
MOVED_AWAY = "moved away or deleted"  # how a workspace gone from its place is told
# What to do about a workspace found damaged while it was read.
CHECK_OR_RESTORE = "Run File → Check Workspace, or restore it from a backup."


# SQLite's quick and integrity checks stop at this many problems (their default).
CHECK_MOST_PROBLEMS = 100
# Of a longer report, the problems said in a message: whole, a page of damage made the
# window's "Damaged workspace" box 1,528 pixels high, its choices below the screen's edge.
CHECK_PROBLEMS_SAID = 3


def check_problems(rows: Sequence[object]) -> list[str]:
    """The problems SQLite's quick or integrity check reported in `rows` (a report other
    than 'ok'), a line each: SQLite gives them in one row of lines, under a heading per
    database ("*** in database main ***"), which is left out."""
    lines = [line for row in rows for line in str(row).splitlines()]
    return [line for line in lines if line.strip() and not line.startswith("*** in database")]


def problems_counted(count: int, *, stopped: bool) -> str:
    """'3 problems', '1 problem'; '97 or more problems' when SQLite `stopped` counting."""
    if stopped:
        return f"{count:,} or more problems"
    return f"{count:,} problem" + ("" if count == 1 else "s")


def check_report(rows: Sequence[object]) -> str:
    """SQLite's check report as a message says it: whole when short; else its first
    problems and how many more there are."""
    lines = [line for row in rows for line in str(row).splitlines()]
    problems = check_problems(rows)
    if len(problems) <= CHECK_PROBLEMS_SAID + 1:
        return "\n".join(lines)
    said = problems[:CHECK_PROBLEMS_SAID]
    stopped = len(problems) >= CHECK_MOST_PROBLEMS
    more = problems_counted(len(problems) - CHECK_PROBLEMS_SAID, stopped=stopped)
    return "\n".join([*said, f"… and {more} like these"])


# Ctrl+C that landed in SQLite's progress handler (schema_guard's statement clock) only
# stops the statement: SQLite reports it interrupted, as one that ran past its time budget.
# The command line's Ctrl+C handler notes the key first (services/interrupts.py), and
# `translated` gives the interrupt back. Per thread: the handler runs in the main thread,
# which is the one whose statement it stopped.
_ctrl_c = threading.local()


def note_ctrl_c() -> None:
    """Ctrl+C was pressed in this thread (see `translated`)."""
    _ctrl_c.pending = True


def _take_ctrl_c() -> bool:
    pending: bool = getattr(_ctrl_c, "pending", False)
    _ctrl_c.pending = False
    return pending


def _name(error: sqlite3.Error) -> str:
    """SQLite's error code name (SQLITE_FULL, SQLITE_BUSY_SNAPSHOT…), or '' when unknown."""
    return str(getattr(error, "sqlite_errorname", "") or "")


def _interrupted(error: sqlite3.Error) -> bool:
    """Was the statement stopped by the progress handler (or `interrupt()`)?"""
    return _name(error).startswith("SQLITE_INTERRUPT") or str(error).lower() == "interrupted"


def translate(error: sqlite3.Error, path: Path | None) -> WorkspaceError:
    """The desk's error, in words, for an error SQLite raised on the workspace at `path`."""
    name = _name(error)
    text = str(error).lower()
    where = f"the workspace {path}" if path else "the workspace"
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        temporary = _full_temporary_folder(path)
        if temporary is not None:
            return TemporaryFolderFull(
                f"The temporary folder {temporary} is full (SQLite sorts a large workspace "
                f"there): this could not be done, and the workspace is unchanged. Free some "
                f"space there, or set {config.temporary_folder_variable()} to a folder "
                "with room, then try again."
            )
        return WorkspaceFull(
            f"The disk is full: {NOT_SAVED} to {where}. Free some space and try again."
        )
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return WorkspaceReadOnly(f"{where.capitalize()} is read-only here: {NOT_SAVED}.")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return busy_error(path)
    # FTS5 names a search index stored in a format it does not know (damaged, or made
    # so outside the desk) "invalid fts5 file format": Check Workspace makes it again.
    if (
        name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
        or "malformed" in text
        or "invalid fts5 file format" in text
    ):
        return WorkspaceDamaged(
            f"{where.capitalize()} is damaged ({error}).",
            CHECK_OR_RESTORE,
            fault=str(error),
            path=path,
            backup_helps=True,
        )
    if _interrupted(error):
        return WorkspaceError(
            f"A query on {where} ran far too long and was stopped. The file may have been "
            "crafted to stall the desk; run File → Check Workspace."
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        if path is not None and _disk_nearly_full(path):
            return WorkspaceFull(
                f"The disk is full: {NOT_SAVED} to {where}. Free some space and try again."
            )
        return WorkspaceError(
            f"The disk could not read or write {where} ({error}): {NOT_SAVED}. Check the "
            "disk or the network connection, then try again."
        )
    if name.startswith("SQLITE_TOOBIG") or "too big" in text:
        return WorkspaceError(f"A value is too large for {where}: {NOT_SAVED}.")
    return WorkspaceError(f"{where.capitalize()} could not be read or written ({error}).")


def file_key(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at `path`, None when there is none: which file a name
    stands for. Only `os.stat`: opening the workspace by path would drop SQLite's locks."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def named_now(key: tuple[int, int]) -> Path | None:
    """Where the file this process holds open as `key` (device, inode) has its name now,
    None when nowhere (deleted, replaced, its disk unplugged) or not on Linux: a
    workspace moved or renamed while open (a reviewer tidying the folder in the file
    manager). Read from /proc/self/fd, then checked by `stat`: the name must lead to it."""
    for fd in own_descriptors() or []:
        try:
            target = os.readlink(f"{_OWN_FDS}/{fd}")
        except OSError:
            continue
        if target.startswith("/") and file_key(Path(target)) == key:
            return Path(target)
    return None


_OWN_FDS = "/proc/self/fd"  # where Linux lists this process's open files


def own_descriptors() -> list[int] | None:
    """This process's open file descriptors, None where the system does not list them
    (not Linux)."""
    try:
        return [int(entry) for entry in os.listdir(_OWN_FDS) if entry.isdigit()]
    except OSError:
        return None


def wal_of(path: Path) -> Path:
    """The workspace's -wal file (its recent changes)."""
    return path.with_name(path.name + "-wal")


def busy_error(path: Path | None) -> WorkspaceBusy:
    """Another program holds the workspace's write lock longer than a save waits: named
    when this computer can say which (a `sqlite3` shell left in `BEGIN IMMEDIATE;`, a
    database browser with unsaved changes), with what to do about it. Looked up only now,
    after the wait: it costs a read of /proc/locks."""
    where = f"the workspace {path}" if path else "the workspace"
    writer = locking.sqlite_writer(path) if path is not None else ""
    who = (
        f"Another program ({writer})"
        if writer
        else "Another program (a database tool, or a backup or sync tool?)"
    )
    how = " (in the sqlite3 shell: COMMIT; or ROLLBACK;)" if writer.startswith("sqlite3,") else ""
    return WorkspaceBusy(
        f"{who} is in the middle of changing {where} and has kept it locked for too "
        f"long: {NOT_SAVED}. Let that program finish its change{how}, or close it, then "
        "try again."
    )


# SQLite's temporary files (sorts and indexes larger than its memory, 2 MB): in the folder
# `PRAGMA temp_store_directory` names, else SQLITE_TMPDIR, else TMPDIR (both as the
# process started), else the first of these, skipping any that is missing or not
# writable (SQLite's unixTempFileDir). On Windows, the folder GetTempPath gives instead:
# TMP, else TEMP, else the user's profile folder, else the Windows folder (winGetTempname).
_SQLITE_TEMP_FOLDERS = ("/var/tmp", "/usr/tmp", "/tmp", ".")
_WINDOWS_TEMP_ENV = ("TMP", "TEMP", "USERPROFILE", "SystemRoot")
_SQLITE_TEMP_ENV = (os.environ.get("SQLITE_TMPDIR"), os.environ.get("TMPDIR"))
# A temporary folder with this much room is not the one that was full: the desk's largest
# sorts (a year's workspace) need some tens of MB.
TEMPORARY_ROOM = 256 * 1024 * 1024


def sqlite_temporary_folder() -> Path | None:
    """The folder SQLite puts its temporary files in, as it chooses it; None: none."""
    conn = sqlite3.connect(":memory:")
    try:
        row = conn.execute("PRAGMA temp_store_directory").fetchone()
    except sqlite3.Error:
        row = None
    finally:
        conn.close()
    chosen = str(row[0]) if row else ""
    if sys.platform == "win32":
        if chosen:
            return Path(chosen).absolute()
        given = (os.environ.get(name) for name in _WINDOWS_TEMP_ENV)
        return next((Path(folder).absolute() for folder in given if folder), None)
    for folder in (chosen or None, *_SQLITE_TEMP_ENV, *_SQLITE_TEMP_FOLDERS):
        if folder and os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK):
            return Path(folder).absolute()
    return None


def _full_temporary_folder(path: Path | None) -> Path | None:
    """SQLite said "disk is full": was it its temporary folder, not the workspace's disk?
    A small RAM disk as TMPDIR, a quota on it: the workspace's disk then had room, and
    the reviewer freed space there in vain. Only when the temporary folder is on another
    file system than the workspace, has little room left, and less than the workspace's
    disk has; else (or when it cannot be told) None, and the disk is named, as before."""
    folder = sqlite_temporary_folder()
    if folder is None or path is None:
        return None
    try:
        if os.stat(folder).st_dev == os.stat(path.parent).st_dev:
            return None
        room = shutil.disk_usage(folder).free
        workspace_room = shutil.disk_usage(path.parent).free
    except OSError:
        return None
    return folder if room < min(TEMPORARY_ROOM, workspace_room) else None


def _disk_nearly_full(path: Path) -> bool:
    """SQLite reports a full disk as an I/O error when its shared-memory file cannot grow."""
    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


def damaged(what: str, value: object) -> WorkspaceDamaged:
    """The error for a stored value the desk never writes: `what` names the row and field."""
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "…"
    return WorkspaceDamaged(
        f"{what} {shown}; the workspace may be damaged",
        "run File → Check Workspace or restore a backup",
        fault=f"{what} {shown}",
        backup_helps=True,
        clauses=": ",
    )


@contextlib.contextmanager
def translated(path: Path | None, db: WorkspaceDatabase | None = None) -> Iterator[None]:
    """Run storage work; an SQLite error leaves as the desk's own error type (in words
    that know what `db`'s connection went through before: see `after_disk_error`)."""
    try:
        yield
    except sqlite3.Error as error:
        if _interrupted(error) and _take_ctrl_c():
            raise KeyboardInterrupt from error
        told = translate(error, path)
        raise (db.after_disk_error(error, told) if db is not None else told) from error
    except UnicodeDecodeError:  # SQLite's message quoted the file's garbage (sqlite_failures)
        where = f"the workspace {path}" if path else "the workspace"
        fault = "SQLite's report of the damage is not even text"
        raise WorkspaceDamaged(
            f"{where.capitalize()} is damaged ({fault}).",
            CHECK_OR_RESTORE,
            fault=fault,
            path=path,
            backup_helps=True,
        ) from None


class _Cursor:
    """A cursor whose fetches raise the desk's errors (a scan can fail half-way)."""

    def __init__(self, cursor: sqlite3.Cursor, path: Path | None, db: WorkspaceDatabase) -> None:
        self._cursor = cursor
        self._path = path
        self._db = db

    def fetchone(self) -> Any:
        with translated(self._path, self._db):
            return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        with translated(self._path, self._db):
            return self._cursor.fetchall()

    def fetchmany(self, size: int = 1) -> list[Any]:
        with translated(self._path, self._db):
            return self._cursor.fetchmany(size)

    def __iter__(self) -> Iterator[Any]:
        with translated(self._path, self._db):
            yield from self._cursor

    def __getattr__(self, name: str) -> Any:  # description, lastrowid, rowcount, close
        return getattr(self._cursor, name)


def _spelled(data: bytes) -> str:
    """A stored TEXT value as text: bytes that are not UTF-8 as U+FFFD."""
    return data.decode("utf-8", "replace")


# A reviewer saving without a pause of a second still has the saves copied into the
# workspace file after this many looks (seconds): see `WorkspaceDatabase.settle_saves`.
SETTLE_AT_MOST_LOOKS = 10


class WorkspaceDatabase(Database):
    """sqlite-utils' Database whose statements and transactions raise the desk's errors.

    Only what our code calls is translated (`execute`, `executescript`, `atomic`);
    sqlite-utils' own internal retries still see SQLite's exceptions.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.path = path
        # Shared with this process's other connections to the file (see turns.py); a
        # background writer (an import) lets the window's saves go first.
        self.turns: WriteTurns | None = None
        self.background = False
        # The file opened, as (device, inode), and what to do once when another file has
        # taken its place (see `_file_replaced`): set by open_workspace.
        self.file_key: tuple[int, int] | None = None
        self.file_path: Path | None = None  # absolute: the process may change folder
        self.on_replaced: Callable[[], str] | None = None
        self._replaced: str | None = None
        # Where the file is now, once moved or renamed while open (everything saved is in
        # it there: see `_stop_writing`); None while it is in its place, or not found.
        self.moved_to: Path | None = None
        # The workspace's -wal as this connection opened it, (device, inode): another
        # program deleting it (a clean-up of "temporary files") left every save after in a
        # file no longer there, lost with the next crash (see `_keep_saves`). None: unknown.
        self.wal_key: tuple[int, int] | None = None
        self.wal_lost = False  # it was: every save is checkpointed into the file since
        # Ends this connection's count as open in this process (set by open_workspace: at
        # its close, or when collected unclosed); called more than once, it acts once.
        self.registration: Callable[[], object] = lambda: None
        # What this connection and the others had saved (total_changes, data_version) at the
        # last look and at the last checkpoint made on a pause (see `settle_saves`).
        self._seen_saves: tuple[int, int] | None = None
        self._settled_saves: tuple[int, int] | None = None
        self._looks_unsettled = 0
        # The busy timeout to go back to once a write works again, while a short one is set
        # after a wait in vain (see `_begin_immediate`); None: the usual one is set.
        self._busy_timeout_ms: int | None = None
        self._rescued: str | None = None  # where the rescue copy went, in words, once made
        # An I/O error since the last commit: the disk may be gone (see `after_disk_error`).
        self.disk_failed = False
        self._not_rescued = ""  # why no rescue copy could be made (tried again)
        # An older file opened read-only: the tables stood in for, and the file's schema
        # cookie when they were made (see older_schema.py).
        self.stand_ins: tuple[str, ...] = ()
        self.stand_ins_schema: int | None = None
        # Read without a stray -wal (immutable: no lock): has another program changed the
        # file since? Then what looks like damage is its writes (see `after_disk_error`).
        self.changed_under: Callable[[], bool] | None = None
        # Read alone (immutable) because a file SQLite keeps beside it is no file (a named
        # pipe at -journal, a folder at -wal): why, in words (`workspace.open_reader`).
        self.read_alone_because: str | None = None
        # Text that is not UTF-8 (a byte flipped on disk, another tool writing Latin-1)
        # made every read of its row fail, the article list's too: the whole workspace
        # refused over one title. It reads with U+FFFD where the damaged bytes are.
        conn.text_factory = _spelled
        super().__init__(conn)

    def after_disk_error(self, error: sqlite3.Error, told: WorkspaceError) -> WorkspaceError:
        """What to say when the disk may have gone. A USB stick pulled out or a network
        drive dropped fails every read and write of the open file: SQLite says "disk I/O
        error", or finds what it reads back garbled and says "malformed", which the desk
        told as "damaged … restore it from a backup" (a restore would put an older backup
        in place of the work safe on the stick). When the file this connection holds no
        longer answers a read, it is the disk, and this connection never reaches it again
        (its file was on the old mount): said so, until a commit works again."""
        if isinstance(told, (WorkspaceFull, WorkspaceBusy, WorkspaceReadOnly)):
            return told
        io_error = _name(error).startswith("SQLITE_IOERR") or "disk i/o error" in str(error).lower()
        if not (io_error or isinstance(told, WorkspaceDamaged)) or _interrupted(error):
            return told
        if self.changed_under is not None and self.changed_under():
            # Read without locks, the pages of two moments: a writer's, not damage.
            return WorkspaceChangedWhileRead(self.path)
        if not self.disk_failed and self._file_answers():
            return told
        self.disk_failed = True
        where = f"the workspace {self.path}" if self.path else "the workspace"
        return WorkspaceError(
            f"The disk holding {where} cannot be read or written any more: {NOT_SAVED}. "
            "Is it on a USB stick or a network drive that was pulled out or dropped? What "
            "was saved before is on that disk, not lost. Plug it back in (or reconnect), "
            "then open it again (File → Open Recent Workspace): this window cannot reach "
            "it through the connection it had."
        )

    def _file_answers(self) -> bool:
        """Does the file this connection holds still answer a read? Read through SQLite's
        own descriptor (found in /proc/self/fd), never by path: closing a file opened by
        path would drop SQLite's locks. True when it cannot be told (not Linux)."""
        fds = own_descriptors()
        if self.file_key is None or fds is None:
            return True
        for fd in fds:
            try:
                info = os.fstat(fd)
            except OSError:
                continue
            if (info.st_dev, info.st_ino) != self.file_key:
                continue
            try:
                os.pread(fd, 100, 0)
            except OSError:
                return False
            return True
        return True

    def interrupt(self) -> None:
        """Stop the statement running on this connection (it fails as interrupted); SQLite
        allows this from another thread (a Cancel pressed in the window)."""
        self.conn.interrupt()

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        with translated(self.path, self):
            return _Cursor(super().execute(sql, parameters), self.path, self)

    def executemany(self, sql: str, rows: Any) -> None:
        """Many rows through one statement (bulk inserts)."""
        with translated(self.path, self):
            self.conn.executemany(sql, rows)

    def executescript(self, sql: str) -> Any:
        with translated(self.path, self):
            return super().executescript(sql)

    @contextlib.contextmanager
    def atomic(self) -> Generator[Database, None, None]:
        """One transaction (a savepoint when nested) that takes the write lock at BEGIN.

        A plain BEGIN reads first and asks for the write lock later; if another connection
        committed meanwhile, SQLite fails at once with "busy" instead of waiting (an import
        beside a save failed that way). BEGIN IMMEDIATE waits for the lock up front.
        A full disk shows at COMMIT (the WAL grows then): that is translated too.
        """
        with translated(self.path, self):
            if self.conn.in_transaction:
                with super().atomic():
                    yield self
                return
            with self._turn():
                if self._replaced is not None:  # said again (query_only refuses BEGIN)
                    raise WorkspaceError(self._after_replacement(self._replaced))
                self._begin_immediate()
                replaced = self._file_replaced()
                if replaced:
                    self.conn.execute("ROLLBACK")
                    raise WorkspaceError(self._after_replacement(replaced))
                try:
                    yield self
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
                self.disk_failed = False
                self.keep_saves()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction around several reads (a report's sentences, sources and
        versions), so they see one state: read apart, a save by another program in
        between (the window's merge, beside a `factcheck-app export`) mixed the two, the
        sentences before it and their sources after. Inside a transaction already, that
        one is used. Reads only: a write in it could find a newer state and fail."""
        if self.conn.in_transaction:
            yield
            return
        with translated(self.path, self):
            self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                with translated(self.path, self):
                    self.conn.execute("COMMIT")

    def keep_saves(self) -> None:
        """After a commit (and every second in the window): is the -wal this connection
        writes to still the one at its path? A clean-up tool or a person deleting
        `NAME.fcdesk-wal` while the workspace is open leaves SQLite writing on into the
        deleted file: another program then found the workspace without those saves (an
        article imported and tagged read as empty), and a crash or power cut lost every
        one of them for good. Once it is gone, each commit is checkpointed at once into
        the workspace file itself (synced, as every save), which is still where it was:
        every save is safe there, as before, until the workspace is next opened, which
        makes a new -wal. One `stat` while all is well."""
        if self.wal_key is None or self.file_path is None or self.disk_failed:
            return  # its disk gone: the -wal with it, not deleted
        if not self.wal_lost and file_key(wal_of(self.file_path)) != self.wal_key:
            self.wal_lost = True
        if self.wal_lost:
            # Passive: never waits (a Check Workspace reading beside the window may hold
            # back its last frames, copied at the next save or look).
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def settle_saves(self) -> bool:
        """On the window's look every second: once the reviewer pauses (no save since the
        last look), or after `SETTLE_AT_MOST_LOOKS` looks of saving without a pause, copy
        the saves from the -wal into the workspace file (a passive checkpoint: it never
        waits for, nor holds up, a reader or a writer). SQLite alone did it every 1,000
        pages, some 65 verdicts, so a copy of the file taken while the window was open (a
        file manager, a USB stick, a mail attachment) lacked up to an hour of work, the
        newest import whole, without a word; now at most the last seconds. Never on a key
        press; the checkpoint SQLite makes at 1,000 pages, which is, comes rarely now.
        True when it checkpointed."""
        if self.wal_key is None or self.wal_lost or self.conn.in_transaction:
            return False  # not a writer's WAL, or every commit is checkpointed already
        try:
            version = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return False  # the next save or look says what is wrong, in words
        saves = (self.conn.total_changes, version)
        if saves == self._settled_saves:
            self._seen_saves, self._looks_unsettled = saves, 0
            return False
        paused = saves == self._seen_saves
        self._seen_saves = saves
        self._looks_unsettled += 1
        if not paused and self._looks_unsettled < SETTLE_AT_MOST_LOOKS:
            return False
        try:
            busy, log, moved = self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error:
            return False  # tried again at the next look
        if busy:
            # Another connection's checkpoint was under way: nothing moved (-1 frames).
            # One waiting for a reader, then given up on (a thread's or another
            # program's close), left the file alone as below: tried again at the next look.
            return False
        if moved < log:
            # Another program's read in progress (Datasette) held some back: SQLite then
            # moves what was saved before that read began and not saved again since, so
            # the file alone holds two moments ("malformed") until a checkpoint moves
            # the rest. Counted as settled, it stayed so while no edit came: tried again
            # at the next look, once that read has ended.
            return True
        self._settled_saves, self._looks_unsettled = saves, 0
        return True

    def _begin_immediate(self) -> None:
        """BEGIN IMMEDIATE, waiting for another program's write as long as the busy timeout
        says; but, once a wait has been in vain, only `BUSY_AGAIN_MS` until one works again.
        A program holding the workspace's write lock for minutes (a `sqlite3` shell left in
        `BEGIN IMMEDIATE;`) froze the window for the whole timeout at every key pressed
        meanwhile, and at every retry of typed text (every 5 s: the window was frozen half
        the time). The first wait is whole, and said; the next ones are short."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if self._busy_timeout_ms is None and _name(error).startswith("SQLITE_BUSY"):
                self._busy_timeout_ms = int(self.conn.execute("PRAGMA busy_timeout").fetchone()[0])
                self.conn.execute(
                    f"PRAGMA busy_timeout = {min(BUSY_AGAIN_MS, self._busy_timeout_ms)}"
                )
            raise
        if self._busy_timeout_ms is not None:  # the other program is done: wait whole again
            self.conn.execute(f"PRAGMA busy_timeout = {self._busy_timeout_ms}")
            self._busy_timeout_ms = None

    def _file_replaced(self) -> str | None:
        """Is the file at `path` still the one this connection writes to? A sync tool or a
        copy can put another file in its place (or move it away) while it is open: writing
        on would go to the old file and to a -wal that SQLite later pairs with the new
        one. Only `os.stat` (and, when it differs, a read through the descriptor SQLite
        holds): opening the file by path would drop SQLite's locks."""
        if self._replaced is not None:
            return self._replaced
        if self.file_path is None or self.file_key is None:
            return None
        key = file_key(self.file_path)
        if key == self.file_key:
            return None
        if not self._file_answers():
            # Its disk went: a USB stick pulled out, which the desktop then unmounts (its
            # names go too) and mounts again as a new disk when it is back, a network
            # drive dropped. Neither moved nor replaced, and nothing can be rescued from
            # it: each save is refused as the disk (`after_disk_error`). It was told as
            # "moved away or deleted" or "replaced … do NOT close it".
            self.disk_failed = True
            return None
        return MOVED_AWAY if key is None else "replaced by another file"

    def keep_place(self) -> str:
        """The window's look, every second (one `stat`): was the file moved, renamed or
        replaced since the last save? The recent saves wait in the -wal, which stays at
        the old name: a crash before the next save lost every one of them (the workspace
        opened at its new place without them; a copy put in its place could be paired
        with them). So it is acted on at once, as a refused save would be: everything
        saved is put into the file itself (or a copy), and nothing more is written. What
        to tell the reviewer, the first time only; else ''."""
        if self._replaced is not None or self.disk_failed:
            return ""  # told already; or its disk gone, told at the next save
        what = self._file_replaced()
        if what is None:
            return ""
        self._stop_writing(what)
        if self.moved_to is not None:
            return (
                f"The workspace file {self.path} was {self._what_happened()}. Nothing is "
                "lost: everything saved up to now is in it there. To go on, open it there; "
                "until then nothing more is saved here."
            )
        return (
            f"The workspace file {self.path} was {self._what_happened()}. Nothing more is "
            f"written to it here. {self._kept()}"
        )

    @property
    def stopped(self) -> bool:
        """Nothing more is written: the file was moved or replaced while open."""
        return self._replaced is not None

    def named_now(self) -> Path | None:
        """Where the file this connection holds is named now: where it was moved to, or
        back at its place once the move was undone (`moved_to` stays where it was first
        found). None when nowhere (deleted, replaced), or not known."""
        return None if self.file_key is None else named_now(self.file_key)

    @property
    def rescue_note(self) -> str:
        """Replaced or gone while open: where the copy of this connection's file went, in
        words ('' when none was due); or why none could be made, the window to stay open."""
        return self._not_rescued or self._rescued or ""

    @property
    def rescue_failed(self) -> bool:
        """No copy could be made (yet): what was saved may be only in this connection."""
        return bool(self._not_rescued)

    def rescue_again(self) -> bool:
        """Try again the copy of a replaced or gone file that could not be made (a change
        refused while so: the moment there is room, the work is kept). True when it was
        made now."""
        if self._replaced is None or not self._not_rescued:
            return False
        self._stop_writing(self._replaced)
        return not self._not_rescued

    def holds_file_at(self, path: Path) -> bool:
        """Whether `path` names the very file this connection holds (moved, or moved back),
        not another one put in its place."""
        return self.file_key is not None and file_key(path) == self.file_key

    def _stop_writing(self, what: str) -> None:
        """Keep what this connection has and write no more (once; a copy that could not be
        made is tried again at each call). A file only moved or renamed gets its -wal
        emptied into it, where it is now: it then holds every save, and no copy is made.
        Any other (replaced, deleted, its disk gone) is copied whole (`on_replaced`), then
        its -wal emptied into the old file so that it is never paired with the new one."""
        first = self._replaced is None
        if first:
            self._replaced = what
            if what == MOVED_AWAY and self.file_key is not None:
                moved_to = named_now(self.file_key)
                if moved_to is not None and self._checkpointed():
                    self.moved_to = moved_to
        if self.moved_to is None and self._rescued is None and self.on_replaced is not None:
            try:
                self._rescued = self.on_replaced()
                self._not_rescued = ""
            except (OSError, sqlite3.Error, FactcheckError) as error:
                self._not_rescued = (
                    f"No copy of it could be made ({error}), so what was saved here may now "
                    "be only in this window: do NOT close it. Free some space (or make the "
                    "folder writable again), then try the change again: the copy is tried "
                    "again, and said where it went."
                )
        if first:
            with contextlib.suppress(sqlite3.Error):
                if self.moved_to is None:
                    self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self.conn.execute("PRAGMA query_only = ON")  # no write outside atomic() either

    def write_in_moved_file(self, sql: str, parameters: Sequence[Any]) -> bool:
        """One last statement into the file where it was moved to (this connection holds
        it: the same file), at its close: checkpointed at once, so that nothing of it
        waits in the -wal left at the old name. True when it is in the file. For the
        session's mark, which otherwise stayed in the moved file and was told at its next
        open as a desk that did not finish closing it."""
        if self.moved_to is None or file_key(self.moved_to) != self.file_key:
            return False
        try:
            self.conn.execute("PRAGMA query_only = OFF")
            try:
                self.conn.execute(sql, parameters)
            finally:
                self.conn.execute("PRAGMA query_only = ON")
        except sqlite3.Error:
            return False
        return self._checkpointed()

    def _checkpointed(self) -> bool:
        """Every save of the -wal copied into the file itself (and synced), the -wal emptied."""
        try:
            busy, _, _ = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error:
            return False
        return int(busy) == 0

    def _what_happened(self) -> str:
        """ "was … while it was open here"."""
        if self.moved_to is not None:
            return f"moved to {self.moved_to} while it was open here"
        return f"{self._replaced} while it was open here (by a sync tool, or a copy?)"

    def _kept(self) -> str:
        """Where the work is, and what to do next."""
        if self.moved_to is not None:
            return (
                "Nothing is lost: everything saved here up to now is in it there. Open the "
                "workspace where it is now to go on."
            )
        # Gone from its place, the workspace reopened there would be a new, empty one.
        reopen = (
            "Close it, then open the workspace where it is now (if it was moved) or that copy."
            if self._replaced == MOVED_AWAY
            else "Close it and open the workspace again."
        )
        return self._not_rescued or f"{self._rescued or ''} {reopen}".lstrip()

    def _after_replacement(self, what: str) -> str:
        """A save refused: the file was moved or replaced (see `_stop_writing`). A copy that
        could not be made is tried again at the next refused save: until one is made, the
        file this window holds may be the only place the work is (its folder deleted),
        gone once it closes, so it is not told to close."""
        self._stop_writing(what)
        return (
            f"The workspace file {self.path} was {self._what_happened()}: the change was NOT "
            f"saved, and nothing more is written to it. {self._kept()}"
        )

    def a_save_is_waiting(self) -> bool:
        """For a background writer: whether one of the window's saves waits for its turn,
        so that the transaction in progress should end as soon as it can."""
        return self.background and self.turns is not None and self.turns.saves_waiting > 0

    @contextlib.contextmanager
    def unsynced_commits(self) -> Iterator[None]:
        """Commits that do not wait for the disk, for the slices of a long import.

        In WAL mode with `synchronous = NORMAL` a commit is safe from crashes of the
        program, and the workspace stays sound through a power cut, which may lose only
        the newest such commits. Every other commit (the reviewer's saves, an import's
        finish) stays `FULL`: its sync of the WAL covers what was written before it too.
        Off WAL (an in-memory workspace) this changes nothing.
        """
        wal = str(self.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
        if wal:
            self.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            if wal:
                self.execute("PRAGMA synchronous = FULL")

    def _turn(self) -> contextlib.AbstractContextManager[None]:
        if self.turns is None:
            return contextlib.nullcontext()
        return self.turns.turn(background=self.background, timeout=TURN_TIMEOUT_S)
