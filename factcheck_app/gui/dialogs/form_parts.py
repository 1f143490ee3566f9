"""Parts the desk's small form dialogs share: OK/Cancel buttons wired to the dialog, and
the red line that says why an input was refused (shown on a bad input, hidden again as
soon as the reviewer starts fixing it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

ERROR_COLOUR = "#c0392b"


def ok_cancel_buttons(dialog: QDialog, ok_text: str = "") -> QDialogButtonBox:
    """OK and Cancel, accepting and rejecting `dialog`; `ok_text` renames OK."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ErrorLabel(QLabel):
    """Why the input was refused, in red and plain text; hidden until `refuse`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setWordWrap(True)
        self.hide()

    def refuse(self, reason: str, field: QWidget) -> None:
        """Show `reason` and put the focus on the field to fix."""
        self.setText(reason)
        self.show()
        field.setFocus()

    def clear_error(self) -> None:
        """The reason goes as soon as the reviewer starts fixing it (a slot for any
        signal: its arguments are ignored)."""
        self.hide()
