"""Typed text that waited unsaved (too long, no room on the disk) while another program
saved the same field of that sentence: saved late, it went over that program's text."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.domain import review_rules
from factcheck_app.domain.models import Status
from factcheck_app.gui import messages
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.gui.test_logout_with_unsaved_text import shown_boxes
from tests.gui.test_workspace_moved_later import _move as moved
from tests.services.meanwhile_fixtures import another_program, path_of

TABLE = "The ministry's own 2019 table, pasted in whole. "  # 48 characters
BEAS = "Bea: the 2019 table is the ministry's; the survey says 6 %."
# As a desk saves a review: its row made when the sentence has none yet.
SAVE_FIELD = (
    "INSERT INTO reviews (sentence_id, {field}) VALUES (?2, ?1) "
    "ON CONFLICT (sentence_id) DO UPDATE SET {field} = ?1"
)
# A box's own exec, kept before each test's fixture makes every box fail unanswered.
REAL_EXEC = QMessageBox.exec


def keys_typed_on(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    keys: tuple[Qt.Key, ...] = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_A),
) -> list[tuple[str, bool, bool]]:
    """Every box shown, as a real one: `keys` (Space, Enter and a letter) typed at it at
    once (the reviewer typing on), then, once its OK is on, Enter. Each as (its title,
    still up after the keys typed on, closed by the Enter after)."""
    monkeypatch.setattr(messages, "HOLD_KEYS_MS", 300)  # a moment, shorter
    seen: list[tuple[str, bool, bool]] = []

    def exec_box(box: QMessageBox) -> int:
        def poke() -> None:
            for key in keys:
                QTest.keyClick(box.focusWidget() or box, key)
                QTest.keyClick(box, key)
            still_up = box.isVisible()
            closed_later = False
            if still_up:  # a moment on, Enter closes it as in any box
                ok = box.button(QMessageBox.StandardButton.Ok)
                qtbot.waitUntil(ok.isEnabled, timeout=5_000)
                QTest.keyClick(box.focusWidget() or box, Qt.Key.Key_Return)
                closed_later = not box.isVisible()
                if box.isVisible():
                    box.done(int(QMessageBox.StandardButton.Ok.value))
            seen.append((box.windowTitle(), still_up, closed_later))

        QTimer.singleShot(0, poke)
        return REAL_EXEC(box)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return seen


def bea_saves(window: MainWindow, field: str, sentence_id: int, text: str = BEAS) -> None:
    """Another program (a second desk on the workspace, a script) saves `field`."""
    another_program(path_of(window.desk), SAVE_FIELD.format(field=field), text, sentence_id)


def focus(qtbot: QtBot, field: QWidget) -> None:
    """`field` given the keyboard, as a click or Tab there does."""
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)


def type_and_leave(qtbot: QtBot, window: MainWindow, field: QWidget, text: str) -> None:
    """`text` typed into the panel's `field`, then left (what a pause or Tab does)."""
    focus(qtbot, field)
    qtbot.keyClicks(field, text)
    window.panel.flush_pending_text()


def paste_too_long(qtbot: QtBot, window: MainWindow) -> None:
    """TABLE three times (144 characters) pasted into the explanation, then left: with
    LONGEST_TEXT 100 it is refused as too long and waits."""
    box = window.panel.explanation_edit
    focus(qtbot, box)
    box.insertPlainText(TABLE * 3)
    window.panel.flush_pending_text()


def test_text_too_long_shortened_after_another_program_saved_its_field_goes_not_over_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A too-long explanation waits on #1; Bea's desk saves #1's explanation meanwhile;
    the reviewer shortens hers: it was saved over Bea's, without a word, Bea's gone. It
    is not saved: the reviewer's stays in its box, Bea's in the workspace and shown in a
    box to copy from, and the note says so. Her next change is saved over Bea's, which
    Ctrl+Z on the sentences then brings back: nothing is lost either way."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown = shown_boxes(monkeypatch)
    panel, box = window.panel, window.panel.explanation_edit
    first = window.current_sentence_id()
    assert first is not None
    paste_too_long(qtbot, window)
    assert panel.refused_as_too_long(first, "explanation")
    shown.clear()
    bea_saves(window, "explanation", first)
    box.setPlainText(TABLE * 2)  # shortened to 96
    panel.flush_pending_text()
    assert window.desk.reviews.review(first).explanation == BEAS
    assert box.toPlainText() == TABLE * 2 and panel.has_pending_text()
    note = panel.unsaved_label.text()
    assert "another program" in note and "#1" in note and "NOT saved" in note
    [(text, details)] = shown
    assert "another program" in text.lower() and "Show Details" in text
    assert BEAS in details
    panel.flush_pending_text()  # again, unchanged: not tried, not told again
    assert window.desk.reviews.review(first).explanation == BEAS and len(shown) == 1
    box.setPlainText("2019 table. " + BEAS)  # what she needed of Bea's copied into hers
    panel.flush_pending_text()
    assert window.desk.reviews.review(first).explanation == "2019 table. " + BEAS
    assert not panel.has_pending_text() and panel.unsaved_label.isHidden()
    window.desk.undo()
    assert window.desk.reviews.review(first).explanation == BEAS


