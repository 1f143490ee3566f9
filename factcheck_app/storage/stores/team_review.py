"""Reviewers' own reviews across articles, for the agreement between reviewers (the
versions of one sentence or article, their writes and the sign-offs are in
stores/reviews.py and stores/sign_offs.py)."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck_app.domain.models import Review
from factcheck_app.storage import sql
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.stores.rows import VISIBLE, review_columns, review_from

_VERSION_COLUMNS = f"v.sentence_id, {review_columns('v')}"


class TeamReviewStore:
    """Every reviewer's version with its article, and sentences' reading positions."""

    def __init__(self, db: WorkspaceDatabase) -> None:
        self.db = db

    def versions(self, article_id: int | None = None) -> list[tuple[int, Review]]:
        """(article, version) of every reviewer's version in the workspace, or of one
        article; by article, then reading order, then reviewer (one query)."""
        where = f"WHERE {VISIBLE}" + (" AND s.article_id = ?" if article_id is not None else "")
        rows = self.db.execute(
            f"SELECT s.article_id, {_VERSION_COLUMNS} FROM review_versions v"
            " JOIN sentences s ON s.id = v.sentence_id JOIN articles a ON a.id = s.article_id"
            f" {where} ORDER BY s.article_id, s.start, v.reviewer",
            [] if article_id is None else [article_id],
        ).fetchall()
        return [(int(r[0]), review_from(r[1], r[2:10])) for r in rows]

    def sentence_numbers(self, sentence_ids: Sequence[int]) -> dict[int, int]:
        """Each sentence's 1-based number in its article's reading order."""
        numbers: dict[int, int] = {}
        for chunk in sql.chunks(sentence_ids):
            rows = self.db.execute(
                "SELECT s.id, (SELECT count(*) FROM sentences t WHERE t.article_id = s.article_id"
                f" AND t.start <= s.start) FROM sentences s WHERE s.id IN ({sql.marks(chunk)})",
                chunk,
            ).fetchall()
            numbers.update((int(r[0]), int(r[1])) for r in rows)
        return numbers
