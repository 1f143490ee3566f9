"""What a merge reads and writes in the open workspace beyond the other stores (reviews,
versions, sign-offs and links are written through those): what is already here (articles
by text, sources by URL, an article's sentences with their decided reviews, its links),
the links and sources taken out again on undo, and which history entries are here (and
which of them edited a link in place)."""

from __future__ import annotations

from factcheck_app.domain.merge_rules import HistoryRecord
from factcheck_app.domain.models import Review
from factcheck_app.storage import sql
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.search import SearchIndex
from factcheck_app.storage.stores.rows import VISIBLE, review_columns, review_from, stored_text


def _state(value: object) -> str | None:
    """A history entry's stored state (JSON text, or None) as `history.entry_from` reads
    it: bytes another program wrote as the text they spell."""
    return None if value is None else stored_text(value)


# (sentence id, actor, origin, hash, id, at, action, old, new) of a history entry
ReviewEditRow = tuple[int, str, str, str, int, str, str, str | None, str | None]

_DECIDED_COLUMNS = review_columns("r")


# A history column as the text it spells in a condition: bytes another program wrote
# there (SQLite keeps them in a TEXT column) never equal text, so `entity = 'review'` left
# out every entry whose kind was stored as bytes, where the chain and every other read
# take them as text (`history.entry_from`); no index covers these columns.
def _text(column: str) -> str:
    return f"CAST({column} AS TEXT)"


_UPTO = " AND id <= ?"  # the history as it was up to an entry (a merge redone reads that)


def _upto(upto: int | None) -> tuple[str, list[int]]:
    """The condition and parameters limiting a history query to entries up to `upto`."""
    return ("", []) if upto is None else (_UPTO, [upto])


