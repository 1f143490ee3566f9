"""The open workspace: open another, the recent ones, back up, restore, check; and what
other programs (or this window's import) saved into it meanwhile."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from factcheck_app import config
from factcheck_app.domain import review_rules
from factcheck_app.domain.errors import (
    FactcheckError,
    TemporaryFolderFull,
    WorkspaceFull,
    WorkspaceInUse,
)
from factcheck_app.domain.printable import shown_file_name, shown_line
from factcheck_app.gui import disk_look, settings
from factcheck_app.gui.actions import ActionId, first_key_text
from factcheck_app.gui.app import closing_on_signal
from factcheck_app.gui.controllers.guards import FOLDER_SILENT, refuse_while_busy
from factcheck_app.gui.local_files import real_path
from factcheck_app.gui.messages import (
    STATUS_LONG,
    STATUS_LONGEST,
    STATUS_RESULT,
    STATUS_WARNING,
    ask,
    guarded,
    inform,
    run_box,
)
from factcheck_app.gui.models import EDIT_CHARS, one_line
from factcheck_app.gui.workers import run_in_background
from factcheck_app.gui.workspace_strip import DISK_FULL, NOT_REOPENED, TEMPORARY_FULL

if TYPE_CHECKING:
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.copy_check import BackgroundCopyLook
    from factcheck_app.services.desk import Desk
    from factcheck_app.services.upkeep import BackgroundBackup, BackgroundCheck, CheckReport

# The way back from a restore: a backup made before it (Ctrl+Z cannot take it back).
RESTORE_TAKEN_BACK = "File → Restore from Backup, “before a restore”, takes it back."
NOTHING_SINCE_RESTORE = (
    f"Nothing to undo: the workspace was just restored from a backup. {RESTORE_TAKEN_BACK}"
)
# What Ctrl+Z says with nothing to undo (`nothing_to_undo`). The window starts each
# workspace it opens with an empty undo list, and opening one again does not bring its
# list back: the edits made before are saved, but out of Ctrl+Z's reach.
NOTHING_TO_UNDO = "Nothing to undo."
NOTHING_SINCE_OPENED_AGAIN = (
    "Nothing to undo: Ctrl+Z does not take back edits made before {name} was opened again."
)
NOTHING_OF_THE_OTHER = (
    "Nothing to undo here: Ctrl+Z does not take back your edits in {name}, "
    "even after opening it again."
)
NAME_ROOM_PX = 260  # a workspace's file name in those lines, cut in the middle: they fit 1024 px
WATCH_INTERVAL_MS = 1000  # how often the window looks for saves by other programs
# Seconds a look at a workspace's folder (`answering`) is taken for its answer by the open
# that follows it at a switch: longer, and a box was up between them.
LOOK_STILL_FRESH = 2.0
# How often a window left open looks whether its automatic backup is due (one listing of
# the backups folder). Qt's timers run on the monotonic clock: the clock put back an hour,
# or forward, never stops them.
BACKUP_LOOK_MS = 10 * 60 * 1000
# The notice of the look at a copy taken while open: "Checking…", then what it found.
COPY_LOOK_NOTICE = "copy look"
# How long the note of work stopped at logout waits for the look at the file of an export
# left running then (`gui_settings.export_said`): that file is on the drive whose write
# stalled, often a share still dead at the next start, where one `os.stat` does not answer
# for tens of seconds (a hard NFS mount: ever). Looked at in a worker thread; past this,
# the note says it cannot be told.
EXPORT_LOOK_WAIT_MS = 3_000


class WorkspaceController(QObject):
    """Which workspace the window shows, and keeping it in step with the file."""

    # The background backup's end, from its thread to the window's (queued).
    _backup_ended = Signal(object)
    # Check Workspace's progress and end, likewise.
    _check_progress = Signal(int, str)
    _check_ended = Signal(object)
    # The look at a copy taken while open (Desk.start_copy_look), likewise.
    _copy_look_progress = Signal(int, str)
    _copy_look_ended = Signal(object)
    # The look at the files of exports left running at logout, from its thread (queued):
    # the desk, the lines kept, and what each export tells (`_look_at_stopped_exports`).
    _exports_looked = Signal(object, object, object)
    copy_look_ended = Signal()  # told (tests and benches wait for it)
    # The article list was read again (another program's save, this window's import or
    # worker; `MainWindow.reload_articles`): a dialog open over it that counts them (File →
    # Export…) counts again.
    articles_changed = Signal()
    # Another connection committed since the last look (another program, this window's
    # worker): a dialog open over the window that shows what is saved (File → Export…'s
    # summary and report) looks whether an edit was recorded.
    saves_seen = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._backup_ended.connect(self._tell_backup)
        self._exports_looked.connect(self._tell_stopped)
        self._export_look: object | None = None  # the look whose answer is awaited
        self._check: BackgroundCheck | None = None
        self._check_progress.connect(self._show_check_progress)
        self._check_ended.connect(self._tell_check)
        self._copy_look: BackgroundCopyLook | None = None
        self._copy_look_progress.connect(self._show_copy_look_progress)
        self._copy_look_ended.connect(self._tell_copy_look)
        # Other programs' saves (a writer while this window is read-only, this window's own
        # background import): noticed by SQLite's data_version, shown without reopening.
        self._data_version = 0
        self._told_lock_taken: Desk | None = None  # whose lock another program took
        # Why Ctrl+Z has nothing to undo in the desk named (opened by a restore, or in
        # place of one with edits it could take back), and the workspaces left so.
        self._nothing_to_undo: tuple[Desk, str] | None = None
        self._left_with_edits: set[Path] = set()
        # A read-only window reading without a stray -wal whose file another program
        # changed since, or whose file was replaced by another: told once
        # (`_tell_changed_while_read`, `_tell_replaced_while_read`).
        self._told_changed: Desk | None = None
        # The open workspace's folder, looked at off the window's thread before each of
        # the window's looks at its files (its network share may stop answering).
        self._folder_watch = disk_look.FolderWatch()
        self._watch_timer = QTimer(self, interval=WATCH_INTERVAL_MS)
        self._watch_timer.timeout.connect(self.check_outside_changes)
        self._backup_timer = QTimer(self, interval=BACKUP_LOOK_MS)
        self._backup_timer.timeout.connect(self.back_up_if_due)
        if window.has_desk():  # else from attach(), once run_gui has opened the workspace
            self._data_version = window.desk.data_version()
            self._watch_timer.start()
            self._backup_timer.start()
        self.recent_menu = QMenu("Open &Recent Workspace", window)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def open_dialog(self) -> None:
        from factcheck_app.gui.workspace_opener import choose_workspace

        path = choose_workspace(self._window, self._window.desk.path)
        if path is not None:
            self.switch_workspace(path)

    def _fill_recent_menu(self) -> None:
        desk, menu = self._window.desk, self.recent_menu
        menu.clear()
        current = self._open_real_path()
        # The one open, when read-only: opened again for editing (_open_again_for_editing);
        # when its disk went or its file was replaced: opened again through a connection
        # of its own, as the refusal tells the reviewer to do here (`switch_workspace`).
        again = desk.read_only or desk.stopped or desk.disk_failed
        paths = [Path(entry) for entry in settings.recent_workspaces()]
        # Looked at off the window's thread, all in one bounded wait: one kept on a network
        # share that stopped answering (a VPN dropped) froze the window as the menu opened.
        there = disk_look.waited_each(paths, os.path.exists)
        for path in paths:
            # "&&": a folder "News & Politics" was listed as "News _Politics" (an Alt key).
            shown = shown_file_name(str(path)).replace("&", "&&")
            answered = there[path]
            if isinstance(answered, disk_look.NoAnswer):
                # Still listed (it is hers, and will answer again), greyed, said why.
                menu.addAction(f"{shown} (not answering)").setEnabled(False)
                continue
            action = menu.addAction(shown)
            action.setEnabled((path != current or again) and answered)
            action.triggered.connect(partial(self._open_recent, path))
        if menu.isEmpty():
            menu.addAction("No recent workspaces").setEnabled(False)

    def _open_real_path(self) -> Path | None:
        """Where the open workspace's file really is (its links followed), looked at off
        the window's thread; None when it has no file, or its folder does not answer (it
        is then not the workspace another open looks at: that one's folder answered).
        Its share gone dead (a VPN dropped), File → Open Recent Workspace and every open
        of another froze the window for minutes, looking at it."""
        path = self._window.desk.path
        if path is None:
            return None
        try:
            return disk_look.waited_at(path, partial(real_path, path))
        except disk_look.NoAnswer:
            return None

    def _open_recent(self, path: Path) -> None:
        """File → Open Recent Workspace: `path` was there as the menu showed. Gone since
        (deleted or moved in the moments before the click: a sync tool replacing it, a
        colleague tidying the shared folder), the open made a new, empty workspace in its
        place without a word. The one open, moved or replaced, is opened again as ever."""
        try:
            # Off the window's thread: its share answered as the menu showed, and may have
            # stopped since (the open itself is made on the window's thread).
            found, there = disk_look.waited(path, lambda: (real_path(path), os.path.lexists(path)))
        except disk_look.NoAnswer:
            self._window.statusBar().showMessage(
                f"{self._shown_name(path)} does not answer: its drive (a network share?) is "
                "not answering, so nothing was opened. Reconnect it, then try again.",
                STATUS_WARNING,
            )
            return
        is_open = found == self._open_real_path()
        if not is_open and not there:
            self._window.statusBar().showMessage(
                f"{self._shown_name(path)} is not there any more (moved or deleted?): "
                "nothing was opened.",
                STATUS_WARNING,
            )
            return
        self.switch_workspace(path)

    def switch_workspace(self, path: Path) -> None:
        """Close the current workspace and open another (asking if anything is wrong)."""
        window = self._window
        from factcheck_app.gui.workspace_opener import answering, open_desk, tell_unconfirmed

        # Its folder looked at off the window's thread first (`real_path` below, the open
        # after it): one on a network share that stopped answering froze the window for
        # minutes. Not answering: said, another offered; None: nothing opened.
        chosen = answering(path, window)
        if chosen is None:
            return
        path, looked_at = chosen, time.monotonic()
        # The workspace's file moved or replaced, or its disk gone (a USB stick pulled
        # out): opened again, the same one too, through a connection of its own.
        stopped = window.desk.stopped or window.desk.disk_failed
        if real_path(path) == self._open_real_path():
            if window.desk.read_only:
                self._open_again_for_editing(path)
            elif not stopped:
                # Chosen again to be sure of the file: nothing happened, without a word.
                window.statusBar().showMessage(
                    f"{self._shown_name(path)} is already open here.", STATUS_RESULT
                )
            if not stopped:
                return
        if refuse_while_busy(window, "open another workspace"):
            return
        # Still being composed in a field (the file opened from the file manager, the
        # focus left there): put in now, on this workspace's sentence it was typed on.
        window.panel.finish_composing()
        # Text typed since a move, a replacement or its disk going could not be saved, nor
        # ever will be here: it goes with the window (`_carry_text`), never asked to be
        # thrown away.
        if not stopped and self.keep_unsaved_text("Open the other workspace"):
            return
        if stopped:
            from factcheck_app.services import workspace_files

            # Else a new, empty workspace would be made there, or the lost file opened.
            if window.desk.stopped:  # False, not PermissionError, in a folder now closed
                there = os.path.exists(path)
            else:
                there = workspace_files.can_open_again(path)
            if not there:
                inform(
                    window,
                    "Workspace not there",
                    f"{path} cannot be read (yet). Plug its USB stick back in, or reconnect "
                    "the network drive, then open it again (if it still cannot be read, quit "
                    "the desk and start it again).",
                    warning=True,
                )
                return
            # This process's next connection to that file would share the old one's index
            # of its -wal (SQLite keeps one per file; a stick plugged back in may give its
            # files the same numbers), so the old one is closed first. Nothing is lost:
            # what it held is in the file (or a copy), or on the stick.
            same_file = window.desk.stopped and window.desk.holds_file_at(path)
            where_typed = window.panel.pending_text()  # named while its article is shown
            typed = window.panel.take_pending_text()
            check_stopped = self.release()
        else:
            check_stopped, same_file, where_typed, typed = "", False, [], {}
        # Its folder answered above: not looked at again (a second worker thread, and on
        # a slow share a second wait), unless a box was up meanwhile (text not saved),
        # time enough for its share to go.
        looked = time.monotonic() - looked_at < LOOK_STILL_FRESH
        opened = open_desk(path, window, looked=looked)
        if opened is None and stopped:
            from factcheck_app.services.desk import Desk

            # The window must show a workspace; its banner says why it is read-only.
            opened = Desk.open(
                path, read_only=True, read_only_because=NOT_REOPENED, copy_look="later"
            )
        if opened is None:
            return
        if not stopped:  # given up when asked, and the other workspace is open now
            window.panel.discard_pending_text()
        check_stopped = self._set_desk(opened) or check_stopped
        if typed:
            self._carry_text(typed, where_typed, same_file and not opened.read_only)
        settings.remember_workspace(path)
        if check_stopped:
            window.statusBar().showMessage(check_stopped, STATUS_LONGEST)
        tell_unconfirmed(window, opened)

    def _carry_text(
        self,
        typed: dict[tuple[int, str], str],
        where_typed: list[tuple[str, str]],
        same_file: bool,
    ) -> None:
        """Text typed in a window whose file was moved or replaced, not saved there: saved
        now, as typed, into the same file opened where it is (moved, or moved back).
        Another file (put in its place by a sync tool, or another workspace) may give
        its sentence numbers to other sentences: never saved into it unasked, it is shown
        in a box to copy from. It never vanishes."""
        window = self._window
        if same_file:
            window.panel.keep_pending_text(typed)
            return
        self.show_text_not_saved(
            "Typed text not saved",
            "Text you typed could not be saved: the workspace file was moved or replaced, "
            "or its disk went away, while it was open. The workspace open now may number "
            "its sentences otherwise, so the text was not put into it:",
            where_typed,
        )

    def show_text_not_saved(
        self,
        title: str,
        why: str,
        where_typed: list[tuple[str, str]],
        then: str = "copy it from there into its field again.",
        *,
        while_typing: bool = False,
    ) -> None:
        """A box saying which fields' typed text was not saved, the text itself under Show
        Details to copy back (it is nowhere else); `then`: what to do with it;
        `while_typing`: it may come up at a pause in her typing (`inform`)."""
        inform(
            self._window,
            title,
            f"{why}\n\n"
            + "\n".join(
                f"  • Text you typed into {where} was not saved." for where, _ in where_typed
            )
            + f"\n\nIt is under Show Details: {then}",
            warning=True,
            details="\n\n".join(
                f"{where[0].upper()}{where[1:]}:\n{text}" for where, text in where_typed
            ),
            while_typing=while_typing,
        )

    def open_where_it_is(self) -> None:
        """The banner's button once the workspace file was moved or replaced while open
        (after "Later"), or its disk went away: open it where it is now (moved there, or
        back at its place; the file now at its place when replaced, or on the disk plugged
        back in), at the same sentence when it is the same file, or the same workspace (its
        id) back on its disk, with the text typed meanwhile."""
        window = self._window
        desk = window.desk
        if not (desk.stopped or desk.disk_failed) or desk.path is None:
            return
        # Its disk gone (a USB stick pulled out): at its place, once plugged back in (else
        # `switch_workspace` says it cannot be read yet); the text typed meanwhile shown to
        # copy, as the stick may come back as another disk.
        disk_gone = desk.disk_failed
        where = desk.path if disk_gone else desk.where_now() or desk.path
        same_file = desk.holds_file_at(where)
        place = self._place()
        status = window.statusBar()
        status.clearMessage()  # "no longer saves", from a key pressed before: said no more
        self.switch_workspace(where)
        if window.desk is desk or window.desk.stopped:
            return
        # A stick plugged back in is a new disk, never the same file: the same workspace
        # (its id) is the one that was on it. A file a sync tool put in its place may be
        # a copy of it changed elsewhere, whose numbers may be other articles: as any open.
        gone_and_back = disk_gone and desk.same_workspace(window.desk)
        if window.desk.path == where and (same_file or gone_and_back):
            self._back_at(place)
        # Not over what the opening said, but over the Show box gone back to "All
        # sentences" to show the place (`select_sentence`): that line alone kept this one
        # unsaid, and the reviewer told nothing saves was not told it saves again.
        said = status.currentMessage()
        if (not said or said == window.show_box_line) and not window.desk.read_only:
            shown = shown_file_name(str(where))
            status.showMessage(
                f"The workspace is open for editing here again: {shown}", STATUS_RESULT
            )

    def _open_again_for_editing(self, path: Path) -> None:
        """The read-only window's banner says "To edit, close it there and open the
        workspace again": File → Open Workspace (the banner's button) or Open Recent on
        this same workspace is how. It did nothing at all, as the workspace already open;
        the journalist had to quit the desk to edit. The article and sentence stay."""
        from factcheck_app.gui.workspace_opener import tell_unconfirmed
        from factcheck_app.services.desk import Desk

        window = self._window
        status = window.statusBar()
        try:
            opened = Desk.open(
                path,
                purpose="the desk window",
                backup=False,
                search_index="beside",
                copy_look="later",
                leftovers="beside",
            )
        except WorkspaceInUse as error:  # a box: the status bar cut the reason off
            inform(window, "Workspace in use", f"{error}\n\nIt stays open read-only here.")
            return
        except FactcheckError as error:
            inform(window, "Cannot open the workspace for editing", str(error), warning=True)
            return
        if opened.read_only:  # read-only for another reason: a read-only file, a newer desk
            notices = " ".join(opened.notices) or "It can only be read here."
            opened.close()
            status.showMessage(notices, STATUS_LONGEST)
            return
        place = self._place()
        check_stopped = self._set_desk(opened)
        self._back_at(place)
        opened_here = "The workspace is open for editing here now."
        if check_stopped:
            status.showMessage(f"{check_stopped} {opened_here}", STATUS_LONGEST)
        else:
            status.showMessage(opened_here, STATUS_RESULT)
        tell_unconfirmed(window, opened)

    def _note_edits_left(self, left: Desk, with_edits: bool, opened: Desk) -> None:
        """`opened` took the place of `left` (`with_edits`: Ctrl+Z could take some back
        there): Ctrl+Z with nothing to undo says those edits are out of its reach (the
        journalist may think the last one can still be taken back), and in a workspace
        left so and opened again, that its edits before are."""
        if with_edits and left.path is not None:
            self._left_with_edits.add(real_path(left.path))
            if left.moved_to is not None:  # "Open It There": the same workspace, moved
                self._left_with_edits.add(real_path(left.moved_to))
        why = ""
        if opened.path is not None and real_path(opened.path) in self._left_with_edits:
            why = NOTHING_SINCE_OPENED_AGAIN.format(name=self._shown_name(opened.path))
        elif with_edits and left.path is not None:
            why = NOTHING_OF_THE_OTHER.format(name=self._shown_name(left.path))
        self._nothing_to_undo = (opened, why) if why else None
        self._window.edits.update_undo_actions()

    def _shown_name(self, path: Path) -> str:
        """A workspace's file name in a status bar line, cut in the middle when long."""
        name = shown_file_name(path.name)
        metrics = self._window.statusBar().fontMetrics()
        return metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, NAME_ROOM_PX)

    def nothing_to_undo(self) -> str:
        """What Ctrl+Z says with nothing to undo in the open workspace: why, when edits
        made before in this window are out of its reach (a restore, another workspace
        opened), else that there is nothing."""
        if self._nothing_to_undo is not None and self._nothing_to_undo[0] is self._window.desk:
            return self._nothing_to_undo[1]
        return NOTHING_TO_UNDO

    def keep_unsaved_text(self, action: str) -> bool:
        """Save typed text now; when some cannot be saved (a full disk), ask whether to
        `action` all the same and lose it. True: stay, the text kept for its retry.

        Kept text belongs to this workspace's sentences: it must never be retried into
        another workspace (or a restored one), where the same sentence number is another
        sentence. Given up here, it is still in the panel: the caller drops it
        (`panel.discard_pending_text`) once `action` is sure to be taken, not before. Dropped
        at the answer, the restore then cancelled in its dialog (or the workspace that
        would not open, the quit kept for an import) left the text gone from a window that
        went on as before: no longer "Not saved", lost on the move to another sentence."""
        panel = self._window.panel
        with self._window.edits.question_follows() as unsaid:
            panel.flush_pending_text()
        if closing_on_signal():
            # Logging out while a box the saves brought up (text another program saved
            # over, to copy) was up closed it: nobody is there to be asked, and the desk
            # waited on the question until the session killed it. Kept (the caller keeps
            # it for the next start), the step not taken. Looked at before whether text
            # still waits: the window the signal closed kept it and let it go, and Open
            # Workspace went on, the other workspace made the one the next start opened.
            return True
        if not panel.has_pending_text():
            return False
        too_long = f"too long to save (a field may hold {review_rules.LONGEST_TEXT:,} characters)"
        if not panel.has_too_long_text() and not panel.has_text_to_retry():
            # Only text typed over a field another program saved meanwhile: no disk to blame.
            why = (
                "Text you typed is still in its field, NOT saved: another program saved "
                "that field meanwhile, and yours waits for you to change it."
            )
        elif not panel.has_too_long_text() and self._folder_watch.waiting():
            why = (
                "Text you typed could not be saved (the workspace's folder does not answer) "
                "and is still in its field, to be saved when it answers."
            )
        elif not panel.has_too_long_text():
            why = (
                "Text you typed could not be saved (the disk may be full) and is still in "
                "its field, to be saved when it can."
            )
        elif panel.has_text_to_retry():  # both: a reviewer told one cause fixes only it
            why = (
                f"Text you typed could not be saved and is still in its field: some is "
                f"{too_long}, to be shortened; the rest is saved when it can (the disk may "
                "be full)."
            )
        else:  # kept until shortened: no disk to blame
            why = (
                f"Text you typed is {too_long} and is still in its field, NOT saved: "
                "shorten it and it is saved."
            )
        if panel.has_text_typed_over() and (panel.has_too_long_text() or panel.has_text_to_retry()):
            # Beside another cause: said alone, the reviewer who shortened the text (or
            # made room) and quit lost this text, which neither saves.
            why += (
                " Text typed over a field another program saved meanwhile waits too, NOT "
                "saved until you change it."
            )
        # Why the disk refused it, in the words its own box said before the question.
        cause = "".join(f"\n\n{words}" for words in unsaid)
        answer = ask(
            self._window,
            "Typed text not saved",
            f"{why}{cause}{chr(10) * 2 if cause else ' '}{action} all the same and lose that text?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
            warning=True,
            labels={QMessageBox.StandardButton.Discard: "Discard the Text"},
        )
        return answer != QMessageBox.StandardButton.Discard

    def keep_unsaved_text_for_next_start(self) -> None:
        """Quitting on a signal (logging out, `kill`), nobody there to be asked: typed text
        that still cannot be saved is kept in the settings, and shown in a box the next
        time this workspace is opened for editing (`_tell_stopped_work`). Never saved
        into it unasked: its sentence may have changed meanwhile."""
        window = self._window
        panel = window.panel
        if not window.has_desk() or window.desk.closed or window.desk.path is None:
            return  # closed already: by the close the signal made during a question
        panel.flush_pending_text()  # the disk may have room by now
        if not panel.has_pending_text():
            return
        texts = panel.pending_text()
        settings.note_unsaved_text(window.desk.path, texts)
        logging.getLogger(__name__).warning(
            "Quitting on a signal: %d typed text(s) not saved, kept for the next start",
            len(texts),
        )
        panel.discard_pending_text()

    def _place(self) -> tuple[int | None, int | None]:
        """The article and sentence shown, to show again once the same workspace is
        opened anew (for editing, read again, or where it was moved to)."""
        return self._window.article_id, self._window.current_sentence_id()

    def _back_at(self, place: tuple[int | None, int | None]) -> None:
        """Show `place` (`_place`) again, when the workspace opened anew still has it."""
        article, sentence = place
        window = self._window
        if article is not None and window.article_model.row_of(article) >= 0:
            window.open_article(article, sentence)

    def _set_desk(self, desk: Desk) -> str:
        """Show `desk` in place of the open one; what `release` says of a check stopped."""
        left = self._window.desk
        left_with_edits = bool(left.edits.undo_text())  # a close leaves the list as it was
        check_stopped = self.release()
        self.attach(desk)
        self._note_edits_left(left, left_with_edits, desk)
        return check_stopped

    def attach(self, desk: Desk) -> None:
        """Show `desk` (the window has none open: at start-up, or after `release`), then
        make its automatic backup, if due, in the background."""
        self._data_version = desk.data_version()
        self._window.team.keep_name_in(desk)  # a name given in Preferences holds
        self._window.show_desk(desk)
        self._watch_timer.start()
        self._backup_timer.start()
        if desk.path is not None:  # over the window, once it is up (as a crash's edits)
            QTimer.singleShot(0, partial(self._tell_stopped_work, desk))
        desk.upkeep.start_backup_if_due(self._backup_ended.emit)
        self._window.index.start_if_due()
        self._window.removal.start_if_due()
        if desk.copy_look_due:
            self._start_copy_look(desk)

    def _tell_stopped_work(self, desk: Desk) -> None:
        """What logging out (or `kill`) stopped unfinished in this workspace last time:
        nobody was at the window then to be told. Not in a window open read-only, which
        could redo none of it: it is kept for the next window open for editing."""
        if desk is not self._window.desk or desk.closed or desk.path is None or desk.read_only:
            return
        if closing_on_signal():
            return  # quitting already: kept for the next start
        exports = settings.stopped_exports(desk.path)  # kept until told
        if exports:
            self._look_at_stopped_exports(desk, exports)
            return
        self._tell_stopped_now(desk, settings.take_stopped_lines(desk.path))

    def _look_at_stopped_exports(self, desk: Desk, exports: list[dict[str, Any]]) -> None:
        """Look at the files of the exports left running at logout in a worker thread,
        then tell (`_tell_stopped`): on the window's thread, a share still dead held the
        window as it came up, deaf to every key. Past EXPORT_LOOK_WAIT_MS, those not yet
        looked at are told as not known. All stays kept until told: the window closed
        meanwhile tells it at the next open."""
        said: list[str | None] = [None] * len(exports)
        look = object()
        self._export_look = look

        def look_at_them() -> None:
            for at, kept in enumerate(exports):
                said[at] = settings.export_said(kept)
            # The window freed while the drive did not answer: all is still kept.
            with contextlib.suppress(RuntimeError):  # "Signal source has been deleted"
                self._exports_looked.emit(look, desk, (exports, said))

        run_in_background(look_at_them, "stopped-export-look")
        QTimer.singleShot(
            EXPORT_LOOK_WAIT_MS,
            self,
            partial(self._exports_looked.emit, look, desk, (exports, said)),
        )

    def _tell_stopped(self, look: object, desk: Desk, found: object) -> None:
        """The look at the exports left running ended (or its wait did): tell, once."""
        if look is not self._export_look:
            return  # told already (the wait ended first, or the look did)
        self._export_look = None
        if desk is not self._window.desk or desk.closed or desk.path is None:
            return  # another open meanwhile: all still kept, for its look
        if closing_on_signal():
            return  # quitting: all still kept for the next start
        exports: list[dict[str, Any]]
        said: list[str | None]
        exports, said = found  # type: ignore[misc]
        lines = [
            settings.export_not_answered(kept) if line is None else line
            for kept, line in zip(exports, list(said), strict=True)
        ]
        stopped = settings.take_stopped_lines(desk.path)
        settings.take_stopped_exports(desk.path)  # told now (as looked at above)
        self._tell_stopped_now(desk, stopped + [line for line in lines if line])

    def _tell_stopped_now(self, desk: Desk, stopped: list[str]) -> None:
        """Tell the work stopped at the last logout, and the text not saved then."""
        assert desk.path is not None
        unsaved = settings.take_unsaved_text(desk.path)
        if stopped:
            inform(
                self._window,
                "Work stopped last time",
                "When the desk was last closed by logging out or shutting down (or by "
                "another program ending it), it stopped work that had not finished. Nothing "
                "of it was kept half-done.\n\n" + "\n".join(f"  • {line}" for line in stopped),
            )
        if unsaved and not closing_on_signal():
            self.show_text_not_saved(
                "Typed text not saved last time",
                "When the desk was last closed by logging out or shutting down (or by "
                "another program ending it), text you had typed could not be saved (the "
                "disk may have been full, or the text was too long to save):",
                unsaved,
            )
        if closing_on_signal():
            # Logged out again with a box up (it closed unread; a second one would wait
            # for nobody): kept again for the next start, or the text was gone for good.
            if stopped:
                settings.note_stopped_work(desk.path, stopped)
            if unsaved:
                settings.note_unsaved_text(desk.path, unsaved)

    def back_up_if_due(self) -> None:
        """The automatic backup of a window left open, once its last is over 4 hours old
        (in the background, as at the open). Only the open made one: a window open from
        Monday to Friday (a laptop put to sleep, never quit) had Monday's backup alone."""
        window = self._window
        if not window.has_desk():
            return
        desk = window.desk
        if desk.closed:
            return  # read-only, moved, its disk gone: the upkeep finds none due
        if self._folder_watch.in_flight():
            return  # its folder does not answer: listing its backups would freeze the window
        running = desk.upkeep.background
        if running is not None and running.running():
            return
        try:
            desk.upkeep.start_backup_if_due(self._backup_ended.emit)
        except (FactcheckError, OSError) as error:
            # A workspace that cannot be backed up now (its -wal deleted): that reached
            # the crash handler every 10 minutes. The next edit or look says what is
            # wrong, in words; the log keeps this. (Its backups folder is listed in the
            # backup's thread: on a share that stopped answering, the window froze.)
            logging.getLogger(__name__).warning("No automatic backup now: %s", error)

    def _tell_backup(self, backup: BackgroundBackup) -> None:
        """How a background backup ended: a failed automatic one in the status bar (it was
        a notice at open), the one asked for (Back Up Now) in a box if it failed."""
        window = self._window
        if backup.error and backup.reason == "manual":
            inform(window, "Back Up Now", backup.error, warning=True)
        elif backup.error:
            logging.getLogger(__name__).warning("Automatic backup: %s", backup.error)
            if _of_another(window, backup):
                return
            window.notices.tell(backup.error, STATUS_LONGEST)  # unasked: not over another
        elif backup.made is not None and backup.reason == "manual":
            note = backup.room_note()
            # The name first: it is what to look for to hand the workspace over (copy
            # the backup, not the open file), and a 1024-pixel status bar cut it off
            # after the folder ("…/workspace-backups/workspace-20261206-025249Z-manual.fcde").
            made = backup.made
            saved = f"Backup saved as {made.name}, in {made.parent}" + (
                f" ({note})" if note else ""
            )
            window.statusBar().showMessage(saved, STATUS_LONGEST if note else STATUS_WARNING)
        elif backup.made_room and not _of_another(window, backup):
            window.notices.tell(backup.room_note(), STATUS_LONGEST)

    def release(self) -> str:
        """Close the workspace cleanly and give up the writer's lock. A check running is
        stopped by the close, and its end no longer told: returns the line that says so
        ("" when none ran), for whoever opens the next workspace to show. One path for
        every way of closing it: each on its own dropped the check without a word. A Back
        Up Now the close gave up on (its backups folder silent) is said in it too."""
        check_stopped = ""
        if self._check is not None:
            self._end_check()
            desk = self._window.desk
            name = shown_file_name(desk.path.name) if desk.path else "the workspace"
            # Short: a longer line was cut off in a 1024-pixel window.
            check_stopped = f"Check Workspace of {name} stopped as it closed: nothing was changed."
        if self._copy_look is not None:
            self._end_copy_look()  # the desk's close stops its thread (it wrote nothing)
            desk = self._window.desk
            name = shown_file_name(desk.path.name) if desk.path else "the workspace"
            check_stopped = (
                f"The check of the copy {name} stopped as it closed: nothing was changed; "
                "it is checked at its next open."
            )
        self._window.index.stop()  # it goes on from there at the next open
        self._window.removal.stop()  # the rest stays hidden: the next open goes on with it
        if self._window.has_desk():  # none yet when the window closes while it opens
            waiting: list[str] = []  # each line said, with a busy pointer, while it waits
            try:
                copy_finishing = self._window.save_copy.finishing_line()
                if copy_finishing is not None:  # the close waits for it
                    self._say_while_closing(waiting, copy_finishing)
                self._say_backup_finishes(waiting)
                self._say_folder_awaited(waiting)
                self._window.desk.close(
                    on_wait=partial(self._say_close_waits, waiting),
                    on_backup_wait=partial(self._say_backup_awaited, waiting),
                )
                check_stopped = " ".join(filter(None, (self._backup_given_up(), check_stopped)))
                copy_given_up = self._window.desk.upkeep.left_behind_copy
                if copy_given_up is not None:
                    self._window.save_copy.given_up(copy_given_up)
            finally:
                for _line in waiting:
                    QApplication.restoreOverrideCursor()
                bar = self._window.statusBar()
                if bar.currentMessage() in waiting:
                    bar.clearMessage()  # done: it said "waiting" over the next workspace
        return check_stopped

    def _say_backup_finishes(self, said: list[str]) -> None:
        """The close lets a Back Up Now still running finish (it was asked for) and waits
        for it: said, with a busy pointer, and painted before the wait, as
        `_say_close_waits`. A year's workspace on a USB stick: seconds of a window that
        answered nothing, without a word of why."""
        desk = self._window.desk
        backup = desk.upkeep.background
        if backup is None or backup.reason != "manual" or not backup.running():
            return  # an automatic one is stopped at once: nothing to wait for
        name = shown_file_name(desk.path.name) if desk.path else "the workspace"
        self._say_while_closing(
            said, f"Finishing the backup of {name} before the workspace closes…"
        )

    def _backup_given_up(self) -> str:
        """The line for the next workspace when the close gave up on a Back Up Now whose
        backups folder did not answer (`Upkeep.stop_backup`), or on a Save a Copy… whose
        folder did not (`Upkeep.stop_copy`), else "". It said "Finishing the backup of …",
        and the window went on in the other workspace without a word: the backup asked
        for was taken as made. Quit has no window left to say it in."""
        desk = self._window.desk
        said = []
        given_up = desk.upkeep.left_behind
        if given_up is not None and given_up.reason == "manual":  # an automatic one: stopped
            name = shown_file_name(desk.path.name) if desk.path else "the workspace"
            # Short: a 1024-pixel status bar.
            said.append(
                f"Back Up Now of {name} made no backup: its backups folder did not answer "
                "as the workspace closed."
            )
        copy = desk.upkeep.left_behind_copy  # Save a Copy…, said the same way
        if copy is not None:
            said.append(
                f"No copy {shown_file_name(copy.target.name)} was made: its folder did not "
                "answer as the workspace closed."
            )
        return " ".join(said)

    def _say_backup_awaited(self, said: list[str], seconds: float) -> None:
        """An automatic backup, told to stop, has not stopped at once: its thread waits on
        the backups folder (a network share that stopped answering). The close waits for
        it `seconds` at most, then goes on without it (`Upkeep.stop_backup`), as
        `_say_close_waits` says its own wait. Quit waited for it without a limit: on a
        hard NFS mount for ever, and the journalist killed the desk."""
        from factcheck_app.services import workspace_files  # not on the start-up path

        desk = self._window.desk
        folder = workspace_files.backup_folder(desk.path) if desk.path else None
        where = f", in {shown_file_name(folder)}" if folder else ""  # as any name is said
        self._say_while_closing(
            said,
            # The folder last: a 1024-pixel window cuts a long one off, and what is
            # waited for, and how long, must show.
            f"Closing the workspace: waiting up to {seconds:g} s for its automatic backup "
            f"to stop (a network drive dropped?){where}…",
        )

    def _say_folder_awaited(self, said: list[str]) -> None:
        """The workspace's folder does not answer (its network share died): the close
        waits for it, as `_say_close_waits`. It cannot be cut short: SQLite's connection
        lives on this thread, and its close moves the last saves into the file and gives
        its locks back there; Ctrl+Q waited minutes (a hard NFS mount: for ever) with
        nothing on the screen. An automatic backup left waiting on the share is not: it
        is waited for a few seconds, then left behind (`_say_backup_awaited`)."""
        desk = self._window.desk
        if desk.path is None or not self._folder_watch.waiting():
            return
        self._say_while_closing(
            said,
            # Short: a longer line was cut off in a 1024-pixel window.
            f"Closing the workspace: waiting for its folder {shown_file_name(desk.path.parent)} "
            "to answer (a network drive dropped?)…",
        )

    def _say_close_waits(self, said: list[str], seconds: float) -> None:
        """The close is slow to move the last saves into the file: it waits for another
        program's read in progress (Datasette, a `sqlite3` shell, a backup tool), or the
        disk is slow (a USB stick). Said in the status bar with a busy cursor, never in a
        box (logging out: nobody answers it). It waited 3 s with nothing on the screen,
        and Quit was pressed again. The other program is named as a maybe: the close
        cannot tell a reader from a slow disk, and a line saying one was reading sent a
        reviewer on a USB stick looking for it. Painted at once: the window's thread
        handles no event until the close is done (a timer's look, or a key, would touch
        the workspace under the close)."""
        self._say_while_closing(
            said,
            f"Closing the workspace: moving every save into its file, waiting up to "
            f"{seconds:g} s if another program is reading it…",
        )

    def _say_while_closing(self, said: list[str], note: str) -> None:
        """`note` in the status bar with a busy pointer, painted at once (the window's
        thread handles no event until the close is done), and kept in `said`: `release`
        gives each pointer back and clears its line once the close has ended."""
        said.append(note)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._window.statusBar().showMessage(note)
        self._window.statusBar().repaint()

    def check_outside_changes(self) -> None:
        """Show what another program (or this window's import) saved since the last look."""
        # Each second, too: the time zone, read again (3 µs), so that a zone changed while
        # the window is open shows every time in the new one from then on.
        _follow_time_zone()
        window = self._window
        if not window.has_desk():
            return
        desk = window.desk
        if desk.closed:
            return
        if not self._folder_answers(desk):
            return
        # Read again, the window's workspace is closed: not under a dialog or box open over
        # the window (File → Export… reading it), whose work then failed, "… could not be
        # read or written (Cannot operate on a closed database.)". Told once it is closed.
        over_a_dialog = QApplication.activeModalWidget() is not None
        if desk.changed_while_read():  # two stats, only for a file read without its -wal
            if not over_a_dialog:
                self._tell_changed_while_read(desk)
            return
        if desk.replaced_while_read():  # one stat, only for a read-only window
            if not over_a_dialog:
                self._tell_replaced_while_read(desk)
            return
        moved_to = desk.moved_while_read()  # only once nothing is at its name any more
        if moved_to is not None:
            if not over_a_dialog:
                self._tell_moved_while_read(desk, moved_to)
            return
        self._keep_writer_lock(desk)
        moved = desk.keep_place()  # moved or replaced: its saves kept, said once, in a box
        if moved:
            self._tell_moved(desk, moved)
            return
        banner = window.workspace_strip
        if desk.stopped or desk.disk_failed or banner.tells_disk_gone():
            # The banner follows the file (moved back, say), or its disk: gone (found by a
            # save, or by `keep_place`), or answering again (a network drive reconnected).
            banner.show_for(desk)
        lost = desk.keep_saves()  # its -wal deleted: said once, in a box (a restart is due)
        if lost:
            logging.getLogger(__name__).warning("%s", lost)
            inform(window, "Workspace file deleted", lost)
        desk.settle_saves()  # on a pause: a copy of the file taken now lacks nothing
        try:
            version = desk.data_version()
        except FactcheckError:
            return  # the next edit or look says what is wrong, in words
        if version == self._data_version:
            return
        self._data_version = version
        self.saves_seen.emit()
        if not desk.read_only and desk.articles.listed() == window.article_model.listed():
            # Only this process writes here (the writer lock): its import, merge, or the
            # rebuild of the search index, whose commits changed no article. The list's
            # query took 55-70 ms of a year's workspace at every second of a rebuild.
            return
        shown = self._shown_in_list() if desk.read_only else None
        window.reload_articles()  # tells `articles_changed`
        if shown is not None:
            self._follow_article_gone(*shown)
        if desk.read_only and window.article_id is not None:
            # Nobody types here: refresh the open article's reviews, keeping the place.
            window.load_article(window.article_id, window.current_sentence_id())

    def _folder_answers(self, desk: Desk) -> bool:
        """Does the workspace's folder answer, looked at off the window's thread? Its
        network share gone dead, each of the looks that follow (a `stat` of the file, of
        its -wal, SQLite's read of data_version) froze the window for minutes, with the
        journalist only reading. Once it has not answered for a while, the strip says so
        (once); once it answers again, the strip says what it said before."""
        if desk.path is None:
            return True
        answered = self._folder_watch.answers(desk.path.parent)
        strip = self._window.workspace_strip
        if answered is False:
            strip.show_not_answering(desk)
        elif answered and strip.tells_not_answering():
            strip.show_for(desk)
        if answered and self._window.statusBar().currentMessage() == FOLDER_SILENT:
            # "Try again once it answers": it does, and the line goes (not left 10 s).
            self._window.statusBar().clearMessage()
        return bool(answered)

    def folder_not_answering(self) -> bool:
        """Whether a look at the open workspace's folder has waited on its drive a second
        or more (`disk_look.FOLDER_SILENT_S`; a slow share's look is younger): typed text
        is then kept, not saved (its save, on the window's thread, would wait with it)."""
        return self._folder_watch.waiting()

    def _shown_in_list(self) -> tuple[int, list[int], str] | None:
        """The open article, the articles after it in the list and its title (None: none
        open)."""
        window = self._window
        if window.article_id is None:
            return None
        model = window.article_model
        row = model.row_of(window.article_id)
        if row < 0:
            return None
        after = [model.article_at(later).id for later in range(row + 1, model.rowCount())]
        return window.article_id, after, model.article_at(row).title

    def _follow_article_gone(self, article_id: int, after: list[int], title: str) -> None:
        """The read-only window's article was taken out by the program writing the
        workspace (Remove Article, a merge undone): said, and the article after it in the
        list opened (the last listed when none after it is left). The list's first opened
        without a word: hundreds of articles away in a year's workspace, and the one being
        read gone unexplained. Found by the articles after it, not by its row: a merge
        undone takes out several above it too, and the row's was as many further down."""
        window = self._window
        if window.article_model.row_of(article_id) >= 0:
            return
        model, shown = window.article_model, window.article_filter
        if shown.rowCount():
            # Each id's row at once: `index_of` looks it up along the list, once for each
            # of thousands after it that a strict filter (Needs work, say) leaves out.
            rows = {model.article_at(row).id: row for row in range(model.rowCount())}
            nearest = next(
                (
                    index
                    for later in after
                    if later in rows
                    and (index := shown.mapFromSource(model.index(rows[later], 0))).isValid()
                ),
                shown.index(shown.rowCount() - 1, 0),
            )
            window.article_list.setCurrentIndex(nearest)
        if window.article_id == article_id:  # none left to open: nothing of it stays
            window.show_no_article()
        window.statusBar().showMessage(
            f"“{shown_line(one_line(title, EDIT_CHARS))}” is no longer in the workspace: "
            "the program editing it took it out.",
            STATUS_WARNING,
        )

    def _tell_changed_while_read(self, desk: Desk) -> None:
        """The read-only window read its workspace without the stray -wal beside it (no
        SQLite lock held), and another program changed the file since (a desk opened it
        for editing, setting that -wal aside): what is shown stays as it was, or mixes two
        moments, and the next read may fail. Said once, offering to read it again (with
        SQLite's locks now: that -wal is gone), at the same article and sentence."""
        name = self._not_told_yet(desk)
        if name is None:
            return
        self._offer_read_again(
            desk,
            "Workspace changed by another program",
            f"{name} was changed by another program (a desk opened it for editing?) since "
            "this window read it. What is shown here may be out of date, or mix the "
            "workspace before and after that change; it is not damaged, and nothing was "
            "changed here. Read it again to see it as it is now.",
        )

    def _tell_replaced_while_read(self, desk: Desk) -> None:
        """The read-only window's workspace file was replaced by another (a backup restored
        in the window editing it, a sync tool's version): this window goes on reading the
        file it opened, now set aside, and would show neither the file in its place nor
        anything saved into it. Said once, offering to read the file now at that name, at
        the same article and sentence."""
        name = self._not_told_yet(desk)
        if name is None:
            return
        self._offer_read_again(
            desk,
            "Workspace file replaced",
            f"{name} was replaced by another file since this window read it (a backup "
            "restored in the window that edits it, or a sync tool?). What is shown here is "
            "the file that was there before, and nothing saved from now on shows here; "
            "nothing was changed here. Read it again to see the workspace now in its place.",
        )

    def _tell_moved_while_read(self, desk: Desk, moved_to: Path) -> None:
        """The read-only window's workspace file was moved or renamed (the reviewer tidying
        the folder). The window editing it is told too, and goes on there ("Open It
        There"): its saves then go into a -wal and -shm of the new name, which this
        window's connection never reads, so what it shows would stay out of date, and a
        page the editor changed there could be read as "damaged … restore it from a
        backup". So it is read there at once (nothing is typed here to lose), at the same
        article and sentence, and the box says so, once."""
        name = self._not_told_yet(desk)
        if name is None:
            return
        inform(
            self._window,
            "Workspace file moved",
            f"{name} was moved to {shown_file_name(str(moved_to))} "
            "since this window read it. The desk editing it goes on there, so this window "
            "now reads it there too, at the same article and sentence; nothing was changed.",
        )
        if self._window.desk is desk and not desk.closed:
            self._read_again(desk, moved_to)

    def _not_told_yet(self, desk: Desk) -> str | None:
        """The workspace's name as shown, when the read-only window reading `desk` has not
        been told yet that its file changed, was replaced or moved (it is told now, once);
        else None."""
        if desk is self._told_changed or desk.path is None:
            return None
        self._told_changed = desk
        return shown_file_name(desk.path.name)

    def _offer_read_again(self, desk: Desk, title: str, text: str) -> None:
        """Ask once whether to read the workspace again (Read It Again, or Later)."""
        window = self._window
        answer = ask(
            window,
            title,
            text,
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Open,
            labels={
                QMessageBox.StandardButton.Open: "Read It Again",
                QMessageBox.StandardButton.Cancel: "Later",
            },
        )
        if answer != QMessageBox.StandardButton.Open or window.desk is not desk:
            return
        self._read_again(desk)

    def _read_again(self, desk: Desk, there: Path | None = None) -> None:
        """Open the read-only window's workspace again, read-only as before (where it is
        now, `there`, once moved), keeping the place."""
        from factcheck_app.services.desk import Desk

        window, path = self._window, there or desk.path
        assert path is not None

        def read() -> Desk:
            return Desk.open(
                path,
                read_only=True,
                read_only_because=desk.read_only_because,
                purpose="the desk window",
                backup=False,
                search_index="beside",
                copy_look="later",
            )

        place, closed_first = self._place(), ""
        try:
            if there is None:
                opened = read()
            else:
                # This process's next connection to the moved file would share the old
                # one's index of its -wal (SQLite keeps one per file), that of the old
                # name, where the desk editing it no longer writes: none of its saves
                # would show. So the old one is closed first; the file is read there once
                # before, so that one that cannot be read leaves the window as it was.
                read().close()
                closed_first = self.release()
                opened = read()
        except FactcheckError as error:
            said = str(error)
            if desk.closed:
                # Read there a moment before, then not (moved again, its share gone): the
                # window reads nothing now, and every key said "… Cannot operate on a
                # closed database.". The way back, listed where the file went.
                assert there is not None
                settings.remember_workspace(there)
                said += (
                    "\n\nThis window no longer reads the workspace: open it again with "
                    "File → Open Recent Workspace."
                )
            inform(window, "Cannot read the workspace again", said, warning=True)
            return
        check_stopped = self._set_desk(opened) or closed_first
        self._back_at(place)
        if there is not None:  # Open Recent offers it there (to edit, once the editor quits)
            settings.remember_workspace(there)
        if check_stopped:
            window.statusBar().showMessage(check_stopped, STATUS_LONGEST)

    def _tell_moved(self, desk: Desk, told: str) -> None:
        """The workspace file was moved or renamed (the reviewer tidying the folder in the
        file manager) or replaced (a sync tool) while open: nothing more is saved here.
        When it was only moved, "Open It There" goes on where it is, at the same sentence."""
        window = self._window
        logging.getLogger(__name__).warning("%s", told)
        moved_to = desk.moved_to
        if moved_to is None:
            inform(window, "Workspace file replaced", told, warning=True)
            if window.desk is desk:
                window.workspace_strip.show_for(desk)  # the way back, once the box is gone
            return
        answer = ask(
            window,
            "Workspace file moved",
            told,
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Open,
            labels={
                QMessageBox.StandardButton.Open: "Open It There",
                QMessageBox.StandardButton.Cancel: "Later",
            },
        )
        if answer == QMessageBox.StandardButton.Open and window.desk is desk:
            place = self._place()
            self.switch_workspace(moved_to)
            if window.desk.path == moved_to:
                self._back_at(place)
        if window.desk is desk:  # "Later": the way back stays on the window
            window.workspace_strip.show_for(desk)

    def _keep_writer_lock(self, desk: Desk) -> None:
        """Put the lock file back once a clean-up script deleted it (else a program on
        another computer sharing the folder, or here on a system other than Linux, finds
        none and writes beside the window); said once, in a box, when another program got
        in meanwhile: the reviewer must close one of the two."""
        taken = desk.keep_writer_lock()
        if taken and desk is not self._told_lock_taken:
            self._told_lock_taken = desk
            inform(self._window, "Workspace opened twice", taken, warning=True)

    @guarded
    def check_workspace(self) -> None:
        """File → Check Workspace: read beside the window (its progress and Cancel in the
        status bar), the report in a box when it ends; a repair of the search index, if
        one is due, is made then, on the window's connection."""
        window = self._window
        if self._copy_look is not None:
            window.statusBar().showMessage(
                "The copy is being checked: Check Workspace can follow when that check ends "
                "(File → Cancel Check stops it).",
                STATUS_WARNING,
            )
            return
        if self._check is not None:
            window.statusBar().showMessage(
                "The workspace is being checked: its report follows when the check ends "
                "(File → Cancel Check stops it).",
                STATUS_WARNING,
            )
            return
        window.panel.flush_pending_text()
        desk = window.desk
        if desk.path is None:  # an in-memory workspace has no second connection
            self._show_check_report(desk.upkeep.check())
            return
        self._check = desk.upkeep.start_check(self._check_ended.emit, self._check_progress.emit)
        window.check_progress.start()
        window.registry[ActionId.CANCEL_CHECK].setEnabled(True)

    def check_running(self) -> bool:
        return self._check is not None or self._copy_look is not None

    def cancel_check(self) -> None:
        """File → Cancel Check or the Cancel button: the check (Check Workspace's, or the
        look at a copy taken while open) stops, having written nothing, and says so when
        its thread has ended."""
        running = self._check or self._copy_look
        if running is not None:
            running.cancel()
            progress = self._window.check_progress
            progress.set_progress(progress.bar.value(), "Cancelling…")

    def _start_copy_look(self, desk: Desk) -> None:
        """A copy taken while a desk had it open: its reviews against their history and
        its search index, read beside the window (progress and Cancel Check in the status
        bar), what it finds told in a box when it ends (`_tell_copy_look`)."""
        window = self._window
        self._copy_look = desk.start_copy_look(
            self._copy_look_ended.emit, self._copy_look_progress.emit
        )
        window.check_progress.start("Checking the copy…")
        window.registry[ActionId.CANCEL_CHECK].setEnabled(True)
        # Short: beside the progress, a longer line took its stage and bar at 1024 px. Its
        # box says what the check found, when it ends.
        window.notices.tell(
            "Checking this copy: work on meanwhile.", STATUS_LONGEST, key=COPY_LOOK_NOTICE
        )

    @property
    def copy_look_running(self) -> bool:
        """Is a copy taken while open being checked beside the window?"""
        return self._copy_look is not None

    def _show_copy_look_progress(self, value: int, stage: str) -> None:
        if self._copy_look is not None:  # none: ended, or stopped by a close
            self._window.check_progress.set_progress(value, stage)

    def _end_copy_look(self) -> None:
        self._copy_look = None
        self._window.check_progress.stop()
        self._window.registry[ActionId.CANCEL_CHECK].setEnabled(self._check is not None)

    @guarded
    def _tell_copy_look(self, look: BackgroundCopyLook) -> None:
        """The look's thread ended: what it found (the search index mended first, when it
        needs it and the workspace is open for editing), its failure, or its Cancel. Its
        end is told (`copy_look_ended`) whatever happens here."""
        if look is not self._copy_look:
            return  # of a workspace closed since (its close stopped the look)
        self._end_copy_look()
        try:
            self._tell_look_ended(look)
        finally:
            self.copy_look_ended.emit()

    def _tell_look_ended(self, look: BackgroundCopyLook) -> None:
        window = self._window
        desk = window.desk
        if look.cancelled or look.error is not None or look.reading is None:
            desk.copy_looking = None
            self._tell_copy_not_looked(look.cancelled, look.error)
            return
        try:
            notes = desk.finish_copy_look(look.reading)
        except (FactcheckError, OSError) as error:
            # The mend of its index failed (a full disk): rolled back, the look still due,
            # as after a failed reading. Told the same way, not as a bare error.
            self._tell_copy_not_looked(False, error)
            return
        window.index.start_if_due()  # a mend that needs a whole rebuild: beside
        window.refresh_search_results()  # a mended index finds what one missed
        if notes:
            window.notices.withdraw(COPY_LOOK_NOTICE)  # its box says what it found
            inform(window, config.APP_NAME, "\n\n".join(notes))
        else:
            name = shown_file_name(desk.path.name) if desk.path else "The workspace"
            window.notices.tell(
                f"Checked the copy {name}: its reviews agree with their history.",
                STATUS_RESULT,
                key=COPY_LOOK_NOTICE,
            )

    def _tell_copy_not_looked(self, cancelled: bool, error: str | BaseException | None) -> None:
        """The look cancelled, or failed (its reading, or the mend after): nothing changed,
        and it is made again at the next open."""
        from factcheck_app.services.copy_check import CANCELLED_NOTE

        window = self._window
        desk = window.desk
        name = shown_file_name(desk.path.name) if desk.path else "The workspace"
        said = "The check was cancelled." if cancelled else f"It could not be checked: {error}"
        if not said.endswith((".", "?", "!")):  # an error's words end with their own
            said += "."
        # Its clock stands still while the box below is read (`gui/notices.py`).
        window.notices.tell(
            ("Check of the copy cancelled" if cancelled else "Copy not checked")
            + ": nothing was changed; it is checked at its next open.",
            STATUS_LONGEST,
            key=COPY_LOOK_NOTICE,
        )
        inform(
            window,
            "Check of the copy cancelled" if cancelled else "Copy not checked",
            f"{name} was copied while a desk had it open, and may hold reviews of two "
            f"different moments (some not what their history says). {said} " + CANCELLED_NOTE,
            warning=not cancelled,
        )

    def _show_check_progress(self, value: int, stage: str) -> None:
        if self._check is not None:  # none: ended, or cancelled by a close
            self._window.check_progress.set_progress(value, stage)

    def _end_check(self) -> None:
        self._check = None
        self._window.check_progress.stop()
        self._window.registry[ActionId.CANCEL_CHECK].setEnabled(False)

    @guarded
    def _tell_check(self, check: BackgroundCheck) -> None:
        """The check's thread ended: its report (the search index repaired first, when it
        needs it and the workspace is open for writing), its failure, or its Cancel."""
        if check is not self._check:
            return  # of a workspace closed since (its close stopped the check)
        self._end_check()
        window = self._window
        if check.cancelled:
            window.statusBar().showMessage("Check cancelled: nothing was changed.", STATUS_RESULT)
        elif check.error is not None or check.findings is None:
            inform(
                window,
                "Check Workspace",
                f"The workspace could not be checked: {check.error}",
                warning=True,
            )
        else:
            # A whole rebuild, if one is due, is made beside the window (index controller).
            report = window.desk.upkeep.finish_check(check.findings, beside=True)
            window.index.start_if_due()
            # A mended index finds what a search shown before the check missed.
            window.refresh_search_results()
            self._show_check_report(report)

    def _show_check_report(self, report: CheckReport) -> None:
        window = self._window
        found = "The workspace is healthy." if report.ok else "The workspace has problems."
        # The check ran beside the review: its box came up as the reviewer typed, and an
        # Enter or Space closed it, the report (what it mended, once only) gone with it.
        # Recent Messages keeps it, line by line, and a notice owed until read says so.
        window.message_log.keep([f"Check Workspace: {found}", *report.lines])
        box = QMessageBox(
            QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Critical,
            "Check Workspace",
            found + "\n\n" + "\n".join(report.lines),
            parent=window,
        )
        box.setObjectName("checkWorkspaceBox")
        box.setTextFormat(Qt.TextFormat.PlainText)  # names and messages are not markup
        run_box(box)
        window.notices.tell(
            f"Check Workspace: {'healthy' if report.ok else 'problems found'} — "
            f"{first_key_text(ActionId.RECENT_MESSAGES)} lists the report.",
            STATUS_LONG,
        )

    @guarded
    def back_up_now(self) -> None:
        """File → Back Up Now, made beside the window (told when it is saved). With a
        backup still under way, none is begun beside it, and the window says why at once
        (`Upkeep.make_way_for_backup`): it stopped that backup on this thread, and froze
        up to 5 s without a word while one stuck on a silent backups folder was waited for."""
        desk = self._window.desk
        name = shown_file_name(desk.path.name) if desk.path else "the workspace"
        under_way = desk.upkeep.make_way_for_backup()
        if under_way is not None and under_way.reason == "manual":
            self._window.statusBar().showMessage(
                f"Still backing up {name}: told when it is saved.", STATUS_LONGEST
            )
            return
        if under_way is not None:
            from factcheck_app.services import workspace_files  # not on the start-up path

            folder = shown_file_name(workspace_files.backup_folder(under_way.path))
            inform(
                self._window,
                "Back Up Now",
                f"An automatic backup of {name} is under way and did not stop at once: its "
                f"backups folder, {folder}, may not answer (a network drive dropped?). No "
                "backup was made now; it was told to stop: try again in a moment.",
                warning=True,
            )
            return
        desk.upkeep.start_backup("manual", self._backup_ended.emit)
        self._window.statusBar().showMessage(f"Backing up {name}…", STATUS_LONGEST)

    @guarded
    def restore_from_backup(self) -> None:
        """Replace the open workspace by a backup, keeping the current one beside it."""
        window = self._window
        path = window.desk.path
        if path is None or window.desk.read_only:
            window.statusBar().showMessage(
                "Only a workspace open for editing can be restored.", STATUS_RESULT
            )
            return
        if window.desk.stopped or window.desk.disk_failed:
            # Moved or replaced while open, or its disk gone: restored at its old place,
            # the backup became a second workspace there, the window went on in it, and
            # the work went on being split between the two.
            window.statusBar().showMessage(
                "Restore from Backup waits until the workspace is open again: the strip "
                "above the article says how.",
                STATUS_WARNING,
            )
            return
        if refuse_while_busy(window, "restore a backup"):
            return
        if self.keep_unsaved_text("Restore a backup"):
            return
        from factcheck_app.gui.dialogs.form_parts import run_dialog
        from factcheck_app.gui.dialogs.restore import RestoreBackupDialog
        from factcheck_app.services import workspace_files
        from factcheck_app.services.desk import Desk

        # Said before the choice (Cancel leaves the check running), not after: the line
        # after says where the previous workspace was kept.
        checking = (
            "Check Workspace"
            if self._check is not None
            else "The check of the copy"
            if self._copy_look is not None
            else ""
        )
        dialog = RestoreBackupDialog(path, window, checking=checking)
        chosen = dialog.chosen() if run_dialog(dialog) else None
        if chosen is None:
            return
        window.panel.discard_pending_text()  # given up when asked: only now is it restored
        lock = window.desk.detach_writer_lock()  # stay the only writer while the file is swapped
        self.release()
        # Copied, read back whole and opened again: seconds for a year's workspace (more
        # from a USB stick), the window still and the pointer an arrow as if it had done.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            try:
                kept = workspace_files.restore_backup(path, chosen.path, lock_held=True)
            finally:
                try:
                    reopened = Desk.open(
                        path,
                        held_lock=lock,
                        purpose="the desk window",
                        search_index="beside",
                        copy_look="later",
                        leftovers="beside",
                    )
                except WorkspaceFull as error:
                    if lock is not None:
                        lock.release()  # as a refused open lets it go: nothing writes here
                    reopened = _read_only_after_restore(path, error)
                self._set_desk(reopened)
        finally:
            QApplication.restoreOverrideCursor()  # before any box says why it failed
        # Ctrl+Z takes back none of the edits made before the restore (undone on the file
        # restored, they would write the version turned away from over the one chosen):
        # the key says so, and the way back (EditSlots.update_undo_actions).
        self._nothing_to_undo = (window.desk, NOTHING_SINCE_RESTORE)
        window.edits.update_undo_actions()
        said = f"Restored the backup of {chosen.created:%Y-%m-%d %H:%M}."
        if window.desk.read_only:
            # Its strip says why (a full disk) and how to edit again; Restore from Backup,
            # the way back below, waits for that too.
            said += " It is open read-only: the strip above the article says why."
        elif kept is not None:
            # Not the kept file's path: at 1024 px it was cut off before its name, and
            # Ctrl+Z cannot take a restore back. The way back, in words that fit.
            logging.getLogger(__name__).info("Restored %s; kept %s", chosen.path, kept)
            said += f" {RESTORE_TAKEN_BACK}"
        window.statusBar().showMessage(said, STATUS_LONGEST)


