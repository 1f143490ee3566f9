"""Shared bits of the package tests: the opt-in switch and paths. Standard library only."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
RESOURCES = REPO / "resources"

ENABLED = os.environ.get("FACTCHECK_PACKAGE_TEST") == "1"
# Every module here starts with `pytestmark = OPT_IN`: the package tests build installers and
# take minutes, so `./dev.sh test` skips them unless asked (docs/packaging.md).
OPT_IN = pytest.mark.skipif(
    not ENABLED, reason="package tests run with FACTCHECK_PACKAGE_TEST=1 (docs/packaging.md)"
)


def need_tool(name: str) -> str:
    """The tool's path, or skip the test saying which Debian package brings it."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path
