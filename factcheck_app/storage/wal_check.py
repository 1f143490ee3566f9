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
import tempfile
from pathlib import Path

from factcheck_app.storage import backups
from factcheck_app.storage.sqlite_failures import SQLITE_FAILURES

WAL_HEADER_BYTES = 32
# Settings key of the random id a workspace gets when first opened for writing.
WORKSPACE_ID = "workspace.id"


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
    """
    with tempfile.TemporaryDirectory(prefix="fcdesk-walcheck-") as scratch:
        with_wal = Path(scratch) / "with-wal.fcdesk"
        shutil.copyfile(path, with_wal)
        shutil.copyfile(_wal(path), _wal(with_wal))
        sound_with, id_with = _look(with_wal)
        alone = Path(scratch) / "alone.fcdesk"
        shutil.copyfile(path, alone)
        sound_alone, id_alone = _look(alone)
    if not sound_alone:
        return False  # damaged either way: the usual damaged-workspace path takes over
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
