"""Small SQL helpers shared by the repository and the search index."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from sqlite_utils import Database

T = TypeVar("T")
CHUNK = 500  # bound variables per statement, well under SQLite's limit
HISTORY_ID_BOUND = 2**53  # ids the history names above this are not real ones


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
    # The history's highest through its index, below a bound: an entry edited outside
    # the desk to name id 2**63 - 1 must not leave no id to give (SQLite's max + 1 would
    # turn it into a real number).
    row = db.execute(
        f"SELECT max(coalesce((SELECT max(id) FROM {table}), 0),"
        " coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?), 0),"
        f" coalesce((SELECT {history_column} FROM history WHERE {history_column} < ?"
        f" ORDER BY {history_column} DESC LIMIT 1), 0)) + 1",
        [key, HISTORY_ID_BOUND],
    ).fetchone()
    return int(row[0])
