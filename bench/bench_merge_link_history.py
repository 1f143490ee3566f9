#!/usr/bin/env python3
"""A merge into a workspace whose history holds a re-split of a long article.

Since 7 December a merge reads this workspace's joins, splits and re-splits (their
history entries: every sentence before and after, with its sources) so that a source
removed here stays removed once its sentence was joined or split since
(`merge_rules.sentences_remade`). For each size N this script makes Ana's workspace and
Edith's copy (the shared article of the merge tests, one source Edith linked since),
writes into Ana's history one re-split of an article of N sentences and its undo (two
entries of N sentences each, as the desk writes them, added as rows after the real
ones), and times `desk.merge.merge` of Edith's copy (what the window's worker and
`factcheck-app merge` run: it has no Cancel).

It is a report, not a test: it exits 0. Run from the checkout:
`PYTHONPATH=. .venv/bin/python bench/bench_merge_link_history.py [N ...]` (default
5000 20000 49000; 49,000 sentences is a 5 MB article).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.services.merge_fixtures import SHARED, open_as, sentence_ids


def _resplit_rows(path: Path, n: int) -> None:
    """One re-split of an article of `n` sentences and its undo, as history rows."""
    db = sqlite3.connect(path)
    columns = [r[1] for r in db.execute("PRAGMA table_info(history)") if r[1] != "id"]
    review = {"tag": None, "verdict": None, "explanation": "", "status": "unreviewed"}

    def states(first: int, shift: int) -> list[dict[str, object]]:
        return [
            {"id": first + i, "start": 50 * i + shift, "end": 50 * i + shift + 50}
            | {"review": review, "sources": []}
            for i in range(n)
        ]

    before, after = states(100_000, 0), states(100_000 + n, 25)
    for action, old, new in (("do", before, after), ("undo", after, before)):
        row: dict[str, object] = dict.fromkeys(columns, "")
        for blank in ("sentence_id", "entity_id", "article_id"):
            if blank in row:
                row[blank] = None
        row |= {
            "at": "2026-12-01T00:00:00+00:00",
            "actor": "Ana",
            "action": action,
            "description": "Re-split article",
            "entity": "sentence",
            "old": json.dumps(old),
            "new": json.dumps(new),
        }
        names = ", ".join(row)
        db.execute(
            f"INSERT INTO history ({names}) VALUES ({', '.join('?' * len(row))})", [*row.values()]
        )
    db.commit()
    db.close()


def run(n: int, folder: Path) -> float:
    ana, edith = folder / f"ana-{n}.fcdesk", folder / f"edith-{n}.fcdesk"
    desk: Desk = open_as(ana, "Ana")
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        first = sentence_ids(desk, article)[0]
    finally:
        desk.close()
    shutil.copyfile(ana, edith)
    desk = open_as(edith, "Edith")
    try:
        desk.sources.link_source(first, NewSource("https://example.org/r", title="R"))
    finally:
        desk.close()
    _resplit_rows(ana, n)
    desk = open_as(ana, "Ana")
    try:
        start = time.perf_counter()
        desk.merge.merge(edith)
        return time.perf_counter() - start
    finally:
        desk.close()


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [5_000, 20_000, 49_000]
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            print(f"re-split of {n:,} sentences in the history: merge {run(n, Path(folder)):.2f} s")


if __name__ == "__main__":
    main()
