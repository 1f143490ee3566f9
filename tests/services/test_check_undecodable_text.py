"""Check Workspace points at text that is not UTF-8 (a bit flipped on disk, another tool
writing Latin-1): by article and sentence number, in the reviewer's words, with what the
desk does with it. Such text reads with U+FFFD (storage/errors.py), so nothing else
shows where it is; the check changes nothing."""

from __future__ import annotations

import pytest

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.upkeep import CheckFindings, inspect
from factcheck_app.storage.backups import CheckReport

BAD = "CAST(X'41ff42' AS TEXT)"  # "A", a byte no UTF-8 text has, "B"


def spoil(desk: Desk, table: str, column: str, where: str) -> None:
    desk.workspace.db.execute(f"UPDATE {table} SET {column} = {BAD} WHERE {where}")


def text_lines(report: CheckReport) -> list[str]:
    """The report's lines about text that is not UTF-8 (from its first line on)."""
    lines = report.lines
    first = next(i for i, line in enumerate(lines) if line.startswith("Text"))
    rest = lines[first:]
    end = next((i for i, line in enumerate(rest) if line.startswith("Search index")), len(rest))
    return rest[:end]


@pytest.fixture
def reviewed(seeded_desk: Desk) -> tuple[Desk, list[int]]:
    """The seed article with a verdict, a claimant, an explanation and a source on its
    sentences 2 and 4."""
    desk = seeded_desk
    article = desk.articles.list_articles()[0].id
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(article)]
    desk.reviews.set_tag(ids[1], Tag.CLAIM)
    desk.reviews.set_verdict(ids[1], "false")
    desk.reviews.set_text_field(ids[1], "claimant", "Baku")
    desk.reviews.set_text_field(ids[3], "explanation", "Checked against the census.")
    desk.sources.link_source(
        ids[3],
        NewSource(
            url="https://example.org/census",
            title="Census 2019",
            publisher="Statistics office",
            excerpt="332,000 people",
        ),
    )
    return desk, ids


def test_a_healthy_workspace_says_its_text_reads_as_saved(reviewed: tuple[Desk, list[int]]) -> None:
    desk, _ids = reviewed
    report = desk.upkeep.check()
    assert report.ok
    assert text_lines(report) == ["Text: all of it reads as it was saved (UTF-8)."]


def test_each_field_that_is_not_utf8_is_named_by_article_and_sentence(
    reviewed: tuple[Desk, list[int]],
) -> None:
    desk, ids = reviewed
    spoil(desk, "articles", "title", "id = 1")
    spoil(desk, "reviews", "claimant", f"sentence_id = {ids[1]}")
    spoil(desk, "reviews", "explanation", f"sentence_id = {ids[3]}")
    spoil(desk, "sources", "publisher", "1")
    spoil(desk, "sentence_sources", "excerpt", "1")
    report = desk.upkeep.check()
    assert not report.ok
    lines = text_lines(report)
    assert lines[0].startswith("Text that is not UTF-8: 5 fields hold bytes")
    assert (
        "Article 1, “A\ufffdB”: its title; sentence 2: its claimant; sentence 4: its "
        "explanation, the excerpt quoted from “Census 2019”."
    ) in lines
    assert "Source “Census 2019”: its publisher." in lines
    assert "The desk shows � where those bytes are" in lines[0]
    assert any("Nothing was changed." in line for line in lines)
    # Nothing was changed: the fields still hold their bytes.
    db = desk.workspace.db
    assert db.execute("SELECT hex(CAST(title AS BLOB)) FROM articles").fetchone()[0] == "41FF42"


def test_a_damaged_byte_in_an_article_text_names_its_sentence(
    reviewed: tuple[Desk, list[int]],
) -> None:
    desk, ids = reviewed
    db = desk.workspace.db
    start = int(db.execute("SELECT start FROM sentences WHERE id = ?", [ids[2]]).fetchone()[0])
    at = len(desk.articles.article_text(1)[:start].encode("utf-8"))  # in bytes
    # One byte of sentence 3's first word turned into a byte no UTF-8 text has.
    db.execute(
        "UPDATE article_text SET text = CAST(substr(CAST(text AS BLOB), 1, ?) || X'ff'"
        " || substr(CAST(text AS BLOB), ? + 2) AS TEXT) WHERE article_id = 1 AND start = 0",
        [at, at],
    )
    lines = text_lines(desk.upkeep.check())
    assert lines[0].startswith("Text that is not UTF-8: 1 field holds bytes")
    assert any(
        line.startswith("Article 1, “") and line.endswith(": sentence 3: its text.")
        for line in lines
    ), lines


