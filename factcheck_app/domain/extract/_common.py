"""What every extractor returns, and the text clean-up they share."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from factcheck_app.domain.models import ArticleMetadata

# Ligature glyphs that PDF fonts (and some copy-pastes) leave in the text.
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_INLINE_SPACE = re.compile(r"[^\S\n]+")
# The same, but keeping tabs (Word: tab stops and table cells).
_INLINE_SPACE_NOT_TAB = re.compile(r"[^\S\n\t]+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Zero-width and soft-hyphen characters: invisible, and they break words for search.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    """Plain article text (paragraphs separated by one blank line) and what the file said."""

    text: str
    metadata: ArticleMetadata


def clean_line(text: str, *, keep_tabs: bool = False) -> str:
    """One line of running text: ligatures undone, invisible characters and runs of spaces gone."""
    text = unicodedata.normalize("NFC", text.translate(_LIGATURES).translate(_INVISIBLE))
    space = _INLINE_SPACE_NOT_TAB if keep_tabs else _INLINE_SPACE
    return space.sub(" ", text).strip()


def join_paragraphs(paragraphs: list[str], *, keep_tabs: bool = False) -> str:
    """Paragraphs (each may hold single line breaks) as text with a blank line between them."""
    cleaned = []
    for paragraph in paragraphs:
        lines = [clean_line(line, keep_tabs=keep_tabs) for line in paragraph.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            cleaned.append(block)
    return "\n\n".join(cleaned)


def parse_iso_date(value: str | None) -> dt.date | None:
    """The calendar date at the start of an ISO-like stamp, as written (no time-zone shift)."""
    if not value:
        return None
    match = _ISO_DATE.search(value)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
