"""Review rows: the decided review of each sentence that was ever touched (`reviews`), and
each reviewer's own version of it (`review_versions`)."""

from __future__ import annotations

from collections.abc import Iterable

from factcheck_app.domain.models import Review, Status
from factcheck_app.storage import sql
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.search import SearchIndex
from factcheck_app.storage.stores.rows import review_from

_VERSION_SQL = (
    "SELECT sentence_id, tag, rating, claimant, explanation, status, denies_sentence_id,"
    " reviewer, updated_at FROM review_versions"
)


class ReviewStore:
    """The `reviews` table (a saved review also refreshes its sentence's index row) and
    `review_versions`, each reviewer's own review of a sentence (not indexed: search and
    every view read the decided review)."""

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

    def delete_review(self, sentence_id: int) -> None:
        """Remove the decided review: the sentence reads as untouched again."""
        self.db.execute("DELETE FROM reviews WHERE sentence_id = ?", [sentence_id])
        self.search.review_changed(sentence_id)

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

    def versions(self, sentence_id: int) -> list[Review]:
        """Every reviewer's own review of a sentence, oldest first (`reviewer` says whose)."""
        rows = self.db.execute(
            _VERSION_SQL + " WHERE sentence_id = ? ORDER BY updated_at, reviewer", [sentence_id]
        ).fetchall()
        return [review_from(r[0], r[1:]) for r in rows]

    def version(self, sentence_id: int, reviewer: str) -> Review | None:
        """`reviewer`'s own review of a sentence (None: they have none)."""
        row = self.db.execute(
            _VERSION_SQL + " WHERE sentence_id = ? AND reviewer = ?", [sentence_id, reviewer]
        ).fetchone()
        return review_from(row[0], row[1:]) if row else None

    def versions_for_article(self, article_id: int) -> dict[int, list[Review]]:
        """Every reviewer's review of every sentence of an article, by sentence, in one query
        (exports, agreement)."""
        rows = self.db.execute(
            _VERSION_SQL + " WHERE sentence_id IN (SELECT id FROM sentences WHERE article_id = ?)"
            " ORDER BY sentence_id, updated_at, reviewer",
            [article_id],
        ).fetchall()
        versions: dict[int, list[Review]] = {}
        for r in rows:
            versions.setdefault(r[0], []).append(review_from(r[0], r[1:]))
        return versions

    def save_version(self, review: Review) -> None:
        """Store `review` as its reviewer's own version of the sentence."""
        if review.status is Status.CONFLICT:
            # The schema refuses it too; saying so here names the caller's mistake.
            raise ValueError("A reviewer's own review is never in conflict.")
        self.db.execute(
            "INSERT OR REPLACE INTO review_versions (sentence_id, reviewer, tag, rating,"
            " claimant, explanation, status, denies_sentence_id, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                review.sentence_id,
                review.reviewer,
                review.tag.value if review.tag else None,
                review.verdict,
                review.claimant,
                review.explanation,
                review.status.value,
                review.denies_sentence_id,
                review.updated_at,
            ],
        )

    def delete_version(self, sentence_id: int, reviewer: str) -> None:
        self.db.execute(
            "DELETE FROM review_versions WHERE sentence_id = ? AND reviewer = ?",
            [sentence_id, reviewer],
        )

    def version_denial_pointers_to(self, sentence_ids: Iterable[int]) -> list[tuple[int, str, int]]:
        """(sentence, reviewer, denied sentence) of versions whose denial points into
        `sentence_ids`."""
        ids = list(sentence_ids)
        found: list[tuple[int, str, int]] = []
        for chunk in sql.chunks(ids):
            rows = self.db.execute(
                "SELECT sentence_id, reviewer, denies_sentence_id FROM review_versions"
                f" WHERE denies_sentence_id IN ({sql.marks(chunk)})",
                chunk,
            ).fetchall()
            found += [(int(r[0]), str(r[1]), int(r[2])) for r in rows]
        return found

    def set_version_denies(self, sentence_id: int, reviewer: str, target: int | None) -> None:
        self.db.execute(
            "UPDATE review_versions SET denies_sentence_id = ? WHERE sentence_id = ?"
            " AND reviewer = ?",
            [target, sentence_id, reviewer],
        )
