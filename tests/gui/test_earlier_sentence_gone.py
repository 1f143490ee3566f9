"""V (Copy Verdict) and Ctrl+Shift+L (Reuse Sources) when the earlier sentence chosen was
taken away by another program since its verdict was shown: they said "That sentence has
no verdict to copy" and "The earlier verdict has no source that is not linked here
already", both untrue. They say it was taken away, and the earlier verdicts are looked up
again (it is no longer offered)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import press
from tests.gui.test_refused_meanwhile_shown import another_program
from tests.gui.test_search_in_window import judged, show_earlier_verdicts

__all__ = ["judged"]  # the fixture, used by name

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.mark.parametrize("key", ["v", "ctrl+shift+l"])
def test_a_verdict_whose_sentence_was_taken_away_is_said_gone_and_looked_up_again(
    qtbot: QtBot,
    judged: tuple[Desk, int, int],
    make_window: Callable[[Desk], MainWindow],
    boxes: list[str],
    key: str,
) -> None:
    desk, judged_id, target = judged
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    assert window.panel.earlier.model.rowCount() == 1
    another_program(
        desk,
        ("PRAGMA foreign_keys = ON", []),
        ("DELETE FROM sentences WHERE id = ?", [judged_id]),
    )
    if key == "v":
        press(qtbot, window, "v")
    else:
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_L, CTRL_SHIFT)
    said = " ".join([*boxes, window.statusBar().currentMessage()])
    assert "taken away" in said
    assert "no verdict" not in said and "already" not in said
    assert desk.reviews.review(target).verdict is None
    assert desk.sources.links(target) == []
    qtbot.waitUntil(lambda: not window.search.earlier_timer.isActive(), timeout=5000)
    assert window.panel.earlier.model.rowCount() == 0  # no longer offered
