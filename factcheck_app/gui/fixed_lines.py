"""A block of plain text in a fixed number of lines, wrapped, the last one elided.

The review panel's heading shows the current sentence and changes on every key press. A
word-wrapped QLabel asks its window to lay out again whenever its text changes (its height
depends on its width), and the panel's layout and scroll area cost a key press 2-3 ms.
This widget's size never depends on its text, so a new text only repaints it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QSizePolicy, QWidget


class FixedLinesText(QWidget):
    """Plain text (never markup) wrapped into at most ``lines`` lines, each of its own lines
    starting a new one; the rest is cut with an ellipsis (the context menu's Copy takes it
    whole). The height is fixed by ``lines``; the width follows the layout."""

    def __init__(self, text: str = "", *, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._lines = lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 4)
        self.setAccessibleName(text)
        # Cut to its lines, the text is copied whole from the context menu.
        copy = QAction("Copy", self)
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(self._text))
        self.addAction(copy)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def text(self) -> str:
        return self._text

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a desktop's font changed meanwhile
            self.setFixedHeight(self.fontMetrics().lineSpacing() * self._lines + 4)

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setAccessibleName(text)
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self.height())

    def shown_lines(self) -> list[str]:
        """The lines as painted at the present width: wrapped at words, a new line of the
        text starting a new line, and the last line elided when the text goes on."""
        metrics = self.fontMetrics()
        width = self.contentsRect().width()
        # Qt's layout breaks at a line separator; the same length, so offsets stay the text's.
        layout = QTextLayout(self._text.replace("\n", "\u2028"), self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        shown: list[str] = []
        for number in range(self._lines):
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start, end = line.textStart(), line.textStart() + line.textLength()
            if number == self._lines - 1 and end < len(self._text):
                # The last line that fits: the rest of the text, elided to one line (" · "
                # where a new line of the text would have started).
                rest = " · ".join(part for part in self._text[start:].split("\n") if part.strip())
                shown.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
                break
            shown.append(self._text[start:end].rstrip())
        layout.endLayout()
        return shown

    def paintEvent(self, _event: QPaintEvent) -> None:
        metrics = self.fontMetrics()
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        for number, line in enumerate(self.shown_lines()):
            baseline = number * metrics.lineSpacing() + metrics.ascent()
            painter.drawText(QPointF(0, baseline), line)  # plain text, never markup
