"""Typed text waiting in the panel (its save not due yet) while a step of another kind
lands: Merge with Next of another sentence, Article Properties, another article
removed, a colleague's merge redone in its worker. The text stays in its field, is
saved as typed, and what is typed next there is saved after it: a step shown by reading
the whole article list again (an article removed, a merge) showed the open article's
rows as read before the waiting text was saved, its field blank, and the next words
typed there were refused as another program's save. The
steps also tell the window which text fields they set (`Change.texts`): none of the
waiting sentence's, so its text is neither taken over by them nor refused."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.gui import review_panel
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.typed_fields import field_text
from factcheck_app.services.desk import Desk
from tests.gui.typed_text_fixtures import (
    EXPLANATION,
    DorasMergeRedone,
    ana,
    doras_merge_redone,
    type_text,
)

__all__ = ["ana", "doras_merge_redone"]  # fixtures


def merge_another(window: MainWindow, typed_on: int) -> None:
    ids = [row.sentence.id for row in window.sentence_model.rows()]
    window.desk.boundaries.merge_with_next(ids[ids.index(typed_on) + 3])


def retitle(window: MainWindow, typed_on: int) -> None:
    desk = window.desk
    metadata = desk.repo.articles.article_metadata(window.article_id)
    desk.articles.update_article_metadata(
        window.article_id, dataclasses.replace(metadata, title="Census, checked")
    )


def remove_another(window: MainWindow, typed_on: int) -> None:
    desk = window.desk
    other = next(a.id for a in desk.articles.list_articles() if a.id != window.article_id)
    desk.articles.remove_article(other)


@pytest.mark.parametrize(
    "step", [merge_another, retitle, remove_another], ids=["merge", "properties", "remove"]
)
def test_typed_text_waiting_stays_and_is_saved_after_another_step(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    boxes: list[str],
    step: Callable[[MainWindow, int], None],
) -> None:
    # Its save not due while the step lands (the timer's 0.4 s could pass on a slow run).
    monkeypatch.setattr(review_panel, "TEXT_SAVE_DELAY_MS", 3_600_000)
    monkeypatch.setattr(review_panel, "TEXT_SAVE_LONGEST_MS", 3_600_000)
    desk = seeded_desk
    desk.importer.import_text("A second article. It says little.", source_name="b.txt")
    window = make_window(desk)
    article_id = desk.articles.list_articles()[0].id
    window.open_article(article_id)
    typed_on = window.sentence_model.sentence_row(1).sentence.id
    window.select_sentence(typed_on)
    panel = type_text(qtbot, window)
    assert panel.pending_sentence_ids() == {typed_on}  # waiting, not saved yet

    step(window, typed_on)

    window.select_sentence(typed_on)  # a merge's step shows its own sentence: back
    assert field_text(panel.explanation_edit) == EXPLANATION
    panel.explanation_edit.setFocus()
    qtbot.keyClick(panel.explanation_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.explanation_edit, " More.")
    panel.flush_pending_text()  # what leaving the field does
    assert boxes == []  # not refused as another program's save
    assert not panel.pending_sentence_ids()
    assert desk.reviews.review(typed_on).explanation == EXPLANATION + " More."


def test_text_typed_while_a_merge_is_redone_in_its_worker_stays_in_its_field(
    qtbot: QtBot, ana: Desk, boxes: list[str], doras_merge_redone: DorasMergeRedone
) -> None:
    """Ctrl+Y of a colleague's merge runs in a worker while typing goes on. Once it was
    shown, the explanation typed meanwhile was saved, but its field showed blank, and
    the next words typed there were refused: "Another program … saved the explanation"."""
    desk = ana
    sentence = desk.reviews.sentence_rows(1)[2].sentence.id
    window, held = doras_merge_redone(
        lambda dora: dora.reviews.set_verdict(sentence, "false"), sentence
    )
    assert window.merging.running
    panel = type_text(qtbot, window)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        held[0].start()
    assert panel.sentence_id == sentence
    assert field_text(panel.explanation_edit) == EXPLANATION
    qtbot.keyClick(panel.explanation_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.explanation_edit, " More.")
    panel.flush_pending_text()
    assert boxes == []
    assert desk.reviews.review(sentence).explanation == EXPLANATION + " More."
