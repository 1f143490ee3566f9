"""Text typed on a merged-in article while Ctrl+Z of that merge runs in its worker:
the undo takes the article away, so the text can be saved nowhere. Once the undo is
shown, the text is offered in a box to copy from, and the window goes on to the
articles left. Saved first by `show_workspace_change` (typed text waiting goes before
the list is read again), the refusal read the review of the sentence gone for the
panel, as the list still showed it: an unexpected error, the window left on an
article that no longer exists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.typed_fields import field_text
from factcheck_app.services.desk import Desk
from tests.gui.test_refused_meanwhile_shown import another_program
from tests.gui.typed_text_fixtures import (
    DorasMergeRedone,
    ana,
    doras_merge_redone,
    merge_from_dora,
    type_text,
    undo_or_redo_in_worker,
)

__all__ = ["ana", "doras_merge_redone"]  # fixtures

TYPED = "Census figures say otherwise."


def test_text_typed_on_an_article_a_merge_undo_takes_away_is_offered_to_copy(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    ana: Desk,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append(box.text() + box.detailedText()) or 0
    )
    desk = ana
    merge_from_dora(
        desk,
        tmp_path,
        lambda dora: dora.importer.import_text(
            "Dora's article. It says little.", source_name="d.txt"
        ),
    )
    window = make_window(desk)
    merged_in = next(a.id for a in desk.articles.list_articles() if a.id != 1)
    window.open_article(merged_in)
    sentence = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(sentence)
    held = undo_or_redo_in_worker(window, monkeypatch, ActionId.UNDO)
    assert window.merging.running
    panel = type_text(qtbot, window, TYPED)
    panel.flush_pending_text()  # held while the worker writes
    assert panel.pending_sentence_ids() == {sentence}
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        held[0].start()
    assert not desk.repo.sentences.sentence_exists(sentence)  # the undo took it away
    assert any(TYPED in text for text in shown)  # offered to copy
    assert not panel.pending_sentence_ids()
    assert window.article_id == 1  # the article left, shown
    assert panel.sentence_id != sentence


def test_text_typed_while_a_merge_is_redone_over_its_explanation_names_the_merge(
    qtbot: QtBot, ana: Desk, boxes: list[str], doras_merge_redone: DorasMergeRedone
) -> None:
    """Ctrl+Y of a colleague's merge runs in its worker while the reviewer types an
    explanation on a sentence the merge gives Dora's explanation. Hers is kept, NOT
    saved over Dora's (she never saw it), but the box said "Another program (a second
    desk on this workspace, a script) saved the explanation": on a shared machine, a
    stranger at work in her file. It names the merge she redid."""
    desk = ana
    sentence = desk.reviews.sentence_rows(1)[2].sentence.id
    window, held = doras_merge_redone(
        lambda dora: dora.reviews.set_text_field(sentence, "explanation", "Dora's explanation."),
        sentence,
    )
    panel = type_text(qtbot, window, TYPED)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        held[0].start()
    assert desk.reviews.review(sentence).explanation == "Dora's explanation."  # kept
    assert field_text(panel.explanation_edit) == TYPED  # and hers, in its field
    assert len(boxes) == 1
    assert "merge" in boxes[0]
    assert "Another program" not in boxes[0]
    assert "merge" in panel.unsaved_label.text()
    assert "another program" not in panel.unsaved_label.text()
    # Her next change goes over Dora's, as after another program's save.
    qtbot.keyClicks(panel.explanation_edit, " More.")
    panel.flush_pending_text()
    assert desk.reviews.review(sentence).explanation == TYPED + " More."


def test_text_typed_on_a_sentence_the_merge_leaves_is_refused_as_another_programs(
    qtbot: QtBot, ana: Desk, boxes: list[str], doras_merge_redone: DorasMergeRedone
) -> None:
    """While Ctrl+Y of Dora's merge runs in its worker, a second desk on the workspace
    saves the explanation of a sentence the merge does not touch, the one the reviewer
    types on. The box said "The merge you just redid (run while you typed) saved" it:
    a colleague's work taken for the merge's, to be typed over as a machine's. The
    merge named only where it wrote; elsewhere it is another program's."""
    desk = ana
    rows = desk.reviews.sentence_rows(1)
    merged, left = rows[2].sentence.id, rows[4].sentence.id
    desk.reviews.set_text_field(left, "explanation", "Ana's first try.")
    window, held = doras_merge_redone(
        lambda dora: dora.reviews.set_text_field(merged, "explanation", "Dora's explanation."),
        left,
    )
    panel = window.panel
    panel.explanation_edit.setFocus()
    panel.explanation_edit.selectAll()
    qtbot.keyClicks(panel.explanation_edit, TYPED)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        held[0].start()
        held[0].join()
        # Just after the merge's worker wrote, before the window showed its step.
        another_program(
            desk,
            (
                "UPDATE reviews SET explanation = ? WHERE sentence_id = ?",
                ["A colleague's explanation.", left],
            ),
        )
    assert desk.reviews.review(left).explanation == "A colleague's explanation."  # kept
    assert field_text(panel.explanation_edit) == TYPED  # and hers, in its field
    assert len(boxes) == 1
    assert "merge" not in boxes[0]
    assert "Another program" in boxes[0]
    assert "merge" not in panel.unsaved_label.text()
