#!/usr/bin/env python3
"""A newsroom week of exchanging workspace files, with real processes and real copies.

Ana (checker) and Ben (editor) each keep a workspace. During the week they copy each
other's files carelessly, as people do: while the desk has the file open (`cp` of the
file alone), under other names (`w (1).fcdesk`), stale copies merged late or twice, round
trips, a cleaned copy and a backup. Ana's desk runs in a process of its own, as her
window does (tests/desk_left_open.py); every merge, sign-off, clean and verify is the
real command line. After each step the script reads the files and checks what a
reviewer relies on: nothing lost, nothing resurrected, the approval not on a verdict it
never saw, `verify` passing. It prints each step and each problem, and measures what a
copy taken while the desk is open lacks: with the window's look on a pause
(`settle_saves`) and without it (SQLite's own checkpoint every 1,000 pages).

Run: `.venv/bin/python bench/bench_week.py [--verdicts 120]` (exits 1 on a problem).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.desk_left_open import desk_left_open

ARTICLE = " ".join(
    f"The ministry said output rose by {i} percent in {1990 + i % 30}." for i in range(400)
)
problems: list[str] = []


def cli(*args: str, who: str = "Ben") -> str:
    """A real factcheck-app command; its output (the problem noted when it fails)."""
    done = subprocess.run(
        [sys.executable, "-m", "factcheck_app", *args, "--reviewer", who],
        capture_output=True,
        text=True,
    )
    out = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        problems.append(f"`{' '.join(args[:1])}` failed: {out}")
    return out


def reader(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "factcheck_app", *args], capture_output=True, text=True
    )
    return (done.stdout + done.stderr).strip()


def state(path: Path) -> dict[int, tuple[str | None, str, str | None]]:
    """Per sentence number: (verdict, status, sign-off decision), read from a closed file
    (or a copy) as it is, without its -wal."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        rows = conn.execute(
            "SELECT s.id, r.rating, r.status, o.decision FROM sentences s"
            " LEFT JOIN reviews r ON r.sentence_id = s.id"
            " LEFT JOIN sign_offs o ON o.sentence_id = s.id ORDER BY s.start"
        ).fetchall()
    finally:
        conn.close()
    return {n: (r[1], r[2] or "unreviewed", r[3]) for n, r in enumerate(rows)}


def expect(what: str, ok: bool, detail: object = "") -> None:
    print(f"  {'ok ' if ok else 'BAD'} {what}{f': {detail}' if not ok and detail else ''}")
    if not ok:
        problems.append(f"{what}: {detail}")


