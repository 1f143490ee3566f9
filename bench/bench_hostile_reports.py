#!/usr/bin/env python3
"""Hostile reports (issue 13, items 1–4 and 9): time, peak memory and outcome per case.

Each case builds a workspace holding one hostile payload, then runs what a user would
(the `factcheck-app` command, or the export dialog offscreen) in a fresh process, whose
wall time and peak resident memory are measured (`os.wait4`) with a time limit and an
address-space cap, so the cases that once took gigabytes or minutes end here either way.
The outcome column says what came out: live actions in the PDF, raw `</script>` in the
ClaimReview, formula cells a semicolon-locale Excel would evaluate, escape characters on
the terminal, or the one line the desk refused with.

Run: `.venv/bin/python bench/bench_hostile_reports.py [--code DIR] [--case NAME …]`;
`--code /path/to/older/checkout` measures another version of the desk (its
`factcheck_app` is put first on the path of every process).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME_LIMIT_S = 60
MEMORY_CAP = 6 * 1024**3  # address space of each process: a runaway ends in MemoryError

PDF_URL = "https://news.example/a)/Next<</S/JavaScript/JS(app.alert(2))>>/X("
SCRIPT = "</script><script>alert(1)</script>"
TERMINAL = "\x1b]0;title\x07\x1b[2J"

# Builds the workspace (argv[1]) with the code under test; {setup} is the case's part.
BUILD = """
import sys
from pathlib import Path
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
desk = Desk.open(Path(sys.argv[1]))
repo = desk.repo
text = {text!r}
article_id = desk.importer.import_text(text).article_id
ids = [row.sentence.id for row in desk.reviews.sentence_rows(article_id)]
for sentence_id in ids[:3]:
    desk.reviews.set_tag(sentence_id, Tag.CLAIM)
    desk.reviews.set_verdict(sentence_id, "false")
metadata = repo.articles.article_metadata(article_id)
{setup}
desk.close()
"""

PREVIEW = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtWidgets import QApplication
from factcheck_app.services.desk import Desk
from factcheck_app.gui.dialogs.export import ExportDialog
app = QApplication([])
desk = Desk.open(Path(sys.argv[1]), read_only=True)
started = time.perf_counter()
dialog = ExportDialog(desk, 1)
dialog.show()
for key in ("pdf", "html", "md", "csv", "json", "claimreview"):
    dialog.set_format(key)
    app.processEvents()
print(f"6 previews in {time.perf_counter() - started:.1f} s, the last "
      f"{dialog.preview.document().characterCount():,} characters")
"""


@dataclass
class Case:
    name: str
    what: str
    text: str
    setup: str
    command: Callable[[Path, Path], list[str]]
    judge: Callable[[Path, str, str], str]


def cli(*args: str) -> Callable[[Path, Path], list[str]]:
    def command(workspace: Path, out: Path) -> list[str]:
        filled = [str(out) if a == "OUT" else a for a in args]
        return [sys.executable, "-m", "factcheck_app", *filled, "-w", str(workspace)]

    return command


def refused_or(judge: Callable[[Path, str, str], str]) -> Callable[[Path, str, str], str]:
    def outcome(out: Path, stdout: str, stderr: str) -> str:
        lines = [line for line in stderr.splitlines() if line.startswith("factcheck-app:")]
        if "MemoryError" in stderr or "Traceback" in stderr:
            return "crashed: " + stderr.strip().splitlines()[-1][:80]
        if lines and not (out.exists() or stdout):
            return "refused: " + lines[-1][:110]
        return judge(out, stdout, stderr)

    return outcome


