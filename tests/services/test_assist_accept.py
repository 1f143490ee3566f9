"""Accepting a suggestion (A) through the desk: it tags what nobody tagged yet, and never
replaces a tag the reviewer gave."""

from __future__ import annotations

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk


def _sentences(desk: Desk) -> list[int]:
    article = desk.articles.list_articles()[0]
    return [row.sentence.id for row in desk.reviews.sentence_rows(article.id)]


def test_accepting_never_replaces_a_tag_given(seeded_desk: Desk) -> None:
    """A reviewer's Claim judged False became the suggested Denial, verdict and all."""
    first, second = _sentences(seeded_desk)[:2]
    reviews = seeded_desk.reviews
    reviews.set_tag(second, Tag.CLAIM)
    reviews.set_verdict(second, "false")
    judged = reviews.review(second)
    with pytest.raises(EditRefused, match="already tagged Claim"):
        reviews.accept_suggestion(second, Tag.DENIAL, "Yerevan", first)
    with pytest.raises(EditRefused, match="already tagged Claim"):
        reviews.accept_suggestion(second, None, "", None)
    assert reviews.review(second) == judged
    reviews.set_tag(first, None)  # nothing to check: the reviewer's decision too
    with pytest.raises(EditRefused, match="already marked nothing to check"):
        reviews.accept_suggestion(first, Tag.CLAIM, "Baku", None)
    assert reviews.review(first).tag is None


def test_accepting_the_tag_given_fills_in_the_claimant(seeded_desk: Desk) -> None:
    sentence = _sentences(seeded_desk)[0]
    seeded_desk.reviews.set_tag(sentence, Tag.CLAIM)
    assert seeded_desk.reviews.accept_suggestion(sentence, Tag.CLAIM, "Baku", None) is not None
    review = seeded_desk.reviews.review(sentence)
    assert (review.tag, review.claimant) == (Tag.CLAIM, "Baku")


def test_accepting_nothing_to_check_leaves_a_check_begun(seeded_desk: Desk) -> None:
    """A reviewer typed who said it, not yet a tag; the suggestion was "nothing to check"
    and A marked the sentence done: N then passed over it, never given a verdict."""
    sentence = _sentences(seeded_desk)[0]
    reviews = seeded_desk.reviews
    reviews.set_text_field(sentence, "claimant", "the ministry")
    begun = reviews.review(sentence)
    with pytest.raises(EditRefused, match="already being checked"):
        reviews.accept_suggestion(sentence, None, "", None)
    assert reviews.review(sentence) == begun
    # The suggested tag itself is taken, the claimant typed kept.
    assert reviews.accept_suggestion(sentence, Tag.CLAIM, "Baku", None) is not None
    review = reviews.review(sentence)
    assert (review.tag, review.claimant) == (Tag.CLAIM, "the ministry")


def test_a_claimant_typed_and_cleared_again_is_no_check_begun(seeded_desk: Desk) -> None:
    """A claimant typed on the wrong sentence and deleted again left nothing on it, yet A
    refused its "nothing to check" ("already being checked") and the panel said "being
    checked: A leaves it" over a blank sentence. With nothing typed on it, it takes the
    suggestion as a sentence never typed on does."""
    sentence = _sentences(seeded_desk)[0]
    reviews = seeded_desk.reviews
    reviews.set_text_field(sentence, "claimant", "the ministry")
    reviews.set_text_field(sentence, "claimant", "")
    reviews.set_text_field(sentence, "explanation", "  \n")
    assert reviews.accept_suggestion(sentence, None, "", None) is not None
    review = reviews.review(sentence)
    assert (review.tag, review.is_reviewed) == (None, True)


def test_accepting_many_leaves_a_sentence_marked_nothing_to_check(seeded_desk: Desk) -> None:
    """Accept All through the desk (a script's, or a window's filter forgotten) tagged a
    sentence the reviewer had marked "nothing to check": A leaves it, and so does this."""
    first, second = _sentences(seeded_desk)[:2]
    reviews = seeded_desk.reviews
    article = seeded_desk.articles.list_articles()[0].id
    reviews.set_tag(first, None)  # nothing to check: the reviewer's decision
    marked = reviews.review(first)
    change = reviews.accept_suggestions(
        article, [(first, Tag.CLAIM, "Baku", None), (second, Tag.CLAIM, "Baku", None)]
    )
    assert change is not None
    assert reviews.review(first) == marked
    assert reviews.review(second).tag is Tag.CLAIM
