"""What the "Restore failed" box says when a backup chosen at open cannot be put in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app.gui import workspace_opener
from factcheck_app.gui.dialogs.restore import RestoreBackupDialog
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE


def test_a_failed_restore_says_nothing_was_changed_once(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box read "Nothing was changed: The backup … cannot be read; nothing was
    changed." — said twice, as if two things had failed."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path)
    desk.importer.import_file(SEED_FILE)
    desk.upkeep.backup_now()
    desk.close()

    def choose_then_tear(dialog: RestoreBackupDialog) -> int:
        chosen = dialog.chosen()
        assert chosen is not None
        chosen.path.write_bytes(b"torn as it was chosen")  # a backup that cannot be read
        return 1

    monkeypatch.setattr(RestoreBackupDialog, "exec", choose_then_tear)
    told: list[str] = []
    monkeypatch.setattr(
        workspace_opener, "inform", lambda _parent, _title, text, **_kw: told.append(text)
    )
    assert not workspace_opener._restore(None, path)
    [said] = told
    assert "cannot be read" in said
    assert said.lower().count("nothing was changed") == 1


def test_a_failed_restore_whose_reason_does_not_say_it_still_says_nothing_was_changed(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path)
    desk.importer.import_file(SEED_FILE)
    desk.upkeep.backup_now()
    desk.close()

    def refused(_workspace: Path, _backup: Path) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda _dialog: 1)
    monkeypatch.setattr(workspace_opener.workspace_files, "restore_backup", refused)
    told: list[str] = []
    monkeypatch.setattr(
        workspace_opener, "inform", lambda _parent, _title, text, **_kw: told.append(text)
    )
    assert not workspace_opener._restore(None, path)
    [said] = told
    assert "Permission denied" in said
    assert said.lower().count("nothing was changed") == 1
