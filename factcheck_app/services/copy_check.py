"""The look at a workspace copied while a desk had it open, when it is opened.

Such a copy may have been taken in the middle of that desk moving its saves from the
`-wal` into the file (a checkpoint): pages of two moments, which SQLite's checks pass
when no index tells them apart. Only such a copy is looked at (a desk's "open" mark in a
file in WAL mode without its `-wal`, written in another file): a normal open costs
nothing. Two things are looked at:

- the reviews against their history (storage/two_moments.py): one that is not what its
  history says it became is named to the reviewer and never changed: which of the two is
  right nobody can tell from the file (docs/safety.md);
- the search index, for completeness: it only repeats the other tables, so an incomplete
  one is mended (opened for editing) or searched through a private index (read-only), and
  said in one line.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from factcheck_app.domain.errors import Cancelled, WorkspaceError
from factcheck_app.domain.two_moments import Unlike
from factcheck_app.services.history import SHOWN, named_unlike
from factcheck_app.services.upkeep import Progress, _ReadingJob
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.search import IndexFindings
from factcheck_app.storage.two_moments import FOUND_SETTING, reviews_unlike_history

__all__ = [
    "BackgroundCopyLook",
    "CopyLook",
    "CopyReading",
    "Unlike",
    "finish_look",
    "look_at_copy",
    "read_copy",
    "two_moments_note",
]

# What a look cancelled or failed leaves, said in the window's box when it ends so.
CANCELLED_NOTE = (
    "Nothing in it was changed or mended, and none of its reviews was judged: the desk "
    "checks it again the next time it is opened (a merge of it looks too)."
)
# The Cancelled raised by `read_copy` and `BackgroundCopyLook` (the window tells its own).
_CANCELLED = "The look at the copy was cancelled: nothing was changed."
_INDEX_AT = 600  # per mille: the reviews take about 0.7 s of a year's copy, the index ~1 s


@dataclass
class CopyLook:
    """What the look found, and did: reviews unlike their history (never changed), and
    the search index's line (empty: it was complete)."""

    unlike: list[Unlike] = field(default_factory=list)
    index_line: str = ""


@dataclass
class CopyReading:
    """What the look read, writing nothing (`read_copy`): the reviews unlike their
    history, and what the search index's check found (None: not looked at)."""

    unlike: list[Unlike] = field(default_factory=list)
    index: IndexFindings | None = None


def look_at_copy(repo: WorkspaceRepository, name: str, *, writable: bool, index: str) -> CopyLook:
    """Look at a copy taken while open (see the module's words), on this connection and
    thread (the command line; the window reads in a worker: `BackgroundCopyLook`).
    `index`: what the open does with an index to rebuild (desk.SearchIndexUse): "rebuild"
    now, "beside" the window, at the first search ("searched"), or nothing ("unused")."""
    reading = read_copy(repo, writable=writable, index=index_to_read(repo, index))
    return finish_look(repo, name, reading, writable=writable, index=index)


def index_to_read(repo: WorkspaceRepository, index: str) -> bool:
    """Is the search index of the workspace open on `repo` to be looked at? Not when the
    open does nothing with it, nor when it is out of date anyway (the open's own rebuild,
    or private index, covers it)."""
    search = repo.search
    return index != "unused" and search.table == "search_index" and search.rebuild_due() is None


