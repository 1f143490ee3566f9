"""What is typed into the Explanation box stays in sight. At 16 pt on a 1024×640 screen
the review panel is taller than the window and scrolls; Tab into the box showed its
first lines at the foot of the panel, and from the third line typed the caret, and the
words being typed, went on under the window's edge, the panel left where it was."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import app_font


def caret_in_sight(window: MainWindow) -> bool:
    """Is the Explanation box's caret, its whole line, inside the panel's visible part."""
    box = window.panel.explanation_edit
    seen = window.panel_scroll.viewport()
    caret = box.cursorRect()
    at = box.viewport().mapTo(seen, caret.topLeft())
    return box.viewport().rect().contains(caret) and seen.rect().contains(QRect(at, caret.size()))


def test_lines_typed_into_the_explanation_at_16_pt_and_1024x640_stay_in_sight(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    with app_font(16):
        window = make_window(seeded_desk)
        window.resize(1024, 640)
        QApplication.processEvents()
        panel = window.panel
        assert window.panel_scroll.verticalScrollBar().maximum() > 0  # the panel scrolls
        panel.status_box.setFocus()
        qtbot.keyClick(panel.status_box, Qt.Key.Key_Tab)
        box = panel.explanation_edit
        assert box.hasFocus()
        for line in ("Payroll: 212 names.", "Budget: 200.", "Ministry: no answer.", "", "End"):
            qtbot.keyClicks(box, line)
            qtbot.keyClick(box, Qt.Key.Key_Return)
            assert caret_in_sight(window), line
        qtbot.keyClick(box, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        assert caret_in_sight(window)  # back to the first line, it comes back in sight
