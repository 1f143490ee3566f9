"""File → Save a Copy… (Ctrl+Shift+S): a whole copy of the open workspace to hand over
(docs/team.md, "Handing a workspace over"), made beside the window as Back Up Now's
backup is, told in the status bar when saved; File → Stop Saving the Copy (in Cancel Running
Work when other work runs too) stops it, leaving nothing.

Before, handing over an open workspace meant Back Up Now and copying the backup out of
the backups folder, named `workspace-20261206-031500Z-manual.fcdesk`.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from factcheck_app import config
from factcheck_app.domain.printable import shown_file_name
from factcheck_app.domain.wording import counted
from factcheck_app.gui import disk_look, settings
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.local_files import path_from_qt, qt_name
from factcheck_app.gui.messages import STATUS_LONGEST, STATUS_RESULT, ask, guarded, inform

if TYPE_CHECKING:  # run_gui paints the window before it imports the services
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.upkeep import BackgroundCopy

TITLE = "Save a Copy"


class SaveCopyController(QObject):
    """Choose where, ask before replacing, copy beside the window, tell how it ended."""

    _ended = Signal(object)  # the BackgroundCopy, from its thread

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._copy: BackgroundCopy | None = None
        self._said = ""  # the "Saving a copy…" line shown for the copy running
        # Typed text was waiting, not saved (a full disk) as the copy began: not in it.
        self._without_typed = False
        # An import was bringing articles in as the copy began: those still to come are not
        # in it. "Hand it over" was said all the same.
        self._during_import = False
        self._ended.connect(self._tell)

    def running(self) -> bool:
        return self._copy is not None

    @guarded
    def save_a_copy(self) -> None:
        """File → Save a Copy…: the chooser (in the folder of the last copy, else of the
        last export, offered "ana – Ana Ruiz 2026-12-06.fcdesk"), then the copy made
        beside the window."""
        from factcheck_app.services.upkeep import copy_file_name, workspace_held_at

        window = self._window
        desk = window.desk
        status = window.statusBar()
        if desk.path is None or desk.closed:
            status.showMessage(
                "This workspace cannot be copied: its file is not open here.", STATUS_RESULT
            )
            return
        if self._copy is not None:
            status.showMessage(
                f"A copy is being saved as {shown_file_name(self._copy.target.name)}: wait for "
                "it, or stop it (File → Stop Saving the Copy).",
                STATUS_RESULT,
            )
            return
        window.panel.flush_pending_text()  # what is being typed goes into the copy
        # Where the last copy went; the first starts in the last export's folder.
        start = _start_folder()
        # Text, as Qt reads it: the workspace's name spelled as Qt spells it, not as bytes
        # (in a locale that is not UTF-8 a copy of Rédaction.fcdesk was "RÃ©daction – …").
        offered = copy_file_name(Path(qt_name(desk.path)), desk.reviewer, dt.date.today())
        name, _ = QFileDialog.getSaveFileName(
            window,
            TITLE,
            os.path.join(qt_name(start), offered),
            f"Workspaces (*{config.WORKSPACE_SUFFIX});;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,  # asked below, in our words
        )
        if not name:
            return
        target = path_from_qt(name)
        if not target.suffix:
            target = target.with_suffix(config.WORKSPACE_SUFFIX)
        # Looked at off the window's thread: the file chosen is often on a network share,
        # and one that stopped answering (a VPN dropped) froze the window for minutes.
        upkeep, ours = desk.upkeep, desk.upkeep.workspace_id()

        def look() -> tuple[str | None, tuple[bool | None, int] | None, bool]:
            problem = upkeep.copy_target_problem(target)
            there = problem is None and os.path.lexists(target)
            return problem, (workspace_held_at(target, ours) if there else None), there

        try:
            problem, held, replace = disk_look.waited(target.parent, look)
        except disk_look.NoAnswer:
            inform(
                window,
                TITLE,
                f"No copy was made: the folder {target.parent} does not answer (a network "
                "share not connected, or very slow?). Save the copy in another folder, or "
                "try again once it answers.",
                warning=True,
            )
            return
        if problem is not None:
            inform(window, TITLE, f"No copy was made: {problem}", warning=True)
            return
        if replace and not self._may_replace(target, held):
            return
        settings.remember_folder(settings.COPY_FOLDER, target.parent)
        # Flushed again: the chooser may have stayed open long enough for room to be made.
        window.panel.flush_pending_text()
        self._without_typed = window.panel.has_pending_text()
        self._during_import = window.imports.running()
        self._copy = desk.upkeep.start_copy(target, self._ended.emit, replace=replace)
        window.registry[ActionId.CANCEL_COPY].setEnabled(True)
        shown = shown_file_name(desk.path.name)
        self._said = f"Saving a copy of {shown}… (File → Stop Saving the Copy stops it)"
        status.showMessage(self._said, STATUS_LONGEST)

    def _may_replace(self, target: Path, held: tuple[bool | None, int] | None) -> bool:
        # A workspace there is said to be one, and whose (`held`: Upkeep.replaced_workspace):
        # "What it holds now" was said of a colleague's whole workspace as of any file.
        there = (
            f"{shown_file_name(target.name)} is already there, in {shown_file_name(target.parent)}"
        )
        lost = "What it holds now is lost, unless it was merged here."
        if held is not None:
            same, articles = held
            of = counted(articles, "article")
            if same is None:  # a workspace of 0.1.0, which had no id
                there += f": a workspace, of {of}"
            elif same:
                there += f": a copy of this workspace, of {of}"
                lost = "What was done in it since it was copied is lost, unless it was merged here."
            else:
                there += f": another workspace, of {of}, not a copy of this one"
                lost = "Its work is lost, unless it was merged here."
        answer = ask(
            self._window,
            TITLE,
            f"{there}.\n\nReplace it with a copy of this workspace? {lost}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
            warning=True,
            labels={QMessageBox.StandardButton.Yes: "Replace"},
        )
        return answer == QMessageBox.StandardButton.Yes

    def finishing_line(self) -> str | None:
        """What the close says while it lets a copy being saved finish (it was asked for)
        and waits for it (None: no copy runs); the close shows it with a busy pointer,
        painted before the wait. The window stayed up answering nothing, without a word
        of why, and then with an arrow for a pointer as if it had done."""
        if self._copy is None:
            return None
        name = shown_file_name(self._copy.target.name)
        self._said = f"Finishing the copy {name} before the workspace closes…"
        return self._said

    def given_up(self, copy: BackgroundCopy) -> None:
        """The close left `copy` behind, stuck on a folder that does not answer
        (`Upkeep.stop_copy`; the window says so): no longer this window's. Kept, it
        refused every Save a Copy… of the workspace opened next ("A copy is being saved
        as …: wait for it") until the share answered, and that workspace's close said it
        finished it. Its end, if it ever comes, is not told (`_tell`)."""
        if copy is self._copy:
            self._copy, self._said = None, ""
            self._window.registry[ActionId.CANCEL_COPY].setEnabled(False)

    def stop(self) -> None:
        """File → Stop Saving the Copy: it stops between two of its
        steps, and nothing of it is left (told when its thread has ended)."""
        if self._copy is not None:
            self._copy.cancel()

    @guarded
    def _tell(self, copy: BackgroundCopy) -> None:
        if copy is not self._copy:
            return  # of a workspace closed since
        self._copy = None
        said, self._said = self._said, ""
        window = self._window
        window.registry[ActionId.CANCEL_COPY].setEnabled(False)
        status = window.statusBar()
        if copy.cancelled:
            status.showMessage("Copy stopped: nothing of it was left.", STATUS_RESULT)
        elif copy.error is not None or copy.made is None:
            # Only its own line goes: one shown since (a key's answer, a notice owed the
            # reviewer) stays. Cleared, an owed notice was taken as read and never back.
            if status.currentMessage() == said:
                status.clearMessage()
            inform(window, TITLE, copy.error or "No copy was made.", warning=True)
        else:
            made = copy.made
            # The name first: a 1024-pixel status bar cuts a long folder off.
            said = f"Copy saved as {shown_file_name(made.name)}, in {shown_file_name(made.parent)}"
            if self._without_typed:
                # "Hand it over" said nothing of the explanation still in its field.
                said += (
                    ", WITHOUT the text you typed that is not saved yet (see the review "
                    "panel): save a copy again once it is saved."
                )
            elif self._during_import:
                said += (
                    ", WITHOUT the articles still being imported: save a copy again once the "
                    "import has finished."
                )
            else:
                said += ": hand it over; it merges back."
            status.showMessage(said, STATUS_LONGEST)


def _start_folder() -> Path:
    """Where the chooser starts: the last copy's folder, else the last export's, while it
    is there and can be written, else Documents or home. Each looked at off the window's
    thread (`disk_look.folder_offered`): either is often on a network share, and one that
    stopped answering (a VPN dropped) froze the window at File → Save a Copy… for
    minutes; offered elsewhere, as Qt's chooser would only freeze there."""
    return disk_look.folder_offered((settings.COPY_FOLDER, settings.EXPORT_FOLDER))[0]
