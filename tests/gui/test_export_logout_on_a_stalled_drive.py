"""Logging out while File → Export… writes to a network drive that stopped answering: the
write is stuck in the system, where no Stop reaches it until the drive answers."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.app import CLOSING_ON_SIGNAL
from factcheck_app.gui.dialogs import export as export_dialog
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.main_window import MainWindow


def test_logging_out_while_the_write_is_stuck_waits_a_moment_then_quits(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export was asked to stop, then waited for without end: the write it was in
    never returned (a stalled mount), and neither did the logout: the desk hung, its
    window open and its workspace held, until the session killed it. It is waited for a
    moment, then left: the report goes to a temporary file renamed only when whole, so
    nothing is lost by not waiting."""
    started, release, returned = threading.Event(), threading.Event(), threading.Event()

    def stalled_write(key: str, report: object, path: Path, **_: object) -> None:
        started.set()
        release.wait(15)  # in the system's write: no cancel is looked at here
        returned.set()

    monkeypatch.setattr(export_dialog.formats, "write_report", stalled_write)
    monkeypatch.setattr(export_dialog, "STOP_WAIT_MS", 100, raising=False)
    app = QApplication.instance()
    assert app is not None
    out = tmp_path / "report.html"
    seen: dict[str, bool] = {}

    def export_then_log_out() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.path_edit.setText(str(out))
        dialog.export_button.click()
        assert started.wait(10)
        app.setProperty(CLOSING_ON_SIGNAL, True)  # what close_on_terminate's handler does
        app.closeAllWindows()
        seen["closed while the write was stuck"] = not returned.is_set()
        seen["dialog closed"] = not dialog.isVisible()

    QTimer.singleShot(0, export_then_log_out)
    try:
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    finally:
        app.setProperty(CLOSING_ON_SIGNAL, False)
        release.set()  # the drive answers again: the export's thread ends by itself
    assert seen == {"closed while the write was stuck": True, "dialog closed": True}
    assert not window.isVisible() and window.desk.closed
    assert not out.exists()
    left = list(export_dialog._LEFT_RUNNING)
    assert len(left) == 1  # kept: a QThread freed while it runs aborts the process
    for thread, _worker in left:
        qtbot.waitUntil(thread.isFinished, timeout=10_000)
    export_dialog._LEFT_RUNNING.clear()
