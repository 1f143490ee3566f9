"""An undo of an editor's decision that another file wrote (a forgery) reaching this
workspace through a third file. A decision is undone only on the desk that made it
(Ctrl+Z is one desk's, one session's): the rule that disbelieves such an undo from
elsewhere looked only at decisions made in this workspace. An archive that merges the
desk's file (the decision comes with it) and then Mallory's (a copy with her "undo" of
that decision) believed the undo, and a stale copy merged after replaced the editor's
decision there without a word ("1 sentence agreed"). Their file's own history tells:
her undo was written there, of a decision it only received by merge; it is left out,
and said."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck_app.domain.merge_rules import combination
from factcheck_app.domain.models import Status
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids
from tests.services.test_merge_decision_kept import ANA_FIRST, ANA_LATER, BEN_WORDS, write
from tests.services.test_merge_forged_history import _forge_undo_of_the_decision


@pytest.mark.parametrize("forged", [False, True])
def test_a_forged_undo_of_a_decision_made_elsewhere_does_not_replace_it(
    tmp_path: Path, forged: bool
) -> None:
    desk_ws, laptop_ws, ben_ws, archive_ws, mallory_ws = (
        tmp_path / f"{n}.fcdesk" for n in ("desk", "laptop", "ben", "archive", "mallory")
    )
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
    archive = open_as(archive_ws, "Archivist")
    try:
        archive.merge.merge(desk_ws)  # the decision, made on Edith's desk, comes here
    finally:
        archive.close()
    shutil.copy(archive_ws, mallory_ws)
    if forged:
        _forge_undo_of_the_decision(mallory_ws, s)
    archive = open_as(archive_ws, "Archivist")
    try:
        result = archive.merge.merge(mallory_ws)
        if forged:
            assert result.skipped == 1 and "1 undo of an approval" in result.summary()
        decided = archive.reviews.review(s)
        assert (decided.explanation, decided.status) == (BEN_WORDS, Status.DONE)
    finally:
        archive.close()
    write(laptop_ws, "Ana Ruiz", s, "false", ANA_LATER)
    archive = open_as(archive_ws, "Archivist")
    try:
        result = archive.merge.merge(laptop_ws)
        shown = archive.reviews.review(s)
        assert ANA_LATER in {v.explanation for v in archive.merge.versions(s)}  # kept
        assert (shown.explanation, shown.status) == (BEN_WORDS, Status.CONFLICT)
        assert result.sentences_conflicting == 1
    finally:
        archive.close()
