"""Keys pressed in a workspace with no article yet (a new team workspace, or the sample
removed): each says what to do first, never that the work is done or still computing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import press

BRING_ONE_IN = (
    "This workspace has no articles yet: open one with Ctrl+O, drop a file on the window, "
    "or paste one with Ctrl+Shift+V."
)


@pytest.fixture
def empty_window(tmp_path: Path, make_window: Callable[[Desk], MainWindow]) -> MainWindow:
    window = make_window(Desk.open(tmp_path / "new.fcdesk"))
    assert window.article_model.rowCount() == 0
    return window


Mod = Qt.KeyboardModifier


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_C, Mod.NoModifier),  # tag: "Select a sentence first." (there is none)
        (Qt.Key.Key_1, Mod.NoModifier),  # a verdict: the same
        (Qt.Key.Key_L, Mod.ControlModifier),  # link a source: the same
        (Qt.Key.Key_N, Mod.NoModifier),  # "Every sentence of every article is done."
        (Qt.Key.Key_N, Mod.ShiftModifier),  # "Suggestions are still being computed.", for ever
        (Qt.Key.Key_D, Mod.ControlModifier | Mod.ShiftModifier),  # "This sentence has no
        # conflict to decide": there is no sentence
    ],
)
def test_a_key_in_an_empty_workspace_says_to_bring_an_article_in(
    qtbot: QtBot, empty_window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    qtbot.keyClick(empty_window.sentence_view, key, modifiers)
    assert empty_window.statusBar().currentMessage() == BRING_ONE_IN


def test_a_letter_in_the_empty_article_list_says_to_bring_an_article_in(
    qtbot: QtBot, empty_window: MainWindow
) -> None:
    """The article list has the focus after a removal left none: C there said "Enter or
    Esc goes back to the sentences, where the letter keys tag and judge": there are none."""
    empty_window.article_list.setFocus()
    qtbot.keyClicks(empty_window.article_list, "c")
    assert empty_window.statusBar().currentMessage() == BRING_ONE_IN


def test_with_an_article_open_the_keys_say_what_they_said(qtbot: QtBot, window: MainWindow) -> None:
    window.sentence_view.clearSelection()
    window.sentence_view.setCurrentIndex(window.sentence_filter.index(-1, -1))
    press(qtbot, window, "c")
    assert window.statusBar().currentMessage() == "Select a sentence first."
