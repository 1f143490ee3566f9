"""Bringing articles into a workspace: read a file (or pasted text), split it into
sentences, index their words, and write it in short slices a save from the window never
waits long for. An import a crash cut short is taken out again on the next open."""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck_app import config
from factcheck_app.domain import file_types, importing, langid, preparation
from factcheck_app.domain.errors import (
    ArticleImportError,
    NotFound,
    StoppedToQuit,
    WorkspaceError,
)
from factcheck_app.domain.extract import extract_html_fragment
from factcheck_app.domain.own_reports import OwnReport
from factcheck_app.domain.preparation import SAVING_FROM, PreparedArticle
from factcheck_app.domain.printable import shown_line, with_undecodable_replaced
from factcheck_app.domain.segmentation import SentenceSpan
from factcheck_app.domain.urls import safe_link
from factcheck_app.services import article_files, isolation
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.workspace import is_open_here

logger = logging.getLogger(__name__)

# 2: per-language tables (issue 18); 3: long sentences cut; 4: half-width Japanese split
# at its full stop (U+FF61), never between a half-width kana and its voiced mark; 5: a
# Japanese quote's corner bracket (」 ｣ 』) closes it, so "。」 " ends a sentence.
SEGMENTER_VERSION = "fcdesk-5"
_CUTS_LONG_SENTENCES = 3  # the first version that cuts them (`MAX_SENTENCE_CHARS`)


def cuts_long_sentences(segmenter: str) -> bool:
    """Whether an article split by `segmenter` (as its row keeps it: "fcdesk-3"; "" before
    versions were kept) had its sentences over `segmentation.MAX_SENTENCE_CHARS` cut."""
    name, _, number = segmenter.rpartition("-")
    return (
        name == "fcdesk"
        and number.isascii()
        and number.isdigit()
        and int(number) >= _CUTS_LONG_SENTENCES
    )


MAX_IMPORT_BYTES = article_files.MAX_ARTICLE_BYTES
# An import writes in slices, each its own transaction, and a save from the window waits
# for at most the slice being written (storage/turns.py). A slice ends after
# IMPORT_SLICE_SECONDS, or IMPORT_SLICE sentences, whichever comes first, so that a
# loaded machine makes slices smaller rather than saves slower (docs/performance.md).
IMPORT_SLICE = 1000
IMPORT_SLICE_SECONDS = 0.03
IMPORT_BATCH = 100  # sentences per statement batch within a slice
# The stage while a cancelled import's sentences are removed (a slice at a time, as long
# as they took to write: 13 s for 350,000): "Cancelling…" alone, that long, looked stuck.
# A job's progress does not raise Cancelled for it: the removal is what the Cancel asked.
UNDOING = "Cancelling the import of "
# Merging the index's segments: after each slice, up to IMPORT_MERGES_PER_SLICE steps
# (each its own transaction of MERGE_STEP_PAGES pages: storage/search.py), which keeps up
# with the slices; after the last, up to IMPORT_FINAL_MERGES more until nothing is left.
IMPORT_MERGES_PER_SLICE = 4
IMPORT_FINAL_MERGES = 200
# Paste as New Article runs on the window's thread, without Cancel: a paste must take no
# more than about a second (2,000,000 characters: 1.2 s; 20 MB of text took 13 s). A
# bigger text is refused with the way that imports it in the background. Copied HTML
# over the second limit (0.7 s to read 5 MB) gives way to the clipboard's plain text.
MAX_PASTED_CHARS = 2_000_000

# The texts this process is importing now, by workspace file (the writer lock: no other
# process writes it). A hidden article of such a text is an import under way; any other
# of the same text is one stopped half-way in this session whose removal failed (a full
# disk), which nothing is writing: its hash is let go (`release_stale`) by the write that
# would bring the text in, as what a quit or a crash left is at the open (`Session.start`).
_WRITING: set[tuple[object, str]] = set()


def _writing(repo: WorkspaceRepository, content_hash: str) -> tuple[object, str]:
    """The key of an import of `content_hash` into `repo`'s file, in `_WRITING`: one
    file whichever connection writes it (the window's, its background import's)."""
    return (repo.db.file_key or id(repo.db), content_hash)


@dataclass(frozen=True, slots=True)
class HiddenImport:
    """The hidden article of a text (`hidden_import`)."""

    article_id: int
    # Being written by this process now; else what an import stopped half-way left (its
    # removal failed), which `release_stale` lets go.
    under_way: bool


