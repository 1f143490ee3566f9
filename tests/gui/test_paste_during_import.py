"""The article's text pasted (Ctrl+Shift+V) while its file is still being saved in the
background: the paste took the file's text hash from the import under way (a rule meant
for what a quit left), and both came in, the file's as a second copy that no import or
merge again recognised. Now the paste is refused in words and the file comes in once."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services import importer as importer_module
from factcheck_app.storage.search import SearchIndex

TEXT = "".join(f"Line {number} said the minister.\n" for number in range(600))


def test_pasting_the_text_of_a_file_being_imported_is_refused_in_words(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, boxes: list[str]
) -> None:
    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    begun, go_on = threading.Event(), threading.Event()
    real = SearchIndex.merge_steps

    def held(index: SearchIndex, *args: Any, **kwargs: Any) -> None:
        # Between two slices (their merge steps), no transaction open: the first slice
        # is in, the article hidden, half-written.
        if threading.current_thread() is not threading.main_thread() and not begun.is_set():
            begun.set()
            go_on.wait(timeout=30)
        real(index, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "merge_steps", held)
    story = window.desk.path.parent / "minister.txt"  # type: ignore[union-attr]
    story.write_text(TEXT, encoding="utf-8")
    before = window.article_model.rowCount()
    window.import_files([story])
    assert begun.wait(30)
    try:
        QApplication.clipboard().setText(TEXT)
        window.registry[ActionId.PASTE_ARTICLE].trigger()
    finally:
        go_on.set()
    assert len(boxes) == 1 and "being imported already" in boxes[0], boxes
    qtbot.waitUntil(lambda: not window.imports.running(), timeout=30_000)
    assert window.article_model.rowCount() == before + 1  # the file, once
    hashes = [
        str(row[0]) for row in window.desk.repo.db.execute("SELECT content_hash FROM articles")
    ]
    assert not [h for h in hashes if h.startswith("removed")]


def test_ctrl_y_of_a_merge_bringing_the_text_of_a_file_being_imported_is_refused_in_words(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, boxes: list[str]
) -> None:
    """Ctrl+Y of a merge runs beside a background import (only a new merge waits for
    it): one bringing the file's text met the import's hidden article, and the box said
    the workspace "could not be read or written (UNIQUE constraint failed…)"."""
    from factcheck_app.services.desk import Desk

    monkeypatch.setattr(importer_module, "IMPORT_SLICE", 100)
    folder = window.desk.path.parent  # type: ignore[union-attr]
    story = folder / "minister.txt"
    story.write_text(TEXT, encoding="utf-8")
    colleague = folder / "colleague.fcdesk"
    theirs = Desk.open(colleague, backup=False)
    theirs.importer.import_file(story)
    theirs.close()
    window.desk.merge.merge(colleague)
    window.desk.undo()
    window.reload_articles()
    before = window.article_model.rowCount()
    begun, go_on = threading.Event(), threading.Event()
    real = SearchIndex.merge_steps

    def held(index: SearchIndex, *args: Any, **kwargs: Any) -> None:
        # The import held between two slices, its article hidden, half-written.
        if threading.current_thread() is not threading.main_thread() and not begun.is_set():
            begun.set()
            go_on.wait(timeout=30)
        real(index, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "merge_steps", held)
    window.import_files([story])
    assert begun.wait(30)
    try:
        window.registry[ActionId.REDO].trigger()
        qtbot.waitUntil(lambda: bool(boxes), timeout=30_000)
    finally:
        go_on.set()
    assert "being imported" in boxes[0], boxes
    assert "UNIQUE" not in boxes[0]
    qtbot.waitUntil(lambda: not window.imports.running(), timeout=30_000)
    assert window.article_model.rowCount() == before + 1  # the file, once
