"""The red note over typed text that waits, with two texts held (claimant and explanation
both typed over another program's saves): each note whole, it took eight lines of the
panel at 1024×640 and twelve at 16 pt, and pushed the fields typed in out of sight. Two
notes or more are a short line each now, the whole of each behind Details…"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain import review_rules
from factcheck_app.domain.errors import WorkspaceFull
from factcheck_app.gui.main_window import MainWindow
from tests.gui.test_logout_with_unsaved_text import shown_boxes
from tests.gui.test_typed_text_over_another_programs import (
    bea_saves,
    focus,
    paste_too_long,
    type_and_leave,
)


@pytest.fixture(params=[9, 16], ids=["9 pt", "16 pt"])
def point_size(request: pytest.FixtureRequest) -> Iterator[int]:
    """The application's font at `request.param` points, in one font everywhere."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = QFont(app.font())
    font = QFont(old)
    font.setFamilies(["DejaVu Sans"])
    font.setPointSize(request.param)
    app.setFont(font)
    yield request.param
    app.setFont(old)


def test_two_held_texts_take_a_short_line_each_the_whole_behind_details(
    qtbot: QtBot, point_size: int, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window.resize(1024, 640)
    panel = window.panel
    first = window.current_sentence_id()
    assert first is not None
    bea_saves(window, "claimant", first, "Bea: Ministry spokesman")
    bea_saves(window, "explanation", first)
    type_and_leave(qtbot, window, panel.claimant_edit, "Interior minister")
    type_and_leave(qtbot, window, panel.explanation_edit, "The census of 2019 counts")
    panel._retry_timer.stop()
    assert panel.refused_as_saved_meanwhile(first, "claimant")
    assert panel.refused_as_saved_meanwhile(first, "explanation")
    QApplication.processEvents()
    note = panel.unsaved_label
    assert note.text() == "NOT saved: claimant of #1\nNOT saved: explanation of #1"
    bold = QFont(note.font())
    bold.setBold(True)
    lines = round(note.height() / QFontMetrics(bold).lineSpacing())
    # A line each at the usual size; at 16 pt the panel is 350 px wide: two each at most.
    assert lines <= (2 if point_size == 9 else 4), (lines, note.width())
    details = panel.unsaved_details
    assert details.isVisible() and details.isEnabled()
    assert details.focusPolicy() & details.focusPolicy().TabFocus  # the keyboard reaches it
    shown.clear()
    details.click()
    [whole] = shown
    for where in ("the claimant of #1", "the explanation of #1"):
        assert f"another program saved {where} meanwhile" in whole
    assert "another program saved the claimant" in note.toolTip()


def test_the_too_long_note_names_the_sentence_by_number_only(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The too-long note alone named its sentence whole ("the explanation of #1 Ankara,
    Baku's main backer in the Nagorno-Karabakh conflict, has accu… is too long"): five
    lines of the panel at 1024×640. The box said so whole already; the note says "#1",
    as the saved-meanwhile note does."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown = shown_boxes(monkeypatch)
    window.resize(1024, 640)
    panel = window.panel
    first = window.current_sentence_id()
    assert first is not None
    paste_too_long(qtbot, window)
    panel._retry_timer.stop()
    assert panel.refused_as_too_long(first, "explanation")
    label = window.sentence_model.sentence_row(0).sentence.text[:20]
    note = panel.unsaved_label.text()
    assert "the explanation of #1 is too long" in note and label not in note, note
    assert "cut 44 characters" in note
    [(box, _details)] = shown
    assert label in box  # the box names it whole


def test_details_hidden_under_the_keyboard_leaves_it_in_the_sentence_list(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tabbed to Details… (to read the notes), the reviewer waits; the retry saves the
    claimant that waited for room, one note is left and is said whole, Details… hidden.
    The keyboard went on to the next widget, the Claim tag button: her next Space (to
    open Details… again) tagged the sentence a claim. It goes to the sentence list, as
    Esc or Enter after typing take it."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown_boxes(monkeypatch)
    panel = window.panel
    first = window.current_sentence_id()
    assert first is not None
    paste_too_long(qtbot, window)  # the explanation waits, too long
    saves = window.desk.reviews.set_text_field

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise WorkspaceFull("The disk is full: the change was not saved.")

    monkeypatch.setattr(window.desk.reviews, "set_text_field", disk_full)
    type_and_leave(qtbot, window, panel.claimant_edit, "Interior minister")
    panel._retry_timer.stop()
    assert panel.unsaved_label.text() == (
        "NOT saved yet: claimant of #1\nNOT saved: explanation of #1"
    )
    focus(qtbot, panel.unsaved_details)
    monkeypatch.setattr(window.desk.reviews, "set_text_field", saves)  # room again
    panel.flush_pending_text()  # the retry
    assert window.desk.reviews.review(first).claimant == "Interior minister"
    assert "the explanation of #1 is too long" in panel.unsaved_label.text()  # whole again
    assert panel.unsaved_details.isHidden()
    qtbot.waitUntil(window.sentence_view.hasFocus)
    before = window.desk.reviews.review(first).tag
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert window.desk.reviews.review(first).tag == before
