"""Whether the window can be shown, and saying why not in one line when it cannot.

Two checks. Before Qt loads, `display_problem` catches a session with no display at all.
Everything else (a DISPLAY where no X server listens, or one that will not let us in, a
Wayland socket that is gone, a platform plugin whose system libraries are missing) only
shows when Qt's platform plugin fails inside `QApplication()`. Qt then prints advice that
misleads ("xcb-cursor0 is needed", "reinstalling the application may fix this") and
aborts with a core dump. `PlatformGuard` holds Qt's messages back while the QApplication
is made; on the fatal one it works out what went wrong, prints one line in words and
exits with status 2. The diagnosis runs only on that path, so start-up pays nothing.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import socket
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
X11_SOCKET_DIR = "/tmp/.X11-unix"
X11_TCP_PORT = 6000
CONNECT_TIMEOUT = 2.0
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


def _connect(family: int, address: str | tuple[str, int]) -> int:
    """0 when something accepts a connection at `address`, else the errno."""
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(CONNECT_TIMEOUT)
            probe.connect(address)
    except TimeoutError:
        return errno.ETIMEDOUT
    except socket.gaierror:
        return errno.EHOSTUNREACH
    except OSError as error:
        return error.errno or errno.ECONNREFUSED
    return 0


def _abstract_socket_bound(name: str) -> bool:
    """Is a Linux abstract socket `name` bound? (Connecting cannot tell: both say refused.)"""
    try:
        table = Path("/proc/net/unix").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True  # cannot tell: let the connection attempt speak
    return any(line.split()[-1] == "@" + name for line in table.splitlines()[1:] if line.split())


def _x11_connect(display: str) -> tuple[int, str] | None:
    """(errno or 0, where) for the X server of `display` as libxcb looks for it."""
    if display.startswith("/"):  # a socket path (XQuartz on macOS)
        return _connect(socket.AF_UNIX, display), display
    match = re.fullmatch(r"(?:([a-z]+)/)?([^:]*):(\d+)(?:\.\d+)?", display)
    if match is None:
        return None
    protocol, host, number = match.groups()
    if host and host != "unix" and protocol != "unix":
        port = X11_TCP_PORT + int(number)
        return _connect(socket.AF_INET, (host, port)), f"{host} port {port}"
    path = f"{X11_SOCKET_DIR}/X{number}"
    results = []
    if sys.platform.startswith("linux") and _abstract_socket_bound(path):
        results.append(_connect(socket.AF_UNIX, "\0" + path))  # libxcb tries this first
    if Path(path).exists():
        results.append(_connect(socket.AF_UNIX, path))
    if not results:
        return errno.ENOENT, path
    return (0 if 0 in results else results[-1]), path


def x11_problem(display: str, server_said: str = "") -> str:
    """Why an X display cannot be used, found by knocking on its socket like libxcb does.

    `server_said` is what Xlib printed of the server's refusal ("No protocol specified")."""
    if not display:
        return "cannot connect to an X display: DISPLAY is not set"
    named = f"cannot connect to the display {display}"
    found = _x11_connect(display)
    if found is None:
        return f"{named}: that is not a display name like :0 or host:0"
    result, where = found
    if result == 0:
        said = f"it says: {server_said.strip().rstrip('.')}; " if server_said.strip() else ""
        return (
            f"{named}: the X server there does not let the desk in ({said}is XAUTHORITY "
            "right, or is the desk running as another user than the desktop's?)"
        )
    if result == errno.ENOENT:
        return f"{named}: no X server is running there"
    if result == errno.ECONNREFUSED:
        return f"{named}: nothing answers at {where} (no X server is running there)"
    if result == errno.ETIMEDOUT:
        return f"{named}: {where} does not answer"
    if result == errno.EHOSTUNREACH:
        return f"{named}: cannot reach {where}"
    return f"{named}: {where}: {os.strerror(result)}"


def wayland_problem() -> str | None:
    """Why the Wayland display cannot be used, or None when its socket answers."""
    name = os.environ.get("WAYLAND_DISPLAY") or "wayland-0"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if not name.startswith("/") and not runtime:
        return f"cannot connect to the Wayland display {name}: XDG_RUNTIME_DIR is not set"
    path = name if name.startswith("/") else os.path.join(runtime, name)
    result = _connect(socket.AF_UNIX, path)
    if result == 0:
        return None
    if result == errno.ENOENT:
        return f"cannot connect to the Wayland display {name}: there is no {path}"
    return f"cannot connect to the Wayland display {name}: {os.strerror(result)}"


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
