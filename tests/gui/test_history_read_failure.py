"""The History panel's read for the current sentence, when the workspace cannot be read
at that moment: a line in the status bar, not the "Something went wrong" box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import WorkspaceBusy
from factcheck_app.domain.models import Tag
from factcheck_app.gui.main_window import MainWindow
from tests.gui.conftest import press


def history_lines(window: MainWindow) -> list[str]:
    model = window.panel.history_box.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_a_history_that_cannot_be_read_is_said_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer mid-save (or a workspace torn as it was moved) made the history's
    read fail as the reviewer moved on: only "not found" was caught, and every other
    refusal was the crash box. Now the status bar says why, the history shows nothing
    (not the last sentence's), and the next move reads it again."""
    sid = window.current_sentence_id()
    assert sid is not None
    window.desk.reviews.set_tag(sid, Tag.FACT)
    qtbot.waitUntil(lambda: bool(history_lines(window)))
    history = window.desk.history
    readable = history.shown_of_sentence

    def busy(*_args: object, **_kwargs: object) -> tuple[list[object], bool]:
        raise WorkspaceBusy("The workspace is busy: another program is saving to it.")

    monkeypatch.setattr(history, "shown_of_sentence", busy)
    press(qtbot, window, Qt.Key.Key_Down)
    status = window.statusBar()
    qtbot.waitUntil(lambda: "history" in status.currentMessage())
    said = status.currentMessage()
    assert "is busy" in said
    assert history_lines(window) == []
    # Readable again: the next move shows the sentence's history.
    monkeypatch.setattr(history, "shown_of_sentence", readable)
    press(qtbot, window, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: bool(history_lines(window)))


def test_whose_verdict_awaits_sign_off_unreadable_keeps_the_line_the_move_showed(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checker's name is read with the history: a busy workspace there was the crash
    box too. The history shows; the sign-off line keeps what the move showed (named by
    whoever saved the review last)."""
    first = window.current_sentence_id()
    assert first is not None
    for _ in range(2):
        sid = window.current_sentence_id()
        assert sid is not None
        window.desk.reviews.set_tag(sid, Tag.CLAIM)
        window.desk.reviews.set_verdict(sid, "false")
        press(qtbot, window, Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Up)
    box = window.panel.history_box
    qtbot.waitUntil(lambda: "checked by" in box.sign_off_label.text())

    asked: list[int] = []

    def busy(sentence_id: int) -> str:
        asked.append(sentence_id)
        raise WorkspaceBusy("The workspace is busy: another program is saving to it.")

    monkeypatch.setattr(window.desk.sign_offs, "checker", busy)
    press(qtbot, window, Qt.Key.Key_Up)
    assert window.current_sentence_id() == first
    qtbot.waitUntil(lambda: asked == [first])  # read with the history, once it loads
    assert history_lines(window) and "Verdict: False" in history_lines(window)[0]
    assert box.sign_off_label.text() == "Awaiting sign-off (checked by tester)."
