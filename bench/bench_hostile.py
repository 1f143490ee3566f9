#!/usr/bin/env python3
"""The whole hostile corpus of issue 13, in one table: every case within 10 s and 500 MB?

Runs every case of the three hostile benches, each in a fresh process of the real desk,
and a few cases of its own:

- `bench_hostile_reports.py`: reports and the terminal (items 1–4, 9);
- `bench_hostile_imports.py`: devices, FIFOs, lying zips, PDFs, encodings (items 5–7, 10);
- `bench_text_patterns.py`: text built to make patterns slow, with size ladders (item 8);
- here: a Markdown report whose explanation is 20,000 blank lines and list marks (its
  line-start pattern was quadratic), and "earlier verdicts" for a one-sentence article of
  5,000 distinct words (the index was asked an OR query of every word).

One line per case: the issue's item, the attack, what happened, wall time, peak memory
(of the command and its parser worker), and PASS when it ended within 10 s and 500 MB
and did the right thing (refused in one line, or imported / exported with nothing live).
The times include starting Python and the desk (about 0.3 s); a busy machine adds to
them. A report, not a test: it always exits 0.

    .venv/bin/python bench/bench_hostile.py                  # everything, a few minutes
    .venv/bin/python bench/bench_hostile.py --only pdf       # cases whose name holds "pdf"
    .venv/bin/python bench/bench_hostile.py --markdown       # the table as Markdown
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SECONDS_BUDGET = 10.0
MEGABYTES_BUDGET = 500.0
TIMEOUT_S = 60.0  # a case still running then is stopped (and fails)


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


reports = _load("bench_hostile_reports")
imports = _load("bench_hostile_imports")
patterns = _load("bench_text_patterns")


@dataclass
class Row:
    item: str
    case: str
    outcome: str
    seconds: float
    peak_mb: float
    right: bool  # did the right thing, whatever the time

    @property
    def verdict(self) -> str:
        within = self.seconds <= SECONDS_BUDGET and self.peak_mb <= MEGABYTES_BUDGET
        return "PASS" if within and self.right else "FAIL"


# -- extra cases, in the style of bench_hostile_reports ---------------------------------

BLANK_LINES = "\n" * 20_000 + "1. - > # = still text"
MARKDOWN_CASE = reports.Case(
    "markdown-blank-lines",
    "Markdown report, explanation of 20,000 blank lines",
    "The minister said the war was over. Nobody believed him. It went on.",
    "for sentence_id in ids[:3]:\n"
    f"    desk.reviews.set_text_field(sentence_id, 'explanation', {BLANK_LINES!r})",
    reports.cli("export", "--article", "1", "--format", "md", "-o", "OUT"),
    reports.refused_or(lambda out, stdout, stderr: f"{out.stat().st_size:,} bytes written"),
)

# 5,000 distinct made-up words in one sentence; 2,000 judged sentences elsewhere each hold
# ten of them, so that every word of the query is in the index.
_WORDS = [
    "".join("bcdfghjklmnpqrstvwxz"[(n // 20**k) % 20] for k in range(3)) + "ex"
    for n in range(5_000)
]
EARLIER_SETUP = f"""
import random
words = {_WORDS!r}
rng = random.Random(13)
judged = " ".join(" ".join(rng.sample(words, 10)).capitalize() + "." for _ in range(2_000))
other = desk.importer.import_text(judged, source_name="judged.txt").article_id
with repo.db.atomic():
    for row in desk.reviews.sentence_rows(other):
        desk.reviews.set_verdict(row.sentence.id, "false")
"""
EARLIER_RUN = """
import sys, time
from pathlib import Path
from factcheck_app.services.desk import Desk
desk = Desk.open(Path(sys.argv[1]), read_only=True)
sentence = desk.reviews.sentence_rows(1)[0].sentence
started = time.perf_counter()
found = desk.lookup.earlier_verdicts(sentence.id)
print(f"{len(sentence.text):,}-character sentence: {len(found)} offered in "
      f"{time.perf_counter() - started:.2f} s")
