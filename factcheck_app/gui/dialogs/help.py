"""Help: the keyboard shortcut sheet (generated from the action registry) and About."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QStandardItem,
    QStandardItemModel,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from factcheck_app import __version__, config
from factcheck_app.domain.printable import shown_file_name
from factcheck_app.gui.actions import (
    MENUS,
    SPECS,
    TASKS,
    WHILE_RUNNING,
    WIDGET_KEYS,
    ActionId,
    Scope,
    Submenu,
    key_text,
)
from factcheck_app.gui.colours import readable_hints
from factcheck_app.gui.dialogs.form_parts import (
    CtrlEnterDialog,
    plain_label,
    resize_within_screen,
)
from factcheck_app.gui.views import AltLettersNotTyped

MENUS_AND_FIELDS = "Menus and fields (Alt+letter)"
MENU_COMMANDS = "Menu items without a key"
_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


class ShortcutRow(NamedTuple):
    task: str
    action: str
    keys: str
    where: str


# Qt names two keys otherwise than keyboards, the README and the dialogs do: the sheet
# shows Qt's names (as the menus do) and finds either.
KEYBOARD_NAMES = ((re.compile(r"\bReturn\b"), "Enter"), (re.compile(r"\bDel\b"), "Delete"))
FIND_ROLE = Qt.ItemDataRole.UserRole + 1  # what the find box matches in a cell


def keyboard_names(keys: str) -> str:
    """`keys` ("Ctrl+Return") and, where a keyboard calls them otherwise, that too."""
    said = keys
    for qt_name, label in KEYBOARD_NAMES:
        said = qt_name.sub(label, said)
    return keys if said == keys else f"{keys} {said}"


WHERE = {
    Scope.WINDOW: "Anywhere",
    Scope.REVIEW: "Sentence list / article",
    Scope.SOURCES: "Sources list",
}


def shortcut_rows() -> list[ShortcutRow]:
    """Every action that has keys, grouped by task in the registry's task order, each
    task's keys that widgets answer themselves (`WIDGET_KEYS`) after its actions."""
    rows = []
    for task, action_ids in TASKS:
        for action_id in action_ids:
            spec = SPECS[action_id]
            keys = key_text(spec)
            if keys:
                where = WHERE[spec.scope]
                rows.append(ShortcutRow(task, plain_label(spec.text), keys, where))
        rows += [
            ShortcutRow(task, own.text, key_text(own), own.where)
            for own in WIDGET_KEYS
            if own.task == task
        ]
    return rows


def _letter(text: str) -> str:
    """The letter an item is chosen by in its open menu ("" when it has none)."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).upper() if found else ""


def menu_rows() -> list[ShortcutRow]:
    """The menu items with no key of their own, each with the letters that reach it
    ("Alt+F, G": the File menu, then Merge Workspace): F1 found nothing for "merge
    workspace", "restore" or "backup", and a newcomer concluded there was none."""
    rows: list[ShortcutRow] = []

    def walk(entries: tuple[ActionId | Submenu | None, ...], keys: str, where: str) -> None:
        for entry in entries:
            if isinstance(entry, Submenu):
                if _letter(entry.title):  # the keys name the submenu's letter too
                    walk(entry.entries, f"{keys}, {_letter(entry.title)}", where)
            elif entry is not None and entry not in WHILE_RUNNING:  # only there while on
                spec = SPECS[entry]
                if _letter(spec.text) and not key_text(spec):
                    action = plain_label(spec.text)
                    rows.append(
                        ShortcutRow(MENU_COMMANDS, action, f"{keys}, {_letter(spec.text)}", where)
                    )

    for title, entries in MENUS:
        walk(entries, f"Alt+{_letter(title)}", f"{plain_label(title)} menu")
    return rows


def alt_key_rows(window: QWidget) -> list[ShortcutRow]:
    """The Alt+letter keys of a window: its menus and its labelled fields and buttons."""
    rows: list[ShortcutRow] = []
    seen: set[str] = set()

    def add(text: str, what: str, where: str) -> None:
        found = _MNEMONIC.search(text)
        if found is None:
            return
        keys = f"Alt+{found.group(1).upper()}"
        if keys not in seen:
            seen.add(keys)
            rows.append(ShortcutRow(MENUS_AND_FIELDS, what, keys, where))

    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            add(action.text(), f"Open the {plain_label(action.text())} menu", "Anywhere")
    # Only what is on screen now answers its letter (a closed pane's fields do not).
    for label in window.findChildren(QLabel):
        if label.buddy() is not None and label.isVisibleTo(window):
            add(label.text(), f"Go to {plain_label(label.text())}", "Anywhere")
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window):
            add(button.text(), f"Press {plain_label(button.text())}", "Anywhere")
    return rows


# The find box's keys that go into the list of keys found.
_INTO_THE_LIST = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down, Qt.Key.Key_PageDown)


