"""File → Export… → *All articles*: every article's report into one folder, from the window,
through the loop `export --all` uses (services/every_article.py): off the window's thread,
with progress, a Stop that leaves whole files only, one question before replacing any."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app import config
from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.models import Tag
from factcheck_app.gui import settings as gui_settings
from factcheck_app.gui.app import CLOSING_ON_SIGNAL
from factcheck_app.gui.dialogs import export as export_dialog
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.services.every_article import article_files
from factcheck_app.services.reports import claimreview, formats
from factcheck_app.services.reports.model import (
    CancelFn,
    ProgressFn,
    Ticker,
)
from tests.conftest import retitled_outside_undo
from tests.gui.test_export_dialog import Questions

T = TypeVar("T")

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def four(seeded_desk: Desk) -> Desk:
    """The sample article, two of one title, and one whose title is made to trip names."""
    for number, title in enumerate(["Budget vote", "Budget vote", "../\u202eCON.txt"], 2):
        text = f"Article {number} says one thing. It says another."
        retitled_outside_undo(seeded_desk, seeded_desk.importer.import_text(text).article_id, title)
    return seeded_desk


@pytest.fixture
def dialog(qtbot: QtBot, four: Desk) -> ExportDialog:
    dialog = ExportDialog(four, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    return tmp_path / "reports"


def status_shown(dialog: ExportDialog, kept: Callable[[str, bool, bool], T]) -> list[T]:
    """What `kept` takes of each status line the dialog shows from now on (its text,
    whether red, whether over the preview)."""
    lines: list[T] = []
    show = dialog._show_status

    def record(
        text: str, *, error: bool = False, over_preview: bool = False, tip: str = ""
    ) -> None:
        lines.append(kept(text, error, over_preview))
        show(text, error=error, over_preview=over_preview, tip=tip)

    dialog._show_status = record  # type: ignore[method-assign]
    return lines


def said(dialog: ExportDialog) -> list[str]:
    """Every status line the dialog shows from now on."""
    return status_shown(dialog, lambda text, _error, _over: text)


def every_article_into(dialog: ExportDialog, folder: Path, key: str | None = None) -> None:
    """*All articles* chosen (in format `key`, given one), to be written into `folder`."""
    if key is not None:
        dialog.set_format(key)
    dialog.all_articles_button.setChecked(True)
    dialog.path_edit.setText(str(folder))


def export_all(qtbot: QtBot, dialog: ExportDialog, folder: Path, key: str = "html") -> None:
    every_article_into(dialog, folder, key)
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000) as finished:
        dialog.export_button.click()
    assert finished.args == [str(folder)]
    qtbot.waitUntil(lambda: not dialog.running)


def test_every_article_is_exported_off_the_window_thread_with_its_progress(
    qtbot: QtBot,
    dialog: ExportDialog,
    four: Desk,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[str] = []
    write = formats.write_report

    def spy(*args: object, **kwargs: object) -> None:
        threads.append(threading.current_thread().name)
        write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(formats, "write_report", spy)
    lines = said(dialog)
    export_all(qtbot, dialog, folder, "pdf")
    assert len(threads) == 4 and threading.main_thread().name not in threads
    expected = [file.path for file in article_files(four, "pdf", folder)]
    assert sorted(folder.iterdir()) == sorted(expected)
    assert [p.name for p in expected[1:]] == [
        "factcheck-2-budget-vote.pdf",  # the same title twice: the number keeps them apart
        "factcheck-3-budget-vote.pdf",
        "factcheck-4-con-txt.pdf",  # no slash, no override, not the device CON
    ]
    for path in expected:
        assert PdfReader(path).pages[0].extract_text()
    assert "Exporting 2 of 4: “Budget vote”…" in lines
    assert "Exporting 4 of 4: “../CON.txt”…" in lines  # shown without its override
    assert dialog.result() == ExportDialog.DialogCode.Accepted
    assert gui_settings.last_export() == folder  # File → Open Last Export: the folder
    # What became of each is kept, not its whole report: a year's 5,000 held hundreds of
    # MB, and each garbage collection walking them stalled the window for 1.5 s.
    assert [o.report for o in dialog._outcomes] == [None] * 4


def test_the_pdf_worker_asks_the_font_database_nothing(
    qtbot: QtBot,
    dialog: ExportDialog,
    folder: Path,
    font_questions_off_the_window_thread: list[str],
) -> None:
    """Every article's PDF with the fonts found on the window's thread before the worker
    starts. A CI run hung for good once here: the worker, in `build_document`, and the
    window's thread both waiting on a lock, while the window laid out and painted text."""
    every_article_into(dialog, folder, "pdf")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert font_questions_off_the_window_thread == []
    assert len(list(folder.glob("*.pdf"))) == 4
    assert dialog.result() == ExportDialog.DialogCode.Accepted


