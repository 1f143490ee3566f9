"""Report formats read back and checked for content: HTML, Markdown, CSV, DOCX, summary."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from factcheck_app.domain.models import Stance, Status, Tag
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.reports import formats
from factcheck_app.services.reports.csv_report import COLUMNS, neutralize, render_csv
from factcheck_app.services.reports.docx_report import render_docx
from factcheck_app.services.reports.html_report import render_html
from factcheck_app.services.reports.markdown_report import md_escape, render_markdown
from factcheck_app.services.reports.model import (
    ArticleReport,
    ExportCancelled,
    Ticker,
    load_article_report,
)
from factcheck_app.services.reports.summary import (
    SUMMARY_COLUMNS,
    load_reports,
    render_summary_csv,
    render_summary_html,
    summarize,
)
from factcheck_app.services.reports.text import named_characters
from tests.sample_review import apply_sample_review

HOSTILE_TEXT = (
    "The mayor said <script>alert(1)</script> was found on the site. "
    'Officials posted <img src=x onerror=alert(1)> and "quotes" & ampersands. '
    "=1+1 is what the spreadsheet said.\n\n"
    "*Bold claim* with [a link](javascript:alert(1)) and a # hash. "
    "Another <b>bold</b> sentence ends here."
)
HOSTILE_CLAIMANT = "<img src=x onerror=alert(1)>"
HOSTILE_EXPLANATION = '<script>alert(2)</script>\n\n=cmd|" /C calc"!A0'


@pytest.fixture
def reviewed(seeded_desk: Desk) -> Desk:
    """The sample article with the worked review used in the docs."""
    apply_sample_review(seeded_desk, 1)
    return seeded_desk


@pytest.fixture
def report(reviewed: Desk) -> ArticleReport:
    return load_article_report(reviewed, 1)


@pytest.fixture
def hostile(desk: Desk) -> ArticleReport:
    """An article and a review full of markup, formulas and Markdown syntax."""
    article_id = desk.importer.import_text(HOSTILE_TEXT).article_id
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(article_id)]
    desk.reviews.set_tag(ids[0], Tag.CLAIM)
    desk.reviews.set_text_field(ids[0], "claimant", HOSTILE_CLAIMANT)
    desk.reviews.set_text_field(ids[0], "explanation", HOSTILE_EXPLANATION)
    desk.reviews.set_verdict(ids[0], "false")
    desk.sources.link_source(
        ids[0],
        NewSource(
            url='https://example.org/a?q="><script>alert(6)</script>',
            title="<script>alert(3)</script>",
            publisher='" onmouseover="alert(4)',
            stance=Stance.REFUTES,
            excerpt="<iframe src=javascript:alert(5)>",
        ),
    )
    desk.reviews.set_tag(ids[2], Tag.FACT)
    desk.reviews.set_text_field(ids[2], "claimant", "@SUM(A1:A2)")
    desk.reviews.set_verdict(ids[2], "mixed")
    return load_article_report(desk, article_id)


class TagCollector(HTMLParser):
    """Every start tag with its attributes, and all text, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> TagCollector:
    parser = TagCollector()
    parser.feed(markup)
    parser.close()
    return parser


def squashed(text: str) -> str:
    return " ".join(text.split())


# -- HTML -------------------------------------------------------------------------------------


