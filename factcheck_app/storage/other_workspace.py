"""Reading a colleague's workspace to merge it: untrusted input, read once, never changed.

The file is opened the way every workspace from elsewhere is (storage/workspace.py):
its header and design are checked before SQLite reads a table, so a file that is not a
desk workspace, or holds a trigger, a view or anything else the desk does not make, is
refused in words and nothing in it runs. It is opened read-only, so its bytes stay as
they were. A workspace of an older schema is copied (SQLite's backup, from that
read-only connection) to a private temporary file and migrated there. Every value read
is checked as a cleaned copy checks it (`cleaning_checks`); a row that fails is left out
and counted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path
from typing import Any

from factcheck_app.domain.errors import (
    WorkspaceChangedWhileRead,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceUntrusted,
)
from factcheck_app.domain.history import verify
from factcheck_app.domain.merge_rules import (
    ArticleSnapshot,
    HistoryRecord,
    WorkspaceSnapshot,
)
from factcheck_app.domain.models import (
    VERDICTS_BY_KEY,
    Review,
    Sentence,
    SignOff,
    SignOffDecision,
    Source,
    SourceLink,
    Stance,
    Status,
    Tag,
)
from factcheck_app.domain.printable import with_undecodable_replaced
from factcheck_app.domain.review_rules import LONGEST_TEXT
from factcheck_app.storage import backups, scratch, sql, wal_check
from factcheck_app.storage import cleaning_checks as checks
from factcheck_app.storage.errors import WorkspaceDatabase, translated, wal_of
from factcheck_app.storage.file_kinds import (
    in_the_way_words,
    side_file_in_the_way,
    side_files_place,
)
from factcheck_app.storage.migrations import SCHEMA_VERSION
from factcheck_app.storage.stores.articles import ArticleStore
from factcheck_app.storage.stores.history import HistoryStore
from factcheck_app.storage.stores.rows import (
    REVIEW_FIELDS,
    date_or_none,
    review_columns,
    stored_text,
)
from factcheck_app.storage.two_moments import (
    FOUND_SETTING,
    newest_unlike_history,
    reviews_unlike_history,
)
from factcheck_app.storage.workspace import (
    READ_AGAIN_TRIES,
    SIDE_FILES,
    Workspace,
    is_open_here,
    left_in_wal_mode,
    open_workspace,
)

Progress = Callable[[int, int], None]  # (articles read, articles in all); may raise Cancelled

_TAGS = {t.value for t in Tag}
_VERSION_STATUSES = {s.value for s in Status if s is not Status.CONFLICT}
_STATUSES = {s.value for s in Status}
_STANCES = {s.value for s in Stance}
_DECISIONS = {d.value for d in SignOffDecision}
# The longest typed text a field may hold, as a review export allows (a 10 MB
# explanation of one word took the window minutes to show): a longer one leaves its row out.
MAX_TEXT_CHARS = LONGEST_TEXT


def _typed(value: Any) -> str:
    """A claimant, explanation, excerpt or note (checks.Invalid when it is too long)."""
    text = checks.a_text(_spelled(value))  # bytes another program wrote: as they spell
    if len(text) > MAX_TEXT_CHARS:
        raise checks.Invalid
    return text


MERGE_PREFIX = scratch.MERGE_PREFIX
# The setting a writing desk keeps in its workspace while it has it open, removed when it
# closes it (services/session.py's SESSION_OPEN).
SESSION_MARK = "session.open"
# Beyond the copy itself: SQLite's journal while it migrates, its -shm, and a margin.
COPY_HEADROOM = 8 * 1024 * 1024


@contextmanager
def opened_other(path: Path, beside: Path | None = None) -> Iterator[WorkspaceDatabase]:
    """The other workspace's database, read-only (or a migrated private copy of it).

    The copy of an older one goes to the temporary folder, or, when that has no room for
    it (a quota, a small RAM disk), hidden in the backups folder of the workspace
    `beside` (the reviewer's own); a copy left there by a merge that was killed is
    removed by a later one. WorkspaceFull when neither has room."""
    if not path.exists():
        raise WorkspaceError(f"There is no workspace at {path}.")
    if is_open_here(path):
        raise WorkspaceError(
            f"{path} is the workspace open here: there is nothing to merge into itself."
        )
    # A -wal a desk holds open now is its own, being written: copies of it and of the file,
    # taken one after the other while that desk saved, were of two moments, and the merge
    # called it another workspace's and said to move it away from under that desk.
    # Beside the file a link names, where SQLite keeps it: looked for beside the link
    # (their file given through a shortcut), none was found, and SQLite read another
    # workspace's -wal beside the file with it: its verdicts came in as theirs.
    real, full = side_files_place(path)
    # A named pipe (a folder…) where their -wal, -shm or -journal belongs: the look below
    # opened a pipe at -shm and waited for a writer for ever, holding this workspace's
    # writer lock; read alone, their latest saves, in the -wal, would be left out.
    in_the_way = side_file_in_the_way(path)
    if in_the_way is not None:
        said = in_the_way_words(
            in_the_way,
            ", and SQLite keeps that workspace's latest saves there, so it cannot be read whole",
            f"merge {path.name} again",
            nothing="Nothing was merged and nothing was changed.",
        )
        raise WorkspaceError(f"Cannot merge {path.name}: {said}")
    if wal_check.has_unmerged_wal(real) and not wal_check.wal_in_use(real):
        _refuse_a_foreign_wal(real, beside, full)
    workspace = open_workspace(path, read_only=True, leave_no_files=True)
    with ExitStack() as stack:
        try:
            version = int(workspace.db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise WorkspaceError(
                    f"{path} was saved by a newer version of Factcheck desk (schema "
                    f"{version}; this version knows {SCHEMA_VERSION}). Update the app to "
                    "merge it; the file was left untouched."
                )
            if version < SCHEMA_VERSION:
                staging = stack.enter_context(_scratch_for_copy(workspace, path, beside))
                workspace = _migrated_copy(workspace, path, staging / "other.fcdesk")
            # Read as one moment of their file: their desk may save while it is read, table
            # by table (a verdict saved between the reviews and the versions came half).
            workspace.db.execute("BEGIN")
            yield workspace.db
        finally:
            workspace.close()


def _refuse_a_foreign_wal(path: Path, beside: Path | None, full: bool = False) -> None:
    """Refuse their file when the `-wal` beside it is another workspace's. A copy renamed
    on the way (`bob-copy.fcdesk`) may land beside a stale `bob-copy.fcdesk-wal` of
    another file; read with it, SQLite lays that file's unmerged changes over theirs, and
    the merge took another workspace's verdicts as theirs. The check is the one a writable
    open makes of a crash's left-over -wal (wal_check), on scratch copies: their files are
    only read. `full`: given through a link at the file, the -wal is named by its full
    path (nothing of its name is beside the link)."""
    wal = wal_of(path)
    named = str(wal) if full else wal.name
    with translated(path):
        needed = path.stat().st_size + wal.stat().st_size + wal_check.SCRATCH_HEADROOM
    places = [(scratch.temporary_folder(), MERGE_PREFIX)]
    if beside is not None:
        places.append((backups.backup_dir(beside), "." + MERGE_PREFIX))
    no_room = (
        f"Cannot merge {path.name}: it has unmerged changes in {named} beside it, and "
        f"checking them needs a scratch copy of {needed // 1_000_000 + 1} MB, for which "
        "there is no room. Free some space and merge it again; nothing was changed."
    )
    with translated(path), scratch.scratch_with_room(places, needed, no_room) as folder:
        foreign = wal_check.unfit(path, folder / "copy.fcdesk") is not None
    if foreign:
        raise WorkspaceError(
            f"{named}, beside {path.name}, is not its own: it belongs to another "
            "workspace, or to another moment of this one (a copy or a download put it "
            "beside a file of the same name, or the two were copied at different moments "
            f"while their desk had them open): read with it, {path.name} would be damaged "
            "or another workspace's work would be taken as theirs. "
            f"Nothing was merged and nothing was changed. Move {named} out of that "
            f"folder and merge {path.name} again (it is then taken as it is without it), "
            "or ask for a fresh copy: File → Save a Copy… makes one that needs nothing "
            "beside it."
        )


def _scratch_for_copy(
    workspace: Workspace, path: Path, beside: Path | None
) -> AbstractContextManager[Path]:
    """Where the migrated copy of their older `workspace` (at `path`) is made."""
    db = workspace.db
    pages = int(db.execute("PRAGMA page_count").fetchone()[0])
    needed = pages * int(db.execute("PRAGMA page_size").fetchone()[0]) * 2 + COPY_HEADROOM
    places = [(scratch.temporary_folder(), MERGE_PREFIX)]
    if beside is not None:
        places.append((backups.backup_dir(beside), "." + MERGE_PREFIX))
    where = "in the temporary folder" + (" or beside your workspace" if beside else "")
    return scratch.scratch_with_room(
        places,
        needed,
        f"Cannot merge {path.name}: it is from an older version of Factcheck desk, and "
        f"bringing it up to this version needs a copy of {needed // 1_000_000 + 1} MB, for "
        f"which there is no room {where}. Free some space and merge it again; nothing was "
        "changed.",
    )


def _migrated_copy(workspace: Workspace, path: Path, copy: Path) -> Workspace:
    """A private copy of an older workspace, brought to this version's schema."""
    with translated(path):
        target = sqlite3.connect(str(copy))
        try:
            workspace.db.conn.backup(target)
        finally:
            target.close()
    workspace.close()
    try:
        return open_workspace(copy)
    except WorkspaceError as error:
        # Said of their file: the private copy is no file the reviewer ever chose.
        cause = error.__cause__ if isinstance(error.__cause__, sqlite3.Error) else error
        reason = str(cause).replace(str(copy), "the copy").rstrip(".")
        said = (
            f"{path} is from an older version of Factcheck desk and could not be brought up "
            f"to this version to merge it ({reason}); it may be damaged. The file was left "
            "untouched."
        )
        if isinstance(error, WorkspaceDamaged):  # what is wrong, for `read_snapshot`
            fault = error.fault.replace(str(copy), "the copy")
            raise WorkspaceDamaged(said, fault=fault, path=path) from None
        if isinstance(error, WorkspaceUntrusted) and error.found:
            # Its upgrade records edited: what was found, of their file, for the merge to
            # say how to merge it (it said "The workspace the copy has …, Open a cleaned
            # copy" within the words above, and nothing of merging).
            raise WorkspaceUntrusted(
                f"{path} {error.found}, so nothing in it was run and the file was left untouched.",
                found=error.found,
            ) from None
        raise type(error)(said) from None


def read_snapshot(
    path: Path, progress: Progress | None = None, beside: Path | None = None
) -> tuple[WorkspaceSnapshot, int]:
    """Everything a merge takes from the workspace at `path`, and how many rows failed
    their checks and were left out. `beside`: the workspace merged into (opened_other).

    A file with nothing beside it is read as immutable, without SQLite's locks: the read
    transaction holds back no desk that opens it meanwhile and copies its saves into the
    file (at every pause), and what was read then mixed two moments (a verdict's version
    without the verdict). Such a read is made again, as a desk's open reads again
    (`open_workspace`): the desk now there holds its -wal, and the read takes its locks."""
    for _ in range(READ_AGAIN_TRIES):
        alone = not any(path.with_name(path.name + s).exists() for s in SIDE_FILES)
        moment = wal_check.ReadMoment.now(path) if alone else None
        try:
            found = _read_snapshot_once(path, progress, beside)
        except WorkspaceError:
            if moment is None or not moment.changed():
                raise
            continue  # a refusal of pages of two moments ("damaged"): read again
        if moment is None or not moment.changed():
            return found
    raise WorkspaceChangedWhileRead(path)


def _read_snapshot_once(
    path: Path, progress: Progress | None, beside: Path | None
) -> tuple[WorkspaceSnapshot, int]:
    # Looked at before it is opened: a file held open here is never read by path.
    in_wal_mode = left_in_wal_mode(path)
    without_wal = not wal_check.has_unmerged_wal(path) and in_wal_mode
    try:
        with opened_other(path, beside) as db:
            reader = _Reader(db)
            snapshot = reader.snapshot(with_undecodable_replaced(path.name), progress)
            left_open = sql.read_setting(db, SESSION_MARK) is not None
            # The mark of a desk that had it open, in a file left in WAL mode (a backup or
            # a cleaned copy is whole, and never is), and no -wal came with it: copied
            # while open, perhaps in the middle of a save (two moments: looked for only in
            # a file with that mark, so a merge of any other file costs nothing more).
            snapshot.copied_while_open = left_open and without_wal
            # Looked at beside a -wal too (one SQLite reads nothing of leaves the file
            # alone, as the desk's open finds), or when so found as it was opened for
            # editing (its mark gone since), or when its newest saves disagree with their
            # history (a copy whose page holding the mark is older than the mark).
            if (
                (left_open and in_wal_mode)
                or sql.read_setting(db, FOUND_SETTING) is not None
                or newest_unlike_history(db)
            ):
                snapshot.unlike_history = tuple(reviews_unlike_history(db))
    except WorkspaceDamaged as error:
        raise _their_damage(path, error) from None
    return snapshot, reader.skipped


def _their_damage(path: Path, error: WorkspaceDamaged) -> WorkspaceDamaged:
    """Their file is damaged: said of their file, with the way out that helps (a fresh
    copy), not "restore a backup", which spoke of a workspace of one's own. What is wrong
    is the damage's fault alone (SQLite's report, the value refused): its own message
    named the file and gave its own advice, a message within a message."""
    return WorkspaceDamaged(
        f"{path.name} cannot be merged: it is damaged ({error.fault}).",
        "A copy taken while its desk had it open can be cut in the middle of a save: ask "
        "for a fresh copy (File → Save a Copy… in their desk makes a whole one even while "
        "it is open).",
        fault=error.fault,
        path=path,
        notes=(
            f"Nothing was merged, nothing here was changed, and {path.name} was left as it was.",
        ),
    )


class _Reader:
    def __init__(self, db: WorkspaceDatabase) -> None:
        self.db = db
        self.skipped = 0

    def _rows(self, query: str, params: list[Any] | None = None) -> Iterator[tuple[Any, ...]]:
        cursor = self.db.execute(query, params or [])
        while batch := cursor.fetchmany(2000):
            yield from batch

    def snapshot(self, name: str, progress: Progress | None) -> WorkspaceSnapshot:
        store = ArticleStore(self.db)
        listed = store.list_articles()  # finished imports only
        sentences = self._sentences({a.id for a in listed})
        decided = self._reviews("reviews", "reviewer", _STATUSES)
        versions = self._versions()
        sign_offs = self._sign_offs()
        links = self._links()
        article_of = {i: a for a, spans in sentences.items() for i, *_ in spans}
        by_article: dict[int, ArticleSnapshot] = {}
        articles: list[ArticleSnapshot] = []
        for number, summary in enumerate(listed, start=1):
            article = store.get_article(summary.id)
            found = sentences.get(article.id, [])
            spans = [
                Sentence(i, article.id, start, end, paragraph, article.text[start:end])
                for i, start, end, paragraph in found
                if end <= len(article.text)
            ]
            self.skipped += len(found) - len(spans)
            snapshot = ArticleSnapshot(
                article, spans, {}, {}, {}, {}, segmenter=store.segmenter_of(article.id)
            )
            articles.append(snapshot)
            by_article[article.id] = snapshot
            if progress is not None:
                progress(number, len(listed))

        def owner(sentence_id: int) -> ArticleSnapshot | None:
            """The article a sentence belongs to (None: a sentence left out)."""
            return by_article.get(article_of.get(sentence_id, 0))

        def place(sentence_id: int, rows: int) -> ArticleSnapshot | None:
            """The article whose sentence `rows` rows are about; None when that sentence
            was left out or is none of theirs at all: the rows are left out and counted."""
            if (snap := owner(sentence_id)) is not None and sentence_id in snap.ids:
                return snap
            self.skipped += rows
            return None

        for sentence_id, review in decided.items():
            if (snap := place(sentence_id, 1)) is not None:
                snap.decided[sentence_id] = review
        for sentence_id, reviews in versions.items():
            if (snap := place(sentence_id, len(reviews))) is not None:
                snap.versions[sentence_id] = reviews
        for sentence_id, sign_off in sign_offs.items():
            if (snap := place(sentence_id, 1)) is not None:
                snap.sign_offs[sentence_id] = sign_off
        for sentence_id, found_links in links.items():
            if (snap := place(sentence_id, len(found_links))) is not None:
                snap.links[sentence_id] = found_links
        workspace_id = sql.read_setting(self.db, wal_check.WORKSPACE_ID) or ""
        return WorkspaceSnapshot(
            name, workspace_id, articles, self._history(), self._chain_problem()
        )

    def _chain_problem(self) -> str:
        """Why their history's chain does not verify, in words ("" when it does)."""
        store = HistoryStore(self.db)
        if store.predates_chain():
            return ""
        problem = verify(store.entries(), store.head())
        return "" if problem is None else problem.reason

    def _sentences(self, visible: set[int]) -> dict[int, list[tuple[int, int, int, int]]]:
        """Each article's sentences (id, start, end, paragraph) in text order, overlapping
        or empty spans left out."""
        out: dict[int, list[tuple[int, int, int, int]]] = {}
        for row in self._rows(
            'SELECT id, article_id, start, "end", paragraph FROM sentences'
            " ORDER BY article_id, start, id"
        ):
            try:
                sentence_id, article_id = checks.an_id(row[0]), checks.an_id(row[1])
                start, end = checks.an_int(row[2]), checks.an_int(row[3])
                paragraph = checks.an_int(row[4], 0)
                spans = out.setdefault(article_id, [])
                if not 0 <= start < end or (spans and start < spans[-1][2]):
                    raise checks.Invalid
            except checks.Invalid:
                self.skipped += 1
                continue
            if article_id in visible:
                spans.append((sentence_id, start, end, paragraph))
        return out

    def _review(self, sentence_id: int, row: tuple[Any, ...], statuses: set[str]) -> Review:
        """A review from tag, rating, claimant, explanation, status, denies, reviewer,
        updated_at; checks.Invalid when a value is not one the desk writes."""
        tag, verdict, claimant, explanation, status, denies, reviewer, updated_at = row
        tag_value = checks.a_choice(tag, _TAGS, None)
        return Review(
            sentence_id=sentence_id,
            tag=Tag(tag_value) if tag_value else None,
            # As the text it spells, as her desk reads it (rows.review_from).
            verdict=checks.a_choice(_spelled(verdict), set(VERDICTS_BY_KEY), None),
            claimant=_typed(claimant),
            explanation=_typed(explanation),
            status=Status(checks.a_choice(status, statuses, None) or Status.UNREVIEWED.value),
            denies_sentence_id=denies if type(denies) is int else None,
            # A name (or time) another program stored as bytes, as the text it spells, as
            # her desk reads it: refused, her verdict was left out of the merge.
            reviewer=checks.a_text(_spelled(reviewer)),
            updated_at=checks.a_text(_spelled(updated_at)),
        )

    def _reviews(self, table: str, who: str, statuses: set[str]) -> dict[int, Review]:
        out: dict[int, Review] = {}
        for row in self._rows(
            "SELECT sentence_id, tag, rating, claimant, explanation, status,"
            f" denies_sentence_id, {who}, updated_at FROM {table}"
        ):
            try:
                out[checks.an_id(row[0])] = self._review(row[0], row[1:], statuses)
            except checks.Invalid:
                self.skipped += 1
        return out

    def _versions(self) -> dict[int, dict[str, Review]]:
        out: dict[int, dict[str, Review]] = {}
        for row in self._rows(f"SELECT sentence_id, {review_columns()} FROM review_versions"):
            try:
                review = self._review(checks.an_id(row[0]), row[1:], _VERSION_STATUSES)
            except checks.Invalid:
                self.skipped += 1
                continue
            versions = out.setdefault(review.sentence_id, {})
            if review.reviewer in versions:
                # Two versions of one reviewer's review, one name as bytes (docs/safety.md):
                # the desk's own save, the name as text, is kept; the other is a row left out.
                self.skipped += 1
                if type(row[_VERSION_REVIEWER]) is bytes:
                    continue
            versions[review.reviewer] = review
        return out

    def _sign_offs(self) -> dict[int, SignOff]:
        out: dict[int, SignOff] = {}
        for row in self._rows(
            "SELECT sentence_id, decision, editor, checker, note, at FROM sign_offs"
        ):
            try:
                decision = checks.a_choice(row[1], _DECISIONS, None)
                if not decision:
                    raise checks.Invalid
                sign_off = SignOff(
                    checks.an_id(row[0]),
                    SignOffDecision(decision),
                    checks.a_text(_spelled(row[2]), None),  # names as bytes: as spelled
                    checks.a_text(_spelled(row[3])),
                    _typed(row[4]),
                    checks.a_text(_spelled(row[5]), None),
                )
            except checks.Invalid:
                self.skipped += 1
                continue
            out[sign_off.sentence_id] = sign_off
        return out

    def _links(self) -> dict[int, list[SourceLink]]:
        out: dict[int, list[SourceLink]] = {}
        for row in self._rows(
            "SELECT l.id, l.sentence_id, l.stance, l.excerpt, l.reviewer,"
            " s.id, s.url, s.title, s.publisher, s.accessed"
            " FROM sentence_sources l JOIN sources s ON s.id = l.source_id ORDER BY l.id"
        ):
            try:
                source = Source(
                    checks.an_id(row[5]),
                    # As her desk reads them: bytes as the text they spell.
                    checks.a_url(checks.a_text(_spelled(row[6]), None)),
                    checks.a_text(_spelled(row[7])),
                    checks.a_text(_spelled(row[8])),
                    date_or_none(checks.a_date(_spelled(row[9]))),
                )
                link = SourceLink(
                    checks.an_id(row[0]),
                    checks.an_id(row[1]),
                    source,
                    Stance(checks.a_choice(row[2], _STANCES, None) or Stance.CONTEXT.value),
                    _typed(row[3]),
                    checks.a_text(_spelled(row[4])),
                )
            except checks.Invalid:
                self.skipped += 1
                continue
            out.setdefault(link.sentence_id, []).append(link)
        return out

    def _history(self) -> list[HistoryRecord]:
        out: list[HistoryRecord] = []
        for row in self._rows(
            "SELECT id, at, actor, action, description, entity, entity_id, old, new,"
            " article_id, sentence_id, origin, hash FROM history ORDER BY id"
        ):
            # Bytes another program wrote where text belongs, as the text they spell: so
            # their chain reads them (`entry_from`), and Check Workspace says it is intact;
            # left out here, the merge knew nothing of their entries, fell back to the
            # clocks and could drop their later word.
            if any(type(value) is bytes for value in row):
                row = tuple(stored_text(v) if type(v) is bytes else v for v in row)
            try:
                out.append(
                    HistoryRecord(
                        checks.an_id(row[0]),
                        checks.a_text(row[1], None),
                        checks.a_text(row[2], None),
                        checks.a_text(row[3], None),
                        checks.a_text(row[4], None),
                        checks.a_text(row[5], None),
                        _optional_id(row[6]),
                        checks.a_json(row[7]),
                        checks.a_json(row[8]),
                        _optional_id(row[9]),
                        _optional_id(row[10]),
                        checks.a_text(row[11]),
                        checks.a_text(row[12]),
                    )
                )
            except checks.Invalid:
                self.skipped += 1
        return out


# Where a version's reviewer is in a row of `_versions` (its sentence id first).
_VERSION_REVIEWER = 1 + REVIEW_FIELDS.index("reviewer")


def _spelled(value: Any) -> Any:
    """Bytes as the text they spell (`stored_text`); anything else as it is, for the
    desk's checks."""
    return stored_text(value) if type(value) is bytes else value


def _optional_id(value: Any) -> int | None:
    if value is None:
        return None
    if type(value) is not int:
        raise checks.Invalid
    return value
