"""A writing session: marked in the workspace while it is open, so that the next open
knows when the last one ended in a crash and shows what it saved."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.domain.printable import shown_file_name
from factcheck_app.domain.times import stored_time
from factcheck_app.services.importer import ArticleImporter
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.sql import ID_BOUND

SESSION_OPEN = "session.open"
SESSION_FIRST_HISTORY = "session.first_history_id"
# The merge running (their file's name, and the last history entry before it), written and
# committed before its transaction and removed after it: found at the next open, the desk
# was stopped (killed, a crash, a power cut) while merging (`note_running_merge`).
MERGE_RUNNING = "merge.running"

# The end of a mark naming the file it was written in (its inode): "4121@host in file 93".
_WRITTEN_IN = re.compile(r" in file (\d+)$")

# The imports a cut-short note names; the rest are counted (a folder's import killed).
CUT_SHORT_NAMED = 5

# Marks this process could not remove because the workspace file was moved while open
# (nothing more is written to it then), by the file's (device, inode): opened again at
# its new place, the mark is this process's own, not a crash's, and no edit is listed.
_LEFT_BY_A_MOVE: set[tuple[tuple[int, int], str]] = set()


class Session:
    """The session mark of one writing desk."""

    def __init__(self, repo: WorkspaceRepository, importer: ArticleImporter) -> None:
        self.repo = repo
        self.importer = importer
        self.mark = f"{os.getpid()}@{socket.gethostname()}"
        key = repo.db.file_key
        if key is not None:  # which file it is written in: a copy is another file
            self.mark += f" in file {key[1]}"
        # Edits saved in a session that never closed properly (crash, kill, power cut):
        # they are all in the workspace, but the reviewer may not have seen them confirmed.
        self.unconfirmed_edits: list[dict[str, object]] = []
        # The mark was found in a file that came without its -wal: a copy taken while a
        # desk had it open, not a crash (which leaves the -wal): its last saves may be
        # missing, and must not be promised.
        self.copied_while_open = False
        # The mark was written in this very file, which has no -wal: its desk did not
        # finish closing it (a disk too full to remove the mark as it closed, when SQLite
        # still moved every save into the file), or its -wal was deleted since a crash.
        self.unclosed_without_wal = False
        # The mark names another file than this one (its inode): a copy taken while a
        # desk had it open, with or without a -wal beside it (services/copy_check.py).
        self.written_elsewhere = False
        # What a crash cut short while importing (the file names, or "pasted text"): taken
        # out again at this open, and told with the crash (`tell_unconfirmed`).
        self.cut_short_imports: list[str] = []
        # The file a crash stopped merging, when nothing of that merge is in ("" else):
        # told with the crash, as an import cut short is (`merge_cut_short_said`).
        self.cut_short_merge = ""
        # Hidden articles of imports stopped half-way (id, file name), left for the window
        # to remove beside itself (`start(remove_now=False)`; services/leftovers.py).
        self.left_unfinished: list[tuple[int, str]] = []

    def start(
        self, came_without_wal: bool = False, came_whole: bool = False, *, remove_now: bool = True
    ) -> None:
        """Mark the workspace open; a mark still there at the next open means a crash.

        Only one process writes at a time (the writer lock), so a mark found here was left
        by a writer that died; the mark this desk writes is removed only by this process.
        A mark in a file that `came_whole` (a backup, restored or copied out of its
        folder) is the mark of the desk that had the workspace open as the backup was
        made: it came with the copy, and is not told (it was, as a crash).
        The hidden articles of imports stopped half-way are removed here, or with
        `remove_now` False only listed (`left_unfinished`), for the window to remove
        beside itself: removed here, they held its open as long as their saving took.
        """
        found = self.repo.settings.get_setting(SESSION_OPEN)
        key = self.repo.db.file_key
        unfinished = self.repo.imports.unfinished_articles()
        reading = self.repo.imports.readings()  # stopped before their first row was written
        running = self.repo.settings.get_setting(MERGE_RUNNING)
        if found is not None and key is not None and (key, found) in _LEFT_BY_A_MOVE:
            _LEFT_BY_A_MOVE.discard((key, found))
        elif found is not None and not came_whole:
            self.cut_short_imports = [name for _article_id, name in unfinished] + reading
            self.cut_short_merge = _merge_not_in(self.repo, running)
            since = _int_or_zero(self.repo.settings.get_setting(SESSION_FIRST_HISTORY))
            self.unconfirmed_edits = self.repo.history.history_since(since, limit=10)
            here = _written_in(found) == key[1] if key is not None else False
            self.copied_while_open = came_without_wal and not here
            self.unclosed_without_wal = came_without_wal and here
            self.written_elsewhere = _written_in(found) not in (None, key[1] if key else None)
        if remove_now:
            for article_id, _name in unfinished:  # an import a crash or a quit cut short
                self.importer.discard_unfinished(article_id)
        else:
            self.left_unfinished = unfinished
            if unfinished:
                # Their text hashes let go now, before any import of this session begins:
                # the same file imported again meanwhile comes in, and an import under way
                # keeps its own (taken at its begin, it left a second copy of a paste's).
                with self.repo.db.atomic():
                    self.repo.imports.release_hashes([a for a, _name in unfinished])
        if reading:
            with self.repo.db.atomic():
                self.repo.imports.forget_readings()
        if self.repo.search.merges_deferred():  # by that import
            with self.repo.db.atomic():
                self.repo.search.resume_merges(left_off=True)
        with self.repo.db.atomic():
            if running is not None:  # told above if it was a crash's; never again
                self.repo.settings.delete_setting(MERGE_RUNNING)
            self.repo.settings.set_setting(SESSION_OPEN, self.mark)
            self.repo.settings.set_setting(
                SESSION_FIRST_HISTORY, str(self.repo.history.last_history_id())
            )

    def end(self) -> None:
        """Remove this session's mark: the next open will not report a crash. On a write
        error (disk full) the next open just reports the session as unclosed; a mark
        another process wrote is never ours to remove."""
        db = self.repo.db
        if db.moved_to is not None and db.file_key is not None:
            # Moved while open: nothing was written since, and every save is in the file
            # where it is now. Its mark goes there too, or the next start (a process that
            # remembers nothing of this one) told "did not finish closing it".
            if self.repo.settings.delete_in_moved_file(SESSION_OPEN, self.mark):
                return
            _LEFT_BY_A_MOVE.add((db.file_key, self.mark))  # opened again by this process
            return
        with contextlib.suppress(WorkspaceError):
            if self.repo.settings.get_setting(SESSION_OPEN) == self.mark:
                self.repo.settings.delete_setting(SESSION_OPEN)


def note_running_merge(repo: WorkspaceRepository, name: str) -> None:
    """Note, committed, that the merge of their file `name` is running, before it writes
    anything: a merge is one transaction, so a desk stopped in it (killed, a crash, a
    power cut) leaves nothing of it, and the next open says so (`Session.start`), where
    the box said "Every edit it saved is in the workspace" and the editor who saw it
    merging took the colleague's work for merged. A disk that refuses the note refuses
    the merge too, in its own words: the note is left out then."""
    state = json.dumps({"name": name, "before": repo.history.last_history_id()})
    with contextlib.suppress(WorkspaceError), repo.db.atomic():
        repo.settings.set_setting(MERGE_RUNNING, state)


def end_running_merge(repo: WorkspaceRepository) -> None:
    """The merge has ended (merged, nothing new, cancelled or refused): its note goes."""
    with contextlib.suppress(WorkspaceError):
        if repo.db.conn.in_transaction:  # never inside another's transaction: not ours
            return
        with repo.db.atomic():
            repo.settings.delete_setting(MERGE_RUNNING)


def _merge_not_in(repo: WorkspaceRepository, running: str | None) -> str:
    """The file of the merge a stopped desk was running, when its own history entry is not
    there (nothing of it was committed); "" when none ran or it got in."""
    if running is None:
        return ""
    try:
        state = json.loads(running)
    except (ValueError, RecursionError):  # damaged, or edited outside the desk
        return ""
    if not isinstance(state, dict):
        return ""
    name, before = state.get("name"), state.get("before")
    if not isinstance(name, str) or not name or not isinstance(before, int):
        return ""
    if not 0 <= before < ID_BOUND or repo.history.merged_after(before, name):
        return ""  # it was committed just before the desk stopped: it is in
    return name


def merge_cut_short_said(name: str) -> str:
    """The words for the merge a stopped desk had not finished (`cut_short_merge`)."""
    return (
        f"The merge of {shown_file_name(name)} had not finished: nothing of it was merged, "
        "so merge it again."
    )


def was_copied_while_open(repo: WorkspaceRepository, path: Path) -> bool:
    """A workspace opened read-only: does it hold the mark of a desk that had it open,
    written in another file (its inode)? Then it is a copy taken while open
    (`Session.written_elsewhere` for one opened for editing). Reads only."""
    found = repo.settings.get_setting(SESSION_OPEN)
    written_in = _written_in(found) if found is not None else None
    if written_in is None:  # none, or an older desk's mark, which names no file
        return False
    try:
        return path.stat().st_ino != written_in
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class UnconfirmedEdit:
    """An edit a crashed session saved: when, what, and on which article and sentence."""

    at: dt.datetime | None  # timezone-aware; None when the stored time cannot be read
    description: str
    article_title: str = ""
    sentence_number: int | None = None  # as the sentence list shows it (1-based)


def describe_edits(
    repo: WorkspaceRepository, rows: list[dict[str, object]]
) -> list[UnconfirmedEdit]:
    """History rows in words a reviewer can check: the article and sentence each touched."""
    order: dict[int, list[int]] = {}  # article → its sentence ids in order, read once
    out = []
    for row in rows:
        sentence_id = _sentence_of(row)
        title, number = "", None
        if sentence_id is not None and repo.sentences.sentence_exists(sentence_id):
            article_id = repo.sentences.article_of_sentence(sentence_id)
            if article_id not in order:
                order[article_id] = [
                    r.sentence.id for r in repo.sentences.sentence_rows(article_id)
                ]
            title = repo.articles.get_article(article_id).title
            number = order[article_id].index(sentence_id) + 1
        out.append(
            UnconfirmedEdit(stored_time(row.get("at")), str(row["description"]), title, number)
        )
    return out


def _sentence_of(row: dict[str, object]) -> int | None:
    """The sentence a history row is about: a review's own id, else one its state names."""
    entity_id = row.get("entity_id")
    if row.get("entity") in ("review", "sentence") and isinstance(entity_id, int):
        return entity_id
    try:
        state = json.loads(str(row.get("new") or "null"))
    except (ValueError, RecursionError):  # RecursionError: nested too deeply
        return None
    states = state if isinstance(state, list) else [state]
    for item in states:
        if isinstance(item, dict) and isinstance(item.get("sentence_id"), int):
            return int(item["sentence_id"])
    return None


