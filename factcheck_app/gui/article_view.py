"""The running article text, plain text only, with the current sentence highlighted."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit


class OffsetMap:
    """Python offsets count code points; Qt's text positions count UTF-16 units."""

    def __init__(self, text: str) -> None:
        self._identity = all(ord(ch) < 0x10000 for ch in text) if not text.isascii() else True
        # _units[i] = UTF-16 position of code point i (only built for texts with astral chars).
        self._units: list[int] = []
        if not self._identity:
            self._units = [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]

    def to_qt(self, offset: int) -> int:
        return offset if self._identity else self._units[offset]

    def from_qt(self, position: int) -> int:
        return position if self._identity else bisect_right(self._units, position) - 1


class ArticleView(QPlainTextEdit):
    """Read-only article text. Clicking a word makes its sentence current."""

    sentence_clicked = Signal(int)  # text offset (code points) under the click

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        # Keep a caret so the reviewer can place a split point with the keyboard.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setObjectName("articleView")
        self._offsets = OffsetMap("")
        self.document().setDocumentMargin(12)

    def set_article_text(self, text: str) -> None:
        # Blank-line paragraphs come through as they are; setPlainText never interprets markup.
        self.setPlainText(text)
        self._offsets = OffsetMap(text)

    def highlight(self, start: int, end: int, *, move_caret: bool = True) -> None:
        """Mark text[start:end] as the current sentence and scroll it into view.

        `move_caret=False` keeps the caret where the reviewer clicked (a split point).
        """
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        background = QColor(highlight)
        background.setAlpha(70)
        fmt.setBackground(background)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
        selection.format = fmt
        self.setExtraSelections([selection])
        if not move_caret:
            return
        # Show the sentence's end first, then its start, so long sentences show their opening.
        caret = QTextCursor(self.document())
        caret.setPosition(self._offsets.to_qt(end))
        self.setTextCursor(caret)
        self.ensureCursorVisible()
        caret.setPosition(self._offsets.to_qt(start))
        self.setTextCursor(caret)
        self.ensureCursorVisible()

    def cursor_offset(self) -> int:
        """The caret position as a text offset (code points)."""
        return self._offsets.from_qt(self.textCursor().position())

    def mouseReleaseEvent(self, event: Any) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.sentence_clicked.emit(self.cursor_offset())
