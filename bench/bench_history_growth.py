#!/usr/bin/env python3
"""How much the history grows while an explanation is typed (docs/performance.md).

The window saves typed text at each pause and every 2 s while typing goes on, and every
save appends a history entry holding the whole review before and after. This types an
explanation of English prose with figures (`bench_long_explanation.prose`) into a fresh
workspace through `desk.reviews.set_text_field`, as the window does, a save every
`--every` characters (6: every 2 s at 3 characters a second; 30: a pause per phrase),
up to each `--sizes` characters; then, on a finished explanation of the largest size,
`--revisions` saves of a word typed in its middle. For each: the saves, the history
entries written, their `old` and `new` in bytes, and how much the workspace file grew
(after a WAL checkpoint). It is a report, not a test.
Run: `.venv/bin/python bench/bench_history_growth.py [--sizes 2000 5000 20000]
[--every 6 30] [--revisions 300] [--json [PATH]]`.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_long_explanation import prose
from bench_output import write_json

from factcheck_app.services.desk import Desk

_HISTORY_BYTES = (
    "SELECT coalesce(sum(length(CAST(old AS BLOB)) + length(CAST(new AS BLOB))), 0),"
    " count(*) FROM history"
)


def _typed(final: int, every: int, revisions: int) -> dict[str, Any]:
    """Type `final` characters a save every `every` (or, with `revisions`, revise a
    finished one that many times) and say what it wrote."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.fcdesk"
        desk = Desk.open(path, backup=False)
        try:
            article = desk.importer.import_text(
                "The minister said unemployment fell. " * 5, source_name="a.txt"
            ).article_id
            sentence = desk.reviews.sentence_rows(article)[0].sentence.id
            db = desk.repo.db
            text = prose(final)
            if revisions:
                desk.reviews.set_text_field(sentence, "explanation", text)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size, (old_bytes, old_entries) = (
                path.stat().st_size,
                db.execute(_HISTORY_BYTES).fetchone(),
            )
            saves = 0
            start = time.perf_counter()
            if revisions:
                middle = len(text) // 2
                for _ in range(revisions):
                    text = text[:middle] + "abcdef" + text[middle:]
                    middle += 6
                    desk.reviews.set_text_field(sentence, "explanation", text)
                    saves += 1
            else:
                for end in range(every, final + every, every):
                    desk.reviews.set_text_field(sentence, "explanation", text[:end].rstrip())
                    saves += 1
            took = time.perf_counter() - start
            history_bytes, entries = db.execute(_HISTORY_BYTES).fetchone()
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            grown = path.stat().st_size - size
        finally:
            desk.close()
    return {
        "saves": saves,
        "entries": entries - old_entries,
        "history_mb": round((history_bytes - old_bytes) / 1e6, 2),
        "file_mb": round(grown / 1e6, 2),
        "seconds": round(took, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000, 20000])
    parser.add_argument("--every", type=int, nargs="+", default=[6, 30])
    parser.add_argument("--revisions", type=int, default=300)
    parser.add_argument("--json", nargs="?", const="-", default=None)
    args = parser.parse_args()
    results: dict[str, Any] = {}
    cases = [(size, every, 0) for size in args.sizes for every in args.every]
    if args.revisions:
        cases.append((max(args.sizes), 0, args.revisions))
    for size, every, revisions in cases:
        name = (
            f"{size:,} characters, a save every {every}"
            if not revisions
            else f"{size:,} characters revised, {revisions} saves"
        )
        results[name] = figures = _typed(size, every, revisions)
        print(
            f"{name:40} {figures['saves']:5} saves, {figures['entries']:5} entries:"
            f" history {figures['history_mb']:7.2f} MB, file grew {figures['file_mb']:7.2f} MB"
            f" ({figures['seconds']} s)",
            flush=True,
        )
    if args.json is not None:
        write_json(
            args.json,
            {"machine": platform.platform(), "python": sys.version.split()[0], "cases": results},
        )


if __name__ == "__main__":
    main()