def test_a_reviewers_own_version_is_named_with_the_reviewer(
    reviewed: tuple[Desk, list[int]],
) -> None:
    desk, ids = reviewed
    spoil(desk, "review_versions", "claimant", f"sentence_id = {ids[1]}")
    lines = text_lines(desk.upkeep.check())
    reviewer = desk.reviewer
    assert any(f"sentence 2: the claimant of {reviewer}’s own review" in line for line in lines), (
        lines
    )


def test_a_replacement_mark_saved_as_text_is_not_taken_for_damage(
    reviewed: tuple[Desk, list[int]],
) -> None:
    desk, ids = reviewed
    desk.reviews.set_text_field(ids[1], "claimant", "A\ufffdB")  # typed, or pasted, as is
    assert text_lines(desk.upkeep.check()) == ["Text: all of it reads as it was saved (UTF-8)."]


def test_very_many_places_are_counted_and_the_first_listed(
    reviewed: tuple[Desk, list[int]],
) -> None:
    desk, ids = reviewed
    for sid in ids:
        desk.reviews.set_text_field(sid, "explanation", "checked")
    spoil(desk, "reviews", "explanation", "1")
    lines = text_lines(desk.upkeep.check())
    assert lines[0].startswith(f"Text that is not UTF-8: {len(ids)} fields hold bytes")
    assert len("\n".join(lines)) < 2000  # a box a reviewer can read, not a dump


def test_the_check_beside_the_window_finds_them_too(
    reviewed: tuple[Desk, list[int]],
) -> None:
    """The window's check reads through a read-only connection of its own (the
    findings of `inspect`), the command line's through its own: the same lines."""
    desk, ids = reviewed
    spoil(desk, "reviews", "claimant", f"sentence_id = {ids[1]}")
    found: CheckFindings = inspect(desk.repo)
    report = desk.upkeep.finish_check(found, beside=True)
    assert "Article 1, “" in "\n".join(text_lines(report))


@pytest.mark.parametrize("key", [2**63 - 1, -(2**63)])
def test_a_row_numbered_at_the_end_of_sqlites_range_is_read_too(
    reviewed: tuple[Desk, list[int]], key: int
) -> None:
    """Found by bench/fuzz_readers.py (seed 2040, case 1324): Check Workspace of a file
    whose article or source is numbered 9223372036854775807 (a hand-edited or damaged
    file) failed with "Something went wrong": a stretch of rows ended one past SQLite's
    biggest number."""
    desk, _ids = reviewed
    desk.workspace.db.execute(
        "INSERT INTO sources (id, url, title, publisher, created_at)"
        f" VALUES (?, 'https://example.org/far', 'Far', {BAD}, '2026-12-05T22:00:00')",
        [key],
    )
    report = desk.upkeep.check()
    assert "Source “Far”: its publisher." in text_lines(report)


def test_an_article_or_source_whose_title_is_stored_as_bytes_is_named_as_it_reads(
    reviewed: tuple[Desk, list[int]],
) -> None:
    """Found reading the window monkey's boxes (seed 2503): a title stored as bytes (a
    BLOB, as another program may write it) reads as the text it spells in the article
    list, yet Check Workspace named the article “” (and a source so stored as
    “b'A\\xffB'”): the reviewer could not tell which one it meant."""
    desk, _ids = reviewed
    db = desk.workspace.db
    db.execute("UPDATE articles SET title = X'41ff42' WHERE id = 1")
    db.execute("UPDATE sources SET title = X'43ff44', publisher = X'45ff46'")
    lines = text_lines(desk.upkeep.check())
    assert any(line.startswith("Article 1, “A\ufffdB”: its title") for line in lines), lines
    assert "Source “C\ufffdD”: its title, its publisher." in lines, lines
