"""An explanation pasted past what a review export reads back, in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain import review_rules
from factcheck_app.gui.app import CLOSING_ON_SIGNAL
from factcheck_app.gui.main_window import MainWindow
from tests.gui.conftest import reopened_window
from tests.gui.test_logout_with_unsaved_text import REAL_EXEC, TYPED, shown_boxes


def test_an_explanation_pasted_past_the_longest_is_not_saved_and_said_by_how_much(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pasted whole (1,200,000 characters), it was saved, and the article's JSON export
    was refused on import. Now the box says it is too long and by how much, and nothing
    is saved. (The panel's save of typed text is called as its timer calls it: laying
    out a line of 1,200,000 characters in the field itself takes Qt minutes.)"""
    shown = shown_boxes(monkeypatch)
    sid = window.current_sentence_id()
    assert sid is not None
    window.edits.save_text(sid, "explanation", "x" * 1_200_000)
    assert window.desk.reviews.review(sid).explanation == ""
    [(why, _details)] = shown
    assert "too long" in why and "200,000 more than the 1,000,000" in why


def test_logging_out_while_the_too_long_box_is_up_keeps_the_text_for_the_next_start(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logging out (SIGTERM) while the box saying the pasted text is too long is up
    closes it and the window: the text, still in its field, is kept for the next start
    and shown to copy at the next open for editing, as logging out keeps typed text a
    full disk refused. (It was lost once: the box alone held it.)"""
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
        seen.append(box.text() if isinstance(box, QMessageBox) else "")
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
    assert seen and "too long" in seen[0]
    assert not window.isVisible() and window.desk.closed
    shown = shown_boxes(monkeypatch)
    again = reopened_window(qtbot, path)
    qtbot.waitUntil(lambda: bool(shown))
    [(text, details)] = shown
    assert "was not saved" in text
    assert typed in details  # all of it, to paste in again, shortened
    assert again.desk.reviews.review(sid).explanation == ""  # never put in unasked
    again.close()


def test_text_refused_as_too_long_stays_in_its_field_pending_until_shortened(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused as too long, the pasted text was taken out of its field into a box: one
    Enter on OK and the paste was gone. It stays in its field now, not saved, as text a
    full disk refuses: the panel says it is too long and how much to cut, another
    sentence and back shows it again, Quit asks before losing it, and once shortened it
    is saved."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)  # a real one lays out for minutes
    shown = shown_boxes(monkeypatch)  # each box answered with OK (Cancel for a question)
    panel = window.panel
    first, second = (row.sentence.id for row in list(window.sentence_model.rows())[:2])
    window.select_sentence(first)
    typed = "The ministry's own 2019 table, pasted in whole. " * 3  # 144 characters
    panel.explanation_edit.setFocus()
    panel.explanation_edit.setPlainText(typed)
    panel.flush_pending_text()  # its timer's save
    assert panel.explanation_edit.toPlainText() == typed  # still in its field
    assert window.desk.reviews.review(first).explanation == ""  # not saved
    assert panel.has_pending_text()
    note = panel.unsaved_label.text()
    assert not panel.unsaved_label.isHidden()
    assert "too long" in note and "44" in note and "100" in note and "disk" not in note
    assert len(shown) == 1 and "too long" in shown[0][0] and "disk" not in shown[0][0]
    panel.flush_pending_text()  # its retry: told once
    assert len(shown) == 1
    window.select_sentence(second)
    assert panel.has_pending_text()
    window.select_sentence(first)
    assert panel.explanation_edit.toPlainText() == typed
    shown.clear()
    window.close()  # asked, and answered Cancel: stays
    assert window.isVisible() and panel.has_pending_text()
    [(question, _details)] = shown
    assert "too long" in question and "disk" not in question
    panel.explanation_edit.setPlainText(typed[:100])
    panel.flush_pending_text()
    assert window.desk.reviews.review(first).explanation == typed[:100]
    assert not panel.has_pending_text() and panel.unsaved_label.isHidden()


def test_the_too_long_box_taking_the_focus_neither_repeats_nor_drops_the_text(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box saying the text is too long takes the focus from its field, and leaving
    the field saves typed text: asked again in the middle of the first save, the desk
    showed the box twice, one on the other. A claimant typed meanwhile is saved all the
    same, and the explanation is kept, NOT saved, for the reviewer to shorten."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown: list[str] = []

    def exec_box(box: QMessageBox) -> int:  # as a real box: shown, the focus taken
        box.show()
        box.activateWindow()
        box.setFocus()
        QApplication.processEvents()
        shown.append(box.text())
        box.hide()
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    panel = window.panel
    sid = window.current_sentence_id()
    assert sid is not None
    typed = "The ministry's own 2019 table, pasted in whole. " * 3
    panel.explanation_edit.setFocus()
    qtbot.waitUntil(panel.explanation_edit.hasFocus)
    panel.explanation_edit.setPlainText(typed)
    panel.claimant_edit.setText("Ministry spokesman")
    panel.claimant_edit.textEdited.emit("Ministry spokesman")  # typed before the pause
    panel.flush_pending_text()  # its timer's save
    assert len(shown) == 1 and "too long" in shown[0]
    review = window.desk.reviews.review(sid)
    assert review.claimant == "Ministry spokesman" and review.explanation == ""
    assert panel.has_pending_text() and panel.explanation_edit.toPlainText() == typed


def test_quit_names_both_causes_when_one_text_is_too_long_and_another_finds_no_room(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text too long on one sentence, and on another text a full disk refused: Quit's
    question said only "too long", and the reviewer who shortened it still lost the other
    text at the next Quit, thinking the question answered."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown = shown_boxes(monkeypatch)
    panel = window.panel
    first, second = (row.sentence.id for row in list(window.sentence_model.rows())[:2])
    window.select_sentence(first)
    panel.explanation_edit.setFocus()
    panel.explanation_edit.setPlainText("The ministry's own 2019 table, pasted whole. " * 3)
    panel.flush_pending_text()
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 1_000_000)  # held all the same
    window.select_sentence(second)
    db = window.desk.workspace.db
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    panel.explanation_edit.setFocus()
    panel.explanation_edit.setPlainText(TYPED)  # more than the full disk takes
    panel.flush_pending_text()
    panel._retry_timer.stop()  # the close is the next try
    assert window.desk.reviews.review(second).explanation == ""
    shown.clear()
    window.close()  # asked, answered Cancel: stays
    [(question, _details)] = shown
    assert "too long" in question and "disk may be full" in question
    assert window.isVisible() and len(panel.pending_text()) == 2


def test_one_character_too_many_is_said_as_one_character(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cut down to one past the limit (1,000,001 of 1,000,000), the box and the panel's
    red note said "cut 1 characters": one character to cut is said as one."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown = shown_boxes(monkeypatch)
    panel = window.panel
    panel.explanation_edit.setFocus()
    panel.explanation_edit.setPlainText("x" * 101)
    panel.flush_pending_text()
    [(why, _details)] = shown
    note = panel.unsaved_label.text()
    for said in (why, note):
        assert "cut 1 character and" in said and "cut 1 characters" not in said


def test_text_given_up_for_a_restore_then_cancelled_stays_in_its_field(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restore from Backup asks first about typed text not saved ("too long"): answered
    "Discard the Text", the text was taken out of its field at once, and the restore
    then cancelled in its dialog left the workspace as it was, the text gone. It goes
    only with the step it was given up for."""
    from factcheck_app.gui.dialogs import form_parts

    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    asked: list[str] = []

    def exec_box(box: QMessageBox) -> int:
        asked.append(box.text())
        return int(QMessageBox.StandardButton.Discard.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(form_parts, "run_dialog", lambda *_args, **_kw: False)  # Cancel
    panel = window.panel
    sid = window.current_sentence_id()
    typed = "The ministry's own 2019 table, pasted in whole. " * 3
    panel.explanation_edit.setFocus()
    panel.explanation_edit.setPlainText(typed)
    panel.flush_pending_text()
    asked.clear()
    window.workspace.restore_from_backup()
    assert len(asked) == 1 and "too long" in asked[0]  # asked, then the dialog cancelled
    assert window.current_sentence_id() == sid
    assert panel.has_pending_text() and panel.explanation_edit.toPlainText() == typed


def test_text_given_up_to_open_a_workspace_that_will_not_open_stays_in_its_field(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Opening another workspace asks about typed text not saved: answered "Discard the
    Text", it went at once, and the other file, not a workspace, left this one open
    with the text gone. It goes only once the other workspace is open."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    asked: list[str] = []

    def exec_box(box: QMessageBox) -> int:
        asked.append(box.text())
        return int(QMessageBox.StandardButton.Discard.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    panel = window.panel
    typed = "The ministry's own 2019 table, pasted in whole. " * 3
    panel.explanation_edit.setFocus()
    panel.explanation_edit.setPlainText(typed)
    panel.flush_pending_text()
    asked.clear()
    other = tmp_path / "notes.fcdesk"
    other.write_bytes(b"not a workspace at all\n" * 100)
    here = window.desk
    window.workspace.switch_workspace(other)
    assert window.desk is here and not here.closed
    assert len(asked) >= 2 and "too long" in asked[0]  # asked, then told it would not open
    assert panel.has_pending_text() and panel.explanation_edit.toPlainText() == typed


def test_a_field_emptied_is_saved_empty(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typed text refused as too long is not tried again while unchanged, looked up with
    "" for none: an emptied field's text ("") passed for refused and was never saved.
    The claimant or explanation deleted stayed in the workspace (and its exports), the
    panel said "Not saved" under an empty red note, and Quit asked whether to lose text
    that "could not be saved (the disk may be full)"."""
    shown = shown_boxes(monkeypatch)
    panel = window.panel
    sid = window.current_sentence_id()
    assert sid is not None
    for field, fill in (
        (panel.explanation_edit, panel.explanation_edit.setPlainText),
        (panel.claimant_edit, panel.claimant_edit.setText),
    ):
        field.setFocus()
        fill("Ministry spokesman")
        if field is panel.claimant_edit:
            panel.claimant_edit.textEdited.emit("Ministry spokesman")
        panel.flush_pending_text()
        fill("")  # Ctrl+A, Delete
        if field is panel.claimant_edit:
            panel.claimant_edit.textEdited.emit("")
        panel.flush_pending_text()
    review = window.desk.reviews.review(sid)
    assert review.explanation == "" and review.claimant == ""
    assert not panel.has_pending_text() and panel.unsaved_label.isHidden()
    assert panel.save_state.text() != "Not saved" and shown == []
