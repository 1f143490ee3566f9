"""What the reviewer sees when the workspace is busy, empty, damaged, read-only or full."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import WorkspaceError, WorkspaceFull, WorkspaceInUse
from factcheck_app.domain.models import VERDICTS_BY_KEY, Review, Status, Tag
from factcheck_app.gui import settings as app_settings
from factcheck_app.gui import workspace_opener
from factcheck_app.gui.app import CLOSING_ON_SIGNAL, open_workspace, show_opening_window
from factcheck_app.gui.controllers import workspace as workspace_controller
from factcheck_app.gui.dialogs.restore import RestoreBackupDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.workspace_opener import open_desk, tell_unconfirmed
from factcheck_app.gui.workspace_strip import IN_USE
from factcheck_app.services import workspace_files
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups, cleaning
from factcheck_app.storage.locking import WriterLock
from tests.conftest import SEED_FILE
from tests.desk_left_open import desk_left_open
from tests.gui.conftest import press
from tests.storage.test_safety import damage_a_table_page, saved_by_a_newer_version

Button = QMessageBox.StandardButton


def make_workspace(path: Path) -> None:
    desk = Desk.open(path)
    desk.importer.import_file(SEED_FILE)
    desk.close()


def with_a_newer_backup_by_hand(path: Path) -> backups.BackupInfo:
    """`make_workspace(path)` with an automatic backup, then a newer one made by hand:
    the one a restore offers first, returned (for the test to spoil)."""
    make_workspace(path)
    Desk.open(path).close()  # an automatic backup
    desk = Desk.open(path, backup=False)
    desk.upkeep.backup_now()  # a newer one, by hand
    desk.close()
    newest = workspace_files.backup_to_offer(workspace_files.backups_of(path))
    assert newest is not None and newest.reason == "manual"
    return newest


def restore_dialog_taking_another_when_offered_again(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Restore from Backup dialog answered as a reviewer would after a backup was
    refused: the backup offered is taken; when the newest (by hand) one is offered again,
    the one below it. Returns the reasons of the backups taken, in order."""
    offered: list[str] = []

    def choose(dialog: RestoreBackupDialog) -> int:
        chosen = dialog.chosen()
        assert chosen is not None
        offered.append(chosen.reason)
        if chosen.reason == "manual" and len(offered) > 1:  # the refused one again: the other
            dialog.list.setCurrentRow(dialog.list.currentRow() + 1)
        return 1

    monkeypatch.setattr(RestoreBackupDialog, "exec", choose)
    return offered


def test_second_window_is_offered_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_window: Callable[[Desk], MainWindow]
) -> None:
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path\n"
            "from factcheck_app.storage.locking import WriterLock\n"
            f"lock = WriterLock.acquire(Path({str(path)!r}), 'the desk window')\n"
            "print('locked', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        asked: list[str] = []

        def answer(parent: object, title: str, text: str, *args: object, **kw: object) -> Button:
            asked.append(text)
            return Button.Open

        monkeypatch.setattr(workspace_opener, "ask", answer)
        monkeypatch.setattr(workspace_opener, "inform", lambda *a, **k: None)
        opened = open_desk(path, None)
        assert opened is not None and opened.read_only and opened.writer_lock is None
        assert "being changed by another Factcheck desk (the desk window" in asked[0]
        assert f"process {holder.pid} on this computer" in asked[0]
        window = make_window(opened)
        assert "[read-only]" in window.windowTitle()
        sid = window.current_sentence_id()
        press(QtBot(window), window, "c")  # refused politely, nothing written
        assert opened.reviews.review(sid).tag is None
        assert "Another program is changing this workspace" in window.workspace_strip.text()
        assert window.panel.claimant_edit.isReadOnly()
    finally:
        holder.send_signal(signal.SIGKILL)  # the other window crashes
        holder.wait()
    WriterLock.acquire(path, "test").release()  # the system freed the dead window's lock


