"""An editor's decision of a conflict is not undone by a merge that did not see it.

Edith keeps a combination of two reviews (Ana's verdict, Ben's explanation). Ana, on a
laptop copy made before that decision, then rewrites her explanation. Merging her file
brings her later version in, but her version was written without knowing the decision:
the desk must not silently show her words in place of the editor's choice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck_app.domain.merge_rules import combination
from factcheck_app.domain.models import Status, Tag
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids

ANA_FIRST = "Census 2019: 335,600."
BEN_WORDS = "Ben: the ministry's own table says 335,600 too."
ANA_LATER = "Census 2019 says 335,600, rounded (laptop)."


def write(path: Path, name: str, sentence: int, verdict: str, explanation: str) -> None:
    desk = open_as(path, name)
    try:
        desk.reviews.set_tag(sentence, Tag.CLAIM)
        desk.reviews.set_verdict(sentence, verdict)
        desk.reviews.set_text_field(sentence, "explanation", explanation)
    finally:
        desk.close()


@pytest.mark.parametrize("laptop_name", ["Ana Ruiz", "ana ruiz"])
def test_her_later_edit_made_before_the_editors_decision_does_not_undo_it(
    tmp_path: Path, laptop_name: str
) -> None:
    desk_ws, laptop_ws, ben_ws = (tmp_path / f"{n}.fcdesk" for n in ("desk", "laptop", "ben"))
    desk = open_as(desk_ws, "Ana Ruiz")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)[1]
    finally:
        desk.close()
    shutil.copy(desk_ws, ben_ws)  # Ben checks the same claim on his own copy
    write(desk_ws, "Ana Ruiz", s, "false", ANA_FIRST)
    shutil.copy(desk_ws, laptop_ws)  # Ana takes a copy home…
    write(ben_ws, "Ben Ode", s, "mostly_false", BEN_WORDS)
    desk = open_as(desk_ws, "Edith Moss")
    try:
        assert desk.merge.merge(ben_ws).sentences_conflicting == 1
        picks = {v.reviewer: v for v in desk.merge.versions(s)}
        ana, ben = picks["Ana Ruiz"], picks["Ben Ode"]
        desk.reviews.decide(
            s, combination(s, {"tag": ana, "verdict": ana, "claimant": ana, "explanation": ben})
        )
        decided = desk.reviews.review(s)
        assert (decided.verdict, decided.explanation) == ("false", BEN_WORDS)
    finally:
        desk.close()
    # …and there, not knowing Edith's decision, rewrites her explanation.
    laptop = open_as(laptop_ws, laptop_name)
    try:
        laptop.reviews.set_text_field(s, "explanation", ANA_LATER)
    finally:
        laptop.close()
    desk = open_as(desk_ws, "Edith Moss")
    try:
        result = desk.merge.merge(laptop_ws)
        shown = desk.reviews.review(s)
        # Her later words are kept (as her version), never lost…
        assert ANA_LATER in {v.explanation for v in desk.merge.versions(s)}
        # …but the editor's decision is not silently replaced by them: the desk shows
        # the decision's words, in conflict, for the editor to look at again.
        assert (shown.verdict, shown.explanation) == ("false", BEN_WORDS)
        assert shown.status is Status.CONFLICT
        assert result.sentences_conflicting == 1
        desk.edits.undo()  # the merge is one step: undone, the decision is as it was
        back = desk.reviews.review(s)
        assert (back.explanation, back.status) == (BEN_WORDS, Status.DONE)
    finally:
        desk.close()


def test_her_later_edit_made_knowing_the_decision_is_taken(tmp_path: Path) -> None:
    """Ana's copy was made after Edith's decision, and she rewrote her explanation over
    it there: that is her later word, taken without a conflict."""
    desk_ws, laptop_ws, ben_ws = (tmp_path / f"{n}.fcdesk" for n in ("desk", "laptop", "ben"))
    desk = open_as(desk_ws, "Ana Ruiz")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)[1]
    finally:
        desk.close()
    shutil.copy(desk_ws, ben_ws)
    write(desk_ws, "Ana Ruiz", s, "false", ANA_FIRST)
    write(ben_ws, "Ben Ode", s, "mostly_false", BEN_WORDS)
    desk = open_as(desk_ws, "Edith Moss")
    try:
        desk.merge.merge(ben_ws)
        picks = {v.reviewer: v for v in desk.merge.versions(s)}
        ana, ben = picks["Ana Ruiz"], picks["Ben Ode"]
        desk.reviews.decide(
            s, combination(s, {"tag": ana, "verdict": ana, "claimant": ana, "explanation": ben})
        )
    finally:
        desk.close()
    shutil.copy(desk_ws, laptop_ws)  # she takes the decided sentence home…
    laptop = open_as(laptop_ws, "Ana Ruiz")
    try:
        assert laptop.reviews.review(s).explanation == BEN_WORDS
        laptop.reviews.set_text_field(s, "explanation", ANA_LATER)  # …and goes on from it
    finally:
        laptop.close()
    desk = open_as(desk_ws, "Edith Moss")
    try:
        result = desk.merge.merge(laptop_ws)
        shown = desk.reviews.review(s)
        assert (shown.explanation, shown.status) == (ANA_LATER, Status.DONE)
        assert result.sentences_conflicting == 0
    finally:
        desk.close()


@pytest.mark.parametrize("laptop_name", ["Ana Ruiz", "ana ruiz"])
def test_an_approval_here_taken_away_by_her_later_edit_is_said(
    tmp_path: Path, laptop_name: str
) -> None:
    """Edith approves Ana's check here; Ana, on a copy made before, rewrites her
    explanation. Her later check is taken, and Edith's approval does not vouch for words
    she never saw (as when Ana edits an approved check here): the merge says so, in its
    message and its counts, not "Their decision or sign-off taken"."""
    desk_ws, laptop_ws = tmp_path / "desk.fcdesk", tmp_path / "laptop.fcdesk"
    desk = open_as(desk_ws, "Ana Ruiz")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)[1]
    finally:
        desk.close()
    write(desk_ws, "Ana Ruiz", s, "false", ANA_FIRST)
    shutil.copy(desk_ws, laptop_ws)
    desk = open_as(desk_ws, "Edith Moss")
    try:
        desk.sign_offs.approve(s)
    finally:
        desk.close()
    laptop = open_as(laptop_ws, laptop_name)
    try:
        laptop.reviews.set_text_field(s, "explanation", ANA_LATER)
    finally:
        laptop.close()
    desk = open_as(desk_ws, "Edith Moss")
    try:
        result = desk.merge.merge(laptop_ws)
        assert desk.reviews.review(s).explanation == ANA_LATER
        assert desk.sign_offs.sign_off(s) is None
        assert result.counts()["approvals_withdrawn"] == 1
        assert result.settled_taken == 0
        text = result.summary()
        assert "1 approval here was of a check laptop.fcdesk changed since" in text
        assert "Their decision or sign-off taken" not in text
        desk.edits.undo()  # the merge undone: the approval is back
        assert desk.sign_offs.sign_off(s) is not None
    finally:
        desk.close()


@pytest.mark.parametrize("laptop_name", ["Ana Ruiz", "ana ruiz"])
def test_a_return_here_stays_under_her_later_explanation_from_another_copy(
    tmp_path: Path, laptop_name: str
) -> None:
    """Edith returns Ana's check here with a note; Ana, on a copy made before, rewrites
    her explanation. Her later check is taken, and the return stays, as it does while she
    answers it here (`outlived`: only a changed verdict ends a return): the note is not
    lost and the check does not look as if it awaited a first sign-off."""
    desk_ws, laptop_ws = tmp_path / "desk.fcdesk", tmp_path / "laptop.fcdesk"
    desk = open_as(desk_ws, "Ana Ruiz")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)[1]
    finally:
        desk.close()
    write(desk_ws, "Ana Ruiz", s, "false", ANA_FIRST)
    shutil.copy(desk_ws, laptop_ws)
    desk = open_as(desk_ws, "Edith Moss")
    try:
        desk.sign_offs.send_back(s, "Which year's census?")
    finally:
        desk.close()
    laptop = open_as(laptop_ws, laptop_name)
    try:
        laptop.reviews.set_text_field(s, "explanation", ANA_LATER)
    finally:
        laptop.close()
    desk = open_as(desk_ws, "Edith Moss")
    try:
        result = desk.merge.merge(laptop_ws)
        assert desk.reviews.review(s).explanation == ANA_LATER
        kept = desk.sign_offs.sign_off(s)
        assert kept is not None and kept.note == "Which year's census?"
        assert "Their decision or sign-off taken" not in result.summary()
        assert not desk.merge.merge(laptop_ws).changed  # merged again: nothing new
    finally:
        desk.close()


def test_her_later_verdict_made_before_the_editor_kept_her_review_is_a_conflict(
    tmp_path: Path,
) -> None:
    """Edith kept Ana's review whole over Ben's; Ana, on a copy made before, changed her
    verdict. Her new verdict is her version, but it does not settle, unseen, a conflict
    the editor decided on Ana's old verdict: the editor decides again."""
    desk_ws, laptop_ws, ben_ws = (tmp_path / f"{n}.fcdesk" for n in ("desk", "laptop", "ben"))
    desk = open_as(desk_ws, "Ana Ruiz")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)[1]
    finally:
        desk.close()
    shutil.copy(desk_ws, ben_ws)
    write(desk_ws, "Ana Ruiz", s, "false", ANA_FIRST)
    shutil.copy(desk_ws, laptop_ws)
    write(ben_ws, "Ben Ode", s, "mostly_false", BEN_WORDS)
    desk = open_as(desk_ws, "Edith Moss")
    try:
        desk.merge.merge(ben_ws)
        ana = {v.reviewer: v for v in desk.merge.versions(s)}["Ana Ruiz"]
        desk.reviews.decide(s, ana)
        assert desk.reviews.review(s).status is Status.DONE
    finally:
        desk.close()
    laptop = open_as(laptop_ws, "Ana Ruiz")
    try:
        laptop.reviews.set_verdict(s, "true")
    finally:
        laptop.close()
    desk = open_as(desk_ws, "Edith Moss")
    try:
        result = desk.merge.merge(laptop_ws)
        shown = desk.reviews.review(s)
        assert "true" in {v.verdict for v in desk.merge.versions(s)}
        assert (shown.verdict, shown.status) == ("false", Status.CONFLICT)
        assert result.sentences_conflicting == 1
    finally:
        desk.close()
