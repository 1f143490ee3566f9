"""Article files dropped onto a window that opened its workspace read-only.

Such a window can import nothing. A file dropped there said only "This workspace is open
read-only: nothing was changed." in the status bar, gone in seconds, naming no article:
the reviewer took it for imported, as with an article named on the command line. A box
now names the dropped files, says they were not imported, and where to import them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.workspace_strip import DISK_FULL, IN_USE
from factcheck_app.services.desk import Desk
from factcheck_app.storage.workspace import SCHEMA_VERSION
from tests.gui.conftest import drop_urls


def _boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Each box shown, answered OK: (title, text)."""
    shown: list[tuple[str, str]] = []

    def exec_(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), box.text()))
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def _read_only_window(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> tuple[MainWindow, int]:
    """A window on the seeded workspace opened read-only as another desk window edits it
    (the reviewer answered Open Read-Only), and its article count."""
    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    window = make_window(Desk.open(path, read_only=True, read_only_because=IN_USE))
    assert window.desk.read_only
    return window, window.desk.articles.count()


def _articles(tmp_path: Path, *names: str) -> list[Path]:
    paths = []
    for name in names:
        path = tmp_path / name
        path.write_text("Budget vote delayed again. The minister said 40% are spent.", "utf-8")
        paths.append(path)
    return paths


def test_an_article_dropped_onto_a_read_only_window_is_said_not_imported(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, before = _read_only_window(seeded_desk, make_window)
    shown = _boxes(monkeypatch)

    drop_urls(window, [QUrl.fromLocalFile(str(p)) for p in _articles(tmp_path, "budget vote.txt")])

    assert len(shown) == 1, window.statusBar().currentMessage()
    title, text = shown[0]
    assert title == "Not imported"
    assert text.startswith("budget vote.txt was not imported: this window opened")
    assert "drop it onto that window" in text
    assert not window.imports.running()
    assert window.desk.articles.count() == before
    assert window.article_model.rowCount() == before


def test_articles_dropped_onto_a_read_only_window_are_each_named_not_imported(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, before = _read_only_window(seeded_desk, make_window)
    shown = _boxes(monkeypatch)
    few = _articles(tmp_path, "budget vote.txt", "mayor.md")
    many = _articles(tmp_path, "a.txt", "b.txt", "c.txt", "d.txt", "e.txt")

    drop_urls(window, [QUrl.fromLocalFile(str(p)) for p in few])
    drop_urls(window, [QUrl.fromLocalFile(str(p)) for p in many])

    assert [title for title, _ in shown] == ["Not imported", "Not imported"]
    assert shown[0][1].startswith("budget vote.txt, mayor.md were not imported:")
    assert "drop them onto that window" in shown[0][1]
    # The first three named, the rest counted: the box stays on a small screen.
    assert shown[1][1].startswith("a.txt, b.txt, c.txt and 2 more files were not imported:")
    assert not window.imports.running()
    assert window.desk.articles.count() == before
    assert window.article_model.rowCount() == before


def _newer_desk(path: Path) -> Desk:
    """A workspace saved by a newer desk, opened here: read-only, the strip says update."""
    Desk.open(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    return Desk.open(path)


@pytest.mark.parametrize("why", ["newer desk", "disk full"])
def test_a_window_read_only_with_nobody_else_editing_sends_nobody_to_another_window(
    why: str,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Read-only with no other window editing it (a newer desk's workspace; a full disk at
    the open, or at a restore): the box told the reviewer to drop the file onto "that
    window", open for editing, or to "close it there", when there is none; the strip
    above says the way (update the desk, make room)."""
    path = tmp_path / "w.fcdesk"
    if why == "newer desk":
        desk = _newer_desk(path)
    else:
        Desk.open(path).close()
        desk = Desk.open(path, read_only=True, read_only_because=DISK_FULL)
    window = make_window(desk)
    assert window.desk.read_only
    shown = _boxes(monkeypatch)

    drop_urls(window, [QUrl.fromLocalFile(str(p)) for p in _articles(tmp_path, "budget vote.txt")])

    assert len(shown) == 1, window.statusBar().currentMessage()
    title, text = shown[0]
    assert title == "Not imported"
    assert text.startswith("budget vote.txt was not imported: this window opened")
    assert "strip above the article says why" in text
    assert "that window" not in text and "close it there" not in text
    assert window.desk.articles.count() == 0


def test_a_workspace_dropped_onto_a_read_only_window_is_said_how_to_open(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A colleague's workspace dropped onto the window: the box said to import it where
    the workspace is open for editing, where it is refused as a workspace, not an article.
    As a window open for editing says: File → Open Workspace… opens it (here too)."""
    window, before = _read_only_window(seeded_desk, make_window)
    shown = _boxes(monkeypatch)
    colleague = tmp_path / "colleague.fcdesk"
    Desk.open(colleague).close()
    [article] = _articles(tmp_path, "budget vote.txt")

    drop_urls(window, [QUrl.fromLocalFile(str(colleague))])
    drop_urls(window, [QUrl.fromLocalFile(str(article)), QUrl.fromLocalFile(str(colleague))])

    assert len(shown) == 2, window.statusBar().currentMessage()
    alone = shown[0][1]
    assert alone == (
        "colleague.fcdesk is a workspace, not an article: File → Open Workspace… opens it."
    )
    # With an article: the article not imported, and where to import it; the workspace
    # how to open it.
    with_article = shown[1][1]
    assert with_article.startswith("budget vote.txt was not imported: this window opened")
    assert "drop it onto that window" in with_article
    assert with_article.endswith(alone)
    assert window.desk.articles.count() == before