def test_text_waiting_for_room_goes_not_over_what_another_program_saved_meanwhile(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A claimant typed while the disk was full waits, retried; another program saves
    #1's claimant; room again, the retry wrote the reviewer's over it. Refused, kept."""
    shown = shown_boxes(monkeypatch)
    panel, edit = window.panel, window.panel.claimant_edit
    first = window.current_sentence_id()
    assert first is not None
    db = window.desk.workspace.db
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    focus(qtbot, edit)
    typed = "Minister " + "M" * 40000  # more than the full disk takes
    qtbot.keyClicks(edit, "Minister ")
    edit.insert("M" * 40000)
    panel.flush_pending_text()
    panel._retry_timer.stop()
    assert panel.has_text_to_retry() and window.desk.reviews.review(first).claimant == ""
    shown.clear()
    bea_saves(window, "claimant", first, "Labour ministry spokesman")
    db.execute("PRAGMA max_page_count = 1073741823")  # room again
    panel.flush_pending_text()  # the retry
    assert window.desk.reviews.review(first).claimant == "Labour ministry spokesman"
    assert edit.text() == typed and panel.has_pending_text()
    assert not panel.has_text_to_retry()  # not tried again until changed
    [(text, details)] = shown
    assert "another program" in text.lower() and "Labour ministry spokesman" in details


def test_typing_over_a_field_another_program_saved_unseen_goes_not_over_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window does not read other programs' saves by itself: Bea's explanation of #1,
    saved after the panel showed #1, was not shown, and the first pause in the reviewer's
    typing saved hers over it."""
    shown = shown_boxes(monkeypatch)
    panel, box = window.panel, window.panel.explanation_edit
    first = window.current_sentence_id()
    assert first is not None
    bea_saves(window, "explanation", first)
    type_and_leave(qtbot, window, box, "Wrong year")
    assert window.desk.reviews.review(first).explanation == BEAS
    assert box.toPlainText() == "Wrong year" and panel.has_pending_text()
    assert len(shown) == 1 and BEAS in shown[0][1]


def test_text_saved_as_typed_without_another_program_is_saved_as_ever(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check names no change where there is none: the reviewer's own saves in a row,
    her own Ctrl+Z on the sentences of an edit to the field while more text of hers
    waited (too long), and another program's change of another field."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown = shown_boxes(monkeypatch)
    panel, box = window.panel, window.panel.explanation_edit
    first = window.current_sentence_id()
    assert first is not None
    type_and_leave(qtbot, window, box, "Wrong")
    qtbot.keyClicks(box, " year")
    panel.flush_pending_text()
    assert window.desk.reviews.review(first).explanation == "Wrong year"
    box.insertPlainText(TABLE * 3)
    panel.flush_pending_text()
    assert panel.refused_as_too_long(first, "explanation")
    shown.clear()
    window.sentence_view.setFocus()
    qtbot.waitUntil(window.sentence_view.hasFocus)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.desk.reviews.review(first).explanation == ""  # "Wrong year" undone
    bea_saves(window, "claimant", first, "Labour ministry")
    box.setPlainText(TABLE)
    panel.flush_pending_text()
    assert window.desk.reviews.review(first).explanation == TABLE
    assert window.desk.reviews.review(first).claimant == "Labour ministry"
    assert not shown and not panel.has_pending_text()


def test_quit_names_why_text_typed_over_another_programs_waits(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quit with such text waiting asks before losing it, and says why it waits: not a
    full disk ("the disk may be full"), which the reviewer would go looking for."""
    shown = shown_boxes(monkeypatch)
    panel, box = window.panel, window.panel.explanation_edit
    first = window.current_sentence_id()
    assert first is not None
    bea_saves(window, "explanation", first)
    type_and_leave(qtbot, window, box, "Wrong year")
    assert panel.refused_as_saved_meanwhile(first, "explanation")
    shown.clear()
    assert window.workspace.keep_unsaved_text("Quit")  # OK is no Discard: it stays
    [(text, _)] = shown
    assert "another program saved that field" in text and "disk" not in text
    assert box.toPlainText() == "Wrong year"


def test_text_carried_to_the_moved_workspace_goes_not_over_what_another_program_saved(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The workspace file moved while open (a sync tool), "Later", an explanation typed,
    not saved; Bea's desk saves that explanation in the file where it is now; Open It
    There saved the typed text into it, over Bea's: the text carried lost what the
    window knew it was typed over. It is refused there as anywhere."""
    window = make_window(seeded_desk)
    sid = window.current_sentence_id()
    assert sid is not None
    new = moved(seeded_desk)
    shown = shown_boxes(monkeypatch)  # "Later" is the moved box's Cancel: OK is not Open
    window.workspace.check_outside_changes()
    box = window.panel.explanation_edit
    type_and_leave(qtbot, window, box, "Ministry figures differ")
    assert window.panel.has_pending_text()
    another_program(new, SAVE_FIELD.format(field="explanation"), BEAS, sid)
    shown.clear()
    window.workspace.switch_workspace(new)
    assert window.desk.path == new and not window.desk.read_only
    assert window.desk.reviews.review(sid).explanation == BEAS
    assert box.toPlainText() == "Ministry figures differ" and window.panel.has_pending_text()
    assert any(BEAS in details for _, details in shown)


def test_quit_names_text_typed_over_another_programs_beside_text_too_long(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text refused over Bea's save on #1 and text too long on #2, both waiting: Quit
    said only "too long… shorten it and it is saved", and the reviewer who shortened #2's
    and quit lost #1's, which no shortening saves. Each cause is said."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown = shown_boxes(monkeypatch)
    panel, box = window.panel, window.panel.explanation_edit
    first, second = (row.sentence.id for row in list(window.sentence_model.rows())[:2])
    bea_saves(window, "explanation", first)
    type_and_leave(qtbot, window, box, "Wrong year")
    assert panel.refused_as_saved_meanwhile(first, "explanation")
    window.select_sentence(second)
    paste_too_long(qtbot, window)
    assert panel.refused_as_too_long(second, "explanation")
    shown.clear()
    assert window.workspace.keep_unsaved_text("Quit")  # OK is no Discard: it stays
    [(text, _)] = shown
    assert "too long" in text and "another program saved" in text


def test_text_refused_for_good_leaves_no_typed_over_behind_for_the_next_typing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A claimant typed on #1 refused for good (Bea's merge put #1 in conflict meanwhile:
    shown in a box to copy), while text too long waits on #2. Bea decides the conflict,
    the window reads it, and the reviewer types #1's claimant again: it was refused as
    typed over another program's save of the claimant, which nobody had saved: the
    refused text was kept as what the claimant held, and never let go while #2's
    text waited."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown = shown_boxes(monkeypatch)
    panel, edit = window.panel, window.panel.claimant_edit
    first, second = (row.sentence.id for row in list(window.sentence_model.rows())[:2])
    window.select_sentence(second)
    paste_too_long(qtbot, window)
    assert panel.refused_as_too_long(second, "explanation")
    window.select_sentence(first)
    bea_saves(window, "status", first, Status.CONFLICT.value)
    type_and_leave(qtbot, window, edit, "Ministry")
    assert any("Ministry" in details for _, details in shown)  # refused for good, shown
    assert window.desk.reviews.review(first).claimant == ""
    bea_saves(window, "status", first, Status.IN_PROGRESS.value)  # Bea decided it
    window.edits.show_as_saved()
    shown.clear()
    focus(qtbot, edit)
    edit.setText("")
    qtbot.keyClicks(edit, "Labour")
    panel.flush_pending_text()
    assert window.desk.reviews.review(first).claimant == "Labour", shown
    assert not shown


def test_text_refused_over_another_programs_save_is_not_saved_over_it_once_carried(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reviewer's explanation refused over Bea's (kept, NOT saved until changed);
    then the workspace file is moved while open, and Open It There: the text carried
    was saved over Bea's at once, unchanged and unsaid, the red note gone. It waits
    there as it waited here, until she changes it."""
    window = make_window(seeded_desk)
    sid = window.current_sentence_id()
    assert sid is not None
    shown = shown_boxes(monkeypatch)  # "Later" is the moved box's Cancel: OK is not Open
    bea_saves(window, "explanation", sid)
    box = window.panel.explanation_edit
    type_and_leave(qtbot, window, box, "Ministry figures differ")
    assert window.panel.refused_as_saved_meanwhile(sid, "explanation")
    new = moved(seeded_desk)
    window.workspace.check_outside_changes()
    shown.clear()
    window.workspace.switch_workspace(new)
    assert window.desk.path == new and not window.desk.read_only
    assert window.desk.reviews.review(sid).explanation == BEAS
    assert box.toPlainText() == "Ministry figures differ"
    assert not [text for text, _ in shown if "saved the explanation" in text]  # told once
    assert window.panel.refused_as_saved_meanwhile(sid, "explanation")
    assert "another program" in window.panel.unsaved_label.text()
    focus(qtbot, box)
    box.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box, ", see table")  # changed: saved over Bea's, as anywhere
    window.panel.flush_pending_text()
    assert window.desk.reviews.review(sid).explanation == "Ministry figures differ, see table"


def test_text_saved_in_the_other_field_does_not_let_waiting_text_go_over_another_programs(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A claimant too long waits on #1; Bea's desk saves #1's claimant; the reviewer
    types #1's explanation, saved at its pause; then she shortens her claimant: it was
    saved over Bea's, unsaid. Her explanation's save is not another program's claimant,
    and took what the claimant held as if this window had saved it (`saved_here`)."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown = shown_boxes(monkeypatch)
    panel, edit, box = window.panel, window.panel.claimant_edit, window.panel.explanation_edit
    first = window.current_sentence_id()
    assert first is not None
    focus(qtbot, edit)
    edit.insert("Minister " + "M" * 120)
    panel.flush_pending_text()
    assert panel.refused_as_too_long(first, "claimant")
    bea_saves(window, "claimant", first, "Labour ministry spokesman")
    type_and_leave(qtbot, window, box, "Wrong year")
    assert window.desk.reviews.review(first).explanation == "Wrong year"
    shown.clear()
    focus(qtbot, edit)
    edit.selectAll()
    qtbot.keyClicks(edit, "Minister of Labour")  # shortened
    panel.flush_pending_text()
    assert window.desk.reviews.review(first).claimant == "Labour ministry spokesman"
    assert edit.text() == "Minister of Labour" and panel.has_pending_text()
    assert any("Labour ministry spokesman" in details for _, details in shown)


def test_a_verdict_given_here_does_not_let_waiting_text_go_over_another_programs(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pasted explanation too long waits on #1; Bea's desk saves #1's explanation; the
    reviewer gives #1 a verdict (5), then cuts her paste down: it was saved over Bea's,
    unsaid. The verdict, this window's own edit, changed no explanation, yet the text
    waiting took the explanation it found then (Bea's) as this window's."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown = shown_boxes(monkeypatch)
    panel, box, view = window.panel, window.panel.explanation_edit, window.sentence_view
    first = window.current_sentence_id()
    assert first is not None
    paste_too_long(qtbot, window)
    assert panel.refused_as_too_long(first, "explanation")
    bea_saves(window, "explanation", first)
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_5)
    assert window.desk.reviews.review(first).verdict is not None
    shown.clear()
    box.setPlainText(TABLE)  # cut down to one table
    focus(qtbot, box)
    box.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box, "!")
    panel.flush_pending_text()
    assert window.desk.reviews.review(first).explanation == BEAS
    assert box.toPlainText() == TABLE + "!" and panel.has_pending_text()
    assert any(BEAS in details for _, details in shown)


def test_a_source_linked_here_does_not_let_waiting_text_go_over_another_programs(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a verdict given: a source linked to #1 (Ctrl+L) while a pasted explanation too
    long waits there, after Bea's desk saved #1's explanation, took Bea's explanation
    for this window's, and the paste cut down was saved over it."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown = shown_boxes(monkeypatch)
    panel, box = window.panel, window.panel.explanation_edit
    first = window.current_sentence_id()
    assert first is not None
    paste_too_long(qtbot, window)
    assert panel.refused_as_too_long(first, "explanation")
    bea_saves(window, "explanation", first)
    window.desk.sources.link_source(first, NewSource("https://stats.example/jobs", title="Jobs"))
    shown.clear()
    focus(qtbot, box)
    box.selectAll()
    qtbot.keyClicks(box, "Cut down")
    panel.flush_pending_text()
    assert window.desk.reviews.review(first).explanation == BEAS
    assert any(BEAS in details for _, details in shown)


def test_a_keystroke_meant_for_the_text_does_not_close_the_saved_meanwhile_box_unseen(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box comes up at a pause in her typing: her next Space or Enter, meant for the
    text, closed it unseen, and her next letter went over Bea's text, never read. Keys
    do nothing in it for a moment; then Enter closes it, as in any box."""
    seen = keys_typed_on(
        qtbot, monkeypatch, (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
    )
    panel, edit = window.panel, window.panel.explanation_edit
    first = window.current_sentence_id()
    assert first is not None
    bea_saves(window, "explanation", first)
    type_and_leave(qtbot, window, edit, "Wrong year")
    assert seen == [("Saved meanwhile by another program", True, True)]
    assert window.desk.reviews.review(first).explanation == BEAS
    assert panel.refused_as_saved_meanwhile(first, "explanation")
