"""Opening a workspace from the window: one writer at a time (the storage's writer lock),
and a way forward from every problem (empty, damaged, foreign or busy file) that never
changes the file unasked."""

from __future__ import annotations

import functools
import logging
import os
import shlex
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from factcheck_app import config
from factcheck_app.domain import file_types
from factcheck_app.domain.errors import (
    BackupTooNew,
    Cancelled,
    FactcheckError,
    NoSuchFolder,
    NotAWorkspace,
    TemporaryFolderFull,
    WorkspaceDamaged,
    WorkspaceEmptyFile,
    WorkspaceError,
    WorkspaceFull,
    WorkspaceInUse,
    WorkspaceUntrusted,
)
from factcheck_app.domain.printable import message_text, shown_file_name, shown_line
from factcheck_app.domain.times import in_local_zone
from factcheck_app.domain.wording import counted
from factcheck_app.gui import settings
from factcheck_app.gui.actions import SPECS, ActionId, key_text
from factcheck_app.gui.app import closing_on_signal
from factcheck_app.gui.dialogs.form_parts import run_dialog
from factcheck_app.gui.dialogs.restore import RestoreBackupDialog
from factcheck_app.gui.local_files import path_from_qt, qt_name
from factcheck_app.gui.messages import ask, error_text, give_mnemonics, inform, run_box
from factcheck_app.gui.workers import run_in_background
from factcheck_app.gui.workspace_strip import DISK_FULL, IN_USE, TEMPORARY_FULL
from factcheck_app.services import workspace_files
from factcheck_app.services.desk import Desk
from factcheck_app.services.session import cut_short_said, merge_cut_short_said
from factcheck_app.services.workspace_files import CleanedCopy

Button = QMessageBox.StandardButton
logger = logging.getLogger(__name__)


