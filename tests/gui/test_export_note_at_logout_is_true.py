"""Logging out while File → Export… writes: the export is asked to stop, waited for 2 s
(`STOP_WAIT_MS`), then left to end with the desk. The next start's note said "was
stopped: nothing of it was written" whatever became of it: a report that was written
whole in that last instant (or just as the Stop came) was said not to be."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.app import CLOSING_ON_SIGNAL
from factcheck_app.gui.dialogs import export as export_dialog
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.reports.atomic import write_atomically
from tests.gui.stopped_work import take_stopped_work
from tests.gui.test_export_dialog import Questions


def log_out_while_exporting(
    qtbot: QtBot, window: MainWindow, out: Path, started: threading.Event
) -> None:
    """Ctrl+E, Export to `out`, then (once the write has `started`) logging out."""
    app = QApplication.instance()
    assert app is not None

    def export_then_log_out() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.set_format("md")
        dialog.path_edit.setText(str(out))
        dialog.export_button.click()
        assert started.wait(10)
        app.setProperty(CLOSING_ON_SIGNAL, True)  # what close_on_terminate's handler does
        app.closeAllWindows()

    QTimer.singleShot(0, export_then_log_out)
    try:
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    finally:
        app.setProperty(CLOSING_ON_SIGNAL, False)


def left_running_end(qtbot: QtBot) -> None:
    for thread, _worker in list(export_dialog._LEFT_RUNNING):
        qtbot.waitUntil(thread.isFinished, timeout=10_000)
    export_dialog._LEFT_RUNNING.clear()


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_dialog, "STOP_WAIT_MS", 100)


def test_a_report_written_after_the_desk_let_go_of_it_is_not_said_stopped(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    short_wait: None,
) -> None:
    """The write stuck on a drive that stopped answering, left running at logout, then
    the drive answers and the report is written whole, in the process's last instant."""
    started, release = threading.Event(), threading.Event()

    def stalled_then_written(key: str, report: object, path: Path, **_: object) -> None:
        started.set()
        release.wait(15)  # in the system's write: no Stop is looked at here
        write_atomically(path, "# the report, whole\n")

    monkeypatch.setattr(export_dialog.formats, "write_report", stalled_then_written)
    out = tmp_path / "report.md"
    workspace = window.desk.path
    assert workspace is not None
    try:
        log_out_while_exporting(qtbot, window, out, started)
    finally:
        release.set()
    left_running_end(qtbot)
    assert out.read_text(encoding="utf-8") == "# the report, whole\n"
    told = take_stopped_work(workspace)
    assert not any("was stopped" in line for line in told), told


def test_a_report_never_written_is_said_stopped(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    short_wait: None,
) -> None:
    """Left running, and it never wrote (the desk ended first, or its write failed): the
    file from before is as it was, and the note says so."""
    started, release = threading.Event(), threading.Event()

    def stalled_then_failed(key: str, report: object, path: Path, **_: object) -> None:
        started.set()
        release.wait(15)
        raise OSError(5, "Input/output error", str(path))

    monkeypatch.setattr(export_dialog.formats, "write_report", stalled_then_failed)
    Questions.patched(monkeypatch).answer = QMessageBox.StandardButton.Yes  # Replace File?
    out = tmp_path / "report.md"
    out.write_text("yesterday's", encoding="utf-8")
    workspace = window.desk.path
    assert workspace is not None
    try:
        log_out_while_exporting(qtbot, window, out, started)
    finally:
        release.set()
    left_running_end(qtbot)
    assert out.read_text(encoding="utf-8") == "yesterday's"
    assert take_stopped_work(workspace) == [
        "The export to report.md was stopped: nothing of it was written (a file of that "
        "name from before is as it was). Export it again (Ctrl+E)."
    ]


