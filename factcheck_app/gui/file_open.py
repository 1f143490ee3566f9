"""Files the desktop asks us to open while running (macOS sends events, not arguments)."""

from __future__ import annotations

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
