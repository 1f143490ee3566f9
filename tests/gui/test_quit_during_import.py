"""Quitting while an import runs asks first: quitting stopped it unasked, and which files
of a folder had come in was nowhere said."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.app import CLOSING_ON_SIGNAL
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.workers import ImportJob
from factcheck_app.services.desk import Desk
from factcheck_app.services.importer import ArticleImporter, ImportResult
from tests.gui.conftest import closing_on_signal, reopened_window

# The real exec, before the autouse fixture makes every unanswered box fail a test.
REAL_EXEC = QMessageBox.exec

STORY = "Officials said the bridge would reopen in May. Critics denied it. The end came.\n"


class HeldImports:
    """Each file's import waits, in the worker, until the test lets it go on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = threading.Event()
        self.go_on = threading.Event()
        real = ArticleImporter.import_file

        def held(importer: ArticleImporter, path: Path, progress: object = None) -> ImportResult:
            self.started.set()
            self.go_on.wait(timeout=30)
            return real(importer, path, progress)  # type: ignore[arg-type]

        monkeypatch.setattr(ArticleImporter, "import_file", held)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldImports]:
    imports = HeldImports(monkeypatch)
    yield imports
    imports.go_on.set()  # never leave a worker waiting


def articles(tmp_path: Path, count: int) -> list[Path]:
    paths = []
    for number in range(1, count + 1):
        path = tmp_path / f"story-{number}.txt"
        path.write_text(STORY, encoding="utf-8")
        paths.append(path)
    return paths


