"""Writing a file so that a failure never leaves half a file over the previous one."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from factcheck_app.domain.errors import ExportRefused
from factcheck_app.storage import scratch


def _new_file_mode() -> int:
    # mkstemp creates 0600; a report should get the usual mode for new files (umask).
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _read_only(info: os.stat_result) -> bool:
    """Whether the file's mode bits deny us writing (not os.access: as root it always says
    yes). Root and the owner go by the owner's bit, group members by the group's."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # Windows: the read-only attribute clears every write bit
        return not info.st_mode & stat.S_IWUSR
    uid = geteuid()
    if uid in (0, info.st_uid):
        return not info.st_mode & stat.S_IWUSR
    if info.st_gid == os.getegid() or info.st_gid in os.getgroups():
        return not info.st_mode & stat.S_IWGRP
    return not info.st_mode & stat.S_IWOTH


def target_problem(shown: Path | str, info: os.stat_result, *, folder: bool = False) -> str | None:
    """Why an existing `shown` (with `os.stat` result `info`) must not be replaced by an
    export — one sentence — or None. `folder`: a folder is wanted rather than a file."""
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return None if folder else f"{shown} is a folder: add a file name."
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return f"{shown} is a device, not a file: choose a file name."
    if stat.S_ISFIFO(mode):
        return f"{shown} is a named pipe (FIFO), not a file: choose a file name."
    if stat.S_ISSOCK(mode):
        return f"{shown} is a socket, not a file: choose a file name."
    if not stat.S_ISREG(mode):
        return f"{shown} is not a regular file: choose a file name."
    if folder:
        return f"{shown} is a file, not a folder: give a folder for one file per article."
    if _read_only(info):
        return f"{shown} is read-only; choose another name or make it writable."
    return None


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    An existing `path` that is not a writable regular file (a device, a pipe, a folder, a
    read-only file) is refused with `ExportRefused` rather than replaced. A failure to write
    (a full or read-only disk) is an OSError naming `path`, which is left as it was."""
    shown = path
    path = Path(path).resolve()
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        info = path.stat()
    except FileNotFoundError:
        mode = _new_file_mode()
    else:
        problem = target_problem(shown, info)
        if problem:
            raise ExportRefused(problem)
        mode = stat.S_IMODE(info.st_mode)
    try:
        _write_beside(path, data, mode)
    except OSError as error:
        # Name the file the reviewer chose, not the hidden temporary one beside it: the
        # dialog said "Read-only file system: /media/usb/.report.html.cxm2wz3y.part".
        raise OSError(error.errno, error.strerror or str(error), str(shown)) from error


def _write_beside(path: Path, data: bytes, mode: int) -> None:
    # A part file named as the desk names them (`.NAME.XXXXXXXX.factcheck.part`), locked
    # while written: one left by an export that was killed is removed by a later one.
    handle, part = scratch.new_part_file(path)
    temp_name = str(part)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    # The rename itself is durable only once the folder is synced (POSIX; no-op elsewhere).
    with contextlib.suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
