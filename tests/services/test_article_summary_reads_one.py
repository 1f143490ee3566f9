"""The line of one article in the list (its title, counts of sentences reviewed, in
conflict and returned), read again after Article Properties or a refusal shows the
workspace as saved (`EditSlots.show_as_saved`), and after typed text is saved in an
article the reviewer left. It was read by reading every article's line (and every
article's conflicts and returned verdicts) and keeping one: on a year's workspace of
5,000 articles, each refusal and each such save waited for all of them
(docs/performance.md, "One article's line")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import NotFound
from factcheck_app.domain.models import Status, Tag
from factcheck_app.services.desk import Desk
from tests.services.meanwhile_fixtures import TEXT, minister_desk


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    for opened in minister_desk(tmp_path):
        opened.importer.import_text(TEXT.replace("minister", "mayor"), source_name="mayor.txt")
        yield opened


def in_conflict_and_returned(desk: Desk, article_id: int) -> None:
    """One sentence of the article in conflict, another's verdict returned by an editor."""
    rows = desk.reviews.sentence_rows(article_id)
    desk.reviews.set_tag(rows[0].sentence.id, Tag.FACT)
    desk.reviews.set_tag(rows[1].sentence.id, Tag.CLAIM)
    desk.repo.db.execute(  # as a merge leaves it: the reviewers disagree
        "UPDATE reviews SET status = ? WHERE sentence_id = ?",
        [Status.CONFLICT.value, rows[1].sentence.id],
    )
    desk.repo.db.execute(  # an editor's return of it, as Bea's desk saves one
        "INSERT INTO sign_offs (sentence_id, decision, editor, checker, note, at)"
        " VALUES (?, 'returned', 'Bea Ito', 'Ana Ruiz', 'Name the survey', ?)",
        [rows[0].sentence.id, "2026-12-01T10:00:00+00:00"],
    )


def test_one_articles_line_is_read_without_reading_every_article(desk: Desk) -> None:
    statements: list[str] = []
    connection = desk.repo.db.conn
    connection.set_trace_callback(statements.append)
    try:
        desk.articles.article_summary(2)
    finally:
        connection.set_trace_callback(None)
    plans = {
        statement: [str(row[-1]) for row in desk.repo.db.execute("EXPLAIN QUERY PLAN " + statement)]
        for statement in statements
        if statement.lstrip().upper().startswith("SELECT")
    }
    scans = {
        statement: [step for step in plan if step.startswith("SCAN ")]
        for statement, plan in plans.items()
    }
    assert plans and not any(scans.values()), scans


def test_one_articles_line_is_as_the_list_shows_it(desk: Desk) -> None:
    in_conflict_and_returned(desk, 2)
    lines = {summary.id: summary for summary in desk.articles.list_articles()}
    assert (lines[2].conflict_count, lines[2].returned_count) == (1, 1)
    for article_id in (1, 2):
        assert desk.articles.article_summary(article_id) == lines[article_id]
    with pytest.raises(NotFound):
        desk.articles.article_summary(3)


def test_a_long_titled_article_in_conflict_and_returned_has_the_lists_line(desk: Desk) -> None:
    """Every field `_listed` dresses at once: the title cut and cleaned as the list shows
    it (a bidi control shown as "?"), kept whole for finding it, one sentence in conflict
    and one verdict returned. Article Properties' refusal shows the line
    `article_summary` gives, the list `list_articles`': they must not tell two stories."""
    title = "The mayor\u202e's budget, " + "line by line " * 40
    desk.repo.db.execute("UPDATE articles SET title = ? WHERE id = 2", [title])
    in_conflict_and_returned(desk, 2)
    [listed] = [summary for summary in desk.articles.list_articles() if summary.id == 2]
    assert listed.whole_title == title
    assert listed.title != title and "\u202e" not in listed.title
    assert (listed.conflict_count, listed.returned_count) == (1, 1)
    assert desk.articles.article_summary(2) == listed