def open_desk(
    path: Path, parent: QWidget | None, *, seed: bool = False, looked: bool = False
) -> Desk | None:
    """Open `path` for this window, asking the reviewer what to do when something is wrong.

    The desk holds the workspace's writer lock (the same one every command-line write
    takes); when another program holds it, the reviewer may open the workspace read-only.
    Returns None when the reviewer chose not to open anything. At a start (`seed`), the
    desk returned may be of another workspace the reviewer chose (its `path` says which);
    so may it be when `path`'s folder does not answer and she chose another instead.
    `looked`: the caller's `answering` has just found `path`'s folder answering (a switch
    of workspace looked before it asked anything), so it is not looked at again: each
    look is a worker thread, and on a slow share a wait.
    """
    while not looked:
        instead = answering(path, parent, seed=seed)
        if instead is None:
            return None
        if instead == path:
            break
        # Chosen in place of one whose share does not answer: opened as File → Open
        # Workspace does (its folder looked at by `answering` already). Not opened (its
        # box said why): at a start, asked again.
        chosen = open_desk(instead, parent, looked=True)
        if chosen is not None or not seed:
            return chosen
    try:
        workspace_files.check_new_workspace_name(path)
    except NotAWorkspace as error:
        inform(parent, "Cannot open the workspace", f"{error} Nothing was created.", warning=True)
        return None
    if not seed and not _folder_wanted(path, parent):
        return None
    while seed:
        instead = _where_to_open(path, parent)
        if instead is None:
            return None
        if instead == path:
            break
        # Chosen by the reviewer: opened as File → Open Workspace does. Not opened (not
        # a workspace, in use and not wanted read-only…: its box said why), the question
        # comes back: the desk closed, the workspace moved a restart away.
        chosen = open_desk(instead, parent)
        if chosen is not None:
            return chosen
    read_only = False
    because = ""  # why the reviewer chose to open it read-only (the banner says it)
    while True:
        there = os.path.lexists(path)  # else it is made (a first start, a new workspace)
        try:
            desk = _open_with_wait_cursor(path, read_only, because)
        except WorkspaceInUse as error:
            answer = ask(
                parent,
                "Workspace in use",
                f"{error}\n\nOpen it read-only here (you can read, search and export, not "
                "edit)? The window shows what the other program saves as it saves it.",
                Button.Open | Button.Cancel,
                Button.Open,
                labels={Button.Open: "Open Read-Only"},
            )
            if answer != Button.Open:
                return None
            read_only, because = True, IN_USE
            continue
        except WorkspaceFull as error:
            if not there:  # none was there: nothing with work in it to open read-only
                made = os.path.lexists(path)  # made, empty, with no room to open it
                title = "Cannot open the workspace" if made else "Cannot make the workspace"
                inform(parent, title, _not_made(path, error, seed), warning=True)
                return None
            if read_only:  # reading needs no space: whatever it is, say it
                inform(parent, "Cannot open the workspace", str(error), warning=True)
                return None
            full = (
                f"{error}"  # the temporary folder, not the workspace's disk
                if isinstance(error, TemporaryFolderFull)
                else f"The disk holding {path} is full, so the workspace cannot be opened "
                "for editing (opening it writes a little). Nothing in it was changed."
            )
            answer = ask(
                parent,
                "Temporary folder full" if isinstance(error, TemporaryFolderFull) else "Disk full",
                f"{full}\n\n"
                "Open it read-only until there is space (you can read, search and export)?",
                Button.Open | Button.Cancel,
                Button.Open,
                warning=True,
                labels={Button.Open: "Open Read-Only"},
            )
            if answer != Button.Open:
                return None
            read_only = True
            because = TEMPORARY_FULL if isinstance(error, TemporaryFolderFull) else DISK_FULL
            continue
        except WorkspaceEmptyFile as error:
            choice = _ask_empty(parent, path, error)
            if choice == "new":
                # The reviewer chose to replace the 0-byte file. It goes into the backups
                # folder with what is beside it: SQLite would delete a -wal (maybe the last
                # edits) it finds beside a new, empty database. Nothing is moved while
                # another desk has it for writing (the open below then says who) or once
                # it is empty no more (another desk made a new one there: it opens).
                try:
                    workspace_files.set_aside_empty(path)
                except WorkspaceInUse as busy:
                    if read_only:  # opened read-only as in use: the open below asks again
                        inform(
                            parent,
                            "Workspace in use",
                            f"{busy}\n\nThe empty file was left where it is; nothing was changed.",
                            warning=True,
                        )
                        return None
                    continue
                except FactcheckError as problem:  # no lock file can be made there
                    inform(
                        parent,
                        "Cannot open the workspace",
                        f"The empty file could not be moved aside; nothing was changed. {problem}",
                        warning=True,
                    )
                    return None
                except OSError as problem:
                    inform(
                        parent,
                        "Cannot open the workspace",
                        f"The empty file could not be moved aside ({problem.strerror}); "
                        "nothing was changed.",
                        warning=True,
                    )
                    return None
                continue
            if choice == "restore" and _restore(parent, path):
                continue
            return None
        except WorkspaceDamaged as error:
            target = _cleaned_copy_target(path)
            # The next start opens this (default) workspace again: a copy made before
            # holds the work done since.
            earlier = workspace_files.earlier_cleaned_copy(path, target)
            choice = _ask_damaged(parent, path, error, target, earlier)
            if choice == "restore" and _restore(parent, path):
                continue
            if choice == "earlier" and earlier is not None:
                path, read_only = earlier, False  # through the same checks
                continue
            if choice == "clean":
                # What can still be read, into a new workspace; the damaged file is only
                # read (and stays for a backup's restore or an expert's recovery).
                copy = _write_cleaned_copy(parent, path, target, "The damaged file was")
                if copy is None:
                    return None
                path, read_only = copy, False  # open the copy instead, through the same checks
                continue
            return None
        except WorkspaceUntrusted as error:
            copy = _offer_cleaned_copy(parent, path, error)
            if copy is None:
                return None
            path, read_only = copy, False  # open the copy instead, through the same checks
            continue
        except (NotAWorkspace, FactcheckError) as error:
            text = str(error) + (_DEFAULT_FOLDER_HINT if seed else "") + _article_hint(path)
            inform(parent, "Cannot open the workspace", text, warning=True)
            return None
        break
    if seed and not desk.read_only:
        _add_samples(desk)
    _tell_notices(parent, desk)
    return desk


