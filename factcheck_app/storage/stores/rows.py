"""Stored values ↔ domain values, shared by the stores. A value the desk never writes (a
hand-edited or damaged file) is caught here, where it is read, instead of failing later
in every export and view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from factcheck_app.domain.errors import WorkspaceDamaged
from factcheck_app.domain.models import (
    VERDICTS_BY_KEY,
    Review,
    SignOff,
    SignOffDecision,
    Source,
    SourceLink,
    Stance,
    Status,
    Tag,
)
from factcheck_app.storage.errors import damaged

# An article whose import has not finished writing is hidden. It is marked by a setting
# `import.unfinished.ID` = ID, so finishing never rewrites its (maybe 30 MB) row; versions
# before 0.9 marked it by articles.segmenter = UNFINISHED, still honoured.
UNFINISHED = "importing"
UNFINISHED_PREFIX = "import.unfinished."
# A file (or paste) being read and split before its article's first row is written:
# `import.reading.TOKEN` = its name. Left by a desk stopped then, it is named at the next
# open, as an unfinished import is (services/session.py).
READING_PREFIX = "import.reading."


def same_text_mark(first: int, kept: int) -> str:
    """What a cleaned copy (storage/cleaning.py) keeps in place of the text's hash
    (`content_hash`, UNIQUE) of article `kept`, whose text article `first`, copied before
    it, holds too: unique by its id, and never a text's hash (64 hex digits), so an
    import of the text finds `first` (as `release_hashes` frees a hidden import's hash
    with "removed ID"). With `first` removed, the next of its twins takes the hash over
    (`ImportStore.remove_article`), and an import finds that one."""
    return f"same text as article {first}: article {kept}"


SAME_TEXT_MARKS = "same text as article *"  # GLOB: every `same_text_mark`


def same_text_first(mark: object) -> int:
    """The article a `same_text_mark` names first (0 for anything else)."""
    if not isinstance(mark, str) or not mark.startswith("same text as article "):
        return 0
    first = mark.removeprefix("same text as article ").partition(":")[0]
    return int(first) if first.isdecimal() else 0


def key_starts(prefix: str) -> str:
    """SQL: a setting's key starts with `prefix` (one of ours, no quote in it), stored as
    text or as the bytes another program rewrote it as (SQLite's GLOB matches no bytes):
    two ranges of the key's index. GLOB over CAST(key AS TEXT) read every setting in each
    article list and each article's line (`VISIBLE`)."""
    end = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # the first key past every one so begun
    return (
        f"((key >= '{prefix}' AND key < '{end}')"
        f" OR (key >= CAST('{prefix}' AS BLOB) AND key < CAST('{end}' AS BLOB)))"
    )


VISIBLE = (
    # As text: a mark another program rewrote as bytes compares unequal to any text.
    f"CAST(a.segmenter AS TEXT) != '{UNFINISHED}' AND a.id NOT IN"
    f" (SELECT CAST(value AS INTEGER) FROM settings WHERE {key_starts(UNFINISHED_PREFIX)})"
)

# Stored vocabulary → domain value: one dict look-up per row (cheaper than Tag(value)).
_TAGS: dict[Any, Tag | None] = {None: None, "": None, **{t.value: t for t in Tag}}
_STATUSES: dict[Any, Status] = {s.value: s for s in Status}
_STANCES: dict[Any, Stance] = {s.value: s for s in Stance}
_VERDICTS: frozenset[Any] = frozenset([None, *VERDICTS_BY_KEY])
_DECISIONS: dict[Any, SignOffDecision] = {d.value: d for d in SignOffDecision}
_UNKNOWN: Any = object()


def _system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# The clock every *_at column is stamped from: the machine's, right or wrong (a test sets a
# laptop's that runs a day ahead here). A merge never trusts it across machines.
CLOCK: Callable[[], dt.datetime] = _system_clock


def now_iso() -> str:
    """UTC timestamp with seconds, as stored in every *_at column."""
    return CLOCK().isoformat(timespec="seconds")


def date_or_none(value: str | bytes | None) -> dt.date | None:
    if not value:
        return None
    try:
        # Bytes another program stored: the date they spell (fromisoformat refused them).
        return dt.date.fromisoformat(value.decode() if isinstance(value, bytes) else value)
    except (ValueError, TypeError):  # a hand-edited date shows as none
        return None


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# A reviewer's name as a version's row stores it: text, or bytes another program wrote
# (read as the text they spell, but its row found by the key as stored).
StoredName = str | bytes


def stored_text(value: Any) -> str:
    """A stored free-text value (a title, a claimant, an explanation…) as text. SQLite
    keeps bytes in a TEXT column, and a file another program wrote may hold them: they
    read as the text they spell (undecodable bytes as U+FFFD), never as an error."""
    if type(value) is str:
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


def language_code(value: Any) -> str:
    """A stored language code; anything the desk never writes reads as not known yet."""
    if isinstance(value, str) and 2 <= len(value) <= 3 and value.isascii() and value.islower():
        return value
    return ""


# The columns of `reviews` and `review_versions` that `review_from` reads, in its order.
REVIEW_FIELDS = (
    "tag",
    "rating",
    "claimant",
    "explanation",
    "status",
    "denies_sentence_id",
    "reviewer",
    "updated_at",
)


def review_columns(table: str = "") -> str:
    """`REVIEW_FIELDS` for a SELECT, each prefixed with the table's alias when given."""
    return ", ".join(f"{table}.{c}" if table else c for c in REVIEW_FIELDS)


def review_from(sentence_id: int, row: Sequence[Any]) -> Review:
    """A review from its columns: tag, rating (the verdict), claimant, explanation, status,
    denies, reviewer, updated_at (all None: no review row yet, an untouched sentence)."""
    tag, verdict, claimant, explanation, status, denies, reviewer, updated_at = row
    if status is None:
        return Review(sentence_id)
    kind = _TAGS.get(tag, _UNKNOWN)
    state = _STATUSES.get(status)
    if type(verdict) is bytes and stored_text(verdict) in _VERDICTS:
        verdict = stored_text(verdict)  # another program's bytes: the verdict they spell
    if kind is _UNKNOWN or state is None or verdict not in _VERDICTS:
        raise _damaged_review(sentence_id, tag, status, verdict)
    return Review(
        sentence_id=sentence_id,
        tag=kind,
        verdict=verdict,
        claimant=claimant if type(claimant) is str else stored_text(claimant),
        explanation=explanation if type(explanation) is str else stored_text(explanation),
        status=state,
        denies_sentence_id=denies if type(denies) is int else None,  # else: hand-edited
        reviewer=reviewer if type(reviewer) is str else stored_text(reviewer),
        updated_at=updated_at if type(updated_at) is str else stored_text(updated_at),
    )


def _damaged_review(
    sentence_id: int, tag: object, status: object, verdict: object
) -> WorkspaceDamaged:
    where = f"Sentence {sentence_id}'s review has an unknown"
    if _TAGS.get(tag, _UNKNOWN) is _UNKNOWN:
        return damaged(f"{where} tag", tag)
    if status not in _STATUSES:
        return damaged(f"{where} status", status)
    return damaged(f"{where} verdict", verdict)


def source_from(row: Sequence[Any]) -> Source:
    """A source from id, url, title, publisher, accessed."""
    return Source(
        id=row[0],
        url=stored_text(row[1]),
        title=stored_text(row[2]),
        publisher=stored_text(row[3]),
        accessed=date_or_none(row[4]),
    )


def link_from(r: Sequence[Any]) -> SourceLink:
    """A link from its id, sentence, stance and excerpt, then its source's columns, then
    who linked it."""
    stance = _STANCES.get(r[2])
    if stance is None:
        raise damaged(f"Source link {r[0]} of sentence {r[1]} has an unknown stance", r[2])
    return SourceLink(
        id=r[0],
        sentence_id=r[1],
        source=source_from(r[4:9]),
        stance=stance,
        excerpt=stored_text(r[3]),
        reviewer=r[9] if type(r[9]) is str else stored_text(r[9]),
    )


def sign_off_from(sentence_id: int, row: Sequence[Any]) -> SignOff | None:
    """A sign-off from its decision, editor, checker, note and time (decision None: none)."""
    decision, editor, checker, note, at = row
    if decision is None:
        return None
    kind = _DECISIONS.get(decision)
    if kind is None:
        raise damaged(f"Sentence {sentence_id}'s sign-off has an unknown decision", decision)
    # Bytes (a hand-edited file) read as the text they spell, as every other stored
    # text: read as blank, they were written back blank by a merge's undo.
    return SignOff(
        sentence_id,
        kind,
        stored_text(editor),
        stored_text(checker),
        stored_text(note),
        stored_text(at),
    )
