"""A bidi override (U+202E) inside an article's text is invisible, and shows everything
after it in its paragraph reversed: the next sentences too, so the sentence the reviewer
reads is not the one stored, searched and exported. The article view and the sentence
list show the text in its stored order (the override as an invisible neutral character,
so every offset stays where it was)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SentenceColumn
from factcheck_app.services.desk import Desk

TEXT = "Police said \u202e.deid elpoep 04 The army denied \u2066it\u2069. Nothing more."


def test_bidi_controls_in_the_text_reverse_nothing_in_the_window(
    desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    desk.importer.import_text(TEXT)
    window = make_window(desk)
    shown = window.article_view.toPlainText()
    assert len(shown) == len(TEXT)
    assert not any(c in shown for c in "\u202e\u2066\u2069")
    assert shown.replace("\u200b", "") == TEXT.translate(dict.fromkeys([0x202E, 0x2066, 0x2069]))
    model = window.sentence_model
    for row in range(model.rowCount()):
        cell = model.index(row, SentenceColumn.TEXT).data(Qt.ItemDataRole.DisplayRole)
        tip = model.index(row, SentenceColumn.TEXT).data(Qt.ItemDataRole.ToolTipRole)
        assert not any(c in cell + tip for c in "\u202e\u2066\u2069")
