"""One sentence's reviews from two workspaces become one (issue 16 merge rules)."""

from __future__ import annotations

import json

from factcheck_app.domain.merge_rules import (
    HistoryRecord,
    Knowledge,
    Order,
    SentenceOutcome,
    Shared,
    agree,
    combine,
    detail_edit,
    in_our_names,
    merge_sentence,
    reviewer_behind,
    shared_outcome,
    shared_outcomes,
)
from factcheck_app.domain.models import Review, SignOff, SignOffDecision, Status, Tag


def _review(
    reviewer: str, tag: Tag | None, verdict: str | None = None, at: str = "2026-12-01T10:00:00"
) -> Review:
    status = Status.DONE if verdict else Status.IN_PROGRESS
    return Review(1, tag, verdict, status=status, reviewer=reviewer, updated_at=at)


def _side(*versions: Review, decided: Review | None = None) -> Knowledge:
    return Knowledge(decided or versions[-1], {v.reviewer: v for v in versions})


def test_the_same_tag_and_verdict_is_agreed_and_ours_stays_decided() -> None:
    ours = _side(_review("Alice", Tag.CLAIM, "false"))
    theirs = _side(_review("Bob", Tag.CLAIM, "false", at="2026-12-02T00:00:00"))
    outcome = merge_sentence(ours, theirs)
    assert outcome.agreed and not outcome.conflict
    assert outcome.decided is None
    assert [v.reviewer for v in outcome.versions] == ["Bob"] and outcome.added == 1


def test_a_different_verdict_is_a_conflict_keeping_both_versions() -> None:
    alice = _review("Alice", Tag.CLAIM, "true")
    ours = Knowledge(alice)  # written before versions were kept: the decided one counts
    theirs = _side(_review("Bob", Tag.CLAIM, "false"))
    outcome = merge_sentence(ours, theirs)
    assert outcome.conflict and not outcome.agreed
    assert outcome.decided == alice.edited(status=Status.CONFLICT)
    assert sorted(v.reviewer for v in outcome.versions) == ["Alice", "Bob"]
    assert outcome.added == 1  # Alice's was ours already: stored now, not added


def test_only_theirs_becomes_the_decided_review() -> None:
    bob = _review("Bob", Tag.FACT)
    outcome = merge_sentence(Knowledge(Review(1)), _side(bob))
    assert outcome.decided == bob and outcome.decided_is_theirs
    assert not outcome.conflict and not outcome.agreed


def test_nothing_new_changes_nothing_even_after_a_decision_here() -> None:
    alice, bob = _review("Alice", Tag.CLAIM, "true"), _review("Bob", Tag.CLAIM, "false")
    decided_here = _side(alice, bob, decided=alice)  # someone kept Alice's
    outcome = merge_sentence(decided_here, _side(alice, bob, decided=bob))
    assert not outcome.changes and not outcome.conflict


def test_their_decision_of_a_conflict_still_open_here_is_taken() -> None:
    alice, bob = _review("Alice", Tag.CLAIM, "true"), _review("Bob", Tag.CLAIM, "false")
    open_here = _side(alice, bob, decided=alice.edited(status=Status.CONFLICT))
    outcome = merge_sentence(open_here, _side(alice, bob, decided=bob))
    assert outcome.decided == bob and not outcome.conflict


def test_one_reviewers_later_edit_replaces_their_earlier_one() -> None:
    earlier = _review("Alice", Tag.CLAIM, "true", at="2026-12-01T10:00:00")
    later = _review("Alice", Tag.CLAIM, "false", at="2026-12-02T10:00:00")
    outcome = merge_sentence(_side(earlier), _side(later))
    assert outcome.decided == later and not outcome.conflict
    assert outcome.versions == [later]
    # and the other way round, ours is the later one: nothing changes
    assert not merge_sentence(_side(later), _side(earlier)).changes


def test_a_conflict_of_theirs_arrives_as_a_conflict() -> None:
    alice, bob = _review("Alice", Tag.CLAIM, "true"), _review("Bob", Tag.CLAIM, "false")
    theirs = _side(alice, bob, decided=alice.edited(status=Status.CONFLICT))
    outcome = merge_sentence(Knowledge(Review(1)), theirs)
    assert outcome.conflict and outcome.decided is not None
    assert outcome.decided.status is Status.CONFLICT and outcome.added == 2


def test_combining_two_sentences_carries_the_second_into_the_first() -> None:
    first = Knowledge(_review("Bob", Tag.CLAIM, "true"))
    second = Knowledge(_review("Bob", Tag.FACT).edited(sentence_id=2, explanation="Figures."))
    joined = combine(7, [first, second])
    assert joined.decided.sentence_id == 7 and joined.decided.tag is Tag.CLAIM
    assert "Figures." in joined.decided.explanation and "Fact" in joined.decided.explanation
    assert joined.decided.status is Status.SECOND_LOOK


