"""Removing an article nothing was recorded on (a mistaken import): gone from the list,
the search and the workspace; one undo step, in the history; refused, in words, for an
article carrying any work, so that nothing a reviewer did can go with it."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import Stance, Tag
from factcheck_app.services.articles import RemoveArticleEdit
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.storage.stores.articles import ARTICLE_ID_HIGH_WATER
from factcheck_app.storage.stores.sentences import SENTENCE_ID_HIGH_WATER
from tests.conftest import SEED_FILE, retitled_outside_undo

WRONG_FILE = (
    "Quarterly figures for the canteen.\n\n"
    "The canteen sold 4,210 zucchini muffins in March. Prices rose by 3 percent.\n"
)


def import_mistake(desk: Desk) -> int:
    return desk.importer.import_text(WRONG_FILE, source_name="canteen.txt").article_id


def listed(desk: Desk) -> list[int]:
    return [a.id for a in desk.articles.list_articles()]


def found(desk: Desk, words: str) -> int:
    return desk.lookup.search(words).total


def test_a_mistaken_import_is_removed_from_the_list_the_search_and_the_file(
    seeded_desk: Desk,
) -> None:
    mistake = import_mistake(seeded_desk)
    assert found(seeded_desk, "zucchini") == 1
    change = seeded_desk.articles.remove_article(mistake)
    assert listed(seeded_desk) == [1]
    assert found(seeded_desk, "zucchini") == 0
    assert (
        change.message
        == "Article removed (Ctrl+Z brings it back): “Quarterly figures for the canteen.”"
    )
    assert change.article_id == 1  # the window goes on to the article beside it
    db = seeded_desk.repo.db
    assert (
        db.execute("SELECT count(*) FROM sentences WHERE article_id = ?", [mistake]).fetchone()[0]
        == 0
    )
    assert (
        db.execute("SELECT count(*) FROM article_text WHERE article_id = ?", [mistake]).fetchone()[
            0
        ]
        == 0
    )
    # The same file can be imported again, as a new article.
    again = import_mistake(seeded_desk)
    assert listed(seeded_desk) == [1, again]


def test_the_removal_is_in_the_history_and_the_chain_still_verifies(seeded_desk: Desk) -> None:
    mistake = import_mistake(seeded_desk)
    seeded_desk.articles.remove_article(mistake)
    entries = seeded_desk.history.entries()
    assert [e.what for e in entries][-1] == "Remove article “Quarterly figures for the canteen.”"
    # Filed under no article: Ctrl+Z refused to bring back an article with an entry filed
    # under its id (taken for the history of an article merged in since in its place).
    assert entries[-1].entry.article_id is None
    assert seeded_desk.history.verify().ok


def test_ctrl_z_brings_the_article_back_exactly_and_redo_removes_it_again(
    seeded_desk: Desk,
) -> None:
    mistake = import_mistake(seeded_desk)
    before_rows = seeded_desk.reviews.sentence_rows(mistake)
    before_text = seeded_desk.articles.article_text(mistake)
    before_meta = seeded_desk.articles.article_metadata(mistake)
    seeded_desk.articles.remove_article(mistake)

    change = seeded_desk.undo()
    assert change is not None and change.article_id == mistake
    assert listed(seeded_desk) == [1, mistake]
    assert seeded_desk.reviews.sentence_rows(mistake) == before_rows
    assert seeded_desk.articles.article_text(mistake) == before_text
    assert seeded_desk.articles.article_metadata(mistake) == before_meta
    assert found(seeded_desk, "zucchini") == 1
    assert seeded_desk.upkeep.check().ok

    seeded_desk.redo()
    assert listed(seeded_desk) == [1]
    assert found(seeded_desk, "zucchini") == 0
    assert seeded_desk.history.verify().ok


def test_removing_the_only_article_leaves_an_empty_workspace(desk: Desk) -> None:
    mistake = import_mistake(desk)
    change = desk.articles.remove_article(mistake)
    assert listed(desk) == [] and change.article_id == 0


def tag_one(desk: Desk, article_id: int) -> None:
    desk.reviews.set_tag(desk.reviews.sentence_rows(article_id)[0].sentence.id, Tag.CLAIM)


def untag_again(desk: Desk, article_id: int) -> None:
    """Tagged, then set back: the review row says who did it, and the history has it."""
    sentence_id = desk.reviews.sentence_rows(article_id)[0].sentence.id
    desk.reviews.set_tag(sentence_id, Tag.CLAIM)
    desk.reviews.set_tag(sentence_id, None)


def link_one(desk: Desk, article_id: int) -> None:
    desk.sources.link_source(
        desk.reviews.sentence_rows(article_id)[1].sentence.id,
        NewSource(
            "https://example.org/canteen",
            title="Canteen ledger",
            publisher="Staff council",
            accessed=dt.date(2026, 3, 31),
            stance=Stance.CONTEXT,
            excerpt="4,210 muffins",
        ),
    )


def retitle(desk: Desk, article_id: int) -> None:
    import dataclasses

    meta = desk.articles.article_metadata(article_id)
    desk.articles.update_article_metadata(article_id, dataclasses.replace(meta, title="Canteen"))


@pytest.mark.parametrize("work", [tag_one, untag_again, link_one, retitle])
def test_an_article_with_work_recorded_on_it_is_kept_and_says_why(
    seeded_desk: Desk, work: object
) -> None:
    mistake = import_mistake(seeded_desk)
    work(seeded_desk, mistake)  # type: ignore[operator]
    rows = seeded_desk.reviews.sentence_rows(mistake)
    history = len(seeded_desk.history.entries())
    with pytest.raises(EditRefused, match="is kept: reviews, sources or history are recorded"):
        seeded_desk.articles.remove_article(mistake)
    assert listed(seeded_desk) == [1, mistake]
    assert seeded_desk.reviews.sentence_rows(mistake) == rows
    assert len(seeded_desk.history.entries()) == history


def test_undo_after_the_same_file_was_imported_again_is_refused_in_words(
    seeded_desk: Desk,
) -> None:
    mistake = import_mistake(seeded_desk)
    seeded_desk.articles.remove_article(mistake)
    again = import_mistake(seeded_desk)
    with pytest.raises(EditRefused, match="in the workspace again: the same text was imported"):
        seeded_desk.undo()
    assert listed(seeded_desk) == [1, again]
    assert found(seeded_desk, "zucchini") == 1


def test_an_article_imported_by_an_older_version_comes_back_whole(seeded_desk: Desk) -> None:
    """Versions before schema 3 kept an article's text in its row, not in parts."""
    mistake = import_mistake(seeded_desk)
    text = seeded_desk.articles.article_text(mistake)
    with seeded_desk.repo.db.atomic():
        seeded_desk.repo.db.execute("UPDATE articles SET text = ? WHERE id = ?", [text, mistake])
        seeded_desk.repo.db.execute("DELETE FROM article_text WHERE article_id = ?", [mistake])
    seeded_desk.articles.remove_article(mistake)
    seeded_desk.undo()
    assert seeded_desk.articles.article_text(mistake) == text
    assert found(seeded_desk, "zucchini") == 1
    assert seeded_desk.upkeep.check().ok


