"""File → Open Workspace starts where the reviewer last was: the open workspace's folder,
or the folder a workspace was last opened from; it opened on the data folder, far from
a workspace kept elsewhere (a shared folder, a project's folder)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from factcheck_app.gui import settings as app_settings
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk


def asked_folders(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[str]:
    """The folder each Open Workspace dialog started in; each answers the next of `answers`."""
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(str(args[2]))
        return (answers.pop(0) if answers else ""), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    return asked


def test_open_workspace_starts_in_the_open_workspaces_folder(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = asked_folders(monkeypatch, [])
    window.workspace.open_dialog()
    path = window.desk.path
    assert path is not None and asked == [str(path.parent)]


def test_open_workspace_starts_where_the_last_workspace_was_opened(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    Desk.open(shared / "team.fcdesk").close()
    first = make_window(Desk.open(tmp_path / "mine.fcdesk"))
    asked = asked_folders(monkeypatch, [str(shared / "team.fcdesk")])
    first.workspace.open_dialog()
    assert first.desk.path == shared / "team.fcdesk"
    first.close()
    # The next start, on the reviewer's own workspace: the dialog goes back to the share.
    again = make_window(Desk.open(tmp_path / "mine.fcdesk"))
    again.workspace.open_dialog()
    assert asked == [str(tmp_path), str(shared)]


def test_choosing_the_workspace_already_open_says_so(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chosen again in File → Open Workspace (a hurried double check that it is the right
    file), the workspace open for editing was left as it was without a word: the
    journalist could not tell whether it had been opened again, or the open had failed."""
    path = window.desk.path
    assert path is not None
    desk = window.desk
    asked_folders(monkeypatch, [str(path)])
    window.workspace.open_dialog()
    assert window.desk is desk and not desk.closed
    said = window.statusBar().currentMessage()
    assert said == f"{path.name} is already open here."


def test_a_recent_workspace_gone_since_the_menu_showed_is_not_made_anew(
    window: MainWindow, tmp_path: Path
) -> None:
    """Open Recent offers a workspace that is there as the menu shows; deleted or moved in
    the moments before the click (a sync tool replacing it, a colleague tidying the shared
    folder), the click made a new, empty workspace in its place and opened it, without a
    word: the work looked gone, and the file the sync tool then brought back met another
    in its place."""
    shared = tmp_path / "shared"
    shared.mkdir()
    team = shared / "team.fcdesk"
    Desk.open(team, backup=False).close()
    app_settings.remember_workspace(team)
    window.workspace.recent_menu.aboutToShow.emit()
    [entry] = [a for a in window.workspace.recent_menu.actions() if a.text() == str(team)]
    assert entry.isEnabled()
    desk = window.desk
    for leftover in shared.iterdir():
        leftover.unlink()
    entry.trigger()
    assert window.desk is desk and not desk.closed
    assert list(shared.iterdir()) == []  # nothing made there
    said = window.statusBar().currentMessage()
    assert said == "team.fcdesk is not there any more (moved or deleted?): nothing was opened."
