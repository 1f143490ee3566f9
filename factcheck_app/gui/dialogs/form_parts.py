"""Parts the desk's small form dialogs share: OK/Cancel buttons wired to the dialog, the
red line that says why an input was refused (shown on a bad input, hidden again as soon
as the reviewer starts fixing it), the question before Esc drops typed text, and how a
typed date is read (one rule for Article Properties and Link Source)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QWidget,
)

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.gui.actions import SPECS, ActionId, key_sequences, key_text
from factcheck_app.gui.colours import ERROR, readable_on
from factcheck_app.gui.messages import STATUS_NOTE, ask, show_error
from factcheck_app.gui.typed_fields import field_text
from factcheck_app.gui.views import AltLettersNotTyped, ctrl_letter_by_place


def run_dialog(dialog: QDialog) -> int:
    """`dialog.exec()`, the dialog then deleted once the caller is done with it (when
    control is back in the event loop): every closed dialog stayed in the window, the
    export one with its whole report preview, until the desk was quit."""
    result = dialog.exec()
    dialog.deleteLater()
    return result


# Said when a dialog's change could not be saved and the dialog opens again.
KEPT_IN_DIALOG = (
    "What you typed is kept: the dialog opens again with it, so that you can press OK "
    "again once that is fixed (or copy it out)."
)


def run_until_saved(
    dialog: QDialog,
    save: Callable[[], object],
    parent: QWidget,
    *,
    refused_for_good: Callable[[FactcheckError], bool] | None = None,
) -> bool:
    """`dialog.exec()` until `save` (what its OK asks for) works or the reviewer cancels.

    A save the workspace refuses (a full disk, another program keeping it busy, a file
    replaced meanwhile) says why and brings the dialog back with everything typed in it:
    an excerpt, a note or a title typed at length was dropped with the dialog, after
    "the change was NOT saved". True when saved; the dialog is deleted after, as by
    `run_dialog`. It comes back with the focus and the caret where they were: shown
    again, Qt selected the whole of the field that had the focus (the URL, after Enter
    there), and the next key typed replaced it.

    `refused_for_good`, asked after each refusal, is True when it said the refusal
    itself, as one no later OK can get past (the sentence taken away by another program
    meanwhile), and offered the typed text to copy: the dialog closes. It came back, and
    was refused the same way, for ever; Cancel dropped what was typed."""
    try:
        while dialog.exec():
            try:
                save()
            except FactcheckError as error:
                if refused_for_good is not None and refused_for_good(error):
                    return False
                back_as_left = _focus_as_left(dialog)
                show_error(parent, error, after=KEPT_IN_DIALOG)
                # Once shown again (exec shows it, then runs this from its event loop).
                QTimer.singleShot(0, dialog, back_as_left)
                continue
            return True
        return False
    finally:
        dialog.deleteLater()


def _focus_as_left(dialog: QDialog) -> Callable[[], None]:
    """What puts the focus back in the field `dialog` had it in, with that field's caret
    and selection as they were (none selected unless the reviewer had)."""
    field = dialog.focusWidget()
    if not isinstance(field, QLineEdit):
        return lambda: field.setFocus(Qt.FocusReason.OtherFocusReason) if field else None
    caret, start, length = field.cursorPosition(), field.selectionStart(), len(field.selectedText())

    def back() -> None:
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        if length and start >= 0:
            field.setSelection(start, length)
        else:
            field.deselect()
            field.setCursorPosition(caret)

    return back


# YYYY-MM-DD, a one-digit month or day allowed (2021-3-5 is as clear as 2021-03-05).
_TYPED_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def typed_date(text: str) -> dt.date | None:
    """The date written YYYY-MM-DD in ``text``; None when it is no such date."""
    match = _TYPED_DATE.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:  # 2021-02-30, 2020-13-45
        return None


def take_pressed_choice(buttons: Iterable[QAbstractButton]) -> None:
    """Check the choice among `buttons` shown pressed: its Alt letter clicks it 100 ms later
    (Qt shows it down meanwhile), and an Enter at typing speed went on with the choice
    before it (Export's All articles, Split Sentence's part keeping the review)."""
    for button in buttons:
        if button.isDown() and button.isEnabled() and not button.isChecked():
            button.setChecked(True)  # the click that lands later finds it chosen


def resize_within_screen(dialog: QDialog, width: int, height: int) -> None:
    """`width`×`height` where the screen has room; less on a small one (1024×640), with
    room left for the title bar and frame, so the dialog's buttons stay on screen."""
    parent = dialog.parentWidget()
    room = (parent.screen() if parent is not None else dialog.screen()).availableGeometry()
    dialog.resize(min(width, room.width() - 40), min(height, room.height() - 60))


