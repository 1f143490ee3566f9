"""A workspace from elsewhere whose numbers were set, outside the desk, to the highest
SQLite can store (9223372036854775807): an article's, a sentence's or a history entry's
id, the note of the highest id ever given, the history's recorded head. Every import
into it, or every edit, failed as "unexpected error (OverflowError: Python int too large
to convert to SQLite INTEGER)" (the next id is the highest + 1). Numbers that high are
no real ones: the desk numbers below them, as it already did for an id the history names,
and changes nothing it was not asked to. A setting holding a number beyond SQLite's (the
search index's rebuild mark, a session's first history entry) kept it from opening for
editing at all, with the same error: it counts as none."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.__main__ import main
from factcheck_app.domain.matching import SEARCH_INDEX_VERSION
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.conftest import REPO_ROOT, SEED_FILE

TOP = 2**63 - 1  # the highest integer SQLite stores
GOVERNOR = "The governor said taxes fell by half. Nobody checked the figure."

# Each crafted file, as the SQL a plain sqlite3 connection runs on a reviewed workspace.
CRAFTED = {
    "an article's id": (
        f"UPDATE articles SET id = {TOP} WHERE id = 1;"
        f" UPDATE sentences SET article_id = {TOP} WHERE article_id = 1"
    ),
    "a sentence's id": (
        'INSERT INTO sentences (id, article_id, start, "end", paragraph)'
        f" VALUES ({TOP}, 1, 100000, 100001, 0)"
    ),
    "the article id high-water": (
        f"INSERT INTO settings VALUES ('article_id_high_water', '{TOP}')"
    ),
    "the sentence id high-water": (
        f"INSERT INTO settings VALUES ('sentence_id_high_water', '{TOP}')"
    ),
    "a history entry's id": (
        f"UPDATE history SET id = {TOP} WHERE id = (SELECT max(id) FROM history)"
    ),
    "the history's head": (
        "UPDATE settings SET value = json_set(value, '$.seq', 9223372036854775807)"
        " WHERE key = 'history.head'"
    ),
    "the history's head, beyond SQLite's integers": (
        'UPDATE settings SET value = \'{"seq": 100000000000000000000000, "hash": "\''
        " || json_extract(value, '$.hash') || '\"}' WHERE key = 'history.head'"
    ),
    # A number no setting of the desk holds: the workspace did not open for editing.
    "the search index's rebuild mark": (
        f"UPDATE settings SET value = '{SEARCH_INDEX_VERSION} rebuilding after"
        " 99999999999999999999' WHERE key = 'search_index_version'"
    ),
    "the first history entry of a session left open": (
        "INSERT OR REPLACE INTO settings VALUES ('session.open', 'a desk that stopped'),"
        " ('session.first_history_id', '99999999999999999999')"
    ),
}
HISTORY_CRAFTED = ("a history entry's id", "the history's head")

REVIEWS = "SELECT sentence_id, tag, rating, explanation FROM reviews ORDER BY sentence_id"


def reviewed_workspace(path: Path) -> None:
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_file(SEED_FILE)
        first = desk.reviews.sentence_rows(1)[0].sentence.id
        desk.reviews.set_tag(first, Tag.CLAIM)
        desk.reviews.set_verdict(first, "false")
    finally:
        desk.close()


def crafted(path: Path, sql: str) -> Path:
    reviewed_workspace(path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.executescript(sql)
    finally:
        conn.close()
    return path


def rows(path: Path, query: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("craft", list(CRAFTED))
def test_imports_and_edits_go_on_and_touch_nothing_else(craft: str, tmp_path: Path) -> None:
    path = crafted(tmp_path / "colleague.fcdesk", CRAFTED[craft])
    reviews_before = rows(path, REVIEWS)
    sentences_before = rows(path, "SELECT * FROM sentences ORDER BY id")
    desk = Desk.open(path, backup=False)
    try:
        governor = desk.importer.import_text(GOVERNOR).article_id
        assert governor < 2**53
        assert "governor" in desk.articles.article_text(governor)
        assert desk.lookup.search("governor taxes").total == 1
        new = [row.sentence.id for row in desk.reviews.sentence_rows(governor)]
        desk.reviews.set_tag(new[0], Tag.CLAIM)
        desk.reviews.set_verdict(new[0], "true")
        assert desk.reviews.review(new[0]).verdict == "true"
    finally:
        desk.close()
    # Only the new article's rows were added; every row that was there is as it was.
    assert [r for r in rows(path, REVIEWS) if r[0] not in new] == reviews_before
    assert [
        r for r in rows(path, "SELECT * FROM sentences ORDER BY id") if r[0] not in new
    ] == sentences_before


@pytest.mark.parametrize("craft", HISTORY_CRAFTED)
def test_an_edit_after_a_tampered_history_does_not_make_it_verify(
    craft: str, tmp_path: Path
) -> None:
    """The entry or head changed outside the desk is evidence: the edit is recorded, and
    the history still says it was changed."""
    path = crafted(tmp_path / "colleague.fcdesk", CRAFTED[craft])
    desk = Desk.open(path, backup=False)
    try:
        assert not desk.history.verify().ok
        second = desk.reviews.sentence_rows(1)[1].sentence.id
        desk.reviews.set_tag(second, Tag.FACT)  # failed: OverflowError
        assert [item.what for item in desk.history.of_sentence(second)] == ["Tag as Fact"]
        assert not desk.history.verify().ok
    finally:
        desk.close()


def test_the_import_command_imports_into_such_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = crafted(tmp_path / "colleague.fcdesk", CRAFTED["the sentence id high-water"])
    article = tmp_path / "governor.txt"
    article.write_text(GOVERNOR, encoding="utf-8")
    capsys.readouterr()
    assert main(["import", "-w", str(path), str(article)]) == 0
    captured = capsys.readouterr()
    assert "unexpected error" not in captured.err
    assert "The governor said taxes fell by half." in captured.out


@pytest.mark.parametrize("how", ["open", "merge"])
def test_an_older_workspace_with_a_history_entry_numbered_below_one_is_brought_up(
    how: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its history is chained as it is brought up to this version, numbered 1, 2, 3… in
    the order of its numbers: renumbering -5 to 1 while entry 1 still held it failed the
    upgrade ("… could not be read or written (UNIQUE constraint failed: history.id)"),
    so it neither opened for editing nor merged."""
    path = tmp_path / "older.fcdesk"
    shutil.copy(REPO_ROOT / "tests" / "data" / "workspaces" / "schema-v4.fcdesk", path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("UPDATE history SET id = -5 WHERE id = (SELECT max(id) FROM history)")
        entries = conn.execute("SELECT count(*) FROM history").fetchone()[0]
    finally:
        conn.close()
    if how == "merge":
        mine = tmp_path / "mine.fcdesk"
        Desk.open(mine, backup=False).close()
        capsys.readouterr()
        assert main(["merge", "-w", str(mine), str(path)]) == 0, capsys.readouterr().err
        assert rows(path, "SELECT min(id) FROM history") == [(-5,)]  # theirs, as it was
        path = mine
    desk = Desk.open(path, backup=False)
    try:
        assert len(desk.history.entries()) >= entries
        assert desk.history.verify().ok
    finally:
        desk.close()


EDGE = 2**53 - 1  # the highest id the desk counted from (sql.ID_BOUND - 1)
# Each crafted file numbered just below the bound: the ids given after it landed at or
# above the bound, were not counted the next time, and were given again.
EDGE_CRAFTED = {
    "an article's id": (
        f"UPDATE articles SET id = {EDGE} WHERE id = 1;"
        f" UPDATE sentences SET article_id = {EDGE} WHERE article_id = 1"
    ),
    "a sentence's id": (
        'INSERT INTO sentences (id, article_id, start, "end", paragraph)'
        f" VALUES ({EDGE - 1}, 1, 100000, 100001, 0)"
    ),
    "the sentence id high-water": (
        f"INSERT INTO settings VALUES ('sentence_id_high_water', '{EDGE - 1}')"
    ),
    "a history entry's id": (
        f"UPDATE history SET id = {EDGE} WHERE id = (SELECT max(id) FROM history)"
    ),
}


@pytest.mark.parametrize("craft", list(EDGE_CRAFTED))
def test_a_number_just_below_the_bound_takes_import_after_import(
    craft: str, tmp_path: Path
) -> None:
    """The second import (or edit) failed: "… could not be read or written (UNIQUE
    constraint failed: articles.id)", and so did every one after it."""
    path = crafted(tmp_path / "colleague.fcdesk", EDGE_CRAFTED[craft])
    reviews_before = rows(path, REVIEWS)
    desk = Desk.open(path, backup=False)
    new: list[int] = []
    try:
        for text in (GOVERNOR, "The mayor said crime halved. " + GOVERNOR, "Rain fell."):
            article = desk.importer.import_text(text).article_id
            sentences = [row.sentence.id for row in desk.reviews.sentence_rows(article)]
            desk.reviews.set_tag(sentences[0], Tag.CLAIM)
            desk.reviews.set_verdict(sentences[0], "true")
            new += sentences
        assert len(set(new)) == len(new)
        assert desk.lookup.search("mayor crime").total == 1
    finally:
        desk.close()
    assert [r for r in rows(path, REVIEWS) if r[0] not in new] == reviews_before


def test_a_sentence_deleted_after_a_crafted_high_water_is_never_numbered_again(
    tmp_path: Path,
) -> None:
    """The note of the highest deleted id set to 2**63 - 1 kept every real deletion from
    being noted: the next import took the id of a sentence a merge had just taken away,
    and the undo bringing it back could not be saved."""
    path = crafted(tmp_path / "colleague.fcdesk", CRAFTED["the sentence id high-water"])
    desk = Desk.open(path, backup=False)
    try:
        before = desk.reviews.sentence_rows(1)
        desk.boundaries.merge_with_next(before[-2].sentence.id)  # takes the highest away
        governor = desk.importer.import_text(GOVERNOR).article_id
        new = [row.sentence.id for row in desk.reviews.sentence_rows(governor)]
        assert before[-1].sentence.id not in new
        desk.edits.undo()
        assert [row.sentence.id for row in desk.reviews.sentence_rows(1)] == [
            row.sentence.id for row in before
        ]
    finally:
        desk.close()


def test_a_deleted_id_noted_with_no_room_above_it_refuses_an_import_in_words(
    tmp_path: Path,
) -> None:
    """The one note numbering cannot go past or under (ids deleted below it are not
    noted): just below the highest id the desk gives, no article's sentences fit above
    it. The import is refused in words, the workspace unchanged."""
    from factcheck_app.domain.errors import WorkspaceError
    from factcheck_app.storage.sql import NOTE_BOUND

    path = crafted(
        tmp_path / "colleague.fcdesk",
        f"INSERT INTO settings VALUES ('sentence_id_high_water', '{NOTE_BOUND - 10}')",
    )
    sentences_before = rows(path, "SELECT * FROM sentences ORDER BY id")
    articles_before = rows(path, "SELECT id, title FROM articles ORDER BY id")
    desk = Desk.open(path, backup=False)
    try:
        with pytest.raises(WorkspaceError, match="no numbers left to give to new work"):
            desk.importer.import_text(GOVERNOR)
        first = desk.reviews.sentence_rows(1)[0].sentence.id
        desk.reviews.set_tag(first, Tag.FACT)  # edits go on
    finally:
        desk.close()
    assert rows(path, "SELECT * FROM sentences ORDER BY id") == sentences_before
    assert rows(path, "SELECT id, title FROM articles ORDER BY id") == articles_before
