"""The Claimant and Explanation boxes of a sentence in conflict: they take no typing (the
workspace refuses it until a version is kept), say why where one would type, and a
letter typed there says it in the status bar, as a review key (C, 1, A) pressed in the
sentence list does. Once a version is kept they take typing again. A read-only
workspace and a re-split's held typing keep them read-only as before, whatever the
conflict."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Status, Tag
from factcheck_app.domain.review_rules import accepted
from factcheck_app.gui.actions import ActionId, first_key_text
from factcheck_app.gui.colours import READABLE_CONTRAST
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.typed_fields import field_text
from factcheck_app.services.desk import Desk
from tests.gui.conftest import assert_refused_keys_say, press
from tests.gui.test_assist_in_window import wait_for_suggestions
from tests.gui.test_high_contrast import hint_contrast
from tests.services.merge_fixtures import make_three_articles, open_as, three_conflicts

# Each merge that brings something ends with a box saying what it did: answered. Any
# other box fails the test (typing on a conflict popped one at each pause).
pytestmark = pytest.mark.usefixtures("merge_boxes")

WHY = "Reviewers disagree on this sentence: keep a version first"


def _merged(tmp_path: Path) -> tuple[Path, list[tuple[int, int]]]:
    """Alice's workspace with Bob's merged in: three sentences in conflict."""
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_three_articles(alice, "Alice", 0)
    make_three_articles(bob, "Bob", 1)
    desk = open_as(alice, "Carol")
    try:
        desk.merge.merge(bob)
        return alice, three_conflicts(desk)
    finally:
        desk.close()


@pytest.fixture
def carol(tmp_path: Path, make_window: Callable[[Desk], MainWindow]) -> Iterator[MainWindow]:
    """Carol, the editor, at 1024×640 in the merged workspace, on its first conflict."""
    path, order = _merged(tmp_path)
    desk = open_as(path, "Carol")
    window = make_window(desk)
    window.resize(1024, 640)
    article_id, sentence_id = order[0]
    window.open_article(article_id)
    window.select_sentence(sentence_id)
    yield window
    desk.close()


def _fields(window: MainWindow) -> tuple[QLineEdit, QPlainTextEdit]:
    return window.panel.claimant_edit, window.panel.explanation_edit


def _fill(field: QWidget) -> str:
    return field.palette().color(QPalette.ColorRole.Base).name()


def _theme(field: QWidget, role: QPalette.ColorRole) -> str:
    return QApplication.palette(field).color(role).name()


def _a_sentence_not_in_conflict(window: MainWindow) -> int:
    model = window.sentence_model
    return next(
        row.sentence.id
        for row in (model.sentence_row(i) for i in range(model.rowCount()))
        if row.review.status is not Status.CONFLICT
    )


def test_typing_on_a_conflict_says_why_in_the_status_bar_and_after_keeping_a_version_saves(
    qtbot: QtBot, carol: MainWindow
) -> None:
    """Typed on a sentence in conflict, each pause popped a box with the text ("in
    conflict") and emptied the field of it: the fields took typing the workspace would
    refuse. They are read-only there, say why and which key decides, and a letter typed
    says it in the status bar; once a version is kept (Ctrl+Shift+D, Enter), typing saves."""
    window = carol
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    saved = window.desk.reviews.review(sentence_id)
    assert saved.status is Status.CONFLICT
    key = first_key_text(ActionId.FOCUS_VERSIONS)
    hint = f"{WHY} ({key})"
    claimant, explanation = _fields(window)
    for field in (claimant, explanation):
        assert field.isReadOnly()
        assert hint in field.toolTip()
        assert hint in field.accessibleDescription()
        # Filled as the panel around it, not as a field to type in; its hint reads there.
        assert _fill(field) == _theme(field, QPalette.ColorRole.Window)
        assert hint_contrast(field) >= READABLE_CONTRAST
    assert hint in explanation.placeholderText()
    # The claimant's line is short: what to do, the versions right above it.
    assert f"Keep a version first ({key})" == claimant.placeholderText()
    explanation.setFocus()
    qtbot.keyClicks(explanation, "Budget")
    window.panel.flush_pending_text()  # what a pause, or leaving the field, does
    assert field_text(explanation) == saved.explanation
    assert not window.panel.has_pending_text()
    assert hint in window.statusBar().currentMessage()
    window.statusBar().clearMessage()
    claimant.setFocus()
    qtbot.keyClicks(claimant, "M")
    assert claimant.text() == saved.claimant
    assert hint in window.statusBar().currentMessage()
    assert window.desk.reviews.review(sentence_id) == saved

    window.sentence_view.setFocus()
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    focused = QApplication.focusWidget()
    assert focused is window.panel.conflict_view.table
    qtbot.keyClick(focused, Qt.Key.Key_Return)  # Keep This One
    assert window.desk.reviews.review(sentence_id).status is not Status.CONFLICT
    for field in (claimant, explanation):
        assert not field.isReadOnly()
        assert WHY not in field.toolTip() + field.accessibleDescription()
        assert "version" not in field.placeholderText()
        assert _fill(field) == _theme(field, QPalette.ColorRole.Base)
    explanation.setFocus()
    explanation.moveCursor(explanation.textCursor().MoveOperation.End)
    qtbot.keyClicks(explanation, " Budget")
    window.panel.flush_pending_text()
    assert window.desk.reviews.review(sentence_id).explanation.endswith(" Budget")


def test_moving_off_a_conflict_gives_the_fields_back(carol: MainWindow) -> None:
    window = carol
    window.select_sentence(_a_sentence_not_in_conflict(window))
    for field in _fields(window):
        assert not field.isReadOnly()
        assert WHY not in field.toolTip()


def test_a_re_splits_held_typing_and_a_conflict_each_give_the_fields_back_as_they_were(
    carol: MainWindow,
) -> None:
    """Typing is held while a re-split runs, and the fields were given back as they were
    when it began: moved from a conflict to another sentence meanwhile (moving about is
    harmless then), that one stayed read-only; moved onto a conflict, it took typing."""
    window = carol
    conflict = window.current_sentence_id()
    assert conflict is not None
    other = _a_sentence_not_in_conflict(window)
    window.merging._hold_typing(True)
    window.select_sentence(other)
    assert all(field.isReadOnly() for field in _fields(window))
    window.merging._hold_typing(False)
    assert not any(field.isReadOnly() for field in _fields(window))

    window.merging._hold_typing(True)
    window.select_sentence(conflict)
    window.merging._hold_typing(False)
    assert all(field.isReadOnly() for field in _fields(window))


def test_a_read_only_workspace_keeps_the_fields_read_only_off_a_conflict(
    carol: MainWindow,
) -> None:
    """A read-only workspace keeps no version: on a conflict its fields do not send the
    reviewer to the versions (its banner, and a key pressed, say why), and they stay
    read-only off the conflict, and after a re-split's hold."""
    window = carol
    window.panel.set_editable(False)  # what a read-only workspace does
    for field in _fields(window):
        assert field.isReadOnly()
        assert "version" not in field.toolTip() + field.placeholderText()
    window.select_sentence(_a_sentence_not_in_conflict(window))
    assert all(field.isReadOnly() for field in _fields(window))
    window.merging._hold_typing(True)
    window.merging._hold_typing(False)
    assert all(field.isReadOnly() for field in _fields(window))
    window.panel.set_editable(True)
    assert not any(field.isReadOnly() for field in _fields(window))


def test_paste_delete_and_backspace_on_a_conflict_say_why_and_moving_about_says_nothing(
    qtbot: QtBot, carol: MainWindow
) -> None:
    """A letter typed into a box of a sentence in conflict said why it is not taken, but
    Ctrl+V, Delete and Backspace did nothing, without a word. They say it as a letter
    does; moving about and copying, which the box takes, say nothing."""
    window = carol
    hint = f"{WHY} ({first_key_text(ActionId.FOCUS_VERSIONS)})."
    bar = window.statusBar()
    bar.clearMessage()
    QApplication.clipboard().setText("Pasted")
    for field in _fields(window):
        before = field_text(field)
        assert_refused_keys_say(qtbot, field, bar, hint)
        assert field_text(field) == before


def test_undo_and_redo_keys_in_a_conflict_box_stay_there_and_say_why(
    qtbot: QtBot, carol: MainWindow
) -> None:
    """Ctrl+Z in a box that took typing undid its typing, or nothing. Read-only on a
    conflict, the box let the key through to Edit → Undo: the version kept a moment before
    on another sentence was undone, and the window jumped there. Ctrl+Z, Ctrl+Y and
    Ctrl+Shift+Z there do nothing to the workspace and say why, as a letter does."""
    window = carol
    kept, (article_id, shown) = window.current_sentence_id(), three_conflicts(window.desk)[1]
    assert kept is not None
    window.sentence_view.setFocus()
    versions = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_D, versions)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Keep This One
    assert window.desk.reviews.review(kept).status is not Status.CONFLICT
    window.open_article(article_id)
    window.select_sentence(shown)
    hint = f"{WHY} ({first_key_text(ActionId.FOCUS_VERSIONS)})."
    ctrl = Qt.KeyboardModifier.ControlModifier
    for field in _fields(window):
        for key, modifiers in ((Qt.Key.Key_Z, ctrl), (Qt.Key.Key_Z, versions)):
            window.statusBar().clearMessage()
            field.setFocus()
            qtbot.keyClick(field, key, modifiers)
            assert window.desk.reviews.review(kept).status is not Status.CONFLICT
            assert window.current_sentence_id() == shown
            assert window.statusBar().currentMessage() == hint

    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, ctrl)  # Edit → Undo, from the list
    assert window.desk.reviews.review(kept).status is Status.CONFLICT
    window.open_article(article_id)
    window.select_sentence(shown)
    for field in _fields(window):
        for key in (Qt.Key.Key_Y, Qt.Key.Key_Z):
            field.setFocus()
            qtbot.keyClick(field, key, ctrl if key == Qt.Key.Key_Y else versions)
            assert window.desk.reviews.review(kept).status is Status.CONFLICT
            assert window.current_sentence_id() == shown


