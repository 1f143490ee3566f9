"""The box a folder import ends with when files were refused: which failed and why, on
the screen, and a list the reviewer can copy with the keyboard.

A folder of scanned PDFs (40 refused) made a box that named every one, each reason
four lines at 16 pt: it ran past the bottom of a 1024×640 screen, its OK button out of
sight, and its words could not be copied at all (Qt's box text is not selectable from
the keyboard, and its Show Details box took no focus)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QTextEdit
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk


def folder_with_refusals(tmp_path: Path, good: int, bad: int) -> tuple[Path, list[str]]:
    """A folder of `good` short articles and `bad` empty files (refused as holding no
    article text); the names of the bad ones, in the order a folder import takes them."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for number in range(good):
        (folder / f"wire-{number:02}.txt").write_text(
            f"Police said {number} people were arrested. The mayor denied it.", encoding="utf-8"
        )
    bad_names = [f"council-minutes-scan-{number:02}.txt" for number in range(bad)]
    for name in bad_names:
        (folder / name).write_bytes(b"")
    return folder, bad_names


def test_many_refused_files_leave_the_box_on_a_1024x640_screen_at_16_pt(
    large_font: object,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(seeded_desk)
    # 640 px high, and no wider than the screen Qt lays the box out on (offscreen: 800 px,
    # where the box wraps its text narrower, so taller, than at 1024).
    room = QRect(0, 0, min(window.screen().availableGeometry().width(), 1024), 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    folder, bad = folder_with_refusals(tmp_path, good=5, bad=40)
    boxes: list[tuple[str, str, int]] = []

    def shown(box: QMessageBox) -> int:
        box.show()  # laid out as the reviewer sees it
        QApplication.processEvents()
        boxes.append((box.text(), box.detailedText(), box.frameGeometry().height()))
        box.hide()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown)
    before = window.article_model.rowCount()
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.import_files([folder])
    assert window.article_model.rowCount() == before + 5
    [(text, details, height)] = boxes
    assert height <= room.height() - 40, height  # with its title bar: OK in sight
    assert "Imported: 5" in text and "Refused: 40" in text
    assert f"{bad[0]}: " in text  # the first still named, with why
    assert f"{bad[-1]}: " not in text
    assert "more files were refused" in text  # the rest counted
    for name in bad:  # every one, with why, to copy
        assert f"{name}: The file has no article text" in details


def test_the_refused_files_can_be_copied_with_the_keyboard(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three bad files among good ones: Tab to Show Details, Space, Tab into the list,
    Ctrl+A, Ctrl+C: the clipboard holds which failed and why."""
    folder, bad = folder_with_refusals(tmp_path, good=4, bad=3)
    QApplication.clipboard().clear()
    copied: list[str] = []

    def shown(box: QMessageBox) -> int:
        # Nothing raised in here: the import's end would never be heard.
        box.show()
        box.activateWindow()
        QApplication.processEvents()
        show_details = [
            button
            for button in box.findChildren(QPushButton)
            if box.buttonRole(button) == QMessageBox.ButtonRole.ActionRole
        ]
        if show_details:
            show_details[0].setFocus()
            qtbot.keyClick(show_details[0], Qt.Key.Key_Space)
            qtbot.keyClick(show_details[0], Qt.Key.Key_Tab)
            listed = QApplication.focusWidget()
            if isinstance(listed, QTextEdit):
                qtbot.keyClick(listed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
                qtbot.keyClick(listed, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        copied.append(QApplication.clipboard().text())
        box.hide()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown)
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.import_files([folder])
    [clipboard] = copied
    assert [line.split(":")[0] for line in clipboard.splitlines()] == bad
    assert all("The file has no article text" in line for line in clipboard.splitlines())
