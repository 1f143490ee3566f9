"""A display that cannot be used: one line in words and exit status 2, never Qt's abort.

The real program is started in a child process with QT_QPA_PLATFORM unset (as on a
desktop) or set to xcb, pointing at displays that do not work in different ways.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.gui import display
from factcheck_app.gui.display import failure_text
from factcheck_app.gui.display_probes import x11_problem

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="X11 displays and sockets as on Linux"
)

START_TIMEOUT = 60
QT_ADVICE = ("xcb-cursor0", "Reinstalling", "Available platform plugins", "core dumped", "Abort")


def free_display() -> int:
    """A display number with no X server: no socket file, no abstract socket bound."""
    bound = Path("/proc/net/unix").read_text(encoding="utf-8", errors="replace")
    for number in range(77, 400):
        path = f"/tmp/.X11-unix/X{number}"
        if not Path(path).exists() and f"@{path}" not in bound:
            return number
    raise AssertionError("no free display number")


def start_desk(tmp_path: Path, **env: str | None) -> subprocess.CompletedProcess[str]:
    """The real entry point, as a desktop would start it (no test platform forced)."""
    environment = {
        k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")
    }
    environment["FACTCHECK_DATA_DIR"] = str(tmp_path / "data")
    environment["FACTCHECK_LOG_DIR"] = str(tmp_path / "log")
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run(
        [sys.executable, "-m", "factcheck_app"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=START_TIMEOUT,
    )


def assert_one_line(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    [line] = lines
    assert line.startswith("factcheck-app: ")
    for word in words:
        assert word in line
    assert not any(advice in line for advice in QT_ADVICE)
    return line


@pytest.mark.parametrize("platform", [None, "xcb"])
def test_a_display_with_no_x_server_is_one_line_and_exit_2(
    tmp_path: Path, platform: str | None
) -> None:
    number = free_display()
    result = start_desk(tmp_path, DISPLAY=f":{number}", QT_QPA_PLATFORM=platform)
    line = assert_one_line(result, f"cannot connect to the display :{number}", "no X server")
    log = (tmp_path / "log" / "factcheck-desk.log").read_text(encoding="utf-8")
    assert line.removeprefix("factcheck-app: ") in log
    assert "could not connect to display" in log  # Qt's own words are kept in the log


def test_xcb_asked_for_without_any_display(tmp_path: Path) -> None:
    result = start_desk(tmp_path, DISPLAY=None, QT_QPA_PLATFORM="xcb")
    assert_one_line(result, "DISPLAY is not set")


def test_no_display_at_all_is_said_before_qt_loads(tmp_path: Path) -> None:
    result = start_desk(tmp_path, DISPLAY=None)
    assert_one_line(result, "no display found")


@pytest.fixture
def refusing_display() -> Iterator[int]:
    """A display whose socket exists but takes no connections (its X server died)."""
    number = free_display()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(f"\0/tmp/.X11-unix/X{number}")  # bound, never listening: refused
        yield number


def test_a_display_that_refuses_the_connection(tmp_path: Path, refusing_display: int) -> None:
    result = start_desk(tmp_path, DISPLAY=f":{refusing_display}")
    assert_one_line(result, f"cannot connect to the display :{refusing_display}", "nothing answers")


def _refuse_like_an_x_server(server: socket.socket) -> None:
    """Answer each connection with X11's 'Failed' set-up reply, as for a stranger."""
    reason = b"No protocol specified\n"
    padded = reason + b"\0" * (-len(reason) % 4)
    reply = bytes([0, len(reason)]) + (11).to_bytes(2, "little") + (0).to_bytes(2, "little")
    reply += (len(padded) // 4).to_bytes(2, "little") + padded
    while True:
        try:
            client, _ = server.accept()
        except OSError:
            return
        with client:
            try:
                client.recv(4096)
                client.sendall(reply)
            except OSError:
                pass


@pytest.fixture
def unwelcoming_display() -> Iterator[int]:
    """A display whose X server answers, but does not let us in (no authorisation)."""
    number = free_display()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(f"\0/tmp/.X11-unix/X{number}")
    server.listen(8)
    thread = threading.Thread(target=_refuse_like_an_x_server, args=(server,), daemon=True)
    thread.start()
    try:
        yield number
    finally:
        server.shutdown(socket.SHUT_RDWR)
        server.close()
        thread.join(5)


def test_a_display_that_does_not_let_the_desk_in(tmp_path: Path, unwelcoming_display: int) -> None:
    result = start_desk(tmp_path, DISPLAY=f":{unwelcoming_display}")
    assert_one_line(
        result,
        f"cannot connect to the display :{unwelcoming_display}",
        "does not let the desk in",
        "No protocol specified",  # the server's own words, which Xlib printed on its own
        "XAUTHORITY",
    )


def _plugin_missing_a_library(folder: Path) -> Path:
    """A copy of Qt's xcb plugin that needs a library no system has."""
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    data = (plugins / "platforms" / "libqxcb.so").read_bytes()
    needed = b"libxcb-cursor.so.0\0"
    assert data.count(needed) == 1, "Qt's xcb plugin no longer needs libxcb-cursor"
    copy = folder / "plugins" / "platforms" / "libqxcb.so"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(data.replace(needed, b"libxcb-cursoR.so.0\0"))
    # Its RUNPATH is $ORIGIN/../../lib: Qt's own libraries must be found from the copy too.
    (folder / "lib").symlink_to(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)))
    return copy.parent


