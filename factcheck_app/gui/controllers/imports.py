"""Importing articles: files, a folder, the clipboard; the background job, its progress
and Cancel; what came in, told once it has finished."""

from __future__ import annotations

import logging
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from factcheck_app import config
from factcheck_app.domain import file_types
from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.printable import shown_file_name
from factcheck_app.domain.wording import counted
from factcheck_app.gui import settings as app_settings
from factcheck_app.gui.actions import ActionId, first_key_text
from factcheck_app.gui.controllers.guards import writable
from factcheck_app.gui.local_files import path_from_qt, path_of, qt_name
from factcheck_app.gui.messages import (
    STATUS_LONG,
    STATUS_RESULT,
    STATUS_WARNING,
    ask,
    guarded,
    inform,
    show_error,
)
from factcheck_app.gui.models import shown_edit
from factcheck_app.gui.workers import (
    REFUSALS_NAMED,
    ImportJob,
    ImportOutcome,
    refusal,
    run_in_background,
)
from factcheck_app.gui.workspace_strip import IN_USE

if TYPE_CHECKING:
    from factcheck_app.gui.disk_look import NoAnswer
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.desk import Desk
    from factcheck_app.services.edits import Edit

logger = logging.getLogger(__name__)

STOPPED_NAMES = 10  # files named in what a quit on a signal stopped; the rest counted
# A message box's height beyond its text: the title bar (40), margins, Show Details and OK
# (180 at 16 pt), and a little to spare.
BOX_BEYOND_TEXT = 230


