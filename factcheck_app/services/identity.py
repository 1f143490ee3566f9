"""Who is reviewing: the reviewer's name and initials, asked once and kept per user.

The name is the person's, not the workspace's, so it lives in the user's data folder
(``reviewer.json``) where the window and the command line both read it, without Qt.
Whoever makes an edit is, in order: the name given for this run (``--reviewer``), the
``FACTCHECK_REVIEWER`` environment variable, the stored name, then the operating
system's full name for the account, then the login name.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import getpass
import json
import logging
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck_app import config
from factcheck_app.domain.errors import ExportRefused, InvalidReviewer
from factcheck_app.domain.printable import MAX_NAME, capped_name, shown_name
from factcheck_app.services.reports.atomic import write_atomically

__all__ = [
    "MAX_NAME",
    "Reviewer",
    "capped_name",
    "current_reviewer",
    "environment_reviewer",
    "identity_file",
    "initials_of",
    "name_file_problem",
    "os_full_name",
    "reviewer_from",
    "save_reviewer",
    "stored_reviewer",
    "visible_name",
]

MAX_INITIALS = 4
MAX_FILE_BYTES = 64 * 1024  # a name and its initials take a few hundred
logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Reviewer:
    name: str
    initials: str


def identity_file() -> Path:
    return config.user_data_dir() / "reviewer.json"


def initials_of(name: str) -> str:
    """ "Priya Natarajan" → "PN"; "Jean-Luc Picard" → "JLP" (at most four letters)."""
    words = name.replace("-", " ").split()
    letters = [w[0] for w in words if w[0].isalpha()]
    return "".join(letters[:MAX_INITIALS]).upper()


def _clean(text: str) -> str:
    """One line of visible text: control and format characters (a terminal's escape
    sequences, bidi overrides) go, line breaks and runs of spaces become one space.
    Bytes that were not UTF-8 (`_readable`) show as such."""
    return shown_name(_readable(text))


def _readable(text: str) -> str:
    """A name from the system (`--reviewer`, FACTCHECK_REVIEWER, the account) with bytes
    that were not UTF-8 shown as a file manager shows them: dropped as the control
    characters Python keeps them as, "Zoë Berg" in Latin-1 was every edit's "Zo Berg".
    Only those escapes: another lone surrogate (half an emoji in a JSON file) is no byte
    of the system's, and goes as before."""
    return "".join("\ufffd" if "\udc80" <= c <= "\udcff" else c for c in text)


def visible_name(text: str) -> str:
    """A name from elsewhere (a review file) recorded as a typed one is: one line of
    visible text (see `_clean`)."""
    return _clean(text)


def reviewer_from(name: str, initials: str = "") -> Reviewer:
    """A reviewer from what was typed, or InvalidReviewer saying what is wrong."""
    clean = _clean(name)
    if not clean:
        raise InvalidReviewer("Type the reviewer's name: it is recorded with every edit.")
    if len(clean) > MAX_NAME:
        raise InvalidReviewer(f"The reviewer's name can be at most {MAX_NAME} characters.")
    short = _clean(initials).replace(" ", "") or initials_of(clean)
    if len(short) > MAX_INITIALS:
        raise InvalidReviewer(f"Initials can be at most {MAX_INITIALS} letters.")
    return Reviewer(clean, short)


def stored_reviewer() -> Reviewer | None:
    """The name saved by the first-start question or Preferences (None: never asked)."""
    return _stored()[0]


def name_file_problem() -> str | None:
    """Why the name file there is passed over (damaged, no ordinary file), in words; None
    when there is none or it reads. A command recording changes under the account's
    name then says so: without a word, the reviewer's name was on none of them."""
    return _stored()[1]


def _stored() -> tuple[Reviewer | None, str | None]:
    """The stored name, or None with why the file there is passed over (None: no file)."""
    path = identity_file()
    try:
        data = _parsed(path)
        if not isinstance(data, dict) or "name" not in data:  # a list, a number, "{}"
            raise ValueError("it holds no name")
        name, initials = data["name"], data.get("initials")
        if not isinstance(name, str):
            # A hand-edited file's `null`: str() made every edit's history entry, for
            # good, "None"'s. Asked again, as a damaged file is.
            raise TypeError(f"the name is not text but {json.dumps(name)[:40]}")
        reviewer = _with_initials(name, initials if isinstance(initials, str) else "")
        _warned_about.clear()  # mended: a damage after it is said again
        return reviewer, None
    except (FileNotFoundError, NotADirectoryError):  # none there (nor a folder for it)
        _warned_about.clear()
        return None, None
    except (OSError, ValueError, KeyError, TypeError, InvalidReviewer) as error:
        # A damaged file asks again on the next start; nothing else depends on it.
        _warn_once(path, error)
        why = error.strerror if isinstance(error, OSError) and error.strerror else error
        return None, f"{path} cannot be read as your name ({str(why).rstrip('.')})"