class MergeStore:
    """The merge's view of `articles`, `sources`, `sentences` with their `reviews`,
    `sentence_sources` and `history`."""

    def __init__(self, db: WorkspaceDatabase, search: SearchIndex) -> None:
        self.db = db
        self.search = search

    # -- what is here ------------------------------------------------------------------------

    def articles_by_hash(self) -> dict[str, int]:
        """Content hash → id of every (finished) article."""
        rows = self.db.execute(f"SELECT content_hash, id FROM articles a WHERE {VISIBLE}")
        # As the hash spells it (bytes another program wrote, as `ArticleStore` reads it):
        # read as "b'…'", the colleague's copy of the article came in a second time.
        return {stored_text(r[0]): int(r[1]) for r in rows}

    def sources_by_url(self) -> dict[str, int]:
        rows = self.db.execute("SELECT url, id FROM sources")
        return {stored_text(r[0]): int(r[1]) for r in rows}  # a URL as bytes: as it spells

    def sentences_of_article(
        self, article_id: int
    ) -> tuple[list[tuple[int, int, int]], dict[int, Review], set[int]]:
        """(id, start, end) of an article's sentences in text order, their decided reviews
        (the default for a sentence without one) and which have a review row."""
        rows = self.db.execute(
            f'SELECT s.id, s.start, s."end", {_DECIDED_COLUMNS}, r.sentence_id FROM sentences s'
            " LEFT JOIN reviews r ON r.sentence_id = s.id WHERE s.article_id = ? ORDER BY s.start",
            [article_id],
        ).fetchall()
        spans = [(int(r[0]), int(r[1]), int(r[2])) for r in rows]
        decided = {int(r[0]): review_from(r[0], r[3:11]) for r in rows}
        reviewed = {int(r[0]) for r in rows if r[11] is not None}
        return spans, decided, reviewed

    # -- source links ---------------------------------------------------------------------

    def linked_pairs(self, article_id: int) -> set[tuple[int, int]]:
        """(sentence, source) of every link of the article."""
        rows = self.db.execute(
            "SELECT l.sentence_id, l.source_id FROM sentence_sources l"
            " JOIN sentences s ON s.id = l.sentence_id WHERE s.article_id = ?",
            [article_id],
        ).fetchall()
        return {(int(r[0]), int(r[1])) for r in rows}

    def delete_links(self, pairs: list[tuple[int, int]]) -> None:
        """Delete the links given as (sentence id, source id)."""
        self.db.executemany(
            "DELETE FROM sentence_sources WHERE sentence_id = ? AND source_id = ?", pairs
        )
        for sentence_id, _ in pairs:
            self.search.review_changed(sentence_id)

    def delete_unlinked_sources(self, source_ids: list[int]) -> None:
        """Delete those of the sources no sentence links to any more."""
        for chunk in sql.chunks(source_ids):
            self.db.execute(
                f"DELETE FROM sources WHERE id IN ({sql.marks(chunk)}) AND id NOT IN"
                " (SELECT source_id FROM sentence_sources)",
                chunk,
            )

    # -- history ----------------------------------------------------------------------------

    def known_history(self, upto: int | None = None) -> set[str]:
        """Every hash and origin of the history here (of the entries up to `upto`): a
        merged entry whose origin is among them is already here (written here, or merged
        before)."""
        known: set[str] = set()
        where, params = _upto(upto)
        for row in self.db.execute(f"SELECT hash, origin FROM history WHERE 1{where}", params):
            known.update(stored_text(value) for value in row if value)
        return known

    def written_here(self, names: list[str]) -> set[str]:
        """Those of `names` (entry hashes) that are entries written here, not merged."""
        found: set[str] = set()
        for chunk in sql.chunks(names):
            rows = self.db.execute(
                f"SELECT hash FROM history WHERE {_text('origin')} = ''"
                f" AND {_text('hash')} IN ({sql.marks(chunk)})",
                chunk,
            )
            found.update(stored_text(row[0]) for row in rows)
        return found

    def unchained_history(
        self, upto: int | None = None
    ) -> list[tuple[int, str, str, str, str | None, str | None]]:
        """(id, at, actor, action, old, new) of the entries written here without a hash
        (before the history was chained), up to `upto` when given."""
        where, params = _upto(upto)
        return [
            (
                int(r[0]),
                stored_text(r[1]),
                stored_text(r[2]),
                stored_text(r[3]),
                _state(r[4]),
                _state(r[5]),
            )
            for r in self.db.execute(
                "SELECT id, at, actor, action, old, new FROM history"
                f" WHERE {_text('hash')} = '' AND {_text('origin')} = ''{where}",
                params,
            )
        ]

    def link_edits(self, upto: int | None = None) -> list[HistoryRecord]:
        """The history's entries of links edited in place (Edit Source, its undo and redo:
        `source_link` entries with a state before and after), in the order written: which
        side changed a shared source's details or link since a merge is read from them."""
        rows = self.db.execute(
            "SELECT id, at, actor, action, description, entity, entity_id, old, new,"
            " article_id, sentence_id, origin, hash FROM history"
            f" WHERE {_text('entity')} = 'source_link'"
            f" AND {_text('action')} IN ('do', 'undo', 'redo')"
            f" AND old IS NOT NULL AND {_text('old')} != 'null'"
            f" AND new IS NOT NULL AND {_text('new')} != 'null'"
            f"{_upto(upto)[0]} ORDER BY id",
            _upto(upto)[1],
        ).fetchall()
        return [
            HistoryRecord(
                int(r[0]),
                stored_text(r[1]),
                stored_text(r[2]),
                stored_text(r[3]),
                stored_text(r[4]),
                stored_text(r[5]),
                r[6],
                _state(r[7]),
                _state(r[8]),
                r[9],
                r[10],
                stored_text(r[11]),
                stored_text(r[12]),
            )
            for r in rows
        ]

    def link_entries(
        self, upto: int | None = None
    ) -> list[tuple[str, int | None, str, str | None, str | None]]:
        """(entity, sentence id, origin, old, new) of every entry that made, removed or
        edited one sentence's link, or joined, split or re-split sentences (their links
        with them), done, undone or redone, in the order written: whether a link of a
        colleague's is one this workspace removed since is read from them."""
        rows = self.db.execute(
            "SELECT entity, sentence_id, origin, old, new FROM history"
            f" WHERE {_text('action')} IN ('do', 'undo', 'redo')"
            f" AND ({_text('entity')} = 'sentence'"
            f" OR ({_text('entity')} = 'source_link' AND sentence_id IS NOT NULL))"
            f"{_upto(upto)[0]} ORDER BY id",
            _upto(upto)[1],
        ).fetchall()
        return [
            (
                stored_text(r[0]),
                None if r[1] is None else int(r[1]),
                stored_text(r[2]),
                _state(r[3]),
                _state(r[4]),
            )
            for r in rows
        ]

    def review_edits(self, upto: int | None = None, entity: str = "review") -> list[ReviewEditRow]:
        """(sentence id, actor, origin, hash, id, at, action, old, new) of every entry that
        edited one sentence's review (`review` entries done, undone or redone; not a
        merge's own), in the order written: which side's version of one reviewer's review
        went on from the other's is read from them. With `entity` "sign_off": the entries
        that approved or returned its verdict, which side's sign-off is the later word."""
        rows = self.db.execute(
            "SELECT sentence_id, actor, origin, hash, id, at, action, old, new FROM history"
            f" WHERE {_text('entity')} = ? AND {_text('action')} IN ('do', 'undo', 'redo')"
            f" AND sentence_id IS NOT NULL{_upto(upto)[0]} ORDER BY id",
            [entity, *_upto(upto)[1]],
        ).fetchall()
        return [
            (
                int(r[0]),
                stored_text(r[1]),
                stored_text(r[2]),
                stored_text(r[3]),
                int(r[4]),
                stored_text(r[5]),
                stored_text(r[6]),
                _state(r[7]),
                _state(r[8]),
            )
            for r in rows
        ]

    def sentence_count(self, article_id: int) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM sentences WHERE article_id = ?", [article_id]
        ).fetchone()
        return int(row[0])
