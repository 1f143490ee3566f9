"""Scratch files and folders, and removing the ones a crash leaves behind.

The desk writes some things first under a name of its own and only then puts them in
place: an export or a rescued copy (`.NAME.XXXXXXXX.factcheck.part` beside it), a cleaned copy
(a `.cleaning-XXXXXXXX` folder beside it), the migrated copy of an older colleague's
workspace being merged (`factcheck-merge-XXXXXXXX`) and the check of a crash's unmerged
changes (`fcdesk-walcheck-XXXXXXXX`), the last two in the temporary folder or, when that
has no room, hidden in the workspace's backups folder. A desk killed meanwhile (kill -9,
a power cut) leaves them behind, some as large as a workspace.

Whoever makes one holds an OS lock on it for as long as it is in use (on a file
`.owner` inside a folder, on a part file itself), so the lock goes when its program ends,
however it ends. A later run removes one only when it is certainly dead: nobody holds
its lock, and either its owner (named in a folder's `.owner`) was a program on this
computer that is no longer running, or it is older than an hour (no such step takes so
long; a program on another computer sharing the folder may not see our locks). A part
file names no owner: it goes by its lock and age alone. Only names made
here are ever looked at: a file of the user's named `x.part`, or any folder not named as
ours, is never touched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from factcheck_app.domain.errors import WorkspaceFull
from factcheck_app.storage import locking

# A scratch file or folder older than this, and unlocked, was left by a program that was
# killed: no step that makes one takes so long.
STALE_SECONDS = 3600
OWNER = ".owner"
PART_SUFFIX = ".factcheck.part"
# mkstemp's and mkdtemp's random part: 8 characters of this alphabet.
_RANDOM = r"[a-z0-9_]{8}"
# Ends at \Z, not $: $ matches before a final line break too, and a user's file so named
# (`.notes.md.XXXXXXXX.factcheck.part` and a line break) was deleted as a dead part file.
_PART = re.compile(
    r"^(\..+\." + _RANDOM + re.escape(PART_SUFFIX) + r")(-journal|-wal|-shm)?\Z", re.DOTALL
)
# Scratch folders beside a workspace (a cleaned copy's) and hidden in its backups folder
# (the crash check's and the merge's copy when the temporary folder had no room).
CLEANING_PREFIX = ".cleaning-"  # beside the cleaned copy
WALCHECK_PREFIX = "fcdesk-walcheck-"  # in the temporary folder, or hidden among backups
MERGE_PREFIX = "factcheck-merge-"  # the same
BESIDE_A_WORKSPACE = (CLEANING_PREFIX,)
AMONG_BACKUPS = ("." + WALCHECK_PREFIX, "." + MERGE_PREFIX)


def _now() -> float:
    return time.time()


# -- locks -----------------------------------------------------------------------------------


def _lock(fd: int) -> bool:
    """Take the OS lock on `fd` without waiting; False when another program holds it."""
    try:
        return locking.try_os_lock(fd)
    except OSError:
        return False  # a file system without locks: go by age alone


def _claim(marker: Path) -> int:
    """Create `marker`, hold its lock and write who holds it (pid, host)."""
    fd = os.open(marker, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    _lock(fd)
    with contextlib.suppress(OSError):
        os.write(fd, f"{os.getpid()}\n{socket.gethostname()}\n".encode())
    return fd


def _held_elsewhere(path: Path) -> tuple[bool, str]:
    """(Is `path`'s lock held by a running program?, what the file says). The lock taken
    here to look is let go at once. On Windows an open file cannot be deleted anyway."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return False, ""
    try:
        held = not _lock(fd)
        try:
            text = os.read(fd, 200).decode("utf-8", "replace")
        except OSError:
            text = ""
        if not held:
            with contextlib.suppress(OSError):
                locking.os_unlock(fd)
        return held, text
    finally:
        os.close(fd)


def _owner_gone(text: str) -> bool:
    """Does `text` (an `.owner` file) name a program on this computer that has ended?"""
    lines = text.splitlines()
    if len(lines) < 2 or not lines[0].isdigit() or lines[1] != socket.gethostname():
        return False
    if sys.platform == "win32":  # os.kill would end the process there: go by age
        return False
    try:
        os.kill(int(lines[0]), 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError, ValueError):
        return False  # running under another user (or a number that cannot be one)
    return False


def _newest_change(folder: Path) -> float:
    """When `folder` or anything directly in it last changed (a copy being written inside
    a folder does not change the folder's own time)."""
    newest = folder.lstat().st_mtime
    with os.scandir(folder) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                newest = max(newest, entry.stat(follow_symlinks=False).st_mtime)
    return newest


# -- scratch folders -------------------------------------------------------------------------


def _is_dead_folder(folder: Path) -> bool:
    if folder.is_symlink() or not folder.is_dir():
        return False
    held, text = _held_elsewhere(folder / OWNER)
    if held:
        return False
    return _owner_gone(text) or _newest_change(folder) < _now() - STALE_SECONDS


def remove_stale_folders(base: Path, prefix: str) -> list[Path]:
    """Delete the scratch folders named `prefix…` directly in `base` that are certainly
    dead (see the module's description); returns those deleted. One listing of `base`."""
    removed = []
    try:
        with os.scandir(base) as entries:
            names = [entry.name for entry in entries if entry.name.startswith(prefix)]
    except OSError:
        return []
    for name in names:
        folder = base / name
        if len(name) != len(prefix) + 8:  # mkdtemp's 8 random characters, nothing more
            continue
        with contextlib.suppress(OSError):  # another user's, or gone meanwhile
            if _is_dead_folder(folder):
                shutil.rmtree(folder)
                removed.append(folder)
    return removed


@contextlib.contextmanager
def scratch_folder(base: Path, prefix: str) -> Iterator[Path]:
    """A new folder `base`/`prefix`XXXXXXXX, marked in use while the block runs and deleted
    after it; dead ones of earlier runs in `base` are deleted first. OSError when `base`
    cannot take it."""
    remove_stale_folders(base, prefix)
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=base))
    try:
        fd = _claim(folder / OWNER)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    try:
        yield folder
    finally:
        os.close(fd)  # first: Windows deletes no open file
        shutil.rmtree(folder, ignore_errors=True)


