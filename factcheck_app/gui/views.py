"""Views set up the same way wherever they appear."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable, Collection
from typing import TypeVar

import shiboken6
from PySide6.QtCore import (
    SIGNAL,
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QKeyCombination,
    QMetaMethod,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QFocusFrame,
    QFrame,
    QHeaderView,
    QLabel,
    QLayout,
    QListView,
    QMainWindow,
    QMenu,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolBar,
    QWidget,
)

from factcheck_app.gui.colours import faint_on

_ACTION_CHANGED = SIGNAL("changed()")
_ACTION_META = QAction.staticMetaObject  # type: ignore[attr-defined]  # missing in the stubs
_CHANGED_METHOD = _ACTION_META.method(_ACTION_META.indexOfSignal("changed()"))


def trim_button_connections(toolbar: QToolBar) -> None:
    """Drop the connections Qt piled up between the toolbar's actions and their buttons.

    Qt 6.11's QToolButton connects its action's `changed` signal once more on every change
    of the action (each new text or enabled state of Undo, i.e. every edit), and never
    disconnects: a day of edits left thousands of connections, each change calling them
    all. The button connects again as the next change reaches it, before the signal is
    sent, so it still follows its action (one call per change, as intended)."""
    for action in toolbar.actions():
        button = toolbar.widgetForAction(action)
        if button is not None and action.receivers(_ACTION_CHANGED) > 1:
            # An invalid method: every connection of the signal to this button.
            QObject.disconnect(action, _CHANGED_METHOD, button, QMetaMethod())


def row_table(model: QAbstractItemModel, object_name: str) -> RowTable:
    """A read-only table of one-line rows, chosen a whole row at a time; Tab leaves it.

    Rows have a fixed height, which keeps a 10,000-row article as fast as a short one.
    """
    return made_row_table(RowTable(), model, object_name)


_Table = TypeVar("_Table", bound="RowTable")


def made_row_table(view: _Table, model: QAbstractItemModel, object_name: str) -> _Table:
    """`view` (a RowTable of another kind: NoteWhenEmptyTable) made as `row_table` makes one."""
    view.setObjectName(object_name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    # A whole row is always selected, so highlighting the column titles says nothing, and
    # repainting them cost each move in the list 1.5 million instructions.
    view.horizontalHeader().setHighlightSections(False)
    # A title wider than its (narrow-window) column ends in "…" like the cells under it;
    # by default it was cut on both sides ("ound i" for "Found in").
    view.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
    # The titles share the view's selection model, and a whole row spans every column,
    # so each move repainted them all (unchanged, as nothing is highlighted): 8 % of a
    # J press. Their own selection model, never used, spares them.
    view.horizontalHeader().setSelectionModel(QItemSelectionModel(model, view))
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.fit_rows_to_font()
    return view


class RowTable(QTableView):
    """A table of fixed-height rows whose height follows its font (a desktop's font made
    larger while the desk runs cut every row's words). `font_changed` tells the rest, and
    `rows_resized` that the rows' area (the viewport: the table less its frame, titles
    and scroll bars) has a new size.

    changeEvent and resizeEvent, not an event filter: a filter would run Python for every
    key press. Nor is the viewport asked for before the window's first paint: PySide6
    wraps the first widget Qt made itself by loading every widget class to find its
    type (58 million instructions, 8 ms, a tenth of the window's own start).
    """

    font_changed = Signal()
    rows_resized = Signal()
    _rows_width: int | None = None

    def rows_width(self) -> int:
        """The width of the rows' area (the viewport's, without asking for it)."""
        if self._rows_width is None:  # not laid out yet: no scroll bar shown
            return self.maximumViewportSize().width()
        return self._rows_width

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A scroll area's resizeEvent is its viewport's: a new size of the rows' area,
        # also when a scroll bar comes or goes.
        super().resizeEvent(event)
        self._rows_width = event.size().width()
        if event.size().height() < event.oldSize().height():
            # Made shorter (Ctrl+F's search pane under the sentences): the current row
            # stays in sight, not half under the edge the pane moved up over it.
            self.scrollTo(self.currentIndex())
        self.rows_resized.emit()

    def fit_rows_to_font(self) -> None:
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_rows_to_font()
            self.font_changed.emit()


# A current row grows to at most this many lines; a longer sentence shows in the text above.
MAX_CURRENT_LINES = 6
# ... once the keys have paused this long (a held key repeats every 30-40 ms).
GROW_AFTER_MS = 60


class _WrapCurrentRow(QStyledItemDelegate):
    """Draws the current row's text wrapped (the others stay one line, elided)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if index.row() == self._view.currentIndex().row():
            option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText


def grown_row_height(metrics: QFontMetrics, lines: int) -> int:
    """The height of a current row grown to `lines` lines (CurrentRowExpander)."""
    # The first line is one font height, each further one a line spacing; and margins.
    return metrics.height() + (lines - 1) * metrics.lineSpacing() + 8


