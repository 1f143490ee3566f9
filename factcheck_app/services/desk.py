"""The Desk: one open workspace and every use case the GUI and the CLI offer on it."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import socket
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck_app import config
from factcheck_app.domain import importing, languages
from factcheck_app.domain.errors import (
    ArticleImportError,
    EditRefused,
    NotFound,
    WorkspaceError,
    WorkspaceInUse,
)
from factcheck_app.domain.extract import extract_html_fragment
from factcheck_app.domain.langid import detect_language
from factcheck_app.domain.matching import index_words
from factcheck_app.domain.models import (
    RATINGS_BY_KEY,
    ArticleMetadata,
    ArticleSummary,
    EarlierVerdict,
    Review,
    SearchResults,
    SearchScope,
    Sentence,
    SentenceRow,
    Source,
    SourceLink,
    Stance,
    Status,
    Tag,
)
from factcheck_app.domain.segmentation import SentenceSpan, split_sentences
from factcheck_app.domain.urls import safe_link, validate_source_url
from factcheck_app.domain.wording import counted
from factcheck_app.services import article_files, identity, isolation
from factcheck_app.services import search as workspace_search
from factcheck_app.services.edits import (
    BatchReviewEdit,
    Change,
    CompoundEdit,
    Edit,
    EditStack,
    LinkSourceEdit,
    ReviewEdit,
    SentenceSnapshot,
    StructuralEdit,
    UnlinkSourceEdit,
    stamp,
)
from factcheck_app.storage import backups
from factcheck_app.storage.locking import WriterLock
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.workspace import Workspace, is_open_here, open_workspace

SEGMENTER_VERSION = "fcdesk-2"  # 2: per-language tables (issue 18)
SESSION_OPEN = "session.open"
SESSION_FIRST_HISTORY = "session.first_history_id"
TEXT_FIELDS = ("claimant", "explanation")
MAX_IMPORT_BYTES = article_files.MAX_ARTICLE_BYTES
# An import writes in slices, each its own transaction, and a save from the window waits
# for at most the slice being written (storage/turns.py). A slice ends after
# IMPORT_SLICE_SECONDS, or IMPORT_SLICE sentences, whichever comes first, so that a
# loaded machine makes slices smaller rather than saves slower (docs/performance.md).
IMPORT_SLICE = 1000
IMPORT_SLICE_SECONDS = 0.03
IMPORT_BATCH = 100  # sentences per statement batch within a slice
_PROGRESS_EVERY = 5000  # sentences indexed between progress reports


Progress = Callable[[float, str], None]


def _no_progress(fraction: float, stage: str) -> None:
    """Progress sink for callers that do not show progress."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """One imported (or recognised) article."""

    article_id: int
    title: str
    sentence_count: int
    duplicate: bool


@dataclass(frozen=True, slots=True)
class NewSource:
    """What the reviewer typed in the link-source dialog."""

    url: str
    title: str = ""
    publisher: str = ""
    accessed: dt.date | None = None
    stance: Stance = Stance.CONTEXT
    excerpt: str = ""


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
        # Edits saved in a session that never closed properly (crash, kill, power cut):
        # they are all in the workspace, but the reviewer may not have seen them confirmed.
        self.unconfirmed_edits: list[dict[str, object]] = []
        self._closed = False
        # Started on the first web page, Word file or PDF imported; stopped on close.
        self._parser: isolation.Worker | None = None
        # A helper connection (a background import) does not count as a session.
        self._session = session and not workspace.read_only and workspace.path is not None
        self._session_mark = f"{os.getpid()}@{socket.gethostname()}"
        if self._session:
            self._start_session()

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
        if (
            backup
            and path is not None
            and not desk.read_only
            and desk.repo.list_articles()  # nothing to lose in an empty workspace
            and backups.backup_due(path)
        ):
            try:
                backups.take_backup(desk.workspace.db.conn, path, "auto")
            except WorkspaceError as error:
                desk.notices.append(str(error))
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

    def data_version(self) -> int:
        """A number that changes whenever another connection commits (another program,
        or a background job of this one); the window polls it to show their saves."""
        return self.repo.data_version()

    @property
    def notices(self) -> list[str]:
        return self.workspace.notices

    def _start_session(self) -> None:
        """Mark the workspace open; a mark still there at the next open means a crash.

        Only one process writes at a time (the writer lock), so a mark found here was left
        by a writer that died; the mark this desk writes is removed only by this process.
        """
        if self.repo.get_setting(SESSION_OPEN) is not None:
            since = _int_or_zero(self.repo.get_setting(SESSION_FIRST_HISTORY))
            self.unconfirmed_edits = self.repo.history_since(since, limit=10)
        for article_id in self.repo.unfinished_articles():  # an import a crash cut short
            self._discard_unfinished(article_id)
        with self.repo.db.atomic():
            self.repo.set_setting(SESSION_OPEN, self._session_mark)
            self.repo.set_setting(SESSION_FIRST_HISTORY, str(self.repo.last_history_id()))

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
        if self._parser is not None:
            self._parser.close()
        try:
            if self._session:
                # On a write error (disk full) the next open just reports the session as
                # unclosed; a mark another process wrote is never ours to remove.
                with contextlib.suppress(WorkspaceError):
                    if self.repo.get_setting(SESSION_OPEN) == self._session_mark:
                        self.repo.delete_setting(SESSION_OPEN)
            self.workspace.close()
        finally:
            if self.writer_lock is not None:
                self.writer_lock.release()

    def check(self) -> backups.CheckReport:
        """Integrity and foreign-key check of the open workspace, and of its search index
        (repaired when it is incomplete: it only repeats what the other tables hold)."""
        report = backups.check_database(self.workspace.db.conn)
        if report.ok:
            broken = self.repo.articles_with_broken_text()
            if broken:
                listed = ", ".join(str(i) for i in broken[:10])
                lines = [*report.lines]
                lines.insert(
                    -1,
                    f"Article texts: {counted(len(broken), 'article')} with missing or "
                    "overlapping text "
                    f"(article {listed}); their sentences may show the wrong words. Restore "
                    "the newest backup that checks out (File → Restore from Backup).",
                )
                report = dataclasses.replace(report, ok=False, lines=lines)
            else:
                report.lines.insert(-1, "Article texts: all whole.")
            report.lines.insert(-1, self.repo.search.check_and_repair(writable=not self.read_only))
        return report

    def backup_now(self, reason: str = "manual") -> Path:
        if self.path is None:
            raise WorkspaceError("An in-memory workspace has no backups.")
        return backups.take_backup(self.workspace.db.conn, self.path, reason)

    @property
    def path(self) -> Path | None:
        return self.workspace.path

    # -- articles -------------------------------------------------------------------------

    def import_file(self, path: Path, progress: Progress | None = None) -> ImportResult:
        """Import one .txt/.md file; a file already in the workspace is recognised, not copied.

        `progress(fraction, stage)` is called along the way; it may raise Cancelled, and
        then nothing of the file is kept.
        """
        report = progress or _no_progress
        report(0.0, f"Reading {path.name}")
        suffix = path.suffix.lower()
        if suffix not in importing.SUPPORTED_SUFFIXES:
            supported = ", ".join(importing.SUPPORTED_SUFFIXES)
            raise ArticleImportError(
                f"{path.name}: this kind of file cannot be imported yet (supported: {supported})."
            )
        if is_open_here(path):
            # Reading it would also drop SQLite's locks on it in this process.
            raise ArticleImportError(
                f"{path.name} is a workspace file open in this desk, not an article."
            )
        reading = f"Reading {path.name}"
        data = article_files.read_article_file(
            path, limit=MAX_IMPORT_BYTES, check=lambda: report(0.0, reading)
        )
        report(0.05, f"Decoding {path.name}")
        try:
            parsed = self._parse(data, suffix, path.name, report)
        except ArticleImportError as error:
            raise ArticleImportError(f"{path.name}: {error}") from None
        return self._store_article(parsed, source_name=path.name, report=report)

    def _parse(
        self, data: bytes, suffix: str, name: str, report: Progress
    ) -> importing.ParsedArticle:
        """The article in a file's bytes; web pages, Word files and PDFs in this desk's
        parser worker (see article_files.parse_article_data)."""
        if self._parser is None and suffix in importing.EXTRACTED_SUFFIXES:
            self._parser = isolation.Worker()
        return article_files.parse_article_data(data, suffix, name, report, self._parser)

    def import_text(self, text: str, *, source_name: str = "pasted text") -> ImportResult:
        """Import text already in memory (paste, tests); unpaired surrogates become U+FFFD."""
        clean = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return self._store_article(
            importing.parse_article(clean.encode("utf-8")), source_name=source_name
        )

    def import_pasted(self, *, html: str = "", text: str = "") -> ImportResult:
        """Import clipboard content: rich text reduced to its words, else the plain text."""
        words = extract_html_fragment(html) if html.strip() else ""
        if not words.strip():
            words = text
        return self.import_text(words, source_name="pasted text")

    def _store_article(
        self,
        parsed: importing.ParsedArticle,
        *,
        source_name: str,
        report: Progress | None = None,
    ) -> ImportResult:
        report = report or _no_progress
        existing = self.repo.find_article_by_hash(parsed.content_hash)
        if existing is not None:
            summary = self.article_summary(existing)
            return ImportResult(existing, summary.title, summary.sentence_count, duplicate=True)
        total = max(1, len(parsed.text))
        stage = f"Splitting {source_name} into sentences"
        language = detect_language(parsed.text)
        # Splitting and indexing (normalising every sentence's words) each take about half.
        spans = split_sentences(
            parsed.text,
            on_progress=lambda done: report(0.1 + 0.45 * done / total, stage),
            language=language,
        )
        if not spans:
            raise ArticleImportError(f"{source_name}: no sentences found in the text.")
        metadata = dataclasses.replace(parsed.metadata)
        # A page's canonical link is the page's word, not ours: stored only in the desk's one
        # URL form (percent-encoded, http(s)), or not at all.
        metadata.url = safe_link(metadata.url) or "" if metadata.url else ""
        if not metadata.title:
            first = spans[0]
            metadata.title = importing.default_title(parsed.text[first.start : first.end])
        # Everything slow happens before the first write: the index words of every sentence.
        indexing = f"Indexing {source_name}"
        words = []
        for number, span in enumerate(spans):
            if number % _PROGRESS_EVERY == 0:
                report(0.55 + 0.3 * number / len(spans), indexing)
            words.append(index_words(parsed.text[span.start : span.end]))
        saving = f"Saving {source_name}"
        with self.repo.db.atomic():
            article_id = self.repo.begin_article(
                text=parsed.text,
                content_hash=parsed.content_hash,
                metadata=metadata,
                source_name=source_name,
                segmenter=SEGMENTER_VERSION,
                language=language,
            )
        try:
            # The slices' commits do not wait for the disk (a power cut may lose the last
            # of them: the article then stays unfinished and is removed, as after a
            # crash); the finish, which makes the article visible, does (issue 12).
            with self.repo.db.unsynced_commits():
                position = 0
                while position < len(spans):
                    report(0.85 + 0.15 * position / len(spans), saving)
                    with self.repo.db.atomic():
                        position = self._write_slice(
                            article_id, parsed.text, spans, words, position
                        )
            with self.repo.db.atomic():
                self.repo.finish_article(article_id)
        except BaseException:
            # Cancelled or failed half-way: take the unfinished article out again (a crash
            # here leaves it hidden, and the next writable open removes it).
            with contextlib.suppress(WorkspaceError):
                self._discard_unfinished(article_id)
            raise
        return ImportResult(article_id, metadata.title, len(spans), duplicate=False)

    def _write_slice(
        self,
        article_id: int,
        text: str,
        spans: Sequence[SentenceSpan],
        words: Sequence[str],
        position: int,
    ) -> int:
        """Write sentences from `position` on, with the stretch of text they lie in (the
        parts tile the whole text), until the slice is full, its time is up or a save of
        the window waits for it; returns where the next slice starts. Runs inside the
        caller's transaction."""
        deadline = time.monotonic() + IMPORT_SLICE_SECONDS
        limit = min(position + IMPORT_SLICE, len(spans))
        while position < limit:
            stop = min(position + IMPORT_BATCH, limit)
            begin = spans[position].start if position else 0
            end = spans[stop].start if stop < len(spans) else len(text)
            self.repo.add_sentences(
                article_id,
                spans[position:stop],
                words[position:stop],
                text_part=(begin, text[begin:end]),
            )
            position = stop
            # A save waiting for this slice waits for one batch at most (issue 12).
            if time.monotonic() >= deadline or self.repo.db.a_save_is_waiting():
                break
        return position

    def _discard_unfinished(self, article_id: int) -> None:
        """Delete an unfinished import in slices as short as its writing was."""
        while True:
            with self.repo.db.atomic():
                if self.repo.delete_sentences_of(article_id, IMPORT_SLICE) < IMPORT_SLICE:
                    self.repo.delete_article_row(article_id)
                    return

    def ensure_seeded(self, seed_dir: Path | None = None) -> list[ImportResult]:
        """Import the sample articles into an empty workspace (first start)."""
        if self.repo.list_articles():
            return []
        folder = seed_dir or config.seed_dir()
        if not folder.is_dir():
            return []
        return [self.import_file(path) for path in sorted(folder.glob("*.txt"))]

    def list_articles(self) -> list[ArticleSummary]:
        return self.repo.list_articles()

    def article_summary(self, article_id: int) -> ArticleSummary:
        for summary in self.repo.list_articles():
            if summary.id == article_id:
                return summary
        raise NotFound(f"There is no article {article_id} in this workspace.")

    def article_text(self, article_id: int) -> str:
        return self.repo.get_article(article_id).text

    def article_metadata(self, article_id: int) -> ArticleMetadata:
        return self.repo.article_metadata(article_id)

    def article_language(self, article_id: int) -> str:
        """The language the article is split in ("" = not known yet: detected when it is
        next re-split; until then it was split, and is suggested, as English)."""
        return self.repo.get_article(article_id).language

    def update_article_metadata(self, article_id: int, metadata: ArticleMetadata) -> None:
        """Save the properties; a changed language is recorded, and the caller offers to
        re-split (the sentences stay as they are until then)."""
        if metadata.language and metadata.language not in languages.TABLES:
            raise EditRefused(
                f"The desk has no sentence rules for the language {metadata.language!r}."
            )
        if metadata.url:
            metadata = dataclasses.replace(metadata, url=validate_source_url(metadata.url))
        with self.repo.db.atomic():
            before = self.repo.article_metadata(article_id)
            self.repo.update_article_metadata(article_id, metadata)
            self.repo.record_history(
                actor=self.reviewer,
                action="do",
                description="Edit article properties",
                entity="article",
                entity_id=article_id,
                old=dataclasses.asdict(before),
                new=dataclasses.asdict(metadata),
            )

    def progress(self, article_id: int) -> tuple[int, int]:
        return self.repo.article_progress(article_id)

    # -- sentences and reviews ------------------------------------------------------------

    def sentence_rows(self, article_id: int) -> list[SentenceRow]:
        return self.repo.sentence_rows(article_id)

    def review(self, sentence_id: int) -> Review:
        return self.repo.get_review(sentence_id)

    def source_count(self, sentence_id: int) -> int:
        """How many sources are linked to the sentence."""
        return self.repo.source_count(sentence_id)

    def _current_review(self, sentence_id: int) -> tuple[int, Review]:
        """(article id, review) of an existing sentence; NotFound for an unknown id."""
        return self.repo.article_of_sentence(sentence_id), self.repo.get_review(sentence_id)

    def _edit_review(
        self, article_id: int, after: Review, description: str, merge_key: str | None = None
    ) -> Change | None:
        before = self.repo.get_review(after.sentence_id)
        if after.content_fields() == before.content_fields():
            return None
        edit = ReviewEdit(article_id, before, stamp(after, self.reviewer), description, merge_key)
        return self.edits.push(edit)

    def set_tag(self, sentence_id: int, tag: Tag | None) -> Change | None:
        """Tag a sentence. Clearing the tag means "nothing to check here": the sentence is done."""
        article_id, review = self._current_review(sentence_id)
        after = review.edited(tag=tag, status=status_after_tagging(review, tag))
        label = tag.label if tag else "none"
        return self._edit_review(article_id, after, f"Tag as {label}")

    def set_rating(self, sentence_id: int, rating: str | None) -> Change | None:
        """Record the verdict; a verdict completes the review unless it awaits a second look."""
        if rating is not None and rating not in RATINGS_BY_KEY:
            raise EditRefused(f"Unknown verdict {rating!r}.")
        article_id, review = self._current_review(sentence_id)
        status = review.status
        if rating is not None and status in (Status.UNREVIEWED, Status.IN_PROGRESS):
            status = Status.DONE
        label = RATINGS_BY_KEY[rating].label if rating else "none"
        return self._edit_review(
            article_id, review.edited(rating=rating, status=status), f"Verdict: {label}"
        )

    def set_status(self, sentence_id: int, status: Status) -> Change | None:
        article_id, review = self._current_review(sentence_id)
        return self._edit_review(
            article_id, review.edited(status=status), f"Status: {status.label}"
        )

    def set_text_field(self, sentence_id: int, field_name: str, value: str) -> Change | None:
        """Claimant or explanation; consecutive typing in one field is one undo step."""
        if field_name not in TEXT_FIELDS:
            raise EditRefused(f"{field_name!r} is not a text field of a review.")
        article_id, review = self._current_review(sentence_id)
        after = review.edited(**{field_name: value})
        if review.status is Status.UNREVIEWED and value.strip():
            after = after.edited(status=Status.IN_PROGRESS)
        return self._edit_review(
            article_id, after, f"Edit {field_name}", merge_key=f"{sentence_id}:{field_name}"
        )

    def accept_suggestion(
        self, sentence_id: int, tag: Tag | None, claimant: str, denies_sentence_id: int | None
    ) -> Change | None:
        """Take the assist's suggestion as one undoable edit: the tag, the claimant when none
        was typed yet, and for a denial the claim it answers when none was chosen."""
        article_id, review = self._current_review(sentence_id)
        after = accepted(review, tag, claimant, denies_sentence_id)
        label = tag.label if tag else "nothing to check"
        return self._edit_review(article_id, after, f"Accept suggestion ({label})")

    def accept_suggestions(
        self, article_id: int, picks: Iterable[tuple[int, Tag, str, int | None]]
    ) -> Change | None:
        """Accept many suggestions (sentence, tag, claimant, denied claim) as ONE undo step;
        sentences the reviewer already tagged are left as they are."""
        edits = []
        for sentence_id, tag, claimant, denies in picks:
            review = self.repo.get_review(sentence_id)
            if review.tag is not None:
                continue
            after = stamp(accepted(review, tag, claimant, denies), self.reviewer)
            edits.append(ReviewEdit(article_id, review, after, "Accept suggestion"))
        if not edits:
            return None
        return self.edits.push(
            BatchReviewEdit(article_id, edits, f"Accept {counted(len(edits), 'suggestion')}")
        )

    def set_denies(self, sentence_id: int, denied_sentence_id: int | None) -> Change | None:
        article_id, review = self._current_review(sentence_id)
        if denied_sentence_id is not None and (
            denied_sentence_id == sentence_id
            or self.repo.article_of_sentence(denied_sentence_id) != article_id
        ):
            raise EditRefused("A denial can only point at another sentence of its article.")
        return self._edit_review(
            article_id, review.edited(denies_sentence_id=denied_sentence_id), "Link denied claim"
        )

    def next_unreviewed(
        self, rows: Iterable[SentenceRow], after_sentence_id: int | None
    ) -> int | None:
        """The next sentence (wrapping round) whose review is not done."""
        ordered = list(rows)
        start = 0
        for index, row in enumerate(ordered):
            if row.sentence.id == after_sentence_id:
                start = index + 1
                break
        for row in ordered[start:] + ordered[:start]:
            if not row.review.is_reviewed and row.sentence.id != after_sentence_id:
                return row.sentence.id
        return None

    # -- sources --------------------------------------------------------------------------

    def sources(self) -> list[Source]:
        return self.repo.list_sources()

    def links(self, sentence_id: int) -> list[SourceLink]:
        return self.repo.links_for_sentence(sentence_id)

    def link_source(self, sentence_id: int, new: NewSource) -> Change:
        """Attach a source (reusing the workspace's record of that URL when it exists)."""
        url = validate_source_url(new.url)
        article_id = self.repo.article_of_sentence(sentence_id)
        existing = self.repo.find_source_by_url(url)
        if existing is not None and self.repo.is_linked(sentence_id, existing.id):
            raise EditRefused("This source is already linked to the sentence.")
        source = existing or Source(
            id=0,
            url=url,
            title=new.title.strip(),
            publisher=new.publisher.strip(),
            accessed=new.accessed or dt.date.today(),
        )
        link = SourceLink(0, sentence_id, source, new.stance, new.excerpt.strip())
        title = source.title or url
        edit = LinkSourceEdit(
            article_id,
            link,
            creates_source=existing is None,
            description=f"Link source {title}",
        )
        return self.edits.push(edit)

    def unlink_source(self, link_id: int, sentence_id: int) -> Change:
        article_id = self.repo.article_of_sentence(sentence_id)
        for link in self.repo.links_for_sentence(sentence_id):
            if link.id == link_id:
                return self.edits.push(UnlinkSourceEdit(article_id, link))
        raise NotFound("That source is no longer linked to the sentence.")

    # -- earlier verdicts and search -----------------------------------------------------

    def earlier_verdicts(self, sentence_id: int, *, limit: int = 5) -> list[EarlierVerdict]:
        """Judged sentences anywhere in the workspace resembling this one, most alike first."""
        sentence = self.repo.get_sentence(sentence_id)
        return workspace_search.earlier_verdicts(self.repo, sentence_id, sentence.text, limit=limit)

    def search(self, query: str, scope: SearchScope = SearchScope.EVERYWHERE) -> SearchResults:
        """Search the whole workspace: sentences, claimants, explanations and sources."""
        return workspace_search.search_workspace(self.repo, query, scope)

    def copy_verdict(self, sentence_id: int, from_sentence_id: int) -> Change | None:
        """Give a sentence the verdict of an earlier one, as one undo step: its tag and
        verdict, and its claimant and explanation where this sentence has none yet (what
        the reviewer typed is never overwritten)."""
        article_id, review = self._current_review(sentence_id)
        earlier = self.repo.get_review(from_sentence_id)
        if not earlier.rating:
            raise EditRefused("That sentence has no verdict to copy.")
        status = review.status
        if status in (Status.UNREVIEWED, Status.IN_PROGRESS):
            status = Status.DONE
        after = review.edited(
            tag=earlier.tag or review.tag,
            rating=earlier.rating,
            claimant=review.claimant or earlier.claimant,
            explanation=review.explanation or earlier.explanation,
            status=status,
        )
        title = self.repo.get_article(self.repo.article_of_sentence(from_sentence_id)).title
        return self._edit_review(article_id, after, f"Copy verdict from “{title}”")

    def reuse_sources(self, sentence_id: int, from_sentence_id: int) -> Change | None:
        """Link every source of an earlier sentence to this one (same stance and excerpt),
        as one undo step. Sources already linked here are left as they are; None when
        there is nothing new to link."""
        article_id = self.repo.article_of_sentence(sentence_id)
        linked = {link.source.id for link in self.repo.links_for_sentence(sentence_id)}
        edits: list[Edit] = [
            LinkSourceEdit(
                article_id,
                dataclasses.replace(link, id=0, sentence_id=sentence_id),
                creates_source=False,
                description=f"Link source {link.source.title or link.source.url}",
            )
            for link in self.repo.links_for_sentence(from_sentence_id)
            if link.source.id not in linked
        ]
        if not edits:
            return None
        noun = "source" if len(edits) == 1 else "sources"
        return self.edits.push(
            CompoundEdit(article_id, edits, f"Reuse {len(edits)} {noun} of an earlier verdict")
        )

    # -- merge and split ------------------------------------------------------------------

    def merge_with_next(self, sentence_id: int) -> Change:
        """Join a sentence with the following one, keeping both reviews' content."""
        first = self.repo.get_sentence(sentence_id)
        second = self.repo.next_sentence(first)
        if second is None:
            raise EditRefused("This is the last sentence: there is nothing to merge it with.")
        before = [SentenceSnapshot.take(self.repo, first), SentenceSnapshot.take(self.repo, second)]
        text = self.repo.get_article(first.article_id).text
        merged = dataclasses.replace(first, end=second.end, text=text[first.start : second.end])
        review, message = merge_reviews(before[0].review, before[1].review)
        review = stamp(review, self.reviewer) if review != before[0].review else review
        links = list(before[0].links)
        linked = {link.source.id for link in links}
        links += [
            dataclasses.replace(link, sentence_id=first.id)
            for link in before[1].links
            if link.source.id not in linked
        ]
        after = [SentenceSnapshot(merged, review, links)]
        return self.edits.push(
            StructuralEdit(first.article_id, before, after, "Merge sentences", message)
        )

    def split_sentence(
        self,
        sentence_id: int,
        at: int,
        *,
        review_to: str = "first",
        sources_to: str = "both",
    ) -> Change:
        """Split a sentence at absolute text offset `at`.

        `review_to` ("first"/"second") says which part keeps the review; `sources_to`
        ("both"/"first"/"second") where its linked sources go.
        """
        sentence = self.repo.get_sentence(sentence_id)
        text = self.repo.get_article(sentence.article_id).text
        head_end = at
        while head_end > sentence.start and text[head_end - 1].isspace():
            head_end -= 1
        tail_start = at
        while tail_start < sentence.end and text[tail_start].isspace():
            tail_start += 1
        if not (sentence.start < head_end and tail_start < sentence.end):
            raise EditRefused("Place the split point inside the sentence, between two words.")
        snapshot = SentenceSnapshot.take(self.repo, sentence)
        head = dataclasses.replace(sentence, end=head_end, text=text[sentence.start : head_end])
        # The new part keeps the old id when it takes the review, so references stay valid.
        new_id = self._next_sentence_id()
        tail = Sentence(
            new_id,
            sentence.article_id,
            tail_start,
            sentence.end,
            sentence.paragraph,
            text[tail_start : sentence.end],
        )
        if review_to == "second":
            head, tail = (
                dataclasses.replace(head, id=new_id),
                dataclasses.replace(tail, id=sentence.id),
            )
        keeper, other = (head, tail) if review_to == "first" else (tail, head)
        review_parts = {keeper.id: snapshot.review, other.id: Review(other.id)}
        parts = []
        for part in (head, tail):
            which = "first" if part is head else "second"
            links = [
                dataclasses.replace(
                    link, id=link.id if part.id == sentence.id else 0, sentence_id=part.id
                )
                for link in snapshot.links
                if sources_to in ("both", which)
            ]
            parts.append(SentenceSnapshot(part, review_parts[part.id], links))
        edit = StructuralEdit(sentence.article_id, [snapshot], parts, "Split sentence")
        return self.edits.push(edit)

    def reviewed_sentence_count(self, article_id: int) -> int:
        """Sentences with any review work or sources (what a re-split would have to move)."""
        return sum(
            1
            for row in self.sentence_rows(article_id)
            if row.source_count or row.review.has_content
        )

    def resplit_article(self, article_id: int) -> Change:
        """Split the article again with this version's splitter, moving reviews along.

        Each reviewed sentence's review and sources go to the new sentence that holds its
        start; reviews that land on one sentence are merged as in `merge_with_next`.
        The GUI warns before calling this on a reviewed article; undo restores all.
        It splits in the article's language, detected now if not known yet.
        """
        text, language = self._resplit_language(article_id)
        before = [
            SentenceSnapshot(row.sentence, row.review, self.links(row.sentence.id))
            for row in self.sentence_rows(article_id)
        ]
        if not before:
            raise EditRefused("This article has no sentences to re-split.")
        old_by_span = {(s.sentence.start, s.sentence.end): s.sentence for s in before}
        next_id = self._next_sentence_id()
        after: list[SentenceSnapshot] = []
        for span in split_sentences(text, language=language):
            kept = old_by_span.get((span.start, span.end))
            if kept is None:
                sentence_id, next_id = next_id, next_id + 1
            else:
                sentence_id = kept.id
            sentence = Sentence(
                sentence_id,
                article_id,
                span.start,
                span.end,
                span.paragraph,
                text[span.start : span.end],
            )
            after.append(SentenceSnapshot(sentence, Review(sentence_id), []))
        if [s.sentence for s in after] == [s.sentence for s in before]:
            raise EditRefused("Re-splitting would not change any sentence of this article.")
        messages = []
        starts = [s.sentence.start for s in after]
        for old in before:
            index = max(0, bisect_right(starts, old.sentence.start) - 1)
            target = after[index]
            review = old.review.edited(sentence_id=target.sentence.id)
            if review.has_content:
                merged, message = merge_reviews(target.review, review)
                target.review = merged.edited(sentence_id=target.sentence.id)
                if message:
                    messages.append(message)
            linked = {link.source.id for link in target.links}
            target.links += [
                dataclasses.replace(link, id=0, sentence_id=target.sentence.id)
                for link in old.links
                if link.source.id not in linked
            ]
        message = f"Re-split into {counted(len(after), 'sentence')} (was {len(before)})."
        if messages:
            holds = "now holds" if len(messages) == 1 else "now hold"
            message += (
                f" {counted(len(messages), 'sentence')} {holds} two reviews: marked for a "
                "second look."
            )
        change = self.edits.push(
            StructuralEdit(article_id, before, after, "Re-split article", message)
        )
        # Not part of undo: it records which splitter the current boundaries came from.
        with self.repo.db.atomic():
            self.repo.set_segmenter(article_id, SEGMENTER_VERSION)
        return change

    def _next_sentence_id(self) -> int:
        return self.repo.next_sentence_id()

    def _resplit_language(self, article_id: int) -> tuple[str, str]:
        """The article's text and language; an article imported before languages were
        known gets its language detected and recorded here (not part of undo)."""
        article = self.repo.get_article(article_id)
        if article.language:
            return article.text, article.language
        language = detect_language(article.text)
        with self.repo.db.atomic():
            self.repo.set_language(article_id, language)
        return article.text, language

    # -- undo -----------------------------------------------------------------------------

    def undo(self) -> Change | None:
        return self.edits.undo()

    def redo(self) -> Change | None:
        return self.edits.redo()


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


