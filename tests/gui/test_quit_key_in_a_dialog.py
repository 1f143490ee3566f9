"""Ctrl+Q in a dialog: the window's Quit does not reach it (Qt gives a window's keys to
the active window, and a modal dialog is), and the key did nothing and said nothing. A
dialog holding typed text should not quit under it; it says what to do instead."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.gui.test_accessible_names import heard_by_a_screen_reader
from tests.gui.test_ctrl_enter_in_every_dialog import DIALOGS


def watched_for_quit() -> None:
    """What `make_application` does for the desk's application, on the tests' one (made
    whole, it gave that its names, and every later test's QSettings() the desk's own
    file): Ctrl+Q in any dialog answered in one place."""
    from factcheck_app.gui.app import watch_dialogs_for_quit

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    watch_dialogs_for_quit(app)


def shown_over_a_window(
    qtbot: QtBot, name: str, on_quit: Callable[[], object] | None = None, modal: bool = False
) -> tuple[QMainWindow, QDialog]:
    """Dialog `name` of `DIALOGS` shown, active, over a window whose Quit is Ctrl+Q
    (`on_quit`, as the window's registry has it; None: no Quit): (the window, the
    dialog), the window to be held while the dialog is used (freed, it frees its
    dialog). Closed at the test's end even when a check fails: the next is not behind
    it."""
    make, _accepts = DIALOGS[name]
    watched_for_quit()
    parent = QMainWindow()
    qtbot.add_widget(parent)
    if on_quit is not None:
        parent.addAction("Quit", "Ctrl+Q", on_quit)
    parent.show()
    dialog = make(parent)
    qtbot.add_widget(dialog)
    if modal:
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    # The keys go to the dialog (not before: they would go to the window under it).
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle())
    return parent, dialog


@pytest.mark.parametrize("name", list(DIALOGS))
def test_ctrl_q_in_a_dialog_says_to_close_it_first(name: str, qtbot: QtBot) -> None:
    quit_pressed: list[bool] = []
    _parent, dialog = shown_over_a_window(
        qtbot, name, lambda: quit_pressed.append(True), modal=True
    )
    control = QApplication.focusWidget() or dialog
    qtbot.keyClick(control, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # nothing typed there is lost
    assert quit_pressed == []
    note = dialog.findChild(QLabel, "quitNote")
    assert note is not None and note.isVisible()  # still, once the key is let go
    assert note.text() == "Close this dialog first (Esc), then Ctrl+Q quits the desk."
    assert dialog.rect().contains(note.geometry())


@pytest.mark.parametrize("name", list(DIALOGS))
def test_the_quit_note_leaves_every_button_to_click(name: str, qtbot: QtBot) -> None:
    """Told to close the dialog first, she reaches for Cancel with the mouse: the note lay
    over the buttons at the dialog's foot for five seconds, and a click there went to the
    note, not the button under it (nothing happened). Narrow dialogs, and a large font,
    put it over OK and Cancel both."""
    _parent, dialog = shown_over_a_window(qtbot, name, lambda: None, modal=True)
    control = QApplication.focusWidget() or dialog
    qtbot.keyClick(control, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    note = dialog.findChild(QLabel, "quitNote")
    assert note is not None and note.isVisible()
    for button in dialog.findChildren(QPushButton):
        if not button.isVisible():
            continue
        centre = button.mapTo(dialog, button.rect().center())
        under = dialog.childAt(centre)
        assert under is button or button.isAncestorOf(under), (button.text(), under)
        # …and she can read what it says on it.
        place = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
        assert not note.geometry().intersects(place), button.text()


def test_the_quit_note_goes_at_the_next_key(qtbot: QtBot) -> None:
    """Above the buttons, the note stands over the last field: Preferences' name, where
    the focus is. What she typed on went in under it, unseen for five seconds; the next
    key takes it away (Ctrl+Q again says it again)."""
    _parent, dialog = shown_over_a_window(qtbot, "preferences")
    field = dialog.findChild(QLineEdit)  # the name, first and focused
    assert field is not None
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    note = dialog.findChild(QLabel, "quitNote")
    assert note is not None and note.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert note.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_X)
    assert not note.isVisible()
    assert field.text().endswith("x")


def test_the_quit_note_is_said_to_a_screen_reader(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note shown is not read unasked: with a screen reader, Ctrl+Q in a dialog still
    did nothing and said nothing."""
    heard = heard_by_a_screen_reader(monkeypatch)
    _parent, dialog = shown_over_a_window(qtbot, "preferences")
    qtbot.keyClick(
        dialog.focusWidget() or dialog, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
    )
    assert heard == ["Close this dialog first (Esc), then Ctrl+Q quits the desk."]


