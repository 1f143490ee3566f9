"""Where the workspace holds text that is not UTF-8 (a bit flipped on disk, another tool
writing Latin-1), for Check Workspace.

Such text reads with U+FFFD where its bad bytes are (errors.py: the connections' text
factory), so nothing the desk shows says where it is. Reading every value into Python
to ask took a year's workspace 0.4 s, SQL's GLOB 0.9 s; instead SQLite joins a column's
values of many rows into one (group_concat copies text bytes as they are, without
decoding them) and Python decodes that once: 0.12 s for the whole workspace. Only a
stretch that does not decode is read again row by row, to say which row.
History entries are not read here: their hash chain already names a changed entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.storage import schema_guard
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.stores.rows import stored_text

# The text the desk shows, by table: the column that orders its rows in stretches (an
# integer), and its text columns. Tables and columns an older schema lacks are skipped.
TEXT_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "articles": ("id", ("title", "outlet", "author", "url", "source_name", "text")),
    "article_text": ("article_id", ("text",)),
    "reviews": ("sentence_id", ("claimant", "explanation", "reviewer")),
    "review_versions": ("sentence_id", ("claimant", "explanation", "reviewer")),
    "sources": ("id", ("title", "publisher", "url")),
    "sentence_sources": ("sentence_id", ("excerpt", "reviewer")),
    "sign_offs": ("sentence_id", ("note", "editor", "checker")),
}
# Rows per stretch: a stretch of one column is one value in memory (articles and their
# texts hold whole texts: fewer of them at a time).
STRETCH_ROWS = {"articles": 100, "article_text": 100}
DEFAULT_STRETCH_ROWS = 20_000
SEPARATOR = "char(10)"  # between two values: no bad byte can pair with the next value's
MAX_FIELDS = 1000  # the listing stops here; the check says how many it read up to then
MAX_SPOTS = 20  # places in one article text


@dataclass(frozen=True, slots=True)
class Undecodable:
    """One field whose stored bytes are not UTF-8, and where it is, as the desk shows it."""

    table: str
    column: str
    article_id: int | None = None
    article_title: str = ""  # as the desk reads it (its own bad bytes as U+FFFD)
    sentence_number: int | None = None  # 1-based, in reading order, as the list shows it
    inside_sentence: bool = True  # an article text's bad byte: inside that sentence, or after it
    source_title: str = ""  # a source's, or the source a quoted excerpt comes from
    reviewer: str = ""  # whose own review (review_versions)


def find_undecodable(
    db: WorkspaceDatabase, cancelled: Callable[[], bool] = lambda: False
) -> list[Undecodable]:
    """Every field the desk shows whose stored bytes are not UTF-8 (up to MAX_FIELDS)."""
    found: list[Undecodable] = []
    for table, (key, wanted) in TEXT_COLUMNS.items():
        present = _columns(db, table)
        columns = [c for c in wanted if c in present]
        if key not in present or not columns:
            continue
        for low, high in _stretches(db, table, key, STRETCH_ROWS.get(table, DEFAULT_STRETCH_ROWS)):
            if cancelled():
                return found
            for column in _not_decoding(db, table, key, columns, low, high):
                found += _places(db, table, key, column, low, high)
            if len(found) >= MAX_FIELDS:
                return found[:MAX_FIELDS]
    return found


def _columns(db: WorkspaceDatabase, table: str) -> set[str]:
    return {str(row[1]) for row in db.execute(f"PRAGMA table_info({table})")}


def _stretches(db: WorkspaceDatabase, table: str, key: str, rows: int) -> Iterator[tuple[int, int]]:
    """[low, high] ranges (both ends in) of `key` holding about `rows` rows each. Both
    ends in: a key at SQLite's biggest number (a hand-edited file) has no number past it
    to end a range."""
    bounds = db.execute(f"SELECT min({key}), max({key}), count(*) FROM {table}").fetchone()
    low, high, count = bounds
    if type(low) is not int or type(high) is not int or not count:
        return
    step = max(1, (high - low + 1) * rows // count)
    for start in range(low, high + 1, step):
        yield start, min(start + step - 1, high)


def _not_decoding(
    db: WorkspaceDatabase, table: str, key: str, columns: list[str], low: int, high: int
) -> list[str]:
    """The columns whose values in this stretch do not all decode as UTF-8 (each column's
    values read as one, in one statement for them all)."""
    joined = ", ".join(f"CAST(group_concat({c}, {SEPARATOR}) AS BLOB)" for c in columns)
    try:
        row = db.execute(
            f"SELECT {joined} FROM {table} WHERE {key} >= ? AND {key} <= ?", [low, high]
        ).fetchone()
    except WorkspaceError as error:
        if schema_guard.is_interrupted(error.__cause__ or error):
            raise  # Cancel: not a finding
        return columns  # too big as one value: read row by row
    return [
        column
        for column, data in zip(columns, row or (), strict=False)
        if isinstance(data, bytes) and not data.isascii() and not _decodes(data)
    ]


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _places(
    db: WorkspaceDatabase, table: str, key: str, column: str, low: int, high: int
) -> list[Undecodable]:
    """The fields of a stretch that do not decode, row by row, with where they are."""
    extra = {
        "article_text": "start",
        "review_versions": "reviewer",
        "sentence_sources": "source_id",
    }
    more = extra.get(table)
    rows = db.execute(
        f"SELECT {key}, {more or 'NULL'}, CAST({column} AS BLOB) FROM {table}"
        f" WHERE {key} >= ? AND {key} <= ? AND typeof({column}) IN ('text', 'blob')",
        [low, high],
    ).fetchall()
    out: list[Undecodable] = []
    for row_key, other, data in rows:
        spots = _bad_spots(data) if isinstance(data, bytes) else []
        if not spots:
            continue
        if column == "text":  # an article's text: the sentence of each bad stretch
            offset = int(other) if table == "article_text" and type(other) is int else 0
            for spot in spots:
                out.append(_in_article_text(db, table, column, int(row_key), offset + spot))
        else:
            out.append(_place(db, table, column, row_key, other))
    return out


def _bad_spots(data: bytes, limit: int = MAX_SPOTS) -> list[int]:
    """The character offsets (as the text reads, bad bytes as U+FFFD) of the first `limit`
    stretches of bytes that are not UTF-8 (a whole text in Latin-1 has thousands)."""
    spots: list[int] = []
    chars, at = 0, 0
    while at < len(data) and len(spots) < limit:
        try:
            chars += len(data[at:].decode("utf-8"))
            break
        except UnicodeDecodeError as error:
            chars += len(data[at : at + error.start].decode("utf-8"))
            spots.append(chars)
            chars += 1  # the U+FFFD it reads as
            at += error.end
    return spots


def _in_article_text(
    db: WorkspaceDatabase, table: str, column: str, article_id: int, offset: int
) -> Undecodable:
    """A bad byte at `offset` of an article's text: the sentence it is in (or after)."""
    number = int(
        db.execute(
            "SELECT count(*) FROM sentences WHERE article_id = ? AND start <= ?",
            [article_id, offset],
        ).fetchone()[0]
    )
    last = db.execute(
        'SELECT "end" FROM sentences WHERE article_id = ? AND start <= ?'
        " ORDER BY start DESC LIMIT 1",
        [article_id, offset],
    ).fetchone()
    end = last[0] if last is not None else None
    return Undecodable(
        table,
        column,
        article_id,
        _title(db, article_id),
        number or None,
        inside_sentence=type(end) is int and offset < end,
    )


