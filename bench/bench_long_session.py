#!/usr/bin/env python3
"""A working day in one window: does the desk stay fast and small (docs/performance.md)?

One process, one real `MainWindow` (offscreen), a generated workspace of many articles
(by default 200 of 50–500 sentences, plus one of 10,000) and a scripted day driven
through the window's own keys and actions: switching articles (a click, or the keys),
moving, tagging, verdicts, typing claimants and explanations, linking sources (the dialog
patched), searching (Ctrl+F) and clearing, undo/redo, the history, the Show box, exports
(the file chooser patched), another workspace opened and left, a few imports.

Every `--every` steps it records, after `gc.collect()`: resident memory, Python objects
(and which types grew), live QObjects of the window's key classes (and every widget the
application holds), signal connections of the window's objects and of the application,
timers, the undo stack, and a burst of next-sentence keys on the 10,000-sentence article
(median and worst). It prints a table, the growth between the first and the last
samples, and a verdict per budget. It is a report, not a test: it exits 0 either way.

Run: `.venv/bin/python bench/bench_long_session.py` (the short run, < 60 s) or
`… --long` (a day's worth of steps, several minutes); `--json PATH` saves the samples.
"""

from __future__ import annotations

import argparse
import collections
import ctypes
import datetime as dt
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# The review-loop benchmark's article generator and helpers (it sets QT_QPA_PLATFORM).
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
from bench_output import write_json
from bench_review_loop import (
    KEY_MEDIAN_MS,
    KEY_WORST_MS,
    MEMORY_MB,
    PEOPLE,
    PLACES,
    QUIT_S,
    _isolate_settings,
    _wait_painted,
    cushion_immortals,
    load_average,
    machine,
    news_article,
    none_references,
    resident_mb,
    source_state,
    versions,
    void_call_leak,
)

BIG_SENTENCES = 10_000
BURST = 40  # next-sentence keys timed at each sample
BURST_ROW = 3_000  # where on the 10k article the burst starts (the same place each time)
# The scripted day: how often each kind of step comes up (relative weights).
WEIGHTS = {
    "move": 30,
    "tag": 12,
    "verdict": 12,
    "next_unreviewed": 3,
    "switch_click": 7,
    "switch_keys": 3,
    "switch_big": 0.6,
    "claimant": 5,
    "explanation": 5,
    "link_source": 3,
    "search": 3,
    "undo": 5,
    "redo": 3,
    "history": 2,
    "show_box": 2,
    "export": 0.4,
    "other_workspace": 0.2,
    "import": 0.25,
    # The reviewer reads: the event loop runs on its own, and what waits for a pause in the
    # keys runs (earlier verdicts, the assist's steps, the list's progress, typed text).
    "pause": 2,
}
PAUSE_MS = 350


@dataclass
class Sample:
    """What one look at the process found, after `step` steps."""

    step: int
    seconds: float  # since the day began
    rss_mb: float
    malloc_mb: float  # of it, alive in the C heap (see malloc_in_use_mb)
    py_objects: int
    qobjects: int  # the window's QObject descendants
    widgets: int  # every QWidget the application holds (top-level ones included)
    top_level: int
    dialogs: int
    models: int
    timers: int
    threads: int
    actions: int
    menus: int
    connections: int  # signal connections of the window's objects
    app_connections: int  # of the QApplication's own signals (focus, palette, font)
    stale_rows: int  # SentenceRow objects alive beyond the open article's (old copies)
    undo_steps: int
    redo_steps: int
    none_refs: int
    next_median_ms: float
    next_worst_ms: float
    step_median_ms: dict[str, float] = field(default_factory=dict)  # since the last sample


@dataclass
class Day:
    """The state of a scripted day."""

    window: Any
    app: Any
    tmp: Path
    main_path: Path
    other_path: Path
    big_id: int
    rng: random.Random
    imports: list[Path]
    exported: int = 0
    imported: int = 0
    workspace_trips: int = 0
    answers: dict[str, Any] = field(default_factory=dict)  # what the patched choosers return
    reactivated: int = 0  # times the window had to be made active again after a step
    boxes: int = 0  # message boxes the script did not expect (answered with their default)
    problems: list[str] = field(default_factory=list)
    step_times: dict[str, list[float]] = field(
        default_factory=lambda: collections.defaultdict(list)
    )


