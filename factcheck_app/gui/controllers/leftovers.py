"""The hidden half of an import that Stop the Import and Quit (or a crash) left, removed
beside the window once it shows the workspace: removed as the workspace opened, it held
the window, under the wait cursor, 9 s for 270,000 sentences and over a minute for a
150 MB file. Its progress is in the status bar; nothing of it is ever listed meanwhile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from factcheck_app.gui.messages import STATUS_WARNING

if TYPE_CHECKING:
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.leftovers import BackgroundRemoval


class RemovalController(QObject):
    """One removal at a time, in a thread of its own (services/leftovers.py)."""

    # Its progress and end, from its thread to the window's (queued).
    _progress = Signal(int, str)
    _ended = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._job: BackgroundRemoval | None = None
        self._progress.connect(self._show_progress)
        self._ended.connect(self._tell)
        if window.has_desk():  # else from WorkspaceController.attach
            QTimer.singleShot(0, self.start_if_due)

    def running(self) -> bool:
        return self._job is not None

    def start_if_due(self) -> None:
        """Start the removal when the open desk left one to do (`Desk.removal_due`)."""
        window = self._window
        if not window.has_desk() or self._job is not None:
            return
        desk = window.desk
        if desk.closed or desk.read_only or not desk.removal_due:
            return
        self._job = desk.start_removal(self._ended.emit, self._progress.emit)
        window.removal_progress.start()

    def stop(self) -> None:
        """The workspace closes (a quit, another workspace opened): the removal stops
        after its slice under way; the rest stays hidden for the next open."""
        job, self._job = self._job, None
        if job is not None:
            job.stop()
            self._window.removal_progress.stop()

    def _show_progress(self, per_mille: int, stage: str) -> None:
        if self._job is None:  # ended, or stopped by a close
            return
        self._window.removal_progress.set_progress(per_mille, f"{stage} {per_mille // 10} %")

    def _tell(self, job: BackgroundRemoval) -> None:
        """The removal's thread ended: done (unsaid: the reviewer asked for it by quitting),
        or stopped by an error (said; the next open tries again)."""
        if job is not self._job:
            return  # of a workspace closed since (its close stopped it)
        self._job = None
        self._window.removal_progress.stop()
        if job.error is not None:
            self._window.notices.tell(
                f"A stopped import could not be removed: {job.error} It stays hidden, "
                "and is removed when the workspace is next opened.",
                STATUS_WARNING,
            )
