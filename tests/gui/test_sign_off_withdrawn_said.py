"""An edit that takes an editor's approval (or return) away says so in the status bar.

Walked at 1024×640: the editor approved a verdict ("Verdict approved." in the status
bar), then pressed 1 on it; the approval went (as docs/team.md says it should) but the
status bar still read "Verdict approved.", and the panel's sign-off line that says
"Awaiting sign-off" sits below the fold on that screen. A checker fixing a typo in an
approved explanation lost the editor's approval the same silent way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from tests.gui.conftest import press
from tests.gui.test_sign_off_in_window import (
    CTRL_SHIFT,
    as_reviewer,
    checked_by_ana,
    returned_by_zoe,
    status_of,
)


def approved_by_zoe(qtbot: QtBot, window: MainWindow) -> int:
    sentence = checked_by_ana(qtbot, window)
    as_reviewer(window, "Zoë Ngata")
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_P, CTRL_SHIFT)
    assert window.statusBar().currentMessage() == "Verdict approved."
    return sentence


def test_changing_an_approved_verdict_says_the_approval_went(
    qtbot: QtBot, window: MainWindow
) -> None:
    sentence = approved_by_zoe(qtbot, window)
    row = window.sentence_model.row_of(sentence)
    window.sentence_view.setFocus()
    press(qtbot, window, "1")
    assert status_of(window, row) == "Done"
    said = window.statusBar().currentMessage()
    assert "Verdict approved" not in said
    assert "Zoë Ngata's approval" in said and "awaits sign-off again" in said
    assert "Ctrl+Z" in said
    # Undo brings the approval back, and says what it undid instead.
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(window, row) == "Approved"
    assert window.statusBar().currentMessage().startswith("Undone: ")


def test_a_checkers_typo_fix_under_an_approval_says_so_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    sentence = approved_by_zoe(qtbot, window)
    row = window.sentence_model.row_of(sentence)
    as_reviewer(window, "Ana Ruiz")
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Census")
    panel.flush_pending_text()
    assert status_of(window, row) == "Done"
    said = window.statusBar().currentMessage()
    assert "Zoë Ngata's approval" in said and "awaits sign-off again" in said
    # Typing on does not say it again over whatever the status bar says next.
    window.statusBar().showMessage("something else")
    qtbot.keyClicks(panel.explanation_edit, " 2019")
    panel.flush_pending_text()
    assert window.statusBar().currentMessage() == "something else"


def test_answering_a_return_with_a_new_verdict_says_it_awaits_sign_off(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentence = checked_by_ana(qtbot, window)
    returned_by_zoe(qtbot, window, monkeypatch)
    row = window.sentence_model.row_of(sentence)
    assert status_of(window, row) == "Returned"
    as_reviewer(window, "Ana Ruiz")
    window.sentence_view.setFocus()
    press(qtbot, window, "4")
    said = window.statusBar().currentMessage()
    assert "Zoë Ngata" in said and "awaits sign-off again" in said


CTRL_M = (Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)


def test_merging_an_approved_sentence_says_the_approval_went(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Ctrl+M on the approved sentence took the approval (docs/team.md: a merged sentence
    says something else), and the status bar still read "Verdict approved."."""
    sentence = approved_by_zoe(qtbot, window)
    row = window.sentence_model.row_of(sentence)
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, *CTRL_M)
    assert window.desk.sign_offs.sign_off(sentence) is None
    said = window.statusBar().currentMessage()
    assert "Verdict approved" not in said
    assert "Zoë Ngata's approval no longer stands" in said and "Ctrl+Z" in said
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(window, row) == "Approved"
    assert window.statusBar().currentMessage() == "Undone: Merge sentences."


def test_merging_sentences_nobody_signed_off_says_nothing_of_sign_off(
    qtbot: QtBot, window: MainWindow
) -> None:
    approved_by_zoe(qtbot, window)  # another sentence's approval stays, and is not named
    first = window.desk.reviews.sentence_rows(1)[0].sentence.id
    window.select_sentence(first)
    window.statusBar().clearMessage()
    qtbot.keyClick(window.sentence_view, *CTRL_M)
    assert "sign-off" not in window.statusBar().currentMessage()


