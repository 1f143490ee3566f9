"""Small SQL helpers shared by the repository and the search index."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from sqlite_utils import Database

T = TypeVar("T")
CHUNK = 500  # bound variables per statement, well under SQLite's limit


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
