"""The open article as a whole: its export and its properties (title, date, language…)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from factcheck_app.gui.controllers.guards import writable
from factcheck_app.gui.messages import STATUS_RESULT, ask, guarded

if TYPE_CHECKING:
    from factcheck_app.gui.main_window import MainWindow


class ArticleController(QObject):
    """File → Export… and File → Article Properties… for the open article."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    @guarded
    def export_report(self) -> None:
        """File → Export…: reports (HTML, PDF, Word, Markdown), data and ClaimReview."""
        window = self._window
        if window.article_id is None:
            return
        window.panel.flush_pending_text()
        # Imported here: the report modules (and Word's) cost ~45 ms, not worth it at start-up.
        from factcheck_app.gui.dialogs.export import ExportDialog
        from factcheck_app.gui.dialogs.form_parts import run_dialog

        dialog = ExportDialog(window.desk, window.article_id, window)
        if run_dialog(dialog) and dialog.exported_path is not None:
            window.statusBar().showMessage(f"Exported to {dialog.exported_path}", STATUS_RESULT)

    @guarded
    def edit_properties(self) -> None:
        window = self._window
        # The article the dialog is for: another may open while it is up (an import ends).
        article_id = window.article_id
        if article_id is None or not writable(window):
            return
        # Imported when first asked for (languages, URLs): the window paints without them.
        from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog
        from factcheck_app.gui.dialogs.form_parts import run_dialog

        before = window.desk.articles.article_metadata(article_id)
        dialog = ArticlePropertiesDialog(before, window)
        if run_dialog(dialog):
            window.desk.articles.update_article_metadata(article_id, dialog.metadata())
            window.reload_articles()
            window.update_title()
            if dialog.language() not in ("", before.language):
                self._offer_resplit_in(dialog.language())

    def _offer_resplit_in(self, language: str) -> None:
        """A changed language takes effect when the article is re-split: offer it now."""
        from factcheck_app.domain.languages import language_name

        answer = ask(
            self._window,
            "Re-split Article",
            f"The article is now marked as {language_name(language)}. Its sentences were "
            "split before the change.\n\nRe-split it in that language now?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
            labels={
                QMessageBox.StandardButton.Yes: "Re-split Now",
                QMessageBox.StandardButton.No: "Later",
            },
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._window.edits.resplit_article()
