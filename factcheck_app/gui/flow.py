"""Rows of buttons that wrap in a narrow panel, and a button whose key goes under its words.

A row of buttons as wide as its buttons together made the review panel 550 px wide at
16 pt (the earlier verdicts' Copy Verdict (V) and Reuse Sources (Ctrl+Shift+L) side by
side): the window's other panes were left what it did not take, the article list 79 px.
A `FlowRow` needs only its widest button and puts the others on the next line when the
panel is narrow; a `KeyButton` needs only its longer line, its key under its words.
Imported with the review panel, after the window's first paint.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)


class FlowRow(QLayout):
    """Items left to right, wrapping to a new line where the next one does not fit.

    Its size hint is all items on one line; its minimum is its widest item's minimum, so a
    narrow panel gets several lines instead of a wider panel. An item given less than its
    size hint (it has a line of its own) gets its height for that width."""

    def __init__(self, parent: QWidget | None = None, per_line: int = 1) -> None:
        """`per_line`: the fewest items a line holds (its minimum width is that many
        side by side: in a form, four tag buttons one under another beside their label
        took five lines; two a line, they go under the label when there is no room)."""
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._per_line = per_line
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's own ------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def heightForWidth(self, width: int) -> int:
        """The height its lines take at `width` (a FlowBox holds it as its minimum: the
        layouts round it, a form's and a scroll area's, then need no height-for-width)."""
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        shown = self._shown()
        hints = [item.sizeHint() for item in shown]
        width = sum(h.width() for h in hints) + self._gap() * max(0, len(hints) - 1)
        height = max((h.height() for h in hints), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        shown = self._shown()
        size = QSize(0, 0)
        for item in shown:
            size = size.expandedTo(item.minimumSize())
        if self._per_line > 1:
            widths = [item.sizeHint().width() for item in shown]
            for start in range(max(0, len(widths) - self._per_line + 1)):
                line = widths[start : start + self._per_line]
                size.setWidth(max(size.width(), sum(line) + self._gap() * (len(line) - 1)))
        return size.grownBy(self.contentsMargins())

    # -- laying out -----------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gap(self) -> int:
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return 6
        gap = style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing, None, parent)
        return gap if gap >= 0 else 6

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in `rect` (moving them only if `move`); the height they take."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        gap = self._gap()
        x, y, line_height = area.x(), area.y(), 0
        for item in self._shown():
            hint = item.sizeHint()
            width = max(item.minimumSize().width(), min(hint.width(), area.width()))
            widget = item.widget()
            squeezed = widget.heightForWidth(width) if widget is not None else -1
            height = max(hint.height(), squeezed if width < hint.width() else -1)
            if x > area.x() and x + width > area.x() + area.width():
                x, y = area.x(), y + line_height + gap
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + gap
            line_height = max(line_height, height)
        return y + line_height - rect.y() + margins.bottom()


class FlowBox(QWidget):
    """Widgets in a FlowRow, as tall as its lines at the box's width."""

    height_changed = Signal()

    def __init__(self, *widgets: QWidget, per_line: int = 1) -> None:
        super().__init__()
        self.row = FlowRow(self, per_line)
        for widget in widgets:
            self.row.addWidget(widget)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height = self.row.heightForWidth(event.size().width())
        if height != self.minimumHeight():
            self.setMinimumHeight(height)
            self.height_changed.emit()


class KeyButton(QPushButton):
    """A button that names its key: "Copy Verdict (V)" on one line where there is room,
    the key on a second line where there is not (its minimum is the longer line)."""

    def __init__(self, words: str, parent: QWidget | None = None) -> None:
        super().__init__(words, parent)
        self._words = words
        self._keys = ""
        # Narrower than its one line when the room is short (a FlowRow gives it its
        # heightForWidth then): below a Preferred width it shows its second line.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def set_keys(self, keys: str) -> None:
        self._keys = keys
        self.setAccessibleName(self._text(1))  # one line to a screen reader, either way
        self._show_text(self.width() if self.isVisible() else self.sizeHint().width())
        self.updateGeometry()

    def _text(self, lines: int) -> str:
        if not self._keys:
            return self._words
        return f"{self._words}{' ' if lines == 1 else chr(10)}({self._keys})"

    def _size(self, lines: int) -> QSize:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        text = self.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, self._text(lines))
        size = self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, text, self)
        return size

    def sizeHint(self) -> QSize:
        return self._size(1)

    def minimumSizeHint(self) -> QSize:
        # The width of its longer line; the height of one (Qt takes a widget's size
        # hint as at least its minimum: two lines high, one line showed in two lines'
        # room). Given less than one line's width, a FlowRow gives it heightForWidth.
        return QSize(self._size(2).width(), self._size(1).height())

    def heightForWidth(self, width: int) -> int:
        return self._size(1 if width >= self._size(1).width() else 2).height()

    def _show_text(self, width: int) -> None:
        text = self._text(1 if width >= self._size(1).width() else 2)
        if self.text() != text:
            self.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._show_text(event.size().width())
        super().resizeEvent(event)
