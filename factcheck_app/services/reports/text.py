"""Small text helpers and the report palette shared by every format."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from urllib.parse import urlsplit

from factcheck_app.domain.models import Stance, Status, Tag
from factcheck_app.services.reports.model import ArticleReport, ReportSentence

# Verdict colours: a red→green ramp readable on white and in greyscale print;
# the label is always printed too, so colour is never the only signal.
VERDICT_COLORS = {
    "true": "#1f7a3d",
    "mostly_true": "#5c8a1f",
    "mixed": "#a86a00",
    "mostly_false": "#c4501b",
    "false": "#b3261e",
    "unverifiable": "#5f6673",
    "": "#9aa1ab",
}
# Light tints of the same colours for marking sentences in running text.
VERDICT_TINTS = {
    "true": "#e3f1e7",
    "mostly_true": "#edf3df",
    "mixed": "#fbf0d9",
    "mostly_false": "#fbe6dc",
    "false": "#f8e0de",
    "unverifiable": "#eceef1",
    "": "#f1f2f4",
}
TAG_COLORS = {Tag.CLAIM: "#1d4e89", Tag.DENIAL: "#7a3e9d", Tag.FACT: "#0f6e6e"}
STANCE_COLORS = {Stance.SUPPORTS: "#1f7a3d", Stance.REFUTES: "#b3261e", Stance.CONTEXT: "#5f6673"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n\s*\n")


def verdict_color(key: str | None) -> str:
    return VERDICT_COLORS.get(key or "", VERDICT_COLORS["unverifiable"])


def verdict_tint(key: str | None) -> str:
    return VERDICT_TINTS.get(key or "", VERDICT_TINTS["unverifiable"])


def clean(text: str) -> str:
    """Drop control characters XML and most viewers cannot hold (tabs and newlines stay)."""
    return _CONTROL.sub("", text)


def squash(text: str) -> str:
    """One line: runs of white space become one space."""
    return _SPACES.sub(" ", clean(text)).strip()


def paragraphs(text: str) -> list[str]:
    """Paragraphs of typed text (split at blank lines), each with its line breaks kept."""
    return [p.strip() for p in _BLANK_LINES.split(clean(text).replace("\r", "")) if p.strip()]


def long_date(value: dt.date | None) -> str:
    """`4 October 2020`: unambiguous for readers on both sides of the Atlantic."""
    return f"{value.day} {value:%B %Y}" if value else ""


def safe_url(url: str) -> str | None:
    """The URL when it is http(s) with a host (anything else is shown, never linked)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.hostname and not _SPACES.search(url):
        return url
    return None


def slugify(text: str, limit: int = 60) -> str:
    """A file-name and URL friendly form of a title."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:limit]  # whole words only
    return slug or "article"


def entry_label(sentence: ReportSentence) -> str:
    """`Claim · False`, the short verdict line used in every format."""
    parts = [sentence.tag.label if sentence.tag else "Untagged"]
    parts.append(sentence.verdict or "No verdict yet")
    return " · ".join(parts)


def status_note(sentence: ReportSentence) -> str:
    """Words for a review that is not finished (empty when done)."""
    status = sentence.review.status
    return "" if status is Status.DONE else status.label


def article_blocks(report: ArticleReport) -> list[list[str | ReportSentence]]:
    """The article as paragraphs of pieces: sentences and the text between them.

    Text outside any sentence is kept (as its own paragraph) so a report never
    silently drops words the segmenter skipped.
    """
    text = report.article.text
    blocks: list[list[str | ReportSentence]] = []
    current: list[str | ReportSentence] | None = None
    paragraph = -1
    pos = 0
    for sentence in report.sentences:
        gap = text[pos : sentence.start]
        if current is None or sentence.paragraph != paragraph:
            if gap.strip():
                blocks.append([gap.strip()])
            current = []
            blocks.append(current)
            paragraph = sentence.paragraph
        elif gap:
            current.append(gap)
        current.append(sentence)
        pos = max(pos, sentence.end)
    tail = text[pos:]
    if tail.strip():
        blocks.append([tail.strip()])
    return blocks