# Longer than any stored value: a line field's own limit (Qt's default) is 32,767.
NO_LINE_LIMIT = 2**31 - 1


def holds_stored_text(*fields: QLineEdit) -> None:
    """Lift Qt's 32,767-character limit off line fields filled by `setText` with stored
    values: it cut a longer one (a merged colleague's, an imported page's, one set on
    the command line), and OK saved the cut text, losing the rest without a word."""
    for field in fields:
        field.setMaxLength(NO_LINE_LIMIT)


def show_focused_field_from_start(dialog: QDialog) -> None:
    """Undo the whole-field choice a shown dialog's first field gets: QDialog hands it the
    focus as Tab does, which chooses all of it, so the first key typed replaced it, and a
    long title or URL showed from its end. Called from `setVisible(True)`."""
    focused = dialog.focusWidget()
    if isinstance(focused, QLineEdit) and focused.hasSelectedText():
        focused.deselect()
        focused.setCursorPosition(0)


def ok_cancel_buttons(dialog: QDialog, ok_text: str = "") -> QDialogButtonBox:
    """OK and Cancel, accepting and rejecting `dialog`; `ok_text` renames OK."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ErrorLabel(QLabel):
    """Why the input was refused, in red and plain text; hidden until `refuse`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.hide()

    def refuse(self, reason: str, field: QWidget) -> None:
        """Show `reason` and put the focus on the field to fix."""
        self.setText(reason)
        self.setStyleSheet(f"color: {readable_on(ERROR, self)};")  # the theme's, now
        self.show()
        room_for_wrapped_text(self.window())
        field.setFocus()

    def clear_error(self) -> None:
        """The reason goes as soon as the reviewer starts fixing it (a slot for any
        signal: its arguments are ignored)."""
        self.hide()


def room_for_wrapped_text(dialog: QWidget) -> None:
    """Make `dialog` as tall as its wrapped text needs at its width, within the screen.

    Qt grows a window to its layout's minimum when a line appears in it, but that minimum
    does not count how wrapped text's height depends on the width: the reason shown under
    the fields took its room from the words above them ("Who are you?", cut at the top
    and bottom)."""
    layout = dialog.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    width = dialog.width()
    screen = dialog.screen().availableGeometry()
    room = screen.height() - 60  # as resize_within_screen
    widest = max(width, screen.width() - 40)
    # The least height, not the preferred: Link Source's excerpt box prefers more than a
    # 640 px screen has at 16 pt, and a refused URL widened the box where it stood, past
    # the screen's right edge (Cancel half off it), where the box shrank to fit the line.
    if layout.totalMinimumHeightForWidth(width) > room and width < widest:
        # Taller than the screen at this width (a large font on a 640 px screen: Split
        # Sentence's parts were cut at the screen's edge): wider, as little as does,
        # so that the words wrap on fewer lines.
        width = widest
        narrower = dialog.width()
        while widest - narrower > 8:
            middle = (narrower + widest) // 2
            if layout.totalMinimumHeightForWidth(middle) <= room:
                widest = width = middle
            else:
                narrower = middle
    needed = layout.totalHeightForWidth(width)
    if dialog.height() < needed or width != dialog.width():
        dialog.resize(width, max(dialog.height(), min(needed, room)))
    frame = dialog.frameGeometry()
    if dialog.isVisible() and (frame.right() > screen.right() or frame.bottom() > screen.bottom()):
        # Widened where it stands (a reason shown under the fields), or grown downwards
        # from where it was placed at its first size (Split's buttons went below a 640 px
        # screen's edge): kept on the screen.
        left = frame.left() - max(0, frame.right() - screen.right())
        top = frame.top() - max(0, frame.bottom() - screen.bottom())
        dialog.move(max(screen.left(), left), max(screen.top(), top))


