"""An explanation pasted past what a review export reads back, in the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain import review_rules
from factcheck_app.gui.app import CLOSING_ON_SIGNAL
from factcheck_app.gui.main_window import MainWindow
from tests.gui.conftest import reopened_window
from tests.gui.test_logout_with_unsaved_text import REAL_EXEC, shown_boxes


def test_an_explanation_pasted_past_the_longest_is_kept_to_copy_and_not_saved(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pasted whole (1,200,000 characters), it was saved, and the article's JSON export
    was refused on import. Now the box says why and by how much, with the pasted text
    under Show Details to copy from, and nothing is saved. (The panel's save of typed
    text is called as its timer calls it: laying out a line of 1,200,000 characters in
    the field itself takes Qt minutes, as it did before.)"""
    told: list[tuple[str, str, list[tuple[str, str]]]] = []
    monkeypatch.setattr(window.workspace, "show_text_not_saved", lambda *args: told.append(args))
    sid = window.current_sentence_id()
    assert sid is not None
    pasted = "x" * 1_200_000
    window.edits.save_text(sid, "explanation", pasted)
    assert window.desk.reviews.review(sid).explanation == ""
    ((_title, why, where_typed),) = told
    assert "200,000 characters too many" in why
    assert [text for _where, text in where_typed] == [pasted]
    assert window.panel.explanation_edit.toPlainText() == ""  # what is saved


def test_logging_out_while_the_too_long_box_is_up_keeps_the_text_for_the_next_start(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box saying the pasted text is too long holds it, and only it: the panel has
    let go of it. Logging out (SIGTERM) while it was up closed it and the window, and
    the text was in no field, no box and not kept for the next start: lost. It is kept
    now, and shown to copy at the next open for editing, as logging out keeps typed
    text a full disk refused."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)  # a real one lays out for minutes
    path = window.desk.path
    sid = window.current_sentence_id()
    assert path is not None and sid is not None
    typed = "The ministry's own 2019 table, pasted in whole. " * 5
    unanswered = QMessageBox.exec
    monkeypatch.setattr(QMessageBox, "exec", REAL_EXEC)  # the real box, closed by the signal
    app = QApplication.instance()
    assert app is not None
    seen: list[str] = []

    def signal_arrives() -> None:  # what close_on_terminate's handler does, box up
        box = QApplication.activeModalWidget()
        seen.append(box.detailedText() if isinstance(box, QMessageBox) else "")
        app.setProperty(CLOSING_ON_SIGNAL, True)
        monkeypatch.setattr(QMessageBox, "exec", unanswered)  # a box shown again fails
        app.closeAllWindows()

    QTimer.singleShot(0, signal_arrives)
    try:
        window.panel.explanation_edit.setFocus()
        window.panel.explanation_edit.setPlainText(typed)
        window.panel.flush_pending_text()  # its timer's save
    finally:
        app.setProperty(CLOSING_ON_SIGNAL, False)
    assert seen and typed in seen[0]
    assert not window.isVisible() and window.desk.closed
    shown = shown_boxes(monkeypatch)
    again = reopened_window(qtbot, path)
    qtbot.waitUntil(lambda: bool(shown))
    [(text, details)] = shown
    assert "was not saved" in text
    assert typed in details  # all of it, to paste in again, shortened
    assert again.desk.reviews.review(sid).explanation == ""  # never put in unasked
    again.close()
