"""Merging a colleague's file while their desk still has it open and saves into it (a
shared folder: Bob works on, Alice merges what he has so far). What their desk has saved
is merged as one moment of it; the merge never calls his live -wal another workspace's,
nor tells Alice to move it away (moved from under his desk, his next saves would damage
his workspace)."""

from __future__ import annotations

import shutil
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from factcheck_app.storage import other_workspace, wal_check
from tests.desk_left_open import OpenDesk, desk_left_open
from tests.services.merge_fixtures import BOB_ALSO, BOB_ONLY, SHARED, make_alice, open_as


def _verdicts(alice: Path) -> dict[str, tuple[str | None, list[str | None]]]:
    """Alice's workspace: each sentence of Bob's own article, its decided verdict and
    Bob's version's."""
    desk = open_as(alice, "Alice")
    try:
        found = {}
        article = next(a.id for a in desk.articles.list_articles() if "senator" in a.title.lower())
        for row in desk.reviews.sentence_rows(article):
            versions = [v.verdict for v in desk.merge.versions(row.sentence.id)]
            found[row.sentence.text] = (row.review.verdict, versions)
        return found
    finally:
        desk.close()


def _bob_working(bob: OpenDesk) -> list[int]:
    """Bob's open desk with his own article, its first sentence judged: saves in his -wal."""
    bob.do("import", SHARED, "shared.txt")
    ids = bob.do("import", BOB_ONLY, "bob.txt")
    assert isinstance(ids, list)
    bob.do("verdict", ids[0], "false")
    return ids


def test_a_file_its_desk_is_saving_into_is_merged_not_called_another_workspaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    copyfile = shutil.copyfile
    with desk_left_open(bob, "Bob") as desk:
        ids = _bob_working(desk)
        assert wal_check.wal_in_use(bob)
        wal = bob.with_name("bob.fcdesk-wal")

        def bob_saves_meanwhile(source: Any, target: Any, **kwargs: Any) -> Any:
            # Bob saves (and SQLite checkpoints) after his file was copied, before his
            # -wal is: files copied one after the other are of two moments.
            if Path(source) == wal:
                desk.do("import", BOB_ALSO, "bob2.txt")
                desk.do("checkpoint")
                desk.do("explain", ids[1], "Police data show a fall.")
            return copyfile(source, target, **kwargs)

        monkeypatch.setattr(shutil, "copyfile", bob_saves_meanwhile)
        ours = open_as(alice, "Alice")
        try:
            summary = ours.merge.merge(bob).summary()
        finally:
            ours.close()
            monkeypatch.undo()
    assert summary.startswith("Merged bob.fcdesk: ")
    merged = _verdicts(alice)
    first = next(text for text in merged if text.startswith("The senator"))
    assert merged[first] == ("false", ["false"])  # what Bob had saved, merged


def test_what_their_desk_saves_during_the_read_is_not_half_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Their file is read table by table. Bob's verdict saved between the read of the
    # decided reviews and that of the reviewers' versions came half: his version said
    # "true" and the sentence's decided review, shown to Alice, nothing.
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    versions = other_workspace._Reader._versions
    with desk_left_open(bob, "Bob") as desk:
        ids = _bob_working(desk)

        def bob_saves_meanwhile(reader: Any) -> Any:
            desk.do("verdict", ids[1], "true")
            return versions(reader)

        monkeypatch.setattr(other_workspace._Reader, "_versions", bob_saves_meanwhile)
        ours = open_as(alice, "Alice")
        try:
            ours.merge.merge(bob)
        finally:
            ours.close()
    merged = _verdicts(alice)
    second = next(text for text in merged if text.startswith("Police data"))
    decided, theirs = merged[second]
    assert theirs in ([], [decided])  # one moment of Bob's file: before his verdict


def test_a_desk_opening_their_file_during_the_read_is_not_half_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bob's file had nothing beside it as the read began (his desk closed): it is read
    # without SQLite's locks, and nothing holds back a desk opening it meanwhile. Bob
    # opened it, judged a sentence and his desk copied the save into the file (as it does
    # at every pause) between the read of the decided reviews and that of the versions:
    # his version said "true" and the decided review, shown to Alice, nothing.
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    with desk_left_open(bob, "Bob") as desk:
        ids = _bob_working(desk)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("bob.fcdesk-")]
    versions = other_workspace._Reader._versions
    with ExitStack() as later:

        def bob_opens_it_meanwhile(reader: Any) -> Any:
            if not later_desks:
                desk = later.enter_context(desk_left_open(bob, "Bob"))
                later_desks.append(desk)
                desk.do("verdict", ids[1], "true")
                desk.do("checkpoint")
                # A year's file is larger than SQLite's page cache: what is read next comes
                # from the disk, not from the pages the open's checks read.
                reader.db.execute("PRAGMA shrink_memory")
            return versions(reader)

        later_desks: list[OpenDesk] = []
        monkeypatch.setattr(other_workspace._Reader, "_versions", bob_opens_it_meanwhile)
        ours = open_as(alice, "Alice")
        try:
            ours.merge.merge(bob)
        finally:
            ours.close()
            monkeypatch.undo()
    assert later_desks  # Bob's desk did open during the read
    merged = _verdicts(alice)
    second = next(text for text in merged if text.startswith("Police data"))
    decided, theirs = merged[second]
    assert theirs in ([], [decided])  # one moment of Bob's file
