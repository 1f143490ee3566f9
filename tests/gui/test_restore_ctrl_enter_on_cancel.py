"""Restore from Backup replaces the open workspace: Ctrl+Enter is its Restore from the
list or the Restore button, but not from Cancel. A journalist who tabbed to Cancel and
pressed Ctrl+Enter (her way of ending every dialog) restored the backup over her work;
on a focused Cancel the key cancels, as Enter there does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.gui.dialogs.restore import RestoreBackupDialog
from factcheck_app.services.desk import Desk
from tests.gui.test_workspace_safety import make_workspace


def _dialog(tmp_path: Path, qtbot: QtBot) -> RestoreBackupDialog:
    path = tmp_path / "desk.fcdesk"
    make_workspace(path)
    Desk.open(path).close()  # an automatic backup, offered
    dialog = RestoreBackupDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    assert dialog.chosen() is not None
    return dialog


def _button(dialog: QDialog, which: QDialogButtonBox.StandardButton) -> QWidget:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return box.button(which)


def _ctrl_enter(control: QWidget, qtbot: QtBot) -> None:
    control.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(control.hasFocus)
    qtbot.keyClick(control, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


def test_ctrl_enter_on_a_focused_cancel_does_not_restore(tmp_path: Path, qtbot: QtBot) -> None:
    dialog = _dialog(tmp_path, qtbot)
    _ctrl_enter(_button(dialog, QDialogButtonBox.StandardButton.Cancel), qtbot)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("where", ["list", "restore button"])
def test_ctrl_enter_elsewhere_in_restore_restores(where: str, tmp_path: Path, qtbot: QtBot) -> None:
    dialog = _dialog(tmp_path, qtbot)
    control = (
        dialog.list if where == "list" else _button(dialog, QDialogButtonBox.StandardButton.Ok)
    )
    _ctrl_enter(control, qtbot)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted
