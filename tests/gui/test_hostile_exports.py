"""Every export of an article whose every field holds hostile payloads stays inert: no live
script, action, formula or non-http link in any format (issue 13, "Reports that carry live
content"), and a huge explanation is exported in bounded time."""

from __future__ import annotations

import io
import itertools
import json
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from factcheck_app.gui.pdf_report import BLOCK_CHARS, build_document, page_breaks, write_pdf
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import formats
from factcheck_app.services.reports.model import ArticleReport, load_article_report
from factcheck_app.services.reports.summary import load_reports
from tests.hostile_reports import (
    HUGE_PATTERN,
    JS_URL,
    SCRIPT,
    csv_cells,
    hostile_article,
    html_problems,
    live_formula,
    parse_html,
    pdf_problems,
)

SAFE_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]+")
# 2 MB of explanation: the PDF writer took 22 s for it (and minutes for 108 MB).
LONG_TAIL = "\n\n" + ("A long explanation goes on and on about the claim. " * 40_000)


@pytest.fixture
def hostile(desk: Desk, qtbot: QtBot) -> ArticleReport:
    return load_article_report(desk, hostile_article(desk))


def urls_in(data: Any) -> list[str]:
    """Every value of a "url" key in JSON data."""
    if isinstance(data, dict):
        found = [str(v) for k, v in data.items() if k == "url" and v]
        return found + [u for v in data.values() for u in urls_in(v)]
    if isinstance(data, list):
        return [u for v in data for u in urls_in(v)]
    return []


def test_html_report_and_summary_are_inert(hostile: ArticleReport, desk: Desk) -> None:
    page = formats.render_article("html", hostile)
    assert isinstance(page, str)
    assert html_problems(page) == []
    for _, attrs in parse_html(page).tags:
        href = attrs.get("href")
        assert href is None or href.startswith("#") or SAFE_URL.fullmatch(href), href
    assert "\x1b" not in page and "\x07" not in page
    summary = formats.render_workspace("summary-html", load_reports(desk))
    assert html_problems(summary) == []


