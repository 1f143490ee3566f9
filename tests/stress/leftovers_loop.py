"""Kill the desk with SIGKILL in the middle of each kind of write it makes beside a
workspace or in the temporary folder, run the same thing again "later", and check what is
left: no work lost, no leftover that grows without bound, nothing a later run takes for a
workspace, a backup or an article.

The writes: an export (each format, and --all into a folder), a cleaned copy, a merge of
an older colleague's workspace (its migrated copy), a restore from a backup, a backup, and
the check of a crash's unmerged changes on the next open. Each round runs one of them in a
child process (the real command line where there is one), kills it at a random moment
within the time an unkilled run takes, makes every file an hour older (a later day),
runs it again to the end, and checks:

- the workspace opens for editing, passes `PRAGMA integrity_check`, and holds every
  article and the verdict last acknowledged (a restore may put the backup's back);
- nothing of the desk's scratch is left anywhere (part files, `.cleaning-`, merge and
  crash-check copies, `NAME.restoring`, half backups): what one kill leaves, the next
  run removes, so nothing grows with the number of crashes;
- every `.fcdesk` file in the folders opens (no half copy named as a workspace), every
  report is complete or absent, and the backups folder holds only backups.

Full run (the number in docs/safety.md): `.venv/bin/python bench/bench_leftovers.py`.
The test suite runs one round of each kind (tests/stress/test_leftovers_loop.py).
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups, scratch

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
OLDER = REPO_ROOT / "tests" / "data" / "workspaces" / "schema-v2.fcdesk"
KINDS = ("export", "export-all", "clean", "merge", "restore", "backup", "crash-check")
FORMATS = ("md", "html", "docx", "json", "csv", "pdf")

CRASH_AFTER_A_VERDICT = """
import os, signal, sys
from pathlib import Path
from factcheck_app.services.desk import Desk
desk = Desk.open(Path(sys.argv[1]), backup=False)
sid = desk.reviews.sentence_rows(1)[0].sentence.id
desk.reviews.set_verdict(sid, sys.argv[2])
print("ack", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""
RESTORE = """
import sys
from pathlib import Path
from factcheck_app.services import workspace_files
workspace_files.restore_backup(Path(sys.argv[1]), Path(sys.argv[2]))
"""
BACKUP = """
import sys
from pathlib import Path
from factcheck_app.services.desk import Desk
desk = Desk.open(Path(sys.argv[1]), backup=False)
desk.upkeep.backup_now()
desk.close()
"""
OPEN = """
import sys
from pathlib import Path
from factcheck_app.services.desk import Desk
Desk.open(Path(sys.argv[1]), backup=False).close()
"""


@dataclass
class LoopResult:
    rounds: int = 0
    kills: int = 0  # rounds whose child was still running when killed
    leftovers_after_kill: int = 0  # scratch files and folders a kill left
    bytes_after_kill: int = 0
    most_bytes_after_kill: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    per_kind: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {kind}" for kind, n in self.per_kind.items())
        stayed = sum("left after the next run" in problem for problem in self.problems)
        removed = f"{stayed} still there after the next run" if stayed else "all removed"
        return (
            f"{self.rounds} rounds ({kinds}), {self.kills} killed before they ended; the "
            f"kills left {self.leftovers_after_kill} scratch files or folders "
            f"({self.bytes_after_kill / 1e6:.1f} MB in all, at most "
            f"{self.most_bytes_after_kill / 1e6:.1f} MB at once), {removed} by the next "
            f"run; {len(self.problems)} problems, {self.seconds:.1f} s"
        )


class Loop:
    def __init__(self, folder: Path, seed: int) -> None:
        self.rng = random.Random(seed)
        self.folder = folder
        self.work = folder / "work"
        self.temp = folder / "temp"
        self.out = folder / "out"
        for made in (self.work, self.temp, self.out):
            made.mkdir()
        self.workspace = self.work / "w.fcdesk"
        self.colleague = self.work / "colleague.fcdesk"
        self.older = self.work / "older.fcdesk"
        self.env = dict(os.environ)
        self.env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(REPO_ROOT), self.env.get("PYTHONPATH")) if p
        )
        self.env["TMPDIR"] = str(self.temp)
        self.verdicts = ["true", "false", "mixed"]
        self.acked = "false"
        self.sid = 0  # the sentence whose verdict is followed (set_up)
        self.restored: str | None = None  # the verdict of the backup a restore put back
        self.articles = 0
        self.complete: dict[str, bytes] = {}
        self.durations: dict[str, float] = {}

    # -- set-up --------------------------------------------------------------------------

    def set_up(self, seed_file: Path, sentences: int) -> None:
        desk = Desk.open(self.workspace, backup=False)
        try:
            desk.importer.import_file(seed_file)
            long_text = self.work / "long.txt"
            long_text.write_text(
                "\n\n".join(
                    f"The ministry said {n} schools opened in district {n % 97} this year."
                    for n in range(sentences)
                ),
                encoding="utf-8",
            )
            desk.importer.import_file(long_text)
            long_text.unlink()
            sid = desk.reviews.sentence_rows(1)[0].sentence.id
            self.sid = sid  # whose verdict is acknowledged, and restored
            desk.reviews.set_verdict(sid, "false")
            desk.upkeep.backup_now()
            self.articles = len(desk.articles.list_articles())
        finally:
            desk.close()
        shutil.copy(self.workspace, self.colleague)
        shutil.copy(OLDER, self.older)

    # -- children ------------------------------------------------------------------------

    def _cli(self, *args: str | Path) -> list[str]:
        return [sys.executable, "-m", "factcheck_app", *map(str, args)]

    def _python(self, code: str, *args: str | Path) -> list[str]:
        return [sys.executable, "-c", textwrap.dedent(code), *map(str, args)]

    def _command(self, kind: str, fmt: str) -> list[str]:
        if kind == "export":
            target = self.out / f"report.{fmt}"
            return self._cli("export", "-w", self.workspace, "--article", "2", "-o", target)
        if kind == "export-all":
            return self._cli(
                "export", "-w", self.workspace, "--all", "--format", fmt, "-o", self.out
            )
        if kind == "clean":
            return self._cli("clean", "-w", self.colleague, "-o", self.out / "clean.fcdesk")
        if kind == "merge":
            return self._cli("merge", "-w", self.workspace, self.older)
        if kind == "restore":  # the newest backup: older ones are rotated away
            newest = backups.list_backups(self.workspace)[0].path
            return self._python(RESTORE, self.workspace, newest)
        if kind == "backup":
            return self._python(BACKUP, self.workspace)
        return self._python(OPEN, self.workspace)  # crash-check

    def _before(self, kind: str) -> None:
        """What the round's write needs first: a crash's unmerged verdict to check."""
        if kind in ("crash-check", "restore"):
            verdict = self.rng.choice(self.verdicts)
            done = subprocess.run(
                self._python(CRASH_AFTER_A_VERDICT, self.workspace, verdict),
                env=self.env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            if "ack" in done.stdout:
                self.acked = verdict
        if kind == "clean":
            for copy in self.out.glob("clean*.fcdesk"):
                copy.unlink()

    # -- one round -----------------------------------------------------------------------

    def round(self, kind: str, result: LoopResult) -> None:
        fmt = self.rng.choice(FORMATS)
        self._before(kind)
        key = kind + (fmt if kind.startswith("export") else "")
        child = subprocess.Popen(
            self._command(kind, fmt),
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Every other round, once the write has begun (its scratch is there), else at any
        # moment within the time the last unkilled run took (a guess before the first).
        mid_write = result.rounds % 2 == 0
        deadline = time.perf_counter() + self.durations.get(key, 1.5) * (
            2 if mid_write else self.rng.uniform(0.05, 1.0)
        )
        while child.poll() is None and time.perf_counter() < deadline:
            if mid_write and self.leftovers():
                time.sleep(self.rng.uniform(0, 0.02))
                break
            time.sleep(0.002 if mid_write else 0.01)
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            result.kills += 1
        child.wait()
        if kind == "export":
            self._check_report(self.out / f"report.{fmt}", fmt, result)
        if kind == "clean":  # made whole before the kill, or not at all
            for copy in self.out.glob("clean*.fcdesk"):
                if not _opens(copy):
                    result.problems.append(f"clean: {copy.name} was left half made")
                copy.unlink()
        left = self.leftovers()
        result.leftovers_after_kill += len(left)
        size = sum(_size(p) for p in left)
        result.bytes_after_kill += size
        result.most_bytes_after_kill = max(result.most_bytes_after_kill, size)
        for place in (self.work, self.temp, self.out):  # a later day
            _age_all(place, 7200)
        if kind == "restore":
            # The run to the end puts the newest backup in place (the workspace a killed
            # restore set aside, with the crash's verdict, when it got so far): its verdict.
            newest = backups.list_backups(self.workspace)[0].path
            self.restored = _stored_verdict(newest, self.sid)
        started = time.perf_counter()
        self._again(kind, fmt, result)
        self.durations[key] = time.perf_counter() - started
        if kind == "export":  # a complete report, to tell the next kill's from
            self.complete[fmt] = (self.out / f"report.{fmt}").read_bytes()
        self.check(kind, fmt, result)
        result.rounds += 1
        result.per_kind[kind] = result.per_kind.get(kind, 0) + 1

    def _again(self, kind: str, fmt: str, result: LoopResult) -> None:
        done = subprocess.run(
            self._command(kind, fmt), env=self.env, capture_output=True, text=True, timeout=300
        )
        if done.returncode != 0:
            result.problems.append(f"{kind} {fmt}: the next run failed: {done.stderr[-300:]}")

    # -- what is left ----------------------------------------------------------------------

    def leftovers(self) -> list[Path]:
        """The desk's scratch files and folders, wherever it makes them."""
        found: list[Path] = []
        folders = [self.work, self.temp, self.out, backups.backup_dir(self.workspace)]
        for folder in folders:
            if not folder.is_dir():
                continue
            for item in folder.iterdir():
                name = item.name
                if (
                    scratch.is_part_file_name(name)
                    or name.startswith((".cleaning-", ".fcdesk-walcheck-", ".factcheck-merge-"))
                    or name.startswith((scratch.WALCHECK_PREFIX, scratch.MERGE_PREFIX))
                    or ".restoring" in name
                    or ".partial" in name
                ):
                    found.append(item)
        return found

    def _check_report(self, report: Path, fmt: str, result: LoopResult) -> None:
        """Right after the kill: the report is absent, or complete (this run's or the
        last one's), never cut short. Reports name the time they were made, so a complete
        one is told by its size (the same to within a few bytes) and its last bytes, the
        time masked (a Markdown report ends with the minute it was made: one finished just
        before the kill, in another minute than the last, is complete)."""
        if not report.exists() or fmt not in self.complete:
            return
        data, expected = report.read_bytes(), self.complete[fmt]
        complete = abs(len(data) - len(expected)) <= 64 and _ending(data) == _ending(expected)
        if fmt in ("pdf", "docx"):  # compressed: only their endings are fixed
            complete = data.rstrip().endswith(b"%%EOF") if fmt == "pdf" else _is_zip(report)
        if not complete:
            result.problems.append(f"export {fmt}: {report.name} was left cut short")

    def check(self, kind: str, fmt: str, result: LoopResult) -> None:
        def problem(text: str) -> None:
            result.problems.append(f"{kind} {fmt}: {text}")

        for item in self.leftovers():
            problem(f"left after the next run: {item}")
        try:
            desk = Desk.open(self.workspace, backup=False, session=False)
        except Exception as error:
            problem(f"the workspace does not open: {error}")
            return
        try:
            ok = desk.workspace.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            if not ok:
                problem("the workspace fails the integrity check")
            listed = len(desk.articles.list_articles())
            if listed < self.articles:
                problem(f"{listed} articles of {self.articles}")
            self.articles = max(self.articles, listed)
            sid = desk.reviews.sentence_rows(1)[0].sentence.id
            verdict = desk.reviews.review(sid).verdict
            if kind == "restore" and verdict != self.restored:
                problem(f"verdict {verdict}, the restored backup's {self.restored}")
            elif kind != "restore" and verdict != self.acked:
                problem(f"verdict {verdict}, acknowledged {self.acked}")
            self.acked = verdict or self.acked
        finally:
            desk.close()
        for folder in (self.work, self.out):
            for path in folder.glob("*.fcdesk"):
                if not _opens(path):
                    problem(f"{path.name} is named as a workspace and does not open")
        folder = backups.backup_dir(self.workspace)
        for path in folder.iterdir():
            if path.suffix == ".fcdesk" and not backups.is_backup(path):
                problem(f"{path.name} in the backups folder is not a backup")


_REPORT_TIME = re.compile(rb"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?")


def _ending(report: bytes) -> bytes:
    """A report's last bytes with the time it was made masked."""
    return _REPORT_TIME.sub(b"<time>", report[-200:])[-16:]


def _stored_verdict(path: Path, sid: int) -> str | None:
    """Sentence `sid`'s verdict in a workspace or backup, read as a restore reads its
    backup (read-only, with the -wal beside it)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "SELECT rating FROM reviews WHERE sentence_id = ?", (sid,)
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:  # told as the round's problem, with the verdict found
        return f"unreadable in {path.name} ({error})"
    return None if row is None else row[0]


def _size(path: Path) -> int:
    if path.is_dir() and not path.is_symlink():
        return sum(_size(p) for p in path.iterdir())
    try:
        return path.lstat().st_size
    except OSError:
        return 0


def _is_zip(path: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    except (OSError, zipfile.BadZipFile):
        return False


def _age_all(folder: Path, seconds: float) -> None:
    then = time.time() - seconds
    for item in [folder, *folder.rglob("*")]:
        with contextlib.suppress(OSError):
            os.utime(item, (then, then), follow_symlinks=False)


def _opens(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 0
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def run_leftovers_loop(
    folder: Path,
    rounds: int,
    seed: int = 2026,
    seed_file: Path | None = None,
    sentences: int = 3000,
    progress: Callable[[str], None] | None = None,
) -> LoopResult:
    """`rounds` kill-and-run-again rounds, the kinds in turn, in a fresh `folder`."""
    from factcheck_app import config

    loop = Loop(folder, seed)
    started = time.perf_counter()
    loop.set_up(seed_file or next(config.seed_dir().glob("*.txt")), sentences)
    result = LoopResult()
    for number in range(rounds):
        kind = KINDS[number % len(KINDS)]
        loop.round(kind, result)
        if progress is not None:
            progress(f"{number + 1}/{rounds} {kind}: {len(result.problems)} problems")
    result.seconds = time.perf_counter() - started
    return result
