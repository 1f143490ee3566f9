"""A history whose authors another program stored as bytes (a script that "repaired" the
names, as it did the reviewers' versions: SQLite keeps bytes in a TEXT column, and the
desk reads them as the name they spell, the chain intact). A merge reads which of
Ana's two versions went on from the other from our history's entries of hers; it read
the author as `str(b'Ana Ruiz')`, "b'Ana Ruiz'", found no entry of hers here, and fell
back to the clocks: the laptop a day behind, her later word there was dropped without a
word and the desk's older one kept. And a conflict decided for her laptop's version,
her own version here saved with her name as bytes: the kept one goes in its place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from factcheck_app.domain.models import Status
from tests.services.test_merge_clock_skew import (
    ANA,
    DESK_FINAL,
    LAPTOP_LOOK,
    Clock,
    clock,
    copies,
    each_without_the_other,
    merged,
    open_as,
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


def stored_anas(path: Path, sentence: int) -> list[tuple[str, str | None]]:
    """(stored type, verdict) of each of Ana's own versions of `sentence` in the file."""
    other = sqlite3.connect(path)
    try:
        return other.execute(
            "SELECT typeof(reviewer), rating FROM review_versions WHERE sentence_id = ?"
            " AND CAST(reviewer AS TEXT) = ? ORDER BY reviewer",
            [sentence, ANA],
        ).fetchall()
    finally:
        other.close()


def test_keeping_the_laptops_version_replaces_hers_saved_with_her_name_as_bytes(
    copies: tuple[Path, Path, int], clock: Clock
) -> None:
    """Her own version here carries her name as bytes (another program rewrote it).
    Keeping her laptop's version made it hers beside that one, under her name as text:
    the desk itself made two versions of her review (and refused the sentence's merges
    and splits from then on), and Ctrl+Z left the two, both the desk's old words."""
    desk_ws, laptop_ws, s = copies
    each_without_the_other(copies, clock)
    desk = merged(desk_ws, laptop_ws)
    desk.close()
    other = sqlite3.connect(desk_ws)
    with other:
        other.execute(
            "UPDATE review_versions SET reviewer = CAST(reviewer AS BLOB) WHERE reviewer = ?",
            [ANA],
        )
    other.close()
    assert stored_anas(desk_ws, s) == [("blob", "false")]
    desk = open_as(desk_ws, ANA)
    try:
        laptops = next(v for v in desk.merge.versions(s) if v.reviewer != ANA)
        desk.reviews.decide(s, laptops)
        assert shown(desk, s) == ("true", LAPTOP_LOOK, Status.DONE)
        assert stored_anas(desk_ws, s) == [("text", "true")]
        desk.edits.undo()
        assert shown(desk, s) == ("false", DESK_FINAL, Status.CONFLICT)
        assert stored_anas(desk_ws, s) == [("blob", "false")]
        desk.edits.redo()
        assert stored_anas(desk_ws, s) == [("text", "true")]
        desk.boundaries.merge_with_next(s)  # one version of hers: merged as ever
    finally:
        desk.close()
