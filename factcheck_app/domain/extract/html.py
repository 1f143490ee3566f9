"""The article in a saved web page: body text without the page around it, and its metadata.

trafilatura finds the body (it is the reference tool for news pages); around it this
module decodes the bytes the way browsers do, refuses pages too big or too deep to be an
article, prunes promotion boxes by their class names, and tidies trafilatura's result:
the headline, kicker, byline, date line, ad labels and a trailing comments heading are
not article text. Clipboard HTML goes through `extract_html_fragment` instead: the user
chose that selection, so nothing in it is treated as boilerplate.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.extract._common import (
    ExtractedArticle,
    clean_line,
    join_paragraphs,
    parse_iso_date,
)
from factcheck_app.domain.extract.encodings import decode_html
from factcheck_app.domain.models import ArticleMetadata
from factcheck_app.domain.own_reports import OwnReport, is_generator, is_report_footer

# A saved news page is 0.1-5 MB, most of it scripts; 20 MB is no article page.
MAX_HTML_BYTES = 20 * 1024 * 1024
# Real article pages have 1,000-10,000 elements once scripts and SVG are gone; trafilatura
# needs ~0.3 ms per element, so the limit keeps the worst case to a few seconds.
MAX_ELEMENTS = 25_000
# htmldate's extensive search turns a footer's "© 2019" into 2019-01-01: a wrong date is
# worse than none, so only dates the page marks up (meta, JSON-LD, <time>, URL) count.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
# Fewer words than this is a menu or a teaser, not an article.
MIN_WORDS = 8
# libxml2 stops nesting at 256 levels and silently drops what is deeper.
MAX_DEPTH = 250

_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(https?://\S+)", re.I)
# Both tried only where a run of spaces begins (`(?<!\s)`, `(?<![ \t])`): from inside the
# run they would fail the same way after scanning it again, time n² for a long run in a
# hostile title or table cell (issue 13).
_TITLE_SEPARATORS = re.compile(r"(?<!\s)\s+[|–—·•:-]\s+|(?<!\s)\s+-\s+")
_TOKEN_SPLIT = re.compile(r"[\s_-]+")
_WORD = re.compile(r"\w+")
_BREAK = object()
# An image a single-file save (or a copy from such a page) embeds as a data: URI. libxml2
# stops reading at an attribute of more than 10 MB, which lost the article after it; the
# desk never shows images, so a long one is cut to "data:," before parsing. The run stops
# at a ":" so that "data:" written over and over is still read once, in linear time.
_LONG_DATA_URI = re.compile(r"data:[^\s\"'<>:]{65536,}")
_LONG_DATA_URI_BYTES = re.compile(rb"data:[^\s\"'<>:]{65536,}")
# Characters XML cannot hold (C0 controls but tab and line ends, U+FFFE, U+FFFF). libxml2's
# HTML parser keeps them in the text, but lxml refuses to move such text when a comment
# or script is taken out (ValueError: the import failed as a bug). No browser shows them:
# a space instead (a form feed is white space in HTML anyway).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# Class/id words of boxes that are never article text (promotion, sharing, comments...).
_BOILERPLATE_TOKENS = frozenset(
    {
        "ad", "ads", "advert", "advertisement", "sponsored", "outbrain", "taboola",
        "paywall", "promo", "promotion", "newsletter", "subscribe", "subscription",
        "donate", "donation", "support", "supporter", "membership", "disclaimer", "bio",
        "cookie", "cookies", "consent", "gdpr", "share", "sharing", "social",
        "comments", "comment", "disqus", "related", "recommended",
    }
)  # fmt: skip
_NEVER_PRUNED = frozenset({"html", "body", "main", "article"})
# Labels that sit between paragraphs where an ad was.
_AD_LABELS = frozenset(
    {
        "advertisement", "skip advertisement", "ad", "ads", "sponsored", "anzeige", "werbung",
        "реклама", "publicité", "publicidad", "pubblicità", "advertentie", "reklama",
        "scroll to continue", "advertisement · scroll to continue", "continue reading below",
        "story continues below advertisement", "article continues below",
    }
)  # fmt: skip
_BYLINE_PREFIX = re.compile(r"^(by|von|par|por|door|di|av|af|от|автор:?|text:?|autor:?)\s", re.I)
_COMMENTS_HEADING = re.compile(
    r"^(\d+\s+)?(comments?|responses?|replies|reactions|discussion|leave a (reply|comment)|"
    r"(\d+\s+)?thoughts? on\b.*|(leser)?kommentare|комментарии|commentaires)(\s*\(\d+\))?$",
    re.I,
)
_MONTH = (
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"(januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)|"
    r"(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
)
_DATE_LINE = re.compile(
    r"^((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(\d{{1,2}}(st|nd|rd|th)?\.?\s+({_MONTH})|({_MONTH})\s+\d{{1,2}}(st|nd|rd|th)?,?)"
    r"\s*,?\s*\d{4}"
    r"(,?\s*(at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s*[A-Z]{2,4}|\s*uhr)?)?$"
    r"|^\d{1,2}[./]\d{1,2}[./]\d{2,4}(,?\s*\d{1,2}[:.]\d{2}(\s*uhr)?)?$"
    r"|^\d{4}-\d{2}-\d{2}$",
    re.I,
)
# Elements whose text is never shown as text.
_INVISIBLE_TAGS = ("style", "noscript", "template", "svg", "math", "iframe", "object", "embed")
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
        "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
        "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "h1", "h2", "h3", "h4",
        "h5", "h6", "hr", "address", "form", "fieldset", "details", "summary", "center",
    }
)  # fmt: skip


def _markup(text: str) -> str:
    """A page's text made ready for libxml2: the XML declaration, long data: URIs and
    characters XML cannot hold taken out."""
    return _NOT_XML.sub(" ", _LONG_DATA_URI.sub("data:,", _XML_DECLARATION.sub("", text, count=1)))


def _parse(text: str) -> Any:
    text = _markup(text)
    if not text.strip():
        raise ArticleImportError("The page is empty.")
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise ArticleImportError(f"The page cannot be read as HTML ({error}).") from None


def _check_size(tree: Any) -> None:
    """Refuse trees that would take trafilatura minutes, or that libxml2 cut short."""
    depth = deepest = count = 0
    for event, _element in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            count += 1
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    if deepest > MAX_DEPTH:
        raise ArticleImportError(
            f"The page nests its elements more than {MAX_DEPTH} levels deep: "
            "it is damaged or not a normal web page."
        )
    if count > MAX_ELEMENTS:
        raise ArticleImportError(
            f"The page has {count:,} elements (limit {MAX_ELEMENTS:,}): too large to be an "
            "article page. Copy the article text and paste it instead."
        )


def _text_of(element: Any) -> str:
    return " ".join(element.text_content().split())


def _refuse_own_report(tree: Any) -> None:
    """OwnReport for the desk's own HTML report or workspace summary: its generator
    `<meta>`, or (a summary exported before it had one) its closing footer."""
    for meta in tree.iter("meta"):
        if (meta.get("name") or "").strip().lower() == "generator" and is_generator(
            meta.get("content")
        ):
            raise OwnReport()
    for footer in tree.iter("footer"):
        if is_report_footer(_text_of(footer)):
            raise OwnReport()


def _drop_invisible(tree: Any) -> None:
    for element in list(tree.iter(*_INVISIBLE_TAGS, "script")):
        if element.tag == "script" and "ld+json" in (element.get("type") or "").lower():
            continue  # JSON-LD carries the metadata
        element.drop_tree()
    for comment in list(tree.iter(etree.Comment)):
        if comment.getparent() is not None:
            comment.drop_tree()  # keeps the text after it


def _is_boilerplate_box(element: Any) -> bool:
    words: set[str] = set()
    for attribute in ("class", "id"):
        words.update(_TOKEN_SPLIT.split((element.get(attribute) or "").lower()))
    return bool(words & _BOILERPLATE_TOKENS)


def _prune_boxes(tree: Any) -> None:
    """Remove small promotion/sharing/comment boxes; never a box holding most of the text."""
    body = tree.find("body")
    total = len(_text_of(body)) if body is not None else 0
    for element in list(tree.iter(etree.Element)):
        if element.tag in _NEVER_PRUNED or element.getparent() is None:
            continue
        if _is_boilerplate_box(element) and len(_text_of(element)) < 0.25 * total:
            element.drop_tree()


def _unlayout_tables(tree: Any) -> None:
    """Old sites lay pages out with tables; a table holding long running text is no data table."""
    for table in list(tree.iter("table")):
        cells = table.findall(".//td")
        if not cells or len(cells) > 12 or table.find(".//table") is not None:
            continue
        if max(len(_text_of(cell)) for cell in cells) < 400:
            continue
        for cell in cells:
            # A column that is mostly links is the site's menu.
            text = len(_text_of(cell))
            linked = sum(len(_text_of(link)) for link in cell.iter("a"))
            if text and linked > 0.5 * text:
                cell.drop_tree()
        for element in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
            element.tag = "div"
            element.attrib.clear()


def _paragraphs_from_breaks(tree: Any) -> None:
    """`text<br><br>text` in a block of inline content becomes one <p> per paragraph."""
    for parent in {br.getparent() for br in tree.iter("br")}:
        if parent is None or any(child.tag in _BLOCK_TAGS for child in parent):
            continue
        items: list[Any] = [parent.text] if parent.text else []
        for child in list(parent):
            parent.remove(child)  # its tail goes with it
            if child.tag == "br":
                tail, child.tail = child.tail, None
                items.append(_BREAK)
                if tail:
                    items.append(tail)
            else:
                items.append(child)
        parent.text = None
        runs: list[list[Any]] = [[]]
        breaks = 0
        for item in items:
            if item is _BREAK:
                breaks += 1
                continue
            if isinstance(item, str) and not item.strip() and breaks:
                continue
            if breaks >= 2 and runs[-1]:
                runs.append([])
            elif breaks == 1:
                runs[-1].append(etree.Element("br"))
            breaks = 0
            runs[-1].append(item)
        for run in runs:
            paragraph = etree.SubElement(parent, "p") if len(runs) > 1 else parent
            for item in run:
                if not isinstance(item, str):
                    paragraph.append(item)
                elif len(paragraph):
                    paragraph[-1].tail = (paragraph[-1].tail or "") + item
                else:
                    paragraph.text = (paragraph.text or "") + item


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            payload = json.loads(script.text or "")
        except (ValueError, RecursionError):  # RecursionError: nested too deeply
            continue
        stack = [payload]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                stack.extend(v for k, v in item.items() if k == "@graph")


@dataclass(frozen=True, slots=True)
class _PageSignals:
    """What the page says about itself, read before trafilatura touches the tree."""

    h1: str
    page_title: str
    headline: str  # JSON-LD headline
    publisher: str  # JSON-LD publisher.name
    emphasised: frozenset[str]  # normalised texts of bold/font/h2 elements
    bylines: tuple[str, ...]  # short texts that start "By ..." or sit in a byline/date box


def _read_signals(tree: Any) -> _PageSignals:
    h1 = next((t for t in (_text_of(h) for h in tree.iter("h1")) if t and len(t) <= 300), "")
    title_element = tree.find(".//title")
    headline = publisher = ""
    for obj in _json_ld_objects(tree):
        if not headline and isinstance(obj.get("headline"), str):
            headline = obj["headline"].strip()
        pub = obj.get("publisher")
        if not publisher and isinstance(pub, dict) and isinstance(pub.get("name"), str):
            publisher = pub["name"].strip()
    emphasised = frozenset(
        _norm(_text_of(element)) for element in tree.iter("b", "strong", "font", "h2")
    )
    bylines = []
    for element in tree.iter(etree.Element):
        text = _text_of(element)
        if not text or len(text.split()) > 20:
            continue
        words = set(_TOKEN_SPLIT.split((element.get("class") or "").lower()))
        if _BYLINE_PREFIX.match(text) or words & {"byline", "date", "dateline", "timestamp"}:
            bylines.append(text)
    return _PageSignals(
        bylines=tuple(bylines[:20]),
        h1=h1,
        page_title=_text_of(title_element) if title_element is not None else "",
        headline=headline,
        publisher=publisher,
        emphasised=emphasised,
    )


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _choose_title(page: _PageSignals, found: str) -> tuple[str, str]:
    """The headline as shown on the page, and what the <title> says besides it (the outlet)."""
    meta_title = page.headline or found
    title = meta_title
    if page.h1 and (not meta_title or _norm(page.h1) in _norm(meta_title)):
        # og:title and <title> add kickers ("Opinion:") and site names; <h1> is the headline.
        title = page.h1
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(page.page_title) if p.strip()]
    part_keys = {_norm(part) for part in parts}
    if len(parts) > 1 and not page.h1 and (not title or _norm(title) in part_keys):
        # No headline element: take the <title> part the page also shows in bold, or the
        # longest part (headlines are longer than site names).
        shown = [part for part in parts if _norm(part) in page.emphasised]
        title = shown[0] if shown else max(parts, key=len)
    rest = [part for part in parts if _norm(part) not in _norm(title)]
    outlet = rest[0] if len(parts) > 1 and len(rest) == 1 else ""
    return title, outlet


def _choose_outlet(page: _PageSignals, found: str, from_title: str) -> str:
    if page.publisher:
        return page.publisher
    if found and " " not in found and "." in found:
        found = ""  # trafilatura falls back on the host name; the page title says more
    return found or from_title


def _choose_author(found: str | None) -> str:
    if not found:
        return ""
    names = [clean_line(re.sub(r"^\s*by\s+", "", name, flags=re.I)) for name in found.split(";")]
    names = [name for name in names if name and not name.startswith(("http://", "https://"))]
    return ", ".join(dict.fromkeys(names))


# -- the body -----------------------------------------------------------------------------


def _render_block(element: Any) -> list[tuple[str, str]]:
    """trafilatura's output element as (kind, text) blocks; lists and tables stay one block."""
    tag = element.tag
    if tag == "list":
        items = [_inline_text(item) for item in element.iter("item")]
        return [("list", "\n".join(item for item in items if item))]
    if tag == "table":
        rows = []
        for row in element.iter("row"):
            cells = [" ".join(_inline_text(cell).split()) for cell in row.iter("cell")]
            if any(cells):
                rows.append(" | ".join(cells))
        return [("table", "\n".join(rows))]
    if tag == "quote" and len(element) and all(child.tag == "p" for child in element):
        return [("quote", _inline_text(child)) for child in element]
    return [(tag, _inline_text(element))]


