"""Fields that show what they save: the one-line claimant, a source's title and
publisher, an article's title, outlet and author; the multi-line explanation, a link's
excerpt and a return note.

A bidi control (a right-to-left override, U+202E) is invisible in a line field and shows
the text after it reversed; a line break shows as a space. A stored value holding them
(a colleague's merged file, an imported page) made the field lie about what it holds,
and one pasted in was saved so. The rule (`domain.printable.typed_line`, docs/safety.md
"Typed text"): a field shows its stored value without bidi controls, each line break a
space; what is typed or pasted in is kept so as it comes in, and saved so; a value
nobody typed in is saved back as it was stored (a field merely shown changes nothing).

Multi-line boxes (the explanation, a link's excerpt, a return note) keep their lines:
what they save is `field_text`, the characters the box shows with each line break one
"\n" (`typed_lines`). Never `toPlainText`, which gives each no-break space (U+00A0:
French "32 %", "M. Dupont") as a plain space: an explanation holding one was saved
without it at the first letter typed, and an excerpt when only its stance was changed.
They wrap anywhere a text with a long unbroken run (`show_lines`, `RunWrappingEdit`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor, QTextDocument, QTextOption
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from factcheck_app.domain.printable import (
    UNBROKEN_RUN_CHARS,
    has_unbroken_run,
    typed_line,
    typed_lines,
)

_STORED = "storedText"  # the field's property: the value it was filled with, as stored
_RUNS_WATCHED = "runsWatched"  # a document's: a RunWrappingEdit watches it (`_watch`)


def fill_typed_line(field: QLineEdit, stored: str) -> None:
    """Show `stored` in `field` as typing would save it, keeping `stored` for
    `typed_or_stored`."""
    field.setProperty(_STORED, stored)
    field.setText(typed_line(stored))


def fill_typed_lines(box: QPlainTextEdit, stored: str) -> None:
    """Show `stored` in the multi-line `box`, keeping `stored` for `typed_or_stored`."""
    box.setProperty(_STORED, stored)
    show_lines(box, stored)


def show_lines(box: QPlainTextEdit, text: str) -> None:
    """Put `text` in `box`, wrapped anywhere when it holds an unbroken run
    (`has_unbroken_run`), else at words. Qt seeks a word boundary in time n² of a run
    (an explanation of 1,000,000 letters: 181 s; wrapped anywhere, 0.6 s). Anywhere is
    set before the text, words only after it: set before, word wrapping laid out again
    the run being replaced (6 s at 100,000 letters, minutes at 1,000,000)."""
    endless = has_unbroken_run(text)
    if endless:
        box.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
    box.setPlainText(text)
    if not endless:
        box.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)


class RunWrappingEdit(QPlainTextEdit):
    """A multi-line box whose pasted or dropped text wraps anywhere when it holds an
    unbroken run, as `show_lines` shows one: a paste of 200,000 characters without a
    space froze the window a minute (1,200,000: tens of minutes; wrapped anywhere, 3 s).
    So does a run an undo or a redo brings back (`_run_put_in`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._watch(self.document())

    def setDocument(self, document: QTextDocument) -> None:
        super().setDocument(document)
        self._watch(document)

    def _watch(self, document: QTextDocument) -> None:
        if document.property(_RUNS_WATCHED):  # given back (the panel's kept documents)
            return
        document.setProperty(_RUNS_WATCHED, True)
        document.contentsChange.connect(
            lambda at, _removed, added: self._run_put_in(document, at, added)
        )

    def _run_put_in(self, document: QTextDocument, at: int, added: int) -> None:
        """A change that put a run into the box at words (a paste over one undone: back
        at words, then Ctrl+Z) wraps anywhere, before Qt lays it out: the document tells
        of a change before its layout takes it. Laid out at words, the run came back in
        time n² of it (0.7 s at 60,000 letters, minutes at 1,000,000)."""
        if (
            added < 2  # a key typed: no run of a paste's size
            or document is not self.document()  # a document kept away (the panel's)
            or self.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
        ):
            return
        cursor = QTextCursor(document)  # the change, and a run's length either side
        cursor.setPosition(max(0, at - UNBROKEN_RUN_CHARS))
        end = min(at + added + UNBROKEN_RUN_CHARS, document.characterCount() - 1)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._wrap_anywhere_for(cursor.selectedText())

    def _wrap_anywhere_for(self, text: str) -> None:
        """The one rule of the box: `text` put in holding an unbroken run wraps anywhere,
        set before Qt lays it out."""
        if has_unbroken_run(text):
            self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)

    def insertFromMimeData(self, source: QMimeData) -> None:
        # `_run_put_in` would find the run as the document tells of it, but set then the
        # box lays the text out twice: a 1,000,000-letter paste took 2.6 s, not 2.1 s.
        # The pasted text alone is looked at first (a paste joining a run already there
        # is `_run_put_in`'s).
        if source.hasText():
            self._wrap_anywhere_for(source.text())
        super().insertFromMimeData(source)
        # Pasted over such a run (one pasted by mistake): back to words, laid out at once
        # now that no run is left. Kept, the text meant showed its words cut in two at
        # each line's end until it was shown anew.
        if self.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere and (
            not has_unbroken_run(self.document().toRawText())
        ):
            self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)


def field_text(field: QLineEdit | QPlainTextEdit) -> str:
    """The text `field` holds: a line field's text; a box's characters as it shows them,
    each line break one "\n" (`typed_lines`: the box holds Enter and a pasted "\r\n"
    as U+2029, Shift+Enter as U+2028)."""
    if isinstance(field, QLineEdit):
        return field.text()
    return typed_lines(field.document().toRawText())


def typed_or_stored(field: QLineEdit | QPlainTextEdit) -> str:
    """What `field` saves: the stored value it was filled with (`fill_typed_line`,
    `fill_typed_lines`) while it still holds what it showed for it, else its text as
    typed text is saved (`field_text`)."""
    stored = field.property(_STORED)
    as_saved = typed_line if isinstance(field, QLineEdit) else typed_lines
    text = as_saved(field_text(field))
    if isinstance(stored, str) and text == as_saved(stored):
        return stored
    return text


def keep_typed_lines(*fields: QLineEdit) -> None:
    """Make what is typed or pasted into `fields` the text it is saved as, as it comes in
    (the caret kept after the text it followed)."""
    for field in fields:
        field.textEdited.connect(lambda text, field=field: as_typed(field, text))


def as_typed(field: QLineEdit, text: str) -> str:
    """`field`'s edited `text` as it is saved, put in the field when it differs (a paste
    with a bidi control or a line break): returned for the caller to save."""
    clean = typed_line(text)
    if clean != text:
        caret = len(typed_line(text[: field.cursorPosition()]))
        field.setText(clean)
        field.setCursorPosition(caret)
    return clean
