"""The look at a copy taken while a desk had it open (services/copy_check.py) runs beside
the window, not on its thread: a year's copy held the window frozen for seconds as it
opened. The window says it is checking the copy, stays usable, and Cancel Check stops it
having changed nothing (the copy is looked at again at its next open); what it finds is
what the open found before."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.domain.models import SearchScope
from factcheck_app.gui import workspace_opener
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services import copy_check
from factcheck_app.services.desk import Desk
from factcheck_app.storage.locking import WriterLock
from factcheck_app.storage.two_moments import FOUND_SETTING
from tests.desk_left_open import desk_left_open
from tests.gui.conftest import press
from tests.services.merge_fixtures import SHARED
from tests.services.test_copy_of_two_moments import _two_moment_copy
from tests.services.test_copy_without_its_mark import _copy_without_its_mark

WAIT_MS = 20_000


class HeldLook:
    """The look's reading of the reviews, held in its thread until the test lets it go
    (or a Cancel interrupts it, as it interrupts SQLite's statement), noting its thread."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.threads: list[threading.Thread] = []
        self.entered = threading.Event()
        self.go = threading.Event()
        real = copy_check.reviews_unlike_history

        def held(db: Any) -> Any:
            self.threads.append(threading.current_thread())
            interrupted = threading.Event()
            db.interrupt = lambda: (interrupted.set(), self.go.set())  # the Cancel's
            self.entered.set()
            self.go.wait(WAIT_MS / 1000)
            if interrupted.is_set():
                raise WorkspaceError("interrupted")
            return real(db)

        monkeypatch.setattr(copy_check, "reviews_unlike_history", held)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the boxes shown, each answered."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


@pytest.fixture
def copy(tmp_path: Path) -> Iterator[tuple[Path, list[int]]]:
    yield _two_moment_copy(tmp_path)


def _state(path: Path) -> tuple[list[Any], ...]:
    """The reviews, history and search index rows of a file (read without locks: the
    window holds it)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return (
            conn.execute("SELECT * FROM reviews ORDER BY sentence_id").fetchall(),
            conn.execute("SELECT * FROM history ORDER BY id").fetchall(),
            conn.execute("SELECT rowid FROM search_index ORDER BY rowid").fetchall(),
        )
    finally:
        conn.close()


def _open_in_window(window: MainWindow, path: Path) -> None:
    window.workspace.switch_workspace(path)
    assert window.desk.path == path


@dataclass
class Checking:
    """A window that has opened the copy, its look held in its thread."""

    window: MainWindow
    held: HeldLook
    path: Path
    ids: list[int]


@pytest.fixture
def checking(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    copy: tuple[Path, list[int]],
    told: list[str],  # boxes answered before the window opens anything
    monkeypatch: pytest.MonkeyPatch,
) -> Checking:
    path, ids = copy
    window = make_window(seeded_desk)
    held = HeldLook(monkeypatch)
    _open_in_window(window, path)
    assert held.entered.wait(WAIT_MS / 1000)
    return Checking(window, held, path, ids)


def test_the_copy_is_checked_beside_a_usable_window_and_told_as_before(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    copy: tuple[Path, list[int]],
    told: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path, ids = copy
    twin = tmp_path / "twin" / path.name  # the same copy, looked at as the open did
    twin.parent.mkdir()
    shutil.copyfile(path, twin)
    window = make_window(seeded_desk)
    held = HeldLook(monkeypatch)
    _open_in_window(window, path)
    assert held.entered.wait(WAIT_MS / 1000)
    # Off the window's thread; the window says it is checking the copy.
    assert held.threads and held.threads[0] is not threading.main_thread()
    qtbot.waitUntil(window.check_progress.isVisible, timeout=WAIT_MS)
    assert "Checking this copy" in window.statusBar().currentMessage()
    assert "Checking the copy's reviews" in window.check_progress.stage.toolTip()
    assert window.registry[ActionId.CANCEL_CHECK].isEnabled()
    assert not any("two different moments" in text for text in told)  # not yet found
    # Usable meanwhile: an article opens, a key tags its sentence, saved at once.
    other = window.desk.articles.list_articles()
    window.open_article(other[0].id, ids[5])
    assert window.current_sentence_id() == ids[5]
    before_tag = window.desk.reviews.review(ids[5]).tag
    press(qtbot, window, "f")
    assert window.desk.reviews.review(ids[5]).tag != before_tag
    assert held.threads and not held.go.is_set()  # still checking meanwhile
    with qtbot.waitSignal(window.workspace.copy_look_ended, timeout=WAIT_MS):
        held.go.set()
    assert not window.check_progress.isVisible()
    assert not window.registry[ActionId.CANCEL_CHECK].isEnabled()
    # Told as the open told it before (the same copy, looked at on the spot).
    before = Desk.open(twin, backup=False)
    try:
        expected = "\n\n".join(before.notices[-2:])
        assert "holds reviews of two different moments" in expected
    finally:
        before.close()
    assert told[-1] == expected
    desk = window.desk
    assert desk.reviews.review(ids[0]).verdict == "mixed"  # named, never changed
    assert desk.reviews.review(ids[1]).verdict is None
    hits = desk.lookup.search("zebrafish", SearchScope.EXPLANATIONS).hits
    assert [hit.found.row.sentence.id for hit in hits] == [ids[2]]  # the index mended
    assert desk.repo.settings.get_setting(FOUND_SETTING) is not None


def test_cancel_leaves_the_copy_as_it_was_and_it_is_checked_at_its_next_open(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    copy: tuple[Path, list[int]],
    told: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, ids = copy
    before = _state(path)
    window = make_window(seeded_desk)
    held = HeldLook(monkeypatch)
    _open_in_window(window, path)
    assert held.entered.wait(WAIT_MS / 1000)
    with qtbot.waitSignal(window.workspace.copy_look_ended, timeout=WAIT_MS):
        window.registry[ActionId.CANCEL_CHECK].trigger()
    assert not window.check_progress.isVisible()
    assert "cancelled" in told[-1]
    assert "Nothing in it was changed or mended" in told[-1]
    assert "checks it again the next time it is opened" in told[-1]
    assert "cancelled" in window.statusBar().currentMessage()
    assert _state(path) == before  # no review, history entry or index row changed
    monkeypatch.undo()  # the next open looks for real
    window.close()
    again = Desk.open(path, backup=False)
    try:
        assert any("holds reviews of two different moments" in n for n in again.notices)
        assert again.reviews.review(ids[0]).verdict == "mixed"
    finally:
        again.close()


def test_closing_the_window_during_the_check_stops_it_and_loses_nothing(
    checking: Checking, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, path, ids = checking.window, checking.path, checking.ids
    window.desk.reviews.set_verdict(ids[5], "false")
    looking = window.desk.copy_looking
    assert looking is not None
    window.close()  # stops the look (its statement interrupted) and waits for it
    assert not looking.running()
    assert window.desk.closed
    monkeypatch.undo()
    again = Desk.open(path, backup=False)
    try:
        assert again.reviews.review(ids[5]).verdict == "false"  # the edit made meanwhile
        assert any("holds reviews of two different moments" in n for n in again.notices)
    finally:
        again.close()


def test_a_read_only_window_checks_the_copy_beside_it_too(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    copy: tuple[Path, list[int]],
    told: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, _ = copy
    # Another program edits it: the window opens it read-only, as the reviewer answers.
    lock = WriterLock.acquire(path, "another desk")
    monkeypatch.setattr(
        workspace_opener, "ask", lambda *args, **kwargs: QMessageBox.StandardButton.Open
    )
    try:
        window = make_window(seeded_desk)
        with qtbot.waitSignal(window.workspace.copy_look_ended, timeout=WAIT_MS):
            _open_in_window(window, path)
        assert window.desk.read_only
        assert "holds reviews of two different moments" in told[-1]
        assert "an index the desk builds for itself" in told[-1]
    finally:
        lock.release()


def test_a_look_that_fails_says_why_in_plain_sentences(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    copy: tuple[Path, list[int]],
    told: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, _ = copy

    def fails(db: Any) -> Any:
        raise WorkspaceError("The workspace could not be read.")

    monkeypatch.setattr(copy_check, "reviews_unlike_history", fails)
    window = make_window(seeded_desk)
    with qtbot.waitSignal(window.workspace.copy_look_ended, timeout=WAIT_MS):
        _open_in_window(window, path)
    assert "It could not be checked: The workspace could not be read. Nothing" in told[-1]
    assert ".." not in told[-1]  # the error's own full stop, not a second one
    assert "Copy not checked" in window.statusBar().currentMessage()
    assert window.desk.copy_look_due  # looked at again at its next open


def test_opening_another_workspace_during_the_check_stops_it_and_tells_nothing_after(
    seeded_desk: Desk, checking: Checking, told: list[str]
) -> None:
    first = seeded_desk.path
    assert first is not None
    window, path = checking.window, checking.path
    looking = window.desk.copy_looking
    assert looking is not None
    boxes = len(told)
    window.workspace.switch_workspace(first)  # stops the look, waits for its thread
    assert window.desk.path == first
    assert not looking.running() and looking.cancelled
    assert f"The check of the copy {path.name} stopped as it closed" in (
        window.statusBar().currentMessage()
    )
    assert not window.check_progress.isVisible()
    assert not window.registry[ActionId.CANCEL_CHECK].isEnabled()
    assert not window.workspace.check_running()
    QApplication.processEvents()  # the end its thread queued: of a workspace closed since
    assert len(told) == boxes  # no box about the copy over the workspace now open


def test_a_look_whose_index_mend_fails_ends_cleanly_and_is_made_again(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    copy: tuple[Path, list[int]],
    told: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reading done, the mend of the copy's search index failed (a full disk): the
    bare error was shown, the look never said it ended and the desk kept it as running."""
    path, _ = copy

    def mend_on_a_full_disk(*args: Any, **kwargs: Any) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(copy_check, "_mend_index", mend_on_a_full_disk)
    window = make_window(seeded_desk)
    ended: list[bool] = []
    window.workspace.copy_look_ended.connect(lambda: ended.append(True))
    _open_in_window(window, path)
    opened = len(told)  # the open's own notices
    qtbot.waitUntil(lambda: len(told) > opened or bool(ended), timeout=WAIT_MS)
    assert ended == [True]
    assert window.desk.copy_looking is None
    assert not window.check_progress.isVisible()
    assert not window.registry[ActionId.CANCEL_CHECK].isEnabled()
    assert not window.workspace.check_running()
    assert "Copy not checked" in window.statusBar().currentMessage()
    assert "two different moments" in told[-1] and "No space left on device" in told[-1]
    assert "checks it again the next time it is opened" in told[-1]
    assert window.desk.copy_look_due
    monkeypatch.undo()  # room made: its next open looks again, and mends the index
    window.close()
    again = Desk.open(path, backup=False)
    try:
        assert any("holds reviews of two different moments" in n for n in again.notices)
        assert any("search index of bob.fcdesk was incomplete" in n for n in again.notices)
    finally:
        again.close()


def test_restoring_a_backup_during_the_check_says_first_that_it_stops(
    checking: Checking, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restore from Backup said that it stops Check Workspace, never that it stops the
    check of the copy: that check's end simply never came."""
    from PySide6.QtWidgets import QLabel

    from factcheck_app.gui.dialogs.restore import RestoreBackupDialog

    window = checking.window
    window.desk.upkeep.backup_now()
    looking = window.desk.copy_looking
    assert looking is not None
    intros: list[str] = []

    def choose(dialog: RestoreBackupDialog) -> int:
        label = dialog.findChild(QLabel)
        assert label is not None
        intros.append(label.text())
        return 1

    monkeypatch.setattr(RestoreBackupDialog, "exec", choose)
    window.workspace.restore_from_backup()
    assert not looking.running()
    assert "The check of the copy, still running, is stopped by the restore" in intros[0]
    assert "Check Workspace" not in intros[0]
    assert window.statusBar().currentMessage().startswith("Restored the backup of ")


def test_a_copy_without_its_mark_is_checked_beside_the_window_and_told(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    tmp_path: Path,
    told: list[str],
) -> None:
    # Its settings page copied from before its desk's "open" mark (seed 909, copy 199):
    # its newest saves disagree with their history, so the window checks it whole, as a
    # marked copy, and tells it in the same box.
    path, ids = _copy_without_its_mark(tmp_path)
    window = make_window(seeded_desk)
    with qtbot.waitSignal(window.workspace.copy_look_ended, timeout=WAIT_MS):
        _open_in_window(window, path)
    assert "holds reviews of two different moments" in told[-1]
    assert "The search index of bob.fcdesk was incomplete" in told[-1]
    assert window.desk.reviews.review(ids[0]).verdict == "mixed"  # named, never changed
    assert window.desk.repo.settings.get_setting(FOUND_SETTING) is not None


def test_verdicts_awaiting_sign_off_are_told_once_the_check_s_line_has_gone(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    tmp_path: Path,
    told: list[str],
) -> None:
    """A copy Bob's open desk had saved whole, checked and found as its history says:
    the line that says so shows first, then (as its time runs out) how many of Bob's
    verdicts await sign-off. Before, the check's line was taken as a reason never to
    say it: the editor opening Bob's copy was told nothing of his verdicts."""
    bob, stick = tmp_path / "bob.fcdesk", tmp_path / "stick"
    stick.mkdir()
    with desk_left_open(bob, "Bob Stone") as other:
        ids = other.do("import", SHARED, "shared.txt")
        assert isinstance(ids, list)
        other.do("verdict", ids[0], "true")  # done, with a verdict: awaits sign-off
        assert other.do("settle") is True
        shutil.copyfile(bob, stick / bob.name)  # copied while his desk had it open
    window = make_window(seeded_desk)
    with qtbot.waitSignal(window.workspace.copy_look_ended, timeout=WAIT_MS):
        _open_in_window(window, stick / bob.name)
    status = window.statusBar()
    assert status.currentMessage().startswith("Checked the copy bob.fcdesk")  # its word first
    status.clearMessage()  # the check's line times out
    assert status.currentMessage().startswith("1 verdict by Bob Stone awaits sign-off")
