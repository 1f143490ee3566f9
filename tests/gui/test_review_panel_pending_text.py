"""Typed text the workspace does not take yet (too long), kept in the review panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QTextCursor, QTextDocument, QTextOption
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain import review_rules
from factcheck_app.gui.main_window import MainWindow
from tests.gui.test_logout_with_unsaved_text import TYPED, shown_boxes

TABLE = "The ministry's own 2019 table, pasted in whole. "  # 48 characters
ANYWHERE = QTextOption.WrapMode.WrapAnywhere
AT_WORDS = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


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


def test_a_review_another_program_changed_is_shown_around_the_text_that_waits(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program gave the sentence a verdict and a claimant while the reviewer's
    too-long explanation waited in its box, and a refusal read the article again (Ctrl+Z
    on a step that program undid, an approval it changed meanwhile): the window read
    nothing while typed text waited, the panel went on showing the review from before,
    and what the reviewer then chose there went over the other program's. It shows the
    other program's fields now, keeps only the text that waits, and says so."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown_boxes(monkeypatch)
    panel, box = window.panel, window.panel.explanation_edit
    first = window.current_sentence_id()
    assert first is not None
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.insertPlainText(TABLE * 3)
    panel.flush_pending_text()  # refused: waits
    helper = window.desk.open_helper()  # another connection, as another program's
    try:
        helper.reviews.set_verdict(first, "mostly_false")
        helper.reviews.set_text_field(first, "claimant", "Ministry spokesman")
    finally:
        helper.close()
    window.edits.show_as_saved()  # what each refusal for an outside change calls
    assert panel.verdict_box.currentData() == "mostly_false"
    assert panel.claimant_edit.text() == "Ministry spokesman"
    row = window.sentence_model.sentence_row(window.sentence_model.row_of(first))
    assert row.review.verdict == "mostly_false"
    assert box.toPlainText() == TABLE * 3 and panel.has_pending_text()  # kept, waiting
    note = panel.unsaved_note()  # two things to say: a short line each, whole behind Details
    assert "too long" in note and "Another program changed the review of #1 meanwhile" in note
    assert "#1: another program's review" in panel.unsaved_label.text()
    box.setPlainText(TABLE * 2)  # shortened to 96: saved
    panel.flush_pending_text()
    review = window.desk.reviews.review(first)
    assert review.explanation == TABLE * 2
    assert review.verdict == "mostly_false" and review.claimant == "Ministry spokesman"
    assert panel.unsaved_label.isHidden()


def test_text_a_full_disk_refuses_twice_over_while_its_box_is_up_stays_to_retry(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box saying the disk is full takes the focus from the Explanation box, and
    leaving it tries the save again inside the first: that inner try fails too, and
    were its failure taken for the outer one's, the inner would pass for saved and the
    text be dropped from the panel. It stays, said, and retried."""
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
    panel, box = window.panel, window.panel.explanation_edit
    sid = window.current_sentence_id()
    assert sid is not None
    db = window.desk.workspace.db
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.setPlainText(TYPED)  # more than the full disk takes
    panel.flush_pending_text()  # its timer's save; the box's focus tries again inside
    panel._retry_timer.stop()
    assert len(shown) == 1 and "disk is full" in shown[0]
    assert panel.has_text_to_retry() and panel.pending_text() == [
        (panel.where_typed(sid, "explanation"), TYPED)
    ]
    assert window.desk.reviews.review(sid).explanation == ""


