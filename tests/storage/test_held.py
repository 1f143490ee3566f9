"""The one fingerprint of what a step's sentences hold (`repo.held`, `held_of`): a merge,
split or re-split of sentences, and a workspace merge, compare it in their undo's or
redo's own transaction with what they left, and a structural step made from snapshots
compares it with them before it is first applied. A change another program saves that
it misses is written over by the undo without a word; one it sees where nothing changed
refuses a reviewer's own step."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.models import Status, Tag
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.services.edits import SentenceSnapshot, changed_words
from factcheck_app.storage.stores.held import Held, Reach, held_of
from tests.conftest import SEED_FILE


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    """The seed article, its first sentences reviewed in every way a desk can."""
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False, reviewer="Zoë Ångström")
    desk.importer.import_file(SEED_FILE)
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
    desk.reviews.set_tag(ids[0], Tag.CLAIM)
    desk.reviews.set_verdict(ids[0], "false")
    desk.reviews.set_text_field(ids[0], "claimant", "Ministère de l’Intérieur")
    desk.reviews.set_text_field(ids[0], "explanation", "Chiffres d’après l’INSEE — 😀")
    desk.sources.link_source(ids[0], NewSource("https://example.org/r", excerpt="«cité»"))
    desk.sources.link_source(ids[1], NewSource("https://example.org/s"))
    desk.reviews.set_tag(ids[2], Tag.DENIAL)
    desk.reviews.set_denies(ids[2], ids[0])
    desk.reviews.set_status(ids[3], Status.SECOND_LOOK)
    another_program(
        desk,
        "INSERT INTO sign_offs (sentence_id, decision, editor, checker, note, at)"
        " VALUES (?, 'returned', 'Éd', 'Zoë Ångström', 'Voir la source', '2026-12-07')",
        ids[1],
    )
    try:
        yield desk
    finally:
        desk.close()


def first_ids(desk: Desk, count: int = 6) -> list[int]:
    return [row.sentence.id for row in desk.reviews.sentence_rows(1)][:count]


def stored(desk: Desk, ids: list[int]) -> Held:
    return desk.repo.held.held(Reach(tuple(ids)))


def snapshots(desk: Desk, ids: list[int]) -> Held:
    repo = desk.repo
    return held_of(SentenceSnapshot.take(repo, repo.sentences.get_sentence(i)).parts() for i in ids)


def another_program(desk: Desk, statement: str, *params: object) -> None:
    """`statement` run by another program (DB Browser, a script: foreign keys off)."""
    other = sqlite3.connect(desk.path)  # type: ignore[arg-type]
    with other:
        other.execute(statement, params)
    other.close()


def test_what_a_step_read_is_what_is_stored(desk: Desk) -> None:
    """A step made from snapshots is first applied only when its sentences still hold
    them: read and stored must hash alike, whatever they hold (unicode, links, denials,
    a sign-off), or every split of such a sentence was refused as changed meanwhile."""
    ids = first_ids(desk)
    assert snapshots(desk, ids) == stored(desk, ids)
    assert snapshots(desk, ids[:1]) != snapshots(desk, ids[:2])


# Each outside change, and the kind of what the sentences hold it changes (None: what a
# reviewer sees is the same, so no step is refused for it).
CHANGES = [
    ("UPDATE reviews SET rating = 'true' WHERE sentence_id = :a", "reviews"),
    ("UPDATE reviews SET claimant = 'Zoe\u0308' WHERE sentence_id = :a", "reviews"),
    ("UPDATE reviews SET status = 'done' WHERE sentence_id = :d", "reviews"),
    ("UPDATE reviews SET denies_sentence_id = :b WHERE sentence_id = :c", "reviews"),
    ("INSERT INTO reviews (sentence_id, tag) VALUES (:e, 'fact')", "reviews"),
    # Who saved a review, and when, is the audit trail: an undo wrote its own back.
    ("INSERT INTO reviews (sentence_id, reviewer) VALUES (:e, 'Bo')", "credits"),
    ("UPDATE reviews SET reviewer = 'Bo' WHERE sentence_id = :a", "credits"),
    ("UPDATE reviews SET updated_at = 'later' WHERE sentence_id = :a", "credits"),
    ("UPDATE reviews SET reviewer = CAST(reviewer AS BLOB) WHERE sentence_id = :a", None),
    ("UPDATE reviews SET claimant = CAST(claimant AS BLOB) WHERE sentence_id = :a", None),
    (
        "INSERT INTO review_versions (sentence_id, reviewer, tag) VALUES (:e, 'Bo', 'claim')",
        "reviews",
    ),
    ("INSERT INTO review_versions (sentence_id, reviewer) VALUES (:e, 'Bo')", "reviews"),
    ("UPDATE review_versions SET rating = 'mixed' WHERE sentence_id = :a", "reviews"),
    ("UPDATE review_versions SET updated_at = 'later' WHERE sentence_id = :a", "credits"),
    ("UPDATE sentence_sources SET excerpt = 'long quote' WHERE sentence_id = :a", "links"),
    ("UPDATE sentence_sources SET stance = 'refutes' WHERE sentence_id = :b", "links"),
    ("DELETE FROM sentence_sources WHERE sentence_id = :b", "links"),
    ("UPDATE sentence_sources SET reviewer = 'Bo' WHERE sentence_id = :b", "credits"),
    ("UPDATE sentence_sources SET reviewer = CAST(reviewer AS BLOB)", None),
    ("UPDATE sentence_sources SET created_at = 'later'", None),  # an undo stamps it anew
    (
        "INSERT INTO sign_offs (sentence_id, decision, editor, at)"
        " VALUES (:a, 'approved', 'Ed', '2026-12-07T08:00:00+00:00')",
        "sign_offs",
    ),
    ("UPDATE sign_offs SET note = 'Autre note' WHERE sentence_id = :b", "sign_offs"),
    # Bytes read as the text they spell: no change, and a step keeps them so.
    ("UPDATE sign_offs SET editor = CAST(editor AS BLOB) WHERE sentence_id = :b", None),
    ("UPDATE sign_offs SET editor = CAST('Bea' AS BLOB) WHERE sentence_id = :b", "sign_offs"),
    ('UPDATE sentences SET "end" = "end" - 1 WHERE id = :b', "spans"),
    ("DELETE FROM sentences WHERE id = :e", "spans"),
    ("UPDATE sentences SET paragraph = 7 WHERE id = :b", "spans"),
    ("UPDATE sentences SET article_id = 1 WHERE id = :b", None),
    ("UPDATE article_text SET text = text", None),  # never written back by a step
    ("UPDATE sources SET title = 'Another title'", None),
]


@pytest.mark.parametrize(("statement", "kind"), CHANGES)
def test_every_outside_change_is_seen_and_named(
    desk: Desk, statement: str, kind: str | None
) -> None:
    """Another program's change of what the sentences hold changes the fingerprint, and
    the refusal names it; a change of nothing a step writes back (or a value stored in
    another type that reads the same) is none. And a step made from the sentences as
    they are now is never refused: read and stored still hash alike."""
    ids = first_ids(desk)
    a, b, c, d, e = ids[:5]
    left = stored(desk, ids)
    other = sqlite3.connect(desk.path)  # type: ignore[arg-type]
    with other:
        other.execute(statement, {"a": a, "b": b, "c": c, "d": d, "e": e})
    other.close()
    now = stored(desk, ids)
    assert left.changed(now) == (() if kind is None else (kind,))
    if kind is not None:
        words = {
            "reviews": "a review",
            "credits": "who saved a review or linked a source, or when",
            "links": "a source link",
            "sign_offs": "a sign-off",
        }
        assert changed_words(left, now) == words.get(
            kind, "where they begin and end, or their paragraph"
        )
    alive = [i for i in ids if desk.repo.sentences.sentence_exists(i)]
    assert snapshots(desk, alive) == stored(desk, alive)


def test_sources_and_denials_are_read_only_when_asked(desk: Desk) -> None:
    """A workspace merge also holds its sources' details; a structural step's undo the
    denials outside it that it points back."""
    ids = first_ids(desk)
    (link,) = desk.sources.links(ids[1])
    reach = Reach(tuple(ids[:2]), (link.source.id,), ((ids[2], ""), (ids[2], "Zoë Ångström")))
    left = desk.repo.held.held(reach)
    another_program(desk, "UPDATE sources SET title = 'Renamed' WHERE id = ?", link.source.id)
    now = desk.repo.held.held(reach)
    assert left.changed(now) == ("sources",)
    another_program(
        desk,
        "UPDATE review_versions SET denies_sentence_id = NULL WHERE sentence_id = ?",
        ids[2],
    )
    assert now.changed(desk.repo.held.held(reach)) == ("denials",)
    assert changed_words(now, desk.repo.held.held(reach)) == "a denial pointing at them"


def test_few_statements_whatever_the_number_of_sentences(desk: Desk) -> None:
    """Read sentence by sentence, a 2,000-sentence step's check ran 10,000 statements
    (and a merge's, read a few hundred ids at a time, hundreds)."""
    statements: list[str] = []
    every = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
    desk.repo.db.conn.set_trace_callback(statements.append)
    try:
        desk.repo.held.held(Reach(tuple(every[:2])))
        few = len(statements)
        statements.clear()
        desk.repo.held.held(Reach(tuple(range(1, 3000))))
    finally:
        desk.repo.db.conn.set_trace_callback(None)
    assert few == len(statements) <= 5
    assert len(every) > 2


def test_denials_pointing_into_doomed_sentences_from_outside_are_held(desk: Desk) -> None:
    """A workspace merge's undo deletes the sentences it added, which clears every denial
    pointing at them: one another program pointed there since, from a sentence outside
    the step, is a change of "a denial pointing at them", its decided review's as a
    reviewer's version's; one from a sentence inside is the review's change only."""
    ids = first_ids(desk)
    doomed = Reach(tuple(ids[:2]), doomed=(ids[1],))
    left = desk.repo.held.held(doomed)
    another_program(
        desk, "UPDATE reviews SET denies_sentence_id = ? WHERE sentence_id = ?", ids[1], ids[2]
    )
    pointed = desk.repo.held.held(doomed)
    assert left.changed(pointed) == ("denials",)
    assert changed_words(left, pointed) == "a denial pointing at them"
    another_program(
        desk,
        "INSERT INTO review_versions (sentence_id, reviewer, tag, denies_sentence_id)"
        " VALUES (?, 'Bo', 'denial', ?)",
        ids[4],
        ids[1],
    )
    assert pointed.changed(desk.repo.held.held(doomed)) == ("denials",)
    inside = desk.repo.held.held(doomed)
    another_program(
        desk, "UPDATE reviews SET denies_sentence_id = ? WHERE sentence_id = ?", ids[1], ids[0]
    )
    assert inside.changed(desk.repo.held.held(doomed)) == ("reviews",)
