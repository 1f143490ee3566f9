"""The search index rebuilt beside the window: in short steps, each its own transaction,
while the window's saves go on; cut short (Cancel, quit, a kill), the workspace says how
far the rebuild got, and the next one goes on from there. On a year's workspace the
rebuild took 8 s on the window's thread (docs/performance.md)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import factcheck_app.storage.search as search_module
from factcheck_app.domain.matching import SEARCH_INDEX_VERSION
from factcheck_app.domain.models import SearchScope
from factcheck_app.services.desk import Desk
from factcheck_app.services.upkeep import BackgroundRebuild
from factcheck_app.services.upkeep import inspect as inspect_workspace
from factcheck_app.storage.search import VERSION_SETTING, SearchIndex
from tests.conftest import REPO_ROOT, SEED_FILE
from tests.storage.test_search_index import SECOND_ARTICLE, assert_index_current, hit_ids
from tests.stress.harness import child_env

OLD_VERSION = str(SEARCH_INDEX_VERSION - 1)
WAIT_S = 30  # a safety net for a broken test, never a timing
ANIMALS = ("quokka", "numbat", "wombat", "dingo")  # words no article here holds


def sentence_ids(desk: Desk) -> list[int]:
    return [r[0] for r in desk.workspace.db.execute("SELECT id FROM sentences ORDER BY id")]


def version_setting(path: Path) -> str:
    """The index's version setting as another program reads it."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return str(
            db.execute("SELECT value FROM settings WHERE key = ?", [VERSION_SETTING]).fetchone()[0]
        )
    finally:
        db.close()


@pytest.fixture
def stale(desk: Desk) -> Path:
    """A reviewed workspace of two articles whose index an older version made: closed,
    with its version setting older than this version's."""
    desk.importer.import_file(SEED_FILE)
    desk.importer.import_text(SECOND_ARTICLE, source_name="second.txt")
    ids = sentence_ids(desk)
    desk.reviews.set_verdict(ids[0], "false")
    desk.reviews.set_text_field(ids[1], "claimant", "Baku")
    desk.repo.settings.set_setting(VERSION_SETTING, OLD_VERSION)
    path = desk.path
    assert path is not None
    desk.close()
    return path


