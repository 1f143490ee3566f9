"""The current sentence's history and sign-off, in the review panel: who did what, when
(local time), from what to what, newest first; and where the verdict stands with its
editor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.models import Review, SignOff
from factcheck_app.domain.printable import bidi_neutral, shown_name
from factcheck_app.domain.sign_off import SignOffState, sign_off_state
from factcheck_app.domain.times import in_local_zone, stored_time
from factcheck_app.gui.fixed_lines import FixedLinesText
from factcheck_app.gui.models import plain_tooltip, shown_edit
from factcheck_app.gui.views import FocusFrame, NoteWhenEmptyList, leave_room_for_focus_frames

if TYPE_CHECKING:  # the services load after the window paints (docs/performance.md)
    from factcheck_app.services.history import HistoryItem

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
NO_HISTORY = "Nothing recorded on this sentence yet."
# The panel lists this many of the newest entries (a sentence typed at for a whole day
# has thousands; `factcheck-app history` prints them all, and a last row says so).
HISTORY_SHOWN = 200
SIGN_OFF_LINES = 3  # "Returned by … on …: “note”" wraps; longer notes are in the tooltip


def local_time(when: dt.datetime | None, at: str = "") -> str:
    """ "3 Dec 2026 09:12" in this computer's time zone (the stored text if unreadable;
    as stored, its zone named ("… UTC"), for a moment this zone cannot show)."""
    if when is None:
        return at
    local = in_local_zone(when)
    if local is None:  # as stored, its zone named
        return f"{when.day} {when:%b %Y %H:%M} {when.tzname()}"
    return f"{local.day} {local:%b %Y %H:%M}"


def sign_off_text(review: Review, sign_off: SignOff | None, checker_name: str = "") -> str:
    """Where the verdict stands with its editor, in words ("" when there is nothing to sign
    off yet). `checker_name`: who gave the verdict, when known (else whoever saved the
    review last); a sign-off names its own."""
    state = sign_off_state(review, sign_off)
    if state is None:
        return ""
    name = checker_name or review.reviewer
    checker = f"checked by {shown_name(name)}" if name else "checked"
    if state is SignOffState.AWAITING or sign_off is None:
        return f"Awaiting sign-off ({checker})."
    on = local_time(stored_time(sign_off.at), sign_off.at)
    said = f"{state.label} by {shown_name(sign_off.editor)} on {on}"
    if sign_off.checker:
        checker = f"checked by {shown_name(sign_off.checker)}"
    note = f": “{sign_off.note}”" if sign_off.note else ""
    return f"{said} ({checker}){note}"


def older_note(article_id: int | None) -> str:
    """The last row of a history cut to its newest entries: its last entry is not the
    sentence's first, and where the rest are."""
    where = "factcheck-app history"
    if article_id is not None:
        where += f" --article {article_id}"
    return (
        f"Older entries are not listed here (only the newest {HISTORY_SHOWN}): {where} "
        "prints them all."
    )


class SentenceHistoryModel(QAbstractListModel):
    """A sentence's history entries, newest first: one item each, its changes below it,
    each cut to a line; WholeRole, the entry with its values whole (Enter shows it). When
    older entries were left out, a last row says so (`older_note`)."""

    WholeRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[HistoryItem] = []
        self._older = ""  # the last row's words, when older entries were left out

    def set_items(self, items: Sequence[HistoryItem], older: str = "") -> None:
        self.beginResetModel()
        self._items = list(items)
        self._older = older
        self.endResetModel()

    def item_at(self, row: int) -> HistoryItem:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items) + bool(self._older)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if index.row() == len(self._items):  # the note that older entries are left out
            return self._older if role in (DISPLAY, self.WholeRole, TOOLTIP) else None
        item = self._items[index.row()]
        if role in (DISPLAY, self.WholeRole):
            who = shown_name(item.who) or "unnamed"
            head = f"{local_time(item.when, item.entry.at)} · {who} · {shown_edit(item.what)}"
            if role == DISPLAY:
                said = [f"    {change}" for change in item.changes]
            else:  # a paragraph each: a note's own line breaks kept
                said = ["", *(f"{change}\n" for change in item.whole or item.changes)]
            # A claimant or a note as typed, in its stored order (see `bidi_neutral`).
            return bidi_neutral("\n".join([head, *said]).rstrip())
        if role == TOOLTIP:
            return plain_tooltip(self.data(index, DISPLAY))
        return None


