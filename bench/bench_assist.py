"""Measure the reviewer assist (factcheck_app.domain.assist) on the labelled set, and its speed.

Usage::

    .venv/bin/python bench/bench_assist.py [--data PATH] [--errors] [--skip-speed]
    .venv/bin/python bench/bench_assist.py --speed-file FILE   # write the 10,000 sentences

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
  the targets; and the links suggested at all, how many of them are wrong (a target
  that is not one of the gold ones, or any target for a denial of a claim the article
  never states: what A would record wrongly), and how many denials of no stated claim
  get no link;
* check-worthiness ranking: how often a gold-tagged sentence outranks a gold "none" one.

Check-worthiness, old rules and the learned model side by side, on held-out sentences
only (``bench/checkworthy_data.py`` defines the split): precision, recall and F1 of
"worth checking" at 0.5, ROC-AUC, and MAP (mean over debate blocks / articles of the
average precision of ranking their sentences by the score). The debate rows need
``--debates DATA_DIR`` (the public ClaimBuster ``train.jsonl``; download it); the news
rows use the labelled news in ``tests/data``. Each debate block and each article is run
through ``suggest_article`` as one sentence sequence, as the desk would.

Speed: best of 3 runs of ``suggest_article`` on a 10,000-sentence article made by
repeating the labelled sentences in a fixed shuffled order, with and without the model,
and ``factcheck-app suggest --json`` on the same 10,000 sentences as a file (best of 5, CPU
and wall time of the whole command, start-up included). Prints markdown.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkworthy_data import Example, debate_examples, measure, news_examples  # noqa: E402

from factcheck_app.domain.assist import Suggestion, suggest_article  # noqa: E402
from factcheck_app.domain.checkworthiness import load_model  # noqa: E402

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
    links_made: int
    links_wrong: int
    unlinked_ok: int
    unlinked_total: int
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
    made = [(r, s) for r, s in pairs if s.denies_index is not None]
    wrong = sum(1 for r, s in made if s.denies_index not in cast(list[int], r.get("denies", [])))
    unlinked = [s for r, s in pairs if r["tag"] == "denial" and not r.get("denies")]
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
        links_made=len(made),
        links_wrong=wrong,
        unlinked_ok=sum(1 for s in unlinked if s.denies_index is None),
        unlinked_total=len(unlinked),
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
    print(
        f"- links suggested: {m.links_made}, of them wrong: {m.links_wrong}; denials of no "
        f"stated claim left unlinked: {m.unlinked_ok}/{m.unlinked_total}"
    )
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


def speed_sentences(articles: dict[str, list[Row]], n: int = 10_000) -> list[str]:
    pool = [str(r["text"]) for rows in articles.values() for r in rows]
    rng = random.Random(7)
    return [pool[rng.randrange(len(pool))] for _ in range(n)]


def speed_text(sentences: list[str]) -> str:
    """The sentences as one article file: a paragraph each."""
    return "\n\n".join(sentences) + "\n"


def speed(sentences: list[str], use_model: bool = True) -> float:
    """Best of 3 seconds for suggest_article on the sentences as one article."""
    load_model()  # the window reads the weights before it starts; timed separately
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        suggest_article(sentences, use_model=use_model)
        best = min(best, time.perf_counter() - t0)
    return best


def model_only_speed(sentences: list[str]) -> float:
    """Best of 3 seconds for the model's score (with reasons) alone."""
    model = load_model()
    assert model is not None
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for s in sentences:
            model.score(s)
        best = min(best, time.perf_counter() - t0)
    return best


