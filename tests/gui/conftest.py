"""Fixtures for the window tests: a real MainWindow over a real workspace file."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent, QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPlainTextEdit, QStatusBar
from pytestqt.qtbot import QtBot

from factcheck_app.gui import fonts
from factcheck_app.gui import settings as app_settings
from factcheck_app.gui.app import CLOSING_ON_SIGNAL
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.dead_share import DeadShare, dead_share_in


def clear_app_settings() -> None:
    """Forget everything the app keeps in its own QSettings file (layout, recent workspaces)."""
    stored = app_settings.settings()
    stored.clear()
    stored.sync()


@pytest.fixture(autouse=True)
def clean_settings() -> Iterator[None]:
    """Each window test starts from the app's factory settings."""
    clear_app_settings()
    yield
    clear_app_settings()


@pytest.fixture(autouse=True)
def unanswered_boxes_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box a test did not answer fails it, with the box's words: offscreen,
    nobody presses a button, and the suite hung there (at the latest when the window
    was closed after the test, as closing may ask)."""

    def unanswered(box: QMessageBox) -> int:
        raise AssertionError(f"A message box nobody answers: {box.text()!r}")

    monkeypatch.setattr(QMessageBox, "exec", unanswered)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of every message box shown, each answered at once: `exec` returns 0,
    no standard button (so no Yes). A test module that wants more of a box (its
    details, another answer) keeps its own `boxes`."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """QDesktopServices.openUrl recorded (and said to succeed) instead of starting a program."""
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    return opened


@pytest.fixture
def merge_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer the box a merge that brought something ends with (what it did, whole: the
    status bar's line cut it off), keeping its words; any other box still fails."""
    shown: list[str] = []

    def answered(box: QMessageBox) -> int:
        if box.windowTitle() != "Merge Workspace":
            raise AssertionError(f"A message box nobody answers: {box.text()!r}")
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answered)
    return shown


@pytest.fixture
def make_window(qtbot: QtBot) -> Callable[..., MainWindow]:
    def make(desk: Desk) -> MainWindow:
        window = MainWindow(desk)
        qtbot.add_widget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        window.sentence_view.setFocus()
        QApplication.processEvents()
        return window

    return make


@pytest.fixture
def dead_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DeadShare]:
    """A network share that stopped answering, at `tmp_path/share` (tests/gui/dead_share.py)."""
    yield from dead_share_in(tmp_path, monkeypatch)


@pytest.fixture
def window(seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]) -> MainWindow:
    return make_window(seeded_desk)


def press(qtbot: QtBot, window: MainWindow, *keys: Qt.Key | str) -> None:
    """Type keys into whatever review widget has focus (the sentence list by default)."""
    target = QApplication.focusWidget() or window.sentence_view
    for key in keys:
        if isinstance(key, str):
            qtbot.keyClicks(target, key)
        else:
            qtbot.keyClick(target, key)


