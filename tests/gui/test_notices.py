"""Lines the window owes the reviewer unasked (gui/notices.py): each shown in turn, for
its time in sight, never written over before it was seen. Before, verdicts awaiting
sign-off said at an open wrote over "Restored the backup of …" in the same moment, and a
line said with a box ran out its time behind the box."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QStatusTipEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStatusBar
from pytestqt.qtbot import QtBot

from factcheck_app.gui import notices
from factcheck_app.gui.dialogs.restore import RestoreBackupDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.notices import TICK_MS, Notices
from factcheck_app.services.desk import Desk
from tests.gui.test_awaiting_sign_off_at_open import checked


class HeldClock(QTimer):
    """A clock that never ticks by itself: the test gives its ticks (`ticks`)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent, interval=TICK_MS)

    def start(self, *_args: object) -> None:  # type: ignore[override]
        pass

    def ticks(self, ms: int) -> None:
        for _ in range(ms // TICK_MS):
            self.timeout.emit()


@pytest.fixture
def held_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notices, "make_clock", HeldClock)


@pytest.fixture
def bar(qtbot: QtBot, held_clock: None) -> Iterator[tuple[QStatusBar, Notices, HeldClock]]:
    window = QMainWindow()
    qtbot.add_widget(window)
    window.show()
    said = Notices(window.statusBar(), window)
    assert isinstance(said.clock, HeldClock)
    yield window.statusBar(), said, said.clock


def test_the_next_notice_waits_for_the_one_in_sight(
    bar: tuple[QStatusBar, Notices, HeldClock],
) -> None:
    status, said, clock = bar
    said.tell("3 verdicts by Ana Ruiz await sign-off.", 10_000)
    said.tell("The search index is rebuilt.", 6_000)
    assert status.currentMessage() == "3 verdicts by Ana Ruiz await sign-off."
    clock.ticks(9_750)
    assert status.currentMessage() == "3 verdicts by Ana Ruiz await sign-off."
    clock.ticks(TICK_MS)
    assert status.currentMessage() == "The search index is rebuilt."
    clock.ticks(6_000)
    assert status.currentMessage() == "" and said.owed() == []


def test_a_line_shown_over_a_notice_stops_its_clock_and_it_comes_back(
    bar: tuple[QStatusBar, Notices, HeldClock],
) -> None:
    """A key answered over it ("Select a sentence first.") hides it; once that answer's
    line goes, the notice shows again for the rest of its time."""
    status, said, clock = bar
    said.tell("1 of your verdicts was returned by an editor.", 10_000)
    clock.ticks(4_000)
    status.showMessage("Select a sentence first.", 4_000)
    clock.ticks(20_000)  # not in sight meanwhile: not read
    assert said.owed() == ["1 of your verdicts was returned by an editor."]
    status.clearMessage()  # the answer's time ran out
    assert status.currentMessage() == "1 of your verdicts was returned by an editor."
    clock.ticks(5_750)
    assert status.currentMessage() == "1 of your verdicts was returned by an editor."
    clock.ticks(TICK_MS)
    assert status.currentMessage() == ""


def test_a_notice_told_while_another_line_shows_waits_for_it(
    bar: tuple[QStatusBar, Notices, HeldClock],
) -> None:
    status, said, _clock = bar
    status.showMessage("Restored the backup of 2026-12-06 05:00.", 15_000)
    said.tell("3 verdicts by Ana Ruiz await sign-off.", 15_000)
    assert status.currentMessage() == "Restored the backup of 2026-12-06 05:00."
    status.clearMessage()
    assert status.currentMessage() == "3 verdicts by Ana Ruiz await sign-off."


def test_a_notice_cleared_itself_is_said_and_a_later_word_of_it_replaces_it(
    bar: tuple[QStatusBar, Notices, HeldClock],
) -> None:
    status, said, _clock = bar
    said.tell("Checking this copy: work on meanwhile.", 15_000, key="look")
    said.tell("3 verdicts await sign-off.", 15_000)
    said.tell("Checked the copy: its reviews agree.", 6_000, key="look")  # in its place
    assert status.currentMessage() == "Checked the copy: its reviews agree."
    assert said.owed() == ["Checked the copy: its reviews agree.", "3 verdicts await sign-off."]
    status.clearMessage()  # cleared by whoever meant it (a move away): said
    assert status.currentMessage() == "3 verdicts await sign-off."
    said.forget()  # another workspace
    assert status.currentMessage() == "" and said.owed() == []


def test_a_tip_s_end_never_clears_a_notice(
    bar: tuple[QStatusBar, Notices, HeldClock],
) -> None:
    """The pointer over a menu item or toolbar button shows its tip over the notice (which
    comes back after); leaving one sends an empty tip, which Qt shows as a clear line."""
    status, said, _clock = bar
    said.tell("3 verdicts by Ana Ruiz await sign-off.", 15_000)
    QApplication.sendEvent(status.window(), QStatusTipEvent(""))
    assert status.currentMessage() == "3 verdicts by Ana Ruiz await sign-off."
    QApplication.sendEvent(status.window(), QStatusTipEvent("Open a workspace file"))
    assert status.currentMessage() == "Open a workspace file"
    QApplication.sendEvent(status.window(), QStatusTipEvent(""))
    assert status.currentMessage() == "3 verdicts by Ana Ruiz await sign-off."


