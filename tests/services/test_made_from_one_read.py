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


def test_accept_all_checks_each_review_in_one_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Accept All looks, in its transaction, whether each review is still as read and
    its sentence still there (`ReviewEdit.made_from_now`): two reads a sentence, 5,000
    suggestions took some 60 ms more (on the window's thread, the write lock held). One
    read each, however many sentences."""
    from factcheck_app.domain.models import Tag
    from tests.services.merge_fixtures import sentence_ids

    desk = seeded(tmp_path / "w.fcdesk")
    try:
        ids = sentence_ids(desk, 1)[:4]
        repo = desk.repo
        reads: Counter[str] = Counter()
        for store, name in (
            (repo.reviews, "get_review"),
            (repo.reviews, "review_as_made_from"),
            (repo.sentences, "sentence_exists"),
        ):
            original = getattr(store, name, None)
            if original is None:
                continue

            def read(*args: object, _original: object = original, _name: str = name) -> object:
                reads[_name] += 1
                return _original(*args)  # type: ignore[operator]

            monkeypatch.setattr(store, name, read)
        push = desk.edits.push

        def pushing(edit: Edit) -> Change:
            reads.clear()  # what the step was made from, read before: not counted
            return push(edit)

        monkeypatch.setattr(desk.edits, "push", pushing)
        desk.reviews.accept_suggestions(1, [(sid, Tag.CLAIM, "", None) for sid in ids])
        assert sum(reads.values()) == len(ids), reads
    finally:
        desk.close()
