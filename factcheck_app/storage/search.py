"""The workspace's full-text index (SQLite FTS5), in two tables keyed by sentence id:

- ``search_index``: every sentence; columns hold `index_words` of the sentence, its
  claimant, its explanation and its linked sources (title, publisher, address, excerpt).
  Workspace search (Ctrl+F) runs here.
- ``verdict_index``: the words of judged sentences only (those with a verdict). "Earlier
  verdicts" run here: FTS5's BM25 normalises by the length of the *whole row*, so in
  ``search_index`` a verdict with an explanation and sources ranked below a bare one of
  the same words, and the best-documented verdicts fell out of the candidates
  (bench/bench_earlier_verdicts.py: 97.5 % of rewordings found first with one table,
  100 % with two, and faster).

The rows are written from Python, not by SQL triggers, because the normalisation
(numbers, stems, accents) is Python: the repository marks sentences dirty as it writes
them and `flush` refreshes those rows in the same transaction. A workspace whose index was
made by other rules (`SEARCH_INDEX_VERSION`), or found damaged, is rebuilt: by the command
line at its first search (`ensure_searchable`: a command that never searches never pays
for it), by the window beside itself in short steps whose progress the version setting
records (`rebuild_due`, `start_rebuild`, `rebuild_some`); a read-only one gets a private
in-memory index instead, so search works there too (the window's is built on a
connection of its own and handed over whole: `attach_private`, `private_image`,
`adopt_private`).
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from factcheck_app.domain.errors import WorkspaceError, WorkspaceFull
from factcheck_app.domain.matching import SEARCH_INDEX_VERSION, fts5_query, index_words
from factcheck_app.domain.wording import counted
from factcheck_app.storage import article_text, sql
from factcheck_app.storage.errors import WorkspaceDatabase, translated
from factcheck_app.storage.stores.rows import stored_text

VERSION_SETTING = "search_index_version"
COLUMNS = ("words", "claimant", "explanation", "sources")
CREATE_SQL = (
    "CREATE VIRTUAL TABLE {table} USING fts5("
    "words, claimant, explanation, sources, tokenize = 'unicode61')"
)
VERDICT_CREATE_SQL = "CREATE VIRTUAL TABLE {table} USING fts5(words, tokenize = 'unicode61')"

# FTS5's defaults for merging segments at commit, and the import's (see defer_merges).
DEFAULT_AUTOMERGE = 4
DEFAULT_CRISISMERGE = 16
DEFERRED_CRISISMERGE = 200  # the steps keep levels far below it: no level merged at once
MERGE_STEP_PAGES = 50  # one merge transaction of an import: 200 pages took up to 93 ms

# The connections of this process that defer merging (their ids), by workspace file.
_DEFERRING: dict[tuple[int, int], set[int]] = {}
_DEFERRING_LOCK = threading.Lock()

# Linked sources of one sentence as one text (title, publisher, address and excerpt).
_SOURCES_SQL = (
    "SELECT l.sentence_id, group_concat(s.title || ' ' || s.publisher || ' ' || s.url"
    " || ' ' || l.excerpt, ' ') FROM sentence_sources l JOIN sources s ON s.id = l.source_id"
)


# Sentences found wrongly indexed that Check Workspace indexes again one by one; with more,
# the whole index is rebuilt.
REPAIR_ROWS = 5000

# A rebuild made in steps (the window's, beside it: each step its own short transaction)
# says how far it got in the version setting itself: "6 rebuilding after 1234" (this
# version's rules; every sentence up to id 1234 indexed again), or "6 damaged" (its FTS5
# structure does not read: the tables are made again first). One value, not a setting of
# its own: a desk of another version sees an index that is not its own and rebuilds it
# whole, writing its own version, which a half rebuild's mark can never outlive.
_REBUILDING = re.compile(r"(\d+) rebuilding after (\d+)")
DAMAGED = "damaged"
REBUILD_BATCH = 200  # sentences per batch of a rebuild: about 10 ms of work
TELL_SECONDS = 0.25  # a rebuild at the first search says how far it got this often
# Sentences ranked in the first step of a search made in steps (`ranked_in`); the
# next are sized by the time it took (services/search.py: search_in_steps).
RANK_STRETCH = 25_000


@dataclass(frozen=True, slots=True)
class IndexFindings:
    """What Check Workspace found in the full-text index (read, nothing written)."""

    current: bool = True  # made by this version's rules (else rebuilt at a writable open)
    sound: bool = True  # every page of its FTS5 structure reads
    # Sentences missing from it or left in it after they went, judged ones missing from
    # the verdict index or unjudged ones left there (at most REPAIR_ROWS + 1 of them).
    wrong: tuple[int, ...] = ()

    rebuilding: bool = False  # not current: a rebuild in steps is under way (or was cut short)

    @property
    def complete(self) -> bool:
        return self.current and self.sound and not self.wrong


@dataclass(frozen=True, slots=True)
class Rebuild:
    """What is left of a rebuild of the index: the sentences after id `after`; `fresh`:
    drop the tables and make them again first (damaged, or made with other columns)."""

    after: int = 0
    fresh: bool = False


def _between(text: str, start: Any, end: Any, offset: int = 0) -> str:
    """A sentence's text, from the stretch of its article's text that begins at `offset`;
    none for a span that is not two numbers (a hand-edited file: the sentence names that
    damage where it is shown, the index just has no words)."""
    if type(start) is int and type(end) is int:
        return text[max(start - offset, 0) : max(end - offset, 0)]
    return ""


def _by_article(span: tuple[Any, ...]) -> tuple[Any, ...]:
    """Sort key of a (article_id, id, start, end) row: numbered articles first."""
    article_id, sid = span[0], span[1]
    if type(article_id) is int:
        return (0, article_id, "", sid)
    return (1, 0, repr(article_id), sid)


# The tables FTS5 keeps an index in (NAME_data …), as it makes them for our indexes.
_FTS5_PARTS = ("config", "data", "idx", "docsize", "content")


def _index_unopenable(error: WorkspaceError) -> bool:
    """Did FTS5 fail to open an index (not the disk, a lock, Cancel or a full disk)?"""
    cause = error.__cause__
    text = str(cause).lower() if isinstance(cause, Exception) else ""
    return isinstance(cause, sqlite3.DatabaseError) and (
        "fts5" in text or "vtable constructor failed" in text or "malformed" in text
    )


def _under_way(stored: str | None) -> bool:
    """Does the version setting say a rebuild in steps is under way (or cut short)?"""
    return stored is not None and (
        _REBUILDING.fullmatch(stored) is not None or stored.endswith(f" {DAMAGED}")
    )


@dataclass(frozen=True, slots=True)
class IndexHit:
    """One matching sentence and the normalised columns it was indexed with."""

    sentence_id: int
    columns: dict[str, str]


class SearchIndex:
    """Reads and maintains the index; the repository owns one."""

    def __init__(self, db: WorkspaceDatabase) -> None:
        self.db = db
        self.table = "search_index"
        self.verdicts = "verdict_index"
        self._dirty_text: set[int] = set()  # sentence added, moved or deleted
        self._dirty_review: set[int] = set()  # claimant, explanation, verdict or sources
        self._batch_depth = 0
        # The private index is attached but still empty: the window builds it beside
        # itself (upkeep.BackgroundPrivateIndex), or the first search does.
        self.private_due = False
        # Sentences saved here while the private index is built on another connection (a
        # writable workspace on a full disk, searched privately): the index handed over
        # (`adopt_private`) was made from that connection's state, perhaps without them,
        # so they are indexed again. Noted only while such a build runs
        # (`building_apart`): one that failed kept every save of the session.
        self._saved_while_building: set[int] = set()
        self._building_apart = False
        # What is due is done at the first search (`ensure_searchable`): the command line.
        self._due_at_search = False
        # Searched privately because the file's own index is incomplete (search_privately).
        self._incomplete_in_file = False

    # -- preparing ------------------------------------------------------------------------

    def _exists(self, name: str) -> bool:
        row = self.db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [name]).fetchone()
        return row is not None

    def _create_missing(self) -> None:
        if not self._exists("search_index"):
            self.db.execute(CREATE_SQL.format(table=self.table))
        if not self._exists("verdict_index"):
            self.db.execute(VERDICT_CREATE_SQL.format(table=self.verdicts))

    def _stored_version(self) -> str | None:
        try:
            return sql.read_setting(self.db, VERSION_SETTING)
        except WorkspaceError:  # no settings table: not one of our workspaces
            return None

    def _current_in_file(self) -> bool:
        """Does the workspace hold a complete index made by this version's rules?"""
        return (
            self._exists("search_index")
            and self._exists("verdict_index")
            and self._stored_version() == str(SEARCH_INDEX_VERSION)
        )

    def rebuild_due(self) -> Rebuild | None:
        """What is left to rebuild of the workspace's own index (None: it is complete, by
        this version's rules)."""
        if not (self._exists("search_index") and self._exists("verdict_index")):
            return Rebuild()
        stored = self._stored_version() or ""
        if stored == str(SEARCH_INDEX_VERSION):
            return None
        if stored == f"{SEARCH_INDEX_VERSION} {DAMAGED}":
            return Rebuild(fresh=True)
        under_way = _REBUILDING.fullmatch(stored)
        # (A mark past every id no rebuild writes: edited outside the desk, as if unknown.)
        if (
            under_way is not None
            and int(under_way[1]) == SEARCH_INDEX_VERSION
            and int(under_way[2]) < sql.ID_BOUND
        ):
            return Rebuild(after=int(under_way[2]))
        return Rebuild(fresh=not self._columns_as_made())

    def _nothing_to_index(self) -> bool:
        return self.db.execute("SELECT 1 FROM sentences LIMIT 1").fetchone() is None

    def _columns_as_made(self) -> bool:
        """Are both tables made with the columns this version writes (then an older
        version's rows can be replaced one batch at a time)?"""

        def columns(name: str) -> tuple[str, ...]:
            return tuple(str(r[1]) for r in self.db.execute(f"PRAGMA table_info({name})"))

        return columns("search_index") == COLUMNS and columns("verdict_index") == ("words",)

    def prepare(self, *, read_only: bool, now: bool = True, on_search: bool = False) -> None:
        """Make sure the index matches this version's rules (rebuilding it if not).

        A read-only workspace cannot be written, so it is indexed into a private
        in-memory database, until the workspace holds a current index (`keep_up`).
        Not `now`: the private index is attached empty (`private_due`: the window builds
        it beside itself and hands it over, `adopt_private`), and a writable workspace
        only gets the tables it lacks (the window rebuilds it beside itself:
        `start_rebuild`, `rebuild_some`). `on_search` (not `now`: the command line):
        the rebuild, or the private index, is made at the first search
        (`ensure_searchable`); a writable workspace gets now only what its saves need,
        tables with this version's columns, its rows all marked to be indexed again.
        """
        due = self.rebuild_due()
        if due is None:
            return
        if read_only:
            self.search_privately(now=now, on_search=on_search)
            return
        if self._nothing_to_index():
            # A workspace with no sentence (one just made): its index is whole as soon
            # as its tables are made. It was rebuilt beside the window all the same, and
            # a first start said "The search index is rebuilt: a search finds every
            # sentence again.", as if something had been broken.
            with self.db.atomic():
                self.start_rebuild(Rebuild(fresh=True))
                self._mark(str(SEARCH_INDEX_VERSION))
            return
        if now:
            self.rebuild_now()
            return
        if on_search:
            self._due_at_search = True
            if due.fresh or not (self._exists("search_index") and self._exists("verdict_index")):
                # Saves write rows of this version's columns: a damaged index, or one made
                # with other columns, is made again empty (and marked as rebuilt from the
                # start) before any of them; the rebuild itself waits for a search.
                with self.db.atomic():
                    self.start_rebuild(due)
            return
        if not (self._exists("search_index") and self._exists("verdict_index")):
            with self.db.atomic():
                self._create_missing()

    def search_privately(self, *, now: bool, on_search: bool, incomplete: bool = False) -> None:
        """Search a private index of this connection's own from now on, the workspace's
        own being out of date (or `incomplete`: a copy taken in the middle of a save,
        services/copy_check.py) in a file this desk may not write: built `now`, else left
        to be built beside the window or at the first search (`on_search`)."""
        if self.table != "search_index":
            return  # searched privately already
        # An incomplete index is as current as its version says: only a private one
        # is whole, so `keep_up` never goes back to it.
        self._incomplete_in_file = incomplete
        self.attach_private()
        if now:
            self.rebuild()
        else:
            self.private_due = True
            self._due_at_search = on_search

    def due_at_search(self) -> bool:
        """Is a rebuild (or a private index) left to the first search (`ensure_searchable`)?
        A year's workspace: 5-20 s."""
        return self._due_at_search

    def ensure_searchable(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Before a search: do the rebuild (or build the private index) that `prepare`
        left to the first search, on this connection; `progress(done, sentences)` is told
        after each step of about `TELL_SECONDS` (none: one step)."""
        if not self._due_at_search:
            return
        self._due_at_search = False
        if self.private_due:
            self.private_due = False
            self.rebuild(progress)
        elif self.table == "search_index":
            self.rebuild_now(progress)

    def _rebuild_from(self, after: int, progress: Callable[[int, int], None] | None) -> None:
        """`rebuild_some(after)` to the end, telling `progress` how far it got."""
        if progress is None:
            self.rebuild_some(after)
            return
        done, sentences = self.rebuilt_share(after)
        progress(done, sentences)
        last: int | None = after
        while last is not None:
            start = last
            last = self.rebuild_some(start, seconds=TELL_SECONDS)
            done += self.sentences_between(start, last)
            progress(done, sentences)

    def attach_private(self) -> None:
        """Search a private in-memory index from now on (empty: `rebuild`, or
        `adopt_private`), never written to the workspace."""
        self.db.execute("ATTACH DATABASE ':memory:' AS scratch")
        self.table, self.verdicts = "scratch.search_index", "scratch.verdict_index"
        self.db.execute(CREATE_SQL.format(table=self.table))
        self.db.execute(VERDICT_CREATE_SQL.format(table=self.verdicts))

    def private_image(self) -> bytes:
        """The private index as it stands, whole (made on a connection of its own, for
        another connection's `adopt_private`)."""
        with translated(self.db.path):
            return self.db.conn.serialize(name="scratch")

    def building_apart(self) -> None:
        """The private index is being built on another connection (for `adopt_private`):
        from now on, the sentences saved here are noted, to be indexed again after it is
        handed over. What was saved before, that build reads itself."""
        self._saved_while_building.clear()
        self._building_apart = True

    def build_apart_failed(self) -> None:
        """The build on another connection failed: nothing is handed over, and the saves
        noted for it are let go (a build tried again reads them itself)."""
        self._saved_while_building.clear()
        self._building_apart = False

    def adopt_private(self, image: bytes) -> bool:
        """Search the private index `private_image` made (on another connection) instead
        of the empty one attached here, between two statements of this connection. False
        (nothing done): this connection no longer searches a private index (the
        workspace's own became current meanwhile, `keep_up`)."""
        saved, self._saved_while_building = self._saved_while_building, set()
        self._building_apart = False
        if self.table == "search_index":
            return False
        with translated(self.db.path):
            self.db.conn.deserialize(image, name="scratch")
        self.private_due = False
        if saved:  # rewritten as this connection reads them (deleted ones stay out)
            self._dirty_text.update(saved)
            self.flush()
        return True

    def keep_up(self) -> None:
        """A read-only workspace: search its own index again once it is current. Another
        desk opened the workspace for editing (upgrading it) since the private index was
        made here, and keeps that index up to date with every save, unlike the private
        one. (Not for a writable workspace searched privately: its saves since would be
        missing from the workspace's index.)"""
        if self.table == "search_index" or not self._current_in_file():
            return
        if self._incomplete_in_file:
            return
        self.db.execute("DETACH DATABASE scratch")
        self.table, self.verdicts = "search_index", "verdict_index"
        self.private_due = self._due_at_search = False

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Index every sentence of the workspace again, at once (callers hold the
        transaction): a private index, and the tests' model of a complete one."""
        self.db.execute(f"DELETE FROM {self.table}")
        self.db.execute(f"DELETE FROM {self.verdicts}")
        self._rebuild_from(0, progress)

    # -- rebuilding in steps ----------------------------------------------------------------
    # The window rebuilds the index beside it (services/upkeep.py: BackgroundRebuild), one
    # short transaction at a time, while its own saves keep the rows they touch up to date:
    # a step indexes the sentences as they are when it runs, and a save after it rewrites
    # its own rows by this version's rules. Cut short (Cancel, quit, a crash), the version
    # setting says where to go on.

    def start_rebuild(self, due: Rebuild) -> None:
        """Begin (or go on with) a rebuild, in the caller's transaction: the tables made
        again first if `due.fresh`, and the setting saying how far the rebuild got."""
        if due.fresh:
            # Without zeroing every freed page (Debian's SQLite does by default): 0.5 s
            # for a year's index, 0.08 s so. The rebuild writes those pages again.
            secure = self.db.execute("PRAGMA secure_delete").fetchone()[0]
            self.db.execute("PRAGMA secure_delete = FAST")
            try:
                self._drop("search_index", CREATE_SQL)
                self._drop("verdict_index", VERDICT_CREATE_SQL)
            finally:
                self.db.execute(f"PRAGMA secure_delete = {int(secure)}")
        self._create_missing()
        self._mark(f"{SEARCH_INDEX_VERSION} rebuilding after {due.after}")

    def _drop(self, name: str, create: str) -> None:
        """Drop one of the workspace's FTS5 tables, even one FTS5 cannot open: its
        settings in a format it does not know, or the record of its structure damaged (a
        torn write, a file edited outside the desk). SQLite opens a virtual table to drop
        it, so every edit (which updates the index) and the rebuild that mends it failed.
        Such a table's own tables are first given the rows of a new, empty index; they
        only ever repeat the sentences and reviews, which stay as they are."""
        from factcheck_app.storage import schema_guard  # it imports this module

        try:
            self.db.execute(f"DROP TABLE IF EXISTS {name}")
            return
        except WorkspaceError as error:
            if self.table != "search_index" or not _index_unopenable(error):
                raise
        empty = f"fcdesk_empty_{name}"
        self.db.execute(f"DROP TABLE IF EXISTS temp.{empty}")
        self.db.execute(create.format(table=f"temp.{empty}"))
        try:
            with schema_guard.shadow_tables_writable(self.db.conn):
                for part in _FTS5_PARTS:
                    self.db.execute(f"DELETE FROM main.{name}_{part}")
                for part in ("config", "data"):
                    self.db.execute(
                        f"INSERT INTO main.{name}_{part} SELECT * FROM temp.{empty}_{part}"
                    )
        finally:
            self.db.execute(f"DROP TABLE IF EXISTS temp.{empty}")
        self.db.execute(f"DROP TABLE IF EXISTS {name}")

    def mark_for_rebuild(self, *, damaged: bool) -> None:
        """Say in the workspace that the whole index is to be rebuilt (a damaged one made
        again first), in the caller's transaction: it is, beside the window or at the
        next open for writing, whatever happens before."""
        self._mark(
            f"{SEARCH_INDEX_VERSION} {DAMAGED}"
            if damaged
            else f"{SEARCH_INDEX_VERSION} rebuilding after 0"
        )

    def rebuild_some(
        self,
        after: int,
        *,
        seconds: float = math.inf,
        stop: Callable[[], bool] = lambda: False,
    ) -> int | None:
        """Index again the sentences after id `after`, a batch at a time, until `seconds`
        have passed or `stop()` says so (a save waits), in the caller's transaction.
        Returns the last sentence id indexed, or None: none was left, and the index is
        complete."""
        deadline = time.monotonic() + seconds
        while True:
            ids = [
                int(r[0])
                for r in self.db.execute(
                    "SELECT id FROM sentences WHERE id > ? ORDER BY id LIMIT ?",
                    [after, REBUILD_BATCH],
                )
            ]
            # Rows of these sentences as they were (an older version's, a save's since the
            # rebuild began) and of sentences gone since, to be written anew.
            last = ids[-1] if ids else None
            for table in (self.table, self.verdicts):
                if last is None:
                    self.db.execute(f"DELETE FROM {table} WHERE rowid > ?", [after])
                else:
                    self.db.execute(
                        f"DELETE FROM {table} WHERE rowid > ? AND rowid <= ?", [after, last]
                    )
            if last is None:
                self._mark(str(SEARCH_INDEX_VERSION))
                return None
            self._insert_rows(ids)
            after = last
            if time.monotonic() >= deadline or stop():
                self._mark(f"{SEARCH_INDEX_VERSION} rebuilding after {after}")
                return after

    def rebuilt_share(self, after: int) -> tuple[int, int]:
        """(sentences indexed again, sentences in all) of a rebuild that got to `after`."""
        row = self.db.execute("SELECT count(*), sum(id <= ?) FROM sentences", [after]).fetchone()
        return int(row[1] or 0), int(row[0])

    def sentences_between(self, after: int, last: int | None) -> int:
        """How many sentences have an id after `after`, up to `last` (None: all)."""
        row = self.db.execute(
            "SELECT count(*) FROM sentences WHERE id > ? AND id <= ?",
            [after, last if last is not None else 2**62],
        ).fetchone()
        return int(row[0])

    def _mark(self, version: str) -> None:
        """The version setting (of the workspace's own index only)."""
        if self.table == "search_index":
            sql.write_setting(self.db, VERSION_SETTING, version)

    def inspect(self, *, own_check: bool = False) -> IndexFindings:
        """Check Workspace's look at the index, writing nothing: is every sentence indexed
        exactly once (and every judged one in the verdict index), and does every page of
        the FTS5 structure read? `own_check`: FTS5's own check instead of the reading,
        which also compares the index with the words it holds; SQLite runs it as a write
        statement, so only on a connection that may write (the command line's)."""
        from factcheck_app.storage import schema_guard  # it imports this module

        t, v = self.table, self.verdicts
        due = self.rebuild_due() if t == "search_index" else None
        if due is not None:
            rebuilding = _under_way(self._stored_version())
            # Its rows are replaced a batch at a time (not `fresh`): a damaged structure
            # failed every step of that rebuild, so its pages are read too, to make it
            # again instead (an index both out of date and damaged was never mended).
            sound = due.fresh or self._pages_read()
            return IndexFindings(current=False, sound=sound, rebuilding=rebuilding)
        try:
            # Each statement reads the whole index: the integrity check's time budget.
            with schema_guard.statement_budget(self.db.conn, schema_guard.CHECK_SECONDS):
                if own_check and t == "search_index":
                    for name in ("search_index", "verdict_index"):
                        self.db.execute(f"INSERT INTO {name} ({name}) VALUES ('integrity-check')")
                else:
                    self._read_every_page()
                for name in (t, v):
                    # Ranked as a search ranks: a ranking function stored in the index's
                    # settings that FTS5 lacks (a file edited outside the desk) failed
                    # every search, while the index read whole.
                    self.db.execute(
                        f"SELECT rowid FROM {name} WHERE {name.split('.')[-1]} MATCH ?"
                        " ORDER BY rank LIMIT 1",
                        ["fcdesk"],
                    ).fetchall()
                judged = "SELECT sentence_id FROM reviews WHERE coalesce(rating, '') != ''"
                wrong = [
                    int(row[0])
                    for row in self.db.execute(
                        f"SELECT id FROM sentences WHERE id NOT IN (SELECT rowid FROM {t})"
                        f" UNION SELECT rowid FROM {t} WHERE rowid NOT IN"
                        " (SELECT id FROM sentences)"
                        f" UNION SELECT sentence_id FROM ({judged}) WHERE sentence_id NOT IN"
                        f" (SELECT rowid FROM {v})"
                        f" UNION SELECT rowid FROM {v} WHERE rowid NOT IN ({judged})"
                        " ORDER BY 1 LIMIT ?",
                        [REPAIR_ROWS + 1],
                    ).fetchall()
                ]
        except WorkspaceError as error:  # FTS5 reports a damaged index as an SQLite error
            if schema_guard.is_interrupted(error.__cause__ or error):
                raise  # stopped (Cancel, or far too long), not damage
            if isinstance(error, WorkspaceFull):
                # No room for the sort of every sentence (a full temporary folder): it
                # was taken for a damaged index, marked to be rebuilt for nothing.
                raise
            return IndexFindings(sound=False)
        return IndexFindings(wrong=tuple(wrong))

    def _pages_read(self) -> bool:
        """Does every page of both FTS5 indexes read (`_read_every_page`)?"""
        from factcheck_app.storage import schema_guard  # it imports this module

        try:
            with schema_guard.statement_budget(self.db.conn, schema_guard.CHECK_SECONDS):
                self._read_every_page()
        except WorkspaceError as error:
            if schema_guard.is_interrupted(error.__cause__ or error) or isinstance(
                error, WorkspaceFull
            ):
                raise  # stopped, or no room: not damage (as in `inspect`)
            return False
        return True

    def _read_every_page(self) -> None:
        """Read the whole of both FTS5 indexes (every term of every row), through
        fts5vocab tables of this connection's own: a missing or damaged page of the
        index fails here (WorkspaceError), while a plain query reads only its rows."""
        schema = "main" if self.table == "search_index" else "scratch"
        for name in ("search_index", "verdict_index"):
            vocab = f"temp.fcdesk_check_{name}"
            self.db.execute(f"DROP TABLE IF EXISTS {vocab}")
            self.db.execute(
                f"CREATE VIRTUAL TABLE {vocab} USING fts5vocab({schema}, {name}, 'instance')"
            )
            try:
                self.db.execute(f"SELECT count(*) FROM {vocab}").fetchone()
            finally:
                self.db.execute(f"DROP TABLE IF EXISTS {vocab}")

    def describe(self, found: IndexFindings) -> str:
        """Check Workspace's line for what `inspect` found, nothing repaired (a window
        open read-only)."""
        if found.complete:
            return "Search index: complete."
        if found.rebuilding and found.sound:
            return (
                "Search index: being rebuilt, by the desk that has the workspace open for "
                "editing (or when it is next opened for writing); until then a search may "
                "miss sentences."
            )
        if not found.current and found.sound:
            return (
                "Search index: out of date; it is rebuilt when the workspace is opened for writing."
            )
        return (
            "Search index: incomplete or damaged, so a search may miss sentences; Check "
            "Workspace in a window open for editing mends it."
        )

    def repair(self, found: IndexFindings, *, beside: bool = False) -> str:
        """Mend what `inspect` found (on the window's connection, after the check): the
        sentences found wrongly indexed are indexed again, a damaged index (or very many
        wrong rows) is rebuilt. Either only repeats what the other tables hold, as they
        are now: a save since the look is indexed by its own transaction and stays.
        `beside` (the window): a rebuild is only marked as due, and the window makes it
        beside itself (`start_rebuild`, `rebuild_some`)."""
        if found.complete:
            return self.describe(found)
        if not found.current and found.sound:  # damaged too: made again (below)
            if not beside:
                return self.describe(found)
            state = "being rebuilt" if found.rebuilding else "out of date; it is being rebuilt"
            return f"Search index: {state} beside the window (its progress in the status bar)."
        if found.sound and len(found.wrong) <= REPAIR_ROWS:
            with self.db.atomic():
                self._dirty_text.update(found.wrong)
                self.flush()
            return (
                f"Search index: {counted(len(found.wrong), 'sentence')} missing from it or "
                "out of date there, and indexed again."
            )
        with self.db.atomic():
            self.mark_for_rebuild(damaged=not found.sound)
        if beside:
            return (
                "Search index: damaged or far out of date, so a search may miss sentences; "
                "it is being rebuilt beside the window (its progress in the status bar)."
            )
        self.rebuild_now()
        return "Search index: was out of date or damaged, and has been rebuilt."

    def rebuild_now(self, progress: Callable[[int, int], None] | None = None) -> None:
        """The whole rebuild that is due, in one transaction (the command line), telling
        `progress` as `ensure_searchable` does."""
        due = self.rebuild_due()
        if due is None:
            return
        with self.db.atomic():
            self.start_rebuild(due)
            self._rebuild_from(due.after, progress)

    def check_and_repair(self, *, writable: bool) -> str:
        """One line for Check Workspace on this connection: `inspect`, then `repair` when
        `writable` (else what is wrong is only told)."""
        found = self.inspect(own_check=writable)
        return self.repair(found) if writable else self.describe(found)

    # -- maintenance ----------------------------------------------------------------------

    def add_new_sentences(self, sentence_ids: Iterable[int], words: Iterable[str]) -> None:
        """Index just-imported sentences from their already-normalised words (nothing is
        reviewed yet, so only the words column is filled)."""
        if self._building_apart:
            sentence_ids = list(sentence_ids)
            self._saved_while_building.update(sentence_ids)
        self.db.executemany(
            f"INSERT INTO {self.table} (rowid, words, claimant, explanation, sources)"
            " VALUES (?, ?, '', '', '')",
            zip(sentence_ids, words, strict=True),
        )

    # -- merging the index's segments ------------------------------------------------------
    # FTS5 writes each transaction's rows as a new segment and, by default, merges
    # segments as a transaction commits ('automerge', and a whole level at once past
    # 'crisismerge' segments). During a long import that made some slices' COMMIT take up
    # to ~230 ms while a save waited (docs/performance.md). So an import turns both off
    # and merges in steps of its own, each a short transaction. The options are stored in
    # the index itself: one an import left off (a crash) is put back at the next open.

    def defer_merges(self) -> None:
        """No merging at commit until `resume_merges` (in the caller's transaction)."""
        self._set_options(automerge=0, crisismerge=DEFERRED_CRISISMERGE)
        if self.db.file_key is not None:
            with _DEFERRING_LOCK:
                _DEFERRING.setdefault(self.db.file_key, set()).add(id(self.db))

    def resume_merges(self, *, left_off: bool = False) -> None:
        """FTS5's own merging at commit again (in the caller's transaction). An import and
        a rebuild of the index may overlap, each deferring it through a connection of its
        own: it comes back on when the last of them resumes. `left_off`: a crash (or a
        failure) left it off, and no connection of this process defers it now."""
        key = self.db.file_key
        if key is not None:
            with _DEFERRING_LOCK:
                deferring = _DEFERRING.get(key, set())
                deferring.discard(id(self.db))
                if deferring and not left_off:
                    return
                _DEFERRING.pop(key, None)
        self._set_options(automerge=DEFAULT_AUTOMERGE, crisismerge=DEFAULT_CRISISMERGE)

    def merge_steps(self, steps: int, *, stop: Callable[[], bool] = lambda: False) -> None:
        """Up to `steps` merge steps, each its own transaction, until nothing is left to
        merge or `stop()` says so."""
        for _step in range(steps):
            if stop():
                return
            with self.db.atomic():
                if not self.merge_step():
                    return

    def merges_deferred(self) -> bool:
        """Did an import turn merging off and not back on (a crash, a kill)?"""
        if self.table != "search_index":
            return False
        row = self.db.execute("SELECT v FROM search_index_config WHERE k = 'automerge'").fetchone()
        return row is not None and str(row[0]) == "0"

    def merge_step(self, pages: int = MERGE_STEP_PAGES) -> bool:
        """Merge about `pages` pages of segments (in the caller's transaction); whether
        there was anything to merge."""
        before = self.db.conn.total_changes
        self.db.execute(
            f"INSERT INTO {self.table} (search_index, rank) VALUES ('merge', ?)", [pages]
        )
        # FTS5 counts a change per page written; fewer than 2: nothing was left to merge.
        return self.db.conn.total_changes - before >= 2

    def _set_options(self, **options: int) -> None:
        for name, value in options.items():
            self.db.execute(
                f"INSERT INTO {self.table} (search_index, rank) VALUES (?, ?)", [name, value]
            )

    def forget_sentences(self, sentence_ids: Sequence[int]) -> None:
        """Drop the rows of sentences about to be deleted."""
        if self._building_apart:
            self._saved_while_building.update(sentence_ids)
        for chunk in sql.chunks(sentence_ids):
            marks = sql.marks(chunk)
            self.db.execute(f"DELETE FROM {self.table} WHERE rowid IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM {self.verdicts} WHERE rowid IN ({marks})", chunk)

    def sentence_changed(self, sentence_id: int) -> None:
        """A sentence was added, deleted or its span moved."""
        self._dirty_text.add(sentence_id)
        self._flush_unless_batched()

    def review_changed(self, sentence_id: int) -> None:
        """Its review or its source links changed."""
        self._dirty_review.add(sentence_id)
        self._flush_unless_batched()

    def batch(self) -> _Batch:
        """Collect changes and refresh the index once, at the end (a whole re-split)."""
        return _Batch(self)

    def _flush_unless_batched(self) -> None:
        if self._batch_depth == 0:
            self.flush()

    def flush(self) -> None:
        """Refresh the rows of every sentence marked dirty."""
        text_ids = sorted(self._dirty_text)
        review_ids = sorted(self._dirty_review - self._dirty_text)
        if self._building_apart:
            self._saved_while_building.update(text_ids, review_ids)
        self._dirty_text.clear()
        self._dirty_review.clear()
        for chunk in sql.chunks(text_ids):
            marks = sql.marks(chunk)
            self.db.execute(f"DELETE FROM {self.table} WHERE rowid IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM {self.verdicts} WHERE rowid IN ({marks})", chunk)
        if text_ids:
            self._insert_rows(text_ids)
        if review_ids:
            self._update_review_columns(review_ids)

    def _review_columns(self, ids: Sequence[int]) -> dict[int, tuple[str, str, str, bool]]:
        """(claimant, explanation, sources) index words of the given sentences, and
        whether each has a verdict."""
        out: dict[int, tuple[str, str, str, bool]] = {}
        for chunk in sql.chunks(ids):
            marks = sql.marks(chunk)
            sources = dict(
                self.db.execute(
                    _SOURCES_SQL + f" WHERE l.sentence_id IN ({marks}) GROUP BY l.sentence_id",
                    chunk,
                ).fetchall()
            )
            reviews = {
                r[0]: r[1:]
                for r in self.db.execute(
                    "SELECT sentence_id, claimant, explanation, rating FROM reviews"
                    f" WHERE sentence_id IN ({marks})",
                    chunk,
                )
            }
            for sid in chunk:
                claimant, explanation, rating = reviews.get(sid, ("", "", None))
                out[sid] = (
                    index_words(stored_text(claimant)),
                    index_words(stored_text(explanation)),
                    index_words(sources.get(sid) or ""),
                    bool(rating),
                )
        return out

    def _insert_rows(self, ids: Sequence[int]) -> None:
        """Insert full rows for existing sentences among ``ids`` (one text read per article)."""
        spans: list[tuple[int, int, int, int]] = []
        for chunk in sql.chunks(ids):
            marks = sql.marks(chunk)
            spans += self.db.execute(
                f'SELECT article_id, id, start, "end" FROM sentences WHERE id IN ({marks})',
                chunk,
            ).fetchall()
        # By article, then sentence; an article id that is not a number (a hand-edited
        # file) sorts after the numbers, by its spelling: text beside numbers never compare.
        spans.sort(key=_by_article)
        review = self._review_columns([s[1] for s in spans])
        for article_id, group in groupby(spans, key=lambda s: s[0]):
            in_article = list(group)
            # Only the stretch of text these sentences lie in: a rebuild indexes a big
            # article a batch at a time, and read it whole for each batch.
            bounds = [n for _, _, start, end in in_article for n in (start, end) if type(n) is int]
            first = min(bounds, default=0)
            text = (
                article_text.read_stretch(self.db, article_id, first, max(bounds)) if bounds else ""
            )
            rows = [
                (sid, index_words(_between(text, start, end, first)), *review[sid][:3])
                for _, sid, start, end in in_article
            ]
            self.db.executemany(
                f"INSERT INTO {self.table} (rowid, words, claimant, explanation, sources)"
                " VALUES (?, ?, ?, ?, ?)",
                rows,
            )
            self.db.executemany(
                f"INSERT INTO {self.verdicts} (rowid, words) VALUES (?, ?)",
                ((row[0], row[1]) for row in rows if review[row[0]][3]),
            )

    def _update_review_columns(self, ids: Sequence[int]) -> None:
        # What each row holds now: a tag or a status changes none of its words, and an
        # FTS5 row rewritten all the same had all its tokens deleted and inserted again
        # on every tag key. Only what changed is written.
        held: dict[int, tuple[str, str, str, str]] = {}  # words, claimant, explanation, sources
        judged: set[int] = set()  # rows in the verdict index
        for chunk in sql.chunks(ids):
            marks = sql.marks(chunk)
            for rowid, *values in self.db.execute(
                f"SELECT rowid, words, claimant, explanation, sources FROM {self.table}"
                f" WHERE rowid IN ({marks})",
                chunk,
            ).fetchall():
                held[int(rowid)] = (values[0], values[1], values[2], values[3])
            judged.update(
                int(row[0])
                for row in self.db.execute(
                    f"SELECT rowid FROM {self.verdicts} WHERE rowid IN ({marks})", chunk
                ).fetchall()
            )
        missing = [sid for sid in ids if sid not in held]
        if missing:  # never indexed (should not happen): index it whole
            self._insert_rows(missing)
        columns = self._review_columns([sid for sid in ids if sid in held])
        self.db.executemany(
            f"UPDATE {self.table} SET claimant = ?, explanation = ?, sources = ? WHERE rowid = ?",
            (
                (*values[:3], sid)
                for sid, values in columns.items()
                if tuple(values[:3]) != held[sid][1:]
            ),
        )
        unjudged = [sid for sid, values in columns.items() if not values[3] and sid in judged]
        for chunk in sql.chunks(unjudged):
            self.db.execute(
                f"DELETE FROM {self.verdicts} WHERE rowid IN ({sql.marks(chunk)})", chunk
            )
        self.db.executemany(
            f"INSERT INTO {self.verdicts} (rowid, words) VALUES (?, ?)",
            (
                (sid, held[sid][0])
                for sid, values in columns.items()
                if values[3] and sid not in judged
            ),
        )

    # -- queries --------------------------------------------------------------------------
    # The left side of MATCH is the bare table name even when the table is
    # `scratch.search_index` (a qualified name there reads as a column).

    def match(
        self,
        expression: str,
        *,
        columns: Iterable[str] = COLUMNS,
        limit: int = 200,
        ranked: bool = True,
        hidden: Sequence[int] = (),
    ) -> tuple[int, list[IndexHit]]:
        """(number of matches, best ``limit`` of them) for an FTS5 expression, searched in
        the given columns; not ``ranked``: the first ``limit`` in reading order. Matches
        ranked alike come in the order of their ids, as `ranked_in`'s stretches merged
        give them (ordered by rank alone, FTS5 sorts every match itself: "minister" in a
        year's workspace took 85 ms, 55 ms so, SQLite keeping only the best). The
        sentences of the `hidden` articles are left out (`_not_in`)."""
        self.ensure_searchable()
        where, values = _matching(expression, columns, hidden)
        count = self.db.execute(f"SELECT count(*) FROM {self.table}{where}", values).fetchone()[0]
        rows = self.db.execute(
            f"SELECT rowid, words, claimant, explanation, sources FROM {self.table}{where}"
            f" ORDER BY {'rank, rowid' if ranked else 'rowid'} LIMIT ?",
            [*values, limit],
        ).fetchall()
        # stored_text: the index is a table of the file another program may have edited.
        return int(count), [
            IndexHit(r[0], dict(zip(COLUMNS, map(stored_text, r[1:]), strict=True))) for r in rows
        ]

    def match_count(
        self, expression: str, *, columns: Iterable[str] = COLUMNS, hidden: Sequence[int] = ()
    ) -> int:
        """How many sentences match an FTS5 expression in the given columns (quick: no
        ranking), but those of the `hidden` articles."""
        self.ensure_searchable()
        where, values = _matching(expression, columns, hidden)
        row = self.db.execute(f"SELECT count(*) FROM {self.table}{where}", values).fetchone()
        return int(row[0])

    def id_range(self) -> tuple[int, int] | None:
        """The first and last sentence ids (None: no sentence), for `ranked_in`'s
        stretches."""
        low, high = self.db.execute("SELECT min(id), max(id) FROM sentences").fetchone()
        return None if low is None else (int(low), int(high))

    def stretch_end(self, start: int, sentences: int) -> int | None:
        """The id of the `sentences`-th sentence from id `start` on (None: fewer are
        left): a stretch for `ranked_in` of so many sentences, however far apart their
        ids (a file edited outside the desk may number one 2**63 - 1). Read through the
        ids' own order: 200,000 of them in about a millisecond."""
        row = self.db.execute(
            "SELECT id FROM sentences WHERE id >= ? ORDER BY id LIMIT 1 OFFSET ?",
            [start, max(sentences - 1, 0)],
        ).fetchone()
        return None if row is None else int(row[0])

    def ranked_in(
        self,
        expression: str,
        stretch: tuple[int, int],
        *,
        columns: Iterable[str] = COLUMNS,
        limit: int = 200,
        hidden: Sequence[int] = (),
    ) -> list[tuple[float, int]]:
        """(rank, sentence id) of the best `limit` matches among one stretch of sentence
        ids, in that order (as `match`). A match's rank (BM25) is the same whichever
        stretch it is ranked in (FTS5 weighs it against the whole index), so the best of
        every stretch's best are the best of all: ranking 69,460 matches of a year's
        workspace took one statement of 85-100 ms on a quiet machine, each stretch a
        fraction of it. The `hidden` articles' sentences are left out (`_not_in`)."""
        self.ensure_searchable()
        where, values = _matching(expression, columns, hidden)
        rows = self.db.execute(
            f"SELECT rank, rowid FROM {self.table}{where}"
            " AND rowid BETWEEN ? AND ? ORDER BY rank, rowid LIMIT ?",
            [*values, stretch[0], stretch[1], limit],
        ).fetchall()
        return [(float(r[0]), int(r[1])) for r in rows]

    def hits(self, sentence_ids: Sequence[int]) -> list[IndexHit]:
        """The indexed columns of these sentences, in the order given."""
        held: dict[int, IndexHit] = {}
        for chunk in sql.chunks(sentence_ids):
            for r in self.db.execute(
                f"SELECT rowid, words, claimant, explanation, sources FROM {self.table}"
                f" WHERE rowid IN ({sql.marks(chunk)})",
                chunk,
            ).fetchall():
                held[int(r[0])] = IndexHit(
                    int(r[0]), dict(zip(COLUMNS, map(stored_text, r[1:]), strict=True))
                )
        return [held[sid] for sid in sentence_ids if sid in held]

    def judged_like(self, text: str, *, exclude: int | None = None, limit: int = 60) -> list[int]:
        """Judged sentences sharing content words with ``text``, best BM25 first."""
        self.ensure_searchable()
        words = fts5_query(text)
        if not words:
            return []
        rows = self.db.execute(
            f"SELECT rowid FROM {self.verdicts} WHERE verdict_index MATCH ? ORDER BY rank LIMIT ?",
            [words, limit + 1],
        ).fetchall()
        return [r[0] for r in rows if r[0] != exclude][:limit]

    def row_count(self) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0])


