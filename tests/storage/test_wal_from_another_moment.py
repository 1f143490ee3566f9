"""A workspace copied while its desk had it open, and its -wal copied a moment later,
after the desk's checkpoint on a pause (settle_saves) and one more save: a file manager
copying both files one after the other, or a sync tool sending them apart. The -wal is
the workspace's own and its history follows the copy's, but the pages the checkpoint
moved into the file are in neither: read together, indexes disagree with their tables.
SQLite's quick check does not look at that; the integrity check does. Found by the kill
loop's copies (tests/stress/kill_loop.py), which damaged 6 of 50 such copies opened for
editing."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from factcheck_app import config
from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.services.desk import Desk
from factcheck_app.storage import wal_check
from factcheck_app.storage.other_workspace import read_snapshot


def _copy_by_another_program(source: Path, target: Path) -> None:
    """As a file manager copies it: in another process (this one holds the workspace, and
    opening it here by path would drop SQLite's locks)."""
    subprocess.run(["cp", str(source), str(target)], check=True)


def _explain(desk: Desk, ids: list[int], numbers: range) -> None:
    for n in numbers:
        desk.reviews.set_text_field(ids[n % len(ids)], "explanation", str(n))


@pytest.fixture
def copy_and_later_wal(tmp_path: Path) -> Path:
    """copy.fcdesk taken after 20 saves, beside its desk's -wal taken after the desk's
    next pause and one more save."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.ensure_seeded(config.seed_dir())
    desk.close()
    desk = Desk.open(path, backup=False)
    try:
        ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
        _explain(desk, ids, range(20))
        copy = tmp_path / "copied" / "copy.fcdesk"
        copy.parent.mkdir()
        _copy_by_another_program(path, copy)
        desk.settle_saves()  # the look that sees the last save
        assert desk.settle_saves()  # the next, on a pause: checkpointed
        _explain(desk, ids, range(20, 21))
        _copy_by_another_program(
            path.with_name(path.name + "-wal"), copy.with_name(copy.name + "-wal")
        )
    finally:
        desk.close()
    return copy


def _integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def test_the_pair_is_damage_that_a_quick_check_does_not_see(copy_and_later_wal: Path) -> None:
    # The case itself, so that the tests below cannot pass for want of it.
    assert _integrity(copy_and_later_wal) != ["ok"]


def test_opened_for_editing_the_wal_is_set_aside_and_the_copy_stays_sound(
    copy_and_later_wal: Path,
) -> None:
    assert wal_check.wal_unfit(copy_and_later_wal) is not None
    desk = Desk.open(copy_and_later_wal, backup=False)
    try:
        # Its own -wal, from a later moment: not "another workspace's" words.
        assert any(
            "copy.fcdesk-wal, beside copy.fcdesk, does not fit it" in notice
            for notice in desk.notices
        )
        assert desk.workspace.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        desk.close()
    assert _integrity(copy_and_later_wal) == ["ok"]
    kept = list((copy_and_later_wal.parent / "copy-backups").glob("*wal-set-aside*"))
    assert len(kept) == 1  # every byte of it kept


def test_merged_it_is_refused_in_words_that_are_true(copy_and_later_wal: Path) -> None:
    with pytest.raises(WorkspaceError) as refused:
        read_snapshot(copy_and_later_wal)
    said = str(refused.value)
    assert "copy.fcdesk-wal" in said and "Nothing was merged" in said
    # Its own -wal, from another moment: not "another workspace's" alone.
    assert "another moment" in said


def _another_workspaces_wal(tmp_path: Path, beside: Path) -> None:
    """The -wal of another workspace's desk, copied beside `beside` while that desk ran."""
    other = tmp_path / "other.fcdesk"
    desk = Desk.open(other, backup=False)
    desk.importer.ensure_seeded(config.seed_dir())
    desk.close()
    desk = Desk.open(other, backup=False)
    try:
        _explain(desk, [row.sentence.id for row in desk.reviews.sentence_rows(1)], range(5))
        _copy_by_another_program(
            other.with_name(other.name + "-wal"), beside.with_name(beside.name + "-wal")
        )
    finally:
        desk.close()


def test_a_file_with_wrong_indexes_still_keeps_out_another_workspaces_wal(
    tmp_path: Path, copy_and_later_wal: Path
) -> None:
    # The pair merged by a program other than the desk: the file alone now has indexes
    # that disagree with their tables, which the quick check of every open does not see.
    conn = sqlite3.connect(copy_and_later_wal)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads it: merges on close
    conn.close()
    assert not copy_and_later_wal.with_name("copy.fcdesk-wal").exists()
    assert _integrity(copy_and_later_wal) != ["ok"]
    _another_workspaces_wal(tmp_path, copy_and_later_wal)
    # Not "damaged either way, merge it": that is for a file the open refuses anyway.
    assert wal_check.wal_unfit(copy_and_later_wal) is not None
