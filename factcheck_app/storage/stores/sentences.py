"""Sentence rows: spans into their article's text, read with their reviews."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from factcheck_app.domain.errors import NotFound
from factcheck_app.domain.models import FoundSentence, Sentence, SentenceRow
from factcheck_app.storage import sql
from factcheck_app.storage.errors import WorkspaceDatabase, damaged
from factcheck_app.storage.search import SearchIndex
from factcheck_app.storage.stores.articles import ArticleStore
from factcheck_app.storage.stores.rows import review_from, sign_off_from, stored_text

# Settings key: the highest sentence id ever deleted (undo may restore it).
SENTENCE_ID_HIGH_WATER = "sentence_id_high_water"

# A sentence's span (0-4), its review (5-12) and its number of sources (13), then its
# sign-off (14-18). The sources are counted per sentence through the link index: a join
# on a grouped count of sentence_sources counted every link of the workspace each time
# (12 ms an article with a year's 24,000 links; the summary of 5,000 articles, a minute).
_SENTENCE_COLUMNS = """
    s.id, s.article_id, s.start, s."end", s.paragraph,
    r.tag, r.rating, r.claimant, r.explanation, r.status,
    r.denies_sentence_id, r.reviewer, r.updated_at"""
_SENTENCE_ROW_SQL = f"""
    SELECT {_SENTENCE_COLUMNS},
           (SELECT count(*) FROM sentence_sources l WHERE l.sentence_id = s.id),
           o.decision, o.editor, o.checker, o.note, o.at
    FROM sentences s
    LEFT JOIN reviews r ON r.sentence_id = s.id
    LEFT JOIN sign_offs o ON o.sentence_id = s.id
"""
# Like _SENTENCE_ROW_SQL, plus the article title (14).
_FOUND_SQL = f"""
    SELECT {_SENTENCE_COLUMNS},
           (SELECT count(*) FROM sentence_sources l WHERE l.sentence_id = s.id),
           a.title
    FROM sentences s
    JOIN articles a ON a.id = s.article_id
    LEFT JOIN reviews r ON r.sentence_id = s.id
