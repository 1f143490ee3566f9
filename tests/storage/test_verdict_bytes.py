"""A verdict another program stored as bytes (SQLite keeps bytes in a TEXT column):
read as the verdict it spells. The article's sentence list, and the review panel with
it, failed: "Sentence 1's review has an unknown verdict b'false'; the workspace may be
damaged"."""

from __future__ import annotations

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk


def test_a_verdict_stored_as_bytes_reads_as_the_verdict_it_spells(seeded_desk: Desk) -> None:
    desk = seeded_desk
    sentence = desk.reviews.sentence_rows(1)[0].sentence.id
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_verdict(sentence, "false")
    with desk.repo.db.atomic():  # as a script rewrote them
        desk.repo.db.execute("UPDATE reviews SET rating = CAST(rating AS BLOB)")
        desk.repo.db.execute("UPDATE review_versions SET rating = CAST(rating AS BLOB)")
    assert desk.reviews.sentence_rows(1)[0].review.verdict == "false"
    assert desk.reviews.review(sentence).verdict == "false"
    assert [v.verdict for v in desk.merge.versions(sentence)] == ["false"]
