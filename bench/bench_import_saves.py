#!/usr/bin/env python3
"""Benchmark: saves from the window while a big article imports in the background (issue 12).

Done when: "While a 30 MB article imports in the background, key presses and typed text in
the window still save, each in under 100 ms."

A fresh temporary workspace with a normal article (400 sentences) is open in the real
`MainWindow` (offscreen). A ~30 MB news-like `.txt` article is imported exactly as the
window does it, `window.import_files([path])` (an `ImportJob` in a worker thread on its own
`background` connection, its progress in the status bar: `window.import_progress`). Until
`window.import_finished` is emitted the window is driven continuously with QTest on the
sentence list: a tag key (C/D/F/X), a verdict key (1–6), typed text in the review panel's
explanation field followed by Tab (leaving the field saves it), and a move (J/K); the
event loop runs between presses.

Each save is timed from its key press to the save being committed: for a tag or verdict
key, the `keyClick` call returning; for typed text, the Tab that leaves the field until
the panel has nothing pending. Each is read back through the window's connection at
once, and every sentence touched is read back at the end through a separate read-only
connection. The import's stage (reading, splitting, indexing, saving, finishing) at each
save is recorded from the job's progress signal. Every write transaction of the import
thread is timed from the write lock taken (after its turn, `storage/turns.py`, and BEGIN
IMMEDIATE) to COMMIT returned, and labelled (the article row, a slice of sentences, the
finish); so is the time each of the window's saves waited for its turn and the lock, and
every full garbage collection. A slow save is then matched to what it waited for.

The first time the status-bar progress is visible, a tag key is pressed on the sentence
list as a probe (nothing is hidden or re-shown): it must save at once.

The same is measured with the import written in one transaction (`IMPORT_SLICE` patched
to a huge number and `IMPORT_SLICE_SECONDS` to infinity: the behaviour before imports were
sliced), and, with `--slices`, for other slice sizes (each slice still ends after
`IMPORT_SLICE_SECONDS`, as in the app). After the import, opening the imported article
(the reviewer's choice now: an import the reviewer worked beside is not opened over their
work) is timed, then one save with it open, then quitting (closing the window) right
after that save.

It is a report, not a test: it exits 0 even when a budget is missed.
Run: `.venv/bin/python bench/bench_import_saves.py [--mb 30] [--json [PATH]]`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import itertools
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# Before anything can import Qt: every window here is offscreen.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The same article generator and report helpers as the review-loop bench.
from bench_output import write_json
from bench_review_loop import (
    _isolate_settings,
    _wait_painted,
    cushion_immortals,
    load_average,
    machine,
    news_article,
    percentile,
    source_state,
    versions,
)

DEFAULT_MB = 30.0
SMALL_SENTENCES = 400  # the article open in the window while the big one imports
SAVE_BUDGET_MS = 100.0  # issue 12: each save under 100 ms
QUIT_BUDGET_S = 0.3
ONE_TRANSACTION = 10**12  # IMPORT_SLICE for "one transaction (before)"
SHIPPED = "sliced"
BEFORE = "one transaction (before)"
STAGES = ("start", "reading", "splitting", "indexing", "saving", "finishing")
STAGE_WORDS = {
    "Reading": "reading",
    "Decoding": "reading",
    "Splitting": "splitting",
    "Indexing": "indexing",
    "Saving": "saving",
}
SETTLE_S = 10.0  # how long a typed text may take to be saved before it counts as lost


# -- what is recorded -----------------------------------------------------------------------


@dataclass
class Save:
    """One timed save from the window."""

    kind: str  # tag, verdict, text
    ms: float  # key press → committed (or given up)
    cpu_ms: float  # of that, time the GUI thread ran; the rest was waiting
    stage: str  # import stage when the key was pressed
    lock_wait_ms: float  # the window's transactions waiting for their turn and the lock
    gc_ms: float  # full collections (any thread) overlapping the save
    ok: bool  # read back through the window's connection right after
    sentence_id: int
    at: float  # perf_counter when the key was pressed
    end: float = 0.0  # perf_counter when it was committed
    overlaps: list[str] = field(default_factory=list)  # import transactions held meanwhile


@dataclass
class Txn:
    """One write transaction of the import thread (write lock taken → COMMIT returned)."""

    begin: float
    end: float
    stage: str
    kind: str  # "article row" (begin_article), "slice", "finish", "other" (a clean-up)
    sentences: int  # sentences written in it
    turn_wait_ms: float  # waiting for its turn (saves first) and the lock, before begin

    @property
    def ms(self) -> float:
        return (self.end - self.begin) * 1000


@dataclass
class Run:
    label: str
    slice_size: int
    file_mb: float = 0.0
    sentences: int = 0
    import_s: float = 0.0  # import_files → import_finished
    worker_s: float = 0.0  # import_files → the job's finished signal (worker thread)
    finish_s: float = 0.0  # the job's finished → import_finished (the window lists articles)
    opened_imported: bool = False  # did the window open the imported article by itself?
    open_imported_s: float = 0.0  # opening the imported article afterwards
    stage_s: dict[str, float] = field(default_factory=dict)
    saves: list[Save] = field(default_factory=list)
    moves: list[tuple[float, str]] = field(default_factory=list)  # (ms, stage) of J/K
    typing_ms: list[float] = field(default_factory=list)  # typing itself (no save)
    turns: list[tuple[float, str]] = field(default_factory=list)  # event-loop turns
    # Turns over 100 ms: begin, end, on-CPU ms of the GUI thread, stage
    slow_turns: list[tuple[float, float, float, str]] = field(default_factory=list)
    txns: list[Txn] = field(default_factory=list)
    full_gcs: list[tuple[float, float, str]] = field(default_factory=list)  # begin, end, thread
    parsing: list[tuple[float, float]] = field(default_factory=list)  # parse_article: begin, end
    dialogs: list[str] = field(default_factory=list)
    probe: str = ""  # what a tag key did once the status-bar progress was visible
    reactivated: int = 0  # times the window had to be made active again
    after_ms: float = 0.0  # one save with the imported article open, after the import
    quit_s: float = 0.0
    quit_desk_s: float = 0.0  # of which closing the workspace (its WAL checkpointed)
    wal_mb: float = 0.0  # the WAL file just before quitting
    left_behind: int = 0  # sentences of an unfinished article still in the workspace
    disk_ok: int = 0
    disk_checked: int = 0
    problems: list[str] = field(default_factory=list)
    outcome: str = ""
    import_failed: bool = False
    slot_errors: list[str] = field(default_factory=list)


class Recorder:
    """Import stage, write transactions and full collections, from whichever thread."""

    def __init__(self) -> None:
        self.stage = "start"
        self.stage_since: dict[str, float] = {"start": time.perf_counter()}
        self.txns: list[Txn] = []
        self.open_txn: float | None = None  # an import transaction begun, not yet committed
        self.full_gcs: list[tuple[float, float, str]] = []
        self._gc_since = 0.0
        self.worker_done: float | None = None
        self.txn_kind = "other"  # set by the wrapped repository calls inside a transaction
        self.slice_sentences = 0
        self.window_wait = 0.0  # seconds the window's transactions waited (turn + lock)
        # Reading the file's text (importer._parse): decoding and normalising it, in the import
        # thread (long str operations holding the GIL) or, above 4 MB, in a worker process,
        # which then also splits and indexes it (domain/preparation.py).
        self.parsing: list[tuple[float, float]] = []

    def set_stage(self, stage: str) -> None:
        if stage != self.stage and stage not in self.stage_since:
            self.stage_since[stage] = time.perf_counter()
        self.stage = stage

    def on_progress(self, _value: int, label: str) -> None:  # in the worker thread
        stage = STAGE_WORDS.get(label.split(" ", 1)[0])
        if stage is not None and not (stage == "indexing" and self.stage == "saving"):
            self.set_stage(stage)

    def on_finished(self, _outcome: object) -> None:  # in the worker thread
        self.worker_done = time.perf_counter()
        self.set_stage("finishing")

    def on_gc(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._gc_since = time.perf_counter()
        else:
            now = time.perf_counter()
            self.full_gcs.append((self._gc_since, now, threading.current_thread().name))

    def gc_during(self, begin: float, end: float) -> float:
        total = 0.0
        for start, stop, _thread in reversed(self.full_gcs):
            if stop < begin:
                break
            total += max(0.0, min(stop, end) - max(start, begin))
        return total * 1000


def overlapping(txns: list[Txn], begin: float, end: float) -> list[Txn]:
    """The import transactions that held the write lock at some point in [begin, end]."""
    return [t for t in txns if t.begin < end and t.end > begin]


def described(txn: Txn) -> str:
    what = f"a slice of {txn.sentences:,}" if txn.kind == "slice" else f"the {txn.kind}"
    return f"{what} ({txn.ms:.0f} ms)"


@contextlib.contextmanager
def instrumented(recorder: Recorder, slice_size: int) -> Iterator[None]:
    """Time every write transaction (the import's and the window's) and set IMPORT_SLICE.

    Only timing is added around the app's own `WorkspaceDatabase.atomic` (its turn and
    BEGIN IMMEDIATE are the app's); the repository calls are wrapped only to label each
    import transaction."""
    from factcheck_app.services import importer as importer_module
    from factcheck_app.storage.errors import WorkspaceDatabase
    from factcheck_app.storage.stores.imports import ImportStore

    real_parse = importer_module.ArticleImporter._parse
    repo_class = ImportStore
    real_atomic = WorkspaceDatabase.atomic
    real_begin = repo_class.begin_article
    real_add = repo_class.add_sentences
    real_finish = repo_class.finish_article
    real_slice = importer_module.IMPORT_SLICE
    real_slice_seconds = importer_module.IMPORT_SLICE_SECONDS

    @contextlib.contextmanager
    def atomic(self: Any) -> Iterator[Any]:
        if self.conn.in_transaction:  # a savepoint inside a transaction already timed
            with real_atomic(self) as db:
                yield db
            return
        asked = time.perf_counter()
        if threading.current_thread().name != "import":  # the window's own save
            with real_atomic(self) as db:
                recorder.window_wait += time.perf_counter() - asked
                yield db
            return
        if recorder.stage == "indexing":
            recorder.set_stage("saving")  # the first write: the article's row and text
        recorder.txn_kind, recorder.slice_sentences = "other", 0
        begin = 0.0
        try:
            with real_atomic(self) as db:  # its turn (saves go first), then BEGIN IMMEDIATE
                begin = recorder.open_txn = time.perf_counter()
                yield db
        finally:
            recorder.open_txn = None
            if begin:
                recorder.txns.append(
                    Txn(
                        begin,
                        time.perf_counter(),
                        recorder.stage,
                        recorder.txn_kind,
                        recorder.slice_sentences,
                        (begin - asked) * 1000,
                    )
                )

    def parse_article(self: Any, *args: Any, **kwargs: Any) -> Any:
        begin = time.perf_counter()
        try:
            return real_parse(self, *args, **kwargs)
        finally:
            recorder.parsing.append((begin, time.perf_counter()))

    def begin_article(self: Any, *args: Any, **kwargs: Any) -> int:
        recorder.txn_kind = "article row"
        return real_begin(self, *args, **kwargs)

    def add_sentences(self: Any, article_id: int, spans: Any, *args: Any, **kwargs: Any) -> None:
        recorder.txn_kind = "slice"
        recorder.slice_sentences += len(spans)
        real_add(self, article_id, spans, *args, **kwargs)

    def finish_article(self: Any, *args: Any, **kwargs: Any) -> None:
        recorder.txn_kind = "finish"
        real_finish(self, *args, **kwargs)

    WorkspaceDatabase.atomic = atomic  # type: ignore[method-assign]
    importer_module.ArticleImporter._parse = parse_article  # type: ignore[method-assign]
    repo_class.begin_article = begin_article  # type: ignore[method-assign]
    repo_class.add_sentences = add_sentences  # type: ignore[method-assign]
    repo_class.finish_article = finish_article  # type: ignore[method-assign]
    importer_module.IMPORT_SLICE = slice_size
    if slice_size >= ONE_TRANSACTION:  # one transaction: no slice ends after a time either
        importer_module.IMPORT_SLICE_SECONDS = float("inf")
    gc.callbacks.append(recorder.on_gc)
    try:
        yield
    finally:
        gc.callbacks.remove(recorder.on_gc)
        WorkspaceDatabase.atomic = real_atomic  # type: ignore[method-assign]
        importer_module.ArticleImporter._parse = real_parse  # type: ignore[method-assign]
        repo_class.begin_article = real_begin  # type: ignore[method-assign]
        repo_class.add_sentences = real_add  # type: ignore[method-assign]
        repo_class.finish_article = real_finish  # type: ignore[method-assign]
        importer_module.IMPORT_SLICE = real_slice
        importer_module.IMPORT_SLICE_SECONDS = real_slice_seconds


# -- one run --------------------------------------------------------------------------------


def measure(tmp: Path, big: Path, label: str, slice_size: int, seed: int) -> Run:
    """Open a fresh workspace in a new window, import `big` and save all along; then quit."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    from factcheck_app.domain.models import DEFAULT_SCALE, Tag
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.desk import Desk
    from factcheck_app.storage.repositories import UNFINISHED, UNFINISHED_PREFIX

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    run = Run(label, slice_size, file_mb=big.stat().st_size / 1e6)
    shown: list[str] = []

    def record_box(box: QMessageBox) -> int:  # every message box: noted, never blocking
        shown.append(box.text())
        return 0

    QMessageBox.exec = record_box  # type: ignore[method-assign,assignment]

    errors: list[str] = []  # exceptions escaping Qt slots (PySide6 hands them to excepthook)
    real_hook = sys.excepthook

    def on_error(kind: type[BaseException], error: BaseException, tb: Any) -> None:
        errors.append(f"{kind.__name__}: {error}")
        real_hook(kind, error, tb)

    sys.excepthook = on_error
    workspace = tmp / f"saves-{seed}.fcdesk"
    desk = Desk.open(workspace)
    small = desk.importer.import_text(
        news_article(sentences=SMALL_SENTENCES, seed=seed), source_name="s"
    )
    window = MainWindow(desk)
    window.show()
    _wait_painted(app, [window.sentence_view.viewport(), window.article_view.viewport()])
    window.open_article(small.article_id)
    view = window.sentence_view
    edit = window.panel.explanation_edit

    def make_active() -> None:
        if QApplication.activeWindow() is not window:
            run.reactivated += 1
            window.activateWindow()
            app.processEvents()
        if QApplication.focusWidget() is not view:
            view.setFocus()

    make_active()
    app.processEvents()

    tag_keys = {Tag.CLAIM: Qt.Key.Key_C, Tag.DENIAL: Qt.Key.Key_D, Tag.FACT: Qt.Key.Key_F}
    ratings = [rating.key for rating in DEFAULT_SCALE]
    digit_keys = [getattr(Qt.Key, f"Key_{i}") for i in range(1, 7)]
    rng = random.Random(seed)
    expected: dict[int, dict[str, Any]] = {}  # sentence id → last tag/rating/text pressed
    recorder = Recorder()
    finished: list[object] = []
    ended_at: list[float] = []

    def on_import_finished(outcome: object) -> None:
        ended_at.append(time.perf_counter())
        finished.append(outcome)

    window.import_finished.connect(on_import_finished)

    def stage_now() -> str:
        return recorder.stage

    def timed_save(
        kind: str, sentence_id: int, press: Callable[[], None], saved: Callable[[], bool]
    ) -> None:
        stage = stage_now()
        recorder.window_wait = 0.0
        cpu, begin = time.thread_time(), time.perf_counter()
        press()
        if kind == "text":  # typed text: saved once the panel has nothing pending
            while window.panel.has_pending_text() and time.perf_counter() - begin < SETTLE_S:
                app.processEvents()
        end = time.perf_counter()
        cpu = time.thread_time() - cpu
        run.saves.append(
            Save(
                kind,
                (end - begin) * 1000,
                cpu * 1000,
                stage,
                recorder.window_wait * 1000,
                recorder.gc_during(begin, end),
                saved(),
                sentence_id,
                begin,
                end,
            )
        )

    def turn() -> None:
        stage = stage_now()
        cpu, begin = time.thread_time(), time.perf_counter()
        app.processEvents()
        end = time.perf_counter()
        run.turns.append(((end - begin) * 1000, stage))
        if end - begin > SAVE_BUDGET_MS / 1000:
            run.slow_turns.append((begin, end, (time.thread_time() - cpu) * 1000, stage))

    def tag_once() -> None:
        sid = window.current_sentence_id()
        assert sid is not None
        review = window.desk.reviews.review(sid)
        tag = rng.choice([t for t in (*tag_keys, None) if t is not review.tag])
        expected.setdefault(sid, {})["tag"] = tag
        timed_save(
            "tag",
            sid,
            lambda: QTest.keyClick(view, tag_keys[tag] if tag else Qt.Key.Key_X),
            lambda: window.desk.reviews.review(sid).tag is tag,
        )

    def verdict_once() -> None:
        sid = window.current_sentence_id()
        assert sid is not None
        rating = rng.choice([r for r in ratings if r != window.desk.reviews.review(sid).verdict])
        expected.setdefault(sid, {})["rating"] = rating
        timed_save(
            "verdict",
            sid,
            lambda: QTest.keyClick(view, digit_keys[ratings.index(rating)]),
            lambda: window.desk.reviews.review(sid).verdict == rating,
        )

    def text_once(number: int) -> None:
        sid = window.current_sentence_id()
        assert sid is not None
        text = f"Checked against the ministry's figures, note {number}."
        edit.setFocus()
        edit.selectAll()
        begin = time.perf_counter()
        QTest.keyClicks(edit, text)
        run.typing_ms.append((time.perf_counter() - begin) * 1000)
        expected.setdefault(sid, {})["explanation"] = text
        # Leaving the field saves what was typed (Tab moves on: tabChangesFocus).
        timed_save(
            "text",
            sid,
            lambda: QTest.keyClick(edit, Qt.Key.Key_Tab),
            lambda: (
                not window.panel.has_pending_text()
                and window.desk.reviews.review(sid).explanation == text
            ),
        )
        view.setFocus()

    def move_once(forward: bool) -> None:
        stage = stage_now()
        begin = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_J if forward else Qt.Key.Key_K)
        run.moves.append(((time.perf_counter() - begin) * 1000, stage))

    probed = False

    def probe_progress() -> None:
        """The first time the status-bar progress is visible: a tag key on the sentence list
        must save at once (the modal progress dialog this replaced swallowed it)."""
        nonlocal probed
        if probed or not window.import_progress.isVisible():
            return
        probed = True
        sid = window.current_sentence_id()
        assert sid is not None
        before = window.desk.reviews.review(sid).tag
        want = Tag.FACT if before is not Tag.FACT else Tag.CLAIM
        begin = time.perf_counter()
        QTest.keyClick(view, tag_keys[want])
        took_ms = (time.perf_counter() - begin) * 1000
        took = window.desk.reviews.review(sid).tag is want
        active = QApplication.activeWindow()
        focus = QApplication.focusWidget()
        run.probe = (
            f"{'saved' if took else 'NOT saved'} in {took_ms:.1f} ms during {recorder.stage}; "
            f"active window: {type(active).__name__ if active is not None else 'none'}, "
            f"focus: {'the sentence list' if focus is view else type(focus).__name__}"
        )
        if took:
            expected.setdefault(sid, {})["tag"] = want
        app.processEvents()

    with instrumented(recorder, slice_size):
        started = time.perf_counter()
        window.import_files([big])
        job = window.imports.job
        if recorder.stage == "start":
            recorder.set_stage("reading")  # the job started before its signals were watched
        if job is not None:
            job.progress.connect(recorder.on_progress, Qt.ConnectionType.DirectConnection)
            job.finished.connect(recorder.on_finished, Qt.ConnectionType.DirectConnection)
        step = 0
        forward = True
        while not finished:
            for action in ("tag", "verdict", "text", "move"):
                if finished:
                    break
                probe_progress()
                make_active()
                if action == "tag":
                    tag_once()
                elif action == "verdict":
                    verdict_once()
                elif action == "text":
                    text_once(step)
                else:
                    row = view.currentIndex().row()
                    if row >= window.sentence_filter.rowCount() - 1:
                        forward = False
                    elif row <= 0:
                        forward = True
                    move_once(forward)
                turn()
            step += 1
        run.import_s = ended_at[0] - started
        if recorder.worker_done is not None:
            run.worker_s = recorder.worker_done - started
            run.finish_s = ended_at[0] - recorder.worker_done
        run.txns = list(recorder.txns)
        for save in run.saves:
            save.overlaps = [described(t) for t in overlapping(run.txns, save.at, save.end)]
        run.full_gcs = list(recorder.full_gcs)
        run.parsing = list(recorder.parsing)
    marks = sorted(recorder.stage_since.items(), key=lambda item: item[1])
    for (stage, since), (_next, until) in zip(
        marks, [*marks[1:], ("end", ended_at[0])], strict=True
    ):
        run.stage_s[stage] = until - since
    outcome = finished[0]
    imported = getattr(outcome, "imported", [])
    run.sentences = imported[0].sentence_count if imported else 0
    run.outcome = (
        f"{run.sentences:,} sentences imported"
        if imported
        else f"nothing imported: {getattr(outcome, 'problems', [])}"
    )
    if not imported:
        run.import_failed = True
        run.problems.append(run.outcome)

    # The window no longer opens an article imported while the reviewer worked; open it as
    # the reviewer would (timed), then one more save with it open, then quit at once.
    app.processEvents()
    if imported and not imported[0].duplicate:
        run.opened_imported = window.article_id == imported[0].article_id
        if not run.opened_imported:
            begin = time.perf_counter()
            window.open_article(imported[0].article_id)
            run.open_imported_s = time.perf_counter() - begin
            app.processEvents()
    make_active()
    sid = window.current_sentence_id()
    if sid is not None:
        n_before = len(run.saves)
        tag_once()
        run.after_ms = run.saves[n_before].ms
        if not run.saves[n_before].ok:
            run.problems.append("the save after the import did not reach the workspace")
        del run.saves[n_before:]  # reported on its own, not as a save during the import
    wal = workspace.with_name(workspace.name + "-wal")  # stat only: never opened by path
    run.wal_mb = wal.stat().st_size / 1e6 if wal.exists() else 0.0
    real_close = window.desk.close

    def timed_close(**how: Any) -> None:  # the window's `on_wait`s
        begin = time.perf_counter()
        real_close(**how)
        run.quit_desk_s = time.perf_counter() - begin

    window.desk.close = timed_close  # type: ignore[method-assign]
    begin = time.perf_counter()
    window.close()
    run.quit_s = time.perf_counter() - begin
    if not window.desk.closed:
        run.problems.append("closing the window left the workspace open")
    run.dialogs = list(shown)
    # The event loop runs on a little after the close (as in the app, until it quits).
    until = time.perf_counter() + 0.5
    while time.perf_counter() < until:
        app.processEvents()
    sys.excepthook = real_hook
    if len(shown) > len(run.dialogs):
        run.problems.append(f"a message box after the window closed: {shown[len(run.dialogs)]}")
    run.slot_errors = errors

    # Every sentence touched, read back through a separate read-only connection.
    reader = sqlite3.connect(f"{workspace.as_uri()}?mode=ro", uri=True)
    try:
        for sid, want in expected.items():
            row = reader.execute(
                "SELECT tag, rating, explanation FROM reviews WHERE sentence_id = ?", [sid]
            ).fetchone()
            got = {"tag": row[0], "rating": row[1], "explanation": row[2]} if row else {}
            ok = all(
                got.get(key) == (value.value if isinstance(value, Tag) else value)
                for key, value in want.items()
            )
            run.disk_checked += 1
            run.disk_ok += ok
        # What a failed import left behind (the next writable open removes it).
        run.left_behind = reader.execute(
            "SELECT count(*) FROM sentences WHERE article_id IN"
            " (SELECT id FROM articles WHERE segmenter = ?"
            "  UNION SELECT CAST(value AS INTEGER) FROM settings WHERE key GLOB ?)",
            [UNFINISHED, UNFINISHED_PREFIX + "*"],
        ).fetchone()[0]
    finally:
        reader.close()
    if run.left_behind:
        run.problems.append(
            f"the failed import left {run.left_behind:,} sentences of an unfinished article "
            "in the workspace (its clean-up failed too; the next open removes them)"
        )
    if run.disk_ok != run.disk_checked:
        run.problems.append(
            f"{run.disk_checked - run.disk_ok} of {run.disk_checked} sentences on disk "
            "differ from the last key pressed or text typed"
        )
    lost = [s for s in run.saves if not s.ok]
    if lost:
        run.problems.append(f"{len(lost)} of {len(run.saves)} saves were not read back at once")
    window.deleteLater()
    app.processEvents()
    return run


