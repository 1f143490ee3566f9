#!/usr/bin/env python3
"""A background backup of a year's workspace while the reviewer keeps editing (docs/performance.md).

SQLite's online backup starts again from the first page whenever another connection
writes the source between two of its steps, unless the backup's own connection holds a
read transaction all along. The window's backup (`Upkeep.start_backup`, through
`backups.take_backup_on_own_connection`) copies in steps of `STEP_PAGES` pages from a
read-only connection of its own. This measures, on the year's workspace of
`bench_big_workspace.py` (170 MB; built and cached there on the first run):

1. **services**: the backup in a thread while the main thread tags a sentence through the
   desk's services every `--every` seconds (1–3 s at random: a reviewer; `--stress`: every
   20 ms), for each way of copying: as shipped (steps, one read transaction held), the
   same steps without the held transaction (what SQLite does then), and one single step.
   For each: done or starved, the steps taken against the steps a copy needs (each
   restart adds the steps copied again), wall time, the backup thread's CPU, and the
   edits' save latency.
2. **keys** (`--keys`): the window's key presses on a 10,000-sentence article added to the
   year's workspace, as `bench_review_loop.py --only keys` drives them, with automatic
   backups made back to back in a thread all along, against none (budgets: tag and
   verdict median ≤ 5 ms, worst ≤ 16 ms).

Run: `.venv/bin/python bench/bench_backup_under_edits.py [--runs N] [--stress] [--keys]
[--ops N] [--cache DIR]`. It is a report: it exits 0. Everything it writes goes into a
temporary folder deleted at the end.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("FACTCHECK_REVIEWER", "bench")

from bench_big_workspace import cached_workspace
from bench_review_loop import load_average, machine, source_state

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups

WAYS = ("no backup", "shipped", "no held transaction", "one step")


@dataclass
class Run:
    """One backup under edits."""

    way: str
    done: bool = False
    steps: int = 0
    needed: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    check_seconds: float = 0.0  # of `seconds`: reading the new backup back
    saves_ms: list[float] = field(default_factory=list)


def _copy(way: str, workspace: Path, run: Run, give_up: Callable[[], bool]) -> None:
    """One backup of `workspace`, as `way` says, counting its steps."""

    folder = backups.backup_dir(workspace)

    def step() -> bool:
        # Asked between copy steps, and then while the copy is read back: only the first count.
        if any(folder.glob("*.partial")):
            run.steps += 1
        return give_up()

    if way == "no backup":  # the saves alone, for comparison: as long as a backup takes
        end = time.perf_counter() + 0.5
        while time.perf_counter() < end and not give_up():
            time.sleep(0.01)
        return
    checking = getattr(backups, "reads_back_whole", None)
    if checking is not None:

        def timed_check(path: Path, cancelled: Callable[[], bool] | None = None) -> bool:
            start = time.perf_counter()
            try:
                return bool(checking(path, cancelled))
            finally:
                run.check_seconds += time.perf_counter() - start

        backups.reads_back_whole = timed_check
    try:
        _copy_way(way, workspace, run, step)
    finally:
        if checking is not None:
            backups.reads_back_whole = checking


def _copy_way(way: str, workspace: Path, run: Run, step: Callable[[], bool]) -> None:
    if way == "shipped":
        backups.take_backup_on_own_connection(workspace, "auto", cancelled=step)
        return
    conn = sqlite3.connect(
        f"{workspace.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
    )
    try:
        if way == "one step":
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            run.steps = 1
            backups.take_backup(conn, workspace, "auto")
        else:  # "no held transaction": each step takes and drops its own
            backups.take_backup(conn, workspace, "auto", cancelled=step)
    finally:
        conn.close()


def one_run(
    way: str,
    desk: Desk,
    workspace: Path,
    sentence_ids: list[int],
    every: Callable[[], float],
    limit: float,
) -> Run:
    """Back up in a thread while this thread tags a sentence every `every()` seconds."""
    run = Run(way)
    pages = desk.repo.db.conn.execute("PRAGMA page_count").fetchone()[0]
    run.needed = {"one step": 1, "no backup": 0}.get(way, math.ceil(pages / backups.STEP_PAGES))
    started = time.perf_counter()
    finished = threading.Event()
    give_up = threading.Event()

    def work() -> None:
        cpu = time.thread_time()
        try:
            _copy(way, workspace, run, give_up.is_set)
            run.done = True
        except backups.BackupCancelled:
            pass
        finally:
            run.cpu_seconds = time.thread_time() - cpu
            run.seconds = time.perf_counter() - started
            finished.set()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    rng = random.Random(len(run.saves_ms) + hash(way) % 1000)
    tags = [Tag.CLAIM, Tag.FACT, Tag.DENIAL, None]
    while not finished.wait(every()):
        if time.perf_counter() - started > limit:
            give_up.set()  # starved: it would never end while the reviewer works
            break
        sentence = rng.choice(sentence_ids)
        start = time.perf_counter()
        desk.reviews.set_tag(sentence, rng.choice(tags))
        run.saves_ms.append((time.perf_counter() - start) * 1000)
    thread.join()
    for made in backups.backup_dir(workspace).glob("*.fcdesk"):
        made.unlink()  # each run starts with room and nothing to rotate
    return run


def bench_services(workspace: Path, runs: int, stress: bool, limit: float) -> list[Run]:
    desk = Desk.open(workspace, backup=False)
    try:
        ids = [
            row[0]
            for row in desk.repo.db.conn.execute(
                "SELECT id FROM sentences ORDER BY random() LIMIT 2000"
            )
        ]
        rng = random.Random(3)
        every: Callable[[], float] = (lambda: 0.02) if stress else (lambda: rng.uniform(1.0, 3.0))
        results = []
        for _ in range(runs):
            for way in WAYS:
                results.append(one_run(way, desk, workspace, ids, every, limit))
        return results
    finally:
        desk.close()


def report_services(results: list[Run], stress: bool, limit: float) -> None:
    print(f"\n## Backup under edits ({'a tag every 20 ms' if stress else 'a tag every 1–3 s'})\n")
    print(
        "| way of copying | finished | steps (needed) | wall s (of it: read back) "
        "| backup CPU s | saves during | save median / worst ms |"
    )
    print("|---|---|---|---|---|---|---|")
    for way in WAYS:
        mine = [r for r in results if r.way == way]
        saves = [s for r in mine for s in r.saves_ms]
        done = sum(r.done for r in mine)
        steps = "/".join(str(r.steps) for r in mine)
        walls = statistics.median(r.seconds for r in mine)
        checks = statistics.median(r.check_seconds for r in mine)
        cpus = statistics.median(r.cpu_seconds for r in mine)
        lat = f"{statistics.median(saves):.1f} / {max(saves):.1f}" if saves else "—"
        starved = f" (others stopped after {limit:.0f} s)" if done < len(mine) else ""
        print(
            f"| {way} | {done} of {len(mine)}{starved} | {steps} ({mine[0].needed}) "
            f"| {walls:.2f} ({checks:.2f}) | "
            f"{cpus:.2f} | {len(saves)} | {lat} |"
        )


def bench_keys_with_backups(workspace: Path, tmp: Path, ops: int) -> None:
    """`bench_review_loop`'s key loop on a 10,000-sentence article in the year's workspace,
    without and then with automatic backups made back to back in a thread."""
    import bench_review_loop as loop

    desk = Desk.open(workspace, backup=False)
    text = loop.news_article(sentences=loop.TARGET_SENTENCES, seed=10_000)
    imported = desk.importer.import_text(text, source_name="bench-10k.txt")
    rated, _claims = loop.seed_reviews(desk, imported.article_id)
    desk.close()
    for label, backing_up in (("no backup running", False), ("backups back to back", True)):
        stop = threading.Event()
        made = [0]

        def back_up_all_along(stop: threading.Event = stop, made: list[int] = made) -> None:
            while not stop.is_set():
                try:
                    backups.take_backup_on_own_connection(workspace, "auto", cancelled=stop.is_set)
                    made[0] += 1
                except backups.BackupCancelled:
                    return
                for old in backups.backup_dir(workspace).glob("*.fcdesk"):
                    old.unlink()

        thread = threading.Thread(target=back_up_all_along, daemon=True)
        if backing_up:
            thread.start()
        ctx = loop.Context(
            tmp=tmp,
            env=dict(os.environ),
            workspace=workspace,
            article_id=imported.article_id,
            sentence_count=imported.sentence_count,
            article_bytes=len(text.encode()),
            runs=1,
            ops=ops,
            seeded_rated=set(rated),
        )
        loop.bench_keys(ctx, None)
        stop.set()
        if backing_up:
            thread.join()
        print(
            f"\n## Keys, {label}"
            + (f" ({made[0]} backups made during the loop)" if backing_up else "")
            + "\n"
        )
        for row in ctx.rows[:4]:
            print(f"- {row.measure}: {row.result} — {row.status}")
        for note in ctx.notes:
            if note.startswith("WARNING"):
                print(f"- {note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stress", action="store_true", help="a tag every 20 ms")
    parser.add_argument("--keys", action="store_true", help="also the window's key presses")
    parser.add_argument("--only-keys", action="store_true", help="only the window's key presses")
    parser.add_argument("--ops", type=int, default=200)
    parser.add_argument(
        "--limit", type=float, default=60.0, help="seconds before a backup counts as starved"
    )
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "fcdesk-bench-big"
    )
    args = parser.parse_args()
    print(f"{machine()}; load {load_average()}; {source_state()}; STEP_PAGES={backups.STEP_PAGES}")
    year = cached_workspace(args.cache, 5000, 40, rebuild=False)
    with tempfile.TemporaryDirectory(prefix="fcdesk-bench-backup-") as name:
        tmp = Path(name)
        os.environ["FACTCHECK_DATA_DIR"] = str(tmp / "data")
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
        workspace = tmp / "year.fcdesk"
        shutil.copyfile(year, workspace)
        print(f"workspace: {workspace.stat().st_size / 1e6:.0f} MB")
        if not args.only_keys:
            results = bench_services(workspace, args.runs, args.stress, args.limit)
            report_services(results, args.stress, args.limit)
        if args.keys or args.only_keys:
            bench_keys_with_backups(workspace, tmp, args.ops)
    return 0


if __name__ == "__main__":
    sys.exit(main())