def test_the_command_line_removes_a_mistaken_import_and_keeps_a_reviewed_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A script that imported the wrong file (`import` printed its id) takes it out."""
    workspace = str(tmp_path / "w.fcdesk")
    wrong = tmp_path / "canteen.txt"
    wrong.write_text(WRONG_FILE, encoding="utf-8")
    assert run(["import", "-w", workspace, str(SEED_FILE), str(wrong)]) == 0
    capsys.readouterr()
    assert run(["remove", "-w", workspace, "--article", "2"]) == 0
    assert capsys.readouterr().out == (
        "Removed article 2: Quarterly figures for the canteen. (3 sentences).\n"
    )
    desk = Desk.open(Path(workspace))
    try:
        tag_one(desk, 1)
        assert listed(desk) == [1]
        assert desk.history.entries()[0].what.startswith("Remove article")
    finally:
        desk.close()
    assert run(["remove", "-w", workspace, "--article", "1"]) == 1
    error = capsys.readouterr().err
    assert (
        error.startswith("factcheck-app: The article “Ankara, Baku’s main backer")
        and "is kept" in error
    )
    assert run(["remove", "-w", workspace, "--article", "7"]) == 1
    assert capsys.readouterr().err == "factcheck-app: There is no article 7 in this workspace.\n"


def test_undo_after_a_merge_wrote_history_where_the_article_was_is_refused_in_words(
    tmp_path: Path,
) -> None:
    # Found by tests/services/test_edit_sequences.py: the merge's article took the removed
    # one's ids, and its history entries stay when the merge is undone; Ctrl+Z then
    # brought the removed article back under entries about another article (a colleague's
    # tag in its sentence's history) and it could no longer be removed again.
    colleague = Desk.open(tmp_path / "bob.fcdesk", backup=False, reviewer="Bob")
    try:
        theirs = colleague.importer.import_text("The mayor said the bridge cost 3 million euros.")
        first = colleague.reviews.sentence_rows(theirs.article_id)[0].sentence.id
        colleague.reviews.set_tag(first, Tag.CLAIM)
    finally:
        colleague.close()
    desk = Desk.open(tmp_path / "alice.fcdesk", backup=False, reviewer="Alice")
    try:
        mistake = import_mistake(desk)
        sentences = [row.sentence.id for row in desk.reviews.sentence_rows(mistake)]
        desk.articles.remove_article(mistake)
        # The merge is given ids no article had since 5 December; a workspace removed from
        # by an older desk has no note of the removed ids, and the merge took them.
        with desk.repo.db.atomic():
            desk.repo.db.execute(
                "DELETE FROM settings WHERE key IN (?, ?)",
                [ARTICLE_ID_HIGH_WATER, SENTENCE_ID_HIGH_WATER],
            )
        desk.merge.merge(tmp_path / "bob.fcdesk")
        desk.undo()  # the merge: its history entries stay
        with pytest.raises(EditRefused, match="an article merged in since held its place"):
            desk.undo()
        assert listed(desk) == []
        assert desk.edits.top("undo") is None  # refused for good: dropped, not back
        # Had it come back, its sentences' history would be Bob's tag of the mayor's.
        assert desk.repo.history.for_article(mistake) or any(
            desk.repo.history.about_sentence(s, mistake, None) for s in sentences
        )
    finally:
        desk.close()


def test_a_redo_refused_for_good_is_no_longer_offered(seeded_desk: Desk) -> None:
    # Before: Ctrl+Y was refused ("is kept: … history is recorded on it") and Redo went on
    # offering "Redo Remove article …", refused again each time it was chosen.
    mistake = import_mistake(seeded_desk)
    seeded_desk.articles.remove_article(mistake)
    seeded_desk.undo()
    retitled_outside_undo(seeded_desk, mistake)  # no undo step: the redo stays, finds work
    with pytest.raises(EditRefused, match="is kept: reviews, sources or history"):
        seeded_desk.redo()
    assert seeded_desk.edits.redo_text() == ""
    assert seeded_desk.redo() is None
    assert listed(seeded_desk) == [1, mistake]
    assert seeded_desk.history.verify().ok


def test_a_title_given_to_an_article_brought_back_drops_the_redo_of_its_removal(
    seeded_desk: Desk,
) -> None:
    """Article Properties is an undo step, as any edit: the removal's redo goes with it."""
    mistake = import_mistake(seeded_desk)
    seeded_desk.articles.remove_article(mistake)
    seeded_desk.undo()
    retitle(seeded_desk, mistake)
    assert seeded_desk.edits.redo_text() == ""
    seeded_desk.undo()  # the title goes back; the removal is not offered again
    assert seeded_desk.edits.redo_text() == "Edit article properties"
    assert listed(seeded_desk) == [1, mistake]


