"""A careless power user at the terminal: the wrong thing typed gets one clear line and
the documented exit status, and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app import config
from factcheck_app.cli import run


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of its own: the default workspace is not made yet."""
    folder = tmp_path / "data"
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(folder))
    return folder


@pytest.mark.parametrize(
    "command",
    [
        ["remove", "--article", "1"],
        ["sign-off", "approve", "--sentence", "1"],
        ["export", "--article", "1", "--format", "md", "--publisher", "X", "--save-settings"],
    ],
)
def test_a_command_about_what_is_in_a_workspace_makes_none(
    command: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`remove --article 1` before any workspace existed made the default one, with its
    sample article, and removed that sample: gone for good."""
    assert run(command) == 1
    assert capsys.readouterr().err == (
        f"factcheck-app: There is no workspace at {config.default_workspace_path()}.\n"
    )
    assert not data_dir.exists()


@pytest.mark.parametrize("name", ["articles", "articles.txt"])
def test_importing_a_folder_says_it_is_a_folder(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / name
    folder.mkdir()
    assert run(["import", "-w", str(tmp_path / "w.fcdesk"), str(folder)]) == 1
    assert capsys.readouterr().err == f"factcheck-app: {folder} is a folder, not an article file.\n"


def test_importing_a_missing_file_says_it_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "notes.odt"
    assert run(["import", "-w", str(tmp_path / "w.fcdesk"), str(missing)]) == 1
    assert capsys.readouterr().err == f"factcheck-app: {missing}: no such file.\n"
