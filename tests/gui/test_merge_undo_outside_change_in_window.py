"""Ctrl+Z of a merge refused for another program's change since (a second window on the
file, a script): the window says so and shows what that program saved. The refusal
named a change the open article did not show (a window that edits does not read others'
saves by itself), and a letter typed in the panel's stale fields wrote over it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import window_takes_keys
from tests.services.merge_fixtures import article_titled, make_alice, make_bob, sentence_ids


@pytest.fixture
def alice_window(tmp_path: Path, make_window: Callable[[Desk], MainWindow]) -> Iterator[MainWindow]:
    path = tmp_path / "alice.fcdesk"
    make_alice(path)
    make_bob(tmp_path / "bob.fcdesk")
    desk = Desk.open(path, backup=False)
    desk.reviewer = desk.edits.actor = "Carol"
    yield make_window(desk)
    desk.close()


def test_a_merge_undo_refused_shows_what_the_other_program_saved(
    alice_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = alice_window
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    bob = tmp_path / "bob.fcdesk"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(bob), ""))
    )
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.merging.merge_dialog()
    article = article_titled(window.desk, "minister")
    s = sentence_ids(window.desk, article)[3]
    window.load_article(article, s)
    assert window.current_sentence_id() == s
    assert window.statusBar().currentMessage().startswith("Merged")
    helper = window.desk.open_helper()  # another connection: as another program writes
    try:
        helper.reviews.set_text_field(s, "explanation", "Dora checked the March release.")
    finally:
        helper.close()
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window_takes_keys(qtbot, window)  # the merge's progress box has just closed
        window.sentence_view.setFocus()
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert any("changed since by another program (a review)" in text for text in shown)
    # The merge's own line stayed under the refusal, as if it stood as it was.
    said = window.statusBar().currentMessage()
    assert not said.startswith("Merged"), said
    row = window.sentence_model.rows()[window.sentence_model.row_of(s)]
    assert row.review.explanation == "Dora checked the March release."
    assert window.desk.reviews.review(s).explanation == "Dora checked the March release."
    assert window.current_sentence_id() == s
