"""A read-only window on a workspace whose search index is out of date (a backup of an
older version, a workspace another desk holds, a file on a read-only medium) builds its
private in-memory index beside itself, as the writable window rebuilds its own: progress
and Cancel in the status bar, searches waiting for it and saying so. Built on the
window's thread, it held a year's workspace for 5 s at the open (docs/performance.md).
The workspace file is never written, and nothing of the private index outlives it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import factcheck_app.storage.search as search_module
from factcheck_app.domain.errors import WorkspaceFull
from factcheck_app.domain.matching import SEARCH_INDEX_VERSION
from factcheck_app.domain.models import SearchScope
from factcheck_app.gui.actions import SPECS, ActionId, key_sequences
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services import upkeep
from factcheck_app.services.desk import Desk
from factcheck_app.services.upkeep import BackgroundPrivateIndex
from factcheck_app.storage.search import VERSION_SETTING, SearchIndex
from tests.conftest import SEED_FILE
from tests.gui.test_index_rebuild_in_window import count_said, search_for
from tests.gui.test_search_in_window import judged as judged_fixture
from tests.gui.test_search_in_window import show_earlier_verdicts
from tests.services.test_index_rebuild import version_setting
from tests.storage.test_search_index import (
    SECOND_ARTICLE,
    _refuse_writing_the_index,
    digest,
    hit_ids,
    seed_ids,
)

HOLD_LIMIT_S = 30  # a safety net for a broken test, never a timing
OLD_VERSION = str(SEARCH_INDEX_VERSION - 1)
PRIVATE_THREAD = "private search index"


class HeldBuild:
    """Holds the build's thread after its first step until the test lets it go or the
    build is cancelled: what the window does meanwhile happens while it runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        real = BackgroundPrivateIndex._tell
        told = 0

        def held(job: BackgroundPrivateIndex, done: int) -> None:
            nonlocal told
            told += 1
            real(job, done)
            if told == 2:  # the first is said before any step
                self.entered.set()
                self.release.wait(HOLD_LIMIT_S)

        cancel = BackgroundPrivateIndex.cancel

        def cancel_and_release(job: BackgroundPrivateIndex) -> None:
            cancel(job)
            self.release.set()

        monkeypatch.setattr(BackgroundPrivateIndex, "_tell", held)
        monkeypatch.setattr(BackgroundPrivateIndex, "cancel", cancel_and_release)


@pytest.fixture
def stale_path(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace of two articles whose index an older version made (closed), indexed in
    steps of two sentences."""
    monkeypatch.setattr(search_module, "REBUILD_BATCH", 2)
    monkeypatch.setattr(upkeep, "PRIVATE_STEP_SECONDS", 0.0)
    desk.importer.import_file(SEED_FILE)
    desk.importer.import_text(SECOND_ARTICLE, source_name="second.txt")
    desk.repo.settings.set_setting(VERSION_SETTING, OLD_VERSION)
    path = desk.path
    assert path is not None
    desk.close()
    return path


@pytest.fixture
def indexing_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of the thread each batch of indexing ran in."""
    names: list[str] = []
    real = SearchIndex._insert_rows

    def noted(self: SearchIndex, ids: list[int]) -> None:
        names.append(threading.current_thread().name)
        real(self, ids)

    monkeypatch.setattr(SearchIndex, "_insert_rows", noted)
    return names


def open_read_only(make_window: Callable[[Desk], MainWindow], path: Path) -> MainWindow:
    """A read-only window, opened as File → Open Workspace opens one."""
    return make_window(Desk.open(path, read_only=True, backup=False, search_index="beside"))


def private_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == PRIVATE_THREAD and t.is_alive()]


def test_a_read_only_window_builds_its_private_index_beside_itself(
    stale_path: Path,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    indexing_threads: list[str],
) -> None:
    before = digest(stale_path)
    held = HeldBuild(monkeypatch)
    window = open_read_only(make_window, stale_path)
    assert window.desk.read_only
    qtbot.waitUntil(held.entered.is_set)
    assert window.index.running()
    assert window.registry[ActionId.CANCEL_REBUILD].isEnabled()
    qtbot.waitUntil(window.rebuild_progress.isVisible)
    assert window.rebuild_progress.stage.text().startswith("Building the search index… ")
    # Named for what it stops (not a rebuild), with the same key and place.
    cancel = window.registry[ActionId.CANCEL_REBUILD]
    assert cancel.text() == "Cancel I&ndex Build"
    assert cancel.shortcuts() == key_sequences(SPECS[ActionId.CANCEL_REBUILD])
    assert window.rebuild_progress.cancel_button.text() == "Cancel Build"
    # A search waits for the index, and says so; the window answers meanwhile.
    search_for(window, qtbot, "Ganja 332000")
    panel = window.search_panel
    assert panel.model.rowCount() == 0
    assert count_said(window).startswith("Waiting for the search index (")
    assert panel.view.empty_text.startswith("The search index is being built (")
    window.sentence_view.setFocus()
    first = window.current_sentence_id()
    window.registry[ActionId.NEXT_SENTENCE].trigger()
    assert window.current_sentence_id() not in (None, first)
    held.release.set()
    # Done: the progress goes, and the search that waited runs on the private index.
    qtbot.waitUntil(lambda: not window.index.running())
    assert not window.rebuild_progress.isVisible()
    assert not window.registry[ActionId.CANCEL_REBUILD].isEnabled()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert "The search index is built" in window.statusBar().currentMessage()
    assert not private_threads()
    # Never on the window's thread, and the workspace never written.
    assert indexing_threads and set(indexing_threads) == {PRIVATE_THREAD}
    window.close()
    assert digest(stale_path) == before
    assert version_setting(stale_path) == OLD_VERSION


