"""The window's merge says which of an editor's approvals in the colleague's file it
left out, the checks they approved having changed here since: in its box, shown for it
even when nothing else came in (a merge that found nothing new says so in the status bar
alone, and the editor took her approvals for merged)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.services.merge_fixtures import make_approved_then_rewritten

NOT_TAKEN = (
    "2 of their approvals were of checks changed here since: not taken; approve those again."
)


def test_the_merge_box_says_the_approvals_left_out_even_with_nothing_new(
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    merge_boxes: list[str],
) -> None:
    ana, edith = make_approved_then_rewritten(tmp_path)
    desk = Desk.open(ana, backup=False)
    desk.reviewer = desk.edits.actor = "Ana Ruiz"
    try:
        window = make_window(desk)
        for _ in range(2):  # the second time nothing is new: the two are still left out
            with qtbot.waitSignal(window.merging.finished, timeout=20_000):
                window.merging.merge(edith)
            assert NOT_TAKEN in window.statusBar().currentMessage()
        first, again = merge_boxes
        assert first.startswith("Merged edith.fcdesk: 1 article matched.") and NOT_TAKEN in first
        assert "nothing new" in again and NOT_TAKEN in again
    finally:
        desk.close()


def test_the_merge_box_warns_of_approvals_here_gone_with_a_later_check(
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Edith merges Ana's file, whose two checks Ana rewrote after Edith's copy was made:
    # Edith's approvals of them go with the rewrites, and she must approve them again.
    # The box says so as a warning, as it does for approvals of hers not taken.
    ana, edith = make_approved_then_rewritten(tmp_path)
    boxes: list[tuple[QMessageBox.Icon, str]] = []

    def answered(box: QMessageBox) -> int:
        boxes.append((box.icon(), box.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answered)
    desk = Desk.open(edith, backup=False)
    desk.reviewer = desk.edits.actor = "Edith Park"
    try:
        window = make_window(desk)
        with qtbot.waitSignal(window.merging.finished, timeout=20_000):
            window.merging.merge(ana)
        [(icon, text)] = boxes
        assert "2 approvals here were of checks ana.fcdesk changed since" in text
        assert icon is QMessageBox.Icon.Warning
    finally:
        desk.close()
