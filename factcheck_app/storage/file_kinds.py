"""What a name given for a new file leads to, when it is not a file of its own: a device,
a named pipe, a socket, or one of this program's open files (/dev/stdout). Such a name is
written into, never replaced: a file renamed over it took the place of the pipe, of the
/dev/stdout link itself (as root), or of whatever file the shell had opened there."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from factcheck_app.domain.file_modes import kind_of

# Where Linux lists a process's open files, one link per descriptor: /proc/self/fd/1,
# /proc/4121/fd/3, /proc/self/task/4122/fd/1. /dev/fd and /dev/stdout lead there.
_DESCRIPTORS = re.compile(r"/proc/(?:self|thread-self|\d+)(?:/task/\d+)?/fd")
_MOST_LINKS = 40  # as the system's own limit on links followed in one name


def descriptor_named(path: Path | str) -> int | None:
    """The descriptor number when `path` leads, through links, to a process's open file
    (/dev/stdout, /dev/fd/3, /proc/self/fd/1: the file the shell redirected to, which a
    rename over the resolved name replaces); None for any other name."""
    found = _descriptor(path)
    return None if found is None else found[1]


def names_standard_output(path: Path | str) -> bool:
    """Does `path` lead to this program's own standard output (/dev/stdout, /dev/fd/1)?"""
    found = _descriptor(path)
    if found is None or found[1] != 1:
        return False
    return found[0].startswith(f"/proc/{os.getpid()}/")


def _descriptor(path: Path | str) -> tuple[str, int] | None:
    """The folder of descriptors (its resolved name) and the number `path` leads to."""
    current = os.path.abspath(path)
    for _ in range(_MOST_LINKS):
        folder = os.path.realpath(os.path.dirname(current))
        name = os.path.basename(current)
        if _DESCRIPTORS.fullmatch(folder) and name.isdigit():
            return folder, int(name)
        try:
            leads_to = os.readlink(current)
        except (OSError, ValueError):  # not a link, or not there
            return None
        current = os.path.join(folder, leads_to)
    return None


def not_a_file(shown: Path | str, mode: int) -> str | None:
    """Why a name whose `os.stat` mode is `mode` is no file to replace (a device, a pipe, a
    socket), in one sentence; None for a regular file or a folder."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return f"{shown} is {kind_of(mode, fifo=True)}, not a file: choose a file name."


# Where SQLite keeps a workspace's companions: beside the file a link names (here, below
# workspace.py and backups.py, which both look there).
SIDE_FILES_OF_SQLITE = ("-wal", "-shm", "-journal")


def side_files_place(path: Path) -> tuple[Path, bool]:
    """Where SQLite keeps the workspace's -wal, -shm and -journal: beside the file a link
    names. As she sees it (the path given, made absolute) when only a folder on the way
    is a link (~/Documents on a second disk: the system follows it, and a note naming
    the other disk named a folder she never opened); the file's real path for a link at
    the file itself, with True: nothing is beside the name she opened, so what is beside
    it is named by its full path."""
    real = Path(os.path.realpath(path))
    shown = Path(os.path.abspath(path))
    if real.name == shown.name and real.parent == Path(os.path.realpath(shown.parent)):
        return shown, False
    return real, True


def side_files_there(
    path: Path, suffixes: tuple[str, ...] = SIDE_FILES_OF_SQLITE
) -> Iterator[tuple[str, Path, os.stat_result]]:
    """Each file SQLite keeps beside the workspace (of `suffixes`, in their order) that is
    there, as SQLite finds it, beside the file a link names (`side_files_place`): its name
    as she sees it, its path and what `os.stat` says of it. SQLite never follows a link at
    -wal or -shm (it calls the sound workspace "damaged… restore it from a backup"): such
    a link is looked at itself; it does follow one at -journal. One not to be looked at
    is left out: SQLite will say."""
    real, full = side_files_place(path)
    for suffix in suffixes:
        side = real.with_name(real.name + suffix)
        try:
            info = (os.stat if suffix == "-journal" else os.lstat)(side)
        except OSError:  # not there (or not to be looked at)
            continue
        yield (str(side) if full else side.name), side, info


def side_file_in_the_way(path: Path) -> tuple[str, str] | None:
    """A file SQLite keeps beside the workspace (NAME-wal, -shm, -journal) that is no
    file (a named pipe, a socket, a device, a folder: a stray `mkfifo`, a sync tool's
    placeholder; a link at -wal or -shm): its name as she sees it and what it is; None
    when each is a file or not there. SQLite cannot save there: every change ended in
    "disk I/O error… Check the disk", of a sound disk; a -shm (or a link at -wal or -shm)
    was "damaged… restore it from a backup"; a -journal's open waited for a writer for
    ever. Read alone (immutable), it touches none of them: the workspace opens read-only
    so, and Check Workspace and a cleaned copy read it so (`side_file_read_alone`)."""
    for named, side, info in side_files_there(path):
        if stat.S_ISREG(info.st_mode):
            continue
        kind = (
            f"a link to {os.readlink(side)}"
            if stat.S_ISLNK(info.st_mode)
            else kind_of(info.st_mode)
        )
        return named, kind
    return None


def in_the_way_words(
    in_the_way: tuple[str, str],
    why: str,
    then: str,
    *,
    nothing: str = "",
    to_edit: bool = False,
) -> str:
    """The sentences every refusal or note beside a side file in the way
    (`side_file_in_the_way`) says, worded once: "NAME beside it is KIND, not a file`why`.
    [`nothing`] Move NAME away (the desk did not make it) and `then`." (`to_edit`: "To
    edit it, move…", for a workspace opened or read as the file alone)."""
    named, kind = in_the_way
    move = f"move {named} away (the desk did not make it) and {then}."
    move = f"To edit it, {move}" if to_edit else move[0].upper() + move[1:]
    said = f"{named} beside it is {kind}, not a file{why}."
    return f"{said} {nothing} {move}" if nothing else f"{said} {move}"
