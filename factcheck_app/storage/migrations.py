"""Registered schema migrations. Append new ones; never edit a released one.

`PRAGMA user_version` mirrors the number of applied migrations so other tools (and
older versions of the app) can tell which schema a workspace file has.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from factcheck_app.storage.search import CREATE_SQL, VERDICT_CREATE_SQL
from factcheck_app.storage.stores.history import chain_unchained


class _Migrations(Migrations):
    """sqlite-utils' migrations, their record read as the text it spells: another program
    may have rewritten it as bytes (a BLOB compares unequal to any text), and then no
    upgrade was done, and the workspace was refused as edited outside the desk."""

    def applied(self, db: Database) -> list[Migrations._AppliedMigration]:
        if not db[self.migrations_table].exists():
            return []
        rows = db.execute(
            f"SELECT CAST(name AS TEXT), CAST(applied_at AS TEXT) FROM [{self.migrations_table}]"
            " WHERE CAST(migration_set AS TEXT) = ? ORDER BY rowid",
            [self.name],
        ).fetchall()
        return [self._AppliedMigration(name=name, applied_at=at) for name, at in rows]


MIGRATIONS = _Migrations("factcheck_desk")
# (name, function) of every migration in order: what `PRAGMA user_version` counts.
RELEASED: list[tuple[str, Callable[[Database], None]]] = []


def migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register a schema migration (append only; never edit a released one)."""
    MIGRATIONS(name=fn.__name__)(fn)
    RELEASED.append((fn.__name__, fn))
    return fn