def _place(
    db: WorkspaceDatabase, table: str, column: str, key: object, other: object
) -> Undecodable:
    if table == "articles":
        article_id = int(key) if type(key) is int else None
        title = _title(db, article_id) if article_id is not None else ""
        return Undecodable(table, column, article_id, title)
    if table == "sources":
        return Undecodable(table, column, source_title=_source(db, key))
    article_id, number = _sentence(db, key)
    return Undecodable(
        table,
        column,
        article_id,
        _title(db, article_id) if article_id is not None else "",
        number,
        source_title=_source(db, other) if table == "sentence_sources" else "",
        reviewer=stored_text(other) if table == "review_versions" else "",
    )


def _sentence(db: WorkspaceDatabase, sentence_id: object) -> tuple[int | None, int | None]:
    """A sentence's article and its number there (1-based, reading order)."""
    row = db.execute(
        "SELECT s.article_id, (SELECT count(*) FROM sentences o"
        "  WHERE o.article_id = s.article_id AND o.start <= s.start)"
        " FROM sentences s WHERE s.id = ?",
        [sentence_id],
    ).fetchone()
    if row is None:
        return None, None
    return (int(row[0]) if type(row[0]) is int else None), int(row[1])


def _title(db: WorkspaceDatabase, article_id: int | None) -> str:
    """As the article list shows it: bytes (another program wrote the file) read as the
    text they spell, not as no title."""
    row = db.execute("SELECT title FROM articles WHERE id = ?", [article_id]).fetchone()
    return stored_text(row[0]) if row is not None else ""


def _source(db: WorkspaceDatabase, source_id: object) -> str:
    row = db.execute(
        "SELECT nullif(title, ''), url FROM sources WHERE id = ?", [source_id]
    ).fetchone()
    if row is None:
        return ""
    return stored_text(row[0] or row[1] or "")  # bytes as the text they spell
