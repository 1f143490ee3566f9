"""An explanation pasted past what a review export reads back, in the window."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow


def test_an_explanation_pasted_past_the_longest_is_kept_to_copy_and_not_saved(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pasted whole (1,200,000 characters), it was saved, and the article's JSON export
    was refused on import. Now the box says why and by how much, with the pasted text
    under Show Details to copy from, and nothing is saved. (The panel's save of typed
    text is called as its timer calls it: laying out a line of 1,200,000 characters in
    the field itself takes Qt minutes, as it did before.)"""
    told: list[tuple[str, str, list[tuple[str, str]]]] = []
    monkeypatch.setattr(window.workspace, "show_text_not_saved", lambda *args: told.append(args))
    sid = window.current_sentence_id()
    assert sid is not None
    pasted = "x" * 1_200_000
    window.edits.save_text(sid, "explanation", pasted)
    assert window.desk.reviews.review(sid).explanation == ""
    ((_title, why, where_typed),) = told
    assert "200,000 characters too many" in why
    assert [text for _where, text in where_typed] == [pasted]
    assert window.panel.explanation_edit.toPlainText() == ""  # what is saved
