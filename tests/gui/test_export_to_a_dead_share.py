"""File → Export… next to a network share that stopped answering (a VPN dropped, an SMB
server gone). Such a share does not refuse: one `stat` of a file on it waits for minutes
(a hard NFS mount: for ever). The dialog looked at the export's folder on the window's
thread: opened with the last export's folder on that share, on Export (is it a folder,
may it be written, is the file there: "Replace it?"), on Choose… and on Open Last Export,
the window froze, unpainted and deaf to Cancel. Each look is now made off the window's
thread and waited for a bounded time, then said: "The folder … does not answer".

The dead share is simulated (tests/gui/dead_share.py): every `os` call on a path in it,
made by a thread other than the window's, waits on an event set at the test's end (never
a sleep); made on the window's thread it answers at once (else the test would hang as the
window did), and is listed: that list must stay empty."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui import disk_look
from factcheck_app.gui import settings as gui_settings
from factcheck_app.gui.controllers import articles as articles_controller
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.dead_share import DeadShare
from tests.gui.test_export_dialog import Questions, export_to
from tests.sample_review import apply_sample_review


@pytest.fixture
def reviewed_desk(seeded_desk: Desk) -> Desk:
    apply_sample_review(seeded_desk, 1)
    return seeded_desk


@pytest.fixture
def open_dialog(qtbot: QtBot) -> Callable[[Desk], ExportDialog]:
    def open_it(desk: Desk) -> ExportDialog:
        dialog = ExportDialog(desk, 1)
        qtbot.add_widget(dialog, before_close_func=lambda d: qtbot.waitUntil(lambda: not d.running))
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return open_it


def test_opening_export_with_the_last_folder_on_a_dead_share_offers_another(
    qtbot: QtBot,
    reviewed_desk: Desk,
    dead_share: DeadShare,
) -> None:
    """Ctrl+E the day after exporting to the share, the VPN down: the dialog comes up
    (within the bounded wait), offering Documents or home, and says why."""
    gui_settings.remember_export(dead_share.root / "reports" / "a.md", dead_share.root / "reports")
    dialog = ExportDialog(reviewed_desk, 1)
    qtbot.add_widget(dialog)
    assert dead_share.on_window_thread == []
    assert dead_share.waiting  # it was looked at, off the window's thread
    assert not dead_share.holds(dialog.path_edit.text())
    said = dialog.status_label.text()
    assert said.startswith("The folder of the last export, ") and "does not answer" in said


def test_export_to_a_dead_share_says_it_does_not_answer_and_the_dialog_stays(
    qtbot: QtBot,
    reviewed_desk: Desk,
    dead_share: DeadShare,
    open_dialog: Callable[[Desk], ExportDialog],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    questions = Questions.patched(monkeypatch)  # no question may be asked
    dialog = open_dialog(reviewed_desk)
    dialog.set_format("md")
    dialog.path_edit.setText(str(dead_share.root / "reports" / "report.md"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dead_share.on_window_thread == []
    said = dialog.status_label.text()
    assert said.startswith("The folder ") and "does not answer" in said, said
    assert "choose another folder, or try again" in said
    assert not dialog.running and dialog.isVisible() and dialog.export_button.isEnabled()
    assert questions.asked == []
    # Another folder, on this computer, exports at once.
    export_to(qtbot, dialog, tmp_path / "here.md")
    assert (tmp_path / "here.md").is_file()


def test_every_article_into_a_dead_share_says_it_does_not_answer(
    qtbot: QtBot,
    reviewed_desk: Desk,
    dead_share: DeadShare,
    open_dialog: Callable[[Desk], ExportDialog],
) -> None:
    dialog = open_dialog(reviewed_desk)
    dialog.set_format("md")
    dialog.all_articles_button.click()
    dialog.path_edit.setText(str(dead_share.root / "reports"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dead_share.on_window_thread == []
    assert "does not answer" in dialog.status_label.text()
    assert not dialog.running and dialog.isVisible()


def test_cancel_works_while_the_dialog_waits_on_a_dead_share(
    qtbot: QtBot,
    reviewed_desk: Desk,
    dead_share: DeadShare,
    open_dialog: Callable[[Desk], ExportDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Waiting, the dialog paints and Cancel closes it at once (not after the wait)."""
    monkeypatch.setattr(disk_look, "DISK_WAIT_MS", 600_000)
    dialog = open_dialog(reviewed_desk)
    dialog.set_format("md")
    dialog.path_edit.setText(str(dead_share.root / "reports" / "report.md"))
    seen: list[str] = []

    def cancel_while_waiting() -> None:
        seen.append(dialog.status_label.text())
        assert not dialog.export_button.isEnabled()  # pressed again, no second look
        dialog.cancel_button.click()

    QTimer.singleShot(0, cancel_while_waiting)  # runs in the wait's own event loop
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dead_share.on_window_thread == []
    assert seen and seen[0].startswith("Looking at the folder ")
    assert not dialog.isVisible() and not dialog.running
    assert dialog.result() == 0