class WrapToColumn(QStyledItemDelegate):
    """Rows as tall as their text wrapped at its column's width: QTreeView asks a row's
    height with no width, and a wrapped action kept one line, cut."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view
        self.wrapping = True

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if not self.wrapping:
            return super().sizeHint(option, index)
        view = self._view
        width = view.columnWidth(index.column())
        if index.column() == 0:  # less its indentation, as the view draws it
            depth, parent = int(view.rootIsDecorated()), index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= depth * view.indentation()
        sized = QStyleOptionViewItem(option)
        sized.rect = QRect(0, 0, max(width, 1), 2**16)
        return super().sizeHint(sized, index)


class ShortcutsDialog(CtrlEnterDialog):
    """F1: every key the window answers, grouped by task, with a filter box."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setObjectName("shortcutsDialog")
        rows = shortcut_rows()
        if isinstance(parent, QMainWindow):
            rows += menu_rows()  # the window's menus, as they are
        if isinstance(parent, QWidget):
            rows += alt_key_rows(parent)
        self.rows = rows
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Action", "Keys", "Works in"])
        groups: dict[str, QStandardItem] = {}
        for row in rows:
            group = groups.get(row.task)
            if group is None:
                group = groups[row.task] = QStandardItem(row.task)
                font = group.font()
                font.setBold(True)
                group.setFont(font)
                self.model.appendRow([group, QStandardItem(), QStandardItem()])
            keys = QStandardItem(row.keys)
            keys.setData(keyboard_names(row.keys), FIND_ROLE)
            group.appendRow([QStandardItem(row.action), keys, QStandardItem(row.where)])
        for item in self._all_items():
            item.setEditable(False)
            if item.data(FIND_ROLE) is None:
                item.setData(item.text(), FIND_ROLE)
        self.filter = QSortFilterProxyModel(self)
        self.filter.setSourceModel(self.model)
        self.filter.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.setFilterKeyColumn(-1)  # an action, a key or a place
        self.filter.setFilterRole(FIND_ROLE)  # "Ctrl+Enter" finds Ctrl+Return
        self.filter.setRecursiveFilteringEnabled(True)  # a match keeps its task heading
        self.filter.setAutoAcceptChildRows(True)  # a matching task shows all its keys

        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("findShortcut")
        self.find_edit.setPlaceholderText("Find a key or an action (e.g. “verdict”, “Ctrl+L”)")
        readable_hints(self.find_edit)
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(self._find)
        AltLettersNotTyped(self).watch(self.find_edit)  # a stray Alt+letter typed its letter
        self.view = QTreeView()
        self.view.setObjectName("shortcutTree")
        self.view.setAccessibleName("Keyboard shortcuts")  # a screen reader heard "tree"
        self.view.setModel(self.filter)
        # An action too long for its column wraps (rows of their own heights: a hundred
        # or so, measured once), rather than cut the keys or where they work.
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self._wrap = WrapToColumn(self.view)
        self.view.setItemDelegate(self._wrap)
        self.view.setAlternatingRowColors(True)
        self.view.expandAll()
        self.view.resizeColumnToContents(0)
        self.view.resizeColumnToContents(1)
        self.view.viewport().installEventFilter(self)  # `_fit_columns` at its width
        find_label = QLabel("&Find")
        find_label.setBuddy(self.find_edit)
        note = QLabel(
            "Single-letter keys and digits work while the sentence list or the article "
            "text has focus, never while you type in a field. Esc returns to the list."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(find_label)
        layout.addWidget(self.find_edit)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.find_edit.setFocus()
        # As wide as its three columns in the font in use (at 16 pt, 720 px cut "Works in"
        # to "Sente…"), within the screen: at 1024×640, Close was below the screen.
        margins = layout.contentsMargins()
        chrome = (
            margins.left()
            + margins.right()
            + 2 * self.view.frameWidth()
            + self.view.verticalScrollBar().sizeHint().width()
            + 8
        )
        self._wrap.wrapping = False  # each text on one line
        needed = sum(self.view.sizeHintForColumn(column) for column in range(3)) + chrome
        self._wrap.wrapping = True
        resize_within_screen(self, max(720, needed), 720)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Keys and "Works in" as wide as their longest, Action the rest where its longest
        does not fit (its long ones wrap): with 20 px letters on 1024×640, Action took its
        whole width and "Works in" was left 100 px, "Sente…" for every key."""
        view = self.view
        self._wrap.wrapping = False  # each text's own width, on one line
        keys, where = view.sizeHintForColumn(1), view.sizeHintForColumn(2)
        action = view.sizeHintForColumn(0)
        self._wrap.wrapping = True
        room = view.viewport().width()
        if action + keys + where > room:
            action = max(room - keys - where, room // 3)
        if (view.columnWidth(0), view.columnWidth(1)) != (action, keys):
            view.setColumnWidth(0, action)
            view.setColumnWidth(1, keys)
            view.doItemsLayout()  # the rows' heights again, at the action's new width

    def _all_items(self) -> list[QStandardItem]:
        items = []
        for top in range(self.model.rowCount()):
            for column in range(self.model.columnCount()):
                items.append(self.model.item(top, column))
            group = self.model.item(top, 0)
            for child in range(group.rowCount()):
                items += [group.child(child, column) for column in range(3)]
        return items

    def _find(self, text: str) -> None:
        self.filter.setFilterFixedString(text.strip())
        self.view.expandAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or ↓ in the find box goes to the first key found, Page Down a page on
        from it: Enter pressed Close, and the sheet went, with what had been found; ↓ and
        Page Down did nothing, the keys below the sheet's edge out of reach (↓ goes into
        the list from the article finder and the search field). With nothing found the
        keys stay in the box."""
        key = event.key()
        plain = not event.modifiers() & Qt.KeyboardModifier.ControlModifier  # Ctrl+Enter closes
        if key in _INTO_THE_LIST and plain and self.find_edit.hasFocus():
            first = next(
                (
                    self.filter.index(0, 0, group)
                    for group in (
                        self.filter.index(top, 0) for top in range(self.filter.rowCount())
                    )
                    if self.filter.rowCount(group)
                ),
                None,
            )
            if first is not None:
                self.view.setCurrentIndex(first)
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                if key == Qt.Key.Key_PageDown:
                    QApplication.sendEvent(
                        self.view, QKeyEvent(event.type(), key, Qt.KeyboardModifier.NoModifier)
                    )
            return
        super().keyPressEvent(event)

    def visible_actions(self) -> list[str]:
        """The actions the sheet shows now (under the filter), in order."""
        shown = []
        for top in range(self.filter.rowCount()):
            group = self.filter.index(top, 0)
            shown += [
                str(self.filter.index(child, 0, group).data())
                for child in range(self.filter.rowCount(group))
            ]
        return shown


# The check-worthiness model ships trained on a CC BY 4.0 dataset, and with word weights
# derived from an Apache 2.0 model; both licences ask for this.
MODEL_CREDIT = (
    "Check-worthiness suggestions use a model trained on the ClaimBuster dataset "
    "(Arslan, Hassan, Li and Tremayne, “A Benchmark Dataset of Check-worthy Factual "
    "Claims”, ICWSM 2020), licensed under Creative Commons Attribution 4.0 "
    "(doi 10.5281/zenodo.3609356), and on news sentences written for the desk. Some of "
    "its word weights are derived from the all-MiniLM-L6-v2 sentence-transformers "
    "model, licensed under the Apache License 2.0."
)


def about_text(workspace: Path | None) -> str:
    """About's words, plain: the version, where the open `workspace` is and where the
    default one lives (only the latter was said: a workspace opened from elsewhere was
    looked for there), and the model's credits."""
    shown = shown_file_name(str(workspace)) if workspace else ""  # as its title
    here = f"This workspace: {shown}\n\n" if shown else ""
    return (
        f"{config.APP_NAME} {__version__}\n\n"
        "An offline fact-checking desk for newsrooms: review an article sentence by "
        "sentence, record verdicts and sources, export the report.\n\n"
        f"{here}The default workspace lives in {shown_file_name(config.user_data_dir())}"
        f"\n\n{MODEL_CREDIT}"
    )


class AboutDialog(CtrlEnterDialog):
    """Help → About, in a box of words that scrolls within the screen, chosen and copied
    from the keyboard (Ctrl+A, Ctrl+C) and closed by Enter or Esc.

    Qt's about box grew with the folders it names: at 16 pt, a workspace and a data
    folder a newsroom's home folders deep made it 716 px tall on a 640 px screen, its OK
    and the credits below the edge; and its words, which IT asks for, could be chosen
    with the mouse only."""

    def __init__(self, workspace: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {config.APP_NAME}")
        self.setObjectName("aboutDialog")
        self.text_view = QTextEdit()
        self.text_view.setObjectName("aboutText")
        self.text_view.setAccessibleName(f"About {config.APP_NAME}")
        self.text_view.setReadOnly(True)
        self.text_view.setPlainText(about_text(workspace))  # a folder's "<b>" is no markup
        # Read-only, Qt's box takes no caret keys: nothing could be chosen by keyboard.
        self.text_view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text_view.setTabChangesFocus(True)
        heading = QTextCursor(self.text_view.document())
        heading.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        bold.setFontPointSize(self.font().pointSizeF() * 1.3)
        heading.mergeCharFormat(bold)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_view, 1)
        layout.addWidget(buttons)
        self.text_view.setFocus()
        # About 60 characters a line, and as tall as the words at that width: within the
        # screen, where they scroll.
        width = max(480, 60 * self.fontMetrics().averageCharWidth())
        document = self.text_view.document().clone()  # the box lays out its own anew
        document.setTextWidth(width)
        margins = layout.contentsMargins()
        height = (
            math.ceil(document.size().height())
            + 2 * self.text_view.frameWidth()
            + margins.top()
            + margins.bottom()
            + layout.spacing()
            + buttons.sizeHint().height()
        )
        resize_within_screen(
            self, width + 2 * self.text_view.frameWidth() + margins.left() + margins.right(), height
        )

    def text(self) -> str:
        """The words shown."""
        return self.text_view.toPlainText()
