"""Looking after the open workspace file: check it, and back it up."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from factcheck_app import config
from factcheck_app.domain.errors import Cancelled, WorkspaceChangedWhileRead, WorkspaceError
from factcheck_app.domain.printable import shown_line
from factcheck_app.domain.wording import counted
from factcheck_app.services.collecting import collections_held
from factcheck_app.services.history import History
from factcheck_app.services.undecodable_text import undecodable_lines
from factcheck_app.storage import backups
from factcheck_app.storage import workspace as workspace_files
from factcheck_app.storage.backups import CheckReport
from factcheck_app.storage.errors import WorkspaceDatabase
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.search import IndexFindings
from factcheck_app.storage.stores.reviews import TwinVersion
from factcheck_app.storage.undecodable import find_undecodable
from factcheck_app.storage.wal_check import WORKSPACE_ID
from factcheck_app.storage.workspace import Workspace

__all__ = [
    "BackgroundBackup",
    "BackgroundCheck",
    "BackgroundPrivateIndex",
    "BackgroundRebuild",
    "CheckFindings",
    "CheckReport",
    "Upkeep",
    "inspect",
]

Progress = Callable[[int, str], None]  # per mille done, the stage in words

# A rebuild of the search index beside the window writes in steps of this long (each its
# own transaction, ended early when a save from the window waits), as an import's slices
# do (services/importer.py), and merges the index's segments between them.
REBUILD_STEP_SECONDS = 0.03
REBUILD_MERGES_PER_STEP = 4
REBUILD_FINAL_MERGES = 200
# A read-only window's private index is built in steps of this long (between them, a
# Cancel is heard and the progress told); nothing waits for its transaction.
PRIVATE_STEP_SECONDS = 0.1

# How long closing the workspace waits for a background backup that has stopped moving
# (no step of its copy done meanwhile): one whose backups folder is on a network share
# that stopped answering waits on it for minutes, on a hard NFS mount for ever, and
# Quit or logging out waited with it. A share that answers moves a step (4 MB) in under
# that down to 0.8 MB/s; a dead one never. Then the close goes on without it
# (`stop_backup`).
BACKUP_STILL_S = 5.0
# Back Up Now, let finish by the close, is waited for at its own pace: up to this many
# times its slowest step so far, when that is longer than `BACKUP_STILL_S` (a VPN share
# at 0.5 MB/s: 8 s a step, each thrown away at 5 s with the backup asked for), and never
# more than `BACKUP_PACE_MOST_S` without a step.
BACKUP_PACE_TIMES = 3.0
BACKUP_PACE_MOST_S = 60.0
# How long Back Up Now, on the window's thread, waits for an automatic backup it told to
# stop (`Upkeep.make_way_for_backup`): one that answers stops at its next step.
BACKUP_STOPS_AT_ONCE_S = 0.5

# The backups and copies `stop_backup` and `stop_copy` left behind, stuck
# (`read_left_behind`); each forgotten once its thread has ended.
_left_behind: list[BackgroundBackup | BackgroundCopy] = []
_left_behind_lock = threading.Lock()


def read_left_behind(workspace: Path) -> bool:
    """Does a backup or copy of `workspace` that a close left behind (`stop_backup`,
    `stop_copy`: stuck on a share that stopped answering) still run? It holds a read of
    the workspace through its own connection, which does not end while the share is
    silent: a close of the workspace (that one, or one of the workspace opened again)
    waits for no read then."""
    where = os.path.abspath(workspace)
    with _left_behind_lock:
        _left_behind[:] = [backup for backup in _left_behind if backup.running()]
        return any(os.path.abspath(backup.path) == where for backup in _left_behind)


# Where each stage of the check starts, in per mille of the whole: their shares of the
# check of a year's workspace (the integrity and foreign-key check 0.7 s, the article
# texts 0.03 s, text that is not UTF-8 0.12 s, the search index 0.35 s, the history's
# chain 0.85 s, then its reviews read against it 0.6-0.9 s).
_TEXTS_AT, _ENCODING_AT, _INDEX_AT, _HISTORY_AT, _REVIEWS_AT = 340, 355, 410, 565, 780


def twin_versions_line(twins: list[TwinVersion]) -> str:
    """Check Workspace's line for reviewers with two versions of one sentence's review
    (`ReviewStore.twin_versions`): ten sentences named, the rest counted; each article's
    title once, then its sentences by number for each reviewer (the title cut to 50 and
    repeated on each sentence hid the numbers between its copies); what it blocks and
    what to do."""
    articles: dict[int, tuple[str, dict[str, list[int]]]] = {}
    for twin in twins[:10]:
        _title, by_reviewer = articles.setdefault(twin.article_id, (twin.title, {}))
        by_reviewer.setdefault(twin.reviewer, []).append(twin.number)
    named = []
    for title, by_reviewer in articles.values():
        shown = shown_line(title) or "an article with no title"
        shown = shown if len(shown) <= 50 else shown[:49] + "…"
        whose = "; ".join(
            f"{shown_line(reviewer) or 'a reviewer with no name'}: "
            f"{_sentence_numbers(sorted(numbers))}"
            for reviewer, numbers in by_reviewer.items()
        )
        named.append(f"“{shown}” ({whose})")
    listed = "; ".join(named) + (f" and {len(twins) - 10:,} more" if len(twins) > 10 else "")
    return (
        f"Reviewers' versions: {counted(len(twins), 'sentence')} where one reviewer has two "
        f"versions of the review saved, one written outside the desk (the name stored as "
        f"bytes): {listed}. Both are kept; such a sentence "
        "cannot be merged or split (one version would be lost) until whoever edited the "
        "file keeps one, or a backup from before that edit is restored."
    )


def _sentence_numbers(numbers: list[int]) -> str:
    """ "sentence 3", "sentences 3 and 5", "sentences 3, 5 and 7"."""
    if len(numbers) == 1:
        return f"sentence {numbers[0]}"
    return "sentences " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


@dataclasses.dataclass
class CheckFindings:
    """What Check Workspace found, read without writing anything. The search index's line
    is added by `Upkeep.finish_check`, which may repair the index first."""

    report: backups.CheckReport
    index: IndexFindings | None = None  # None: the database failed its check first
    index_at: int = 0  # where the search index's line goes among report.lines


def inspect(
    repo: WorkspaceRepository,
    *,
    own_check: bool = False,
    cancelled: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> CheckFindings:
    """Every check of Check Workspace that only reads: the database's integrity and
    foreign keys, the article texts, text that is not UTF-8, the search index
    (`SearchIndex.inspect`; `own_check` there) and the history's chain. Cancelled once
    `cancelled()` says so."""

    def stage(at: int, words: str) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled("Check cancelled: nothing was changed.")
        if progress is not None:
            progress(at, words)

    stage(0, "Checking the database…")
    report = backups.check_database(repo.db.conn)
    stage(_TEXTS_AT, "Checking the article texts…")
    if not report.ok:
        return CheckFindings(report)
    lines = report.lines
    broken = repo.articles.articles_with_broken_text()
    if broken:
        listed = ", ".join(str(i) for i in broken[:10])
        lines.insert(
            -1,
            f"Article texts: {counted(len(broken), 'article')} with missing or "
            "overlapping text "
            f"({'article' if len(broken) == 1 else 'articles'} {listed}); "
            f"{'its' if len(broken) == 1 else 'their'} sentences may show the wrong words. Restore "
            "the newest backup that checks out (File → Restore from Backup).",
        )
        report = dataclasses.replace(report, ok=False)
    else:
        lines.insert(-1, "Article texts: all whole.")
    # Counted with "Holds N articles", not again: an import that finished between the two
    # counts was left out of it and said nowhere. (With damage found, `check_database`
    # says it: it ends before here.)
    if report.unfinished:
        lines.insert(-1, backups.unfinished_line(report.unfinished))
    twins = repo.reviews.twin_versions()
    if twins:
        lines.insert(-1, twin_versions_line(twins))
        report = dataclasses.replace(report, ok=False)
    stage(_ENCODING_AT, "Checking the text…")
    undecodable = find_undecodable(repo.db, cancelled=cancelled or (lambda: False))
    stage(_INDEX_AT, "Checking the search index…")  # a Cancel during the text stops here
    for line in undecodable_lines(undecodable):
        lines.insert(-1, line)
    if undecodable:
        report = dataclasses.replace(report, ok=False)
    index = repo.search.inspect(own_check=own_check)
    index_at = len(lines) - 1
    stage(_HISTORY_AT, "Checking the history…")
    entries = repo.history.count() or 1

    def read(count: int) -> None:
        stage(
            _HISTORY_AT + (_REVIEWS_AT - _HISTORY_AT) * min(count, entries) // entries,
            "Checking the history…",
        )

    def reviews(done: int, steps: int) -> None:
        stage(
            _REVIEWS_AT + (1000 - _REVIEWS_AT) * min(done, steps) // max(steps, 1),
            "Checking the reviews…",
        )

    history = History(repo).verify(read, reviews)
    for line in [history.summary(), *history.sentences()]:
        lines.insert(-1, line)
    if not history.ok:
        report = dataclasses.replace(report, ok=False)
    stage(1000, "Checking the reviews…")
    return CheckFindings(report, index, index_at)


class Upkeep:
    """Integrity checks and backups of one open workspace."""

    def __init__(self, workspace: Workspace, repo: WorkspaceRepository) -> None:
        self.workspace = workspace
        self.repo = repo
        self.background: BackgroundBackup | None = None
        # The last one `stop_backup` left behind, stuck: a Back Up Now so is told of.
        self.left_behind: BackgroundBackup | None = None
        self.left_behind_copy: BackgroundCopy | None = None  # `stop_copy`'s, likewise
        self.copying: BackgroundCopy | None = None  # File → Save a Copy…
        self.checking: BackgroundCheck | None = None
        self.rebuilding: BackgroundRebuild | BackgroundPrivateIndex | None = None

    def check(self) -> backups.CheckReport:
        """Integrity and foreign-key check of the open workspace, and of its search index
        (repaired when it is incomplete: it only repeats what the other tables hold), on
        this connection and thread (the command line; the window uses `start_check`)."""
        writable = not self.workspace.read_only
        return self.finish_check(inspect(self.repo, own_check=writable))

    def start_check(
        self,
        on_done: Callable[[BackgroundCheck], None],
        progress: Progress | None = None,
    ) -> BackgroundCheck:
        """Check Workspace's reading in a thread of its own, through a read-only connection
        of its own (a year's workspace: 2.4 s that held the window). The window keeps
        saving meanwhile; the check reads the workspace as it was when it began.
        `on_done` and `progress` are called in that thread; the window then calls
        `finish_check` with the findings. One under way is stopped first; closing the
        workspace stops it (`stop_check`)."""
        if self.workspace.path is None:
            raise WorkspaceError("An in-memory workspace is checked on its own connection.")
        self.stop_check()
        self.checking = BackgroundCheck(self.workspace.path, on_done, progress)
        self.checking.start()
        return self.checking

    def stop_check(self) -> None:
        """Stop a check under way (it wrote nothing) and wait for its thread."""
        if self.checking is not None:
            self.checking.stop()
            self.checking = None

    def finish_check(self, found: CheckFindings, *, beside: bool = False) -> backups.CheckReport:
        """The report of what the reading found, the search index repaired first in a
        workspace open for writing (on this connection: a repair writes). Never in a
        read-only one: there the report says what is wrong. `beside` (the window): a
        whole rebuild is only marked as due, for `start_rebuild`."""
        report = found.report
        if found.index is None:
            return report
        search = self.repo.search
        if self.workspace.read_only or search.table != "search_index":
            line = search.describe(found.index)
        else:
            line = search.repair(found.index, beside=beside)
        lines = [*report.lines]
        lines.insert(found.index_at, line)
        return dataclasses.replace(report, lines=lines)

    def rebuild_due(self) -> bool:
        """Is the workspace's search index to be rebuilt (out of date, damaged, or its
        rebuild cut short), in a workspace this desk may write?"""
        if self.workspace.read_only or self.repo.search.table != "search_index":
            return False
        return self.repo.search.rebuild_due() is not None

    def start_rebuild(
        self,
        on_done: Callable[[BackgroundRebuild], None],
        progress: Progress | None = None,
    ) -> BackgroundRebuild:
        """Rebuild the search index in a thread of its own (a year's workspace: 8-13 s,
        which held the window), through a writing connection of its own whose short
        transactions let the window's saves go first. `on_done` and `progress` are called
        in that thread. Closing the workspace stops it (`stop_rebuild`); the workspace
        says how far it got, and the next rebuild goes on from there."""
        if self.workspace.path is None:
            raise WorkspaceError("An in-memory workspace is rebuilt on its own connection.")
        self.stop_rebuild()
        self.rebuilding = BackgroundRebuild(self.workspace.path, on_done, progress)
        self.rebuilding.start()
        return self.rebuilding

    def private_index_due(self) -> bool:
        """Is the private index of a read-only workspace (its own out of date) still to
        be built, for `start_private_index`?"""
        return self.workspace.path is not None and self.repo.search.private_due

    def start_private_index(
        self,
        on_done: Callable[[BackgroundPrivateIndex], None],
        progress: Progress | None = None,
    ) -> BackgroundPrivateIndex:
        """Build a read-only workspace's private index in a thread of its own (a year's
        workspace: 5 s that held the window), through a read-only connection of its own:
        the workspace is never written. `on_done` and `progress` are called in that
        thread; the window then hands the index to its own connection
        (`SearchIndex.adopt_private`). Closing the workspace stops it (`stop_rebuild`)."""
        if self.workspace.path is None:
            raise WorkspaceError("An in-memory workspace is indexed on its own connection.")
        self.stop_rebuild()
        self.repo.search.building_apart()  # what is saved from now on may miss the index
        self.rebuilding = BackgroundPrivateIndex(self.workspace.path, on_done, progress)
        self.rebuilding.start()
        return self.rebuilding

    def stop_rebuild(self) -> None:
        """Stop a rebuild under way between two of its steps, and wait for its thread."""
        if self.rebuilding is not None:
            self.rebuilding.stop()
            self.rebuilding = None

    def backup_now(self, reason: str = "manual") -> Path:
        """A backup of the workspace, taken now."""
        if self.workspace.path is None:
            raise WorkspaceError("An in-memory workspace has no backups.")
        return backups.take_backup(self.workspace.db.conn, self.workspace.path, reason)

    def _backup_due(self) -> Path | None:
        """The workspace's path when its automatic backup is due (an old last backup, and
        work to lose); else None (`_may_back_up`)."""
        path = self._may_back_up()
        return path if path is not None and backups.backup_due(path) else None

    def _may_back_up(self) -> Path | None:
        """The workspace's path when it has work to lose, and may be backed up; its backups
        folder is not looked at (`backups.backup_due` is). None while the workspace cannot
        be backed up as it stands: moved or replaced, its disk gone, or its -wal deleted
        (a backup's connection beside this one would read through a new, empty -wal): the
        window has said so; none until the workspace is opened again."""
        path = self.workspace.path
        db = self.workspace.db
        if path is None or self.workspace.read_only or db.stopped or db.disk_failed:
            return None
        if not self.repo.articles.has_articles():
            return None
        try:
            workspace_files.refuse_beside_a_deleted_wal(path)
        except WorkspaceError:
            return None
        return path

    def backup_if_due(self) -> None:
        """The rotating automatic backup when the last one is old (and there is work to
        lose); a failure becomes a notice, never an error."""
        path = self._backup_due()
        if path is not None:
            removed: list[Path] = []
            try:
                backups.take_backup(
                    self.workspace.db.conn, path, "auto", on_made_room=removed.extend
                )
            except WorkspaceError as error:
                self.workspace.notices.append(str(error))
            if removed:
                self.workspace.notices.append(made_room_note(removed))

    def start_backup_if_due(
        self, on_done: Callable[[BackgroundBackup], None] | None = None
    ) -> BackgroundBackup | None:
        """`backup_if_due` in a thread of its own (the window's): a year's workspace of
        170 MB took 0.3-2 s to copy, all of it before the window answered a key. The
        window keeps saving meanwhile; the backup holds the workspace as it was when it
        began. `on_done` is called in that thread when it ends (made, failed, stopped, or
        none due). Closing the workspace stops it (`stop_backup`).

        Whether one is due is looked at in that thread too (None only when none may be
        made at all, `_may_back_up`): it lists the backups folder, and with that folder on
        a network share that stopped answering the window froze there, at the open and at
        each 10-minute look (a hard NFS mount: for ever), before Quit could be pressed."""
        path = self._may_back_up()
        return None if path is None else self.start_backup("auto", on_done, if_due=True)

    def start_backup(
        self,
        reason: str = "manual",
        on_done: Callable[[BackgroundBackup], None] | None = None,
        *,
        if_due: bool = False,
    ) -> BackgroundBackup:
        """A backup made now in a thread of its own (File → Back Up Now: 0.3 s to seconds
        of a year's workspace on the window's thread); one under way is stopped first."""
        if self.workspace.path is None:
            raise WorkspaceError("An in-memory workspace has no backups.")
        # Its own connection, beside the window's: as an import's, refused in words.
        workspace_files.refuse_beside_a_deleted_wal(self.workspace.path)
        self.stop_backup()
        self.background = BackgroundBackup(self.workspace.path, on_done, reason, if_due=if_due)
        self.background.start()
        return self.background

    def make_way_for_backup(self) -> BackgroundBackup | None:
        """Back Up Now's first step, on the window's thread: an automatic backup under way
        is told to stop, and waited for `BACKUP_STOPS_AT_ONCE_S` at most. The backup still
        running, which Back Up Now must not stop by waiting for it (`start_backup`'s
        `stop_backup` held the window up to `BACKUP_STILL_S` without a word, with the
        backups folder on a share that stopped answering), nor begin a second beside it:
        a Back Up Now under way (left to go on), or an automatic one that did not stop at
        once (told to stop; the next Back Up Now finds it ended). None: the way is free."""
        background = self.background
        if background is None or not background.running():
            return None
        if background.reason == "manual":
            return background
        background.cancel()
        return None if background.ended_within(BACKUP_STOPS_AT_ONCE_S) else background

    def stop_backup(
        self,
        *,
        finish_asked_for: bool = False,
        on_wait: Callable[[float], None] | None = None,
    ) -> bool:
        """Stop a background backup under way (nothing of it is left) and wait for it.
        `finish_asked_for` (closing the workspace): one the reviewer asked for (Back Up
        Now, told "Backing up …") is let finish instead: quitting right after it threw
        it away without a word.

        Waited for as long as it moves, but never more than `BACKUP_STILL_S` after its
        last step (or after this call, if later; one let finish, at its own pace: see
        `BACKUP_PACE_TIMES`): a backup stuck on a share that stopped
        answering is left behind, told to stop, in its daemon thread (it ends with the
        desk, or when the share answers). It writes into `NAME.partial` and gives the
        backup its name only once whole (`backups.take_backup`): left so, it is never
        listed as a backup, and it removes the part file when it wakes, or the next
        backup does once it is an hour old. `on_wait(BACKUP_STILL_S)` is called when one
        being stopped (not one let finish: the window said so) has not ended after
        `CLOSE_SAYS_IT_WAITS_AFTER_S`. Whether it ended (True: none was under way)."""
        background = self.background
        if background is None:
            return True
        self.background = None
        finishing = finish_asked_for and background.reason == "manual"
        if not finishing:
            background.cancel()
        ended = background.wait_while_moving(
            BACKUP_STILL_S,
            None if finishing else on_wait,
            workspace_files.CLOSE_SAYS_IT_WAITS_AFTER_S,
            keep_pace=finishing,
        )
        if not ended:
            background.cancel()  # one let finish too: what it wrote is not kept half-done
            self.left_behind = background
            with _left_behind_lock:
                _left_behind.append(background)
            logging.getLogger(__name__).warning(
                "The %s backup of %s did not move for %g s (its backups folder does not "
                "answer?): left behind, stopped, and no backup made.",
                "automatic" if background.reason == "auto" else background.reason,
                background.path.name,
                BACKUP_STILL_S,
            )
        return ended

    def copy_target_problem(self, target: Path) -> str | None:
        """Why Save a Copy may not write `target`, in words (`backups.copy_target_problem`);
        None when it may."""
        if self.workspace.path is None:
            return "an in-memory workspace has no file to copy."
        problem = backups.copy_target_problem(self.workspace.path, target)
        if problem is not None or os.path.lexists(target):
            return problem  # a file there: replaced only after asking
        return _new_copy_name_problem(target.name)

    def replaced_workspace(self, target: Path) -> tuple[bool | None, int] | None:
        """When the file Save a Copy would replace at `target` is a workspace: (is it a
        copy of this one, by its id, None when either has none; how many articles it
        holds). None for another file: its question said "What it holds now is lost" of
        a colleague's whole workspace, as of any file."""
        return workspace_held_at(target, self.workspace_id())

    def workspace_id(self) -> str | None:
        """This workspace's id, read now (None: a workspace of 0.1.0, which had none)."""
        return self.repo.settings.get_setting(WORKSPACE_ID)

    def save_copy(self, target: Path, *, replace: bool = False) -> Path:
        """A whole copy of the workspace at `target`, made now (`factcheck-app copy`)."""
        if self.workspace.path is None:
            raise WorkspaceError("No copy was made: an in-memory workspace has no file to copy.")
        return backups.save_copy(
            self.workspace.db.conn, self.workspace.path, target, replace=replace
        )

    def start_copy(
        self, target: Path, on_done: Callable[[BackgroundCopy], None], *, replace: bool = False
    ) -> BackgroundCopy:
        """File → Save a Copy…: the copy made in a thread of its own, through a connection
        of its own, as Back Up Now's backup (the window keeps saving; the copy holds the
        workspace as it was when it began). Stopped by `stop_copy` (Stop, or closing the
        workspace: nothing of it is left)."""
        if self.workspace.path is None:
            raise WorkspaceError("No copy was made: an in-memory workspace has no file to copy.")
        workspace_files.refuse_beside_a_deleted_wal(self.workspace.path)
        self.stop_copy()
        self.copying = BackgroundCopy(self.workspace.path, target, on_done, replace=replace)
        self.copying.start()
        return self.copying

    def stop_copy(self, *, finish_asked_for: bool = False) -> bool:
        """Stop a copy under way between two of its steps (nothing of it is left), and
        wait for it. `finish_asked_for` (closing the workspace): let it finish instead,
        as Back Up Now's: the reviewer asked for it, and it is told when saved.

        Waited for as long as it moves, as a backup is (`stop_backup`): one onto a share
        that stopped answering (handed over on a colleague's share) is left behind, told
        to stop, once its copy has not moved for `BACKUP_STILL_S` (or at its own pace):
        the close waited for it without a limit. It writes a hidden part file named only
        once whole: left so, nothing is named a copy. Whether it ended (True: none ran)."""
        copying = self.copying
        if copying is None:
            return True
        self.copying = None
        if not finish_asked_for:
            copying.cancel()
        ended = copying.wait_while_moving(BACKUP_STILL_S, keep_pace=finish_asked_for)
        if not ended:
            copying.cancel()  # what it wrote is not kept half-done
            self.left_behind_copy = copying
            with _left_behind_lock:
                _left_behind.append(copying)
            logging.getLogger(__name__).warning(
                "The copy of %s to %s did not move for %g s (its folder does not answer?): "
                "left behind, stopped, and no copy made.",
                copying.path.name,
                copying.target,
                BACKUP_STILL_S,
            )
        return ended


def workspace_held_at(target: Path, ours: str | None) -> tuple[bool | None, int] | None:
    """`Upkeep.replaced_workspace` given this workspace's id `ours`: looks at the disk
    only, through no connection of the desk's, so callable from a worker thread (a file
    on a network share that may not answer, `gui.disk_look`)."""
    held = backups.workspace_held(target)
    if held is None:
        return None
    theirs, articles = held
    return (None if ours is None or theirs is None else theirs == ours), articles


# Characters no file name may hold on some disk the copy may go to (a FAT USB stick,
# Windows), and control characters: left out of a reviewer's name in a copy's name.
_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_COPY_STEM_BYTES = 200  # of the name Save a Copy offers: its part file's name must fit too


def _new_copy_name_problem(name: str) -> str | None:
    """Why a new copy may not be named `name`, as a new workspace may not
    (`check_new_workspace_name`): `copy -w W out.txt`, or "out.fcdesk " pasted with its
    space, made a copy that File → Open Workspace's Workspaces filter hides."""
    ending = config.WORKSPACE_SUFFIX
    if name.lower().endswith(ending) and len(name) > len(ending):
        return None
    if name.rstrip().lower() == ending:  # a hidden file: the dialog lists no such name
        why = "has no name before it"
    elif name.rstrip().lower().endswith(ending):
        why = "ends in a space"
    else:
        why = "does not"
    return (
        f"a workspace's name ends in {config.WORKSPACE_SUFFIX}, so that File → Open "
        f"Workspace lists it, and “{name}” {why}: choose a name ending in "
        f"{config.WORKSPACE_SUFFIX}."
    )


def copy_file_name(workspace: Path, reviewer: str, day: dt.date) -> str:
    """The name Save a Copy offers: "ana – Ana Ruiz 2026-12-06.fcdesk". Short and read
    by the one it is handed to: whose work it is (the workspace's own name and the
    reviewer's) and of which day; a merge names it so ("Merged ana – Ana Ruiz
    2026-12-06.fcdesk: …"). The en dash keeps the workspace's name apart from a name
    or a date holding hyphens. A backup's name (workspace-20261206-031500Z-manual)
    said neither whose nor, to a reader, when."""
    who = " ".join(_NOT_IN_NAMES.sub(" ", reviewer).split()).strip(". ")
    stem = f"{workspace.stem} – {who} {day:%Y-%m-%d}" if who else f"{workspace.stem} {day:%Y-%m-%d}"
    while len(stem.encode("utf-8", "surrogateescape")) > _COPY_STEM_BYTES:
        stem = stem[:-1]  # whole characters
    return f"{stem}.fcdesk"


def made_room_note(removed: list[Path]) -> str:
    """What making room for a backup removed, in words."""
    if len(removed) == 1:
        return "The disk is nearly full: the oldest automatic backup was removed to make room."
    return (
        f"The disk is nearly full: the {len(removed):,} oldest automatic backups were removed "
        "to make room."
    )


class BackgroundJob:
    """A piece of upkeep in a daemon thread of its own, which may be asked to stop. Its
    owner hears how it ended through `on_done`, called in that thread."""

    def __init__(self, thread_name: str) -> None:
        self.error: str | None = None  # why it stopped, in words
        self.cancelled = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=thread_name, daemon=True)
        self._moved_at = time.monotonic()  # its last step (`wait_while_moving`)
        self._slowest_step = 0.0  # seconds, the first counted from here

    def _looked(self) -> bool:
        """Should it stop? Asked at each step of a copy and of its check, by a job that
        passes it as `cancelled`: a step done (`wait_while_moving`)."""
        now = time.monotonic()
        self._slowest_step = max(self._slowest_step, now - self._moved_at)
        self._moved_at = now
        return self._stop.is_set()

    def wait_while_moving(
        self,
        still_s: float,
        on_wait: Callable[[float], None] | None = None,
        say_after_s: float = 0.0,
        *,
        keep_pace: bool = False,
    ) -> bool:
        """Wait for the job to end as long as it moves (`_looked`), up to `still_s` after
        its last step (or after this call, if later); with `keep_pace`, up to
        `BACKUP_PACE_TIMES` its slowest step so far when that is longer (at most
        `BACKUP_PACE_MOST_S`). `on_wait(still_s)` once it has not ended after
        `say_after_s`. Whether it ended (True when it never began): False when it was
        left behind, still (a share that stopped answering)."""
        thread = self._thread
        if thread.ident is None or thread is threading.current_thread():
            return not thread.is_alive()
        began = time.monotonic()
        if on_wait is not None:
            thread.join(say_after_s)
            if thread.is_alive():
                on_wait(still_s)
        while thread.is_alive():
            still = still_s
            if keep_pace:
                paced = min(BACKUP_PACE_TIMES * self._slowest_step, BACKUP_PACE_MOST_S)
                still = max(still_s, paced)
            rest = max(self._moved_at, began) + still - time.monotonic()
            if rest <= 0:
                return False
            thread.join(rest)
        return True

    def start(self) -> None:
        self._thread.start()

    def running(self) -> bool:
        return self._thread.is_alive()

    def ended_within(self, seconds: float) -> bool:
        """Wait up to `seconds` for the job to end (not from its own thread); whether it
        has (True when it never began)."""
        if self._thread.ident is not None and self._thread is not threading.current_thread():
            self._thread.join(seconds)
        return not self._thread.is_alive()

    def cancel(self) -> None:
        """Ask the job to stop at its next look (it leaves nothing half-done)."""
        self._stop.set()

    def finish(self) -> None:
        """Wait for the job to end (never from its own thread: `on_done` may close it)."""
        if self._thread.ident is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def stop(self) -> None:
        """Cancel the job and wait for its thread (closing the workspace)."""
        self.cancel()
        self.finish()

    def _run(self) -> None:
        raise NotImplementedError


class _ReadingJob(BackgroundJob):
    """A job that reads through a connection of its own, made in its thread: Cancel
    interrupts the statement running on it (SQLite allows that from another thread), and
    the thread ends, cancelled, soon after. How it ends: its `_work` done, cancelled (an
    interrupted statement after a Cancel is the Cancel, not damage), a WorkspaceError in
    words, or a bug (`_failed`: the owner still hears it ended, its progress goes, and
    the exception goes on to the crash hook, which logs it)."""

    _failed = ""  # the error when a bug stopped it

    def __init__(self, thread_name: str, on_done: Callable[[Any], None]) -> None:
        super().__init__(thread_name)
        self._on_done = on_done
        self._reading: WorkspaceDatabase | None = None  # the thread's while it reads
        self._reading_lock = threading.Lock()

    def cancel(self) -> None:
        super().cancel()
        with self._reading_lock:
            if self._reading is not None:
                self._reading.interrupt()

    @contextlib.contextmanager
    def _interruptible(self, db: WorkspaceDatabase) -> Iterator[None]:
        """`db` reachable by `cancel` while the block reads through it."""
        with self._reading_lock:
            self._reading = db
        try:
            yield
        finally:
            with self._reading_lock:
                self._reading = None

    def _run(self) -> None:
        try:
            self._work()
        except Cancelled:
            self.cancelled = True
        except WorkspaceError as error:
            if self._stop.is_set():
                self.cancelled = True
            else:
                self.error = str(error)
        except Exception:
            self.error = self._failed
            raise
        finally:
            self._on_done(self)

    def _work(self) -> None:
        raise NotImplementedError


class BackgroundBackup(BackgroundJob):
    """One automatic backup in a thread, through a connection of its own."""

    def __init__(
        self,
        path: Path,
        on_done: Callable[[BackgroundBackup], None] | None,
        reason: str = "auto",
        *,
        if_due: bool = False,
    ) -> None:
        super().__init__("automatic backup")
        self.path = path
        self.reason = reason
        self.if_due = if_due  # only when due (`backups.backup_due`), looked at in its thread
        self.made: Path | None = None
        self.made_room: list[Path] = []  # old automatic backups removed to make room
        self._on_done = on_done

    def room_note(self) -> str:
        """Which old backups were removed to make room for this one, in words ("" if none)."""
        return made_room_note(self.made_room) if self.made_room else ""

    def _due(self) -> bool:
        """Is the backup due, and not stopped meanwhile? A backups folder that cannot be
        listed (a share that dropped, an I/O error) makes none now, said in the log: the
        next save or look says what is wrong, in words."""
        try:
            due = backups.backup_due(self.path)
        except OSError as error:
            logging.getLogger(__name__).warning("No automatic backup now: %s", error)
            return False
        return due and not self._stop.is_set()

    def _run(self) -> None:
        try:
            if self.if_due and not self._due():
                self.cancelled = self._stop.is_set()
                return
            self.made = backups.take_backup_on_own_connection(
                self.path,
                self.reason,
                cancelled=self._looked,
                on_made_room=self.made_room.extend,
            )
        except backups.BackupCancelled:
            self.cancelled = True
        except WorkspaceError as error:
            self.error = str(error)
        finally:
            if self._on_done is not None:
                self._on_done(self)


class BackgroundCopy(BackgroundJob):
    """File → Save a Copy… in a thread, through a connection of its own."""

    def __init__(
        self,
        path: Path,
        target: Path,
        on_done: Callable[[BackgroundCopy], None],
        *,
        replace: bool = False,
    ) -> None:
        super().__init__("copy of the workspace")
        self.path = path
        self.target = target
        self.replace = replace
        self.made: Path | None = None
        self._on_done = on_done

    def _run(self) -> None:
        try:
            self.made = backups.save_copy_on_own_connection(
                self.path, self.target, replace=self.replace, cancelled=self._looked
            )
        except backups.BackupCancelled:
            self.cancelled = True
        except WorkspaceError as error:
            self.error = str(error)
        finally:
            self._on_done(self)


class BackgroundCheck(_ReadingJob):
    """Check Workspace's reading (`inspect`) in a thread, through a read-only connection
    of its own held in one read transaction: what it reads is one state of the workspace,
    whatever the window saves meanwhile (a save is never taken for damage)."""

    _failed = "an unexpected error stopped the check."

    def __init__(
        self,
        path: Path,
        on_done: Callable[[BackgroundCheck], None],
        progress: Progress | None = None,
    ) -> None:
        super().__init__("workspace check", on_done)
        self.path = path
        self.findings: CheckFindings | None = None
        self._progress = progress

    def _work(self) -> None:
        self.findings = self._inspect()

    def _inspect(self) -> CheckFindings:
        with workspace_files.reading_apart(self.path) as db, self._interruptible(db):
            try:
                found = inspect(
                    WorkspaceRepository(db), cancelled=self._stop.is_set, progress=self._progress
                )
            except WorkspaceError:
                self._say_if_changed(db)
                raise
            self._say_if_changed(db)
            if db.read_alone_because is not None:
                # Read as the window reads it, the file alone: the report says why first.
                found.report.lines.insert(0, db.read_alone_because)
                found = dataclasses.replace(found, index_at=found.index_at + 1)
        if self._stop.is_set():
            raise Cancelled("Check cancelled: nothing was changed.")
        return found

    def _say_if_changed(self, db: WorkspaceDatabase) -> None:
        """Read without a stray -wal (no lock held, as the read-only window reads it),
        the file changed by another program meanwhile (a desk opened it for editing):
        findings of two moments ("cannot be read: … malformed") are that writer's pages,
        not damage. Said so, and how to read it again."""
        if db.changed_under is not None and db.changed_under():
            raise WorkspaceChangedWhileRead(self.path)


class _IndexJob(BackgroundJob):
    """What the two search index jobs share: a run that holds off full garbage
    collections (hundreds of thousands of index words: none may hold the window's thread,
    as an import: services/collecting.py), how it ends, and its progress."""

    _doing = ""  # the progress line, "Rebuilding the search index…"
    _failed = ""  # the error when a bug stopped it

    def __init__(self, thread_name: str, path: Path, progress: Progress | None) -> None:
        super().__init__(thread_name)
        self.path = path
        self.complete = False  # every sentence indexed
        self.sentences = 0  # in the workspace when the job began
        self._progress = progress

    def _run(self) -> None:
        try:
            with collections_held():
                self._work()
        except Cancelled:
            self.cancelled = True
        except WorkspaceError as error:
            self.error = str(error)
        except Exception:
            # A bug: the window still hears the job ended (its progress goes), and the
            # exception goes on to the crash hook, which logs it.
            self.error = self._failed
            raise
        finally:
            self._done()

    def _work(self) -> None:
        raise NotImplementedError

    def _done(self) -> None:
        """Tell the owner how it ended (`on_done`, typed by each job)."""
        raise NotImplementedError

    def _tell(self, done: int) -> None:
        """Say how far the job got."""
        if self._progress is not None:
            per_mille = 1000 * done // self.sentences if self.sentences else 1000
            self._progress(min(per_mille, 1000), self._doing)


class BackgroundRebuild(_IndexJob):
    """The search index rebuilt in a thread, through a writing connection of its own, in
    short transactions (`SearchIndex.rebuild_some`): the window keeps saving, each save
    waiting for one batch at most, and searching the rows it touches by this version's
    rules. Cancelled (or stopped by a close) between two steps, it leaves the workspace
    saying how far it got: the next rebuild, here or at the next open, goes on from
    there. The same after a kill: each step writes its mark with its rows."""

    def __init__(
        self,
        path: Path,
        on_done: Callable[[BackgroundRebuild], None],
        progress: Progress | None = None,
    ) -> None:
        # Cancelled after the step it is writing.
        super().__init__("search index rebuild", path, progress)
        self._on_done = on_done

    _doing = "Rebuilding the search index…"
    _failed = "an unexpected error stopped the rebuild."

    def _work(self) -> None:
        workspace = workspace_files.open_writer(self.path)
        try:
            self._rebuild(WorkspaceRepository(workspace.db))
        finally:
            workspace.close()

    def _done(self) -> None:
        self._on_done(self)

    def _tell(self, done: int) -> None:
        """Say how far the rebuild got; stop here when it was cancelled."""
        super()._tell(done)
        if self._stop.is_set():
            raise Cancelled("Rebuild of the search index cancelled.")

    def _rebuild(self, repo: WorkspaceRepository) -> None:
        search, db = repo.search, repo.db
        due = search.rebuild_due()
        if due is None:
            self.complete = True
            return
        done, self.sentences = search.rebuilt_share(due.after)
        self._tell(done)
        with db.atomic():
            search.start_rebuild(due)
            search.defer_merges()
        try:
            # Each step's mark is written with its rows; a power cut may lose the last
            # steps, and the next rebuild does them again (the index only repeats what
            # the other tables hold).
            with db.unsynced_commits():
                after: int | None = due.after
                while after is not None:
                    start = after
                    with db.atomic():
                        after = search.rebuild_some(
                            start, seconds=REBUILD_STEP_SECONDS, stop=db.a_save_is_waiting
                        )
                    done += search.sentences_between(start, after)
                    self._tell(done)
                    search.merge_steps(REBUILD_MERGES_PER_STEP, stop=self._stop.is_set)
                self.complete = True
                # Whole now: a Cancel only leaves the tidying to FTS5's own merging.
                search.merge_steps(REBUILD_FINAL_MERGES, stop=self._stop.is_set)
        finally:
            with contextlib.suppress(WorkspaceError), db.atomic():
                search.resume_merges()


class BackgroundPrivateIndex(_IndexJob):
    """A read-only workspace's private search index (its own is out of date, and cannot be
    written) built in a thread, into an in-memory database of a read-only connection of
    its own, in one read transaction: the index of one state of the workspace, whatever
    another desk saves meanwhile. Whole (or cancelled: as far as it got), it is handed
    over as one `image` for the window's connection to search (`adopt_private`). Nothing
    is written to the workspace, and nothing of it outlives the process: a kill leaves
    nothing to mend."""

    def __init__(
        self,
        path: Path,
        on_done: Callable[[BackgroundPrivateIndex], None],
        progress: Progress | None = None,
    ) -> None:
        super().__init__("private search index", path, progress)
        self.image: bytes | None = None  # the index made (whole, or as far as it got)
        self._on_done = on_done

    _doing = "Building the search index…"
    _failed = "an unexpected error stopped building the search index."

    def _done(self) -> None:
        self._on_done(self)

    def _work(self) -> None:
        db = workspace_files.open_reader(self.path)
        try:
            search = WorkspaceRepository(db).search
            search.attach_private()  # before the transaction: no ATTACH inside one
            db.execute("BEGIN")
            try:
                done, self.sentences = search.rebuilt_share(0)
                self._tell(done)
                after: int | None = 0
                while after is not None:
                    if self._stop.is_set():
                        self.cancelled = True
                        break
                    start = after
                    after = search.rebuild_some(
                        start, seconds=PRIVATE_STEP_SECONDS, stop=self._stop.is_set
                    )
                    done += search.sentences_between(start, after)
                    self._tell(done)
                self.complete = after is None
            finally:
                # Only the private index was written; the workspace was only read.
                with contextlib.suppress(WorkspaceError):
                    db.execute("COMMIT")
            self.image = search.private_image()
        finally:
            db.conn.close()
