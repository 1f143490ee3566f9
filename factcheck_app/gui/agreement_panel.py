"""Review → Agreement: how far reviewers agree, per pair, for the workspace or one article,
and the sentences they labelled differently, each one Enter (or double-click) away.

The numbers come from services/agreement.py; this module only shows them. Everything is
plain text: reviewer names and sentences are never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.printable import bidi_neutral, or_untitled
from factcheck_app.domain.wording import counted
from factcheck_app.gui.colours import faint_on, follow_palette
from factcheck_app.gui.dialogs.form_parts import resize_within_screen
from factcheck_app.gui.models import DISPLAY, TOOLTIP, USER, Index, plain_tooltip
from factcheck_app.gui.views import FocusFrame, leave_room_for_focus_frames, row_table

if TYPE_CHECKING:  # the window is painted before the services are imported (gui/app.py)
    from factcheck_app.domain.agreement import Agreement
    from factcheck_app.services.agreement import AgreementReport, Disagreement, PairResult

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WHOLE_WORKSPACE = "Whole workspace"
EXPLANATION = (
    "Over the sentences both reviewers reviewed (a tag, a verdict, or marked done; done "
    "with no tag counts as “nothing to check”); the verdict over those both gave one. "
    "Kappa corrects for chance: 1 is full agreement, 0 what chance would give."
)
ONE_LINE = 200  # characters of a sentence in a cell; the tooltip has all of it
ARTICLE_COLUMN_WIDTH = 160
LABEL_COLUMNS = (2, 3)  # each reviewer's label in the disagreements, under their name
LABEL_COLUMN_CHARS = 18  # a name wider than this gives way (whole in the tooltip)
PAIRS_IN_SIGHT = 3  # rows of the pairs table in sight whatever the font


def share(value: float | None) -> str:
    """Three decimals, as the command line prints them; "—" when not defined."""
    return "—" if value is None else f"{value:.3f}"


def _count(result: Agreement) -> str:
    return str(result.n)


PAIR_COLUMNS = (
    "Reviewers",
    "Tag: sentences",
    "Agreement",
    "Kappa",
    "Verdict: sentences",
    "Agreement",
    "Kappa",
)


class PairTableModel(QAbstractTableModel):
    """One row per pair of reviewers: tag and verdict, n, raw agreement, kappa."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._pairs: list[PairResult] = []

    def set_pairs(self, pairs: Sequence[PairResult]) -> None:
        self.beginResetModel()
        self._pairs = list(pairs)
        self.endResetModel()

    def pair(self, row: int) -> PairResult | None:
        return self._pairs[row] if 0 <= row < len(self._pairs) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._pairs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PAIR_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> str | None:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal:
            return PAIR_COLUMNS[section] if 0 <= section < len(PAIR_COLUMNS) else None
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        pair = self.pair(index.row()) if index.isValid() else None
        if pair is None or not 0 <= index.column() < len(PAIR_COLUMNS):
            return None
        column = index.column()
        if role == DISPLAY:
            if column == 0:
                return " and ".join(pair.reviewers)
            result = pair.tag if column < 4 else pair.verdict
            return (_count(result), share(result.agreement), share(result.kappa))[(column - 1) % 3]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(RIGHT.value)
        if role == TOOLTIP and column == 0:
            # The names whole: with a large font on a small screen the column gives way to
            # the figures ("Alice an…").
            listed = f"{counted(len(pair.disagreements), 'disagreement')} listed below"
            return plain_tooltip(f"{' and '.join(pair.reviewers)}: {listed}")
        return None


