"""A workspace whose file name is not UTF-8 (copied from an old archive, or a share
written by another system) is remembered like any other: in the recent list, and where
the reviewer stopped in it. Python keeps such a name's bytes as escapes; Qt drops them,
and hashing them as UTF-8 failed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from factcheck_app.gui import settings

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="names there are Unicode")


def test_a_workspace_named_in_bytes_that_are_not_utf8_is_remembered(
    qapp: object, tmp_path: Path
) -> None:
    settings.settings().clear()
    odd = tmp_path / os.fsdecode(b"Wahl \xfcbersicht.fcdesk")
    plain = tmp_path / "plain.fcdesk"
    odd.touch()
    plain.touch()
    settings.remember_workspace(plain)
    settings.remember_workspace(odd)
    assert settings.recent_workspaces() == [str(odd.resolve()), str(plain.resolve())]
    assert all(Path(entry).exists() for entry in settings.recent_workspaces())
    settings.remember_place(odd, 3, 42)
    assert settings.last_place(odd) == (3, 42)
    assert settings.last_place(plain) is None
    settings.settings().clear()
