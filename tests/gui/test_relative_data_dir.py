"""The window started with a relative FACTCHECK_DATA_DIR: refused in a box (a launcher
has no terminal to read stderr in) and on stderr, before any workspace is opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui import app as gui_app


def test_the_window_refuses_a_relative_data_folder_in_words(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCHECK_DATA_DIR", "desk-data")
    shown: list[str] = []

    def answered(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", answered)

    def opened(*args: object) -> None:
        raise AssertionError("the window went on to open a workspace")

    monkeypatch.setattr(gui_app, "show_opening_window", opened)
    # The test's own application, unnamed: naming it would move every later test's
    # QSettings() into the app's own settings file.
    monkeypatch.setattr(gui_app, "make_application", QApplication.instance)
    assert gui_app.run_gui() == 1
    assert len(shown) == 1 and shown[0].startswith("FACTCHECK_DATA_DIR is a relative path")
    assert capsys.readouterr().err.startswith("factcheck-app: FACTCHECK_DATA_DIR is a relative")
    assert list(tmp_path.iterdir()) == []
