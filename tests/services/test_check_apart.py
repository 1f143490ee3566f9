"""Check Workspace split in two: the reading (`upkeep.inspect`), which writes nothing and
runs on a read-only connection of its own beside the window, and the repair of the search
index after it, on the window's connection (`Upkeep.finish_check`)."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.services.upkeep import BackgroundCheck, CheckFindings, inspect
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.stores.history import HistoryStore
from factcheck_app.storage.workspace import open_reader
from tests.conftest import SEED_FILE

SCHEMA_4_FIXTURE = (
    Path(__file__).resolve().parent.parent / "data" / "workspaces" / "schema-v4.fcdesk"
)
# A safety net for a broken test (never a timing): no wait here lasts longer.
WAIT_LIMIT_S = 30


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[Desk]:
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False)
    desk.importer.import_file(SEED_FILE)
    yield desk
    desk.close()


def files_of(path: Path) -> dict[str, tuple[int, int]]:
    """Size and time of change of the workspace and its -wal (by stat: a file SQLite holds
    open is never opened by path here, which would drop its locks)."""
    out = {}
    for name in (path.name, path.name + "-wal"):
        found = path.with_name(name).stat()
        out[name] = (found.st_size, found.st_mtime_ns)
    return out


def read_apart(path: Path) -> CheckFindings:
    db = open_reader(path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            db.conn.execute("CREATE TABLE main.planted (x)")  # it cannot write at all
        return inspect(WorkspaceRepository(db))
    finally:
        db.conn.close()


def test_the_reading_writes_nothing_and_the_repair_comes_after(opened: Desk) -> None:
    path = opened.path
    assert path is not None
    opened.workspace.db.execute("DELETE FROM search_index WHERE rowid IN (1, 2)")
    watcher = sqlite3.connect(path)
    before_version = watcher.execute("PRAGMA data_version").fetchone()[0]
    before = files_of(path)
    found = read_apart(path)
    assert found.index is not None and found.index.wrong == (1, 2)
    assert files_of(path) == before  # nothing written, to the file or its -wal
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == before_version
    report = opened.upkeep.finish_check(found)  # the window's connection mends it
    assert report.ok
    assert report.lines[4] == (
        "Search index: 2 sentences missing from it or out of date there, and indexed again."
    )
    assert watcher.execute("PRAGMA data_version").fetchone()[0] != before_version
    assert opened.lookup.search("Ganja 332000").total == 1
    assert opened.upkeep.finish_check(read_apart(path)).lines == opened.upkeep.check().lines
    watcher.close()


def test_a_damaged_index_structure_is_found_by_reading_alone(opened: Desk) -> None:
    path = opened.path
    assert path is not None
    opened.workspace.db.execute("DELETE FROM search_index_data WHERE id > 10")
    before = files_of(path)
    found = read_apart(path)
    assert found.index is not None and not found.index.sound
    assert files_of(path) == before
    report = opened.upkeep.finish_check(found)
    assert "Search index: was out of date or damaged, and has been rebuilt." in report.lines
    assert opened.lookup.search("Ganja 332000").total == 1


def run_in_background(desk: Desk, **kwargs: object) -> BackgroundCheck:
    ended = threading.Event()
    check = desk.upkeep.start_check(lambda _check: ended.set(), **kwargs)  # type: ignore[arg-type]
    assert ended.wait(WAIT_LIMIT_S)
    return check


def test_a_save_during_the_check_is_neither_damage_nor_lost(
    opened: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check reads one state of the workspace: a save landing between its reading of
    the history's head and of its entries (a new entry, a new head) read as a history
    changed behind the desk's back."""
    ids = [row.sentence.id for row in opened.reviews.sentence_rows(1)]
    for sid in ids[:4]:
        opened.reviews.set_tag(sid, Tag.CLAIM)
    paused, saved = threading.Event(), threading.Event()
    read_head = HistoryStore.head

    def head_then_pause(store: HistoryStore) -> object:
        found = read_head(store)
        if threading.current_thread().name == "workspace check":
            paused.set()
            assert saved.wait(WAIT_LIMIT_S)
        return found

    monkeypatch.setattr(HistoryStore, "head", head_then_pause)
    ended = threading.Event()
    check = opened.upkeep.start_check(lambda _check: ended.set())
    assert paused.wait(WAIT_LIMIT_S)
    opened.reviews.set_tag(ids[5], Tag.FACT)  # the window saves meanwhile
    saved.set()
    assert ended.wait(WAIT_LIMIT_S)
    assert check.findings is not None and check.error is None
    report = opened.upkeep.finish_check(check.findings)
    assert report.ok, report.lines
    assert "History: 4 entries, every hash matches." in report.lines  # as it began
    path = opened.path
    assert path is not None
    opened.close()
    again = Desk.open(path, read_only=True)
    try:
        assert again.reviews.review(ids[5]).tag is Tag.FACT
        assert again.upkeep.check().ok
    finally:
        again.close()


