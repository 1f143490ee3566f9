"""A setting another program rewrote as bytes, then written again by the desk: the file
holds it twice, under its key as bytes (the older value) and as text (the newer one), and
the desk reads the text one (`sql.read_setting`). Open a Cleaned Copy keeps that one too:
it kept the first it read (the older bytes row, by rowid) and counted the newer as a row
that failed the desk's checks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from factcheck_app.domain.models import Tag
from factcheck_app.services import settings
from factcheck_app.services.desk import Desk
from factcheck_app.services.workspace_files import open_cleaned_copy
from tests.conftest import SEED_FILE


def test_a_cleaned_copy_keeps_the_setting_the_desk_reads(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        article = desk.importer.import_file(SEED_FILE).article_id
        settings.set_setting(desk, settings.PUBLISHER_NAME, "Old Name")
    finally:
        desk.close()
    conn = sqlite3.connect(path)
    with conn:  # a script rewrote the settings as bytes
        conn.execute("UPDATE settings SET key = CAST(key AS BLOB), value = CAST(value AS BLOB)")
    conn.close()
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        settings.set_setting(desk, settings.PUBLISHER_NAME, "New Name")
        first = desk.reviews.sentence_rows(article)[0].sentence.id
        desk.reviews.set_tag(first, Tag.CLAIM)  # the history's record written anew as text
    finally:
        desk.close()
    made = open_cleaned_copy(path, tmp_path / "cleaned.fcdesk")
    assert made.skipped.get("settings", 0) == 0
    copy = Desk.open(tmp_path / "cleaned.fcdesk", backup=False, read_only=True)
    try:
        # Its ClaimReview exports name the publisher she set last.
        assert copy.repo.settings.get_setting(settings.PUBLISHER_NAME.key) == "New Name"
        assert copy.history.verify().problem is None
    finally:
        copy.close()
