"""Knocking on a display's socket the way libxcb and Wayland clients look for it, to say
why Qt could not use that display. Imported only once Qt has failed: `socket` alone costs
15–20 ms, which the window's start-up would otherwise pay for nothing."""

from __future__ import annotations

import errno
import os
import re
import socket
import sys
from pathlib import Path

X11_SOCKET_DIR = "/tmp/.X11-unix"
X11_TCP_PORT = 6000
CONNECT_TIMEOUT = 2.0


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
