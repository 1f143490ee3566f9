"""The open workspace's own network share stops answering while the window is open (a
VPN dropped, an SMB server gone): the journalist reading, not saving, must not be frozen.
The window's once-a-second look for other programs' saves (`check_outside_changes`) made
its `stat`s of the workspace file on the window's thread: the first one on the dead share
froze the window, unpainted, for minutes. Its look at the folder is now made off the
window's thread; while that look waits, the window's own looks wait too, the strip says
the folder does not answer, and typed text is kept (never said saved) until it does.

The dead share: tests/gui/dead_share.py (no `os` call on it from the window's thread)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui import disk_look
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE
from tests.gui.conftest import press
from tests.gui.dead_share import DeadShare


@pytest.fixture
def window_on_share(
    dead_share: DeadShare, make_window: Callable[[Desk], MainWindow]
) -> Iterator[MainWindow]:
    """A window open on a workspace kept on the share, which dies once it is up (and
    answers again before the window is closed at the test's end)."""
    desk = Desk.open(dead_share.root / "team.fcdesk", purpose="the desk window", backup=False)
    desk.importer.import_file(SEED_FILE)
    window = make_window(desk)
    window.workspace._watch_timer.stop()  # its ticks made by the test
    window.workspace._backup_timer.stop()
    dead_share.on_window_thread.clear()  # the share answered up to here
    yield window
    dead_share.answers.set()


def test_the_windows_look_for_outside_saves_never_waits_on_a_dead_share(
    dead_share: DeadShare, window_on_share: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_on_share
    monkeypatch.setattr(disk_look, "DISK_WAIT_MS", 0)
    monkeypatch.setattr(disk_look, "FOLDER_SILENT_S", 0)  # said at the next look
    for _ in range(3):
        window.workspace.check_outside_changes()
    window.workspace.back_up_if_due()
    assert dead_share.on_window_thread == []
    assert dead_share.waiting  # looked at, off the window's thread
    strip = window.workspace_strip
    assert strip.isVisible()
    assert "does not answer" in strip.text() and "team.fcdesk" in strip.text()
    assert "NOT saved" in strip.text()  # never said saved while it is not
    # The folder answers again: the strip goes, the window looks on as ever.
    dead_share.answers.set()
    for thread in list(disk_look._STUCK.values()):
        thread.join(5)
    window.workspace._folder_watch.wait_for_look(5)
    window.workspace.check_outside_changes()
    window.workspace.check_outside_changes()
    assert not strip.isVisible()
    window.desk.close()


def test_text_typed_while_the_share_is_dead_is_kept_until_it_answers(
    dead_share: DeadShare,
    qtbot: QtBot,
    window_on_share: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = window_on_share
    sid = window.current_sentence_id()
    assert sid is not None
    monkeypatch.setattr(disk_look, "DISK_WAIT_MS", 0)
    monkeypatch.setattr(disk_look, "FOLDER_SILENT_S", 0)
    window.workspace.check_outside_changes()
    window.workspace.check_outside_changes()
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Ministry figures differ")
    panel.flush_pending_text()
    assert panel.has_pending_text()
    note = panel.unsaved_label.text()
    assert "NOT saved" in note and "does not answer" in note, note
    assert panel.explanation_edit.toPlainText() == "Ministry figures differ"
    dead_share.answers.set()
    window.workspace._folder_watch.wait_for_look(5)
    window.workspace.check_outside_changes()
    panel.flush_pending_text()  # the retry
    assert not panel.has_pending_text()
    assert window.desk.reviews.review(sid).explanation == "Ministry figures differ"
    window.desk.close()


def test_closing_a_workspace_whose_share_is_dead_says_what_it_waits_for(
    dead_share: DeadShare, window_on_share: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The close moves the last saves into the file and gives its locks back, on the
    window's thread (SQLite's connection lives there): on a dead share it waits until the
    share answers. It waited with nothing on the screen; the status bar now says what it
    waits for, with a busy pointer, painted before the wait."""
    window = window_on_share
    monkeypatch.setattr(disk_look, "DISK_WAIT_MS", 0)
    monkeypatch.setattr(disk_look, "FOLDER_SILENT_S", 0)
    window.workspace.check_outside_changes()
    window.workspace.check_outside_changes()
    desk = window.desk
    real_close = desk.close
    said: list[tuple[str, bool]] = []

    def close(**how: Callable[[float], None] | None) -> None:
        said.append(
            (window.statusBar().currentMessage(), QApplication.overrideCursor() is not None)
        )
        dead_share.answers.set()  # the share answers: the close ends
        real_close(**how)  # what the window asks of the close, whatever it is

    monkeypatch.setattr(desk, "close", close)
    window.workspace.release()
    assert len(said) == 1
    line, busy = said[0]
    assert "waiting for its folder" in line and str(dead_share.root) in line, line
    assert busy
    assert QApplication.overrideCursor() is None  # given back once closed
    assert window.statusBar().currentMessage() != line


def test_quitting_with_text_kept_for_a_dead_share_asks_and_says_why(
    dead_share: DeadShare,
    qtbot: QtBot,
    window_on_share: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Text kept for the folder is asked about at Quit, as a full disk's is, in words that
    blame the folder, not a full disk."""
    from factcheck_app.gui.controllers import workspace as workspace_controller

    window = window_on_share
    monkeypatch.setattr(disk_look, "DISK_WAIT_MS", 0)
    monkeypatch.setattr(disk_look, "FOLDER_SILENT_S", 0)
    window.workspace.check_outside_changes()
    window.workspace.check_outside_changes()
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Ministry figures differ")
    asked: list[str] = []

    def ask(_window: object, _title: str, text: str, *_a: object, **_k: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(workspace_controller, "ask", ask)
    assert window.workspace.keep_unsaved_text("Quit")  # stays: the text kept
    assert len(asked) == 1
    assert "folder does not answer" in asked[0] and "disk may be full" not in asked[0]
    assert panel.explanation_edit.toPlainText() == "Ministry figures differ"


def test_an_edit_key_while_the_share_is_dead_changes_nothing_and_says_why(
    dead_share: DeadShare,
    qtbot: QtBot,
    window_on_share: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A review key's save goes through SQLite on the window's thread: on a dead share
    it froze the window for minutes. Refused in words instead; it works once it answers."""
    window = window_on_share
    sid = window.current_sentence_id()
    assert sid is not None
    monkeypatch.setattr(disk_look, "DISK_WAIT_MS", 0)
    monkeypatch.setattr(disk_look, "FOLDER_SILENT_S", 0)
    window.workspace.check_outside_changes()
    window.workspace.check_outside_changes()
    press(qtbot, window, "d")
    said = window.statusBar().currentMessage()
    assert said.startswith("Nothing was changed") and "does not answer" in said, said
    window.edits.undo()  # Ctrl+Z too
    assert window.statusBar().currentMessage() == said
    assert dead_share.on_window_thread == []
    dead_share.answers.set()
    window.workspace._folder_watch.wait_for_look(5)
    window.workspace.check_outside_changes()
    # "Try again once it answers" went with it: not left 10 s beside "Saved".
    assert window.statusBar().currentMessage() != said
    assert window.desk.reviews.review(sid).tag is None  # nothing was changed meanwhile
    press(qtbot, window, "d")
    assert window.desk.reviews.review(sid).tag is Tag.DENIAL


def test_a_key_pressed_while_a_slow_share_is_looked_at_is_not_refused(
    dead_share: DeadShare,
    qtbot: QtBot,
    window_on_share: MainWindow,
) -> None:
    """A share that is slow but alive (a `stat` taking 60–300 ms over a VPN): the tick's
    look outlasts its 50 ms, and a key pressed in that instant was refused, "Nothing was
    changed: the workspace's folder does not answer", and typed text held, on a folder
    that answered a moment later. Refused and held only once it has been silent a
    while (`FOLDER_SILENT_S`)."""
    window = window_on_share
    sid = window.current_sentence_id()
    assert sid is not None
    window.workspace.check_outside_changes()  # the look in flight, just started
    assert dead_share.waiting
    press(qtbot, window, "d")
    assert not window.statusBar().currentMessage().startswith("Nothing was changed")
    assert window.desk.reviews.review(sid).tag is Tag.DENIAL
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Ministry figures differ")
    panel.flush_pending_text()
    assert not panel.has_pending_text()
    assert window.desk.reviews.review(sid).explanation == "Ministry figures differ"
    dead_share.answers.set()  # it answers: the strip never said otherwise
    window.workspace._folder_watch.wait_for_look(5)
    window.workspace.check_outside_changes()
    assert not window.workspace_strip.tells_not_answering()
    window.desk.close()


def test_a_look_left_waiting_at_the_folder_elsewhere_holds_edits_as_the_strip_says(
    dead_share: DeadShare,
    qtbot: QtBot,
    window_on_share: MainWindow,
) -> None:
    """Another look at the workspace's folder left waiting on the dead share (File → Open's
    listing of it, told "does not answer"): the tick starts none of its own and the strip
    says "Text you type stays here, NOT saved". The keys must then be refused as it says,
    not taken and saved through SQLite on the window's thread (which waited on the share)."""
    window = window_on_share
    sid = window.current_sentence_id()
    assert sid is not None
    with pytest.raises(disk_look.NoAnswer):  # File → Open's look, left waiting
        disk_look.waited(dead_share.root, lambda: sorted(dead_share.root.iterdir()), 0)
    window.workspace.check_outside_changes()
    strip = window.workspace_strip
    assert strip.tells_not_answering() and "NOT saved" in strip.text()
    press(qtbot, window, "d")
    said = window.statusBar().currentMessage()
    assert said.startswith("Nothing was changed") and "does not answer" in said, said
    assert window.desk.reviews.review(sid).tag is None
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Ministry figures differ")
    panel.flush_pending_text()
    assert panel.has_pending_text()
    dead_share.answers.set()
    for thread in list(disk_look._STUCK.values()):
        thread.join(5)
    window.workspace.check_outside_changes()
    window.workspace.check_outside_changes()
    assert not strip.tells_not_answering()
    panel.flush_pending_text()
    assert window.desk.reviews.review(sid).explanation == "Ministry figures differ"
    window.desk.close()