@migration
def m001_initial_schema(db: Database) -> None:
    """Articles, sentences, reviews, sources, links, history and settings."""
    statements = [
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            outlet TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            published TEXT,                      -- ISO date or NULL
            source_name TEXT NOT NULL DEFAULT '', -- file name it was imported from
            text TEXT NOT NULL,                   -- the exact text sentence offsets point into
            content_hash TEXT NOT NULL UNIQUE,    -- sha256 of text: no duplicate imports
            segmenter TEXT NOT NULL DEFAULT '',   -- splitter version the boundaries came from
            imported_at TEXT NOT NULL
        )""",
        """
        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL CHECK ("end" > start),
            paragraph INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE UNIQUE INDEX idx_sentences_article_start ON sentences(article_id, start)",
        """
        CREATE TABLE reviews (
            sentence_id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
            tag TEXT CHECK (tag IN ('claim', 'denial', 'fact')),
            rating TEXT,
            claimant TEXT NOT NULL DEFAULT '',
            explanation TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'unreviewed'
                CHECK (status IN ('unreviewed', 'in_progress', 'done', 'second_look')),
            denies_sentence_id INTEGER REFERENCES sentences(id) ON DELETE SET NULL,
            reviewer TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX idx_reviews_status ON reviews(status)",
        """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            publisher TEXT NOT NULL DEFAULT '',
            accessed TEXT,                         -- ISO date or NULL
            created_at TEXT NOT NULL
        )""",
        """
        CREATE TABLE sentence_sources (
            id INTEGER PRIMARY KEY,
            sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
            stance TEXT NOT NULL DEFAULT 'context'
                CHECK (stance IN ('supports', 'refutes', 'context')),
            excerpt TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (sentence_id, source_id)
        )""",
        "CREATE INDEX idx_sentence_sources_source ON sentence_sources(source_id)",
        """
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,      -- do / undo / redo
            description TEXT NOT NULL,
            entity TEXT NOT NULL,      -- review / sentence / source_link / article
            entity_id INTEGER,
            old TEXT,                  -- JSON of the state before
            new TEXT                   -- JSON of the state after
        )""",
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
    ]
    for statement in statements:
        db.execute(statement)


@migration
def m002_search_index(db: Database) -> None:
    """Full-text index of sentences, claimants, explanations and sources, and of the
    words of judged sentences (FTS5, see storage/search.py).

    Only the table is made here; `SearchIndex.prepare` fills it when the workspace is
    opened, with the normalisation rules of the running version.
    """
    db.execute(CREATE_SQL.format(table="search_index"))
    db.execute(VERDICT_CREATE_SQL.format(table="verdict_index"))


@migration
def m003_article_text_parts(db: Database) -> None:
    """Article text in parts, written slice by slice as an article imports (see
    storage/article_text.py). Existing articles keep their text in their row."""
    db.execute(
        """
        CREATE TABLE article_text (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,           -- offset of this part in the article's text
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, start)
        ) WITHOUT ROWID"""
    )


@migration
def m004_article_language(db: Database) -> None:
    """articles.language: the ISO 639-1 code of the language the article is split in
    ("und": none of the desk's languages).

    Articles already in the workspace get '' -- "detected on next re-split": their
    sentences stay exactly as they are until the reviewer re-splits the article.
    """
    db.execute("ALTER TABLE articles ADD COLUMN language TEXT NOT NULL DEFAULT ''")


@migration
def m005_team_review(db: Database) -> None:
    """Team review (issue 16): who reviewed what, sign-off, a tamper-evident history.

    - `reviews` stays the *decided* review of each sentence (what the window, search,
      reports and exports read); its status gains 'conflict' (reviewers disagree and
      nobody has decided yet). SQLite cannot change a CHECK, so the table is rebuilt.
    - `review_versions`: each reviewer's own review of a sentence, keyed by (sentence,
      reviewer). The existing reviews become their reviewer's versions.
    - `sign_offs`: an editor's approval or return (with a note) of a decided verdict.
    - `sentence_sources.reviewer`: who linked the source.
    - `history` gains the article and sentence an entry is about, `origin` (the entry's
      hash in the workspace it was merged from; '' for entries written here) and the
      hash chain (`prev_hash`, `hash`).
    - `settings['workspace.id']`: a random id naming this workspace in merges.

    The history written so far is filed under its article and sentence where it names
    them, then chained in the order written (`stores/history.chain_unchained`).
    """
    statements = [
        """
        CREATE TABLE reviews_decided (
            sentence_id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
            tag TEXT CHECK (tag IN ('claim', 'denial', 'fact')),
            rating TEXT,
            claimant TEXT NOT NULL DEFAULT '',
            explanation TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'unreviewed'
                CHECK (status IN ('unreviewed', 'in_progress', 'done', 'second_look',
                                  'conflict')),
            denies_sentence_id INTEGER REFERENCES sentences(id) ON DELETE SET NULL,
            reviewer TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL DEFAULT ''
        )""",
        "INSERT INTO reviews_decided SELECT sentence_id, tag, rating, claimant, explanation,"
        " status, denies_sentence_id, reviewer, updated_at FROM reviews",
        "DROP TABLE reviews",
        "ALTER TABLE reviews_decided RENAME TO reviews",
        "CREATE INDEX idx_reviews_status ON reviews(status)",
        """
        CREATE TABLE review_versions (
            sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            tag TEXT CHECK (tag IN ('claim', 'denial', 'fact')),
            rating TEXT,
            claimant TEXT NOT NULL DEFAULT '',
            explanation TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'unreviewed'
                CHECK (status IN ('unreviewed', 'in_progress', 'done', 'second_look')),
            denies_sentence_id INTEGER REFERENCES sentences(id) ON DELETE SET NULL,
            updated_at TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (sentence_id, reviewer)
        )""",
        "CREATE INDEX idx_review_versions_reviewer ON review_versions(reviewer)",
        # A conflict cannot have been stored before this version, so every status copies.
        "INSERT INTO review_versions SELECT sentence_id, reviewer, tag, rating, claimant,"
        " explanation, status, denies_sentence_id, updated_at FROM reviews",
        """
        CREATE TABLE sign_offs (
            sentence_id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
            decision TEXT NOT NULL CHECK (decision IN ('approved', 'returned')),
            editor TEXT NOT NULL,                 -- who approved or returned it
            checker TEXT NOT NULL DEFAULT '',     -- whose verdict was signed off
            note TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL
        )""",
        "CREATE INDEX idx_sign_offs_decision ON sign_offs(decision)",
        "ALTER TABLE sentence_sources ADD COLUMN reviewer TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE history ADD COLUMN article_id INTEGER",
        "ALTER TABLE history ADD COLUMN sentence_id INTEGER",
        "ALTER TABLE history ADD COLUMN origin TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE history ADD COLUMN prev_hash TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE history ADD COLUMN hash TEXT NOT NULL DEFAULT ''",
        "CREATE UNIQUE INDEX idx_history_origin ON history(origin) WHERE origin != ''",
        "CREATE INDEX idx_history_sentence ON history(sentence_id)",
        "CREATE INDEX idx_history_article ON history(article_id)",
        # Where the older entries were: a review's or sentence's own id, a link's sentence
        # in its state, an article's id; then each sentence's article. Their words as text:
        # rewritten as bytes by another program (b'review'), no entry was filed.
        "UPDATE history SET sentence_id = entity_id"
        " WHERE CAST(entity AS TEXT) IN ('review', 'sentence') AND typeof(entity_id) = 'integer'",
        "UPDATE history SET sentence_id = coalesce("
        "   CASE WHEN json_valid(CAST(new AS TEXT))"
        "   THEN json_extract(CAST(new AS TEXT), '$.sentence_id') END,"
        "   CASE WHEN json_valid(CAST(old AS TEXT))"
        "   THEN json_extract(CAST(old AS TEXT), '$.sentence_id') END)"
        " WHERE CAST(entity AS TEXT) = 'source_link'",
        "UPDATE history SET sentence_id = NULL WHERE typeof(sentence_id) != 'integer'",
        "UPDATE history SET article_id = entity_id"
        " WHERE CAST(entity AS TEXT) = 'article' AND typeof(entity_id) = 'integer'",
        "UPDATE history SET article_id = (SELECT article_id FROM sentences s"
        " WHERE s.id = history.sentence_id) WHERE sentence_id IS NOT NULL",
    ]
    for statement in statements:
        db.execute(statement)
    # Only when it has none, under its key as text or as the bytes another program
    # rewrote it as: a second id, read first, made the workspace another one to its
    # backups (a namesake's Restore listed them as its own).
    db.execute(
        "INSERT INTO settings (key, value) SELECT 'workspace.id', ? WHERE NOT EXISTS"
        " (SELECT 1 FROM settings WHERE key IN ('workspace.id', CAST('workspace.id' AS BLOB)))",
        [uuid.uuid4().hex],
    )
    chain_unchained(db)


@migration
def m006_denial_link_indexes(db: Database) -> None:
    """Index the denial links' foreign keys. SQLite checks the child tables for every
    sentence deleted (a merge undone, sentences merged, an article re-split or deleted);
    without these indexes each check read every review and every version, so undoing a
    merge took time growing with the square of the workspace."""
    db.execute("CREATE INDEX idx_reviews_denies ON reviews(denies_sentence_id)")
    db.execute("CREATE INDEX idx_review_versions_denies ON review_versions(denies_sentence_id)")


SCHEMA_VERSION = len(RELEASED)
