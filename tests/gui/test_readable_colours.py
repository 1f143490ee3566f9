"""`gui.colours.readable` on every grey a theme may paint a window in, mid-greys too,
where neither lighter nor darker has much room: it ends, and what it gives reads."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from factcheck_app.gui.colours import ERROR, FAINT, READABLE_CONTRAST, WARNING, contrast, readable


@pytest.mark.parametrize("colour", [FAINT, ERROR, WARNING, "#000000", "#ffffff", "#777777"])
def test_a_colour_made_readable_reads_on_every_grey(colour: str) -> None:
    """Lighter below a luminance of 0.18, darker above: white on the lightest grey it
    lightens on reads at 4.57, black on the darkest it darkens on at 4.6, so the search
    reaches 4.5 at the latest at white or black, and stops there."""
    for level in range(256):
        background = QColor(level, level, level)
        made = readable(colour, background)
        assert contrast(QColor(made), background) >= READABLE_CONTRAST, (colour, level, made)
