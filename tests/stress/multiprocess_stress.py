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

With --logout, each round first dates the workspace's backups back by hours to days, so
that the window's open starts its automatic backup beside the import at once (and
thinning removes old ones), and a third plan joins the kill and the quit: logging out
(SIGTERM), at a random moment of the import and that backup, or after the window's
10-minute look started another and text was typed into an explanation and not yet saved.
The window must then end with status 0; the typed text must be in that sentence, or
kept for the next start (the settings file) and shown in a box at the next open, and
never saved anywhere unasked; every backup must open and pass the quick check, the
newest sound one must stay (or a newer one be made), and no part file may be left by a
logout or a quit.

Full run (the number in docs/safety.md):
    .venv/bin/python -m tests.stress.multiprocess_stress --rounds 30
    .venv/bin/python -m tests.stress.multiprocess_stress --rounds 40 --seed 19 --logout
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

from factcheck_app.storage import backups
from tests.stress.backup_kill_loop import age_backups, sound_backup
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
# The boxes at the open after a logout: the work it stopped, the typed text it kept.
LOGOUT_NOTICES = ("Work stopped last time:", "Typed text not saved last time:")
KEPT_NOTICE = "Typed text not saved last time:"
DISK_FULL = "disk"  # the box saying typed text could not be saved ("… the disk is full …")
# Typed when the disk is full: more than fits in the pages the file has free (the
# imports' search index leaves some), so that it cannot be saved.
FILLER = " The figure was checked against the ministry's own report." * 3000
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
    window_logouts: int = 0
    typed_saved_on_logout: int = 0  # typed, unsaved text saved as the window closed
    typed_on_full_disk: int = 0  # of which typed on a full disk
    typed_kept: int = 0  # kept for the next start (it could not be saved)
    backups_due_at_open: int = 0
    backups_started_by_look: int = 0
    backups_made: int = 0
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
        logouts = (
            f", {self.window_logouts} logouts (typed text {self.typed_on_full_disk} times on a "
            f"full disk; saved {self.typed_saved_on_logout}, kept {self.typed_kept}); "
            f"automatic backups due at {self.backups_due_at_open} opens and started by "
            f"{self.backups_started_by_look} looks, {self.backups_made} made"
            if self.window_logouts or self.backups_due_at_open
            else ""
        )
        return (
            f"{self.rounds} rounds ({self.window_kills} window SIGKILLs, {self.window_quits} "
            f"quits{logouts}), {self.acknowledged} acknowledged edits, {self.lost} lost, "
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
    # Typed text a logout kept for the next start: never to be saved unasked.
    kept: set[str] = field(default_factory=set)
    to_be_told: str | None = None  # kept text the next open must show (its first words)
    after_logout: bool = False  # the last round logged out: the next open may tell of it

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
        logout: bool = False,
        plans: tuple[str, ...] = (),
    ) -> None:
        self.number, self.path, self.env, self.folder = number, path, env, folder
        self.rng, self.ledger, self.result = rng, ledger, result
        self.big_bytes, self.next_n = big_bytes, next_n
        self.logout = logout
        self.plans = plans  # the plans to choose among (default: all)
        self.current: int | None = None  # the window's current sentence, from its replies
        self.typed: tuple[int, str] | None = None  # typed, not yet saved, as it logged out
        self.disk_filled = False  # the window's saves failed as on a full disk
        self.backups_before: set[Path] = set()
        self.newest_sound: Path | None = None
        self.parts_before: set[Path] = set()

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
        killed = logged_out = False
        plan = "-"
        told_before, self.ledger.after_logout = self.ledger.after_logout, False
        to_be_told, self.ledger.to_be_told = self.ledger.to_be_told, None
        try:
            window.expect("ready", timeout=120)
            load.start()  # while the window imports the big article
            plans, weights = ["kill-importing", "kill", "quit"], [2, 4, 4]
            if self.logout:
                plans, weights = [*plans, "logout-importing", "logout"], [*weights, 2, 4]
            if self.plans:
                weights = [w for p, w in zip(plans, weights, strict=True) if p in self.plans]
                plans = [p for p in plans if p in self.plans]
            plan = self.rng.choices(plans, weights=weights)[0]
            if plan in ("kill-importing", "logout-importing"):
                time.sleep(self.rng.uniform(0.0, 1.5))  # a random moment, not a wait
                killed = plan == "kill-importing"
                logged_out = not killed
            elif plan == "logout":
                self._work(window, articles, load)
                load.wait_for(CLI_RUNS_PER_ROUND, timeout=120)
                self._log_out_typing(window)
                logged_out = True
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
            elif logged_out:
                code = window.terminate()
                self.result.window_logouts += 1
                self.ledger.after_logout = True
                if code != 0:
                    self.problem(
                        f"logging out ({plan}) ended the window with {code}: "
                        f"{window.stderr[-3000:]} (its last lines: {window.transcript[-3:]})"
                    )
            elif window.alive:
                window.kill()
            else:
                self.result.window_quits += 1
            window.finish()
            load.stop()
        for line in window.remaining_lines():  # acknowledged just before the kill
            self._note_reply(line)
        self._check_window_output(window, killed, told_before or to_be_told is not None)
        if to_be_told is not None:
            self._check_told(window, to_be_told)
        self._check_cli(load)
        self._check_workspace()
        if self.logout:
            self._check_backups(killed)
        if self.typed is not None:
            self._check_typed()

    # -- the window's side ------------------------------------------------------------------

    def make_backup_due(self) -> None:
        """Date the backups back by hours to days (their names carry their time): the
        window's next look or open finds its automatic backup due, and thinning has old
        ones to remove."""
        age_backups(self.path, self.rng.uniform(5, 72))
        found = backups._backup_files(self.path)
        self.backups_before = {path for path, _created, _reason in found}
        self.newest_sound = next((p for p, _c, _r in found if sound_backup(p)), None)
        self.parts_before = set(backups.backup_dir(self.path).glob("*.partial*"))

    def _log_out_typing(self, window: WindowProcess) -> None:
        """The 10-minute look starts an automatic backup, text is typed into the
        explanation and not yet saved, and the session logs out at a random moment."""
        self.make_backup_due()
        reply = window.command("backup-look")
        if not reply.startswith("ack backup-look"):
            self.problem(f"window: {reply}")
        elif reply.endswith(" 1"):
            self.result.backups_started_by_look += 1
        if self.current is not None:
            text = str(self.next_n())
            if self.rng.random() < 0.5:  # a full disk keeps it from being saved
                self._note_reply(window.command("fill-disk"))
                self.disk_filled = True
                self.result.typed_on_full_disk += 1
                text += FILLER
            reply = window.command(f"type-only explanation {text}")
            if reply.startswith("ack type-only"):
                self.typed = (int(reply.split()[3]), text)
            else:
                self.problem(f"window: {reply}")
        time.sleep(self.rng.uniform(0.0, 0.3))  # a random moment, not a wait

    def _check_typed(self) -> None:
        """Text typed but not yet saved as the session logged out: saved into its own
        sentence as the window closed, or kept for the next start; nowhere else."""
        assert self.typed is not None
        sid, text = self.typed
        state = read_workspace(self.path)
        review = state.reviews.get(sid)
        first_words = text[:40]
        kept = any(first_words in line for line in _kept_lines(self.folder / "config"))
        if review is not None and review.explanation == text:
            self.result.typed_saved_on_logout += 1
            self.ledger.ack(sid, "explanation", text)
        elif kept:
            self.result.typed_kept += 1
            self.ledger.kept.add(text)
            self.ledger.to_be_told = first_words
        else:
            self.problem(f"text {text!r} typed into sentence {sid} was lost at logging out")
        for other, stored in state.reviews.items():
            if other != sid and stored.explanation == text:
                self.problem(f"text typed into sentence {sid} was saved into sentence {other}")

    def _check_told(self, window: WindowProcess, first_words: str) -> None:
        """Text the last logout kept was shown in a box at this open (Show Details holds
        it), or, the window gone before it could be, is still kept for the next."""
        shown = any(dialog.startswith(KEPT_NOTICE) for dialog in window.dialogs)
        still_kept = any(first_words in line for line in _kept_lines(self.folder / "config"))
        if still_kept:
            self.ledger.to_be_told = first_words
        elif not shown:
            self.problem(f"typed text kept at the last logout ({first_words!r}) was not shown")

    def _check_backups(self, killed: bool) -> None:
        """Every backup opens and passes the quick check; the newest sound one stayed, or
        a newer one was made; a logout or a quit left no part file."""
        folder = backups.backup_dir(self.path)
        found = {path for path, _created, _reason in backups._backup_files(self.path)}
        made = found - self.backups_before
        self.result.backups_made += len(made)
        for path in found:
            if not sound_backup(path):
                self.problem(f"backup {path.name} does not pass the quick check")
        if self.newest_sound is not None and self.newest_sound not in found and not made:
            self.problem(f"the newest sound backup {self.newest_sound.name} was removed")
        parts = set(folder.glob("*.partial*")) if folder.is_dir() else set()
        if not killed and parts - self.parts_before:
            self.problem(f"part files left: {sorted(p.name for p in parts - self.parts_before)}")
        for other in folder.iterdir() if folder.is_dir() else []:
            if other not in found and other not in parts:
                self.problem(f"{other.name} in the backups folder")

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

    def _check_window_output(self, window: WindowProcess, killed: bool, told: bool) -> None:
        for text in (window.stderr, "\n".join(window.transcript)):
            found = BAD_OUTPUT.search(text)
            if found:
                self.problem(f"the window printed {found.group(0)!r}: {text[-800:]}")
        if WAITED_OUTPUT.search(window.stderr):
            self.problem(f"the window printed 'locked'/'busy': {window.stderr[-500:]}")
        for dialog in window.dialogs:
            if told and dialog.startswith(LOGOUT_NOTICES):
                continue  # what the last round's logout stopped or could not save
            if self.disk_filled and DISK_FULL in dialog:
                continue  # the typed text's save failed: said once
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
        for sid, review in state.reviews.items():
            if review.explanation in self.ledger.kept:
                self.problem(f"text kept at a logout was saved into sentence {sid} unasked")
        for (sid, what), value in self.ledger.acked.items():
            review = state.reviews.get(sid)
            stored = getattr(review, what) if review is not None else None
            in_flight = self.ledger.sent.get((sid, what))
            if what == "explanation":  # the number it begins with (text typed at a logout)
                number = (stored or "").split(" ", 1)[0]
                good = number.isdigit() and int(number) >= int(value.split(" ", 1)[0])
            else:
                good = stored in (value, in_flight)
            if not good:
                self.result.lost += 1
                self.problem(f"sentence {sid}: {what} {value!r} acknowledged, {stored!r} stored")


