"""Asks the editor why a verdict goes back to its checker: the note is required."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.printable import bidi_neutral, has_visible_text, shown_name
from factcheck_app.gui.colours import readable_hints
from factcheck_app.gui.dialogs.form_parts import KeepsTypedText, ok_cancel_buttons
from factcheck_app.gui.typed_fields import RunWrappingEdit, field_text

# The question naming the checker stays on one line up to this many characters' width.
PROMPT_CHARS = 60


class ReturnNoteDialog(KeepsTypedText):
    """A note for the checker; Return is enabled once something visible is typed."""

    def __init__(self, sentence: str, checker: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Return Verdict")
        self.setObjectName("returnNoteDialog")
        shown = " ".join(sentence.split())
        if len(shown) > 200:
            shown = shown[:199] + "…"
        about = QLabel(f"“{bidi_neutral(shown)}”")  # in its stored order, as the article
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        # "&&": the label has a buddy, so Qt reads an "&" as an Alt key; "Smith & Jones"
        # read "Smith _Jones" (the space underlined), and a name made the dialog an Alt key.
        who = (shown_name(checker) or "the checker").replace("&", "&&")
        prompt = QLabel(f"What should {who} look at again?")
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        # Wrapped: one line as long as the name, an 80-character one made the dialog
        # 1,195 px wide at 16 pt, its buttons past a 1024-pixel screen's edge. One line
        # still for a name of common length (wrapped, the dialog shrank to its note box).
        prompt.setWordWrap(True)
        metrics = prompt.fontMetrics()
        one_line = metrics.horizontalAdvance(prompt.text()) + metrics.averageCharWidth()
        prompt.setMinimumWidth(min(one_line, PROMPT_CHARS * metrics.averageCharWidth()))
        self.note_edit = RunWrappingEdit()  # a pasted run wraps anywhere
        self.note_edit.setObjectName("returnNoteEdit")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText("e.g. Which year are the figures from?")
        readable_hints(self.note_edit)
        prompt.setBuddy(self.note_edit)
        self.buttons = ok_cancel_buttons(self, "&Return Verdict")
        self.note_edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(prompt)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.buttons)
        self._update()
        self.keep_typed_text(self.note_edit)

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        # Only what shows: a pasted zero-width space enabled it, and the desk refused it.
        ok.setEnabled(has_visible_text(self.note()))

    def note(self) -> str:
        """The note as typed (a no-break space kept: `field_text`), without the blank
        around it."""
        return field_text(self.note_edit).strip()
