"""Stop the Import and Quit in a big file's saving stage leaves the half-written article
hidden, for the next open to take out. That open took it out on the window's thread,
under the wait cursor, before showing anything: 9 s for 270,000 sentences, over a minute
for a 150 MB file, a desk taken for hung and killed again. It is taken out beside the
window now, the window usable meanwhile."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import StoppedToQuit
from factcheck_app.domain.models import Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.services import importer as importer_module
from factcheck_app.services.desk import Desk
from factcheck_app.services.importer import ArticleImporter
from tests.conftest import REPO_ROOT, SEED_FILE
from tests.gui.conftest import reopened_window

SLICE = 100  # sentences a slice of the removal takes out (the desk's: 1,000)
WRITTEN = 600  # of the big file's sentences, written before the quit
HELD_AT = 2 * SLICE  # removed when the removal is held


def left_by_a_quit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with one article, and a big file's import stopped by the quit in its
    saving stage (`StoppedToQuit`): WRITTEN sentences of it saved, hidden; closed cleanly."""
    monkeypatch.setattr(importer_module, "IMPORT_SLICE", SLICE)
    big = tmp_path / "big.txt"
    big.write_text(
        "".join(f"Line {number} said the minister.\n" for number in range(2_000)),
        encoding="utf-8",
    )
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_file(SEED_FILE)

        def quit_once_written(fraction: float, stage: str) -> None:
            count = desk.repo.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
            if stage.startswith("Saving") and count >= WRITTEN:
                raise StoppedToQuit("Import stopped: the desk is quitting.")

        with pytest.raises(StoppedToQuit):
            desk.importer.import_file(big, quit_once_written)
        assert len(desk.repo.imports.unfinished_articles()) == 1
    finally:
        desk.close()
    return path


class HeldRemoval:
    """The removal of the hidden article, held between two of its slices (HELD_AT
    sentences out) until the test lets it go on or the removal is cancelled; where
    each slice ran is kept."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.removing = threading.Event()
        self.go_on = threading.Event()
        self.slices_in: list[str] = []  # the thread of each slice, once committed
        real = ArticleImporter.discard_unfinished

        def discard(
            importer: ArticleImporter,
            article_id: int,
            progress: Callable[[int], None] | None = None,
        ) -> None:
            def step(removed: int) -> None:
                self.slices_in.append(threading.current_thread().name)
                if removed >= HELD_AT and threading.current_thread() is not threading.main_thread():
                    self.removing.set()
                    self.go_on.wait(timeout=30)
                if progress is not None:
                    progress(removed)

            real(importer, article_id, step)

        monkeypatch.setattr(ArticleImporter, "discard_unfinished", discard)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldRemoval]:
    removal = HeldRemoval(monkeypatch)
    yield removal
    removal.go_on.set()  # never leave a thread waiting


def leftovers(path: Path) -> tuple[list[tuple[int, str]], int]:
    """The hidden articles still in the workspace, and sentences of no article."""
    desk = Desk.open(path, read_only=True)
    try:
        orphans = desk.repo.db.execute(
            "SELECT count(*) FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        return desk.repo.imports.unfinished_articles(), int(orphans)
    finally:
        desk.close()


def test_the_window_is_usable_while_the_article_a_quit_left_is_removed(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, held: HeldRemoval
) -> None:
    path = left_by_a_quit(tmp_path, monkeypatch)

    window = reopened_window(qtbot, path)

    # Shown before the removal ended, which runs beside the window, not on its thread.
    qtbot.waitUntil(held.removing.is_set, timeout=10_000)
    assert "MainThread" not in held.slices_in
    assert window.article_model.rowCount() == 1  # the hidden article is not listed
    assert "big.txt" not in window.windowTitle()
    # Its progress in words, in the status bar.
    progress = window.removal_progress
    qtbot.waitUntil(progress.isVisible)
    assert "big.txt" in progress.stage.toolTip()
    # The reviewer works meanwhile: a tag is saved.
    window.sentence_view.setFocus()
    sentence = window.current_sentence_id()
    assert sentence is not None
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_C)
    assert window.desk.reviews.review(sentence).tag == Tag.CLAIM

    held.go_on.set()
    qtbot.waitUntil(lambda: not window.removal.running(), timeout=30_000)

    assert not progress.isVisible()
    assert window.article_model.rowCount() == 1
    assert window.desk.repo.imports.unfinished_articles() == []
    assert window.desk.upkeep.check().ok
    window.close()
    assert leftovers(path) == ([], 0)


def test_quitting_while_it_is_removed_is_immediate_and_the_next_open_finishes(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, held: HeldRemoval
) -> None:
    path = left_by_a_quit(tmp_path, monkeypatch)
    window = reopened_window(qtbot, path)
    qtbot.waitUntil(held.removing.is_set, timeout=10_000)
    job = window.desk.removing
    assert job is not None
    real_cancel = job.cancel

    def cancel() -> None:  # the held slice then hears it
        real_cancel()
        held.go_on.set()

    monkeypatch.setattr(job, "cancel", cancel)
    slices = len(held.slices_in)

    window.close()

    assert not window.isVisible() and not job.running()
    assert len(held.slices_in) == slices  # no slice ran after the quit
    still, _ = leftovers(path)
    assert [name for _, name in still] == ["big.txt"]  # hidden still, for the next open

    again = reopened_window(qtbot, path)
    qtbot.waitUntil(lambda: not again.removal.running(), timeout=30_000)
    assert again.article_model.rowCount() == 1
    again.close()
    assert leftovers(path) == ([], 0)


KILLED_IN_THE_REMOVAL = """
import signal, sys
from pathlib import Path
from factcheck_app.services import importer
importer.IMPORT_SLICE = {slice}
real = importer.ArticleImporter.discard_unfinished
def held(self, article_id, progress=None):
    def step(removed):
        if progress is not None:
            progress(removed)
        if removed >= {held_at}:
            print("removing", flush=True)
            signal.pause()  # killed here, between two slices
    real(self, article_id, step)