class CurrentRowExpander(QObject):
    """Shows the whole text of the current row of a one-line-per-row table.

    Rows keep one fixed height, which keeps a 10,000-row table fast, but a narrow window
    cut every sentence short. The current row alone grows to fit its text, wrapped, in
    ``column``, and shrinks back when the reviewer moves on.
    """

    def __init__(self, view: QTableView, column: int) -> None:
        super().__init__(view)
        self._view = view
        self._column = column
        self._grown = -1  # the row made taller, by position
        view.setItemDelegateForColumn(column, _WrapCurrentRow(view))
        # Growing a row moves every row under it, so the whole list repaints: 2-5 ms, as
        # much as the rest of a key press. It waits until the keys pause, so a held J or K
        # runs at the speed of the selection alone.
        self._settle = QTimer(self, singleShot=True, interval=GROW_AFTER_MS)
        self._settle.timeout.connect(self.refresh)
        selection = view.selectionModel()
        selection.currentRowChanged.connect(lambda *_: self._settle.start())
        view.horizontalHeader().sectionResized.connect(self._on_resized)
        if isinstance(view, RowTable):
            # The list made shorter (Ctrl+F's pane, a large font on a small screen): the
            # grown row is fitted to it again, once the resizing pauses.
            view.rows_resized.connect(self._settle.start)
        model = view.model()
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
        ):
            signal.connect(self._forget)

    def _lines_in_sight(self, metrics: QFontMetrics) -> int:
        """The most lines a grown row can have and still fit the list whole. Taller, in a
        short list, it showed the top of its text: its number, tag, verdict and status,
        drawn at its middle, were under the list's edge, with no other row in sight."""
        room = self._view.viewport().height()
        return max(1, 1 + (room - grown_row_height(metrics, 1)) // metrics.lineSpacing())

    def _on_resized(self, section: int, _old: int, _new: int) -> None:
        if section == self._column:
            self.refresh()

    def _forget(self, *_args: object) -> None:
        # Rows moved or went: the grown position may hold another row now.
        header = self._view.verticalHeader()
        if 0 <= self._grown < self._view.model().rowCount():
            header.resizeSection(self._grown, header.defaultSectionSize())
        self._grown = -1
        self.refresh()

    def refresh(self) -> None:
        self._settle.stop()
        header = self._view.verticalHeader()
        default = header.defaultSectionSize()
        row = self._view.currentIndex().row()
        if self._grown != row and 0 <= self._grown < self._view.model().rowCount():
            header.resizeSection(self._grown, default)
        self._grown = -1
        if row < 0:
            return
        text = str(self._view.model().index(row, self._column).data() or "")
        # The cell's margins, and the focus frame of a current row: measured short by 12,
        # a four-line sentence got three lines and an ellipsis.
        width = self._view.columnWidth(self._column) - 24
        metrics = self._view.fontMetrics()
        needed = metrics.boundingRect(
            QRect(0, 0, max(width, 40), 1_000_000), Qt.TextFlag.TextWordWrap, text
        ).height()
        # The first line is one font height, each further one a line spacing.
        extra = max(0, round((needed - metrics.height()) / metrics.lineSpacing()))
        lines = min(MAX_CURRENT_LINES, 1 + extra, self._lines_in_sight(metrics))
        height = max(default, grown_row_height(metrics, lines))
        if height == default and header.sectionSize(row) != default:
            # Grown before, in a list that was taller or a column that was narrower.
            header.resizeSection(row, default)
        if height != default:
            header.resizeSection(row, height)
            self._grown = row
            # A row grown at the list's bottom edge went on below it, mostly out of sight:
            # the scroll range takes the new height first (Qt updates it later), then the
            # list scrolls just enough to show the row whole.
            self._view.updateGeometries()
            self._view.scrollTo(self._view.currentIndex())


class CopyRowText(QObject):
    """Ctrl+C in a table chosen a row at a time copies the row's ``column`` (its sentence).

    Qt copies the current cell, which in a row-chosen table is whichever column was
    clicked last, by default the first: Ctrl+C on the sentence list copied "4".
    """

    def __init__(self, view: QTableView, column: int) -> None:
        super().__init__(view)
        self._view = view
        self._column = column
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            current = self._view.currentIndex()
            if current.isValid():
                text = current.siblingAtColumn(self._column).data()
                QApplication.clipboard().setText(str(text or ""))
            return True
        return super().eventFilter(watched, event)


GIVING_WAY_MINIMUM = 24  # pixels: a letter and "…" (the tooltip has the rest)
TITLE_ROOM = 12  # pixels beside a column title: the header's margins, and a little air


class ColumnShare(QObject):
    """Keeps a table's text column at least ``share`` of its width.

    The other columns have widths that suit a wide window; in a narrow one they took the
    whole table and left the sentence a few letters. When the table is narrower than
    they need, they shrink in proportion (never below ``minimum``) and the text column,
    which stretches, keeps its share.
    """

    def __init__(
        self,
        view: RowTable,
        widths: dict[int, int] | Callable[[QFontMetrics], dict[int, int]],
        *,
        share: float = 0.45,
        minimum: int = 36,
        widest_first: bool = False,
        give_way_first: tuple[int, ...] = (),
    ) -> None:
        """`widths`: in pixels, or made from the view's font (measured again when the
        view's font changes: the application's font reaches a view once it is shown).
        `widest_first`: in a narrow table the widest columns give way first (down to the
        next one's width), not all of them in proportion. `give_way_first`: these columns
        (names, whose tooltips have them whole) give way before any other does."""
        super().__init__(view)
        self._widest_first = widest_first
        self._give_way_first = give_way_first
        self._view = view
        self._widths_for = widths if callable(widths) else (lambda _metrics: widths)
        self._widths = self._widths_for(view.fontMetrics())
        self._share = share
        self._minimum = minimum
        view.rows_resized.connect(self.apply)
        view.font_changed.connect(self.measure)
        self.apply()

    def measure(self) -> None:
        """Measure the widths again (another font, or what they are made for changed)."""
        self._widths = self._widths_for(self._view.fontMetrics())
        self.apply()

    def apply(self) -> None:
        available = self._view.rows_width() * (1 - self._share)
        widths = dict(self._widths)
        header = self._view.horizontalHeader()
        giving = [c for c in self._give_way_first if c in widths]
        cap = 0.0
        # A column that gives way shows its title whole, or is left out and its room goes
        # to the text: at 1024×640 the claimant and article were "C…" and "A…" wide and
        # cut the other titles too ("Foun…", "Sent…"). The last named is left out first;
        # the row's tooltip names every column.
        while giving:
            room = available - sum(w for c, w in widths.items() if c not in giving)
            cap = _level(sorted(widths[c] for c in giving), room)
            if all(min(widths[c], cap) >= self._title_width(c) for c in giving):
                break
            del widths[giving.pop()]
        for column in self._give_way_first:
            hidden = column not in widths
            if self._view.isColumnHidden(column) != hidden:
                self._view.setColumnHidden(column, hidden)
        wanted = sum(widths.values())
        factor = min(1.0, available / wanted) if wanted else 1.0
        if giving:  # they fit, given way to `cap`, and the others whole
            for column, width in widths.items():
                header.resizeSection(column, int(min(width, cap)) if column in giving else width)
            return
        if self._widest_first and factor < 1.0:
            cap = _level(sorted(widths.values()), available)
            for column, width in widths.items():
                header.resizeSection(column, max(self._minimum, int(min(width, cap))))
            return
        for column, width in widths.items():
            header.resizeSection(column, max(self._minimum, int(width * factor)))

    def _title_width(self, column: int) -> int:
        """The width that shows `column`'s title whole in the header, at least a letter
        and "…"."""
        header = self._view.horizontalHeader()
        title = str(self._view.model().headerData(column, Qt.Orientation.Horizontal) or "")
        # Not the style's header margin (4 px each side in Qt's styles): asking it made Qt
        # build QStyle's class before the window's first paint (test_start_and_quit).
        return max(GIVING_WAY_MINIMUM, header.fontMetrics().horizontalAdvance(title) + TITLE_ROOM)


def _level(widths: list[int], available: float) -> float:
    """The width `cap` at which sum(min(w, cap) for w in widths) == available (sorted)."""
    left = available
    for count, width in enumerate(widths):
        share = left / (len(widths) - count)
        if width >= share:
            return share
        left -= width
    return float(widths[-1]) if widths else 0.0


class VerticalScroller(QScrollArea):
    """Scrolls a panel up and down, never sideways: it is as wide as the panel's controls
    need, measured once the panel is shown and polished."""

    def __init__(self, panel: QWidget) -> None:
        super().__init__()
        self.setWidget(panel)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Not a Tab stop of its own: Tab from the sentence list stopped on it first, with
        # nothing to show the focus; its fields are the stops, and it scrolls to them.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._refit_after_layout = False
        panel.installEventFilter(self)
        self._fit()
        # Whichever way a field gets the focus (Shift+Tab from outside the panel, an
        # Alt+letter), it is scrolled into sight: Shift+Tab from the article list landed
        # on the history list below the panel's visible part.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focused)

    def _show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        panel = self.widget()
        if new is not None and panel is not None and panel.isAncestorOf(new):
            self.ensureWidgetVisible(new)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Not on every LayoutRequest: the panel asks for one on every sentence, and
        # measuring it each time cost a key press 1.5-2 ms. Its controls are all there
        # once it is shown (the earlier-verdict buttons are disabled, never hidden; the
        # Denies row does not widen it), so its minimum width is known by then.
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.ChildAdded, QEvent.Type.Polish):
            self._fit()
        elif kind == QEvent.Type.FontChange:
            # A desktop's font changed while the desk runs: the controls are measured
            # anew in the layout pass that follows, so the width is taken then.
            self._refit_after_layout = True
        elif kind == QEvent.Type.LayoutRequest and self._refit_after_layout:
            self._refit_after_layout = False
            self._fit(settle=4)
        return super().eventFilter(watched, event)

    def _fit(self, settle: int = 1) -> None:
        """As wide as the panel's controls need; `settle` measures up to that many times,
        for a panel laid out anew (its boxes measure themselves again once resized)."""
        panel = self.widget()
        if panel is None:
            return
        bar = self.verticalScrollBar().sizeHint().width()
        for _ in range(settle):
            width = panel.minimumSizeHint().width() + bar
            if width == self.minimumWidth():
                return
            self.setMinimumWidth(width)


