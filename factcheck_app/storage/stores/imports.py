"""Writing an imported article. A big import writes in slices, each its own short
transaction, so the window's saves never wait long; until the last slice the article is
marked unfinished and hidden (`rows.VISIBLE`)."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck_app.domain.matching import index_words
from factcheck_app.domain.models import ArticleMetadata
from factcheck_app.domain.segmentation import SentenceSpan
from factcheck_app.storage import article_text, sql
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.search import SearchIndex
from factcheck_app.storage.stores.articles import ArticleStore
from factcheck_app.storage.stores.rows import UNFINISHED_PREFIX, VISIBLE, iso, now_iso
from factcheck_app.storage.stores.sentences import SentenceStore


class ImportStore:
    """An article's row, its sentences slice by slice, and clearing an import cut short."""

    def __init__(
        self,
        db: WorkspaceDatabase,
        articles: ArticleStore,
        sentences: SentenceStore,
        search: SearchIndex,
    ) -> None:
        self.db = db
        self.articles = articles
        self.sentences = sentences
        self.search = search

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
                iso(metadata.published),
                source_name,
                "" if self.articles.text_in_parts else text,
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
        if text_part is not None and self.articles.text_in_parts:
            article_text.write_part(self.db, article_id, *text_part)
        first_id = self.sentences.next_sentence_id()
        self.db.executemany(
            'INSERT INTO sentences (id, article_id, start, "end", paragraph)'
            " VALUES (?, ?, ?, ?, ?)",
            ((first_id + i, article_id, s.start, s.end, s.paragraph) for i, s in enumerate(spans)),
        )
        self.search.add_new_sentences(range(first_id, first_id + len(spans)), words)

    def finish_article(self, article_id: int) -> None:
        """The last slice is in: the article becomes visible (its row is not touched)."""
        self._unmark(article_id)

    def _unmark(self, article_id: int) -> None:
        self.db.execute("DELETE FROM settings WHERE key = ?", [f"{UNFINISHED_PREFIX}{article_id}"])

    def unfinished_articles(self) -> list[int]:
        """Articles whose import stopped half-way (a crash or kill during an import)."""
        return [
            int(r[0]) for r in self.db.execute(f"SELECT id FROM articles a WHERE NOT ({VISIBLE})")
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

    def delete_article_row(self, article_id: int) -> None:
        """Remove an unfinished import's article row (its sentences are gone already)."""
        self.db.execute("DELETE FROM articles WHERE id = ?", [article_id])
        self._unmark(article_id)
