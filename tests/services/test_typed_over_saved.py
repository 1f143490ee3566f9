"""`Reviews.set_text_field` with `typed_over`: typed text is not saved over other text
another program saved in its field since the typing began."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditGone, TypedOverSaved
from factcheck_app.services.desk import Desk
from tests.services.meanwhile_fixtures import another_program, in_conflict, minister_desk, path_of

BEA_SAVES = (
    "INSERT INTO reviews (sentence_id, explanation) VALUES (?2, ?1) "
    "ON CONFLICT (sentence_id) DO UPDATE SET explanation = ?1"
)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    yield from minister_desk(tmp_path)


def test_text_typed_over_a_field_saved_since_is_refused_and_nothing_written(desk: Desk) -> None:
    first = desk.reviews.sentence_rows(1)[0].sentence.id
    another_program(path_of(desk), BEA_SAVES, "Bea's note", first)
    with pytest.raises(TypedOverSaved) as refused:
        desk.reviews.set_text_field(first, "explanation", "Mine", typed_over="")
    assert refused.value.saved == "Bea's note"
    assert desk.reviews.review(first).explanation == "Bea's note"
    assert desk.edits.undo_text() == ""  # no step made


def test_typed_over_what_is_saved_or_the_same_text_is_saved(desk: Desk) -> None:
    first, second = (row.sentence.id for row in desk.reviews.sentence_rows(1)[:2])
    desk.reviews.set_text_field(first, "explanation", "Mine", typed_over="")
    assert desk.reviews.review(first).explanation == "Mine"
    another_program(path_of(desk), BEA_SAVES, "Same", second)
    desk.reviews.set_text_field(second, "explanation", "Same", typed_over="")  # no clash
    desk.reviews.set_text_field(second, "explanation", "Hers", typed_over="Same")
    assert desk.reviews.review(second).explanation == "Hers"
    another_program(path_of(desk), BEA_SAVES, "Bea's", first)
    desk.reviews.set_text_field(first, "explanation", "Not asked")  # typed_over None
    assert desk.reviews.review(first).explanation == "Not asked"


def test_ctrl_z_of_typing_saved_over_another_programs_text_brings_that_text_back(
    desk: Desk,
) -> None:
    """Typing saved in a row is one undo step; the reviewer typed on #1, another program
    saved #1's explanation, and her next words (after the refusal she was shown) were
    saved over it. They were made part of her step before, which began from the empty
    field: Ctrl+Z emptied it, and the other program's text, which the box told her
    Ctrl+Z would bring back, was gone. A step goes on only from what it left."""
    first = desk.reviews.sentence_rows(1)[0].sentence.id
    desk.reviews.set_text_field(first, "explanation", "Wrong", typed_over="")
    another_program(path_of(desk), BEA_SAVES, "Bea's note", first)
    desk.reviews.set_text_field(first, "explanation", "Wrong year", typed_over="Bea's note")
    desk.undo()
    assert desk.reviews.review(first).explanation == "Bea's note"
    with pytest.raises(EditGone):  # "Wrong" is not what it left any more: Bea's stays
        desk.undo()
    assert desk.reviews.review(first).explanation == "Bea's note"


def test_a_review_step_tells_the_text_fields_it_set_and_no_other(desk: Desk) -> None:
    """`Change.texts`: what the window's typed text waiting may take as its own edit
    (`ReviewPanel.saved_here`); a field not named keeps what it was typed over."""
    first, second = (row.sentence.id for row in desk.reviews.sentence_rows(1)[:2])
    typed = desk.reviews.set_text_field(first, "explanation", "Mine")
    assert typed is not None and typed.texts == {first: {"explanation": "Mine"}}
    verdict = desk.reviews.set_verdict(first, "false")
    assert verdict is not None and verdict.texts == {first: {}}
    undone = desk.undo()  # the verdict
    assert undone is not None and undone.texts == {first: {}}
    undone = desk.undo()  # the typing
    assert undone is not None and undone.texts == {first: {"explanation": ""}}
    redone = desk.redo()
    assert redone is not None and redone.texts == {first: {"explanation": "Mine"}}
    assert desk.reviews.set_text_field(second, "claimant", "Bea") is not None
    undone = desk.undo()
    assert undone is not None and undone.texts == {second: {"claimant": ""}}


def test_a_decision_tells_the_text_fields_it_set_and_no_other(tmp_path: Path) -> None:
    """Deciding a conflict by a version that differs in its verdict alone sets no text:
    told as setting any (None), the window took another program's explanation of that
    sentence for its own, and text waiting there (too long) went over it once shortened."""
    desk, sentence = in_conflict(tmp_path)
    dora = next(v for v in desk.merge.versions(sentence) if v.reviewer == "Dora Lim")
    decided = desk.reviews.decide(sentence, dora)
    assert decided.texts == {sentence: {}}
    undone = desk.undo()
    assert undone is not None and undone.texts == {sentence: {}}
    redone = desk.redo()
    assert redone is not None and redone.texts == {sentence: {}}


def test_a_merge_of_sentences_and_its_undo_tell_the_text_fields_they_set(desk: Desk) -> None:
    """`Change.texts` of a merge of sentences and its undo: the fields its reviews set
    unlike before, each with what it set (it was None, "any field", for the window: text
    waiting on a sentence it rewrote took whatever that held for this window's own)."""
    first, second, third = (row.sentence.id for row in desk.reviews.sentence_rows(1)[:3])
    desk.reviews.set_text_field(second, "explanation", "Ministry figures, 2019")
    merged = desk.boundaries.merge_with_next(first)
    assert merged.texts == {first: {"explanation": "Ministry figures, 2019"}}
    undone = desk.undo()
    assert undone is not None and undone.texts == {
        first: {"explanation": ""},
        second: {"explanation": "Ministry figures, 2019"},
    }
    assert third not in undone.sentence_ids
    redone = desk.redo()
    assert redone is not None and redone.texts == merged.texts


def test_steps_listing_no_sentence_tell_no_text_field(desk: Desk) -> None:
    """Article Properties, Remove Article and their undo set no review's text."""
    metadata = desk.repo.articles.article_metadata(1)
    changed = desk.articles.update_article_metadata(
        1, dataclasses.replace(metadata, title="Checked")
    )
    assert changed is not None and (changed.sentence_ids, changed.texts) == ((), {})
    desk.importer.import_text("A second article. It says little.", source_name="b.txt")
    other = next(a.id for a in desk.articles.list_articles() if a.id != 1)
    removed = desk.articles.remove_article(other)
    assert (removed.sentence_ids, removed.texts) == ((), {})
    back = desk.undo()
    assert back is not None and (back.sentence_ids, back.texts) == ((), {})
