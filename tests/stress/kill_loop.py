"""Kill a writing desk with SIGKILL at random moments and check what survives.

A writer process edits reviews through the services in a loop and prints an
acknowledgement after each call returns (= committed, as the window shows an edit
only after the call returns). The parent kills it at a random moment, reopens the
workspace, runs the integrity check and verifies every acknowledged edit is there.

While the writer runs, each round also copies the workspace file alone, as a careless
`cp` or a file manager would (no -wal), and after the kill opens that copy as a reviewer
would: sometimes as it is, sometimes with another workspace's -wal planted beside it, or
with the killed writer's own (newer) -wal. The copy must open, or be refused in words; it
must pass the integrity check, every review in it must be the one its history says it
became last (no mix of two moments), and what the desk says must be true: a copy missing
an edit acknowledged before it was taken says it was copied while open (the window's and
the merge's warning), unless it is the whole workspace as the previous session left it.
Another workspace's -wal is never read: a read-only open shows the copy alone, and a
writable one sets the -wal aside and says so. A reader of a copy beside the writer's own
later -wal shows one moment (every review as its history says), never refuses a copy that
is sound alone, and says so when it reads the copy without that -wal (an open for
editing never refuses such a copy either: it sets that -wal aside); a reader of the
killed writer's workspace itself, before it is reopened, reads every acknowledged edit
(its -wal). A copy torn in the middle of a checkpoint
(it fails the integrity check alone) must only open or be refused in words; what else
happens is counted, not failed (docs/safety.md says what the runs found). One torn where
the integrity check does not look (reviews unlike their history) is fine when the desk
names each such review, and a merge would be refused for them; unsaid, it is a problem. The writer
settles its saves as the window's look does, so checkpoints happen while it is copied.

A quarter of the rounds rename the workspace while the writer runs: its next look puts
every save into the file at the new name and it writes no more; every acknowledged edit
must be there. The following rounds go on at the new name.

Full run (the number in docs/safety.md):  .venv/bin/python -m tests.stress.kill_loop --rounds 50
The test suite runs a shorter loop (tests/services/test_crash_safety.py).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

from factcheck_app import config
from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.domain.models import SearchScope
from factcheck_app.services.desk import Desk
from factcheck_app.storage.other_workspace import read_snapshot

# Edit n writes the number n into a sentence's explanation and alternates its verdict, so
# the newest surviving edit of every sentence can be checked.
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from factcheck_app.domain.errors import WorkspaceError
    from factcheck_app.services.desk import Desk
    desk = Desk.open(Path(sys.argv[1]), backup=False)
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    ratings = ["true", "false", "mixed"]  # RATINGS below
    n = int(sys.argv[2])
    looks = sys.argv[3:] == ["looks"]
    print("ready", flush=True)
    while True:
        sid = ids[n % len(ids)]
        try:
            desk.reviews.set_text_field(sid, "explanation", str(n))
            desk.reviews.set_verdict(sid, ratings[n % 3])
        except WorkspaceError:
            if not looks:
                raise
        else:
            print(f"ack {sid} {n}", flush=True)
            n += 1
        if looks:  # the window's look every second, after each edit; every 5th, a pause
            for _ in range(2 if n % 5 == 0 else 1):
                desk.settle_saves()
            # Moved: said by the look, or by the save it refused as it noticed first.
            if desk.keep_place() or desk.stopped:
                print(f"moved {desk.moved_to}", flush=True)
                sys.stdin.read()  # writes nothing more; killed
    """
)


# Edit n gives its sentence the verdict RATINGS[n % 3] (the writer's `ratings`).
RATINGS = ("true", "false", "mixed")


def _saved_edits(desk: Desk) -> dict[int, tuple[int, str | None]]:
    """Each sentence's newest saved edit number (its explanation) and its verdict."""
    return {
        row.sentence.id: (int(row.review.explanation), row.review.verdict)
        for row in desk.reviews.sentence_rows(1)
        if row.review.explanation
    }


def _lost_edits(saved: dict[int, tuple[int, str | None]], acked: dict[int, int]) -> int:
    """Acknowledged edits not all there: an older explanation, or edit n's explanation
    without its verdict. The writer acknowledges an edit once both are saved, so a
    sentence showing explanation n must show RATINGS[n % 3] (a later edit caught
    between its two saves shows a later number, and is not judged)."""
    lost = 0
    for sid, n in acked.items():
        number, verdict = saved.get(sid, (-1, None))
        lost += number < n or (number == n and verdict != RATINGS[n % 3])
    return lost


