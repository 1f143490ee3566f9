"""A bug in the window leaves its traceback in the log and tells the reviewer, once.

pytest-qt normally catches exceptions raised in Qt callbacks itself (and fails the test);
these tests switch that off with `qt_no_exception_capture` so that the app's own hook,
installed as the desk installs it, is what receives them.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app import logs
from factcheck_app.gui import crash
from factcheck_app.gui.actions import MENUS, ActionId
from factcheck_app.gui.dialogs.export import ExportWorker
from factcheck_app.gui.local_files import path_of
from factcheck_app.gui.main_window import MainWindow
from tests.gui.conftest import press

PACKAGE_LOGGER = logging.getLogger(logs.LOGGER_NAME)


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The log set up as the desk sets it up, in a folder of this test's own."""
    monkeypatch.setenv("FACTCHECK_LOG_DIR", str(tmp_path / "log"))
    saved = list(PACKAGE_LOGGER.handlers)
    path = logs.setup("window")
    yield path
    for handler in PACKAGE_LOGGER.handlers:
        if handler not in saved:
            handler.close()
    PACKAGE_LOGGER.handlers = saved


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Summaries of the crash dialogs shown (instead of showing them)."""
    shown: list[str] = []
    monkeypatch.setattr(crash, "show_crash_dialog", lambda parent, summary: shown.append(summary))
    return shown


@pytest.fixture
def reporter(window: MainWindow) -> Iterator[crash.CrashReporter]:
    hooks = crash.install_exception_hooks(window)
    yield hooks
    hooks.uninstall()


def read(path: Path) -> str:
    logs.flush()
    return path.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_window_slot_is_logged_with_its_traceback_and_told(
    window: MainWindow,
    qtbot: QtBot,
    reporter: crash.CrashReporter,
    log_file: Path,
    dialogs: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("tagging broke")

    monkeypatch.setattr(window.desk.reviews, "set_tag", broken)
    press(qtbot, window, "c")  # the real key, the real action, the real slot
    qtbot.waitUntil(lambda: dialogs != [])
    assert dialogs == ["RuntimeError: tagging broke"]
    text = read(log_file)
    assert "CRITICAL" in text and "Unexpected error" in text
    assert "Traceback (most recent call last):" in text
    assert "in set_tag" in text and "RuntimeError: tagging broke" in text
    assert window.isVisible()  # the desk carries on

    press(qtbot, window, "j", "c")  # the same bug again: logged again, not told again
    qtbot.wait(50)
    assert dialogs == ["RuntimeError: tagging broke"]
    assert read(log_file).count("RuntimeError: tagging broke") == 2


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_worker_thread_is_logged_and_told_on_the_gui_thread(
    qtbot: QtBot,
    window: MainWindow,
    log_file: Path,
    dialogs: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def work() -> None:
        raise ValueError("import worker broke")

    # pytest's own thread hook would turn the (expected) exception into a warning.
    monkeypatch.setattr(threading, "excepthook", lambda args: None)
    hooks = crash.install_exception_hooks(window)
    try:
        worker = threading.Thread(target=work, name="import-worker")
        worker.start()
        worker.join()
    finally:
        hooks.uninstall()
    qtbot.waitUntil(lambda: dialogs != [])
    assert dialogs == ["ValueError: import worker broke"]
    text = read(log_file)
    assert "Unexpected error in the background thread import-worker" in text
    assert "ValueError: import worker broke" in text


def test_the_crash_dialog_is_plain_text_and_says_the_work_is_saved_and_where_the_log_is(
    window: MainWindow, log_file: Path, monkeypatch: pytest.MonkeyPatch, opened_urls: list[QUrl]
) -> None:
    seen: list[QMessageBox] = []

    def click_open_log_folder(box: QMessageBox) -> int:
        seen.append(box)
        [open_button] = [b for b in box.buttons() if b.text().replace("&", "") == "Open Log Folder"]
        open_button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_open_log_folder)
    crash.show_crash_dialog(window, "RuntimeError: <b>boom</b>")
    [box] = seen
    assert box.windowTitle() == "Something went wrong"
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "RuntimeError: <b>boom</b>" in box.text()
    assert "Your work is saved" in box.text()
    assert str(log_file) in box.text()
    assert box.defaultButton() is box.escapeButton()  # Enter and Esc just close it
    assert box.defaultButton().text().replace("&", "") == "Close"
    assert opened_urls == [QUrl.fromLocalFile(str(log_file.parent))]


def test_the_crash_dialog_buttons_have_alt_keys_as_every_question_has(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Open Log Folder and Close had none (the shared `ask` gives every button one): a
    keyboard user Tabbed to them."""
    keys: dict[str, str] = {}

    def read_keys(box: QMessageBox) -> int:
        for button in box.buttons():
            keys[button.text().replace("&", "")] = button.shortcut().toString()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", read_keys)
    crash.show_crash_dialog(window, "RuntimeError: boom")
    assert keys == {"Open Log Folder": "Alt+O", "Close": "Alt+C"}


