"""A block of plain text in a fixed number of lines, wrapped, the last one elided.

The review panel's heading shows the current sentence and changes on every key press. A
word-wrapped QLabel asks its window to lay out again whenever its text changes (its height
depends on its width), and the panel's layout and scroll area cost a key press 2-3 ms.
This widget's size never depends on its text, so a new text only repaints it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QSizePolicy, QWidget


class FixedLinesText(QWidget):
    """Plain text (never markup) wrapped into at most ``lines`` lines; the rest is cut with
    an ellipsis. The height is fixed by ``lines``; the width follows the layout."""

    def __init__(self, text: str = "", *, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._lines = lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 4)
        self.setAccessibleName(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setAccessibleName(text)
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self.height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        metrics = self.fontMetrics()
        width = self.contentsRect().width()
        layout = QTextLayout(self._text, self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        lines = []
        elided = ""
        for number in range(self._lines):
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start = line.textStart()
            if number == self._lines - 1 and start + line.textLength() < len(self._text):
                # The last line that fits: the rest of the text, elided to one line.
                rest = self._text[start:].replace("\n", " ")
                elided = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
                break
            line.setPosition(QPointF(0, number * metrics.lineSpacing()))
            lines.append(line)
        layout.endLayout()
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        for line in lines:
            line.draw(painter, QPointF(0, 0))
        if elided:
            baseline = len(lines) * metrics.lineSpacing() + metrics.ascent()
            painter.drawText(QPointF(0, baseline), elided)  # plain text, never markup
