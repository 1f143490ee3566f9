"""Logging out while File → Export… writes to a network drive that stopped answering: the
write is stuck in the system, where no Stop reaches it until the drive answers."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app.gui.dialogs import export as export_dialog
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.main_window import MainWindow
from tests.gui.test_export_dialog import signalled_mid_export


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
    out = tmp_path / "report.html"
    seen: dict[str, bool] = {}

    def logged_out(dialog: ExportDialog) -> None:
        seen["closed while the write was stuck"] = not returned.is_set()
        seen["dialog closed"] = not dialog.isVisible()

    # At last the drive answers again: the export's thread ends by itself.
    signalled_mid_export(qtbot, window, out, started, logged_out, at_last=release.set)
    assert seen == {"closed while the write was stuck": True, "dialog closed": True}
    assert not window.isVisible() and window.desk.closed
    assert not out.exists()
    left = list(export_dialog._LEFT_RUNNING)
    assert len(left) == 1  # kept: a QThread freed while it runs aborts the process
    for thread, _worker in left:
        qtbot.waitUntil(thread.isFinished, timeout=10_000)
    export_dialog._LEFT_RUNNING.clear()