def test_html_is_inert_even_when_article_and_review_hold_markup(hostile: ArticleReport) -> None:
    page = render_html(hostile)
    parsed = parse(page)
    names = [tag for tag, _ in parsed.tags]
    assert "script" not in names and "img" not in names and "iframe" not in names
    for tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert "src" not in attrs  # nothing is ever loaded
        href = attrs.get("href") or ""
        assert href.startswith(("#", "https://", "http://")) or not href, href
    text = squashed(" ".join(parsed.text))
    # The hostile words are shown, literally, as text.
    assert "said <script>alert(1)</script> was found" in text
    assert HOSTILE_CLAIMANT in text and "<script>alert(2)</script>" in text
    assert '" onmouseover="alert(4)' in text and "<iframe src=javascript:alert(5)>" in text
    # A second line of defence: the page forbids scripts and remote loads.
    csp = next(a for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in (csp.get("content") or "")
    assert "<link" not in page and "@import" not in page and "url(" not in page


def test_html_holds_summary_article_and_every_check(report: ArticleReport) -> None:
    page = render_html(report)
    parsed = parse(page)
    text = squashed(" ".join(parsed.text))
    assert "Ankara accuses Armenia of targeting Ganja" in text
    assert "10 of 12 sentences reviewed" in text and "6 Claims" in text and "1 Denial" in text
    for sentence in report.sentences:  # the whole article, every sentence
        assert squashed(sentence.text) in text
    bars = re.findall(r'<tr class="v-(\w+)"><td class="label">([^<]+)</td>.*?class="n">(\d+)', page)
    assert ("true", "True", "4") in bars and ("mostly_false", "Mostly false", "0") in bars
    assert ("none", "No verdict yet", "1") in bars
    # Each check with claimant, explanation and its sources' details and links.
    assert "Government of Azerbaijan" in text and "hospital admissions published" in text
    assert "Prosecutor General of Azerbaijan" in text and "accessed 5 October 2020" in text
    assert "one civilian was killed and 32 wounded" in text
    hrefs = [a.get("href") for t, a in parsed.tags if t == "a"]
    assert "https://example.org/prosecutor/ganja-statement" in hrefs
    stances = [a.get("class") for t, a in parsed.tags if t == "li"]
    assert "st-supports" in stances and "st-context" in stances
    assert "Needs second look" in text and "In progress" in text


def test_denials_sit_inside_the_claim_they_deny(report: ArticleReport) -> None:
    page = render_html(report)
    claim, denial, next_card = (page.index(f'id="c{n}"') for n in (5, 6, 7))
    assert claim < page.index("Denied by", claim) < denial < next_card
    # Moved, not copied: the denial is shown once.
    assert page.count('id="c6"') == 1
    group = next(g for g in report.groups if g.entry.number == 5)
    assert [d.number for d in group.denials] == [6]


def test_a_denial_of_a_denial_and_denials_of_each_other_are_still_in_the_report(
    reviewed: Desk,
) -> None:
    """#7 answers the denial #6 (which sits inside claim #5), and #8 and #9 deny each
    other: every check is printed once in every report. #7 to #9 vanished: each was
    moved under a check that was itself moved, or under each other."""
    ids = [row.sentence.id for row in reviewed.reviews.sentence_rows(1)]
    for denial, denied in ((7, 6), (8, 9), (9, 8)):
        reviewed.reviews.set_tag(ids[denial - 1], Tag.DENIAL)
        reviewed.reviews.set_denies(ids[denial - 1], ids[denied - 1])
    report = load_article_report(reviewed, 1)
    shown = [n for g in report.groups for n in (g.entry.number, *(d.number for d in g.denials))]
    assert sorted(shown) == [e.number for e in report.entries]
    page = render_html(report)
    markdown = render_markdown(report)
    for entry in report.entries:
        assert page.count(f'id="c{entry.number}"') == 1
        assert len(re.findall(rf"^#+ #{entry.number} ", markdown, re.MULTILINE)) == 1
    # #6 still sits inside #5; #7 is a check of its own saying which denial it answers.
    assert [d.number for g in report.groups if g.entry.number == 5 for d in g.denials] == [6]
    assert "Denies #6" in page[page.index('id="c7"') :]


# -- Markdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>", r"\<script\>"),
        ("*a* _b_ `c`", r"\*a\* \_b\_ \`c\`"),
        ("[x](javascript:y)", r"\[x\](javascript:y)"),
        ("- item", r"\- item"),
        ("1. first", r"1\. first"),
        ("0.1.0", r"0\.1.0"),
        ("# heading", r"\# heading"),
        ("a | b & c", r"a \| b \& c"),
        ("plain words, 3.5 per cent.", "plain words, 3.5 per cent."),
    ],
)
def test_markdown_escapes_active_characters(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


def test_markdown_report_escapes_every_user_text(hostile: ArticleReport) -> None:
    text = render_markdown(hostile)
    unescaped_html = re.findall(r"(?<!\\)<(?!https?://)", text)
    assert unescaped_html == []  # every "<" is escaped, except our own <url> link targets
    assert r"\<script\>alert(1)\</script\>" in text
    assert r"\*Bold claim\* with \[a link\](javascript:alert(1))" in text
    assert "](javascript:" not in text.replace(r"\](javascript:", "")
    assert "**Claimant:** " + r"\<img src=x onerror=alert(1)\>" in text


def test_markdown_report_has_summary_checks_and_article(report: ArticleReport) -> None:
    text = render_markdown(report)
    assert text.startswith("# Fact-check: Ankara accuses Armenia")
    assert "| True | 4 |" in text and "| Mostly false | 0 |" in text
    assert "### #5 Claim: Mostly true" in text and "#### #6 Denial: Unverifiable" in text
    assert "(<https://example.org/prosecutor/ganja-statement>)" in text
    assert "**Earlier, Baku said one civilian had been killed" in text


def test_markdown_keeps_the_line_breaks_of_an_explanation_and_an_excerpt(desk: Desk) -> None:
    """Lines typed in an explanation or an excerpt came out as bare line ends, which
    Markdown joins into one line: "Three points: 1. one - two" in a wiki or chat, where the
    HTML, PDF and Word reports keep the lines. Each now ends in a hard break (backslash)."""
    article = desk.importer.import_text("The minister spoke on Sunday. Nobody listened.")
    first = desk.reviews.sentence_rows(article.article_id)[0].sentence.id
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_text_field(first, "explanation", "Three points:\n1. one\n- two\n\nAfter.")
    excerpt = "Line one\nline two"
    desk.sources.link_source(
        first, NewSource("https://example.org/s", "S", "P", None, Stance.SUPPORTS, excerpt)
    )
    text = render_markdown(load_article_report(desk, article.article_id))
    assert "**Explanation:** Three points:\\\n1\\. one\\\n\\- two\n\nAfter.\n" in text
    assert "  > Line one\\\n  > line two\n" in text


# -- CSV --------------------------------------------------------------------------------------


def test_csv_reads_back_and_is_formula_safe(hostile: ArticleReport) -> None:
    text = render_csv(hostile)
    rows = list(csv.reader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"), newline="")))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 1 + hostile.total
    for row in rows[1:]:
        assert len(row) == len(COLUMNS)
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    records = [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]
    first, third = records[0], records[2]
    assert first["claimant"] == HOSTILE_CLAIMANT and first["verdict"] == "False"
    # A formula at the start of a line inside a cell is defused too (see test_hostile_*).
    assert first["explanation"] == HOSTILE_EXPLANATION.replace("\n=", "\n'=")
    assert first["source_titles"] == "<script>alert(3)</script>"
    assert first["source_stances"] == "refutes" and first["rating_value"] == "1"
    assert third["claimant"] == "'@SUM(A1:A2)"  # the OWASP quote, not the formula
    assert records[1]["text"].startswith("Officials posted")
    assert third["text"] == "'=1+1 is what the spreadsheet said." and third["tag"] == "fact"


def test_a_source_title_with_a_bar_keeps_the_source_columns_aligned(desk: Desk) -> None:
    """Page titles read "Budget 2020 | Ministry of Finance": joined with ` | `, two sources'
    titles split into three, and a tool pairing source_titles with source_urls gave the
    second source the first one's site name as its title."""
    article = desk.importer.import_text("The minister spoke on Sunday. Nobody listened.")
    first = desk.reviews.sentence_rows(article.article_id)[0].sentence.id
    desk.reviews.set_tag(first, Tag.CLAIM)
    for url, title in (
        ("https://example.org/budget", "Budget 2020 | Ministry of Finance"),
        ("https://example.org/stats", "Population | Statistics office"),
    ):
        desk.sources.link_source(first, NewSource(url, title, "Publisher", None))
    text = render_csv(load_article_report(desk, article.article_id))
    rows = csv.DictReader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"), newline=""))
    row = next(rows)
    urls = row["source_urls"].split(" | ")
    titles = row["source_titles"].split(" | ")
    assert len(urls) == len(titles) == int(row["source_count"]) == 2
    assert titles == ["Budget 2020 \\| Ministry of Finance", "Population \\| Statistics office"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start: str) -> None:
    assert neutralize(f"{start}1+1") == f"'{start}1+1"
    assert neutralize(f"a{start}1") == f"a{start}1"


def test_csv_sources_are_joined_in_order(report: ArticleReport) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(report).lstrip("\ufeff"), newline="")))
    row = rows[4]
    assert row["source_count"] == "2"
    assert row["source_urls"] == (
        "https://example.org/prosecutor/ganja-statement | "
        "https://example.org/health/ganja-admissions"
    )
    assert row["source_stances"] == "supports | context"
    assert rows[5]["denies_number"] == "5" and rows[5]["tag"] == "denial"


