"""Kill (SIGKILL) or log out (SIGTERM) a desk while its automatic backup is written or
while thinning removes old backups, and check the workspace and its backups folder.

Each round first dates every backup in the backups folder back by 5 hours to 3 days (their
names carry their time, so renaming them is ageing them): the newest is then over 4 hours
old, so the automatic backup is due at once (`backups.backup_due`), and as the rounds go on
the folder spans weeks, so that thinning has backups to remove. One in four rounds also
plants a Back Up Now backup among them, which thinning must never remove. A writer
process then opens the workspace, starts the automatic backup as the window does at an
open (`Upkeep.start_backup_if_due`, in its thread, its own connection) and edits reviews
meanwhile, printing an acknowledgement after each edit returns and settling its saves
on every fifth (the window's checkpoint on a pause). The parent ends it at a random
moment: once the backup's part file appears, once the new backup has its name (it is
then read back and the older ones thinned), or at any moment; with SIGKILL, or with
SIGTERM, on which the writer closes the desk as the window does on logging out (the
backup under way stopped, nothing of it left).

After every round: the workspace passes `PRAGMA integrity_check` with every acknowledged
edit; every `.fcdesk` file in the backups folder opens and passes SQLite's quick check;
the newest backup the round began with is still there, or a newer sound one is; no Back
Up Now backup was removed; a logout leaves no part file; part files an hour old are gone
once the next backup has begun; a new backup holds every edit acknowledged before it
began. The test suite runs a few rounds (tests/stress/test_backup_kill_loop.py).

Full run (the number in docs/safety.md):
    .venv/bin/python -m tests.stress.backup_kill_loop --rounds 200 --seed 707
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from factcheck_app import config
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.stress.harness import REPO_ROOT

# Edit n writes n into a sentence's explanation (as kill_loop's writer). On SIGTERM the
# desk is closed between two edits, as the window closes on logging out.
WRITER = textwrap.dedent(
    """
    import signal, sys, threading
    from pathlib import Path
    from factcheck_app.services.desk import Desk
    ending = []
    signal.signal(signal.SIGTERM, lambda *_: ending.append(True))
    lock = threading.Lock()
    def say(line):  # whole lines: the backup's thread says its end meanwhile
        with lock:
            sys.stdout.write(line + "\\n")
            sys.stdout.flush()
    desk = Desk.open(Path(sys.argv[1]), backup=False)
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    n = int(sys.argv[2])
    def done(job):
        state = "made" if job.made else "cancelled" if job.cancelled else f"error {job.error}"
        say(f"backup {state} {job.made}")
    job = desk.upkeep.start_backup_if_due(done)
    say("ready" if job is not None else "not-due")
    while not ending:
        sid = ids[n % len(ids)]
        desk.reviews.set_text_field(sid, "explanation", str(n))
        say(f"ack {sid} {n}")
        n += 1
        if n % 5 == 0:
            desk.settle_saves()  # the window's checkpoint on a pause
    desk.close()
    say("closed")
    """
)

MOMENTS = ("partial", "named", "any")
PART_SUFFIXES = (".partial", ".partial-journal", ".partial-wal", ".partial-shm")


@dataclass
class BackupLoopResult:
    rounds: int = 0
    killed: int = 0
    logged_out: int = 0
    acknowledged: int = 0
    lost: int = 0
    integrity_failures: int = 0
    backups_made: int = 0  # rounds whose backup was named before the end
    ended_while_partial: int = 0  # rounds ended with the backup's part file on the disk
    thinned: int = 0  # backups removed by thinning
    part_files_left: int = 0  # part files a kill left (removed by a later backup)
    most_backups: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems and self.lost == 0 and self.integrity_failures == 0

    def summary(self) -> str:
        return (
            f"{self.rounds} rounds ({self.killed} SIGKILLs, {self.logged_out} SIGTERMs), "
            f"{self.acknowledged} acknowledged edits, {self.lost} lost, "
            f"{self.integrity_failures} integrity failures; {self.backups_made} backups named "
            f"before the end, {self.ended_while_partial} ended while the part file was "
            f"written, {self.thinned} thinned, {self.part_files_left} part files left by kills "
            f"(all removed later), at most {self.most_backups} backups at once; "
            f"{len(self.problems)} problems, {self.seconds:.1f} s"
        )


def sound_backup(path: Path) -> bool:
    """Does the backup open, read-only, and pass SQLite's quick check?"""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _explanations(path: Path) -> dict[int, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT sentence_id, explanation FROM reviews").fetchall()
    finally:
        conn.close()
    return {int(sid): int(text) for sid, text in rows if text and str(text).isdigit()}


