#!/usr/bin/env python3
"""A full rebuild of the search index on a year's workspace, as the window meets it
(docs/performance.md, "The search index rebuilt beside the window").

On a fresh copy of `bench_big_workspace.py`'s workspace (5,000 articles, 205,000
sentences, 170 MB), each run a fresh window process:

- `open`: the index an older version made (its version setting set back), the window
  opens it as `run_gui` does;
- `check`: the index damaged (pages of its FTS5 structure deleted), the window opens it
  and File → Check Workspace finds it and has it rebuilt;
- `readonly`: the index an older version made, the window opens the workspace read-only
  (as a backup opened with File → Open Workspace, or one another desk holds): it cannot
  rebuild the workspace's index, and builds a private one in memory instead. No saves
  (nothing can be edited); "whole" is when the private index is searched.

Measured until the index is whole again: how long opening the workspace held the
window's thread, the window's longest turn (a 5 ms heartbeat timer: the longest a key
press would have waited, the open included), a tag and its undo saved every 200 ms
(each save's time on the window's thread, until the rebuild is done), what a search
(Ctrl+F) shows once the rebuild runs, and when the index was whole. The open itself
(0.7 s on a quiet machine, most of it the quick check) is reported apart. Budgets: any turn
≤ 100 ms, a save ≤ 100 ms. A report, not a test: it exits 0.

Run: `.venv/bin/python bench/bench_index_rebuild.py [--runs N] [--case open|check|readonly|both|all]
[--cache DIR] [--json PATH]`. It works on older checkouts too (run it with PYTHONPATH
set to the checkout to measure): what a desk without the rebuild beside the window did.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("FACTCHECK_REVIEWER", "bench")

from bench_big_workspace import Heartbeat, cached_workspace, status, window_child_result
from bench_output import write_json
from bench_review_loop import (  # sets QT_QPA_PLATFORM=offscreen
    _isolate_settings,
    _wait_painted,
    load_average,
    machine,
)

TURN_MS = 100.0
SAVE_MS = 100.0
SAVE_EVERY_MS = 200
QUERY = "minister"
LIMIT_S = 300.0


def prepare_copy(workspace: Path, copy: Path, case: str) -> None:
    """A copy of `workspace` whose index must be rebuilt: made by an older version
    (`open`) or damaged (`check`)."""
    shutil.copyfile(workspace, copy)
    db = sqlite3.connect(copy)
    try:
        if case in ("open", "readonly"):
            db.execute("UPDATE settings SET value = '1' WHERE key = 'search_index_version'")
        else:
            db.execute("DELETE FROM search_index_data WHERE id > 10")
        db.commit()
    finally:
        db.close()


def child_main(path: Path, case: str) -> int:
    import faulthandler

    faulthandler.dump_traceback_later(LIMIT_S + 60, exit=True)
    _isolate_settings(os.environ["BENCH_SETTINGS"])
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from factcheck_app.domain.matching import SEARCH_INDEX_VERSION
    from factcheck_app.gui.actions import ActionId
    from factcheck_app.gui.app import make_application, open_workspace, show_opening_window

    if case == "readonly":  # opened read-only, as File → Open Workspace opens a backup
        from factcheck_app.gui import workspace_opener

        real_open = workspace_opener._open_with_wait_cursor
        workspace_opener._open_with_wait_cursor = (  # type: ignore[assignment]
            lambda path, read_only, because: real_open(path, True, because)
        )

    app = make_application()
    long_turns: list[tuple[float, float]] = []  # (seconds after the open, ms)
    QMessageBox.exec = lambda box: 0  # type: ignore[method-assign]  # the check's report
    window = show_opening_window(path)
    heart = Heartbeat(app)
    beat = heart._beat

    def noting_beat() -> None:  # the long turns, and when
        gap = (time.perf_counter() - heart.last) * 1000
        if gap > TURN_MS:
            long_turns.append((round(time.perf_counter() - started, 2), round(gap, 1)))
        beat()

    heart.timer.timeout.disconnect()
    heart.timer.timeout.connect(noting_beat)
    started = time.perf_counter()
    open_workspace(window, path, seed=False)
    open_s = time.perf_counter() - started
    _wait_painted(app, [window.sentence_view.viewport()])
    desk = window.desk
    index = getattr(window, "index", None)  # None: a desk that rebuilt at the open

    def whole() -> bool:
        if index is not None and index.running():
            return False
        if case == "check" and window.workspace.check_running():
            return False
        if case == "readonly":  # a private index, searched once it is built
            search_index = desk.repo.search
            return search_index.table != "search_index" and not getattr(
                search_index, "private_due", False
            )
        current = desk.repo.settings.get_setting("search_index_version")
        return current == str(SEARCH_INDEX_VERSION)

    saves: list[float] = []
    tagged = [False]

    def save() -> None:
        if not searched and (index is None or index.running() or case == "readonly"):
            # Once the rebuild runs (the check's damaged index failed a search); read-only,
            # at the first save's time (a desk that built the index at the open has none
            # running).
            search()
        if whole() or desk.read_only:
            return
        action = ActionId.UNDO if tagged[0] else ActionId.TAG_CLAIM
        begun = time.perf_counter()
        window.registry[action].trigger()
        saves.append((time.perf_counter() - begun) * 1000)
        tagged[0] = not tagged[0]

    searched: dict[str, Any] = {}

    def search() -> None:
        window.registry[ActionId.SEARCH_WORKSPACE].trigger()
        panel = window.search_panel
        panel.query_edit.setText(QUERY)
        begun = time.perf_counter()
        panel.run_search()
        label = panel.count_label
        searched.update(
            during=not whole(),
            ms=(time.perf_counter() - begun) * 1000,
            said=label.toolTip() or label.text(),
            note=getattr(panel.view, "empty_text", ""),
            rows=panel.model.rowCount(),
        )

    saving = QTimer(interval=SAVE_EVERY_MS)
    saving.timeout.connect(save)
    saving.start()
    if case == "check":
        window.registry[ActionId.CHECK_WORKSPACE].trigger()
    turn_ms = heart.run(LIMIT_S, until=lambda: whole() and bool(searched))
    # The turn that made the index whole (a desk that rebuilt on the window's thread) ends
    # after the last beat: counted too.
    last_gap = (time.perf_counter() - heart.last) * 1000
    if last_gap > TURN_MS:
        long_turns.append((round(time.perf_counter() - started, 2), round(last_gap, 1)))
    turn_ms = max(turn_ms, last_gap)
    done_s = time.perf_counter() - started
    saving.stop()
    # The search that waited runs now (in the turn that ended the rebuild, or a later
    # one): its turn is counted too.
    turn_ms = max(turn_ms, heart.run(0.5))
    panel = window.search_panel
    result = {
        "case": case,
        "open_s": open_s,
        "turn_after_open_ms": turn_ms,
        "longest_turn_ms": max(turn_ms, open_s * 1000),
        "whole_s": done_s,
        "saves": len(saves),
        "save_max_ms": max(saves, default=0.0),
        "save_median_ms": statistics.median(saves) if saves else 0.0,
        "search": searched,
        "results_after": panel.model.rowCount(),
        "long_turns": long_turns,
    }
    print(json.dumps(result), flush=True)
    window.close()
    from factcheck_app.gui.app import leave

    leave(0)


def run_child(workspace: Path, tmp: Path, case: str) -> dict[str, Any]:
    work = tmp / "child"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    copy = work / "year.fcdesk"
    prepare_copy(workspace, copy, case)
    env = {
        **os.environ,
        "FACTCHECK_DATA_DIR": str(tmp / "data"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "BENCH_SETTINGS": str(tmp / "settings"),
    }
    return window_child_result(
        [sys.executable, __file__, "--child", str(copy), "--case", case], env
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--case", choices=("open", "check", "readonly", "both", "all"), default="both"
    )
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "fcdesk-bench-big"
    )
    parser.add_argument("--json", metavar="PATH")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child_main(args.child, args.case)
    workspace = cached_workspace(args.cache, 5000, 40, rebuild=False)
    cases = {"both": ("open", "check"), "all": ("open", "check", "readonly")}.get(
        args.case, (args.case,)
    )
    load_before = load_average()
    runs: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-rebuild-") as folder:
        for case in cases:
            runs[case] = [run_child(workspace, Path(folder), case) for _ in range(args.runs)]
    print(f"{args.runs} fresh window(s) per case; {load_before} → {load_average()}")
    for case, results in runs.items():

        def med(key: str, results: list[dict[str, Any]] = results) -> float:
            return statistics.median(float(r[key]) for r in results)

        print(f"case {case}:")
        rows = [
            ("opening on the window's thread (s)", med("open_s"), None),
            ("longest turn after the open, until whole (ms)", med("turn_after_open_ms"), TURN_MS),
            ("longest turn, the open included (ms)", med("longest_turn_ms"), None),
            ("saves during the rebuild (count)", med("saves"), None),
            ("slowest save during the rebuild (ms)", med("save_max_ms"), SAVE_MS),
            ("median save during the rebuild (ms)", med("save_median_ms"), None),
            ("index whole, from the open (s)", med("whole_s"), None),
        ]
        for name, value, budget in rows:
            mark = "" if budget is None else f"≤ {budget:g}  {status(value <= budget)}"
            print(f"  {name:<46} {value:>10.1f}  {mark}")
        said = {r["search"].get("said", "") for r in results if r["search"].get("during")}
        print(f"  a search during the rebuild said: {sorted(said) or '(none ran during it)'}")
    print(machine())
    if args.json:
        write_json(args.json, {"runs": runs, "load_before": load_before, "machine": machine()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
