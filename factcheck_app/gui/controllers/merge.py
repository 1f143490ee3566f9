"""File → Merge Workspace…, Edit → Re-split Article of a long article, and deciding a
sentence in conflict, from the window.

The merge reads the other file and writes the workspace in a worker thread, through a
second connection under the window's writer lock (as a background import does), with a
progress dialog whose Cancel leaves the workspace as it was. The finished merge becomes
the window's newest undo step, so Ctrl+Z takes it back whole. A re-split of a long
article runs the same way (its Stop leaves the article as it was), and so do the undo
and redo of either.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from factcheck_app import config
from factcheck_app.domain.errors import Cancelled, ChangedMeanwhile, EditRefused, FactcheckError
from factcheck_app.domain.models import Review
from factcheck_app.domain.printable import shown_file_name
from factcheck_app.gui.actions import SPECS, ActionId, key_text
from factcheck_app.gui.controllers.guards import (
    require_sentence,
    shown_as_saved_if_changed,
    typed_text_waiting,
    typed_text_waiting_in_article,
    writable,
)
from factcheck_app.gui.local_files import path_from_qt, qt_name
from factcheck_app.gui.messages import (
    STATUS_LONG,
    STATUS_NOTE,
    STATUS_WARNING,
    error_text,
    guarded,
    inform,
    show_error,
)
from factcheck_app.gui.models import plain_tooltip, shown_edit
from factcheck_app.gui.workers import run_in_background

if TYPE_CHECKING:
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.desk import Desk
    from factcheck_app.services.edits import Change, Edit
    from factcheck_app.services.merge import MergeResult

PER_MILLE = 1000
CANCELLED = "Merge cancelled: the workspace was left as it was."
TOO_LATE = "Too late to cancel: the merge was done."
RESPLIT_STOPPED = "Re-split stopped: the article was left as it was."
RESPLIT_TOO_LATE = "Too late to stop: the article was re-split."
# Under typed text waiting (a full disk's, retried) while a re-split runs: it is kept.
HELD_TEXT_NOTE = (
    "Typed text is NOT saved yet: a merge or a re-split is being done. It stays here and "
    "is saved when that has ended."
)
# A worker's progress note shows once its work has taken this long (milliseconds): a short
# one is done before it would show, so no dialog flashes up and away.
NOTE_AFTER_MS = 300
# Of a file's name in a progress box, cut in its middle: a colleague's file named as a
# mail client saves an attachment (240 characters, no space to break at) made the box
# 1,669 px wide, its Cancel off a 1024-pixel screen. The whole name is its tooltip.
NAME_IN_BOX_CHARS = 50


@dataclass
class MergeOutcome:
    """What a merge in the worker did: its edit (pushed: it changed something), or why not.
    For an undo or redo of a merge (`step`), the change it committed."""

    edit: Edit | None = None  # a merge's (or a re-split's: `change` says what it did)
    result: MergeResult | None = None
    pushed: bool = False
    cancelled: bool = False
    error: FactcheckError | None = None
    step: str = ""  # "undo" or "redo" of the window's newest merge step
    change: Change | None = None


class _ProgressJob(QObject):
    """Work on a helper connection in a worker, telling its progress, stopped between two
    of its steps by `cancel` (`_report` raises `Cancelled` with `_stopped`)."""

    progress = Signal(int, str)  # per mille done, stage in words
    finished = Signal(object)  # MergeOutcome
    _stopped = CANCELLED

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self._desk = desk  # the window's: asked for a helper connection and who works
        self._cancel = threading.Event()
        self.outcome: MergeOutcome | None = None  # once the job has ended

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _report(self, fraction: float, stage: str) -> None:
        if self._cancel.is_set():
            raise Cancelled(self._stopped)
        self.progress.emit(int(PER_MILLE * fraction), stage)


class MergeJob(_ProgressJob):
    """Reads the other workspace and merges it through a helper connection, in a worker."""

    def __init__(self, desk: Desk, path: Path) -> None:
        super().__init__(desk)
        self._path = path

    @Slot()
    def run(self) -> None:
        outcome = MergeOutcome()

        def merge(helper: Desk) -> None:
            edit = helper.merge.read(self._path, self._report)
            outcome.edit = edit
            outcome.result = helper.merge.apply(edit, self._report)
            outcome.pushed = bool(helper.edits.undo_steps) and helper.edits.undo_steps[-1] is edit

        try:
            _on_helper(self._desk, outcome, merge)
        finally:
            self.outcome = outcome  # for a window that waited for the thread (quitting)
            self.finished.emit(outcome)


def _on_helper(desk: Desk, outcome: MergeOutcome, work: Callable[[Desk], None]) -> None:
    """Run `work` on a helper connection of `desk` (in the worker's thread), as `desk`'s
    reviewer, noting in `outcome` a refusal, a cancel or an error; the helper is closed."""
    try:
        helper = desk.open_helper()
    except FactcheckError as error:
        outcome.error = error
        return
    try:
        helper.reviewer = helper.edits.actor = desk.edits.actor  # whose work, in the history
        work(helper)
    except Cancelled:
        outcome.cancelled = True
    except FactcheckError as error:
        outcome.error = error
    finally:
        helper.close()


class ResplitJob(_ProgressJob):
    """Re-splits an article through a helper connection, in a worker: splitting, moving
    the reviews and writing 50,000 sentences took the window's thread for seconds. Its
    outcome holds its edit and change once pushed, the change the article's rows as read
    after it (the window shows them without reading them again). `check_only`: only
    whether re-splitting would change anything (`EditRefused` if not), before the
    window asks about moving reviews."""

    _stopped = RESPLIT_STOPPED

    def __init__(self, desk: Desk, article_id: int, *, check_only: bool = False) -> None:
        super().__init__(desk)
        self.article_id = article_id
        self.check_only = check_only

    @Slot()
    def run(self) -> None:
        from factcheck_app.services.collecting import collections_held

        outcome = MergeOutcome()

        def resplit(helper: Desk) -> None:
            def committed(change: Change) -> None:
                # Noted as the step commits: what follows it (the splitter's note, apart
                # from its undo) may fail, the article re-split all the same.
                outcome.change, outcome.edit = change, helper.edits.top("undo")
                outcome.pushed = True

            if self.check_only:
                self._report(0.0, "Reading")
                helper.boundaries.check_resplit_changes(self.article_id)
                self._report(1.0, "Reading")  # Stop pressed meanwhile: nothing is asked
                return
            helper.edits.on_change.append(committed)
            helper.boundaries.resplit_article(self.article_id, self._report)
            _read_rows(helper, outcome.change)

        try:
            with collections_held():  # as an import: no full collection while it runs
                _on_helper(self._desk, outcome, resplit)
        finally:
            self.outcome = outcome
            self.finished.emit(outcome)


def _read_rows(helper: Desk, change: Change | None) -> None:
    """The article's rows after the structural step `change` committed, read in the worker
    for the window to show (on its thread: 0.4-0.6 s at 5 MB). Left unread if the read
    fails: the window reads them itself, and the step is in all the same."""
    if change is None or not change.structural:
        return
    try:
        change.rows = helper.reviews.sentence_rows(change.article_id)
    except FactcheckError:
        change.rows = None


class StepJob(QObject):
    """Undoes or redoes a merge through a helper connection, in a worker: the window's
    thread stays free (a big merge takes seconds either way)."""

    finished = Signal(object)  # MergeOutcome

    def __init__(self, desk: Desk, edit: Edit, action: str) -> None:
        super().__init__()
        self._desk = desk
        self._edit = edit
        self._action = action

    @property
    def edit(self) -> Edit:
        """The step being undone or redone (settled by name: see `Edits.settle`)."""
        return self._edit

    @Slot()
    def run(self) -> None:
        outcome = MergeOutcome(step=self._action)

        def step(helper: Desk) -> None:
            outcome.change = helper.edits.replay(self._edit, self._action)
            if not outcome.change.workspace_wide:  # a re-split's: its article read here
                _read_rows(helper, outcome.change)

        try:
            _on_helper(self._desk, outcome, step)
        finally:
            self.finished.emit(outcome)


class MergeController(QObject):
    """Merging another workspace into the open one, and deciding conflicts."""

    finished = Signal(object)  # MergeOutcome, once the window has shown it

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._job: MergeJob | ResplitJob | None = None
        self._step: StepJob | None = None  # an undo or redo of a merge, running
        self._thread: threading.Thread | None = None
        self._dialog: QProgressDialog | None = None
        # Progress dialogs inside their own `setValue` now (`_show_progress`), and those of
        # them closed meanwhile: deleted once it has returned (`_let_go`).
        self._updating: list[QProgressDialog] = []
        self._closed_updating: list[QProgressDialog] = []
        self._name = ""  # the file being merged, for the progress dialog
        self._confirm: Callable[[], bool] | None = None  # asked before a re-split, if any
        # An edit of the window's own was shown while a worker's step ran (typed text is
        # saved meanwhile): the rows the worker read may be older than it (`edit_shown`).
        self._edited_meanwhile = False
        self._typing_held = False  # `_hold_typing`: a re-split, or a long one's step, runs

    @property
    def holds_saves(self) -> bool:
        """Does a re-split (or a long re-split's undo or redo, or a merge's) write in its
        worker now, or has it written and the window not yet shown it?
        Typed text waiting (a full disk's, retried on a timer) is kept, not saved, until
        it has ended (`EditSlots.save_text`): the re-split writes the article's reviews
        back as it read them before splitting it (seconds, for a long article), and text
        saved in between was written over, the field saying "Saved"; saved under a step,
        it went with a sentence the step deleted. A second guard: text waiting on a
        sentence of the article stops the re-split, or the step, before it starts
        (`typed_text_waiting_in_article`); this holds text waiting elsewhere (another
        article), or whose save fails while the step runs."""
        # A merge's undo or redo too, until the window has heard it is done: text saved
        # after its worker committed went under the step on the undo stack, and Ctrl+Z of
        # the merge put the review from before it back: the text gone, its Ctrl+Z refused.
        if self._step is not None:
            return True
        thread = self._thread
        return self._typing_held and thread is not None and thread.is_alive()

    def end_before_closing(self) -> str | None:
        """The window closes with typed text waiting: a re-split holding it is stopped (an
        undo or redo of one is waited for) before the text is saved, or asked about as
        if it could not be. What it stopped, as `stop` says; None when nothing ran."""
        if not (self.holds_saves and self._window.panel.has_pending_text()):
            return None
        return self.stop()

    @property
    def running(self) -> bool:
        return self._job is not None or self._step is not None

    def edit_shown(self) -> None:
        """The window shows an edit it made (`EditsController.show_change`): while a
        worker's step runs, typed text saved meanwhile (its typing is held, and text whose
        save failed, a full disk, is kept while the worker's thread runs: `holds_saves`;
        its retry may save it once that has ended, before the window hears of it)."""
        if self.running:
            self._edited_meanwhile = True

    def _rows_still_current(self, change: Change | None) -> None:
        """Forget the article's rows the worker read after its step when the window saved
        an edit after it began: they may hold a review as it was before (the typed text
        saved meanwhile), and the list showed it so. A click on that sentence then filled
        the panel with its older explanation, and the next letter typed saved that over
        the newer one. The window reads them again (`load_article`)."""
        if change is not None and self._edited_meanwhile:
            change.rows = None
        self._edited_meanwhile = False

    def refuse_while_merging(self, what: str) -> bool:
        """True (and a message) when a merge, or its undo or redo, runs: it writes the
        workspace in a worker, so `what` must wait for it (an edit made meanwhile was lost
        under the merge's undo, or took the merge's place on the undo stack)."""
        if not self.running:
            return False
        self._window.statusBar().showMessage(self._wait_note(what), STATUS_WARNING)
        return True

    def _wait_note(self, what: str) -> str:
        """What runs now, and that `what` waits for it: "A re-split is running: `what`
        when it has finished." (or a merge, or a step's undo or redo)."""
        if self._step is not None:  # a long re-split's is a step on its sentences
            whose = "re-split" if self._step.edit.entity == "sentence" else "merge"
            doing = f"The {whose}'s undo or redo"
        else:
            doing = "A re-split" if isinstance(self._job, ResplitJob) else "A merge"
        return f"{doing} is running: {what} when it has finished."

    def take_step(self, action: str) -> bool:
        """Ctrl+Z or Ctrl+Y on a merge: run it in a worker, under a modal "Undoing…" note.
        False when the step is not a merge (the caller takes it at once)."""
        window = self._window
        edit = window.desk.edits.top(action)
        if edit is None or not edit.runs_long or window.desk.path is None:
            return False
        if self.running:
            return True  # one at a time (the dialogs are modal: only a script gets here)
        # Typed text waiting is saved first (Ctrl+Z saves it already), as a newer edit:
        # saved by its timer while the worker wrote, it went under the step, or onto a
        # sentence the step took away (refused then, and kept unsaved for good).
        window.panel.flush_pending_text()
        if window.desk.edits.top(action) is not edit:
            return False  # the typed text took the redo's place: the caller says so
        job = StepJob(window.desk, edit, action)
        doing = "Undoing" if action == "undo" else "Redoing"
        named = shown_edit(edit.description)  # as the Edit menu names it (a file's name)
        in_box = _cut_to_fit(window, named)
        dialog = QProgressDialog(f"{doing} “{in_box}”…", "", 0, 0, window)
        _name_as_typed(dialog)
        dialog.setObjectName("mergeStepProgress")
        dialog.setWindowTitle(in_box)
        dialog.setToolTip(plain_tooltip(named))
        dialog.setCancelButton(None)  # one transaction: it is all done or not at all
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # nothing else writes
        # A small merge is done before the note shows. Its value must be set first: with
        # none, QProgressDialog kept its own 4 s delay, and the window took keys meanwhile.
        dialog.setValue(0)
        dialog.setMinimumDuration(NOTE_AFTER_MS)
        # Esc hides a dialog, Cancel button or not: the note is up until the step is done.
        dialog.rejected.connect(lambda: QTimer.singleShot(0, self._keep_progress_up))
        job.finished.connect(self._step_done)
        self._step, self._dialog = job, dialog
        self._edited_meanwhile = False
        # A long re-split's: its sentences all go (a merge's keeps them: typing goes on).
        self._hold_typing(edit.entity == "sentence")
        self._thread = run_in_background(job.run, f"merge {action}")
        return True

    def _step_done(self, outcome: MergeOutcome) -> None:
        from factcheck_app.services.edits import StructuralEdit  # loaded: a step was taken
        from factcheck_app.services.merge import MergeEdit

        edit = self._step.edit if self._step is not None else None
        self._step = self._thread = None
        if self._dialog is not None:
            self._let_go(self._dialog)
            self._dialog = None
            # The keys back to the window, as `_close_progress` gives them after a merge:
            # once its "Undoing…" note had shown, no window was active when it went, and
            # every key went nowhere until a click. Not the sentence list's focus: typing
            # may go on in a field during a merge's step, and the window gives it back.
            self._window.activateWindow()
        self._hold_typing(False)
        window = self._window
        if window.desk.closed:
            return  # the window was closed meanwhile: `stop` waited for the step
        done = "undone" if outcome.step == "undo" else "redone"
        if outcome.error is not None:
            window.desk.edits.refused(outcome.step, outcome.error, edit)  # for good: dropped
            window.edits.update_undo_actions()
            what = "re-split" if isinstance(edit, StructuralEdit) else "merge"
            show_error(window, outcome.error, f"The {what} was not {done}")
            # Text held while the worker ran goes first, then the other program's change
            # the refusal spoke of is shown (as after a short step's: `EditSlots._step`).
            self._save_held_text()
            window.edits.show_outside_change(edit, outcome.error)
        elif outcome.change is not None:
            self._rows_still_current(outcome.change)
            if not isinstance(edit, StructuralEdit):  # typing went on: text it wrote over
                undid = "undid" if outcome.step == "undo" else "redid"
                window.edits.merge_step_shown = f"the merge you just {undid}"
                if isinstance(edit, MergeEdit):
                    window.edits.merge_step_wrote = edit.sentences_written()
            try:
                window.desk.edits.settle(outcome.step, outcome.change, edit)  # shown
                if isinstance(edit, StructuralEdit):  # a long re-split: its redo says so
                    if not outcome.change.message:
                        undone = "Undone" if outcome.step == "undo" else "Redone"
                        window.statusBar().showMessage(
                            f"{undone}: {edit.description}.", STATUS_LONG
                        )
                else:
                    window.statusBar().showMessage(f"Merge {done}.", STATUS_LONG)
                self._save_held_text()  # refused over the step's text: said as its
            finally:
                window.edits.merge_step_shown = ""
                window.edits.merge_step_wrote = frozenset()
            self.finished.emit(outcome)
            return
        self._save_held_text()
        self.finished.emit(outcome)

    def _typed_text_on(self, article_id: int) -> bool:
        """True (and the status line) when typed text still waits on a sentence of the
        article once its re-split was confirmed: tried again first (the question may
        have stood while room was made). The re-split started all the same, the save
        before the question refused, and replaced the text's sentence: the text was only
        offered in a box to copy once it had ended."""
        self._save_held_text()
        return typed_text_waiting_in_article(self._window, article_id, "Re-split")

    def _save_held_text(self) -> None:
        """Typed text kept while a re-split or its step ran (`holds_saves`): saved now,
        after the step is shown (a newer edit than it), not at its next retry."""
        panel = self._window.panel
        if panel.has_pending_text() and not self._window.desk.closed:
            panel.flush_pending_text()

    def merge_dialog(self) -> None:
        """File → Merge Workspace…: choose the colleague's file, then merge it."""
        window = self._window
        if not writable(window):
            return
        # Colleagues' files are kept beside one's own (a shared folder), not in the data
        # folder, which may not even exist when the workspace is kept elsewhere.
        here = window.desk.path
        start = here.parent if here is not None else config.user_data_dir()
        name, _ = QFileDialog.getOpenFileName(
            window,
            "Merge Workspace",
            qt_name(start),
            f"Workspaces (*{config.WORKSPACE_SUFFIX});;All files (*)",
        )
        if name:
            self.merge(path_from_qt(name))

    def merge(self, path: Path) -> None:
        """Merge `path` into the open workspace in a worker thread, with progress."""
        window = self._window
        if self.running or window.imports.refuse_while_importing("merge a workspace"):
            return
        window.panel.flush_pending_text()
        if typed_text_waiting(window, None, "Merge Workspace"):  # it may put it in conflict
            return
        if window.desk.path is None:  # an in-memory workspace has no second connection
            self._merge_here(path)
            return
        job = MergeJob(window.desk, path)
        name = shown_file_name(path.name)
        in_box = _cut_to_fit(window, name)
        dialog = QProgressDialog(f"Merging {in_box}…", "Cancel", 0, PER_MILLE, window)
        _name_as_typed(dialog)
        dialog.setObjectName("mergeProgress")
        dialog.setWindowTitle("Merge Workspace")
        dialog.setToolTip(plain_tooltip(name))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # nothing else writes meanwhile
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        dialog.rejected.connect(self.cancel)
        job.progress.connect(self._show_progress)
        job.finished.connect(self._done)
        self._job, self._dialog, self._name = job, dialog, name
        dialog.show()
        self._thread = run_in_background(job.run, "merge")

    def resplit(self, article_id: int, confirm: Callable[[], bool] | None = None) -> None:
        """Re-split an article in a worker thread, with progress and Stop. `confirm`: the
        question about its reviews, asked only once a first worker has found that
        re-splitting would change some sentence (else that is said, and nothing asked)."""
        window = self._window
        if self.running or window.imports.refuse_while_importing("re-split an article"):
            return
        self._confirm = confirm
        self._start_resplit(ResplitJob(window.desk, article_id, check_only=confirm is not None))

    def _start_resplit(self, job: ResplitJob) -> None:
        window = self._window
        label = "Reading the article…" if job.check_only else "Re-splitting the article…"
        dialog = QProgressDialog(label, "Stop", 0, PER_MILLE, window)
        dialog.setObjectName("resplitProgress")
        dialog.setWindowTitle("Re-split Article")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # its sentences all change
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        # Shown only once it takes long: a short article's re-split (most) is in before.
        # Its value first: with none, QProgressDialog kept its own 4 s delay. Meanwhile an
        # edit is refused ("A re-split is running"), as under the note.
        dialog.setValue(0)
        dialog.setMinimumDuration(NOTE_AFTER_MS)
        dialog.canceled.connect(self.cancel)
        dialog.rejected.connect(self.cancel)
        job.progress.connect(self._show_progress)
        job.finished.connect(self._resplit_done)
        self._job, self._dialog, self._name = job, dialog, ""
        self._edited_meanwhile = False
        self._hold_typing(True)
        self._thread = run_in_background(job.run, "re-split")

    def _hold_typing(self, held: bool) -> None:
        """While a re-split, or the undo or redo of a long re-split, runs (before its
        note shows, the window takes keys), text typed into the review panel is not
        taken: saved meanwhile, it could be written under the step, or onto a sentence
        the step replaces (typed during a long re-split's undo, it went with its
        sentence, or was refused as "no sentence" and kept unsaved for good). Other
        edits are refused with a message (`refuse_while_merging`); moving about is
        harmless. Text typed before, waiting to be saved, is kept (`holds_saves`)."""
        # The panel decides, with the workspace's read-only state and the sentence's
        # conflict: the fields' read-only state recorded here and given back was stale
        # once the reviewer moved onto (or off) a sentence in conflict meanwhile.
        self._typing_held = held
        # A key typed there meanwhile says why, and when typing comes back, as an edit
        # refused then does ("A re-split is running: type when it has finished.").
        self._window.panel.hold_typing(held, self._wait_note("type") if held else "")

    def _resplit_done(self, outcome: MergeOutcome) -> None:
        job = self._job
        too_late = job is not None and job.cancelled and not outcome.cancelled
        checked = isinstance(job, ResplitJob) and job.check_only
        self._close_progress()
        self._hold_typing(False)
        window = self._window
        if window.desk.closed:
            return  # the window was closed meanwhile: `stop` stopped it
        status = window.statusBar()
        edit, change = outcome.edit, outcome.change
        if outcome.pushed and edit is not None and change is not None:
            # Committed, even where what followed failed: shown, and Ctrl+Z takes it back.
            self._rows_still_current(change)
            window.desk.edits.adopt(edit, change)  # the window shows it
        else:
            change = None  # the article as it was
        from factcheck_app.services.boundaries import NothingToResplit

        if isinstance(outcome.error, NothingToResplit):
            # Nothing went wrong and nothing changed: a line, not a warning box that
            # waits for a click (found by a newcomer at 1024×640).
            status.showMessage(str(outcome.error), STATUS_NOTE)
        elif isinstance(outcome.error, EditRefused):  # nothing to change: said as ever
            if isinstance(outcome.error, ChangedMeanwhile):
                # The box says to look again: the table shows the sentences as saved now
                # (raised in the worker, past `shown_as_saved_if_changed`).
                window.edits.show_as_saved()
            show_error(window, outcome.error)
        elif outcome.error is not None:
            done = "was" if change is not None else "was not"
            show_error(window, outcome.error, f"The article {done} re-split")
        elif outcome.cancelled or (checked and too_late):
            # A check stopped once its worker had read the article, before the window
            # heard it (a moment that grows on a busy machine), is stopped all the same:
            # nothing is written yet. Its question was asked, and Yes re-split it.
            status.showMessage(RESPLIT_STOPPED, STATUS_WARNING)
        elif checked and isinstance(job, ResplitJob):
            # It would change some sentence: now the question about moving its reviews.
            confirm, self._confirm = self._confirm, None
            self._save_held_text()  # before the question: no worker writes meanwhile
            if (confirm is None or confirm()) and not self._typed_text_on(job.article_id):
                self._start_resplit(ResplitJob(window.desk, job.article_id))
                return  # `finished` when the re-split itself has ended
        elif change is not None and too_late:
            status.showMessage(f"{RESPLIT_TOO_LATE} {change.message}", STATUS_LONG)
        self._save_held_text()
        self.finished.emit(outcome)

    def _merge_here(self, path: Path) -> None:
        outcome = MergeOutcome()
        desk = self._window.desk
        try:
            outcome.result = desk.merge.merge(path)
            outcome.pushed = outcome.result.changed
        except FactcheckError as error:
            outcome.error = error
        self._show_outcome(outcome)

    def _show_progress(self, value: int, stage: str) -> None:
        dialog = self._dialog
        if dialog is None or self._job_cancelled():
            return
        name = _cut_to_fit(dialog, self._name)
        dialog.setLabelText(f"{stage} {name}…" if name else f"{stage}…")
        # A modal progress dialog, once shown, runs the events in its setValue: the job's
        # end among them closes it there (`_close_progress`), and a question asked then
        # (the re-split's about its reviews, an error's box) runs an event loop of its
        # own. With no event loop running before it (a script's, a test's), Qt deleted
        # the dialog in that loop, under its setValue: the desk crashed. Deleted after.
        self._updating.append(dialog)
        try:
            dialog.setValue(value)  # last: the dialog may be closed when it returns
        finally:
            self._updating.remove(dialog)
            if dialog in self._closed_updating and dialog not in self._updating:
                self._closed_updating.remove(dialog)
                dialog.deleteLater()

    def _let_go(self, dialog: QProgressDialog) -> None:
        """Hide a progress dialog whose job has ended, and have Qt delete it: at once, or
        once its own `setValue` has returned when it is under way (`_show_progress`)."""
        # Its timer stopped too: a note closed before it was due to show (a short job)
        # showed itself all the same when its time came, under a box asked meanwhile (the
        # re-split's question, an error): Qt deletes it only once that box is answered.
        dialog.reset()
        dialog.hide()
        if dialog in self._updating:
            self._closed_updating.append(dialog)
        else:
            dialog.deleteLater()

    def _job_cancelled(self) -> bool:
        return self._job is None or self._job.cancelled

    def cancel(self) -> None:
        """Cancel or Esc: the merge stops at its next step, rolled back. Its progress stays
        up (saying so) until it has: hidden at once, it left the window free to open
        another workspace, import or edit while the merge still wrote."""
        if self._job is not None:
            self._job.cancel()
            if self._dialog is not None:
                stopping = "Stopping…" if isinstance(self._job, ResplitJob) else "Cancelling…"
                self._dialog.setLabelText(stopping)
                # Pressed: greyed while it stops (and Ctrl+Q over it says only to wait,
                # not "or Stop it" again: `quit_in_a_dialog`).
                for button in self._dialog.findChildren(QPushButton):
                    button.setEnabled(False)
                # QProgressDialog hid itself on Cancel or Esc: up again on the next turn
                # (not now: a dialog shown again refused to close when the desk was quit).
                QTimer.singleShot(0, self._keep_progress_up)

    def _keep_progress_up(self) -> None:
        """Show the progress again while the merge (or its undo) runs on, unless the window
        has closed."""
        if self.running and self._dialog is not None and self._window.isVisible():
            self._dialog.show()

    def stop(self) -> str | None:
        """The window closes: cancel the merge (rolled back) and wait for its thread (an
        undo or redo of one is waited for: it cannot be cancelled). Returns what it
        stopped, in words, for the next start when nobody could be told (logging out),
        or None."""
        job, name = self._job, self._name
        if job is not None:
            job.cancel()
        if self._thread is not None:
            self._thread.join()
        if job is None:
            return None
        outcome = job.outcome
        if isinstance(job, ResplitJob):
            stopped = outcome is not None and (outcome.cancelled or outcome.error is not None)
            if stopped and outcome is not None and not outcome.pushed:
                return "A re-split was stopped: the article was left as it was."
            return None
        if outcome is not None and not outcome.cancelled:
            if outcome.error is None:
                return None  # done whole just before the cancel: it is in
            return f"Merging {name} did not finish: {error_text(outcome.error)}"
        return (
            f"Merging {name} was stopped: nothing of it was merged. Merge it again "
            "(File → Merge Workspace…)."
        )

    def _close_progress(self) -> None:
        """The job has ended: its progress goes, the keys go back to the sentence list."""
        self._job = self._thread = None
        if self._dialog is not None:
            self._let_go(self._dialog)
            self._dialog = None
            self._window.activateWindow()
            self._window.sentence_view.setFocus()

    def _done(self, outcome: MergeOutcome) -> None:
        # Cancel pressed once the merge was past its last check: it is in, and said so.
        too_late = self._job is not None and self._job.cancelled and not outcome.cancelled
        self._close_progress()
        if self._window.desk.closed:
            return  # the window was closed meanwhile: `stop` cancelled it, nothing to show
        if outcome.pushed and outcome.edit is not None and outcome.result is not None:
            change = _merge_change(outcome.result.summary())
            self._window.desk.edits.adopt(outcome.edit, change)  # the window shows it
        self._show_outcome(outcome, too_late=too_late)

    def _show_outcome(self, outcome: MergeOutcome, *, too_late: bool = False) -> None:
        window = self._window
        status = window.statusBar()
        if outcome.error is not None:
            show_error(window, outcome.error, "The workspace was not merged")
        elif outcome.cancelled:
            status.showMessage(CANCELLED, STATUS_WARNING)
        elif outcome.result is not None:
            result = outcome.result
            said = _said(result)
            if too_late and outcome.pushed:
                said = f"{TOO_LATE} {said} Ctrl+Z takes it back."
            status.showMessage(said, STATUS_LONG)
            # Approvals left out call for the editor too, on a merge nothing else came in by.
            if result.changed or result.copied_while_open or result.approvals_not_taken:
                # Too long for the status bar's one line: at 1024 px it ended "…Their
                # decision or sign-off taken on 2 sente", the F8 that goes to the
                # conflicts cut off with it, and went after 10 s. What the merge did
                # and where to go next, whole, with the verdicts returned to this
                # reviewer (what a checker merging the editor's file came back for).
                returned = window.sign_off.returned_text() or window.sign_off.awaiting_text()
                text = f"{said}\n\n{returned}" if returned else said
                warn = result.copied_while_open or bool(
                    result.history_problem
                    or result.approvals_not_taken
                    or result.approvals_withdrawn  # approvals to give again, as above
                )
                inform(window, "Merge Workspace", text, warning=warn)
        self.finished.emit(outcome)

    def show_workspace_change(self, show_article: int | None = None) -> None:
        """A merge, an article's removal or their undo may have changed any article: list
        them again, and open `show_article` (the article beside a removed one, or one put
        back), else reload the open one where it still is."""
        window = self._window
        # Typed text waiting is saved first, as `open_article` does: read before it, the
        # open article's rows showed its sentence without it (its field blank, the text
        # saved beneath), and what was typed next there was refused as another program's.
        window.panel.flush_pending_text()
        current, sentence = window.article_id, window.current_sentence_id()
        window.article_model.set_articles(window.desk.articles.list_articles())
        if (
            show_article is not None
            and show_article != current
            and window.article_model.row_of(show_article) >= 0
        ):
            window.article_id = None  # the open one may be gone: nothing of it to keep
            window.open_article(show_article)
            return
        if current is not None and window.article_model.row_of(current) >= 0:
            window.load_article(current, sentence)
            # A list with fewer articles (a merge undone) was read anew, none current: the
            # open one is current again, so ↓ there goes on from it.
            window.show_open_article_in_list()
            return
        window.article_id = None
        if window.article_model.rowCount():
            window.open_article(window.article_model.article_at(0).id)
        else:
            window.show_no_article()

    @guarded
    def decide(self, review: Review) -> None:
        """The conflict view's choice: keep it as the current sentence's decided review."""
        window = self._window
        sentence_id = require_sentence(window)
        if sentence_id is not None and writable(window):
            # Decided from the versions (Enter, Alt+K): they go with the conflict, and the
            # keys go back to the sentences, where F8 goes on to the next conflict.
            focused = QApplication.focusWidget()
            inside = focused is not None and window.panel.conflict_view.isAncestorOf(focused)
            # Refused as changed meanwhile, the box says to look at the versions again.
            with shown_as_saved_if_changed(window):
                window.desk.reviews.decide(sentence_id, review)
            if inside:
                window.back_to_sentences()
            next_key = key_text(SPECS[ActionId.NEXT_CONFLICT])
            window.statusBar().showMessage(
                f"{window.desk.edits.undo_text()}. Ctrl+Z brings the conflict back; "
                f"{next_key} goes to the next one.",
                STATUS_LONG,
            )


def _said(result: MergeResult) -> str:
    """The merge's counts, and where a conflict it left is reached from ("F8 goes to the
    first."): after a merge into many articles the editor found each one by hand."""
    if not result.sentences_conflicting:
        return result.summary()
    # Right after the conflicts it goes to: at the end, after "Their decision or sign-off
    # taken on 2 sentences." or that the file was copied while open, "the first" read as
    # the first of those.
    return result.summary(f" {key_text(SPECS[ActionId.NEXT_CONFLICT])} goes to the first.")


def _merge_change(message: str) -> Change:
    from factcheck_app.services.edits import Change

    return Change(0, (), texts={}, structural=True, message=message, workspace_wide=True)


def _cut_to_fit(widget: QWidget, name: str) -> str:
    """`name` as a progress box shows it: cut in its middle to some NAME_IN_BOX_CHARS
    characters of the box's font, so that its start and its end (".fcdesk") still say
    which file it is."""
    metrics = widget.fontMetrics()
    width = metrics.averageCharWidth() * NAME_IN_BOX_CHARS
    return metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, width)


def _name_as_typed(dialog: QProgressDialog) -> None:
    """The box's words as plain text: a QProgressDialog's label guesses at markup, and a
    colleague's file named "<img width=2000 height=9>.fcdesk" (a name may hold
    any character but "/") showed a 2,000-pixel picture for it, Cancel off the screen."""
    from PySide6.QtWidgets import QStyle  # not before the window's first paint (app.py)

    label = QLabel(dialog.labelText())
    label.setTextFormat(Qt.TextFormat.PlainText)
    # Placed as the box places its own (centred here): `setLabel` leaves that to us.
    hint = QStyle.StyleHint.SH_ProgressDialog_TextLabelAlignment
    label.setAlignment(Qt.AlignmentFlag(dialog.style().styleHint(hint, None, dialog)))
    dialog.setLabel(label)
