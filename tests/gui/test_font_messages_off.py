"""Qt's font messages never reach pytest-qt's message handler, which is written in Python.

Qt says them inside its font database's lock ("OpenType support missing for …", as the
window paints Devanagari in a font without it). A handler written in Python then needs
Python's lock while the font lock is held: the window's thread, painting in the event
loop without Python's lock, waited there for it, and a PDF export's worker, holding
Python's lock through a Qt call, waited for the font lock. Both hung for good
(docs/safety.md, "A PDF export that hung once"); the desk itself has no such handler
once it has started (gui/display.py's is for the start only)."""

from __future__ import annotations

from PySide6.QtCore import QLoggingCategory
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

FONT_CATEGORIES = ("qt.text.font.db", "qt.text.font.match", "qt.qpa.fonts")


def test_the_font_database_says_nothing_into_python(qtbot: QtBot, qtlog: object) -> None:
    label = QLabel("नमस्ते दुनिया, ताज़ा ख़बर")  # Devanagari, which DejaVu has no shaping for
    qtbot.add_widget(label)
    # Sizes no other test uses: each family's font is loaded here, not found loaded.
    for size, family in enumerate(["", *QFontDatabase.families(), "No Such Family"]):
        font = QFont(family) if family else QFont()
        font.setPointSizeF(41.25 + size / 8)
        label.setFont(font)
        label.grab()  # painted: the text shaped in each font
    records = qtlog.records  # type: ignore[attr-defined]
    said = [r.message for r in records if r.context.category.startswith(FONT_CATEGORIES)]
    assert said == []
    for name in FONT_CATEGORIES:
        category = QLoggingCategory(name)
        assert not category.isInfoEnabled() and not category.isWarningEnabled(), name
        assert not category.isCriticalEnabled() and not category.isDebugEnabled(), name
