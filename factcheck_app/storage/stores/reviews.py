"""Review rows: one per sentence that was ever touched."""

from __future__ import annotations

from collections.abc import Iterable

from factcheck_app.domain.models import Review
from factcheck_app.storage import sql
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.search import SearchIndex
from factcheck_app.storage.stores.rows import review_from


class ReviewStore:
    """The `reviews` table; a saved review also refreshes its sentence's index row."""

    def __init__(self, db: WorkspaceDatabase, search: SearchIndex) -> None:
        self.db = db
        self.search = search

    def get_review(self, sentence_id: int) -> Review:
        row = self.db.execute(
            "SELECT tag, rating, claimant, explanation, status, denies_sentence_id, reviewer,"
            " updated_at FROM reviews WHERE sentence_id = ?",
            [sentence_id],
        ).fetchone()
        return review_from(sentence_id, row) if row else Review(sentence_id)

    def save_review(self, review: Review) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO reviews (sentence_id, tag, rating, claimant, explanation,"
            " status, denies_sentence_id, reviewer, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                review.sentence_id,
                review.tag.value if review.tag else None,
                review.verdict,
                review.claimant,
                review.explanation,
                review.status.value,
                review.denies_sentence_id,
                review.reviewer,
                review.updated_at,
            ],
        )
        self.search.review_changed(review.sentence_id)

    def denial_pointers_to(self, sentence_ids: Iterable[int]) -> list[tuple[int, int]]:
        """(denial sentence, denied sentence) pairs whose target is among `sentence_ids`."""
        ids = list(sentence_ids)
        pairs: list[tuple[int, int]] = []
        for chunk in sql.chunks(ids):
            rows = self.db.execute(
                "SELECT sentence_id, denies_sentence_id FROM reviews"
                f" WHERE denies_sentence_id IN ({sql.marks(chunk)})",
                chunk,
            ).fetchall()
            pairs += [(int(r[0]), int(r[1])) for r in rows]
        return pairs

    def set_denies(self, sentence_id: int, target: int | None) -> None:
        self.db.execute(
            "UPDATE reviews SET denies_sentence_id = ? WHERE sentence_id = ?", [target, sentence_id]
        )
