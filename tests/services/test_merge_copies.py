"""Copies of a colleague's workspace as careless people make them during a week: taken
while their desk had it open, renamed on the way, paired with the wrong `-wal`. The merge
takes what is really theirs or refuses in words; it never takes another file's changes
as theirs, and never changes anything here when it refuses."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.errors import WorkspaceError
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
