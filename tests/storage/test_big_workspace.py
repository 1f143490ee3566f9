"""A workspace used for a year holds thousands of articles: what one article (or the
opening of the workspace) costs must not grow with the rest of the workspace
(bench/bench_big_workspace.py, docs/performance.md "A year of work in one workspace")."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from factcheck_app.domain.models import Source, SourceLink, Stance
from factcheck_app.services.desk import Desk


def _steps(conn: sqlite3.Connection, work: Callable[[], object]) -> int:
    """SQLite virtual-machine steps (in hundreds) that `work` makes on `conn`."""
    count = 0

    def tick() -> int:
        nonlocal count
        count += 1
        return 0

    conn.set_progress_handler(tick, 100)
    try:
        work()
    finally:
        conn.set_progress_handler(None, 0)
    return count


def _article(desk: Desk, number: int, sentences: int = 20) -> int:
    said = (f"Officials in town {number} said {n} bridges were built." for n in range(sentences))
    text = " ".join(said)
    return desk.importer.import_text(text, source_name=f"{number}.txt").article_id


def _link_every_sentence(desk: Desk, article_id: int) -> None:
    repo = desk.repo
    with repo.db.atomic():
        for row in repo.sentences.sentence_rows(article_id):
            for n in range(3):
                url = f"https://example.org/{row.sentence.id}/{n}"
                source = Source(repo.sources.insert_source(Source(0, url, "A report")), url)
                repo.sources.insert_link(SourceLink(0, row.sentence.id, source, Stance.CONTEXT))


def test_opening_an_article_reads_only_its_own_source_links(desk: Desk) -> None:
    """Each article opened (and each report of the summary) counted every source link in
    the workspace: 12 ms an article with a year's 24,000 links, and the summary of 5,000
    articles took a minute."""
    mine = _article(desk, 1)
    others = [_article(desk, n) for n in range(2, 12)]
    conn = desk.workspace.db.conn
    before = _steps(conn, lambda: desk.repo.sentences.sentence_rows(mine))
    for other in others:
        _link_every_sentence(desk, other)

    after = _steps(conn, lambda: desk.repo.sentences.sentence_rows(mine))

    assert after <= before + 2, (before, after)
    some = desk.repo.sentences.sentence_rows(others[0])[3]
    assert some.source_count == 3  # the count of each sentence's links is still right
    assert desk.repo.sentences.sentence_row(some.sentence.id).source_count == 3
