"""Long file names and paths wrapped inside a message box (`messages.run_box` lets every
desk box do so): while a box is shown, a run of its words Qt cannot break gets break
chances the eye does not see; hidden, the box has its words as given again. What is
copied from it, and its words' accessible name, are the words given (Qt's own accessible
value of the box is its text as shown: docs/safety.md). Loaded when a box is first shown,
not at start-up."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTextBoundaryFinder
from PySide6.QtGui import QClipboard, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox

from factcheck_app.domain.segmentation import drawn_start
from factcheck_app.gui.article_view import OffsetMap

# A break chance the eye does not see (U+200B ZERO WIDTH SPACE), put into a box's words
# as shown, never into what is copied from it (`LongRunsWrapped`).
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


def _chance_at(text: str, at: int) -> str:
    """A break chance before ``text[at]``, or none inside what shows as one character:
    the splitter's rule (`drawn_start`, which the search's tooltips share): a letter and
    its marks, a conjunct ("क्ष": a chance after its virama drew "क्" and "ष" apart), an
    emoji joined to the next or with its skin tone, a flag's two letters."""
    return BREAK_CHANCE if drawn_start(text, at) == at else ""


def _in_pieces(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with a chance after every RUN_PIECE characters, or at the next
    place one may be."""
    out = [text[start]]
    since = 1
    for at in range(start + 1, end):
        chance = _chance_at(text, at) if since >= RUN_PIECE else ""
        out += [chance, text[at]]
        since = 1 if chance else since + 1
    return "".join(out)


def _unbreakable_pieces(text: str) -> list[str]:
    """`text` cut where Qt may break a line (Unicode's line-breaking rules, as Qt lays out
    a box's words): each piece is laid out whole, on one line."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    offsets = OffsetMap(text)  # Qt counts in UTF-16 units: an emoji counts two
    pieces, start = [], 0
    while (boundary := finder.toNextBoundary()) != -1:
        end = offsets.from_qt(boundary)
        if end > start:
            pieces.append(text[start:end])
            start = end
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _broken_piece(piece: str, fits: Callable[[str], bool]) -> str:
    """A piece too wide for a line, with chances: after each "_", ".", "-", "/" and "\\"
    in it; and in a part of it that still does not fit, every RUN_PIECE characters."""
    body = piece.rstrip()
    out: list[str] = []
    at = 0
    for word in _AFTER_WORD.split(body):
        if not word:
            continue
        if at:
            out.append(_chance_at(body, at))
        out.append(word if fits(word) else _in_pieces(body, at, at + len(word)))
        at += len(word)
    return "".join(out) + piece[len(body) :]


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


class LongRunsWrapped(QObject):
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
                start = OffsetMap(shown).from_qt(label.selectionStart())
                exact = "".join(c for i, c in enumerate(text, start) if i not in added)
                break
            exact = exact.replace(shown, given)
        if exact != text:
            clipboard.setText(exact, mode)


def _as_copied(selected: str) -> str:
    """A label's selectedText() as Qt puts it on the clipboard: plain text."""
    return selected.translate({0x2029: "\n", 0x2028: "\n", 0xA0: " "})


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
