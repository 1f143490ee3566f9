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

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.app import CLOSING_ON_SIGNAL
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.workers import ImportJob
from factcheck_app.services import importer as importer_module
from factcheck_app.services.desk import Desk
from factcheck_app.services.importer import ArticleImporter, ImportResult
from factcheck_app.storage.search import SearchIndex
from factcheck_app.storage.stores.imports import ImportStore
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

    def cancel_then_go_on(job: ImportJob, quitting: bool = False) -> None:
        cancel(job, quitting)  # the held file then sees the cancel
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


class HeldSaving:
    """A big file's import held in its saving stage, `slices` slices written, until its
    job is cancelled (by Cancel Import or by the quit); the deletions of the sentences
    written are counted, with where they ran."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, slices: int = 3) -> None:
        self.saving = threading.Event()
        self.go_on = threading.Event()
        self.deleted_in: list[str] = []  # the thread of each slice of deletions
        # Set: the removal a Cancel began is held at its second slice until the quit.
        self.hold_removal = False
        self.removing = threading.Event()
        self.quitting = threading.Event()
        monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
        real_steps = SearchIndex.merge_steps
        real_cancel = ImportJob.cancel
        real_delete = ImportStore.delete_sentences_of
        written = [0]

        def steps(index: SearchIndex, *args: object, **kwargs: object) -> None:
            # Between two slices (their transactions), as the import's own steps run.
            if threading.current_thread().name == "import":
                written[0] += 1
                if written[0] == slices:
                    self.saving.set()
                    self.go_on.wait(timeout=30)
            real_steps(index, *args, **kwargs)  # type: ignore[arg-type]

        def cancel(job: ImportJob, quitting: bool = False) -> None:
            real_cancel(job, *((quitting,) if quitting else ()))  # type: ignore[arg-type]
            self.go_on.set()  # the worker goes on only once it is cancelled
            if quitting:
                self.quitting.set()

        def delete(store: ImportStore, article_id: int, limit: int) -> int:
            self.deleted_in.append(threading.current_thread().name)
            if self.hold_removal and len(self.deleted_in) == 2:
                self.removing.set()
                self.quitting.wait(timeout=30)
            return real_delete(store, article_id, limit)

        monkeypatch.setattr(SearchIndex, "merge_steps", steps)
        monkeypatch.setattr(ImportJob, "cancel", cancel)
        monkeypatch.setattr(ImportStore, "delete_sentences_of", delete)


def big_text(tmp_path: Path, sentences: int = 2_000) -> Path:
    path = tmp_path / "big.txt"
    path.write_text(
        "".join(f"Line {number} said the minister.\n" for number in range(sentences)),
        encoding="utf-8",
    )
    return path


def test_stop_the_import_and_quit_in_its_saving_stage_leaves_the_removal_to_the_next_open(
    window: MainWindow,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Quit in a big file's saving stage: the window's thread removed the half-written
    article before closing, a slice at a time (14.6 s for 270,000 sentences, over a
    minute for a 150 MB file), painting nothing, taken for a hang and killed. The quit
    stops the import between two slices and leaves the article hidden; the next open
    for editing removes it, saying nothing (the reviewer asked for it). A verdict given
    meanwhile is kept."""
    held = HeldSaving(monkeypatch)
    shown = answer(monkeypatch, QMessageBox.StandardButton.Discard)
    path = window.desk.path
    assert path is not None
    before = {a.id for a in window.desk.articles.list_articles()}
    window.import_files([big_text(tmp_path)])
    qtbot.waitUntil(held.saving.is_set)
    sentence = window.current_sentence_id()
    assert sentence is not None
    window.registry[ActionId.VERDICT_1].trigger()  # given while the import saves
    verdict = window.desk.reviews.review(sentence).verdict
    assert verdict is not None

    window.close()

    assert len(shown) == 1 and "big.txt has not finished" in shown[0][0]
    assert not window.isVisible() and not import_threads()
    # No slice of the removal ran while the window closed, on any thread.
    assert held.deleted_in == []
    again = Desk.open(path)
    try:
        # Asked for, not a crash: no box names it; and nothing of it is left.
        session = again._session
        assert session is not None and session.cut_short_imports == []
        assert {a.id for a in again.articles.list_articles()} == before
        assert again.repo.imports.unfinished_articles() == []
        assert (
            again.repo.db.execute(
                "SELECT count(*) FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            == 0
        )
        assert again.reviews.review(sentence).verdict == verdict  # the verdict is kept
        assert again.upkeep.check().ok
    finally:
        again.close()


def test_cancel_in_the_saving_stage_shows_the_removal_going(
    window: MainWindow,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cancel Import in a big file's saving stage: "Cancelling…" stayed, no progress, as
    long as the removal took (13 s for 350,000 sentences). The stage says what is being
    removed, and the bar goes back as it is."""
    held = HeldSaving(monkeypatch)
    window.import_files([big_text(tmp_path)])
    qtbot.waitUntil(held.saving.is_set)
    job = window.imports.job
    assert job is not None
    said: list[tuple[int, str]] = []
    job.progress.connect(lambda value, stage: said.append((value, stage)))
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.registry[ActionId.CANCEL_IMPORT].trigger()
    removing = [
        (value, stage) for value, stage in said if stage.startswith("Cancelling the import")
    ]
    assert len(removing) >= 2, said
    assert "big.txt" in removing[0][1]
    values = [value for value, _ in removing]
    assert values == sorted(values, reverse=True) and values[0] > values[-1]
    assert held.deleted_in and set(held.deleted_in) == {"import"}  # not the window's thread
    assert window.desk.repo.imports.unfinished_articles() == []


def test_quit_while_a_cancel_removes_what_was_saved_stops_the_removal_too(
    window: MainWindow,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cancel Import, then Quit while it removes what was saved: the quit waited for the
    whole removal. It stops at its next slice; the rest stays hidden, for the next open."""
    held = HeldSaving(monkeypatch)
    held.hold_removal = True
    answer(monkeypatch, QMessageBox.StandardButton.Discard)
    path = window.desk.path
    assert path is not None
    before = {a.id for a in window.desk.articles.list_articles()}
    window.import_files([big_text(tmp_path)])
    qtbot.waitUntil(held.saving.is_set)
    window.registry[ActionId.CANCEL_IMPORT].trigger()
    qtbot.waitUntil(held.removing.is_set)

    window.close()

    assert not window.isVisible() and not import_threads()
    assert len(held.deleted_in) == 2  # the slice under way ended; no other ran
    again = Desk.open(path)
    try:
        session = again._session
        assert session is not None and session.cut_short_imports == []
        assert {a.id for a in again.articles.list_articles()} == before
        assert again.repo.imports.unfinished_articles() == []
        assert not again.repo.search.merges_deferred()
    finally:
        again.close()


def test_typed_text_given_up_to_quit_stays_when_the_import_keeps_the_window_open(
    window: MainWindow,
    tmp_path: Path,
    qtbot: QtBot,
    held: HeldImports,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Quit asks about typed text not saved (here: too long) before the import: "Discard
    the Text" took it out of the panel at once, and "Keep Importing" then kept the window
    open with the text no longer "Not saved", lost at the move to another sentence."""
    from factcheck_app.domain import review_rules

    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    answers = iter([QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Cancel])
    asked: list[str] = []

    def exec_box(box: QMessageBox) -> int:
        asked.append(box.text())
        return int(next(answers, QMessageBox.StandardButton.Discard).value)  # then: quit

    panel = window.panel
    typed = "The ministry's own 2019 table, pasted in whole. " * 3
    panel.explanation_edit.setFocus()
    panel.explanation_edit.setPlainText(typed)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: int(QMessageBox.StandardButton.Ok.value))
    panel.flush_pending_text()  # refused as too long: told, kept
    start_import(window, articles(tmp_path, 1), held)
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    window.close()
    assert len(asked) == 2 and "too long" in asked[0] and "has not finished" in asked[1]
    assert window.isVisible() and window.imports.running()
    assert panel.has_pending_text() and panel.explanation_edit.toPlainText() == typed
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        held.go_on.set()
    window.close()  # asked again, and given up: the window goes, and the text with it
    assert not window.isVisible() and not panel.has_pending_text()