def _a_box_the_desk_opens(kind: str, parent: QMainWindow) -> QDialog:
    """A message box (Yes/No, as `ask` makes) or Qt's own file chooser (the one the desk
    gets where the system offers none of its own), over `parent`."""
    if kind == "message box":
        box = QMessageBox(parent)
        box.setWindowTitle("Remove Article")
        box.setText("Remove “Minister on jobs” and its 12 reviews?")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return box
    if kind == "long message box":  # the room above its buttons is its question's
        box = QMessageBox(parent)
        box.setWindowTitle("Quit")
        box.setText(
            "Text typed in 2 sentences is not saved yet: the workspace could not be "
            "written (the disk is full).\n\nQuit all the same and lose that text?\n\n"
            "Free some room on the disk, then press Ctrl+S to save it."
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return box
    if kind == "number box":  # Review → Accept All Suggestions Above…
        asked = QInputDialog(parent)
        asked.setWindowTitle("Accept All Suggestions Above")
        asked.setInputMode(QInputDialog.InputMode.IntInput)
        asked.setLabelText(
            "3 untagged sentences have a suggested tag.\nAccept those at least this confident (%):"
        )
        asked.setIntRange(0, 100)
        asked.setIntValue(80)
        return asked
    chooser = QFileDialog(parent, "Import Articles")
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog)
    return chooser


@pytest.mark.parametrize("kind", ["message box", "long message box", "number box", "file chooser"])
def test_ctrl_q_on_a_message_box_or_file_chooser_says_to_close_it_first(
    kind: str, qtbot: QtBot
) -> None:
    """Ctrl+Q while a message box ("Remove article?"), Qt's number box (Accept All
    Suggestions Above…) or the file chooser (Import…) was up did nothing and said
    nothing, where the desk's own dialogs say what to do. The box says it too, above its
    buttons, and stays up (quitting under it would not answer it)."""
    watched_for_quit()
    parent = QMainWindow()
    qtbot.add_widget(parent)
    quit_pressed: list[bool] = []
    parent.addAction("Quit", "Ctrl+Q", lambda: quit_pressed.append(True))
    parent.show()
    box = _a_box_the_desk_opens(kind, parent)
    qtbot.add_widget(box)
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.show()
    box.activateWindow()
    qtbot.waitActive(box)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box)
    # The keys go to the box (not before: they would go to the window under it).
    qtbot.waitUntil(lambda: QApplication.focusWindow() is box.windowHandle())
    control = QApplication.focusWidget() or box
    qtbot.keyClick(control, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert box.isVisible() and quit_pressed == []
    note = box.findChild(QLabel, "quitNote")
    assert note is not None and note.isVisible()
    assert note.text() == "Close this dialog first (Esc), then Ctrl+Q quits the desk."

    def on_screen(widget: QWidget) -> QRect:
        return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())

    # Over no button (each still to read and click), nor the box's question.
    covered = [b for b in box.findChildren(QPushButton) if b.isVisible()]
    covered += box.findChildren(QLabel, "qt_msgbox_label")
    if kind == "number box":  # its question, and the number she types
        covered += [w for w in box.findChildren(QLabel) if w is not note and w.isVisible()]
        covered += [w for w in box.findChildren(QSpinBox) if w.isVisible()]
    for widget in covered:
        assert not on_screen(note).intersects(on_screen(widget)), widget
    box.close()


def test_ctrl_q_on_a_ukrainian_layout_in_a_dialog_says_to_close_it_first(qtbot: QtBot) -> None:
    """A journalist in Kyiv types with a Ukrainian layout on, English beside it: Ctrl and
    the key labelled Q (Й) quit the window, and in a dialog say to close it first. Qt on
    X11 gives the key as Ctrl+Q itself (its xkb keysymToQtKey: the Latin key when Ctrl is
    held); the key's own keysym (Й) and text are no part of what is compared."""
    _parent, dialog = shown_over_a_window(qtbot, "preferences", lambda: None, modal=True)
    for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
        event = QKeyEvent(kind, 0x51, Qt.KeyboardModifier.ControlModifier, 24, 0x6CA, 4, "й")
        QApplication.sendEvent(QApplication.focusWidget() or dialog, event)
    note = dialog.findChild(QLabel, "quitNote")
    assert note is not None and note.isVisible()


