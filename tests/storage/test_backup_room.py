"""A nearly full disk: the oldest automatic backups make room for the new one, so the
backups do not stop for good while the disk stays full (the newest one would grow older
and older), and nothing else is ever removed for it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import NamedTuple

import pytest

from factcheck_app.domain.errors import WorkspaceFull
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.conftest import SEED_FILE


class Usage(NamedTuple):
    total: int
    used: int
    free: int


class Disk:
    """A disk of `capacity` bytes holding what is under `root`: removing a file frees it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.capacity = 2**40

    def used(self) -> int:
        return sum(p.stat().st_size for p in self.root.rglob("*") if p.is_file())

    def usage(self, _path: object) -> Usage:
        used = self.used()
        return Usage(self.capacity, used, max(0, self.capacity - used))

    def leave_free(self, free: int) -> None:
        self.capacity = self.used() + free


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Disk:
    disk = Disk(tmp_path)
    monkeypatch.setattr(shutil, "disk_usage", disk.usage)
    return disk


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    return path


def back_up(path: Path, reason: str, removed: list[Path] | None = None) -> Path:
    conn = sqlite3.connect(path)
    try:
        return backups.take_backup(
            conn, path, reason, on_made_room=removed.extend if removed is not None else None
        )
    finally:
        conn.close()


def kept(path: Path) -> list[tuple[str, Path]]:
    return [(info.reason, info.path) for info in backups.list_backups(path)]


def test_the_oldest_automatic_backups_make_room_for_a_new_one(path: Path, disk: Disk) -> None:
    autos = [back_up(path, "auto") for _ in range(6)]  # newest last
    manual = back_up(path, "manual")
    size = autos[0].stat().st_size
    needed = path.stat().st_size + backups.BACKUP_HEADROOM
    disk.leave_free(needed - size - size // 2)  # two old backups' room short

    removed: list[Path] = []
    new = back_up(path, "auto", removed)

    assert removed == autos[:2]  # the two oldest, oldest first
    assert {p for _r, p in kept(path)} == {new, manual, *autos[2:]}


def test_room_is_made_for_a_backup_asked_for_too_but_never_from_manual_ones(
    path: Path, disk: Disk
) -> None:
    manuals = [back_up(path, "manual") for _ in range(3)]
    autos = [back_up(path, "auto") for _ in range(4)]
    size = autos[0].stat().st_size
    disk.leave_free(path.stat().st_size + backups.BACKUP_HEADROOM - size // 2)

    removed: list[Path] = []
    new = back_up(path, "manual", removed)

    assert removed == autos[:1]
    assert set(manuals) | set(autos[1:]) | {new} == {p for _r, p in kept(path)}


def test_nothing_is_removed_when_the_room_it_would_make_is_not_enough(
    path: Path, disk: Disk
) -> None:
    """The newest automatic backups are never removed for room, nor any old one when
    removing every one allowed would still not make room for the new backup."""
    autos = [back_up(path, "auto") for _ in range(5)]
    size = autos[0].stat().st_size
    # Removing the 2 allowed (5 − the newest 3) frees 2 backups' room; 3 are short.
    disk.leave_free(path.stat().st_size + backups.BACKUP_HEADROOM - 3 * size)
    before = kept(path)

    removed: list[Path] = []
    with pytest.raises(WorkspaceFull, match=r"No backup of w\.fcdesk was made"):
        back_up(path, "auto", removed)

    assert removed == []
    assert kept(path) == before


def test_a_full_disk_names_the_backups_only_the_reviewer_can_remove(path: Path, disk: Disk) -> None:
    """Back Up Now backups (and those made before an update or a restore) are never
    removed by the desk: when they fill the disk, the message said only "the disk has
    less free space than the backup needs", and the reviewer did not know where the room
    had gone nor that the desk would not free it."""
    manuals = [back_up(path, "manual") for _ in range(3)]
    before_update = back_up(path, "before-migration")
    size = manuals[0].stat().st_size
    disk.leave_free(size // 2)

    with pytest.raises(WorkspaceFull) as refused:
        back_up(path, "auto")

    said = str(refused.value)
    assert "3 made with Back Up Now" in said
    assert "1 made before an update or a restore" in said
    assert str(backups.backup_dir(path)) in said
    megabytes = (4 * size) // 1_000_000
    assert f"{megabytes} MB" in said or f"{megabytes + 1} MB" in said
    assert before_update.exists() and all(p.exists() for p in manuals)  # nothing removed


def test_a_full_disk_without_such_backups_says_nothing_of_them(path: Path, disk: Disk) -> None:
    disk.leave_free(0)
    with pytest.raises(WorkspaceFull) as refused:
        back_up(path, "auto")
    assert "Back Up Now" not in str(refused.value)
