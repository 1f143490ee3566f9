"""The edit slots: what a review key, button or field does, and how its result comes back.

Each slot checks there is a sentence and the workspace is writable, then asks `Desk`,
which pushes an undoable command (an `Edit` of services/edits.py) onto the edit stack.
The stack reports every change, undo and redo to `show_change`, which refreshes just the
rows it touched. The actions' keys are mapped to these slots in `MainWindow._connect_actions`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMessageBox

from factcheck_app.domain import review_rules
from factcheck_app.domain.errors import (
    ChangedMeanwhile,
    EditGone,
    EditRefused,
    FactcheckError,
    NotFound,
    TextTooLong,
    TypedOverSaved,
)
from factcheck_app.domain.models import (
    VERDICTS_BY_KEY,
    Sentence,
    SentenceRow,
    SignOff,
    SignOffDecision,
    SourceLink,
    Status,
    Tag,
)
from factcheck_app.domain.review_rules import check_begun, given_tag_text, tag_kept
from factcheck_app.domain.wording import counted
from factcheck_app.gui import settings
from factcheck_app.gui.actions import SPECS, ActionId, key_text
from factcheck_app.gui.app import closing_on_signal
from factcheck_app.gui.controllers.guards import (
    folder_silent,
    offered_if_gone,
    offered_if_sentence_gone,
    require_article,
    require_sentence,
    saving_stopped,
    shown_as_saved_if_changed,
    typed_text_waiting,
    typed_text_waiting_in_article,
    writable,
)
from factcheck_app.gui.controllers.merge import HELD_TEXT_NOTE
from factcheck_app.gui.controllers.workspace import NOTHING_TO_UNDO
from factcheck_app.gui.messages import (
    STATUS_BRIEF,
    STATUS_HINT,
    STATUS_LONG,
    STATUS_NOTE,
    STATUS_RESULT,
    STATUS_WARNING,
    ask,
    error_text,
    guarded,
    inform,
    show_error,
)
from factcheck_app.gui.models import NO_VERDICT_TEXT, returned, shown_edit
from factcheck_app.gui.views import OffActionKeys, trim_button_connections
from factcheck_app.gui.workspace_strip import NOT_ANSWERING_TEXT_NOTE, typed_text_note

if TYPE_CHECKING:
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.edits import Change

NOTHING_TO_REDO = "Nothing to redo."
CHANGED_MEANWHILE_NOTE = (
    "Typed text is NOT saved yet: the sentence's review was being saved elsewhere at the "
    "same moment. It stays here and is saved in a few seconds."
)

# The key that gives each tag ("nothing to check": None), named where A leaves a tag given.
_TAG_KEYS = {
    Tag.CLAIM: ActionId.TAG_CLAIM,
    Tag.DENIAL: ActionId.TAG_DENIAL,
    Tag.FACT: ActionId.TAG_FACT,
    None: ActionId.TAG_CLEAR,
}


class EditSlots(QObject):
    """The review edits of the current sentence and article, undo and redo."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._edit_message = ""  # the status line the last edit showed (cleared when undone)
        self._told_unsaved = False  # the reviewer was told typed text could not be saved
        # Saves made just before a question about text still unsaved ("Quit all the same
        # and lose that text?"): a refusal it says (a full disk, too long) is not said in a
        # box of its own first. The words of those refusals, for the question.
        self._question_follows = False
        self._unsaid: list[str] = []
        # Typed text being saved: often that of the sentence the reviewer is moving off
        # (saved on the move), which the change it makes must not take them back to.
        self._saving_typed_text = False
        # The sign-offs the last change took by changing their sentences (a merge, a
        # split, a re-split).
        self.withdrawn: list[SignOff] = []
        # An undo or redo of a sign-off itself runs: the sign-off it takes is the step's
        # own ("Undone: Approve verdict."), not one a change to the check took.
        self._stepping_sign_off = False
        # A merge's undo or redo, run in its worker while typing went on, being shown
        # ("the merge you just redid"; "": none): typed text it wrote other text under is
        # refused as its, not as "another program"'s (`_typed_over_saved`).
        self.merge_step_shown = ""
        # The sentences whose review that step wrote: typed text refused on another one
        # was refused over a second desk's save made meanwhile, and is said so.
        self.merge_step_wrote: frozenset[int] = frozenset()
        # Ctrl+Z and Ctrl+Shift+Z with nothing to take said nothing at all (the action is
        # off): they say so, and Ctrl+Z why when edits made before are out of its reach
        # (a restore, another workspace opened: WorkspaceController.nothing_to_undo).
        # While a merge's undo or redo runs in its worker (before its note shows, the
        # window takes keys) the other key's action is off: it said "Nothing to redo."
        # (or "Nothing to undo."), where the step is about to give it one.
        self._nothing_to_undo = OffActionKeys(
            window,
            [window.registry[ActionId.UNDO]],
            lambda line: self._say_nothing("undo", line),
            NOTHING_TO_UNDO,
        )
        self._nothing_to_redo = OffActionKeys(
            window,
            [window.registry[ActionId.REDO]],
            lambda line: self._say_nothing("redo", line),
            NOTHING_TO_REDO,
        )

    # -- the current sentence's review ----------------------------------------------------

    @guarded
    def set_tag(self, tag: Tag | None) -> None:
        sentence_id = require_sentence(self._window)
        if sentence_id is None or not self.may_change(sentence_id):
            return
        if tag is None and self._judged(sentence_id):
            return
        with shown_as_saved_if_changed(self._window):
            self._window.desk.reviews.set_tag(sentence_id, tag)

    def _judged(self, sentence_id: int) -> bool:
        """Whether X meets a sentence with a verdict, and says so. The rules keep such a
        sentence a check ("#10 Untagged: False" in the reports, not "nothing to check":
        `review_rules.nothing_to_check`), so X changes nothing there. On an untagged one
        it said nothing, its button unlit, as if the key were broken; on a tagged one it
        took the tag off, silently, and left the verdict: a check still, now untagged."""
        review = self._window.desk.reviews.review(sentence_id)
        if review.verdict is None:
            return False
        # The verdict first: a 16 pt status bar at 1024 px shows some 45 characters.
        self._window.statusBar().showMessage(
            f"Verdict {VERDICTS_BY_KEY[review.verdict].label} given: set the Verdict box to "
            f"“{NO_VERDICT_TEXT}” first, then {key_text(SPECS[ActionId.TAG_CLEAR])} marks "
            "it nothing to check.",
            STATUS_NOTE,
        )
        return True

    @guarded
    def set_verdict(self, verdict: str | None) -> bool | None:
        """True once the workspace took the verdict (or had it); False or None (refused,
        `guarded` said why) when it did not."""
        sentence_id = require_sentence(self._window)
        if sentence_id is None or not self.may_change(sentence_id):
            return False
        with shown_as_saved_if_changed(self._window):
            self._window.desk.reviews.set_verdict(sentence_id, verdict)
        return True

    def give_verdict(self, verdict: str) -> None:
        """A verdict key (1–6): the verdict, then on to the next sentence when the reviewer
        keeps that option on (Ctrl+Z brings back verdict and place alike)."""
        window = self._window
        before = window.current_sentence_id()
        # Refused, it stays: the box says to make the edit again, and the sentence read
        # again may show the key's verdict (another program's), which moved it on.
        if not self.set_verdict(verdict):
            return
        if not window.registry[ActionId.MOVE_ON_AFTER_VERDICT].isChecked():
            return
        row = window.current_row()  # the edit refreshed it: no need to ask the workspace
        if row is None or row.sentence.id != before or row.review.verdict != verdict:
            return
        # Refused on a conflict (its verdict the key's already): it moved on under the
        # status line saying to keep a version of it first.
        if row.review.status is not Status.CONFLICT:
            window.navigation.move_current(1)

    @guarded
    def set_status(self, status: Status) -> None:
        sentence_id = require_sentence(self._window)
        if sentence_id is None or not self.may_change(sentence_id):
            return
        with shown_as_saved_if_changed(self._window):
            self._window.desk.reviews.set_status(sentence_id, status)

    @guarded
    def set_denies(self, claim_id: int | None) -> None:
        sentence_id = require_sentence(self._window)
        if sentence_id is None or not self.may_change(sentence_id):
            return
        with shown_as_saved_if_changed(self._window):
            self._window.desk.reviews.set_denies(sentence_id, claim_id)

    def may_change(self, sentence_id: int) -> bool:
        """`writable`, and the sentence not in conflict: the status bar then says to keep a
        version first, as a letter typed in its Claimant box does (the workspace's refusal
        came in a box to dismiss, on each conflict a reviewer tagging by key stepped onto).
        Refused, the panel shows the sentence's tag, verdict, status and denied claim as
        saved again. A tag button clicked, or a choice made in the Verdict, Status or
        Denies box, shows before its slot is asked: refused (a re-split running, the disk
        gone), it stayed shown as made over a sentence the list and the workspace held
        unchanged, and moving on left the choice unsaved."""
        window = self._window
        row = window.current_row()
        shown = row if row is not None and row.sentence.id == sentence_id else None
        if writable(window):
            if shown is None or shown.review.status is not Status.CONFLICT:
                return True
            window.statusBar().showMessage(window.panel.conflict_note(), STATUS_LONG)
        if shown is not None and sentence_id == window.panel.sentence_id:
            window.panel.show_review(shown.review)  # typed text waiting stays in its field
        return False

    def save_text(self, sentence_id: int, field_name: str, value: str) -> None:
        """Save typed text; on failure say so once and let the panel keep and retry it."""
        window = self._window
        if window.desk.read_only:
            return  # read-only: nothing can be typed into a workspace we cannot change
        if window.merging.holds_saves:
            # A re-split in its worker would write it over: kept, saved once it has ended.
            window.panel.save_failed(HELD_TEXT_NOTE)
            return
        if window.workspace.folder_not_answering():
            # Its save, on this thread, would wait with the look at the folder: the
            # window frozen for minutes. Kept, retried, saved once the folder answers.
            window.panel.save_failed(NOT_ANSWERING_TEXT_NOTE)
            return
        self._saving_typed_text = True
        refused: FactcheckError | None = None
        try:
            typed_over = window.panel.typed_over(sentence_id, field_name)
            window.desk.reviews.set_text_field(
                sentence_id, field_name, value, typed_over=typed_over
            )
        except TypedOverSaved as error:
            # Before EditRefused too: the text is kept in its field, and theirs shown.
            self._typed_over_saved(sentence_id, field_name, error.saved)
            return
        except TextTooLong:
            # Before EditRefused, whose text is taken out of its field for good: one Enter
            # on the box's OK and a paste past the limit was gone.
            self._too_long(sentence_id, field_name, value)
            return
        except (NotFound, EditRefused) as error:
            # Imported here: the window paints before the services are imported.
            from factcheck_app.services.edits import ReviewChangedMeanwhile

            if isinstance(error, ReviewChangedMeanwhile):
                # Another connection saved the review between its read and its save, twice
                # over (the service tries twice): nothing is wrong with the text. Refused
                # for good, it was taken out of its field into a "could not be saved" box.
                window.panel.save_failed(CHANGED_MEANWHILE_NOTE)
                self._review_read_again(sentence_id)
                return
            # Read back from a disk gone, "no such sentence" is not the sentence's fault;
            # logging out, nobody is there to be shown the text: kept for the next start.
            if window.desk.stopped or window.desk.disk_failed or closing_on_signal():
                self._save_failed(error)
                return
            refused = error
        except FactcheckError as error:
            self._save_failed(error)
            return
        finally:
            self._saving_typed_text = False
        if refused is not None:
            self._refused_for_good(sentence_id, field_name, value, refused)
            return
        self._told_unsaved = False

    @contextlib.contextmanager
    def question_follows(self) -> Iterator[list[str]]:
        """Typed text saved inside it (Quit, opening another workspace, restoring) is
        asked about at once if still unsaved: a full disk or text too long is not said
        first in a box that took no key for 1.5 s (`hold_keys`), though the reviewer was
        not typing (she had pressed Ctrl+Q), and said again by the question. Yields the
        words of each refusal left unsaid, for the question."""
        self._question_follows, self._unsaid = True, []
        try:
            yield self._unsaid
        finally:
            self._question_follows = False

    def _review_read_again(self, sentence_id: int) -> None:
        """The review of `sentence_id` read again into its row and, when shown, the panel
        (its typed text waiting stays in its field): its typed text's save met another
        connection's save of it, which the window does not read by itself, and until the
        retry saved the text 5 s later the panel showed the claimant, verdict and status
        from before it (a verdict chosen then went over theirs). Its one row, not the
        article read again (`show_as_saved`): this may run as the reviewer moves, inside
        that move."""
        window = self._window
        if window.sentence_model.row_of(sentence_id) < 0:
            return  # another article's: read when it is opened
        try:
            _old, new = self._row_read_again(sentence_id)
        except NotFound:
            return  # taken away meanwhile: its retry says so
        except FactcheckError as error:
            # Locked by that other connection, the disk gone: the text waits all the
            # same and its retry says what is wrong. Escaped, it was a bug's box, out of
            # the retry's slot before the panel started the retry again.
            logging.getLogger(__name__).warning("Review not read again: %s", error)
            return
        window.update_progress()
        if window.panel.sentence_id == sentence_id:
            window.panel.show_review(new.review)

    def _save_failed(self, error: FactcheckError) -> None:
        """Typed text not saved (a full disk, a lock, the disk gone): said once, and
        left in the panel, which retries it."""
        window = self._window
        if self._question_follows:
            # Said in the question, at once; and again at the next question though told
            # (Cancel, Ctrl+Q again): left out, the second said only "the disk may be
            # full", whatever the cause she had just read.
            self._told_unsaved = True
            if error_text(error) not in self._unsaid:
                self._unsaid.append(error_text(error))
        elif not self._told_unsaved:
            self._told_unsaved = True
            if closing_on_signal():
                # Logging out: nobody is there to answer a box, which held the desk
                # until the session killed it. The text is kept for the next start
                # (`keep_unsaved_text_for_next_start`).
                logging.getLogger(__name__).warning("Typed text not saved: %s", error)
            else:
                # Up at a pause in her typing (the save a pause makes, or its retry): her
                # next Space closed it unread.
                show_error(window, error, while_typing=True)
        # Moved or replaced, or its disk gone: never saved through this connection again.
        stopped = window.desk.stopped or window.desk.disk_failed
        if stopped:  # the note names the strip's button: the strip is there at once
            window.workspace_strip.show_for(window.desk)
        window.panel.save_failed(typed_text_note(window.desk) if stopped else "")

    def _too_long(self, sentence_id: int, field_name: str, value: str) -> None:
        """Typed text longer than a field may hold: kept in its field, NOT saved, until
        the reviewer shortens it (as text a full disk refuses is kept, and asked about at
        Quit); the panel says by how much. Told in a box the first time only: not again at
        each pause while the reviewer is cutting it down."""
        window = self._window
        panel = window.panel
        where = panel.where_typed(sentence_id, field_name)
        limit = review_rules.LONGEST_TEXT
        over = max(1, len(value) - limit)
        cut = counted(over, "character")  # one past the limit: "cut 1 characters" was said
        told = panel.refused_as_too_long(sentence_id, field_name)
        # The note by number only: the box names the sentence whole, and the note so
        # took five lines of the panel at 1024×640.
        panel.save_failed(
            f"Typed text is NOT saved: {panel.where_typed(sentence_id, field_name, short=True)}"
            f" is too long, {len(value):,} characters (a "
            f"field may hold {limit:,}). It stays here: cut {cut} and it is saved.",
            until_changed=True,
        )
        # Logging out: kept for the next start, unasked. Before a question: it says so.
        if told or closing_on_signal() or self._question_follows:
            return
        inform(
            window,
            "Typed text too long",
            f"Text you typed into {where} is too long to save: {len(value):,} characters, "
            f"{over:,} more than the {limit:,} a field may hold (the article's review export "
            f"could not be imported with more).\n\nIt stays in its field, NOT saved: cut {cut} "
            "and it is saved.",
            warning=True,
            while_typing=True,  # up at a pause in her typing: her next Space closed it unread
        )

    def _typed_over_saved(self, sentence_id: int, field_name: str, saved: str) -> None:
        """Typed text refused because another program (a second desk on the workspace, a
        script) saved other text in its field since the window showed it: saved at last
        after it waited (too long, no room on the disk), it went over that program's text,
        unsaid, and that work was lost. Both are kept: the typed text in its field, NOT
        saved, and the other program's in the workspace, shown in a box to copy from. The
        reviewer's next change in the field is saved over it, as she has now seen it
        (Ctrl+Z on the sentences then brings it back)."""
        window = self._window
        panel = window.panel
        where = panel.where_typed(sentence_id, field_name)
        undo = key_text(SPECS[ActionId.UNDO])
        # Typed while a merge's undo or redo ran in its worker, which wrote the field: that
        # step's doing. Said as another program's, a stranger seemed at work in her file.
        # Only where it wrote: a colleague's save elsewhere, taken for the merge's, was to
        # be typed over as a machine's.
        step = self.merge_step_shown if sentence_id in self.merge_step_wrote else ""
        who = step or "another program"
        short = panel.where_typed(sentence_id, field_name, short=True)
        panel.save_failed(
            f"Typed text is NOT saved: {who} saved {short} meanwhile. Yours stays here; your "
            f"next change goes over {'it' if step else 'theirs'} ({undo} on the sentences "
            "brings it back).",
            saved_meanwhile=saved,
        )
        if closing_on_signal():  # logging out: kept for the next start, unasked
            return
        theirs = (
            "What it saved is under Show Details: copy what you need of it into yours."
            if saved
            else "It emptied the field."
        )
        said = (
            f"{step[0].upper()}{step[1:]} (run while you typed) saved {where}"
            if step
            else f"Another program (a second desk on this workspace, a script) saved {where} "
            "after this window showed it"
        )
        inform(
            window,
            f"Saved meanwhile by {'the merge' if step else 'another program'}",
            f"{said}. The text you typed there would have gone over "
            "what it saved, so yours was NOT saved: it stays in its field.\n\n"
            f"{theirs} Your next change in the field is saved over it ({undo} on the "
            "sentences then brings it back).",
            warning=True,
            details=saved,
            # Up at a pause in her typing: her next Space or Enter closed it unread, and
            # her next letter went over theirs.
            while_typing=True,
        )

    def _refused_for_good(
        self, sentence_id: int, field_name: str, value: str, error: FactcheckError
    ) -> None:
        """Typed text the workspace will never take as it is: its sentence is gone (taken
        away while the text waited for room: an article a merge's undo removed), or it is
        in conflict. Retried, it was refused every 5 s for ever, out of sight under a
        note saying it would be saved: it is shown in a box to copy from, and its field
        shows what is saved. Never saved onto another sentence."""
        window = self._window
        panel = window.panel
        where = panel.where_typed(sentence_id, field_name)
        panel.save_refused(sentence_id, field_name)
        # Taken away while the save was made (`_read_again_once`: a change meanwhile,
        # the sentence gone its cause), as while the text waited.
        gone = isinstance(error, NotFound) or isinstance(error.__cause__, NotFound)
        if gone:
            why = (
                "Text you typed could not be saved: the sentence it was typed on is no "
                "longer in the workspace (an undo, a merge or a re-split took it away while "
                "the text waited to be saved)."
            )
        else:
            why = f"Text you typed could not be saved: {error}"
        path = window.desk.path
        # Its retry comes at any moment, the reviewer typing in another field.
        window.workspace.show_text_not_saved(
            "Typed text not saved", why, [(where, value)], while_typing=True
        )
        if closing_on_signal():
            # Logging out closed the box and the window while it was up: the box held the
            # text, the panel no longer. Kept for the next start, as a full disk's text.
            if path is not None:
                settings.note_unsaved_text(path, [(where, value)])
            return
        try:
            if (
                isinstance(error, ChangedMeanwhile)
                and not gone
                and window.sentence_model.row_of(sentence_id) >= 0
            ):
                # Refused for a change another program saved meanwhile (a conflict): the
                # panel showed it, the list still did not ("In progress", left out of
                # "Conflicts" and its count). Its one row, not the article read again
                # (`show_as_saved`): this runs as the reviewer moves, inside that move.
                self._row_read_again(sentence_id)
                window.update_progress()
            row = window.current_row()
            if row is not None and row.sentence.id == sentence_id:
                panel.show_review(window.desk.reviews.review(sentence_id))
        except FactcheckError as failed:
            # Locked by another program, the disk gone: as in `_review_read_again`, no
            # bug's box. Escaped, it was one, and the field went on showing the text let
            # go (the box holds it) as if saved: it shows the review as last read.
            logging.getLogger(__name__).warning("Review not read again: %s", failed)
            row = window.current_row()
            if row is not None and row.sentence.id == sentence_id:
                panel.show_review(row.review)

    @guarded
    def link_source(self) -> None:
        window = self._window
        sentence_id = require_sentence(window)
        if sentence_id is None or not writable(window):
            return
        # Imported when first asked for (it needs the services): the window paints first.
        from factcheck_app.gui.dialogs.form_parts import run_until_saved
        from factcheck_app.gui.dialogs.link_source import LinkSourceDialog, stance_for_verdict

        row = window.sentence_model.sentence_row(window.sentence_model.row_of(sentence_id))
        sources = window.desk.sources
        dialog = LinkSourceDialog(
            sources.sources(),
            window,
            sentence=row.sentence.text,
            stance=stance_for_verdict(window.desk.reviews.review(sentence_id).verdict),
            # A URL linked here already is refused in the dialog, with what was typed kept:
            # refused after it closed, the title, stance and excerpt were gone.
            taken_urls=frozenset(link.source.url for link in sources.links(sentence_id)),
        )

        # A link the workspace refuses (a full disk) brings the dialog back as typed.
        def save() -> None:
            with shown_as_saved_if_changed(window):
                window.desk.sources.link_source(sentence_id, dialog.new_source())

        # Its sentence taken away meanwhile: said once, the typed text offered to copy.
        gone = offered_if_sentence_gone(window, sentence_id, "The link", dialog.typed_texts)
        run_until_saved(dialog, save, window, refused_for_good=gone)

    @guarded
    def edit_source(self, link: SourceLink | None = None) -> None:
        """Edit a linked source (the panel's chosen one by default) in the link dialog,
        filled with it. A change that cannot be saved brings the dialog back with what was
        typed, never dropping it."""
        window = self._window
        sentence_id = require_sentence(window)
        if sentence_id is None or not writable(window):
            return
        link = link or window.panel.current_link()
        if link is None or link.sentence_id != sentence_id:
            window.statusBar().showMessage(
                "This sentence has no sources to edit: "
                f"{key_text(SPECS[ActionId.LINK_SOURCE])} links one.",
                STATUS_HINT,
            )
            return
        from factcheck_app.gui.dialogs.form_parts import run_until_saved
        from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
        from factcheck_app.services.sources import SourceChangedMeanwhile

        sources = window.desk.sources
        row = window.sentence_model.sentence_row(window.sentence_model.row_of(sentence_id))
        dialog = LinkSourceDialog(
            sources.sources(),
            window,
            sentence=row.sentence.text,
            editing=link,
            shared_with=sources.sentences_sharing(link),
            taken_urls=frozenset(
                other.source.url for other in sources.links(sentence_id) if other.id != link.id
            ),
        )
        changes: list[object] = []  # what the save that worked changed (None: nothing)
        # The link as the dialog showed it: what the reviewer left so keeps what another
        # program saved meanwhile (it was written over, unsaid); refused for a field both
        # changed, the next OK goes over that field, as the box says.
        shown = [link]

        def save() -> None:
            with shown_as_saved_if_changed(window):
                try:
                    changes.append(
                        sources.edit_link(link.id, sentence_id, dialog.new_source(), shown=shown[0])
                    )
                except SourceChangedMeanwhile as refused:
                    shown[0] = refused.over
                    raise

        sentence_gone = offered_if_sentence_gone(
            window, sentence_id, "The change", dialog.typed_texts
        )
        # The link alone taken away (another program unlinked it): as for ever, else.
        link_gone = offered_if_gone(
            window,
            lambda: all(other.id != link.id for other in sources.links(sentence_id)),
            "The change was NOT saved: that source is no longer linked to the sentence, "
            "unlinked while the dialog was open",
            dialog.typed_texts,
        )

        def gone(error: FactcheckError) -> bool:
            return sentence_gone(error) or link_gone(error)

        if not run_until_saved(dialog, save, window, refused_for_good=gone):
            return
        if changes[-1] is None:
            window.statusBar().showMessage("Nothing was changed.", STATUS_BRIEF)
        elif sources.sentences_sharing(link):
            # The earlier verdicts shown may cite the source whose title changed.
            window.search.sentence_changed()

    @guarded
    def unlink(self, link: SourceLink) -> None:
        """Unlink, and say which source went: a stray Delete in the Sources list (a row and
        a half high at 1024×640) took one away without a word."""
        window = self._window
        if not writable(window):
            return
        desk = window.desk
        signed_off = desk.sign_offs.sign_off(link.sentence_id) is not None
        # As shown: read again by its number, an excerpt or stance another program saved
        # since went with it, one the reviewer never saw (refused now, in words).
        with shown_as_saved_if_changed(window):
            desk.sources.unlink_source(link.id, link.sentence_id, shown=link)
        if signed_off and desk.sign_offs.sign_off(link.sentence_id) is None:
            return  # the status bar says the sign-off the removal took (`show_change`)
        # As "Article removed (Ctrl+Z brings it back): “…”": the key before a long title,
        # which a 16 pt status bar cuts. Kept as the edit's line, it goes with the next
        # edit (`show_change`): left over a verdict given next, Ctrl+Z took the verdict.
        self._edit_message = (
            f"Source removed ({key_text(SPECS[ActionId.UNDO])} brings it back): "
            f"“{shown_edit(link.source.name)}”"
        )
        window.statusBar().showMessage(self._edit_message, STATUS_RESULT)

    def remove_source(self) -> None:
        """Edit → Remove Source, or Delete in the Sources list: what Remove does."""
        window = self._window
        sentence_id = require_sentence(window)
        if sentence_id is None or not writable(window):
            return
        link = window.panel.current_link()
        if link is None or link.sentence_id != sentence_id:
            window.statusBar().showMessage("This sentence has no sources to remove.", STATUS_HINT)
            return
        self.unlink(link)

    # -- suggestions ----------------------------------------------------------------------

    @guarded
    def accept_suggestion(self) -> None:
        window = self._window
        row = window.current_row()
        if row is None:
            require_sentence(window)  # says why: A did nothing, without a word
            return
        if not self.may_change(row.sentence.id):
            return
        found = window.sentence_model.suggestion(row.sentence.id)
        if found is None:
            window.statusBar().showMessage("No suggestion for this sentence (yet).", STATUS_NOTE)
            return
        hint = found.suggestion
        review = window.desk.reviews.review(row.sentence.id)
        if tag_kept(review, hint.tag):
            # A tag given is the reviewer's decision: A turned a Claim, verdict and all,
            # into a Denial without a word (Accept All leaves such sentences too).
            # The key first: a 16 pt status bar at 1024 px shows some 45 characters.
            key = _TAG_KEYS[hint.tag]
            wanted = hint.tag.label if hint.tag else "nothing to check"
            given = given_tag_text(review)
            left = "a check begun" if check_begun(review) else "a tag given"
            window.statusBar().showMessage(
                f"{given[0].upper()}{given[1:]} already: {key_text(SPECS[key])} makes it "
                f"{wanted} (A leaves {left} as it is).",
                STATUS_NOTE,
            )
            return
        # A claimant typed a moment ago is the reviewer's: saved first, so that accepting
        # keeps it (it wrote the suggested one over it, the typing then a later edit).
        window.panel.flush_pending_text()
        with shown_as_saved_if_changed(window):
            change = window.desk.reviews.accept_suggestion(
                row.sentence.id, hint.tag, hint.claimant, found.denies_sentence_id
            )
        if change is None:
            # A pressed twice said nothing the second time: was the key taken at all?
            label = hint.tag.label if hint.tag else "Nothing to check"
            window.statusBar().showMessage(
                f"The suggestion ({label}) is already accepted: nothing changed.", STATUS_NOTE
            )

    @guarded
    def accept_all_suggestions(self) -> None:
        """Tag every untagged sentence whose suggested tag is at least this confident."""
        window = self._window
        model = window.sentence_model
        article_id = require_article(window)  # the one asked about, whatever opens meanwhile
        if article_id is None or not writable(window):
            return
        window.panel.flush_pending_text()  # a claimant just typed is kept, as by A
        hints = [
            (row.sentence.id, found)
            for row in model.rows()
            if (found := model.suggestion(row.sentence.id)) is not None
            and found.suggestion.tag is not None
            and row.review.tag is None
            and not row.review.is_reviewed  # "nothing to check" was the reviewer's decision
        ]
        if not hints:
            window.statusBar().showMessage(
                "No untagged sentence has a suggested tag.", STATUS_RESULT
            )
            return
        percent, ok = QInputDialog.getInt(
            window,
            "Accept All Suggestions Above",
            f"{counted(len(hints), 'untagged sentence')} "
            f"{'has' if len(hints) == 1 else 'have'} a suggested tag.\n"
            "Accept those at least this confident (%):",
            80,
            0,
            100,
        )
        if not ok:
            return
        picks = [
            (sid, found.suggestion.tag, found.suggestion.claimant, found.denies_sentence_id)
            for sid, found in hints
            if found.suggestion.tag is not None and found.suggestion.confidence * 100 >= percent
        ]
        with shown_as_saved_if_changed(window):
            change = window.desk.reviews.accept_suggestions(article_id, picks)
        count = len(change.sentence_ids) if change else 0
        undo = (
            ""
            if not count
            else " (Ctrl+Z takes it back)"
            if count == 1
            else " (Ctrl+Z takes them all back)"
        )
        window.statusBar().showMessage(
            f"Accepted {counted(count, 'suggestion')}{undo}.", STATUS_WARNING
        )

    # -- sentence boundaries --------------------------------------------------------------

    @guarded
    def merge_with_next(self) -> None:
        window = self._window
        sentence_id = require_sentence(window)
        if sentence_id is not None and writable(window):
            window.panel.flush_pending_text()
            model = window.sentence_model
            row = model.row_of(sentence_id)
            if row == model.rowCount() - 1:
                # Nothing went wrong: said where V with nothing to copy says it too.
                window.statusBar().showMessage(
                    "This is the last sentence: there is nothing to merge it with.", STATUS_RESULT
                )
                return
            merged = (sentence_id, model.sentence_row(row + 1).sentence.id)
            if typed_text_waiting(window, merged, "Merge"):
                return
            if self._conflict_not_merged(model.sentence_row(row), model.sentence_row(row + 1)):
                return
            with shown_as_saved_if_changed(window):
                window.desk.boundaries.merge_with_next(sentence_id)

    def _conflict_not_merged(self, first: SentenceRow, second: SentenceRow) -> bool:
        """True (and the status line: where, and the key to the versions) when merging
        the two would end a conflict undecided (`merge_ends_a_conflict`), as a review key
        on it is refused until a version is kept."""
        from factcheck_app.services.boundaries import merge_ends_a_conflict

        if not merge_ends_a_conflict(first.review, second.review):
            return False
        which = "this" if first.review.status is Status.CONFLICT else "the next"
        key = key_text(SPECS[ActionId.FOCUS_VERSIONS])
        there = "" if which == "this" else " there"
        self._window.statusBar().showMessage(
            f"Not merged: reviewers disagree on {which} sentence. Keep a version first "
            f"({key}{there}).",
            STATUS_LONG,
        )
        return True

    @guarded
    def split_at_cursor(self) -> None:
        """Split the current sentence at the caret in the article text, asking where the
        review and sources go when there are any."""
        window = self._window
        row = window.current_row()
        if row is None:
            require_sentence(window)  # says why: Ctrl+Shift+M did nothing, without a word
            return
        if not writable(window):
            return
        window.panel.flush_pending_text()
        if typed_text_waiting(window, (row.sentence.id,), "Split"):
            return
        sentence, at = row.sentence, window.article_view.cursor_offset()
        if not sentence.start < at < sentence.end:
            # Short enough for a 1024-px status bar: the longer one ended "Ctrl+Shif".
            window.statusBar().showMessage(
                "Put the caret where it should split (click in the text, or F6 and ←/→), "
                f"then press {key_text(SPECS[ActionId.SPLIT_HERE])}.",
                STATUS_LONG,
            )
            return
        # Imported when first asked for (they need the services): not at start-up.
        from factcheck_app.gui.dialogs.form_parts import run_dialog
        from factcheck_app.gui.dialogs.split import SplitSentenceDialog
        from factcheck_app.services.boundaries import SourcesTo, SplitPart

        review_to, sources_to = SplitPart.FIRST, SourcesTo.BOTH
        has_review = row.review.has_content
        if has_review or row.source_count:
            cut = at - sentence.start
            dialog = SplitSentenceDialog(
                sentence.text[:cut],
                sentence.text[cut:],
                has_review=has_review,
                has_sources=bool(row.source_count),
                parent=window,
            )
            if not run_dialog(dialog):
                return
            review_to, sources_to = dialog.review_to(), dialog.sources_to()
        with shown_as_saved_if_changed(window):
            window.desk.boundaries.split_sentence(
                sentence.id, at, review_to=review_to, sources_to=sources_to
            )
        # The hint on how to split stayed after the split, as if it had not happened.
        if self.withdrawn:  # the split took an approval or a return: said with it
            said = reworded_withdrawn_words(self.withdrawn, "Sentence split")
            window.statusBar().showMessage(said, STATUS_LONG)
        else:
            window.statusBar().showMessage(
                f"Sentence split in two ({key_text(SPECS[ActionId.UNDO])} joins it again).",
                STATUS_NOTE,
            )
        window.sentence_view.setFocus()

    @guarded
    def resplit_article(self) -> None:
        """Re-run the sentence splitter on the open article, warning if it holds reviews
        (once it is known that re-splitting changes something: else it says so)."""
        window = self._window
        article_id = require_article(window)  # the one asked about, whatever opens meanwhile
        if article_id is None or not writable(window):
            return
        # Text that still cannot be saved (a full disk, another program's lock) on a
        # sentence of this article: no re-split before it is saved, as Merge with Next or
        # Split. Run all the same, its worker held the text (`holds_saves`) and the
        # re-split replaced its sentence: the text was only offered in a box to copy.
        window.panel.flush_pending_text()
        if typed_text_waiting_in_article(window, article_id, "Re-split"):
            return
        from factcheck_app.services.boundaries import reviewed_among

        reviewed = reviewed_among(window.sentence_model.rows())  # the open article's, as saved

        def confirmed() -> bool:
            return self._resplit_anyway(reviewed)

        if window.desk.path is not None:
            # Every re-split runs in a worker, its check whether it changes anything too:
            # on the window's thread one of 976 sentences held it for 0.07-0.37 s, a 1 MB
            # one for 1.5-6 s, a 50 MB one for 90 s (docs/performance.md, "Re-splitting a
            # long article"). Its note shows only when it takes long.
            window.merging.resplit(article_id, confirmed if reviewed else None)
            return
        # An in-memory workspace (no second connection to work through): here.
        if reviewed:
            window.desk.boundaries.check_resplit_changes(article_id)  # no warning for nothing
            if not confirmed():
                return
            window.panel.flush_pending_text()  # as a worker's re-split, once confirmed
            if typed_text_waiting_in_article(window, article_id, "Re-split"):
                return
        window.desk.boundaries.resplit_article(article_id)

    def _resplit_anyway(self, reviewed: int) -> bool:
        """Asked before re-splitting an article with `reviewed` sentences holding reviews
        or sources (only once re-splitting is known to change some sentence)."""
        answer = ask(
            self._window,
            "Re-split Article",
            f"{counted(reviewed, 'sentence')} of this article already "
            f"{'has' if reviewed == 1 else 'have'} reviews or sources.\n\n"
            "Re-splitting moves each review to the new sentence that holds its start; "
            "where two reviews meet, both are kept and the sentence is marked for a "
            "second look. Undo (Ctrl+Z) puts everything back.\n\nRe-split anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
            warning=True,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- undo, redo and the echo of every edit --------------------------------------------

    @guarded
    def undo(self) -> None:
        self._window.panel.flush_pending_text()
        # Before a re-split's (or a merge step's) note shows, the window takes keys: an
        # undo then ran on this connection while the worker wrote.
        if self._window.merging.refuse_while_merging("undo"):
            return
        if self._typed_text_under("undo"):
            return
        if self._window.imports.ctrl_z_past_import():  # meant for the paste: said, once
            return
        if self._window.merging.take_step("undo"):  # a merge: in a worker
            return
        self._step("undo", "Undone", NOTHING_TO_UNDO)

    @guarded
    def redo(self) -> None:
        # Typed text first, as Ctrl+Z: saved after the redo, it went onto a sentence the
        # redo deleted (a re-split's, a merge's), and was lost.
        self._window.panel.flush_pending_text()
        if self._window.merging.refuse_while_merging("redo"):  # as Ctrl+Z
            return
        if self._typed_text_under("redo"):
            return
        if self._window.merging.take_step("redo"):
            return
        self._step("redo", "Redone", NOTHING_TO_REDO)

    def _typed_text_under(self, action: str) -> bool:
        """True (and a status line) when the step `action` would take replaces sentences
        (a merge or split of sentences, a short re-split: by their ids; a long re-split:
        those, and any sentence of its article, as the re-split itself: run
        in its worker, which held the text, it replaced the text's sentence, and the
        text was only offered in a box to copy) or may touch any (a merge of
        workspaces, an article removed or brought back) under typed text the workspace
        refused (`typed_text_waiting`). An undo of a review's own edit goes ahead: the
        text, saved after it, is the newer edit, as ever."""
        from factcheck_app.services.articles import RemoveArticleEdit
        from factcheck_app.services.edits import StructuralEdit

        window = self._window
        edit = window.desk.edits.top(action)
        if edit is None:
            return False
        if isinstance(edit, StructuralEdit) and edit.runs_long:
            return typed_text_waiting_in_article(
                window, edit.article_id, action.capitalize(), edit.sentence_ids()
            )
        if edit.entity == "sentence":
            touched: tuple[int, ...] | None = edit.sentence_ids()
        elif edit.entity == "workspace" or isinstance(edit, RemoveArticleEdit):
            touched = None
        else:  # a review's, a source's, an article's properties: its sentences stay
            return False
        return typed_text_waiting(window, touched, action.capitalize())

    def _step(self, action: str, done: str, nothing: str) -> None:
        """Undo or redo, and say which edit: Ctrl+Z on a sentence scrolled out of sight,
        or on a source's title, changed something without a word of what."""
        if saving_stopped(self._window) or folder_silent(self._window):
            return
        desk, status = self._window.desk, self._window.statusBar()
        what = shown_edit(desk.edits.undo_text() if action == "undo" else desk.edits.redo_text())
        box = self._window.filter_box
        shown = box.currentIndex()
        from factcheck_app.services.sign_offs import SignOffEdit

        step = desk.edits.top(action)
        self._stepping_sign_off = isinstance(step, SignOffEdit)
        try:
            change = desk.undo() if action == "undo" else desk.redo()
        except EditRefused as error:
            self.update_undo_actions()  # one refused for good is offered no more
            self.show_outside_change(step, error)
            raise
        finally:
            self._stepping_sign_off = False
        # Its sentence not listed, the Show box went back to "All sentences": "Undone: …"
        # went over the line that said so, and the box had changed without a word.
        relisted = self._window.show_box_line if box.currentIndex() != shown else ""
        if change is None:
            status.showMessage(nothing, STATUS_BRIEF)
        elif self.withdrawn and not change.message:
            # A merge or split redone takes the sign-offs again: "Redone: Merge
            # sentences." alone went over the words that said so.
            said = reworded_withdrawn_words(self.withdrawn, f"{what} {done.lower()}")
            status.showMessage(f"{said} {relisted}".strip(), STATUS_LONG)
        elif not change.message:  # a redone merge or re-split says what it did itself
            status.showMessage(f"{done}: {what}. {relisted}".strip(), STATUS_NOTE)

    def show_change(self, change: Change) -> None:
        """Refresh only what an edit touched (the whole article after merge/split)."""
        window = self._window
        desk = window.desk
        window.imports.note_reviewer_work()
        window.merging.edit_shown()  # a worker's step running: the rows it reads may be older
        window.suggestions.pause()  # an edit by key: keys first, suggestions after
        withdrawn: SignOff | None = None  # a sign-off this edit took away
        self.withdrawn = []  # those a merge, split or re-split took
        # This window's own edit (an undo of the explanation, a suggestion taken) under
        # typed text waiting there: the text goes over it when saved, as the newer edit,
        # not refused as if another program had saved it (`Reviews.set_text_field`).
        # Not typed text's own save, which changes its field alone (the panel follows
        # it): taken for the review's, another program's save of the other field,
        # under text waiting there, was taken for this window's and saved over.
        waiting = set() if self._saving_typed_text else window.panel.pending_sentence_ids()
        for sentence_id in waiting & set(change.sentence_ids):
            # Only the fields the step set: a verdict given took the explanation found
            # then, another program's save, as this window's, and text waiting there
            # (too long) was saved over it once shortened.
            fields = change.texts.get(sentence_id, {})
            with contextlib.suppress(NotFound):  # a sentence the step took away
                window.panel.saved_here(desk.reviews.review(sentence_id), fields)
        if change.workspace_wide:  # a merge, an article removed, or their undo
            window.merging.show_workspace_change(change.article_id or None)
        elif change.properties:  # Article Properties, or its undo: the title shows anew
            window.reload_articles()
            if change.article_id != window.article_id:
                window.open_article(change.article_id)
            window.update_title()
        elif self._saving_typed_text and change.article_id != window.article_id:
            # Typed text saved after the reviewer left its article (its retry, once there
            # was room): that article opened, its sentence list focused, and the letters
            # typed next into this one's fields were taken as its keys (C, 1-6). Only its
            # line in the article list changes.
            if window.article_model.row_of(change.article_id) >= 0:
                window.article_model.update_article(
                    desk.articles.article_summary(change.article_id)
                )
        elif change.article_id != window.article_id or change.structural:
            focus = change.focus_sentence_id or (
                change.sentence_ids[0] if change.sentence_ids else None
            )
            window.open_article(change.article_id, focus, rows=change.rows)
            change.rows = None  # the model holds them now: not kept twice
            # A merge, split or re-split takes the sign-off of each sentence whose words
            # it changes (docs/team.md): said nowhere, "Verdict approved." stayed in the
            # status bar over the merged sentence, which no longer had that approval. Told
            # by the step, not by the rows shown before it: a merge redone from another
            # article took its approval unsaid.
            self.withdrawn = list(change.sign_offs_taken)
        else:
            current = window.current_sentence_id()
            for sentence_id in change.sentence_ids:
                old, new = self._row_read_again(sentence_id)
                if old.sign_off is not None and new.sign_off is None:
                    withdrawn = old.sign_off
                if sentence_id == current:
                    links = desk.sources.links(sentence_id) if new.source_count else []
                    window.panel.show_review(new.review, links)
            # An edit elsewhere (an undo) shows its sentence; typed text saved as the
            # reviewer moves on does not: going back there, inside the move, left the list
            # on the sentence left and the panel on the new one, typing into it.
            moved_off = self._saving_typed_text
            if current not in change.sentence_ids and change.sentence_ids and not moved_off:
                window.select_sentence(change.sentence_ids[0])
            window.update_progress()
        status = window.statusBar()
        if change.message:
            self._edit_message = change.message
            status.showMessage(change.message, STATUS_LONG)
        elif self._edit_message and status.currentMessage() == self._edit_message:
            status.clearMessage()  # e.g. "Merged…" after Ctrl+Z undid the merge
            self._edit_message = ""
        if withdrawn is not None and not self._stepping_sign_off:
            # The status column's "Approved" turning "Done" was all that said it, under
            # "Verdict approved." still in the status bar; the panel's sign-off line is
            # below the fold at 1024×640. (An undo or redo says "Undone: …" over it.)
            status.showMessage(withdrawn_words(withdrawn), STATUS_LONG)
        elif self.withdrawn:  # after the merge's own words, which it does not undo
            said = reworded_withdrawn_words(self.withdrawn)
            status.showMessage(f"{change.message} {said}".strip(), STATUS_LONG)
        self.update_undo_actions()
        # No earlier-verdict look-up here: the current sentence's own edits never change
        # its earlier verdicts, and an edit elsewhere (undo) moves to that sentence, which
        # looks them up.
        window.refresh_search_results()

    def _row_read_again(self, sentence_id: int) -> tuple[SentenceRow, SentenceRow]:
        """The listed row of `sentence_id` (in the open article), as shown and as read
        again: the span did not change, so just its review, source count and sign-off,
        and the window's counts with them."""
        window, desk = self._window, self._window.desk
        model = window.sentence_model
        old = model.sentence_row(model.row_of(sentence_id))
        new = SentenceRow(
            old.sentence,
            desk.reviews.review(sentence_id),
            desk.reviews.source_count(sentence_id),
            desk.sign_offs.sign_off(sentence_id),
        )
        window.reviewed_count += int(new.review.is_reviewed) - int(old.review.is_reviewed)
        window.conflict_count += int(new.review.status is Status.CONFLICT) - int(
            old.review.status is Status.CONFLICT
        )
        window.returned_count += int(returned(new)) - int(returned(old))
        model.update_row(new)
        return old, new

    def _say_nothing(self, action: str, line: str) -> None:
        """Ctrl+Z (or Ctrl+Shift+Z) with nothing to take: a plain "Nothing to undo." is
        brief, as the menu's; the reason after a restore or another workspace opened is
        read longer. While a merge or a re-split (or its undo or redo) runs, its refusal
        instead (`refuse_while_merging`, as when the action is on)."""
        if self._window.merging.refuse_while_merging(action):
            return
        brief = line in (NOTHING_TO_UNDO, NOTHING_TO_REDO)
        self._window.statusBar().showMessage(line, STATUS_BRIEF if brief else STATUS_LONG)

    def show_outside_change(self, step: object, error: Exception) -> None:
        """After an undo or redo of `step` refused: the status bar's line goes; refused
        for good (`EditGone`), read the open article again when the step was on it (typed
        text waiting stays in its field, `show_as_saved`): refused for another program's
        change, which a window that edits does not read by itself (only it writes here,
        as a rule), the refusal named a verdict the table did not show, and the panel's
        stale fields were what a letter typed there saved over it. A merge's step is on
        every article it brought: the open one is read again whichever it is.

        Called for every undo or redo refused (a short step's and a worker's), so the
        status line goes here, once: "Article removed (Ctrl+Z brings it back)" stayed
        under a box saying Ctrl+Z would not yet, and "Merged …" under a refused undo of
        that merge, as if each still stood as said. Not a line the window owes unasked
        (`Notices`: an automatic backup that failed, verdicts returned), which a clear in
        sight counts as read: gone for good at a refused Ctrl+Z, said by nothing else."""
        status = self._window.statusBar()
        if status.currentMessage() not in self._window.notices.owed():
            status.clearMessage()
        self._edit_message = ""
        on_open_article = getattr(step, "article_id", None) == self._window.article_id
        workspace_wide = getattr(step, "entity", None) == "workspace"
        if isinstance(error, EditGone) and getattr(step, "entity", None) == "article":
            # Remove Article's undo (or redo) refused for an article imported, or work
            # recorded, since: the box said "is in the workspace again" of an article
            # the list, read when this window last changed it, did not show.
            self._window.reload_articles()
        if isinstance(error, EditGone) and (on_open_article or workspace_wide):
            self.show_as_saved()

    def show_as_saved(self) -> None:
        """Read the open article again, keeping the current sentence: after a refusal for
        a change this window did not make, which it does not read by itself. Typed text
        waiting (too long, or no room) stays in its field, the rest of its review read
        again: skipped while text waited, the panel went on showing the review from
        before, and a verdict or status chosen there went over the other program's. The
        panel says which reviews with text waiting were changed."""
        window = self._window
        if window.article_id is None:
            return
        panel = window.panel
        model = window.sentence_model
        # Saved first, as the reading would: text saved in it (room found meanwhile) was
        # a change to its review, said as another program's.
        panel.flush_pending_text()
        if not window.desk.articles.exists(window.article_id):
            # Another program removed the whole article: read again, it failed ("There is
            # no article 1") over the refusal's own box, and the window kept listing it.
            # Shown as after Remove Article: the list read again, the article beside it
            # open (the first in the list was: the reviewer sent from the middle of a
            # day's list back to its top).
            articles = window.article_model
            row = articles.row_of(window.article_id)
            beside = [at for at in (row + 1, row - 1) if row >= 0 and 0 <= at < articles.rowCount()]
            near = articles.article_at(beside[0]).id if beside else None
            window.merging.show_workspace_change(near)
            return
        waiting = panel.pending_sentence_ids()
        before = {row.sentence.id: row.review for row in model.rows() if row.sentence.id in waiting}
        current = window.current_row()
        rows = window.desk.reviews.sentence_rows(window.article_id)
        listed = window.sentence_filter.lists
        focus = None if current is None else nearest_sentence(rows, current.sentence, listed)
        if current is not None and focus == current.sentence.id:
            # Listed as the reviewer changed it (the filter keeps it so until chosen
            # again): read again, one it no longer passed (a verdict just given under "Not
            # yet done") put the Show box back to "All sentences" unasked, for a refusal.
            window.sentence_filter.keep_listed(focus)
        try:
            window.load_article(window.article_id, focus, rows=rows)
        finally:
            window.sentence_filter.keep_listed(None)  # this read only: filtered again later
        # Its line in the article list and the title bar too: Article Properties refused
        # with "the title is now “…”" over a list still showing the title from before.
        if window.article_model.row_of(window.article_id) >= 0:
            window.article_model.update_article(
                window.desk.articles.article_summary(window.article_id)
            )
        window.update_title()
        changed = {
            row.sentence.id
            for row in model.rows()
            if row.sentence.id in before and row.review != before[row.sentence.id]
        }
        panel.took_outside_change(changed)
        # The search pane's results too, as after an edit (`show_change`): read again on a
        # sentence another program took away, they went on listing it.
        window.refresh_search_results()

    def update_undo_actions(self) -> None:
        edits, registry = self._window.desk.edits, self._window.registry
        # "&&": a source titled "AT&T report" read "Undo Link source ATT report" (an Alt key).
        undo_text = shown_edit(edits.undo_text()).replace("&", "&&")
        redo_text = shown_edit(edits.redo_text()).replace("&", "&&")
        registry[ActionId.UNDO].setEnabled(bool(undo_text))
        self._nothing_to_undo.message = self._window.workspace.nothing_to_undo()
        self._nothing_to_undo.watch(not undo_text)
        self._nothing_to_redo.watch(not redo_text)
        registry[ActionId.UNDO].setText(f"&Undo {undo_text}".strip())
        registry[ActionId.REDO].setEnabled(bool(redo_text))
        registry[ActionId.REDO].setText(f"&Redo {redo_text}".strip())
        trim_button_connections(self._window.toolbar)  # Qt added one per change above


def nearest_sentence(
    rows: list[SentenceRow],
    sentence: Sentence,
    listed: Callable[[SentenceRow], bool] = lambda _row: True,
) -> int | None:
    """The id of `sentence` among `rows` (an article read again), or, when another
    program took it away meanwhile, of the sentence nearest it: the one now holding the
    words it began with (merged into it), else the last one before it, else the first.
    Read again on a sentence gone, the list had no current sentence, while the review
    panel went on showing the one gone and took typing that could never be saved.
    Of those the Show box lists (`listed`), when it lists any: the nearest sentence,
    one it hid, put the box back to "All sentences" unasked (`select_sentence`)."""
    before: int | None = None
    for row in rows:
        if row.sentence.id == sentence.id:
            return sentence.id
    rows = [row for row in rows if listed(row)] or rows
    for row in rows:
        if row.sentence.start <= sentence.start < row.sentence.end:
            return row.sentence.id
        if row.sentence.start < sentence.start:
            before = row.sentence.id
    if before is None and rows:
        return rows[0].sentence.id
    return before


def withdrawn_words(sign_off: SignOff) -> str:
    """What the status bar says when an edit took `sign_off` away (docs/team.md: a
    changed verdict, or anything changed under an approval, awaits sign-off again)."""
    if sign_off.decision is SignOffDecision.APPROVED:
        return (
            f"{sign_off.editor}'s approval no longer stands: the check changed after it, "
            "so it awaits sign-off again (Ctrl+Z puts the approval back)."
        )
    return f"The verdict changed since {sign_off.editor} returned it: it awaits sign-off again."


def reworded_withdrawn_words(gone: list[SignOff], done: str = "") -> str:
    """What the status bar says when a merge, split or re-split took the sign-offs `gone`
    by changing their sentences ("": none went); `done` ("Sentence split"), what was
    done, said first in place of why. Not `withdrawn_words`: no verdict changed. Short
    enough for a 1024-px status bar (a longer one ended "so it awaits sign-off a… (more:
    Ctrl+Shift+J)")."""
    if not gone:
        return ""
    undo = key_text(SPECS[ActionId.UNDO])
    if len(gone) > 1:
        went, them = f"{len(gone)} sign-offs no longer stand", "they await"
        why, back = "their sentences changed", "them"
    else:
        kind = "approval" if gone[0].decision is SignOffDecision.APPROVED else "return"
        went, them = f"{gone[0].editor}'s {kind} no longer stands", "it awaits"
        why, back = "the sentence changed", "it" if kind == "approval" else "the return"
    again = f"so {them} sign-off again ({undo} puts {back} back)."
    return f"{done}: {went}, {again}" if done else f"{went}: {why}, {again}"
