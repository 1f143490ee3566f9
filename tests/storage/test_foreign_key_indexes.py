"""Every foreign key is indexed on the child side. SQLite checks a child table for each
parent row deleted; without an index on the child's column that is a scan of the whole
table per row. Undoing a merge of two 300-article workspaces deletes some 4,500 sentences,
each scanning every review for `denies_sentence_id`: 16 s on the window's thread, growing
with the square of the workspace (0.3 s with the indexes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.services.desk import Desk
from tests.conftest import copy_of_old_workspace


def _unindexed_foreign_keys(desk: Desk) -> list[str]:
    db = desk.workspace.db
    tables = [
        str(r[0])
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    missing = []
    for table in tables:
        leading = set()
        for index in db.execute(f'PRAGMA index_list("{table}")').fetchall():
            columns = db.execute(f'PRAGMA index_info("{index[1]}")').fetchall()
            if columns:
                leading.add(str(columns[0][2]))
        primary = {
            str(c[1]) for c in db.execute(f'PRAGMA table_info("{table}")').fetchall() if c[5] == 1
        }
        for key in db.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
            column = str(key[3])
            if column not in leading and column not in primary:
                missing.append(f"{table}.{column} -> {key[2]}")
    return missing


def test_a_new_workspace_indexes_every_foreign_key(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path / "new.fcdesk")
    try:
        assert _unindexed_foreign_keys(desk) == []
    finally:
        desk.close()


@pytest.mark.parametrize("fixture", ["schema-v1.fcdesk", "schema-v2.fcdesk"])
def test_an_older_workspace_gains_the_indexes(tmp_path: Path, fixture: str) -> None:
    path = copy_of_old_workspace(tmp_path, fixture)
    desk = Desk.open(path, backup=False)
    try:
        assert _unindexed_foreign_keys(desk) == []
    finally:
        desk.close()
