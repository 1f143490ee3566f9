"""The workspace file moved (the reviewer tidying the folder in the file manager), or its
USB stick pulled out, while the window has it open: the window says so in words, and goes
on where the workspace is."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui import settings
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE
from tests.gui.conftest import press
from tests.usb_stick import UsbStick

Button = QMessageBox.StandardButton


def _move(desk: Desk) -> Path:
    path = desk.path
    assert path is not None
    new = path.parent / "2026" / path.name
    new.parent.mkdir()
    path.rename(new)
    return new


def test_open_it_there_goes_on_at_the_same_sentence(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, nothing was said until the next tag, whose refusal said "moved away or
    deleted"; every save since the last checkpoint was lost to a crash meanwhile."""
    window = make_window(seeded_desk)
    sid = window.current_sentence_id()
    assert sid is not None
    press(qtbot, window, "c")
    new = _move(seeded_desk)
    shown: list[str] = []
    buttons: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        buttons.extend(button.text() for button in box.buttons())
        return Button.Open.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)  # the window's look, every second
    assert f"was moved to {new} while it was open here" in shown[0]
    assert "Nothing is lost" in shown[0]
    assert "&Open It There" in buttons
    assert window.desk is not seeded_desk and window.desk.path == new
    assert not window.desk.read_only
    assert window.current_sentence_id() == sid
    assert window.desk.reviews.review(sid).tag is Tag.CLAIM  # the tag before the move
    press(qtbot, window, "d")
    assert window.desk.reviews.review(sid).tag is Tag.DENIAL
    assert len(shown) == 1


