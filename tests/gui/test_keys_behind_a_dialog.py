"""Keys typed right after Ctrl+I (or any key that opens a dialog) reach the window for
the moment before the dialog is active: the system still sends them to the window it
had (under X, until the dialog's focus comes in; a slow window manager, a busy machine,
a first Ctrl+I that loads the dialog's code). Qt keeps typing out of a window a modal
dialog blocks, but not its shortcuts: "Clark" typed for the author tagged the current
sentence a claim, unseen behind the dialog (under Xvfb: `xdotool key --delay 1 ctrl+i c
f d x` left sentence 1 "Done", nothing to check)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow


def _tags(window: MainWindow) -> list[object]:
    assert window.article_id is not None
    return [
        (row.review.tag, row.review.status) if row.review else None
        for row in window.desk.reviews.sentence_rows(window.article_id)
    ]


@pytest.mark.parametrize("key", [Qt.Key.Key_C, Qt.Key.Key_X])
def test_a_review_key_reaching_the_window_behind_a_dialog_changes_nothing(
    window: MainWindow, qtbot: QtBot, key: Qt.Key
) -> None:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    before = _tags(window)
    dialog = QDialog(window)  # as Article Properties' exec shows it
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    # The key as the system sends it in that moment: to the window's sentence list.
    qtbot.keyClick(window.sentence_view, key)
    assert _tags(window) == before
    dialog.reject()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    qtbot.keyClick(window.sentence_view, key)  # the dialog gone, the key is a tag again
    assert _tags(window) != before
