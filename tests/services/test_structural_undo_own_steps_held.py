"""The lone desk's own steps around a merge of sentences, now that its undo's check holds
who saved a review or linked a source, and when: never refused (a refusal is for good,
the reviewer could no longer take the merge back). Typing in the merged sentence's
explanation under another name, then Ctrl+Z down through the merge; and a hand-edited
file whose credits and sign-off hold bytes that are no UTF-8 (read as U+FFFD, put back
as text: the step's snapshot and its check must read them alike)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk, NewSource
from tests.conftest import SEED_FILE


def open_desk(tmp_path: Path) -> Desk:
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False, reviewer="Ana Ruiz")
    desk.importer.import_file(SEED_FILE)
    return desk


def snapshot(desk: Desk) -> list[tuple[object, ...]]:
    rows = desk.reviews.sentence_rows(1)
    return [(r.sentence.start, r.sentence.end, r.review) for r in rows]


def test_typing_after_a_merge_under_another_name_then_undone_through_the_merge(
    tmp_path: Path,
) -> None:
    """Ana merged two sentences, typed the explanation in two pauses, gave her name again
    as Bo (Who are you?), typed on and a claimant: the fourth Ctrl+Z takes the merge back
    too, who saved each review and when as they were before it."""
    desk = open_desk(tmp_path)
    first, second = (r.sentence.id for r in desk.reviews.sentence_rows(1)[:2])
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_verdict(second, "false")
    before = snapshot(desk)
    desk.boundaries.merge_with_next(first)
    desk.reviews.set_text_field(first, "explanation", "Per the")
    desk.reviews.set_text_field(first, "explanation", "Per the survey")
    desk.set_reviewer("Bo Chen")  # Who are you? again, mid-way
    desk.reviews.set_text_field(first, "explanation", "Per the survey, no")
    desk.reviews.set_text_field(first, "claimant", "Minister")
    assert desk.edits.undo_text() == "Edit claimant"
    desk.undo()  # the claimant, Bo's typing, then Ana's two pauses as one step
    desk.undo()
    desk.undo()
    assert desk.edits.undo_text() == "Merge sentences"
    desk.undo()  # never refused: every save since was the window's own, undone
    assert snapshot(desk) == before


def test_credits_and_a_sign_off_held_as_bytes_that_are_no_utf8_never_refuse_a_merge(
    tmp_path: Path,
) -> None:
    """A file edited by a script in Latin-1: who saved the reviews, when, who linked a
    source and a sign-off's every field are bytes no UTF-8 reads. Merging, undoing,
    redoing and typing, twice over, is never refused: the step's snapshot and its check
    read them alike (as U+FFFD), and what it puts back is read so again."""
    desk = open_desk(tmp_path)
    first, second = (r.sentence.id for r in desk.reviews.sentence_rows(1)[:2])
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_verdict(first, "false")
    desk.reviews.set_tag(second, Tag.CLAIM)
    desk.sources.link_source(second, NewSource("https://example.org/report"))
    other = sqlite3.connect(desk.path)  # type: ignore[arg-type]
    with other:  # a hand-edited file: Latin-1 names, a broken time
        other.execute("UPDATE reviews SET reviewer = X'416EE1', updated_at = X'FF32'")
        other.execute("UPDATE review_versions SET reviewer = X'426FE1'")
        other.execute("UPDATE sentence_sources SET reviewer = X'446FF2'")
        other.execute(
            "INSERT INTO sign_offs (sentence_id, decision, editor, checker, note, at)"
            " VALUES (?, 'returned', X'4265E1', X'416EE1', X'4EF36F', X'FE')",
            [first],
        )
    other.close()
    for _ in range(2):
        desk.boundaries.merge_with_next(first)
        desk.undo()
        desk.redo()
        desk.reviews.set_text_field(first, "explanation", "Checked")
        desk.undo()
        desk.undo()
    rows = desk.reviews.sentence_rows(1)
    assert rows[0].review.reviewer == "An\ufffd"  # read as the text it spells
    assert rows[0].sign_off is not None and rows[0].sign_off.note == "N\ufffdo"