def _free(base: Path) -> int:
    return shutil.disk_usage(base).free


@contextlib.contextmanager
def scratch_with_room(places: list[tuple[Path, str]], needed: int, no_room: str) -> Iterator[Path]:
    """A `scratch_folder` in the first of `places` (folder, name prefix) with `needed`
    bytes free: the temporary folder first, then a hidden one beside the workspace's
    backups (a small temporary folder, a quota, a RAM disk). WorkspaceFull(`no_room`)
    when none has room; the OSError of the last place when none can be written."""
    full, failure = False, None
    stack = contextlib.ExitStack()
    folder = None
    for base, prefix in places:
        try:
            base.mkdir(parents=True, exist_ok=True)
            remove_stale_folders(base, prefix)  # their space counts
            if _free(base) < needed:
                full = True
                continue
            folder = stack.enter_context(scratch_folder(base, prefix))
            break
        except OSError as error:  # an unwritable folder: try the next place
            full = full or error.errno == errno.ENOSPC
            failure = error
    if folder is None:
        if failure is not None and not full:
            raise failure
        raise WorkspaceFull(no_room)
    with stack:
        yield folder


def temporary_folder() -> Path:
    return Path(tempfile.gettempdir())


# -- part files ------------------------------------------------------------------------------


def is_part_file_name(name: str) -> bool:
    """Is `name` one the desk gives a file it is writing (`.NAME.XXXXXXXX.factcheck.part`)?"""
    return _PART.match(name) is not None


