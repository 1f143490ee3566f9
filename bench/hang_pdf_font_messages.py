#!/usr/bin/env python3
"""Reproduce the PDF export hang: Qt's font messages into a handler written in Python.

A reproduction, not a test. The window's thread shows labels of Devanagari text, their
font changed at every timer tick, so that Qt loads fonts while it paints (in its event
loop, without Python's lock) and says "OpenType support missing for …" inside its font
database's lock. PDF exports run one after the other in a QThread, with the fonts found
on the GUI thread as File → Export… does. `--handler` installs a Qt message handler
written in Python, as pytest-qt does in every test: the window's thread then waits for
Python's lock inside the font lock while the worker, holding Python's lock, waits for the
font lock. `--quiet-fonts` turns Qt's font messages off, as tests/conftest.py does.

A round over `--hang` seconds is a hang: faulthandler prints the Python stacks and the
process ends (exit 1). `gdb -p PID -batch -ex 'thread apply all bt'` shows both threads.

Run: `.venv/bin/python bench/hang_pdf_font_messages.py --handler [--quiet-fonts]`
(docs/safety.md, "A PDF export that hung once").
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
os.environ.setdefault("FACTCHECK_REVIEWER", "bench")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_exports import article_text, review_bulk
from PySide6.QtCore import (
    QEventLoop,
    QLoggingCategory,
    QObject,
    QThread,
    QTimer,
    Signal,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from factcheck_app.gui.pdf_builder import report_fonts
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports.model import load_article_report

DEVANAGARI = "नमस्ते दुनिया, ताज़ा ख़बर"
FAMILIES = ("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "Noto Sans", "Sans Serif")


class Worker(QObject):
    done = Signal()

    def __init__(self, report: object, path: Path, fonts: object) -> None:
        super().__init__()
        self._report, self._path, self._fonts = report, path, fonts

    @Slot()
    def run(self) -> None:
        from factcheck_app.gui.pdf_report import write_pdf

        write_pdf(self._report, self._path, fonts=self._fonts)  # type: ignore[arg-type]
        self.done.emit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--handler", action="store_true")
    parser.add_argument("--quiet-fonts", action="store_true")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--hang", type=float, default=60)
    parser.add_argument("--sentences", type=int, default=60)
    args = parser.parse_args()
    if args.quiet_fonts:
        QLoggingCategory.setFilterRules(
            "qt.text.font.db=false\nqt.text.font.match=false\nqt.qpa.fonts=false"
        )
    messages: list[str] = []
    if args.handler:
        qInstallMessageHandler(lambda _kind, _context, message: messages.append(message))
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="hang-pdf-font-messages-"))
    desk = Desk.open(folder / "hang.fcdesk")
    result = desk.importer.import_text(article_text(args.sentences), source_name="s.txt")
    review_bulk(desk, result.article_id)
    report = load_article_report(desk, result.article_id)
    desk.close()
    fonts = report_fonts()

    window = QWidget()
    layout = QVBoxLayout(window)
    labels = [QLabel(DEVANAGARI) for _ in range(8)]
    for label in labels:
        layout.addWidget(label)
    window.show()
    rng = random.Random(1)

    def tick() -> None:
        for label in labels:
            font = QFont(rng.choice(FAMILIES))
            font.setPointSizeF(rng.uniform(6, 40))  # a font to load at the next paint
            label.setFont(font)

    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(tick)
    timer.start()
    started, rounds = time.monotonic(), 0
    while time.monotonic() - started < args.seconds:
        faulthandler.dump_traceback_later(args.hang, exit=True)
        worker, thread, loop = Worker(report, folder / "hang.pdf", fonts), QThread(), QEventLoop()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.done.connect(thread.quit)
        thread.finished.connect(loop.quit)
        thread.start()
        loop.exec()
        thread.wait()
        rounds += 1
    faulthandler.cancel_dump_traceback_later()
    timer.stop()
    print(f"no hang: {rounds} exports in {args.seconds:.0f} s; {len(messages)} Qt messages")
    shutil.rmtree(folder, ignore_errors=True)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
