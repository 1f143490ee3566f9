"""The Show box chosen to list what this article has none of ("Conflicts", "Returned",
"Denials"; kept when another article opens): the sentence list is empty, and the keys
that act on a sentence must say why nothing happened, and how to list the sentences."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SentenceFilter
from tests.gui.conftest import press

LISTS_NONE = "Show “Conflicts” lists no sentence here: Alt+S changes it."


def show(window: MainWindow, mode: SentenceFilter) -> None:
    """Choose `mode` in the Show box, as the reviewer does."""
    box = window.filter_box
    box.setCurrentIndex(box.findData(mode))
    box.activated.emit(box.currentIndex())


def test_review_and_moving_keys_say_the_show_box_lists_none(
    qtbot: QtBot, window: MainWindow
) -> None:
    """C, 1, J, ↓, Home and End said "Select a sentence first." or nothing at all, beside
    an empty list: there was none to select, and the Show box was the reason."""
    show(window, SentenceFilter.CONFLICTS)  # a fresh sample: no conflicts
    assert window.sentence_filter.rowCount() == 0
    window.sentence_view.setFocus()
    status = window.statusBar()
    for key in ("c", "1", "j", Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End):
        status.clearMessage()
        press(qtbot, window, key)
        assert status.currentMessage() == LISTS_NONE, key
    assert all(not row.review.tag for row in window.sentence_model.rows())  # nothing tagged
    # What it says to press does it: Alt+S to the Show box.
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is window.filter_box


def test_with_a_sentence_listed_the_keys_work_as_before(qtbot: QtBot, window: MainWindow) -> None:
    """A Show box that lists sentences, with none chosen, still asks for one."""
    show(window, SentenceFilter.ALL)
    window.sentence_view.clearSelection()
    window.sentence_view.setCurrentIndex(window.sentence_filter.index(-1, -1))
    press(qtbot, window, "c")
    assert window.statusBar().currentMessage() == "Select a sentence first."


def test_a_key_that_goes_to_a_sentence_the_show_box_hides_says_it_lists_all_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    """N (and a search result, Shift+N, a click in the text) to a sentence the Show box
    hid set it back to "All sentences" without a word: the reviewer who had chosen
    "Claims" found every sentence listed again, and did not know why."""
    show(window, SentenceFilter.CLAIMS)  # none tagged yet: it lists none
    window.sentence_view.setFocus()
    press(qtbot, window, "n")
    assert window.filter_box.currentText() == "All sentences"
    assert window.current_sentence_id() is not None
    assert window.statusBar().currentMessage() == (
        "Show is “All sentences” again: “Claims” did not list this sentence."
    )
    # One it lists: the box stays, and says nothing.
    press(qtbot, window, "c")
    show(window, SentenceFilter.CLAIMS)
    window.statusBar().clearMessage()
    window.select_sentence(window.sentence_model.rows()[0].sentence.id)
    assert window.filter_box.currentText() == "Claims"
    assert window.statusBar().currentMessage() == ""
