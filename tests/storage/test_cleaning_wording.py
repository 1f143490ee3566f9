"""Check Workspace's cleaned copy counts the rows of a table it could read only in part
with the noun's number: "after 1 row", never "after 1 rows"."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.services.desk import Desk
from factcheck_app.storage import cleaning


def test_a_table_read_in_part_counts_its_rows(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.importer.import_text("The ministry said 32 people died. Talks resume Monday.")
    source = desk.path
    desk.close()
    assert source is not None
    rows = cleaning._rows

    def one_then_damage(
        connection: sqlite3.Connection, table: Any, present: set[str], **again: Any
    ) -> Iterator[Any]:
        found = rows(connection, table, present, **again)
        if table.name == "sentences":  # the damage SQLite meets after the first row
            yield next(found)
            raise sqlite3.DatabaseError("database disk image is malformed")
        yield from found

    monkeypatch.setattr(cleaning, "_rows", one_then_damage)
    # A table with no rowid to read past the damage by (WITHOUT ROWID): it ends there.
    monkeypatch.setattr(cleaning, "_rowid_name", lambda *_args: None)
    copy = cleaning.open_cleaned_copy(source, tmp_path / "clean.fcdesk")
    assert copy.tables_not_copied == [
        "sentences after 1 row (could not be read: database disk image is malformed)"
    ]
