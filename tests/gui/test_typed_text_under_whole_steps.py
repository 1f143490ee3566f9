"""Typed text the workspace refused (a full disk) waits in its field: File → Remove Article…
and File → Merge Workspace… are not done meanwhile, as Merge with Next, Split and
Re-split are not (`test_typed_text_under_a_step.py`). Removed, the article took the
sentence the text waited for (nothing saved on it: "nothing was recorded", so removable);
merged, a colleague's review could put that sentence in conflict, where the text is
refused for good."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.controllers import articles as articles_controller
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.test_dialogs_on_a_full_disk import FullDisk
from tests.services.merge_fixtures import make_bob

EXPLANATION = "The census of 2019 counts 335,600 people, not 400,000."


@pytest.fixture
def waiting(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[MainWindow, FullDisk]:
    """The sample article open, an explanation typed on its first sentence and refused by
    a full disk: it waits in its field, retried."""
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # the full disk's box, once
    window = make_window(seeded_desk)
    article_id = seeded_desk.articles.list_articles()[0].id
    window.open_article(article_id)
    window.select_sentence(window.sentence_model.sentence_row(0).sentence.id)
    disk = FullDisk(seeded_desk.workspace.db.conn)
    monkeypatch.setattr(seeded_desk.workspace.db, "conn", disk)
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, EXPLANATION)
    panel.flush_pending_text()
    panel._retry_timer.stop()  # the test's own calls are the retries
    assert panel.has_pending_text()
    window.sentence_view.setFocus()
    return window, disk


def test_remove_article_waits_for_text_typed_on_it(
    waiting: tuple[MainWindow, FullDisk], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, disk = waiting
    desk = window.desk
    article_id = window.article_id
    typed_on = window.sentence_model.sentence_row(0).sentence.id
    monkeypatch.setattr(articles_controller, "ask", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.registry[ActionId.REMOVE_ARTICLE].trigger()
    said = window.statusBar().currentMessage()
    assert said.startswith("Remove Article not done: text you typed is NOT saved yet"), said
    assert article_id in [a.id for a in desk.articles.list_articles()]
    disk.full = False
    window.panel.flush_pending_text()  # its retry, once there is room
    assert desk.reviews.review(typed_on).explanation == EXPLANATION


def test_merge_workspace_waits_for_typed_text(
    waiting: tuple[MainWindow, FullDisk], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _disk = waiting
    desk = window.desk
    bob = tmp_path / "bob.fcdesk"
    make_bob(bob)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bob), ""))
    )
    before = [a.id for a in desk.articles.list_articles()]
    window.registry[ActionId.MERGE_WORKSPACE].trigger()
    assert not window.merging.running
    said = window.statusBar().currentMessage()
    assert said.startswith("Merge Workspace not done: text you typed is NOT saved yet"), said
    assert [a.id for a in desk.articles.list_articles()] == before
    assert window.panel.has_pending_text()
