"""Ctrl+Q in a dialog: the window's Quit does not reach it (Qt gives a window's keys to
the active window, and a modal dialog is), and the key did nothing and said nothing. A
dialog holding typed text should not quit under it; it says what to do instead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from tests.gui.test_ctrl_enter_in_every_dialog import DIALOGS


@pytest.mark.parametrize("name", list(DIALOGS))
def test_ctrl_q_in_a_dialog_says_to_close_it_first(name: str, qtbot: QtBot) -> None:
    make, _accepts = DIALOGS[name]
    parent = QMainWindow()
    qtbot.add_widget(parent)
    quit_pressed: list[bool] = []
    parent.addAction("Quit", "Ctrl+Q", lambda: quit_pressed.append(True))
    parent.show()
    dialog = make(parent)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    control = QApplication.focusWidget() or dialog
    qtbot.keyClick(control, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # nothing typed there is lost
    assert quit_pressed == []
    note = dialog.findChild(QLabel, "quitNote")
    assert note is not None and note.isVisible()  # still, once the key is let go
    assert note.text() == "Close this dialog first (Esc), then Ctrl+Q quits the desk."
    assert dialog.rect().contains(note.geometry())
