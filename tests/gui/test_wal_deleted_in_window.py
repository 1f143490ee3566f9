"""The window says, once, that its workspace's -wal was deleted under it, and keeps
every save in the workspace file itself from then on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import press


def test_the_window_says_once_that_its_wal_was_deleted(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(seeded_desk)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    path = seeded_desk.path
    assert path is not None
    sid = window.current_sentence_id()
    assert sid is not None
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink()
    press(qtbot, window, "c")
    assert seeded_desk.reviews.review(sid).tag is Tag.CLAIM
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)  # the window's look, every second
    assert f"deleted {path.name}-wal" in shown[0] and "Nothing is lost" in shown[0]
    assert "Quit the desk and start it again" in shown[0]
    window.workspace.check_outside_changes()
    press(qtbot, window, "d")
    assert len(shown) == 1  # once
    assert seeded_desk.reviews.review(sid).tag is Tag.DENIAL
