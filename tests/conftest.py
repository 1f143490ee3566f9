"""Test set-up shared by every test: headless Qt, private data folder and settings."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt: no display is needed, and the user's own data and
# settings are never touched by a test run.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="factcheck-tests-"))
os.environ["FACTCHECK_DATA_DIR"] = str(_SESSION_DIR / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SESSION_DIR / "config")
os.environ.setdefault("FACTCHECK_REVIEWER", "tester")

import pytest  # noqa: E402

from factcheck_app import config  # noqa: E402
from factcheck_app.services.desk import Desk  # noqa: E402

SEED_FILE = next(config.seed_dir().glob("*.txt"))
REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    return tmp_path / "test.fcdesk"


@pytest.fixture
def desk(workspace_path: Path) -> Iterator[Desk]:
    """A fresh workspace file, empty."""
    desk = Desk.open(workspace_path)
    yield desk
    desk.close()


@pytest.fixture
def seeded_desk(desk: Desk) -> Desk:
    """A fresh workspace with the sample article imported."""
    desk.import_file(SEED_FILE)
    return desk
