"""An export left running at logout is told of at the next open as it turned out: the
next open looks at its file (`gui_settings.note_stopped_export`). That file is on the
drive whose write stalled at logout, very often a network share still dead at the next
start: the look (an `os.stat`) was made on the window's thread as it came up, and a
share that does not answer held the whole window, unpainted and deaf to every key, for
as long as the system waited (a hard NFS mount: for ever)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui import settings as gui_settings
from factcheck_app.gui.controllers import workspace as workspace_controller
from factcheck_app.gui.main_window import MainWindow
from tests.gui.conftest import reopened_window
from tests.gui.stopped_work import host_down, take_stopped_work

STOPPED = "The export to report.md was stopped: nothing of it was written."


def shown_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def exec_box(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return shown


def stalled_drive(
    monkeypatch: pytest.MonkeyPatch, target: Path
) -> tuple[list[threading.Thread], threading.Event]:
    """`os.stat` of `target` does not answer until the event is set (a dead share); the
    threads that asked are listed. Asked on the window's thread, it answers at once (else
    the test would hang as the window did), but the asking is seen."""
    real_stat = os.stat
    asked: list[threading.Thread] = []
    answers = threading.Event()

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if os.fspath(path) == os.fspath(target):  # type: ignore[arg-type]
            asked.append(threading.current_thread())
            if threading.current_thread() is not threading.main_thread():
                answers.wait(30)
            raise OSError(112, "Host is down", os.fspath(target))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    return asked, answers


def test_a_dead_share_at_the_next_start_does_not_hold_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = window.desk.path
    assert workspace is not None
    target = tmp_path / "share" / "report.md"
    gui_settings.note_stopped_export(workspace, target, [1, 2, 3, 4], STOPPED, "")
    window.close()
    monkeypatch.setattr(workspace_controller, "EXPORT_LOOK_WAIT_MS", 200)
    shown = shown_boxes(monkeypatch)
    asked, answers = stalled_drive(monkeypatch, target)
    try:
        again = reopened_window(qtbot, workspace)
        qtbot.waitUntil(lambda: bool(shown), timeout=10_000)  # told while the share is dead
        assert asked and threading.main_thread() not in asked
        [text] = shown
        assert "report.md" in text and "does not answer" in text
        assert "nothing of it was written" not in text  # not known: not said
    finally:
        answers.set()
    again.close()


def test_a_share_that_answers_is_told_as_it_turned_out(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The look off the window's thread still tells what it finds: the file as it was."""
    workspace = window.desk.path
    assert workspace is not None
    target = tmp_path / "report.md"
    target.write_text("yesterday's", encoding="utf-8")
    before = gui_settings.file_identity(target)
    gui_settings.note_stopped_export(workspace, target, before, STOPPED, "")
    window.close()
    shown = shown_boxes(monkeypatch)
    again = reopened_window(qtbot, workspace)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    [text] = shown
    assert STOPPED in text
    again.close()
    assert take_stopped_work(workspace) == []  # told once


def test_a_share_that_refuses_at_once_is_not_said_unwritten(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A soft-mounted share (or a Windows one) that is down answers the look at once with
    an error ("Host is down", "Stale file handle"), not "no such file": the note said
    "nothing of it was written (a file of that name from before is as it was)", which
    nobody knew."""
    workspace = window.desk.path
    assert workspace is not None
    target = tmp_path / "share" / "report.md"
    gui_settings.note_stopped_export(workspace, target, [1, 2, 3, 4], STOPPED, "")
    window.close()
    host_down(monkeypatch, lambda path: path == target)
    shown = shown_boxes(monkeypatch)
    again = reopened_window(qtbot, workspace)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    [text] = shown
    assert "nothing of it was written" not in text
    assert "report.md" in text and "does not answer" in text
    again.close()


@pytest.mark.parametrize("changed", ["device", "device and number"])
def test_a_share_mounted_again_is_still_said_stopped(tmp_path: Path, changed: str) -> None:
    """A share mounted again at the next login gets another device number (Linux gives
    each NFS/SMB mount its own), and one mounted without the server's file numbers (SMB
    noserverino, a FUSE share) numbers its files anew: the report never written, as it
    was, was taken for written, and a single report's note said nothing at all. The
    journalist was not told that the file on the share is still yesterday's."""
    workspace = tmp_path / "workspace.fcde"
    target = tmp_path / "report.md"
    target.write_text("yesterday's", encoding="utf-8")
    before = gui_settings.file_identity(target)
    assert before is not None
    before[0] += 1  # the identity taken under the mount of that day
    if changed == "device and number":
        before[1] += 1
    gui_settings.note_stopped_export(workspace, target, before, STOPPED, "")
    assert take_stopped_work(workspace) == [STOPPED]


