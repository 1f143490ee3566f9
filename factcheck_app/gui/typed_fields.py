"""One-line fields that show what they save: the claimant, a source's title and
publisher, an article's title, outlet and author.

A bidi control (a right-to-left override, U+202E) is invisible in a line field and shows
the text after it reversed; a line break shows as a space. A stored value holding them
(a colleague's merged file, an imported page) made the field lie about what it holds,
and one pasted in was saved so. The rule (`domain.printable.typed_line`, docs/safety.md
"Typed text"): a field shows its stored value without bidi controls, each line break a
space; what is typed or pasted in is kept so as it comes in, and saved so; a value
nobody typed in is saved back as it was stored (a field merely shown changes nothing).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from factcheck_app.domain.printable import typed_line

_STORED = "storedText"  # the field's property: the value it was filled with, as stored


def fill_typed_line(field: QLineEdit, stored: str) -> None:
    """Show `stored` in `field` as typing would save it, keeping `stored` for
    `typed_or_stored`."""
    field.setProperty(_STORED, stored)
    field.setText(typed_line(stored))


def typed_or_stored(field: QLineEdit) -> str:
    """What `field` saves: the stored value it was filled with while its text is still the
    one shown for it, else its text as typed text is saved."""
    stored = field.property(_STORED)
    if isinstance(stored, str) and field.text() == typed_line(stored):
        return stored
    return typed_line(field.text())


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
