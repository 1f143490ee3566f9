"""File → Import Folder on the folder a journalist keeps the day's articles in, beside
the reports she exported from them (Ctrl+E): the articles come in, and the import's box
names each report as the desk's own, not imported. Each came in as an article,
"Fact-check: Mayor opens bridge", its verdict tables and footer sentences to review."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.domain.own_reports import WAY_IN, OwnReport
from factcheck_app.gui import workers
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.workers import ImportOutcome, Refusal
from tests.own_reports import STORY, export_every_kind, refusal


def test_import_folder_takes_the_articles_and_says_each_report_was_not_imported(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "today"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    story = window.desk.importer.import_file(folder / "story.txt").article_id
    reports = export_every_kind(window.desk, story, folder)
    (folder / "council.txt").write_text(
        "The council met on Tuesday. It approved the budget by nine votes to two.",
        encoding="utf-8",
    )
    titles_before = [a.title for a in window.desk.articles.list_articles()]
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: str(folder))
    )
    boxes: list[tuple[str, str]] = []

    def shown(box: QMessageBox) -> int:
        boxes.append((box.text(), box.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown)

    with qtbot.waitSignal(window.import_finished, timeout=120_000):
        window.registry[ActionId.IMPORT_FOLDER].trigger()

    titles = [a.title for a in window.desk.articles.list_articles()]
    assert titles == [*titles_before, "The council met on Tuesday."]
    model = window.article_model
    listed = [str(model.index(row, 0).data()) for row in range(model.rowCount())]
    assert not any("Fact-check" in title for title in listed), listed
    assert any("The council met on Tuesday." in title for title in listed), listed
    [(text, details)] = boxes
    told = f"{text}\n{details}"
    for name in reports:
        assert refusal(name) in told, told
    assert "Refused: 6" in text


def test_the_batch_box_says_the_way_in_once_and_names_every_report() -> None:
    # Six reports in the day's folder: the way in, said after each of them, took three
    # lines a report and, at 16 pt, pushed reports out of the box to be counted.
    names = ["report.docx", "report.html", "report.md", "report.pdf", "summary.html"]
    outcome = ImportOutcome(problems=[refused(name) for name in names])

    text, details = outcome.summary()

    assert text.count("Paste as New Article") == 1, text
    for name in names:
        assert f"{name} is a verdict report exported by the desk, not an article" in text
    assert details.splitlines() == [refusal(name) for name in names]


# A report saved under a name that ends with the way in's own words (then ".md"): the
# advice was told apart by the words a refusal ended with, and a name or another
# refusal ending so was taken for it.
ODD_NAME = f"{WAY_IN}md"


def refused(name: str) -> Refusal:
    return workers.refusal(Path(name), OwnReport(name))


def test_the_way_in_is_said_once_after_the_last_report_whatever_the_names() -> None:
    empty = workers.refusal(
        Path(f"Notes {WAY_IN}txt"), ArticleImportError(f"Notes {WAY_IN}txt has no text.")
    )
    outcome = ImportOutcome(
        problems=[refused(ODD_NAME), refused("report.docx"), refused("report.html"), empty]
    )

    text, details = outcome.summary()

    listed = text.split("\n\n", 1)[1].splitlines()
    assert listed == [
        f"{ODD_NAME} is a verdict report exported by the desk, not an article: not imported.",
        "report.docx is a verdict report exported by the desk, not an article: not imported.",
        f"{refusal('report.html')}",
        f"Notes {WAY_IN}txt has no text.",
    ]
    assert details.splitlines() == [
        refusal(ODD_NAME),
        refusal("report.docx"),
        refusal("report.html"),
        f"Notes {WAY_IN}txt has no text.",
    ]


def test_three_reports_imported_from_the_window_are_told_whole_where_they_are_kept(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "today"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    story = window.desk.importer.import_file(folder / "story.txt").article_id
    export_every_kind(window.desk, story, folder)
    (folder / "report.md").rename(folder / ODD_NAME)
    boxes: list[tuple[str, str]] = []

    def shown(box: QMessageBox) -> int:
        boxes.append((box.text(), box.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown)
    names = [ODD_NAME, "report.docx", "report.html"]

    with qtbot.waitSignal(window.import_finished, timeout=120_000):
        window.imports.import_files([folder / name for name in names])

    [(text, details)] = boxes
    assert text.split("\n\n", 1)[1].splitlines() == [
        f"{ODD_NAME} is a verdict report exported by the desk, not an article: not imported.",
        "report.docx is a verdict report exported by the desk, not an article: not imported.",
        refusal("report.html"),
    ]
    assert details.splitlines() == [refusal(name) for name in names]
    kept = window.message_log.lines()
    for name in names:  # Recent Messages: each refusal whole, with its way in
        assert any(line.endswith(f"Refused: {refusal(name)}") for line in kept), kept

    boxes.clear()
    with qtbot.waitSignal(window.import_finished, timeout=120_000):
        window.imports.import_files([folder / ODD_NAME])  # one report alone: its box

    assert [text for text, _details in boxes] == [refusal(ODD_NAME)]