_CHORD = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def typed_character(event: QEvent) -> bool:
    """A key that types a visible character (with or without Shift), not a shortcut."""
    return (
        isinstance(event, QKeyEvent)
        and bool(event.text().strip())
        and event.text().isprintable()
        and not event.modifiers() & _CHORD
    )


# Keys that change a text field's text besides a typed character (a read-only field takes
# none of them: `edits_text`). Copy, Select All, arrows, Tab and Page Up are not here.
_EDIT_KEYS = (
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.Backspace,
    QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfLine,
    QKeySequence.StandardKey.DeleteCompleteLine,
)


def edits_text(event: QEvent) -> bool:
    """A key that would change a text field's text: a typed character, Paste (Ctrl+V,
    Shift+Insert), Cut, Delete or Backspace (alone or with a word or a line)."""
    if not isinstance(event, QKeyEvent):
        return False
    if typed_character(event):
        return True
    if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
        return True
    return any(event.matches(key) for key in _EDIT_KEYS)


# Scripts whose layouts type no Latin letter (Unicode names' first word, as said).
_NON_LATIN_SCRIPTS = {
    "ARABIC": "Arabic",
    "ARMENIAN": "Armenian",
    "CYRILLIC": "Cyrillic",
    "GEORGIAN": "Georgian",
    "GREEK": "Greek",
    "HEBREW": "Hebrew",
}


def non_latin_script(text: str) -> str:
    """The script of `text`, one letter of an alphabet a layout types instead of Latin
    ("Cyrillic" for "с"); "" for anything else."""
    if len(text) != 1 or not text.isalpha():
        return ""
    return _NON_LATIN_SCRIPTS.get(unicodedata.name(text, "").split(" ")[0], "")


def key_pressed(event: QKeyEvent) -> QKeySequence:
    """The key sequence `event` pressed, as an action's shortcuts list it (a keypad digit
    is the digit, and so is a digit-row key that types something else without Shift:
    `digit_row_digit`)."""
    digit = digit_row_digit(event)
    if digit:
        return QKeySequence(digit)
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeySequence(QKeyCombination(modifiers, Qt.Key(event.key())))


def platform_keycodes_are_xkb() -> bool:
    """Whether a key event's native scan code is its XKB keycode (X11, Wayland): the
    key's place on the keyboard, whatever the layout (the digit row's 1 is 10)."""
    platform = QGuiApplication.platformName()
    return platform == "xcb" or platform.startswith("wayland")


# The XKB keycodes of the letter and digit keys, row by row (evdev's, which X11 and Wayland
# send), and the Latin letter or digit a QWERTY layout has on each: Cyrillic, Greek and
# Hebrew layouts are laid out over it (Й, ; and / on its Q). The digit row's is the one
# source of `digit_row_digit` too (10 is its 1, then 2 … 9, 0).
_XKB_LATIN = {
    code: character
    for first, row in ((10, "1234567890"), (24, "QWERTYUIOP"), (38, "ASDFGHJKL"), (52, "ZXCVBNM"))
    for code, character in enumerate(row, first)
}
# Shift, AltGr, Ctrl, Alt or Meta: the key is not pressed on its own.
_NOT_ON_THEIR_OWN = (
    _CHORD | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.GroupSwitchModifier
)