def test_a_report_written_in_place_of_the_one_from_before_is_told_written(
    tmp_path: Path,
) -> None:
    """What tells a written report apart from the one before: its time written or size."""
    workspace = tmp_path / "workspace.fcde"
    target = tmp_path / "report.md"
    target.write_text("yesterday's", encoding="utf-8")
    before = gui_settings.file_identity(target)
    assert before is not None
    os.utime(target, ns=(before[2] + 10**9, before[2] + 10**9))  # written, same size
    gui_settings.note_stopped_export(workspace, target, before, STOPPED, "")
    assert take_stopped_work(workspace) == []


def test_the_window_gone_before_the_share_answers_keeps_the_note(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closed (and freed) while the look waits on the dead share: the look's end, in its
    thread, told a window no longer there; the note stays for the next open."""
    workspace = window.desk.path
    assert workspace is not None
    target = tmp_path / "share" / "report.md"
    gui_settings.note_stopped_export(workspace, target, [1, 2, 3, 4], STOPPED, "")
    window.close()
    shown = shown_boxes(monkeypatch)
    real_stat = os.stat
    asked, answers = stalled_drive(monkeypatch, target)
    failures: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda hook: failures.append(hook.exc_value))
    from factcheck_app.gui.app import open_workspace, show_opening_window

    again = show_opening_window(workspace)  # not the test's to close: freed below
    assert open_workspace(again, workspace, seed=False)
    qtbot.waitUntil(lambda: bool(asked))
    [looking] = [t for t in threading.enumerate() if t.name == "stopped-export-look"]
    again.close()
    again.deleteLater()
    qtbot.waitUntil(lambda: not shiboken_valid(again))
    answers.set()
    looking.join(10)
    assert failures == [] and shown == []
    # os.stat as it is (not `monkeypatch.undo()`: that took the suite's own guards away too)
    monkeypatch.setattr(os, "stat", real_stat)
    assert take_stopped_work(workspace) == [STOPPED]


def shiboken_valid(widget: object) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))


def test_a_drive_that_refused_as_the_export_began_does_not_make_the_old_report_look_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The share refused the look at the file there before ("Host is down", a soft
    mount's timeout) as the export began, whose write then stalled at logout: that look
    was kept as "no file there", so yesterday's report, untouched, read as the export's
    written whole at the next start. A single report's note said nothing at all, and the
    journalist took the file on the share for today's. Which it is cannot be told: the
    note says so, and names it."""
    workspace = tmp_path / "workspace.fcde"
    target = tmp_path / "report.md"
    target.write_text("yesterday's", encoding="utf-8")
    with monkeypatch.context() as patched:  # as the export began
        host_down(patched, lambda path: path == target)
        before = gui_settings.file_identity(target)
    # The share answers at the next start; the file is as it was.
    gui_settings.note_stopped_export(workspace, target, before, STOPPED, "")
    told = take_stopped_work(workspace)
    assert len(told) == 1, told  # not taken silently for written
    [line] = told
    assert "report.md" in line and "cannot be told" in line
    assert "nothing of it was written" not in line  # nor guessed the other way


def test_a_drive_that_refused_as_the_export_began_and_no_file_after_is_said_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No file there at the next start: nothing was written, whatever the look before."""
    workspace = tmp_path / "workspace.fcde"
    target = tmp_path / "report.md"
    with monkeypatch.context() as patched:
        host_down(patched, lambda path: path == target)
        before = gui_settings.file_identity(target)
    gui_settings.note_stopped_export(workspace, target, before, STOPPED, "")
    assert take_stopped_work(workspace) == [STOPPED]
