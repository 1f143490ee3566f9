"""Closing the workspace while another program is in the middle of reading it (Datasette
answering a request, a `sqlite3` shell, a backup tool): the close waits for that read, up
to 3 s, so that every save goes into the workspace file (tests/storage/
test_close_beside_a_reader.py). Meanwhile the window showed nothing at all: Quit, File →
Open, Restore from Backup or logging out looked hung for 3 s, and the reviewer pressed
Ctrl+Q again. The window now says what it waits for, with a busy cursor, before it waits."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QStatusBar

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.storage import workspace as workspace_files
from factcheck_app.storage.workspace import CLOSE_WAITS_FOR_A_READ_MS
from tests.gui.conftest import closing_on_signal

WAITING = "waiting up to 3 s if another program is reading it"


def _read_begun(path: Path) -> sqlite3.Connection:
    """Another program's connection in the middle of a read (a read transaction begun)."""
    reader = sqlite3.connect(
        f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
    )
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM reviews").fetchone()
    return reader


def _explanations_alone(path: Path) -> set[str]:
    """The explanations in the workspace file itself, read without its -wal (as a copy of
    the file alone, a nightly backup of the folder, would have them)."""
    with contextlib.closing(
        sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    ) as db:
        return {row[0] for row in db.execute("SELECT explanation FROM reviews")}


class _StatusPaints(QObject):
    """Each paint of the status bar: its message and the cursor over the window then.
    At the first paint saying the close waits (`marker`), `then` runs (the read ends, a
    key...)."""

    def __init__(self, bar: QStatusBar, then: Callable[[], None], marker: str = WAITING) -> None:
        super().__init__()
        self.bar = bar
        self.then: Callable[[], None] | None = then
        self.marker = marker
        self.seen: list[tuple[str, Qt.CursorShape | None]] = []
        bar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.bar and event.type() == QEvent.Type.Paint:
            cursor = QApplication.overrideCursor()
            message = self.bar.currentMessage()
            self.seen.append((message, None if cursor is None else cursor.shape()))
            if self.marker in message and self.then is not None:
                then, self.then = self.then, None
                then()
        return False


@pytest.fixture
def in_a_read(window: MainWindow) -> Iterator[tuple[MainWindow, sqlite3.Connection]]:
    """The window with a save made after another program's read began: its close must
    wait for that read to move the save into the file."""
    path = window.desk.path
    assert path is not None
    rows = window.desk.reviews.sentence_rows(window.article_id or 1)
    window.desk.reviews.set_text_field(rows[0].sentence.id, "explanation", "before the read")
    reader = _read_begun(path)
    window.desk.reviews.set_text_field(rows[1].sentence.id, "explanation", "during the read")
    try:
        yield window, reader
    finally:
        reader.close()


def _end_read(reader: sqlite3.Connection) -> Callable[[], None]:
    return lambda: reader.execute("COMMIT")


def test_quit_beside_a_read_says_what_it_waits_for_before_it_waits(
    in_a_read: tuple[MainWindow, sqlite3.Connection],
) -> None:
    window, reader = in_a_read
    path = window.desk.path
    assert path is not None
    paints = _StatusPaints(window.statusBar(), _end_read(reader))
    window.registry[ActionId.QUIT].trigger()
    # Painted (not merely set) while the read still held the close, with a busy cursor.
    assert (
        next((shape for text, shape in paints.seen if WAITING in text), "never painted")
        == Qt.CursorShape.WaitCursor
    )
    assert not window.isVisible()
    assert QApplication.overrideCursor() is None  # the cursor given back
    assert window.desk.closed
    assert {"before the read", "during the read"} <= _explanations_alone(path)


