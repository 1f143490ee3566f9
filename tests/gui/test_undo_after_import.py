"""Ctrl+Z pressed right after pasting or importing an article, to take it back.

An import is no undo step (File → Remove Article… takes a mistaken one out). Ctrl+Z
took back the step before it instead: the reviewer's last verdict, in another article,
and the window went there, which looked like the paste undone; the verdict was gone."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import press

CTRL = Qt.KeyboardModifier.ControlModifier
PASTED = "Officials said 3 people died. The army denied it."


def paste(qtbot: QtBot, window: MainWindow, text: str) -> None:
    QApplication.clipboard().setText(text)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_V, CTRL | Qt.KeyboardModifier.ShiftModifier)


def ctrl_z(qtbot: QtBot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)


def verdict_of(window: MainWindow, sentence_id: int) -> str | None:
    return window.desk.reviews.review(sentence_id).verdict


def test_ctrl_z_after_a_paste_keeps_the_verdict_before_it(qtbot: QtBot, window: MainWindow) -> None:
    judged = window.current_sentence_id()
    assert judged is not None
    press(qtbot, window, "2")  # Mostly true
    first = window.article_id
    paste(qtbot, window, PASTED)
    pasted = window.article_id
    assert pasted != first

    ctrl_z(qtbot)

    assert verdict_of(window, judged) == "mostly_true"
    assert window.article_id == pasted  # not sent back to look as if the paste was undone
    said = window.statusBar().currentMessage()
    assert "Remove Article" in said, said
    assert "Mostly true" in said, said  # what a second Ctrl+Z would take back
    # Asked again, knowingly: the step before the paste is undone, as ever.
    ctrl_z(qtbot)
    assert verdict_of(window, judged) is None
    assert window.article_id == first


def test_ctrl_z_after_work_on_the_pasted_article_undoes_that_work(
    qtbot: QtBot, window: MainWindow
) -> None:
    press(qtbot, window, "2")
    paste(qtbot, window, PASTED)
    pasted = window.current_sentence_id()
    assert pasted is not None
    press(qtbot, window, "5")
    assert verdict_of(window, pasted) == "false"

    ctrl_z(qtbot)

    assert verdict_of(window, pasted) is None  # at once: the newest step is the reviewer's


def test_ctrl_z_after_a_paste_once_another_article_is_open_undoes_as_ever(
    qtbot: QtBot, window: MainWindow
) -> None:
    judged = window.current_sentence_id()
    assert judged is not None
    first = window.article_id
    assert first is not None
    press(qtbot, window, "2")
    paste(qtbot, window, PASTED)
    window.open_article(first)  # back where the verdict is: the paste is behind her

    ctrl_z(qtbot)

    assert verdict_of(window, judged) is None


def test_edit_undo_chosen_from_the_menu_after_a_paste_undoes_the_step_it_names(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The menu item reads "Undo Verdict: Mostly true": chosen there, knowingly, it did
    nothing and said to press Ctrl+Z again for what the reviewer had just chosen."""
    judged = window.current_sentence_id()
    assert judged is not None
    first = window.article_id
    press(qtbot, window, "2")  # Mostly true
    paste(qtbot, window, PASTED)
    assert window.registry[ActionId.UNDO].text() == "&Undo Verdict: Mostly true"

    qtbot.keyClick(window.sentence_view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    menu = QApplication.activePopupWidget()
    assert menu is not None
    qtbot.keyClick(menu, Qt.Key.Key_U)  # &Undo Verdict: Mostly true

    said = window.statusBar().currentMessage()
    assert verdict_of(window, judged) is None, said
    assert window.article_id == first


def test_another_workspace_opened_after_a_paste_lets_the_last_one_go(
    qtbot: QtBot, tmp_path: Path, make_window: Callable[[Desk], MainWindow]
) -> None:
    """What Ctrl+Z was to say of the paste is the closed workspace's: kept, it held that
    desk and its undo steps (a merge's, a re-split's) in memory until the next Ctrl+Z."""
    desk = Desk.open(tmp_path / "first.fcdesk")
    desk.importer.import_text("The mayor said crime fell. Officials denied it.")
    closed = weakref.ref(desk)
    window = make_window(desk)
    del desk
    press(qtbot, window, "2")
    paste(qtbot, window, PASTED)
    window.workspace.switch_workspace(tmp_path / "other.fcdesk")
    assert window.desk is not closed()
    gc.collect()
    assert closed() is None
