"""A read-only window that read its workspace without the stray -wal beside it holds no
SQLite lock (see tests/storage/test_lockless_readers.py). When a desk opens that workspace
for editing (setting the -wal aside, writing), the window went on showing the workspace
as it was, for hours, or met the new pages as "damaged … restore it from a backup". It
says once that another program changed it, and reads it again when asked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.storage.test_lockless_readers import IMPORTS, edit, make_stray

Button = QMessageBox.StandardButton


def _answering(
    monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton
) -> tuple[list[str], list[str]]:
    shown: list[str] = []
    buttons: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        buttons.extend(b.text() for b in box.buttons())
        return button.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return shown, buttons


def test_read_it_again_shows_the_editors_work_at_the_same_article(
    tmp_path: Path,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stray = make_stray(tmp_path)
    reader = Desk.open(stray, read_only=True)
    window = make_window(reader)
    assert window.article_model.rowCount() == 3
    article = window.article_id
    shown, buttons = _answering(monkeypatch, Button.Open)
    edit(stray)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)  # the window's look, every second
    assert "was changed by another program" in shown[0]
    assert "it is not damaged" in shown[0] and "restore" not in shown[0]
    assert "&Read It Again" in buttons
    assert window.desk is not reader and reader.closed
    assert window.desk.read_only
    assert window.desk.workspace.read_without is None  # read with SQLite's locks now
    assert window.article_model.rowCount() == 3 + IMPORTS
    assert window.article_id == article
    window.workspace.check_outside_changes()
    assert len(shown) == 1


def test_later_keeps_the_window_and_asks_no_more(
    tmp_path: Path,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stray = make_stray(tmp_path)
    reader = Desk.open(stray, read_only=True)
    window = make_window(reader)
    shown, _buttons = _answering(monkeypatch, Button.Cancel)
    edit(stray)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert window.desk is reader
    window.workspace.check_outside_changes()
    window.workspace.check_outside_changes()
    assert len(shown) == 1  # told once, not every second