def test_a_platform_plugin_missing_a_system_library_is_named(tmp_path: Path) -> None:
    """Qt's messages when xcb cannot load, replayed through the real guard in a child."""
    folder = _plugin_missing_a_library(tmp_path)
    script = (
        "from PySide6.QtCore import qFatal, qWarning\n"
        "from factcheck_app import logs\n"
        "from factcheck_app.gui.display import PlatformGuard\n"
        "logs.setup('window')\n"
        "with PlatformGuard():\n"
        "    qWarning('From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt '\n"
        "             'xcb platform plugin.')\n"
        f'    qWarning(\'Could not load the Qt platform plugin "xcb" in "{folder}" even \'\n'
        "             'though it was found.')\n"
        "    qFatal('This application failed to start because no Qt platform plugin could '\n"
        "           'be initialized. Reinstalling the application may fix this problem.')\n"
        "print('not reached')\n"
    )
    env = {**os.environ, "FACTCHECK_LOG_DIR": str(tmp_path / "log")}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert_one_line(
        result,
        'the window system plugin "xcb" cannot be loaded',
        "libxcb-cursoR.so.0: cannot open shared object file",
        "./dev.sh app",
    )


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("unshare") is None,
    reason="hiding a system library needs root (a private mount namespace)",
)
def test_a_broken_system_library_end_to_end(tmp_path: Path) -> None:
    """The real thing: libxcb-cursor made unreadable for one child, in its own mounts."""
    library = Path("/usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0").resolve()
    if not library.exists():
        pytest.skip("libxcb-cursor0 is not installed here")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no private mount namespace here")
    env = {
        **{k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"},
        "DISPLAY": f":{free_display()}",
        "FACTCHECK_DATA_DIR": str(tmp_path / "data"),
        "FACTCHECK_LOG_DIR": str(tmp_path / "log"),
    }
    result = subprocess.run(
        [
            "unshare",
            "-m",
            "sh",
            "-c",
            f'mount --bind /dev/null "{library}" && exec "$0" -m factcheck_app',
            sys.executable,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=START_TIMEOUT,
    )
    assert_one_line(result, 'plugin "xcb" cannot be loaded', "libxcb-cursor.so.0")


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_a_working_display_still_starts_the_desk(tmp_path: Path) -> None:
    """Under Xvfb, through the guard: the window opens and nothing is said on stderr."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["FACTCHECK_DATA_DIR"] = str(tmp_path / "data")
    env["FACTCHECK_LOG_DIR"] = str(tmp_path / "log")
    result = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-m", "factcheck_app", "--smoke"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke ok: 1 article, 12 sentences")
    assert "factcheck-app:" not in result.stderr


@pytest.mark.parametrize(
    ("messages", "fatal", "expected"),
    [
        (
            ['Could not find the Qt platform plugin "bogus" in ""'],
            "no Qt platform plugin could be initialized.\n\n"
            "Available platform plugins are: offscreen, xcb.\n",
            'there is no window system plugin "bogus" (QT_QPA_PLATFORM is "bogus"; '
            "there are: offscreen, xcb)",
        ),
        (
            [],
            "QFontDatabase: cannot find any font",
            "the window cannot start (Qt says: QFontDatabase: cannot find any font)",
        ),
    ],
)
def test_other_failures_are_said_in_words(
    messages: list[str], fatal: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "bogus")
    assert failure_text(messages, fatal) == expected


def test_a_wayland_socket_that_is_gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-7")
    monkeypatch.setattr(display, "plugin_library_problem", lambda name, folder: None)
    text = failure_text(
        ['Could not load the Qt platform plugin "wayland" in "" even though it was found.'],
        "This application failed to start because no Qt platform plugin could be initialized.",
    )
    assert text.startswith(
        f"cannot connect to the Wayland display wayland-7: there is no {tmp_path}/wayland-7."
    )


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("", "DISPLAY is not set"),
        ("nonsense", "not a display name"),
        ("localhost:377", "nothing answers at localhost port 6377"),
    ],
)
def test_x11_problems_in_words(name: str, words: str) -> None:
    assert words in x11_problem(name)