# -- the workspaces --------------------------------------------------------------------------


def prepare(tmp: Path, articles: int, seed: int) -> tuple[Path, Path, int]:
    """The day's workspace (many articles and a 10k one, none reviewed yet) and another
    of five articles to visit; returns their paths and the 10k article's id."""
    from factcheck_app.services.desk import Desk

    rng = random.Random(seed)
    main_path = tmp / "day.fcdesk"
    desk = Desk.open(main_path)
    for n in range(articles):
        text = news_article(sentences=rng.randint(50, 500), seed=seed + n)
        desk.importer.import_text(text, source_name=f"article-{n:03}.txt")
    big = desk.importer.import_text(
        news_article(sentences=BIG_SENTENCES, seed=10_000), source_name="big-10k.txt"
    )
    desk.close()
    other_path = tmp / "other.fcdesk"
    other = Desk.open(other_path)
    for n in range(5):
        other.importer.import_text(news_article(sentences=80, seed=900 + n), source_name=f"o{n}")
    other.close()
    return main_path, other_path, big.article_id


def import_files(tmp: Path, count: int) -> list[Path]:
    folder = tmp / "incoming"
    folder.mkdir()
    paths = []
    for n in range(count):
        path = folder / f"wire-{n:03}.txt"
        path.write_text(news_article(sentences=60, seed=5_000 + n), encoding="utf-8")
        paths.append(path)
    return paths


# -- dialogs the script answers ----------------------------------------------------------------


def shown(day: Day, dialog: Any) -> None:
    """A dialog comes up modal over the window, as its `exec` shows it."""
    from PySide6.QtCore import Qt

    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    day.app.processEvents()


