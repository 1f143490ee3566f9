"""Workspace files beside opening them: backups, restoring one, cleaned copies.

The front ends (window and command line) come here rather than to storage, so that the
layers stay gui/cli → services → storage.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from factcheck_app import config
from factcheck_app.domain.errors import NoSuchFolder, NotAWorkspace
from factcheck_app.storage import backups, cleaning
from factcheck_app.storage.backups import BackupInfo
from factcheck_app.storage.cleaning import CleanedCopy
from factcheck_app.storage.locking import WriterLock
from factcheck_app.storage.workspace import readable_now
from factcheck_app.storage.workspace import refuse_before_opening as _refuse_before_opening

__all__ = [
    "BackupInfo",
    "CleanedCopy",
    "backup_folder",
    "backup_progress",
    "backup_to_offer",
    "backups_of",
    "check_new_workspace_folder",
    "check_new_workspace_name",
    "cleaned_copy_path",
    "earlier_cleaned_copy",
    "open_cleaned_copy",
    "restore_backup",
    "set_aside_empty",
]


def can_open_again(workspace: Path) -> bool:
    """Is the workspace there to be opened again (see storage's `readable_now`)?"""
    return readable_now(workspace)


def refuse_before_opening(workspace: Path, *, read_only: bool = False) -> None:
    """Refuse in words a path that cannot be a workspace (a name too long for the files
    kept beside it, a link to nothing, a workspace's own -wal), for a front end that looks
    whether the workspace is there before opening it: that look stopped a command with
    "unexpected error (OSError: File name too long)", or called a moved workspace's link
    "no workspace". `read_only`: for an open that makes nothing beside it."""
    _refuse_before_opening(workspace, read_only=read_only)


def check_new_workspace_name(workspace: Path, *, hint: str = "") -> None:
    """Refuse to make a new workspace under a name that does not end in .fcdesk; one that
    is there already opens whatever its name (renamed by hand, or by an older desk).

    `--workspace notes.txt` (an article typed where the workspace goes) made a new, empty
    workspace named notes.txt, and the work went into a file that File → Open Workspace
    does not list and nobody would take for a workspace. `hint` ends the sentence (the
    command line's "(the files to import come after the options)")."""
    try:
        workspace.lstat()
    except (FileNotFoundError, NotADirectoryError):
        pass  # not there: a new workspace would be made
    except OSError:
        return  # cannot tell (a folder that cannot be read): the open says why
    else:
        return  # there (a link to nothing too: the open says where it points)
    if workspace.suffix.lower() != config.WORKSPACE_SUFFIX:
        raise NotAWorkspace(
            f"There is no workspace at {workspace}; a new workspace's name ends in "
            f"{config.WORKSPACE_SUFFIX}{hint}."
        )


def check_new_workspace_folder(workspace: Path) -> None:
    """Refuse to make a new workspace in a folder that is not there (NoSuchFolder, naming
    it); a workspace that is there, or a new one in a folder that is, passes.

    `--workspace ~/dsek/election.fcdesk` (a typo for ~/desk) made the folder ~/dsek and an
    empty workspace in it without a word: the reviewer saw none of their articles. The
    default workspace's folder is made without asking (its caller does not check)."""
    try:
        workspace.lstat()
    except (FileNotFoundError, NotADirectoryError):
        pass  # not there: a new workspace would be made
    except OSError:
        return  # cannot tell: the open says why
    else:
        return
    folder = workspace.parent
    if not folder.is_dir():
        raise NoSuchFolder(
            f"There is no folder {folder} for the new workspace {workspace.name}.", folder
        )


def backups_of(workspace: Path) -> list[BackupInfo]:
    """The workspace's backups, newest first (unreadable ones have no article count)."""
    return backups.list_backups(workspace)


def backup_progress(backup: Path) -> tuple[int, int] | None:
    """(sentences, reviewed sentences) in one backup, read without changing it; None when
    they cannot be read."""
    return backups.backup_progress(backup)


def backup_to_offer(infos: list[BackupInfo]) -> BackupInfo | None:
    """The one of `infos` (newest first) to offer: the first not dated in the future by
    this computer's clock (`BackupInfo.ahead`), else the first. One dated in the future
    (made while the clock was fast) was listed first and restored by Enter, though the
    ones made since the clock was put right held later work."""
    return next((info for info in infos if not info.ahead), infos[0] if infos else None)


def backup_folder(workspace: Path) -> Path:
    """Where the workspace's backups are kept."""
    return backups.backup_dir(workspace)


def restore_backup(workspace: Path, backup: Path, *, lock_held: bool = False) -> Path | None:
    """Put `backup` in the workspace's place; returns where the replaced file was kept.

    Nobody may hold the workspace open meanwhile: the window closes it first, keeping its
    writer lock (`lock_held`); otherwise the writer lock is taken here (WorkspaceInUse
    names who holds it), so that no other program opens the workspace for writing, or
    makes a new one in its place, while the file is swapped."""
    if lock_held:
        return backups.restore_backup(workspace, backup)
    lock = WriterLock.acquire(workspace, "a restore from a backup")
    try:
        return backups.restore_backup(workspace, backup)
    finally:
        lock.release()


def cleaned_copy_path(source: Path, fallback_dir: Path | None = None) -> Path:
    """A free name for the cleaned copy of `source` (beside it, else in `fallback_dir`)."""
    return cleaning.cleaned_copy_path(source, fallback_dir)


def earlier_cleaned_copy(source: Path, target: Path) -> Path | None:
    """The cleaned copy of `source` made before where `target` goes, last changed."""
    return cleaning.earlier_cleaned_copy(source, target)


def open_cleaned_copy(
    source: Path, target: Path, cancelled: Callable[[], bool] | None = None
) -> CleanedCopy:
    """Copy the desk's own records of a refused workspace into a fresh one at `target`
    (Cancelled, nothing written, when `cancelled` says so as it reads)."""
    return cleaning.open_cleaned_copy(source, target, cancelled)


def set_aside_empty(workspace: Path) -> Path | None:
    """Move an empty (0-byte) workspace and the files beside it (-wal, -shm, -journal)
    into its backups folder, so that a new workspace can be made in its place; returns
    where it went. Nothing is deleted.

    Under the writer lock, as a restore: WorkspaceInUse (naming who holds it) when another
    program has the workspace open for writing (a file a sync tool emptied under a desk
    that writes its -wal still) or is making a new one there. None, and nothing moved,
    when the file is no longer empty or not there: while the reviewer was asked, another
    desk made a new workspace in its place. Taken without the lock and not looked at
    again, that desk's workspace was moved away from under it, labelled empty."""
    lock = WriterLock.acquire(workspace, "a new workspace in place of an empty one")
    try:
        try:
            if workspace.stat().st_size != 0:
                return None
        except FileNotFoundError:
            return None
        return backups.set_aside(workspace, "empty")
    finally:
        lock.release()