def test_agree_compares_tag_and_verdict_only() -> None:
    a = _review("Alice", Tag.CLAIM, "true").edited(explanation="one")
    b = _review("Bob", Tag.CLAIM, "true").edited(explanation="other")
    assert agree(a, b) and not agree(a, b.edited(verdict="false"))


def test_their_decision_made_knowing_our_review_is_taken_not_raised_again() -> None:
    """An editor merged Alice's and Bob's reviews and kept Bob's: Alice, merging the
    editor's file, gets the decision (and its sign-off), not the conflict again."""
    alice, bob = _review("Alice", Tag.CLAIM, "true"), _review("Bob", Tag.CLAIM, "false")
    returned = SignOff(1, SignOffDecision.RETURNED, "Cleo", "Bob", "Why?", "2026-12-03T09:00")
    editors = Knowledge(bob, {"Alice": alice, "Bob": bob}, returned)
    outcome = merge_sentence(_side(alice), editors)
    assert outcome.decided == bob and outcome.decided_is_theirs and not outcome.conflict
    # Not when a review of ours is one they did not see: then it is a second opinion.
    later = _review("Alice", Tag.CLAIM, "mixed", at="2026-12-04T10:00:00")
    assert merge_sentence(_side(later), editors).conflict


def test_an_approval_here_is_not_dropped_by_a_file_that_did_not_see_it() -> None:
    alice, bob = _review("Alice", Tag.CLAIM, "true"), _review("Bob", Tag.CLAIM, "false")
    approved = SignOff(1, SignOffDecision.APPROVED, "Zoë", "Alice", "", "2026-12-03T09:00")
    ours = Knowledge(alice, {"Alice": alice}, approved)
    outcome = merge_sentence(ours, Knowledge(bob, {"Alice": alice, "Bob": bob}))
    assert not outcome.decided_is_theirs and outcome.conflict
    # Their approval of the same review, where ours has none, comes with it.
    outcome = merge_sentence(_side(alice), Knowledge(alice, {"Alice": alice}, approved))
    assert outcome.decided_is_theirs and outcome.decided is None and not outcome.versions


def test_a_sign_off_of_the_same_check_comes_whatever_reviews_it_lacks() -> None:
    """Edith's file lacks Ben's review, merged here since: her sign-off of Alice's check,
    the check shown here, comes on its own (it was dropped), also where Ben disagreed
    and the sentence is in conflict (as it stays when Ben's file comes after hers)."""
    alice, ben = _review("Alice", Tag.CLAIM, "false"), _review("Ben", Tag.CLAIM, "false")
    approved = SignOff(1, SignOffDecision.APPROVED, "Edith", "Alice", "", "2026-12-03T09:00")
    edith = Knowledge(alice, {"Alice": alice}, approved)
    outcome = merge_sentence(_side(alice, ben, decided=alice), edith)
    assert outcome.sign_off_is_theirs and outcome.decided is None and not outcome.versions
    other = _review("Ben", Tag.CLAIM, "true")
    in_conflict = _side(alice, other, decided=alice.edited(status=Status.CONFLICT))
    outcome = merge_sentence(in_conflict, edith)
    assert outcome.sign_off_is_theirs and not outcome.changes  # still in conflict
    # Not a sign-off of another check: Ben's words kept here (the same verdict), or an
    # older sign-off than ours.
    assert not merge_sentence(_side(alice, ben, decided=ben), edith).sign_off_is_theirs
    later = SignOff(1, SignOffDecision.RETURNED, "Edith", "Alice", "Why?", "2026-12-04T09:00")
    ours = Knowledge(alice, {"Alice": alice, "Ben": ben}, later)
    assert not merge_sentence(ours, edith).sign_off_is_theirs


def test_a_sign_off_our_history_took_away_since_does_not_come_back() -> None:
    """Zoë approved Alice's check, Alice merged her file, Zoë undid the approval: merging
    Alice's file, her approval (which our history holds, followed by the undo) is not
    taken, either with their decided review or on its own. One the histories say nothing
    of still comes."""
    alice = _review("Alice", Tag.CLAIM, "false")
    approved = SignOff(1, SignOffDecision.APPROVED, "Zoë", "Alice", "", "2026-12-03T09:00")
    asked: list[tuple[SignOff | None, SignOff | None]] = []

    def we_went_on(mine: SignOff | None, theirs: SignOff | None) -> Order:
        asked.append((mine, theirs))
        return Order.OURS

    theirs = Knowledge(alice, {"Alice": alice}, approved)
    outcome = merge_sentence(_side(alice), theirs, sign_off_order=we_went_on)
    assert not outcome.decided_is_theirs and not outcome.sign_off_is_theirs
    assert not outcome.changes and (None, approved) in asked
    # Where the histories do not say (the clock's tie-break), it comes as before.
    outcome = merge_sentence(_side(alice), theirs, sign_off_order=lambda m, t: Order.UNKNOWN)
    assert outcome.decided_is_theirs or outcome.sign_off_is_theirs
    # Alice's later edit (her answer) is taken, without the sign-off taken away here.
    answer = alice.edited(explanation="Table 4.")
    outcome = merge_sentence(
        _side(alice),
        Knowledge(answer, {"Alice": answer}, approved),
        lambda m, t: Order.THEIRS,
        sign_off_order=we_went_on,
    )
    assert outcome.later_edit and outcome.decided == answer
    assert outcome.sign_off_withdrawn_here


