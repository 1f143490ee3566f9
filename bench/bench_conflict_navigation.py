#!/usr/bin/env python3
"""F8 (next conflict) on a year's workspace: how long finding and showing the next
undecided conflict takes when 200,000 sentences lie between them (docs/performance.md).

Takes the workspace `bench_big_workspace.py` builds (5,000 articles × 40 sentences, cached
in `--cache`; built first if it is not there), copies it into a temporary folder (SQLite's
backup, from a read-only connection: the cached file is never changed) and puts
`--conflicts` sentences in conflict, spread over random articles, as a merge leaves them.
Then:

1. the query alone (`desk.reviews.next_conflict`, forward and back, from random places),
   the first call on a fresh connection apart, and each article's count of conflicts for
   the article list (`repo.reviews.conflict_counts`);
2. in the window (offscreen), F8 pressed `--presses` times: each press finds the next
   conflict, opens its article when it is another one, and shows the sentence; timed
   until the window has handled it.

Budget: well under 100 ms a press (an article switch's budget). A report, not a test:
it exits 0.

Run: `.venv/bin/python bench/bench_conflict_navigation.py [--conflicts N] [--presses N]
[--cache DIR] [--json [PATH]]`.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("FACTCHECK_REVIEWER", "bench")

from bench_big_workspace import cached_workspace
from bench_output import write_json
from bench_review_loop import _isolate_settings, load_average, machine

BUDGET_MS = 100.0


def conflicted_copy(source: Path, target: Path, conflicts: int, seed: int = 7) -> int:
    """`source` copied to `target` with `conflicts` reviews put in conflict, in random
    articles (one to three each); how many articles hold them."""
    reading = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    writing = sqlite3.connect(target)
    try:
        reading.backup(writing)
    finally:
        reading.close()
    try:
        rng = random.Random(seed)
        reviewed = [
            row[0]
            for row in writing.execute(
                "SELECT r.sentence_id FROM reviews r JOIN sentences s ON s.id = r.sentence_id"
                " ORDER BY s.article_id, s.start"
            )
        ]
        chosen = sorted(rng.sample(reviewed, conflicts))
        with writing:
            writing.executemany(
                "UPDATE reviews SET status = 'conflict' WHERE sentence_id = ?",
                [(sentence,) for sentence in chosen],
            )
        (articles,) = writing.execute(
            "SELECT count(DISTINCT s.article_id) FROM reviews r"
            " JOIN sentences s ON s.id = r.sentence_id WHERE r.status = 'conflict'"
        ).fetchone()
        return int(articles)
    finally:
        writing.close()


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(values), 2),
        "max_ms": round(max(values), 2),
    }


def measure_queries(path: Path, rng: random.Random, calls: int) -> dict[str, Any]:
    from factcheck_app.services.desk import Desk

    desk = Desk.open(path, backup=False)
    try:
        places = desk.repo.db.execute("SELECT article_id, id FROM sentences").fetchall()
        started = time.perf_counter()
        desk.reviews.next_conflict(None, None)
        first = time.perf_counter() - started
        forward: list[float] = []
        backward: list[float] = []
        for _ in range(calls):
            article, sentence = rng.choice(places)
            for into, way in ((forward, True), (backward, False)):
                started = time.perf_counter()
                desk.reviews.next_conflict(article, sentence, forward=way)
                into.append(ms(time.perf_counter() - started))
        counts: list[float] = []
        for _ in range(20):
            started = time.perf_counter()
            desk.repo.reviews.conflict_counts()
            counts.append(ms(time.perf_counter() - started))
        return {
            "first_call_ms": ms(first),
            "next": summary(forward),
            "previous": summary(backward),
            "article_list_counts": summary(counts),
        }
    finally:
        desk.close()


def measure_window(path: Path, presses: int, settings: Path) -> dict[str, Any]:
    _isolate_settings(str(settings))
    from PySide6.QtWidgets import QApplication

    from factcheck_app.gui.actions import ActionId
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.desk import Desk

    app = QApplication.instance() or QApplication([])
    desk = Desk.open(path, backup=False)
    window = MainWindow(desk)
    window.resize(1024, 640)
    window.show()
    for _ in range(50):
        app.processEvents()
    f8 = window.registry[ActionId.NEXT_CONFLICT]
    times: list[float] = []
    switched = 0
    for _ in range(presses):
        before = window.article_id
        started = time.perf_counter()
        f8.trigger()
        app.processEvents()
        times.append(ms(time.perf_counter() - started))
        switched += window.article_id != before
    window.close()
    desk.close()
    return {"presses": presses, "article_switches": switched, **summary(times)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--sentences", type=int, default=40, help="per article")
    parser.add_argument("--conflicts", type=int, default=1000)
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument("--calls", type=int, default=200, help="queries each way")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "fcdesk-bench-big"
    )
    parser.add_argument("--json", nargs="?", const="-", metavar="PATH")
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    load_before = load_average()
    workspace = cached_workspace(args.cache, args.articles, args.sentences, rebuild=False)
    with tempfile.TemporaryDirectory(prefix="bench-conflicts-") as folder:
        tmp = Path(folder)
        os.environ["FACTCHECK_DATA_DIR"] = str(tmp / "data")
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
        copy = tmp / "year.fcdesk"
        articles = conflicted_copy(workspace, copy, args.conflicts)
        queries = measure_queries(copy, random.Random(11), args.calls)
        window = measure_window(copy, args.presses, tmp / "settings")
    result = {
        "started": started,
        "machine": machine(),
        "load_before": load_before,
        "load_after": load_average(),
        "workspace": f"{args.articles} articles × {args.sentences} sentences",
        "conflicts": args.conflicts,
        "articles_with_conflicts": articles,
        "query": queries,
        "window_f8": window,
    }
    worst = max(window["max_ms"], queries["next"]["max_ms"], queries["previous"]["max_ms"])
    print(
        f"{args.conflicts} conflicts in {articles} of {args.articles} articles:\n"
        f"  next_conflict query: median {queries['next']['median_ms']} ms, "
        f"max {queries['next']['max_ms']} ms (previous: median "
        f"{queries['previous']['median_ms']} ms, max {queries['previous']['max_ms']} ms; "
        f"first on a fresh connection {queries['first_call_ms']} ms)\n"
        f"  article list's conflict counts: median "
        f"{queries['article_list_counts']['median_ms']} ms\n"
        f"  F8 in the window ({window['presses']} presses, {window['article_switches']} "
        f"into another article): median {window['median_ms']} ms, max {window['max_ms']} ms\n"
        f"  budget {BUDGET_MS:.0f} ms: {'ok' if worst < BUDGET_MS else 'OVER'}"
    )
    if args.json:
        write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
