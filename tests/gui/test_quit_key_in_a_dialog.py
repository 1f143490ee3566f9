"""Ctrl+Q in a dialog: the window's Quit does not reach it (Qt gives a window's keys to
the active window, and a modal dialog is), and the key did nothing and said nothing. A
dialog holding typed text should not quit under it; it says what to do instead."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from tests.gui.test_accessible_names import heard_by_a_screen_reader
from tests.gui.test_ctrl_enter_in_every_dialog import DIALOGS


def shown_over_a_window(
    qtbot: QtBot, name: str, on_quit: Callable[[], object] | None = None, modal: bool = False
) -> tuple[QMainWindow, QDialog]:
    """Dialog `name` of `DIALOGS` shown, active, over a window whose Quit is Ctrl+Q
    (`on_quit`, as the window's registry has it; None: no Quit): (the window, the
    dialog), the window to be held while the dialog is used (freed, it frees its
    dialog). Closed at the test's end even when a check fails: the next is not behind
    it."""
    make, _accepts = DIALOGS[name]
    parent = QMainWindow()
    qtbot.add_widget(parent)
    if on_quit is not None:
        parent.addAction("Quit", "Ctrl+Q", on_quit)
    parent.show()
    dialog = make(parent)
    qtbot.add_widget(dialog)
    if modal:
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return parent, dialog


@pytest.mark.parametrize("name", list(DIALOGS))
def test_ctrl_q_in_a_dialog_says_to_close_it_first(name: str, qtbot: QtBot) -> None:
    quit_pressed: list[bool] = []
    _parent, dialog = shown_over_a_window(
        qtbot, name, lambda: quit_pressed.append(True), modal=True
    )
    control = QApplication.focusWidget() or dialog
    qtbot.keyClick(control, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # nothing typed there is lost
    assert quit_pressed == []
    note = dialog.findChild(QLabel, "quitNote")
    assert note is not None and note.isVisible()  # still, once the key is let go
    assert note.text() == "Close this dialog first (Esc), then Ctrl+Q quits the desk."
    assert dialog.rect().contains(note.geometry())


@pytest.mark.parametrize("name", list(DIALOGS))
def test_the_quit_note_leaves_every_button_to_click(name: str, qtbot: QtBot) -> None:
    """Told to close the dialog first, she reaches for Cancel with the mouse: the note lay
    over the buttons at the dialog's foot for five seconds, and a click there went to the
    note, not the button under it (nothing happened). Narrow dialogs, and a large font,
    put it over OK and Cancel both."""
    _parent, dialog = shown_over_a_window(qtbot, name, lambda: None, modal=True)
    control = QApplication.focusWidget() or dialog
    qtbot.keyClick(control, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    note = dialog.findChild(QLabel, "quitNote")
    assert note is not None and note.isVisible()
    for button in dialog.findChildren(QPushButton):
        if not button.isVisible():
            continue
        centre = button.mapTo(dialog, button.rect().center())
        under = dialog.childAt(centre)
        assert under is button or button.isAncestorOf(under), (button.text(), under)
        # …and she can read what it says on it.
        place = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
        assert not note.geometry().intersects(place), button.text()


def test_the_quit_note_goes_at_the_next_key(qtbot: QtBot) -> None:
    """Above the buttons, the note stands over the last field: Preferences' name, where
    the focus is. What she typed on went in under it, unseen for five seconds; the next
    key takes it away (Ctrl+Q again says it again)."""
    _parent, dialog = shown_over_a_window(qtbot, "preferences")
    field = dialog.findChild(QLineEdit)  # the name, first and focused
    assert field is not None
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    note = dialog.findChild(QLabel, "quitNote")
    assert note is not None and note.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert note.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_X)
    assert not note.isVisible()
    assert field.text().endswith("x")


def test_the_quit_note_is_said_to_a_screen_reader(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note shown is not read unasked: with a screen reader, Ctrl+Q in a dialog still
    did nothing and said nothing."""
    heard = heard_by_a_screen_reader(monkeypatch)
    _parent, dialog = shown_over_a_window(qtbot, "preferences")
    qtbot.keyClick(
        dialog.focusWidget() or dialog, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
    )
    assert heard == ["Close this dialog first (Esc), then Ctrl+Q quits the desk."]
