"""File → Merge Workspace… and the conflict view, driven by the keyboard (issue 16)."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import DEFAULT_SCALE, Review, Status, Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.conflict_view import ConflictView, VersionsModel
from factcheck_app.gui.controllers.merge import MergeOutcome
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SentenceFilter
from factcheck_app.services import merge as merge_service
from factcheck_app.services.desk import Desk
from tests.gui.conftest import closing_on_signal, press, reopened_window, window_takes_keys
from tests.services.merge_fixtures import (
    BOB_ONLY,
    EXPECTED,
    NOTHING_NEW,
    dump,
    make_alice,
    make_bob,
)

# Each merge that brings something ends with a box saying what it did: answered.
pytestmark = pytest.mark.usefixtures("merge_boxes")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def bob(tmp_path: Path) -> Path:
    path = tmp_path / "bob.fcdesk"
    make_bob(path)
    return path


@pytest.fixture
def alice_window(
    tmp_path: Path, make_window: Callable[[Desk], MainWindow], bob: Path
) -> Iterator[MainWindow]:
    path = tmp_path / "alice.fcdesk"
    make_alice(path)
    desk = Desk.open(path, backup=False)
    desk.reviewer = desk.edits.actor = "Carol"
    yield make_window(desk)
    desk.close()


def _merge_by_keys(
    qtbot: QtBot, window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch
) -> MergeOutcome:
    """Alt+F, G (Merge Workspace…), the file dialog answered with `path`."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), ""))
    )
    with qtbot.waitSignal(window.merging.finished, timeout=20_000) as finished:
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu) and menu.title() == "&File"
        qtbot.keyClick(menu, Qt.Key.Key_G)
    # The progress box has closed: the window takes the keys back once it is active again,
    # a queued event later. The next Alt+F (a merge again) or a button's Alt+K, sent
    # before, went nowhere.
    qtbot.waitUntil(window.sentence_view.hasFocus)
    outcome = finished.args[0]
    assert isinstance(outcome, MergeOutcome)
    return outcome


def _window_key(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """Ctrl+`key` on the sentence list, once the window takes keys again."""
    # Ctrl+Z and Ctrl+Y are the window's shortcuts: Qt matches them only while the window
    # is the active one, with no popup up. A merge's (or its undo's) progress box has just
    # gone, and the window is made active again by a queued event: a key sent before that
    # may go nowhere (once, in a loaded CI run, a Ctrl+Z started no undo; the assertion in
    # `_merge_undone_held` says what it saw).
    window_takes_keys(qtbot, window)
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, key, Qt.KeyboardModifier.ControlModifier)


def _undo(qtbot: QtBot, window: MainWindow) -> None:
    _window_key(qtbot, window, Qt.Key.Key_Z)


def _redo(qtbot: QtBot, window: MainWindow) -> None:
    _window_key(qtbot, window, Qt.Key.Key_Y)


def test_merge_from_the_file_menu_gives_the_counts_and_ctrl_z_takes_it_back(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = alice_window
    digest = hashlib.sha256(bob.read_bytes()).hexdigest()
    before = dump(window.desk)
    outcome = _merge_by_keys(qtbot, window, bob, monkeypatch)
    assert outcome.result is not None and outcome.result.counts() == EXPECTED
    assert window.article_model.rowCount() == 4
    assert "2 articles added" in window.statusBar().currentMessage()
    assert window.desk.edits.undo_text() == "Merge bob.fcdesk"
    # A second and a third merge add nothing, and are no undo step.
    for _ in range(2):
        again = _merge_by_keys(qtbot, window, bob, monkeypatch)
        assert again.result is not None and again.result.counts() == NOTHING_NEW
        assert "nothing new" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):  # undone in a worker
        _undo(qtbot, window)
    assert dump(window.desk) == before
    assert window.article_model.rowCount() == 2
    assert hashlib.sha256(bob.read_bytes()).hexdigest() == digest


