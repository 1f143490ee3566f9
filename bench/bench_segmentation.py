"""Benchmark the sentence splitter against pysbd and blingfire.

Usage::

    .venv/bin/python bench/bench_segmentation.py [--cases PATH] [--failures]
        [--skip-speed] [--only ours]

Accuracy is measured on the gold set ``tests/data/segmentation_cases.jsonl``
(one JSON object per line: ``text`` and the expected ``sentences``, which
exclude leading metadata stamps).  Two scores:

* exact: the case's sentence list equals the gold list (whitespace runs are
  collapsed before comparing, because blingfire turns line breaks into
  spaces; our own splitter never alters characters anyway);
* boundary F1: boundaries are the positions where a sentence starts, counted
  in non-whitespace characters from the start of the text (position 0 is
  not a boundary); a stamp that is excluded or split off thus counts as one
  boundary, a stamp that is glued to the first sentence as a missed one.

Speed: MB/s (per CPU second of this process) on a ~2 MB text made of the gold
cases and the seed article (pysbd on a 0.25 MB slice, since it is much slower),
and a linear-growth check of our splitter on 1 MB vs 10 MB.  With --languages,
the same per language (en, es, fr, de, it, ru, ar, hy): accuracy on its own
cases (tests/data/segmentation/XX.jsonl) and on the batch written after the
rules were frozen (frozen.jsonl), and speed on news prose (resources/languages/)
and on its test cases, four to a paragraph and one to a paragraph.  Prints
markdown tables.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck_app.domain.segmentation import split_sentences  # noqa: E402

Splitter = Callable[[str, str], list[str]]  # (text, ISO 639-1 code) -> sentences


def ours(text: str, lang: str = "en") -> list[str]:
    """Our splitter, as strings."""
    return [text[s.start : s.end] for s in split_sentences(text, language=lang)]


def make_pysbd() -> Splitter | None:
    """pysbd (rule-based, Golden Rules) in non-cleaning mode, one per language."""
    try:
        import pysbd
    except ImportError:
        return None
    segmenters: dict[str, object] = {}

    def run(text: str, lang: str = "en") -> list[str]:
        seg = segmenters.get(lang)
        if seg is None:
            seg = segmenters[lang] = pysbd.Segmenter(language=lang, clean=False)
        return [s for s in seg.segment(text) if s.strip()]  # type: ignore[attr-defined]

    return run


def make_blingfire() -> Splitter | None:
    """blingfire's text_to_sentences (one sentence per output line)."""
    try:
        import blingfire
    except ImportError:
        return None

    def run(text: str, lang: str = "en") -> list[str]:
        out = blingfire.text_to_sentences(text)
        return [s for s in out.split("\n") if s.strip()]

    return run


def norm(s: str) -> str:
    """Collapse whitespace runs."""
    return " ".join(s.split())


def starts(sentences: list[str]) -> set[int]:
    """Boundary set: non-whitespace offsets where sentences 2..n begin."""
    out: set[int] = set()
    pos = 0
    for s in sentences:
        if pos:
            out.add(pos)
        pos += len("".join(s.split()))
    return out


def boundaries(text: str, sentences: list[str]) -> set[int]:
    """Boundaries in non-whitespace offsets into ``text``.

    Characters of ``text`` that are in no sentence are assumed to precede the
    first one (a skipped stamp); its end then counts as a boundary too.
    """
    total = len("".join(text.split()))
    body = sum(len("".join(s.split())) for s in sentences)
    offset = max(0, total - body)
    b = {offset + p for p in starts(sentences)}
    if offset and sentences:
        b.add(offset)
    return b


def score(run: Splitter, cases: list[dict[str, object]]) -> tuple[float, float, list[str]]:
    """Return (exact %, boundary F1, failing case ids)."""
    exact = tp = fp = fn = 0
    failures: list[str] = []
    for case in cases:
        text = str(case["text"])
        gold = [str(s) for s in case["sentences"]]  # type: ignore[attr-defined]
        pred = run(text, str(case.get("lang", "en")))
        if [norm(s) for s in pred] == [norm(s) for s in gold]:
            exact += 1
        else:
            failures.append(str(case["id"]))
        g, p = boundaries(text, gold), boundaries(text, pred)
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return 100.0 * exact / len(cases), f1, failures