def test_a_sign_off_their_history_took_away_since_goes_whatever_the_reviews() -> None:
    """The other way round: Alice's answer here is later than her review there, so their
    decided review is not ours brought further; their taking our return away (an editor's
    undo) still goes. Not where their history does not say so."""
    alice = _review("Alice", Tag.CLAIM, "false")
    answer = alice.edited(explanation="Table 4.")
    returned = SignOff(1, SignOffDecision.RETURNED, "Zoë", "Alice", "Why?", "2026-12-03T09:00")
    ours = Knowledge(answer, {"Alice": answer}, returned)

    def merged(sign_offs: Order) -> SentenceOutcome:
        return merge_sentence(
            ours, _side(alice), lambda m, t: Order.OURS, sign_off_order=lambda m, t: sign_offs
        )

    outcome = merged(Order.THEIRS)
    assert outcome.sign_off_is_theirs and not outcome.decided_is_theirs
    assert not outcome.conflict and outcome.decided is None
    for unsaid in (Order.UNKNOWN, Order.CONCURRENT, Order.OURS):
        assert not merged(unsaid).sign_off_is_theirs


def test_a_file_that_never_saw_the_conflict_does_not_decide_it() -> None:
    """Bob's own file, merged again into a workspace where his review and Alice's are in
    conflict: his decided review is only his, not a decision of the conflict."""
    alice, bob = _review("Alice", Tag.CLAIM, "true"), _review("Bob", Tag.CLAIM, "false")
    open_here = _side(alice, bob, decided=alice.edited(status=Status.CONFLICT))
    assert not merge_sentence(open_here, _side(bob)).changes


# -- a shared source's details: who changed them since both had them the same -----------------

TYPO, FIXED, OTHER = ("Anual report",), ("Annual report 2024",), ("Annual Report, 2024",)


def test_a_shared_detail_only_they_changed_since_is_theirs() -> None:
    edit = ("bob-1", TYPO, FIXED)
    assert shared_outcome(TYPO, FIXED, [], [edit], set(), {"bob-1"}) is Shared.THEIRS
    # Theirs taken, then undone here (their entry stays in our history): theirs again.
    assert shared_outcome(TYPO, FIXED, [edit], [edit], {"bob-1"}, {"bob-1"}) is Shared.THEIRS
    # Their two edits in a row, the first from ours.
    two = [("bob-1", TYPO, OTHER), ("bob-2", OTHER, FIXED)]
    assert shared_outcome(TYPO, FIXED, [], two, set(), {"bob-1", "bob-2"}) is Shared.THEIRS


def test_a_shared_detail_only_we_changed_since_is_ours_and_both_or_neither_differ() -> None:
    ours, theirs = ("alice-1", TYPO, FIXED), ("bob-1", TYPO, OTHER)
    assert shared_outcome(FIXED, TYPO, [ours], [], {"alice-1"}, set()) is Shared.OURS
    assert (
        shared_outcome(FIXED, OTHER, [ours], [theirs], {"alice-1"}, {"bob-1"}) is Shared.DIFFERENT
    )
    # Linked on their own with other titles: no history says which is later.
    assert shared_outcome(FIXED, OTHER, [], [], set(), set()) is Shared.DIFFERENT
    assert shared_outcome(FIXED, FIXED, [ours], [theirs], set(), set()) is Shared.SAME
    # Their edit went from a title we never had.
    assert shared_outcome(OTHER, FIXED, [], [("bob-1", TYPO, FIXED)], set(), set()) is (
        Shared.DIFFERENT
    )


def test_their_edit_back_after_we_took_theirs_is_the_later_word() -> None:
    """Bob: typo → fixed, then fixed → typo. Alice took the fix (his entry is in her
    history): Bob's second edit is the newest, though Alice moved away from the typo too."""
    first, back = ("bob-1", TYPO, FIXED), ("bob-2", FIXED, TYPO)
    assert (
        shared_outcome(FIXED, TYPO, [first], [first, back], {"bob-1"}, {"bob-1", "bob-2"})
        is Shared.THEIRS
    )


