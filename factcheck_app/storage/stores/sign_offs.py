"""Sign-off rows: an editor's approval or return of a sentence's decided verdict."""

from __future__ import annotations

from collections.abc import Iterable

from factcheck_app.domain.models import SignOff
from factcheck_app.domain.sign_off import AWAITING_STATUS
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.stores.rows import sign_off_from, stored_text

_SIGN_OFF_COLUMNS = "decision, editor, checker, note, at"
# Sentence ids asked for in one statement (under SQLite's older limit of 999 parameters).
_IDS_AT_ONCE = 500

# The articles holding a sentence `domain/sign_off.sign_off_state` calls AWAITING: its
# decided review has AWAITING_STATUS and a verdict, and it has no sign-off row; each
# with the name of who saved such a review last.
AWAITING_ARTICLES_SQL = f"""
    SELECT DISTINCT s.article_id, r.reviewer FROM reviews r JOIN sentences s ON s.id = r.sentence_id
    WHERE r.status = '{AWAITING_STATUS.value}' AND r.rating IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM sign_offs o WHERE o.sentence_id = r.sentence_id)
"""


class SignOffStore:
    """The `sign_offs` table: at most one sign-off per sentence."""

    def __init__(self, db: WorkspaceDatabase) -> None:
        self.db = db

    def get(self, sentence_id: int) -> SignOff | None:
        row = self.db.execute(
            f"SELECT {_SIGN_OFF_COLUMNS} FROM sign_offs WHERE sentence_id = ?", [sentence_id]
        ).fetchone()
        return sign_off_from(sentence_id, row) if row else None

    def for_article(self, article_id: int) -> dict[int, SignOff]:
        """Every sign-off of an article's sentences, by sentence, in one query (reports)."""
        rows = self.db.execute(
            f"SELECT sentence_id, {_SIGN_OFF_COLUMNS} FROM sign_offs"
            " WHERE sentence_id IN (SELECT id FROM sentences WHERE article_id = ?)",
            [article_id],
        ).fetchall()
        found = {r[0]: sign_off_from(r[0], r[1:]) for r in rows}
        return {k: v for k, v in found.items() if v is not None}

    def returned_by_checker(self) -> list[tuple[str, int, int]]:
        """(checker, article id, how many) of the verdicts returned and not yet changed
        since: a changed verdict takes its sign-off away. Read through the decision's index
        (a year's workspace has 205,000 sentences; returned ones are few). Through the
        article by its key: a sentence whose article id is text (a hand-edited or damaged
        file) is in no article, and is not counted."""
        rows = self.db.execute(
            "SELECT sign_offs.checker, articles.id, COUNT(*) FROM sign_offs"
            " JOIN sentences ON sentences.id = sign_offs.sentence_id"
            " JOIN articles ON articles.id = sentences.article_id"
            " WHERE sign_offs.decision = 'returned'"
            " GROUP BY sign_offs.checker, articles.id"
        ).fetchall()
        # The checker as the text it spells: a name another program stored as bytes read
        # as "b'Bob Tran'" was nobody's, and his returned verdicts were counted for no one.
        return [
            (stored_text(checker), int(article), int(count)) for checker, article, count in rows
        ]

    def returned_in(self, article_id: int) -> int:
        """How many verdicts of one article are returned and not changed since (every
        checker's, as `returned_by_checker` counts them)."""
        row = self.db.execute(
            "SELECT COUNT(*) FROM sign_offs"
            " JOIN sentences ON sentences.id = sign_offs.sentence_id"
            " WHERE sign_offs.decision = 'returned' AND sentences.article_id = ?",
            [article_id],
        ).fetchone()
        return int(row[0])

    def reviewers(self) -> list[str]:
        """Every name that saved a review here: one look into the reviewer index per
        name (a year's workspace of one checker: one name, well under a millisecond;
        SELECT DISTINCT read the whole index, 3-120 ms). Each as the text it spells, once:
        a name another program stored as bytes is read on from as stored (read on from
        as `str(b'Ana Ruiz')`, text before every bytes value, the same row came back for
        ever and the window hung at its open)."""
        names: list[str] = []
        last: str | bytes = ""
        while True:
            row = self.db.execute(
                "SELECT min(reviewer) FROM review_versions WHERE reviewer > ?", [last]
            ).fetchone()
            if row is None or row[0] is None:
                return names
            last = row[0] if type(row[0]) is bytes else str(row[0])
            name = stored_text(row[0])
            if name not in names:
                names.append(name)

    def awaiting_of(self, reviewer: str, limit: int) -> list[tuple[int, int]]:
        """(sentence id, article id) of the verdicts awaiting sign-off (the Show box's
        Awaiting sign-off: done, with a verdict, signed off by nobody) whose review
        `reviewer` saved last, at most `limit` of them. Read through the reviewer index
        (never the reviews of others) and stopped at `limit`: a year's workspace of one
        checker (205,000 sentences, 73,600 such verdicts) took 75-110 ms counted whole
        through the status index, a turn of the window; 1,001 of them take under 1 ms.
        (All of them signed off but a few, the whole index is read: 200 ms.)"""
        rows = self.db.execute(
            "SELECT reviews.sentence_id, sentences.article_id FROM review_versions"
            " JOIN reviews ON reviews.sentence_id = review_versions.sentence_id"
            " JOIN sentences ON sentences.id = reviews.sentence_id"
            # The name as text or as the bytes another program may have stored it as
            # (`reviewers` lists it as the text it spells): both through the index.
            " WHERE review_versions.reviewer IN (?, CAST(? AS BLOB))"
            # Compared as the text they spell: a script may have rewritten one table's
            # names only, and the verdict was left out (the whole index walked to find
            # none). Only a filter: the index is looked into for the name above.
            " AND CAST(reviews.reviewer AS TEXT) = CAST(review_versions.reviewer AS TEXT)"
            # `+`: not through the status index, which holds every reviewer's done reviews
            f" AND +reviews.status = '{AWAITING_STATUS.value}' AND reviews.rating IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM sign_offs"
            " WHERE sign_offs.sentence_id = reviews.sentence_id)"
            " LIMIT ?",
            [reviewer, reviewer, limit],
        ).fetchall()
        return [(int(sentence), int(article)) for sentence, article in rows]

    def awaiting_among(self, sentence_ids: Iterable[int]) -> list[tuple[int, int, str]]:
        """(sentence id, article id, who saved it last) of those of `sentence_ids` whose
        verdict awaits sign-off as `awaiting_of` reads them (its saver's own version kept):
        the few sentences an edit touched, looked at again by their keys."""
        ids = list(dict.fromkeys(sentence_ids))
        found: list[tuple[int, int, str]] = []
        for start in range(0, len(ids), _IDS_AT_ONCE):
            part = ids[start : start + _IDS_AT_ONCE]
            found += [
                (int(sentence), int(article), stored_text(reviewer))
                for sentence, article, reviewer in self.db.execute(
                    "SELECT reviews.sentence_id, sentences.article_id, reviews.reviewer"
                    " FROM reviews JOIN sentences ON sentences.id = reviews.sentence_id"
                    f" WHERE reviews.sentence_id IN ({', '.join('?' * len(part))})"
                    f" AND reviews.status = '{AWAITING_STATUS.value}'"
                    " AND reviews.rating IS NOT NULL"
                    " AND NOT EXISTS (SELECT 1 FROM sign_offs"
                    " WHERE sign_offs.sentence_id = reviews.sentence_id)"
                    " AND EXISTS (SELECT 1 FROM review_versions"
                    " WHERE review_versions.sentence_id = reviews.sentence_id"
                    " AND CAST(review_versions.reviewer AS TEXT)"
                    " = CAST(reviews.reviewer AS TEXT))",
                    part,
                )
            ]
        return found

    def awaiting_articles(self) -> list[tuple[int, str]]:
        """(article id, reviewer) of the verdicts that await sign-off: done, with a
        verdict, signed off by nobody (`domain/sign_off.sign_off_state`), by who saved
        each last, once a pair. Through the status index, but every done review is read:
        asked when the finder's choice is made, not when articles are listed (a year's
        workspace, 98,000 done, takes tens of ms)."""
        # Who, as the text the name spells: a name another program stored as bytes, read
        # as "b'Ana Ruiz'", was nobody's, and her own verdicts awaited her own sign-off.
        return [(int(r[0]), stored_text(r[1])) for r in self.db.execute(AWAITING_ARTICLES_SQL)]

    def save(self, sign_off: SignOff) -> None:
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

    def delete(self, sentence_id: int) -> None:
        self.db.execute("DELETE FROM sign_offs WHERE sentence_id = ?", [sentence_id])
