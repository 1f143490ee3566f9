"""A workspace's id stored as bytes by another program (a script, a database browser
rewrote its settings row as BLOBs): the id is the one its UTF-8 spells wherever the desk
tells workspaces apart by it (whose backups these are, whether a -wal or a copy is this
workspace's), as the desk itself reads it (`sql.read_setting`)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups, sql, wal_check
from tests.storage.test_backups_of_namesakes import back_up, listed, make_workspace

# Which of the id row's two columns another program rewrote as bytes.
AS_BYTES = {"key": "key = CAST(key AS BLOB)", "value": "value = CAST(value AS BLOB)"}


def id_as_bytes(path: Path, columns: tuple[str, ...] = ("key", "value")) -> str:
    """Rewrite the closed workspace's id row as bytes; its id as the desk reads it."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(
                f"UPDATE settings SET {', '.join(AS_BYTES[c] for c in columns)} WHERE key = ?",
                [wal_check.WORKSPACE_ID],
            )
        found = sql.read_setting(Database(conn), wal_check.WORKSPACE_ID)
    finally:
        conn.close()
    assert found is not None and len(found) == 32
    return found


def test_a_namesakes_restore_list_leaves_out_backups_of_an_id_stored_as_bytes(
    tmp_path: Path,
) -> None:
    usual = make_workspace(tmp_path / "news.fcdesk")
    other = make_workspace(tmp_path / "news.db", articles=False)
    id_as_bytes(usual)
    mine, theirs = back_up(usual, "manual"), back_up(other, "manual")
    # Restore in news.db must never offer news.fcdesk's backup: it would put a whole
    # other workspace over hers.
    assert listed(other) == {theirs}
    assert listed(usual) == {mine}


@pytest.mark.parametrize("columns", [("key", "value"), ("value",), ("key",)])
def test_every_read_of_the_id_is_the_one_the_desk_reads(
    tmp_path: Path, columns: tuple[str, ...]
) -> None:
    path = make_workspace(tmp_path / "news.fcdesk", articles=False)
    spelled = id_as_bytes(path, columns)
    assert backups.workspace_held(path) == (spelled, 0)
    assert backups.untrusted_setting(path, wal_check.WORKSPACE_ID) == spelled
    conn = sqlite3.connect(path)
    try:
        assert wal_check.evidence(conn).workspace_id == spelled
    finally:
        conn.close()


def test_save_a_copy_over_a_copy_of_this_workspace_says_it_is_one(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "news.fcdesk")
    id_as_bytes(path, ("value",))
    target = tmp_path / "copy.fcdesk"
    shutil.copy(path, target)
    desk = Desk.open(path, backup=False)
    try:
        # False made its question speak of another workspace's articles as lost.
        assert desk.upkeep.replaced_workspace(target) == (True, 1)
    finally:
        desk.close()


def test_a_wal_of_another_workspace_whose_id_is_bytes_does_not_follow(tmp_path: Path) -> None:
    ours = make_workspace(tmp_path / "ours.fcdesk", articles=False)
    theirs = make_workspace(tmp_path / "theirs.fcdesk", articles=False)
    seen = []
    for path in (ours, theirs):
        id_as_bytes(path, ("key",))
        conn = sqlite3.connect(path)
        try:
            seen.append(wal_check.evidence(conn))
        finally:
            conn.close()
    assert not wal_check.follows(seen[0], seen[1])