def test_a_report_finished_as_the_stop_came_is_not_said_stopped(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past its last look at Stop when logging out began (renaming the file whole): the
    export ended within the wait, written, and the note said nothing of it was."""
    started, stop_seen = threading.Event(), threading.Event()

    def finishing(key: str, report: object, path: Path, **more: object) -> None:
        cancel = more["cancel"]
        started.set()
        while not cancel():  # type: ignore[operator]
            stop_seen.wait(0.005)
        write_atomically(path, "# the report, whole\n")  # its rename, under way already

    monkeypatch.setattr(export_dialog.formats, "write_report", finishing)
    out = tmp_path / "report.md"
    workspace = window.desk.path
    assert workspace is not None
    log_out_while_exporting(qtbot, window, out, started)
    assert export_dialog._LEFT_RUNNING == []
    assert out.read_text(encoding="utf-8") == "# the report, whole\n"
    assert take_stopped_work(workspace) == []


def test_every_article_whose_last_report_is_written_after_the_desk_let_go_is_not_said_stopped(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    short_wait: None,
) -> None:
    """Every article's export, the last report's write stuck at logout, then written whole:
    "stopped after 1 of 2 reports" was said of an export that wrote both."""
    window.desk.importer.import_text("A second article says one thing. It says another.")
    folder = tmp_path / "reports"
    folder.mkdir()
    started, release = threading.Event(), threading.Event()
    write = export_dialog.formats.write_report

    def second_stalled(key: str, report: object, path: Path, **more: object) -> None:
        if path.name.startswith("factcheck-2-"):
            started.set()
            release.wait(15)
            write_atomically(path, "# the report, whole\n")
            return
        write(key, report, path, **more)  # type: ignore[arg-type]

    monkeypatch.setattr(export_dialog.formats, "write_report", second_stalled)
    workspace = window.desk.path
    assert workspace is not None
    app = QApplication.instance()
    assert app is not None

    def export_then_log_out() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.set_format("md")
        dialog.all_articles_button.setChecked(True)
        dialog.path_edit.setText(str(folder))
        dialog.export_button.click()
        assert started.wait(10)
        app.setProperty(CLOSING_ON_SIGNAL, True)
        app.closeAllWindows()

    QTimer.singleShot(0, export_then_log_out)
    try:
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    finally:
        app.setProperty(CLOSING_ON_SIGNAL, False)
        release.set()
    left_running_end(qtbot)
    assert len(list(folder.iterdir())) == 2
    assert take_stopped_work(workspace) == []


def test_every_article_stopped_on_a_drive_that_does_not_answer_says_the_rest_unwritten(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    short_wait: None,
) -> None:
    """Every article's export (3 reports), the second's write stuck at logout; the share
    does not answer at the next start. The note named only the report being written ("An
    export was writing factcheck-2-….md … cannot be told. Look at it"): nothing said that
    the export of every article was stopped, nor that the third report was never
    written. The journalist looks at the one file named, finds it, and takes the folder
    (yesterday's third report in it) for today's export."""
    window.desk.importer.import_text("A second article says one thing. It says another.")
    window.desk.importer.import_text("A third article says one thing. It says another.")
    folder = tmp_path / "reports"
    folder.mkdir()
    started, release = threading.Event(), threading.Event()
    write = export_dialog.formats.write_report

    def second_stalled(key: str, report: object, path: Path, **more: object) -> None:
        if path.name.startswith("factcheck-2-"):
            started.set()
            release.wait(15)
            return  # never written: the desk ended first
        write(key, report, path, **more)  # type: ignore[arg-type]

    monkeypatch.setattr(export_dialog.formats, "write_report", second_stalled)
    workspace = window.desk.path
    assert workspace is not None
    app = QApplication.instance()
    assert app is not None

    def export_then_log_out() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.set_format("md")
        dialog.all_articles_button.setChecked(True)
        dialog.path_edit.setText(str(folder))
        dialog.export_button.click()
        assert started.wait(10)
        app.setProperty(CLOSING_ON_SIGNAL, True)
        app.closeAllWindows()

    QTimer.singleShot(0, export_then_log_out)
    try:
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    finally:
        app.setProperty(CLOSING_ON_SIGNAL, False)
        release.set()
    left_running_end(qtbot)
    real_stat = os.stat

    def share_down(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if Path(os.fspath(path)).parent == folder:  # type: ignore[arg-type]
            raise OSError(112, "Host is down", os.fspath(path))  # type: ignore[arg-type]
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patched:  # the next start, the share down
        patched.setattr(os, "stat", share_down)
        told = take_stopped_work(workspace)
    text = "\n".join(told)
    assert "factcheck-2-" in text and "cannot be told" in text  # the one not known
    assert "every article" in text and "of 3 reports" in text, text  # and the rest
