"""An editor's decision on a conflict, and a sign-off, were made from the review read
before their transaction: a change landing between that read and the write (another
program, or the window's own merge redone in a worker) was written over, and the undo
later put back a review or sign-off that was no longer there. Each now finds the review
(and sign-off) in its own transaction as it was read, or writes nothing and says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import SignOffDecision
from factcheck_app.services.desk import Desk
from tests.services.meanwhile_fixtures import (
    BEA_RETURN_SAVED,
    BEA_RETURNS_THE_SIGN_OFF,
    another_program,
    give_false_as_zoe,
    in_conflict,
    seeded,
)


def test_a_conflict_decided_by_another_program_meanwhile_is_not_written_over(
    tmp_path: Path, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """The editor kept Dora's "false"; between the desk's read of the conflict and its
    write, another program decided it "mixed". The desk wrote "false" over it, and its
    undo put the conflict back: "mixed" lost both times."""
    desk, sentence = in_conflict(tmp_path)
    try:
        dora = next(v for v in desk.repo.reviews.versions(sentence) if v.reviewer == "Dora Lim")
        path = desk.path
        assert path is not None
        between_read_and_write(
            desk,
            lambda: another_program(
                path,
                "UPDATE reviews SET rating = 'mixed', status = 'done' WHERE sentence_id = ?",
                sentence,
            ),
        )
        before = len(desk.history.entries())
        with pytest.raises(EditRefused, match="changed while your decision"):
            desk.reviews.decide(sentence, dora)
        assert desk.reviews.review(sentence).verdict == "mixed"
        assert len(desk.history.entries()) == before
    finally:
        desk.close()


def test_a_verdict_changed_meanwhile_is_not_signed_off(
    tmp_path: Path, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Zoë approved Ana's "false"; between the desk's read of the review and its write,
    another program made the verdict "true". The approval was saved all the same: a
    verdict the editor never saw shown as approved by her in the report."""
    path = tmp_path / "w.fcdesk"
    desk = seeded(path)
    try:
        sentence = give_false_as_zoe(desk)
        between_read_and_write(
            desk,
            lambda: another_program(
                path, "UPDATE reviews SET rating = 'true' WHERE sentence_id = ?", sentence
            ),
        )
        with pytest.raises(EditRefused, match="changed"):
            desk.sign_offs.approve(sentence)
        assert desk.sign_offs.sign_off(sentence) is None
    finally:
        desk.close()


