"""How a review's status follows what the reviewer does: the rules the tag keys, the
verdict keys, typing, accepting a suggestion and copying a verdict all share."""

from __future__ import annotations

import pytest

from factcheck_app.domain.models import Review, Status, Tag
from factcheck_app.domain.review_rules import (
    accepted,
    copied_verdict,
    merge_reviews,
    status_after_tagging,
    status_after_typing,
    status_after_verdict,
    tag_kept,
)

U, P, D, L = Status.UNREVIEWED, Status.IN_PROGRESS, Status.DONE, Status.SECOND_LOOK


@pytest.mark.parametrize(
    ("status", "verdict", "tag", "after"),
    [
        (U, None, Tag.CLAIM, P),  # tagging starts a review
        (P, None, Tag.FACT, P),
        (D, "true", Tag.CLAIM, D),  # a finished review stays finished
        (D, None, Tag.CLAIM, P),  # "nothing to check", then a claim after all: reopened
        (L, None, Tag.CLAIM, L),  # a second look stays asked for
        (U, None, None, D),  # "nothing to check here": done
        (P, None, None, D),
        (P, "false", None, P),  # a judged sentence is not finished by clearing its tag
        (L, None, None, L),
    ],
)
def test_status_after_tagging(
    status: Status, verdict: str | None, tag: Tag | None, after: Status
) -> None:
    assert status_after_tagging(Review(1, status=status, verdict=verdict), tag) is after


@pytest.mark.parametrize(
    ("status", "verdict", "after"),
    [(U, "true", D), (P, "mixed", D), (L, "false", L), (D, None, D), (P, None, P)],
)
def test_a_verdict_completes_the_review_unless_it_awaits_a_second_look(
    status: Status, verdict: str | None, after: Status
) -> None:
    assert status_after_verdict(Review(1, status=status), verdict) is after


@pytest.mark.parametrize(
    ("status", "typed", "after"), [(U, "Baku", P), (U, "  ", U), (D, "Baku", D), (L, "x", L)]
)
def test_typing_starts_a_review(status: Status, typed: str, after: Status) -> None:
    assert status_after_typing(Review(1, status=status), typed) is after


def test_a_suggestion_taken_tags_like_the_key_and_keeps_what_was_typed() -> None:
    typed = Review(1, claimant="The ministry", status=P)
    after = accepted(typed, Tag.DENIAL, "Baku", denies_sentence_id=7)
    assert (after.tag, after.claimant, after.denies_sentence_id, after.status) == (
        Tag.DENIAL,
        "The ministry",
        7,
        status_after_tagging(typed, Tag.DENIAL),
    )


@pytest.mark.parametrize(
    ("review", "suggested", "kept"),
    [
        (Review(1), Tag.CLAIM, False),  # nothing decided yet: A tags
        (Review(1, claimant="Baku", status=P), Tag.DENIAL, False),  # typed, not tagged
        (Review(1, tag=Tag.CLAIM, status=P), Tag.CLAIM, False),  # the same: A fills in
        (Review(1, tag=Tag.CLAIM, verdict="false", status=D), Tag.DENIAL, True),
        (Review(1, tag=Tag.FACT, status=P), None, True),  # A would clear a tag given
        (Review(1, status=D), Tag.CLAIM, True),  # "nothing to check" was a decision
        (Review(1, status=D), None, False),
        (Review(1, verdict="true", status=D), Tag.CLAIM, False),  # judged, never tagged
    ],
)
def test_a_suggestion_never_replaces_a_tag_given(
    review: Review, suggested: Tag | None, kept: bool
) -> None:
    assert tag_kept(review, suggested) is kept


def test_a_copied_verdict_completes_and_keeps_what_was_typed() -> None:
    earlier = Review(2, tag=Tag.CLAIM, verdict="false", claimant="Baku", explanation="No.")
    mine = Review(1, explanation="Mine.", status=P)
    after = copied_verdict(mine, earlier)
    assert (after.tag, after.verdict, after.claimant, after.explanation, after.status) == (
        Tag.CLAIM,
        "false",
        "Baku",
        "Mine.",
        D,
    )


def test_merging_two_reviews_says_what_was_carried_in_a_short_line() -> None:
    """Merge with Next's status line, read in the window monkey's run (seed 2601): one
    thing carried "were added"; a pasted claimant of 3,000 accents or 100,000 letters
    filled the line whole, a terminal's escape in it raw."""
    first = Review(1, tag=Tag.CLAIM, verdict="true", claimant="Ana")
    _, message = merge_reviews(first, Review(2, claimant="Ruiz"))
    assert message == (
        "Merged two reviewed sentences: the first review was kept; the second one's "
        "claimant “Ruiz” was added to the explanation and the sentence marked for a second look."
    )
    long = "x" * 100_000 + "\x1b[2J"
    merged, message = merge_reviews(first, Review(2, tag=Tag.DENIAL, claimant=long))
    assert "tag Denial, claimant “" + "x" * 59 + "…” were added to the explanation" in message
    assert len(message) < 300
    assert merged.explanation.endswith("claimant " + "x" * 100_000 + "\x1b[2J]")  # kept whole
    _, message = merge_reviews(first, Review(2, claimant="Ana \x1b[2J\x00"))
    assert "claimant “Ana ?[2J?” was added" in message
