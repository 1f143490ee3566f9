"""A workspace file is untrusted input: compare its schema with what our migrations make,
and switch on SQLite's defences before anything runs (issue 12).

A `.fcdesk` from a colleague may have been crafted. SQLite runs code stored in the file
itself: triggers (on every write, e.g. the session mark each open makes), views (on every
read), DEFAULT / CHECK / generated-column expressions. The desk creates none of that
beyond its own tables, so:

- `verify_schema` compares the file's `sqlite_master` with exactly what our migrations
  create (at the schema version the file is at) before anything reads a table or writes,
  and refuses the file with `WorkspaceUntrusted` otherwise;
- `harden` makes every connection refuse what a crafted schema could still try (any write
  a trigger would make, huge values, deep nesting) and stops a statement that runs far too
  long;
- `storage/cleaning.py` copies the desk's own records out of a refused file into a new
  workspace.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import string
import sys
import time
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import FrameType

from sqlite_utils import Database

from factcheck_app.domain.errors import NotAWorkspace, WorkspaceUntrusted
from factcheck_app.storage.migrations import MIGRATIONS, RELEASED, SCHEMA_VERSION
from factcheck_app.storage.sqlite_failures import SQLITE_FAILURES, UNREADABLE_DATABASE

# -- harden ---------------------------------------------------------------------------------

# A statement that has run this long is stopped (sqlite3.OperationalError "interrupted").
# Measured: rebuilding the search index of 45,000 sentences takes 1.7 s in all, of 150,000
# sentences 8 s, and importing a 150,000-sentence article 7-10 s; both succeed with a
# budget of 0.3 s, since each of their statements is short. Check Workspace of that
# workspace: 0.7 s. 30 s is far beyond any single statement of ours; jobs known to run one
# long statement raise it (`statement_budget`).
STATEMENT_SECONDS = 30.0
# How often SQLite calls the progress handler, in virtual-machine instructions: about every
# 0.1 ms of pure SQL work. Overhead not measurable (a 3-million-row recursive query took
# the same time with and without the handler).
_PROGRESS_EVERY_OPS = 10_000
# The full integrity check (Check Workspace) reads every page and index in one statement,
# which on a workspace of many gigabytes takes minutes: it runs with this budget instead.
CHECK_SECONDS = 30 * 60.0
# When SQLite has not called the handler for this long, Python was working between two
# statements (or two rows of one): the next call starts a new clock. (A crafted statement
# would need every single step to take this long to slip through; each value is capped by
# SQLITE_LIMIT_LENGTH below.)
_IDLE_GAP_SECONDS = 1.0

# SQLite's run-time limits, lowered (never raised) on every workspace connection.
LIMITS: dict[int, int] = {
    # Largest string or blob, and largest row. Articles are imported from files of up to
    # 200 MB; decoded text is stored as UTF-8, which for a UTF-16 file of CJK text is half
    # as large again (300 MB). 512 MiB keeps every real article while `randomblob(900000000)`
    # (a 909 MB value) fails at once with "string or blob too big".
    sqlite3.SQLITE_LIMIT_LENGTH: 512 * 1024 * 1024,
    # Nesting of trigger programs. The desk creates no triggers, but SQLite runs foreign-key
    # actions as trigger programs: deleting an article cascades to its sentences (1), their
    # reviews and links, and SET NULL on denials (2). 8 leaves room and stops any chain.
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 8,
    # Depth of one expression tree. Our statements nest a few levels (IN lists are flat,
    # search expressions live inside the MATCH string); a crafted CHECK or view nested
    # hundreds of levels deep only costs stack and parse time. Default 1000.
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 200,
    # Instructions in one compiled statement. Our biggest (a 500-item IN list) compile to
    # about 1,500, PRAGMA integrity_check to under 1,000; a crafted schema object compiled
    # into a statement cannot make one of hundreds of megabytes. Default 250,000,000.
    sqlite3.SQLITE_LIMIT_VDBE_OP: 1_000_000,
}


class _StatementClock:
    """The progress handler: stops one statement that has run longer than `seconds`.

    SQLite does not tell the handler where a statement begins, so it infers it. The clock
    restarts when SQLite is called from another Python call (another frame object: the
    clock holds on to the last one, so a new call can never look like it), when a write
    statement completed (`total_changes` moved: every row of an `executemany` counts as
    its own statement), or when SQLite was idle between two calls (Python worked in
    between, e.g. on the rows of one long query). A runaway statement -- an endless
    recursive query, a trigger loop -- keeps calling from the same Python call without
    completing anything, and is stopped after `seconds`.

    What it cannot tell apart: a loop in one Python function that reads again and again
    from the same line, without writing or pausing, counts as one statement (use
    `statement_budget` around such a job). Holding the last frame keeps that call's
    locals alive until SQLite next works on this connection.
    """

    __slots__ = (
        "__weakref__",
        "_caller",
        "_changes",
        "_conn",
        "_instruction",
        "_last",
        "_started",
        "seconds",
    )

    def __init__(self, conn: sqlite3.Connection, seconds: float) -> None:
        self._conn = conn
        self.seconds = seconds
        self._caller: FrameType | None = None
        self._instruction = -1
        self._changes = -1
        self._started = self._last = time.monotonic()

    def __call__(self) -> int:
        now = time.monotonic()
        try:
            caller: FrameType | None = sys._getframe(1)
        except ValueError:  # called with no Python frame below
            caller = None
        instruction = caller.f_lasti if caller is not None else -1
        changes = self._conn.total_changes
        if (
            caller is not self._caller
            or instruction != self._instruction
            or changes != self._changes
            or now - self._last > _IDLE_GAP_SECONDS
        ):
            self._caller, self._instruction = caller, instruction
            self._changes, self._started = changes, now
        self._last = now
        return 1 if now - self._started > self.seconds else 0


# The clock of each hardened connection, by id(); an entry goes with its connection.
_CLOCKS: weakref.WeakValueDictionary[int, _StatementClock] = weakref.WeakValueDictionary()


# What a statement may do on behalf of a trigger, a view or a WITH clause (SQLite names the
# one responsible): read and compute. Writing is left to our own statements.
_READING = frozenset(
    {sqlite3.SQLITE_READ, sqlite3.SQLITE_SELECT, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
)


def _authorize(
    action: int, arg1: str | None, arg2: str | None, db: str | None, source: str | None
) -> int:
    """SQLite asks this, as it compiles a statement, for every table, column and function
    the statement uses. `source` names the trigger, view or common table expression a use
    comes from. Factcheck desk creates no triggers, so any write made by one -- rewriting
    verdicts, filling the history -- is refused, and the statement that would fire it
    fails before it runs. (Foreign-key actions come with no source: they stay allowed.)"""
    if source is None or action in _READING:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def harden(conn: sqlite3.Connection, *, statement_seconds: float | None = None) -> None:
    """SQLite's defences for a connection to a file that may have been crafted.

    Nothing here reads or writes the file: these are settings of the connection. A
    statement may run `statement_seconds` (default STATEMENT_SECONDS) before it is stopped.
    """
    # Functions and virtual tables not marked harmless may not be used by the schema
    # (views, triggers, CHECK, DEFAULT, generated columns, indexes). On its own this does
    # not stop a trigger that only updates tables: `_authorize` does.
    conn.execute("PRAGMA trusted_schema = OFF")
    # SQLite's advice for database files from elsewhere: check each b-tree cell's size as
    # it is read (a crafted page then reads as damage, not out of bounds), no memory map.
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA mmap_size = 0")
    # Python 3.12+ can set more: no writable_schema, no writing to shadow tables, no
    # journal_mode=OFF (DEFENSIVE), and the file's triggers and views switched off (the
    # desk has none; foreign-key actions are not triggers of the file and still run).
    setconfig = getattr(conn, "setconfig", None)
    if setconfig is not None:
        for option, on in (
            ("SQLITE_DBCONFIG_DEFENSIVE", True),
            ("SQLITE_DBCONFIG_ENABLE_TRIGGER", False),
            ("SQLITE_DBCONFIG_ENABLE_VIEW", False),
        ):
            if hasattr(sqlite3, option):
                setconfig(getattr(sqlite3, option), on)
    for limit, value in LIMITS.items():
        conn.setlimit(limit, min(value, conn.getlimit(limit)))
    conn.set_authorizer(_authorize)
    seconds = STATEMENT_SECONDS if statement_seconds is None else statement_seconds
    clock = _StatementClock(conn, seconds)
    conn.set_progress_handler(clock, _PROGRESS_EVERY_OPS)
    _CLOCKS[id(conn)] = clock


@contextlib.contextmanager
def shadow_tables_writable(conn: sqlite3.Connection) -> Iterator[None]:
    """Let our own statements write the tables FTS5 keeps an index in, for a block: the
    one repair of an index FTS5 cannot open (`SearchIndex._drop`). With Python 3.12+
    `harden` makes them read-only (SQLITE_DBCONFIG_DEFENSIVE); before, they are writable
    as any table (and only our own statements write: the file's triggers are refused)."""
    setconfig = getattr(conn, "setconfig", None)
    option = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if setconfig is None or option is None:
        yield
        return
    setconfig(option, False)
    try:
        yield
    finally:
        setconfig(option, True)


def _clock(conn: sqlite3.Connection) -> _StatementClock | None:
    clock = _CLOCKS.get(id(conn))
    return clock if clock is not None and clock._conn is conn else None


def set_statement_budget(conn: sqlite3.Connection, seconds: float) -> float | None:
    """Let one statement on `conn` run up to `seconds`; returns the previous budget (None
    when the connection was not hardened, and nothing changes)."""
    clock = _clock(conn)
    if clock is None:
        return None
    previous, clock.seconds = clock.seconds, seconds
    return previous


@contextlib.contextmanager
def statement_budget(conn: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """A different time budget per statement for a block, e.g. a job known to run long
    (the full integrity check of a large workspace)."""
    previous = set_statement_budget(conn, seconds)
    try:
        yield
    finally:
        if previous is not None:
            set_statement_budget(conn, previous)


def is_interrupted(error: BaseException) -> bool:
    """Was this SQLite error a statement stopped by the time budget (or `interrupt()`)?"""
    if not isinstance(error, sqlite3.OperationalError):
        return False
    name = str(getattr(error, "sqlite_errorname", "") or "")
    return name == "SQLITE_INTERRUPT" or str(error) == "interrupted"


# -- the schema our migrations create -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class SchemaObject:
    """One row of sqlite_master, its SQL normalised (`normalise_sql`)."""

    type: str
    name: str
    tbl_name: str
    sql: str | None

    @property
    def key(self) -> tuple[str, str]:
        return self.type, _ascii_lower(self.name)

    @property
    def kind(self) -> str:
        if self.type == "table" and (self.sql or "").startswith("create virtual table"):
            return "virtual table"
        return self.type

    def same_as(self, other: SchemaObject) -> bool:
        return (
            self.key == other.key
            and _ascii_lower(self.tbl_name) == _ascii_lower(other.tbl_name)
            and self.sql == other.sql
        )


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# SQLite's tokens as far as comparing two CREATE statements needs: comments and
# whitespace are dropped, quoted text is kept exactly, other text compares ignoring ASCII
# case (like SQLite's keywords and names; `É` and `é` are different names to SQLite).
# Only ASCII white space separates tokens: to SQLite a no-break space is part of a name.
_TOKEN = re.compile(
    r"""
    (?P<skip> [\ \t\n\f\r]+ | --[^\n]* | /\*.*?(?:\*/|\Z) )
  | (?P<quoted> [xX]'[^']*' | '(?:[^']|'')*' | "(?:[^"]|"")*" | `(?:[^`]|``)*` | \[[^\]]*\] )
  | (?P<word> [A-Za-z0-9_$\u0080-\U0010ffff]+ )
  | (?P<other> . )
    """,
    re.VERBOSE | re.DOTALL,
)


def _ascii_lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)


def normalise_sql(sql: str | None) -> str | None:
    """`sql` as space-separated tokens, without comments, names and keywords in lower case:
    two statements SQLite reads alike compare equal, any other difference stays."""
    if sql is None:
        return None
    tokens = []
    for match in _TOKEN.finditer(sql):
        kind = match.lastgroup
        if kind == "skip":
            continue
        text = match.group()
        tokens.append(_ascii_lower(text) if kind in ("word", "other") else text)
    return " ".join(tokens)


def _objects(rows: Iterable[Sequence[object]]) -> list[SchemaObject]:
    return [
        SchemaObject(
            str(type_), str(name), str(tbl_name), normalise_sql(sql if sql is None else str(sql))
        )
        for type_, name, tbl_name, sql in rows
    ]


def _read_master(conn: sqlite3.Connection) -> list[SchemaObject]:
    # Reading sqlite_master runs nothing stored in the file and writes nothing.
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master").fetchall()
    return _objects(rows)


@cache
def reference_schema(version: int) -> tuple[SchemaObject, ...]:
    """What our first `version` migrations create, built once per process in memory."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = Database(conn)
        names = [name for name, _fn in RELEASED]
        if version < len(names):
            MIGRATIONS.apply(db, stop_before=names[version])
        else:
            MIGRATIONS.apply(db)
        return tuple(_read_master(conn))
    finally:
        conn.close()


# SQLite's own tables: `ANALYZE` statistics and AUTOINCREMENT counters (only data).
_SQLITE_TABLES = {
    "sqlite_sequence": "CREATE TABLE sqlite_sequence(name,seq)",
    "sqlite_stat1": "CREATE TABLE sqlite_stat1(tbl,idx,stat)",
    "sqlite_stat2": "CREATE TABLE sqlite_stat2(tbl,idx,sampleno,sample)",
    "sqlite_stat3": "CREATE TABLE sqlite_stat3(tbl,idx,neq,nlt,ndlt,sample)",
    "sqlite_stat4": "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
}
_MIGRATIONS_TABLE = _ascii_lower(MIGRATIONS.migrations_table)
CORE_TABLES = ("articles", "sentences", "reviews")

# sqlite-utils' bookkeeping table (`_sqlite_migrations`) is made by sqlite-utils, whose
# layout may differ between its versions: accepted as long as it is plain -- names, one-
# word types, PRIMARY KEY / NOT NULL, no expression anywhere.
_NAME = r'(?:"[^"]+"|[a-z_][a-z0-9_]*|`[^`]+`|\[[^\]]+\]|\'[^\']+\')'
_COLUMN = rf"{_NAME}(?: [a-z]+)?(?: primary key)?(?: not null)?"
_KEY = rf"(?:primary key|unique) \( {_NAME}(?: , {_NAME})* \)"
_PLAIN_TABLE = re.compile(
    rf"create table {_NAME} \( (?:{_COLUMN}|{_KEY})(?: , (?:{_COLUMN}|{_KEY}))* \)"
)
_PLAIN_INDEX = re.compile(
    rf"create (?:unique )?index {_NAME} on {_NAME} \( {_NAME}(?: , {_NAME})* \)"
)


def _is_bookkeeping(obj: SchemaObject) -> bool:
    return _ascii_lower(obj.tbl_name) == _MIGRATIONS_TABLE


def _plain_bookkeeping(obj: SchemaObject) -> bool:
    if obj.sql is None:  # the index SQLite makes for a UNIQUE / PRIMARY KEY constraint
        return obj.type == "index" and _ascii_lower(obj.name).startswith("sqlite_autoindex_")
    pattern = _PLAIN_TABLE if obj.type == "table" else _PLAIN_INDEX
    return obj.type in ("table", "index") and pattern.fullmatch(obj.sql) is not None


def _sqlite_table_ok(obj: SchemaObject) -> bool | None:
    """True/False for SQLite's own tables (as SQLite makes them or not), None for others."""
    expected = _SQLITE_TABLES.get(_ascii_lower(obj.name))
    if expected is None:
        return None
    return obj.type == "table" and obj.sql == normalise_sql(expected)


def _quoted(name: str) -> str:
    return "'" + "".join(ch if ch.isprintable() else "?" for ch in name[:80]) + "'"


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"


@dataclass(frozen=True, slots=True)
class Problem:
    """One way a file's schema differs from ours: `how` is "extra" (an object we never
    create), "changed" (one of ours, defined otherwise) or "missing"; `what` names it."""

    how: str
    what: str


def _named(obj: SchemaObject, article: bool = True) -> str:
    prefix = f"{_article(obj.kind)} " if article else "the "
    return f"{prefix}{obj.kind} {_quoted(obj.name)}"


def _extra(obj: SchemaObject) -> Problem:
    return Problem("extra", _named(obj))


def _changed(obj: SchemaObject) -> Problem:
    return Problem("changed", _named(obj, article=False))


def _missing(obj: SchemaObject) -> Problem:
    return Problem("missing", _named(obj, article=False))


_ORDER = {"trigger": 0, "view": 1, "virtual table": 2, "table": 3, "index": 4}


def _ordered(objects: Iterable[SchemaObject]) -> list[SchemaObject]:
    return sorted(objects, key=lambda obj: (_ORDER.get(obj.kind, -1), obj.name))


def _differences(found: list[SchemaObject], expected: Sequence[SchemaObject]) -> list[Problem]:
    """What differs between the file's objects and one version of ours, worst first."""
    wanted = {obj.key: obj for obj in expected if not _is_bookkeeping(obj)}
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    names = {_ascii_lower(obj.name) for obj in found}
    for obj in _ordered(found):
        if obj.type in ("trigger", "view") or obj.key in seen:
            problems.append(_extra(obj))
            continue
        seen.add(obj.key)
        sqlite_own = _sqlite_table_ok(obj)
        if sqlite_own is not None:
            if not sqlite_own:
                problems.append(_changed(obj))
            continue
        if _is_bookkeeping(obj):
            if not _plain_bookkeeping(obj):
                problems.append(_changed(obj))
            continue
        ours = wanted.get(obj.key)
        if ours is None:
            problems.append(_extra(obj))
        elif not obj.same_as(ours):
            problems.append(_changed(obj))
    # (One of ours replaced by another kind of object is reported as that object.)
    problems += [_missing(obj) for obj in _ordered(wanted.values()) if obj.key[1] not in names]
    return problems


def _newer_differences(found: list[SchemaObject]) -> list[Problem]:
    """A workspace of a newer schema (opened read-only): its tables and indexes may be new
    or changed, but no migration of any version creates triggers or views, or virtual
    tables other than FTS5 full-text indexes; our own full-text indexes keep their
    definition (an FTS5 table's options can point it at other tables)."""
    ours = {obj.key: obj for obj in reference_schema(SCHEMA_VERSION)}
    problems: list[Problem] = []
    for obj in _ordered(found):
        if obj.type in ("trigger", "view"):
            problems.append(_extra(obj))
        elif obj.kind == "virtual table":
            known = ours.get(obj.key)
            if known is not None and not obj.same_as(known):
                problems.append(_changed(obj))
            elif known is None and not (obj.sql or "").startswith(
                f"create virtual table {_ascii_lower(obj.name)} using fts5 "
            ):
                problems.append(_extra(obj))
        elif obj.type not in ("table", "index"):
            problems.append(_extra(obj))
        elif obj.key in ours and ours[obj.key].kind != obj.kind:
            problems.append(_changed(obj))
        elif _sqlite_table_ok(obj) is False or (
            _is_bookkeeping(obj) and not _plain_bookkeeping(obj)
        ):
            problems.append(_changed(obj))  # SQLite's and sqlite-utils' own: not ours to change
    return problems


def schema_problems(conn: sqlite3.Connection) -> list[Problem]:
    """Every way the file's schema differs from what Factcheck desk creates ([] when none).

    Raises NotAWorkspace for a database without the desk's tables, and sqlite3.DatabaseError
    when the schema cannot be read at all (the caller's integrity check reports that)."""
    found = _read_master(conn)
    version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
    if not found:
        return []  # a new, empty file
    names = {_ascii_lower(obj.name) for obj in found}
    if not names & set(CORE_TABLES):
        raise NotAWorkspace("not a workspace")
    if version > SCHEMA_VERSION:
        return _newer_differences(found)
    # Any version our migrations ever produced is ours; the one the file claims (its
    # user_version) explains best what is wrong otherwise.
    candidates = [reference_schema(v) for v in range(1, SCHEMA_VERSION + 1)]
    results = [_differences(found, reference) for reference in candidates]
    if any(not result for result in results):
        return []
    claimed = min(max(version, 1), SCHEMA_VERSION)
    return results[claimed - 1]


def _and(items: list[str], limit: int = 3) -> str:
    shown = items[:limit]
    text = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    if len(items) > len(shown):
        text += f" (and {len(items) - len(shown)} more)"
    return text


def listing(problems: Sequence[Problem]) -> str:
    """The problems in one phrase: "holds a trigger 't' and a view 'v' that Factcheck desk
    never creates, and lacks the index 'i'"."""
    groups = {how: [p.what for p in problems if p.how == how] for how in _PHRASES}
    parts = [_PHRASES[how].format(_and(whats)) for how, whats in groups.items() if whats]
    return _and(parts)


_PHRASES = {
    "extra": "holds {} that Factcheck desk never creates",
    "changed": "holds {} defined differently from Factcheck desk's (other rules or defaults)",
    "missing": "lacks {}",
}


def untrusted_message(path: Path | None, problems: Sequence[Problem]) -> str:
    """One line for the reviewer: what was found, that nothing ran, and the way out."""
    where = f"The workspace {path}" if path is not None else "This workspace"
    return (
        f"{where} {listing(problems)}. A workspace from elsewhere may have been made to "
        "change verdicts or stall the desk, so nothing in it was run and the file was left "
        "untouched. Open a cleaned copy: it keeps the articles, reviews, sources and history "
        "and leaves everything else behind."
    )


def verify_schema(conn: sqlite3.Connection, path: Path | None) -> None:
    """Raise WorkspaceUntrusted when the file holds anything our migrations do not create.

    Runs before anything reads a table or writes; reads only sqlite_master and the header's
    user_version. A refused file's connection is closed here, so that closing it cannot
    change the file either (see `close_leaving_file_as_is`); closing it again is harmless.
    """
    try:
        problems = schema_problems(conn)
    except UNREADABLE_DATABASE:
        return  # unreadable schema: the integrity check that follows reports the damage
    except NotAWorkspace:
        close_leaving_file_as_is(conn, path)
        raise NotAWorkspace(
            f"{path} is an SQLite database, but not a Factcheck desk workspace. "
            "It was left untouched."
        ) from None
    if problems:
        close_leaving_file_as_is(conn, path)
        raise WorkspaceUntrusted(untrusted_message(path, problems), found=listing(problems))


def close_leaving_file_as_is(conn: sqlite3.Connection, path: Path | None) -> None:
    """Close a connection without SQLite's checkpoint on close.

    The last connection to close a WAL database copies the -wal into the file and deletes
    it: the same content, but other bytes. A read-only connection opened first holds the
    file's shared lock through that close, so SQLite skips the checkpoint, and a read-only
    connection never makes one when it closes itself.
    """
    keeper = None
    if path is not None:
        try:
            keeper = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            keeper.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except SQLITE_FAILURES:
            if keeper is not None:
                keeper.close()
            keeper = None
    conn.close()
    if keeper is not None:
        keeper.close()