importer.ArticleImporter.discard_unfinished = held
from factcheck_app.storage.search import SearchIndex
real_defer = SearchIndex.defer_merges
def deferred(self):
    real_defer(self)
    if {before_any_slice}:  # merging at commit turned off, nothing removed yet
        self.db.conn.execute("COMMIT")
        print("removing", flush=True)
        signal.pause()
SearchIndex.defer_merges = deferred
from factcheck_app.services.desk import Desk
desk = Desk.open(Path(sys.argv[1]), backup=False, leftovers="beside")
desk.start_removal(lambda job: None)
signal.pause()
"""


@pytest.mark.parametrize("before_any_slice", [False, True])
def test_a_desk_killed_while_it_removes_leaves_the_rest_to_the_next_open(
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    boxes: list[str],
    before_any_slice: bool,
) -> None:
    """Killed between two slices, or once merging at commit is off in the search index
    (stored in it) and nothing is removed yet: the next open turns merging back on and
    finishes, the index whole."""
    path = left_by_a_quit(tmp_path, monkeypatch)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            KILLED_IN_THE_REMOVAL.format(
                slice=SLICE, held_at=HELD_AT, before_any_slice=before_any_slice
            ),
            str(path),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "removing", child.stderr.read() if child.stderr else ""
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    still, _ = leftovers(path)
    assert [name for _, name in still] == ["big.txt"]  # the rest hidden, for the next open
    killed = Desk.open(path, read_only=True)
    try:
        assert killed.repo.search.merges_deferred()  # left off by the killed removal
        written = killed.repo.merging.sentence_count(still[0][0])
        assert written == (WRITTEN if before_any_slice else WRITTEN - HELD_AT)
    finally:
        killed.close()

    window = reopened_window(qtbot, path)
    qtbot.waitUntil(lambda: not window.removal.running(), timeout=30_000)
    QApplication.processEvents()
    assert window.article_model.rowCount() == 1
    assert window.desk.upkeep.check().ok
    assert not window.desk.repo.search.merges_deferred()
    assert window.desk.repo.search.inspect().sound
    window.close()
    assert leftovers(path) == ([], 0)


def test_the_same_file_imported_again_while_it_is_removed_comes_in(
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    held: HeldRemoval,
    boxes: list[str],
) -> None:
    """The reviewer who stopped a big import by quitting imports the file again after the
    next start, while its hidden half is still being removed: refused, "could not be read
    or written (UNIQUE constraint failed: articles.content_hash)"."""
    path = left_by_a_quit(tmp_path, monkeypatch)
    window = reopened_window(qtbot, path)
    qtbot.waitUntil(held.removing.is_set, timeout=10_000)

    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.import_files([tmp_path / "big.txt"])

    assert boxes == []
    assert "could not" not in window.statusBar().currentMessage()
    assert window.article_model.rowCount() == 2  # it came in, whole
    held.go_on.set()
    qtbot.waitUntil(lambda: not window.removal.running(), timeout=30_000)
    assert window.article_model.rowCount() == 2
    titles = [a.source_name for a in window.desk.articles.list_articles()]
    assert titles.count("big.txt") == 1
    [big] = [a for a in window.desk.articles.list_articles() if a.source_name == "big.txt"]
    assert big.sentence_count == 2_000
    assert window.desk.upkeep.check().ok
    window.close()
    assert leftovers(path) == ([], 0)


def test_check_workspace_during_the_removal_says_it_is_taken_out(
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    held: HeldRemoval,
    boxes: list[str],
) -> None:
    """Check Workspace run just after the open said the hidden article was "still being
    imported" (no import runs) and "removed when the workspace is next opened" (it is
    being removed now, the bar below saying so)."""
    path = left_by_a_quit(tmp_path, monkeypatch)
    window = reopened_window(qtbot, path)
    qtbot.waitUntil(held.removing.is_set, timeout=10_000)
    try:
        window.registry[ActionId.CHECK_WORKSPACE].trigger()
        qtbot.waitUntil(lambda: bool(boxes), timeout=30_000)
    finally:
        held.go_on.set()
    assert boxes[-1].startswith("The workspace is healthy."), boxes[-1]
    assert "1 article still being imported or taken out is not checked" in boxes[-1]
    assert "next opened" not in boxes[-1]
    qtbot.waitUntil(lambda: not window.removal.running(), timeout=30_000)
    window.close()
