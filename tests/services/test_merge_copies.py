"""Copies of a colleague's workspace as careless people make them during a week: taken
while their desk had it open, renamed on the way, paired with the wrong `-wal`. The merge
takes what is really theirs or refuses in words; it never takes another file's changes
as theirs, and never changes anything here when it refuses."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.errors import WorkspaceDamaged, WorkspaceError
from tests.desk_left_open import desk_left_open
from tests.services.merge_fixtures import (
    SHARED,
    dump,
    make_alice,
    make_bob,
    open_as,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_copy_beside_another_workspaces_wal_is_refused_not_merged(tmp_path: Path) -> None:
    # `bob-copy.fcdesk` came by mail; a `bob-copy.fcdesk-wal` of another workspace (Carol's,
    # left in Downloads from an earlier copy) sits beside it. Read with it, SQLite lays
    # Carol's unmerged changes over Bob's file: the merge took Carol's verdicts as Bob's.
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    carol = tmp_path / "carol.fcdesk"
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    copy = downloads / "bob-copy.fcdesk"
    with desk_left_open(carol, "Bob") as desk:  # the same name: only the file differs
        ids = desk.do("import", SHARED, "shared.txt")
        assert isinstance(ids, list)
        for sentence in ids:
            desk.do("verdict", sentence, "unverifiable")
        shutil.copyfile(bob, copy)
        shutil.copyfile(tmp_path / "carol.fcdesk-wal", downloads / "bob-copy.fcdesk-wal")
    ours = open_as(alice, "Alice")
    try:
        before = dump(ours)
        theirs = {p.name: _digest(p) for p in downloads.iterdir()}
        with pytest.raises(WorkspaceError) as refused:
            ours.merge.merge(copy)
        said = str(refused.value)
        assert "bob-copy.fcdesk-wal" in said
        assert "another workspace" in said
        assert "Nothing was merged" in said
        assert dump(ours) == before
        assert {p.name: _digest(p) for p in downloads.iterdir()} == theirs
    finally:
        ours.close()
    # Moved out of the way, the copy merges as Bob's file is: none of Carol's verdicts.
    (downloads / "bob-copy.fcdesk-wal").rename(tmp_path / "carol-stale.fcdesk-wal")
    assert run(["merge", "-w", str(alice), str(copy), "--reviewer", "Alice"]) == 0
    ours = open_as(alice, "Alice")
    try:
        verdicts = {
            r.review.verdict
            for a in ours.articles.list_articles()
            for r in ours.reviews.sentence_rows(a.id)
        }
        assert "unverifiable" not in verdicts
    finally:
        ours.close()


def _merged(alice: Path, theirs: Path) -> str:
    desk = open_as(alice, "Alice")
    try:
        return desk.merge.merge(theirs).summary()
    finally:
        desk.close()


def test_a_copy_taken_while_their_desk_was_open_says_so(tmp_path: Path) -> None:
    # Bob's window is open; a colleague copies bob.fcdesk alone onto a USB stick. What Bob
    # saved before his last pause is in it; his last verdict, a second before the copy,
    # is not: the merge must say so, not pass for all of Bob's work.
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    stick = tmp_path / "stick"
    stick.mkdir()
    with desk_left_open(bob, "Bob") as desk:
        ids = desk.do("import", SHARED, "shared.txt")
        assert isinstance(ids, list)
        desk.do("verdict", ids[3], "mixed")
        assert desk.do("settle") is True  # the window's look on a pause
        desk.do("verdict", ids[4], "unverifiable")  # the last second's
        shutil.copyfile(bob, stick / "bob.fcdesk")
    said = _merged(alice, stick / "bob.fcdesk")
    assert "1 review added" in said
    assert "bob.fcdesk was copied while a desk had it open" in said
    assert "Ask for a copy made after the desk was closed" in said
    # The way that hands over a whole copy where one chooses, not a backup to dig out.
    assert "or with File → Save a Copy…, and merge that too" in said
    # Merged again, it says so again (nothing new, and still not all of Bob's work) …
    assert "copied while a desk had it open" in _merged(alice, stick / "bob.fcdesk")
    # … and a copy made after Bob closed his desk brings the rest, without the warning.
    shutil.copyfile(bob, stick / "bob-closed.fcdesk")
    said = _merged(alice, stick / "bob-closed.fcdesk")
    assert "1 review added" in said
    assert "copied while" not in said


def test_a_closed_colleagues_file_merges_without_the_warning(tmp_path: Path) -> None:
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    assert "copied while" not in _merged(alice, bob)


def test_a_damaged_copy_is_told_as_theirs_with_a_fresh_copy_as_the_way_out(
    tmp_path: Path,
) -> None:
    # A copy cut in the middle of a save (taken while their desk checkpointed) or damaged
    # on the stick: the merge said "the workspace may be damaged: run File → Check
    # Workspace or restore a backup", as if the reviewer's own workspace were.
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    conn = sqlite3.connect(bob)
    with conn:
        conn.execute("INSERT INTO article_text VALUES (1, 3, ?)", ["a torn page"])
    conn.close()
    ours = open_as(alice, "Alice")
    try:
        before = dump(ours)
        with pytest.raises(WorkspaceDamaged) as refused:
            ours.merge.merge(bob)
        said = str(refused.value)
        assert said.startswith("bob.fcdesk cannot be merged: it is damaged (")
        assert "ask for a fresh copy" in said and "Nothing was merged" in said
        assert "File → Save a Copy… in their desk makes a whole one" in said
        assert "backups folder" not in said
        assert "restore a backup" not in said
        assert dump(ours) == before
    finally:
        ours.close()


@pytest.mark.parametrize("kept", [0.5, 0.9])
def test_a_cut_short_copy_is_told_as_theirs_without_a_backup_to_restore(
    kept: float, tmp_path: Path
) -> None:
    # A copy cut short (a stick pulled out while it was written): the merge said "bob.fcdesk
    # cannot be merged: it is damaged (The workspace bob.fcdesk is damaged (database disk
    # image is malformed). Run File → Check Workspace, or restore it from a backup)", a
    # message within a message, sending the reviewer to restore a backup of Bob's file.
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    ours = open_as(alice, "Alice")
    try:
        for number in range(40):  # a file of many pages: the cut falls among them
            ours.importer.import_text(f"Story {number}. " + "The rate rose 5%. " * 60)
        ours.close()
        shutil.copyfile(alice, bob)
        data = bob.read_bytes()
        bob.write_bytes(data[: int(len(data) * kept)])
        ours = open_as(alice, "Alice")
        before = dump(ours)
        with pytest.raises(WorkspaceDamaged) as refused:
            ours.merge.merge(bob)
        said = str(refused.value)
        assert said.startswith("bob.fcdesk cannot be merged: it is damaged (")
        assert "The workspace" not in said  # said once, of their file
        assert "restore" not in said and "Check Workspace" not in said
        assert "ask for a fresh copy" in said and "Nothing was merged" in said
        assert dump(ours) == before
    finally:
        ours.close()


def test_a_backup_made_while_open_merges_without_the_warning(tmp_path: Path) -> None:
    # Back Up Now is the way the warning itself offers: a backup is whole (SQLite's own
    # backup, with no -wal to lose), though made while the desk had the workspace open.
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    desk = open_as(bob, "Bob")
    try:
        shutil.copyfile(desk.upkeep.backup_now(), tmp_path / "bob-backup.fcdesk")
    finally:
        desk.close()
    said = _merged(alice, tmp_path / "bob-backup.fcdesk")
    assert "2 articles added" in said
    assert "copied while" not in said
