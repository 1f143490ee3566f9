"""A decision and a sign-off read the review, its sign-off and the reviewers' versions
once to be made: they read them twice before (once more for what they were made from,
`Edit.made_from`), and the two reads could differ (another program saving in between),
the step made from one and checked against the other."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from factcheck_app.services.desk import Desk
from factcheck_app.services.edits import Change, Edit
from tests.services.meanwhile_fixtures import give_false_as_zoe, in_conflict, seeded

READS = (
    ("reviews", "get_review"),
    ("reviews", "versions"),
    ("reviews", "version"),
    ("sign_offs", "get"),
)


def reads_until_pushed(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each of READS is called before the step is pushed (its transaction)."""
    counts: Counter[str] = Counter()
    pushed = False
    for store_name, name in READS:
        store = getattr(desk.repo, store_name)
        original = getattr(store, name)

        def read(*args: object, _original: object = original, _name: str = name) -> object:
            if not pushed:
                counts[_name] += 1
            return _original(*args)  # type: ignore[operator]

        monkeypatch.setattr(store, name, read)
    push = desk.edits.push

    def pushing(edit: Edit) -> Change:
        nonlocal pushed
        pushed = True
        return push(edit)

    monkeypatch.setattr(desk.edits, "push", pushing)
    return counts


def test_a_decision_reads_the_conflict_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, sentence = in_conflict(tmp_path)
    try:
        dora = next(v for v in desk.repo.reviews.versions(sentence) if v.reviewer == "Dora Lim")
        counts = reads_until_pushed(desk, monkeypatch)
        desk.reviews.decide(sentence, dora)
        assert counts == Counter({"get_review": 1, "versions": 1, "get": 1})
    finally:
        desk.close()


def test_a_sign_off_reads_the_review_and_its_sign_off_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = seeded(tmp_path / "w.fcdesk")
    try:
        sentence = give_false_as_zoe(desk)
        counts = reads_until_pushed(desk, monkeypatch)
        desk.sign_offs.approve(sentence)
        assert counts["get_review"] == 1
        assert counts["get"] == 1
    finally:
        desk.close()
