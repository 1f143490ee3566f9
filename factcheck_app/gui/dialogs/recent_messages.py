"""Help → Recent Messages: what the status bar said this session, each line whole.

Imported on first use, not before the window's first paint."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.gui.dialogs.form_parts import CtrlEnterDialog, resize_within_screen
from factcheck_app.gui.notices import KEPT_LINES, TEXT_ROLE, StatusLog
from factcheck_app.gui.views import FocusFrame, NoteWhenEmptyList, WrappedRows

NOTHING_SAID = "Nothing said in the status bar yet this session."


class MessageList(NoteWhenEmptyList):
    """The lines, wrapped; Ctrl+C copies the chosen ones whole (all of them after Ctrl+A),
    newest first as listed, without the breaks the list puts in a long path."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            rows = sorted(index.row() for index in self.selectionModel().selectedRows())
            if not rows and self.currentIndex().isValid():
                rows = [self.currentIndex().row()]
            model = self.model()
            lines = [str(model.data(model.index(row, 0), TEXT_ROLE)) for row in rows]
            if lines:
                QApplication.clipboard().setText("\n".join(lines))
            event.accept()
            return
        super().keyPressEvent(event)


class RecentMessagesDialog(CtrlEnterDialog):
    """The status bar's lines of this session, newest first, with their times."""

    def __init__(self, log: StatusLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recent Messages")
        self.setObjectName("recentMessagesDialog")
        note = QLabel(
            f"What the status bar said this session, and each file an import refused or read "
            f"as not UTF-8, newest first (the last {KEPT_LINES}). Ctrl+C copies the chosen "
            "lines, Ctrl+A chooses them all; Esc closes."
        )
        note.setWordWrap(True)
        self.view = MessageList(NOTHING_SAID)
        self.view.setObjectName("recentMessages")
        self.view.setAccessibleName("Recent messages")
        self.view.setModel(log)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(self.view.ResizeMode.Adjust)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)  # where one line ends and the next begins
        self.view.setSpacing(2)
        WrappedRows(self.view)  # each line whole, wrapped at the list's width
        FocusFrame(self.view)  # the focus shows while the list is empty too
        if log.rowCount():
            self.view.selectionModel().setCurrentIndex(
                log.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.view.setFocus()
        resize_within_screen(self, 760, 520)
