"""What an undoable step's sentences and sources hold as stored, hashed kind by kind: the
one fingerprint a structural step (merge, split, re-split of sentences) and a workspace
merge compare, in their undo's or redo's own transaction, with what they left, to find
another program's change in between and say of what kind (`services/edits.py`
`refuse_changed`). A structural step also finds in it, before it is first applied,
whether its sentences are still as it read them (`Holding` of its snapshots).

Every stored field such a step writes back is held: a sentence's span, paragraph and
article; a review's content and who saved it when (`credits`, as for a reviewer's own
version and who linked a source); a sign-off's every field. A field left out was written
back unseen over another window's change (Dora's name on a verdict she re-saved, gone
under Ana's Ctrl+Z of a merge). Values are keyed as the domain reads them
(`rows.review_from`, `link_from`, `sign_off_from`, `sentences._paragraph`), so a step's
snapshots hash as the rows they were read from: a stored value another program wrote in
another type that reads the same (a claimant as bytes) is no change, and never refuses
a step made from it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from factcheck_app.domain.models import Review, Sentence, SignOff, SourceLink
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.stores.rows import StoredName, stored_text

# One sentence of a step's snapshot: it, its decided review, reviewers' versions, source
# links and sign-off (`services/edits.SentenceSnapshot.parts`).
SnapshotParts = tuple[Sentence, Review, Iterable[Review], Iterable[SourceLink], SignOff | None]

# The kinds of `Held`, in the order a refusal names them.
KINDS = ("spans", "reviews", "credits", "links", "sign_offs", "sources", "denials")

# A review's content as `Review.content_fields` orders it, of a sentence with no review
# (or a review row as an untouched sentence's): such a review is none.
_NO_REVIEW = tuple(Review(0).content_fields().values())

# The ids in one JSON parameter: one statement per kind whatever the number of sentences
# (a re-split's 49,000, a merge's 31,000), each row found through its table's key.
_IN_IDS = "IN (SELECT value FROM json_each(?))"


@dataclass(frozen=True, slots=True)
class Reach:
    """What a step would write over: its sentences (everything they hold), sources (their
    details), denials outside them that it points back exactly as they were
    (sentence id, reviewer; "": its decided review), and sentences it deletes (`doomed`),
    whose denials from outside its sentences the deletion clears."""

    sentences: tuple[int, ...] = ()
    sources: tuple[int, ...] = ()
    denials: tuple[tuple[int, StoredName], ...] = ()
    doomed: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Held:
    """What a `Reach` holds, each kind hashed over it all (a re-split of a 5 MB article
    kept its 49,000 sentences' states twice on the undo stack: 40 MB more at its undo's
    peak). Hashes live as long as this process, as the undo stack does."""

    spans: int
    reviews: int
    credits: int
    links: int
    sign_offs: int
    sources: int
    denials: int

    def changed(self, now: Held) -> tuple[str, ...]:
        """The kinds (`KINDS`) that differ in `now`; who saved or linked them not named
        beside a review or link itself changed (a review saved says who saved it)."""
        kinds = tuple(kind for kind in KINDS if getattr(self, kind) != getattr(now, kind))
        if "credits" in kinds and ("reviews" in kinds or "links" in kinds):
            return tuple(kind for kind in kinds if kind != "credits")
        return kinds


def _text(value: Any) -> str:
    return value if type(value) is str else stored_text(value)


def _review_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A review row's (tag, rating, claimant, explanation, status, denies) as
    `Review.content_fields` of `review_from` has them."""
    tag, rating, claimant, explanation, status, denies = row
    if (
        type(claimant) is str
        and type(explanation) is str
        and (denies is None or type(denies) is int)
        and tag != ""
        and status is not None
    ):
        return row  # as the desk writes it: read as stored (most rows, tens of thousands)
    if status is None:
        return _NO_REVIEW
    return (
        tag if tag != "" else None,
        rating,
        _text(claimant),
        _text(explanation),
        status,
        denies if type(denies) is int else None,
    )


