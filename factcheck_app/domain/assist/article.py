"""A whole article: claimants carried from sentence to sentence, denials linked to the
claims they answer, and each sentence's check-worthiness (the learned model's, else the
rules')."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck_app.domain.assist.classification import (
    Analysis,
    analyse,
    char_before,
    cue_analysis,
)
from factcheck_app.domain.assist.languages import cues_for
from factcheck_app.domain.assist.lexicon import LINK_STOP
from factcheck_app.domain.assist.patterns import ANAPHORIC_OBJECT, CAP_WORD
from factcheck_app.domain.assist.suggestion import MAX_SENTENCE_CHARS, STEP_CHARS, Suggestion
from factcheck_app.domain.assist.weights import (
    FEATURE_WEIGHTS,
    LINK_WEIGHTS,
    NOTHING_TO_CHECK_FACTOR,
)
from factcheck_app.domain.matching import content_tokens
from factcheck_app.domain.models import Tag

if TYPE_CHECKING:
    from factcheck_app.domain.checkworthiness import CheckworthinessModel, Score

# What a sentence alone decides, for a run of sentences: the rules' analyses, the
# model's scores (None without its weights) and the words a denial link compares of its
# claims and denials (by index in the run).
Readings = tuple[list[Analysis], "list[Score] | None", dict[int, set[str]]]


@dataclass(frozen=True, slots=True)
class ReadElsewhere:
    """The article's sentences from ``start`` on are read (`read_sentences`, with the
    article's ``proper`` nouns) by another process while `suggest_article` reads the
    others; ``collect`` hands over what it read, or None when it could not (they are then
    read here). Claimants and denial links, which run across sentences, stay here."""

    start: int
    proper: frozenset[str]
    collect: Callable[[], Readings | None]


def proper_nouns(sentences: Sequence[str]) -> frozenset[str]:
    """The capitalised words an article uses other than to start a sentence."""
    names: set[str] = set()
    collect_proper_nouns([s[:MAX_SENTENCE_CHARS] for s in sentences], names)
    return frozenset(names)


def read_sentences(sentences: Sequence[str], proper: frozenset[str]) -> Readings:
    """The rules' analysis and, with the model's weights, the model's score of each
    sentence, as `suggest_article` makes them: what another process does for its
    `ReadElsewhere`."""
    model = _checkworthiness_model()
    texts = [s[:MAX_SENTENCE_CHARS] for s in sentences]
    analyses = [analyse(s, proper, model is None) for s in texts]
    scores = [model.score(s) for s in texts] if model is not None else None
    return analyses, scores, _linked_tokens(texts, analyses)


def collect_proper_nouns(sentences: Sequence[str], seen: set[str]) -> None:
    for s in sentences:
        for m in CAP_WORD.finditer(s, 1):
            before = char_before(s, m.start())
            if before and before not in '.!?“"‘(:—–-':
                seen.add(m.group())


def rules_checkworthiness(a: Analysis, claimant: str) -> tuple[float, tuple[str, ...]]:
    """Noisy-or of feature weights; hedges and untagged sentences are damped."""
    feats = list(a.features)
    if a.tag is Tag.DENIAL:
        feats.append(("denial", FEATURE_WEIGHTS["denial"]))
    elif a.tag is Tag.CLAIM:
        feats.append(("claim", FEATURE_WEIGHTS["claim"]))
    elif a.tag is Tag.FACT:
        feats.append(("stated as fact", FEATURE_WEIGHTS["stated as fact"]))
    if claimant and a.tag in (Tag.CLAIM, Tag.DENIAL):
        named = "named claimant" if claimant[0].isupper() else "named claimant, lower-case"
        feats.append((f"named claimant: {claimant}", FEATURE_WEIGHTS[named]))
    miss = 1.0
    for _, w in feats:
        miss *= 1.0 - w
    score = 1.0 - miss
    reasons = [f"{name} (+{w:.2f})" for name, w in feats]
    if a.tag is None:
        score *= NOTHING_TO_CHECK_FACTOR
        reasons.append(f"nothing to check (x{NOTHING_TO_CHECK_FACTOR})")
    return round(score, 3), tuple(reasons)


class _TokenCache:
    """Content tokens per sentence but the link's own words (`LINK_STOP`), computed on
    first use; ``work`` counts the characters tokenised so far."""

    def __init__(self, sentences: Sequence[str], known: dict[int, set[str]] | None = None) -> None:
        self._sentences = sentences
        self._cache: dict[int, set[str]] = known or {}
        self.work = 0

    def __getitem__(self, index: int) -> set[str]:
        found = self._cache.get(index)
        if found is None:
            found = self._cache[index] = link_tokens(self._sentences[index])
            self.work += len(self._sentences[index])
        return found


def link_tokens(sentence: str) -> set[str]:
    """What a denial link compares of a sentence: its content tokens but the link's own
    words (`LINK_STOP`)."""
    return set(content_tokens(sentence)) - LINK_STOP


def _linked_tokens(sentences: Sequence[str], analyses: Sequence[Analysis]) -> dict[int, set[str]]:
    """`link_tokens` of every claim and denial: all a denial link may read."""
    return {
        i: link_tokens(s)
        for i, (s, a) in enumerate(zip(sentences, analyses, strict=True))
        if a.tag is Tag.CLAIM or a.tag is Tag.DENIAL
    }


# A denial answers a claim made shortly before it, not one a whole long document earlier;
# the bound also keeps a claim-poor article linear.
_LINK_LOOKBACK = 400
# How many of the claims before a denial it may answer.
_LINK_CLAIMS = 25


def _link_denial(
    i: int, sentences: Sequence[str], claims: Sequence[int], tokens: _TokenCache
) -> tuple[int | None, float]:
    """Earlier claim a denial most likely answers: word overlap plus recency.

    ``claims``: the indices of the sentences suggested as claims, in order. The last 25
    of them before ``i`` and at most `_LINK_LOOKBACK` sentences back are compared."""
    anaphoric = ANAPHORIC_OBJECT.search(sentences[i].lower()) is not None
    by_overlap, by_recency = LINK_WEIGHTS["points back" if anaphoric else "plain"]
    mine = tokens[i]
    best: tuple[float, int | None] = (0.0, None)
    # What shared words can add at most: everything when the denial has words, else nothing.
    most_overlap = by_overlap if mine else 0.0
    before = bisect_left(claims, i)
    nearest = claims[max(0, before - _LINK_CLAIMS) : before]
    for looked, j in enumerate(reversed(nearest), start=1):
        if j < i - _LINK_LOOKBACK:
            break
        recency = 1.0 / looked
        # The most this claim could score, all its words shared; a claim further back
        # scores less for recency, so once this cannot beat the best, none can (and
        # their words are never read).
        if most_overlap + by_recency * recency <= best[0]:
            break
        overlap = 0.0
        if mine:  # a claim's words are read only when the denial has words to compare
            theirs = tokens[j]
            overlap = len(mine & theirs) / max(1, min(len(mine), len(theirs)))
        score = by_overlap * overlap + by_recency * recency
        if score > best[0]:
            best = (score, j)
    return best[1], round(min(1.0, best[0]), 3)


def suggest_article(
    sentences: Sequence[str],
    language: str = "en",
    *,
    use_model: bool = True,
    elsewhere: ReadElsewhere | None = None,
) -> list[Suggestion]:
    """Suggestions for every sentence of one article, in order (linear time).

    Pronoun subjects ("It accused ...", "..., he said.") take the claimant of the latest
    claim or denial before them; a denial gets the earlier claim it most likely answers.
    ``language`` (ISO 639-1; "" = English) other than English uses only that language's
    few denial and attribution words (``languages.py``) and says so in each ``note``.
    Check-worthiness of English text is the learned model's probability
    (``checkworthiness.py``); with ``use_model`` False, or without its weights file, the
    rules' own score. With ``elsewhere``, another process reads the last sentences
    meanwhile (see `ReadElsewhere`).
    """
    steps = suggest_article_steps(
        sentences, language=language, use_model=use_model, elsewhere=elsewhere
    )
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            result: list[Suggestion] = finished.value
            return result


def suggest_article_steps(
    sentences: Sequence[str],
    chunk: int = 100,
    language: str = "en",
    *,
    use_model: bool = True,
    elsewhere: ReadElsewhere | None = None,
) -> Generator[int, None, list[Suggestion]]:
    """`suggest_article` in small steps: yields the sentences done so far after each chunk
    and returns the suggestions, so a caller can interleave the work with other work (a
    window's events) instead of holding the interpreter for a whole article.

    The model's weights are read on first use: the window loads them in a worker thread
    (``checkworthiness.load_model``) before it starts."""
    # Hostile text can make one "sentence" of a whole paragraph without full stops, or
    # of a whole file: each is judged by its start, and each step takes a bounded amount
    # of text, so no step holds the interpreter for long.
    sentences = [s[:MAX_SENTENCE_CHARS] for s in sentences]
    if language not in ("", "en"):
        # The model learned from English only: other languages keep their cue words.
        return (yield from _suggest_with_cues(sentences, chunk, language))
    model = _checkworthiness_model() if use_model else None
    if elsewhere is None:
        names: set[str] = set()
        for batch in _batches(sentences, chunk * 4):
            collect_proper_nouns(sentences[batch.start : batch.stop], names)
            yield 0
        proper, end = frozenset(names), len(sentences)
    else:
        proper, end = elsewhere.proper, elsewhere.start
    analyses: list[Analysis] = []
    for batch in _batches(sentences[:end], chunk):
        analyses.extend(
            analyse(s, proper, model is None) for s in sentences[batch.start : batch.stop]
        )
        yield len(analyses) // 2
    given: list[Score] = []  # the model's scores of the first sentences, when read ahead
    known: dict[int, set[str]] = {}  # the denial links' words, when read ahead
    if elsewhere is not None:
        # While the other process is still at work: what this one can read ahead.
        if model is not None:
            given = [model.score(s) for s in sentences[:end]]
        known = _linked_tokens(sentences[:end], analyses)
        read = elsewhere.collect()
        if read is None:  # the other process failed: read them here
            analyses.extend(analyse(s, proper, model is None) for s in sentences[end:])
        else:
            analyses.extend(read[0])
            if model is not None:  # (the other process has the same weights, or none)
                given += read[1] or ()
            known.update((end + i, words) for i, words in read[2].items())
    claimants: list[str] = []
    last = ""
    for a in analyses:
        claimant = ""
        if a.tag in (Tag.CLAIM, Tag.DENIAL):
            if a.embedded and a.leading:
                claimant = a.leading
            elif a.pronoun:
                claimant = last
                if last:
                    a.cue += f" ('{a.subject}' = {last})"
            else:
                claimant = a.subject
            if claimant:
                last = claimant
        claimants.append(claimant)
    claims = [i for i, a in enumerate(analyses) if a.tag is Tag.CLAIM]
    tokens = _TokenCache(sentences, known)  # else filled as denials need them
    out: list[Suggestion] = []
    step_start, step_work = 0, 0
    for i, (a, claimant) in enumerate(zip(analyses, claimants, strict=True)):
        score, reasons = _score(
            model, sentences[i], a, claimant, given[i] if i < len(given) else None
        )
        link: tuple[int | None, float] = (None, 0.0)
        if a.tag is Tag.DENIAL:
            link = _link_denial(i, sentences, claims, tokens)
        out.append(
            Suggestion(
                tag=a.tag,
                confidence=round(a.confidence, 2),
                cue=a.cue,
                claimant=claimant,
                checkworthiness=score,
                reasons=reasons,
                denies_index=link[0],
                denies_score=link[1],
            )
        )
        if i + 1 - step_start >= chunk or tokens.work - step_work >= STEP_CHARS:
            step_start, step_work = i + 1, tokens.work
            yield (len(sentences) + i) // 2
    return out


def _batches(sentences: Sequence[str], count: int) -> Iterator[range]:
    """Consecutive index ranges of at most ``count`` sentences and about `STEP_CHARS`
    characters (a longer sentence is a range of its own)."""
    start = chars = 0
    for i, sentence in enumerate(sentences):
        chars += len(sentence)
        if i + 1 - start >= count or chars >= STEP_CHARS:
            yield range(start, i + 1)
            start, chars = i + 1, 0
    if start < len(sentences):
        yield range(start, len(sentences))


def _suggest_with_cues(
    sentences: Sequence[str], chunk: int, language: str
) -> Generator[int, None, list[Suggestion]]:
    """Suggestions from a language's denial and attribution words alone."""
    cues = cues_for(language)
    note = (
        cues.note
        if cues is not None
        else "Suggestions are English-only: for this article they point at figures alone."
    )
    analyses: list[Analysis] = []
    for start in range(0, len(sentences), chunk):
        analyses.extend(cue_analysis(s, cues) for s in sentences[start : start + chunk])
        yield len(analyses) // 2
    claims = [i for i, a in enumerate(analyses) if a.tag is Tag.CLAIM]
    tokens = _TokenCache(sentences)
    out: list[Suggestion] = []
    for i, a in enumerate(analyses):
        score, reasons = rules_checkworthiness(a, "")
        link: tuple[int | None, float] = (None, 0.0)
        if a.tag is Tag.DENIAL:
            link = _link_denial(i, sentences, claims, tokens)
        out.append(
            Suggestion(
                tag=a.tag,
                confidence=a.confidence,
                cue=a.cue,
                checkworthiness=score,
                reasons=reasons,
                denies_index=link[0],
                denies_score=link[1],
                note=note,
            )
        )
        if i % chunk == chunk - 1:
            yield (len(sentences) + i) // 2
    return out


def _checkworthiness_model() -> CheckworthinessModel | None:
    # Imported on first use, not with the window: the window reads the weights (and so
    # compiles the model's patterns) in a worker thread before its first suggestions.
    from factcheck_app.domain.checkworthiness import load_model

    return load_model()


def _score(
    model: CheckworthinessModel | None,
    text: str,
    a: Analysis,
    claimant: str,
    scored: Score | None = None,
) -> tuple[float, tuple[str, ...]]:
    """The model's calibrated probability and its strongest features (``scored`` when the
    model scored the sentence already), else the rules'."""
    if model is None:
        return rules_checkworthiness(a, claimant)
    scored = scored or model.score(text)
    return round(scored.probability, 3), scored.reasons