def test_empty_file_can_be_replaced_only_when_asked(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.fcdesk"
    path.touch()
    choices = iter(["cancel", "new"])
    monkeypatch.setattr(workspace_opener, "_ask_empty", lambda *a: next(choices))
    assert open_desk(path, None) is None
    assert path.exists() and path.stat().st_size == 0
    opened = open_desk(path, None, seed=True)
    assert opened is not None
    assert len(opened.articles.list_articles()) == 1
    opened.close()


def test_a_new_workspace_in_place_of_an_empty_one_keeps_its_left_over_files(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workspace emptied by a sync tool can still have its last edits in its -wal. The
    empty file was unlinked and a new workspace made in its place, and SQLite deletes a
    -wal it finds beside a new, empty database: those edits were gone. The empty file and
    everything beside it are now moved into the backups folder first."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    wal = path.with_name(path.name + "-wal")
    last_edits = b"WAL bytes holding the last edits"  # what matters is that they are kept
    path.write_bytes(b"")
    wal.write_bytes(last_edits)
    monkeypatch.setattr(workspace_opener, "_ask_empty", lambda *a: "new")
    opened = open_desk(path, None)
    assert opened is not None
    opened.close()
    kept = [p for p in backups.backup_dir(path).iterdir() if p.name.endswith("-wal")]
    assert [p.read_bytes() for p in kept] == [last_edits]


def test_a_new_workspace_in_place_of_an_empty_one_waits_for_another_desk_on_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the reviewer was asked about the empty file, another desk took the workspace
    for writing (it made a new one there, or a sync tool emptied the file under it).
    "Start a New Workspace There" moved the file from under that desk; now nothing is
    moved, and the reviewer is told who has it and offered to open it read-only."""
    path = tmp_path / "w.fcdesk"
    path.touch()
    held: list[WriterLock] = []

    def answer_new_while_another_desk_takes_it(*_args: object) -> str:
        held.append(WriterLock.acquire(path, "the desk window"))
        return "new"

    monkeypatch.setattr(workspace_opener, "_ask_empty", answer_new_while_another_desk_takes_it)
    asked: list[str] = []

    def cancel(parent: object, title: str, text: str, *args: object, **kwargs: object) -> Button:
        asked.append(text)
        return Button.Cancel

    monkeypatch.setattr(workspace_opener, "ask", cancel)
    monkeypatch.setattr(workspace_opener, "inform", lambda *a, **k: asked.append(a[2]))
    try:
        assert open_desk(path, None) is None
    finally:
        for lock in held:
            lock.release()
    assert path.exists() and path.stat().st_size == 0
    assert not backups.backup_dir(path).exists()
    assert len(asked) == 1 and "being changed by another Factcheck desk" in asked[0]


def test_an_empty_workspace_opened_read_only_as_in_use_says_who_has_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sync tool emptied the file under a desk still writing it: the reviewer opens it
    read-only, is asked about the empty file and chooses "Start a New Workspace There".
    Nothing can be moved while the other desk has it; the same box came back without a
    word, as often as the button was pressed. Now she is told who has it."""
    path = tmp_path / "w.fcdesk"
    path.touch()
    other_desk = WriterLock.acquire(path, "the desk window")
    asked_empty: list[Path] = []

    def answer_new_then_cancel(_parent: object, shown: Path, _error: object) -> str:
        asked_empty.append(shown)
        return "new" if len(asked_empty) == 1 else "cancel"

    monkeypatch.setattr(workspace_opener, "_ask_empty", answer_new_then_cancel)
    monkeypatch.setattr(workspace_opener, "ask", lambda *a, **k: Button.Open)  # read-only
    told: list[str] = []
    monkeypatch.setattr(workspace_opener, "inform", lambda *a, **k: told.append(a[2]))
    try:
        assert open_desk(path, None) is None
    finally:
        other_desk.release()
    assert len(asked_empty) == 1
    assert len(told) == 1 and "being changed by another Factcheck desk" in told[0]
    assert path.exists() and path.stat().st_size == 0
    assert not backups.backup_dir(path).exists()


def test_an_empty_workspace_whose_lock_cannot_be_made_is_left_where_it_is(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.fcdesk"
    path.touch()
    monkeypatch.setattr(workspace_opener, "_ask_empty", lambda *a: "new")
    real_acquire = WriterLock.acquire

    def no_lock_for_the_move(workspace: Path, purpose: str, **kwargs: object) -> WriterLock:
        if "empty" in purpose:
            raise WorkspaceError("Cannot create the lock file (Read-only file system).")
        return real_acquire(workspace, purpose, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(WriterLock, "acquire", no_lock_for_the_move)
    told: list[str] = []
    monkeypatch.setattr(workspace_opener, "inform", lambda *a, **k: told.append(a[2]))
    assert open_desk(path, None) is None
    assert path.exists() and not backups.backup_dir(path).exists()
    assert len(told) == 1 and "could not be moved aside" in told[0]
    assert "Read-only file system" in told[0]


def test_a_workspace_on_a_full_disk_can_still_be_opened_read_only(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening for editing writes a little (the session mark, the lock's label), so on a
    full disk it fails; the window said "The disk is full: the change was NOT saved" and
    opened nothing, although reading, searching and exporting need no space."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    real_open = Desk.open

    def open_on_a_full_disk(where: Path, **kwargs: object) -> Desk:
        if not kwargs.get("read_only"):
            raise WorkspaceFull("The disk is full: the change was NOT saved.")
        return real_open(where, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(workspace_opener.Desk, "open", open_on_a_full_disk)
    asked: list[str] = []

    def answer(parent: object, title: str, text: str, *args: object, **kwargs: object) -> Button:
        asked.append(text)
        return Button.Open

    monkeypatch.setattr(workspace_opener, "ask", answer)
    monkeypatch.setattr(workspace_opener, "inform", lambda *a, **k: None)
    opened = open_desk(path, None)
    assert opened is not None and opened.read_only
    assert len(opened.articles.list_articles()) == 1
    opened.close()
    assert asked and "full" in asked[0] and "read-only" in asked[0]


def test_damaged_workspace_is_restored_from_a_chosen_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: list[str]
) -> None:
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    Desk.open(path).close()  # leaves an automatic backup
    damaged = b"SQLite format 3\x00" + bytes(range(256)) * 30
    path.write_bytes(damaged)
    monkeypatch.setattr(workspace_opener, "_ask_damaged", lambda *a: "restore")
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: 1)
    opened = open_desk(path, None)
    assert opened is not None and len(opened.articles.list_articles()) == 1
    assert any("restored from the backup" in text for text in boxes)
    opened.close()
    kept = [b for b in backups.list_backups(path) if b.reason == "damaged"]
    assert kept and kept[0].path.read_bytes() == damaged


def test_a_damaged_backup_refused_at_open_lets_another_be_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: list[str]
) -> None:
    """A damaged workspace, its newest backup damaged too: the restore of it was refused
    ("… Choose another backup."), and the open then ended, the dialog gone, nothing opened;
    at a start, the desk closed. The dialog comes back to choose another."""
    path = tmp_path / "w.fcdesk"
    newest = with_a_newer_backup_by_hand(path)
    damage_a_table_page(newest.path, "sentences")  # damaged later on the disk
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 30)
    monkeypatch.setattr(workspace_opener, "_ask_damaged", lambda *a: "restore")
    offered = restore_dialog_taking_another_when_offered_again(monkeypatch)
    opened = open_desk(path, None)
    assert offered == ["manual", "manual"]
    assert opened is not None and len(opened.articles.list_articles()) == 1
    opened.close()
    assert boxes[0] == (
        f"The backup {newest.path.name} is damaged (it fails SQLite's check), so it was not "
        "restored; nothing was changed. Choose another backup."
    )
    assert "restored from the backup" in boxes[1]


def test_damaged_dialog_names_the_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    Desk.open(path).close()
    path.write_bytes(b"SQLite format 3\x00" + bytes(4000))
    seen: list[QMessageBox] = []

    def look(box: QMessageBox) -> int:
        seen.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", look)
    assert open_desk(path, None) is None
    [box] = seen
    assert box.windowTitle() == "Damaged workspace"
    assert "left untouched" in box.text()
    assert "There is 1 backup of this workspace, from " in box.informativeText()
    assert "Restore from Backup…" in [b.text().replace("&", "") for b in box.buttons()]


def several_articles_reviewed(path: Path, folder: Path) -> list[tuple[str, list[Review]]]:
    """A workspace of four articles, a few of their sentences reviewed; what it holds
    (each article's title and its sentences' reviews), as a desk reads it."""
    desk = Desk.open(path, backup=False)
    for n in range(4):
        text = folder / f"article-{n}.txt"
        text.write_text(
            f"Article {n}\n\n"
            + " ".join(
                f"Claim {j} of article {n} says prices rose {j * 7} percent." for j in range(30)
            )
        )
        desk.importer.import_file(text)
    held = []
    for article in desk.articles.list_articles():
        rows = desk.reviews.sentence_rows(article.id)
        desk.reviews.set_tag(rows[1].sentence.id, Tag.DENIAL)
        desk.reviews.set_verdict(rows[2].sentence.id, next(iter(VERDICTS_BY_KEY)))
        held.append((article.title, [row.review for row in desk.reviews.sentence_rows(article.id)]))
    desk.close()
    return held


def zero_an_index_page(database: Path, index: str) -> None:
    """Zero a page of `index` (its first leaf): a bad sector, or a sync that wrote part
    of the file. The desk then refuses the workspace as damaged."""
    conn = sqlite3.connect(database)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    [page] = conn.execute(
        "SELECT min(pageno) FROM dbstat WHERE name = ? AND pagetype = 'leaf'", [index]
    ).fetchone()
    conn.close()
    data = bytearray(database.read_bytes())
    data[page_size * (page - 1) : page_size * page] = bytes(page_size)
    database.write_bytes(bytes(data))


def click(label: str, seen: list[QMessageBox]) -> Callable[[QMessageBox], int]:
    """A message box `exec` that keeps the box and clicks the button with this label (its
    Alt letter's & left out); a box without that button (a summary) is only kept."""

    def fake_exec(box: QMessageBox) -> int:
        seen.append(box)
        buttons = {button.text().replace("&", ""): button for button in box.buttons()}
        if label in buttons and len(buttons) > 1:
            buttons[label].click()
        return 0

    return fake_exec


def test_a_damaged_workspace_without_backups_opens_as_a_cleaned_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """A damaged workspace and no backup: the box offered only "keep the file, an expert
    may recover it", though `clean` gets the day's work out of such a file. Its cleaned
    copy is now offered, written beside it and opened; the damaged file stays as it was."""
    path = tmp_path / "w.fcdesk"
    held = several_articles_reviewed(path, tmp_path)
    damage_a_table_page(path, "history")  # some rows lost: the summary says so
    zero_an_index_page(path, "idx_sentences_article_start")
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    assert workspace_files.backups_of(path) == []
    seen: list[QMessageBox] = []
    clicking = click("Open a Cleaned Copy", seen)
    asked: list[tuple[str, list[str], str]] = []

    def noted(box: QMessageBox) -> int:  # as asked: a box is deleted once it has been
        asked.append(
            (
                box.objectName(),
                [b.text().replace("&", "") for b in box.buttons()],
                box.defaultButton().text().replace("&", "") if box.defaultButton() else "",
            )
        )
        return clicking(box)

    monkeypatch.setattr(QMessageBox, "exec", noted)

    opened = open_desk(path, None)

    assert opened is not None
    try:
        assert opened.path == tmp_path / "w-cleaned.fcdesk" and not opened.read_only
        assert [
            (article.title, [row.review for row in opened.reviews.sentence_rows(article.id)])
            for article in opened.articles.list_articles()
        ] == held
    finally:
        opened.close()
    _, told = seen
    assert asked[0] == (
        "damagedWorkspaceBox",
        ["Open a Cleaned Copy", "Cancel"],
        "Open a Cleaned Copy",
    )
    sentences = sum(len(reviews) for _, reviews in held)
    assert f"Copied 4 articles, {sentences} sentences, 8 reviews" in told.text()
    assert "Not copied: 8 rows of history (could not be read: " in told.text()
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_a_cleaned_copy_is_written_beside_the_window_with_a_cancel_that_stops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """A year's workspace takes 20-60 s to clean. It was cleaned on the window's own
    thread: the window froze for as long (the box that asked still drawn, its buttons
    dead), and nothing could stop it. It is now written in the background, a note up
    with Cancel; Cancel stops it, nothing written, the damaged file as it was."""
    path = tmp_path / "w.fcdesk"
    several_articles_reviewed(path, tmp_path)
    damage_a_table_page(path, "history")
    before = path.read_bytes(), path.stat().st_mtime_ns
    seen: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", click("Open a Cleaned Copy", seen))
    notes: list[QProgressDialog] = []
    pressed = threading.Event()

    class Started(QObject):
        copying = Signal()

    def press_cancel() -> None:  # in the window's thread, while the copy is written
        notes.extend(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.objectName() == "cleaningProgress"
        )
        for note in notes:
            qtbot.keyClick(note, Qt.Key.Key_Escape)
        pressed.set()

    started = Started()
    started.copying.connect(press_cancel)
    copy_all = cleaning._Copier.copy_all

    def copy_once_cancel_is_pressed(copier: cleaning._Copier) -> None:
        started.copying.emit()  # to the window's thread: at once when it is this one
        pressed.wait(10)
        copy_all(copier)

    monkeypatch.setattr(cleaning._Copier, "copy_all", copy_once_cancel_is_pressed)

    opened = open_desk(path, None)

    assert opened is None
    assert [note.labelText() for note in notes] == [
        "Writing the cleaned copy: what can still be read of the damaged file…"
    ]
    _, told = seen
    assert told.text() == (
        f"The cleaned copy was stopped: nothing was written. The workspace {path} was "
        "left untouched."
    )
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(("w-cleaned", ".clean"))]
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_logging_out_while_a_cleaned_copy_is_written_stops_it_and_asks_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """Logging out (SIGTERM) while the cleaned copy was written closed its note, which
    stopped it, and then put up "The cleaned copy was stopped" for a click nobody was
    there to give: the desk stayed open until the session killed it. It now ends with
    no box, nothing written, the damaged file as it was (told again at the next start)."""
    path = tmp_path / "w.fcdesk"
    several_articles_reviewed(path, tmp_path)
    damage_a_table_page(path, "history")
    before = path.read_bytes(), path.stat().st_mtime_ns
    seen: list[str] = []
    clicking = click("Open a Cleaned Copy", [])

    def noted(box: QMessageBox) -> int:
        seen.append(box.text())
        return clicking(box)

    monkeypatch.setattr(QMessageBox, "exec", noted)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    closed = threading.Event()

    class Started(QObject):
        copying = Signal()

    def log_out() -> None:  # what app.close_on_terminate does, in the window's thread
        app.setProperty(CLOSING_ON_SIGNAL, True)
        app.closeAllWindows()
        closed.set()

    started = Started()
    started.copying.connect(log_out)
    copy_all = cleaning._Copier.copy_all

    def copy_once_logged_out(copier: cleaning._Copier) -> None:
        started.copying.emit()
        closed.wait(10)
        copy_all(copier)

    monkeypatch.setattr(cleaning._Copier, "copy_all", copy_once_logged_out)

    try:
        opened = open_desk(path, None)
    finally:
        app.setProperty(CLOSING_ON_SIGNAL, False)

    assert opened is None
    assert len(seen) == 1  # the damaged-workspace question only
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(("w-cleaned", ".clean"))]
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_cleaned_copy_is_stopped_when_its_wait_ends_early(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """The window's wait for the cleaned copy ended before the copy did (the application
    quitting ends every loop): the copy went on to its end while the window waited for it,
    frozen, its note gone (a year's workspace: up to a minute). It is stopped now."""
    path = tmp_path / "w.fcdesk"
    several_articles_reviewed(path, tmp_path)
    damage_a_table_page(path, "history")
    seen: list[str] = []
    clicking = click("Open a Cleaned Copy", [])

    def noted(box: QMessageBox) -> int:
        seen.append(box.text())
        return clicking(box)

    monkeypatch.setattr(QMessageBox, "exec", noted)
    monkeypatch.setattr(workspace_opener.QEventLoop, "exec", lambda _loop: 0)  # ended early
    copy_all = cleaning._Copier.copy_all

    def copy_once_told(copier: cleaning._Copier) -> None:
        asked = copier.cancelled  # the window's stop flag's `is_set`
        assert asked is not None
        stop = asked.__self__  # type: ignore[attr-defined]
        assert isinstance(stop, threading.Event)
        stop.wait(10)  # for the window to say stop (without it: the copy's own time)
        copy_all(copier)

    monkeypatch.setattr(cleaning._Copier, "copy_all", copy_once_told)

    assert open_desk(path, None) is None

    assert "The cleaned copy was stopped: nothing was written." in seen[-1]
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("w-cleaned")]


def test_a_damaged_workspace_with_backups_offers_both_restore_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """With a backup, Restore stays the default (a backup is whole; a cleaned copy may
    lack rows); the cleaned copy is offered beside it, each with an Alt letter of its own."""
    path = tmp_path / "w.fcdesk"
    several_articles_reviewed(path, tmp_path)
    Desk.open(path).close()  # an automatic backup
    zero_an_index_page(path, "idx_sentences_article_start")
    seen: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", click("Cancel", seen))

    assert open_desk(path, None) is None

    [box] = seen
    assert box.objectName() == "damagedWorkspaceBox"
    labels = [b.text() for b in box.buttons()]
    assert [label.replace("&", "") for label in labels] == [
        "Restore from Backup…",
        "Open a Cleaned Copy",
        "Cancel",
    ]
    letters = [label[label.index("&") + 1].lower() for label in labels if "&" in label]
    assert len(letters) == 3 and len(set(letters)) == 3
    assert box.defaultButton().text().replace("&", "") == "Restore from Backup…"
    assert "whole" in box.informativeText() and "missing" in box.informativeText()
    assert not (tmp_path / "w-cleaned.fcdesk").exists()


def test_an_import_a_crash_cut_short_is_named_at_the_next_open(
    tmp_path: Path, boxes: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # The window was killed while it imported budget.txt: the next open took the unfinished
    # article out again, and its box said "Every edit it saved is in the workspace" and
    # nothing of the import (when the session had no other edit, no box at all). The
    # reviewer who saw it importing looked for it in vain, or thought it reviewed.
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    speech = " ".join(f"The minister said spending rose {n} percent last year." for n in range(40))
    with desk_left_open(path, "Ana") as killed:
        killed.do("import-crash", speech, "budget.txt")
    opened = open_desk(path, None)
    assert opened is not None
    try:
        assert [a.source_name for a in opened.articles.list_articles()] == [SEED_FILE.name]
        tell_unconfirmed(None, opened)
        [told] = boxes
        assert "not closed properly" in told
        assert "The import of budget.txt had not finished: nothing of it was kept" in told
        assert told.endswith(
            "so import it again. Any file that was to be imported after it was not imported either."
        )
        assert "Every edit it saved is in the workspace" in told  # still true of edits
    finally:
        opened.close()


def test_a_merge_a_crash_cut_short_is_named_at_the_next_open(
    tmp_path: Path, boxes: list[str]
) -> None:
    # The window was killed while it merged bob.fcdesk: one transaction, so nothing of it
    # is in. The box said "Every edit it saved is in the workspace" and nothing of the
    # merge (with no other edit, no box at all): the editor who saw it merging took
    # Bob's work for merged.
    path, bob = tmp_path / "w.fcdesk", tmp_path / "bob.fcdesk"
    make_workspace(path)
    desk = Desk.open(bob, backup=False)
    desk.importer.import_text(
        "The mayor said the bridge cost 3 million euros.", source_name="bob.txt"
    )
    desk.close()
    with desk_left_open(path, "Ana") as killed:
        killed.do("merge-crash", str(bob))
    opened = open_desk(path, None)
    assert opened is not None
    try:
        assert [a.source_name for a in opened.articles.list_articles()] == [SEED_FILE.name]
        tell_unconfirmed(None, opened)
        [told] = boxes
        assert "not closed properly" in told
        assert told.endswith(
            "The merge of bob.fcdesk had not finished: nothing of it was merged, so merge it again."
        )
    finally:
        opened.close()
    # Killed just after the merge was committed: it is in, and listed among the edits.
    with desk_left_open(path, "Ana") as killed:
        killed.do("merge-crash-committed", str(bob))
    opened = open_desk(path, None)
    assert opened is not None
    try:
        assert "bob.txt" in [a.source_name for a in opened.articles.list_articles()]
        tell_unconfirmed(None, opened)
        told = boxes[-1]
        assert "Merge bob.fcdesk" in told and "had not finished" not in told
    finally:
        opened.close()


def test_crash_last_time_is_reported_on_open(
    tmp_path: Path, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    desk = Desk.open(path, read_only=True)
    first = desk.reviews.sentence_rows(1)[0].sentence.id
    desk.close()
    # Killed (another process: a kill leaves its -wal beside the file, as a crash does;
    # closing the connection here would merge and delete it, as only a copy lacks it).
    with desk_left_open(path, "Ana") as killed:
        killed.do("tag", first, "claim")
        killed.do("crash")
    opened = open_desk(path, None)
    assert opened is not None
    assert boxes == []  # told once the window is up, over it
    tell_unconfirmed(None, opened)
    [told] = boxes
    assert "not closed properly" in told and "Tag as Claim" in told
    # In the reviewer's local time, with the sentence and its article named.
    [edit] = opened.unconfirmed_edits_described()
    assert edit.at is not None and edit.at.astimezone().strftime("%H:%M") in told
    title = opened.articles.list_articles()[0].title
    assert f"sentence 1 of “{title[:49]}" in told
    opened.close()


def disk_filled(window: MainWindow) -> Callable[[], object]:
    """The workspace's file may grow no more (its disk full, as SQLite sees it); gives
    back what frees the space again."""
    db = window.desk.workspace.db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    return lambda: db.execute(f"PRAGMA max_page_count = {pages * 1000}")


def typed_and_left(window: MainWindow, text: str = "typed while the disk was full " * 4000) -> None:
    """`text` put in the explanation, then the field left: leaving it tries to save."""
    window.panel.explanation_edit.setFocus()
    window.panel.explanation_edit.setPlainText(text)
    window.sentence_view.setFocus()


def test_disk_full_keeps_typed_text_and_retries(
    window: MainWindow, qtbot: QtBot, boxes: list[str]
) -> None:
    free_space = disk_filled(window)
    window.panel._retry_timer.setInterval(50)  # the real 5 s retry, sped up for the test
    sid = window.current_sentence_id()
    typed_and_left(window, "x" * 100_000)
    assert any("disk is full" in text for text in boxes)
    assert window.panel.has_pending_text()
    assert window.panel.unsaved_label.isVisibleTo(window.panel)
    assert window.desk.reviews.review(sid).explanation == ""
    assert len(window.panel.explanation_edit.toPlainText()) == 100_000
    free_space()
    qtbot.waitUntil(lambda: not window.panel.has_pending_text(), timeout=10_000)
    assert len(window.desk.reviews.review(sid).explanation) == 100_000
    assert not window.panel.unsaved_label.isVisibleTo(window.panel)
    assert sum("disk is full" in text for text in boxes) == 1  # told once, not per retry


def test_saved_after_a_full_disk_is_said_beside_the_sentence_typed_on(
    window: MainWindow, qtbot: QtBot, boxes: list[str]
) -> None:
    """An explanation typed while the disk was full, then another sentence moved to:
    the retry that saved the first sentence's text, once space was freed, put "Saved"
    (and, while it waited, "Not saved") beside the second sentence's empty Explanation
    box, as if something typed there had been saved. It is said of the sentence typed
    on: the red note names it while it waits, and it says "Saved" there once saved."""
    free_space = disk_filled(window)
    window.panel._retry_timer.setInterval(50)  # the real 5 s retry, sped up for the test
    first = window.current_sentence_id()
    assert first is not None
    typed_and_left(window)
    assert window.panel.has_pending_text()
    assert window.panel.save_state.text() == "Not saved"  # beside the box typed in
    press(qtbot, window, Qt.Key.Key_Down)  # another sentence, nothing typed there
    second = window.current_sentence_id()
    assert second not in (None, first)
    assert window.panel.explanation_edit.toPlainText() == ""
    waiting = window.panel.where_typed(first, "explanation", short=True)  # "… of #1"
    assert waiting in window.panel.unsaved_note(), window.panel.unsaved_note()
    window.panel.flush_pending_text()  # a retry, the disk still full
    assert window.panel.has_pending_text()
    assert window.panel.save_state.text() == "", window.panel.save_state.text()
    assert waiting in window.panel.unsaved_note(), window.panel.unsaved_note()
    window.select_sentence(first)  # back where it was typed: it waits there
    assert window.panel.save_state.text() == "Not saved", window.panel.save_state.text()
    window.select_sentence(second)
    assert window.panel.save_state.text() == ""
    free_space()
    qtbot.waitUntil(lambda: not window.panel.has_pending_text(), timeout=10_000)
    assert window.desk.reviews.review(first).explanation.startswith("typed while")
    assert window.current_sentence_id() == second
    assert window.panel.save_state.text() == "", window.panel.save_state.text()
    window.select_sentence(first)
    assert window.panel.explanation_edit.toPlainText().startswith("typed while")


def test_text_waiting_in_another_article_is_named_by_its_words_not_an_id(
    window: MainWindow, qtbot: QtBot, boxes: list[str]
) -> None:
    """An explanation typed while the disk was full, then another article opened: the red
    note ended "Waiting: the explanation of sentence 1.", the workspace's own number of
    the sentence, read beside the list's "#1" of the article shown as that sentence,
    on which nothing was typed. A sentence not listed is named by its number and words as
    they were when typed on ("#1 Ankara, Baku’s…")."""
    other = window.desk.importer.import_text(
        "The mayor said the bridge cost 3 million. Nobody checked it.", source_name="b.txt"
    )
    free_space = disk_filled(window)
    window.panel._retry_timer.setInterval(50)  # the real 5 s retry, sped up for the test
    first = window.current_sentence_id()
    assert first is not None
    typed_on = window.panel.where_typed(first, "explanation")  # "… of #1 Ankara, Baku’s…"
    typed_and_left(window)
    assert window.panel.has_pending_text()
    window.open_article(other.article_id)
    assert window.current_sentence_id() != first
    note = window.panel.unsaved_note()
    assert f"sentence {first}" not in note, note
    assert note.endswith(f"Waiting: {typed_on}"), note  # (its words cut: "…", no "….")
    free_space()
    qtbot.waitUntil(lambda: not window.panel.has_pending_text(), timeout=10_000)


def test_ctrl_w_on_a_full_disk_does_not_say_everything_is_saved(
    window: MainWindow, qtbot: QtBot, boxes: list[str]
) -> None:
    """Ctrl+W, pressed by habit, says it closes nothing; it said "everything is saved as
    you go" while the red note above the Explanation box said the text typed there was
    NOT saved (a full disk): a journalist who believed the status bar closed the laptop
    and lost it. While typed text waits, it says so."""
    free_space = disk_filled(window)
    typed_and_left(window)
    assert window.panel.has_pending_text()
    status = window.statusBar()
    status.clearMessage()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    said = status.currentMessage()
    assert said.startswith("Ctrl+W closes nothing here"), said
    assert "everything is saved" not in said, said
    assert "NOT saved" in said and "Ctrl+Q" in said, said
    window.resize(984, 580)  # the window on a 1024×640 screen, less its frame
    room = status.width() - window.progress_label.sizeHint().width() - 24
    assert status.fontMetrics().horizontalAdvance(said) <= room, said
    free_space()
    window.panel.flush_pending_text()  # what the retry timer does
    assert not window.panel.has_pending_text()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert "everything is saved as you go" in status.currentMessage()


def test_text_not_saved_on_a_full_disk_never_lands_in_another_workspace(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: list[str]
) -> None:
    """Text kept for a retry (disk full) stayed in the panel when the window switched to
    another workspace, and the retry saved it there: into the sentence with the same
    number in another article. Switching now asks first; the text is kept unless the
    reviewer chooses to discard it."""
    other = tmp_path / "other.fcdesk"
    make_workspace(other)
    disk_filled(window)
    first = window.desk
    sid = window.current_sentence_id()
    typed_and_left(window)
    assert window.panel.has_pending_text()
    window.workspace.switch_workspace(other)  # the question is answered with no button
    assert window.desk is first and window.panel.has_pending_text()
    assert any("could not be saved" in text for text in boxes), boxes
    monkeypatch.setattr(workspace_controller, "ask", lambda *a, **k: Button.Discard)
    window.workspace.switch_workspace(other)
    assert window.desk is not first and window.desk.path == other
    window.panel.flush_pending_text()  # what the retry timer would do
    assert window.desk.reviews.review(sid).explanation == ""


def test_quitting_with_text_not_saved_on_a_full_disk_asks_first(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, boxes: list[str]
) -> None:
    """Closing the window dropped text kept for a retry without a word."""
    disk_filled(window)
    typed_and_left(window)
    assert window.panel.has_pending_text()
    window.close()  # the question is answered with no button: stay
    assert window.isVisible() and window.panel.has_pending_text()
    assert not window.desk.closed
    assert any("Quit all the same" in text for text in boxes), boxes
    monkeypatch.setattr(workspace_controller, "ask", lambda *a, **k: Button.Discard)
    window.close()
    assert not window.isVisible() and window.desk.closed


def test_check_workspace_reports_health(window: MainWindow, boxes: list[str], qtbot: QtBot) -> None:
    window.workspace.check_workspace()
    qtbot.waitUntil(lambda: bool(boxes))  # it reads beside the window, then tells
    assert boxes[-1].startswith("The workspace is healthy.")
    assert "Holds 1 article, 12 sentences" in boxes[-1]


def test_restore_from_backup_menu_replaces_and_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_window: Callable[..., MainWindow]
) -> None:
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    opened = open_desk(path, None)
    assert opened is not None
    window = make_window(opened)
    desk = window.desk
    sid = window.current_sentence_id()
    desk.upkeep.backup_now()
    desk.reviews.set_tag(sid, Tag.FACT)
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: 1)
    window.workspace.restore_from_backup()
    assert window.desk is not desk
    assert window.desk.reviews.review(sid).tag is None
    assert "“before a restore”, takes it back" in window.statusBar().currentMessage()
    assert window.sentence_model.rowCount() == 12
    window.desk.reviews.set_tag(sid, Tag.CLAIM)  # still the writer
    with pytest.raises(WorkspaceInUse, match=f"process {os.getpid()}"):
        WriterLock.acquire(path, "another desk")


def test_a_damaged_backup_chosen_leaves_the_workspace_open_as_it_was(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_window: Callable[..., MainWindow],
    boxes: list[str],
) -> None:
    """A backup damaged on the disk since it was made (its schema still read, so it was
    listed) was put in the workspace's place: the window's own workspace went into the
    backups folder, and the window was left holding it closed, saying "The workspace …
    is damaged … restore it from a backup"."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    opened = open_desk(path, None)
    assert opened is not None
    window = make_window(opened)
    sid = window.current_sentence_id()
    window.desk.upkeep.backup_now()
    [backup] = workspace_files.backups_of(path)
    damage_a_table_page(backup.path, "sentences")
    window.desk.reviews.set_tag(sid, Tag.FACT)  # made after the backup
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: 1)
    window.workspace.restore_from_backup()
    assert boxes == [
        f"The backup {backup.path.name} is damaged (it fails SQLite's check), so it was not "
        "restored; nothing was changed. Choose another backup."
    ]
    assert not window.desk.closed and not window.desk.read_only
    assert window.desk.reviews.review(sid).tag is Tag.FACT
    window.desk.reviews.set_tag(sid, Tag.CLAIM)  # still open for editing
    assert [b.path for b in workspace_files.backups_of(path)] == [backup.path]  # none set aside


def test_a_restore_that_fills_the_disk_leaves_the_restored_workspace_open_read_only(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_window: Callable[..., MainWindow],
) -> None:
    """The copy of the backup took the disk's last room; opening the restored workspace
    for editing (it writes a little) then failed: the window was left holding its old
    workspace closed, with only "The disk is full" said. It now shows the restored
    workspace read-only, its strip saying the disk is full and how to edit again."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    opened = open_desk(path, None)
    assert opened is not None
    window = make_window(opened)
    sid = window.current_sentence_id()
    window.desk.upkeep.backup_now()
    window.desk.reviews.set_tag(sid, Tag.FACT)  # made after the backup
    real_open = Desk.open

    def full_disk(*args: Any, **kwargs: Any) -> Desk:
        if not kwargs.get("read_only"):
            raise WorkspaceFull("The disk is full: the change was NOT saved.")
        return real_open(*args, **kwargs)

    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: 1)
    monkeypatch.setattr(Desk, "open", full_disk)
    window.workspace.restore_from_backup()
    monkeypatch.setattr(Desk, "open", real_open)
    assert not window.desk.closed and window.desk.read_only
    assert window.desk.reviews.review(sid).tag is None  # the backup's
    strip = window.workspace_strip.text()
    assert "disk" in strip and "full" in strip and "make room" in strip.lower()
    said = window.statusBar().currentMessage()
    assert said.startswith("Restored the backup of") and "read-only" in said
    assert window.sentence_model.rowCount() == 12
    WriterLock.acquire(path, "another desk").release()  # no writer is left holding it
    kept = [b for b in workspace_files.backups_of(path) if b.reason == "before-restore"]
    assert len(kept) == 1  # the workspace replaced, with its last tag, is kept


