"""The conflict view of the review panel: a sentence's reviews side by side after a merge
found its reviewers disagree, the chosen one whole below them, and the choice of which to
keep (one, or a combination)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QResizeEvent, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
)

from factcheck_app.domain.merge_rules import DECIDED_FIELDS, combination, reviewer_behind
from factcheck_app.domain.models import DEFAULT_SCALE, Review, verdict_label
from factcheck_app.domain.printable import bidi_neutral, has_unbroken_run, shown_name
from factcheck_app.domain.sign_off import person_key
from factcheck_app.domain.times import stored_time
from factcheck_app.gui.colours import follow_palette
from factcheck_app.gui.flow import FlowBox
from factcheck_app.gui.history_panel import local_time
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
# Widths of the tag's and the verdict's columns, in average characters; the reviewer's
# name has the rest of the table's width.
COLUMN_CHARS = {1: 7, 2: 10}
# Shown whole below the table, for the version chosen, not in it: at 1024×640 the table
# had room for the explanation's first words ("The labour force s"), and the claimant and
# the time lay out of sight sideways.
DETAILS_ONLY = (3, 4, 5)  # explanation, claimant, updated
# The details' room, in lines (a longer text scrolls there). Fixed: given a range, the
# panel's layout (its wrapped labels laid out by width) gave the details less than their
# least, and they were drawn over the line below them.
DETAILS_LINES = 10
MIN_ROWS, MAX_ROWS = 2, 5  # versions the table shows without scrolling
REVIEWERS_DISAGREE = "Reviewers disagree on this sentence. Keep one review, or combine them:"


def conflict_heading(versions: list[Review]) -> str:
    """The conflict's heading: reviewers disagreeing, or one reviewer's versions made on
    two machines without merging between ("Ana Ruiz (in laptop.fcdesk)" beside hers), or
    kept here under her name typed two ways ("Ana Ruiz" and a script's "ana ruiz": one
    person, `person_key`, as a merge and sign-off take her)."""
    names = [v.reviewer for v in versions]
    behind = {name: reviewer_behind(name, names) or name for name in names}
    owners = {person_key(owner) for owner in behind.values()}
    if len(versions) < 2 or len(owners) != 1 or "" in owners:
        return REVIEWERS_DISAGREE
    here = list(dict.fromkeys(name for name in names if behind[name] == name))
    owner = here[0] if here else behind[names[0]]
    places = ["here"] if here else []  # "this desk" read oddly on her laptop
    # Once a file: each spelling two desks keep may have come from it beside its own.
    places += dict.fromkeys(f"in {_made_in(n, behind[n])}" for n in names if behind[n] != n)
    # Only spellings here: no "(here)", which would say none came from another desk (a
    # merge weighs a spelling both desks keep on its own, and keeps it under that name).
    where = f" ({shown_name(_listed(places))})" if len(places) > 1 else ""
    # The rows list each spelling as its own reviewer: say they are one.
    spellings = (
        f" {_listed([f'“{shown_name(n)}”' for n in here])} are one name typed differently."
        if len(here) > 1
        else ""
    )
    count = "two" if len(versions) == 2 else str(len(versions))
    return (
        f"{shown_name(owner)}'s {count} versions of this sentence differ{where}."
        f"{spellings} Keep one, or combine them:"
    )


def _listed(words: list[str]) -> str:
    """Words listed as a sentence says them: a; a and b; a, b and c."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _made_in(name: str, owner: str) -> str:
    """The file a version named "Ana Ruiz (in laptop.fcdesk)" was made in, `owner`'s
    (`reviewer_behind`) however her name before it is written: a decomposed accent is one
    character longer than the owner's name, so it is not cut at her name's length."""
    key, mark = person_key(owner), " (in "
    start = name.find(mark)
    while start != -1 and person_key(name[:start]) != key:
        start = name.find(mark, start + 1)
    return name[start + len(mark) : -1] if start != -1 else name


