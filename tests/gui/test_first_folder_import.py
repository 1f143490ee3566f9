"""The first folder imported into an empty workspace: the window opens the first article
that comes in by itself (its look at the workspace, once a second, lists it). That was
taken for the reviewer's work, so the box naming the refused files never came up, only
a count in the status bar, and the last article was not opened."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.services.importer import ArticleImporter, ImportResult

STORY = "The mayor said the bridge would open in May. Critics denied it at once.\n"


def test_a_folder_into_an_empty_workspace_names_its_refused_files_in_a_box(
    desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
    qtbot: QtBot,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "today"
    folder.mkdir()
    (folder / "a-bridge.txt").write_text(STORY, encoding="utf-8")
    (folder / "b-empty.txt").write_bytes(b"")
    (folder / "c-photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    (folder / "d-council.txt").write_text(
        "The council voted on Monday. The budget grew by 4 percent.\n", encoding="utf-8"
    )
    # The second file waits until the window has looked at the workspace once.
    first_in, go_on = threading.Event(), threading.Event()
    real = ArticleImporter.import_file

    def held(importer: ArticleImporter, path: Path, progress: object = None) -> ImportResult:
        if path.name != "a-bridge.txt":
            first_in.set()
            go_on.wait(timeout=30)
        return real(importer, path, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(ArticleImporter, "import_file", held)
    window = make_window(desk)
    assert window.article_id is None  # an empty workspace: nothing open

    window.import_files([folder])
    try:
        assert first_in.wait(timeout=30)
        window.workspace.check_outside_changes()  # what its timer does once a second
        assert window.article_id is not None  # it opened the article that came in
    finally:
        go_on.set()
    qtbot.waitUntil(lambda: not window.imports.running(), timeout=30_000)

    assert len(boxes) == 1
    assert "Refused: 2" in boxes[0]
    assert "b-empty.txt" in boxes[0] and "c-photo.txt" in boxes[0]
    council = [a.id for a in desk.articles.list_articles() if a.title.startswith("The council")]
    assert window.article_id == council[0]  # the last one in opens, as in any import
