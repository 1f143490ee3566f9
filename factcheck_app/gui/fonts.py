"""Fonts when the system's font configuration offers none.

A desktop whose fontconfig lists no font (a broken or emptied configuration: a user's
fonts.conf with an error, FONTCONFIG_FILE set by a locked-down session) showed every
word of the window as empty boxes, menus, articles and messages alike, and said nothing;
the PDF export refused. The font files are usually still there, in the standard font
folders: the desk loads them itself, and says so in the log.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication

from factcheck_app import config

logger = logging.getLogger(__name__)

# Families looked for first, in the order the desk prefers them (the PDF report's too).
SERIF_FAMILIES = ("DejaVu Serif", "Noto Serif", "Liberation Serif", "Georgia", "Times New Roman")
SANS_FAMILIES = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "Helvetica Neue", "Arial")
# Font files loaded first when the desk loads them itself, and how many at most (a
# folder of thousands would cost seconds; a few families with their bold and italic do).
PREFERRED_FILES = ("DejaVu", "Liberation", "Noto")
MAX_FILES = 48
FONT_SUFFIXES = (".ttf", ".otf")

NO_FONT = (
    "No usable font is installed, so the desk would show empty boxes instead of text. "
    "Install a font package (on Debian/Ubuntu: fonts-dejavu-core)."
)

_state: dict[str, bool] = {}  # "checked": the fallback was looked for in this process


def usable_family(preferred: tuple[str, ...] = SERIF_FAMILIES + SANS_FAMILIES) -> str | None:
    """A scalable font family that is really there (not a substitute), preferred first."""
    families = QFontDatabase.families()
    candidates = [f for f in preferred if f in families] + list(families)
    for family in candidates:
        if not QFontDatabase.isScalable(family) or QFontDatabase.isPrivateFamily(family):
            continue
        if QFontInfo(QFont(family)).family() == family:
            return family
    return None


def font_folders() -> list[Path]:
    """The folders fonts are installed in (the XDG base directories' `fonts`, ~/.fonts)."""
    data_home = os.environ.get("XDG_DATA_HOME", "")
    if not os.path.isabs(data_home):
        data_home = str(config.home() / ".local" / "share")
    data_dirs = os.environ.get("XDG_DATA_DIRS", "") or "/usr/local/share:/usr/share"
    bases = [data_home, *(d for d in data_dirs.split(os.pathsep) if os.path.isabs(d))]
    return [Path(base) / "fonts" for base in bases] + [config.home() / ".fonts"]


def font_files(folders: list[Path]) -> list[Path]:
    """Up to MAX_FILES font files in `folders`, those of PREFERRED_FILES first."""
    found: list[Path] = []
    for folder in folders:
        for root, _dirs, names in os.walk(folder):
            found.extend(Path(root) / n for n in names if n.lower().endswith(FONT_SUFFIXES))

    def rank(path: Path) -> tuple[int, str]:
        prefix = next((i for i, p in enumerate(PREFERRED_FILES) if path.name.startswith(p)), 99)
        return prefix, path.name

    return sorted(found, key=rank)[:MAX_FILES]


def ensure_fonts(folders: list[Path] | None = None) -> str | None:
    """Make sure the desk can draw text: None when it can (loading the installed font files
    itself when the font configuration lists none), else what is wrong, in one line.

    Needs the application object; looks once per process. The application's font becomes
    a loaded sans family when one had to be loaded (Qt's default named no real font)."""
    if _state.get("checked"):
        return None if usable_family() else NO_FONT
    _state["checked"] = True
    if usable_family() is not None:
        return None
    folders = font_folders() if folders is None else folders
    loaded = [
        path for path in font_files(folders) if QFontDatabase.addApplicationFont(str(path)) >= 0
    ]
    sans = usable_family(SANS_FAMILIES + SERIF_FAMILIES)
    if sans is None:
        logger.warning("No usable font: none is configured, and none was found in %s", folders)
        return NO_FONT
    logger.warning(
        "The font configuration lists no usable font: %d font files loaded from %s (%s)",
        len(loaded),
        ", ".join(str(f) for f in folders if f.is_dir()),
        sans,
    )
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        font = QFont(app.font())
        font.setFamilies([sans])
        QGuiApplication.setFont(font)
    return None
