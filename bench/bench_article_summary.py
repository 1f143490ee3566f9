#!/usr/bin/env python3
"""One article's line in the list, read again (docs/performance.md, "One article's line").

Article Properties refused for a field another program changed (and every refusal that
shows the workspace as saved, `EditSlots.show_as_saved`), the window reads the open
article's line again: its title, counts of sentences, reviewed, in conflict and
returned (`Articles.article_summary`); so does a typed text saved in an article the
reviewer has left. This times that read on the year's workspace of
`bench_big_workspace.py` (5,000 articles × 40 sentences by default, built once and
cached), for articles at the start, middle and end of the list, on a copy of it opened
as the window opens it. A report, not a test: it exits 0.

Run: `.venv/bin/python bench/bench_article_summary.py [--articles N] [--sentences N]
[--cache DIR] [--repeat N]`. Comparing two checkouts: run each side's copy of this script
from its folder with `PYTHONPATH=.` (CONTRIBUTING.md, "Benchmarks").
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import bench_big_workspace  # the year's workspace, cached


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--sentences", type=int, default=40)
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "fcdesk-bench-big"
    )
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    cached = bench_big_workspace.cached_workspace(args.cache, args.articles, args.sentences, False)

    from factcheck_app.services.desk import Desk

    with tempfile.TemporaryDirectory(prefix="fcdesk-bench-summary-") as folder:
        path = Path(folder) / "year.fcdesk"
        source = sqlite3.connect(f"{cached.resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        desk = Desk.open(path, backup=False, session=False)
        try:
            count, highest = desk.articles.listed()
            print(f"{count:,} articles; {args.repeat} reads of each line, ms (median / max)")
            for article_id in (1, highest // 2, highest):
                desk.articles.article_summary(article_id)  # the pages read once
                times = []
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    desk.articles.article_summary(article_id)
                    times.append((time.perf_counter() - started) * 1000)
                print(
                    f"article {article_id:>5}: {statistics.median(times):8.2f} / {max(times):8.2f}"
                )
        finally:
            desk.close()
        shutil.rmtree(Path(folder), ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