def test_an_edit_source_entry_is_read_only_when_it_holds_the_details() -> None:
    def entry(old: object, new: object, entity: str = "source_link") -> HistoryRecord:
        return HistoryRecord(
            1, "", "Bob", "do", "", entity, 1, json.dumps(old), json.dumps(new), 1, 7, "", "h"
        )

    state = {
        "url": "https://example.org/report",
        "title": "Anual report",
        "publisher": "",
        "accessed": "2026-12-01",
        "stance": "supports",
        "excerpt": "4 percent",
    }
    fixed = state | {"title": "Annual report 2024"}
    edit = detail_edit(entry(state, fixed), "h")
    assert edit is not None and edit.sentence_id == 7
    assert (edit.source_before, edit.source_after) == (
        ("Anual report", "", "2026-12-01"),
        ("Annual report 2024", "", "2026-12-01"),
    )
    assert edit.link_before == edit.link_after == ("supports", "4 percent")
    assert detail_edit(entry(None, state), "h") is None  # a link made
    assert detail_edit(entry(state, fixed, entity="review"), "h") is None
    assert detail_edit(entry(state | {"url": "https://example.org/x"}, fixed), "h") is None
    assert detail_edit(entry(state | {"title": 3}, fixed), "h") is None  # a hostile file
    assert detail_edit(entry({k: v for k, v in state.items() if k != "title"}, fixed), "h") is None


def test_each_detail_is_decided_from_the_edits_that_changed_it() -> None:
    """Alice set the publisher, Bob fixed the title (and the two dates never were one)."""
    ours = ("Anual report", "Statistics Office", "2026-12-01")
    theirs = ("Annual report 2024", "", "2026-12-03")
    alice = ("alice-1", ("Anual report", "", "2026-12-01"), ours)
    bob = ("bob-1", ("Anual report", "", "2026-12-03"), theirs)
    assert shared_outcomes(ours, theirs, [alice], [bob], {"alice-1"}, {"bob-1"}) == [
        Shared.THEIRS,
        Shared.OURS,
        Shared.DIFFERENT,
    ]


def test_her_name_typed_another_way_there_is_weighed_as_her_version_here() -> None:
    ours = _side(_review("Ana Ruiz", Tag.CLAIM, "false", at="2026-12-01T10:00:00"))
    theirs = _side(_review("ＡＮＡ  RUIZ", Tag.CLAIM, "true", at="2026-12-01T11:00:00"))
    renamed = in_our_names(ours, theirs)
    assert [*renamed.versions] == ["Ana Ruiz"] and renamed.decided.reviewer == "Ana Ruiz"
    # By the clock (no history): her later word, not a second reviewer's disagreement.
    outcome = merge_sentence(ours, theirs)
    assert not outcome.conflict
    assert [(v.reviewer, v.verdict) for v in outcome.versions] == [("Ana Ruiz", "true")]


def test_spellings_that_do_not_tell_which_is_her_last_word_are_weighed_as_before() -> None:
    # Ours holds two spellings of her and its decided review is Ben's: which is hers here
    # is not told, so theirs is not renamed (each spelling on its own, as before).
    ben = _review("Ben", Tag.CLAIM, "false")
    ours = _side(_review("Ana Ruiz", Tag.CLAIM, "true"), _review("ana ruiz", Tag.FACT), ben)
    theirs = _side(_review("ANA RUIZ", Tag.CLAIM, "mixed"))
    assert in_our_names(ours, theirs) is theirs
    # Both sides holding the same spellings: unchanged.
    same = _side(_review("Ana Ruiz", Tag.CLAIM, "true"), _review("ana ruiz", Tag.FACT))
    assert in_our_names(same, same) is same


def test_her_version_from_another_desk_is_hers_under_another_spelling_of_her_name() -> None:
    # A desk that knows her as "Ana Ruiz" merged a colleague's that kept her laptop's
    # version as "ana ruiz (in laptop.fcdesk)": still hers (Keep This One makes it hers,
    # the conflict's heading and the agreement name her once), not a third reviewer's.
    assert reviewer_behind("ana ruiz (in laptop.fcdesk)", ["Ana Ruiz", "Ben"]) == "Ana Ruiz"
    # Her name as written, where this desk has it too; another person's never.
    both = ["Ana Ruiz", "ana ruiz"]
    assert reviewer_behind("ana ruiz (in laptop.fcdesk)", both) == "ana ruiz"
    assert reviewer_behind("Jose Diaz (in laptop.fcdesk)", ["José Díaz"]) is None
    assert reviewer_behind("Ana Ruiz", both) is None
