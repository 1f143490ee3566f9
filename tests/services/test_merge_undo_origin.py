"""Which step an undo merged in from another file takes back is read by the desk session
that wrote them (Ctrl+Z is one desk's, one session's), not by their states alone.

Until 7 December an undo that arrived in a later merge than its step was paired by
states: a colleague's step that left the same review (two checkers giving the same
verdict on their copies) could be the one taken back, and the checker who took hers
back was named as the verdict's giver. And a real Ctrl+Z of the editor's own approval,
merged into a copy of her file made before it, read as a forger's and was left out."""

from __future__ import annotations

import shutil
from pathlib import Path

from factcheck_app.domain.models import Tag
from factcheck_app.services.history import Move, taken_back
from tests.conftest import copy_of_old_workspace
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids

EDITH = "Edith Park"


def _shared(path: Path) -> int:
    """A workspace at `path` with the shared article, its fifth sentence tagged a claim."""
    desk = open_as(path, EDITH)
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        sentence = sentence_ids(desk, article)[4]
        desk.reviews.set_tag(sentence, Tag.CLAIM)
    finally:
        desk.close()
    return sentence


def test_a_checkers_undo_merged_later_takes_back_her_step_not_a_colleagues(
    tmp_path: Path,
) -> None:
    """Alice and Bob each give sentence 5 "false" on their copies. The editor merges
    Alice's (a copy she saved) and takes that merge back (Ctrl+Z: its history entries
    stay), then merges Bob's: the verdict is Bob's. Alice then takes hers back (Ctrl+Z)
    and her file is merged again. Read by states, her undo took back Bob's step, the
    newest that left "false", and hers stood: the sentence's checker, whom an approval
    names, was Alice, who had taken her verdict back, not Bob, who gave it."""
    main = tmp_path / "main.fcdesk"
    sentence = _shared(main)
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    shutil.copy(main, alice)
    shutil.copy(main, bob)
    hers = open_as(alice, "Alice")
    try:
        hers.reviews.set_verdict(sentence, "false")
        hers.upkeep.save_copy(tmp_path / "alice-1.fcdesk")
        his = open_as(bob, "Bob")
        try:
            his.reviews.set_verdict(sentence, "false")
        finally:
            his.close()
        desk = open_as(main, EDITH)
        try:
            desk.merge.merge(tmp_path / "alice-1.fcdesk")
            desk.undo()
            desk.merge.merge(bob)
            assert desk.sign_offs.checker(sentence) == "Bob"
        finally:
            desk.close()
        hers.undo()
        hers.upkeep.save_copy(tmp_path / "alice-2.fcdesk")
    finally:
        hers.close()
    desk = open_as(main, EDITH)
    try:
        result = desk.merge.merge(tmp_path / "alice-2.fcdesk")
        assert result.undos_left_out == 0
        assert desk.reviews.review(sentence).verdict == "false"
        assert desk.sign_offs.checker(sentence) == "Bob"
    finally:
        desk.close()


def test_the_editors_real_undo_merged_into_a_copy_made_before_it_is_believed(
    tmp_path: Path,
) -> None:
    """Edith approves a check and hands a copy of her file to Ana (File → Save a Copy);
    then she takes the approval back (Ctrl+Z) and saves another copy. Merged into Ana's,
    her undo was left out as a forger's ("1 undo of an approval … was left out"), the
    approval standing there: the entries could not tell her own Ctrl+Z from an undo
    written into a copy. Now they say which desk session wrote each."""
    edith = tmp_path / "edith.fcdesk"
    sentence = _shared(edith)
    checker = open_as(edith, "Ana Ruiz")  # her check, on the editor's machine
    try:
        checker.reviews.set_verdict(sentence, "false")
    finally:
        checker.close()
    desk = open_as(edith, EDITH)
    try:
        desk.sign_offs.approve(sentence)
        desk.upkeep.save_copy(tmp_path / "ana.fcdesk")  # handed over
        desk.undo()
        desk.upkeep.save_copy(tmp_path / "edith-later.fcdesk")
    finally:
        desk.close()
    ana = open_as(tmp_path / "ana.fcdesk", "Ana Ruiz")
    try:
        assert ana.repo.sign_offs.get(sentence) is not None
        result = ana.merge.merge(tmp_path / "edith-later.fcdesk")
        assert result.undos_left_out == 0, result.summary()
        assert ana.repo.sign_offs.get(sentence) is None
        assert ana.history.verify().ok
    finally:
        ana.close()


def test_an_undo_takes_back_the_step_its_own_session_wrote() -> None:
    found = taken_back(
        [
            Move("do", "none", "false", False, "alice"),  # 0: Alice's, merged in
            Move("do", "none", "false", False, "bob"),  # 1: Bob's, merged in after
            Move("undo", "false", "none", False, "alice"),  # 2: Alice's Ctrl+Z
        ]
    )
    assert found.of == {2: 0} and found.undone == {0} and not found.forged


def test_an_undo_whose_session_wrote_no_such_step_is_forged() -> None:
    found = taken_back(
        [
            Move("do", "conflict", "decided", True, "edith"),  # 0: written here
            Move("undo", "decided", "conflict", False, "mallory"),  # 1: from elsewhere
        ]
    )
    assert found.forged == {1} and not found.of


def test_an_undo_of_the_same_session_is_believed_wherever_it_was_written() -> None:
    found = taken_back(
        [
            Move("do", "signed", "none", True, "edith"),  # 0: in the copy handed over
            Move("undo", "none", "signed", False, "edith"),  # 1: her Ctrl+Z, merged in
        ]
    )
    assert found.of == {1: 0} and not found.forged


def test_a_workspace_from_before_sessions_merges_and_its_undos_pair_as_before(
    tmp_path: Path,
) -> None:
    """A colleague's file of schema 5 (no entry names its session) is merged as ever: its
    entries come with no session, its undos paired by file as before, the chain whole;
    merged again, nothing is taken twice."""
    older = copy_of_old_workspace(tmp_path, "team-schema-v5.fcdesk")
    desk = open_as(tmp_path / "mine.fcdesk", EDITH)
    try:
        result = desk.merge.merge(older)
        assert result.articles_added == 1 and result.undos_left_out == 0
        merged = [e for e in desk.repo.history.entries() if e.origin]
        assert merged and {e.session for e in merged} == {""}
        assert any(e.action == "undo" for e in merged)
        assert desk.history.verify().ok
        again = desk.merge.merge(older)
        assert not again.changed and again.history_added == 0
        own = [e for e in desk.repo.history.entries() if not e.origin]
        assert own and all(e.session == desk.repo.history.session for e in own)
    finally:
        desk.close()