# -- report ---------------------------------------------------------------------------------


def spread(values: list[float]) -> str:
    if not values:
        return "—"
    return (
        f"median {statistics.median(values):.1f} ms, p95 {percentile(values, 95):.1f} ms, "
        f"max {max(values):.1f} ms"
    )


def stats(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {
        "n": len(values),
        "median_ms": statistics.median(values),
        "p95_ms": percentile(values, 95),
        "max_ms": max(values),
    }


def verdict(run: Run) -> str:
    if run.import_failed:
        return "MISS (a save made the import fail: nothing imported)"
    if not run.saves:
        return "MISS (no save measured)"
    worst = max(s.ms for s in run.saves)
    lost = sum(not s.ok for s in run.saves)
    if worst <= SAVE_BUDGET_MS and not lost:
        return "PASS"
    over = sum(s.ms > SAVE_BUDGET_MS for s in run.saves)
    why = f"{over} of {len(run.saves)} over {SAVE_BUDGET_MS:g} ms"
    if lost:
        why += f", {lost} not saved"
    return f"MISS ({why})"


def slice_txns(run: Run) -> list[Txn]:
    return [t for t in run.txns if t.kind == "slice"]


def txn_ms(run: Run, kind: str) -> str:
    found = [t.ms for t in run.txns if t.kind == kind]
    return " + ".join(f"{ms:.0f} ms" for ms in found) if found else "—"


def slow_saves(run: Run) -> list[Save]:
    return [s for s in run.saves if s.ms > SAVE_BUDGET_MS]


def run_rows(run: Run) -> dict[str, str]:
    """The lines of the main table for one run."""
    saving = [s.ms for s in run.saves if s.stage == "saving"]
    slices = slice_txns(run)
    by_kind = {k: sum(s.kind == k for s in run.saves) for k in ("tag", "verdict", "text")}
    waited = [s.ms for s in run.saves if s.overlaps]
    importing = [ms for ms, stage in run.turns if stage != "finishing"]
    finishing = [ms for ms, stage in run.turns if stage == "finishing"]
    writes = [t for t in run.txns if t.stage == "saving"]
    gaps = [(b.begin - a.end) * 1000 for a, b in itertools.pairwise(writes)]
    yielded = [t.turn_wait_ms for t in run.txns]
    if run.opened_imported:
        opening = "the window opened it itself"
    elif run.open_imported_s:
        opening = f"{run.open_imported_s:.1f} s (the window left it in the article list)"
    else:
        opening = "—"
    return {
        "Import wall time (import_files → import_finished)": (
            f"{run.import_s:.1f} s ({run.file_mb:.1f} MB, {run.sentences:,} sentences)"
            if not run.import_failed
            else f"**failed** after {run.import_s:.1f} s: nothing imported"
        ),
        "  of which the worker (read, split, index, write)": f"{run.worker_s:.1f} s",
        "  of which the window after the worker (lists the articles)": f"{run.finish_s:.1f} s",
        "Import stages (worker)": ", ".join(
            f"{stage} {run.stage_s[stage]:.1f} s" for stage in STAGES if stage in run.stage_s
        ),
        "Reading the text (importer._parse: above 4 MB read, split and indexed in a worker)": (
            ", ".join(f"{(stop - start) * 1000:.0f} ms" for start, stop in run.parsing) or "—"
        ),
        "Import slice transactions (write lock held)": (
            f"{len(slices)} × up to {max((t.sentences for t in slices), default=0):,} "
            f"sentences: {spread([t.ms for t in slices])}"
        ),
        "The article row (begin_article; its text goes in parts with the slices) / finish": (
            f"{txn_ms(run, 'article row')} / {txn_ms(run, 'finish')}"
        ),
        "Import waiting for its turn and the lock (saves first)": (
            f"{sum(yielded):.0f} ms in all, longest {max(yielded):.1f} ms" if yielded else "—"
        ),
        "Write lock free between two import transactions": (
            f"median {statistics.median(gaps):.2f} ms, max {max(gaps):.1f} ms" if gaps else "—"
        ),
        "Saves measured during the import": (
            f"{len(run.saves)} (tag {by_kind['tag']}, verdict {by_kind['verdict']}, "
            f"typed text {by_kind['text']})"
        ),
        "Save latency, whole import": spread([s.ms for s in run.saves]),
        "Saves during the writing stage (Saving)": f"{len(saving)}: {spread(saving)}",
        "Saves that overlapped an import write transaction": f"{len(waited)}: {spread(waited)}",
        "Saves over 100 ms (what each waited for: see the notes)": str(len(slow_saves(run))),
        "Saves not read back at once / error boxes shown": (
            f"{sum(not s.ok for s in run.saves)} / {len(run.dialogs)}"
        ),
        "Budget: every save ≤ 100 ms": verdict(run),
        "Longest event-loop turn between presses (window unresponsive)": (
            f"{max(importing, default=0):.0f} ms while reading → saving; "
            f"{max(finishing, default=0):.0f} ms after the worker finished"
        ),
        "Opening the imported article afterwards": opening,
        "A save after the import (imported article open)": f"{run.after_ms:.1f} ms",
        "Quit (window close) right after the last save": (
            f"{run.quit_s * 1000:.0f} ms (closing the workspace {run.quit_desk_s * 1000:.0f} ms, "
            f"WAL {run.wal_mb:.1f} MB) — "
            + ("PASS" if run.quit_s <= QUIT_BUDGET_S else "MISS")
            + f" (≤ {QUIT_BUDGET_S * 1000:.0f} ms)"
        ),
        "Sentences touched, read back read-only at the end": (
            f"{run.disk_ok} of {run.disk_checked} as last pressed/typed"
        ),
    }


def stage_table(run: Run) -> list[str]:
    lines = [
        f"Per stage, {run.label}, IMPORT_SLICE = {run.slice_size:,}:",
        "",
        "| stage | lasted | saves | median | p95 | max | over 100 ms | moves J/K max "
        "| longest event-loop turn |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for stage in STAGES:
        saves = [s.ms for s in run.saves if s.stage == stage]
        moves = [ms for ms, st in run.moves if st == stage]
        turns = [ms for ms, st in run.turns if st == stage]
        if not (saves or moves or turns):
            continue
        lasted = f"{run.stage_s[stage]:.1f} s" if stage in run.stage_s else "—"
        if saves:
            cells = (
                f"{statistics.median(saves):.1f} ms | {percentile(saves, 95):.1f} ms | "
                f"{max(saves):.1f} ms | {sum(ms > SAVE_BUDGET_MS for ms in saves)}"
            )
        else:
            cells = "— | — | — | —"
        lines.append(
            f"| {stage} | {lasted} | {len(saves)} | {cells} | "
            f"{max(moves, default=0):.1f} ms | {max(turns, default=0):.0f} ms |"
        )
    return lines


def gc_by_thread(run: Run, begin: float, end: float) -> str:
    """Full collections overlapping [begin, end], by thread ("" when none)."""
    parts = []
    for start, stop, thread in run.full_gcs:
        overlap = min(stop, end) - max(start, begin)
        if overlap > 0:
            parts.append(
                f"{overlap * 1000:.0f} ms of a {(stop - start) * 1000:.0f}-ms full GC "
                f"in the {thread} thread"
            )
    return ", ".join(parts)


def gil_holders(run: Run, begin: float, end: float) -> str:
    """What the import thread did in [begin, end] that holds the GIL for long ("" if none
    recorded): full collections and decoding/normalising the text."""
    found = gc_by_thread(run, begin, end)
    for start, stop in run.parsing:
        overlap = min(stop, end) - max(start, begin)
        if overlap > 0:
            found += (", " if found else "") + (
                f"{overlap * 1000:.0f} ms of the import reading the text "
                f"(importer._parse, {(stop - start) * 1000:.0f} ms; in a worker process above "
                "4 MB, with splitting and indexing, else long str operations holding the GIL)"
            )
    return found


def slow_save_note(run: Run, save: Save) -> str:
    gcs = gil_holders(run, save.at, save.end)
    return (
        f"{save.kind} during {save.stage}, {save.ms:.0f} ms (on-CPU {save.cpu_ms:.1f} ms; "
        f"its transaction waited {save.lock_wait_ms:.0f} ms for its turn and the lock); "
        f"import transactions held meanwhile: {', '.join(save.overlaps) or 'none'}"
        + (f"; {gcs}" if gcs else "")
    )


def notes_for(run: Run) -> list[str]:
    notes = []
    if run.saves:
        worst_cpu = max(s.cpu_ms for s in run.saves)
        notes.append(f"{run.label}: worst on-CPU time of a save {worst_cpu:.1f} ms.")
    notes += [f"{run.label}: over 100 ms: {slow_save_note(run, s)}." for s in slow_saves(run)]
    if run.full_gcs:
        longest = max(end - begin for begin, end, _ in run.full_gcs) * 1000
        threads = sorted({thread for *_, thread in run.full_gcs})
        notes.append(
            f"{run.label}: {len(run.full_gcs)} full garbage collections (threads: "
            f"{', '.join(threads)}), longest {longest:.0f} ms."
        )
    if run.slow_turns:
        slowest = sorted(run.slow_turns, key=lambda t: t[0] - t[1])[:3]
        notes.append(
            f"{run.label}: {len(run.slow_turns)} event-loop turns over 100 ms; the longest: "
            + "; ".join(
                f"{(end - begin) * 1000:.0f} ms during {stage} (GUI thread on-CPU {cpu:.0f} ms"
                + "".join(
                    f", {what}"
                    for what in (
                        gil_holders(run, begin, end),
                        ", ".join(described(t) for t in overlapping(run.txns, begin, end)),
                    )
                    if what
                )
                + ")"
                for begin, end, cpu, stage in slowest
            )
            + "."
        )
    if run.typing_ms:
        notes.append(
            f"{run.label}: typing the ~50 characters (no save) took {spread(run.typing_ms)}."
        )
    if run.probe:
        notes.append(
            f"{run.label}: a tag key on the sentence list once the status-bar progress showed: "
            f"{run.probe}; the window had to be re-activated {run.reactivated} times in all."
        )
    elif run.saves:
        notes.append(f"{run.label}: the status-bar progress never showed while driven.")
    if run.dialogs:
        first = run.dialogs[0].replace("\n", " ")
        notes.append(f"{run.label}: {len(run.dialogs)} message box(es), the first: “{first}”.")
    if run.slot_errors:
        notes.append(
            f"{run.label}: {len(run.slot_errors)} exception(s) escaped Qt slots, the first: "
            f"{run.slot_errors[0]}."
        )
    notes += [f"WARNING ({run.label}): {problem}" for problem in run.problems]
    return notes


def render(
    runs: list[Run], started: dt.datetime, elapsed: float, load: str, argv: list[str]
) -> str:
    labels = [
        r.label if r.label == BEFORE else f"{r.label}, IMPORT_SLICE = {r.slice_size:,}"
        for r in runs
    ]
    table = [dict(run_rows(r)) for r in runs]
    lines = [
        f"## Saving while a big article imports — {started:%Y-%m-%d %H:%M}",
        "",
        f"Machine: {machine()}; {versions()}; platform `offscreen`; {source_state()}.",
        f"Command: `{' '.join(['.venv/bin/python', 'bench/bench_import_saves.py', *argv])}`.",
        "",
        "| measure | " + " | ".join(labels) + " |",
        "|---|" + "---|" * len(runs),
    ]
    for key in table[0]:
        lines.append(f"| {key} | " + " | ".join(t[key] for t in table) + " |")
    lines.append("")
    for run in runs:
        if run.saves:
            lines += [*stage_table(run), ""]
    for run in runs:
        lines += [f"- {note}" for note in notes_for(run)]
    lines.append(f"- Took {elapsed:.0f} s; {load} before, {load_average()} after.")
    return "\n".join(lines)


def payload(run: Run) -> dict[str, Any]:
    data = asdict(run)
    data["summary"] = {
        "all": stats([s.ms for s in run.saves]),
        "saving": stats([s.ms for s in run.saves if s.stage == "saving"]),
        "slice_txn": stats([(t.end - t.begin) * 1000 for t in slice_txns(run)]),
        "verdict": verdict(run),
    }
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=DEFAULT_MB, help="size of the article (MB)")
    parser.add_argument(
        "--json", nargs="?", const="-", metavar="PATH", help="also write the results as JSON"
    )
    parser.add_argument(
        "--slices",
        default="",
        metavar="N,N",
        help="also measure these IMPORT_SLICE values (comma-separated), e.g. 250,4000",
    )
    parser.add_argument(
        "--no-before", action="store_true", help="skip the one-transaction (before) run"
    )
    # `./dev.sh bench ARGS` hands the same arguments to every bench script.
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        print(f"(ignoring arguments meant for other benchmarks: {' '.join(unknown)})")

    started = dt.datetime.now()
    clock = time.perf_counter()
    load = load_average()
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="fcdesk-bench-saves-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["FACTCHECK_DATA_DIR"] = str(tmp / "data")
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
        _isolate_settings(str(tmp / "settings"))
        from PySide6.QtCore import qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        from factcheck_app import config
        from factcheck_app.services import importer as importer_module

        cushion_immortals()  # PySide6 6.12.0 on Python 3.11 (see bench_review_loop)

        def on_qt_message(_mode: Any, _context: Any, message: str) -> None:
            if "propagateSizeHints" not in message:  # the offscreen plugin, on resizes
                print(message, file=sys.stderr)

        qInstallMessageHandler(on_qt_message)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        app.setApplicationName(config.APP_ID)
        app.setOrganizationName(config.ORGANIZATION)
        sys.setswitchinterval(0.001)  # as run_gui does

        big = tmp / "big-article.txt"
        print(f"Generating a {args.mb:g} MB article in {tmp} …", flush=True)
        big.write_text(news_article(min_bytes=int(args.mb * 1e6), seed=30), encoding="utf-8")
        shipped = int(importer_module.IMPORT_SLICE)

        def measured(label: str, size: int) -> Run:
            print(f"Importing while saving: {label}, IMPORT_SLICE = {size:,} …", flush=True)
            run = measure(tmp, big, label, size, seed=len(runs) + 1)
            print(f"  {run.import_s:.1f} s, {len(run.saves)} saves, {verdict(run)}", flush=True)
            runs.append(run)
            return run

        measured(SHIPPED, shipped)
        if not args.no_before:
            measured(BEFORE, ONE_TRANSACTION)
        for size in (int(n) for n in args.slices.split(",") if n.strip()):
            measured(SHIPPED, size)
    shown_argv = sys.argv[1:] if argv is None else argv
    report = render(runs, started, time.perf_counter() - clock, load, shown_argv)
    print()
    print(report)
    if args.json:
        data = {
            "benchmark": "import_saves",
            "date": started.isoformat(timespec="seconds"),
            "machine": machine(),
            "versions": versions(),
            "source": source_state(),
            "mb": args.mb,
            "runs": [payload(r) for r in runs],
        }
        write_json(args.json, data, ensure_ascii=False, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
