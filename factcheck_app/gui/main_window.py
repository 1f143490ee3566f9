"""The desk window: articles, the running text, the sentence list and the review panel.

`MainWindow` builds the widgets, shows the open article and composes the controllers
that own each behaviour (gui/controllers/): imports, the workspace, suggestions, edits,
navigation, search and earlier verdicts, the article's export and properties, the layout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from factcheck_app import config
from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.models import (
    DEFAULT_SCALE,
    SearchResults,
    SearchScope,
    SentenceRow,
    SignOffDecision,
    Status,
    Tag,
)
from factcheck_app.domain.printable import shown_file_name
from factcheck_app.domain.wording import counted, figure, noun_for
from factcheck_app.gui import settings
from factcheck_app.gui.actions import (
    EDIT_ACTIONS,
    MENUS,
    SPECS,
    TOOLBAR,
    VERDICT_IDS,
    ActionId,
    ActionRegistry,
    MenuLetters,
    RunningWork,
    Submenu,
    first_key_text,
    key_sequences,
    key_text,
)
from factcheck_app.gui.app import closing_on_signal
from factcheck_app.gui.article_view import ArticleView
from factcheck_app.gui.colours import (
    WARNING,
    faint_on,
    follow_palette,
    readable_hints,
    readable_on,
)
from factcheck_app.gui.controllers.articles import ArticleController
from factcheck_app.gui.controllers.edits import EditSlots
from factcheck_app.gui.controllers.guards import no_articles_text, tell_no_articles
from factcheck_app.gui.controllers.imports import ImportController
from factcheck_app.gui.controllers.layout import LayoutStore, ListRows, PaneShare
from factcheck_app.gui.controllers.leftovers import RemovalController
from factcheck_app.gui.controllers.merge import MergeController
from factcheck_app.gui.controllers.navigation import Navigation
from factcheck_app.gui.controllers.save_copy import SaveCopyController
from factcheck_app.gui.controllers.search import (
    ARTICLE_KEEPS_LINES,
    SENTENCE_ROWS_KEPT,
    SearchController,
)
from factcheck_app.gui.controllers.search_index import IndexController
from factcheck_app.gui.controllers.sign_off import SignOffController
from factcheck_app.gui.controllers.suggestions import SuggestionScheduler
from factcheck_app.gui.controllers.team import TeamController
from factcheck_app.gui.controllers.workspace import WorkspaceController
from factcheck_app.gui.crash import open_log_folder
from factcheck_app.gui.import_progress import (
    CheckProgress,
    ImportProgress,
    JobProgress,
    RebuildProgress,
    RemovalProgress,
)
from factcheck_app.gui.local_files import path_of
from factcheck_app.gui.messages import (
    STATUS_LONG,
    STATUS_LONGEST,
    STATUS_NOTE,
    STATUS_RESULT,
    STATUS_WARNING,
    guarded,
)
from factcheck_app.gui.models import (
    ARTICLE_FILTER_LABELS,
    FILTER_LABELS,
    SENTENCE_HEADERS,
    ArticleFilter,
    ArticleFilterModel,
    ArticleListModel,
    SentenceColumn,
    SentenceFilter,
    SentenceFilterModel,
    SentenceTableModel,
    list_status_word,
    plain_tooltip,
    returned,
    shown_edit,
)
from factcheck_app.gui.notices import CutLineBar, Notices, StatusLog
from factcheck_app.gui.views import (
    MAX_CURRENT_LINES,
    AltLettersNotTyped,
    ColumnShare,
    CopyRowText,
    CountNote,
    CurrentRowExpander,
    DigitChoices,
    ElidedNote,
    EnterGoesOn,
    FindFieldKeys,
    KeyPressWatch,
    NotAKey,
    NoTypedChoice,
    PasteNotHere,
    TypingBurst,
    VerticalScroller,
    WrappedRows,
    alt_letter_by_place,
    ctrl_letter_by_place,
    grown_row_height,
    latin_key,
    non_latin_script,
    press_mnemonic,
    row_table,
)
from factcheck_app.gui.welcome import WelcomeNote
from factcheck_app.gui.workspace_strip import ReadOnlyKeys, WorkspaceStrip

if TYPE_CHECKING:  # run_gui paints the window before it imports the services (gui/app.py)
    from collections.abc import Callable, Iterator

    from factcheck_app.gui.conflict_view import ConflictView
    from factcheck_app.gui.search_panel import SearchPanel
    from factcheck_app.services.desk import Desk
    from factcheck_app.services.edits import Change

# The window's size the first time it opens (then the last size is restored).
DEFAULT_SIZE = (1280, 800)
MINIMUM_WIDTH, MINIMUM_HEIGHT = 960, 600
# The status bar's own room around its message: the gaps between its widgets, the size
# grip (measured: 28 px with three jobs hidden; some to spare).
MESSAGE_MARGINS = 40
# A message's first words ("More than…") beside jobs' progress: a bar's own words give way
# before them (with an import and a rebuild at 16 pt the message had no room at all).
MESSAGE_LEAST_CHARS = 10
FRAME_ROOM = (40, 60)  # a window's title bar and borders (as dialogs leave: form_parts)
ORDER_ARTICLE = "In article order"
PANEL_ROOM_WIDTH = 340  # the review panel's place before it is made: about its width
ORDER_CHECKWORTHY = "Most check-worthy first"
STATUS_HINT_MS = 5000
# What a run of typing in the sentence list changed: long enough to be read, and acted on.
TYPING_SAID_MS = 30000
# What a letter typed outside the review widgets is told (after what does work there).
# The notice of an article holding a sentence imported before long ones were cut.
LONG_SENTENCE_NOTICE = "long-sentence"
BACK_TO_KEYS = "Esc goes back to the sentences, where the letter keys tag and judge."


def _said_in_results(event: QKeyEvent) -> str:
    """What a key that is none in the search results says."""
    if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
        name = "Delete" if event.key() == Qt.Key.Key_Delete else "Backspace"
        return f"{name} removes nothing here: the results are what the words typed find. " + (
            BACK_TO_KEYS
        )
    return f"The results move with ↑/↓ and Enter shows one; {BACK_TO_KEYS}"


# The widest words of the sentence list's narrow columns: they are sized by the font (a
# width in pixels made for 9 pt showed "Cl…", "Mostly…" and "Needs…" at 16 pt).
SENTENCE_COLUMN_WORDS = (
    (SentenceColumn.NUMBER, ("999",)),
    (SentenceColumn.TAG, tuple(f"{tag.label}?" for tag in Tag)),
    (SentenceColumn.VERDICT, tuple(verdict.label for verdict in DEFAULT_SCALE)),
    (
        SentenceColumn.STATUS,
        tuple(list_status_word(status) for status in Status)
        + tuple(decision.label for decision in SignOffDecision),
    ),
)
CELL_PADDING = 12  # the cell's margins, and room for the current row's focus frame


def number_spans(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs of consecutive ones, (first, last) each (said "#1–#4")."""
    spans: list[tuple[int, int]] = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], number)
        else:
            spans.append((number, number))
    return spans


def _sentences_listed(spans: list[tuple[int, int]], count: int, elsewhere: int) -> str:
    """ "sentences #1–#4, #7 and 3 more and 1 sentence of the article before": `spans`,
    the first of the `count` sentences changed in this article, by number."""

    def sentences(n: int) -> str:
        return "sentence" if n == 1 else "sentences"

    shown = sum(last - first + 1 for first, last in spans)
    listed: list[str] = []
    if spans:
        numbers = ", ".join(
            f"#{first}–#{last}"
            if last - first > 1
            else ", ".join(f"#{n}" for n in dict.fromkeys((first, last)))
            for first, last in spans
        )
        more = f" and {count - shown} more" if shown < count else ""
        listed.append(f"{sentences(count)} {numbers}{more}")
    elif count:
        listed.append(f"{count} {sentences(count)}")
    if elsewhere:
        listed.append(f"{elsewhere} {sentences(elsewhere)} of the article before")
    return " and ".join(listed)


def sentence_column_widths(metrics: QFontMetrics, sentences: int = 0) -> dict[int, int]:
    """Each narrow column wide enough for its widest word (and its title) in `metrics`;
    the number column for the number of the last of `sentences` too (an article of
    1,234 sentences showed "10…" for every one from 1000 to 1099)."""
    widest_number = "9" * len(str(sentences))
    return {
        int(column): CELL_PADDING
        + max(
            metrics.horizontalAdvance(w)
            for w in (
                *words,
                SENTENCE_HEADERS[column],
                *([widest_number] if column == SentenceColumn.NUMBER else []),
            )
        )
        for column, words in SENTENCE_COLUMN_WORDS
    }


# Keys that type no character, told of in the sentence list and the article text when
# pressed on their own: each did nothing there, without a word.
NOT_REVIEW_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Return, Qt.Key.Key_Enter)
# The article list's state box at its narrowest, in characters ("All arti…").
STATE_BOX_CHARS = 6
# How long the keys must pause before the article list shows the open article's progress.
LIST_PROGRESS_AFTER_MS = 300


def _place_is_no_key(event: QKeyEvent) -> bool:
    """Whether the key `event` is read as by its place (`latin_key`: I for "ш") is no key
    of the registry's: a letter of another alphabet typed there then says nothing of a
    Latin layout, which would not make it a key either."""
    latin = latin_key(event)
    if latin is None:
        return False
    pressed = QKeySequence(latin)
    return not any(pressed in key_sequences(spec) for spec in SPECS.values())


