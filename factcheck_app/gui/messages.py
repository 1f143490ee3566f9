"""The one place that turns errors into words on screen."""

from __future__ import annotations

import itertools
import logging
import re
import unicodedata
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTextBoundaryFinder
from PySide6.QtGui import QClipboard, QFontMetrics, QGuiApplication, QIcon
from PySide6.QtWidgets import QLabel, QMessageBox, QTextEdit, QWidget

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.printable import message_text

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


# A break chance the eye does not see (U+200B ZERO WIDTH SPACE), put into a box's words
# as shown, never into what is copied from it (`_LongRunsWrapped`).
BREAK_CHANCE = "\u200b"
# A piece of words Qt cannot break (it breaks at spaces, and after a "/" or "-" before a
# letter) too wide for the box (a file's name, a folder's) gets break chances: a
# 300-character name ran past the box's right edge, cut, with the box as wide as the
# screen. Without a font to measure with, a piece longer than LONG_RUN characters does
# not fit (24 letters at 16 pt fit the narrowest box: 500 pixels less its icon).
LONG_RUN = 24
# A part of such a piece that still does not fit (no "_", ".", "-", "/" or "\\" in it)
# gets a chance after every RUN_PIECE characters: the line breaks at the last one that fits.
RUN_PIECE = 10
BOX_SPACING = 24  # between the icon and the words, a few pixels to spare (Fusion: 19)
_AFTER_WORD = re.compile(r"(?<=[_.\-/\\])")


def _few_letters(piece: str) -> bool:
    return len(piece) <= LONG_RUN


def _chance_between(before: str, after: str) -> str:
    """A break chance between two characters, or none: never before a combining mark or
    a joiner, nor after a joiner (an accent, a shaped letter, an emoji stays whole)."""
    if before == "\u200d" or after == "\u200d" or unicodedata.category(after)[0] == "M":
        return ""
    return BREAK_CHANCE


def _joined(parts: list[str]) -> str:
    parts = [part for part in parts if part]
    out = parts[:1]
    for part in parts[1:]:
        out += [_chance_between(out[-1][-1], part[0]), part]
    return "".join(out)


def _in_pieces(word: str) -> str:
    """`word` with a chance after every RUN_PIECE characters, or at the next place one may be."""
    out = [word[0]]
    since = 1
    for before, after in itertools.pairwise(word):
        chance = _chance_between(before, after) if since >= RUN_PIECE else ""
        out += [chance, after]
        since = 1 if chance else since + 1
    return "".join(out)


