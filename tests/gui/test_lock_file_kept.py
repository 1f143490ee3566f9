"""The window puts its writer lock's file back when a clean-up script deletes it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import WorkspaceInUse
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.storage import locking
from tests.conftest import SEED_FILE


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    made = Desk.open(tmp_path / "w.fcdesk", purpose="the desk window")
    made.importer.import_file(SEED_FILE)
    yield made
    made.close()


@pytest.fixture
def elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows or macOS, or for a desk on another computer sharing the folder: no
    look through this computer's processes finds the window's deleted lock file."""
    monkeypatch.setattr(locking, "holders_of_deleted", lambda path: [])


def test_a_deleted_lock_file_is_put_back_and_keeps_a_second_writer_out(
    desk: Desk, qtbot: QtBot, make_window: Callable[[Desk], MainWindow], elsewhere: None
) -> None:
    """`rm *.lock` under the open window: nothing protected the workspace any more, and
    a second program made a new lock file, took it and wrote beside the window (whose
    Ctrl+Z then put back what that one saved). The window notices within its watch
    interval and takes a fresh lock at the same path."""
    window = make_window(desk)
    assert desk.path is not None
    lock = locking.lock_path(desk.path)
    lock.unlink()
    qtbot.waitUntil(lock.exists, timeout=5000)
    with pytest.raises(WorkspaceInUse, match="the desk window, process"):
        Desk.open(desk.path)
    window.workspace.check_outside_changes()  # nothing more to do, nothing said
    assert lock.exists()
    window.close()
    Desk.open(desk.path).close()  # and the window's close frees it as ever


def test_a_second_writer_that_got_in_meanwhile_is_told_once(
    desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    elsewhere: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another program took the workspace in the moment its lock file was gone: the
    reviewer is told, once, naming it, that two programs now change it."""
    window = make_window(desk)
    assert desk.path is not None
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    locking.lock_path(desk.path).unlink()
    other = locking.WriterLock.acquire(desk.path, "a Factcheck desk command")
    try:
        window.workspace.check_outside_changes()
        window.workspace.check_outside_changes()
        assert len(shown) == 1
        assert "lock file" in shown[0] and "deleted" in shown[0]
        assert "a Factcheck desk command, process" in shown[0]
    finally:
        other.release()
    window.workspace.check_outside_changes()  # the other is gone: the lock is back
    with pytest.raises(WorkspaceInUse, match="the desk window"):
        Desk.open(desk.path)
