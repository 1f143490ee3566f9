"""Small text helpers and the report palette shared by every format."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from factcheck_app.domain.models import SignOff, SignOffDecision, Stance, Status, Tag
from factcheck_app.domain.printable import shown_name
from factcheck_app.domain.review_rules import is_stance_note
from factcheck_app.domain.times import in_local_zone, stored_time
from factcheck_app.domain.urls import MAX_URL_CHARS, safe_link
from factcheck_app.domain.wording import counted, figure
from factcheck_app.services.reports.model import UNNAMED_EDITOR, ArticleReport, ReportSentence

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

# C0 and C1 controls (tab and line ends stay): XML cannot hold most, and in a file someone
# may `cat`, ESC and CSI would drive the terminal.
# (and the explicit bidi embeddings, overrides and isolates: one left open, U+202E, shows
# the reader the rest of its paragraph reversed, not what the desk showed the reviewer)
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
_C1 = re.compile(r"[\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n\s*\n")


def verdict_color(key: str | None) -> str:
    return VERDICT_COLORS.get(key or "", VERDICT_COLORS["unverifiable"])


def verdict_tint(key: str | None) -> str:
    return VERDICT_TINTS.get(key or "", VERDICT_TINTS["unverifiable"])


def clean(text: str) -> str:
    """Drop control characters XML and most viewers cannot hold (tabs and newlines stay),
    and bidi controls."""
    return _CONTROL.sub("", text)


def squash(text: str) -> str:
    """One line: runs of white space become one space."""
    return _SPACES.sub(" ", clean(text)).strip()


def paragraphs(text: str) -> list[str]:
    """Paragraphs of typed text (split at blank lines), each with its line breaks kept."""
    return [p.strip() for p in _BLANK_LINES.split(clean(text).replace("\r", "")) if p.strip()]


def excerpt_paragraphs(excerpt: str) -> list[tuple[str, bool]]:
    """An excerpt's paragraphs, each with whether it is the source's words (quoted) or the
    desk's note after one joined by a merge ("[From the merged sentence: stance Refutes]",
    `is_stance_note`): every report printed that inside the quotation, as if the source
    had said it; a newsroom puts its own note after the quote."""
    return [(part, not is_stance_note(part)) for part in paragraphs(excerpt)]


_RIGHT_TO_LEFT = frozenset({"R", "AL"})


# Flags are pairs of regional indicator letters (🇦🇿 is A Z); skin tones modify the emoji
# before them and say nothing once it is named.
_FLAG = re.compile("[\U0001f1e6-\U0001f1ff]{2}")
_SKIN_TONES = range(0x1F3FB, 0x1F400)


def _stand_in(character: str) -> str:
    if ord(character) in _SKIN_TONES:
        return ""
    name = unicodedata.name(character, "")
    return f"[{name.lower()}]" if name else f"[U+{ord(character):04X}]"


def named_characters(text: str, missing: set[str] | frozenset[str]) -> str:
    """`text` with each character of `missing` written as its Unicode name in brackets:
    "🚀" → "[rocket]", "🇦🇿" → "[flag AZ]". For a report whose fonts cannot draw them,
    which would otherwise show an empty box (the PDF: Qt draws glyph 0)."""
    found = missing.intersection(text)
    if not found:
        return text

    def flag(match: re.Match[str]) -> str:
        pair = match.group()
        if not found.intersection(pair):
            return pair
        return "[flag " + "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in pair) + "]"

    text = _FLAG.sub(flag, text)
    pattern = "[" + "".join(re.escape(c) for c in sorted(found)) + "]"
    return re.sub(pattern, lambda match: _stand_in(match.group()), text)


def right_to_left(text: str) -> bool:
    """Whether `text` reads right to left: its first letter of a strong direction is
    Arabic or Hebrew (Unicode's paragraph rule P2, what browsers do for dir="auto")."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in _RIGHT_TO_LEFT:
            return True
        if kind == "L":
            return False
    return False


def long_date(value: dt.date | None) -> str:
    """`4 October 2020`: unambiguous for readers on both sides of the Atlantic."""
    return f"{value.day} {value:%B %Y}" if value else ""


def local_day(when: dt.datetime) -> dt.date:
    """The day `when` falls on where the desk is (its time zone): in Auckland the morning
    of the 5th is still the 4th in UTC. A moment that zone cannot show keeps its own day."""
    return (in_local_zone(when) or when).date()


def report_date(generated_at: dt.datetime) -> str:
    """ "5 December 2026": the day a report was made, where it was made (its footer gives
    the time exactly, in UTC)."""
    return long_date(local_day(generated_at))


def sign_off_day(sign_off: SignOff) -> str:
    """ "2026-12-03": the day of a sign-off where the desk is (as the review panel shows
    it); the stored text's first ten characters when it is not a time."""
    when = stored_time(sign_off.at)
    return local_day(when).isoformat() if when else sign_off.at[:10]


ORIGINAL_ARTICLE = "Original article: "


def shown_address(url: str) -> str:
    """An address as a report prints it: in the desk's one form when it passes the URL
    rule (what its link opens), else as stored, to be shown as text and never linked."""
    return safe_url(url) or url


def safe_url(url: str) -> str | None:
    """The URL in the desk's one form (`domain.urls.normalize_url`: http(s) only, parsed,
    re-serialised and percent-encoded), or None: then it is shown as text, never linked."""
    return safe_link(url)


# JSON that can sit inside an HTML <script> element: `</script>` or `<!--` in a string
# must not end or change the element, so `<`, `>` and `&` are written as escapes (as
# JSON allows), and so are U+2028/2029, which end a line in older JavaScript.
_SCRIPT_UNSAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def script_safe_json(data: Any) -> str:
    """`data` as indented JSON text that holds no `<`, `>` or `&` (nor U+2028/2029).

    Outside strings JSON never uses these characters, so replacing them everywhere only
    ever rewrites string contents (str.replace: ten times faster than str.translate).
    """
    # The same text as json.dumps, made safe a stretch at a time as it is made. Indented,
    # json.dumps joins a list of every piece (some 25 for each sentence of an article),
    # and each replacement then copied the whole text: at its peak 6.6 times the
    # text's size, so the JSON export of a 400,000-sentence article took 1.9 GB.
    pieces = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data)
    stretches = []
    while batch := list(itertools.islice(pieces, _PIECES_AT_A_TIME)):
        stretches.append(_script_safe("".join(batch)))
    return "".join(stretches)