def _kept_lines(config_folder: Path) -> list[str]:
    """The settings files' lines of typed text kept for the next start (the [unsaved]
    group's keys)."""
    found = []
    for ini in config_folder.rglob("*.conf"):
        group = ""
        for line in ini.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("["):
                group = line
            elif group == "[unsaved]":
                found.append(line)
    return found


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
    logout: bool = False,
    plans: tuple[str, ...] = (),
) -> StressResult:
    """`rounds` rounds on workspaces in `folder` (a fresh one every `rounds_per_workspace`
    rounds, so the file does not grow without end); with `stop_on_problem`, none after a
    round that found a problem; with `logout`, backups due and logging out too (see the
    module's docstring); `plans`, the rounds' plans to choose among (default: all)."""
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
        stress_round = Round(
            number,
            path,
            env,
            folder,
            rng,
            ledger,
            result,
            big_bytes,
            lambda: next(counter),
            logout,
            plans,
        )
        if logout:
            stress_round.make_backup_due()  # the window's open starts it beside the import
            result.backups_due_at_open += 1
        stress_round.run()
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
    parser.add_argument(
        "--logout",
        action="store_true",
        help="automatic backups due at every open, and logging out (SIGTERM) among the plans",
    )
    parser.add_argument(
        "--plans",
        default="",
        help="the rounds' plans to choose among, comma-separated (kill-importing, kill, quit, "
        "and with --logout logout-importing, logout); default: all",
    )
    args = parser.parse_args()
    known = {"kill-importing", "kill", "quit", "logout-importing", "logout"}
    unknown = {plan for plan in args.plans.split(",") if plan} - known
    if unknown:
        parser.error(f"no such plan: {', '.join(sorted(unknown))}")
    report = (lambda line: print(line, file=sys.stderr, flush=True)) if args.verbose else None
    with tempfile.TemporaryDirectory(prefix="fcdesk-stress-") as folder:
        result = run_stress(
            Path(folder),
            args.rounds,
            args.seed,
            big_bytes=int(args.big_mb * 1e6),
            progress=report,
            logout=args.logout,
            plans=tuple(plan for plan in args.plans.split(",") if plan),
        )
    for problem in result.problems:
        print(problem)
    print(result.summary())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
