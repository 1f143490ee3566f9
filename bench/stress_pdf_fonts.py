#!/usr/bin/env python3
"""Stress: PDF exports in worker threads while the window's thread does font work.

A stress run, not a test. Each round starts a QThread that writes a PDF report with
`write_pdf` (as File → Export… does), and while it runs the GUI thread builds the
export dialog's preview document, lays out labels in many fonts, asks font metrics and
the font database, all from timers in its event loop (as the open dialog does). The
round ends when the worker's thread has finished, waited for in a QEventLoop (as the
tests' qtbot.waitSignal does). A round that takes over `--hang` seconds is a hang:
faulthandler dumps every thread's Python stack to stderr and, when gdb is installed,
gdb adds every thread's C++ stack two seconds later and kills the process.

The report's fonts are found on the GUI thread and handed to the worker, as the dialog
does; `--fonts-in-worker` lets the worker find them, as exports did before 6 December.
`--handler` installs a Qt message handler written in Python, as pytest-qt does in the
tests (Qt then calls into Python, needing the interpreter lock, from whichever thread a
Qt message is said in). `--hogs N` adds N busy processes at the lowest priority.

Run: `.venv/bin/python bench/stress_pdf_fonts.py [--seconds S] [--handler] [--hogs N]`
(numbers in docs/safety.md, "A PDF export that hung once").
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
os.environ.setdefault("FACTCHECK_REVIEWER", "bench")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_exports import article_text, review_bulk
from PySide6.QtCore import (
    QEventLoop,
    QObject,
    QThread,
    QTimer,
    Signal,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QTextBrowser, QVBoxLayout, QWidget

from factcheck_app.gui.pdf_builder import report_fonts
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports.model import load_article_report

# Families asked for in the GUI thread: installed ones, missing ones (Qt looks for aliases
# and substitutes) and generic ones.
FAMILIES = (
    "DejaVu Sans",
    "DejaVu Serif",
    "DejaVu Sans Mono",
    "Arial",
    "Georgia",
    "Helvetica Neue",
    "Times New Roman",
    "Noto Sans",
    "Liberation Serif",
    "Sans Serif",
    "Monospace",
    "No Such Family {n}",
)
TEXTS = (
    "The ceasefire agreed in Ganja has been violated 14 times.",
    "Ünïcödé ﬁ ﬀ — “quoted” … 1️⃣ 🚀",
    "مرحبا بالعالم",
    "שלום עולם",
    "Сегодня в Баку",
    "東京で会議",
)


class Worker(QObject):
    done = Signal(str)

    def __init__(self, report: object, path: Path, fonts: object) -> None:
        super().__init__()
        self._report, self._path, self._fonts = report, path, fonts

    @Slot()
    def run(self) -> None:
        from factcheck_app.gui.pdf_report import write_pdf

        said = "ok"
        try:
            write_pdf(self._report, self._path, fonts=self._fonts)  # type: ignore[arg-type]
        except Exception as error:
            said = repr(error)
        self.done.emit(said)


class FontChurn:
    """The GUI thread's font work, a little at each timer tick."""

    def __init__(self, report: object, rng: random.Random) -> None:
        from factcheck_app.gui.pdf_report import build_document

        self._build = build_document
        self._report = report
        self._rng = rng
        self.window = QWidget()
        layout = QVBoxLayout(self.window)
        self.labels = [QLabel() for _ in range(6)]
        for label in self.labels:
            label.setWordWrap(True)
            layout.addWidget(label)
        self.preview = QTextBrowser()
        layout.addWidget(self.preview)
        self.window.resize(700, 500)
        self.window.show()
        self.ticks = 0
        self._document: object = None

    def tick(self) -> None:
        rng = self._rng
        self.ticks += 1
        family = rng.choice(FAMILIES).format(n=rng.randint(0, 10**6))
        font = QFont(family, rng.choice((7, 9, 10, 12, 16, 22)))
        font.setBold(rng.random() < 0.3)
        font.setItalic(rng.random() < 0.2)
        text = rng.choice(TEXTS)
        QFontMetrics(font).horizontalAdvance(text)
        QFontInfo(font).family()
        label = rng.choice(self.labels)
        label.setFont(font)
        label.setText(text)
        label.adjustSize()
        if self.ticks % 7 == 0:
            QFontDatabase.families()
            QFontDatabase.isScalable(rng.choice(FAMILIES[:3]))
        if self.ticks % 11 == 0:
            document = self._build(self._report, dpi=96, limit=150)
            old, self._document = self._document, document
            document.setParent(self.preview)
            self.preview.setDocument(document)
            if old is not None:
                old.deleteLater()
        if self.ticks % 5 == 0:
            self.window.resize(rng.randint(400, 900), rng.randint(300, 600))
            self.window.repaint()