@pytest.fixture
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Steps of one batch of two sentences: a dozen steps, whatever the machine."""
    monkeypatch.setattr(search_module, "REBUILD_BATCH", 2)
    from factcheck_app.services import upkeep

    monkeypatch.setattr(upkeep, "REBUILD_STEP_SECONDS", 0.0)


@pytest.fixture
def window_desk(stale: Path) -> Iterator[Desk]:
    """The desk as the window opens it: the index left for the rebuild beside it."""
    desk = Desk.open(stale, backup=False, search_index="beside")
    yield desk
    desk.close()


def run_rebuild(desk: Desk, between: Callable[[], None] = lambda: None) -> BackgroundRebuild:
    """A rebuild beside `desk`, `between()` run on this thread after each of its steps."""
    steps: list[int] = []
    stepped = threading.Semaphore(0)
    went_on = threading.Semaphore(0)
    ended = threading.Event()

    def progress(per_mille: int, _stage: str) -> None:
        steps.append(per_mille)
        if len(steps) > 1:  # the first is said before any step
            stepped.release()
            went_on.acquire(timeout=WAIT_S)

    rebuild = desk.upkeep.start_rebuild(lambda _r: (ended.set(), stepped.release()), progress)
    while not ended.is_set():
        assert stepped.acquire(timeout=WAIT_S)
        if not ended.is_set():
            between()
            went_on.release()
    rebuild.stop()
    return rebuild


def test_the_window_opens_without_rebuilding_and_the_rebuild_beside_it_completes(
    window_desk: Desk, small_steps: None
) -> None:
    desk = window_desk
    assert desk.repo.settings.get_setting(VERSION_SETTING) == OLD_VERSION  # not rebuilt
    assert desk.upkeep.rebuild_due()
    rebuild = run_rebuild(desk)
    assert rebuild.complete and not rebuild.cancelled and rebuild.error is None
    assert desk.repo.settings.get_setting(VERSION_SETTING) == str(SEARCH_INDEX_VERSION)
    assert not desk.upkeep.rebuild_due()
    assert_index_current(desk)
    assert not desk.repo.search.merges_deferred()


def test_saves_made_between_the_steps_are_kept_and_found(
    window_desk: Desk, small_steps: None
) -> None:
    """Each save waits for one step at most, and its rows are right whether the rebuild
    had reached its sentence or not."""
    desk = window_desk
    ids = sentence_ids(desk)
    targets = iter(zip([ids[-1], ids[0], ids[len(ids) // 2], ids[3]], ANIMALS, strict=False))
    saved: list[tuple[int, str]] = []

    def save() -> None:
        target = next(targets, None)
        if target is not None:
            desk.reviews.set_text_field(target[0], "explanation", f"checked {target[1]}")
            saved.append(target)

    run_rebuild(desk, save)
    assert len(saved) == 4
    for sid, word in saved:
        assert hit_ids(desk, word, SearchScope.EXPLANATIONS) == {sid}
    assert_index_current(desk)


def test_a_cancel_leaves_the_index_marked_and_the_next_rebuild_goes_on_from_there(
    window_desk: Desk, small_steps: None
) -> None:
    desk = window_desk
    count = 0

    def cancel_after_three() -> None:
        nonlocal count
        count += 1
        if count == 3:
            assert desk.upkeep.rebuilding is not None
            desk.upkeep.rebuilding.cancel()

    rebuild = run_rebuild(desk, cancel_after_three)
    assert rebuild.cancelled and not rebuild.complete
    stored = desk.repo.settings.get_setting(VERSION_SETTING) or ""
    assert stored.startswith(f"{SEARCH_INDEX_VERSION} rebuilding after ")
    due = desk.repo.search.rebuild_due()
    assert due is not None and due.after == sentence_ids(desk)[5]  # 3 steps of 2
    assert not desk.repo.search.merges_deferred()  # merging at commit is back on
    # Check Workspace says so, and the workspace opens (the window's way) as it is.
    assert any("being rebuilt" in line for line in desk.upkeep.check().lines)
    desk.close()
    again = Desk.open(desk.path, backup=False, search_index="beside")
    try:
        assert again.repo.search.rebuild_due() == due
        went_on: list[int] = []
        real = SearchIndex.rebuild_some

        def rebuild_some(index: SearchIndex, after: int, **kwargs: Any) -> int | None:
            went_on.append(after)
            return real(index, after, **kwargs)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(SearchIndex, "rebuild_some", rebuild_some)
            assert run_rebuild(again).complete
        assert went_on[0] == due.after  # not from the start
        assert_index_current(again)
    finally:
        again.close()


def test_closing_the_workspace_stops_the_rebuild_between_two_steps(
    window_desk: Desk, small_steps: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = window_desk
    path = desk.path
    assert path is not None
    started = threading.Event()
    carry_on = threading.Event()
    cancel = BackgroundRebuild.cancel

    def cancel_and_carry_on(rebuild: BackgroundRebuild) -> None:
        cancel(rebuild)
        carry_on.set()

    monkeypatch.setattr(BackgroundRebuild, "cancel", cancel_and_carry_on)

    def progress(per_mille: int, _stage: str) -> None:
        if per_mille > 0:
            started.set()
            carry_on.wait(WAIT_S)  # held between two steps until the close stops it

    rebuild = desk.upkeep.start_rebuild(lambda _r: None, progress)
    assert started.wait(WAIT_S)
    desk.close()
    assert rebuild.cancelled and not rebuild.running()
    assert version_setting(path).startswith(f"{SEARCH_INDEX_VERSION} rebuilding after ")
    # The command line finishes it at its open, as it always rebuilt.
    cli = Desk.open(path, backup=False)
    try:
        assert cli.repo.settings.get_setting(VERSION_SETTING) == str(SEARCH_INDEX_VERSION)
        assert_index_current(cli)
    finally:
        cli.close()


def test_a_read_only_desk_on_a_half_rebuilt_index_searches_a_private_one(
    window_desk: Desk, small_steps: None
) -> None:
    desk = window_desk
    ids = sentence_ids(desk)

    def stop_early() -> None:
        assert desk.upkeep.rebuilding is not None
        desk.upkeep.rebuilding.cancel()

    run_rebuild(desk, stop_early)
    assert desk.path is not None
    reader = Desk.open(desk.path, read_only=True)
    try:
        assert reader.repo.search.table == "scratch.search_index"
        assert hit_ids(reader, "Baku", SearchScope.CLAIMANTS) == {ids[1]}
    finally:
        reader.close()


def test_a_damaged_index_is_marked_at_the_check_and_made_again_beside_the_window(
    seeded_desk: Desk,
) -> None:
    desk = seeded_desk
    desk.workspace.db.execute("DELETE FROM search_index_data WHERE id > 10")
    report = desk.upkeep.finish_check(inspect_workspace(desk.repo), beside=True)
    assert any("being rebuilt beside the window" in line for line in report.lines)
    assert desk.repo.settings.get_setting(VERSION_SETTING) == f"{SEARCH_INDEX_VERSION} damaged"
    due = desk.repo.search.rebuild_due()
    assert due is not None and due.fresh
    assert run_rebuild(desk).complete
    assert desk.lookup.search("Ganja 332000").total == 1
    assert_index_current(desk)


def test_a_damaged_index_an_older_version_made_is_made_again_after_the_check(
    stale: Path, small_steps: None
) -> None:
    """Found by bench/bench_index_rebuild.py (its `check` case, once the index's version
    went up): an index both out of date and damaged failed the rebuild beside the window
    ("damaged… Run File → Check Workspace"), and Check Workspace, seeing it out of date,
    only said it was being rebuilt, which failed again: searches failed for good."""
    conn = sqlite3.connect(stale)
    conn.execute("DELETE FROM search_index_data WHERE id > 10")
    conn.commit()
    conn.close()
    desk = Desk.open(stale, backup=False, search_index="beside")
    try:
        failed = run_rebuild(desk)
        assert not failed.complete and failed.error is not None  # the damage stops it
        report = desk.upkeep.finish_check(inspect_workspace(desk.repo), beside=True)
        assert any("damaged" in line for line in report.lines), report.lines
        due = desk.repo.search.rebuild_due()
        assert due is not None and due.fresh
        rebuild = run_rebuild(desk)
        assert rebuild.complete and rebuild.error is None
        assert hit_ids(desk, "Baku", SearchScope.CLAIMANTS) == {sentence_ids(desk)[1]}
        assert_index_current(desk)
    finally:
        desk.close()


def test_an_index_fts5_cannot_open_is_made_again_beside_the_window(tmp_path: Path) -> None:
    """Its settings in a format FTS5 does not know (a file edited outside the desk): the
    window's Check Workspace marks it, and the rebuild beside the window, which failed
    to drop it ("invalid fts5 file format"), makes it again."""
    path = tmp_path / "colleague.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE search_index_config SET v = 99 WHERE k = 'version'")
    conn.close()
    desk = Desk.open(path, backup=False, search_index="beside")
    try:
        report = desk.upkeep.finish_check(inspect_workspace(desk.repo), beside=True)
        assert any("being rebuilt beside the window" in line for line in report.lines)
        rebuild = run_rebuild(desk)
        assert rebuild.complete and rebuild.error is None
        assert desk.lookup.search("Ganja 332000").total == 1
        assert_index_current(desk)
    finally:
        desk.close()


def test_helpers_beside_the_window_never_rebuild_the_index(stale: Path) -> None:
    window = Desk.open(stale, backup=False, search_index="beside")
    try:
        helper = window.open_helper()
        helper.close()
        with Desk.reading_apart(stale) as reader:
            assert reader.repo.search.table == "search_index"  # no private index made
        assert window.repo.settings.get_setting(VERSION_SETTING) == OLD_VERSION
    finally:
        window.close()


def test_an_import_and_a_rebuild_overlapping_leave_merging_on(
    window_desk: Desk, tmp_path: Path
) -> None:
    """Both defer FTS5's merging at commit; the one that ends first left it on for the
    other (or off for good, had it resumed at the other's end)."""
    desk = window_desk
    helper = desk.open_helper()
    try:
        helper.repo.search.defer_merges()  # an import is writing its slices
        assert run_rebuild(desk).complete
        assert desk.repo.search.merges_deferred()  # still the import's
        helper.repo.search.resume_merges()
    finally:
        helper.close()
    assert not desk.repo.search.merges_deferred()


# -- a kill during the rebuild ----------------------------------------------------------------

CHILD = r"""
import json, os, signal, sys, time
from pathlib import Path
import factcheck_app.storage.search as search_module
from factcheck_app.services import upkeep
from factcheck_app.services.desk import Desk
from factcheck_app.storage.search import SearchIndex

search_module.REBUILD_BATCH = 2
upkeep.REBUILD_STEP_SECONDS = 0.0
path, kill_at = Path(sys.argv[1]), int(sys.argv[2])
desk = Desk.open(path, backup=False, search_index="beside")
ids = [r[0] for r in desk.workspace.db.execute("SELECT id FROM sentences ORDER BY id")]
steps = 0
real = SearchIndex.rebuild_some

def rebuild_some(index, after, **kwargs):
    global steps
    steps += 1
    if steps == kill_at:  # between two committed steps
        os.kill(os.getpid(), signal.SIGKILL)
    return real(index, after, **kwargs)

SearchIndex.rebuild_some = rebuild_some
def save(n):
    sid = ids[n % len(ids)]
    word = "wombat" + "".join("abcdefghij"[int(d)] for d in str(n))  # no digits: one word
    desk.reviews.set_text_field(sid, "explanation", f"saved {word}")
    print(json.dumps([sid, word]), flush=True)  # acknowledged

save(0)
desk.upkeep.start_rebuild(lambda r: None)
n = 1
while True:
    save(n)
    n += 1
    time.sleep(0.002)  # a reviewer's keys: the rebuild writes between two saves
"""


@pytest.mark.parametrize("kill_at", [2, 5])
def test_a_kill_between_two_steps_loses_no_save_and_the_next_open_finishes(
    stale: Path, tmp_path: Path, kill_at: int
) -> None:
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(stale), str(kill_at)],
        env=child_env(tmp_path / "child"),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    acknowledged = [json.loads(line) for line in child.stdout.splitlines()]
    assert acknowledged
    stored = version_setting(stale)
    assert stored.startswith(f"{SEARCH_INDEX_VERSION} rebuilding after "), stored
    desk = Desk.open(stale, backup=False, search_index="beside")
    try:
        explanations = dict(
            desk.workspace.db.execute("SELECT sentence_id, explanation FROM reviews").fetchall()
        )
        last: dict[int, str] = {}
        for sid, word in acknowledged:
            last[sid] = word
        for sid, word in last.items():
            assert explanations[sid] == f"saved {word}"
        assert desk.workspace.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert run_rebuild(desk).complete
        assert_index_current(desk)
        for sid, word in last.items():
            assert sid in hit_ids(desk, word, SearchScope.EXPLANATIONS)
    finally:
        desk.close()
    assert os.path.exists(stale)


def test_a_rebuild_that_fails_says_why_and_leaves_the_mark(
    window_desk: Desk, small_steps: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk half-way: the rebuild ends with the reason in words, merging at commit
    is back on, and the workspace still says the index is to be finished."""
    from factcheck_app.domain.errors import WorkspaceFull

    desk = window_desk
    real = SearchIndex.rebuild_some
    steps = 0

    def filling_up(index: SearchIndex, after: int, **kwargs: Any) -> int | None:
        nonlocal steps
        steps += 1
        if steps == 3:
            raise WorkspaceFull("The disk is full: the change was NOT saved.")
        return real(index, after, **kwargs)

    monkeypatch.setattr(SearchIndex, "rebuild_some", filling_up)
    rebuild = run_rebuild(desk)
    assert rebuild.error == "The disk is full: the change was NOT saved."
    assert not rebuild.complete and not rebuild.cancelled
    assert not desk.repo.search.merges_deferred()
    due = desk.repo.search.rebuild_due()
    assert due is not None and due.after == sentence_ids(desk)[3]  # 2 steps of 2 kept