def _inline_text(element: Any) -> str:
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


def _tidy_blocks(
    blocks: list[tuple[str, str]], title: str, author: str
) -> tuple[list[tuple[str, str]], list[str]]:
    """Drop what trafilatura keeps but is not article text (see the module docstring).

    Returns the kept blocks and the byline and date lines that were dropped.
    """
    blocks = [(kind, text.strip()) for kind, text in blocks if text.strip()]
    # The headline, and a kicker or section label above it.
    if title:
        for index, (_kind, text) in enumerate(blocks[:4]):
            if _norm(text) == _norm(title):
                if all(len(t.split()) <= 12 for _, t in blocks[:index]):
                    blocks = blocks[index + 1 :]
                break
    authors = [_norm(name) for name in author.split(",") if name.strip()]

    def is_byline(line: str) -> bool:
        if len(line.split()) > 15:
            return False
        if _BYLINE_PREFIX.match(line) and (not authors or authors[0] in _norm(line)):
            return True
        return bool(authors) and _norm(line) in authors

    def is_date_line(line: str) -> bool:
        return len(line.split()) <= 10 and bool(_DATE_LINE.match(line))

    # A standfirst between the headline and the byline belongs to the page header.
    for index, (_kind, text) in enumerate(blocks[:3]):
        line = " ".join(text.split())
        if is_byline(line) or is_date_line(line):
            if all(len(t.split()) <= 40 for _, t in blocks[:index]):
                blocks = blocks[index:]
            break
    kept: list[tuple[str, str]] = []
    dropped: list[str] = []
    for kind, text in blocks:
        line = " ".join(text.split())
        if line.casefold().strip(" .:·") in _AD_LABELS:
            continue
        if kind in ("head", "p") and _COMMENTS_HEADING.match(line):
            break  # comments follow
        if is_byline(line) or is_date_line(line):
            dropped.append(line)
            continue
        kept.append((kind, text))
    return kept, dropped


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "januar", "janvier"),
            ("february", "feb", "februar", "février"),
            ("march", "mar", "märz", "mars"),
            ("april", "apr", "avril"),
            ("may", "mai"),
            ("june", "jun", "juni", "juin"),
            ("july", "jul", "juli", "juillet"),
            ("august", "aug", "août"),
            ("september", "sep", "sept", "septembre"),
            ("october", "oct", "oktober", "octobre"),
            ("november", "nov", "novembre"),
            ("december", "dec", "dezember", "décembre"),
        ],
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def _date_in_lines(lines: list[str]) -> dt.date | None:
    """A full date written in a byline or date line ("Friday, 8 September 2006")."""
    for line in lines:
        for pattern, order in ((_DAY_MONTH_YEAR, (1, 2, 3)), (_MONTH_DAY_YEAR, (2, 1, 3))):
            for match in pattern.finditer(line):
                day, month, year = (match.group(i) for i in order)
                number = _MONTHS.get(month.casefold())
                if number is None:
                    continue
                try:
                    return dt.date(int(year), number, int(day))
                except ValueError:
                    continue
    return None


