"""Whether the window can be shown, and saying why not in one line when it cannot.

Two checks. Before Qt loads, `display_problem` catches a session with no display at all.
Everything else (a DISPLAY where no X server listens, or one that will not let us in, a
Wayland socket that is gone, a platform plugin whose system libraries are missing) only
shows when Qt's platform plugin fails inside `QApplication()`. Qt then prints advice that
misleads ("xcb-cursor0 is needed", "reinstalling the application may fix this") and
aborts with a core dump. `PlatformGuard` holds Qt's messages back while the QApplication
is made; on the fatal one it works out what went wrong, prints one line in words and
exits with status 2. The diagnosis runs only on that path, so start-up pays nothing: its
knocking on display sockets is in `display_probes`, imported only then.
"""

from __future__ import annotations

import logging
import math
import os
import re
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from factcheck_app import logs

logger = logging.getLogger(__name__)

EXIT_NO_DISPLAY = 2
ADVICE = (
    "Start the desk from a desktop session, or use the command-line tools: factcheck-app --help"
)
LOG_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
}


def display_problem() -> str | None:
    """Why no window can be shown, in words, or None when a display may be there."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return f"no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). {ADVICE}"
    return None


def unusable_scale_setting() -> str | None:
    """Set aside a QT_SCALE_FACTOR that is no scale, saying so in one line; else None.

    Qt takes any number it can read: 0 ended the window's start in a segmentation fault
    (no word, a core dump), "nan" on a traceback, a negative number drew the window
    upside down at a negative size. An administrator may mean 0 as "off", as
    QT_AUTO_SCREEN_SCALE_FACTOR=0 is. What Qt cannot read as a number it ignores itself.
    Call before the QApplication is made (Qt reads it then)."""
    value = os.environ.get("QT_SCALE_FACTOR")
    if value is None:
        return None
    try:
        scale = float(value)
    except ValueError:
        return None
    if math.isfinite(scale) and scale > 0:
        return None
    del os.environ["QT_SCALE_FACTOR"]
    return (
        f"QT_SCALE_FACTOR is {value!r}, which is no scale (a number above 0: 1.5 makes "
        "everything half as large again), so the desk ignores it and shows at the "
        "screen's own size."
    )


def plugin_library_problem(name: str, folder: str) -> str | None:
    """The loader's own words when platform plugin `name` cannot be loaded, else None."""
    import ctypes

    if not folder:
        from PySide6.QtCore import QLibraryInfo

        folder = os.path.join(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath), "platforms")
    candidates = sorted(Path(folder).glob(f"*q{name}.*")) if Path(folder).is_dir() else []
    if not candidates:
        return None
    try:
        ctypes.CDLL(str(candidates[0]))
    except OSError as error:
        return str(error).removeprefix(f"{candidates[0]}: ")
    return None


def failure_text(messages: list[str], fatal: str, printed: str = "") -> str:
    """One line, in words, for Qt's fatal start-up message and the messages before it
    (`printed`: what the system libraries wrote straight to stderr meanwhile)."""
    said = "\n".join(messages)
    if "could not connect to display" in said:
        from factcheck_app.gui.display_probes import x11_problem

        server_said = printed.strip().splitlines()[0] if printed.strip() else ""
        return f"{x11_problem(os.environ.get('DISPLAY', ''), server_said)}. {ADVICE}"
    missing = re.search(r'Could not find the Qt platform plugin "([^"]*)"', said)
    if missing:
        available = re.search(r"Available platform plugins are: ([^\n]*?)\.?\n", fatal + "\n")
        known = f"; there are: {available[1]}" if available else ""
        return (
            f'there is no window system plugin "{missing[1]}" (QT_QPA_PLATFORM is '
            f'"{os.environ.get("QT_QPA_PLATFORM", "")}"{known})'
        )
    failed = re.search(r'Could not load the Qt platform plugin "([^"]*)" in "([^"]*)"', said)
    if failed:
        name, folder = failed[1], failed[2]
        library = plugin_library_problem(name, folder)
        if library:
            return (
                f'the window system plugin "{name}" cannot be loaded: a system library it '
                f"needs is missing or broken ({library}). Install it, or ask your administrator "
                "to (./dev.sh app installs what Qt needs on Debian and Ubuntu)"
            )
        if name.startswith("wayland"):
            from factcheck_app.gui.display_probes import wayland_problem

            problem = wayland_problem()
            if problem:
                return f"{problem}. {ADVICE}"
        return f'the window system plugin "{name}" could not start{_qt_said(messages)}. {ADVICE}'
    return f"the window cannot start{_qt_said([*messages, fatal])}"


