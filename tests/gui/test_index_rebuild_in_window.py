"""A search index to rebuild (out of date, damaged, or its rebuild cut short) is rebuilt
beside the window: its progress and Cancel in the status bar, the window answering and
saving meanwhile, searches waiting for it (and saying so). On a year's workspace the
rebuild held the window for 8 s (docs/performance.md)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import factcheck_app.storage.search as search_module
from factcheck_app.domain.matching import SEARCH_INDEX_VERSION
from factcheck_app.domain.models import Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.search_models import SearchResultModel
from factcheck_app.services.desk import Desk
from factcheck_app.services.upkeep import BackgroundRebuild
from factcheck_app.storage.search import VERSION_SETTING
from tests.conftest import SEED_FILE
from tests.services.test_index_rebuild import version_setting
from tests.storage.test_search_index import SECOND_ARTICLE, assert_index_current

HOLD_LIMIT_S = 30  # a safety net for a broken test, never a timing
REBUILD_THREAD = "search index rebuild"


class HeldRebuild:
    """Holds the rebuild's thread after its first step (between two transactions) until
    the test lets it go or the rebuild is cancelled: what the window does meanwhile is
    then certain to happen while the rebuild runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        real = BackgroundRebuild._tell
        told = 0

        def held(rebuild: BackgroundRebuild, done: int) -> None:
            nonlocal told
            told += 1
            if told == 2:  # the first is said before any step
                self.entered.set()
                self.release.wait(HOLD_LIMIT_S)
            real(rebuild, done)

        cancel = BackgroundRebuild.cancel

        def cancel_and_release(rebuild: BackgroundRebuild) -> None:
            cancel(rebuild)
            self.release.set()

        monkeypatch.setattr(BackgroundRebuild, "_tell", held)
        monkeypatch.setattr(BackgroundRebuild, "cancel", cancel_and_release)


def rebuild_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == REBUILD_THREAD and t.is_alive()]