class MainWindow(QMainWindow):
    """One workspace open; one article reviewed at a time."""

    import_finished = Signal(object)  # ImportOutcome, after the window has shown it
    desk: Desk  # set once a workspace is open: see has_desk()

    def __init__(self, desk: Desk | None, parent: QWidget | None = None) -> None:
        """A window on `desk`; or, with None, a window that says it is opening a workspace,
        which run_gui paints first and then gives its desk (`workspace.attach`)."""
        super().__init__(parent)
        if desk is not None:
            self.desk = desk
        self.article_id: int | None = None
        self.reviewed_count = 0  # reviewed sentences of the open article
        self.conflict_count = 0  # its sentences in conflict (for the article list)
        self.returned_count = 0  # its verdicts returned by an editor (for the article list)
        # The sentence each article was left on, this session in this workspace: going
        # back to one in the article list (after a search result, an earlier verdict or
        # N took the reviewer to another) opens it there, not on its first not yet done.
        self._left_on: dict[int, int] = {}
        # Articles this session (in this workspace) already said to hold a sentence
        # imported before the splitter cut long ones (`_tell_of_long_sentence`): once is
        # enough, and each open after asks nothing.
        self._long_sentence_told: set[int] = set()
        self.first_paint_seen = False  # set by show_opening_window (start-up's wait)
        # The article list's "x/y reviewed" follows once the keys pause: the list re-lays
        # out every item for it, which cost the next key press about 1 ms.
        self._listed_progress = QTimer(self, singleShot=True, interval=LIST_PROGRESS_AFTER_MS)
        self._listed_progress.timeout.connect(self.show_listed_progress)
        self._move_caret = True  # whether a new current sentence moves the text's caret
        # The last "Show is “All sentences” again…" line (`select_sentence`): a line that
        # a place shown again says, which what a workspace opening says may replace.
        self.show_box_line = ""
        self.settings_not_kept_told = False  # the settings file cannot be written: said
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)

        self.registry = ActionRegistry(self)
        self._menu_letters = MenuLetters(self)  # a letter typed in an open menu stays there
        self._build_widgets()
        self.workspace = WorkspaceController(self)
        # Its file moved or replaced while open: the banner's way back (after "Later").
        self.workspace_strip.way_back.connect(self.workspace.open_where_it_is)
        self.index = IndexController(self)  # the search index rebuilt beside the window
        self.removal = RemovalController(self)  # what a quit left of an import, removed beside
        self.imports = ImportController(self)
        self.imports.finished.connect(self.import_finished)
        self.suggestions = SuggestionScheduler(self)
        self.navigation = Navigation(self)
        self.search = SearchController(self)
        self.edits = EditSlots(self)
        self.sign_off = SignOffController(self)
        self.save_copy = SaveCopyController(self)  # File → Save a Copy…
        self.articles = ArticleController(self)
        self.merging = MergeController(self)
        self.team = TeamController(self)  # who is reviewing; Review → Agreement
        self.layout_store = LayoutStore(
            self,
            {
                settings.MAIN_SPLITTER: self.main_splitter,
                settings.CENTER_SPLITTER: self.center_splitter,
            },
            self.pane_share,
            self.list_rows,
        )
        self._build_menus()
        self._connect_signals()
        self._connect_actions()
        if desk is not None:
            self.build_review_panel()
        self._placeholder = self.article_view.placeholderText()
        if desk is None:
            self.layout_store.restore()
            self.show_opening(None)
            return
        self.desk.edits.on_change.append(self.edits.show_change)
        self.desk.edits.on_change.append(self.sign_off.edit_shown)
        self.desk.edits.on_change.append(self._typed_change)  # after the lines above
        self._show_read_only()
        self.layout_store.restore()
        self.article_model.set_articles(self.desk.articles.list_articles())
        self.update_title()
        self.edits.update_undo_actions()
        # The window shows first; the article (10,000 sentences take ~0.1 s) loads right after.
        QTimer.singleShot(0, self.reload_articles)
        QTimer.singleShot(0, self.sign_off.tell_returned)  # after the article: see show_desk

    # -- construction ---------------------------------------------------------------------

    def _build_widgets(self) -> None:
        # A line longer than the bar ends in "… (more: Ctrl+Shift+J)", not cut unseen.
        self.setStatusBar(CutLineBar(self.registry[ActionId.RECENT_MESSAGES], self))
        self.article_model = ArticleListModel(self)
        # What the list shows: the articles whose title holds the words typed above it,
        # in the state chosen there (all of them until the reviewer narrows it).
        self.article_filter = ArticleFilterModel(self)
        self.article_filter.setSourceModel(self.article_model)
        self._article_filter_moving = False  # the filter moves the list's current row
        self._article_filter_set = False  # the finder's words and state being set at once
        # The articles of the state chosen in the finder, read when it was chosen.
        self._state_articles: tuple[ArticleFilter, frozenset[int]] | None = None
        self.article_list = QListView()
        self.article_list.setObjectName("articleList")
        self.article_list.setModel(self.article_filter)
        self.article_list.setWordWrap(True)
        self.article_list.setAlternatingRowColors(True)
        self.article_list.setUniformItemSizes(False)
        # A gap between articles: wrapped titles ran into the next one's first line.
        self.article_list.setSpacing(2)
        WrappedRows(self.article_list)  # each drawn whole in the room measured for it
        # Its width the same however few articles the finder leaves: a scroll bar that
        # came back as the finder was cleared had a year's articles laid out twice, at
        # each width (0.2 s).
        self.article_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

        self.article_list.setAccessibleName("Articles")
        articles_box = self._build_article_finder()
        self.article_view = ArticleView()

        self.sentence_model = SentenceTableModel(self)
        self.sentence_filter = SentenceFilterModel(self)
        self.sentence_filter.setSourceModel(self.sentence_model)
        self.sentence_view = row_table(self.sentence_filter, "sentenceView")
        header = self.sentence_view.horizontalHeader()
        header.setSectionResizeMode(SentenceColumn.TEXT, QHeaderView.ResizeMode.Stretch)
        self.sentence_columns = ColumnShare(
            self.sentence_view,
            lambda metrics: sentence_column_widths(metrics, self.sentence_model.rowCount()),
            widest_first=True,
        )
        self._number_digits = 0  # of the open article's last sentence number
        self.sentence_model.modelReset.connect(self._fit_number_column)
        # However narrow the window, the current sentence shows whole in the list.
        self.current_row_expander = CurrentRowExpander(self.sentence_view, SentenceColumn.TEXT)
        CopyRowText(self.sentence_view, SentenceColumn.TEXT)  # Ctrl+C: the sentence
        self.sentence_view.setAccessibleName("Sentences")
        self.sentence_view.setAccessibleDescription(
            "The article's sentences with their tag, verdict and status. Up and Down move; "
            "C, D and F tag the current sentence, 1 to 6 give a verdict; F1 lists the keys."
        )

        self.filter_box = QComboBox()
        self.filter_box.setObjectName("filterBox")
        # As wide as its first choice needs, not its longest (the sentences' pane kept
        # 318 px for it at 16 pt); a narrow pane shows a longer one cut, whole in its list.
        self.filter_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.filter_box.setMinimumContentsLength(len(FILTER_LABELS[SentenceFilter.ALL]))
        for mode, label in FILTER_LABELS.items():
            self.filter_box.addItem(label, mode)

        self._search_panel: SearchPanel | None = None  # made on the first Ctrl+F

        sentences_box = QWidget()
        sentences_layout = QVBoxLayout(sentences_box)
        sentences_layout.setContentsMargins(0, 0, 0, 0)
        filter_row = QHBoxLayout()
        filter_label = QLabel("&Show")
        filter_label.setBuddy(self.filter_box)
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter_box)
        self.order_label = ElidedNote(ORDER_ARTICLE)
        self.order_label.setObjectName("orderLabel")
        # A quiet note, not a control: faint, yet readable (drawn disabled, it was the
        # theme's disabled grey, 1.6 on a light window).
        follow_palette(self.order_label, lambda: f"color: {faint_on(self)};")
        # It gives way in a narrow pane rather than widening the pane's minimum.
        self.order_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        filter_row.addWidget(self.order_label, 1)
        sentences_layout.addLayout(filter_row)
        sentences_layout.addWidget(self.sentence_view)

        self.center_splitter = QSplitter(Qt.Orientation.Vertical)
        self.center_splitter.setObjectName("centerSplitter")
        self.center_splitter.addWidget(self.article_view)
        self.center_splitter.addWidget(sentences_box)
        self.center_splitter.setSizes([420, 300])
        # On a short screen the list keeps its current sentence and rows to step through:
        # once a workspace shows (measuring the list before the first paint had Qt make
        # classes the start does not need; `show_desk` fits it then).
        self.list_rows = ListRows(
            self.center_splitter,
            lambda: self.sentences_height(SENTENCE_ROWS_KEPT) if self.has_desk() else 0,
            lambda: self.article_height(ARTICLE_KEEPS_LINES),
        )

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(articles_box)
        self.main_splitter.addWidget(self.center_splitter)
        # The review panel's place; `build_review_panel` puts the panel there.
        # (No minimum: restored into it, a width the reviewer gave the panel was widened
        # to the placeholder's minimum, and lost.)
        self._panel_room = QWidget()
        self.main_splitter.addWidget(self._panel_room)
        # A narrower window takes most from the sentences' pane, some from the panel and
        # the article list, so the sentence column keeps room at 1024 px.
        for pane, stretch in enumerate((1, 4, 2)):
            self.main_splitter.setStretchFactor(pane, stretch)
        self.main_splitter.setSizes([220, 700, 360])
        # The panes' widths by the font, until the reviewer drags a handle.
        self.pane_share = PaneShare(self.main_splitter, self.article_list, PANEL_ROOM_WIDTH)
        self.workspace_strip = WorkspaceStrip(self.registry[ActionId.OPEN_WORKSPACE])
        # An edit key pressed in a read-only window says so in the status bar.
        self._read_only_keys = ReadOnlyKeys(
            self,
            [self.registry[action_id] for action_id in EDIT_ACTIONS],
            lambda why: self.statusBar().showMessage(why, STATUS_LONG),
        )
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.workspace_strip)
        # Across the window: above the article text alone, a large font (16 pt at
        # 1024×640) left room for its first lines only, and the keys it names were cut.
        self.welcome = WelcomeNote()
        central_layout.addWidget(self.welcome)
        central_layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)

        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")
        # A rule and room on its left: a long message stops short of the counter.
        self.progress_label.setFrameShape(QFrame.Shape.NoFrame)
        self.progress_label.setContentsMargins(12, 0, 4, 0)
        follow_palette(self.progress_label, lambda: "border-left: 1px solid palette(mid);")
        self.import_progress = ImportProgress()
        self.statusBar().addPermanentWidget(self.import_progress)
        self.check_progress = CheckProgress()
        self.statusBar().addPermanentWidget(self.check_progress)
        self.rebuild_progress = RebuildProgress()
        self.statusBar().addPermanentWidget(self.rebuild_progress)
        self.removal_progress = RemovalProgress()
        self.statusBar().addPermanentWidget(self.removal_progress)
        # Stays while the settings cannot be written: the status-bar line saying so was
        # replaced at once by an import's, whose folder was the setting that failed.
        self.settings_note = QLabel("Settings not saved")
        self.settings_note.setObjectName("settingsNotSaved")
        self.settings_note.setContentsMargins(12, 0, 4, 0)
        follow_palette(
            self.settings_note,
            lambda: (
                "border-left: 1px solid palette(mid); "
                f"color: {readable_on(WARNING, self.settings_note)};"
            ),
        )
        self.settings_note.hide()
        self.statusBar().addPermanentWidget(self.settings_note)
        self.statusBar().addPermanentWidget(self.progress_label)
        for job in self._job_progresses():
            job.shown.connect(lambda: self._fit_message(self.statusBar().currentMessage()))
        self.statusBar().messageChanged.connect(self._fit_message)
        # Every line said, for Help → Recent Messages (from here on: before any is said).
        self.message_log = StatusLog(self.statusBar(), self)
        # A first start's size (later ones restore the last): DEFAULT_SIZE, or the screen
        # less room for the title bar and frame (a window as tall as a 960×540 screen,
        # 1920×1080 at 200 %, had its status bar below the screen's edge).
        screen = self.screen().availableGeometry()
        room_width, room_height = screen.width() - FRAME_ROOM[0], screen.height() - FRAME_ROOM[1]
        width, height = DEFAULT_SIZE
        self.resize(min(width, room_width), min(height, room_height))
        # Below this the review panel's controls and the sentence list stop being readable;
        # a screen smaller still gets a window that fits it.
        self.setMinimumSize(min(MINIMUM_WIDTH, room_width), min(MINIMUM_HEIGHT, room_height))

    def _build_article_finder(self) -> QWidget:
        """The article list under its finder: a field whose words narrow it by title, a
        box choosing which articles it lists, and how many it lists of how many."""
        self.article_find = QLineEdit()
        self.article_find.setObjectName("articleFind")
        self.article_find.setClearButtonEnabled(True)
        find_key = first_key_text(ActionId.FIND_ARTICLE)
        self.article_find.setPlaceholderText(f"Find article ({find_key})")
        readable_hints(self.article_find)  # it has no label: its hint says what it is
        self.article_find.setAccessibleName("Find an article by its title")
        self.article_find.setAccessibleDescription(
            "Every word typed must be in the title. Down goes to the articles found, Enter "
            "opens the first, Esc lists every article again."
        )
        self.article_state_box = QComboBox()
        self.article_state_box.setObjectName("articleStateBox")
        self.article_state_box.setAccessibleName("Articles listed")
        # It takes the room the count leaves, and never widens the list's pane (at 20 pt
        # "Returned to me" would have taken the sentences' room); cut, it is whole in its
        # list when open, in its tooltip, and to a screen reader (the box's value).
        self.article_state_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.article_state_box.setMinimumContentsLength(STATE_BOX_CHARS)
        self.article_state_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.article_state_box.currentTextChanged.connect(
            lambda text: self.article_state_box.setToolTip(f"Articles listed: {text}")
        )
        for state, label in ARTICLE_FILTER_LABELS.items():
            self.article_state_box.addItem(label, state)
        self.article_count = CountNote()
        self.article_count.setObjectName("articleCount")
        follow_palette(self.article_count, lambda: f"color: {faint_on(self)};")
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.article_find)
        state_row = QHBoxLayout()
        state_row.addWidget(self.article_state_box)
        state_row.addWidget(self.article_count)
        layout.addLayout(state_row)
        layout.addWidget(self.article_list, 1)
        return box

    def _build_menus(self) -> None:
        self._menu_letters.watch(self.workspace.recent_menu)
        self._menu_letters.watch(self.menuBar())  # an open menu passes it unused letters
        for title, entries in MENUS:
            menu = self.menuBar().addMenu(title)
            self._menu_letters.watch(menu)
            for entry in entries:
                if entry is None:
                    menu.addSeparator()
                elif isinstance(entry, Submenu):
                    submenu = menu.addMenu(entry.title)
                    self._menu_letters.watch(submenu)
                    for item in entry.entries:
                        if item is None:
                            submenu.addSeparator()
                        else:
                            submenu.addAction(self.registry[item])
                    if entry.one_in_menu:
                        items = [self.registry[i] for i in entry.entries if i is not None]
                        RunningWork(menu, submenu, items)
                else:
                    menu.addAction(self.registry[entry])
                if entry is ActionId.UNDO:
                    # Its item names the step it undoes: chosen there, it is meant.
                    menu.aboutToShow.connect(self.imports.forget_opened_new)
                if entry is ActionId.OPEN_WORKSPACE:
                    menu.addMenu(self.workspace.recent_menu)
        self.toolbar = toolbar = self.addToolBar("Review")
        toolbar.setObjectName("reviewToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for entry in TOOLBAR:
            if entry is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.registry[entry])
        # Single-key actions live on the two review widgets only, so fields never see them.
        for widget in (self.sentence_view, self.article_view):
            widget.addActions(self.registry.review_actions())

    def _connect_signals(self) -> None:
        """The widgets' own signals to the window and the controllers."""
        settings.write_failures().failed.connect(self._tell_settings_not_kept)
        settings.write_failures().written.connect(self.settings_note.hide)
        self.article_list.selectionModel().currentChanged.connect(self._on_article_chosen)
        # Arrows open articles as they go; Enter goes on to the chosen one's sentences.
        self.article_list.activated.connect(lambda _index: self.sentence_view.setFocus())
        self.article_view.sentence_clicked.connect(self.navigation.text_clicked)
        self.sentence_view.selectionModel().currentRowChanged.connect(self._on_sentence_changed)
        self.filter_box.activated.connect(self.navigation.apply_filter)
        self.statusBar().messageChanged.connect(self._announce)
        # Lines owed unasked, one after another (connected after the two above: a notice
        # shown as another line goes is fitted and announced after that line's end).
        self.notices = Notices(self.statusBar(), self, log=self.message_log)
        self.filter_box.currentIndexChanged.connect(self._show_order)
        self._show_box_letters = NoTypedChoice(
            self.filter_box,
            lambda hint: self.statusBar().showMessage(hint, STATUS_HINT_MS),
            "The Show box changes with ↑/↓ or Alt+↓; Enter or Esc goes back to the sentences.",
        )
        self._show_box_enter = EnterGoesOn(self.filter_box, self.sentence_view.setFocus)
        self._article_list_keys = KeyPressWatch(self.article_list)
        # Delete and Backspace too: a journalist who chose a mistaken import there and
        # pressed Delete saw nothing happen and was told nothing.
        self._article_list_letters = NotAKey(
            self.article_list,
            self._not_an_article_list_key,
            keys=(Qt.Key.Key_Delete, Qt.Key.Key_Backspace),
        )
        self.article_find.textChanged.connect(self.apply_article_filter)
        self.article_state_box.currentIndexChanged.connect(self._article_state_chosen)
        self._article_find_keys = FindFieldKeys(
            self.article_find,
            self.clear_article_filter,
            down=self.to_articles_found,
            enter=self.open_first_found,
        )
        self._article_state_keys = FindFieldKeys(
            self.article_state_box, self.clear_article_filter, enter=self.to_articles_found
        )
        self._article_state_letters = NoTypedChoice(
            self.article_state_box,
            lambda hint: self.statusBar().showMessage(hint, STATUS_HINT_MS),
            "The articles listed change with ↑/↓ or Alt+↓; Enter goes to them, Esc lists "
            "every article again.",
        )
        for signal in (
            self.article_filter.rowsInserted,
            self.article_filter.rowsRemoved,
            self.article_filter.modelReset,
            self.article_filter.layoutChanged,
            # Articles come in that the words typed leave out (a file dropped, another
            # program's import): the list does not change, but the count's total does.
            self.article_model.rowsInserted,
        ):
            signal.connect(self._show_article_count)
        self._show_article_count()
        self._typed_in_review = [
            NotAKey(widget, self._not_a_review_key, keys=NOT_REVIEW_KEYS)
            for widget in (self.sentence_view, self.article_view)
        ]
        self._paste_not_here = PasteNotHere(
            (self.sentence_view, self.article_view, self.article_list), self._paste_not_here_said
        )
        # A name typed into the sentence list or the article text, believed to be a
        # field: what its letters that are review keys changed.
        self._typing = TypingBurst((self.sentence_view, self.article_view), self._undo_depth)
        self._typed_in: dict[QObject, str] = {
            self.sentence_view: "the sentence list",
            self.article_view: "the article text",
        }
        # The window's text fields (the panel's, the Find field) type no Alt+letter.
        self._alt_letters = AltLettersNotTyped(self, self._alt_letter_not_typed)
        self.import_progress.cancel_requested.connect(self.imports.cancel)
        self.check_progress.cancel_requested.connect(self.workspace.cancel_check)
        self.rebuild_progress.cancel_requested.connect(self.index.cancel)

    def _paste_not_here_said(self, name: str) -> None:
        """Say where copied text comes in: Ctrl+V in the sentences or articles pastes
        nothing."""
        paste = SPECS[ActionId.PASTE_ARTICLE]
        self.statusBar().showMessage(
            f"{name} pastes nothing here: Edit → {paste.text.replace('&', '')} "
            f"({key_text(paste)}) brings copied text in as a new article.",
            STATUS_HINT_MS,
        )

    def _not_an_article_list_key(self, event: QKeyEvent) -> None:
        """Say what the article list's keys are, or what removes an article (Delete)."""
        if not self.article_model.rowCount():
            said = no_articles_text()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            name = "Delete" if event.key() == Qt.Key.Key_Delete else "Backspace"
            remove = SPECS[ActionId.REMOVE_ARTICLE].text.replace("&", "")
            said = (
                f"{name} removes nothing here: File → {remove} takes the open article out "
                f"(asked first; {key_text(SPECS[ActionId.UNDO])} brings it back)."
            )
        else:
            find_key = first_key_text(ActionId.FIND_ARTICLE)
            said = (
                f"The article list moves with ↑/↓ ({find_key} finds an article by its title); "
                "Enter or Esc goes back to the sentences, where the letter keys tag and judge."
            )
        self.statusBar().showMessage(said, STATUS_HINT_MS)

    def _alt_letter_not_typed(self, name: str) -> None:
        help_key = first_key_text(ActionId.SHORTCUTS)
        self.statusBar().showMessage(
            f"{name} is not a key here: nothing was typed. {help_key} lists every key.",
            STATUS_HINT_MS,
        )

    def _undo_depth(self) -> int:
        desk = getattr(self, "desk", None)
        return len(desk.edits.undo_steps) if desk is not None else 0

    def _typed_change(self, change: Change) -> None:
        """A review key of a run typed into the sentence list (or the article text)
        changed sentences: say it."""
        if QApplication.focusWidget() is self._typing.widget:
            self._typing.changed(change.article_id, change.sentence_ids)
            self._say_typing()

    def _say_typing(self) -> bool:
        """Say, over the line of the key just pressed, which sentences a run of typing in
        the sentence list changed and how to take them back (True when said).

        Each of its letters that is no review key said so, the last written over the
        others, and nothing said what the letters that are keys had done: a journalist
        who typed a name there went on, with tags and a verdict she never gave."""
        if not self._typing.is_typing():
            return False
        rows = [
            self.sentence_model.row_of(sentence_id) if article_id == self.article_id else -1
            for article_id, sentence_id in self._typing.changed_sentences
        ]
        numbers = sorted(row + 1 for row in rows if row >= 0)
        elsewhere = len(rows) - len(numbers)  # of the article N left (or another)
        steps = self._typing.steps()
        undo = key_text(SPECS[ActionId.UNDO])
        back = f"{undo} takes it back" if steps == 1 else f"{undo} {steps} times takes it all back"
        place = self._typed_in.get(self._typing.widget or self.sentence_view, "the list")
        spans = number_spans(numbers)
        # As many of the numbers as the status bar has room for, the Ctrl+Z count whole:
        # "#1, #2, … #40" ran past a 1024-wide window's bar and the count was cut off.
        room, metrics = self.message_room(), self.statusBar().fontMetrics()
        for shown in range(len(spans), -1, -1):
            listed = _sentences_listed(spans[:shown], len(numbers), elsewhere)
            message = f"Typing went to {place} and changed {listed}: {back}."
            if metrics.horizontalAdvance(message) <= room:
                break
        self.statusBar().showMessage(message, TYPING_SAID_MS)
        return True

    def _not_a_review_key(self, event: QKeyEvent) -> None:
        """Say that a character typed in the sentence list or the article text is no key
        there (Shift+C is not C), nor Delete, Backspace or Enter."""
        if QApplication.focusWidget() is self._typing.widget:
            self._typing.not_a_key(character=event.key() not in NOT_REVIEW_KEYS)
            if self._say_typing():
                return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Did nothing, silently: a second Enter after the article list's (on to the
            # sentences), or a newcomer expecting it to open the sentence for review. Not
            # over a line showing: a second Enter after the one that closed a dialog, or
            # kept a conflict's version, would take away what that did ("Exported to …").
            if self.statusBar().currentMessage():
                return
            # Where the tag and verdict keys are no use, what to do there: with no article
            # (where the keys start in a new workspace) C says to bring one in; on a
            # sentence in conflict they say to keep a version first (`EditSlots.may_change`).
            if tell_no_articles(self):
                return
            row = self.current_row()
            if row is not None and row.review.status is Status.CONFLICT:
                said = (
                    "Enter opens nothing here: reviewers disagree on this sentence; "
                    f"{key_text(SPECS[ActionId.FOCUS_VERSIONS])} goes to their versions, "
                    "where Enter keeps one."
                )
            else:
                said = (
                    "Enter opens nothing here: C, D, F tag, 1–6 give a verdict, "
                    f"{key_text(SPECS[ActionId.FOCUS_EXPLANATION])} types the explanation."
                )
            self.statusBar().showMessage(said, STATUS_HINT_MS)
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            # Did nothing, silently: a newcomer wanting a tag, or a mistaken import, gone
            # was left guessing. (Delete unlinks a source in the panel's Sources list.)
            name = "Delete" if event.key() == Qt.Key.Key_Delete else "Backspace"
            self.statusBar().showMessage(
                f"{name} removes nothing here: {key_text(SPECS[ActionId.TAG_CLEAR])} clears "
                f"the tag, {key_text(SPECS[ActionId.UNDO])} undoes, File → "
                f"{SPECS[ActionId.REMOVE_ARTICLE].text.replace('&', '')} takes an article out.",
                STATUS_HINT_MS,
            )
            return
        tags = ", ".join(
            key_text(SPECS[action])
            for action in (ActionId.TAG_CLAIM, ActionId.TAG_DENIAL, ActionId.TAG_FACT)
        )
        verdicts = f"{key_text(SPECS[VERDICT_IDS[0]])}–{key_text(SPECS[VERDICT_IDS[-1]])}"
        help_key = first_key_text(ActionId.SHORTCUTS)
        script = non_latin_script(event.text())
        if script and not _place_is_no_key(event):
            # Only a Russian (Greek, Arabic…) layout set up: Qt finds the letter keys
            # in a Latin layout beside it, and there is none, so "С" under C is no key.
            # Not said for "ш" under I, no key in any layout: English may well be there.
            self.statusBar().showMessage(
                f"“{event.text()}” is not a review key: with a {script} layout on, the "
                "letter keys need a Latin layout (English, say) set up beside it.",
                STATUS_HINT_MS,
            )
            return
        # A letter with Shift (Shift+C for C); not a digit, which a French keyboard types
        # with Shift, as its verdict keys.
        shifted = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        shift = ", without Shift" if shifted and event.text().isalpha() else ""
        self.statusBar().showMessage(
            f"“{event.text()}” is not a review key: {tags} tag and {verdicts} give a "
            f"verdict{shift}; {help_key} lists every key.",
            STATUS_HINT_MS,
        )

    def _fit_number_column(self) -> None:
        """Another article: widen (or narrow) the number column when its last sentence's
        number has more (or fewer) digits than the one before."""
        digits = max(3, len(str(self.sentence_model.rowCount())))  # "999" fits already
        if digits != self._number_digits:
            self._number_digits = digits
            self.sentence_columns.measure()

    def build_review_panel(self) -> None:
        """Make the review panel and put it in its place (once).

        A window opening a workspace paints first and makes its panel right after (its
        modules and widgets were a tenth of the time to that first paint); a window given
        its desk makes it at once. Nothing uses the panel before a workspace is open.
        """
        if hasattr(self, "panel"):
            return
        from factcheck_app.gui.review_panel import ReviewPanel

        self.panel = ReviewPanel(self.sentence_model)
        # A short window scrolls the review panel rather than squeezing its boxes to a line.
        self.panel_scroll = VerticalScroller(self.panel)
        self.panel_scroll.setObjectName("panelScroll")
        room = self.main_splitter.indexOf(self._panel_room)
        self.main_splitter.replaceWidget(room, self.panel_scroll)
        self._panel_room.deleteLater()
        # The article finder too: Alt+Q typed "q" into it, and a Russian-only Alt+ь "ь".
        self._alt_letters.watch(
            self.panel.claimant_edit, self.panel.explanation_edit, self.article_find
        )
        # V also works in the earlier-verdicts list, right after choosing one there.
        self.panel.earlier.view.addAction(self.registry[ActionId.COPY_EARLIER_VERDICT])
        # Delete in the Sources list is its Remove button (and nowhere else).
        self.panel.sources_view.addAction(self.registry[ActionId.REMOVE_SOURCE])
        self.panel.set_tag_key_hints(
            {
                tag_id: key_text(SPECS[action])
                for tag_id, action in enumerate(
                    (ActionId.TAG_CLEAR, ActionId.TAG_CLAIM, ActionId.TAG_DENIAL, ActionId.TAG_FACT)
                )
            }
        )
        link_key = key_text(SPECS[ActionId.LINK_SOURCE])
        self.panel.sources_view.set_empty_text(f"No sources yet: {link_key} links one.")
        # N (next unreviewed, pressed by habit) typed into the Status box made the sentence
        # "Needs second look", D "Done": saved, without a word. (The verdicts begin with
        # their keys' digits, the claims in Denies with "#": nothing to fear there.)
        self._status_box_letters = NoTypedChoice(
            self.panel.status_box,
            lambda hint: self.statusBar().showMessage(hint, STATUS_HINT_MS),
            "The status changes with ↑/↓ or Alt+↓; Esc goes back to the sentences.",
        )
        # F (for "False") typed into the Verdict box did nothing, without a word: its
        # items begin with their digits, which choose them there as in the sentence list.
        verdict_keys = f"{key_text(SPECS[VERDICT_IDS[0]])}–{key_text(SPECS[VERDICT_IDS[-1]])}"
        self._verdict_box_letters = DigitChoices(
            self.panel.verdict_box,
            lambda hint: self.statusBar().showMessage(hint, STATUS_HINT_MS),
            f"The verdict changes with {verdict_keys}, ↑/↓ or Alt+↓; "
            "Esc goes back to the sentences.",
        )
        # A letter typed in the panel's lists (C pressed to tag, the list taken for the
        # sentences) did nothing there, or chose another item by its first letter: in
        # a conflict's versions B chose Bob's, for Enter to keep.
        copy_key = key_text(SPECS[ActionId.COPY_EARLIER_VERDICT])
        edit_key = key_text(SPECS[ActionId.EDIT_SOURCE])
        remove_key = key_text(SPECS[ActionId.REMOVE_SOURCE])
        self._panel_list_letters = [
            NoTypedChoice(
                view, lambda hint: self.statusBar().showMessage(hint, STATUS_HINT_MS), hint
            )
            for view, hint in (
                (
                    self.panel.conflict_view.table,
                    f"The versions are chosen with ↑/↓ and Enter keeps one; {BACK_TO_KEYS}",
                ),
                (
                    self.panel.sources_view,
                    f"The sources move with ↑/↓: Enter opens one, {edit_key} edits it, "
                    f"{remove_key} removes it; {BACK_TO_KEYS}",
                ),
                (
                    self.panel.earlier.view,
                    f"The earlier verdicts move with ↑/↓: {copy_key} copies one, Enter "
                    f"opens it; {BACK_TO_KEYS}",
                ),
                (
                    self.panel.history_box.view,
                    f"The history moves with ↑/↓, Enter shows an entry whole; {BACK_TO_KEYS}",
                ),
            )
        ]
        self.panel.earlier.set_key_hints(
            key_text(SPECS[ActionId.COPY_EARLIER_VERDICT]),
            key_text(SPECS[ActionId.REUSE_EARLIER_SOURCES]),
        )
        panel, edits, search = self.panel, self.edits, self.search
        panel.tag_chosen.connect(edits.set_tag)
        panel.verdict_chosen.connect(edits.set_verdict)
        panel.status_chosen.connect(edits.set_status)
        panel.text_committed.connect(edits.save_text)
        panel.denies_chosen.connect(edits.set_denies)
        panel.link_requested.connect(edits.link_source)
        panel.open_failed.connect(lambda why: self.statusBar().showMessage(why, STATUS_WARNING))
        panel.source_copied.connect(lambda said: self.statusBar().showMessage(said, STATUS_NOTE))
        panel.unlink_requested.connect(edits.unlink)
        panel.edit_source_requested.connect(edits.edit_source)
        panel.field_done.connect(self.back_to_sentences)
        panel.set_source_key_hints(key_text(SPECS[ActionId.EDIT_SOURCE]))
        panel.versions_for = lambda sentence_id: self.desk.merge.versions(sentence_id)
        panel.step_to_take = lambda action: shown_edit(
            self.desk.edits.undo_text() if action == "undo" else self.desk.edits.redo_text()
        )
        panel.conflict_view.decided.connect(self.merging.decide)
        panel.conflict_view.set_key_hint(key_text(SPECS[ActionId.FOCUS_VERSIONS]))
        panel.set_versions_key(first_key_text(ActionId.FOCUS_VERSIONS))
        panel.typing_refused.connect(lambda why: self.statusBar().showMessage(why, STATUS_LONG))
        panel.earlier.copy_requested.connect(search.copy_earlier_verdict)
        panel.earlier.reuse_requested.connect(search.reuse_earlier_sources)
        panel.earlier.open_requested.connect(search.show_found_sentence)
        self.pane_share.share()  # with the panel's own width now

    @property
    def search_panel(self) -> SearchPanel:
        """The search pane, made on first use: its modules and widgets cost the window's
        first paint 10-20 ms, and many sessions never search."""
        if self._search_panel is None:
            from factcheck_app.gui import search_panel as pane

            panel = pane.SearchPanel(
                lambda query, scope: self.desk.lookup.search(query, scope),
                search_in_steps=self._search_in_steps,
            )
            panel.hide()
            search = self.search
            panel.sentence_chosen.connect(search.show_found_sentence)
            panel.close_requested.connect(search.close_search)
            panel.failed.connect(lambda why: self.statusBar().showMessage(why, 15000))
            panel.hit_place.connect(self._say_hit_place)
            panel.place_kept.connect(self._say_kept_place)
            # Delete and Backspace too: on a result they did nothing, without a word.
            self._results_letters = NotAKey(
                panel.view,
                lambda event: self.statusBar().showMessage(_said_in_results(event), STATUS_HINT_MS),
                (Qt.Key.Key_Delete, Qt.Key.Key_Backspace),
            )
            # Search results sit under the sentences: wide enough for their columns, and
            # the review panel keeps its full height.
            self.center_splitter.addWidget(panel)
            self._alt_letters.watch(panel.query_edit)
            self._search_panel = panel
            self.index.show_in_search(panel)  # a search may have to wait for the index
        return self._search_panel

    def _search_in_steps(self, query: str, scope: SearchScope) -> Iterator[SearchResults | None]:
        """The desk's search in steps (the one that waited for the index), ended without
        results once that desk is closed: the window went to another workspace between
        two of its steps."""
        desk = self.desk
        steps = desk.lookup.search_in_steps(query, scope)
        while not desk.closed:
            try:
                result = next(steps)
            except StopIteration:
                return
            yield result

    def _say_hit_place(self, place: str) -> None:
        """The current search result's place in the status bar; taken away when the
        results change under it (it would name a result no longer there)."""
        bar = self.statusBar()
        if place:
            with self.message_log.readout("result place"):  # one line, not one a key
                bar.showMessage(place, STATUS_LONG)
        elif bar.currentMessage().startswith("Result "):
            bar.clearMessage()

    def _say_kept_place(self, place: str) -> None:
        """The current result's place once its results were searched again behind an
        edit or an import: again in place of the one said before (taken away as the
        results changed), never over what the status bar says of that edit ("Verdict True
        replaced by …", "Imported …")."""
        said = self.statusBar().currentMessage()
        if not said or said.startswith("Result "):
            self._say_hit_place(place)

    def existing_search_panel(self) -> SearchPanel | None:
        """The search pane if it was made (None before the first Ctrl+F)."""
        return self._search_panel

    def refresh_search_results(self) -> None:
        """Run the shown search again after an edit (nothing to do before the first)."""
        if self._search_panel is not None:
            self._search_panel.refresh()

    def _connect_actions(self) -> None:
        """Every action of the registry (gui/actions.py) to the slot that does it."""
        a, edits, moves, search = self.registry, self.edits, self.navigation, self.search
        a.on(ActionId.OPEN_ARTICLE, self.imports.open_article_dialog)
        a.on(ActionId.OPEN_WORKSPACE, self.workspace.open_dialog)
        a.on(ActionId.MERGE_WORKSPACE, self.merging.merge_dialog)
        a.on(ActionId.IMPORT_FOLDER, self.imports.open_folder_dialog)
        a.on(ActionId.CANCEL_IMPORT, self.imports.cancel)
        a[ActionId.CANCEL_IMPORT].setEnabled(False)
        a.on(ActionId.PASTE_ARTICLE, self.imports.paste_as_new_article)
        a.on(ActionId.EXPORT, self.articles.export_report)
        a.on(ActionId.OPEN_LAST_EXPORT, self.articles.open_last_export)
        a.on(ActionId.ARTICLE_PROPERTIES, self.articles.edit_properties)
        a.on(ActionId.REMOVE_ARTICLE, self.articles.remove_article)
        a.on(ActionId.QUIT, self.close)
        a.on(ActionId.CHECK_WORKSPACE, self.workspace.check_workspace)
        a.on(ActionId.CANCEL_CHECK, self.workspace.cancel_check)
        a[ActionId.CANCEL_CHECK].setEnabled(False)
        a.on(ActionId.CANCEL_REBUILD, self.index.cancel)
        a[ActionId.CANCEL_REBUILD].setEnabled(False)
        a.on(ActionId.BACKUP_NOW, self.workspace.back_up_now)
        a.on(ActionId.SAVE_COPY, self.save_copy.save_a_copy)
        a.on(ActionId.CANCEL_COPY, self.save_copy.stop)
        a[ActionId.CANCEL_COPY].setEnabled(False)
        a.on(ActionId.SAVE_NOW, self.save_now)
        a.on(ActionId.RESTORE_BACKUP, self.workspace.restore_from_backup)
        a.on(ActionId.UNDO, edits.undo)
        a.on(ActionId.REDO, edits.redo)
        a.on(ActionId.NEXT_SENTENCE, lambda: moves.move_current(1))
        a.on(ActionId.PREVIOUS_SENTENCE, lambda: moves.move_current(-1))
        a.on(ActionId.FIRST_SENTENCE, moves.go_first)
        a.on(ActionId.LAST_SENTENCE, moves.go_last)
        a.on(ActionId.NEXT_UNREVIEWED, moves.go_next_unreviewed)
        a.on(ActionId.NEXT_CHECKWORTHY, moves.go_next_checkworthy)
        a.on(ActionId.ACCEPT_SUGGESTION, edits.accept_suggestion)
        a.on(ActionId.ACCEPT_ALL_SUGGESTIONS, edits.accept_all_suggestions)
        a.on(ActionId.TAG_CLAIM, lambda: edits.set_tag(Tag.CLAIM))
        a.on(ActionId.TAG_DENIAL, lambda: edits.set_tag(Tag.DENIAL))
        a.on(ActionId.TAG_FACT, lambda: edits.set_tag(Tag.FACT))
        a.on(ActionId.TAG_CLEAR, lambda: edits.set_tag(None))
        for action_id, verdict in zip(VERDICT_IDS, DEFAULT_SCALE, strict=True):
            a.on(action_id, partial(edits.give_verdict, verdict.key))
        move_on = a[ActionId.MOVE_ON_AFTER_VERDICT]
        move_on.setChecked(settings.move_on_after_verdict())
        move_on.toggled.connect(lambda on: settings.save(settings.MOVE_ON, on))
        a.on(ActionId.FOCUS_ARTICLES, self.article_list.setFocus)
        a.on(ActionId.FIND_ARTICLE, self.find_article)
        a.on(ActionId.LINK_SOURCE, edits.link_source)
        a.on(ActionId.EDIT_SOURCE, edits.edit_source)
        a.on(ActionId.REMOVE_SOURCE, edits.remove_source)
        a.on(ActionId.MERGE_NEXT, edits.merge_with_next)
        a.on(ActionId.SPLIT_HERE, edits.split_at_cursor)
        a.on(ActionId.RESPLIT_ARTICLE, edits.resplit_article)
        a.on(ActionId.COPY_EARLIER_VERDICT, search.copy_earlier_verdict)
        a.on(ActionId.REUSE_EARLIER_SOURCES, search.reuse_earlier_sources)
        a.on(ActionId.SEARCH_WORKSPACE, search.open_search)
        a.on(ActionId.NEXT_RESULT, lambda: search.step_search_result(1))
        a.on(ActionId.PREVIOUS_RESULT, lambda: search.step_search_result(-1))
        a.on(ActionId.FOCUS_TEXT, self.article_view.setFocus)
        a.on(ActionId.FOCUS_SENTENCES, self.back_to_sentences)
        a.on(ActionId.FOCUS_EXPLANATION, lambda: self.panel.explanation_edit.setFocus())
        a.on(ActionId.APPROVE_VERDICT, self.sign_off.approve)
        a.on(ActionId.RETURN_VERDICT, self.sign_off.send_back)
        a.on(ActionId.FOCUS_HISTORY, self.sign_off.focus_history)
        a.on(ActionId.NEXT_CONFLICT, lambda: moves.go_to_conflict(forward=True))
        a.on(ActionId.PREVIOUS_CONFLICT, lambda: moves.go_to_conflict(forward=False))
        a.on(ActionId.FOCUS_VERSIONS, self.focus_versions)
        a.on(ActionId.SHORTCUTS, self._show_shortcuts)
        a.on(ActionId.OPEN_LOG_FOLDER, lambda: open_log_folder(self))
        a.on(ActionId.ABOUT, self._show_about)
        a.on(ActionId.RECENT_MESSAGES, self._show_recent_messages)
        a.on(ActionId.PREFERENCES, self.team.edit_preferences)
        a.on(ActionId.AGREEMENT, self.team.show_agreement)
        # After a review key's own line ("No suggestion for this sentence"), a run of
        # typing in the sentence list says what it changed over it (`_say_typing`).
        for action in a.review_actions():
            action.triggered.connect(lambda _checked=False: self._say_typing())

    def back_to_sentences(self) -> None:
        """Esc: the sentence list, with the review panel back at its top. Left scrolled
        down to the history (Ctrl+Shift+H) or the sources, it showed them for every next
        sentence, its text, tag and verdict out of sight, and no key to scroll it back."""
        self.sentence_view.setFocus()
        if hasattr(self, "panel_scroll"):
            self.panel_scroll.verticalScrollBar().setValue(0)

    def focus_versions(self) -> None:
        """Ctrl+Shift+D: into the reviewers' versions of the sentence in conflict (↑/↓
        choose, Enter keeps the chosen one, Esc comes back)."""
        if self.has_desk() and tell_no_articles(self):
            return
        if not self.has_desk() or not self.panel.conflict_view.isVisibleTo(self.panel):
            next_key = key_text(SPECS[ActionId.NEXT_CONFLICT])
            self.statusBar().showMessage(
                f"This sentence has no conflict to decide ({next_key} goes to the next one).",
                STATUS_NOTE,
            )
            return
        view = self.panel.conflict_view
        view.focus_versions()
        self._show_versions(view)

    def _show_versions(self, view: ConflictView) -> None:
        """Scroll the review panel to the conflict's versions: from its heading to the
        chosen version's last line, or as much of it as there is room for, the list of
        versions always. The whole view, taller than the panel shows at 16 pt on a
        1024×640 screen, was centred: the list's titles and its first version lay above
        the panel's top edge."""
        panel = self.panel

        def top_of(part: QWidget) -> int:
            return part.mapTo(panel, QPoint(0, 0)).y()

        end = top_of(view.details) + view.details.height()
        room = self.panel_scroll.viewport().height()
        value = min(max(top_of(view.title), end - room), top_of(view.table))
        self.panel_scroll.verticalScrollBar().setValue(value)

    # The Help dialogs are imported when asked for, not before the window's first paint.
    def _show_shortcuts(self) -> None:
        from factcheck_app.gui.dialogs.form_parts import run_dialog
        from factcheck_app.gui.dialogs.help import ShortcutsDialog

        run_dialog(ShortcutsDialog(self))

    def _show_recent_messages(self) -> None:
        from factcheck_app.gui.dialogs.form_parts import run_dialog
        from factcheck_app.gui.dialogs.recent_messages import RecentMessagesDialog

        run_dialog(RecentMessagesDialog(self.message_log, self))

    def _show_about(self) -> None:
        from factcheck_app.gui.dialogs.form_parts import run_dialog
        from factcheck_app.gui.dialogs.help import AboutDialog

        run_dialog(AboutDialog(self.desk.path if self.has_desk() else None, self))

    def has_desk(self) -> bool:
        """False only while the window opens its first workspace (gui/app.py)."""
        return hasattr(self, "desk")

    def show_opening(self, path: Path | None) -> None:
        """Say which workspace is being opened, until `show_desk`."""
        name = shown_file_name(path.name) if path is not None else "the workspace"
        self.article_view.setPlaceholderText(f"Opening {name}…")
        self.setWindowTitle(f"Opening {name} — {config.APP_NAME}")
        for action_id in (ActionId.UNDO, ActionId.REDO):  # nothing to undo yet
            self.registry[action_id].setEnabled(False)

    def show_desk(self, desk: Desk) -> None:
        """Show another workspace (the previous desk is closed already): no article yet."""
        self.build_review_panel()
        self.panel.another_workspace()  # its sentence ids are not the last workspace's
        self.desk = desk
        self.notices.forget()  # owed of the workspace shown before: not of this one
        self.desk.edits.on_change.append(self.edits.show_change)
        self.desk.edits.on_change.append(self.sign_off.edit_shown)
        self.desk.edits.on_change.append(self._typed_change)  # after the lines above
        self._show_read_only()
        self.article_id = None
        self._left_on.clear()  # another workspace's (or a restored one's) sentences
        self._long_sentence_told.clear()
        self.welcome.forget_sample()  # its article ids are not the sample's workspace's
        self.imports.forget_opened_new()  # the last desk's: it held it, closed, in memory
        self.article_view.setPlaceholderText(self._placeholder)
        self.article_view.set_article_text("")
        self.sentence_model.set_rows([])
        self.panel.show_sentence(None, [])
        # Another workspace's articles, even with the same ids: none is current any more
        # (a refresh of the same workspace keeps the list and its current row); and all of
        # them listed (the words typed to find one of the last workspace's would hide them).
        self._set_article_filter("", ArticleFilter.ALL)
        self.article_model.set_articles([])
        self.reload_articles()
        if self.article_id is None:
            # No article to open (a new team workspace): the keys go to the sentence list,
            # where C or N says to bring one in. Left to Qt, the focus went to the article
            # finder's field, C, N and 1 were typed there without a word, and the article
            # imported next was left out of the list by them.
            self.sentence_view.setFocus()
        if self._search_panel is not None:  # its results (and F3) were the last workspace's
            self._search_panel.run_search()
        self.update_title()
        self.edits.update_undo_actions()
        self.team.workspace_changed()
        # Verdicts an editor returned: said once the window is ready (one indexed query).
        QTimer.singleShot(0, self.sign_off.tell_returned)
        QTimer.singleShot(0, self.list_rows, self.list_rows.fit)  # its rows, now measured

    # -- the open article -----------------------------------------------------------------

    @guarded
    def reload_articles(self) -> None:
        if self.desk is None or self.desk.closed:
            return  # the window closed before its deferred first load ran
        current = self.article_id
        self.article_model.set_articles(self.desk.articles.list_articles())
        # Told here, wherever the list is read again: the import's end reads it itself,
        # and the look each second then found nothing changed, so File → Export… open
        # meanwhile went on counting the articles without the one imported.
        self.workspace.articles_changed.emit()
        if current is None and self.desk.path is not None:
            place = settings.last_place(self.desk.path)  # where the reviewer stopped
            if place is not None and self.article_model.row_of(place[0]) >= 0:
                self.open_article(*place)
                self._opened_by_itself(current)
                return
        if current is not None and self.article_model.row_of(current) >= 0:
            self.show_open_article_in_list()  # (not listed: the list shows none current)
        elif (first := self.article_filter.index(0, 0)).isValid():
            self.article_list.setCurrentIndex(first)
        elif self.article_model.rowCount() > 0:  # none listed: the first all the same
            self.open_article(self.article_model.article_at(0).id)
        self._opened_by_itself(current)

    def _opened_by_itself(self, before: int | None) -> None:
        """An article the list opened as it filled (none was open) is no work of the
        reviewer's: an import under way still tells what it refused in its box."""
        if before is None and self.article_id is not None:
            self.imports.opened_by_the_window(self.article_id)

    def _tell_settings_not_kept(self, problem: str) -> None:
        """A write of the settings file failed: said once in the status bar (each write
        is logged), as the start says a file it cannot write; the note beside the counter
        stays until a write goes through."""
        self.show_settings_not_kept(problem)
        if self.settings_not_kept_told:
            return
        self.settings_not_kept_told = True
        self.statusBar().showMessage(
            # Short: a longer line cut the file's name off in a 1024-pixel window.
            f"Settings not saved (layout, where you stopped): {problem}.",
            STATUS_WARNING,
        )

    def show_settings_not_kept(self, problem: str) -> None:
        """The status bar's lasting "Settings not saved", its tooltip saying what and why."""
        said = (
            "The window's layout and where you stopped will not be kept for the next "
            f"start: {problem}."
        )
        self.settings_note.setToolTip(plain_tooltip(said))
        self.settings_note.setAccessibleDescription(said)
        self.settings_note.show()

    def save_now(self) -> None:
        """Ctrl+S, pressed by reflex: save the text being typed at once and say that
        everything is saved (every other change already was, as it was made)."""
        if not self.has_desk():
            return
        self.panel.flush_pending_text()
        if self.panel.has_pending_text():
            self.statusBar().showMessage(
                "Typed text is NOT saved yet: see the review panel.", STATUS_RESULT
            )
        else:
            self.statusBar().showMessage(
                "Everything is saved (the desk saves each change as you make it).",
                STATUS_RESULT,
            )

    # -- finding an article ------------------------------------------------------------

    def find_article(self) -> None:
        """Ctrl+Shift+F: into the field above the article list, its words chosen (typing
        replaces them)."""
        self.article_find.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.article_find.selectAll()

    def _article_state_chosen(self) -> None:
        """A state chosen in the finder's box: its articles read anew, then listed."""
        self._state_articles = None
        self.apply_article_filter()

    def _articles_in_state(self, state: ArticleFilter) -> frozenset[int]:
        """The articles of `state` as the workspace says when the state was chosen (as
        signed off then): read once per choice, not at every key typed after it (31-56
        ms a key for "Awaiting sign-off" on a year's workspace)."""
        if self._state_articles is not None and self._state_articles[0] is state:
            return self._state_articles[1]
        found: frozenset[int] = frozenset()
        if self.has_desk() and not self.desk.closed:
            try:
                if state is ArticleFilter.RETURNED:
                    found = frozenset(self.desk.sign_offs.returned_to(self.desk.reviewer))
                else:
                    # Awaiting this reviewer's sign-off: a colleague's (as the open says).
                    found = self.desk.sign_offs.awaiting_articles(self.desk.reviewer)
            except FactcheckError as error:  # a damaged file: said, and none listed
                self.statusBar().showMessage(str(error), STATUS_WARNING)
        self._state_articles = (state, found)
        return found

    def apply_article_filter(self) -> None:
        """List the articles the finder's words and state box choose; the open article
        stays open (and current in the list when listed), however the list narrows."""
        if self._article_filter_set:
            return  # the field's text set with the state: listed once they both are
        state = ArticleFilter(self.article_state_box.currentData())
        returned: frozenset[int] = frozenset()
        awaiting: frozenset[int] = frozenset()
        if state is ArticleFilter.RETURNED:
            returned = self._articles_in_state(state)
        elif state is ArticleFilter.AWAITING_SIGN_OFF:
            awaiting = self._articles_in_state(state)
        self._article_filter_moving = True  # Qt moves the current row off a hidden one
        try:
            self.article_filter.set_filter(
                self.article_find.text(),
                state,
                returned=returned,
                awaiting=awaiting,
                today=dt.date.today(),
            )
        finally:
            self._article_filter_moving = False
        self.show_open_article_in_list()

    def _set_article_filter(self, text: str, state: ArticleFilter) -> None:
        """Put `text` and `state` in the finder and list what they choose (once)."""
        # The field's signals not blocked: its clear button (⊗) follows its text by them,
        # and stayed on the emptied field. The list is told once, below.
        self._article_filter_set = True
        try:
            with QSignalBlocker(self.article_state_box):
                self.article_find.setText(text)
                self.article_state_box.setCurrentIndex(self.article_state_box.findData(state))
        finally:
            self._article_filter_set = False
        self._article_state_chosen()

    def leaves_out(self, article_ids: list[int]) -> bool:
        """Do words typed above the article list (or a state chosen under them) leave any
        of `article_ids` out of it? (One pass over the articles listed.)"""
        found = self.article_filter
        if not found.filtering():
            return False
        listed = {found.article_id_at(row) for row in range(found.rowCount())}
        return not listed.issuperset(article_ids)

    def list_every_article(self) -> None:
        """The finder's words and state set aside: every article listed (an article just
        imported opened with the list showing none current)."""
        self._set_article_filter("", ArticleFilter.ALL)

    def clear_article_filter(self) -> None:
        """Esc in the finder: every article listed again, and the keys in the list, on
        the open article."""
        self._set_article_filter("", ArticleFilter.ALL)
        self.article_list.setFocus()

    def to_articles_found(self) -> None:
        """↓ in the finder (Enter in its state box): into the list, on the open article
        when it is listed, else on the first found, opened (the keys stay in the list)."""
        if not self.article_list.currentIndex().isValid():
            found = self.article_filter.article_id_at(0)
            if found is not None:
                self.open_article(found, back=True, focus=False)
        self.article_list.setFocus()
        if not self.article_filter.rowCount():
            self._say_none_found()

    def open_first_found(self) -> None:
        """Enter in the finder: the first article found, on to its sentences."""
        found = self.article_filter.article_id_at(0)
        if found is None:
            self._say_none_found()
            return
        self.open_article(found, back=True)

    def _say_none_found(self) -> None:
        self.statusBar().showMessage(
            "No article is listed: Esc in the field above the list lists every one again.",
            STATUS_HINT_MS,
        )

    def show_open_article_in_list(self) -> None:
        """The open article current in the list, in sight; none current when the finder
        leaves it out (the row current before was another article's)."""
        index = (
            self.article_filter.index_of(self.article_id)
            if self.article_id is not None
            else QModelIndex()
        )
        if not index.isValid():
            if self.article_list.currentIndex().isValid():
                self.article_list.selectionModel().clear()
            return
        if self.article_list.currentIndex() != index:
            self.article_list.setCurrentIndex(index)
        self.article_list.scrollTo(index)

    def _show_article_count(self) -> None:
        """ "12 of 340 articles" while the finder narrows the list, else "340 articles"."""
        total = self.article_model.rowCount()
        widest = f"{figure(total)} of {figure(total)}"
        if self.article_filter.filtering():
            short = f"{figure(self.article_filter.rowCount())} of {figure(total)}"
            self.article_count.set_count(f"{short} {noun_for(total, 'article')}", short, widest)
        else:
            self.article_count.set_count(counted(total, "article"), figure(total), widest)

    def remember_place(self) -> None:
        """Keep the open article and sentence, for the next start on this workspace."""
        if self.has_desk() and self.desk.path is not None and self.article_id is not None:
            settings.remember_place(self.desk.path, self.article_id, self.current_sentence_id())

    def _on_article_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._article_filter_moving:
            return  # the row current went out of the list: the open article stays open
        if current.isValid():
            article_id = self.article_model.article_at(
                self.article_filter.mapToSource(current).row()
            ).id
            if article_id == self.article_id:  # open_article itself moved the list
                return
            if not self.desk.articles.exists(article_id):
                # Removed by the writer beside this read-only window since the list was
                # read (it catches up within a second): opening it would fail half-way.
                self.reload_articles()
                self.statusBar().showMessage(
                    "That article is no longer in the workspace.", STATUS_NOTE
                )
                return
            # ↑/↓ in the list (Ctrl+Shift+A) open article after article and keep the keys
            # there (Enter goes on to the sentences); a click, or a workspace opened, opens
            # it for review.
            by_arrows = (
                self._article_list_keys.pressing
                and QApplication.mouseButtons() == Qt.MouseButton.NoButton
            )
            self.open_article(article_id, back=True, focus=not by_arrows)

    @guarded
    def open_article(
        self,
        article_id: int,
        focus_sentence_id: int | None = None,
        *,
        back: bool = False,
        focus: bool = True,
        rows: list[SentenceRow] | None = None,
    ) -> None:
        """Show an article with its first unreviewed sentence current and (`focus`) the
        list focused; `back`: on the sentence it was left on, if still there and listed.
        `rows`: the article's, read by a worker just now (else read here)."""
        self.panel.flush_pending_text()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # huge articles take seconds
        try:
            self.load_article(article_id, focus_sentence_id, back=back, rows=rows)
        finally:
            QApplication.restoreOverrideCursor()
        if focus:
            self.sentence_view.setFocus()

    def load_article(
        self,
        article_id: int,
        focus_sentence_id: int | None,
        *,
        back: bool = False,
        rows: list[SentenceRow] | None = None,
    ) -> None:
        """(Re)load an article's sentences and reviews, `focus_sentence_id` current (none:
        with `back`, the one it was left on, else its first not yet done). `rows`: the
        article's as a worker read them after its step (0.4-0.6 s of this thread at 5 MB)."""
        opened = article_id != self.article_id
        if opened:
            # Read before the window takes it as its article: one gone (removed by another
            # program, a merge undone) fails here with the window still on the last one.
            text = self.desk.articles.article_text(article_id)
            if self._listed_progress.isActive():  # the article left shows its own count
                self.show_listed_progress()
            left_on = self.current_sentence_id()
            if self.article_id is not None and left_on is not None:
                self._left_on[self.article_id] = left_on
            self.article_id = article_id
            self.welcome.follow_open_article(article_id)
            self.article_view.set_article_text(text)
            self.show_open_article_in_list()
        if rows is None:
            rows = self.desk.reviews.sentence_rows(article_id)
        language = self.desk.articles.article_language(article_id)  # the assist's language
        self.sentence_model.set_rows(rows)  # the filter re-applies itself on the reset
        self.reviewed_count = sum(1 for r in rows if r.review.is_reviewed)
        self.conflict_count = sum(1 for r in rows if r.review.status is Status.CONFLICT)
        self.returned_count = sum(1 for r in rows if returned(r))
        if focus_sentence_id is None and back:
            focus_sentence_id = self._listed(self._left_on.get(article_id))
        if focus_sentence_id is None:
            focus_sentence_id = self.desk.reviews.next_unreviewed(rows, None)
            if focus_sentence_id is None and rows:
                focus_sentence_id = rows[0].sentence.id
            # Nothing asked for by name: the Show box keeps its choice (going through the
            # conflicts article by article), on the first sentence it lists.
            focus_sentence_id = self._first_shown(focus_sentence_id)
        if focus_sentence_id is not None:
            self.select_sentence(focus_sentence_id)
        else:
            self.panel.show_sentence(None, [])
        self.update_title()
        self.update_progress()
        if opened:
            self._tell_of_long_sentence(article_id)
        # Suggestions are pure-Python work that shares the interpreter lock with the window:
        # start them once the window has painted and settled, not during start-up.
        self.suggestions.schedule(language)

    def _tell_of_long_sentence(self, article_id: int) -> None:
        """Once a session, an article imported before the splitter cut sentences longer
        than `MAX_SENTENCE_CHARS` says so: it keeps them (nothing is re-split at an
        open), each save of such a sentence's review rewrites its whole search row (a
        second or more of a frozen window for megabytes), and nothing else told the
        reviewer why, nor what cuts it. Owed, not asked for: a notice, never a box."""
        self.notices.withdraw(LONG_SENTENCE_NOTICE)  # of the article left, if still owed
        if article_id in self._long_sentence_told or self.desk.workspace.read_only:
            return  # read-only: no review is saved, and no re-split can be
        self._long_sentence_told.add(article_id)
        longest = self.desk.reviews.sentence_over_the_cut(article_id)  # its spans only
        if longest is None:
            return
        resplit = SPECS[ActionId.RESPLIT_ARTICLE]
        key = first_key_text(ActionId.RESPLIT_ARTICLE)
        # What to do first: at 1,024 px the status bar's room ends about 110 characters
        # in, and the line said the other way round lost its menu path to the cut.
        said = (
            f"Saves here are slow: Edit → {resplit.text.replace('&', '')}"
            f"{f' ({key})' if key else ''} cuts the {longest:,}-character sentence"
            " imported before long ones were cut."
        )
        self.notices.tell(said, STATUS_LONGEST, key=LONG_SENTENCE_NOTICE)

    def show_no_article(self) -> None:
        """No article is open (the workspace has none left after a removal, or after undoing
        the merge that brought them): nothing of the last one stays on show."""
        self.article_id = None
        self.article_view.set_article_text("")
        self.sentence_model.set_rows([])
        self.reviewed_count = self.conflict_count = self.returned_count = 0
        self.panel.show_sentence(None, [])
        self.update_title()
        self.update_progress()

    def update_title(self) -> None:
        parts = []
        if self.article_id is not None:
            row = self.article_model.row_of(self.article_id)
            if row >= 0:
                parts.append(self.article_model.article_at(row).title)
        if self.desk.path is not None:
            parts.append(shown_file_name(self.desk.path.name))
        if self.desk.workspace.read_only:
            parts.append("[read-only]")
        parts.append(config.APP_NAME)
        self.setWindowTitle(" — ".join(parts))

    def update_progress(self) -> None:
        total, reviewed = self.sentence_model.rowCount(), self.reviewed_count
        self.progress_label.setText(f"Reviewed {reviewed:,} of {counted(total, 'sentence')}")
        self._listed_progress.start()

    def show_listed_progress(self) -> None:
        """The open article's progress in the article list (now, if it was waiting)."""
        self._listed_progress.stop()
        total, reviewed = self.sentence_model.rowCount(), self.reviewed_count
        if self.article_id is not None:
            row = self.article_model.row_of(self.article_id)
            if row >= 0:
                summary = self.article_model.article_at(row)
                shown = replace(
                    summary,
                    reviewed_count=reviewed,
                    sentence_count=total,
                    conflict_count=self.conflict_count,
                    returned_count=self.returned_count,
                )
                if shown != summary:
                    self.article_model.update_article(shown)

    # -- the current sentence -------------------------------------------------------------

    def current_row(self) -> SentenceRow | None:
        index = self.sentence_view.currentIndex()
        if not index.isValid():
            return None
        source = self.sentence_filter.mapToSource(index)
        return self.sentence_model.sentence_row(source.row()) if source.isValid() else None

    def current_sentence_id(self) -> int | None:
        row = self.current_row()
        return row.sentence.id if row else None

    def sentences_height(self, rows: int) -> int:
        """The sentences' pane's height that shows the current sentence grown as tall as
        it grows (MAX_CURRENT_LINES) and `rows` rows more, whole."""
        view = self.sentence_view
        pane = self.center_splitter.widget(1)
        around = pane.height() - view.viewport().height() if pane is not None else 0
        tallest = grown_row_height(view.fontMetrics(), MAX_CURRENT_LINES)
        return around + tallest + rows * view.verticalHeader().defaultSectionSize()

    def article_height(self, lines: int) -> int:
        """The article text's height that shows `lines` lines of it."""
        view = self.article_view
        margins = 2 * (view.frameWidth() + round(view.document().documentMargin()))
        return lines * view.fontMetrics().lineSpacing() + margins

    def _listed(self, sentence_id: int | None) -> int | None:
        """`sentence_id` when it is in the open article and the Show box lists it (its
        choice stays from article to article), else None."""
        if sentence_id is None or (source_row := self.sentence_model.row_of(sentence_id)) < 0:
            return None
        shown = self.sentence_filter.mapFromSource(self.sentence_model.index(source_row, 0))
        return sentence_id if shown.isValid() else None

    def _first_shown(self, sentence_id: int | None) -> int | None:
        """`sentence_id` when the Show box lists it (or lists nothing), else the first
        sentence it lists."""
        if sentence_id is None:
            return None
        source_row = self.sentence_model.row_of(sentence_id)
        shown = self.sentence_filter.mapFromSource(self.sentence_model.index(source_row, 0))
        first = self.sentence_filter.index(0, 0)
        if shown.isValid() or not first.isValid():
            return sentence_id
        row = self.sentence_model.sentence_row(self.sentence_filter.mapToSource(first).row())
        return row.sentence.id

    def select_sentence(self, sentence_id: int, *, move_caret: bool = True) -> bool:
        source_row = self.sentence_model.row_of(sentence_id)
        if source_row < 0:
            return False
        index = self.sentence_filter.mapFromSource(self.sentence_model.index(source_row, 0))
        if not index.isValid():  # hidden by the filter: show everything rather than lose it
            hid = self.filter_box.currentText()
            self.filter_box.setCurrentIndex(0)
            self.navigation.apply_filter(0)
            index = self.sentence_filter.mapFromSource(self.sentence_model.index(source_row, 0))
            # Said: the box changed back unasked, and every sentence listed again unexplained.
            self.show_box_line = (
                f"Show is “{self.filter_box.currentText()}” again: “{hid}” did not list "
                "this sentence."
            )
            self.statusBar().showMessage(self.show_box_line, STATUS_NOTE)
        self._move_caret = move_caret
        self.sentence_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._move_caret = True
        self.sentence_view.scrollTo(index)
        return True

    def _on_sentence_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.suggestions.pause()  # the reviewer moves: keys first, suggestions after
        row = self.current_row() if current.isValid() else None
        self.sign_off.sentence_changed()
        if row is None:
            self.panel.show_sentence(None, [])
            self.panel.earlier.show_verdicts([], sentence=False)
            return
        self.search.sentence_changed()
        self.article_view.highlight(
            row.sentence.start, row.sentence.end, move_caret=self._move_caret
        )
        links = self.desk.sources.links(row.sentence.id) if row.source_count else []
        self.panel.show_sentence(row, links)
        self.panel.show_hint(self.sentence_model.suggestion(row.sentence.id))

    def _job_progresses(self) -> tuple[JobProgress, ...]:
        return (
            self.import_progress,
            self.check_progress,
            self.rebuild_progress,
            self.removal_progress,
        )

    def _fit_message(self, message: str) -> None:
        """Give a status message the room to be read whole beside a job's progress (its
        stage, then its bar but for its own words "Search index 2 %", step aside while the
        message shows; those words too where the message's first words would not fit
        beside them); one longer than the window ends in "…" there (`CutLineBar`) and is
        whole in the status bar's tooltip."""
        bar = self.statusBar()
        bar.setToolTip(plain_tooltip(message, composed=True) if message else "")
        jobs = [job for job in self._job_progresses() if not job.isHidden()]
        if not jobs:
            return
        room = self.message_room() - sum(job.room_when_whole() for job in jobs)
        needed = bar.fontMetrics().horizontalAdvance(message) - room if message else 0
        # What is left beside every bar's own words for the message's first words (and the
        # reviewed count, which was pushed past the window's edge): short, bars give them up.
        spare = (
            self.message_room()
            - MESSAGE_LEAST_CHARS * bar.fontMetrics().averageCharWidth()
            - sum(job.least_room() for job in jobs)
        )
        for job in jobs:
            words = spare >= 0
            job.make_room(needed, words=words)
            needed -= job.room_when_whole() - job.least_room(words=words)
            spare += job.least_room() - job.least_room(words=words)

    def message_room(self) -> int:
        """The status bar's width for a message beside its notes (the reviewed count)."""
        notes = [self.progress_label, self.settings_note]
        taken = sum(note.sizeHint().width() for note in notes if not note.isHidden())
        # The window's width at the most: with jobs' progress shown whole at 16 pt the status
        # bar was laid out wider than the window (1,456 px in 1,024), past its edge.
        width = min(self.statusBar().width(), self.width())
        return width - taken - MESSAGE_MARGINS

    def _announce(self, message: str) -> None:
        """Say a status bar message to a screen reader: the outcome of a key (undone,
        saved, refused and why) is shown there only, which a screen reader does not read
        unasked."""
        # Imported here: the class and its enums cost the window's first paint 2 ms.
        from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

        if message and QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.statusBar(), message))

    # -- imports (files dropped here, and the tests' way in) -------------------------------

    def show_welcome(self, *, sample: bool) -> None:
        """The first start's note above the first article, shown once; ``sample``: the
        open article is the sample (a new workspace), so the note may call it that."""
        # No article open: the sample did not come in (an installation without it), and
        # the note called the empty window "the article open now".
        sample = sample and self.article_id is not None
        self.welcome.sample_article = self.article_id if sample else None
        self.welcome.say_sample_is_open(sample)
        self.welcome.show()
        settings.save(settings.WELCOMED, True)

    def _show_read_only(self) -> None:
        """A read-only workspace: the banner says why, and nothing offers to edit."""
        editable = not self.desk.read_only
        self.workspace_strip.show_for(self.desk)
        refused = self.workspace_strip.key_refused()
        # A key typed into its Claimant or Explanation box says it too (the panel's).
        self.panel.set_editable(editable, refused)
        for action_id in EDIT_ACTIONS:
            self.registry[action_id].setEnabled(editable)
        self._read_only_keys.message = refused
        self._read_only_keys.watch(not editable)

    def _show_order(self, index: int) -> None:
        """Say beside the Show box in what order the list is."""
        checkworthy = self.filter_box.itemData(index) == SentenceFilter.CHECKWORTHY
        self.order_label.setText(ORDER_CHECKWORTHY if checkworthy else ORDER_ARTICLE)

    def import_files(self, paths: list[Path]) -> None:
        """Import files in the background (named on the command line, dropped on the
        window, handed over by the desktop); see ImportController.import_files. Ctrl+O
        then starts where they came from, as after an article chosen in its dialog."""
        from factcheck_app.gui.controllers import imports

        # Looked at off the window's thread: one dropped from a network share that stopped
        # answering froze the window here (the import says it does not answer). Once: the
        # import takes these answers, not looking at each path again.
        looked = imports.looked_at(paths)
        folder = next((p.parent for p in paths if looked[p] == imports.FILE), None)
        if folder is not None:
            settings.remember_folder(settings.IMPORT_FOLDER, folder)
        self.imports.import_files(paths, looked)

    # -- Qt events ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [path_of(u) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            team = getattr(self, "team", None)  # activated while it is being built
            if team is not None:
                team.follow_stored_name(say=True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Close (Ctrl+W) and Print (Ctrl+P), pressed by habit from a browser or an
        editor anywhere in the window, say what does that here: they did nothing and
        said nothing, and a journalist wondered whether the article had closed unsaved
        or a page had printed. No other program's key is taken from a widget that has
        one (a field keeps its own).

        Ctrl and the key labelled Q on a Greek or Hebrew layout, which Qt's shortcuts
        take for Ctrl+; or Ctrl+/ (`ctrl_letter_by_place`), quits as Ctrl+Q does; Alt and
        a letter of another alphabet that no Latin layout beside it gave a Latin key is
        the window's Alt+letter by its place (`press_mnemonic`)."""
        alt_by_place = alt_letter_by_place(event)
        if alt_by_place is not None and press_mnemonic(self, alt_by_place):
            event.accept()  # Alt and "ь" with only a Russian layout: Clai&mant's M
            return
        by_place = ctrl_letter_by_place(event)
        if by_place is not None:
            quit_action = self.registry[ActionId.QUIT]
            if by_place in quit_action.shortcuts():
                event.accept()
                if quit_action.isEnabled() and not event.isAutoRepeat():
                    quit_action.trigger()
                return
        pressed = by_place or QKeySequence(event.keyCombination())
        quit_key = key_text(SPECS[ActionId.QUIT])
        # Not "everything is saved" while the red note says typed text is NOT (a full
        # disk): a journalist who believed it closed the laptop and lost that text.
        # Nor in a read-only window, which saves nothing: what was typed there is lost.
        # No workspace yet while the window opens it: a key pressed then raised an error.
        if not self.has_desk():
            saved = "the workspace is still opening"
        elif self.desk.read_only:
            saved = "this window is read-only and saves nothing"
        elif self.panel.has_pending_text():
            saved = "typed text is NOT saved yet (the red note says why)"
        else:
            saved = "everything is saved as you go"
        lines = {
            QKeySequence.StandardKey.Close: f"closes nothing here: {saved}, and {quit_key} quits.",
            QKeySequence.StandardKey.Print: "prints nothing here: File → "
            f"{SPECS[ActionId.EXPORT].text.replace('&', '')} "
            f"({key_text(SPECS[ActionId.EXPORT])}) makes a PDF or Word report to print.",
        }
        for standard, line in lines.items():
            if event.matches(standard) or pressed in QKeySequence.keyBindings(standard):
                if not event.isAutoRepeat():
                    name = pressed.toString(QKeySequence.SequenceFormat.NativeText)
                    self.statusBar().showMessage(f"{name} {line}", STATUS_HINT_MS)
                event.accept()
                return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Typed text a full disk kept from being saved is not dropped unasked (none of it
        # without a panel: the window closes while it opens). Logging out asks nobody
        # (asked, the desk waited for an answer until the session killed it): the text is
        # kept for the next start. Looked at again after the question, which the signal
        # closes as Cancel.
        ended_first: str | None = None
        if hasattr(self, "panel"):
            # A word still being composed (an input method's) is put in first, as leaving
            # the box does: only the text before it was saved, the word gone with the window.
            self.panel.finish_composing()
            # A re-split holding typed text waiting ends first (stopped, as closing does):
            # the text is saved then, not asked about as if the disk had refused it.
            ended_first = self.merging.end_before_closing()
            if _stays_open(lambda: self.workspace.keep_unsaved_text("Quit")):
                event.ignore()
                return
            if closing_on_signal():
                self.workspace.keep_unsaved_text_for_next_start()
        # A SIGTERM (logging out) while this question was up closed it as "Keep
        # Importing", and the desk stayed open, importing, until killed.
        if _stays_open(lambda: not self.imports.quit_all_the_same()):
            event.ignore()  # typed text given up for the quit stays: the window stays
            return
        if hasattr(self, "panel"):
            if closing_on_signal():  # logging out while asked about the import
                self.workspace.keep_unsaved_text_for_next_start()
            self.panel.discard_pending_text()  # given up when asked: only now does it go
        merging = self.merging.stop() or ended_first
        stopped = [line for line in (self.imports.stop(), merging) if line]
        if stopped and closing_on_signal() and self.has_desk() and self.desk.path is not None:
            # Nobody was asked or told (logging out, `kill`): said at the next open. It
            # was stopped without a word, and a folder's files not yet in were easily
            # taken for imported.
            settings.note_stopped_work(self.desk.path, stopped)
        self.layout_store.save()
        self.remember_place()
        self.workspace.release()
        super().closeEvent(event)


def _stays_open(asked: Callable[[], bool]) -> bool:
    """Does a question at quit keep the window open (`asked` says the reviewer chose to
    stay)? Never while logging out: nobody is there to answer. Looked at again after the
    question, which a signal arriving while it is up closes as its Cancel."""
    return not closing_on_signal() and asked() and not closing_on_signal()
