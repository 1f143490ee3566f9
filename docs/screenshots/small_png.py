"""Screenshots saved small: a 256-colour PNG with the image's own colours, Qt only."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage


def save_small(image: QImage, out: Path) -> None:
    """Save as a 256-colour PNG, about a third of the bytes of a full-colour one.

    The palette is the image's 256 most frequent colours, so the tag and verdict colours
    and the selection stay exact; only rare anti-aliasing shades of text go to the nearest
    one. Qt's own fixed palette would turn the verdict green grey."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    counts = Counter(memoryview(image.constBits()).cast("I"))
    table = [colour | 0xFF000000 for colour, _ in counts.most_common(256)]
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
    small = image.convertToFormat(QImage.Format.Format_Indexed8, table, flags)
    small.save(str(out), quality=0)  # for PNG, 0 is the most compression, not the least detail


if __name__ == "__main__":
    # Re-save screenshots made elsewhere (a test's grab, say) small, in place:
    #     .venv/bin/python docs/screenshots/small_png.py docs/screenshots/conflict-panel.png
    import sys

    for name in sys.argv[1:]:
        save_small(QImage(name), Path(name))
        print(f"wrote {name}")
