"""The sentence list's current row, grown to show its sentence whole, is never taller
than the list: in a short list (a large font, Ctrl+F's pane open, a 1024×640 screen) it
ran past the list's bottom edge, and its number, tag, verdict and status, drawn at the
middle of the row, were under that edge, out of sight."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SentenceColumn
from factcheck_app.services.desk import Desk


def test_the_current_row_fits_a_short_list_with_its_tag_in_sight(
    large_font: QFont,
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """A newcomer's first day at 16 pt on a 1024×640 screen, welcome note showing: Ctrl+F
    left the sentence list 39 px, and the first sentence, grown to six lines (152 px)
    before, stayed so. The reviewer saw the top of its text, not its number, tag, verdict
    or status, and no other sentence."""
    window = make_window(seeded_desk)
    window.show_welcome(sample=True)
    # What a 1024×640 screen gives it (the offscreen screen is 800×800: its least size
    # there is 760×600), less the room the desk leaves for a title bar and frame.
    window.setMinimumSize(760, 580)
    window.resize(984, 580)
    QApplication.processEvents()
    view = window.sentence_view
    header = view.verticalHeader()
    assert view.currentIndex().row() == 0  # the sample's first sentence, a long one
    # Before Ctrl+F the list has the room: the sentence grows to show whole.
    qtbot.waitUntil(lambda: header.sectionSize(0) >= 2 * header.defaultSectionSize())
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)

    def fits() -> None:
        assert header.sectionSize(0) <= view.viewport().height(), (
            f"row {header.sectionSize(0)} px, list {view.viewport().height()} px"
        )

    # The pane took the room: the row is fitted to what is left once the resizing pauses.
    qtbot.waitUntil(fits, timeout=2000)
    tag = view.visualRect(view.currentIndex().siblingAtColumn(SentenceColumn.TAG))
    # The tag is drawn at the row's middle: that middle is in the list.
    assert 0 <= tag.center().y() <= view.viewport().height(), tag
