"""Typed errors the services raise; the CLI and the GUI turn them into one clear message."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class FactcheckError(Exception):
    """Base of every error meant for the user: str(error) is the message to show."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (a parser worker's refusal is sent back so) or copied: made again from
        # its words and its parts as they are. Exception's own way calls the class with
        # the words alone: one that makes its words from parts failed to come back
        # (NoSuchFolder: a message and a folder) or said them twice
        # (WorkspaceChangedWhileRead: "The workspace The workspace w.fcdesk was changed …").
        return (_made_again, (type(self), self.args), self.__dict__ or None)


def _made_again(kind: type[FactcheckError], args: tuple[Any, ...]) -> FactcheckError:
    """An error of `kind` saying `args`, its constructor not called (its parts follow)."""
    return kind.__new__(kind, *args)


class ArticleImportError(FactcheckError):
    """An article file could not be read or decoded; nothing was imported."""


class InvalidReviewer(FactcheckError):
    """A reviewer's name or initials that cannot be recorded."""


class InvalidSourceUrl(FactcheckError):
    """A source URL is not an http(s) address."""


class NotFound(FactcheckError):
    """An article, sentence or source id does not exist in the workspace."""


class WorkspaceError(FactcheckError):
    """The workspace file cannot be opened or written as asked.

    `says_unchanged`: its words say themselves that nothing was changed (a refusal made
    before anything was), so a front end that says so says it once; told by the raise,
    never read from the words, which may name a file "nothing was changed.fcdesk"."""

    def __init__(self, message: str, *, says_unchanged: bool = False) -> None:
        super().__init__(message)
        self.says_unchanged = says_unchanged


class WorkspaceEmptyFile(WorkspaceError):
    """The workspace file has 0 bytes: SQLite would silently treat it as a new database."""


class NotAWorkspace(WorkspaceError):
    """The file is not a Factcheck desk workspace (another file type or another database)."""


class NoSuchFolder(WorkspaceError):
    """A new workspace was named in a folder that is not there (a typo, most likely)."""

    def __init__(self, message: str, folder: Path) -> None:
        super().__init__(message)
        self.folder = folder