def corpus(cases: list[dict[str, object]], size: int) -> str:
    """Realistic text of about ``size`` characters: gold cases plus the seed."""
    parts = [str(c["text"]) for c in cases]
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    parts += [p.read_text(encoding="utf-8") for p in seeds]
    unit = "\n\n".join(parts) + "\n\n"
    return (unit * (size // len(unit) + 1))[:size]


# CPU time of this process, not wall time: the bench machine is shared, and other
# work on it would otherwise be counted as ours.
clock = time.process_time


def mb_per_s(run: Splitter, text: str, repeat: int = 3, lang: str = "en") -> float:
    """Best-of-``repeat`` throughput in MB (10**6 characters) per CPU second."""
    best = float("inf")
    for _ in range(repeat):
        t0 = clock()
        run(text, lang)
        best = min(best, clock() - t0)
    return len(text) / 1e6 / best


def timed(text: str, lang: str = "en") -> float:
    """Best-of-3 CPU time of our splitter on ``text``."""
    best = float("inf")
    for _ in range(3):
        t0 = clock()
        split_sentences(text, language=lang)
        best = min(best, clock() - t0)
    return best


LANGUAGES = ("en", "es", "fr", "de", "it", "ru", "ar", "hy")


def language_cases(lang: str) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """A language's own cases and its share of the batch written after the freeze."""
    data = ROOT / "tests" / "data"
    path = (
        data / "segmentation_cases.jsonl"
        if lang == "en"
        else data / "segmentation" / f"{lang}.jsonl"
    )
    own = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    frozen_lines = (data / "segmentation" / "frozen.jsonl").read_text(encoding="utf-8")
    frozen = [c for c in map(json.loads, frozen_lines.splitlines()) if c["lang"] == lang]
    for case in own:
        case.setdefault("lang", lang)
    return own, frozen


def repeated(paragraphs: list[str], size: int) -> str:
    """About ``size`` characters: the paragraphs, blank lines between, repeated."""
    unit = "\n\n".join(paragraphs) + "\n\n"
    return (unit * (size // len(unit) + 1))[:size]


def prose_corpus(lang: str, size: int) -> str:
    """News prose: the language's paragraphs in resources/languages/ (about 320
    characters and three sentences each, like a wire story's)."""
    prose = (ROOT / "resources" / "languages" / f"{lang}.txt").read_text(encoding="utf-8")
    return repeated(prose.splitlines(), size)


def case_corpus(cases: list[dict[str, object]], size: int, per_paragraph: int = 1) -> str:
    """The language's test cases, ``per_paragraph`` to a paragraph: dense with the hard
    cases (abbreviations, quotes, datelines, lists); one a paragraph is the worst case,
    as a short paragraph costs the most per character."""
    texts = [str(c["text"]) for c in cases]
    grouped = [" ".join(texts[i : i + per_paragraph]) for i in range(0, len(texts), per_paragraph)]
    return repeated(grouped, size)


def languages_report(tools: dict[str, Splitter | None], skip_speed: bool) -> None:
    """Per language: accuracy on its own cases and on the frozen batch, and speed."""
    print("\n| language | cases | ours exact | ours F1 | frozen batch (ours) | pysbd exact |")
    print("|---|---|---|---|---|---|")
    for lang in LANGUAGES:
        own, frozen = language_cases(lang)
        exact, f1, _ = score(ours, own)
        _, _, f_fail = score(ours, frozen)
        pysbd = tools.get("pysbd")
        other = f"{score(pysbd, own)[0]:.1f} %" if pysbd is not None else "-"
        print(
            f"| {lang} | {len(own)} | {exact:.1f} % | {f1:.3f} "
            f"| {len(frozen) - len(f_fail)}/{len(frozen)} | {other} |"
        )
    if skip_speed:
        return
    print(
        "\n| language | MB/s: news prose | cases, 4 a paragraph | cases, 1 a paragraph "
        "| news prose 1 MB | 10 MB | ratio | cases 1 MB | 10 MB | ratio |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for lang in LANGUAGES:
        own, frozen = language_cases(lang)
        cases = own + frozen
        speeds = [
            mb_per_s(ours, text, 3, lang)
            for text in (
                prose_corpus(lang, 2_000_000),
                case_corpus(cases, 2_000_000, 4),
                case_corpus(cases, 2_000_000, 1),
            )
        ]
        p1 = timed(prose_corpus(lang, 1_000_000), lang)
        p10 = timed(prose_corpus(lang, 10_000_000), lang)
        c1 = timed(case_corpus(cases, 1_000_000, 4), lang)
        c10 = timed(case_corpus(cases, 10_000_000, 4), lang)
        print(
            f"| {lang} | "
            + " | ".join(f"{v:.1f}" for v in speeds)
            + f" | {p1:.3f} s | {p10:.3f} s | {p10 / p1:.1f}x"
            + f" | {c1:.3f} s | {c10:.3f} s | {c10 / c1:.1f}x |"
        )


def main() -> None:
    """Run the benchmark and print a markdown table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", default=str(ROOT / "tests/data/segmentation_cases.jsonl"))
    ap.add_argument("--failures", action="store_true", help="print failing cases")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--only", choices=["ours", "pysbd", "blingfire"])
    ap.add_argument(
        "--languages", action="store_true", help="also every language's cases and speed"
    )
    args = ap.parse_args()

    lines = Path(args.cases).read_text(encoding="utf-8").splitlines()
    cases = [json.loads(line) for line in lines if line.strip()]
    n_sent = sum(len(c["sentences"]) for c in cases)

    tools: dict[str, Splitter | None] = {
        "ours": ours,
        "pysbd": make_pysbd(),
        "blingfire": make_blingfire(),
    }
    if args.only:
        tools = {args.only: tools[args.only]}

    big = corpus(cases, 2_000_000)
    small = big[:250_000]
    rows = []
    for name, run in tools.items():
        if run is None:
            rows.append(f"| {name} | not installed | | | |")
            continue
        exact, f1, failures = score(run, cases)
        if args.failures:
            by_id = {c["id"]: c for c in cases}
            for fid in failures:
                print(f"--- {name} FAIL {fid}")
                print("  text:", json.dumps(by_id[fid]["text"], ensure_ascii=False))
                for s in run(by_id[fid]["text"], by_id[fid].get("lang", "en")):
                    print("   got:", json.dumps(s, ensure_ascii=False))
                for s in by_id[fid]["sentences"]:
                    print("  want:", json.dumps(s, ensure_ascii=False))
        if args.skip_speed:
            speed = "-"
        else:
            sample = small if name == "pysbd" else big
            speed = f"{mb_per_s(run, sample, 1 if name == 'pysbd' else 3):.2f}"
            speed += f" ({len(sample) / 1e6:.2f} MB)"
        rows.append(
            f"| {name} | {exact:.1f} % ({len(cases) - len(failures)}/{len(cases)}) "
            f"| {f1:.3f} | {speed} |"
        )

    print(f"Gold set: {len(cases)} cases, {n_sent} sentences ({Path(args.cases).name})\n")
    print("| splitter | cases exactly right | boundary F1 | MB/s (text size) |")
    print("|---|---|---|---|")
    print("\n".join(rows))

    if not args.skip_speed and "ours" in tools:
        one = corpus(cases, 1_000_000)
        ten = corpus(cases, 10_000_000)
        t1, t10 = timed(one), timed(ten)
        print(
            f"\nLinear growth (ours): 1 MB {t1:.3f} s, 10 MB {t10:.3f} s, "
            f"ratio {t10 / t1:.1f}x (linear = 10x)"
        )
    if args.languages:
        languages_report(tools, args.skip_speed)


if __name__ == "__main__":
    main()
