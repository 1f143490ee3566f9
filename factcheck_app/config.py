"""Application identity, data folders and defaults. No Qt here: the CLI uses it too."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Factcheck desk"
APP_ID = "factcheck-desk"
ORGANIZATION = "Factcheck desk"
WORKSPACE_SUFFIX = ".fcdesk"
DEFAULT_WORKSPACE_NAME = "workspace" + WORKSPACE_SUFFIX


def home() -> Path:
    """The home folder; "/" when none is known (HOME unset, and an account missing from
    the password database: a container's or a directory service's user), as Qt does.

    Path.home() raised there, so every command and the window stopped on a traceback,
    even with --workspace given; now the folders under "/" that cannot be made are named
    in the usual one-line message, and a named workspace opens.
    """
    try:
        return Path.home()
    except RuntimeError:
        return Path(os.sep)


def user_path(value: str | Path) -> Path:
    """A path as the user wrote it, a leading "~" made the home folder. A launcher, a
    systemd unit, /etc/environment and `--option=~/x` leave "~" as it is: used as such it
    made a folder named "~" in whatever folder the desk started from."""
    path = Path(value)
    try:
        return path.expanduser()
    except RuntimeError:  # no home folder known to put in its place: as it was written
        return path


# The folders the environment may name for the desk; a relative one is refused. HOME
# too, where the data folder, the log and the window's settings are found from it (a
# launcher's or a container's `HOME=home/ana`: each start from another folder made and
# used another workspace, as a relative FACTCHECK_DATA_DIR did).
FOLDER_SETTINGS = ("FACTCHECK_DATA_DIR", "FACTCHECK_LOG_DIR") + (
    () if sys.platform == "win32" else ("HOME",)
)


def environment_problem() -> str | None:
    """Why the desk must not start with this environment, in one line, or None.

    A relative FACTCHECK_DATA_DIR (or FACTCHECK_LOG_DIR, or HOME) was taken from whatever folder
    the desk started in: the window started from another folder, or a script run from
    another, silently made and used another workspace. Refused rather than guessed at,
    so whoever set it (IT, a launcher, a script) hears at once."""
    for name in FOLDER_SETTINGS:
        value = os.environ.get(name)
        if not value or user_path(value).is_absolute():
            continue
        try:
            example = f", such as {Path.cwd() / user_path(value)}"
        except OSError:  # the current folder was deleted: no example to give
            example = ""
        return (
            f"{name} is a relative path ({value}), which would mean another folder for "
            f"each folder the desk starts in: set it to a full path{example}."
        )
    return None


def temporary_folder_variable() -> str:
    """The environment variable that moves SQLite's temporary folder: TMP on Windows
    (GetTempPath reads it first; TMPDIR is never read there), else TMPDIR."""
    return "TMP" if sys.platform == "win32" else "TMPDIR"


def user_data_dir() -> Path:
    """Per-user folder for workspaces and backups (XDG on Linux, the platform's norm elsewhere)."""
    override = os.environ.get("FACTCHECK_DATA_DIR")
    if override:
        return user_path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home() / "Library" / "Application Support"
    else:
        data = os.environ.get("XDG_DATA_HOME", "")
        if not os.path.isabs(data):  # unset, or relative: the XDG spec says to ignore it
            data = str(home() / ".local" / "share")
        base = Path(data)
    return base / APP_ID


def user_log_dir() -> Path:
    """Per-user folder for the log file, where each platform keeps application logs."""
    override = os.environ.get("FACTCHECK_LOG_DIR")
    if override:
        return user_path(override)
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA") or home() / "AppData" / "Local"
        return Path(local) / APP_ID / "Logs"
    if sys.platform == "darwin":
        return home() / "Library" / "Logs" / APP_ID
    state = os.environ.get("XDG_STATE_HOME", "")
    if not os.path.isabs(state):  # unset, or relative: the XDG spec says to ignore it
        state = str(home() / ".local" / "state")
    return Path(state) / APP_ID / "log"


def default_workspace_path() -> Path:
    """The workspace opened when none is named."""
    return user_data_dir() / DEFAULT_WORKSPACE_NAME


def bundle_root() -> Path:
    """Folder holding bundled data (seeds): the PyInstaller bundle, else the source tree."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def seed_dir() -> Path:
    """Sample articles imported into a new default workspace."""
    packaged = Path(__file__).resolve().parent / "seeds"
    if packaged.is_dir():
        return packaged
    return bundle_root() / "seeds"
