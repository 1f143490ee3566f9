"""Files named to the window by URL (dropped, pasted), as the paths they name byte for byte."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QUrl


def path_of(url: QUrl) -> Path:
    """The local file `url` names (check `url.isLocalFile()` first).

    A file manager hands a name that is not UTF-8 (Latin-1 bytes from an old archive, a
    disk written by another system) over with its bytes percent-encoded; Qt's
    `toLocalFile` decodes them as UTF-8 and puts U+FFFD for each byte it cannot read,
    naming a file that is not there ("Wahl �bersicht.txt: no such file"). The bytes are
    taken as they are here, as Python names such a file."""
    if sys.platform == "win32" or url.host() not in ("", "localhost"):
        return Path(url.toLocalFile())  # Windows names are text; a share's is Qt's
    encoded = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
    return Path(os.fsdecode(unquote_to_bytes(encoded)))


def real_path(path: Path) -> Path:
    """`path` with its links followed as far as they lead. `Path.resolve` raised
    RuntimeError ("Symlink loop from …") for a loop of links on Python 3.11, and the
    window showed its crash box where the open was to refuse it in words."""
    return Path(os.path.realpath(path))