def _add_samples(desk: Desk) -> None:
    """The sample articles, into a new default workspace; what stops them (a disk with
    room for the new workspace but not for the sample) is told with the open's notices.
    It ended the window's start on a traceback, at every start until there was room."""
    try:
        desk.importer.ensure_seeded()
    except FactcheckError as error:  # the workspace itself is open: the desk goes on
        logger.warning("Sample articles not added: %s", error)
        desk.notices.append(f"Adding the sample article to the new workspace stopped: {error}")


# Said when the default workspace cannot be opened (a home or data folder that cannot be
# written on a locked-down desktop): the reviewer cannot change the machine, but can pass
# this on to IT, or start the desk on a workspace where they can write.
_DEFAULT_FOLDER_HINT = (
    "\n\nThe desk keeps your workspace in its data folder. If you cannot write there, ask "
    "whoever looks after this computer to set FACTCHECK_DATA_DIR to a folder you can "
    "write, or start the desk on a workspace file elsewhere: "
    "factcheck-app --workspace FILE.fcdesk"
)


def _not_made(path: Path, error: WorkspaceFull, seed: bool) -> str:
    """Why a new workspace was not made on a full disk, and what to do. The box offered
    to open read-only a workspace that was never made ("Nothing in it was changed"), and
    then said "There is no workspace at …" with the hint for a folder that cannot be
    written."""
    if isinstance(error, TemporaryFolderFull):
        return f"{error} The new workspace {path.name} was not made."
    again = "start the desk again" if seed else "try again"
    text = (
        f"The disk holding {path.parent} is full, so the new workspace {path.name} cannot "
        f"be made there. Nothing was made. Free some space on it and {again}."
    )
    if os.path.lexists(path):
        # Room to make it, none for its first write on opening (a disk of a few hundred
        # KB free): "Nothing was made" was said beside the file, which opens once there
        # is room.
        text = (
            f"The disk holding {path.parent} is full: the new workspace {path.name} was "
            "made there, empty, but cannot be opened until there is room. Free some space "
            f"on it and {again}."
        )
    if seed:
        text += (
            "\n\nOr ask whoever looks after this computer to set FACTCHECK_DATA_DIR to a "
            "folder on a disk with room, or start the desk on a workspace file elsewhere: "
            "factcheck-app --workspace FILE.fcdesk"
        )
    return text


def _article_hint(path: Path) -> str:
    """`--workspace story.txt` with the article there: how to review it instead (the
    window closed on "not a workspace", without a word of that)."""
    if path.suffix.lower() not in file_types.SUPPORTED_SUFFIXES or not path.is_file():
        return ""
    open_key = key_text(SPECS[ActionId.OPEN_ARTICLE])
    return (
        f"\n\nTo review {path.name} as an article, start the desk with just its name:\n"
        f"    factcheck-app {shlex.quote(path.name)}\nor open it with File → Open Article "
        f"({open_key})."
    )


