"""Who is reviewing: the name and initials recorded with every edit (services/identity.py).

Asked once on a first start, after the window has painted; Edit → Preferences… changes it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout

from factcheck_app.domain.errors import InvalidReviewer
from factcheck_app.gui.article_view import OffsetMap
from factcheck_app.gui.dialogs.form_parts import ErrorLabel, KeepsTypedText, ok_cancel_buttons
from factcheck_app.services import identity

FIRST_START = (
    "Every tag, verdict, source and sign-off is recorded with who made it, so a team's "
    "work can be merged and signed off. Who are you? (You can change it later in "
    "Edit → Preferences.)"
)
LATER = "Edits made from now on are recorded with this name."
# FACTCHECK_REVIEWER outranks the stored name (services/identity.py), so a name changed
# here holds only until the desk closes; said before it is typed, not after.
OVERRIDDEN = (
    "This computer names its reviewer “{name}” (FACTCHECK_REVIEWER), so the name you give "
    "here holds until the desk closes and the next start uses “{name}” again. Your "
    "administrator can change FACTCHECK_REVIEWER."
)


class ReviewerNameDialog(KeepsTypedText):
    """Name and initials, checked as the identity service checks them."""

    def __init__(self, name: str, initials: str, *, first_start: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewerNameDialog")
        self.setWindowTitle("Who Is Reviewing" if first_start else "Preferences")
        self.reviewer: identity.Reviewer | None = None
        intro = QLabel(FIRST_START if first_start else LATER)
        intro.setObjectName("reviewerNameIntro")
        named = identity.environment_reviewer()
        if not first_start and named is not None:
            intro.setText(f"{LATER}\n\n{OVERRIDDEN.format(name=named)}")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName("reviewerName")
        # No Qt length limit: it cut a pasted name without a word (`_cut_if_long` says so).
        self.initials_edit = QLineEdit(initials)
        self.initials_edit.setObjectName("reviewerInitials")
        # No Qt length limit either: it kept "Ana " of a full name pasted here without a
        # word, recorded as the initials (`_initials_edited` cuts them and says so).
        self.name_edit.textEdited.connect(self._name_edited)
        self.error_label = ErrorLabel()
        form = QFormLayout()
        form.addRow("Your &name:", self.name_edit)
        form.addRow("&Initials:", self.initials_edit)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._initials_typed = bool(initials) and initials != identity.initials_of(name)
        self.initials_edit.textEdited.connect(self._initials_edited)
        # Wrapped text's height depends on the width: measured at the width shown, or
        # the longer intro's last lines were cut off.
        self.resize(440, layout.totalHeightForWidth(440))
        self.name_edit.selectAll()
        # Esc after typing asks before dropping the name (a reflex to dismiss the red
        # reason under it closed the dialog); and Alt+Q reaching for a button typed no
        # "q" into the name every edit is recorded with.
        self.keep_typed_text(self.name_edit, self.initials_edit)

    def _name_edited(self, text: str) -> None:
        self.error_label.clear_error()
        text = self._cut_if_long(text)
        if not self._initials_typed:  # initials follow the name until typed over
            self.initials_edit.setText(identity.initials_of(text))

    def _cut_if_long(self, text: str) -> str:
        """A name typed or pasted over MAX_NAME characters is cut there, and the box says
        so (the cut name is the one kept and recorded with every edit)."""
        if len(text) <= identity.MAX_NAME:
            return text
        # Qt counts the cursor in UTF-16 units, the cut is in characters: a name with an
        # emoji left the cursor part-way along the kept name.
        at = min(OffsetMap(text).from_qt(self.name_edit.cursorPosition()), identity.MAX_NAME)
        text = text[: identity.MAX_NAME]
        self.name_edit.setText(text)
        self.name_edit.setCursorPosition(OffsetMap(text).to_qt(at))
        self.error_label.refuse(
            f"A name can be at most {identity.MAX_NAME} characters: the rest was cut. "
            "Check the name before pressing OK.",
            self.name_edit,
        )
        return text

    def _initials_edited(self, text: str) -> None:
        self._initials_typed = True
        self.error_label.clear_error()
        kept = _first_letters(text, identity.MAX_INITIALS)
        if kept != text:
            self.initials_edit.setText(kept)
            self.error_label.refuse(
                f"Initials can be at most {identity.MAX_INITIALS} letters: the rest was cut. "
                "Check them before pressing OK.",
                self.initials_edit,
            )

    def accept(self) -> None:
        try:
            self.reviewer = identity.reviewer_from(self.name_edit.text(), self.initials_edit.text())
        except InvalidReviewer as error:
            self.error_label.refuse(str(error), self.name_edit)
            return
        super().accept()


def _first_letters(text: str, most: int) -> str:
    """`text` up to its `most`-th character that is no space, as the desk counts initials
    (`identity.reviewer_from` drops the spaces): "J L P" was cut to "J L " as too long,
    and OK recorded "JL"."""
    count = 0
    for end, char in enumerate(text):
        if not char.isspace():
            count += 1
            if count > most:
                return text[:end].rstrip()
    return text