def test_help_open_log_folder_opens_the_folder(
    window: MainWindow, log_file: Path, monkeypatch: pytest.MonkeyPatch, opened_urls: list[QUrl]
) -> None:
    action = window.registry[ActionId.OPEN_LOG_FOLDER]
    assert ActionId.OPEN_LOG_FOLDER in dict(MENUS)["&Help"]
    [help_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    assert action in help_menu.actions()
    action.trigger()
    assert opened_urls == [QUrl.fromLocalFile(str(log_file.parent))]
    assert log_file.parent.is_dir()  # made, so the file manager has something to show


@pytest.mark.skipif(sys.platform != "linux", reason="names that are not UTF-8: Linux disks")
def test_open_log_folder_opens_a_folder_whose_name_is_not_utf8(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened_urls: list[QUrl]
) -> None:
    """A log folder named in Latin-1 bytes (a home folder from an old system): the file
    manager was handed Qt's spelling of Python's escapes, a folder that is not there."""
    folder = tmp_path / os.fsdecode(b"R\xe9daction") / "log"
    monkeypatch.setenv("FACTCHECK_LOG_DIR", str(folder))
    window.registry[ActionId.OPEN_LOG_FOLDER].trigger()
    assert folder.is_dir()
    [url] = opened_urls
    assert url.isLocalFile() and path_of(url) == folder  # the folder made, byte for byte


def test_open_log_folder_names_the_folder_when_nothing_can_open_it(
    window: MainWindow, log_file: Path, monkeypatch: pytest.MonkeyPatch, boxes: list[str]
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    window.registry[ActionId.OPEN_LOG_FOLDER].trigger()
    assert boxes and str(log_file.parent) in boxes[0]


def test_open_log_folder_says_when_a_file_has_the_folders_name(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened_urls: list[QUrl],
    boxes: list[str],
) -> None:
    """FACTCHECK_LOG_DIR naming a file (a log file named where its folder should be): the
    box said the folder "could not be made (File exists)" and to make it writable, which
    it was; the file in its place, the thing to move, went unnamed."""
    in_its_place = tmp_path / "factcheck-log"
    in_its_place.write_text("an old log, copied here by hand", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_LOG_DIR", str(in_its_place))
    window.registry[ActionId.OPEN_LOG_FOLDER].trigger()
    assert opened_urls == [] and len(boxes) == 1
    assert f"{in_its_place} is a file, not a folder" in boxes[0]
    assert "File exists" not in boxes[0] and "writable" not in boxes[0]
    assert "FACTCHECK_LOG_DIR" in boxes[0]
    assert in_its_place.read_text(encoding="utf-8") == "an old log, copied here by hand"


def test_a_bug_in_the_export_worker_keeps_its_traceback(log_file: Path) -> None:
    def job(progress: object, cancel: object) -> None:
        raise ZeroDivisionError("division by zero in a report")

    worker = ExportWorker(job)
    failures: list[str] = []
    worker.failed.connect(failures.append)
    worker.run()  # here, not in a thread: the same code path, easier to watch
    [message] = failures
    assert "Unexpected error while exporting" in message and str(log_file) in message
    text = read(log_file)
    assert "Export failed unexpectedly" in text
    assert "Traceback (most recent call last):" in text and "in job" in text


@pytest.fixture
def unwritable_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The log set up where no log can be written (a read-only home on a locked-down
    desktop; here a file in the way of its folder, which stops root too)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_LOG_DIR", str(blocker / "log"))
    saved = list(PACKAGE_LOGGER.handlers)
    path = logs.setup("window")
    yield path
    for handler in PACKAGE_LOGGER.handlers:
        if handler not in saved:
            handler.close()
    PACKAGE_LOGGER.handlers = saved


@pytest.mark.qt_no_exception_capture
def test_the_crash_dialog_says_when_the_log_could_not_be_written(
    window: MainWindow,
    qtbot: QtBot,
    reporter: crash.CrashReporter,
    unwritable_log: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It sent the reviewer for a log file that was never written ("Please send that
    file"), and the bug's only trace went with the dialog."""

    def broken(*args: object) -> None:
        raise RuntimeError("tagging broke")

    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box.text()) or 0)
    monkeypatch.setattr(window.desk.reviews, "set_tag", broken)
    press(qtbot, window, "c")
    qtbot.waitUntil(lambda: seen != [])
    [text] = seen
    assert "RuntimeError: tagging broke" in text and "Your work is saved" in text
    assert f"could not be written to the log file {unwritable_log}" in text, text
    assert "Not a directory" in text and "copy this message" in text
    assert "Please send that file" not in text


def test_open_log_folder_says_when_the_folder_could_not_be_made(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened_urls: list[QUrl],
    boxes: list[str],
) -> None:
    """A log folder under a read-only home (here: under a file) cannot be made: the file
    manager was asked for it anyway, and the box said "No file manager could open it",
    sending the reviewer to look for a file manager."""
    blocker = tmp_path / "state"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_LOG_DIR", str(blocker / "log"))
    window.registry[ActionId.OPEN_LOG_FOLDER].trigger()
    assert opened_urls == []
    assert len(boxes) == 1 and str(blocker / "log") in boxes[0]
    assert "could not be made" in boxes[0] and "Not a directory" in boxes[0]
    assert "No file manager" not in boxes[0]


def test_open_log_folder_says_when_the_folder_is_in_one_that_cannot_be_entered(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened_urls: list[QUrl],
    boxes: list[str],
) -> None:
    """FACTCHECK_LOG_DIR in a folder the reviewer may not enter (a share only IT reads):
    asking whether a file was in the log folder's place raised "Permission denied" out of
    Help → Open Log Folder, and no box said why there is no log to show. (Patched: run as
    root, as CI may, a folder's permissions stop nobody.)"""
    locked = tmp_path / "it-only"
    locked.mkdir()
    folder = locked / "log"
    real_stat, real_mkdir = os.stat, os.mkdir

    def refused(path: object) -> None:
        if isinstance(path, str | os.PathLike) and Path(path).parent == locked:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        refused(path)
        return real_stat(path, *args, **kwargs)

    def mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        refused(path)
        real_mkdir(path, *args, **kwargs)

    monkeypatch.setenv("FACTCHECK_LOG_DIR", str(folder))
    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "mkdir", mkdir)
    window.registry[ActionId.OPEN_LOG_FOLDER].trigger()
    assert opened_urls == []
    assert len(boxes) == 1 and str(folder) in boxes[0]
    assert "could not be made" in boxes[0] and "Permission denied" in boxes[0]
