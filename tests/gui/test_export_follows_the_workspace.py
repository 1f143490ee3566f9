"""File → Export… open while an article is removed (by this window's worker, or by another
program, both seen by the window's look at the workspace each second): what the dialog
says it will export follows, without the reviewer touching anything."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.dialogs import export as export_dialog
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.services.meanwhile_fixtures import another_program, path_of

PUBLISHING = {
    "publisher_edit": "Desk",
    "publisher_url_edit": "https://example.org/",
    "url_pattern_edit": "https://example.org/checks/{slug}#claim-{number}",
}


def removed_beside(window: MainWindow, article_id: int) -> None:
    """`article_id` removed by another connection (another program, the window's worker),
    then the window's look at the workspace, made each second."""
    another_program(path_of(window.desk), "DELETE FROM articles WHERE id = ?", article_id)
    window.workspace.check_outside_changes()


def in_export_dialog(
    qtbot: QtBot, window: MainWindow, what: Callable[[ExportDialog], None]
) -> None:
    """Ctrl+E, then `what` done in the dialog (modal), which is then closed."""
    ran: list[bool] = []

    def inside() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        try:
            what(dialog)
            ran.append(True)
        finally:
            dialog.done(ExportDialog.DialogCode.Rejected)

    QTimer.singleShot(0, inside)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert ran == [True]


def counted(dialog: ExportDialog) -> dict[str, str]:
    """What the dialog says of every article: its *All articles* button and the label
    over its preview."""
    return {"button": dialog.all_articles_button.text(), "label": dialog.preview_label.text()}


def counted_as(articles: int, *, pdf_layout: bool = True) -> dict[str, str]:
    """`counted` when *All articles* would export `articles`, chosen (`pdf_layout`: in a
    report format previewed as the PDF lays it out, as the HTML report first offered)."""
    layout = ", in the PDF's layout" if pdf_layout else ""
    return {
        "button": f"&All articles ({articles}), one file each into a folder",
        "label": f"Pre&view of this article{layout}; {articles} files will be written into "
        "the folder",
    }


@pytest.fixture
def three(seeded_desk: Desk) -> Desk:
    for number in (2, 3):
        seeded_desk.importer.import_text(f"Article {number} says one thing. It says another.")
    return seeded_desk


def test_all_articles_is_counted_again_when_an_article_is_removed_meanwhile(
    qtbot: QtBot,
    three: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """*All articles (3)* chosen, then an article removed: the button and the preview's
    label went on saying 3 files, and Export wrote 2."""
    window = make_window(three)
    seen: dict[str, str] = {}

    def remove_one(dialog: ExportDialog) -> None:
        dialog.set_format("html")
        dialog.all_articles_button.setChecked(True)
        assert "(3)" in dialog.all_articles_button.text()
        removed_beside(window, 3)
        seen.update(counted(dialog))

    in_export_dialog(qtbot, window, remove_one)
    assert seen == counted_as(2)


def test_this_articles_count_follows_once_all_articles_is_chosen_again(
    qtbot: QtBot,
    three: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Removed while *This article* is chosen: the button offering every article counts
    those left, not those there when the dialog opened."""
    window = make_window(three)
    seen: dict[str, str] = {}

    def remove_one(dialog: ExportDialog) -> None:
        dialog.set_format("md")
        removed_beside(window, 2)
        seen["button"] = dialog.all_articles_button.text()

    in_export_dialog(qtbot, window, remove_one)
    assert seen["button"] == counted_as(2)["button"]


def test_claimreview_problems_of_the_article_removed_are_no_longer_shown(
    qtbot: QtBot,
    three: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ClaimReview of this article, its findings shown ("Nothing to publish: no claim …
    of this article has a verdict yet"), then the article removed: the findings stayed,
    of an article no longer there, over "Preview: none, this article was removed"."""
    window = make_window(three)
    seen: dict[str, object] = {}

    def remove_it(dialog: ExportDialog) -> None:
        dialog.set_format("claimreview")
        for name, text in PUBLISHING.items():
            getattr(dialog, name).setText(text)
        assert "of this article" in dialog.problems_label.text()
        removed_beside(window, 1)
        seen["label"] = dialog.problems_label.text()
        seen["shown"] = dialog.problems_label.isVisible()
        seen["preview"] = dialog.preview_label.text()

    in_export_dialog(qtbot, window, remove_it)
    assert seen["preview"] == "Pre&view: none, this article was removed from the workspace"
    assert seen["label"] == "" and seen["shown"] is False


def test_claimreview_findings_are_not_read_from_the_removed_article_on_typing(
    qtbot: QtBot, seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A publisher field typed after the article was removed (the dialog not told): the
    findings were worked out again from the article as the dialog read it, gone since."""
    seeded_desk.importer.import_text("Another article says one thing. It says another.")
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_format("claimreview")
    dialog.url_pattern_edit.setText(PUBLISHING["url_pattern_edit"])
    dialog.publisher_url_edit.setText(PUBLISHING["publisher_url_edit"])
    assert "of this article" in dialog.problems_label.text()
    seeded_desk.articles.remove_article(1)
    dialog.publisher_edit.setText("Desk")
    assert "of this article" not in dialog.problems_label.text()
    assert "No publisher" not in dialog.problems_label.text()  # typed, and seen
    assert dialog.export_button.isEnabled()  # Export says why nothing is exported


def test_the_summary_previewed_and_exported_leaves_out_an_article_removed_meanwhile(
    qtbot: QtBot,
    three: Desk,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
) -> None:
    """Workspace summary chosen (its preview read every article), then another article
    removed: *All articles* counted again, but the summary previewed still listed the
    article gone, and Export wrote it into the summary, as the dialog had read it."""
    window = make_window(three)
    out = tmp_path / "summary.csv"
    seen: dict[str, object] = {}

    def remove_one(dialog: ExportDialog) -> None:
        dialog.set_format("summary-csv")
        assert "Article 3 says" in dialog.preview.toPlainText()
        removed_beside(window, 3)
        seen["preview"] = dialog.preview.toPlainText()
        dialog.path_edit.setText(str(out))
        with qtbot.waitSignal(dialog.export_finished, timeout=10_000):
            dialog.export_button.click()

    in_export_dialog(qtbot, window, remove_one)
    assert "Article 2 says" in str(seen["preview"])
    assert "Article 3 says" not in str(seen["preview"])
    written = out.read_text(encoding="utf-8")
    assert "Article 2 says" in written
    assert "Article 3 says" not in written


def test_all_articles_counts_an_article_the_windows_own_import_brings_in_meanwhile(
    qtbot: QtBot,
    three: Desk,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
) -> None:
    """An import started before Ctrl+E (a folder of the day's articles) ending while the
    dialog is open: the window lists the new article at once, so its look each second
    found nothing changed and never told the dialog, which said *All articles (3)* and
    "3 files will be written" while Export wrote 4."""
    window = make_window(three)
    article = tmp_path / "fourth.txt"
    article.write_text("Article 4 says one thing. It says another.", encoding="utf-8")
    seen: dict[str, str] = {}

    def import_meanwhile(dialog: ExportDialog) -> None:
        dialog.set_format("html")
        dialog.all_articles_button.setChecked(True)
        with qtbot.waitSignal(window.import_finished, timeout=20_000):
            window.import_files([article])
        window.workspace.check_outside_changes()  # the look made each second
        seen.update(counted(dialog))

    in_export_dialog(qtbot, window, import_meanwhile)
    assert window.article_model.rowCount() == 4
    assert seen == counted_as(4)


def test_all_articles_counts_again_once_an_export_stopped_meanwhile_has_ended(
    qtbot: QtBot,
    three: Desk,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An article removed while every article's export ran (the window's look saw it then,
    and the dialog, exporting, let it pass), then Stop: the dialog stayed saying *All
    articles (3)* and "3 files will be written", 2 there, until something else changed."""
    window = make_window(three)
    folder = tmp_path / "reports"
    folder.mkdir()
    started, release = threading.Event(), threading.Event()
    formats = export_dialog.formats
    write = formats.write_report

    def removed_as_written(key: str, report: object, path: Path, **more: object) -> None:
        if not started.is_set():
            another_program(path_of(window.desk), "DELETE FROM articles WHERE id = 3")
            started.set()
            release.wait(10)
        write(key, report, path, **more)  # type: ignore[arg-type]

    monkeypatch.setattr(formats, "write_report", removed_as_written)
    seen: dict[str, str] = {}

    def stop_meanwhile(dialog: ExportDialog) -> None:
        dialog.set_format("md")
        dialog.all_articles_button.setChecked(True)
        dialog.path_edit.setText(str(folder))
        dialog.export_button.click()
        assert started.wait(10)
        window.workspace.check_outside_changes()  # the look, while the export runs
        dialog.cancel_export()  # Stop
        release.set()
        qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
        seen["status"] = dialog.status_label.text()
        seen.update(counted(dialog))

    in_export_dialog(qtbot, window, stop_meanwhile)
    assert seen["status"].startswith("Export stopped"), seen["status"]
    assert counted_as(2, pdf_layout=False).items() <= seen.items(), seen


def test_the_summary_previewed_is_not_read_again_at_every_look_of_an_import(
    qtbot: QtBot, seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workspace summary previewed while the window's import brings in one file after
    another: the window's look each second told the dialog, and each time it read every
    article again on the window's thread (200 articles of 40 sentences: half a second,
    every second). Once read on a look, the summary waits ten times as long as its read
    took before it is read again; the preview then shows the last article imported."""
    clock = [100.0]
    monkeypatch.setattr(export_dialog, "monotonic", lambda: clock[0])
    reads: list[int] = []
    load = export_dialog.load_reports

    def timed_load(desk: Desk) -> object:
        reads.append(1)
        clock[0] += 0.05  # each read of the summary takes 50 ms of the window's time
        return load(desk)

    monkeypatch.setattr(export_dialog, "load_reports", timed_load)
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_format("summary-csv")
    reads.clear()
    for number in range(2, 7):  # the import's articles, one a look
        seeded_desk.importer.import_text(f"Imported {number} says one thing. It says more.")
        dialog.follow_workspace()
    assert len(reads) == 1  # the first look's, not one a look
    assert "Imported 2 says" in dialog.preview.toPlainText()
    qtbot.waitUntil(lambda: "Imported 6 says" in dialog.preview.toPlainText(), timeout=5_000)
    assert "(6)" in dialog.all_articles_button.text()  # counted at each look all the same
