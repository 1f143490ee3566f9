"""Typed text refused for good (its sentence put in conflict by another program while
it waited) is shown in a box to copy, and its sentence read again so the list and the
panel show the conflict. That read can fail itself (another program holding the
workspace locked, the disk gone): it escaped as a bug's box ("Something went wrong"),
and the field went on showing the refused text, no longer waiting, as if saved."""

from __future__ import annotations

import sys

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import WorkspaceBusy
from factcheck_app.domain.models import Tag
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.typed_fields import field_text
from tests.gui.test_refused_meanwhile_shown import before_each_push, saves_a_review, sentence_ids

TYPED = "Census 2019: 335,600."


def test_a_failed_read_after_text_refused_for_good_is_no_bug_and_shows_no_unsaved_text(
    qtbot: QtBot, window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Her explanation refused for good (the sentence in conflict meanwhile), then the
    workspace locked as it is read again: the box offers her text to copy, no bug's box
    follows, and her field no longer shows the text as if it were saved."""
    desk = window.desk
    sentence = sentence_ids(window)[4]
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    window.load_article(1, sentence)
    panel = window.panel
    escaped: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, error, _tb: escaped.append(error))
    shown = window.workspace.show_text_not_saved

    def then_locked(*args: object, **kwargs: object) -> None:
        shown(*args, **kwargs)  # type: ignore[arg-type]

        def busy(*_args: object) -> None:
            raise WorkspaceBusy("Another program kept the workspace locked for too long.")

        monkeypatch.setattr(desk.reviews, "review", busy)

    monkeypatch.setattr(window.workspace, "show_text_not_saved", then_locked)
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, TYPED)
    with before_each_push(
        monkeypatch, desk, lambda: saves_a_review(desk, sentence, "false", "conflict")
    ):
        panel.flush_pending_text()  # what leaving the field does
    assert escaped == []
    (said,) = boxes
    assert "Reviewers disagree on this sentence" in said
    assert not panel.has_pending_text()
    # Not left in the field as if saved: it is in the box only.
    assert field_text(panel.explanation_edit) != TYPED
    assert panel.unsaved_label.isHidden()
