"""Link a source to the current sentence (a new URL or one already in the workspace), or
edit a link already made: the same dialog, titled Edit Source, filled with the link."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from factcheck_app.domain.errors import InvalidSourceUrl
from factcheck_app.domain.models import Source, SourceLink, Stance
from factcheck_app.domain.printable import holds_right_to_left, shown_line
from factcheck_app.domain.urls import sentence_ending, validate_source_url
from factcheck_app.domain.wording import counted
from factcheck_app.gui.colours import readable_hints
from factcheck_app.gui.dialogs.form_parts import (
    ErrorLabel,
    KeepsTypedText,
    holds_stored_text,
    ok_cancel_buttons,
    resize_within_screen,
    show_focused_field_from_start,
    typed_date,
)
from factcheck_app.gui.fixed_lines import FixedLinesText
from factcheck_app.gui.models import one_line
from factcheck_app.gui.typed_fields import (
    RunWrappingEdit,
    fill_typed_line,
    fill_typed_lines,
    keep_typed_lines,
    typed_or_stored,
)
from factcheck_app.services.desk import NewSource

SENTENCE_LINES = 3
NOTE_LINES = 3  # what an edit of a shared source changes elsewhere
REUSE_CHARS = 30  # the Reuse box shows this much of a title at least; its list the rest
DIALOG_SIZE = (520, 420)
DIALOG_CHARS = 60  # wide enough for a URL's start, in the font in use


# A source backs the sentence when the verdict says it is true, refutes it when false;
# for a mixed or open verdict the reviewer says which.
_STANCE_BY_VERDICT = {
    "true": Stance.SUPPORTS,
    "mostly_true": Stance.SUPPORTS,
    "false": Stance.REFUTES,
    "mostly_false": Stance.REFUTES,
}


def stance_for_verdict(verdict_key: str | None) -> Stance | None:
    """The stance a new source most likely has, given the sentence's verdict (None: ask)."""
    return _STANCE_BY_VERDICT.get(verdict_key or "")


