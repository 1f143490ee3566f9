"""What a multi-line box saves (`gui/typed_fields.field_text`), against what Qt's box
holds: every character as shown (a no-break space too, which its `toPlainText` gives as a
plain space), each line break one "\\n"; a stored text shown and not typed in is kept."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from factcheck_app.domain.printable import typed_lines
from factcheck_app.gui.typed_fields import field_text, fill_typed_lines, typed_or_stored
from tests.gui.test_special_spaces_kept import FRENCH, NARROW, NBSP, THIN, type_text


def test_a_box_holds_each_line_break_as_one_newline_and_every_space_as_typed(
    qtbot: QtBot,
) -> None:
    """What the boxes save (`field_text`), against what Qt's box holds: Enter and a pasted
    "\\r\\n" or "\\r" are U+2029 in it, Shift+Enter U+2028, the special spaces themselves;
    a stored text shown in it reads back as typed text is saved (`typed_lines`)."""
    box = QPlainTextEdit()
    qtbot.add_widget(box)
    type_text(box, f"32{NBSP}%\nM.{NARROW}Dupont\v{THIN}fin")
    assert box.document().toRawText() == f"32{NBSP}%\u2029M.{NARROW}Dupont\u2028{THIN}fin"
    assert field_text(box) == f"32{NBSP}%\nM.{NARROW}Dupont\n{THIN}fin"
    box.clear()
    QApplication.clipboard().setText(f"a\r\nb\rc{NBSP}d\u2029e\u2028f\n")
    box.paste()
    assert field_text(box) == f"a\nb\nc{NBSP}d\ne\nf\n"
    for stored in (FRENCH, "a\r\nb\rc\u2028d\u2029e\ufdd0f\ufdd1g\th\x0bi\n", ""):
        fill_typed_lines(box, stored)
        assert field_text(box) == typed_lines(stored)
        assert typed_or_stored(box) == stored  # shown, not typed in: kept as stored
    type_text(box, "!")
    assert typed_or_stored(box) == "!"
