"""Every window test starts from the app's factory settings (tests/gui/conftest.py).

The two turns below each find nothing stored, then store a recent workspace and a window
layout through the app's own settings module, as a real window does. Whichever turn runs
second fails unless the fixture cleared the app's settings file in between: clearing
pytest-qt's default QSettings() (another file) is not enough.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from factcheck_app.gui import settings
from factcheck_app.gui.main_window import MainWindow


def test_the_app_keeps_its_settings_in_its_own_file(qapp: object) -> None:
    assert settings.settings().fileName() != QSettings().fileName()


@pytest.mark.parametrize("turn", ["first", "second"])
def test_each_window_test_starts_from_factory_settings(
    turn: str, window: MainWindow, tmp_path: Path
) -> None:
    assert settings.settings().allKeys() == []
    assert settings.recent_workspaces() == []
    assert settings.load_bytes(settings.GEOMETRY) is None

    settings.remember_workspace(tmp_path / f"{turn}.fcdesk")
    window.resize(900 if turn == "first" else 1000, 700)
    window.close()  # saves the layout, as quitting the desk does
    assert settings.recent_workspaces() == [str((tmp_path / f"{turn}.fcdesk").resolve())]
    assert settings.load_bytes(settings.GEOMETRY) is not None


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="POSIX sockets")
def test_a_socket_in_the_settings_file_place_is_called_a_socket(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Settings not saved note said "(a named pipe or a device)" of a socket left
    there: someone looking for a pipe or a device found neither."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "Factcheck desk").mkdir()
    kept_beneath: list[str] = []
    monkeypatch.setattr(QSettings, "setPath", lambda _f, _s, path: kept_beneath.append(path))
    monkeypatch.setattr(settings, "_not_a_file", None)
    conf = tmp_path / "Factcheck desk" / "factcheck-desk.conf"
    with socket.socket(socket.AF_UNIX) as left_there:
        left_there.bind(str(conf))
        settings.keep_off_special_file()
    assert kept_beneath == [str(conf)]
    assert settings.write_problem() == f"{conf} is not an ordinary file (a socket)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_a_failed_write_beside_a_named_pipe_names_the_pipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a named pipe in the settings file's place, the status bar said "Settings not
    saved (…): cannot write …/factcheck-desk.conf/Factcheck desk/factcheck-desk.conf", a
    folder that is nowhere, the first time the recent list was kept. It names the pipe."""
    location = QStandardPaths.StandardLocation.GenericConfigLocation
    before = QStandardPaths.writableLocation(location)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setattr(settings, "_not_a_file", None)
    failures = settings.write_failures()
    monkeypatch.setattr(failures, "failing", False)
    (tmp_path / "Factcheck desk").mkdir()
    pipe = tmp_path / "Factcheck desk" / "factcheck-desk.conf"
    os.mkfifo(pipe)
    told: list[str] = []
    failures.failed.connect(told.append)
    try:
        settings.keep_off_special_file()
        settings.remember_workspace(tmp_path / "election.fcdesk")  # as each start does
    finally:
        failures.failed.disconnect(told.append)
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, before)
    assert told == [f"{pipe} is not an ordinary file (a named pipe)"]


def test_unsaved_text_kept_damaged_in_the_settings_is_passed_over(
    qapp: object, tmp_path: Path
) -> None:
    """Text kept for a workspace's next open, damaged in the settings file (brackets
    inside brackets, from a sync tool's conflict or a hand edit): reading it ran out of
    Python's depth, and opening the workspace showed the "Something went wrong" box.
    It is passed over as other damaged text kept there is, and forgotten."""
    workspace = tmp_path / "workspace.fcdesk"
    settings.save_all({settings._kept_key("unsaved", workspace): "[" * 5000})
    assert settings.take_unsaved_text(workspace) == []
    assert settings.take_unsaved_text(workspace) == []  # forgotten
