"""Labelled check-worthiness data, its fixed held-out split, and the measures we report.

Shared by ``train_checkworthiness.py`` (which never reads a held-out sentence) and
``bench_assist.py`` (which measures the shipped weights on the held-out ones only).

Three sources, each sentence labelled 1 = worth checking, 0 = not:

* **debates**: ``DATA_DIR/train.jsonl`` of the public ClaimBuster dataset (download it:
  Arslan et al., "A Benchmark Dataset of Check-worthy Factual Claims", ICWSM 2020,
  CC BY 4.0; one ``{"id", "label", "text"}`` a line). Sentence ids run through the
  debates in order, so blocks of 1,000 ids are a few debates each. **Held out: every
  sentence whose ``id // 1000 % 5 == 2``** (blocks 2, 7, 12, …, 32: whole stretches of
  debates the model never sees). Cross-validation folds are the blocks modulo 5 too.
* **news, assist set**: ``tests/data/assist_labelled.jsonl`` (the assist's own labelled
  articles; check-worthy = gold tag claim, denial or fact). Held out: its ``heldout``
  articles, as in the assist's own measurements.
* **news, check-worthiness set**: ``tests/data/checkworthy_news.jsonl`` (our own news
  sentences, written for this, labelled the same way). Held out: its ``heldout``
  articles (every fourth one).

Splits are by debate block or article, never by sentence, so no held-out sentence shares
its story with a training sentence.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSIST_SET = ROOT / "tests" / "data" / "assist_labelled.jsonl"
NEWS_SET = ROOT / "tests" / "data" / "checkworthy_news.jsonl"
DEBATE_FILE = "train.jsonl"
HELD_OUT_BLOCK = 2  # id // 1000 % 5 == 2 is held out
FOLDS = 5


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled sentence: where it comes from, its group (debate block or article)."""

    source: str  # "debates" or "news"
    group: str  # "debates-12", "checkworthy_news/n05-measles-europe", "assist_labelled/a05-…"
    fold: int  # 0..4: the cross-validation fold of its group
    text: str
    label: int
    held_out: bool


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def debate_examples(data_dir: Path) -> list[Example]:
    """The ClaimBuster sentences in ``data_dir``, in file order."""
    out = []
    for row in _read_jsonl(data_dir / DEBATE_FILE):
        block = int(str(row["id"])) // 1000
        out.append(
            Example(
                "debates",
                f"debates-{block}",
                block % FOLDS,
                str(row["text"]),
                int(str(row["label"])),
                block % FOLDS == HELD_OUT_BLOCK,
            )
        )
    return out


def _stable_fold(name: str) -> int:
    """A group's fold from its name (stable across runs and machines, unlike hash())."""
    return sum(name.encode("utf-8")) % FOLDS


def news_examples(paths: Sequence[Path] = (ASSIST_SET, NEWS_SET)) -> list[Example]:
    """Labelled news sentences (check-worthy = tag claim, denial or fact), in file order;
    each article's group is named after its file: "checkworthy_news/n05-measles-europe"."""
    out = []
    for path in paths:
        for row in _read_jsonl(path):
            group = f"{path.stem}/{row['article']}"
            out.append(
                Example(
                    "news",
                    group,
                    _stable_fold(group),
                    str(row["text"]),
                    0 if row["tag"] == "none" else 1,
                    row["split"] == "heldout",
                )
            )
    return out


def all_examples(data_dir: Path | None) -> list[Example]:
    """Debates (when ``data_dir`` is given) then news."""
    return (debate_examples(data_dir) if data_dir is not None else []) + news_examples()


# --------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Measures:
    n: int
    positives: int
    precision: float
    recall: float
    f1: float
    f1_balanced: float  # F1 as on a half-and-half set: negatives weighted to the positives
    auc: float
    mean_ap: float  # mean over groups (debate blocks / articles) of the ranking's AP
    # F1 at the threshold on balanced resamples (see `balanced_f1`): mean, 5th and 95th
    # percentile of the draws.
    f1_resampled: tuple[float, float, float] = (0.0, 0.0, 0.0)


def roc_auc(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    pos = [r for r, y in zip(ranks, labels, strict=True) if y]
    n_pos, n_neg = len(pos), len(labels) - len(pos)
    if not n_pos or not n_neg:
        return 0.0
    return (sum(pos) - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float:
    """AP of the ranking by score (ties broken by original order, as a reviewer sees them)."""
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    hits, total = 0, 0.0
    for rank, i in enumerate(order, start=1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


BALANCED_DRAWS = 1000


def balanced_f1(
    labels: Sequence[int], scores: Sequence[float], threshold: float = 0.5
) -> tuple[float, float, float]:
    """F1 at ``threshold`` on sets with as many check-worthy sentences as not, drawn from
    these: every sentence of the smaller class, and as many of the larger class drawn
    without replacement by ``random.Random(seed)`` for seeds 0 to `BALANCED_DRAWS` − 1.
    Returns the mean over the draws and their 5th and 95th percentiles."""
    pos = [s for y, s in zip(labels, scores, strict=True) if y]
    neg = [s for y, s in zip(labels, scores, strict=True) if not y]
    if not pos or not neg:
        return 0.0, 0.0, 0.0
    small, large, small_is_pos = (pos, neg, True) if len(pos) <= len(neg) else (neg, pos, False)
    f1s = []
    for seed in range(BALANCED_DRAWS):
        drawn = random.Random(seed).sample(large, len(small))
        ps, ns = (small, drawn) if small_is_pos else (drawn, small)
        tp = sum(1 for s in ps if s >= threshold)
        fp = sum(1 for s in ns if s >= threshold)
        f1s.append(2 * tp / (2 * tp + fp + (len(ps) - tp)) if tp else 0.0)
    f1s.sort()
    return sum(f1s) / len(f1s), f1s[len(f1s) // 20], f1s[len(f1s) * 19 // 20]


def measure(
    labels: Sequence[int],
    scores: Sequence[float],
    groups: Sequence[str],
    threshold: float = 0.5,
) -> Measures:
    """Precision, recall and F1 of "worth checking" at ``threshold``; ROC-AUC; MAP."""
    tp = sum(1 for y, s in zip(labels, scores, strict=True) if y and s >= threshold)
    fp = sum(1 for y, s in zip(labels, scores, strict=True) if not y and s >= threshold)
    fn = sum(1 for y, s in zip(labels, scores, strict=True) if y and s < threshold)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    negatives = len(labels) - tp - fn
    false_rate = fp / negatives if negatives else 0.0
    p_bal = r / (r + false_rate) if r + false_rate else 0.0
    by_group: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
    for y, s, g in zip(labels, scores, groups, strict=True):
        by_group[g][0].append(y)
        by_group[g][1].append(s)
    aps = [average_precision(ys, ss) for ys, ss in by_group.values() if any(ys)]
    return Measures(
        n=len(labels),
        positives=sum(labels),
        precision=p,
        recall=r,
        f1=2 * p * r / (p + r) if p + r else 0.0,
        f1_balanced=2 * p_bal * r / (p_bal + r) if p_bal + r else 0.0,
        auc=roc_auc(labels, scores),
        mean_ap=sum(aps) / len(aps) if aps else 0.0,
        f1_resampled=balanced_f1(labels, scores, threshold),
    )
