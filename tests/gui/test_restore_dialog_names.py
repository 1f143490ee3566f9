"""Restore from Backup… names the workspace and its backups folder as the window names
every file (`shown_file_name`). Its first line put the names in raw: a workspace named
with a right-to-left override read the rest of that line reversed, and one named with a
line break (whose backups the list shows since they are found again) was cut in two."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from factcheck_app.domain.printable import shown_file_name
from factcheck_app.gui.dialogs.restore import RestoreBackupDialog
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.gui.test_workspace_safety import make_workspace


@pytest.mark.parametrize("name", ["\u202efdp.fcdesk", "a\nb.fcdesk"], ids=["rlo", "line-break"])
def test_the_restore_dialog_names_the_workspace_as_the_window_names_files(
    name: str, tmp_path: Path, qtbot: QtBot
) -> None:
    path = tmp_path / name
    make_workspace(path)
    Desk.open(path).close()  # an automatic backup
    dialog = RestoreBackupDialog(path)
    qtbot.addWidget(dialog)
    [intro] = [
        label for label in dialog.findChildren(QLabel) if label.text().startswith("Backups of ")
    ]
    first, _, _rest = intro.text().partition("\n")
    assert first == (
        f"Backups of {shown_file_name(name)} in {shown_file_name(backups.backup_dir(path))}."
    )
    assert "\u202e" not in intro.text()
    assert dialog.list.count() == 1 and dialog.chosen() is not None  # its backup, offered
