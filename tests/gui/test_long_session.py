"""A window kept open all day stays the same size: what each action leaves behind is
counted after a few actions and after many (bench/bench_long_session.py finds these)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.messages import ask, inform, show_error


def back_in_event_loop() -> None:
    """What returning to the event loop does after an action: deferred deletes run."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def test_message_boxes_are_deleted_once_answered(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every message (each refusal, each Check Workspace) stayed in the window,
    with its text document, until the desk was quit."""
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: int(QMessageBox.StandardButton.Ok))

    def messages(times: int) -> int:
        for _ in range(times):
            window.registry[ActionId.CHECK_WORKSPACE].trigger()
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