# The damage last written to the log: the file's path, its state and what is wrong. The
# window reads the file each time it comes to the front, and a damaged one wrote its
# warning at every Alt+Tab; it is written again only when the file changes.
_warned_about: list[tuple[str, tuple[int, int, int] | None, str]] = []


def _warn_once(path: Path, error: Exception) -> None:
    """Log why the name file is passed over, once for as long as it stays so."""
    try:
        found = os.stat(path)  # a pipe or a device too: stat opens nothing
        state: tuple[int, int, int] | None = (found.st_ino, found.st_size, found.st_mtime_ns)
    except OSError:
        state = None
    damage = (str(path), state, str(error))
    if damage in _warned_about:
        return
    _warned_about[:] = [damage]
    logger.warning("Ignoring the reviewer file %s: %s", path, error)


def _with_initials(name: str, initials: str) -> Reviewer:
    """The stored name with its stored initials, or with the name's own when those are
    ones the box would refuse (a hand edit's "J.-L.P."): the whole file was passed over,
    and every command recorded the account's name in place of the one written there."""
    try:
        return reviewer_from(name, initials)
    except InvalidReviewer:
        if not initials:
            raise  # the name itself is refused
        return reviewer_from(name)


def save_reviewer(reviewer: Reviewer) -> None:
    """Keep the name for the next start; OSError when it cannot be (a folder that cannot
    be written, a reviewer.json made read-only)."""
    path = identity_file()
    data = _other_fields(path)
    data.update(name=reviewer.name, initials=reviewer.initials)
    path.parent.mkdir(parents=True, exist_ok=True)  # asked before anything else was kept
    try:
        write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    except ExportRefused as refused:
        # An export's refusal ("choose another name"), not an OSError: Preferences ended
        # in the "Something went wrong" box over a read-only reviewer.json.
        raise PermissionError(errno.EACCES, f"{path.name} cannot be replaced") from refused


def _read_name_file(path: Path) -> bytes:
    """The name file's bytes; OSError, or ValueError for one that is no small ordinary
    file. A named pipe, or a link to /dev/zero, was read to an end that never comes:
    every command, and the window before its first question, hung without a word.
    Bytes: `json.loads` reads them in UTF-8, with or without the byte-order mark Notepad
    writes, and in UTF-16 ("Unicode"); a file corrected there was taken for damaged."""
    # O_NONBLOCK: opening a named pipe with no writer returns at once, to be refused.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags), "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise ValueError("it is not an ordinary file")
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"it is larger than {MAX_FILE_BYTES // 1024} KB")
    return data


def _parsed(path: Path) -> Any:  # what json.loads gives
    """The name file's JSON; OSError or ValueError for one that cannot be read as such.
    Brackets nested thousands deep (garbage under 64 KB) ran the reader out of Python's
    depth: a RecursionError stopped every import and crashed the window's start."""
    data = _read_name_file(path)
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("it is nested too deep to be a name file") from None


def _other_fields(path: Path) -> dict[str, object]:
    """What else the name file holds (a newer desk's fields), kept when the name is saved
    over it: they were dropped, and lost to the newer desk. Nothing from a damaged file."""
    try:
        data = _parsed(path)
    except (OSError, ValueError):
        return {}
    return dict(data) if isinstance(data, dict) else {}


def os_full_name() -> str:
    """The account's full name as the operating system knows it, else the login name;
    capped as a typed name is (`capped_name`)."""
    login = ""
    with contextlib.suppress(OSError, KeyError, ImportError):
        login = getpass.getuser()
    full = ""
    try:
        if sys.platform == "win32":
            full = _windows_display_name()
        elif hasattr(os, "getuid"):
            import pwd

            full = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0]
    except (OSError, KeyError, AttributeError, ValueError):
        full = ""
    return capped_name(_readable(full)) or capped_name(_readable(login))


def _windows_display_name() -> str:
    name_display = 3  # EXTENDED_NAME_FORMAT.NameDisplay
    size = ctypes.c_ulong(0)
    secur32 = ctypes.WinDLL("secur32")  # type: ignore[attr-defined,unused-ignore]
    secur32.GetUserNameExW(name_display, None, ctypes.byref(size))
    if not size.value:
        return ""
    buffer = ctypes.create_unicode_buffer(size.value)
    if not secur32.GetUserNameExW(name_display, buffer, ctypes.byref(size)):
        return ""
    return str(buffer.value)


def environment_reviewer() -> str | None:
    """The name ``FACTCHECK_REVIEWER`` gives (it outranks the stored name), or None."""
    named = capped_name(_readable(os.environ.get("FACTCHECK_REVIEWER", "")))
    return named or None


def current_reviewer(given: str | None = None) -> str:
    """Who an edit made now is recorded as (see the module's docstring). A name given
    empty (`--reviewer ""`: a script's unset variable) is refused, not replaced."""
    if given is not None:
        return reviewer_from(given).name
    from_environment = environment_reviewer()
    if from_environment is not None:
        return from_environment
    stored = stored_reviewer()
    if stored is not None:
        return stored.name
    return os_full_name() or "reviewer"