class ScrollsWhenShort(QScrollArea):
    """A dialog's questions, scrolled above its buttons only when the screen is too short
    for them whole (a very large font on a 640 px screen).

    It asks for its content's whole height at its width, as the content alone would, so
    `room_for_wrapped_text` widens the dialog first and a dialog that fits shows no
    scroll bar; but it can be given less, a few lines, and then scrolls, the buttons
    kept in sight below it. A control taking the focus (Tab, an arrow key in a group of
    choices, its Alt letter) is scrolled into sight, as far up as keeps it so."""

    LEAST_LINES = 3

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Not a Tab stop: its controls are, and it scrolls to them.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focused)

    def _show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        content = self.widget()
        if new is None or content is None or not content.isAncestorOf(new):
            return
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            # Clicked: it is in sight, and scrolling would pull it from under the pointer.
            self.ensureWidgetVisible(new, 0, 8)
            return
        # As far up as keeps it whole in sight: what the choices are about (Split's two
        # parts) is above them, and only the mouse could scroll back to it once the focus
        # had gone down to the last choice (Shift+Tab to the first one left it hidden).
        margin = 8
        top = new.mapTo(content, QPoint(0, 0)).y()
        bottom = top + new.height() + margin
        bar = self.verticalScrollBar()
        bar.setValue(max(0, min(top - margin, bottom - self.viewport().height())))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        content = self.widget()
        if content is None:
            return 0
        if content.hasHeightForWidth():
            # Measured as if its scroll bar took room: at the very width where the words
            # fit, Qt's scroll area measured one pixel narrower, wrapped a line more and
            # showed a bar over content that fitted.
            bar = self.verticalScrollBar().sizeHint().width()
            return content.heightForWidth(max(1, width - bar))
        return content.sizeHint().height()

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        hint = content.sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(hint.width() + bar, self.heightForWidth(hint.width() + bar))

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        width = content.minimumSizeHint().width() if content is not None else 0
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(width + bar, self.fontMetrics().lineSpacing() * self.LEAST_LINES)


def _ctrl_enter(event: QEvent) -> bool:
    if not isinstance(event, QKeyEvent):
        return False
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (
        event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        and modifiers == Qt.KeyboardModifier.ControlModifier
    )


