"""An id an article or sentence once had is never given to another (SQLite hands a
deleted row's id to the next row: its tables have no AUTOINCREMENT). The history keeps
every entry, and an undo step keeps its rows' ids: a new article under an old id showed
someone else's work as its own."""

from __future__ import annotations

from pathlib import Path

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage.stores.articles import ARTICLE_ID_HIGH_WATER
from factcheck_app.storage.stores.sentences import SENTENCE_ID_HIGH_WATER
from tests.services.merge_fixtures import article_titled, open_as, sentence_ids

GOVERNOR = "The governor said taxes fell by half. Nobody checked the figure."
MISTAKE = "Quarterly figures for the canteen. The canteen sold 4,210 muffins in March."


def bob_tagged_his_senator_article(tmp_path: Path) -> Path:
    """Bob's workspace: one article of his, its first sentence tagged and given a verdict."""
    theirs = open_as(tmp_path / "bob.fcdesk", "Bob")
    try:
        own = theirs.importer.import_text("The senator said crime doubled. Police disagree.")
        first = sentence_ids(theirs, own.article_id)[0]
        theirs.reviews.set_tag(first, Tag.CLAIM)
        theirs.reviews.set_verdict(first, "false")
    finally:
        theirs.close()
    return tmp_path / "bob.fcdesk"


def merged_and_undone(tmp_path: Path) -> Desk:
    """Alice merges Bob's workspace, then takes the merge back with Ctrl+Z: Bob's history
    entries stay (the history keeps every entry), filed under the ids his article had."""
    bob = bob_tagged_his_senator_article(tmp_path)
    desk = open_as(tmp_path / "alice.fcdesk", "Alice")
    desk.importer.import_text(MISTAKE)
    desk.merge.merge(bob)
    assert article_titled(desk, "senator")
    assert desk.undo() is not None
    return desk


def test_an_article_imported_after_a_merge_was_undone_has_no_history_of_the_merged_one(
    tmp_path: Path,
) -> None:
    # Before: the governor's article took the undone senator article's ids, so its history
    # (and its first sentence's) showed Bob's "Tag as Claim" and "Verdict: False" as made
    # on it, and it could not be removed ("history is recorded on it").
    desk = merged_and_undone(tmp_path)
    try:
        governor = desk.importer.import_text(GOVERNOR).article_id
        assert desk.history.entries(governor) == []
        assert all(desk.history.of_sentence(s) == [] for s in sentence_ids(desk, governor))
        assert desk.articles.removal_refusal(governor) is None
        assert desk.history.verify().ok
    finally:
        desk.close()


def test_a_workspace_undone_by_an_older_desk_is_read_for_the_ids_its_history_names(
    tmp_path: Path,
) -> None:
    """An older desk kept no note of the ids it deleted: the history still names them."""
    desk = merged_and_undone(tmp_path)
    try:
        with desk.repo.db.atomic():
            desk.repo.db.execute(
                "DELETE FROM settings WHERE key IN (?, ?)",
                [ARTICLE_ID_HIGH_WATER, SENTENCE_ID_HIGH_WATER],
            )
        governor = desk.importer.import_text(GOVERNOR).article_id
        assert desk.history.entries(governor) == []
        assert all(desk.history.of_sentence(s) == [] for s in sentence_ids(desk, governor))
    finally:
        desk.close()


def test_a_removed_article_comes_back_by_ctrl_z_after_another_was_imported(
    seeded_desk: Desk,
) -> None:
    # Before: the new article took the removed one's ids, and Ctrl+Z was refused ("an
    # article imported since holds its place").
    desk = seeded_desk
    mistake = desk.importer.import_text(MISTAKE).article_id
    mistaken_sentences = sentence_ids(desk, mistake)
    desk.articles.remove_article(mistake)
    governor = desk.importer.import_text(GOVERNOR).article_id
    assert governor != mistake
    assert not set(sentence_ids(desk, governor)) & set(mistaken_sentences)
    assert desk.undo() is not None
    assert sentence_ids(desk, mistake) == mistaken_sentences
    assert "canteen" in desk.articles.article_text(mistake)
    assert "governor" in desk.articles.article_text(governor)
    assert desk.upkeep.check().ok


def test_a_merge_undone_is_redone_after_another_article_was_imported(tmp_path: Path) -> None:
    # Before: the pasted article took the ids of the merge's article, and Ctrl+Y was
    # refused ("an article imported since holds its place").
    bob = bob_tagged_his_senator_article(tmp_path)
    desk = open_as(tmp_path / "alice.fcdesk", "Alice")
    try:
        desk.merge.merge(bob)
        senator = article_titled(desk, "senator")
        second = sentence_ids(desk, senator)[1]
        desk.reviews.set_tag(second, Tag.CLAIM)
        desk.undo()
        desk.undo()
        governor = desk.importer.import_text(GOVERNOR).article_id
        assert desk.redo() is not None and desk.redo() is not None
        assert article_titled(desk, "senator") == senator
        assert desk.reviews.review(second).tag is Tag.CLAIM
        assert [desk.reviews.review(s).tag for s in sentence_ids(desk, governor)] == [None, None]
        assert desk.history.verify().ok
    finally:
        desk.close()


def test_the_removed_article_and_sentence_ids_are_noted_in_the_workspace(
    seeded_desk: Desk,
) -> None:
    """The note survives closing the window (the undo stack does not, the history does)."""
    desk = seeded_desk
    mistake = desk.importer.import_text(MISTAKE).article_id
    last_sentence = sentence_ids(desk, mistake)[-1]
    desk.articles.remove_article(mistake)
    settings = dict(desk.repo.db.execute("SELECT key, value FROM settings").fetchall())
    assert int(settings[ARTICLE_ID_HIGH_WATER]) == mistake
    assert int(settings[SENTENCE_ID_HIGH_WATER]) == last_sentence


def test_a_history_naming_the_highest_possible_id_still_leaves_ids_to_give(
    seeded_desk: Desk,
) -> None:
    """An entry edited outside the desk (it no longer verifies) must not stop imports."""
    desk = seeded_desk
    desk.reviews.set_tag(sentence_ids(desk, 1)[0], Tag.CLAIM)
    with desk.repo.db.atomic():
        desk.repo.db.execute(
            "UPDATE history SET article_id = ?, sentence_id = ?", [2**63 - 1, 2**63 - 1]
        )
    governor = desk.importer.import_text(GOVERNOR).article_id
    assert "governor" in desk.articles.article_text(governor)
