"""One article's line read by its key (`Articles.article_summary`, what Article
Properties and a refusal read again) is the line `list_articles` gives it, in every
field, for every article of any workspace another program may leave: sentences in
conflict, verdicts returned or approved, articles hidden by an unfinished import, a
sentence whose article id is stored as text or bytes, titles longer than a list shows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck_app.domain.errors import NotFound
from factcheck_app.services.desk import Desk
from factcheck_app.storage.stores.rows import UNFINISHED_PREFIX
from tests.services.merge_fixtures import open_as

ARTICLES = 4
TEXTS = [
    f"Article {n} says the minister cut {n} taxes. It adds that wages rose {n} percent. "
    f"The opposition denied {n} claims."
    for n in range(1, ARTICLES + 1)
]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    opened = open_as(tmp_path_factory.mktemp("summary") / "w.fcdesk", "Ana Ruiz")
    for n, text in enumerate(TEXTS, start=1):
        opened.importer.import_text(text, source_name=f"a{n}.txt")
    yield opened
    opened.close()


sentence_state = st.tuples(
    st.sampled_from([None, "unreviewed", "in_progress", "done", "second_look", "conflict"]),
    st.sampled_from([None, "returned", "approved"]),
    # Its article id as stored: the article's, as text or bytes (a hand-edited file), or
    # one of no article.
    st.sampled_from(["own", "text", "bytes", "gone"]),
)
titles = st.one_of(
    st.text(max_size=20),
    st.text(min_size=1, max_size=3).map(lambda piece: piece * 200),  # past TITLE_CHARS
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    states=st.lists(sentence_state, min_size=3 * ARTICLES, max_size=3 * ARTICLES),
    article_titles=st.lists(titles, min_size=ARTICLES, max_size=ARTICLES),
    hidden=st.sets(st.integers(1, ARTICLES)),
)
def test_one_articles_line_is_its_line_in_the_list(
    desk: Desk,
    states: list[tuple[str | None, str | None, str]],
    article_titles: list[str],
    hidden: set[int],
) -> None:
    assert desk.path is not None
    other = sqlite3.connect(desk.path)  # another program: foreign keys not enforced
    with other:
        other.execute("DELETE FROM sign_offs")
        other.execute("DELETE FROM reviews")
        other.execute(f"DELETE FROM settings WHERE key GLOB '{UNFINISHED_PREFIX}*'")
        for article_id, title in enumerate(article_titles, start=1):
            other.execute("UPDATE articles SET title = ? WHERE id = ?", [title, article_id])
            if article_id in hidden:
                other.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)",
                    [f"{UNFINISHED_PREFIX}{article_id}", str(article_id)],
                )
        sentence_ids = [r[0] for r in other.execute("SELECT id FROM sentences ORDER BY id")]
        for index, (sentence_id, (status, decision, stored)) in enumerate(
            zip(sentence_ids, states, strict=True)
        ):
            own = index // 3 + 1
            article: object = {
                "own": own,
                "text": f"0x{own}",  # text that SQLite does not take for a number
                "bytes": str(own).encode(),
                "gone": 90 + own,
            }[stored]
            other.execute(
                "UPDATE sentences SET article_id = ? WHERE id = ?", [article, sentence_id]
            )
            if status is not None:
                other.execute(
                    "INSERT INTO reviews (sentence_id, tag, status) VALUES (?, 'claim', ?)",
                    [sentence_id, status],
                )
            if decision is not None:
                other.execute(
                    "INSERT INTO sign_offs (sentence_id, decision, editor, checker, at)"
                    " VALUES (?, ?, 'Bea Ito', 'Ana Ruiz', '2026-12-01T10:00:00+00:00')",
                    [sentence_id, decision],
                )
    other.close()
    lines = {summary.id: summary for summary in desk.articles.list_articles()}
    assert set(lines) == set(range(1, ARTICLES + 1)) - hidden
    for article_id in range(1, ARTICLES + 1):
        if article_id in lines:
            assert desk.articles.article_summary(article_id) == lines[article_id]
        else:
            with pytest.raises(NotFound):
                desk.articles.article_summary(article_id)
