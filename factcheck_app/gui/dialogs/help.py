"""Help: the keyboard shortcut sheet (generated from the action registry) and About."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from factcheck_app import __version__, config
from factcheck_app.gui.actions import SPECS, Scope, key_text


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(action, keys, where) for every action that has keys."""
    rows = []
    for spec in SPECS.values():
        keys = key_text(spec)
        if not keys:
            continue
        where = "Sentence list / article" if spec.scope is Scope.REVIEW else "Anywhere"
        rows.append((spec.text.replace("&", "").rstrip("…"), keys, where))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setObjectName("shortcutsDialog")
        rows = shortcut_rows()
        table = QTableWidget(len(rows), 3)
        table.setObjectName("shortcutTable")
        table.setHorizontalHeaderLabels(["Action", "Keys", "Works in"])
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.setWordWrap(False)
        note = QLabel(
            "Single-letter keys and digits work while the sentence list or the article "
            "text has focus, never while you type in a field. Esc returns to the list."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(700, 720)


# The check-worthiness model ships trained on a CC BY 4.0 dataset, which asks for this.
MODEL_CREDIT = (
    "Check-worthiness suggestions use a model trained on the ClaimBuster dataset "
    "(Arslan, Hassan, Li and Tremayne, “A Benchmark Dataset of Check-worthy Factual "
    "Claims”, ICWSM 2020), licensed under Creative Commons Attribution 4.0 "
    "(doi 10.5281/zenodo.3609356), and on news sentences written for the desk."
)


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        f"About {config.APP_NAME}",
        f"<h3>{config.APP_NAME} {__version__}</h3>"
        "<p>An offline fact-checking desk for newsrooms: review an article sentence by "
        "sentence, record verdicts and sources, export the report.</p>"
        f"<p>Workspaces live in {html.escape(str(config.user_data_dir()))}</p>"
        f"<p><small>{html.escape(MODEL_CREDIT)}</small></p>",
    )
