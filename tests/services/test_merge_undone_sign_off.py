"""An editor who undoes her own approval (or return) with Ctrl+Z took it back: her undo is
the later word on it (docs/team.md, Merging). Walked on 6 December: Zoë approved Ana's
verdict, Ana merged a copy of Zoë's file made at that moment, Zoë pressed Ctrl+Z, and
merging Ana's file brought the approval Zoë had undone back into her workspace (a
return too). Where Ana had answered the return meanwhile, either merge kept the return
Zoë undid. The undo is in Zoë's history (an `undo` entry of the `sign_off`), after the
sign-off entry both histories hold: our history went on from theirs, or theirs from
ours."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.models import SignOffDecision, Tag
from factcheck_app.services.desk import Desk
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids

ANA, ZOE = "Ana Ruiz", "Zoë Ngata"


def sign(desk: Desk, sentence: int, decision: SignOffDecision) -> None:
    if decision is SignOffDecision.APPROVED:
        desk.sign_offs.approve(sentence)
    else:
        desk.sign_offs.send_back(sentence, "Which table?")


class Walk:
    """Ana's verdict merged into Zoë's workspace and signed off there; Ana's workspace
    merged a copy of Zoë's file made at that moment; Zoë's desk is still open."""

    def __init__(self, tmp_path: Path, decision: SignOffDecision) -> None:
        self.editor_ws, self.ana_ws = tmp_path / "editor.fcdesk", tmp_path / "ana.fcdesk"
        self.copy = tmp_path / "editor-copy.fcdesk"
        self.decision = decision
        desk = open_as(self.editor_ws, ZOE)
        try:
            article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
            self.s = sentence_ids(desk, article)[0]
        finally:
            desk.close()
        shutil.copy(self.editor_ws, self.ana_ws)
        desk = open_as(self.ana_ws, ANA)
        try:
            desk.reviews.set_tag(self.s, Tag.CLAIM)
            desk.reviews.set_verdict(self.s, "false")
            desk.reviews.set_text_field(self.s, "explanation", "Census 2019.")
        finally:
            desk.close()
        self.zoe = open_as(self.editor_ws, ZOE)
        self.zoe.merge.merge(self.ana_ws)
        sign(self.zoe, self.s, decision)
        self.copied()
        desk = open_as(self.ana_ws, ANA)
        try:
            desk.merge.merge(self.copy)
            assert self.decision_in(desk) is decision
        finally:
            desk.close()

    def copied(self) -> None:
        """A copy of Zoë's workspace as it is now, her desk open (as a shared folder
        syncs it)."""
        self.copy.unlink(missing_ok=True)
        source, target = sqlite3.connect(self.editor_ws), sqlite3.connect(self.copy)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()

    def decision_in(self, desk: Desk) -> SignOffDecision | None:
        found = desk.sign_offs.sign_off(self.s)
        return None if found is None else found.decision


@pytest.fixture(params=list(SignOffDecision), ids=lambda d: d.value)
def walk(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Walk]:
    walked = Walk(tmp_path, request.param)
    try:
        yield walked
    finally:
        walked.zoe.close()


def test_the_editors_undone_sign_off_does_not_come_back_from_the_checker(walk: Walk) -> None:
    zoe = walk.zoe
    zoe.edits.undo()
    assert walk.decision_in(zoe) is None
    result = zoe.merge.merge(walk.ana_ws)
    assert walk.decision_in(zoe) is None, result.summary()
    assert "decision or sign-off" not in result.summary()
    assert zoe.merge.merge(walk.ana_ws).reviews_added == 0  # again: still nothing of it
    assert walk.decision_in(zoe) is None


def test_the_checkers_copy_loses_the_sign_off_the_editor_undid(walk: Walk) -> None:
    walk.zoe.edits.undo()
    walk.copied()
    desk = open_as(walk.ana_ws, ANA)
    try:
        result = desk.merge.merge(walk.copy)
        assert walk.decision_in(desk) is None, result.summary()
        assert desk.reviews.review(walk.s).verdict == "false"  # her verdict stays
        desk.edits.undo()  # the merge taken back: the sign-off she had
        assert walk.decision_in(desk) is walk.decision
    finally:
        desk.close()


def test_a_sign_off_undone_and_redone_stands_on_both_sides(walk: Walk) -> None:
    """Unchanged: Ctrl+Y put it back, so it is the editor's word again."""
    zoe = walk.zoe
    zoe.edits.undo()
    zoe.edits.redo()
    zoe.merge.merge(walk.ana_ws)
    assert walk.decision_in(zoe) is walk.decision
    walk.copied()
    desk = open_as(walk.ana_ws, ANA)
    try:
        desk.merge.merge(walk.copy)
        assert walk.decision_in(desk) is walk.decision
    finally:
        desk.close()


def test_a_sign_off_new_to_the_editor_still_comes(tmp_path: Path) -> None:
    """Unchanged the other way: after Zoë's undo, another editor approved the verdict in
    Ana's workspace. That approval is new to Zoë's history: it comes."""
    walked = Walk(tmp_path, SignOffDecision.APPROVED)
    try:
        zoe = walked.zoe
        zoe.edits.undo()
        desk = open_as(walked.ana_ws, "Edith Park")
        try:
            desk.sign_offs.approve(walked.s)
        finally:
            desk.close()
        result = zoe.merge.merge(walked.ana_ws)
        found = zoe.sign_offs.sign_off(walked.s)
        assert found is not None and found.editor == "Edith Park", result.summary()
    finally:
        walked.zoe.close()


def test_the_checkers_answer_comes_without_the_return_the_editor_undid(tmp_path: Path) -> None:
    """Zoë returned the verdict, Ana merged the copy and answered in her explanation
    (a return stays while its checker edits), Zoë undid her return meanwhile: Ana's
    answer is taken as her later edit, and the return Zoë undid stays undone."""
    walked = Walk(tmp_path, SignOffDecision.RETURNED)
    try:
        zoe = walked.zoe
        zoe.edits.undo()
        desk = open_as(walked.ana_ws, ANA)
        try:
            desk.reviews.set_text_field(walked.s, "explanation", "Census 2019, table 4.")
            assert walked.decision_in(desk) is SignOffDecision.RETURNED
        finally:
            desk.close()
        result = zoe.merge.merge(walked.ana_ws)
        assert zoe.reviews.review(walked.s).explanation == "Census 2019, table 4."
        assert walked.decision_in(zoe) is None, result.summary()
        assert "decision or sign-off" not in result.summary()
    finally:
        walked.zoe.close()


def test_the_checkers_answered_copy_loses_the_return_the_editor_undid(tmp_path: Path) -> None:
    """The same answer, seen from Ana's side: merging Zoë's file after the undo, her
    answer stays (it is the later word on her review) and the return Zoë undid goes:
    both desks say the verdict awaits sign-off."""
    walked = Walk(tmp_path, SignOffDecision.RETURNED)
    try:
        walked.zoe.edits.undo()
        walked.copied()
        desk = open_as(walked.ana_ws, ANA)
        try:
            desk.reviews.set_text_field(walked.s, "explanation", "Census 2019, table 4.")
            result = desk.merge.merge(walked.copy)
            assert desk.reviews.review(walked.s).explanation == "Census 2019, table 4."
            assert walked.decision_in(desk) is None, result.summary()
            desk.edits.undo()  # the merge taken back: the return she had
            assert walked.decision_in(desk) is SignOffDecision.RETURNED
        finally:
            desk.close()
    finally:
        walked.zoe.close()
