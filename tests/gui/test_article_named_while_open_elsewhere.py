"""An article double-clicked in the file manager while the desk is open elsewhere.

The file manager starts a second desk window with the article named on its command line.
The workspace is in use by the first window, so the second offers to open it read-only;
once it did, the article could not be imported, and all that said so was a status-bar
line, "This workspace is open read-only: nothing was changed.", naming no article and
gone in seconds under the banner: the reviewer took the article for imported. A box now
names it and says where to import it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.app import open_workspace, show_opening_window
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE


def _boxes(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box.text())
        return answer.value

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def _article(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text("Budget vote delayed again. The minister said 40% are spent.", "utf-8")
    return path


def test_an_article_named_to_a_window_opened_read_only_is_said_not_imported(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.fcdesk"
    first = Desk.open(path, purpose="the desk window")  # the first window, editing
    try:
        first.importer.import_file(SEED_FILE)
        article = _article(tmp_path, "budget vote.txt")
        shown = _boxes(monkeypatch, QMessageBox.StandardButton.Open)  # "Open Read-Only"
        window = show_opening_window(path)
        qtbot.add_widget(window)
        assert open_workspace(window, path, seed=False)  # as run_gui opens it
        assert window.desk.read_only
        assert "being changed by another Factcheck desk" in shown[0]

        window.import_files([article])  # as run_gui does with the files named

        assert len(shown) == 2, window.statusBar().currentMessage()
        assert shown[1].startswith("budget vote.txt was not imported: this window opened")
        assert "drop it onto that window" in shown[1]
        assert first.articles.count() == 1  # nothing imported anywhere, and said so
        window.close()
    finally:
        first.close()


def test_articles_named_to_a_window_open_for_editing_are_imported_without_a_box(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.fcdesk"
    Desk.open(path).close()
    shown = _boxes(monkeypatch, QMessageBox.StandardButton.Ok)
    window = show_opening_window(path)
    qtbot.add_widget(window)
    assert open_workspace(window, path, seed=False)
    window.import_files([_article(tmp_path, "budget vote.txt")])
    qtbot.waitUntil(lambda: window.article_model.rowCount() == 1, timeout=10000)
    assert shown == []
    window.close()
