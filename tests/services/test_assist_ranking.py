"""The window's "most check-worthy first" is the domain's one ranking (issue 14)."""

from __future__ import annotations

from factcheck_app.domain.assist import next_checkworthy, offered_order
from factcheck_app.services.assist import checkworthy_sentence_ids, suggest_steps_for_rows
from factcheck_app.services.desk import Desk

ARTICLE = (
    "Officials said 14 people were hurt in the blast on Tuesday.\n\n"
    "It was a grey morning.\n\n"
    "We have more teachers in our schools than at any time in history.\n\n"
    "The ministry denied the allegations.\n\n"
    "Unemployment fell to 3.9 percent in May, the lowest since 2000.\n\n"
    "Nobody knows.\n"
)


def test_the_window_ranks_with_the_domain_ranking(desk: Desk) -> None:
    article = desk.importer.import_text(ARTICLE).article_id
    rows = desk.reviews.sentence_rows(article)
    steps = suggest_steps_for_rows(rows)
    suggestions = {}
    while True:
        try:
            next(steps)
        except StopIteration as done:
            suggestions = done.value
            break
    ids = [row.sentence.id for row in rows]
    hints = [suggestions[i].suggestion for i in ids]
    expected = [ids[i] for i in offered_order(hints)]
    assert checkworthy_sentence_ids(rows, suggestions) == expected
    assert expected and len(expected) < len(ids)  # "It was a grey morning" is not offered
    # Shift+N from nowhere goes to the first of that ranking.
    first = next_checkworthy(hints, None)
    assert first is not None and ids[first] == expected[0]
    # A row without a suggestion (not worked out yet) is left out, the rest keep order.
    del suggestions[expected[0]]
    assert checkworthy_sentence_ids(rows, suggestions) == expected[1:]
