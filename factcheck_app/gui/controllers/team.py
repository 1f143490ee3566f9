"""Who is reviewing (asked once, changed in Preferences) and Review → Agreement.

Nothing here imports the services at module level: the window paints before they load
(gui/app.py); each slot imports what it needs when it runs.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Signal, Slot

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.printable import set_apart
from factcheck_app.gui.messages import STATUS_LONG, STATUS_NOTE
from factcheck_app.gui.workers import run_in_background

if TYPE_CHECKING:
    from factcheck_app.gui.agreement_panel import AgreementPanel
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.agreement import AgreementInput
    from factcheck_app.services.desk import Desk
    from factcheck_app.services.identity import Reviewer

STATUS_NOTE_MS = 5000


class AgreementJob(QObject):
    """Measures agreement in a worker thread: from `data` read by the window, or from the
    workspace at `path` read there through a connection of its own (no connection
    crosses threads)."""

    finished = Signal(object)  # AgreementReport
    failed = Signal(str)

    def __init__(self, data: AgreementInput | None, path: Path | None = None) -> None:
        super().__init__()
        self.data = data
        self.path = path

    def run(self) -> None:
        from factcheck_app.services.agreement import measure_input, read_agreement_input_apart

        try:
            data = self.data
            if data is None:
                assert self.path is not None
                data = read_agreement_input_apart(self.path)
            report = measure_input(data)
        except FactcheckError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:  # a bug: said in the panel, not lost with the thread
            self.failed.emit(f"Agreement could not be measured: {error}")
            return
        self.finished.emit(report)


class TeamController(QObject):
    """The reviewer's name and the agreement panel, for the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.panel: AgreementPanel | None = None
        self._job: AgreementJob | None = None  # kept alive until it reports
        self._job_desk: Desk | None = None
        self._thread: threading.Thread | None = None
        # A name given here that the next open would not read back (FACTCHECK_REVIEWER
        # outranks it, or it could not be kept): held for every workspace this window
        # opens until it closes, as the status line promised. Read afresh, the next
        # workspace's edits went under the environment's or the account's name.
        self._held_name: str | None = None

    # -- who is reviewing ----------------------------------------------------------------

    def ask_reviewer_once(self) -> None:
        """A first start asks the reviewer's name (once; not when the environment names
        the reviewer for this account, as a shared newsroom machine may)."""
        from factcheck_app.services import identity

        stored = identity.stored_reviewer()
        if stored is not None or identity.environment_reviewer():
            # Another window started at the same moment may have been answered while
            # this one opened (a slow open, a box at it): followed without a word, and
            # without reading the file again.
            self.follow_stored_name(say=False, stored=stored)
            return
        self._ask(first_start=True)

    def keep_name_in(self, desk: Desk) -> None:
        """Record `desk`'s edits (a workspace opened since) under the name given here, when
        it is one the open did not read back (`_held_name`)."""
        if self._held_name is not None and desk.reviewer != self._held_name:
            desk.set_reviewer(self._held_name)

    def follow_stored_name(self, *, say: bool, stored: Reviewer | None = None) -> None:
        """Record the open workspace's edits under the name the name file keeps, when it
        is not the name they carry now. At the start (`ask_reviewer_once`, `say` False):
        another window started at the same moment was answered while this one opened.
        When the window comes back to the front (`say` True, said in the status bar):
        the name was corrected in another window's Preferences, and this one recorded
        every edit under the old name until it closed, while its own Preferences showed
        the new one. Not over FACTCHECK_REVIEWER (it outranks the stored name) nor over
        a name given here that could not be kept (`_held_name`). `stored`: the file's
        name as the caller just read it; None: read here (a few hundred bytes)."""
        window = self._window
        if self._held_name is not None or not window.has_desk():
            return
        from factcheck_app.services import identity

        if identity.environment_reviewer() is not None:
            return
        if stored is None:
            stored = identity.stored_reviewer()
        if stored is None or stored.name == window.desk.reviewer:
            return
        window.desk.set_reviewer(stored.name)
        window.sign_off.recount_owed()  # whose work is owed to whom changed
        if say:
            window.statusBar().showMessage(
                f"Edits are recorded as {set_apart(stored.name)} "
                f"({set_apart(stored.initials)}) from now on: your name was changed in "
                "another window.",
                STATUS_LONG,
            )

    def edit_preferences(self) -> None:
        self._ask(first_start=False)

    def _ask(self, *, first_start: bool) -> None:
        from factcheck_app.gui.app import closing_on_signal
        from factcheck_app.gui.dialogs.form_parts import run_dialog
        from factcheck_app.gui.dialogs.reviewer_name import ReviewerNameDialog
        from factcheck_app.services import identity

        window = self._window
        stored = identity.stored_reviewer()
        if stored is not None:
            name, initials = stored.name, stored.initials
        else:
            name = identity.os_full_name()
            if not first_start and window.has_desk():
                name = window.desk.reviewer
            initials = identity.initials_of(name)
        dialog = ReviewerNameDialog(name, initials, first_start=first_start, parent=window)
        accepted = bool(run_dialog(dialog)) and dialog.reviewer is not None
        if not accepted and closing_on_signal():
            # Closed by the session's end (logging out, Ctrl+C), not by Esc: nobody chose
            # the account's name, which was saved as the answer, so the next start never
            # asked and every edit carried it. Asked again then.
            return
        keep = True  # the name is written to reviewer.json for the next start
        meanwhile = False  # the name another window was given stands over this answer
        untouched = (dialog.name_edit.text(), dialog.initials_edit.text()) == (name, initials)
        if (
            untouched
            and (first_start or accepted)
            and (answered := identity.stored_reviewer()) is not None
            and answered != stored
        ):
            # The account's name offered, and taken with Enter as it was, while another
            # window started at the same moment was given a name: that name stands (the
            # account's was saved over hers, and the next start used it), as for Esc.
            # So in Preferences: Enter on the name as shown saved it over a correction
            # made in the other window meanwhile, which then took it back too.
            reviewer, keep, meanwhile = answered, False, True
        elif accepted and dialog.reviewer is not None:
            reviewer = dialog.reviewer
        elif first_start and (answered := identity.stored_reviewer()) is not None:
            # Esc, and another window, started at the same moment, was answered while
            # this one asked: its answer stands. The account's name was written over it.
            reviewer, keep, meanwhile = answered, False, True
        elif first_start and name:
            # Asked once: closing the question keeps the account's name (Preferences
            # changes it), rather than asking again on every start.
            try:
                reviewer = identity.reviewer_from(name, initials)
            except FactcheckError:
                return
        else:
            return
        # Set apart: a right-to-left name took its initials into its own run, shown first.
        recorded = (
            f"Edits are recorded as {set_apart(reviewer.name)} ({set_apart(reviewer.initials)})"
        )
        try:
            if keep:
                identity.save_reviewer(reviewer)
        except OSError as error:
            # Said with whose name edits carry, not before it (it was replaced at once),
            # and how to stop the question coming back at every start.
            named = identity.environment_reviewer()
            kept = identity.stored_reviewer()  # a read-only file's: what the next start uses
            if named is not None:
                # It outranks the file, and the desk does not ask under it: the line said
                # the next start "records them as <the file's name> again", or asks.
                then = (
                    f"and FACTCHECK_REVIEWER names “{set_apart(named)}” on this computer, "
                    "so the next start uses that name"
                )
                stops = "names you"
            elif kept is None:
                then, stops = "so the desk will ask again then", "stops the question"
            else:
                then = f"so the next start records them as {set_apart(kept.name)} again"
                stops = "names you"
            kept_not = (
                f"your name could not be kept for the next start ({error.strerror or error}), "
                f"{then}. Setting FACTCHECK_REVIEWER to your name (your administrator can) "
                f"{stops}."
            )
            window.statusBar().showMessage(
                f"{recorded}, but {kept_not}",
                STATUS_LONG,
            )
            self._held_name = reviewer.name
            if window.has_desk():
                window.desk.set_reviewer(reviewer.name)
                window.sign_off.recount_owed()  # whose work is owed to whom changed
            return
        if window.has_desk():
            window.desk.set_reviewer(reviewer.name)
            window.sign_off.recount_owed()
        named = identity.environment_reviewer()
        self._held_name = reviewer.name if named is not None and named != reviewer.name else None
        if meanwhile:
            # OK pressed on the account's name may have meant it: why another name stands,
            # and where to take the one accepted (it was "recorded as" another, unsaid).
            window.statusBar().showMessage(
                f"{recorded}, the name given in the other window: Edit → Preferences… changes it.",
                STATUS_LONG,
            )
        elif accepted and named is not None and named != reviewer.name:
            window.statusBar().showMessage(
                f"{recorded} until the desk closes: FACTCHECK_REVIEWER names "
                f"“{set_apart(named)}” on this computer, and the next "
                "start uses that name.",
                STATUS_LONG,
            )
        elif accepted:
            window.statusBar().showMessage(f"{recorded}.", STATUS_NOTE_MS)
        else:
            # Esc at the first question kept the account's name without a word: the
            # newcomer did not know whose name their work (and sign-offs) went under.
            window.statusBar().showMessage(
                f"{recorded}: Edit → Preferences… changes it.",
                STATUS_LONG,
            )

    # -- agreement -------------------------------------------------------------------------

    def show_agreement(self) -> None:
        """Open (or bring up) the agreement panel and measure the workspace afresh."""
        if self.panel is None:
            # Made on first use: its widgets' classes cost the first paint nothing then.
            from factcheck_app.gui.agreement_panel import AgreementPanel

            self.panel = AgreementPanel(self._window)
            self.panel.sentence_chosen.connect(self._go_to_sentence)
            self.panel.refresh_requested.connect(self.measure)
        self.panel.show()
        self.panel.raise_()
        self.panel.activateWindow()
        self.measure()

    def _go_to_sentence(self, article_id: int, sentence_id: int) -> None:
        """Show a disagreement's sentence in front, with the keys in the sentence list.

        At 1024×640 the panel covers most of the window, and it stays above the window
        it belongs to: the sentence was chosen behind it, the keys left in the panel. A
        panel over the sentence steps aside (Review → Agreement brings it back where it
        was); one moved beside the window stays open."""
        window, panel = self._window, self.panel
        window.search.show_found_sentence(article_id, sentence_id)
        if panel is None or window.current_sentence_id() != sentence_id:
            return  # not there any more: the status bar says so, the panel keeps the keys
        view = window.sentence_view
        cell = view.visualRect(view.currentIndex())
        row = QRect(0, cell.y(), view.viewport().width(), cell.height())
        row = QRect(view.viewport().mapToGlobal(row.topLeft()), row.size())
        if panel.frameGeometry().intersects(row):
            panel.hide()
            window.statusBar().showMessage(
                "Review → Agreement… brings the disagreements back.", STATUS_NOTE
            )
        window.raise_()
        window.activateWindow()
        view.setFocus()

    def measure(self) -> None:
        """Read the reviewers' versions and measure them in a worker (read here only for
        a workspace without a file): a year's 120,000 took a second of the window's."""
        from factcheck_app.services.agreement import read_agreement_input

        panel, window = self.panel, self._window
        if panel is None or not window.has_desk() or self._job is not None:
            return
        desk = window.desk
        data = None
        if desk.path is None:
            try:
                data = read_agreement_input(desk)
            except FactcheckError as error:
                panel.show_failure(str(error))
                return
        panel.show_loading()
        job = AgreementJob(data, desk.path)
        job.finished.connect(self._measured)
        job.failed.connect(self._failed)
        self._job, self._job_desk = job, desk
        self._thread = run_in_background(job.run, "agreement")

    @Slot(object)
    def _measured(self, report: object) -> None:
        from factcheck_app.services.agreement import AgreementReport, describe_disagreements

        desk, self._job, self._job_desk = self._job_desk, None, None
        window, panel = self._window, self.panel
        if panel is None or desk is None or not isinstance(report, AgreementReport):
            return
        if not window.has_desk() or window.desk is not desk or desk.closed:
            self.measure()  # another workspace was opened meanwhile: measure that one
            return
        try:
            panel.show_report(describe_disagreements(desk, report))
        except FactcheckError as error:
            panel.show_failure(str(error))

    @Slot(str)
    def _failed(self, why: str) -> None:
        self._job, self._job_desk = None, None
        if self.panel is not None:
            self.panel.show_failure(why)

    def workspace_changed(self) -> None:
        """Another workspace is open: an open panel shows it, never the last one's rows."""
        if self.panel is not None and self.panel.isVisible():
            self.measure()
