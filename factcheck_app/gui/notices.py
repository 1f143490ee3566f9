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
"""

from __future__ import annotations

import datetime as dt
import re
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
    Qt,
    QTimer,
)
from PySide6.QtGui import QStatusTipEvent
from PySide6.QtWidgets import QApplication, QStatusBar

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
    """`text` with a place to break after each / and \\ of a path: a path wider than the
    list was cut, as Qt breaks a line only between words."""
    return _PATH_SEPARATOR.sub("\\1\u200b", text)


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
        if len(self._said) > KEPT_LINES:
            self.beginRemoveRows(QModelIndex(), KEPT_LINES, len(self._said) - 1)
            del self._said[KEPT_LINES:]
            self.endRemoveRows()


def line_text(said: _Said) -> str:
    """ "14:02:31  Exported to …", "(3 times)" after a line said again right after itself."""
    again = f" ({said.times} times)" if said.times > 1 else ""
    return f"{said.at:%H:%M:%S}  {said.text}{again}"