@pytest.fixture
def stale_path(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace of two articles whose index an older version made (closed), rebuilt
    in steps of two sentences."""
    import factcheck_app.storage.search as search_module
    from factcheck_app.services import upkeep

    monkeypatch.setattr(search_module, "REBUILD_BATCH", 2)
    monkeypatch.setattr(upkeep, "REBUILD_STEP_SECONDS", 0.0)
    desk.importer.import_file(SEED_FILE)
    desk.importer.import_text(SECOND_ARTICLE, source_name="second.txt")
    desk.repo.settings.set_setting(VERSION_SETTING, str(SEARCH_INDEX_VERSION - 1))
    path = desk.path
    assert path is not None
    desk.close()
    return path


@pytest.fixture
def open_window(
    make_window: Callable[[Desk], MainWindow],
) -> Iterator[Callable[[Path], MainWindow]]:
    """A window on a workspace, opened as the window opens one (`search_index="beside"`)."""

    def open_it(path: Path) -> MainWindow:
        return make_window(Desk.open(path, backup=False, search_index="beside"))

    yield open_it


def count_said(window: MainWindow) -> str:
    """The count beside the search field, whole (its tooltip when it is cut)."""
    label = window.search_panel.count_label
    return label.toolTip() or label.text()


def search_for(window: MainWindow, qtbot: QtBot, words: str) -> None:
    window.registry[ActionId.SEARCH_WORKSPACE].trigger()
    panel = window.search_panel
    panel.query_edit.setText(words)
    panel.run_search()


def test_the_index_is_rebuilt_beside_the_window_which_keeps_working_and_saving(
    stale_path: Path,
    open_window: Callable[[Path], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    held = HeldRebuild(monkeypatch)
    window = open_window(stale_path)
    qtbot.waitUntil(held.entered.is_set)
    assert window.index.running()
    assert window.registry[ActionId.CANCEL_REBUILD].isEnabled()
    assert window.registry[ActionId.CANCEL_REBUILD].text() == "Cancel I&ndex Rebuild"
    assert window.rebuild_progress.cancel_button.text() == "Cancel Rebuild"
    qtbot.waitUntil(window.rebuild_progress.isVisible)  # shown once it lasts
    assert window.rebuild_progress.stage.text().startswith("Rebuilding the search index… ")
    assert window.rebuild_progress.stage.text().endswith(" %")
    # A search waits for the index, and says so; the window answers and saves.
    search_for(window, qtbot, "Ganja 332000")
    panel = window.search_panel
    assert panel.model.rowCount() == 0
    assert count_said(window).startswith("Waiting for the search index (")
    assert panel.view.empty_text.startswith("The search index is being rebuilt (")
    assert panel.view.empty_text.endswith("%): the search runs when it is done.")
    window.sentence_view.setFocus()
    first = window.current_sentence_id()
    window.registry[ActionId.NEXT_SENTENCE].trigger()
    moved_to = window.current_sentence_id()
    assert moved_to is not None and moved_to != first
    window.registry[ActionId.TAG_CLAIM].trigger()
    assert window.desk.reviews.review(moved_to).tag is Tag.CLAIM
    held.release.set()
    # Done: the progress goes, and the search waiting for it runs.
    qtbot.waitUntil(lambda: not window.index.running())
    assert not window.rebuild_progress.isVisible()
    assert not window.registry[ActionId.CANCEL_REBUILD].isEnabled()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert "The search index is rebuilt" in window.statusBar().currentMessage()
    assert not rebuild_threads()
    assert window.desk.repo.settings.get_setting(VERSION_SETTING) == str(SEARCH_INDEX_VERSION)
    assert_index_current(window.desk)


@pytest.mark.parametrize("how", ["Cancel button", "menu"])
def test_cancel_stops_the_rebuild_and_search_says_what_it_may_miss(
    stale_path: Path,
    open_window: Callable[[Path], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    held = HeldRebuild(monkeypatch)
    window = open_window(stale_path)
    qtbot.waitUntil(held.entered.is_set)
    if how == "menu":
        window.registry[ActionId.CANCEL_REBUILD].trigger()
    else:
        window.rebuild_progress.cancel_button.click()
    held.release.set()
    qtbot.waitUntil(lambda: not window.index.running())
    assert "Rebuilding the search index was stopped" in window.statusBar().currentMessage()
    assert not window.rebuild_progress.isVisible() and not rebuild_threads()
    stored = window.desk.repo.settings.get_setting(VERSION_SETTING) or ""
    assert stored.startswith(f"{SEARCH_INDEX_VERSION} rebuilding after ")
    search_for(window, qtbot, "Ganja")
    assert "the search index is only partly rebuilt (" in count_said(window)


def test_check_workspace_goes_on_with_a_rebuild_cut_short(
    stale_path: Path,
    open_window: Callable[[Path], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    boxes: list[str],
) -> None:
    held = HeldRebuild(monkeypatch)
    window = open_window(stale_path)
    qtbot.waitUntil(held.entered.is_set)
    window.registry[ActionId.CANCEL_REBUILD].trigger()
    held.release.set()
    qtbot.waitUntil(lambda: not window.index.running())
    window.registry[ActionId.CHECK_WORKSPACE].trigger()
    qtbot.waitUntil(lambda: bool(boxes))
    assert "Search index: being rebuilt beside the window" in boxes[-1]
    qtbot.waitUntil(lambda: window.desk.repo.search.rebuild_due() is None)
    qtbot.waitUntil(lambda: not window.index.running())
    assert_index_current(window.desk)


def test_a_rebuild_started_again_takes_back_the_line_that_it_was_stopped(
    stale_path: Path,
    open_window: Callable[[Path], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    boxes: list[str],
) -> None:
    """Cancel Index Rebuild, then Check Workspace, which starts it again at once: the
    status bar went on saying "Rebuilding the search index was stopped at 57 %: a search
    may miss sentences…" beside the progress of the rebuild running again."""
    plain_cancel = BackgroundRebuild.cancel
    held = HeldRebuild(monkeypatch)
    window = open_window(stale_path)
    qtbot.waitUntil(held.entered.is_set)
    window.registry[ActionId.CANCEL_REBUILD].trigger()
    held.release.set()
    qtbot.waitUntil(lambda: not window.index.running())
    assert "Rebuilding the search index was stopped" in window.statusBar().currentMessage()
    again = HeldRebuild(monkeypatch)
    # Held until let go below: starting it stops the ended one, whose Cancel let it go.
    monkeypatch.setattr(BackgroundRebuild, "cancel", plain_cancel)
    window.registry[ActionId.CHECK_WORKSPACE].trigger()
    qtbot.waitUntil(again.entered.is_set)
    assert window.index.running() and boxes
    assert "was stopped" not in window.statusBar().currentMessage()
    again.release.set()
    qtbot.waitUntil(lambda: not window.index.running())
    owed = window.notices.owed()  # under the check's line: "… healthy"
    assert any(line.startswith("The search index is rebuilt") for line in owed), owed
    assert not any("was stopped" in line for line in owed), owed


def test_check_workspace_has_a_damaged_index_rebuilt_beside_the_window(
    window: MainWindow, qtbot: QtBot, boxes: list[str]
) -> None:
    window.desk.workspace.db.execute("DELETE FROM search_index_data WHERE id > 10")
    window.registry[ActionId.CHECK_WORKSPACE].trigger()
    qtbot.waitUntil(lambda: bool(boxes))
    assert "it is being rebuilt beside the window" in boxes[-1], boxes[-1]
    qtbot.waitUntil(lambda: window.desk.repo.search.rebuild_due() is None)
    qtbot.waitUntil(lambda: not window.index.running())
    assert window.desk.lookup.search("Ganja 332000").total == 1


def test_quitting_mid_rebuild_leaves_it_to_go_on_at_the_next_open(
    stale_path: Path,
    open_window: Callable[[Path], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    held = HeldRebuild(monkeypatch)
    window = open_window(stale_path)
    qtbot.waitUntil(held.entered.is_set)
    window.close()  # nothing asked: nothing is lost
    assert not rebuild_threads()
    assert version_setting(stale_path).startswith(f"{SEARCH_INDEX_VERSION} rebuilding after ")
    again = open_window(stale_path)
    qtbot.waitUntil(lambda: again.desk.repo.search.rebuild_due() is None)
    qtbot.waitUntil(lambda: not again.index.running())
    assert_index_current(again.desk)


def test_the_rebuilds_commits_do_not_read_the_article_list_again(
    stale_path: Path,
    open_window: Callable[[Path], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window looks every second for what another connection saved; each step of a
    rebuild is such a save, and the article list's query (55-70 ms of a year's workspace)
    ran every second of the rebuild. Only an article that came in or went reloads it."""
    from factcheck_app.storage.stores.articles import ArticleStore

    held = HeldRebuild(monkeypatch)
    window = open_window(stale_path)
    qtbot.waitUntil(held.entered.is_set)  # one step committed
    listed: list[int] = []
    real = ArticleStore.list_articles
    monkeypatch.setattr(
        ArticleStore, "list_articles", lambda store: listed.append(1) or real(store)
    )
    window.workspace.check_outside_changes()
    assert listed == []
    helper = window.desk.open_helper()  # as a background import writes
    helper.importer.import_text("A third article. It came in beside the rebuild.")
    helper.close()
    window.workspace.check_outside_changes()
    assert listed == [1] and window.article_model.rowCount() == 3
    held.release.set()
    qtbot.waitUntil(lambda: not window.index.running())


def test_the_search_that_waited_runs_a_stretch_of_the_index_per_turn(
    stale_path: Path,
    open_window: Callable[[Path], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ranking every match of a common word at once held a year's window for 100 ms in
    the turn the rebuild ended (docs/performance.md): it is ranked a stretch per turn."""
    from factcheck_app.storage.search import SearchIndex

    monkeypatch.setattr(search_module, "RANK_STRETCH", 2)
    stretches: list[tuple[int, int]] = []
    real = SearchIndex.ranked_in

    def noted(
        self: SearchIndex, expression: str, stretch: tuple[int, int], **options: object
    ) -> list[tuple[float, int]]:
        stretches.append(stretch)
        return real(self, expression, stretch, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(SearchIndex, "ranked_in", noted)
    held = HeldRebuild(monkeypatch)
    window = open_window(stale_path)
    qtbot.waitUntil(held.entered.is_set)
    search_for(window, qtbot, "Ganja")
    panel = window.search_panel
    assert stretches == []  # it waits
    held.release.set()
    qtbot.waitUntil(lambda: not window.index.running())
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    assert len(set(stretches)) == len(stretches) > 2  # each stretch ranked once
    shown = [
        panel.model.index(row, 0).data(SearchResultModel.SentenceIdRole)
        for row in range(panel.model.rowCount())
    ]
    at_once = window.desk.lookup.search("Ganja")
    assert sorted(shown) == sorted(h.found.row.sentence.id for h in at_once.hits)
    assert count_said(window) == f"{at_once.total} matches"


def test_a_search_in_steps_ends_without_results_once_its_workspace_is_closed(
    stale_path: Path,
    open_window: Callable[[Path], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window went to another workspace between two steps: nothing of the closed one
    is shown, and no "Search failed"."""
    from factcheck_app.domain.models import SearchScope

    monkeypatch.setattr(search_module, "RANK_STRETCH", 2)
    window = open_window(stale_path)
    qtbot.waitUntil(lambda: not window.index.running())
    steps = window._search_in_steps("Ganja", SearchScope.EVERYWHERE)
    assert next(steps) is None  # the count; the stretches follow
    window.desk.close()
    assert list(steps) == []
