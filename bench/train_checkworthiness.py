"""Train the desk's check-worthiness model and write its weights file.

Usage::

    .venv/bin/python bench/train_checkworthiness.py DATA_DIR [--out PATH] [--seed N]
        [--news FILE ...] [--cv] [--char-keep N] [--word-vectors VECTORS]

``DATA_DIR`` holds ``train.jsonl`` of the public ClaimBuster dataset (download it; see
``bench/checkworthy_data.py`` for the format and the licence). The labelled news
sentences come from the repository (``tests/data/assist_labelled.jsonl`` and
``tests/data/checkworthy_news.jsonl``; ``--news`` names other files instead). Held-out
sentences (``checkworthy_data.py`` says which) are never read for training.
``VECTORS`` is the file ``bench/word_vectors.py`` writes (the shipped weights are trained
with it; without it, only the first two models below).

What it does, all in plain Python so that the result is the same on every run:

1. Features of each training sentence (``factcheck_app.domain.checkworthiness``): words,
   pairs, affixes and cues, kept when at least ``MIN_COUNT`` training sentences have
   them; and, for a second model, character 4-grams kept when at least
   ``CHAR_MIN_COUNT`` sentences have them.
2. Each model is a logistic regression fitted by FTRL-proximal (per-coordinate learning
   rates, L1 and L2 penalties; McMahan et al. 2013) over ``EPOCHS`` passes in an order
   shuffled by ``random.Random(seed)``. News sentences weigh ``NEWS_WEIGHT`` times a
   debate sentence: the desk reads news, and there are fewer of them. Within each source
   the rarer class weighs as much in total as the commoner one (``BALANCE_CLASSES``;
   debates are a quarter check-worthy, our news three quarters), so the models learn
   under the same even odds the calibration and the measures assume. The character
   model is then fitted again on its ``CHAR_KEEP`` strongest 4-grams only. With
   ``--word-vectors``, a third model, over the sum of the sentence's word vectors (each
   weighed by smooth inverse frequency, ``VECTOR_SIF``), is fitted by Adagrad with an L2
   penalty (``fit_dense``), with the same sentence weights.
3. The same training on 4 of 5 folds (debate blocks / articles) scores the 5th. Each
   model's out-of-fold scores are divided by their standard deviation and mixed, the
   characters' model counting ``CHAR_SHARE`` and the vectors' ``VECTOR_SHARE`` of the
   whole; Platt scaling fitted on the mixed scores
   turns them into a probability. Each class counts half (``CALIBRATION_PRIOR``), so 0.5
   means the sentence looks more like a check-worthy one than not, whatever the mix of
   the text.
4. The models are trained on all training sentences; their weights, scaled as in the
   mix, are written as one JSON table (sorted keys, weights rounded to 5 decimals, zero
   weights left out). The vector model is folded into it as one weight per word
   (``folded_word_weights``), so the desk never reads a vector.

``--cv`` also prints the cross-validated measures (training data only). Running it twice
with the same data and seed writes the same bytes (a test checks it on a tiny sample).
The full run takes about two minutes on 2 cores, four to five with ``--word-vectors``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkworthy_data import (  # noqa: E402
    ASSIST_SET,
    FOLDS,
    NEWS_SET,
    Example,
    debate_examples,
    measure,
    news_examples,
)

from factcheck_app.domain.checkworthiness import (  # noqa: E402
    MODEL_FORMAT,
    char_feature_count,
    iter_feature_names,
    sentence_features,
    word_feature_count,
)

SEED = 17
MIN_COUNT = 2
EPOCHS = 15
ALPHA = 0.5
BETA = 1.0
L1 = 0.05
L2 = 0.3
NEWS_WEIGHT = 3.0
# Within each source, the rarer class's sentences weigh (commoner count / rarer count) each:
# by cross-validation on the training part, debates ROC-AUC 0.9303 -> 0.932 (docs/assist.md).
BALANCE_CLASSES = True
CHAR_MIN_COUNT = 3
# The character model keeps only its CHAR_KEEP strongest 4-grams (by |weight| after a first
# fit) and is fitted again on them: a smaller table is quicker to look up (it stays in the
# processor's cache). Chosen by cross-validation on the training part: 1,500 to 5,000 tried.
CHAR_KEEP = 4000
CHAR_SHARE = 0.3  # by cross-validation on the training part: 0.2-0.5 tried (0.35 before CHAR_KEEP)
CALIBRATION_PRIOR = 0.5  # the share of check-worthy sentences the probability assumes
# The third model, over the words' vectors (``--word-vectors``): its share of the mix, and
# its fit (Adagrad over standardised features: L2 penalty, step, passes). Chosen by
# cross-validation on the training part, seeds 17 and 18: shares 0.15 / 0.2 / 0.25 and
# penalties 1e-5 to 3e-3 tried (docs/assist.md).
VECTOR_SHARE = 0.2
VECTOR_SIF = 1e-3  # a word's vector counts VECTOR_SIF / (VECTOR_SIF + its frequency)
VECTOR_L2 = 1e-3
VECTOR_STEP = 0.05
VECTOR_EPOCHS = 8
DEFAULT_OUT = ROOT / "resources" / "models" / "checkworthiness.json"
CREDIT = (
    "Trained on the ClaimBuster dataset (Arslan, Hassan, Li, Tremayne, 'A Benchmark "
    "Dataset of Check-worthy Factual Claims', ICWSM 2020; CC BY 4.0, "
    "doi 10.5281/zenodo.3609356) and on news sentences written for Factcheck desk."
)
VECTOR_CREDIT = (
    " Word weights partly derived from the all-MiniLM-L6-v2 sentence-transformers model "
    "(Apache License 2.0)."
)

Key = tuple[str, str]
Row = list[tuple[int, float]]


@dataclass(frozen=True)
class WordVectors:
    """Word vectors read from ``word_vectors.py``'s file, and that file's sha256."""

    vectors: dict[str, list[float]]
    dims: int
    sha256: str


def read_word_vectors(path: Path) -> WordVectors:
    """The vectors in ``path`` (gzip text: a ``#`` header line, then ``word x1 x2 …``)."""
    raw = path.read_bytes()
    vectors: dict[str, list[float]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            word, *numbers = line.split(" ")
            vectors[word] = [float(x) for x in numbers]
    dims = {len(v) for v in vectors.values()}
    if len(dims) != 1:
        raise ValueError(f"{path}: the vectors do not all have the same length")
    return WordVectors(vectors, dims.pop(), hashlib.sha256(raw).hexdigest())


def vector_emphasis(examples: Sequence[Example], words: WordVectors) -> dict[str, float]:
    """How much each word's vector counts: ``VECTOR_SIF`` / (``VECTOR_SIF`` + its share of
    the word occurrences in ``examples``) ("smooth inverse frequency", Arora et al. 2017),
    so that "the" and "we" count little and rarer, telling words more. Words the
    examples do not have count 1."""
    counts: Counter[str] = Counter()
    for ex in examples:
        counts.update(filter(words.vectors.__contains__, sentence_features(ex.text).grams))
    total = sum(counts.values()) or 1
    return {w: VECTOR_SIF / (VECTOR_SIF + n / total) for w, n in counts.items()}


def vector_rows(
    examples: Sequence[Example], words: WordVectors, emphasis: dict[str, float]
) -> list[list[float]]:
    """Each sentence as the sum of its words' vectors (each time a word occurs, times its
    emphasis) divided by the square root of its word feature count: as the word model
    scales its words, so that the fitted model folds into one weight per word
    (``folded_word_weights``)."""
    rows = []
    for ex in examples:
        features = sentence_features(ex.text)
        total = [0.0] * words.dims
        for gram in features.grams:
            vector = words.vectors.get(gram)
            if vector is not None:
                weight = emphasis.get(gram, 1.0)
                total = [t + weight * x for t, x in zip(total, vector, strict=True)]
        scale = 1.0 / math.sqrt(word_feature_count(features))
        rows.append([x * scale for x in total])
    return rows


Dense = tuple[float, list[float]]  # bias, one weight per dimension (of the unscaled rows)


def fit_dense(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    weights: Sequence[float],
    seed: int,
) -> Dense:
    """L2-penalised logistic regression over dense rows by Adagrad, in an order shuffled
    by ``random.Random(seed)``; the rows are standardised for the fit, and the weights
    returned apply to them as given."""
    n, dims = len(rows), len(rows[0])
    columns = list(zip(*rows, strict=True))
    mean = [sum(col) / n for col in columns]
    sd = [
        math.sqrt(sum((x - m) ** 2 for x in col) / n) or 1.0
        for col, m in zip(columns, mean, strict=True)
    ]
    standard = [[(x - m) / s for x, m, s in zip(r, mean, sd, strict=True)] for r in rows]
    mean_weight = sum(weights) / n
    theta = [0.0] * dims
    squares = [1e-8] * dims
    bias, bias_squares = 0.0, 1e-8
    order = list(range(n))
    rng = random.Random(seed)
    for _ in range(VECTOR_EPOCHS):
        rng.shuffle(order)
        for i in order:
            z = standard[i]
            margin = bias + sum(map(float.__mul__, theta, z))
            g = (_sigmoid(margin) - labels[i]) * weights[i] / mean_weight
            grad = [g * x + VECTOR_L2 * t for x, t in zip(z, theta, strict=True)]
            squares = [q + d * d for q, d in zip(squares, grad, strict=True)]
            theta = [
                t - VECTOR_STEP * d / math.sqrt(q)
                for t, d, q in zip(theta, grad, squares, strict=True)
            ]
            bias_squares += g * g
            bias -= VECTOR_STEP * g / math.sqrt(bias_squares)
    coef = [t / s for t, s in zip(theta, sd, strict=True)]
    return bias - sum(c * m for c, m in zip(coef, mean, strict=True)), coef


@dataclass(frozen=True)
class VectorModel:
    """The third model: a bias, a weight per dimension, and each word's emphasis."""

    bias: float
    coef: list[float]
    emphasis: dict[str, float]


def vector_scores(
    examples: Sequence[Example], words: WordVectors, model: VectorModel
) -> list[float]:
    rows = vector_rows(examples, words, model.emphasis)
    return [model.bias + sum(map(float.__mul__, model.coef, r)) for r in rows]


def folded_word_weights(words: WordVectors, model: VectorModel) -> dict[str, float]:
    """What each word adds through the vector model: its vector times the model's weights,
    times its emphasis. A sentence's vector score is then the bias plus the sum over its
    words, divided as the word model divides its words."""
    return {
        w: model.emphasis.get(w, 1.0) * sum(map(float.__mul__, model.coef, v))
        for w, v in words.vectors.items()
    }


def vocabulary(examples: Sequence[Example]) -> dict[Key, int]:
    """Features seen in at least MIN_COUNT sentences, numbered in sorted order from 1 (0 = bias)."""
    seen: Counter[Key] = Counter()
    for ex in examples:
        seen.update(set(iter_feature_names(sentence_features(ex.text))))
    kept = sorted(k for k, n in seen.items() if n >= MIN_COUNT)
    return {k: i for i, k in enumerate(kept, start=1)}


def vectorise(examples: Sequence[Example], vocab: dict[Key, int]) -> list[Row]:
    """Each sentence as (feature index, value) pairs, the bias first: word features count
    divided by the square root of their number, as the model scores them; cues count 1."""
    rows = []
    for ex in examples:
        features = sentence_features(ex.text)
        scale = 1.0 / math.sqrt(word_feature_count(features))
        counts: Counter[int] = Counter()
        cues: set[int] = set()
        for key in iter_feature_names(features):
            index = vocab.get(key)
            if index is None:
                continue
            if key[0] == "cues":
                cues.add(index)
            else:
                counts[index] += 1
        values = {i: c * scale for i, c in counts.items()}
        values.update(dict.fromkeys(cues, 1.0))
        rows.append([(0, 1.0), *sorted(values.items())])
    return rows


def char_vocabulary(examples: Sequence[Example]) -> dict[str, int]:
    """Character 4-grams seen in at least CHAR_MIN_COUNT sentences, numbered from 1."""
    seen: Counter[str] = Counter()
    for ex in examples:
        seen.update(set(sentence_features(ex.text).char_grams()))
    kept = sorted(g for g, n in seen.items() if n >= CHAR_MIN_COUNT)
    return {g: i for i, g in enumerate(kept, start=1)}


def char_vectorise(examples: Sequence[Example], vocab: dict[str, int]) -> list[Row]:
    """Each sentence's character 4-grams as (index, value) pairs, the bias first; each
    counts divided by the square root of the sentence's number of 4-grams."""
    rows = []
    for ex in examples:
        features = sentence_features(ex.text)
        scale = 1.0 / math.sqrt(char_feature_count(features))
        counts = Counter(vocab[g] for g in features.char_grams() if g in vocab)
        rows.append([(0, 1.0), *sorted((i, c * scale) for i, c in counts.items())])
    return rows


def strongest(vocab: dict[str, int], w: Sequence[float], keep: int) -> dict[str, int]:
    """The ``keep`` 4-grams of largest |weight| (ties by name), numbered from 1 in sorted order."""
    ranked = sorted((g for g in vocab if w[vocab[g]] != 0.0), key=lambda g: (-abs(w[vocab[g]]), g))
    return {g: i for i, g in enumerate(sorted(ranked[:keep]), start=1)}


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _weight(z: float, n: float, penalised: bool) -> float:
    l1 = L1 if penalised else 0.0
    if abs(z) <= l1:
        return 0.0
    return -(z - math.copysign(l1, z)) / (
        (BETA + math.sqrt(n)) / ALPHA + (L2 if penalised else 0.0)
    )


def fit(
    rows: Sequence[Row], labels: Sequence[int], weights: Sequence[float], dim: int, seed: int
) -> list[float]:
    """FTRL-proximal logistic regression; returns the weights (index 0 = bias, unpenalised)."""
    z = [0.0] * dim
    n = [0.0] * dim
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for i in order:
            row = rows[i]
            ws = [_weight(z[j], n[j], j != 0) for j, _ in row]
            margin = sum(w * v for w, (_, v) in zip(ws, row, strict=True))
            g = (_sigmoid(margin) - labels[i]) * weights[i]
            for w, (j, v) in zip(ws, row, strict=True):
                gj = g * v
                sigma = (math.sqrt(n[j] + gj * gj) - math.sqrt(n[j])) / ALPHA
                z[j] += gj - sigma * w
                n[j] += gj * gj
    return [_weight(z[j], n[j], j != 0) for j in range(dim)]


def raw_scores(rows: Sequence[Row], w: Sequence[float]) -> list[float]:
    return [sum(w[j] * v for j, v in row) for row in rows]


def fit_platt(scores: Sequence[float], labels: Sequence[int], prior: float) -> tuple[float, float]:
    """a, b of p = 1 / (1 + exp(-(a * score + b))) by Newton's method, each class weighted so
    that check-worthy sentences make up ``prior`` of the total."""
    pos = sum(labels)
    neg = len(labels) - pos
    cw = {1: prior / pos, 0: (1 - prior) / neg}
    a, b = 1.0, 0.0
    for _ in range(50):
        ga = gb = haa = hab = hbb = 0.0
        for s, y in zip(scores, labels, strict=True):
            p = _sigmoid(a * s + b)
            d = (p - y) * cw[y]
            h = p * (1 - p) * cw[y]
            ga += d * s
            gb += d
            haa += h * s * s
            hab += h * s
            hbb += h
        haa += 1e-9
        hbb += 1e-9
        det = haa * hbb - hab * hab
        da = (hbb * ga - hab * gb) / det
        db = (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if abs(da) < 1e-12 and abs(db) < 1e-12:
            break
    return a, b


Models = tuple[dict[Key, int], list[float], dict[str, int], list[float]]


def example_weights(examples: Sequence[Example]) -> list[float]:
    """Each sentence's weight in training: ``NEWS_WEIGHT`` for news (1 for a debate), times,
    with ``BALANCE_CLASSES``, its source's commoner class count over its own class count."""
    counts: Counter[tuple[str, int]] = Counter((ex.source, ex.label) for ex in examples)
    out = []
    for ex in examples:
        weight = NEWS_WEIGHT if ex.source == "news" else 1.0
        if BALANCE_CLASSES:
            weight *= max(counts[ex.source, 0], counts[ex.source, 1]) / counts[ex.source, ex.label]
        out.append(weight)
    return out


def train_examples(examples: Sequence[Example], seed: int, keep: int = CHAR_KEEP) -> Models:
    """The words-and-cues model and the character model (its ``keep`` strongest 4-grams),
    each as (vocabulary, weights)."""
    labels = [ex.label for ex in examples]
    weights = example_weights(examples)
    vocab = vocabulary(examples)
    w = fit(vectorise(examples, vocab), labels, weights, len(vocab) + 1, seed)
    chars = char_vocabulary(examples)
    wc = fit(char_vectorise(examples, chars), labels, weights, len(chars) + 1, seed)
    if sum(1 for x in wc[1:] if x != 0.0) > keep:
        chars = strongest(chars, wc, keep)
        wc = fit(char_vectorise(examples, chars), labels, weights, len(chars) + 1, seed)
    return vocab, w, chars, wc


def train_vector_model(examples: Sequence[Example], words: WordVectors, seed: int) -> VectorModel:
    """The third model: over the (emphasised) sum of the sentence's word vectors."""
    labels = [ex.label for ex in examples]
    emphasis = vector_emphasis(examples, words)
    rows = vector_rows(examples, words, emphasis)
    bias, coef = fit_dense(rows, labels, example_weights(examples), seed)
    return VectorModel(bias, coef, emphasis)


Scores = list[float]


def out_of_fold(
    examples: Sequence[Example],
    seed: int,
    keep: int = CHAR_KEEP,
    words: WordVectors | None = None,
) -> tuple[Scores, Scores, Scores | None]:
    """Each training sentence scored by the models trained on the other folds: words,
    characters and (with ``words``) the vector model."""
    by_words = [0.0] * len(examples)
    by_chars = [0.0] * len(examples)
    by_vectors = [0.0] * len(examples) if words else None
    for fold in range(FOLDS):
        train = [ex for ex in examples if ex.fold != fold]
        test = [i for i, ex in enumerate(examples) if ex.fold == fold]
        if not train or not test:
            continue
        vocab, w, char_vocab, wc = train_examples(train, seed, keep)
        held = [examples[i] for i in test]
        for i, s in zip(test, raw_scores(vectorise(held, vocab), w), strict=True):
            by_words[i] = s
        for i, s in zip(test, raw_scores(char_vectorise(held, char_vocab), wc), strict=True):
            by_chars[i] = s
        if words and by_vectors is not None:
            model = train_vector_model(train, words, seed)
            for i, s in zip(test, vector_scores(held, words, model), strict=True):
                by_vectors[i] = s
    return by_words, by_chars, by_vectors


def spread(scores: Sequence[float]) -> float:
    """The population standard deviation (1 when the scores do not vary)."""
    mean = sum(scores) / len(scores)
    sd = math.sqrt(sum((s - mean) ** 2 for s in scores) / len(scores))
    return sd if sd > 0 else 1.0


# What the words', characters' and vectors' scores are multiplied by.
Mix = tuple[float, float, float]


def mixing(words: Sequence[float], chars: Sequence[float], vectors: Sequence[float] | None) -> Mix:
    """What each model's scores are multiplied by before they are added: the words and
    characters ``1 - CHAR_SHARE`` : ``CHAR_SHARE``, each by its spread; with the vector
    model, that pair (by its own spread) and the vectors ``1 - VECTOR_SHARE`` : ``VECTOR_SHARE``."""
    by_words = (1 - CHAR_SHARE) / spread(words)
    by_chars = CHAR_SHARE / spread(chars)
    if vectors is None:
        return by_words, by_chars, 0.0
    pair = spread([by_words * a + by_chars * b for a, b in zip(words, chars, strict=True)])
    keep = (1 - VECTOR_SHARE) / pair
    return by_words * keep, by_chars * keep, VECTOR_SHARE / spread(vectors)


def mixed(mix: Mix, words: Scores, chars: Scores, vectors: Scores | None) -> Scores:
    by_words, by_chars, by_vectors = mix
    out = [by_words * a + by_chars * b for a, b in zip(words, chars, strict=True)]
    if vectors is not None:
        out = [s + by_vectors * v for s, v in zip(out, vectors, strict=True)]
    return out


def model_json(
    models: Models,
    vectors: tuple[WordVectors, VectorModel] | None,
    mix: Mix,
    calibration: tuple[float, float],
    meta: dict[str, object],
) -> str:
    """The weights file: each model's weights times its share of the mix, the vector
    model folded into one weight per word (added to the word model's own)."""
    vocab, w, char_vocab, wc = models
    by_words, by_chars, by_vectors = mix
    raw: dict[str, dict[str, float]] = {"grams": {}, "affixes": {}, "cues": {}, "chars": {}}
    for (block, name), index in vocab.items():
        raw[block][name] = w[index] * by_words
    for name, index in char_vocab.items():
        raw["chars"][name] = wc[index] * by_chars
    bias = w[0] * by_words + wc[0] * by_chars
    if vectors is not None:
        words, model = vectors
        grams = raw["grams"]
        for word, weight in folded_word_weights(words, model).items():
            grams[word] = grams.get(word, 0.0) + weight * by_vectors
        bias += model.bias * by_vectors
    blocks = {
        block: {name: value for name, x in table.items() if (value := round(x, 5)) != 0.0}
        for block, table in raw.items()
    }
    data = {
        "format": MODEL_FORMAT,
        "bias": round(bias, 6),
        "calibration": {"a": round(calibration[0], 6), "b": round(calibration[1], 6)},
        "weights": blocks,
        "trained_on": meta,
        "credit": CREDIT + (VECTOR_CREDIT if vectors is not None else ""),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", type=Path, help="folder with the ClaimBuster train.jsonl")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--news", type=Path, action="append", help="labelled news JSONL (repeat)")
    ap.add_argument("--cv", action="store_true", help="print cross-validated measures")
    ap.add_argument("--char-keep", type=int, default=CHAR_KEEP, help="4-grams kept")
    ap.add_argument(
        "--word-vectors",
        type=Path,
        help="word vectors from bench/word_vectors.py: adds the third model (as shipped)",
    )
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        words = read_word_vectors(args.word_vectors) if args.word_vectors else None
    except (OSError, EOFError, ValueError) as error:  # BadGzipFile is an OSError
        print(f"cannot read the word vectors {args.word_vectors}: {error}", file=sys.stderr)
        return 2
    news = news_examples(args.news or (ASSIST_SET, NEWS_SET))
    examples = [ex for ex in debate_examples(args.data_dir) + news if not ex.held_out]
    labels = [ex.label for ex in examples]
    oof_words, oof_chars, oof_vectors = out_of_fold(examples, args.seed, args.char_keep, words)
    mix = mixing(oof_words, oof_chars, oof_vectors)
    oof = mixed(mix, oof_words, oof_chars, oof_vectors)
    calibration = fit_platt(oof, labels, CALIBRATION_PRIOR)
    if args.cv:
        a, b = calibration
        for source in ("debates", "news"):
            picked = [i for i, ex in enumerate(examples) if ex.source == source]
            if picked:
                m = measure(
                    [labels[i] for i in picked],
                    [_sigmoid(a * oof[i] + b) for i in picked],
                    [examples[i].group for i in picked],
                )
                print(
                    f"cv {source}: n={m.n} pos={m.positives} P={m.precision:.3f} "
                    f"R={m.recall:.3f} F1={m.f1:.3f} F1(half/half)={m.f1_balanced:.4f} "
                    f"F1(balanced resamples)={m.f1_resampled[0]:.4f} AUC={m.auc:.4f} "
                    f"MAP={m.mean_ap:.3f}"
                )
    models = train_examples(examples, args.seed, args.char_keep)
    vectors = (words, train_vector_model(examples, words, args.seed)) if words else None
    text = model_json(models, vectors, mix, calibration, {})
    kept = json.loads(text)["weights"]
    meta: dict[str, object] = {
        "debate_sentences": sum(1 for ex in examples if ex.source == "debates"),
        "news_sentences": sum(1 for ex in examples if ex.source == "news"),
        "features_kept": sum(len(kept[block]) for block in ("grams", "affixes", "cues")),
        "char_grams_kept": len(kept["chars"]),
        "seed": args.seed,
        "hyperparameters": {
            "alpha": ALPHA,
            "beta": BETA,
            "l1": L1,
            "l2": L2,
            "epochs": EPOCHS,
            "min_count": MIN_COUNT,
            "news_weight": NEWS_WEIGHT,
            "balance_classes": BALANCE_CLASSES,
            "char_min_count": CHAR_MIN_COUNT,
            "char_keep": args.char_keep,
            "char_share": CHAR_SHARE,
            "calibration_prior": CALIBRATION_PRIOR,
        },
    }
    if words:
        meta["word_vectors"] = {
            "sha256": words.sha256,
            "words": len(words.vectors),
            "dimensions": words.dims,
            "share": VECTOR_SHARE,
            "sif": VECTOR_SIF,
            "l2": VECTOR_L2,
            "step": VECTOR_STEP,
            "epochs": VECTOR_EPOCHS,
        }
    text = model_json(models, vectors, mix, calibration, meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    print(
        f"wrote {args.out} ({len(text.encode('utf-8')):,} bytes, {meta['features_kept']} "
        f"features and {meta['char_grams_kept']} character 4-grams) from {len(examples)} "
        f"sentences in {time.perf_counter() - t0:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
