"""The one place that turns errors into words on screen."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QIcon, QTextOption
from PySide6.QtWidgets import QApplication, QMessageBox, QTextEdit, QWidget

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.printable import has_unbroken_run, message_text

F = TypeVar("F", bound=Callable[..., Any])

# How long a status-bar message stays, in milliseconds: longer for more to read, or for
# what matters more. One name per length, so that alike messages stay alike.
STATUS_BRIEF = 3_000  # a one-word answer: "Nothing to undo."
STATUS_HINT = 4_000  # what to do first: "Select a sentence first."
STATUS_NOTE = 5_000  # the answer to a command: "Every sentence of this article is done."
STATUS_RESULT = 6_000  # what a command did, or why it could not: "Exported to …"
STATUS_WARNING = 8_000  # something went wrong, or a path worth reading
STATUS_LONG = 10_000  # several clauses: how to split a sentence, what a re-split moved
STATUS_LONGEST = 15_000  # what a restore did, and where the previous workspace was kept

logger = logging.getLogger(__name__)


def error_text(error: BaseException) -> str:
    """The sentence a journalist reads for an error."""
    if isinstance(error, FactcheckError):
        return str(error)
    if isinstance(error, OSError):
        return f"{error.strerror or error}: {error.filename or ''}".strip(": ")
    return f"Unexpected error: {error}"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    # Messages quote file names, titles and typed text: never let Qt guess they are HTML.
    # And no control character: a file's name starting with U+202E in an error's words
    # showed the rest of the line reversed, a NUL a box (`message_text`).
    box = QMessageBox(icon, title, message_text(text), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def wrap_long_runs(box: QMessageBox) -> None:
    """Let `box` wrap a long file name or path inside it while shown (`box_wrapping`);
    each desk box is (`run_box`)."""
    # Imported here: its Qt classes, made at start, cost the window's first paint.
    from factcheck_app.gui.box_wrapping import LongRunsWrapped

    if box.findChild(LongRunsWrapped) is None:
        LongRunsWrapped(box)


def run_box(box: QMessageBox) -> int:
    """`box.exec()`, the box then deleted once the caller is done with it (when control is
    back in the event loop), as `run_dialog` does for dialogs: every message shown (each
    "already linked", each Check Workspace) stayed in the window, with its text document,
    until the desk was quit. A long name in it wraps inside it (`wrap_long_runs`)."""
    wrap_long_runs(box)
    result = box.exec()
    box.deleteLater()
    return result


def show_error(
    parent: QWidget | None,
    error: BaseException,
    title: str = "Factcheck desk",
    *,
    after: str = "",
    while_typing: bool = False,
) -> None:
    """The error in words; `after` adds what happens next (a paragraph of its own).
    `while_typing`: as `inform`'s."""
    text = error_text(error) + (f"\n\n{after}" if after else "")
    # The log keeps what the reviewer was told; the traceback too when it may be a bug.
    logger.warning("Shown: %s", text, exc_info=None if isinstance(error, FactcheckError) else error)
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    if while_typing:
        hold_keys(box)
    run_box(box)


def inform(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    warning: bool = False,
    details: str = "",
    while_typing: bool = False,
) -> None:
    """A message in plain text; `details` behind its Show Details button (to copy).
    `while_typing`: shown at a pause in the reviewer's typing, it takes no key for a
    moment (`hold_keys`)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = _box(parent, icon, title, text)
    if details:
        box.setDetailedText(details)
        copyable_details(box)
    if while_typing:
        hold_keys(box)
    run_box(box)


# How long a box shown while the reviewer types takes no key, in milliseconds: long
# enough for the keys already on their way to land in it, and for her to see it is there.
HOLD_KEYS_MS = 1_500


class _KeysHeld(QObject):
    """Swallows every key meant for `box` (or a button in it) until `HOLD_KEYS_MS` pass,
    its buttons greyed meanwhile: a Space or Enter typed on, meant for the text, closed
    the box unread."""

    def __init__(self, box: QMessageBox) -> None:
        super().__init__(box)
        self._box = box
        self._greyed = [button for button in box.buttons() if button.isEnabled()]
        for button in self._greyed:
            button.setEnabled(False)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        # Counted from when it shows, not from when it was made.
        box.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.release)

    def release(self) -> None:
        """Keys work in the box again."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._box.removeEventFilter(self)
        for button in self._greyed:
            button.setEnabled(True)
        ok = self._box.defaultButton() or (self._greyed[0] if self._greyed else None)
        if ok is not None:
            ok.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._box and kind == QEvent.Type.Show and not self._timer.isActive():
            self._timer.start(HOLD_KEYS_MS)
        if kind in _KEY_EVENTS and isinstance(watched, QWidget):
            return watched is self._box or self._box.isAncestorOf(watched)
        return False


