"""Every window test starts from the app's factory settings (tests/gui/conftest.py).

The two turns below each find nothing stored, then store a recent workspace and a window
layout through the app's own settings module, as a real window does. Whichever turn runs
second fails unless the fixture cleared the app's settings file in between: clearing
pytest-qt's default QSettings() (another file) is not enough.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

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