# Who saved a sentence's decided review, a reviewer's version, who linked a source:
# (sentence, which, reviewer or link id, then who and when), unique by its first three.
_DECIDED, _VERSION, _LINKED = 0, 1, 2


class Holding:
    """`Held` gathered item by item, the same from stored rows (`HeldStore.held`) as from
    a step's snapshots (`add_sentence`): sorted by key before hashing, so neither the
    order read nor the order added counts."""

    def __init__(self) -> None:
        self.spans: list[tuple[Any, ...]] = []
        self.decided: list[tuple[Any, ...]] = []
        self.credits: list[tuple[Any, ...]] = []
        self.versions: list[tuple[Any, ...]] = []
        self.links: list[tuple[Any, ...]] = []
        self.sign_offs: list[tuple[Any, ...]] = []
        self.sources: list[tuple[Any, ...]] = []
        self.denials: list[tuple[Any, ...]] = []

    def add_sentence(
        self,
        sentence: Sentence,
        review: Review,
        versions: Iterable[Review],
        links: Iterable[SourceLink],
        sign_off: SignOff | None,
    ) -> None:
        """One sentence as a step's snapshot has it."""
        sentence_id = sentence.id
        self.spans.append(
            (sentence_id, sentence.start, sentence.end, sentence.article_id, sentence.paragraph)
        )
        self.add_decided(sentence_id, tuple(review.content_fields().values()))
        self.add_credit(sentence_id, _DECIDED, review.reviewer, review.updated_at)
        for v in versions:
            self.versions.append((sentence_id, v.reviewer, *v.content_fields().values()))
            self.add_credit(sentence_id, _VERSION, v.reviewer, v.updated_at)
        for x in links:
            self.links.append((sentence_id, x.id, x.source.id, x.stance.value, x.excerpt))
            self.credits.append((sentence_id, _LINKED, x.id, x.reviewer))
        if sign_off is not None:
            self.sign_offs.append((sentence_id, *sign_off.state().values()))

    def add_decided(self, sentence_id: int, content: tuple[Any, ...]) -> None:
        if content != _NO_REVIEW:  # no review row, or one as an untouched sentence's
            self.decided.append((sentence_id, *content))

    def add_credit(self, sentence_id: int, which: int, reviewer: str, at: str) -> None:
        if reviewer or at:  # none: no review row (an untouched sentence's defaults)
            self.credits.append((sentence_id, which, reviewer, at))

    def held(self) -> Held:
        def hashed(items: list[tuple[Any, ...]], width: int) -> int:
            return hash(tuple(sorted(items, key=itemgetter(*range(width)))))

        return Held(
            hashed(self.spans, 1),
            hash((hashed(self.decided, 1), hashed(self.versions, 2))),
            hashed(self.credits, 3),
            hashed(self.links, 2),
            hashed(self.sign_offs, 1),
            hashed(self.sources, 1),
            hashed(self.denials, 2),
        )


def held_of(parts: Iterable[SnapshotParts]) -> Held:
    """What a step's snapshots hold, as `HeldStore.held` reads it of their sentences."""
    holding = Holding()
    for sentence, review, versions, links, sign_off in parts:
        holding.add_sentence(sentence, review, versions, links, sign_off)
    return holding.held()


