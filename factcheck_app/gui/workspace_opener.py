"""Opening a workspace from the window: one writer at a time, and a way forward from every
problem (empty, damaged, foreign or busy file) that never changes the file unasked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from factcheck_app import config
from factcheck_app.domain.errors import (
    FactcheckError,
    NotAWorkspace,
    WorkspaceDamaged,
    WorkspaceEmptyFile,
)
from factcheck_app.gui.dialogs.restore import RestoreBackupDialog
from factcheck_app.gui.messages import ask, inform
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups

Button = QMessageBox.StandardButton


@dataclass
class OpenedWorkspace:
    """A desk plus the lock that makes this window its only writer (None when read-only)."""

    desk: Desk
    lock: QLockFile | None

    def close(self) -> None:
        self.desk.close()
        if self.lock is not None:
            self.lock.unlock()


def lock_path(path: Path) -> str:
    return str(path.with_name(path.name + ".lock"))


def acquire_lock(path: Path) -> tuple[QLockFile | None, str]:
    """Lock the workspace for writing; on failure say who holds it.

    QLockFile removes a lock left by a process that no longer runs (a crash), so a stale
    lock never keeps a reviewer out.
    """
    lock = QLockFile(lock_path(path))
    lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
    if lock.tryLock(0):
        return lock, ""
    info = lock.getLockInfo()
    holder = ""
    if isinstance(info, tuple) and len(info) == 3:
        pid, host, _app = info
        holder = f" (process {pid} on {host or 'this computer'})"
    return None, holder


def open_desk(path: Path, parent: QWidget | None, *, seed: bool = False) -> OpenedWorkspace | None:
    """Open `path` for this window, asking the reviewer what to do when something is wrong.

    Returns None when the reviewer chose not to open anything.
    """
    read_only = False
    lock: QLockFile | None = None
    if path.exists() or path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        lock, holder = acquire_lock(path)
        if lock is None:
            answer = ask(
                parent,
                "Workspace in use",
                f"The workspace {path} is already open in another Factcheck desk window"
                f"{holder}.\n\nOnly one window can change a workspace at a time. Open it "
                "read-only here (you can read and export, not edit)?",
                Button.Open | Button.Cancel,
                Button.Open,
                labels={Button.Open: "Open Read-Only"},
            )
            if answer != Button.Open:
                return None
            read_only = True
    while True:
        try:
            desk = _open_with_wait_cursor(path, read_only)
        except WorkspaceEmptyFile as error:
            choice = _ask_empty(parent, path, error)
            if choice == "new":
                path.unlink()  # the reviewer chose to replace the 0-byte file
                continue
            if choice == "restore" and _restore(parent, path):
                continue
            _release(lock)
            return None
        except WorkspaceDamaged as error:
            if _ask_damaged(parent, path, error) and _restore(parent, path):
                continue
            _release(lock)
            return None
        except (NotAWorkspace, FactcheckError) as error:
            inform(parent, "Cannot open the workspace", str(error), warning=True)
            _release(lock)
            return None
        break
    if seed and not desk.read_only:
        desk.ensure_seeded()
    _tell_notices(parent, desk)
    if desk.read_only:
        _release(lock)
        lock = None
    return OpenedWorkspace(desk, lock)


def _open_with_wait_cursor(path: Path, read_only: bool) -> Desk:
    """Open the desk; the first open after an upgrade migrates the file and builds its
    search index (about 27,000 sentences a second), so show that the app is busy."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return Desk.open(path, read_only=read_only)
    finally:
        QApplication.restoreOverrideCursor()


def _release(lock: QLockFile | None) -> None:
    if lock is not None:
        lock.unlock()


def _ask_empty(parent: QWidget | None, path: Path, error: WorkspaceEmptyFile) -> str:
    box = QMessageBox(QMessageBox.Icon.Warning, "Empty workspace file", str(error), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("emptyWorkspaceBox")
    restore = None
    if backups.list_backups(path):
        restore = box.addButton("Restore from Backup…", QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton("Start a New Workspace There", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setInformativeText(
        "Starting a new workspace replaces the empty file; nothing else is changed."
    )
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return "restore"
    if clicked is new:
        return "new"
    return "cancel"


def _ask_damaged(parent: QWidget | None, path: Path, error: WorkspaceDamaged) -> bool:
    box = QMessageBox(QMessageBox.Icon.Critical, "Damaged workspace", str(error), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("damagedWorkspaceBox")
    available = backups.list_backups(path)
    if available:
        box.setInformativeText(
            f"There are {len(available)} backups of this workspace; the newest is from "
            f"{available[0].created:%Y-%m-%d %H:%M}. Restoring keeps the damaged file aside."
        )
        restore = box.addButton("Restore from Backup…", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(
            f"No backups were found in {backups.backup_dir(path)}. Keep the file: an expert "
            "may recover it with sqlite3's .recover command."
        )
        restore = None
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return restore is not None and box.clickedButton() is restore


def _restore(parent: QWidget | None, path: Path) -> bool:
    """Let the reviewer pick a backup and put it in place; True when restored."""
    dialog = RestoreBackupDialog(path, parent)
    if not dialog.exec() or dialog.chosen() is None:
        return False
    chosen = dialog.chosen()
    assert chosen is not None
    try:
        kept = backups.restore_backup(path, chosen.path)
    except (FactcheckError, OSError) as error:
        inform(parent, "Restore failed", f"Nothing was changed: {error}", warning=True)
        return False
    where = f"\n\nThe previous file was kept as {kept}." if kept else ""
    inform(
        parent,
        "Workspace restored",
        f"The workspace was restored from the backup of {chosen.created:%Y-%m-%d %H:%M}." + where,
    )
    return True


def _tell_notices(parent: QWidget | None, desk: Desk) -> None:
    """Say once what the reviewer must know about this workspace (read-only, share, crash)."""
    lines = list(desk.notices)
    if desk.unconfirmed_edits:
        edits = "\n".join(
            f"  • {row['at']}: {row['description']}" for row in desk.unconfirmed_edits[:10]
        )
        lines.append(
            "Factcheck desk was not closed properly last time (a crash or power cut). "
            "Every edit it saved is in the workspace. The last ones, for you to check:\n" + edits
        )
    if lines:
        inform(parent, config.APP_NAME, "\n\n".join(lines))
