"""Typed text whose save met another connection's save of the same review twice over
(`ReviewChangedMeanwhile`: a second desk, a script, a worker) waits in its field and is
retried 5 s later. Meanwhile the panel's other fields showed the review as read before
that other save: a claimant and a verdict another program had just saved were not
there, and a verdict chosen then went over theirs."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import WorkspaceBusy
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.typed_fields import field_text
from factcheck_app.services.edits import ReviewChangedMeanwhile
from tests.gui.typed_text_fixtures import (
    EXPLANATION,
    boxes,
    cut_window,
    saved_meanwhile_twice,
    type_text,
)

__all__ = ["boxes", "cut_window"]  # fixtures


def test_the_other_fields_show_the_other_programs_save_as_the_text_waits(
    qtbot: QtBot, cut_window: MainWindow, boxes: list[str]
) -> None:
    window = cut_window
    desk = window.desk
    row = window.current_row()
    assert row is not None
    sentence = row.sentence.id
    with saved_meanwhile_twice(desk, verdict="mostly_false"):
        panel = type_text(qtbot, window)
        panel.flush_pending_text()  # refused twice over: waits for its retry
        panel._retry_timer.stop()  # the retry is 5 s away: what shows until then
    assert panel.has_pending_text() and field_text(panel.explanation_edit) == EXPLANATION
    assert panel.claimant_edit.text() == "Mayor 2"
    assert panel.verdict_box.currentData() == "mostly_false"
    listed = window.sentence_model.sentence_row(window.sentence_model.row_of(sentence))
    assert listed.review.claimant == "Mayor 2" and listed.review.verdict == "mostly_false"
    assert boxes == []
    panel.flush_pending_text()  # the retry
    saved = desk.reviews.review(sentence)
    assert (saved.explanation, saved.claimant) == (EXPLANATION, "Mayor 2")
    assert panel.claimant_edit.text() == "Mayor 2"


def test_a_failed_read_again_leaves_the_text_waiting_and_retried(
    qtbot: QtBot, cut_window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review read again after the refusal (`_review_read_again`) can fail itself
    (another connection holding the workspace locked, the disk gone): it escaped the
    save as a bug ("Something went wrong"), out of the retry's slot before the panel
    started its retry again, and the text waited unsaved, never tried again until she
    typed or moved. Read again or not, the text waits and is retried."""
    window = cut_window
    desk = window.desk
    sentence = window.current_sentence_id()
    assert sentence is not None
    escaped: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, error, _tb: escaped.append(error))

    def changed_twice(*_args: object, **_kwargs: object) -> None:
        raise ReviewChangedMeanwhile("changed meanwhile, twice over")

    def busy(_sentence_id: int) -> None:
        raise WorkspaceBusy("Another program kept the workspace locked for too long.")

    monkeypatch.setattr(desk.reviews, "set_text_field", changed_twice)
    monkeypatch.setattr(desk.reviews, "review", busy)
    panel = type_text(qtbot, window)
    panel._save_timer.timeout.emit()  # the pause in her typing: as Qt calls the slot
    QApplication.processEvents()
    assert escaped == []
    assert panel.has_pending_text() and field_text(panel.explanation_edit) == EXPLANATION
    assert panel._retry_timer.isActive()  # tried again in 5 s
    # The lock let go: the retry saves it (and leaves no timer to fire on a closed desk;
    # `monkeypatch.undo()` would also take back the `boxes` fixture's patch).
    monkeypatch.setattr(
        desk.reviews, "set_text_field", type(desk.reviews).set_text_field.__get__(desk.reviews)
    )
    monkeypatch.setattr(desk.reviews, "review", type(desk.reviews).review.__get__(desk.reviews))
    panel._retry_timer.timeout.emit()
    qtbot.waitUntil(lambda: not panel.has_pending_text())
    assert desk.reviews.review(sentence).explanation == EXPLANATION
    assert not panel._retry_timer.isActive()