def test_splitting_a_returned_sentence_says_it_awaits_sign_off_again(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck_app.gui.dialogs.split import SplitSentenceDialog

    sentence = checked_by_ana(qtbot, window)
    returned_by_zoe(qtbot, window, monkeypatch)
    as_reviewer(window, "Ana Ruiz")
    monkeypatch.setattr(SplitSentenceDialog, "exec", lambda dialog: 1)  # Split
    found = window.current_row()
    assert found is not None and found.sentence.id == sentence
    view = window.article_view
    cursor = view.textCursor()
    at = found.sentence.start + found.sentence.text.index(" in the city")
    cursor.setPosition(view._offsets.to_qt(at))
    view.setTextCursor(cursor)
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_M, CTRL_SHIFT)
    assert window.desk.sign_offs.sign_off(sentence) is None
    said = window.statusBar().currentMessage()
    assert said == (
        "Sentence split: Zoë Ngata's return no longer stands, so it awaits sign-off again "
        "(Ctrl+Z puts the return back)."
    )


def test_a_resplit_taking_several_sign_offs_says_how_many() -> None:
    from factcheck_app.domain.models import SignOff, SignOffDecision
    from factcheck_app.gui.controllers.edits import reworded_withdrawn_words

    gone = [SignOff(n, SignOffDecision.APPROVED, "Zoë Ngata", "Ana Ruiz") for n in (3, 4)]
    assert reworded_withdrawn_words(gone) == (
        "2 sign-offs no longer stand: their sentences changed, so they await sign-off again "
        "(Ctrl+Z puts them back)."
    )
    assert reworded_withdrawn_words([]) == ""


def test_redoing_a_merge_that_took_an_approval_says_so_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Ctrl+Y on the merge took the approval Ctrl+Z had brought back, under "Redone: Merge
    sentences." alone: the status column's "Approved" turning "Done" was all that said it."""
    sentence = approved_by_zoe(qtbot, window)
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, *CTRL_M)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.desk.sign_offs.sign_off(sentence) is not None
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.desk.sign_offs.sign_off(sentence) is None
    assert window.statusBar().currentMessage() == (
        "Merge sentences redone: Zoë Ngata's approval no longer stands, so it awaits "
        "sign-off again (Ctrl+Z puts it back)."
    )


def test_redoing_a_merge_from_another_article_says_the_approval_went(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The sign-offs were compared in the article shown: a merge redone from another
    article (which opens the merged one) took its approval without a word."""
    sentence = approved_by_zoe(qtbot, window)
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, *CTRL_M)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    other = window.desk.importer.import_text("A second piece. It has two sentences.").article_id
    window.open_article(other)
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.article_id == 1 and window.desk.sign_offs.sign_off(sentence) is None
    assert "Zoë Ngata's approval no longer stands" in window.statusBar().currentMessage()


def test_undoing_an_approval_never_says_the_check_changed_under_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Ctrl+Z on "Verdict approved." took the approval back, as asked; on the way the bar
    said "Zoë Ngata's approval no longer stands: the check changed after it … (Ctrl+Z
    puts the approval back)", which Help → Recent Messages and a screen reader kept: an
    editor told her undo was a change to the check, and to press Ctrl+Z to undo her undo."""
    sentence = approved_by_zoe(qtbot, window)
    row = window.sentence_model.row_of(sentence)
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(window, row) == "Done"
    assert window.statusBar().currentMessage() == "Undone: Approve verdict."
    said = window.message_log.lines()
    assert not any("no longer stands" in line for line in said), said
    # Redone and undone again: the same.
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, CTRL_SHIFT)
    assert status_of(window, row) == "Approved"
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    said = window.message_log.lines()
    assert not any("no longer stands" in line for line in said), said
