"""Pick a backup to restore: each shown with its date, kind and article count, and the
one chosen with how much of it was reviewed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from factcheck_app.domain.printable import shown_file_name
from factcheck_app.domain.wording import counted
from factcheck_app.gui.dialogs.form_parts import CtrlEnterDialog, ok_cancel_buttons
from factcheck_app.services.workspace_files import (
    BackupInfo,
    backup_folder,
    backup_progress,
    backup_to_offer,
    backups_of,
)

REASONS = {
    "auto": "automatic",
    "manual": "made by hand",
    "before-migration": "before an update",
    "before-restore": "before a restore",
    "damaged": "damaged file set aside",
}
# After a backup dated later than now (made while the computer's clock was fast, or the
# clock is slow now): its place in the list, by its date, may be above later work. Short,
# to fit the dialog's 560 px; its tooltip says the rest.
AHEAD = " — dated ahead of the clock"
AHEAD_TIP = (
    "Dated later than this computer's clock says it is now: made while the clock was "
    "fast (or the clock is slow now), so its date does not say how old it is. Backups "
    "made since the clock was put right may hold later work."
)


class RestoreBackupDialog(CtrlEnterDialog):
    # Restoring replaces the open workspace: Ctrl+Enter on a Cancel she tabbed to
    # restored it. There it cancels; from the list or Restore it restores.
    cancel_keeps_ctrl_enter = True

    def __init__(self, workspace: Path, parent: Any = None, *, checking: str = "") -> None:
        """`checking`: the check running (Check Workspace, or the check of the copy), which
        the restore stops (said here); "" when none runs."""
        super().__init__(parent)
        self.setWindowTitle("Restore from Backup")
        self.setObjectName("restoreBackupDialog")
        self._backups = [b for b in backups_of(workspace) if b.article_count is not None]
        text = (
            f"Backups of {shown_file_name(workspace.name)} in "
            f"{shown_file_name(backup_folder(workspace))}.\nThe current workspace "
            "is kept beside them before it is replaced."
        )
        if checking:
            text += (
                f"\n{checking}, still running, is stopped by the restore (it has changed "
                "nothing); Cancel lets it finish."
            )
        intro = QLabel(text)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        self.list.setAccessibleName("Backups")  # a screen reader heard "list" alone
        for info in self._backups:
            text = (
                f"{info.created:%Y-%m-%d %H:%M:%S} — {counted(info.article_count or 0, 'article')} "
                f"({REASONS.get(info.reason, info.reason)})" + (AHEAD if info.ahead else "")
            )
            item = QListWidgetItem(text, self.list)
            if info.ahead:
                item.setToolTip(AHEAD_TIP)
        # How much of the chosen backup was reviewed: two backups of a busy day read alike
        # ("— 40 articles (automatic)"). Read for the one chosen as the reviewer moves
        # through the list (~30 ms for a year's workspace), not for all of them at once.
        self.progress = QLabel()
        self.progress.setObjectName("backupProgress")
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.list.currentRowChanged.connect(self._show_progress)
        offered = backup_to_offer(self._backups)
        if offered is not None:
            self.list.setCurrentRow(self._backups.index(offered))
        else:
            QListWidgetItem("No readable backups were found.", self.list).setFlags(
                Qt.ItemFlag.NoItemFlags
            )
        buttons = ok_cancel_buttons(self, "Restore")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self._backups))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def _show_progress(self, row: int) -> None:
        info = self._backups[row] if 0 <= row < len(self._backups) else None
        progress = None if info is None else backup_progress(info.path)
        if info is None:
            text = ""
        elif progress is None:
            text = f"The backup of {info.created:%Y-%m-%d %H:%M:%S}: its sentences cannot be read."
        else:
            sentences, reviewed = progress
            text = (
                f"The backup of {info.created:%Y-%m-%d %H:%M:%S}: {reviewed:,} of "
                f"{counted(sentences, 'sentence')} reviewed."
            )
        self.progress.setText(text)

    def chosen(self) -> BackupInfo | None:
        row = self.list.currentRow()
        return self._backups[row] if 0 <= row < len(self._backups) else None
