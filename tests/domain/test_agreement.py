"""Cohen's kappa against hand-computed cases (issue 16)."""

from __future__ import annotations

import pytest

from factcheck_app.domain.agreement import agreement, pairwise_agreement


def labelled(*pairs: tuple[str, str]) -> tuple[dict[int, str], dict[int, str]]:
    first = {i: a for i, (a, _b) in enumerate(pairs)}
    second = {i: b for i, (_a, b) in enumerate(pairs)}
    return first, second


def test_the_textbook_yes_no_example() -> None:
    # 50 items: both yes 20, A yes / B no 5, A no / B yes 10, both no 15.
    # p_o = 35/50 = 0.7; p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2/0.5 = 0.4.
    first, second = labelled(
        *[("yes", "yes")] * 20, *[("yes", "no")] * 5, *[("no", "yes")] * 10, *[("no", "no")] * 15
    )
    result = agreement(first, second)
    assert result.n == 50 and result.agreement == pytest.approx(0.7)
    assert round(result.kappa or 0, 3) == 0.4
    assert len(result.disagreements) == 15


def test_perfect_agreement_is_one() -> None:
    first, second = labelled(
        ("claim", "claim"), ("fact", "fact"), ("denial", "denial"), ("none", "none")
    )
    result = agreement(first, second)
    assert (result.agreement, result.kappa, result.disagreements) == (1.0, 1.0, ())


def test_chance_level_agreement_is_zero() -> None:
    # Each labels half claim, half fact, independently: agreeing on exactly half.
    # p_o = 0.5, p_e = 0.5*0.5 + 0.5*0.5 = 0.5, kappa = 0.
    first, second = labelled(
        ("claim", "claim"), ("claim", "fact"), ("fact", "claim"), ("fact", "fact")
    )
    result = agreement(first, second)
    assert result.agreement == 0.5
    assert result.kappa is not None and round(result.kappa, 3) == 0.0


def test_one_disagreement_in_ten() -> None:
    # 10 items: A = 5 claim, 3 fact, 2 denial; B the same except one claim called fact.
    # p_o = 0.9; A shares .5/.3/.2, B .4/.4/.2; p_e = .20 + .12 + .04 = .36;
    # kappa = (.9 - .36) / (1 - .36) = .54 / .64 = 0.84375.
    a = ["claim"] * 5 + ["fact"] * 3 + ["denial"] * 2
    b = ["claim"] * 4 + ["fact"] * 4 + ["denial"] * 2
    result = agreement(dict(enumerate(a)), dict(enumerate(b)))
    assert result.agreement == 0.9 and round(result.kappa or 0, 3) == 0.844
    assert result.disagreements == (4,)


def test_worse_than_chance_is_negative_and_one_label_only_is_undefined() -> None:
    first, second = labelled(("claim", "fact"), ("fact", "claim"))
    assert round(agreement(first, second).kappa or 0, 3) == -1.0
    same, same_too = labelled(("claim", "claim"), ("claim", "claim"))
    assert agreement(same, same_too).kappa is None  # p_e = 1: kappa is not defined
    assert agreement({}, {1: "claim"}).n == 0


def test_only_shared_items_count_and_pairs_come_in_name_order() -> None:
    labels = {
        "Zoe": {1: "claim", 2: "fact", 3: "claim"},
        "Ana": {1: "claim", 2: "claim"},
        "Max": {9: "fact"},
    }
    pairs = pairwise_agreement(labels)
    assert [p.reviewers for p in pairs] == [("Ana", "Zoe")]  # Max shares nothing
    assert pairs[0].agreement.n == 2 and pairs[0].agreement.agreement == 0.5