def plain_label(text: str) -> str:
    """A menu, field or button label as read: without its "&" (a "&&" read as one "&")
    and trailing "…" or ":". The F1 sheet's rows and the note on Quit in a dialog."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…:").strip()


def quit_in_a_dialog(dialog: QDialog | None = None) -> str:
    """Said where Quit was pressed in a dialog, which it does not reach (`say_quit_here`).
    (Made when said: a standard key's binding needs the application.) Over a progress
    note (a merge, a re-split) Esc does not close it but stops its work, or does nothing
    (an undo, which cannot be stopped): it says to wait, or which button stops it (none
    once it is stopping: its button greyed)."""
    quits = f"{key_text(SPECS[ActionId.QUIT])} quits the desk."
    if isinstance(dialog, QProgressDialog):
        stops = [
            button
            for button in dialog.findChildren(QPushButton)
            if button.isVisible() and button.isEnabled()
        ]
        if not stops:
            return f"Wait for this to finish, then {quits}"
        return f"Wait for this to finish, or {plain_label(stops[0].text())} it (Esc); then {quits}"
    return f"Close this dialog first (Esc), then {quits}"


def quit_key(event: QKeyEvent) -> bool:
    """Whether `event` is the window's Quit key (Ctrl+Q, as the registry has it). With a
    Ukrainian or Russian layout on, Qt gives Ctrl and the key labelled Q as Ctrl+Q where a
    Latin layout is set up beside it (X11, Wayland: Ctrl+Й only where none is, and the
    window's Quit does not take that either): no other key to compare. Greek and Hebrew
    type ";" and "/" there, which Qt gives as Ctrl+; and Ctrl+/ (docs/accessibility.md):
    read by the key's place, as the window reads it (`ctrl_letter_by_place`), or a
    dialog said nothing where the window quits."""
    pressed = ctrl_letter_by_place(event) or QKeySequence(event.keyCombination())
    return any(pressed == sequence for sequence in key_sequences(SPECS[ActionId.QUIT]))


def _rejects(button: QPushButton) -> bool:
    """Whether `button` is a Cancel (reject role) in its dialog's button box."""
    box = button.parent()
    return (
        isinstance(box, QDialogButtonBox)
        and box.buttonRole(button) == QDialogButtonBox.ButtonRole.RejectRole
    )


class _GoneAtInput(QObject):
    """Hides the quit note at the next key typed or click, wherever in the desk: it
    stands over the dialog's last field (Preferences' name, her focus), and what she typed
    on went in unseen for five seconds. Watches only while the note is up."""

    def __init__(self, note: QLabel) -> None:
        super().__init__(note)
        self._note = note
        note.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        app = QApplication.instance()
        if watched is self._note and kind in (QEvent.Type.Show, QEvent.Type.Hide):
            if app is not None:
                app.removeEventFilter(self)
                if kind == QEvent.Type.Show:
                    app.installEventFilter(self)
        elif kind == QEvent.Type.MouseButtonPress or (
            # Not Ctrl+Q again (it says it again) nor a key let go (the Q of it).
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not quit_key(event)
            and event.key() not in _MODIFIER_KEYS
        ):
            self._note.hide()
        return False


_MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}
)


def say_quit_here(dialog: QDialog) -> None:
    """A note at `dialog`'s foot for a few seconds: how to quit from here. Said for
    Ctrl+Q in any dialog (the desk's own, or a message box or file chooser it opens) by
    the one watcher, `watch_dialogs_for_quit` in `gui/app.py`.
    (A tooltip went as the key was let go: Qt hides one at any key.)"""
    note = dialog.findChild(QLabel, "quitNote")
    if note is None:
        note = QLabel(dialog)
        note.setObjectName("quitNote")
        note.setWordWrap(True)
        note.setMargin(6)
        note.setFrameShape(QFrame.Shape.Box)
        note.setAutoFillBackground(True)
        note.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        note.setForegroundRole(QPalette.ColorRole.ToolTipText)
        # A click on it is the control's under it: told to close the dialog, she
        # reached for a field or a button there, and the click went to the note.
        note.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        timer = QTimer(note, singleShot=True, interval=STATUS_NOTE)
        timer.setObjectName("quitNoteTimer")
        timer.timeout.connect(note.hide)
        _GoneAtInput(note)
    note.setText(quit_in_a_dialog(dialog))
    text = note.fontMetrics().horizontalAdvance(note.text())
    whole = text + 2 * (note.margin() + note.frameWidth()) + 4
    width = min(dialog.width() - 16, whole)
    note.resize(width, note.heightForWidth(width))
    # Above the buttons at the foot, not on them: at its left it lay over OK (and
    # Split, and in a narrow dialog or a large font every button) for five seconds.
    top = _foot_top(dialog) - note.height() - 4
    # A message box or Qt's number box is its question over its buttons, all of it to
    # read: inside, the note lay over a long box's last lines ("… then press Ctrl+S to
    # save it.") or the number asked for. A progress note too: its words, bar and Stop.
    all_question = isinstance(dialog, (QMessageBox, QInputDialog, QProgressDialog))
    if (top >= 0 or note.isWindow()) and not all_question:
        if note.isWindow():  # floated before; this dialog has room now
            note.setParent(dialog, Qt.WindowType.Widget)
        note.move(8, max(0, top))
    else:
        # No room above its buttons but its question: the note floats just above the
        # box, covering neither (below it, at the screen's top).
        note.setParent(dialog, Qt.WindowType.ToolTip)
        screen = dialog.screen().availableGeometry() if dialog.screen() else None
        # On one line, the box's width or not; on more only where the screen is narrower.
        width = whole if screen is None else min(whole, screen.width() - 16)
        note.resize(width, note.heightForWidth(width))
        corner = dialog.mapToGlobal(QPoint(8, 0))
        above = corner.y() - note.height() - 4
        below = corner.y() + dialog.height() + 4
        y = above if screen is None or above >= screen.top() else below
        x = corner.x()
        if screen is not None:
            # From the box's left edge, but not past the screen's right: over a narrow
            # progress note, with a 16 pt font, its last words ran off the screen.
            x = max(screen.left() + 8, min(x, screen.right() + 1 - 8 - note.width()))
        note.move(x, y)
    note.raise_()
    note.show()
    hide = note.findChild(QTimer, "quitNoteTimer")
    if hide is not None:
        hide.start()  # again from now, at each press
    # A label shown is not read unasked: a screen reader's user heard nothing.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(note, note.text()))


