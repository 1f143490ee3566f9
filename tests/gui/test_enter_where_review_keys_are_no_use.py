"""Enter in the sentence list says what to do where the tag and verdict keys are no use:
in a workspace with no article yet (where the keys start), and on a sentence in conflict."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Status
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.test_conflict_navigation import _merge_by_keys, _next_conflict
from tests.gui.test_keys_with_no_article import BRING_ONE_IN
from tests.services.merge_fixtures import make_three_articles, open_as

pytestmark = pytest.mark.usefixtures("merge_boxes")


def test_enter_in_an_empty_workspace_says_to_bring_an_article_in(
    qtbot: QtBot, tmp_path: Path, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A new team workspace opens with the keys in the sentence list: Enter there named
    C, D, F and 1–6, each of which then said there is no article yet."""
    window = make_window(Desk.open(tmp_path / "new.fcdesk"))
    window.statusBar().clearMessage()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == BRING_ONE_IN


@pytest.fixture
def editor(tmp_path: Path, make_window: Callable[[Desk], MainWindow]) -> Iterator[MainWindow]:
    path = tmp_path / "alice.fcdesk"
    make_three_articles(path, "Alice", 0, {("bridge", 0): "Alice's reasons."})
    desk = open_as(path, "Alice")
    window = make_window(desk)
    window.resize(1024, 640)
    yield window
    desk.close()


def test_enter_on_a_sentence_in_conflict_names_the_versions_key(
    qtbot: QtBot, editor: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a merge, Enter on a sentence whose reviewers disagree named the tag and
    verdict keys, each refused with a box until one of their versions is kept."""
    bob = tmp_path / "bob.fcdesk"
    make_three_articles(bob, "Bob", 1, {("bridge", 0): "Bob's reasons."})
    _merge_by_keys(qtbot, editor, bob, monkeypatch)
    _next_conflict(qtbot)
    editor.sentence_view.setFocus()
    row = editor.current_row()
    assert row is not None and row.review.status is Status.CONFLICT
    status = editor.statusBar()
    status.clearMessage()
    qtbot.keyClick(editor.sentence_view, Qt.Key.Key_Return)
    said = status.currentMessage()
    assert said.startswith("Enter opens nothing here: reviewers disagree"), said
    assert "Ctrl+Shift+D goes to their versions" in said
    room = status.width() - editor.progress_label.sizeHint().width() - 24
    assert status.fontMetrics().horizontalAdvance(said) <= room
