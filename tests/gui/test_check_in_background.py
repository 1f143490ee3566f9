"""File → Check Workspace reads the workspace beside the window: its progress and Cancel
in the status bar, the window usable (and saving) meanwhile, the same report at the end.
On a year's workspace it held the window for 2.4 s (docs/performance.md)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.dialogs.restore import RestoreBackupDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.services.history import History
from factcheck_app.services.importer import ArticleImporter
from factcheck_app.services.upkeep import BackgroundCheck
from tests.conftest import SEED_FILE

# A safety net for a broken test (never a timing): the held check waits at most this long.
HOLD_LIMIT_S = 30


class HeldCheck:
    """Holds the check's thread at its last stage (the history) until the test lets it go
    or the check is cancelled: what the window does meanwhile is then certain to happen
    while the check runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        verify, cancel = History.verify, BackgroundCheck.cancel

        def held_verify(history: History, *args: Any, **kwargs: Any) -> Any:
            if threading.current_thread().name == "workspace check":
                self.entered.set()
                self.release.wait(HOLD_LIMIT_S)
            return verify(history, *args, **kwargs)

        def cancel_and_release(check: BackgroundCheck) -> None:
            cancel(check)
            self.release.set()

        monkeypatch.setattr(History, "verify", held_verify)
        monkeypatch.setattr(BackgroundCheck, "cancel", cancel_and_release)


def check_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "workspace check" and t.is_alive()]


def start_held_check(window: MainWindow, qtbot: QtBot, held: HeldCheck) -> None:
    window.registry[ActionId.CHECK_WORKSPACE].trigger()
    qtbot.waitUntil(held.entered.is_set)


def test_the_check_runs_beside_the_window_which_keeps_working_and_saving(
    window: MainWindow, qtbot: QtBot, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldCheck(monkeypatch)
    start_held_check(window, qtbot, held)
    assert window.workspace.check_running() and boxes == []
    assert window.registry[ActionId.CANCEL_CHECK].isEnabled()
    qtbot.waitUntil(lambda: window.check_progress.stage.text() == "Checking the history…")
    qtbot.waitUntil(window.check_progress.isVisible)  # shown once it lasts
    # Meanwhile the reviewer moves on and tags: the window answers, and saves.
    first = window.current_sentence_id()
    window.registry[ActionId.NEXT_SENTENCE].trigger()
    moved_to = window.current_sentence_id()
    assert moved_to is not None and moved_to != first
    window.registry[ActionId.TAG_CLAIM].trigger()
    assert window.desk.reviews.review(moved_to).tag is Tag.CLAIM
    held.release.set()
    qtbot.waitUntil(lambda: bool(boxes))
    assert boxes[-1].startswith("The workspace is healthy."), boxes
    assert "Search index: complete." in boxes[-1] and "every hash matches" in boxes[-1]
    assert not window.workspace.check_running() and not check_threads()
    assert not window.check_progress.isVisible()
    assert not window.registry[ActionId.CANCEL_CHECK].isEnabled()
    path = window.desk.path
    assert path is not None
    window.close()
    again = Desk.open(path, read_only=True)
    try:
        assert again.reviews.review(moved_to).tag is Tag.CLAIM  # the save made meanwhile
        assert again.upkeep.check().ok
    finally:
        again.close()


def test_a_workspace_with_broken_links_is_reported_as_before(
    window: MainWindow, qtbot: QtBot, boxes: list[str]
) -> None:
    db = window.desk.workspace.db
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("INSERT INTO reviews (sentence_id, status) VALUES (999, 'done')")
    window.registry[ActionId.CHECK_WORKSPACE].trigger()
    assert boxes == []  # told when the check ends, not before
    qtbot.waitUntil(lambda: bool(boxes))
    assert boxes[-1].startswith("The workspace has problems.")
    assert "Links between records: 1 broken reference." in boxes[-1]


def test_an_incomplete_search_index_is_mended_after_the_check_and_said(
    window: MainWindow, qtbot: QtBot, boxes: list[str]
) -> None:
    window.desk.workspace.db.execute("DELETE FROM search_index WHERE rowid IN (1, 2)")
    assert window.desk.lookup.search("Ganja 332000").total == 0
    window.registry[ActionId.CHECK_WORKSPACE].trigger()
    qtbot.waitUntil(lambda: bool(boxes))
    assert boxes[-1].startswith("The workspace is healthy.")
    assert "Search index: 2 sentences missing from it or out of date there" in boxes[-1]
    assert window.desk.lookup.search("Ganja 332000").total == 1
    window.registry[ActionId.CHECK_WORKSPACE].trigger()
    qtbot.waitUntil(lambda: len(boxes) == 2)
    assert "Search index: complete." in boxes[-1]


def test_shown_search_results_follow_the_mended_index(
    window: MainWindow, qtbot: QtBot, boxes: list[str]
) -> None:
    """A search run before the check missed the sentences the index lacked; once the check
    has mended it, the results shown are those of the mended index, not the stale list."""
    window.desk.workspace.db.execute("DELETE FROM search_index WHERE rowid IN (1, 2)")
    window.search.open_search()
    panel = window.search_panel
    panel.query_edit.setText("Ganja 332000")
    panel.run_search()
    assert panel.model.rowCount() == 0
    window.registry[ActionId.CHECK_WORKSPACE].trigger()
    qtbot.waitUntil(lambda: bool(boxes))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)