# The longest file name most disks take (bytes on Linux and macOS, UTF-16 units on
# Windows, never more than UTF-8 bytes), and what a part file's name adds to its report's:
# ".", ".XXXXXXXX.factcheck.part", and "-journal" for SQLite's beside a rescue's.
NAME_MAX = 255
_PART_NAME_EXTRA = len(".." + "x" * 8 + PART_SUFFIX + "-journal")


def _cut_to_fit(name: str) -> str:
    """`name` cut short so that a part file named after it still fits NAME_MAX: a report
    named with 231 to 255 bytes, which the disk takes, failed as "File name too long"."""
    budget = NAME_MAX - _PART_NAME_EXTRA
    while len(os.fsencode(name)) > budget:
        name = name[:-1]  # whole characters: never half of an accented letter
    return name


def new_part_file(target: Path) -> tuple[int, Path]:
    """A new, empty part file beside `target`, open (the descriptor) and locked for as
    long as it stays open; dead ones of earlier runs in that folder are deleted first."""
    remove_stale_parts(target.parent)
    prefix = f".{_cut_to_fit(target.name)}."
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=PART_SUFFIX, dir=target.parent)
    if sys.platform != "win32":  # there an open file cannot be deleted: no lock needed
        _lock(fd)
    return fd, Path(name)


# Folders swept in this process: one listing each, not one per file of a 500-file export.
_swept: set[Path] = set()


def _part_file_names(folder: Path) -> list[str] | None:
    """The names of the part files in `folder`; None when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return [entry.name for entry in entries if is_part_file_name(entry.name)]
    except OSError:
        return None


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete part files in `folder` left by an export that was killed (certainly dead:
    unlocked and older than an hour). A folder is listed again only while it still holds
    part files (another export's, or a crash's of less than an hour ago)."""
    key = Path(os.path.abspath(folder))
    if key in _swept:
        return []
    names = _part_file_names(folder)
    if names is None:
        return []
    removed = []
    cutoff = _now() - STALE_SECONDS
    for name in names:
        part = folder / name
        match = _PART.match(name)
        assert match is not None
        main = folder / match.group(1)  # a part file's own, or the one a -journal is of
        with contextlib.suppress(OSError):
            if part.is_symlink() or not part.is_file() or part.lstat().st_mtime >= cutoff:
                continue
            if not _held_elsewhere(main)[0]:
                part.unlink()
                removed.append(part)
    if len(removed) == len(names):
        _swept.add(key)
    return removed


# A part file unlocked and unwritten this long has no writer on this computer, nor on
# another sharing the folder (which may not see the lock): a copy or an export being
# written adds to its part file every few seconds at most, even on a slow USB stick.
IDLE_SECONDS = 60
CLOCK_PREFIX = ".fcdesk-clock."


def _folder_now(folder: Path) -> float:
    """The time now by the clock that stamps the files in `folder`: a file server's, for
    a folder other computers share, may be minutes apart from this computer's, and a
    part file a colleague's desk was writing that very second looked a minute idle. By
    an empty file made and removed there (named as a part file: swept if left); this
    computer's clock when none can be made."""
    try:
        fd, name = tempfile.mkstemp(prefix=CLOCK_PREFIX, suffix=PART_SUFFIX, dir=folder)
    except OSError:
        return _now()
    try:
        return os.fstat(fd).st_mtime
    except OSError:
        return _now()
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)


# How often a part file only read meanwhile (a copy read back whole before it is named)
# is marked as still being worked on: well within IDLE_SECONDS.
FRESH_SECONDS = 10
_monotonic = time.monotonic