def _qt_said(messages: list[str]) -> str:
    """Qt's own words, without the boilerplate that misleads (", Qt says: …" or "")."""
    boilerplate = (
        "From 6.5.0, xcb-cursor0",
        "Could not load the Qt platform plugin",
        "This application failed to start because no Qt platform plugin",
    )
    lines = [
        line.strip()
        for message in messages
        for line in message.splitlines()[:1]
        if line.strip() and not line.startswith(boilerplate)
    ]
    return f" (Qt says: {'; '.join(lines)})" if lines else ""


class PlatformGuard:
    """`with PlatformGuard(): QApplication(...)` — no abort when the window system fails.

    While the QApplication is made, Qt's messages are held back, and so is what system
    libraries print straight to stderr (Xlib prints an X server's refusal there), on Linux.
    When it succeeds, both are passed on to stderr as they would have appeared, and Qt's
    to the log; when Qt gives up, the one line from `failure_text` is printed instead and
    the process exits with status 2: no abort, no core dump.
    """

    def __init__(self) -> None:
        self.messages: list[tuple[QtMsgType, str, str]] = []
        self._stderr: int | None = None  # the real stderr while fd 2 is held back
        self._held: int | None = None

    def __enter__(self) -> PlatformGuard:
        if sys.platform.startswith("linux") and hasattr(os, "memfd_create"):
            try:
                held = os.memfd_create("factcheck-qt-start")
                if sys.stderr is not None:
                    sys.stderr.flush()
                self._stderr = os.dup(2)
                os.dup2(held, 2)
                self._held = held
            except OSError:
                self._stderr = self._held = None  # no capture, no harm
        qInstallMessageHandler(self.handle)
        return self

    def _release_stderr(self) -> str:
        """Give fd 2 back; return what was written to it meanwhile."""
        if self._stderr is None or self._held is None:
            return ""
        os.dup2(self._stderr, 2)
        os.close(self._stderr)
        os.lseek(self._held, 0, os.SEEK_SET)
        chunks = []
        while chunk := os.read(self._held, 65536):
            chunks.append(chunk)
        os.close(self._held)
        self._stderr = self._held = None
        return b"".join(chunks).decode("utf-8", "replace")

    def handle(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        category = context.category or ""
        if kind != QtMsgType.QtFatalMsg:
            self.messages.append((kind, category, message))
            return
        printed = self._release_stderr()
        qt_said = [m for _k, _c, m in self.messages]
        line = f"factcheck-app: {failure_text(qt_said, message, printed)}"
        said = "\n".join([*qt_said, message, printed]).strip()
        logger.error("%s\nQt and the system libraries said:\n%s", line, said)
        logs.flush()
        if sys.stderr is not None:
            print(line, file=sys.stderr, flush=True)
        os._exit(EXIT_NO_DISPLAY)  # Qt aborts when a fatal message handler returns

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        qInstallMessageHandler(None)
        printed = self._release_stderr()
        if printed and sys.stderr is not None:
            sys.stderr.write(printed)
        for kind, category, message in self.messages:
            text = f"{category}: {message}" if category and category != "default" else message
            logger.log(LOG_LEVELS.get(kind, logging.WARNING), "Qt: %s", text)
            if sys.stderr is not None:
                print(text, file=sys.stderr)
