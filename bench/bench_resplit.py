#!/usr/bin/env python3
"""Opening and re-splitting a big article in the window: how long the window's thread
is blocked, and how much memory it takes.

For each size (default 0.1, 1, 5 and 30 MB of the review-loop bench's wire copy) a
fresh process makes a workspace, imports the article (`desk.importer.import_text`, as
the import worker does; timed for information), joins every tenth sentence with the
next (as an older splitter would have cut it, so that a re-split changes something),
reviews the second half as `bench_review_loop.seed_reviews` does, then opens a real
`MainWindow` (offscreen) and times, on the window's own thread:

- opening the article (`window.open_article`, what a click in the list does);
- Edit → Re-split Article (the action, its "Re-split anyway?" answered Yes);
- Ctrl+Z (undo the re-split) and Ctrl+Y (redo it).

Each is timed from the call to its return (everything it does on the window's thread:
the SQLite commit, the model reset, the article view), then the event loop is run
until nothing is left for 0.5 s, and the longest turn of it is reported too. Memory:
VmRSS after each step and the peak (VmHWM, reset before each step through
/proc/self/clear_refs where the kernel allows it). On-CPU time (`time.thread_time`)
is given beside the wall time: on a shared machine a wall time far above it means the
process waited for a core.

It is a report, not a test: it exits 0. Qt is offscreen; the workspace and the
window's settings are in a temporary folder deleted at the end.
Run: `.venv/bin/python bench/bench_resplit.py [--sizes 0.1,1,5,30] [--json [PATH]]`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_output import write_json  # noqa: E402
from bench_review_loop import (  # noqa: E402
    _isolate_settings,
    _wait_painted,
    load_average,
    news_article,
    seed_reviews,
)

# docs/performance.md (budgets): a 1 MB article imported and split in ≤ 1 s; no turn of
# the window's thread over 100 ms while big work runs in the background.
TURN_BUDGET_MS = 100.0
ONE_MB_BUDGET_S = 1.0
IDLE_S = 0.5


def memory() -> tuple[float, float]:
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def old_boundaries(desk: Any, article_id: int, every: int = 10) -> int:
    """Join every `every`-th sentence with the next one in its paragraph (an older
    splitter's cut); returns how many were joined."""
    repo = desk.repo
    rows = repo.sentences.sentence_rows(article_id)
    joined = 0
    with repo.db.atomic(), repo.search.batch():
        index = 0
        while index + 1 < len(rows):
            first, second = rows[index].sentence, rows[index + 1].sentence
            if index % every == 0 and first.paragraph == second.paragraph:
                repo.sentences.delete_sentence(second.id)
                repo.db.execute(
                    'UPDATE sentences SET "end" = ? WHERE id = ?', [second.end, first.id]
                )
                repo.search.sentence_changed(first.id)
                joined += 1
                index += 2
            else:
                index += 1
    return joined


def child(size_mb: float, tmp: Path) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from factcheck_app.gui.actions import ActionId
    from factcheck_app.gui.controllers import edits as edits_controller
    from factcheck_app.gui.main_window import MainWindow
    from factcheck_app.services.desk import Desk

    _isolate_settings(str(tmp / "settings"))
    sys.setswitchinterval(0.001)  # as gui.app.run_gui does: the worker yields the lock often
    app = QApplication(sys.argv[:1])
    boxes: list[str] = []  # what message boxes said (not shown: answered at once)
    QMessageBox.exec = lambda box: boxes.append(box.text()) or 0  # type: ignore[method-assign,assignment,func-returns-value]
    out: dict[str, Any] = {"size_mb": size_mb}
    text = news_article(min_bytes=int(size_mb * 1_000_000), seed=7)
    out["bytes"] = len(text.encode())
    desk = Desk.open(tmp / "w.fcdesk")
    small = desk.importer.import_text(news_article(sentences=50, seed=1), source_name="small")
    begin = time.perf_counter()
    big = desk.importer.import_text(text, source_name="big")
    out["import_s"] = time.perf_counter() - begin
    del text
    out["joined"] = old_boundaries(desk, big.article_id)
    rated, claims = seed_reviews(desk, big.article_id)
    out["rated"], out["claims"] = len(rated), claims
    out["sentences_before"] = len(desk.repo.sentences.sentence_rows(big.article_id))
    out["workspace_mb"] = (tmp / "w.fcdesk").stat().st_size / 1e6
    window = MainWindow(desk)
    window.resize(1024, 640)
    window.show()
    _wait_painted(app, [window.sentence_view.viewport(), window.article_view.viewport()])
    window.open_article(small.article_id)
    app.processEvents()
    asked: list[str] = []

    def answer_yes(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(str(args[1]) if len(args) > 1 else "")
        return QMessageBox.StandardButton.Yes

    edits_controller.ask = answer_yes  # type: ignore[assignment]
    out["rss_start_mb"] = memory()[0]

    def settle() -> float:
        """Run the event loop until 0.5 s pass with nothing to do; the longest turn (ms)."""
        longest = 0.0
        quiet_since = time.perf_counter()
        while time.perf_counter() - quiet_since < IDLE_S:
            begin = time.perf_counter()
            app.processEvents()
            spent = time.perf_counter() - begin
            longest = max(longest, spent)
            if spent > 0.005:
                quiet_since = time.perf_counter()
            time.sleep(0.002)  # a bench, not a test: let the worker threads run
        return longest * 1000

    def step(name: str, call: Any) -> None:
        """`call` (an action), then the event loop until a worker it started has ended;
        the longest stretch the window's thread was held (the call itself or one turn)."""
        peak_known = reset_peak()
        cpu, begin = time.thread_time(), time.perf_counter()
        call()
        wall = time.perf_counter() - begin
        cpu = time.thread_time() - cpu
        longest, longest_cpu = wall, cpu
        while window.merging.running:  # a worker's re-split (or its undo): turns
            turn_cpu, turn = time.thread_time(), time.perf_counter()
            app.processEvents()
            spent = time.perf_counter() - turn
            if spent > longest:
                longest, longest_cpu = spent, time.thread_time() - turn_cpu
            time.sleep(0.002)  # a bench, not a test: let the worker thread run
        done = time.perf_counter() - begin
        after = settle()  # the window shows the result: reloads the article
        rss, peak = memory()
        out[name] = {
            "blocked_s": max(longest, after / 1000),
            "cpu_s": longest_cpu,
            "call_s": wall,
            "done_s": done,
            "longest_turn_after_ms": after,
            "rss_mb": rss,
            "peak_mb": peak if peak_known else None,
            "rows": window.sentence_model.rowCount(),
        }
        print(
            f"  {size_mb} MB {name}: done in {done:.2f} s; longest hold {longest:.2f} s "
            f"(cpu {longest_cpu:.2f}), after {after:.0f} ms; peak {peak:.0f} MB",
            file=sys.stderr,
            flush=True,
        )

    step("open", lambda: window.open_article(big.article_id))
    step("resplit", lambda: window.registry[ActionId.RESPLIT_ARTICLE].trigger())
    out["sentences_after"] = window.sentence_model.rowCount()
    step("undo", lambda: window.registry[ActionId.UNDO].trigger())
    step("redo", lambda: window.registry[ActionId.REDO].trigger())
    out["status"] = window.statusBar().currentMessage()
    # Re-split again, with nothing left to change: is the reviewer asked about the reviews
    # first (a question whose answer does nothing), and how long is the window held?
    asked.clear()
    boxes.clear()
    step("nothing", lambda: window.registry[ActionId.RESPLIT_ARTICLE].trigger())
    out["nothing_asked"] = len(asked)
    out["nothing_said"] = " / ".join(boxes) or window.statusBar().currentMessage()
    # What the history box reads 150 ms after the reviewer stops at a sentence: the
    # re-split's entries (and their undo and redo) name every sentence of the article.
    from factcheck_app.gui.controllers.sign_off import HISTORY_SHOWN

    middle = window.sentence_model.rows()[window.sentence_model.rowCount() // 2].sentence.id
    begin = time.perf_counter()
    window.desk.history.of_sentence(middle, HISTORY_SHOWN)
    out["history_s"] = time.perf_counter() - begin
    window.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,1,5,30", help="article sizes in MB")
    parser.add_argument("--json", nargs="?", const="-", default=None)
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        with tempfile.TemporaryDirectory(prefix="bench-resplit-") as tmp:
            os.environ["FACTCHECK_DATA_DIR"] = tmp
            os.environ["XDG_CONFIG_HOME"] = tmp
            print(json.dumps(child(args.child, Path(tmp))), flush=True)
        os._exit(0)  # as the app leaves: no teardown of a window's worth of objects
    results = []
    load_before = load_average()
    for size in (float(s) for s in args.sizes.split(",")):
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(size)],
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode or not lines:
            print(f"{size} MB: the child failed (exit {done.returncode})")
            continue
        results.append(json.loads(lines[-1]))
    print(f"load before {load_before}, after {load_average()}\n")
    print(
        "| article | sentences (after re-split) | import (service) | open: longest hold / "
        "cpu, peak RSS | re-split: longest hold / cpu, peak RSS; done in | undo | redo "
        "| workspace file |"
    )
    print("|---|---|---|---|---|---|---|---|")

    def cell(r: dict[str, Any], name: str) -> str:
        s = r[name]
        peak = f"{s['peak_mb']:.0f} MB" if s["peak_mb"] is not None else "?"
        verdict = "" if s["blocked_s"] * 1000 <= TURN_BUDGET_MS else " **over**"
        done = f"; {s['done_s']:.1f} s" if s["done_s"] > s["blocked_s"] + 0.05 else ""
        return f"{s['blocked_s']:.2f} s / {s['cpu_s']:.2f} s, {peak}{verdict}{done}"

    for r in results:
        print(
            f"{r['bytes'] / 1e6:.2f} MB: re-split again with nothing to change: held "
            f"{r['nothing']['blocked_s']:.2f} s (cpu {r['nothing']['cpu_s']:.2f}), "
            f"asked {r['nothing_asked']} question(s) first; said: {r['nothing_said']!r}"
        )
    for r in results:
        print(
            f"{r['bytes'] / 1e6:.2f} MB: a sentence's history, after the re-split, its undo "
            f"and redo: {r['history_s']:.2f} s"
        )
    for r in results:
        print(
            f"| {r['bytes'] / 1e6:.2f} MB | {r['sentences_before']:,} ({r['sentences_after']:,}) "
            f"| {r['import_s']:.2f} s | {cell(r, 'open')} | {cell(r, 'resplit')} "
            f"| {cell(r, 'undo')} | {cell(r, 'redo')} | {r['workspace_mb']:.0f} MB |"
        )
    print(f"\n(**over**: a turn of the window's thread above {TURN_BUDGET_MS:.0f} ms.)")
    if args.json is not None:
        write_json(args.json, {"results": results, "load": [load_before, load_average()]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
