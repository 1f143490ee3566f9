"""Sources and the links from sentences to them (`sources`, `sentence_sources`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from factcheck_app.domain.models import Source, SourceLink
from factcheck_app.storage import sql
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.search import SearchIndex
from factcheck_app.storage.stores.rows import iso, link_from, now_iso, source_from

_LINK_SQL = (
    "SELECT l.id, l.sentence_id, l.stance, l.excerpt,"
    " s.id, s.url, s.title, s.publisher, s.accessed, l.reviewer"
    " FROM sentence_sources l JOIN sources s ON s.id = l.source_id"
)

# The highest link id ever given (`SourceStore.insert_link`): never given again.
LINK_ID_HIGH_WATER = "link_id_high_water"

_INSERT_LINK = (
    "INSERT INTO sentence_sources (id, sentence_id, source_id, stance, excerpt, created_at,"
    " reviewer) VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def note_links_present(db: Database) -> None:
    """Note the highest link present as given (`LINK_ID_HIGH_WATER`), when the note is
    below it: a desk before 7 December, or another program, numbered links without
    noting them. Unnoted, the newest link removed in the session (Remove Source, or with
    its sentence) gave its id to the next link made, and an undo putting the first back
    failed on it at every Ctrl+Z. Looked at once as a workspace is opened to write."""
    top = db.execute(
        "SELECT max(id) FROM sentence_sources WHERE id < ?", [sql.NOTE_BOUND]
    ).fetchone()
    if top is None or top[0] is None:
        return
    noted = db.execute(sql.NOTED_SQL, [LINK_ID_HIGH_WATER, LINK_ID_HIGH_WATER]).fetchone()
    if noted is not None and type(noted[0]) is int and int(top[0]) <= noted[0] < sql.NOTE_BOUND:
        return  # noted already: nothing written at the open
    sql.raise_high_water(db, LINK_ID_HIGH_WATER, int(top[0]))


# A page's address as the desk writes it, or as bytes another program rewrote it as (its
# UNIQUE index keeps the two apart, and a link made a second source of the page): the
# one as text first. Two lookups of the index, as the merge matches a source.
_URL_IS = "url IN (?, CAST(? AS BLOB)) ORDER BY typeof(url) = 'blob' LIMIT 1"


def _link_values(link: SourceLink, at: str) -> tuple[Any, ...]:
    """A link's columns for `_INSERT_LINK` (id 0: a new one)."""
    return (
        link.id or None,
        link.sentence_id,
        link.source.id,
        link.stance.value,
        link.excerpt,
        at,
        link.reviewer,
    )


