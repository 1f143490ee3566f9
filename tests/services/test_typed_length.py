"""Typed text past what a review export reads back is refused where it is typed."""

from __future__ import annotations

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.review_rules import LONGEST_TEXT
from factcheck_app.services.desk import Desk, NewSource


def _first(desk: Desk) -> int:
    article_id = desk.articles.list_articles()[0].id
    return desk.reviews.sentence_rows(article_id)[0].sentence.id


def test_an_explanation_pasted_past_the_longest_an_export_reads_is_refused(
    seeded_desk: Desk,
) -> None:
    """An explanation (or claimant) of 1,200,000 characters was saved: the article's JSON
    export was then refused whole on import ("Nothing was imported"). Refused as typed,
    saying by how much; the window shows refused text in a box to copy from."""
    sentence_id = _first(seeded_desk)
    before, steps = seeded_desk.reviews.review(sentence_id), len(seeded_desk.edits.undo_steps)
    for field in ("explanation", "claimant"):
        with pytest.raises(EditRefused, match="200,000 characters too many"):
            seeded_desk.reviews.set_text_field(sentence_id, field, "x" * 1_200_000)
    assert seeded_desk.reviews.review(sentence_id) == before
    assert len(seeded_desk.edits.undo_steps) == steps
    seeded_desk.reviews.set_text_field(sentence_id, "explanation", "x" * LONGEST_TEXT)


def test_an_excerpt_typed_past_the_longest_is_refused(seeded_desk: Desk) -> None:
    """Link Source and Edit Source took an excerpt of any length: past 1,000,000 the
    article's export was refused on import. Refused (the dialog comes back as typed)."""
    sentence_id = _first(seeded_desk)
    url = "https://example.org/long"
    with pytest.raises(EditRefused, match="excerpt"):
        seeded_desk.sources.link_source(sentence_id, NewSource(url=url, excerpt="q" * 1_000_001))
    assert seeded_desk.sources.links(sentence_id) == []
    seeded_desk.sources.link_source(sentence_id, NewSource(url=url, excerpt="q" * 10))
    (link,) = seeded_desk.sources.links(sentence_id)
    with pytest.raises(EditRefused, match="excerpt"):
        seeded_desk.sources.edit_link(
            link.id, sentence_id, NewSource(url=url, excerpt="q" * 1_000_001)
        )
    assert seeded_desk.sources.links(sentence_id) == [link]


def test_a_return_note_past_the_longest_is_refused(seeded_desk: Desk) -> None:
    """An editor's return note is read back by the export's import at the same length:
    a longer one was saved, and the article's export was then refused on import."""
    from tests.sample_review import apply_sample_review

    article_id = seeded_desk.articles.list_articles()[0].id
    apply_sample_review(seeded_desk, article_id)
    ids = [row.sentence.id for row in seeded_desk.reviews.sentence_rows(article_id)]
    seeded_desk.set_reviewer("Edith")
    with pytest.raises(EditRefused, match="1 character too many"):
        seeded_desk.sign_offs.send_back(ids[2], "n" * 1_000_001)
    assert seeded_desk.sign_offs.sign_off(ids[2]) is None
    seeded_desk.sign_offs.send_back(ids[2], "Name the two agencies.")


def test_one_character_past_the_longest_is_said_as_one_character(seeded_desk: Desk) -> None:
    """An excerpt of 1,000,001 characters (Link Source brings its dialog back with the
    reason) was "1 characters too many": said as one character."""
    sentence_id = _first(seeded_desk)
    url = "https://example.org/long"
    with pytest.raises(EditRefused) as refused:
        seeded_desk.sources.link_source(
            sentence_id, NewSource(url=url, excerpt="q" * (LONGEST_TEXT + 1))
        )
    assert "1 character too many" in str(refused.value)