def test_a_backup_saved_by_a_newer_version_leaves_the_workspace_open_for_editing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_window: Callable[..., MainWindow],
    boxes: list[str],
) -> None:
    """A backup a newer desk made was restored: the window then showed it read-only
    ("saved by a newer version … Update the app"), its own workspace set aside, and
    Restore from Backup, the way back, said "Only a workspace open for editing can be
    restored.". The restore is refused, saying why, and the window goes on editing."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    opened = open_desk(path, None)
    assert opened is not None
    window = make_window(opened)
    sid = window.current_sentence_id()
    window.desk.upkeep.backup_now()
    [backup] = workspace_files.backups_of(path)
    saved_by_a_newer_version(backup.path)
    window.desk.reviews.set_tag(sid, Tag.FACT)  # made after the backup
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: 1)
    window.workspace.restore_from_backup()
    assert len(boxes) == 1 and "saved by a newer version" in boxes[0]
    assert "Nothing was changed" in boxes[0]
    assert not window.desk.closed and not window.desk.read_only
    assert window.desk.reviews.review(sid).tag is Tag.FACT
    window.desk.reviews.set_tag(sid, Tag.CLAIM)  # still open for editing
    assert [b.path for b in workspace_files.backups_of(path)] == [backup.path]  # none set aside


def test_a_backup_saved_by_a_newer_version_refused_at_open_lets_another_be_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: list[str]
) -> None:
    """A damaged workspace, its newest backup saved by a newer version: the refusal of it
    ("… or choose another backup.") ended the open; at a start the desk closed."""
    path = tmp_path / "w.fcdesk"
    newest = with_a_newer_backup_by_hand(path)
    saved_by_a_newer_version(newest.path)  # then saved by a newer desk
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 30)
    monkeypatch.setattr(workspace_opener, "_ask_damaged", lambda *a: "restore")
    offered = restore_dialog_taking_another_when_offered_again(monkeypatch)
    opened = open_desk(path, None)
    assert offered == ["manual", "manual"]
    assert opened is not None and not opened.read_only
    opened.close()
    assert "saved by a newer version" in boxes[0]
    assert "restored from the backup" in boxes[1]


def test_a_restore_shows_the_wait_cursor_while_it_copies(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_window: Callable[..., MainWindow],
    boxes: list[str],
) -> None:
    """A restore copies the backup, reads it back whole and opens it again: seconds for a
    year's workspace, more from a USB stick, with the window still and the pointer an
    arrow, as if nothing were happening (a second click queued another restore). The wait
    cursor shows while it works, in the window and as a damaged workspace opens, and is
    gone before any box."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    opened = open_desk(path, None)
    assert opened is not None
    window = make_window(opened)
    window.desk.upkeep.backup_now()
    cursors: list[object] = []
    real_restore = workspace_files.restore_backup

    def restore(*args: Any, **kwargs: Any) -> Path | None:
        cursor = QApplication.overrideCursor()
        cursors.append(None if cursor is None else cursor.shape())
        return real_restore(*args, **kwargs)

    monkeypatch.setattr(workspace_files, "restore_backup", restore)
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: 1)
    window.workspace.restore_from_backup()
    assert cursors == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None
    assert window.statusBar().currentMessage().startswith("Restored the backup of")
    window.desk.close()
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 30)  # damaged: restored at open
    monkeypatch.setattr(workspace_opener, "_ask_damaged", lambda *a: "restore")
    again = open_desk(path, None)
    assert again is not None
    again.close()
    assert cursors == [Qt.CursorShape.WaitCursor] * 2
    assert QApplication.overrideCursor() is None


