"""The "Earlier verdicts" box of the review panel: judged sentences anywhere in the
workspace that resemble the current one, with their explanation and sources, and the two
one-key actions that reuse them (Copy Verdict, Reuse Sources)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.models import EarlierVerdict
from factcheck_app.domain.printable import shown_line
from factcheck_app.gui.fixed_lines import FixedLinesText
from factcheck_app.gui.flow import FlowBox, KeyButton
from factcheck_app.gui.models import plain_tooltip
from factcheck_app.gui.search_models import EarlierVerdictModel
from factcheck_app.gui.views import FocusFrame, leave_room_for_focus_frames

DETAIL_CHARS = 400
TITLE_CHARS = 70
DETAIL_LINES = 5  # the details never push the buttons out of the panel


def verdict_details(verdict: EarlierVerdict) -> str:
    """Plain text: where the verdict was given, why, and on what sources."""
    title = shown_line(verdict.found.article_title)  # as the article list shows it
    if len(title) > TITLE_CHARS:
        title = title[: TITLE_CHARS - 1] + "…"
    lines = [f"In “{title}”"]
    explanation = verdict.found.row.review.explanation.strip()
    if explanation:
        if len(explanation) > DETAIL_CHARS:
            explanation = explanation[: DETAIL_CHARS - 1] + "…"
        lines.append(f"Why: {explanation}")
    for link in verdict.sources:
        source = link.source
        named = f"{source.name} — {source.url}" if source.name != source.url else source.url
        lines.append(f"Source ({link.stance.label}): {named}")
    if not verdict.sources:
        lines.append("No sources linked.")
    return "\n".join(lines)


class _TitleRow(QWidget):
    """The box's title in a row of its own that has no layout: a new count ("(3)" to
    "(4)", looked up on each pause on a sentence) changed the label's width, and the box,
    then the whole review panel, were laid out again for it. Its height is one line."""

    def __init__(self, label: QLabel) -> None:
        super().__init__()
        self.label = label
        label.setParent(self)
        self._fit_height()

    def _fit_height(self) -> None:
        self.setFixedHeight(self.label.sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())

    def sizeHint(self) -> QSize:
        return QSize(self.label.sizeHint().width(), self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.label.minimumSizeHint().width(), self.height())


class EarlierVerdictsBox(QWidget):
    """Earlier verdicts for the current sentence; the chosen one is what the keys reuse."""

    copy_requested = Signal()
    reuse_requested = Signal()
    open_requested = Signal(int, int)  # article id, sentence id

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("earlierVerdicts")
        self._editable = True
        self._room: int | None = None  # its height but for the buttons (hold_room)
        self._sentence = False  # a sentence selected, whose likes are shown
        # How far a read-only window's private search index is built, while it is: the
        # verdicts are looked up in it, so none can be shown before it is handed over.
        self._index_percent: int | None = None
        self.title = QLabel("Earlier verdicts")
        # Placed by the panel at its top: at 984×580 the box itself starts below the
        # panel's visible part, and a claim checked before must not go unnoticed. One
        # line, always there (empty when there are none): the panel never jumps for it;
        # two at a large font, where one cut off the key (kept from then on).
        self.note = FixedLinesText(lines=1, grows=True, most=2)
        self.note.setObjectName("earlierVerdictsNote")
        bold = self.note.font()
        bold.setBold(True)
        self.note.setFont(bold)
        self._copy_keys = ""
        self.model = EarlierVerdictModel(self)
        self.view = QListView()  # the panel is narrow: two-line items, not a wide table
        self.view.setObjectName("earlierVerdictView")
        self.view.setModel(self.model)
        self.view.setModelColumn(0)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setSpacing(1)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())
        self.view.activated.connect(self._open)
        self.title.setBuddy(self.view)
        FocusFrame(self.view)  # mostly empty: nothing else shows the focus

        # Its room is fixed: the height of wrapped text depends on the width, which the box's
        # minimum did not count, and at that minimum a label was drawn over the list. What
        # does not fit ends in "…"; the tooltip has it whole.
        self.details = FixedLinesText(lines=DETAIL_LINES)
        self.details.setObjectName("earlierVerdictDetails")

        # Side by side where there is room; else one under the other, each key under its
        # words (at 16 pt the two side by side made the review panel 550 px wide).
        self.copy_button = KeyButton("Copy Verdict")
        self.copy_button.setObjectName("copyVerdictButton")
        self.copy_button.clicked.connect(self.copy_requested)
        self.reuse_button = KeyButton("Reuse Sources")
        self.reuse_button.setObjectName("reuseSourcesButton")
        self.reuse_button.clicked.connect(self.reuse_requested)
        self._buttons = FlowBox(self.copy_button, self.reuse_button)
        self._buttons.height_changed.connect(self._hold_room)

        layout = QVBoxLayout(self)
        leave_room_for_focus_frames(layout, self)
        layout.addWidget(_TitleRow(self.title))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        layout.addWidget(self._buttons)
        self.show_verdicts([], sentence=False)

    def hold_room(self) -> None:
        """Keep the room the box needs as its minimum height (see ReviewPanel): what it
        needs now, and the buttons' extra lines whenever a narrower box wraps them."""
        self._room = self.minimumSizeHint().height() - self._buttons.minimumSizeHint().height()
        self._hold_room()

    def _hold_room(self) -> None:
        if self._room is None:
            return
        buttons = max(self._buttons.minimumHeight(), self._buttons.minimumSizeHint().height())
        if self._room + buttons != self.minimumHeight():
            self.setMinimumHeight(self._room + buttons)

    def set_key_hints(self, copy_keys: str, reuse_keys: str) -> None:
        self._copy_keys = copy_keys
        self._show_title()
        self.copy_button.set_keys(copy_keys)
        self.reuse_button.set_keys(reuse_keys)

    def show_verdicts(self, verdicts: list[EarlierVerdict], *, sentence: bool = True) -> None:
        """The earlier verdicts on sentences like the current one; `sentence` False when
        no sentence is selected (none is compared: "…resembles this one" would be wrong)."""
        self._sentence = sentence
        self.model.set_items(verdicts)
        self._show_title()
        if verdicts:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._show_details()

    def _show_title(self) -> None:
        count = self.model.rowCount()
        self._show_note(count)
        if count:
            self.title.setText(f"Earl&ier verdicts ({count})")
        elif self._index_percent is not None:
            # Where it shows at 1024x640 without scrolling (the details say it whole);
            # short, so that a 16 pt panel does not cut the figure off.
            self.title.setText(f"Earl&ier verdicts (index {self._index_percent} % built)")
        else:
            self.title.setText("Earl&ier verdicts")

    def _show_note(self, count: int) -> None:
        """ "Checked before: N earlier verdicts (Alt+I)", or nothing when there are none."""
        if not count:
            self.note.setText("")
            self.note.setToolTip("")
            return
        them = "it" if count == 1 else "them"
        self.note.setText(f"Checked before: {count} earlier verdict{'s' * (count > 1)} (Alt+I)")
        copies = f", {self._copy_keys} copies the {'chosen one' if count > 1 else 'verdict'}"
        self.note.setToolTip(
            f"Alt+I shows {them} (below, in Earlier verdicts){copies if self._copy_keys else ''}"
        )

    def wait_for_index(self, percent: int | None) -> None:
        """The search index the verdicts are looked up in is being built (`percent` of
        it), or None: built (the window looks the verdicts up again then)."""
        if percent != self._index_percent:
            self._index_percent = percent
            self._show_title()
            self._show_details()

    def waiting_for_index(self) -> bool:
        return self._index_percent is not None

    def chosen(self) -> EarlierVerdict | None:
        """The selected earlier verdict (the most alike one unless the reviewer chose)."""
        index = self.view.currentIndex()
        return self.model.item(index.row() if index.isValid() else 0)

    def _show_details(self) -> None:
        verdict = self.chosen()
        text = (
            verdict_details(verdict)
            if verdict
            else f"Earlier verdicts appear once the search index is built "
            f"({self._index_percent} %)…"
            if self._sentence and self._index_percent is not None
            else "None: no judged sentence in this workspace resembles this one."
            if self._sentence
            else "Select a sentence to see the verdicts given on sentences like it."
        )
        self.details.setText(text)
        self.details.setToolTip(plain_tooltip(text))  # as typed: "<b>" is no markup
        self.copy_button.setEnabled(self._editable and verdict is not None)
        self.reuse_button.setEnabled(
            self._editable and verdict is not None and bool(verdict.sources)
        )

    def set_editable(self, editable: bool) -> None:
        """A read-only workspace still shows earlier verdicts but cannot reuse them."""
        self._editable = editable
        self._show_details()

    def _open(self, index: QModelIndex) -> None:
        verdict = self.model.item(index.row())
        if verdict is not None:
            row = verdict.found.row
            self.open_requested.emit(row.sentence.article_id, row.sentence.id)
