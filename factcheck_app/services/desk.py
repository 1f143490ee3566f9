"""The Desk: one open workspace, and the focused services both front ends call on it.

    desk.importer   bringing articles in (services/importer.py)
    desk.articles   the article list, text, properties, progress (services/articles.py)
    desk.reviews    tag, verdict, status, claimant, explanation, suggestions
                    (services/reviews.py; the status rules in domain/review_rules.py)
    desk.sources    sources and their links to sentences (services/sources.py)
    desk.boundaries merge, split, re-split (services/boundaries.py)
    desk.lookup     search and earlier verdicts (services/search.py)
    desk.upkeep     check and back up the workspace file (services/upkeep.py)

The Desk itself opens and closes the workspace (its writer lock, its session mark) and
holds the undo stack (`desk.edits`, `undo`, `redo`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from factcheck_app.domain.errors import WorkspaceError, WorkspaceInUse
from factcheck_app.domain.models import (
    ArticleMetadata,
    ArticleSummary,
    EarlierVerdict,
    Review,
    SearchResults,
    SearchScope,
    SentenceRow,
    Source,
    SourceLink,
    Status,
    Tag,
)
from factcheck_app.services import identity
from factcheck_app.services.articles import Articles
from factcheck_app.services.boundaries import Boundaries, SourcesTo, SplitPart
from factcheck_app.services.edits import Change, EditStack
from factcheck_app.services.importer import ArticleImporter, ImportResult, Progress
from factcheck_app.services.reviews import Reviews
from factcheck_app.services.search import Lookup
from factcheck_app.services.session import Session
from factcheck_app.services.sources import NewSource, Sources
from factcheck_app.services.upkeep import Upkeep
from factcheck_app.storage import backups
from factcheck_app.storage.locking import WriterLock
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.workspace import Workspace, open_workspace

__all__ = ["Desk", "ImportResult", "NewSource"]


class Desk:
    """Façade over one workspace. Every edit is committed before a method returns."""

    def __init__(
        self,
        workspace: Workspace,
        reviewer: str | None = None,
        *,
        session: bool = True,
        writer_lock: WriterLock | None = None,
    ) -> None:
        self.workspace = workspace
        self.repo = WorkspaceRepository(workspace.db)
        # Held while this desk may write; released on close (None: read-only, in memory,
        # or borrowed from the window, see `open`).
        self.writer_lock = writer_lock
        self._prepare_search_index()
        self.reviewer = reviewer or identity.current_reviewer()
        self.edits = EditStack(self.repo, self.reviewer)
        self.importer = ArticleImporter(self.repo)
        self.articles = Articles(self.repo, self.reviewer)
        self.reviews = Reviews(self.repo, self.edits)
        self.sources_ = Sources(self.repo, self.edits)
        self.boundaries = Boundaries(self.repo, self.edits)
        self.lookup = Lookup(self.repo)
        self.upkeep = Upkeep(workspace, self.repo)
        self._closed = False
        # A helper connection (a background import) does not count as a session.
        self._session: Session | None = None
        if session and not workspace.read_only and workspace.path is not None:
            self._session = Session(self.repo, self.importer)
            self._session.start()

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
    ) -> Desk:
        """Open a workspace; a writable one gets a rotating backup when the last is old.

        Writing needs the workspace's writer lock: it is taken here (WorkspaceInUse names
        who holds it, after waiting up to `wait` seconds), or `held_lock` is one this
        process already holds: handed over (`owns_lock`, released on close) or only
        borrowed (the window's background import). Read-only opens take no lock and write
        nothing at all. A `background` desk lets this process's other desks on the file
        write first, one transaction at a time.
        """
        lock = held_lock
        if not read_only and path is not None and lock is None:
            lock, owns_lock = _take_writer_lock(path, purpose, wait), True
        try:
            workspace = open_workspace(path, read_only=read_only, background=background)
        except BaseException:
            if lock is not None and owns_lock:
                lock.release()
            raise
        if workspace.read_only and lock is not None and owns_lock:
            lock.release()  # it opened read-only after all (read-only file, newer schema)
        if workspace.read_only or not owns_lock:
            lock = None
        try:
            desk = cls(workspace, session=session, writer_lock=lock)
        except BaseException:
            workspace.close()
            if lock is not None:
                lock.release()
            raise
        if backup:
            desk.upkeep.backup_if_due()
        return desk

    def _prepare_search_index(self) -> None:
        """Bring the full-text index up to this version's rules; if the workspace cannot
        take the rebuild (disk full), search from a private in-memory index instead."""
        try:
            self.repo.search.prepare(read_only=self.workspace.read_only)
        except WorkspaceError:
            if self.workspace.read_only:
                raise
            self.repo.search.prepare(read_only=True)

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

    def data_version(self) -> int:
        """A number that changes whenever another connection commits (another program,
        or a background job of this one); the window polls it to show their saves."""
        return self.repo.data_version()

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
        )

    def detach_writer_lock(self) -> WriterLock | None:
        """Take the writer lock out of this desk, to keep it across a close (a restore
        swaps the file while the window stays its only writer)."""
        lock, self.writer_lock = self.writer_lock, None
        return lock

    def close(self) -> None:
        """Close cleanly: the next open will not report a crash."""
        if self._closed:
            return
        self._closed = True
        self.importer.close()
        try:
            if self._session is not None:
                self._session.end()
            self.workspace.close()
        finally:
            if self.writer_lock is not None:
                self.writer_lock.release()

    def undo(self) -> Change | None:
        return self.edits.undo()

    def redo(self) -> Change | None:
        return self.edits.redo()

    # -- delegates under the old names (callers move to the services, then these go) -----

    def check(self) -> backups.CheckReport:
        return self.upkeep.check()

    def backup_now(self, reason: str = "manual") -> Path:
        return self.upkeep.backup_now(reason)

    def import_file(self, path: Path, progress: Progress | None = None) -> ImportResult:
        return self.importer.import_file(path, progress)

    def import_text(self, text: str, *, source_name: str = "pasted text") -> ImportResult:
        return self.importer.import_text(text, source_name=source_name)

    def import_pasted(self, *, html: str = "", text: str = "") -> ImportResult:
        return self.importer.import_pasted(html=html, text=text)

    def ensure_seeded(self, seed_dir: Path | None = None) -> list[ImportResult]:
        return self.importer.ensure_seeded(seed_dir)

    def list_articles(self) -> list[ArticleSummary]:
        return self.articles.list_articles()

    def article_summary(self, article_id: int) -> ArticleSummary:
        return self.articles.article_summary(article_id)

    def article_text(self, article_id: int) -> str:
        return self.articles.article_text(article_id)

    def article_metadata(self, article_id: int) -> ArticleMetadata:
        return self.articles.article_metadata(article_id)

    def article_language(self, article_id: int) -> str:
        return self.articles.article_language(article_id)

    def update_article_metadata(self, article_id: int, metadata: ArticleMetadata) -> None:
        self.articles.update_article_metadata(article_id, metadata)

    def progress(self, article_id: int) -> tuple[int, int]:
        return self.articles.progress(article_id)

    def sentence_rows(self, article_id: int) -> list[SentenceRow]:
        return self.reviews.sentence_rows(article_id)

    def review(self, sentence_id: int) -> Review:
        return self.reviews.review(sentence_id)

    def source_count(self, sentence_id: int) -> int:
        return self.reviews.source_count(sentence_id)

    def set_tag(self, sentence_id: int, tag: Tag | None) -> Change | None:
        return self.reviews.set_tag(sentence_id, tag)

    def set_verdict(self, sentence_id: int, verdict: str | None) -> Change | None:
        return self.reviews.set_verdict(sentence_id, verdict)

    def set_status(self, sentence_id: int, status: Status) -> Change | None:
        return self.reviews.set_status(sentence_id, status)

    def set_text_field(self, sentence_id: int, field_name: str, value: str) -> Change | None:
        return self.reviews.set_text_field(sentence_id, field_name, value)

    def accept_suggestion(
        self, sentence_id: int, tag: Tag | None, claimant: str, denies_sentence_id: int | None
    ) -> Change | None:
        return self.reviews.accept_suggestion(sentence_id, tag, claimant, denies_sentence_id)

    def accept_suggestions(
        self, article_id: int, picks: Iterable[tuple[int, Tag, str, int | None]]
    ) -> Change | None:
        return self.reviews.accept_suggestions(article_id, picks)

    def set_denies(self, sentence_id: int, denied_sentence_id: int | None) -> Change | None:
        return self.reviews.set_denies(sentence_id, denied_sentence_id)

    def next_unreviewed(
        self, rows: Iterable[SentenceRow], after_sentence_id: int | None
    ) -> int | None:
        return self.reviews.next_unreviewed(rows, after_sentence_id)

    def copy_verdict(self, sentence_id: int, from_sentence_id: int) -> Change | None:
        return self.reviews.copy_verdict(sentence_id, from_sentence_id)

    def sources(self) -> list[Source]:
        return self.sources_.sources()

    def links(self, sentence_id: int) -> list[SourceLink]:
        return self.sources_.links(sentence_id)

    def link_source(self, sentence_id: int, new: NewSource) -> Change:
        return self.sources_.link_source(sentence_id, new)

    def unlink_source(self, link_id: int, sentence_id: int) -> Change:
        return self.sources_.unlink_source(link_id, sentence_id)

    def reuse_sources(self, sentence_id: int, from_sentence_id: int) -> Change | None:
        return self.sources_.reuse_sources(sentence_id, from_sentence_id)

    def earlier_verdicts(self, sentence_id: int, *, limit: int = 5) -> list[EarlierVerdict]:
        return self.lookup.earlier_verdicts(sentence_id, limit=limit)

    def search(self, query: str, scope: SearchScope = SearchScope.EVERYWHERE) -> SearchResults:
        return self.lookup.search(query, scope)

    def merge_with_next(self, sentence_id: int) -> Change:
        return self.boundaries.merge_with_next(sentence_id)

    def split_sentence(
        self,
        sentence_id: int,
        at: int,
        *,
        review_to: SplitPart | str = SplitPart.FIRST,
        sources_to: SourcesTo | str = SourcesTo.BOTH,
    ) -> Change:
        return self.boundaries.split_sentence(
            sentence_id, at, review_to=SplitPart(review_to), sources_to=SourcesTo(sources_to)
        )

    def reviewed_sentence_count(self, article_id: int) -> int:
        return self.boundaries.reviewed_sentence_count(article_id)

    def resplit_article(self, article_id: int) -> Change:
        return self.boundaries.resplit_article(article_id)


def _take_writer_lock(path: Path, purpose: str, wait: float) -> WriterLock | None:
    """The workspace's writer lock; None where no lock file can be made (a read-only
    folder), in which case the workspace opens read-only anyway."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return WriterLock.acquire(path, purpose, wait=wait)
    except WorkspaceInUse:
        raise
    except WorkspaceError:
        if os.access(path.parent, os.W_OK | os.X_OK):
            raise
        return None
