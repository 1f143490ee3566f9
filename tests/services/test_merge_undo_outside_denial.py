"""A merge (File → Merge Workspace…, one undo step) undone after another program pointed
a denial at a sentence the merge added, from a sentence outside what the merge wrote: a
second desk window on the same workspace, a script. Until 7 December Ctrl+Z deleted the
merged sentence and the denial pointing at it was cleared with it (the database sets it
to nothing), without a word: that program's link lost. It is refused in words, as the
merge's undo is for any other change of what it brought; a denial pointed at a
sentence of ours the merge only landed on, which no undo or redo deletes, refuses
nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.services.meanwhile_fixtures import another_program
from tests.services.merge_fixtures import (
    article_titled,
    make_alice,
    make_bob,
    make_sentence_alice_lacks,
    open_as,
    sentence_ids,
)


@pytest.fixture
def merged(tmp_path: Path) -> Iterator[tuple[Desk, Desk, int, list[int]]]:
    """Alice's desk, into whose shared article Bob's file merged a sentence hers lacked
    (a workspace an older tool wrote, its row missing), and a second desk window on her
    file (Dora's): the other program. Yields them, the merged sentence and the article's
    sentences."""
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    shared = make_sentence_alice_lacks(alice, bob)
    desk = open_as(alice, "Alice")
    # One writer at a time: the other program borrows the lock, as one that does not
    # take it (DB Browser, a script) writes between the window's transactions.
    other = Desk.open(
        alice, backup=False, held_lock=desk.writer_lock, owns_lock=False, reviewer="Dora"
    )
    try:
        before = set(sentence_ids(desk, shared))
        assert desk.merge.merge(bob).changed
        (made,) = set(sentence_ids(desk, shared)) - before
        yield desk, other, made, sentence_ids(desk, shared)
    finally:
        other.close()
        desk.close()


def test_undo_after_another_desk_pointed_a_denial_at_a_merged_sentence_is_refused(
    merged: tuple[Desk, Desk, int, list[int]],
) -> None:
    """Dora tagged the opposition's sentence a denial of the sentence Bob's file brought
    (official figures published in March). Ctrl+Z deleted that sentence: her link gone."""
    desk, other, made, ids = merged
    opposition = ids[2]
    other.reviews.set_tag(opposition, Tag.DENIAL)
    other.reviews.set_denies(opposition, made)
    entries = len(desk.history.entries())
    with pytest.raises(EditRefused, match=r"another program \(a denial pointing at them\)"):
        desk.undo()
    assert desk.reviews.review(opposition).denies_sentence_id == made
    assert made in sentence_ids(desk, desk.reviews.article_of(made) or 0)
    assert len(desk.history.entries()) == entries  # nothing recorded


def test_undo_after_a_script_pointed_a_reviewers_version_at_a_merged_sentence_is_refused(
    merged: tuple[Desk, Desk, int, list[int]],
) -> None:
    """A script saved Dora's version of the last sentence, a denial of the merged one.
    Ctrl+Z deleted the merged sentence and cleared her version's denial."""
    desk, _other, made, ids = merged
    assert desk.path is not None
    another_program(
        desk.path,
        "INSERT INTO review_versions (sentence_id, reviewer, tag, status, denies_sentence_id)"
        " VALUES (?, 'Dora', 'denial', 'done', ?)",
        ids[-1],
        made,
    )
    with pytest.raises(EditRefused, match=r"another program \(a denial pointing at them\)"):
        desk.undo()
    (dora,) = [v for v in desk.repo.reviews.versions(ids[-1])]
    assert dora.denies_sentence_id == made


def test_a_denial_at_a_sentence_the_merge_landed_on_refuses_neither_undo_nor_redo(
    merged: tuple[Desk, Desk, int, list[int]],
) -> None:
    """Dora pointed a denial at Alice's own first sentence, which the merge only landed
    on. Ctrl+Z deletes neither it nor her denial, nor does Ctrl+Y write over them: the
    undo, redo and undo again go ahead, her denial kept."""
    desk, other, _made, ids = merged
    opposition = ids[2]
    other.reviews.set_tag(opposition, Tag.DENIAL)
    other.reviews.set_denies(opposition, ids[0])
    desk.undo()
    desk.redo()
    desk.undo()
    assert desk.reviews.review(opposition).denies_sentence_id == ids[0]


def test_redo_after_another_desk_pointed_a_denial_where_it_lands_is_refused(
    merged: tuple[Desk, Desk, int, list[int]],
) -> None:
    """The redo side: undone, the merge's sentence is gone; Dora then pointed the
    opposition's denial at Alice's first sentence. Ctrl+Y decides the reviews of every
    sentence Bob's land on, the opposition's among them: refused in words, her denial
    kept (as any review of them changed since: the redo's reach already holds it)."""
    desk, other, _made, ids = merged
    desk.undo()
    other.reviews.set_tag(ids[2], Tag.DENIAL)
    other.reviews.set_denies(ids[2], ids[0])
    with pytest.raises(EditRefused, match="changed since by another program"):
        desk.redo()
    assert desk.reviews.review(ids[2]).denies_sentence_id == ids[0]


def test_redo_then_another_desks_denial_at_the_merged_sentence_refuses_the_undo(
    merged: tuple[Desk, Desk, int, list[int]],
) -> None:
    """Undone and redone, the merge brought the sentence back under its id; Dora's
    denial of it after the redo is refused by the next Ctrl+Z as after the first run."""
    desk, other, made, ids = merged
    desk.undo()
    desk.redo()
    other.reviews.set_tag(ids[2], Tag.DENIAL)
    other.reviews.set_denies(ids[2], made)
    with pytest.raises(EditRefused, match="a denial pointing at them"):
        desk.undo()
    assert desk.reviews.review(ids[2]).denies_sentence_id == made


def test_undo_after_a_script_pointed_a_denial_into_an_added_article_is_refused(
    tmp_path: Path,
) -> None:
    """Bob's own article came whole with the merge; a script pointed the denial of a
    sentence of Alice's own article at its first sentence. Ctrl+Z deleted the article
    and cleared that denial."""
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    desk = open_as(alice, "Alice")
    try:
        assert desk.merge.merge(bob).changed
        senator = sentence_ids(desk, article_titled(desk, "senator"))[0]
        mayor = sentence_ids(desk, article_titled(desk, "mayor"))[1]
        another_program(
            alice,
            "INSERT INTO reviews (sentence_id, tag, denies_sentence_id) VALUES (?, 'denial', ?)",
            mayor,
            senator,
        )
        with pytest.raises(EditRefused, match="a denial pointing at them"):
            desk.undo()
        assert desk.reviews.review(mayor).denies_sentence_id == senator
    finally:
        desk.close()