def start_hogs(count: int) -> list[subprocess.Popen[bytes]]:
    hog = "while True: pass"
    return [subprocess.Popen(["nice", "-n", "19", sys.executable, "-c", hog]) for _ in range(count)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=600, help="stop after this long")
    parser.add_argument("--hang", type=float, default=60, help="a round this long is a hang")
    parser.add_argument("--handler", action="store_true", help="a Python Qt message handler")
    parser.add_argument("--hogs", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--fonts-in-worker",
        action="store_true",
        help="let the worker find the fonts, as exports did before 6 December",
    )
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])
    messages: list[str] = []
    if args.handler:

        def handle(kind: object, context: object, message: str) -> None:
            messages.append(f"{threading.current_thread().name}: {message}")

        qInstallMessageHandler(handle)

    folder = Path(tempfile.mkdtemp(prefix="stress-pdf-fonts-"))
    desk = Desk.open(folder / "stress.fcdesk")
    result = desk.importer.import_text(article_text(args.sentences), source_name="s.txt")
    review_bulk(desk, result.article_id)
    report = load_article_report(desk, result.article_id)
    desk.close()

    churn = FontChurn(report, random.Random(args.seed))
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(churn.tick)
    hogs = start_hogs(args.hogs)
    gdb = shutil.which("gdb")
    log = sys.stderr
    started = time.monotonic()
    rounds = 0
    threads: list[QThread] = []
    try:
        timer.start()
        for rounds in range(1, args.rounds + 1):
            if time.monotonic() - started > args.seconds:
                rounds -= 1
                break
            # Dumps the stacks and exits unless this round ends in time (re-armed each round).
            faulthandler.dump_traceback_later(args.hang, exit=False, file=log)
            if gdb:
                pid = os.getpid()
                killer = subprocess.Popen(
                    [
                        "sh",
                        "-c",
                        f"sleep {args.hang + 2}; {gdb} -p {pid} -batch "
                        "-ex 'thread apply all bt 40' >&2 2>&1; kill -9 "
                        f"{pid}",
                    ]
                )
            # As the export dialog does: the fonts found here, on the GUI thread.
            fonts = None if args.fonts_in_worker else report_fonts()
            worker = Worker(report, folder / f"round-{rounds % 3}.pdf", fonts)
            thread = QThread()
            worker.moveToThread(thread)
            thread.started.connect(worker.run)
            loop = QEventLoop()
            outcome: list[str] = []
            worker.done.connect(outcome.append)
            worker.done.connect(thread.quit)
            thread.finished.connect(loop.quit)
            thread.start()
            loop.exec()
            thread.wait()
            faulthandler.cancel_dump_traceback_later()
            if gdb:
                killer.kill()
                killer.wait()
            if outcome != ["ok"]:
                print(f"round {rounds}: {outcome}", file=log)
            threads.append(thread)
            del threads[:-2]
            if rounds % 10 == 0:
                print(
                    f"{rounds} rounds, {churn.ticks} GUI ticks, {time.monotonic() - started:.0f} s",
                    file=log,
                    flush=True,
                )
    finally:
        timer.stop()
        for hog in hogs:
            hog.kill()
            hog.wait()
    print(
        f"no hang: {rounds} exports, {churn.ticks} GUI font ticks in "
        f"{time.monotonic() - started:.0f} s; Qt said {len(messages)} messages"
        + (f" ({sum(not m.startswith('MainThread') for m in messages)} off the GUI thread)")
    )
    shutil.rmtree(folder, ignore_errors=True)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
