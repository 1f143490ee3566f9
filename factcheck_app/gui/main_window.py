"""The desk window: articles, the running text, the sentence list and the review panel."""

from __future__ import annotations

import threading
from collections.abc import Generator
from dataclasses import replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from factcheck_app import config
from factcheck_app.domain import importing
from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.languages import language_name
from factcheck_app.domain.models import (
    DEFAULT_SCALE,
    SentenceRow,
    SourceLink,
    Status,
    Tag,
)
from factcheck_app.gui import settings
from factcheck_app.gui.actions import (
    MENUS,
    SPECS,
    TOOLBAR,
    VERDICT_IDS,
    ActionId,
    ActionRegistry,
    MenuLetters,
    key_text,
)
from factcheck_app.gui.article_view import ArticleView
from factcheck_app.gui.crash import open_log_folder
from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog
from factcheck_app.gui.dialogs.help import ShortcutsDialog, show_about
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog, stance_for_verdict
from factcheck_app.gui.dialogs.restore import RestoreBackupDialog
from factcheck_app.gui.dialogs.split import SplitSentenceDialog
from factcheck_app.gui.import_progress import ImportProgress
from factcheck_app.gui.messages import ask, guarded, inform, show_error
from factcheck_app.gui.models import (
    FILTER_LABELS,
    ArticleListModel,
    SentenceColumn,
    SentenceFilter,
    SentenceFilterModel,
    SentenceTableModel,
)
from factcheck_app.gui.review_panel import ReviewPanel
from factcheck_app.gui.search_panel import SearchPanel
from factcheck_app.gui.views import row_table
from factcheck_app.gui.workers import (
    ImportJob,
    ImportOutcome,
    ModelLoadJob,
    article_files_in,
    run_in_background,
)
from factcheck_app.gui.workspace_opener import open_desk
from factcheck_app.services import workspace_files

# Loaded with the window on purpose: importing the assist's rules (~25 ms of regular
# expressions) later would land in the middle of the reviewer's key presses.
from factcheck_app.services.assist import (
    SentenceSuggestion,
    checkworthiness_ready,
    checkworthy_sentence_ids,
    suggest_steps_for_rows,
)
from factcheck_app.services.desk import Desk
from factcheck_app.services.edits import Change

# Earlier verdicts are looked up once the reviewer pauses on a sentence, not on every key
# of a held Down arrow (a look-up takes a few ms; a step through the list must stay ~4 ms).
EARLIER_DELAY_MS = 150
SEARCH_PANEL_HEIGHT = 260
WATCH_INTERVAL_MS = 1000  # how often the window looks for saves by other programs
SUGGEST_DELAY_MS = 600  # after an article opens: let the window paint and take keys first

ARTICLE_FILE_FILTER = (
    "Articles (" + " ".join(f"*{suffix}" for suffix in importing.SUPPORTED_SUFFIXES) + ")"
    ";;All files (*)"
)


