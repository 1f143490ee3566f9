"""One writer per workspace, across processes: the window and every command-line write
take the same lock file (`NAME.fcdesk.lock`) beside the workspace.

The lock is an OS lock on that separate file (`flock` on Linux and macOS, a byte-range lock
on Windows), so the system releases it when its process ends, even by `kill -9`: a crash
never leaves a workspace locked. The file says who holds it. A taker checks, once it has
the OS lock, that the file it locked is still the one at the path, and starts again when
not: a program that opened the file just before it was deleted would otherwise hold a lock
on a file nobody else can find, beside a second writer holding the new one. That makes
deleting a held lock file safe for the desk itself, which does it only for a lock file it
made for an open that was then refused (`discard`), so that opening a file that is not a
workspace leaves nothing in the folder. Someone else may delete it all the same
(`rm *.lock`): a lock file that has to be made is therefore followed by a look for a
process still holding a deleted one (Linux), and the window puts its own back
(`WriterLock.keep`).

Why not a lock on the workspace file itself: SQLite keeps POSIX locks on that file, and
opening and closing it by path in the same process silently drops them (see docs/safety.md).
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from factcheck_app.domain.errors import WorkspaceError, WorkspaceInUse

# Windows locks a byte range; the holder's details are written before it so that other
# processes can still read them.
_LOCK_OFFSET = 4096
_POLL_SECONDS = 0.05

if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _try_os_lock(fd: int) -> bool:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _os_unlock(fd: int) -> None:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_os_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _os_unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(workspace: Path) -> Path:
    """Beside the file itself: a workspace reached through a symbolic link (to it or to a
    folder on its path) has the one lock every other name of it has."""
    real = Path(os.path.realpath(workspace))
    return real.with_name(real.name + ".lock")


def describe_holder(workspace: Path) -> str:
    """Who holds the lock, in words ("the desk window, process 123 on host"), or ''."""
    try:
        with lock_path(workspace).open("rb") as handle:  # never the workspace file itself
            text = handle.read(_LOCK_OFFSET).split(b"\0", 1)[0].decode("utf-8", "replace")
    except OSError:
        return ""
    lines = text.splitlines()
    if len(lines) < 3 or not lines[0].isdigit():
        return ""  # written by an older desk (Qt's lock file) or being written right now
    pid, host, purpose = lines[0], lines[1], lines[2]
    where = "this computer" if host == socket.gethostname() else host
    return f"{purpose}, process {pid} on {where}"


@dataclass
class WriterLock:
    """The held writer lock of one workspace; `release()` (or process exit) frees it."""

    workspace: Path
    purpose: str
    _fd: int | None
    made: bool = False  # the lock file was made by this taking (none was there)

    @classmethod
    def acquire(
        cls,
        workspace: Path,
        purpose: str,
        *,
        wait: float = 0.0,
        on_wait: Callable[[str], None] | None = None,
    ) -> WriterLock:
        """Take the lock, waiting up to `wait` seconds; WorkspaceInUse names the holder.
        `on_wait` hears, once, who is waited for (the holder, in words) when it must."""
        path = lock_path(workspace)
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            fd, created = _open_lock_file(path)
            while not _try_os_lock(fd):
                if on_wait is not None and time.monotonic() < deadline:
                    on_wait(describe_holder(workspace))
                    on_wait = None
                if time.monotonic() >= deadline:
                    os.close(fd)
                    holder = describe_holder(workspace)
                    raise WorkspaceInUse(
                        f"The workspace {workspace} is being changed by another Factcheck "
                        f"desk{f' ({holder})' if holder else ''}. Only one program can change "
                        "a workspace at a time: close it there, or wait until it is done."
                    )
                time.sleep(_POLL_SECONDS)
            if _is_at(fd, path):
                break
            # Deleted (or replaced) between our open and our lock: this lock guards nothing.
            os.close(fd)
        if created and os.path.exists(workspace):
            _refuse_a_holder_of_a_deleted_lock(workspace, path, fd)
        _write_holder(fd, purpose)
        return cls(workspace, purpose, fd, made=created)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
            _os_unlock(fd)
        except OSError:
            pass  # closing the descriptor frees the lock all the same
        finally:
            os.close(fd)

    def discard(self) -> None:
        """Release the lock, removing its file when this taking made it: the workspace was
        not opened for writing after all (a file that is not a workspace, a damaged or
        empty one, one a newer desk saved), and a `NAME.lock` made for nothing stayed in
        the reviewer's folder. Removed while still held, so a program that opened it
        meanwhile finds, once it has the lock, that the file is gone, and makes its own.
        A lock file that was there before stays: someone else may be using it."""
        if self._fd is not None and self.made:
            with contextlib.suppress(OSError):  # Windows: a file open here cannot go
                if _is_at(self._fd, lock_path(self.workspace)):
                    os.unlink(lock_path(self.workspace))
        self.release()

    def keep(self) -> bool:
        """Make sure the lock file at the path is still the one held, and take a fresh one
        there when it is not (a clean-up script or a sync tool deleted or replaced it):
        without it, a program elsewhere (another computer sharing the folder; on systems
        other than Linux, this one) finds no lock and writes beside this one. Costs one
        `stat` when all is well. False when another program holds the new file's lock
        already: it got in while the file was gone (see `describe_holder`)."""
        if self._fd is None:
            return True
        path = lock_path(self.workspace)
        if _is_at(self._fd, path):
            return True
        if not self.workspace.exists():
            # Gone with it: moved (nothing more is written there), or its disk gone (a
            # USB stick pulled out and unmounted). A lock made now went into the empty
            # folder it had been mounted on, on the computer's own disk, which then could
            # not be removed: the stick came back under another name.
            return True
        try:
            fd, _created = _open_lock_file(path)
        except WorkspaceError:
            return True  # no lock file can be made now (a read-only folder): tried again
        if not _try_os_lock(fd):
            os.close(fd)
            return False
        if not _is_at(fd, path):  # gone again meanwhile: the next look tries again
            os.close(fd)
            return True
        _write_holder(fd, self.purpose)
        old, self._fd, self.made = self._fd, fd, False
        os.close(old)  # the lock on the deleted file goes with it
        return True


def _open_lock_file(path: Path) -> tuple[int, bool]:
    """The lock file opened (made when not there), and whether it was made now."""
    try:
        # Readable and writable by whoever may change the workspace (umask decides).
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666), True
        except FileExistsError:
            return os.open(path, os.O_RDWR | os.O_CREAT, 0o666), False
    except PermissionError:
        try:  # another user's lock file: locking needs no write access to it
            return os.open(path, os.O_RDONLY), False
        except OSError as error:
            raise WorkspaceError(
                f"Cannot open the lock file {path} ({error.strerror}); the workspace was "
                "not opened for writing."
            ) from None
    except OSError as error:
        raise WorkspaceError(
            f"Cannot create the lock file {path} ({error.strerror}); the workspace was "
            "not opened for writing."
        ) from None


def _is_at(fd: int, path: Path) -> bool:
    """Is the open file `fd` the one at `path` (not deleted, not replaced)? Two `stat`s."""
    try:
        mine, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _refuse_a_holder_of_a_deleted_lock(workspace: Path, path: Path, fd: int) -> None:
    """A workspace whose lock file had to be made may have lost it while held: a clean-up
    script or a sync tool deleted `NAME.fcdesk.lock` under the window, which still holds
    its lock on the deleted file. Taking a new one let a second writer in beside it, whose
    undo put back what the window had changed since. So a lock file just made is followed
    by a look (Linux: /proc, one listing per process, only then) for a program of this
    computer holding the deleted one; WorkspaceInUse names it, and the new file goes
    again, so that the next program looks too."""
    holders = holders_of_deleted(path)
    if not holders:
        return
    try:
        os.unlink(path)
    except OSError:
        pass  # the next program then finds a lock file: it is refused no more than before
    finally:
        os.close(fd)
    raise WorkspaceInUse(
        f"The workspace {workspace} is being changed by another Factcheck desk (process "
        f"{holders[0]} on this computer), although its lock file {path.name} was deleted. "
        "Only one program can change a workspace at a time: close it there, or wait until "
        "it is done."
    )


def holders_of_deleted(path: Path) -> list[int]:
    """The processes of this computer that hold `path` open although it was deleted (the
    kernel names such a file "PATH (deleted)"). Linux only: elsewhere, none are found.
    Processes of other users, which cannot be looked into, are skipped."""
    wanted = f"{path} (deleted)"
    try:
        pids = sorted(int(name) for name in os.listdir("/proc") if name.isdigit())
    except OSError:
        return []
    found = []
    for pid in pids:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if target == wanted:
                found.append(pid)
                break
    return found


# SQLite's WAL write lock: an exclusive POSIX lock on this byte of the -shm file, held by
# the connection in the middle of a write transaction (WALINDEX_LOCK_OFFSET + WAL_WRITE_LOCK).
_WAL_WRITE_LOCK_BYTE = 120


def sqlite_writer(workspace: Path) -> str:
    """Which other program of this computer is in the middle of writing the workspace,
    holding SQLite's write lock ("sqlite3, process 2055 on this computer"), or ''. Linux
    only (/proc/locks, which names the process holding each POSIX lock); one read of it,
    made only after a save has waited in vain. Its WAL write lock on `NAME-shm` (a shell's
    `BEGIN IMMEDIATE;` left open, a database browser's unsaved changes), else any write
    lock on the file itself (a program that opened it in exclusive mode)."""
    real = Path(os.path.realpath(workspace))
    wanted: list[tuple[tuple[int, int, int], bool]] = []
    for file, wal_write_lock in ((real.with_name(real.name + "-shm"), True), (real, False)):
        try:
            info = os.stat(file)
        except OSError:
            continue
        wanted.append(((os.major(info.st_dev), os.minor(info.st_dev), info.st_ino), wal_write_lock))
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return ""
    for key, wal_write_lock in wanted:
        for line in lines:
            pid = _write_lock_holder(line, key, _WAL_WRITE_LOCK_BYTE if wal_write_lock else None)
            if pid is not None and pid != os.getpid():
                return f"{_program_name(pid)}, process {pid} on this computer"
    return ""


def _write_lock_holder(line: str, key: tuple[int, int, int], byte: int | None) -> int | None:
    """The process of a line of /proc/locks ("7: POSIX  ADVISORY  WRITE 2055 fe:00:2719849
    120 120") holding a write lock on the file `key` (major, minor, inode), over `byte`
    when given; None for any other line (a waiter's "->" line, a read lock…)."""
    fields = line.split()
    if len(fields) != 8 or fields[1] != "POSIX" or fields[3] != "WRITE":
        return None
    try:
        major, minor, inode = fields[5].split(":")
        if (int(major, 16), int(minor, 16), int(inode)) != key:
            return None
        start = int(fields[6])
        end = -1 if fields[7] == "EOF" else int(fields[7])
        if byte is not None and not (start <= byte and (end == -1 or byte <= end)):
            return None
        return int(fields[4])
    except ValueError:
        return None


def _program_name(pid: int) -> str:
    """The program's name as the system lists it ("sqlite3", "sqlitebrowser")."""
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as handle:
            return handle.read().strip() or "a program"
    except OSError:
        return "a program"


def _write_holder(fd: int, purpose: str) -> None:
    """Say who holds the lock, for the message another process shows."""
    text = f"{os.getpid()}\n{socket.gethostname()}\n{purpose}\n".encode()
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, text, 0) if hasattr(os, "pwrite") else _write_at_start(fd, text)
    except OSError:
        pass  # the lock holds without its label


def _write_at_start(fd: int, text: bytes) -> None:  # pragma: no cover - Windows
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, text)


# For scratch files (storage/scratch.py): the same OS lock on a file of their own.
try_os_lock = _try_os_lock
os_unlock = _os_unlock