def _one_line(text: str) -> str:
    """A cell's text: one line, in its stored order (see `bidi_neutral`)."""
    flat = " ".join(text.split())
    return bidi_neutral(flat if len(flat) <= CELL_CHARS else flat[: CELL_CHARS - 1] + "…")


def version_details(review: Review) -> str:
    """One version in words, whole: "Bob · Claim · False · 4 Dec 2026 10:12", the
    claimant, then the explanation as typed."""
    tag = review.tag.label if review.tag else "Nothing to check"
    when = local_time(stored_time(review.updated_at), review.updated_at)
    said = [review.reviewer or "(no name)", tag, verdict_label(review.verdict) or "no verdict"]
    lines = [" · ".join([*said, when] if when else said)]
    lines.append(f"Claimant: {review.claimant}" if review.claimant else "No claimant.")
    lines.append(f"Explanation: {review.explanation}" if review.explanation else "No explanation.")
    return "\n".join(lines)


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
        self._editable = True
        self.title = title = QLabel(REVIEWERS_DISAGREE)
        title.setObjectName("conflictTitle")
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
        # The panel is narrow: who, tag and verdict share its width (the name takes what
        # is left), and the details below show the chosen version whole.
        self.table.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # "Reviewer" wider than its column (a large font) ends in "…" like the names under
        # it; by default it was cut on both sides ("ɾeviewe").
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        for column in DETAILS_ONLY:
            header.hideSection(column)
        self._size_columns()
        self.table.activated.connect(lambda index: self._keep_row(index.row()))
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_details(current.row())
        )
        self._fit_table()

        # The chosen version whole: who, tag, verdict, when, the claimant and the whole
        # explanation, wrapped (plain text, as typed). Tab from the list reaches it, and
        # ↑/↓ there scroll a long one.
        self.details = QPlainTextEdit()
        self.details.setObjectName("conflictDetails")
        self.details.setAccessibleName("The chosen version in full")
        self.details.setReadOnly(True)
        self.details.setTabChangesFocus(True)
        self.details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._fit_details()

        self.keep_button = QPushButton("&Keep This One")
        self.keep_button.setObjectName("keepVersionButton")
        self.keep_button.setToolTip("Keep the version chosen above (Enter in the list does too)")
        self.keep_button.clicked.connect(self._keep_current)

        combine_label = self.combine_label = QLabel("Or combine them, taking each part from:")
        combine_label.setWordWrap(True)
        self.field_boxes: dict[str, QComboBox] = {}
        # A label and its box side by side, or the box under its label where the panel is
        # too narrow for both (at 20 pt on a 1024×640 screen).
        grid = QFormLayout()
        grid.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        grid.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in DECIDED_FIELDS:
            box = QComboBox()
            box.setObjectName(f"{name}FromBox")
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(6)
            # A long name is cut at the box's edge (at 16 pt, "Alexandra Kons"): whole in
            # its tooltip, as in the list's.
            box.currentTextChanged.connect(
                lambda text, box=box: box.setToolTip(plain_tooltip(text) if text else "")
            )
            label = QLabel(FIELD_LABELS[name])
            label.setBuddy(box)
            # Two pairs a row where the panel is wide enough would be wider than it is at
            # 1024 pixels: one pair a row.
            grid.addRow(label, box)
            self.field_boxes[name] = box
        self.combine_button = QPushButton("Keep Com&bined")
        self.combine_button.setObjectName("keepCombinationButton")
        self.combine_button.setToolTip("Keep each part from the reviewer chosen for it")
        self.combine_button.clicked.connect(self._keep_combination)

        # Side by side where there is room, else one under the other: side by side they
        # made the view 3 px wider than the panel at 16 pt on a 1024×640 screen, and the
        # panel (never scrolled sideways) was cut short on the right, every line of it.
        buttons = FlowBox(self.keep_button, self.combine_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addWidget(self.details)
        layout.addWidget(combine_label)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def _size_columns(self) -> None:
        """The tag's and the verdict's columns as wide as their widest words; the
        reviewer's name has the rest (a longer one ends in "…": its tooltip and the
        details have it whole)."""
        header = self.table.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        for column, chars in COLUMN_CHARS.items():
            header.resizeSection(column, chars * char + 12)
        metrics = self.table.fontMetrics()
        # The verdict is what reviewers disagree on: each label whole ("Mostly tr…" beside
        # "True" hid what the other reviewer said).
        widest = max(metrics.horizontalAdvance(v.label) for v in DEFAULT_SCALE)
        header.resizeSection(2, max(header.sectionSize(2), widest + 12))

    def _fit_table(self) -> None:
        """Room for the column titles and each version: two (a merge of two workspaces)
        at least, five at most (then it scrolls). Four lines of text were less than the
        titles and two rows: a crowded panel showed one version whole."""
        table = self.table
        chrome = 2 * table.frameWidth() + table.horizontalHeader().sizeHint().height()
        row = table.verticalHeader().defaultSectionSize()
        rows = max(MIN_ROWS, min(MAX_ROWS, self.model.rowCount()))
        table.setFixedHeight(chrome + rows * row)

    def _fit_details(self) -> None:
        lines = self.details.fontMetrics().lineSpacing()
        chrome = 2 * self.details.frameWidth() + 2 * int(self.details.document().documentMargin())
        self.details.setFixedHeight(chrome + DETAILS_LINES * lines)

    def minimumSizeHint(self) -> QSize:
        """At least the height its parts need at its width: Qt's least measured the two
        wrapped labels at their widest, a crowded panel gave the view that much, and the
        details were drawn over the line below them."""
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth() and self.width() > 0:
            hint.setHeight(max(hint.height(), layout.totalHeightForWidth(self.width())))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # its least height follows its width (see above)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the desktop's font changed meanwhile
            self._fit_table()
            self._fit_details()
            self._size_columns()

    def set_key_hint(self, key: str) -> None:
        """Say to a screen reader how the list is reached and used (`key`: the registry's
        key for it, set by the window)."""
        self.table.setAccessibleDescription(
            f"Each reviewer's version of the sentence: up and down choose one, its whole "
            f"text is below the list, Enter keeps it, Escape goes back. {key} comes here."
        )

    def set_editable(self, editable: bool) -> None:
        """A read-only workspace: the versions can be chosen and read, not kept."""
        self._editable = editable
        for widget in (self.keep_button, self.combine_button, *self.field_boxes.values()):
            widget.setEnabled(editable and self.model.rowCount() > 0)

    def focus_versions(self) -> None:
        """Ctrl+Shift+D: the keys go to the versions (↑/↓ choose, Enter keeps)."""
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_details(self, row: int) -> None:
        """The version of `row` whole in the details (nothing when there is none)."""
        if not 0 <= row < self.model.rowCount():
            self.details.setPlainText("")
            return
        text = version_details(self.model.version_at(row))
        # Qt seeks a word boundary in time n² of an unbroken run: such a text wraps anywhere.
        self.details.setWordWrapMode(
            QTextOption.WrapMode.WrapAnywhere
            if has_unbroken_run(text)
            else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        )
        self.details.setPlainText(bidi_neutral(text))  # in its stored order, as the article

    def show_versions(self, sentence_id: int, versions: list[Review]) -> None:
        """Show a sentence's versions; the first is chosen, and each part comes from it."""
        self._sentence_id = sentence_id
        self.title.setText(conflict_heading(versions))
        self.model.set_versions(versions)
        names = [v.reviewer or "(no name)" for v in versions]
        for box in self.field_boxes.values():
            box.clear()
            for row, name in enumerate(names):
                box.addItem(name, row)
        self._fit_table()
        if versions:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._show_details(0 if versions else -1)
        self.set_editable(self._editable)

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
