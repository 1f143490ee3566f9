"""Writing an imported article. A big import writes in slices, each its own short
transaction, so the window's saves never wait long; until the last slice the article is
marked unfinished and hidden (`rows.VISIBLE`)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from factcheck_app.domain.errors import NotFound
from factcheck_app.domain.matching import index_words
from factcheck_app.domain.models import ArticleMetadata
from factcheck_app.domain.segmentation import SentenceSpan
from factcheck_app.storage import article_text, sql
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.search import SearchIndex
from factcheck_app.storage.stores.articles import ArticleStore
from factcheck_app.storage.stores.rows import (
    READING_PREFIX,
    UNFINISHED_PREFIX,
    VISIBLE,
    iso,
    now_iso,
    same_text_mark,
    stored_text,
)
from factcheck_app.storage.stores.sentences import SENTENCE_ID_HIGH_WATER, SentenceStore


@dataclass(frozen=True)
class StoredArticle:
    """An article's rows exactly as stored, to put back after `remove_article` (undo).
    Only an article with nothing recorded on it is ever removed, so its rows are all."""

    article: dict[str, Any]
    text_parts: list[tuple[int, str]]
    sentences: list[tuple[int, int, int, int]]  # id, start, end, paragraph

    @property
    def id(self) -> int:
        return int(self.article["id"])

    @property
    def sentence_ids(self) -> list[int]:
        return [row[0] for row in self.sentences]


# What counts as work recorded on an article's sentences: a review (even one set back to
# Unreviewed names who did it), a reviewer's own version, a source link, a sign-off.
_WORK_TABLES = ("reviews", "review_versions", "sentence_sources", "sign_offs")


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
        article_id: int | None = None,
        first_sentence_id: int | None = None,
    ) -> int:
        """Insert an article with its sentences (in the caller's one transaction); under
        the ids given, if any (a merge redone puts its articles where it first did)."""
        article_id = self.begin_article(
            text=text,
            content_hash=content_hash,
            metadata=metadata,
            source_name=source_name,
            segmenter=segmenter,
            language=language,
            article_id=article_id,
        )
        words = [index_words(text[s.start : s.end]) for s in spans]
        self.add_sentences(
            article_id, spans, words, text_part=(0, text), first_id=first_sentence_id
        )
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
        article_id: int | None = None,
    ) -> int:
        """Insert an article row marked unfinished (no sentences yet, and its text only
        when the workspace predates text parts: see `add_sentences`), under `article_id`
        when given (else an id no article has had: `ArticleStore.next_article_id`)."""
        if article_id is None:
            article_id = self.articles.next_article_id()
        cursor = self.db.execute(
            "INSERT INTO articles (id, title, outlet, author, url, published, source_name,"
            " text, content_hash, segmenter, imported_at, language)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                article_id,
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
        first_id: int | None = None,
    ) -> None:
        """Append sentences (and their already-normalised index words) to an article, and
        `text_part` = (start, text): the stretch of the article's text they lie in. Their
        ids follow on from `first_id` when given, else from the next unused one."""
        if text_part is not None and self.articles.text_in_parts:
            article_text.write_part(self.db, article_id, *text_part)
        if first_id is None:
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
        key = f"{UNFINISHED_PREFIX}{article_id}"
        # As text, or as the bytes another program rewrote it as (while the import ran, or
        # after a crash left it): by the text key alone, the article stayed hidden, and the
        # next open removed it as an import cut short.
        sql.delete_setting(self.db, key)

    def note_reading(self, name: str) -> str:
        """Mark `name` (a file's, or "pasted text") as being read, before anything of it
        is written; the key to `forget_reading` once it is in or refused. In the caller's
        transaction."""
        key = f"{READING_PREFIX}{secrets.token_hex(8)}"
        sql.write_setting(self.db, key, name)
        return key

    def forget_reading(self, key: str) -> None:
        # Its key as bytes too (another program's rewrite), or the next open named the
        # file as one whose import a stopped desk cut short.
        sql.delete_setting(self.db, key)

    def readings(self) -> list[str]:
        """The names marked as being read (`note_reading`) and never forgotten: a desk
        stopped while it read them, in the order they were marked."""
        return [
            stored_text(r[0])  # a name another program stored as bytes: as it spells
            for r in self.db.execute(
                # The key as text: SQLite's GLOB matches no bytes.
                "SELECT value FROM settings WHERE CAST(key AS TEXT) GLOB ? ORDER BY rowid",
                [f"{READING_PREFIX}*"],
            )
        ]

    def forget_readings(self) -> None:
        self.db.execute(
            "DELETE FROM settings WHERE CAST(key AS TEXT) GLOB ?", [f"{READING_PREFIX}*"]
        )

    def unfinished_articles(self) -> list[tuple[int, str]]:
        """Articles whose import stopped half-way (a crash or kill during an import): id
        and the name of the file (or "pasted text") each came from, in import order."""
        return [
            # A name another program stored as bytes reads as the name it spells.
            (int(r[0]), stored_text(r[1]))
            for r in self.db.execute(
                f"SELECT id, source_name FROM articles a WHERE NOT ({VISIBLE}) ORDER BY id"
            )
        ]

    def hidden_of_text(self, content_hash: str) -> int | None:
        """The hidden article of this text, if any (the hash is UNIQUE: one at most): an
        import under way (another connection's: a file saved beside the window), or one
        stopped half-way in this session whose removal failed (a full disk). What a quit
        or a crash left has let its hash go at the open (`release_hashes`)."""
        found = self.db.execute(
            # As text or as bytes, as `ArticleStore.find_article_by_hash` looks.
            f"SELECT id FROM articles a WHERE content_hash IN (?, CAST(? AS BLOB))"
            f" AND NOT ({VISIBLE})",
            [content_hash, content_hash],
        ).fetchone()
        return int(found[0]) if found is not None else None

    def release_hashes(self, article_ids: Sequence[int]) -> None:
        """The hidden articles an import stopped half-way left, removed beside the window
        (services/leftovers.py), let their text hash go: the hash is UNIQUE, and the same
        file imported again meanwhile was refused ("UNIQUE constraint failed"). In the
        caller's transaction; their rows hold no text (`add_sentences`), so it is cheap."""
        for chunk in sql.chunks(list(article_ids)):
            self.db.execute(
                "UPDATE articles SET content_hash = 'removed ' || id"
                f" WHERE id IN ({sql.marks(chunk)}) AND content_hash NOT GLOB 'removed *'",
                chunk,
            )

    def delete_sentences_of(self, article_id: int, limit: int) -> int:
        """Delete up to `limit` sentences of an article (and their index rows); how many."""
        ids = [
            int(r[0])
            for r in self.db.execute(
                "SELECT id FROM sentences WHERE article_id = ? LIMIT ?", [article_id, limit]
            )
        ]
        self._forget_sentences(ids)
        return len(ids)

    def _forget_sentences(self, ids: Sequence[int]) -> None:
        """Delete sentences (and their index rows); their ids are never given again."""
        self.search.forget_sentences(ids)
        for chunk in sql.chunks(ids):
            self.db.execute(f"DELETE FROM sentences WHERE id IN ({sql.marks(chunk)})", chunk)
        if ids:
            sql.raise_high_water(self.db, SENTENCE_ID_HIGH_WATER, max(ids))

    def delete_article_row(self, article_id: int) -> None:
        """Remove an unfinished import's article row (its sentences are gone already)."""
        self.articles.forget_article_id(article_id)
        self.db.execute("DELETE FROM articles WHERE id = ?", [article_id])
        self._unmark(article_id)

    # -- removing an article nothing was recorded on (a mistaken import) ----------------------

    def recorded_work(self, article_id: int) -> int:
        """How many of the article's sentences have work recorded on them, plus its history
        entries and the denials elsewhere that point into it: 0 means nothing would be
        lost with it (its text is still wherever it was imported from)."""
        in_article = "SELECT id FROM sentences WHERE article_id = ?"
        count = 0
        for table in _WORK_TABLES:
            count += int(
                self.db.execute(
                    f"SELECT count(DISTINCT sentence_id) FROM {table}"
                    f" WHERE sentence_id IN ({in_article})",
                    [article_id],
                ).fetchone()[0]
            )
        count += int(
            self.db.execute(
                "SELECT count(*) FROM history"
                f" WHERE article_id = ? OR sentence_id IN ({in_article})",
                [article_id, article_id],
            ).fetchone()[0]
        )
        for table in ("reviews", "review_versions"):
            count += int(
                self.db.execute(
                    f"SELECT count(*) FROM {table} WHERE denies_sentence_id IN ({in_article})",
                    [article_id],
                ).fetchone()[0]
            )
        return count

    def stored_article(self, article_id: int) -> StoredArticle:
        """The article's rows as they are (its row, its text parts, its sentences)."""
        cursor = self.db.execute("SELECT * FROM articles WHERE id = ?", [article_id])
        names = [column[0] for column in cursor.description]
        row = cursor.fetchone()
        if row is None:
            raise NotFound(f"There is no article {article_id} in this workspace.")
        parts = [
            # Bytes another program stored: the text they spell (str() wrote "b'…'" back).
            (int(start), stored_text(text))
            for start, text in self.db.execute(
                "SELECT start, text FROM article_text WHERE article_id = ? ORDER BY start",
                [article_id],
            )
        ]
        sentences = [
            (int(r[0]), int(r[1]), int(r[2]), int(r[3]))
            for r in self.db.execute(
                'SELECT id, start, "end", paragraph FROM sentences WHERE article_id = ?'
                " ORDER BY start",
                [article_id],
            )
        ]
        return StoredArticle(dict(zip(names, row, strict=True)), parts, sentences)

    def remove_article(self, stored: StoredArticle) -> dict[int, str]:
        """Delete the article, its text parts, sentences and their search rows (in the
        caller's transaction; the caller made sure nothing is recorded on it).

        Articles a cleaned copy kept beside it, of the same text (`same_text_mark`), take
        its text's hash over: the first of them holds it, the others name that one. Kept
        under the mark, an import of the text found no article and added it again beside
        them. Returns what each of them held before, for `restore_article`."""
        self._forget_sentences(stored.sentence_ids)
        self.articles.forget_article_id(stored.id)
        self.db.execute("DELETE FROM articles WHERE id = ?", [stored.id])  # cascades its text
        # Every mark naming it begins so: a range of the hash's UNIQUE index (a GLOB read
        # every article's row, a year's texts in a cleaned copy).
        begun = same_text_mark(stored.id, 0).removesuffix("0")
        twins = [
            (int(row[0]), str(row[1]))
            for row in self.db.execute(
                "SELECT id, content_hash FROM articles WHERE content_hash >= ?"
                " AND content_hash < ? ORDER BY id",
                [begun, begun[:-1] + chr(ord(begun[-1]) + 1)],
            )
        ]
        if not twins:
            return {}
        heir = twins[0][0]
        self.db.execute(
            "UPDATE articles SET content_hash = ? WHERE id = ?",
            [stored.article["content_hash"], heir],
        )
        for twin, _mark in twins[1:]:
            self.db.execute(
                "UPDATE articles SET content_hash = ? WHERE id = ?",
                [same_text_mark(heir, twin), twin],
            )
        return dict(twins)

    def restore_article(self, stored: StoredArticle, marks: dict[int, str] | None = None) -> None:
        """Put back a removed article with the ids it had, its sentences in the index;
        the articles of its text that took its hash over (`remove_article`'s `marks`)
        given back what they held."""
        for twin, mark in (marks or {}).items():
            self.db.execute("UPDATE articles SET content_hash = ? WHERE id = ?", [mark, twin])
        columns = list(stored.article)
        quoted = ", ".join(f'"{name}"' for name in columns)  # names as SQLite gave them
        self.db.execute(
            f"INSERT INTO articles ({quoted}) VALUES ({sql.marks(columns)})",
            [stored.article[c] for c in columns],
        )
        self.db.executemany(
            "INSERT INTO article_text (article_id, start, text) VALUES (?, ?, ?)",
            ((stored.id, start, text) for start, text in stored.text_parts),
        )
        self.db.executemany(
            'INSERT INTO sentences (id, article_id, start, "end", paragraph)'
            " VALUES (?, ?, ?, ?, ?)",
            ((sid, stored.id, start, end, para) for sid, start, end, para in stored.sentences),
        )
        text = self.articles.get_article(stored.id).text
        self.search.add_new_sentences(
            stored.sentence_ids,
            [index_words(text[start:end]) for _id, start, end, _paragraph in stored.sentences],
        )

    def history_names(self, stored: StoredArticle) -> bool:
        """Whether any history entry is filed under the removed article's id or one of its
        sentence ids (it had none when it was removed: an article given them since
        wrote it, and the history keeps every entry)."""
        if self.db.execute(
            "SELECT 1 FROM history WHERE article_id = ? LIMIT 1", [stored.id]
        ).fetchone():
            return True
        return any(
            self.db.execute(
                f"SELECT 1 FROM history WHERE sentence_id IN ({sql.marks(chunk)}) LIMIT 1", chunk
            ).fetchone()
            for chunk in sql.chunks(stored.sentence_ids)
        )

    def any_taken(self, article_ids: Sequence[int], sentence_ids: Sequence[int]) -> bool:
        """Whether any of these article or sentence ids is held now (an article imported
        since, finished or not)."""
        for table, ids in (("articles", article_ids), ("sentences", sentence_ids)):
            for chunk in sql.chunks(list(ids)):
                found = self.db.execute(
                    f"SELECT 1 FROM {table} WHERE id IN ({sql.marks(chunk)}) LIMIT 1", chunk
                ).fetchone()
                if found:
                    return True
        return False

    def ids_taken(self, stored: StoredArticle) -> bool:
        """Whether another article now holds the removed one's id or sentence ids (given
        since): it cannot be put back as it was. Not its text's hash, which the caller
        tells apart: an article of the same text listed (for good) from an import of it
        under way (for now) or what a stopped one left (let go)."""
        return self.any_taken((stored.id,), stored.sentence_ids)