_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)


def hold_keys(box: QMessageBox) -> None:
    """`box` takes no key for a moment once shown (`_KeysHeld`): shown at a pause in
    the reviewer's typing, her next keystroke closed it unseen."""
    # Qt adds its OK only when shown, and only to a box with no button of its own (Show
    # Details is none): added here, it is greyed with the rest.
    if box.standardButtons() == QMessageBox.StandardButton.NoButton:
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setDefaultButton(QMessageBox.StandardButton.Ok)
    _KeysHeld(box)


def copyable_details(box: QMessageBox) -> None:
    """Tab from Show Details goes into the details, where Ctrl+A and Ctrl+C copy them:
    Qt's details box takes no focus, and the box's own text cannot be chosen from the
    keyboard, so a keyboard user could copy nothing of a list given "to copy"."""
    for listed in box.findChildren(QTextEdit):
        # Its characters as held: Qt's detailedText() gives each no-break space as a space.
        # A long unbroken run wraps anywhere (`has_unbroken_run`): Show Details on a kept
        # paste of 1,200,000 such characters froze the window.
        if has_unbroken_run(listed.document().toRawText()):
            listed.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        listed.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        listed.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton,
    default: QMessageBox.StandardButton,
    *,
    warning: bool = False,
    labels: dict[QMessageBox.StandardButton, str] | None = None,
) -> QMessageBox.StandardButton:
    """A question in plain text; returns the button chosen. `labels` renames buttons so
    they say what they do ("Open Read-Only" rather than "Open"); a renamed button loses
    the icon a desktop style gives the standard one, which belongs to the standard word
    (Cancel's ✕ on "Keep Editing" read as "close", on the button that keeps it open)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question
    box = _box(parent, icon, title, text)
    box.setStandardButtons(buttons)
    box.setDefaultButton(default)
    for button, label in (labels or {}).items():
        box.button(button).setText(label)
        box.button(button).setIcon(QIcon())
    give_mnemonics(box)
    return QMessageBox.StandardButton(run_box(box))


def give_mnemonics(box: QMessageBox) -> None:
    """An Alt key for each of the box's buttons that has none: Remove Article's "Remove"
    had none, and a keyboard user had to Tab to it. A word's first letter where it is
    free, else another of its letters; one already marked (`&Discard`) keeps its own."""
    buttons = box.buttons()
    taken = {_mnemonic(button.text()) for button in buttons} - {""}
    for button in buttons:
        text = button.text()
        if _mnemonic(text) or "&" in text:
            continue
        starts = [i for i, c in enumerate(text) if c.isalnum() and (i == 0 or text[i - 1] == " ")]
        others = [i for i, c in enumerate(text) if c.isalnum() and i not in starts]
        for i in starts + others:
            if text[i].lower() not in taken:
                taken.add(text[i].lower())
                button.setText(f"{text[:i]}&{text[i:]}")
                break


def _mnemonic(text: str) -> str:
    """The letter after a single `&` in a button's text, lower case; "" when none."""
    i = text.replace("&&", "__").find("&")
    return text[i + 1].lower() if 0 <= i < len(text) - 1 else ""


def owning_widget(owner: QObject | None) -> QWidget | None:
    """The widget a slot's messages belong to: its own, or the window owning its controller."""
    while owner is not None and not isinstance(owner, QWidget):
        owner = owner.parent()
    return owner


def guarded(method: F) -> F:
    """Run a slot of a window or its controllers; user-facing errors become a message box,
    never a crash."""

    @wraps(method)
    def wrapper(self: QObject, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (FactcheckError, OSError) as error:
            show_error(owning_widget(self), error)
            return None

    return wrapper  # type: ignore[return-value]
