"""An undo or redo of a review edit, a sign-off or a decision looked whether another
program had changed its sentence since just before its transaction, not in it: a change
saved in between (another program, the window's merge undone or redone in a worker) was
then written over by the undo, without a word. Each now looks in the step's own
transaction, and writes nothing when it was."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import SignOffDecision, Tag
from factcheck_app.services.desk import Desk
from tests.services.meanwhile_fixtures import (
    BEA_RETURNS_THE_SIGN_OFF,
    another_program,
    give_false_as_zoe,
    path_of,
    put_in_conflict,
    seeded,
)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = seeded(tmp_path / "w.fcdesk")
    yield opened
    opened.close()


def test_a_verdict_saved_meanwhile_is_not_written_over_by_ctrl_z(
    desk: Desk, between_check_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Ana gave "false" and pressed Ctrl+Z; between the undo's look and its write another
    program made the verdict "mixed". The undo put Ana's "no verdict" over "mixed"."""
    sentence = desk.reviews.sentence_rows(1)[4].sentence.id
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_verdict(sentence, "false")
    between_check_and_write(
        desk,
        lambda: another_program(
            path_of(desk), "UPDATE reviews SET rating = 'mixed' WHERE sentence_id = ?", sentence
        ),
    )
    entries = len(desk.history.entries())
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.undo()
    assert desk.reviews.review(sentence).verdict == "mixed"
    assert len(desk.history.entries()) == entries


def test_a_return_saved_meanwhile_is_not_taken_away_by_ctrl_z(
    desk: Desk, between_check_and_write: Callable[[Desk, Callable[[], None]], None]
) -> None:
    """Zoë approved and pressed Ctrl+Z; meanwhile another program saved Bea's return of
    the verdict. The undo deleted the sign-off: Bea's return and note gone."""
    sentence = give_false_as_zoe(desk)
    desk.sign_offs.approve(sentence)
    between_check_and_write(
        desk,
        lambda: another_program(
            path_of(desk),
            BEA_RETURNS_THE_SIGN_OFF,
            sentence,
        ),
    )
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.undo()
    sign_off = desk.sign_offs.sign_off(sentence)
    assert sign_off is not None and sign_off.decision is SignOffDecision.RETURNED
    assert sign_off.note == "Name the survey"


def test_a_decision_redone_over_one_made_meanwhile_is_refused(
    tmp_path: Path,
    desk: Desk,
    between_check_and_write: Callable[[Desk, Callable[[], None]], None],
) -> None:
    """The editor kept Dora's "false", undid it, and pressed Ctrl+Y; meanwhile another
    program decided the conflict "mixed". The redo wrote "false" over "mixed"."""
    sentence = put_in_conflict(desk, tmp_path)
    kept = next(v for v in desk.repo.reviews.versions(sentence) if v.reviewer == "Dora Lim")
    desk.reviews.decide(sentence, kept)
    desk.undo()
    between_check_and_write(
        desk,
        lambda: another_program(
            path_of(desk),
            "UPDATE reviews SET rating = 'mixed', status = 'done' WHERE sentence_id = ?",
            sentence,
        ),
    )
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.redo()
    assert desk.reviews.review(sentence).verdict == "mixed"
