"""A history whose other columns another program stored as bytes (as it did the authors:
`test_merge_history_actor_bytes.py`). The chain reads them as the text they spell
(`history.entry_from`) and Check Workspace says all is well; the merge must read them
the same way. Its queries compared them with text in SQL (`entity = 'review'`), where
bytes never equal text: none of her entries here were found, the merge fell back to the
clocks, and with the laptop a day behind her later word there was dropped unsaid."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factcheck_app.domain.models import Status
from tests.services.test_merge_clock_skew import (
    ANA,
    DESK_FINAL,
    Clock,
    clock,
    copies,
    merged,
    open_as,
    review,
    shown,
    version_texts,
)

__all__ = ["clock", "copies"]  # fixtures

LATER = ("mostly_false", "census 2019: 335,600, rounded", Status.DONE)


def as_bytes(path: Path, column: str) -> None:
    """Another program rewrites one column of every history entry as bytes ("none": no
    column, the case as it always worked)."""
    if column == "none":
        return
    other = sqlite3.connect(path)
    with other:
        other.execute(f"UPDATE history SET {column} = CAST({column} AS BLOB)")
    other.close()


def entry_names(path: Path) -> list[str]:
    """Each history entry's name in every workspace (its origin, else its hash), as text."""
    other = sqlite3.connect(path)
    try:
        rows = other.execute("SELECT CAST(origin AS TEXT), CAST(hash AS TEXT) FROM history")
        return [origin or hash_ for origin, hash_ in rows.fetchall()]
    finally:
        other.close()


@pytest.mark.parametrize("column", ["none", "entity", "action", "hash", "at", "old", "new"])
def test_her_later_word_wins_with_our_history_column_stored_as_bytes(
    copies: tuple[Path, Path, int], clock: Clock, column: str
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
    as_bytes(desk_ws, column)
    desk = merged(desk_ws, laptop_ws)
    try:
        assert desk.upkeep.check().ok  # the chain reads them as text: intact
        assert shown(desk, s) == LATER
        assert list(version_texts(desk, s)) == [ANA]
        names = entry_names(desk_ws)  # our entries that came back from the laptop: not again
        assert len(names) == len(set(names))
        desk.edits.undo()
        assert shown(desk, s) == ("false", DESK_FINAL, Status.DONE)
        assert desk.upkeep.check().ok
        desk.edits.redo()
        assert shown(desk, s) == LATER
        assert desk.upkeep.check().ok
    finally:
        desk.close()


@pytest.mark.parametrize("column", ["none", "actor", "entity", "action", "hash", "at", "new"])
def test_their_later_word_wins_with_their_history_column_stored_as_bytes(
    copies: tuple[Path, Path, int], clock: Clock, column: str
) -> None:
    """The other way round: their file's history holds the bytes. Each such entry was left
    out as unreadable (counted as a row left out), so the merge knew nothing of hers
    there and fell back to the clocks, while their own Check Workspace says all is well."""
    desk_ws, laptop_ws, s = copies
    review(laptop_ws, s, "false", DESK_FINAL)
    clock(-1)  # the desk runs a day behind
    desk = merged(desk_ws, laptop_ws)  # she takes the laptop's work to the desk
    try:
        desk.reviews.set_verdict(s, "mostly_false")  # …and goes on from it there
        desk.reviews.set_text_field(s, "explanation", "census 2019: 335,600, rounded")
    finally:
        desk.close()
    clock(0)
    as_bytes(desk_ws, column)
    laptop = open_as(desk_ws, ANA)
    try:
        assert laptop.upkeep.check().ok  # intact, as their desk reads it
    finally:
        laptop.close()
    laptop = open_as(laptop_ws, ANA)
    try:
        result = laptop.merge.merge(desk_ws)
        assert result.skipped == 0
        assert shown(laptop, s) == LATER
        assert list(version_texts(laptop, s)) == [ANA]
        assert laptop.upkeep.check().ok
        laptop.edits.undo()
        assert shown(laptop, s) == ("false", DESK_FINAL, Status.DONE)
        assert laptop.upkeep.check().ok
        laptop.edits.redo()
        entries = laptop.repo.history.count()
        again = laptop.merge.merge(desk_ws)  # nothing of hers twice
        assert again.history_added == 0 and laptop.repo.history.count() == entries
        assert shown(laptop, s) == LATER
        assert laptop.upkeep.check().ok
    finally:
        laptop.close()
