"""The sentence list's rows on a short screen, the search pane closed.

A 1024×640 screen leaves the window 984×580 under a taskbar and its title bar; a laptop
at 200 % on 1920×1080 is a 960×540 screen (a 920×480 window), at 150 % on 1366×768 a
910×512 one (870×452). The article text kept its first start's share, 58 % of the
height, and the sentence list, where the keys work, was left its current sentence and
the top of the next: at 16 pt on 984×580 it was 125 px for a 104 px current row."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from factcheck_app.gui import settings
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import app_font
from tests.gui.test_small_screen_keyboard import drag_handle, rows_in_sight

ARTICLE_LINES = 6  # what the article text keeps: the current sentence with its neighbours


@pytest.mark.parametrize(
    ("points", "size", "rows"),
    # At 16 pt the current sentence grows to six lines (152 px): under the article
    # text's six lines there is room for two rows more (it was none).
    [(16, (984, 580), 3), (9, (984, 580), 4), (9, (920, 480), 4), (9, (870, 452), 4)],
)
def test_the_sentence_list_keeps_rows_to_step_through_on_a_short_screen(
    points: int,
    size: tuple[int, int],
    rows: int,
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """The current sentence whole and rows more (three where there is room), the
    article text its six lines."""
    with app_font(points):
        window = make_window(seeded_desk)
        window.setMinimumSize(600, 400)  # the offscreen screen's least is not a laptop's
        window.resize(*size)
        QApplication.processEvents()
        view = window.sentence_view
        header = view.verticalHeader()
        current = view.currentIndex().row()
        # The sample's first sentence, grown to show whole.
        qtbot.waitUntil(lambda: header.sectionSize(current) >= 2 * header.defaultSectionSize())

        def rows_shown() -> None:
            where = (points, size, window.center_splitter.sizes(), view.viewport().height())
            assert rows_in_sight(view) >= rows, where

        qtbot.waitUntil(rows_shown, timeout=2000)  # once the list has its room
        lines = window.article_view.fontMetrics().lineSpacing()
        assert window.article_view.viewport().height() >= ARTICLE_LINES * lines


def test_a_split_the_reviewer_dragged_to_is_kept(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Once the reviewer drags the handle between the article text and the sentences,
    the list no longer takes its rows back: not as the window is resized either."""
    with app_font(9):
        window = make_window(seeded_desk)
        window.setMinimumSize(600, 400)
        window.resize(920, 480)
        splitter = window.center_splitter
        view = window.sentence_view
        qtbot.waitUntil(lambda: rows_in_sight(view) >= 4)
        drag_handle(qtbot, window, 1, 80)  # more of the article text, fewer rows
        dragged = splitter.sizes()
        assert rows_in_sight(view) < 4, dragged
        window.resize(920, 470)
        QApplication.processEvents()  # the resize, then the fit queued after it
        QApplication.processEvents()
        assert rows_in_sight(view) < 4, splitter.sizes()
        assert splitter.sizes()[0] >= dragged[0] - 10  # the text keeps what it was given


def test_the_dragged_split_is_kept_at_the_next_start(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The split the reviewer dragged to comes back at the next start as they left it:
    the list did not take its rows back from it."""
    path = seeded_desk.path
    assert path is not None
    with app_font(9):
        window = make_window(seeded_desk)
        window.setMinimumSize(600, 400)
        window.resize(920, 480)
        qtbot.waitUntil(lambda: rows_in_sight(window.sentence_view) >= 4)
        drag_handle(qtbot, window, 1, 80)
        dragged = window.center_splitter.sizes()
        window.close()  # closes its workspace and keeps its layout
        again = make_window(Desk.open(path))
        again.setMinimumSize(600, 400)
        again.resize(920, 480)
        QApplication.processEvents()  # the resize, then any fit queued after it
        QApplication.processEvents()
        assert again.center_splitter.sizes() == dragged
        assert rows_in_sight(again.sentence_view) < 4


def _ctrl_f_then_close(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+F from the sentence list, then the pane's Close button."""
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert window.search_panel.isVisible()
    close = window.search_panel.findChild(QToolButton, "closeSearch")
    assert close is not None
    close.click()
    QApplication.processEvents()


def test_a_dragged_split_is_kept_through_ctrl_f_and_close(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The search pane gives back the split the reviewer dragged to when it closes. It
    gave the article text a little less each time (read before the pane's own room came
    back, the list was held at its least height): 259 px, then 247, 242, 240."""
    with app_font(9):
        window = make_window(seeded_desk)
        window.setMinimumSize(600, 400)
        window.resize(920, 480)
        qtbot.waitUntil(lambda: rows_in_sight(window.sentence_view) >= 4)
        drag_handle(qtbot, window, 1, 80)  # more of the article text
        dragged = window.center_splitter.sizes()
        for _ in range(3):
            _ctrl_f_then_close(qtbot, window)
            article = window.center_splitter.sizes()[0]
            assert abs(article - dragged[0]) <= 2, (dragged, window.center_splitter.sizes())


def test_closing_search_after_the_window_was_made_smaller_gives_the_list_its_rows(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Ctrl+F, the window made smaller (put on the laptop's own screen), the pane
    closed: the list was left its share of before, two rows, until the window was
    resized again. It takes its rows back as it does at that size without the pane."""
    with app_font(9):
        window = make_window(seeded_desk)
        window.setMinimumSize(600, 400)
        window.resize(1024, 640)
        QApplication.processEvents()
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()
        window.resize(870, 452)
        QApplication.processEvents()
        QApplication.processEvents()
        close = window.search_panel.findChild(QToolButton, "closeSearch")
        assert close is not None
        close.click()
        QApplication.processEvents()
        QApplication.processEvents()
        view = window.sentence_view
        assert rows_in_sight(view) >= 4, (window.center_splitter.sizes(), rows_in_sight(view))
        lines = window.article_view.fontMetrics().lineSpacing()
        assert window.article_view.viewport().height() >= ARTICLE_LINES * lines


@pytest.mark.parametrize("state", [b"not a splitter's state", None])
def test_a_dragged_split_that_cannot_be_restored_leaves_the_list_its_rows(
    state: bytes | None,
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """A settings file saying the split was dragged, but whose split is unreadable
    (damaged, hand-edited) or missing: the split is not restored, and the list stayed
    at the first start's share, its current sentence alone at 16 pt, for good (saved as
    dragged again at every close). It gets its rows, as on a first start."""
    stored = settings.settings()
    stored.setValue(settings.ROWS_DRAGGED, True)
    if state is not None:
        stored.setValue(settings.CENTER_SPLITTER, state)
    stored.sync()
    with app_font(16):
        window = make_window(seeded_desk)
        window.setMinimumSize(600, 400)
        window.resize(984, 580)
        view = window.sentence_view

        def rows_shown() -> None:
            assert rows_in_sight(view) >= 3, (window.center_splitter.sizes(), rows_in_sight(view))

        qtbot.waitUntil(rows_shown, timeout=2000)
