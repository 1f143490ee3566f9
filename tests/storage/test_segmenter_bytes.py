"""Which splitter cut an article, stored as bytes by another program: read as the name it
spells. Read with str(), the JSON export said "segmenter": "b'fcdesk-3'" (an import
elsewhere took it for a splitter it does not know), and a merge compared it so; the mark
of an import older desks left unfinished, stored so, no longer hid the article."""

from __future__ import annotations

import json

from factcheck_app.services.desk import Desk
from factcheck_app.services.export import article_review_json


def test_a_splitter_name_stored_as_bytes_reads_as_its_name(seeded_desk: Desk) -> None:
    desk = seeded_desk
    name = desk.repo.articles.segmenter_of(1)
    assert name
    with desk.repo.db.atomic():  # as a script rewrote it
        desk.repo.db.execute("UPDATE articles SET segmenter = CAST(segmenter AS BLOB)")
    assert desk.repo.articles.segmenter_of(1) == name
    assert json.loads(article_review_json(desk, 1))["article"]["segmenter"] == name


def test_an_older_desks_unfinished_mark_stored_as_bytes_still_hides_it(
    seeded_desk: Desk,
) -> None:
    desk = seeded_desk
    with desk.repo.db.atomic():  # a desk before 0.9 marked an import under way so
        desk.repo.db.execute("UPDATE articles SET segmenter = CAST('importing' AS BLOB)")
    assert desk.articles.list_articles() == []