def test_stop_mid_way_leaves_the_files_written_whole_and_no_part_of_the_next(
    qtbot: QtBot, dialog: ExportDialog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write = formats.write_report
    third = threading.Event()

    def slow_third(
        key: str,
        report: object,
        path: Path,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
        **more: object,
    ) -> None:
        if not path.name.startswith("factcheck-3-"):
            write(key, report, path, progress=progress, cancel=cancel, **more)  # type: ignore[arg-type]
            return
        ticker = Ticker(1_000_000, progress, cancel, every=1)
        with open(path.with_name(f".{path.name}.factcheck.part"), "w") as part:
            part.write("<html>half")  # as a writer has it while it writes
        third.set()
        try:
            while True:
                ticker.step()
                third.wait(0.001)  # keeps the loop from spinning a core flat out
        finally:
            os.remove(path.with_name(f".{path.name}.factcheck.part"))  # as replacing() does

    monkeypatch.setattr(formats, "write_report", slow_third)
    every_article_into(dialog, folder)
    dialog.export_button.click()
    qtbot.waitUntil(third.is_set, timeout=30_000)
    assert dialog.cancel_button.text() == "&Stop" and not dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.export_cancelled, timeout=10_000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    names = sorted(os.listdir(folder))
    assert [name.split("-")[1] for name in names] == ["1", "2"]  # the first two, no others
    for name in names:
        assert (folder / name).read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert dialog.isVisible() and dialog.status_label.text().startswith(
        f"Export stopped: 2 of 4 reports written to {folder.name}, each whole"
    )
    assert dialog.export_button.isEnabled() and dialog.cancel_button.text() == "Cancel"
    assert gui_settings.last_export() == folder  # the two written are there to open


def test_a_stop_before_any_report_is_written_says_so_in_words(
    qtbot: QtBot, dialog: ExportDialog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said "Export stopped: 0 of 4 reports written to …, each whole"."""
    first = threading.Event()

    def endless_first(key: str, report: object, path: Path, **more: object) -> None:
        ticker = Ticker(1_000_000, more.get("progress"), more.get("cancel"), every=1)  # type: ignore[arg-type]
        first.set()
        while True:
            ticker.step()
            first.wait(0.001)  # keeps the loop from spinning a core flat out

    monkeypatch.setattr(formats, "write_report", endless_first)
    every_article_into(dialog, folder)
    dialog.export_button.click()
    qtbot.waitUntil(first.is_set, timeout=30_000)
    with qtbot.waitSignal(dialog.export_cancelled, timeout=10_000):
        dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.status_label.text() == (
        f"Export stopped before any report was written to {folder.name}."
    )
    assert os.listdir(folder) == []


@pytest.mark.skipif(os.name == "nt", reason="a Windows folder's read-only mark is no refusal")
def test_a_read_only_folder_is_refused_in_words_before_anything_starts(
    dialog: ExportDialog, folder: Path
) -> None:
    folder.chmod(0o555)
    try:
        every_article_into(dialog, folder)
        dialog.export_button.click()
        assert not dialog.running
        assert dialog.status_label.text() == (
            f"{folder} is a read-only folder; choose another or make it writable."
        )
    finally:
        folder.chmod(0o755)
    assert os.listdir(folder) == []


def test_reports_already_there_are_replaced_only_after_one_question(
    qtbot: QtBot,
    dialog: ExportDialog,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    questions = Questions.patched(monkeypatch)
    mine = [folder / "factcheck-2-budget-vote.md", folder / "factcheck-3-budget-vote.md"]
    for path in mine:
        path.write_text("my own notes", encoding="utf-8")
    every_article_into(dialog, folder, "md")
    dialog.export_button.click()  # answered No
    assert questions.asked == [
        f"2 of the 4 reports are already in {folder} (factcheck-2-budget-vote.md, "
        "factcheck-3-budget-vote.md). Replace them with this export, or skip them and write "
        "the other 2 reports?"
    ]
    assert questions.defaults == [QMessageBox.StandardButton.No]  # Enter keeps them
    assert not dialog.running and sorted(folder.iterdir()) == mine
    assert all(p.read_text(encoding="utf-8") == "my own notes" for p in mine)
    assert "left as they were" in dialog.status_label.text()
    questions.answer = QMessageBox.StandardButton.Yes
    export_all(qtbot, dialog, folder, "md")
    assert len(questions.asked) == 2 and len(os.listdir(folder)) == 4
    assert "Budget vote" in mine[0].read_text(encoding="utf-8")


def test_one_report_already_there_is_asked_about_in_the_singular(
    dialog: ExportDialog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It read "1 of the 4 report is already in …", and after No "the 1 report … was
    left as they were"."""
    questions = Questions.patched(monkeypatch)
    mine = folder / "factcheck-2-budget-vote.md"
    mine.write_text("my own notes", encoding="utf-8")
    every_article_into(dialog, folder, "md")
    dialog.export_button.click()  # answered No
    assert questions.asked == [
        f"1 of the 4 reports is already in {folder} (factcheck-2-budget-vote.md). "
        "Replace it with this export, or skip it and write the other 3 reports?"
    ]
    assert dialog.status_label.text() == (
        f"Not exported: the report already in {folder.name} was left as it was."
    )
    assert mine.read_text(encoding="utf-8") == "my own notes"


def test_a_read_only_report_is_told_and_the_others_written(
    qtbot: QtBot, dialog: ExportDialog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Questions.patched(monkeypatch).answer = QMessageBox.StandardButton.Yes
    stale = folder / "factcheck-3-budget-vote.html"
    stale.write_text("keep me", encoding="utf-8")
    stale.chmod(0o444)
    every_article_into(dialog, folder)
    with qtbot.waitSignal(dialog.export_failed, timeout=60_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.isVisible() and dialog.status_label.text() == (
        f"Exported 3 of 4 articles to {folder.name}; this one was not:\n"
        f"“Budget vote” (article 3): {stale.name} is read-only; choose another name or make "
        "it writable."
    )
    assert stale.read_text(encoding="utf-8") == "keep me" and len(os.listdir(folder)) == 4


def test_the_whole_export_by_keyboard(
    qtbot: QtBot, dialog: ExportDialog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Alt+A picks every article (*Save to* then holds the folder), Tab reaches the
    choice, Alt+S the folder, Enter exports; Alt+T goes back to the one file."""
    chooser: list[object] = []
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda *a, **k: chooser.append(a) or ""
    )
    offered = Path(dialog.path_edit.text())
    dialog.format_box.setFocus()
    qtbot.keyClick(dialog.format_box, Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.this_article_button
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_A, ALT)
    qtbot.waitUntil(dialog.all_articles_button.isChecked)  # a button's mnemonic animates
    assert dialog.every_article and QApplication.focusWidget() is dialog.all_articles_button
    assert Path(dialog.path_edit.text()).parent == offered.parent  # a folder of their own
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_T, ALT)
    qtbot.waitUntil(dialog.this_article_button.isChecked)
    assert dialog.path_edit.text() == str(offered)
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_A, ALT)
    qtbot.waitUntil(dialog.all_articles_button.isChecked)
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_S, ALT)
    assert QApplication.focusWidget() is dialog.path_edit
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(folder))
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        qtbot.keyClick(dialog.path_edit, Key.Key_Return)
    assert chooser == [] and len(os.listdir(folder)) == 4


def test_enter_right_after_alt_a_exports_every_article(
    qtbot: QtBot, dialog: ExportDialog, folder: Path
) -> None:
    """A button's Alt letter clicks it 100 ms later (Qt shows it pressed meanwhile): Alt+A
    then Enter at typing speed exported this article alone, as a file, while the dialog
    then showed All articles chosen and the folder in *Save to*."""
    dialog.set_format("md")
    dialog.path_edit.setText(str(folder / "one.md"))
    dialog.format_box.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_A, ALT)
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000) as finished:
        qtbot.keyClick(QApplication.focusWidget(), Key.Key_Return)  # before the click lands
    assert finished.args == [str(folder)]
    qtbot.waitUntil(lambda: not dialog.running)
    assert "one.md" not in os.listdir(folder) and len(os.listdir(folder)) == 4


def test_enter_right_after_alt_t_exports_this_article_alone(
    qtbot: QtBot, dialog: ExportDialog, folder: Path
) -> None:
    """And back: All articles chosen, Alt+T then Enter wrote every article's report."""
    every_article_into(dialog, folder, "md")
    dialog.format_box.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_T, ALT)
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000) as finished:
        qtbot.keyClick(QApplication.focusWidget(), Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.running)
    assert Path(finished.args[0]).parent == folder and finished.args[0].endswith(".md")
    assert os.listdir(folder) == [Path(finished.args[0]).name]


def test_going_back_to_this_article_gives_the_file_back(dialog: ExportDialog) -> None:
    offered = dialog.path_edit.text()
    dialog.all_articles_button.setChecked(True)
    dialog.set_format("docx")  # a folder has no suffix to follow the format
    # No export folder remembered: a folder of their own in the folder offered.
    reports = Path(dialog.path_edit.text())
    assert reports.parent == Path(offered).parent and "-reports-" in reports.name
    dialog.this_article_button.setChecked(True)
    assert dialog.path_edit.text() == str(Path(offered).with_suffix(".docx"))
    dialog.path_edit.setText("ganja-check.docx")  # a bare name: in the folder offered
    dialog.all_articles_button.setChecked(True)
    assert dialog.path_edit.text() == str(reports)
    dialog.set_format("summary-html")  # one file over every article: no choice to make
    assert not dialog.all_articles_button.isEnabled() and not dialog.every_article
    # Back to one file: the name typed, in the summary's suffix, in the folder offered.
    assert dialog.path_edit.text() == str(Path(offered).with_name("ganja-check.html"))


def test_ctrl_shift_e_after_every_article_opens_their_folder(
    qtbot: QtBot,
    four: Desk,
    make_window: Callable[[Desk], MainWindow],
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(four)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)

    def export_for_real(dialog: ExportDialog) -> int:
        export_all(qtbot, dialog, folder, "md")
        return 1

    monkeypatch.setattr(ExportDialog, "exec", export_for_real)
    qtbot.keyClick(window.sentence_view, Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == (
        f"Exported 4 articles, one file each (Ctrl+Shift+E opens the folder), in {folder}"
    )
    qtbot.keyClick(
        window.sentence_view,
        Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert opened == [QUrl.fromLocalFile(str(folder))]


def test_logging_out_mid_way_stops_it_and_tells_what_was_written_next_time(
    qtbot: QtBot, dialog: ExportDialog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The single export's note said "nothing of it was written": here the files before
    the one stopped are there, whole."""
    write = formats.write_report
    second = threading.Event()

    def slow_second(key: str, report: object, path: Path, **more: object) -> None:
        if not path.name.startswith("factcheck-2-"):
            write(key, report, path, **more)  # type: ignore[arg-type]
            return
        ticker = Ticker(1_000_000, more.get("progress"), more.get("cancel"), every=1)  # type: ignore[arg-type]
        second.set()
        while True:
            ticker.step()
            second.wait(0.001)

    monkeypatch.setattr(formats, "write_report", slow_second)
    notes: list[str] = []
    monkeypatch.setattr(
        export_dialog.gui_settings, "note_stopped_work", lambda _ws, lines: notes.extend(lines)
    )
    every_article_into(dialog, folder)
    dialog.export_button.click()
    qtbot.waitUntil(second.is_set, timeout=30_000)
    app = QApplication.instance()
    assert app is not None
    app.setProperty(CLOSING_ON_SIGNAL, True)  # what close_on_terminate's handler does
    try:
        dialog.close()
    finally:
        app.setProperty(CLOSING_ON_SIGNAL, False)
    assert not dialog.running and not dialog.isVisible()
    # Let go of: held while its thread ran (a dialog freed under it aborted the desk),
    # kept after, it held the dialog and its preview for the rest of the session.
    assert dialog not in export_dialog._EXPORTING
    assert [name.split("-")[1] for name in os.listdir(folder)] == ["1"]
    assert notes == [
        f"The export of every article to {folder} was stopped after 1 of 4 reports, each "
        "whole; nothing of the others was written. Export it again (Ctrl+E)."
    ]


def given_a_verdict(desk: Desk, article_id: int) -> None:
    """The article's first sentence: a claim, found false (something to publish)."""
    first = desk.reviews.sentence_rows(article_id)[0].sentence.id
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_verdict(first, "false")


def claimreview_for_all(dialog: ExportDialog) -> None:
    """ClaimReview with its settings filled in, All articles."""
    dialog.set_format("claimreview")
    dialog.publisher_edit.setText("Example Fact Check")
    dialog.url_pattern_edit.setText("https://factcheck.example.org/checks/{slug}#claim-{number}")
    dialog.all_articles_button.setChecked(True)


def reads(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The articles whose report is read from now on, through any desk (the export's and
    the check's read-only ones in their workers too)."""
    read: list[int] = []
    service = type(desk.reviews)
    rows = service.sentence_rows

    def spy(self: object, article_id: int) -> object:
        read.append(article_id)
        return rows(self, article_id)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "sentence_rows", spy)
    return read


def test_claimreview_exports_at_once_checking_each_article_as_it_writes_it(
    qtbot: QtBot, dialog: ExportDialog, four: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export waited for a check of every article first (15 s on a year's 5,000), which
    read each article's report, then the export read it again. Now one pass: each read
    once, checked, written or refused; the end names the refused and why."""
    given_a_verdict(four, 2)
    given_a_verdict(four, 4)
    read = reads(four, monkeypatch)
    claimreview_for_all(dialog)
    assert dialog.export_button.isEnabled()  # at once: nothing to wait for
    shown = QTextDocumentFragment.fromHtml(dialog.problems_label.text()).toPlainText()
    # Not "each is named, with its error": the end names three refusals by title, those
    # with nothing to publish by number, the first ten of them; the log file has each.
    assert shown.splitlines()[0] == (
        "Checked as exported: an article whose markup has an error is not written; those "
        "are said when the export ends (each, with its error, in the log file)."
    )
    assert dialog.preview_label.text() == (
        "Pre&view of this article; 4 articles will be checked, and those without errors "
        "written into the folder"
    )
    dialog.path_edit.setText(str(folder))
    lines = said(dialog)
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert sorted(read) == [1, 2, 3, 4]  # each once
    assert sorted(p.name for p in folder.iterdir()) == [
        "factcheck-2-budget-vote.jsonld",
        "factcheck-4-con-txt.jsonld",
    ]
    assert "Exporting 3 of 4: “Budget vote”…" in lines  # one progress: check and write
    assert lines[-1] == (
        f"Exported 2 of 4 articles, one file each, to {folder.name}. {NOTHING_FOR} articles 1, 3."
    )


def test_claimreview_with_no_article_to_publish_says_so_when_it_ends(
    qtbot: QtBot, dialog: ExportDialog, folder: Path
) -> None:
    claimreview_for_all(dialog)
    dialog.path_edit.setText(str(folder))
    with qtbot.waitSignal(dialog.export_failed, timeout=60_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.status_label.text() == (
        f"None of the 4 articles was exported to {folder.name}. 4 articles have nothing to "
        "publish yet (no claim, denial or fact in them has a verdict): no file was written "
        "for articles 1–4."
    )
    assert os.listdir(folder) == [] and dialog.isVisible()


# What ClaimReview's articles with no verdict yet are told with, before their numbers.
NOTHING_FOR = (
    "2 articles have nothing to publish yet (no claim, denial or fact in them has a "
    "verdict): no file was written for"
)


def test_claimreview_many_articles_with_nothing_to_publish_are_one_short_note(
    qtbot: QtBot,
    dialog: ExportDialog,
    four: Desk,
    folder: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An archive's articles with no verdict yet, in ClaimReview: each was told as a
    refusal, the same sentence after each title, the export said to have failed and the
    dialog left open, though every article that had something to publish was written
    (`export --all` says them once, as a note). A note now, its numbers cut after the
    first ten (the log has them all), and the export done."""
    for number in range(5, 31):
        four.importer.import_text(f"Article {number} says one thing. It says another.")
    for even in range(2, 31, 2):
        given_a_verdict(four, even)
    claimreview_for_all(dialog)
    dialog.path_edit.setText(str(folder))
    lines = said(dialog)
    caplog.set_level("INFO", logger=export_dialog.logger.name)
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert len(os.listdir(folder)) == 15
    assert lines[-1] == (
        f"Exported 15 of 30 articles, one file each, to {folder.name}. 15 articles have nothing "
        "to publish yet (no claim, denial or fact in them has a verdict): no file was "
        "written for articles 1, 3, 5, 7, 9, 11, 13, 15, 17, 19 and 5 more (see the log file)."
    )
    assert dialog.exported_note == (
        "Exported 15 articles, one file each; 15 with nothing to publish yet"
    )
    odd = ", ".join(str(n) for n in range(1, 30, 2))
    assert any(odd in record.getMessage() for record in caplog.records)


def test_claimreview_a_missing_url_pattern_is_said_once_for_every_article(
    qtbot: QtBot, dialog: ExportDialog, four: Desk
) -> None:
    given_a_verdict(four, 2)
    claimreview_for_all(dialog)
    assert dialog.export_button.isEnabled()
    dialog.url_pattern_edit.setText("")
    shown = QTextDocumentFragment.fromHtml(dialog.problems_label.text()).toPlainText()
    assert shown == f"Error: {claimreview.NO_URL}"  # not once per article
    assert not dialog.export_button.isEnabled()


def test_the_other_one_report_is_said_in_the_singular(
    qtbot: QtBot, dialog: ExportDialog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It asked "… skip them and write the other 1 report?"."""
    export_all(qtbot, dialog, folder, "md")
    written = sorted(folder.iterdir())
    written[-1].unlink()  # one not there: 3 of the 4 are
    questions = Questions.patched(monkeypatch)
    dialog.export_button.click()  # answered No
    assert questions.asked[0].endswith("skip them and write the other report?")


def test_the_preview_says_it_is_of_this_article_only(dialog: ExportDialog) -> None:
    label = dialog.preview_label

    def height() -> int:  # at the dialog's width (it wraps on a narrow screen)
        return label.heightForWidth(label.contentsRect().width())

    line = height()
    dialog.all_articles_button.setChecked(True)
    assert label.text() == (
        "Pre&view of this article, in the PDF's layout; 4 files will be written into the folder"
    )
    assert height() == line  # no height taken from the preview
    dialog.this_article_button.setChecked(True)
    assert dialog.preview_label.text().startswith("Pre&view, in the PDF's layout")


def test_skip_them_writes_only_the_reports_not_there_yet(
    qtbot: QtBot, dialog: ExportDialog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The day's new articles added to a folder of reports already sent: No exported
    nothing, Yes replaced what was sent. Enter still exports nothing."""
    offered: list[dict[object, str]] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        offered.append(kwargs["labels"])  # type: ignore[arg-type]
        assert args[4] == QMessageBox.StandardButton.No  # Enter: Don't Export
        return QMessageBox.StandardButton.Ignore

    monkeypatch.setattr(export_dialog, "ask", answer)
    sent = folder / "factcheck-2-budget-vote.md"
    sent.write_text("as sent this morning", encoding="utf-8")
    lines = said(dialog)
    export_all(qtbot, dialog, folder, "md")
    assert offered == [
        {
            QMessageBox.StandardButton.Yes: "Replace It",
            QMessageBox.StandardButton.Ignore: "Skip It",
            QMessageBox.StandardButton.No: "Don't Export",
        }
    ]
    assert sent.read_text(encoding="utf-8") == "as sent this morning"
    assert len(os.listdir(folder)) == 4
    assert lines[-1] == (
        f"Exported 3 articles, one file each, to {folder.name}. The report already there was "
        "left as it was."  # not "The 1 report"
    )
    assert dialog.exported_note == "Exported 3 articles, one file each; 1 already there kept"


def test_skip_is_not_offered_when_every_report_is_there(
    dialog: ExportDialog, folder: Path, four: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = Questions.patched(monkeypatch)
    for file in article_files(four, "md", folder):
        file.path.write_text("sent", encoding="utf-8")
    every_article_into(dialog, folder, "md")
    dialog.export_button.click()
    assert questions.asked[0].endswith("). Replace them with this export?")


def test_a_pattern_typed_is_judged_at_once_for_every_article(
    qtbot: QtBot, dialog: ExportDialog, four: Desk
) -> None:
    """An unusable pattern is said at once, for all, and blocks; a usable one typed lets
    Export be pressed at once (each article's addresses are checked as it is written)."""
    given_a_verdict(four, 2)
    claimreview_for_all(dialog)
    dialog.url_pattern_edit.setFocus()
    dialog.url_pattern_edit.selectAll()
    qtbot.keyClicks(dialog.url_pattern_edit, "ftp://example.org/{slug}")
    assert dialog.problems_label.text().count("Only http:// and https:// links") == 1
    assert not dialog.export_button.isEnabled()
    dialog.url_pattern_edit.selectAll()
    qtbot.keyClicks(dialog.url_pattern_edit, "https://checks.example.org/{article_id}")
    assert dialog.export_button.isEnabled()


def test_an_article_imported_while_the_dialog_is_open_is_counted_when_export_is_pressed(
    qtbot: QtBot, dialog: ExportDialog, four: Desk, folder: Path
) -> None:
    """The set exported is the workspace's articles when Export is pressed, and the
    dialog says how many: it said the 4 there when it opened, and wrote 5."""
    dialog.set_format("md")
    dialog.all_articles_button.setChecked(True)
    assert dialog.all_articles_button.text().startswith("&All articles (4)")
    four.importer.import_text("Article 5 came in from the wire. It says more.")
    dialog.path_edit.setText(str(folder))
    lines = said(dialog)
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()
    assert lines[0] == f"Exporting 5 articles to {folder.name}…"
    assert dialog.all_articles_button.text().startswith("&All articles (5)")
    assert dialog.preview_label.text() == (
        "Pre&view of this article; 5 files will be written into the folder"
    )
    assert len(os.listdir(folder)) == 5


def test_the_folder_pulled_mid_way_is_said_once(
    qtbot: QtBot, dialog: ExportDialog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write = formats.write_report

    def then_pulled(key: str, report: object, path: Path, **more: object) -> None:
        write(key, report, path, **more)  # type: ignore[arg-type]
        if path.name.startswith("factcheck-2-"):
            shutil.rmtree(folder)  # the USB stick pulled

    monkeypatch.setattr(formats, "write_report", then_pulled)
    every_article_into(dialog, folder)
    with qtbot.waitSignal(dialog.export_failed, timeout=60_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.status_label.text() == (
        f"Export failed after 2 of 4 reports written to {folder.name}: The folder {folder.name} "
        "is no longer there (removed, or its drive disconnected); no more reports were written."
    )


def test_reports_skipped_are_said_before_the_list_of_those_refused(
    qtbot: QtBot, dialog: ExportDialog, four: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "These 2 were refused:" introduces the articles refused; the reports left as they
    were (Skip Them) were said between that colon and the list, as if they were it, and
    after them "These 2 were not:" read as "were not left as they were"."""
    for article_id in (1, 2, 3, 4):
        given_a_verdict(four, article_id)
    monkeypatch.setattr(export_dialog, "ask", lambda *_a, **_k: QMessageBox.StandardButton.Ignore)
    (folder / "factcheck-3-budget-vote.jsonld").write_text("as sent", encoding="utf-8")
    write = formats.write_report

    def refused(key: str, report: object, path: Path, **more: object) -> None:
        if path.name.startswith(("factcheck-1-", "factcheck-4-")):
            raise FactcheckError("The folder said no.")
        write(key, report, path, **more)  # type: ignore[arg-type]

    monkeypatch.setattr(formats, "write_report", refused)
    claimreview_for_all(dialog)
    dialog.path_edit.setText(str(folder))
    lines = said(dialog)
    with qtbot.waitSignal(dialog.export_failed, timeout=60_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert lines[-1] == (
        f"Exported 1 of 3 articles to {folder.name}. The report already there was left as it "
        "was. These 2 were refused:\n"
        "“Ankara, Baku’s main backer in the Nagor…” (article 1): The folder said no.\n"
        "“../CON.txt” (article 4): The folder said no."
    )


@pytest.fixture
def new_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newcomer's home folder, with no export folder remembered (and no Documents
    folder unless a test makes one)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(config, "home", lambda: home)
    assert gui_settings.last_export() is None
    return home


def made_for_every_article(qtbot: QtBot, desk: Desk) -> tuple[ExportDialog, set[str]]:
    """The export dialog opened as Ctrl+E opens it, then *All articles* chosen; with the
    days it may name (the dialog opened either side of midnight)."""
    before = dt.date.today().isoformat()
    dialog = ExportDialog(desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_format("html")
    dialog.all_articles_button.setChecked(True)
    assert dialog.every_article
    return dialog, {before, dt.date.today().isoformat()}


def test_every_article_goes_into_a_folder_of_its_own_not_loose_into_home(
    qtbot: QtBot, four: Desk, new_home: Path
) -> None:
    """A newcomer's Export → All articles, with no export folder remembered, offered the
    home folder and wrote every article's file straight into it. It offers a folder of
    the export's own, named after the workspace and the day, in *Save to* before Export
    is pressed; Export makes it (the dialog named it: no question) and writes there."""
    dialog, days = made_for_every_article(qtbot, four)
    offered = Path(dialog.path_edit.text())
    assert offered.parent == new_home
    assert offered.name in {f"{four.path.stem}-reports-{day}" for day in days}
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()  # an unanswered question would fail the test
    qtbot.waitUntil(lambda: not dialog.running)
    assert [p.name for p in new_home.iterdir()] == [offered.name]
    assert len(list(offered.iterdir())) == 4
    assert gui_settings.last_export() == offered


def test_every_article_goes_into_a_folder_of_its_own_in_documents(
    qtbot: QtBot, four: Desk, new_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (new_home / "Documents").mkdir()
    dialog, _days = made_for_every_article(qtbot, four)
    assert Path(dialog.path_edit.text()).parent == new_home / "Documents"
    # Choose… starts in Documents: the folder offered is not made before Export.
    started: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda *a, **k: started.append(a[2]) or ""
    )
    dialog.browse_button.click()
    assert started == [str(new_home / "Documents")]
    # Back to one article: its file is offered in Documents itself, as before.
    dialog.this_article_button.setChecked(True)
    assert Path(dialog.path_edit.text()).parent == new_home / "Documents"
    assert Path(dialog.path_edit.text()).name.startswith("factcheck-1-")


def test_a_folder_the_reviewer_picks_is_used_as_picked(
    qtbot: QtBot, four: Desk, new_home: Path
) -> None:
    """The home folder typed (or chosen) in *Save to* is where the files go: the folder of
    their own is only the dialog's offer."""
    dialog, _days = made_for_every_article(qtbot, four)
    dialog.path_edit.setText(str(new_home))
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert len(list(new_home.glob("factcheck-*.html"))) == 4


def test_after_one_report_every_article_goes_into_a_folder_of_its_own_beside_it(
    qtbot: QtBot, four: Desk, new_home: Path
) -> None:
    """After one article's report was exported into Documents, Export → All articles
    offered Documents itself (the folder remembered) and wrote every report loose among
    the reviewer's documents. It offers a folder of their own there, as on a first export;
    the next single report is offered in Documents again, not inside that folder."""
    documents = new_home / "Documents"
    documents.mkdir()
    report = documents / "factcheck-1-budget.html"
    report.write_text("sent yesterday")
    gui_settings.remember_export(report, documents)
    dialog, days = made_for_every_article(qtbot, four)
    offered = Path(dialog.path_edit.text())
    assert offered.parent == documents
    assert offered.name in {f"{four.path.stem}-reports-{day}" for day in days}
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()  # an unanswered question would fail the test
    qtbot.waitUntil(lambda: not dialog.running)
    assert sorted(p.name for p in documents.iterdir()) == sorted([report.name, offered.name])
    assert len(list(offered.iterdir())) == 4
    assert gui_settings.last_export() == offered  # Ctrl+Shift+E opens the reports' folder
    assert export_dialog.start_folder() == documents


def test_every_article_again_offers_the_folder_it_made_not_one_inside_it(
    qtbot: QtBot, four: Desk, new_home: Path
) -> None:
    """The same day again (to add the day's new articles, Skip Them): the folder made
    the first time is offered again, not a second one made inside it."""
    first, _days = made_for_every_article(qtbot, four)
    made = Path(first.path_edit.text())
    with qtbot.waitSignal(first.export_finished, timeout=60_000):
        first.export_button.click()
    qtbot.waitUntil(lambda: not first.running)
    again, _days = made_for_every_article(qtbot, four)
    assert Path(again.path_edit.text()) == made


def test_a_folder_picked_for_every_article_gets_the_next_folder_of_their_own(
    qtbot: QtBot, four: Desk, new_home: Path, folder: Path
) -> None:
    """A folder the reviewer picked is used as picked; the next export of every article
    gets a folder of their own in it (named for the workspace and day: another
    workspace's reports, numbered alike, are never offered to be replaced)."""
    first, days = made_for_every_article(qtbot, four)
    first.path_edit.setText(str(folder))
    with qtbot.waitSignal(first.export_finished, timeout=60_000):
        first.export_button.click()
    qtbot.waitUntil(lambda: not first.running)
    assert len(list(folder.glob("factcheck-*.html"))) == 4
    again, _days = made_for_every_article(qtbot, four)
    offered = Path(again.path_edit.text())
    assert offered.parent == folder
    assert offered.name in {f"{four.path.stem}-reports-{day}" for day in days}


class HeldAt:
    """The export's worker held just before it reads one article's report, while the test
    changes the workspace through the window's own desk (on this thread), then let go."""

    def __init__(self, article_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reached, self.go = threading.Event(), threading.Event()
        load = export_dialog.load_article_report

        def held(desk: Desk, article_id_: int, **more: object) -> object:
            if article_id_ == article_id:
                self.reached.set()
                self.go.wait(30)
            return load(desk, article_id_, **more)  # type: ignore[arg-type]

        monkeypatch.setattr(export_dialog, "load_article_report", held)


def export_all_removing_meanwhile(
    qtbot: QtBot, dialog: ExportDialog, folder: Path, held: HeldAt, desk: Desk, ids: list[int]
) -> tuple[list[tuple[str, bool]], list[str]]:
    """Every article exported as Markdown to `folder`, the articles `ids` removed in the
    window while the export is `held`. Returns each status line shown (its text, whether
    red) and how the export ended."""
    every_article_into(dialog, folder, "md")
    shown = status_shown(dialog, lambda text, error, _over: (text, error))
    ended: list[str] = []
    dialog.export_failed.connect(lambda _said: ended.append("failed"))
    dialog.export_cancelled.connect(lambda: ended.append("ended as a Stop ends"))
    dialog.export_button.click()
    qtbot.waitUntil(held.reached.is_set, timeout=30_000)
    for article_id in ids:
        desk.articles.remove_article(article_id)
    held.go.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    return shown, ended


def test_each_article_is_written_as_it_is_when_its_turn_comes(
    qtbot: QtBot, dialog: ExportDialog, four: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's *All articles* read every article in one state, the one of its first:
    that read, held from the first report to the last, kept every save made meanwhile in
    the workspace's -wal file (hundreds of MB over a year's export, `export --all` fixed
    for it). Each article is now read in a state of its own, so a verdict recorded on
    article 4 while article 3 is written is in article 4's report."""
    held = HeldAt(4, monkeypatch)
    every_article_into(dialog, folder, "md")
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()
        qtbot.waitUntil(held.reached.is_set, timeout=30_000)
        given_a_verdict(four, 4)  # the window's save while the export runs
        held.go.set()
    qtbot.waitUntil(lambda: not dialog.running)
    report = (folder / "factcheck-4-con-txt.md").read_text(encoding="utf-8")
    assert "| False | 1 |" in report  # read before the verdict: "| False | 0 |"


def test_an_article_removed_during_the_export_is_a_note_not_a_failure(
    qtbot: QtBot, dialog: ExportDialog, four: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Removed in the window while the export runs (before its turn): no file for it, no
    refusal, and the export ends as done, saying so."""
    fifth = four.importer.import_text("A fifth article says one thing. It says another.")
    held = HeldAt(fifth.article_id, monkeypatch)
    every_article_into(dialog, folder, "md")
    lines = said(dialog)
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()
        qtbot.waitUntil(held.reached.is_set, timeout=30_000)
        four.articles.remove_article(fifth.article_id)
        held.go.set()
    qtbot.waitUntil(lambda: not dialog.running)
    assert sorted(name.split("-")[1] for name in os.listdir(folder)) == ["1", "2", "3", "4"]
    assert dialog.result() == ExportDialog.DialogCode.Accepted
    assert lines[-1] == (
        f"Exported 4 of 5 articles, one file each, to {folder.name}. Article 5 (“A fifth "
        "article says one thing.”) was removed from the workspace during the export: no "
        "file was written for it."
    )
    assert dialog.exported_note == (
        "Exported 4 articles, one file each; 1 removed from the workspace meanwhile"
    )


def test_a_stop_after_articles_with_nothing_to_publish_is_not_said_as_a_refusal(
    qtbot: QtBot, dialog: ExportDialog, four: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Stop is the reviewer's own, said as a single export's cancel is: not in red, the
    preview left in place. Articles with nothing to publish yet before it (ClaimReview, no
    verdict: a note, not a refusal) made the line red and took the preview's place, as
    if the export had failed."""
    given_a_verdict(four, 2)
    given_a_verdict(four, 4)
    write = formats.write_report
    fourth = threading.Event()

    def endless_fourth(key: str, report: object, path: Path, **more: object) -> None:
        if not path.name.startswith("factcheck-4-"):
            write(key, report, path, **more)  # type: ignore[arg-type]
            return
        ticker = Ticker(1_000_000, more.get("progress"), more.get("cancel"), every=1)  # type: ignore[arg-type]
        fourth.set()
        while True:
            ticker.step()
            fourth.wait(0.001)  # keeps the loop from spinning a core flat out

    monkeypatch.setattr(formats, "write_report", endless_fourth)
    claimreview_for_all(dialog)
    dialog.path_edit.setText(str(folder))
    shown = status_shown(dialog, lambda *line: line)
    dialog.export_button.click()
    qtbot.waitUntil(fourth.is_set, timeout=30_000)
    with qtbot.waitSignal(dialog.export_cancelled, timeout=10_000):
        dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert shown[-1] == (
        f"Export stopped: 1 of 4 reports written to {folder.name}, each whole; nothing of the "
        f"others was written. {NOTHING_FOR} articles 1, 3.",
        False,  # not red
        False,  # the preview stays
    )


def test_each_article_is_still_read_in_one_state_of_its_own(
    qtbot: QtBot, dialog: ExportDialog, four: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each article read at its turn, but whole in one read transaction: a save landing
    while its report is read (the article read, its sentences not yet) is not in its file,
    which would otherwise be of two states. Fails with `load_article_report`'s
    transaction taken out (checked): the dialog's reader has none around the run now."""
    service = type(four.reviews)
    rows = service.sentence_rows
    reached, go = threading.Event(), threading.Event()

    def held(self: object, article_id: int) -> object:
        if article_id == 4 and threading.current_thread() is not threading.main_thread():
            reached.set()
            go.wait(30)
        return rows(self, article_id)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "sentence_rows", held)
    every_article_into(dialog, folder, "md")
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()
        qtbot.waitUntil(reached.is_set, timeout=30_000)
        given_a_verdict(four, 4)  # saved after the article was read, before its sentences
        go.set()
    qtbot.waitUntil(lambda: not dialog.running)
    report = (folder / "factcheck-4-con-txt.md").read_text(encoding="utf-8")
    assert "| False | 0 |" in report  # the state its reading began in: no verdict yet


def test_claimreview_with_skip_them_and_nothing_new_to_publish_is_a_plain_note(
    qtbot: QtBot, dialog: ExportDialog, four: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The day's "add today's articles" export: yesterday's reports are in the folder,
    Skip Them leaves them, and the articles new since have no verdict yet. Nothing
    failed, yet the end was a red "None of the 2 articles was exported", as if the
    export had. It is a plain note: nothing new to publish, the reports there kept."""
    for article_id in (1, 3):
        given_a_verdict(four, article_id)
    monkeypatch.setattr(export_dialog, "ask", lambda *_a, **_k: QMessageBox.StandardButton.Ignore)
    sent = {f.article_id: f.path for f in article_files(four, "claimreview", folder)}
    for article_id in (1, 3):
        sent[article_id].write_text("as sent", encoding="utf-8")
    claimreview_for_all(dialog)
    dialog.path_edit.setText(str(folder))
    errors = status_shown(dialog, lambda _text, error, _over: error)
    failed: list[str] = []
    dialog.export_failed.connect(failed.append)
    dialog.export_button.click()
    qtbot.waitUntil(
        lambda: not dialog.running and "nothing to publish" in dialog.status_label.text(),
        timeout=60_000,
    )
    assert dialog.status_label.text() == (
        f"Nothing new to publish: no report was written to {folder.name}. The 2 reports already "
        "there were left as they were. 2 articles have nothing to publish yet (no claim, "
        "denial or fact in them has a verdict): no file was written for articles 2, 4."
    )
    assert errors[-1] is False and failed == []
    assert sorted(p.read_text(encoding="utf-8") for p in folder.iterdir()) == ["as sent"] * 2


def test_skip_them_with_every_other_article_removed_meanwhile_is_no_failure(
    qtbot: QtBot, dialog: ExportDialog, four: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The day's "add the new articles" (Skip Them), every new one removed in the window
    before its turn: nothing failed, and it was told in red, over the preview, as "None
    of the 2 articles was exported", the removed ones counted but not numbered as the
    articles with nothing to publish are."""
    sent = article_files(four, "md", folder)
    for file in sent:
        file.path.write_text("as sent", encoding="utf-8")
    new = [four.importer.import_text(f"New article {n} says one thing.").article_id for n in (5, 6)]
    monkeypatch.setattr(export_dialog, "ask", lambda *_a, **_k: QMessageBox.StandardButton.Ignore)
    held = HeldAt(new[0], monkeypatch)
    shown, ended = export_all_removing_meanwhile(qtbot, dialog, folder, held, four, new)
    assert ended == ["ended as a Stop ends"]
    assert shown[-1] == (
        f"Nothing new to publish: no report was written to {folder.name}. The 4 reports already "
        "there were left as they were. 2 articles (5, 6) were removed from the workspace "
        "during the export: no file was written for them.",
        False,  # not red: nothing failed
    )
    assert dialog.isVisible() and dialog.preview.isVisible()
    assert sorted(os.listdir(folder)) == sorted(file.name for file in sent)


def test_every_article_removed_meanwhile_is_no_failure(
    qtbot: QtBot, desk: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every article removed from the workspace before its turn (by another desk beside a
    read-only window): nothing was refused, `export --all` ends so with status 0, and the
    dialog told it in red as a failed export."""
    ids = [desk.importer.import_text(f"Article {n} says one thing.").article_id for n in (1, 2)]
    dialog = ExportDialog(desk, ids[0])
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    held = HeldAt(ids[0], monkeypatch)
    shown, ended = export_all_removing_meanwhile(qtbot, dialog, folder, held, desk, ids)
    assert ended == ["ended as a Stop ends"]
    assert shown[-1] == (
        f"None of the 2 articles was exported to {folder.name}. 2 articles (1, 2) were removed "
        "from the workspace during the export: no file was written for them.",
        False,  # not red: nothing failed
    )
    assert os.listdir(folder) == []


def test_a_workspace_with_no_articles_left_is_a_note_not_a_failure(
    qtbot: QtBot, seeded_desk: Desk, folder: Path
) -> None:
    """Every article removed while the dialog was open (Remove Article… beside it): there
    is nothing to export, and nothing went wrong. It was said in the error colour, as if
    the export had failed."""
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    seeded_desk.articles.remove_article(1)
    every_article_into(dialog, folder)
    dialog.export_button.click()
    assert dialog.status_label.text() == "The workspace has no articles: nothing to export."
    assert dialog.status_label.styleSheet() == ""  # the dialog's own text colour
    assert not dialog.running and list(folder.iterdir()) == []


def export_all_third_refused(
    qtbot: QtBot, dialog: ExportDialog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every article exported to `folder`, the disk not answering (an input/output
    error) for article 3's report alone; returns once the export has failed and ended."""
    write = formats.write_report

    def hiccup(key: str, report: object, path: Path, **more: object) -> None:
        if path.name.startswith("factcheck-3-"):
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))
        write(key, report, path, **more)  # type: ignore[arg-type]

    monkeypatch.setattr(formats, "write_report", hiccup)
    every_article_into(dialog, folder)
    with qtbot.waitSignal(dialog.export_failed, timeout=60_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)


def test_one_input_output_error_says_to_export_again_skipping_those_written(
    qtbot: QtBot, dialog: ExportDialog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One report refused by a disk that did not answer for a moment (a network drive
    reconnecting) was told as "Cannot write …: Input/output error" alone: the reviewer
    was not told that exporting again, skipping the reports written, writes it."""
    write = formats.write_report  # for the disk answering again, below
    export_all_third_refused(qtbot, dialog, folder, monkeypatch)
    stale = folder / "factcheck-3-budget-vote.html"
    assert dialog.status_label.text() == (
        f"Exported 3 of 4 articles to {folder.name}; this one was not:\n"
        f"“Budget vote” (article 3): Cannot write {stale.name}: Input/output error\n"
        "Export again with Skip Them to write the ones missing."
    )
    # Exporting again offers Skip Them, which writes the one missing.
    monkeypatch.setattr(formats, "write_report", write)
    monkeypatch.setattr(export_dialog, "ask", lambda *_a, **_k: QMessageBox.StandardButton.Ignore)
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()
    assert stale.exists() and len(os.listdir(folder)) == 4


def test_an_input_output_error_with_nothing_written_says_to_export_again(
    qtbot: QtBot, seeded_desk: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing in the folder for Skip Them to keep (the next export asks nothing): it is
    not named, the export again is."""

    def hiccup(key: str, report: object, path: Path, **more: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))

    monkeypatch.setattr(formats, "write_report", hiccup)
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    every_article_into(dialog, folder)
    with qtbot.waitSignal(dialog.export_failed, timeout=60_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    said = dialog.status_label.text()
    assert said.startswith(f"The article was not exported to {folder.name}")
    assert "Input/output" in said and said.endswith("\nExport again to write it.")


def test_a_refused_report_in_a_long_folder_is_named_by_its_file_its_reason_whole(
    qtbot: QtBot,
    dialog: ExportDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A refused report's line was cut at 160 characters: in a folder of a long path (a
    newsroom share) the path, said already on the first line, took them all and the
    reason was cut ("Cannot write /srv/…/factcheck-3-budget-vote.html: Input/output …").
    The file is named alone, the reason whole; the log keeps the full path."""
    folder = tmp_path.joinpath(*["newsroom-shared-drive-fact-checking-archive-2026"] * 4)
    folder.mkdir(parents=True)
    export_all_third_refused(qtbot, dialog, folder, monkeypatch)
    lines = dialog.status_label.text().split("\n")
    assert lines[0] == f"Exported 3 of 4 articles to {folder.name}; this one was not:"
    assert lines[1] == (
        "“Budget vote” (article 3): Cannot write factcheck-3-budget-vote.html: Input/output error"
    )
    stale = folder / "factcheck-3-budget-vote.html"
    assert f"Export of article 3: Cannot write {stale}: Input/output error" in caplog.text


@pytest.mark.parametrize(
    ("every", "prompt"),
    [
        (False, "Choose where to save the export."),
        (True, "Choose the folder to save the reports in."),
    ],
)
def test_an_empty_save_to_is_a_prompt_not_a_failure(
    qtbot: QtBot, dialog: ExportDialog, every: bool, prompt: str
) -> None:
    """Export with *Save to* emptied asks where to save: nothing failed, and it was said
    in the error colour, as the refusals are (the empty workspace's note is not)."""
    dialog.all_articles_button.setChecked(every)
    dialog.this_article_button.setChecked(not every)
    dialog.path_edit.clear()
    dialog.export_button.click()
    assert dialog.status_label.text() == prompt
    assert dialog.status_label.styleSheet() == ""  # the dialog's own text colour
    assert not dialog.running


@pytest.mark.parametrize("key", ["html", "pdf", "md", "claimreview"])
def test_every_article_removed_meanwhile_leaves_the_preview_empty_with_a_note(
    qtbot: QtBot, seeded_desk: Desk, folder: Path, key: str
) -> None:
    """Every article removed while the dialog was open (by another desk on the
    workspace): the preview went on showing the article's report, under "Preview of this
    article; no file will be written", beside "The workspace has no articles: nothing to
    export." The preview is empty, its label saying why in one line."""
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_format(key)
    dialog.publisher_edit.setText("Desk")  # ClaimReview exports once they are set
    dialog.publisher_url_edit.setText("https://example.org/")
    dialog.url_pattern_edit.setText("https://example.org/checks/{slug}#claim-{number}")
    assert dialog.preview.toPlainText()  # the article's report, before
    seeded_desk.articles.remove_article(1)
    dialog.all_articles_button.setChecked(True)
    assert dialog.preview.toPlainText() == ""
    note = "Pre&view: none, every article was removed from the workspace"
    assert dialog.preview_label.text() == note
    dialog.path_edit.setText(str(folder))
    dialog.export_button.click()
    assert dialog.status_label.text() == "The workspace has no articles: nothing to export."
    assert dialog.preview.isVisible() and dialog.preview.toPlainText() == ""
    assert dialog.preview_label.text() == note
    dialog.this_article_button.setChecked(True)  # nor of this article alone
    assert dialog.preview.toPlainText() == "" and dialog.preview_label.text() == note
    dialog.set_format("summary-csv")  # nor a summary of the articles removed
    assert dialog.preview.toPlainText() == "" and dialog.preview_label.text() == note


def test_the_article_previewed_removed_meanwhile_is_no_longer_previewed(
    qtbot: QtBot, dialog: ExportDialog, four: Desk
) -> None:
    """The article the dialog was opened on removed while it was open, others left: its
    report is no longer shown as the one the export is like, nor in the summary."""
    title = dialog.report.article.title
    dialog.set_format("summary-csv")
    assert title in dialog.preview.toPlainText()
    four.articles.remove_article(1)
    dialog.set_format("html")
    assert dialog.preview.toPlainText() == ""
    assert (
        dialog.preview_label.text() == "Pre&view: none, this article was removed from the workspace"
    )
    dialog.all_articles_button.setChecked(True)
    assert dialog.preview.toPlainText() == ""
    assert dialog.preview_label.text() == (
        "Pre&view: none, this article was removed from the workspace; 3 files will be "
        "written into the folder"
    )
    dialog.this_article_button.setChecked(True)
    dialog.set_format("summary-csv")  # the summary of those left
    assert "Budget vote" in dialog.preview.toPlainText()
    assert title not in dialog.preview.toPlainText()
    assert dialog.preview_label.text() == "Pre&view"


EVERY = [1, 2]


@pytest.mark.parametrize(
    ("key", "removed", "said"),
    [
        ("html", [1], "Nothing exported: this article was removed from the workspace."),
        ("html", EVERY, "Nothing exported: every article was removed from the workspace."),
        ("summary-csv", EVERY, "Nothing exported: every article was removed from the workspace."),
    ],
)
def test_this_article_removed_meanwhile_is_not_exported_as_it_was(
    qtbot: QtBot,
    seeded_desk: Desk,
    tmp_path: Path,
    key: str,
    removed: list[int],
    said: str,
) -> None:
    """Export of this article, removed while the dialog was open: its report was written
    as it was when the dialog opened, "Exported to …", of an article no longer in the
    workspace (and a summary of every article removed listed them all). As an export of
    every article writes no file for one removed meanwhile, none is written, in words."""
    seeded_desk.importer.import_text("Another article says one thing. It says another.")
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_format(key)
    for article_id in removed:
        seeded_desk.articles.remove_article(article_id)
    target = tmp_path / f"report{formats.FORMATS[key].suffix}"
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()
    assert dialog.status_label.text() == said
    assert dialog.status_label.styleSheet() == ""  # nothing failed
    assert not dialog.running and not target.exists()
    assert dialog.preview.toPlainText() == ""


def test_this_article_put_back_meanwhile_is_previewed_and_exported_again(
    qtbot: QtBot, dialog: ExportDialog, four: Desk, tmp_path: Path
) -> None:
    """The article removed while the dialog was open, then put back (Ctrl+Z of Remove
    Article): Export writes it, and its preview comes back with it. It was written,
    "Exported to …", under "Preview: none, this article was removed from the workspace"
    and an empty preview, until a field or the format was changed."""
    dialog.set_format("html")
    shown = dialog.preview.toPlainText()
    four.articles.remove_article(1)
    target = tmp_path / "report.html"
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()
    assert dialog.status_label.text().startswith("Nothing exported")
    four.undo()  # Remove Article taken back: the article is there again
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert target.exists()
    assert dialog.preview_label.text().startswith("Pre&view, in the PDF's layout")  # not "none"
    assert dialog.preview.toPlainText() == shown


@pytest.mark.parametrize(
    ("last", "named"),
    [
        ("newsroom-shared-drive-fact-checking-archive-2026", None),
        # Too long for the line's 160 characters even alone: the first line names it.
        ("newsroom-shared-drive-fact-checking-archive-2026-election-night-desk", "the folder"),
    ],
)
def test_a_report_that_came_into_a_long_folder_meanwhile_names_the_folder_by_its_name(
    qtbot: QtBot,
    dialog: ExportDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    last: str,
    named: str | None,
) -> None:
    """A report of the same name put into the folder during the export (a colleague's
    export, a sync tool) is left as it was and said: "… came into FOLDER during the
    export …" named the folder's whole path, said on the first line already; in a
    newsroom share's long path the line was cut at 160 characters, "export again to
    replace it" lost, at 1024×640 a wall of path. The folder is named by its last part;
    its whole path is in the line's tooltip."""
    folder = tmp_path.joinpath(*[last] * 4)
    folder.mkdir(parents=True)
    write = formats.write_report

    def colleague_meanwhile(key: str, report: object, path: Path, **more: object) -> None:
        if path.name.startswith("factcheck-2-"):  # written now: article 3's comes in
            (folder / "factcheck-3-budget-vote.html").write_text("theirs", encoding="utf-8")
        write(key, report, path, **more)  # type: ignore[arg-type]

    monkeypatch.setattr(formats, "write_report", colleague_meanwhile)
    every_article_into(dialog, folder, "html")
    with qtbot.waitSignal(dialog.export_failed, timeout=60_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    lines = dialog.status_label.text().split("\n")
    assert lines[1] == (
        f"“Budget vote” (article 3): factcheck-3-budget-vote.html came into {named or last} "
        "during the export and was left as it was: export again to replace it."
    )
    assert dialog.status_label.toolTip() == f"Folder: {folder}"
    assert (folder / "factcheck-3-budget-vote.html").read_text(encoding="utf-8") == "theirs"
