"""Two programs naming files in one second never give two copies one name.

A backup's name is the workspace's, the time to the second, a counter and the kind. Two
programs on one workspace (the window that edits it and a second window that reads it,
both pressing Back Up Now) could both find the same name free and both write it: the one
renamed last replaced the other, and both windows said where their backup was kept. The
same held for the copies of two workspaces named alike rescued into the desk's data
folder when their folders went away: one window's only copy of its work replaced the
other's."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups, scratch
from tests.conftest import SEED_FILE

MOMENT = dt.datetime(2026, 12, 6, 9, 15, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def one_second(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every name below is made in the same second."""
    monkeypatch.setattr(backups, "_now", lambda: MOMENT)


def make_workspace(path: Path) -> list[int]:
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
    desk.close()
    return ids


def explanation(copy: Path, sentence_id: int) -> str:
    desk = Desk.open(copy, backup=False)
    try:
        return desk.reviews.review(sentence_id).explanation
    finally:
        desk.close()


def test_two_windows_backing_up_in_the_same_second_keep_both_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window that reads the workspace starts Back Up Now (its copy holds the
    workspace as it was then); in the same second the window that edits it saves an
    explanation and makes its own Back Up Now, which is written first. The first window's
    copy, renamed last, took the same name and replaced the second's: the backup that
    held the explanation was gone, and both windows named that one file."""
    path = tmp_path / "w.fcdesk"
    ids = make_workspace(path)
    editing = Desk.open(path, backup=False)
    real_make_room = backups._make_room
    made_meanwhile: list[Path] = []
    calls = []

    def other_window_meanwhile(workspace: Path, folder: Path, needed: int) -> list[Path]:
        calls.append(workspace)
        if len(calls) == 1:  # between the first backup's naming and its copy
            editing.reviews.set_text_field(ids[0], "explanation", "Census 2019, table 4.")
            made_meanwhile.append(editing.upkeep.backup_now())
        return real_make_room(workspace, folder, needed)

    monkeypatch.setattr(backups, "_make_room", other_window_meanwhile)
    reading_window_s = backups.take_backup_on_own_connection(path, "manual")
    editing.close()
    [editing_window_s] = made_meanwhile
    assert reading_window_s != editing_window_s
    listed = [info.path for info in backups.list_backups(path)]
    assert sorted(listed) == sorted([reading_window_s, editing_window_s])
    assert explanation(editing_window_s, ids[0]) == "Census 2019, table 4."
    assert explanation(reading_window_s, ids[0]) == ""
    assert not list(backups.backup_dir(path).glob("*.partial*"))


@pytest.mark.parametrize("links", [True, False], ids=["hard-links", "no-hard-links"])
def test_a_file_given_the_backups_name_while_it_is_copied_is_kept(
    links: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program (an older desk, which reserves no name) finishes a backup under
    the very name this one was given while this one is copied: it is kept as it is, and
    this backup takes the next name of that second. So too on a disk without hard links
    (a FAT-formatted USB stick)."""
    if not links:

        def no_links(*_args: object, **_kwargs: object) -> None:
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr(scratch.os, "link", no_links)
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    folder = backups.backup_dir(path)
    theirs = b"their backup, every byte"
    real_copy = backups._copy_into_file

    def theirs_named_meanwhile(conn: sqlite3.Connection, target: Path, *rest: object) -> None:
        real_copy(conn, target, *rest)  # type: ignore[arg-type]
        (folder / "w-20261206-091500Z-manual.fcdesk").write_bytes(theirs)

    monkeypatch.setattr(backups, "_copy_into_file", theirs_named_meanwhile)
    desk = Desk.open(path, backup=False)
    ours = desk.upkeep.backup_now()
    desk.close()
    assert (folder / "w-20261206-091500Z-manual.fcdesk").read_bytes() == theirs
    assert ours.name == "w-20261206-091500Z-1-manual.fcdesk"
    assert backups.reads_back_whole(ours)
    listed = [info.path for info in backups.list_backups(path)]
    assert listed == [ours, folder / "w-20261206-091500Z-manual.fcdesk"]  # the newer first


def test_a_restore_and_a_backup_in_the_same_second_keep_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workspace a restore sets aside and a backup another window makes in that second
    have names of their own (the kind is in the name): neither replaces the other."""
    path = tmp_path / "w.fcdesk"
    ids = make_workspace(path)
    desk = Desk.open(path, backup=False)
    backup = desk.upkeep.backup_now()
    desk.reviews.set_tag(ids[1], Tag.CLAIM)  # the work a restore sets aside
    desk.close()
    real_copy = backups._copy_into_file
    reading = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    other_window_s: list[Path] = []

    def other_window_backs_up(conn: sqlite3.Connection, target: Path, *rest: object) -> None:
        real_copy(conn, target, *rest)  # type: ignore[arg-type]
        if target.name.endswith(backups.RESTORING):  # the restore's copy, then the backup
            other_window_s.append(backups.take_backup(reading, path, "manual"))

    monkeypatch.setattr(backups, "_copy_into_file", other_window_backs_up)
    try:
        kept = backups.restore_backup(path, backup)
    finally:
        reading.close()
    assert kept is not None and other_window_s and kept != other_window_s[0]
    for copy in (kept, other_window_s[0]):
        desk = Desk.open(copy, backup=False)
        assert desk.reviews.review(ids[1]).tag is Tag.CLAIM
        desk.close()


def test_two_workspaces_named_alike_rescued_in_one_second_keep_both_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two windows hold workspaces of one name in two folders that a sync tool deletes at
    once: both copy what they hold into the desk's data folder, within the second each
    looks. The copy renamed last replaced the first: that window's work, whose file was
    gone, was lost, though its message named the copy."""
    data = tmp_path / "data"
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(data))
    desks = {}
    for team in ("politics", "sport"):
        folder = tmp_path / team
        folder.mkdir()
        ids = make_workspace(folder / "desk.fcdesk")
        desks[team] = Desk.open(folder / "desk.fcdesk", backup=False)
        desks[team].reviews.set_text_field(ids[0], "explanation", f"Sourced by {team}.")
    for team in desks:
        shutil.rmtree(tmp_path / team)
    real_copy = backups._copy_into_file
    told: dict[str, str] = {}

    def sport_rescued_meanwhile(conn: sqlite3.Connection, target: Path, *rest: object) -> None:
        real_copy(conn, target, *rest)  # type: ignore[arg-type]
        if "sport" not in told:
            told["sport"] = ""
            with pytest.raises(WorkspaceError) as sport:
                desks["sport"].reviews.set_tag(ids[1], Tag.CLAIM)
            told["sport"] = str(sport.value)

    monkeypatch.setattr(backups, "_copy_into_file", sport_rescued_meanwhile)
    with pytest.raises(WorkspaceError) as politics:
        desks["politics"].reviews.set_tag(ids[1], Tag.CLAIM)
    told["politics"] = str(politics.value)
    for desk in desks.values():
        desk.close()
    monkeypatch.setattr(backups, "_copy_into_file", real_copy)
    rescued = sorted(data.glob("desk-rescued-*.fcdesk"))
    assert len(rescued) == 2
    for team, message in told.items():
        [named] = [copy for copy in rescued if f"kept as {copy} " in message]
        assert explanation(named, ids[0]) == f"Sourced by {team}."
