"""Edit an article's title, outlet, author, URL, publication date and language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from factcheck_app.domain.errors import InvalidSourceUrl
from factcheck_app.domain.languages import SUPPORTED, TABLES, UNDETERMINED
from factcheck_app.domain.models import ArticleMetadata
from factcheck_app.domain.printable import shown_line
from factcheck_app.domain.urls import validate_source_url
from factcheck_app.gui.colours import readable_hints
from factcheck_app.gui.dialogs.form_parts import (
    ErrorLabel,
    KeepsTypedText,
    holds_stored_text,
    ok_cancel_buttons,
    show_focused_field_from_start,
    typed_date,
)
from factcheck_app.gui.typed_fields import (
    fill_typed_line,
    keep_typed_lines,
    typed_or_stored,
)

# The languages the box always lists; any other entry is one saved so (`unlisted_language`).
LISTED = frozenset({*SUPPORTED, UNDETERMINED})


class ArticlePropertiesDialog(KeepsTypedText):
    drop_question = "Close without keeping what you typed or chose here?"

    def __init__(self, metadata: ArticleMetadata, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Article Properties")
        self.setObjectName("articlePropertiesDialog")
        self.title_edit, self.outlet_edit, self.author_edit = QLineEdit(), QLineEdit(), QLineEdit()
        # Each as typing would save it, kept as stored unless typed in (`typed_fields`).
        holds_stored_text(self.title_edit, self.outlet_edit, self.author_edit)
        fill_typed_line(self.title_edit, metadata.title)
        fill_typed_line(self.outlet_edit, metadata.outlet)
        fill_typed_line(self.author_edit, metadata.author)
        keep_typed_lines(self.title_edit, self.outlet_edit, self.author_edit)
        # Shown as the others (`typed_fields`): a stored address holding a bidi override
        # showed its end reversed, a line break unseen; held whole, not cut at 32,767.
        self.url_edit = QLineEdit()
        holds_stored_text(self.url_edit)
        fill_typed_line(self.url_edit, metadata.url)
        self.url_edit.setObjectName("urlEdit")
        self.url_edit.setPlaceholderText("https://…")
        self.error_label = ErrorLabel()
        # The reason goes as soon as the reviewer starts fixing the URL.
        self.url_edit.textEdited.connect(self.error_label.clear_error)
        self.has_date = QCheckBox("Date &known")
        # A plain field, as Link Source's: a date editor's sections kept the old year of a
        # typed "2021-03-15" and turned a mistyped "2020-13-45" into 2020-01-04, unsaid.
        self._published = metadata.published
        self._future_said: dt.date | None = None  # the future date Enter was stopped on
        self.date_edit = QLineEdit((metadata.published or dt.date.today()).isoformat())
        self.date_edit.setObjectName("publishedEdit")
        self.date_edit.setPlaceholderText("YYYY-MM-DD")
        readable_hints(self.url_edit, self.date_edit)
        self.date_edit.textEdited.connect(self.error_label.clear_error)
        self.has_date.setChecked(metadata.published is not None)
        self.date_edit.setEnabled(self.has_date.isChecked())
        self.has_date.toggled.connect(self.date_edit.setEnabled)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit, 1)
        date_row.addWidget(self.has_date)
        self.language_box = language_box(metadata.language)

        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("&Outlet", self.outlet_edit)
        form.addRow("&Author", self.author_edit)
        form.addRow("&URL", self.url_edit)
        # A row holding a layout gets no buddy from the form, and a label without one
        # shows its "&": Alt+P goes to the date, or to "Date known" while it is off.
        published = QLabel("&Published")
        form.addRow(published, date_row)
        self.has_date.toggled.connect(
            lambda known: published.setBuddy(self.date_edit if known else self.has_date)
        )
        published.setBuddy(self.date_edit if self.has_date.isChecked() else self.has_date)
        form.addRow("&Language", self.language_box)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(520, 0)
        # The focus in the first field still empty (the title when none is), nothing
        # chosen: with the title chosen whole, a newcomer typing the outlet replaced it.
        # Alt+T chooses it whole, to retype it. Every field shows from its start (the
        # caret at a long title's end showed "ariffs to rise 18% next year, …").
        fields = (self.title_edit, self.outlet_edit, self.author_edit, self.url_edit)
        for field in fields:
            field.setCursorPosition(0)
        first_empty = next((field for field in fields if not field.text().strip()), None)
        (first_empty or self.title_edit).setFocus()
        self.keep_typed_text(
            self.title_edit, self.outlet_edit, self.author_edit, self.url_edit, self.date_edit
        )
        self._chosen_start = self._chosen()

    def show_as_saved(self, now: ArticleMetadata, left: Collection[str]) -> None:
        """After a refusal: each field in `left` (by attribute: the reviewer left it as the
        dialog showed it) shows what is saved now (`now`), not typed in; the others keep
        what she typed or chose. It came back showing the author or date from before,
        while OK kept what another program had saved there: she saw one, saved another."""
        lines = {
            "title": self.title_edit,
            "outlet": self.outlet_edit,
            "author": self.author_edit,
            "url": self.url_edit,
        }
        shown: list[QLineEdit] = []
        for attr, field in lines.items():
            if attr in left:
                fill_typed_line(field, getattr(now, attr))
                shown.append(field)
        language, known = self._chosen_start
        if "published" in left:
            self._published = now.published
            known = now.published is not None
            self.has_date.setChecked(known)
            if now.published is not None:
                self.date_edit.setText(now.published.isoformat())
            shown.append(self.date_edit)
        if "language" in left:
            language = now.language
        # An entry listed only as saved ("“pt” (as saved: …)", "Not known yet") is for
        # what is saved now, or for her own choice: refused twice, the first refusal's
        # stayed in the list, a language nothing had saved any more, one slip of ↑ away.
        chosen = self.language() if "language" not in left else language
        for row in reversed(range(self.language_box.count())):
            code = str(self.language_box.itemData(row))
            if code not in LISTED and code not in (now.language, chosen):
                self.language_box.removeItem(row)
        if "language" in left:
            if self.language_box.findData(language) < 0:  # "not known yet", or no rules
                self.language_box.insertItem(0, unlisted_language(language), language)
            self.language_box.setCurrentIndex(self.language_box.findData(language))
        for field in shown:
            field.setCursorPosition(0)  # from its start, as when the dialog opened
        self.count_as_shown(*shown)
        self._chosen_start = (language, known)

    def typed_texts(self) -> list[tuple[str, str]]:
        """(where, text) of each field typed in since the dialog opened: what a save
        refused for good offers to copy."""
        named: dict[QLineEdit | QPlainTextEdit, str] = {
            self.title_edit: "the title",
            self.outlet_edit: "the outlet",
            self.author_edit: "the author",
            self.url_edit: "the URL",
            # A date looked up in the article's archive is worth keeping as any other.
            self.date_edit: "the Published",
        }
        return self.typed_texts_of(named, "Article Properties")

    def _chosen(self) -> tuple[str, bool]:
        return self.language(), self.has_date.isChecked()

    def changes_made(self) -> bool:
        """Typed text, or a language or "Date known" chosen: Esc after choosing the
        article's language (the one choice here that changes its sentences) dropped it
        without a word, where Esc after typing its outlet asked first."""
        return self.typed_text_changed() or self._chosen() != self._chosen_start

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if visible:  # the title was chosen whole, typed over by a newcomer filling in the outlet
            show_focused_field_from_start(self)

    def accept(self) -> None:
        """Refuse a URL that is not http(s), or a date that is none, in place, with the
        reason, keeping all typed. A URL not typed in is kept as stored, unchecked, as
        the desk keeps it (`Articles.update_article_metadata`): one saved so elsewhere
        (too long, "www.planet example/…") was refused at every OK, though she typed
        only a title."""
        url = self._url()
        if url and self.typed_in(self.url_edit):
            try:
                validate_source_url(url)
            except InvalidSourceUrl as error:
                self.error_label.refuse(str(error), self.url_edit)
                return
        if self.has_date.isChecked():
            date, today = typed_date(self.date_edit.text()), dt.date.today()
            if date is None:
                self.error_label.refuse(
                    "The publication date must be a real date written YYYY-MM-DD (for "
                    f"example {today}); untick “Date known” when it is not known.",
                    self.date_edit,
                )
                return
            # A slip of the year (2062 for 2026) went into the reports as published then:
            # the first Enter stops on it. A piece checked before it runs has tomorrow's
            # date, kept when Enter is pressed again on the same date. A date stored so
            # (an import's) is left as it is until it is retyped.
            if date > today and date not in (self._published, self._future_said):
                self._future_said = date
                self.error_label.refuse(
                    f"{date} is in the future (this computer's clock says today is "
                    f"{today}): Enter again keeps it, for a piece not yet published.",
                    self.date_edit,
                )
                return
        super().accept()

    def metadata(self) -> ArticleMetadata:
        return ArticleMetadata(
            title=typed_or_stored(self.title_edit).strip(),
            outlet=typed_or_stored(self.outlet_edit).strip(),
            author=typed_or_stored(self.author_edit).strip(),
            url=self._url(),
            published=typed_date(self.date_edit.text()) if self.has_date.isChecked() else None,
            language=self.language(),
        )

    def _url(self) -> str:
        """The URL as stored while the field is not typed in (it shows it without a bidi
        override or line break), else as typed: a line break pasted with a link wrapped
        in an e-mail is the URL rule's to drop (`normalize_url`), not a space."""
        if self.typed_in(self.url_edit):
            return self.url_edit.text().strip()
        return typed_or_stored(self.url_edit).strip()

    def language(self) -> str:
        """The chosen ISO 639-1 code ("und": other; "": not known yet, left as it is)."""
        return str(self.language_box.currentData())


