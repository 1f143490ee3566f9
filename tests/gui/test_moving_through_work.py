"""Moving through a day's work by keyboard (issue 15): on after a verdict, on to the next
article, to the article list, and back to where the reviewer stopped."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui import settings
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import press


def test_a_verdict_moves_on_and_undo_comes_back(qtbot: QtBot, window: MainWindow) -> None:
    move_on = window.registry[ActionId.MOVE_ON_AFTER_VERDICT]
    assert move_on.isCheckable() and not move_on.isChecked()  # off until chosen
    first = window.current_sentence_id()
    press(qtbot, window, "c", "4")
    assert window.current_sentence_id() == first  # off: the verdict stays where given
    move_on.trigger()
    assert settings.move_on_after_verdict()  # kept for the next start
    press(qtbot, window, "5")
    assert first is not None and window.desk.reviews.review(first).verdict == "false"
    assert window.current_sentence_id() == window.sentence_model.sentence_row(1).sentence.id
    window.edits.undo()
    assert window.current_sentence_id() == first  # the place comes back with the verdict
    assert window.desk.reviews.review(first).verdict == "mostly_false"


def test_n_at_the_last_open_sentence_offers_the_next_article(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    second = seeded_desk.importer.import_text(
        "A second article. It has one more sentence."
    ).article_id
    window = make_window(seeded_desk)
    first_article = window.article_id
    for row in window.sentence_model.rows():
        seeded_desk.reviews.set_tag(row.sentence.id, None)  # X, "nothing to check": done
    window.open_article(first_article or 1)
    press(qtbot, window, "n")
    assert "N again" in window.statusBar().currentMessage()
    assert window.article_id == first_article  # only offered
    press(qtbot, window, "n")
    assert window.article_id == second


def test_a_key_goes_to_the_article_list_and_enter_opens_one(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    second = seeded_desk.importer.import_text(
        "A second article. It has one more sentence."
    ).article_id
    window = make_window(seeded_desk)
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QApplication.focusWidget() is window.article_list
    qtbot.keyClick(window.article_list, Qt.Key.Key_Down)
    qtbot.keyClick(window.article_list, Qt.Key.Key_Return)
    assert window.article_id == second
    assert QApplication.focusWidget() is window.sentence_view


def test_the_window_reopens_where_the_reviewer_stopped(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    path = seeded_desk.path
    assert path is not None
    second = seeded_desk.importer.import_text(
        "A second article. It has one more sentence."
    ).article_id
    window = make_window(seeded_desk)
    window.open_article(second)
    press(qtbot, window, Qt.Key.Key_Down)
    stopped_at = window.current_sentence_id()
    window.close()
    again = make_window(Desk.open(path))
    assert again.article_id == second
    assert again.current_sentence_id() == stopped_at
