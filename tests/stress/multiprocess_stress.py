"""The real window and command-line tools on one workspace at once, with random SIGKILLs.

Each round starts the real desk window (tests/stress/window_driver.py: run_gui, driven by
key presses from stdin) on the workspace with a big generated article named on its command
line, so it imports in the background; command-line processes run `list`, `export` (json,
csv, md), `search` and `import` against the same file meanwhile, some of them SIGKILLed at
random moments. The window waits for its import, tags, judges and explains sentences by
key presses (edit n writes n into an explanation, as in kill_loop), imports more articles,
and is then either closed normally or SIGKILLed at a random moment.

After every round, with every process stopped: `PRAGMA integrity_check` (plain sqlite3)
is ok, the search index is complete, every acknowledged edit and import is there, no
process printed "file is not a database", "database disk image is malformed", "disk I/O
error" or a traceback, and none printed "locked"/"busy". Waiting on SQLite's locks for
more than a second counts as such a failure: the command-line processes run through
tests/stress/cli_probe.py, which cuts their busy timeout to one second; none may spend
more than a second asleep (its wall time minus its CPU time minus its time waiting for a
core, from wait4 and /proc/PID/schedstat: a slow run on a busy machine is not a wait);
and a window edit must be acknowledged within a second.
The window may show no message other than the crash notice after a kill. A command-line
`import` while the window holds the workspace must be refused in one line with exit
status 1 (or succeed, when the window is already gone): nothing else.

Full run (the number in docs/safety.md):
    .venv/bin/python -m tests.stress.multiprocess_stress --rounds 30
The test suite runs 3 rounds (tests/stress/test_multiprocess_stress.py; 30 with -m slow).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.stress.harness import (
    BAD_OUTPUT,
    WAITED_OUTPUT,
    CliRun,
    DriverDied,
    WindowProcess,
    child_env,
    read_workspace,
    run_cli,
    write_article,
)

TAG_KEYS = {"c": "claim", "d": "denial", "f": "fact"}
RATING_KEYS = {
    "1": "true",
    "2": "mostly_true",
    "3": "mixed",
    "4": "mostly_false",
    "5": "false",
    "6": "unverifiable",
}
CRASH_NOTICE = "not closed properly"  # the window's notice after a kill: expected
SLOWEST_EDIT_MS = 1000  # a window edit that took longer waited on a lock
# Seconds a command-line run may spend asleep (wall time minus CPU time minus time waiting
# for a core): longer means it waited on a lock. SQLite waits over a second also fail
# outright with "busy" (tests/stress/cli_probe.py).
LONGEST_CLI_WAIT = 1.0
# The window works on until this many command-line runs have ended in the round, and
# this many since its import finished (so that its edits meet them).
CLI_RUNS_PER_ROUND = 6
CLI_RUNS_WHILE_EDITING = 4
MAX_WINDOW_STEPS = 300


@dataclass
class StressResult:
    rounds: int = 0
    window_kills: int = 0
    window_quits: int = 0
    acknowledged: int = 0
    lost: int = 0
    integrity_failures: int = 0
    window_imports: int = 0
    cli_runs: int = 0
    cli_killed: int = 0
    cli_refused: int = 0
    cli_imports: int = 0
    longest_cli_blocked: float = 0.0
    slowest_cli: float = 0.0
    slowest_edit_ms: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems and self.lost == 0 and self.integrity_failures == 0

    def summary(self) -> str:
        return (
            f"{self.rounds} rounds ({self.window_kills} window SIGKILLs, {self.window_quits} "
            f"quits), {self.acknowledged} acknowledged edits, {self.lost} lost, "
            f"{self.integrity_failures} integrity failures, {self.window_imports} window "
            f"imports; {self.cli_runs} command-line runs ({self.cli_killed} SIGKILLed, "
            f"{self.cli_refused} writes refused while the window held the workspace, "
            f"{self.cli_imports} imported; longest blocked {self.longest_cli_blocked:.2f} s, "
            f"slowest {self.slowest_cli:.1f} s), slowest window edit {self.slowest_edit_ms} ms; "
            f"{len(self.problems)} problems, {self.seconds:.1f} s"
        )


@dataclass
class Ledger:
    """What was sent and acknowledged, per (sentence, what): the newest of each."""

    acked: dict[tuple[int, str], str] = field(default_factory=dict)
    sent: dict[tuple[int, str], str] = field(default_factory=dict)
    articles: dict[int, int] = field(default_factory=dict)  # acknowledged imports

    def send(self, sid: int, what: str, value: str) -> None:
        self.sent[(sid, what)] = value

    def ack(self, sid: int, what: str, value: str) -> None:
        self.acked[(sid, what)] = value
        self.sent[(sid, what)] = value


class CommandLineLoad:
    """Command-line processes against the workspace, one after another, until stopped."""

    def __init__(
        self,
        path: Path,
        env: dict[str, str],
        rng: random.Random,
        folder: Path,
        round_number: int,
        workers: int = 2,
    ) -> None:
        self.path, self.env, self.rng, self.folder = path, env, rng, folder
        self.round = round_number
        self.runs: list[tuple[str, CliRun]] = []
        self._stop = threading.Event()
        self._done = threading.Condition()
        self._lock = threading.Lock()  # the shared random generator and counter
        self._threads = [
            threading.Thread(target=self._loop, args=(worker,), daemon=True)
            for worker in range(workers)
        ]
        self._count = 0

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            if thread.ident is not None:  # started
                thread.join()

    @property
    def completed(self) -> int:
        return len(self.runs)

    def wait_for(self, runs: int, timeout: float) -> None:
        """Until `runs` processes have ended (or `timeout` seconds have passed)."""
        with self._done:
            self._done.wait_for(lambda: len(self.runs) >= runs, timeout=timeout)

    def _loop(self, worker: int) -> None:
        first = worker == 0
        while not self._stop.is_set():
            with self._lock:
                kinds = ["list", "search", "export-json", "export-csv", "export-md", "import"]
                kind = "list" if first else self.rng.choice(kinds)  # list first: item 1
                first = False
                args = self._args(kind)
                chance = self.rng.random()
                kill_after = self.rng.uniform(0.05, 0.8) if chance < 0.15 else None
            run = run_cli(args, self.env, kill_after=kill_after, probe=True)
            with self._done:
                self.runs.append((kind, run))
                self._done.notify_all()

    def _args(self, kind: str) -> list[str]:
        w = ["--workspace", str(self.path)]
        self._count += 1
        name = f"r{self.round}-{self._count}"
        if kind == "list":
            return ["list", *w]
        if kind == "search":
            query = self.rng.choice(["people", "Ganja", "homes hit", str(self.rng.randint(1, 99))])
            return ["search", *w, query]
        if kind == "export-json":
            return ["export", *w, "--article", "1", "--format", "json"]
        if kind == "export-csv":
            out = self.folder / "exports" / f"{name}.csv"
            return ["export", *w, "--article", "1", "--format", "csv", "-o", str(out)]
        if kind == "export-md":
            return ["export", *w, "--article", "1", "--format", "md"]
        article = write_article(self.folder / "articles", f"cli-{name}.txt", self.rng, 4_000)
        return ["import", *w, str(article)]


class Round:
    """One window process, the command-line load beside it, and the checks after."""

    def __init__(
        self,
        number: int,
        path: Path,
        env: dict[str, str],
        folder: Path,
        rng: random.Random,
        ledger: Ledger,
        result: StressResult,
        big_bytes: int,
        next_n: Callable[[], int],
    ) -> None:
        self.number, self.path, self.env, self.folder = number, path, env, folder
        self.rng, self.ledger, self.result = rng, ledger, result
        self.big_bytes, self.next_n = big_bytes, next_n
        self.current: int | None = None  # the window's current sentence, from its replies

    def problem(self, text: str) -> None:
        self.result.problems.append(f"round {self.number}: {text}")

    def run(self) -> None:
        articles = self.folder / "articles"
        big = write_article(articles, f"big-{self.number}.txt", self.rng, self.big_bytes)
        window = WindowProcess(self.path, [big], self.env)
        load = CommandLineLoad(
            self.path,
            self.env,
            random.Random(self.rng.random()),  # its own: it draws in its threads
            self.folder,
            self.number,
        )
        killed = False
        try:
            window.expect("ready", timeout=120)
            load.start()  # while the window imports the big article
            plan = self.rng.choices(["kill-importing", "kill", "quit"], weights=[2, 4, 4])[0]
            if plan == "kill-importing":
                time.sleep(self.rng.uniform(0.0, 1.5))  # a random moment, not a wait
                killed = True
            else:
                self._work(window, articles, load)
                load.wait_for(CLI_RUNS_PER_ROUND, timeout=120)
                killed = plan == "kill"
                if killed:
                    self._edit(window, wait=False)  # killed in flight or just after
                    time.sleep(self.rng.uniform(0.0, 0.05))
                else:
                    code = window.quit()
                    if code != 0:
                        self.problem(f"the window exited with {code}: {window.stderr[-500:]}")
        except DriverDied as error:
            self.problem(f"window: {error}")
        finally:
            if killed:
                window.kill()
                self.result.window_kills += 1
            elif window.alive:
                window.kill()
            else:
                self.result.window_quits += 1
            window.finish()
            load.stop()
        for line in window.remaining_lines():  # acknowledged just before the kill
            self._note_reply(line)
        self._check_window_output(window, killed)
        self._check_cli(load)
        self._check_workspace()

    # -- the window's side ------------------------------------------------------------------

    def _wait_import(self, window: WindowProcess) -> None:
        self._note_reply(window.command("wait-import 60", timeout=75))
        self._note_reply(window.command("state"))  # the sentence the imported article opened on

    def _work(self, window: WindowProcess, articles: Path, load: CommandLineLoad) -> None:
        """Review (and import) until the command line has done its share of the round."""
        self._wait_import(window)
        target = max(CLI_RUNS_PER_ROUND, load.completed + CLI_RUNS_WHILE_EDITING)
        steps = self.rng.randint(4, 14)
        for step in range(MAX_WINDOW_STEPS):
            if step >= steps and load.completed >= target:
                break
            if step < steps and self.rng.random() < 0.12:
                small = write_article(
                    articles, f"window-{self.number}-{self.next_n()}.txt", self.rng, 20_000
                )
                self._note_reply(window.command(f"import {small}"))
                self._wait_import(window)
            elif self.rng.random() < 0.25:
                self._note_reply(window.command(f"key {self.rng.choice('jjjn')}"))
            else:
                self._edit(window)

    def _edit(self, window: WindowProcess, *, wait: bool = True) -> None:
        """A tag, a verdict or an explanation by key presses on the current sentence."""
        choice = self.rng.random()
        if choice < 0.35:
            key = self.rng.choice(list(TAG_KEYS))
            command, what, value = f"key {key}", "tag", TAG_KEYS[key]
        elif choice < 0.6:
            key = self.rng.choice(list(RATING_KEYS))
            command, what, value = f"key {key}", "verdict", RATING_KEYS[key]
        else:
            value = str(self.next_n())
            command, what = f"type explanation {value}", "explanation"
        if self.current is not None:
            self.ledger.send(self.current, what, value)
        if not wait:
            window.send(command)
            return
        self._note_reply(window.command(command))

    def _note_reply(self, line: str) -> None:
        parts = line.split()
        if line.startswith("fail "):
            self.problem(f"window: {line}")
        elif line.startswith("ack key "):
            key, before, after, ms = parts[2], parts[3], parts[4], int(parts[5])
            self.result.slowest_edit_ms = max(self.result.slowest_edit_ms, ms)
            if ms > SLOWEST_EDIT_MS:
                self.problem(f"key {key} took {ms} ms in the window")
            if before != "None" and (key in TAG_KEYS or key in RATING_KEYS):
                what = "tag" if key in TAG_KEYS else "verdict"
                value = TAG_KEYS.get(key) or RATING_KEYS[key]
                self.ledger.ack(int(before), what, value)
                self.result.acknowledged += 1
            self.current = None if after == "None" else int(after)
        elif line.startswith("ack type explanation "):
            sid, ms, text = int(parts[3]), int(parts[4]), parts[5]
            self.result.slowest_edit_ms = max(self.result.slowest_edit_ms, ms)
            if ms > SLOWEST_EDIT_MS:
                self.problem(f"typing an explanation took {ms} ms to save")
            self.ledger.ack(sid, "explanation", text)
            self.result.acknowledged += 1
            self.current = sid
        elif line.startswith("ack wait-import "):
            imported, problems = parts[3], " ".join(parts[4:])
            if problems != "-":
                self.problem(f"the window's import failed: {problems}")
            for item in imported.split(","):
                if ":" in item:
                    article_id, count = item.split(":")
                    self.ledger.articles[int(article_id)] = int(count)
                    self.result.window_imports += 1
            self.current = None  # the window opened the imported article
        elif line.startswith("ack state "):
            self.current = None if parts[3] == "None" else int(parts[3])

    def _check_window_output(self, window: WindowProcess, killed: bool) -> None:
        for text in (window.stderr, "\n".join(window.transcript)):
            found = BAD_OUTPUT.search(text)
            if found:
                self.problem(f"the window printed {found.group(0)!r}: {text[-800:]}")
        if WAITED_OUTPUT.search(window.stderr):
            self.problem(f"the window printed 'locked'/'busy': {window.stderr[-500:]}")
        for dialog in window.dialogs:
            if CRASH_NOTICE not in dialog:
                self.problem(f"the window showed a message: {dialog[:400]}")

    # -- the command line's side ------------------------------------------------------------

    def _check_cli(self, load: CommandLineLoad) -> None:
        for kind, run in load.runs:
            self.result.cli_runs += 1
            if BAD_OUTPUT.search(run.output):
                self.problem(f"bad output: {run.describe()}")
            if run.killed:
                self.result.cli_killed += 1
                continue
            # Asleep rather than running or waiting for a core: on SQLite's or the writer
            # lock (cli_probe also turns a SQLite wait over a second into a "busy" error).
            self.result.longest_cli_blocked = max(
                self.result.longest_cli_blocked, run.blocked_seconds
            )
            self.result.slowest_cli = max(self.result.slowest_cli, run.seconds)
            if run.blocked_seconds > LONGEST_CLI_WAIT:
                self.problem(f"blocked {run.blocked_seconds:.2f} s: {run.describe()}")
            if kind == "import" and run.refused_in_use():
                self.result.cli_refused += 1
                continue
            if run.returncode != 0:
                self.problem(f"failed: {run.describe()}")
                continue
            if WAITED_OUTPUT.search(run.stderr):
                self.problem(f"waited on a lock: {run.describe()}")
            if kind == "import":
                for line in run.stdout.splitlines():
                    article_id, count = line.split("\t")[:2]
                    self.ledger.articles[int(article_id)] = int(count)
                    self.result.cli_imports += 1
                continue
            if kind == "export-csv" and not Path(run.args[-1]).exists():
                self.problem(f"no export file: {run.describe()}")

    # -- the file, with every process stopped ----------------------------------------------

    def _check_workspace(self) -> None:
        state = read_workspace(self.path)
        if state.integrity != "ok":
            self.result.integrity_failures += 1
            self.problem(f"integrity check: {state.integrity}")
            return
        index_line = search_index_line(self.path)
        if index_line != "Search index: complete.":
            self.result.integrity_failures += 1
            self.problem(f"search index: {index_line}")
        for article_id, count in self.ledger.articles.items():
            if state.articles.get(article_id) != count:
                self.result.lost += 1
                self.problem(
                    f"article {article_id} ({count} sentences acknowledged) has "
                    f"{state.articles.get(article_id)} sentences"
                )
        for (sid, what), value in self.ledger.acked.items():
            review = state.reviews.get(sid)
            stored = getattr(review, what) if review is not None else None
            in_flight = self.ledger.sent.get((sid, what))
            if what == "explanation":
                good = stored is not None and stored.isdigit() and int(stored) >= int(value)
            else:
                good = stored in (value, in_flight)
            if not good:
                self.result.lost += 1
                self.problem(f"sentence {sid}: {what} {value!r} acknowledged, {stored!r} stored")


def search_index_line(path: Path) -> str:
    """The search index's line of Check Workspace, from a read-only desk (writes nothing)."""
    from factcheck_app.services.desk import Desk

    desk = Desk.open(path, read_only=True)
    try:
        lines = desk.upkeep.check().lines
    finally:
        desk.close()
    return next((line for line in lines if line.startswith("Search index")), "no search line")


