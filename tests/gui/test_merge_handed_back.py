"""The checker merges the editor's file handed back, in a 1024×640 window, keyboard only:
Edith approved one verdict, returned one with a note and changed a third, which Ana
changed too meanwhile. What the merge did, and where to go next, must be readable."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.services.merge_fixtures import (
    article_titled,
    make_three_articles,
    open_as,
    sentence_ids,
)


@pytest.fixture
def edith(tmp_path: Path) -> Path:
    """Ana's workspace as Edith hands it back, and Ana's own, changed meanwhile."""
    ana, edith = tmp_path / "ana.fcdesk", tmp_path / "edith.fcdesk"
    make_three_articles(ana, "Ana Ruiz", 0)
    shutil.copyfile(ana, edith)  # Ana's desk closed: the file is whole
    desk = open_as(edith, "Edith Park")
    try:
        bridge, port, school = (article_titled(desk, w) for w in ("bridge", "port", "school"))
        desk.sign_offs.approve(sentence_ids(desk, port)[0])
        desk.sign_offs.send_back(sentence_ids(desk, bridge)[0], "Which year's accounts?")
        desk.reviews.set_verdict(sentence_ids(desk, school)[1], "false")
    finally:
        desk.close()
    desk = open_as(ana, "Ana Ruiz")
    try:
        desk.reviews.set_verdict(sentence_ids(desk, article_titled(desk, "school"))[1], "true")
    finally:
        desk.close()
    return edith


@pytest.fixture
def ana_window(
    tmp_path: Path, edith: Path, make_window: Callable[[Desk], MainWindow]
) -> Iterator[MainWindow]:
    desk = open_as(tmp_path / "ana.fcdesk", "Ana Ruiz")
    window = make_window(desk)
    window.resize(1024, 640)
    yield window
    desk.close()


def _merge_by_keys(
    qtbot: QtBot, window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Alt+F, G, the file dialog answered with `path`; the boxes shown, answered."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), ""))
    )
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        qtbot.keyClick(menu, Qt.Key.Key_G)
    # The progress box has closed: the window takes the keys back once it is active again,
    # a queued event later. The next Alt+F (a merge again), sent before, went nowhere.
    qtbot.waitUntil(window.sentence_view.hasFocus)
    return shown


def test_what_the_merge_did_and_where_to_go_is_read_whole_at_1024(
    ana_window: MainWindow, edith: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status bar's one line cut the message off at 1024 px ("…Their decision or
    sign-off taken on 2 sente"), "F8 goes to the first." with it, and it went after 10 s;
    its tooltip is out of a keyboard user's reach. "F8 goes to the first." follows the
    conflicts it goes to: at the message's end, after "Their decision or sign-off taken on
    2 sentences." (or that the file was copied while open), "the first" read as the first
    of those."""
    window = ana_window
    shown = _merge_by_keys(qtbot, window, edith, monkeypatch)
    said = window.statusBar().currentMessage()
    assert said.startswith("Merged edith.fcdesk:")
    assert "1 sentence in conflict. F8 goes to the first. Their decision" in said
    assert len(shown) == 1
    box = shown[0]
    assert box.startswith(said)  # every word of it
    assert "1 sentence in conflict" in box and "taken on 2 sentences" in box
    # The editor's return is what the checker came back for.
    assert "1 of your verdicts was returned by an editor" in box
    assert "Show → Returned" in box
    # The box answered, the keys are back in the sentence list, where F8 goes on.
    assert window.sentence_view.hasFocus()


def test_a_merge_that_brings_nothing_new_says_so_in_the_status_bar_only(
    ana_window: MainWindow, edith: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = ana_window
    _merge_by_keys(qtbot, window, edith, monkeypatch)
    again = _merge_by_keys(qtbot, window, edith, monkeypatch)
    assert again == []
    assert "nothing new" in window.statusBar().currentMessage()


def test_back_up_now_names_the_copy_to_hand_over_before_its_folder(
    ana_window: MainWindow, qtbot: QtBot
) -> None:
    """Handing the workspace over while the desk is open: Back Up Now, then copy the file
    it names. "Backup saved: /home/ana/.local/share/factcheck-desk/workspace-backups/
    workspace-20261206-025249Z-manual.fcde" was all a 1024-pixel status bar showed: the
    name to look for was what it cut."""
    window = ana_window
    window.registry[ActionId.BACKUP_NOW].trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Backup saved"))
    [made] = [b.path for b in backups.list_backups(window.desk.path) if b.reason == "manual"]
    said = window.statusBar().currentMessage()
    assert said == f"Backup saved as {made.name}, in {made.parent}"
