"""Measure the reviewer assist (factcheck_app.domain.assist) on the labelled set, and its speed.

Usage::

    .venv/bin/python bench/bench_assist.py [--data PATH] [--errors] [--skip-speed]

Accuracy is measured on ``tests/data/assist_labelled.jsonl`` (one sentence per line:
``article``, ``split`` tune/heldout, ``index``, ``text``, ``tag`` claim/denial/fact/none,
``claimant``, and for denials ``denies``: the indices of the claims it answers). Each
article is run through ``suggest_article`` as one sentence sequence. Reported per split
(all, tune, held-out):

* per-class precision / recall / F1 and macro-F1 over the four classes (none included);
* denial precision on its own (a wrong denial suggestion misleads the reviewer);
* claimant exact match over sentences whose gold tag is claim or denial (case-insensitive,
  a leading "the" ignored; a sentence tagged wrongly still counts with its claimant);
* denial link accuracy: a gold denial with a gold target whose ``denies_index`` is one of
  the targets;
* check-worthiness ranking: how often a gold-tagged sentence outranks a gold "none" one.

Speed: best of 3 runs of ``suggest_article`` on a 10,000-sentence article made by
repeating the labelled sentences in a fixed shuffled order. Prints markdown.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck_app.domain.assist import Suggestion, suggest_article  # noqa: E402

CLASSES = ("claim", "denial", "fact", "none")
Row = dict[str, object]


def load(path: Path) -> dict[str, list[Row]]:
    """Rows grouped by article, in sentence order."""
    articles: dict[str, list[Row]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            articles[row["article"]].append(row)
    for rows in articles.values():
        rows.sort(key=lambda r: int(str(r["index"])))
    return dict(articles)


def run(articles: dict[str, list[Row]]) -> list[tuple[Row, Suggestion]]:
    """(gold row, suggestion) pairs for every sentence."""
    pairs: list[tuple[Row, Suggestion]] = []
    for rows in articles.values():
        suggestions = suggest_article([str(r["text"]) for r in rows])
        pairs.extend(zip(rows, suggestions, strict=True))
    return pairs


def norm_claimant(name: str) -> str:
    """Case-insensitive, leading "the" ignored, spaces collapsed."""
    words = name.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def predicted(s: Suggestion) -> str:
    return s.tag.value if s.tag is not None else "none"


@dataclass(frozen=True)
class Metrics:
    """Accuracy figures for one split."""

    n: int
    per_class: dict[str, tuple[float, float, float, int]]  # precision, recall, F1, gold count
    macro_f1: float
    accuracy: float
    claimant_ok: int
    claimant_total: int
    link_ok: int
    link_total: int
    rank_auc: float

    @property
    def denial_precision(self) -> float:
        return self.per_class["denial"][0]


def metrics(pairs: list[tuple[Row, Suggestion]]) -> Metrics:
    """All accuracy figures for one split."""
    per: dict[str, tuple[float, float, float, int]] = {}
    for c in CLASSES:
        tp = sum(1 for r, s in pairs if r["tag"] == c and predicted(s) == c)
        fp = sum(1 for r, s in pairs if r["tag"] != c and predicted(s) == c)
        fn = sum(1 for r, s in pairs if r["tag"] == c and predicted(s) != c)
        p = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
        per[c] = (p, rec, f1, tp + fn)
    attributed = [(r, s) for r, s in pairs if r["tag"] in ("claim", "denial")]
    claimant_ok = sum(
        1 for r, s in attributed if norm_claimant(str(r["claimant"])) == norm_claimant(s.claimant)
    )
    linked = [(r, s) for r, s in pairs if r["tag"] == "denial" and r.get("denies")]
    link_ok = sum(1 for r, s in linked if s.denies_index in cast(list[int], r["denies"]))
    tagged = [s.checkworthiness for r, s in pairs if r["tag"] != "none"]
    untagged = [s.checkworthiness for r, s in pairs if r["tag"] == "none"]
    wins = sum((t > u) + 0.5 * (t == u) for t in tagged for u in untagged)
    return Metrics(
        n=len(pairs),
        per_class=per,
        macro_f1=sum(v[2] for v in per.values()) / len(CLASSES),
        accuracy=sum(1 for r, s in pairs if r["tag"] == predicted(s)) / max(1, len(pairs)),
        claimant_ok=claimant_ok,
        claimant_total=len(attributed),
        link_ok=link_ok,
        link_total=len(linked),
        rank_auc=wins / (len(tagged) * len(untagged)) if tagged and untagged else 0.0,
    )


def report(name: str, m: Metrics) -> None:
    ok, total = m.claimant_ok, m.claimant_total
    print(f"\n### {name}: {m.n} sentences\n")
    print("| class | precision | recall | F1 | gold count |")
    print("|---|---|---|---|---|")
    for c in CLASSES:
        p, r, f, n = m.per_class[c]
        print(f"| {c} | {p:.3f} | {r:.3f} | {f:.3f} | {n} |")
    print(f"\n- macro-F1 (4 classes): **{m.macro_f1:.3f}**; accuracy {m.accuracy:.3f}")
    print(f"- denial precision: **{m.denial_precision:.3f}**")
    print(
        f"- claimant exact match (gold claim/denial): **{ok / max(1, total):.3f}** ({ok}/{total})"
    )
    lok, ltotal = m.link_ok, m.link_total
    print(f"- denial → claim link: {lok / max(1, ltotal):.3f} ({lok}/{ltotal})")
    print(f"- check-worthiness ranks a tagged sentence above a 'none' one: {m.rank_auc:.3f}")


def errors(pairs: list[tuple[Row, Suggestion]]) -> None:
    print("\n### Disagreements\n")
    for r, s in pairs:
        tag_bad = r["tag"] != predicted(s)
        gold_claimant = norm_claimant(str(r["claimant"]))
        claimant_bad = r["tag"] in ("claim", "denial") and gold_claimant != norm_claimant(
            s.claimant
        )
        if tag_bad or claimant_bad:
            print(
                f"- [{r['split']}] {r['article']}#{r['index']} gold {r['tag']}/{r['claimant']!r}"
                f" → {predicted(s)}/{s.claimant!r} ({s.cue}): {r['text']}"
            )


def speed(articles: dict[str, list[Row]], n: int = 10_000) -> tuple[float, int]:
    """Best of 3 seconds for suggest_article on an n-sentence article."""
    pool = [str(r["text"]) for rows in articles.values() for r in rows]
    rng = random.Random(7)
    sentences = [pool[rng.randrange(len(pool))] for _ in range(n)]
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        suggest_article(sentences)
        best = min(best, time.perf_counter() - t0)
    return best, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / "tests" / "data" / "assist_labelled.jsonl")
    ap.add_argument("--errors", action="store_true", help="list every disagreement")
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args()
    articles = load(args.data)
    pairs = run(articles)
    print(f"Labelled set: {args.data.relative_to(ROOT)}, {len(articles)} articles")
    report("All", metrics(pairs))
    for split, name in (("tune", "Tuning split"), ("heldout", "Held-out split")):
        report(name, metrics([(r, s) for r, s in pairs if r["split"] == split]))
    if args.errors:
        errors(pairs)
    if not args.skip_speed:
        seconds, n = speed(articles)
        print(
            f"\nSpeed: {n:,} sentences in {seconds:.3f} s (best of 3), "
            f"{n / seconds:,.0f} sentences/s"
        )


if __name__ == "__main__":
    main()
