"""Keys pressed in a workspace with no article yet (a new team workspace, or the sample
removed): each says what to do first, never that the work is done or still computing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.app import open_workspace, show_opening_window
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
        # These five did nothing at all, without a word:
        (Qt.Key.Key_A, Mod.NoModifier),  # accept the suggestion
        (Qt.Key.Key_M, Mod.ControlModifier | Mod.ShiftModifier),  # split at the caret
        (Qt.Key.Key_E, Mod.ControlModifier),  # export
        (Qt.Key.Key_I, Mod.ControlModifier),  # article properties
    ],
)
def test_a_key_in_an_empty_workspace_says_to_bring_an_article_in(
    qtbot: QtBot, empty_window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    qtbot.keyClick(empty_window.sentence_view, key, modifiers)
    assert empty_window.statusBar().currentMessage() == BRING_ONE_IN


@pytest.mark.parametrize(
    "action",
    [ActionId.REMOVE_ARTICLE, ActionId.RESPLIT_ARTICLE, ActionId.ACCEPT_ALL_SUGGESTIONS],
)
def test_a_menu_item_for_the_open_article_says_to_bring_one_in(
    empty_window: MainWindow, action: ActionId
) -> None:
    """File → Remove Article…, Edit → Re-split Article… and Review → Accept All
    Suggestions Above… with no article did nothing, without a word."""
    empty_window.registry[action].trigger()
    assert empty_window.statusBar().currentMessage() == BRING_ONE_IN


def test_a_new_workspace_opens_with_the_keys_in_the_sentence_list(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A new team workspace (`--workspace new.fcdesk`) opened with the keys in the article
    finder's field: C, N and 1 were typed there ("cn1") without a word, and the article
    imported next was left out of the list by them ("0 of 1")."""
    path = tmp_path / "new.fcdesk"
    window = show_opening_window(path)
    qtbot.add_widget(window)
    assert open_workspace(window, path, seed=False)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is window.sentence_view
    press(qtbot, window, "c")
    assert window.article_find.text() == ""
    assert window.statusBar().currentMessage() == BRING_ONE_IN


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
    # A (accept the suggestion) said nothing at all with no sentence chosen.
    window.statusBar().clearMessage()
    press(qtbot, window, "a")
    assert window.statusBar().currentMessage() == "Select a sentence first."