_PIECES_AT_A_TIME = 20_000  # of json's pieces: some 800 sentences, a few hundred KB


def _script_safe(text: str) -> str:
    """`text` with `<`, `>`, `&`, U+2028/2029 and C1 controls written as escapes; each
    is one character, so a text cut anywhere is escaped the same, a piece at a time."""
    for character, escape in _SCRIPT_UNSAFE:
        text = text.replace(character, escape)
    # C1 controls too (json.dumps escapes only C0): the export may be printed on a terminal.
    return _C1.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


# Reports people read (HTML, PDF, Word, Markdown) show at most this much of one field: a
# typed or imported text of 100 MB would take minutes and gigabytes to lay out, and no
# reader pages through it. The data exports (JSON, CSV, ClaimReview) keep every character.
FIELD_CHARS = 100_000
LINE_CHARS = 2_000  # one-line fields: title, outlet, claimant, publisher…
# `{more}` is already counted ("1 more character"); `{total}` is the whole text's length.
CUT_NOTE = " […{more} not shown here; the JSON export holds the whole text]"


def bounded(text: str, limit: int = FIELD_CHARS, note: str = CUT_NOTE) -> str:
    """`text`, or its first `limit` characters (ending at a word) and a note saying so."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ", limit - 200)
    if space > 0:
        cut = cut[:space]
    more = counted(len(text) - len(cut), "more character")
    return cut + note.format(more=more, total=len(text))


def slugify(text: str, limit: int = 60, *, empty: str = "article") -> str:
    """A file-name friendly form of a title: ASCII only (see `url_slug` for addresses);
    `empty` when nothing is left (a title in another script, only dots)."""
    # Only the start can reach the slug: a title of megabytes costs no more than a short one.
    start = unicodedata.normalize("NFKD", text[: 40 * limit])
    ascii_text = start.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return _cut_slug(slug, limit) if slug else empty


def _cut_slug(slug: str, limit: int) -> str:
    if len(slug) > limit:
        cut = slug[: limit + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:limit]  # whole words only
    return slug or "article"


def url_slug(text: str, limit: int = 60) -> str:
    """The {slug} of a fact-check address: what folds to ASCII is folded as `slugify` does
    (Élection → election), and the letters of other scripts are kept (Путин → путин; the
    URL rule percent-encodes them). Folding alone made every title in Russian, Arabic or
    Armenian "article", so their checks shared one address."""
    pieces = []
    for character in unicodedata.normalize("NFC", text[: 40 * limit]):
        folded = unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode()
        if folded:
            pieces.append(folded.lower())
        elif character.isalnum() and not unicodedata.name(character, "").startswith("LATIN"):
            pieces.append(character.lower())
        # else dropped, as slugify drops it (an accent on its own, ß, an em dash)
    slug = re.sub(r"[\W_]+", "-", "".join(pieces)).strip("-")
    return _cut_slug(slug, limit)


# A status after a count, right for one and for many: "1 in conflict", "2 needing a
# second look" (the labels read "2 conflict", "2 needs second look").
STATUS_WORDS = {
    Status.UNREVIEWED: "unreviewed",
    Status.IN_PROGRESS: "in progress",
    Status.DONE: "done",
    Status.SECOND_LOOK: "needing a second look",
    Status.CONFLICT: "in conflict",
}

# The order a report's summary names the reviews not finished in.
OPEN_STATUSES = (Status.CONFLICT, Status.IN_PROGRESS, Status.SECOND_LOOK, Status.UNREVIEWED)


def open_reviews(statuses: Mapping[Status, int]) -> str:
    """ "1 in conflict, 2 in progress" ("" when every review is done): what every report's
    summary (HTML, PDF, Word, Markdown, the workspace summary) says is not finished yet,
    from the count of reviews by status (`ArticleReport.status_counts`)."""
    return ", ".join(
        f"{figure(statuses.get(status, 0))} {STATUS_WORDS[status]}"
        for status in OPEN_STATUSES
        if statuses.get(status, 0)
    )


DRAFT_NOTE = "Draft: no explanation yet"


def status_note(sentence: ReportSentence) -> str:
    """Words for a review that is not finished (empty when done and explained): a checked
    sentence without an explanation is a draft, said so rather than published bare."""
    status = sentence.review.status
    parts = [] if status is Status.DONE else [status.label]
    if sentence.is_entry and not sentence.review.explanation.strip():
        parts.append(DRAFT_NOTE)
    return " · ".join(parts)


SIGNED_OFF = "Signed off"
RETURNED = "Returned"


def sign_off_label(sentence: ReportSentence) -> str:
    """What the sign-off line is headed with: "Signed off" for an approval, "Returned" for
    a verdict the editor sent back (a reader takes "signed off" for approved)."""
    sign_off = sentence.sign_off
    if sign_off is not None and sign_off.decision is SignOffDecision.RETURNED:
        return RETURNED
    return SIGNED_OFF


def sign_off_line(sentence: ReportSentence) -> str:
    """ "Checked by A, approved by B on 2026-12-03" ("" when nobody signed it off): each
    format shows it under `sign_off_label` beside the claimant and explanation."""
    sign_off = sentence.sign_off
    if sign_off is None:
        return ""
    checker = shown_name(sign_off.checker or sentence.review.reviewer) or "an unnamed checker"
    return (
        f"Checked by {checker}, {sign_off.decision.value} by "
        f"{shown_name(sign_off.editor) or UNNAMED_EDITOR}"
        f" on {sign_off_day(sign_off)}"
    )


def draft_line(report: ArticleReport) -> str:
    """The report's own warning when some checks are drafts ("" when none is)."""
    drafts = sum(1 for entry in report.entries if not entry.review.explanation.strip())
    if not drafts:
        return ""
    total = len(report.entries)
    have = "has" if drafts == 1 else "have"
    return f"Draft: {drafts:,} of {counted(total, 'checked sentence')} {have} no explanation yet"


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


