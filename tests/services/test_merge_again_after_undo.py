"""A merge undone and then made afresh brings her later word in, as the first one did.

Edith merges Ana's laptop (Ana rewrote her explanation there), then undoes the merge
(Ctrl+Z) and merges the same file again, rather than redoing it. The history keeps the
entries the first merge appended, so the desk's history "had" Ana's later edit while
the review here no longer showed it: until 7 December the second merge called the two
made apart, kept the desk's (the same verdict) and said "nothing new". Her later
explanation was nowhere on the desk but in its history."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck_app.domain.models import Status
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids
from tests.services.test_merge_decision_kept import ANA_FIRST, ANA_LATER, write


@pytest.mark.parametrize("laptop_name", ["Ana Ruiz", "ana ruiz"])
def test_merging_again_after_the_merge_was_undone_brings_her_later_word(
    tmp_path: Path, laptop_name: str
) -> None:
    desk_ws, laptop_ws = tmp_path / "desk.fcdesk", tmp_path / "laptop.fcdesk"
    desk = open_as(desk_ws, "Ana Ruiz")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        s = sentence_ids(desk, article)[1]
    finally:
        desk.close()
    write(desk_ws, "Ana Ruiz", s, "false", ANA_FIRST)
    shutil.copy(desk_ws, laptop_ws)
    laptop = open_as(laptop_ws, laptop_name)
    try:
        laptop.reviews.set_text_field(s, "explanation", ANA_LATER)
    finally:
        laptop.close()
    desk = open_as(desk_ws, "Edith Moss")
    try:
        first = desk.merge.merge(laptop_ws)
        assert desk.reviews.review(s).explanation == ANA_LATER
        desk.edits.undo()
        assert desk.reviews.review(s).explanation == ANA_FIRST
        again = desk.merge.merge(laptop_ws)
        shown = desk.reviews.review(s)
        assert (shown.explanation, shown.status) == (ANA_LATER, Status.DONE)
        assert again.changed and again.counts() == first.counts()
        assert not desk.merge.merge(laptop_ws).changed  # and a third time: nothing new
    finally:
        desk.close()
