"""Ask where a reviewed sentence's review and sources go when it is split."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.printable import bidi_neutral
from factcheck_app.gui.dialogs.form_parts import (
    CtrlEnterDialog,
    ScrollsWhenShort,
    ok_cancel_buttons,
    room_for_wrapped_text,
    take_pressed_choice,
)
from factcheck_app.services.boundaries import SourcesTo, SplitPart

PREVIEW_CHARS = 90


def _preview(text: str) -> str:
    """A part's start on one line, in its stored order (as the article view shows it)."""
    text = bidi_neutral(" ".join(text.split()))
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


class SplitSentenceDialog(CtrlEnterDialog):
    """Two questions, each with the part's text shown: who keeps the review, where sources go."""

    def __init__(
        self, head: str, tail: str, *, has_review: bool, has_sources: bool, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Split Sentence")
        self.setObjectName("splitSentenceDialog")
        intro = QLabel(f"First part: “{_preview(head)}”\nSecond part: “{_preview(tail)}”")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        # The parts and the choices scroll above the buttons when the screen is too short
        # for them (32 px letters on a 640 px screen: Split lay over the last choice).
        questions = QWidget()
        layout = QVBoxLayout(questions)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)

        self.review_group = QButtonGroup(self)
        self.review_first = QRadioButton("The &first part keeps the review")
        self.review_second = QRadioButton("The &second part keeps the review")
        self.review_first.setChecked(True)
        review_box = QGroupBox("Review (tag, verdict, claimant, explanation)")
        review_layout = QVBoxLayout(review_box)
        for button in (self.review_first, self.review_second):
            self.review_group.addButton(button)
            review_layout.addWidget(button)
        review_box.setVisible(has_review)
        layout.addWidget(review_box)

        self.sources_both = QRadioButton("Link the sources to &both parts")
        self.sources_first = QRadioButton("&Only to the first part")
        self.sources_second = QRadioButton("Only to the seco&nd part")
        self.sources_both.setChecked(True)
        self.sources_group = QButtonGroup(self)
        sources_box = QGroupBox("Sources")
        sources_layout = QVBoxLayout(sources_box)
        for button in (self.sources_both, self.sources_first, self.sources_second):
            self.sources_group.addButton(button)
            sources_layout.addWidget(button)
        sources_box.setVisible(has_sources)
        layout.addWidget(sources_box)

        outer = QVBoxLayout(self)
        outer.addWidget(ScrollsWhenShort(questions))
        outer.addWidget(ok_cancel_buttons(self, "Split"))

    def showEvent(self, event: QShowEvent) -> None:
        """As tall as the parts' words need at its width: at 16 pt they took four lines,
        the box was sized as if they took one each, and the Split button lay over "Only
        to the second part"."""
        super().showEvent(event)
        room_for_wrapped_text(self)

    def accept(self) -> None:
        """Take a choice as the reviewer last pressed it: its Alt letter clicks it 100 ms
        later (Qt shows it pressed meanwhile), and Alt+S, Enter at typing speed split the
        sentence with the review on the first part (as the Export dialog's scope)."""
        take_pressed_choice((*self.review_group.buttons(), *self.sources_group.buttons()))
        super().accept()

    def review_to(self) -> SplitPart:
        return SplitPart.SECOND if self.review_second.isChecked() else SplitPart.FIRST

    def sources_to(self) -> SourcesTo:
        if self.sources_first.isChecked():
            return SourcesTo.FIRST
        if self.sources_second.isChecked():
            return SourcesTo.SECOND
        return SourcesTo.BOTH
