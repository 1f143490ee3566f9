"""A check without an explanation is marked a draft in every report, never printed as a
finished check with "No explanation or sources yet." (issue 15)."""

from __future__ import annotations

import io
import zipfile

import pytest

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import formats
from factcheck_app.services.reports.model import load_article_report


@pytest.fixture
def half_done(desk: Desk) -> int:
    article = desk.importer.import_text(
        "The ministry said 32 people died. Yerevan denied it. Talks resume Monday."
    ).article_id
    first, second, _third = (r.sentence.id for r in desk.reviews.sentence_rows(article))
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_verdict(first, "false")
    desk.reviews.set_text_field(first, "explanation", "The hospital counted 12.")
    desk.reviews.set_tag(second, Tag.DENIAL)  # checked, not explained: a draft
    return article


@pytest.mark.parametrize("key", ["html", "md", "docx"])
def test_a_check_without_explanation_is_a_draft(desk: Desk, half_done: int, key: str) -> None:
    data = formats.render_article(key, load_article_report(desk, half_done))
    if isinstance(data, bytes):  # Word: the text of its document part
        with zipfile.ZipFile(io.BytesIO(data)) as docx:
            data = docx.read("word/document.xml").decode()
    assert "Draft: 1 of 2 checked sentences has no explanation yet" in data
    assert data.lower().count("draft: no explanation yet") == 1  # on the one entry
    assert "No explanation or sources" not in data
