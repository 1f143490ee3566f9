"""A workspace another program rewrote in places as bytes (SQLite keeps bytes in a TEXT
column; the desk reads them as the text they spell): merging a colleague's copy matches
its articles and sources by their hash and address as they spell, as every other read
does. Read with `str()`, "b'…'", the article came in a second time whole, and a source
a second time."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.domain.models import Tag
from factcheck_app.services.sources import NewSource
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids


@pytest.mark.parametrize("column", ["articles.content_hash", "sources.url"])
def test_a_colleagues_copy_matches_what_is_stored_here_as_bytes(
    tmp_path: Path, column: str
) -> None:
    ours, theirs = tmp_path / "ana.fcdesk", tmp_path / "bob.fcdesk"
    desk = open_as(ours, "Ana Ruiz")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        first = sentence_ids(desk, article)[0]
        desk.reviews.set_tag(first, Tag.CLAIM)
        desk.sources.link_source(first, NewSource("https://example.org/census", "Census"))
    finally:
        desk.close()
    shutil.copy(ours, theirs)
    bob = open_as(theirs, "Bob Tran")
    try:
        bob.reviews.set_tag(sentence_ids(bob, article)[1], Tag.FACT)
    finally:
        bob.close()
    table, name = column.split(".")
    other = sqlite3.connect(ours)
    with other:
        other.execute(f"UPDATE {table} SET {name} = CAST({name} AS BLOB)")
    other.close()
    desk = open_as(ours, "Ana Ruiz")
    try:
        desk.merge.merge(theirs)
        assert len(desk.articles.list_articles()) == 1
        count = desk.repo.db.execute("SELECT count(*) FROM sources").fetchone()[0]
        assert count == 1
    finally:
        desk.close()