# -- DOCX -------------------------------------------------------------------------------------


def test_docx_opens_and_holds_the_report(report: ArticleReport) -> None:
    document = docx.Document(io.BytesIO(render_docx(report)))
    text = squashed("\n".join(p.text for p in document.paragraphs))
    for sentence in report.sentences:
        assert squashed(sentence.text) in text
    assert "#5 CLAIM Mostly true" in text and "Government of Azerbaijan" in text
    assert "SOURCES (2)" in text and "https://example.org/health/ganja-admissions" in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 2")]
    assert len(headings) == len(report.groups)
    links = [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert "https://example.org/prosecutor/ganja-statement" in links
    assert document.core_properties.title.startswith("Fact-check: Ankara")


def test_docx_survives_control_characters(desk: Desk) -> None:
    article_id = desk.importer.import_text(
        "Bell \x07 and escape \x1b in text. Second sentence here."
    )
    report = load_article_report(desk, article_id.article_id)
    document = docx.Document(io.BytesIO(render_docx(report)))
    assert "Bell  and escape  in text." in "\n".join(p.text for p in document.paragraphs)


def test_the_docx_footer_holds_the_title_on_one_short_line(desk: Desk) -> None:
    """Word's footer took the title whole: 2,000 characters (the most a report shows of a
    title) filled a dozen footer lines on every page, and a line break in a title (from a
    review file or a merged workspace) a second line. The PDF's footer cuts it short."""
    from factcheck_app.domain.models import ArticleMetadata

    article = desk.importer.import_text("The minister spoke on Sunday. Nobody listened.")
    title = "First line\nSecond line " + "word " * 600
    desk.repo.articles.update_article_metadata(article.article_id, ArticleMetadata(title=title))
    report = load_article_report(desk, article.article_id)
    document = docx.Document(io.BytesIO(render_docx(report)))
    footer = document.sections[0].footer
    xml = footer._element.xml
    text = "".join(p.text for p in footer.paragraphs)
    assert text.startswith("Fact-check: First line Second line word word")
    assert text.endswith("…") and len(text) <= 120, len(text)
    assert "<w:br" not in xml


# -- progress, cancel, atomic writes -----------------------------------------------------------


def test_progress_is_reported_and_cancel_stops_the_render(report: ArticleReport) -> None:
    seen: list[tuple[int, int]] = []
    formats.render_article("html", report, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and seen == sorted(seen)
    with pytest.raises(ExportCancelled):
        formats.render_article("csv", report, cancel=lambda: True)


def test_failed_or_cancelled_export_leaves_the_previous_file(
    report: ArticleReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "report.html"
    target.write_text("previous report", encoding="utf-8")
    with pytest.raises(ExportCancelled):
        formats.export_article("html", report, target, cancel=lambda: True)
    assert target.read_text(encoding="utf-8") == "previous report"

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        formats.export_article("html", report, target)
    assert target.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]  # no temp file left


def test_ticker_reports_every_so_often_and_finishes() -> None:
    seen: list[int] = []
    ticker = Ticker(1000, lambda done, total: seen.append(done), every=100)
    for _ in range(1000):
        ticker.step()
    ticker.finish()
    assert 10 <= len(seen) <= 12 and seen[-1] == 1000


# -- workspace summary ------------------------------------------------------------------------


def test_workspace_summary_counts_claimants_and_sources(reviewed: Desk) -> None:
    second = reviewed.importer.import_text(
        "Baku said the bridge was closed. The bridge reopened in May."
    )
    ids = [row.sentence.id for row in reviewed.reviews.sentence_rows(second.article_id)]
    reviewed.reviews.set_tag(ids[0], Tag.CLAIM)
    reviewed.reviews.set_text_field(
        ids[0], "claimant", "government of azerbaijan"
    )  # other spelling
    reviewed.reviews.set_verdict(ids[0], "false")
    reviewed.sources.link_source(
        ids[0],
        NewSource(
            url="https://example.org/prosecutor/ganja-statement",
            stance=Stance.REFUTES,
            accessed=dt.date(2020, 10, 6),
        ),
    )
    summary = summarize(load_reports(reviewed), name="desk")
    assert [a.id for a in summary.articles] == [1, second.article_id]
    assert summary.total == 14 and summary.reviewed == 11
    top = summary.claimants[0]
    assert top.name == "Government of Azerbaijan" and top.statements == 3 and top.articles == 2
    counts = {v.key: v.count for v in top.verdicts}
    assert counts["false"] == 1 and counts["mostly_true"] == 1 and counts[""] == 1
    cited = summary.sources[0]
    assert cited.url == "https://example.org/prosecutor/ganja-statement"
    assert cited.citations == 2 and cited.articles == 2
    assert cited.stances[Stance.SUPPORTS] == 1 and cited.stances[Stance.REFUTES] == 1

    page = render_summary_html(summary)
    parsed = parse(page)
    assert "script" not in [t for t, _ in parsed.tags]
    text = squashed(" ".join(parsed.text))
    assert "11 of 14 sentences reviewed" in text and "Top claimants" in text
    rows = list(csv.reader(io.StringIO(render_summary_csv(summary).lstrip("\ufeff"))))
    assert rows[0] == list(SUMMARY_COLUMNS)
    first = dict(zip(SUMMARY_COLUMNS, rows[1], strict=True))
    assert first["sentences"] == "12" and first["reviewed"] == "10" and first["true"] == "4"
    assert first["no_verdict"] == "1" and first["denials"] == "1"


def test_the_summary_csv_keeps_a_long_title_whole(desk: Desk) -> None:
    """summary-csv cut titles and outlets at 2,000 characters and appended "[…1,011 more
    characters not shown here; the JSON export holds the whole text]" to the cell: a data
    export, which the docs say keeps every character, as the article CSV does."""
    from factcheck_app.domain.models import ArticleMetadata

    article = desk.importer.import_text("The minister spoke on Sunday. Nobody listened.")
    title, outlet = "Minister " + "says " * 600, "Outlet " * 400
    desk.repo.articles.update_article_metadata(
        article.article_id, ArticleMetadata(title=title, outlet=outlet)
    )
    summary = summarize(load_reports(desk), name="desk")
    rows = list(csv.DictReader(io.StringIO(render_summary_csv(summary).lstrip("\ufeff"))))
    assert rows[0]["title"] == title and rows[0]["outlet"] == outlet
    page = render_summary_html(summary)  # the page people read still shows the start only
    assert "more characters not shown here" in page and title not in page


def test_status_counts_and_untagged_verdicts(desk: Desk) -> None:
    article = desk.importer.import_text("One. Two. Three.")
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(article.article_id)]
    desk.reviews.set_verdict(ids[1], "true")  # a verdict without a tag is still a check
    desk.reviews.set_status(ids[2], Status.SECOND_LOOK)
    report = load_article_report(desk, article.article_id)
    assert [e.number for e in report.entries] == [2]
    assert report.status_counts[Status.SECOND_LOOK] == 1 and report.reviewed == 1
    assert "Untagged · True" not in render_html(report)  # shown as a check all the same
    assert 'id="c2"' in render_html(report)


def test_characters_no_font_has_are_named_in_words() -> None:
    """What the PDF writes for an emoji no installed font can draw, instead of a box."""
    missing = set("🚀🇦🇿👋🏽")
    text = "Rockets 🚀 over 🇦🇿, 👋🏽 🇫🇷 é"
    assert (
        named_characters(text, missing)
        == "Rockets [rocket] over [flag AZ], [waving hand sign] 🇫🇷 é"
    )
    assert named_characters(text, set()) == text


def test_a_long_unbroken_address_in_typed_text_wraps_inside_the_page(desk: Desk) -> None:
    """A web address pasted into an explanation (or a source without a title, shown by its
    address) is one 300-character word. A grid column is at least as wide as its longest
    word, so the explanation's column pushed the check past the page's right edge: cut
    off in print, a sideways scroll on a phone. Long words now break inside the page."""
    url = "https://example.org/" + "/".join(f"segment-{n}-of-a-long-address" for n in range(12))
    article = desk.importer.import_text("The ministry said 32 people died.").article_id
    sentence = desk.reviews.sentence_rows(article)[0].sentence.id
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    desk.reviews.set_text_field(sentence, "explanation", f"See {url} for the list.")
    page = render_html(load_article_report(desk, article))
    assert f"See {url} for the list." in page
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    rules: dict[str, str] = {}
    for selector, body in re.findall(r"([^{};]+)\{([^{}]*)\}", style):
        for name in selector.split(","):
            rules[name.strip()] = rules.get(name.strip(), "") + body + ";"
    # The grid's cells may shrink below their longest word, and every text on the page
    # breaks a word that is longer than its line.
    assert "min-width:0" in rules["dd"]
    assert (
        "overflow-wrap:anywhere" in rules[".page"] or "overflow-wrap:break-word" in rules[".page"]
    )


def _summary_of_word(report: ArticleReport) -> str:
    """The Word report's text from its start to the verdict bars (its "At a glance")."""
    document = docx.Document(io.BytesIO(render_docx(report)))
    lines = [p.text for p in document.paragraphs]
    start = lines.index("AT A GLANCE")
    return "\n".join(lines[start : lines.index("THE ARTICLE, ANNOTATED")])


def _summary_of_markdown(report: ArticleReport) -> str:
    page = render_markdown(report)
    return page[page.index("## Summary") : page.index("| Verdict |")]


def test_every_report_summary_says_which_reviews_are_not_finished(reviewed: Desk) -> None:
    """docs/exports.md: every report's summary gives the unfinished reviews, as the HTML
    and PDF do ("75% done · 1 in conflict, 1 in progress…"); the Word and Markdown
    reports gave only the share done, so a conflict was said only on its own check."""
    import dataclasses

    ids = [row.sentence.id for row in reviewed.reviews.sentence_rows(1)]
    reviewed.reviews.set_tag(ids[9], None)
    reviewed.reviews.set_verdict(ids[9], None)
    reviewed.reviews.set_status(ids[9], Status.UNREVIEWED)
    report = load_article_report(reviewed, 1)
    first = report.sentences[0]
    conflict = dataclasses.replace(
        first, review=dataclasses.replace(first.review, status=Status.CONFLICT)
    )
    report = dataclasses.replace(report, sentences=(conflict, *report.sentences[1:]))
    said = "1 in conflict, 1 in progress, 1 needing a second look, 1 unreviewed"
    assert said in render_html(report)
    for summary in (_summary_of_word(report), _summary_of_markdown(report)):
        assert said in " ".join(summary.split()), summary


def test_the_word_report_says_which_claim_a_denial_answers(report: ArticleReport) -> None:
    """Word set the denial #6 under claim #5 with only an indent: no "Denied by" as in
    the HTML and PDF reports, and no "Denies #5" (left out inside the claim), so its
    text, a screen reader or a copy pasted into an e-mail never said what #6 denies."""
    document = docx.Document(io.BytesIO(render_docx(report)))
    lines = [p.text for p in document.paragraphs]
    claim = next(i for i, line in enumerate(lines) if line.startswith("#5 "))
    denial = next(i for i, line in enumerate(lines) if line.startswith("#6 "))
    assert "DENIED BY" in lines[claim:denial]
    assert lines[denial - 1] == "DENIED BY"  # right above the denial, kept with it
    assert document.paragraphs[denial - 1].paragraph_format.keep_with_next


# -- A note the desk wrote after an excerpt -------------------------------------------------

NOTE = "[From the merged sentence: stance Refutes]"


def merged_over_one_page(desk: Desk) -> ArticleReport:
    """Two sentences quoting one page, weighed Supports and Refutes, merged (Ctrl+M): the
    kept link's excerpt holds both quotes and the desk's note of the second stance."""
    article = desk.importer.import_text("Police counted 3,000. Organisers said 12,000 marched.")
    first, second = (r.sentence.id for r in desk.reviews.sentence_rows(article.article_id))
    for sentence_id, excerpt, stance in (
        (first, "12,000 marched", Stance.SUPPORTS),
        (second, "police said 3,000", Stance.REFUTES),
    ):
        desk.reviews.set_tag(sentence_id, Tag.CLAIM)
        desk.sources.link_source(
            sentence_id, NewSource("https://example.org/count", "Count", "", None, stance, excerpt)
        )
    desk.boundaries.merge_with_next(first)
    desk.reviews.set_verdict(first, "mixed")
    desk.reviews.set_text_field(first, "explanation", "The counts differ.")
    return load_article_report(desk, article.article_id)


def test_the_merge_note_after_an_excerpt_is_no_part_of_the_quotation(desk: Desk) -> None:
    """The note Merge with Next writes after an excerpt ("[From the merged sentence:
    stance Refutes]") was printed inside the quotation, as the source's own words: in
    quotation marks in Word, in the quote block in HTML and Markdown. It is the desk's
    note, shown after the quotation; the quotes stay quoted."""
    report = merged_over_one_page(desk)
    assert NOTE in report.sentences[0].sources[0].excerpt  # the data keeps it whole

    document = docx.Document(io.BytesIO(render_docx(report)))
    texts = [p.text for p in document.paragraphs]
    assert "“12,000 marched”" in texts and "“police said 3,000”" in texts
    assert f"“{NOTE}”" not in texts
    (note,) = [p for p in document.paragraphs if NOTE in p.text]
    assert not any(run.italic for run in note.runs)

    markdown = render_markdown(report)
    assert "  > 12,000 marched" in markdown and "  > police said 3,000" in markdown
    assert not any(NOTE[1:10] in line for line in markdown.splitlines() if line.startswith("  >"))
    assert md_escape(NOTE) in markdown

    html = render_html(report)
    excerpts = re.findall(r'<div class="excerpt">(.*?)</div>', html)
    assert excerpts and not any("From the merged sentence" in e for e in excerpts)
    assert any("police said 3,000" in e for e in excerpts)
    assert NOTE in html


def test_typed_text_and_sources_on_an_untagged_sentence_are_in_the_report(desk: Desk) -> None:
    """An explanation typed, or a source linked, on a sentence not yet tagged was left out
    of every report, while its header counted the sentence "in progress": the Markdown
    said "4 in progress" and listed 2, and the journalist's note and source were nowhere.
    Such a sentence is shown as a check ("#2 Untagged: No verdict yet"); one nothing was
    recorded on is still left out."""
    article = desk.importer.import_text("One said. Two said. Three said. Four said.")
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(article.article_id)]
    desk.reviews.set_text_field(ids[1], "explanation", "The ministry gave no source")
    desk.sources.link_source(
        ids[2], NewSource("https://example.org/four", "Four's page", "P", None, Stance.CONTEXT)
    )
    report = load_article_report(desk, article.article_id)
    assert [e.number for e in report.entries] == [2, 3]
    text = render_markdown(report)
    assert "#2 Untagged: No verdict yet" in text
    assert "The ministry gave no source" in text
    assert "Four's page" in text and "https://example.org/four" in text
    page = render_html(report)
    assert "The ministry gave no source" in page and "https://example.org/four" in page
    assert 'id="c1"' not in page and 'id="c4"' not in page


