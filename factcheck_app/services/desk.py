"""The Desk: one open workspace, and the focused services both front ends call on it.

    desk.importer   bringing articles in (services/importer.py)
    desk.articles   the article list, text, properties, progress (services/articles.py)
    desk.reviews    tag, verdict, status, claimant, explanation, suggestions
                    (services/reviews.py; the status rules in domain/review_rules.py)
    desk.sources    sources and their links to sentences (services/sources.py)
    desk.boundaries merge, split, re-split (services/boundaries.py)
    desk.lookup     search and earlier verdicts (services/search.py)
    desk.upkeep     check and back up the workspace file (services/upkeep.py)
    desk.history    the permanent, hash-chained history; verify (services/history.py)
    desk.sign_offs  an editor's approval or return of a verdict (services/sign_offs.py)
    desk.merge      merge a colleague's workspace file into this one (services/merge.py)

The Desk itself opens and closes the workspace (its writer lock, its session mark) and
holds the undo stack (`desk.edits`, `undo`, `redo`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from factcheck_app.domain import matching
from factcheck_app.domain.errors import WorkspaceError, WorkspaceInUse
from factcheck_app.services import identity
from factcheck_app.services.articles import Articles
from factcheck_app.services.boundaries import Boundaries
from factcheck_app.services.copy_check import (
    BackgroundCopyLook,
    CopyLook,
    CopyReading,
    finish_look,
    index_to_read,
    look_at_copy,
    remember_two_moments,
    two_moments_note,
)
from factcheck_app.services.edits import Change, EditStack
from factcheck_app.services.history import History
from factcheck_app.services.importer import ArticleImporter, ImportResult
from factcheck_app.services.leftovers import BackgroundRemoval
from factcheck_app.services.merge import Merging
from factcheck_app.services.reviews import Reviews
from factcheck_app.services.search import Lookup
from factcheck_app.services.session import (
    Session,
    UnconfirmedEdit,
    describe_edits,
    was_copied_while_open,
)
from factcheck_app.services.sign_offs import SignOffs
from factcheck_app.services.sources import NewSource, Sources
from factcheck_app.services.upkeep import Progress, Upkeep, read_left_behind
from factcheck_app.storage.locking import WriterLock, describe_holder
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.two_moments import FOUND_SETTING, newest_unlike_history
from factcheck_app.storage.wal_check import WORKSPACE_ID
from factcheck_app.storage.workspace import (
    Workspace,
    make_folder,
    open_workspace,
    refuse_before_opening,
)

__all__ = ["Desk", "ImportResult", "NewSource", "SearchIndexUse"]

# What an open does with a search index that is out of date (or damaged, or its rebuild
# cut short): "rebuild" it now (read-only, a private index is made); "searched": the
# command line, which rebuilds it (or makes the private index) at its first search, so
# that a command that never searches never waits for it (a writable workspace gets now
# only what its saves need, see SearchIndex.prepare); "beside": the window, which
# rebuilds it beside itself (upkeep.start_rebuild): only the tables it lacks are made
# now (read-only, an empty private index, built beside the window too:
# upkeep.start_private_index); "unused": nothing at all (a helper writing beside the
# window, a reader of reports: neither searches).
SearchIndexUse = Literal["rebuild", "searched", "beside", "unused"]


class Desk:
    """Façade over one workspace. Every edit is committed before a method returns."""

    def __init__(
        self,
        workspace: Workspace,
        reviewer: str | None = None,
        *,
        session: bool = True,
        writer_lock: WriterLock | None = None,
        search_index: SearchIndexUse = "rebuild",
        copy_look: Literal["now", "later"] = "now",
        leftovers: Literal["now", "beside"] = "now",
    ) -> None:
        self.workspace = workspace
        self.repo = WorkspaceRepository(workspace.db)
        # Held while this desk may write; released on close (None: read-only, in memory,
        # or borrowed from the window, see `open`).
        self.writer_lock = writer_lock
        if search_index != "unused":
            self._prepare_search_index(search_index)
        self.reviewer = reviewer or identity.current_reviewer()
        self.edits = EditStack(self.repo, self.reviewer)
        self.importer = ArticleImporter(self.repo)
        self.articles = Articles(self.repo, self.reviewer, self.edits)
        self.reviews = Reviews(self.repo, self.edits)
        self.sources = Sources(self.repo, self.edits)
        self.boundaries = Boundaries(self.repo, self.edits)
        self.lookup = Lookup(self.repo)
        self.upkeep = Upkeep(workspace, self.repo)
        self.history = History(self.repo)
        self.sign_offs = SignOffs(self.repo, self.edits)
        self.merge = Merging(self.repo, self.edits)
        # Read now: once its disk is gone (a USB stick pulled out) it cannot be read, and it
        # tells whether the file found at its place later is this workspace (`same_workspace`).
        self.workspace_id = self.repo.settings.get_setting(WORKSPACE_ID)
        # Why the caller opened it read-only (`open`), when the workspace gives no reason.
        self.read_only_because = ""
        # A background job's desk beside another of this process (`open`'s `helper`): its
        # close leaves what the matching remembers to that desk's close.
        self.helper = False
        self._closed = False
        self._told_wal_lost = False  # see keep_saves
        # A helper connection (a background import) does not count as a session.
        self._session: Session | None = None
        if session and not workspace.read_only and workspace.path is not None:
            self._session = Session(self.repo, self.importer)
            self._session.start(
                came_without_wal=workspace.came_without_wal,
                came_whole=workspace.came_whole,
                remove_now=leftovers == "now",
            )
        # Hidden articles of imports a quit (or a crash) stopped half-way, left by
        # `leftovers="beside"` for `start_removal`; the thread removing them.
        self.removal_due: list[tuple[int, str]] = (
            list(self._session.left_unfinished) if self._session is not None else []
        )
        self.removing: BackgroundRemoval | None = None
        # A copy taken while a desk had it open may hold pages of two moments: looked at
        # (its reviews against their history, its search index) only then, never on a
        # normal open. What it found is told in the open's notices. "later" (the window):
        # only noted as due here, read in a worker (`start_copy_look`) and told when done.
        self.copy_look: CopyLook | None = None
        self.copy_look_due = False
        self.copy_looking: BackgroundCopyLook | None = None
        self._copy_index_use: SearchIndexUse = search_index
        if session and workspace.path is not None and self._taken_while_open():
            if copy_look == "later":
                self.copy_look_due = True
                if not workspace.read_only:
                    # Its mark of a desk left open goes as it closes: a look cancelled, or
                    # cut short by a quit or a crash, is made again at the next open.
                    remember_two_moments(self.repo, found=True)
            else:
                look = look_at_copy(
                    self.repo,
                    workspace.path.name,
                    writable=not workspace.read_only,
                    index=search_index,
                )
                workspace.notices.extend(self._took_look(look))

    @classmethod
    def open(
        cls,
        path: Path | None,
        *,
        read_only: bool = False,
        backup: bool = True,
        session: bool = True,
        purpose: str = "a Factcheck desk command",
        wait: float = 0.0,
        held_lock: WriterLock | None = None,
        owns_lock: bool = True,
        background: bool = False,
        reviewer: str | None = None,
        search_index: SearchIndexUse = "rebuild",
        on_wait: Callable[[str], None] | None = None,
        read_only_because: str = "",
        copy_look: Literal["now", "later"] = "now",
        leftovers: Literal["now", "beside"] = "now",
        helper: bool = False,
    ) -> Desk:
        """Open a workspace; a writable one gets a rotating backup when the last is old.

        Writing needs the workspace's writer lock: it is taken here (WorkspaceInUse names
        who holds it, after waiting up to `wait` seconds; each write then waits as long
        for another program in the middle of a change, such as a `sqlite3` shell), or
        `held_lock` is one this process already holds: handed over (`owns_lock`, released
        on close) or only borrowed (the window's background import). Read-only opens take
        no lock and write nothing at all. A `background` desk lets this process's other
        desks on the file write first, one transaction at a time. `reviewer` names who
        edits through this desk (the command line's --reviewer); else
        `identity.current_reviewer()`. `search_index`: what the open does with an index
        that is not current (`SearchIndexUse`). `on_wait` hears who holds the lock when
        the open has to wait for it (the command line says so). `read_only_because`:
        why the caller opens it read-only, in words (the window's banner says it when the
        workspace itself gives no reason in its `notices`). `copy_look`: a copy taken while
        open is looked at "now", or "later" by `start_copy_look` (the window: beside it).
        `leftovers`: the hidden half of an import a quit or a crash stopped is removed
        "now", or "beside" by `start_removal` (the window: it took a minute for a big file).
        `helper`: a background job's desk beside the window's (`open_helper`, the look at
        a copy): its close leaves what the matching remembers of texts to the window's.
        """
        if path is not None:
            # Before the lock file is made where it points.
            refuse_before_opening(path, read_only=read_only)
        lock = held_lock
        if not read_only and path is not None and lock is None:
            lock, owns_lock = _take_writer_lock(path, purpose, wait, on_wait), True
        try:
            workspace = open_workspace(
                path, read_only=read_only, background=background, busy_wait=wait
            )
        except BaseException:
            if lock is not None and owns_lock:
                lock.discard()  # a lock file made for a refused file is not left beside it
            raise
        if workspace.read_only and lock is not None and owns_lock:
            lock.discard()  # it opened read-only after all (read-only file, newer schema)
        if workspace.read_only or not owns_lock:
            lock = None
        try:
            desk = cls(
                workspace,
                reviewer,
                session=session,
                writer_lock=lock,
                search_index=search_index,
                copy_look=copy_look,
                leftovers=leftovers,
            )
        except BaseException:
            workspace.close()
            if lock is not None:
                lock.release()
            raise
        if desk.read_only:
            desk.read_only_because = read_only_because
        desk.helper = helper
        if backup:
            desk.upkeep.backup_if_due()
        return desk

    @classmethod
    @contextmanager
    def reading_apart(cls, path: Path, *, one_state: bool = True) -> Iterator[Desk]:
        """A read-only desk of this thread's own on `path`, inside one read transaction:
        for a worker thread reading much of a workspace the window has open (a summary
        of 5,000 articles, every reviewer's versions) without the window's connection,
        which never crosses threads. What it reads is one consistent state, the one of
        this call, whatever the window saves meanwhile. With `one_state` False, no
        transaction around it all: each read that needs one state takes its own (an
        article's report, `WorkspaceDatabase.reading`), for a long run of files each of
        one article (`export --all`), which would otherwise hold the window's saves in
        the -wal until its end."""
        desk = cls.open(path, read_only=True, backup=False, session=False, search_index="unused")
        if not one_state:
            try:
                yield desk
            finally:
                desk.close()
            return
        try:
            db = desk.repo.db
            db.execute("BEGIN")
            try:
                yield desk
            finally:
                db.execute("COMMIT")
        finally:
            desk.close()

    def _took_look(self, look: CopyLook) -> list[str]:
        """Keep what the look at a copy found (`copy_look`, and in a copy opened for
        editing whether to look again at its next open); its notices."""
        name = self.path.name if self.path is not None else "The workspace"
        said = [two_moments_note(name, look.unlike)] if look.unlike else []
        if look.index_line:
            said.append(look.index_line)
        self.copy_look = look
        if not self.workspace.read_only:
            remember_two_moments(self.repo, found=bool(look.unlike))
        return said

    def start_copy_look(
        self,
        on_done: Callable[[BackgroundCopyLook], None],
        progress: Progress | None = None,
    ) -> BackgroundCopyLook:
        """The look at a copy taken while open (`copy_look_due`), read in a thread of its
        own through a connection of its own, writing nothing: a year's copy held the
        window 3 s. `on_done` and `progress` are called in that thread; the window then
        calls `finish_copy_look` with the reading. Closing the desk stops it."""
        path = self.path
        if path is None or not self.copy_look_due:
            raise WorkspaceError("Only a copy taken while open is looked at.")
        writable = not self.read_only

        @contextmanager
        def connect() -> Iterator[WorkspaceRepository]:
            # FTS5's own check is a write statement: a writing helper's (the window's
            # saves go first between its statements); read-only, a reader of its own.
            helper = (
                self.open_helper()
                if writable
                else Desk.open(
                    path,
                    read_only=True,
                    backup=False,
                    session=False,
                    search_index="unused",
                    helper=True,
                )
            )
            try:
                yield helper.repo
            finally:
                helper.close()

        self.stop_copy_look()
        self.copy_looking = BackgroundCopyLook(
            connect,
            on_done,
            writable=writable,
            index=index_to_read(self.repo, self._copy_index_use),
            progress=progress,
        )
        self.copy_looking.start()
        return self.copy_looking

    def start_removal(
        self,
        on_done: Callable[[BackgroundRemoval], None],
        progress: Progress | None = None,
    ) -> BackgroundRemoval:
        """Remove the hidden articles of imports stopped half-way (`removal_due`) in a
        thread of its own, through a writing connection of its own, a short transaction
        at a time: the window is usable meanwhile, and its saves go first. `on_done` and
        `progress` are called in that thread. Closing the desk stops it between two
        slices; the rest stays hidden, and the next open goes on with it."""
        path = self.path
        if path is None or not self.removal_due:
            raise WorkspaceError("No stopped import is left to remove.")
        self.stop_removal()
        self.removing = BackgroundRemoval(path, self.removal_due, on_done, progress)
        self.removal_due = []
        self.removing.start()
        return self.removing

    def stop_removal(self) -> None:
        """Stop the removal under way after its slice, and wait for its thread."""
        if self.removing is not None:
            self.removing.stop()
            self.removing = None

    def stop_copy_look(self) -> None:
        """Stop the look under way (it wrote nothing; still due) and wait for its thread."""
        if self.copy_looking is not None:
            self.copy_looking.stop()
            self.copy_looking = None

    def finish_copy_look(self, reading: CopyReading) -> list[str]:
        """What the look's reading found, told as the open tells it (its notices): the
        search index mended first when it was incomplete (on this connection)."""
        assert self.path is not None
        try:
            look = finish_look(
                self.repo,
                self.path.name,
                reading,
                writable=not self.read_only,
                index=self._copy_index_use,
            )
        finally:
            # Ended either way: a mend that failed (a full disk) leaves the look due, made
            # again at the next open (its mark is kept in the file, `remember_two_moments`).
            self.copy_looking = None
        self.copy_look_due = False
        return self._took_look(look)

    def _taken_while_open(self) -> bool:
        """Was the workspace copied while a desk had it open (its mark written in another
        file, whatever is beside it: a -wal that SQLite ignores, or sets aside, leaves the
        file alone)? Opened for editing the session says so; read-only, the same is read
        here, writing nothing. Or did its first open for editing find two moments?"""
        if self.repo.settings.get_setting(FOUND_SETTING) is not None:
            return True  # found so when it was first opened for editing (its mark gone)
        if not self.workspace.read_only:
            session = self._session
            if session is not None and (session.copied_while_open or session.written_elsewhere):
                return True
        elif self.workspace.path is None or self.workspace.came_whole:
            return False  # a backup: whole in one file, its mark made as it was backed up
        elif was_copied_while_open(self.repo, self.workspace.path):
            return True
        # A copy whose page holding that mark was copied from before the mark was written
        # (torn in the middle of a save, the mark's page older than its review pages)
        # says nothing of it: its newest saves are looked at on every open, a few
        # milliseconds (the whole look costs seconds on a year's workspace).
        return self._newest_unlike_history()

    def _newest_unlike_history(self) -> bool:
        """Does any review the newest history entries name differ from what they say it
        became (storage/two_moments.py)? Never in a workspace as SQLite keeps it."""
        try:
            return bool(newest_unlike_history(self.repo.db))
        except WorkspaceError:
            return False  # unreadable history: Check Workspace says so, not this look

    def _prepare_search_index(self, use: SearchIndexUse) -> None:
        """Bring the full-text index up to this version's rules, now or later (`use`); if
        the workspace cannot take the rebuild (disk full), search from a private
        in-memory index instead: made now ("rebuild"), at the first search ("searched"),
        or beside the window ("beside": upkeep.start_private_index, as a read-only
        window's; built here, on the window's thread, it held a year's workspace for
        seconds)."""
        search = self.repo.search
        on_search = use == "searched"
        try:
            search.prepare(
                read_only=self.workspace.read_only, now=use == "rebuild", on_search=on_search
            )
        except WorkspaceError:
            if self.workspace.read_only:
                raise
            # Its saves keep the private index up to date: it is made on this connection.
            search.prepare(read_only=True, now=use == "rebuild", on_search=on_search)

    def set_reviewer(self, name: str) -> None:
        """Record the edits made from now on as `name`'s (Preferences changed the name)."""
        self.reviewer = name
        self.edits.actor = name
        self.articles.reviewer = name

    @property
    def read_only(self) -> bool:
        return self.workspace.read_only

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def path(self) -> Path | None:
        return self.workspace.path

    @property
    def notices(self) -> list[str]:
        return self.workspace.notices

    @property
    def unconfirmed_edits(self) -> list[dict[str, object]]:
        """Edits saved in a session that never closed properly (crash, kill, power cut)."""
        return self._session.unconfirmed_edits if self._session is not None else []

    @property
    def cut_short_imports(self) -> list[str]:
        """The files (or "pasted text") a crash stopped importing, taken out again as this
        desk opened: nothing of them is in the workspace."""
        return self._session.cut_short_imports if self._session is not None else []

    @property
    def cut_short_merge(self) -> str:
        """The file a crash stopped merging ("" none): nothing of it is in the workspace
        (a merge that got in just before the crash is not named)."""
        return self._session.cut_short_merge if self._session is not None else ""

    @property
    def copied_while_open(self) -> bool:
        """The workspace holds the mark of a desk that had it open but came without its
        -wal: copied while open, so its last saves may be missing (not a crash)."""
        return self._session is not None and self._session.copied_while_open

    @property
    def later_wal_set_aside(self) -> Path | None:
        """Opened for editing beside its own -wal from a later moment that does not fit the
        file (copied a moment after it): where that -wal was set aside (said in `notices`),
        else None. The copy then came with its -wal, not without it."""
        return self.workspace.later_wal_kept

    @property
    def unclosed_without_wal(self) -> bool:
        """The workspace holds the mark its desk wrote in this very file, and no -wal: that
        desk did not finish closing it (the disk full as it closed), or its -wal was
        deleted since. Not a copy, and not a plain crash (which leaves the -wal)."""
        return self._session is not None and self._session.unclosed_without_wal

    def unconfirmed_edits_described(self) -> list[UnconfirmedEdit]:
        """The unconfirmed edits with their time, article and sentence, for the reviewer."""
        return describe_edits(self.repo, self.unconfirmed_edits)

    def data_version(self) -> int:
        """A number that changes whenever another connection commits (another program,
        or a background job of this one); the window polls it to show their saves.
        Read-only, the workspace is searched through its own index as soon as another
        desk has made that index current (upgrading the workspace)."""
        version = self.repo.data_version()
        if self.read_only:
            self.repo.search.keep_up()
        return version

    def open_helper(self) -> Desk:
        """A second connection to this workspace for a background job of this process
        (an import), writing under this desk's writer lock. Call it in the job's thread."""
        if self.path is None or self.read_only:
            raise WorkspaceError("Only a workspace open for editing takes background work.")
        return Desk.open(
            self.path,
            backup=False,
            session=False,
            held_lock=self.writer_lock,
            owns_lock=False,
            background=True,  # the window's saves write first (storage/turns.py)
            reviewer=self.reviewer,
            search_index="unused",  # the window's own rebuilds it, if due
            helper=True,
        )

    def keep_writer_lock(self) -> str:
        """Put the writer lock's file back if a clean-up script or a sync tool deleted it
        while this desk holds it (the window asks every second: one `stat`). '' when all
        is well; else, in words, that another program took the workspace meanwhile."""
        lock = self.writer_lock
        if lock is None or self._closed or lock.keep():
            return ""
        holder = describe_holder(lock.workspace)
        return (
            f"The lock file of the workspace {lock.workspace} was deleted while it was open "
            f"here (by a clean-up or sync tool?), and another program"
            f"{f' ({holder})' if holder else ''} has since opened the workspace for "
            "changing too: two programs changing it at once undo each other's work. "
            "Close the workspace in one of them."
        )

    def keep_place(self) -> str:
        """The window asks every second (one `stat`): was the workspace file moved, renamed
        or replaced while open here? Its recent saves wait in a -wal left at the old name,
        lost to a crash; they are put into the file at once and nothing more is written
        here (see WorkspaceDatabase.keep_place). What to tell the reviewer, once; else ''.
        `moved_to` then says where it is, when it was only moved."""
        if self.read_only or self._closed:
            return ""
        return self.workspace.db.keep_place()

    @property
    def stopped(self) -> bool:
        """Nothing more is saved: the workspace file was moved or replaced while open."""
        return not self.read_only and self.workspace.db.stopped

    @property
    def disk_failed(self) -> bool:
        """Its disk answered with an I/O error since the last save (a USB stick pulled out,
        a network drive dropped): this connection may never reach it again."""
        return not self.read_only and self.workspace.db.disk_failed

    def changed_while_read(self) -> bool:
        """Read without a stray -wal beside it (no lock held), has the workspace been
        changed by another program since (a desk opened it for editing)? What is shown
        may then be out of date or mix two moments: it must be opened again."""
        return self.workspace.changed_while_read()

    def replaced_while_read(self) -> bool:
        """Read-only, has the file at the workspace's name been replaced by another since
        it was read (a backup restored in the window editing it, a sync tool)? What is
        shown is then the file set aside: it must be opened again."""
        return not self._closed and self.workspace.replaced_while_read()

    def moved_while_read(self) -> Path | None:
        """Read-only, where the workspace file is now when it was moved or renamed since it
        was read (Linux; None when it is at its name, or cannot be found). A desk editing
        it there writes beside it files this desk never reads: it must be read there."""
        return None if self._closed else self.workspace.moved_while_read()

    @property
    def moved_to(self) -> Path | None:
        """Where the workspace file is now, once moved or renamed while open here."""
        return self.workspace.db.moved_to

    def where_now(self) -> Path | None:
        """Where this desk's own workspace file is named now, once it stopped saving: where
        it was moved to, or its old place once the move was undone (the way back to it).
        None when it is nowhere: replaced by another file, or deleted."""
        return self.workspace.db.named_now()

    @property
    def rescue_note(self) -> str:
        """Its file replaced or gone while open: where the copy of what was saved here
        went, in words; or why none could be made, and that the window must stay open."""
        return self.workspace.db.rescue_note

    @property
    def rescue_failed(self) -> bool:
        """No copy of the replaced or gone file could be made (yet): closing the window
        could lose what was saved here."""
        return self.workspace.db.rescue_failed

    def rescue_again(self) -> bool:
        """While no copy of the replaced or gone file could be made, try it again (each
        change the reviewer tries meanwhile does). True when it was made now."""
        return not self.read_only and self.workspace.db.rescue_again()

    def holds_file_at(self, path: Path) -> bool:
        """Whether `path` names this desk's own workspace file (moved, or moved back), not
        another put in its place: text typed for its sentences belongs only there."""
        return self.workspace.db.holds_file_at(path)

    def same_workspace(self, other: Desk) -> bool:
        """Whether `other` is this same workspace (by its id, not its name): a stick plugged
        back in, or a sync tool, may bring another workspace to the same path, whose
        article and sentence numbers are other articles and sentences."""
        return self.workspace_id is not None and self.workspace_id == other.workspace_id

    def keep_saves(self) -> str:
        """Every save kept in the workspace file itself once its -wal was deleted under it
        (the window asks every second: one `stat`; see WorkspaceDatabase.keep_saves).
        What to tell the reviewer, the first time only; else ''."""
        if self.read_only or self._closed:
            return ""
        db = self.workspace.db
        db.keep_saves()
        # A -wal gone with its folder renamed is the move's, told by keep_place.
        if not db.wal_lost or self._told_wal_lost or db.stopped:
            return ""
        self._told_wal_lost = True
        name = self.path.name if self.path is not None else "the workspace"
        return (
            f"Another program (a clean-up tool?) deleted {name}-wal, the workspace's file "
            "of recent changes, while it was open here. Nothing is lost: each change is now "
            f"also written into {name} itself at once. Quit the desk and start it again "
            "when you can: until then no article can be imported, no check made and no "
            "backup taken."
        )

    def settle_saves(self) -> bool:
        """The saves copied from the -wal into the workspace file once the reviewer
        pauses (the window asks every second; see WorkspaceDatabase.settle_saves), so a
        copy of the file made while the window is open lacks only the last seconds."""
        if self.read_only or self._closed:
            return False
        return self.workspace.db.settle_saves()

    def detach_writer_lock(self) -> WriterLock | None:
        """Take the writer lock out of this desk, to keep it across a close (a restore
        swaps the file while the window stays its only writer)."""
        lock, self.writer_lock = self.writer_lock, None
        return lock

    def close(
        self,
        on_wait: Callable[[float], None] | None = None,
        on_backup_wait: Callable[[float], None] | None = None,
    ) -> None:
        """Close cleanly: the next open will not report a crash. `on_wait(seconds)` is
        called when the close waits (at most that long) for another program's read in
        progress to end before it moves the last saves into the file: the window says so.
        `on_backup_wait(seconds)` likewise when it waits (at most that long) for an
        automatic backup to stop: one stuck on a share that stopped answering is left
        behind then (`Upkeep.stop_backup`), and the close goes on."""
        if self._closed:
            return
        self._closed = True
        # Before the connection it copies beside goes; a backup asked for is let finish.
        self.upkeep.stop_backup(finish_asked_for=True, on_wait=on_backup_wait)
        self.upkeep.stop_copy(finish_asked_for=True)  # Save a Copy… too
        self.upkeep.stop_check()  # it only reads: nothing of it is lost
        self.stop_copy_look()  # it only reads; the next open looks again
        self.stop_removal()  # the rest stays hidden: the next open goes on with it
        self.upkeep.stop_rebuild()  # the workspace says how far it got: it goes on from there
        self.importer.close()
        try:
            if self._session is not None:
                self._session.end()
            # A backup of this workspace left behind stuck on its share (by this close or
            # an earlier one) holds a read that does not end: not waited for.
            stuck = self.path is not None and read_left_behind(self.path)
            self.workspace.close(on_wait, wait_for_reads=not stuck)
        finally:
            if self.writer_lock is not None:
                self.writer_lock.release()
            # What the matching remembered of this workspace's texts goes with it: with
            # the window's desk, not a helper's (an import's, ended mid-session: the next
            # save of a long explanation worked each of its sentences out again).
            if not self.helper:
                matching.forget_remembered()

    def undo(self) -> Change | None:
        return self.edits.undo()

    def redo(self) -> Change | None:
        return self.edits.redo()


def _take_writer_lock(
    path: Path, purpose: str, wait: float, on_wait: Callable[[str], None] | None = None
) -> WriterLock | None:
    """The workspace's writer lock; None where no lock file can be made (a read-only
    folder), in which case the workspace opens read-only anyway."""
    if not path.parent.exists():
        make_folder(path.parent)
    try:
        return WriterLock.acquire(path, purpose, wait=wait, on_wait=on_wait)
    except WorkspaceInUse:
        raise
    except WorkspaceError:
        if os.access(path.parent, os.W_OK | os.X_OK):
            raise
        return None
