"""One sentence on its own: its tag (claim, denial, fact or nothing to check), how sure
that is, the words that decided it, and what in it can be checked."""

from __future__ import annotations

from collections.abc import Container, Set
from dataclasses import dataclass

from factcheck_app.domain.assist.attribution import (
    Attribution,
    after_verb,
    deny_object_ok,
    find_attribution,
    leading_np,
    mask_quotes,
    strip_leading,
)
from factcheck_app.domain.assist.languages import LanguageCues
from factcheck_app.domain.assist.lexicon import DATE_WORDS, DETERMINERS, PRONOUNS
from factcheck_app.domain.assist.patterns import (
    AND_DENIAL,
    CALLING_FALSE,
    CAP_WORD,
    CAUSAL,
    CAUSAL_WORDS,
    CLAIM_IS_FALSE,
    COLOUR,
    COLOUR_WORDS,
    COMPARATIVE,
    COMPARATIVE_WORDS,
    DATE,
    DATELINE,
    DENY_VERB,
    EVENT,
    EVENT_WORDS,
    FALSITY_WORDS,
    FIGURE,
    NO_COMMENT,
    NO_COMMENT_WORDS,
    NO_TRUTH,
    NO_TRUTH_WORDS,
    NUMBER,
    SERVICE_LINE,
    STAT,
    SUPERLATIVE,
    SUPERLATIVE_WORDS,
    VAGUE_SUBJECT,
    date_gate,
    find_hedge,
    gate,
    number_gate,
    unmarked,
    word_runs,
)
from factcheck_app.domain.assist.weights import CONFIDENCE, FEATURE_WEIGHTS, PRONOUN_PENALTY
from factcheck_app.domain.models import Tag


@dataclass(slots=True)
class Analysis:
    """Internal per-sentence result before claimants are resolved across sentences."""

    tag: Tag | None
    confidence: float
    cue: str
    subject: str = ""
    pronoun: bool = False  # subject is a pronoun to resolve from the previous claimant
    embedded: bool = False  # pronoun inside the sentence ("which it said"): use leading NP
    leading: str = ""
    features: tuple[tuple[str, float], ...] = ()


def _denial_in_reported_words(low: str, words: Set[str], masked: str, attr: Attribution) -> str:
    """A cue if the attributed words call a claim false, else "". ``low``: the sentence in
    lower case, ``words``: its `word_runs`."""
    no_truth = gate(words, NO_TRUTH_WORDS)
    falsity = gate(words, FALSITY_WORDS)
    for rx, maybe in ((NO_TRUTH, no_truth), (CLAIM_IS_FALSE, falsity), (CALLING_FALSE, falsity)):
        m = rx.search(low) if maybe else None
        if m:
            return " ".join(m.group().split())
    # "... said ... and denied that ...": a denial verb coordinated with the reporting verb.
    after = masked[attr.end :]
    co = AND_DENIAL.search(after) if "and" in after else None
    if co:
        kind = "deny" if DENY_VERB.fullmatch(co.group(1)) else "gated"
        ok, obj = deny_object_ok(kind, after_verb(masked, attr.end + co.end()), attr.subject)
        if ok:
            return f"{co.group(1)} {obj}".strip()
    return ""


def _checkable_features(
    body: str, low: str, words: Set[str], proper: Container[str]
) -> list[tuple[str, float]]:
    """Features that make a statement checkable, each with its check-worthiness weight.
    ``low``: ``body`` in lower case (the lexical cue patterns read it: faster than
    IGNORECASE), ``words``: its `word_runs` (a pattern none of whose words is there is not
    run)."""
    feats: list[tuple[str, float]] = []
    m = STAT.search(body) or (NUMBER.search(low) if number_gate(low, words) else None)
    if m:
        kind = "statistic" if m.re is STAT else "quantity"
        feats.append((f"{kind}: {m.group().strip()}", FEATURE_WEIGHTS[kind]))
    for label, pattern, text, maybe in (
        ("date", DATE, body, date_gate(body, words)),
        ("superlative", SUPERLATIVE, low, gate(words, SUPERLATIVE_WORDS)),
        ("comparison/trend", COMPARATIVE, low, gate(words, COMPARATIVE_WORDS)),
        ("causal", CAUSAL, low, gate(words, CAUSAL_WORDS)),
        ("event", EVENT, low, gate(words, EVENT_WORDS)),
    ):
        found = pattern.search(text) if maybe else None
        if found:
            feats.append((f"{label}: {found.group()}", FEATURE_WEIGHTS[label]))
    # The first name: a capitalised word that does not open the sentence or a quotation
    # (unless it is a name seen elsewhere in the article), nor a date word or determiner.
    for w in CAP_WORD.finditer(body):
        name = w.group()
        opens = w.start() == 0 or char_before(body, w.start()) in '“"‘(:'
        if (opens and name not in proper) or name in DATE_WORDS or name.lower() in DETERMINERS:
            continue
        feats.append((f"named entity: {name}", FEATURE_WEIGHTS["named entity"]))
        break
    return feats


