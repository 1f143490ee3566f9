"""Review rows: the decided review of each sentence that was ever touched (`reviews`), and
each reviewer's own version of it (`review_versions`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from factcheck_app.domain.models import Review, Status
from factcheck_app.storage import sql
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.search import SearchIndex
from factcheck_app.storage.stores.rows import (
    VISIBLE,
    StoredName,
    review_columns,
    review_from,
    stored_text,
)

# The columns `reviews` and `review_versions` share, in the order every row here has them.
_COLUMNS = f"sentence_id, {review_columns()}"
_VERSION_SQL = f"SELECT {_COLUMNS} FROM review_versions"
_INTO = f"({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"  # after INSERT … INTO a table
_REVIEWER_AT = _COLUMNS.split(", ").index("reviewer")  # in a row of `_rows`


def _conflict_sql(forward: bool) -> str:
    """The next (or previous) undecided conflict from a place, one row: its article and
    sentence, whether the search went round the end (`passed`: it lies at or before the
    place), and how many conflicts there are. Found through the reviews' status index
    (conflicts are few), their sentences and articles by key: never a scan of either.
    The place is `:article` and the start of `:sentence` (-1 without one: before the
    article's first sentence); articles in id order (the list's), sentences by start."""
    passed, order = ("<=", "") if forward else (">=", " DESC")
    return f"""
        SELECT s.article_id, s.id,
               (s.article_id, s.start) {passed} (:article,
                   coalesce((SELECT start FROM sentences WHERE id = :sentence), -1)) AS passed,
               count(*) OVER () AS waiting
        FROM reviews r
        JOIN sentences s ON s.id = r.sentence_id
        JOIN articles a ON a.id = s.article_id
        WHERE r.status = '{Status.CONFLICT.value}' AND {VISIBLE}
        ORDER BY passed, s.article_id{order}, s.start{order}
        LIMIT 1
    """


NEXT_CONFLICT_SQL = _conflict_sql(forward=True)
PREVIOUS_CONFLICT_SQL = _conflict_sql(forward=False)
# Each article's undecided conflicts, for the article list: through the status index.
# Through the article by its key, as the next conflict is found: a sentence whose article
# id is text (a hand-edited or damaged file) is in no article, and is not counted.
CONFLICT_COUNTS_SQL = f"""
    SELECT a.id, count(*) FROM reviews r JOIN sentences s ON s.id = r.sentence_id
    JOIN articles a ON a.id = s.article_id
    WHERE r.status = '{Status.CONFLICT.value}' GROUP BY a.id
"""


def _rows(reviews: Sequence[Review]) -> list[tuple[object, ...]]:
    """Each review's `_COLUMNS` values."""
    return [
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
    ]


class TwinVersion(NamedTuple):
    """A reviewer with two versions of one sentence's review (`ReviewStore.twin_versions`),
    and where the sentence is: its article (id and title) and its number there."""

    sentence_id: int
    reviewer: str
    title: str
    number: int
    article_id: int