def bounded_report(
    report: ArticleReport,
    *,
    field: int = FIELD_CHARS,
    line: int = LINE_CHARS,
    note: str = CUT_NOTE,
) -> ArticleReport:
    """A copy of `report` whose every text holds at most `field` characters (one-line fields
    `line`), each cut one saying so; `report` itself when nothing is that long.

    The article's text is rebuilt from its (cut) sentences and the (cut) text between them,
    with the sentences' offsets moved to match, so every format lays it out as before.
    """

    def long(text: str, limit: int) -> bool:
        return len(text) > limit

    article = report.article
    too_long = (
        any(long(t, line) for t in (article.title, article.outlet, article.author))
        or long(article.url, MAX_URL_CHARS)
        or long(report.publishing.publisher_name, line)
        or any(
            long(s.text, field)
            or long(s.review.explanation, field)
            or any(long(t, line) for t in (s.review.claimant, s.review.reviewer))
            or any(
                long(src.excerpt, field)
                or long(src.url, MAX_URL_CHARS)
                or long(src.title, line)
                or long(src.publisher, line)
                for src in s.sources
            )
            for s in report.sentences
        )
    )
    # The text between sentences (skipped by the segmenter) can be long too.
    gaps_long = long(article.text, field) and any(
        b.start - a.end > field for a, b in itertools.pairwise(report.sentences)
    )
    first_start = report.sentences[0].start if report.sentences else len(article.text)
    last_end = report.sentences[-1].end if report.sentences else 0
    edges_long = first_start > field or len(article.text) - last_end > field
    if not (too_long or gaps_long or edges_long):
        return report

    def cut(text: str, limit: int = field) -> str:
        return bounded(text, limit, note)

    pieces: list[str] = []
    size = 0
    position = 0
    sentences = []
    for s in report.sentences:
        gap = cut(article.text[position : s.start]) if s.start > position else ""
        body = cut(s.text)
        start = size + len(gap)
        pieces += [gap, body]
        size = start + len(body)
        position = max(position, s.end)
        review = s.review.edited(
            claimant=cut(s.review.claimant, line),
            explanation=cut(s.review.explanation),
            reviewer=cut(s.review.reviewer, line),
        )
        sources = tuple(
            dataclasses.replace(
                src,
                url=cut(src.url, MAX_URL_CHARS),
                title=cut(src.title, line),
                publisher=cut(src.publisher, line),
                excerpt=cut(src.excerpt),
            )
            for src in s.sources
        )
        sentences.append(
            dataclasses.replace(s, start=start, end=size, text=body, review=review, sources=sources)
        )
    pieces.append(cut(article.text[position:]))
    short_article = dataclasses.replace(
        article,
        title=cut(article.title, line),
        outlet=cut(article.outlet, line),
        author=cut(article.author, line),
        url=cut(article.url, MAX_URL_CHARS),
        text="".join(pieces),
    )
    publishing = dataclasses.replace(
        report.publishing, publisher_name=cut(report.publishing.publisher_name, line)
    )
    return dataclasses.replace(
        report, article=short_article, sentences=tuple(sentences), publishing=publishing
    )