def _written_in(mark: str) -> int | None:
    """The inode of the file a mark was written in; None for a mark of an older desk."""
    found = _WRITTEN_IN.search(mark)
    return int(found.group(1)) if found else None


def _int_or_zero(value: str | None) -> int:
    """A stored counter; anything else (damaged, hand-edited: a number no history entry
    can have, which SQLite could not even be asked about) counts as none."""
    try:
        number = int(value or 0)
    except ValueError:
        return 0
    return number if 0 <= number < ID_BOUND else 0


def cut_short_said(names: list[str]) -> str:
    """The words for the imports a stopped desk left unfinished (`cut_short_imports`),
    taken out again as the workspace opened: which files, and to import them again. The
    box after a crash said "Every edit it saved is in the workspace" and nothing of them
    (with no other edit, no box at all): the reviewer looked for the article in vain.

    The files of the same import still to come (a folder's) are said too, unnamed: the
    workspace keeps no list of them, and "import it again" of the one file named had the
    reviewer take those after it for imported."""
    shown = [shown_file_name(name) for name in names[:CUT_SHORT_NAMED]]
    if len(names) > len(shown):
        shown.append(f"{len(names) - len(shown)} more")
    listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    if len(names) == 1:
        return (
            f"The import of {listed} had not finished: nothing of it was kept, so import it "
            "again. Any file that was to be imported after it was not imported either."
        )
    return (
        f"The imports of {listed} had not finished: nothing of them was kept, so import them "
        "again. Any file that was to be imported after them was not imported either."
    )
