"""The highest id ever given (a setting the desk keeps so a deleted sentence's, article's
or link's id is never given again: an undo may bring it back) held twice: under its key as
bytes, where another program rewrote it, and as text, where the desk wrote it since. A
number no id can be (at or above `sql.NOTE_BOUND`, edited outside the desk) under the
bytes key won SQL's max() over the two, and the desk then counted no deleted id at all:
the sentences of the article imported next took the ids of the one just removed, and
Ctrl+Z refused to bring that one back ("an article imported since holds its place")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factcheck_app.services.desk import Desk
from factcheck_app.storage import sql
from factcheck_app.storage.stores.sentences import SENTENCE_ID_HIGH_WATER
from factcheck_app.storage.stores.sources import LINK_ID_HIGH_WATER
from tests.conftest import SEED_FILE

REMOVED = "The mayor said taxes fell. They rose instead. Nobody noticed."
IMPORTED = "Prices doubled last year. The minister denied it. Figures disagree."


def _junk_note_as_bytes(path: Path, key: str, value: int) -> None:
    """What another program left: the note under its key as bytes, holding `value`."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (CAST(? AS BLOB), ?)", [key, str(value)]
            )
    finally:
        conn.close()


@pytest.mark.parametrize("junk", [sql.NOTE_BOUND, 2**63 - 1])
def test_a_removed_articles_sentence_ids_are_not_given_again(tmp_path: Path, junk: int) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        desk.importer.import_file(SEED_FILE)
        removed = desk.importer.import_text(REMOVED).article_id
        removed_ids = [r.sentence.id for r in desk.reviews.sentence_rows(removed)]
    finally:
        desk.close()
    _junk_note_as_bytes(path, SENTENCE_ID_HIGH_WATER, junk)
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        desk.articles.remove_article(removed)
        imported = desk.importer.import_text(IMPORTED).article_id
        new_ids = [r.sentence.id for r in desk.reviews.sentence_rows(imported)]
        assert not set(new_ids) & set(removed_ids)
        assert max(new_ids) < sql.NOTE_BOUND
        desk.edits.undo()  # Remove Article undone: the article is back, as it was
        assert removed in [a.id for a in desk.articles.list_articles()]
        assert [r.sentence.id for r in desk.reviews.sentence_rows(removed)] == removed_ids
    finally:
        desk.close()


def test_a_removed_links_id_is_not_given_again(tmp_path: Path) -> None:
    from factcheck_app.services.sources import NewSource

    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        article = desk.importer.import_file(SEED_FILE).article_id
        first, second = (r.sentence.id for r in desk.reviews.sentence_rows(article)[:2])
        desk.sources.link_source(first, NewSource("https://a.example/one", "One"))
        desk.sources.link_source(first, NewSource("https://a.example/two", "Two"))
    finally:
        desk.close()
    _junk_note_as_bytes(path, LINK_ID_HIGH_WATER, sql.NOTE_BOUND)
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        gone = desk.sources.links(first)[-1]
        desk.sources.unlink_source(gone.id, first, shown=gone)
        desk.sources.link_source(second, NewSource("https://a.example/three", "Three"))
        assert desk.sources.links(second)[0].id != gone.id
        desk.edits.undo()  # the new link
        desk.edits.undo()  # Remove Source: the link is back, under its id
        assert [link.id for link in desk.sources.links(first)][-1] == gone.id
    finally:
        desk.close()


def test_the_higher_of_two_real_notes_counts(tmp_path: Path) -> None:
    """Both notes ids can be, the one under the bytes key the higher (a sentence removed
    here since noted a lower id under the text key): every id up to the higher stays
    given. Read text first, the ids between the two were given again."""
    from factcheck_app.storage.workspace import open_workspace

    workspace = open_workspace(tmp_path / "w.fcdesk")
    try:
        db = workspace.db
        with db.atomic():
            for key in (SENTENCE_ID_HIGH_WATER, LINK_ID_HIGH_WATER):
                db.execute(
                    "INSERT INTO settings (key, value) VALUES (CAST(? AS BLOB), '40')", [key]
                )
                sql.raise_high_water(db, key, 30)  # the text key, lower
        assert sql.next_id(db, "sentences", SENTENCE_ID_HIGH_WATER, "sentence_id") == 41
        assert sql.next_id(db, "sentence_sources", LINK_ID_HIGH_WATER, None) == 41
        with db.atomic():
            sql.raise_high_water(db, SENTENCE_ID_HIGH_WATER, 50)  # now the text one higher
        assert sql.next_id(db, "sentences", SENTENCE_ID_HIGH_WATER, "sentence_id") == 51
    finally:
        workspace.close()


def test_opening_writes_no_link_note_past_one_out_of_range(tmp_path: Path) -> None:
    """A number no id can be under the link note's bytes key, the real note under its
    text key at or above every link: the look at each open (`note_links_present`) finds
    it noted and writes nothing. Read with the number out of range, it wrote its note
    again at every open."""
    from factcheck_app.services.sources import NewSource
    from factcheck_app.storage.stores.sources import note_links_present
    from factcheck_app.storage.workspace import open_workspace

    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    try:
        article = desk.importer.import_file(SEED_FILE).article_id
        first = desk.reviews.sentence_rows(article)[0].sentence.id
        desk.sources.link_source(first, NewSource("https://a.example/one", "One"))
    finally:
        desk.close()
    _junk_note_as_bytes(path, LINK_ID_HIGH_WATER, sql.NOTE_BOUND)
    workspace = open_workspace(path)
    try:
        db = workspace.db
        before = db.conn.total_changes
        with db.atomic():
            note_links_present(db)
        assert db.conn.total_changes == before
        assert sql.next_id(db, "sentence_sources", LINK_ID_HIGH_WATER, None) == 2
    finally:
        workspace.close()
