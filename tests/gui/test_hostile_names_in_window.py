"""Titles and file names the window shows beside other words: the article list (and what
the finder lists of it), the title bar, the Remove Article box and the Edit menu after it,
Save a Copy's "already there" box, an import's refusal, every box and status line.
A title holding a right-to-left override (U+202E) and a NUL ("Budget\u202e cut\x00 by 4%")
drew the rest of its line reversed and the NUL as a box, and a workspace or file whose
name starts with U+202E reversed the whole line after it ("[read-only] — Factcheck desk",
"is already there, in …"), and so did an error's words naming such a file. Each shows
the title without its bidi controls and with "?" for the NUL (as Check Workspace says
it), and a file's name with "?" for each control, as the command line's error lines do
(docs/safety.md, "Titles beside other words" and "File names beside other words")."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.controllers import articles as articles_controller
from factcheck_app.gui.controllers import save_copy
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.messages import show_error
from factcheck_app.gui.workers import refusal
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE

TITLE = "Budget\u202e cut\x00 by 4%"
SHOWN_TITLE = "Budget cut? by 4%"
WORKSPACE = "\u202eksedcf.news.fcdesk"  # on screen, reversed: "news.fcdesk" and so on
FILE = "\u202etxt.exe.copy.fcdesk"
# What reverses the words after it, or draws as a box: none may reach the screen.
RAW = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x00\x1b\x7f\x9b"


def raw_in(text: str) -> str:
    return "".join(sorted({c for c in text if c in RAW}))


@pytest.fixture
def hostile(tmp_path: Path, make_window: Callable[[Desk], MainWindow]) -> Iterator[MainWindow]:
    """The window on a workspace named with U+202E, whose second article, open, has
    nothing recorded on it and is titled TITLE."""
    desk = Desk.open(tmp_path / WORKSPACE)
    desk.importer.import_file(SEED_FILE)
    article_id = desk.importer.import_text(
        "Budget cut.\n\nThe council cut the budget by 4% in March.\n", source_name="budget.txt"
    ).article_id
    # Stored so by another program (an older desk, a merged file): nothing recorded on it.
    metadata = desk.articles.article_metadata(article_id)
    with desk.repo.db.atomic():
        desk.repo.articles.update_article_metadata(
            article_id, dataclasses.replace(metadata, title=TITLE)
        )
    window = make_window(desk)
    window.resize(1024, 640)
    window.reload_articles()
    window.open_article(article_id)
    yield window
    desk.close()


def test_the_article_list_and_the_title_bar_show_the_title_in_its_order(
    hostile: MainWindow,
) -> None:
    window = hostile
    assert window.desk.articles.article_metadata(window.article_id or 0).title == TITLE  # kept
    model = window.article_model
    row = model.row_of(window.article_id or 0)
    line = model.data(model.index(row, 0), Qt.ItemDataRole.DisplayRole)
    tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert line.startswith(f"{SHOWN_TITLE}\n") and raw_in(line) == ""
    assert SHOWN_TITLE in tip and raw_in(tip) == ""
    # The finder's list, narrowed to it.
    window.article_find.setText("budget")
    found = window.article_filter
    assert found.rowCount() == 1
    assert found.data(found.index(0, 0), Qt.ItemDataRole.DisplayRole) == line
    title = window.windowTitle()
    assert title == f"{SHOWN_TITLE} — ?ksedcf.news.fcdesk — Factcheck desk", title


def test_remove_article_names_the_title_in_its_order(
    hostile: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def ask(_parent: object, _title: str, text: str, *_a: object, **_k: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(articles_controller, "ask", ask)
    hostile.registry[ActionId.REMOVE_ARTICLE].trigger()
    assert asked and asked[0].startswith(f"Remove “{SHOWN_TITLE}” (2 sentences)"), asked
    assert raw_in(asked[0]) == ""
    undo = hostile.registry[ActionId.UNDO].text()
    said = hostile.statusBar().currentMessage()
    assert SHOWN_TITLE in undo and raw_in(undo) == ""
    assert SHOWN_TITLE in said and raw_in(said) == ""


def test_an_article_whose_title_shows_nothing_is_named_untitled(
    hostile: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A title of bidi controls alone left a blank line in the list above its progress,
    the title bar began " — ?ksedcf…" and Remove Article asked "Remove “” (2 sentences)"."""
    window = hostile
    article_id = window.article_id or 0
    metadata = window.desk.articles.article_metadata(article_id)
    with window.desk.repo.db.atomic():  # as another program stored it
        window.desk.repo.articles.update_article_metadata(
            article_id, dataclasses.replace(metadata, title="\u202e\u202c")
        )
    window.reload_articles()
    window.update_title()
    model = window.article_model
    line = model.data(model.index(model.row_of(article_id), 0), Qt.ItemDataRole.DisplayRole)
    assert line == "Untitled article\n0/2 reviewed"
    assert window.windowTitle().startswith("Untitled article — ?ksedcf"), window.windowTitle()
    asked: list[str] = []

    def ask(_parent: object, _title: str, text: str, *_a: object, **_k: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(articles_controller, "ask", ask)
    window.registry[ActionId.REMOVE_ARTICLE].trigger()
    assert asked and asked[0].startswith("Remove “Untitled article” (2 sentences)"), asked


def test_save_a_copy_names_a_file_there_in_its_order(
    hostile: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    there = tmp_path / FILE
    there.write_bytes(b"someone's own file")

    def get(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        return (str(there), "")

    asked: list[str] = []

    def ask(_parent: object, _title: str, text: str, *_a: object, **_k: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(save_copy.QFileDialog, "getSaveFileName", staticmethod(get))
    monkeypatch.setattr(save_copy, "ask", ask)
    hostile.registry[ActionId.SAVE_COPY].trigger()
    assert asked and asked[0].startswith("?txt.exe.copy.fcdesk is already there, in ")
    assert raw_in(asked[0]) == ""
    assert there.read_bytes() == b"someone's own file"


def test_an_import_refusal_names_the_file_in_its_order() -> None:
    path = Path("/news") / "\u202efdp.exe\x1b]0;owned\x07.txt"
    named = refusal(path, FactcheckError(f"{path.name} is empty: nothing to import."))
    unnamed = refusal(path, FactcheckError("The disk is full."))
    assert named.whole == "?fdp.exe?]0;owned?.txt is empty: nothing to import."
    assert unnamed.whole == "?fdp.exe?]0;owned?.txt: The disk is full."


def test_every_box_and_status_line_shows_an_errors_file_name_in_its_order(
    hostile: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last guard, for words put together elsewhere (an error naming a file): the
    status bar and every message box show a control character as "?"; a title an import
    set apart (FSI … PDI, so that an Arabic title keeps the count after it in its place)
    keeps its isolates."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    error = FileNotFoundError(2, "No such file or directory", "/news/\u202efdp.exe\x00.txt")
    show_error(hostile, error, "Import")
    assert shown == ["No such file or directory: /news/?fdp.exe?.txt"]
    status = hostile.statusBar()
    status.showMessage(f"Cannot read {FILE}: it is locked.")
    assert status.currentMessage() == "Cannot read ?txt.exe.copy.fcdesk: it is locked."
    imported = "Imported \u2068\u0645\u064a\u0632\u0627\u0646\u064a\u0629\u2069: 4 sentences."
    status.showMessage(imported)
    assert status.currentMessage() == imported