def digit_row_digit(event: QKeyEvent) -> str:
    """The digit printed on the digit-row key `event` pressed on its own, when the layout
    types another character there ("" otherwise).

    A French or Belgian (AZERTY) keyboard types & é " ' ( - on the keys 1-6 and the
    digits with Shift, which Qt takes for the digit keys; pressed on their own, the
    reviewer was told "“é” is not a review key … 1–6 give a verdict" for the key
    labelled 2. Only on X11 and Wayland, where the scan code is the key's place.
    """
    digit = _XKB_LATIN.get(event.nativeScanCode(), "")
    if not digit.isdigit() or event.modifiers() & _NOT_ON_THEIR_OWN:
        return ""
    text = event.text()
    if not text or text.isdigit() or not platform_keycodes_are_xkb():
        return ""
    return digit


# Qt's keys that are characters (its own keys, from 0x01000000 on, are Escape, F1,
# arrows…): past Latin-1, a letter of another alphabet, a Latin one ("ł", "ě", "ş" of a
# Polish, Czech or Turkish layout) or a sign ("€", "„" with AltGr).
_UNICODE_KEYS = range(0x100, 0x110000)


def _other_alphabet(key: int) -> bool:
    """Whether Qt's `key` is a letter of an alphabet other than Latin (Cyrillic, Greek,
    Hebrew, Arabic, Thai…): a Latin layout's own letter or sign is no other key."""
    if key not in _UNICODE_KEYS:
        return False
    character = chr(key)
    return character.isalpha() and not unicodedata.name(character, "").startswith("LATIN")


def latin_key(event: QKeyEvent) -> QKeyCombination | None:
    """The Latin key Qt's shortcuts take `event` for when its layout types another alphabet
    there (C for "с" on a Ukrainian or Russian layout), with its modifiers; None for a key
    that types Latin-1 (a letter, or Greek's ";" on Q, which the shortcuts take as it
    is) or a Latin letter past it ("ł", "ě"), with Ctrl, or where the key's place is
    unknown.

    On X11 and Wayland Qt's shortcuts find the letter in a Latin layout set up beside the
    other (xkb's possibleKeys): the registry's actions take "с" for C, while a key the
    desk compares itself (`OffActionKeys`) saw "С". With Ctrl, Qt gives the Latin key
    itself (Ctrl+Q, not Ctrl+Й), and a key of another alphabet then means there is no
    Latin layout to find it in: Qt's shortcuts do not take it either. Read here by the
    key's place (its XKB keycode, as `digit_row_digit`), on a QWERTY keyboard: with a
    Latin layout laid out otherwise (a German or French one beside a Russian one), Qt's
    Y or Z, A or Q may be the other of the two."""
    if (
        # Not a Latin layout's own letter or sign ("ł", AltGr and L on a Polish one):
        # Qt's shortcuts look for another layout's key only at the same level, and AltGr
        # may come as Alt too, where Alt+L typed nothing in the Polish explanation.
        not _other_alphabet(event.key())
        or event.modifiers() & Qt.KeyboardModifier.ControlModifier
        or not platform_keycodes_are_xkb()
    ):
        return None
    latin = _XKB_LATIN.get(event.nativeScanCode())
    if latin is None:
        return None
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeyCombination(modifiers, Qt.Key(ord(latin)))


# Signs a Greek or Hebrew layout types where QWERTY has a letter: (XKB keycode, Qt's key),
# the letter read from `_XKB_LATIN`, the one table of key places. Latin-1, so Qt's xkb
# code reads Ctrl and the key labelled Q as Ctrl+; (Greek) or Ctrl+/ (Hebrew), a Latin
# layout set up beside them or not: it looks a key up in another layout only when it
# types no Latin-1. Only these: a Latin layout's own sign
# on a letter's place (Dvorak's ' on Q, AZERTY's , on M) is a key of its own. The event
# cannot tell a Latin layout with the same sign on that key from Greek or Hebrew: xkb's
# Programmer Dvorak and left-handed Dvorak have ";" there, classic Dvorak, the UK's
# Dvorak with punctuation and Brazil's Dvorak and Nativo "/": Ctrl and it quits there
# too (docs/accessibility.md).
_SIGNS_ON_LETTERS = frozenset(
    {
        (24, Qt.Key.Key_Semicolon),  # Greek, on Q
        (24, Qt.Key.Key_Slash),  # Hebrew, on Q
        (25, Qt.Key.Key_Apostrophe),  # Hebrew, on W
    }
)


def ctrl_letter_by_place(event: QKeyEvent) -> QKeySequence | None:
    """Ctrl+Q for Ctrl and the key labelled Q on a Greek or Hebrew layout (Ctrl+; or
    Ctrl+/, which Qt's shortcuts never take for Ctrl+Q: `_SIGNS_ON_LETTERS`), with its
    modifiers; None for any other key, or where the key's place is unknown. Quit did
    nothing there, and said nothing."""
    if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return None
    place = event.nativeScanCode()
    if (place, Qt.Key(event.key())) not in _SIGNS_ON_LETTERS or not platform_keycodes_are_xkb():
        return None
    letter = _XKB_LATIN[place]
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeySequence(QKeyCombination(modifiers, Qt.Key(ord(letter))))


class OffActionKeys(QObject):
    """Says (`say`, in the status bar) why the key of an action that is off did nothing:
    `message`.

    Watched on the window, a key's ShortcutOverride (once per press, before any shortcut)
    tells when it is the key of one of `actions` while that is off; the key itself still
    does nothing. A text field that takes the key as its own (Ctrl+Z in the claimant
    field) keeps it, and nothing is said. Watched only while `watch` turns it on: a filter
    runs Python for every key pressed.
    """

    def __init__(
        self,
        window: QWidget,
        actions: list[QAction],
        say: Callable[[str], None],
        message: str,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._actions = actions
        self._say = say
        self._on = False
        self.message = message

    def watched(self) -> tuple[QWidget, ...]:
        """The widgets watched while on."""
        return (self._window,)

    def watch(self, on: bool) -> None:
        # Asked after every edit (the undo list changes at each tag key): filters are
        # moved only when the answer changes.
        if on == self._on:
            return
        self._on = on
        for watched in self.watched():
            watched.removeEventFilter(self)
            if on:
                watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._window
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and not event.isAutoRepeat()
            and self._refused(event)
        ):
            self._say(self.message)
        return super().eventFilter(watched, event)

    def _refused(self, event: QKeyEvent) -> bool:
        """Whether the key is that of an action that is off, where its key would work."""
        pressed = [key_pressed(event)]
        latin = latin_key(event)
        if latin is not None:
            # Qt's shortcuts take it for the Latin key, the action's (off): no key follows.
            pressed.append(QKeySequence(latin))
        focus = QApplication.focusWidget()
        for action in self._actions:
            if action.isEnabled() or not any(key in action.shortcuts() for key in pressed):
                continue
            if action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut:
                return True
            if focus is not None and focus in action.associatedObjects():
                return True
        return False


