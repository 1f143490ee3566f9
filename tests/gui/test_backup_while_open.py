"""A window left open for days (a laptop put to sleep, never quit) makes its automatic
backups as one opened afresh would: whenever the last is more than 4 hours old."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app.gui.controllers import workspace as workspace_controller
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups


def test_a_window_left_open_backs_up_again_once_its_last_backup_is_old(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the open made one: a window open from Monday to Friday had Monday morning's
    backup alone, and a damaged disk on Friday lost the week."""
    path = seeded_desk.path
    assert path is not None
    # Every 10 minutes in use; not there at all before (raising=False: fails by behaviour).
    monkeypatch.setattr(workspace_controller, "BACKUP_LOOK_MS", 20, raising=False)
    window = make_window(seeded_desk)
    qtbot.waitUntil(lambda: len(backups.list_backups(path)) == 1)  # the open's
    later = backups._now() + dt.timedelta(hours=4, minutes=5)  # the afternoon
    monkeypatch.setattr(backups, "_now", lambda: later)
    qtbot.waitUntil(lambda: len(backups.list_backups(path)) == 2, timeout=5000)
    assert [b.reason for b in backups.list_backups(path)] == ["auto", "auto"]
    running = window.desk.upkeep.background
    assert running is None or not running.running()


def test_a_backups_folder_that_cannot_be_listed_stops_no_window(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The look every 10 minutes lists the backups folder: on a network share that
    dropped, that is an I/O error, which reached the crash handler each time."""
    window = make_window(seeded_desk)

    def unreachable(_path: object) -> bool:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(backups, "backup_due", unreachable)
    window.workspace.back_up_if_due()  # says nothing now: the next save or look does
