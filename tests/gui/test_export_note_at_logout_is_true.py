"""Logging out while File → Export… writes: the export is asked to stop, waited for 2 s
(`STOP_WAIT_MS`), then left to end with the desk. The next start's note said "was
stopped: nothing of it was written" whatever became of it: a report that was written
whole in that last instant (or just as the Stop came) was said not to be."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.dialogs import export as export_dialog
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.reports.atomic import write_atomically
from tests.gui.stopped_work import host_down, take_stopped_work
from tests.gui.test_export_dialog import Questions, signalled_mid_export


def log_out_while_exporting(
    qtbot: QtBot,
    window: MainWindow,
    out: Path,
    started: threading.Event,
    every_article: bool = False,
    at_last: Callable[[], object] = lambda: None,
) -> None:
    """Ctrl+E, Export as Markdown to `out` (the folder of *All articles* when
    `every_article`), then (once the write has `started`) logging out. `at_last` runs
    however it ended (a write held, let go)."""

    def choose(dialog: ExportDialog) -> None:
        dialog.set_format("md")
        if every_article:
            dialog.all_articles_button.setChecked(True)

    signalled_mid_export(qtbot, window, out, started, lambda _: None, at_last, choose)


def stalled_write(
    monkeypatch: pytest.MonkeyPatch, then: Callable[[Path], None], only: str = ""
) -> tuple[threading.Event, threading.Event]:
    """The write of a report whose file name starts with `only` stuck (as on a drive that
    stopped answering: no Stop is looked at in the system's write) until released, then
    `then(path)`: written whole, failed, or nothing (never written: the desk ended
    first). Any other report written as ever. (started, release)."""
    started, release = threading.Event(), threading.Event()
    write = export_dialog.formats.write_report

    def stalled(key: str, report: object, path: Path, **more: object) -> None:
        if not path.name.startswith(only):
            write(key, report, path, **more)  # type: ignore[arg-type]
            return
        started.set()
        release.wait(15)
        then(path)

    monkeypatch.setattr(export_dialog.formats, "write_report", stalled)
    return started, release


def written_whole(path: Path) -> None:
    write_atomically(path, "# the report, whole\n")


def never_written(path: Path) -> None:
    """The desk ended first."""


def left_running_end(qtbot: QtBot) -> None:
    for thread, _worker in list(export_dialog._LEFT_RUNNING):
        qtbot.waitUntil(thread.isFinished, timeout=10_000)
    export_dialog._LEFT_RUNNING.clear()


def every_article_left_running(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    articles: int,
    written: bool,
) -> tuple[Path, Path]:
    """Every article's export (`articles` of them, into a folder), logged out while the
    second report's write is stuck, left running, then that report `written` whole or
    never; its thread ended. (the folder, the workspace)."""
    for ordinal in ["second", "third", "fourth"][: articles - 1]:
        window.desk.importer.import_text(f"A {ordinal} article says one thing. It says another.")
    folder = tmp_path / "reports"
    folder.mkdir()
    then = written_whole if written else never_written
    started, release = stalled_write(monkeypatch, then, only="factcheck-2-")
    workspace = window.desk.path
    assert workspace is not None
    log_out_while_exporting(qtbot, window, folder, started, every_article=True, at_last=release.set)
    left_running_end(qtbot)
    return folder, workspace


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
    started, release = stalled_write(monkeypatch, written_whole)
    out = tmp_path / "report.md"
    workspace = window.desk.path
    assert workspace is not None
    log_out_while_exporting(qtbot, window, out, started, at_last=release.set)
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

    def failed(path: Path) -> None:
        raise OSError(5, "Input/output error", str(path))

    started, release = stalled_write(monkeypatch, failed)
    Questions.patched(monkeypatch).answer = QMessageBox.StandardButton.Yes  # Replace File?
    out = tmp_path / "report.md"
    out.write_text("yesterday's", encoding="utf-8")
    workspace = window.desk.path
    assert workspace is not None
    log_out_while_exporting(qtbot, window, out, started, at_last=release.set)
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
    folder, workspace = every_article_left_running(
        qtbot, window, tmp_path, monkeypatch, articles=2, written=True
    )
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
    folder, workspace = every_article_left_running(
        qtbot, window, tmp_path, monkeypatch, articles=3, written=False
    )
    with monkeypatch.context() as patched:  # the next start, the share down
        host_down(patched, lambda path: path.parent == folder)
        told = take_stopped_work(workspace)
    text = "\n".join(told)
    assert "factcheck-2-" in text and "cannot be told" in text  # the one not known
    assert "every article" in text and "of 3 reports" in text, text  # and the rest
