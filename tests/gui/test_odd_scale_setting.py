"""A QT_SCALE_FACTOR that is no scale (set by IT in /etc/environment, 0 meant as "off"):
the window's start died in a segmentation fault (0), on a traceback ("nan"), or drew
the window at a negative size (-1), without a word. Now it is set aside, said in one
line, and the desk starts at the screen's own size. Each run is a process of its own,
as Qt reads the setting once, when it starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT


@pytest.mark.parametrize("value", ["0", "nan", "-1"])
def test_a_scale_factor_that_is_no_scale_is_said_and_the_desk_starts(
    tmp_path: Path, value: str
) -> None:
    env = {
        **os.environ,
        "QT_SCALE_FACTOR": value,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "FACTCHECK_DATA_DIR": str(tmp_path / "data"),
        "FACTCHECK_LOG_DIR": str(tmp_path / "log"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": str(REPO_ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "smoke ok" in done.stdout
    said = [line for line in done.stderr.splitlines() if "QT_SCALE_FACTOR" in line]
    assert len(said) == 1 and said[0].startswith("factcheck-app: ")
    assert "Negative sizes" not in done.stderr  # the window at the screen's own size
