#!/usr/bin/env python3
"""Probe: does a PDF export's worker, handed its fonts, still take Qt's font lock?

A probe, not a test. Run without arguments, it starts itself under gdb with a
breakpoint on `QFontPrivate::engineForScript` (Qt's way to a font engine, which takes
the font database's lock) and counts the hits in each thread while one PDF export runs
in a QThread with the fonts found on the GUI thread, as File → Export… does. At every
50th hit in the worker it asks Python whether that thread holds the interpreter lock
(`PyGILState_Check`). Prints the counts; needs gdb.

Run: `.venv/bin/python bench/probe_pdf_font_lock.py [--sentences N]`
(numbers in docs/safety.md, "A PDF export that hung once").
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
os.environ.setdefault("FACTCHECK_REVIEWER", "bench")
sys.path.insert(0, str(Path(__file__).resolve().parent))

GDB_COMMANDS = """
set pagination off
set breakpoint pending on
handle SIGPIPE nostop noprint
break QFontPrivate::engineForScript
commands
silent
python
import gdb
t = gdb.selected_thread().ptid[1]
c = globals().setdefault("counts", {})
key = "window" if t == MAIN else "worker"
c[key] = c.get(key, 0) + 1
if key == "worker" and c[key] % 50 == 1:
    held = int(gdb.parse_and_eval("(int)PyGILState_Check()"))
    name = "worker holding Python's lock" if held else "worker without Python's lock"
    c[name] = c.get(name, 0) + 1
end
continue
end
break main
run
python MAIN = gdb.selected_thread().ptid[1]
continue
python print("engineForScript hits (sampled lock checks):", counts)
"""


def probe(sentences: int) -> None:
    from bench_exports import article_text, review_bulk
    from PySide6.QtCore import QEventLoop, QObject, QThread, Signal, Slot
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from factcheck_app.gui.pdf_builder import report_fonts
    from factcheck_app.gui.pdf_report import write_pdf
    from factcheck_app.services.desk import Desk
    from factcheck_app.services.reports.model import load_article_report

    folder = Path(tempfile.mkdtemp(prefix="probe-pdf-font-lock-"))
    desk = Desk.open(folder / "probe.fcdesk")
    result = desk.importer.import_text(article_text(sentences), source_name="s.txt")
    review_bulk(desk, result.article_id)
    report = load_article_report(desk, result.article_id)
    desk.close()
    fonts = report_fonts()  # on the GUI thread, as the export dialog does

    class Worker(QObject):
        done = Signal()

        @Slot()
        def run(self) -> None:
            write_pdf(report, folder / "probe.pdf", fonts=fonts)
            self.done.emit()

    worker, thread, loop = Worker(), QThread(), QEventLoop()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.done.connect(thread.quit)
    thread.finished.connect(loop.quit)
    thread.start()
    loop.exec()
    thread.wait()
    print(f"exported {sentences} sentences in thread {threading.get_native_id()}'s worker")
    shutil.rmtree(folder, ignore_errors=True)
    del app


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=60)
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        probe(args.sentences)
        return 0
    gdb = shutil.which("gdb")
    if gdb is None:
        print("gdb is needed", file=sys.stderr)
        return 1
    with tempfile.NamedTemporaryFile("w", suffix=".gdb", delete=False) as commands:
        commands.write(GDB_COMMANDS)
    try:
        command = [gdb, "-q", "-batch", "-x", commands.name, "--args", sys.executable]
        script = [__file__, "--inside", "--sentences", str(args.sentences)]
        return subprocess.run(command + script, check=False).returncode
    finally:
        os.unlink(commands.name)


if __name__ == "__main__":
    sys.exit(main())