def hidden_import(repo: WorkspaceRepository, content_hash: str) -> HiddenImport | None:
    """The hidden article of this text, if any, and whether it is an import under way.
    Reads only. (Marked in `_WRITING` before the commit that shows its row, and unmarked
    after the one that ends it: a row read here is under way until then.)"""
    hidden = repo.imports.hidden_of_text(content_hash)
    if hidden is None:
        return None
    return HiddenImport(hidden, _writing(repo, content_hash) in _WRITING)


def release_stale(repo: WorkspaceRepository, found: HiddenImport) -> None:
    """In the caller's write transaction, which read `found` in it: the hidden article
    of a stopped import lets its text's hash go, so that the text may come in (refused
    "being imported already" until the workspace was opened again, a file whose first
    import a full disk stopped could not be imported, nor merged, once there was room).
    An import under way keeps it."""
    if not found.under_way:
        repo.imports.release_hashes([found.article_id])


MAX_PASTED_HTML_CHARS = 5_000_000
# A clipboard holding one web address and nothing else (the address bar copied, not the
# story), or several (links copied from a chat): no article to check, and the desk does
# not fetch pages.
_ADDRESS_ALONE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_ADDRESSES_ALONE = re.compile(
    rf"{_ADDRESS_ALONE.pattern}(?:\s+{_ADDRESS_ALONE.pattern})*", re.IGNORECASE
)


Progress = Callable[[float, str], None]


def _no_progress(fraction: float, stage: str) -> None:
    """Progress sink for callers that do not show progress."""


# The workspace setting saying the sample articles were offered (see ensure_seeded).
SAMPLES_OFFERED = "samples.offered"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """One imported (or recognised) article."""

    article_id: int
    title: str
    sentence_count: int
    duplicate: bool
    # How the file's bytes were read, when the reviewer should know (a guess at their
    # encoding: importing.read_article_bytes), in words; "" otherwise.
    reading_note: str = ""
    # Split in the language its file declared (a front matter's `lang`: `split_as`),
    # though its text reads as another (`reads_as`); both "" otherwise.
    split_as: str = ""
    reads_as: str = ""

    @property
    def language_note(self) -> str:
        """`split_as` and `reads_as` in words ("split as English, as its front matter says, though
        its text reads as French"), or ""."""
        if not self.reads_as:
            return ""
        from factcheck_app.domain.languages import language_name

        return (
            f"split as {language_name(self.split_as)}, as its front matter says, though its text "
            f"reads as {language_name(self.reads_as)}"
        )


def check_article_path(path: Path) -> None:
    """ArticleImportError, in words, for a path that cannot be an article whatever it
    holds (a folder, no file there, a workspace, a kind of file the desk does not read):
    told before anything is read, and before a workspace is opened or made for it."""
    # Said before the suffix: a folder ("articles") or a missing file was refused as
    # "this kind of file cannot be imported yet".
    if os.path.isdir(path):
        raise ArticleImportError(f"{path} is a folder, not an article file.")
    try:
        os.stat(path)  # through a link: one leading nowhere made a new, empty workspace
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            raise ArticleImportError(article_files.not_there(path)) from None
        # There, or not, but not to be looked at: not "no such file".
        raise ArticleImportError(article_files.cannot_read(path, error)) from None
    suffix = path.suffix.lower()
    if suffix == config.WORKSPACE_SUFFIX:
        # A colleague's workspace dropped on the window: "cannot be imported yet
        # (supported: …)" read as a later version's job, and named no way forward.
        raise ArticleImportError(
            f"{path.name} is a workspace, not an article: File → Open Workspace… opens "
            "it, and File → Merge Workspace… brings its work into this one "
            "(`factcheck-app merge` on the command line)."
        )
    if suffix not in file_types.SUPPORTED_SUFFIXES:
        supported = ", ".join(file_types.SUPPORTED_SUFFIXES)
        raise ArticleImportError(
            f"{path.name}: this kind of file cannot be imported yet (supported: {supported})."
        )