def _open_with_wait_cursor(path: Path, read_only: bool, because: str) -> Desk:
    """Open the desk; the first open after an upgrade migrates the file, so show that the
    app is busy. An out-of-date search index is rebuilt, and the automatic backup made,
    beside the window once it shows the workspace (WorkspaceController.attach)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return Desk.open(
            path,
            read_only=read_only,
            read_only_because=because,
            purpose="the desk window",
            backup=False,
            search_index="beside",  # rebuilt, if due, beside the window (its controller)
            copy_look="later",  # a copy taken while open is looked at beside it too
            leftovers="beside",  # what a quit left of an import, removed beside it too
        )
    finally:
        QApplication.restoreOverrideCursor()


def answering(path: Path, parent: QWidget | None, *, seed: bool = False) -> Path | None:
    """`path` once its folder answers, looked at off the window's thread (`disk_look`);
    when it does not, a box says so and offers another workspace: the one she chose then
    (looked at the same way), or None (nothing opened). A workspace on a network share
    that stopped answering (a VPN dropped, an SMB server gone) froze the window for
    minutes at File → Open Workspace, Open Recent, a double-click, and at a start hung the
    desk before its window showed. Only the look is made off the thread: the open itself
    (SQLite) is made on it, once the folder has answered."""
    from factcheck_app.gui import disk_look  # on use: not imported at start-up otherwise

    tried_again = ""  # when Retry last looked again (HH:MM:SS), said in the next box
    while True:
        try:
            # A link followed (`waited_at`): her desk folder answers, and the team's
            # workspace it leads to on the share did not, the open frozen on it.
            disk_look.waited_at(path, functools.partial(os.path.exists, path))
        except disk_look.NoAnswer as error:
            silent = error.folder
        else:
            return path
        kept = (
            "Nothing was opened; Quit closes the desk."
            if seed
            else "Nothing was opened: the workspace open here stays open as it was."
        )
        answer = ask(
            parent,
            "Workspace not answering",
            f"The workspace {shown_file_name(path.name)} cannot be opened: its folder "
            f"{shown_file_name(silent)} does not answer (a network share not "
            f"connected, or very slow?). {kept}\n\n"
            + (f"Still not answering (tried again at {tried_again}). " if tried_again else "")
            + "Reconnect it and press Retry, or "
            "choose Open Another… to open a workspace elsewhere.",
            Button.Open | Button.Retry | Button.Cancel,
            Button.Open,
            warning=True,
            labels={Button.Open: "Open Another…", **({Button.Cancel: "Quit"} if seed else {})},
        )
        if answer == Button.Open:
            chosen = choose_workspace(parent, path)
            if chosen is not None:
                path, tried_again = chosen, ""  # not yet tried again: a first look
        elif answer == Button.Retry:
            # The look still waiting on the share is waited for once more (the window
            # frozen as long as at the first look, no longer): the box came back at once.
            disk_look.waited_again(silent)
            tried_again = time.strftime("%H:%M:%S")  # her clock, as the box is read
        else:
            return None


def _folder_wanted(path: Path, parent: QWidget | None) -> bool:
    """False when `path` is a new workspace in a folder that is not there and the reviewer
    does not want it made: `--workspace ~/dsek/election.fcdesk` (a typo for ~/desk) made the
    folder and an empty workspace in it without a word. No is the default."""
    try:
        workspace_files.check_new_workspace_folder(path)
    except NoSuchFolder as error:
        answer = ask(
            parent,
            "No such folder",
            f"There is no folder {error.folder}.\n\nCreate the folder {error.folder} and a "
            f"new, empty workspace {path.name} in it? If the name is mistyped, your "
            "workspace is elsewhere: choose Don't Create and check it.",
            Button.Yes | Button.No,
            Button.No,
            warning=True,
            labels={Button.Yes: "Create Folder and Workspace", Button.No: "Don't Create"},
        )
        return answer == Button.Yes
    return True


def _where_to_open(path: Path, parent: QWidget | None) -> Path | None:
    """The workspace to open at a start: `path`, or the one the reviewer chose instead
    when the default workspace, opened here before, is gone; None when she wants neither
    it made anew nor another opened.

    A data folder on a network drive or a USB disk not connected yet at the start (or a
    home folder restored without it) got a new workspace with the sample article, without
    a word, as at a first start: a month's work looked lost, and what was done next went
    into a workspace the drive, once connected, hid. Retry is the default. A workspace
    moved on purpose (to a shared folder, another disk) is opened with Open Another…: the
    desk could only be closed. Cancelling its chooser asks again."""
    while _gone(path) and _opened_before(path):
        answer = ask(
            parent,
            "Workspace not found",
            f"Your workspace {path} is not there, though the desk opened it before. If it "
            "is on a network drive or a disk that is not connected yet, connect it and "
            "press Retry. If you moved it, choose Open Another… to open it where it is "
            "now.\n\nMake New starts an empty workspace there, with the sample "
            "article: your work is not in it." + _backups_left(path),
            Button.Retry | Button.Open | Button.Yes | Button.Cancel,
            Button.Retry,
            warning=True,
            labels={Button.Yes: "Make New", Button.Open: "Open Another…"},
        )
        if answer == Button.Open:
            chosen = choose_workspace(parent, path)
            if chosen is not None:
                return chosen
        elif answer != Button.Retry:
            return path if answer == Button.Yes else None
    return path


def choose_workspace(parent: QWidget | None, near: Path | None) -> Path | None:
    """The workspace file the reviewer chooses with File → Open Workspace's chooser, its
    folder remembered for the next; None when she cancels. `near`: the workspace open (or
    sought), whose folder is offered when none was chosen before."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        "Open Workspace",
        qt_name(settings.workspace_folder_to_offer(near)),
        f"Workspaces (*{config.WORKSPACE_SUFFIX});;All files (*)",
    )
    if not name:
        return None
    path = path_from_qt(name)
    settings.remember_folder(settings.WORKSPACE_FOLDER, path.parent)
    return path


