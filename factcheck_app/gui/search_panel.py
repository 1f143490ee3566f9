"""The workspace search panel (Ctrl+F): one box, a scope, and the results as a table.

Searching runs on the GUI thread, a step per turn of its event loop: the full-text index
answers a workspace of 1,000 articles in a few milliseconds (bench/bench_earlier_verdicts.py),
in one step, but ranking every match of a common word in a year's workspace held the
window for 84-99 ms, 200-440 ms on a busy machine; that is ranked a stretch of the index
per turn (services.search.search_in_steps), and a new query drops the steps of the old.
Typing is debounced, so a search runs only when the reviewer pauses. Enter and F3 pressed
before the results are in go to them once they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.matching import left_out, search_expression
from factcheck_app.domain.models import DEFAULT_SCALE, SearchResults, SearchScope, Tag
from factcheck_app.domain.printable import set_apart, shown_line
from factcheck_app.domain.wording import counted
from factcheck_app.gui.colours import readable_hints
from factcheck_app.gui.search_models import HighlightDelegate, SearchResultModel
from factcheck_app.gui.views import ColumnShare, FocusFrame, NoteWhenEmptyTable, made_row_table

SEARCH_DELAY_MS = 200  # after the last keystroke
NOTHING_TO_SEARCH = "Nothing to search: type a word or a number"  # not punctuation or emoji
# Only words to leave out ("-Ganja"): there must be a word to find too.
ONLY_LEFT_OUT = "Type a word to find: words after - are left out"
CELL_PADDING = 12  # a cell's margins, and room for the current row's focus frame
# The words of the narrow columns: where the words were found (one place but the rarer,
# wider "Explanation"; several end in "…", whole in the tooltip), the tag and the
# verdict; and the titles of all of them.
RESULT_COLUMN_WORDS = {
    0: ("Found in", "Sentence", "Claimant", "Sources"),
    2: ("Tag", *(tag.label for tag in Tag)),
    3: ("Verdict", *(verdict.label for verdict in DEFAULT_SCALE)),
}
RESULT_COLUMN_CHARS = {4: 12, 5: 18}  # claimant and article: a name's start is enough


def result_column_widths(metrics: QFontMetrics) -> dict[int, int]:
    """The results' columns but the sentence's, measured in the font in use."""
    widths = {
        column: CELL_PADDING + max(metrics.horizontalAdvance(word) for word in words)
        for column, words in RESULT_COLUMN_WORDS.items()
    }
    for column, chars in RESULT_COLUMN_CHARS.items():
        widths[column] = CELL_PADDING + chars * metrics.averageCharWidth()
    return widths


def _words_left_out(query: str) -> str:
    """' (“who” left out)' after the count when the query leaves words out: a quote
    pasted with a dash stuck to a word ("the minister -who resigned-") left "who" out and
    said only "No matches", and the reviewer took the quote for not in the workspace."""
    out = [shown_line(" ".join(words.split())) for words in left_out(query)[1]]
    out = [words for words in out if words]
    if not out:
        return ""
    return " (" + ", ".join(f"“{words}”" for words in dict.fromkeys(out)) + " left out)"


def nothing_to_search(query: str) -> str:
    """What the count says of typed words with nothing to search in them."""
    return ONLY_LEFT_OUT if left_out(query)[1] else NOTHING_TO_SEARCH


_ENDED = object()  # what `next` gives of a search in steps that ended without results


class SearchPanel(QWidget):
    """Search box, scope and results; choosing a result asks the window to show it."""

    sentence_chosen = Signal(int, int)  # article id, sentence id
    close_requested = Signal()
    failed = Signal(str)  # why a search could not run, for the window's status bar
    # Which result is current and the article it is in ("Result 2 of 14, in “Title”"), for
    # the window's status bar, as ↑/↓ or F3 move it: at 1024×640 the Article column gives
    # way first, to "…", and ↑/↓ move through the results without opening them, so the
    # reviewer could not tell which article a result was in without leaving the results.
    # The status bar has the window's width; a line of the pane's own cost the panes above
    # it a line they cannot spare there. "" when the results change and none is current.
    hit_place = Signal(str)
    # The same, when new results (searched again behind an edit or an import) keep the
    # current one: to say only over a place said before, whose numbers may have changed.
    place_kept = Signal(str)

    def __init__(
        self,
        search: Callable[[str, SearchScope], SearchResults],
        parent: Any = None,
        *,
        search_in_steps: Callable[[str, SearchScope], Iterator[SearchResults | None]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.search = search
        # Every search runs a step per turn (`_search_now`): on a year's workspace one
        # held the window for up to 100 ms (440 ms on a busy machine) at once.
        self.search_in_steps = search_in_steps
        self._steps: Iterator[SearchResults | None] | None = None
        self._steps_for: tuple[str, SearchScope] = ("", SearchScope.EVERYWHERE)
        self._step_timer = QTimer(self, interval=0)
        self._step_timer.timeout.connect(self._step)
        # What the results shown were found for (None: none, or another workspace's), and
        # the moves (Enter, F3) asked before the results of what is typed were in.
        self._shown: tuple[str, SearchScope] | None = None
        self._failure = ""  # why the last search failed, until one is shown or waits
        self._kept_place = False  # the chosen result chosen again in new results
        self._moves = 0
        self._into_results = False  # ↓ pressed in the field before the results were in
        # The search index being rebuilt: how far (searches wait, and say so); a rebuild
        # stopped short: how far it got (results may lack sentences, and say so).
        self._waiting: int | None = None
        self._partly: int | None = None
        self._built = "rebuilt"  # or "built": a read-only window's private index
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_now)

        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("searchQuery")
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setPlaceholderText(
            'Words to find (all of them); "quoted words" as a phrase'
        )
        readable_hints(self.query_edit)
        self.query_edit.textEdited.connect(self._edited)
        self.query_edit.returnPressed.connect(self._search_and_go)
        # ↓ goes into the results, as in the article finder: it did nothing, silently.
        self.query_edit.installEventFilter(self)

        self.scope_box = QComboBox()
        self.scope_box.setObjectName("searchScope")
        for scope in SearchScope:
            self.scope_box.addItem(scope.label, scope.value)
        self.scope_box.activated.connect(lambda _i: self.run_search())

        self.count_label = QLabel()
        self.count_label.setObjectName("searchCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        # Beside the scope, under the field: the field never shrinks and grows with each
        # count as one types, and a long count never widens the pane.
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.model = SearchResultModel(self)
        self.view = made_row_table(NoteWhenEmptyTable(), self.model, "searchResults")
        self.view.setItemDelegate(HighlightDelegate(self.view))
        self.view.setAccessibleName("Search results")
        FocusFrame(self.view)  # empty before a search: nothing else shows the focus
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # The matched sentence keeps nearly half the width, however narrow the pane; the
        # other columns are as wide as their words in the font in use (fixed pixels cut
        # "Sentence" and "Mostly true" at any size), the claimant and article giving way
        # first, then the widest.
        self.columns = ColumnShare(
            self.view,
            result_column_widths,
            share=0.45,
            widest_first=True,
            give_way_first=tuple(RESULT_COLUMN_CHARS),
        )
        self.view.activated.connect(self._choose)
        self.view.installEventFilter(self)  # ↑ at the first result: back to the field
        self.view.selectionModel().currentRowChanged.connect(self._say_hit_place)
        self.model.modelReset.connect(lambda: self.hit_place.emit(""))  # none is current

        label = QLabel("Fin&d")
        label.setBuddy(self.query_edit)
        scope_label = QLabel("&Look in")
        scope_label.setBuddy(self.scope_box)
        close_button = QToolButton()
        close_button.setObjectName("closeSearch")
        close_button.setText("Close")
        close_button.setToolTip("Close the search (the results are kept)")
        close_button.clicked.connect(self.close_requested)
        # Two rows: in one, at 1024×640 with a 16 pt font, the controls needed 650 px,
        # pushed the review panel past the window's edge and left the field 70 px.
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.query_edit, 1)
        row.addWidget(close_button)
        scope_row = QHBoxLayout()
        scope_row.addWidget(scope_label)
        scope_row.addWidget(self.scope_box)
        scope_row.addWidget(self.count_label, 1)
        self._control_rows = (row, scope_row)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addLayout(scope_row)
        layout.addWidget(self.view, 1)

    def height_for_results(self, rows: int) -> int:
        """The pane's height that shows its controls and `rows` results whole, in the
        font in use."""
        layout = self._layout
        margins = layout.contentsMargins()
        controls = sum(row.sizeHint().height() for row in self._control_rows)
        view = self.view
        table = (
            view.horizontalHeader().sizeHint().height()
            + 2 * view.frameWidth()
            + rows * view.verticalHeader().defaultSectionSize()
        )
        spacing = len(self._control_rows) * layout.spacing()
        return margins.top() + margins.bottom() + controls + spacing + table

    @property
    def scope(self) -> SearchScope:
        return SearchScope(self.scope_box.currentData())

    def focus_query(self) -> None:
        self.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_edit.selectAll()

    def wait_for_index(self, percent: int, *, built: str = "rebuilt") -> None:
        """The search index is being rebuilt (`percent` done): searches wait for it.
        `built`: "built" for a read-only window's private index."""
        self._stop_steps()
        self._moves = 0  # a jump seconds or minutes later would surprise
        self._waiting, self._built, self._failure = percent, built, ""
        self.view.set_empty_text(
            f"The search index is being {built} ({percent} %): the search runs when it is done."
        )
        if self.query_edit.text().strip():
            self.model.set_items([])
            self._shown = None
            self._show_count(f"Waiting for the search index ({percent} %)")

    def index_ready(self, partly: int | None = None, *, built: str = "rebuilt") -> None:
        """The index can be searched again; `partly`: a rebuild stopped at that percent,
        so results may lack sentences. The search that waited runs now."""
        changed = self._waiting is not None or self._partly != partly
        self._waiting, self._partly, self._built = None, partly, built
        self.view.set_empty_text("")
        if changed and self.query_edit.text().strip():
            self._search_now()

    def _edited(self, _text: str) -> None:
        """The reviewer typed: the search of the words before stops, and what they asked
        to go to (Enter, F3) is forgotten; the new words are searched when they pause."""
        self._stop_steps()
        self._moves = 0
        self._into_results = False
        self._timer.start()

    def searching(self) -> bool:
        """Is a search under way (its steps not all run yet)?"""
        return self._steps is not None

    def run_search(self) -> None:
        """Search now (the window also calls this after an edit, to keep results true, and
        for another workspace: the results shown are no longer its own)."""
        self._moves = 0
        self._into_results = False
        self._shown = None
        self._search_now()

    def _search_now(self) -> None:
        """Search what is typed, in steps: the first now, the others one per turn of the
        window, the results shown after the last; a search under way is dropped."""
        self._timer.stop()
        self._stop_steps()  # a search in steps under way is of an older query
        self._failure = ""
        query = self.query_edit.text()
        if self._waiting is not None and query.strip():
            self.wait_for_index(self._waiting, built=self._built)
            return
        if self.search_in_steps is None:
            try:
                results = self.search(query, self.scope)
            except FactcheckError as error:  # storage says what went wrong, in words
                self._failed(error)
                return
            self._show_results(results, query)
            self._go()
            return
        self._steps_for = (query, self.scope)
        self._steps = self.search_in_steps(query, self.scope)
        self._step()
        if self._steps is not None:
            self._show_count("Searching…")
            self._step_timer.start()

    def _stop_steps(self) -> None:
        self._step_timer.stop()
        self._steps = None

    def _step(self) -> None:
        """One step of the search in steps; its results shown after the last."""
        steps = self._steps
        if steps is None:
            self._step_timer.stop()
            return
        try:
            results = next(steps, _ENDED)
        except FactcheckError as error:
            self._stop_steps()
            self._failed(error)
            return
        if results is None:
            return  # a step done: the next at the window's next turn
        self._stop_steps()
        if isinstance(results, SearchResults):
            self._show_results(results, self._steps_for[0], self._steps_for[1])
            self._go()
        else:  # ended without results: its workspace was closed
            self._moves, self._into_results = 0, False

    def _go(self) -> None:
        """The moves asked before the results were in, now that they are."""
        moves, self._moves = self._moves, 0
        if moves:
            self._move(moves)
        if self._into_results:
            self._into_results = False
            if self.query_edit.hasFocus():  # not once the reviewer has gone elsewhere
                self._enter_results()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            == Qt.KeyboardModifier.NoModifier
        ):
            return super().eventFilter(watched, event)
        if watched is self.query_edit and event.key() == Qt.Key.Key_Down:
            self.to_results()
            return True
        # ↑ at the first result goes back up to the words typed, as ↓ came down from
        # them: it did nothing, without a word, and the way back was Shift+Tab, thrice.
        if (
            watched is self.view
            and event.key() == Qt.Key.Key_Up
            and self.view.currentIndex().row() <= 0
        ):
            self.query_edit.setFocus(Qt.FocusReason.OtherFocusReason)  # the words not chosen
            return True
        return super().eventFilter(watched, event)

    def to_results(self) -> None:
        """↓ in the field: into the results, the current one (else the first) chosen, not
        shown (↑/↓ read on, Enter shows it); once they are in, when they are of words
        typed since."""
        typed = self._typed()
        if self._shown != typed and typed[0].strip():
            self._into_results = True
            if self._steps is None or self._steps_for != typed:
                self._search_now()
            return
        self._enter_results()

    def _enter_results(self) -> None:
        if self.model.rowCount() == 0:
            return  # the count beside the field says why ("No matches")
        if not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _failed(self, error: FactcheckError) -> None:
        self.model.set_items([])
        self._shown, self._moves, self._into_results = None, 0, False
        self._show_count("Search failed")
        self._failure = f"Search failed: {error}"
        self.failed.emit(self._failure)

    def _show_results(
        self, results: SearchResults, query: str, scope: SearchScope | None = None
    ) -> None:
        chosen = self.view.currentIndex().data(SearchResultModel.SentenceIdRole)
        self.model.set_items(results.hits, query)
        # The same words searched again (behind an edit, an import, Enter): the place kept
        # is said only over a place. Of other words (Enter on them): a move, said as one;
        # kept back, Enter's move onto that row (their one result) said nothing.
        again = self._shown == (query, scope or self.scope)
        self._shown, self._failure = (query, scope or self.scope), ""
        for row, hit in enumerate(results.hits):  # keep the place for F3 after a refresh
            if hit.found.row.sentence.id == chosen:
                self._kept_place = again
                try:
                    self.view.setCurrentIndex(self.model.index(row, 0))
                finally:
                    self._kept_place = False
                break
        caveat = (
            f" — the search index is only partly {self._built} ({self._partly} %): some may be"
            " missing"
            if self._partly is not None
            else ""
        )
        caveat = _words_left_out(query) + caveat
        if not query.strip():
            self._show_count("")
        elif results.total == 0 and search_expression(query) is None:
            self._show_count(nothing_to_search(query))  # not "No matches": none searched
        elif results.total == 0:
            self._show_count("No matches" + caveat)
        elif results.total > len(results.hits):
            shown = f"best {len(results.hits):,} shown"
            self._show_count(f"{counted(results.total, 'match', 'matches')}, {shown}{caveat}")
        else:
            self._show_count(counted(results.total, "match", "matches") + caveat)

    def _say_hit_place(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Tell `hit_place` where the current result is; nothing when none is. The title as
        the article list shows it, plain text in its stored order."""
        hit = self.model.item(current.row()) if current.isValid() else None
        if hit is None:
            return
        title = " ".join(shown_line(hit.found.article_title).split())
        where = f"in “{set_apart(title)}”" if title else "in an untitled article"
        place = f"Result {current.row() + 1:,} of {self.model.rowCount():,}, {where}"
        # Searched again behind an edit or an import, the reviewer not having moved: said
        # as a move, "Result 1 of 4, in …" replaced what the status bar said of that edit
        # ("Verdict True replaced by …", "Imported …").
        (self.place_kept if self._kept_place else self.hit_place).emit(place)

    def _show_count(self, text: str) -> None:
        """The count beside the field, cut to its width; whole in the tooltip."""
        metrics = self.count_label.fontMetrics()
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, self.count_label.width())
        self.count_label.setText(shown)
        self.count_label.setToolTip(text if shown != text else "")

    def refresh(self) -> None:
        """Re-run the current search soon (after edits), keeping the chosen row."""
        if self.isVisible() and self.query_edit.text().strip():
            self._timer.start()

    def _search_and_go(self) -> None:
        """Enter: go to the next result of what is typed. Results of it shown: at once,
        and they are searched again behind (a read-only window's other desk may have
        saved). Otherwise once its search (started now, if it is not under way) is in."""
        if self._shown == self._typed():
            self._move(1)
            self.refresh()
        else:
            self.step(1)

    def no_result_words(self) -> str | None:
        """What F3 says when it has no result to go to. After "No matches" it asked for
        words, the words typed there. None: the search failed, and `failed` said why."""
        query, _scope = typed = self._typed()
        if search_expression(query) is None:
            if left_out(query)[1]:
                return ONLY_LEFT_OUT + "."
            return "Type what to find, then Enter."
        if self._shown == typed and self.model.rowCount() == 0:  # searched: none matched
            words = " ".join(shown_line(query).split())
            shown = words if len(words) <= 40 else words[:39] + "…"
            return f"Nothing matches “{set_apart(shown)}”: no result to go to."
        if self._shown is None and self._failure:
            # F3 searched again and it failed again, the status bar saying why (`failed`):
            # "No result to go to yet." hid that at once.
            return None
        return "No result to go to yet."  # the index is being built

    def _typed(self) -> tuple[str, SearchScope]:
        return (self.query_edit.text(), self.scope)

    def step(self, delta: int) -> bool:
        """Show the next (1) or previous (-1) result, wrapping round; False when none. The
        results shown are of other words (typed since, not searched yet): this is done
        once the search of the words typed is in (started now, if it is not under way)."""
        typed = self._typed()
        if self._shown == typed or not typed[0].strip():
            return self._move(delta)
        self._moves += delta
        if self._steps is None or self._steps_for != typed:
            self._search_now()
        if self._steps is not None:
            return True  # done when the results are in (`_go`)
        return self.model.rowCount() > 0  # searched at once, and gone to (`_go`)

    def _move(self, delta: int) -> bool:
        """`delta` results on from the current one (from before the first when none is
        current), wrapping round, and show it; False when there is none."""
        count = self.model.rowCount()
        if count == 0:
            return False
        current = self.view.currentIndex()
        before_first = delta - 1 if delta > 0 else delta
        row = current.row() + delta if current.isValid() else before_first
        index = self.model.index(row % count, 0)
        self.view.setCurrentIndex(index)
        if index == current:
            # The one result, gone to again: its place is said again, as a move. The row
            # did not change, so nothing was said, and F3 seemed dead beside what the
            # status bar said before ("Verdict True replaced by …").
            self._say_hit_place(index, current)
        self._choose(index)
        return True

    def _choose(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        article_id = index.data(SearchResultModel.ArticleIdRole)
        sentence_id = index.data(SearchResultModel.SentenceIdRole)
        self.sentence_chosen.emit(int(article_id), int(sentence_id))