class ArticleImporter:
    """Imports into one workspace; web pages, Word files and PDFs are parsed in a worker
    process (started on the first one, stopped by `close`)."""

    def __init__(self, repo: WorkspaceRepository) -> None:
        self.repo = repo
        self._parser: isolation.Worker | None = None

    def close(self) -> None:
        if self._parser is not None:
            self._parser.close()

    def import_file(self, path: Path, progress: Progress | None = None) -> ImportResult:
        """Import one article file; a file already in the workspace is recognised, not copied.

        `progress(fraction, stage)` is called along the way; it may raise Cancelled, and
        then nothing of the file is kept.
        """
        report = progress or _no_progress
        report(0.0, f"Reading {path.name}")
        check_article_path(path)
        suffix = path.suffix.lower()
        if is_open_here(path):
            # Reading it would also drop SQLite's locks on it in this process.
            raise ArticleImportError(
                f"{path.name} is a workspace file open in this desk, not an article."
            )
        source_name = with_undecodable_replaced(path.name)
        marked = self._note_reading(source_name)
        try:
            reading = f"Reading {path.name}"
            data = article_files.read_article_file(
                path, limit=MAX_IMPORT_BYTES, check=lambda: report(0.0, reading)
            )
            report(0.05, f"Decoding {path.name}")
            try:
                parsed = self._parse(data, suffix, path.name, report)
            except OwnReport:  # "report.pdf is a verdict report exported by the desk, …"
                raise OwnReport(path.name) from None
            except ArticleImportError as error:
                raise ArticleImportError(f"{path.name}: {error}") from None
            # The file's bytes (up to 200 MB) are not needed while its article is saved,
            # which takes longer than reading it did (a 50 MB file: 50 MB for a minute).
            del data
            return self._store_article(
                parsed, source_name=source_name, report=report, marked=marked
            )
        finally:
            self._forget_reading(marked)

    def _parse(
        self, data: bytes, suffix: str, name: str, report: Progress
    ) -> importing.ParsedArticle | PreparedArticle:
        """The article in a file's bytes; web pages, Word files and PDFs in this
        importer's parser worker, big text files split and indexed in a worker of their
        own (see article_files.read_for_import)."""
        if self._parser is None and suffix in file_types.EXTRACTED_SUFFIXES:
            self._parser = isolation.Worker()
        return article_files.read_for_import(data, suffix, name, report, self._parser)

    def import_text(self, text: str, *, source_name: str = "pasted text") -> ImportResult:
        """Import text already in memory (paste, standard input, tests); unpaired
        surrogates become U+FFFD. Chosen, not swept in with a folder: the desk's own
        Markdown report pasted comes in (how one is reviewed as an article)."""
        clean = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        marked = self._note_reading(source_name)
        try:
            return self._store_article(
                importing.parse_article(clean.encode("utf-8"), pasted=True),
                source_name=source_name,
                marked=marked,
            )
        finally:
            self._forget_reading(marked)

    def _note_reading(self, name: str) -> list[str]:
        """Mark `name` as being read, before anything of it is written: the reading and
        splitting take most of a big import's time, and a desk stopped then left nothing
        that said so (the next open named only an import stopped while saving). Empty
        when it cannot be marked (a full disk): the import then goes on, unmarked."""
        try:
            # A mark lost to a power cut only goes unsaid: it does not wait for the disk.
            with self.repo.db.unsynced_commits(), self.repo.db.atomic():
                return [self.repo.imports.note_reading(name)]
        except WorkspaceError:
            return []

    def _forget_reading(self, marked: list[str]) -> None:
        """The import came in (its article's own mark took over) or ended: unmark it."""
        with contextlib.suppress(WorkspaceError):
            while marked:
                with self.repo.db.atomic():
                    self.repo.imports.forget_reading(marked[-1])
                marked.pop()

    def import_pasted(self, *, html: str = "", text: str = "") -> ImportResult:
        """Import clipboard content: rich text reduced to its words, else the plain text."""
        if len(html) > MAX_PASTED_HTML_CHARS and text.strip():
            html = ""  # the same words, without markup to read on the window's thread
        words = extract_html_fragment(html) if html.strip() else ""
        if not words.strip():
            words = text
        if "\x00" in words:  # what parse_article says of a file, said of the clipboard
            raise ArticleImportError(
                "The clipboard holds NUL characters: it looks like binary data, not article text."
            )
        if _ADDRESSES_ALONE.fullmatch(words.strip()):
            alone = "a web address" if _ADDRESS_ALONE.fullmatch(words.strip()) else "web addresses"
            raise ArticleImportError(
                f"The clipboard holds only {alone}, not the article: the desk does not "
                "fetch pages. Copy the article's text, or save the page in the browser "
                "(Ctrl+S) and open that with File → Open Article."
            )
        if len(words) > MAX_PASTED_CHARS:
            raise ArticleImportError(
                f"The clipboard holds {len(words) / 1_000_000:.1f} million characters: too "
                "much to paste without freezing the window. Save it as a text file and open "
                "that with File → Open Article, which imports in the background."
            )
        return self.import_text(words, source_name="pasted text")

    def ensure_seeded(self, seed_dir: Path | None = None) -> list[ImportResult]:
        """Import the sample articles into a new workspace, once: whichever opens the
        default workspace first (the window or a command) adds them, and a mark in its
        settings keeps them from coming back once the reviewer has taken them out.

        A workspace from before the mark gets them only when nothing was ever done in it
        (no article, no history entry): emptied by hand, it stays empty. The caller holds
        the writer lock, so two programs making the workspace at once add them once."""
        settings = self.repo.settings
        if settings.get_setting(SAMPLES_OFFERED) is not None:
            return []
        if self.repo.articles.has_articles() or self.repo.history.last_history_id():
            results: list[ImportResult] = []
        else:
            folder = seed_dir or config.seed_dir()
            if not folder.is_dir():  # a broken install: no mark, so a mended one adds them
                return []
            results = []
            for path in sorted(folder.glob("*.txt")):
                try:
                    results.append(self.import_file(path))
                except ArticleImportError as error:
                    # A damaged installation (a sample copied as 0 bytes, one it cannot
                    # read): the window's first start ended on a traceback at every start.
                    # The others come in; a sample is no one's work.
                    logger.warning("Sample article not added: %s", error)
            if not results:  # every sample damaged: no mark either, as for no folder
                return []
        with self.repo.db.atomic():
            settings.set_setting(SAMPLES_OFFERED, "1")
        return results

    def _store_article(
        self,
        article: importing.ParsedArticle | PreparedArticle,
        *,
        source_name: str,
        report: Progress | None = None,
        marked: list[str] | None = None,
    ) -> ImportResult:
        """Store a read article. `marked`: its being-read mark (`_note_reading`), taken
        off as its article is begun (the article's own mark then says it is unfinished),
        so that a desk stopped while saving it names it once."""
        report = report or _no_progress
        parsed = article.parsed if isinstance(article, PreparedArticle) else article
        found = self._already_here(parsed)
        if found is not None:
            return found
        # Everything slow happens before the first write: the sentences and the index
        # words of each (a big file's in the worker that read it).
        if not isinstance(article, PreparedArticle):
            article = preparation.prepare(parsed, source_name, report)
        language, spans, words = article.language, article.spans, article.words
        if not spans:
            raise ArticleImportError(f"{source_name}: no sentences found in the text.")
        metadata = dataclasses.replace(parsed.metadata)
        # A CMS stamps its site's `lang: en` on a French page too, and the English rules'
        # sentences ("» Mme Martin …") were the only sign of it.
        declared = metadata.language and metadata.language == language
        reads_as = langid.reads_as(parsed.text, language) if declared else ""
        # A page's canonical link is the page's word, not ours: stored only in the desk's one
        # URL form (percent-encoded, http(s)), or not at all.
        metadata.url = safe_link(metadata.url) or "" if metadata.url else ""
        if not metadata.title:
            first = spans[0]
            metadata.title = importing.default_title(parsed.text[first.start : first.end])
        saving = f"Saving {source_name}"
        writing, registered = _writing(self.repo, parsed.content_hash), False
        try:
            with self.repo.db.atomic():
                # Checked in the transaction that begins it: an import of the same text
                # (a file saved beside the window, a paste meanwhile) cannot begin between.
                hidden = hidden_import(self.repo, parsed.content_hash)
                if hidden is not None and hidden.under_way:
                    raise ArticleImportError(
                        f"{source_name}: the same text is being imported already; it is "
                        "listed when that import has finished."
                    )
                if hidden is not None:
                    release_stale(self.repo, hidden)
                # And again here: the text may have come in while this was read and split
                # (Ctrl+Z of its removal in the window, a paste): found, not an error.
                found = self._already_here(parsed)
                if found is not None:
                    return found
                article_id = self.repo.imports.begin_article(
                    text=parsed.text,
                    content_hash=parsed.content_hash,
                    metadata=metadata,
                    source_name=source_name,
                    segmenter=SEGMENTER_VERSION,
                    language=language,
                )
                # Before the commit that shows its hidden row to the other connections.
                _WRITING.add(writing)
                registered = True
                for key in marked or []:
                    self.repo.imports.forget_reading(key)
                # A long import's index merges its segments in steps between the slices, not
                # as each slice commits (storage/search.py: defer_merges).
                stepwise = len(spans) > IMPORT_SLICE
                if stepwise:
                    self.repo.search.defer_merges()
            if marked:
                marked.clear()  # taken off with the article begun
            position = 0  # sentences written, in the slices committed
            try:
                # The slices' commits do not wait for the disk (a power cut may lose the last
                # of them: the article then stays unfinished and is removed, as after a
                # crash); the finish, which makes the article visible, does (issue 12).
                with self.repo.db.unsynced_commits():
                    position = 0
                    while position < len(spans):
                        report(SAVING_FROM + (1 - SAVING_FROM) * position / len(spans), saving)
                        with self.repo.db.atomic():
                            position = self._write_slice(
                                article_id, parsed.text, spans, words, position
                            )
                        if stepwise:
                            self.repo.search.merge_steps(IMPORT_MERGES_PER_SLICE)
                    if stepwise:
                        self.repo.search.merge_steps(
                            IMPORT_FINAL_MERGES, stop=lambda: report(1.0, saving) is not None
                        )
                with self.repo.db.atomic():
                    self.repo.imports.finish_article(article_id)
                    if stepwise:
                        self.repo.search.resume_merges()
            except BaseException as error:
                # Cancelled or failed half-way: take the unfinished article out again (a crash
                # here leaves it hidden, and the next writable open removes it). Not when the
                # desk quits: the removal takes as long as the writing did (a minute for a
                # 150 MB file), and the window waiting for it painted nothing; the article
                # stays hidden, as after a crash, and the next open removes it unsaid.
                undoing = f"{UNDOING}{source_name}"
                written = position

                stopped_at = SAVING_FROM + (1 - SAVING_FROM) * written / len(spans)

                def removed(count: int) -> None:
                    # The bar goes back from where the saving stopped to its start: back only
                    # to where the saving began, a few pixels of it for most of the wait.
                    report(stopped_at * max(written - count, 0) / max(written, 1), undoing)

                with contextlib.suppress(WorkspaceError):
                    try:
                        if not isinstance(error, StoppedToQuit):
                            self.discard_unfinished(article_id, progress=removed)
                    finally:
                        if stepwise:
                            with self.repo.db.atomic():
                                self.repo.search.resume_merges()
                raise
        finally:
            # Ended: a hidden row of its text left now (its removal failed) is no import
            # under way, and lets its hash go to the next import of it.
            if registered:  # (refused for another's under way: that one's stays)
                _WRITING.discard(writing)
        return ImportResult(
            article_id,
            shown_line(metadata.title),
            len(spans),
            duplicate=False,
            reading_note=parsed.reading_note,
            split_as=language if reads_as else "",
            reads_as=reads_as,
        )

    def _already_here(self, parsed: importing.ParsedArticle) -> ImportResult | None:
        """The result of importing a text the workspace lists already, else None."""
        existing = self.repo.articles.find_article_by_hash(parsed.content_hash)
        if existing is None and parsed.former_hash:
            # Imported by a version that read its front matter as text: the same file.
            existing = self.repo.articles.find_article_by_hash(parsed.former_hash)
        if existing is None:
            return None
        # One article's row, not the whole list's counts: this runs in the transaction
        # that begins an import (the writer held) and on the window's thread for a paste.
        found = self.repo.articles.title_and_size(existing)
        if found is None:
            raise NotFound(f"There is no article {existing} in this workspace.")
        title, sentences = found
        return ImportResult(existing, shown_line(title), sentences, True, parsed.reading_note)

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
            self.repo.imports.add_sentences(
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

    def discard_unfinished(
        self, article_id: int, progress: Callable[[int], None] | None = None
    ) -> None:
        """Delete an unfinished import in slices as short as its writing was;
        `progress(removed)` after each slice (it may raise Cancelled: the rest stays
        hidden, for the next open)."""
        removed = 0
        while True:
            with self.repo.db.atomic():
                deleted = self.repo.imports.delete_sentences_of(article_id, IMPORT_SLICE)
                if deleted < IMPORT_SLICE:
                    self.repo.imports.delete_article_row(article_id)
                    return
            removed += deleted
            if progress is not None:
                progress(removed)
