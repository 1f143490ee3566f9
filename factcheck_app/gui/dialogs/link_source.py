"""Link a source to the current sentence: a new URL or one already in the workspace."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from factcheck_app.domain.errors import InvalidSourceUrl
from factcheck_app.domain.models import Source, Stance
from factcheck_app.domain.urls import validate_source_url
from factcheck_app.services.desk import NewSource


def to_qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)


class LinkSourceDialog(QDialog):
    """Asks for URL, title, publisher, accessed date, stance and excerpt."""

    def __init__(self, known_sources: list[Source], parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link Source")
        self.setObjectName("linkSourceDialog")
        self._known = known_sources

        self.reuse_box = QComboBox()
        self.reuse_box.setObjectName("reuseBox")
        self.reuse_box.addItem("— new source —", None)
        for source in known_sources:
            label = source.title or source.url
            if source.publisher:
                label += f" — {source.publisher}"
            self.reuse_box.addItem(label, source)
        self.reuse_box.currentIndexChanged.connect(self._on_reuse)

        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("urlEdit")
        self.url_edit.setPlaceholderText("https://…")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.publisher_edit = QLineEdit()
        self.publisher_edit.setObjectName("publisherEdit")
        self.accessed_edit = QDateEdit(QDate.currentDate())
        self.accessed_edit.setCalendarPopup(True)
        self.accessed_edit.setDisplayFormat("yyyy-MM-dd")
        self.stance_box = QComboBox()
        self.stance_box.setObjectName("stanceBox")
        for stance in Stance:
            self.stance_box.addItem(stance.label, stance.value)
        self.excerpt_edit = QPlainTextEdit()
        self.excerpt_edit.setObjectName("excerptEdit")
        self.excerpt_edit.setPlaceholderText("The passage that supports or refutes the sentence")
        self.excerpt_edit.setTabChangesFocus(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = QFormLayout()
        if known_sources:
            form.addRow("&Reuse", self.reuse_box)
        form.addRow("&URL", self.url_edit)
        form.addRow("&Title", self.title_edit)
        form.addRow("&Publisher", self.publisher_edit)
        form.addRow("&Accessed", self.accessed_edit)
        form.addRow("&Stance", self.stance_box)
        form.addRow("&Excerpt", self.excerpt_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def _on_reuse(self, index: int) -> None:
        source = self.reuse_box.itemData(index)
        editable = source is None
        for widget in (self.url_edit, self.title_edit, self.publisher_edit, self.accessed_edit):
            widget.setEnabled(editable)
        if isinstance(source, Source):
            self.url_edit.setText(source.url)
            self.title_edit.setText(source.title)
            self.publisher_edit.setText(source.publisher)
            if source.accessed:
                self.accessed_edit.setDate(to_qdate(source.accessed))

    def accept(self) -> None:
        """Refuse a bad URL in place, with the reason, keeping everything typed."""
        try:
            validate_source_url(self.url_edit.text())
        except InvalidSourceUrl as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            self.url_edit.setFocus()
            return
        super().accept()

    def new_source(self) -> NewSource:
        accessed: dt.date = self.accessed_edit.date().toPython()  # type: ignore[assignment]
        return NewSource(
            url=self.url_edit.text(),
            title=self.title_edit.text(),
            publisher=self.publisher_edit.text(),
            accessed=accessed,
            stance=Stance(self.stance_box.currentData()),
            excerpt=self.excerpt_edit.toPlainText(),
        )
