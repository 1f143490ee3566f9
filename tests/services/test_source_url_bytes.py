"""A source whose address another program stored as bytes (SQLite keeps bytes in a TEXT
column, and its UNIQUE index keeps them apart from the same address as text): linking
that page again links the source the desk shows, as a merge already matched it. It made
a second source of the same page ("3 sources" for 2), and Reuse Sources from a sentence
linking it was refused as "linked or recorded while … was being saved"."""

from __future__ import annotations

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource

URL = "https://stats.example/zählung"


def test_a_page_stored_as_bytes_is_the_same_source(seeded_desk: Desk) -> None:
    desk = seeded_desk
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
    desk.reviews.set_tag(ids[0], Tag.CLAIM)
    desk.sources.link_source(ids[0], NewSource(URL, "Zählung", "Statistikamt"))
    with desk.repo.db.atomic():  # as a script rewrote it
        desk.repo.db.execute("UPDATE sources SET url = CAST(url AS BLOB)")
    [source] = desk.sources.sources()
    desk.sources.link_source(ids[1], NewSource(URL, "Zählung"))
    assert desk.sources.sources() == [source]  # one page, one source, as it was
    assert [link.source.id for link in desk.sources.links(ids[1])] == [source.id]
    desk.sources.reuse_sources(ids[2], ids[0])
    assert [link.source.id for link in desk.sources.links(ids[2])] == [source.id]