def test_a_slow_share_that_answers_within_the_wait_exports_as_ever(
    qtbot: QtBot,
    reviewed_desk: Desk,
    dead_share: DeadShare,
    open_dialog: Callable[[Desk], ExportDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A share slow but there (over a VPN) answers while the dialog waits: "Replace it?"
    is asked of the report there before, and the export goes on."""
    target = dead_share.root / "reports" / "report.md"
    target.write_text("yesterday's", encoding="utf-8")  # the test's, not the dialog's
    dead_share.on_window_thread.clear()
    questions = Questions.patched(monkeypatch)
    questions.answer = QMessageBox.StandardButton.Yes
    dialog = open_dialog(reviewed_desk)
    dialog.set_format("md")
    QTimer.singleShot(0, dead_share.answers.set)  # it answers once the dialog waits
    export_to(qtbot, dialog, target)
    assert dead_share.on_window_thread == []
    assert questions.asked and "already exists" in questions.asked[0]
    assert target.read_text(encoding="utf-8") != "yesterday's"


def test_choose_on_a_dead_share_opens_the_chooser_elsewhere(
    qtbot: QtBot,
    reviewed_desk: Desk,
    dead_share: DeadShare,
    open_dialog: Callable[[Desk], ExportDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Qt's file chooser looks at the folder it opens in on the window's thread: opened on
    the dead share, it froze the window. It opens in Documents (or home), said why."""
    started: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda _p, _c, start, _f: (started.append(start), "")[1:] * 2,
    )
    dialog = open_dialog(reviewed_desk)
    dialog.path_edit.setText(str(dead_share.root / "reports" / "report.md"))
    dialog.browse_button.click()
    assert dead_share.on_window_thread == []
    assert started and not dead_share.holds(started[0])
    assert "does not answer" in dialog.status_label.text()


def test_open_last_export_on_a_dead_share_says_so(
    qtbot: QtBot, window: MainWindow, dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File → Open Last Export with the share gone: told within the wait, the window free."""
    told: list[str] = []
    monkeypatch.setattr(
        articles_controller, "inform", lambda _w, _t, text, **_k: told.append(str(text))
    )
    gui_settings.remember_export(dead_share.root / "reports" / "a.md", dead_share.root / "reports")
    window.articles.open_last_export()
    assert dead_share.on_window_thread == []
    assert told and "does not answer" in told[0]
    assert QApplication.activeModalWidget() is None


def test_try_again_once_the_share_answers_exports(
    qtbot: QtBot,
    reviewed_desk: Desk,
    dead_share: DeadShare,
    open_dialog: Callable[[Desk], ExportDialog],
) -> None:
    """Pressed again while the first look still waits, Export says at once that the folder
    does not answer (no second wait, no second look piled on the share); once the share
    answers, Export writes the report."""
    target = dead_share.root / "reports" / "report.md"
    dialog = open_dialog(reviewed_desk)
    dialog.set_format("md")
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "does not answer" in dialog.status_label.text()
    looks = len(dead_share.waiting)
    dialog._show_status("")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "does not answer" in dialog.status_label.text()
    assert len(dead_share.waiting) == looks  # no new look made
    dead_share.answers.set()  # the VPN back
    stuck = list(disk_look._STUCK.values())
    qtbot.waitUntil(lambda: not any(thread.is_alive() for thread in stuck))
    export_to(qtbot, dialog, target)
    assert dead_share.on_window_thread == []
    assert target.is_file()


def test_save_a_copy_with_the_last_export_on_a_dead_share_opens_its_chooser_elsewhere(
    qtbot: QtBot, window: MainWindow, dead_share: DeadShare, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File → Save a Copy… starts where the last export went when no copy was saved yet:
    with that folder on the dead share the window froze before the chooser showed."""
    started: list[str] = []

    def chooser(*args: object, **kwargs: object) -> tuple[str, str]:
        started.append(str(args[2]))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", chooser)
    gui_settings.remember_export(dead_share.root / "reports" / "a.md", dead_share.root / "reports")
    window.save_copy.save_a_copy()
    assert dead_share.on_window_thread == []
    assert started and not dead_share.holds(started[0])


def test_article_removed_while_export_waits_on_the_share_is_not_written(
    qtbot: QtBot,
    seeded_desk: Desk,
    dead_share: DeadShare,
    open_dialog: Callable[[Desk], ExportDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Export pressed, the share slow to answer: meanwhile a second desk on the workspace
    removes the article, and the dialog follows it ("Preview: none, this article was
    removed"). The share then answering, the report of the article gone was written all
    the same, "Exported to …", as no Export pressed after the removal writes it."""
    monkeypatch.setattr(disk_look, "DISK_WAIT_MS", 600_000)
    Questions.patched(monkeypatch)
    seeded_desk.importer.import_text("Another article says one thing. It says another.")
    target = dead_share.root / "reports" / "report.md"
    dialog = open_dialog(seeded_desk)
    dialog.set_format("md")
    dialog.path_edit.setText(str(target))

    def removed_meanwhile() -> None:
        try:
            seeded_desk.articles.remove_article(1)  # the other desk's save
            dialog.follow_workspace()  # the window's look, each second
            dialog.follow_saves()
        finally:
            dead_share.answers.set()  # then the share answers

    QTimer.singleShot(0, removed_meanwhile)  # runs in the wait's own event loop
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    assert dead_share.on_window_thread == []
    assert dialog.status_label.text() == (
        "Nothing exported: this article was removed from the workspace."
    )
    assert not target.exists() and dialog.isVisible()


def test_cancel_pressed_as_the_share_answers_writes_nothing(
    qtbot: QtBot,
    reviewed_desk: Desk,
    dead_share: DeadShare,
    open_dialog: Callable[[Desk], ExportDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Esc or Cancel while Export waits on the share, the share answering in the same
    instant: the dialog closed, and the export went on behind it, the report written
    into the share after the reviewer said not to."""
    monkeypatch.setattr(disk_look, "DISK_WAIT_MS", 600_000)
    Questions.patched(monkeypatch)
    target = dead_share.root / "reports" / "report.md"
    dialog = open_dialog(reviewed_desk)
    dialog.set_format("md")
    dialog.path_edit.setText(str(target))

    def answered_then_cancelled() -> None:
        dead_share.answers.set()
        for thread in threading.enumerate():  # the look has its answer: only its news is due
            if thread.name == "disk-look":
                thread.join(10)
        dialog.cancel_button.click()

    QTimer.singleShot(0, answered_then_cancelled)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    assert not dialog.isVisible() and dialog.result() == 0
    assert not target.exists()


def test_enter_again_after_the_share_did_not_answer_tries_again(
    qtbot: QtBot,
    reviewed_desk: Desk,
    dead_share: DeadShare,
    open_dialog: Callable[[Desk], ExportDialog],
) -> None:
    """Export pressed with Enter, the share dead: while the dialog waited, Export (and
    every field) was disabled, Qt handed the focus to Cancel, and the next Enter, to try
    again once "does not answer" was said, closed the dialog."""
    dialog = open_dialog(reviewed_desk)
    dialog.set_format("md")
    dialog.path_edit.setText(str(dead_share.root / "reports" / "report.md"))
    dialog.activateWindow()
    dialog.export_button.setFocus()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert "does not answer" in dialog.status_label.text()
    assert dialog.focusWidget() is not dialog.cancel_button
    dialog._show_status("")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "does not answer" in dialog.status_label.text()


def test_a_folder_inside_one_that_does_not_answer_is_not_waited_for_again(
    qtbot: QtBot,
    reviewed_desk: Desk,
    dead_share: DeadShare,
    open_dialog: Callable[[Desk], ExportDialog],
) -> None:
    """After "does not answer" said of the share's folder, the reviewer tries All articles into
    a folder of its own in it (or types a subfolder): the dialog waited the whole 5 s
    again, and left one more look stuck on the share, for a folder that is reached only
    through the one that does not answer."""
    dialog = open_dialog(reviewed_desk)
    dialog.set_format("md")
    dialog.path_edit.setText(str(dead_share.root / "reports" / "report.md"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "does not answer" in dialog.status_label.text()
    looks = len(dead_share.waiting)
    dialog._show_status("")
    dialog.all_articles_button.click()
    dialog.path_edit.setText(str(dead_share.root / "reports" / "Factcheck today"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "does not answer" in dialog.status_label.text()
    assert len(dead_share.waiting) == looks  # no new look piled on the share


def test_every_article_into_a_big_folder_on_a_slow_share_exports(
    qtbot: QtBot,
    reviewed_desk: Desk,
    open_dialog: Callable[[Desk], ExportDialog],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A share slow but there (over a VPN): each look at it answers, but the listing of a
    year's reports in the folder (which of them are there already) takes longer than the
    wait. Every article's export was then told "does not answer", at each try, for a
    share that answers: it never exported, where it exported before the looks had a wait.
    The folder having just answered, its listing is waited for longer (Cancel working)."""
    monkeypatch.setattr(disk_look, "DISK_WAIT_MS", 200)
    folder = tmp_path / "share" / "reports"
    folder.mkdir(parents=True)
    share = DeadShare(tmp_path / "share")
    monkeypatch.setattr(os, "listdir", share._hanging(os.listdir))  # only the listing slow
    dialog = open_dialog(reviewed_desk)
    dialog.set_format("md")
    dialog.all_articles_button.click()
    dialog.path_edit.setText(str(folder))
    QTimer.singleShot(3 * disk_look.DISK_WAIT_MS, share.answers.set)  # listed, in time
    try:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert "does not answer" not in dialog.status_label.text()
        qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    finally:
        share.answers.set()
        disk_look._STUCK.clear()
    assert share.waiting and share.on_window_thread == []
    assert [path.suffix for path in folder.iterdir()] == [".md"]
