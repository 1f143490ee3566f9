"""A workspace saved by an older desk (schema 4) whose id another program rewrote as bytes,
upgraded: it keeps the id it had. The upgrade to schema 5 added an id when it found none
under the key as text, so the workspace held two, and read the new one: the backup taken
just before the upgrade, and every older one, no longer looked like its own. A workspace
named alike in the same folder (news.db beside news.fcdesk) then listed them in its
Restore as its own, offering to put a whole other workspace over it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from factcheck_app.services.desk import Desk
from factcheck_app.storage import sql, wal_check
from factcheck_app.storage.backups import backup_dir
from tests.storage.test_backups_of_namesakes import listed, make_workspace
from tests.storage.test_team_migration import FIXTURE
from tests.storage.test_workspace_id_bytes import id_as_bytes


def test_an_upgraded_workspace_keeps_its_id_stored_as_bytes(tmp_path: Path) -> None:
    path = tmp_path / "news.fcdesk"
    shutil.copy(FIXTURE, path)
    spelled = id_as_bytes(path, ("key",))
    namesake = make_workspace(tmp_path / "news.db", articles=False)
    desk = Desk.open(path, backup=False, reviewer="Max Olsen")
    try:
        assert desk.workspace_id == spelled
        ids = desk.repo.db.execute(
            f"SELECT count(*) FROM settings WHERE {sql.SETTING_KEY}",
            [wal_check.WORKSPACE_ID, wal_check.WORKSPACE_ID],
        ).fetchone()[0]
        assert ids == 1
    finally:
        desk.close()
    [before] = backup_dir(path).glob("*before-migration*.fcdesk")
    assert before in listed(path)
    assert before not in listed(namesake)
    conn = sqlite3.connect(path)
    try:
        assert wal_check.evidence(conn).workspace_id == spelled
    finally:
        conn.close()
