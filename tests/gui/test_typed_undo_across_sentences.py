"""Ctrl+Z in a typed field never brings another sentence's text into this one's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow


def test_ctrl_z_in_the_claimant_box_takes_nothing_typed_on_the_sentence_before(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Two sentences saved with the same claimant, so the box's text does not change as
    the reviewer moves from one to the other: " of Labour" typed on #1 and cut back,
    then #2, the focus kept in the box. Ctrl+Z there must not bring #1's typing into #2
    (and save it on #2): the box starts its undo afresh on each sentence."""
    panel, edit = window.panel, window.panel.claimant_edit
    first, second = (row.sentence.id for row in list(window.sentence_model.rows())[:2])
    for sentence_id in (first, second):
        window.desk.reviews.set_text_field(sentence_id, "claimant", "Ministry")
    window.load_article(window.article_id, first)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.end(False)
    qtbot.keyClicks(edit, " of Labour")
    for _ in " of Labour":
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    panel.flush_pending_text()
    assert edit.isUndoAvailable()  # the typing and its cut, on #1
    window.select_sentence(second)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    assert edit.text() == "Ministry"
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    panel.flush_pending_text()
    assert edit.text() == "Ministry"
    assert window.desk.reviews.review(second).claimant == "Ministry"
    assert window.desk.reviews.review(first).claimant == "Ministry"