class LinkSourceDialog(KeepsTypedText):
    """Asks for URL, title, publisher, accessed date, stance and excerpt.

    ``sentence`` is shown at the top (what is being sourced); ``stance`` is the stance
    offered first, None to make the reviewer choose one. With ``editing`` it is the Edit
    Source dialog: filled with that link, saying what a change reaches beyond this
    sentence (``shared_with``: how many other sentences link its source). Either way a URL
    in ``taken_urls`` (the sentence's other links) is refused in place.
    """

    drop_question = "Close without keeping what you typed or chose here?"

    def __init__(
        self,
        known_sources: list[Source],
        parent: Any = None,
        *,
        sentence: str = "",
        stance: Stance | None = None,
        editing: SourceLink | None = None,
        shared_with: int = 0,
        taken_urls: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Source" if editing else "Link Source")
        self.setObjectName("editSourceDialog" if editing else "linkSourceDialog")
        self._known = known_sources
        self._editing = editing
        self._shared_with = shared_with
        self._taken_urls = taken_urls
        self._asked_url: str | None = None  # asked about its ending once (see accept)
        if editing is not None:
            stance = editing.stance
        # At most a few lines (plain text, never markup; the article view has it whole): a
        # long sentence in a large font took the room of the fields under it.
        self.sentence_label = FixedLinesText(" ".join(sentence.split()), lines=SENTENCE_LINES)
        self.sentence_label.setObjectName("sentenceLabel")
        self.sentence_label.setVisible(bool(sentence))
        # Upright when right to left: the desk's fonts hold no italic Arabic (DejaVu Sans
        # Oblique has none) and the sentence showed as empty boxes; print has no italic
        # Arabic either (the PDF report's `right_to_left_format`).
        if not holds_right_to_left(sentence):
            self.sentence_label.setStyleSheet("font-style: italic;")

        self.reuse_box = QComboBox()
        self.reuse_box.setObjectName("reuseBox")
        self.reuse_box.addItem("— new source —", None)
        # As wide as the form, not as its longest title (one of pages: 524,000 px wide).
        self.reuse_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.reuse_box.setMinimumContentsLength(REUSE_CHARS)
        # Not those this sentence links: chosen, OK refused them, after the excerpt was typed.
        reusable = [source for source in known_sources if source.url not in taken_urls]
        for source in reusable:
            label = source.name
            if source.publisher:
                label += f" — {source.publisher}"
            # One line in its stored order, cut short: an override in a title reversed the
            # publisher after it, and a title of pages made the box wider than the screen.
            self.reuse_box.addItem(shown_line(one_line(label)), source)
        self.reuse_box.currentIndexChanged.connect(self._on_reuse)

        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("urlEdit")
        self.url_edit.setPlaceholderText("https://…")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.publisher_edit = QLineEdit()
        self.publisher_edit.setObjectName("publisherEdit")
        # Filled with a source's (Edit Source, Reuse): a longer one showed, and was saved,
        # cut. The URL too: a URL is at most 8,192 characters, checked when saved, but a
        # story pasted into it by mistake was cut to 32,767 and refused as "this one has
        # 32,767" of 50,000.
        holds_stored_text(self.title_edit, self.publisher_edit, self.url_edit)
        # Each as typing would save it, kept as stored unless typed in (`typed_fields`).
        keep_typed_lines(self.title_edit, self.publisher_edit)
        # A plain field: a date editor's sections swallowed a typed "2024-05-01".
        self.accessed_edit = QLineEdit(dt.date.today().isoformat())
        self.accessed_edit.setObjectName("accessedEdit")
        self.accessed_edit.setPlaceholderText("YYYY-MM-DD (blank: not recorded)")
        self.stance_box = QComboBox()
        self.stance_box.setObjectName("stanceBox")
        if stance is None:
            self.stance_box.addItem("— choose —", None)
        for choice in Stance:
            self.stance_box.addItem(choice.label, choice.value)
        if stance is not None:
            self.stance_box.setCurrentIndex(self.stance_box.findData(stance.value))
        self.excerpt_edit = RunWrappingEdit()  # a pasted run wraps anywhere
        self.excerpt_edit.setObjectName("excerptEdit")
        self.excerpt_edit.setPlaceholderText("The passage that supports or refutes the sentence")
        self.excerpt_edit.setTabChangesFocus(True)
        readable_hints(self.url_edit, self.accessed_edit, self.excerpt_edit)
        self.error_label = ErrorLabel()
        # Edit Source only: what the typed URL and the shared fields change, in words.
        self.note = FixedLinesText(lines=NOTE_LINES)
        self.note.setObjectName("sharedNote")
        self.note.setVisible(editing is not None)

        # The reason goes as soon as the reviewer starts fixing it.
        for edit in (self.url_edit, self.accessed_edit):
            edit.textEdited.connect(self.error_label.clear_error)
        self.stance_box.currentIndexChanged.connect(self.error_label.clear_error)

        form = QFormLayout()
        # Editing a link changes it in place: another source is another URL typed here.
        if reusable and editing is None:
            form.addRow("&Reuse", self.reuse_box)
        form.addRow("&URL", self.url_edit)
        form.addRow("&Title", self.title_edit)
        form.addRow("&Publisher", self.publisher_edit)
        form.addRow("&Accessed", self.accessed_edit)
        form.addRow("&Stance", self.stance_box)
        form.addRow("&Excerpt", self.excerpt_edit)
        buttons = ok_cancel_buttons(self, "Save" if editing else "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.sentence_label)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        # Room for the fields in the font in use (a fixed 520×420 squeezed the excerpt to
        # nothing at 16 pt), within a small screen.
        resize_within_screen(
            self,
            max(DIALOG_SIZE[0], DIALOG_CHARS * self.fontMetrics().averageCharWidth()),
            max(DIALOG_SIZE[1], self.sizeHint().height()),
        )
        self.url_edit.setFocus()  # not the Reuse box, where a typed URL vanished
        if editing is not None:
            self._fill(editing)
        self.url_edit.textChanged.connect(self._show_note)
        self._show_note()
        self.keep_typed_text(
            self.url_edit,
            self.title_edit,
            self.publisher_edit,
            self.accessed_edit,
            self.excerpt_edit,
        )
        self._stance_start = self.stance_box.currentData()

    def changes_made(self) -> bool:
        """Typed text, or a stance chosen: Esc after choosing Refutes in Edit Source (or a
        stance a mixed verdict left to choose) dropped it without a word, where Esc after
        typing asked first."""
        return self.typed_text_changed() or self.stance_box.currentData() != self._stance_start

    def _fill(self, link: SourceLink) -> None:
        source = link.source
        self.url_edit.setText(source.url)
        fill_typed_line(self.title_edit, source.title)
        fill_typed_line(self.publisher_edit, source.publisher)
        self.accessed_edit.setText(source.accessed.isoformat() if source.accessed else "")
        fill_typed_lines(self.excerpt_edit, link.excerpt)  # kept as stored unless typed in
        _from_the_start(self.url_edit, self.title_edit, self.publisher_edit)

    def _show_note(self) -> None:
        """Say where the change goes: the source shared by other sentences, the source
        already here that another URL points at, or a new source for another URL."""
        editing = self._editing
        try:
            url = validate_source_url(self.url_edit.text())
        except InvalidSourceUrl:
            # Said when saving; until then, as it was.
            url = editing.source.url if editing is not None else ""
        others = counted(self._shared_with, "other sentence")
        known = next((s for s in self._known if s.url == url), None)
        if url in self._taken_urls:
            # Said as it is typed: only OK said it, once the excerpt had been typed.
            name = known.name if known is not None else url
            text = (
                f"That URL is already linked to this sentence as “{name}”: edit or remove "
                "that link instead."
            )
            self.note.setVisible(True)
        elif editing is None:
            # A URL the workspace has is linked as its source is: the title, publisher
            # and date typed here were dropped without a word.
            text = (
                f"That URL is already in the workspace as “{known.name}”: this "
                "sentence links that source, with its title, publisher and accessed date."
                if known is not None
                else ""
            )
            self.note.setVisible(bool(text))
        elif url == editing.source.url:
            text = (
                f"The title, publisher and accessed date are shared by {others}: "
                "changing them changes them there too. The stance and excerpt are this "
                "sentence's own."
                if self._shared_with
                else ""
            )
        elif known is not None:
            text = (
                f"That URL is already in the workspace as “{known.name}”: "
                "the link will point at that source as it is; the stance and excerpt stay."
            )
        elif self._shared_with:
            keep = "keeps" if self._shared_with == 1 else "keep"
            text = (
                "A new URL makes a new source for this link, with the title, publisher and "
                f"date above; the {others} {keep} the old one."
            )
        else:
            text = ""
        self.note.setText(text)
        # Greyed, not cleared: what was typed there comes back with the URL it was for.
        for widget in (self.title_edit, self.publisher_edit, self.accessed_edit):
            widget.setEnabled(known is None or (editing is not None and url == editing.source.url))

    def _on_reuse(self, index: int) -> None:
        source = self.reuse_box.itemData(index)
        editable = source is None
        for widget in (self.url_edit, self.title_edit, self.publisher_edit, self.accessed_edit):
            widget.setEnabled(editable)
        if isinstance(source, Source):
            self.url_edit.setText(source.url)
            fill_typed_line(self.title_edit, source.title)
            fill_typed_line(self.publisher_edit, source.publisher)
            # Blank when not known, as Edit Source shows it: the field kept today's date,
            # or the source chosen before's, as the day this one was read.
            self.accessed_edit.setText(source.accessed.isoformat() if source.accessed else "")
            _from_the_start(self.url_edit, self.title_edit, self.publisher_edit)
        self._show_note()  # back to a new source: a known URL typed stays greyed, and said

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if visible:  # Edit Source opened with the URL chosen whole
            show_focused_field_from_start(self)

    def accept(self) -> None:
        """Refuse a bad URL, date or a missing stance in place, with the reason, keeping
        everything typed."""
        try:
            url = validate_source_url(self.url_edit.text())
        except InvalidSourceUrl as error:
            self.error_label.refuse(str(error), self.url_edit)
            return
        if url in self._taken_urls:
            self.error_label.refuse(
                "That URL is already linked to this sentence: edit or remove that link instead.",
                self.url_edit,
            )
            return
        if self._ask_about_ending(url):
            return
        problem = _date_problem(self.accessed_edit.text())
        if problem:
            self.error_label.refuse(problem, self.accessed_edit)
            return
        if self.stance_box.currentData() is None:
            self.error_label.refuse(
                "Choose whether the source supports or refutes the sentence, or gives context.",
                self.stance_box,
            )
            return
        super().accept()

    def _ask_about_ending(self, url: str) -> bool:
        """Say, once for a URL, that it ends as the sentence it was copied from did (a full
        stop, a bracket): linked so, it went into the published report as a page not
        found. OK again links it as it is (some addresses end so). Not asked about a URL
        the workspace has already, nor the one an edited link has."""
        ending = sentence_ending(self.url_edit.text())
        if (
            not ending
            or url == self._asked_url
            or any(source.url == url for source in self._known)
            or (self._editing is not None and url == self._editing.source.url)
        ):
            return False
        self._asked_url = url
        again = "Save" if self._editing is not None else "OK"
        self.error_label.refuse(
            f"The URL ends in “{ending}”, as a sentence does: if that came with the "
            f"sentence it was copied from, take it off; {again} again links it as it is.",
            self.url_edit,
        )
        return True

    def typed_texts(self) -> list[tuple[str, str]]:
        """(where, text) of each field typed in since the dialog opened: what a save
        refused for good offers to copy."""
        named: dict[QLineEdit | QPlainTextEdit, str] = {
            self.url_edit: "the URL",
            self.title_edit: "the title",
            self.publisher_edit: "the publisher",
            self.accessed_edit: "the accessed date",
            self.excerpt_edit: "the excerpt",
        }
        kind = "Edit Source" if self._editing is not None else "Link Source"
        return self.typed_texts_of(named, kind)

    def new_source(self) -> NewSource:
        accessed = typed_date(self.accessed_edit.text())  # blank: not recorded
        return NewSource(
            url=self.url_edit.text(),
            title=typed_or_stored(self.title_edit),
            publisher=typed_or_stored(self.publisher_edit),
            accessed=accessed,
            stance=Stance(self.stance_box.currentData()),
            excerpt=typed_or_stored(self.excerpt_edit),
        )


def _from_the_start(*fields: QLineEdit) -> None:
    """Show each filled field from its start: a long title or URL filled in showed its last
    words, not what names it."""
    for field in fields:
        field.setCursorPosition(0)


def _date_problem(text: str) -> str:
    """Why ``text`` is no accessed date, in words ("" when it is one, or blank)."""
    if not text.strip():
        return ""
    # As Article Properties reads its date: "2024-3-5" was refused here, and "2024-02-30"
    # was told to be written YYYY-MM-DD, as it was (the day was what was wrong).
    date = typed_date(text)
    if date is None:
        return (
            "The accessed date must be a real date written YYYY-MM-DD (for example "
            f"{dt.date.today()}); leave it blank when it is not known."
        )
    today = dt.date.today()
    if date > today:
        # The clock's date said: with the computer's clock set back (a dead battery, a
        # slip of the hand), today's date was refused as "in the future" with no reason.
        return (
            "The accessed date cannot be in the future: this computer's clock says today "
            f"is {today}."
        )
    return ""
