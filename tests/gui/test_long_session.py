"""A window kept open all day stays the same size: what each action leaves behind is
counted after a few actions and after many (bench/bench_long_session.py finds these)."""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtCore import SIGNAL, QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QToolBar
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.messages import ask, inform, show_error
from tests.gui.conftest import press

CHANGED = SIGNAL("changed()")


def back_in_event_loop() -> None:
    """What returning to the event loop does after an action: deferred deletes run."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def toolbar_connections(window: MainWindow) -> int:
    """Connections of the toolbar's actions' `changed` signals, all of them."""
    toolbar = window.findChild(QToolBar, "reviewToolbar")
    return sum(action.receivers(CHANGED) for action in toolbar.actions())


def test_edits_do_not_pile_up_connections_on_the_toolbar(qtbot: QtBot, window: MainWindow) -> None:
    """Qt 6.11's tool buttons connected Undo's `changed` once more at each new text: a day
    of edits left thousands of connections, each edit calling them all."""
    keys = (Qt.Key.Key_C, Qt.Key.Key_2, Qt.Key.Key_F, Qt.Key.Key_4, Qt.Key.Key_X)

    def edit(times: int) -> None:
        for n in range(times):
            press(qtbot, window, keys[n % len(keys)])
        window.registry[ActionId.UNDO].trigger()
        window.registry[ActionId.REDO].trigger()

    edit(5)
    after_a_few = toolbar_connections(window)
    edit(50)
    assert toolbar_connections(window) == after_a_few
    # The buttons still follow their actions.
    toolbar = window.findChild(QToolBar, "reviewToolbar")
    button = toolbar.widgetForAction(window.registry[ActionId.UNDO])
    assert button.isEnabled() and button.text().startswith("Undo")
    while window.desk.edits.undo_steps:
        window.registry[ActionId.UNDO].trigger()
    assert not button.isEnabled()


def test_message_boxes_are_deleted_once_answered(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """Every message (each refusal, each Check Workspace) stayed in the window,
    with its text document, until the desk was quit."""
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: int(QMessageBox.StandardButton.Ok))

    def messages(times: int) -> int:
        for _ in range(times):
            window.registry[ActionId.CHECK_WORKSPACE].trigger()
            # It reads beside the window; its report box comes when it ends.
            qtbot.waitUntil(lambda: not window.workspace.check_running())
            show_error(window, FactcheckError("This source is already linked."))
            inform(window, "Import finished", "2 files imported.")
            ask(
                window,
                "Re-split Article",
                "Re-split anyway?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
        back_in_event_loop()
        return len(window.findChildren(QMessageBox))

    after_a_few = messages(5)
    assert messages(50) == after_a_few == 0


def test_suggestions_under_way_let_go_of_the_article_left(qtbot: QtBot, window: MainWindow) -> None:
    """Suggestion steps under way when another article opened held the article left (its
    rows and analyses; ~20 MB for 10,000 sentences) until the next start, which every key
    put off."""
    desk = window.desk
    first = window.article_id
    assert first is not None
    second = desk.importer.import_text("Baku said 32 people died. Ankara denied it.\n").article_id
    window.reload_articles()
    scheduler = window.suggestions
    scheduler.start()  # the assist loads in a worker, then the steps run and finish
    qtbot.waitUntil(lambda: scheduler._assist_loaded and not scheduler.running(), timeout=10_000)
    scheduler.start()
    scheduler.pause()  # a key: the steps wait, under way
    assert scheduler._steps is not None
    steps = weakref.ref(scheduler._steps)  # a generator holding the first article's rows
    for _ in range(5):
        window.open_article(second)
        window.open_article(first)
    window.open_article(second)
    gc.collect()
    assert steps() is None
    assert scheduler._steps_for in (None, window.sentence_model.rows_token())
    # The new article's suggestions still come once the reviewer pauses.
    scheduler.delay_timer.setInterval(0)
    scheduler.delay_timer.start()
    only = window.sentence_model.sentence_row(0).sentence.id
    qtbot.waitUntil(lambda: window.sentence_model.suggestion(only) is not None, timeout=10_000)
