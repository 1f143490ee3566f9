"""Every count an export people read shows takes its noun's number: "1 sentence", never
"1 sentences" (reports are handed to editors and published)."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import pytest

from factcheck_app.domain.models import Status, Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import claimreview, formats
from factcheck_app.services.reports.model import ArticleReport, load_article_report
from factcheck_app.services.reports.summary import (
    load_reports,
    render_summary_html,
    render_summary_text,
    summarize,
)
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


def many_claims(desk: Desk, count: int = 1_200) -> ArticleReport:
    """A report of `count` claims judged False (copies of one checked sentence): as many
    as a long live blog or a transcript series reaches."""
    article = one_sentence(desk)
    sentence = desk.reviews.sentence_rows(article)[0].sentence.id
    desk.reviews.set_verdict(sentence, "false")
    report = load_article_report(desk, article)
    return dataclasses.replace(report, sentences=report.sentences * count)


def spaced_words(data: str | bytes) -> str:
    """Like `words`, but every tag (and a bar) ends a word: the big "1,200" and its "Claims"
    beside it sit in elements (or Word runs) of their own."""
    if isinstance(data, bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as docx:
            data = docx.read("word/document.xml").decode()
    return " ".join(re.sub(r"<[^>]+>|[|█]", " ", data).replace("*", "").split())


@pytest.mark.parametrize("key", ["html", "md", "docx"])
def test_tag_and_verdict_counts_write_thousands_as_counted_does(desk: Desk, key: str) -> None:
    """ "12345 claims" read as a phone number beside "12,345 sentences": every count in the
    summary takes the thousands separator, as `counted` writes it."""
    text = spaced_words(formats.render_article(key, many_claims(desk))).lower()
    assert "1,200 claims" in text and "0 denials" in text
    if key == "html":
        assert "verdicts on 1,200 checked statements" in text
    assert "false 1,200" in text  # the verdict's bar or table row
    assert "1200" not in text


def test_the_workspace_summary_counts_tags_and_verdicts_with_separators(desk: Desk) -> None:
    report = many_claims(desk)
    text = spaced_words(render_summary_html(summarize([report], name="desk"))).lower()
    assert "1,200 claims" in text and "false 1,200" in text
    assert "verdicts on 1,200 checked statements" in text
    assert "1,200 false" in text  # the article's verdict mix in its row
    assert "1200" not in text


def test_the_terminal_summary_writes_thousands_as_counted_does(desk: Desk) -> None:
    """`factcheck-app stats` said "1,200 sentences" but "1200 tagged without a verdict",
    "cited 1200×" and "0/1200" in the same few lines."""
    report = load_article_report(desk, one_sentence(desk))  # a claim without a verdict
    many = dataclasses.replace(report, sentences=report.sentences * 1_200)
    text = render_summary_text(summarize([many], name="desk"))
    assert "1,200 tagged without a verdict" in text
    assert "cited 1,200× in 1 article" in text and "\t0/1,200\t" in text
    assert "1200" not in text


def two_of_each_open_status(desk: Desk) -> ArticleReport:
    """Two sentences in conflict, two needing a second look (copies of one review each)."""
    article = desk.importer.import_text(f"{ONE} Talks resume Monday.").article_id
    second = desk.reviews.sentence_rows(article)[1].sentence.id
    desk.reviews.set_tag(second, Tag.CLAIM)
    desk.reviews.set_status(second, Status.SECOND_LOOK)
    report = load_article_report(desk, article)
    conflict = dataclasses.replace(
        report.sentences[0],
        review=dataclasses.replace(report.sentences[0].review, status=Status.CONFLICT),
    )
    second_look = report.sentences[1]
    return dataclasses.replace(report, sentences=(conflict, second_look) * 2)


def test_open_statuses_read_right_for_two(desk: Desk) -> None:
    """The HTML summary said "2 conflict, 2 needs second look" (Markdown and Word give
    only the share done)."""
    text = spaced_words(formats.render_article("html", two_of_each_open_status(desk)))
    assert "2 in conflict, 2 needing a second look" in text


def test_the_workspace_summary_says_how_many_sentences_are_in_conflict(desk: Desk) -> None:
    """The week's summary (HTML) said "41% done across all articles" and nothing of the
    12 sentences reviewers disagreed on, their verdicts counted as if settled; `stats`
    and each article's report said "in conflict". It says so at a glance, and on each
    article's row."""
    report = two_of_each_open_status(desk)
    calm = load_article_report(desk, desk.importer.import_text("Rain fell on Monday.").article_id)
    text = spaced_words(render_summary_html(summarize([report, calm], name="desk")))
    assert "done across all articles · 2 in conflict, 2 needing a second look" in text
    assert text.count("2 in conflict") == 2  # at a glance, and the article's row
    assert text.count("in conflict") == 2  # not on the row of the article without


def test_claimreview_findings_about_many_checks_count_the_rest_with_separators() -> None:
    """ "#1, #2, … #8 and 1192 more: the claim reviewed is longer than 75 characters"."""
    item = {
        "url": "https://example.org/c#1",
        "claimReviewed": "The ministry said " + "very " * 20 + "many people died.",
        "author": {"name": "Desk"},
        "reviewRating": {"alternateName": "False", "ratingValue": 1},
        "itemReviewed": {"author": {"name": "Baku"}},
    }
    (finding,) = claimreview.validate([item] * 1_200)
    assert finding.message.startswith("#1, #2, #3, #4, #5, #6, #7, #8 and 1,192 more: ")