def window_takes_keys(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until `window` hears its shortcuts again after a modal box or progress note
    has closed: call it before the next key meant for one of them.

    Qt matches a shortcut (Ctrl+Z, a menu's Alt+F, a button's Alt+K, even the sentence
    list's own C or J) only while a window is active; a window-wide one only while it is
    this window, with no popup up. Once a modal box closes no window is active until the
    window is activated again, by a queued event: a key sent before that goes nowhere.
    The window is activated as a desktop's window manager does it, then waited for.
    (That the desk itself gives the keys back after its progress notes is tested on its
    own: `test_the_window_takes_the_keys_back_once_a_shown_undoing_note_goes`.)"""
    window.activateWindow()
    qtbot.waitUntil(
        lambda: QApplication.activeWindow() is window and QApplication.activePopupWidget() is None
    )


def drop_urls(window: MainWindow, urls: list[QUrl]) -> None:
    """Drop these file URLs onto the window, as a file manager does."""
    mime = QMimeData()
    mime.setUrls(urls)
    window.dropEvent(
        QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )


@contextlib.contextmanager
def closing_on_signal() -> Iterator[QApplication]:
    """The application as logging out (SIGTERM, the session's end) leaves it while the
    windows close: what close_on_terminate's handler sets; unset after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setProperty(CLOSING_ON_SIGNAL, True)
    try:
        yield app
    finally:
        app.setProperty(CLOSING_ON_SIGNAL, False)


def reopened_window(qtbot: QtBot, path: Path) -> MainWindow:
    """The desk started again on `path`, as after logging in again."""
    from factcheck_app.gui.app import open_workspace, show_opening_window

    window = show_opening_window(path)
    qtbot.add_widget(window)
    assert open_workspace(window, path, seed=False)
    return window


@pytest.fixture
def large_font() -> Iterator[QFont]:
    """A 16 pt application font, as a reviewer with poor eyesight sets system-wide; set
    before the window is made, put back after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = QFont(app.font())
    large = QFont(old)
    large.setPointSize(16)
    app.setFont(large)
    yield large
    app.setFont(old)


@contextlib.contextmanager
def app_font(points: int) -> Iterator[QFont]:
    """The application's font at `points` in DejaVu Sans (a fresh Debian desktop's, so
    that widths measured against a 1024-pixel screen are a newsroom machine's), put back
    after: for a test that measures a box or a line at a size of its own."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = QFont(app.font())
    font = QFont(old)
    font.setFamilies(["DejaVu Sans"])
    font.setPointSize(points)
    app.setFont(font)
    try:
        yield font
    finally:
        app.setFont(old)


@pytest.fixture
def font_questions_off_the_window_thread(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The font database's questions (which families there are, whether one is scalable or
    private, which family a font really gets) refused off the window's thread, and listed.

    A PDF export's worker asks the font database no question: its fonts are found before
    it starts (`pdf_builder.report_fonts`). Qt's own layout in the worker still loads
    fonts through the font database's lock, which this does not see (pdf_builder.py)."""
    asked: list[str] = []

    def refused_off_the_window_thread(name: str, answer: Callable[..., object]) -> object:
        def ask(*args: object) -> object:
            if threading.current_thread() is not threading.main_thread():
                asked.append(name)
                raise RuntimeError(f"{name} asked off the window's thread")
            return answer(*args)

        return ask

    for name in ("families", "isScalable", "isPrivateFamily"):
        answer = getattr(QFontDatabase, name)
        guarded = refused_off_the_window_thread(f"QFontDatabase.{name}", answer)
        monkeypatch.setattr(QFontDatabase, name, staticmethod(guarded))
    monkeypatch.setattr(fonts, "QFontInfo", refused_off_the_window_thread("QFontInfo", QFontInfo))
    return asked


# Keys a read-only review box takes without a word: moving about, copying, choosing all.
MOVING_ABOUT = (
    (Qt.Key.Key_Left, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_PageUp, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier),  # copy
    (Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier),  # select all
)
# Keys that would change a box's text: a read-only one refuses each, saying why.
CHANGING_TEXT = (
    (Qt.Key.Key_M, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier),  # paste
    (Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier),  # paste too
    (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier),  # cut
)


def assert_refused_keys_say(
    qtbot: QtBot, field: QLineEdit | QPlainTextEdit, bar: QStatusBar, said: str
) -> None:
    """In the read-only `field`, focused, moving about says nothing and each key that
    would change its text says `said` in `bar` (a paste needs text on the clipboard)."""
    field.setFocus()
    bar.clearMessage()
    for key, modifiers in MOVING_ABOUT:
        qtbot.keyClick(field, key, modifiers)
        assert bar.currentMessage() == "", key
    for key, modifiers in CHANGING_TEXT:
        qtbot.keyClick(field, key, modifiers)
        assert bar.currentMessage() == said, key
        bar.clearMessage()
