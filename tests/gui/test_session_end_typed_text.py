"""The desktop session ending (logout, shutdown, Windows' end of session) as the session
manager does it: Qt's own `aboutToQuit`, then its quit closing the windows. Typed text
waiting for its save is saved once, none lost, none twice; no box waits for an answer
nobody gives; the writer's lock is let go. Also while a box is up over a save (the save
that brought it up is still under way: the close's own save runs inside it), while a
merge or an import runs, and in a read-only window beside another desk."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.app import CLOSING_ON_SIGNAL, close_at_session_end
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.workspace_strip import IN_USE
from factcheck_app.services import merge as merge_service
from factcheck_app.services.desk import Desk
from tests.gui.conftest import reopened_window
from tests.gui.test_quit_during_import import HeldImports, articles, import_threads, start_import
from tests.gui.test_typed_text_over_another_programs import bea_saves, focus
from tests.services.merge_fixtures import make_alice, make_bob

REAL_EXEC = QMessageBox.exec  # before the autouse fixture makes an unanswered box fail
EXPLAINED = "The ministry's figure is from 2019, not this year."
CLAIMANT = "Minister Aliyev"


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldImports]:
    imports = HeldImports(monkeypatch)
    yield imports
    imports.go_on.set()


@contextmanager
def session_handled() -> Iterator[QApplication]:
    """The application as `run_gui` makes it for the session's end."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    undo = close_at_session_end(app)
    try:
        yield app
    finally:
        undo()
        app.setProperty(CLOSING_ON_SIGNAL, False)


def session_ends(app: QApplication) -> None:
    """What Qt does as the session ends on Windows: `aboutToQuit`, then quit, which
    closes the windows (the process is killed right after)."""
    app.aboutToQuit.emit()
    app.closeAllWindows()


def type_unsaved(qtbot: QtBot, window: MainWindow) -> int:
    """An explanation typed into the current sentence, its save still waiting for a
    pause; the sentence's id."""
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    focus(qtbot, window.panel.explanation_edit)
    qtbot.keyClicks(window.panel.explanation_edit, EXPLAINED)
    assert window.panel.has_pending_text()
    return sentence_id


def explanation_saves(path: Path, sentence_id: int) -> tuple[str, int]:
    """The explanation saved in the workspace at `path`, and how many history entries
    saved it."""
    desk = Desk.open(path, backup=False)  # also: the window let go of its lock
    try:
        saved = desk.reviews.review(sentence_id).explanation
        entries = desk.history.of_sentence(sentence_id)
        return saved, sum(1 for each in entries if EXPLAINED in repr(each))
    finally:
        desk.close()


def test_text_typed_just_before_the_session_ends_is_saved_once(
    window: MainWindow, qtbot: QtBot
) -> None:
    path = window.desk.path
    assert path is not None
    sentence_id = type_unsaved(qtbot, window)
    with session_handled() as app:
        session_ends(app)  # any box fails the test (the autouse fixture)
    assert not window.isVisible() and window.desk.closed
    assert explanation_saves(path, sentence_id) == (EXPLAINED, 1)


