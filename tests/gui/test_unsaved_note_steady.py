"""The red note over typed text that waits changes as saves are tried at each pause and
retry: one note said whole (four lines at 1024×640), two or more a short line each. As
the retry saved one of two texts while the reviewer typed in the Explanation box, the
note grew from two lines to four, 28 px: the box she typed in jumped down under her
caret, and Link Source went off the bottom of the panel. Said short as she types, the
note stays short and no lower until she leaves the field; it is then laid out afresh."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import WorkspaceFull
from factcheck_app.gui.main_window import MainWindow
from tests.gui.test_logout_with_unsaved_text import shown_boxes
from tests.gui.test_typed_text_over_another_programs import bea_saves, focus, type_and_leave


def at(window: MainWindow, widget: QWidget) -> tuple[int, int]:
    """Where `widget` is drawn in the window: its top, its bottom."""
    QApplication.processEvents()
    top = widget.mapTo(window, widget.rect().topLeft()).y()
    return top, top + widget.height()


def test_the_note_neither_grows_nor_jumps_while_she_types(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown_boxes(monkeypatch)
    window.resize(1024, 640)
    panel = window.panel
    first = window.current_sentence_id()
    assert first is not None
    bea_saves(window, "claimant", first, "Bea: Ministry spokesman")
    type_and_leave(qtbot, window, panel.claimant_edit, "Interior minister")  # held: one note
    saves = window.desk.reviews.set_text_field

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise WorkspaceFull("The disk is full: the change was not saved.")

    monkeypatch.setattr(window.desk.reviews, "set_text_field", disk_full)
    type_and_leave(qtbot, window, panel.explanation_edit, "The census of 2019 counts")
    window.sentence_view.setFocus()  # left: two notes, a short line each
    focus(qtbot, panel.explanation_edit)
    panel._retry_timer.stop()
    assert panel.unsaved_details.isVisible()
    link = panel.add_source_button
    box_was, link_was = at(window, panel.explanation_edit), at(window, link)
    bottom = panel.parentWidget().mapTo(window, panel.parentWidget().rect().bottomLeft()).y()
    assert link_was[1] <= bottom  # Link Source in sight
    qtbot.keyClicks(panel.explanation_edit, " 335,600 people")
    monkeypatch.setattr(window.desk.reviews, "set_text_field", saves)  # room again
    panel.flush_pending_text()  # the retry, as she types: one note left
    panel._retry_timer.stop()
    assert window.desk.reviews.review(first).explanation.endswith("335,600 people")
    assert "claimant of #1" in panel.unsaved_note()
    assert (at(window, panel.explanation_edit), at(window, link)) == (box_was, link_was)
    monkeypatch.setattr(window.desk.reviews, "set_text_field", disk_full)  # full again
    qtbot.keyClicks(panel.explanation_edit, " in the city.")
    panel.flush_pending_text()  # the next pause: two notes again
    panel._retry_timer.stop()
    assert (at(window, panel.explanation_edit), at(window, link)) == (box_was, link_was)
    assert panel.explanation_edit.hasFocus()
    # Left, the note is laid out afresh.
    monkeypatch.setattr(window.desk.reviews, "set_text_field", saves)
    window.sentence_view.setFocus()
    qtbot.waitUntil(lambda: panel.unsaved_details.isHidden())
    assert "another program saved the claimant of #1" in panel.unsaved_label.text()


def test_not_saved_beside_the_explanation_is_said_of_the_claimant_when_only_it_waits(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claimant typed over another program's save waits; the explanation typed after
    it is saved. "Not saved" beside the Explanation box read as the explanation's, which
    was saved: she typed it again, or took it for lost. It names the claimant, there and
    when she comes back to the sentence; with the explanation waiting too, "Not saved" is
    true of the box it is beside (the red note names both)."""
    shown_boxes(monkeypatch)
    panel = window.panel
    first = window.current_sentence_id()
    assert first is not None
    bea_saves(window, "claimant", first, "Bea: Ministry spokesman")
    type_and_leave(qtbot, window, panel.claimant_edit, "Interior minister")  # held
    type_and_leave(qtbot, window, panel.explanation_edit, "The census of 2019 counts")
    assert window.desk.reviews.review(first).explanation == "The census of 2019 counts"
    assert panel.save_state.text() == "Claimant not saved"
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Down)
    assert window.current_sentence_id() != first
    window.select_sentence(first)  # back where it waits
    assert panel.save_state.text() == "Claimant not saved"

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise WorkspaceFull("The disk is full: the change was not saved.")

    monkeypatch.setattr(window.desk.reviews, "set_text_field", disk_full)
    type_and_leave(qtbot, window, panel.explanation_edit, " 335,600 people")
    assert panel.save_state.text() == "Not saved"
    assert "claimant of #1" in panel.unsaved_note(), panel.unsaved_note()