def copy_while_open(verdicts: int, folder: Path, settle: bool) -> tuple[int, int]:
    """Ana gives `verdicts` verdicts (a look on a pause after each when `settle`); her
    file alone is copied after each; the most verdicts any copy lacked, and the copies
    lacking the article whole."""
    ws = folder / f"ana-{'settled' if settle else 'sqlite'}.fcdesk"
    worst = article_missing = 0
    with desk_left_open(ws, "Ana") as ana:
        ids = ana.do("import", ARTICLE, "ministry.txt")
        assert isinstance(ids, list)
        for n in range(verdicts):
            ana.do("verdict", ids[n % len(ids)], "false" if n % 2 else "true")
            if settle:
                ana.do("settle")
            copy = folder / "copy.fcdesk"
            shutil.copyfile(ws, copy)
            got = state(copy)
            article_missing += not got
            worst = max(worst, min(n + 1, n + 1 - sum(v[0] is not None for v in got.values())))
    return worst, article_missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verdicts", type=int, default=120)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fcdesk-week-") as tmp:
        base = Path(tmp)
        print("Lead 1: a copy of the file alone, taken while the desk has it open")
        for settle in (False, True):
            worst, whole = copy_while_open(args.verdicts, base, settle)
            how = "window's look on a pause" if settle else "SQLite's checkpoint alone"
            print(
                f"  {how}: after {args.verdicts} verdicts, a copy lacked at most {worst}"
                f" verdicts; {whole} of {args.verdicts} copies lacked the article whole"
            )
        ana, ben = base / "ana.fcdesk", base / "ben.fcdesk"
        stick = base / "stick"
        stick.mkdir()
        print("Monday: Ana rates 0-5 with her window open; Ben copies her file off a stick")
        with desk_left_open(ana, "Ana") as desk:
            ids = desk.do("import", ARTICLE, "ministry.txt")
            assert isinstance(ids, list)
            for n in range(6):
                desk.do("verdict", ids[n], "false")
            desk.do("settle")
            shutil.copyfile(ana, stick / "ana (1).fcdesk")  # Monday's copy, while open
        said = cli("merge", "-w", str(ben), str(stick / "ana (1).fcdesk"))
        expect("the merge says the copy was taken while open", "copied while" in said, said)
        expect(
            "Ben has Monday's six verdicts", sum(v[0] == "false" for v in state(ben).values()) == 6
        )
        cli("sign-off", "approve", "-w", str(ben), "--article", "1", "--number", "1")
        cli("sign-off", "approve", "-w", str(ben), "--article", "1", "--number", "3")
        print("Wednesday: Ana changes 0 to true, clears 1; Ben approved 0 and 2 meanwhile")
        with desk_left_open(ana, "Ana") as desk:
            desk.do("verdict", ids[0], "true")
            desk.do("verdict", ids[1], None)
        shutil.copyfile(ana, stick / "ana-wed.fcdesk")  # closed: a whole copy
        said = cli("merge", "-w", str(ben), str(stick / "ana-wed.fcdesk"))
        got = state(ben)
        expect("Wednesday's copy brings no warning", "copied while" not in said, said)
        expect(
            "the approval does not stand over Ana's changed verdict 0",
            got[0][2] != "approved" or got[0][0] == "false",
            got[0],
        )
        expect("verdict 1 cleared by Ana", got[1][0] is None, got[1])
        print(f"  (Ben's sentence 0 is now {got[0]}: verdict, status, sign-off)")
        expect("approval of 2 (unchanged) kept", got[2][2] == "approved", got[2])
        print("Friday: Monday's copy merged late, and again")
        before = state(ben)
        said = cli("merge", "-w", str(ben), str(stick / "ana (1).fcdesk"))
        cli("merge", "-w", str(ben), str(stick / "ana (1).fcdesk"))
        got = state(ben)
        expect("Monday's verdict 1 not resurrected", got[1][0] is None, (said, got[1]))
        expect("Monday's copy changes nothing after Wednesday's", got == before, said)
        print("Round trips: Ben's file to Ana, back to Ben; Ana's own copy into her file")
        shutil.copyfile(ben, stick / "ben.fcdesk")
        said = cli("merge", "-w", str(ana), str(stick / "ben.fcdesk"), who="Ana")
        got = state(ana)
        expect("Ana sees Ben's approval of 2", got[2][2] == "approved", got[2])
        expect(
            "Ana's verdict 0 is still true, not approved",
            got[0][0] == "true" and got[0][2] != "approved",
            got[0],
        )
        shutil.copyfile(ana, stick / "ana-fri.fcdesk")
        before = state(ben)
        said = cli("merge", "-w", str(ben), str(stick / "ana-fri.fcdesk"))
        expect("Ana's file back into Ben's changes nothing", state(ben) == before, said)
        shutil.copyfile(ana, stick / "ana-self.fcdesk")
        said = cli("merge", "-w", str(ana), str(stick / "ana-self.fcdesk"), who="Ana")
        expect("a copy of her own file merged into it: nothing new", "nothing new" in said, said)
        print("A cleaned copy and a backup of Ana's, merged into Ben's")
        reader("clean", "-w", str(ana), "-o", str(stick / "ana-clean.fcdesk"))
        before = state(ben)
        said = cli("merge", "-w", str(ben), str(stick / "ana-clean.fcdesk"))
        expect("the cleaned copy changes nothing", state(ben) == before, said)
        print("verify both")
        for path in (ana, ben):
            said = reader("verify", "-w", str(path))
            expect(f"{path.name} verifies", "every hash matches" in said, said)
        agreement = json.loads(reader("agreement", "-w", str(ben), "--json") or "{}")
        names = {n for p in agreement.get("pairs", []) for n in p["reviewers"]}
        expect("no reviewer paired with herself", len(names) == len(set(names)), names)
    print(f"{len(problems)} problems, {time.perf_counter() - start:.1f} s")
    for problem in problems:
        print(" -", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
