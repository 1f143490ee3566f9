"""The conflict view of the review panel: a sentence's reviews side by side after a merge
found its reviewers disagree, and the choice of which to keep (one, or a combination)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
)

from factcheck_app.domain.merge_rules import DECIDED_FIELDS, combination
from factcheck_app.domain.models import DEFAULT_SCALE, Review, verdict_label
from factcheck_app.gui.colours import follow_palette
from factcheck_app.gui.models import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
CELL_CHARS = 80  # a cell shows this much of a long explanation; its tooltip all of it
COLUMNS = ("Reviewer", "Tag", "Verdict", "Explanation", "Claimant", "Updated")
FIELD_LABELS = {
    "tag": "Tag",
    "verdict": "Verdict",
    "claimant": "Claimant",
    "explanation": "Explanation",
}
# Widths of the columns before the explanation, in average characters.
COLUMN_CHARS = (9, 7, 10)
EXPLANATION_CHARS = 24
MIN_ROWS, MAX_ROWS = 2, 5  # versions the table shows without scrolling


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= CELL_CHARS else flat[: CELL_CHARS - 1] + "…"


class VersionsModel(QAbstractTableModel):
    """Each reviewer's own review of one sentence, one row each."""

    ReviewRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._versions: list[Review] = []

    def set_versions(self, versions: list[Review]) -> None:
        self.beginResetModel()
        self._versions = list(versions)
        self.endResetModel()

    def version_at(self, row: int) -> Review:
        return self._versions[row]

    def versions(self) -> list[Review]:
        return list(self._versions)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._versions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def _text(self, review: Review, column: int) -> str:
        if column == 0:
            return review.reviewer or "(no name)"
        if column == 1:
            return review.tag.label if review.tag else "Nothing to check"
        if column == 2:
            return verdict_label(review.verdict) or "—"
        if column == 3:
            return review.explanation
        if column == 4:
            return review.claimant
        return review.updated_at.replace("T", " ")[:16]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._versions):
            return None
        review = self._versions[index.row()]
        if role == DISPLAY:
            return _one_line(self._text(review, index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._text(review, index.column())
            return plain_tooltip(text) if text else None
        if role == self.ReviewRole:
            return review
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and section < len(COLUMNS):
            return COLUMNS[section]
        return None


class ConflictView(QFrame):
    """The versions of a sentence in conflict; keeps the chosen one or a combination."""

    decided = Signal(object)  # the Review to keep as the sentence's decided review

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictView")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._sentence_id = 0
        title = QLabel("Reviewers disagree on this sentence. Keep one review, or combine them:")
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        follow_palette(title, lambda: "font-weight: bold;")
        self.model = VersionsModel(self)
        self.table = QTableView()
        self.table.setObjectName("conflictVersions")
        self.table.setAccessibleName("Reviewers' versions")  # a screen reader heard none
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, ↑/↓ pick a version
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        # The panel is narrow: the table scrolls sideways rather than widen the panel.
        self.table.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate(COLUMN_CHARS):
            header.resizeSection(column, chars * char + 12)
        # The verdict is what reviewers disagree on: each label whole ("Mostly tr…" beside
        # "True" hid what the other reviewer said).
        metrics = self.table.fontMetrics()
        widest = max(metrics.horizontalAdvance(v.label) for v in DEFAULT_SCALE)
        header.resizeSection(2, max(header.sectionSize(2), widest + 12))
        header.resizeSection(len(COLUMN_CHARS), EXPLANATION_CHARS * char)
        self.table.activated.connect(lambda index: self._keep_row(index.row()))
        self._fit_table()

        self.keep_button = QPushButton("&Keep This One")
        self.keep_button.setObjectName("keepVersionButton")
        self.keep_button.setToolTip("Keep the version chosen above (Enter in the list does too)")
        self.keep_button.clicked.connect(self._keep_current)

        combine_label = QLabel("Or combine them, taking each part from:")
        combine_label.setWordWrap(True)
        self.field_boxes: dict[str, QComboBox] = {}
        grid = QGridLayout()
        for number, name in enumerate(DECIDED_FIELDS):
            box = QComboBox()
            box.setObjectName(f"{name}FromBox")
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(6)
            label = QLabel(FIELD_LABELS[name])
            label.setBuddy(box)
            # Two pairs a row where the panel is wide enough would be wider than it is at
            # 1024 pixels: one pair a row.
            grid.addWidget(label, number, 0)
            grid.addWidget(box, number, 1)
            self.field_boxes[name] = box
        grid.setColumnStretch(1, 1)
        self.combine_button = QPushButton("Keep Com&bined")
        self.combine_button.setObjectName("keepCombinationButton")
        self.combine_button.setToolTip("Keep each part from the reviewer chosen for it")
        self.combine_button.clicked.connect(self._keep_combination)

        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        buttons.addWidget(self.combine_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addWidget(combine_label)
        layout.addLayout(grid)
        layout.addLayout(buttons)

    def _fit_table(self) -> None:
        """Room for the column titles, the sideways scroll bar and two versions (a merge
        of two workspaces) at least, five at most. Four lines of text were less than the
        titles, the bar and two rows: a crowded panel showed one version whole."""
        table = self.table
        chrome = (
            2 * table.frameWidth()
            + table.horizontalHeader().sizeHint().height()
            + table.horizontalScrollBar().sizeHint().height()
        )
        row = table.verticalHeader().defaultSectionSize()
        table.setMinimumHeight(chrome + MIN_ROWS * row)
        table.setMaximumHeight(chrome + MAX_ROWS * row)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the desktop's font changed meanwhile
            self._fit_table()

    def show_versions(self, sentence_id: int, versions: list[Review]) -> None:
        """Show a sentence's versions; the first is chosen, and each part comes from it."""
        self._sentence_id = sentence_id
        self.model.set_versions(versions)
        names = [v.reviewer or "(no name)" for v in versions]
        for box in self.field_boxes.values():
            box.clear()
            for row, name in enumerate(names):
                box.addItem(name, row)
        if versions:
            self.table.setCurrentIndex(self.model.index(0, 0))
        has_choice = len(versions) > 0
        self.keep_button.setEnabled(has_choice)
        self.combine_button.setEnabled(has_choice)

    def _keep_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.decided.emit(self.model.version_at(row))

    def _keep_current(self) -> None:
        current = self.table.currentIndex()
        self._keep_row(current.row() if current.isValid() else 0)

    def _keep_combination(self) -> None:
        if self.model.rowCount() == 0:
            return
        picks = {
            name: self.model.version_at(int(box.currentData() or 0))
            for name, box in self.field_boxes.items()
        }
        self.decided.emit(combination(self._sentence_id, picks))
