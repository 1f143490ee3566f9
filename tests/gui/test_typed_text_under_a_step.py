"""Typed text the workspace refused (a full disk, another program's lock) waits in its
field to be saved: a step that replaces sentences must not take its sentence away from
under it meanwhile. A re-split run then (its worker's connection found room, or waited
out the lock the window's saves give up on after 0.25 s) deleted the sentence, and the
retry was refused for good ("There is no sentence 7") and kept trying every 5 s, for
ever: the explanation was in no review, under a note promising it would be saved."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import SentenceRow, Status, Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.controllers import edits
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.typed_fields import field_text
from factcheck_app.services.desk import Desk
from tests.gui.test_dialogs_on_a_full_disk import FullDisk
from tests.gui.test_resplit_in_worker import answer_yes
from tests.gui.test_window_monkey_findings import worker_runs
from tests.gui.typed_text_fixtures import (
    EXPLANATION,
    DorasMergeRedone,
    ana,
    boxes,
    cut_window,
    doras_merge_redone,
    saved_meanwhile_twice,
    type_text,
)
from tests.services.merge_fixtures import make_alice, make_bob

# Fixtures, and what other modules import from here.
__all__ = ["EXPLANATION", "ana", "boxes", "cut_window", "doras_merge_redone"]


@pytest.fixture
def disk(cut_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> FullDisk:
    """Only the window's own connection is refused: a worker's has room."""
    db = cut_window.desk.workspace.db
    full = FullDisk(db.conn)
    monkeypatch.setattr(db, "conn", full)
    return full


def type_unsaved(qtbot: QtBot, window: MainWindow) -> SentenceRow:
    """The explanation typed into the current sentence and left, refused by the disk."""
    row = window.current_row()
    assert row is not None
    panel = type_text(qtbot, window)
    panel.flush_pending_text()  # what leaving the field does
    panel._retry_timer.stop()  # the test's own calls are the retries
    assert panel.has_pending_text()
    return row


def holder_of(window: MainWindow, start: int) -> SentenceRow:
    """The sentence of the open article, as saved, that holds `start`."""
    article_id = window.article_id
    assert article_id is not None
    [row] = [
        r
        for r in window.desk.reviews.sentence_rows(article_id)
        if r.sentence.start <= start < r.sentence.end
    ]
    return row


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.merging.running, timeout=20_000)


RESPLIT_REFUSED = (
    "Re-split not done: text you typed is NOT saved yet (see the review panel). "
    "Try again once it is saved."
)


def test_a_re_split_waits_for_typed_text_the_disk_refused(
    qtbot: QtBot,
    cut_window: MainWindow,
    disk: FullDisk,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Run beside the window, the re-split's worker held the text until it had ended,
    and the re-split replaced its sentence: the text was only offered in a box to copy
    into the sentence it belonged to then. The re-split waits for it, as Merge with
    Next does; once there is room, the text is saved on its own sentence."""
    window = cut_window
    answer_yes(monkeypatch)
    typed_on = type_unsaved(qtbot, window)
    assert any("disk is full" in box for box in boxes)
    told = len(boxes)
    window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == RESPLIT_REFUSED
    assert holder_of(window, typed_on.sentence.start).sentence.id == typed_on.sentence.id
    assert window.panel.explanation_edit.toPlainText() == EXPLANATION  # still there
    assert window.panel.has_pending_text()
    # Room again: its retry saves it on its own sentence, with no box to copy it from.
    disk.full = False
    window.panel.flush_pending_text()
    assert not window.panel.has_pending_text()
    assert window.desk.reviews.review(typed_on.sentence.id).explanation == EXPLANATION
    window.registry[ActionId.RESPLIT_ARTICLE].trigger()  # pressed again: it runs
    settle(qtbot, window)
    holder = holder_of(window, typed_on.sentence.start)
    assert holder.sentence.id != typed_on.sentence.id  # the re-split replaced it
    assert holder.review.explanation == EXPLANATION  # the text went with its review
    assert len(boxes) == told