@pytest.mark.parametrize("how", ["Cancel button", "menu"])
def test_cancel_stops_the_check_and_changes_nothing(
    window: MainWindow,
    qtbot: QtBot,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    # An index a finished check would mend: cancelled, it stays as it was.
    window.desk.workspace.db.execute("DELETE FROM search_index WHERE rowid IN (1, 2)")
    held = HeldCheck(monkeypatch)
    start_held_check(window, qtbot, held)
    if how == "Cancel button":
        qtbot.waitUntil(window.check_progress.isVisible)
        qtbot.mouseClick(window.check_progress.cancel_button, Qt.MouseButton.LeftButton)
    else:
        window.registry[ActionId.CANCEL_CHECK].trigger()
    qtbot.waitUntil(lambda: not window.workspace.check_running())
    assert window.statusBar().currentMessage() == "Check cancelled: nothing was changed."
    assert boxes == [] and not check_threads()
    assert window.desk.lookup.search("Ganja 332000").total == 0  # not mended either


def test_esc_goes_back_to_the_sentences_and_leaves_the_check_running(
    window: MainWindow, qtbot: QtBot, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Esc is pressed all day to get back to the list: it does not throw away a check the
    reviewer asked for (nor does it stop an import)."""
    held = HeldCheck(monkeypatch)
    start_held_check(window, qtbot, held)
    window.article_list.setFocus()
    qtbot.keyClick(window.article_list, Qt.Key.Key_Escape)
    assert window.sentence_view.hasFocus()
    assert window.workspace.check_running()
    held.release.set()
    qtbot.waitUntil(lambda: len(boxes) == 1)
    assert boxes[0].startswith("The workspace is healthy.")


def test_choosing_it_again_while_it_runs_starts_no_second_check(
    window: MainWindow, qtbot: QtBot, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldCheck(monkeypatch)
    start_held_check(window, qtbot, held)
    window.registry[ActionId.CHECK_WORKSPACE].trigger()
    assert "being checked" in window.statusBar().currentMessage()
    assert len(check_threads()) == 1
    held.release.set()
    qtbot.waitUntil(lambda: not window.workspace.check_running())
    assert len(boxes) == 1 and boxes[0].startswith("The workspace is healthy.")


def test_closing_the_window_while_it_checks_stops_the_check(
    window: MainWindow,
    qtbot: QtBot,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    held = HeldCheck(monkeypatch)
    start_held_check(window, qtbot, held)
    desk = window.desk
    window.close()
    assert desk.closed and not check_threads()  # stopped and waited for
    qtbot.waitUntil(lambda: not window.isVisible())
    window.statusBar().showMessage("")  # a late report would be told after this
    QApplication.processEvents()
    assert boxes == [] and window.statusBar().currentMessage() == ""
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


def test_a_read_only_window_checks_but_never_mends(
    tmp_path: Path, qtbot: QtBot, boxes: list[str], make_window: Callable[[Desk], MainWindow]
) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM search_index WHERE rowid IN (1, 2)")
    conn.commit()
    conn.close()
    window = make_window(Desk.open(path, read_only=True))
    window.registry[ActionId.CHECK_WORKSPACE].trigger()
    qtbot.waitUntil(lambda: bool(boxes))
    assert "Search index: incomplete or damaged, so a search may miss sentences" in boxes[-1]
    window.close()
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT count(*) FROM search_index").fetchone()[0] == 10  # as it was
    finally:
        conn.close()


def test_the_report_names_text_that_is_not_utf8_and_changes_nothing(
    window: MainWindow, qtbot: QtBot, boxes: list[str]
) -> None:
    """A title with a byte no UTF-8 text has reads as "A�B" everywhere; the check says
    where it is, in the report's words, and leaves it as it is."""
    db = window.desk.workspace.db
    db.execute("UPDATE articles SET title = CAST(X'41ff42' AS TEXT) WHERE id = 1")
    window.registry[ActionId.CHECK_WORKSPACE].trigger()
    qtbot.waitUntil(lambda: bool(boxes))
    assert boxes[-1].startswith("The workspace has problems.")
    assert "Text that is not UTF-8: 1 field holds bytes" in boxes[-1]
    assert "Article 1, “A\ufffdB”: its title." in boxes[-1]
    assert db.execute("SELECT hex(CAST(title AS BLOB)) FROM articles").fetchone()[0] == "41FF42"


def test_an_article_still_being_imported_is_not_taken_for_damage(
    window: MainWindow,
    qtbot: QtBot,
    boxes: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Check Workspace while an import wrote its article (in a read-only window, while
    another desk imported, too): its row was in, its text not yet, and the report said
    "The workspace has problems … missing or overlapping text … Restore the newest
    backup", a restore that would have thrown away the day's work."""
    begun, go_on = threading.Event(), threading.Event()
    write_slice = ArticleImporter._write_slice

    def held(importer: ArticleImporter, *args: Any) -> Any:
        begun.set()  # the article's row is saved, its text not yet
        go_on.wait(HOLD_LIMIT_S)
        return write_slice(importer, *args)

    monkeypatch.setattr(ArticleImporter, "_write_slice", held)
    story = tmp_path / "story.txt"
    story.write_text("The mayor said rents fell by 4%. Critics disagreed.\n", encoding="utf-8")
    before = window.article_model.rowCount()
    window.import_files([story])
    assert begun.wait(HOLD_LIMIT_S)
    try:
        window.registry[ActionId.CHECK_WORKSPACE].trigger()
        qtbot.waitUntil(lambda: bool(boxes))
    finally:
        go_on.set()
    assert boxes[-1].startswith("The workspace is healthy."), boxes[-1]
    assert "1 article still being imported or taken out is not checked" in boxes[-1]
    qtbot.waitUntil(lambda: not window.imports.running())
    assert window.article_model.rowCount() == before + 1  # and it came in whole


def test_opening_another_workspace_stops_the_check_and_says_so(
    window: MainWindow,
    qtbot: QtBot,
    boxes: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check asked for was dropped without a word when another workspace was opened:
    its report never came, and nothing said it would not."""
    other = tmp_path / "other.fcdesk"
    made = Desk.open(other, backup=False)
    made.importer.import_file(SEED_FILE)
    made.close()
    held = HeldCheck(monkeypatch)
    start_held_check(window, qtbot, held)
    first = window.desk
    window.workspace.switch_workspace(other)
    assert first.closed and not check_threads() and window.desk.path == other
    assert not window.workspace.check_running()
    assert window.statusBar().currentMessage() == (
        "Check Workspace of test.fcdesk stopped as it closed: nothing was changed."
    )
    QApplication.processEvents()  # its end, if told late, would show a report now
    assert boxes == []


def test_restoring_a_backup_says_first_that_the_check_stops(
    window: MainWindow,
    qtbot: QtBot,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Restore from Backup stopped a running check without a word (opening another
    workspace said so): its report simply never came. The restore's dialog says it before
    the reviewer chooses (Cancel leaves the check running); the status bar after keeps to
    where the previous workspace was kept."""
    window.desk.upkeep.backup_now()
    held = HeldCheck(monkeypatch)
    start_held_check(window, qtbot, held)
    intros: list[str] = []

    def choose(dialog: RestoreBackupDialog) -> int:
        intros.append(dialog.findChild(QLabel).text())
        return 1

    monkeypatch.setattr(RestoreBackupDialog, "exec", choose)
    first = window.desk
    window.workspace.restore_from_backup()
    assert window.desk is not first and first.closed and not check_threads()
    assert not window.workspace.check_running()
    assert "Check Workspace, still running, is stopped by the restore" in intros[0]
    assert window.statusBar().currentMessage().startswith("Restored the backup of ")
    QApplication.processEvents()  # its end, if told late, would show a report now
    assert boxes == []


def test_opening_the_read_only_workspace_for_editing_says_the_check_stopped(
    tmp_path: Path,
    qtbot: QtBot,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """Its banner's Open for editing reopened the workspace and dropped the check of the
    read-only connection without a word."""
    path = tmp_path / "w.fcdesk"
    made = Desk.open(path, backup=False)
    made.importer.import_file(SEED_FILE)
    made.close()
    window = make_window(Desk.open(path, read_only=True))
    held = HeldCheck(monkeypatch)
    start_held_check(window, qtbot, held)
    window.workspace.switch_workspace(path)
    assert not window.desk.read_only and not check_threads()
    assert not window.workspace.check_running()
    assert window.statusBar().currentMessage() == (
        "Check Workspace of w.fcdesk stopped as it closed: nothing was changed. "
        "The workspace is open for editing here now."
    )
    QApplication.processEvents()
    assert boxes == []


def test_the_report_can_be_read_again_after_its_box_is_closed(
    window: MainWindow, qtbot: QtBot, boxes: list[str]
) -> None:
    """The check runs beside the review, and its report's box comes up when it ends: an
    Enter or Space typed then closed it, and what the check found (what it mended, once
    only) was gone. Recent Messages keeps the report, line by line, and the status bar
    says so."""
    db = window.desk.workspace.db
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("INSERT INTO reviews (sentence_id, status) VALUES (999, 'done')")
    window.registry[ActionId.CHECK_WORKSPACE].trigger()
    qtbot.waitUntil(lambda: bool(boxes))  # the box, answered (as an Enter would)
    kept = window.message_log.lines()
    assert any("The workspace has problems." in line for line in kept)
    assert any("Links between records: 1 broken reference." in line for line in kept)
    told = [*window.notices.owed(), window.statusBar().currentMessage()]
    assert any("problems" in line and "Ctrl+Shift+J" in line for line in told)


def test_the_review_pass_is_shown_and_cancelled_in_the_status_bar(
    window: MainWindow,
    qtbot: QtBot,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check's last step, every review read against its history (up to a second on a
    year's workspace), showed a full bar still saying "Checking the history…", and Cancel
    waited for its end. It is shown by name now, and the Cancel button stops it there."""
    from factcheck_app.storage import two_moments

    monkeypatch.setattr(two_moments, "RANGE", 3)  # the seed's sentences in several ranges
    entered, release = threading.Event(), threading.Event()
    read: list[object] = []
    ranged = two_moments._candidates

    def held_range(*args: Any) -> dict[int, int]:
        if threading.current_thread().name == "workspace check":
            read.append(args)
            if len(read) == 2:  # the bar has moved past the first range
                entered.set()
                release.wait(HOLD_LIMIT_S)
        return ranged(*args)

    monkeypatch.setattr(two_moments, "_candidates", held_range)
    window.registry[ActionId.CHECK_WORKSPACE].trigger()
    qtbot.waitUntil(entered.is_set)
    stage = window.check_progress.stage
    qtbot.waitUntil(lambda: stage.text() == "Checking the reviews…")
    qtbot.waitUntil(window.check_progress.isVisible)
    qtbot.mouseClick(window.check_progress.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not window.workspace.check_running())
    assert window.statusBar().currentMessage() == "Check cancelled: nothing was changed."
    assert boxes == [] and not check_threads()
    assert len(read) == 2  # no range read after the Cancel