class MainWindow(QMainWindow):
    """One workspace open; one article reviewed at a time."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        # Other programs' saves (a writer while this window is read-only, this window's own
        # background import): noticed by SQLite's data_version, shown without reopening.
        self._data_version = desk.data_version()
        self._watch_timer = QTimer(self, interval=WATCH_INTERVAL_MS)
        self._watch_timer.timeout.connect(self._check_outside_changes)
        self._watch_timer.start()
        self._suggest_timer = QTimer(self, singleShot=True, interval=SUGGEST_DELAY_MS)
        self._suggest_timer.timeout.connect(self._start_suggestions)
        self._suggest_tick = QTimer(self, interval=0)  # one step per event-loop turn
        self._suggest_tick.timeout.connect(self._suggest_step)
        self._suggest_steps: Generator[int, None, dict[int, SentenceSuggestion]] | None = None
        self._suggest_for: object = None
        self._language = ""  # the open article's language (issue 18)
        self._model_job: ModelLoadJob | None = None
        self._earlier_timer = QTimer(self, singleShot=True, interval=EARLIER_DELAY_MS)
        self._earlier_timer.timeout.connect(self._look_up_earlier_verdicts)
        self.article_id: int | None = None
        self._reviewed = 0
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)

        self.registry = ActionRegistry(self)
        self._build_widgets()
        self._build_menus()
        self._connect_actions()
        self.desk.edits.on_change.append(self._on_change)
        self.panel.set_editable(not desk.read_only)
        self._restore_layout()
        self.article_model.set_articles(self.desk.list_articles())
        self._update_title()
        self._update_undo_actions()
        # The window shows first; the article (10,000 sentences take ~0.1 s) loads right after.
        QTimer.singleShot(0, self.reload_articles)

    # -- construction ---------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.article_model = ArticleListModel(self)
        self.article_list = QListView()
        self.article_list.setObjectName("articleList")
        self.article_list.setModel(self.article_model)
        self.article_list.setWordWrap(True)
        self.article_list.setAlternatingRowColors(True)
        self.article_list.setUniformItemSizes(False)
        self.article_list.selectionModel().currentChanged.connect(self._on_article_chosen)

        self.article_view = ArticleView()
        self.article_view.sentence_clicked.connect(self._on_text_clicked)

        self.sentence_model = SentenceTableModel(self)
        self.sentence_filter = SentenceFilterModel(self)
        self.sentence_filter.setSourceModel(self.sentence_model)
        self.sentence_view = row_table(self.sentence_filter, "sentenceView")
        header = self.sentence_view.horizontalHeader()
        header.setSectionResizeMode(SentenceColumn.TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (SentenceColumn.NUMBER, 44),
            (SentenceColumn.TAG, 70),
            (SentenceColumn.VERDICT, 100),
            (SentenceColumn.STATUS, 110),
        ):
            header.resizeSection(column, width)
        self.sentence_view.selectionModel().currentRowChanged.connect(self._on_sentence_changed)

        self.filter_box = QComboBox()
        self.filter_box.setObjectName("filterBox")
        for mode, label in FILTER_LABELS.items():
            self.filter_box.addItem(label, mode)
        self.filter_box.activated.connect(self._on_filter_chosen)

        self.panel = ReviewPanel(self.sentence_model)
        self.panel.tag_chosen.connect(self._set_tag)
        self.panel.rating_chosen.connect(self._set_rating)
        self.panel.status_chosen.connect(self._set_status)
        self.panel.text_committed.connect(self._save_text)
        self.panel.denies_chosen.connect(self._set_denies)
        self.panel.link_requested.connect(self.link_source)
        self.panel.open_failed.connect(lambda why: self.statusBar().showMessage(why, 8000))
        self.panel.unlink_requested.connect(self._unlink)
        self.panel.earlier.copy_requested.connect(self.copy_earlier_verdict)
        self.panel.earlier.reuse_requested.connect(self.reuse_earlier_sources)
        self.panel.earlier.open_requested.connect(self.show_found_sentence)

        self.search_panel = SearchPanel(lambda query, scope: self.desk.search(query, scope))
        self.search_panel.sentence_chosen.connect(self.show_found_sentence)
        self.search_panel.close_requested.connect(self.close_search)
        self.search_panel.hide()  # until Ctrl+F

        sentences_box = QWidget()
        sentences_layout = QVBoxLayout(sentences_box)
        sentences_layout.setContentsMargins(0, 0, 0, 0)
        filter_row = QHBoxLayout()
        filter_label = QLabel("&Show")
        filter_label.setBuddy(self.filter_box)
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter_box)
        filter_row.addStretch(1)
        sentences_layout.addLayout(filter_row)
        sentences_layout.addWidget(self.sentence_view)

        self.center_splitter = QSplitter(Qt.Orientation.Vertical)
        self.center_splitter.setObjectName("centerSplitter")
        self.center_splitter.addWidget(self.article_view)
        self.center_splitter.addWidget(sentences_box)
        # Search results sit under the sentences: wide enough for their columns, and the
        # review panel keeps its full height.
        self.center_splitter.addWidget(self.search_panel)
        self.center_splitter.setSizes([420, 300, 0])

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.article_list)
        self.main_splitter.addWidget(self.center_splitter)
        self.main_splitter.addWidget(self.panel)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([220, 700, 360])
        self.setCentralWidget(self.main_splitter)

        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")
        self.import_progress = ImportProgress()
        self.import_progress.cancel_requested.connect(self.cancel_import)
        self.statusBar().addPermanentWidget(self.import_progress)
        self.statusBar().addPermanentWidget(self.progress_label)
        self.resize(1280, 800)

    def _build_menus(self) -> None:
        self.recent_menu = QMenu("Open &Recent Workspace", self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._menu_letters = MenuLetters(self)
        self._menu_letters.watch(self.recent_menu)
        self._menu_letters.watch(self.menuBar())  # an open menu passes it unused letters
        for title, entries in MENUS:
            menu = self.menuBar().addMenu(title)
            self._menu_letters.watch(menu)
            for entry in entries:
                if entry is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.registry[entry])
                if entry is ActionId.OPEN_WORKSPACE:
                    menu.addMenu(self.recent_menu)
        toolbar = self.addToolBar("Review")
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
        # V also works in the earlier-verdicts list, right after choosing one there.
        self.panel.earlier.view.addAction(self.registry[ActionId.COPY_EARLIER_VERDICT])

    def _connect_actions(self) -> None:
        a = self.registry
        a.on(ActionId.OPEN_ARTICLE, self.open_article_dialog)
        a.on(ActionId.OPEN_WORKSPACE, self.open_workspace_dialog)
        a.on(ActionId.IMPORT_FOLDER, self.open_folder_dialog)
        a.on(ActionId.CANCEL_IMPORT, self.cancel_import)
        a[ActionId.CANCEL_IMPORT].setEnabled(False)
        a.on(ActionId.PASTE_ARTICLE, self.paste_as_new_article)
        a.on(ActionId.EXPORT, self.export_report)
        a.on(ActionId.ARTICLE_PROPERTIES, self.edit_article_properties)
        a.on(ActionId.QUIT, self.close)
        a.on(ActionId.CHECK_WORKSPACE, self.check_workspace)
        a.on(ActionId.BACKUP_NOW, self.back_up_now)
        a.on(ActionId.RESTORE_BACKUP, self.restore_from_backup)
        a.on(ActionId.UNDO, self.undo)
        a.on(ActionId.REDO, self.redo)
        a.on(ActionId.NEXT_SENTENCE, lambda: self.move_current(1))
        a.on(ActionId.PREVIOUS_SENTENCE, lambda: self.move_current(-1))
        a.on(ActionId.FIRST_SENTENCE, lambda: self.move_current(-self.sentence_filter.rowCount()))
        a.on(ActionId.LAST_SENTENCE, lambda: self.move_current(self.sentence_filter.rowCount()))
        a.on(ActionId.NEXT_UNREVIEWED, self.go_next_unreviewed)
        a.on(ActionId.NEXT_CHECKWORTHY, self.go_next_checkworthy)
        a.on(ActionId.ACCEPT_SUGGESTION, self.accept_suggestion)
        a.on(ActionId.ACCEPT_ALL_SUGGESTIONS, self.accept_all_suggestions)
        a.on(ActionId.TAG_CLAIM, lambda: self._set_tag(Tag.CLAIM))
        a.on(ActionId.TAG_DENIAL, lambda: self._set_tag(Tag.DENIAL))
        a.on(ActionId.TAG_FACT, lambda: self._set_tag(Tag.FACT))
        a.on(ActionId.TAG_CLEAR, lambda: self._set_tag(None))
        for action_id, rating in zip(VERDICT_IDS, DEFAULT_SCALE, strict=True):
            a.on(action_id, partial(self._set_rating, rating.key))
        a.on(ActionId.LINK_SOURCE, self.link_source)
        a.on(ActionId.MERGE_NEXT, self.merge_with_next)
        a.on(ActionId.SPLIT_HERE, self.split_at_cursor)
        a.on(ActionId.RESPLIT_ARTICLE, self.resplit_article)
        a.on(ActionId.COPY_EARLIER_VERDICT, self.copy_earlier_verdict)
        a.on(ActionId.REUSE_EARLIER_SOURCES, self.reuse_earlier_sources)
        a.on(ActionId.SEARCH_WORKSPACE, self.open_search)
        a.on(ActionId.NEXT_RESULT, lambda: self.step_search_result(1))
        a.on(ActionId.PREVIOUS_RESULT, lambda: self.step_search_result(-1))
        self.panel.earlier.set_key_hints(
            key_text(SPECS[ActionId.COPY_EARLIER_VERDICT]),
            key_text(SPECS[ActionId.REUSE_EARLIER_SOURCES]),
        )
        a.on(ActionId.FOCUS_TEXT, self.focus_article_text)
        a.on(ActionId.FOCUS_SENTENCES, self.sentence_view.setFocus)
        a.on(ActionId.FOCUS_EXPLANATION, self.panel.explanation_edit.setFocus)
        a.on(ActionId.SHORTCUTS, lambda: ShortcutsDialog(self).exec())
        a.on(ActionId.OPEN_LOG_FOLDER, lambda: open_log_folder(self))
        a.on(ActionId.ABOUT, lambda: show_about(self))

    def _restore_layout(self) -> None:
        geometry = settings.load_bytes(settings.GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.load_bytes(settings.WINDOW_STATE)
        if state is not None:
            self.restoreState(state)
        for key, splitter in (
            (settings.MAIN_SPLITTER, self.main_splitter),
            (settings.CENTER_SPLITTER, self.center_splitter),
        ):
            sizes = settings.load_bytes(key)
            if sizes is not None:
                splitter.restoreState(sizes)

    def _save_layout(self) -> None:
        settings.save(settings.GEOMETRY, self.saveGeometry())
        settings.save(settings.WINDOW_STATE, self.saveState())
        settings.save(settings.MAIN_SPLITTER, self.main_splitter.saveState())
        settings.save(settings.CENTER_SPLITTER, self.center_splitter.saveState())

    # -- articles -------------------------------------------------------------------------

    @guarded
    def reload_articles(self) -> None:
        current = self.article_id
        self.article_model.set_articles(self.desk.list_articles())
        row = self.article_model.row_of(current) if current is not None else -1
        if row < 0 and self.article_model.rowCount() > 0:
            row = 0
        if row >= 0:
            self.article_list.setCurrentIndex(self.article_model.index(row, 0))

    def _on_article_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            article_id = self.article_model.article_at(current.row()).id
            if article_id != self.article_id:  # not when open_article itself moved the list
                self.open_article(article_id)

    @guarded
    def open_article(self, article_id: int, focus_sentence_id: int | None = None) -> None:
        """Show an article with its first unreviewed sentence current and the list focused."""
        self.panel.flush_pending_text()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # huge articles take seconds
        try:
            self._load_article(article_id, focus_sentence_id)
        finally:
            QApplication.restoreOverrideCursor()
        self.sentence_view.setFocus()

    def _load_article(self, article_id: int, focus_sentence_id: int | None) -> None:
        if article_id != self.article_id:
            self.article_id = article_id
            self.article_view.set_article_text(self.desk.article_text(article_id))
            row = self.article_model.row_of(article_id)
            if row >= 0 and self.article_list.currentIndex().row() != row:
                self.article_list.setCurrentIndex(self.article_model.index(row, 0))
        rows = self.desk.sentence_rows(article_id)
        self._language = self.desk.article_language(article_id)  # the assist's language
        self.sentence_model.set_rows(rows)  # the filter re-applies itself on the reset
        self._reviewed = sum(1 for r in rows if r.review.is_reviewed)
        if focus_sentence_id is None:
            focus_sentence_id = self.desk.next_unreviewed(rows, None)
            if focus_sentence_id is None and rows:
                focus_sentence_id = rows[0].sentence.id
        if focus_sentence_id is not None:
            self.select_sentence(focus_sentence_id)
        else:
            self.panel.show_sentence(None, [])
        self._update_title()
        self._update_progress()
        # Suggestions are pure-Python work that shares the interpreter lock with the window:
        # start them once the window has painted and settled, not during start-up.
        self._suggest_timer.start()

    def _start_suggestions(self) -> None:
        """Compute the assist's suggestions a small step per event-loop turn.

        Not in a thread: the work is pure Python, and sharing the interpreter lock with it
        made key presses wait up to 60 ms; steps of ~50 sentences cost a few ms each.
        """
        rows = self.sentence_model.rows()
        if self.article_id is None or not rows:
            return
        if not checkworthiness_ready():
            self._load_checkworthiness()  # starts the suggestions again when it is done
            return
        self._suggest_steps = suggest_steps_for_rows(rows, language=self._language)
        self._suggest_for = self.sentence_model.rows_token()  # these rows, not later ones
        self._suggest_tick.start()

    def _load_checkworthiness(self) -> None:
        """Read the check-worthiness weights in a worker thread, once: start-up and keys
        never wait for the file."""
        if self._model_job is not None:
            return
        job = ModelLoadJob()
        job.finished.connect(self._start_suggestions)  # queued into the GUI thread
        self._model_job = job
        run_in_background(job.run, "checkworthiness-weights")

    def _suggest_step(self) -> None:
        if self._suggest_steps is None:
            self._suggest_tick.stop()
            return
        try:
            next(self._suggest_steps)
        except StopIteration as finished:
            self._suggest_tick.stop()
            self._suggest_steps = None
            if self._suggest_for is self.sentence_model.rows_token():
                self._show_suggestions(finished.value)

    def _show_suggestions(self, suggestions: dict[int, SentenceSuggestion]) -> None:
        self.sentence_model.set_suggestions(suggestions)
        if self.sentence_filter.mode is SentenceFilter.CHECKWORTHY:  # sort by the new scores
            self._on_filter_chosen(self.filter_box.currentIndex())
        row = self.current_row()
        if row is not None:
            self.panel.show_hint(self.sentence_model.suggestion(row.sentence.id))

    @guarded
    def accept_suggestion(self) -> None:
        row = self.current_row()
        if row is None or not self._writable():
            return
        found = self.sentence_model.suggestion(row.sentence.id)
        if found is None:
            self.statusBar().showMessage("No suggestion for this sentence (yet).", 5000)
            return
        hint = found.suggestion
        self.desk.accept_suggestion(
            row.sentence.id, hint.tag, hint.claimant, found.denies_sentence_id
        )

    @guarded
    def accept_all_suggestions(self) -> None:
        """Tag every untagged sentence whose suggested tag is at least this confident."""
        if self.article_id is None or not self._writable():
            return
        hints = [
            (row.sentence.id, found)
            for row in self.sentence_model.rows()
            if (found := self.sentence_model.suggestion(row.sentence.id)) is not None
            and found.suggestion.tag is not None
            and row.review.tag is None
            and not row.review.is_reviewed  # "nothing to check" was the reviewer's decision
        ]
        if not hints:
            self.statusBar().showMessage("No untagged sentence has a suggested tag.", 6000)
            return
        percent, ok = QInputDialog.getInt(
            self,
            "Accept All Suggestions Above",
            f"{len(hints)} untagged sentences have a suggested tag.\n"
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
        change = self.desk.accept_suggestions(self.article_id, picks)
        count = len(change.sentence_ids) if change else 0
        self.statusBar().showMessage(
            f"Accepted {count} suggestions (Ctrl+Z takes them all back).", 8000
        )

    def go_next_checkworthy(self) -> None:
        """Shift+N: the most check-worthy sentence not done yet; pressed again from there,
        the next one down the ranking (the walk starts at the top, wherever the reviewer
        was: from sentence 1 it used to go on to the *least* check-worthy ones)."""
        rows = self.sentence_model.rows()
        suggestions = {
            r.sentence.id: s
            for r in rows
            if (s := self.sentence_model.suggestion(r.sentence.id)) is not None
        }
        if not suggestions:
            self.statusBar().showMessage("Suggestions are still being computed.", 4000)
            return
        done = {r.sentence.id for r in rows if r.review.is_reviewed}
        order = [i for i in checkworthy_sentence_ids(rows, suggestions) if i not in done]
        current = self.current_sentence_id()
        if current is not None and current == self._checkworthy_walk and current in order:
            position = order.index(current)
            order = order[position + 1 :] + order[:position]
        else:
            order = [i for i in order if i != current]
        if not order:
            self.statusBar().showMessage("Every check-worthy sentence is done.", 5000)
            return
        self._checkworthy_walk = order[0]
        self.select_sentence(order[0])

    _checkworthy_walk: int | None = None  # where the last Shift+N went

    def _update_title(self) -> None:
        parts = []
        if self.article_id is not None:
            row = self.article_model.row_of(self.article_id)
            if row >= 0:
                parts.append(self.article_model.article_at(row).title)
        if self.desk.path is not None:
            parts.append(self.desk.path.name)
        if self.desk.workspace.read_only:
            parts.append("[read-only]")
        parts.append(config.APP_NAME)
        self.setWindowTitle(" — ".join(parts))

    def _update_progress(self) -> None:
        total = self.sentence_model.rowCount()
        self.progress_label.setText(f"Reviewed {self._reviewed} of {total} sentences")
        if self.article_id is not None:
            row = self.article_model.row_of(self.article_id)
            if row >= 0:
                summary = self.article_model.article_at(row)
                if summary.reviewed_count != self._reviewed or summary.sentence_count != total:
                    self.article_model.update_article(
                        replace(summary, reviewed_count=self._reviewed, sentence_count=total)
                    )

    # -- current sentence -----------------------------------------------------------------

    def current_row(self) -> SentenceRow | None:
        index = self.sentence_view.currentIndex()
        if not index.isValid():
            return None
        source = self.sentence_filter.mapToSource(index)
        return self.sentence_model.sentence_row(source.row()) if source.isValid() else None

    def current_sentence_id(self) -> int | None:
        row = self.current_row()
        return row.sentence.id if row else None

    def select_sentence(self, sentence_id: int, *, move_caret: bool = True) -> bool:
        source_row = self.sentence_model.row_of(sentence_id)
        if source_row < 0:
            return False
        index = self.sentence_filter.mapFromSource(self.sentence_model.index(source_row, 0))
        if not index.isValid():  # hidden by the filter: show everything rather than lose it
            self.filter_box.setCurrentIndex(0)
            self._on_filter_chosen(0)
            index = self.sentence_filter.mapFromSource(self.sentence_model.index(source_row, 0))
        self._move_caret = move_caret
        self.sentence_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._move_caret = True
        self.sentence_view.scrollTo(index)
        return True

    _move_caret = True

    def _on_sentence_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.current_row() if current.isValid() else None
        if row is None:
            self.panel.show_sentence(None, [])
            self.panel.earlier.show_verdicts([])
            return
        self._earlier_timer.start()
        self.article_view.highlight(
            row.sentence.start, row.sentence.end, move_caret=self._move_caret
        )
        links = self.desk.links(row.sentence.id) if row.source_count else []
        self.panel.show_sentence(row, links)
        self.panel.show_hint(self.sentence_model.suggestion(row.sentence.id))

    # -- earlier verdicts and search ------------------------------------------------------

    def _look_up_earlier_verdicts(self) -> None:
        sentence_id = self.current_sentence_id()
        if sentence_id is None:
            self.panel.earlier.show_verdicts([])
            return
        try:
            verdicts = self.desk.earlier_verdicts(sentence_id)
        except FactcheckError as error:
            self.panel.earlier.show_verdicts([])
            self.statusBar().showMessage(f"Could not look up earlier verdicts: {error}", 8000)
            return
        self.panel.earlier.show_verdicts(verdicts)

    def _chosen_earlier_verdict(self) -> tuple[int, int] | None:
        """(current sentence, earlier sentence) for the copy/reuse keys, or None with a
        message saying why not."""
        sentence_id = self._require_sentence()
        if sentence_id is None or not self._writable():
            return None
        if self._earlier_timer.isActive():  # the reviewer was quicker than the pause
            self._earlier_timer.stop()
            self._look_up_earlier_verdicts()
        chosen = self.panel.earlier.chosen()
        if chosen is None:
            self.statusBar().showMessage(
                "No earlier verdict resembles this sentence: nothing to copy.", 6000
            )
            return None
        return sentence_id, chosen.found.row.sentence.id

    @guarded
    def copy_earlier_verdict(self) -> None:
        pair = self._chosen_earlier_verdict()
        if pair is not None and self.desk.copy_verdict(*pair) is None:
            self.statusBar().showMessage("This sentence already has that verdict.", 5000)

    @guarded
    def reuse_earlier_sources(self) -> None:
        pair = self._chosen_earlier_verdict()
        if pair is not None and self.desk.reuse_sources(*pair) is None:
            self.statusBar().showMessage(
                "The earlier verdict has no source that is not linked here already.", 6000
            )

    def open_search(self) -> None:
        if self.search_panel.isHidden():
            self.search_panel.show()
            sizes = self.center_splitter.sizes()
            if sizes[2] < SEARCH_PANEL_HEIGHT:  # take its room from the article text
                taken = SEARCH_PANEL_HEIGHT - sizes[2]
                sizes = [max(100, sizes[0] - taken), sizes[1], SEARCH_PANEL_HEIGHT]
                self.center_splitter.setSizes(sizes)
        self.search_panel.focus_query()

    def close_search(self) -> None:
        self.search_panel.hide()
        self.sentence_view.setFocus()

    def step_search_result(self, delta: int) -> None:
        if not self.search_panel.step(delta):
            self.open_search()
            self.statusBar().showMessage("Type what to find, then Enter.", 5000)

    def show_found_sentence(self, article_id: int, sentence_id: int) -> None:
        """Show a sentence found by search or an earlier verdict, in its article."""
        if article_id != self.article_id:
            self.open_article(article_id, sentence_id)
        elif not self.select_sentence(sentence_id):
            self.statusBar().showMessage("That sentence is no longer in the article.", 5000)

    def move_current(self, step: int) -> None:
        count = self.sentence_filter.rowCount()
        if count == 0:
            return
        current = self.sentence_view.currentIndex()
        row = current.row() + step if current.isValid() else 0
        row = max(0, min(count - 1, row))
        index = self.sentence_filter.index(row, 0)
        self.sentence_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.sentence_view.scrollTo(index)

    def go_next_unreviewed(self) -> None:
        target = self.desk.next_unreviewed(self.sentence_model.rows(), self.current_sentence_id())
        if target is None:
            self.statusBar().showMessage("Every sentence of this article is done.", 5000)
        else:
            self.select_sentence(target)

    def _on_text_clicked(self, offset: int) -> None:
        for row in self.sentence_model.rows():
            if row.sentence.start <= offset <= row.sentence.end:
                self.select_sentence(row.sentence.id, move_caret=False)
                return

    def _on_filter_chosen(self, index: int) -> None:
        keep = self.current_sentence_id()
        self.sentence_filter.set_mode(SentenceFilter(self.filter_box.itemData(index)))
        if keep is not None and self.sentence_model.row_of(keep) >= 0:
            source = self.sentence_model.index(self.sentence_model.row_of(keep), 0)
            proxy = self.sentence_filter.mapFromSource(source)
            if proxy.isValid():
                self.sentence_view.setCurrentIndex(proxy)
                return
        if self.sentence_filter.rowCount() > 0:
            self.sentence_view.setCurrentIndex(self.sentence_filter.index(0, 0))
        else:
            self.panel.show_sentence(None, [])

    # -- edits ----------------------------------------------------------------------------

    def _require_sentence(self) -> int | None:
        sentence_id = self.current_sentence_id()
        if sentence_id is None:
            self.statusBar().showMessage("Select a sentence first.", 4000)
        return sentence_id

    def _writable(self) -> bool:
        if self.desk.workspace.read_only:
            self.statusBar().showMessage(
                "This workspace is open read-only: nothing was changed.", 6000
            )
            return False
        return True

    @guarded
    def _set_tag(self, tag: Tag | None) -> None:
        sentence_id = self._require_sentence()
        if sentence_id is not None and self._writable():
            self.desk.set_tag(sentence_id, tag)

    @guarded
    def _set_rating(self, rating: str | None) -> None:
        sentence_id = self._require_sentence()
        if sentence_id is not None and self._writable():
            self.desk.set_rating(sentence_id, rating)

    @guarded
    def _set_status(self, status: Status) -> None:
        sentence_id = self._require_sentence()
        if sentence_id is not None and self._writable():
            self.desk.set_status(sentence_id, status)

    def _save_text(self, sentence_id: int, field_name: str, value: str) -> None:
        """Save typed text; on failure say so once and let the panel keep and retry it."""
        if self.desk.read_only:
            return  # read-only: nothing can be typed into a workspace we cannot change
        try:
            self.desk.set_text_field(sentence_id, field_name, value)
        except FactcheckError as error:
            if not self._told_unsaved:
                self._told_unsaved = True
                show_error(self, error)
            self.panel.save_failed()
            return
        self._told_unsaved = False

    _told_unsaved = False

    @guarded
    def _set_denies(self, claim_id: int | None) -> None:
        sentence_id = self._require_sentence()
        if sentence_id is not None and self._writable():
            self.desk.set_denies(sentence_id, claim_id)

    @guarded
    def link_source(self) -> None:
        sentence_id = self._require_sentence()
        if sentence_id is None or not self._writable():
            return
        row = self.sentence_model.sentence_row(self.sentence_model.row_of(sentence_id))
        dialog = LinkSourceDialog(
            self.desk.sources(),
            self,
            sentence=row.sentence.text,
            stance=stance_for_verdict(self.desk.review(sentence_id).rating),
        )
        if dialog.exec():
            self.desk.link_source(sentence_id, dialog.new_source())

    @guarded
    def _unlink(self, link: SourceLink) -> None:
        if self._writable():
            self.desk.unlink_source(link.id, link.sentence_id)

    @guarded
    def merge_with_next(self) -> None:
        sentence_id = self._require_sentence()
        if sentence_id is not None and self._writable():
            self.panel.flush_pending_text()
            self.desk.merge_with_next(sentence_id)

    @guarded
    def split_at_cursor(self) -> None:
        """Split the current sentence at the caret in the article text, asking where the
        review and sources go when there are any."""
        row = self.current_row()
        if row is None or not self._writable():
            return
        self.panel.flush_pending_text()
        sentence, at = row.sentence, self.article_view.cursor_offset()
        if not sentence.start < at < sentence.end:
            self.statusBar().showMessage(
                "Put the caret where the sentence should split: click in the article text "
                "(or press F6 and move with the arrow keys), then press Ctrl+Shift+M.",
                10000,
            )
            return
        review_to, sources_to = "first", "both"
        has_review = row.review.has_content
        if has_review or row.source_count:
            cut = at - sentence.start
            dialog = SplitSentenceDialog(
                sentence.text[:cut],
                sentence.text[cut:],
                has_review=has_review,
                has_sources=bool(row.source_count),
                parent=self,
            )
            if not dialog.exec():
                return
            review_to, sources_to = dialog.review_to(), dialog.sources_to()
        self.desk.split_sentence(sentence.id, at, review_to=review_to, sources_to=sources_to)
        self.sentence_view.setFocus()

    @guarded
    def resplit_article(self) -> None:
        """Re-run the sentence splitter on the open article, warning if it holds reviews."""
        if self.article_id is None or not self._writable():
            return
        self.panel.flush_pending_text()
        reviewed = self.desk.reviewed_sentence_count(self.article_id)
        if reviewed:
            answer = ask(
                self,
                "Re-split Article",
                f"{reviewed} sentences of this article already have reviews or sources.\n\n"
                "Re-splitting moves each review to the new sentence that holds its start; "
                "where two reviews meet, both are kept and the sentence is marked for a "
                "second look. Undo (Ctrl+Z) puts everything back.\n\nRe-split anyway?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
                warning=True,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.desk.resplit_article(self.article_id)

    def focus_article_text(self) -> None:
        self.article_view.setFocus()

    @guarded
    def undo(self) -> None:
        self.panel.flush_pending_text()
        if self.desk.undo() is None:
            self.statusBar().showMessage("Nothing to undo.", 3000)

    @guarded
    def redo(self) -> None:
        if self.desk.redo() is None:
            self.statusBar().showMessage("Nothing to redo.", 3000)

    def _on_change(self, change: Change) -> None:
        """Refresh only what an edit touched (the whole article after merge/split)."""
        if self._import_job is not None:
            self._import_interrupted = True
        if change.article_id != self.article_id or change.structural:
            focus = change.focus_sentence_id or (
                change.sentence_ids[0] if change.sentence_ids else None
            )
            self.open_article(change.article_id, focus)
        else:
            current = self.current_sentence_id()
            for sentence_id in change.sentence_ids:
                old = self.sentence_model.sentence_row(self.sentence_model.row_of(sentence_id))
                # The span did not change: reload just the review and its source count.
                new = SentenceRow(
                    old.sentence,
                    self.desk.review(sentence_id),
                    self.desk.source_count(sentence_id),
                )
                self._reviewed += int(new.review.is_reviewed) - int(old.review.is_reviewed)
                self.sentence_model.update_row(new)
                if sentence_id == current:
                    links = self.desk.links(sentence_id) if new.source_count else []
                    self.panel.show_review(new.review, links)
            if current not in change.sentence_ids and change.sentence_ids:
                self.select_sentence(change.sentence_ids[0])
            self._update_progress()
        if change.message:
            self._edit_message = change.message
            self.statusBar().showMessage(change.message, 10000)
        elif self._edit_message and self.statusBar().currentMessage() == self._edit_message:
            self.statusBar().clearMessage()  # e.g. "Merged…" after Ctrl+Z undid the merge
            self._edit_message = ""
        self._update_undo_actions()
        # No earlier-verdict look-up here: the current sentence's own edits never change
        # its earlier verdicts, and an edit elsewhere (undo) moves to that sentence, which
        # looks them up.
        self.search_panel.refresh()

    def _update_undo_actions(self) -> None:
        undo_text, redo_text = self.desk.edits.undo_text(), self.desk.edits.redo_text()
        self.registry[ActionId.UNDO].setEnabled(bool(undo_text))
        self.registry[ActionId.UNDO].setText(f"&Undo {undo_text}".strip())
        self.registry[ActionId.REDO].setEnabled(bool(redo_text))
        self.registry[ActionId.REDO].setText(f"&Redo {redo_text}".strip())

    # -- files ----------------------------------------------------------------------------

    def open_article_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Open Article", "", ARTICLE_FILE_FILTER)
        if names:
            self.import_files([Path(n) for n in names])

    import_finished = Signal(object)  # ImportOutcome, after the window has shown it

    def import_files(self, paths: list[Path]) -> None:
        """Import files in a worker thread, its progress (and Cancel) in the status bar.

        The window stays usable meanwhile: its saves go first (storage/turns.py). Each
        failure is told, none stops the rest; the last imported article opens unless the
        reviewer has been working meanwhile.
        """
        if not self._writable() or not paths:
            return
        if self._import_job is not None:
            self.statusBar().showMessage("An import is still running.", 5000)
            return
        if self.desk.path is None:  # an in-memory workspace has no second connection
            outcome = ImportOutcome()
            for path in paths:
                try:
                    outcome.imported.append(self.desk.import_file(path))
                except FactcheckError as error:
                    outcome.problems.append(str(error))
            self._import_done(outcome)
            return
        job = ImportJob(self.desk, paths)
        # Bound methods of this window: Qt queues these calls into the GUI thread.
        job.progress.connect(self.import_progress.set_progress)
        job.finished.connect(self._import_done)
        self._import_job = job
        self._import_interrupted = False
        self._import_from_article = self.article_id
        self.import_progress.start()
        self.registry[ActionId.CANCEL_IMPORT].setEnabled(True)
        self._import_thread = run_in_background(job.run, "import")

    _edit_message = ""  # the status line the last edit showed (cleared when undone)
    _import_job: ImportJob | None = None
    _import_thread: threading.Thread | None = None
    # Did the reviewer work (edit, or open another article) while the import ran? Then
    # the imported article is not opened over their work when it ends.
    _import_interrupted = False
    _import_from_article: int | None = None

    def import_running(self) -> bool:
        return self._import_job is not None

    def cancel_import(self) -> None:
        """File → Cancel Import: the file being read is rolled back; earlier files stay."""
        if self._import_job is not None:
            self._import_job.cancel()
            self.import_progress.set_progress(self.import_progress.bar.value(), "Cancelling…")

    def _refuse_while_importing(self, what: str) -> bool:
        """True (and a message) when an import runs: `what` must wait for it."""
        if self._import_job is None:
            return False
        self.statusBar().showMessage(
            f"An import is running: {what} when it has finished, or cancel it "
            "(File → Cancel Import).",
            8000,
        )
        return True

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a Folder of Articles")
        if folder:
            paths = article_files_in(Path(folder))
            if paths:
                self.import_files(paths)
            else:
                self.statusBar().showMessage(f"No article files found in {folder}.", 8000)

    @guarded
    def paste_as_new_article(self) -> None:
        """Import the clipboard (rich text is reduced to its words) as a new article."""
        if not self._writable():
            return
        mime = QApplication.clipboard().mimeData()
        html = mime.html() if mime is not None and mime.hasHtml() else ""
        text = mime.text() if mime is not None and mime.hasText() else ""
        if not (html.strip() or text.strip()):
            self.statusBar().showMessage("The clipboard holds no text to import.", 6000)
            return
        result = self.desk.import_pasted(html=html, text=text)
        self._show_import_outcome(ImportOutcome(imported=[result]))

    def _import_done(self, outcome: ImportOutcome) -> None:
        """The background import ended (or the in-memory one): show what it did."""
        interrupted = self._import_interrupted or self.article_id != self._import_from_article
        self._import_job = self._import_thread = None
        self._import_interrupted = False
        self.import_progress.stop()
        self.registry[ActionId.CANCEL_IMPORT].setEnabled(False)
        self._show_import_outcome(outcome, interrupted)

    def _show_import_outcome(self, outcome: ImportOutcome, interrupted: bool = False) -> None:
        # Refusals need reading: a box. What came in is a quiet line in the status bar.
        if outcome.problems and len(outcome.imported) + len(outcome.problems) > 1:
            inform(self, "Import finished", outcome.summary(), warning=True)
        elif outcome.problems:
            show_error(
                self, FactcheckError("\n".join(outcome.problems)), "The file was not imported"
            )
        if outcome.imported:
            self.reload_articles()
            line = outcome.status_line()
            if interrupted and self.article_id is not None:
                line += " It is in the article list."  # not opened over the reviewer's work
            else:
                self.open_article(outcome.imported[-1].article_id)
            self.statusBar().showMessage(line, 8000)
        if outcome.cancelled:
            self.statusBar().showMessage(
                "Import cancelled: the file being read was not imported.", 8000
            )
        self.import_finished.emit(outcome)

    def open_workspace_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Open Workspace",
            str(config.user_data_dir()),
            f"Workspaces (*{config.WORKSPACE_SUFFIX});;All files (*)",
        )
        if name:
            self.switch_workspace(Path(name))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self.desk.path.resolve() if self.desk.path else None
        for entry in settings.recent_workspaces():
            path = Path(entry)
            action = self.recent_menu.addAction(str(path))
            action.setEnabled(path != current and path.exists())
            action.triggered.connect(partial(self.switch_workspace, path))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No recent workspaces").setEnabled(False)

    def switch_workspace(self, path: Path) -> None:
        """Close the current workspace and open another (asking if anything is wrong)."""
        if self.desk.path is not None and path.resolve() == self.desk.path.resolve():
            return
        if self._refuse_while_importing("open another workspace"):
            return
        self.panel.flush_pending_text()
        opened = open_desk(path, self)
        if opened is None:
            return
        self._set_desk(opened)
        settings.remember_workspace(path)

    def _set_desk(self, desk: Desk) -> None:
        self.release_workspace()
        self.desk = desk
        self._data_version = desk.data_version()
        self.desk.edits.on_change.append(self._on_change)
        self.panel.set_editable(not desk.read_only)
        self.article_id = None
        self.article_view.set_article_text("")
        self.sentence_model.set_rows([])
        self.panel.show_sentence(None, [])
        self.reload_articles()
        self._update_title()
        self._update_undo_actions()

    def release_workspace(self) -> None:
        """Close the workspace cleanly and give up the writer's lock."""
        self.desk.close()

    def _check_outside_changes(self) -> None:
        """Show what another program (or this window's import) saved since the last look."""
        if self.desk.closed:
            return
        try:
            version = self.desk.data_version()
        except FactcheckError:
            return  # the next edit or look says what is wrong, in words
        if version == self._data_version:
            return
        self._data_version = version
        self.reload_articles()
        if self.desk.read_only and self.article_id is not None:
            # Nobody types here: refresh the open article's reviews, keeping the place.
            self._load_article(self.article_id, self.current_sentence_id())

    @guarded
    def check_workspace(self) -> None:
        self.panel.flush_pending_text()
        report = self.desk.check()
        box = QMessageBox(
            QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Critical,
            "Check Workspace",
            ("The workspace is healthy." if report.ok else "The workspace has problems.")
            + "\n\n"
            + "\n".join(report.lines),
            parent=self,
        )
        box.setObjectName("checkWorkspaceBox")
        box.exec()

    @guarded
    def back_up_now(self) -> None:
        target = self.desk.backup_now()
        self.statusBar().showMessage(f"Backup saved: {target}", 8000)

    @guarded
    def restore_from_backup(self) -> None:
        """Replace the open workspace by a backup, keeping the current one beside it."""
        path = self.desk.path
        if path is None or self.desk.read_only:
            self.statusBar().showMessage("Only a workspace open for editing can be restored.", 6000)
            return
        if self._refuse_while_importing("restore a backup"):
            return
        self.panel.flush_pending_text()
        dialog = RestoreBackupDialog(path, self)
        chosen = dialog.chosen() if dialog.exec() else None
        if chosen is None:
            return
        lock = self.desk.detach_writer_lock()  # stay the only writer while the file is swapped
        self.release_workspace()
        try:
            kept = workspace_files.restore_backup(path, chosen.path)
        finally:
            self._set_desk(Desk.open(path, held_lock=lock, purpose="the desk window"))
        self.statusBar().showMessage(
            f"Restored the backup of {chosen.created:%Y-%m-%d %H:%M}; the previous workspace "
            f"was kept as {kept}.",
            15000,
        )

    @guarded
    def export_report(self) -> None:
        """File → Export…: reports (HTML, PDF, Word, Markdown), data and ClaimReview."""
        if self.article_id is None:
            return
        self.panel.flush_pending_text()
        # Imported here: the report modules (and Word's) cost ~45 ms, not worth it at start-up.
        from factcheck_app.gui.dialogs.export import ExportDialog

        dialog = ExportDialog(self.desk, self.article_id, self)
        if dialog.exec() and dialog.exported_path is not None:
            self.statusBar().showMessage(f"Exported to {dialog.exported_path}", 6000)

    @guarded
    def edit_article_properties(self) -> None:
        if self.article_id is None or not self._writable():
            return
        before = self.desk.article_metadata(self.article_id)
        dialog = ArticlePropertiesDialog(before, self)
        if dialog.exec():
            self.desk.update_article_metadata(self.article_id, dialog.metadata())
            self.reload_articles()
            self._update_title()
            if dialog.language() not in ("", before.language):
                self._offer_resplit_in(dialog.language())

    def _offer_resplit_in(self, language: str) -> None:
        """A changed language takes effect when the article is re-split: offer it now."""
        answer = ask(
            self,
            "Re-split Article",
            f"The article is now marked as {language_name(language)}. Its sentences were "
            "split before the change.\n\nRe-split it in that language now?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
            labels={
                QMessageBox.StandardButton.Yes: "Re-split Now",
                QMessageBox.StandardButton.No: "Later",
            },
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.resplit_article()

    # -- Qt events ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._import_job is not None and self._import_thread is not None:
            self._import_job.cancel()  # rolled back; the workspace stays as it was
            self._import_thread.join()
        self.panel.flush_pending_text()
        self._save_layout()
        self.release_workspace()
        super().closeEvent(event)
