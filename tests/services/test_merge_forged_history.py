"""A hostile workspace file whose history chain verifies (its entries written through the
desk's own chaining) may hold entries nobody made. Merged, they join this workspace's
history, and later merges read it. An entry saying that the editor's decision here was
undone must not be believed from another file: a decision is undone only where it was
made (Ctrl+Z is one desk's, one session's), so such an entry from elsewhere is a
forgery. Until 7 December one made her stale-copy edit replace the editor's decision
with nothing said ("1 sentence agreed"), where without it the merge raised a conflict."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factcheck_app.domain.merge_rules import combination
from factcheck_app.domain.models import Status
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids
from tests.services.test_merge_decision_kept import ANA_FIRST, ANA_LATER, BEN_WORDS, write


def _forge_undo_of_the_decision(path: Path, sentence: int) -> None:
    """Mallory's file: a copy of the desk's, with an "undo" of the editor's decision
    added to its history (chained as the desk chains) and the review row put back to the
    conflict the undo says, so that the file holds one moment, as a real undo leaves it."""
    desk = open_as(path, "Mallory")
    try:
        db = desk.repo.db
        rows = db.execute(
            "SELECT old, new, entity_id, article_id FROM history"
            " WHERE entity = 'review' AND sentence_id = ? ORDER BY id",
            [sentence],
        ).fetchall()
        decided = [r for r in rows if '"conflict"' in (r[0] or "") and '"conflict"' not in r[1]]
        old, new, entity_id, article_id = decided[-1]
        with db.atomic():
            desk.repo.history.record_history(
                actor="Edith Moss",
                action="undo",
                description="Keep combined",
                entity="review",
                entity_id=entity_id,
                old=json.loads(new),
                new=json.loads(old),
                article_id=article_id,
                sentence_id=sentence,
            )
            review = desk.reviews.review(sentence)
            desk.repo.reviews.save_review(
                review.edited(explanation=json.loads(old)["explanation"], status=Status.CONFLICT)
            )
    finally:
        desk.close()


@pytest.mark.parametrize("forged", [False, True])
def test_a_forged_undo_of_the_editors_decision_does_not_let_a_stale_edit_replace_it(
    tmp_path: Path, forged: bool
) -> None:
    desk_ws, laptop_ws, ben_ws = (tmp_path / f"{n}.fcdesk" for n in ("desk", "laptop", "ben"))
    mallory_ws = tmp_path / "mallory.fcdesk"
    desk = open_as(desk_ws, "Ana Ruiz")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)[1]
    finally:
        desk.close()
    shutil.copy(desk_ws, ben_ws)
    write(desk_ws, "Ana Ruiz", s, "false", ANA_FIRST)
    shutil.copy(desk_ws, laptop_ws)  # Ana's copy, before the decision
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
    shutil.copy(desk_ws, mallory_ws)
    if forged:
        _forge_undo_of_the_decision(mallory_ws, s)
    desk = open_as(desk_ws, "Edith Moss")
    try:
        desk.merge.merge(mallory_ws)
        decided = desk.reviews.review(s)
        assert (decided.explanation, decided.status) == (BEN_WORDS, Status.DONE)
    finally:
        desk.close()
    write(laptop_ws, "Ana Ruiz", s, "false", ANA_LATER)
    desk = open_as(desk_ws, "Edith Moss")
    try:
        result = desk.merge.merge(laptop_ws)
        shown = desk.reviews.review(s)
        assert ANA_LATER in {v.explanation for v in desk.merge.versions(s)}  # kept
        assert (shown.explanation, shown.status) == (BEN_WORDS, Status.CONFLICT)
        assert result.sentences_conflicting == 1
    finally:
        desk.close()