def test_a_box_over_the_window_stops_the_clock(
    bar: tuple[QStatusBar, Notices, HeldClock], qtbot: QtBot
) -> None:
    """ "Copy not checked: …" is said with a box: it ran out its time while the box was
    read, and was gone when the reviewer came back to the window."""
    status, said, clock = bar
    said.tell("Copy not checked: nothing was changed.", 15_000)
    box = QMessageBox(QMessageBox.Icon.Warning, "Copy not checked", "Why…", parent=status.window())
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.open()  # shown as run_box shows it, without waiting in a loop of its own
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box)
    clock.ticks(60_000)  # a minute reading the box
    assert status.currentMessage() == "Copy not checked: nothing was changed."
    box.close()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    clock.ticks(15_000)
    assert status.currentMessage() == ""


def test_a_restore_s_line_is_not_written_over_by_the_verdicts_awaiting_sign_off(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An editor restoring a backup of a checker's file read "1 verdict by Ana Ruiz
    awaits sign-off…" and never the line that says what the restore did and how to take
    it back: the open after the restore wrote over it in the next moment."""
    desk = seeded_desk
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
    checked(desk, ids[2], "Ana Ruiz")
    desk.set_reviewer("Edith Park")
    desk.upkeep.backup_now()
    window = make_window(desk)
    status = window.statusBar()
    qtbot.waitUntil(lambda: "awaits sign-off" in status.currentMessage())
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: 1)  # Enter: the newest
    window.workspace.restore_from_backup()
    for _ in range(3):  # the open's own turns (what it owes is said in one of them)
        QApplication.processEvents()
    assert status.currentMessage().startswith("Restored the backup of ")
    status.clearMessage()  # its time runs out
    assert status.currentMessage().startswith("1 verdict by Ana Ruiz awaits sign-off")


def test_an_automatic_backup_of_the_workspace_closed_is_not_told_over_the_next(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Closing a workspace stops its automatic backup and waits for its thread; the end
    that thread reports (a failure, old backups removed to make room) reaches the window
    only after the next workspace shows. It was then owed, as the next one's, for its
    whole time in sight ("The automatic backup could not be made…" of a file not open)."""
    from factcheck_app.services.upkeep import BackgroundBackup
    from tests.conftest import SEED_FILE

    first = window.desk.path
    assert first is not None
    ended = BackgroundBackup(first, None, "auto")  # as its thread leaves it
    ended.error = "No backup was made: the disk is full."
    other = tmp_path / "other.fcdesk"
    made = Desk.open(other, backup=False)
    made.importer.import_file(SEED_FILE)
    made.close()
    window.workspace.switch_workspace(other)
    assert window.desk.path == other
    window.workspace._backup_ended.emit(ended)  # its queued end, arriving now
    assert ended.error not in window.notices.owed()
    assert window.statusBar().currentMessage() != ended.error


def test_a_notice_naming_a_hostile_file_ends_like_any_other(qtbot: QtBot, held_clock: None) -> None:
    """The window's bar shows a line without control characters (`message_text`): a
    notice whose words hold one (an automatic backup's error naming a folder that starts
    with U+202E) was never taken for the line in sight, so its time never ran, and each
    line cleared after it brought it back."""
    window = QMainWindow()
    qtbot.add_widget(window)
    window.setStatusBar(notices.CutLineBar(None, window))
    window.show()
    status = window.statusBar()
    said = Notices(status, window)
    assert isinstance(said.clock, HeldClock)
    said.tell("The backup could not be made in /news/\u202ekcab: the disk is full.", 6_000)
    assert (
        status.currentMessage() == "The backup could not be made in /news/?kcab: the disk is full."
    )
    said.clock.ticks(6_000)
    assert status.currentMessage() == "" and said.owed() == []
    status.showMessage("Select a sentence first.", 4_000)
    status.clearMessage()
    assert status.currentMessage() == ""


def test_a_refused_ctrl_z_leaves_the_notice_in_sight(
    qtbot: QtBot, window: MainWindow, boxes: list[str]
) -> None:
    """The notice "No backup was made: the disk is full." in sight, then Ctrl+Z of a tag another
    program has changed since: the box says why nothing was undone, and the status bar's
    line was cleared with it, which a notice takes as read: the backup's failure went for
    good, said nowhere else. The refusal leaves an owed notice in sight."""
    sid = window.current_sentence_id()
    assert sid is not None
    view = window.sentence_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C)
    helper = window.desk.open_helper()  # another connection, as another program's
    try:
        helper.reviews.set_verdict(sid, "false")
    finally:
        helper.close()
    status = window.statusBar()
    status.clearMessage()
    failed = "No backup was made: the disk is full."
    window.notices.tell(failed, 30_000)
    assert status.currentMessage() == failed
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [refused] = boxes
    assert refused.startswith("Undo of “Tag as Claim” was refused")
    assert status.currentMessage() == failed and window.notices.owed() == [failed]
