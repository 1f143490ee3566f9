"""Search over the workspace, and the earlier verdicts that resemble the current sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from factcheck_app.domain.errors import EarlierSentenceGone, FactcheckError
from factcheck_app.domain.models import Review, verdict_label
from factcheck_app.domain.printable import shown_line
from factcheck_app.domain.wording import counted
from factcheck_app.gui import settings
from factcheck_app.gui.controllers.guards import (
    require_sentence,
    shown_as_saved_if_changed,
    writable,
)
from factcheck_app.gui.messages import STATUS_NOTE, STATUS_RESULT, STATUS_WARNING, guarded

if TYPE_CHECKING:
    from factcheck_app.gui.main_window import MainWindow

# Earlier verdicts are looked up once the reviewer pauses on a sentence, not on every key
# of a held Down arrow (a look-up takes a few ms; a step through the list must stay ~4 ms).
EARLIER_DELAY_MS = 150
# The search pane's first height: a share of the article text's and the sentences' room,
# at most SEARCH_PANEL_HEIGHT. At 1024x640 a fixed 260 px, taken from the article text
# alone, left it about three lines. A height the reviewer drags it to is kept instead.
SEARCH_PANEL_HEIGHT = 260
SEARCH_PANEL_SHARE = 0.3
SEARCH_PANEL_KEEPS = 60  # the least the article text and the sentences each keep
# Under the pane the sentence list keeps its current sentence, grown as tall as it grows,
# and this many rows more: a share of 1024x640 left it one row and the top of the next.
# Its room comes from the pane first, down to RESULTS_KEPT results (not from a height the
# reviewer dragged it to), then from the article text, down to ARTICLE_KEEPS_LINES lines:
# six show the current sentence highlighted with its neighbours, and twelve left a first
# start's window (the welcome note above the panes) its current sentence alone, cut off.
SENTENCE_ROWS_KEPT = 3
RESULTS_KEPT = 3
ARTICLE_KEEPS_LINES = 6
# Where even that is more than there is (a large font, the welcome note): the pane shows
# its RESULTS_KEPT results whole, else as many as leave the sentence list its current
# sentence whole and the article text ARTICLE_LEAST_LINES, and one at the least. At 16 pt
# on 1024x640 its 30 % share went on the find and "Look in" rows: the results were a
# sliver, half a row.
ARTICLE_LEAST_LINES = 2


class SearchController(QObject):
    """The search pane (Ctrl+F, F3) and the panel's earlier verdicts (V, Ctrl+Shift+L)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.earlier_timer = QTimer(self, singleShot=True, interval=EARLIER_DELAY_MS)
        self.earlier_timer.timeout.connect(self.look_up_earlier_verdicts)
        self._chosen_height: int | None = None  # read with the first Ctrl+F
        # The article text's and the sentences' heights before the pane opened (given back
        # as they were when it closes), and whether the sentences keep their rows as the
        # window is resized (until the reviewer drags the handle between them).
        self._sizes_before: tuple[int, int] | None = None
        self._keep_rows = False

    # -- earlier verdicts -----------------------------------------------------------------

    def sentence_changed(self) -> None:
        """Look up the new current sentence's earlier verdicts once the reviewer pauses."""
        self.earlier_timer.start()

    def look_up_earlier_verdicts(self) -> None:
        window = self._window
        if window.desk.closed:  # the pause ended after the window closed the workspace
            return
        earlier = window.panel.earlier
        sentence_id = window.current_sentence_id()
        if sentence_id is None:
            earlier.show_verdicts([], sentence=False)
            return
        if earlier.waiting_for_index():  # its private index, still empty, finds none
            earlier.show_verdicts([])
            return
        if window.merging.running:
            # A re-split, a merge or a long step's undo or redo is writing in a worker: the
            # sentence shown may be gone already, the window not yet told (the status bar
            # said "Could not look up earlier verdicts: There is no sentence 18" as a
            # re-split ended). Looked up once the worker has ended, for the sentence then
            # shown; edits wait for it anyway (`writable`).
            self.earlier_timer.start()
            return
        try:
            verdicts = window.desk.lookup.earlier_verdicts(sentence_id)
        except FactcheckError as error:
            earlier.show_verdicts([])
            window.statusBar().showMessage(
                f"Could not look up earlier verdicts: {error}", STATUS_WARNING
            )
            return
        earlier.show_verdicts(verdicts)

    def _chosen_earlier_verdict(self) -> tuple[int, int] | None:
        """(current sentence, earlier sentence) for the copy/reuse keys, or None with a
        message saying why not."""
        window = self._window
        sentence_id = require_sentence(window)
        if sentence_id is None or not writable(window):
            return None
        if self.earlier_timer.isActive():  # the reviewer was quicker than the pause
            self.earlier_timer.stop()
            self.look_up_earlier_verdicts()
        chosen = window.panel.earlier.chosen()
        if chosen is None:
            window.statusBar().showMessage(
                "No earlier verdict resembles this sentence: nothing to copy.", STATUS_RESULT
            )
            return None
        return sentence_id, chosen.found.row.sentence.id

    @guarded
    def copy_earlier_verdict(self) -> None:
        pair = self._chosen_earlier_verdict()
        # A sentence in conflict: said in the status bar, as the other review keys say it
        # (the workspace's refusal came in a box to dismiss).
        if pair is None or not self._window.edits.may_change(pair[0]):
            return
        desk, status = self._window.desk, self._window.statusBar()
        sentence_id = pair[0]
        before = desk.reviews.review(sentence_id)
        approved = desk.sign_offs.sign_off(sentence_id) is not None
        try:
            with shown_as_saved_if_changed(self._window):
                copied = desk.reviews.copy_verdict(*pair)
        except EarlierSentenceGone as gone:
            self._earlier_gone(gone)
            return
        if copied is None:
            status.showMessage("This sentence already has that verdict.", STATUS_NOTE)
            return
        if approved and desk.sign_offs.sign_off(sentence_id) is None:
            return  # the status bar says the sign-off it took (`show_change`)
        # Said, as the panel it comes from is below the fold at 1024×640: V, beside C,
        # replaced a verdict (and the tag) given by hand without a word.
        status.showMessage(*copied_words(before, desk.reviews.review(sentence_id)))

    @guarded
    def reuse_earlier_sources(self) -> None:
        pair = self._chosen_earlier_verdict()
        if pair is None:
            return
        desk = self._window.desk
        before = desk.sources.links(pair[0])
        signed_off = desk.sign_offs.sign_off(pair[0]) is not None
        try:
            with shown_as_saved_if_changed(self._window):
                reused = desk.sources.reuse_sources(*pair)
        except EarlierSentenceGone as gone:
            self._earlier_gone(gone)
            return
        if reused is None:
            self._window.statusBar().showMessage(
                "The earlier verdict has no source that is not linked here already.", STATUS_RESULT
            )
            return
        if signed_off and desk.sign_offs.sign_off(pair[0]) is None:
            return  # the status bar says the sign-off the links took (`show_change`), as V
        linked = len(desk.sources.links(pair[0])) - len(before)
        them = "it" if linked == 1 else "them"
        self._window.statusBar().showMessage(
            f"Linked {counted(linked, 'source')} of the earlier verdict "
            f"(Ctrl+Z takes {them} back).",
            STATUS_RESULT,
        )

    def _earlier_gone(self, gone: EarlierSentenceGone) -> None:
        """The earlier sentence chosen was taken away: said, and the earlier verdicts
        looked up again, so that it is no longer offered (V chose it again)."""
        self.earlier_timer.stop()
        self.look_up_earlier_verdicts()
        self._window.statusBar().showMessage(
            f"{gone} The earlier verdicts were looked up again.", STATUS_WARNING
        )

    # -- search ---------------------------------------------------------------------------

    def open_search(self) -> None:
        window = self._window
        if window.search_panel.isHidden():
            if self._chosen_height is None:  # made with the pane: follow the reviewer's drags
                self._chosen_height = settings.search_height() or 0
                window.center_splitter.splitterMoved.connect(self._search_dragged)
                window.center_splitter.installEventFilter(self)
            article, sentences, *_ = window.center_splitter.sizes()
            self._sizes_before = (article, sentences)
            self._keep_rows = True
            window.search_panel.show()
            self._make_room()
        window.search_panel.focus_query()

    def _make_room(self) -> None:
        """The pane's height, the reviewer's own or its share, taken from the article text
        and the sentences in proportion, so that neither is squeezed to a few lines; then
        the sentence list's rows to step through (`_rows_kept`)."""
        splitter = self._window.center_splitter
        article, sentences, _search = splitter.sizes()
        # The room less the pane's handle too (the sizes, read as it shows, may not count
        # it yet: the sizes set were scaled down, and the sentences lost a few pixels).
        shown = sum(
            1
            for i in range(splitter.count())
            if (pane := splitter.widget(i)) and pane.isVisibleTo(splitter)
        )
        room = splitter.contentsRect().height() - (shown - 1) * splitter.handleWidth()
        share = min(SEARCH_PANEL_HEIGHT, int(room * SEARCH_PANEL_SHARE))
        height = self._chosen_height or max(share, self._results_room(room))
        height = max(0, min(height, room - 2 * SEARCH_PANEL_KEEPS))
        rest = room - height
        above = round(rest * article / (article + sentences)) if article + sentences else rest // 2
        # The current sentence whole in the list, from the article text's share down to
        # its least lines, where that is room enough (the list is where the keys are).
        whole = self._window.sentences_height(0)
        if rest - above < whole <= rest - self._article_least():
            above = rest - whole
        splitter.setSizes(self._rows_kept(above, rest - above, height))

    def _article_least(self) -> int:
        """The article text's height that shows ARTICLE_LEAST_LINES lines."""
        view = self._window.article_view
        lines = ARTICLE_LEAST_LINES * view.fontMetrics().lineSpacing()
        return lines + 2 * (view.frameWidth() + round(view.document().documentMargin()))

    def _results_room(self, room: int) -> int:
        """The pane's height for as many results whole, RESULTS_KEPT at most and one at
        least, as leave the sentence list its current sentence whole and the article text
        its least lines, in `room` (ARTICLE_LEAST_LINES)."""
        panel = self._window.search_panel
        beside = self._window.sentences_height(0) + self._article_least()
        for rows in range(RESULTS_KEPT, 1, -1):
            height = panel.height_for_results(rows)
            if height + beside <= room:
                return height
        return panel.height_for_results(1)

    def _rows_kept(self, article: int, sentences: int, search: int) -> list[int]:
        """The three heights, with the sentence list's room to step through its article
        (SENTENCE_ROWS_KEPT) taken from the pane and the article text as far as each can
        give it."""
        window = self._window
        short = window.sentences_height(SENTENCE_ROWS_KEPT) - sentences
        if short > 0 and not self._chosen_height:
            fewer = window.search_panel.height_for_results(RESULTS_KEPT)
            given = max(0, min(short, search - fewer))
            search, sentences, short = search - given, sentences + given, short - given
        if short > 0:
            view = window.article_view
            lines = ARTICLE_KEEPS_LINES * view.fontMetrics().lineSpacing()
            readable = lines + 2 * (view.frameWidth() + round(view.document().documentMargin()))
            given = max(0, min(short, article - max(readable, SEARCH_PANEL_KEEPS)))
            article, sentences = article - given, sentences + given
        return [article, sentences, search]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The window made smaller with the pane open: the splitter shrank each pane in
        proportion, and the sentence list was back to a row and a half. Once Qt has laid
        it out, the list takes back its rows (unless the reviewer dragged its handle)."""
        if event.type() == QEvent.Type.Resize and self._keep_rows:
            QTimer.singleShot(0, self._fit_rows)
        return False

    def _fit_rows(self) -> None:
        splitter, panel = self._window.center_splitter, self._window.search_panel
        if not self._keep_rows or not panel.isVisible():
            return
        sizes = splitter.sizes()
        fitted = self._rows_kept(*sizes)
        if fitted != sizes:
            splitter.setSizes(fitted)

    def _search_dragged(self, _pos: int, index: int) -> None:
        """The reviewer moved a handle with the pane open. The pane's: its height is
        theirs, kept for the next Ctrl+F and the next start. The one between the article
        text and the sentences: their share is theirs, kept as they leave it."""
        window = self._window
        panel = window.search_panel
        if not panel.isVisible():
            return
        if index == window.center_splitter.indexOf(panel):
            self._chosen_height = window.center_splitter.sizes()[2]
            window.layout_store.chosen[settings.SEARCH_HEIGHT] = self._chosen_height
        else:
            self._keep_rows = False
            self._sizes_before = None

    def close_search(self) -> None:
        """Close the pane: the article text and the sentences share its room as they
        shared theirs before it opened (the room it took from the article text first came
        back to both in proportion, and each Ctrl+F left the text a few lines shorter)."""
        window = self._window
        window.search_panel.hide()
        self._keep_rows = False
        before, self._sizes_before = self._sizes_before, None
        splitter = window.center_splitter
        if before is not None and sum(before) > 0:
            # The whole height less the one handle left: the sizes, read as the pane
            # hides, still count its room out, and the list, held at its least height in
            # what was left, took from the article text a split the reviewer dragged to.
            room = splitter.contentsRect().height() - splitter.handleWidth()
            above = round(room * before[0] / sum(before))
            splitter.setSizes([above, room - above, 0])
        # Its rows, if the window was made smaller while the pane was open (not over a
        # split the reviewer dragged to).
        window.list_rows.fit()
        window.sentence_view.setFocus()

    def step_search_result(self, delta: int) -> None:
        panel = self._window.search_panel
        if panel.step(delta):
            return
        self.open_search()
        words = panel.no_result_words()
        if words is not None:
            self._window.statusBar().showMessage(words, STATUS_NOTE)

    def show_found_sentence(self, article_id: int, sentence_id: int) -> None:
        """Show a sentence found by search or an earlier verdict, in its article."""
        window = self._window
        if article_id != window.article_id:
            if not window.desk.articles.exists(article_id):
                # Removed since the results were shown (by the writer beside a read-only
                # window, or by undoing a merge): opening it would fail half-way.
                window.statusBar().showMessage(
                    "That article is no longer in the workspace: search again to see what is.",
                    STATUS_NOTE,
                )
                return
            window.open_article(article_id, sentence_id)
        elif not window.select_sentence(sentence_id):
            window.statusBar().showMessage(
                "That sentence is no longer in the article.", STATUS_NOTE
            )


def copied_words(before: Review, after: Review) -> tuple[str, int]:
    """What the status bar says, and for how long, when V made the review `before` into
    `after`: the tag and verdict it replaced, by name, with how to have them back."""
    verdict = shown_line(verdict_label(after.verdict) or "")
    old_verdict = before.verdict if before.verdict != after.verdict else None
    old = shown_line(verdict_label(old_verdict) or "")
    old_tag = before.tag if before.tag is not None and before.tag != after.tag else None
    tag = after.tag.label if after.tag is not None else ""
    if old and old_tag is not None:
        return (
            f"Verdict {old} replaced by {verdict}, and tag {old_tag.label} by {tag}, from the "
            "earlier verdict (Ctrl+Z puts them back).",
            STATUS_WARNING,
        )
    if old:
        return (
            f"Verdict {old} replaced by {verdict}, from the earlier verdict "
            f"(Ctrl+Z puts {old} back).",
            STATUS_WARNING,
        )
    if old_tag is not None:
        return (
            f"Tag {old_tag.label} replaced by {tag}, with the earlier verdict {verdict} "
            f"(Ctrl+Z puts {old_tag.label} back).",
            STATUS_WARNING,
        )
    if before.verdict == after.verdict:
        # The verdict was given here already: "Verdict … copied (Ctrl+Z takes it back)"
        # was untrue, Ctrl+Z taking back only what V filled in (the verdict stays).
        filled = [f for f in ("claimant", "explanation") if getattr(before, f) != getattr(after, f)]
        if filled:
            them = "it" if len(filled) == 1 else "them"
            return (
                f"{' and '.join(filled).capitalize()} copied from the earlier verdict, its "
                f"verdict {verdict} here already (Ctrl+Z takes {them} back).",
                STATUS_RESULT,
            )
        return (
            f"The earlier verdict {verdict} was here already: the review is now done "
            "(Ctrl+Z takes that back).",
            STATUS_RESULT,
        )
    return f"Verdict {verdict} copied from the earlier verdict (Ctrl+Z takes it back).", (
        STATUS_RESULT
    )
