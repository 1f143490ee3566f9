"""Close or kill a writing desk while another program reads the workspace, and check
that a copy of the file alone holds every acknowledged edit.

Another program connected to the workspace (Datasette serving the archive, docs/team.md,
without --immutable; a plain `sqlite3` reader) keeps SQLite from moving a desk's saves
into the file itself as the desk closes: that happens only when the last connection
closes. So a closing desk settles its saves itself (`Workspace._settle_before_close`,
a TRUNCATE checkpoint that never waits). This loop puts that to the test.

Each round a READER process keeps opening short read transactions on the workspace, as
Datasette does (`mode=ro`, one query after another on connections kept open) or as a
plain `sqlite3` reader does (read-write, coming and going, the last to close checkpoints
as SQLite does). Beside it a writer process opens the desk, edits reviews, printing an
acknowledgement after each edit returns, and settles its saves on pauses as the window
does; then it either closes the desk cleanly or is killed (SIGKILL) at a random moment.

After a clean close the loop copies ONLY the main file, at once, as a nightly backup of
the folder would (no -wal): the copy must pass the integrity check and hold every
acknowledged edit, explanation and verdict (the close waits for a read in progress: the
reader's last 50 ms at most). After a kill the workspace is reopened (the reader still
reading) and must pass the integrity check with every acknowledged edit; that reopen is
closed with the reader still reading too, and the file alone is copied and checked again.

Found in its first runs (7 December): with the close not waiting at all (busy timeout
0), the file alone failed the integrity check in half of the closes beside the
Datasette reader, and lacked edits without a word in others: SQLite's checkpoint held
back by a read moves the pages saved before that read and not saved again since, so
the file holds two moments (docs/safety.md, "Last crash test beside a reader").

The reader must never be told the workspace is damaged ("malformed", "not a database");
"locked" (SQLite's 5-second wait ran out) is counted.

Run:  nice -n 19 .venv/bin/python -m tests.stress.reader_kill_loop --minutes 40 --seed 1
The test suite runs a few rounds (tests/stress/test_reader_kill_loop.py).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factcheck_app import config
from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.services.desk import Desk
from tests.stress.kill_loop import RATINGS, _lost_edits, _saved_edits

# Edit n writes the number n into a sentence's explanation and gives it the verdict
# RATINGS[n % 3] (kill_loop's writer); argv: path, first n, then "kill" (edit until
# killed) or the number of edits to make before closing the desk cleanly.
WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from factcheck_app.services.desk import Desk
    desk = Desk.open(Path(sys.argv[1]), backup=False)
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    ratings = ["true", "false", "mixed"]
    n = int(sys.argv[2])
    edits = None if sys.argv[3] == "kill" else int(sys.argv[3])
    print("ready", flush=True)
    done = 0
    while edits is None or done < edits:
        sid = ids[n % len(ids)]
        desk.reviews.set_text_field(sid, "explanation", str(n))
        desk.reviews.set_verdict(sid, ratings[n % 3])
        print(f"ack {sid} {n}", flush=True)
        n += 1
        done += 1
        if n % 5 == 0:  # the window's look on a pause
            desk.settle_saves()
    print(f"closing {time.monotonic()}", flush=True)
    desk.close()
    print(f"closed {time.monotonic()}", flush=True)
    """
)

# A reader of the workspace. "datasette": `mode=ro`, its connections kept open, each
# request a short read transaction (a query or two, some work between them); "plain":
# read-write as the `sqlite3` shell opens a file, connecting and disconnecting (the last
# connection to close moves the -wal into the file, as SQLite does). It logs each
# transaction's start and end (time.monotonic, one clock for every process) and every
# error, and ends, closing its connection, once the stop file is there.
READER = textwrap.dedent(
    """
    import os, random, sqlite3, sys, time
    from pathlib import Path
    path, kind, seed, log, stop = sys.argv[1:6]
    rng = random.Random(int(seed))
    uri = Path(path).resolve().as_uri() + ("?mode=ro" if kind == "datasette" else "")
    out = open(log, "a", buffering=1)
    conn = None
    first = True
    while not os.path.exists(stop):
        try:
            if conn is None:
                conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            started = time.monotonic()
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM reviews").fetchone()
            time.sleep(rng.random() * rng.choice([0.001, 0.01, 0.05]))  # the request's work
            conn.execute("SELECT sentence_id, explanation FROM reviews").fetchall()
            conn.execute("COMMIT")
            out.write(f"txn {started} {time.monotonic()}\\n")
            if first:
                print("ready", flush=True)
                first = False
            if kind == "plain" and rng.random() < 0.1:
                conn.close()
                conn = None
            time.sleep(rng.random() * 0.005)  # between requests
        except sqlite3.Error as error:
            out.write(f"error {time.monotonic()} {error}\\n")
            if conn is not None:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            time.sleep(0.01)
    if conn is not None:
        conn.close()
    """
)