class WorkspaceDamaged(WorkspaceError):
    """The file is a workspace but fails SQLite's checks (truncated, corrupted).

    Told in parts, so that each front end says it of the file it is about without
    reading the words back (a file named "restore it from a backup.fcdesk" or "Budget -
    It was left out.fcdesk" fooled every reading of them):

    - `reason`: what is wrong, in words, naming the file (and what was done or not);
    - `advice`: what to do about it, "" for nothing;
    - `fault`: what is wrong without the file's name or any advice: SQLite's report,
      the row and value a check refused (the reason itself when none was given);
    - `path`: the damaged file, when known;
    - `backup_helps`: the advice is to restore a backup of the workspace `path`;
    - `notes`: whole sentences said after the rest (where a -wal was kept…).

    `str()` is the whole message: `reason` and `advice` as two sentences, or, with
    `clauses` (a joining "; " or ": "), as one sentence of two clauses, closed by its
    full stop; then the notes.
    """

    def __init__(
        self,
        reason: str,
        advice: str = "",
        *,
        fault: str | None = None,
        path: Path | None = None,
        backup_helps: bool = False,
        clauses: str = "",
        notes: tuple[str, ...] = (),
    ) -> None:
        self.reason = reason
        self.advice = advice
        self.fault = reason if fault is None else fault
        self.path = path
        self.backup_helps = backup_helps
        self.clauses = clauses
        self.notes = notes
        super().__init__(self.told())

    def told(self, *, advice: bool = True) -> str:
        """The message, with its advice or (`advice=False`) without it."""
        if self.clauses:
            said = self.reason + (self.clauses + self.advice if advice and self.advice else "")
            said += "."
        else:
            said = " ".join([self.reason, *([self.advice] if advice and self.advice else [])])
        return " ".join([said, *self.notes])

    def with_notes(self, *notes: str) -> WorkspaceDamaged:
        """The same damage, `notes` said after what it said."""
        return WorkspaceDamaged(
            self.reason,
            self.advice,
            fault=self.fault,
            path=self.path,
            backup_helps=self.backup_helps,
            clauses=self.clauses,
            notes=(*self.notes, *notes),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Made again from its parts (pickled by a worker, copied): Exception's own way
        # passes the message alone, as the reason.
        return (
            _damaged_again,
            (
                self.reason,
                self.advice,
                self.fault,
                self.path,
                self.backup_helps,
                self.clauses,
                self.notes,
            ),
        )


def _damaged_again(
    reason: str,
    advice: str,
    fault: str,
    path: Path | None,
    backup_helps: bool,
    clauses: str,
    notes: tuple[str, ...],
) -> WorkspaceDamaged:
    return WorkspaceDamaged(
        reason,
        advice,
        fault=fault,
        path=path,
        backup_helps=backup_helps,
        clauses=clauses,
        notes=notes,
    )


class BackupTooNew(WorkspaceError):
    """A backup saved by a newer version of the desk: put in a workspace's place, it could
    only be read here, and Restore from Backup, the way back, needs one open for editing."""


class WorkspaceChangedWhileRead(WorkspaceError):
    """A reader that read the file without a stray -wal (and so without any lock) saw
    another program change the file under it: what it read may mix two moments. Not
    damage: read again, it is sound. Said in words that send the reviewer to read it
    again, never to a backup (which would put older work over good work)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        where = f"The workspace {path}" if path else "The workspace"
        super().__init__(
            f"{where} was changed by another program while it was being read here (a desk "
            "opened it for editing?), so what was read may mix the workspace before and "
            "after that change. It is not damaged, and nothing was changed here. Run the "
            "command again, or open the workspace again in the window, to read it as it is "
            "now."
        )


class WorkspaceInUse(WorkspaceError):
    """Another running desk (window or command) holds the workspace's writer lock."""


class WorkspaceBusy(WorkspaceError):
    """SQLite kept the workspace locked longer than we wait (another writer is mid-save)."""


class WorkspaceReadOnly(WorkspaceError):
    """The workspace cannot be written here (read-only file, folder, medium or open)."""


class WorkspaceFull(WorkspaceError):
    """The disk (or the workspace's size limit) is full: the change was not saved."""


class TemporaryFolderFull(WorkspaceFull):
    """The temporary folder SQLite sorts in is full, not the workspace's disk: nothing was
    done, and the workspace is unchanged (the message names the folder)."""


class WorkspaceUntrusted(WorkspaceError):
    """The file holds schema objects the desk never creates (triggers, views, tables…):
    it may have been crafted, so nothing in it is run or written.

    `found`: what was found, as a phrase after the file's name ("holds a trigger 't' that
    Factcheck desk never creates"), for a front end that says it in words of its own (the
    merge: the way out is a cleaned copy *merged*, not opened); "" when not told."""

    def __init__(self, message: str, *, found: str = "") -> None:
        super().__init__(message)
        self.found = found


class EditRefused(FactcheckError):
    """An edit cannot be made (e.g. merging the last sentence with nothing)."""


class ChangedMeanwhile(EditRefused):
    """An edit found what it was made from, in its own transaction, other than it was
    read: a second connection saved it in between (a worker of this window, or another
    program). Nothing was written. Whatever the step (a review edit, a source link, a
    merge, split or re-split, a decision, a sign-off), the window so refused shows what
    is saved now, which it does not read by itself (`gui/controllers/guards.py`,
    `shown_as_saved_if_changed`); a review edit, a merge and a split are first made
    again once from it as it is now (`services/reviews.py`, `services/boundaries.py`),
    so the refusal the window sees is their second."""


class TextTooLong(EditRefused):
    """Typed text longer than a field may hold (`review_rules.typed_too_long`): nothing is
    wrong with the workspace, so the window keeps the text in its field, not saved,
    until it is shortened (it was taken out of its field into a box, and lost on OK)."""


class TypedOverSaved(EditRefused):
    """Typed text not saved: the field it was typed over was saved by another connection
    since the window showed it (a second desk on the workspace, a script), and the text
    would go over that save. Saved late (too long, or no room on the disk, while that
    program saved), it did, unsaid, and the other program's text was lost. `saved`: what
    the field holds now, for the window to show; the window keeps the typed text."""

    def __init__(self, field_name: str, saved: str) -> None:
        super().__init__(
            f"The {field_name} was saved by another program since it was shown here: the "
            "text typed over it was not saved."
        )
        self.field_name = field_name
        self.saved = saved


class EarlierSentenceGone(EditRefused):
    """Copy Verdict or Reuse Sources from an earlier sentence another program (or a merge
    undone) took away since its verdict was shown: said so. Read as a sentence without a
    verdict or sources, it was refused as "no verdict to copy" or "no source that is not
    linked here already", both untrue."""

    def __init__(self) -> None:
        super().__init__(
            "Not done: that earlier sentence was taken away (by another program, or a merge "
            "undone or redone). Nothing was changed."
        )


class EditGone(EditRefused):
    """An undo or redo refused for good: what it was done on changed since, outside the
    undo stack (an article imported, or given a title, meanwhile), so each try would be
    refused again; the step is dropped. A full disk, another program's lock, or who may
    sign off are no such refusal: the step stays, to be tried again."""


class Cancelled(FactcheckError):
    """The reviewer cancelled a long job; nothing of it was kept."""


class StoppedToQuit(Cancelled):
    """The desk is quitting: a long job stops at its next step. An import's article
    half-written stays hidden, and the next open for editing removes it (the window's
    beside itself: services/leftovers.py): removed as the window closed, it held a window
    that did not repaint for a minute."""


class ExportRefused(FactcheckError):
    """An export's target must not be written: the workspace or one of its files, a device,
    a pipe, a folder given as a file, a read-only file…; nothing was written."""
