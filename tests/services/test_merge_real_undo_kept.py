"""A real Ctrl+Z of a decision, merged elsewhere, is not taken for a forgery. Alice decided
a conflict; merging Carol's copy, where Carol had decided it the same way, brought
Carol's decision into her history; she undid the merge, then her decision. Her undo
takes back her own decision (her stack's), but the merge read it as taking back Carol's,
the newest decision that left what it puts back, merged in: "written in another file
than the step it takes back", it was left out of the history of whoever merged Alice's
file, and they were told it was what a forger writes."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.services.merge_fixtures import (
    article_titled,
    make_alice,
    make_bob,
    open_as,
    sentence_ids,
)


def test_an_undo_of_a_decision_a_merged_file_also_made_is_not_left_out(tmp_path: Path) -> None:
    alice, bob, carol, edith = (tmp_path / f"{n}.fcdesk" for n in ("alice", "bob", "carol", "e"))
    make_alice(alice)
    make_bob(bob)
    make_alice(edith)
    desk = open_as(alice, "Alice")
    try:
        desk.merge.merge(bob)  # the wages sentence: Alice's true, Bob's false
    finally:
        desk.close()
    shutil.copyfile(alice, carol)
    desk = open_as(carol, "Carol")
    try:
        wages = sentence_ids(desk, article_titled(desk, "minister"))[1]
        keep_alices = next(v for v in desk.merge.versions(wages) if v.reviewer == "Alice")
        desk.reviews.decide(wages, keep_alices)
    finally:
        desk.close()
    desk = open_as(alice, "Alice")
    try:
        desk.reviews.decide(wages, keep_alices)
        desk.merge.merge(carol)
        desk.undo()  # the merge
        desk.undo()  # her decision: the conflict is open again
    finally:
        desk.close()
    desk = open_as(edith, "Edith")
    try:
        result = desk.merge.merge(alice)
        assert result.undos_left_out == 0
        assert "undo of an approval" not in result.summary()
        undos = desk.repo.db.execute(
            "SELECT count(*) FROM history WHERE action = 'undo' AND description = ?",
            ["Keep Alice's review"],
        ).fetchone()[0]
        assert undos == 1  # Alice's undo, in Edith's history as in hers
    finally:
        desk.close()