"""
EARLIER_CASE = reports.Case(
    "earlier-verdicts-5000-words",
    "earlier verdicts, one sentence of 5,000 distinct words",
    " ".join(_WORDS).capitalize() + ".",
    EARLIER_SETUP,
    lambda workspace, out: [sys.executable, "-c", EARLIER_RUN, str(workspace)],
    reports.said,
)

REPORT_ITEMS = {
    "pdf-javascript": "1",
    "claimreview-script": "2",
    "csv-semicolon": "3",
    "terminal-list": "4",
    "pattern-format-spec": "9",
    "explanation-108mb-pdf": "9",
    "explanation-108mb-preview": "9",
    "paragraph-20000-pdf": "9",
    "markdown-blank-lines": "8",
    "earlier-verdicts-5000-words": "8",
}


def _report_right(name: str, outcome: str) -> bool:
    """Nothing live came out, or the desk refused in one line."""
    if outcome.startswith(("crashed", "stopped")):
        return False
    if outcome.startswith("refused: "):
        return True
    live = re.search(r"(\d+) (?:JavaScript|raw </script>|formula cells|ESC characters)", outcome)
    if live:
        return live.group(1) == "0"
    return bool(re.search(r"\d+ pages|previews in|bytes written|offered in", outcome))


def report_rows(only: str) -> Iterator[Row]:
    code = ROOT
    env = dict(os.environ, PYTHONPATH=str(code), QT_QPA_PLATFORM="offscreen")
    env["FACTCHECK_REVIEWER"] = "bench"
    for case in [*reports.CASES, MARKDOWN_CASE, EARLIER_CASE]:
        if only.lower() not in f"{case.name} {case.what}".lower():
            continue
        with tempfile.TemporaryDirectory() as folder:
            env["FACTCHECK_DATA_DIR"] = env["FACTCHECK_LOG_DIR"] = folder
            workspace = Path(folder) / "hostile.fcdesk"
            script = Path(folder) / "build.py"
            script.write_text(
                reports.BUILD.format(text=case.text, setup=case.setup), encoding="utf-8"
            )
            subprocess.run(
                [sys.executable, str(script), str(workspace)], env=env, cwd=code, check=True
            )
            out = Path(folder) / "out"
            seconds, peak, stdout, stderr, killed = reports.run_measured(
                case.command(workspace, out), env, code
            )
            outcome = (
                f"stopped after {reports.TIME_LIMIT_S} s"
                if killed
                else case.judge(out, stdout, stderr)
            )
        yield Row(
            REPORT_ITEMS.get(case.name, "?"),
            case.what,
            outcome,
            seconds,
            float(peak),
            _report_right(case.name, outcome),
        )


def import_rows(only: str) -> Iterator[Row]:
    for case in imports.cases():
        if only.lower() not in case.name.lower():
            continue
        with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
            result = imports.measure(case, Path(tmp), ROOT, 4 * 1024**3, TIMEOUT_S)
        if result.stderr_lines:
            outcome = "refused: " + result.stderr_lines[-1]
        elif result.status == "exit 0":
            outcome = "imported: " + result.stdout_tail.split("\t")[-1]
        else:
            outcome = result.status + ", nothing said"
        # The bench's own verdict holds the budget too; "right" is the rest of it.
        right = result.verdict == "PASS" or (
            result.seconds > SECONDS_BUDGET or result.peak_mb > MEGABYTES_BUDGET
        )
        yield Row(str(case.issue_item), case.name, outcome, result.seconds, result.peak_mb, right)


def pattern_rows(only: str) -> Iterator[Row]:
    with tempfile.TemporaryDirectory() as folder:
        for case in patterns.CASES:
            if only.lower() not in case.name.lower():
                continue
            for size in case.sizes:
                article = Path(folder) / f"article{case.suffix}"
                article.write_text(case.make(size), encoding="utf-8")
                workspace = Path(folder) / f"w{time.monotonic_ns()}.fcdesk"
                command = [sys.executable, "-m", "factcheck_app", case.command]
                if case.command == "import":
                    command += ["--workspace", str(workspace)]
                seconds, peak, status = patterns.run([*command, str(article)], TIMEOUT_S)
                size = article.stat().st_size
                shown = f"{size / 1024:,.0f} KB" if size >= 10_240 else f"{size} B"
                if status is None:
                    outcome = f"stopped after {TIMEOUT_S:.0f} s"
                else:
                    outcome = "done" if status == 0 else f"exit status {status}"
                name = f"{case.name}, {shown}"
                yield Row("8", name, outcome, seconds, peak, status == 0)


SECTIONS: list[tuple[str, Callable[[str], Iterator[Row]]]] = [
    ("reports and the terminal", report_rows),
    ("imports", import_rows),
    ("text built to be slow", pattern_rows),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="run the cases whose name holds this text")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        print("bench_hostile.py reads /proc: Linux only.", file=sys.stderr)
        return 0
    rows: list[Row] = []
    if args.markdown:
        print("| item | case | what happened | time | peak | |\n|---|---|---|---|---|---|")
    for title, section in SECTIONS:
        if not args.markdown:
            print(f"\n== {title}")
        for row in section(args.only):
            rows.append(row)
            outcome = row.outcome.replace("|", "/")[:110]
            if args.markdown:
                print(
                    f"| {row.item} | {row.case} | {outcome} | {row.seconds:.2f} s "
                    f"| {row.peak_mb:.0f} MB | {row.verdict} |",
                    flush=True,
                )
            else:
                print(
                    f"{row.verdict}  #{row.item:<2} {row.seconds:7.2f} s {row.peak_mb:6.0f} MB  "
                    f"{row.case}: {outcome}",
                    flush=True,
                )
    passed = sum(r.verdict == "PASS" for r in rows)
    slowest = max(rows, key=lambda r: r.seconds, default=None)
    biggest = max(rows, key=lambda r: r.peak_mb, default=None)
    print(
        f"\n{passed}/{len(rows)} cases within {SECONDS_BUDGET:.0f} s and "
        f"{MEGABYTES_BUDGET:.0f} MB and handled right"
        + (
            f"; slowest {slowest.seconds:.2f} s ({slowest.case}), "
            f"most memory {biggest.peak_mb:.0f} MB ({biggest.case})"
            if slowest and biggest
            else ""
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
