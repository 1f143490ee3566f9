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

With `--reader` (new in Run 17), each round also has another program reading the
workspace meanwhile (`reader_kill_loop.READER`: Datasette's kind, `mode=ro`, or a plain
`sqlite3` reader that comes and goes, drawn at random), so that the backup is taken, and
the desk killed or logged out, while a read is in progress. Then also: every new backup
passes the full integrity check and a Restore from Backup of it (into a scratch place)
opens with every edit acknowledged before it began; and the main file alone, copied
with the reader still reading once the desk has closed (on logging out, or after a
kill, the reopen's close) as a nightly copy of the folder would, passes the integrity
check with every acknowledged edit. The reader must never be told "malformed" or "not
a database".

Full run (the number in docs/safety.md):
    .venv/bin/python -m tests.stress.backup_kill_loop --rounds 200 --seed 707
    .venv/bin/python -m tests.stress.backup_kill_loop --rounds 40 --seed 3305 --reader
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from factcheck_app import config
from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.services import workspace_files
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.stress.harness import REPO_ROOT
from tests.stress.reader_kill_loop import READER, _read_file_alone

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
        state = (
            "made" if job.made else "cancelled" if job.cancelled
            else f"error {job.error}" if job.error else "not-due"  # looked at in its thread
        )
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
# The readers drawn from with `reader` (reader_kill_loop.READER's kinds).
READER_KINDS = ("datasette", "plain")
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
    # With a reader beside the desk (`reader=True`):
    reader_kinds: Counter[str] = field(default_factory=Counter)
    reader_transactions: int = 0
    reader_errors: Counter[str] = field(default_factory=Counter)
    restores: int = 0  # new backups restored into a scratch place and opened
    file_alone_copies: int = 0  # copies of the main file alone after the round's close
    file_alone_complete: int = 0  # of them, sound with every acknowledged edit
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems and self.lost == 0 and self.integrity_failures == 0

    def summary(self) -> str:
        beside = ""
        if self.reader_kinds:
            kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.reader_kinds.items()))
            errors = "; ".join(f"{n}× {text}" for text, n in self.reader_errors.most_common(3))
            beside = (
                f"; readers: {kinds}, {self.reader_transactions} read transactions, "
                f"{sum(self.reader_errors.values())} reader errors"
                f"{': ' + errors if errors else ''}; {self.restores} new backups restored "
                f"and opened; {self.file_alone_copies} copies of the main file alone, "
                f"{self.file_alone_complete} sound with every acknowledged edit"
            )
        return (
            f"{self.rounds} rounds ({self.killed} SIGKILLs, {self.logged_out} SIGTERMs), "
            f"{self.acknowledged} acknowledged edits, {self.lost} lost, "
            f"{self.integrity_failures} integrity failures; {self.backups_made} backups named "
            f"before the end, {self.ended_while_partial} ended while the part file was "
            f"written, {self.thinned} thinned, {self.part_files_left} part files left by kills "
            f"(all removed later), at most {self.most_backups} backups at once{beside}; "
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


def _start_reader(path: Path, kind: str, seed: int, log: Path, stop: Path) -> subprocess.Popen[str]:
    """A reader of `kind` (reader_kill_loop.READER) on `path`, once it has read once."""
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(path), kind, str(seed), str(log), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert reader.stdout is not None
    assert reader.stdout.readline().strip() == "ready", "the reader did not start"
    return reader


def _stop_reader(
    reader: subprocess.Popen[str], log: Path, stop: Path, result: BackupLoopResult, number: int
) -> None:
    """End the reader and count its transactions and errors."""
    stop.touch()
    reader.wait()
    if reader.stdout is not None:
        reader.stdout.close()
    for entry in log.read_text(encoding="utf-8").splitlines():
        word, _at, *text = entry.split(maxsplit=2)
        if word == "txn":
            result.reader_transactions += 1
        else:
            message = " ".join(text)
            result.reader_errors[message] += 1
            if "malformed" in message or "not a database" in message:
                result.problems.append(f"round {number}: the reader was told: {message}")
    log.unlink()
    stop.unlink()


def _check_whole(backup: Path, result: BackupLoopResult, number: int) -> None:
    """A new backup passes SQLite's full integrity check, not only the quick one."""
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as error:
        integrity = str(error)
    if integrity != "ok":
        result.problems.append(f"round {number}: backup {backup.name}: {integrity}")


def _check_restore(
    backup: Path, scratch: Path, acked: dict[int, int], result: BackupLoopResult, number: int
) -> None:
    """Restore `backup` into a scratch place as Restore from Backup does, open it for
    editing, and check it whole with every edit in `acked`."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    target = scratch / "restored.fcdesk"
    try:
        workspace_files.restore_backup(target, backup)
        desk = Desk.open(target, backup=False)
    except WorkspaceError as error:
        result.problems.append(f"round {number}: restoring {backup.name} failed: {error}")
        return
    try:
        integrity = desk.workspace.db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        desk.close()
    result.restores += 1
    if integrity != "ok":
        result.problems.append(f"round {number}: {backup.name} restored: {integrity}")
        return
    held = _explanations(target)
    lacking = [sid for sid, n in acked.items() if held.get(sid, -1) < n]
    if lacking:
        result.problems.append(
            f"round {number}: {backup.name} restored lacks {len(lacking)} edits acknowledged "
            "before it began"
        )
    shutil.rmtree(scratch, ignore_errors=True)


def _check_file_alone(
    path: Path, copy: Path, acked: dict[int, int], result: BackupLoopResult, number: int
) -> None:
    """Copy the main file alone (no -wal), as a nightly copy of the folder would, and
    check it: sound, with every acknowledged edit."""
    shutil.copyfile(path, copy)
    result.file_alone_copies += 1
    sound, saved = _read_file_alone(copy)
    copy.unlink()
    if not sound:
        result.problems.append(f"round {number}: the main file alone fails the integrity check")
        return
    lacking = [sid for sid, n in acked.items() if saved.get(sid, (-1, None))[0] < n]
    if lacking:
        result.problems.append(
            f"round {number}: the main file alone lacks {len(lacking)} acknowledged edits"
        )
        return
    result.file_alone_complete += 1


def run_backup_kill_loop(
    folder: Path,
    rounds: int,
    seed: int = 2026,
    sentences: int = 3000,
    progress: Callable[[str], None] | None = None,
    reader: bool = False,
) -> BackupLoopResult:
    """`rounds` rounds on a fresh workspace in `folder` (see the module's docstring);
    with `reader`, another program reads the workspace throughout each round."""
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
        reading: subprocess.Popen[str] | None = None
        log, stop = folder / f"reader-{number}.log", folder / f"reader-{number}.stop"
        if reader:
            kind = rng.choice(READER_KINDS)
            result.reader_kinds[kind] += 1
            reading = _start_reader(path, kind, rng.randrange(10**9), log, stop)
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
        if terminate and reading is not None:  # the logout's close, the reader still reads
            _check_file_alone(path, folder / "alone.fcdesk", acked, result, number)
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
        if not terminate and reading is not None:  # after a kill: the reopen's close
            _check_file_alone(path, folder / "alone.fcdesk", acked, result, number)
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
            if reading is not None:
                _check_whole(backup, result, number)
                _check_restore(backup, folder / "restored", acked_at_start, result, number)
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
        for other in folder_of_backups.iterdir():  # (the restores' scratch is elsewhere)
            if not (other in names_after or other.name.endswith(PART_SUFFIXES)):
                result.problems.append(f"round {number}: {other.name} in the backups folder")
        if reading is not None:
            _stop_reader(reading, log, stop, result, number)
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
    parser.add_argument(
        "--reader",
        action="store_true",
        help="another program reads the workspace throughout each round (Datasette, sqlite3)",
    )
    args = parser.parse_args()
    report = (lambda line: print(line, file=sys.stderr, flush=True)) if args.verbose else None
    with tempfile.TemporaryDirectory(prefix="fcdesk-backup-kill-") as folder:
        result = run_backup_kill_loop(
            Path(folder),
            args.rounds,
            args.seed,
            args.sentences,
            progress=report,
            reader=args.reader,
        )
    for problem in result.problems:
        print(problem)
    print(result.summary())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
