#!/usr/bin/env python3
"""The workspace's -wal during Export → All articles while the window saves (performance.md).

Builds a workspace of `--articles` articles (40 sentences each), opens the export dialog
offscreen on it with the window's own desk, and exports every article in `--format`
into an empty folder while a timer on the window's thread saves a 2 kB explanation
every 10 ms (in effect an import beside the window, or another desk's saves: the
dialog keeps the reviewer from the window while it runs). The size of `NAME.fcdesk-wal` is
looked at on each tick; its peak, the saves made and the export's time are told.

`--one-state` reads the way the dialog did before 7 December: every article inside one
read transaction (`Desk.reading_apart(path)`), which kept every save made meanwhile in
the -wal until the export's end.

It is a report, not a test: it exits 0. Run:
`.venv/bin/python bench/bench_export_all_wal.py [--articles 200] [--format md] [--one-state]`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("FACTCHECK_REVIEWER", "bench")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SENTENCES = 40


def build(path: Path, articles: int) -> None:
    from factcheck_app.services.desk import Desk

    desk = Desk.open(path)
    try:
        for number in range(1, articles + 1):
            text = " ".join(
                f"The minister said in speech {number} that spending rose by {k} percent."
                for k in range(SENTENCES)
            )
            desk.importer.import_text(text)
    finally:
        desk.close()


def run(path: Path, tmp: Path, key: str, one_state: bool) -> dict[str, Any]:
    os.environ["FACTCHECK_DATA_DIR"] = str(tmp / "data")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from factcheck_app.gui.dialogs import export as export_dialog
    from factcheck_app.services.desk import Desk

    if one_state:
        apart = Desk.reading_apart.__func__  # type: ignore[attr-defined]
        Desk.reading_apart = classmethod(  # type: ignore[method-assign,assignment]
            lambda cls, p, one_state=True: apart(cls, p, one_state=True)
        )
    app = QApplication(sys.argv[:1])
    desk = Desk.open(path)
    ids = [article.id for article in desk.articles.list_articles()]
    sentences = [row.sentence.id for row in desk.reviews.sentence_rows(ids[0])]
    export_dialog.ask = lambda *a, **k: QMessageBox.StandardButton.Yes  # type: ignore[assignment]
    dialog = export_dialog.ExportDialog(desk, ids[0])
    dialog.show()
    folder = tmp / "reports"
    folder.mkdir()
    dialog.set_format(key)
    dialog.all_articles_button.setChecked(True)
    dialog.path_edit.setText(str(folder))
    wal = Path(f"{path}-wal")
    state = {"saves": 0, "peak": 0, "exporting": False}

    def tick() -> None:
        if state["exporting"]:
            sid = sentences[state["saves"] % len(sentences)]
            words = f"Checked against the budget tables, draft {state['saves']}. " * 40
            desk.reviews.set_text_field(sid, "explanation", words[:2000])
            state["saves"] += 1
        if wal.exists():
            state["peak"] = max(state["peak"], wal.stat().st_size)

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    started = time.perf_counter()
    state["exporting"] = True
    dialog.export_button.click()
    while dialog.running:
        app.processEvents()
        time.sleep(0.001)
    took = time.perf_counter() - started
    state["exporting"] = False
    timer.stop()
    result = {
        "reading": "one state for the whole run" if one_state else "each article its own",
        "articles": len(ids),
        "format": key,
        "files": len(os.listdir(folder)),
        "saves_during_export": state["saves"],
        "export_s": round(took, 1),
        "peak_wal_mb": round(state["peak"] / 2**20, 1),
        "wal_after_mb": round(wal.stat().st_size / 2**20, 1) if wal.exists() else 0.0,
    }
    dialog._closed_by_program = True
    dialog.done(0)
    desk.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--format", default="md")
    parser.add_argument("--one-state", action="store_true", help="read as before 7 December")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-export-wal-") as name:
        tmp = Path(name)
        path = tmp / "work.fcdesk"
        build(path, args.articles)
        result = run(path, tmp, args.format, args.one_state)
    for key, value in result.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
