"""Sign-off and the sentence's history in the window: approve or return the current
sentence's verdict, and keep the panel's history and sign-off state current.

The history is read a moment after the reviewer stops on a sentence (a key held down
through an article reads none of the sentences it passes), and again after each edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer

from factcheck_app.domain.errors import FactcheckError, NotFound
from factcheck_app.domain.models import SignOff, SignOffDecision
from factcheck_app.domain.printable import bidi_neutral, shown_name
from factcheck_app.domain.sign_off import AWAITING_COUNTED
from factcheck_app.domain.wording import figure
from factcheck_app.gui.actions import SPECS, ActionId, key_text
from factcheck_app.gui.controllers.guards import (
    offered_if_sentence_gone,
    require_sentence,
    shown_as_saved_if_changed,
    typed_text_waiting,
    writable,
)
from factcheck_app.gui.history_panel import HISTORY_SHOWN
from factcheck_app.gui.messages import (
    STATUS_LONG,
    STATUS_LONGEST,
    STATUS_RESULT,
    STATUS_WARNING,
    guarded,
)
from factcheck_app.gui.models import (
    ARTICLE_FILTER_LABELS,
    FILTER_LABELS,
    ArticleFilter,
    SentenceFilter,
    one_line,
)

if TYPE_CHECKING:
    from factcheck_app.gui.history_panel import SentenceHistoryBox
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.edits import Change
    from factcheck_app.services.sign_offs import Awaiting

# How long the current sentence must stay current before its history is read.
HISTORY_DELAY_MS = 150
RETURN_NOTE_CHARS = 90  # of an editor's note in the status bar, at 1024 px
RETURN_NOTE_LEAST_CHARS = 16  # of it, or only "with a note": the key to the panel says where
RETURNED_TITLE_CHARS = 40  # of an article's title, when returned verdicts are there
# The notice at the open of what is owed to the reviewer (returned, or awaiting sign-off).
OWED_WORK_NOTICE = "owed-work"


class SignOffController(QObject):
    """Approve / Return with Note, and the review panel's history box."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._timer = QTimer(self, singleShot=True, interval=HISTORY_DELAY_MS)
        self._timer.timeout.connect(self.load_history)
        self._said = ""  # the status line a returned sentence showed, while it shows
        # What the notice at the open counted awaiting sign-off, while it is owed.
        self._awaiting: Awaiting | None = None

    @property
    def _box(self) -> SentenceHistoryBox:
        return self._window.panel.history_box

    def sentence_changed(self) -> None:
        """A new current sentence: its sign-off now, its history once the reviewer stops."""
        row = self._window.current_row()
        self._box.show_sign_off(row.review if row else None, row.sign_off if row else None)
        self._box.clear_history()  # never the previous sentence's entries under this one
        if row is not None:
            self._timer.start()
        sign_off = row.sign_off if row is not None else None
        if sign_off is not None and sign_off.decision is SignOffDecision.RETURNED:
            self._say_returned(sign_off)
            return
        status = self._window.statusBar()
        if self._said and status.currentMessage() == self._said:
            status.clearMessage()  # said of the sentence before: not of this one
        self._said = ""

    def _say_returned(self, sign_off: SignOff) -> None:
        """The editor's note, where the checker looks: in the panel it sits at the foot,
        below the sources and earlier verdicts, out of sight at 1024×640."""
        note = bidi_neutral(" ".join(sign_off.note.split()))  # "(F6: …)" after it not reversed
        if len(note) > RETURN_NOTE_CHARS:
            note = note[: RETURN_NOTE_CHARS - 1].rstrip() + "…"
        who = f"Returned by {shown_name(sign_off.editor)}"
        where = f" ({key_text(SPECS[ActionId.FOCUS_HISTORY])}: in the panel)."
        said = f"{who}: “{note}”{where}" if note else f"{who}{where}"
        # Where the note is whole is what the line is for: with a large font the note took
        # the whole bar, and the key to the panel was cut off its end.
        window = self._window
        metrics = window.statusBar().fontMetrics()
        room = window.message_room()
        if note and room > 0 and metrics.horizontalAdvance(said) > room:
            left = room - metrics.horizontalAdvance(f"{who}: “”{where}")
            if left >= RETURN_NOTE_LEAST_CHARS * metrics.averageCharWidth():
                note = metrics.elidedText(note, Qt.TextElideMode.ElideRight, left)
                said = f"{who}: “{note}”{where}"
            else:
                said = f"{who} with a note{where}"
        self._said = said
        window.statusBar().showMessage(said, STATUS_LONG)

    def tell_returned(self) -> None:
        """Once a workspace is open and its article shown: say how many of the reviewer's
        verdicts an editor returned (and they have not changed since), and where the Show
        box lists them. They showed only as "Returned" in the status column, in whichever
        article, so a checker back at the desk was not told. With none returned, how many
        of colleagues' verdicts await sign-off (`awaiting_text`): an editor opening a
        checker's file was told nothing."""
        # Owed, not asked for: after what the open said (the check of a copy, a restore),
        # never over it, and kept in sight its time (`gui/notices.py`).
        self._awaiting = None  # of this workspace, counted now (or not, when returned)
        said = self.returned_text() or self.awaiting_text()
        if said:
            self._window.notices.tell(said, STATUS_LONGEST, key=OWED_WORK_NOTICE)

    def recount_owed(self, change: Change | None = None) -> None:
        """While the notice at the open is owed, count it again: an editor who approved two
        of the four verdicts it counted saw "4 verdicts by Ana Ruiz await sign-off" come
        back after each "Verdict approved.", and after the last one too; a newcomer who
        gave her name at the first start, what the account's name was owed. After an edit
        (`change`), only the sentences it touched (`SignOffs.awaiting_after`): kept owed
        while the editor keys, a whole count at each key read every colleague's reviews."""
        notices = self._window.notices
        if not notices.owes(OWED_WORK_NOTICE):
            self._awaiting = None
            return
        said = self.returned_text()
        if said:
            self._awaiting = None  # not kept up meanwhile: counted whole when next said
        else:
            before = self._awaiting
            if before is not None and change is not None and not self._moves_much(change):
                window = self._window
                try:
                    self._awaiting = window.desk.sign_offs.awaiting_after(
                        window.desk.reviewer, before, change.sentence_ids
                    )
                except FactcheckError:
                    self._awaiting = None
                said = self._awaiting_said(self._awaiting)
            else:
                said = self.awaiting_text()
        notices.reword(OWED_WORK_NOTICE, said)

    @staticmethod
    def _moves_much(change: Change) -> bool:
        """Whether `change` may have made or taken sentences it does not name (a merge of
        workspaces, a split, a re-split): counted again whole."""
        return change.structural or change.workspace_wide

    def returned_text(self) -> str:
        """How many of the reviewer's verdicts an editor returned (not changed since), and
        where the Show box lists them; "" when none (or the workspace cannot say)."""
        window = self._window
        if not window.has_desk() or window.desk.closed:
            return ""
        try:
            by_article = window.desk.sign_offs.returned_to(window.desk.reviewer)
        except FactcheckError:
            return ""  # a damaged file says so when the reviewer gets there
        count = sum(by_article.values())
        if not count:
            return ""
        was, them = ("was", "it") if count == 1 else ("were", "them")
        show = f"Show → {FILTER_LABELS[SentenceFilter.RETURNED]}"
        said = f"{count} of your verdicts {was} returned by an editor"
        here = self._in_one_article(by_article, show, them)
        if here:
            said += here
        else:
            # Which articles: the finder's box above the article list lists them (short:
            # whole in a 1024-pixel window's status bar beside the sentences' count).
            mine = ARTICLE_FILTER_LABELS[ArticleFilter.RETURNED]
            said += (
                f", in {len(by_article)} articles: choose “{mine}” above the article list, "
                f"then {show}."
            )
        return said

    def awaiting_text(self) -> str:
        """How many verdicts of colleagues await the reviewer's sign-off (done, with a
        verdict, signed off by nobody, saved by someone else: `awaiting_from_others`) and
        where the Show box lists them; "" when none (or the workspace cannot say). The
        desk has no roles: a checker with her own work only is never told."""
        window = self._window
        self._awaiting = None
        if not window.has_desk() or window.desk.closed:
            return ""
        try:
            self._awaiting = window.desk.sign_offs.awaiting_from_others(window.desk.reviewer)
        except FactcheckError:
            return ""
        return self._awaiting_said(self._awaiting)

    def _awaiting_said(self, awaiting: Awaiting | None) -> str:
        """`awaiting_text`'s words for verdicts counted (None: the workspace could not say)."""
        if awaiting is None:
            return ""
        found = awaiting.by_checker
        if not found:
            return ""
        by_article: dict[int, int] = {}
        for counts in found.values():
            for article_id, count in counts.items():
                by_article[article_id] = by_article.get(article_id, 0) + count
        count = sum(by_article.values())
        names = sorted(found, key=lambda name: -sum(found[name].values()))
        who = shown_name(names[0])
        if len(names) == 2:
            who += f" and {shown_name(names[1])}"
        elif len(names) > 2:
            who += f" and {len(names) - 1} others"
        show = f"Show → {FILTER_LABELS[SentenceFilter.AWAITING_SIGN_OFF]}"
        listed = ARTICLE_FILTER_LABELS[ArticleFilter.AWAITING_SIGN_OFF]
        # One name in both boxes (test_awaiting_sign_off_at_open): "and in Show".
        both = f"choose “{listed}” above the article list and in Show"
        if awaiting.more:  # counted no further (`AWAITING_COUNTED`): in many articles
            return f"More than {AWAITING_COUNTED:,} verdicts by {who} await sign-off: {both}."
        verdicts, wait, them = (
            ("verdict", "awaits", "it") if count == 1 else ("verdicts", "await", "them")
        )
        said = f"{figure(count)} {verdicts} by {who} {wait} sign-off"
        here = self._in_one_article(by_article, show, them)
        if here:
            return f"{said}{here}"
        # Which articles: the finder's box above the article list lists them (as for
        # verdicts returned, "Returned to me"); the Show box's choice has the same name.
        # Short: whole in a 1024-pixel window's status bar beside the sentences' count.
        return f"{said}, in {len(by_article)} articles: {both}."

    def _in_one_article(self, by_article: dict[int, int], show: str, them: str) -> str:
        """Where verdicts counted `by_article` are, when in one article: the open one
        (": Show → … lists them."), or another, named (", in “…”: open it, and …"); ""
        when they are in several (each message says those its own way)."""
        window = self._window
        if set(by_article) == {window.article_id}:
            return f": {show} lists {them}."
        if len(by_article) != 1:
            return ""
        row = window.article_model.row_of(next(iter(by_article)))
        title = window.article_model.article_at(row).title if row >= 0 else ""
        return f", in “{one_line(title, RETURNED_TITLE_CHARS)}”: open it, and {show} lists {them}."

    def edit_shown(self, change: Change) -> None:
        """After any edit, undo or redo: the current sentence's state and history again."""
        row = self._window.current_row()
        self._box.show_sign_off(row.review if row else None, row.sign_off if row else None)
        if row is not None:
            self._timer.start()
        self.recount_owed(change)

    def load_history(self) -> None:
        window = self._window
        sentence_id = window.current_sentence_id()
        if sentence_id is None or not window.has_desk() or window.desk.closed:
            self._box.clear_history()
            return
        try:
            entries, older = window.desk.history.shown_of_sentence(sentence_id, HISTORY_SHOWN)
        except NotFound:
            # Another program (the writer, beside this read-only window) removed or merged
            # the sentence since it was shown: the window reloads within the second.
            self._box.clear_history()
            return
        except FactcheckError as error:
            # Read on a timer, so not `guarded`: a busy workspace, or one torn as it is
            # moved, was the crash box. Said as the earlier verdicts' read says it; the
            # next move reads it again.
            self._box.clear_history()
            window.statusBar().showMessage(
                f"Could not read this sentence's history: {error}", STATUS_WARNING
            )
            return
        article_id = window.article_id
        self._box.show_history(entries, older_from=article_id if older else None)
        row = window.current_row()
        if row is not None and row.review.verdict is not None and row.sign_off is None:
            # Whose verdict awaits sign-off is in the history: read with it, not per key.
            try:
                checker = window.desk.sign_offs.checker(sentence_id)
            except FactcheckError:
                return  # the line keeps what the move showed (the review's last saver)
            self._box.show_sign_off(row.review, row.sign_off, checker)

    @guarded
    def approve(self) -> None:
        window = self._window
        sentence_id = require_sentence(window)
        if sentence_id is None or not writable(window) or self._typed_text_kept(sentence_id):
            return
        # Refused as changed meanwhile, the box says to look at the verdict again.
        with shown_as_saved_if_changed(window):
            window.desk.sign_offs.approve(sentence_id)
        window.statusBar().showMessage("Verdict approved.", STATUS_RESULT)

    @guarded
    def send_back(self) -> None:
        window = self._window
        sentence_id = require_sentence(window)
        row = window.current_row()
        if sentence_id is None or row is None or not writable(window):
            return
        if self._typed_text_kept(sentence_id):
            return
        # Asked for rarely: not at start-up.
        from factcheck_app.gui.dialogs.form_parts import run_until_saved
        from factcheck_app.gui.dialogs.return_note import ReturnNoteDialog

        window.desk.sign_offs.check_may_return(sentence_id)  # refused before any note is typed
        # The verdict's author, as the return records it: asked of whoever saved last, a
        # colleague's typo fix in the explanation made the box name that colleague.
        checker = window.desk.sign_offs.checker(sentence_id)
        dialog = ReturnNoteDialog(row.sentence.text, checker, window)

        def save() -> None:
            # Looked at again behind the note, which comes back as typed: the table
            # showed the verdict from before, and Return sent back one never seen.
            with shown_as_saved_if_changed(window):
                window.desk.sign_offs.send_back(sentence_id, dialog.note())

        # A return the workspace refuses (a full disk) brings the note back as typed.
        # Its sentence taken away meanwhile: said once, the note offered to copy.
        gone = offered_if_sentence_gone(
            window, sentence_id, "The return", lambda: [("the return note", dialog.note())]
        )
        if run_until_saved(dialog, save, window, refused_for_good=gone):
            window.statusBar().showMessage("Verdict returned to its checker.", STATUS_RESULT)

    def _typed_text_kept(self, sentence_id: int) -> bool:
        """Save text being typed on the sentence before signing it off (True, and a status
        line, when it cannot be saved yet). Saved after, on leaving its box, it changed
        the check an approval had just vouched for: "Verdict approved.", and the approval
        was gone the moment the editor moved on."""
        self._window.panel.flush_pending_text()
        return typed_text_waiting(self._window, (sentence_id,), "Sign-off")

    def focus_history(self) -> None:
        self._box.view.setFocus()
        # It sits at the foot of the panel: scroll it into sight in a short window.
        self._window.panel_scroll.ensureWidgetVisible(self._box)
