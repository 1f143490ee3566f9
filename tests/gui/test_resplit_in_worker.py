"""Edit → Re-split Article runs beside the window, with progress (once it takes long) and
Stop, and a long article's undo too: on the window's thread a 1 MB article held it for
seconds, a 50 MB one for 90 s (docs/performance.md, "Re-splitting a long article")."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import WorkspaceFull
from factcheck_app.domain.models import SentenceRow, Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.controllers import edits, merge
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.boundaries import NOTHING_TO_RESPLIT, Boundaries
from factcheck_app.services.desk import Desk
from factcheck_app.services.edits import StructuralEdit
from factcheck_app.storage.stores.articles import ArticleStore
from factcheck_app.storage.stores.sentences import SentenceStore
from tests.gui.conftest import assert_refused_keys_say
from tests.gui.test_window_monkey_findings import long_article_re_split
from tests.services.test_merge_split import older_cut

# Sentences, each on a line of its own: enough for the re-split's undo and redo to run in
# a worker too (LONG_STEP_SENTENCES).
LONG = 2_400
# What a key typed into the review panel's text fields says while a re-split runs, as an
# edit refused then does.
RESPLIT_RUNNING = "A re-split is running: type when it has finished."


@pytest.fixture
def long_window(desk: Desk, make_window: Callable[[Desk], MainWindow]) -> MainWindow:
    """A long article an older splitter had cut in pairs of sentences (the re-split cuts
    every one apart), the first a claim."""
    text = "\n".join(f"The council met on day {n} of the session." for n in range(LONG))
    article_id = desk.importer.import_text(text, source_name="long").article_id
    older_cut(desk, article_id)
    first = desk.reviews.sentence_rows(article_id)[0].sentence.id
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.edits.clear()
    window = make_window(desk)
    window.open_article(article_id)
    return window


def rows(window: MainWindow) -> list[tuple[int, int, Tag | None]]:
    return [(r.sentence.start, r.sentence.end, r.review.tag) for r in window.sentence_model.rows()]


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def yes(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(edits, "ask", yes)
    return asked


def saved_rows(window: MainWindow, article_id: int) -> list[tuple[int, int, Tag | None]]:
    return [
        (r.sentence.start, r.sentence.end, r.review.tag)
        for r in window.desk.reviews.sentence_rows(article_id)
    ]


def progress(window: MainWindow, name: str) -> QProgressDialog | None:
    return window.findChild(QProgressDialog, name)


def test_long_resplit_runs_beside_the_window_and_undoes_there(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = long_window
    asked = answer_yes(monkeypatch)
    before = rows(window)
    assert len(before) == LONG // 2
    article_id = window.article_id
    assert article_id is not None
    ran_on: list[threading.Thread] = []
    for name in ("apply", "revert"):
        original = getattr(StructuralEdit, name)

        def watched(
            self: StructuralEdit, repo: object, _original: Callable[..., object] = original
        ) -> object:
            ran_on.append(threading.current_thread())
            return _original(self, repo)

        monkeypatch.setattr(StructuralEdit, name, watched)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
        # The action has returned with the re-split still to come, the article as it was;
        # the window's thread is free to paint. Its note (with Stop) shows only if it
        # takes long (`test_stop_leaves_the_article_as_it_was`).
        dialog = progress(window, "resplitProgress")
        assert dialog is not None and not dialog.isVisible()
        assert rows(window) == before
        assert window.merging.running
    assert "1 sentence of this article already has reviews" in asked[0]
    after = rows(window)
    assert len(after) == LONG
    assert after[0][2] is Tag.CLAIM  # the claim moved to the sentence holding its start
    assert saved_rows(window, article_id) == after
    assert "Re-split into 2,400 sentences (was 1,200)." in window.statusBar().currentMessage()
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    # The keys back in the sentence list: once its note has shown (past 0.3 s, as a loaded
    # run may take), the window is active again a queued event after it closed, and
    # Ctrl+Z pressed before that went nowhere.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.sentence_view)

    # Ctrl+Z: the whole re-split back, in a worker too, then Ctrl+Y again.
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.merging.running
    assert rows(window) == before
    assert saved_rows(window, article_id) == before
    assert window.statusBar().currentMessage() == "Undone: Re-split article."
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        # Offscreen, no window is active once the undo's modal note has closed (a desktop's
        # window manager activates the window again), and its shortcuts are not heard.
        window.activateWindow()
        # The activation comes a turn later: pressed at once, 1 run in 3 was not heard.
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        window.sentence_view.setFocus()
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert rows(window) == after
    assert saved_rows(window, article_id) == after
    assert len(ran_on) == 3 and threading.main_thread() not in ran_on


@pytest.fixture
def held_until_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The re-split's worker waits at its first report until it is told to stop."""
    stopped = threading.Event()
    report, cancel = merge.ResplitJob._report, merge.ResplitJob.cancel

    def waiting_report(job: merge.ResplitJob, fraction: float, stage: str) -> None:
        stopped.wait(20)
        report(job, fraction, stage)

    def cancel_then_go_on(job: merge.ResplitJob) -> None:
        cancel(job)
        stopped.set()

    monkeypatch.setattr(merge.ResplitJob, "_report", waiting_report)
    monkeypatch.setattr(merge.ResplitJob, "cancel", cancel_then_go_on)


