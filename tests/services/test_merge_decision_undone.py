"""A decision undone here is no decision: her later edit from another copy is taken.

Edith merges Ben's copy, decides its conflict, then thinks better of it and undoes the
decision and the merge (Ctrl+Z twice). Nothing of Ben's is here any more, and the sentence
shows Ana's check as before. Ana, on her laptop, rewrites her explanation: merging her
file takes her later word, as for any sentence never in conflict here; the decision
Edith undid must not turn it into a conflict for the editor to decide again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck_app.domain.merge_rules import combination
from factcheck_app.domain.models import Status
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids
from tests.services.test_merge_decision_kept import ANA_FIRST, ANA_LATER, BEN_WORDS, write


def test_her_later_edit_after_a_decision_undone_here_is_taken(tmp_path: Path) -> None:
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
        assert desk.merge.merge(ben_ws).sentences_conflicting == 1
        ana = {v.reviewer: v for v in desk.merge.versions(s)}["Ana Ruiz"]
        desk.reviews.decide(s, ana)
        desk.edits.undo()  # the decision…
        desk.edits.undo()  # …and the merge: as if Ben's file had never come
        before = desk.reviews.review(s)
        assert (before.explanation, before.status) == (ANA_FIRST, Status.DONE)
    finally:
        desk.close()
    laptop = open_as(laptop_ws, "Ana Ruiz")
    try:
        laptop.reviews.set_text_field(s, "explanation", ANA_LATER)
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


@pytest.mark.parametrize("kept", ["combination", "hers whole"])
@pytest.mark.parametrize("laptop_name", ["Ana Ruiz", "ana ruiz"])
def test_her_edit_made_before_her_laptop_took_in_the_decision_is_a_conflict(
    tmp_path: Path, kept: str, laptop_name: str
) -> None:
    """Ana rewrites her explanation on her laptop, then merges the desk's file into it to
    catch up (Edith's decision comes with it) before the desk merges hers back. Her
    laptop's history holds the decision, but her edit came before it: made without
    knowing it, as on a copy that never took the desk in. The desk shows the decision,
    in conflict, as it does for that copy; until 7 December it showed her words and
    said "1 sentence agreed"."""
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
        picks = {v.reviewer: v for v in desk.merge.versions(s)}
        ana, ben = picks["Ana Ruiz"], picks["Ben Ode"]
        fields = {"tag": ana, "verdict": ana, "claimant": ana, "explanation": ben}
        desk.reviews.decide(s, combination(s, fields) if kept == "combination" else ana)
        decided = desk.reviews.review(s)
    finally:
        desk.close()
    laptop = open_as(laptop_ws, laptop_name)
    try:
        laptop.reviews.set_text_field(s, "explanation", ANA_LATER)
        laptop.merge.merge(desk_ws)  # she catches up with the desk, her edit already made
    finally:
        laptop.close()
    desk = open_as(desk_ws, "Edith Moss")
    try:
        result = desk.merge.merge(laptop_ws)
        shown = desk.reviews.review(s)
        assert ANA_LATER in {v.explanation for v in desk.merge.versions(s)}
        assert (shown.explanation, shown.status) == (decided.explanation, Status.CONFLICT)
        assert result.sentences_conflicting == 1
        # Merged again, her file (which holds every review here) decides nothing: the
        # conflict stays for the editor, and nothing is new.
        assert not desk.merge.merge(laptop_ws).changed
        assert desk.reviews.review(s).status is Status.CONFLICT
    finally:
        desk.close()


@pytest.mark.parametrize("laptop_name", ["Ana Ruiz", "ana ruiz"])
def test_her_edit_made_after_her_laptop_took_in_the_decision_is_taken(
    tmp_path: Path, laptop_name: str
) -> None:
    """The other order: her laptop takes the desk in first, the decision with it, and she
    rewrites her explanation over it. That is her later word, taken without a conflict."""
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
        desk.reviews.decide(s, {v.reviewer: v for v in desk.merge.versions(s)}["Ana Ruiz"])
    finally:
        desk.close()
    laptop = open_as(laptop_ws, laptop_name)
    try:
        laptop.merge.merge(desk_ws)
        laptop.reviews.set_text_field(s, "explanation", ANA_LATER)
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
