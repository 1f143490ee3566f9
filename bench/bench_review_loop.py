#!/usr/bin/env python3
"""Benchmark of the review loop against the budgets of docs/performance.md (budgets).

Generates a 10,000-sentence news-like article, imports it into a fresh temporary
workspace and measures, with the real main window offscreen:

1. baselines: Python start, `import PySide6.QtWidgets`, a bare QApplication + shown
   QMainWindow (fresh subprocesses, median of several runs);
2. start-up to the shown main window with the 10k workspace open (fresh subprocesses);
3. next/previous sentence, tag and verdict keys driven with QTest on the sentence list,
   each timed from the key press to its completion (SQLite commit and repaint included),
   in several places of the article, whose second half is already reviewed;
4. resident memory with the 10k article open;
5. import + segmentation of a 1 MB article through `desk.importer.import_file`.

It is a report, not a test: it exits 0 even when a budget is missed.
Run: `.venv/bin/python bench/bench_review_loop.py [--json [PATH]]` or `./dev.sh bench`.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import gc
import importlib.util
import inspect
import json
import math
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_output import write_json

# Before anything can import Qt: every window here is offscreen.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

TARGET_SENTENCES = 10_000
IMPORT_BYTES = 1_000_000
# Budgets of docs/performance.md (budgets).
KEY_MEDIAN_MS = 5.0
KEY_WORST_MS = 16.0
STARTUP_FACTOR = 2.0
MEMORY_MB = 250.0
IMPORT_S = 1.0
QUIT_S = 0.3
SEGMENT_MB_S = 5.0
# Reference figures quoted in docs/performance.md (budgets) (for comparison only).
DESIGN_IMPORT_QT_S = 0.11
DESIGN_BARE_WINDOW_S = 0.12


# -- a news-like article --------------------------------------------------------------------

# fmt: off
PLACES = (
    "Ganja", "Stepanakert", "Baku", "Yerevan", "Ankara", "Tbilisi", "Moscow", "Brussels",
    "Geneva", "Tartar", "Barda", "Shusha", "Goris", "Agdam", "Fuzuli", "Lachin",
)
SOURCES = (
    "the Foreign Ministry", "the Defence Ministry", "a government spokeswoman",
    "the president's office", "the ombudsman", "local officials", "the prosecutor's office",
    "a senior military source", "the Red Cross", "human rights monitors", "the mayor",
    "the emergency services", "the health ministry", "an opposition lawmaker",
)
PEOPLE = (
    "Anna Petrosyan", "Elchin Mammadov", "Leyla Aliyeva", "Mark Jensen", "Sofia Ruiz",
    "Hakan Demir", "Nino Beridze", "Pierre Lambert", "Olga Smirnova", "Tigran Sargsyan",
)
# fmt: on
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("September", "October", "November", "December")
QUOTES = (
    "The situation remains extremely tense",
    "We will not accept any ceasefire that ignores the facts on the ground",
    "Civilians are paying the highest price for this war",
    "These allegations are completely unfounded",
    "Our forces only responded to attacks on their positions",
    "Humanitarian corridors must be opened without delay",
)
TEMPLATES = (
    "{Source} said {n} civilians had been killed and {m} wounded in {place} on {day}.",
    "{place} has dismissed the allegations that it opened fire from its territory.",
    "“{quote},” {person} told reporters in {place} on {day}.",
    "{place}, a city of roughly {k},000 people, saw a string of rocket strikes earlier on {day}.",
    "The ceasefire agreed in {place} on {month} {d} has been violated {n} times, "
    "according to {source}.",
    "Damage was reported to {n} residential buildings, two schools and a hospital in {place}.",
    "According to figures published by {source}, about {pct} percent of the displaced "
    "have returned to {place}.",
    "{person}, who heads the monitoring mission, said the figures could not be "
    "independently verified.",
    "Prices of bread and fuel in {place} rose by {pct}% in the past week, {source} said.",
    "Is this a violation of the Geneva Conventions, as {source} claims?",
    "In a separate twist, {source} accused the other side of shelling {place} overnight.",
    "The talks in {place} ended on {day} without a joint statement!",
    "{person} insisted that the {n} soldiers captured near {place} were treated "
    "in line with international law.",
)


def news_sentences(rng: random.Random) -> Callable[[], str]:
    """A generator of plausible wire-copy sentences (no abbreviations the splitter doubts)."""

    def sentence() -> str:
        source = rng.choice(SOURCES)
        return rng.choice(TEMPLATES).format(
            Source=source[0].upper() + source[1:],
            source=source,
            place=rng.choice(PLACES),
            person=rng.choice(PEOPLE),
            quote=rng.choice(QUOTES),
            day=rng.choice(DAYS),
            month=rng.choice(MONTHS),
            d=rng.randint(1, 28),
            n=rng.randint(2, 900),
            m=rng.randint(2, 90),
            k=rng.randint(20, 900),
            pct=rng.randint(3, 95),
        )

    return sentence


def news_article(*, sentences: int | None = None, min_bytes: int | None = None, seed: int) -> str:
    """A dated article of `sentences` sentences, or of at least `min_bytes` UTF-8 bytes."""
    rng = random.Random(seed)
    make = news_sentences(rng)
    paragraphs: list[str] = []
    count = size = 0
    while (sentences is not None and count < sentences) or (
        min_bytes is not None and size < min_bytes
    ):
        take = rng.randint(2, 6)
        if sentences is not None:
            take = min(take, sentences - count)
        paragraph = " ".join(make() for _ in range(take))
        paragraphs.append(paragraph)
        count += take
        size += len(paragraph.encode()) + 2
    return "date 2020-10-04\n" + "\n\n".join(paragraphs) + "\n"


# -- statistics -----------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


@dataclass
class Row:
    measure: str
    result: str
    budget: str
    status: str  # PASS, FAIL or info
    data: dict[str, Any] = field(default_factory=dict)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def resident_mb() -> tuple[float, float]:
    """(current, peak) resident set size in MB, from /proc (psutil as a fallback)."""
    try:
        fields = dict(
            line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
        )
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        import psutil

        rss = psutil.Process().memory_info().rss / 2**20
        return rss, rss


# Imported only when needed since issue 15: the start-up child says which were loaded at
# the first paint.
HEAVY_MODULES = (
    "sqlite_utils",
    "numpy",
    "factcheck_app.cli",
    "factcheck_app.services.desk",
    "factcheck_app.domain.assist",
    "factcheck_app.domain.langid",
    "factcheck_app.services.reports.formats",
)

# -- subprocess drivers ---------------------------------------------------------------------
# A child runs `python -c SOURCE KIND [WORKSPACE]`, SOURCE being the functions below: a lean
# start (this whole script would cost ~30 ms more to compile and import in every child).


def _isolate_settings(settings_dir: str) -> None:
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)


def _wait_painted(app: Any, widgets: Sequence[Any], timeout_s: float = 10.0) -> bool:
    """Run the event loop until every widget has received a paint event."""
    from PySide6.QtCore import QEvent, QObject

    pending = set(map(id, widgets))

    class PaintWatcher(QObject):
        def eventFilter(self, watched: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint:
                pending.discard(id(watched))
            return False

    watcher = PaintWatcher()
    for widget in widgets:
        widget.installEventFilter(watcher)
    deadline = time.perf_counter() + timeout_s
    while pending and time.perf_counter() < deadline:
        app.processEvents()
    for widget in widgets:
        widget.removeEventFilter(watcher)
    return not pending


def child_main(kind: str, workspace: str | None) -> int:
    """One cold start; prints a JSON line of what it measured (times since its launch).

    The app child then saves once, closes its window and leaves as the app does (os._exit
    after the window closed), printing a second line when the window has closed; the parent
    times the process's exit."""
    launched = float(os.environ["BENCH_LAUNCHED"])  # parent's time.time() before spawning
    for name in filter(None, os.environ.get("BENCH_HIDE_MODULES", "").split(",")):
        sys.modules[name] = None  # type: ignore[assignment]  # as if not installed
    result: dict[str, Any] = {"kind": kind}
    if kind == "pass":
        result["shown_s"] = time.time() - launched
    elif kind == "import":
        start = time.perf_counter()
        import PySide6.QtWidgets  # noqa: F401

        result["import_s"] = time.perf_counter() - start
    elif kind == "bare":
        _isolate_settings(os.environ["BENCH_SETTINGS"])
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1280, 800)
        window.show()
        result["painted"] = _wait_painted(app, [window])
        result["shown_s"] = time.time() - launched
        result["cpu_shown_s"] = time.process_time()  # the process's CPU time so far
        window.close()
        app.quit()
    elif kind == "app":
        assert workspace is not None
        window, leave = _child_app(Path(workspace), result)
        result["shown_s"] = result.pop("shown_at") - launched
        result["usable_s"] = result.pop("usable_at") - launched
        # Quit right after the last save, as a reviewer closing the window does.
        from factcheck_app.gui.actions import ActionId

        window.registry[ActionId.TAG_FACT].trigger()  # committed when trigger() returns
        result["saved_tag"] = window.desk.reviews.review(window.current_sentence_id()).tag
        result["close_at"] = time.time()
        print(json.dumps(result), flush=True)
        window.close()
        print(json.dumps({"closed_at": time.time()}), flush=True)
        leave(0)
    print(json.dumps(result), flush=True)
    return 0