@dataclass
class KillLoopResult:
    rounds: int
    acknowledged: int
    lost: int
    integrity_failures: int
    in_flight_found: int  # rounds where an edit committed but never acknowledged was found
    seconds: float
    copies: CopyCounts = field(default_factory=lambda: CopyCounts())

    def summary(self) -> str:
        return (
            f"{self.rounds} SIGKILLs, {self.acknowledged} acknowledged edits, "
            f"{self.lost} lost, {self.integrity_failures} integrity failures, "
            f"{self.in_flight_found} rounds with an unacknowledged edit found committed, "
            f"{self.seconds:.1f} s; {self.copies.summary()}"
        )


@dataclass
class CopyCounts:
    """What the copies taken while the writer ran showed when opened."""

    opened: int = 0
    refused: int = 0  # opened for editing, in words (WorkspaceError)
    missing_edits: int = 0  # copies without an edit acknowledged before they were taken
    told_copied: int = 0  # copies that said they were copied while open
    foreign_wal: int = 0  # copies opened with another workspace's -wal beside them
    own_wal: int = 0  # copies opened with the killed writer's -wal beside them
    renamed: int = 0  # rounds that renamed the workspace while the writer ran
    merge_refused_wal: int = 0  # merges refused in words for the -wal planted beside
    merge_refused: int = 0  # merges refused in words for another reason
    reader_mixed: int = 0  # readers that read two moments at once (a later own -wal)
    reader_refused: int = 0  # readers that refused the pair as damaged
    reader_alone: int = 0  # readers that read the file without the writer's own -wal
    own_set_aside: int = 0  # opened for editing: the writer's own later -wal set aside
    crash_readers: int = 0  # readers of the killed writer's workspace, with its -wal
    torn: int = 0  # copies that fail the integrity check alone (copied mid-checkpoint)
    torn_refused: int = 0  # of which the open refused (the others passed its quick check)
    torn_foreign_merged: int = 0  # torn, opened with another workspace's -wal merged
    torn_foreign_kept: int = 0  # torn, refused saying another workspace's -wal was kept
    two_moments: int = 0  # sound alone, yet reviews unlike their history: named by the desk
    problems: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)  # what the refusals said

    def summary(self) -> str:
        return (
            f"{self.opened} copies taken while open opened ({self.refused} refused in "
            f"words, {self.merge_refused} merges refused, "
            f"{self.missing_edits} missing edits, {self.told_copied} said so; "
            f"{self.foreign_wal} with another workspace's -wal, {self.own_wal} with the "
            f"writer's own; {self.merge_refused_wal} merges refused for it, "
            f"{self.reader_alone} read without it by a reader, {self.reader_mixed} read "
            f"as two moments by one, {self.reader_refused} refused as damaged by one, "
            f"{self.own_set_aside} set aside by an open for editing); "
            f"{self.crash_readers} crashed workspaces read with their -wal by a reader; "
            f"{self.torn} torn ({self.torn_refused} refused "
            f"by the open, {self.torn_foreign_kept} of them saying another workspace's -wal "
            f"was kept apart, {self.torn_foreign_merged} opened with another workspace's -wal "
            f"merged); {self.two_moments} of two moments, said; {self.renamed} renamed "
            f"while open; {len(self.problems)} problems"
        )


def _reviews(conn: sqlite3.Connection) -> dict[int, tuple[str, str | None]]:
    """(explanation, rating) of every review, by its sentence."""
    rows = conn.execute("SELECT sentence_id, explanation, rating FROM reviews").fetchall()
    return {int(row[0]): (str(row[1] or ""), row[2]) for row in rows}


def _as_history_says(conn: sqlite3.Connection) -> list[int]:
    """Reviews that are not what their newest history entry says they became: a file
    holding pages of two moments (a copy paired with a -wal that does not follow it)."""
    newest: dict[int, tuple[str, str | None]] = {}
    for entity_id, new in conn.execute(
        "SELECT entity_id, new FROM history WHERE entity = 'review' ORDER BY id"
    ):
        state = json.loads(new) if new else {}
        newest[int(entity_id)] = (str(state.get("explanation") or ""), state.get("rating"))
    reviews = _reviews(conn)
    return sorted(rid for rid, state in newest.items() if reviews.get(rid) != state)