@pytest.mark.parametrize(
    "key",
    [(";", 0x3B, 24, 0x3B), ("/", 0x2F, 24, 0x2F)],  # Greek's ";", Hebrew's "/" on Q
    ids=["Greek", "Hebrew"],
)
def test_ctrl_and_the_key_labelled_q_on_a_greek_or_hebrew_layout_in_a_dialog(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, key: tuple[str, int, int, int]
) -> None:
    """Greek and Hebrew type ";" and "/" on the key labelled Q, which Qt gives as Ctrl+;
    and Ctrl+/: the window quits on it (by the key's place), and a dialog said nothing,
    where with an English layout it says to close it first. It says so now; pressed
    again, the note stays, as for Ctrl+Q."""
    from factcheck_app.gui import views

    monkeypatch.setattr(views, "platform_keycodes_are_xkb", lambda: True)  # as on X11
    quit_pressed: list[bool] = []
    _parent, dialog = shown_over_a_window(
        qtbot, "preferences", lambda: quit_pressed.append(True), modal=True
    )
    text, code, scan, keysym = key
    for _time in range(2):
        for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            event = QKeyEvent(
                kind, code, Qt.KeyboardModifier.ControlModifier, scan, keysym, 4, text
            )
            QApplication.sendEvent(QApplication.focusWidget() or dialog, event)
        note = dialog.findChild(QLabel, "quitNote")
        assert note is not None and note.isVisible()
    assert dialog.isVisible()
    assert quit_pressed == []


