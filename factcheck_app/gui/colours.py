"""Colours that stay readable on the reviewer's theme, light or dark.

A colour chosen for a white window (the dark red of an error) is near invisible on a dark
desktop theme's grey. `readable` keeps the colour's hue and makes it lighter (on a dark
background) or darker (on a light one) until its contrast is WCAG's 4.5 for body text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

READABLE_CONTRAST = 4.5
FAINT = "#8a8a8a"  # a suggestion, not a decision
ERROR = "#b3261e"  # a refused entry, a failed export, typed text not saved
WARNING = "#7a4f00"


def luminance(colour: QColor) -> float:
    """Relative luminance, as WCAG defines it."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(colour: str, background: QColor) -> str:
    """`colour`, or the nearest shade of its hue that reads on `background` (#rrggbb)."""
    shade = QColor(colour)
    hue, saturation, lightness = shade.hslHueF(), shade.hslSaturationF(), shade.lightnessF()
    step = 0.02 if luminance(background) < 0.18 else -0.02
    # Measured as it will be drawn: in whole 8-bit steps. Stops only where the shade can
    # go no further its way (black, say, can still go lighter: a white-on-black theme's
    # placeholder is black).
    while contrast(QColor(shade.name()), background) < READABLE_CONTRAST and (
        lightness < 1.0 if step > 0 else lightness > 0.0
    ):
        lightness = min(1.0, max(0.0, lightness + step))
        shade = QColor.fromHslF(max(hue, 0.0), saturation, lightness)
    return shade.name()


def readable_on(colour: str, widget: QWidget) -> str:
    """`colour` made readable on what `widget` is drawn on (its palette's window colour)."""
    return readable(colour, _theme(widget).color(QPalette.ColorRole.Window))


def faint_on(widget: QWidget) -> str:
    """The theme's faint (placeholder) text colour as drawn on `widget`'s window colour,
    made readable: Qt's light palettes draw it at half strength, 3.9 on their grey."""
    palette = _theme(widget)
    back = palette.color(QPalette.ColorRole.Window)
    return readable(_drawn(palette.color(QPalette.ColorRole.PlaceholderText), back), back)


def _drawn(ink: QColor, back: QColor) -> str:
    """`ink` as it shows on `back` (a half-strength ink is half `back`)."""
    alpha = ink.alphaF()
    return QColor.fromRgbF(
        ink.redF() * alpha + back.redF() * (1 - alpha),
        ink.greenF() * alpha + back.greenF() * (1 - alpha),
        ink.blueF() * alpha + back.blueF() * (1 - alpha),
    ).name()


def _theme(widget: QWidget) -> QPalette:
    """The theme's palette for `widget`: not its own, which its style sheet's colour
    changes (a faint colour made from it would grow fainter at each change)."""
    return QApplication.palette(widget)


class _ReadableHint(QObject):
    """Keeps a field's placeholder (Qt's grey hint in an empty field) readable on it, and
    fills the field with the theme's window colour while it is `shaded` (it takes no
    typing: `shade_read_only`), the hint readable on that."""

    def __init__(self, field: QWidget) -> None:
        super().__init__(field)
        self.setObjectName(_HINT_NAME)
        self._field = field
        self.shaded = False
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.paletteChanged.connect(self.apply)
        self.apply()

    def apply(self, *_palette: object) -> None:
        # Judged on the theme's palette: the field's own is still the old one while the
        # application says its palette changed, and holds the colour set here before.
        theme = _theme(self._field)
        palette = QPalette()  # the field's other colours stay the theme's
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            ink = theme.color(group, QPalette.ColorRole.PlaceholderText)
            back = theme.color(
                group, QPalette.ColorRole.Window if self.shaded else QPalette.ColorRole.Base
            )
            if self.shaded:
                palette.setColor(group, QPalette.ColorRole.Base, back)
            drawn = _drawn(ink, back)
            made = readable(drawn, back)
            if made != drawn:  # else the theme's own, as it set it
                ink = QColor(made)
            palette.setColor(group, QPalette.ColorRole.PlaceholderText, ink)
        self._field.setPalette(palette)


_HINT_NAME = "readableHint"


def readable_hints(*fields: QWidget) -> None:
    """Draw the placeholder text of `fields` (line or text edits) in the theme's colour
    for it where that reads on the field (4.5:1), else in the nearest shade that does,
    again whenever the theme's palette changes. A theme that names no placeholder
    colour leaves Qt's half-strength black: black on a white-on-black theme, 4.0:1 on
    Fusion's white. Give every field with a placeholder text its colour this way."""
    for field in fields:
        _ReadableHint(field)


def shade_read_only(field: QWidget, shaded: bool) -> None:
    """Fill `field` (given `readable_hints`) with the theme's window colour while it takes
    no typing (`shaded`), as the panel around it, else with the theme's field colour; its
    hint stays readable either way, and on any theme."""
    hint = field.findChild(_ReadableHint, _HINT_NAME)
    if hint is not None and hint.shaded != shaded:
        hint.shaded = shaded
        hint.apply()


class _FollowPalette(QObject):
    def __init__(self, widget: QWidget, style: Callable[[], str]) -> None:
        super().__init__(widget)  # goes with the widget, and its connection with it
        self._widget = widget
        self._style = style
        # A widget with a style sheet gets no PaletteChange of its own when the theme
        # changes, and keeps the font it had when the sheet was set when the desktop's
        # font changes; the application says when either does.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.paletteChanged.connect(self.apply)
            app.fontChanged.connect(self._refont)
        self.apply()

    def apply(self, *_palette: object) -> None:
        style = self._style()
        if self._widget.styleSheet() != style:
            self._widget.setStyleSheet(style)

    def _refont(self, *_font: object) -> None:
        # Setting the same sheet again is a no-op for Qt: clear it, then set it.
        self._widget.setStyleSheet("")
        self._widget.setStyleSheet(self._style())


def follow_palette(widget: QWidget, style: Callable[[], str]) -> None:
    """Give `widget` the style sheet `style()` makes, and make it again whenever the
    theme's palette changes (a desktop switched to dark while the desk runs): colours
    made readable for the old palette may not be for the new one. Give every widget
    with a style sheet its sheet this way: it also takes the desktop's font when that
    changes, which a widget given a sheet directly does not."""
    _FollowPalette(widget, style)