def _unbreakable_pieces(text: str) -> list[str]:
    """`text` cut where Qt may break a line (Unicode's line-breaking rules, as Qt lays out
    a box's words): each piece is laid out whole, on one line."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    # Qt counts in UTF-16 units: a character outside the BMP (an emoji) counts two.
    index_of = {}
    units = 0
    for i, char in enumerate(text):
        index_of[units] = i
        units += 2 if ord(char) > 0xFFFF else 1
    index_of[units] = len(text)
    pieces, start = [], 0
    while (boundary := finder.toNextBoundary()) != -1:
        end = index_of.get(boundary)
        if end is not None and end > start:
            pieces.append(text[start:end])
            start = end
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _broken_piece(piece: str, fits: Callable[[str], bool]) -> str:
    """A piece too wide for a line, with chances: after each "_", ".", "-", "/" and "\\"
    in it; and in a part of it that still does not fit, every RUN_PIECE characters."""
    body = piece.rstrip()
    words = _AFTER_WORD.split(body)
    return (
        _joined([word if fits(word) else _in_pieces(word) for word in words]) + piece[len(body) :]
    )


def with_break_chances(text: str, fits: Callable[[str], bool] = _few_letters) -> str:
    """`text` as a box shows it: each piece Qt cannot break that does not `fit` on a line
    of the box with BREAK_CHANCEs (`_broken_piece`), so that it wraps inside the box.
    Everything Qt can wrap by itself, and every character, stays as it is: only break
    chances are added, and none where none is needed."""
    if all(fits(word) for word in text.split()):
        return text
    return "".join(
        piece if fits(piece.rstrip()) else _broken_piece(piece, fits)
        for piece in _unbreakable_pieces(text)
    )


class _LongRunsWrapped(QObject):
    """While a box is shown, its words (and its informative words) show with break chances
    in long runs (`with_break_chances`), so that a long file name or path wraps inside the
    box; hidden, they are the words given again (`box.text()` is exact). What is copied
    from the box stays the words given, without the chances: its Ctrl+C (the whole box,
    Qt's own format), and a part chosen with the mouse (Ctrl+C, the menu's Copy, or the
    X11 selection a middle click pastes). Qt builds both from the label's text, which is
    the one shown: the clipboard is put right each time it takes such text."""

    def __init__(self, box: QMessageBox) -> None:
        super().__init__(box)
        self._box = box
        # Each label broken here: its words as given, and where chances were added.
        self._given: dict[QLabel, tuple[str, str, frozenset[int]]] = {}
        self._listening = False  # to the clipboard, while the box is shown broken
        box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._box:
            if event.type() == QEvent.Type.Show:  # before QMessageBox sizes the box
                self._show_broken()
            elif event.type() == QEvent.Type.Hide:
                self._show_given()
        return False

    def _show_broken(self) -> None:
        for name in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
            label = self._box.findChild(QLabel, name)
            if label is None or label in self._given:
                continue
            given = label.text()
            shown = with_break_chances(given, self._fits_in(label))
            if shown == given:
                continue
            added = _added_at(given, shown)
            self._given[label] = (given, shown, added)
            label.setText(shown)
            # A screen reader reads the label's name: the words as given, no "zero width
            # space" spelt out between a name's letters.
            label.setAccessibleName(given)
        if self._given and not self._listening:  # a second Show adds no second handler
            QGuiApplication.clipboard().changed.connect(self._copied)
            self._listening = True

    def _fits_in(self, label: QLabel) -> Callable[[str], bool]:
        """Whether a run fits on a line of `label` however narrow Qt makes the box: half the
        screen, at most 500 pixels (Qt's own choice), less the icon and the margins."""
        box = self._box
        narrowest = min(box.screen().availableGeometry().width() // 2, 500)
        icon = box.findChild(QLabel, "qt_msgboxex_icon_label")
        layout = box.layout()
        room = narrowest - BOX_SPACING
        if layout is not None:
            margins = layout.contentsMargins()
            room -= margins.left() + margins.right()
        if icon is not None:
            room -= icon.sizeHint().width()
        metrics = QFontMetrics(label.font())
        return lambda run: metrics.horizontalAdvance(run) <= room

    def _show_given(self) -> None:
        if self._listening:
            QGuiApplication.clipboard().changed.disconnect(self._copied)
            self._listening = False
        for label, (given, _shown, _added) in self._given.items():
            label.setText(given)
            label.setAccessibleName("")
        self._given.clear()

    def _copied(self, mode: QClipboard.Mode) -> None:
        clipboard = QGuiApplication.clipboard()
        text = clipboard.text(mode)
        exact = text
        for label, (given, shown, added) in self._given.items():
            # Qt copies a chosen part as plain text: a line break in it is "\n" where
            # selectedText() has U+2029, a no-break space a space; each one for one.
            if label.hasSelectedText() and text == _as_copied(label.selectedText()):
                # Qt counts in UTF-16 units: an emoji before the selection counts two.
                start = _index_of_unit(shown, label.selectionStart())
                exact = "".join(c for i, c in enumerate(text, start) if i not in added)
                break
            exact = exact.replace(shown, given)
        if exact != text:
            clipboard.setText(exact, mode)


def _as_copied(selected: str) -> str:
    """A label's selectedText() as Qt puts it on the clipboard: plain text."""
    return selected.translate({0x2029: "\n", 0x2028: "\n", 0xA0: " "})


def _index_of_unit(text: str, unit: int) -> int:
    """The index in `text` of the character at Qt's position `unit` (UTF-16 units)."""
    return len(text.encode("utf-16-le")[: 2 * unit].decode("utf-16-le", errors="ignore"))


def _added_at(given: str, shown: str) -> frozenset[int]:
    """Where in `shown` (`given` with break chances added) each added chance is."""
    added: set[int] = set()
    g = 0
    for i, char in enumerate(shown):
        if g < len(given) and char == given[g]:
            g += 1
        else:
            added.add(i)
    return frozenset(added)


def wrap_long_runs(box: QMessageBox) -> None:
    """Let `box` wrap a long file name or path inside it while shown (`_LongRunsWrapped`);
    each desk box is (`run_box`)."""
    if box.findChild(_LongRunsWrapped) is None:
        _LongRunsWrapped(box)


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
    parent: QWidget | None, error: BaseException, title: str = "Factcheck desk", *, after: str = ""
) -> None:
    """The error in words; `after` adds what happens next (a paragraph of its own)."""
    text = error_text(error) + (f"\n\n{after}" if after else "")
    # The log keeps what the reviewer was told; the traceback too when it may be a bug.
    logger.warning("Shown: %s", text, exc_info=None if isinstance(error, FactcheckError) else error)
    run_box(_box(parent, QMessageBox.Icon.Warning, title, text))


def inform(
    parent: QWidget | None, title: str, text: str, *, warning: bool = False, details: str = ""
) -> None:
    """A message in plain text; `details` behind its Show Details button (to copy)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = _box(parent, icon, title, text)
    if details:
        box.setDetailedText(details)
        copyable_details(box)
    run_box(box)


def copyable_details(box: QMessageBox) -> None:
    """Tab from Show Details goes into the details, where Ctrl+A and Ctrl+C copy them:
    Qt's details box takes no focus, and the box's own text cannot be chosen from the
    keyboard, so a keyboard user could copy nothing of a list given "to copy"."""
    for listed in box.findChildren(QTextEdit):
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
