"""The sentence the window opens on is in sight in the article text, whole."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.actions import ActionId
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


def _long_window(qtbot: QtBot, desk: Desk) -> MainWindow:
    """A window on a long article, its first sentence current, 984×580."""
    text = "\n\n".join(
        f"Paragraph {n} says the council spent {n} million on roads this year." for n in range(80)
    )
    article = desk.importer.import_text(text)
    first = desk.reviews.sentence_rows(article.article_id)[0].sentence
    window = MainWindow(desk)
    qtbot.add_widget(window)
    window.resize(984, 580)
    window.show()
    qtbot.waitExposed(window)
    window.open_article(article.article_id, first.id)
    QApplication.processEvents()
    return window


def test_a_reviewer_reading_further_down_stays_there_when_the_pane_is_widened(
    qtbot: QtBot, desk: Desk
) -> None:
    """Scrolled down the article text (the wheel) to read a later paragraph, the reviewer
    widened the text by dragging the handle beside it: at every step of the drag (and at
    every resize of the window) the text jumped back to the current sentence at the top,
    and what they were reading was gone. A change of width brings the sentence back only
    when it was in sight before."""
    window = _long_window(qtbot, desk)
    view = window.article_view
    bar = view.verticalScrollBar()
    assert bar.maximum() > 40
    bar.setValue(bar.maximum() // 2)  # as the wheel does: the caret stays on sentence #1
    reading = view.firstVisibleBlock().blockNumber()
    assert reading > 20
    splitter = window.main_splitter
    for step in (40, 80, 120):  # the handle dragged to the left, step by step
        sizes = splitter.sizes()
        splitter.setSizes([sizes[0] - 40, sizes[1] + 40, sizes[2]])
        QApplication.processEvents()
        assert abs(view.firstVisibleBlock().blockNumber() - reading) <= 2, step
    window.resize(900, 580)
    QApplication.processEvents()
    assert abs(view.firstVisibleBlock().blockNumber() - reading) <= 2


def test_the_sentence_in_sight_stays_in_sight_when_the_text_is_narrowed(
    qtbot: QtBot, desk: Desk
) -> None:
    """The current sentence in sight when the window is narrowed (the text wrapped anew,
    onto more lines) is still in sight after it."""
    window = _long_window(qtbot, desk)
    view = window.article_view
    assert window.article_id is not None
    sentence = desk.reviews.sentence_rows(window.article_id)[30].sentence
    window.open_article(window.article_id, sentence.id)
    QApplication.processEvents()
    window.resize(640, 580)
    QApplication.processEvents()
    shown = view.viewport().rect()
    for offset in (sentence.start, sentence.end):
        cursor = QTextCursor(view.document())
        cursor.setPosition(view._offsets.to_qt(offset))
        assert shown.contains(view.cursorRect(cursor)), (offset, view.cursorRect(cursor), shown)


def test_a_reviewer_reading_further_down_stays_there_when_the_search_pane_opens(
    qtbot: QtBot, desk: Desk
) -> None:
    """The search pane, opened under the article text, made it shorter: the text jumped
    back to the current sentence, far from the paragraph the reviewer was reading."""
    window = _long_window(qtbot, desk)
    view = window.article_view
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    reading = view.firstVisibleBlock().blockNumber()
    height = view.height()
    window.registry[ActionId.SEARCH_WORKSPACE].trigger()
    QApplication.processEvents()
    assert view.height() < height
    assert abs(view.firstVisibleBlock().blockNumber() - reading) <= 2
