"""A whole article: claimants carried from sentence to sentence, denials linked to the
claims they answer, and each sentence's check-worthiness (the learned model's, else the
rules')."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import TYPE_CHECKING

from factcheck_app.domain.assist.classification import (
    Analysis,
    analyse,
    char_before,
    cue_analysis,
)
from factcheck_app.domain.assist.languages import cues_for
from factcheck_app.domain.assist.lexicon import LINK_STOP
from factcheck_app.domain.assist.patterns import ANAPHORIC_OBJECT, CAP_WORD, unmarked
from factcheck_app.domain.assist.suggestion import JUDGED_CHARS, STEP_CHARS, Suggestion
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


def proper_nouns(sentences: Sequence[str]) -> frozenset[str]:
    """The capitalised words an article uses other than to start a sentence."""
    names: set[str] = set()
    collect_proper_nouns([s[:JUDGED_CHARS] for s in sentences], names)
    return frozenset(names)


def collect_proper_nouns(sentences: Sequence[str], seen: set[str]) -> None:
    for s in map(unmarked, sentences):
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

    def __init__(self, sentences: Sequence[str]) -> None:
        self._sentences = sentences
        self._cache: dict[int, set[str]] = {}
        self.work = 0

    def add(self, known: dict[int, set[str]]) -> None:
        """Words read already (by another process)."""
        self._cache.update(known)

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


# A denial answers a claim made shortly before it, not one a whole long document earlier;
# the bound also keeps a claim-poor article linear.
_LINK_LOOKBACK = 400
# How many of the claims before a denial it may answer.
_LINK_CLAIMS = 25
# A claim that shares no word with the denial is linked on recency alone, and only when
# it is at most this many sentences before it: further back, nothing ties the two, and a
# wrong link that A records is worse than none (docs/assist.md, "Denial → claim link").
_RECENCY_ONLY_GAP = 3
# A wire story may put the denial first ("X rejected suggestions the subsidy was cut")
# and the claim a few sentences later: when no claim before shares a word with the
# denial, a claim in the next `_LINK_AHEAD` sentences that shares `_AHEAD_SHARED` of its
# words is the one it answers.
_LINK_AHEAD = 3
_AHEAD_SHARED = 2


def _link_denial(
    i: int,
    sentences: Sequence[str],
    claims: Sequence[int],
    tokens: _TokenCache,
    later: Callable[[int], Sequence[int]],
) -> tuple[int | None, float]:
    """The claim a denial most likely answers: word overlap plus recency; None when
    nothing ties it to one.

    ``claims``: the indices of the sentences suggested as claims before ``i``, in order
    (later ones are ignored). The last 25 of them before ``i`` and at most
    `_LINK_LOOKBACK` sentences back are compared. ``later(i)``: the claims among the
    `_LINK_AHEAD` sentences after ``i``, asked for only when none of those before shares
    a word with a denial that does not point back."""
    anaphoric = ANAPHORIC_OBJECT.search(sentences[i].lower()) is not None
    by_overlap, by_recency = LINK_WEIGHTS["points back" if anaphoric else "plain"]
    mine = tokens[i]
    best: tuple[float, int | None] = (0.0, None)
    best_shares = any_shares = False
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
        # their words are never read). A plain denial whose best shares no word reads on:
        # whether any claim before shares one decides whether it looks ahead.
        if (best_shares or anaphoric) and most_overlap + by_recency * recency <= best[0]:
            break
        overlap = 0.0
        if mine:  # a claim's words are read only when the denial has words to compare
            theirs = tokens[j]
            overlap = len(mine & theirs) / max(1, min(len(mine), len(theirs)))
            any_shares = any_shares or overlap > 0.0
        score = by_overlap * overlap + by_recency * recency
        if score > best[0]:
            best, best_shares = (score, j), overlap > 0.0
    if mine and not anaphoric and not any_shares:  # "the allegations" points back only
        for j in later(i):
            theirs = tokens[j]
            common = len(mine & theirs)
            if common >= _AHEAD_SHARED:
                overlap = common / max(1, min(len(mine), len(theirs)))
                return j, round(min(1.0, by_overlap * overlap), 3)
    found = best[1]
    if found is not None and not best_shares and i - found > _RECENCY_ONLY_GAP:
        return None, 0.0
    return found, round(min(1.0, best[0]), 3)


class _Across:
    """What runs from sentence to sentence, in reading order: the latest claimant (which a
    pronoun subject takes), the claims so far (which a denial may answer) and their words.

    Sentences that are not the article's first (``first`` > 0, another process reading
    those before them) start knowing none of that: the suggestions that depend on it (a
    pronoun subject before any named one, a denial that may answer a claim read
    elsewhere) are made all the same, wrong maybe, and counted in ``unsettled``.

    A denial may also answer a claim a few sentences after it: `known` gives the
    analyses read already, and those of the next few sentences not read yet (the part
    another process reads) are read here, the same way, when a denial asks for them."""

    def __init__(
        self,
        sentences: Sequence[str],
        model: CheckworthinessModel | None,
        proper: frozenset[str],
        first: int = 0,
    ) -> None:
        self.sentences = sentences
        self.model = model
        self.proper = proper
        self.first = first  # the article's index of sentences[0]
        self.tokens = _TokenCache(sentences)
        self._known: Sequence[Analysis] = ()  # the analyses of sentences from `_known_from`
        self._known_from = 0
        self._read_ahead: dict[int, Analysis] = {}
        self.claims: list[int] = []
        self.last = ""  # the latest claimant
        self.last_known = first == 0
        # How many of the first suggestions depend on sentences before these.
        self.unsettled = 0

    def known(self, start: int, analyses: Sequence[Analysis]) -> None:
        """The analyses of the sentences from ``start`` on, read already."""
        self._known, self._known_from = analyses, start

    def _claims_after(self, i: int) -> list[int]:
        """The sentences suggested as claims among the `_LINK_AHEAD` after ``i``."""
        found = []
        for j in range(i + 1, min(len(self.sentences), i + 1 + _LINK_AHEAD)):
            at = j - self._known_from
            if 0 <= at < len(self._known):
                a = self._known[at]
            else:  # beyond what this process read (another reads it): read it here
                if j not in self._read_ahead:
                    self._read_ahead[j] = analyse(
                        self.sentences[j], self.proper, self.model is None
                    )
                a = self._read_ahead[j]
            if a.tag is Tag.CLAIM:
                found.append(j)
        return found

    def suggest(self, i: int, a: Analysis, scored: Score | None = None) -> Suggestion:
        """Sentence ``i``'s suggestion (``scored``: the model's score when read already);
        the sentences before it were given to `suggest` in order."""
        claimant, cue = "", a.cue
        unsettled = False
        if a.tag is Tag.CLAIM or a.tag is Tag.DENIAL:
            if a.embedded and a.leading:
                claimant = a.leading
            elif a.pronoun:
                claimant = self.last
                unsettled = not self.last_known
                if claimant:
                    cue += f" ('{a.subject}' = {claimant})"
            else:
                claimant = a.subject
            if claimant:  # (never one read elsewhere: that one is "")
                self.last, self.last_known = claimant, True
        score, reasons = _score(self.model, self.sentences[i], a, claimant, scored)
        link: tuple[int | None, float] = (None, 0.0)
        if a.tag is Tag.DENIAL:
            link = _link_denial(i, self.sentences, self.claims, self.tokens, self._claims_after)
            # Unless it has claims enough of its own to look at, or the sentences read
            # elsewhere are too far back, the claim it answers may be one of them.
            unsettled = unsettled or (
                self.first > 0 and len(self.claims) < _LINK_CLAIMS and i < _LINK_LOOKBACK
            )
        elif a.tag is Tag.CLAIM:
            self.claims.append(i)
        if unsettled:
            self.unsettled = i + 1
        return Suggestion(
            tag=a.tag,
            confidence=round(a.confidence, 2),
            cue=cue,
            claimant=claimant,
            checkworthiness=score,
            reasons=reasons,
            denies_index=None if link[0] is None else self.first + link[0],
            denies_score=link[1],
        )


def suggest_article(
    sentences: Sequence[str], language: str = "en", *, use_model: bool = True
) -> list[Suggestion]:
    """Suggestions for every sentence of one article, in order (linear time).

    Pronoun subjects ("It accused ...", "..., he said.") take the claimant of the latest
    claim or denial before them; a denial gets the claim it most likely answers (before
    it, or a few sentences after), or none when nothing ties it to one.
    ``language`` (ISO 639-1; "" = English) other than English uses only that language's
    few denial and attribution words (``languages.py``) and says so in each ``note``.
    Check-worthiness of English text is the learned model's probability
    (``checkworthiness.py``); with ``use_model`` False, or without its weights file, the
    rules' own score. (`ArticleInParts` reads an article on two cores.)
    """
    steps = suggest_article_steps(sentences, language=language, use_model=use_model)
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            result: list[Suggestion] = finished.value
            return result


def suggest_article_steps(
    sentences: Sequence[str], chunk: int = 100, language: str = "en", *, use_model: bool = True
) -> Generator[int, None, list[Suggestion]]:
    """`suggest_article` in small steps: yields the sentences done so far after each chunk
    and returns the suggestions, so a caller can interleave the work with other work (a
    window's events) instead of holding the interpreter for a whole article.

    The model's weights are read on first use: the window loads them in a worker thread
    (``checkworthiness.load_model``) before it starts."""
    # Hostile text can make one "sentence" of a whole paragraph without full stops, or
    # of a whole file: each is judged by its start, and each step takes a bounded amount
    # of text, so no step holds the interpreter for long.
    sentences = [s[:JUDGED_CHARS] for s in sentences]
    if language not in ("", "en"):
        # The model learned from English only: other languages keep their cue words.
        return (yield from _suggest_with_cues(sentences, chunk, language))
    model = _checkworthiness_model() if use_model else None
    names: set[str] = set()
    for batch in _batches(sentences, chunk * 4):
        collect_proper_nouns(sentences[batch.start : batch.stop], names)
        yield 0
    proper = frozenset(names)
    analyses: list[Analysis] = []
    for batch in _batches(sentences, chunk):
        analyses.extend(
            analyse(s, proper, model is None) for s in sentences[batch.start : batch.stop]
        )
        yield len(analyses) // 2
    across = _Across(sentences, model, proper)
    across.known(0, analyses)
    out: list[Suggestion] = []
    step_start, step_work = 0, 0
    for i, a in enumerate(analyses):
        out.append(across.suggest(i, a))
        if i + 1 - step_start >= chunk or across.tokens.work - step_work >= STEP_CHARS:
            step_start, step_work = i + 1, across.tokens.work
            yield (len(sentences) + i) // 2
    return out


class ArticleInParts:
    """`suggest_article` for an English article read in consecutive parts, in order, on
    two cores: this process reads some parts itself (`read`), another process reads the
    last part (`suggest_later_part`), and what runs across the sentences, claimants
    carried and denials linked, joins them (`given`). The suggestions are the same."""

    def __init__(self, sentences: Sequence[str], proper: frozenset[str]) -> None:
        """``proper``: the article's `proper_nouns`."""
        self._sentences = [s[:JUDGED_CHARS] for s in sentences]
        self._proper = proper
        self._model = _checkworthiness_model()
        self._across = _Across(self._sentences, self._model, proper)
        self.done = 0  # how many of the first sentences have their suggestions

    def read(self, stop: int) -> list[Suggestion]:
        """The suggestions for the next sentences up to ``stop``, read here."""
        return self._suggest(_read(self._sentences[self.done : stop], self._proper, self._model))

    def given(self, read: Readings) -> list[Suggestion]:
        """The suggestions for the next sentences, from what another process read of
        them: what `suggest_later_part` could not settle there."""
        self._across.tokens.add({self.done + i: found for i, found in read[2].items()})
        return self._suggest(read[:2])

    def _suggest(self, read: tuple[list[Analysis], list[Score] | None]) -> list[Suggestion]:
        analyses, scores = read
        start, suggest = self.done, self._across.suggest
        self._across.known(start, analyses)
        self.done += len(analyses)
        if scores is None:
            return [suggest(start + i, a) for i, a in enumerate(analyses)]
        pairs = zip(analyses, scores, strict=True)
        return [suggest(start + i, a, s) for i, (a, s) in enumerate(pairs)]


def _read(
    sentences: Sequence[str], proper: frozenset[str], model: CheckworthinessModel | None
) -> tuple[list[Analysis], list[Score] | None]:
    # All the rules' analyses, then all the model's scores: one after the other, each
    # keeps its code and tables in the processor's caches (reading a sentence both ways
    # in turn took 15 % longer).
    analyses = [analyse(s, proper, model is None) for s in sentences]
    return analyses, [model.score(s) for s in sentences] if model is not None else None


def suggest_later_part(
    sentences: Sequence[str], start: int, proper: frozenset[str]
) -> tuple[Readings, list[Suggestion]]:
    """What another process does for an English article's sentences from ``start`` on,
    while this one reads those before (`ArticleInParts`): their suggestions, as
    `suggest_article` makes them, and the readings of the first few whose suggestions
    depend on the sentences before ``start`` (a pronoun subject's claimant before any
    named one, a denial that may answer a claim made there). Returns those readings,
    for `ArticleInParts.given`, and the suggestions of the sentences after them."""
    model = _checkworthiness_model()
    texts = [s[:JUDGED_CHARS] for s in sentences[start:]]
    analyses, scores = _read(texts, proper, model)
    across = _Across(texts, model, proper, start)
    across.known(0, analyses)
    out = [
        across.suggest(i, a, scores[i] if scores is not None else None)
        for i, a in enumerate(analyses)
    ]
    first = across.unsettled
    words = {
        i: across.tokens[i]
        for i, a in enumerate(analyses[:first])
        if a.tag is Tag.CLAIM or a.tag is Tag.DENIAL
    }
    return (analyses[:first], scores[:first] if scores is not None else None, words), out[first:]


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
    note = language_note(language)
    analyses: list[Analysis] = []
    for start in range(0, len(sentences), chunk):
        analyses.extend(cue_analysis(s, cues) for s in sentences[start : start + chunk])
        yield len(analyses) // 2
    claims = [i for i, a in enumerate(analyses) if a.tag is Tag.CLAIM]
    tokens = _TokenCache(sentences)

    def claims_after(i: int) -> list[int]:
        at = bisect_right(claims, i)
        return [j for j in claims[at : at + _LINK_AHEAD] if j <= i + _LINK_AHEAD]

    out: list[Suggestion] = []
    for i, a in enumerate(analyses):
        score, reasons = rules_checkworthiness(a, "")
        link: tuple[int | None, float] = (None, 0.0)
        if a.tag is Tag.DENIAL:
            link = _link_denial(i, sentences, claims, tokens, claims_after)
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


def language_note(language: str) -> str:
    """What the suggestions for an article in ``language`` cannot know, said plainly
    (every `Suggestion.note` of such an article); "" for English."""
    if language in ("", "en"):
        return ""
    cues = cues_for(language)
    if cues is None:
        return "Suggestions are English-only: for this article they point at figures alone."
    return cues.note


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
