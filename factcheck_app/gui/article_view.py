"""The running article text, plain text only, with the current sentence highlighted."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from factcheck_app.domain.printable import bidi_neutral
from factcheck_app.gui.colours import readable, readable_hints

if TYPE_CHECKING:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QResizeEvent

# Qt lays out a paragraph as one unit: a 5 MB line takes seconds. Lines longer than this
# are shown broken at a space every SOFT_BREAK_EVERY characters.
LONG_LINE = 20_000
SOFT_BREAK_EVERY = 2_000
# Anchored at line starts: unanchored, the search would restart at every character.
_LONG_LINE_RE = re.compile(rf"^[^\n]{{{LONG_LINE},}}", re.MULTILINE)


def soften_long_lines(text: str) -> str:
    """The text to display: over-long lines get a line break in place of a space now and
    then. One character replaces one, so every offset still points at the same place."""
    if len(text) < LONG_LINE or not _LONG_LINE_RE.search(text):
        return text
    chars = list(text)
    for match in _LONG_LINE_RE.finditer(text):
        position = match.start() + SOFT_BREAK_EVERY
        while position < match.end():
            space = text.rfind(" ", position - SOFT_BREAK_EVERY // 2, position)
            if space > 0:
                chars[space] = "\n"
            position += SOFT_BREAK_EVERY
    return "".join(chars)


class OffsetMap:
    """Python offsets count code points; Qt's text positions count UTF-16 units."""

    def __init__(self, text: str) -> None:
        # Same length in UTF-16 units as in code points: no astral characters (fast check).
        self._identity = text.isascii() or len(
            text.encode("utf-16-le", "surrogatepass")
        ) == 2 * len(text)
        # _units[i] = UTF-16 position of code point i (only built for texts with astral chars).
        self._units: list[int] = []
        if not self._identity:
            self._units = [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]

    def to_qt(self, offset: int) -> int:
        return offset if self._identity else self._units[offset]

    def from_qt(self, position: int) -> int:
        return position if self._identity else bisect_right(self._units, position) - 1


@functools.cache
def _underline_colour(highlight: int, page: int) -> QColor:
    """The selection colour as an underline that reads on the page (made once a theme)."""
    return QColor(readable(QColor.fromRgb(highlight).name(), QColor.fromRgb(page)))


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
        self.setAccessibleName("Article text")
        self.setAccessibleDescription(
            "The article, with the current sentence highlighted. Clicking a word makes its "
            "sentence current; the arrow keys move the caret, e.g. to split a sentence."
        )
        self.setPlaceholderText(
            "No article open. Open one with Ctrl+O, drop a file here, paste one with "
            "Ctrl+Shift+V, or import a whole folder from the File menu."
        )
        readable_hints(self)
        self._offsets = OffsetMap("")
        self.document().setDocumentMargin(12)

    def set_article_text(self, text: str) -> None:
        # Blank-line paragraphs come through as they are; setPlainText never interprets markup.
        # Shown in stored order: an override (U+202E) cannot reverse the sentences after it.
        shown = soften_long_lines(bidi_neutral(text))
        if shown.startswith("\ufeff"):
            # Qt drops a byte order mark at the start of a document: shown as the invisible
            # zero-width space instead, every offset stays where it is (fuzz_window, seed 2041).
            shown = "\u200b" + shown[1:]
        self.setPlainText(shown)
        self._offsets = OffsetMap(text)

    def highlight(self, start: int, end: int, *, move_caret: bool = True) -> None:
        """Mark text[start:end] as the current sentence and scroll it into view.

        `move_caret=False` keeps the caret where the reviewer clicked (a split point).
        """
        # Imported here, not before the window's first paint (the three classes and their
        # enums: 16 million instructions); once loaded, this costs a lookup per sentence.
        from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextFormat

        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        palette = self.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        background = QColor(highlight)
        background.setAlpha(70)
        fmt.setBackground(background)
        # The tint alone is 1.4 against the page: an underline in the selection colour,
        # made readable on the page, says where the sentence begins and ends.
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(
            _underline_colour(highlight.rgb(), palette.color(QPalette.ColorRole.Base).rgb())
        )
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Asked before the text wraps anew: a reviewer who scrolled away to read another
        # paragraph was brought back to the current sentence at every step of a handle
        # dragged, every resize of the window, every pane opened.
        was_in_sight = self._sentence_in_sight(event.oldSize())
        super().resizeEvent(event)
        # Narrowed or widened, the text wraps anew and the sentence moves: the window's
        # first layout (the article opened before the panes took their widths) left the
        # sentence it reopened on at the bottom edge, all but its first line out of view.
        rewrapped = event.size().width() != event.oldSize().width()
        shorter = event.size().height() < event.oldSize().height()
        if (shorter or rewrapped) and was_in_sight:
            # Made shorter (Ctrl+F's search pane): the current sentence went out of view
            # and nothing brought it back until the next move. Its end, then the caret
            # (at its start, or where the reviewer put it for a split) come into sight,
            # as `highlight` shows it; the caret stays where it was.
            marked = self.extraSelections()
            caret = self.textCursor()
            if marked:
                self.setTextCursor(marked[0].cursor)
                self.ensureCursorVisible()
                self.setTextCursor(caret)
            self.ensureCursorVisible()

    def _sentence_in_sight(self, size: QSize) -> bool:
        """Whether any line of the current sentence is within `size` from the top of the
        text as now laid out; True for no size (the first layout, nothing read yet) and
        for no sentence marked."""
        marked = self.extraSelections()
        if not size.isValid() or not marked:
            return True
        # Loaded already: `highlight` marked the sentence.
        from PySide6.QtGui import QTextCursor

        cursor = marked[0].cursor
        first = QTextCursor(cursor)
        first.setPosition(cursor.selectionStart())
        last = QTextCursor(cursor)
        last.setPosition(cursor.selectionEnd())
        top = self.cursorRect(first).top()
        bottom = self.cursorRect(last).bottom()
        return bottom >= 0 and top < size.height()

    def cursor_offset(self) -> int:
        """The caret position as a text offset (code points)."""
        return self._offsets.from_qt(self.textCursor().position())

    def mouseReleaseEvent(self, event: Any) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.sentence_clicked.emit(self.cursor_offset())
