#!/usr/bin/env python3
"""Export → All articles in ClaimReview on a year's workspace, from the dialog (performance.md).

Opens the export dialog offscreen on a copy of `bench_big_workspace.py`'s year (5,000
articles × 40 sentences; built there and cached, or given with `--workspace`), chooses
ClaimReview with a publisher and a fact-check URL pattern, *All articles* and an empty
folder, and times, with a 5 ms heartbeat timer on the window's thread (its longest gap is
the window's longest turn):

1. from choosing *All articles* until Export can be pressed;
2. the press itself (on the window's thread: listing the articles and the files already
   in the folder, the question);
3. from the press until every article is written or refused; the peak memory of the
   process from 1. to the end (VmHWM, reset as *All articles* is chosen);
4. Export pressed again into the now full folder, answered *Don't Export*: the press is
   the look for reports already there, 5,000 of them.

It is a report, not a test: it exits 0. Run:
`.venv/bin/python bench/bench_export_all.py [--workspace W.fcdesk] [--json [PATH]]`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("FACTCHECK_REVIEWER", "bench")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bench_big_workspace  # the name of its cached workspace
from bench_output import write_json

PATTERN = "https://factcheck.example.org/checks/{slug}#claim-{number}"


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def reset_peak() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def run(workspace: Path, tmp: Path) -> dict[str, Any]:
    os.environ["FACTCHECK_DATA_DIR"] = str(tmp / "data")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    from bench_big_workspace import Heartbeat
    from PySide6.QtWidgets import QApplication, QMessageBox

    from factcheck_app.gui.dialogs import export as export_dialog
    from factcheck_app.services.desk import Desk

    app = QApplication(sys.argv[:1])
    heart = Heartbeat(app)
    desk = Desk.open(workspace)
    first = desk.articles.list_articles()[0].id
    answers = [QMessageBox.StandardButton.Yes]
    export_dialog.ask = lambda *args, **kwargs: answers[0]  # type: ignore[assignment]
    dialog = export_dialog.ExportDialog(desk, first)
    dialog.show()
    heart.run(0.3)
    folder = tmp / "reports"
    folder.mkdir()
    result: dict[str, Any] = {"articles": desk.articles.count()}

    dialog.set_format("claimreview")
    dialog.publisher_edit.setText("Example Fact Check")
    dialog.url_pattern_edit.setText(PATTERN)
    reset_peak()
    started = time.perf_counter()
    dialog.all_articles_button.setChecked(True)
    dialog.path_edit.setText(str(folder))  # a folder, once All articles is chosen
    turn = heart.run(120.0, until=dialog.export_button.isEnabled)
    result["until_export_can_be_pressed_s"] = round(time.perf_counter() - started, 2)
    result["until_then_longest_turn_ms"] = round(turn)

    started = time.perf_counter()
    dialog.export_button.click()
    result["press_ms"] = round((time.perf_counter() - started) * 1000)
    turn = heart.run(600.0, until=lambda: not dialog.running)
    result["press_to_done_s"] = round(time.perf_counter() - started, 2)
    result["run_longest_turn_ms"] = round(max(turn, result["press_ms"]))
    result["peak_mb"] = round(peak_mb())
    outcomes = dialog._outcomes
    result["written"] = sum(o.written for o in outcomes)
    result["refused"] = sum(not o.written for o in outcomes)
    result["files"] = len(os.listdir(folder))
    result["said"] = dialog.status_label.text()

    answers[0] = QMessageBox.StandardButton.No  # Don't Export
    heart.run(0.5, until=lambda: False)
    times = []
    for _ in range(3):
        started = time.perf_counter()
        dialog.export_button.click()
        times.append((time.perf_counter() - started) * 1000)
        heart.run(0.2)
    result["press_into_full_folder_ms"] = [round(t) for t in times]
    dialog._closed_by_program = True
    dialog.done(0)
    desk.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--workspace",
        type=Path,
        default=Path(tempfile.gettempdir())
        / "fcdesk-bench-big"
        / bench_big_workspace.workspace_name(5000, 40),
        help="the year's workspace (bench_big_workspace.py builds it); a copy is used",
    )
    parser.add_argument("--json", nargs="?", const="-", metavar="PATH")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-export-all-") as name:
        tmp = Path(name)
        copy = tmp / "year.fcdesk"
        shutil.copyfile(args.workspace, copy)
        result = run(copy, tmp)
    if args.json:
        write_json(args.json, result, ensure_ascii=False)
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