def _int_or_zero(value: str | None) -> int:
    """A stored counter; anything else (damaged, hand-edited) counts as none."""
    try:
        return int(value or 0)
    except ValueError:
        return 0


def accepted(
    review: Review, tag: Tag | None, claimant: str, denies_sentence_id: int | None
) -> Review:
    """A review with a suggestion taken: never overwriting what the reviewer typed."""
    after = review.edited(tag=tag, status=status_after_tagging(review, tag))
    if claimant and not review.claimant:
        after = after.edited(claimant=claimant)
    if tag is Tag.DENIAL and denies_sentence_id is not None and review.denies_sentence_id is None:
        after = after.edited(denies_sentence_id=denies_sentence_id)
    return after


def status_after_tagging(review: Review, tag: Tag | None) -> Status:
    """Tagging starts a review; clearing the tag of an unjudged sentence finishes it."""
    if tag is None:
        if review.status in (Status.UNREVIEWED, Status.IN_PROGRESS) and review.rating is None:
            return Status.DONE
    elif review.status is Status.UNREVIEWED:
        return Status.IN_PROGRESS
    return review.status


def merge_reviews(first: Review, second: Review) -> tuple[Review, str]:
    """One review from two, dropping nothing: the first wins, the second's words are carried."""
    if not second.has_content:
        return first, ""
    if not first.has_content:
        return dataclasses.replace(second, sentence_id=first.sentence_id), ""
    carried = []
    if second.tag and second.tag != first.tag:
        carried.append(f"tag {second.tag.label}")
    if second.rating and second.rating != first.rating:
        carried.append(f"verdict {RATINGS_BY_KEY[second.rating].label}")
    if second.claimant and second.claimant != first.claimant:
        carried.append(f"claimant {second.claimant}")
    explanation = "\n\n".join(p for p in (first.explanation, second.explanation) if p.strip())
    if carried:
        explanation += ("\n\n" if explanation else "") + (
            "[From the merged sentence: " + "; ".join(carried) + "]"
        )
    merged = first.edited(
        tag=first.tag or second.tag,
        rating=first.rating or second.rating,
        claimant=first.claimant or second.claimant,
        explanation=explanation,
        status=Status.SECOND_LOOK if carried else first.status,
    )
    message = (
        "Merged two reviewed sentences: the first review was kept; the second one's "
        + ", ".join(carried)
        + " were added to the explanation and the sentence marked for a second look."
        if carried
        else "Merged two sentences; both explanations and all sources were kept."
    )
    return merged, message
