"""When a bug escapes: log its traceback, tell the reviewer in plain words, carry on.

PySide6 hands an exception raised in a slot or a Qt virtual (paintEvent, …) to
`sys.excepthook`, then carries on with the event loop; an exception in a worker thread
goes to `threading.excepthook`. Without these hooks both are printed to a terminal the
reviewer of a windowed app never sees (Windows, macOS, a menu entry), and lost.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from factcheck_app import config, logs

logger = logging.getLogger(__name__)

CRASH_TITLE = "Something went wrong"
SUMMARY_CHARS = 300  # the log has the whole message


def crash_text(summary: str) -> str:
    """What the reviewer reads after a bug (plain text). Where no log can be written (a
    read-only home), it sent the reviewer for a log file that held nothing of the bug."""
    problem = logs.not_written()
    if problem:
        where = (
            f"The details could not be written to the log file {logs.log_file()} "
            f"({problem}): please copy this message (select it with the mouse) and send it "
            "to whoever looks after the desk."
        )
    else:
        where = (
            f"The details are in the log file:\n{logs.log_file()}\n"
            "Please send that file to whoever looks after the desk."
        )
    return (
        f"Something went wrong in {config.APP_NAME}: {summary}\n\n"
        "Your work is saved: every edit was written to the workspace the moment you made "
        "it. You can carry on; if the window behaves oddly, close it and open it again.\n\n"
        f"{where}"
    )


def open_log_folder(parent: QWidget | None) -> bool:
    """Help → Open Log Folder: show the log folder in the file manager."""
    from factcheck_app.gui.messages import inform

    folder = config.user_log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        # Something not a folder in its place. It said "could not be made (File exists)",
        # and to make it writable: the file in the folder's place, the thing to move, went
        # unnamed. (Asked before mkdir, "is it there?" raised "Permission denied" out of
        # this menu item for a folder inside one the reviewer may not enter.)
        inform(
            parent,
            "Log Folder",
            f"The log folder {folder} is a file, not a folder, so there is no log to show: "
            "errors are told on screen only. Whoever looks after the desk can move that "
            "file away, or set FACTCHECK_LOG_DIR to another folder.",
            warning=True,
        )
        return False
    except OSError as error:
        # The file manager was asked for it all the same, and the box said that no file
        # manager could open it: the reviewer went looking for one.
        logger.warning("Cannot make the log folder %s: %s", folder, error)
        inform(
            parent,
            "Log Folder",
            f"The log folder {folder} could not be made ({error.strerror or error}), so "
            "there is no log to show: errors are told on screen only. Whoever looks after "
            "the desk can make it writable, or set FACTCHECK_LOG_DIR to another folder.",
            warning=True,
        )
        return False
    from PySide6.QtGui import QDesktopServices  # on use: its import costs start-up

    from factcheck_app.gui.local_files import url_of

    if QDesktopServices.openUrl(url_of(folder)):
        return True
    inform(parent, "Log Folder", f"The log folder is:\n{folder}\n\nNo file manager could open it.")
    return False


class CrashReporter(QObject):
    """Receives every uncaught exception; logs it and, on the GUI thread, says so.

    A dialog is shown once per kind of failure (type and place): a bug that recurs on every
    repaint is logged each time but does not bury the window under dialogs.
    """

    _caught = Signal(str, str)  # signature, summary: queued to the GUI thread

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__()
        self.dialog_parent = parent  # the main window, once there is one
        self.shown: set[str] = set()
        self._showing = False
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        # Always queued: the dialog opens from the event loop, never inside a paint event
        # or a half-finished slot, and never from a worker thread.
        self._caught.connect(self._tell, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self.thread_excepthook:
            threading.excepthook = self._previous_thread_hook

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        self._previous_hook(exc_type, exc, tb)  # a terminal, when there is one, still sees it
        if not issubclass(exc_type, KeyboardInterrupt):
            self._report(exc_type, exc, tb, "")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        self._previous_thread_hook(args)
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            name = args.thread.name if args.thread is not None else "?"
            self._report(args.exc_type, args.exc_value, args.exc_traceback, name)

    def _report(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
        thread: str,
    ) -> None:
        where = f" in the background thread {thread}" if thread else ""
        logger.critical("Unexpected error%s", where, exc_info=(exc_type, exc, tb))
        frames = traceback.extract_tb(tb)
        place = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
        summary = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
        if len(summary) > SUMMARY_CHARS:
            summary = summary[: SUMMARY_CHARS - 1] + "…"
        self._caught.emit(f"{exc_type.__qualname__} at {place}", summary)

    def _tell(self, signature: str, summary: str) -> None:
        if self._showing or signature in self.shown:
            return
        self.shown.add(signature)
        self._showing = True
        try:
            show_crash_dialog(self.dialog_parent, summary)
        finally:
            self._showing = False


def show_crash_dialog(parent: QWidget | None, summary: str) -> None:
    """The plain-text message after a bug, with a button to the log folder."""
    from PySide6.QtWidgets import QMessageBox  # on a crash: its enums cost start-up 5-10 ms

    from factcheck_app.gui.messages import give_mnemonics, wrap_long_runs

    box = QMessageBox(QMessageBox.Icon.Critical, CRASH_TITLE, crash_text(summary), parent=parent)
    box.setObjectName("crashDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copy the path
    open_button = box.addButton("Open Log Folder", QMessageBox.ButtonRole.ActionRole)
    close_button = box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(close_button)
    box.setEscapeButton(close_button)
    give_mnemonics(box)  # Alt+O, Alt+C: as every question's buttons (messages.ask)
    wrap_long_runs(box)  # the log's path, deep in a long home folder, wraps inside the box
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()  # not kept in the window until quit (messages.run_box)
    if clicked is open_button:
        open_log_folder(parent)


def install_exception_hooks(parent: QWidget | None = None) -> CrashReporter:
    """Route uncaught exceptions (GUI thread and worker threads) to the log and a dialog."""
    reporter = CrashReporter(parent)
    reporter.install()
    return reporter
