"""An installation whose check-worthiness weights are missing or damaged: the desk goes
on with the rules' scores, says so once, and never shows them as the model's."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.test_assist_in_window import wait_for_suggestions


@pytest.fixture
def weights(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the window looks for the weights, not read yet (as in a desk just started):
    nothing there unless a test writes it."""
    from factcheck_app.domain import checkworthiness
    from factcheck_app.services import assist

    path = tmp_path / "resources" / "models" / "checkworthiness.json"
    monkeypatch.setattr(checkworthiness, "default_model_path", lambda: path)
    monkeypatch.setattr(checkworthiness, "_loaded", {})
    monkeypatch.setattr(assist, "_weights_read", threading.Event())
    return path


def test_damaged_weights_leave_the_suggestions_coming(
    qtbot: QtBot, weights: Path, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A weights file holding `[]` raised in the worker that reads it: the suggestions
    never came, and Shift+N said "Suggestions are still being computed." for ever."""
    weights.parent.mkdir(parents=True)
    weights.write_text("[]", encoding="utf-8")
    window = make_window(seeded_desk)
    wait_for_suggestions(qtbot, window)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert window.statusBar().currentMessage() != "Suggestions are still being computed."
