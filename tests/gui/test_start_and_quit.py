"""Start and quit (issue 15): the window paints first, saying which workspace it opens, and
shows its first article right after; the layout is kept between sessions.

How fast is measured by bench/bench_review_loop.py (docs/performance.md), not here: these
tests hold what the speed rests on (nothing heavy is imported before the first paint) and
that the faster path keeps every behaviour.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui import settings as app_settings
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.app import open_workspace, show_opening_window, tell_settings_problem
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE

ROOT = Path(__file__).resolve().parents[2]

# What the window must not wait for: the command line, the services and storage (and
# sqlite-utils, with numpy when installed), the assist, language detection, report writers;
# `socket` (15–20 ms, its constants made into enums) only knocks on a display Qt could not use;
# the Help, Recent Messages and return-note dialogs and the importer's patterns wait until
# they are used.
HEAVY = (
    "socket",
    "factcheck_app.gui.dialogs.help",
    "factcheck_app.gui.dialogs.recent_messages",
    "factcheck_app.gui.dialogs.return_note",
    "factcheck_app.domain.importing",
    "factcheck_app.cli",
    "factcheck_app.services",
    "factcheck_app.storage",
    "sqlite_utils",
    "numpy",
    "factcheck_app.domain.assist",
    "factcheck_app.domain.checkworthiness",
    "factcheck_app.domain.langid",
    "factcheck_app.domain.segmentation",
    "factcheck_app.domain.matching",  # the article finder's folding: 9 ms, when first used
)

# Qt classes PySide6 makes (with all their enums) only when first used, which the first
# paint does not need: QStyle (5 ms) and QAccessible (2 ms) are used later; QWizard stands
# for the eighty widget classes PySide6 loads to wrap the first widget Qt made itself
# (a table's viewport: 8 ms).
QT_CLASSES_NOT_AT_PAINT = ("QStyle", "QAccessible", "QWizard")

PROBE = """
import json, sys
from pathlib import Path
from typing import Any
from factcheck_app.__main__ import build_gui_parser
from factcheck_app.gui.app import make_application, open_workspace, show_opening_window

args = build_gui_parser().parse_args(["--workspace", sys.argv[1]])
make_application()
window = show_opening_window(args.workspace)
at_paint = sorted(sys.modules)
qt_at_paint = sorted(
    name
    for module in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")
    for name, value in vars(sys.modules[module]).items()
    if isinstance(value, type)
)
opened = open_workspace(window, args.workspace, seed=True)
print(json.dumps({"at_paint": at_paint, "qt_at_paint": qt_at_paint, "opened": opened,
                  "current": window.current_sentence_id(), "title": window.windowTitle()}))
window.close()
"""


def seeded_workspace(path: Path) -> Path:
    desk = Desk.open(path)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    return path


@contextlib.contextmanager
def user_settings_in(folder: Path) -> Iterator[str]:
    """The user's settings files (QSettings, native format) kept under `folder` inside the
    block; yields the folder they were under before, set back after it (also on a failure)."""
    from PySide6.QtCore import QSettings

    previous = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "x", "y")
    previous_root = str(Path(previous.fileName()).parent.parent)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    try:
        yield previous_root
    finally:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, previous_root)


def started_on_a_seeded_workspace(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """The window as the desk starts: shown opening election.fcdesk (the sample article
    in it), then the workspace opened in it."""
    path = seeded_workspace(tmp_path / "election.fcdesk")
    window = show_opening_window(path)
    qtbot.add_widget(window)
    assert open_workspace(window, path, seed=False)
    return window


def paint_probe(tmp_path: Path) -> dict[str, Any]:
    """What a fresh process running the window's start had loaded at its first paint."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FACTCHECK_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "new.fcdesk")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    probe: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return probe


def test_the_window_paints_before_anything_heavy_is_imported(tmp_path: Path) -> None:
    probe = paint_probe(tmp_path)
    early = [m for m in probe["at_paint"] if m.startswith(HEAVY)]
    assert early == []
    # …and once the workspace is open (seeded, as on a first start) its article is shown.
    assert probe["opened"] and probe["current"] is not None
    assert "new.fcdesk" in probe["title"] and "Opening" not in probe["title"]


def test_the_window_paints_before_qt_makes_classes_it_does_not_need(tmp_path: Path) -> None:
    probe = paint_probe(tmp_path)
    made = [name for name in QT_CLASSES_NOT_AT_PAINT if name in probe["qt_at_paint"]]
    assert made == []
    assert probe["opened"] and probe["current"] is not None