"""


def _paragraph(value: Any) -> int:
    """A stored paragraph number; anything else (a hand-edited file) reads as the first."""
    return value if type(value) is int else 0


class SentenceStore:
    """The `sentences` table; every change also tells the full-text index."""

    def __init__(self, db: WorkspaceDatabase, articles: ArticleStore, search: SearchIndex) -> None:
        self.db = db
        self.articles = articles
        self.search = search

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.db.execute(sql, params).fetchone()

    def sentence_rows(self, article_id: int) -> list[SentenceRow]:
        """Every sentence of an article in reading order, with its review and source count."""
        text = self.articles.get_article(article_id).text
        rows = self.db.execute(
            _SENTENCE_ROW_SQL + " WHERE s.article_id = ? ORDER BY s.start", [article_id]
        ).fetchall()
        try:
            return [
                SentenceRow(
                    Sentence(r[0], r[1], r[2], r[3], _paragraph(r[4]), text[r[2] : r[3]]),
                    review_from(r[0], r[5:13]),
                    r[13],
                    sign_off_from(r[0], r[14:19]) if r[14] is not None else None,
                )
                for r in rows
            ]
        except TypeError:  # found only when it happens: no cost for a sound workspace
            for r in rows:
                if type(r[2]) is not int or type(r[3]) is not int:
                    raise damaged(f"Sentence {r[0]}'s span is not two numbers:", r[2:4]) from None
            raise

    def longest_span(self, article_id: int) -> int:
        """How many characters the article's longest sentence has (0: none). Its spans
        only, through the article's index: no text read, however long the sentences."""
        row = self._one(
            'SELECT max("end" - start) FROM sentences WHERE article_id = ?', [article_id]
        )
        return row[0] if row is not None and type(row[0]) is int else 0

    def sentence_row(self, sentence_id: int) -> SentenceRow:
        """One sentence with its review, for refreshing a view after an edit."""
        row = self._one(_SENTENCE_ROW_SQL + " WHERE s.id = ?", [sentence_id])
        if row is None:
            raise NotFound(f"There is no sentence {sentence_id} in this workspace.")
        sentence = self.get_sentence(sentence_id)
        return SentenceRow(
            sentence, review_from(row[0], row[5:13]), row[13], sign_off_from(row[0], row[14:19])
        )

    def found_sentences(self, sentence_ids: Sequence[int]) -> dict[int, FoundSentence]:
        """Sentences from anywhere in the workspace by id, with review and article title."""
        found: dict[int, FoundSentence] = {}
        for chunk in sql.chunks(sentence_ids):
            where = f" WHERE s.id IN ({sql.marks(chunk)})"
            for r in self.db.execute(_FOUND_SQL + where, chunk).fetchall():
                if type(r[2]) is not int or type(r[3]) is not int:
                    raise damaged(f"Sentence {r[0]}'s span is not two numbers:", r[2:4])
                text = self.articles.text_between(r[1], r[2], r[3])
                sentence = Sentence(r[0], r[1], r[2], r[3], _paragraph(r[4]), text)
                row = SentenceRow(sentence, review_from(r[0], r[5:13]), r[13])
                found[r[0]] = FoundSentence(row, stored_text(r[14]))
        return found

    def article_of_sentence(self, sentence_id: int) -> int:
        """The article a sentence belongs to (cheap: no text is read)."""
        row = self._one("SELECT article_id FROM sentences WHERE id = ?", [sentence_id])
        if row is None:
            raise NotFound(f"There is no sentence {sentence_id} in this workspace.")
        return int(row[0])

    def get_sentence(self, sentence_id: int) -> Sentence:
        row = self._one(
            'SELECT id, article_id, start, "end", paragraph FROM sentences WHERE id = ?',
            [sentence_id],
        )
        if row is None:
            raise NotFound(f"There is no sentence {sentence_id} in this workspace.")
        if type(row[2]) is not int or type(row[3]) is not int:
            raise damaged(f"Sentence {row[0]}'s span is not two numbers:", row[2:4])
        text = self.articles.text_between(row[1], row[2], row[3])
        return Sentence(row[0], row[1], row[2], row[3], _paragraph(row[4]), text)

    def next_sentence(self, sentence: Sentence) -> Sentence | None:
        row = self._one(
            "SELECT id FROM sentences WHERE article_id = ? AND start > ? ORDER BY start LIMIT 1",
            [sentence.article_id, sentence.start],
        )
        return self.get_sentence(row[0]) if row else None

    def insert_sentence(self, sentence: Sentence) -> int:
        """Insert a sentence; a non-zero id is kept (undo brings sentences back as they were)."""
        cursor = self.db.execute(
            'INSERT INTO sentences (id, article_id, start, "end", paragraph)'
            " VALUES (?, ?, ?, ?, ?)",
            [
                sentence.id or None,
                sentence.article_id,
                sentence.start,
                sentence.end,
                sentence.paragraph,
            ],
        )
        sentence_id = int(cursor.lastrowid or 0)
        self.search.sentence_changed(sentence_id)
        return sentence_id

    def sentence_exists(self, sentence_id: int) -> bool:
        return self._one("SELECT 1 FROM sentences WHERE id = ?", [sentence_id]) is not None

    def delete_sentence(self, sentence_id: int) -> None:
        self.db.execute("DELETE FROM sentences WHERE id = ?", [sentence_id])
        # Undo may bring this id back: never hand it to a new sentence (see next_sentence_id).
        sql.raise_high_water(self.db, SENTENCE_ID_HIGH_WATER, sentence_id)
        self.search.sentence_changed(sentence_id)

    def next_sentence_id(self) -> int:
        """An id no sentence has had: above every current id, every deleted one (which
        an undo may restore) and every one the history names."""
        return sql.next_id(self.db, "sentences", SENTENCE_ID_HIGH_WATER, "sentence_id")
