"""Typed text the workspace does not take yet (too long), kept in the review panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from factcheck_app.domain import review_rules
from factcheck_app.gui.main_window import MainWindow
from tests.gui.test_logout_with_unsaved_text import shown_boxes

TABLE = "The ministry's own 2019 table, pasted in whole. "  # 48 characters


def test_the_too_long_text_keeps_its_undo_when_the_reviewer_comes_back_to_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text refused as too long, cut by half, then another sentence looked at and back:
    Ctrl+Z in the box did nothing ("Nothing typed in this box to undo"), the half cut
    gone from under the reviewer's hands, as the box was filled anew. The text waiting on
    each sentence keeps its box's undo while it waits; other sentences' boxes are their
    own."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown_boxes(monkeypatch)
    panel, box = window.panel, window.panel.explanation_edit
    first, second = (row.sentence.id for row in list(window.sentence_model.rows())[:2])
    window.select_sentence(first)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.insertPlainText(TABLE * 6)  # pasted: 288 characters
    panel.flush_pending_text()  # its timer's save: refused
    cursor = box.textCursor()
    cursor.setPosition(len(TABLE) * 3)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()  # half cut: 144, still too long
    panel.flush_pending_text()
    assert box.toPlainText() == TABLE * 3 and panel.refused_as_too_long(first, "explanation")
    window.select_sentence(second)
    assert box.toPlainText() == ""  # the other sentence's own box
    assert not box.document().isUndoAvailable()
    window.select_sentence(first)
    assert box.toPlainText() == TABLE * 3
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.toPlainText() == TABLE * 6  # the half cut is back
    assert window.desk.reviews.review(first).explanation == ""  # and not saved
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.toPlainText() == ""  # the paste undone: nothing left to save
    panel.flush_pending_text()
    assert not panel.has_pending_text() and panel.unsaved_label.isHidden()

