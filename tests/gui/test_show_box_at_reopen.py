"""The Show box set back to "All sentences" as a workspace opens again (the sentence the
reviewer was on no longer listed by it): said, but not in place of what the opening says."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SentenceFilter
from factcheck_app.services.desk import Desk
from tests.gui.conftest import press
from tests.gui.test_show_box_lists_none import show
from tests.gui.test_workspace_moved_later import _boxes, _move, _way_back


def test_the_way_back_still_says_the_workspace_is_open_for_editing_again(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The line saying the Show box went back to "All sentences" took the bar first, and
    "The workspace is open for editing here again" was not said at all: the reviewer,
    told just before that nothing was saved, was not told it saves again."""
    window = make_window(seeded_desk)
    window.sentence_view.setFocus()
    press(qtbot, window, "c")  # the first sentence a claim
    show(window, SentenceFilter.CLAIMS)
    sentence = window.current_sentence_id()
    assert sentence is not None
    press(qtbot, window, "x")  # and no longer: still listed, until the box is chosen again
    assert window.current_sentence_id() == sentence
    _move(seeded_desk)
    _boxes(monkeypatch)
    window.workspace.check_outside_changes()  # "Later"
    _way_back(window).click()
    assert window.current_sentence_id() == sentence  # back where the reviewer was
    assert window.filter_box.currentText() == "All sentences"
    said = window.statusBar().currentMessage()
    assert "open for editing here again" in said
