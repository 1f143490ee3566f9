#!/usr/bin/env python3
"""The command line on a year's workspace whose search index is out of date
(docs/performance.md, "The command line and an out-of-date index").

On fresh copies of `bench_big_workspace.py`'s workspace (5,000 articles, 205,000
sentences, 170 MB) whose index an older version made, each command a fresh process,
timed from its start to its exit:

- `stats` (reads; never searches), `search minister` (reads; searches),
- `import` of a one-line article (writes; never searches), each on a copy of its own,
  and what the index's version setting says after it.

A report, not a test: it exits 0. Run: `.venv/bin/python bench/bench_cli_stale_index.py
[--runs N] [--cache DIR]`. Run from an older checkout's root (with this script copied
into its bench/) to measure what that checkout did.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("FACTCHECK_REVIEWER", "bench")

from bench_big_workspace import cached_workspace
from bench_review_loop import load_average, machine

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "The quokka census counted 14000 animals on Rottnest last spring.\n"


def stale_copy(workspace: Path, copy: Path) -> None:
    shutil.copyfile(workspace, copy)
    db = sqlite3.connect(copy)
    try:
        db.execute("UPDATE settings SET value = '1' WHERE key = 'search_index_version'")
        db.commit()
    finally:
        db.close()


def version(path: Path) -> str:
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT value FROM settings WHERE key = 'search_index_version'").fetchone()
        return str(row[0])
    finally:
        db.close()


def timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "factcheck_app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{args[0]} failed: {done.stderr.strip()}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "fcdesk-bench-big"
    )
    args = parser.parse_args()
    workspace = cached_workspace(args.cache, 5000, 40, rebuild=False)
    load_before = load_average()
    times: dict[str, list[float]] = {"stats": [], "search": [], "import": []}
    after: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench-cli-index-") as folder:
        tmp = Path(folder)
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "FACTCHECK_DATA_DIR": str(tmp / "data"),
            "XDG_CONFIG_HOME": str(tmp / "config"),
        }
        article = tmp / "quokka.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        copy = tmp / "year.fcdesk"
        for _ in range(args.runs):
            stale_copy(workspace, copy)
            times["stats"].append(timed(["stats", "-w", str(copy)], env))
            times["search"].append(timed(["search", "-w", str(copy), "minister"], env))
            after["stats, search"] = version(copy)
            times["import"].append(timed(["import", "-w", str(copy), str(article)], env))
            after["import"] = version(copy)
    print(f"{args.runs} run(s); {load_before} → {load_average()}")
    for name, values in times.items():
        runs = ", ".join(f"{v:.1f}" for v in values)
        print(f"  {name:<8} median {statistics.median(values):6.1f} s  ({runs})")
    for name, value in after.items():
        print(f"  index version setting after {name}: {value!r}")
    print(machine())
    return 0


if __name__ == "__main__":
    sys.exit(main())
