"""Lines the window owes the reviewer unasked, shown one after another in the status bar.

Most status-bar lines answer the key just pressed and may replace each other: the
reviewer caused each. Some are owed, not asked for (verdicts returned or awaiting
sign-off at an open, what the check of a copy found, a background backup or index
rebuild that ended): each of those was written over by the next line, or by a line a
command said after the open, or ran out its time behind a box the reviewer was reading.

`Notices` keeps them in a line. The first shows when the status bar is free; it stays
for its time, counted only while it is in sight and no box is over the window; the next
waits for it. A line shown over it (the answer to a key) hides it and stops its clock;
once that line goes, it is back for the rest of its time. Cleared itself (a clear meant
for it), it is done. No widget per notice: the status bar's own line, one clock.

`StatusLog` keeps what the status bar said this session, for Help → Recent Messages.

`CutLineBar` is the window's status bar: a line longer than its room ends in "…" and
names the key that shows it whole, instead of being clipped at the edge with no sign.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPaintEvent, QStatusTipEvent
from PySide6.QtWidgets import QApplication, QSizeGrip, QStatusBar, QWidget

from factcheck_app.domain.printable import message_text, with_undecodable_replaced

# The clock's step: how late a notice may go, and the tick while any is owed (none idle).
TICK_MS = 250


def _clock(parent: QObject) -> QTimer:
    return QTimer(parent, interval=TICK_MS)


# How the clock is made: tests put one in whose ticks they give by hand.
make_clock: Callable[[QObject], QTimer] = _clock


@dataclass
class _Notice:
    text: str
    left_ms: int  # of its time still to show
    key: str  # "" or what a later notice of the same thing replaces it by
    said: bool = False  # shown once already (back after a line over it is not said anew)


# A cut line names the key that shows it whole only if the key takes at most this share
# of the line's room: in a narrower room the line's own words matter more.
CUE_SHARE = 3
# After the "…": "(Ctrl+Shift+J)" alone, after "Merge with Next not done: …", read as
# Merge's own key; "more:" says there is more of the line, and the key where it is.
CUE = " (more: {key})"
# Qt draws a status line on one line, each tab, carriage return and line break a space;
# measured as they are, a tab took a tab stop's width and the others none.
_ONE_LINE = str.maketrans(dict.fromkeys("\t\r\n", " "))


def _right_to_left(text: str) -> bool:
    """Whether the text's first strong character is right-to-left (as QString's)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