class NotAKey(QObject):
    """A character typed into `widget` that is no key there does nothing; ``say`` is
    told of it (once for a key held down). The key of one of the widget's own actions
    that is off (a verdict in a read-only window) does nothing and says nothing here:
    OffActionKeys (ReadOnlyKeys) has said why.

    A list's own type-ahead took such a character: in the sentence list 7, beside the
    verdict 6, went to sentence 7 (then 17, 70…) without a word, and the next verdict
    was given there; in a conflict's versions B chose Bob's, for Enter to keep.
    """

    def __init__(
        self,
        widget: QWidget,
        say: Callable[[QKeyEvent], object],
        keys: Collection[Qt.Key] = (),
    ) -> None:
        """`keys`: keys that type no character, told of too when pressed on their own
        (Delete in the sentence list did nothing, silently)."""
        super().__init__(widget)
        self._widget = widget
        self._say = say
        self._keys = frozenset(keys)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and (ctrl_letter_by_place(event) is not None or alt_letter_by_place(event) is not None)
        ):
            # Greek's Ctrl+; (Ctrl+Q by its place) and a Russian-only Alt+ь (Alt+M) go on to
            # the window, which quits or does its Alt+M: a box's type-ahead took the ";" or
            # the "ь", and nothing happened.
            event.ignore()
            return True
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and (typed_character(event) or self._one_of_keys(event))
        ):
            action = self._action_of(event)
            if action is None:
                if not event.isAutoRepeat():
                    self._say(event)
            elif action.isEnabled() and (action.autoRepeat() or not event.isAutoRepeat()):
                # Its key, which Qt's shortcuts did not take (an AZERTY digit row's é
                # for 2: `key_pressed`): the action, as for the key itself.
                action.trigger()
            return True
        return super().eventFilter(watched, event)

    def _one_of_keys(self, event: QKeyEvent) -> bool:
        # On its own: the keypad's Delete (Num Lock off) too, not Shift+Delete or Ctrl+….
        alone = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return event.key() in self._keys and alone == Qt.KeyboardModifier.NoModifier

    def _action_of(self, event: QKeyEvent) -> QAction | None:
        """The widget's action whose key `event` is, on or off."""
        pressed = key_pressed(event)
        return next((a for a in self._widget.actions() if pressed in a.shortcuts()), None)


# Keys this close together (seconds) are typed, not pressed one by one: a reviewer who
# tags and gives verdicts reads between keys; a name typed runs at several keys a second.
BURST_GAP_S = 1.0
# Characters typed in a run that are no review key (or spaces) before the run is taken
# for typing: one key beside the right one, right after a tag, is a slip, not typing.
BURST_TYPED = 2
# ...and each of them this many keys at most after the one before: a practised checker's
# slips (7 for 6 now, 8 for 2 a dozen keys on) in a long quick run are no name typed,
# whose letters that are no key come every few keys ("jack and dan": its spaces).
BURST_SPAN = 4
# Keys pressed on their own on the way to another (Shift before a capital, AltGr before
# "@"): they type nothing and command nothing.
_MODIFIER_KEYS = frozenset(
    (
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_Mode_switch,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Multi_key,  # Compose, then the keys of one character
    )
)
# Dead keys (¨ then u is ü: "Müller"), Qt's Key_Dead_Grave to its last: accents on the way
# to a letter, as Shift is.
_DEAD_KEYS = range(Qt.Key.Key_Dead_Grave.value, Qt.Key.Key_Dead_Longsolidusoverlay.value + 1)
# The clock runs of keys are timed by: read at each key, never waited on (tests move one
# by hand).
burst_clock: Callable[[], float] = time.monotonic


class TypingBurst(QObject):
    """Keys pressed into one of `widgets` in a quick run (each within `BURST_GAP_S` of the one
    before): the sentences review keys in it changed, and whether it was typing.

    A reviewer who believed a field had focus typed "Turkish Foreign Ministry" into the
    sentence list: its letters that are review keys tagged sentences, gave a verdict and
    moved on between them, and only the last letter's "“y” is not a review key" was said.
    Watched only for the time between keys: no key waits, none is asked about. `depth` is
    the undo list's length, to say how many Ctrl+Z take the run back.
    """

    def __init__(self, widgets: Collection[QWidget], depth: Callable[[], int]) -> None:
        super().__init__()
        self._depth = depth
        self.widget: QObject | None = None  # where the run is typed
        self._last = float("-inf")
        self._start_depth = 0
        self.typed = 0  # characters in the run that are no review key, and spaces
        self._keys = 0  # keys pressed in the run
        self._typed_at = 0  # which of them was the last counted in `typed`
        self._blank_counted = False  # an Enter, Backspace or Delete counted in the run
        # (article id, sentence id) changed in the run, in order: N goes on to the next
        # article, so a run may change sentences of two.
        self.changed_sentences: dict[tuple[int, int], None] = {}
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # ShortcutOverride comes once per press before any shortcut: the review keys too.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and not event.isAutoRepeat()
        ):
            self._pressed(watched, event)
        return super().eventFilter(watched, event)

    def _pressed(self, watched: QObject, event: QKeyEvent) -> None:
        if event.key() in _MODIFIER_KEYS or event.key() in _DEAD_KEYS:
            return  # Shift before a capital, ¨ before ü: part of the typing, not a command
        now = burst_clock()
        if event.modifiers() & _CHORD or not event.text():
            # Ctrl+Z, an arrow: a command, not typing; the run ends there.
            self._last = float("-inf")
            return
        if now - self._last > BURST_GAP_S or watched is not self.widget:
            self.widget = watched
            self._start_depth = self._depth()
            self.typed = 0
            self._keys = 0
            self._blank_counted = False
            self.changed_sentences = {}
        self._last = now
        self._keys += 1
        if event.text().isspace() and event.text().isprintable():
            # A space between words. Not Enter's "\r", nor Tab's: `not_a_key` counts Enter
            # (once; it was counted twice, and C then Enter at once was taken for typing).
            self._count_typed()

    def _count_typed(self) -> None:
        if self.typed < BURST_TYPED and self._keys - self._typed_at > BURST_SPAN:
            self.typed = 0  # the one before was a slip, keys back: not typing
        self.typed += 1
        self._typed_at = self._keys

    def running(self) -> bool:
        return burst_clock() - self._last <= BURST_GAP_S

    def not_a_key(self, *, character: bool = True) -> None:
        """A character of the run was no review key; `character` False: a key that types
        none (Enter, Backspace, Delete), counted once in a run. A newcomer's C, Enter, J,
        D, Enter … (Enter to confirm each tag) was a name typed, and told to Ctrl+Z the
        tags meant; a name needs a letter or a space that is no key too."""
        if not self.running():
            return
        if not character:
            if self._blank_counted:
                return
            self._blank_counted = True
        self._count_typed()

    def changed(self, article_id: int, sentence_ids: Collection[int]) -> None:
        """A key of the run changed these sentences of the article."""
        if self.running():
            self.changed_sentences.update(dict.fromkeys((article_id, i) for i in sentence_ids))

    def steps(self) -> int:
        """The undo steps the run added."""
        return max(0, self._depth() - self._start_depth)

    def is_typing(self) -> bool:
        """Whether the run is typing that changed sentences (to be said)."""
        return self.running() and self.typed >= BURST_TYPED and bool(self.changed_sentences)


