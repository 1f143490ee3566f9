"""The text of a PDF with a text layer, as paragraphs in reading order.

pypdf's layout mode keeps what paragraphs need: a blank line where the page has a vertical
gap and leading spaces where a first line is indented. From there:

* Running headers and footers go: a line among the top or bottom two lines of a page that
  repeats (digits ignored) on at least half of the pages, and page numbers there
  ("7", "- 7 -", "Page 7 of 12", "vii").
* Hard-wrapped lines join into paragraphs; a paragraph ends at a gap, before an indented
  line, and at a page end when the last line is short and ends a sentence.
* A hyphen at a line end: kept when the document itself writes that word with a hyphen
  elsewhere, dropped when it writes the word without one, otherwise kept when the next
  piece starts with a capital or a digit ("Nagorno-Karabakh", "COVID-19") and dropped
  when it starts in lower case ("inter-national" -> "international").

Multi-column pages come out line by line across the columns; that is a known limit.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.extract._common import ExtractedArticle, clean_line, join_paragraphs
from factcheck_app.domain.extract.encodings import what_binary_file_is
from factcheck_app.domain.models import ArticleMetadata
from factcheck_app.domain.own_reports import OwnReport, is_generator

MAX_PAGES = 500
# pypdf reads ~0.1–0.2 s per dense page here: a budget per page lets a 300-page report
# through (the import runs in the background and can be cancelled) yet stops a PDF whose
# pages never end.
TIME_BUDGET_SECONDS = 20.0
TIME_PER_PAGE_SECONDS = 1.0

_PAGE_NUMBER = re.compile(
    r"^[\s\-–—(\[]*((page|seite|p\.|pág\.?|стр\.?|страница)\s*)?\d{1,4}"
    r"(\s*(of|/|von|из|de|sur)\s*\d{1,4})?[\s\-–—)\]]*$|^[ivxlc]{1,7}$",
    re.I,
)
# \b: a match can only start where a word starts (without it, a long word without a
# hyphen was tried from each of its letters: quadratic).
_HYPHENATED = re.compile(r"\b\w+(?:-\w+)+")
_WORDS = re.compile(r"\w+")
_LONGEST_WORD = 100
_SENTENCE_END = re.compile(r"[.!?:;][\"”’»)\]]*$")
Progress = Callable[[float, str], None]
_FILE_NAME_TITLE = re.compile(r"\.(docx?|pdf|odt|rtf|txt|indd|qxp)$|^untitled$", re.I)


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def _strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Blank out running headers, footers and page numbers (keeping line positions)."""
    zones: list[list[int]] = []
    for lines in pages:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        zones.append(filled[:2] + filled[-2:])
    seen = Counter(
        key
        for lines, zone in zip(pages, zones, strict=True)
        for key in {_key(lines[i]) for i in zone}
    )
    needed = max(2, math.ceil(len(pages) / 2))
    cleaned = []
    for lines, zone in zip(pages, zones, strict=True):
        lines = list(lines)
        for i in set(zone):
            line = lines[i].strip()
            if _PAGE_NUMBER.match(line) or (len(pages) >= 2 and seen[_key(line)] >= needed):
                lines[i] = ""
        cleaned.append(lines)
    return cleaned


def _paragraph_lines(pages: list[list[str]]) -> list[list[str]]:
    """Group lines into paragraphs by gaps, first-line indents and page ends."""
    indents = Counter(
        len(line) - len(line.lstrip(" ")) for lines in pages for line in lines if line.strip()
    )
    if not indents:
        return []
    base = indents.most_common(1)[0][0]
    lengths = [len(line.strip()) for lines in pages for line in lines if line.strip()]
    typical = statistics.median(lengths)
    paragraphs: list[list[str]] = [[]]
    for lines in pages:
        if paragraphs[-1]:
            last = paragraphs[-1][-1]
            if len(last) < 0.8 * typical and _SENTENCE_END.search(last):
                paragraphs.append([])
        filled = [i for i, line in enumerate(lines) if line.strip()]
        if not filled:
            continue
        # Space above the first and below the last line is margin, not a paragraph gap.
        for line in lines[filled[0] : filled[-1] + 1]:
            if not line.strip():
                if paragraphs[-1]:
                    paragraphs.append([])
                continue
            indent = len(line) - len(line.lstrip(" "))
            if indent >= base + 2 and paragraphs[-1]:
                paragraphs.append([])
            paragraphs[-1].append(line.strip())
    return [p for p in paragraphs if p]


def _vocabulary(paragraphs: list[list[str]]) -> tuple[set[str], set[str]]:
    """Words the document writes whole, and hyphenated words it writes mid-line."""
    plain: set[str] = set()
    hyphenated: set[str] = set()
    for lines in paragraphs:
        for line in lines:
            body = line[:-1] if line.endswith("-") else line
            plain.update(word.casefold() for word in _WORDS.findall(body))
            hyphenated.update(word.casefold() for word in _HYPHENATED.findall(body))
    return plain, hyphenated


