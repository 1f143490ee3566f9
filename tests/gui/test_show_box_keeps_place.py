"""The Show box changed while the reviewer is well into an article: the sentence they
were on stays theirs. One the new choice does not list gives way to the nearest one it
lists after it (not the article's first), and comes back when a later choice lists it
again, as it does when the reviewer arrows through the box past "Tagged only"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SentenceFilter
from tests.gui.conftest import press

Key = Qt.Key


def ids(window: MainWindow) -> list[int]:
    return [row.sentence.id for row in window.sentence_model.rows()]


def show_by_arrows(qtbot: QtBot, window: MainWindow, *arrows: Qt.Key) -> None:
    """Alt+S, then the arrows in the closed box (each one a choice, as Qt makes it)."""
    qtbot.keyClick(window.sentence_view, Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is window.filter_box
    for arrow in arrows:
        qtbot.keyClick(window.filter_box, arrow)
    qtbot.keyClick(window.filter_box, Key.Key_Return)  # on to the sentences
    assert QApplication.focusWidget() is window.sentence_view


def test_arrowing_through_the_show_box_keeps_the_sentence_one_was_on(
    qtbot: QtBot, window: MainWindow
) -> None:
    """At sentence 6 of "Not yet done", ↑ then ↓ in the Show box passes "Tagged only"
    (nothing tagged: it lists none) on the way back: the reviewer landed on sentence 1."""
    first = ids(window)
    window.sentence_view.setFocus()
    show_by_arrows(qtbot, window, Key.Key_Down, Key.Key_Down)
    assert window.filter_box.currentData() == SentenceFilter.UNREVIEWED
    press(qtbot, window, "j", "j", "j", "j", "j")
    assert window.current_sentence_id() == first[5]
    show_by_arrows(qtbot, window, Key.Key_Up, Key.Key_Down)
    assert window.filter_box.currentData() == SentenceFilter.UNREVIEWED
    assert window.current_sentence_id() == first[5]
    assert window.panel.heading.text() == window.sentence_model.rows()[5].sentence.text


def test_a_choice_that_hides_the_sentence_goes_to_the_next_one_it_lists(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Sentences 2 and 9 are claims; at sentence 5, "Claims" goes on to 9, not back to 2;
    after the last claim, to the one before it."""
    first = ids(window)
    window.sentence_view.setFocus()
    press(qtbot, window, "j", "c", "j", "j", "j", "j", "j", "j", "j", "c")
    window.select_sentence(first[4])
    box = window.filter_box
    box.setCurrentIndex(box.findData(SentenceFilter.CLAIMS))
    box.activated.emit(box.currentIndex())
    assert window.current_sentence_id() == first[8]
    box.setCurrentIndex(box.findData(SentenceFilter.ALL))
    box.activated.emit(box.currentIndex())
    window.select_sentence(first[10])
    box.setCurrentIndex(box.findData(SentenceFilter.CLAIMS))
    box.activated.emit(box.currentIndex())
    assert window.current_sentence_id() == first[8]


def test_an_undo_that_lists_all_again_says_so_too(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Z of a sentence "Not yet done" no longer listed set the box back to "All
    sentences"; "Undone: …" was written over the line that said why."""
    first = ids(window)
    window.sentence_view.setFocus()
    show_by_arrows(qtbot, window, Key.Key_Down, Key.Key_Down)
    press(qtbot, window, "c", "1", "n")  # sentence 1 done; on to sentence 2
    show_by_arrows(qtbot, window, Key.Key_Up, Key.Key_Down)  # chosen again: 1 not listed
    assert window.current_sentence_id() == first[1]
    qtbot.keyClick(window.sentence_view, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.current_sentence_id() == first[0]
    assert window.filter_box.currentText() == "All sentences"
    said = window.statusBar().currentMessage()
    assert said.startswith("Undone: ")
    assert "Show is “All sentences” again: “Not yet done” did not list this sentence." in said