class PasteNotHere(QObject):
    """The paste key (Ctrl+V, Shift+Insert) in one of `widgets`, where nothing can be
    pasted, calls ``say`` with the key's name.

    A journalist who copied a story from a browser pressed Ctrl+V in the sentence list,
    where the keys start: nothing happened and nothing was said, as if the desk took no
    pasted text (Paste as New Article does)."""

    def __init__(self, widgets: Collection[QWidget], say: Callable[[str], object]) -> None:
        super().__init__()
        self._say = say
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            if not event.isAutoRepeat():
                combination = QKeySequence(event.keyCombination())
                self._say(combination.toString(QKeySequence.SequenceFormat.NativeText))
            return True
        return super().eventFilter(watched, event)


class NoTypedChoice(NotAKey):
    """Letters typed into a closed combo box (or a list) change nothing; arrows still do.

    A reviewer who believes the sentence list has focus types C or F to tag; in the Show
    box those letters picked "Claims" or "Facts" and the sentences vanished, and in the
    article list A opened the article whose title starts with it. ``say`` is told what
    to do instead.
    """

    def __init__(self, box: QWidget, say: Callable[[str], object], hint: str) -> None:
        super().__init__(box, lambda _event: say(hint))


class EnterGoesOn(QObject):
    """Enter in a closed combo box calls ``go`` (on to the list it chooses for), as Enter
    does in the article list. In the Show box it did nothing, and the next ↓, meant for
    the sentences, changed the box again."""

    def __init__(self, box: QComboBox, go: Callable[[], object]) -> None:
        super().__init__(box)
        self._go = go
        box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & _CHORD
        ):
            self._go()
            return True
        return super().eventFilter(watched, event)


class FindFieldKeys(QObject):
    """Esc, ↓ and Enter in the article list's finder (its field, its state box): Esc
    calls ``escape`` (clear and go back to the list) before the window's Esc (back to the
    sentences) can take it; ↓ and Enter call ``down`` and ``enter`` when given."""

    def __init__(
        self,
        widget: QWidget,
        escape: Callable[[], object],
        *,
        down: Callable[[], object] | None = None,
        enter: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(widget)
        self._calls: dict[int, Callable[[], object]] = {Qt.Key.Key_Escape: escape}
        if down is not None:
            self._calls[Qt.Key.Key_Down] = down
        if enter is not None:
            self._calls[Qt.Key.Key_Return] = self._calls[Qt.Key.Key_Enter] = enter
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
            and event.key() in self._calls
            and not event.modifiers() & (_CHORD | Qt.KeyboardModifier.ShiftModifier)
        ):
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # the window's Esc (a shortcut) leaves it to this widget
            else:
                self._calls[event.key()]()
            return True
        return super().eventFilter(watched, event)