def _read_only_after_restore(path: Path, error: WorkspaceFull) -> Desk:
    """The workspace just restored (or left as it was by a restore that failed), opened
    read-only when the disk (or the temporary folder) has no room left to open it for
    editing, the strip saying why and how to edit again. The copy of a backup can take
    the disk's last room: the window was left holding its old workspace closed, with only
    "The disk is full" said."""
    from factcheck_app.services.desk import Desk

    because = TEMPORARY_FULL if isinstance(error, TemporaryFolderFull) else DISK_FULL
    logging.getLogger(__name__).warning("After a restore, opened read-only: %s", error)
    return Desk.open(path, read_only=True, read_only_because=because, copy_look="later")


def _of_another(window: MainWindow, backup: BackgroundBackup) -> bool:
    """Is `backup` of a workspace no longer shown? Its close stops it and waits for its
    thread, but the end the thread reports arrives after the next workspace shows: told
    then, it was owed as that one's (`gui/notices.py`), of a file not open."""
    return not window.has_desk() or window.desk.path != backup.path


def _follow_time_zone() -> None:
    """Read this computer's time zone again, for the times shown from now on. Python and
    the C library read it once, when the program starts: after the zone was changed (in
    the system's settings, or by a laptop that follows where it is), every time was shown
    in the old one until the desk was started again. On Linux and macOS the C library
    reads it again when asked (a look at /etc/localtime, 3 µs); Windows cannot be asked."""
    tzset = getattr(time, "tzset", None)
    if tzset is not None:
        tzset()
