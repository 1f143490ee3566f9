"""The `history` table: every edit, undo, redo, merge and sign-off, append-only and
hash-chained (domain/history.py). Every write goes through `HistoryStore.record_history`,
which chains the entry to the one before and moves the chain's head (kept in `settings`)
in the caller's transaction."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from factcheck_app.domain.history import GENESIS, ChainHead, HistoryEntry, canonical, chained
from factcheck_app.storage import sql
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.stores.rows import now_iso, stored_text

# settings key: the last entry's number and hash, as JSON {"seq": n, "hash": "…"}.
HEAD_SETTING = "history.head"
CHAIN_SCHEMA = 5  # the schema version that brought the chain (migrations.m005_team_review)
_COLUMNS = (
    "id, at, actor, action, article_id, sentence_id, old, new, prev_hash, hash,"
    " description, entity, entity_id, origin"
)
_BATCH = 2000


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """A history entry to append as it is: its time and JSON texts already made (a merge
    appends another workspace's entries, each with its `origin`: its hash there)."""

    at: str
    actor: str
    action: str
    description: str
    entity: str
    entity_id: int | None
    old: str | None
    new: str | None
    article_id: int | None = None
    sentence_id: int | None = None
    origin: str = ""


def entry_from(row: Sequence[Any]) -> HistoryEntry:
    """An entry from `_COLUMNS` as stored (a hand-edited value is kept as it is: the
    chain, not this, says whether it was changed). Bytes where text belongs, which SQLite
    keeps in a TEXT column, read as the text they spell: every view of the history can show
    them, and the chain still tells that the entry was changed (bytes spelling the very
    text written, another program's rewrite of the type alone, change nothing it hashes)."""
    if any(type(value) is bytes for value in row):
        row = [stored_text(v) if type(v) is bytes else v for v in row]
    return HistoryEntry(*row)


def newest_is_an_entry(conn: sqlite3.Connection) -> bool:
    """Is the newest row `conn`'s history table reads an entry the desk wrote: its hash
    the one its fields and previous hash give? A page of another table torn in where the
    newest entries are (a checkpoint killed half-way) reads as rows, but not as this;
    False too for a history without a chain, or one that cannot be read."""
    try:
        row = conn.execute(f"SELECT {_COLUMNS} FROM history ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return False
        entry = entry_from(row)
        return bool(entry.hash) and type(entry.prev_hash) is str and chained(entry) == entry
    except (sqlite3.Error, TypeError, ValueError):
        return False


def read_head(db: Database) -> ChainHead | None:
    """The chain's head as the workspace recorded it (None: none, or not readable)."""
    value = sql.read_setting(db, HEAD_SETTING)
    if value is None:
        return None
    try:
        data = json.loads(value)
        seq, digest = data["seq"], data["hash"]
    except (ValueError, TypeError, KeyError, RecursionError):
        return ChainHead(0, "")  # damaged: verify says the history does not end there
    if type(seq) is not int or not isinstance(digest, str):
        return ChainHead(0, "")
    return ChainHead(seq, digest)


def write_head(db: Database, entry: HistoryEntry) -> None:
    sql.write_setting(db, HEAD_SETTING, json.dumps({"seq": entry.seq, "hash": entry.hash}))


def chain_unchained(db: Database) -> None:
    """Chain a history written before the chain existed (an older workspace migrating, a
    cleaned copy of one): number its rows 1, 2, 3… in the order written (a cleaned copy
    may have left rows out; the chain's numbers have no gaps, so any later gap is a
    deletion), hash each, and record the head.

    A history with any hash already is left as it is: re-chaining it would hide whatever
    was changed in it.
    """
    if db.execute("SELECT count(*) FROM history WHERE hash != ''").fetchone()[0]:
        return
    ids = [r[0] for r in db.execute("SELECT id FROM history ORDER BY id").fetchall()]
    if ids and ids[0] < 1:
        # An entry numbered below 1 (edited outside the desk): renumbered to 1 while
        # entry 1 still held it, the upgrade failed (UNIQUE). The rows are written again,
        # numbered in the same order, from a copy.
        columns = ", ".join(
            f'"{r[1]}"' for r in db.execute("PRAGMA table_info(history)") if r[1] != "id"
        )
        db.execute("DROP TABLE IF EXISTS temp.history_unchained")
        db.execute("CREATE TEMP TABLE history_unchained AS SELECT * FROM main.history")
        db.execute("DELETE FROM main.history")
        db.execute(
            f"INSERT INTO main.history (id, {columns}) SELECT"
            f" row_number() OVER (ORDER BY id), {columns} FROM temp.history_unchained"
        )
        db.execute("DROP TABLE temp.history_unchained")
        ids = list(range(1, len(ids) + 1))
    for number, old_id in enumerate(ids, start=1):
        if number != old_id:  # only ever lower: that number is free by now
            db.execute("UPDATE history SET id = ? WHERE id = ?", [number, old_id])
    previous: HistoryEntry | None = None
    for row in db.execute(f"SELECT {_COLUMNS} FROM history ORDER BY id").fetchall():
        prev_hash = previous.hash if previous else GENESIS
        previous = chained(dataclasses.replace(entry_from(row), prev_hash=prev_hash))
        db.execute(
            "UPDATE history SET prev_hash = ?, hash = ? WHERE id = ?",
            [previous.prev_hash, previous.hash, previous.seq],
        )
    if previous is not None:
        write_head(db, previous)


class HistoryStore:
    """The `history` table: what was done, by whom, when, with old and new values."""

    def __init__(self, db: WorkspaceDatabase) -> None:
        self.db = db

    def history_since(self, history_id: int, limit: int = 20) -> list[dict[str, Any]]:
        """The newest history rows after `history_id`, newest first."""
        return [
            dict(row)
            for row in self.db.query(
                "SELECT id, at, actor, action, description, entity, entity_id, new FROM history"
                " WHERE id > ? ORDER BY id DESC LIMIT ?",
                [history_id, limit],
            )
        ]

    def merged_after(self, seq: int, name: str) -> bool:
        """Whether the merge of their file `name` wrote its own entry after entry `seq`
        (`MergeEdit.history_states`: a workspace-wide "do" whose new state says whose file
        was merged). It is written in the merge's transaction, so it is there exactly when
        the merge was committed."""
        rows = self.db.execute(
            # As text: its entry rewritten as bytes by another program (b'do') is still it,
            # or the merge that got in was named as one to merge again.
            "SELECT new FROM history WHERE id > ? AND CAST(entity AS TEXT) = 'workspace'"
            " AND CAST(action AS TEXT) = 'do'",
            [seq],
        )
        for (new,) in rows:
            try:
                state = json.loads(new or "null")
            except (ValueError, RecursionError):  # damaged, or nested too deeply
                continue
            if isinstance(state, dict) and state.get("merged") == name:
                return True
        return False

    def last_history_id(self) -> int:
        """The newest entry's id (0: none). An entry numbered at or above `sql.ID_BOUND`
        was renumbered outside the desk: the history goes on below it (counted from
        2**63 - 1, the next entry's number could not be stored, and no edit was saved),
        where numbers are free (`sql.highest_with_room`)."""
        return sql.highest_with_room(self.db, [("history", "id")])

    def head(self) -> ChainHead | None:
        return read_head(self.db)

    def predates_chain(self) -> bool:
        """An older workspace opened read-only (not migrated): its history has no chain."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0]) < CHAIN_SCHEMA

    def record_history(
        self,
        *,
        actor: str,
        action: str,
        description: str,
        entity: str,
        entity_id: int | None,
        old: object,
        new: object,
        article_id: int | None = None,
        sentence_id: int | None = None,
        origin: str = "",
        at: str | None = None,
    ) -> HistoryEntry:
        """Append one entry, chained to the last, and move the head: with `record_many`,
        the one way history is written. `origin` and `at` are for entries merged from
        another workspace (their hash and time there)."""
        row = HistoryRow(
            at or now_iso(),
            actor,
            action,
            description,
            entity,
            entity_id,
            canonical(old),
            canonical(new),
            article_id,
            sentence_id,
            origin,
        )
        return self.record_many([row])[0]

    def record_many(self, rows: Sequence[HistoryRow]) -> list[HistoryEntry]:
        """Append entries in order, each chained to the one before, and move the head once,
        in the caller's transaction (their JSON texts are stored, and hashed, as given)."""
        entries: list[HistoryEntry] = []
        if not rows:
            return entries
        with self.db.atomic():
            head = self.head()
            if head is not None and not 0 <= head.seq < sql.NOTE_BOUND:
                # A head no entry the desk numbers can have (edited outside the desk): as a
                # damaged one, chained from anew, so verify still says it was changed.
                head = ChainHead(0, "")
            # After the head even if rows were cut off the end: the gap stays visible.
            seq = sql.highest_with_room(self.db, [("history", "id")], head.seq if head else 0)
            previous = head if head and head.seq else None  # a damaged head: verify says so
            for row in rows:
                seq += 1
                entry = chained(
                    HistoryEntry(
                        seq,
                        row.at,
                        row.actor,
                        row.action,
                        row.article_id,
                        row.sentence_id,
                        row.old,
                        row.new,
                        previous.hash if previous else GENESIS,
                        "",
                        row.description,
                        row.entity,
                        row.entity_id,
                        row.origin,
                    )
                )
                entries.append(entry)
                previous = ChainHead(entry.seq, entry.hash)
            self.db.executemany(
                f"INSERT INTO history ({_COLUMNS}) VALUES ({sql.marks(range(14))})",
                [
                    [
                        e.seq,
                        e.at,
                        e.reviewer,
                        e.action,
                        e.article_id,
                        e.sentence_id,
                        e.before,
                        e.after,
                        e.prev_hash,
                        e.hash,
                        e.description,
                        e.entity,
                        e.entity_id,
                        e.origin,
                    ]
                    for e in entries
                ],
            )
            write_head(self.db, entries[-1])
        return entries

    def entries(self) -> Iterator[HistoryEntry]:
        """Every entry in the order written, read a batch at a time."""
        cursor = self.db.execute(f"SELECT {_COLUMNS} FROM history ORDER BY id")
        while batch := cursor.fetchmany(_BATCH):
            yield from (entry_from(row) for row in batch)

    def entries_after(self, seq: int | None, limit: int) -> list[HistoryEntry]:
        """The next `limit` entries after entry `seq` (None: from the first), in the order
        written: a batch read in a statement of its own, so that a reader who pages on
        later holds no read open in between."""
        after = "" if seq is None else "WHERE id > ? "
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM history {after}ORDER BY id LIMIT ?",
            [limit] if seq is None else [seq, limit],
        ).fetchall()
        return [entry_from(row) for row in rows]

    def entry(self, seq: int) -> HistoryEntry | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM history WHERE id = ?", [seq]).fetchone()
        return entry_from(row) if row else None

    def workspace_holds_edits(self) -> bool:
        """Whether the workspace holds what only recorded edits make: a review, a
        reviewer's own review or a sign-off (importing an article file records none)."""
        return any(
            self.db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
            for table in ("reviews", "review_versions", "sign_offs")
        )

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM history").fetchone()[0])

    def for_article(self, article_id: int) -> list[HistoryEntry]:
        """The entries about an article (and its sentences), in the order written."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM history WHERE article_id = ? ORDER BY id", [article_id]
        ).fetchall()
        return [entry_from(row) for row in rows]

    def merge_began_after(self, seq: int) -> int | None:
        """The newest entry before `seq` written here by an edit (not brought in from
        another workspace, nor a merge's own entry about one sentence): for an entry a
        merge brought in, what the history held before that merge. None when there is
        none (a merge into a workspace with nothing recorded yet)."""
        row = self.db.execute(
            # As text: an entry another program rewrote as bytes (b'merge') is no edit.
            "SELECT id FROM history WHERE id < ? AND CAST(origin AS TEXT) = ''"
            " AND CAST(action AS TEXT) != 'merge' ORDER BY id DESC LIMIT 1",
            [seq],
        ).fetchone()
        return None if row is None else int(row[0])

    def about_sentence(
        self, sentence_id: int, article_id: int, newest: int | None = None
    ) -> list[HistoryEntry]:
        """Entries filed under the sentence, and the article's entries about several
        sentences at once (the caller picks those naming this one), newest first; only
        the `newest` so many when given."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM history WHERE sentence_id = ?"
            " OR (sentence_id IS NULL AND article_id = ?) ORDER BY id DESC LIMIT ?",
            [sentence_id, article_id, -1 if newest is None else newest],
        ).fetchall()
        return [entry_from(row) for row in rows]