def test_an_undo_refused_for_good_is_dropped_and_ctrl_z_goes_on_beneath_it(
    seeded_desk: Desk,
) -> None:
    """The removal's undo is refused for good once the same text was imported again (it
    would hold that text twice). Before, the refused step stayed on top of the undo
    stack: every Ctrl+Z hit the same refusal, and the tag given before the removal could
    never be taken back. Now the refused step is dropped, the refusal says Ctrl+Z goes on
    with the step before it, and the next Ctrl+Z undoes that step."""
    sentence = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    seeded_desk.reviews.set_tag(sentence, Tag.CLAIM)
    mistake = import_mistake(seeded_desk)
    seeded_desk.articles.remove_article(mistake)
    again = import_mistake(seeded_desk)
    with pytest.raises(EditRefused, match="in the workspace again") as refused:
        seeded_desk.undo()
    assert "Ctrl+Z goes on with the step before it" in str(refused.value)
    assert seeded_desk.edits.undo_text() == "Tag as Claim"
    change = seeded_desk.undo()  # the tag, beneath the refused removal
    assert change is not None
    assert seeded_desk.reviews.review(sentence).tag is None
    assert listed(seeded_desk) == [1, again]
    # The dropped removal stays done: it is never offered as a redo.
    assert not seeded_desk.edits.redo_text().startswith("Remove article")
    seeded_desk.redo()
    assert seeded_desk.reviews.review(sentence).tag is Tag.CLAIM
    assert seeded_desk.redo() is None
    assert listed(seeded_desk) == [1, again]
    assert seeded_desk.history.verify().ok


