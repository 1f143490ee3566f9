"""An editor's sign-off of a checker's verdict reaches a workspace whatever order the files
come in (docs/team.md, Merging). Walked on 6 December: Ana handed her file to Edith,
merged Ben's agreeing review meanwhile, and merged Edith's file back: "Merged
edith.fcdesk: 1 article matched.", and Edith's approval of Ana's verdict was not there,
the same verdict, word for word. Edith's file lacked Ben's review, so it was not taken as
settled "knowing all we know". An archive that merged Ben's file before Edith's listed the
verdict as awaiting sign-off; one that merged them the other way round, as approved."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck_app.domain.models import SignOffDecision, Status, Tag
from factcheck_app.services.desk import Desk
from tests.services.merge_fixtures import SHARED, open_as, review, sentence_ids

ANA, BEN, EDITH = "Ana Ruiz", "Ben Okafor", "Edith Park"


def _checked(path: Path, reviewer: str, verdict: str) -> None:
    desk = open_as(path, reviewer)
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        first = sentence_ids(desk, article)[0]
        review(desk, first, Tag.CLAIM, verdict)
        desk.reviews.set_text_field(first, "explanation", f"{reviewer}'s reading.")
    finally:
        desk.close()


def _first(desk: Desk) -> int:
    return sentence_ids(desk, desk.articles.list_articles()[0].id)[0]


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """ana.fcdesk, ben.fcdesk (the same verdict, his own words) and edith.fcdesk: Ana's
    file as Edith handed it back, Ana's verdict approved or returned."""
    _checked(tmp_path / "ana.fcdesk", ANA, "false")
    _checked(tmp_path / "ben.fcdesk", BEN, "false")
    shutil.copyfile(tmp_path / "ana.fcdesk", tmp_path / "edith.fcdesk")
    return tmp_path


def _edith_signs(files: Path, decision: SignOffDecision) -> None:
    desk = open_as(files / "edith.fcdesk", EDITH)
    try:
        if decision is SignOffDecision.APPROVED:
            desk.sign_offs.approve(_first(desk))
        else:
            desk.sign_offs.send_back(_first(desk), "Which year?")
    finally:
        desk.close()


@pytest.mark.parametrize("decision", list(SignOffDecision))
@pytest.mark.parametrize("order", [("ben", "edith"), ("edith", "ben")])
@pytest.mark.parametrize("into", ["ana", "archive"])
def test_the_editors_sign_off_lands_whatever_the_order(
    files: Path, decision: SignOffDecision, order: tuple[str, str], into: str
) -> None:
    _edith_signs(files, decision)
    path = files / f"{into}-merged.fcdesk"
    if into == "ana":
        shutil.copyfile(files / "ana.fcdesk", path)
    desk = open_as(path, ANA if into == "ana" else "Archivist")
    try:
        if into == "archive":
            desk.merge.merge(files / "ana.fcdesk")
        results = {name: desk.merge.merge(files / f"{name}.fcdesk") for name in order}
        said = results["edith"]
        first = _first(desk)
        found = desk.sign_offs.sign_off(first)
        assert found is not None, said.summary()
        assert (found.decision, found.editor, found.checker) == (decision, EDITH, ANA)
        assert said.settled_taken == 1
        assert "Their decision or sign-off taken on 1 sentence." in said.summary()
        decided = desk.reviews.review(first)
        assert (decided.reviewer, decided.explanation) == (ANA, f"{ANA}'s reading.")
        assert {v.reviewer for v in desk.merge.versions(first)} == {ANA, BEN}
    finally:
        desk.close()


@pytest.mark.parametrize("order", [("ben", "edith"), ("edith", "ben")])
def test_where_a_colleague_disagreed_the_conflict_keeps_the_approval_in_either_order(
    files: Path, order: tuple[str, str]
) -> None:
    """Ben gave another verdict: merged after Edith's file, the sentence was in conflict
    and still approved ("Conflict · Approved": keeping Ben's verdict drops it); merged
    before it, in conflict and never approved, though the history showed Edith's
    approval."""
    _edith_signs(files, SignOffDecision.APPROVED)
    (files / "ben.fcdesk").unlink()
    _checked(files / "ben.fcdesk", BEN, "true")
    desk = open_as(files / "ana.fcdesk", ANA)
    try:
        for name in order:
            desk.merge.merge(files / f"{name}.fcdesk")
        first = _first(desk)
        found = desk.sign_offs.sign_off(first)
        assert found is not None and found.decision is SignOffDecision.APPROVED
        decided = desk.reviews.review(first)
        assert (decided.reviewer, decided.verdict, decided.status) == (
            ANA,
            "false",
            Status.CONFLICT,
        )
    finally:
        desk.close()