def test_ctrl_and_a_latin_layouts_sign_in_a_dialog_says_nothing_of_quitting(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """English's ";" and Dvorak's "'" on the key labelled Q stay what they are."""
    from factcheck_app.gui import views

    monkeypatch.setattr(views, "platform_keycodes_are_xkb", lambda: True)
    _parent, dialog = shown_over_a_window(qtbot, "preferences", lambda: None, modal=True)
    for text, code, scan in ((";", 0x3B, 47), ("'", 0x27, 24)):
        for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            event = QKeyEvent(kind, code, Qt.KeyboardModifier.ControlModifier, scan, code, 4, text)
            QApplication.sendEvent(QApplication.focusWidget() or dialog, event)
    note = dialog.findChild(QLabel, "quitNote")
    assert note is None or not note.isVisible()


def test_ctrl_q_in_the_agreement_panel_says_to_close_it_first(qtbot: QtBot) -> None:
    """Review → Agreement opens a panel beside the window (not modal, no dialog of the
    desk's own kind): Ctrl+Q there did nothing and said nothing, where every other
    dialog says what to do. It says it too, over none of its buttons, and stays open."""
    from factcheck_app.gui.agreement_panel import AgreementPanel

    watched_for_quit()
    parent = QMainWindow()
    qtbot.add_widget(parent)
    quit_pressed: list[bool] = []
    parent.addAction("Quit", "Ctrl+Q", lambda: quit_pressed.append(True))
    parent.show()
    panel = AgreementPanel(parent)
    qtbot.add_widget(panel)
    panel.show()
    panel.activateWindow()
    qtbot.waitActive(panel)
    qtbot.waitUntil(lambda: QApplication.focusWindow() is panel.windowHandle())
    control = QApplication.focusWidget() or panel
    qtbot.keyClick(control, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert panel.isVisible() and quit_pressed == []
    note = panel.findChild(QLabel, "quitNote")
    assert note is not None and note.isVisible()
    assert note.text() == "Close this dialog first (Esc), then Ctrl+Q quits the desk."
    assert panel.rect().contains(note.geometry())
    for button in panel.findChildren(QPushButton):
        if button.isVisible():
            place = QRect(button.mapTo(panel, QPoint(0, 0)), button.size())
            assert not note.geometry().intersects(place), button.text()
    panel.close()


@pytest.mark.parametrize(
    ("button", "said"),
    [
        ("Stop", "Wait for this to finish, or Stop it (Esc); then Ctrl+Q quits the desk."),
        ("Cancel", "Wait for this to finish, or Cancel it (Esc); then Ctrl+Q quits the desk."),
        (None, "Wait for this to finish, then Ctrl+Q quits the desk."),
    ],
)
def test_ctrl_q_over_a_progress_note_says_what_to_wait_for(
    button: str | None, said: str, qtbot: QtBot
) -> None:
    """A merge, a re-split (its Stop) or the undo of a long one (no button: it cannot be
    stopped) shows its progress in front of the window: Ctrl+Q there did nothing and
    said nothing, where every other dialog says what to do. "Close this dialog first
    (Esc)" would be wrong there (Esc stops the merge, or does nothing): it says to wait,
    or which button stops it; just above the note, covering neither its words, its bar
    nor its button. The work goes on."""
    from PySide6.QtWidgets import QProgressBar, QProgressDialog

    watched_for_quit()
    parent = QMainWindow()
    qtbot.add_widget(parent)
    quit_pressed: list[bool] = []
    parent.addAction("Quit", "Ctrl+Q", lambda: quit_pressed.append(True))
    parent.show()
    progress = QProgressDialog("Re-splitting the article…", button or "", 0, 1000, parent)
    qtbot.add_widget(progress)
    if button is None:
        progress.setCancelButton(None)  # as an undo's: one transaction
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setValue(300)
    progress.show()
    progress.activateWindow()
    qtbot.waitActive(progress)
    qtbot.waitUntil(lambda: QApplication.focusWindow() is progress.windowHandle())
    stopped: list[bool] = []
    progress.canceled.connect(lambda: stopped.append(True))
    control = QApplication.focusWidget() or progress
    qtbot.keyClick(control, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert progress.isVisible() and quit_pressed == [] and stopped == []
    note = progress.findChild(QLabel, "quitNote")
    assert note is not None and note.isVisible()
    assert note.text() == said

    def on_screen(widget: QWidget) -> QRect:
        return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())

    covered = [w for w in progress.findChildren(QPushButton) if w.isVisible()]
    covered += [w for w in progress.findChildren(QLabel) if w is not note and w.isVisible()]
    covered += progress.findChildren(QProgressBar)
    for widget in covered:
        assert not on_screen(note).intersects(on_screen(widget)), widget
    progress.close()


# The desk's start as `run_gui` makes it (make_application, then the window), in a process
# of its own: a dialog over the window, Ctrl+Q pressed in it.
STARTED = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from factcheck_app.gui.app import make_application, show_opening_window
from factcheck_app.gui.dialogs.reviewer_name import ReviewerNameDialog

make_application()
window = show_opening_window(Path(sys.argv[1]))
dialog = ReviewerNameDialog("Priya Natarajan", "PN", first_start=False, parent=window)
dialog.open()
dialog.activateWindow()
for _ in range(100):  # the keys go to it once it is the focus window
    if QApplication.focusWindow() is dialog.windowHandle():
        break
    loop = QEventLoop()
    QTimer.singleShot(50, loop.quit)
    loop.exec()
control = QApplication.focusWidget() or dialog
QTest.keyClick(control, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
note = dialog.findChild(QLabel, "quitNote")
print(json.dumps({"note": note.text() if note is not None and note.isVisible() else None,
                  "dialog": dialog.isVisible(), "window": window.isVisible()}))
"""


def test_ctrl_q_in_a_dialog_is_answered_in_the_desk_as_it_starts(tmp_path: Path) -> None:
    """Every dialog's answer to Ctrl+Q comes from one watcher that `make_application` makes:
    the tests above make it themselves, so a start that did not make it (the window's,
    `--smoke`'s, the packaged app's: all `run_gui`) left every dialog silent again with
    them all passing. Pressed here in a desk started as the real one is."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FACTCHECK_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    done = subprocess.run(
        [sys.executable, "-c", STARTED, str(tmp_path / "new.fcdesk")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {
        "note": "Close this dialog first (Esc), then Ctrl+Q quits the desk.",
        "dialog": True,
        "window": True,
    }


@pytest.mark.usefixtures("large_font")
def test_the_quit_note_over_a_progress_note_stays_on_the_screen(qtbot: QtBot) -> None:
    """Over a progress note the words float above it on one line, from its left edge: with
    a 16 pt font the re-split's note, narrow and at the middle of a 1024×640 screen, had
    them run off the screen's right edge ("… then Ctrl+Q quits the d"). All of them are on
    the screen, on more lines where one is wider than it, still above the note."""
    from PySide6.QtWidgets import QProgressDialog

    watched_for_quit()
    parent = QMainWindow()
    qtbot.add_widget(parent)
    parent.show()
    progress = QProgressDialog("Re-splitting the article…", "Stop", 0, 1000, parent)
    qtbot.add_widget(progress)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setValue(300)
    progress.show()
    screen = progress.screen().availableGeometry()
    # Where it stands at 1024×640: its right edge well within the screen, the words not.
    progress.move(screen.right() - progress.width() - screen.width() // 8, screen.center().y())
    progress.activateWindow()
    qtbot.waitActive(progress)
    qtbot.waitUntil(lambda: QApplication.focusWindow() is progress.windowHandle())
    control = QApplication.focusWidget() or progress
    qtbot.keyClick(control, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    note = progress.findChild(QLabel, "quitNote")
    assert note is not None and note.isVisible()
    place = QRect(note.mapToGlobal(QPoint(0, 0)), note.size())
    assert screen.contains(place), (place, screen)
    box = QRect(progress.mapToGlobal(QPoint(0, 0)), progress.size())
    assert not place.intersects(box)
    progress.close()