def _child_app(workspace: Path, result: dict[str, Any]) -> tuple[Any, Any]:
    """The start-up path of `factcheck_app.gui.app.run_gui`, up to the painted window and
    on to the usable one; returns the window and `leave` (how the app's process ends)."""
    phases: dict[str, float] = {}
    last = time.perf_counter()

    def mark(phase: str) -> None:
        nonlocal last
        now = time.perf_counter()
        phases[phase] = now - last
        last = now

    import factcheck_app.__main__ as entry

    if hasattr(entry, "build_gui_parser"):  # the window paints first (issue 15)
        return _child_app_painted_first(workspace, result, phases, mark)
    from factcheck_app import cli  # what `python -m factcheck_app` imports first

    cli.build_gui_parser().parse_args(["--workspace", str(workspace)])
    from factcheck_app.gui.app import display_problem

    assert display_problem() is None
    mark("import factcheck_app.cli (services, storage, sqlite-utils)")
    _isolate_settings(os.environ["BENCH_SETTINGS"])
    sys.setswitchinterval(0.001)  # as run_gui does
    from PySide6.QtWidgets import QApplication

    mark("import PySide6.QtWidgets")
    from factcheck_app import __version__, config
    from factcheck_app.gui import settings
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.desk import Desk

    mark("import factcheck_app.gui.main_window")
    app = QApplication(sys.argv[:1])
    app.setApplicationName(config.APP_ID)
    app.setApplicationDisplayName(config.APP_NAME)
    app.setOrganizationName(config.ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(config.APP_ID)
    mark("QApplication()")
    desk = Desk.open(workspace)
    settings.remember_workspace(workspace)
    mark("Desk.open + remember_workspace")
    window = MainWindow(desk)
    mark("MainWindow(desk) (opens the 10k article)")
    window.show()
    painted = _wait_painted(app, [window.sentence_view.viewport(), window.article_view.viewport()])
    shown_at = time.time()
    result["loaded_at_paint"] = [m for m in HEAVY_MODULES if m in sys.modules]
    result["cpu_shown_s"] = time.process_time()  # the process's CPU time so far
    mark("show → first paint")
    if window.current_sentence_id() is None:  # the article loads on a later turn
        while window.current_sentence_id() is None:
            app.processEvents()
        mark("→ first article loaded")
    _wait_painted(app, [window.sentence_view.viewport()])
    usable_at = time.time()
    mark("→ loaded window painted")
    from factcheck_app.gui.app import leave

    _child_app_result(window, result, phases, shown_at, usable_at, painted)
    return window, leave


def _child_app_painted_first(
    workspace: Path, result: dict[str, Any], phases: dict[str, float], mark: Any
) -> tuple[Any, Any]:
    """`run_gui` since the window paints before the workspace opens: its own steps."""
    from factcheck_app.__main__ import build_gui_parser

    build_gui_parser().parse_args(["--workspace", str(workspace)])
    from factcheck_app.gui.app import (
        display_problem,
        leave,
        make_application,
        open_workspace,
        show_opening_window,
    )

    assert display_problem() is None
    mark("import the entry point and gui.app")
    _isolate_settings(os.environ["BENCH_SETTINGS"])
    app = make_application()
    mark("import PySide6.QtWidgets, QApplication()")
    from factcheck_app.gui import file_open
    from factcheck_app.gui.crash import install_exception_hooks
    from factcheck_app.gui.main_window import MainWindow  # noqa: F401

    mark("import the window's modules")
    if hasattr(file_open, "watch_file_open_events"):  # macOS only, since issue 15
        file_open.watch_file_open_events(app)
    else:
        app.installEventFilter(file_open.FileOpenFilter(app))
    install_exception_hooks()
    window = show_opening_window(workspace)
    shown_at = time.time()
    result["loaded_at_paint"] = [m for m in HEAVY_MODULES if m in sys.modules]
    result["cpu_shown_s"] = time.process_time()  # the process's CPU time so far
    mark("MainWindow(None), show → first paint")
    # Whether the paint it waits for was seen, not merely the time limit's end (a watch on
    # a widget that never paints made every start idle half a second, unreported here).
    painted = getattr(window, "first_paint_seen", window.isVisible())  # older checkouts
    open_workspace(window, workspace, seed=False)
    mark("open the workspace (imports services, storage, sqlite-utils) and the 10k article")
    _wait_painted(app, [window.sentence_view.viewport(), window.article_view.viewport()])
    usable_at = time.time()
    mark("→ loaded window painted")
    _child_app_result(window, result, phases, shown_at, usable_at, painted)
    return window, leave


def _child_app_result(
    window: Any,
    result: dict[str, Any],
    phases: dict[str, float],
    shown_at: float,
    usable_at: float,
    painted: bool,
) -> None:
    rss, hwm = resident_mb()
    result.update(
        {
            "cpu_usable_s": time.process_time(),
            "shown_at": shown_at,
            "usable_at": usable_at,
            "painted": painted,
            "rows": window.sentence_model.rowCount(),
            "current_sentence": window.current_sentence_id(),
            "rss_mb": rss,
            "hwm_mb": hwm,
            "phases": phases,
        }
    )


def child_source() -> str:
    """The program a start-up child runs: only what it needs, so it starts like the app."""
    parts = [inspect.getsource(f) for f in (resident_mb, _isolate_settings, _wait_painted)]
    parts += [
        inspect.getsource(f)
        for f in (_child_app, _child_app_painted_first, _child_app_result, child_main)
    ]
    return "\n".join(
        [
            "from __future__ import annotations",
            "import json, os, sys, time",
            "from pathlib import Path",
            "from typing import Any",
            f"HEAVY_MODULES = {HEAVY_MODULES!r}",
            *parts,
            "sys.exit(child_main(sys.argv[1], (sys.argv[2:] or [None])[0]))",
        ]
    )


def spawn(
    kind: str, env: dict[str, str], workspace: Path | None = None, hide: str = ""
) -> dict[str, Any]:
    """Run one child; adds its whole wall time (launch to exit) as `wall_s`."""
    cmd = [sys.executable, "-c", child_source(), kind]
    if workspace is not None:
        cmd.append(str(workspace))
    env = {**env, "BENCH_HIDE_MODULES": hide, "BENCH_LAUNCHED": repr(time.time())}
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    exited_at = time.time()  # the child's exit, as this process saw it
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"child {kind} failed ({done.returncode}):\n{done.stderr}")
    result: dict[str, Any] = {}
    for line in done.stdout.strip().splitlines():
        if line.startswith("{"):
            result.update(json.loads(line))
    result["wall_s"] = wall
    if "close_at" in result:  # quit: from the last save (and the close) to the exit
        result["quit_s"] = exited_at - result["close_at"]
        result["close_s"] = result["closed_at"] - result["close_at"]
    return result


