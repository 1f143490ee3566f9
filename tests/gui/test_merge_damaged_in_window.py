"""File → Merge Workspace… of a colleague's damaged file, named with the words the
refusal was once cut at: the box says SQLite's report of the damage, of their file, with
the way out (a fresh copy), and nothing is merged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import WorkspaceDamaged
from factcheck_app.domain.printable import message_text
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.services.merge_fixtures import dump, make_alice
from tests.services.test_merge_damaged_names import _damaged_copy, _told


@pytest.mark.parametrize("name", ["Budget - It was left out.fcdesk", "a(b]*\u200f.fcdesk"])
def test_a_damaged_colleagues_file_is_refused_in_their_words_in_the_window(
    name: str,
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    theirs, report = _damaged_copy(tmp_path, name)
    alice = tmp_path / "alice.fcdesk"
    make_alice(alice)
    desk = Desk.open(alice, backup=False)
    try:
        window = make_window(desk)
        before = dump(desk)
        shown: list[tuple[str, str]] = []

        def answered(box: QMessageBox) -> int:
            shown.append((box.windowTitle(), box.text()))
            return 0

        monkeypatch.setattr(QMessageBox, "exec", answered)
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(theirs), ""))
        )
        with qtbot.waitSignal(window.merging.finished, timeout=20_000) as finished:
            qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
            menu = QApplication.activePopupWidget()
            assert isinstance(menu, QMenu) and menu.title() == "&File"
            qtbot.keyClick(menu, Qt.Key.Key_G)
        outcome = finished.args[0]
        assert isinstance(outcome.error, WorkspaceDamaged) and not outcome.pushed
        assert shown == [("The workspace was not merged", message_text(_told(theirs, report)))]
        assert dump(desk) == before
    finally:
        desk.close()