@dataclass
class ReaderLoopResult:
    rounds: int = 0
    closes: int = 0  # the writer closed the desk cleanly
    kills: int = 0
    acknowledged: int = 0
    lost: int = 0  # acknowledged edits missing after a kill's reopen
    copies: int = 0  # copies of the file alone after a clean close (the writer's or the reopen's)
    copies_complete: int = 0  # with every acknowledged edit
    wal_left: int = 0  # closes after which the -wal still held saves
    reader_kinds: Counter[str] = field(default_factory=Counter)
    reader_transactions: int = 0
    reader_errors: Counter[str] = field(default_factory=Counter)
    integrity_failures: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems and self.lost == 0 and self.integrity_failures == 0

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.reader_kinds.items()))
        errors = "; ".join(f"{n}× {text}" for text, n in self.reader_errors.most_common(5))
        return (
            f"{self.rounds} rounds ({self.closes} clean closes, {self.kills} SIGKILLs; "
            f"readers: {kinds}), {self.acknowledged} acknowledged edits, {self.lost} lost "
            f"after a kill, {self.integrity_failures} integrity failures; {self.copies} "
            f"copies of the file alone after a close, {self.copies_complete} with every "
            f"acknowledged edit; {self.wal_left} closes left saves in "
            f"the -wal; {self.reader_transactions} read transactions, "
            f"{sum(self.reader_errors.values())} reader errors{': ' + errors if errors else ''}"
            f"; {len(self.problems)} problems, {self.seconds:.1f} s"
        )


def _read_file_alone(path: Path) -> tuple[bool, dict[int, tuple[int, str | None]]]:
    """(passes the integrity check, each sentence's edit number and verdict) of the file
    itself, read without any -wal beside it, as a copy of the file alone is."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    try:
        sound = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute("SELECT sentence_id, explanation, rating FROM reviews").fetchall()
    except sqlite3.DatabaseError:
        return False, {}
    finally:
        conn.close()
    saved = {}
    for sid, explanation, rating in rows:
        if explanation and str(explanation).isdigit():
            saved[int(sid)] = (int(explanation), rating)
    return sound, saved


def _read_in_progress(log: Path, at: float) -> bool:
    """Did the reader have a read transaction open at moment `at` (begun before it,
    ended after it, or not ended when the log was read)?"""
    for line in log.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts[0] == "txn" and float(parts[1]) <= at <= float(parts[2]):
            return True
    # One begun before `at` that had not ended when the log was read: its line is not
    # written yet. The reader's transactions last 50 ms at most; the log is read later.
    return False


def _keep(path: Path, copy: Path, log: Path, what: str) -> None:
    """With FCDESK_KEEP naming a folder: keep the round's files there for a look."""
    keep = os.environ.get("FCDESK_KEEP")
    if not keep:
        return
    into = Path(keep) / what.split(" (")[0].replace(" ", "-")
    into.mkdir(parents=True, exist_ok=True)
    for source in [copy, log, *path.parent.glob(path.name + "*")]:
        shutil.copyfile(source, into / source.name)


def _check_copy_after_close(
    path: Path,
    copy: Path,
    acked: dict[int, int],
    closing_at: float,
    log: Path,
    result: ReaderLoopResult,
    what: str,
) -> None:
    """Copy the file alone, as a nightly backup of the folder would, and check it."""
    wal = path.with_name(path.name + "-wal")
    shutil.copyfile(path, copy)
    if wal.exists() and wal.stat().st_size > 0:
        result.wal_left += 1
    result.copies += 1
    sound, saved = _read_file_alone(copy)
    if not sound:
        result.problems.append(f"{what}: the copy of the file alone fails the integrity check")
        _keep(path, copy, log, what)
        return
    missing = _lost_edits(saved, acked)
    if not missing:
        result.copies_complete += 1
        return
    # The close waits for a read in progress (the reader's last 50 ms at most): nothing
    # is kept back. Said or not, and was a read in progress: for the look that follows.
    try:
        desk = Desk.open(copy, backup=False)
    except WorkspaceError as error:
        result.problems.append(f"{what}: the copy lacking {missing} edits was refused: {error}")
        return
    try:
        said = desk.copied_while_open
    finally:
        desk.close()
    time.sleep(0.1)  # the reader's transaction begun before the close has ended and is logged
    reading = _read_in_progress(log, closing_at)
    _keep(path, copy, log, what)
    result.problems.append(
        f"{what}: the copy of the file alone lacks {missing} acknowledged edits "
        f"({'said' if said else 'unsaid'}; {'a' if reading else 'no'} read in progress "
        "at the close)"
    )