def test_an_undo_refused_as_the_last_step_says_nothing_is_left_to_undo(
    seeded_desk: Desk,
) -> None:
    mistake = import_mistake(seeded_desk)
    seeded_desk.articles.remove_article(mistake)
    import_mistake(seeded_desk)
    with pytest.raises(EditRefused, match="in the workspace again") as refused:
        seeded_desk.undo()
    assert "Ctrl+Z goes on" not in str(refused.value)
    assert seeded_desk.edits.undo_text() == ""
    assert seeded_desk.undo() is None


ARABIC_FILE = (
    "# قال الوزير إن البطالة انخفضت\n\nThe minister said unemployment fell. Critics denied it.\n"
)


def _first_strong_direction(text: str) -> str:
    """How a message box lays out its paragraph: by the first letter with a direction."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return "left to right" if kind == "L" else "right to left"
    return "none"


def test_a_refusal_naming_an_arabic_title_still_reads_left_to_right(seeded_desk: Desk) -> None:
    """An Arabic title at the start of the refusal turned the whole box right to left:
    the English words after it ran from the right edge, the full stop first."""
    titled = seeded_desk.importer.import_text(ARABIC_FILE).article_id
    assert "قال" in seeded_desk.articles.article_metadata(titled).title
    tag_one(seeded_desk, titled)
    with pytest.raises(EditRefused) as kept:
        seeded_desk.articles.remove_article(titled)
    assert "قال" in str(kept.value)
    assert _first_strong_direction(str(kept.value)) == "left to right"
    other = ARABIC_FILE.replace("fell", "rose")
    seeded_desk.articles.remove_article(seeded_desk.importer.import_text(other).article_id)
    seeded_desk.importer.import_text(other)
    with pytest.raises(EditRefused) as gone:
        seeded_desk.undo()
    assert "قال" in str(gone.value)
    assert _first_strong_direction(str(gone.value)) == "left to right"


def test_ids_taken_between_the_look_and_the_write_are_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Z of a removal looks at the removed article's ids before its transaction;
    a merge saved beside it in between (the window's merge worker, another program on
    an older workspace with no note of the removed ids) may take them. The write then
    failed as "could not be read or written (UNIQUE constraint failed)", the workspace
    called damaged, instead of saying why."""
    from factcheck_app.services.edits import EditStack
    from factcheck_app.services.merge import Merging

    colleague = Desk.open(tmp_path / "bob.fcdesk", backup=False, reviewer="Bob")
    try:
        colleague.importer.import_text("The mayor said the bridge cost 3 million euros.")
    finally:
        colleague.close()
    desk = Desk.open(tmp_path / "alice.fcdesk", backup=False, reviewer="Alice")
    try:
        mistake = import_mistake(desk)
        desk.articles.remove_article(mistake)
        with desk.repo.db.atomic():  # a workspace removed from by an older desk
            desk.repo.db.execute(
                "DELETE FROM settings WHERE key IN (?, ?)",
                [ARTICLE_ID_HIGH_WATER, SENTENCE_ID_HIGH_WATER],
            )
        looked = RemoveArticleEdit.refusal
        beside = Merging(desk.repo, EditStack(desk.repo, "Alice"))

        def merged_meanwhile(self: RemoveArticleEdit, *args: Any) -> str | None:
            why = looked(self, *args)
            beside.merge(tmp_path / "bob.fcdesk")  # between the look and the write
            return why

        monkeypatch.setattr(RemoveArticleEdit, "refusal", merged_meanwhile)
        with pytest.raises(EditRefused, match="holds its place") as refused:
            desk.undo()
        assert "could not be read or written" not in str(refused.value)
        assert [a.title for a in desk.articles.list_articles()] == [
            "The mayor said the bridge cost 3 million euros."
        ]
        assert desk.edits.top("undo") is None  # refused for good: dropped
    finally:
        desk.close()
