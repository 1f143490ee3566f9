"""An article whose text's hash another program stored as bytes (SQLite keeps bytes in a
TEXT column; the desk reads them as the text they spell, as the merge matches it since
3da77a87). Importing the same text again looked the hash up in SQL (`content_hash = ?`),
where bytes never equal text: the desk did not say "already imported" but added the
article a second time, its sentences unreviewed beside the reviewed ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.services.merge_fixtures import SHARED, open_as


def test_importing_a_text_again_finds_it_with_its_hash_stored_as_bytes(tmp_path: Path) -> None:
    path = tmp_path / "desk.fcdesk"
    desk = open_as(path, "Ana Ruiz")
    try:
        first = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
    finally:
        desk.close()
    other = sqlite3.connect(path)
    with other:
        other.execute("UPDATE articles SET content_hash = CAST(content_hash AS BLOB)")
    other.close()
    desk = open_as(path, "Ana Ruiz")
    try:
        again = desk.importer.import_text(SHARED, source_name="shared.txt")
        assert again.duplicate
        assert again.article_id == first
        assert len(desk.articles.list_articles()) == 1
    finally:
        desk.close()
