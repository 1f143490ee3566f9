"""The append-only history of edits, and the hash chain that makes tampering visible.

Each entry's hash covers its own fields and the previous entry's hash, so changing,
deleting or reordering any entry breaks every hash after it. `verify` walks the entries
in the order they were written and names the first one that does not match, in words.
The workspace also keeps the head of the chain (the last entry's number and hash), so a
history cut short at its end is found too.

What it is not: a signature. Someone who rewrites the whole chain with a program can make
it consistent again; the chain shows edits made behind the desk's back by hand or by a
tool that does not know it, which is what a newsroom needs from a record it keeps itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "GENESIS",
    "ChainHead",
    "ChainProblem",
    "HistoryEntry",
    "canonical",
    "chained",
    "entry_hash",
    "next_entry",
    "verify",
]

GENESIS = "0" * 64  # the "previous hash" of the first entry


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One edit: who, when, where, what changed from what to what (JSON texts).

    The hash covers every field but itself, so no stored part of an entry can change
    unseen."""

    seq: int  # 1, 2, 3… in the order written, with no gaps
    at: str  # ISO 8601, UTC
    reviewer: str
    action: str  # what was done: "do", "undo", "redo" (or e.g. "tag", "verdict")
    article_id: int | None
    sentence_id: int | None
    before: str | None  # canonical JSON of the changed fields before the edit
    after: str | None  # … and after it
    prev_hash: str
    hash: str
    description: str = ""  # the edit in words: "Tag as Claim", "Verdict: False"
    entity: str = ""  # what it changed: review, sentence, source_link, article…
    entity_id: int | None = None
    origin: str = ""  # merged from another workspace: its hash there ("" when written here)

    def fields(self) -> list[object]:
        """What the hash covers, besides the previous hash."""
        return [
            self.seq,
            self.at,
            self.reviewer,
            self.action,
            self.description,
            self.entity,
            self.entity_id,
            self.article_id,
            self.sentence_id,
            self.before,
            self.after,
            self.origin,
        ]


@dataclass(frozen=True, slots=True)
class ChainHead:
    """The last entry's number and hash, kept beside the history."""

    seq: int
    hash: str


@dataclass(frozen=True, slots=True)
class ChainProblem:
    """The first entry that does not match, and why, in words."""

    seq: int
    reason: str


def canonical(value: object) -> str:
    """The one JSON text of ``value`` that hashes the same on every machine (a date or
    other value JSON has no type for is written as its text)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, fields: list[object]) -> str:
    """SHA-256 over the previous hash and an entry's fields (`HistoryEntry.fields`)."""
    return hashlib.sha256(f"{prev_hash}\n{canonical(fields)}".encode()).hexdigest()


def next_entry(
    previous: ChainHead | None,
    *,
    at: str,
    reviewer: str,
    action: str,
    article_id: int | None,
    sentence_id: int | None,
    before: object,
    after: object,
    description: str = "",
    entity: str = "",
    entity_id: int | None = None,
    origin: str = "",
    seq: int | None = None,
) -> HistoryEntry:
    """The entry that follows ``previous`` (None: the first one); ``seq`` when it is not
    the next number (an entry found missing after ``previous`` stays missing)."""
    if seq is None:
        seq = previous.seq + 1 if previous else 1
    prev_hash = previous.hash if previous else GENESIS
    return chained(
        HistoryEntry(
            seq,
            at,
            reviewer,
            action,
            article_id,
            sentence_id,
            canonical(before),
            canonical(after),
            prev_hash,
            "",
            description,
            entity,
            entity_id,
            origin,
        )
    )


def chained(entry: HistoryEntry) -> HistoryEntry:
    """``entry`` with the hash its fields and ``prev_hash`` give."""
    return dataclasses.replace(entry, hash=entry_hash(entry.prev_hash, entry.fields()))


def verify(
    entries: Iterable[HistoryEntry], head: ChainHead | None, *, holds_edits: bool = False
) -> ChainProblem | None:
    """The first entry (in the order written) that does not match, or None.

    ``head`` is the chain's head as the workspace recorded it; None means the workspace
    recorded no history at all. ``holds_edits``: the workspace holds what only recorded
    edits make (reviews, sign-offs), so a history with no entry and no head was deleted.
    """
    # Read as it comes, one entry at a time: a year's 120,000 entries held at once took
    # 140 MB. The entries before a mismatch are 1…expected_seq - 1, so whether the one
    # expected comes later (reordered) or never (deleted) is told by the rest alone.
    rest = iter(entries)
    expected_seq, prev_hash = 1, GENESIS
    for entry in rest:
        if entry.seq != expected_seq:
            if entry.seq > expected_seq and any(e.seq == expected_seq for e in rest):
                return ChainProblem(
                    entry.seq,
                    f"entry {entry.seq} was written before entry {expected_seq}: the history "
                    "was reordered.",
                )
            if entry.seq > expected_seq:
                missing = (
                    f"entry {expected_seq} is missing"
                    if entry.seq == expected_seq + 1
                    else f"entries {expected_seq}–{entry.seq - 1} are missing"
                )
                return ChainProblem(expected_seq, f"{missing} (deleted from the history).")
            return ChainProblem(
                entry.seq,
                f"entry {entry.seq} was written after entry {expected_seq - 1}: the history "
                "was reordered.",
            )
        if entry.prev_hash != prev_hash:
            return ChainProblem(
                entry.seq,
                f"entry {entry.seq} does not follow the entry before it: the history was "
                "reordered or an entry was replaced.",
            )
        if entry_hash(entry.prev_hash, entry.fields()) != entry.hash:
            return ChainProblem(entry.seq, f"entry {entry.seq} was changed after it was written.")
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    last = expected_seq - 1
    if head is None:
        if last:
            return ChainProblem(1, "the history has entries the workspace never recorded.")
        if holds_edits:
            return ChainProblem(
                1,
                "the history has no entry 1 (it is empty), but the workspace holds reviews "
                "made with the desk: every entry was deleted, and the record of the last one "
                "with it.",
            )
        return None
    if head.seq > last:
        # An emptied history was said to have lost entries "at the end": all of it.
        if not last and head.seq == 1:
            what = "entry 1, the only one, was deleted"
        elif not last:
            what = f"every entry of the history (1–{head.seq}) was deleted"
        elif head.seq == last + 1:
            what = f"entry {last + 1} at the end of the history was deleted"
        else:
            what = f"entries {last + 1}–{head.seq} at the end of the history were deleted"
        return ChainProblem(last + 1, f"{what}.")
    if head.seq < last or head.hash != prev_hash:
        return ChainProblem(
            head.seq, "the history does not end where the workspace recorded its last entry."
        )
    return None
