"""Where an article's text is kept: whole in its `articles` row, or in parts.

Articles imported before schema 3 keep their text in `articles.text`. Since schema 3 an
import writes the text in parts (`article_text`, one row per slice of sentences, in the
same short transaction as those sentences), and `articles.text` is ''. The reason is the
window: one 30 MB value is one transaction of 200–500 ms, and a save from the window
would wait for all of it. The text never changes after import, so the two forms are
only ever read, never converted.

Offsets are Python string offsets (code points), as SQLite's `substr` and `length` count
them for text.
"""

from __future__ import annotations

from factcheck_app.storage.errors import WorkspaceDatabase, damaged

PARTS_TABLE = "article_text"


def has_parts(db: WorkspaceDatabase) -> bool:
    """Does the workspace have the parts table (schema 3 and later)?"""
    found = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [PARTS_TABLE]
    ).fetchone()
    return found is not None


def write_part(db: WorkspaceDatabase, article_id: int, start: int, text: str) -> None:
    """Store text[start : start + len(text)] of an article (in the caller's transaction)."""
    db.execute(
        f"INSERT INTO {PARTS_TABLE} (article_id, start, text) VALUES (?, ?, ?)",
        [article_id, start, text],
    )


def read_text(db: WorkspaceDatabase, article_id: int) -> str:
    """The article's whole text, from wherever it is kept ('' for no such article)."""
    row = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
    text = whole_text(article_id, row[0] if row is not None else "")
    if not text and has_parts(db):
        text = read_parts(db, article_id) or ""
    return text


def read_parts(db: WorkspaceDatabase, article_id: int) -> str | None:
    """The article's whole text from its parts, or None when it has none."""
    rows = db.execute(
        f"SELECT start, text FROM {PARTS_TABLE} WHERE article_id = ? ORDER BY start",
        [article_id],
    ).fetchall()
    if not rows:
        return None
    return _joined(article_id, rows, 0)


def read_between(db: WorkspaceDatabase, article_id: int, start: int, end: int) -> str | None:
    """text[start:end] from the parts that hold it, or None when the article has none."""
    rows = db.execute(
        f"SELECT start, text FROM {PARTS_TABLE} WHERE article_id = ? AND start < ?"
        f" AND start >= coalesce((SELECT max(start) FROM {PARTS_TABLE}"
        "  WHERE article_id = ? AND start <= ?), 0)"
        " ORDER BY start",
        [article_id, max(end, start + 1), article_id, start],
    ).fetchall()
    if not rows:
        return None
    first = int(rows[0][0])
    joined = _joined(article_id, rows, first)
    return joined[start - first : end - first]


def read_stretch(db: WorkspaceDatabase, article_id: int, start: int, end: int) -> str:
    """text[start:end] of an article, from wherever it is kept, reading only the part(s)
    that hold it ('' for no such article)."""
    if has_parts(db):
        found = read_between(db, article_id, start, end)
        if found is not None:
            return found
    row = db.execute(
        # As text: of bytes, substr counts bytes, and the offsets count characters.
        "SELECT substr(CAST(text AS TEXT), ? + 1, ? - ?) FROM articles WHERE id = ?",
        [start, end, start, article_id],
    ).fetchone()
    return whole_text(article_id, row[0] if row is not None and row[0] is not None else "")


def spelled(value: object) -> str | None:
    """A stored piece of an article's text as text: bytes another program stored in its
    place (a script, a database browser) are the text their UTF-8 spells. None for
    anything else, and for bytes that are not UTF-8 (their characters could not be
    counted, and every sentence's offsets count characters)."""
    if type(value) is str:
        return value
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def whole_text(article_id: int, value: object) -> str:
    """An article row's text (`spelled`); anything else is damage, said so."""
    text = spelled(value)
    if text is None:
        raise damaged(f"Article {article_id}'s text is not text but", type(value).__name__)
    return text


def _joined(article_id: int, rows: list[tuple[int, object]], first: int) -> str:
    """Join parts that must follow each other without a gap (else the file is damaged)."""
    pieces = []
    expected = first
    for start, stored in rows:
        text = spelled(stored)
        if start != expected or text is None:
            raise damaged(f"Article {article_id}'s text has a gap or overlap at", start)
        pieces.append(text)
        expected += len(text)
    return "".join(pieces)


def problems(db: WorkspaceDatabase) -> list[int]:
    """Articles whose text is missing or whose parts leave a gap or overlap (Check
    Workspace: the sentence offsets of such an article would point at the wrong words)."""
    if not has_parts(db):
        return []
    rows = db.execute(
        f"""
        SELECT DISTINCT article_id FROM (
            SELECT article_id, start,
                   -- As text: of bytes another program stored, length counts bytes.
                   lag(start + length(CAST(text AS TEXT)))
                       OVER (PARTITION BY article_id ORDER BY start) AS previous_end,
                   row_number() OVER (PARTITION BY article_id ORDER BY start) AS number
            FROM {PARTS_TABLE})
        WHERE (number = 1 AND start != 0) OR (number > 1 AND start != previous_end)
        UNION
        SELECT id FROM articles
        WHERE text = '' AND id NOT IN (SELECT article_id FROM {PARTS_TABLE})
        ORDER BY 1
        """
    ).fetchall()
    return [int(r[0]) for r in rows]
