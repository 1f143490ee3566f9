"""Sentences of two copies of one article line up by their spans (issue 16 merge)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from factcheck_app.domain.alignment import Group, align

# "Aa. Bb. Cc. Dd." as four sentences.
FOUR = [(0, 3), (4, 7), (8, 11), (12, 15)]


def test_the_same_boundaries_match_one_to_one() -> None:
    groups = align(FOUR, FOUR)
    assert groups == [Group((n,), (n,)) for n in range(4)]
    assert all(g.same_boundaries for g in groups)


def test_a_merge_on_one_side_matches_one_to_two() -> None:
    theirs = [(0, 3), (4, 11), (12, 15)]  # they merged sentences 2 and 3
    assert align(FOUR, theirs) == [
        Group((0,), (0,)),
        Group((1, 2), (1,)),
        Group((3,), (2,)),
    ]


def test_a_split_on_the_other_side_and_both_changing_one_place() -> None:
    ours = [(0, 3), (4, 5), (6, 7), (8, 11), (12, 15)]  # we split sentence 2 at 5
    assert align(ours, FOUR)[1] == Group((1, 2), (1,))
    theirs = [(0, 9), (10, 15)]  # they split elsewhere after merging
    assert align(FOUR, theirs) == [Group((0, 1, 2, 3), (0, 1))]


@given(st.sets(st.integers(1, 99)), st.sets(st.integers(1, 99)))
def test_every_sentence_is_in_exactly_one_group_and_groups_cover_the_same_text(
    cuts_a: set[int], cuts_b: set[int]
) -> None:
    def spans(cuts: set[int]) -> list[tuple[int, int]]:
        points = [0, *sorted(cuts), 100]
        return list(itertools.pairwise(points))

    ours, theirs = spans(cuts_a), spans(cuts_b)
    groups = align(ours, theirs)
    assert sorted(i for g in groups for i in g.ours) == list(range(len(ours)))
    assert sorted(j for g in groups for j in g.theirs) == list(range(len(theirs)))
    for g in groups:
        assert ours[g.ours[0]][0] == theirs[g.theirs[0]][0]
        assert ours[g.ours[-1]][1] == theirs[g.theirs[-1]][1]
    # Where no side moved a boundary the groups are one to one.
    shared = cuts_a & cuts_b
    ones = [g for g in groups if g.same_boundaries]
    assert len(ones) <= len(shared) + 1
