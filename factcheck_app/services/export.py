"""Verdict exports. JSON is complete: article metadata and every sentence's review and sources.

The report formats live in `services.reports`; this module keeps the original entry
points (the JSON export and the atomic writer) for the code that already uses them.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck_app.services.desk import Desk
from factcheck_app.services.reports.atomic import write_atomically
from factcheck_app.services.reports.json_report import FORMAT_VERSION, review_data
from factcheck_app.services.reports.model import load_article_report

EXPORT_FORMAT_VERSION = FORMAT_VERSION


def article_review(desk: Desk, article_id: int) -> dict[str, Any]:
    """The whole review of one article as plain data (the JSON export)."""
    return review_data(load_article_report(desk, article_id))


def article_review_json(desk: Desk, article_id: int) -> str:
    return json.dumps(article_review(desk, article_id), ensure_ascii=False, indent=2) + "\n"


__all__ = ["EXPORT_FORMAT_VERSION", "article_review", "article_review_json", "write_atomically"]