def _told_two_moments(desk: Desk, mixed: list[int]) -> bool:
    """Did the desk name every review unlike its history (services/copy_check.py)? A
    copy torn in the middle of a checkpoint that SQLite's checks pass: fine when said."""
    named = {item.sentence_id for item in desk.copy_look.unlike} if desk.copy_look else set()
    told = any("two different moments" in notice for notice in desk.notices)
    return told and set(mixed) <= named


def _read_alone(path: Path) -> dict[int, tuple[str, str | None]] | None:
    """The reviews of the file itself, read without any -wal beside it; None when the
    file alone fails the integrity check: copied in the middle of a checkpoint, torn."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            return None
        return _reviews(conn)
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


def _foreign_wal(folder: Path) -> bytes:
    """The -wal a killed writer left beside another workspace (its own id and history)."""
    other = folder / "other.fcdesk"
    desk = Desk.open(other, backup=False)
    desk.importer.ensure_seeded(config.seed_dir())
    desk.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(other), "900000"], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    for _ in range(6):  # "ready" and a few edits, all in its -wal
        writer.stdout.readline()
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    return other.with_name(other.name + "-wal").read_bytes()


def _check_copy(
    copy: Path,
    planted: str,
    wal: bytes,
    acked_before: dict[int, int],
    history_at_start: int,
    counts: CopyCounts,
) -> None:
    """Open a copy taken while the writer ran (`planted`: "", "foreign" or "own" -wal
    beside it) and check that it is sound and that what it says is true."""
    name = f"{copy.name} ({planted or 'alone'})"
    alone = _read_alone(copy)
    if planted:
        copy.with_name(copy.name + "-wal").write_bytes(wal)
    if alone is None:
        # Torn: SQLite cannot promise anything of such a file, nor the desk. It must open,
        # or be refused in words, nothing more (an exception here stops the loop).
        counts.torn += 1
        try:
            desk = Desk.open(copy, backup=False)
        except WorkspaceError as error:
            counts.torn_refused += 1
            # Another workspace's -wal that the torn file still tells from its own (by its
            # id: wal_check.FOREIGN_BESIDE_DAMAGED) is set aside, and the refusal says so.
            counts.torn_foreign_kept += planted == "foreign" and "do not belong" in str(error)
            return
        # Known, left: unsound alone, the -wal is merged as a crash's would be (a crash in
        # the middle of a checkpoint needs it), another workspace's too when the torn file
        # does not tell it (its id unreadable alone, or that -wal's the same).
        kept_out = any("do not belong to it" in notice for notice in desk.notices)
        counts.torn_foreign_merged += planted == "foreign" and not kept_out
        desk.close()
        return
    if planted == "foreign":
        counts.foreign_wal += 1
        try:
            reader = Desk.open(copy, read_only=True, backup=False, search_index="unused")
        except WorkspaceError as error:
            counts.problems.append(f"{name}: a reader refused it: {error}")
            return
        try:
            seen = _reviews(reader.repo.db.conn)
        finally:
            reader.close()
        if seen != alone:
            counts.problems.append(f"{name}: a reader read another workspace's -wal")
    elif planted == "own":
        counts.own_wal += 1
        # A reader reads the desk's own -wal when the pair is sound read together (its
        # integrity check), else the file alone, and says so: what it shows must be one
        # moment of the workspace, and never "damaged" of a file that is sound alone.
        try:
            reader = Desk.open(copy, read_only=True, backup=False, search_index="unused")
        except WorkspaceError as error:
            counts.reader_refused += 1
            counts.refusals.append(f"{name}, read: {error}")
            counts.problems.append(f"{name}: a reader refused a file sound alone: {error}")
        else:
            try:
                mixed = _as_history_says(reader.repo.db.conn)
                if mixed and not _told_two_moments(reader, mixed):
                    counts.reader_mixed += 1
                    counts.problems.append(f"{name}: a reader read two moments at once")
                if reader.workspace.read_without is not None:
                    counts.reader_alone += 1
                    if _reviews(reader.repo.db.conn) != alone:
                        counts.problems.append(f"{name}: read without its -wal, not as alone")
                    if not any("was read without it" in n for n in reader.notices):
                        counts.problems.append(f"{name}: read without its -wal unsaid")
            finally:
                reader.close()
    # What a merge would say about it, before an open for editing changes its mark.
    merge_says_copied: bool | None = None
    merge_names: set[int] = set()  # the reviews a merge refuses it for (two moments)
    try:
        snapshot = read_snapshot(copy)[0]
        merge_says_copied = snapshot.copied_while_open
        merge_names = {item.sentence_id for item in snapshot.unlike_history}
    except WorkspaceError as error:
        if planted and "is not its own" in str(error):
            counts.merge_refused_wal += 1  # true of another workspace's, and of a later own
        else:
            counts.merge_refused += 1
            counts.refusals.append(f"{name}, merged: {error}")
    else:
        if planted == "foreign":
            counts.problems.append(f"{name}: merged with another workspace's -wal beside it")
    try:
        desk = Desk.open(copy, backup=False)
    except WorkspaceError as error:
        counts.refused += 1
        counts.refusals.append(f"{name}, opened: {error}")
        if planted:
            # Sound alone: a -wal beside it that does not fit is set aside, never merged
            # into damage ("damaged … restore it from a backup": seed 1919, copy 181).
            counts.problems.append(f"{name}: opened for editing, refused a file sound alone")
        return
    counts.opened += 1
    try:
        conn = desk.repo.db.conn
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            counts.problems.append(f"{name}: fails the integrity check")
        if "Search index: complete." not in desk.upkeep.check().lines:
            counts.problems.append(f"{name}: its search index is not complete")
        mixed = _as_history_says(conn)
        if mixed and _told_two_moments(desk, mixed):
            counts.two_moments += 1  # said, naming them (and the index mended, above)
            if merge_says_copied is not None and not set(mixed) <= merge_names:
                counts.problems.append(f"{name}: a merge would take two moments unsaid")
        elif mixed:
            counts.problems.append(f"{name}: reviews {mixed[:5]} are not what history says")
        named = {item.sentence_id for item in desk.copy_look.unlike} if desk.copy_look else set()
        if named - set(mixed):
            counts.problems.append(f"{name}: named {sorted(named - set(mixed))[:5]} as unlike")
        if planted == "own" and any("does not fit it" in notice for notice in desk.notices):
            counts.own_set_aside += 1
            if _reviews(conn) != alone:
                counts.problems.append(f"{name}: its own later -wal set aside, not as alone")
        if planted == "foreign":
            if _reviews(conn) != alone:
                counts.problems.append(f"{name}: opened with another workspace's -wal merged")
            if not any("do not belong to it" in notice for notice in desk.notices):
                counts.problems.append(f"{name}: another workspace's -wal set aside unsaid")
        if planted:
            return  # with a -wal, not a copy taken without one: nothing to warn of
        stored = {
            row.sentence.id: int(row.review.explanation)
            for row in desk.reviews.sentence_rows(1)
            if row.review.explanation
        }
        missing = any(stored.get(sid, -1) < n for sid, n in acked_before.items())
        as_left = desk.repo.history.last_history_id() <= history_at_start
        counts.missing_edits += missing
        counts.told_copied += desk.copied_while_open
        if missing and not desk.copied_while_open and not as_left:
            counts.problems.append(f"{name}: misses acknowledged edits and does not say so")
        if merge_says_copied is not None and desk.copied_while_open != merge_says_copied:
            counts.problems.append(
                f"{name}: the window says copied {desk.copied_while_open}, a merge "
                f"{merge_says_copied}"
            )
    finally:
        desk.close()


def _check_crash_reader(path: Path, acked: dict[int, int], counts: CopyCounts) -> None:
    """A reader (`list`, `export`, a read-only window) of the killed writer's workspace,
    before any open for editing merges its -wal: it must read that -wal, with every
    acknowledged edit in it, and say nothing of reading without it."""
    if not path.with_name(path.name + "-wal").exists():
        return
    counts.crash_readers += 1
    try:
        reader = Desk.open(path, read_only=True, backup=False, search_index="unused")
    except WorkspaceError as error:
        counts.problems.append(f"{path.name} after the kill: a reader refused it: {error}")
        return
    try:
        if reader.workspace.read_without is not None:
            counts.problems.append(f"{path.name} after the kill: read without its -wal")
        if _lost_edits(_saved_edits(reader), acked):
            counts.problems.append(f"{path.name} after the kill: a reader lacks an edit")
    finally:
        reader.close()


def run_kill_loop(
    folder: Path, rounds: int, seed: int = 2026, copies: bool = True, writer_code: str = WRITER
) -> KillLoopResult:
    """Run `rounds` kill/reopen rounds on a fresh workspace in `folder`; with `copies`,
    each round also copies the workspace while the writer runs and checks the copy.
    `writer_code`: the writing process's code (a test gives one that breaks its word)."""
    rng = random.Random(seed)
    path = folder / "crash.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.ensure_seeded(config.seed_dir())
    history_at_start = desk.repo.history.last_history_id()
    desk.close()
    foreign = _foreign_wal(folder) if copies else b""
    acked: dict[int, int] = {}
    next_n = 0
    result = KillLoopResult(rounds, 0, 0, 0, 0, 0.0)
    started = time.perf_counter()
    for number in range(rounds):
        errors = (folder / "writer-errors.txt").open("w+")
        writer = subprocess.Popen(
            [
                sys.executable,
                "-c",
                writer_code,
                str(path),
                str(next_n),
                *(["looks"] if copies else []),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        # A random moment: after some acknowledged edits, plus a random fraction of one more.
        edits = rng.randint(0, 40)
        copy_after = rng.randint(0, edits)
        copy = folder / f"copy-{number}.fcdesk"
        acked_at_copy: dict[int, int] = {}
        for done in range(edits):
            if copies and done == copy_after:
                acked_at_copy = dict(acked)
                shutil.copyfile(path, copy)  # the file alone, while the writer writes
            _, sid, n = writer.stdout.readline().split()
            acked[int(sid)] = int(n)
            result.acknowledged += 1
        if copies and not copy.exists():
            acked_at_copy = dict(acked)
            shutil.copyfile(path, copy)
        if copies and rng.random() < 0.25:
            # Renamed while open: the writer's next look puts its saves into the file at
            # its new name and writes no more; every acknowledged edit must be there.
            moved = folder / f"crash-{number}.fcdesk"
            path.rename(moved)
            result.copies.renamed += 1
            while (line := writer.stdout.readline().split()) and line[0] == "ack":
                acked[int(line[1])] = int(line[2])
                result.acknowledged += 1
            if line != ["moved", str(moved)]:
                errors.seek(0)
                result.copies.problems.append(
                    f"renamed to {moved.name}: the writer said {line} {errors.read()[-2000:]}"
                )
            path = moved
        else:
            time.sleep(rng.random() * 0.01)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        assert writer.stdin is not None
        writer.stdin.close()
        errors.close()
        wal = path.with_name(path.name + "-wal")
        own_wal = wal.read_bytes() if copies and wal.exists() else b""
        last = max([next_n - 1, *acked.values()])
        for line in writer.stdout.read().splitlines():  # acked just before the kill
            _, sid, n = line.split()
            acked[int(sid)] = int(n)
            result.acknowledged += 1
            last = int(n)
        if copies:
            _check_crash_reader(path, acked, result.copies)
        reopened = Desk.open(path, backup=False)
        database_ok = reopened.workspace.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # The search index is written in the same transactions: it must be complete too.
        index_ok = database_ok and "Search index: complete." in reopened.upkeep.check().lines
        if not index_ok:
            result.integrity_failures += 1
        saved = _saved_edits(reopened)
        result.lost += _lost_edits(saved, acked)  # explanations and verdicts alike
        stored = {sid: number for sid, (number, _verdict) in saved.items()}
        if stored and max(stored.values()) > last:
            result.in_flight_found += 1
        if stored:  # the newest saved explanation is searchable: its index row was saved too
            newest_sid, newest_n = max(stored.items(), key=lambda item: item[1])
            found = reopened.lookup.search(f"{newest_n} ", SearchScope.EXPLANATIONS)
            if newest_sid not in {hit.found.row.sentence.id for hit in found.hits}:
                result.integrity_failures += 1
        next_n = max([next_n, *stored.values()]) + 1
        reopened.close()
        if copies:
            planted = rng.choice(["", "foreign", "own"] if own_wal else ["", "foreign"])
            _check_copy(
                copy,
                planted,
                own_wal if planted == "own" else foreign,
                acked_at_copy,
                history_at_start,
                result.copies,
            )
            for leftover in folder.glob(f"{copy.name}*"):
                leftover.unlink()
            shutil.rmtree(folder / f"{copy.stem}-backups", ignore_errors=True)
            # The next round's copies miss only what its writer saves: the workspace as
            # this reopen closed it holds every edit so far.
            history_at_start = _last_history_id(path)
    result.seconds = time.perf_counter() - started
    return result


def _last_history_id(path: Path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0])
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-copies", action="store_true", help="no copies taken while open")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = run_kill_loop(Path(folder), args.rounds, args.seed, copies=not args.no_copies)
    for line in [*result.copies.refusals, *result.copies.problems]:
        print(line)
    print(result.summary())
    ok = result.lost == 0 and result.integrity_failures == 0 and not result.copies.problems
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
