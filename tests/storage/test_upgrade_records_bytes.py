"""The record of a workspace's format upgrades (sqlite-utils' `_sqlite_migrations`)
rewritten as bytes by another program: the upgrades it names are the ones it spells.
Compared as text, none was done: the workspace was refused for editing as "a record of
its format upgrades that does not match its tables (it was edited outside the desk, or
damaged)", and only a cleaned copy opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE


def test_a_workspace_whose_upgrade_records_are_bytes_opens_for_editing(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_file(SEED_FILE)
    finally:
        desk.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "UPDATE _sqlite_migrations SET migration_set = CAST(migration_set AS BLOB),"
            " name = CAST(name AS BLOB), applied_at = CAST(applied_at AS BLOB)"
        )
        count = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    conn.close()
    desk = Desk.open(path, backup=False)
    try:
        sentence = desk.reviews.sentence_rows(1)[0].sentence.id
        desk.reviews.set_tag(sentence, Tag.CLAIM)
        assert desk.reviews.review(sentence).tag is Tag.CLAIM
        # Nothing run again, nothing recorded twice.
        rows = desk.repo.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert rows == count
    finally:
        desk.close()


def test_the_records_read_as_sqlite_utils_reads_them(tmp_path: Path) -> None:
    """The desk's `applied` overrides sqlite-utils' (and builds its private record type):
    on a record stored as text it must read what sqlite-utils' own reads, or an update of
    sqlite-utils that changed its reading would go unseen here."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    from factcheck_app.storage.migrations import MIGRATIONS

    path = tmp_path / "w.fcdesk"
    Desk.open(path, backup=False).close()
    db = Database(path)
    try:
        theirs = Migrations.applied(MIGRATIONS, db)
        assert theirs  # the record is there to compare
        assert MIGRATIONS.applied(db) == theirs
    finally:
        db.close()
