"""Files the desktop asks us to open while running (macOS sends events, not arguments)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from factcheck_app import config
from factcheck_app.gui.main_window import MainWindow

# How often files sent while a dialog is open look whether it has closed.
DIALOG_CLOSED_POLL_MS = 200


class FileOpenFilter(QObject):
    """Turns file-open events into a workspace switch (.fcdesk) or an article import.

    Events can arrive before the window exists; they wait until `attach`. They also wait
    while a dialog is open: the Finder's events reach the desk under a modal dialog
    (Restore from Backup, Export), which acts on the open workspace when it closes.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._window: MainWindow | None = None
        self._waiting: list[Path] = []
        self._dialog_closed = QTimer(self, interval=DIALOG_CLOSED_POLL_MS)
        self._dialog_closed.timeout.connect(self._open_waiting)

    def attach(self, window: MainWindow) -> None:
        self._window = window
        self._open_waiting()

    def _open_waiting(self) -> None:
        """Open the files that waited, unless a dialog is (still) open."""
        if QApplication.activeModalWidget() is not None:
            self._dialog_closed.start()
            return
        self._dialog_closed.stop()
        waiting, self._waiting = self._waiting, []
        for path in waiting:
            self._open(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            self._waiting.append(Path(event.file()))
            if self._window is not None:
                self._open_waiting()
            return True
        return False

    def _open(self, path: Path) -> None:
        assert self._window is not None
        if path.suffix.lower() == config.WORKSPACE_SUFFIX:
            self._window.workspace.switch_workspace(path)
        else:
            # As one named on the command line or dropped: a read-only window says, in a box
            # naming it, that it was not imported (ImportController.import_files).
            self._window.import_files([path])


def watch_file_open_events(app: QObject, platform: str = sys.platform) -> FileOpenFilter | None:
    """On macOS, the filter that receives the files the desktop asks us to open; elsewhere
    None, as files come as arguments there.

    The filter sees every event of every object in the application, and each one cost a
    call into Python: about a fifth of the start-up and part of every key press. Only
    macOS sends file-open events, so only there is it worth that.
    """
    if platform != "darwin":
        return None
    opener = FileOpenFilter(app)
    app.installEventFilter(opener)
    return opener