def extract_html(data: bytes) -> ExtractedArticle:
    """The article body and metadata of a saved web page (.html/.htm)."""
    size = len(data)
    if size > MAX_HTML_BYTES:
        # A photo-heavy article saved as one file holds its photos as data: URIs, cut
        # before parsing anyway: five of 6 MB were refused as "a web page over 20 MB". Cut
        # here, they do not count (their letters are ASCII in any encoding a page
        # declares, so the page's decoding is as before).
        data = _LONG_DATA_URI_BYTES.sub(b"data:,", data)
    if len(data) > MAX_HTML_BYTES:
        raise ArticleImportError(
            f"The page is {size / 1e6:.0f} MB; a web page over "
            f"{MAX_HTML_BYTES // (1024 * 1024)} MB is not an article page."
        )
    text = decode_html(data)
    saved_from = _SAVED_FROM.search(text[:2048])
    tree = _parse(text)
    _drop_invisible(tree)
    # Before the limits: the report of a long article is the desk's all the same.
    _refuse_own_report(tree)
    _check_size(tree)
    _unlayout_tables(tree)
    _paragraphs_from_breaks(tree)
    _prune_boxes(tree)
    page = _read_signals(tree)

    import trafilatura  # slow to import; only needed when a page is imported

    try:
        document = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_tables=True,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (RecursionError, MemoryError, ValueError, TypeError, etree.LxmlError) as error:
        raise ArticleImportError(
            f"The page could not be taken apart ({type(error).__name__})."
        ) from None
    if document is None or isinstance(document, dict) or document.body is None:
        raise ArticleImportError(
            "No article text found in the page (it may be a front page, an index or an "
            "empty template). Copy the article text and paste it instead."
        )
    title, outlet_from_title = _choose_title(page, document.title or "")
    author = _choose_author(document.author)
    blocks = [block for child in document.body for block in _render_block(child)]
    kept, header_lines = _tidy_blocks(blocks, title, author)
    body = join_paragraphs([text for _, text in kept])
    if len(body.split()) < MIN_WORDS:
        # What trafilatura falls back on for pages without an article is menu text.
        raise ArticleImportError(
            "No article text found in the page (it may be a front page, an index or an "
            "empty template). Copy the article text and paste it instead."
        )
    url = document.url or (saved_from.group(1) if saved_from else "")
    metadata = ArticleMetadata(
        title=clean_line(title),
        outlet=clean_line(_choose_outlet(page, document.sitename or "", outlet_from_title)),
        author=author,
        url=url if url.startswith(("http://", "https://")) else "",
        published=parse_iso_date(document.date)
        or _date_in_lines(header_lines + list(page.bylines)),
    )
    return ExtractedArticle(text=body, metadata=metadata)


