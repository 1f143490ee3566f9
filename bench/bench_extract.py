"""Benchmark article extraction from saved web pages, Word files and PDFs.

Usage::

    .venv/bin/python bench/bench_extract.py [--data DIR] [--raw] [--repeat N]

The set is ``tests/data/import_pages/``: each ``NAME.html|docx|pdf`` has a
``NAME.expected.json`` with the true ``body`` and ``metadata`` (null where the file
does not carry a field). Scores per file:

* body precision / recall / F1: overlap of word tokens (``\\w+``, case-folded,
  counted with multiplicity) between the extracted text and the true body;
* leaks: phrases listed under ``must_not_contain`` (navigation, comments, promotion)
  that appear in the extracted text;
* metadata: fields right out of the fields the file has (title, outlet, author,
  url, published);
* time: median milliseconds per file over ``--repeat`` runs (after one warm-up).

``--raw`` also scores plain ``trafilatura.extract`` (default options, text output)
on the HTML pages, to show what our clean-up adds. Prints markdown tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck_app.domain.importing import parse_article  # noqa: E402

FIELDS = ("title", "outlet", "author", "url", "published")


def tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def scores(got: str, truth: str) -> tuple[float, float, float]:
    g, t = tokens(got), tokens(truth)
    overlap = sum((g & t).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(g.values()), overlap / sum(t.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "tests/data/import_pages")
    parser.add_argument("--raw", action="store_true", help="also score plain trafilatura")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    files = sorted(
        p
        for p in args.data.iterdir()
        if p.suffix in (".html", ".docx", ".pdf") and p.with_suffix(".expected.json").exists()
    )
    print("| file | P | R | F1 | leaks | metadata | ms |")
    print("|---|---|---|---|---|---|---|")
    f1s: dict[str, list[float]] = {}
    meta_right = meta_present = leaks_total = 0
    times: dict[str, list[float]] = {}
    for path in files:
        truth = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        data = path.read_bytes()
        parsed = parse_article(data, suffix=path.suffix)  # warm-up (lazy imports)
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            parse_article(data, suffix=path.suffix)
            runs.append((time.perf_counter() - started) * 1000)
        ms = statistics.median(runs)
        p, r, f1 = scores(parsed.text, truth["body"])
        leaks = [phrase for phrase in truth.get("must_not_contain", []) if phrase in parsed.text]
        right = present = 0
        for field in FIELDS:
            want = truth["metadata"].get(field)
            if want is None:
                continue
            present += 1
            got = getattr(parsed.metadata, field)
            got = got.isoformat() if isinstance(got, dt.date) else got
            right += got == want
        f1s.setdefault(path.suffix, []).append(f1)
        times.setdefault(path.suffix, []).append(ms)
        meta_right += right
        meta_present += present
        leaks_total += len(leaks)
        print(
            f"| {path.name} | {p:.3f} | {r:.3f} | {f1:.3f} | {len(leaks)} | "
            f"{right}/{present} | {ms:.1f} |"
        )
    print()
    print("| format | files | min F1 | mean F1 | median ms | max ms |")
    print("|---|---|---|---|---|---|")
    for suffix, values in f1s.items():
        print(
            f"| {suffix} | {len(values)} | {min(values):.3f} | {statistics.mean(values):.3f} | "
            f"{statistics.median(times[suffix]):.1f} | {max(times[suffix]):.1f} |"
        )
    print()
    print(
        f"metadata right: {meta_right}/{meta_present} = {meta_right / meta_present:.1%}; "
        f"leaked phrases: {leaks_total}"
    )
    if args.raw:
        raw_trafilatura(files)


def raw_trafilatura(files: list[Path]) -> None:
    import trafilatura

    print()
    print("Plain trafilatura.extract (defaults, txt) on the HTML pages:")
    print()
    print("| file | P | R | F1 | leaks |")
    print("|---|---|---|---|---|")
    for path in files:
        if path.suffix != ".html":
            continue
        truth = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        text = trafilatura.extract(path.read_bytes()) or ""
        p, r, f1 = scores(text, truth["body"])
        leaks = [phrase for phrase in truth.get("must_not_contain", []) if phrase in text]
        print(f"| {path.name} | {p:.3f} | {r:.3f} | {f1:.3f} | {len(leaks)} |")


if __name__ == "__main__":
    main()