@pytest.mark.usefixtures("held_until_stopped")
def test_stop_leaves_the_article_as_it_was(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = long_window
    answer_yes(monkeypatch)
    before = rows(window)
    article_id = window.article_id
    assert article_id is not None
    window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    dialog = progress(window, "resplitProgress")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)  # it takes long: its note shows, with Stop
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        stop = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Stop")
        qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
        assert dialog.labelText() == "Stopping…"
    assert rows(window) == before
    assert saved_rows(window, article_id) == before
    assert window.statusBar().currentMessage() == merge.RESPLIT_STOPPED
    assert window.desk.edits.undo_text() == ""  # nothing to undo: nothing was done
    assert not window.merging.running


@pytest.mark.usefixtures("held_until_stopped")
def test_closing_the_window_stops_a_resplit(
    long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = long_window
    answer_yes(monkeypatch)
    before = rows(window)
    article_id = window.article_id
    assert article_id is not None
    window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    assert window.merging.running
    # What closing the window does: the re-split is stopped and waited for.
    assert window.merging.stop() == "A re-split was stopped: the article was left as it was."
    assert saved_rows(window, article_id) == before


class WatchedProgress(QProgressDialog):
    """A progress dialog that says when Qt would delete it while its own `setValue` (which
    runs the events, a modal one) is still under way: that crashed the interpreter."""

    deleted_in_set_value: ClassVar[list[str]] = []

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self._setting = 0

    def setValue(self, value: int) -> None:
        self._setting += 1
        try:
            super().setValue(value)
        finally:
            self._setting -= 1

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DeferredDelete and self._setting:
            WatchedProgress.deleted_in_set_value.append(self.objectName())
            return True  # kept: deleted now, its setValue went on in freed memory
        return super().event(event)


def test_the_question_asked_as_a_long_re_split_is_read_does_not_delete_its_note_under_it(
    long_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker has read the article (slowly: its note is up) and said so while the note
    was being updated: the question about the reviews came up from inside the note's
    update (a modal progress dialog runs the events there), and closing the note had
    asked Qt to delete it. With no event loop running (a test's, a script's), the
    question's own loop deleted it under its update: a segmentation fault."""
    window = long_window
    asked: list[str] = []

    def yes_from_a_box(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        loop = QEventLoop()  # a box's own event loop, answered at its first turn
        QTimer.singleShot(0, loop.quit)
        loop.exec()
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(edits, "ask", yes_from_a_box)
    monkeypatch.setattr(WatchedProgress, "deleted_in_set_value", [])
    monkeypatch.setattr(merge, "QProgressDialog", WatchedProgress)
    read = threading.Event()
    run = merge.ResplitJob.run

    def run_then_say(job: merge.ResplitJob) -> None:
        run(job)
        if job.check_only:
            read.set()

    monkeypatch.setattr(merge.ResplitJob, "run", run_then_say)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
        dialog = progress(window, "resplitProgress")
        assert isinstance(dialog, WatchedProgress)
        dialog.forceShow()  # what its timer does once the reading takes long
        # Its progress and its end both wait as events when the note is updated.
        assert read.wait(20)
        QApplication.processEvents()  # no event loop runs (Qt's loop level 0)
    assert WatchedProgress.deleted_in_set_value == []
    assert "1 sentence of this article already has reviews" in asked[0]
    assert len(rows(window)) == LONG  # the re-split went on after the question
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    qtbot.waitUntil(lambda: not window.findChildren(QProgressDialog))  # both notes deleted


def test_a_re_split_note_closed_before_it_showed_stays_closed_under_the_question(
    long_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker read the article before its note was due to show, and the question about
    the reviews came up: the closed note, deleted only once the question was answered,
    still showed itself when its time came, window-modal, with its Stop, over the window
    behind the question."""
    window = long_window
    shown: list[str] = []

    def yes_read_slowly(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        note = progress(window, "resplitProgress")  # the reading's, closed
        assert note is not None and not note.isVisible()
        # The question is read for longer than the note waits to show: its time runs out.
        for timer in note.findChildren(QTimer):
            if timer.isActive():
                timer.timeout.emit()
        shown.extend(d.labelText() for d in window.findChildren(QProgressDialog) if d.isVisible())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(edits, "ask", yes_read_slowly)
    monkeypatch.setattr(merge, "NOTE_AFTER_MS", 600_000)  # the reading is over before
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    assert shown == []
    assert len(rows(window)) == LONG


def test_a_re_split_written_whole_is_shown_and_undone_though_its_note_then_fails(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The re-split committed, the note of which splitter cut the article (written after
    it, apart from its undo) failed: the full disk said so, as "The article was not
    re-split", over a window still listing sentences the re-split had deleted, and
    Ctrl+Z could not take it back (the step stayed on the worker's stack)."""
    window = long_window
    answer_yes(monkeypatch)
    article_id = window.article_id
    assert article_id is not None
    before = rows(window)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        merge, "show_error", lambda _w, error, title="": shown.append((title, str(error)))
    )

    def full(self: ArticleStore, article: int, segmenter: str) -> None:
        raise WorkspaceFull("The disk is full.")

    monkeypatch.setattr(ArticleStore, "set_segmenter", full)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    after = saved_rows(window, article_id)
    assert len(after) == LONG  # written whole
    assert rows(window) == after  # and shown
    assert shown and "The disk is full." in shown[0][1]
    assert window.desk.edits.undo_text() == "Re-split article"  # Ctrl+Z takes it back
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        window.sentence_view.setFocus()
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(window) == before == saved_rows(window, article_id)


def test_a_short_article_is_re_split_beside_the_window_and_undone(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles under 1,000 sentences were re-split on the window's thread: one of 976
    held it for 0.07-0.37 s. Every re-split runs in a worker now, with no note flashing
    up for a short one; its undo and redo (short: on the window's thread) as ever."""
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    before = rows(window)
    assert len(before) == 11  # two sentences joined: a re-split cuts them apart again
    ran_on: list[threading.Thread] = []
    original = Boundaries.resplit_article

    def watched(self: Boundaries, *args: object, **kwargs: object) -> object:
        ran_on.append(threading.current_thread())
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Boundaries, "resplit_article", watched)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
        dialog = progress(window, "resplitProgress")
        assert dialog is not None and not dialog.isVisible()  # not at once: if it takes long
    assert ran_on and threading.main_thread() not in ran_on
    after = rows(window)
    assert len(after) == 12
    assert saved_rows(window, window.article_id or 0) == after
    assert window.statusBar().currentMessage().startswith("Re-split into 12 sentences")
    # Its note shows if it takes past 0.3 s (a loaded run): the window is active again,
    # the keys in the sentence list, a queued event after the note closed.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.sentence_view)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(window) == before
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert rows(window) == after


def test_nothing_to_re_split_in_a_long_article_is_said_before_asking(
    qtbot: QtBot,
    desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long reviewed article this splitter had cut already: the reviewer was asked
    "Re-split anyway?" about moving its reviews, and after Yes told there was nothing to
    re-split. Whether anything changes is found first (in a worker), and said at once."""
    text = "\n".join(f"The council met on day {n} of the session." for n in range(LONG))
    article_id = desk.importer.import_text(text, source_name="long").article_id
    first = desk.reviews.sentence_rows(article_id)[0].sentence.id
    desk.reviews.set_tag(first, Tag.CLAIM)
    window = make_window(desk)
    window.open_article(article_id)
    asked = answer_yes(monkeypatch)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    assert asked == []
    assert said == []  # a status-bar line: nothing went wrong
    assert window.statusBar().currentMessage() == NOTHING_TO_RESPLIT
    assert "Re-split" not in window.desk.edits.undo_text()


def test_the_window_takes_the_rows_a_long_re_split_read(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a long re-split (and its undo and redo) the window read the whole article
    back on its own thread: 0.4-0.6 s at 5 MB. The worker reads it; the window shows it."""
    window = long_window
    answer_yes(monkeypatch)
    article_id = window.article_id
    read_on: list[threading.Thread] = []
    original = SentenceStore.sentence_rows

    def watched(self: SentenceStore, article: int) -> list[SentenceRow]:
        if article == article_id:
            read_on.append(threading.current_thread())
        return original(self, article)

    monkeypatch.setattr(SentenceStore, "sentence_rows", watched)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    assert len(rows(window)) == LONG
    for key in (Qt.Key.Key_Z, Qt.Key.Key_Y):
        with qtbot.waitSignal(window.merging.finished, timeout=20_000):
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
            window.sentence_view.setFocus()
            qtbot.keyClick(window.sentence_view, key, Qt.KeyboardModifier.ControlModifier)
    assert len(rows(window)) == LONG  # re-split, undone, redone: shown each time
    assert read_on and threading.main_thread() not in read_on


@pytest.mark.usefixtures("held_until_stopped")
def test_text_typed_while_a_re_split_runs_is_not_taken(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before its note shows (a short re-split is in before it would), the window takes
    keys: text typed into the review panel then was saved while the worker wrote, and
    could be written under the re-split or onto a sentence it replaced. The panel takes
    no typing until the re-split has ended; then it does again."""
    window = long_window
    answer_yes(monkeypatch)
    explanation = window.panel.explanation_edit
    window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    assert window.merging.running
    qtbot.keyClicks(explanation, "Typed meanwhile")
    qtbot.keyClicks(window.panel.claimant_edit, "Someone")
    assert explanation.toPlainText() == "" and window.panel.claimant_edit.text() == ""
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.merging.cancel()  # what its Stop does
    qtbot.keyClicks(explanation, "Typed after")
    assert explanation.toPlainText() == "Typed after"


@pytest.mark.usefixtures("held_until_stopped")
def test_a_key_typed_while_a_re_split_runs_says_why_and_when_typing_comes_back(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing is held while a re-split runs (the window takes keys until its note shows,
    after NOTE_AFTER_MS): a letter, a paste, a Delete or a Backspace typed into the
    Claimant or Explanation box did nothing, without a word. It says why and when typing
    comes back, as an edit refused then does; moving about and copying, which a held box
    takes, say nothing."""
    window = long_window
    answer_yes(monkeypatch)
    bar = window.statusBar()
    QApplication.clipboard().setText("Pasted")
    window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    try:
        assert window.merging.running
        for field in (window.panel.explanation_edit, window.panel.claimant_edit):
            assert_refused_keys_say(qtbot, field, bar, RESPLIT_RUNNING)
        assert window.panel.explanation_edit.toPlainText() == ""
        assert window.panel.claimant_edit.text() == ""
    finally:
        with qtbot.waitSignal(window.merging.finished, timeout=20_000):
            window.merging.cancel()  # what its Stop does
    bar.clearMessage()
    qtbot.keyClicks(window.panel.claimant_edit, "Someone")
    assert window.panel.claimant_edit.text() == "Someone"
    assert bar.currentMessage() == ""


def test_text_typed_while_a_long_re_split_is_undone_is_not_taken(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The undo (and redo) of a long re-split runs in a worker too, its note shown only
    once it takes long: meanwhile the window took typing, saved while the worker wrote,
    onto a sentence the undo deletes (or under it on the undo stack). As under the
    re-split itself, the panel takes no typing until the step has ended."""
    window = long_window
    answer_yes(monkeypatch)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    go_on = threading.Event()
    run = merge.StepJob.run

    def held_run(job: merge.StepJob) -> None:
        go_on.wait(20)
        run(job)

    monkeypatch.setattr(merge.StepJob, "run", held_run)
    explanation = window.panel.explanation_edit
    try:
        window.edits.undo()  # Ctrl+Z
        assert window.merging.running
        qtbot.keyClicks(explanation, "Typed meanwhile")
        qtbot.keyClicks(window.panel.claimant_edit, "Someone")
        assert explanation.toPlainText() == "" and window.panel.claimant_edit.text() == ""
        # A key typed there says why, and when typing comes back.
        window.panel.claimant_edit.setFocus()
        window.statusBar().clearMessage()
        qtbot.keyClick(window.panel.claimant_edit, Qt.Key.Key_M)
        assert window.statusBar().currentMessage() == (
            "The re-split's undo or redo is running: type when it has finished."
        )
    finally:
        with qtbot.waitSignal(window.merging.finished, timeout=20_000):
            go_on.set()
    assert len(rows(window)) == LONG // 2  # undone
    qtbot.keyClicks(explanation, "Typed after")
    assert explanation.toPlainText() == "Typed after"


@pytest.mark.usefixtures("held_until_stopped")
def test_ctrl_z_while_a_re_split_runs_waits_for_it(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before its note shows the window takes keys, and an edit is refused ("A re-split
    is running"); Ctrl+Z was not: it undid the edit before the re-split on the window's
    connection while the worker wrote the article, the re-split then taking its place on
    the undo stack (or writing back the tag the undo took away)."""
    window = long_window
    answer_yes(monkeypatch)
    first = window.sentence_model.sentence_row(0).sentence.id
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F)  # the edit Ctrl+Z would undo
    assert window.desk.reviews.review(first).tag is Tag.FACT
    window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    assert window.merging.running
    for action in (ActionId.UNDO, ActionId.REDO):
        window.registry[action].trigger()  # what Ctrl+Z and Ctrl+Y do
        assert "re-split is running" in window.statusBar().currentMessage()
    assert window.desk.reviews.review(first).tag is Tag.FACT
    assert window.desk.edits.undo_text() != "" and window.desk.edits.redo_text() == ""
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.merging.cancel()  # what its Stop does
    assert window.desk.reviews.review(first).tag is Tag.FACT


TYPED = "Two sources confirm it."
REFUSED = (
    "not done: text you typed is NOT saved yet (see the review panel). Try again once it is saved."
)


def fill_the_disk(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The window's saves of typed text refused while `[0]` (a full disk), said once;
    a worker's connection has room. Any box showing text not saved (to copy) fails."""
    full = [True]
    save = window.desk.reviews.set_text_field

    def save_unless_full(
        sentence_id: int, field_name: str, value: str, typed_over: str | None = None
    ) -> object:
        if full[0]:
            raise WorkspaceFull("The disk is full: the change was NOT saved.")
        return save(sentence_id, field_name, value, typed_over=typed_over)

    monkeypatch.setattr(window.desk.reviews, "set_text_field", save_unless_full)
    monkeypatch.setattr(edits, "show_error", lambda *args, **kwargs: None)  # said once

    def no_box(box: QMessageBox) -> int:
        raise AssertionError(f"A box showed: {box.text()}\n{box.detailedText()}")

    monkeypatch.setattr(QMessageBox, "exec", no_box)
    return full


def type_waiting(qtbot: QtBot, window: MainWindow) -> int:
    """TYPED typed into the current sentence's explanation and left, the disk full: it
    waits in its field, retried. Its sentence's id."""
    panel = window.panel
    typed_on = panel.sentence_id
    assert typed_on is not None
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, TYPED)
    panel.flush_pending_text()
    assert panel.has_pending_text()  # the disk is full: kept in its field, retried
    return typed_on


def waiting_on_another_article(qtbot: QtBot, window: MainWindow) -> int:
    """TYPED waiting on the first sentence of a short article, the long one open again
    (the disk full): a re-split of the long one takes that sentence nowhere. Its id."""
    long_id = window.article_id
    assert long_id is not None
    short = window.desk.importer.import_text(
        "The mayor spoke. The council agreed.", source_name="short"
    )
    window.article_model.set_articles(window.desk.articles.list_articles())
    window.open_article(short.article_id)
    assert window.select_sentence(window.sentence_model.sentence_row(0).sentence.id)
    typed_on = type_waiting(qtbot, window)
    window.open_article(long_id)
    assert window.article_id == long_id
    assert window.panel.has_pending_text()  # kept, retried, for its own sentence
    return typed_on


def test_a_long_re_split_waits_for_text_the_disk_refused_on_its_article(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text typed while the disk was full waits in its field and is retried every few
    seconds. A re-split run then (its worker's connection had room) replaced the text's
    sentence: the text could only be offered in a box to copy. The re-split waits for
    it; once there is room it is saved on its own sentence, and a re-split then moves
    it with its review."""
    window = long_window
    answer_yes(monkeypatch)
    desk = window.desk
    article_id = window.article_id
    assert article_id is not None
    first = window.sentence_model.sentence_row(0).sentence.id
    assert window.select_sentence(first)
    full = fill_the_disk(window, monkeypatch)
    assert type_waiting(qtbot, window) == first
    window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    assert not window.merging.running  # refused before any worker ran
    assert window.statusBar().currentMessage() == f"Re-split {REFUSED}"
    assert len(saved_rows(window, article_id)) == LONG // 2
    full[0] = False  # room made on the disk
    window.panel.flush_pending_text()  # what its retry does, a few seconds on
    assert not window.panel.has_pending_text()
    assert desk.reviews.review(first).explanation == TYPED  # on its own sentence
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()  # pressed again: it runs
    assert len(rows(window)) == LONG
    first_now = desk.reviews.sentence_rows(article_id)[0]
    assert first_now.review.explanation == TYPED  # moved with its review


def test_text_waiting_on_another_article_is_held_while_a_re_split_runs(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text waiting on another article's sentence does not stop a re-split (that
    sentence stays), but its retry is held while the re-split runs (`holds_saves`) and
    it is saved on its own sentence once the re-split has ended, not in between."""
    window = long_window
    answer_yes(monkeypatch)
    desk = window.desk
    full = fill_the_disk(window, monkeypatch)
    typed_on = waiting_on_another_article(qtbot, window)
    panel = window.panel
    splitting, go_on = threading.Event(), threading.Event()
    report = merge.ResplitJob._report

    def held_while_splitting(job: merge.ResplitJob, fraction: float, stage: str) -> None:
        if stage == "Splitting" and not splitting.is_set():
            splitting.set()  # the article is read: what the re-split writes back
            go_on.wait(20)
        report(job, fraction, stage)

    monkeypatch.setattr(merge.ResplitJob, "_report", held_while_splitting)
    try:
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
        qtbot.waitUntil(splitting.is_set, timeout=20_000)
        assert window.merging.holds_saves
        full[0] = False  # room made on the disk
        panel.flush_pending_text()  # what its retry does, a few seconds on
        assert panel.has_pending_text()  # held until the re-split has ended
        assert desk.reviews.review(typed_on).explanation != TYPED
    finally:
        with qtbot.waitSignal(window.merging.finished, timeout=20_000):
            go_on.set()
    assert len(rows(window)) == LONG  # re-split
    assert not panel.has_pending_text()
    assert desk.reviews.review(typed_on).explanation == TYPED  # on its own sentence


def test_undo_of_a_long_re_split_waits_for_text_the_disk_refused_on_its_article(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text a full disk kept waiting on a sentence of a long re-split's article: Ctrl+Z
    ran the undo in its worker all the same, which held the text and deleted its
    sentence, and the text was only offered in a box to copy. The undo waits for it;
    once there is room the text is saved on its own sentence."""
    window = long_window
    answer_yes(monkeypatch)
    desk = window.desk
    article_id = window.article_id
    assert article_id is not None
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    first = window.sentence_model.sentence_row(0).sentence.id  # the undo replaces it
    assert window.select_sentence(first)
    full = fill_the_disk(window, monkeypatch)
    assert type_waiting(qtbot, window) == first
    window.edits.undo()  # Ctrl+Z: its text is tried first, and still cannot be saved
    assert not window.merging.running  # refused before any worker ran
    assert window.statusBar().currentMessage() == f"Undo {REFUSED}"
    assert len(saved_rows(window, article_id)) == LONG  # still re-split
    full[0] = False  # room made on the disk
    window.panel.flush_pending_text()  # what its retry does, a few seconds on
    assert not window.panel.has_pending_text()
    assert desk.reviews.review(first).explanation == TYPED  # on its own sentence


def test_undo_of_a_long_re_split_waits_for_text_on_its_article_with_another_open(
    qtbot: QtBot,
    desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Text waiting on a sentence of a long re-split's article, one its undo keeps,
    stops the undo as the re-split itself would be stopped, though another article is
    open (the window's list does not hold that sentence then)."""
    window, _article = long_article_re_split(qtbot, desk, make_window, monkeypatch)
    edit = desk.edits.top("undo")
    assert edit is not None
    last = window.sentence_model.sentence_row(LONG - 1).sentence.id
    assert last not in edit.sentence_ids()  # the undo keeps it
    assert window.select_sentence(last)
    full = fill_the_disk(window, monkeypatch)
    assert type_waiting(qtbot, window) == last
    short = desk.importer.import_text("The mayor spoke.", source_name="short")
    window.article_model.set_articles(desk.articles.list_articles())
    window.open_article(short.article_id)
    assert window.article_id == short.article_id and window.panel.has_pending_text()
    window.edits.undo()
    assert not window.merging.running  # refused before any worker ran
    assert window.statusBar().currentMessage() == f"Undo {REFUSED}"
    assert desk.edits.top("undo") is edit  # still re-split
    full[0] = False  # room made on the disk
    window.panel.flush_pending_text()  # what its retry does, a few seconds on
    assert not window.panel.has_pending_text()
    assert desk.reviews.review(last).explanation == TYPED  # on its own sentence


@pytest.mark.usefixtures("held_until_stopped")
def test_closing_during_a_re_split_saves_the_text_it_held(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text a full disk kept waiting (on another article: on this one the re-split waits
    for it) is held while a re-split runs; the window closed then (the disk has room
    again) stops the re-split first, as closing does, and saves the text: it was not
    taken for text the disk refused ("Quit all the same and lose that text?")."""
    window = long_window
    answer_yes(monkeypatch)
    path = window.desk.path
    assert path is not None
    long_id = window.article_id
    full = fill_the_disk(window, monkeypatch)
    typed_on = waiting_on_another_article(qtbot, window)
    window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    assert window.merging.holds_saves
    full[0] = False  # room made on the disk
    window.close()  # no box asks (one unanswered fails the test)
    assert not window.isVisible()
    again = Desk.open(path, read_only=True)
    try:
        assert again.reviews.review(typed_on).explanation == TYPED
        assert len(again.reviews.sentence_rows(long_id or 0)) == LONG // 2
    finally:
        again.close()


def test_a_choice_in_the_panel_refused_while_a_re_split_runs_is_not_shown_as_made(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tag button clicked, or a verdict chosen in the Verdict box, while a re-split runs
    is refused ("A re-split is running: edit when it has finished."), but the panel
    went on showing it chosen; once the re-split was stopped (or failed, or found
    nothing to change) the panel still said "Denial" and "Mostly true" over a sentence
    the list and the workspace held as an untouched claim. It shows what is saved."""
    window = long_window
    answer_yes(monkeypatch)
    panel = window.panel
    sentence = window.current_sentence_id()
    assert sentence is not None
    saved = window.desk.reviews.review(sentence)
    assert saved.tag is Tag.CLAIM and saved.verdict is None
    splitting, go_on = threading.Event(), threading.Event()
    report = merge.ResplitJob._report

    def held_while_splitting(job: merge.ResplitJob, fraction: float, stage: str) -> None:
        if stage == "Splitting" and not splitting.is_set():
            splitting.set()
            go_on.wait(20)
        report(job, fraction, stage)

    monkeypatch.setattr(merge.ResplitJob, "_report", held_while_splitting)
    denial = next(b for b in panel.tag_group.buttons() if b.text() == "Denial")
    try:
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
        qtbot.waitUntil(splitting.is_set, timeout=20_000)
        qtbot.mouseClick(denial, Qt.MouseButton.LeftButton)
        assert "re-split is running" in window.statusBar().currentMessage()
        panel.verdict_box.setFocus()
        qtbot.keyClick(panel.verdict_box, Qt.Key.Key_Down)  # "1  True"
        assert "re-split is running" in window.statusBar().currentMessage()
    finally:
        with qtbot.waitSignal(window.merging.finished, timeout=20_000):
            window.merging.cancel()  # what its Stop does
            go_on.set()
    assert window.desk.reviews.review(sentence) == saved  # nothing was changed
    assert not denial.isChecked()
    claim = next(b for b in panel.tag_group.buttons() if b.text() == "Claim")
    assert claim.isChecked()
    assert panel.verdict_box.currentIndex() == 0  # "— no verdict —", as saved


@pytest.mark.usefixtures("held_until_stopped")
def test_an_article_dropped_while_a_re_split_runs_is_told_to_be_imported_after_it(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A file dropped (or a folder, or the clipboard pasted) during a long re-split is not
    imported: the status bar said "A re-split is running: edit when it has finished.",
    and a reviewer who had edited nothing took it for imported."""
    window = long_window
    answer_yes(monkeypatch)
    before = len(window.desk.articles.list_articles())
    window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    assert window.merging.running
    story = tmp_path / "mayor.txt"
    story.write_text("The mayor said 12 bridges closed.\n", encoding="utf-8")
    window.import_files([story])
    assert window.statusBar().currentMessage() == (
        "A re-split is running: import mayor.txt when it has finished."
    )
    QApplication.clipboard().setText("The council denied it.")
    window.imports.paste_as_new_article()
    assert window.statusBar().currentMessage() == (
        "A re-split is running: paste the article when it has finished."
    )
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.merging.cancel()
    assert len(window.desk.articles.list_articles()) == before  # neither came in


def test_ctrl_e_while_a_re_split_runs_waits_for_it(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before its note shows the window takes keys: Ctrl+E opened the export dialog on the
    article as it was before the re-split, and Export, pressed once the re-split had
    ended, wrote the old sentences out as the report (the window showing the new ones)."""
    from factcheck_app.gui.dialogs.export import ExportDialog

    window = long_window
    answer_yes(monkeypatch)
    opened: list[ExportDialog] = []
    monkeypatch.setattr(ExportDialog, "exec", lambda d: opened.append(d) or 0)
    window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    assert window.merging.running
    window.registry[ActionId.EXPORT].trigger()  # what Ctrl+E does
    assert opened == []
    assert window.statusBar().currentMessage() == (
        "A re-split is running: export when it has finished."
    )
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.merging.cancel()  # what its Stop does
    window.registry[ActionId.EXPORT].trigger()  # once it has ended, Ctrl+E exports
    assert len(opened) == 1


def test_a_resplit_that_would_end_a_conflict_says_what_to_do_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked to re-split, the desk joined a sentence reviewers disagree on with a reviewed
    one, and the disagreement was listed no more. Its box says why not, and what to do."""
    from factcheck_app.domain.models import Status

    desk = window.desk
    row = desk.reviews.sentence_rows(1)[4]
    at = row.sentence.start + row.sentence.text.index(" in the city")
    desk.boundaries.split_sentence(row.sentence.id, at)  # a cut the splitter would not make
    head, tail = (r.sentence.id for r in desk.reviews.sentence_rows(1)[4:6])
    with desk.workspace.db.atomic():  # what a merge of two workspaces leaves
        desk.repo.reviews.save_review(
            desk.reviews.review(head).edited(tag=Tag.CLAIM, verdict="true", status=Status.CONFLICT)
        )
    desk.reviews.set_tag(tail, Tag.FACT)
    window.open_article(1)
    asked = answer_yes(monkeypatch)
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    with qtbot.waitSignal(window.merging.finished):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    # Not asked "Re-split anyway?" first, to be told after Yes that it would not be.
    assert asked == []
    assert len(boxes) == 1 and "Keep a version of each conflict first (F8" in boxes[0]
    assert "went wrong" not in boxes[0]
    assert desk.reviews.review(head).status is Status.CONFLICT
    assert window.sentence_model.row_of(tail) >= 0  # the sentences as they were


@pytest.fixture
def held_until_released(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The re-split's worker waits at its first report until the test releases it (set
    the event): a Stop meanwhile is heard only then, as on a slow disk."""
    released = threading.Event()
    report = merge.ResplitJob._report

    def waiting_report(job: merge.ResplitJob, fraction: float, stage: str) -> None:
        released.wait(20)
        report(job, fraction, stage)

    monkeypatch.setattr(merge.ResplitJob, "_report", waiting_report)
    yield released
    released.set()


@pytest.mark.parametrize("stop", ["Esc", "Stop"])
def test_ctrl_q_over_a_re_split_stopping_says_to_wait(
    stop: str,
    qtbot: QtBot,
    long_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    held_until_released: threading.Event,
) -> None:
    """Esc or Stop on a re-split's note hides it, and it comes back saying "Stopping…"
    until the worker has stopped. Ctrl+Q there did nothing and said nothing (Qt no longer
    took the note, shown again, for the active window), where the note before Esc said
    what to wait for; and "or Stop it (Esc)" would be wrong now: it is stopping."""
    from PySide6.QtWidgets import QLabel

    from factcheck_app.gui.app import watch_dialogs_for_quit

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    watch_dialogs_for_quit(app)  # as make_application does
    window = long_window
    answer_yes(monkeypatch)
    window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    dialog = progress(window, "resplitProgress")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle())
    if stop == "Esc":
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    else:
        button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Stop")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.labelText() == "Stopping…")
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle())
    quit_pressed: list[bool] = []
    window.registry[ActionId.QUIT].triggered.connect(lambda: quit_pressed.append(True))
    qtbot.keyClick(
        QApplication.focusWidget() or dialog, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
    )
    note = dialog.findChild(QLabel, "quitNote")
    assert note is not None and note.isVisible()
    assert note.text() == "Wait for this to finish, then Ctrl+Q quits the desk."
    assert quit_pressed == [] and window.isVisible() and window.merging.running
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        held_until_released.set()
    assert window.statusBar().currentMessage() == merge.RESPLIT_STOPPED


def test_stop_pressed_as_the_re_splits_check_ends_asks_nothing(
    qtbot: QtBot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stop (or Esc) on "Reading the article…" after its worker had read it but before the
    window heard (on a busy machine, the moment grows): the reviewer was asked all the
    same whether to re-split, and Yes re-split it. Stopped, nothing is asked, nothing
    changes, and the status bar says so, as for a Stop heard earlier."""
    window = long_window
    asked = answer_yes(monkeypatch)
    before = rows(window)
    article_id = window.article_id
    assert article_id is not None
    read = threading.Event()
    run = merge.ResplitJob.run

    def run_then_say(job: merge.ResplitJob) -> None:
        run(job)
        if job.check_only:
            read.set()

    monkeypatch.setattr(merge.ResplitJob, "run", run_then_say)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
        assert read.wait(20)  # its end waits as an event: the window has not heard it
        window.merging.cancel()  # what its Stop does
    assert asked == []
    assert window.statusBar().currentMessage() == merge.RESPLIT_STOPPED
    assert rows(window) == before
    assert saved_rows(window, article_id) == before
    assert window.desk.edits.undo_text() == ""
    assert not window.merging.running