def read_copy(
    repo: WorkspaceRepository,
    *,
    writable: bool,
    index: bool,
    cancelled: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> CopyReading:
    """The look's reading, which changes nothing: the reviews against their history, then
    (`index`) the search index's completeness, by FTS5's own check when `writable` (a
    statement SQLite runs as a write). `cancelled()` is asked between the two (Cancelled);
    `progress` hears each stage."""

    def stage(at: int, words: str) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled(_CANCELLED)
        if progress is not None:
            progress(at, words)

    stage(0, "Checking the copy's reviews against their history…")
    reading = CopyReading(reviews_unlike_history(repo.db))
    if index:
        stage(_INDEX_AT, "Checking the copy's search index…")
        reading.index = repo.search.inspect(own_check=writable)
    stage(1000, "Checked.")
    return reading


def finish_look(
    repo: WorkspaceRepository, name: str, reading: CopyReading, *, writable: bool, index: str
) -> CopyLook:
    """What the look found, the search index mended first when it was incomplete (on this
    connection: a mend writes), as `look_at_copy` says."""
    look = CopyLook(list(reading.unlike))
    if reading.index is not None and index != "unused":
        look.index_line = _mend_index(repo, name, reading.index, writable=writable, index=index)
    return look


class BackgroundCopyLook(_ReadingJob):
    """The look's reading (`read_copy`) in a thread, through a connection of its own
    (`connect` opens it there and closes it after): a year's copy held the window for
    3 s. Writes nothing; Cancel interrupts the statement running. `on_done` is called in
    that thread; the owner then calls `finish_look` with the reading, on its own
    connection."""

    _failed = "an unexpected error stopped the look at the copy."

    def __init__(
        self,
        connect: Callable[[], AbstractContextManager[WorkspaceRepository]],
        on_done: Callable[[BackgroundCopyLook], None],
        *,
        writable: bool,
        index: bool,
        progress: Progress | None = None,
    ) -> None:
        super().__init__("copy look", on_done)
        self.reading: CopyReading | None = None
        self._connect = connect
        self._writable = writable
        self._index = index
        self._progress = progress

    def _work(self) -> None:
        with self._connect() as repo, self._interruptible(repo.db):
            if self._stop.is_set():  # cancelled before its connection could be interrupted
                raise Cancelled(_CANCELLED)
            reading = read_copy(
                repo,
                writable=self._writable,
                index=self._index,
                cancelled=self._stop.is_set,
                progress=self._progress,
            )
        if self._stop.is_set():
            raise Cancelled(_CANCELLED)
        self.reading = reading


def remember_two_moments(repo: WorkspaceRepository, *, found: bool) -> None:
    """Keep in a copy opened for editing that its reviews were found unlike their
    history, or are still to be looked at (`found` before a look made later, beside the
    window: one cancelled or cut short is made again), since its mark of a desk left open
    goes as it closes: its later opens and merges look again. Forget it once none is
    found."""
    settings = repo.settings
    if found == (settings.get_setting(FOUND_SETTING) is not None):
        return
    # Not worth refusing the open for (a full disk): it was just told, and is found again
    # by the next open only while the desk's mark is still there.
    with contextlib.suppress(WorkspaceError), repo.db.atomic():
        if found:
            settings.set_setting(FOUND_SETTING, "1")
        else:
            settings.delete_setting(FOUND_SETTING)


def _mend_index(
    repo: WorkspaceRepository,
    name: str,
    found: IndexFindings,
    *,
    writable: bool,
    index: str,
) -> str:
    """Mend (or, read-only, search around) an incomplete search index (`found` by
    `read_copy`); its line, or ""."""
    search = repo.search
    if search.table != "search_index" or search.rebuild_due() is not None:
        return ""  # out of date anyway: the open's own rebuild (or private index) covers it
    if found.complete:
        return ""
    said = (
        f"The search index of {name} was incomplete (copied in the middle of a save; the "
        "index only repeats the articles and reviews): "
    )
    if not writable:
        search.search_privately(
            now=index == "rebuild", on_search=index == "searched", incomplete=True
        )
        return said + (
            "a search here uses an index the desk builds for itself (nothing is written to "
            "the file); opened for editing, the desk rebuilds the file's own."
        )
    search.repair(found, beside=index != "rebuild")
    if search.rebuild_due() is not None and index == "searched":
        search.prepare(read_only=False, now=False, on_search=True)  # at the first search
        return said + "it is rebuilt before the first search."
    if search.rebuild_due() is None:
        return said + "it was made whole again."
    return said + "it is being rebuilt beside the window (its progress in the status bar)."


def two_moments_note(name: str, unlike: Sequence[Unlike], *, merged: bool = False) -> str:
    """The reviewer's words for reviews unlike their history, naming each sentence as the
    desk names sentences elsewhere, what it holds and what its history says it became."""
    count = len(unlike)
    which = "This sentence is" if count == 1 else f"These {count} sentences are"
    its, they = ("its", "it") if count == 1 else ("their", "they")
    if merged:
        head = (
            f"{name} cannot be merged: it was copied while its desk had it open, in the "
            "middle of a save (or another program changed its reviews without the desk), "
            "and holds reviews of two different moments. "
            f"{which} not what {its} history there says {they} last became, so which of "
            f"the two is {its} review cannot be told. Nothing was merged, nothing here was "
            f"changed, and {name} was left as it was. Ask for a fresh copy (File → Save a "
            "Copy… in their desk makes a whole one even while it is open), and merge that."
        )
    else:
        head = (
            f"{name} holds reviews of two different moments: it was copied while a desk had "
            "it open, in the middle of a save. (If nobody copied it, another program changed "
            f"{'that review' if count == 1 else 'those reviews'} without the desk, and "
            "nothing recorded who: keep a copy of the file as it is, and compare it with a "
            f"backup.) {which} not what {its} history says {they} last became. Nothing was "
            "changed: "
            "which of the two is right cannot be told from the file. Check each and set it "
            "as you mean it (one that already is: change its verdict and change it back, so "
            "that its history says so too; until then the desk tells this at each open, and "
            "refuses to merge the workspace), or ask for a fresh copy (File → Save a Copy… in "
            "that desk makes a whole one even while it is open)."
        )
    lines = [f"  • {named_unlike(item)}" for item in unlike[:SHOWN]]
    if count > SHOWN:
        lines.append(f"  • and {count - SHOWN} more")
    return head + "\n" + "\n".join(lines)