class ReviewStore:
    """The `reviews` table (a saved review also refreshes its sentence's index row) and
    `review_versions`, each reviewer's own review of a sentence (not indexed: search and
    every view read the decided review)."""

    def __init__(self, db: WorkspaceDatabase, search: SearchIndex) -> None:
        self.db = db
        self.search = search

    def get_review(self, sentence_id: int) -> Review:
        row = self.db.execute(
            f"SELECT {review_columns()} FROM reviews WHERE sentence_id = ?",
            [sentence_id],
        ).fetchone()
        return review_from(sentence_id, row) if row else Review(sentence_id)

    def review_as_made_from(
        self, sentence_id: int, claim_id: int | None = None
    ) -> tuple[Review, bool, bool]:
        """The review of `sentence_id` (as `get_review`), whether that sentence is there,
        and whether `claim_id` is (False for None), in one read: what a review edit is
        made from (`ReviewEdit.made_from_now`), read 5,000 times by Accept All."""
        row = self.db.execute(
            "SELECT EXISTS (SELECT 1 FROM sentences WHERE id = ?1), "
            "EXISTS (SELECT 1 FROM sentences WHERE id = ?2), "
            f"{review_columns('r')} FROM (SELECT 1) LEFT JOIN reviews r ON r.sentence_id = ?1",
            [sentence_id, claim_id],
        ).fetchone()
        return review_from(sentence_id, row[2:]), bool(row[0]), bool(row[1])

    def save_review(self, review: Review) -> None:
        self.save_reviews([review])

    def save_reviews(self, reviews: Sequence[Review]) -> None:
        """Store decided reviews (replacing each sentence's), many to one statement (a
        merge writes tens of thousands); each sentence's index row is refreshed."""
        self.db.executemany("INSERT OR REPLACE INTO reviews " + _INTO, _rows(reviews))
        for review in reviews:
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

    def conflict_from(
        self, article_id: int, sentence_id: int | None, *, forward: bool = True
    ) -> tuple[int, int, bool, int] | None:
        """The next undecided conflict after sentence `sentence_id` of article `article_id`
        (before it, `forward` False), going round the end: (article, sentence, whether it
        went round, how many conflicts there are); None when there is none."""
        row = self.db.execute(
            NEXT_CONFLICT_SQL if forward else PREVIOUS_CONFLICT_SQL,
            {"article": article_id, "sentence": sentence_id},
        ).fetchone()
        return None if row is None else (int(row[0]), int(row[1]), bool(row[2]), int(row[3]))

    def conflict_counts(self) -> dict[int, int]:
        """How many sentences of each article are in conflict (articles with none left out)."""
        return {int(r[0]): int(r[1]) for r in self.db.execute(CONFLICT_COUNTS_SQL)}

    def conflict_count(self, article_id: int) -> int:
        """How many sentences of one article are in conflict (`conflict_counts`' count)."""
        row = self.db.execute(
            "SELECT count(*) FROM sentences s JOIN reviews r ON r.sentence_id = s.id"
            f" WHERE s.article_id = ? AND r.status = '{Status.CONFLICT.value}'",
            [article_id],
        ).fetchone()
        return int(row[0])

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

    def version_as_bytes(self, sentence_id: int, reviewer: str) -> Review | None:
        """`reviewer`'s version of a sentence saved by another program with the name as
        its UTF-8 bytes, which `version` (by the name as text) does not find."""
        row = self.db.execute(
            _VERSION_SQL + " WHERE sentence_id = ? AND reviewer = CAST(? AS BLOB)",
            [sentence_id, reviewer],
        ).fetchone()
        return review_from(row[0], row[1:]) if row else None

    def delete_version_as_bytes(self, sentence_id: int, reviewer: str) -> None:
        self.db.execute(
            "DELETE FROM review_versions WHERE sentence_id = ? AND reviewer = CAST(? AS BLOB)",
            [sentence_id, reviewer],
        )

    def save_version_as_bytes(self, review: Review) -> None:
        """Put back a version `version_as_bytes` read, its name as bytes again."""
        row = list(_rows([review])[0])
        row[_REVIEWER_AT] = review.reviewer.encode()
        self.db.execute("INSERT OR REPLACE INTO review_versions " + _INTO, row)

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

    def twin_versions(self) -> list[TwinVersion]:
        """(sentence, reviewer, its article's title, its number there, the article) of each reviewer
        with two versions of one sentence's review stored, the names reading alike: one
        as bytes, which the table keeps apart from the same name as text (a hand-edited
        or damaged file; the desk writes names as text, and two texts unlike never read
        alike). Found from the sentences with a name stored as bytes alone (none, most
        often), in two reads whatever their number: a read of each sentence's names and
        of each twin's place took 3.6 s of Check Workspace, not cancellable, on a year's
        workspace whose 122,926 names a script had rewritten as bytes beside the text."""
        names: dict[tuple[int, str], int] = {}
        for sentence_id, name in self.db.execute(
            "SELECT sentence_id, reviewer FROM review_versions WHERE sentence_id IN"
            " (SELECT sentence_id FROM review_versions WHERE typeof(reviewer) = 'blob')"
        ).fetchall():
            key = (int(sentence_id), stored_text(name))
            names[key] = names.get(key, 0) + 1
        twins = sorted(key for key, count in names.items() if count > 1)
        if not twins:
            return []
        wanted = {sentence_id for sentence_id, _reviewer in twins}
        # Each sentence's number in its article, in one read of the articles holding a
        # name as bytes (not one count for each twin).
        places = {
            int(row[0]): (stored_text(row[1]), int(row[2]), int(row[3]))
            for row in self.db.execute(
                "SELECT s.id, a.title, row_number() OVER"
                " (PARTITION BY s.article_id ORDER BY s.start, s.id), s.article_id"
                " FROM sentences s LEFT JOIN articles a ON a.id = s.article_id"
                " WHERE s.article_id IN (SELECT t.article_id FROM sentences t"
                " JOIN review_versions v ON v.sentence_id = t.id"
                " WHERE typeof(v.reviewer) = 'blob')"
            ).fetchall()
            if int(row[0]) in wanted
        }
        return [
            TwinVersion(sentence_id, reviewer, *places.get(sentence_id, ("", 1, 0)))
            for sentence_id, reviewer in twins
        ]

    def save_version(self, review: Review) -> None:
        """Store `review` as its reviewer's own version of the sentence."""
        self.save_versions([review])

    def save_versions(self, reviews: Sequence[Review]) -> None:
        """Store reviewers' own versions (each replacing that reviewer's on that sentence),
        many to one statement (a merge writes tens of thousands)."""
        if any(r.status is Status.CONFLICT for r in reviews):
            # The schema refuses it too; saying so here names the caller's mistake.
            raise ValueError("A reviewer's own review is never in conflict.")
        self.db.executemany("INSERT OR REPLACE INTO review_versions " + _INTO, _rows(reviews))

    def delete_version(self, sentence_id: int, reviewer: str) -> None:
        self.db.execute(
            "DELETE FROM review_versions WHERE sentence_id = ? AND reviewer = ?",
            [sentence_id, reviewer],
        )

    def version_denial_pointers_to(
        self, sentence_ids: Iterable[int]
    ) -> list[tuple[int, StoredName, int]]:
        """(sentence, reviewer as stored, denied sentence) of versions whose denial points
        into `sentence_ids`. A name stored as bytes stays bytes, the key
        `set_version_denies` finds its row by: read as `str(b'Ana Ruiz')` it found none,
        and a merge's denial of that version was let go, its undo never pointing it back."""
        ids = list(sentence_ids)
        found: list[tuple[int, StoredName, int]] = []
        for chunk in sql.chunks(ids):
            rows = self.db.execute(
                "SELECT sentence_id, reviewer, denies_sentence_id FROM review_versions"
                f" WHERE denies_sentence_id IN ({sql.marks(chunk)})",
                chunk,
            ).fetchall()
            found += [
                (int(r[0]), r[1] if type(r[1]) is bytes else str(r[1]), int(r[2])) for r in rows
            ]
        return found

    def set_version_denies(
        self, sentence_id: int, reviewer: StoredName, target: int | None
    ) -> None:
        self.db.execute(
            "UPDATE review_versions SET denies_sentence_id = ? WHERE sentence_id = ?"
            " AND reviewer = ?",
            [target, sentence_id, reviewer],
        )