class SentenceHistoryBox(QWidget):
    """Sign-off state and history of the current sentence."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("sentenceHistory")
        # A fixed number of lines whatever it says: a move to another sentence repaints
        # it, never re-lays out the panel (see fixed_lines.py).
        self.sign_off_label = FixedLinesText(lines=SIGN_OFF_LINES)
        self.sign_off_label.setObjectName("signOffLabel")
        self.title = QLabel("Histor&y")
        self.model = SentenceHistoryModel(self)
        # Says so once its history has been read and there is none: an empty box is
        # also what shows in the moment before it is read (see `clear_history`).
        self.view = NoteWhenEmptyList()
        self.view.setObjectName("historyView")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Each entry as wide as the box: a value with no space to break at (a claimant's
        # 50-character handle) laid every entry out that wide, and the box scrolled
        # sideways with the end of each line cut off; now that value alone ends in "…".
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setAlternatingRowColors(True)
        self.title.setBuddy(self.view)
        self.view.setToolTip("Enter shows the chosen entry whole")
        self.view.activated.connect(self._show_whole)
        self.view.installEventFilter(self)  # Ctrl+C: the entry whole
        FocusFrame(self.view)  # empty for a sentence nobody touched: nothing else shows it
        layout = QVBoxLayout(self)
        leave_room_for_focus_frames(layout, self)
        layout.addWidget(self.sign_off_label)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)

    def show_sign_off(
        self, review: Review | None, sign_off: SignOff | None, checker_name: str = ""
    ) -> None:
        text = sign_off_text(review, sign_off, checker_name) if review is not None else ""
        self.sign_off_label.setText(text)
        self.sign_off_label.setToolTip(plain_tooltip(text) if text else "")

    def show_history(self, items: Sequence[HistoryItem], older_from: int | None = None) -> None:
        """The current sentence's history, as read (none: said in the box); `older_from`,
        its article, when older entries were left out (a last row says so)."""
        older = older_note(older_from) if older_from is not None else ""
        if items or older or self.model.rowCount():
            self.model.set_items(items, older)
        self.view.set_empty_text(NO_HISTORY)

    def clear_history(self) -> None:
        """No history to show (yet): on a move it is read once the reviewer stops, and
        "nothing recorded" would flash under a sentence that has some."""
        self._set_items([])
        self.view.set_empty_text("")

    def _show_whole(self, index: QModelIndex) -> None:
        """The entry whole, to read by keyboard: the list cuts each value to a line (a
        2,000-character return note to 60 characters), and its tooltip is the mouse's."""
        text = self.model.data(index, SentenceHistoryModel.WholeRole)
        if not text:
            return
        from factcheck_app.gui.dialogs.form_parts import run_dialog
        from factcheck_app.gui.dialogs.history_entry import HistoryEntryDialog

        run_dialog(HistoryEntryDialog(str(text), self.window()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+C copies the chosen entry whole, as Enter shows it: Qt copied it as the
        list shows it, each value cut to a line (an explanation pasted ended "…")."""
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            text = self.model.data(self.view.currentIndex(), SentenceHistoryModel.WholeRole)
            if text:
                QApplication.clipboard().setText(str(text))
            return True
        return super().eventFilter(watched, event)

    def _set_items(self, items: Sequence[HistoryItem]) -> None:
        if items or self.model.rowCount():  # empty to empty (most moves): nothing to redo
            self.model.set_items(items)
