"""A history whose authors another program stored as bytes (a script that "repaired" the
names, as it did the reviewers' versions: SQLite keeps bytes in a TEXT column, and the
desk reads them as the name they spell, the chain intact). A merge reads which of
Ana's two versions went on from the other from our history's entries of hers; it read
the author as `str(b'Ana Ruiz')`, "b'Ana Ruiz'", found no entry of hers here, and fell
back to the clocks: the laptop a day behind, her later word there was dropped without a
word and the desk's older one kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from factcheck_app.domain.models import Status
from tests.services.test_merge_clock_skew import (
    ANA,
    DESK_FINAL,
    Clock,
    clock,
    copies,
    merged,
    review,
    shown,
    version_texts,
)

__all__ = ["clock", "copies"]  # fixtures


def authors_as_bytes(path: Path) -> None:
    """Another program rewrites every history entry's author as bytes."""
    other = sqlite3.connect(path)
    with other:
        other.execute("UPDATE history SET actor = CAST(actor AS BLOB)")
    other.close()


def test_her_later_word_from_a_laptop_behind_wins_with_our_authors_stored_as_bytes(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    desk_ws, laptop_ws, s = copies
    review(desk_ws, s, "false", DESK_FINAL)
    clock(-1)  # the laptop runs a day behind
    laptop = merged(laptop_ws, desk_ws)  # she takes the desk's work to the laptop
    try:
        laptop.reviews.set_verdict(s, "mostly_false")  # …and goes on from it there
        laptop.reviews.set_text_field(s, "explanation", "census 2019: 335,600, rounded")
    finally:
        laptop.close()
    clock(0)
    authors_as_bytes(desk_ws)
    desk = merged(desk_ws, laptop_ws)
    try:
        assert desk.upkeep.check().ok  # the chain reads the names as text: intact
        assert shown(desk, s) == ("mostly_false", "census 2019: 335,600, rounded", Status.DONE)
        assert list(version_texts(desk, s)) == [ANA]
    finally:
        desk.close()


def test_the_merge_reads_our_authors_stored_as_bytes_as_the_names_they_spell(
    copies: tuple[Path, Path, int],
) -> None:
    desk_ws, laptop_ws, s = copies
    review(desk_ws, s, "false", DESK_FINAL)
    authors_as_bytes(desk_ws)
    desk = merged(desk_ws, laptop_ws)
    try:
        assert {row[1] for row in desk.repo.merging.review_edits()} == {ANA}
    finally:
        desk.close()
