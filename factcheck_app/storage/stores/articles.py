"""Article rows: find, read (whole or a stretch of the text), list, and edit properties."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from factcheck_app.domain.errors import NotFound
from factcheck_app.domain.models import Article, ArticleMetadata, ArticleSummary
from factcheck_app.storage import article_text, sql
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.stores.rows import (
    SAME_TEXT_MARKS,
    VISIBLE,
    date_or_none,
    iso,
    language_code,
    same_text_first,
    stored_text,
)

# Settings key: the highest article id ever deleted (an undo may restore it, and history
# entries filed under it stay: a new article under that id would show them as its own).
ARTICLE_ID_HIGH_WATER = "article_id_high_water"


class ArticleStore:
    """The `articles` table (and `article_text`, where new articles keep their text)."""

    def __init__(self, db: WorkspaceDatabase) -> None:
        self.db = db
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

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.db.execute(sql, params).fetchone()

    def next_article_id(self) -> int:
        """An id no article has had (see `sql.next_id`)."""
        return sql.next_id(self.db, "articles", ARTICLE_ID_HIGH_WATER, "article_id")

    def forget_article_id(self, article_id: int) -> None:
        """The article's row is being deleted: its id is never given to another."""
        sql.raise_high_water(self.db, ARTICLE_ID_HIGH_WATER, article_id)

    def find_article_by_hash(self, content_hash: str) -> int | None:
        # The hash as text or as the bytes another program may have rewritten it as (read
        # as the text it spells everywhere else; "= ?" missed it, and the same text was
        # imported a second time): both through the UNIQUE index.
        row = self._one(
            f"SELECT id FROM articles a WHERE content_hash IN (?, CAST(? AS BLOB)) AND {VISIBLE}",
            [content_hash, content_hash],
        )
        return int(row[0]) if row else None

    def article_exists(self, article_id: int) -> bool:
        """Whether the article is in the workspace (and listed: its import finished)."""
        return (
            self._one(f"SELECT 1 FROM articles a WHERE id = ? AND {VISIBLE}", [article_id])
            is not None
        )

    def neighbour_of(self, article_id: int) -> int | None:
        """The article listed after this one (the list is in id order), else before it."""
        row = self._one(
            f"SELECT id FROM articles a WHERE id > ? AND {VISIBLE} ORDER BY id LIMIT 1",
            [article_id],
        ) or self._one(
            f"SELECT id FROM articles a WHERE id < ? AND {VISIBLE} ORDER BY id DESC LIMIT 1",
            [article_id],
        )
        return int(row[0]) if row else None

    def set_segmenter(self, article_id: int, segmenter: str) -> None:
        """Record which splitter version the article's sentence boundaries came from."""
        self.db.execute("UPDATE articles SET segmenter = ? WHERE id = ?", [segmenter, article_id])

    def set_language(self, article_id: int, language: str) -> None:
        """Record the language the article's sentence boundaries are split in."""
        self.db.execute("UPDATE articles SET language = ? WHERE id = ?", [language, article_id])

    def segmenter_of(self, article_id: int) -> str:
        found = self._one("SELECT segmenter FROM articles WHERE id = ?", [article_id])
        return stored_text(found[0]) if found else ""  # bytes: the name they spell

    def get_article(self, article_id: int) -> Article:
        row = self._one(
            "SELECT id, title, text, content_hash, outlet, author, url, published, source_name,"
            f" imported_at, {self._language()} FROM articles WHERE id = ?",
            [article_id],
        )
        if row is None:
            raise NotFound(f"There is no article {article_id} in this workspace.")
        text = article_text.whole_text(article_id, row[2])
        if not text and self.text_in_parts:
            text = article_text.read_parts(self.db, article_id) or ""
        return Article(
            id=row[0],
            title=stored_text(row[1]),
            text=text,
            content_hash=stored_text(row[3]),
            outlet=stored_text(row[4]),
            author=stored_text(row[5]),
            url=stored_text(row[6]),
            published=date_or_none(row[7]),
            source_name=stored_text(row[8]),
            imported_at=stored_text(row[9]),
            language=language_code(row[10]),
        )

    def article_metadata(self, article_id: int) -> ArticleMetadata:
        return self.get_article(article_id).metadata

    def update_article_metadata(self, article_id: int, metadata: ArticleMetadata) -> None:
        self.db.execute(
            "UPDATE articles SET title = ?, outlet = ?, author = ?, url = ?, published = ?"
            " WHERE id = ?",
            [
                metadata.title,
                metadata.outlet,
                metadata.author,
                metadata.url,
                iso(metadata.published),
                article_id,
            ],
        )
        if metadata.language:
            self.set_language(article_id, metadata.language)

    def has_articles(self) -> bool:
        """Is there any article (cheap: `list_articles` counts every sentence's review)?"""
        return self._one(f"SELECT 1 FROM articles a WHERE {VISIBLE} LIMIT 1") is not None

    def listed(self) -> tuple[int, int]:
        """(how many articles are listed, the highest id among them): cheap, unlike
        `list_articles`, for telling whether an article came in or went."""
        row = self._one(f"SELECT count(*), coalesce(max(a.id), 0) FROM articles a WHERE {VISIBLE}")
        return int(row[0]), int(row[1])

    def count_articles(self) -> int:
        return int(self._one(f"SELECT count(*) FROM articles a WHERE {VISIBLE}")[0])

    def titles(self) -> list[tuple[int, str]]:
        """(id, title) of every article listed, in id order: cheap, unlike `list_articles`,
        which counts each one's sentences and reviews (0.2-0.5 s on a year's 5,000)."""
        rows = self.db.execute(
            f"SELECT a.id, a.title FROM articles a WHERE {VISIBLE} ORDER BY a.id"
        )
        return [(int(r[0]), stored_text(r[1])) for r in rows.fetchall()]

    def title_and_size(self, article_id: int) -> tuple[str, int] | None:
        """(title, sentence count) of one listed article, else None: cheap, unlike
        `list_articles`, which counts every article's sentences and reviews (0.2-0.5 s on
        a year's 5,000), for telling of one (a text imported again)."""
        row = self._one(
            "SELECT a.title, (SELECT count(*) FROM sentences s WHERE s.article_id = a.id)"
            f" FROM articles a WHERE a.id = ? AND {VISIBLE}",
            [article_id],
        )
        return (stored_text(row[0]), int(row[1])) if row is not None else None

    def list_articles(self) -> list[ArticleSummary]:
        rows = self.db.execute(f"{_SUMMARY_SQL} WHERE {VISIBLE} ORDER BY a.id").fetchall()
        return [_summary(r) for r in rows]

    def article_summary(self, article_id: int) -> ArticleSummary:
        """One article's line of `list_articles`, read by its key: read from the whole
        list, each refusal of Article Properties read every article of a year's
        workspace (docs/performance.md, "One article's line")."""
        row = self._one(f"{_SUMMARY_SQL} WHERE a.id = ? AND {VISIBLE}", [article_id])
        if row is None:
            raise NotFound(f"There is no article {article_id} in this workspace.")
        return _summary(row)

    def article_progress(self, article_id: int) -> tuple[int, int]:
        """(reviewed, total) sentences of one article."""
        row = self._one(
            "SELECT count(*), sum(r.status = 'done') FROM sentences s"
            " LEFT JOIN reviews r ON r.sentence_id = s.id WHERE s.article_id = ?",
            [article_id],
        )
        return int(row[1] or 0), int(row[0])

    def articles_with_broken_text(self) -> list[int]:
        """Listed articles whose stored text has a gap, an overlap or is missing. One still
        being written by an import (or whose import a crash cut short) is left out: its
        row is saved before its text, and it is listed only once whole (or removed)."""
        broken = article_text.problems(self.db)
        if not broken:
            return []
        unfinished = set(self.unfinished())
        return [article_id for article_id in broken if article_id not in unfinished]

    def unfinished(self) -> list[int]:
        """Articles an import is still writing, or whose import a crash cut short: not
        listed, and removed at the next open for editing."""
        return [
            int(r[0]) for r in self.db.execute(f"SELECT id FROM articles a WHERE NOT ({VISIBLE})")
        ]

    def text_between(self, article_id: int, start: int, end: int) -> str:
        """text[start:end] of an article, reading only the part(s) that hold it."""
        if self.text_in_parts:
            found = article_text.read_between(self.db, article_id, start, end)
            if found is not None:
                return found
        row = self._one(
            # As text: of bytes, substr counts bytes, and the offsets count characters.
            "SELECT substr(CAST(text AS TEXT), ? + 1, ? - ?) FROM articles WHERE id = ?",
            [start, end, start, article_id],
        )
        return stored_text(row[0]) if row is not None and row[0] is not None else ""


# An article's line in the list: its counts of sentences and of those reviewed.
_SUMMARY_SQL = f"""
    SELECT a.id, a.title, a.published, a.outlet,
           (SELECT count(*) FROM sentences s WHERE s.article_id = a.id),
           (SELECT count(*) FROM sentences s JOIN reviews r ON r.sentence_id = s.id
             WHERE s.article_id = a.id AND r.status = 'done'),
           a.imported_at, a.source_name,
           -- a cleaned copy's twin (`same_text_mark`); NULL for any other article
           CASE WHEN a.content_hash GLOB '{SAME_TEXT_MARKS}' THEN a.content_hash END
    FROM articles a"""


def _summary(r: Sequence[Any]) -> ArticleSummary:
    return ArticleSummary(
        id=r[0],
        title=stored_text(r[1]),
        published=date_or_none(r[2]),
        outlet=stored_text(r[3]),
        sentence_count=r[4],
        reviewed_count=r[5],
        imported_at=stored_text(r[6]),
        source_name=stored_text(r[7]),
        same_text_as=same_text_first(r[8]),
    )