def analyse(text: str, proper: Container[str], scored: bool = True) -> Analysis:
    """Tag, cue and subject for one sentence, without context.

    ``scored`` False: the rules' check-worthiness is not wanted (the model gives it), so
    an attributed sentence skips the checkable features, which only that score reads."""
    text = unmarked(text)
    masked = mask_quotes(text)
    # (The dateline holds no quotation mark, so the masked text has the same one.)
    dateline = DATELINE.match(text)
    body_start = strip_leading(masked, dateline.end() if dateline else 0)
    low = text.lower()
    words = word_runs(low)
    low_masked, masked_words = (low, words) if masked is text else _with_runs(masked.lower())
    attr = find_attribution(masked, body_start, masked_words)
    body, low_body, body_words = (
        (text[dateline.end() :], *_with_runs(text[dateline.end() :].lower()))
        if dateline
        else (text, low, words)
    )
    if attr is not None:
        feats = _checkable_features(body, low_body, body_words, proper) if scored else []
        pronoun = attr.subject.lower() in PRONOUNS
        leading = leading_np(masked, body_start) if attr.embedded else ""
        result = Analysis(
            Tag.CLAIM,
            CONFIDENCE["reported speech"],
            "",
            attr.subject,
            pronoun,
            attr.embedded,
            leading,
            tuple(feats),
        )
        if attr.kind in ("deny", "gated", "soft"):
            _, obj = deny_object_ok(attr.kind, after_verb(masked, attr.end), attr.subject)
            soft = attr.kind == "soft"
            result.tag = Tag.DENIAL
            result.confidence = CONFIDENCE["soft denial verb" if soft else "denial verb"]
            result.cue = f"denial cue: {attr.verb} {obj}".strip()
            return result
        denial = _denial_in_reported_words(low, words, masked, attr)
        if denial:
            result.tag, result.cue = Tag.DENIAL, f"denial cue: {denial}"
            result.confidence = CONFIDENCE["denial in reported words"]
            return result
        if attr.kind == "according":
            cue, conf = f"attribution: according to {attr.subject}", CONFIDENCE["according to"]
        elif "QQ" in masked[: attr.start]:
            cue, conf = f"quote with attribution: {attr.verb}", CONFIDENCE["quote with attribution"]
        else:
            cue, conf = f"reported speech: {attr.verb}", CONFIDENCE["reported speech"]
        result.cue, result.confidence = cue, conf - (PRONOUN_PENALTY if pronoun else 0.0)
        return result
    m = (SERVICE_LINE.match(low) if ":" in low else None) or (
        NO_COMMENT.search(low) if gate(words, NO_COMMENT_WORDS) else None
    )
    if m:  # (before the checkable features: such a line does not keep them)
        return Analysis(
            None, CONFIDENCE["no-comment line"], f"no-comment line: {m.group().strip()}"
        )
    feats = _checkable_features(body, low_body, body_words, proper)
    hedge = find_hedge(low_masked, masked_words)
    strong = [f for f in feats if not f[0].startswith(("named entity", "date", "event"))]
    if hedge and not strong:
        cue = f"hedge/colour: {hedge.group().strip()}"
        return Analysis(None, CONFIDENCE["hedge"], cue, features=tuple(feats))
    colour = COLOUR.search(low_masked) if gate(masked_words, COLOUR_WORDS) else None
    if colour and not feats:
        return Analysis(None, CONFIDENCE["colour"], f"colour: {colour.group()}")
    if VAGUE_SUBJECT.match(masked[body_start:]) and not strong:
        cue = "vague subject, nothing checkable"
        return Analysis(None, CONFIDENCE["vague subject"], cue, features=tuple(feats))
    if feats:
        conf = min(
            CONFIDENCE["fact, at most"],
            CONFIDENCE["fact"]
            + CONFIDENCE["fact, per feature"] * len(feats)
            + (CONFIDENCE["fact, strong feature"] if strong else 0.0),
        )
        return Analysis(Tag.FACT, conf, "; ".join(f[0] for f in feats[:2]), features=tuple(feats))
    cue = "nothing checkable (no number, date, name or source)"
    return Analysis(None, CONFIDENCE["nothing checkable"], cue)


def _with_runs(low: str) -> tuple[str, frozenset[str]]:
    """``low`` and its `word_runs`."""
    return low, word_runs(low)


def char_before(text: str, index: int) -> str:
    """The last non-space character before ``index``, or "": ``text[:index].rstrip()[-1:]``
    without copying everything before each of a sentence's capitalised words."""
    end = index
    while end > 0:
        start = max(0, end - 32)
        piece = text[start:end].rstrip()
        if piece:
            return piece[-1]
        end = start
    return ""


def cue_analysis(text: str, cues: LanguageCues | None) -> Analysis:
    text = unmarked(text)
    if cues is not None:
        found = cues.denial.search(text)
        if found:
            return Analysis(Tag.DENIAL, CONFIDENCE["cue word"], f"denial cue: {found.group()}")
        found = cues.attribution.search(text)
        if found:
            return Analysis(Tag.CLAIM, CONFIDENCE["cue word"], f"attribution: {found.group()}")
    figure = FIGURE.search(text)
    if figure:
        statistic = figure.group().rstrip().endswith(("%", "\u066a"))
        kind = "statistic" if statistic else "quantity"
        cue = f"{kind}: {figure.group().strip()}"
        return Analysis(
            Tag.FACT, CONFIDENCE["figure"], cue, features=((cue, FEATURE_WEIGHTS[kind]),)
        )
    cue = "nothing checkable found (no figure, no attribution)"
    return Analysis(None, CONFIDENCE["nothing found"], cue)
