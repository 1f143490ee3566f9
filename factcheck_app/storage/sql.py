"""Small SQL helpers shared by the repository and the search index."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from sqlite_utils import Database

from factcheck_app.domain.errors import WorkspaceError

T = TypeVar("T")
CHUNK = 500  # bound variables per statement, well under SQLite's limit
# Ids at or above this are no real ones: the desk numbers one at a time from 1, and
# SQLite's highest integer (2**63 - 1) + 1 is no integer. A workspace edited outside the
# desk to hold one (a row, a high-water note, a history entry naming it) is numbered on
# below it: counted from it, every import or edit failed on an id too large to store.
ID_BOUND = 2**53
# Ids given in one go (an article's sentences) are fewer than this.
ID_ROOM = 2**32
# The ids given stay below this, with room for an article's sentences: a deleted id
# noted at or above it was noted outside the desk, so it is not counted, and a real
# one deleted later is noted over it.
NOTE_BOUND = ID_BOUND - ID_ROOM


def chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    """``items`` in slices small enough for one ``IN (?, ?, …)`` each."""
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def marks(chunk: Sequence[object]) -> str:
    """The ``?, ?, …`` placeholders for one chunk."""
    return ",".join("?" * len(chunk))


# A setting's key as the desk writes it, or as bytes another program rewrote it as (a
# BLOB key is a key of its own to SQLite): the one written as text first. Two lookups of
# the primary key.
SETTING_KEY = "key IN (?, CAST(? AS BLOB))"
_ONE_SETTING = f"SELECT value FROM settings WHERE {SETTING_KEY} ORDER BY typeof(key) = 'blob'"


def one_setting_sql(key: str) -> str:
    """The query of `read_setting` with `key` (letters, digits, dots, underscores) written
    in: for the reads that take no parameters (a file read as untrusted, backups.py)."""
    if not key.replace(".", "").replace("_", "").isalnum():
        raise ValueError(key)
    return _ONE_SETTING.replace("?", f"'{key}'")


def read_setting(db: Database, key: str) -> str | None:
    row = db.execute(_ONE_SETTING, [key, key]).fetchone()
    if not row:
        return None
    value = row[0]
    # Bytes another program stored read as the text they spell (str() made "b'…'").
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def write_setting(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def delete_setting(db: Database, key: str) -> None:
    """Delete `key` as the desk wrote it and as the bytes another program rewrote it as:
    by the text key alone, the bytes one was left, and read (`read_setting`) or counted
    (an import's marks) as if never deleted."""
    db.execute(f"DELETE FROM settings WHERE {SETTING_KEY}", [key, key])


# The highest deleted id noted under a key (as text, or as the bytes another program
# rewrote it as: the desk then writes the key anew as text, and both are read). Only the
# notes an id can be count: the highest of the two taken first, a number at or above
# NOTE_BOUND noted outside the desk under one key hid the real note under the other,
# and the ids it kept were given again.
NOTED_SQL = (
    f"SELECT max(CAST(value AS INTEGER)) FROM settings WHERE {SETTING_KEY}"
    f" AND CAST(value AS INTEGER) BETWEEN 1 AND {NOTE_BOUND - 1}"
)


def raise_high_water(db: Database, key: str, deleted_id: int) -> None:
    """Note `deleted_id` under `key` if it is the highest deleted so far: an id once given
    is never given again (see `next_id`). An id at or above `NOTE_BOUND` is never given,
    so never noted: noted, it stood above every real one deleted after it, which `next_id`
    then gave again (an undo bringing that sentence back failed as a UNIQUE id)."""
    if deleted_id >= NOTE_BOUND:
        return
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE"
        " SET value = CASE WHEN CAST(value AS INTEGER) < ?"
        " THEN max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))"
        " ELSE excluded.value END",
        [key, str(deleted_id), NOTE_BOUND],
    )


def next_id(db: Database, table: str, key: str, history_column: str | None) -> int:
    """An id no row of `table` has had: above every current one, every deleted one (noted
    under `key`: an undo may restore it) and every one the history names (it keeps every
    entry; a desk before 5 December noted no deleted article), if it names them in a
    column. The tables have no AUTOINCREMENT, so SQLite would give a deleted row's id to
    the next row."""
    noted = db.execute(NOTED_SQL, [key, key]).fetchone()
    floor = int(noted[0]) if noted and noted[0] is not None and 0 < noted[0] < NOTE_BOUND else 0
    columns = [(table, "id")] + ([("history", history_column)] if history_column else [])
    return highest_with_room(db, columns, floor) + 1


def highest_with_room(db: Database, columns: Sequence[tuple[str, str]], floor: int = 0) -> int:
    """The highest of `floor` and the ids in `columns` (table, column) after which ids
    may be given: the numbers after it are unused up to NOTE_BOUND, with room for an
    article's sentences (ID_ROOM), or up to the next one used.

    Each highest through its index, below `bound`: a row, note or history entry edited
    outside the desk to name id 2**63 - 1 must not leave no id to give (SQLite's max + 1
    would turn it into a real number). The ids given stay below NOTE_BOUND: one given at
    or above the bound was not counted next time, and given again (after an id set to
    2**53 - 1, the second import, or edit, failed on a UNIQUE id). With no room above the
    highest, the next gap down is taken; never one under `floor` (the highest deleted id:
    those deleted below it are not noted)."""
    bound = ID_BOUND
    highest = " ".join(
        f"coalesce((SELECT {column} FROM {table} WHERE {column} < :bound"
        f" ORDER BY {column} DESC LIMIT 1), 0),"
        for table, column in columns
    )
    while True:
        row = db.execute(f"SELECT max({highest} :floor)", {"bound": bound, "floor": floor})
        top = int(row.fetchone()[0])
        if top + ID_ROOM <= min(bound, NOTE_BOUND):
            return top
        if top == floor:
            raise WorkspaceError(
                "This workspace has no numbers left to give to new work: its numbers were "
                "changed outside the desk. Save a copy of it and import into another."
            )
        bound = top
