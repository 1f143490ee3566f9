"""CSV: one row per sentence with every review field and its sources, safe to open in Excel.

Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
get a leading single quote (OWASP's CSV-injection rule). Excel splits a file at its
locale's list separator, which is `;` in German, French, Spanish, Italian or Dutch, and
honours quotes only at the start of a cell: there `See note;=2+5` inside one of our cells
becomes a cell of its own and is evaluated. So a quote also goes before = + - @ that
follow a `;`, `,`, tab or line end inside a cell (after any spaces or quotes), and every
cell holding any of those is quoted. Control characters are dropped (tab and line ends
stay). The file starts with a UTF-8 byte-order mark because Excel otherwise reads UTF-8
as the local code page; read it back with encoding "utf-8-sig".
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence

from factcheck_app.domain.sign_off import sign_off_state
from factcheck_app.services.reports.model import ArticleReport, Ticker, quiet_ticker
from factcheck_app.services.reports.text import clean

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = " | "
# A formula start right after a separator of some locale or a line end, past spaces and
# quotes (which some importers skip). Spaces and quotes are no separators, so each
# character is looked at a bounded number of times: linear in the cell's length.
_INNER_FORMULA = re.compile(r"([;,\t\r\n][ \"]*)(?=[=+\-@])")
# Cells holding any of these are quoted: the list separators of common locales, quotes,
# line ends.
_NEEDS_QUOTES = re.compile(r"[,;\t\"\r\n|]")

COLUMNS = (
    "article_id",
    "article_title",
    "number",
    "sentence_id",
    "paragraph",
    "start",
    "end",
    "text",
    "tag",
    "verdict",
    "rating",
    "rating_value",
    "claimant",
    "explanation",
    "status",
    "denies_number",
    "reviewer",
    "updated_at",
    "source_count",
    "source_urls",
    "source_titles",
    "source_publishers",
    "source_accessed",
    "source_stances",
    "source_excerpts",
    "article_language",  # added in 0.10 at the end: the columns before it keep their places
    # The editor's sign-off (team review), as the JSON export's `sign_off`; appended too.
    "sign_off",  # awaiting, approved, returned; empty when there is nothing to sign off
    "sign_off_editor",
    "sign_off_checker",
    "sign_off_at",
    "sign_off_note",
    # Which story a row came from, once rows of several articles' exports are pasted
    # together (the title alone is not unique); appended too.
    "article_url",
    "article_outlet",
    "article_author",
    "article_published",
)


def neutralize(value: object) -> str:
    """A cell as text, with formula starts defused ('=1+1 → '=1+1), also after a separator
    inside it (`See note;=2+5` → `See note;'=2+5`), and without control characters."""
    if type(value) is int and value >= 0:
        return str(value)  # ids, numbers and offsets: nothing to defuse
    text = "" if value is None else clean(str(value))
    if _INNER_FORMULA.search(text):  # rare: most cells are left as they are, untouched
        text = _INNER_FORMULA.sub(_quote_formula, text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _quote_formula(match: re.Match[str]) -> str:
    return match.group(1) + "'"


def _cell(text: str) -> str:
    """One CSV field (RFC 4180): quoted when it holds a separator, a quote or a line end."""
    if _NEEDS_QUOTES.search(text) or text != text.strip(" "):
        return '"' + text.replace('"', '""') + '"'
    return text


def _joined(values: Iterable[str]) -> str:
    """A sentence's sources' values in one cell, ` | ` between them. A `|` inside a value
    (page titles read "Budget | Ministry of Finance") is written `\\|`, so splitting at
    ` | ` gives exactly one value per source in every source_* column."""
    return LIST_SEPARATOR.join(value.replace("|", "\\|") for value in values)


def write_rows(rows: Iterable[Sequence[object]], header: Sequence[str]) -> str:
    """Rows as RFC 4180 CSV text (CRLF line ends, BOM first), every cell neutralised."""
    out = io.StringIO()
    out.write(BOM)
    # Most cells repeat (the title on every row, tags, statuses, claimants, dates): each
    # short text is made a cell once.
    made: dict[str, str] = {}

    def cell(value: object) -> str:
        if type(value) is not str or len(value) > 200:
            return _cell(neutralize(value))
        text = made.get(value)
        if text is None:
            text = made[value] = _cell(neutralize(value))
        return text

    for row in (header, *rows):
        out.write(",".join([cell(value) for value in row]))
        out.write("\r\n")
    return out.getvalue()


def report_rows(report: ArticleReport, ticker: Ticker) -> Iterable[list[object]]:
    article = report.article
    published = article.published.isoformat() if article.published else ""
    for s in report.sentences:
        ticker.step()
        review = s.review
        denied = report.sentence_at(s.denies_index)
        state = sign_off_state(review, s.sign_off)
        sign_off = s.sign_off
        yield [
            article.id,
            article.title,
            s.number,
            s.id,
            s.paragraph,
            s.start,
            s.end,
            s.text,
            review.tag.value if review.tag else "",
            s.verdict or "",
            review.verdict or "",
            s.rating_value if s.rating_value is not None else "",
            review.claimant,
            review.explanation,
            review.status.value,
            denied.number if denied else "",
            review.reviewer,
            review.updated_at,
            len(s.sources),
            _joined(src.url for src in s.sources),
            _joined(src.title for src in s.sources),
            _joined(src.publisher for src in s.sources),
            _joined(src.accessed.isoformat() if src.accessed else "" for src in s.sources),
            _joined(src.stance.value for src in s.sources),
            _joined(src.excerpt for src in s.sources),
            article.language,
            state.value if state else "",
            sign_off.editor if sign_off else "",
            sign_off.checker if sign_off else "",
            sign_off.at if sign_off else "",
            sign_off.note if sign_off else "",
            article.url,
            article.outlet,
            article.author,
            published,
        ]


def render_csv(report: ArticleReport, ticker: Ticker | None = None) -> str:
    ticker = ticker or quiet_ticker()
    text = write_rows(report_rows(report, ticker), COLUMNS)
    ticker.finish()
    return text
