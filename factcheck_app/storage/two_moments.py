"""Reviews that are not what their history says they last became.

Every edit of a review is saved in one transaction with its history entry, so in a
workspace as SQLite keeps it the two always agree. A file copied while a desk had it open,
in the middle of SQLite moving saves from the `-wal` into it (a checkpoint), can hold pages
of two moments: a review row from before an edit beside the history entry of that edit,
or the other way round. SQLite's own checks pass such a file when no index tells the pages
apart. This module finds those reviews; it reads, never writes. Only a file that holds a
desk's "open" mark without its `-wal` is looked at whole (services/copy_check.py, the
merge's reading); every other open judges only the sentences its newest history entries
name (`newest_unlike_history`, milliseconds), for a copy whose page holding that mark was
copied from before the mark, and looks at it whole when that finds one.

A review is judged only by an entry that says what the whole review became: the newest
entry about its sentence that may change a review must be a review edit of this workspace
(an edit, its undo or redo, or a merge's decision), newer than any entry that may have
changed it without saying how (a merge of sentences, an import of a review file, a
merge's undo). Anything else leaves the review unjudged: never called wrong. A source
linked or removed (alone or by Reuse Sources) and a sign-off (`NEUTRAL`, their undos and
redos too) never write a
review row, and a colleague's entry a merge copied in and the merge's own entry say
nothing the merge's entry of each review it wrote does not: they are passed over, so a
verdict an editor approved, or one a merge left, its explanation then rewritten in
another program, is still named.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from factcheck_app.domain.two_moments import Unlike
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.stores.rows import stored_text

# The review fields a history entry of a review edit records (Review.content_fields).
FIELDS = ("tag", "rating", "claimant", "explanation", "status", "denies_sentence_id")
_DEFAULTS: dict[str, object] = {
    "tag": None,
    "rating": None,
    "claimant": "",
    "explanation": "",
    "status": "unreviewed",
    "denies_sentence_id": None,
}
_CHUNK = 500  # ids per IN (...) query

# The kinds of entry whose edits never write a review row (services/edits.py's link
# edits, services/sign_offs.py), and a step of several link edits (Reuse Sources,
# `_only_links`): they neither judge a review nor leave it unjudged. Nor
# does a colleague's entry a merge copied in (`origin` set): it says what changed in
# their workspace; what the merge changed here is said by its own "Merge from …" entry
# of each review it wrote (services/merge.py), or is a sentence it added (an id no
# entry of ours named: sentence ids are never used twice).
NEUTRAL = ("sign_off", "source_link")


def _text(column: str) -> str:
    """SQL: `column` as the text it spells. Another program may have stored a history's
    words as bytes (a BLOB in a TEXT column), which compare unequal to any text and which
    SQLite's JSON functions read as its binary JSON, not as the text they spell: read as
    bytes, no entry was a review edit of this workspace's own, nor a neutral one, and a
    torn review was never named (docs/safety.md, a whole workspace stored as bytes)."""
    return f"CAST({column} AS TEXT)"


def _only_links(column: str) -> str:
    """SQL: `column` is the states of a step of several link edits (Reuse Sources, one
    entry of kind "compound", services/sources.py): a JSON array each of whose items is
    none, a link's state (it names its source), or an approval it dropped, and none
    names a review field. A compound of anything else (a review edit's state) is not."""
    review = " OR ".join(f"json_type(value, '$.{key}') IS NOT NULL" for key in FIELDS)
    text = _text(column)
    return (
        f"(typeof({column}) IN ('text', 'blob') AND json_valid({text})"
        f" AND json_type({text}) = 'array' AND NOT EXISTS (SELECT 1 FROM json_each({text})"
        " WHERE json_type(value) <> 'null' AND (json_type(value) <> 'object'"
        f" OR {review} OR (json_type(value, '$.source_id') IS NULL AND EXISTS"
        " (SELECT 1 FROM json_each(value) AS part"
        " WHERE part.key NOT IN ('sentence_id', 'sign_off'))))))"
    )


_NOT_NEUTRAL = (
    f"coalesce({_text('entity')}, '') NOT IN ({', '.join(repr(kind) for kind in NEUTRAL)})"
    f" AND NOT (coalesce({_text('entity')}, '') = 'compound' AND {_only_links('new')}"
    f" AND {_only_links('old')}) AND coalesce({_text('origin')}, '') = ''"
)
# An entry about no article nor sentence that may have changed any review: a merge's undo
# (it puts back the reviews of before it, saying nothing of each). The merge itself, done
# or redone, says what it changed (above).
_ANY_REVIEW = (
    f"{_NOT_NEUTRAL} AND NOT (coalesce({_text('entity')}, '') = 'workspace'"
    f" AND coalesce({_text('action')}, '') IN ('do', 'redo'))"
)

# Set in a copy opened for editing whose look found reviews unlike their history (its
# mark of a desk left open is gone once it is closed): its later opens and merges look
# again, until none is found (the reviewer set each of them).
FOUND_SETTING = "copy.two_moments"

# The newest history entries the tail look (`newest_unlike_history`) judges by: a copy
# torn in the middle of a checkpoint differs in the saves that checkpoint moved, the
# newest ones (a checkpoint moves at most about 1,000 pages: a few hundred edits).
TAIL = 1000

# The whole look reads the sentences a range of ids at a time (about 20 ranges on a
# year's workspace, 30-50 ms each): between two, Check Workspace shows how far it has got
# and hears Cancel (`step`).
RANGE = 4096

# The sentences whose newest entry (filed under the sentence) is a review edit of this
# workspace's own whose state differs from the review row in some field it names, loosely
# (NULL against "", a missing row): the newest entry's id beside each. Only sentences
# with an entry after id ? (0: every sentence), and {range}.
_CANDIDATES = (
    "WITH newest AS (SELECT sentence_id AS s, max(id) AS id FROM history"
    " WHERE id > ? AND typeof(sentence_id) = 'integer' {range}"
    f" AND {_NOT_NEUTRAL} GROUP BY sentence_id)"
    " SELECT newest.s, newest.id FROM newest JOIN history h ON h.id = newest.id"
    " LEFT JOIN reviews r ON r.sentence_id = newest.s"
    f" WHERE {_text('h.entity')} = 'review' AND {_text('h.origin')} = ''"
    f" AND typeof(h.new) IN ('text', 'blob') AND json_valid({_text('h.new')})"
    f" AND json_type({_text('h.new')}) = 'object' AND ("
    + " OR ".join(
        f"(json_type({_text('h.new')}, '$.{key}') IS NOT NULL"
        f" AND json_extract({_text('h.new')}, '$.{key}') IS NOT r.{key})"
        for key in FIELDS
    )
    + ")"
)
# The tail look: every sentence after `since` in one statement (the id range is the index).
_CANDIDATES_SQL = _CANDIDATES.replace("{range}", "")
# The whole look: the sentences with ids from ? to ? (the sentence index).
_RANGED_SQL = _CANDIDATES.replace("{range}", "AND sentence_id BETWEEN ? AND ?")

# Told how many of the whole look's ranges are read, and of how many; it may raise to
# stop the look (Check Workspace's Cancel).
Step = Callable[[int, int], None]


def reviews_unlike_history(db: WorkspaceDatabase, step: Step | None = None) -> list[Unlike]:
    """Every review the history judges (see the module's words) that is not what its
    newest entry says, in article and sentence order. Reads only, one state of the
    workspace (a read transaction of its own, unless `db` is in one): read beside the
    window, a save between two of its statements was a review unlike a newer entry.
    `step` hears how far it has got (see `Step`)."""
    return _in_one_read(db, 0, tail=False, step=step)


def newest_unlike_history(db: WorkspaceDatabase, entries: int = TAIL) -> list[Unlike]:
    """The same judgement as `reviews_unlike_history`, of only the sentences named by the
    newest `entries` history entries: milliseconds on a year's workspace, so made at
    every open, for a copy torn in the middle of a save whose page holding its desk's
    "open" mark was copied from before that mark (nothing in it says it was copied
    while open). Every review it finds the whole look finds too: a sentence's newest
    entry, and any newer entry that leaves it unjudged, are among the newest ones."""
    row = db.execute("SELECT max(id) FROM history").fetchone()
    newest = row[0] if row and type(row[0]) is int else 0
    if newest <= 0:
        return []
    return _in_one_read(db, max(newest - entries, 0), tail=True)


def _in_one_read(
    db: WorkspaceDatabase, since: int, *, tail: bool, step: Step | None = None
) -> list[Unlike]:
    if db.conn.in_transaction:
        return _unlike_history(db, since, tail, step)
    db.execute("BEGIN")
    try:
        return _unlike_history(db, since, tail, step)
    finally:
        # Nothing to keep; an interrupted statement (a Cancel) may have ended it already.
        with contextlib.suppress(sqlite3.Error):
            db.conn.execute("ROLLBACK")


def _unlike_history(
    db: WorkspaceDatabase, since: int, tail: bool, step: Step | None = None
) -> list[Unlike]:
    """The reviews unlike their history among the sentences named by an entry after id
    `since` (0: all). An entry at or before it is older than any such sentence's newest,
    so it can neither judge it nor leave it unjudged: it need not be read. The `tail`
    look judges only the review rows that are there."""
    # Entries about a whole article (filed under it, no sentence): an edit of several
    # reviews says what each became; any other may have changed any of its sentences.
    by_batch: dict[int, tuple[int, dict[str, Any]]] = {}
    article_wide: dict[int, int] = {}
    for entry_id, article_id, entity, origin, new in _rows(
        db,
        "SELECT id, article_id, entity, origin, new FROM history"
        " WHERE id > ? AND sentence_id IS NULL AND typeof(article_id) = 'integer'"
        f" AND {_NOT_NEUTRAL} ORDER BY id",
        [since],
    ):
        own_review = stored_text(entity) == "review" and stored_text(origin) == ""
        states = _json(new) if own_review else None
        if isinstance(states, list) and all(_batch_item(s) for s in states):
            for state in states:
                by_batch[int(state["sentence_id"])] = (int(entry_id), state)
        else:
            article_wide[int(article_id)] = int(entry_id)
    # An entry about neither that may have changed any review (a merge's undo).
    row = db.execute(
        "SELECT max(id) FROM history WHERE id > ? AND sentence_id IS NULL AND article_id IS NULL"
        f" AND {_ANY_REVIEW}",
        [since],
    ).fetchone()
    everything = int(row[0]) if row and type(row[0]) is int else 0
    # Only the reviews whose newest own entry may differ from them are read into Python
    # (SQLite compares every field loosely; a year's workspace has 120,000): the exact
    # comparison, and whether the entry judges the review at all, are made below.
    candidates = _candidates(db, _CANDIDATES_SQL, [since]) if tail else _ranged_candidates(db, step)
    newest = _newest_own(db, list(by_batch))  # the sentences an edit of several names
    for sentence_id, (batch_id, _) in by_batch.items():
        if batch_id > newest.get(sentence_id, 0):
            candidates[sentence_id] = batch_id
    article_of = _articles(db, list(candidates))
    expected: dict[int, tuple[int, dict[str, Any] | None]] = {}
    for sentence_id, last in candidates.items():
        article_id = article_of.get(sentence_id)
        if article_id is None or last <= max(everything, article_wide.get(article_id, 0)):
            continue  # gone, or changed since by an entry that does not say how
        batch_id, batch_state = by_batch.get(sentence_id, (0, None))
        expected[sentence_id] = (last, batch_state if batch_id == last else None)
    entries = _entries(db, [i for i, state in expected.values() if state is None])
    batches = _entries(db, [i for i, state in expected.values() if state is not None])
    reviews = _reviews(db, list(expected))
    found: list[tuple[int, int, dict[str, object], dict[str, object], str, str]] = []
    for sentence_id, (entry_id, batch_state) in expected.items():
        if batch_state is not None:
            told: Any = batch_state
            at, description = batches.get(entry_id, ("", "", "", None))[:2]
        else:
            at, description, entity, told = entries.get(entry_id, ("", "", "", None))
            if entity != "review" or not isinstance(told, dict):
                continue  # a sentence's, a link's, a sign-off's, or a colleague's entry
        if not all(_as_written(key, told[key]) for key in FIELDS if key in told):
            continue  # a value no desk writes (a hand-edited entry): it says nothing
        if tail and sentence_id not in reviews:
            # The tail look judges only reviews that are there: a cleaned copy leaves out
            # a review that fails its checks, its history kept (the whole look judges it).
            continue
        said = {key: _normal(key, told[key]) for key in FIELDS if key in told}
        held = reviews.get(sentence_id, _DEFAULTS)
        differs = {key: value for key, value in said.items() if held[key] != value}
        denied = differs.get("denies_sentence_id")
        gone = type(denied) is int and not _articles(db, [denied])
        if gone and held["denies_sentence_id"] is None:
            # The denied sentence was merged away since (its review's link set to none by
            # SQLite, with no entry of this review): not two moments.
            del differs["denies_sentence_id"]
        if differs:
            here = {key: held[key] for key in differs}
            found.append(
                (
                    article_of[sentence_id],
                    sentence_id,
                    here,
                    differs,
                    str(at),
                    str(description),
                )
            )
    return [
        Unlike(
            sentence_id,
            article_id,
            _title(db, article_id),
            _number(db, sentence_id),
            here,
            said,
            at,
            description,
        )
        for article_id, sentence_id, here, said, at, description in sorted(
            found, key=lambda item: (item[0], _number(db, item[1]))
        )
    ]


def _candidates(db: WorkspaceDatabase, query: str, params: list[Any]) -> dict[int, int]:
    return {int(s): int(i) for s, i in _rows(db, query, params) if type(s) is int}


def _ranged_candidates(db: WorkspaceDatabase, step: Step | None) -> dict[int, int]:
    """The candidates among every sentence, `RANGE` sentences at a time. A sentence that
    is gone has no review to judge, so only the ids sentences hold now are read; each
    range is of the sentences there, not of `RANGE` numbers: one sentence numbered far
    above the others (2**52, set in another program) made 2**40 ranges of numbers, and
    `verify` never finished."""
    row = db.execute("SELECT count(*), min(id), max(id) FROM sentences").fetchone()
    count, low, high = row if row and type(row[1]) is int and type(row[2]) is int else (0, 0, 0)
    steps = -(-int(count) // RANGE)
    found: dict[int, int] = {}
    if step is not None:
        step(0, steps)
    start: int | None = low
    for done in range(1, steps + 1):
        if start is None:
            break
        # The first id of the next range: RANGE sentences on (one statement, the index).
        after = db.execute(
            "SELECT id FROM sentences WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?",
            [start, RANGE - 1],
        ).fetchone()
        following = int(after[0]) if after and type(after[0]) is int else None
        end = high if following is None else following - 1
        found.update(_candidates(db, _RANGED_SQL, [0, start, end]))
        start = following
        if step is not None:
            step(done, steps)
    return found


def _newest_own(db: WorkspaceDatabase, ids: list[int]) -> dict[int, int]:
    """The newest entry that may change a review filed under each of the sentences `ids`."""
    out: dict[int, int] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for sentence_id, entry_id in _rows(
            db,
            f"SELECT sentence_id, max(id) FROM history WHERE sentence_id IN ({marks})"
            f" AND {_NOT_NEUTRAL} GROUP BY sentence_id",
            chunk,
        ):
            out[int(sentence_id)] = int(entry_id)
    return out


def _articles(db: WorkspaceDatabase, ids: list[int]) -> dict[int, int]:
    """The article of each of the sentences `ids` that is there (a hand-edited file's
    article id that is not a number: left out, unjudged)."""
    out: dict[int, int] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for sentence_id, article_id in _rows(
            db, f"SELECT id, article_id FROM sentences WHERE id IN ({marks})", chunk
        ):
            if type(article_id) is int:
                out[int(sentence_id)] = article_id
    return out


def _rows(db: WorkspaceDatabase, query: str, params: list[Any] | None = None) -> Iterator[Any]:
    cursor = db.execute(query, params or [])
    while batch := cursor.fetchmany(2000):
        yield from batch


def _json(text: object) -> Any:
    """A stored JSON state; None for anything that does not read as one."""
    if type(text) is bytes:
        text = stored_text(text)
    if not isinstance(text, str):
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested too deeply
        return None


def _batch_item(state: object) -> bool:
    return isinstance(state, dict) and type(state.get("sentence_id")) is int


def _entries(db: WorkspaceDatabase, ids: list[int]) -> dict[int, tuple[Any, Any, Any, Any]]:
    """(time, description, entity, new state) of the entries `ids`, the state read from
    JSON only for an entry of this workspace's own (a colleague's merged in says what
    their review became there, not here)."""
    out: dict[int, tuple[Any, Any, Any, Any]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for entry_id, at, description, entity, origin, new in _rows(
            db,
            f"SELECT id, at, description, entity, origin, new FROM history WHERE id IN ({marks})",
            chunk,
        ):
            state = _json(new) if stored_text(origin) == "" else None
            out[int(entry_id)] = (
                stored_text(at),
                stored_text(description),
                stored_text(entity),
                state,
            )
    return out


def _reviews(db: WorkspaceDatabase, ids: list[int]) -> dict[int, dict[str, object]]:
    """The stored fields of the reviews of sentences `ids` (a sentence without a review
    row has the fields of an empty review)."""
    out: dict[int, dict[str, object]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in _rows(
            db,
            f"SELECT sentence_id, {', '.join(FIELDS)} FROM reviews WHERE sentence_id IN ({marks})",
            chunk,
        ):
            out[int(row[0])] = {
                key: _normal(key, value) for key, value in zip(FIELDS, row[1:], strict=True)
            }
    return out


def _as_written(key: str, value: object) -> bool:
    """Is `value` of the kind a desk writes into an entry for the review field `key`?"""
    if key == "denies_sentence_id":
        return value is None or type(value) is int
    return value is None or isinstance(value, str)


def _normal(key: str, value: object) -> object:
    """A field as a comparison needs it: a review saved with no verdict stores NULL, an
    entry may say "" or null; bytes read as the text they spell."""
    if type(value) is bytes:
        value = stored_text(value)
    if key in ("tag", "rating"):
        return value or None
    if key in ("claimant", "explanation"):
        return "" if value is None else str(value)
    if key == "status":
        return str(value or "unreviewed")
    return value if type(value) is int else None


def _title(db: WorkspaceDatabase, article_id: int) -> str:
    row = db.execute("SELECT title FROM articles WHERE id = ?", [article_id]).fetchone()
    title = row[0] if row else ""
    return stored_text(title) if type(title) is bytes else str(title or "")


def _number(db: WorkspaceDatabase, sentence_id: int) -> int:
    """The sentence's number as the sentence list shows it: its place in its article's
    text (sentence_rows orders by start)."""
    row = db.execute(
        "SELECT count(*) FROM sentences s JOIN sentences t ON t.article_id = s.article_id"
        " AND (t.start < s.start OR (t.start = s.start AND t.id < s.id)) WHERE s.id = ?",
        [sentence_id],
    ).fetchone()
    return int(row[0]) + 1
