"""Which of one reviewer's two versions is the later word: from the histories, never the
clocks (domain/merge_rules.version_order)."""

from __future__ import annotations

from factcheck_app.domain.merge_rules import (
    Knowledge,
    Order,
    merge_sentence,
    reviewer_behind,
    same_reviewer_name,
    version_order,
)
from factcheck_app.domain.models import Review, Status, Tag


def test_each_side_edited_since_the_state_both_had_is_concurrent() -> None:
    # Both copies started alike; the desk wrote d1, the laptop l1, neither saw the other.
    assert version_order(["d1"], ["l1"], {"d1"}, {"l1"}) is Order.CONCURRENT


def test_the_side_that_merged_the_other_and_went_on_is_later() -> None:
    # The laptop merged the desk's d1 and then wrote l1.
    assert version_order(["d1"], ["d1", "l1"], {"d1"}, {"d1", "l1"}) is Order.THEIRS
    assert version_order(["d1", "l1"], ["d1"], {"d1", "l1"}, {"d1"}) is Order.OURS


def test_having_merged_without_going_on_is_not_later() -> None:
    # The laptop wrote l1, then merged the desk's d1 (a conflict there), nothing since.
    assert version_order(["d1"], ["l1", "d1"], {"d1"}, {"l1", "d1"}) is Order.CONCURRENT


def test_where_a_history_has_no_entry_it_says_nothing() -> None:
    assert version_order([], ["l1"], set(), {"l1"}) is Order.UNKNOWN


def test_the_same_reviewers_versions_made_apart_are_kept_side_by_side() -> None:
    ours = Review(1, Tag.CLAIM, "false", explanation="desk", status=Status.DONE, reviewer="Ana")
    theirs = ours.edited(verdict="true", explanation="laptop", updated_at="2099-01-01")
    outcome = merge_sentence(
        Knowledge(ours, {"Ana": ours}),
        Knowledge(theirs, {"Ana": theirs}),
        lambda _mine, _theirs: Order.CONCURRENT,
        "laptop.fcdesk",
    )
    assert outcome.conflict
    assert outcome.decided == ours.edited(status=Status.CONFLICT)
    assert [v.reviewer for v in outcome.versions] == ["Ana (in laptop.fcdesk)"]


def test_a_name_made_elsewhere_is_told_back_to_its_reviewer() -> None:
    name = same_reviewer_name("Ana (desk)", "laptop.fcdesk")
    assert reviewer_behind(name, ["Ana", "Ana (desk)", name]) == "Ana (desk)"
    assert reviewer_behind("Ana", ["Ana", name]) is None
