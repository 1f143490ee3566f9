"""The window on a 1024×640 screen opening a copy of a year's workspace taken while a desk
had it open (docs/screenshots/copy-check-1024x640.png, docs/performance.md): the box
that says the copy came without its -wal, over "Checking this copy: work on meanwhile."
and Cancel Check in the status bar, the look running beside the window.

    xvfb-run -a -s "-screen 0 1024x640x24" \
        .venv/bin/python docs/screenshots/make_copy_check.py [OUT.png]

Uses bench_big_workspace.py's year of work (built once into the temporary folder), copied
with a desk's "open" mark and no -wal (as bench_copy_check.py marks it), opened as
`factcheck-app --workspace` opens one (`run_gui`). The screen is grabbed (the box is a
window of its own) and saved in 256 of its own colours (small_png). Nothing of the
user's is touched: data, config and QSettings live in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "bench"))
sys.path.insert(0, str(HERE.parent.parent))  # this checkout's factcheck_app


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "copy-check-1024x640.png"
    from bench_big_workspace import cached_workspace
    from bench_copy_check import MARK, _mark

    # The display's screen, grabbed whole: the benches make Qt offscreen (an 800x800 screen).
    os.environ["QT_QPA_PLATFORM"] = "xcb"

    work = Path(tempfile.mkdtemp())
    os.environ["FACTCHECK_DATA_DIR"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ.setdefault("FACTCHECK_REVIEWER", "Ana Lopez")  # no first-start name question
    year = cached_workspace(Path(tempfile.gettempdir()) / "fcdesk-bench-big", 5000, 40, False)
    path = work / "year-copy.fcdesk"
    shutil.copyfile(year, path)
    _mark(path, MARK)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from small_png import save_small  # beside this script

    from factcheck_app.gui.app import make_application, run_gui

    app = make_application()
    seen: list[int] = []

    def shoot_over_the_box() -> None:
        """Once the box is up, give it and the status bar a moment, grab, then close it."""
        box = QApplication.activeModalWidget()
        if box is None:
            return
        seen.append(1)
        if len(seen) < 4:  # 400 ms after it showed
            return
        poll.stop()
        save_small(app.primaryScreen().grabWindow(0).toImage(), out)
        window = box.parentWidget().window() if box.parentWidget() else None
        said = window.statusBar().currentMessage() if window is not None else ""  # type: ignore[attr-defined]
        print(f"wrote {out}: {said!r}")
        box.close()
        QTimer.singleShot(0, app.quit)

    poll = QTimer()
    poll.timeout.connect(shoot_over_the_box)
    poll.start(100)
    QTimer.singleShot(120_000, app.quit)  # no box in two minutes: nothing written
    run_gui(path)  # as `factcheck-app --workspace PATH` opens it: the box comes over it
    if len(seen) < 4:
        print("no box came", file=sys.stderr)
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
