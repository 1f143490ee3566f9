"""Kill a writing desk with SIGKILL at random moments and check what survives.

A writer process edits reviews through the services in a loop and prints an
acknowledgement after each call returns (= committed, as the window shows an edit
only after the call returns). The parent kills it at a random moment, reopens the
workspace, runs the integrity check and verifies every acknowledged edit is there.

Full run (the number in docs/safety.md):  .venv/bin/python -m tests.stress.kill_loop --rounds 50
The test suite runs a shorter loop (tests/services/test_crash_safety.py).
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

from factcheck_app import config
from factcheck_app.domain.models import SearchScope
from factcheck_app.services.desk import Desk

# Edit n writes the number n into a sentence's explanation and alternates its verdict, so
# the newest surviving edit of every sentence can be checked.
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from factcheck_app.services.desk import Desk
    desk = Desk.open(Path(sys.argv[1]), backup=False)
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    ratings = ["true", "false", "mixed"]
    n = int(sys.argv[2])
    print("ready", flush=True)
    while True:
        sid = ids[n % len(ids)]
        desk.reviews.set_text_field(sid, "explanation", str(n))
        desk.reviews.set_verdict(sid, ratings[n % 3])
        print(f"ack {sid} {n}", flush=True)
        n += 1
    """
)


@dataclass
class KillLoopResult:
    rounds: int
    acknowledged: int
    lost: int
    integrity_failures: int
    in_flight_found: int  # rounds where an edit committed but never acknowledged was found
    seconds: float

    def summary(self) -> str:
        return (
            f"{self.rounds} SIGKILLs, {self.acknowledged} acknowledged edits, "
            f"{self.lost} lost, {self.integrity_failures} integrity failures, "
            f"{self.in_flight_found} rounds with an unacknowledged edit found committed, "
            f"{self.seconds:.1f} s"
        )


def run_kill_loop(folder: Path, rounds: int, seed: int = 2026) -> KillLoopResult:
    """Run `rounds` kill/reopen rounds on a fresh workspace in `folder`."""
    rng = random.Random(seed)
    path = folder / "crash.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.ensure_seeded(config.seed_dir())
    desk.close()
    acked: dict[int, int] = {}
    next_n = 0
    result = KillLoopResult(rounds, 0, 0, 0, 0, 0.0)
    started = time.perf_counter()
    for _ in range(rounds):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(next_n)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        # A random moment: after some acknowledged edits, plus a random fraction of one more.
        for _ in range(rng.randint(0, 40)):
            _, sid, n = writer.stdout.readline().split()
            acked[int(sid)] = int(n)
            result.acknowledged += 1
        time.sleep(rng.random() * 0.01)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        last = max([next_n - 1, *acked.values()])
        for line in writer.stdout.read().splitlines():  # acked just before the kill
            _, sid, n = line.split()
            acked[int(sid)] = int(n)
            result.acknowledged += 1
            last = int(n)
        reopened = Desk.open(path, backup=False)
        database_ok = reopened.workspace.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # The search index is written in the same transactions: it must be complete too.
        index_ok = database_ok and "Search index: complete." in reopened.upkeep.check().lines
        if not index_ok:
            result.integrity_failures += 1
        stored = {
            row.sentence.id: int(row.review.explanation)
            for row in reopened.reviews.sentence_rows(1)
            if row.review.explanation
        }
        for sid, n in acked.items():
            if stored.get(sid, -1) < n:
                result.lost += 1
        if stored and max(stored.values()) > last:
            result.in_flight_found += 1
        if stored:  # the newest saved explanation is searchable: its index row was saved too
            newest_sid, newest_n = max(stored.items(), key=lambda item: item[1])
            found = reopened.lookup.search(f"{newest_n} ", SearchScope.EXPLANATIONS)
            if newest_sid not in {hit.found.row.sentence.id for hit in found.hits}:
                result.integrity_failures += 1
        next_n = max([next_n, *stored.values()]) + 1
        reopened.close()
    result.seconds = time.perf_counter() - started
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = run_kill_loop(Path(folder), args.rounds, args.seed)
    print(result.summary())
    return 0 if result.lost == 0 and result.integrity_failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