def _backups_left(path: Path) -> str:
    """The way back when the workspace file went but its backups stayed (deleted by a
    clean-up tool, dragged to the bin): "your work is not in it" was all the question
    said of Make New, though File → Restore from Backup then lists them. "" when none is
    there (a drive not connected takes its backups folder with it)."""
    found = _backups_found(path, "it")
    if not found:
        return ""
    return (
        f"\n\n{found}, in {workspace_files.backup_folder(path)}. If the file was deleted: "
        "Make New, then File → Restore from Backup… brings that work back."
    )


def _backups_found(path: Path, of: str) -> str:
    """ "There is 1 backup of `of`, from …" or "There are 3 backups of `of`; the newest is
    from …" (the one Restore offers first, `backup_to_offer`); "" when there is none."""
    available = workspace_files.backups_of(path)
    offered = workspace_files.backup_to_offer(available)
    if offered is None:
        return ""
    newest = f"{offered.created:%Y-%m-%d %H:%M}"
    if len(available) == 1:
        return f"There is 1 backup of {of}, from {newest}"
    return f"There are {counted(len(available), 'backup')} of {of}; the newest is from {newest}"


def _gone(path: Path) -> bool:
    """Is there nothing at `path`? False when it cannot be looked at (a folder that may
    not be opened): the open says why."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def _opened_before(path: Path) -> bool:
    """Did the desk open `path` here before: in File → Open Recent, or, once more
    workspaces were opened than that keeps, with where she stopped in it still kept (a
    data folder on a disk not connected got a new sample workspace without a word)."""
    recent = settings.recent_workspaces()  # as remember_workspace keeps them: resolved
    if str(path) in recent or os.path.realpath(path) in recent:
        return True
    try:
        return settings.last_place(path) is not None
    except (OSError, RuntimeError):  # a loop of links on the way (Python 3.11's resolve)
        return False


def _ask_empty(parent: QWidget | None, path: Path, error: WorkspaceEmptyFile) -> str:
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Empty workspace file", message_text(str(error)), parent=parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("emptyWorkspaceBox")
    restore = None
    if workspace_files.backups_of(path):
        restore = box.addButton("Restore from Backup…", QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton("Start a New Workspace There", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setInformativeText(
        "Starting a new workspace moves the empty file, with any files left beside it, "
        f"into {shown_file_name(workspace_files.backup_folder(path).name)}; nothing is deleted."
    )
    give_mnemonics(box)
    run_box(box)
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return "restore"
    if clicked is new:
        return "new"
    return "cancel"


def _ask_damaged(
    parent: QWidget | None,
    path: Path,
    error: WorkspaceDamaged,
    target: Path,
    earlier: Path | None = None,
) -> str:
    """ "restore", "clean" (a cleaned copy at `target`), "earlier" (the cleaned copy made
    before, `earlier`) or "cancel". Restore stays the default when there is a backup: it
    is whole, where a cleaned copy may lack rows. A copy made before is the default over
    both: the work done since is in it, and a new copy or a backup has none of it."""
    found = _backups_found(path, "this workspace")
    # With no backup, the box does not send the reviewer to one above "No backups were
    # found": the damage told without its advice (Check Workspace, named in one form of
    # it, cannot reach a file that does not open); the box's choices say the way out.
    said = error.told(advice=bool(found) or not error.backup_helps)
    box = QMessageBox(
        QMessageBox.Icon.Critical, "Damaged workspace", message_text(said), parent=parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("damagedWorkspaceBox")
    copy = (
        f"a cleaned copy ({shown_file_name(target.name)}, a new workspace in "
        f"{shown_file_name(target.parent)}) holds what can still be read now, perhaps with "
        "rows missing"
    )
    restore = None
    if found:
        box.setInformativeText(
            f"{found}. A backup gives the whole workspace as it was then; {copy}. "
            "Either way the damaged file is kept."
        )
        restore = box.addButton("Restore from Backup…", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(
            f"No backups were found in {shown_file_name(workspace_files.backup_folder(path))}; "
            f"{copy}. The damaged file stays as it is."
        )
    clean = box.addButton("Open a Cleaned Copy", QMessageBox.ButtonRole.AcceptRole)
    again = None
    if earlier is not None:
        box.setInformativeText(
            f"{box.informativeText()} The cleaned copy made before, "
            f"{shown_file_name(earlier.name)}, holds the work done in it since."
        )
        again = box.addButton("Open Earlier Cleaned Copy", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(again or restore or clean)
    give_mnemonics(box)
    run_box(box)
    clicked = box.clickedButton()
    if again is not None and clicked is again:
        return "earlier"
    if restore is not None and clicked is restore:
        return "restore"
    if clicked is clean:
        return "clean"
    return "cancel"


def _ask_untrusted(parent: QWidget | None, error: WorkspaceUntrusted, target: Path) -> bool:
    """True when the reviewer chose to open a cleaned copy at `target`."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Workspace from elsewhere",
        message_text(str(error)),
        parent=parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("untrustedWorkspaceBox")
    box.setInformativeText(
        f"The cleaned copy is a new workspace, {shown_file_name(target.name)}, in "
        f"{shown_file_name(target.parent)}. It holds "
        "the articles, sentences, reviews, sources, links, history and settings of this "
        "one, each checked, and nothing else. This file stays exactly as it is."
    )
    clean = box.addButton("Open a Cleaned Copy", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(clean)
    run_box(box)
    return box.clickedButton() is clean


def _offer_cleaned_copy(
    parent: QWidget | None, path: Path, error: WorkspaceUntrusted
) -> Path | None:
    """Offer, write and name a cleaned copy of a refused workspace (None: not wanted or
    not possible)."""
    target = _cleaned_copy_target(path)
    if not _ask_untrusted(parent, error, target):
        return None
    return _write_cleaned_copy(parent, path, target, "The original was")


def _cleaned_copy_target(path: Path) -> Path:
    """Where a cleaned copy of `path` goes: beside it, or into the data folder when that
    folder cannot be written."""
    return workspace_files.cleaned_copy_path(path, config.user_data_dir())


def _write_cleaned_copy(
    parent: QWidget | None, path: Path, target: Path, original: str
) -> Path | None:
    """Write the cleaned copy of `path` at `target` and say what it holds and what was
    left out ("`original` left as it was"); None, said, when it could not be written.
    None, unsaid, when the desk is closing because the session ends (SIGTERM): its note
    closed stops it, and a box would wait for a click no one is there to give."""
    try:
        result = _cleaned_in_background(parent, path, target)
    except Cancelled:
        if closing_on_signal():  # logging out closed its note: no one is there to answer
            return None
        inform(
            parent,
            "No cleaned copy",
            f"The cleaned copy was stopped: nothing was written. The workspace {path} was "
            "left untouched.",
        )
        return None
    except (FactcheckError, OSError) as problem:
        if closing_on_signal():  # told at the next start, which finds the file damaged
            return None
        inform(
            parent,
            "No cleaned copy",
            f"The cleaned copy could not be written: {error_text(problem)} "
            f"The workspace {path} was left untouched.",
            warning=True,
        )
        return None
    if closing_on_signal():  # the copy is offered at the next start (`earlier_cleaned_copy`)
        return None
    inform(parent, "Cleaned copy", f"{result.summary()} {original} left as it was.")
    return result.path


class _Finished(QObject):
    """Told from the cleaning's worker thread: the GUI thread's loop then ends."""

    done = Signal()


def _cleaned_in_background(parent: QWidget | None, path: Path, target: Path) -> CleanedCopy:
    """Write the cleaned copy in a worker thread, a note with Cancel up meanwhile: a year's
    workspace takes 20-60 s, for which the window froze (the box that asked still drawn,
    its buttons dead), with no way to stop. Raises what the cleaning raised (Cancelled
    when stopped: nothing written)."""
    stop = threading.Event()
    outcome: list[CleanedCopy | BaseException] = []
    finished = _Finished()
    loop = QEventLoop()
    finished.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def clean() -> None:
        try:
            outcome.append(workspace_files.open_cleaned_copy(path, target, stop.is_set))
        except BaseException as problem:  # raised again below, in the GUI thread
            outcome.append(problem)
        finally:
            finished.done.emit()

    # No file's name in it (the box before named them): a long one, with no space to
    # break at, would take the note's Cancel off the screen (as the merge's did).
    dialog = QProgressDialog(
        "Writing the cleaned copy: what can still be read of the damaged file…",
        "Cancel",
        0,
        0,
        parent,
    )
    dialog.setObjectName("cleaningProgress")
    dialog.setWindowTitle("Cleaned copy")
    dialog.setToolTip(shown_file_name(str(target)))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)  # the open waits for it
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(stop.set)
    dialog.rejected.connect(stop.set)  # Esc
    dialog.show()
    worker = run_in_background(clean, "cleaned copy")
    loop.exec()
    if not outcome:  # the loop ended before the cleaning did (the application quitting)
        stop.set()  # not a year's copy waited for, its note gone
    worker.join()
    dialog.close()
    dialog.deleteLater()
    [got] = outcome
    if isinstance(got, BaseException):
        raise got
    return got