def test_a_second_quit_during_the_wait_starts_no_second_close(
    in_a_read: tuple[MainWindow, sqlite3.Connection], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Q pressed again while the close waits (delivered there, as a repaint that
    handled events would): it neither closes the workspace a second time nor fails."""
    window, reader = in_a_read
    path = window.desk.path
    assert path is not None
    closes: list[None] = []
    close = Desk.close

    def counted(desk: Desk, *args: object, **kwargs: object) -> None:
        closes.append(None)
        close(desk, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Desk, "close", counted)

    def quit_again() -> None:
        window.registry[ActionId.QUIT].trigger()
        reader.execute("COMMIT")

    paints = _StatusPaints(window.statusBar(), quit_again)
    window.registry[ActionId.QUIT].trigger()
    assert any(WAITING in text for text, _shape in paints.seen)
    assert len(closes) == 1
    assert not window.isVisible() and window.desk.closed
    assert QApplication.overrideCursor() is None
    assert "during the read" in _explanations_alone(path)


def test_logging_out_beside_a_read_says_it_in_the_status_bar_and_asks_nothing(
    in_a_read: tuple[MainWindow, sqlite3.Connection],
) -> None:
    """The session's end (SIGTERM) closes the window as Quit does: the wait is told in
    the status bar, never in a box (the autouse fixture fails any box shown)."""
    window, reader = in_a_read
    paints = _StatusPaints(window.statusBar(), _end_read(reader))
    with closing_on_signal():
        window.close()
    assert any(WAITING in text for text, _shape in paints.seen)
    assert not window.isVisible() and window.desk.closed
    assert QApplication.overrideCursor() is None


def test_quit_with_no_read_in_progress_says_nothing_of_waiting(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No other program reading: the close does not wait, and says nothing of it. Told
    apart from a close that waits for a read by the time it may take, short of that 3 s
    wait: at 0.2 s a slow CI disk's flush alone (said, rightly, as a maybe) failed it."""
    monkeypatch.setattr(
        workspace_files, "CLOSE_SAYS_IT_WAITS_AFTER_S", CLOSE_WAITS_FOR_A_READ_MS / 1000 - 0.5
    )
    paints = _StatusPaints(window.statusBar(), lambda: None)
    window.registry[ActionId.QUIT].trigger()
    assert not window.isVisible() and window.desk.closed
    assert not any(WAITING in text for text, _shape in paints.seen)
    assert QApplication.overrideCursor() is None


def test_opening_another_workspace_beside_a_read_says_it_waits_then_no_more(
    in_a_read: tuple[MainWindow, sqlite3.Connection], tmp_path: Path
) -> None:
    """File → Open of another workspace closes this one the same way: the wait is said,
    and the line saying it is gone once the other workspace is open."""
    window, reader = in_a_read
    path = window.desk.path
    assert path is not None
    other = tmp_path / "other.fcdesk"
    Desk.open(other, backup=False).close()
    first = window.desk
    paints = _StatusPaints(window.statusBar(), _end_read(reader))
    window.workspace.switch_workspace(other)
    assert any(WAITING in text for text, _shape in paints.seen)
    assert first.closed and window.desk.path == other
    assert WAITING not in window.statusBar().currentMessage()
    assert QApplication.overrideCursor() is None
    assert "during the read" in _explanations_alone(path)


def test_a_slow_close_with_nobody_reading_blames_no_other_program(window: MainWindow) -> None:
    """A workspace on a slow disk (a USB stick, where a flush into the file can take a
    second): moving the last saves took over 0.2 s with no other program connected, and
    the line said the desk was "waiting up to 3 s for another program reading it to
    finish", a program the reviewer then looked for in vain (who else has my file?). The
    pointer is busy as it should be; the words name such a program as a maybe."""
    rows = window.desk.reviews.sentence_rows(window.article_id or 1)
    window.desk.reviews.set_text_field(rows[0].sentence.id, "explanation", "on the stick")
    flushed = threading.Event()  # never set: the stick's slow flush, as its time

    def on_a_slow_disk(statement: str) -> None:
        if "wal_checkpoint(TRUNCATE)" in statement:
            flushed.wait(0.5)

    window.desk.workspace.db.conn.set_trace_callback(on_a_slow_disk)
    paints = _StatusPaints(window.statusBar(), lambda: None)
    window.registry[ActionId.QUIT].trigger()
    said = [seen for seen in paints.seen if seen[0].startswith("Closing the workspace")]
    assert said and said[0][1] == Qt.CursorShape.WaitCursor
    assert "if another program is reading it" in said[0][0]
    assert not window.isVisible() and window.desk.closed
    assert QApplication.overrideCursor() is None


def test_quit_during_back_up_now_says_it_finishes_the_backup_before_it_waits(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File → Back Up Now, then Ctrl+Q before it is saved: the close lets the backup the
    reviewer asked for finish, and waited for it with no busy pointer and not a word (a
    year's workspace on a USB stick: seconds of a window that looked hung). It says so
    first, with a busy pointer, as the close's own wait for a reader does."""
    from factcheck_app.storage import backups

    path = window.desk.path
    assert path is not None
    begun, go_on = threading.Event(), threading.Event()
    real = backups.take_backup_on_own_connection

    def held(workspace: Path, reason: str = "auto", **kwargs: Any) -> Path:
        if reason == "manual":
            begun.set()
            go_on.wait(HOLD_LIMIT_S)  # never this long: the paint saying it lets it go
        return real(workspace, reason, **kwargs)

    monkeypatch.setattr(backups, "take_backup_on_own_connection", held)
    window.registry[ActionId.BACKUP_NOW].trigger()
    assert begun.wait(HOLD_LIMIT_S)
    paints = _StatusPaints(window.statusBar(), go_on.set, marker="Finishing the backup")
    window.registry[ActionId.QUIT].trigger()
    said = [seen for seen in paints.seen if "Finishing the backup" in seen[0]]
    assert said, paints.seen
    assert said[0] == (
        f"Finishing the backup of {path.name} before the workspace closes…",
        Qt.CursorShape.WaitCursor,
    )
    assert not window.isVisible() and window.desk.closed
    assert QApplication.overrideCursor() is None  # the pointer given back
    assert [b.reason for b in backups.list_backups(path)].count("manual") == 1


HOLD_LIMIT_S = 10
