#!/usr/bin/env python3
"""A year of work in one workspace: what a desk used daily for a year costs (docs/performance.md).

Builds (once, cached) a workspace of `--articles` articles of `--sentences` sentences each
(by default 5,000 × 40: 205,000 sentences, 170 MB), reviewed as `bench_merge.build` reviews
its workspaces: about 60 % of the sentences tagged, verdicts, claimants, explanations,
every review with its reviewer's version and a history entry, one in five linked to a
source from a pool of 3,000. Then, each in a fresh process on a fresh copy of it (no
backups yet, so the automatic backup is due, as on the first start of a day):

1. the window as `run_gui` opens it: launch → the opening window painted → the workspace
   open and its article painted (usable), with the time of each part of the open (the
   quick check, the automatic backup and the bytes it wrote, the article list);
2. in that window: switching articles (a click in the list), Ctrl+F searches, Shift+N,
   a tag and its undo, Check Workspace (the window's thread held when it is chosen, the
   longest turn until its report is shown, and the whole check), File → Back Up Now,
   the export dialog on the workspace summary (its preview and the export itself), the
   agreement panel; each timed, with the longest time the GUI thread was busy without a
   break (the "longest turn", from a 5 ms heartbeat timer) while it and what it started
   ran;
3. resident memory after the open and at the end;
4. the command line on the same workspace: `stats`, `search`, `list`, `verify`.

Budgets (docs/performance.md, "A year of work in one workspace"): usable ≤ 2 s after the
launch, any single GUI-thread task (longest turn) ≤ 100 ms, an article switch ≤ 100 ms,
search results ≤ 0.5 s, memory ≤ 250 MB. It is a report, not a test: it exits 0.

Run: `.venv/bin/python bench/bench_big_workspace.py [--articles N] [--sentences N]
[--cache DIR] [--rebuild] [--json [PATH]]`. The workspace is kept in `--cache` (default
fcdesk-bench-big in the temporary folder) for the next run; everything else goes into a
temporary folder deleted at the end (Qt offscreen, FACTCHECK_DATA_DIR, XDG_CONFIG_HOME and
the QSettings path in it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("FACTCHECK_REVIEWER", "bench")

import bench_merge  # the reviewed workspaces of the merge benchmark
from bench_output import write_json
from bench_review_loop import (  # sets QT_QPA_PLATFORM=offscreen
    MEMORY_MB,
    _isolate_settings,
    _wait_painted,
    load_average,
    machine,
    resident_mb,
    source_state,
)

USABLE_S = 2.0
TURN_MS = 100.0
SWITCH_MS = 100.0
SEARCH_S = 0.5
HEARTBEAT_MS = 5
SWITCHES = 30
QUERIES = ("minister", "unemployment fell", '"new schools"', "Geneva budget million", "Barda")
BESIDE = " (in a thread beside the window)"
BUILD_VERSION = 1  # bump when the built workspace changes: the cache is rebuilt


# -- the workspace --------------------------------------------------------------------------


def workspace_name(articles: int, sentences: int) -> str:
    """The cached workspace's name, keyed by the search index's rules of the checkout
    measured: a workspace whose index other rules made is rebuilt whole at its open, and
    every bench would run beside that rebuild."""
    from factcheck_app.domain.matching import SEARCH_INDEX_VERSION

    return f"year-{articles}x{sentences}-v{BUILD_VERSION}-index{SEARCH_INDEX_VERSION}.fcdesk"


def cached_workspace(cache: Path, articles: int, sentences: int, rebuild: bool) -> Path:
    """The reviewed workspace, built into `cache` unless it is there already (one built
    for other index rules is copied and its index rebuilt: seconds, not minutes)."""
    path = cache / workspace_name(articles, sentences)
    if path.exists() and not rebuild:
        return path
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(path.name + "*"):
        old.unlink()
    partial = cache / "building.fcdesk"
    for old in cache.glob("building.fcdesk*"):
        old.unlink()
    shutil.rmtree(cache / "building-backups", ignore_errors=True)
    started = time.perf_counter()
    # The same build for other index rules (before the name said them: no "-index").
    others = sorted(cache.glob(f"year-{articles}x{sentences}-v{BUILD_VERSION}*.fcdesk"))
    if others and not rebuild:
        from factcheck_app.services.desk import Desk

        source = sqlite3.connect(f"{others[-1].resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(partial)
        try:
            source.backup(target)  # whole, with what its -wal holds
        finally:
            target.close()
            source.close()
        Desk.open(partial, backup=False).close()  # its index rebuilt by this checkout's rules
        os.replace(partial, path)
        print(
            f"copied {others[-1].name} and rebuilt its search index in "
            f"{time.perf_counter() - started:.0f} s: {path}",
            file=sys.stderr,
        )
        return path
    bench_merge.SENTENCES = sentences  # read by bench_merge.article_text at each call
    reviews = bench_merge.build(partial, list(range(articles)), "Alice", 1)
    os.replace(partial, path)
    print(
        f"built {articles} articles × {sentences} sentences ({reviews:,} reviews) in "
        f"{time.perf_counter() - started:.0f} s: {path} ({path.stat().st_size / 1e6:.0f} MB)",
        file=sys.stderr,
    )
    return path


def workspace_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {
            table: int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("articles", "sentences", "reviews", "sources", "history")
        }
    finally:
        db.close()


# -- the child: one fresh process with the window ---------------------------------------------


class Timings:
    """Seconds spent in wrapped functions, by name (a list per call)."""

    def __init__(self) -> None:
        self.calls: dict[str, list[float]] = {}

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                where = "" if threading.current_thread() is threading.main_thread() else BESIDE
                self.calls.setdefault(label + where, []).append(time.perf_counter() - start)

        setattr(owner, name, timed)


def written_bytes() -> int:
    """Bytes this process has caused to be written (/proc/self/io), 0 if unknown."""
    try:
        for line in Path("/proc/self/io").read_text().splitlines():
            if line.startswith("wchar:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Heartbeat:
    """The longest the GUI thread went without running a 5 ms timer: its longest turn."""

    def __init__(self, app: Any) -> None:
        from PySide6.QtCore import QTimer

        self.app = app
        self.timer = QTimer(interval=HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.last = time.perf_counter()
        self.longest = 0.0

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def run(self, seconds: float, until: Callable[[], bool] | None = None) -> float:
        """Run the event loop for `seconds` (or until `until()`); its longest turn in ms."""
        from PySide6.QtCore import QEventLoop

        self.longest = 0.0
        self.last = time.perf_counter()
        self.timer.start()
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline and not (until and until()):
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.001)  # leave the interpreter to the window's worker threads
        self.timer.stop()
        return self.longest * 1000


def measure(heart: Heartbeat, action: Callable[[], Any], settle: float = 0.4) -> dict[str, float]:
    """One action on the GUI thread: its own time, then the longest turn while the event
    loop runs what it started (timers, workers' results) for `settle` seconds."""
    start = time.perf_counter()
    action()
    own = time.perf_counter() - start
    turn = heart.run(settle)
    return {"ms": own * 1000, "turn_ms": max(own * 1000, turn)}


def measure_search(heart: Heartbeat, panel: Any) -> dict[str, float]:
    """A search run from the pane: until its results are shown (ranked a stretch per turn
    since 2026-12-05; before, in the call itself), and the longest turn meanwhile and for
    0.3 s after."""
    searching = getattr(panel, "searching", lambda: False)  # an older pane: never
    start = time.perf_counter()
    panel.run_search()
    own = time.perf_counter() - start
    turn = heart.run(5.0, until=lambda: not searching())
    shown = time.perf_counter() - start
    turn = max(own * 1000, turn, heart.run(0.3))
    return {"ms": shown * 1000, "own_ms": own * 1000, "turn_ms": turn}


def child_main(workspace: Path) -> int:
    import faulthandler

    faulthandler.dump_traceback_later(240, exit=True)  # a stuck child says where it was
    launched = float(os.environ["BENCH_LAUNCHED"])
    timings = Timings()
    from factcheck_app.storage import backups
    from factcheck_app.storage import workspace as storage_workspace
    from factcheck_app.storage.stores.articles import ArticleStore

    timings.wrap(storage_workspace, "_quick_check", "quick check")
    timings.wrap(backups, "take_backup", "backup")
    timings.wrap(ArticleStore, "list_articles", "article list query")
    _isolate_settings(os.environ["BENCH_SETTINGS"])
    from factcheck_app.gui.app import make_application, open_workspace, show_opening_window

    app = make_application()
    from factcheck_app.gui.crash import install_exception_hooks

    install_exception_hooks()
    window = show_opening_window(workspace)
    shown_at = time.time()
    bytes_before = written_bytes()
    heart = Heartbeat(app)
    opened = time.perf_counter()
    open_workspace(window, workspace, seed=False)
    open_s = time.perf_counter() - opened
    _wait_painted(app, [window.sentence_view.viewport(), window.article_view.viewport()])
    usable_at = time.time()
    # What the open started (a backup in the background, the suggestions) runs now.
    after_open_turn = heart.run(3.0)
    rss_open, _ = resident_mb()
    backup_files = list(backups.backup_dir(workspace).glob("*.fcdesk"))
    result: dict[str, Any] = {
        "shown_s": shown_at - launched,
        "usable_s": usable_at - launched,
        "open_s": open_s,
        "after_open_turn_ms": after_open_turn,
        "open_parts_s": {k: sum(v) for k, v in timings.calls.items()},
        "open_calls": {k: len(v) for k, v in timings.calls.items()},
        "bytes_written_open": written_bytes() - bytes_before,
        "backup_bytes": sum(f.stat().st_size for f in backup_files),
        "backups_after_open": len(backup_files),
        "rss_open_mb": rss_open,
    }
    timings.calls.clear()
    from PySide6.QtWidgets import QMessageBox

    from factcheck_app.gui.actions import ActionId

    # Message boxes are answered at once (Check Workspace's report, any question).
    QMessageBox.exec = lambda box: 0  # type: ignore[method-assign]
    rng = random.Random(5)
    model = window.article_model

    switches = []
    for row in [rng.randrange(model.rowCount()) for _ in range(SWITCHES)]:
        index = window.article_list.model().index(row, 0)  # (no article left out)
        switches.append(measure(heart, partial(window.article_list.setCurrentIndex, index), 0.3))
    result["switch"] = switches

    window.registry[ActionId.SEARCH_WORKSPACE].trigger()
    heart.run(0.2)
    panel = window.search_panel
    searches = []
    for query in QUERIES:
        panel.query_edit.setText(query)
        one = measure_search(heart, panel)
        one["query"] = query  # type: ignore[assignment]
        one["shown"] = panel.model.rowCount()
        searches.append(one)
    result["search"] = searches
    window.search.close_search()

    result["shift_n"] = [
        measure(heart, window.registry[ActionId.NEXT_CHECKWORTHY].trigger, 0.3) for _ in range(5)
    ]
    edits = []
    for _ in range(5):
        edits.append(measure(heart, window.registry[ActionId.TAG_CLAIM].trigger, 0.2))
        edits.append(measure(heart, window.registry[ActionId.UNDO].trigger, 0.2))
    result["tag_undo"] = edits

    # Check Workspace: the window's thread held by choosing it ("ms"), its longest turn
    # until the report is shown, and the whole check (it reads in a thread of its own; a
    # desk before that change held the window for all of it, and "done_s" is "ms").
    checking = getattr(window.workspace, "check_running", lambda: False)
    started = time.perf_counter()
    check = measure(heart, window.registry[ActionId.CHECK_WORKSPACE].trigger, 0.0)
    running = heart.run(120.0, until=lambda: not checking())
    check["done_s"] = time.perf_counter() - started
    check["turn_ms"] = max(check["turn_ms"], running, heart.run(0.3))  # and the report's
    result["check_workspace"] = check
    result["backup_now"] = measure(heart, window.registry[ActionId.BACKUP_NOW].trigger, 0.3)

    from factcheck_app.gui.dialogs.export import ExportDialog

    tmp = Path(os.environ["BENCH_TMP"])
    dialog_box: list[Any] = []
    result["export_dialog"] = measure(
        heart,
        lambda: dialog_box.append(ExportDialog(window.desk, window.article_id, window)),
        0.2,
    )
    dialog = dialog_box[0]
    dialog.show()
    result["summary_preview"] = measure(heart, lambda: dialog.set_format("summary-html"), 0.3)
    dialog.path_edit.setText(str(tmp / "summary.html"))
    started = time.perf_counter()
    export = measure(heart, dialog.start_export, 0.0)
    export["turn_ms"] = max(
        export["turn_ms"], heart.run(120.0, until=lambda: dialog._thread is None)
    )
    export["done_s"] = time.perf_counter() - started
    written = tmp / "summary.html"
    export["bytes"] = written.stat().st_size if written.exists() else 0
    result["summary_export"] = export
    dialog.close()
    dialog.deleteLater()

    started = time.perf_counter()
    agreement = measure(heart, window.registry[ActionId.AGREEMENT].trigger, 0.0)
    agreement["turn_ms"] = max(agreement["turn_ms"], heart.run(5.0))
    agreement["done_s"] = time.perf_counter() - started
    result["agreement"] = agreement

    result["rss_end_mb"], result["hwm_mb"] = resident_mb()
    print(json.dumps(result), flush=True)
    window.close()
    from factcheck_app.gui.app import leave

    leave(0)


# -- the parent ---------------------------------------------------------------------------------


def run_child(workspace: Path, tmp: Path) -> dict[str, Any]:
    """The window child on a fresh copy of `workspace` (no backups beside it)."""
    work = tmp / "child"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    copy = work / "year.fcdesk"
    shutil.copyfile(workspace, copy)
    env = {
        **os.environ,
        "FACTCHECK_DATA_DIR": str(tmp / "data"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "BENCH_SETTINGS": str(tmp / "settings"),
        "BENCH_TMP": str(work),
        "BENCH_LAUNCHED": repr(time.time()),
    }
    return window_child_result([sys.executable, __file__, "--child", str(copy)], env)


def window_child_result(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run a bench's window child and return the JSON line it printed last."""
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the window child failed ({done.returncode}):\n{done.stderr}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return dict(json.loads(lines[-1]))


def run_cli(workspace: Path, tmp: Path, *args: str) -> float:
    env = {**os.environ, "FACTCHECK_DATA_DIR": str(tmp / "data")}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "factcheck_app", *args, "--workspace", str(workspace)],
        env=env,
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - start


def status(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report_rows(runs: list[dict[str, Any]], cli: dict[str, float]) -> list[dict[str, Any]]:
    """One row per measure: median over the runs of each run's figure, and its budget."""

    def med(pick: Callable[[dict[str, Any]], float]) -> float:
        return statistics.median(pick(r) for r in runs)

    def worst(key: str, field: str = "turn_ms") -> Callable[[dict[str, Any]], float]:
        return lambda r: max(float(x[field]) for x in r[key])

    rows = [
        ("launch → opening window painted (s)", med(lambda r: r["shown_s"]), None),
        ("launch → usable (s)", med(lambda r: r["usable_s"]), USABLE_S),
        ("open_workspace on the GUI thread (s)", med(lambda r: r["open_s"]), TURN_MS / 1000),
    ]
    for part in ("quick check", "backup", "article list query"):
        rows.append(
            (f"  of it: {part} (s)", med(lambda r, p=part: r["open_parts_s"].get(p, 0.0)), None)
        )
    rows.append(
        (
            f"automatic backup{BESIDE} (s)",
            med(lambda r: r["open_parts_s"].get("backup" + BESIDE, 0.0)),
            None,
        )
    )
    rows += [
        ("after the open: longest turn (ms)", med(lambda r: r["after_open_turn_ms"]), TURN_MS),
        ("automatic backup written (MB)", med(lambda r: r["backup_bytes"] / 1e6), None),
        (
            "article switch, median (ms)",
            med(lambda r: statistics.median(x["ms"] for x in r["switch"])),
            SWITCH_MS,
        ),
        ("article switch, worst turn (ms)", med(worst("switch")), SWITCH_MS),
        (
            "search, worst query (s)",
            med(lambda r: max(x["ms"] for x in r["search"]) / 1000),
            SEARCH_S,
        ),
        ("search, worst turn (ms)", med(worst("search")), TURN_MS),
        ("Shift+N, worst turn (ms)", med(worst("shift_n")), TURN_MS),
        ("tag / undo, worst turn (ms)", med(worst("tag_undo")), TURN_MS),
        ("Check Workspace, window held (ms)", med(lambda r: r["check_workspace"]["ms"]), TURN_MS),
        (
            "Check Workspace, worst turn (ms)",
            med(lambda r: r["check_workspace"]["turn_ms"]),
            TURN_MS,
        ),
        (
            "Check Workspace, report shown (s)",
            med(lambda r: r["check_workspace"].get("done_s", r["check_workspace"]["ms"] / 1000)),
            None,
        ),
        ("Back Up Now, turn (ms)", med(lambda r: r["backup_now"]["turn_ms"]), TURN_MS),
        ("export dialog opens, turn (ms)", med(lambda r: r["export_dialog"]["turn_ms"]), TURN_MS),
        ("summary preview, turn (ms)", med(lambda r: r["summary_preview"]["turn_ms"]), TURN_MS),
        ("summary export, worst turn (ms)", med(lambda r: r["summary_export"]["turn_ms"]), TURN_MS),
        ("summary export, done (s)", med(lambda r: r["summary_export"]["done_s"]), None),
        ("agreement panel, worst turn (ms)", med(lambda r: r["agreement"]["turn_ms"]), TURN_MS),
        ("memory after the open (MB)", med(lambda r: r["rss_open_mb"]), MEMORY_MB),
        ("memory at the end, peak (MB)", med(lambda r: r["hwm_mb"]), MEMORY_MB),
    ]
    for name, seconds in cli.items():
        rows.append((f"factcheck-app {name} (s)", seconds, None))
    out = []
    for name, value, budget in rows:
        out.append(
            {
                "measure": name,
                "value": round(value, 3),
                "budget": budget,
                "status": "" if budget is None else status(value <= budget),
            }
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--sentences", type=int, default=40, help="per article")
    parser.add_argument("--runs", type=int, default=3, help="fresh window processes")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "fcdesk-bench-big"
    )
    parser.add_argument("--rebuild", action="store_true", help="build the workspace again")
    parser.add_argument("--json", nargs="?", const="-", metavar="PATH")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child_main(args.child)
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    load_before = load_average()
    workspace = cached_workspace(args.cache, args.articles, args.sentences, args.rebuild)
    counts = workspace_counts(workspace)
    with tempfile.TemporaryDirectory(prefix="bench-big-") as folder:
        tmp = Path(folder)
        runs = [run_child(workspace, tmp) for _ in range(args.runs)]
        copy = tmp / "cli.fcdesk"
        shutil.copyfile(workspace, copy)
        cli = {
            "list": run_cli(copy, tmp, "list"),
            "stats": run_cli(copy, tmp, "stats"),
            "search minister": run_cli(copy, tmp, "search", "minister"),
            "verify": run_cli(copy, tmp, "verify"),
        }
    rows = report_rows(runs, cli)
    report = {
        "started": started,
        "workspace": {**counts, "bytes": workspace.stat().st_size},
        "rows": rows,
        "runs": runs,
        "load_before": load_before,
        "load_after": load_average(),
        "machine": machine(),
        "source": source_state(),
    }
    if args.json:
        write_json(args.json, report)
        return 0
    print(
        f"A year of work: {counts['articles']:,} articles, {counts['sentences']:,} sentences, "
        f"{counts['reviews']:,} reviews, {counts['sources']:,} sources, "
        f"{counts['history']:,} history entries; {workspace.stat().st_size / 1e6:.0f} MB"
    )
    print(f"{started}, {args.runs} fresh window(s); {load_before} → {load_average()}")
    width = max(len(r["measure"]) for r in rows)
    for r in rows:
        budget = "" if r["budget"] is None else f"≤ {r['budget']:g}"
        print(f"  {r['measure']:<{width}}  {r['value']:>10.3f}  {budget:>8}  {r['status']}")
    failed = [r["measure"] for r in rows if r["status"] == "FAIL"]
    print(f"{len(failed)} budget(s) missed" + (f": {'; '.join(failed)}" if failed else ""))
    print(machine())
    return 0


if __name__ == "__main__":
    sys.exit(main())
