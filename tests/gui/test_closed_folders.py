"""Folders the reviewer may no longer enter (a colleague's, a share whose rights
changed), named by what the window keeps (where Ctrl+O and Open Workspace last were, the
recent workspaces) or handed to it on the command line. Python 3.11's Path.is_dir() and
exists() raise PermissionError there instead of answering False: the window showed its
crash box at each Ctrl+O until the setting changed. (The folder is closed by a stand-in
for the system: the tests run as root too.)"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui import app as gui_app
from factcheck_app.gui import crash, settings
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from tests.closed_folder import close_folder


@pytest.fixture
def closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder whose contents may not be looked at (as `chmod 700` of another user's)."""
    folder = tmp_path / "colleague"
    folder.mkdir()
    (folder / "story.txt").write_text("The minister said 40 schools were built.", encoding="utf-8")

    close_folder(monkeypatch, folder)
    return folder


def test_ctrl_o_and_open_workspace_start_elsewhere_when_their_last_folder_is_closed(
    window: MainWindow, closed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.save(settings.IMPORT_FOLDER, str(closed / "wires"))
    settings.save(settings.WORKSPACE_FOLDER, str(closed / "desks"))
    offered: list[str] = []

    def choose(_parent: object, _title: str, folder: str, _filter: str) -> tuple[Any, str]:
        offered.append(folder)
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    window.imports.open_article_dialog()
    window.workspace.open_dialog()
    assert len(offered) == 2
    for folder in offered:
        assert folder and not folder.startswith(str(closed)), offered
    export_folder = settings.folder_to_offer(settings.EXPORT_FOLDER, to_write=True)
    assert not str(export_folder).startswith(str(closed))


def test_a_recent_workspace_in_a_closed_folder_is_listed_but_cannot_be_chosen(
    window: MainWindow, closed: Path
) -> None:
    assert window.desk.path is not None
    settings.save(settings.RECENT_WORKSPACES, [str(closed / "w.fcdesk"), str(window.desk.path)])
    window.workspace._fill_recent_menu()  # what File → Open Recent Workspace shows
    actions = {a.text(): a.isEnabled() for a in window.workspace.recent_menu.actions()}
    assert actions[str(closed / "w.fcdesk")] is False


def test_an_article_named_in_a_closed_folder_is_told_not_crashed_on(
    window: MainWindow, closed: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`factcheck-app ~colleague/story.txt`: the window did not start (a traceback on
    the terminal, nothing from a launcher). It opens and says the file cannot be read
    (it said "no such file" of a file that is there)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.import_files([closed / "story.txt"])
    assert len(shown) == 1 and "story.txt: cannot read the file" in shown[0], shown


def test_a_data_folder_in_a_closed_folder_is_told_at_the_start(
    qtbot: QtBot, closed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FACTCHECK_DATA_DIR set by IT to a shared folder the reviewer's account may not
    open: the window's start ended on a traceback (no window, and nothing at all from a
    launcher)."""
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(closed / "desk"))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    # The test's own application (naming one would move every later test's settings),
    # and no hooks left behind for the tests after.
    monkeypatch.setattr(gui_app, "make_application", QApplication.instance)
    monkeypatch.setattr(crash, "install_exception_hooks", lambda: SimpleNamespace())
    assert gui_app.run_gui() == 1
    assert len(shown) == 1 and "no permission to open the folder" in shown[0], shown


def test_open_last_export_in_a_closed_folder_says_why_it_cannot_be_opened(
    window: MainWindow, closed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder of the last report became a colleague's: File → Open Last Export showed
    the desk's bare error box, "Permission denied: …/report.html"."""
    settings.save(settings.EXPORT_FILE, str(closed / "report.html"))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.windowTitle(), box.text())) or 0
    )
    window.registry[ActionId.OPEN_LAST_EXPORT].trigger()
    assert shown == [
        (
            "Open Last Export",
            f"The last export, report.html, cannot be reached: you have no permission to "
            f"open the folder {closed}. Ctrl+E exports the report again.",
        )
    ]
