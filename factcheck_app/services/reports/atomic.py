"""Writing a file so that a failure never leaves half a file over the previous one."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from factcheck_app.domain.errors import ExportRefused
from factcheck_app.storage import file_kinds, scratch


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


def _folder_read_only(shown: Path | str, info: os.stat_result) -> bool:
    """Whether a folder's mode bits deny us writing into it (`_read_only`) and the system
    does too: an ACL, or a share's own rights, may let a user write into a folder whose
    bits say only its owner may (every report was refused that would have been written).
    As root the system lets anything through: the bits decide, as for a file."""
    if not _read_only(info):
        return False
    if os.geteuid() == 0:
        return True
    effective = os.access in os.supports_effective_ids
    return not os.access(shown, os.W_OK | os.X_OK, effective_ids=effective)


def target_problem(shown: Path | str, info: os.stat_result, *, folder: bool = False) -> str | None:
    """Why an existing `shown` (with `os.stat` result `info`) must not be replaced by an
    export — one sentence — or None. `folder`: a folder is wanted rather than a file."""
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        if not folder:
            return f"{shown} is a folder: add a file name."
        # Not on Windows: there a folder's read-only mark only says it is customised.
        if os.name != "nt" and _folder_read_only(shown, info):
            return f"{shown} is a read-only folder; choose another or make it writable."
        return None
    kind = file_kinds.not_a_file(shown, mode)
    if kind:
        return kind
    if folder:
        return f"{shown} is a file, not a folder: give a folder for one file per article."
    if _read_only(info):
        return f"{shown} is read-only; choose another name or make it writable."
    return None


def descriptor_problem(shown: Path | str) -> str | None:
    """Why `shown` must not be written by a rename over it, as every export is: it leads
    to an open file of this program or another (/dev/stdout, /dev/fd/3), and the file the
    shell opened there (`>> desk.log`) was replaced by the report. One sentence, or None."""
    number = file_kinds.descriptor_named(shown)
    if number is None:
        return None
    return (
        f"{shown} leads to a file this program has open (descriptor {number}), which an "
        "export would replace instead of writing into: name the file itself."
    )


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    An existing `path` that is not a writable regular file (a device, a pipe, a folder, a
    read-only file) is refused with `ExportRefused` rather than replaced. A failure to write
    (a full or read-only disk) is an OSError naming `path`, which is left as it was."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with replacing(path) as handle:
        view = memoryview(data)
        while view:  # os.write may write less than it is given
            view = view[os.write(handle, view) :]


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[int]:
    """An open file descriptor to write `path`'s new content into: a part file beside it,
    flushed to disk and renamed over `path` when the block ends; removed, with `path` left
    as it was, when the block raises (a failure, a cancel, Ctrl+C).

    The same refusals and errors as `write_atomically`. For writers that cannot be given
    the name itself: Qt takes a name as text and drops the bytes of one that is not UTF-8
    (a folder from an old archive), writing another file or none at all."""
    shown = path
    problem = descriptor_problem(shown)
    if problem:
        raise ExportRefused(problem)
    try:
        path = Path(path).resolve()
    except RuntimeError:
        # A link leading back to itself: Python 3.11 says so as a RuntimeError, which
        # no caller took for a file that cannot be written (the crash box, and a name
        # typed at the first start not recorded). Said as the system says it.
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(shown)) from None
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
        # A part file named as the desk names them (`.NAME.XXXXXXXX.factcheck.part`),
        # locked while written: one left by an export that was killed is removed by a
        # later one.
        handle, part = scratch.new_part_file(path)
    except FileNotFoundError as error:
        if path.parent.is_dir():
            # A folder that is there but makes no files (/proc, /sys): the system said "No
            # such file or directory" of a folder the reviewer could see.
            raise ExportRefused(
                f"The folder {Path(shown).parent} takes no new files: choose another folder."
            ) from error
        raise _naming(error, shown) from error
    except OSError as error:
        raise _naming(error, shown) from error
    try:
        try:
            yield handle
            os.fsync(handle)
            written, handle = handle, -1
            os.close(written)
            os.chmod(part, mode)
            os.replace(part, path)
        except OSError as error:
            raise _naming(error, shown) from error
    except BaseException:
        if handle >= 0:
            os.close(handle)
        part.unlink(missing_ok=True)
        raise
    # The rename itself is durable only once the folder is synced (POSIX; no-op elsewhere).
    with contextlib.suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _naming(error: OSError, shown: Path | str) -> OSError:
    """`error` naming the file the reviewer chose, not the hidden part file beside it: the
    dialog said "Read-only file system: /media/usb/.report.html.cxm2wz3y.part"."""
    return OSError(error.errno, error.strerror or str(error), str(shown))
