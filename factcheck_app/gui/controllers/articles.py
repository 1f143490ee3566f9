"""The open article as a whole: its export and its properties (title, date, language…)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.printable import shown_file_name
from factcheck_app.domain.wording import counted
from factcheck_app.gui import disk_look, settings
from factcheck_app.gui.controllers.guards import (
    offered_if_article_gone,
    require_article,
    shown_as_saved_if_changed,
    typed_text_waiting,
    writable,
)
from factcheck_app.gui.local_files import url_of
from factcheck_app.gui.messages import STATUS_LONG, STATUS_RESULT, ask, guarded, inform

if TYPE_CHECKING:
    from factcheck_app.gui.controllers.merge import MergeOutcome
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
        article_id = require_article(window)
        if article_id is None:
            return
        # A re-split or a merge writing in its worker (before its note shows, the window
        # takes keys): the dialog read the article as it was before, and Export, pressed
        # once it had ended, wrote the old sentences out as the report.
        if window.merging.refuse_while_merging("export"):
            return
        window.panel.flush_pending_text()
        # Imported here: the report modules (and Word's) cost ~45 ms, not worth it at start-up.
        from factcheck_app.gui.dialogs.export import ExportDialog
        from factcheck_app.gui.dialogs.form_parts import run_dialog

        dialog = ExportDialog(window.desk, article_id, window)
        # Modal, but the workspace changes under it all the same: *All articles (41)* said
        # 41 after one was removed, and ClaimReview's findings named the article gone.
        window.workspace.articles_changed.connect(dialog.follow_workspace)
        # A verdict saved by another program or this window's worker: the summary and the
        # report follow it (`follow_saves`).
        window.workspace.saves_seen.connect(dialog.follow_saves)
        # What the end of every article's export could not put in the log file (a
        # read-only home): kept whole where the reviewer can read it again and copy it.
        dialog.kept_whole.connect(window.message_log.keep)
        if run_dialog(dialog) and dialog.exported_path is not None:
            # Saying the key here is how a reviewer learns there is one; it comes before
            # the folder, which can be long enough to run past the window's edge.
            path = dialog.exported_path
            folder = shown_file_name(path if dialog.exported_note is not None else path.parent)
            if dialog.exported_note is not None:  # every article, into a folder
                said = f"{dialog.exported_note} (Ctrl+Shift+E opens the folder), in {folder}"
            else:
                name = shown_file_name(path.name)
                said = f"Exported to {name} (Ctrl+Shift+E opens it), in {folder}"
            if dialog.settings_not_kept is not None:
                said += f". {dialog.settings_not_kept}"
            window.statusBar().showMessage(said, STATUS_RESULT)

    @guarded
    def open_last_export(self) -> None:
        """File → Open Last Export: the file the last export wrote, in the desktop's program
        for it (to read it over, print it or attach it), without hunting for its folder;
        after an export of every article, their folder in the file manager."""
        window = self._window
        path = settings.last_export()
        if path is None:
            window.statusBar().showMessage(
                "Nothing exported yet: Ctrl+E exports a report.", STATUS_RESULT
            )
            return
        name, folder = shown_file_name(path.name), shown_file_name(path.parent)
        try:
            # Off the window's thread: the report is often on a network share, and one
            # gone (a VPN dropped) held the window here for minutes, deaf to every key.
            kind = disk_look.waited(path.parent, partial(_file_or_folder, path))
        except disk_look.NoAnswer:
            inform(
                window,
                "Open Last Export",
                f"The last export, {name}, is in the folder {folder}, which does not answer "
                "(a network drive or USB stick gone?): connect it again and try again, or "
                "Ctrl+E exports the report again elsewhere.",
                warning=True,
            )
            return
        except PermissionError:
            # Its folder's rights changed (a colleague's, a share): Path.is_file raised,
            # and the desk's bare error box said "Permission denied: …/report.html".
            inform(
                window,
                "Open Last Export",
                f"The last export, {name}, cannot be reached: you have no permission "
                f"to open the folder {folder}. Ctrl+E exports the report again.",
                warning=True,
            )
            return
        if kind is None:
            inform(
                window,
                "Open Last Export",
                f"The last export, {name}, is no longer in {folder}: it was moved "
                "or deleted. Ctrl+E exports the report again.",
                warning=True,
            )
            return
        from PySide6.QtGui import QDesktopServices  # on use: its import costs start-up

        if not QDesktopServices.openUrl(url_of(path)):
            # After All articles it is their folder: called a file, it was looked for as one.
            said = (
                f"No file manager on this computer could open the folder {name}, where the "
                "last export put its reports. The folder is:\n"
                if kind == "folder"
                else f"No program on this computer could open {name}. The file is:\n"
            )
            inform(window, "Open Last Export", said + shown_file_name(path), warning=True)

    @guarded
    def remove_article(self) -> None:
        """File → Remove Article…: take out the open article, when nothing was recorded on
        it (a wrong file, a paste by mistake); asked first, and Ctrl+Z brings it back."""
        window = self._window
        article_id = require_article(window)
        if article_id is None or not writable(window):
            return
        window.panel.flush_pending_text()  # typed text is recorded work: it keeps the article
        rows = window.sentence_model.rows()
        if typed_text_waiting(window, [row.sentence.id for row in rows], "Remove Article"):
            return
        desk = window.desk
        why = desk.articles.removal_refusal(article_id)
        if why is not None:
            inform(window, "Remove Article", why)
            return
        # The list's own entry: article_summary lists every article again (a year's
        # workspace: 5,000 of them) to find this one.
        model = window.article_model
        row = model.row_of(article_id)
        summary = model.article_at(row)
        sentences = counted(summary.sentence_count, "sentence")
        if apart := model.told_apart(row):  # which of the articles under that title
            sentences += f", {apart}"
        answer = ask(
            window,
            "Remove Article?",
            f"Remove “{summary.title}” ({sentences}) from this workspace?\n\n"
            "Nothing has been recorded on it. Ctrl+Z brings it back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
            labels={QMessageBox.StandardButton.Yes: "Remove"},
        )
        if answer == QMessageBox.StandardButton.Yes:
            near = self._found_beside(article_id)
            desk.articles.remove_article(article_id)  # opens the article beside it
            self._open_found(near)

    def _found_beside(self, article_id: int) -> list[int]:
        """The other articles the list shows while words or a state narrow it, those
        after `article_id` first, then those before it, nearest first (none when it lists
        every article, or leaves this one out)."""
        found = self._window.article_filter
        row = found.index_of(article_id).row() if found.filtering() else -1
        if row < 0:
            return []
        after = range(row + 1, found.rowCount())
        return [
            other
            for at in (*after, *range(row - 1, -1, -1))
            if (other := found.article_id_at(at)) is not None
        ]

    def _open_found(self, near: list[int]) -> None:
        """After a removal from the articles found: the nearest of `near` still listed
        opened. The workspace's neighbour opened by the removal, one the words typed left
        out, left the list with none current, the next article found hundreds away."""
        window = self._window
        found = window.article_filter
        if not near or window.article_id is None or found.index_of(window.article_id).isValid():
            return
        listed = next((other for other in near if found.index_of(other).isValid()), None)
        if listed is not None:
            window.open_article(listed)

    @guarded
    def edit_properties(self) -> None:
        window = self._window
        # The article the dialog is for: another may open while it is up (an import ends).
        article_id = require_article(window)
        if article_id is None or not writable(window):
            return
        # Imported when first asked for (languages, URLs): the window paints without them.
        from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog
        from factcheck_app.gui.dialogs.form_parts import run_until_saved
        from factcheck_app.services.articles import PropertiesChangedMeanwhile

        before = window.desk.articles.article_metadata(article_id)
        dialog = ArticlePropertiesDialog(before, window)
        # A change the workspace refuses (a full disk) brings the dialog back as typed;
        # the article taken away meanwhile, it closes, the typed text offered to copy.
        gone = offered_if_article_gone(
            window, article_id, "The article's properties", dialog.typed_texts
        )

        # The properties as the dialog showed them: a field left so keeps what another
        # program saved meanwhile (its author or date was written over, unsaid); refused
        # for a field both changed, the next OK saves hers over it, as the box says.
        shown = [before]

        def save() -> None:
            # Refused as changed or gone meanwhile: the window shows the workspace as saved
            # (it went on listing an article another program had taken away).
            with shown_as_saved_if_changed(window):
                try:
                    window.desk.articles.update_article_metadata(
                        article_id, dialog.metadata(), shown=shown[0]
                    )
                except PropertiesChangedMeanwhile as refused:
                    shown[0] = refused.over
                    # The fields she left show what is saved, as her next OK keeps it.
                    dialog.show_as_saved(refused.now, refused.left)
                    raise

        saved = run_until_saved(dialog, save, window, refused_for_good=gone)
        # The list and the title are shown anew by the edit itself (and by its Ctrl+Z).
        # Against the language as last shown: one another program saved, shown after a
        # refusal and left so, is not hers, and was offered to re-split in as if chosen.
        if saved and dialog.language() not in ("", shown[0].language):
            self._offer_resplit_in(article_id, dialog.language())

    def _offer_resplit_in(self, article_id: int, language: str) -> None:
        """A changed language takes effect when the article is re-split: offer it now.
        Later, or a re-split then refused (a conflict, Cancel on "Re-split anyway?"):
        the status bar says the language was kept over the old split, and how to
        re-split (before, nothing did)."""
        from factcheck_app.domain.languages import language_name
        from factcheck_app.services.boundaries import NothingToResplit, ResplitEndsAConflict

        window = self._window
        kept = (
            f"Language set to {language_name(language)}; the sentences are still split as "
            "before: Edit → Re-split Article…"
        )
        answer = ask(
            window,
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
        if answer != QMessageBox.StandardButton.Yes:
            window.statusBar().showMessage(f"{kept} splits them anew.", STATUS_LONG)
            return
        merging = window.merging

        def not_resplit(error: FactcheckError | None) -> None:
            if isinstance(error, NothingToResplit):
                return  # no sentence would change: said, and nothing is to be done later
            # Short enough for the status bar of a 1024 px window, with its count.
            conflict = isinstance(error, ResplitEndsAConflict)
            later = "once the conflicts are decided" if conflict else "splits them anew"
            window.statusBar().showMessage(f"{kept} {later}.", STATUS_LONG)

        def done(outcome: MergeOutcome) -> None:
            merging.finished.disconnect(done)
            if not outcome.pushed:
                not_resplit(outcome.error)

        if window.desk.path is None:  # in memory (tests only): run here, as ever
            window.edits.resplit_article()
            return
        merging.finished.connect(done)  # the re-split runs in a worker: told at its end
        window.edits.resplit_article()
        if not merging.running:  # refused before it began (and said)
            merging.finished.disconnect(done)
            not_resplit(None)


def _file_or_folder(path: Path) -> str | None:
    """ "file" or "folder", as `path` is (None: neither is there). PermissionError when its
    folder may not be entered. Looks at the disk: off the window's thread."""
    if path.is_file():
        return "file"
    return "folder" if path.is_dir() else None
