"""Map workspace rows to domain objects and back. No business rules, no transactions of its own:
callers (services) wrap multi-step writes in `db.atomic()`.

Every write that changes what a sentence says, or what its review and sources say, also
tells the full-text index (`self.search`), inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from factcheck_app.domain.errors import NotFound, WorkspaceDamaged
from factcheck_app.domain.matching import index_words
from factcheck_app.domain.models import (
    RATINGS_BY_KEY,
    Article,
    ArticleMetadata,
    ArticleSummary,
    FoundSentence,
    Review,
    Sentence,
    SentenceRow,
    Source,
    SourceLink,
    Stance,
    Status,
    Tag,
)
from factcheck_app.domain.segmentation import SentenceSpan
from factcheck_app.storage import article_text, sql
from factcheck_app.storage.errors import WorkspaceDatabase, damaged
from factcheck_app.storage.search import SearchIndex

# An article whose import has not finished writing is hidden. It is marked by a setting
# `import.unfinished.ID` = ID, so finishing never rewrites its (maybe 30 MB) row; versions
# before 0.9 marked it by articles.segmenter = UNFINISHED, still honoured.
UNFINISHED = "importing"
UNFINISHED_PREFIX = "import.unfinished."
_VISIBLE = (
    f"a.segmenter != '{UNFINISHED}' AND a.id NOT IN"
    f" (SELECT CAST(value AS INTEGER) FROM settings WHERE key GLOB '{UNFINISHED_PREFIX}*')"
)
# Settings key: the highest sentence id ever deleted (undo may restore it).
SENTENCE_ID_HIGH_WATER = "sentence_id_high_water"


def now_iso() -> str:
    """UTC timestamp with seconds, as stored in every *_at column."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _date_or_none(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (ValueError, TypeError):  # a hand-edited date shows as none
        return None


# Stored vocabulary → domain value: one dict look-up per row (cheaper than Tag(value)), and
# a value the desk never writes (a hand-edited or damaged file) is caught right here
# instead of failing later in every export and view.
_TAGS: dict[Any, Tag | None] = {None: None, "": None, **{t.value: t for t in Tag}}
_STATUSES: dict[Any, Status] = {s.value: s for s in Status}
_STANCES: dict[Any, Stance] = {s.value: s for s in Stance}
_RATINGS: frozenset[Any] = frozenset([None, *RATINGS_BY_KEY])
_UNKNOWN: Any = object()


def _language_code(value: Any) -> str:
    """A stored language code; anything the desk never writes reads as not known yet."""
    if isinstance(value, str) and 2 <= len(value) <= 3 and value.isascii() and value.islower():
        return value
    return ""


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