def _matching(
    expression: str, columns: Iterable[str], hidden: Sequence[int]
) -> tuple[str, list[object]]:
    """The WHERE clause (and its values) of a search for an FTS5 `expression` in
    `columns`, the sentences of the `hidden` articles left out (`_not_in`)."""
    scoped = "{" + " ".join(columns) + "} : (" + expression + ")"
    left_out, held_back = _not_in(hidden)
    return f" WHERE search_index MATCH ?{left_out}", [scoped, *held_back]


def _not_in(hidden: Sequence[int]) -> tuple[str, list[int]]:
    """The condition (and its values) leaving out of a search the sentences of `hidden`
    articles: those an import is still writing (`ArticleStore.unfinished`), whose slices
    are indexed as they commit, the article listed only once whole. Nothing when there
    are none, as nearly always."""
    if not hidden:
        return "", []
    return (
        f" AND rowid NOT IN (SELECT id FROM sentences WHERE article_id IN ({sql.marks(hidden)}))",
        list(hidden),
    )


class _Batch:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index

    def __enter__(self) -> SearchIndex:
        self.index._batch_depth += 1
        return self.index

    def __exit__(self, *exc: Any) -> None:
        self.index._batch_depth -= 1
        if self.index._batch_depth == 0 and exc[0] is None:
            self.index.flush()
        elif exc[0] is not None:
            self.index._dirty_text.clear()  # the transaction rolls back; nothing to refresh
            self.index._dirty_review.clear()
