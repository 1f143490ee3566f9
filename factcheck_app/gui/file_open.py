"""Files the desktop asks us to open while running (macOS sends events, not arguments)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

from factcheck_app import config
from factcheck_app.gui.main_window import MainWindow


class FileOpenFilter(QObject):
    """Turns file-open events into a workspace switch (.fcdesk) or an article import.

    Events can arrive before the window exists; they wait until `attach`.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._window: MainWindow | None = None
        self._waiting: list[Path] = []

    def attach(self, window: MainWindow) -> None:
        self._window = window
        waiting, self._waiting = self._waiting, []
        for path in waiting:
            self._open(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = Path(event.file())
            if self._window is None:
                self._waiting.append(path)
            else:
                self._open(path)
            return True
        return False

    def _open(self, path: Path) -> None:
        assert self._window is not None
        if path.suffix.lower() == config.WORKSPACE_SUFFIX:
            self._window.workspace.switch_workspace(path)
        else:
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