def _foot_top(dialog: QDialog) -> int:
    """The top of the lowest row of buttons shown (the dialog's foot), in its
    coordinates; its height when there are none."""
    tops = [
        box.mapTo(dialog, QPoint(0, 0)).y()
        for box in dialog.findChildren(QDialogButtonBox)
        if box.isVisibleTo(dialog)
    ]
    return max(tops) if tops else dialog.height()


class CtrlEnterDialog(QDialog):
    """A dialog whose work Ctrl+Enter does from any control in it (`work_button`).

    Journalists end a dialog with Ctrl+Enter wherever they are in it, as in mail
    programs: Enter in a multi-line field starts a new line, on a button presses that
    button, and in a list goes nowhere. Every dialog of the desk is one of these, so the
    key never does nothing (Preferences, the F1 sheet and Recent Messages did).

    A dialog whose work cannot be taken back from inside it (Restore replaces the open
    workspace) sets `cancel_keeps_ctrl_enter`: on a focused Cancel the key cancels, as
    Enter there does, since she chose Cancel by tabbing to it."""

    # Whether Ctrl+Enter on a focused Cancel (reject) button presses Cancel.
    cancel_keeps_ctrl_enter = False

    def event(self, event: QEvent) -> bool:
        # Ctrl+Enter is this dialog's, not the window's behind it (Edit Explanation).
        if event.type() == QEvent.Type.ShortcutOverride and _ctrl_enter(event):
            event.accept()
            return True
        return super().event(event)

    def showEvent(self, event: QShowEvent) -> None:
        # A focused push button takes Enter with any modifier: Ctrl+Enter on Cancel
        # (reached by one Tab too many) pressed Cancel. It goes to OK from there too,
        # but for a dialog that keeps Cancel's (`cancel_keeps_ctrl_enter`).
        for button in self.findChildren(QPushButton):
            button.removeEventFilter(self)
            button.installEventFilter(self)
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QPushButton)
            and isinstance(event, QKeyEvent)
            and _ctrl_enter(event)
        ):
            if self.cancel_keeps_ctrl_enter and _rejects(watched):
                watched.click()
            else:
                self.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter presses `work_button` from any field: Enter in a multi-line one (the
        excerpt, the note) starts a new line, and Ctrl+Enter, as in mail and chat
        programs, did nothing."""
        if _ctrl_enter(event):
            button = self.work_button()
            if button is not None:
                button.click()
                return
        # Ctrl+Q is not answered here but for every dialog alike, in one place
        # (`gui/app.py`, `watch_dialogs_for_quit`): it says to close the dialog first.
        super().keyPressEvent(event)

    def work_button(self) -> QAbstractButton | None:
        """The button that does this dialog's work: OK, or the one in its place (Export's,
        Split's); in a dialog that only shows something, its one Close button."""
        boxes = self.findChildren(QDialogButtonBox)
        for box in boxes:
            for button in box.buttons():
                accepts = box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole
                if accepts and button.isVisible() and button.isEnabled():
                    return button
        for box in boxes:
            if box.standardButtons() == QDialogButtonBox.StandardButton.Close:
                close = box.button(QDialogButtonBox.StandardButton.Close)
                if close is not None and close.isVisible() and close.isEnabled():
                    return close
        return None


