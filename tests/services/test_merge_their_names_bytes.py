"""A colleague's file whose reviewers' names another program stored as bytes (the case
`test_merge_history_actor_bytes.py` meets in our own file). Her desk reads them as the
names they spell and shows her verdicts; the merge read each such review and version
as an unreadable row and left her verdict out, counted among the rows left out."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from factcheck_app.domain.models import SignOffDecision, Status
from factcheck_app.services.sources import NewSource
from tests.services.test_merge_clock_skew import (
    ANA,
    DESK_FINAL,
    copies,
    open_as,
    review,
    shown,
    version_texts,
)

__all__ = ["copies"]  # fixtures


def test_her_verdict_in_a_file_with_her_name_stored_as_bytes_is_merged(
    copies: tuple[Path, Path, int],
) -> None:
    desk_ws, laptop_ws, s = copies
    review(laptop_ws, s, "false", DESK_FINAL)
    other = sqlite3.connect(laptop_ws)
    with other:
        other.execute("UPDATE reviews SET reviewer = CAST(reviewer AS BLOB)")
        other.execute("UPDATE review_versions SET reviewer = CAST(reviewer AS BLOB)")
    other.close()
    laptop = open_as(laptop_ws, ANA)
    try:
        assert shown(laptop, s) == ("false", DESK_FINAL, Status.DONE)  # as her desk shows it
    finally:
        laptop.close()
    desk = open_as(desk_ws, ANA)
    try:
        result = desk.merge.merge(laptop_ws)
        assert result.skipped == 0
        assert shown(desk, s) == ("false", DESK_FINAL, Status.DONE)
        assert list(version_texts(desk, s)) == [ANA]
    finally:
        desk.close()


def test_an_approval_in_a_file_with_its_names_stored_as_bytes_is_merged(
    copies: tuple[Path, Path, int],
) -> None:
    """The same of a sign-off: the editor's and checker's names as bytes. Her desk shows
    the approval; the merge left it out as an unreadable row."""
    desk_ws, laptop_ws, s = copies
    review(laptop_ws, s, "false", DESK_FINAL)
    laptop = open_as(laptop_ws, "Edith Park")
    try:
        laptop.sign_offs.approve(s)
    finally:
        laptop.close()
    other = sqlite3.connect(laptop_ws)
    with other:
        other.execute(
            "UPDATE sign_offs SET editor = CAST(editor AS BLOB), checker = CAST(checker AS BLOB)"
        )
    other.close()
    desk = open_as(desk_ws, ANA)
    try:
        result = desk.merge.merge(laptop_ws)
        assert result.skipped == 0
        found = desk.repo.sign_offs.get(s)
        assert found is not None and found.decision is SignOffDecision.APPROVED
        assert found.editor == "Edith Park"
    finally:
        desk.close()


def test_her_explanation_and_source_stored_as_bytes_are_merged(
    copies: tuple[Path, Path, int],
) -> None:
    """Not only names: an explanation, a source's URL, title and publisher and a link's
    excerpt and linker stored as bytes, which her desk shows as text (docs/safety.md's
    table of what the fuzzer found), were each a row left out of the merge."""
    desk_ws, laptop_ws, s = copies
    review(laptop_ws, s, "false", DESK_FINAL)
    laptop = open_as(laptop_ws, ANA)
    try:
        laptop.sources.link_source(s, NewSource("https://example.org/census", "Census"))
    finally:
        laptop.close()
    other = sqlite3.connect(laptop_ws)
    with other:
        other.execute("UPDATE reviews SET explanation = CAST(explanation AS BLOB)")
        other.execute("UPDATE review_versions SET explanation = CAST(explanation AS BLOB)")
        other.execute(
            "UPDATE sources SET url = CAST(url AS BLOB), title = CAST(title AS BLOB),"
            " publisher = CAST(publisher AS BLOB)"
        )
        other.execute(
            "UPDATE sentence_sources SET excerpt = CAST(excerpt AS BLOB),"
            " reviewer = CAST(reviewer AS BLOB)"
        )
    other.close()
    desk = open_as(desk_ws, ANA)
    try:
        result = desk.merge.merge(laptop_ws)
        assert result.skipped == 0
        assert shown(desk, s) == ("false", DESK_FINAL, Status.DONE)
        assert [link.source.url for link in desk.sources.links(s)] == ["https://example.org/census"]
    finally:
        desk.close()


def test_her_verdict_stored_as_bytes_is_merged(copies: tuple[Path, Path, int]) -> None:
    """Her verdict itself stored as bytes (found by tests/bytes_everywhere.py's sweep):
    her review and her version of it were rows left out ("2 rows of it failed the desk's
    checks"), though her desk shows the verdict; a source's date of access so, none."""
    desk_ws, laptop_ws, s = copies
    review(laptop_ws, s, "false", DESK_FINAL)
    laptop = open_as(laptop_ws, ANA)
    try:
        accessed = dt.date(2026, 12, 1)
        laptop.sources.link_source(s, NewSource("https://example.org/a", "A", accessed=accessed))
    finally:
        laptop.close()
    other = sqlite3.connect(laptop_ws)
    with other:
        other.execute("UPDATE reviews SET rating = CAST(rating AS BLOB)")
        other.execute("UPDATE review_versions SET rating = CAST(rating AS BLOB)")
        other.execute("UPDATE sources SET accessed = CAST(accessed AS BLOB)")
    other.close()
    desk = open_as(desk_ws, ANA)
    try:
        result = desk.merge.merge(laptop_ws)
        assert result.skipped == 0
        assert shown(desk, s) == ("false", DESK_FINAL, Status.DONE)
        # Her date of access too: it came in as none.
        assert [link.source.accessed for link in desk.sources.links(s)] == [accessed]
    finally:
        desk.close()
