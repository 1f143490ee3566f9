"""The search pane at 1024×640 with a 16 pt font: the results it is opened for show."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.test_small_screen_keyboard import rows_in_sight


@pytest.mark.parametrize("welcome", [True, False])
def test_search_results_show_rows_at_1024x640_with_a_large_font(
    welcome: bool,
    large_font: QFont,
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """Ctrl+F at 16 pt on a 1024×640 screen: the pane took 30 % of the centre's room, its
    find and "Look in" rows most of that, and the results showed one row and the top of a
    second. The results keep three rows whole, the sentence list its current sentence
    whole, the article text two lines. Under the first day's welcome note (four lines at
    16 pt) there is room for one result whole; Got It gives the rest back."""
    window = make_window(seeded_desk)
    if welcome:
        window.show_welcome(sample=True)
    window.resize(1024, 640)
    QApplication.processEvents()
    view = window.sentence_view
    header = view.verticalHeader()
    current = view.currentIndex().row()
    qtbot.waitUntil(lambda: header.sectionSize(current) >= 2 * header.defaultSectionSize())
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.search_panel
    qtbot.keyClicks(panel.query_edit, "Ganja")
    panel.run_search()
    qtbot.waitUntil(lambda: panel.model.rowCount() >= 3)
    QApplication.processEvents()
    sizes = window.center_splitter.sizes()
    lines = window.article_view.fontMetrics().lineSpacing()
    assert window.article_view.viewport().height() >= 2 * lines, sizes
    if welcome:
        # Its four lines leave no room for more: one result whole (Got It gives three).
        assert rows_in_sight(panel.view) >= 1, sizes
        return
    assert rows_in_sight(panel.view) >= 3, sizes
    shown = view.visualRect(view.currentIndex())
    assert shown.top() >= 0 and shown.bottom() <= view.viewport().height(), sizes
