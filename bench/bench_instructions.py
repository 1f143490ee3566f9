"""Start-up counted in instructions (valgrind's callgrind), not seconds.

The review-loop benchmark (`bench_review_loop.py`) times the window on the wall clock and
on the CPU; both move with whatever else the machine runs, and the build machine is often
busy. Callgrind counts the instructions a program runs, which is the same from one run to
the next whatever the load, so a change's effect on start-up can be read off to the
percent on a busy machine. (It is not a time: an instruction of Python's interpreter and
one of Qt's painting take different times. The budget stays in seconds, measured by
`bench_review_loop.py` on a quiet machine.)

It runs the bare window (QApplication and a shown QMainWindow, until its first paint) and
the desk's own path to its first paint (`gui.app`: `make_application`,
`show_opening_window`), each in a fresh Python under `valgrind --tool=callgrind`, from
compiled bytecode (a warm-up run writes it to a temporary cache), counting the main
thread, and prints both and their ratio.

    python bench/bench_instructions.py            # about a minute on 2 cores

Needs valgrind (Debian package `valgrind`); prints a Markdown table and exits 0.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

BARE = """
import os, sys
from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
loop = QEventLoop()
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            loop.quit()
        return False
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
loop.exec()
os._exit(0)
"""

APP = """
import os, sys
from pathlib import Path
from factcheck_app.gui.app import make_application, show_opening_window
app = make_application()
from factcheck_app.gui import file_open
from factcheck_app.gui.crash import install_exception_hooks
if hasattr(file_open, "watch_file_open_events"):
    file_open.watch_file_open_events(app)
else:
    app.installEventFilter(file_open.FileOpenFilter(app))
install_exception_hooks()
show_opening_window(Path(sys.argv[1]))
os._exit(0)
"""


def instructions(script: str, args: list[str], env: dict[str, str], tmp: Path) -> int:
    """Instructions callgrind counted in the main thread for one run of `script`.

    Only the main thread: the window's worker threads (the check-worthiness model, the
    suggestions) get further or not before the run ends, by chance; the GUI thread's work
    is what a key press waits for.
    """
    out = tmp / "callgrind.out"
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--separate-threads=yes",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-c",
            script,
            *args,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    main_thread = tmp / "callgrind.out-01"
    if done.returncode != 0 or not main_thread.exists():
        raise RuntimeError(f"callgrind run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    found = re.search(r"^(?:summary|totals): (\d+)", main_thread.read_text(), re.MULTILINE)
    for part in tmp.glob("callgrind.out*"):
        part.unlink()
    if found is None:
        raise RuntimeError("callgrind wrote no total for the main thread")
    return int(found.group(1))


def child_env(tmp: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FACTCHECK_DATA_DIR": str(tmp / "data"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "PYTHONPYCACHEPREFIX": str(tmp / "pycache"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def warm(script: str, args: list[str], env: dict[str, str]) -> None:
    """One plain run, so the counted one starts from compiled bytecode."""
    subprocess.run([sys.executable, "-c", script, *args], env=env, check=True)


def startup(tmp: Path, env: dict[str, str]) -> list[str]:
    workspace = str(tmp / "opening.fcdesk")
    warm(BARE, [], env)
    warm(APP, [workspace], env)
    bare = instructions(BARE, [], env, tmp)
    app = instructions(APP, [workspace], env, tmp)
    return [
        f"| bare window: launch → first paint | {bare / 1e6:,.0f} M | baseline |",
        f"| desk window: launch → first paint | {app / 1e6:,.0f} M | {app / bare:.2f}× bare |",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind); nothing measured.")
        return 0
    with tempfile.TemporaryDirectory(prefix="fcdesk-instr-") as name:
        tmp = Path(name)
        env = child_env(tmp)
        rows = ["| measure | instructions | |", "|---|---|---|"]
        rows += startup(tmp, env)
    print(textwrap.dedent("\n".join(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
