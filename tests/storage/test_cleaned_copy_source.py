"""Which cleaned copy the "Damaged workspace" box offers as the one made before: only a
copy whose record names this file, in the state it was cleaned in."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.domain.errors import WorkspaceFull
from factcheck_app.services.desk import Desk
from factcheck_app.storage import cleaning
from tests.conftest import SEED_FILE


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("made") / "workspace.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_file(SEED_FILE)
    finally:
        desk.close()
    return path


def _placed(workspace: Path, folder: Path, mtime: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / workspace.name
    shutil.copy(workspace, path)
    os.utime(path, (mtime, mtime))
    return path


def test_a_copy_of_a_namesake_in_another_folder_is_not_offered(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two damaged workspaces named workspace.fcdesk, in two read-only folders: both their
    # cleaned copies go to the data folder, under the same names. The copy of the first,
    # worked in for a day, was offered at the second's next start as "the work done in it
    # since" -- and made the default, opened by Enter.
    data = tmp_path / "data"
    first = _placed(workspace, tmp_path / "desk-a", 1_700_000_000)
    second = _placed(workspace, tmp_path / "desk-b", 1_700_000_100)
    access = os.access  # their folders read-only (chmod does not stop root)
    monkeypatch.setattr(os, "access", lambda p, mode: "desk-" not in str(p) and access(p, mode))
    copy = cleaning.open_cleaned_copy(first, cleaning.cleaned_copy_path(first, data)).path
    assert copy.parent == data

    assert cleaning.earlier_cleaned_copy(first, cleaning.cleaned_copy_path(first, data)) == copy
    assert cleaning.earlier_cleaned_copy(second, cleaning.cleaned_copy_path(second, data)) is None


def test_a_copy_of_an_earlier_damage_touched_by_a_sync_tool_is_not_offered(
    workspace: Path, tmp_path: Path
) -> None:
    # A copy left from a damage months ago (the workspace restored and worked in since)
    # was told apart only by its time; a sync tool that touched it made it look newer than
    # the damage, and Enter opened it over the restore of last night's backup.
    path = _placed(workspace, tmp_path, 1_600_000_000)
    stale = cleaning.open_cleaned_copy(path, cleaning.cleaned_copy_path(path)).path
    desk = Desk.open(path, backup=False)  # restored, and worked in since: written again
    try:
        desk.importer.import_text("Later work\n\nThe mayor said rents fell 4 percent.")
    finally:
        desk.close()
    os.utime(path, (1_700_000_000, 1_700_000_000))  # damaged now
    os.utime(stale, (1_800_000_000, 1_800_000_000))  # the sync tool

    assert cleaning.earlier_cleaned_copy(path, cleaning.cleaned_copy_path(path)) is None


def test_a_copy_without_a_record_of_its_source_is_not_offered(
    workspace: Path, tmp_path: Path
) -> None:
    # A copy made before copies recorded their source (or any workspace saved under such
    # a name) cannot tell whose copy it is: it stays where it is, and is not offered.
    path = _placed(workspace, tmp_path, 1_700_000_000)
    unrecorded = tmp_path / "workspace-cleaned.fcdesk"
    shutil.copy(workspace, unrecorded)

    assert cleaning.earlier_cleaned_copy(path, cleaning.cleaned_copy_path(path)) is None
    assert unrecorded.exists()


def test_the_copy_of_this_damage_is_offered_after_work_in_it(
    workspace: Path, tmp_path: Path
) -> None:
    path = _placed(workspace, tmp_path, 1_700_000_000)
    copy = cleaning.open_cleaned_copy(path, cleaning.cleaned_copy_path(path)).path
    desk = Desk.open(copy, backup=False)
    try:
        desk.importer.import_text("The day's work\n\nThe mayor said rents fell 4 percent.")
    finally:
        desk.close()
    again = cleaning.open_cleaned_copy(path, cleaning.cleaned_copy_path(path)).path
    os.utime(again, (1_700_000_050, 1_700_000_050))  # made, not worked in

    assert cleaning.earlier_cleaned_copy(path, cleaning.cleaned_copy_path(path)) == copy


def test_a_disk_filling_during_the_cleaning_leaves_nothing_to_offer_and_says_where(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The disk filled while the history was copied. Nothing is left at the copy's name
    # (it is written in a hidden folder, and moved there only whole), so nothing half
    # written is offered at the next start. The words named that hidden folder's file,
    # gone by then, as "the workspace" whose "change was NOT saved".
    path = _placed(workspace, tmp_path, 1_700_000_000)
    dest = cleaning.cleaned_copy_path(path)
    copy_table = cleaning._Copier._copy_table

    def full_at_the_history(copier: cleaning._Copier, table: Any) -> None:
        if table.name == "history":
            raise sqlite3.OperationalError("database or disk is full")
        copy_table(copier, table)

    monkeypatch.setattr(cleaning._Copier, "_copy_table", full_at_the_history)
    with pytest.raises(WorkspaceFull) as refused:
        cleaning.open_cleaned_copy(path, dest)

    said = str(refused.value)
    assert str(dest) in said and cleaning.STAGING_PREFIX not in said
    assert "Nothing was written" in said and "not saved" not in said
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [
        "workspace.fcdesk"
    ]
    assert cleaning.earlier_cleaned_copy(path, cleaning.cleaned_copy_path(path)) is None


def test_the_copy_is_offered_when_the_file_is_reached_through_a_link(
    workspace: Path, tmp_path: Path
) -> None:
    # Cleaned through a linked folder (~/desk -> a synced folder), opened the next time by
    # its real path, or the other way round: the same file, its copy offered.
    path = _placed(workspace, tmp_path / "synced", 1_700_000_000)
    (tmp_path / "desk").symlink_to(tmp_path / "synced")
    linked = tmp_path / "desk" / path.name
    copy = cleaning.open_cleaned_copy(linked, cleaning.cleaned_copy_path(linked)).path

    assert (
        cleaning.earlier_cleaned_copy(path, cleaning.cleaned_copy_path(path))
        == path.parent / copy.name
    )


def test_the_copy_is_offered_when_only_the_damaged_file_s_time_changed(
    workspace: Path, tmp_path: Path
) -> None:
    # A sync tool or a virus scan set the damaged file's time, its bytes as they were:
    # the copy with the day's work was not offered, and Enter made a second copy without
    # it, the box saying nothing of the first.
    path = _placed(workspace, tmp_path, 1_700_000_000)
    copy = cleaning.open_cleaned_copy(path, cleaning.cleaned_copy_path(path)).path
    os.utime(path, (1_700_000_900, 1_700_000_900))

    assert cleaning.earlier_cleaned_copy(path, cleaning.cleaned_copy_path(path)) == copy


def test_a_copy_of_the_file_before_its_bytes_changed_is_not_offered(
    workspace: Path, tmp_path: Path
) -> None:
    # The same size, other bytes (a restore of a backup as long, damaged again): the copy
    # holds none of the work done in it since.
    path = _placed(workspace, tmp_path, 1_700_000_000)
    cleaning.open_cleaned_copy(path, cleaning.cleaned_copy_path(path))
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    os.utime(path, (1_700_000_900, 1_700_000_900))

    assert cleaning.earlier_cleaned_copy(path, cleaning.cleaned_copy_path(path)) is None


def test_a_file_whose_bytes_cannot_all_be_read_is_still_cleaned(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bad sectors: its bytes, read whole for the record, fail; SQLite reads the pages it
    # can, and the copy is made, only without them in its record.
    path = _placed(workspace, tmp_path, 1_700_000_000)

    def unreadable(src: Path) -> str:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(cleaning, "_digest", unreadable)
    copy = cleaning.open_cleaned_copy(path, cleaning.cleaned_copy_path(path)).path

    assert cleaning.earlier_cleaned_copy(path, cleaning.cleaned_copy_path(path)) == copy


def test_the_copy_with_the_work_is_offered_when_an_earlier_name_was_freed(
    workspace: Path, tmp_path: Path
) -> None:
    # Two copies made (the second, -cleaned-2, worked in), the first deleted as stale:
    # the search for copies made ended at the first free name, -cleaned itself, so the
    # one with the work was not offered and Enter made a new copy without it.
    path = _placed(workspace, tmp_path, 1_700_000_000)
    first = cleaning.open_cleaned_copy(path, cleaning.cleaned_copy_path(path)).path
    second = cleaning.open_cleaned_copy(path, cleaning.cleaned_copy_path(path)).path
    desk = Desk.open(second, backup=False)
    try:
        desk.importer.import_text("The day's work\n\nThe mayor said rents fell 4 percent.")
    finally:
        desk.close()
    first.unlink()

    assert cleaning.cleaned_copy_path(path) == first
    assert cleaning.earlier_cleaned_copy(path, cleaning.cleaned_copy_path(path)) == second
