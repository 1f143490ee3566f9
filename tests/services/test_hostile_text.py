"""Text files keep what they hold, invisible characters included; search still finds
the words those characters sit inside, and reports show the text in its stored order."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import formats
from factcheck_app.services.reports.model import load_article_report


def test_a_word_with_an_invisible_character_inside_is_found(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("The ma\u200byor said crime fell. The coun\u00adcil disagreed.", "utf-8")
    desk.importer.import_file(path)
    assert desk.lookup.search("mayor").total == 1
    assert desk.lookup.search("council disagreed").total == 1


@pytest.mark.parametrize("key", ["html", "md", "docx", "csv"])
def test_reports_show_text_in_its_stored_order(desk: Desk, key: str) -> None:
    # A reader's browser or word processor would show the rest of the paragraph reversed,
    # not what the desk showed the reviewer.
    article_id = desk.importer.import_text(
        "Police said \u202e.deid elpoep 04 The army denied \u2066it\u2069."
    ).article_id
    sentence_id = desk.reviews.sentence_rows(article_id)[0].sentence.id
    desk.reviews.set_tag(sentence_id, Tag.CLAIM)
    desk.reviews.set_text_field(sentence_id, "explanation", "Not \u202ethis\u202c way.")
    output = formats.render_article(key, load_article_report(desk, article_id))
    if isinstance(output, bytes):
        output = "\n".join(p.text for p in docx.Document(io.BytesIO(output)).paragraphs)
    assert ".deid elpoep 04" in output and "Not this way." in output
    assert not any(c in output for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# Each line break a colleague's file or a paste can hold, and a right-to-left override.
BREAKS = "Ana\r\nRuiz\rof\u2028the\u2029ministry"


def test_merge_with_next_carries_a_claimant_as_typed_text_is_saved(desk: Desk) -> None:
    """Merge with Next carries the second sentence's claimant into the explanation: with
    its "\\r\\n", U+2028 and U+2029 it was saved there as it was, while the explanation
    box saves every line break as "\\n", and its override reversed the note after it."""
    article_id = desk.importer.import_text(
        "The mayor said it fell. The council denied it."
    ).article_id
    first, second = (row.sentence.id for row in desk.reviews.sentence_rows(article_id))
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_text_field(first, "explanation", "Budget\r\nfigures.")
    with desk.workspace.db.atomic():  # as a colleague's merged file or an older one holds it
        desk.repo.reviews.save_review(
            desk.reviews.review(second).edited(tag=Tag.DENIAL, claimant=BREAKS + "\u202e!")
        )
    desk.boundaries.merge_with_next(first)
    explanation = desk.reviews.review(first).explanation
    assert explanation == (
        "Budget\nfigures.\n\n"
        "[From the merged sentence: tag Denial; claimant Ana Ruiz of the ministry!]"
    )


def test_typed_text_is_saved_as_its_field_shows_it(desk: Desk) -> None:
    """A claimant is one line: a pasted line break is the space its field shows, and a bidi
    control, invisible, is left out; an explanation keeps its lines, each break one "\\n"."""
    article_id = desk.importer.import_text("The mayor said it fell.").article_id
    sentence_id = desk.reviews.sentence_rows(article_id)[0].sentence.id
    desk.reviews.set_text_field(sentence_id, "claimant", "\u202e" + BREAKS + "\u2066")
    desk.reviews.set_text_field(sentence_id, "explanation", BREAKS)
    review = desk.reviews.review(sentence_id)
    assert review.claimant == "Ana Ruiz of the ministry"
    assert review.explanation == "Ana\nRuiz\nof\nthe\nministry"
