"""Processes around one workspace, for the multi-process tests: command-line runs, the real
desk window driven through tests/stress/window_driver.py, generated articles, and a plain
sqlite3 look at the file once every process has stopped.

Used by tests/storage/test_multiprocess.py, tests/gui/test_second_process.py and
tests/stress/multiprocess_stress.py.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = REPO_ROOT / "seeds"

# Output that must never appear from any process.
BAD_OUTPUT = re.compile(
    r"file is not a database|Traceback \(most recent call last\)|database disk image is "
    r"malformed|disk I/O error",
    re.IGNORECASE,
)
# A command that waited on SQLite's locks (or gave up waiting) says so in these words.
WAITED_OUTPUT = re.compile(r"\blocked\b|\bbusy\b", re.IGNORECASE)
# The one-line refusal of a command-line write while the window holds the workspace
# (WorkspaceInUse: "… is being changed by another Factcheck desk (…). Only one program …").
REFUSED_IN_USE = re.compile(r"being changed by another|\bin use\b", re.IGNORECASE)


def child_env(folder: Path) -> dict[str, str]:
    """Environment for a child process: headless Qt, private data, settings and home, and
    this checkout first on the path (so an old checkout can be tested with the same code)."""
    env = dict(os.environ)
    for name in ("data", "config", "home"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        FACTCHECK_DATA_DIR=str(folder / "data"),
        XDG_CONFIG_HOME=str(folder / "config"),
        HOME=str(folder / "home"),
        FACTCHECK_REVIEWER=env.get("FACTCHECK_REVIEWER", "tester"),
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p),
        PYTHONUNBUFFERED="1",
        PYTHONFAULTHANDLER="1",  # a crash in Qt says where each thread was
    )
    env.pop("QT_LOGGING_RULES", None)
    return env


# -- command-line runs ------------------------------------------------------------------------


@dataclass
class CliRun:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    killed: bool = False
    cpu_seconds: float = 0.0
    runqueue_seconds: float = 0.0  # ready to run, waiting for a core

    @property
    def blocked_seconds(self) -> float:
        """Time neither running nor waiting for a core: asleep on a lock, the disk, a pipe."""
        return max(0.0, self.seconds - self.cpu_seconds - self.runqueue_seconds)

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def describe(self) -> str:
        err = self.stderr.strip().replace("\n", " | ")[:400]
        return (
            f"`factcheck-app {' '.join(self.args)}` -> exit {self.returncode} "
            f"in {self.seconds:.2f} s (CPU {self.cpu_seconds:.2f} s, waiting for a core "
            f"{self.runqueue_seconds:.2f} s, blocked {self.blocked_seconds:.2f} s)"
            f"{' (killed)' if self.killed else ''}: {err}"
        )

    def refused_in_use(self) -> bool:
        """Exit 1 with one line saying another desk is changing the workspace."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        return (
            self.returncode == 1
            and len(lines) == 1
            and REFUSED_IN_USE.search(lines[0]) is not None
            and "database is locked" not in lines[0]
        )


def start_cli(
    args: list[str], env: dict[str, str], *, probe: bool = False
) -> subprocess.Popen[str]:
    """`python -m factcheck_app ARGS`; with `probe`, through tests/stress/cli_probe.py (the
    same program with SQLite's lock wait cut to one second)."""
    module = "tests.stress.cli_probe" if probe else "factcheck_app"
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=REPO_ROOT,
    )


