#!/usr/bin/env python3
"""Kill the desk in the middle of each kind of write, many times (docs/safety.md, "After
a crash or power cut"): what each kill leaves, and that the next run removes it.

Run: `.venv/bin/python bench/bench_leftovers.py [--rounds 70] [--seed 2026]`. Each round
is one kind of write (an export of each format, --all, a cleaned copy, a merge of an older
workspace, a restore, a backup, the check of a crash's last edits), killed at a random
moment, then run again; see tests/stress/leftovers_loop.py for what is checked.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.stress.leftovers_loop import run_leftovers_loop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=70)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--sentences", type=int, default=3000, help="in the long article")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-leftovers-") as folder:
        result = run_leftovers_loop(
            Path(folder), args.rounds, args.seed, sentences=args.sentences, progress=print
        )
    for problem in result.problems:
        print("PROBLEM", problem)
    print(result.summary())
    return 0 if not result.problems else 1


if __name__ == "__main__":
    sys.exit(main())
