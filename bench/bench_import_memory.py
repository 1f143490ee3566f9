#!/usr/bin/env python3
"""Benchmark: the peak memory of a big text file's import, in the desk and its worker.

`factcheck-app import` of a generated article (the review-loop bench's wire-like news
sentences) into a new workspace, in a subprocess whose processes' resident memory
(VmRSS) is read from /proc every 20 ms: the peak of the desk's own process, of the
worker that splits and indexes the text, and of the two together. A report, not a test:
it exits 0. Linux only (/proc).

    .venv/bin/python bench/bench_import_memory.py               # a 50 MB file, once
    .venv/bin/python bench/bench_import_memory.py --mb 20 --runs 3
    .venv/bin/python bench/bench_import_memory.py --app OTHER_CHECKOUT   # measure other code
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_hostile_imports import descendants, resident_kb
from bench_review_loop import news_article

HERE = Path(__file__).resolve().parent.parent
POLL_S = 0.02


def measure(app: Path, article: Path, folder: Path) -> tuple[float, float, float, float]:
    """One import: peak MB of the desk's process, of its worker(s), of all together; and
    the wall time in seconds."""
    workspace = folder / f"bench-{time.monotonic_ns()}.fcdesk"
    env = dict(os.environ, PYTHONPATH=str(app), FACTCHECK_DATA_DIR=str(folder))
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck_app", "import", "-w", str(workspace), str(article)],
        env=env,
        cwd=app,  # `python -m` puts the folder it runs in before PYTHONPATH
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    desk = worker = total = 0
    while process.poll() is None:
        pids = descendants(process.pid)
        sizes = {pid: resident_kb(pid) for pid in pids}
        desk = max(desk, sizes.get(process.pid, 0))
        others = [size for pid, size in sizes.items() if pid != process.pid]
        worker = max([worker, *others])
        total = max(total, sum(sizes.values()))
        time.sleep(POLL_S)
    seconds = time.monotonic() - started
    if process.returncode != 0:
        assert process.stderr is not None
        raise SystemExit(f"the import failed: {process.stderr.read().decode()[-500:]}")
    return desk / 1024, worker / 1024, total / 1024, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of the article (MB)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--app", type=Path, default=HERE, help="the checkout to measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-memory-") as tmp:
        folder = Path(tmp)
        article = folder / "big-article.txt"
        article.write_text(news_article(min_bytes=int(args.mb * 1e6), seed=30), encoding="utf-8")
        size = article.stat().st_size / 1e6
        print(f"{args.app}: import of a {size:.1f} MB text file, {args.runs} run(s)")
        runs = [measure(args.app, article, folder) for _ in range(args.runs)]
        for name, at in (("desk", 0), ("worker", 1), ("together", 2)):
            values = [run[at] for run in runs]
            median = statistics.median(values)
            print(
                f"  peak, {name:<8} {median:6.0f} MB  ({min(values):.0f}-{max(values):.0f};"
                f" {median / size:.1f}× the file)"
            )
        print(f"  wall time       {statistics.median(run[3] for run in runs):6.1f} s")
        print(f"  load average    {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