def test_later_keeps_the_window_and_refuses_edits_naming_the_new_place(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(seeded_desk)
    sid = window.current_sentence_id()
    assert sid is not None
    new = _move(seeded_desk)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    press(qtbot, window, "c")
    # Said in the status bar, not in a box per key: the strip names the new place.
    assert len(shown) == 1
    said = window.statusBar().currentMessage()
    assert "Nothing was changed" in said and "Open It There" in said
    assert f"moved to {new}" in window.workspace_strip.text()
    assert window.desk is seeded_desk
    assert seeded_desk.reviews.review(sid).tag is None
    window.workspace.switch_workspace(new)  # Open Recent, File → Open: no stale index
    assert window.desk.path == new and not window.desk.read_only
    press(qtbot, window, "c")
    assert window.desk.reviews.review(sid).tag is Tag.CLAIM


def test_a_stick_pulled_out_and_back_in_goes_on_from_open_recent(
    usb_stick: UsbStick,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The workspace on a USB stick pulled out: a tag is refused in words about the disk
    (never "damaged … restore it from a backup"); plugged back in, Open Recent on the same
    workspace did nothing (it was the one open) and the reviewer had to quit the desk."""
    path = usb_stick.folder / "w.fcdesk"
    desk = Desk.open(path, purpose="the desk window", backup=False)
    desk.importer.import_file(SEED_FILE)
    window = make_window(desk)
    sid = window.current_sentence_id()
    assert sid is not None
    press(qtbot, window, "f")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    usb_stick.pull()
    press(qtbot, window, "c")
    press(qtbot, window, "d")  # told in the status bar: the box said it (below)
    assert len(shown) == 1 and "NOT saved" in shown[0]
    assert "USB stick" in shown[0] and "damaged" not in shown[0]
    assert "Open It Again" in window.statusBar().currentMessage()
    window.workspace.switch_workspace(path)  # before it is back: said, nothing made
    assert "cannot be read (yet)" in shown[1]
    assert window.desk is desk
    usb_stick.plug_back()
    window.workspace.switch_workspace(path)
    assert window.desk is not desk and not window.desk.read_only
    assert window.desk.reviews.review(sid).tag is Tag.FACT
    press(qtbot, window, "c")
    assert window.desk.reviews.review(sid).tag is Tag.CLAIM
    window.desk.close()


def _recent_entry(window: MainWindow, path: Path) -> QAction:
    """The workspace's entry in File → Open Recent Workspace, as the menu shows it."""
    window.workspace.recent_menu.aboutToShow.emit()
    actions = window.workspace.recent_menu.actions()
    return next(a for a in actions if a.text() == str(path.resolve()))


def test_open_recent_offers_the_workspace_whose_stick_was_pulled_out(
    usb_stick: UsbStick,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The refusal says "plug it back in, then open it again (File → Open Recent
    Workspace)", but the menu greyed out the workspace open in the window: the reviewer
    had to quit the desk to reach the work on the stick."""
    path = usb_stick.folder / "w.fcdesk"
    desk = Desk.open(path, purpose="the desk window", backup=False)
    desk.importer.import_file(SEED_FILE)
    window = make_window(desk)
    settings.remember_workspace(path)
    sid = window.current_sentence_id()
    assert sid is not None
    press(qtbot, window, "f")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    usb_stick.pull()
    press(qtbot, window, "c")
    press(qtbot, window, "d")
    assert "File → Open Recent Workspace" in shown[-1]
    usb_stick.plug_back()
    entry = _recent_entry(window, path)
    assert entry.isEnabled()
    entry.trigger()
    assert window.desk is not desk and not window.desk.read_only
    assert window.desk.reviews.review(sid).tag is Tag.FACT
    window.desk.close()


def test_open_recent_offers_the_workspace_replaced_while_open(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Replaced by a sync tool while open: "Close it and open the workspace again", and
    Open Recent greyed out the one open."""
    path = seeded_desk.path
    assert path is not None
    window = make_window(seeded_desk)
    settings.remember_workspace(path)
    theirs = tmp_path / "theirs.fcdesk"
    other = Desk.open(theirs, backup=False)
    other.importer.import_text("The mayor said 12 bridges were repaired.")
    other.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    os.replace(theirs, path)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)  # the window's look, every second
    assert "replaced by another file" in shown[0]
    entry = _recent_entry(window, path)
    assert entry.isEnabled()
    entry.trigger()
    assert window.desk is not seeded_desk and not window.desk.read_only
    assert window.article_model.rowCount() == 1  # the file now at its place


def test_restore_from_backup_waits_until_the_moved_workspace_is_open_again(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Moved while open ("Later" answered), then File → Restore from Backup: the backup was
    put at the old place, where no workspace was any more, and the window went on in that
    old copy, "Restored" said, while the workspace with every edit lay where it was moved
    (its backups folder left behind): two workspaces, the journalist's work split between
    them from then on."""
    from factcheck_app.gui.dialogs.restore import RestoreBackupDialog

    window = make_window(seeded_desk)
    seeded_desk.upkeep.backup_now()
    old = seeded_desk.path
    assert old is not None
    new = _move(seeded_desk)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)  # "Later"
    chosen: list[object] = []
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: chosen.append(dialog) or 1)
    window.workspace.restore_from_backup()
    assert chosen == [] and len(shown) == 1
    assert window.desk is seeded_desk
    assert not old.exists()  # nothing put where the workspace was
    said = window.statusBar().currentMessage()
    assert said.startswith("Restore from Backup waits until the workspace is open again")
    assert "strip above the article" in said
    window.workspace.switch_workspace(new)  # opened where it is now: restored from there
    window.workspace.restore_from_backup()
    assert len(chosen) == 1 and window.desk.path == new


def test_restore_from_backup_waits_until_the_pulled_stick_is_back(
    usb_stick: UsbStick,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its USB stick pulled out (a tag refused, "Open It Again" said), then Restore from
    Backup: its dialog came up saying "No readable backups were found.", as if every
    backup were lost; they are on the stick, with the workspace."""
    from factcheck_app.gui.dialogs.restore import RestoreBackupDialog

    path = usb_stick.folder / "w.fcdesk"
    desk = Desk.open(path, purpose="the desk window", backup=False)
    desk.importer.import_file(SEED_FILE)
    # A backup made earlier (the stick has no room beyond a backup's 20 MB to spare now).
    (usb_stick.folder / "w-backups").mkdir()
    with (
        sqlite3.connect(path) as source,
        sqlite3.connect(
            usb_stick.folder / "w-backups" / "w-20261201-090000Z-manual.fcdesk"
        ) as copy,
    ):
        source.backup(copy)
    window = make_window(desk)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    usb_stick.pull()
    press(qtbot, window, "c")  # refused: its box says the disk went away
    assert window.desk.disk_failed
    listed: list[int] = []
    monkeypatch.setattr(
        RestoreBackupDialog, "exec", lambda dialog: listed.append(dialog.list.count()) or 1
    )
    window.workspace.restore_from_backup()
    assert listed == [] and len(shown) == 1
    assert window.desk is desk and not desk.closed
    said = window.statusBar().currentMessage()
    assert said.startswith("Restore from Backup waits until the workspace is open again")
    usb_stick.plug_back()
    window.workspace.switch_workspace(path)
    assert window.desk is not desk and not window.desk.read_only
    window.desk.close()
