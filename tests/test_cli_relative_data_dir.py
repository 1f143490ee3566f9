"""A relative FACTCHECK_DATA_DIR is refused in one line, before anything is made: taken
from the folder a command ran in, it made (and used) another workspace in each folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.cli import run
from tests.conftest import SEED_FILE


@pytest.mark.parametrize("command", [["import", str(SEED_FILE)], ["list"], ["--help"]])
def test_a_relative_data_folder_is_refused_before_anything_is_made(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCHECK_DATA_DIR", "desk-data")
    assert run(command) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("factcheck-app: FACTCHECK_DATA_DIR is a relative path")
    assert captured.err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
