"""Dates another program stored as bytes (an article's publication date, a source's
date of access): read as the date they spell. They were left out, as if never typed:
the reports, the exports and the properties dialog showed no date."""

from __future__ import annotations

import datetime as dt

from factcheck_app.domain.models import ArticleMetadata
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource


def test_dates_stored_as_bytes_read_as_the_dates_they_spell(seeded_desk: Desk) -> None:
    desk = seeded_desk
    sentence = desk.reviews.sentence_rows(1)[0].sentence.id
    desk.articles.update_article_metadata(
        1, ArticleMetadata(title="Ankara", published=dt.date(2026, 11, 30))
    )
    desk.sources.link_source(
        sentence, NewSource("https://example.org/a", "A", accessed=dt.date(2026, 12, 1))
    )
    with desk.repo.db.atomic():  # as a script rewrote them
        desk.repo.db.execute("UPDATE articles SET published = CAST(published AS BLOB)")
        desk.repo.db.execute("UPDATE sources SET accessed = CAST(accessed AS BLOB)")
    assert desk.articles.article_metadata(1).published == dt.date(2026, 11, 30)
    assert desk.articles.list_articles()[0].published == dt.date(2026, 11, 30)
    assert desk.sources.links(sentence)[0].source.accessed == dt.date(2026, 12, 1)
