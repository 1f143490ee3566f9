"""Files the desktop asks the running desk to open: macOS sends them as events."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.file_open import FileOpenFilter, watch_file_open_events
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk


@pytest.fixture
def macos_file_opener(qapp: QApplication) -> Iterator[FileOpenFilter]:
    """The filter the desk puts on the application on macOS, where the Finder sends the
    files to open as events; taken off again after the test."""
    opener = watch_file_open_events(qapp, platform="darwin")
    assert opener is not None
    yield opener
    qapp.removeEventFilter(opener)


def test_on_macos_a_file_open_event_imports_the_article(
    window: MainWindow, tmp_path: Path, qapp: QApplication, macos_file_opener: FileOpenFilter
) -> None:
    imported: list[list[Path]] = []
    window.import_files = imported.append  # type: ignore[method-assign]
    article = tmp_path / "statement.txt"
    article.write_text("The mayor said the budget grew by 4 percent.", encoding="utf-8")
    # Before the window is attached the file waits; then it is imported.
    QApplication.sendEvent(qapp, QFileOpenEvent(str(article)))
    assert imported == []
    macos_file_opener.attach(window)
    assert imported == [[article]]


def test_elsewhere_no_filter_sees_every_event() -> None:
    # An application-wide filter costs a call into Python for every event of every
    # widget (a fifth of the start-up); Linux and Windows pass files as arguments.
    app = QApplication.instance()
    assert app is not None
    assert watch_file_open_events(app, platform="linux") is None
    assert watch_file_open_events(app, platform="win32") is None


def test_a_file_sent_while_a_dialog_is_open_waits_for_it_to_close(
    window: MainWindow,
    tmp_path: Path,
    qtbot: QtBot,
    qapp: QApplication,
    macos_file_opener: FileOpenFilter,
) -> None:
    """A workspace double-clicked in the Finder while Restore from Backup (or Export) was
    open switched the window under the dialog, which then acted on the other workspace."""
    macos_file_opener.attach(window)
    switched: list[Path] = []
    window.workspace.switch_workspace = switched.append  # type: ignore[method-assign]
    dialog = QDialog(window)
    dialog.open()  # up and modal, as Restore from Backup is
    other = tmp_path / "other.fcdesk"
    QApplication.sendEvent(qapp, QFileOpenEvent(str(other)))
    QApplication.processEvents()
    assert switched == []
    dialog.reject()
    qtbot.waitUntil(lambda: switched == [other])


def test_on_macos_an_article_sent_to_a_read_only_window_is_said_not_imported(
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    qapp: QApplication,
    macos_file_opener: FileOpenFilter,
) -> None:
    """The Finder sends a double-clicked article to the desk running, as an event: one
    whose window opened its workspace read-only (another desk edits it) said only "This
    workspace is open read-only: nothing was changed." in the status bar, naming no
    article, as the command line's did: a box names it (`ImportController.import_files`)."""
    path = tmp_path / "w.fcdesk"
    Desk.open(path).close()
    window = make_window(Desk.open(path, read_only=True))
    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    macos_file_opener.attach(window)
    article = tmp_path / "statement.txt"
    article.write_text("The mayor said the budget grew by 4 percent.", encoding="utf-8")
    QApplication.sendEvent(qapp, QFileOpenEvent(str(article)))
    assert len(shown) == 1
    assert shown[0].startswith("statement.txt was not imported: this window opened")
    assert window.article_model.rowCount() == 0