def test_a_cancelled_check_tells_it_and_mends_nothing(opened: Desk) -> None:
    opened.workspace.db.execute("DELETE FROM search_index WHERE rowid IN (1, 2)")

    def cancel_at_the_index(at: int, stage: str) -> None:
        if stage == "Checking the search index…":
            assert opened.upkeep.checking is not None
            opened.upkeep.checking.cancel()  # the Cancel button, pressed now

    check = run_in_background(opened, progress=cancel_at_the_index)
    assert check.cancelled and check.findings is None and check.error is None
    assert opened.lookup.search("Ganja 332000").total == 0


def test_a_read_only_desk_checks_in_the_background_and_never_mends(opened: Desk) -> None:
    path = opened.path
    assert path is not None
    opened.workspace.db.execute("DELETE FROM search_index WHERE rowid IN (1, 2)")
    opened.close()
    reader = Desk.open(path, read_only=True)
    try:
        check = run_in_background(reader)
        assert check.findings is not None
        report = reader.upkeep.finish_check(check.findings)
    finally:
        reader.close()
    assert (
        "Search index: incomplete or damaged, so a search may miss sentences; Check "
        "Workspace in a window open for editing mends it."
    ) in report.lines
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT count(*) FROM search_index").fetchone()[0] == 10
    finally:
        conn.close()


def test_an_older_workspace_open_read_only_is_checked_apart_as_on_its_own_connection(
    tmp_path: Path,
) -> None:
    """A schema-4 file read by a window that may not upgrade it: the check's connection
    reads it through the same stand-ins as the window's, and leaves its bytes alone."""
    path = tmp_path / "old.fcdesk"
    shutil.copy(SCHEMA_4_FIXTURE, path)
    before = path.read_bytes()
    reader = Desk.open(path, read_only=True)
    try:
        check = run_in_background(reader)
        assert check.findings is not None, check.error
        apart = reader.upkeep.finish_check(check.findings)
        here = reader.upkeep.check()
    finally:
        reader.close()
    assert apart.ok and any("not chained yet" in line for line in apart.lines)
    # The file's own index is of an older version (the window searches a private one).
    index = "Search index: out of date; it is rebuilt when the workspace is opened for writing."
    assert apart.lines == [
        index if line.startswith("Search index:") else line for line in here.lines
    ]
    assert path.read_bytes() == before


def test_the_review_pass_shows_its_progress_and_hears_cancel(
    opened: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the history's chain, Check Workspace reads every review against its history
    (0.6-0.9 s on a year's workspace): the bar stood full at "Checking the history…"
    meanwhile, and a Cancel was heard only once it had read every review."""
    from factcheck_app.domain.errors import Cancelled
    from factcheck_app.storage import two_moments

    monkeypatch.setattr(two_moments, "RANGE", 3)  # the seed's sentences in several ranges
    ids = [row.sentence.id for row in opened.reviews.sentence_rows(1)]
    assert len(ids) > 9
    told: list[tuple[int, str]] = []
    read: list[object] = []
    ranged = two_moments._candidates

    def reading(*args: object) -> dict[int, int]:
        read.append(args)
        return ranged(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(two_moments, "_candidates", reading)
    inspect(opened.repo, progress=lambda at, words: told.append((at, words)))
    reviews = [at for at, words in told if words == "Checking the reviews…"]
    assert len(reviews) > 3, told  # several steps, one a range
    assert reviews == sorted(reviews) and reviews[0] < reviews[-1] <= 1000
    assert all(at < reviews[0] for at, words in told if words == "Checking the history…")
    ranges = len(read)

    read.clear()
    stop = threading.Event()

    def cancel_midway(at: int, words: str) -> None:
        if words.startswith("Checking the reviews") and len(read) == 1:
            stop.set()  # Cancel pressed while the first range is shown read

    with pytest.raises(Cancelled):
        inspect(opened.repo, cancelled=stop.is_set, progress=cancel_midway)
    assert len(read) == 2 < ranges  # heard after the range being read: the rest never read
