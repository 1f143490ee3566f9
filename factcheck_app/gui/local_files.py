"""Files named to the window by Qt (dropped, pasted, picked in a file dialog), as the
paths they name byte for byte; and the desk's paths as Qt names them."""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path
from urllib.parse import quote_from_bytes, unquote_to_bytes

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


def _python_names_files_as_qt() -> bool:
    """True where Python and Qt spell a file's name alike: everywhere but a Unix locale
    that is not UTF-8 (Qt 6 spells names in UTF-8 there all the same)."""
    return sys.platform == "win32" or codecs.lookup(sys.getfilesystemencoding()).name == "utf-8"


def path_from_qt(name: str) -> Path:
    """The file a file dialog's answer names, as Python opens it.

    Qt 6 spells file names in UTF-8 whatever the locale (and switches itself to C.UTF-8);
    Python spells them in the locale's encoding. In a locale that is not UTF-8 (an old
    desktop's LANG=fr_FR.ISO-8859-1; LC_ALL=C with PYTHONUTF8=0) a file picked in File →
    Open Article whose name or folder had an accent was "café.txt: no such file", one
    picked in File → Open Workspace "not there" (a new, empty one offered in its place),
    and a folder picked to export into not written to. (With LC_ALL=C and PYTHONUTF8=0:
    the crash box.) Its UTF-8 bytes are taken as Python reads them here."""
    if _python_names_files_as_qt():
        return Path(name)
    return Path(os.fsdecode(name.encode("utf-8", "surrogatepass")))


def qt_name(path: str | Path) -> str:
    """A folder of the desk's (a file chooser's starting folder, *Save to*'s) spelled as
    Qt reads it: the inverse of `path_from_qt`; the same text where the two spell names
    alike. A name the desk makes up (a report's, a copy's) is text: it is not put here."""
    if _python_names_files_as_qt():
        return str(path)
    return os.fsencode(path).decode("utf-8", "replace")


def qt_can_name(path: str | Path) -> bool:
    """Can Qt's text name `path`? Not a name whose bytes are not UTF-8 (Latin-1 bytes from
    an old archive, a home folder from an old system): Qt drops or replaces them, naming
    a file that is not there."""
    if _python_names_files_as_qt():
        try:
            str(path).encode("utf-8")
        except UnicodeEncodeError:  # Python's escapes for bytes that are not UTF-8
            return False
        return True
    try:
        os.fsencode(path).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False
    return True


def url_of(path: Path) -> QUrl:
    """The URL of the local file `path`, for the desktop to open: the inverse of `path_of`.

    `QUrl.fromLocalFile(str(path))` spelled the name as Qt does, in UTF-8 of Python's
    text: the file manager (Help → Open Log Folder) and File → Open Last Export were
    handed a file that is not there when its name's bytes were not UTF-8, or in a locale
    that is not UTF-8 when it had an accent. Such bytes go percent-encoded, as a file
    manager hands them over."""
    if sys.platform == "win32" or qt_can_name(path):  # Windows names are text
        return QUrl.fromLocalFile(qt_name(path))
    encoded = quote_from_bytes(os.fsencode(os.path.abspath(path)), safe="/")
    return QUrl.fromEncoded(f"file://{encoded}".encode("ascii"))


def real_path(path: Path) -> Path:
    """`path` with its links followed as far as they lead. `Path.resolve` raised
    RuntimeError ("Symlink loop from …") for a loop of links on Python 3.11, and the
    window showed its crash box where the open was to refuse it in words."""
    return Path(os.path.realpath(path))