def language_box(current: str) -> QComboBox:
    """The desk's languages by name; an article imported before languages were known
    also offers "Not known yet", which keeps it so until the next re-split."""
    box = QComboBox()
    box.setObjectName("languageBox")
    for code in SUPPORTED:  # with UNDETERMINED below: LISTED
        table = TABLES[code]
        # Its own name only where it differs: "English (English)" read as a slip.
        own = f" ({table.native})" if table.native != table.name else ""
        box.addItem(f"{table.name}{own}", code)
    box.addItem("Other language (rules all languages share)", UNDETERMINED)
    if box.findData(current) < 0:
        # Listed first, as saved: one the desk has no rules for (another program's, a
        # merged file's) showed as the first of the list, which OK then saved over it.
        box.insertItem(0, unlisted_language(current), current)
    box.setCurrentIndex(box.findData(current))
    box.setToolTip(
        "The language the article's sentences are split in, and its suggestions made in. "
        "Changing it offers to re-split the article."
    )
    return box


def unlisted_language(code: str) -> str:
    """How the box lists a language it does not offer: "not known yet", or one saved
    elsewhere (another program, a merged file) that the desk has no rules for, kept as
    saved while left so."""
    if not code:
        return "Not known yet (detected on next re-split)"
    return f"“{shown_line(code)}” (as saved: the desk has no sentence rules for it)"