class SourceStore:
    """Sources, and links; a link added, changed or removed refreshes its sentence's index
    row (a changed source, the rows of every sentence linking it)."""

    def __init__(self, db: WorkspaceDatabase, search: SearchIndex) -> None:
        self.db = db
        self.search = search

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.db.execute(sql, params).fetchone()

    def find_source_by_url(self, url: str) -> Source | None:
        row = self._one(
            f"SELECT id, url, title, publisher, accessed FROM sources WHERE {_URL_IS}", [url, url]
        )
        return source_from(row) if row else None

    def list_sources(self) -> list[Source]:
        rows = self.db.execute(
            "SELECT id, url, title, publisher, accessed FROM sources ORDER BY title, url"
        ).fetchall()
        return [source_from(r) for r in rows]

    def insert_source(self, source: Source) -> int:
        cursor = self.db.execute(
            "INSERT INTO sources (id, url, title, publisher, accessed, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                source.id or None,
                source.url,
                source.title,
                source.publisher,
                iso(source.accessed),
                now_iso(),
            ],
        )
        return int(cursor.lastrowid or 0)

    def update_source(self, source: Source) -> None:
        """Write a source's URL, title, publisher and accessed date. They are shared by
        every sentence linking it, so each one's index row is refreshed."""
        self.db.execute(
            "UPDATE sources SET url = ?, title = ?, publisher = ?, accessed = ? WHERE id = ?",
            [source.url, source.title, source.publisher, iso(source.accessed), source.id],
        )
        for (sentence_id,) in self.db.execute(
            "SELECT sentence_id FROM sentence_sources WHERE source_id = ?", [source.id]
        ).fetchall():
            self.search.review_changed(sentence_id)

    def delete_source(self, source_id: int) -> None:
        self.db.execute("DELETE FROM sources WHERE id = ?", [source_id])

    def source_link_count(self, source_id: int) -> int:
        """How many sentences link to the source."""
        row = self._one("SELECT count(*) FROM sentence_sources WHERE source_id = ?", [source_id])
        return int(row[0])

    def source_count(self, sentence_id: int) -> int:
        """How many sources the sentence links to."""
        row = self._one(
            "SELECT count(*) FROM sentence_sources WHERE sentence_id = ?", [sentence_id]
        )
        return int(row[0])

    def links_for_sentence(self, sentence_id: int) -> list[SourceLink]:
        rows = self.db.execute(
            _LINK_SQL + " WHERE l.sentence_id = ? ORDER BY l.id", [sentence_id]
        ).fetchall()
        return [link_from(r) for r in rows]

    def links_for_article(self, article_id: int) -> dict[int, list[SourceLink]]:
        """Every source link of an article, by sentence, in one query (reports, exports)."""
        rows = self.db.execute(
            _LINK_SQL + " JOIN sentences t ON t.id = l.sentence_id"
            " WHERE t.article_id = ? ORDER BY l.id",
            [article_id],
        ).fetchall()
        links: dict[int, list[SourceLink]] = {}
        for r in rows:
            links.setdefault(r[1], []).append(link_from(r))
        return links

    def page_as_read(self, url: str, sentence_id: int) -> tuple[int | None, bool]:
        """The id of the source recorded for `url` (None: none) and whether the sentence
        links it, in one statement (what a step linking that page was made from)."""
        row = self._one(
            "SELECT id, EXISTS (SELECT 1 FROM sentence_sources l"
            f" WHERE l.sentence_id = ? AND l.source_id = sources.id) FROM sources WHERE {_URL_IS}",
            [sentence_id, url, url],
        )
        return (None, False) if row is None else (int(row[0]), bool(row[1]))

    def is_linked(self, sentence_id: int, source_id: int) -> bool:
        row = self._one(
            "SELECT 1 FROM sentence_sources WHERE sentence_id = ? AND source_id = ?",
            [sentence_id, source_id],
        )
        return row is not None

    def source_id_taken(self, source_id: int) -> bool:
        """Whether a source has the id `source_id` now."""
        return self._one("SELECT 1 FROM sources WHERE id = ?", [source_id]) is not None

    def link_id_taken(self, link_id: int) -> bool:
        """Whether a link has the id `link_id` now."""
        return self._one("SELECT 1 FROM sentence_sources WHERE id = ?", [link_id]) is not None

    def _next_link_id(self) -> int:
        """An id no link has had: above every current one and every one given before.
        Noted as given, not as deleted: a link goes with its sentence too (a merge, a
        split, an article removed), which no statement here sees. SQLite gave a deleted
        link's id to the next link, and an undo putting the first back failed on it
        ("could not be read or written") at every Ctrl+Z, the steps beneath out of reach."""
        return sql.next_id(self.db, "sentence_sources", LINK_ID_HIGH_WATER, None)

    def insert_link(self, link: SourceLink) -> int:
        """Insert `link` under its id, or a new one (`_next_link_id`) for id 0."""
        values = _link_values(link, now_iso())
        if not link.id:
            values = (self._next_link_id(), *values[1:])
            sql.raise_high_water(self.db, LINK_ID_HIGH_WATER, values[0])
        self.db.execute(_INSERT_LINK, values)
        self.search.review_changed(link.sentence_id)
        return int(values[0])

    def new_link_ids(self, count: int) -> list[int]:
        """`count` ids no link has had (`_next_link_id` on), for links a merge makes
        many at a time: each noted as given once inserted (`insert_links`)."""
        if count <= 0:
            return []
        start = self._next_link_id()
        # Above every link but one another program numbered past the room after it.
        used = {
            int(r[0])
            for r in self.db.execute("SELECT id FROM sentence_sources WHERE id >= ?", [start])
        }
        given: list[int] = []
        candidate = start
        while len(given) < count:
            if candidate not in used:
                given.append(candidate)
            candidate += 1
        return given

    def insert_links(self, links: Sequence[SourceLink]) -> None:
        """Insert many links through one statement (a merge writes thousands), each under
        its id (a merge numbers them: `new_link_ids`, or the ids its first run gave),
        those of id 0 numbered by SQLite after the highest link here. The highest given
        is noted, so no link made later reuses it."""
        at = now_iso()
        self.db.executemany(_INSERT_LINK, [_link_values(link, at) for link in links])
        if any(not link.id for link in links):
            top = self._one("SELECT max(id) FROM sentence_sources")
            if top is not None and top[0] is not None:
                sql.raise_high_water(self.db, LINK_ID_HIGH_WATER, int(top[0]))
        elif links:
            sql.raise_high_water(self.db, LINK_ID_HIGH_WATER, max(link.id for link in links))
        for link in links:
            self.search.review_changed(link.sentence_id)

    def update_link(self, link: SourceLink) -> None:
        """Point a link at its (possibly other) source with its stance and excerpt; who
        linked it and when stay."""
        self.db.execute(
            "UPDATE sentence_sources SET source_id = ?, stance = ?, excerpt = ? WHERE id = ?",
            [link.source.id, link.stance.value, link.excerpt, link.id],
        )
        self.search.review_changed(link.sentence_id)

    def delete_link(self, link: SourceLink) -> None:
        self.db.execute("DELETE FROM sentence_sources WHERE id = ?", [link.id])
        self.search.review_changed(link.sentence_id)
