"""Typed text whose first save is made by Quit (typed a moment before Ctrl+Q) and
refused: Quit asks "Quit all the same and lose that text?". The box each refusal brings
up at a pause in her typing (`hold_keys`) came first, though she was not typing: she had
pressed Ctrl+Q. A full disk or text too long was said twice, the first box taking no key
for 1.5 s. And logging out while such a box was up closed it, then asked the question,
which nobody was there to answer: the desk waited on it until the session killed it, and
the text was not kept for the next start."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain import review_rules
from factcheck_app.gui import settings
from factcheck_app.gui.app import CLOSING_ON_SIGNAL
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import reopened_window
from tests.gui.test_logout_with_unsaved_text import REAL_EXEC, TYPED, shown_boxes
from tests.gui.test_typed_text_over_another_programs import BEAS, bea_saves

QUESTION = "Quit all the same and lose that text?"


def typed_a_moment_before(window: MainWindow, text: str = TYPED) -> None:
    """An explanation typed, its save still waiting for a pause in her typing."""
    panel = window.panel
    panel.explanation_edit.setFocus()
    panel.explanation_edit.setPlainText(text)
    assert panel.has_pending_text()


def answered(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    """Every box's text, each answered with `answer` at once."""
    shown: list[str] = []

    def exec_box(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(answer.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return shown


@contextlib.contextmanager
def logging_out_at_the_first_box(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every box's text, the first closed by logging out while it is up (SIGTERM, as
    `close_on_terminate`'s handler does it), any after it answered Cancel: nobody is
    there to answer. Not closing on a signal any more after, however it ended."""
    app = QApplication.instance()
    assert app is not None
    shown: list[str] = []

    def exec_box(box: QMessageBox) -> int:
        shown.append(box.text())
        if len(shown) == 1:

            def signal_arrives() -> None:  # what close_on_terminate's handler does
                app.setProperty(CLOSING_ON_SIGNAL, True)
                app.closeAllWindows()

            QTimer.singleShot(0, signal_arrives)
            return int(REAL_EXEC(box))
        return int(QMessageBox.StandardButton.Cancel.value)  # nobody there to answer

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    try:
        yield shown
    finally:
        app.setProperty(CLOSING_ON_SIGNAL, False)


def _disk_full(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> str:
    db = window.desk.workspace.db
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    return "The disk is full"


def _too_long(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    return "too long to save"


@pytest.mark.parametrize("refusal", [_disk_full, _too_long], ids=["disk full", "too long"])
def test_quit_asks_once_why_and_whether_to_lose_the_text(
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    refusal: Callable[[MainWindow, pytest.MonkeyPatch], str],
) -> None:
    """Ctrl+Q with her last words not yet saved, and refused: one box, the question,
    saying why (as the box she no longer gets did), at once. Cancel keeps her in the
    window with her text in its field, NOT saved."""
    why = refusal(window, monkeypatch)
    typed_a_moment_before(window)
    shown = answered(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.close()  # Ctrl+Q
    assert len(shown) == 1, shown
    assert QUESTION in shown[0] and why in shown[0], shown[0]
    assert window.isVisible() and not window.desk.closed
    assert window.panel.has_pending_text()


def test_logging_out_while_a_box_at_quit_is_up_asks_nothing_more(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Q, the text's first save refused for a field another program saved
    meanwhile: its box (what that program saved, to copy) comes up; logging out then
    closes it. The quit went on to ask "Quit all the same?", up until the session killed
    the desk, the text lost. It quits, and keeps the text for the next start."""
    path = window.desk.path
    sentence_id = window.current_sentence_id()
    assert path is not None and sentence_id is not None
    typed_a_moment_before(window)
    bea_saves(window, "explanation", sentence_id)
    with logging_out_at_the_first_box(monkeypatch) as shown:
        window.close()  # Ctrl+Q
    assert len(shown) == 1, shown
    assert "saved" in shown[0] and QUESTION not in shown[0]
    assert not window.isVisible() and window.desk.closed
    Desk.open(path, backup=False).close()  # the writer's lock was let go
    told = shown_boxes(monkeypatch)
    again = reopened_window(qtbot, path)
    qtbot.waitUntil(lambda: bool(told))
    [(text, details)] = told
    assert "Text you typed into the explanation of #1 " in text and "was not saved" in text
    assert TYPED.strip() in details  # all of it, to paste in again
    assert again.desk.reviews.review(sentence_id).explanation == BEAS  # never put in unasked
    again.close()


def test_quit_again_after_cancel_says_the_disk_s_words_again(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Q, the disk full: Cancel. Ctrl+Q again (the disk still full): the question
    says again why, in the disk's words, as it did the first time; it said only "the disk
    may be full" the second time, the reason she read a moment ago gone from it."""
    why = _disk_full(window, monkeypatch)
    typed_a_moment_before(window)
    shown = answered(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.close()  # Ctrl+Q
    window.close()  # Ctrl+Q again
    assert len(shown) == 2, shown
    assert why in shown[0], shown[0]
    assert why in shown[1], shown[1]
    assert window.panel.has_pending_text()


def test_logging_out_during_a_box_as_another_workspace_opens_opens_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """File → Open Workspace with her last words typed over a field another program saved
    meanwhile: its box (theirs, to copy) comes up; logging out then closes the window,
    keeping her text for the next start. The open went on all the same: the other
    workspace opened in the closed window and was made the one the next start opens,
    where her kept text is not (it belongs to this one)."""
    path = window.desk.path
    sentence_id = window.current_sentence_id()
    assert path is not None and sentence_id is not None
    other = tmp_path / "other.fcdesk"
    Desk.open(other).close()
    typed_a_moment_before(window, "Mine: from the 2019 table.")
    bea_saves(window, "explanation", sentence_id)
    with logging_out_at_the_first_box(monkeypatch) as shown:
        window.workspace.switch_workspace(other)  # File → Open Workspace…, chosen
    assert len(shown) == 1, shown
    assert not window.isVisible()
    assert window.desk.path == path, window.desk.path
    assert str(other.resolve()) not in settings.recent_workspaces()  # not the next start's
    assert settings.take_unsaved_text(path) != []  # kept for the next start