def kept_fresh(part: Path, cancelled: Callable[[], bool] | None) -> Callable[[], bool]:
    """`cancelled` (never, when None) that also marks `part` as still being worked on
    (its time set to now) every FRESH_SECONDS while SQLite calls it: a copy read back
    whole before it is named was unwritten for as long as that took (minutes, for a
    year's workspace in a shared folder), and a desk on another computer, which cannot
    see its lock, took it for a dead part file after a minute (`remove_dead_parts`).

    The time set is by the clock that stamps the folder's files (`_folder_now`, worked
    out at the first mark), as the other desk's sweep measures it: a shared folder's
    client sets a time by this computer's clock, and with the file server two minutes
    ahead the part looked two minutes idle the moment it was marked, and was deleted."""
    last = _monotonic()
    skew: float | None = None  # the folder's clock less this computer's

    def look() -> bool:
        nonlocal last, skew
        if _monotonic() - last >= FRESH_SECONDS:
            last = _monotonic()
            if skew is None:
                skew = _folder_now(part.parent) - _now()
            stamp = _now() + skew
            with contextlib.suppress(OSError):
                os.utime(part, (stamp, stamp))
        return cancelled is not None and cancelled()

    return look


def remove_dead_parts(folder: Path) -> list[Path]:
    """Delete the part files in `folder` whose writer has ended, without waiting the hour
    `remove_stale_parts` waits: unlocked, with something written in them (a part file is
    locked before anything is written to it) and nothing for a minute by the clock that
    stamps the folder's files; and their side files. For the room a copy needs: a copy
    killed half-way on a USB stick left as much as it had written there, hidden, and for
    an hour the next copy was refused for room on a stick that looked empty. Never on
    Windows, where an open file cannot be deleted."""
    if sys.platform == "win32":
        return []
    idle = _folder_now(folder) - IDLE_SECONDS
    names = _part_file_names(folder)
    if names is None:
        return []
    removed = []
    for name in sorted(names, key=len):  # a part file before its side files
        part = folder / name
        match = _PART.match(name)
        assert match is not None
        main = folder / match.group(1)
        with contextlib.suppress(OSError):
            if part.is_symlink() or not part.is_file():
                continue
            if main.exists():
                if main.is_symlink() or main.stat().st_size == 0 or main.stat().st_mtime > idle:
                    continue
                if _held_elsewhere(main)[0]:
                    continue
            elif part == main:
                continue  # gone meanwhile
            part.unlink()
            removed.append(part)
    return removed


def remove_dead_scratch(workspace: Path, backups_folder: Path | None = None) -> None:
    """Remove the dead part files and scratch folders the desk leaves beside `workspace`
    and in its backups folder (a listing of each; run with each backup, off the window's
    start)."""
    remove_stale_parts(workspace.parent)
    for prefix in BESIDE_A_WORKSPACE:
        remove_stale_folders(workspace.parent, prefix)
    if backups_folder is not None:
        for prefix in AMONG_BACKUPS:
            remove_stale_folders(backups_folder, prefix)


def move_without_replacing(src: Path, dest: Path) -> None:
    """Move `src` to `dest` in the same folder; FileExistsError, and nothing moved, when
    `dest` exists at that moment (`os.replace` would replace it).

    A hard link (then `src` unlinked) where the file system has them; else Linux's
    renameat2 with RENAME_NOREPLACE (a FAT-formatted USB stick); else, where neither is
    there, `dest` is looked at just before the move. Windows' rename never replaces."""
    if os.name == "nt":
        os.rename(src, dest)
        return
    try:
        os.link(src, dest)
    except FileExistsError:
        raise
    except OSError:
        if _rename_no_replace(src, dest):
            return
        if dest.exists() or dest.is_symlink():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(dest)) from None
        os.replace(src, dest)
        return
    os.unlink(src)


def _rename_no_replace(src: Path, dest: Path) -> bool:
    """renameat2(RENAME_NOREPLACE): True once moved; False where this system or file
    system has no such call (the caller moves another way)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # only here: a move without hard links is rare

    rename = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if rename is None:  # a C library older than glibc 2.28
        return False
    at_cwd, no_replace = -100, 1  # AT_FDCWD, RENAME_NOREPLACE (linux/fcntl.h)
    if rename(at_cwd, os.fsencode(src), at_cwd, os.fsencode(dest), no_replace) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # the kernel or file system has no RENAME_NOREPLACE
    if number == errno.EEXIST:
        raise FileExistsError(number, os.strerror(number), str(dest))
    raise OSError(number, os.strerror(number), str(dest))