def test_the_restore_list_counts_one_article_in_the_singular(tmp_path: Path, qtbot: QtBot) -> None:
    """ "2026-12-04 10:15:00 — 1 articles (automatic)": a one-article backup was plural."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    Desk.open(path).close()  # leaves an automatic backup
    dialog = RestoreBackupDialog(path)
    qtbot.add_widget(dialog)
    assert dialog.list.item(0).text().endswith(" — 1 article (automatic)")


def test_two_backups_of_a_busy_day_are_told_apart_by_the_work_in_them(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """Two backups of one day both read "— 1 article (…)": the journalist could not tell
    which held the verdicts she needed back. The line under the list says how much of
    the chosen one was reviewed, following ↑/↓."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    desk = Desk.open(path)  # leaves an automatic backup, nothing reviewed in it
    try:
        rows = desk.reviews.sentence_rows(desk.articles.list_articles()[0].id)
        for row in rows[:3]:
            desk.reviews.set_status(row.sentence.id, Status.DONE)
        desk.upkeep.backup_now()
    finally:
        desk.close()
    dialog = RestoreBackupDialog(path)
    qtbot.add_widget(dialog)
    total = len(rows)
    assert dialog.list.currentRow() == 0  # the newest, made by hand
    assert dialog.progress.text().endswith(f": 3 of {total} sentences reviewed.")
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    assert dialog.progress.text().endswith(f": 0 of {total} sentences reviewed.")
    assert dialog.progress.textFormat() is Qt.TextFormat.PlainText