def run_reader_kill_loop(
    folder: Path,
    rounds: int,
    seed: int = 2026,
    minutes: float | None = None,
    kinds: tuple[str, ...] = ("datasette", "plain"),
    kill_share: float = 0.5,
) -> ReaderLoopResult:
    """Run up to `rounds` rounds (or until `minutes` have passed) on a fresh workspace
    in `folder`, a reader of a kind drawn from `kinds` beside the desk in each."""
    rng = random.Random(seed)
    path = folder / "read.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.ensure_seeded(config.seed_dir())
    desk.close()
    acked: dict[int, int] = {}
    next_n = 0
    result = ReaderLoopResult()
    started = time.perf_counter()
    deadline = started + minutes * 60 if minutes else float("inf")
    for number in range(rounds):
        if time.perf_counter() > deadline:
            break
        result.rounds += 1
        kind = rng.choice(kinds)
        result.reader_kinds[kind] += 1
        log = folder / f"reader-{number}.log"
        stop = folder / f"reader-{number}.stop"
        reader = subprocess.Popen(
            [
                sys.executable,
                "-c",
                READER,
                str(path),
                kind,
                str(rng.randrange(10**9)),
                str(log),
                str(stop),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert reader.stdout is not None
        assert reader.stdout.readline().strip() == "ready", "the reader did not start"
        kill = rng.random() < kill_share
        edits = rng.randint(0, 40)
        errors = (folder / "writer-errors.txt").open("w+")
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(next_n), "kill" if kill else str(edits)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        assert writer.stdout is not None
        line = writer.stdout.readline().strip()
        if line != "ready":
            errors.seek(0)
            result.problems.append(f"round {number}: the writer did not open: {errors.read()}")
            stop.touch()
            reader.wait()
            break
        if kill:
            result.kills += 1
            for _ in range(edits):
                _, sid, n = writer.stdout.readline().split()
                acked[int(sid)] = int(n)
                result.acknowledged += 1
            time.sleep(rng.random() * 0.01)
            writer.send_signal(signal.SIGKILL)
            writer.wait()
            for rest in writer.stdout.read().splitlines():  # acknowledged just before
                _, sid, n = rest.split()
                acked[int(sid)] = int(n)
                result.acknowledged += 1
            # Reopened with the reader still reading: every acknowledged edit is there.
            try:
                reopened = Desk.open(path, backup=False)
            except WorkspaceError as error:
                # A problem; then opened again, as the reviewer would, to go on.
                result.problems.append(f"round {number}: refused after the kill: {error}")
                reopened = Desk.open(path, backup=False)
            if reopened.workspace.db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                result.integrity_failures += 1
            result.lost += _lost_edits(_saved_edits(reopened), acked)
            saved = _saved_edits(reopened)
            closing_at = time.monotonic()
            reopened.close()
            what = f"round {number} (kill, {kind}), the reopen closed"
        else:
            result.closes += 1
            closing_at = 0.0
            for rest in writer.stdout.read().splitlines():
                word, *values = rest.split()
                if word == "ack":
                    acked[int(values[0])] = int(values[1])
                    result.acknowledged += 1
                elif word == "closing":
                    closing_at = float(values[0])
            if writer.wait() != 0:
                errors.seek(0)
                result.problems.append(f"round {number}: the writer failed: {errors.read()}")
            saved = {sid: (n, RATINGS[n % 3]) for sid, n in acked.items()}
            what = f"round {number} (close, {kind})"
        errors.close()
        # At once, the reader still reading: a nightly backup copies the file alone.
        _check_copy_after_close(
            path, folder / f"copy-{number}.fcdesk", acked, closing_at, log, result, what
        )
        next_n = max([next_n, *(n for n, _verdict in saved.values())]) + 1
        stop.touch()
        reader.wait()
        reader.stdout.close()
        for entry in log.read_text(encoding="utf-8").splitlines():
            word, _at, *text = entry.split(maxsplit=2)
            if word == "txn":
                result.reader_transactions += 1
            else:
                message = " ".join(text)
                result.reader_errors[message] += 1
                if "malformed" in message or "not a database" in message:
                    result.problems.append(f"{what}: the reader was told: {message}")
        for leftover in folder.glob(f"copy-{number}.fcdesk*"):
            leftover.unlink()
        shutil.rmtree(folder / f"copy-{number}-backups", ignore_errors=True)
        log.unlink()
        stop.unlink()
    result.seconds = time.perf_counter() - started
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100_000)
    parser.add_argument("--minutes", type=float, help="stop starting rounds after this long")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--readers", default="datasette,plain", help="comma-separated kinds")
    parser.add_argument("--kills", type=float, default=0.5, help="share of rounds killed")
    args = parser.parse_args()
    kinds = tuple(kind for kind in args.readers.split(",") if kind)
    with tempfile.TemporaryDirectory(prefix="fcdesk-readers-") as folder:
        result = run_reader_kill_loop(
            Path(folder),
            args.rounds,
            args.seed,
            minutes=args.minutes,
            kinds=kinds,
            kill_share=args.kills,
        )
    for problem in result.problems:
        print(problem)
    print(result.summary())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
