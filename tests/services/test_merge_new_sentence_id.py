"""A sentence a merge makes here (text only their side made a sentence of) takes an id
no sentence has had, as an import or a split does (`next_sentence_id`). Until 7 December
it took the highest id in use plus one: after the last sentence made was merged away
(Ctrl+M), that was the deleted sentence's id, which the history names. The new
sentence's history then began with "Merge sentences" of another article, and Ctrl+Z of
that Ctrl+M, once the merge's own undo was refused (another program changed what it
brought) and Ctrl+Z went on beneath it, could not give the sentence its id back."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.domain.errors import EditRefused
from factcheck_app.services.desk import Desk
from factcheck_app.storage.stores.sentences import SENTENCE_ID_HIGH_WATER
from tests.services.merge_fixtures import (
    ALICE_ONLY,
    THREE_ARTICLES,
    make_sentence_alice_lacks,
    open_as,
    sentence_ids,
)


def test_a_sentence_a_merge_adds_takes_an_id_never_given(tmp_path: Path) -> None:
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    shared = make_sentence_alice_lacks(alice, bob)
    desk = open_as(alice, "Alice")
    try:
        own = desk.importer.import_text(ALICE_ONLY, source_name="alice.txt").article_id
        first, last = sentence_ids(desk, own)
        desk.boundaries.merge_with_next(first)  # the newest sentence, merged away
        never_given = desk.repo.sentences.next_sentence_id()
        assert never_given > last
        result = desk.merge.merge(bob)
        assert result.changed
        added = set(sentence_ids(desk, shared)) - set(sentence_ids(desk, own))
        assert last not in added
        assert never_given in added
        desk.undo()  # the merge
        desk.undo()  # the Ctrl+M: gives back the sentence it took
        assert sentence_ids(desk, own) == [first, last]
    finally:
        desk.close()


def test_ctrl_z_beneath_a_refused_merge_undo_gives_the_merged_away_sentence_back(
    tmp_path: Path,
) -> None:
    """The merge's Ctrl+Z refused (another program reviewed the sentence it made) and
    dropped, Ctrl+Z goes on to the Ctrl+M beneath it: the sentence it took comes back
    under its own id, which the merge's sentence no longer holds."""
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    shared = make_sentence_alice_lacks(alice, bob)
    desk = open_as(alice, "Alice")
    try:
        own = desk.importer.import_text(ALICE_ONLY, source_name="alice.txt").article_id
        first, last = sentence_ids(desk, own)
        desk.boundaries.merge_with_next(first)
        desk.merge.merge(bob)
        (made,) = set(sentence_ids(desk, shared)) - {1, 2, 3, 5, 6}
        other = Desk.open(
            alice, backup=False, held_lock=desk.writer_lock, owns_lock=False, reviewer="Dora"
        )
        try:
            other.reviews.set_text_field(made, "explanation", "Dora's.")
        finally:
            other.close()
        with pytest.raises(EditRefused, match="changed since by another program"):
            desk.undo()
        desk.undo()  # the Ctrl+M beneath it
        assert sentence_ids(desk, own) == [first, last]
        assert desk.reviews.review(made).explanation == "Dora's."
    finally:
        desk.close()


def test_a_merge_reads_which_ids_are_free_once(tmp_path: Path) -> None:
    """A merge that adds articles and sentences takes their ids in one go: it read the
    mark of ids never given (and the highest id here and in the history) once for every
    article and sentence it made, one statement each, thousands in a big merge. The ids
    stay ones no sentence has had: above the one a Ctrl+M took, each given once."""
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    colleague = open_as(bob, "Bob")
    try:
        for text, name in THREE_ARTICLES:
            colleague.importer.import_text(text, source_name=name)
    finally:
        colleague.close()
    desk = open_as(alice, "Alice")
    try:
        own = desk.importer.import_text(ALICE_ONLY, source_name="alice.txt").article_id
        first, last = sentence_ids(desk, own)
        desk.boundaries.merge_with_next(first)  # the newest sentence, merged away
        statements: list[str] = []
        desk.repo.db.conn.set_trace_callback(statements.append)
        try:
            desk.merge.merge(bob)
        finally:
            desk.repo.db.conn.set_trace_callback(None)
        added = [
            s
            for a in desk.articles.list_articles()
            if a.id != own
            for s in sentence_ids(desk, a.id)
        ]
        assert len(added) == len(set(added)) == 9 and min(added) > last
        assert sum(SENTENCE_ID_HIGH_WATER in s for s in statements) == 1
        desk.undo()
        desk.redo()  # the ids the first run gave, again
        again = [
            s
            for a in desk.articles.list_articles()
            if a.id != own
            for s in sentence_ids(desk, a.id)
        ]
        assert sorted(again) == sorted(added)
    finally:
        desk.close()
