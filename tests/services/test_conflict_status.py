"""A sentence in conflict (issue 16): shown, counted and filtered like any status, but no
ordinary edit leaves it there and no reviewer chooses it."""

from __future__ import annotations

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import Review, Status, Tag
from factcheck_app.domain.review_rules import status_after_tagging, status_after_verdict
from factcheck_app.services.desk import Desk


def put_in_conflict(desk: Desk, sentence_id: int) -> None:
    """What a merge leaves: the decided review in conflict (written as the merge would)."""
    review = desk.reviews.review(sentence_id).edited(tag=Tag.CLAIM, status=Status.CONFLICT)
    with desk.workspace.db.atomic():
        desk.repo.reviews.save_review(review)


def test_conflict_has_words_and_the_rules_leave_it_alone() -> None:
    assert Status.CONFLICT.label == "Conflict" and not Status.CONFLICT.settable
    assert all(status.settable for status in Status if status is not Status.CONFLICT)
    review = Review(1, tag=Tag.CLAIM, status=Status.CONFLICT)
    assert status_after_tagging(review, None) is Status.CONFLICT
    assert status_after_tagging(review, Tag.FACT) is Status.CONFLICT
    assert status_after_verdict(review, "false") is Status.CONFLICT


def test_a_conflict_reads_back_and_refuses_ordinary_edits(seeded_desk: Desk) -> None:
    desk = seeded_desk
    first = desk.reviews.sentence_rows(1)[0].sentence.id
    put_in_conflict(desk, first)
    assert desk.reviews.review(first).status is Status.CONFLICT
    assert desk.reviews.sentence_rows(1)[0].review.status is Status.CONFLICT
    for edit in (
        lambda: desk.reviews.set_tag(first, Tag.FACT),
        lambda: desk.reviews.set_verdict(first, "false"),
        lambda: desk.reviews.set_text_field(first, "claimant", "Baku"),
        lambda: desk.reviews.set_status(first, Status.DONE),
    ):
        with pytest.raises(EditRefused, match="Reviewers disagree"):
            edit()
    assert desk.reviews.review(first).status is Status.CONFLICT
    # Taking many suggestions passes over it.
    assert desk.reviews.accept_suggestions(1, [(first, Tag.FACT, "", None)]) is None


def test_no_reviewer_chooses_conflict(seeded_desk: Desk) -> None:
    first = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    with pytest.raises(EditRefused, match="merge"):
        seeded_desk.reviews.set_status(first, Status.CONFLICT)
    assert seeded_desk.reviews.review(first).status is Status.UNREVIEWED
