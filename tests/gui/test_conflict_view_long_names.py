"""Deciding a conflict from the keyboard with a large font on a small screen, between two
reviewers with long names (a newsroom's "Alexandra Konstantinopoulou-Wetherby").

At 16 pt on a 1024×640 screen the conflict view is taller than the review panel shows.
Ctrl+Shift+D put the keys in the versions' list and then centred the whole view in the
panel: the list's titles and its first version lay above the panel's top edge, half of
a name showing. And the boxes that
choose whose tag, verdict, claimant and explanation to combine cut a long name off in
the middle of a letter, with nothing that said the whole of it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import FRAME_ROOM, MainWindow
from factcheck_app.services.desk import Desk
from tests.services.merge_fixtures import make_three_articles, open_as, three_conflicts

ALEXANDRA = "Alexandra Konstantinopoulou-Wetherby"
BARTHOLOMEW = "Bartholomew Fitzgerald-Montgomery III"


@pytest.fixture
def large_font() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = QFont(app.font())
    large = QFont(old)
    large.setFamilies(["DejaVu Sans"])
    large.setPointSize(16)
    app.setFont(large)
    yield
    app.setFont(old)


@pytest.fixture
def window(
    large_font: None, tmp_path: Path, make_window: Callable[[Desk], MainWindow]
) -> Iterator[MainWindow]:
    """Alexandra's workspace with Bartholomew's merged in, at 16 pt in a window of a
    1024×640 screen, on the first sentence in conflict."""
    alexandra, bartholomew = tmp_path / "alexandra.fcdesk", tmp_path / "bartholomew.fcdesk"
    make_three_articles(alexandra, ALEXANDRA, 0)
    make_three_articles(bartholomew, BARTHOLOMEW, 1)
    desk = open_as(alexandra, ALEXANDRA)
    try:
        desk.merge.merge(bartholomew)
        article_id, sentence_id = three_conflicts(desk)[0]
        window = make_window(desk)
        window.resize(1024 - FRAME_ROOM[0], 640 - FRAME_ROOM[1])
        window.open_article(article_id)
        window.select_sentence(sentence_id)
        QApplication.processEvents()
        yield window
    finally:
        desk.close()


def _in_sight(widget: QWidget, window: MainWindow) -> bool:
    """Is all of `widget` inside the part of the review panel the window shows?"""
    viewport = window.panel_scroll.viewport()
    where = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return viewport.rect().contains(where)


def test_ctrl_shift_d_shows_the_whole_list_of_versions(qtbot: QtBot, window: MainWindow) -> None:
    view = window.panel.conflict_view
    assert view.height() > window.panel_scroll.viewport().height()  # it does not all fit
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    QApplication.processEvents()
    assert QApplication.focusWidget() is view.table
    assert _in_sight(view.table, window)  # its titles and every version
    assert _in_sight(view.details, window)  # the chosen one whole
    assert _in_sight(view.title, window)  # "Reviewers disagree…": there is room for it


def test_a_long_name_cut_in_a_combining_box_is_told_whole(qtbot: QtBot, window: MainWindow) -> None:
    view = window.panel.conflict_view
    for box in view.field_boxes.values():
        assert box.currentText() == ALEXANDRA
        assert ALEXANDRA in box.toolTip()
        box.setCurrentIndex(1)
        assert BARTHOLOMEW in box.toolTip()