@contextmanager
def _wait_cursor() -> Iterator[None]:
    """The wait cursor while the block runs, the pointer back before any box after it."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _restore(parent: QWidget | None, path: Path) -> bool:
    """Let the reviewer pick a backup and put it in place; True when restored. A backup
    refused as damaged, or as saved by a newer version, brings the list back to choose
    another ("choose another backup", the refusal says): the open ended there, and at a
    start the desk closed."""
    while True:
        dialog = RestoreBackupDialog(path, parent)
        if not run_dialog(dialog) or dialog.chosen() is None:
            return False
        chosen = dialog.chosen()
        assert chosen is not None
        try:
            with _wait_cursor():  # copied and read back whole: seconds for a big one
                kept = workspace_files.restore_backup(path, chosen.path)
        except (WorkspaceDamaged, BackupTooNew) as error:  # the backup: nothing changed
            inform(parent, "Restore failed", str(error), warning=True)
            continue
        except (FactcheckError, OSError) as error:
            # The storage's refusals end "; nothing was changed." themselves: said once.
            said = str(error)
            if not (isinstance(error, WorkspaceError) and error.says_unchanged):
                said = f"Nothing was changed: {said}"
            inform(parent, "Restore failed", said, warning=True)
            return False
        break
    where = f"\n\nThe previous file was kept as {kept}." if kept else ""
    inform(
        parent,
        "Workspace restored",
        f"The workspace was restored from the backup of {chosen.created:%Y-%m-%d %H:%M}." + where,
    )
    return True


def _tell_notices(parent: QWidget | None, desk: Desk) -> None:
    """Say once what the reviewer must know about this workspace (read-only, a share);
    an earlier crash is told by `tell_unconfirmed` once the window is up."""
    if desk.notices:
        inform(parent, config.APP_NAME, "\n\n".join(desk.notices))


def tell_unconfirmed(parent: QWidget | None, desk: Desk) -> None:
    """After a crash: the last edits it saved, in local time, with article and sentence,
    for the reviewer to check (told over the window, once it is up)."""
    edits = desk.unconfirmed_edits_described()
    cut_short = cut_short_said(desk.cut_short_imports) if desk.cut_short_imports else ""
    if desk.cut_short_merge:  # the editor saw it merging: nothing of it is in
        merge_said = merge_cut_short_said(desk.cut_short_merge)
        cut_short = f"{cut_short}\n\n{merge_said}" if cut_short else merge_said
    if not edits and not cut_short:
        return
    lines = []
    for edit in edits[:10]:
        # A moment this zone cannot show (a damaged history's year 1) is shown as stored.
        local = (in_local_zone(edit.at) or edit.at) if edit.at else None
        when = local.strftime("%H:%M on %d %b") if local else "(time unknown)"
        where = ""
        if edit.sentence_number is not None:
            title = shown_line(edit.article_title)  # as the article list shows it
            title = title if len(title) <= 50 else (title[:49] + "…")
            where = f" — sentence {edit.sentence_number} of “{title}”"
        lines.append(f"  • {when}: {edit.description}{where}")
    told = (
        "Factcheck desk was not closed properly last time (a crash or power cut). Every "
        "edit it saved is in the workspace."
    )
    if desk.unclosed_without_wal:
        name = desk.path.name if desk.path is not None else "the workspace"
        # Its own file, its -wal gone: a close on a full disk (every save in the file), or
        # a -wal deleted since a crash. Not "copied": it was not, and nothing says it lost.
        told = (
            f"Factcheck desk did not finish closing {name} last time (the disk may have "
            "been full as it closed, or the desk was stopped). Every edit it saved is in "
            f"the workspace, unless its {name}-wal file of recent changes was deleted since."
        )
    if desk.copied_while_open:
        name = desk.path.name if desk.path is not None else "This workspace"
        without = f"without its {name}-wal file of recent changes (or that file was deleted)"
        if desk.later_wal_set_aside is not None:
            # It came with its -wal, copied a moment later and set aside (said just before):
            # "without it (or that file was deleted)" read as if the desk had deleted it.
            without = (
                f"and its {name}-wal file of recent changes a moment later, which did not "
                "fit it and was set aside"
            )
        told = (
            f"{name} was copied while a desk had it open, {without}: what that desk saved "
            "in the moments before the copy may be missing here. To have everything, copy "
            "the workspace again after closing that desk, or save one with File → Save a "
            "Copy… in it."
        )
    if lines:
        told += " The last edits it holds, for you to check (your local time):\n"
        told += "\n".join(lines)
    if cut_short:
        told += f"\n\n{cut_short}"
    inform(parent, config.APP_NAME, told)