def test_a_backup_dated_in_the_future_is_marked_and_not_offered_first(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A laptop's clock ran 20 hours fast one morning until the network put it right. The
    backup made meanwhile was dated the next morning: the restore dialog listed it first
    and chose it, so Enter put the morning's workspace back over the afternoon's work in
    the backup made since, and the damaged workspace's box called it the newest."""
    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    morning = dt.datetime(2026, 12, 7, 8, 30, tzinfo=dt.UTC)

    def back_up_at(moment: dt.datetime, reason: str) -> Path:
        monkeypatch.setattr(backups, "_now", lambda: moment)
        conn = sqlite3.connect(path)
        try:
            return backups.take_backup(conn, path, reason)
        finally:
            conn.close()

    back_up_at(morning + dt.timedelta(hours=20), "auto")  # what the fast clock said
    afternoon = back_up_at(morning + dt.timedelta(hours=6), "manual")  # the clock right
    dialog = RestoreBackupDialog(path)
    qtbot.add_widget(dialog)
    first, second = (dialog.list.item(row).text() for row in (0, 1))
    assert first.endswith("(automatic) — dated ahead of the clock")
    assert "made while the clock was fast" in dialog.list.item(0).toolTip()
    assert second.endswith("(made by hand)")
    chosen = dialog.chosen()
    assert chosen is not None and chosen.path == afternoon


@pytest.mark.parametrize("answer", [Button.Cancel, Button.Retry, Button.Yes])
def test_a_default_workspace_opened_before_and_gone_is_not_replaced_unasked(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: Button
) -> None:
    """The data folder gone at a later start (a network drive or USB disk not connected
    yet, a home folder restored without it): the window made a new workspace there with
    the sample article, without a word, as at a first start. The reviewer saw a month's
    work gone, and what she then did went into a workspace the drive, once connected,
    hid. Now the window asks: Retry once it is connected, or make a new one."""
    data = tmp_path / "data"
    path = data / "workspace.fcdesk"
    data.mkdir()
    make_workspace(path)
    desk = Desk.open(path)
    desk.importer.import_text("A month of work, in the workspace the desk opened before.")
    desk.close()
    app_settings.remember_workspace(path)  # as the window did when it opened it
    away = tmp_path / "drive-not-connected"
    data.rename(away)
    asked: list[str] = []

    def ask(_parent: object, _title: str, text: str, *args: object, **kwargs: object) -> Button:
        asked.append(text)
        if answer == Button.Retry and len(asked) == 1:
            away.rename(data)  # connected meanwhile
        return answer

    monkeypatch.setattr(workspace_opener, "ask", ask)
    opened = open_desk(path, None, seed=True)
    assert len(asked) == 1
    assert f"{path} is not there" in asked[0] and "connect it" in asked[0]
    if answer == Button.Cancel:
        assert opened is None and not data.exists()  # nothing made in its place
        return
    assert opened is not None
    titles = [article.title for article in opened.articles.list_articles()]
    opened.close()
    if answer == Button.Retry:  # the workspace itself, back
        assert "A month of work, in the workspace the desk opened before." in titles
    else:  # a new one, as asked
        assert len(titles) == 1 and away.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="a link to a folder needs rights there")