def test_a_waiting_unbroken_run_comes_back_wrapped_anywhere(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A too-long paste without a space (a table's digits run together) waits on #1; #2,
    with an explanation of words, is looked at, then #1 again. Its kept document was laid
    out at the box's word wrapping, which Qt does in time n² of the run: 1.6 s for
    60,000 letters, minutes for the 1,000,001 a real refusal holds, the window frozen
    (and killed, the text with it). It wraps anywhere, as it did when pasted; #2 at words,
    and a sentence with no explanation yet too, where typing begins."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 4000)
    shown_boxes(monkeypatch)
    panel, box = window.panel, window.panel.explanation_edit
    first, second, third = (row.sentence.id for row in list(window.sentence_model.rows())[:3])
    window.desk.reviews.set_text_field(second, "explanation", "Two words.")
    window.load_article(window.article_id, first)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    pasted = QMimeData()
    pasted.setText("7" * 5000)
    box.insertFromMimeData(pasted)
    panel.flush_pending_text()
    assert panel.refused_as_too_long(first, "explanation") and box.wordWrapMode() == ANYWHERE
    window.select_sentence(third)  # nothing to fill in: its new document is at words
    assert box.toPlainText() == "" and box.wordWrapMode() == AT_WORDS
    window.select_sentence(second)
    assert box.toPlainText() == "Two words." and box.wordWrapMode() == AT_WORDS
    window.select_sentence(first)
    assert box.toPlainText() == "7" * 5000
    assert box.wordWrapMode() == ANYWHERE
    assert box.document().defaultTextOption().wrapMode() == ANYWHERE


def test_going_back_and_forth_to_waiting_text_keeps_no_more_documents(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each return to a sentence whose explanation waits let go of the box's document of
    the sentence left, which nothing then deleted: one more document, with that
    sentence's explanation and its layout, per return, for as long as the window was
    open (a merged explanation of 1,000,000 characters is some tens of MB each)."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown_boxes(monkeypatch)
    panel, box = window.panel, window.panel.explanation_edit
    first, second = (row.sentence.id for row in list(window.sentence_model.rows())[:2])
    window.select_sentence(first)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.insertPlainText(TABLE * 3)
    panel.flush_pending_text()
    assert panel.refused_as_too_long(first, "explanation")

    def documents() -> int:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        return len(panel.findChildren(QTextDocument))

    window.select_sentence(second)
    window.select_sentence(first)
    after_one = documents()
    for _ in range(5):
        window.select_sentence(second)
        window.select_sentence(first)
    assert documents() == after_one
    assert box.toPlainText() == TABLE * 3  # and the one shown is the one kept


def test_an_outside_change_is_said_only_of_the_text_waiting_then(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program changed #1 while its too-long explanation waited, and the note
    said so. The explanation shortened and saved, #2's still waiting, a new paste on #1
    refused again was said to be beside another program's change too, which nobody
    made since: the note is of the text that waited when the review was read again."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown_boxes(monkeypatch)
    panel, box = window.panel, window.panel.explanation_edit
    first, second = (row.sentence.id for row in list(window.sentence_model.rows())[:2])
    for sentence_id in (second, first):
        window.select_sentence(sentence_id)
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        box.insertPlainText(TABLE * 3)
        panel.flush_pending_text()
    helper = window.desk.open_helper()
    try:
        helper.reviews.set_verdict(first, "mostly_false")
    finally:
        helper.close()
    window.edits.show_as_saved()
    assert "Another program changed the review of #1" in panel.unsaved_note()
    box.setPlainText(TABLE)
    panel.flush_pending_text()
    assert window.desk.reviews.review(first).explanation == TABLE
    assert "another program" not in panel.unsaved_note().lower()  # #2 still waits
    box.setPlainText(TABLE * 3)
    panel.flush_pending_text()
    assert panel.refused_as_too_long(first, "explanation")
    assert "another program" not in panel.unsaved_note().lower()


def test_text_saved_as_the_article_is_read_again_is_not_another_programs_change(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#1's claimant too long, its explanation waiting for room. Room found, and a
    refusal read the article again: the explanation was saved in that reading, before
    the reviews were compared, and the note said another program had changed #1's
    review, when the only change was the reviewer's own text, saved. Nobody else wrote."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", len(TYPED))
    shown_boxes(monkeypatch)
    panel = window.panel
    first = window.current_sentence_id()
    assert first is not None
    panel.claimant_edit.setFocus()
    qtbot.waitUntil(panel.claimant_edit.hasFocus)
    panel.claimant_edit.insert("M" * (len(TYPED) + 1))  # pasted
    panel.flush_pending_text()
    assert panel.refused_as_too_long(first, "claimant")
    db = window.desk.workspace.db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    panel.explanation_edit.setPlainText(TYPED)  # more than the full disk takes
    panel.flush_pending_text()
    panel._retry_timer.stop()
    assert panel.has_text_to_retry()
    db.execute("PRAGMA max_page_count = 1073741823")  # room again
    window.edits.show_as_saved()
    assert window.desk.reviews.review(first).explanation == TYPED  # saved on the way
    assert panel.refused_as_too_long(first, "claimant")  # still waits
    assert "another program" not in panel.unsaved_note().lower()
