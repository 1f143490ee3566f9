"""Small SQL helpers shared by the repository and the search index."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from sqlite_utils import Database

T = TypeVar("T")
CHUNK = 500  # bound variables per statement, well under SQLite's limit
# Ids at or above this are no real ones: the desk numbers one at a time from 1, and
# SQLite's highest integer (2**63 - 1) + 1 is no integer. A workspace edited outside the
# desk to hold one (a row, a high-water note, a history entry naming it) is numbered on
# below it: counted from it, every import or edit failed on an id too large to store.
ID_BOUND = 2**53


def chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    """``items`` in slices small enough for one ``IN (?, ?, …)`` each."""
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def marks(chunk: Sequence[object]) -> str:
    """The ``?, ?, …`` placeholders for one chunk."""
    return ",".join("?" * len(chunk))


def read_setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return str(row[0]) if row else None


def write_setting(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def raise_high_water(db: Database, key: str, deleted_id: int) -> None:
    """Note `deleted_id` under `key` if it is the highest deleted so far: an id once given
    is never given again (see `next_id`)."""
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE"
        " SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))",
        [key, str(deleted_id)],
    )


def next_id(db: Database, table: str, key: str, history_column: str) -> int:
    """An id no row of `table` has had: above every current one, every deleted one (noted
    under `key`: an undo may restore it) and every one the history names (it keeps every
    entry; a desk before 5 December noted no deleted article). The tables have no
    AUTOINCREMENT, so SQLite would give a deleted row's id to the next row."""
    # Each highest through its index, below ID_BOUND: a row, note or history entry
    # edited outside the desk to name id 2**63 - 1 must not leave no id to give (SQLite's
    # max + 1 would turn it into a real number). The ids given stay far below it.
    row = db.execute(
        f"SELECT max(coalesce((SELECT id FROM {table} WHERE id < ? ORDER BY id DESC LIMIT 1), 0),"
        " coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?"
        " AND CAST(value AS INTEGER) < ?), 0),"
        f" coalesce((SELECT {history_column} FROM history WHERE {history_column} < ?"
        f" ORDER BY {history_column} DESC LIMIT 1), 0)) + 1",
        [ID_BOUND, key, ID_BOUND, ID_BOUND],
    ).fetchone()
    return int(row[0])
