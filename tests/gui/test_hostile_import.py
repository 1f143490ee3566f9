"""Hostile article files in the window: Cancel and Quit act within a second, even while a
parser is busy, and files that are no files are refused at once with a message."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.import_progress import JobProgress
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.domain.test_extract_hostile import many_lines_pdf

POSIX = pytest.mark.skipif(
    not (hasattr(os, "mkfifo") and Path("/dev/zero").exists()), reason="POSIX devices and FIFOs"
)


def start_slow_pdf_import(window: MainWindow, tmp_path: Path, qtbot: QtBot) -> list[int]:
    """Start importing a one-page PDF of 96,000 lines and wait until its page is being
    read; the process ids of the parsers running then."""
    pdf = tmp_path / "slow.pdf"
    pdf.write_bytes(many_lines_pdf(96_000))  # 3 KB; pypdf needs several seconds for it
    window.import_files([pdf])
    qtbot.waitUntil(
        lambda: "slow.pdf: page 1 of 1" in window.import_progress.stage.toolTip(), timeout=30_000
    )
    parsers = [child.pid for child in multiprocessing.active_children() if child.pid]
    assert parsers, "the PDF is read in a worker process"
    return parsers


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_cancel_stops_an_import_within_a_second_while_a_parser_is_busy(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    parsers = start_slow_pdf_import(window, tmp_path, qtbot)
    started = time.monotonic()
    with qtbot.waitSignal(window.import_finished, timeout=1_000) as done:
        window.imports.cancel()
    assert time.monotonic() - started < 1.0
    assert done.args[0].cancelled and not done.args[0].imported
    assert not any(running(pid) for pid in parsers)
    assert len(window.desk.articles.list_articles()) == 1
    assert "cancelled" in window.statusBar().currentMessage()


def test_quit_during_an_import_closes_the_window_within_a_second(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = window.desk.path
    parsers = start_slow_pdf_import(window, tmp_path, qtbot)
    # "Stop the Import and Quit" (tests/gui/test_quit_during_import.py asks the question)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 1.0
    assert not window.isVisible()
    assert not any(running(pid) for pid in parsers)
    again = Desk.open(path, read_only=True)
    try:
        assert len(again.articles.list_articles()) == 1  # nothing of the PDF was kept
    finally:
        again.close()


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom"])
def test_a_pipe_or_device_named_as_an_article_is_refused_at_once(
    kind: str,
    window: MainWindow,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    article = tmp_path / ("article.html" if kind == "urandom" else "article.txt")
    if kind == "fifo":
        os.mkfifo(article)
    else:
        article.symlink_to(f"/dev/{kind}")
    with qtbot.waitSignal(window.import_finished, timeout=5_000):
        window.import_files([article])
    what = "a named pipe" if kind == "fifo" else "a device"
    assert len(shown) == 1 and f"{article.name} is {what}" in shown[0]
    assert len(window.desk.articles.list_articles()) == 1
    assert not window.imports.running()


def test_a_file_name_s_controls_and_markup_show_as_characters_in_the_import_progress(
    qtbot: QtBot,
) -> None:
    """The import's stage in the status bar ("Reading NAME") took the file's name raw: a
    right-to-left override in it showed the words after it reversed ("invoice‮fdp.exe"
    read "invoiceexe.pdf"), a byte that is no UTF-8 was dropped ("Bericht ber.txt"), and
    on hover a name like "<img width=2000 height=9>.txt" was a tooltip of an empty
    picture 2,000 pixels wide. They show as every message names a file: the override as
    "?", the byte as "�", the rest as the characters it is."""
    progress = JobProgress("Import", "Starting the import…")
    qtbot.addWidget(progress)

    def as_shown(tip: str) -> str:
        document = QTextDocument()
        if GuiQt.mightBeRichText(tip):
            document.setHtml(tip)
        else:
            document.setPlainText(tip)
        return document.toPlainText()

    progress.set_progress(10, "Reading invoice\u202efdp.exe")
    assert "\u202e" not in progress.stage.text() + progress.stage.toolTip()
    assert as_shown(progress.stage.toolTip()) == "Reading invoice?fdp.exe"
    progress.set_progress(15, "Reading Bericht \udcfcber.txt")  # (Latin-1 "ü")
    assert progress.stage.text() == "Reading Bericht \ufffdber.txt"
    progress.set_progress(20, "Reading <img width=2000 height=9>.txt")
    assert as_shown(progress.stage.toolTip()) == "Reading <img width=2000 height=9>.txt"
