"""Every count an export people read shows takes its noun's number: "1 sentence", never
"1 sentences" (reports are handed to editors and published)."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import pytest

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import formats
from factcheck_app.services.reports.model import load_article_report
from factcheck_app.services.reports.summary import load_reports, render_summary_html, summarize
from factcheck_app.services.reports.text import bounded, draft_line
from factcheck_app.services.sources import NewSource

ONE = "The ministry said 32 people died."
URL = "https://example.org/ministry"


def one_sentence(desk: Desk, *, text: str = ONE, title: str = "The ministry") -> int:
    """An article of one sentence, tagged a claim (no explanation: a draft) with one source."""
    article = desk.importer.import_text(text).article_id
    sentence = desk.reviews.sentence_rows(article)[0].sentence.id
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.sources.link_source(sentence, NewSource(url=URL, title=title))
    return article


def words(data: str | bytes) -> str:
    """The text of an export, tags and Word's runs left out, spaces made single."""
    if isinstance(data, bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as docx:
            data = docx.read("word/document.xml").decode()
    return " ".join(re.sub(r"<[^>]+>", "", data).replace("*", "").split())


@pytest.mark.parametrize("key", ["html", "md", "docx"])
def test_an_export_of_one_sentence_says_sentence(desk: Desk, key: str) -> None:
    text = words(formats.render_article(key, load_article_report(desk, one_sentence(desk))))
    assert "0 of 1 sentence reviewed" in text and "1 sentences" not in text
    assert "Draft: 1 of 1 checked sentence has no explanation yet" in text


def test_the_workspace_summary_of_one_sentence_says_sentence(desk: Desk) -> None:
    one_sentence(desk)
    text = words(render_summary_html(summarize(load_reports(desk), name="desk")))
    assert "0 of 1 sentence reviewed" in text and "1 sentences" not in text


def test_the_draft_line_agrees_with_its_count(desk: Desk) -> None:
    report = load_article_report(desk, one_sentence(desk, text=f"{ONE} Talks resume Monday."))
    assert draft_line(report) == "Draft: 1 of 1 checked sentence has no explanation yet"


@pytest.mark.parametrize(
    ("extra", "note"), [(1, "1 more character not shown"), (1_200, "1,200 more characters")]
)
def test_a_cut_field_counts_what_it_left_out(extra: int, note: str) -> None:
    assert note in bounded("x" * (1_000 + extra), limit=1_000)


def test_the_workspace_summary_writes_thousands_as_counted_does(desk: Desk) -> None:
    one_sentence(desk)
    summary = summarize(load_reports(desk), name="desk")
    many = dataclasses.replace(summary, articles=summary.articles * 1_200)
    text = words(render_summary_html(many))
    assert "1,200 articles ·" in text and "0 of 1,200 sentences reviewed" in text
