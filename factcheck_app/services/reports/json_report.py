"""The JSON export: complete and lossless, so another workspace can import it back.

Format `factcheck-desk-review`, version 1. Within a version fields are only ever
added, never renamed or removed, so readers of older exports keep working.
"""

from __future__ import annotations

from typing import Any

from factcheck_app import config
from factcheck_app.domain.importing import content_hash
from factcheck_app.domain.models import verdict_label
from factcheck_app.services.reports.model import (
    ArticleReport,
    ReportSentence,
    ReportSource,
    Ticker,
    quiet_ticker,
)
from factcheck_app.services.reports.text import script_safe_json

FORMAT_NAME = "factcheck-desk-review"
FORMAT_VERSION = 1


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


def _source(source: ReportSource) -> dict[str, Any]:
    return {
        "url": source.url,
        "title": source.title,
        "publisher": source.publisher,
        "accessed": _iso(source.accessed),
        "stance": source.stance.value,
        "excerpt": source.excerpt,
    }


def _reviews(s: ReportSentence, index_of: dict[int, int]) -> list[dict[str, Any]]:
    """Each reviewer's own review of the sentence (added with team review, issue 16)."""
    return [
        {
            "reviewer": version.reviewer,
            "tag": version.tag.value if version.tag else None,
            "verdict": verdict_label(version.verdict),
            "rating": version.verdict,
            "claimant": version.claimant,
            "explanation": version.explanation,
            "status": version.status.value,
            "denies_index": index_of.get(version.denies_sentence_id or -1)
            if version.denies_sentence_id
            != s.id  # itself: an older merge's (`load_article_report`)
            else None,
            "sources": [_source(source) for source in s.sources_of(version.reviewer)],
            "updated_at": version.updated_at,
        }
        for version in s.versions
    ]


def _sign_off(s: ReportSentence) -> dict[str, Any] | None:
    """The editor's approval or return of the decided verdict (added with team review)."""
    if s.sign_off is None:
        return None
    return {
        "decision": s.sign_off.decision.value,
        "editor": s.sign_off.editor,
        "checker": s.sign_off.checker,
        "note": s.sign_off.note,
        "at": s.sign_off.at,
    }


def review_data(report: ArticleReport, ticker: Ticker | None = None) -> dict[str, Any]:
    """The whole review of one article as plain JSON-ready data."""
    ticker = ticker or quiet_ticker()
    article = report.article
    index_of = {s.id: s.index for s in report.sentences}
    sentences = []
    for s in report.sentences:
        ticker.step()
        review = s.review
        sentences.append(
            {
                "index": s.index,
                "id": s.id,
                "paragraph": s.paragraph,
                "text": s.text,
                "start": s.start,
                "end": s.end,
                "tag": review.tag.value if review.tag else None,
                "verdict": s.verdict,
                "rating": review.verdict,
                "claimant": review.claimant,
                "explanation": review.explanation,
                "status": review.status.value,
                "denies_sentence_id": None if s.denies_index is None else review.denies_sentence_id,
                "reviewer": review.reviewer,
                "updated_at": review.updated_at,
                # Each with who linked it ("reviewer", added 7 December): named before
                # only in the reviews of those who reviewed the sentence, a link by anyone
                # else (a split gives both parts the sources) was theirs once read back.
                "sources": [
                    {**_source(source), "reviewer": source.reviewer} for source in s.sources
                ],
                # Added in 0.2: ids change between workspaces, the reading position does not.
                "number": s.number,
                "rating_value": s.rating_value,
                "denies_index": s.denies_index,
                # Added with team review (issue 16): every reviewer's own review beside
                # the decided one above, and the editor's sign-off of it (null: none yet).
                "reviews": _reviews(s, index_of),
                "sign_off": _sign_off(s),
            }
        )
    ticker.finish()
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "article": {
            "id": article.id,
            "title": article.title,
            "outlet": article.outlet,
            "author": article.author,
            "url": article.url,
            "published": _iso(article.published),
            "source_name": article.source_name,
            "imported_at": article.imported_at,
            # The text's own hash, which an import of this file checks the text by: a
            # cleaned copy keeps a mark in its place for the second of two articles of one
            # text (storage/cleaning.py, `same_text_mark`), and its export was refused.
            "content_hash": content_hash(article.text),
            "text": article.text,
            "segmenter": report.segmenter,
            # ISO 639-1; "und": none of the desk's languages; "": not detected yet.
            "language": article.language,
        },
        "progress": {
            "reviewed": report.reviewed,
            "total": report.total,
            "by_status": {status.value: n for status, n in report.status_counts.items()},
        },
        "summary": {
            "tags": {tag.value: n for tag, n in report.tag_counts.items()},
            "verdicts": {(c.key or "none"): c.count for c in report.verdict_counts},
        },
        "generator": {"app": config.APP_NAME, "version": report.app_version},
        "exported_at": report.generated_at.isoformat(timespec="seconds"),
        "sentences": sentences,
    }


def render_json(report: ArticleReport, ticker: Ticker | None = None) -> str:
    """The JSON text; `<`, `>` and `&` are written as \\u escapes, so it can also be
    embedded in a web page's <script> element as it is."""
    return script_safe_json(review_data(report, ticker)) + "\n"
