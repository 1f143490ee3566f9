#!/usr/bin/env python3
"""What a cleaned copy of a big workspace costs, undamaged and with a few zeroed pages.

Cleans a copy of WORKSPACE (a year's: `bench_big_workspace.py` builds and caches one)
as it is, then a copy with one leaf page zeroed in each of sentences, reviews, history
and articles (a bad sector each), and reports the time of each cleaning and what its
summary left out. WORKSPACE is only read; the copies go into a temporary folder deleted
at the end. It is a report, not a test: it exits 0.

Run: `.venv/bin/python bench/bench_cleaning.py WORKSPACE`.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck_app.storage import cleaning

DAMAGED_TABLES = ("sentences", "reviews", "history", "articles")


def zero_a_middle_leaf(path: Path, table: str) -> int:
    """Zero a leaf page in the middle of `table`; how many rows it held."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        leaves = conn.execute(
            "SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path",
            [table],
        ).fetchall()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    page, cells = leaves[len(leaves) // 2]
    with open(path, "r+b") as file:
        file.seek((page - 1) * page_size)
        file.write(bytes(page_size))
    return int(cells)


def clean(source: Path, folder: Path, name: str) -> tuple[str, str]:
    """The time a cleaning of `source` took (wall clock, and this process's CPU: the
    steadier on a busy machine) and what its summary says after the counts."""
    started, cpu = time.perf_counter(), time.process_time()
    result = cleaning.open_cleaned_copy(source, folder / f"{name}-cleaned.fcdesk")
    took = f"{time.perf_counter() - started:.1f} s (CPU {time.process_time() - cpu:.1f} s)"
    return took, result.summary().split(". ", 1)[-1]


def main() -> int:
    workspace = Path(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="bench-cleaning-") as tmp:
        folder = Path(tmp)
        whole = folder / "whole.fcdesk"
        shutil.copyfile(workspace, whole)
        elapsed, said = clean(whole, folder, "whole")
        print(f"undamaged: {elapsed}  {said}")
        damaged = folder / "damaged.fcdesk"
        shutil.copyfile(workspace, damaged)
        held = {table: zero_a_middle_leaf(damaged, table) for table in DAMAGED_TABLES}
        print("zeroed pages held: " + ", ".join(f"{n} {t}" for t, n in held.items()))
        elapsed, said = clean(damaged, folder, "damaged")
        print(f"damaged:   {elapsed}  {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