class CutLineBar(QStatusBar):
    """A status bar whose line, when longer than its room, ends in "…" and the key of
    ``whole`` (Help → Recent Messages), "… (more: Ctrl+Shift+J)"; just "…" where the key would
    take more than a third of the room. Qt's own bar clipped it at the edge, so that a
    reviewer at 16 pt read half a refusal as if it were all. Only the drawing is cut:
    `currentMessage()` stays whole (the screen reader's announcement, the tooltip and
    Recent Messages read it). A line that fits is Qt's own drawing, untouched."""

    def __init__(self, whole: QAction | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._whole = whole
        self._permanent: list[QWidget] = []
        self._drawn = ""

    def showMessage(self, text: str, /, timeout: int | None = 0) -> None:
        """Qt's, the line without control characters (`message_text`): a file's name
        starting with U+202E in an error's words showed the rest of the line reversed."""
        super().showMessage(message_text(text), timeout or 0)

    def addPermanentWidget(self, widget: QWidget, stretch: int | None = 0) -> None:
        super().addPermanentWidget(widget, stretch)
        self._permanent.append(widget)

    def insertPermanentWidget(self, index: int, widget: QWidget, stretch: int | None = 0) -> int:
        at = super().insertPermanentWidget(index, widget, stretch)
        self._permanent.append(widget)  # the nearest is found by place, not by order
        return at

    def removeWidget(self, widget: QWidget) -> None:
        super().removeWidget(widget)
        if widget in self._permanent:
            self._permanent.remove(widget)

    def drawn_line(self) -> str:
        """The line as the last paint drew it: the whole message, or its cut with the
        cue, in that order whatever the direction ("Merge with Next not done: text…
        (more: Ctrl+Shift+J)"); "" with none."""
        return self._drawn

    def message_rect(self) -> QRect:
        """Where Qt's QStatusBar draws its line (its private messageRect): from 6 px in
        to the size grip, or to 2 px before the permanent widget nearest the line."""
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        left, right = 6, self.width() - 12
        grip = self.findChild(QSizeGrip)
        if grip is not None and grip.isVisible():
            if rtl:
                left = grip.x() + grip.width()
            else:
                right = grip.x()
        shown = [widget for widget in self._permanent if widget.isVisible()]
        if shown:
            if rtl:
                left = max(left, max(widget.x() + widget.width() for widget in shown) + 2)
            else:
                right = min(right, min(widget.x() for widget in shown) - 2)
        return QRect(left, 0, right - left, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        message = self.currentMessage()
        if not message:
            self._drawn = ""
            super().paintEvent(event)
            return
        rect = self.message_rect()
        line = message.translate(_ONE_LINE)  # measured as drawn
        # A note beside the line that grows or shrinks repaints the whole bar (Qt's
        # LayoutRequest), so a line cut by its room is never left drawn in pieces.
        if self.fontMetrics().horizontalAdvance(line) <= rect.width():
            self._drawn = message
            super().paintEvent(event)
            return
        # Imported here: QStyle's class and its enums, made at start, cost its first paint.
        from PySide6.QtWidgets import QStyle, QStyleOption

        painter = QPainter(self)
        style = self.style()
        option = QStyleOption()
        option.initFrom(self)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        for widget in self._permanent:  # as Qt's paintEvent: their frames, under a line
            frame = widget.geometry().adjusted(-2, -1, 2, 1)
            if widget.isVisible() and event.rect().intersects(frame):
                item = QStyleOption()
                item.rect = frame
                item.palette = self.palette()
                item.state = QStyle.StateFlag.State_None
                style.drawPrimitive(
                    QStyle.PrimitiveElement.PE_FrameStatusBarItem, item, painter, widget
                )
        painter.setPen(self.palette().windowText().color())
        self._draw_cut(painter, line, rect)
        painter.end()

    def _draw_cut(self, painter: QPainter, line: str, rect: QRect) -> None:
        """The line cut at its end with "…", then the cue, as one run from the bar's
        leading edge. The cue follows the line's own direction (after an English line,
        at its right, in a right-to-left window too); each is drawn apart in its own
        direction, so that bidi does not move the cue's brackets into the line."""
        metrics = self.fontMetrics()
        key = self._whole.shortcut() if self._whole is not None else QKeySequence()
        native = key.toString(QKeySequence.SequenceFormat.NativeText)
        cue = CUE.format(key=native) if native else ""
        cue_width = metrics.horizontalAdvance(cue) if cue else 0
        if cue_width * CUE_SHARE > rect.width():
            cue, cue_width = "", 0
        cut = metrics.elidedText(line, Qt.TextElideMode.ElideRight, rect.width() - cue_width)
        if cut == line:  # never a cue after a line drawn whole
            cue, cue_width = "", 0
        cut_width = min(metrics.horizontalAdvance(cut), rect.width() - cue_width)
        rtl_line = _right_to_left(line)
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            start = rect.right() + 1 - cut_width - cue_width
        else:
            start = rect.left()
        cut_at, cue_at = (start + cue_width, start) if rtl_line else (start, start + cut_width)
        flags = (
            Qt.AlignmentFlag.AlignAbsolute
            | Qt.AlignmentFlag.AlignLeft
            | Qt.AlignmentFlag.AlignVCenter
            | Qt.TextFlag.TextSingleLine
        )
        ltr, rtl = Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft
        painter.setLayoutDirection(rtl if rtl_line else ltr)
        painter.drawText(QRect(cut_at, rect.top(), cut_width, rect.height()), flags, cut)
        if cue:
            painter.setLayoutDirection(ltr)  # a key sequence reads left to right
            painter.drawText(QRect(cue_at, rect.top(), cue_width, rect.height()), flags, cue)
        self._drawn = cut + cue


class Notices(QObject):
    """The line of notices the window owes, over its status bar (`window.notices`)."""

    def __init__(
        self, bar: QStatusBar, parent: QObject | None = None, *, log: StatusLog | None = None
    ) -> None:
        super().__init__(parent)
        self._bar = bar
        self._log = log
        self._line: list[_Notice] = []
        self._shown = bar.currentMessage()  # the status bar's line, as last seen
        self.clock = make_clock(self)
        self.clock.timeout.connect(self.tick)
        bar.messageChanged.connect(self._changed)
        # The pointer leaving a menu item or button with a tip sends an empty one, which
        # the window shows as a cleared line: never taken for a clear of the notice.
        bar.window().installEventFilter(self)

    def tell(self, text: str, ms: int, *, key: str = "") -> None:
        """Owe the reviewer `text`, shown `ms` in sight. With `key`, it takes the place
        of the notice of that key still owed (the check of a copy: "Checking…" by what it
        found), shown now if that one is showing."""
        # As the bar shows it (`CutLineBar.showMessage`): kept raw, a notice naming a file
        # with a control character was never taken for the line in sight, its time never
        # ran, and every line cleared after it brought it back.
        text = message_text(text)
        if not text:
            return
        for notice in self._line:
            if (key and notice.key == key) or notice.text == text:
                # In sight: the new words now (not over a line shown over the old ones).
                in_sight = notice is self._line[0] and self._bar.currentMessage() == notice.text
                notice.said = notice.said and notice.text == text  # new words: said anew
                notice.text, notice.left_ms, notice.key = text, ms, key
                if in_sight:
                    self._show_head()
                return
        self._line.append(_Notice(text, ms, key))
        if len(self._line) == 1 and not self._bar.currentMessage():
            self._show_head()
        self.clock.start()

    def owes(self, key: str) -> bool:
        """Whether the notice of `key` is still owed (showing, under a line, or waiting)."""
        return any(notice.key == key for notice in self._line)

    def reword(self, key: str, text: str) -> None:
        """The notice of `key`, still owed, says `text` now, for the rest of its time (what
        it counted changed meanwhile); "" withdraws it. Nothing when it is not owed: said
        and gone, it is not brought back."""
        text = message_text(text)
        for notice in self._line:
            if notice.key != key:
                continue
            if not text:
                self._drop(notice)
            elif notice.text != text:
                in_sight = notice is self._line[0] and self._bar.currentMessage() == notice.text
                notice.text, notice.said = text, False  # new words: said anew (Recent Messages)
                if in_sight:
                    self._show_head()
            return

    def withdraw(self, key: str) -> None:
        """The notice of `key` is owed no more (what it said is over, or told in a box)."""
        for notice in self._line:
            if notice.key == key:
                self._drop(notice)
                return

    def forget(self) -> None:
        """Another workspace shows: what was owed of the last one is not of this one."""
        while self._line:
            self._drop(self._line[-1])

    def owed(self) -> list[str]:
        """The notices still owed, the one showing (or hidden under a line) first."""
        return [notice.text for notice in self._line]

    def tick(self) -> None:
        """The clock's step: the notice in sight loses it, unless a box is up."""
        if not self._line:
            self.clock.stop()
            return
        head = self._line[0]
        if self._bar.currentMessage() != head.text or QApplication.activeModalWidget():
            return  # under another line, or behind a box: not read meanwhile
        head.left_ms -= self.clock.interval()
        if head.left_ms <= 0:
            self._drop(head)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.StatusTip
            and isinstance(event, QStatusTipEvent)
            and not event.tip()
            and self._line
            and self._bar.currentMessage() == self._line[0].text
        ):
            return True  # no tip shown over the notice: nothing to take away
        return super().eventFilter(watched, event)

    def _drop(self, notice: _Notice) -> None:
        showing = self._line and notice is self._line[0]
        self._line.remove(notice)
        if showing and self._bar.currentMessage() == notice.text:
            self._bar.clearMessage()  # the next, if any, shows (`_changed`)
        if not self._line:
            self.clock.stop()

    def _show_head(self) -> None:
        head = self._line[0]
        if head.said and self._log is not None:
            with self._log.shown_again():
                self._bar.showMessage(head.text)  # no timeout: the clock here says
        else:
            self._bar.showMessage(head.text)
        head.said = True

    def _changed(self, text: str) -> None:
        before, self._shown = self._shown, text
        if text or not self._line:
            return
        head = self._line[0]
        if before == head.text:
            # Cleared while it showed, by someone meaning it (as a move away clears a
            # line about the sentence left): said. Its own end cleared it after `_drop`.
            self._line.pop(0)
            if not self._line:
                self.clock.stop()
                return
        self._show_head()  # the bar is free: the notice owed (again) shows


# How many lines Help → Recent Messages keeps: the oldest go, so that a day of keys
# answered keeps the log's memory flat.
KEPT_LINES = 200
# The clean text of a line (DisplayRole can break a long path: `_breakable`).
TEXT_ROLE = Qt.ItemDataRole.UserRole + 1
DISPLAY = Qt.ItemDataRole.DisplayRole
_PATH_SEPARATOR = re.compile(r"([/\\])(?=\S)")


def _now() -> dt.datetime:
    return dt.datetime.now()


# When a line was said: tests put in a clock of their own.
now: Callable[[], dt.datetime] = _now


class _Said:
    """A line said (a plain class: made as a dataclass, before the window's first
    paint, it cost that paint about 2 M instructions more: bench/bench_instructions.py)."""

    __slots__ = ("at", "kind", "text", "times")

    def __init__(self, at: dt.datetime, text: str, kind: str = "") -> None:
        self.at = at  # this computer's time, when last said
        self.text = text
        self.times = 1  # said again right after itself
        self.kind = kind  # a readout that takes the place of the one before it


def _breakable(text: str) -> str:
    """`text` with a place to break after each / and \\ of a path, and in any other run of
    letters too long for a line (`box_wrapping.with_break_chances`, as a message box
    does): Qt breaks a line only between words, and a path wider than the list was cut,
    as was, at 16 pt, a refused file named with "_" for its spaces ("…_Yerevan_offi…")."""
    from factcheck_app.gui.box_wrapping import with_break_chances  # on use, not at start

    return with_break_chances(_PATH_SEPARATOR.sub("\\1\u200b", text))


class StatusLog(QAbstractListModel):
    """What the status bar said this session, newest first (`window.message_log`), for
    Help → Recent Messages. A line longer than the bar (with a 16 pt font, or a long
    title in it) was cut there, whole only in its tooltip and to a screen reader, and one
    that went while the reviewer typed could not be read again.

    Said: every line shown in the status bar (the answer to a key, a notice). Not said:
    the status tip of the menu item or button under the pointer (it describes that item,
    and a walk through a menu would fill the list); a notice shown back after a line over
    it (said once); a line shown again right after itself is counted ("2 times"), and a
    readout that follows the keys (the search result's place) takes the place of the one
    before it. The oldest go after `KEPT_LINES`."""

    def __init__(self, bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._said: list[_Said] = []  # newest first
        self._tip: str | None = None  # the status tip being shown, when one is
        self._quiet = False
        self._kind = ""
        bar.messageChanged.connect(self._changed)
        bar.window().installEventFilter(self)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._said)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.parent().isValid() or index.row() >= len(self._said):
            return None
        said = self._said[index.row()]
        if role == DISPLAY:
            return _breakable(line_text(said))
        if role in (TEXT_ROLE, Qt.ItemDataRole.AccessibleTextRole):
            return line_text(said)
        return None

    def lines(self) -> list[str]:
        """The lines kept, newest first, as listed (with their times)."""
        return [line_text(said) for said in self._said]

    def keep(self, lines: list[str]) -> None:
        """Keep `lines` (in their order, under whatever is said next) without showing
        them: the refused files of a batch import, each with why, which a box named and
        nothing kept once it was closed (by an Enter or Space meant for the text).

        Each is kept as one line of visible text: a file named with a line break was two
        lines in the list and in a copy, one with a right-to-left override showed the
        words after it reversed, and a byte that is not UTF-8 was dropped unseen."""
        if not lines:
            return
        at = now()
        self.beginInsertRows(QModelIndex(), 0, len(lines) - 1)
        self._said[0:0] = [_Said(at, _one_line(text)) for text in lines]
        self.endInsertRows()
        self._trim()

    @contextmanager
    def shown_again(self) -> Iterator[None]:
        """Lines shown meanwhile were said before (a notice back after a line over it)."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    @contextmanager
    def readout(self, kind: str) -> Iterator[None]:
        """A line shown meanwhile is a readout of `kind` (the search result's place, on
        each ↑/↓): it takes the place of the newest line if that is one too."""
        self._kind = kind
        try:
            yield
        finally:
            self._kind = ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StatusTip and isinstance(event, QStatusTipEvent):
            self._tip = event.tip()  # the window shows it next (QMainWindow.event)
        return False

    def _changed(self, text: str) -> None:
        tip, self._tip = self._tip, None
        if not text or text == tip or self._quiet:
            return
        newest = self._said[0] if self._said else None
        readout = bool(self._kind) and newest is not None and newest.kind == self._kind
        if newest is not None and (readout or newest.text == text):
            newest.times = 1 if readout else newest.times + 1
            newest.text, newest.at = text, now()
            self.dataChanged.emit(self.index(0), self.index(0))
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._said.insert(0, _Said(now(), text, kind=self._kind))
        self.endInsertRows()
        self._trim()

    def _trim(self) -> None:
        if len(self._said) > KEPT_LINES:
            self.beginRemoveRows(QModelIndex(), KEPT_LINES, len(self._said) - 1)
            del self._said[KEPT_LINES:]
            self.endRemoveRows()


def _one_line(text: str) -> str:
    """`text` as one line of visible text: each line break a space, undecodable bytes as
    "�", every other control character as `?` (`message_text`, which keeps the
    isolates `set_apart` puts around a right-to-left title)."""
    return message_text(" ".join(with_undecodable_replaced(text).splitlines()))


def line_text(said: _Said) -> str:
    """ "14:02:31  Exported to …", "(3 times)" after a line said again right after itself."""
    again = f" ({said.times} times)" if said.times > 1 else ""
    return f"{said.at:%H:%M:%S}  {said.text}{again}"