class WorkspaceRepository:
    """All SQL the app runs lives here (and, for the full-text index, in `search.py`)."""

    def __init__(self, db: WorkspaceDatabase) -> None:
        self.db = db
        self.search = SearchIndex(db)
        # Schema 3 keeps new articles' text in parts; a read-only older file has no table.
        self.text_in_parts = article_text.has_parts(db)
        self._language_column: bool | None = None

    def _language(self) -> str:
        """The SQL for an article's language: a workspace of schema 3 or older opened
        read-only (not migrated) has no such column, and every language is unknown."""
        if self._language_column is None:
            columns = {r[1] for r in self.db.execute("PRAGMA table_info(articles)")}
            self._language_column = "language" in columns
        return "language" if self._language_column else "''"

    def data_version(self) -> int:
        return int(self._one("PRAGMA data_version")[0])

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.db.execute(sql, params).fetchone()

    # -- articles -------------------------------------------------------------------------

    def find_article_by_hash(self, content_hash: str) -> int | None:
        row = self._one(
            f"SELECT id FROM articles a WHERE content_hash = ? AND {_VISIBLE}", [content_hash]
        )
        return int(row[0]) if row else None

    def insert_article(
        self,
        *,
        text: str,
        content_hash: str,
        metadata: ArticleMetadata,
        source_name: str,
        segmenter: str,
        spans: Sequence[SentenceSpan],
        language: str = "",
    ) -> int:
        """Insert an article with its sentences (in the caller's one transaction)."""
        article_id = self.begin_article(
            text=text,
            content_hash=content_hash,
            metadata=metadata,
            source_name=source_name,
            segmenter=segmenter,
            language=language,
        )
        words = [index_words(text[s.start : s.end]) for s in spans]
        self.add_sentences(article_id, spans, words, text_part=(0, text))
        self.finish_article(article_id)
        return article_id

    # A big import writes in slices, each its own short transaction, so the window's saves
    # never wait long; until the last slice the article is marked unfinished and hidden.

    def begin_article(
        self,
        *,
        text: str,
        content_hash: str,
        metadata: ArticleMetadata,
        source_name: str,
        segmenter: str,
        language: str = "",
    ) -> int:
        """Insert an article row marked unfinished (no sentences yet, and its text only
        when the workspace predates text parts: see `add_sentences`)."""
        cursor = self.db.execute(
            "INSERT INTO articles (title, outlet, author, url, published, source_name, text,"
            " content_hash, segmenter, imported_at, language)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                metadata.title,
                metadata.outlet,
                metadata.author,
                metadata.url,
                _iso(metadata.published),
                source_name,
                "" if self.text_in_parts else text,
                content_hash,
                segmenter,
                now_iso(),
                language,
            ],
        )
        article_id = int(cursor.lastrowid or 0)
        sql.write_setting(self.db, f"{UNFINISHED_PREFIX}{article_id}", str(article_id))
        return article_id

    def add_sentences(
        self,
        article_id: int,
        spans: Sequence[SentenceSpan],
        words: Sequence[str],
        text_part: tuple[int, str] | None = None,
    ) -> None:
        """Append sentences (and their already-normalised index words) to an article, and
        `text_part` = (start, text): the stretch of the article's text they lie in."""
        if text_part is not None and self.text_in_parts:
            article_text.write_part(self.db, article_id, *text_part)
        first_id = self.next_sentence_id()
        self.db.executemany(
            'INSERT INTO sentences (id, article_id, start, "end", paragraph)'
            " VALUES (?, ?, ?, ?, ?)",
            ((first_id + i, article_id, s.start, s.end, s.paragraph) for i, s in enumerate(spans)),
        )
        self.search.add_new_sentences(range(first_id, first_id + len(spans)), words)

    def finish_article(self, article_id: int) -> None:
        """The last slice is in: the article becomes visible (its row is not touched)."""
        self.delete_setting(f"{UNFINISHED_PREFIX}{article_id}")

    def unfinished_articles(self) -> list[int]:
        """Articles whose import stopped half-way (a crash or kill during an import)."""
        return [
            int(r[0]) for r in self.db.execute(f"SELECT id FROM articles a WHERE NOT ({_VISIBLE})")
        ]

    def delete_sentences_of(self, article_id: int, limit: int) -> int:
        """Delete up to `limit` sentences of an article (and their index rows); how many."""
        ids = [
            int(r[0])
            for r in self.db.execute(
                "SELECT id FROM sentences WHERE article_id = ? LIMIT ?", [article_id, limit]
            )
        ]
        self.search.forget_sentences(ids)
        for chunk in sql.chunks(ids):
            self.db.execute(f"DELETE FROM sentences WHERE id IN ({sql.marks(chunk)})", chunk)
        return len(ids)

    def set_segmenter(self, article_id: int, segmenter: str) -> None:
        """Record which splitter version the article's sentence boundaries came from."""
        self.db.execute("UPDATE articles SET segmenter = ? WHERE id = ?", [segmenter, article_id])

    def set_language(self, article_id: int, language: str) -> None:
        """Record the language the article's sentence boundaries are split in."""
        self.db.execute("UPDATE articles SET language = ? WHERE id = ?", [language, article_id])

    def segmenter_of(self, article_id: int) -> str:
        found = self._one("SELECT segmenter FROM articles WHERE id = ?", [article_id])
        return str(found[0] or "") if found else ""

    def delete_article_row(self, article_id: int) -> None:
        self.db.execute("DELETE FROM articles WHERE id = ?", [article_id])
        self.delete_setting(f"{UNFINISHED_PREFIX}{article_id}")

    def get_article(self, article_id: int) -> Article:
        row = self._one(
            "SELECT id, title, text, content_hash, outlet, author, url, published, source_name,"
            f" imported_at, {self._language()} FROM articles WHERE id = ?",
            [article_id],
        )
        if row is None:
            raise NotFound(f"There is no article {article_id} in this workspace.")
        if not isinstance(row[2], str):
            raise damaged(f"Article {article_id}'s text is not text but", type(row[2]).__name__)
        text = row[2]
        if not text and self.text_in_parts:
            text = article_text.read_parts(self.db, article_id) or ""
        return Article(
            id=row[0],
            title=row[1],
            text=text,
            content_hash=row[3],
            outlet=row[4],
            author=row[5],
            url=row[6],
            published=_date_or_none(row[7]),
            source_name=row[8],
            imported_at=row[9],
            language=_language_code(row[10]),
        )

    def article_metadata(self, article_id: int) -> ArticleMetadata:
        article = self.get_article(article_id)
        return ArticleMetadata(
            title=article.title,
            outlet=article.outlet,
            author=article.author,
            url=article.url,
            published=article.published,
            language=article.language,
        )

    def update_article_metadata(self, article_id: int, metadata: ArticleMetadata) -> None:
        self.db.execute(
            "UPDATE articles SET title = ?, outlet = ?, author = ?, url = ?, published = ?"
            " WHERE id = ?",
            [
                metadata.title,
                metadata.outlet,
                metadata.author,
                metadata.url,
                _iso(metadata.published),
                article_id,
            ],
        )
        if metadata.language:
            self.set_language(article_id, metadata.language)

    def list_articles(self) -> list[ArticleSummary]:
        rows = self.db.execute(
            f"""
            SELECT a.id, a.title, a.published, a.outlet,
                   (SELECT count(*) FROM sentences s WHERE s.article_id = a.id),
                   (SELECT count(*) FROM sentences s JOIN reviews r ON r.sentence_id = s.id
                     WHERE s.article_id = a.id AND r.status = 'done')
            FROM articles a WHERE {_VISIBLE} ORDER BY a.id
            """
        ).fetchall()
        return [
            ArticleSummary(
                id=r[0],
                title=r[1],
                published=_date_or_none(r[2]),
                outlet=r[3],
                sentence_count=r[4],
                reviewed_count=r[5],
            )
            for r in rows
        ]

    def article_progress(self, article_id: int) -> tuple[int, int]:
        """(reviewed, total) sentences of one article."""
        row = self._one(
            "SELECT count(*), sum(r.status = 'done') FROM sentences s"
            " LEFT JOIN reviews r ON r.sentence_id = s.id WHERE s.article_id = ?",
            [article_id],
        )
        return int(row[1] or 0), int(row[0])

    # -- sentences ------------------------------------------------------------------------

    # A sentence's span (0-4), its review (5-12) and its number of sources (13).
    _SENTENCE_COLUMNS = """
        s.id, s.article_id, s.start, s."end", s.paragraph,
        r.tag, r.rating, r.claimant, r.explanation, r.status,
        r.denies_sentence_id, r.reviewer, r.updated_at"""
    _SENTENCE_ROW_SQL = f"""
        SELECT {_SENTENCE_COLUMNS}, coalesce(l.links, 0)
        FROM sentences s
        LEFT JOIN reviews r ON r.sentence_id = s.id
        LEFT JOIN (SELECT sentence_id, count(*) AS links FROM sentence_sources
                   GROUP BY sentence_id) l ON l.sentence_id = s.id
    """

    def _sentence_row_from(self, r: Sequence[Any], text: str) -> SentenceRow:
        sentence = Sentence(r[0], r[1], r[2], r[3], r[4], text[r[2] : r[3]])
        return SentenceRow(sentence, self._review_from(r[0], r[5:13]), r[13])

    def sentence_rows(self, article_id: int) -> list[SentenceRow]:
        """Every sentence of an article in reading order, with its review and source count."""
        text = self.get_article(article_id).text
        rows = self.db.execute(
            self._SENTENCE_ROW_SQL + " WHERE s.article_id = ? ORDER BY s.start", [article_id]
        ).fetchall()
        try:
            return [self._sentence_row_from(r, text) for r in rows]
        except TypeError:  # found only when it happens: no cost for a sound workspace
            for r in rows:
                if type(r[2]) is not int or type(r[3]) is not int:
                    raise damaged(f"Sentence {r[0]}'s span is not two numbers:", r[2:4]) from None
            raise

    def sentence_row(self, sentence_id: int) -> SentenceRow:
        """One sentence with its review, for refreshing a view after an edit."""
        row = self._one(self._SENTENCE_ROW_SQL + " WHERE s.id = ?", [sentence_id])
        if row is None:
            raise NotFound(f"There is no sentence {sentence_id} in this workspace.")
        sentence = self.get_sentence(sentence_id)
        return SentenceRow(sentence, self._review_from(row[0], row[5:13]), row[13])

    # Like _SENTENCE_ROW_SQL, plus the article title (14) and the sentence's own words (15).
    _FOUND_SQL = f"""
        SELECT {_SENTENCE_COLUMNS},
               (SELECT count(*) FROM sentence_sources l WHERE l.sentence_id = s.id),
               a.title
        FROM sentences s
        JOIN articles a ON a.id = s.article_id
        LEFT JOIN reviews r ON r.sentence_id = s.id
    """

    def found_sentences(self, sentence_ids: Sequence[int]) -> dict[int, FoundSentence]:
        """Sentences from anywhere in the workspace by id, with review and article title."""
        found: dict[int, FoundSentence] = {}
        for chunk in sql.chunks(sentence_ids):
            where = f" WHERE s.id IN ({sql.marks(chunk)})"
            for r in self.db.execute(self._FOUND_SQL + where, chunk).fetchall():
                text = self.text_between(r[1], r[2], r[3])
                sentence = Sentence(r[0], r[1], r[2], r[3], r[4], text)
                row = SentenceRow(sentence, self._review_from(r[0], r[5:13]), r[13])
                found[r[0]] = FoundSentence(row, r[14])
        return found

    def source_count(self, sentence_id: int) -> int:
        row = self._one(
            "SELECT count(*) FROM sentence_sources WHERE sentence_id = ?", [sentence_id]
        )
        return int(row[0])

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
        text = self.text_between(row[1], row[2], row[3])
        return Sentence(row[0], row[1], row[2], row[3], row[4], text)

    def articles_with_broken_text(self) -> list[int]:
        """Articles whose stored text has a gap, an overlap or is missing."""
        return article_text.problems(self.db)

    def text_between(self, article_id: int, start: int, end: int) -> str:
        """text[start:end] of an article, reading only the part(s) that hold it."""
        if self.text_in_parts:
            found = article_text.read_between(self.db, article_id, start, end)
            if found is not None:
                return found
        row = self._one(
            "SELECT substr(text, ? + 1, ? - ?) FROM articles WHERE id = ?",
            [start, end, start, article_id],
        )
        return str(row[0]) if row is not None and row[0] is not None else ""

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
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE"
            " SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))",
            [SENTENCE_ID_HIGH_WATER, str(sentence_id)],
        )
        self.search.sentence_changed(sentence_id)

    def next_sentence_id(self) -> int:
        """An id no sentence has had: above every current id and every deleted one (which
        an undo may restore; sentences.id has no AUTOINCREMENT to remember them)."""
        row = self._one(
            "SELECT max(coalesce((SELECT max(id) FROM sentences), 0),"
            " coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?), 0)) + 1",
            [SENTENCE_ID_HIGH_WATER],
        )
        return int(row[0])

    # -- reviews --------------------------------------------------------------------------

    @staticmethod
    def _review_from(sentence_id: int, row: Sequence[Any]) -> Review:
        tag, rating, claimant, explanation, status, denies, reviewer, updated_at = row
        if status is None:  # no review row yet: an untouched sentence
            return Review(sentence_id)
        kind = _TAGS.get(tag, _UNKNOWN)
        state = _STATUSES.get(status)
        if kind is _UNKNOWN or state is None or rating not in _RATINGS:
            raise WorkspaceRepository._damaged_review(sentence_id, tag, status, rating)
        return Review(
            sentence_id=sentence_id,
            tag=kind,
            rating=rating,
            claimant=claimant,
            explanation=explanation,
            status=state,
            denies_sentence_id=denies,
            reviewer=reviewer,
            updated_at=updated_at,
        )

    @staticmethod
    def _damaged_review(
        sentence_id: int, tag: object, status: object, rating: object
    ) -> WorkspaceDamaged:
        where = f"Sentence {sentence_id}'s review has an unknown"
        if _TAGS.get(tag, _UNKNOWN) is _UNKNOWN:
            return damaged(f"{where} tag", tag)
        if status not in _STATUSES:
            return damaged(f"{where} status", status)
        return damaged(f"{where} verdict", rating)

    def get_review(self, sentence_id: int) -> Review:
        row = self._one(
            "SELECT tag, rating, claimant, explanation, status, denies_sentence_id, reviewer,"
            " updated_at FROM reviews WHERE sentence_id = ?",
            [sentence_id],
        )
        return self._review_from(sentence_id, row) if row else Review(sentence_id)

    def save_review(self, review: Review) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO reviews (sentence_id, tag, rating, claimant, explanation,"
            " status, denies_sentence_id, reviewer, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                review.sentence_id,
                review.tag.value if review.tag else None,
                review.rating,
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

    # -- sources --------------------------------------------------------------------------

    @staticmethod
    def _source_from(row: Sequence[Any]) -> Source:
        return Source(
            id=row[0],
            url=row[1],
            title=row[2],
            publisher=row[3],
            accessed=_date_or_none(row[4]),
        )

    def find_source_by_url(self, url: str) -> Source | None:
        row = self._one(
            "SELECT id, url, title, publisher, accessed FROM sources WHERE url = ?", [url]
        )
        return self._source_from(row) if row else None

    def list_sources(self) -> list[Source]:
        rows = self.db.execute(
            "SELECT id, url, title, publisher, accessed FROM sources ORDER BY title, url"
        ).fetchall()
        return [self._source_from(r) for r in rows]

    def insert_source(self, source: Source) -> int:
        cursor = self.db.execute(
            "INSERT INTO sources (id, url, title, publisher, accessed, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                source.id or None,
                source.url,
                source.title,
                source.publisher,
                _iso(source.accessed),
                now_iso(),
            ],
        )
        return int(cursor.lastrowid or 0)

    def delete_source(self, source_id: int) -> None:
        self.db.execute("DELETE FROM sources WHERE id = ?", [source_id])

    def source_link_count(self, source_id: int) -> int:
        row = self._one("SELECT count(*) FROM sentence_sources WHERE source_id = ?", [source_id])
        return int(row[0])

    _LINK_SQL = (
        "SELECT l.id, l.sentence_id, l.stance, l.excerpt,"
        " s.id, s.url, s.title, s.publisher, s.accessed"
        " FROM sentence_sources l JOIN sources s ON s.id = l.source_id"
    )

    def _link_from(self, r: Sequence[Any]) -> SourceLink:
        stance = _STANCES.get(r[2])
        if stance is None:
            raise damaged(f"Source link {r[0]} of sentence {r[1]} has an unknown stance", r[2])
        return SourceLink(
            id=r[0],
            sentence_id=r[1],
            source=self._source_from(r[4:9]),
            stance=stance,
            excerpt=r[3],
        )

    def links_for_sentence(self, sentence_id: int) -> list[SourceLink]:
        rows = self.db.execute(
            self._LINK_SQL + " WHERE l.sentence_id = ? ORDER BY l.id", [sentence_id]
        ).fetchall()
        return [self._link_from(r) for r in rows]

    def links_for_article(self, article_id: int) -> dict[int, list[SourceLink]]:
        """Every source link of an article, by sentence, in one query (reports, exports)."""
        rows = self.db.execute(
            self._LINK_SQL + " JOIN sentences t ON t.id = l.sentence_id"
            " WHERE t.article_id = ? ORDER BY l.id",
            [article_id],
        ).fetchall()
        links: dict[int, list[SourceLink]] = {}
        for r in rows:
            links.setdefault(r[1], []).append(self._link_from(r))
        return links

    def is_linked(self, sentence_id: int, source_id: int) -> bool:
        row = self._one(
            "SELECT 1 FROM sentence_sources WHERE sentence_id = ? AND source_id = ?",
            [sentence_id, source_id],
        )
        return row is not None

    def insert_link(self, link: SourceLink) -> int:
        cursor = self.db.execute(
            "INSERT INTO sentence_sources (id, sentence_id, source_id, stance, excerpt,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                link.id or None,
                link.sentence_id,
                link.source.id,
                link.stance.value,
                link.excerpt,
                now_iso(),
            ],
        )
        self.search.review_changed(link.sentence_id)
        return int(cursor.lastrowid or 0)

    def delete_link(self, link: SourceLink) -> None:
        self.db.execute("DELETE FROM sentence_sources WHERE id = ?", [link.id])
        self.search.review_changed(link.sentence_id)

    # -- settings -------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        value = sql.read_setting(self.db, key)
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        sql.write_setting(self.db, key, value)

    def delete_setting(self, key: str) -> None:
        self.db.execute("DELETE FROM settings WHERE key = ?", [key])

    def history_since(self, history_id: int, limit: int = 20) -> list[dict[str, Any]]:
        """The newest history rows after `history_id`, newest first."""
        return [
            dict(row)
            for row in self.db.query(
                "SELECT id, at, actor, action, description, entity, entity_id, new FROM history"
                " WHERE id > ? ORDER BY id DESC LIMIT ?",
                [history_id, limit],
            )
        ]

    def last_history_id(self) -> int:
        return int(self._one("SELECT coalesce(max(id), 0) FROM history")[0])

    # -- history --------------------------------------------------------------------------

    def record_history(
        self,
        *,
        actor: str,
        action: str,
        description: str,
        entity: str,
        entity_id: int | None,
        old: object,
        new: object,
    ) -> None:
        self.db.execute(
            "INSERT INTO history (at, actor, action, description, entity, entity_id, old, new)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                now_iso(),
                actor,
                action,
                description,
                entity,
                entity_id,
                json.dumps(old, ensure_ascii=False, default=str),
                json.dumps(new, ensure_ascii=False, default=str),
            ],
        )
