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
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QTimer
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


class Notices(QObject):
    """The line of notices the window owes, over its status bar (`window.notices`)."""

    def __init__(self, bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bar = bar
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
        self._bar.showMessage(self._line[0].text)  # no timeout: the clock here says

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
