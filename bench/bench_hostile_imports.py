#!/usr/bin/env python3
"""Benchmark: the hostile article files of issue 13 (items 5, 6, 7, 10), time and memory.

Done when: "every case ends in ≤ 10 s and ≤ 500 MB, or is refused in one line". (The
hostile exports and patterns of the same issue have benches of their own.)

Each case makes its hostile input in a temporary folder and runs the real command line
on it (`python -m factcheck_app import -w TMP.fcdesk FILE`, or `segment`/`suggest` reading
standard input) as a separate process, the way a reporter would meet it. Measured per
case: the wall time until the command ends; the peak resident memory of the command and
its parser worker together (sampled from /proc every 10 ms; and never less than what
the kernel reports for the largest of them at exit); the exit status and the lines
written to standard error. A case passes when it ends within 10 s and 500 MB, and
either imports what it should (the title printed is checked) or says why not in exactly
one line without a traceback.

Each run gets a safety net, so that measuring the code before a fix cannot take the
machine down: an address-space limit (`--memory-limit`, 4 GB) and a timeout (`--timeout`,
120 s), after which its whole process group is killed; the table says so.

Linux only (it reads /proc and sets RLIMIT_AS). A report, not a test: it exits 0.

    .venv/bin/python bench/bench_hostile_imports.py                 # all cases, about a minute
    .venv/bin/python bench/bench_hostile_imports.py --only pdf      # cases whose name holds "pdf"
    .venv/bin/python bench/bench_hostile_imports.py --app OTHER_CHECKOUT   # measure other code
    .venv/bin/python bench/bench_hostile_imports.py --json out.json
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from bench_output import write_json

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.domain.test_extract_hostile import (  # noqa: E402
    ARTICLE_RUNS,
    CONTENT_TYPES,
    document_xml,
    docx,
    lie_about_size,
    many_lines_pdf,
    one_page_pdf,
    package_rels,
    page,
    run,
)

SECONDS_BUDGET = 10.0
MEGABYTES_BUDGET = 500.0


@dataclass
class Case:
    """One hostile input: `make(folder)` writes it and returns the command's arguments
    (after `python -m factcheck_app`) and the file to feed as standard input, if any;
    `expect` must appear in what the command says (a refusal) or prints (the title)."""

    name: str
    issue_item: int
    make: Callable[[Path], tuple[list[str], str | None]]
    expect: str  # what the reporter must be told (stderr) or get (the title printed)


@dataclass
class Result:
    name: str
    issue_item: int
    seconds: float
    peak_mb: float
    status: str  # exit status, or how the safety net stopped it
    stderr_lines: list[str]
    stdout_tail: str  # the last line printed: for an import, "ID<TAB>SENTENCES<TAB>TITLE"
    verdict: str


def import_of(
    name: str, data: Callable[[], bytes] | None = None, link: str | None = None
) -> Callable[[Path], tuple[list[str], str | None]]:
    """`import` of a file made by `data()`, a link to `link`, or else a FIFO."""

    def make(folder: Path) -> tuple[list[str], str | None]:
        path = folder / name
        if link is not None:
            path.symlink_to(link)
        elif data is not None:
            path.write_bytes(data())
        else:
            os.mkfifo(path)
        return ["import", "-w", str(folder / "bench.fcdesk"), str(path)], None

    return make


def stdin_of(command: str, source: str) -> Callable[[Path], tuple[list[str], str | None]]:
    def make(folder: Path) -> tuple[list[str], str | None]:
        return [command], source

    return make


def lying_docx(real_bytes: int) -> bytes:
    """A .docx whose document.xml really unpacks to `real_bytes` but whose zip directory
    says 90 KB (the issue's case: 2 MB on disk, 2 GB inside)."""
    filler = b"<w:p><w:r><w:t>" + b"a" * 10_000 + b"</w:t></w:r></w:p>"
    head, tail = document_xml(*ARTICLE_RUNS).split(b"</w:body>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", package_rels(core=False))
        with archive.open("word/document.xml", "w") as part:
            part.write(head)
            for _ in range(real_bytes // len(filler)):
                part.write(filler)
            part.write(b"</w:body>" + tail)
    return lie_about_size(buffer.getvalue(), "word/document.xml", 90_000)


def even_length(data: bytes) -> bytes:
    """UTF-16 decoding fails on an odd number of bytes: keep the page even, so that it
    is really read as UTF-16 when the label is believed."""
    return data if len(data) % 2 == 0 else data.replace(b"</body>", b" </body>")


ENTITY_DOCTYPE = '<!DOCTYPE w:document [<!ENTITY name "EXPANDED">]>'


def cases() -> list[Case]:
    entity = document_xml(
        run("The council met on &name; Tuesday and approved the budget."),
        doctype=ENTITY_DOCTYPE,
    )
    huge_word = one_page_pdf(b"BT /F1 10 Tf 0 700 Td (%s) Tj ET" % (b"a" * 60_000))
    refused = "nothing was read from it"
    return [
        Case("link to /dev/zero as .txt", 5, import_of("zero.txt", link="/dev/zero"), refused),
        Case("link to /dev/zero as .pdf", 5, import_of("zero.pdf", link="/dev/zero"), refused),
        Case("link to /dev/zero as .docx", 5, import_of("zero.docx", link="/dev/zero"), refused),
        Case("link to /dev/urandom as .html", 5, import_of("random.html", link="/dev/urandom"),
             refused),
        Case("FIFO as .txt", 5, import_of("pipe.txt"), refused),
        Case("segment < /dev/zero", 5, stdin_of("segment", "/dev/zero"),
             "Standard input holds more than 200 MB"),
        Case("suggest < /dev/zero", 5, stdin_of("suggest", "/dev/zero"),
             "Standard input holds more than 200 MB"),
        Case(".docx whose directory says 90 KB, really 2 GB", 6,
             import_of("lying.docx", lambda: lying_docx(2_000_000_000)), "damaged"),
        Case("one-page PDF, 8,000 short lines", 7,
             import_of("lines8000.pdf", lambda: many_lines_pdf(8_000)), "said that said"),
        Case("one-page PDF, 96,000 short lines", 7,
             import_of("lines96000.pdf", lambda: many_lines_pdf(96_000)), "said that said"),
        Case("one-page PDF, one 60,000-letter word", 7, import_of("word.pdf", lambda: huge_word),
             "aaaaaaaa"),
        Case('<meta charset="punycode">', 10,
             import_of("punycode.html", lambda: page("punycode")), "Library plan approved"),
        Case('<meta charset="undefined">', 10,
             import_of("undefined.html", lambda: page("undefined")), "Library plan approved"),
        Case('<meta charset="utf-16">, ASCII bytes', 10,
             import_of("utf16.html", lambda: even_length(page("utf-16"))),
             "Library plan approved"),
        Case(".docx with an entity reference", 10, import_of("entity.docx", lambda: docx(entity)),
             "&name; Tuesday and approved"),
        Case(".docx without docProps/core.xml", 10,
             import_of("nocore.docx", lambda: docx(document_xml(*ARTICLE_RUNS))),
             "The council approved the budget on Tuesday."),
    ]  # fmt: skip


def descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                queue.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


def resident_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(case: Case, folder: Path, app: Path, memory_limit: int, timeout: float) -> Result:
    args, stdin_path = case.make(folder)

    def safety_net() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    env = dict(os.environ, PYTHONPATH=str(app), FACTCHECK_DATA_DIR=str(folder / "data"),
               FACTCHECK_LOG_DIR=str(folder / "log"))  # fmt: skip
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL  # noqa: SIM115
    errors = open(folder / "stderr.txt", "w+b")  # noqa: SIM115
    output = open(folder / "stdout.txt", "w+b")  # noqa: SIM115
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck_app", *args],
        cwd=app,
        env=env,
        stdin=stdin,
        stdout=output,
        stderr=errors,
        preexec_fn=safety_net,
        start_new_session=True,
    )
    peak_kb = 0
    stop_sampling = threading.Event()

    def sample() -> None:
        nonlocal peak_kb
        while not stop_sampling.wait(0.01):
            peak_kb = max(peak_kb, sum(resident_kb(p) for p in descendants(process.pid)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    killed = threading.Event()

    def kill_on_timeout() -> None:
        if process.poll() is None:
            killed.set()
            os.killpg(process.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill_on_timeout)
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    timer.cancel()
    stop_sampling.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # a worker left behind
    if stdin_path:
        stdin.close()  # type: ignore[union-attr]
    errors.seek(0)
    lines = errors.read().decode("utf-8", "replace").strip().splitlines()
    errors.close()
    output.seek(0)
    printed = output.read()[-4096:].decode("utf-8", "replace").strip().splitlines()
    output.close()
    peak_mb = max(peak_kb, usage.ru_maxrss) / 1024
    if killed.is_set():
        state = f"killed after {timeout:.0f} s"
    elif process.returncode < 0:
        state = f"signal {-process.returncode}"
    else:
        state = f"exit {process.returncode}"
    one_line = len(lines) <= 1 and not any("Traceback" in line or "Error:" in line
                                            for line in lines)  # fmt: skip
    told = case.expect in "\n".join([*lines, *printed])
    ok = (not killed.is_set() and process.returncode >= 0 and one_line and told
          and seconds <= SECONDS_BUDGET and peak_mb <= MEGABYTES_BUDGET)  # fmt: skip
    return Result(case.name, case.issue_item, seconds, peak_mb, state, lines,
                  printed[-1] if printed else "", "PASS" if ok else "FAIL")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="run the cases whose name holds this text")
    parser.add_argument("--app", type=Path, default=ROOT, help="checkout whose code to run")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--memory-limit", type=float, default=4.0, help="GB per case")
    parser.add_argument("--json", nargs="?", const="-", metavar="PATH")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        print("bench_hostile_imports.py reads /proc: Linux only.", file=sys.stderr)
        return 0
    results = []
    for case in cases():
        if args.only.lower() not in case.name.lower():
            continue
        with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
            result = measure(case, Path(tmp), args.app.resolve(),
                             int(args.memory_limit * 1024**3), args.timeout)  # fmt: skip
        results.append(result)
        if result.stderr_lines:
            message = result.stderr_lines[-1]
        elif result.status == "exit 0":
            message = "imported: " + result.stdout_tail.replace("\t", " | ")[:60]
        else:
            message = "(nothing said)"
        print(f"{result.verdict}  #{case.issue_item}  {result.seconds:7.2f} s  "
              f"{result.peak_mb:7.0f} MB  {result.status:<20} {case.name}: {message[:140]}",
              flush=True)  # fmt: skip
    passed = sum(r.verdict == "PASS" for r in results)
    print(f"\n{passed}/{len(results)} cases right, within {SECONDS_BUDGET:.0f} s and "
          f"{MEGABYTES_BUDGET:.0f} MB, and refused (if at all) in one line")  # fmt: skip
    if args.json:
        write_json(args.json, [asdict(r) for r in results], ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