@contextmanager
def patched_dialogs(day_ref: list[Day]) -> Iterator[None]:
    """The file choosers, the link and export dialogs and message boxes, answered by the
    script (a real reviewer's answers) instead of waiting for a person."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from factcheck_app.gui.dialogs.export import ExportDialog
    from factcheck_app.gui.dialogs.link_source import LinkSourceDialog

    answers = day_ref[0].answers

    def open_name(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        return answers.pop("open", ""), ""

    def open_names(*_args: Any, **_kwargs: Any) -> tuple[list[str], str]:
        return answers.pop("open_many", []), ""

    def save_name(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        return answers.pop("save", ""), ""

    def link(dialog: LinkSourceDialog) -> int:
        day = day_ref[0]
        shown(day, dialog)
        n = day.rng.randrange(40)  # a small pool: some sources are linked again
        if dialog.reuse_box.count() > 1 and day.rng.random() < 0.4:
            dialog.reuse_box.setCurrentIndex(day.rng.randrange(1, dialog.reuse_box.count()))
        else:
            dialog.url_edit.setText(f"https://example.org/report/{n}")
            dialog.title_edit.setText(f"Report {n} on {day.rng.choice(PLACES)}")
            dialog.publisher_edit.setText("Agency")
        dialog.stance_box.setCurrentIndex(dialog.stance_box.count() - 1)
        dialog.accept()
        day.app.processEvents()
        return int(dialog.result())

    def export(dialog: ExportDialog) -> int:
        day = day_ref[0]
        shown(day, dialog)
        dialog.set_format(day.rng.choice(["html", "md", "csv", "json"]))
        suffix = Path(dialog.path_edit.text()).suffix
        target = day.tmp / "exports" / f"report-{day.exported}{suffix}"
        target.parent.mkdir(exist_ok=True)
        answers["save"] = str(target)
        dialog.choose_path()  # through the patched chooser, as the Browse button does
        dialog.start_export()
        deadline = time.perf_counter() + 60
        while dialog.running and time.perf_counter() < deadline:
            day.app.processEvents()
        if target.exists():
            day.exported += 1
            target.unlink()
        else:
            day.problems.append(f"export {dialog.format_key} wrote nothing")
        dialog.accept()
        day.app.processEvents()
        return int(dialog.result())

    def box(message_box: QMessageBox) -> int:
        day_ref[0].boxes += 1
        if len(day_ref[0].problems) < 10:
            day_ref[0].problems.append(f"message box: {message_box.text()[:100]}")
        default = message_box.defaultButton()
        return int(message_box.standardButton(default).value) if default is not None else 0

    saved = {
        (QFileDialog, "getOpenFileName"): QFileDialog.getOpenFileName,
        (QFileDialog, "getOpenFileNames"): QFileDialog.getOpenFileNames,
        (QFileDialog, "getSaveFileName"): QFileDialog.getSaveFileName,
        (LinkSourceDialog, "exec"): LinkSourceDialog.exec,
        (ExportDialog, "exec"): ExportDialog.exec,
        (QMessageBox, "exec"): QMessageBox.exec,
    }
    QFileDialog.getOpenFileName = staticmethod(open_name)  # type: ignore[method-assign,assignment]
    QFileDialog.getOpenFileNames = staticmethod(open_names)  # type: ignore[method-assign,assignment]
    QFileDialog.getSaveFileName = staticmethod(save_name)  # type: ignore[method-assign,assignment]
    LinkSourceDialog.exec = link  # type: ignore[method-assign,assignment]
    ExportDialog.exec = export  # type: ignore[method-assign,assignment]
    QMessageBox.exec = box  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        for (owner, name), value in saved.items():
            setattr(owner, name, value)


# -- the steps ---------------------------------------------------------------------------------


def key(day: Day, target: Any, qt_key: Any, modifier: Any = None) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(target, qt_key, modifier or Qt.KeyboardModifier.NoModifier)
    day.app.processEvents()


def trigger(day: Day, action: Any) -> None:
    day.window.registry[action].trigger()
    day.app.processEvents()


def back_to_sentences(day: Day) -> None:
    from factcheck_app.gui.actions import ActionId

    trigger(day, ActionId.FOCUS_SENTENCES)
    day.window.sentence_view.setFocus()


def wait_until(day: Day, done: Callable[[], bool], what: str, timeout_s: float = 60) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > deadline:
            day.problems.append(f"timed out waiting for {what}")
            return
        day.app.processEvents()
        time.sleep(0.001)


def end_turn(day: Day) -> None:
    """What the event loop does when control returns to it between two of the reviewer's
    actions: objects given to `deleteLater` are deleted there (a bare `processEvents`
    at the top level never deletes them, and every closed dialog would seem to leak)."""
    from PySide6.QtCore import QEvent

    day.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    day.app.processEvents()
    # A dialog the script answered without showing it can leave no window active, where a
    # person's closed dialog gives the activation back: keys would then miss the shortcuts
    # (J typed into the list searches all 10,000 rows for "j"). Counted, then put right.
    if day.app.activeWindow() is not day.window or day.app.focusWidget() is None:
        day.reactivated += 1
        day.window.activateWindow()
        day.window.sentence_view.setFocus()
        day.app.processEvents()


def click_article(day: Day, article_id: int) -> None:
    """Choose an article in the list as a click does."""
    window = day.window
    row = window.article_model.row_of(article_id)
    window.article_list.setCurrentIndex(window.article_list.model().index(row, 0))
    day.app.processEvents()
    window.sentence_view.setFocus()


def run_step(day: Day, kind: str) -> None:
    """One step of the day, through the window's keys and actions."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from factcheck_app.gui.actions import ActionId

    window, rng, view = day.window, day.rng, day.window.sentence_view
    if kind == "move":
        for _ in range(rng.randint(1, 8)):
            key(day, view, rng.choice([Qt.Key.Key_J, Qt.Key.Key_Down, Qt.Key.Key_K, Qt.Key.Key_J]))
    elif kind == "tag":
        key(day, view, rng.choice([Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_F, Qt.Key.Key_X]))
    elif kind == "verdict":
        key(day, view, getattr(Qt.Key, f"Key_{rng.randint(1, 6)}"))
    elif kind == "next_unreviewed":
        key(day, view, Qt.Key.Key_N)
    elif kind in ("switch_click", "switch_big"):
        model = window.article_model
        if kind == "switch_big":
            article_id = day.big_id
        else:
            article_id = model.article_at(rng.randrange(model.rowCount())).id
        click_article(day, article_id)
    elif kind == "switch_keys":
        trigger(day, ActionId.FOCUS_ARTICLES)
        for _ in range(rng.randint(1, 3)):
            key(day, window.article_list, rng.choice([Qt.Key.Key_Down, Qt.Key.Key_Up]))
        back_to_sentences(day)
    elif kind == "claimant":
        edit = window.panel.claimant_edit
        if edit.isEnabled():
            edit.setFocus()
            edit.selectAll()
            QTest.keyClicks(edit, rng.choice(PEOPLE))
            key(day, edit, Qt.Key.Key_Return)
        back_to_sentences(day)
    elif kind == "explanation":
        if window.panel.explanation_edit.isEnabled():
            trigger(day, ActionId.FOCUS_EXPLANATION)
            QTest.keyClicks(
                window.panel.explanation_edit,
                f" Checked with {rng.choice(PEOPLE)} in {rng.choice(PLACES)}.",
            )
        back_to_sentences(day)
    elif kind == "link_source":
        trigger(day, ActionId.LINK_SOURCE)
        back_to_sentences(day)
    elif kind == "search":
        trigger(day, ActionId.SEARCH_WORKSPACE)
        query = window.search_panel.query_edit
        QTest.keyClicks(query, rng.choice((*PLACES, "ceasefire", "civilians", "figures")))
        key(day, query, Qt.Key.Key_Return)  # runs it, and shows the first match
        # The reviewer reads the results before clearing the box. Keys sent while the
        # search still ran in steps raced it: its results came in between Ctrl+A and
        # Backspace and went to the first match (the move can take the focus, and with
        # it the query's selection), so one letter was deleted and up to 200 results
        # stayed, counted as "old rows" (seed 2419 with 100 articles: 205 from step
        # 4,800, "levels off" failed).
        wait_until(day, lambda: not window.search_panel.searching(), "search results")
        for _ in range(rng.randint(0, 2)):
            trigger(day, ActionId.NEXT_RESULT)
        trigger(day, ActionId.SEARCH_WORKSPACE)
        key(day, query, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        key(day, query, Qt.Key.Key_Backspace)  # cleared: no results kept
        window.search_panel.run_search()
        window.search.close_search()
        if window.search_panel.query_edit.text():
            day.problems.append("the search box was not cleared")
        day.app.processEvents()
    elif kind == "undo":
        for _ in range(rng.randint(1, 3)):
            trigger(day, ActionId.UNDO)
    elif kind == "redo":
        trigger(day, ActionId.REDO)
    elif kind == "history":
        trigger(day, ActionId.FOCUS_HISTORY)
        back_to_sentences(day)
    elif kind == "show_box":
        box = window.filter_box
        box.setFocus()
        key(day, box, Qt.Key.Key_Down)
        key(day, box, Qt.Key.Key_Up)  # back to "All sentences"
        back_to_sentences(day)
    elif kind == "export":
        trigger(day, ActionId.EXPORT)
        day.app.processEvents()
        back_to_sentences(day)
    elif kind == "other_workspace":
        answers = day.answers
        answers["open"] = str(day.other_path)
        trigger(day, ActionId.OPEN_WORKSPACE)
        for _ in range(5):
            key(day, view, Qt.Key.Key_J)
        answers["open"] = str(day.main_path)
        trigger(day, ActionId.OPEN_WORKSPACE)
        if window.desk.path != day.main_path:
            day.problems.append("did not come back to the day's workspace")
        day.workspace_trips += 1
        back_to_sentences(day)
    elif kind == "pause":
        QTest.qWait(PAUSE_MS)
    elif kind == "import":
        if not day.imports:
            return
        answers = day.answers
        answers["open_many"] = [str(day.imports.pop())]
        trigger(day, ActionId.OPEN_ARTICLE)
        wait_until(day, lambda: not window.imports.running(), "an import")
        day.imported += 1
        back_to_sentences(day)
    else:
        raise ValueError(kind)


# -- what a sample counts ----------------------------------------------------------------------


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def malloc_trim() -> bool:
    """Have glibc give back the free memory it holds (False where there is no glibc)."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        return False
    return True


def malloc_in_use_mb() -> float:
    """Bytes malloc has handed out and not had back (glibc's mallinfo2), in MB: what is
    alive in the C heap (Qt, SQLite, Python's large objects), where RSS also counts freed
    memory the allocator keeps for later. -1 where glibc's mallinfo2 is missing."""
    try:
        libc = ctypes.CDLL(None)
        libc.mallinfo2.restype = _MallInfo2
    except (OSError, AttributeError):
        return -1.0
    info = libc.mallinfo2()
    return (info.uordblks + info.hblkhd) / 2**20


def connection_count(objects: list[Any]) -> int:
    """Receivers of every signal of `objects` (Qt's own count, per signal signature)."""
    from PySide6.QtCore import QMetaMethod

    total = 0
    for obj in objects:
        meta = obj.metaObject()
        for index in range(meta.methodCount()):
            method = meta.method(index)
            if method.methodType() == QMetaMethod.MethodType.Signal:
                total += obj.receivers("2" + bytes(method.methodSignature()).decode())
    return total


def type_counts() -> collections.Counter[str]:
    return collections.Counter(type(o).__qualname__ for o in gc.get_objects())


def next_burst(day: Day) -> list[float]:
    """Next-sentence keys on the 10k article, from the same row each time (ms each)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = day.window
    if window.article_id != day.big_id:
        click_article(day, day.big_id)
    window.select_sentence(window.sentence_model.sentence_row(BURST_ROW).sentence.id)
    day.app.processEvents()
    view, times = window.sentence_view, []
    for _ in range(BURST):
        start = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_J)
        day.app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    return times


def take_sample(day: Day, step: int, began: float) -> Sample:
    from PySide6.QtCore import SIGNAL, QAbstractItemModel, QObject, QThread, QTimer
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication, QDialog, QMenu

    window, app = day.window, day.app
    times = next_burst(day)
    app.processEvents()
    gc.collect()
    rss, _peak = resident_mb()
    children = window.findChildren(QObject)
    objects = gc.get_objects()
    row_type = type(window.sentence_model.rows()[0]) if window.sentence_model.rowCount() else None
    rows_alive = sum(1 for o in objects if type(o) is row_type)
    app_signals = (
        "focusChanged(QWidget*,QWidget*)",
        "paletteChanged(QPalette)",
        "fontChanged(QFont)",
        "focusObjectChanged(QObject*)",
        "aboutToQuit()",
    )
    medians = {
        kind: round(statistics.median(values), 2)
        for kind, values in sorted(day.step_times.items())
        if values
    }
    day.step_times.clear()
    return Sample(
        step=step,
        seconds=round(time.perf_counter() - began, 1),
        rss_mb=round(rss, 1),
        malloc_mb=round(malloc_in_use_mb(), 1),
        py_objects=len(objects),
        qobjects=len(children),
        widgets=len(QApplication.allWidgets()),
        top_level=len(QApplication.topLevelWidgets()),
        dialogs=len(window.findChildren(QDialog)),
        models=len(window.findChildren(QAbstractItemModel)),
        timers=len(window.findChildren(QTimer)),
        threads=len(window.findChildren(QThread)),
        actions=len(window.findChildren(QAction)),
        menus=len(window.findChildren(QMenu)),
        connections=connection_count([window, *children]),
        app_connections=sum(app.receivers(SIGNAL(s)) for s in app_signals),
        stale_rows=rows_alive - window.sentence_model.rowCount(),
        undo_steps=len(window.desk.edits.undo_steps),
        redo_steps=len(window.desk.edits.redo_steps),
        none_refs=none_references(),
        next_median_ms=round(statistics.median(times), 2),
        next_worst_ms=round(max(times), 2),
        step_median_ms=medians,
    )


# -- the day -----------------------------------------------------------------------------------


@dataclass
class Options:
    articles: int
    steps: int
    every: int
    seed: int


def run_day(options: Options, tmp: Path) -> tuple[Day, list[Sample], dict[str, Any]]:
    _isolate_settings(str(tmp / "settings"))
    from PySide6.QtCore import qInstallMessageHandler

    from factcheck_app.gui.app import make_application
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.desk import Desk

    def on_qt_message(_mode: Any, _context: Any, message: str) -> None:
        if "propagateSizeHints" not in message:  # the offscreen platform's constant note
            print(message, file=sys.stderr)

    print(f"Preparing {options.articles} articles and a {BIG_SENTENCES:,}-sentence one …")
    clock = time.perf_counter()
    main_path, other_path, big_id = prepare(tmp, options.articles, options.seed)
    prepared_s = time.perf_counter() - clock
    app = make_application()
    # A binding that drops references to None would abort a long day: say so, and finish.
    leak = void_call_leak()
    cushioned = cushion_immortals() if leak > 0 else False
    desk = Desk.open(main_path)
    window = MainWindow(desk)
    window.show()
    _wait_painted(app, [window.sentence_view.viewport(), window.article_view.viewport()])
    wait_until_loaded = time.perf_counter() + 30
    while window.current_sentence_id() is None and time.perf_counter() < wait_until_loaded:
        app.processEvents()
    window.activateWindow()
    window.sentence_view.setFocus()
    # Here, not before: the window's display probe puts Qt's own handler back.
    qInstallMessageHandler(on_qt_message)
    open_rss, _ = resident_mb()
    day = Day(
        window=window,
        app=app,
        tmp=tmp,
        main_path=main_path,
        other_path=other_path,
        big_id=big_id,
        rng=random.Random(options.seed),
        imports=import_files(tmp, max(4, options.steps // 400)),
    )
    kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
    samples: list[Sample] = []
    day_ref = [day]
    with patched_dialogs(day_ref):
        began = time.perf_counter()
        samples.append(take_sample(day, 0, began))  # the 10k article open, as at the end
        first_types = type_counts()
        print(header())
        print(row_text(samples[-1]), flush=True)
        for step in range(1, options.steps + 1):
            kind = day.rng.choices(kinds, weights)[0]
            start = time.perf_counter()
            run_step(day, kind)
            end_turn(day)
            day.step_times[kind].append((time.perf_counter() - start) * 1000)
            if step % options.every == 0 or step == options.steps:
                samples.append(take_sample(day, step, began))
                print(row_text(samples[-1]), flush=True)
        gc.collect()
        last_types = type_counts()
        day_s = time.perf_counter() - began
        # Memory the allocator holds free, given back: what is left is alive.
        rss_end, _ = resident_mb()
        trimmed = malloc_trim()
        rss_trimmed, _ = resident_mb()
        # The last save, then closing the window as a reviewer's quit does.
        from factcheck_app.gui.actions import ActionId

        back_to_sentences(day)
        trigger(day, ActionId.TAG_FACT)
        start = time.perf_counter()
        window.close()
        close_s = time.perf_counter() - start
    grown = last_types.copy()
    grown.subtract(first_types)
    extra = {
        "prepared_s": prepared_s,
        "day_s": day_s,
        "open_rss_mb": open_rss,
        "close_s": close_s,
        "void_call_leak": leak,
        "cushioned": cushioned,
        "grown_types": [(name, n) for name, n in grown.most_common(12) if n > 0],
        "articles_listed": window.article_model.rowCount(),
        "rss_end_mb": rss_end,
        "rss_trimmed_mb": rss_trimmed if trimmed else None,
    }
    return day, samples, extra


# -- the report --------------------------------------------------------------------------------

COLUMNS = (
    ("step", "step", "{:>6}"),
    ("s", "seconds", "{:>6.0f}"),
    ("RSS MB", "rss_mb", "{:>7.1f}"),
    ("malloc MB", "malloc_mb", "{:>9.1f}"),
    ("py objs", "py_objects", "{:>8}"),
    ("QObjs", "qobjects", "{:>6}"),
    ("widgets", "widgets", "{:>7}"),
    ("dlgs", "dialogs", "{:>4}"),
    ("models", "models", "{:>6}"),
    ("timers", "timers", "{:>6}"),
    ("conns", "connections", "{:>6}"),
    ("app conns", "app_connections", "{:>9}"),
    ("old rows", "stale_rows", "{:>8}"),
    ("undo", "undo_steps", "{:>5}"),
    ("next med", "next_median_ms", "{:>8.2f}"),
    ("next worst", "next_worst_ms", "{:>10.2f}"),
)


def header() -> str:
    return " | ".join(name for name, _, _ in COLUMNS)


def row_text(sample: Sample) -> str:
    return " | ".join(
        fmt.format(getattr(sample, attr)).strip().rjust(len(name)) for name, attr, fmt in COLUMNS
    )


def slope(samples: list[Sample], attr: str) -> float:
    """Growth per 1,000 steps over the second half of the day (after the warm-up)."""
    half = [s for s in samples if s.step >= samples[-1].step / 2]
    if len(half) < 2 or half[-1].step == half[0].step:
        return 0.0
    grown = getattr(half[-1], attr) - getattr(half[0], attr)
    return grown / (half[-1].step - half[0].step) * 1000


# How far the second half may rise above the first half's highest: the allocator keeps
# freed memory after a peak (an export of the 10k article) and SQLite's page cache fills
# in steps; search results and earlier verdicts hold a few rows of other articles.
# QObjects and connections: a status-bar animation or a toolbar button's one connection
# (gui/views.py trim_button_connections) comes and goes between samples.
TOLERANCE = {
    "rss_mb": 25.0,
    "malloc_mb": 5.0,
    "stale_rows": 100,
    "qobjects": 5,
    "connections": 5,
}
LEVEL_ATTRS = ("rss_mb", "malloc_mb", "qobjects", "widgets", "dialogs", "connections", "stale_rows")


def first_half_high(samples: list[Sample], attr: str) -> float:
    return max(getattr(s, attr) for s in samples if s.step <= samples[-1].step / 2)


def second_half_high(samples: list[Sample], attr: str) -> float:
    return max(getattr(s, attr) for s in samples if s.step > samples[-1].step / 2)


def render(
    options: Options, day: Day, samples: list[Sample], extra: dict[str, Any], load: str
) -> str:
    first, last = samples[0], samples[-1]
    lines = [
        f"## Long-session benchmark — {dt.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"Machine: {machine()}; {versions()}; platform `offscreen`; {source_state()}.",
        f"Workspace: {options.articles} articles of 50–500 sentences and one of "
        f"{BIG_SENTENCES:,} (prepared in {extra['prepared_s']:.0f} s); {options.steps:,} steps "
        f"in {extra['day_s']:.0f} s, a sample every {options.every}; seed {options.seed}.",
        f"Done: {day.exported} exports, {day.imported} imports, {day.workspace_trips} trips to "
        f"another workspace and back; {extra['articles_listed']} articles listed at the end.",
        "",
        "| " + " | ".join(name for name, _, _ in COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    for sample in samples:
        cells = [fmt.format(getattr(sample, attr)).strip() for _, attr, fmt in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    growth = []
    for name, attr, _ in COLUMNS[2:14]:
        growth.append(
            f"{name} {getattr(first, attr)} → {getattr(last, attr)} "
            f"({slope(samples, attr):+.1f} per 1,000 steps in the second half)"
        )
    lines.append("Growth, first → last sample: " + "; ".join(growth) + ".")
    lines.append(
        "Python types that grew most over the day: "
        + (", ".join(f"{name} +{n}" for name, n in extra["grown_types"]) or "none")
        + "."
    )
    step_medians = collections.defaultdict(list)
    for sample in samples[1:]:
        for kind, ms in sample.step_median_ms.items():
            step_medians[kind].append(ms)
    lines.append(
        "Median time of each kind of step, per interval (first → last): "
        + "; ".join(f"{k} {v[0]:.1f} → {v[-1]:.1f} ms" for k, v in sorted(step_medians.items()))
        + "."
    )
    if extra["rss_trimmed_mb"] is not None:
        lines.append(
            f"At the end of the day: RSS {extra['rss_end_mb']:.1f} MB, "
            f"{extra['rss_trimmed_mb']:.1f} MB once glibc gave back the free memory it held "
            f"(malloc_trim); on opening {extra['open_rss_mb']:.1f} MB."
        )
    lines.append(f"None references: {first.none_refs} → {last.none_refs}.")
    if day.reactivated:
        lines.append(
            f"The window was made active again after {day.reactivated} steps (see end_turn)."
        )
    if day.boxes:
        lines.append(f"{day.boxes} message boxes came up (answered with their default).")
    for problem in day.problems[:10]:
        lines.append(f"WARNING: {problem}")
    loadavg = Path("/proc/loadavg")
    raw_load = loadavg.read_text().strip() if loadavg.exists() else "?"
    lines.append(f"Load: {load} before, {load_average()} after; /proc/loadavg after: {raw_load}.")
    lines.append("")
    # The verdicts.
    worst_median = max(s.next_median_ms for s in samples)
    worst_key = max(s.next_worst_ms for s in samples)
    peak = max(s.rss_mb for s in samples)
    verdicts = [
        (
            f"Next sentence on the 10k article, every sample: median ≤ {KEY_MEDIAN_MS:g} ms, "
            f"worst ≤ {KEY_WORST_MS:g} ms",
            f"medians {first.next_median_ms:.2f} → {last.next_median_ms:.2f} ms (highest "
            f"{worst_median:.2f}); worst {worst_key:.2f} ms",
            worst_median <= KEY_MEDIAN_MS and worst_key <= KEY_WORST_MS,
        ),
        (
            f"Resident memory ≤ {MEMORY_MB:.0f} MB all day (10k article open at each sample)",
            f"{first.rss_mb:.0f} → {last.rss_mb:.0f} MB, highest {peak:.0f} MB",
            peak <= MEMORY_MB,
        ),
        (
            "Levels off: the day's second half stays under its first half's highest (within "
            f"{TOLERANCE['rss_mb']:g} MB of RSS, {TOLERANCE['malloc_mb']:g} MB of malloc, "
            f"{TOLERANCE['stale_rows']} old rows, 5 QObjects and connections; exactly for "
            "widgets and dialogs)",
            "; ".join(
                f"{attr} {first_half_high(samples, attr):g} → {second_half_high(samples, attr):g}"
                for attr in LEVEL_ATTRS
            ),
            all(
                second_half_high(samples, attr)
                <= first_half_high(samples, attr) + TOLERANCE.get(attr, 0)
                for attr in LEVEL_ATTRS
            ),
        ),
        (
            f"Quit: the last save → window closed ≤ {QUIT_S * 1000:.0f} ms (the process's exit "
            "is bench_review_loop's)",
            f"{extra['close_s'] * 1000:.0f} ms",
            extra["close_s"] <= QUIT_S,
        ),
    ]
    lines.append("| budget | result | status |")
    lines.append("|---|---|---|")
    for what, result, ok in verdicts:
        lines.append(f"| {what} | {result} | **{'PASS' if ok else 'FAIL'}** |")
    if extra["void_call_leak"] > 0:
        lines.append(
            f"WARNING: this PySide6 drops {extra['void_call_leak']:.2f} references to None per "
            "void call (see Findings 1); None was cushioned so the day could finish."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--long", action="store_true", help="a day's worth: 20,000 steps, 200 articles"
    )
    parser.add_argument("--steps", type=int, help="steps of the day (short run: 1,500)")
    parser.add_argument("--every", type=int, help="steps between samples (default: steps / 10)")
    parser.add_argument("--articles", type=int, help="articles besides the 10k one (short: 60)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="PATH",
        help="also write the samples as JSON (to PATH, or stdout)",
    )
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        print(f"(ignoring arguments meant for other benchmarks: {' '.join(unknown)})")
    steps = args.steps or (20_000 if args.long else 1_500)
    options = Options(
        articles=args.articles or (200 if args.long else 60),
        steps=steps,
        every=args.every or max(1, steps // 10),
        seed=args.seed,
    )
    load = load_average()
    with tempfile.TemporaryDirectory(prefix="fcdesk-soak-") as tmp_name:
        tmp = Path(tmp_name)
        # Set before the app reads them: nothing of the user's is read or written.
        os.environ["FACTCHECK_DATA_DIR"] = str(tmp / "data")
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
        os.environ.setdefault("FACTCHECK_REVIEWER", "bench")
        day, samples, extra = run_day(options, tmp)
        day.window.desk.close() if not day.window.desk.closed else None
    report = render(options, day, samples, extra, load)
    print()
    print(report)
    if args.json:
        write_json(
            args.json,
            {
                "benchmark": "long_session",
                "options": asdict(options),
                "samples": [asdict(s) for s in samples],
                "extra": extra,
                "problems": day.problems,
            },
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
