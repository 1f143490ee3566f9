"""Starting the desk window: display check, QApplication, workspace, first-run seeding.

The window is painted first, saying which workspace it opens; the services, storage and
sqlite-utils are imported and the workspace opened right after (`open_workspace`), with the
reviewer's key presses held by Qt until its articles are there. Nothing here imports the
command line, the assist, the language detection or the report writers.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from factcheck_app import __version__, config, logs
from factcheck_app.domain.wording import counted
from factcheck_app.gui.display import (
    EXIT_NO_DISPLAY,
    PlatformGuard,
    display_problem,
    unusable_scale_setting,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from factcheck_app.gui.main_window import MainWindow


FIRST_PAINT_WAIT_MS = 500  # the longest the workspace waits for the window's first paint


def split_workspace_argument(
    workspace: Path | None, files: list[Path]
) -> tuple[Path | None, list[Path]]:
    """A double-clicked .fcdesk file arrives as a plain argument: open it as the workspace."""
    workspaces = [f for f in files if f.suffix.lower() == config.WORKSPACE_SUFFIX]
    if not workspaces:
        return workspace, files
    if workspace is not None or len(workspaces) > 1:
        raise SystemExit(
            "factcheck-app: open one workspace at a time "
            f"(got {', '.join(str(w) for w in ([workspace] if workspace else []) + workspaces)})"
        )
    return workspaces[0], [f for f in files if f not in workspaces]


def run_gui(
    workspace: Path | None = None, files: list[Path] | None = None, *, smoke: bool = False
) -> int:
    """Open the window on `workspace` (default: the user's workspace, seeded on first start)."""
    setting = config.environment_problem()  # a relative FACTCHECK_DATA_DIR, said and refused
    if setting:
        print(f"factcheck-app: {setting}", file=sys.stderr)
        if display_problem() is None:  # started from a launcher: nobody reads stderr
            from factcheck_app.gui.messages import inform

            make_application()
            inform(None, config.APP_NAME, setting, warning=True)
        return 1
    problem = display_problem()
    if problem:
        print(f"factcheck-app: {problem}", file=sys.stderr)
        return EXIT_NO_DISPLAY
    workspace, files = split_workspace_argument(workspace, list(files or []))
    logs.setup("window")

    app = make_application()
    from factcheck_app.gui.crash import install_exception_hooks
    from factcheck_app.gui.file_open import watch_file_open_events

    # macOS hands double-clicked documents over as events, also before the window exists.
    file_opener = watch_file_open_events(app)
    crashes = install_exception_hooks()  # a bug is logged and told, never silently lost

    path = workspace or config.default_workspace_path()
    window = show_opening_window(path)
    crashes.dialog_parent = window
    if not window.isVisible():  # closed while it painted: nothing was opened
        return 0
    # Seeded with the sample: looked at before the open makes it.
    new_workspace = workspace is None and not default_workspace_there(path)
    if not open_workspace(window, path, seed=workspace is None):
        window.close()
        return 1
    from factcheck_app.gui import settings

    if not settings.welcomed() and not smoke:
        window.show_welcome(sample=new_workspace)
    if not smoke:  # an earlier crash's edits, told over the window once it is painted
        from PySide6.QtCore import QTimer

        from factcheck_app.gui.workspace_opener import tell_unconfirmed

        desk = window.desk

        def first_questions() -> None:
            # A first start asks who is reviewing, over the painted window (once); the
            # question is modal, so what cannot be kept is said after its answer.
            window.team.ask_reviewer_once()
            tell_settings_problem(window)

        QTimer.singleShot(0, first_questions)
        QTimer.singleShot(0, lambda: tell_unconfirmed(window, desk))
    if file_opener is not None:
        file_opener.attach(window)
    if files:  # a read-only window says in a box they were not imported (ImportController)
        window.import_files(files)
    if smoke:
        return smoke_check(app, window)
    restore_signals = close_on_terminate(app)
    close_at_session_end(app)
    code = app.exec()
    restore_signals()
    window.workspace.release()
    return code


CLOSING_ON_SIGNAL = "closingOnSignal"  # an application property, set by close_on_terminate


def closing_on_signal() -> bool:
    """Are the windows closing because the process was told to end (SIGTERM, SIGINT)?"""
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    return app is not None and bool(app.property(CLOSING_ON_SIGNAL))


def close_on_terminate(app: QApplication) -> Callable[[], None]:
    """SIGTERM (logging out, shutting down, `kill`) and SIGINT (Ctrl+C in the terminal
    that started the desk) close the windows as Quit does.

    It ended the process on the spot: text typed in the last moment was not saved, and
    the next start neither opened where the reviewer stopped nor had the window's
    layout, and took the session for a crash. Python runs a signal handler only between
    its own steps, so the signal also wakes Qt's event loop (a socket it watches).
    Returns what puts the previous handling back.
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier, QTimer

    receiver, sender = socket.socketpair()
    receiver.setblocking(False)
    sender.setblocking(False)
    previous_fd = signal.set_wakeup_fd(sender.fileno())
    # Ctrl+C raised KeyboardInterrupt in whatever Python step ran next: a traceback in the
    # terminal, and the window went on as if nothing had happened.
    signals = (signal.SIGTERM, signal.SIGINT)

    def close_all(_signum: int, _frame: object) -> None:
        # Nobody is at the window to answer a question (logging out, or Ctrl+C typed in
        # the terminal): closing asks none that it can skip.
        app.setProperty(CLOSING_ON_SIGNAL, True)
        QTimer.singleShot(0, app.closeAllWindows)

    previous = {number: signal.signal(number, close_all) for number in signals}
    notifier = QSocketNotifier(receiver.fileno(), QSocketNotifier.Type.Read, app)

    def woken() -> None:
        with contextlib.suppress(OSError):
            receiver.recv(512)  # the signal's byte; Python has run the handler by now

    notifier.activated.connect(woken)

    def undo() -> None:
        notifier.setEnabled(False)
        for number, handler in previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(previous_fd)
        receiver.close()
        sender.close()

    return undo


def close_at_session_end(app: QApplication) -> Callable[[], None]:
    """The session ending on Windows (logging out, shutting down) closes the windows as
    logging out does elsewhere: nobody is asked anything.

    Windows sends no signal: Qt emits `aboutToQuit` and then quits, and Qt 6's quit
    closes the windows before the process is killed. That close asked "Quit all the same
    and lose that text?" (or about an import running) in a box nobody was there to
    answer, while Windows waited on the desk and then killed it. Elsewhere `aboutToQuit`
    comes after the windows are closed, and this does nothing. Returns what disconnects
    it."""

    def session_ends() -> None:
        if any(each.isVisible() for each in app.topLevelWidgets()):
            app.setProperty(CLOSING_ON_SIGNAL, True)
            app.closeAllWindows()

    app.aboutToQuit.connect(session_ends)

    def undo() -> None:
        app.aboutToQuit.disconnect(session_ends)

    return undo


def make_application() -> QApplication:
    """The QApplication (or the one that exists), named and with the desk's icon."""
    from PySide6.QtWidgets import QApplication

    # Background jobs (suggestions, imports) run Python code too: hand the interpreter lock
    # back to the window every 1 ms instead of 5, so painting and keys never wait long.
    sys.setswitchinterval(0.001)
    # Qt splits any fill taller than ~100 lines over a thread pool and waits for the
    # pieces. What a key press repaints is thin strips (scroll bars, the panel's edges),
    # where waking and waiting for the pool costs more than the fill: 1 ms of a 5 ms
    # press, more on a busy machine. Read by Qt at the first such fill.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    # No HOME at all (`env -i`, a service, a kiosk's launcher): Qt puts the settings
    # under "/" (/.config, never writable by a reviewer: the layout and where she stopped
    # lost at every start), while the workspace is in the account's home (config.home).
    # Both go to the same home. Read by Qt whenever it names a folder of the user's.
    if "HOME" not in os.environ:
        os.environ["HOME"] = str(config.home())
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        scale = unusable_scale_setting()  # read by Qt as the QApplication is made
        if scale:
            print(f"factcheck-app: {scale}", file=sys.stderr)
            logging.getLogger(__name__).warning(scale)
        with PlatformGuard():  # a display that cannot be used: one line and exit 2, no abort
            app = QApplication(sys.argv[:1])
    app.setApplicationName(config.APP_ID)
    app.setApplicationDisplayName(config.APP_NAME)
    app.setOrganizationName(config.ORGANIZATION)
    app.setApplicationVersion(__version__)
    from factcheck_app.gui import settings

    settings.keep_off_special_file()  # a named pipe there hung the start
    app.setDesktopFileName(config.APP_ID)
    app.setWindowIcon(app_icon())
    from factcheck_app.gui.fonts import ensure_fonts

    problem = ensure_fonts()  # none configured: the installed files, or boxes said so
    if problem:
        print(f"factcheck-app: {problem}", file=sys.stderr)
        logging.getLogger(__name__).warning(problem)
    watch_dialogs_for_quit(app)
    return app


def watch_dialogs_for_quit(app: QApplication) -> None:
    """Ctrl+Q in any dialog says, at its foot (`say_quit_here`): "Close this dialog first
    (Esc), then Ctrl+Q quits the desk." Qt gives the window's Quit key to the active
    window, and a dialog is one: the key did nothing and said nothing. The one place that
    decides it, for every kind: the desk's own dialogs (`CtrlEnterDialog`), the
    Agreement panel beside the window, and the message boxes, file choosers and number
    boxes (Review → Accept All Suggestions Above…) of Qt's it opens, which are not the
    desk's to subclass; over a progress note (a merge's, a re-split's), what to wait
    for (`quit_in_a_dialog`). (Each desk dialog answered it in its `keyPressEvent` and
    the boxes here: the panel and the progress notes, neither, were silent.)

    Watched app-wide, and only while a dialog is the window that takes the keys: a filter
    on every event of a working window would cost each key press its call. A file
    chooser of the system's own (Windows, macOS, a desktop portal) is no Qt window: its
    keys never reach the desk, and it stays silent."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QDialog

    if app.findChild(QObject, "quitOverDialogs") is not None:
        return  # made once (the tests make the application again)

    def dialog_in_front() -> QDialog | None:
        # Or, none being active, the modal one the keys go to: a progress note hidden by
        # Esc or Stop and shown again ("Stopping…", merge.py) has the keys, but Qt no
        # longer takes it for the active window, and Ctrl+Q over it said nothing.
        window = QApplication.activeWindow() or QApplication.activeModalWidget()
        return window if isinstance(window, QDialog) else None

    class QuitOverDialogs(QObject):
        def __init__(self) -> None:
            super().__init__(app)
            self.setObjectName("quitOverDialogs")
            self.watching = False

        def look(self) -> None:
            """A window came or went: watch the keys while a dialog is in front."""
            watch = dialog_in_front() is not None
            if watch != self.watching:
                self.watching = watch
                if watch:
                    app.installEventFilter(self)
                else:
                    app.removeEventFilter(self)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
                return False
            from factcheck_app.gui.dialogs.form_parts import quit_key, say_quit_here

            dialog = dialog_in_front()
            if dialog is None:
                return False
            if quit_key(event):
                say_quit_here(dialog)
                return True  # said once, not again for each widget the key passes through
            return self.alt_letter_by_place(dialog, event)

        def alt_letter_by_place(self, dialog: QDialog, event: QKeyEvent) -> bool:
            """Alt and a letter of another alphabet with no Latin layout set up (Alt+ы:
            Alt+S) does the dialog's Alt+letter, read by the key's place, from any of its
            controls: only its typing fields read it (`AltLettersNotTyped`), and from a
            choice or a button it did nothing, where an English layout's chose."""
            from factcheck_app.gui.views import alt_letter_by_place, press_mnemonic

            pressed = alt_letter_by_place(event)
            return (
                pressed is not None and not event.isAutoRepeat() and press_mnemonic(dialog, pressed)
            )

    watcher = QuitOverDialogs()
    app.focusWindowChanged.connect(lambda _window: watcher.look())


def show_opening_window(path: Path, timeout_ms: int = FIRST_PAINT_WAIT_MS) -> MainWindow:
    """Show the window, saying it opens `path`, and return once it has painted.

    Until then only Qt's own events run: a key pressed meanwhile stays queued, and is
    answered once the workspace is open (`open_workspace`), never on an empty window.
    """
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    from factcheck_app.gui.main_window import MainWindow

    window = MainWindow(None)
    window.show_opening(path)
    loop = QEventLoop()
    painted = False

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            nonlocal painted
            if event.type() == QEvent.Type.Paint:
                painted = True
                loop.quit()  # once this whole paint (and its flush to the screen) is done
            return False

    watcher = FirstPaint()
    # The menu bar, painted in the same pass as the rest of the window. (Not the sentence
    # list's viewport: asking for it costs 8 ms before the paint, RowTable. Nor its column
    # titles: a header paints in a viewport of its own, so the titles never saw a paint
    # and every start waited for the whole time limit.)
    menu_bar = window.menuBar()
    menu_bar.installEventFilter(watcher)
    window.show()
    if not painted:  # some platforms paint inside show()
        timer = QTimer(singleShot=True, interval=timeout_ms)  # hidden or minimised: go on
        timer.timeout.connect(loop.quit)
        timer.start()
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        timer.stop()
    menu_bar.removeEventFilter(watcher)
    window.first_paint_seen = painted
    return window


def default_workspace_there(path: Path) -> bool:
    """Is the default workspace there (else it is made, with the sample article)? Looked
    at off the window's thread: a data folder on a network share that stopped answering
    hung the desk here, before its window showed, for minutes. Not answering: True (no
    sample offered); the open then says it does not answer. os.path: a data folder inside
    one that may not be opened (Path.exists raised PermissionError: a traceback and no
    window) is said by the open."""
    from factcheck_app.gui import disk_look  # with the window: nothing more at start-up

    try:
        return disk_look.waited_at(path, functools.partial(os.path.exists, path))
    except disk_look.NoAnswer:
        return True


def open_workspace(window: MainWindow, path: Path, *, seed: bool) -> bool:
    """Open `path` in the painted window, asking the reviewer when something is wrong, and
    show its first article; False when the reviewer chose not to open it."""
    from factcheck_app.gui import settings
    from factcheck_app.gui.workspace_opener import open_desk  # the services, sqlite-utils

    window.build_review_panel()  # right after the first paint (see MainWindow)
    desk = open_desk(path, window, seed=seed)
    if desk is None:
        return False
    # Another workspace when the reviewer chose it in place of a default one gone.
    settings.remember_workspace(desk.path or path)
    window.workspace.attach(desk)
    return True


def tell_settings_problem(window: MainWindow) -> None:
    """Say (in the status bar, after what it shows) and log that the window's settings
    cannot be written: a read-only ~/.config lost them in silence at every start."""
    from factcheck_app.gui import settings
    from factcheck_app.gui.messages import STATUS_WARNING

    problem = settings.write_problem()
    if not problem:
        return
    window.settings_not_kept_told = True  # not said again at the first write that fails
    settings.write_failures().failing = True  # the note goes once a write goes through
    window.show_settings_not_kept(problem)
    logging.getLogger(__name__).warning("Window settings not kept: %s", problem)
    notice = (
        f"The window's layout and where you stopped cannot be kept for the next start: {problem}."
    )
    # After what the open said, not tacked onto it (cut off at 1024 px): `gui/notices.py`.
    window.notices.tell(notice, STATUS_WARNING)


def leave(code: int) -> NoReturn:
    """End the process now that the window has closed and released its workspace.

    The interpreter's own teardown then spent 0.5 s or more freeing the window's models
    and Qt objects one by one, which a reviewer saw as a slow quit; nothing in it saves
    anything. The log is flushed first, so no line is lost.
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def app_icon() -> QIcon:
    """The desktop theme's icon when installed, else the bundled SVG."""
    from PySide6.QtGui import QIcon

    bundled = config.bundle_root() / "resources" / "icons" / f"{config.APP_ID}.svg"
    return QIcon.fromTheme(config.APP_ID, QIcon(str(bundled)))


def smoke_check(app: QApplication, window: MainWindow) -> int:
    """Prove an installation works end to end, then quit (used by the package test)."""
    from factcheck_app.services.assist import score_checkworthiness
    from factcheck_app.services.export import article_review_json, write_atomically

    app.processEvents()
    desk = window.desk
    articles = desk.articles.list_articles()
    if not articles or window.current_sentence_id() is None:
        print("factcheck-app: smoke check failed: no article is open", file=sys.stderr)
        return 1
    # The check-worthiness weights are bundled data: a bundle without them would quietly
    # fall back to the rules, so the smoke check scores a sentence with the model itself.
    probe = "Unemployment fell to 3.5% last year, the lowest level in half a century."
    score = score_checkworthiness(probe)
    if score is None:
        print("factcheck-app: smoke check failed: no check-worthiness weights", file=sys.stderr)
        return 1
    out = config.user_data_dir() / "smoke-export.json"
    write_atomically(out, article_review_json(desk, articles[0].id))
    sentences = sum(a.sentence_count for a in articles)
    print(
        f"smoke ok: {counted(len(articles), 'article')}, {counted(sentences, 'sentence')}, "
        f"check-worthiness {score:.2f}, export {out}"
    )
    window.close()
    return 0