def test_a_re_split_waits_for_text_the_disk_refused_while_its_question_stood(
    qtbot: QtBot,
    cut_window: MainWindow,
    disk: FullDisk,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The text saved before the question about moving the reviews was not checked
    after it: its save refused, the re-split started all the same on Yes and replaced
    the text's sentence. Answered Yes with text waiting on the article, it waits."""
    window = cut_window
    disk.full = False
    rows = window.sentence_model.rows()
    window.desk.reviews.set_tag(rows[-1].sentence.id, Tag.CLAIM)  # the question is asked
    asked: list[str] = []

    def yes_while_the_disk_fills(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        disk.full = True
        type_unsaved(qtbot, window)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(edits, "ask", yes_while_the_disk_fills)
    typed_on = window.current_row()
    assert typed_on is not None
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    assert asked
    assert window.statusBar().currentMessage() == RESPLIT_REFUSED
    assert holder_of(window, typed_on.sentence.start).sentence.id == typed_on.sentence.id
    assert not any("no longer in the workspace" in box for box in boxes)
    disk.full = False
    window.panel.flush_pending_text()  # its retry, once there is room
    assert not window.panel.has_pending_text()
    assert window.desk.reviews.review(typed_on.sentence.id).explanation == EXPLANATION


class RefusedOnce(FullDisk):
    """The window's next save refused, the one after it let through: another program's
    lock, which the window's saves give up on after 0.25 s once one was refused (a step
    of the window's own may come after it is gone), or room freed on the disk just then."""

    def execute(self, sql: str, *args: Any) -> Any:
        if self.full and sql.strip().upper() == "COMMIT":
            self.full = False
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)


def refuse_once(window: MainWindow, disk: FullDisk) -> None:
    window.desk.workspace.db.conn = RefusedOnce(disk._conn)  # type: ignore[assignment]


def test_merge_with_next_waits_for_typed_text_on_the_next_sentence(
    qtbot: QtBot, cut_window: MainWindow, disk: FullDisk, boxes: list[str]
) -> None:
    """Typed into the next sentence and refused, then Ctrl+M on the sentence above: the
    merge deleted the sentence the text waited for. It waits for the text instead."""
    window = cut_window
    model = window.sentence_model
    first, second = (model.sentence_row(n).sentence for n in (0, 1))
    window.select_sentence(second.id)
    type_unsaved(qtbot, window)
    window.select_sentence(first.id)
    window.sentence_view.setFocus()
    count = model.rowCount()
    refuse_once(window, disk)  # the text's save refused, the merge's not
    window.registry[ActionId.MERGE_NEXT].trigger()
    assert window.statusBar().currentMessage().startswith("Merge not done: text you typed")
    assert model.rowCount() == count
    assert len(window.desk.reviews.sentence_rows(first.article_id)) == count
    window.panel.flush_pending_text()  # its retry, the lock gone
    assert window.desk.reviews.review(second.id).explanation == EXPLANATION
    window.registry[ActionId.MERGE_NEXT].trigger()  # again: the text goes with it
    merged = holder_of(window, second.start)
    assert merged.sentence.id == first.id
    assert EXPLANATION in merged.review.explanation


def test_undo_of_a_split_waits_for_typed_text_on_its_second_part(
    qtbot: QtBot, cut_window: MainWindow, disk: FullDisk, boxes: list[str]
) -> None:
    """Ctrl+Z of a split deletes its second part: with text typed there and refused, the
    undo took the sentence from under it."""
    window = cut_window
    first = window.sentence_model.sentence_row(0).sentence
    disk.full = False
    window.desk.boundaries.split_sentence(first.id, first.start + first.text.index(" ") + 1)
    part = holder_of(window, first.end - 1)
    assert part.sentence.id != first.id
    window.select_sentence(part.sentence.id)
    disk.full = True
    type_unsaved(qtbot, window)
    window.sentence_view.setFocus()  # its retry as the field is left: refused too
    refuse_once(window, disk)
    window.registry[ActionId.UNDO].trigger()
    assert window.statusBar().currentMessage().startswith("Undo not done: text you typed")
    window.panel.flush_pending_text()  # its retry, the lock gone
    assert window.desk.reviews.review(part.sentence.id).explanation == EXPLANATION
    assert not window.panel.has_pending_text()


def test_text_refused_while_a_merge_is_undone_is_offered_back_when_its_article_went(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A merge's undo runs in a worker while typing goes on. Text typed then into an
    article the merge brought, refused by a full disk, waited for a sentence the undo
    took away with the article: its retry was refused for good ("There is no sentence
    …") every 5 s, under the note saying it would be saved, and nowhere to be seen. It
    is shown in a box to copy instead, and not written anywhere."""
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    desk = Desk.open(alice, backup=False)
    try:
        window = make_window(desk)
        desk.merge.merge(bob)
        [theirs] = [
            a.id for a in desk.articles.list_articles() if a.title.startswith("The senator")
        ]
        window.open_article(theirs)
        typed_on = desk.reviews.sentence_rows(theirs)[1].sentence
        window.select_sentence(typed_on.id)
        full = FullDisk(desk.workspace.db.conn)
        monkeypatch.setattr(desk.workspace.db, "conn", full)
        held = worker_runs(monkeypatch, at_once=False)
        window.registry[ActionId.UNDO].trigger()
        assert window.merging.running
        type_unsaved(qtbot, window)
        with qtbot.waitSignal(window.merging.finished, timeout=20_000):
            held[0].start()
        assert theirs not in [a.id for a in desk.articles.list_articles()]
        # Said as the undo shows (the text saved as the window leaves the article):
        # its sentence is asked for before anything is written, full disk or not.
        assert "the sentence it was typed on is no longer in the workspace" in boxes[-1]
        assert EXPLANATION in boxes[-1] and "Police data show" in boxes[-1]
        assert not window.panel.has_pending_text()
        assert window.panel.unsaved_label.isHidden()
        full.full = False
        window.panel.flush_pending_text()  # no retry left to put it anywhere
        assert not any(
            row.review.explanation == EXPLANATION
            for article in desk.articles.list_articles()
            for row in desk.reviews.sentence_rows(article.id)
        )
    finally:
        desk.close()


def test_text_waiting_for_a_sentence_now_in_conflict_is_offered_back_not_kept_for_ever(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    boxes: list[str],
) -> None:
    """An explanation waiting to be saved (carried into the workspace opened again, its
    disk back) on a sentence two reviewers now disagree on is refused until one review is
    kept. The box said so once; the text then stayed in the field, retried every 5 s
    under "NOT saved yet (the workspace cannot be written)", and once the conflict was
    decided its retry wrote it over the review just kept. It is shown in a box to copy,
    and the field shows the saved explanation again. (Typed there, it is not taken at
    all: tests/gui/test_conflict_fields.py.)"""
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    desk = Desk.open(alice, backup=False)
    try:
        window = make_window(desk)
        desk.merge.merge(bob)
        [conflict] = [
            row
            for article in desk.articles.list_articles()
            for row in desk.reviews.sentence_rows(article.id)
            if row.review.status is Status.CONFLICT
        ]
        window.open_article(conflict.sentence.article_id)
        window.select_sentence(conflict.sentence.id)
        boxes.clear()
        window.panel.keep_pending_text({(conflict.sentence.id, "explanation"): EXPLANATION})
        assert not window.panel.has_pending_text()
        [box] = boxes
        assert "Reviewers disagree" in box and EXPLANATION in box
        saved = desk.reviews.review(conflict.sentence.id).explanation
        assert EXPLANATION not in saved
        assert field_text(window.panel.explanation_edit) == saved
    finally:
        desk.close()


def test_text_saved_late_on_an_article_left_does_not_take_the_window_back_there(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Text typed in one article waits for room while the reviewer opens another and
    types there. Saved at last (its retry, or the save of what is typed now), it opened
    the article it was typed in, its sentence list focused: the letters typed next, meant
    for the explanation, were taken as keys there (C tagged a claim, 1-6 gave verdicts)."""
    desk = seeded_desk
    first = desk.articles.list_articles()[0].id
    second = desk.importer.import_text(
        "The mayor said the bridge cost 3 million. It opened in May.", source_name="bridge.txt"
    ).article_id
    window = make_window(desk)
    window.open_article(first)
    disk = FullDisk(desk.workspace.db.conn)
    monkeypatch.setattr(desk.workspace.db, "conn", disk)
    typed_on = type_unsaved(qtbot, window).sentence.id
    window.open_article(second)
    now_on = window.current_sentence_id()
    assert now_on is not None
    panel = type_text(qtbot, window, "Budget papers say 4 million")
    disk.full = False
    panel.flush_pending_text()  # the save a moment after the last key: both go
    assert desk.reviews.review(typed_on).explanation == EXPLANATION
    assert window.article_id == second and window.current_sentence_id() == now_on
    assert QApplication.focusWidget() is panel.explanation_edit
    qtbot.keyClicks(panel.explanation_edit, "c")  # typing goes on, into the field
    panel.flush_pending_text()
    assert desk.reviews.review(now_on).explanation == "Budget papers say 4 millionc"
    assert desk.reviews.review(typed_on).tag is None


def test_a_copy_saved_while_typed_text_waits_says_the_text_is_not_in_it(
    qtbot: QtBot,
    cut_window: MainWindow,
    disk: FullDisk,
    boxes: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Save a Copy saves the text being typed first, so that the copy holds it. Refused
    (the workspace's disk full, the copy going to a stick with room), the copy was made
    without it, and "Copy saved as …: hand it over" said nothing of it: the colleague
    got a copy without the explanation the reviewer saw in her field."""
    window = cut_window
    typed_on = type_unsaved(qtbot, window).sentence.id
    target = tmp_path / "handed.fcdesk"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    window.sentence_view.setFocus()
    window.registry[ActionId.SAVE_COPY].trigger()
    status = window.statusBar()
    qtbot.waitUntil(lambda: status.currentMessage().startswith("Copy saved"), timeout=20_000)
    assert status.currentMessage() == (
        f"Copy saved as {target.name}, in {tmp_path}, WITHOUT the text you typed that is "
        "not saved yet (see the review panel): save a copy again once it is saved."
    )
    copy = Desk.open(target, read_only=True)
    try:
        assert copy.reviews.review(typed_on).explanation != EXPLANATION
    finally:
        copy.close()


def test_text_whose_save_met_another_connections_saves_twice_waits_not_refused_for_good(
    qtbot: QtBot,
    cut_window: MainWindow,
    boxes: list[str],
) -> None:
    """A save that finds its review changed by another connection in between
    (`ReviewChangedMeanwhile`) is made once more; met again (a worker's second write,
    another program), the text was refused for good: taken out of its field into a box
    "could not be saved… Make the edit again", on a sentence that takes text. It waits in
    its field, as on a busy disk, and is saved by the next try."""
    window = cut_window
    desk = window.desk
    row = window.current_row()
    assert row is not None
    sentence = row.sentence.id
    with saved_meanwhile_twice(desk):
        panel = type_text(qtbot, window)
        panel.flush_pending_text()
        panel._retry_timer.stop()  # the test's own call is the retry
    assert not any("could not be saved" in box for box in boxes), boxes
    assert field_text(panel.explanation_edit) == EXPLANATION
    assert panel.has_pending_text()
    assert "NOT saved yet" in panel.unsaved_label.text()
    panel.flush_pending_text()
    assert not panel.has_pending_text()
    assert desk.reviews.review(sentence).explanation == EXPLANATION


def test_text_saved_as_a_merge_is_redone_in_its_worker_is_undone_before_the_merge(
    qtbot: QtBot, ana: Desk, doras_merge_redone: DorasMergeRedone
) -> None:
    """Ctrl+Y of a merge runs in a worker while typing goes on. Text saved after the
    worker committed, before the window heard it was done, went under the merge on the
    undo stack: the next Ctrl+Z undid the merge and put the review from before it back
    (the explanation gone, without a word), and Ctrl+Z of the text was then refused "as
    changed by another program". The text waits until the merge's step is shown, and is
    its newest step."""
    desk = ana
    sentence = desk.reviews.sentence_rows(1)[2].sentence.id
    # No conflict: ana left it untouched.
    window, held = doras_merge_redone(
        lambda dora: dora.reviews.set_verdict(sentence, "false"), sentence
    )
    assert window.merging.running
    held[0].start()
    held[0].join()  # committed; the window has not heard yet
    panel = type_text(qtbot, window)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        panel.flush_pending_text()
    assert not panel.has_pending_text()
    assert desk.reviews.review(sentence).explanation == EXPLANATION
    window.registry[ActionId.UNDO].trigger()
    if window.merging.running:  # the merge's undo (before the fix)
        with qtbot.waitSignal(window.merging.finished, timeout=20_000):
            held[-1].start()
    review = desk.reviews.review(sentence)
    assert (review.verdict, review.explanation) == ("false", "")  # the text undone
    window.registry[ActionId.REDO].trigger()
    assert desk.reviews.review(sentence).explanation == EXPLANATION