def test_the_window_says_what_it_opens_then_shows_the_first_article(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = seeded_workspace(tmp_path / "election.fcdesk")
    window = show_opening_window(path)
    qtbot.add_widget(window)
    assert window.windowTitle().startswith("Opening election.fcdesk")
    assert window.article_view.placeholderText() == "Opening election.fcdesk…"
    assert window.sentence_model.rowCount() == 0 and not window.has_desk()

    assert open_workspace(window, path, seed=False)
    first = window.sentence_model.sentence_row(0).sentence.id
    assert window.current_sentence_id() == first
    assert window.article_model.rowCount() == 1
    assert "election.fcdesk" in window.windowTitle()
    assert "Opening" not in window.article_view.placeholderText()
    window.activateWindow()
    assert QApplication.focusWidget() is window.sentence_view
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_C)
    assert window.desk.reviews.review(first).tag is Tag.CLAIM

    window.close()  # releases the workspace: another writer may open it now
    again = Desk.open(path)
    assert again.reviews.review(first).tag is Tag.CLAIM
    again.close()


def test_the_workspace_opens_as_soon_as_the_window_has_painted(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The window waits for its first paint before opening the workspace, up to a time
    limit for a hidden window. Watching a widget whose paint never came made every start
    wait for the whole limit (half a second) with nothing to do."""
    path = seeded_workspace(tmp_path / "election.fcdesk")
    window = show_opening_window(path, timeout_ms=3000)
    qtbot.add_widget(window)
    assert window.first_paint_seen
    window.close()


def test_a_window_closed_while_it_opens_has_nothing_to_release(qtbot: QtBot) -> None:
    window = MainWindow(None)
    qtbot.add_widget(window)
    window.show()
    window.close()
    assert not window.has_desk()


def test_closing_keeps_the_whole_layout_for_the_next_session(
    qtbot: QtBot, seeded_desk: Desk
) -> None:
    window = MainWindow(seeded_desk)
    qtbot.add_widget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_sentence_id() is not None)  # its article is in
    window.main_splitter.setSizes([150, 500, 300])
    window.main_splitter.moveSplitter(140, 1)  # dragged: kept (never dragged: shared anew)
    window.center_splitter.setSizes([250, 200, 0])
    layout = {
        app_settings.GEOMETRY: window.saveGeometry(),
        app_settings.WINDOW_STATE: window.saveState(),
        app_settings.MAIN_SPLITTER: window.main_splitter.saveState(),
        app_settings.CENTER_SPLITTER: window.center_splitter.saveState(),
    }
    window.close()  # saves the layout, in one write of the settings file
    assert {key: app_settings.load_bytes(key) for key in layout} == layout

    again = MainWindow(None)  # the next start restores it before the first paint
    qtbot.add_widget(again)
    assert again.main_splitter.saveState() == layout[app_settings.MAIN_SPLITTER]
    assert again.saveState() == layout[app_settings.WINDOW_STATE]
    again.close()


def test_a_window_closed_before_it_loaded_says_nothing(
    seeded_desk: Desk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its deferred first load read the closed workspace and showed an error box."""
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    window = MainWindow(seeded_desk)
    qtbot.add_widget(window)
    window.close()  # before the deferred first load ran
    QApplication.processEvents()
    assert boxes == []


TERMINATED = """
import sys
from pathlib import Path
from typing import Any
import factcheck_app.gui.app as gui_app

install = gui_app.close_on_terminate


def installed(*args):
    undo = install(*args)
    print("ready", flush=True)  # the window is open and waits in its event loop
    return undo


gui_app.close_on_terminate = installed
code = gui_app.run_gui(workspace=Path(sys.argv[1]))
print("exit", code, flush=True)
gui_app.leave(code)
"""


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_a_terminate_signal_closes_the_window_as_quit_does(
    tmp_path: Path, signal_name: str
) -> None:
    """Logging out (or `kill`) ended the desk on the spot: the next start opened the first
    article instead of where the reviewer was, with the layout of the time before. Ctrl+C
    in the terminal that started it (SIGINT) printed a traceback and left it running."""
    import signal

    workspace = seeded_workspace(tmp_path / "w.fcdesk")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FACTCHECK_DATA_DIR": str(tmp_path / "data"),
        "FACTCHECK_REVIEWER": "Ana",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": str(ROOT),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", TERMINATED, str(workspace)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        child.send_signal(getattr(signal, signal_name))
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    assert "exit 0" in out and "Traceback" not in err
    kept = (tmp_path / "config" / "Factcheck desk" / "factcheck-desk.conf").read_text()
    assert "[places]" in kept and "geometry=" in kept  # where it stopped, and its layout


def test_settings_that_cannot_be_written_are_told_not_lost_in_silence(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A locked-down desktop: ~/.config read-only (here: the settings file is a folder,
    # which fails for root too). The layout, the recent list and where the reviewer
    # stopped were dropped without a word, and the welcome came back at every start.
    blocked = tmp_path / "config"
    (blocked / "Factcheck desk" / "factcheck-desk.conf").mkdir(parents=True)
    with user_settings_in(blocked) as previous_root:
        window = started_on_a_seeded_workspace(qtbot, tmp_path)
        window.statusBar().showMessage("Edits are recorded as Ayşe (A).")
        with caplog.at_level("WARNING", logger="factcheck_app"):
            tell_settings_problem(window)  # run_gui: after the first start's question
        status = window.statusBar()
        # Said after the answer's line, in turn (gui/notices.py), not tacked onto it:
        # the two together were cut off in a 1024-pixel window.
        assert status.currentMessage() == "Edits are recorded as Ayşe (A)."
        status.clearMessage()  # its time runs out
        message = status.currentMessage()
        assert message.startswith("The window's layout and where you stopped cannot be kept")
        assert "factcheck-desk.conf" in message
        assert any("factcheck-desk.conf" in r.getMessage() for r in caplog.records)
        window.close()
    assert app_settings.settings().fileName().startswith(previous_root)


def test_settings_that_stop_being_writable_are_told_once(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Only the start looked whether the settings could be written: a settings file that
    became unwritable later (a full disk, a clean-up script, a sync tool putting a folder
    in its place) lost Move On, the last export's folder and the layout without a word."""
    with user_settings_in(tmp_path / "config"):
        window = started_on_a_seeded_workspace(qtbot, tmp_path)
        tell_settings_problem(window)  # all is well at the start: nothing said
        assert "cannot be kept" not in window.statusBar().currentMessage()
        file = Path(app_settings.settings().fileName())
        assert file.is_file()
        file.unlink()
        file.mkdir()  # unwritable for root too
        move_on = window.registry[ActionId.MOVE_ON_AFTER_VERDICT]
        with caplog.at_level("WARNING", logger="factcheck_app"):
            move_on.toggle()
        message = window.statusBar().currentMessage()
        assert message.startswith("Settings not saved (layout, where you stopped): cannot write ")
        assert "factcheck-desk.conf" in message
        assert any("factcheck-desk.conf" in r.getMessage() for r in caplog.records)
        window.statusBar().clearMessage()
        move_on.toggle()  # told once, not at every write
        assert window.statusBar().currentMessage() == ""
        window.close()


def test_settings_not_saved_stays_in_sight_past_an_imports_messages(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The 8-second "Settings not saved" line was replaced at once by the import that
    had tried to save its folder ("Importing…", "Imported …"): the journalist never saw
    it. A note beside the counter stays until a write of the settings goes through."""
    with user_settings_in(tmp_path / "config"):
        window = started_on_a_seeded_workspace(qtbot, tmp_path)
        note = window.statusBar().findChild(QLabel, "settingsNotSaved")
        assert note is not None and not note.isVisible()
        file = Path(app_settings.settings().fileName())
        file.unlink()
        file.mkdir()  # unwritable for root too
        window.registry[ActionId.MOVE_ON_AFTER_VERDICT].toggle()
        article = tmp_path / "wire.txt"
        article.write_text("The mayor said 40 homes flooded. Records show 12.", encoding="utf-8")
        with qtbot.waitSignal(window.import_finished, timeout=20_000):
            window.import_files([article])
        assert "Settings not saved" not in window.statusBar().currentMessage()  # replaced
        assert note.isVisible() and note.text() == "Settings not saved"
        assert "factcheck-desk.conf" in note.toolTip()
        file.rmdir()
        window.registry[ActionId.MOVE_ON_AFTER_VERDICT].toggle()  # written again
        assert not note.isVisible()
        window.close()


def test_a_key_pressed_while_the_window_opens_its_workspace_is_no_error(qtbot: QtBot) -> None:
    """The window shows "Opening…" before its workspace is in: a key pressed by habit
    then (Ctrl+W, or any key) raised an error in the window's key handler."""
    window = MainWindow(None)
    qtbot.add_widget(window)
    window.show()
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_J)
    assert "closes nothing here" in window.statusBar().currentMessage()
    window.close()
