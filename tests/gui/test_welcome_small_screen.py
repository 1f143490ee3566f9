"""The first day's welcome note at 16 pt on a 1024×640 screen took four lines (114 px of
the window's 580), and the sentence list under the article was left 77 px: the current
sentence, the one being reviewed, showed three lines and a half. The note says its keys in
fewer words when its whole words would take that much of the window; all of them are
still read to a screen reader and shown as its tooltip."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QFont, QTextDocumentFragment
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk


def _open_with_welcome(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> MainWindow:
    window = make_window(seeded_desk)
    window.resize(1024, 640)
    window.show_welcome(sample=True)
    QApplication.processEvents()
    view = window.sentence_view
    header = view.verticalHeader()
    current = view.currentIndex().row()
    # The rows take their wrapped height a moment after the window is laid out.
    qtbot.waitUntil(lambda: header.sectionSize(current) >= 2 * header.defaultSectionSize())
    QApplication.processEvents()
    return window


def test_the_welcome_leaves_the_current_sentence_whole_at_16_pt_on_1024x640(
    large_font: QFont,
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
) -> None:
    window = _open_with_welcome(qtbot, seeded_desk, make_window)
    note = window.welcome
    assert note.isVisible()
    label = note.label
    assert label.height() >= label.heightForWidth(label.width())  # its words whole
    text = label.text()
    for words in ("sample", "<b>C</b>", "1–6", "Ctrl+L", "Ctrl+O", "F1"):
        assert words in text, words
    # A sixth of the window at most, and the sentence list under the article keeps
    # four lines of the sentence being reviewed (it had three and a half, 92 px).
    assert note.height() <= window.height() / 6, note.height()
    view = window.sentence_view
    lines = view.fontMetrics().lineSpacing()
    assert view.viewport().height() >= 4 * lines, (view.viewport().height(), lines)
    # The whole words stay a key press away for a screen reader, and under the mouse.
    whole = note.dismiss_button.accessibleDescription()
    assert "Everything is saved as you go" in whole and "dragging files" in whole
    assert "dragging files" in QTextDocumentFragment.fromHtml(label.toolTip()).toPlainText()


@pytest.mark.parametrize("width", [1024, 1600])
def test_the_welcome_says_it_all_where_there_is_room(
    width: int, qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """At the default font the note keeps every word (two or three lines)."""
    window = make_window(seeded_desk)
    window.resize(width, 640)
    window.show_welcome(sample=True)
    QApplication.processEvents()
    assert "dragging files" in window.welcome.label.text()
