"""Typed text that waited unsaved (the disk full) while the reviewer went on to another
sentence is saved the moment she comes back to its sentence (the move saves what
waits). The panel then showed that sentence as the list had it before the save: her
explanation box empty, the text saved but out of sight, as if lost."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import WorkspaceFull
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.typed_fields import field_text
from tests.gui.typed_text_fixtures import EXPLANATION, boxes, cut_window, type_text

__all__ = ["boxes", "cut_window"]  # fixtures


def test_text_saved_as_she_comes_back_shows_in_its_field(
    qtbot: QtBot, cut_window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = cut_window
    desk = window.desk
    panel = window.panel
    first = window.current_sentence_id()
    assert first is not None
    second = window.sentence_model.sentence_row(1).sentence.id
    saves = desk.reviews.set_text_field

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise WorkspaceFull("The disk is full: the change was not saved.")

    monkeypatch.setattr(desk.reviews, "set_text_field", disk_full)
    type_text(qtbot, window)
    window.select_sentence(second)  # on to the next: the text waits, NOT saved
    assert panel.sentence_id == second and panel.has_pending_text()
    monkeypatch.setattr(desk.reviews, "set_text_field", saves)  # room again
    window.select_sentence(first)  # back, before the retry: saved as she comes
    QApplication.processEvents()
    assert desk.reviews.review(first).explanation == EXPLANATION
    assert not panel.has_pending_text()
    assert field_text(panel.explanation_edit) == EXPLANATION
