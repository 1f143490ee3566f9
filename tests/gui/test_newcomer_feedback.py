"""What a newcomer's first hour showed: keys that worked without saying what they did,
and a hint that was cut short, or stayed after it no longer applied."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from tests.gui.conftest import press

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def test_ctrl_z_and_ctrl_shift_z_say_which_edit_they_took_back_or_made_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Ctrl+Z undid a source's title or a verdict out of sight with no word of what."""
    press(qtbot, window, "c", "5")
    status = window.statusBar()
    qtbot.keyClick(window.sentence_view, Key.Key_Z, CTRL)
    assert status.currentMessage() == "Undone: Verdict: False."
    qtbot.keyClick(window.sentence_view, Key.Key_Z, CTRL_SHIFT)
    assert status.currentMessage() == "Redone: Verdict: False."
    for _ in range(2):
        qtbot.keyClick(window.sentence_view, Key.Key_Z, CTRL)
    assert status.currentMessage() == "Undone: Tag as Claim."


def test_ctrl_z_after_x_names_what_x_did(qtbot: QtBot, window: MainWindow) -> None:
    """X (Nothing to check) taken back said "Undone: Tag as none.": no key, button or
    menu item is called that, and a newcomer could not tell what had been undone. It
    says the name X goes by, as the toolbar and the sentence's history do."""
    press(qtbot, window, "x")
    status = window.statusBar()
    qtbot.keyClick(window.sentence_view, Key.Key_Z, CTRL)
    assert status.currentMessage() == "Undone: Nothing to check."
    qtbot.keyClick(window.sentence_view, Key.Key_Z, CTRL_SHIFT)
    assert status.currentMessage() == "Redone: Nothing to check."


def test_the_split_hint_fits_the_status_bar_of_a_1024x640_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Ctrl+Shift+M with the caret not inside the sentence: the hint ended "then press
    Ctrl+Shif" at 1024 px, the key it names cut off."""
    window.resize(1024, 640)
    qtbot.keyClick(window.sentence_view, Key.Key_M, CTRL_SHIFT)
    status = window.statusBar()
    hint = status.currentMessage()
    assert hint.startswith("Put the caret where it should split") and hint.endswith("Ctrl+Shift+M.")
    room = status.width() - window.progress_label.sizeHint().width() - 24  # grip, margins
    assert status.fontMetrics().horizontalAdvance(hint) <= room


def test_after_a_split_the_status_bar_says_it_split_not_how_to(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The hint on placing the caret stood on after the split was made, as if the key
    had done nothing."""
    window.select_sentence(window.sentence_model.sentence_row(4).sentence.id)
    qtbot.keyClick(window.sentence_view, Key.Key_M, CTRL_SHIFT)
    assert window.statusBar().currentMessage().startswith("Put the caret")
    qtbot.keyClick(window.sentence_view, Key.Key_F6)
    for _ in range(11):
        qtbot.keyClick(window.article_view, Key.Key_Right, CTRL)
    qtbot.keyClick(window.article_view, Key.Key_M, CTRL_SHIFT)
    assert window.sentence_model.rowCount() == 13
    assert window.statusBar().currentMessage() == "Sentence split in two (Ctrl+Z joins it again)."


def _inked(view: QListView) -> int:
    """How many pixels of the list's viewport are not its background."""
    image = view.viewport().grab().toImage()
    back = image.pixelColor(1, 1)
    return sum(
        image.pixelColor(x, y) != back
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


def test_an_empty_sources_list_says_how_to_link_one(qtbot: QtBot, window: MainWindow) -> None:
    """The Sources box of a sentence with none was a blank white box: nothing said that
    Ctrl+L links one (the earlier-verdicts box below it does say why it is empty)."""
    view = window.panel.sources_view
    assert window.panel.sources_model.rowCount() == 0
    assert view.empty_text == "No sources yet: Ctrl+L links one."
    assert _inked(view) > 0  # drawn in the box, not only held