def test_the_session_ending_while_a_box_over_a_save_is_up_saves_the_rest_once(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A claimant and an explanation typed; the claimant's save meets another program's
    save of it and shows "Saved meanwhile by another program"; the session ends with that
    box up. The close saves inside that first save: the explanation saved, the claimant
    kept for the next start, nothing tried again on the closed workspace after."""
    path = window.desk.path
    assert path is not None
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    focus(qtbot, window.panel.claimant_edit)
    qtbot.keyClicks(window.panel.claimant_edit, CLAIMANT)
    bea_saves(window, "claimant", sentence_id)
    window.panel.explanation_edit.setPlainText(EXPLAINED)  # pasted, as the claimant waits
    saves: list[tuple[int, str, str]] = []
    window.panel.text_committed.connect(lambda *args: saves.append(args))
    shown: list[str] = []

    def box_up(box: QMessageBox) -> int:
        shown.append(box.windowTitle())
        if len(shown) > 1:
            raise AssertionError(f"A second box at logout: {box.text()!r}")
        QTimer.singleShot(0, lambda: session_ends(app))
        return int(REAL_EXEC(box))

    with session_handled() as app:
        monkeypatch.setattr(QMessageBox, "exec", box_up)
        window.panel.flush_pending_text()  # the pause's save
    assert shown == ["Saved meanwhile by another program"]
    assert not window.isVisible() and window.desk.closed
    # Saved by the close, inside the claimant's save; never tried again after, on the
    # workspace closed: the log said typed text was NOT saved, a false alarm.
    assert [args for args in saves if args[1] == "explanation"] == [
        (sentence_id, "explanation", EXPLAINED)
    ]
    assert "Typed text not saved" not in caplog.text
    assert explanation_saves(path, sentence_id) == (EXPLAINED, 1)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.detailedText()) or 0)
    again = reopened_window(qtbot, path)
    qtbot.waitUntil(lambda: bool(told))
    again.close()
    assert CLAIMANT in told[0] and EXPLAINED not in told[0]


def test_the_session_ending_during_an_import_saves_typed_text_once(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, held: HeldImports
) -> None:
    path = window.desk.path
    assert path is not None
    sentence_id = type_unsaved(qtbot, window)
    start_import(window, articles(tmp_path, 1), held)
    with session_handled() as app:
        held.go_on.set()
        session_ends(app)  # asks nothing about the import (any box fails the test)
    assert not window.isVisible() and window.desk.closed and not import_threads()
    assert explanation_saves(path, sentence_id) == (EXPLAINED, 1)


def test_the_session_ending_during_a_merge_saves_typed_text_once(
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(path)
    make_bob(bob)
    window = make_window(Desk.open(path, backup=False))
    sentence_id = type_unsaved(qtbot, window)
    gate = threading.Event()
    reading = merge_service.Merging.read

    def held(self: merge_service.Merging, path: Path, progress: object = None) -> object:
        gate.wait(10)
        return reading(self, path, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_service.Merging, "read", held)
    window.merging.merge(bob)
    try:
        with session_handled() as app:
            gate.set()  # the merge's next step sees the stop
            session_ends(app)  # asks nothing about the merge (any box fails the test)
    finally:
        gate.set()
    assert not window.isVisible() and window.desk.closed
    assert explanation_saves(path, sentence_id) == (EXPLAINED, 1)


def test_the_session_ending_in_a_read_only_window_asks_nothing(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A second desk holds the writer's lock; this window opened read-only."""
    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    writer = Desk.open(path, backup=False)
    try:
        window = make_window(Desk.open(path, read_only=True, read_only_because=IN_USE))
        assert window.desk.read_only
        with session_handled() as app:
            session_ends(app)  # any box fails the test
        assert not window.isVisible() and window.desk.closed
        assert not writer.closed and not writer.read_only  # the other desk writes on
    finally:
        writer.close()


def test_a_save_inside_a_save_saves_each_text_once(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box over the claimant's save takes the focus from the Explanation box, whose
    leaving saves inside the first save; the first then went on with the text it had
    listed."""
    path = window.desk.path
    assert path is not None
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    focus(qtbot, window.panel.claimant_edit)
    qtbot.keyClicks(window.panel.claimant_edit, CLAIMANT)
    bea_saves(window, "claimant", sentence_id)
    saves: list[tuple[int, str, str]] = []
    window.panel.text_committed.connect(lambda *args: saves.append(args))

    def box_up(box: QMessageBox) -> int:
        window.panel.flush_pending_text()  # what the focus leaving a field does
        return 0

    monkeypatch.setattr(QMessageBox, "exec", box_up)
    window.panel.explanation_edit.setPlainText(EXPLAINED)
    window.panel.flush_pending_text()
    history = window.desk.history.of_sentence(sentence_id)
    assert sum(EXPLAINED in repr(each) for each in history) == 1
    assert [args for args in saves if args[1] == "explanation"] == [
        (sentence_id, "explanation", EXPLAINED)
    ]
    assert window.desk.reviews.review(sentence_id).explanation == EXPLAINED
    assert not window.panel.has_pending_text() or window.panel.refused_as_saved_meanwhile(
        sentence_id, "claimant"
    )
