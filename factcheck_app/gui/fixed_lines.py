"""A block of plain text in a fixed number of lines, wrapped, the last one elided.

The review panel's heading shows the current sentence and changes on every key press. A
word-wrapped QLabel asks its window to lay out again whenever its text changes (its height
depends on its width), and the panel's layout and scroll area cost a key press 2-3 ms.
This widget's size never depends on its text, so a new text only repaints it.

One that ``grows`` (the assist's suggestion and its reasons) takes more lines when a text
needs them at its width, up to ``most``, and keeps them while its width and font stay: a
key press lays out only its own short text, and the panel moves only the few times a
longer text than any before comes (with a 16 pt font, the suggestion and "Worth checking"
lines ended in "…", the rest in a tooltip the keyboard never opens). Its ``longest`` texts
(the longest the desk gives it) raise ``most`` to the lines they need at its width: a
fixed count fell behind the texts (a French denial's language note needed ten lines of
nine at 16 pt and 1024×640, its last words cut).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from factcheck_app.domain.printable import bidi_neutral


class FixedLinesText(QWidget):
    """Plain text (never markup) wrapped into at most ``lines`` lines, each of its own lines
    starting a new one; the rest is cut with an ellipsis (the context menu's Copy takes it
    whole). The height is fixed by ``lines``; the width follows the layout. With ``grows``,
    up to ``most`` lines (default twice ``lines``) as its texts need them, or as many as
    the ``longest`` texts need at its width, if more (asked for only when a text goes
    past ``most``, and once a width and font).

    Its texts come from articles (the review panel's sentence, the claimant suggested):
    bidi embeddings, overrides and isolates are drawn as nothing, in the stored order, as
    the article view and the sentence list draw them (`bidi_neutral`)."""

    def __init__(
        self,
        text: str = "",
        *,
        lines: int,
        grows: bool = False,
        most: int | None = None,
        longest: Callable[[], Sequence[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._text = text
        self._shown = bidi_neutral(text)  # what is laid out and painted: the same length
        self._least = self._lines = lines
        self._most = max(lines, most if most is not None else 2 * lines) if grows else lines
        self._longest = longest if grows else None
        self._cap = self._most  # `_most`, or what the longest texts need at `_cap_width`
        self._cap_width = -1
        self._laid_out: tuple[str, int, list[tuple[int, int]]] | None = None
        self._sized_for_width = -1  # the width `_lines` was last fitted to (growing only)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._set_height()
        self.setAccessibleName(text)
        # Cut to its lines, the text is copied whole from the context menu.
        copy = QAction("Copy", self)
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(self._text))
        self.addAction(copy)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def text(self) -> str:
        return self._text

    def _set_height(self) -> None:
        self.setFixedHeight(self.fontMetrics().lineSpacing() * self._lines + 4)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a desktop's font changed meanwhile
            self._laid_out = None
            self._lines, self._sized_for_width = self._least, -1
            self._cap, self._cap_width = self._most, -1
            self._fit()
            self._set_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._shown = bidi_neutral(text)
            self.setAccessibleName(text)
            self._fit()
            self.update()

    def _fit(self) -> None:
        """Growing: take the lines the text needs at this width (none fewer than before at
        the same width, so the panel below does not jump back and forth)."""
        if self._most == self._least or not self.testAttribute(Qt.WidgetAttribute.WA_Resized):
            return  # not laid out yet: its width is not the one it will have
        width = self.contentsRect().width()
        kept = self._lines if width == self._sized_for_width else self._least
        if width != self._cap_width:  # worked out again here when a text needs it: a
            self._cap, self._cap_width = self._most, -1  # width left and come back to kept `_most`
        needed = len(self._line_spans(width))
        if needed > self._cap and self._longest is not None and width != self._cap_width:
            self._cap_width = width
            self._cap = max(
                self._most,
                *(len(self._wrap(bidi_neutral(t), width, None)) for t in self._longest()),
            )
            self._laid_out = None  # laid out to the lower cap
            needed = len(self._line_spans(width))
        lines = max(kept, min(self._cap, needed))
        self._sized_for_width = width
        if lines != self._lines:
            self._lines = lines
            self._set_height()

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self.height())

    def _line_spans(self, width: int) -> list[tuple[int, int]]:
        """(start, end) of each line of the whole text wrapped at `width`: at words, a new
        line of the text starting a new line. Kept for the next call at the same width."""
        laid_out = self._laid_out
        if laid_out is not None and laid_out[0] == self._shown and laid_out[1] == width:
            return laid_out[2]
        spans = self._wrap(self._shown, width, self._cap + 1)  # enough to know the rest is cut
        self._laid_out = (self._shown, width, spans)
        return spans

    def _wrap(self, shown: str, width: int, limit: int | None) -> list[tuple[int, int]]:
        """`shown` wrapped at `width` in this font: (start, end) of its first `limit` lines
        (all with None)."""
        # Qt's layout breaks at a line separator; the same length, so offsets stay the text's.
        layout = QTextLayout(shown.replace("\n", "\u2028"), self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        spans: list[tuple[int, int]] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            spans.append((line.textStart(), line.textStart() + line.textLength()))
            if limit is not None and len(spans) >= limit:
                break
        layout.endLayout()
        return spans

    def shown_lines(self) -> list[str]:
        """The lines as painted at the present width: wrapped at words, a new line of the
        text starting a new line, and the last line elided when the text goes on."""
        metrics = self.fontMetrics()
        width = self.contentsRect().width()
        shown: list[str] = []
        for number, (start, end) in enumerate(self._line_spans(width)[: self._lines]):
            if number == self._lines - 1 and end < len(self._shown):
                # The last line that fits: the rest of the text, elided to one line (" · "
                # where a new line of the text would have started).
                rest = " · ".join(part for part in self._shown[start:].split("\n") if part.strip())
                shown.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
                break
            shown.append(self._shown[start:end].rstrip())
        return shown

    def paintEvent(self, _event: QPaintEvent) -> None:
        metrics = self.fontMetrics()
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        for number, line in enumerate(self.shown_lines()):
            baseline = number * metrics.lineSpacing() + metrics.ascent()
            painter.drawText(QPointF(0, baseline), line)  # plain text, never markup
