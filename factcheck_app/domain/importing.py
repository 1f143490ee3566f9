"""Turning a file's bytes into clean article text plus metadata, without touching offsets later."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.models import ArticleMetadata

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
# Saved web pages, Word and PDF go through factcheck_app.domain.extract.
EXTRACTED_SUFFIXES = (".html", ".htm", ".docx", ".pdf")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + EXTRACTED_SUFFIXES

Progress = Callable[[float, str], None]

# `date 2020-10-04` (as in the seed files), optionally preceded by white space.
_DATE_HEADER = re.compile(
    r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*\r?\n)", re.IGNORECASE
)
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """The result of reading an article file: the text to store and what we learned about it."""

    text: str
    metadata: ArticleMetadata
    content_hash: str


def decode_article_bytes(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; refuse anything else in words."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
        if b"\x00" in data[:8192]:  # text without a UTF-16 BOM never holds NUL bytes
            raise ArticleImportError(
                "The file contains NUL bytes: it looks like a binary file, not article text."
            )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ArticleImportError(
            f"The file is not valid {encoding.upper().replace('-SIG', '')} text "
            f"(undecodable byte at position {error.start}). Save it as UTF-8 and try again."
        ) from None
    if "\x00" in text:
        raise ArticleImportError(
            "The file contains NUL bytes: it looks like a binary file, not article text."
        )
    return text


def normalize_text(text: str) -> str:
    """Unify line ends and trim the outside; the stored text is what offsets point into."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def content_hash(text: str) -> str:
    """Identity of an article's text, so the same file is not imported twice."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def split_date_header(text: str) -> tuple[dt.date | None, str]:
    """Pull a leading `date YYYY-MM-DD` stamp off the text; invalid dates stay in the text."""
    match = _DATE_HEADER.match(text)
    if not match:
        return None, text
    try:
        date = dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None, text
    return date, text[match.end() :]


def strip_markdown(text: str) -> tuple[str, str]:
    """Plain text from light Markdown, and the first heading (a title candidate)."""
    first_heading = ""
    heading = _MD_HEADING.search(text)
    if heading:
        first_heading = heading.group(1).strip()
    text = _MD_HEADING.sub(lambda m: m.group(1) + "\n", text)
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(2), text)
    return text, first_heading


def parse_article(
    data: bytes, *, suffix: str = ".txt", progress: Progress | None = None
) -> ParsedArticle:
    """Decode, clean and take metadata from one article file's bytes.

    `progress(fraction, stage)` hears how far a long extraction (a PDF's pages) got.
    """
    if suffix.lower() in EXTRACTED_SUFFIXES:
        return _parse_extracted(data, suffix.lower(), progress)
    text = normalize_text(decode_article_bytes(data))
    date, text = split_date_header(text)
    title = ""
    if suffix.lower() in (".md", ".markdown"):
        text, title = strip_markdown(text)
    text = normalize_text(text)
    if not text:
        raise ArticleImportError("The file has no article text to review.")
    metadata = ArticleMetadata(title=title, published=date)
    return ParsedArticle(text=text, metadata=metadata, content_hash=content_hash(text))


def _parse_extracted(data: bytes, suffix: str, progress: Progress | None) -> ParsedArticle:
    # Imported here: trafilatura, pypdf and lxml are only loaded when needed.
    from factcheck_app.domain.extract import extract_file

    extracted = extract_file(data, suffix, progress)
    text = normalize_text(extracted.text)
    if not text:
        raise ArticleImportError("The file has no article text to review.")
    return ParsedArticle(text=text, metadata=extracted.metadata, content_hash=content_hash(text))


def default_title(first_sentence: str, limit: int = 120) -> str:
    """A title from the first sentence, shortened on a word boundary."""
    sentence = " ".join(first_sentence.split())
    if len(sentence) <= limit:
        return sentence
    cut = sentence.rfind(" ", 0, limit - 1)
    return sentence[: cut if cut > 40 else limit - 1].rstrip(",;:") + "…"