class HeldStore:
    """Reads what a `Reach` holds: a few statements whatever its size."""

    def __init__(self, db: WorkspaceDatabase) -> None:
        self.db = db

    def held(self, reach: Reach) -> Held:
        """What `reach` holds now (a sentence or source gone: left out)."""
        holding = Holding()
        if reach.sentences:
            ids = json.dumps(sorted(set(reach.sentences)))
            # A paragraph that is no number (hand-edited) reads as 0, as `get_sentence`'s.
            holding.spans += [
                row if type(row[4]) is int else (*row[:4], 0)
                for row in self.db.execute(
                    'SELECT id, start, "end", article_id, paragraph FROM sentences'
                    f" WHERE id {_IN_IDS}",
                    [ids],
                ).fetchall()
            ]
            content = "tag, rating, claimant, explanation, status, denies_sentence_id"
            # Each read whole (`fetchall`): a row at a time through the translating
            # cursor cost more than the statements themselves at a merge's 31,000.
            for row in self.db.execute(
                f"SELECT sentence_id, {content}, reviewer, updated_at FROM reviews"
                f" WHERE sentence_id {_IN_IDS}",
                [ids],
            ).fetchall():
                holding.add_decided(row[0], _review_key(row[1:7]))
                holding.add_credit(row[0], _DECIDED, _text(row[7]), _text(row[8]))
            for row in self.db.execute(
                f"SELECT sentence_id, reviewer, {content}, updated_at FROM review_versions"
                f" WHERE sentence_id {_IN_IDS}",
                [ids],
            ).fetchall():
                reviewer = _text(row[1])
                holding.versions.append((row[0], reviewer, *_review_key(row[2:8])))
                holding.add_credit(row[0], _VERSION, reviewer, _text(row[8]))
            # Joined with its source, as `links_for_sentence` reads a snapshot's links.
            for row in self.db.execute(
                "SELECT l.sentence_id, l.id, s.id, l.stance, l.excerpt, l.reviewer"
                " FROM sentence_sources l JOIN sources s ON s.id = l.source_id"
                f" WHERE l.sentence_id {_IN_IDS}",
                [ids],
            ).fetchall():
                holding.links.append(row[:5] if type(row[4]) is str else (*row[:4], _text(row[4])))
                holding.credits.append((row[0], _LINKED, row[1], _text(row[5])))
            holding.sign_offs += [
                (row[0], row[1], *(_text(value) for value in row[2:]))
                for row in self.db.execute(
                    "SELECT sentence_id, decision, editor, checker, note, at FROM sign_offs"
                    f" WHERE sentence_id {_IN_IDS}",
                    [ids],
                ).fetchall()
            ]
        if reach.sources:
            holding.sources += self.db.execute(
                f"SELECT id, url, title, publisher, accessed FROM sources WHERE id {_IN_IDS}",
                [json.dumps(sorted(set(reach.sources)))],
            ).fetchall()
        if reach.denials:
            wanted = set(reach.denials)
            holders = json.dumps(sorted({holder for holder, _ in wanted}))
            # Each version by its name as stored, as the step names it (bytes stay bytes).
            pointing = {
                (int(row[0]), row[1] if type(row[1]) is bytes else str(row[1])): row[2]
                for row in self.db.execute(
                    f"SELECT sentence_id, '', denies_sentence_id FROM reviews"
                    f" WHERE sentence_id {_IN_IDS} UNION ALL"
                    " SELECT sentence_id, reviewer, denies_sentence_id FROM review_versions"
                    f" WHERE sentence_id {_IN_IDS}",
                    [holders, holders],
                ).fetchall()
            }
            holding.denials += (
                (holder, _text(who), _denies(pointing.get((holder, who)))) for holder, who in wanted
            )
        if reach.doomed:
            holding.denials += self._pointing_into(reach)
        return holding.held()

    def _pointing_into(self, reach: Reach) -> list[tuple[Any, ...]]:
        """The denials (holder, reviewer, target; "": its decided review) of sentences
        outside `reach.sentences` that point into `reach.doomed`: the database clears
        them when a doomed sentence is deleted (ON DELETE SET NULL). Found through the
        denials' own indexes: none, most often, whatever the number doomed."""
        doomed = json.dumps(sorted(set(reach.doomed)))
        inside = set(reach.sentences)
        return [
            (holder, _text(who), target)
            for holder, who, target in self.db.execute(
                "SELECT sentence_id, '', denies_sentence_id FROM reviews"
                f" WHERE denies_sentence_id {_IN_IDS} UNION ALL"
                " SELECT sentence_id, reviewer, denies_sentence_id FROM review_versions"
                f" WHERE denies_sentence_id {_IN_IDS}",
                [doomed, doomed],
            ).fetchall()
            if holder not in inside
        ]


def _denies(value: Any) -> int | None:
    return value if type(value) is int else None