def age_backups(workspace: Path, hours: float) -> None:
    """Date every backup back by `hours` (their names carry their time), oldest first, so
    that no new name is an existing one's; part files are made an hour older too."""
    shift = dt.timedelta(hours=hours)
    for path, created, _reason in reversed(backups._backup_files(workspace)):
        match = backups._NAME.match(path.name)
        assert match is not None
        stem, reason = match.group("stem"), match.group("reason")
        stamp = (created - shift).astimezone(dt.UTC).strftime("%Y%m%d-%H%M%SZ")
        new = path.with_name(f"{stem}-{stamp}-{reason}.fcdesk")
        counter = 1
        while new.exists():
            new = path.with_name(f"{stem}-{stamp}-{counter}-{reason}.fcdesk")
            counter += 1
        path.rename(new)
    an_hour_ago = time.time() - 2 * 3600
    for part in backups.backup_dir(workspace).glob("*.partial*"):
        os.utime(part, (an_hour_ago, an_hour_ago))


def _wait_for(found: Callable[[], bool], deadline: float) -> bool:
    while time.monotonic() < deadline:
        if found():
            return True
        time.sleep(0.0005)
    return False


def run_backup_kill_loop(
    folder: Path,
    rounds: int,
    seed: int = 2026,
    sentences: int = 3000,
    progress: Callable[[str], None] | None = None,
) -> BackupLoopResult:
    """`rounds` rounds on a fresh workspace in `folder` (see the module's docstring)."""
    rng = random.Random(seed)
    path = folder / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.ensure_seeded(config.seed_dir())
        long_text = folder / "long.txt"
        long_text.write_text(
            "\n\n".join(
                f"The ministry said {n} schools opened in district {n % 97} this year."
                for n in range(sentences)
            ),
            encoding="utf-8",
        )
        desk.importer.import_file(long_text)
        long_text.unlink()
        desk.upkeep.backup_now("auto")
    finally:
        desk.close()
    folder_of_backups = backups.backup_dir(path)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    result = BackupLoopResult()
    acked: dict[int, int] = {}
    next_n = 0
    started = time.perf_counter()
    for number in range(rounds):
        age_backups(path, rng.uniform(5, 72))
        if rng.random() < 0.25:  # a Back Up Now among them: never thinned
            newest = backups._backup_files(path)[0][0]
            manual = newest.with_name(newest.name.replace("-auto.fcdesk", "-manual.fcdesk"))
            if manual != newest and not manual.exists():
                manual.write_bytes(newest.read_bytes())
        before = backups._backup_files(path)
        manuals = {p for p, _c, reason in before if reason == "manual"}
        newest_sound = next((p for p, _c, _r in before if sound_backup(p)), None)
        stale_parts = set(folder_of_backups.glob("*.partial*"))
        moment = rng.choice(MOMENTS)
        terminate = rng.random() < 0.5
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(next_n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert writer.stdout is not None
        first = writer.stdout.readline().strip()
        acked_at_start = dict(acked)
        if first != "ready":
            result.problems.append(f"round {number}: no backup due: {first!r}")
        deadline = time.monotonic() + 20
        if moment == "partial":
            _wait_for(lambda: any(folder_of_backups.glob("*.partial")), deadline)
            time.sleep(rng.uniform(0, 0.05))
        elif moment == "named":
            names = {p for p, _c, _r in before}
            _wait_for(
                lambda: any(p not in names for p in folder_of_backups.glob("*.fcdesk")),  # noqa: B023
                deadline,
            )
            time.sleep(rng.uniform(0, 0.01))
        else:
            time.sleep(rng.uniform(0, 0.6))
        partial_now = any(folder_of_backups.glob("*.partial"))
        writer.send_signal(signal.SIGTERM if terminate else signal.SIGKILL)
        try:
            out, err = writer.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            writer.kill()
            out, err = writer.communicate()
            result.problems.append(f"round {number}: the writer did not end on SIGTERM")
        if terminate:
            result.logged_out += 1
            if writer.returncode != 0 or "closed" not in out:
                result.problems.append(
                    f"round {number}: logging out ended with {writer.returncode}: {err[-800:]}"
                )
        else:
            result.killed += 1
        result.ended_while_partial += partial_now
        made: Path | None = None
        for line in out.splitlines():
            parts = line.split()
            if parts[:1] == ["ack"]:
                acked[int(parts[1])] = int(parts[2])
                result.acknowledged += 1
            elif parts[:2] == ["backup", "made"]:
                made = Path(parts[2])
            elif parts[:1] == ["backup"] and parts[1] != "cancelled":
                result.problems.append(f"round {number}: {line}")
        # The workspace: sound, every acknowledged edit in it.
        reopened = Desk.open(path, backup=False)
        try:
            integrity = reopened.workspace.db.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            reopened.close()
        if integrity != "ok":
            result.integrity_failures += 1
            result.problems.append(f"round {number}: integrity check: {integrity}")
        stored = _explanations(path)
        for sid, n in acked.items():
            if stored.get(sid, -1) < n:
                result.lost += 1
                result.problems.append(f"round {number}: sentence {sid}: {n} acked, lost")
        next_n = max([next_n, *stored.values()]) + 1
        # The backups folder.
        after = backups._backup_files(path)
        names_after = {p for p, _c, _r in after}
        new = [p for p in names_after if p not in {b for b, _c, _r in before}]
        result.backups_made += bool(new)
        result.most_backups = max(result.most_backups, len(after))
        result.thinned += len({b for b, _c, _r in before} - names_after)
        for backup in names_after:
            if not sound_backup(backup):
                result.problems.append(f"round {number}: backup {backup.name} is not sound")
        for backup in new:  # it holds the workspace as it was when it began, at least
            held = _explanations(backup) if sound_backup(backup) else {}
            for sid, n in acked_at_start.items():
                if held.get(sid, -1) < n:
                    result.problems.append(
                        f"round {number}: backup {backup.name} lacks sentence {sid}'s {n}"
                    )
                    break
        if newest_sound is not None and newest_sound not in names_after:
            newer = [p for p, _c, _r in after if p in new and sound_backup(p)]
            if not newer:
                result.problems.append(
                    f"round {number}: the newest sound backup {newest_sound.name} was removed"
                )
        for manual in manuals - names_after:
            result.problems.append(f"round {number}: Back Up Now's {manual.name} was removed")
        if made is not None and made not in names_after:
            result.problems.append(f"round {number}: the backup made, {made.name}, is gone")
        parts = set(folder_of_backups.glob("*.partial*"))
        if terminate and parts - stale_parts:
            result.problems.append(
                f"round {number}: logging out left {sorted(p.name for p in parts - stale_parts)}"
            )
        # The backup began: what an older kill left, an hour old, is gone.
        if (new or made is not None) and parts & stale_parts:
            result.problems.append(
                f"round {number}: part files an hour old stayed: "
                f"{sorted(p.name for p in parts & stale_parts)}"
            )
        result.part_files_left += len({p for p in parts - stale_parts if p.suffix == ".partial"})
        # A kill leaves a part file with whichever side files SQLite had beside it: its
        # -journal, or a -wal and -shm when the copy had page 1 of a WAL workspace
        # (seed 2034). The next backup removes them all once an hour old.
        for other in folder_of_backups.iterdir():
            if not (other in names_after or other.name.endswith(PART_SUFFIXES)):
                result.problems.append(f"round {number}: {other.name} in the backups folder")
        result.rounds += 1
        if progress is not None:
            progress(f"{number + 1}/{rounds} {moment} {'TERM' if terminate else 'KILL'}")
    # The part files the kills left go with the next backup, once an hour old.
    age_backups(path, 5)
    desk = Desk.open(path, backup=False)
    try:
        desk.upkeep.backup_now("auto")
    finally:
        desk.close()
    for part in folder_of_backups.glob("*.partial*"):
        result.problems.append(f"after the last round's backup: {part.name} is still there")
    result.seconds = time.perf_counter() - started
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--sentences", type=int, default=3000, help="in the long article")
    parser.add_argument("-v", "--verbose", action="store_true", help="a line per round")
    args = parser.parse_args()
    report = (lambda line: print(line, file=sys.stderr, flush=True)) if args.verbose else None
    with tempfile.TemporaryDirectory(prefix="fcdesk-backup-kill-") as folder:
        result = run_backup_kill_loop(
            Path(folder), args.rounds, args.seed, args.sentences, progress=report
        )
    for problem in result.problems:
        print(problem)
    print(result.summary())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