class KeyPressWatch(QObject):
    """Whether a key pressed in ``view`` is being answered now (`pressing`): what its own
    keys moved, not what the program or a click did. The article list's ↑/↓ keep the keys
    in the list, while opening a workspace (which makes its first article current, the list
    perhaps focused) must leave them in the sentences: asked "does the list have the
    focus?", the window's first start left them in the article list."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.pressing = False
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and not self.pressing:
            self.pressing = True
            QTimer.singleShot(0, self._answered)  # after the view has answered the key
        return super().eventFilter(watched, event)

    def _answered(self) -> None:
        self.pressing = False


class DigitChoices(NoTypedChoice):
    """A closed combo box whose items begin with their keys' digits ("3  Mixed"): a digit
    typed chooses that item, as a click does (a French keyboard's digit-row key without
    Shift too), and any other character changes nothing and ``say`` is told `hint`.

    In the Verdict box F (for "False") found no item by its first letter and did nothing,
    without a word; the digits were Qt's type-ahead, so 5 then 2 at once looked for "52".
    """

    def __init__(self, box: QComboBox, say: Callable[[str], object], hint: str) -> None:
        super().__init__(box, say, hint)
        self._box = box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and typed_character(event)
        ):
            index = self._item_of(digit_row_digit(event) or event.text())
            if index >= 0:
                if index != self._box.currentIndex():
                    self._box.setCurrentIndex(index)
                    self._box.activated.emit(index)
                return True
        return super().eventFilter(watched, event)

    def _item_of(self, digit: str) -> int:
        if not digit.isdigit():
            return -1
        prefix = f"{digit} "
        return next(
            (i for i in range(self._box.count()) if self._box.itemText(i).startswith(prefix)), -1
        )


_LETTER_OR_DIGIT = frozenset(
    [
        *range(Qt.Key.Key_0.value, Qt.Key.Key_9.value + 1),
        *range(Qt.Key.Key_A.value, Qt.Key.Key_Z.value + 1),
    ]
)


def _takes_mnemonic(widget: QWidget, window: QWidget) -> bool:
    # As Qt's shortcuts: a widget hidden or off (the conflict's Keep button with no
    # conflict shown) has no letter.
    return widget.isVisible() and widget.isEnabled() and widget.window() is window


def press_mnemonic(window: QWidget, pressed: QKeySequence) -> bool:
    """Do what `pressed` (Alt+M) does as the underlined letter of one of `window`'s menus,
    labels or buttons, as Qt's mnemonics do (True), or nothing (False).

    With only a Russian (Greek, Hebrew) layout set up, Qt's shortcuts find no Latin key
    for Alt and the key labelled M ("ь", "μ", "צ"): Clai&mant's letter said "Alt+M is
    not a key here" in the explanation, and nothing in the sentence list. The key is
    read by its place (`latin_key`) and given to the letter's owner here. Not while a
    popup is open (a box's list, a menu): its keys are its own, and Qt's letters of the
    window under it do nothing then either."""
    if QApplication.activePopupWidget() is not None:
        return False
    if isinstance(window, QMainWindow):
        bar = window.menuBar()
        for action in bar.actions():
            if action.isVisible() and action.isEnabled() and _mnemonic(action.text()) == pressed:
                bar.setActiveAction(action)  # opens its menu
                menu = action.menu()
                if isinstance(menu, QMenu):
                    # Its first entry chosen, as Qt's mnemonic does: Enter went nowhere.
                    first = next(
                        (
                            entry
                            for entry in menu.actions()
                            if entry.isVisible() and entry.isEnabled() and not entry.isSeparator()
                        ),
                        None,
                    )
                    if first is not None:
                        menu.setActiveAction(first)
                return True
    for label in window.findChildren(QLabel):
        buddy = label.buddy()
        if (
            buddy is None
            or _mnemonic(label.text()) != pressed
            or not _takes_mnemonic(label, window)
            or not _takes_mnemonic(buddy, window)
        ):
            continue
        buddy.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(buddy, QAbstractButton):
            buddy.animateClick()
        return True
    for button in window.findChildren(QAbstractButton):
        if _mnemonic(button.text()) != pressed or not _takes_mnemonic(button, window):
            continue
        if button.focusPolicy() != Qt.FocusPolicy.NoFocus:
            button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        button.animateClick()
        return True
    return False


def _mnemonic(text: str) -> QKeySequence:
    return QKeySequence.mnemonic(text)


def alt_letter_by_place(event: QKeyEvent) -> QKeySequence | None:
    """Alt and a letter of another alphabet read by its place (Alt+M for "ь"), when that is
    Alt and a Latin letter alone; None otherwise."""
    latin = latin_key(event)
    if latin is None or latin.keyboardModifiers() != Qt.KeyboardModifier.AltModifier:
        return None
    return QKeySequence(latin)


def alt_letter(event: QKeyEvent) -> str:
    """The key's name ("Alt+Q") when `event` is Alt (with Shift or not) and a letter or
    digit whose key types that very letter or digit; "" for anything else. X11 sends the
    key's letter with Alt; Windows sends none, and macOS's Option types another character
    ("ß" for Option+S), which is the reviewer's to type. A letter of another alphabet
    (Alt+Й on a Ukrainian layout) is the Latin key in its place, as Qt's shortcuts read
    it (`latin_key`): it typed "й" into the explanation."""
    held = event.modifiers() & (_CHORD | Qt.KeyboardModifier.ShiftModifier)
    alt = Qt.KeyboardModifier.AltModifier
    text = event.text()
    latin = latin_key(event)
    pressed = latin if latin is not None else event.keyCombination()
    if (
        held not in (alt, alt | Qt.KeyboardModifier.ShiftModifier)
        or pressed.key() not in _LETTER_OR_DIGIT
        or len(text) != 1
        or text.upper() != chr(event.key())
    ):
        return ""
    return QKeySequence(pressed).toString(QKeySequence.SequenceFormat.NativeText)


class AltLettersNotTyped(QObject):
    """Alt with a letter or digit that is no key types nothing into the watched fields.

    Qt's text fields type a key's text whatever the Alt key, and on X11 that is the
    letter: a reviewer reaching for a menu or a button by its underlined letter (Alt+Q,
    Alt+L for "Link source…", Alt+Z to undo) put a stray "q", "l" or "z" into the
    explanation she was writing, saved with it. A key that is a mnemonic or a shortcut
    (Alt+F, Alt+M) is taken before the field sees it, as ever. `say`, when given, is
    told the key's name ("Alt+Q"), once for a key held down.
    """

    def __init__(self, parent: QObject, say: Callable[[str], object] | None = None) -> None:
        super().__init__(parent)
        self._say = say

    def watch(self, *fields: QWidget) -> None:
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            name = alt_letter(event)
            if name:
                # Read by its place where Qt's shortcuts found no Latin key: a letter
                # of the window's works as Qt's would.
                by_place = alt_letter_by_place(event)
                window = watched.window() if isinstance(watched, QWidget) else None
                if (
                    by_place is not None
                    and window is not None
                    and not event.isAutoRepeat()
                    and press_mnemonic(window, by_place)
                ):
                    return True
                if self._say is not None and not event.isAutoRepeat():
                    self._say(name)
                return True
        return super().eventFilter(watched, event)


def _paint_empty_note(view: QAbstractItemView, text: str, margin: int) -> None:
    """`text` in faint words inside an empty view's box (nothing when it has rows)."""
    model = view.model()
    if not text or (model is not None and model.rowCount(view.rootIndex())):
        return
    painter = QPainter(view.viewport())
    painter.setPen(QColor(faint_on(view)))  # readable, as the panel's other notes
    painter.drawText(
        view.viewport().rect().adjusted(margin, margin, -margin, -margin),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
        text,
    )
    painter.end()


class NoteWhenEmptyList(QListView):
    """A list that says, in faint words inside its box, what fills it when it is empty
    (a blank white box told a newcomer nothing)."""

    def __init__(self, empty_text: str = "") -> None:
        super().__init__()
        self.empty_text = empty_text

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        _paint_empty_note(self, self.empty_text, 2 * self.spacing() + 4)


class NoteWhenEmptyTable(RowTable):
    """A RowTable that says in its box, while it is empty, why (the search results while
    the search index is rebuilt). Not the sentence list's kind: its paint stays Qt's."""

    empty_text = ""

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        _paint_empty_note(self, self.empty_text, 6)


class ElidedNote(QLabel):
    """A one-line note that ends in "…" where its pane is too narrow, whole in its
    tooltip and to a screen reader: cut bare at the pane's edge, "In article order" read
    "In article c" at 16 pt and 1024×640."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setToolTip(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def paintEvent(self, event: QPaintEvent) -> None:
        room = self.contentsRect()
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(self.text()) <= room.width():
            super().paintEvent(event)
            return
        shown = metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, room.width())
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(room, int(self.alignment()), shown)


class CountNote(ElidedNote):
    """A count that says itself in full where there is room ("12 of 340 articles"), else
    shorter ("12 of 340"), and only then ends in "…"; whole in its tooltip and to a
    screen reader."""

    def __init__(self) -> None:
        super().__init__("")
        self._short = self._widest = ""

    def set_count(self, text: str, short: str, widest: str) -> None:
        """Say `text`, or `short` where it does not fit; room is kept for `widest`, the
        widest short form the counts can take now, so that the pane keeps its width as
        they change (its list laid out again at each new width, on each key typed)."""
        self._short, self._widest = short, widest
        self.setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self._widest), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        room = self.contentsRect()
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(self.text()) <= room.width() or not self._short:
            super().paintEvent(event)
            return
        shown = self._short
        if metrics.horizontalAdvance(shown) > room.width():  # (elidedText cut one that fit)
            shown = metrics.elidedText(shown, Qt.TextElideMode.ElideRight, room.width())
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(room, int(self.alignment()), shown)


class FocusFrame(QObject):
    """A frame round `view` while it has the keyboard focus.

    A list shows its focus on its current item; an empty one (no sources yet, no
    history, no search results) showed nothing at all, so Tab seemed to go nowhere; nor
    did a read-only text (the export's preview), which shows no caret. The style's own
    focus frame (in the text colour, outside the view's border) shows it whatever the
    view holds. An event filter: these views are not where keys are held down (the
    sentence list, which is, shows its current row)."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        super().__init__(view)
        self._view = view
        self._frame = QFocusFrame(view)
        self._frame.hide()
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not shiboken6.isValid(self._frame):
            # Set on the view, the frame lives in the view's parent, which may delete it
            # first as a dialog goes: the view's last focus-out then reached a dead frame.
            return False
        if kind == QEvent.Type.FocusIn:
            self._frame.setWidget(self._view)
        elif kind in (QEvent.Type.FocusOut, QEvent.Type.Hide):
            # Let go of the view (Qt takes nullptr; the stubs do not say so): a frame
            # still set on it would show again with it, focused or not.
            self._frame.setWidget(None)  # type: ignore[arg-type]
            self._frame.hide()
        return False


def leave_room_for_focus_frames(layout: QLayout, widget: QWidget) -> None:
    """Margins round `layout` (of `widget`, a box with no margins of its own) as wide as
    a FocusFrame: drawn outside its list, it was cut off at the box's edges."""
    # Imported here: PySide6 makes QStyle's many enums when the class is first imported
    # (about 5 ms), and the window's first paint needs none of them.
    from PySide6.QtWidgets import QStyle

    style = widget.style()
    across = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget)
    down = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin, None, widget)
    layout.setContentsMargins(across, 0, across, down)


# Sizes of wrapped rows kept: for a few widths (with and without the scroll bar), and at
# most so many texts each (a year's titles, each with its progress as it changes).
WIDTHS_KEPT = 3
SIZES_KEPT = 50_000


class WrappedRows(QStyledItemDelegate):
    """Wrapped rows of a list, each measured at the width its text is drawn at.

    Qt measures a wrapped item's text at the item's width less its margins, and draws it
    with the margins taken off once more: at some widths of the article list an item's
    last line was cut to "…" above a blank gap ("0/3 reviewed · 1 …"). Every row is
    measured here at the list's width less its spacing and both margins: a line that
    only just fits is wrapped rather than cut. (A Python call per row: laying out a
    year's 5,000 articles took about a fifth longer: 0.31 s against 0.25 s, at load 5.)

    Each text's size is kept for the width and font it was measured at (the last few:
    the list's scroll bar comes and goes as it fills): the list lays out again every
    row it shows whenever its rows change, and finding an article (Ctrl+Shift+F) changes
    them on each key typed; measured anew, a year's titles took 0.2-1 s a key."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._less: int | None = None  # measured at the first row: QStyle waits till then
        self._sizes: dict[int, dict[str, QSize]] = {}  # width -> {text: size}, newest last
        self._last_width = 0
        view.setItemDelegate(self)
        view.installEventFilter(self)  # another font or style: measured anew

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._sizes.clear()
            self._less = None
        return False

    def _width_less(self) -> int:
        """What the list's width loses to its spacing and both text margins."""
        if self._less is None:
            from PySide6.QtWidgets import QStyle  # see _focus_frame_margins: start-up

            margin = self._view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
            self._less = 2 * self._view.spacing() + 2 * margin
        return self._less

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = max(1, self._view.viewport().width() - self._width_less())
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str):
            return self._measured(option, index, width)
        sizes = self._sizes.get(width)
        if sizes is None or len(sizes) > SIZES_KEPT:
            sizes = {}
        if width != self._last_width or not sizes:  # the width used last, kept last
            self._sizes.pop(width, None)
            self._sizes[width] = sizes
            self._last_width = width
            while len(self._sizes) > WIDTHS_KEPT:
                del self._sizes[next(iter(self._sizes))]
        size = sizes.get(text)
        if size is None:
            size = sizes[text] = self._measured(option, index, width)
        return size  # (Qt takes a copy)

    def _measured(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, width: int
    ) -> QSize:
        at_width = QStyleOptionViewItem(option)
        at_width.rect = QRect(0, 0, width, max(1, option.rect.height()))
        return super().sizeHint(at_width, index)
