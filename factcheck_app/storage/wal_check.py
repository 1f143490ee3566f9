"""A `-wal` file left beside a workspace by a writer that never closed is merged into the
workspace by the next open. That is right after a crash, and wrong when the WAL belongs to
another file or another time (a sync tool or a copy paired them wrongly): SQLite cannot
tell, replays it, and the damage is then checkpointed into the workspace and its backups.

So before a writable open merges a left-over WAL, the merge is tried on a scratch copy
first; a WAL that would damage a workspace which is sound without it, turn it into another
workspace, or take back history the file already holds (an older -wal of the same
workspace beside a newer copy) is set aside, whole, in the backups folder, and never merged.
A file damaged alone (torn in the middle of a checkpoint) needs its own -wal merged, so
its -wal is set aside only when it certainly is another workspace's (`_names_another`).

A reader (`list`, `export`, a read-only window) cannot set anything aside and must not copy
a year's workspace to look: it compares what the file says alone with what it says read
with the -wal, through two read-only connections, runs SQLite's integrity check on the
read with it (`look_for_reader`), and reads the file without a -wal that is not its own,
or that is its own from a later moment than the file (the pair, read together, damaged).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

from factcheck_app.domain.errors import NotAWorkspace
from factcheck_app.storage import backups, schema_guard, scratch, sql
from factcheck_app.storage.sqlite_failures import SQLITE_FAILURES, UNREADABLE_DATABASE
from factcheck_app.storage.stores.history import newest_is_an_entry
from factcheck_app.storage.stores.rows import stored_text

WAL_HEADER_BYTES = 32
# Settings key of the random id a workspace gets when first opened for writing.
WORKSPACE_ID = "workspace.id"
SCRATCH_PREFIX = scratch.WALCHECK_PREFIX
SCRATCH_HEADROOM = 1024 * 1024  # SQLite's -shm and a margin
# SQLite's WAL header: magic (two values, by checksum byte order), format, page size…
WAL_MAGICS = (0x377F0682, 0x377F0683)
# Every SQLite connection to a WAL database holds a shared lock on this byte of its -shm
# (the unix VFS's "DMS" slot, UNIX_SHM_BASE + SQLITE_SHM_NLOCK), whatever it does.
SHM_DMS_BYTE = 128

# Why the unmerged -wal beside a workspace is not its own to read or merge: a reader reads
# the file without it (`look_for_reader`), an open for editing sets it aside (`wal_unfit`).
FOREIGN = "foreign"  # another workspace's, or an older -wal of this one (`follows`)
# Its own from a later moment: read together, the pair is damaged; the file alone is sound.
APART = "apart"
# Certainly another workspace's (`_names_another`), beside a file damaged alone (torn in the
# middle of a checkpoint): set aside as FOREIGN is, and the file refused as damaged.
FOREIGN_BESIDE_DAMAGED = "foreign beside damaged"


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def has_unmerged_wal(path: Path) -> bool:
    """Does a WAL with frames (more than its header) sit beside the workspace?"""
    try:
        return _wal(path).stat().st_size > WAL_HEADER_BYTES
    except OSError:
        return False


# A history entry as the first schema wrote it: upgrades add columns and fill them in
# (the article, the hash chain), but never change these.
_ENTRY = "id, at, actor, action, description, entity, entity_id, old, new"


@dataclass(frozen=True)
class Evidence:
    """What tells one workspace, and one moment of it, from another: its random id (given
    when first opened for writing), and its history, which only ever grows (every edit
    adds an entry in the edit's own transaction, none is ever changed or removed)."""

    workspace_id: str | None
    history_entries: int
    last_entry: tuple[object, ...] | None  # the newest history entry (`_ENTRY`)
    schema: int = 0  # the file's schema version (PRAGMA user_version)


def evidence(conn: sqlite3.Connection, entry_id: object = None) -> Evidence:
    """`conn`'s Evidence; with `entry_id`, `last_entry` is the row of that id (or None)."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
    workspace_id = _workspace_id(conn, names)
    if "history" not in names:
        return Evidence(workspace_id, 0, None, schema)
    entries = int(conn.execute("SELECT count(*) FROM history").fetchone()[0])
    if entry_id is None:
        last = conn.execute(f"SELECT {_ENTRY} FROM history ORDER BY id DESC LIMIT 1").fetchone()
    else:
        last = conn.execute(f"SELECT {_ENTRY} FROM history WHERE id = ?", [entry_id]).fetchone()
    return Evidence(workspace_id, entries, tuple(last) if last is not None else None, schema)


def _workspace_id(conn: sqlite3.Connection, names: set[str]) -> str | None:
    """The id `conn`'s settings say, read by its key (a row of another key is no answer)."""
    if "settings" not in names:
        return None
    # Its key or value as bytes another program stored: the id they spell, as the desk
    # reads it; compared as text, two workspaces so had no id and a -wal of the one
    # followed the other.
    row = conn.execute(
        f"SELECT key, value FROM settings WHERE {sql.SETTING_KEY} ORDER BY typeof(key) = 'blob'",
        [WORKSPACE_ID, WORKSPACE_ID],
    ).fetchone()
    if not row or row[1] is None or stored_text(row[0]) != WORKSPACE_ID:
        return None
    return stored_text(row[1])


def follows(alone: Evidence, with_wal: Evidence) -> bool:
    """Can `with_wal` (read with a -wal, its `last_entry` looked up by `alone`'s id) be
    the file `alone` with later changes? The same workspace, none of its history lost or
    changed. A crash's -wal always is; another workspace's is not (another id, or other
    history), nor an older -wal of this one beside a newer copy (history the file holds
    would vanish: replayed, its older pages went over the newer file's for good)."""
    if alone.workspace_id is not None and with_wal.workspace_id != alone.workspace_id:
        return False
    if with_wal.schema > alone.schema:
        # The desk was killed just after updating this file: the update may number an
        # unchained history afresh (stores/history.chain_unchained), so its entries are
        # not looked up by their old ids. An older -wal of an updated file is never newer.
        return with_wal.history_entries >= alone.history_entries
    if with_wal.history_entries < alone.history_entries:
        return False
    return alone.last_entry is None or with_wal.last_entry == alone.last_entry


@dataclass(frozen=True)
class _Looked:
    """What `_look` found of a scratch copy."""

    sound: bool  # SQLite's quick check passed
    agrees: bool  # its integrity check passed: every index agrees with its table
    index_sound: bool  # FTS5's own check of the search indexes passed
    evidence: Evidence | None  # None: not readable


def _not_ours(conn: sqlite3.Connection) -> bool:
    """Is the design `conn` reads other than the desk's (a file crafted, or edited outside
    the desk)? The open refuses it (`schema_guard.verify_schema`) and leaves it and its
    -wal as they are, so its checks are not run here: SQLite's integrity check runs every
    CHECK and generated column the file defines on every row, on a connection without
    the desk's defences, and one building a 900 MB string a row held the open for
    seconds a row. Only what tells its -wal from another's is read (`evidence`)."""
    try:
        return bool(schema_guard.schema_problems(conn))
    except NotAWorkspace:
        return True
    except UNREADABLE_DATABASE:
        return False  # damaged: the checks say so, as before


def _look(copy: Path, entry_id: object = None) -> _Looked:
    """What a scratch copy is: SQLite's quick check (sound), its integrity check (every
    index agrees with its table: the quick check does not look), the full-text indexes'
    own check, then what tells it from another workspace (`evidence`, `entry_id` as
    there). A torn search index alone does not make the file unsound: it only repeats the
    other tables, and the open mends it (a copy taken in the middle of a save,
    services/copy_check.py); SQLite's integrity check does not look inside it."""
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        if _not_ours(conn):  # refused by the open, as it is: only what tells it apart
            return _Looked(True, True, True, evidence(conn, entry_id))
        agrees = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        if not agrees and conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return _Looked(False, False, False, None)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        index_sound = True
        for index in ("search_index", "verdict_index"):
            if index in names:  # an index that disagrees with its rows shows here
                try:
                    conn.execute(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")
                except SQLITE_FAILURES:
                    index_sound = False
        return _Looked(True, agrees, index_sound, evidence(conn, entry_id))
    except SQLITE_FAILURES:
        return _Looked(False, False, False, None)
    finally:
        conn.close()


def wal_unfit(path: Path) -> str | None:
    """Why the left-over WAL must not be merged into the workspace, or None (a crash's
    last edits: merge it): FOREIGN, merged it turns the workspace into another one
    (another id) or takes back history the file holds (an older -wal of it), told by the
    history only of a file alone that passes SQLite's integrity check; APART, it is
    the file's own from a later moment, and merged it damages a file that is sound alone;
    FOREIGN_BESIDE_DAMAGED, the file alone is damaged, and the -wal names another workspace.

    Reads the workspace and its WAL by path: call it only before this process opens a
    connection to the workspace (and under its writer lock), never while one is open.
    The scratch copy goes to the temporary folder, or to the backups folder when that has
    no room for it (a quota, a small RAM disk): a small temporary folder must not keep a
    reviewer out of the workspace the desk crashed on. WorkspaceFull when neither has room.
    """
    needed = path.stat().st_size + _wal(path).stat().st_size + SCRATCH_HEADROOM
    places = [
        (scratch.temporary_folder(), SCRATCH_PREFIX),
        (backups.backup_dir(path), "." + SCRATCH_PREFIX),  # hidden among the backups
    ]
    no_room = (
        f"Cannot open {path.name} for editing yet: it has unmerged changes (the desk "
        "stopped without closing it), and checking them needs a scratch copy of "
        f"{needed // 1_000_000 + 1} MB, for which there is no room in the temporary folder "
        "or beside the workspace. Free some space and open it again; nothing was changed."
    )
    with scratch.scratch_with_room(places, needed, no_room) as folder:
        return unfit(path, folder / "copy.fcdesk")


def unfit(path: Path, copy: Path) -> str | None:
    """`wal_unfit`, on scratch copies at `copy`: one at a time, so the check needs room
    for the workspace once, not twice."""
    shutil.copyfile(path, copy)
    alone = _look(copy)
    told_by_history = alone.agrees or _history_tells(copy)
    if not alone.sound or alone.evidence is None:
        # Damaged alone: a crash in the middle of a checkpoint leaves such a file, and only
        # its -wal mends it, so the -wal is merged (the usual damaged-workspace path takes
        # over), unless it is certainly another workspace's.
        return FOREIGN_BESIDE_DAMAGED if _names_another(path, copy) else None
    _pair_at(path, copy)
    last = alone.evidence.last_entry
    with_wal = _look(copy, last[0] if last else None)
    if with_wal.evidence is not None and not follows(alone.evidence, with_wal.evidence):
        if told_by_history:
            # Its newest entry one the desk wrote: an older -wal of it (or another
            # workspace's) even beside a file whose indexes disagree with their tables
            # (a pair merged by another program). Merged, it took back that history and
            # the work since, for good; its id, the same, did not tell it.
            return FOREIGN
        # Its history told by a file torn in the middle of a checkpoint, which SQLite's
        # quick check may pass: a page of reviews, each tagged and given a verdict, where
        # its newest entries are, reads as entries (no entry's hash). Only the ids tell its
        # -wal (as above); called FOREIGN, the crash's own -wal was set aside and the torn
        # file edited.
        _alone_at(path, copy)
        return FOREIGN_BESIDE_DAMAGED if _names_another(path, copy) else None
    # Indexes that agree with their tables without it and not with it: the workspace's own
    # -wal beside a copy of the file taken before its desk's last checkpoint (copied
    # while open, the -wal a moment later). The pages that checkpoint moved are in
    # neither; its history follows, and the quick check may pass it: merged, it was
    # damage. A search index torn in the file alone (copied in the middle of a save) does
    # not make the file unsound (the open mends it): counted so, such a pair was merged
    # and the open refused it as "damaged … restore it from a backup" (the kill loop's
    # seed 1919, copy 181).
    damages = (
        not with_wal.sound
        or with_wal.evidence is None  # sound alone, unreadable with it: as a reader says
        or (alone.agrees and not with_wal.agrees)
        or (alone.index_sound and not with_wal.index_sound)
    )
    return APART if damages else None


def _history_tells(copy: Path) -> bool:
    """Is the history of the file at `copy` (a scratch copy, read as it is, which SQLite's
    quick check passes) to be trusted though its integrity check fails: its newest entry
    one the desk wrote (`newest_is_an_entry`), or a history without indexes?"""
    try:
        conn = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return False
    try:
        return newest_is_an_entry(conn) or _history_unindexed(conn)
    finally:
        conn.close()


def _history_unindexed(conn: sqlite3.Connection) -> bool:
    """Has the history no index (a workspace from before the hash chain: schema 4 and
    earlier)? The integrity check tells a page of another table torn in where the newest
    entries are only by the history's indexes, which never held its rows: without any,
    it tells nothing of the history, failed or passed, and the history is trusted as
    when it passes. Taken for a torn file, such a file with an index of another table
    out of step had an older -wal of it merged, and every save since taken back."""
    try:
        row = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'history'"
        ).fetchone()
        return int(row[0]) == 0
    except SQLITE_FAILURES:
        return False


def _pair_at(path: Path, copy: Path) -> None:
    """The workspace and its -wal copied to `copy`, over what a look left there."""
    _alone_at(path, copy)
    shutil.copyfile(_wal(path), _wal(copy))


def _alone_at(path: Path, copy: Path) -> None:
    """The workspace alone copied to `copy`, over what a look left there."""
    for leftover in (copy, _wal(copy), copy.with_name(copy.name + "-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(path, copy)


def _id_or_none(conn: sqlite3.Connection) -> str | None:
    """The workspace id `conn` reads, however damaged the rest of the file: None when
    none can be read."""
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return _workspace_id(conn, names)
    except SQLITE_FAILURES:
        return None


def _said_id(copy: Path) -> str | None:
    """The workspace id `copy` says, with the -wal beside it if one is (`_id_or_none`)."""
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        return _id_or_none(conn)
    finally:
        conn.close()


def _names_another(path: Path, copy: Path) -> bool:
    """Is the -wal beside `path`, a file damaged alone (at `copy`, as `_look` left it),
    certainly another workspace's? A workspace's id is written once, when it is made (or
    when a desk first opens one made before ids), and never changed or removed: every page
    of the workspace that ever held it holds the same, so a file torn in the middle of a
    checkpoint, its pages of two moments, still says its own when it says one. Its own
    -wal (a crash's, or its own from a later moment) holds only this workspace's pages:
    read with it, the file says that id too, or none. Another id read with the -wal came
    from that -wal. Nothing else is certain of a torn file: its history may read as any
    moment's, or not at all; so when the file alone says no id (its first pages torn),
    or the pair none, the -wal is merged as a crash's, as before. A -wal of another page
    size is never a crash's either (a WAL workspace's page size cannot change): read with
    it, SQLite takes its pages for the file's."""
    sizes = _page_sizes(path)
    if sizes is not None and sizes[0] != sizes[1]:
        return True
    own = _said_id(copy)
    if own is None:
        return False
    _pair_at(path, copy)
    theirs = _said_id(copy)
    return theirs is not None and theirs != own


def _page_sizes(path: Path) -> tuple[int, int] | None:
    """The page size in the workspace file's header, and in its -wal's; None when the
    -wal is not one SQLite reads (too short, not its magic number)."""
    with path.open("rb") as handle:
        header = handle.read(18)
    with _wal(path).open("rb") as handle:
        wal_header = handle.read(WAL_HEADER_BYTES)
    if len(header) < 18 or len(wal_header) < WAL_HEADER_BYTES:
        return None
    magic, _format, wal_size = struct.unpack(">III", wal_header[:12])
    if magic not in WAL_MAGICS:
        return None
    size = struct.unpack(">H", header[16:18])[0]
    return (65536 if size == 1 else size), wal_size  # SQLite writes 65536 as 1


def set_aside_wal(path: Path) -> Path:
    """Move the WAL (and its index, -shm) into the backups folder, keeping every byte:
    into one on another disk (docs/safety.md allows it) as a copy synced, named and its
    folder synced before the WAL is removed (`backups.move_aside`)."""
    folder = backups.backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = backups.timestamp()
    stem = backups.backup_stem(path)
    target = folder / f"{stem}-{stamp}-wal-set-aside.fcdesk-wal"
    counter = 1
    while target.exists():
        target = folder / f"{stem}-{stamp}-{counter}-wal-set-aside.fcdesk-wal"
        counter += 1
    backups.move_aside(_wal(path), target)
    shm = path.with_name(path.name + "-shm")
    if shm.exists():
        shm.unlink()  # describes only the WAL that was moved; SQLite makes a new one
    return target


def wal_in_use(path: Path) -> bool:
    """Does another program hold the workspace open through SQLite now (a desk window, a
    command, a reader)? Its -wal is then live, written by that program, never a stray one.
    Told by SQLite's own lock on the -shm, looked at (F_GETLK, as SQLite does) and never
    taken: a taken lock would make that program's next open wait. False when no -shm is
    there, and where the lock cannot be looked at (not Linux or macOS)."""
    if sys.platform not in ("linux", "darwin"):
        return False
    import fcntl  # POSIX only

    # struct flock, as each system lays it out: which kind of lock, from where, how many
    # bytes, whose (answered); the lock asked about is a write lock on SQLite's DMS byte.
    if sys.platform == "linux":
        layout, type_at = "hhqqi", 0
        asked = struct.pack(layout, fcntl.F_WRLCK, os.SEEK_SET, SHM_DMS_BYTE, 1, 0)
    else:
        layout, type_at = "qqihh", 3
        asked = struct.pack(layout, SHM_DMS_BYTE, 1, 0, fcntl.F_WRLCK, os.SEEK_SET)
    asked += b"\0" * (32 - len(asked))  # the C struct's tail padding
    try:
        # Never waits: a named pipe there (a stray `mkfifo`) waited for a writer for ever.
        fd = os.open(path.with_name(path.name + "-shm"), os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return False  # no -shm: nobody has it open
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False  # no -shm SQLite could hold: nobody has it open through it
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, asked)
    except OSError:
        return False
    finally:
        os.close(fd)
    held = struct.unpack(layout, answer[: struct.calcsize(layout)])[type_at]
    return bool(held != fcntl.F_UNLCK)


def _signature_if_there(path: Path) -> tuple[int, ...] | None:
    try:
        return _signature(path)
    except OSError:
        return None


@dataclass(frozen=True)
class ReadMoment:
    """What a workspace and the -wal beside it were (device, inode, size, modification
    time of each) when a reader began to read the file without that -wal. Such a read is
    immutable and holds no SQLite lock, so nothing keeps a writer out: a desk opening the
    workspace for editing sets the -wal aside (it changes here) and writes into the file
    (so does the file). Looked at by `stat` only, never by opening a file (that would drop
    this process's SQLite locks); taken only when a stray -wal is there."""

    path: Path
    seen: tuple[tuple[int, ...] | None, tuple[int, ...] | None]

    @classmethod
    def now(cls, path: Path) -> ReadMoment:
        return cls(path, (_signature_if_there(path), _signature_if_there(_wal(path))))

    def changed(self) -> bool:
        """Has another program changed the workspace (or moved its -wal) since?"""
        return (_signature_if_there(self.path), _signature_if_there(_wal(self.path))) != self.seen


@dataclass(frozen=True)
class ReaderLook:
    """What a reader's look at an unmerged -wal found (`look_for_reader`)."""

    # FOREIGN, APART or FOREIGN_BESIDE_DAMAGED: read the file without it; None: with it.
    unfit: str | None = None
    # The read the open makes (with it; without it, when FOREIGN or APART) passed SQLite's
    # checks.
    checked: bool = False
    # Unfit: the workspace as it was before the look began (`_reader_look`), to tell a
    # writer that came since (during the look or the read).
    moment: ReadMoment | None = None


# `look_for_reader`'s answers, by what the file and its -wal were (device, inode, size,
# modification time) when it looked: a read-only window's Check Workspace opens the file
# again, and must not pay the integrity checks twice for the same two files.
_LOOKED: dict[tuple[tuple[int, ...], tuple[int, ...]], ReaderLook] = {}


def _signature(path: Path) -> tuple[int, ...]:
    info = path.stat()
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def look_for_reader(path: Path) -> ReaderLook:
    """Why a reader must read `path` without the unmerged -wal beside it (`unfit`): FOREIGN
    (not the file's own, `follows`), APART (read together the pair is damaged, and the file
    alone is sound), FOREIGN_BESIDE_DAMAGED (the file alone cannot be read whole, and the
    -wal names another workspace: `_names_another`), or None (read it with it: a crash's
    own). For a reader, which must neither copy a year's workspace to look (`unfit`)
    nor set anything aside: the -wal's header against the file's page size, then
    `evidence` of the file alone (immutable: SQLite reads no -wal and makes no files)
    against the same read with the -wal (the -shm a reader always makes), then SQLite's
    integrity check of that read (`checked` when it passed: the open's quick check need
    not read the workspace again).

    The integrity check is what tells the file's own -wal copied a moment after the file
    (a file manager copying both while the desk had it open, the desk's pause between
    them) from a crash's: the pages the desk moved from its -wal into its file meanwhile
    are in neither, so read together indexes disagree with their tables, or the quick check
    fails ("damaged … restore it from a backup" of a sound file), or reviews show an older
    moment than their history; its history follows the file's all the same. A crash's
    -wal, read with its own file, always passes it (SQLite's promise). Only when an
    unmerged -wal is there; the open then skips its quick check (`checked`), so the look
    costs the integrity check's extra over the quick check; the file alone is checked too
    only when the pair fails, or when the -wal's history does not follow its own (the open
    then reads the file alone, and skips its quick check of it where that passed: APART,
    `_foreign_unless_torn`). Call it only while no connection of this process holds the
    workspace (reading it by path would drop its locks), and no other program does
    (`wal_in_use`)."""
    try:
        key = (_signature(path), _signature(_wal(path)))
    except OSError:
        return ReaderLook()
    found = _LOOKED.get(key)
    if found is None:
        found = _look_for_reader(path)
        # Only the last look is asked for again. The answer is returned from here, not
        # taken back from the cache: a look on another thread may empty it meanwhile.
        _LOOKED.clear()
        _LOOKED[key] = found
    return found


def _look_for_reader(path: Path) -> ReaderLook:
    try:
        with _wal(path).open("rb") as handle:
            header = handle.read(WAL_HEADER_BYTES)
    except OSError:
        return ReaderLook()
    if len(header) < WAL_HEADER_BYTES:
        return ReaderLook()
    magic, _format, page_size = struct.unpack(">III", header[:12])
    if magic not in WAL_MAGICS:
        return ReaderLook()  # SQLite ignores such a -wal: nothing of it would be read
    uri = path.resolve().as_uri()
    try:
        alone = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return ReaderLook()
    own: str | None = None  # the id the file alone says, when it cannot be read whole
    try:
        if int(alone.execute("PRAGMA page_size").fetchone()[0]) != page_size:
            return ReaderLook(FOREIGN)  # read with it, SQLite takes its pages for the file's
        before = evidence(alone)
    except SQLITE_FAILURES:
        # The file alone cannot be read whole (torn): the open says so in its words, and
        # the -wal is read with it as a crash's, unless it names another workspace.
        own = _id_or_none(alone)
        if own is None:
            return ReaderLook()
    finally:
        alone.close()
    if own is not None:
        return _beside_damaged(uri, own)
    try:
        with_wal = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    except sqlite3.Error:
        return ReaderLook()
    try:
        after = evidence(with_wal, before.last_entry[0] if before.last_entry else None)
        its_own = follows(before, after)
        if its_own and _agrees(with_wal):
            return ReaderLook(checked=True)  # its own, with later changes: read with it
    except sqlite3.OperationalError:
        return ReaderLook()  # not readable with it here (a read-only folder): the open says so
    except SQLITE_FAILURES:
        return ReaderLook(APART)  # sound alone (its evidence was read), damaged with it
    finally:
        with_wal.close()
    if not its_own:
        return _foreign_unless_torn(uri)
    # Damaged read with it: the file alone must be sound, else neither read is better and
    # the open's own checks say what is wrong, as before. Opened again, not kept from the
    # first read: its descriptor, closed while `with_wal` held SQLite's locks on the same
    # file, would have dropped them (POSIX locks are the process's, per file).
    try:
        alone = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return ReaderLook()
    try:
        # Checked so, the open reads the file alone and need not check that read again.
        return ReaderLook(APART, checked=True) if _agrees(alone) else ReaderLook()
    except SQLITE_FAILURES:
        return ReaderLook()
    finally:
        alone.close()


def _foreign_unless_torn(uri: str) -> ReaderLook:
    """The -wal's history does not follow the file alone's (`follows`): another
    workspace's, or an older one of this, when the file alone passes SQLite's integrity
    check (FOREIGN; checked, that read need not be checked again by the open). A file
    alone torn in the middle of a checkpoint (its desk killed during one) reads its
    history as it reads, without an error: a page of the search index where its newest
    entries are, or of any moment; a page of reviews, each tagged and given a verdict,
    even passes the quick check (only the history's indexes tell it).
    Read without its own -wal, a sound workspace was refused as "damaged (NULL value in
    history.actor) … restore it from a backup" (the multi-process stress test, seed 12).
    Only the ids tell such a file's -wal (`_beside_damaged`), as the open for editing
    judges it (`unfit`). Opened again, as at the end of `_look_for_reader`."""
    try:
        alone = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return ReaderLook(FOREIGN)
    try:
        if _not_ours(alone):
            return ReaderLook(FOREIGN)  # refused by the open as it is, unchecked here
        # The integrity check, not only the quick one: a page of reviews, each tagged and
        # given a verdict, torn in where the newest entries are, reads as history that
        # the quick check passes; only the history's indexes, which never held such
        # entries, tell it. Checked so, the open's quick check of that read is not run.
        if alone.execute("PRAGMA integrity_check").fetchall() == [("ok",)]:
            return ReaderLook(FOREIGN, checked=True)
        if newest_is_an_entry(alone):
            # Its history is the desk's, only indexes disagree: an older -wal of it is
            # still not read over it (`unfit`). Unchecked: the open checks that read.
            return ReaderLook(FOREIGN)
        # Nothing for the integrity check to tell of a history without indexes
        # (`_history_unindexed`): trusted where the quick check passes the file, as the
        # open for editing does (`unfit`). That check is the open's: not run again.
        quick = "PRAGMA quick_check"
        if _history_unindexed(alone) and alone.execute(quick).fetchall() == [("ok",)]:
            return ReaderLook(FOREIGN, checked=True)
        own = _id_or_none(alone)
    except sqlite3.OperationalError:
        return ReaderLook(FOREIGN)  # not readable here: the open says so
    except SQLITE_FAILURES:
        own = _id_or_none(alone)
    finally:
        alone.close()
    return ReaderLook() if own is None else _beside_damaged(uri, own)


def _beside_damaged(uri: str, own: str) -> ReaderLook:
    """A reader's `_names_another`: the file alone, damaged, says the id `own`; read with
    the -wal it says another (FOREIGN_BESIDE_DAMAGED: read the file alone, which says it
    is damaged), or the same or none (read it with it, a crash's, as before)."""
    try:
        with_wal = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    except sqlite3.Error:
        return ReaderLook()
    try:
        theirs = _id_or_none(with_wal)
    finally:
        with_wal.close()
    return ReaderLook(FOREIGN_BESIDE_DAMAGED if theirs not in (None, own) else None)


def _agrees(conn: sqlite3.Connection) -> bool:
    """SQLite's integrity check (the quick check's, and every index against its table);
    False for a file too damaged to check. True, unchecked, for a design other than the
    desk's (`_not_ours`)."""
    try:
        if _not_ours(conn):
            return True
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    except sqlite3.OperationalError:
        raise  # not damage: the file cannot be read here
    except SQLITE_FAILURES:
        return False