# -- the benchmark --------------------------------------------------------------------------


@dataclass
class Context:
    tmp: Path
    env: dict[str, str]
    workspace: Path
    article_id: int
    sentence_count: int
    article_bytes: int
    runs: int
    ops: int
    seeded_rated: set[int] = field(default_factory=set)
    load: str = ""
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def seed_reviews(desk: Any, article_id: int) -> tuple[set[int], int]:
    """Review the second half of the article as a reviewer deep into it would have done.

    Returns the ids of the sentences given a verdict, and the number of claims. Work on a
    half-reviewed article is the realistic case; costs that grow with the number of claims
    only show there.
    """
    from factcheck_app.domain.models import DEFAULT_SCALE, Review, Status, Tag

    rng = random.Random(2020)
    ratings = [rating.key for rating in DEFAULT_SCALE]
    rows = desk.reviews.sentence_rows(article_id)
    claims: list[int] = []
    rated: set[int] = set()
    with desk.repo.db.atomic():
        for row in rows[len(rows) // 2 :]:
            sentence_id = row.sentence.id
            tag = rng.choices([Tag.CLAIM, Tag.DENIAL, Tag.FACT, None], [35, 10, 20, 35])[0]
            rating = (
                rng.choice(ratings) if tag in (Tag.CLAIM, Tag.FACT) and rng.random() < 0.7 else None
            )
            status = Status.IN_PROGRESS if tag and rating is None else Status.DONE
            denies = rng.choice(claims) if tag is Tag.DENIAL and claims else None
            review = Review(
                sentence_id,
                tag=tag,
                verdict=rating,
                claimant=rng.choice(PEOPLE) if tag in (Tag.CLAIM, Tag.DENIAL) else "",
                explanation="Checked against the ministry's figures." if rating else "",
                status=status,
                denies_sentence_id=denies,
                reviewer="bench",
                updated_at="2020-10-05T12:00:00+00:00",
            )
            desk.repo.reviews.save_review(review)
            if tag is Tag.CLAIM:
                claims.append(sentence_id)
            if rating:
                rated.add(sentence_id)
    return rated, len(claims)


def prepare(tmp: Path, runs: int, ops: int) -> Context:
    from factcheck_app.services.desk import Desk

    text = news_article(sentences=TARGET_SENTENCES, seed=10_000)
    workspace = tmp / "bench-10k.fcdesk"
    desk = Desk.open(workspace)
    start = time.perf_counter()
    imported = desk.importer.import_text(text, source_name="bench-10k.txt")
    took = time.perf_counter() - start
    seeded_rated, claims = seed_reviews(desk, imported.article_id)
    reviewed, total = desk.articles.progress(imported.article_id)
    desk.close()
    env = {
        **os.environ,
        "BENCH_SETTINGS": str(tmp / "settings"),
        "FACTCHECK_DATA_DIR": str(tmp / "data"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        # Installed apps run from compiled bytecode: let the warm-up run write it (to a
        # temporary cache, never into the source tree) even where PYTHONDONTWRITEBYTECODE
        # is set, so every measured run starts from .pyc files, bare window and app alike.
        "PYTHONPYCACHEPREFIX": str(tmp / "pycache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    ctx = Context(
        tmp=tmp,
        env=env,
        workspace=workspace,
        article_id=imported.article_id,
        sentence_count=imported.sentence_count,
        article_bytes=len(text.encode()),
        runs=runs,
        ops=ops,
        seeded_rated=seeded_rated,
        load=load_average(),
    )
    ctx.notes.append(
        f"Generated article: {imported.sentence_count:,} sentences, "
        f"{ctx.article_bytes / 1e6:.2f} MB (imported in {took:.2f} s); its second half "
        f"pre-reviewed ({reviewed:,} of {total:,} done, {len(seeded_rated):,} verdicts, "
        f"{claims:,} claims) as if the reviewer were half-way through."
    )
    return ctx


def bench_startup(ctx: Context) -> None:
    """Baselines, start-up and memory in fresh processes, interleaved to spread the noise."""
    # numpy comes with the `bench` extra (blingfire needs it) and sqlite-utils imports it
    # whenever it is installed: "app-no-numpy" starts as an install without it would.
    with_numpy = importlib.util.find_spec("numpy") is not None
    kinds = ("pass", "import", "bare", "app") + (("app-no-numpy",) if with_numpy else ())
    samples: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for run in range(ctx.runs + 1):  # run 0 warms the page cache and is dropped
        for kind in kinds:
            if kind.startswith("app"):
                result = spawn("app", ctx.env, ctx.workspace, "numpy" if "no-numpy" in kind else "")
            else:
                result = spawn(kind, ctx.env)
            if run:
                samples[kind].append(result)

    def med(kind: str, key: str) -> float:
        return float(statistics.median(s[key] for s in samples[kind]))

    n = f"median of {ctx.runs}"
    python_wall = med("pass", "wall_s")
    ctx.rows.append(
        Row(
            "Python start (child doing nothing: launch → exit)",
            f"{python_wall * 1000:.0f} ms ({n})",
            "—",
            "info",
            {"wall_s": python_wall},
        )
    )
    import_s = med("import", "import_s")
    ctx.rows.append(
        Row(
            "`import PySide6.QtWidgets` (in a fresh process)",
            f"{import_s * 1000:.0f} ms ({n})",
            f"≈ {DESIGN_IMPORT_QT_S * 1000:.0f} ms in §9",
            "info",
            {"import_s": import_s},
        )
    )
    bare_shown, bare_wall = med("bare", "shown_s"), med("bare", "wall_s")

    def best(kind: str, key: str) -> float:
        return float(min(s[key] for s in samples[kind]))

    def cpu_text(kind: str, key: str) -> str:
        return (
            f"; on-CPU median {med(kind, key) * 1000:.0f} ms, best {best(kind, key) * 1000:.0f} ms"
        )

    app_shown, app_wall = med("app", "shown_s"), med("app", "wall_s")
    ctx.rows.append(
        Row(
            "Bare QApplication + shown QMainWindow: launch → painted",
            f"{bare_shown * 1000:.0f} ms ({n}; best {best('bare', 'shown_s') * 1000:.0f} ms"
            + cpu_text("bare", "cpu_shown_s")
            + ")",
            "baseline",
            "info",
            {"shown_s": bare_shown, "all": [s["shown_s"] for s in samples["bare"]]},
        )
    )
    ctx.rows.append(
        Row(
            "Bare window: whole process (launch → quit → exit)",
            f"{bare_wall * 1000:.0f} ms ({n})",
            f"≈ {DESIGN_BARE_WINDOW_S * 1000:.0f} ms in §9",
            "info",
            {"wall_s": bare_wall, "all": [s["wall_s"] for s in samples["bare"]]},
        )
    )
    ctx.rows.append(
        Row(
            "Start-up: launch → main window painted (the 10k workspace open, or saying it opens)",
            f"{app_shown * 1000:.0f} ms ({n}; {app_shown / bare_shown:.2f}× bare; best "
            f"{best('app', 'shown_s') * 1000:.0f} ms"
            + cpu_text("app", "cpu_shown_s")
            + f", {med('app', 'cpu_shown_s') / med('bare', 'cpu_shown_s'):.2f}× bare's)",
            f"≤ {STARTUP_FACTOR:g}× bare = {STARTUP_FACTOR * bare_shown * 1000:.0f} ms",
            verdict(app_shown <= STARTUP_FACTOR * bare_shown),
            {"shown_s": app_shown, "all": [s["shown_s"] for s in samples["app"]]},
        )
    )
    usable = med("app", "usable_s")
    ctx.rows.append(
        Row(
            "Start-up: launch → usable (the 10k article listed, loaded, its current sentence "
            "shown, painted; keys answered from here)",
            f"{usable * 1000:.0f} ms ({n}; {usable / bare_shown:.2f}× bare; best "
            f"{best('app', 'usable_s') * 1000:.0f} ms" + cpu_text("app", "cpu_usable_s") + ")",
            "—",
            "info",
            {"usable_s": usable, "all": [s["usable_s"] for s in samples["app"]]},
        )
    )
    quit_s, close_s = med("app", "quit_s"), med("app", "close_s")
    worst_quit = max(s["quit_s"] for s in samples["app"])
    ctx.rows.append(
        Row(
            "Quit: last save (a tag key) → window closed → process exit",
            f"{quit_s * 1000:.0f} ms ({n}; worst {worst_quit * 1000:.0f} ms; of it the "
            f"window's close {close_s * 1000:.0f} ms)",
            f"≤ {QUIT_S * 1000:.0f} ms",
            verdict(quit_s <= QUIT_S),
            {
                "quit_s": quit_s,
                "close_s": close_s,
                "all": [s["quit_s"] for s in samples["app"]],
                "close_all": [s["close_s"] for s in samples["app"]],
            },
        )
    )
    ctx.rows.append(
        Row(
            "App: whole process (launch → usable → a save → close → exit)",
            f"{app_wall * 1000:.0f} ms ({n}; {app_wall / bare_wall:.2f}× the bare window's)",
            "—",
            "info",
            {"wall_s": app_wall, "all": [s["wall_s"] for s in samples["app"]]},
        )
    )
    if with_numpy:
        lean = med("app-no-numpy", "shown_s")
        ctx.rows.append(
            Row(
                "Start-up as above, numpy not installed (it is only in the `bench` extra)",
                f"{lean * 1000:.0f} ms ({n}; {lean / bare_shown:.2f}× bare)",
                f"≤ {STARTUP_FACTOR * bare_shown * 1000:.0f} ms",
                verdict(lean <= STARTUP_FACTOR * bare_shown),
                {"shown_s": lean, "all": [s["shown_s"] for s in samples["app-no-numpy"]]},
            )
        )
    rss = statistics.median(s["rss_mb"] for s in samples["app"])
    hwm = max(s["hwm_mb"] for s in samples["app"])
    ctx.rows.append(
        Row(
            "Resident memory, fresh process, 10k article open",
            f"{rss:.0f} MB (peak {hwm:.0f} MB)",
            f"≤ {MEMORY_MB:.0f} MB",
            verdict(max(rss, hwm) <= MEMORY_MB),
            {"rss_mb": rss, "hwm_mb": hwm},
        )
    )
    loaded = sorted({m for s in samples["app"] for m in s.get("loaded_at_paint", [])})
    ctx.notes.append(
        "Modules loaded at the first paint (of "
        + ", ".join(HEAVY_MODULES)
        + "): "
        + (", ".join(loaded) or "none")
        + "."
    )
    phases = samples["app"][0]["phases"]
    ctx.notes.append(
        "Start-up of the app, median per phase after Python start: "
        + "; ".join(
            f"{phase} {statistics.median(s['phases'][phase] for s in samples['app']) * 1000:.0f} ms"
            for phase in phases
        )
        + "."
    )
    for sample in samples["app"] + samples["bare"]:
        if not sample.get("painted", True):
            ctx.notes.append(f"A {sample['kind']} child timed out waiting for its first paint.")
    bad = [s for s in samples["app"] if s["rows"] != ctx.sentence_count]
    if bad or any(s["current_sentence"] is None for s in samples["app"]):
        ctx.notes.append("WARNING: a start-up child did not show the 10k article.")


def bench_import(ctx: Context) -> None:
    """Importing a 1 MB article into a fresh workspace, plus segmentation alone."""
    from factcheck_app.domain.segmentation import split_sentences
    from factcheck_app.services.desk import Desk

    text = news_article(min_bytes=IMPORT_BYTES, seed=1)
    path = ctx.tmp / "article-1mb.txt"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    times: list[float] = []
    sentences = 0
    for run in range(ctx.runs):
        desk = Desk.open(ctx.tmp / f"import-{run}.fcdesk")
        start = time.perf_counter()
        result = desk.importer.import_file(path)
        times.append(time.perf_counter() - start)
        sentences = result.sentence_count
        desk.close()
    median, worst = statistics.median(times), max(times)
    ctx.rows.append(
        Row(
            f"Import + segment a {size / 1e6:.2f} MB article (`desk.importer.import_file`, "
            f"{sentences:,} sentences)",
            f"{median * 1000:.0f} ms median, {worst * 1000:.0f} ms worst ({ctx.runs} runs)",
            f"≤ {IMPORT_S * 1000:.0f} ms",
            verdict(worst <= IMPORT_S),
            {"median_s": median, "worst_s": worst, "bytes": size, "sentences": sentences},
        )
    )
    seg_times = []
    for _ in range(ctx.runs):
        start = time.perf_counter()
        split_sentences(text)
        seg_times.append(time.perf_counter() - start)
    rate = len(text.encode()) / 1e6 / statistics.median(seg_times)
    ctx.rows.append(
        Row(
            "Segmentation alone (`split_sentences`, same article)",
            f"{rate:.1f} MB/s",
            f"≥ {SEGMENT_MB_S:g} MB/s",
            verdict(rate >= SEGMENT_MB_S),
            {"mb_per_s": rate},
        )
    )


def cushion_immortals() -> bool:
    """Keep None, True and False alive on CPython < 3.12; True when that was needed.

    PySide6 6.12.0 drops one reference to None on every call of a C++ method returning
    void (to True/False for bool), which is harmless only where they are immortal (3.12+).
    On 3.11 a few thousand calls free None and the interpreter aborts ("deallocating
    None"). Adding to their reference counts lets the benchmark finish; the loss itself is
    measured and reported as a stability failure.
    """
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40  # ob_refcnt comes first
    return True


def none_references() -> int:
    gc.collect()
    return sys.getrefcount(None)


def void_call_leak() -> float:
    """References to None lost per call of a void Qt method (0 on a healthy binding)."""
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    before = none_references()
    for _ in range(1000):
        widget.setEnabled(True)
    return (before - none_references()) / 1000


@dataclass(frozen=True)
class Press:
    """One timed key press."""

    wall_ms: float  # key press to the end of processEvents: what the reviewer waits
    cpu_ms: float  # of that, time the GUI thread ran (the rest: waiting, or pre-empted)
    gc_ms: float  # time in the cyclic garbage collector
    full_gc: bool  # a full (oldest generation) collection ran
    on_denial: bool  # the press ended on a denial sentence


def _summarise_keys(ctx: Context, label: str, presses: list[Press], budgeted: bool) -> None:
    times = [p.wall_ms for p in presses]
    median, p95, worst = statistics.median(times), percentile(times, 95), max(times)
    worst_cpu = max(p.cpu_ms for p in presses)
    median_cpu = statistics.median(p.cpu_ms for p in presses)
    over = sum(t > KEY_WORST_MS for t in times)
    full = [p.gc_ms for p in presses if p.full_gc]
    gc_text = f"; {len(full)} full GC pauses, longest {max(full):.0f} ms" if full else ""
    status = "info"
    if budgeted:
        status = verdict(median <= KEY_MEDIAN_MS and worst <= KEY_WORST_MS)
    ctx.rows.append(
        Row(
            f"{label} ({len(times)} key presses)",
            f"median {median:.2f} ms, p95 {p95:.2f} ms, worst {worst:.2f} ms "
            f"({over} over {KEY_WORST_MS:g} ms; on-CPU median {median_cpu:.2f} ms, "
            f"worst {worst_cpu:.2f} ms{gc_text})",
            f"median ≤ {KEY_MEDIAN_MS:g} ms, worst ≤ {KEY_WORST_MS:g} ms" if budgeted else "—",
            status,
            {
                "median_ms": median,
                "p95_ms": p95,
                "worst_ms": worst,
                "over_budget": over,
                "worst_cpu_ms": worst_cpu,
                "median_cpu_ms": median_cpu,
                "full_gc_ms": full,
                "n": len(times),
                "all_ms": [round(t, 3) for t in times],
            },
        )
    )


def bench_keys(ctx: Context, profile: Path | None) -> None:
    """Drive the real window with key presses the way a reviewer does; time each one."""
    _isolate_settings(str(ctx.tmp / "settings"))
    from PySide6.QtCore import Qt, qInstallMessageHandler
    from PySide6.QtTest import QTest

    from factcheck_app.domain.models import DEFAULT_SCALE, Tag
    from factcheck_app.gui.app import make_application
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.desk import Desk

    cushioned = cushion_immortals()
    size_hint_warnings = [0]

    def on_qt_message(_mode: Any, _context: Any, message: str) -> None:
        # The offscreen platform warns each time the window's size constraints change.
        if "propagateSizeHints" in message:
            size_hint_warnings[0] += 1
        else:
            print(message, file=sys.stderr)

    qInstallMessageHandler(on_qt_message)
    app = (
        make_application()
    )  # as run_gui makes it (the interpreter's switch interval, Qt's paint threads)
    desk = Desk.open(ctx.workspace)
    window = MainWindow(desk)
    window.show()
    _wait_painted(app, [window.sentence_view.viewport(), window.article_view.viewport()])
    window.open_article(ctx.article_id)
    window.activateWindow()
    view = window.sentence_view
    view.setFocus()
    app.processEvents()
    if app.focusWidget() is not view:
        ctx.notes.append("WARNING: the sentence list did not get the keyboard focus.")
    rows = window.sentence_model.rowCount()
    open_rss, _ = resident_mb()

    problems: list[str] = []
    # Time spent in the cyclic garbage collector, to tell its pauses from the app's work.
    collecting = {"since": 0.0, "spent": 0.0, "full": 0}

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collecting["since"] = time.perf_counter()
        else:
            collecting["spent"] += time.perf_counter() - collecting["since"]
            collecting["full"] += info["generation"] == 2

    gc.callbacks.append(on_gc)

    def press(key: Qt.Key) -> Press:
        collecting["spent"], collecting["full"] = 0.0, 0
        cpu, start = time.thread_time(), time.perf_counter()
        QTest.keyClick(view, key)
        app.processEvents()
        wall, cpu = time.perf_counter() - start, time.thread_time() - cpu
        row = window.current_row()
        return Press(
            wall * 1000,
            cpu * 1000,
            collecting["spent"] * 1000,
            bool(collecting["full"]),
            row is not None and row.review.tag is Tag.DENIAL,
        )

    def current_row() -> int:
        return view.currentIndex().row()

    tag_keys = {Tag.CLAIM: Qt.Key.Key_C, Tag.DENIAL: Qt.Key.Key_D, Tag.FACT: Qt.Key.Key_F}
    digit_keys = [getattr(Qt.Key, f"Key_{i}") for i in range(1, 7)]
    ratings = [rating.key for rating in DEFAULT_SCALE]
    rng = random.Random(7)
    kinds = ("next", "previous", "tag", "verdict", "unreviewed")
    timings: dict[str, list[Press]] = {kind: [] for kind in kinds}

    def check(ok: bool, what: str) -> None:
        if not ok and len(problems) < 10:
            problems.append(what)

    rated_ids = set(ctx.seeded_rated)

    def review_loop(count: int, recorded: bool) -> None:
        """Tag, give a verdict and move on, `count` times; then walk back."""
        for step in range(count):
            sentence_id = window.current_sentence_id()
            assert sentence_id is not None
            review = desk.reviews.review(sentence_id)
            tag = rng.choice([t for t in (*tag_keys, None) if t is not review.tag])
            took = press(tag_keys[tag] if tag else Qt.Key.Key_X)
            # X on a sentence with a verdict changes nothing (it says to clear the verdict
            # first): still a key press to time, the same draws as before that rule.
            expected = review.tag if tag is None and review.verdict is not None else tag
            check(
                desk.reviews.review(sentence_id).tag is expected,
                f"tag key did not tag {sentence_id}",
            )
            if recorded:
                timings["tag"].append(took)
            rating = rng.choice(
                [r for r in ratings if r != desk.reviews.review(sentence_id).verdict]
            )
            took = press(digit_keys[ratings.index(rating)])
            rated_ids.add(sentence_id)
            saved = window.sentence_model.sentence_row(window.sentence_model.row_of(sentence_id))
            check(
                desk.reviews.review(sentence_id).verdict == rating
                and saved.review.verdict == rating,
                f"verdict key did not rate {sentence_id}",
            )
            if recorded:
                timings["verdict"].append(took)
            before = current_row()
            took = press(Qt.Key.Key_J if step % 2 == 0 else Qt.Key.Key_Down)
            check(current_row() == min(before + 1, rows - 1), "next key did not move")
            if recorded:
                timings["next"].append(took)
        for step in range(count):
            before = current_row()
            took = press(Qt.Key.Key_K if step % 2 == 0 else Qt.Key.Key_Up)
            check(current_row() == max(before - 1, 0), "previous key did not move")
            if recorded:
                timings["previous"].append(took)

    def select_row(row: int) -> None:
        window.select_sentence(window.sentence_model.sentence_row(row).sentence.id)
        app.processEvents()

    # Warm-up (not counted): the first presses pay for lazily built Qt and SQLite state.
    select_row(rows // 3)
    review_loop(5, recorded=False)
    # Spread the work over the article: the top, the middle and the very end behave apart.
    starts = [0, rows // 4, rows // 2, 3 * rows // 4, max(0, rows - ctx.ops // 5 - 2)]
    per_region = max(1, ctx.ops // len(starts))
    none_before = none_references()
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    for start in starts:
        select_row(start)
        review_loop(per_region, recorded=True)
    select_row(0)
    for _ in range(max(10, ctx.ops // 4)):
        timings["unreviewed"].append(press(Qt.Key.Key_N))
    gc.callbacks.remove(on_gc)
    if profiler is not None and profile is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
        ctx.notes.append(f"cProfile of the key loop written to {profile}.")
    after_rss, peak_rss = resident_mb()
    presses = sum(map(len, timings.values()))
    lost_per_press = (none_before - none_references()) / presses
    for kind, label, budgeted in (
        ("next", "Next sentence (J / Down)", True),
        ("previous", "Previous sentence (K / Up)", True),
        ("tag", "Tag C / D / F / X, committed", True),
        ("verdict", "Verdict 1–6, committed", True),
        ("unreviewed", "Next unreviewed (N)", False),
    ):
        _summarise_keys(ctx, label, timings[kind], budgeted)
    budgeted_presses = [p for kind in kinds[:4] for p in timings[kind]]
    denial = [p.wall_ms for p in budgeted_presses if p.on_denial]
    other = [p.wall_ms for p in budgeted_presses if not p.on_denial]
    if denial and other:
        ctx.notes.append(
            f"Key presses ending on a denial sentence: median {statistics.median(denial):.1f} ms, "
            f"worst {max(denial):.1f} ms ({len(denial)} presses); all others: median "
            f"{statistics.median(other):.1f} ms, worst {max(other):.1f} ms ({len(other)})."
        )
    if size_hint_warnings[0]:
        ctx.notes.append(
            f"Qt's offscreen plugin warned “does not support propagateSizeHints()” "
            f"{size_hint_warnings[0]} times: the window's minimum size changed under key "
            "presses (silenced here)."
        )
    ctx.rows.append(
        Row(
            f"Resident memory, this process, after {presses:,} key presses",
            f"{after_rss:.0f} MB (on open {open_rss:.0f} MB, peak {peak_rss:.0f})",
            f"≤ {MEMORY_MB:.0f} MB",
            verdict(after_rss <= MEMORY_MB),
            {"open_mb": open_rss, "after_mb": after_rss, "peak_mb": peak_rss},
        )
    )

    import PySide6

    per_call = void_call_leak()
    ctx.rows.append(
        Row(
            f"Stability: references to None dropped by PySide6 {PySide6.__version__} on "
            f"Python {platform.python_version()}",
            f"{per_call:.2f} per void Qt call; net ≈ {max(0.0, lost_per_press):.1f} per key press",
            "0 (else the app aborts with “deallocating None” after a few thousand calls)",
            verdict(per_call <= 0),
            {"per_void_call": per_call, "net_per_key_press": lost_per_press},
        )
    )
    if cushioned:
        ctx.notes.append(
            "None/True/False were given extra references so this run could finish "
            "(CPython < 3.12, see the stability row)."
        )
    window.close()
    desk.close()
    # Every verdict must be on disk, visible to another connection. Only this article's:
    # bench_backup_under_edits drives these keys in a year's workspace full of verdicts.
    reader = sqlite3.connect(ctx.workspace)
    rated = reader.execute(
        "SELECT count(*) FROM reviews JOIN sentences ON sentences.id = reviews.sentence_id"
        " WHERE sentences.article_id = ? AND reviews.rating IS NOT NULL",
        (ctx.article_id,),
    ).fetchone()[0]
    reader.close()
    expected = len(rated_ids)
    if rated != expected:
        problems.append(f"{rated} verdicts on disk, {expected} expected")
    for problem in problems:
        ctx.notes.append(f"WARNING: {problem}")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores"


def versions() -> str:
    import PySide6
    from PySide6.QtCore import qVersion

    return (
        f"Python {platform.python_version()}, PySide6 {PySide6.__version__} "
        f"(Qt {qVersion()}), SQLite {sqlite3.sqlite_version}"
    )


def source_state() -> str:
    """The commit measured, and whether the working tree differed from it (read-only git)."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "source: not a git checkout"
    return f"source: commit {head}" + (" + uncommitted changes" if dirty else "")


def load_average() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def render(ctx: Context, started: dt.datetime, elapsed: float) -> str:
    lines = [
        f"## Review-loop benchmark — {started:%Y-%m-%d %H:%M}",
        "",
        f"Machine: {machine()}; {versions()}; platform `offscreen`; {source_state()}.",
        "",
        "| measure | result | budget | status |",
        "|---|---|---|---|",
    ]
    lines += [f"| {r.measure} | {r.result} | {r.budget} | **{r.status}** |" for r in ctx.rows]
    lines.append("")
    lines += [f"- {note}" for note in ctx.notes]
    failed = [r.measure for r in ctx.rows if r.status == "FAIL"]
    lines.append(f"- Took {elapsed:.0f} s; {ctx.load} before, {load_average()} after.")
    lines.append("")
    if failed:
        lines.append(f"**{len(failed)} budget(s) missed:** " + "; ".join(failed))
    else:
        lines.append("**All budgets met.**")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="PATH",
        help="also write the results as JSON (to PATH, or stdout)",
    )
    parser.add_argument("--runs", type=int, default=7, help="fresh-process runs per start-up")
    parser.add_argument("--ops", type=int, default=400, help="key presses per operation kind")
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="PATH",
        help="write a cProfile of the key loop to PATH (pstats format)",
    )
    parser.add_argument(
        "--only",
        default="startup,import,keys",
        help="which parts to run, comma-separated (default: startup,import,keys)",
    )
    # `./dev.sh bench ARGS` hands the same arguments to every bench script.
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        print(f"(ignoring arguments meant for other benchmarks: {' '.join(unknown)})")

    started = dt.datetime.now()
    clock = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fcdesk-bench-") as tmp_name:
        tmp = Path(tmp_name)
        # Set before the app reads them: nothing of the user's is read or written.
        os.environ["FACTCHECK_DATA_DIR"] = str(tmp / "data")
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
        print(f"Preparing a {TARGET_SENTENCES:,}-sentence workspace in {tmp} …", flush=True)
        ctx = prepare(tmp, max(1, args.runs), max(5, args.ops))
        parts = set(args.only.split(","))
        if "startup" in parts:
            print(f"Start-up: {ctx.runs + 1} rounds of fresh processes …", flush=True)
            bench_startup(ctx)
        if "import" in parts:
            print("Import of a 1 MB article …", flush=True)
            bench_import(ctx)
        if "keys" in parts:
            print(f"Key presses on the {ctx.sentence_count:,}-sentence article …", flush=True)
            bench_keys(ctx, args.profile)
    report = render(ctx, started, time.perf_counter() - clock)
    print()
    print(report)
    if args.json:
        payload = {
            "benchmark": "review_loop",
            "date": started.isoformat(timespec="seconds"),
            "machine": machine(),
            "versions": versions(),
            "source": source_state(),
            "notes": ctx.notes,
            "rows": [r.__dict__ for r in ctx.rows],
        }
        write_json(args.json, payload, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
