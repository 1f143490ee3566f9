"""File → Save a Copy… (Ctrl+Shift+S) in a 1024×640 window: Ana hands her open workspace
to Edith without closing the desk or digging a backup out of the backups folder; Edith's
copy, handed back, merges in without the box a copy torn while open gets."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import SignOffDecision
from factcheck_app.gui import settings
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.controllers import save_copy
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.services.importer import ArticleImporter
from factcheck_app.storage import backups
from tests.gui.test_import_beside_work import start_import
from tests.services.merge_fixtures import (
    article_titled,
    make_three_articles,
    open_as,
    sentence_ids,
)

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def ana_window(tmp_path: Path, make_window: Callable[[Desk], MainWindow]) -> Iterator[MainWindow]:
    path = tmp_path / "ana.fcdesk"
    make_three_articles(path, "Ana Ruiz", 0)
    desk = open_as(path, "Ana Ruiz")
    window = make_window(desk)
    window.resize(1024, 640)
    yield window
    desk.close()


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    """The folder of the last export (a USB stick), where the chooser starts."""
    folder = tmp_path / "stick"
    folder.mkdir()
    settings.remember_folder(settings.EXPORT_FOLDER, folder)
    return folder


def chooser(monkeypatch: pytest.MonkeyPatch, answer: Callable[[Path], Path | None]) -> list[Any]:
    """The save chooser patched: it is given the offered path, and answers `answer`'s."""
    offered: list[Any] = []

    def get(_parent: object, title: str, path: str, _filter: str, **kwargs: Any) -> tuple[str, str]:
        offered.append((title, Path(path), kwargs.get("options")))
        chosen = answer(Path(path))
        return (str(chosen) if chosen else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get))
    return offered


def save_by_key(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_S, CTRL_SHIFT)


def test_a_copy_saved_by_key_opens_elsewhere_and_merges_back(
    ana_window: MainWindow,
    stick: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    merge_boxes: list[str],
) -> None:
    window = ana_window
    desk = window.desk
    offered = chooser(monkeypatch, lambda path: path)  # Enter on the name offered
    save_by_key(qtbot, window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Copy saved"))
    [(title, path, options)] = offered
    assert title == "Save a Copy"
    assert path == stick / f"ana – Ana Ruiz {dt.date.today():%Y-%m-%d}.fcdesk"
    assert options == QFileDialog.Option.DontConfirmOverwrite  # asked in the desk's words
    assert sorted(p.name for p in stick.iterdir()) == [path.name]  # nothing beside it
    said = window.statusBar().currentMessage()
    assert said == f"Copy saved as {path.name}, in {stick}: hand it over; it merges back."
    assert not window.registry[ActionId.CANCEL_COPY].isEnabled()
    # Edith opens it, approves a verdict of Ana's and returns another.
    edith = open_as(path, "Edith Park")
    try:
        assert edith.same_workspace(desk)
        port = sentence_ids(edith, article_titled(edith, "port"))[0]
        bridge = sentence_ids(edith, article_titled(edith, "bridge"))[0]
        edith.sign_offs.approve(port)
        edith.sign_offs.send_back(bridge, "Which year's accounts?")
    finally:
        edith.close()
    # Handed back: Ana merges it (Alt+F, G is covered elsewhere; the dialog answered).
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), ""))
    )
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.MERGE_WORKSPACE].trigger()
    [box] = merge_boxes
    assert box.startswith(f"Merged {path.name}:")
    assert "copied while" not in box  # a whole copy, not one torn while open
    assert "1 of your verdicts was returned by an editor" in box
    approved = desk.sign_offs.sign_off(sentence_ids(desk, article_titled(desk, "port"))[0])
    assert approved is not None and approved.decision is SignOffDecision.APPROVED


def test_an_editor_merging_a_checker_s_copy_is_told_what_awaits_her(
    tmp_path: Path,
    stick: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    merge_boxes: list[str],
    make_window: Callable[[Desk], MainWindow],
) -> None:
    ana = tmp_path / "ana.fcdesk"
    make_three_articles(ana, "Ana Ruiz", 0)
    desk = open_as(ana, "Ana Ruiz")
    try:
        copy = desk.upkeep.save_copy(stick / "ana – Ana Ruiz.fcdesk")
    finally:
        desk.close()
    edith = open_as(tmp_path / "edith.fcdesk", "Edith Park")
    window = make_window(edith)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(copy), ""))
    )
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.MERGE_WORKSPACE].trigger()
    [box] = merge_boxes
    assert "copied while" not in box
    found = edith.sign_offs.awaiting_from_others("Edith Park").by_checker
    count = sum(sum(by.values()) for by in found.values())
    assert count > 1 and list(found) == ["Ana Ruiz"]
    assert f"{count} verdicts by Ana Ruiz await sign-off" in box
    edith.close()


