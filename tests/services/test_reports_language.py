"""The article's language in the data exports and back (issue 18)."""

from __future__ import annotations

import copy
import csv
import io
from html.parser import HTMLParser
from pathlib import Path

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.export import article_review
from factcheck_app.services.reports.csv_report import render_csv
from factcheck_app.services.reports.html_report import render_html
from factcheck_app.services.reports.model import load_article_report
from factcheck_app.services.reports.review_import import import_review

FRENCH = (
    "M. Macron a reçu mardi le président arménien. Les deux hommes ont évoqué la "
    "situation au Haut-Karabakh. « Nous voulons la paix », a déclaré le président."
)


def test_json_and_csv_carry_the_language(desk: Desk) -> None:
    article = desk.importer.import_text(FRENCH).article_id
    data = article_review(desk, article)
    assert data["article"]["language"] == "fr"
    rows = list(csv.DictReader(io.StringIO(render_csv(load_article_report(desk, article))[1:])))
    assert len(rows) == 3 and {r["article_language"] for r in rows} == {"fr"}


def test_the_language_comes_back_with_an_imported_review(desk: Desk, tmp_path: Path) -> None:
    article = desk.importer.import_text(FRENCH).article_id
    exported = article_review(desk, article)
    other = Desk.open(tmp_path / "other.fcdesk")
    try:
        result = import_review(other, copy.deepcopy(exported))
        assert other.articles.article_language(result.article_id) == "fr"
        older = copy.deepcopy(exported)
        del older["article"]["language"]  # an export made before languages
        older["article"]["text"] += " "
        del older["article"]["content_hash"]
        result = import_review(other, older)
        assert other.articles.article_language(result.article_id) == ""
    finally:
        other.close()


ARABIC = "قال الوزير إن الهجوم وقع يوم الأحد. ونفت الحكومة ذلك في بيان. وقال شاهد إنه رأى الدخان."


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of the <style> element."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def test_an_arabic_article_reads_right_to_left_in_the_html_report(desk: Desk) -> None:
    """With no direction the browser laid an Arabic paragraph out left to right: sentence 1
    at the left, so a reader going right to left met the last sentence first, and each
    label's number sat on the other side of its sentence from its verdict."""
    article = desk.importer.import_text(ARABIC).article_id
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(article)]
    for sentence_id in ids[:2]:
        desk.reviews.set_tag(sentence_id, Tag.CLAIM)
        desk.reviews.set_verdict(sentence_id, "false")
        desk.reviews.set_text_field(sentence_id, "claimant", "الوزير")
        desk.reviews.set_text_field(sentence_id, "explanation", "لم يحدث ذلك.")
    page = _Elements()
    page.feed(render_html(load_article_report(desk, article)))
    tags = page.elements
    # Each paragraph of the article takes its direction from its own text…
    paragraphs = [a for t, a in tags if t == "p" and a.get("class") is None]
    assert paragraphs and all(a.get("dir") == "auto" for a in paragraphs)
    # …the labels are English, set apart so they neither split nor reorder the sentences…
    chips = [a for t, a in tags if "chip" in (a.get("class") or "").split()]
    assert len(chips) == 2 and all(a.get("dir") == "ltr" for a in chips)
    assert ".s{unicode-bidi:plaintext;" in page.style.replace("\n", "")
    # …and the title, the quoted sentence, claimant and explanation each go their own way.
    assert all(a.get("dir") == "auto" for t, a in tags if t in ("h1", "blockquote", "dd"))


