"""Edit an article's title, outlet, author, URL and publication date."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
)

from factcheck_app.domain.models import ArticleMetadata
from factcheck_app.gui.dialogs.link_source import to_qdate


class ArticlePropertiesDialog(QDialog):
    def __init__(self, metadata: ArticleMetadata, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Article Properties")
        self.setObjectName("articlePropertiesDialog")
        self.title_edit = QLineEdit(metadata.title)
        self.outlet_edit = QLineEdit(metadata.outlet)
        self.author_edit = QLineEdit(metadata.author)
        self.url_edit = QLineEdit(metadata.url)
        self.url_edit.setPlaceholderText("https://…")
        self.has_date = QCheckBox("Known")
        self.date_edit = QDateEdit()
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setCalendarPopup(True)
        self.has_date.setChecked(metadata.published is not None)
        self.date_edit.setDate(
            to_qdate(metadata.published) if metadata.published else QDate.currentDate()
        )
        self.date_edit.setEnabled(self.has_date.isChecked())
        self.has_date.toggled.connect(self.date_edit.setEnabled)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit, 1)
        date_row.addWidget(self.has_date)

        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("&Outlet", self.outlet_edit)
        form.addRow("&Author", self.author_edit)
        form.addRow("&URL", self.url_edit)
        form.addRow("&Published", date_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 0)

    def metadata(self) -> ArticleMetadata:
        return ArticleMetadata(
            title=self.title_edit.text().strip(),
            outlet=self.outlet_edit.text().strip(),
            author=self.author_edit.text().strip(),
            url=self.url_edit.text().strip(),
            published=self.date_edit.date().toPython() if self.has_date.isChecked() else None,  # type: ignore[arg-type]
        )