class KeepsTypedText(CtrlEnterDialog):
    """A dialog that asks before Esc, Cancel or its close button drop what was typed.

    Esc after typing an excerpt or a note closed the dialog and dropped it without a
    word. `keep_typed_text` names the fields to watch (call it once they hold their
    first values); a close by the program itself (the app quitting) asks nothing. The
    dialog keeps this itself, in its own overrides: a helper object watching it from
    outside lost its state to Python's garbage collector while Qt still called it.
    """

    _typed_fields: tuple[QLineEdit | QPlainTextEdit, ...] = ()
    _typed_start: tuple[str, ...] = ()
    _closed_by_program = False

    def keep_typed_text(self, *fields: QLineEdit | QPlainTextEdit) -> None:
        self._typed_fields = fields
        # Alt+letter that is none of the dialog's keys types nothing into them either.
        AltLettersNotTyped(self).watch(*fields)
        self._typed_start = tuple(field_text(field) for field in fields)

    # What Esc asks when something was changed (a dialog with choices too says so).
    drop_question = "Close without keeping what you typed here?"

    def typed_in(self, field: QLineEdit | QPlainTextEdit) -> bool:
        """Whether `field` (one of those kept) holds other text than it opened with."""
        start = self._typed_start[self._typed_fields.index(field)]
        return field_text(field) != start

    def count_as_shown(self, *fields: QLineEdit | QPlainTextEdit) -> None:
        """Take what `fields` (of those kept) hold now as what they opened with: a value
        the program put in (as saved now, after a refusal) is not typed text."""
        start = list(self._typed_start)
        for field in fields:
            start[self._typed_fields.index(field)] = field_text(field)
        self._typed_start = tuple(start)

    def typed_texts_of(
        self, named: Mapping[QLineEdit | QPlainTextEdit, str], where: str
    ) -> list[tuple[str, str]]:
        """(where, text) of each field in `named` typed in since the dialog opened, said as
        "<its name> field of <where>": what a save refused for good offers to copy."""
        return [
            (f"{name} field of {where}", field_text(field))
            for field, name in named.items()
            if self.typed_in(field)
        ]

    def typed_text_changed(self) -> bool:
        return tuple(field_text(field) for field in self._typed_fields) != self._typed_start

    def changes_made(self) -> bool:
        """Whether Esc would drop anything (a dialog with choices adds them)."""
        return self.typed_text_changed()

    def reject(self) -> None:
        from factcheck_app.gui.app import closing_on_signal

        # The session ending (logging out, Ctrl+C) asks nobody: a box nobody can answer
        # held the logout up (the first start's question, since it keeps typed text).
        ended = self._closed_by_program or closing_on_signal()
        if ended or not self.changes_made() or self._drop_typed():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed_by_program = not event.spontaneous()
        super().closeEvent(event)

    def _drop_typed(self) -> bool:
        discard = QMessageBox.StandardButton.Discard
        keep = QMessageBox.StandardButton.Cancel
        answer = ask(
            self,
            self.windowTitle(),
            self.drop_question,
            discard | keep,
            keep,
            labels={discard: "&Discard", keep: "&Keep Editing"},
        )
        return answer == discard
