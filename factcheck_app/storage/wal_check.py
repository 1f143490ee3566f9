"""A `-wal` file left beside a workspace by a writer that never closed is merged into the
workspace by the next open. That is right after a crash, and wrong when the WAL belongs to
another file or another time (a sync tool or a copy paired them wrongly): SQLite cannot
tell, replays it, and the damage is then checkpointed into the workspace and its backups.

So before a writable open merges a left-over WAL, the merge is tried on a scratch copy
first; a WAL that would damage a workspace which is sound without it is set aside, whole,
in the backups folder, and never merged.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from factcheck_app.storage import backups, scratch
from factcheck_app.storage.sqlite_failures import SQLITE_FAILURES

WAL_HEADER_BYTES = 32
# Settings key of the random id a workspace gets when first opened for writing.
WORKSPACE_ID = "workspace.id"
SCRATCH_PREFIX = scratch.WALCHECK_PREFIX
SCRATCH_HEADROOM = 1024 * 1024  # SQLite's -shm and a margin


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def has_unmerged_wal(path: Path) -> bool:
    """Does a WAL with frames (more than its header) sit beside the workspace?"""
    try:
        return _wal(path).stat().st_size > WAL_HEADER_BYTES
    except OSError:
        return False


def _look(copy: Path) -> tuple[bool, str | None]:
    """(sound?, workspace id) of a scratch copy: quick check, the full-text index's own
    check, and the random id every workspace is given when first opened for writing."""
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return False, None
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for index in ("search_index", "verdict_index"):
            if index in names:  # an index that disagrees with its rows shows here
                conn.execute(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")
        row = None
        if "settings" in names:
            row = conn.execute(
                "SELECT value FROM settings WHERE key = ?", [WORKSPACE_ID]
            ).fetchone()
        return True, str(row[0]) if row else None
    except SQLITE_FAILURES:
        return False, None
    finally:
        conn.close()


def wal_would_damage(path: Path) -> bool:
    """True when the left-over WAL is not this workspace's: merging it damages a workspace
    that is sound without it, or turns it into another workspace (another id).

    Reads the workspace and its WAL by path: call it only before this process opens a
    connection to the workspace (and under its writer lock), never while one is open.
    The scratch copy goes to the temporary folder, or to the backups folder when that has
    no room for it (a quota, a small RAM disk): a small temporary folder must not keep a
    reviewer out of the workspace the desk crashed on. WorkspaceFull when neither has room.
    """
    needed = path.stat().st_size + _wal(path).stat().st_size + SCRATCH_HEADROOM
    places = [
        (scratch.temporary_folder(), SCRATCH_PREFIX),
        (backups.backup_dir(path), "." + SCRATCH_PREFIX),  # hidden among the backups
    ]
    no_room = (
        f"Cannot open {path.name} for editing yet: it has unmerged changes (the desk "
        "stopped without closing it), and checking them needs a scratch copy of "
        f"{needed // 1_000_000 + 1} MB, for which there is no room in the temporary folder "
        "or beside the workspace. Free some space and open it again; nothing was changed."
    )
    with scratch.scratch_with_room(places, needed, no_room) as folder:
        return compare(path, folder / "copy.fcdesk")


def compare(path: Path, copy: Path) -> bool:
    """wal_would_damage, on scratch copies at `copy`: one at a time, so the check needs
    room for the workspace once, not twice."""
    shutil.copyfile(path, copy)
    sound_alone, id_alone = _look(copy)
    if not sound_alone:
        return False  # damaged either way: the usual damaged-workspace path takes over
    for leftover in (copy, _wal(copy), copy.with_name(copy.name + "-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(path, copy)
    shutil.copyfile(_wal(path), _wal(copy))
    sound_with, id_with = _look(copy)
    return not sound_with or (id_alone is not None and id_with != id_alone)


def set_aside_wal(path: Path) -> Path:
    """Move the WAL (and its index, -shm) into the backups folder, keeping every byte."""
    folder = backups.backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = backups.timestamp()
    stem = backups.backup_stem(path)
    target = folder / f"{stem}-{stamp}-wal-set-aside.fcdesk-wal"
    counter = 1
    while target.exists():
        target = folder / f"{stem}-{stamp}-{counter}-wal-set-aside.fcdesk-wal"
        counter += 1
    shutil.move(_wal(path), target)
    shm = path.with_name(path.name + "-shm")
    if shm.exists():
        shm.unlink()  # describes only the WAL that was moved; SQLite makes a new one
    return target