def _told_on_screen(
    window: QWidget, told: Callable[[int], tuple[str, str]], most: int
) -> tuple[str, str]:
    """`told(named)`'s (text, details) for the most `named` (from `most` down to 1) whose
    text leaves its box on the screen: at 16 pt a closed folder's sentence, or a refused
    file's, took four lines or more, and five made a box taller than a 1024×640 screen,
    its OK and Show Details buttons below the edge."""
    # Here, not at the top: the window paints before Qt makes classes it does not need.
    from PySide6.QtWidgets import QStyle

    screen = window.screen().availableGeometry()
    # Where Qt's message box wraps its text: the box is as wide as this, and its text
    # beside the icon, within the box's margins (it wrapped 90 px narrower than the box,
    # and a box thought to fit ran past the screen's edge).
    style = window.style()
    beside = style.pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize) + 4 * max(
        style.pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin), 11
    )
    width = min(screen.width() // 2, 500) - beside
    room = screen.height() - BOX_BEYOND_TEXT
    # The font the box's text takes: a label's (QApplication.font("QLabel") at run time,
    # but its stubs take no str, and bytes are refused).
    metrics = QFontMetrics(QLabel().font())
    for named in range(most, 0, -1):
        text, details = told(named)
        wrapped = metrics.boundingRect(
            QRect(0, 0, width, screen.height() * 10), Qt.TextFlag.TextWordWrap, text
        )
        if wrapped.height() <= room:
            break
    return text, details


def _closed_told_on_screen(window: QWidget, closed: list[str]) -> tuple[str, str]:
    """`closed_folders_told`, naming as many folders as leave its box on the screen."""
    from factcheck_app.services.article_files import CLOSED_NAMED, closed_folders_told

    return _told_on_screen(window, lambda named: closed_folders_told(closed, named), CLOSED_NAMED)


FOLDER, FILE, NEITHER = "folder", "file", ""  # what a look at a given path found


def _kind(path: Path) -> str:
    """Is `path` a folder, a file, or neither (not there, closed to her): one look at its
    drive (`disk_look.stat_of`), made in `looked_at`'s worker thread."""
    from factcheck_app.gui import disk_look

    try:
        mode = disk_look.stat_of(path).st_mode
    except (OSError, ValueError):
        return NEITHER
    return FOLDER if stat.S_ISDIR(mode) else FILE if stat.S_ISREG(mode) else NEITHER


def looked_at(paths: list[Path]) -> dict[Path, str | NoAnswer]:
    """What each of `paths` is (FOLDER, FILE, NEITHER), or `disk_look.NoAnswer` when its
    drive did not answer: one look each, made off the window's thread and waited for a
    bounded time each (`disk_look.waited_each`). Made once for a drop: the window looked
    at a thousand files dropped from a slow share three times over (which is a file, for
    Ctrl+O's folder; which answers; which is a folder), frozen 5 s where it had been 2 s."""
    from factcheck_app.gui import disk_look

    # Each look waited for on its own: a thousand files from a share slow but there
    # took longer than one wait together, and those left were said not to answer.
    return dict(disk_look.waited_each(paths, _kind, per_look=True))


def _not_answering_said(path: Path) -> str:
    """The import box's sentence for `path`, whose drive did not answer: words for an
    article file when it is named as one, else for a folder."""
    if path.suffix.lower() in file_types.SUPPORTED_SUFFIXES:
        return (
            f"{shown_file_name(path)} does not answer (a network share not connected, or "
            "very slow?): it was not imported. Import it again once it answers."
        )
    return (
        f"{shown_file_name(path)} does not answer (a network share not connected, or very "
        "slow?): nothing in it was imported. Import it again once it answers."
    )


ARTICLE_FILE_FILTER = (
    "Articles (" + " ".join(f"*{suffix}" for suffix in file_types.SUPPORTED_SUFFIXES) + ")"
    ";;All files (*)"
)


class ImportController(QObject):
    """Runs one import at a time in a worker thread (files given meanwhile wait for it);
    the window stays usable meanwhile."""

    finished = Signal(object)  # ImportOutcome, after the window has shown it

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._job: ImportJob | None = None
        self._thread: threading.Thread | None = None
        # Did the reviewer work (edit, or open another article) while the import ran? Then
        # the imported article is not opened over their work when it ends.
        self._interrupted = False
        self._from_article: int | None = None
        # The window's text fields and their text when the import began: `_typed_meanwhile`.
        self._fields_then: list[tuple[QWidget, str]] = []
        # Files given while an import runs (dropped, opened, a folder): imported after it.
        self._waiting: list[Path] = []
        # Those that waited when Cancel Import was chosen: stopped with it (unless it had
        # ended whole). One given after the Cancel, while it unwinds, still follows it.
        self._cancelled_waiting: list[Path] = []
        # The article an import (a paste) just added and opened, with its workspace and
        # the undo step then on top: `ctrl_z_past_import`.
        self._opened_new: tuple[Desk, int, Edit | None] | None = None

    @property
    def job(self) -> ImportJob | None:
        """The import running in the background, if any."""
        return self._job

    def running(self) -> bool:
        return self._job is not None

    def open_article_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self._window,
            "Open Article",
            qt_name(app_settings.folder_to_offer(app_settings.IMPORT_FOLDER)),
            ARTICLE_FILE_FILTER,
        )
        if names:
            paths = [path_from_qt(n) for n in names]
            app_settings.remember_folder(app_settings.IMPORT_FOLDER, paths[0].parent)
            self.import_files(paths)

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._window,
            "Import a Folder of Articles",
            qt_name(app_settings.folder_to_offer(app_settings.IMPORT_FOLDER)),
        )
        if folder:
            app_settings.remember_folder(app_settings.IMPORT_FOLDER, path_from_qt(folder))
            self.import_files([path_from_qt(folder)])

    def import_files(
        self, paths: list[Path], looked: dict[Path, str | NoAnswer] | None = None
    ) -> None:
        """Import files in a worker thread, its progress (and Cancel) in the status bar.

        The window stays usable meanwhile: its saves go first (storage/turns.py). Each
        failure is told, none stops the rest; the last imported article opens unless the
        reviewer has been working meanwhile. A window that opened its workspace read-only
        imports nothing, and says so in a box naming the files (`_refuse_read_only`).
        """
        window = self._window
        if not paths:
            return
        if window.desk.read_only:
            self._refuse_read_only(paths)
            return
        # A file dropped during a re-split or a merge heard "edit when it has finished",
        # and a reviewer who had edited nothing took it for imported.
        if not writable(window, f"import {_files(paths)}"):
            return
        # A folder (dropped, named at start, chosen by Import Folder): its articles.
        from factcheck_app.services.article_files import (
            cannot_look_into,
            folders_opened,
            no_article_files,
        )

        # Each looked at off the window's thread first: a folder on a network share that
        # stopped answering (a VPN dropped) was listed on it, the window frozen for
        # minutes. One that answered is listed here as before.
        # `looked`: made already (a drop, `MainWindow.import_files`), not made again.
        if looked is None or any(path not in looked for path in paths):
            looked = looked_at(paths)
        silent = [path for path in paths if looked[path] not in (FOLDER, FILE, NEITHER)]
        paths, empty = folders_opened(
            [path for path in paths if path not in silent],
            folders={path for path in paths if looked[path] == FOLDER},
        )
        # A folder that could not be looked into (a colleague's, rights changed on a
        # share): a box, as its articles are left out; the status line was gone as soon
        # as the other articles came in. Many: the first few, the rest counted.
        reasons = {folder: cannot_look_into(folder) for folder in sorted(empty)}
        closed = [_not_answering_said(path) for path in silent]
        closed += [why for why in reasons.values() if why]
        if closed:
            text, details = _closed_told_on_screen(window, closed)
            if details:
                logger.warning("Import: folders not looked into:\n%s", details)
            inform(window, "Import", text, warning=True, details=details)
        empty = [folder for folder, why in reasons.items() if not why]
        if empty:
            window.statusBar().showMessage(
                " ".join(no_article_files(folder, kinds=False) for folder in empty), STATUS_WARNING
            )
        if not paths:
            return
        if self._job is not None:
            # Refused in a passing line, a second batch was easily taken for imported.
            self._waiting += [p for p in paths if p not in self._waiting]
            window.statusBar().showMessage(
                f"An import is running: {_files(self._waiting)} will be imported after it.",
                STATUS_WARNING,
            )
            return
        self._fields_then = [(field, _text_of(field)) for field in _text_fields(window)]
        if window.desk.path is None:  # an in-memory workspace has no second connection
            outcome = ImportOutcome()
            for path in paths:
                try:
                    outcome.imported.append(window.desk.importer.import_file(path))
                    outcome.read_from.append(path)
                except FactcheckError as error:
                    outcome.problems.append(refusal(path, error))
            self._done(outcome)
            return
        job = ImportJob(window.desk, paths)
        # Bound methods of QObjects living in the GUI thread: Qt queues these calls there.
        job.progress.connect(window.import_progress.set_progress)
        job.finished.connect(self._done)
        self._job = job
        self._interrupted = False
        self._from_article = window.article_id
        window.import_progress.start()
        window.registry[ActionId.CANCEL_IMPORT].setEnabled(True)
        self._thread = run_in_background(job.run, "import")

    def _refuse_read_only(self, paths: list[Path]) -> None:
        """Say in a box, naming them, that `paths` were not imported: the window opened its
        workspace read-only. Named on the command line (an article double-clicked in the
        file manager while the desk is open starts a second window), sent by the Finder,
        or dropped onto the window, they got the edit keys' status-bar line, "This
        workspace is open read-only: nothing was changed.", gone in seconds under the
        banner, naming no article: the reviewer took them for imported. Where to import
        them only when another program edits it (`IN_USE`): read-only for another reason
        (a newer desk's workspace, a full disk, a backup), the box sent the reviewer to a
        window "open for editing" that was not there; the strip says the way instead.
        A workspace dropped (a colleague's) is said how to open: sent to be imported in
        the other window, it was refused there as a workspace, not an article."""
        workspaces = [p for p in paths if p.suffix.lower() == config.WORKSPACE_SUFFIX]
        paths = [p for p in paths if p not in workspaces]
        told = []
        if paths:
            them = "it" if len(paths) == 1 else "them"
            said = (
                f"{_named(paths)} {'was' if len(paths) == 1 else 'were'} not imported: this "
                "window opened the workspace read-only"
            )
            if self._window.desk.read_only_because == IN_USE:
                said += (
                    " (the strip above the article says why), so nothing can be added to it "
                    f"here. Import {them} where the workspace is open for editing (drop {them} "
                    "onto that window), or close it there and open the workspace here again."
                )
            else:
                said += (
                    ", so nothing can be added to it here: the strip above the article says why."
                )
            told.append(said)
        if workspaces:
            told.append(
                f"{_named(workspaces)} is a workspace, not an article: File → Open Workspace… "
                "opens it."
                if len(workspaces) == 1
                else f"{_named(workspaces)} are workspaces, not articles: File → Open "
                "Workspace… opens one."
            )
        inform(self._window, "Not imported", "\n\n".join(told), warning=True)

    @guarded
    def paste_as_new_article(self) -> None:
        """Import the clipboard (rich text is reduced to its words) as a new article;
        files copied in a file manager are imported as files, as when dropped."""
        window = self._window
        if not writable(window, "paste the article"):
            return
        mime = QApplication.clipboard().mimeData()
        # Qt gives a copied file's address as the clipboard's text: the desk imported an
        # article reading "file:///home/ana/Downloads/story.txt", not the story.
        copied = [path_of(url) for url in mime.urls() if url.isLocalFile()] if mime else []
        if copied:
            self.import_files(copied)
            return
        html = mime.html() if mime is not None and mime.hasHtml() else ""
        text = mime.text() if mime is not None and mime.hasText() else ""
        if not (html.strip() or text.strip()):
            window.statusBar().showMessage("The clipboard holds no text to import.", STATUS_RESULT)
            return
        result = window.desk.importer.import_pasted(html=html, text=text)
        self._show_outcome(ImportOutcome(imported=[result]))

    def ctrl_z_past_import(self) -> bool:
        """Ctrl+Z pressed on the article an import (a paste) just added, before any work on
        it: the import is no undo step, and the step beneath it (the reviewer's last
        verdict, in another article) was undone, the window going there, which looked like
        the paste taken back. Say instead what takes the article out, and what a second
        Ctrl+Z undoes. True: said, nothing undone. Once: the second Ctrl+Z undoes."""
        noted, self._opened_new = self._opened_new, None
        window = self._window
        if noted is None:
            return False
        desk, article_id, top = noted
        if desk is not window.desk or window.article_id != article_id:
            return False  # another workspace, or another article open: the import is behind
        now = desk.edits.top("undo")
        if now is not top:
            return False  # work done since (on it, or undone): Ctrl+Z takes that, as ever
        # Short enough for a 1024-px status bar with a verdict named ("… (more: …)" cut
        # what the second Ctrl+Z would undo).
        said = "Nothing undone: File → Remove Article… takes an import out."
        if now is not None:
            said += f" {first_key_text(ActionId.UNDO)} again undoes {shown_edit(now.description)}."
        window.statusBar().showMessage(said, STATUS_LONG)
        return True

    def forget_opened_new(self) -> None:
        """`ctrl_z_past_import` says nothing: the Edit menu opened, whose Undo item names
        the step beneath the import ("Undo Verdict: Mostly true"), so Undo chosen there,
        or Ctrl+Z after, is meant (chosen from the menu, it did nothing and said to press
        Ctrl+Z again); or another workspace opened, whose desk and undo steps it held."""
        self._opened_new = None

    def cancel(self) -> None:
        """File → Cancel Import: the file being read is rolled back; earlier files stay."""
        if self._job is not None:
            self._job.cancel()
            self._cancelled_waiting += self._waiting
            self._waiting = []
            progress = self._window.import_progress
            progress.set_progress(progress.bar.value(), "Cancelling…")

    def quit_all_the_same(self) -> bool:
        """The reviewer asked to quit: while an import runs, ask first (default: keep
        importing). Quitting stopped it unasked, and which files of a folder had come in
        was nowhere said. True: quit."""
        if self._job is None:
            return True
        left_out = self._job.not_yet_in() + self._waiting
        if len(left_out) == 1:
            text = (
                f"The import of {shown_file_name(left_out[0].name)} has not finished. Quit all "
                "the same? It is "
                "left out (the file stays where it is, to import another time)."
            )
        else:
            text = (
                f"The import has not finished: {len(left_out)} files are still to come in. "
                "Quit all the same? They are left out (the files stay where they are, to "
                "import another time); the articles already imported are kept."
            )
        answer = ask(
            self._window,
            "Import running",
            text,
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
            labels={
                QMessageBox.StandardButton.Discard: "Stop the Import and Quit",
                QMessageBox.StandardButton.Cancel: "Keep Importing",
            },
        )
        return answer == QMessageBox.StandardButton.Discard

    def stop(self) -> str | None:
        """The window closes: stop the import and wait for its thread, a slice at most.
        The article it was saving stays hidden, never listed, and the next open for
        editing removes it without a word (the reviewer asked for it): removed here, on
        the window's thread, it held a window that did not repaint for 15 s to over a
        minute, taken for a hang and killed. Killed meanwhile, the next open says so,
        as after any crash. Returns what it left out, in words, for the next start when
        nobody could be asked (logging out), or None."""
        waiting, self._waiting, self._cancelled_waiting = self._waiting, [], []
        job, thread = self._job, self._thread
        if job is None or thread is None:
            return None
        job.cancel(quitting=True)
        thread.join()
        outcome = job.outcome
        # Read after the join: a file that came in whole just before the cancel is in.
        cancelled = outcome is None or outcome.cancelled
        return stopped_words((job.not_yet_in() if cancelled else []) + waiting)

    def note_reviewer_work(self) -> None:
        """The reviewer edited something: an import ending now does not open its article."""
        if self._job is not None:
            self._interrupted = True

    def opened_by_the_window(self, article_id: int) -> None:
        """The window opened `article_id` by itself while none was open (the first
        article of a folder imported into an empty workspace, listed by its look at the
        workspace once a second): not the reviewer's doing. It was taken for work done
        meanwhile, and the box naming the files refused never came up."""
        if self._job is not None and self._from_article is None:
            self._from_article = article_id

    def refuse_while_importing(self, what: str) -> bool:
        """True (and a message) when an import runs: `what` must wait for it."""
        if self._job is None:
            return False
        self._window.statusBar().showMessage(
            f"An import is running: {what} when it has finished, or cancel it "
            "(File → Cancel Import).",
            STATUS_WARNING,
        )
        return True

    def _done(self, outcome: ImportOutcome) -> None:
        """The background import ended (or the in-memory one): show what it did."""
        window = self._window
        # A dialog open on the window (Article Properties, an export) acts on the open
        # article when it closes: the new article must not take its place under it.
        # Typing in a text field (an explanation not yet saved): the new article opened
        # under the keys, and the rest of the sentence went into its explanation.
        interrupted = (
            self._interrupted
            or window.article_id != self._from_article
            or QApplication.activeModalWidget() is not None
            or self._typed_meanwhile()
        )
        self._fields_then = []
        self._job = self._thread = None
        self._interrupted = False
        window.import_progress.stop()
        window.registry[ActionId.CANCEL_IMPORT].setEnabled(False)
        if window.desk.closed:
            # The window closed meanwhile (`stop` waited for the job): nobody to tell. Its
            # article was opened on the closed workspace, which showed "could not be read
            # or written" over no window, and the desk did not end until it was answered.
            logger.info("Import ended as the window closed: %s", outcome.status_line())
            self._waiting, self._cancelled_waiting = [], []
            return
        waiting, self._waiting = self._waiting, []
        stopped, self._cancelled_waiting = self._cancelled_waiting, []
        if not outcome.cancelled:  # the Cancel came as it ended: they follow it after all
            waiting = stopped + waiting
        # One given again after the Cancel follows it: it was said "not imported" as it came in.
        stopped = [path for path in stopped if path not in waiting]
        self._show_outcome(outcome, interrupted)
        if stopped and outcome.cancelled:
            window.statusBar().showMessage(
                f"{outcome.cancelled_line()}, and neither was what waited for it "
                f"({_files(stopped)}).",
                STATUS_WARNING,
            )
        if waiting and not window.desk.closed:
            self.import_files(waiting)
            if interrupted and self._job is not None:
                # The reviewer worked beside the import these files waited for: a small
                # file, in a moment, opened its article over theirs all the same.
                self._interrupted = True

    def _typed_meanwhile(self) -> bool:
        """Is the reviewer typing in a text field: it has the focus and its text changed
        since the import began? The focus only resting there (Ctrl+O pressed from the
        search field, the Explanation clicked before a drop) is not work: the article
        she chose to import did not open, as if she had typed."""
        widget = QApplication.focusWidget()
        if widget is None or not _typing_in(widget):
            return False
        then = [text for field, text in self._fields_then if field is widget]
        return not then or then[0] != _text_of(widget)

    def _show_outcome(self, outcome: ImportOutcome, interrupted: bool = False) -> None:
        window = self._window
        # Refusals need reading: a box. What came in is a quiet line in the status bar.
        # An import runs beside the reviewer's work (one file dropped as a folder), and
        # its box comes up unasked: the refusals are kept in Recent Messages (a box closed
        # by a stray Enter or Space took them with it), and over work done meantime (typed
        # text, review keys) no box at all, so that no key meant for the work is taken by
        # one; a notice says where they are (below).
        refused = bool(outcome.problems)
        batch = len(outcome.imported) + len(outcome.problems) > 1
        if refused:
            window.message_log.keep([f"Refused: {problem.whole}" for problem in outcome.problems])
        if refused and not interrupted:
            if batch:
                text, details = _told_on_screen(window, outcome.summary, REFUSALS_NAMED)
                inform(window, "Import finished", text, warning=True, details=details)
            else:
                show_error(
                    window,
                    FactcheckError("\n".join(problem.whole for problem in outcome.problems)),
                    "The file was not imported",
                )
        if outcome.imported:
            # Which files were not UTF-8, kept to read and copy: the line counts them.
            window.message_log.keep(outcome.reading_lines())
            # Which were split in the language their file declared, not the one they read as.
            window.message_log.keep(outcome.language_lines())
            window.reload_articles()
            opened = not (interrupted and window.article_id is not None)
            # Left out by the words typed above the article list (or the state chosen
            # under them): listed when it opens, said so; beside work the list she is
            # working through stays (emptied under her keys, the field took "ja" of
            # "ganja"), and the line says how to list it.
            left_out = window.leaves_out([result.article_id for result in outcome.imported])
            if left_out and opened:
                window.list_every_article()
            # Results shown may lack what came in: searched while a big import was still
            # writing its article (left out until it is in), "No matches" stayed after.
            window.refresh_search_results()
            line = outcome.status_line(named=not opened)
            it, it_is = ("it", "It is") if len(outcome.imported) == 1 else ("them", "They are")
            if not opened:
                # Not opened over the reviewer's work.
                if left_out:
                    line += f" Esc in the field above the article list lists {it}."
                else:
                    line += f" {it_is} in the article list."
            else:
                last = outcome.imported[-1]
                window.open_article(last.article_id)
                if left_out:  # the list the reviewer had chosen is gone: why
                    line += f" Every article is listed again to show {it}."
                if not last.duplicate:
                    desk = window.desk
                    self._opened_new = (desk, last.article_id, desk.edits.top("undo"))
            window.statusBar().showMessage(line, STATUS_WARNING)
        if outcome.cancelled:
            window.statusBar().showMessage(f"{outcome.cancelled_line()}.", STATUS_WARNING)
        if refused and (batch or interrupted):  # a file waited for: its box said it all
            # Owed until read (its time counts only in sight), after the line above. "In"
            # counts what came in new, as that line and the box do: one already in the
            # workspace made "2 in" of their "Imported 1 article".
            new = sum(1 for result in outcome.imported if not result.duplicate)
            window.notices.tell(
                f"Import finished: {new} in, {len(outcome.problems)} "
                f"refused — {first_key_text(ActionId.RECENT_MESSAGES)} lists them.",
                STATUS_LONG,
            )
        self.finished.emit(outcome)


