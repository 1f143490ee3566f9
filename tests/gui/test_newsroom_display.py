"""The window under a newsroom's display settings: a dark desktop theme (Fusion with a dark
palette), a large font, and a screen reader. Every text stays readable (contrast of at
least 4.5 against what it is drawn on, WCAG's AA for body text) and every control says
what it is."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from factcheck_app.gui.main_window import MainWindow

READABLE = 4.5

DARK = {
    QPalette.ColorRole.Window: "#353535",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#232323",
    QPalette.ColorRole.AlternateBase: "#353535",
    QPalette.ColorRole.ToolTipBase: "#353535",
    QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#a0a0a0",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.Link: "#2a82da",
    QPalette.ColorRole.Highlight: "#2a82da",
    QPalette.ColorRole.HighlightedText: "#000000",
}


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def drawn_contrast(widget: QWidget, within: QWidget | None = None) -> float:
    """The contrast of the text `within` (default: all of `widget`) as `widget` paints it:
    its most common colour is the background, the colour farthest from it the text."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    area = QRect(0, 0, image.width(), image.height())
    if within is not None:
        area = QRect(within.mapTo(widget, within.rect().topLeft()), within.size())
        ratio = image.width() / max(1, widget.width())
        area = QRect(
            int(area.x() * ratio),
            int(area.y() * ratio),
            int(area.width() * ratio),
            int(area.height() * ratio),
        )
    pixels = Counter(
        image.pixel(x, y)
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    )
    background = QColor(pixels.most_common(1)[0][0])
    return max(contrast(background, QColor(pixel)) for pixel in pixels)


@pytest.fixture
def dark_desktop() -> Iterator[QPalette]:
    """Fusion with a dark palette, as a dark desktop theme gives, for one test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), QPalette(app.palette())
    app.setStyle(QStyleFactory.create("Fusion"))
    dark = QPalette()
    for role, colour in DARK.items():
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    yield dark
    app.setStyle(QStyleFactory.create(style))
    app.setPalette(palette)


def test_the_welcome_note_is_readable_on_a_dark_desktop(
    dark_desktop: QPalette, window: MainWindow
) -> None:
    """The welcome's words were drawn in the theme's white on the note's pale blue."""
    window.show_welcome(sample=True)
    QApplication.processEvents()
    note = window.welcome
    assert drawn_contrast(note, note.label) >= READABLE


def test_the_read_only_banner_is_readable_on_a_dark_desktop(
    dark_desktop: QPalette, window: MainWindow
) -> None:
    """Why the workspace is read-only was white on the banner's pale yellow."""
    banner = window.read_only_banner
    banner._label.setText("Another program is changing this workspace.")
    banner.show()
    QApplication.processEvents()
    assert drawn_contrast(banner, banner._label) >= READABLE
