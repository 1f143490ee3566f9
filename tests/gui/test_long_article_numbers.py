"""The sentence list's number column in an article of more than 999 sentences (a long
hearing transcript, a report's PDF)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SentenceColumn
from factcheck_app.services.desk import Desk

SENTENCES = 1_234


def shown_number(window: MainWindow, row: int) -> str:
    """The number as the cell shows it: cut with "…" when the column is too narrow."""
    view = window.sentence_view
    index = window.sentence_filter.index(row, SentenceColumn.NUMBER)
    text = str(index.data())
    room = view.columnWidth(SentenceColumn.NUMBER) - 8  # the cell's own margins
    return view.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room)


def test_numbers_past_999_show_whole(
    tmp_path: Path, qtbot: QtBot, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Sentences 1000 to 1099 all showed "10…", 1100 on "11…": a reviewer could not tell
    one from the next, nor which sentence the status bar or a denial's "#1104" meant."""
    desk = Desk.open(tmp_path / "w.fcdesk")
    short = desk.importer.import_text("The mayor said 3 bridges were closed. Nobody denied it.")
    text = " ".join(f"The council said {n} homes were flooded." for n in range(SENTENCES))
    long = desk.importer.import_text(text)
    window = make_window(desk)
    window.resize(1280, 800)
    window.open_article(long.article_id)
    QApplication.processEvents()
    assert window.sentence_filter.rowCount() == SENTENCES
    last = SENTENCES - 1
    assert shown_number(window, last) == str(SENTENCES)
    assert shown_number(window, 999) == "1000"

    wide = window.sentence_view.columnWidth(SentenceColumn.NUMBER)
    window.open_article(short.article_id)  # a short article gives the room back
    QApplication.processEvents()
    assert window.sentence_view.columnWidth(SentenceColumn.NUMBER) < wide
    assert shown_number(window, 1) == "2"