def _typing_in(widget: QWidget | None) -> bool:
    """Is `widget` a text field the reviewer may be typing into (the Claimant, the
    Explanation, the search)? An Enter or Space typed there would close a box."""
    return isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)) and not widget.isReadOnly()


def _text_fields(window: QWidget) -> list[QWidget]:
    """The window's fields one may type into now (not the article view: read-only, and
    its text the whole article)."""
    found: list[QWidget] = [
        *window.findChildren(QLineEdit),
        *window.findChildren(QPlainTextEdit),
        *window.findChildren(QTextEdit),
    ]
    return [field for field in found if _typing_in(field)]


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    return ""


def stopped_words(left_out: list[Path]) -> str | None:
    """What a quit left out of an import, in words for the next start (None: nothing)."""
    if not left_out:
        return None
    names = ", ".join(path.name for path in left_out[:STOPPED_NAMES])
    if len(left_out) > STOPPED_NAMES:
        names += f" and {len(left_out) - STOPPED_NAMES:,} more"
    return (
        f"An import was stopped: {names} had not come in. The files are where they were: "
        "import them again (any already in the workspace is recognised, not copied twice)."
    )


def _named(paths: list[Path]) -> str:
    """The first three files by their names, the rest counted: a box stays on the screen."""
    return ", ".join(shown_file_name(path.name) for path in paths[:3]) + (
        f" and {counted(len(paths) - 3, 'more file')}" if len(paths) > 3 else ""
    )


def _files(paths: list[Path]) -> str:
    """One file by its name, more by their count ("3 files")."""
    return paths[0].name if len(paths) == 1 else f"{len(paths)} files"
