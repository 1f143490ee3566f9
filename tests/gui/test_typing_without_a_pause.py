"""Typed text is saved a moment after the last key. A reviewer typing on without such a
moment (a fast typist, a long explanation) had nothing saved until she stopped: the desk
killed, or the power cut, a minute into it lost the minute. What is typed is saved every
few seconds too, as one undo step still."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.gui import review_panel
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk


@pytest.mark.parametrize("field", ["claimant", "explanation"])
def test_typing_on_without_a_pause_is_saved_as_it_goes(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    field: str,
) -> None:
    monkeypatch.setattr(review_panel, "TEXT_SAVE_DELAY_MS", 600_000)  # never a pause
    monkeypatch.setattr(review_panel, "TEXT_SAVE_LONGEST_MS", 10, raising=False)
    window = make_window(seeded_desk)
    panel = window.panel
    sentence_id = panel.sentence_id
    assert sentence_id is not None
    box = getattr(panel, f"{field}_edit")
    box.setFocus()

    qtbot.keyClicks(box, "Payroll")
    qtbot.waitUntil(lambda: getattr(seeded_desk.reviews.review(sentence_id), field) == "Payroll")
    qtbot.keyClicks(box, " records")
    qtbot.waitUntil(
        lambda: getattr(seeded_desk.reviews.review(sentence_id), field) == "Payroll records"
    )

    assert box.hasFocus()  # still typing, the caret where it was
    qtbot.keyClicks(box, ".")
    panel.flush_pending_text()
    assert getattr(seeded_desk.reviews.review(sentence_id), field) == "Payroll records."
    assert seeded_desk.edits.undo_text() == f"Edit {field}"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert getattr(seeded_desk.reviews.review(sentence_id), field) == ""  # one undo step
