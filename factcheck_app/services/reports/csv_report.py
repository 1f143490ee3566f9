"""CSV: one row per sentence with every review field and its sources, safe to open in Excel.

Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
get a leading single quote (OWASP's CSV-injection rule). The file starts with a
UTF-8 byte-order mark because Excel otherwise reads UTF-8 as the local code page;
read it back with encoding "utf-8-sig".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from factcheck_app.services.reports.model import ArticleReport, Ticker, quiet_ticker

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = " | "

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
)


def neutralize(value: object) -> str:
    """A cell as text, with formula starts defused ('=1+1 → '=1+1)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _joined(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def write_rows(rows: Iterable[Sequence[object]], header: Sequence[str]) -> str:
    """Rows as RFC 4180 CSV text (CRLF line ends, BOM first), every cell neutralised."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralize(cell) for cell in row] for row in rows)
    return out.getvalue()


def report_rows(report: ArticleReport, ticker: Ticker) -> Iterable[list[object]]:
    article = report.article
    for s in report.sentences:
        ticker.step()
        review = s.review
        denied = report.sentence_at(s.denies_index)
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
            review.rating or "",
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
        ]


def render_csv(report: ArticleReport, ticker: Ticker | None = None) -> str:
    ticker = ticker or quiet_ticker()
    text = write_rows(report_rows(report, ticker), COLUMNS)
    ticker.finish()
    return text
