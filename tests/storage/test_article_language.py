"""Each article has a language (issue 18): added by migration 3 as "detected on next
re-split", detected on import, changed in Article Properties, used by Re-split."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.services.desk import Desk
from factcheck_app.storage import schema_guard
from factcheck_app.storage.cleaning import open_cleaned_copy
from factcheck_app.storage.migrations import SCHEMA_VERSION
from tests.conftest import copy_of_old_workspace

SPANISH = (
    "El Gobierno aprobó el martes la ley de vivienda. La Sra. García, portavoz del "
    "Ministerio, dijo que entrará en vigor en enero. EE. UU. no ha comentado la medida."
)


def _spans(path: Path) -> list[tuple[int, int, int, int]]:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        return conn.execute(
            'SELECT id, article_id, start, "end" FROM sentences ORDER BY id'
        ).fetchall()


@pytest.mark.parametrize("fixture", ["schema-v1.fcdesk", "schema-v2.fcdesk"])
def test_existing_workspace_keeps_its_sentences_and_learns_the_language_on_re_split(
    fixture: str, tmp_path: Path
) -> None:
    path = copy_of_old_workspace(tmp_path, fixture)
    before = _spans(path)
    desk = Desk.open(path, backup=False)
    try:
        db = desk.workspace.db
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 4
        # The schema guard derives what it expects from the migrations: the column is in.
        assert schema_guard.schema_problems(db.conn) == []
        article = desk.articles.list_articles()[0].id
        assert desk.articles.article_language(article) == ""  # detected on next re-split
        segmenter = desk.repo.articles.segmenter_of(article)
    finally:
        desk.close()
    assert _spans(path) == before  # nothing was re-split by itself
    desk = Desk.open(path, backup=False)
    try:
        assert desk.repo.articles.segmenter_of(article) == segmenter
        with pytest.raises(EditRefused):  # the seed splits the same way in English
            desk.boundaries.resplit_article(article)
        assert desk.articles.article_language(article) == "en"
    finally:
        desk.close()


def test_read_only_old_workspace_reads_no_language(tmp_path: Path) -> None:
    path = copy_of_old_workspace(tmp_path, "schema-v2.fcdesk")
    desk = Desk.open(path, read_only=True)
    try:
        assert desk.articles.article_language(desk.articles.list_articles()[0].id) == ""
    finally:
        desk.close()


def test_import_detects_and_stores_the_language(desk: Desk) -> None:
    result = desk.importer.import_text(SPANISH)
    assert desk.articles.article_language(result.article_id) == "es"
    texts = [r.sentence.text for r in desk.reviews.sentence_rows(result.article_id)]
    assert texts == [
        "El Gobierno aprobó el martes la ley de vivienda.",
        "La Sra. García, portavoz del Ministerio, dijo que entrará en vigor en enero.",
        "EE. UU. no ha comentado la medida.",
    ]
    assert desk.articles.article_metadata(result.article_id).language == "es"


def test_changing_the_language_is_recorded_and_re_split_uses_it(desk: Desk) -> None:
    result = desk.importer.import_text(SPANISH)
    metadata = desk.articles.article_metadata(result.article_id)
    metadata.language = "en"
    desk.articles.update_article_metadata(result.article_id, metadata)
    assert desk.articles.article_language(result.article_id) == "en"
    # The sentences stay until the reviewer re-splits; English rules split "Sra." off.
    assert len(desk.reviews.sentence_rows(result.article_id)) == 3
    desk.boundaries.resplit_article(result.article_id)
    assert len(desk.reviews.sentence_rows(result.article_id)) == 4
    history = desk.repo.db.execute(
        "SELECT old, new FROM history WHERE description = 'Edit article properties'"
    ).fetchone()
    assert json.loads(history[0])["language"] == "es"
    assert json.loads(history[1])["language"] == "en"


def test_an_unknown_language_is_refused(desk: Desk) -> None:
    result = desk.importer.import_text(SPANISH)
    metadata = desk.articles.article_metadata(result.article_id)
    metadata.language = "xx"
    with pytest.raises(EditRefused):
        desk.articles.update_article_metadata(result.article_id, metadata)
    assert desk.articles.article_language(result.article_id) == "es"


def test_cleaned_copy_keeps_the_language(desk: Desk, tmp_path: Path) -> None:
    desk.importer.import_text(SPANISH)
    source = desk.path
    desk.close()
    assert source is not None
    with sqlite3.connect(source) as conn:  # make it untrusted
        conn.execute("CREATE VIEW extra AS SELECT 1")
    conn.close()
    copy = open_cleaned_copy(source, tmp_path / "clean.fcdesk")
    cleaned = Desk.open(copy.path, backup=False)
    try:
        assert cleaned.articles.article_language(cleaned.articles.list_articles()[0].id) == "es"
    finally:
        cleaned.close()


def test_cleaned_copy_of_an_old_workspace_leaves_the_language_unknown(tmp_path: Path) -> None:
    path = copy_of_old_workspace(tmp_path, "schema-v2.fcdesk")
    copy = open_cleaned_copy(path, tmp_path / "clean.fcdesk")
    cleaned = Desk.open(copy.path, backup=False)
    try:
        assert cleaned.articles.article_language(cleaned.articles.list_articles()[0].id) == ""
    finally:
        cleaned.close()
