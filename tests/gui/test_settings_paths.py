"""A workspace whose file name is not UTF-8 (copied from an old archive, or a share
written by another system) is remembered like any other: in the recent list, and where
the reviewer stopped in it. Python keeps such a name's bytes as escapes; Qt drops them,
and hashing them as UTF-8 failed."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck_app.gui import settings
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.dialogs.help import AboutDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE

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


def test_the_window_names_such_a_workspace_with_a_mark_for_the_odd_byte(
    make_window: Callable[[Desk], MainWindow], tmp_path: Path
) -> None:
    """Qt's text drops the escapes: the title read "Wahl bersicht.fcdesk", a name no file
    has. It shows "�" where the byte is, as a file manager does."""
    path = tmp_path / os.fsdecode(b"Wahl \xfcbersicht.fcdesk")
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    window = make_window(desk)
    assert "Wahl \ufffdbersicht.fcdesk" in window.windowTitle()
    settings.remember_workspace(path)
    window.workspace._fill_recent_menu()
    labels = [action.text() for action in window.workspace.recent_menu.actions()]
    assert any(label.endswith("Wahl \ufffdbersicht.fcdesk") for label in labels), labels
    settings.settings().clear()


def test_a_workspace_in_a_folder_with_an_ampersand_is_listed_as_named(
    window: MainWindow, tmp_path: Path
) -> None:
    """A workspace in "News & Politics": Qt took the "&" for the menu item's Alt key and
    listed "News _Politics" (the P underlined), a folder that is not there."""
    folder = tmp_path / "News & Politics"
    folder.mkdir()
    path = folder / "election.fcdesk"
    path.touch()
    settings.remember_workspace(path)
    window.workspace._fill_recent_menu()
    shown = [action.iconText() for action in window.workspace.recent_menu.actions()]
    assert str(path.resolve()) in shown, shown  # the text as the menu draws it
    settings.settings().clear()


def test_the_file_choosers_start_in_a_folder_qt_can_name_in_a_home_folder_that_is_not_utf8(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A home folder named in Latin-1 bytes (an account from an old system), nothing
    picked yet and no Documents in it: Open Article, Export and Open Workspace were
    started in the home folder as Qt spells Python's escapes, a folder that is not there
    (the chooser opened in the folder above, the rest of the name typed in as a file)."""
    settings.settings().clear()
    home = tmp_path / os.fsdecode(b"J\xe9r\xf4me")
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(home / "data"))  # not made yet
    offered = [
        settings.folder_to_offer(settings.IMPORT_FOLDER),
        settings.folder_to_offer(settings.EXPORT_FOLDER, to_write=True),
        settings.workspace_folder_to_offer(None),
    ]
    assert offered == [tmp_path] * 3  # the nearest folder Qt can name


def test_about_names_a_data_folder_that_is_not_utf8_with_a_mark_for_the_odd_byte(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Help → About, where IT looks for the default workspace, named a home folder in
    Latin-1 bytes without its odd byte ("/home/Jrme/…", a folder that is not there), as
    the window's title and the recent list once did; it shows "�" there, as they do."""
    data = tmp_path / os.fsdecode(b"J\xe9r\xf4me") / "data"
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(data))
    shown: list[str] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog.text()) or 0)
    window.registry[ActionId.ABOUT].trigger()
    assert f"{tmp_path}/J\ufffdr\ufffdme/data" in shown[0]