def test_a_default_workspace_reached_through_a_link_to_a_drive_not_connected_is_asked_about(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data folder a link to a USB disk's folder: the recent list keeps the resolved
    path (the disk's), and the link is left dangling while the disk is not connected.
    The question comes all the same, and Cancel makes nothing on the disk's mount point."""
    drive = tmp_path / "media" / "usb"
    (drive / "Factcheck").mkdir(parents=True)
    (tmp_path / "home").mkdir()
    link = tmp_path / "home" / "Factcheck"
    link.symlink_to(drive / "Factcheck", target_is_directory=True)
    path = link / "workspace.fcdesk"
    make_workspace(path)
    app_settings.remember_workspace(path)
    assert app_settings.recent_workspaces() == [str(drive / "Factcheck" / "workspace.fcdesk")]
    (drive / "Factcheck").rename(tmp_path / "unplugged")  # the link now leads nowhere
    asked: list[str] = []
    monkeypatch.setattr(
        workspace_opener, "ask", lambda _p, _t, text, *a, **k: asked.append(text) or Button.Cancel
    )
    assert open_desk(path, None, seed=True) is None
    assert len(asked) == 1 and "is not there" in asked[0]
    assert not (drive / "Factcheck").exists()


def test_a_default_workspace_gone_from_the_recent_list_but_worked_in_is_asked_about(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """XDG_DATA_HOME on a USB disk not connected yet, its mount point there to write in,
    after she opened more colleagues' files than File → Open Recent keeps: the default
    workspace had left the list, and the window made a new one on the mount point with
    the sample, without a word. Her work looked gone. Where she stopped in it is still
    kept, so the desk knows it opened it, and asks as for a listed one."""
    mount = tmp_path / "media" / "usb"
    path = mount / "share" / "factcheck-desk" / "workspace.fcdesk"
    path.parent.mkdir(parents=True)
    make_workspace(path)
    app_settings.remember_workspace(path)
    app_settings.remember_place(path, 1, None)  # as the window does while she works
    for n in range(app_settings.MAX_RECENT):  # colleagues' copies opened since
        app_settings.remember_workspace(tmp_path / f"copy-{n}.fcdesk")
    assert str(path) not in app_settings.recent_workspaces()
    (mount / "share").rename(tmp_path / "unplugged")  # the empty mount point stays
    asked: list[str] = []
    monkeypatch.setattr(
        workspace_opener, "ask", lambda _p, _t, text, *a, **k: asked.append(text) or Button.Cancel
    )
    assert open_desk(path, None, seed=True) is None
    assert len(asked) == 1 and f"{path} is not there" in asked[0]
    assert not (mount / "share").exists()  # nothing made on the mount point


def test_a_default_workspace_never_opened_here_is_made_without_a_question(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first start, or a data folder named anew (FACTCHECK_DATA_DIR): no question."""
    path = tmp_path / "data" / "workspace.fcdesk"
    app_settings.remember_workspace(tmp_path / "elsewhere.fcdesk")
    monkeypatch.setattr(workspace_opener, "ask", lambda *a, **k: pytest.fail(str(a)))
    opened = open_desk(path, None, seed=True)
    assert opened is not None and len(opened.articles.list_articles()) == 1  # the sample
    opened.close()


@pytest.mark.parametrize("seed", [True, False], ids=["first start", "new workspace"])
def test_a_new_workspace_on_a_full_disk_is_not_offered_read_only(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: bool
) -> None:
    """The first start (or a new workspace named) on a full disk: the box said "…cannot
    be opened for editing (opening it writes a little). Nothing in it was changed. Open
    it read-only until there is space?" of a workspace that was never made; Open
    Read-Only then said "There is no workspace at …", with the hint for a data folder
    that cannot be written. Now it says the disk is full, nothing was made, and what to
    do; nothing is offered to open."""
    path = tmp_path / "data" / "workspace.fcdesk"
    path.parent.mkdir()

    def open_on_a_full_disk(where: Path, **kwargs: object) -> Desk:
        assert not where.exists()  # as Desk.open leaves it: nothing half-made
        raise WorkspaceFull("The disk is full: the change was NOT saved.")

    monkeypatch.setattr(workspace_opener.Desk, "open", open_on_a_full_disk)
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(workspace_opener, "ask", lambda _p, _t, text, *a, **k: asked.append(text))
    monkeypatch.setattr(workspace_opener, "inform", lambda _p, _t, text, **_k: told.append(text))
    assert open_desk(path, None, seed=seed) is None
    assert asked == []  # no read-only offer: there is nothing to read
    [text] = told
    assert f"The disk holding {path.parent} is full" in text and "Nothing was made" in text
    assert "Free some space" in text
    assert ("FACTCHECK_DATA_DIR" in text) is seed  # the data folder's way forward
    assert not path.parent.joinpath("workspace.fcdesk").exists()


def test_a_new_workspace_made_but_not_opened_on_a_full_disk_is_not_called_not_made(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk with room for the new, empty workspace but not for opening it (its first
    write, as on a 200 KB disk): the box said "Nothing was made" beside the workspace
    file it had made, which the next start then opened."""
    path = tmp_path / "data" / "workspace.fcdesk"
    path.parent.mkdir()

    def made_then_full(where: Path, **kwargs: object) -> Desk:
        where.write_bytes(b"SQLite format 3\x00")
        raise WorkspaceFull("The disk is full: the change was NOT saved.")

    monkeypatch.setattr(workspace_opener.Desk, "open", made_then_full)
    told: list[str] = []
    monkeypatch.setattr(workspace_opener, "ask", lambda *_a, **_k: pytest.fail("asked"))
    monkeypatch.setattr(workspace_opener, "inform", lambda _p, _t, text, **_k: told.append(text))
    assert open_desk(path, None, seed=True) is None
    [text] = told
    assert "Nothing was made" not in text
    assert f"The disk holding {path.parent} is full" in text
    assert "workspace.fcdesk was made there, empty" in text and "Free some space" in text


def test_a_data_folder_that_cannot_be_made_says_what_to_do(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A locked-down desktop whose home (or XDG_DATA_HOME) cannot be written: the first
    start said only "Cannot make the folder … (Permission denied)" and closed, and the
    reviewer, who cannot change the machine, had nothing to tell IT or to try."""
    blocker = tmp_path / "a-file"  # a file in the way: no folder, even for root
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(blocker / "factcheck-desk"))
    told: list[str] = []
    monkeypatch.setattr(workspace_opener, "inform", lambda _p, _t, text, **_k: told.append(text))
    path = blocker / "factcheck-desk" / "workspace.fcdesk"
    assert open_desk(path, None, seed=True) is None
    [text] = told
    assert "not a folder" in text  # why, as before
    assert "FACTCHECK_DATA_DIR" in text and "--workspace" in text  # and a way forward


@pytest.mark.parametrize("linked", ["data folder", "folder above it"])
def test_a_data_folder_linked_to_a_drive_not_connected_says_so(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linked: str
) -> None:
    """IT pointing the data folder (or XDG_DATA_HOME) at a network share or a disk with
    a link: while it is not connected, the first start said the folder "is not a folder
    (a file of that name is in the way)", and the reviewer looked for a file that is not
    there. It names the link and where it leads, as for a workspace's own link."""
    gone = tmp_path / "share-not-mounted" / "desk"
    link = tmp_path / "link"
    link.symlink_to(gone)
    data = link if linked == "data folder" else link / "factcheck-desk"
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(data))
    told: list[str] = []
    monkeypatch.setattr(workspace_opener, "inform", lambda _p, _t, text, **_k: told.append(text))
    assert open_desk(data / "workspace.fcdesk", None, seed=True) is None
    [text] = told
    assert "a file of that name is in the way" not in text
    assert f"{link} is a link to {gone}, which does not exist" in text
    assert "FACTCHECK_DATA_DIR" in text  # and the way forward, as before
    assert not gone.parent.exists()  # nothing made where it leads


def test_a_loop_of_links_opened_in_the_window_is_refused_in_words(
    window: MainWindow, tmp_path: Path, boxes: list[str]
) -> None:
    """A dropped link, or a name typed in Open Workspace, that leads back to itself: the
    window's look at whether it was the open workspace raised RuntimeError ("Symlink loop")
    and showed the crash box. Refused in words; the open workspace stays open."""
    link = tmp_path / "election.fcdesk"
    link.symlink_to("old.fcdesk")
    (tmp_path / "old.fcdesk").symlink_to("election.fcdesk")
    before = window.desk
    window.workspace.switch_workspace(link)
    assert window.desk is before and not before.closed
    assert len(boxes) == 1 and "a loop of links" in boxes[0], boxes
    window.workspace._fill_recent_menu()  # the recent list still lists what it did
    assert str(link) not in [a.text() for a in window.workspace.recent_menu.actions()]


def test_a_default_workspace_deleted_with_its_backups_left_says_how_to_restore_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workspace file deleted (a clean-up tool, a careless drag to the bin) while its
    backups folder stayed: the question spoke only of a drive not connected, and the
    reviewer, told "your work is not in it" of Make New, had no word of the backups that
    held it. Now it names the newest backup and the way back: Make New, then File →
    Restore from Backup (which lists them)."""
    data = tmp_path / "data"
    path = data / "workspace.fcdesk"
    data.mkdir()
    make_workspace(path)
    desk = Desk.open(path)
    desk.importer.import_text("A month of work, kept in a backup.")
    desk.upkeep.backup_now()
    desk.close()
    app_settings.remember_workspace(path)
    path.unlink()
    kept = workspace_files.backups_of(path)
    backup = workspace_files.backup_to_offer(kept)
    assert backup is not None and len(kept) == 2  # made at the open, and by hand
    asked: list[str] = []
    monkeypatch.setattr(
        workspace_opener, "ask", lambda _p, _t, text, *a, **k: asked.append(text) or Button.Yes
    )
    opened = open_desk(path, None, seed=True)
    assert opened is not None
    assert backup.path in [info.path for info in workspace_files.backups_of(path)]  # to restore
    opened.close()
    [text] = asked
    assert f"There are 2 backups of it; the newest is from {backup.created:%Y-%m-%d %H:%M}" in text
    assert "Make New, then File → Restore from Backup" in text


def test_a_default_workspace_gone_with_its_backups_asks_of_the_drive_alone(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole data folder gone (a drive not connected): no backup is named."""
    data = tmp_path / "data"
    path = data / "workspace.fcdesk"
    data.mkdir()
    make_workspace(path)
    app_settings.remember_workspace(path)
    data.rename(tmp_path / "away")
    asked: list[str] = []
    monkeypatch.setattr(
        workspace_opener, "ask", lambda _p, _t, text, *a, **k: asked.append(text) or Button.Cancel
    )
    assert open_desk(path, None, seed=True) is None
    [text] = asked
    assert "connect it" in text and "backup" not in text


def test_a_default_workspace_moved_on_purpose_can_be_opened_where_it_is_now(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reviewer moved her workspace herself (to a shared folder, another disk): the
    box at the start offered Retry, Make New or Cancel, and Cancel closed the desk, with
    no way to point it at the workspace where it is now. Open Another… shows the File →
    Open Workspace chooser and opens the one chosen (nothing made where the old one was);
    cancelling the chooser brings the box back."""
    data = tmp_path / "data"
    path = data / "workspace.fcdesk"
    data.mkdir()
    make_workspace(path)
    desk = Desk.open(path)
    desk.importer.import_text("A month of work, moved to the shared folder.")
    desk.close()
    app_settings.remember_workspace(path)
    shared = tmp_path / "shared"
    shared.mkdir()
    moved = shared / "election.fcdesk"
    path.rename(moved)
    asked: list[tuple[Button, Button, str]] = []

    def ask(
        _parent: object, _title: str, _text: str, buttons: Button, default: Button, **kwargs: Any
    ) -> Button:
        asked.append((buttons, default, kwargs["labels"].get(Button.Open)))
        return Button.Open

    chooser: list[str] = []

    def choose(_parent: object, title: str, *args: object, **kwargs: object) -> tuple[str, str]:
        chooser.append(title)
        return ("", "") if len(chooser) == 1 else (str(moved), "")  # cancelled, then chosen

    monkeypatch.setattr(workspace_opener, "ask", ask)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    window = show_opening_window(path)
    qtbot.add_widget(window)
    assert open_workspace(window, path, seed=True)
    assert chooser == ["Open Workspace", "Open Workspace"]
    assert len(asked) == 2  # the box again after the chooser was cancelled
    buttons, default, label = asked[0]
    assert buttons & Button.Cancel and default == Button.Retry and label == "Open Another…"
    assert window.desk.path == moved
    titles = [article.title for article in window.desk.articles.list_articles()]
    assert "A month of work, moved to the shared folder." in titles
    assert not path.exists()  # nothing made in the old place
    assert app_settings.recent_workspaces()[0] == str(moved.resolve())  # as any open is
    assert app_settings.workspace_folder_to_offer(None) == shared  # as File → Open keeps it
    window.close()


def test_a_file_chosen_with_open_another_that_does_not_open_asks_again(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Open Another… at a start, and a file chosen by mistake (notes, not a workspace):
    its box said why, and the desk closed, the reviewer's moved workspace a restart away.
    The Workspace not found box comes back, to choose again (or cancel, closing it)."""
    data = tmp_path / "data"
    path = data / "workspace.fcdesk"
    data.mkdir()
    make_workspace(path)
    app_settings.remember_workspace(path)
    shared = tmp_path / "shared"
    shared.mkdir()
    moved = shared / "election.fcdesk"
    path.rename(moved)
    notes = shared / "notes.txt"
    notes.write_text("Call the mayor's office back.\n")
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(workspace_opener, "ask", lambda *_a, **_k: asked.append("") or Button.Open)
    monkeypatch.setattr(workspace_opener, "inform", lambda _p, title, *_a, **_k: told.append(title))
    chosen = iter([notes, moved])
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(next(chosen)), ""))
    )
    window = show_opening_window(path)
    qtbot.add_widget(window)
    assert open_workspace(window, path, seed=True)
    assert told == ["Cannot open the workspace"]  # the notes, said why
    assert len(asked) == 2  # then the box again
    assert window.desk.path == moved
    assert notes.read_text() == "Call the mayor's office back.\n"
    assert not path.exists()
    window.close()


def test_the_next_start_offers_the_cleaned_copy_already_worked_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """The next start opens the default workspace, damaged still, and the box again. Its
    default (Enter) made a second cleaned copy of the damaged file, without the day's work
    done in the first: the work seemed lost, and was split over two copies. The copy made
    before is now offered first, and opened."""
    path = tmp_path / "w.fcdesk"
    several_articles_reviewed(path, tmp_path)
    Desk.open(path).close()  # an automatic backup: Restore is offered too
    zero_an_index_page(path, "idx_sentences_article_start")
    seen: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", click("Open a Cleaned Copy", seen))
    copy = open_desk(path, None)
    assert copy is not None and copy.path == tmp_path / "w-cleaned.fcdesk"
    article = copy.articles.list_articles()[0]
    sentence = copy.reviews.sentence_rows(article.id)[5].sentence.id
    copy.reviews.set_tag(sentence, Tag.DENIAL)  # the day's work, in the copy
    copy.close()
    seen.clear()

    def press_default(box: QMessageBox) -> int:
        seen.append(box)
        if box.defaultButton() is not None and len(box.buttons()) > 1:
            box.defaultButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press_default)
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: 0)  # not chosen
    opened = open_desk(path, None)  # the next start

    assert opened is not None
    try:
        assert opened.path == tmp_path / "w-cleaned.fcdesk"
        rows = opened.reviews.sentence_rows(article.id)
        assert rows[5].review.tag is Tag.DENIAL
    finally:
        opened.close()
    [box] = seen
    assert "w-cleaned.fcdesk" in box.informativeText()
    labels = [b.text() for b in box.buttons()]
    letters = [label[label.index("&") + 1].lower() for label in labels if "&" in label]
    assert len(letters) == len(labels) and len(set(letters)) == len(letters)
    assert not (tmp_path / "w-cleaned-2.fcdesk").exists()