def test_review_keys_on_a_conflict_say_why_in_the_status_bar_and_after_keeping_a_version_tag(
    qtbot: QtBot, carol: MainWindow
) -> None:
    """A tag, verdict or accept key (or a tag button) on a sentence in conflict popped a
    box ("Reviewers disagree …") to dismiss, on each conflict a reviewer stepped through
    with J and tagged. Each says why in the status bar, as a letter typed in its
    Claimant box does, changes nothing and leaves the panel showing what is saved;
    once a version is kept, the keys tag again."""
    window = carol
    wait_for_suggestions(qtbot, window)
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    saved = window.desk.reviews.review(sentence_id)
    assert saved.status is Status.CONFLICT
    found = window.sentence_model.suggestion(sentence_id)
    assert found is not None  # A has something to accept …
    hint = found.suggestion
    taken = accepted(saved, hint.tag, hint.claimant, found.denies_sentence_id)
    assert taken.content_fields() != saved.content_fields()  # … that would change it
    # … but it is not offered: "(A accepts)" (or "A leaves it") beside a refusal.
    assert "Suggested:" in window.panel.hint_label.text()
    assert "(A\u00a0" not in window.panel.hint_label.text()
    assert saved.verdict == "true"  # key 1: given again, it would move on
    window.registry[ActionId.MOVE_ON_AFTER_VERDICT].trigger()
    said = f"{WHY} ({first_key_text(ActionId.FOCUS_VERSIONS)})."
    bar = window.statusBar()
    window.sentence_view.setFocus()
    for key in ("f", "5", "a", "c", "1"):
        bar.clearMessage()
        press(qtbot, window, key)  # a box would fail the test (`merge_boxes`)
        assert bar.currentMessage() == said, key
        assert window.desk.reviews.review(sentence_id) == saved, key
        assert window.current_sentence_id() == sentence_id, key  # stays, to keep one
    bar.clearMessage()
    fact = next(b for b in window.panel.tag_group.buttons() if b.text() == "Fact")
    qtbot.mouseClick(fact, Qt.MouseButton.LeftButton)
    assert bar.currentMessage() == said
    assert window.desk.reviews.review(sentence_id) == saved
    assert not fact.isChecked()  # the panel shows the tag saved, not the one clicked
    bar.clearMessage()
    verdicts = window.panel.verdict_box
    verdicts.setCurrentIndex(verdicts.findData("false"))
    verdicts.activated.emit(verdicts.currentIndex())  # chosen in the Verdict box
    assert bar.currentMessage() == said
    assert window.desk.reviews.review(sentence_id) == saved
    assert verdicts.currentData() == "true"

    window.sentence_view.setFocus()
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.keyClick(window.panel.conflict_view.table, Qt.Key.Key_Return)  # Keep This One
    assert window.desk.reviews.review(sentence_id).status is not Status.CONFLICT
    window.sentence_view.setFocus()
    press(qtbot, window, "f")
    assert window.desk.reviews.review(sentence_id).tag is Tag.FACT
    assert fact.isChecked()


