"""A review edit (a tag, a verdict, typed text) made from the review as read, its
sentence taken away by another program (a re-split on an older desk, DB Browser) before
the edit's transaction: refused as changed meanwhile, so that the window reads the
article again (`shown_as_saved_if_changed`) and nothing is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import ChangedMeanwhile, EditGone
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.services.meanwhile_fixtures import another_program, minister_desk, path_of
from tests.services.merge_fixtures import sentence_ids


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    yield from minister_desk(tmp_path)


def take_away(desk: Desk, sentence: int) -> None:
    """Another program deletes `sentence`, its review with it."""
    another_program(path_of(desk), "DELETE FROM reviews WHERE sentence_id = ?", sentence)
    another_program(path_of(desk), "DELETE FROM sentences WHERE id = ?", sentence)


@pytest.mark.parametrize("reviewed", [False, True], ids=["unreviewed", "tagged"])
def test_a_tag_on_a_sentence_taken_away_meanwhile_is_refused_as_changed_meanwhile(
    desk: Desk,
    between_read_and_write: Callable[[Desk, Callable[[], None]], None],
    reviewed: bool,
) -> None:
    """C on a sentence another program deleted between the desk's read and its write.
    Never reviewed, its review read as empty was still empty: the save failed on the
    workspace's own rule, said as "could not be read or written (FOREIGN KEY constraint
    failed)", as if the file were broken. Tagged, made again, it was "There is no
    sentence 5": neither a change meanwhile, so the window never read the article
    again and went on listing the sentence gone."""
    sentence = sentence_ids(desk, 1)[1]
    if reviewed:
        desk.reviews.set_tag(sentence, Tag.FACT)
    undo_text = desk.edits.undo_text()
    between_read_and_write(desk, lambda: take_away(desk, sentence))
    with pytest.raises(ChangedMeanwhile):
        desk.reviews.set_tag(sentence, Tag.CLAIM)
    assert desk.reviews.article_of(sentence) is None
    assert desk.edits.undo_text() == undo_text  # no step taken
    assert desk.history.verify().ok


@pytest.mark.parametrize("how", ["Denies box", "A (suggestion)"])
def test_a_denial_pointed_at_a_claim_taken_away_meanwhile_is_refused_as_changed_meanwhile(
    desk: Desk,
    between_read_and_write: Callable[[Desk, Callable[[], None]], None],
    how: str,
) -> None:
    """A denial pointed at a claim (in the Denies box, or by accepting a denial's
    suggestion) another program deleted between the desk's read and its write: the save
    failed on the workspace's own rule, "could not be read or written (FOREIGN KEY
    constraint failed)", as if the file were broken, and the window never read the
    article again. Refused as changed meanwhile, as for the denial's own sentence."""
    claim, denial = sentence_ids(desk, 1)[:2]
    desk.reviews.set_tag(claim, Tag.CLAIM)
    if how == "Denies box":
        desk.reviews.set_tag(denial, Tag.DENIAL)
    undo_text = desk.edits.undo_text()
    between_read_and_write(desk, lambda: take_away(desk, claim))
    with pytest.raises(ChangedMeanwhile):
        if how == "Denies box":
            desk.reviews.set_denies(denial, claim)
        else:
            desk.reviews.accept_suggestion(denial, Tag.DENIAL, "", claim)
    assert desk.reviews.review(denial).denies_sentence_id is None
    assert desk.edits.undo_text() == undo_text  # no step taken
    assert desk.history.verify().ok


@pytest.mark.parametrize(
    "how", ["Ctrl+Y of a tag", "Ctrl+Z of a denial cleared", "Ctrl+Y of a denial pointed"]
)
def test_a_review_step_put_back_on_a_sentence_taken_away_since_is_refused_in_words(
    desk: Desk, how: str
) -> None:
    """Ctrl+Z or Ctrl+Y of a review step whose sentence, or the claim its denial points
    at, another program deleted since: it failed on the workspace's own rule, "could not
    be read or written (FOREIGN KEY constraint failed)", as if the file were broken, at
    every press. Refused for good, in words: nothing written, the step dropped."""
    claim, denial, fact = sentence_ids(desk, 1)[:3]
    desk.reviews.set_tag(claim, Tag.CLAIM)
    desk.reviews.set_tag(denial, Tag.DENIAL)
    if how == "Ctrl+Y of a tag":
        desk.reviews.set_tag(fact, Tag.FACT)  # its first review: none to change since
        desk.undo()
        gone, press, review_of = fact, desk.redo, denial
    else:
        desk.reviews.set_denies(denial, claim)
        if how == "Ctrl+Z of a denial cleared":
            desk.reviews.set_denies(denial, None)
            press = desk.undo
        else:
            desk.undo()
            press = desk.redo
        gone, review_of = claim, denial
    kept = desk.reviews.review(review_of)
    take_away(desk, gone)
    with pytest.raises(EditGone, match="deleted since by another program"):
        press()
    assert desk.reviews.review(review_of) == kept  # nothing written
    assert desk.history.verify().ok
