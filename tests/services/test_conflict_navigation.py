"""Going from conflict to conflict across the workspace (F8 / Shift+F8 in the window): the
next undecided conflict after a place, in the article list's order, and each article's
count of them for the list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.models import Status
from factcheck_app.services.desk import Desk
from factcheck_app.storage.stores.reviews import NEXT_CONFLICT_SQL
from tests.services.merge_fixtures import (
    article_titled,
    make_three_articles,
    open_as,
    sentence_ids,
    three_conflicts,
)


@pytest.fixture
def merged(tmp_path: Path) -> Iterator[Desk]:
    """Alice's workspace with Bob's merged in: conflicts in the bridge and school articles."""
    make_three_articles(tmp_path / "alice.fcdesk", "Alice", 0)
    make_three_articles(tmp_path / "bob.fcdesk", "Bob", 1)
    desk = open_as(tmp_path / "alice.fcdesk", "Carol")
    desk.merge.merge(tmp_path / "bob.fcdesk")
    yield desk
    desk.close()


def test_next_conflict_goes_through_the_articles_in_list_order_and_wraps(merged: Desk) -> None:
    desk = merged
    order = three_conflicts(desk)
    listed = [a.id for a in desk.articles.list_articles()]
    assert [listed.index(article) for article, _ in order] == sorted(
        listed.index(article) for article, _ in order
    )
    place = desk.reviews.next_conflict(None, None)  # no article open: the first of all
    assert place is not None and (place.article_id, place.sentence_id) == order[0]
    assert not place.wrapped and place.left == 3
    seen = [(place.article_id, place.sentence_id)]
    for _ in range(2):
        place = desk.reviews.next_conflict(place.article_id, place.sentence_id)
        assert place is not None and not place.wrapped
        seen.append((place.article_id, place.sentence_id))
    assert seen == order
    place = desk.reviews.next_conflict(*seen[-1])  # past the last: the first again
    assert place is not None and place.wrapped
    assert (place.article_id, place.sentence_id) == order[0]


def test_previous_conflict_goes_back_and_wraps_to_the_last(merged: Desk) -> None:
    desk = merged
    order = three_conflicts(desk)
    place = desk.reviews.next_conflict(*order[2], forward=False)
    assert place is not None and (place.article_id, place.sentence_id) == order[1]
    assert not place.wrapped
    place = desk.reviews.next_conflict(*order[0], forward=False)
    assert place is not None and place.wrapped
    assert (place.article_id, place.sentence_id) == order[2]


def test_from_a_sentence_without_conflict_the_next_one_after_it(merged: Desk) -> None:
    desk = merged
    order = three_conflicts(desk)
    port = article_titled(desk, "port")
    place = desk.reviews.next_conflict(port, sentence_ids(desk, port)[2])
    assert place is not None and (place.article_id, place.sentence_id) == order[1]
    school = article_titled(desk, "school")
    place = desk.reviews.next_conflict(school, sentence_ids(desk, school)[0], forward=False)
    assert place is not None and (place.article_id, place.sentence_id) == order[0]


def test_decided_conflicts_are_passed_and_none_left_says_so(merged: Desk) -> None:
    desk = merged
    order = three_conflicts(desk)
    for _article, sentence in order[:2]:
        desk.reviews.decide(sentence, desk.merge.versions(sentence)[0])
    place = desk.reviews.next_conflict(None, None)
    assert place is not None and place.sentence_id == order[2][1] and place.left == 1
    # The only one left, and current: it is found again (said as the only one).
    again = desk.reviews.next_conflict(*order[2])
    assert again is not None and again.sentence_id == order[2][1] and again.left == 1
    desk.reviews.decide(order[2][1], desk.merge.versions(order[2][1])[1])
    assert desk.reviews.next_conflict(None, None) is None
    assert desk.reviews.next_conflict(*order[2], forward=False) is None
    desk.edits.undo()
    assert desk.reviews.review(order[2][1]).status is Status.CONFLICT
    place = desk.reviews.next_conflict(*order[0])
    assert place is not None and place.sentence_id == order[2][1]


def test_the_article_list_counts_each_articles_undecided_conflicts(merged: Desk) -> None:
    desk = merged
    counts = {a.title.split()[1]: a.conflict_count for a in desk.articles.list_articles()}
    assert counts == {"mayor": 1, "port": 0, "minister": 2}
    school = article_titled(desk, "school")
    second = sentence_ids(desk, school)[1]
    desk.reviews.decide(second, desk.merge.versions(second)[0])
    assert desk.articles.article_summary(school).conflict_count == 1


def test_next_conflict_is_one_query_on_the_status_index(merged: Desk) -> None:
    """A year's workspace has 200,000 sentences: the next conflict is found through the
    reviews' status index, never by reading articles (bench/bench_conflict_navigation.py)."""
    desk = merged
    port = article_titled(desk, "port")
    statements: list[str] = []
    connection = desk.repo.db.conn
    connection.set_trace_callback(statements.append)
    try:
        desk.reviews.next_conflict(port, None)
    finally:
        connection.set_trace_callback(None)
    assert len(statements) == 1, statements
    plan = [
        str(row[-1])
        for row in desk.repo.db.execute(
            "EXPLAIN QUERY PLAN " + NEXT_CONFLICT_SQL,
            {"article": 1, "sentence": 1},
        )
    ]
    assert any("idx_reviews_status" in step for step in plan), plan
    scanned = {step.split()[1] for step in plan if step.startswith("SCAN ")}
    assert not scanned & {"r", "s", "a", "reviews", "sentences", "articles"}, plan
