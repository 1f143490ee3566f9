"""Keys typed on at once after the key that opens a dialog (Ctrl+L Link Source, Ctrl+E
Export, F1, Preferences), before the dialog has the keyboard: the window system still
hands them to the main window. Such letters must never act as review keys on the
sentence list behind the dialog (C, D, F tag, 1–6 give a verdict, A accepts a
suggestion): the dialog up makes the window modal-blocked, and Qt drops them there.

Sent through the window system's own path (`QTest.keyClick` on the main window's
`QWindow`), as a key the display server had queued for that window; a key sent to a
widget by QTest goes around the modal block, which a real key never does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow

LETTERS = (Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_F, Qt.Key.Key_5, Qt.Key.Key_A, Qt.Key.Key_X)


def reviews(window: MainWindow) -> list[object]:
    model = window.sentence_model
    ids = [model.sentence_row(row).sentence.id for row in range(model.rowCount())]
    return [window.desk.reviews.review(each) for each in ids]


@pytest.mark.parametrize(
    "action", [ActionId.LINK_SOURCE, ActionId.EXPORT, ActionId.SHORTCUTS, ActionId.PREFERENCES]
)
def test_letters_typed_as_a_dialog_opens_never_act_as_review_keys(
    window: MainWindow, qtbot: QtBot, action: ActionId
) -> None:
    before = reviews(window)
    current = window.current_sentence_id()
    main = window.windowHandle()
    assert main is not None
    seen: list[str] = []

    def typed_on_at_once() -> None:  # in the dialog's own event loop, as it comes up
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        seen.append(type(dialog).__name__)
        for key in LETTERS:
            QTest.keyClick(main, key)  # queued for the main window by the display server
        dialog.reject()

    QTimer.singleShot(0, typed_on_at_once)
    window.registry[action].trigger()
    assert len(seen) == 1, "the dialog did not open"
    assert reviews(window) == before  # nothing tagged, no verdict, no suggestion taken
    assert window.desk.edits.undo_text() == ""
    assert window.current_sentence_id() == current  # nor moved on


def test_the_same_keys_with_no_dialog_up_are_review_keys(window: MainWindow) -> None:
    """The path the test above sends keys by reaches the sentence list when nothing
    blocks it: C tags the current sentence (else the test above proves nothing)."""
    main = window.windowHandle()
    assert main is not None
    current = window.current_sentence_id()
    assert current is not None
    QTest.keyClick(main, Qt.Key.Key_C)
    assert window.desk.reviews.review(current).tag is not None