def test_a_copy_keeps_its_own_folder_and_leaves_the_export_folder_alone(
    ana_window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy saved onto a USB stick was remembered as the folder of the last export:
    with the stick pulled, Ctrl+E no longer offered the reports' folder, but Documents
    (or home). The copy's folder is its own: offered to the next copy, not to exports."""
    from factcheck_app.gui.dialogs.export import start_folder

    window = ana_window
    reports = tmp_path / "reports"
    reports.mkdir()
    settings.remember_export(reports / "factcheck-1-port.html", reports)
    stick = tmp_path / "stick"
    stick.mkdir()
    # Onto the stick; the next time, Esc in the chooser (only where it starts counts).
    offered = chooser(monkeypatch, lambda path: None if path.parent == stick else stick / path.name)
    save_by_key(qtbot, window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Copy saved"))
    assert offered[0][1].parent == reports  # the first copy starts where exports go
    assert start_folder() == reports
    save_by_key(qtbot, window)  # the next copy starts where the last one went
    assert offered[1][1].parent == stick
    for copy in stick.iterdir():
        copy.unlink()
    stick.rmdir()  # the stick pulled
    assert start_folder() == reports


def test_a_file_there_is_replaced_only_after_asking(
    ana_window: MainWindow, stick: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = ana_window
    there = stick / "edith.fcdesk"
    there.write_bytes(b"Edith's own file")
    chooser(monkeypatch, lambda _path: there)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.Cancel

    def ask(_parent: object, _title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        asked.append(text)
        return answer

    monkeypatch.setattr(save_copy, "ask", ask)
    save_by_key(qtbot, window)
    assert asked and asked[0].startswith("edith.fcdesk is already there")
    assert there.read_bytes() == b"Edith's own file"
    assert not window.save_copy.running()
    answer = QMessageBox.StandardButton.Yes  # Replace
    save_by_key(qtbot, window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Copy saved"))
    replaced = Desk.open(there, backup=False, read_only=True)
    try:
        assert replaced.same_workspace(window.desk)
    finally:
        replaced.close()


def test_the_open_workspace_and_its_backups_folder_are_refused_in_words(
    ana_window: MainWindow, stick: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = ana_window
    path = window.desk.path
    assert path is not None
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    for target, said in (
        (path, "ana.fcdesk is the open workspace itself"),
        (backups.backup_dir(path) / "x.fcdesk", "is the workspace's backups folder"),
    ):
        backups.backup_dir(path).mkdir(exist_ok=True)
        chooser(monkeypatch, lambda _path, target=target: target)
        save_by_key(qtbot, window)
        assert boxes and said in boxes[-1] and boxes[-1].startswith("No copy was made")
        assert not window.save_copy.running()
    assert list(backups.backup_dir(path).iterdir()) == []


def test_stop_leaves_nothing_behind(
    ana_window: MainWindow, stick: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File → Cancel Running Work → Stop Saving the Copy, while the copy runs: it stops
    at its next step and nothing of it is left (a copy held back here until Stop)."""
    window = ana_window
    go_on = threading.Event()
    real = backups._copy_into_file

    def held(conn: Any, target: Path, cancelled: Any = None) -> None:
        go_on.wait(timeout=30)
        real(conn, target, cancelled)

    monkeypatch.setattr(backups, "_copy_into_file", held)
    chooser(monkeypatch, lambda path: path)
    save_by_key(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "Saving a copy of ana.fcdesk… (File → Stop Saving the Copy stops it)"
    )
    stop = window.registry[ActionId.CANCEL_COPY]
    assert stop.isEnabled() and window.save_copy.running()
    file_menu = window.menuBar().actions()[0].menu()
    assert stop in file_menu.actions() and stop.isVisible()  # File → Stop Saving the Copy
    stop.trigger()
    go_on.set()
    qtbot.waitUntil(lambda: not window.save_copy.running())
    assert window.statusBar().currentMessage() == "Copy stopped: nothing of it was left."
    assert list(stick.iterdir()) == []
    assert not stop.isEnabled() and stop not in file_menu.actions()


def test_the_shortcut_sheet_lists_it_under_workspace(qapp: object) -> None:
    """F1 is where a newcomer looks for "copy" or "hand over"."""
    from factcheck_app.gui.dialogs.help import ShortcutRow, shortcut_rows

    assert ShortcutRow("Workspace", "Save a Copy", "Ctrl+Shift+S", "Anywhere") in shortcut_rows()


@pytest.mark.parametrize("owed", [True, False], ids=["an owed notice", "a key's line"])
def test_a_failed_copy_leaves_a_line_shown_since_in_sight(
    ana_window: MainWindow,
    stick: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    owed: bool,
) -> None:
    """The copy's failure is told in a box; it cleared the status bar whatever it showed,
    ending a notice owed the reviewer (a backup that ended, verdicts awaiting sign-off)
    or the answer to a key pressed while the copy ran. It takes away only its own
    "Saving a copy…" line."""
    window = ana_window
    go_on = threading.Event()

    def failing(conn: Any, target: Path, cancelled: Any = None) -> None:
        go_on.wait(timeout=30)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "_copy_into_file", failing)
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    chooser(monkeypatch, lambda path: path)
    save_by_key(qtbot, window)
    status = window.statusBar()
    assert status.currentMessage().startswith("Saving a copy of ana.fcdesk…")
    line = "2 verdicts by Edith await sign-off: Show → Awaiting sign-off lists them."
    if owed:
        status.clearMessage()  # its time ran out; a notice owed shows in its place
        window.notices.tell(line, 60_000)
    else:
        status.showMessage(line, 60_000)  # the answer to a key pressed meanwhile
    assert status.currentMessage() == line
    go_on.set()
    qtbot.waitUntil(lambda: not window.save_copy.running())
    assert boxes == ["No copy was made (the disk is full); nothing was left behind."]
    assert status.currentMessage() == line
    if owed:
        assert window.notices.owed() == [line]


def test_quitting_while_a_copy_is_saved_says_the_window_waits_for_it(
    ana_window: MainWindow, stick: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the window while a copy is being saved lets the copy finish (it was asked
    for, and is told when saved) and waits for it: the window stayed up, answering
    nothing, without a word of why, its "Saving a copy…" line long gone under a key's
    answer (a big workspace to a slow stick: minutes)."""
    from factcheck_app.services.upkeep import BackgroundCopy

    window = ana_window
    go_on = threading.Event()
    real_copy, real_wait = backups._copy_into_file, BackgroundCopy.wait_while_moving

    def held(conn: Any, target: Path, cancelled: Any = None) -> None:
        go_on.wait(timeout=30)
        real_copy(conn, target, cancelled)

    seen: list[tuple[str, object]] = []

    def wait(job: BackgroundCopy, *args: Any, **kwargs: Any) -> bool:  # the close's wait
        cursor = QApplication.overrideCursor()
        seen.append((window.statusBar().currentMessage(), cursor and cursor.shape()))
        go_on.set()
        return real_wait(job, *args, **kwargs)

    monkeypatch.setattr(backups, "_copy_into_file", held)
    monkeypatch.setattr(BackgroundCopy, "wait_while_moving", wait)
    chooser(monkeypatch, lambda path: path)
    save_by_key(qtbot, window)
    assert window.save_copy.running()
    window.statusBar().showMessage("Nothing to undo.")  # a key pressed meanwhile
    window.close()
    [name] = [p.name for p in stick.iterdir()]
    # With a busy pointer, as the close's wait for Back Up Now has: an arrow, for the
    # minutes of a big workspace going onto a slow stick, looked as if it had done.
    assert seen == [
        (f"Finishing the copy {name} before the workspace closes…", Qt.CursorShape.WaitCursor)
    ]
    assert QApplication.overrideCursor() is None  # given back once the close has ended


@pytest.mark.parametrize(
    ("name", "said"), [("out.fcdesk ", "“out.fcdesk ” ends in a space"), ("out.txt", "“out.txt”")]
)
def test_a_copy_the_open_dialog_would_hide_is_refused_in_words(
    ana_window: MainWindow,
    stick: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    said: str,
) -> None:
    """A name pasted with a space after .fcdesk, or ending in .txt, made a copy that File
    → Open Workspace's Workspaces filter hides; a new workspace named so is refused."""
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    chooser(monkeypatch, lambda _path: stick / name)
    save_by_key(qtbot, ana_window)
    [box] = boxes
    assert box.startswith("No copy was made") and said in box and "ending in .fcdesk" in box
    assert not ana_window.save_copy.running()
    assert list(stick.iterdir()) == []


@pytest.fixture
def held_import(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Imports wait (in their worker thread) until the test sets the returned event."""
    may_go_on = threading.Event()
    real_import = ArticleImporter.import_file

    def import_when_allowed(self: ArticleImporter, path: Path, **kwargs: Any) -> Any:
        may_go_on.wait(10)
        return real_import(self, path, **kwargs)

    monkeypatch.setattr(ArticleImporter, "import_file", import_when_allowed)
    yield may_go_on
    may_go_on.set()  # never leave a worker waiting


def test_a_copy_saved_while_an_import_runs_says_what_it_lacks(
    ana_window: MainWindow,
    stick: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    held_import: threading.Event,
) -> None:
    """Ctrl+Shift+S while an article was still coming in: the copy held the workspace
    as it was when it began, without that article, and the status bar said "hand it
    over" all the same: Edith was handed a copy without the article she was to check."""
    window = ana_window
    start_import(window, stick.parent, qtbot)
    chooser(monkeypatch, lambda path: path)
    save_by_key(qtbot, window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Copy saved"))
    said = window.statusBar().currentMessage()
    assert "hand it over" not in said
    assert said.endswith(
        ", WITHOUT the articles still being imported: save a copy again once the import "
        "has finished."
    )
    [copy] = stick.iterdir()
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        held_import.set()
    handed = Desk.open(copy, read_only=True)
    try:
        titles = [a.title for a in handed.articles.list_articles()]
    finally:
        handed.close()
    assert len(titles) == 3 and not any(t.startswith("The council said") for t in titles)
    # Once the import has finished, a copy is whole again, and said so.
    copy.unlink()
    save_by_key(qtbot, window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Copy saved"))
    assert window.statusBar().currentMessage().endswith(": hand it over; it merges back.")


def test_replacing_a_workspace_the_question_says_whose_work_goes(
    ana_window: MainWindow,
    stick: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A name clicked in the chooser that was a workspace (a colleague's own, or the copy
    handed back with their day of work in it) was asked of as of any file: "What it holds
    now is lost, unless it was merged here." The question now says it is a workspace, and
    whether it is another one or a copy of this one; nothing is read of it but that (no
    file is made beside it, which would have refused the copy)."""
    window = ana_window
    bob = stick / "bob.fcdesk"
    make_three_articles(bob, "Bob Stone", 1)
    handed_back = stick / "ana for edith.fcdesk"
    assert window.desk.path is not None
    backups.save_copy_on_own_connection(window.desk.path, handed_back)
    asked: list[str] = []

    def ask(_parent: object, _title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(save_copy, "ask", ask)
    before = sorted(p.name for p in stick.iterdir())
    for there in (bob, handed_back, stick / "notes.fcdesk"):
        if there.name == "notes.fcdesk":
            there.write_bytes(b"not a workspace")
            before.append(there.name)
        chooser(monkeypatch, lambda _path, there=there: there)
        save_by_key(qtbot, window)
    other, copy, plain = asked
    assert other.startswith(
        f"bob.fcdesk is already there, in {stick}: another workspace, of 3 articles, not a "
        "copy of this one."
    )
    assert "Its work is lost, unless it was merged here." in other
    assert copy.startswith(
        f"ana for edith.fcdesk is already there, in {stick}: a copy of this workspace, of 3 "
        "articles."
    )
    assert "What was done in it since it was copied is lost, unless it was merged here." in copy
    assert plain.startswith(f"notes.fcdesk is already there, in {stick}.\n\n")
    assert "What it holds now is lost, unless it was merged here." in plain
    assert sorted(p.name for p in stick.iterdir()) == sorted(before)  # nothing made beside
