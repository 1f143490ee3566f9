"""Articles from the clipboard, from a folder, and in the formats editors have."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.controllers.imports import ARTICLE_FILE_FILTER
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.article_files import article_files_in

PAGES = Path(__file__).resolve().parents[1] / "data" / "import_pages"


def test_paste_rich_text_imports_its_words_not_its_markup(window: MainWindow, qtbot: QtBot) -> None:
    mime = QMimeData()
    mime.setHtml(
        "<p>The minister <b>said</b> 40 people were hurt.</p>"
        "<p>Police denied it.<script>alert(1)</script></p>"
    )
    mime.setText("fallback text that should not be used")
    QApplication.clipboard().setMimeData(mime)
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.article_model.rowCount() == 2
    text = window.article_view.toPlainText()
    assert text.startswith("The minister said 40 people were hurt.")
    assert "<" not in text and "alert" not in text and "fallback" not in text


def test_paste_plain_text(window: MainWindow) -> None:
    QApplication.clipboard().setText("Officials said 3 people died. The army denied it.")
    window.imports.paste_as_new_article()
    assert window.sentence_model.rowCount() == 2


def test_paste_of_files_copied_in_a_file_manager_imports_the_files(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    """Ctrl+C on a file in the file manager, Ctrl+Shift+V here: the clipboard holds the
    file's address, and Qt gives that as its text, so the desk imported an article
    reading "file:///home/ana/Downloads/story.txt" and not the story."""
    story = tmp_path / "story.txt"
    story.write_text("Officials said 40 people were hurt. Police denied it.", encoding="utf-8")
    page = tmp_path / "page.html"
    shutil.copy(PAGES / "page01.html", page)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(story)), QUrl.fromLocalFile(str(page))])
    QApplication.clipboard().setMimeData(mime)
    before = window.article_model.rowCount()
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        qtbot.keyClick(
            window.sentence_view,
            Qt.Key.Key_V,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    titles = [
        str(window.article_model.index(row, 0).data())
        for row in range(window.article_model.rowCount())
    ]
    assert len(titles) == before + 2, titles
    assert any(title.startswith("Officials said 40") for title in titles), titles
    assert not any("file:" in title for title in titles), titles


def test_folder_import_skips_page_assets_and_summarises(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "inbox"
    (folder / "story_files").mkdir(parents=True)
    (folder / "story_files" / "widget.html").write_text("<p>Share this!</p>", encoding="utf-8")
    shutil.copy(PAGES / "page01.html", folder / "story.html")
    shutil.copy(PAGES / "doc1.docx", folder / "reporter.docx")
    shutil.copy(PAGES / "pdf1.pdf", folder / "agency.pdf")
    shutil.copy(PAGES / "scanned.pdf", folder / "scan.pdf")
    (folder / "notes.txt").write_text("Police said 4 were arrested.", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    paths = article_files_in(folder)
    assert [p.name for p in paths] == [
        "agency.pdf",
        "notes.txt",
        "reporter.docx",
        "scan.pdf",
        "story.html",
    ]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.import_files(paths)
    [summary] = shown
    assert "Imported: 4" in summary and "Refused: 1" in summary and "scan.pdf" in summary
    assert window.article_model.rowCount() == 5


def test_open_dialog_offers_every_supported_format() -> None:
    for pattern in ("*.txt", "*.md", "*.html", "*.htm", "*.docx", "*.pdf"):
        assert pattern in ARTICLE_FILE_FILTER
