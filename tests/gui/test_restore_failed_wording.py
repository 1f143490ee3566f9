"""What the "Restore failed" box says when a backup chosen at open cannot be put in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app.gui import workspace_opener
from factcheck_app.gui.dialogs.restore import RestoreBackupDialog
from factcheck_app.services.desk import Desk
from factcheck_app.storage.locking import WriterLock
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


def test_a_restore_refused_as_in_use_says_nothing_was_changed_whatever_the_files_name(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether the refusal said "nothing was changed" itself was read from its words: a
    workspace named "nothing was changed.fcdesk", refused because another desk had it,
    was told without it (the words were only in its name)."""
    path = tmp_path / "nothing was changed.fcdesk"
    desk = Desk.open(path)
    desk.importer.import_file(SEED_FILE)
    desk.upkeep.backup_now()
    desk.close()
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda _dialog: 1)
    told: list[str] = []
    monkeypatch.setattr(
        workspace_opener, "inform", lambda _parent, _title, text, **_kw: told.append(text)
    )
    other = WriterLock.acquire(path, "the desk window")  # another desk has it
    try:
        assert not workspace_opener._restore(None, path)
    finally:
        other.release()
    [said] = told
    assert said.startswith(f"Nothing was changed: The workspace {path} is being changed by ")
    assert said.lower().count("nothing was changed") == 2  # the name's, and the outcome