def test_a_sentence_marked_nothing_to_check_is_no_check_in_any_report(desk: Desk) -> None:
    """X ("Nothing to check") on a sentence the reviewer had typed a note on, or linked a
    page to, says it holds no claim: the reports published it all the same as a check,
    "#2 Untagged: No verdict yet", with the note as its explanation, a draft counted in
    the summary. A sentence not yet tagged that has them is still shown (in progress)."""
    article = desk.importer.import_text("One said. Two said. Three said. Four said.")
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(article.article_id)]
    desk.reviews.set_text_field(ids[1], "explanation", "Opinion column, skip")
    desk.reviews.set_tag(ids[1], None)  # X
    desk.sources.link_source(
        ids[2], NewSource("https://example.org/three", "Three's page", "P", None, Stance.CONTEXT)
    )
    desk.reviews.set_tag(ids[2], None)  # X
    desk.reviews.set_text_field(ids[3], "explanation", "Still looking")
    report = load_article_report(desk, article.article_id)
    assert [s.review.status for s in report.sentences][1:3] == [Status.DONE, Status.DONE]
    assert [e.number for e in report.entries] == [4]
    text = render_markdown(report)
    assert "Opinion column, skip" not in text and "#2 Untagged" not in text
    assert "Still looking" in text
    page = render_html(report)
    assert "Opinion column, skip" not in page and 'id="c2"' not in page
    assert "https://example.org/three" not in page