def run_cli(
    args: list[str],
    env: dict[str, str],
    *,
    timeout: float = 60.0,
    kill_after: float | None = None,
    probe: bool = False,
) -> CliRun:
    """Run `factcheck-app ARGS` as its own process; SIGKILL it after `kill_after` seconds
    when given (it may have finished by then). The process is reaped with wait4, for the
    CPU time it used (wall time minus CPU time: waiting, for a lock, the disk or a core)."""
    started = time.perf_counter()
    process = start_cli(args, env, probe=probe)
    reaped = threading.Event()
    usage: dict[str, float] = {}

    def reap() -> None:
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)  # ended, not yet reaped
        usage["ended"] = time.perf_counter()
        usage["runqueue"] = runqueue_seconds(process.pid)
        _, status, rusage = os.wait4(process.pid, 0)
        usage["cpu"] = rusage.ru_utime + rusage.ru_stime
        process.returncode = os.waitstatus_to_exitcode(status)
        reaped.set()

    output: dict[str, str] = {}

    def read(name: str, stream: IO[str]) -> None:
        output[name] = stream.read()

    assert process.stdout is not None and process.stderr is not None
    threads = [
        threading.Thread(target=reap, daemon=True),
        threading.Thread(target=read, args=("out", process.stdout), daemon=True),
        threading.Thread(target=read, args=("err", process.stderr), daemon=True),
    ]
    for thread in threads:
        thread.start()
    killed = timed_out = False
    if not reaped.wait(kill_after if kill_after is not None else timeout):
        killed, timed_out = kill_after is not None, kill_after is None
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGKILL)
        reaped.wait()
    for thread in threads:
        thread.join()
    process.stdout.close()
    process.stderr.close()
    err = output.get("err", "") + ("\n[timed out]" if timed_out else "")
    return CliRun(
        args,
        process.returncode,
        output.get("out", ""),
        err,
        usage["ended"] - started,
        killed,
        usage["cpu"],
        usage["runqueue"],
    )