class DisagreementModel(QAbstractTableModel):
    """The sentences one pair labelled differently (in article and reading order)."""

    SentenceIdRole = USER + 1
    ArticleIdRole = USER + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Disagreement] = []
        self._reviewers: tuple[str, str] = ("First", "Second")
        self._titles: dict[int, str] = {}

    def set_disagreements(
        self, pair: PairResult | None, titles: dict[int, str] | None = None
    ) -> None:
        self.beginResetModel()
        self._rows = list(pair.disagreements) if pair is not None else []
        self._reviewers = pair.reviewers if pair is not None else ("First", "Second")
        self._titles = dict(titles or {})
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def disagreement(self, row: int) -> Disagreement | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _headers(self) -> tuple[str, ...]:
        return ("#", "On", self._reviewers[0], self._reviewers[1], "Sentence", "Article")

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> str | None:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 6:
            return None
        if role == DISPLAY:
            return self._headers()[section]
        if role == TOOLTIP and section in LABEL_COLUMNS:
            return self._headers()[section]  # the whole name, where the column cuts it
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        row = self.disagreement(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < 6:
            return None
        title = or_untitled(self._titles.get(row.article_id, ""))
        if role == DISPLAY:
            text = bidi_neutral(" ".join(row.text.split()))  # in its stored order
            cells = (str(row.number), row.kind, *row.labels, text[:ONE_LINE], title)
            return cells[index.column()]
        if role == TOOLTIP:
            return plain_tooltip(f"{row.text}\n\nArticle: {title}, sentence {row.number}")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(RIGHT.value)
        if role == self.SentenceIdRole:
            return row.sentence_id
        if role == self.ArticleIdRole:
            return row.article_id
        return None


class AgreementPanel(QDialog):
    """A window beside the desk's (not modal): choosing a disagreement shows its sentence
    in the desk while the panel stays open."""

    sentence_chosen = Signal(int, int)  # article id, sentence id
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementPanel")
        self.setWindowTitle("Agreement between Reviewers")
        self.setModal(False)
        self._report: AgreementReport | None = None

        self.scope_box = QComboBox()
        self.scope_box.setObjectName("agreementScope")
        self.scope_box.currentIndexChanged.connect(self._show_scope)
        scope_label = QLabel("&Show")
        scope_label.setBuddy(self.scope_box)
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setObjectName("agreementRefresh")
        self.refresh_button.clicked.connect(self.refresh_requested)
        # No default button: Enter belongs to the list of disagreements (it shows the
        # sentence). As the default, Refresh measured again on each Enter there, and the
        # new measure put the list back at its top.
        self.refresh_button.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(scope_label)
        top.addWidget(self.scope_box, 1)
        top.addWidget(self.refresh_button)

        self.note = QLabel(EXPLANATION)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        # A quiet note, not a control: faint, yet readable (drawn disabled, it was the
        # theme's disabled grey, 1.6 on a light window).
        follow_palette(self.note, lambda: f"color: {faint_on(self)};")
        self.state_label = QLabel()
        self.state_label.setObjectName("agreementState")
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setWordWrap(True)
        self.state_label.hide()  # until it says something (`_say`)

        self.pair_model = PairTableModel(self)
        self.pair_view = row_table(self.pair_model, "agreementPairs")
        pair_header = self.pair_view.horizontalHeader()
        pair_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        pair_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.pair_view.selectionModel().currentRowChanged.connect(self._show_pair)
        pairs_label = QLabel("&Pairs of reviewers")
        pairs_label.setBuddy(self.pair_view)

        self.disagreement_model = DisagreementModel(self)
        self.disagreement_view = row_table(self.disagreement_model, "agreementDisagreements")
        header = self.disagreement_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # A long article title is cut, not scrolled to: the sentence keeps the room.
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(5, ARTICLE_COLUMN_WIDTH)
        # A long name gives way to the sentence: sized to its name, each label column took
        # the sentence's room (two names of 80 characters put it past the panel's edge).
        for column in LABEL_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        # One click (or Enter, or a double-click) shows the sentence; arrows only move here.
        self.disagreement_view.clicked.connect(self._choose)
        self.disagreement_view.activated.connect(self._choose)
        self.differences_label = QLabel("&Where they differ")
        self.differences_label.setBuddy(self.disagreement_view)

        pairs_box, differences_box = QWidget(), QWidget()
        for box, label, view in (
            (pairs_box, pairs_label, self.pair_view),
            (differences_box, self.differences_label, self.disagreement_view),
        ):
            layout = QVBoxLayout(box)
            leave_room_for_focus_frames(layout, box)
            layout.addWidget(label)
            layout.addWidget(view)
            FocusFrame(view)  # empty until two reviewers share a sentence: shows the focus
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(pairs_box)
        splitter.addWidget(differences_box)
        splitter.setSizes([140, 300])
        # Shared in those proportions, at 16 pt the pairs kept room for their heading, the
        # column titles and one pair: an editor saw one pair of fifteen at a time.
        self.pair_view.setMinimumHeight(self._rows_height(self.pair_view, PAIRS_IN_SIGHT))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)  # Enter on a disagreement must not close the panel
        close.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.state_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        # A 960×540 screen (1080p at 200 %) too. As wide as the pairs' figures need in the
        # font in use, where the screen has room: at 16 pt, 820 px put the verdict's
        # agreement and kappa past the table's edge on a 1024-px screen, behind a scroll bar.
        resize_within_screen(self, max(820, self._width_for_pairs(layout)), 520)

    def _width_for_pairs(self, layout: QVBoxLayout) -> int:
        """The panel's width that shows every column of the pairs table, with room for
        two names of about a dozen letters each in the first."""
        view = self.pair_view
        header = view.horizontalHeader()
        figures = sum(header.sectionSizeHint(column) for column in range(1, len(PAIR_COLUMNS)))
        names = max(header.sectionSizeHint(0), view.fontMetrics().averageCharWidth() * 26)
        margins = layout.contentsMargins()
        chrome = (
            margins.left()
            + margins.right()
            + 2 * view.frameWidth()
            + view.verticalScrollBar().sizeHint().width()  # when the pairs outgrow it
            + 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self)
        )
        return figures + names + chrome

    @staticmethod
    def _rows_height(view: QTableView, rows: int) -> int:
        """The height `view` needs to show its column titles and `rows` rows whole."""
        header = view.horizontalHeader().sizeHint().height()
        return header + rows * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth()

    def _say(self, text: str) -> None:
        """The state line, in sight only while it says something: empty, its line (and
        the spacing after it) took the last whole disagreement at 16 pt."""
        self.state_label.setText(text)
        self.state_label.setVisible(bool(text))

    def show_loading(self) -> None:
        self._say("Measuring…")
        self.refresh_button.setEnabled(False)

    def show_failure(self, why: str) -> None:
        self._say(why)
        self.refresh_button.setEnabled(True)

    def show_report(self, report: AgreementReport) -> None:
        """Show a measured report, keeping the chosen scope when it is still there, and
        the chosen pair and disagreement (the one after, when it is gone): measured
        again on coming back from a sentence, the list started from its top again."""
        chosen = self.scope_box.currentData()
        pair_row = self.pair_view.currentIndex().row()
        difference_row = self.disagreement_view.currentIndex().row()
        self._report = report
        self.refresh_button.setEnabled(True)
        self.scope_box.blockSignals(True)
        self.scope_box.clear()
        self.scope_box.addItem(WHOLE_WORKSPACE, None)
        for article in report.articles:
            self.scope_box.addItem(
                article.title or f"Article {article.article_id}", article.article_id
            )
        found = self.scope_box.findData(chosen) if chosen is not None else 0
        self.scope_box.setCurrentIndex(max(found, 0))
        self.scope_box.blockSignals(False)
        self._show_scope()
        if found < 0:
            return  # the chosen article has no pair now: the workspace's first rows
        if 0 < pair_row < self.pair_model.rowCount():
            self.pair_view.setCurrentIndex(self.pair_model.index(pair_row, 0))
        rows = self.disagreement_model.rowCount()
        if difference_row >= 0 and rows:
            self.disagreement_view.setCurrentIndex(
                self.disagreement_model.index(min(difference_row, rows - 1), 0)
            )

    def _titles(self) -> dict[int, str]:
        if self._report is None:
            return {}
        return {a.article_id: a.title for a in self._report.articles}

    def _show_scope(self, _index: int = 0) -> None:
        if self._report is None:
            return
        article_id = self.scope_box.currentData()
        if article_id is None:
            pairs = self._report.workspace
        else:
            pairs = next((a.pairs for a in self._report.articles if a.article_id == article_id), ())
        self.pair_model.set_pairs(pairs)
        if pairs:
            self._say("")
            self.pair_view.setCurrentIndex(self.pair_model.index(0, 0))
        else:
            self._say(
                "No two reviewers have reviewed the same sentence yet: merge a colleague's "
                "workspace (File → Merge Workspace…) or import their review."
            )
            self.disagreement_model.set_disagreements(None)

    def _show_pair(self, current: QModelIndex, _previous: QModelIndex) -> None:
        pair = self.pair_model.pair(current.row())
        self.disagreement_model.set_disagreements(pair, self._titles())
        self._fit_label_columns()
        count = len(pair.disagreements) if pair is not None else 0
        self.differences_label.setText(
            f"&Where they differ: {count} (a click or Enter shows the sentence)"
            if count
            else "&Where they differ: nowhere"
        )

    def _fit_label_columns(self) -> None:
        """Each reviewer's column as wide as its labels and name, the name up to
        `LABEL_COLUMN_CHARS` (cut with "…" beyond, whole in the tooltip)."""
        view = self.disagreement_view
        header = view.horizontalHeader()
        metrics = header.fontMetrics()
        for column in LABEL_COLUMNS:
            hint = header.sectionSizeHint(column)
            # The title's margins on top of the name's characters: counted in them, a
            # name of 17 ("Maximilian Wagner") was cut, the sentence's room to spare.
            text = self.disagreement_model.headerData(column, Qt.Orientation.Horizontal) or ""
            margins = max(0, hint - metrics.horizontalAdvance(text))
            name = min(hint, margins + LABEL_COLUMN_CHARS * metrics.averageCharWidth())
            header.resizeSection(column, max(view.sizeHintForColumn(column), name))

    def _choose(self, index: QModelIndex) -> None:
        row = self.disagreement_model.disagreement(index.row())
        if row is not None:
            self.sentence_chosen.emit(row.article_id, row.sentence_id)