def cli_speed(sentences: list[str], runs: int = 5) -> tuple[float, float]:
    """Best of ``runs`` (wall seconds, CPU seconds) for `factcheck-app suggest --json FILE`,
    start-up included. CPU time (user + system of the command's process) moves less than
    wall time on a shared machine."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_text(speed_text(sentences), encoding="utf-8")
        best_wall = best_cpu = float("inf")
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "factcheck_app", "suggest", "--json", str(path)],
                cwd=ROOT,
                capture_output=True,
                check=True,
            )
            best_wall = min(best_wall, time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            best_cpu = min(best_cpu, cpu)
        count = len(json.loads(done.stdout))
        print(f"\n(`suggest --json` split the file into {count:,} sentences)")
    return best_wall, best_cpu


def load_seconds() -> float:
    """Seconds to read the weights file in a fresh process (what the worker thread does)."""
    code = (
        "import time; from factcheck_app.domain import checkworthiness as c; "
        "t=time.perf_counter(); c.load_model(); print(time.perf_counter()-t)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True, text=True
    )
    return float(done.stdout)


def _groups(examples: list[Example]) -> dict[str, list[Example]]:
    grouped: dict[str, list[Example]] = defaultdict(list)
    for ex in examples:
        grouped[ex.group].append(ex)
    return grouped


def checkworthiness_report(data_dir: Path | None) -> None:
    """Held-out check-worthiness: the rules' score against the model's, side by side."""
    print("\n## Check-worthiness on held-out sentences (worth checking = score ≥ 0.5)\n")
    print(
        "| held-out set | sentences (worth checking) | scorer "
        "| precision | recall | F1 | F1 half/half | F1, balanced resamples (5–95 %) "
        "| ROC-AUC | MAP |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    sets: list[tuple[str, list[Example]]] = []
    if data_dir is not None:
        sets.append(("debates (ClaimBuster blocks 2, 7, …, 32)", debate_examples(data_dir)))
    news = news_examples()
    sets.append(
        (
            "news, assist set (held-out articles)",
            [e for e in news if e.group.startswith("assist_labelled/")],
        )
    )
    sets.append(
        (
            "news, check-worthiness set (held-out articles)",
            [e for e in news if e.group.startswith("checkworthy_news/")],
        )
    )
    sets.append(("news, both", news))
    for name, examples in sets:
        held = [e for e in examples if e.held_out]
        for scorer, use_model in (("rules", False), ("model", True)):
            labels: list[int] = []
            scores: list[float] = []
            groups: list[str] = []
            for group, rows in _groups(held).items():
                for ex, s in zip(
                    rows, suggest_article([e.text for e in rows], use_model=use_model), strict=True
                ):
                    labels.append(ex.label)
                    scores.append(s.checkworthiness)
                    groups.append(group)
            m = measure(labels, scores, groups)
            mean, low, high = m.f1_resampled
            print(
                f"| {name} | {m.n} ({m.positives}) | {scorer} | {m.precision:.3f} | {m.recall:.3f} "
                f"| **{m.f1:.3f}** | {m.f1_balanced:.3f} | {mean:.3f} ({low:.3f}–{high:.3f}) "
                f"| **{m.auc:.3f}** | {m.mean_ap:.3f} |"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / "tests" / "data" / "assist_labelled.jsonl")
    ap.add_argument("--errors", action="store_true", help="list every disagreement")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument(
        "--debates", type=Path, metavar="DATA_DIR", help="folder with ClaimBuster's train.jsonl"
    )
    ap.add_argument(
        "--speed-file",
        type=Path,
        metavar="FILE",
        help="only write the speed runs' 10,000 sentences to FILE, as `suggest` reads them "
        "(to time the command or count its instructions outside this script)",
    )
    args = ap.parse_args()
    articles = load(args.data)
    if args.speed_file is not None:
        args.speed_file.write_text(speed_text(speed_sentences(articles)), encoding="utf-8")
        return
    pairs = run(articles)
    print(f"Labelled set: {args.data.relative_to(ROOT)}, {len(articles)} articles")
    report("All", metrics(pairs))
    for split, name in (("tune", "Tuning split"), ("heldout", "Held-out split")):
        report(name, metrics([(r, s) for r, s in pairs if r["split"] == split]))
    if args.errors:
        errors(pairs)
    checkworthiness_report(args.debates)
    if not args.skip_speed:
        sentences = speed_sentences(articles)
        n = len(sentences)
        print(f"\n## Speed, {n:,} sentences (best of 3)\n")
        print(f"- weights file read in a fresh process: {load_seconds():.3f} s")
        print(f"- model alone (score and reasons): {model_only_speed(sentences):.3f} s")
        for label, use_model in (("rules only", False), ("rules + model", True)):
            seconds = speed(sentences, use_model)
            rate = f"{n / seconds:,.0f} sentences/s"
            print(f"- `suggest_article`, {label}: **{seconds:.3f} s** ({rate})")
        wall, cpu = cli_speed(sentences)
        print(
            f"- `factcheck-app suggest --json` on a file of them (best of 5): **{cpu:.3f} s CPU**, "
            f"{wall:.3f} s wall"
        )


if __name__ == "__main__":
    main()