def run_stress(
    folder: Path,
    rounds: int,
    seed: int = 2026,
    *,
    big_bytes: int = 2_000_000,
    rounds_per_workspace: int = 10,
    progress: Callable[[str], None] | None = None,
    stop_on_problem: bool = False,
) -> StressResult:
    """`rounds` rounds on workspaces in `folder` (a fresh one every `rounds_per_workspace`
    rounds, so the file does not grow without end); with `stop_on_problem`, none after a
    round that found a problem."""
    rng = random.Random(seed)
    env = child_env(folder)
    for name in ("articles", "exports"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    result = StressResult()
    started = time.perf_counter()
    counter = iter(range(10**9))
    seed_article = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))[0]
    path = folder / "stress-0.fcdesk"
    ledger = Ledger()
    for number in range(rounds):
        if number % rounds_per_workspace == 0:
            path = folder / f"stress-{number}.fcdesk"
            ledger = Ledger()
            made = run_cli(["import", "--workspace", str(path), str(seed_article)], env)
            if made.returncode != 0:
                raise RuntimeError(f"cannot make the workspace: {made.describe()}")
        Round(
            number,
            path,
            env,
            folder,
            rng,
            ledger,
            result,
            big_bytes,
            lambda: next(counter),
        ).run()
        result.rounds += 1
        result.seconds = time.perf_counter() - started
        if progress is not None:
            progress(f"round {number + 1}: {result.summary()}")
        if stop_on_problem and not result.ok:
            break
    result.seconds = time.perf_counter() - started
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--big-mb", type=float, default=2.0, help="the big article's size")
    parser.add_argument("-v", "--verbose", action="store_true", help="a line per round")
    args = parser.parse_args()
    report = (lambda line: print(line, file=sys.stderr, flush=True)) if args.verbose else None
    with tempfile.TemporaryDirectory(prefix="fcdesk-stress-") as folder:
        result = run_stress(
            Path(folder), args.rounds, args.seed, big_bytes=int(args.big_mb * 1e6), progress=report
        )
    for problem in result.problems:
        print(problem)
    print(result.summary())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