def pdf_actions(out: Path, stdout: str, stderr: str) -> str:
    """Pages, and the names of actions a PDF reader runs, anywhere in the object tree."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    reader = PdfReader(out)
    live = {"/JavaScript", "/JS", "/Launch", "/SubmitForm"}
    found = 0
    seen: set[int] = set()
    stack: list[object] = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            found += sum(1 for key in item if key in live)
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject) and item in live:
            found += 1
    return f"{len(reader.pages)} pages, {found} JavaScript/Launch/SubmitForm names"


def script_ends(out: Path, stdout: str, stderr: str) -> str:
    return f"{out.read_text(encoding='utf-8').count('</script>')} raw </script>"


def semicolon_formulas(out: Path, stdout: str, stderr: str) -> str:
    body = out.read_text(encoding="utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(body, newline=""), delimiter=";") for c in row]
    live = [c for c in cells if c.lstrip(' "').startswith(("=", "+", "-", "@"))]
    return f"{len(live)} formula cells when read with ';'"


def escapes(out: Path, stdout: str, stderr: str) -> str:
    return f"{(stdout + stderr).count(chr(27))} ESC characters printed"


def pages(out: Path, stdout: str, stderr: str) -> str:
    from pypdf import PdfReader

    return f"{len(PdfReader(out).pages)} pages"


def said(out: Path, stdout: str, stderr: str) -> str:
    return stdout.strip().splitlines()[-1] if stdout.strip() else stderr.strip()[-100:]


LONG = "A long explanation goes on and on about the claim and its sources. "
CASES = [
    Case(
        "pdf-javascript",
        "PDF report, article URL closes the link string",
        "The minister said the war was over. Nobody believed him. It went on.",
        f"metadata.url = {PDF_URL!r}\nwith repo.db.atomic():\n"
        "    repo.articles.update_article_metadata(article_id, metadata)",
        cli("export", "--article", "1", "--format", "pdf", "-o", "OUT"),
        refused_or(pdf_actions),
    ),
    Case(
        "claimreview-script",
        "ClaimReview, </script> in claimant, title, outlet",
        f"The minister said {SCRIPT} was harmless. Nobody believed him. It went on.",
        f"metadata.title = {SCRIPT!r}\nmetadata.outlet = {SCRIPT!r}\n"
        "with repo.db.atomic():\n    repo.articles.update_article_metadata(article_id, metadata)\n"
        "    repo.settings.set_setting('publisher.url', 'javascript:alert(5)')\n"
        "    repo.settings.set_setting('publisher.name', 'Desk')\n"
        "    repo.settings.set_setting('claimreview.url_pattern', 'https://x.example/{slug}#c-{number}')\n"
        "for sentence_id in ids[:3]:\n"
        f"    desk.reviews.set_text_field(sentence_id, 'claimant', {SCRIPT!r})",
        cli("export", "--article", "1", "--format", "claimreview", "-o", "OUT"),
        refused_or(script_ends),
    ),
    Case(
        "csv-semicolon",
        "CSV, explanation 'See note;=2+5;and more'",
        "The minister said the war was over. Nobody believed him. It went on.",
        "for sentence_id in ids[:3]:\n"
        "    desk.reviews.set_text_field(sentence_id, 'explanation', 'See note;=2+5;and more')",
        cli("export", "--article", "1", "--format", "csv", "-o", "OUT"),
        refused_or(semicolon_formulas),
    ),
    Case(
        "terminal-list",
        "`list`, title with ESC]0;…BEL ESC[2J",
        "The minister said the war was over. Nobody believed him. It went on.",
        f"metadata.title = {TERMINAL!r}\nwith repo.db.atomic():\n"
        "    repo.articles.update_article_metadata(article_id, metadata)",
        cli("list"),
        escapes,
    ),
    Case(
        "pattern-format-spec",
        "ClaimReview, stored pattern {number:>3000000000}",
        "The minister said the war was over. Nobody believed him. It went on.",
        "with repo.db.atomic():\n"
        "    repo.settings.set_setting('claimreview.url_pattern', 'https://ex.example/{number:>3000000000}')",
        cli("export", "--article", "1", "--format", "claimreview", "-o", "OUT"),
        refused_or(script_ends),
    ),
    Case(
        "explanation-108mb-pdf",
        "PDF report, 108 MB explanation",
        "The minister said the war was over. Nobody believed him. It went on.",
        f"big = ({LONG!r} * (108_000_000 // {len(LONG)} + 1))[:108_000_000]\n"
        "with repo.db.atomic():\n"
        "    repo.db.execute('UPDATE reviews SET explanation = ? WHERE sentence_id = ?', "
        "[big, ids[0]])",
        cli("export", "--article", "1", "--format", "pdf", "-o", "OUT"),
        refused_or(pages),
    ),
    Case(
        "explanation-108mb-preview",
        "export dialog preview, 108 MB explanation",
        "The minister said the war was over. Nobody believed him. It went on.",
        f"big = ({LONG!r} * (108_000_000 // {len(LONG)} + 1))[:108_000_000]\n"
        "with repo.db.atomic():\n"
        "    repo.db.execute('UPDATE reviews SET explanation = ? WHERE sentence_id = ?', "
        "[big, ids[0]])",
        lambda workspace, out: [sys.executable, "-c", PREVIEW, str(workspace)],
        said,
    ),
    Case(
        "paragraph-20000-pdf",
        "PDF report, one paragraph of 20,000 sentences",
        " ".join(f"Sentence number {i} says the minister was right." for i in range(20_000)),
        "",
        cli("export", "--article", "1", "--format", "pdf", "-o", "OUT"),
        refused_or(pages),
    ),
]


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_measured(
    args: list[str], env: dict[str, str], cwd: Path
) -> tuple[float, int, str, str, bool]:
    """Wall seconds, peak RSS in MB, stdout, stderr, and whether the time limit hit."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            args, stdout=out, stderr=err, env=env, cwd=cwd, preexec_fn=limit_memory
        )
        killed = False
        deadline = started + TIME_LIMIT_S
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                killed = True
                break
            time.sleep(0.02)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return seconds, usage.ru_maxrss // 1024, stdout, stderr, killed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose desk is run")
    parser.add_argument("--case", action="append", choices=[c.name for c in CASES])
    args = parser.parse_args()
    # The checkout is the working folder too: `python -m` puts it first on the path.
    code = args.code.resolve()
    env = dict(os.environ, PYTHONPATH=str(code), QT_QPA_PLATFORM="offscreen")
    env["FACTCHECK_REVIEWER"] = "bench"
    print(f"{'case':<26} {'time':>8} {'peak':>8}  outcome")
    for case in CASES:
        if args.case and case.name not in args.case:
            continue
        with tempfile.TemporaryDirectory() as folder:
            env["FACTCHECK_DATA_DIR"] = env["FACTCHECK_LOG_DIR"] = folder
            workspace = Path(folder) / "hostile.fcdesk"
            script = Path(folder) / "build.py"
            script.write_text(BUILD.format(text=case.text, setup=case.setup), encoding="utf-8")
            subprocess.run(
                [sys.executable, str(script), str(workspace)], env=env, cwd=code, check=True
            )
            out = Path(folder) / "out"
            command = case.command(workspace, out)
            seconds, peak, stdout, stderr, killed = run_measured(command, env, code)
            outcome = (
                f"stopped after {TIME_LIMIT_S} s" if killed else case.judge(out, stdout, stderr)
            )
        print(f"{case.name:<26} {seconds:>7.2f}s {peak:>6} MB  {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
