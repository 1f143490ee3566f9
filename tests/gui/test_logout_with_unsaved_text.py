"""Logging out (SIGTERM, a session's end) while typed text could not be saved (a full
disk): nobody is at the window to answer "Quit all the same and lose that text?". The
desk asked it all the same, and did not quit until the session killed it. It now keeps
the text for the next start and quits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.app import CLOSING_ON_SIGNAL
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import closing_on_signal, reopened_window

# The real exec, before the autouse fixture makes every unanswered box fail a test.
REAL_EXEC = QMessageBox.exec

TYPED = "The ministry's figure is from 2019, not this year. " * 4000  # more than fits


def type_on_a_full_disk(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Type an explanation the full disk keeps from being saved (kept for its retry);
    the box saying the disk is full is answered, any box after fails the test."""
    unanswered = QMessageBox.exec
    told = shown_boxes(monkeypatch)
    db = window.desk.workspace.db
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    window.panel._retry_timer.stop()
    window.panel.explanation_edit.setFocus()
    window.panel.explanation_edit.setPlainText(TYPED)
    window.sentence_view.setFocus()  # leaving the field tries to save
    window.panel._retry_timer.stop()  # the test's close is the next try
    assert window.panel.has_pending_text()
    assert any("disk is full" in text for text, _details in told)
    monkeypatch.setattr(QMessageBox, "exec", unanswered)


def shown_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every box shown (its text and its details), each answered with OK."""
    shown: list[tuple[str, str]] = []

    def exec_box(box: QMessageBox) -> int:
        shown.append((box.text(), box.detailedText()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return shown


def assert_told_at_the_next_start(
    qtbot: QtBot, path: Path, sentence_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = shown_boxes(monkeypatch)
    again = reopened_window(qtbot, path)
    qtbot.waitUntil(lambda: bool(shown))
    [(text, details)] = shown
    assert "Work stopped last time" not in text  # the box's title is not its text
    assert "Text you typed into the explanation of #1 " in text
    assert "was not saved" in text and "Show Details" in text
    assert TYPED.strip() in details  # all of it, to paste in again
    assert again.desk.reviews.review(sentence_id).explanation == ""  # never put in unasked
    again.close()
    shown.clear()
    reopened_window(qtbot, path).close()  # told once
    QApplication.processEvents()
    assert shown == []


def test_logging_out_keeps_typed_text_for_the_next_start_and_quits(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = window.desk.path
    assert path is not None
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    type_on_a_full_disk(window, monkeypatch)
    with closing_on_signal():
        window.close()  # no question: the autouse fixture fails any box shown
    assert not window.isVisible() and window.desk.closed
    Desk.open(path, backup=False).close()  # the writer's lock was let go
    assert_told_at_the_next_start(qtbot, path, sentence_id, monkeypatch)


def test_logging_out_while_quit_asks_about_typed_text_still_quits(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Q asked "Quit all the same and lose that text?"; logging out then closed the
    question as Cancel, and the desk stayed open until the session killed it."""
    path = window.desk.path
    assert path is not None
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    type_on_a_full_disk(window, monkeypatch)
    unanswered = QMessageBox.exec
    monkeypatch.setattr(QMessageBox, "exec", REAL_EXEC)  # the real box, closed by the signal
    app = QApplication.instance()
    assert app is not None
    asked: list[str] = []

    def signal_arrives() -> None:  # what close_on_terminate's handler does, box up
        box = QApplication.activeModalWidget()
        asked.append(box.text() if isinstance(box, QMessageBox) else "")
        app.setProperty(CLOSING_ON_SIGNAL, True)
        monkeypatch.setattr(QMessageBox, "exec", unanswered)  # a box asked again fails
        app.closeAllWindows()

    QTimer.singleShot(0, signal_arrives)
    try:
        window.close()  # Ctrl+Q
    finally:
        app.setProperty(CLOSING_ON_SIGNAL, False)
    assert asked and "Quit all the same and lose that text?" in asked[0]
    assert not window.isVisible() and window.desk.closed
    Desk.open(path, backup=False).close()  # the writer's lock was let go
    assert_told_at_the_next_start(qtbot, path, sentence_id, monkeypatch)


def test_logging_out_as_typed_text_first_meets_a_full_disk_asks_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text typed a moment before logging out is saved by the close; the disk full just
    then, the close showed "the disk is full" in a box nobody was there to answer (the
    signal had closed the windows before it), and the desk waited on it until the
    session killed it: the text was lost after all."""
    path = window.desk.path
    assert path is not None
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    db = window.desk.workspace.db
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    window.panel.explanation_edit.setFocus()
    window.panel.explanation_edit.setPlainText(TYPED)  # its save waits for a pause
    assert window.panel.has_pending_text()
    with closing_on_signal():
        window.close()  # no box: the autouse fixture fails any box shown
    assert not window.isVisible() and window.desk.closed
    assert_told_at_the_next_start(qtbot, path, sentence_id, monkeypatch)


def test_logging_out_while_the_kept_text_is_shown_keeps_it_again(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box showing the text kept at the last logout took it out of the settings as it
    came up; logging out again before it was read (a shutdown at the end of the day) lost
    it for good."""
    path = window.desk.path
    assert path is not None
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    type_on_a_full_disk(window, monkeypatch)
    with closing_on_signal() as app:
        window.close()  # the first logout: the text kept in the settings
    shown: list[str] = []

    def logged_out_again(box: QMessageBox) -> int:  # the signal comes with the box up
        shown.append(box.text())
        app.setProperty(CLOSING_ON_SIGNAL, True)
        QTimer.singleShot(0, app.closeAllWindows)
        return int(REAL_EXEC(box))

    monkeypatch.setattr(QMessageBox, "exec", logged_out_again)
    try:
        again = reopened_window(qtbot, path)
        qtbot.waitUntil(lambda: again.desk.closed)
    finally:
        app.setProperty(CLOSING_ON_SIGNAL, False)
    assert len(shown) == 1 and "was not saved" in shown[0]
    assert_told_at_the_next_start(qtbot, path, sentence_id, monkeypatch)


def test_the_session_ending_on_windows_closes_the_window_asking_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows ends a session without a signal: Qt emits `aboutToQuit`, then quits, and
    Qt 6's quit closes the windows (the process is killed right after). That close asked
    "Quit all the same and lose that text?" in a box nobody answered, while Windows
    waited on the desk, then killed it: the typed text was lost, not kept."""
    from factcheck_app.gui.app import close_at_session_end

    path = window.desk.path
    assert path is not None
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    type_on_a_full_disk(window, monkeypatch)  # any box from here on fails the test
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    undo = close_at_session_end(app)
    try:
        app.aboutToQuit.emit()  # what Qt's Windows plugin does as the session ends
        app.closeAllWindows()  # what its quit() does next
    finally:
        undo()
        app.setProperty(CLOSING_ON_SIGNAL, False)
    assert not window.isVisible() and window.desk.closed
    Desk.open(path, backup=False).close()  # the writer's lock was let go
    assert_told_at_the_next_start(qtbot, path, sentence_id, monkeypatch)
