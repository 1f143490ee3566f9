"""A dark desktop theme's palette (Fusion's look, as KDE's Breeze Dark or a dark GNOME
theme gives Qt): the colours the dark-desktop tests (tests/gui/test_newsroom_display.py)
and the dark screenshots (docs/screenshots/make_large_font_dark.py) paint the window
with. Only PySide6 is imported here: the screenshot script imports it outside pytest."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

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
DISABLED_TEXT = "#7f7f7f"  # the grey a dark theme gives disabled text


def paint_dark(palette: QPalette) -> None:
    """The dark colours, and the grey a dark theme gives disabled text."""
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT))


def dark_palette() -> QPalette:
    """A new palette painted dark (`paint_dark`)."""
    palette = QPalette()
    paint_dark(palette)
    return palette