def test_a_sign_off_made_meanwhile_is_not_written_over(
    tmp_path: Path, between_read_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Zoë approved; meanwhile another program saved Bea's return of the same verdict.
    The approval wrote over the return, and its undo took the sentence back to no
    sign-off at all: Bea's note gone."""
    path = tmp_path / "w.fcdesk"
    desk = seeded(path)
    try:
        sentence = give_false_as_zoe(desk)
        between_read_and_write(
            desk,
            lambda: another_program(
                path,
                BEA_RETURN_SAVED,
                sentence,
                "2026-12-07T03:00:00+00:00",
            ),
        )
        with pytest.raises(EditRefused, match="changed"):
            desk.sign_offs.approve(sentence)
        sign_off = desk.sign_offs.sign_off(sentence)
        assert sign_off is not None and sign_off.decision is SignOffDecision.RETURNED
        assert sign_off.note == "Name the survey"
    finally:
        desk.close()


def test_a_decision_undone_after_another_program_changed_the_review_is_refused(
    tmp_path: Path,
) -> None:
    """The editor kept Dora's "false"; later another program made it "mixed". Ctrl+Z of
    the decision put the conflict back over "mixed" without a word, and its history
    entry said "from" a review that was never there."""
    desk, sentence = in_conflict(tmp_path)
    try:
        dora = next(v for v in desk.repo.reviews.versions(sentence) if v.reviewer == "Dora Lim")
        desk.reviews.decide(sentence, dora)
        path = desk.path
        assert path is not None
        another_program(path, "UPDATE reviews SET rating = 'mixed' WHERE sentence_id = ?", sentence)
        before = len(desk.history.entries())
        with pytest.raises(EditRefused, match="changed since by another program"):
            desk.undo()
        assert desk.reviews.review(sentence).verdict == "mixed"
        assert len(desk.history.entries()) == before
    finally:
        desk.close()


def test_a_sign_off_undone_after_another_program_changed_it_is_refused(tmp_path: Path) -> None:
    """Zoë approved; later another program saved Bea's return of the verdict. Ctrl+Z of
    the approval took the sign-off away altogether: Bea's return and note gone."""
    path = tmp_path / "w.fcdesk"
    desk = seeded(path)
    try:
        sentence = give_false_as_zoe(desk)
        desk.sign_offs.approve(sentence)
        another_program(
            path,
            BEA_RETURNS_THE_SIGN_OFF,
            sentence,
        )
        with pytest.raises(EditRefused, match="changed since by another program"):
            desk.undo()
        sign_off = desk.sign_offs.sign_off(sentence)
        assert sign_off is not None and sign_off.note == "Name the survey"
        assert desk.edits.undo_text().startswith("Verdict")  # Ctrl+Z goes on beneath it
    finally:
        desk.close()


@pytest.mark.parametrize("step", ["verdict", "source"])
def test_an_edit_that_took_an_approval_undone_over_another_programs_return_is_refused(
    tmp_path: Path, step: str
) -> None:
    """Zoë approved Ana's verdict; Ana then changed the verdict (or linked a source),
    which took the approval away; another program then saved Bea's return of the new
    verdict, with a note. Ctrl+Z of Ana's edit put Zoë's approval back over it: Bea's
    return and note gone, as Ctrl+Z of an approval took them before."""
    from factcheck_app.services.desk import NewSource

    path = tmp_path / "w.fcdesk"
    desk = seeded(path)
    try:
        sentence = give_false_as_zoe(desk)
        desk.sign_offs.approve(sentence)
        desk.edits.actor = "Ana Ruiz"
        if step == "verdict":
            desk.reviews.set_verdict(sentence, "mostly_false")
        else:
            desk.sources.link_source(sentence, NewSource("https://example.org/survey"))
        assert desk.sign_offs.sign_off(sentence) is None  # the approval taken
        another_program(
            path,
            BEA_RETURN_SAVED,
            sentence,
            "2026-12-07T03:00:00",
        )
        with pytest.raises(EditRefused, match="changed since by another program"):
            desk.undo()
        sign_off = desk.sign_offs.sign_off(sentence)
        assert sign_off is not None and sign_off.note == "Name the survey"
    finally:
        desk.close()


def test_a_decision_that_took_an_approval_undone_over_another_programs_return_is_refused(
    tmp_path: Path,
) -> None:
    """Deciding a conflict for another verdict than the one Dana approved took her
    approval away; another program then saved Bea's return. Ctrl+Z of the decision would
    put Dana's approval back over Bea's return, note and all: refused for good, as the
    same undo of a changed verdict is."""
    from tests.services.merge_fixtures import make_alice, make_bob, open_as, sentence_ids

    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    desk = open_as(alice, "Carol")
    try:
        desk.merge.merge(bob)
        wages = sentence_ids(desk, 1)[1]  # in conflict: Alice's true, Bob's false
        another_program(
            alice,
            "INSERT INTO sign_offs (sentence_id, decision, editor, checker, note, at)"
            " VALUES (?, 'approved', 'Dana', 'Alice', '', '2026-12-03T08:00:00+00:00')",
            wages,
        )
        bob_s = next(v for v in desk.merge.versions(wages) if v.reviewer == "Bob")
        desk.reviews.decide(wages, bob_s)
        assert desk.sign_offs.sign_off(wages) is None  # the approval taken
        another_program(alice, BEA_RETURN_SAVED, wages, "2026-12-07T03:00:00")
        with pytest.raises(EditRefused, match="changed since by another program"):
            desk.undo()
        sign_off = desk.sign_offs.sign_off(wages)
        assert sign_off is not None and sign_off.note == "Name the survey"
    finally:
        desk.close()
