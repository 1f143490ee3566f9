"""What a merge reads and writes in the open workspace beyond the other stores: each
reviewer's versions, sign-offs, source links with who linked them, review rows taken out
again on undo, and which history entries are already here."""

from __future__ import annotations

from factcheck_app.domain.merge_rules import SignOffRecord
from factcheck_app.domain.models import Review, SourceLink
from factcheck_app.storage import sql
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.search import SearchIndex
from factcheck_app.storage.stores.rows import VISIBLE, now_iso, review_from

_DECIDED_COLUMNS = (
    "r.tag, r.rating, r.claimant, r.explanation, r.status, r.denies_sentence_id, r.reviewer,"
    " r.updated_at"
)
_VERSION_COLUMNS = (
    "tag, rating, claimant, explanation, status, denies_sentence_id, reviewer, updated_at"
)


class MergeStore:
    """`review_versions`, `sign_offs` and the merge's view of `reviews`, `sentence_sources`
    and `history`."""

    def __init__(self, db: WorkspaceDatabase, search: SearchIndex) -> None:
        self.db = db
        self.search = search

    # -- versions -------------------------------------------------------------------------

    def versions_of_article(self, article_id: int) -> dict[int, dict[str, Review]]:
        """Sentence id → reviewer → that reviewer's own review, for one article."""
        out: dict[int, dict[str, Review]] = {}
        rows = self.db.execute(
            f"SELECT v.sentence_id, {_VERSION_COLUMNS} FROM review_versions v"
            " JOIN sentences s ON s.id = v.sentence_id WHERE s.article_id = ?",
            [article_id],
        ).fetchall()
        for row in rows:
            review = review_from(row[0], row[1:])
            out.setdefault(review.sentence_id, {})[review.reviewer] = review
        return out

    def versions_of_sentence(self, sentence_id: int) -> dict[str, Review]:
        rows = self.db.execute(
            f"SELECT sentence_id, {_VERSION_COLUMNS} FROM review_versions"
            " WHERE sentence_id = ? ORDER BY updated_at, reviewer",
            [sentence_id],
        ).fetchall()
        return {str(r[7]): review_from(r[0], r[1:]) for r in rows}

    def save_version(self, review: Review) -> None:
        self.save_versions([review])

    def save_versions(self, reviews: list[Review]) -> None:
        """Store reviewers' versions (replacing that reviewer's on that sentence)."""
        self.db.executemany(
            "INSERT OR REPLACE INTO review_versions (sentence_id, reviewer, tag, rating,"
            " claimant, explanation, status, denies_sentence_id, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.sentence_id,
                    r.reviewer,
                    r.tag.value if r.tag else None,
                    r.verdict,
                    r.claimant,
                    r.explanation,
                    r.status.value,
                    r.denies_sentence_id,
                    r.updated_at,
                )
                for r in reviews
            ],
        )

    def save_reviews(self, reviews: list[Review]) -> None:
        """Store decided reviews, many to a statement (as ReviewStore.save_review does one)."""
        self.db.executemany(
            "INSERT OR REPLACE INTO reviews (sentence_id, tag, rating, claimant, explanation,"
            " status, denies_sentence_id, reviewer, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.sentence_id,
                    r.tag.value if r.tag else None,
                    r.verdict,
                    r.claimant,
                    r.explanation,
                    r.status.value,
                    r.denies_sentence_id,
                    r.reviewer,
                    r.updated_at,
                )
                for r in reviews
            ],
        )
        for review in reviews:
            self.search.review_changed(review.sentence_id)

    def delete_version(self, sentence_id: int, reviewer: str) -> None:
        self.db.execute(
            "DELETE FROM review_versions WHERE sentence_id = ? AND reviewer = ?",
            [sentence_id, reviewer],
        )

    # -- what is here ------------------------------------------------------------------------

    def articles_by_hash(self) -> dict[str, int]:
        """Content hash → id of every (finished) article."""
        rows = self.db.execute(f"SELECT content_hash, id FROM articles a WHERE {VISIBLE}")
        return {str(r[0]): int(r[1]) for r in rows}

    def sources_by_url(self) -> dict[str, int]:
        return {str(r[0]): int(r[1]) for r in self.db.execute("SELECT url, id FROM sources")}

    def sentences_of_article(
        self, article_id: int
    ) -> tuple[list[tuple[int, int, int]], dict[int, Review], set[int]]:
        """(id, start, end) of an article's sentences in text order, their decided reviews
        (the default for a sentence without one) and which have a review row."""
        rows = self.db.execute(
            f'SELECT s.id, s.start, s."end", {_DECIDED_COLUMNS}, r.sentence_id FROM sentences s'
            " LEFT JOIN reviews r ON r.sentence_id = s.id WHERE s.article_id = ? ORDER BY s.start",
            [article_id],
        ).fetchall()
        spans = [(int(r[0]), int(r[1]), int(r[2])) for r in rows]
        decided = {int(r[0]): review_from(r[0], r[3:11]) for r in rows}
        reviewed = {int(r[0]) for r in rows if r[11] is not None}
        return spans, decided, reviewed

    # -- decided reviews --------------------------------------------------------------------

    def delete_review(self, sentence_id: int) -> None:
        """Take a review row out again (undo of a merge that added it)."""
        self.db.execute("DELETE FROM reviews WHERE sentence_id = ?", [sentence_id])
        self.search.review_changed(sentence_id)

    # -- sign-offs ------------------------------------------------------------------------

    def sign_offs_of_article(self, article_id: int) -> dict[int, SignOffRecord]:
        rows = self.db.execute(
            "SELECT o.sentence_id, o.decision, o.editor, o.checker, o.note, o.at"
            " FROM sign_offs o JOIN sentences s ON s.id = o.sentence_id WHERE s.article_id = ?",
            [article_id],
        ).fetchall()
        return {int(r[0]): SignOffRecord(*r) for r in rows}

    def sign_off_of(self, sentence_id: int) -> SignOffRecord | None:
        row = self.db.execute(
            "SELECT sentence_id, decision, editor, checker, note, at FROM sign_offs"
            " WHERE sentence_id = ?",
            [sentence_id],
        ).fetchone()
        return SignOffRecord(*row) if row else None

    def save_sign_off(self, record: SignOffRecord) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO sign_offs (sentence_id, decision, editor, checker, note, at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                record.sentence_id,
                record.decision,
                record.editor,
                record.checker,
                record.note,
                record.at,
            ],
        )

    def delete_sign_off(self, sentence_id: int) -> None:
        self.db.execute("DELETE FROM sign_offs WHERE sentence_id = ?", [sentence_id])

    # -- source links ---------------------------------------------------------------------

    def linked_pairs(self, article_id: int) -> set[tuple[int, int]]:
        """(sentence, source) of every link of the article."""
        rows = self.db.execute(
            "SELECT l.sentence_id, l.source_id FROM sentence_sources l"
            " JOIN sentences s ON s.id = l.sentence_id WHERE s.article_id = ?",
            [article_id],
        ).fetchall()
        return {(int(r[0]), int(r[1])) for r in rows}

    def insert_link(self, link: SourceLink, reviewer: str) -> None:
        self.insert_links([(link, reviewer)])

    def insert_links(self, links: list[tuple[SourceLink, str]]) -> None:
        """Link sources to sentences: (link, who linked it)."""
        at = now_iso()
        self.db.executemany(
            "INSERT INTO sentence_sources (sentence_id, source_id, stance, excerpt, created_at,"
            " reviewer) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (link.sentence_id, link.source.id, link.stance.value, link.excerpt, at, reviewer)
                for link, reviewer in links
            ],
        )
        for link, _ in links:
            self.search.review_changed(link.sentence_id)

    def delete_links(self, pairs: list[tuple[int, int]]) -> None:
        """Delete the links given as (sentence id, source id)."""
        self.db.executemany(
            "DELETE FROM sentence_sources WHERE sentence_id = ? AND source_id = ?", pairs
        )
        for sentence_id, _ in pairs:
            self.search.review_changed(sentence_id)

    def delete_unlinked_sources(self, source_ids: list[int]) -> None:
        """Delete those of the sources no sentence links to any more."""
        for chunk in sql.chunks(source_ids):
            self.db.execute(
                f"DELETE FROM sources WHERE id IN ({sql.marks(chunk)}) AND id NOT IN"
                " (SELECT source_id FROM sentence_sources)",
                chunk,
            )

    # -- history ----------------------------------------------------------------------------

    def known_history(self) -> set[str]:
        """Every hash and origin of the history here: a merged entry whose origin is among
        them is already here (written here, or merged before)."""
        known: set[str] = set()
        for row in self.db.execute("SELECT hash, origin FROM history"):
            known.update(value for value in row if value)
        return known

    def unchained_history(self) -> list[tuple[int, str, str, str, str | None, str | None]]:
        """(id, at, actor, action, old, new) of the entries written here without a hash
        (before the history was chained)."""
        return [
            (int(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4], r[5])
            for r in self.db.execute(
                "SELECT id, at, actor, action, old, new FROM history"
                " WHERE hash = '' AND origin = ''"
            )
        ]

    def sentence_count(self, article_id: int) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM sentences WHERE article_id = ?", [article_id]
        ).fetchone()
        return int(row[0])
