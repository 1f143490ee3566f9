"""One entry of the sentence's history, whole: the panel's list cuts each value to a line
(an editor's 2,000-character return note to 60 characters), its tooltip is the mouse's.

Imported on first use, not before the window's first paint."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.gui.dialogs.form_parts import CtrlEnterDialog, resize_within_screen
from factcheck_app.gui.typed_fields import show_lines


class HistoryEntryDialog(CtrlEnterDialog):
    """The entry's text, plain and read-only: ↑/↓ and Page Up/Down scroll it, Ctrl+A and
    Ctrl+C copy it, Esc closes."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("History Entry")
        self.setObjectName("historyEntryDialog")
        self.text_view = QPlainTextEdit()
        self.text_view.setObjectName("historyEntryText")
        self.text_view.setAccessibleName("History entry")
        self.text_view.setReadOnly(True)
        # As typed ("<b>" is no markup), wrapped anywhere when it holds an unbroken run.
        show_lines(self.text_view, text)
        # Read-only, Qt's box takes no caret keys: ↑/↓ would not scroll it by keyboard.
        self.text_view.setTextInteractionFlags(
            self.text_view.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text_view.setTabChangesFocus(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_view, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 640, 480)
        self.text_view.setFocus()