def runqueue_seconds(pid: int) -> float:
    """How long the process waited for a free core (Linux; 0 where unknown)."""
    try:
        with open(f"/proc/{pid}/schedstat", encoding="ascii") as stats:
            return int(stats.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


# -- articles ----------------------------------------------------------------------------------


def seed_paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for path in sorted(SEED_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        body = [p.strip() for p in text.split("\n\n") if p.strip()]
        paragraphs += [p for p in body if not p.startswith("date ")]
    return paragraphs


_NUMBER = re.compile(r"\d+")
_PLACES = ("Ganja", "Baku", "Yerevan", "Ankara", "Stepanakert", "Tbilisi", "Tabriz", "Shusha")
_WHO = ("the ministry", "a spokesman", "the mayor", "officials", "the opposition", "police")


def generated_article(rng: random.Random, target_bytes: int, title: str) -> str:
    """Seed paragraphs with fresh numbers plus generated sentences, about `target_bytes`
    long and unique (so that it is never recognised as already imported)."""
    seeds = seed_paragraphs()
    parts = [f"{title}.", ""]
    size = len(parts[0])
    while size < target_bytes:
        if seeds and rng.random() < 0.5:
            paragraph = _NUMBER.sub(lambda _m: str(rng.randint(2, 99_999)), rng.choice(seeds))
        else:
            paragraph = " ".join(
                f"{rng.choice(_WHO).capitalize()} in {rng.choice(_PLACES)} said "
                f"{rng.randint(2, 9_999)} people were affected and denied that "
                f"{rng.randint(2, 999)} homes had been hit."
                for _ in range(rng.randint(2, 6))
            )
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def write_article(folder: Path, name: str, rng: random.Random, target_bytes: int) -> Path:
    path = folder / name
    path.write_text(generated_article(rng, target_bytes, f"Report {name}"), encoding="utf-8")
    return path


# -- the workspace, read once every process has stopped ----------------------------------------


@dataclass
class StoredReview:
    tag: str | None
    verdict: str | None  # the reviews.rating column
    explanation: str


@dataclass
class WorkspaceState:
    integrity: str  # "ok", or what PRAGMA integrity_check / opening said
    articles: dict[int, int] = field(default_factory=dict)  # id -> sentence count
    reviews: dict[int, StoredReview] = field(default_factory=dict)


def read_workspace(path: Path) -> WorkspaceState:
    """A plain sqlite3 connection (no desk code): integrity, articles, reviews."""
    try:
        conn = sqlite3.connect(str(path))
    except sqlite3.Error as error:
        return WorkspaceState(integrity=f"cannot open: {error}")
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        integrity = "; ".join(str(row[0]) for row in rows)[:500]
        if integrity != "ok":
            return WorkspaceState(integrity=integrity)
        articles = dict(
            conn.execute(
                "SELECT a.id, count(s.id) FROM articles a LEFT JOIN sentences s "
                "ON s.article_id = a.id GROUP BY a.id"
            ).fetchall()
        )
        reviews = {
            sid: StoredReview(tag, verdict, explanation)
            for sid, tag, verdict, explanation in conn.execute(
                "SELECT sentence_id, tag, rating, explanation FROM reviews"
            )
        }
        return WorkspaceState("ok", articles, reviews)
    except sqlite3.Error as error:
        return WorkspaceState(integrity=f"{type(error).__name__}: {error}")
    finally:
        conn.close()


# -- the real window, driven over stdin/stdout --------------------------------------------------


class DriverDied(Exception):
    """The window process ended (or fell silent) while a reply was awaited."""


class WindowProcess:
    """`python -m tests.stress.window_driver --workspace W [FILES]`: the real desk window
    (built by factcheck_app.gui.app.run_gui) taking commands on stdin."""

    def __init__(self, workspace: Path, files: list[Path], env: dict[str, str]) -> None:
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.stress.window_driver",
                "--workspace",
                str(workspace),
                *map(str, files),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO_ROOT,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.transcript: list[str] = []  # every stdout line, in order
        self.dialogs: list[str] = []  # message boxes the window showed
        self.stderr_chunks: list[str] = []
        self._readers = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            line = line.rstrip("\n")
            self.transcript.append(line)
            if line.startswith("dialog "):
                self.dialogs.append(line[len("dialog ") :])
            self.lines.put(line)
        self.lines.put(None)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for chunk in self.process.stderr:
            self.stderr_chunks.append(chunk)

    @property
    def stderr(self) -> str:
        return "".join(self.stderr_chunks)

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(command + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # it died; the next expect() says so

    def expect(self, *prefixes: str, timeout: float = 30.0) -> str:
        """The next reply line starting with one of `prefixes` (others are skipped: dialog
        lines are collected in `dialogs`)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise DriverDied(f"no {'/'.join(prefixes)} reply within {timeout:.0f} s")
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                raise DriverDied(
                    f"window process ended (exit {self.process.wait()}) while waiting for "
                    f"{'/'.join(prefixes)}: {self.stderr.strip()[-600:]}"
                )
            if line.startswith(prefixes):
                return line

    def command(self, command: str, timeout: float = 30.0) -> str:
        """Send a command and return its reply: an `ack …` or `fail …` line."""
        self.send(command)
        return self.expect("ack ", "fail ", timeout=timeout)

    def kill(self) -> None:
        if self.alive:
            self.process.send_signal(signal.SIGKILL)
        self.finish()

    def terminate(self, timeout: float = 60.0) -> int:
        """Log out: SIGTERM, as the session sends it; the window closes asking nothing."""
        if self.alive:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.finish()

    def quit(self, timeout: float = 60.0) -> int:
        """Close the window the way the reviewer does (File → Quit / the close button)."""
        self.send("quit")
        with contextlib.suppress(DriverDied):
            self.expect("closed ", timeout=timeout)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.finish()

    def finish(self) -> None:
        """Wait for the process and its readers; whatever it printed is in the transcript."""
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        for reader in self._readers:
            reader.join(timeout=10)

    def remaining_lines(self) -> list[str]:
        """Lines not consumed by expect() (after finish(): everything it printed last)."""
        found: list[str] = []
        while True:
            try:
                line = self.lines.get_nowait()
            except queue.Empty:
                return found
            if line is not None:
                found.append(line)