# -- clipboard fragments ------------------------------------------------------------------

_TRAILING_CELL = re.compile(r"(?<![ \t])[ \t]*\|[ \t]*$", re.M)
_CF_HTML_HEADER = re.compile(r"\AVersion:\d[\s\S]*?(?=<)", re.I)


def extract_html_fragment(html: str) -> str:
    """Plain text of HTML the user copied: every block is a paragraph, scripts are dropped.

    Accepts what QMimeData.html() returns on every platform, including the Windows
    clipboard's `Version:0.9 StartHTML:...` header. Returns "" when there is no text.
    """
    html = _CF_HTML_HEADER.sub("", html, count=1)
    start, end = html.find("<!--StartFragment-->"), html.find("<!--EndFragment-->")
    if 0 <= start < end:
        html = html[start + len("<!--StartFragment-->") : end]
    if len(html.encode("utf-8", "replace")) > MAX_HTML_BYTES:
        raise ArticleImportError("The copied HTML is too large to paste as an article.")
    html = _markup(html)
    if not html.strip():
        return ""
    try:
        tree = lxml.html.document_fromstring(f"<html><body>{html}</body></html>")
    except (etree.ParserError, ValueError):
        return ""
    _drop_invisible(tree)
    for element in list(tree.iter("script", "head", "title", "meta", "link")):
        element.drop_tree()
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if "".join(current).strip():
            paragraphs.append("".join(current))
        current.clear()

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        block = tag in _BLOCK_TAGS and tag not in ("td", "th")
        if block:
            flush()
        if tag == "br":
            current.append("\n")
        elif node.text and tag not in ("script", "style"):
            current.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if tag in ("td", "th"):
            current.append(" | ")
        if block:
            flush()

    body = tree.find("body")
    walk(body if body is not None else tree)
    flush()
    return join_paragraphs([_TRAILING_CELL.sub("", p) for p in paragraphs])
