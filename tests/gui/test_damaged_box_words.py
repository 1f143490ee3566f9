"""The words of the damaged-workspace box, whatever the file is named and whatever the
refusal says after the damage. Without a backup, the box drops the storage's advice to
restore one: it did so by cutting the message's last words when they were the advice,
so a refusal that said more after it (where another workspace's -wal beside the file was
kept) still told the reviewer to "restore it from a backup" above "No backups were
found". The box now shows the damage's parts: what is wrong, and the advice only when it
can be followed."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.printable import message_text
from factcheck_app.gui import workspace_opener
from factcheck_app.gui.workspace_opener import open_desk
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.gui.test_workspace_safety import (
    make_workspace,
    restore_dialog_taking_another_when_offered_again,
    with_a_newer_backup_by_hand,
    zero_an_index_page,
)
from tests.storage.test_safety import damage_a_table_page
from tests.storage.test_torn_beside_another_wal import _crashed, _tear, _wal

NAMES = [
    "w.fcdesk",
    "restore it from a backup.fcdesk",
    "a(b]*.fcdesk",
    "a\nb.fcdesk",
    "w\u200f.fcdesk",  # a right-to-left mark
    "Budget - It was left out.fcdesk",
]


def _damaged_box(path: Path, monkeypatch: pytest.MonkeyPatch) -> QMessageBox:
    """The box the window's open of `path` shows (answered Cancel): the only one."""
    seen: list[QMessageBox] = []

    def cancel(box: QMessageBox) -> int:
        seen.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", cancel)
    assert open_desk(path, None) is None
    [box] = seen
    assert box.windowTitle() == "Damaged workspace"
    return box


def _report(path: Path, tmp_path: Path) -> str:
    """SQLite's quick check of `path`, read on a copy (never the file itself)."""
    look = tmp_path / "look.fcdesk"
    shutil.copyfile(path, look)
    conn = sqlite3.connect(look)
    try:
        return str(conn.execute("PRAGMA quick_check").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("with_backup", [True, False], ids=["backup", "no-backup"])
@pytest.mark.parametrize("name", NAMES)
def test_the_damaged_box_says_the_damage_whatever_the_files_name(
    name: str, with_backup: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    path = folder / name
    make_workspace(path)
    if with_backup:
        Desk.open(path).close()  # an automatic backup
    zero_an_index_page(path, "idx_sentences_article_start")
    report = _report(path, tmp_path)
    box = _damaged_box(path, monkeypatch)
    advice = "; restore it from a backup." if with_backup else "."
    assert box.text() == message_text(
        f"The workspace {path} is damaged ({report}). It was left untouched{advice}"
    )
    if with_backup:
        assert "There is 1 backup of this workspace, from " in box.informativeText()
    else:
        assert box.informativeText().startswith("No backups were found in ")


def test_without_a_backup_the_box_beside_another_workspaces_wal_sends_to_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """A torn copy beside another workspace's -wal, which the open sets aside: the box
    said "It was left untouched; restore it from a backup. The unmerged changes beside
    it, in mine.fcdesk-wal, …"
    above "No backups were found"."""
    mine = _crashed(tmp_path, "mine.fcdesk", "mine")
    _tear(mine)
    theirs = _crashed(tmp_path, "theirs.fcdesk", "theirs")
    _wal(mine).write_bytes(_wal(theirs).read_bytes())
    box = _damaged_box(mine, monkeypatch)
    [kept] = backups.backup_dir(mine).glob("*-wal-set-aside.fcdesk-wal")
    assert box.informativeText().startswith("No backups were found in ")
    assert "restore" not in box.text()
    assert box.text().startswith(f"The workspace {mine} is damaged")
    assert "It was left untouched." in box.text()
    # What the refusal says after the damage is still said: where that -wal went.
    assert f"The unmerged changes beside it, in {mine.name}-wal, do not belong" in box.text()
    assert str(kept) in box.text()


@pytest.mark.parametrize("name", ["restore it from a backup.fcdesk", "a(b]*.fcdesk", "a\nb.fcdesk"])
def test_a_damaged_backup_chosen_at_open_is_refused_in_its_own_words_whatever_the_name(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """Restore from Backup… of a damaged workspace, the newest backup damaged too: the
    refusal names the backup and sends to another, which the list then offers."""
    path = tmp_path / name
    newest = with_a_newer_backup_by_hand(path)
    damage_a_table_page(newest.path, "sentences")
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 30)
    monkeypatch.setattr(workspace_opener, "_ask_damaged", lambda *a: "restore")
    offered = restore_dialog_taking_another_when_offered_again(monkeypatch)
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(
        workspace_opener, "inform", lambda _parent, title, text, **_kw: told.append((title, text))
    )
    opened = open_desk(path, None)
    assert opened is not None and len(opened.articles.list_articles()) == 1
    opened.close()
    assert offered == ["manual", "manual"]
    assert told[0] == (
        "Restore failed",
        f"The backup {newest.path.name} is damaged (it fails SQLite's check), so it was not "
        "restored; nothing was changed. Choose another backup.",
    )
    assert told[1][0] == "Workspace restored"


def test_a_page_of_damage_leaves_the_box_s_choices_on_a_640_pixel_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """SQLite's 100 problems, put whole in the box, made it 1,528 pixels high: Restore
    from Backup…, Open a Cleaned Copy and Cancel lay below a 640-pixel screen's edge."""
    from tests.storage.test_long_damage_report import (
        sqlite_report,
        workspace_with_a_page_of_damage,
    )

    path = workspace_with_a_page_of_damage(tmp_path)
    first = sqlite_report(path, "quick_check")[1]
    box = _damaged_box(path, monkeypatch)
    assert first in box.text()
    assert "… and 97 or more problems like these" in box.text()
    assert box.sizeHint().height() < 600