def test_undo_and_redo_of_a_merge_run_off_the_window_thread(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Undoing or redoing a big merge takes seconds (a 1,000 + 1,000-article merge: 2.4
    and 5.7 s): it ran on the window's thread, which froze meanwhile."""
    window = alice_window
    before = dump(window.desk)
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    merged = dump(window.desk)
    ran_on: list[threading.Thread] = []
    for name in ("apply", "revert"):
        original = getattr(merge_service.MergeEdit, name)

        def watched(
            self: object, repo: object, _original: Callable[..., object] = original
        ) -> object:
            ran_on.append(threading.current_thread())
            return _original(self, repo)

        monkeypatch.setattr(merge_service.MergeEdit, name, watched)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        _undo(qtbot, window)
    assert dump(window.desk) == before and window.article_model.rowCount() == 2
    assert window.desk.edits.redo_text() == "Merge bob.fcdesk"
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        _redo(qtbot, window)
    assert dump(window.desk) == merged and window.article_model.rowCount() == 4
    assert window.desk.edits.undo_text() == "Merge bob.fcdesk"
    assert len(ran_on) == 2 and threading.main_thread() not in ran_on


def test_a_file_that_is_not_a_workspace_is_refused_in_words(
    alice_window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notes.fcdesk"
    notes.write_text("not a workspace", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(
        "factcheck_app.gui.controllers.merge.show_error",
        lambda parent, error, title="": shown.append(f"{title}: {error}"),
    )
    outcome = _merge_by_keys(qtbot, alice_window, notes, monkeypatch)
    assert outcome.error is not None and not outcome.pushed
    assert shown and "not a Factcheck desk workspace" in shown[0]


def test_a_long_file_name_keeps_the_progress_box_and_its_cancel_on_screen(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A colleague's file named as a mail client saves an attachment (240 characters, no
    space to break at) made the merge's progress box wider than a 1024-pixel screen: its
    Cancel button was off the right edge."""
    window = alice_window
    window.resize(1024, 640)
    long = bob.with_name("Ana-Ruiz-" + "budget-review-copy-" * 12 + ".fcdesk")
    bob.rename(long)
    gate = threading.Event()
    reading = merge_service.Merging.read

    def held(self: merge_service.Merging, path: Path, progress: object = None) -> object:
        if progress is not None:
            progress(0.1, "Reading")  # type: ignore[operator]
        gate.wait(10)  # the box as it shows while the file is read
        return reading(self, path, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_service.Merging, "read", held)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.merging.merge(long)
        progress = window.merging._dialog
        assert progress is not None and progress.isVisible()
        try:
            qtbot.waitUntil(lambda: progress.labelText().startswith("Reading"))
            cancel = progress.findChild(QPushButton)
            assert cancel is not None
            assert progress.width() <= 1024 * 0.9
            assert cancel.mapTo(progress, cancel.rect().bottomRight()).x() <= progress.width()
            assert "Ana-Ruiz-budget-review" in progress.labelText()  # its start, and
            assert progress.labelText().endswith("copy-.fcdesk…")  # its end, as typed
        finally:
            gate.set()


def test_a_file_name_that_looks_like_markup_shows_as_typed_in_the_progress_boxes(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A colleague's file named "<img width=2000 height=9>.fcdesk" (a file's name may
    hold any character but "/") was read as markup by the merge's progress box, and by
    the box of its undo: an empty picture 2,000 px wide for the name, the box past a
    1024-pixel screen with its Cancel. The name shows as the characters it is, in the
    boxes and in their tooltips."""
    window = alice_window
    window.resize(1024, 640)
    hostile = bob.with_name("<img width=2000 height=9>.fcdesk")
    bob.rename(hostile)
    gate = threading.Event()
    reading = merge_service.Merging.read

    def held(self: merge_service.Merging, path: Path, progress: object = None) -> object:
        if progress is not None:
            progress(0.1, "Reading")  # type: ignore[operator]
        gate.wait(10)  # the box as it shows while the file is read
        return reading(self, path, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_service.Merging, "read", held)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.merging.merge(hostile)
        progress = window.merging._dialog
        assert progress is not None and progress.isVisible()
        try:
            qtbot.waitUntil(lambda: progress.labelText().startswith("Reading"))
            assert progress.width() <= 1024 * 0.9  # (2,130 px before)
            label = progress.findChild(QLabel)
            assert label is not None and label.textFormat() == Qt.TextFormat.PlainText
            assert "<img width=2000 height=9>.fcdesk" in progress.labelText()
            assert "&lt;img width=2000" in progress.toolTip()  # the tooltip's, as characters
        finally:
            gate.set()
    gate = threading.Event()
    reverting = merge_service.MergeEdit.revert

    def held_undo(self: merge_service.MergeEdit, repo: object) -> object:
        gate.wait(10)
        return reverting(self, repo)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_service.MergeEdit, "revert", held_undo)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        _undo(qtbot, window)
        note = window.merging._dialog
        try:
            assert note is not None
            assert note.sizeHint().width() <= 1024 * 0.9  # (2,185 px before)
            label = note.findChild(QLabel)
            assert label is not None and label.textFormat() == Qt.TextFormat.PlainText
            assert "&lt;img width=2000" in note.toolTip()
        finally:
            gate.set()


def test_cancel_leaves_the_workspace_as_it_was(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = alice_window
    gate = threading.Event()
    reading = merge_service.Merging.read

    def held(self: merge_service.Merging, path: Path, progress: object = None) -> object:
        gate.wait(10)  # until the reviewer pressed Cancel
        return reading(self, path, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_service.Merging, "read", held)
    before = dump(window.desk)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000) as finished:
        window.merging.merge(bob)
        progress = window.merging._dialog
        assert progress is not None and progress.isVisible()
        cancel = progress.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        cancel.setFocus()
        qtbot.keyClick(cancel, Qt.Key.Key_Space)
        gate.set()
    assert finished.args[0].cancelled
    assert dump(window.desk) == before
    assert "cancelled" in window.statusBar().currentMessage()
    assert not window.desk.edits.undo_steps


def press_cancel(window: MainWindow, qtbot: QtBot) -> QProgressDialog:
    """Press the merge progress's Cancel as a reviewer does (Space on the button)."""
    progress = window.merging._dialog
    assert progress is not None
    cancel = progress.findChild(QPushButton)
    assert cancel is not None
    cancel.setFocus()
    qtbot.keyClick(cancel, Qt.Key.Key_Space)
    return progress


def test_the_progress_stays_up_until_a_cancelled_merge_has_stopped(
    alice_window: MainWindow,
    bob: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cancel (or Esc) hid the progress at once while the merge went on writing: the
    window let the reviewer open another workspace under it, and a merge that had got
    past its last check then became the other workspace's undo step."""
    window = alice_window
    desk = window.desk
    gate = threading.Event()
    reading = merge_service.Merging.read

    def held(self: merge_service.Merging, path: Path, progress: object = None) -> object:
        gate.wait(10)  # still reading when the reviewer gives up on it
        return reading(self, path, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_service.Merging, "read", held)
    before = dump(desk)
    window.merging.merge(bob)
    progress = press_cancel(window, qtbot)
    qtbot.keyClick(progress, Qt.Key.Key_Escape)  # pressed again, impatiently
    QApplication.processEvents()
    assert progress.isVisible() and "Cancelling" in progress.labelText()
    assert QApplication.activeModalWidget() is progress
    # A script (or the desktop's file-open) still cannot pull the workspace from under it.
    window.workspace.switch_workspace(tmp_path / "other.fcdesk")
    assert window.desk is desk and not desk.closed
    assert not (tmp_path / "other.fcdesk").exists()
    assert "merge is running" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.merging.finished, timeout=20_000) as finished:
        gate.set()
    assert finished.args[0].cancelled and dump(desk) == before
    assert not window.merging.running and QApplication.activeModalWidget() is None


def test_a_cancel_that_came_too_late_says_the_merge_is_in(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel pressed as the merge was being committed: the progress said "Cancelling…",
    then the status bar gave the merge's counts as if nothing had been asked."""
    window = alice_window
    committed = threading.Event()
    gate = threading.Event()
    applying = merge_service.Merging.apply

    def held(self: merge_service.Merging, edit: object, progress: object = None) -> object:
        result = applying(self, edit, progress)  # type: ignore[arg-type]
        committed.set()
        gate.wait(10)  # done, and not yet heard by the window
        return result

    monkeypatch.setattr(merge_service.Merging, "apply", held)
    window.merging.merge(bob)
    qtbot.waitUntil(committed.is_set, timeout=20_000)
    press_cancel(window, qtbot)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000) as finished:
        gate.set()
    assert finished.args[0].pushed and not finished.args[0].cancelled
    message = window.statusBar().currentMessage()
    assert message.startswith("Too late to cancel: the merge was done.")
    assert "Ctrl+Z takes it back" in message
    assert window.desk.edits.undo_text() == "Merge bob.fcdesk"


def test_quitting_while_a_merge_runs_cancels_it_and_closes(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logging out (SIGTERM closes every window) during a merge: the progress, shown again
    while the merge stops, must not keep the desk from closing."""
    window = alice_window
    path = window.desk.path
    assert path is not None
    before = dump(window.desk)
    gate = threading.Event()
    reading = merge_service.Merging.read

    def held(self: merge_service.Merging, path: Path, progress: object = None) -> object:
        gate.wait(10)
        return reading(self, path, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_service.Merging, "read", held)
    window.merging.merge(bob)
    gate.set()  # the merge's next step sees the cancel
    QApplication.closeAllWindows()
    assert not window.isVisible() and window.desk.closed
    qtbot.waitUntil(lambda: not window.merging.running)
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    reopened = Desk.open(path, backup=False)
    try:
        assert dump(reopened) == before
    finally:
        reopened.close()


def _merge_undone_held(
    qtbot: QtBot, window: MainWindow, bob: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[threading.Event, QProgressDialog]:
    """Bob's workspace merged by keys, then Ctrl+Z: the merge's undo runs in its worker,
    held until the gate is set (still running while the reviewer types on); its
    "Undoing…" note, made, not yet up."""
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    gate = threading.Event()
    reverting = merge_service.MergeEdit.revert

    def held(self: merge_service.MergeEdit, repo: object) -> object:
        gate.wait(10)
        return reverting(self, repo)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_service.MergeEdit, "revert", held)
    _undo(qtbot, window)
    note = window.merging._dialog
    # Said in full when it fails (once in a CI run, not since): what the window said and
    # what it held, to tell a key that went nowhere from an undo refused or run at once.
    top = window.desk.edits.top("undo")
    assert note is not None, {
        "status": window.statusBar().currentMessage(),
        "active": QApplication.activeWindow(),
        "popup": QApplication.activePopupWidget(),
        "focus": QApplication.focusWidget(),
        "undo top": top and top.description,
        "running": window.merging.running,
        "folder silent": window.workspace.folder_not_answering(),
    }
    return gate, note


def test_ctrl_z_of_a_merge_leaves_the_open_article_current_in_the_article_list(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge's undo took its articles out of the list and the open article was no
    longer the list's current one: nothing in the list showed which article was open,
    and ↓ there (Ctrl+Shift+A) went to the top of the list, not to the next article."""
    window = alice_window
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    listed = window.article_list
    window.open_article(window.article_model.article_at(1).id)
    open_one = window.article_id
    assert listed.currentIndex() == window.article_filter.index_of(open_one)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        _undo(qtbot, window)
    assert window.article_model.rowCount() == 2  # the merge's two articles gone
    assert window.article_id == open_one  # still open, where the reviewer was
    assert listed.currentIndex().isValid()
    assert listed.currentIndex() == window.article_filter.index_of(open_one)


def test_keys_pressed_while_a_merge_is_undone_wait_for_it(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its "Undoing…" note shows after 300 ms: a tag pressed before took the merge's place
    on the undo stack, so the next Ctrl+Z undid the merge a second time."""
    window = alice_window
    before = dump(window.desk)
    gate, note = _merge_undone_held(qtbot, window, bob, monkeypatch)
    for timer in note.findChildren(QTimer):
        timer.stop()  # its first 0.3 s, however slow the test: the note is not up yet
    sentence = window.current_sentence_id()
    assert sentence is not None
    tag = window.desk.reviews.review(sentence).tag
    press(qtbot, window, "f")
    assert window.desk.reviews.review(sentence).tag == tag
    assert "undo or redo is running" in window.statusBar().currentMessage()
    window.panel.explanation_edit.setFocus()  # typed text is kept, and saved
    qtbot.keyClicks(window.panel.explanation_edit, "Checked.")
    qtbot.keyClick(window.panel.explanation_edit, Qt.Key.Key_Tab)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        gate.set()
    assert window.desk.reviews.review(sentence).explanation.endswith("Checked.")
    # The typed text is saved once the undo is shown, as the newest step (saved under it,
    # Ctrl+Z of a redone merge put the review from before it back: 0cc69946); like any
    # edit after an undo, it takes the merge's redo away. The merge is undone once.
    assert "Merge bob.fcdesk" not in [e.description for e in window.desk.edits.undo_steps]
    assert window.desk.edits.undo_text().startswith("Edit explanation")
    _undo(qtbot, window)  # the typed text
    assert dump(window.desk) == before


def test_esc_leaves_the_undoing_note_up_until_the_merge_is_undone(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Esc hid the "Undoing…" note (it has no Cancel: one transaction) while the undo went
    on: the reviewer took the merge for undone and the window for free."""
    window = alice_window
    gate, note = _merge_undone_held(qtbot, window, bob, monkeypatch)
    # Due after 0.3 s: it waited QProgressDialog's 4 s, its value never set, keys going on.
    assert [timer.interval() for timer in note.findChildren(QTimer)] == [300]
    qtbot.waitUntil(note.isVisible)
    qtbot.keyClick(note, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert note.isVisible() and QApplication.activeModalWidget() is note
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        gate.set()
    assert window.desk.edits.redo_text() == "Merge bob.fcdesk"
    assert QApplication.activeModalWidget() is None


def _go_to_first_conflict(qtbot: QtBot, window: MainWindow) -> int:
    """Open the shared article and show its conflicts only (the Show box)."""
    shared = next(
        row
        for row in range(window.article_model.rowCount())
        if "minister" in window.article_model.article_at(row).title.lower()
    )
    window.open_article(window.article_model.article_at(shared).id)
    box = window.filter_box
    box.setFocus()
    box.setCurrentIndex(box.findData(SentenceFilter.CONFLICTS))
    box.activated.emit(box.currentIndex())
    assert window.sentence_filter.rowCount() == 1
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Home)
    sentence = window.current_sentence_id()
    assert sentence is not None
    return sentence


def test_conflicts_are_decided_in_the_panel_each_one_undo_step(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = alice_window
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    sentence = _go_to_first_conflict(qtbot, window)
    view = window.panel.conflict_view
    assert view.isVisible()
    assert {v.reviewer for v in view.model.versions()} == {"Alice", "Bob"}
    # ↓ in the versions list to Bob's, Alt+K keeps it.
    view.table.setFocus()
    bob_row = next(r for r, v in enumerate(view.model.versions()) if v.reviewer == "Bob")
    for _ in range(bob_row):
        qtbot.keyClick(view.table, Qt.Key.Key_Down)
    steps = len(window.desk.edits.undo_steps)
    qtbot.keyClick(view.table, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    # A mnemonic clicks its button the way a mouse does, a moment later.
    qtbot.waitUntil(lambda: window.desk.reviews.review(sentence).status is not Status.CONFLICT)
    decided = window.desk.reviews.review(sentence)
    assert (decided.reviewer, decided.verdict, decided.status) == ("Bob", "false", Status.DONE)
    assert len(window.desk.edits.undo_steps) == steps + 1
    assert not view.isVisible()
    _undo(qtbot, window)
    assert window.desk.reviews.review(sentence).status is Status.CONFLICT
    assert view.isVisible()
    # A combination: Bob's verdict with Alice's explanation, by the "… from" boxes.
    alice_row = next(r for r, v in enumerate(view.model.versions()) if v.reviewer == "Alice")
    view.field_boxes["verdict"].setCurrentIndex(bob_row)
    view.field_boxes["explanation"].setCurrentIndex(alice_row)
    view.field_boxes["verdict"].setFocus()
    qtbot.keyClick(view.field_boxes["verdict"], Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.desk.reviews.review(sentence).status is not Status.CONFLICT)
    combined = window.desk.reviews.review(sentence)
    assert (combined.verdict, combined.explanation) == ("false", "Wages rose 3 percent.")
    assert combined.tag is Tag.CLAIM and combined.status is Status.DONE
    assert len(window.desk.edits.undo_steps) == steps + 1
    _undo(qtbot, window)
    assert window.desk.reviews.review(sentence).status is Status.CONFLICT


def test_the_conflict_panel_at_1024_by_640(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = alice_window
    window.resize(1024, 640)
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    _go_to_first_conflict(qtbot, window)
    QApplication.processEvents()
    view = window.panel.conflict_view
    assert view.isVisible() and view.keep_button.isVisible()
    assert view.table.height() >= 3 * view.table.fontMetrics().lineSpacing()
    if os.environ.get("FACTCHECK_SCREENSHOTS"):
        SCREENSHOTS.mkdir(exist_ok=True)
        window.grab().save(str(SCREENSHOTS / "conflict-panel.png"))


def test_both_versions_show_whole_at_1024_by_640(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table of versions kept room for four lines of text, but its column titles,
    its sideways scroll bar and its rows are taller than a line: squeezed to that room
    (a suggestion shown above it) it showed Alice's version and the top of Bob's."""
    window = alice_window
    window.resize(1024, 640)
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    _go_to_first_conflict(qtbot, window)
    table = window.panel.conflict_view.table
    table.resize(table.width(), table.minimumHeight())  # as a crowded panel lays it out
    QApplication.processEvents()
    room = table.viewport().rect()
    assert table.model().rowCount() == 2
    for row in range(2):
        assert room.contains(table.visualRect(table.model().index(row, 0))), row


def test_versions_model(qtmodeltester: ModelTester) -> None:
    model = VersionsModel()
    model.set_versions(
        [
            Review(1, Tag.CLAIM, "true", "The minister", "Figures <b>agree</b>.", reviewer="Ann"),
            Review(1, None, None, reviewer="", updated_at="2026-12-03T07:00:00+00:00"),
        ]
    )
    qtmodeltester.check(model)
    assert model.data(model.index(0, 3)) == "Figures <b>agree</b>."  # plain text, as typed
    assert model.data(model.index(1, 0)) == "(no name)"


def test_the_show_box_stays_on_its_choice_when_another_article_is_chosen(
    alice_window: MainWindow, qtbot: QtBot
) -> None:
    """An editor going through the claims (or the conflicts) article by article: the
    next article opens on its first sentence the Show box lists, not with the box put
    back to "All sentences" because its first sentence not yet done is not one of them
    (found on a desk editor's day)."""
    window = alice_window
    shared = _go_to_first_conflict_article(window)
    box = window.filter_box
    box.setCurrentIndex(box.findData(SentenceFilter.CLAIMS))
    box.activated.emit(box.currentIndex())
    own = next(
        row
        for row in range(window.article_model.rowCount())
        if window.article_model.article_at(row).id != shared
    )
    window.article_list.setFocus()
    window.article_list.setCurrentIndex(window.article_list.model().index(own, 0))
    assert window.article_id == window.article_model.article_at(own).id
    assert box.currentData() == SentenceFilter.CLAIMS
    row = window.current_row()
    assert row is not None and row.review.tag is Tag.CLAIM
    # A sentence asked for by name still shows, the box put back to show it.
    hidden = next(
        r.sentence.id
        for r in window.desk.reviews.sentence_rows(window.article_id)
        if r.review.tag is not Tag.CLAIM
    )
    assert window.select_sentence(hidden) and box.currentIndex() == 0


def _go_to_first_conflict_article(window: MainWindow) -> int:
    """Open the shared article (the one both reviewed); its id."""
    shared = next(
        window.article_model.article_at(row).id
        for row in range(window.article_model.rowCount())
        if "minister" in window.article_model.article_at(row).title.lower()
    )
    window.open_article(shared)
    return shared


def test_merge_workspace_starts_in_the_open_workspaces_folder(
    alice_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Colleagues' files lie beside one's own (a shared folder), not in the desk's data
    folder: with a workspace kept elsewhere, the dialog opened on the data folder, or,
    where that did not exist yet, on the program's folder with "factcheck-desk" typed in
    as the file's name (found on a desk editor's day)."""
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(str(args[2]))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    alice_window.merging.merge_dialog()
    path = alice_window.desk.path
    assert path is not None and asked == [str(path.parent)]


def test_every_verdict_fits_its_column_in_the_conflict_view(qtbot: QtBot) -> None:
    """The verdict is what the reviewers disagree on: "Mostly true" showed as "Mostly
    tr…" beside "True" at 1024×640 (found on a desk editor's day)."""
    view = ConflictView()
    qtbot.addWidget(view)
    versions = [Review(1, Tag.CLAIM, v.key, reviewer="Ann") for v in DEFAULT_SCALE]
    view.show_versions(1, versions)
    table = view.table
    for row in range(len(versions)):
        index = view.model.index(row, 2)
        text = view.model.data(index)
        # with the margin the other columns are given
        needed = table.fontMetrics().horizontalAdvance(text) + 12
        assert table.horizontalHeader().sectionSize(2) >= needed, text


def test_a_merge_stopped_by_logging_out_is_told_at_the_next_start(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logging out (SIGTERM) stops a merge unasked and rolls it back; the next start said
    nothing, and the colleague's work was easily taken for merged."""
    window = alice_window
    path = window.desk.path
    assert path is not None
    gate = threading.Event()
    reading = merge_service.Merging.read

    def held(self: merge_service.Merging, path: Path, progress: object = None) -> object:
        gate.wait(10)
        return reading(self, path, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_service.Merging, "read", held)
    window.merging.merge(bob)
    gate.set()  # the merge's next step sees the cancel
    with closing_on_signal():
        QApplication.closeAllWindows()
    assert not window.isVisible() and window.desk.closed
    window.desk.close()  # the fixture's desk: closed, its lock let go
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    next_start = reopened_window(qtbot, path)
    qtbot.waitUntil(lambda: bool(told))
    next_start.close()
    assert "Merging bob.fcdesk was stopped: nothing of it was merged" in told[0]


def test_a_merge_redo_refused_for_good_leaves_redo_off(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bob's own article pasted after the merge was undone: the redo would match it
    instead, so it is refused; Redo offered it again, refused again each time."""
    window = alice_window
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    assert boxes[0].startswith("Merged bob.fcdesk:")  # what the merge did
    boxes.clear()
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        _undo(qtbot, window)
    window.desk.importer.import_text(BOB_ONLY)
    redo = window.registry[ActionId.REDO]
    assert redo.isEnabled()
    with qtbot.waitSignal(window.merging.finished, timeout=20_000) as finished:
        _redo(qtbot, window)
    assert finished.args[0].error is not None
    [told] = boxes
    assert "cannot be brought back by Ctrl+Y" in told
    assert not redo.isEnabled() and redo.text() == "&Redo"


def test_ctrl_z_and_ctrl_y_pressed_while_a_merge_is_undone_say_why_they_wait(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before its "Undoing…" note shows the window takes keys: Ctrl+Z and Ctrl+Y then did
    nothing without a word, where a re-split's said "A re-split is running: undo when it
    has finished."."""
    window = alice_window
    gate, note = _merge_undone_held(qtbot, window, bob, monkeypatch)
    for timer in note.findChildren(QTimer):
        timer.stop()  # the note is not up yet: the window takes keys
    window.statusBar().clearMessage()
    _undo(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "The merge's undo or redo is running: undo when it has finished."
    )
    window.statusBar().clearMessage()
    _redo(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "The merge's undo or redo is running: redo when it has finished."
    )
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        gate.set()
    assert window.desk.edits.redo_text() == "Merge bob.fcdesk"


def test_the_window_takes_the_keys_back_once_a_shown_undoing_note_goes(
    alice_window: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merge's undo that took long enough for its "Undoing…" note to show: once the
    note went, no window was active (a merge's or a re-split's own progress gave the
    keys back; the undo's and redo's did not), and J, Ctrl+Z or Alt+F went nowhere
    until the reviewer clicked on the window."""
    window = alice_window
    gate, note = _merge_undone_held(qtbot, window, bob, monkeypatch)
    qtbot.waitUntil(note.isVisible)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        gate.set()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3_000)
    assert QApplication.focusWidget() is not None
    assert QApplication.focusWidget().window() is window