def test_pdf_holds_no_action_and_only_percent_encoded_http_links(
    hostile: ArticleReport, tmp_path: Path
) -> None:
    out = tmp_path / "hostile.pdf"
    write_pdf(hostile, out)
    reader = PdfReader(out)
    assert pdf_problems(reader) == []
    links = [
        str(annotation.get_object()["/A"]["/URI"])
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    # The article's link and the typed source's, re-serialised: nothing closes the string.
    assert (
        "https://news.example/a%29/Next%3C%3C/S/JavaScript/JS%28app.alert%282%29%29%3E%3E/X%28"
        in links
    )
    assert "https://news.example/b%29/S/JavaScript/JS%28app.alert%281%29" in links
    assert all(SAFE_URL.fullmatch(link) for link in links), links


def test_docx_links_are_http_and_it_holds_no_field_or_script(
    hostile: ArticleReport,
) -> None:
    data = formats.render_article("docx", hostile)
    assert isinstance(data, bytes)
    docx.Document(io.BytesIO(data))  # Word opens it
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        assert not [n for n in names if n.endswith((".bin", ".js")) or "vbaProject" in n]
        body = package.read("word/document.xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert "instrText" not in body and "fldSimple" not in body  # no field (HYPERLINK, DDE…)
    targets = re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"', rels)
    targets += re.findall(r'TargetMode="External"[^>]*Target="([^"]*)"', rels)
    assert targets and all(SAFE_URL.fullmatch(t.replace("&amp;", "&")) for t in targets)
    assert "javascript:" not in rels.lower()
    assert "\x1b" not in body


def test_markdown_has_no_raw_html_and_only_http_links(hostile: ArticleReport) -> None:
    text = formats.render_article("md", hostile)
    assert isinstance(text, str)
    targets = re.findall(r"\]\(<([^>]*)>\)", text)
    assert targets and all(SAFE_URL.fullmatch(t) for t in targets), targets
    assert len(targets) == text.count("](")
    rest = re.sub(r"\]\(<[^>]*>\)", "", text)
    assert not re.search(r"(?<!\\)<", rest), "raw HTML in the Markdown"
    assert "\x1b" not in text


def test_csv_and_summary_csv_hold_no_formula_in_any_locale(
    hostile: ArticleReport, desk: Desk
) -> None:
    for text in (
        formats.render_article("csv", hostile),
        formats.render_workspace("summary-csv", load_reports(desk)),
    ):
        assert isinstance(text, str)
        formulas = [cell for cell in csv_cells(text) if live_formula(cell)]
        assert formulas == []
        assert "\x1b" not in text and "\x07" not in text


def test_json_export_cannot_end_a_script_element(hostile: ArticleReport) -> None:
    text = formats.render_article("json", hostile)
    assert isinstance(text, str)
    assert not re.search(r"[<>&\u2028\u2029]", text)
    data = json.loads(text)
    assert SCRIPT in data["article"]["title"]  # kept, only escaped


def test_claimreview_pasted_into_a_page_is_one_script_with_http_urls_only(
    hostile: ArticleReport,
) -> None:
    markup = formats.render_article("claimreview", hostile)
    assert isinstance(markup, str)
    assert not re.search(r"[<>&]", markup)
    page = (
        '<!DOCTYPE html><html><head><script type="application/ld+json">'
        + markup
        + "</script></head><body><p>Our check</p></body></html>"
    )
    parsed = parse_html(page)
    assert [tag for tag, _ in parsed.tags].count("script") == 1
    inside = "".join(data for tag, data in parsed.data if tag == "script")
    items = json.loads(inside)
    assert items == json.loads(markup)
    assert items and items[0]["claimReviewed"]
    urls = urls_in(items)
    assert urls and all(SAFE_URL.fullmatch(u) for u in urls), urls
    assert JS_URL not in inside
    author = items[0]["author"]
    assert "url" not in author  # the stored javascript: URL is refused when read
    assert SCRIPT in author["name"]  # the name is kept, escaped


def test_a_huge_explanation_is_cut_with_a_note_and_exported_in_bounded_time(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    report = load_article_report(desk, hostile_article(desk, explanation_tail=LONG_TAIL))
    started = time.process_time()
    out = tmp_path / "long.pdf"
    write_pdf(report, out)
    pdf_seconds = time.process_time() - started
    assert len(PdfReader(out).pages) < 100  # 2 MB would be about 600 pages
    assert "more characters not shown here" in build_document(report).toPlainText()
    for key in ("docx", "html", "md"):
        started = time.process_time()
        data = formats.render_article(key, report)
        assert time.process_time() - started < 10, key
        assert len(data) < 1_500_000, key
    whole = formats.render_article("json", report)
    assert isinstance(whole, str) and LONG_TAIL.strip()[:200] in whole  # nothing lost there
    assert pdf_seconds < 15


def test_a_one_paragraph_article_is_cut_into_blocks_and_pages_between_lines(
    desk: Desk, qtbot: QtBot
) -> None:
    """One paragraph of 3,000 sentences: Qt painted every page in time proportional to the
    whole paragraph (20,000 sentences: 21 s instead of 3), and pages were cut at their
    bottom edge, through a line of text, because QTextBlock.lineCount() is always 1."""
    text = " ".join(f"Sentence number {i} says the minister was right." for i in range(3000))
    report = load_article_report(desk, desk.importer.import_text(text).article_id)
    document = build_document(report, dpi=300)
    document.setTextWidth(2000)
    breaks = page_breaks(document, 3000)  # lays the document out
    block = document.begin()
    tops = set()
    longest = 0
    while block.isValid():
        longest = max(longest, len(block.text()))
        layout = block.layout()
        origin = layout.position().y()
        tops |= {origin + layout.lineAt(i).y() for i in range(layout.lineCount())}
        block = block.next()
    assert longest <= BLOCK_CHARS + 100
    assert len(breaks) > 4
    for top, bottom in itertools.pairwise(breaks[:-1]):
        assert bottom in tops  # between two lines, never through one
        assert bottom - top > 0.9 * 3000 or top == 0


def test_the_export_preview_cuts_a_huge_field_and_never_blocks(desk: Desk, qtbot: QtBot) -> None:
    """A 108 MB explanation blocked the window 40 s at 4.7 GB while the preview laid it out;
    a stored pattern with a format spec froze it 17 s at 8.7 GB. Here 2 MB, every format."""
    from factcheck_app.gui.dialogs.export import PREVIEW_FIELD_CHARS, ExportDialog

    article_id = hostile_article(desk, explanation_tail=LONG_TAIL)
    desk.repo.settings.set_setting("claimreview.url_pattern", HUGE_PATTERN)
    dialog = ExportDialog(desk, article_id)
    qtbot.add_widget(dialog)
    dialog.show()
    for key in formats.FORMATS:
        started = time.process_time()
        dialog.set_format(key)
        shown = dialog.preview.document()
        assert time.process_time() - started < 5, key
        assert shown.characterCount() < 40 * PREVIEW_FIELD_CHARS + 30_000, key
        if key in ("pdf", "html", "docx", "md", "csv"):
            assert "the preview shows the start only" in shown.toPlainText(), key
    dialog.set_format("claimreview")
    assert dialog.url_pattern_edit.text() == ""  # the stored pattern was refused when read
    # Named as refused (not "No fact-check URL": the workspace has one), cut short.
    said = dialog.problems_label.text()
    assert "The fact-check URL pattern stored in the workspace" in said and len(said) < 2_000
    started = time.process_time()
    dialog.url_pattern_edit.setText(HUGE_PATTERN)  # typed: refused in words, at once
    assert time.process_time() - started < 5
    assert "adds a format" in dialog.problems_label.text()
    assert not dialog.export_button.isEnabled()
