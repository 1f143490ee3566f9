"""The sentence the window opens on is in sight in the article text, whole."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk


def test_the_sentence_a_window_reopens_on_is_whole_in_the_article_text(
    qtbot: QtBot, seeded_desk: Desk
) -> None:
    """Started again on a 1024×640 screen where the reviewer stopped (the sample's
    sentence #6), the article text showed the sentence's first line on its bottom edge
    and the rest out of view: it had been scrolled into view before the panes took their
    widths, and the text, wrapped anew, moved it down. Its end is in sight now too."""
    sentence = seeded_desk.reviews.sentence_rows(1)[5].sentence
    window = MainWindow(seeded_desk)
    qtbot.add_widget(window)
    window.open_article(1, sentence.id)  # as a start does, before the window is laid out
    window.resize(984, 580)  # the window on a 1024×640 screen, less its frame
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    view = window.article_view
    shown = view.viewport().rect()
    for offset in (sentence.start, sentence.end):
        cursor = QTextCursor(view.document())
        cursor.setPosition(view._offsets.to_qt(offset))
        assert shown.contains(view.cursorRect(cursor)), (offset, view.cursorRect(cursor), shown)
