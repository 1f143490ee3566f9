"""Verdict exports. JSON is complete: article metadata and every sentence's review and sources."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from factcheck_app.domain.models import rating_label
from factcheck_app.services.desk import Desk

EXPORT_FORMAT_VERSION = 1


def article_review(desk: Desk, article_id: int) -> dict[str, Any]:
    """The whole review of one article as plain data (the JSON export)."""
    article = desk.repo.get_article(article_id)
    rows = desk.sentence_rows(article_id)
    reviewed = sum(1 for row in rows if row.review.is_reviewed)
    sentences = []
    for index, row in enumerate(rows):
        review = row.review
        sentences.append(
            {
                "index": index,
                "id": row.sentence.id,
                "paragraph": row.sentence.paragraph,
                "text": row.sentence.text,
                "start": row.sentence.start,
                "end": row.sentence.end,
                "tag": review.tag.value if review.tag else None,
                "verdict": rating_label(review.rating),
                "rating": review.rating,
                "claimant": review.claimant,
                "explanation": review.explanation,
                "status": review.status.value,
                "denies_sentence_id": review.denies_sentence_id,
                "reviewer": review.reviewer,
                "updated_at": review.updated_at,
                "sources": [
                    {
                        "url": link.source.url,
                        "title": link.source.title,
                        "publisher": link.source.publisher,
                        "accessed": link.source.accessed.isoformat()
                        if link.source.accessed
                        else None,
                        "stance": link.stance.value,
                        "excerpt": link.excerpt,
                    }
                    for link in (desk.links(row.sentence.id) if row.source_count else [])
                ],
            }
        )
    return {
        "format": "factcheck-desk-review",
        "format_version": EXPORT_FORMAT_VERSION,
        "article": {
            "id": article.id,
            "title": article.title,
            "outlet": article.outlet,
            "author": article.author,
            "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "source_name": article.source_name,
            "imported_at": article.imported_at,
            "content_hash": article.content_hash,
            "text": article.text,
        },
        "progress": {"reviewed": reviewed, "total": len(rows)},
        "sentences": sentences,
    }


def article_review_json(desk: Desk, article_id: int) -> str:
    return json.dumps(article_review(desk, article_id), ensure_ascii=False, indent=2) + "\n"


def write_atomically(path: Path, content: str) -> None:
    """Write a file so a failure never leaves half a file over the previous one."""
    path = path.resolve()
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
