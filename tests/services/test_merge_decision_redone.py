"""A decision undone and redone here is the decision a copy taken between them saw.

Edith merges Ben's copy and decides its conflict (keeps Ana's check); Ana's laptop takes
the desk's file in then, with the decision. Edith presses Ctrl+Z and Ctrl+Y on the
decision: the same decision stands, under a new history entry (the redo's). Ana, on
her laptop, then rewrites her explanation, knowing the decision. Merging her file must
take her later word, as after any decision her laptop holds: it is no conflict to
decide again."""

from __future__ import annotations

import shutil
from pathlib import Path

from factcheck_app.domain.models import Status
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids
from tests.services.test_merge_decision_kept import ANA_FIRST, ANA_LATER, BEN_WORDS, write


def test_her_edit_after_a_decision_her_laptop_saw_before_its_redo_is_taken(
    tmp_path: Path,
) -> None:
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
        assert desk.merge.merge(ben_ws).sentences_conflicting == 1
        ana = {v.reviewer: v for v in desk.merge.versions(s)}["Ana Ruiz"]
        desk.reviews.decide(s, ana)
        shutil.copy(desk.upkeep.backup_now("laptop"), laptop_ws)  # her laptop takes it in
        desk.edits.undo()
        desk.edits.redo()  # the same decision again
        decided = desk.reviews.review(s)
        assert (decided.explanation, decided.status) == (ANA_FIRST, Status.DONE)
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
        assert result.sentences_conflicting == 0
        assert (shown.explanation, shown.status) == (ANA_LATER, Status.DONE)
    finally:
        desk.close()
