"""The review panel shows a reviewer's name from elsewhere (a merged workspace) as one
line of visible text: a right-to-left override in it cannot turn the rest of the
sign-off line or of a history line around (issue 16)."""

from __future__ import annotations

from factcheck_app.domain.models import Review, SignOff, SignOffDecision, Status, Tag
from factcheck_app.gui.history_panel import sign_off_text
from tests.gui.test_times_shown import history_line

EDITOR = "Eve\u202e Ngata\n"
CHECKER = "Ana\u2067 Ruiz"


def test_the_sign_off_line_shows_names_as_visible_text() -> None:
    review = Review(1, Tag.CLAIM, "false", status=Status.DONE, reviewer=CHECKER)
    awaiting = sign_off_text(review, None)
    assert awaiting == "Awaiting sign-off (checked by Ana Ruiz)."
    sign_off = SignOff(1, SignOffDecision.APPROVED, EDITOR, CHECKER, "", "2026-12-03T09:12")
    line = sign_off_text(review, sign_off)
    assert line.startswith("Approved by Eve Ngata on ") and line.endswith("(checked by Ana Ruiz)")


def test_a_history_line_shows_the_name_as_visible_text(qtbot: object) -> None:
    shown = history_line("2026-12-03T09:12:00+00:00", EDITOR)
    assert " · Eve Ngata · Approve verdict" in shown and "\u202e" not in shown
