"""An article's text another program stored as bytes (SQLite keeps bytes in a TEXT
column; a script that "repaired" the file, a database browser): it is the text its
UTF-8 spells, and reads so. The workspace did not open at all, even read-only ("Article
1's text has a gap or overlap at 0; the workspace may be damaged"), and Check Workspace
counted the parts in bytes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.domain.models import SearchScope
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE


def _seeded(folder: Path) -> tuple[Path, str]:
    path = folder / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_file(SEED_FILE)
        check = desk.upkeep.check().lines
    finally:
        desk.close()
    shutil.copy(path, folder / "untouched.fcdesk")
    return path, "\n".join(check)


@pytest.mark.parametrize("kept", ["in parts", "whole"])
def test_an_article_text_stored_as_bytes_reads_as_the_text_it_spells(
    tmp_path: Path, kept: str
) -> None:
    path, check = _seeded(tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        if kept == "whole":  # as an article imported before schema 3 keeps it
            joined = "".join(
                t for (t,) in conn.execute("SELECT text FROM article_text ORDER BY start")
            )
            conn.execute("DELETE FROM article_text")
            conn.execute("UPDATE articles SET text = CAST(? AS BLOB)", [joined])
        else:
            conn.execute("UPDATE article_text SET text = CAST(text AS BLOB)")
    conn.close()
    untouched = Desk.open(tmp_path / "untouched.fcdesk", read_only=True, backup=False)
    try:
        text = untouched.articles.article_text(1)
        rows = [row.sentence.text for row in untouched.reviews.sentence_rows(1)]
    finally:
        untouched.close()
    assert any(not c.isascii() for c in text)  # the seed article has letters beyond ASCII
    for read_only in (True, False):
        desk = Desk.open(path, read_only=read_only, backup=False)
        try:
            assert desk.articles.article_text(1) == text
            assert [row.sentence.text for row in desk.reviews.sentence_rows(1)] == rows
            word = rows[2].split()[1]
            hits = desk.lookup.search(word, SearchScope.EVERYWHERE).hits
            assert hits, word
            if not read_only:
                assert "\n".join(desk.upkeep.check().lines) == check
                # Removed (nothing was recorded on it) and put back by its undo: the
                # text it was, not Python's "b'…'" of its parts.
                desk.articles.remove_article(1)
                desk.edits.undo()
                assert desk.articles.article_text(1) == text
        finally:
            desk.close()
