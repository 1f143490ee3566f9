"""The strip across a read-only window: why it is read-only, and the way out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from factcheck_app.gui.colours import follow_palette

if TYPE_CHECKING:  # the window paints before the services are imported (gui/app.py)
    from factcheck_app.services.desk import Desk

# When no notice says why, the window opened read-only because another program writes.
IN_USE = (
    "Another program is changing this workspace, so it is open read-only here: you can "
    "read, search and export, and you see what the other program saves. To edit, close "
    "it there and open the workspace again."
)
CAN_STILL = " You can read, search and export."


_SHEET = "#readOnlyBanner { background: #fff4ce; } #readOnlyBanner QLabel { color: #3d2e00; }"


class ReadOnlyBanner(QFrame):
    """Shown only while the window's workspace is read-only."""

    def __init__(self, open_other: QAction) -> None:
        super().__init__()
        self.setObjectName("readOnlyBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The label is styled too: it draws in the palette's text colour otherwise, which a
        # dark desktop theme makes white, on this pale yellow.
        follow_palette(self, lambda: _SHEET)
        self._label = QLabel()
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setWordWrap(True)
        button = QPushButton("Open Another &Workspace…")
        button.setObjectName("readOnlyOpenOther")
        self._button = button
        button.clicked.connect(open_other.trigger)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self._label, 1)
        layout.addWidget(button)
        self.hide()

    def text(self) -> str:
        return self._label.text()

    def show_for(self, desk: Desk) -> None:
        """Show the reason when ``desk`` is read-only, hide otherwise."""
        if not desk.read_only:
            self.hide()
            return
        reasons = [n for n in desk.notices if "read-only" in n]
        text = " ".join(reasons) if reasons else IN_USE
        if "export" not in text:
            text += CAN_STILL
        self._label.setText(text)
        # Tab reaches the button, never the label: the reason is the button's description,
        # or a screen reader offers another workspace without a word of why.
        self._button.setAccessibleDescription(text)
        self.show()
