"""The window on a high-contrast desktop theme: white on pure black, or black on pure
white. The dark theme of `test_newsroom_display.py` is dark grey; on pure black or white
a colour made readable (`gui.colours.readable`) must still move off the background."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory
from pytestqt.qtbot import QtBot

from factcheck_app.gui.colours import READABLE_CONTRAST, contrast, readable
from factcheck_app.gui.main_window import MainWindow
from tests.gui.test_assist_in_window import wait_for_suggestions
from tests.gui.test_newsroom_display import drawn_contrast

R = QPalette.ColorRole


@pytest.mark.parametrize(
    ("colour", "background"),
    [
        ("#000000", "#000000"),  # a theme's black placeholder on its black window
        ("#ffffff", "#ffffff"),
        ("#000000", "#232323"),
        ("#ffffff", "#efefef"),
    ],
)
def test_black_or_white_is_made_readable_too(colour: str, background: str) -> None:
    """Pure black (lightness 0) on a dark background was given back as it was: the
    search for a lighter shade stopped before its first step (1.0 on black)."""
    made = readable(colour, QColor(background))
    assert contrast(QColor(made), QColor(background)) >= READABLE_CONTRAST, made


@pytest.fixture
def white_on_black() -> Iterator[None]:
    """Fusion with a white-on-black palette, as a high-contrast theme sets it: the
    colours of text and backgrounds, the placeholder left at Fusion's (black, half
    strength), as a theme that does not name it leaves it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), QPalette(app.palette())
    fusion = QStyleFactory.create("Fusion")
    app.setStyle(fusion)
    chosen = QPalette(fusion.standardPalette())
    for role, colour in {
        R.Window: "#000000",
        R.WindowText: "#ffffff",
        R.Base: "#000000",
        R.AlternateBase: "#000000",
        R.Text: "#ffffff",
        R.Button: "#000000",
        R.ButtonText: "#ffffff",
        R.Highlight: "#ffffff",
        R.HighlightedText: "#000000",
    }.items():
        chosen.setColor(role, QColor(colour))
    app.setPalette(chosen)
    yield
    app.setStyle(QStyleFactory.create(style))
    app.setPalette(palette)


def test_faint_notes_read_on_a_white_on_black_theme(
    white_on_black: None, qtbot: QtBot, window: MainWindow
) -> None:
    """The suggestion, "In article order" and "No sources yet" were black on black."""
    window.resize(1280, 800)
    wait_for_suggestions(qtbot, window)
    window.select_sentence(window.sentence_model.sentence_row(3).sentence.id)
    QApplication.processEvents()
    panel = window.panel
    assert panel.hint_label.text().startswith("Suggested:")
    assert drawn_contrast(panel, panel.hint_label) >= READABLE_CONTRAST
    assert window.order_label.isVisible() and window.order_label.text()
    assert drawn_contrast(window.centralWidget(), window.order_label) >= READABLE_CONTRAST
    sources = panel.sources_view
    assert sources.model().rowCount() == 0 and sources.empty_text
    assert drawn_contrast(sources, inset=4) >= READABLE_CONTRAST