def test_copy_earlier_verdict_on_a_conflict_says_why_in_the_status_bar(
    qtbot: QtBot, carol: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """V (Copy Verdict) on a sentence in conflict went straight to the workspace, whose
    refusal came in a box to dismiss, where every other review key says in the status
    bar to keep a version first. It says that too now, and copies nothing."""
    window = carol
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    saved = window.desk.reviews.review(sentence_id)
    assert saved.status is Status.CONFLICT
    earlier = _a_sentence_not_in_conflict(window)
    window.desk.reviews.set_verdict(earlier, "false")
    window.select_sentence(sentence_id)
    qtbot.waitUntil(lambda: not window.search.earlier_timer.isActive())
    chosen = SimpleNamespace(
        found=SimpleNamespace(
            row=window.sentence_model.sentence_row(window.sentence_model.row_of(earlier))
        )
    )
    monkeypatch.setattr(window.panel.earlier, "chosen", lambda: chosen)
    bar = window.statusBar()
    bar.clearMessage()
    window.registry[ActionId.COPY_EARLIER_VERDICT].trigger()  # a box fails the test
    assert bar.currentMessage() == f"{WHY} ({first_key_text(ActionId.FOCUS_VERSIONS)})."
    assert window.desk.reviews.review(sentence_id) == saved


def test_merge_with_next_leaves_a_conflict_to_be_decided(qtbot: QtBot, carol: MainWindow) -> None:
    """Ctrl+M on a sentence reviewers disagree on (or on the reviewed one before it)
    merged the two reviews into one marked "second look", its verdict the first's: the
    disagreement was listed no more (F8, Show → Conflicts) for anyone to decide. Refused
    as a review key is, saying why and what to press."""
    from factcheck_app.domain.errors import EditRefused

    window, desk = carol, carol.desk
    conflict = window.current_sentence_id()
    assert conflict is not None
    rows = window.sentence_model.rows()
    following = rows[[row.sentence.id for row in rows].index(conflict) + 1].sentence.id
    assert not desk.reviews.review(following).has_content
    # Merged with a sentence nobody reviewed, the conflict stays one: that merge is done.
    count = window.sentence_model.rowCount()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.sentence_model.rowCount() == count - 1
    assert desk.reviews.review(conflict).status is Status.CONFLICT
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.select_sentence(following)
    press(qtbot, window, "f", "2")  # the next sentence reviewed too
    window.select_sentence(conflict)
    count = window.sentence_model.rowCount()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.sentence_model.rowCount() == count
    assert desk.reviews.review(conflict).status is Status.CONFLICT
    said = window.statusBar().currentMessage()
    assert said.startswith("Not merged: reviewers disagree on this sentence. Keep a version")
    assert "Ctrl+Shift+D" in said
    with pytest.raises(EditRefused, match="keep a version of it first"):
        desk.boundaries.merge_with_next(conflict)  # the workspace refuses it too
    # The reviewed sentence before a conflict: the next one is the one to decide.
    article_id, second_conflict = three_conflicts(desk)[1]
    window.open_article(article_id)
    ids = [row.sentence.id for row in window.sentence_model.rows()]
    before = ids[ids.index(second_conflict) - 1]
    window.select_sentence(before)
    if not desk.reviews.review(before).has_content:
        press(qtbot, window, "c")
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert desk.reviews.review(second_conflict).status is Status.CONFLICT
    assert "disagree on the next sentence" in window.statusBar().currentMessage()
    assert window.sentence_model.rowCount() == len(ids)


def test_a_decision_refused_for_a_conflict_changed_meanwhile_shows_it(
    qtbot: QtBot, carol: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter (Keep This One) while another program decided the conflict: the box said to
    look at the versions again, but the window went on showing the conflict as it was
    before, so the editor looked at what was no longer there."""
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    window = carol
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    desk = window.desk
    push = desk.edits.push

    def then_push(edit: object) -> object:
        monkeypatch.setattr(desk.edits, "push", push)
        other = sqlite3.connect(desk.path)  # type: ignore[arg-type]
        with other:
            other.execute(
                "UPDATE reviews SET rating = 'mixed', status = 'done' WHERE sentence_id = ?",
                [sentence_id],
            )
        other.close()
        return push(edit)  # type: ignore[arg-type]

    monkeypatch.setattr(desk.edits, "push", then_push)
    window.sentence_view.setFocus()
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.keyClick(window.panel.conflict_view.table, Qt.Key.Key_Return)  # Keep This One
    assert boxes and "changed while your decision was being saved" in boxes[0]
    assert desk.reviews.review(sentence_id).verdict == "mixed"
    row = window.sentence_model.rows()[window.sentence_model.row_of(sentence_id)]
    assert (row.review.verdict, row.review.status) == ("mixed", Status.DONE)