def test_an_arabic_article_reads_right_to_left_in_the_word_report(desk: Desk) -> None:
    """Word lays a paragraph out left to right unless told otherwise (it does not guess
    from the text as browsers with dir=auto and Qt do): an Arabic paragraph of the Word
    report put sentence 1 at the left edge, so a reader met the last sentence first."""
    import io

    import docx
    from docx.oxml.ns import qn

    from factcheck_app.services.reports.docx_report import render_docx

    article = desk.importer.import_text(ARABIC + "\n\nThe minister said so in English.").article_id
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(article)]
    desk.reviews.set_tag(ids[0], Tag.CLAIM)
    desk.reviews.set_verdict(ids[0], "false")
    desk.reviews.set_text_field(ids[0], "explanation", "لم يحدث ذلك.")
    document = docx.Document(io.BytesIO(render_docx(load_article_report(desk, article))))

    def right_to_left(paragraph: object) -> bool:
        properties = paragraph._p.pPr  # type: ignore[attr-defined]
        return properties is not None and properties.find(qn("w:bidi")) is not None

    arabic = [p for p in document.paragraphs if "الوزير" in p.text or "يحدث" in p.text]
    english = [p for p in document.paragraphs if p.text.startswith("The minister said so")]
    # The article's paragraph, the title, the quoted sentence and the explanation.
    assert len(arabic) >= 4 and all(right_to_left(p) for p in arabic), [p.text for p in arabic]
    assert english and not any(right_to_left(p) for p in english)
    headings = [p for p in document.paragraphs if p.text.startswith("AT A GLANCE")]
    assert headings == [] or not right_to_left(headings[0])


def test_claimreview_addresses_of_articles_titled_in_other_scripts_differ(desk: Desk) -> None:
    """{slug} kept only what folds to ASCII, so every article titled in Russian, Arabic or
    Armenian got the slug "article": with the documented pattern …/checks/{slug}#claim-1,
    claim 1 of every such article was published at one and the same address."""
    import json
    import urllib.parse

    from factcheck_app.domain.models import ArticleMetadata
    from factcheck_app.services import settings
    from factcheck_app.services.reports.claimreview import render_claimreview

    pattern = "https://factcheck.example.org/checks/{slug}#claim-{number}"
    settings.set_setting(desk, settings.FACTCHECK_URL_PATTERN, pattern)
    titles = ("Путин заявил о переговорах", "Министр опроверг слухи", "Élection à Paris")
    urls = []
    for title in titles:
        article = desk.importer.import_text(f"{title}. The minister said so on Sunday.")
        desk.articles.update_article_metadata(article.article_id, ArticleMetadata(title=title))
        first = desk.reviews.sentence_rows(article.article_id)[1].sentence.id
        desk.reviews.set_tag(first, Tag.CLAIM)
        desk.reviews.set_verdict(first, "false")
        items = json.loads(render_claimreview(load_article_report(desk, article.article_id)))
        urls.append(items[0]["url"])
    assert len(set(urls)) == 3, urls
    shown = [urllib.parse.unquote(url) for url in urls]
    assert shown[0] == "https://factcheck.example.org/checks/путин-заявил-о-переговорах#claim-2"
    assert shown[2] == "https://factcheck.example.org/checks/election-a-paris#claim-2"  # as before
    assert all(url.isascii() for url in urls)  # percent-encoded, as the URL rule writes them


def test_the_html_report_names_the_articles_language(desk: Desk) -> None:
    """The page said lang="en" throughout: a screen reader read a French or Russian
    article, its title and its quoted sentences with English rules, and a browser
    hyphenated and spelled them as English. The article's own language now marks them;
    the desk's own words stay English."""
    article = desk.importer.import_text(FRENCH).article_id
    first = desk.reviews.sentence_rows(article)[0].sentence.id
    desk.reviews.set_tag(first, Tag.CLAIM)
    page = _Elements()
    page.feed(render_html(load_article_report(desk, article)))
    tags = page.elements
    assert ("html", {"lang": "en"}) in tags
    marked = [t for t, a in tags if a.get("lang") == "fr"]
    assert "h1" in marked and "blockquote" in marked
    assert any(
        t == "div" and a.get("class") == "article" and a.get("lang") == "fr" for t, a in tags
    )
    undetermined = desk.importer.import_text("12 345 678. 910 111 213.").article_id
    again = _Elements()
    again.feed(render_html(load_article_report(desk, undetermined)))
    assert [a for t, a in again.elements if t != "html" and "lang" in a] == []
