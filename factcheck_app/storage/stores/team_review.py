"""Each reviewer's own review of a sentence (`review_versions`), sign-offs (`sign_offs`) and
who linked a source (`sentence_sources.reviewer`), as the agreement, exports and
`import-review` read and write them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from factcheck_app.domain.models import Review
from factcheck_app.domain.team_records import Decision, SignOff
from factcheck_app.storage import sql
from factcheck_app.storage.errors import WorkspaceDatabase, damaged
from factcheck_app.storage.stores.rows import VISIBLE, review_from

_VERSION_COLUMNS = (
    "v.sentence_id, v.tag, v.rating, v.claimant, v.explanation, v.status,"
    " v.denies_sentence_id, v.reviewer, v.updated_at"
)
_DECISIONS = {d.value: d for d in Decision}


def _version(row: Sequence[Any]) -> Review:
    return review_from(row[0], row[1:9])


class TeamReviewStore:
    """Reviewers' versions, sign-offs and the reviewer of each source link."""

    def __init__(self, db: WorkspaceDatabase) -> None:
        self.db = db

    def versions(self, article_id: int | None = None) -> list[tuple[int, Review]]:
        """(article, version) of every reviewer's version in the workspace, or of one
        article; by article, then reading order, then reviewer."""
        where = f"WHERE {VISIBLE}" + (" AND s.article_id = ?" if article_id is not None else "")
        rows = self.db.execute(
            f"SELECT s.article_id, {_VERSION_COLUMNS} FROM review_versions v"
            " JOIN sentences s ON s.id = v.sentence_id JOIN articles a ON a.id = s.article_id"
            f" {where} ORDER BY s.article_id, s.start, v.reviewer",
            [] if article_id is None else [article_id],
        ).fetchall()
        return [(int(r[0]), _version(r[1:])) for r in rows]

    def versions_of_article(self, article_id: int) -> dict[int, list[Review]]:
        """Every version of an article's sentences, by sentence, reviewers in name order."""
        out: dict[int, list[Review]] = {}
        for _article, version in self.versions(article_id):
            out.setdefault(version.sentence_id, []).append(version)
        return out

    def save_version(self, version: Review) -> None:
        """Store `version` as its reviewer's own review of its sentence."""
        self.db.execute(
            "INSERT OR REPLACE INTO review_versions (sentence_id, reviewer, tag, rating,"
            " claimant, explanation, status, denies_sentence_id, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                version.sentence_id,
                version.reviewer,
                version.tag.value if version.tag else None,
                version.verdict,
                version.claimant,
                version.explanation,
                version.status.value,
                version.denies_sentence_id,
                version.updated_at,
            ],
        )

    def sign_offs_of_article(self, article_id: int) -> dict[int, SignOff]:
        rows = self.db.execute(
            "SELECT o.sentence_id, o.decision, o.editor, o.checker, o.note, o.at"
            " FROM sign_offs o JOIN sentences s ON s.id = o.sentence_id"
            " WHERE s.article_id = ?",
            [article_id],
        ).fetchall()
        out = {}
        for r in rows:
            decision = _DECISIONS.get(r[1])
            if decision is None:
                raise damaged(f"Sentence {r[0]}'s sign-off has an unknown decision", r[1])
            out[int(r[0])] = SignOff(int(r[0]), decision, r[2], r[3], r[4], r[5])
        return out

    def save_sign_off(self, sign_off: SignOff) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO sign_offs (sentence_id, decision, editor, checker, note, at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                sign_off.sentence_id,
                sign_off.decision.value,
                sign_off.editor,
                sign_off.checker,
                sign_off.note,
                sign_off.at,
            ],
        )

    def link_reviewers_of_article(self, article_id: int) -> dict[int, str]:
        """Who linked each source link of an article ('' when not known), by link id."""
        rows = self.db.execute(
            "SELECT l.id, l.reviewer FROM sentence_sources l"
            " JOIN sentences s ON s.id = l.sentence_id WHERE s.article_id = ?",
            [article_id],
        ).fetchall()
        return {int(r[0]): str(r[1]) for r in rows}

    def set_link_reviewer(self, link_id: int, reviewer: str) -> None:
        self.db.execute(
            "UPDATE sentence_sources SET reviewer = ? WHERE id = ?", [reviewer, link_id]
        )

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
