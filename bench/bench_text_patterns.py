"""Time and peak memory of the desk on text built to make its patterns slow (issue 13).

Usage::

    .venv/bin/python bench/bench_text_patterns.py [--timeout SECONDS] [--only WORDS]

Each case writes a hostile article file and runs the real command on it in a fresh
process (``factcheck-app import`` into a new workspace, or ``factcheck-app suggest``), at
a ladder of sizes where that says more, and prints wall time and the process's peak
memory (``ru_maxrss``) as markdown. A run that passes the timeout is stopped and shown
as "> timeout". Before the fix these took minutes; each must now end in well under 10 s
and 500 MB.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Case:
    name: str
    command: str  # "import" or "suggest"
    suffix: str
    make: Callable[[int], str]
    sizes: tuple[int, ...]  # repetitions


CASES = [
    Case("Markdown `'__a ' * n`", "import", ".md", lambda n: "__a " * n, (15_625, 62_500, 500_000)),
    Case("Markdown nested `[` `](`", "import", ".md", lambda n: "[" * n + "](" * n, (100_000,)),
    Case("Markdown `'[](' * n`", "import", ".md", lambda n: "[](" * n, (100_000,)),
    Case(
        "Markdown heading, spaces",
        "import",
        ".md",
        lambda n: "# a" + " " * n + "x\n\nText.",
        (4_000, 250_000),
    ),
    Case(
        "suggest: paragraph of `said`", "suggest", ".txt", lambda n: "said " * n, (30_000, 400_000)
    ),
    Case(
        "suggest: `said the Minister`",
        "suggest",
        ".txt",
        lambda n: "said the Minister " * n,
        (10_000,),
    ),
    Case("suggest: digits after a letter", "suggest", ".txt", lambda n: "x" + "1" * n, (200_000,)),
    Case(
        "import: `'.' * n + 'x'`",
        "import",
        ".txt",
        lambda n: "." * n + "x",
        (20_000, 200_000, 2_000_000),
    ),
    Case(
        "import: stamp line of dates",
        "import",
        ".txt",
        lambda n: "2020-10-04 10:00 " * n + "x\n\nText.",
        (20, 25),
    ),
    Case(
        "import: stamp, spaces",
        "import",
        ".txt",
        lambda n: "Posted 3:45" + " " * n + "x",
        (20_000, 200_000),
    ),
    Case(
        "import: number, spaces (search words)",
        "import",
        ".txt",
        lambda n: "1" + " " * n + "x",
        (200_000,),
    ),
]


def run(command: list[str], timeout: float) -> tuple[float, float, int | None]:
    """(seconds, peak MB, exit status or None when stopped) of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return (
                time.perf_counter() - start,
                usage.ru_maxrss / 1024,
                os.waitstatus_to_exitcode(status),
            )
        if time.perf_counter() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            _, _, usage = os.wait4(process.pid, 0)
            return timeout, usage.ru_maxrss / 1024, None
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--only", default="", help="run the cases whose name holds this")
    args = parser.parse_args()
    print("| case | size | time | peak memory |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for case in CASES:
            if args.only not in case.name:
                continue
            for size in case.sizes:
                article = Path(folder) / f"article{case.suffix}"
                article.write_text(case.make(size), encoding="utf-8")
                workspace = Path(folder) / f"w{time.monotonic_ns()}.fcdesk"
                command = [sys.executable, "-m", "factcheck_app", case.command]
                if case.command == "import":
                    command += ["--workspace", str(workspace)]
                seconds, peak, status = run([*command, str(article)], args.timeout)
                if status is None:
                    shown = f"> {args.timeout:.0f} s (stopped)"
                else:
                    shown = f"{seconds:.2f} s" + (f" (exit status {status})" if status else "")
                size = article.stat().st_size
                size_text = f"{size / 1024:,.0f} KB" if size >= 10_240 else f"{size:,} bytes"
                print(f"| {case.name} | {size_text} | {shown} | {peak:.0f} MB |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