def test_a_cleaned_copy_older_than_the_damage_is_not_offered_as_the_work_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """A cleaned copy left from an earlier damage (the workspace restored and worked in
    since) holds none of the work done after it: offered as "the work done in it since"
    and made the default, Enter opened that stale copy over a restore of last night's
    backup. Only a copy changed since the damaged file was last written is offered."""
    path = tmp_path / "w.fcdesk"
    several_articles_reviewed(path, tmp_path)
    Desk.open(path).close()  # an automatic backup: Restore is offered too
    stale = tmp_path / "w-cleaned.fcdesk"
    shutil.copy(path, stale)  # from a damage months ago
    os.utime(stale, (1_700_000_000, 1_700_000_000))
    zero_an_index_page(path, "idx_sentences_article_start")
    seen: list[QMessageBox] = []

    def cancel(box: QMessageBox) -> int:
        seen.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", cancel)
    assert open_desk(path, None) is None

    [box] = seen
    labels = [b.text().replace("&", "") for b in box.buttons()]
    assert "Open Earlier Cleaned Copy" not in labels
    assert "w-cleaned.fcdesk, holds the work" not in box.informativeText()
    assert box.defaultButton() is not None
    assert box.defaultButton().text().replace("&", "") == "Restore from Backup…"


def test_a_damaged_workspace_with_no_backup_is_not_told_to_restore_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """With no backup, the box said "…left untouched; restore it from a backup." above "No
    backups were found": the one way it named did not exist, in the box a reviewer reads
    at the worst moment. Its choices (a cleaned copy) are below; the advice goes."""
    path = tmp_path / "w.fcdesk"
    several_articles_reviewed(path, tmp_path)
    zero_an_index_page(path, "idx_sentences_article_start")
    seen: list[QMessageBox] = []

    def cancel(box: QMessageBox) -> int:
        seen.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", cancel)
    assert open_desk(path, None) is None

    [box] = seen
    assert "No backups were found" in box.informativeText()
    assert "restore it from a backup" not in box.text()
    assert "is damaged" in box.text() and "left untouched" in box.text()


def test_ctrl_w_in_a_read_only_window_does_not_say_everything_is_saved(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow], qtbot: QtBot
) -> None:
    """Ctrl+W in a window opened read-only (the workspace in use in another) said
    "everything is saved as you go": nothing is saved in such a window, and a reviewer
    who typed there and believed it lost what she typed. It says it is read-only."""
    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    window = make_window(Desk.open(path, read_only=True, read_only_because=IN_USE))
    assert window.desk.read_only
    window.resize(984, 580)  # the window on a 1024×640 screen, less its frame
    status = window.statusBar()
    status.clearMessage()
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    said = status.currentMessage()
    assert said.startswith("Ctrl+W closes nothing here"), said
    assert "saved as you go" not in said and "everything is saved" not in said, said
    assert "read-only" in said and "Ctrl+Q" in said, said
    room = status.width() - window.progress_label.sizeHint().width() - 24
    assert status.fontMetrics().horizontalAdvance(said) <= room, said