@pytest.mark.parametrize("how", ["Cancel button", "menu"])
def test_cancel_keeps_what_was_built_and_search_says_what_it_may_miss(
    stale_path: Path,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    before = digest(stale_path)
    held = HeldBuild(monkeypatch)
    window = open_read_only(make_window, stale_path)
    qtbot.waitUntil(held.entered.is_set)
    if how == "menu":
        window.registry[ActionId.CANCEL_REBUILD].trigger()
    else:
        window.rebuild_progress.cancel_button.click()
    qtbot.waitUntil(lambda: not window.index.running())
    assert "Building the search index was stopped at" in window.statusBar().currentMessage()
    assert not window.rebuild_progress.isVisible() and not private_threads()
    # The first step's sentences (the sample article's first two) are searched.
    rows = window.desk.repo.search.row_count()
    sentences = window.desk.workspace.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
    assert 0 < rows < sentences
    search_for(window, qtbot, "Armenia")
    assert "the search index is only partly built (" in count_said(window)
    window.close()
    assert digest(stale_path) == before


def test_closing_the_window_stops_the_build(
    stale_path: Path,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = digest(stale_path)
    held = HeldBuild(monkeypatch)
    window = open_read_only(make_window, stale_path)
    qtbot.waitUntil(held.entered.is_set)
    window.index.stop()  # as the workspace's close does
    assert not private_threads()
    assert not window.index.running()
    window.close()
    assert digest(stale_path) == before


def test_a_current_index_is_searched_as_it_is(
    desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    indexing_threads: list[str],
) -> None:
    desk.importer.import_file(SEED_FILE)
    path = desk.path
    assert path is not None
    desk.close()
    indexing_threads.clear()
    window = open_read_only(make_window, path)
    assert window.desk.repo.search.table == "search_index"
    assert not window.index.running()
    assert indexing_threads == []


judged = judged_fixture  # the judged sentence and its rewording, as the search tests have it


@pytest.fixture
def stale_judged(
    judged: tuple[Desk, int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[Path, int]:
    """(a closed workspace with a judged sentence and its rewording, whose index an older
    version made; the rewording's id), indexed in steps of two sentences."""
    monkeypatch.setattr(search_module, "REBUILD_BATCH", 2)
    monkeypatch.setattr(upkeep, "PRIVATE_STEP_SECONDS", 0.0)
    desk, _judged_id, target = judged
    desk.repo.settings.set_setting(VERSION_SETTING, OLD_VERSION)
    path = desk.path
    assert path is not None
    desk.close()
    return path, target


def test_earlier_verdicts_say_they_wait_for_the_index_and_come_when_it_is_built(
    stale_judged: tuple[Path, int],
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """They are looked up in the private index: before it is handed over the box says why
    it is empty (not "no judged sentence resembles this one"), and fills in after,
    without the reviewer moving."""
    path, target = stale_judged
    held = HeldBuild(monkeypatch)
    window = open_read_only(make_window, path)
    qtbot.waitUntil(held.entered.is_set)
    show_earlier_verdicts(qtbot, window, target)
    box = window.panel.earlier
    assert box.model.rowCount() == 0
    assert box.details.text().startswith("Earlier verdicts appear once the search index is built (")
    assert "resembles" not in box.details.text()
    assert box.title.text().startswith("Earl&ier verdicts (index ")  # seen unscrolled
    assert box.title.text().endswith(" % built)")
    held.release.set()
    qtbot.waitUntil(lambda: not window.index.running())
    qtbot.waitUntil(lambda: box.model.rowCount() == 1)
    assert window.current_sentence_id() == target
    assert "No independent count" in box.details.text()
    window.close()


def test_a_writable_workspace_on_a_full_disk_builds_its_private_index_beside_the_window(
    stale_path: Path,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The disk is full: the workspace's own index cannot be rebuilt, so it is searched
    through a private one, which was built as the window opened, on its thread (a year's
    workspace: seconds frozen). It is built as a read-only window's is, beside it, and
    what the reviewer saves meanwhile is in it when it is handed over."""
    indexed: list[tuple[str, list[int]]] = []  # (thread, sentence ids) of each batch
    real = SearchIndex._insert_rows

    def noted(self: SearchIndex, ids: list[int]) -> None:
        indexed.append((threading.current_thread().name, list(ids)))
        real(self, ids)

    monkeypatch.setattr(SearchIndex, "_insert_rows", noted)
    _refuse_writing_the_index(monkeypatch)
    held = HeldBuild(monkeypatch)
    window = make_window(Desk.open(stale_path, backup=False, search_index="beside"))
    desk = window.desk
    assert not desk.read_only
    qtbot.waitUntil(held.entered.is_set)
    assert window.index.running()
    assert window.registry[ActionId.CANCEL_REBUILD].text() == "Cancel I&ndex Build"
    assert window.rebuild_progress.cancel_button.text() == "Cancel Build"
    # No indexing on the window's thread: the open and the window left it all to the build.
    assert indexed and {thread for thread, _ids in indexed} == {PRIVATE_THREAD}
    # A save while it is built (the disk has room again) is in the index handed over.
    edited = seed_ids(desk)[2]
    desk.reviews.set_text_field(edited, "claimant", "Pashinyan")
    held.release.set()
    qtbot.waitUntil(lambda: not window.index.running())
    assert "The search index is built" in window.statusBar().currentMessage()
    assert hit_ids(desk, "Pashinyan", SearchScope.CLAIMANTS) == {edited}
    assert hit_ids(desk, "332000") != set()  # the rest of the workspace is searched too
    # The window's thread indexed only the sentence saved.
    assert {tuple(ids) for thread, ids in indexed if thread != PRIVATE_THREAD} <= {(edited,)}
    assert not private_threads()
    window.close()


def test_after_a_failed_build_saves_are_not_kept_for_it_and_a_retry_indexes_only_its_own(
    stale_path: Path,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A writable workspace on a full disk whose private index could not be built: every
    sentence saved afterwards was kept in a list for an index that never came, for the
    rest of the session, and a Check Workspace that built it after all indexed all of
    them again on the window's thread, in the turn that handed the index over."""
    indexed: list[tuple[str, list[int]]] = []  # (thread, sentence ids) of each batch
    real_rows = SearchIndex._insert_rows

    def noted(self: SearchIndex, ids: list[int]) -> None:
        indexed.append((threading.current_thread().name, list(ids)))
        real_rows(self, ids)

    monkeypatch.setattr(SearchIndex, "_insert_rows", noted)
    _refuse_writing_the_index(monkeypatch)
    real_work = BackgroundPrivateIndex._work
    failing = threading.Event()
    failing.set()

    def fails(job: BackgroundPrivateIndex) -> None:
        if failing.is_set():
            raise WorkspaceFull("The disk is full: the change was NOT saved.")
        real_work(job)

    monkeypatch.setattr(BackgroundPrivateIndex, "_work", fails)
    window = make_window(Desk.open(stale_path, backup=False, search_index="beside"))
    desk = window.desk
    said = window.statusBar().currentMessage
    qtbot.waitUntil(lambda: not window.index.running() and "could not be built" in said())
    QApplication.processEvents()  # the open may try twice: both fail
    qtbot.waitUntil(lambda: not window.index.running())
    assert "The search index could not be built" in said()
    # The reviewer goes on working: nothing of it is kept for the index that failed.
    ids = seed_ids(desk)
    for sid in ids[:4]:
        desk.reviews.set_text_field(sid, "claimant", "Pashinyan")
    assert not desk.repo.search._saved_while_building
    # Tried again (as Check Workspace does): the build reads those saves itself, and the
    # window's thread indexes again only what is saved while it runs.
    desk.upkeep.stop_rebuild()  # the failed job let go first: HeldBuild hears every cancel
    held = HeldBuild(monkeypatch)
    indexed.clear()
    failing.clear()
    window.index.start_if_due()
    qtbot.waitUntil(held.entered.is_set)
    desk.reviews.set_text_field(ids[5], "claimant", "Aliyev")
    held.release.set()
    qtbot.waitUntil(lambda: not window.index.running())
    assert "The search index is built" in window.statusBar().currentMessage()
    assert hit_ids(desk, "Pashinyan", SearchScope.CLAIMANTS) == set(ids[:4])
    assert hit_ids(desk, "Aliyev", SearchScope.CLAIMANTS) == {ids[5]}
    # (the save itself, then once more after the handover: that one alone)
    assert {tuple(batch) for thread, batch in indexed if thread != PRIVATE_THREAD} == {(ids[5],)}
    assert not desk.repo.search._saved_while_building
    window.close()
