"""Where the desk keeps its files, whatever the session's environment says."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck_app import config


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "HOME/.local/share/factcheck-desk"),
        ({"XDG_DATA_HOME": "/srv/data"}, "/srv/data/factcheck-desk"),
        # The XDG spec: a relative path is invalid and ignored. It was used as it was, so
        # the default workspace was made (and looked for) under whatever folder the desk
        # was started from: a different, empty workspace from each folder.
        ({"XDG_DATA_HOME": "relative/data"}, "HOME/.local/share/factcheck-desk"),
        ({"XDG_DATA_HOME": ""}, "HOME/.local/share/factcheck-desk"),
    ],
)
def test_the_data_folder_ignores_a_relative_xdg_data_home(
    env: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("FACTCHECK_DATA_DIR", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    assert config.user_data_dir() == Path(expected.replace("HOME", str(tmp_path)))


@pytest.mark.parametrize(
    ("name", "folder"),
    [("FACTCHECK_DATA_DIR", config.user_data_dir), ("FACTCHECK_LOG_DIR", config.user_log_dir)],
)
def test_a_folder_set_with_a_tilde_is_in_the_home_folder(
    name: str, folder: Callable[[], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """IT sets FACTCHECK_DATA_DIR=~/Factcheck in a launcher or /etc/environment, which do
    not expand "~": the desk made a folder named "~" in whatever folder it started from,
    a different (empty) workspace from each."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(name, "~/Factcheck")
    assert folder() == tmp_path / "Factcheck"


@pytest.mark.parametrize(
    "name",
    [
        "FACTCHECK_DATA_DIR",
        "FACTCHECK_LOG_DIR",
        # A relative HOME (a launcher's or a container's `HOME=home/ana`) put the data
        # folder, the settings and the log under whatever folder the desk started in,
        # each start from another folder silently making and using another workspace.
        pytest.param(
            "HOME",
            marks=pytest.mark.skipif(sys.platform == "win32", reason="HOME is unused there"),
        ),
    ],
)
def test_a_relative_folder_setting_is_a_problem_said_in_one_line(
    name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A relative FACTCHECK_DATA_DIR was taken from whatever folder the desk started in:
    the window started from another folder silently opened another workspace."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, "desk-data")
    problem = config.environment_problem()
    assert problem == (
        f"{name} is a relative path (desk-data), which would mean another folder for each "
        f"folder the desk starts in: set it to a full path, such as {tmp_path / 'desk-data'}."
    )


@pytest.mark.parametrize("value", ["/srv/desk", "~/desk", ""])
def test_a_full_path_or_a_home_path_is_no_problem(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_DATA_DIR", value)
    monkeypatch.setenv("FACTCHECK_LOG_DIR", value)
    assert config.environment_problem() is None