def answer(
    monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton
) -> list[tuple[str, list[str]]]:
    """Every box shown, with its buttons' words; each answered with `button`."""
    shown: list[tuple[str, list[str]]] = []

    def exec_box(box: QMessageBox) -> int:
        # Their words as read: "&Keep Importing" reads "Keep Importing" (Alt+K).
        shown.append((box.text(), [b.text().replace("&", "") for b in box.buttons()]))
        return int(button.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return shown


def import_threads() -> list[threading.Thread]:
    """Import workers still running (closing the window waits for its own)."""
    return [thread for thread in threading.enumerate() if thread.name == "import"]


def start_import(window: MainWindow, paths: list[Path], held: HeldImports) -> None:
    window.import_files(paths)
    assert held.started.wait(timeout=30)
    assert window.imports.running()


def test_quit_while_a_file_imports_asks_and_keeps_importing_by_default(
    window: MainWindow,
    tmp_path: Path,
    qtbot: QtBot,
    held: HeldImports,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown = answer(monkeypatch, QMessageBox.StandardButton.Cancel)  # Enter: the default
    before = len(window.desk.articles.list_articles())
    start_import(window, articles(tmp_path, 1), held)

    window.close()

    assert len(shown) == 1
    text, buttons = shown[0]
    assert "story-1.txt has not finished" in text
    assert "Keep Importing" in buttons and "Stop the Import and Quit" in buttons
    assert window.isVisible() and window.imports.running()
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        held.go_on.set()
    assert len(window.desk.articles.list_articles()) == before + 1  # it came in


def test_quit_all_the_same_stops_the_import_and_names_what_is_left_out(
    window: MainWindow,
    tmp_path: Path,
    held: HeldImports,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown = answer(monkeypatch, QMessageBox.StandardButton.Discard)
    path = window.desk.path
    assert path is not None
    before = len(window.desk.articles.list_articles())
    files = articles(tmp_path, 3)
    start_import(window, files[:2], held)
    window.import_files(files[2:])  # given meanwhile: waits for the first batch

    held.go_on.set()  # the worker may go on; quitting cancels it at its next step
    window.close()

    assert len(shown) == 1
    text, _ = shown[0]
    assert "3 files are still to come in" in text
    assert "already imported are kept" in text
    assert not window.isVisible() and not import_threads()
    again = Desk.open(path, read_only=True)
    try:
        assert len(again.articles.list_articles()) == before  # the one read was rolled back
    finally:
        again.close()


def test_quit_with_no_import_running_asks_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.close()
    assert shown == [] and not window.isVisible()


def test_a_terminate_signal_stops_the_import_unasked(
    window: MainWindow,
    tmp_path: Path,
    held: HeldImports,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Logging out (SIGTERM) or Ctrl+C in the terminal: nobody is at the window to answer."""
    shown = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    start_import(window, articles(tmp_path, 1), held)
    with closing_on_signal():
        held.go_on.set()
        window.close()
    assert shown == [] and not window.isVisible() and not import_threads()


def test_an_import_that_ends_as_the_desk_quits_shows_nothing_after(
    window: MainWindow,
    tmp_path: Path,
    held: HeldImports,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stop the Import and Quit chosen just as the file came in: the import's end, heard
    once the window had closed its workspace, opened its article there and showed "The
    workspace … could not be read or written (Cannot operate on a closed database.)" over
    no window, and the desk did not end until someone answered it."""
    shown: list[str] = []

    def exec_box(box: QMessageBox) -> int:
        shown.append(box.text())
        held.go_on.set()  # the import ends while the question is answered
        for thread in import_threads():
            thread.join(30)
        return int(QMessageBox.StandardButton.Discard.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    path = window.desk.path
    assert path is not None
    before = len(window.desk.articles.list_articles())
    start_import(window, articles(tmp_path, 1), held)

    window.close()
    QApplication.processEvents()  # the import's end arrives now

    assert len(shown) == 1 and "has not finished" in shown[0]
    assert not window.isVisible() and window.desk.closed
    again = Desk.open(path, read_only=True)
    try:  # it came in whole before the quit: kept
        assert len(again.articles.list_articles()) == before + 1
    finally:
        again.close()


def test_a_terminate_signal_while_the_quit_question_is_up_still_quits(
    window: MainWindow,
    tmp_path: Path,
    held: HeldImports,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl+Q during an import asks first; logging out (SIGTERM) while that question was up
    closed the question as "Keep Importing": the desk stayed open, importing and holding
    the workspace, until the session killed it."""
    monkeypatch.setattr(QMessageBox, "exec", REAL_EXEC)  # the real box, closed by the signal
    app = QApplication.instance()
    assert app is not None
    path = window.desk.path
    assert path is not None
    start_import(window, articles(tmp_path, 1), held)
    asked: list[str] = []

    def signal_arrives() -> None:  # what close_on_terminate's handler does, box up
        box = QApplication.activeModalWidget()
        asked.append(box.text() if isinstance(box, QMessageBox) else "")
        held.go_on.set()
        app.setProperty(CLOSING_ON_SIGNAL, True)
        app.closeAllWindows()

    QTimer.singleShot(0, signal_arrives)
    try:
        window.close()  # Ctrl+Q
    finally:
        app.setProperty(CLOSING_ON_SIGNAL, False)
    later = answer(monkeypatch, QMessageBox.StandardButton.Cancel)  # none may hang now
    QApplication.processEvents()  # the import's end, if it came in meanwhile
    assert asked and "has not finished" in asked[0] and later == []
    assert not window.isVisible() and window.desk.closed and not import_threads()
    again = Desk.open(path, backup=False)  # the writer's lock was let go
    again.close()


def test_what_logging_out_stopped_is_told_at_the_next_start(
    window: MainWindow,
    tmp_path: Path,
    qtbot: QtBot,
    held: HeldImports,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Logging out stops an import unasked: nobody is at the window. The next start said
    nothing of it, and the files of a folder that had not come in were easily taken for
    imported."""
    path = window.desk.path
    assert path is not None
    cancel = ImportJob.cancel

    def cancel_then_go_on(job: ImportJob) -> None:  # the held file then sees the cancel
        cancel(job)
        held.go_on.set()

    monkeypatch.setattr(ImportJob, "cancel", cancel_then_go_on)
    files = articles(tmp_path, 3)
    start_import(window, files[:2], held)
    window.import_files(files[2:])  # waits for the first two
    with closing_on_signal():
        window.close()  # the import is still held at its first file: cancelled there
    assert not window.isVisible()

    shown = answer(monkeypatch, QMessageBox.StandardButton.Ok)
    again = reopened_window(qtbot, path)
    qtbot.waitUntil(lambda: bool(shown))
    text = shown[0][0]
    assert "last closed by logging out" in text
    assert all(f.name in text for f in files) and "import them again" in text
    again.close()
    shown.clear()
    reopened_window(qtbot, path).close()  # told once
    QApplication.processEvents()
    assert shown == []


def test_what_was_stopped_waits_for_a_window_that_can_redo_it(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window open read-only (another desk holds the workspace) cannot import again: it
    leaves what logging out stopped for the next window open for editing."""
    from factcheck_app.gui import settings
    from tests.conftest import SEED_FILE

    path = tmp_path / "w.fcdesk"
    made = Desk.open(path, backup=False)
    made.importer.import_file(SEED_FILE)
    made.close()
    settings.note_stopped_work(path, ["An import was stopped: story-1.txt had not come in."])
    shown = answer(monkeypatch, QMessageBox.StandardButton.Ok)
    reader = MainWindow(None)
    qtbot.add_widget(reader)
    reader.show()
    reader.build_review_panel()
    reader.workspace.attach(Desk.open(path, read_only=True))
    qtbot.waitUntil(lambda: reader.article_model.rowCount() == 1)
    QApplication.processEvents()
    assert shown == []
    reader.close()
    editor = reopened_window(qtbot, path)
    qtbot.waitUntil(lambda: bool(shown))
    editor.close()
    assert "story-1.txt had not come in" in shown[0][0]
