"""What the look at a copy taken while open costs (services/copy_check.py): the reviews
against their history and the search index's completeness, on a copy of a big workspace
(bench_big_workspace.py builds one), opened for editing, read-only and merged, with the
mark of a desk that had it open (as such a copy holds it) and without (a normal open,
which must not look at all, only at its newest saves: the tail look,
`newest_unlike_history`, timed alone in its own row). The window opens it as
`copy_look="later"` does: the look read beside it (`Desk.start_copy_look`), only its end
on the window's thread; the rows "the window now: its thread" add up what that thread
spends (the open and the end).

    .venv/bin/python bench/bench_copy_check.py WORKSPACE.fcdesk [--runs 3]
    .venv/bin/python bench/bench_copy_check.py --article [--runs 3]

The workspace given is copied, never changed. `--article` builds one instead: one
article of 10,000 sentences (bench_review_loop's), 3,000 of them given a verdict and an
explanation through the desk, each edit with its history entry.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck_app.services.desk import Desk
from factcheck_app.storage.other_workspace import read_snapshot
from factcheck_app.storage.two_moments import newest_unlike_history, reviews_unlike_history

# A desk's "open" mark written in another file (its inode): a copy taken while it was open.
MARK = "4121@newsroom-pc in file 1"


def _mark(path: Path, mark: str | None) -> None:
    """Leave the file in WAL mode, with or without a desk's mark, and no -wal beside it."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM settings WHERE key = 'session.open'")
        if mark is not None:
            conn.execute("INSERT INTO settings (key, value) VALUES ('session.open', ?)", [mark])
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def _timed(runs: int, before: Callable[[], None], action: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def _open_close(path: Path, **kwargs: object) -> Callable[[], None]:
    def run() -> None:
        desk = Desk.open(path, backup=False, **kwargs)  # type: ignore[arg-type]
        assert (desk.copy_look is not None) == (_marked(path) is not None) or desk.read_only
        desk.close()

    return run


def _in_window(
    path: Path, runs: int, again: Callable[[], None], **kwargs: object
) -> tuple[list[float], list[float]]:
    """As the window opens it: the times its thread spends (the open, then the look's end)
    and the look's own, beside it."""
    held, beside = [], []
    for _ in range(runs):
        again()
        started = time.perf_counter()
        desk = Desk.open(
            path,
            backup=False,
            search_index="beside",
            copy_look="later",
            **kwargs,  # type: ignore[arg-type]
        )
        opened = time.perf_counter() - started
        try:
            if not desk.copy_look_due:
                held.append(opened)
                beside.append(0.0)
                continue
            ended = threading.Event()
            started = time.perf_counter()
            look = desk.start_copy_look(lambda _look: ended.set())  # noqa: B023 (waited here)
            ended.wait()
            beside.append(time.perf_counter() - started)
            assert look.reading is not None, look.error
            started = time.perf_counter()
            desk.finish_copy_look(look.reading)
            held.append(opened + time.perf_counter() - started)
        finally:
            desk.close()
    return held, beside


def _marked(path: Path) -> str | None:
    return MARK if path.name.startswith("marked") else None


def _build_article(path: Path) -> None:
    """One article of 10,000 sentences, 3,000 reviewed through the desk (6,000 edits)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_review_loop import TARGET_SENTENCES, news_article

    desk = Desk.open(path, backup=False)
    try:
        text = news_article(sentences=TARGET_SENTENCES, seed=10_000)
        article_id = desk.importer.import_text(text, source_name="bench-10k.txt").article_id
        rows = desk.reviews.sentence_rows(article_id)
        for row in rows[len(rows) // 2 : len(rows) // 2 + 3000]:
            desk.reviews.set_verdict(row.sentence.id, "false")
            desk.reviews.set_text_field(row.sentence.id, "explanation", "The ministry's figures")
    finally:
        desk.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path, nargs="?")
    parser.add_argument("--article", action="store_true", help="build a 10k-sentence article")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows: list[tuple[str, list[float]]] = []
    with tempfile.TemporaryDirectory(prefix="bench-copy-check-") as folder:
        if args.article:
            args.workspace = Path(folder) / "article-10k.fcdesk"
            _build_article(args.workspace)
        elif args.workspace is None:
            parser.error("name a workspace, or --article")
        plain, marked = Path(folder) / "plain.fcdesk", Path(folder) / "marked.fcdesk"
        shutil.copyfile(args.workspace, plain)
        shutil.copyfile(args.workspace, marked)
        _mark(plain, None)
        _mark(marked, MARK)
        size = marked.stat().st_size / 1e6
        for label, path in (("a normal open", plain), ("a copy taken while open", marked)):
            again = lambda p=path: _mark(p, _marked(p))  # noqa: E731 (the open removes it)
            rows.append((f"open for editing, {label}", _timed(args.runs, again, _open_close(path))))
            rows.append(
                (
                    f"the window before: open, look on its thread, {label}",
                    _timed(args.runs, again, _open_close(path, search_index="beside")),
                )
            )
            for how, kwargs in (("for editing", {}), ("read-only", {"read_only": True})):
                held, beside = _in_window(path, args.runs, again, **kwargs)
                rows.append((f"the window now: its thread, {how}, {label}", held))
                if label != "a normal open":
                    rows.append((f"  the window now: the look beside it ({how})", beside))
            rows.append(
                (
                    f"read-only open, {label}",
                    _timed(args.runs, again, _open_close(path, read_only=True)),
                )
            )
            rows.append(
                (
                    f"a merge's reading, {label}",
                    _timed(args.runs, again, lambda p=path: read_snapshot(p)),
                )
            )
        # The parts, read on a connection of their own.
        reader = Desk.open(marked, read_only=True, backup=False, session=False)
        try:
            rows.append(
                (
                    "every open: its newest saves against their history (tail look)",
                    _timed(
                        args.runs * 5, lambda: None, lambda: newest_unlike_history(reader.repo.db)
                    ),
                )
            )
            rows.append(
                (
                    "  of which: reviews against their history",
                    _timed(args.runs, lambda: None, lambda: reviews_unlike_history(reader.repo.db)),
                )
            )
            rows.append(
                (
                    "  of which: the search index, read (read-only)",
                    _timed(args.runs, lambda: None, lambda: reader.repo.search.inspect()),
                )
            )
        finally:
            reader.close()
        writer = Desk.open(plain, backup=False, session=False)
        try:
            rows.append(
                (
                    "  of which: the search index, FTS5's own check (for editing)",
                    _timed(
                        args.runs,
                        lambda: None,
                        lambda: writer.repo.search.inspect(own_check=True),
                    ),
                )
            )
            reviews = writer.repo.db.execute("SELECT count(*) FROM reviews").fetchone()[0]
            history = writer.repo.db.execute("SELECT count(*) FROM history").fetchone()[0]
        finally:
            writer.close()
    print(
        f"{args.workspace.name}: {size:.0f} MB, {reviews:,} reviews, {history:,} history "
        f"entries; {args.runs} runs each, load {os.getloadavg()[0]:.1f}"
    )
    for label, times in rows:
        median, most = statistics.median(times), max(times)
        if median < 0.1:
            print(f"{label:<66} median {median * 1000:6.1f} ms (max {most * 1000:.1f})")
        else:
            print(f"{label:<66} median {median:6.2f} s  (max {most:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