def _word_before_hyphen(tail: str) -> str | None:
    """The word a line-end hyphen breaks (from its first letter), or None.

    Scans back from the end instead of searching the text with a regex: joining n lines
    stays linear however long the paragraph (a regex search per line was quadratic).
    """
    if not tail.endswith("-"):
        return None
    start = end = len(tail) - 1
    while start > 0 and (tail[start - 1].isalnum() or tail[start - 1] == "_"):  # \w
        start -= 1
    for index in range(start, end):
        if tail[index].isalnum() and not tail[index].isdecimal():  # [^\W\d_]
            return tail[index:end]
    return None


def _join(lines: list[str], plain: set[str], hyphenated: set[str]) -> str:
    pieces = [lines[0]]
    # Only the end of the text so far is looked at: no word is longer than this.
    tail = lines[0][-_LONGEST_WORD:]
    for line in lines[1:]:
        left = _word_before_hyphen(tail)
        joiner = " "
        if left is not None and line[:1].isdigit():
            joiner = ""  # COVID-19
        elif left is not None and line[:1].isalpha():
            right = _WORDS.match(line)
            right_word = right.group(0) if right else line
            if f"{left}-{right_word}".casefold() in hyphenated:
                keep = True
            elif f"{left}{right_word}".casefold() in plain:
                keep = False
            else:
                keep = right_word[:1].isupper()
            joiner = ""
            if not keep:
                pieces[-1] = pieces[-1][:-1]  # the last piece ends with the hyphen
                tail = tail[:-1]
        pieces.append(joiner + line)
        tail = (tail + joiner + line)[-_LONGEST_WORD:]
    return "".join(pieces)


def _clean_title(title: str) -> str:
    title = clean_line(re.sub(r"^Microsoft (Word|PowerPoint) - ", "", title))
    return "" if _FILE_NAME_TITLE.search(title) else title


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs each repair of a damaged file as a warning; the user gets one message."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _read_pages(data: bytes, progress: Progress) -> tuple[list[str], str, str]:
    """Layout text of every page, and the document's title and author."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = bool(reader.decrypt(""))  # many PDFs only restrict printing or copying
        except (DependencyError, NotImplementedError):  # AES without a crypto library
            opened = False
        if not opened:
            raise ArticleImportError(
                "The PDF is password-protected. Save an unprotected copy and import that."
            )
    info = reader.metadata
    if info is not None and is_generator(info.creator):  # before a page is read
        raise OwnReport()
    count = len(reader.pages)
    if count > MAX_PAGES:
        raise ArticleImportError(
            f"The PDF has {count:,} pages (limit {MAX_PAGES}). Save the pages you need as a "
            "PDF of their own (print them to a PDF, choosing the pages) and import that."
        )
    started = time.monotonic()
    budget = TIME_BUDGET_SECONDS + TIME_PER_PAGE_SECONDS * count
    texts = []
    for number, page in enumerate(reader.pages, start=1):
        progress((number - 1) / count, f"page {number} of {count}")
        try:
            text = page.extract_text(extraction_mode="layout")
        except FileNotDecryptedError:
            raise
        except Exception:  # layout mode trips on some fonts; plain mode still reads them
            text = ""
        # Layout mode also leaves out text drawn sideways (a page of it is no scan).
        texts.append(text if text.strip() else page.extract_text())
        if time.monotonic() - started > budget:
            raise ArticleImportError(f"Reading the PDF took more than {budget:.0f} s; stopped.")
    title = str(info.title or "") if info else ""
    author = str(info.author or "") if info else ""
    return texts, title, author


def _no_progress(fraction: float, stage: str) -> None:
    """Progress sink when nobody watches."""


def extract_pdf(data: bytes, progress: Progress | None = None) -> ExtractedArticle:
    """Paragraphs of a text PDF without page furniture, and its title and author.

    `progress(fraction, "page 3 of 12")` is called before each page is read.
    """
    if not data.strip():
        raise ArticleImportError("The file is empty.")
    if b"%PDF-" not in data[:1024]:
        # A Word file or a picture saved under .pdf is named as what it is.
        raise ArticleImportError(
            what_binary_file_is(data) or "The file is not a PDF (it has no PDF header)."
        )
    try:
        with _quiet_pypdf():
            texts, title, author = _read_pages(data, progress or _no_progress)
    except ArticleImportError:
        raise
    except Exception as error:  # pypdf on damaged input raises anything from KeyError up
        raise ArticleImportError(
            f"The PDF is damaged and cannot be read ({type(error).__name__})."
        ) from None
    pages = [text.replace("\t", " ").split("\n") for text in texts]
    pages = _strip_furniture([[line.rstrip() for line in lines] for lines in pages])
    paragraphs = _paragraph_lines(pages)
    if not paragraphs:
        raise ArticleImportError(
            "The PDF has no text layer (it is probably a scan). Run it through OCR, or "
            "copy the text from another source, and import that."
        )
    plain, hyphenated = _vocabulary(paragraphs)
    text = join_paragraphs([_join(lines, plain, hyphenated) for lines in paragraphs])
    metadata = ArticleMetadata(title=_clean_title(title), author=clean_line(author))
    return ExtractedArticle(text=text, metadata=metadata)
