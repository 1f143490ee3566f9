"""Every report on one article says which article it checks with its web address, as text a
reader sees on paper: a printed report is handed to an editor, who must find the article
again. (The PDF's: tests/gui/test_export_pdf.py.)"""

from __future__ import annotations

import dataclasses
import io
import re

import docx
import pytest

from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.reports.docx_report import render_docx
from factcheck_app.services.reports.html_report import render_html
from factcheck_app.services.reports.markdown_report import render_markdown
from factcheck_app.services.reports.model import ArticleReport, load_article_report
from tests.sample_review import apply_sample_review
from tests.services.test_reports import parse

ADDRESS = "https://example.org/news/ankara-ganja"
# Kept in old workspaces and other tools' files: the desk stores no such address itself.
HOSTILE = "javascript:alert(document.cookie)//https://example.org/a"


@pytest.fixture
def report(seeded_desk: Desk) -> ArticleReport:
    apply_sample_review(seeded_desk, 1)
    return load_article_report(seeded_desk, 1)


def with_address(report: ArticleReport, url: str) -> ArticleReport:
    return dataclasses.replace(report, article=dataclasses.replace(report.article, url=url))


def html_text(report: ArticleReport) -> str:
    """What a reader sees of the HTML page, on screen or paper: its text, not its links'
    targets (`@media print` shows a link as its words only)."""
    return "".join(parse(render_html(report)).text)


def html_links(report: ArticleReport) -> list[str]:
    return [a.get("href") or "" for tag, a in parse(render_html(report)).tags if tag == "a"]


def docx_text(report: ArticleReport) -> str:
    document = docx.Document(io.BytesIO(render_docx(report)))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def docx_links(report: ArticleReport) -> list[str]:
    document = docx.Document(io.BytesIO(render_docx(report)))
    return [rel.target_ref for rel in document.part.rels.values() if rel.is_external]


def markdown_shown(report: ArticleReport) -> str:
    """The Markdown as a wiki shows it: a link `[words](<target>)` shows its words only."""
    return re.sub(r"\[([^\]]*)\]\(<[^>]*>\)", r"\1", render_markdown(report))


SHOWN = {"html": html_text, "docx": docx_text, "md": markdown_shown}


@pytest.mark.parametrize("key", SHOWN)
def test_the_report_shows_the_articles_address_as_text(report: ArticleReport, key: str) -> None:
    """The HTML, Word and Markdown reports linked "Original article" to the address: on
    paper (and in a wiki's page) the words stayed and the address was gone."""
    shown = SHOWN[key](report)
    assert f"Original article: {ADDRESS}" in " ".join(shown.split())


@pytest.mark.parametrize("key", SHOWN)
def test_a_hostile_address_is_shown_as_text_and_never_linked(
    report: ArticleReport, key: str
) -> None:
    """An address that is no web address is said (the editor must know which article it
    was) but never made a link: the rule every source's link passes."""
    hostile = with_address(report, HOSTILE)
    assert HOSTILE in SHOWN[key](hostile)
    if key == "html":
        assert not any("javascript" in link for link in html_links(hostile))
    elif key == "docx":
        assert not any("javascript" in link for link in docx_links(hostile))
    else:
        assert "](<javascript" not in render_markdown(hostile)
        assert "<javascript" not in render_markdown(hostile)


def test_the_html_address_is_a_link_on_screen_and_breaks_to_fit_the_line(
    report: ArticleReport,
) -> None:
    """On screen the address opens the article; a long address breaks anywhere (an
    address has no spaces to break at) rather than running off the printed page."""
    page = render_html(report)
    assert f'<a href="{ADDRESS}" rel="noreferrer">{ADDRESS}</a>' in page
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    address_rules = re.findall(r"\.address\{([^}]*)\}", style)
    assert any("overflow-wrap:anywhere" in rule for rule in address_rules)


def test_a_german_sources_site_is_linked_as_browsers_open_it(seeded_desk: Desk) -> None:
    """A link typed https://straße.de/… was stored, linked and printed as strasse.de (IDNA
    2003), another site, in the report the journalist published."""
    first = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    seeded_desk.sources.link_source(first, NewSource("https://straße.de/bericht", title="Bericht"))
    assert [s.url for s in seeded_desk.sources.sources()] == ["https://xn--strae-oqa.de/bericht"]
    report = with_address(load_article_report(seeded_desk, 1), "https://σοφος.gr/a")
    links = html_links(report)
    assert "https://xn--strae-oqa.de/bericht" in links, links
    assert "https://xn--0xaajbq.gr/a" in links, links  # an address kept as another tool typed it
    assert not any("strasse" in link or "xn--0xaakcn" in link for link in links), links
    shown = markdown_shown(report)
    assert "https://xn--0xaajbq.gr/a" in shown
    assert "https://xn--strae-oqa.de/bericht" in render_markdown(report)
