"""One sentence on its own: its tag (claim, denial, fact or nothing to check), how sure
that is, the words that decided it, and what in it can be checked."""

from __future__ import annotations

import re
from collections.abc import Container
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
from factcheck_app.domain.assist.lexicon import (
    DATE_WORDS,
    DENY_FORMS,
    DETERMINERS,
    GATED_DENY_FORMS,
    PRONOUNS,
)
from factcheck_app.domain.assist.patterns import (
    CALLING_FALSE,
    CAP_WORD,
    CAUSAL,
    CLAIM_IS_FALSE,
    COLOUR,
    COMPARATIVE,
    DATE,
    DATELINE,
    DENY_VERB,
    EVENT,
    FIGURE,
    NO_COMMENT,
    NO_TRUTH,
    NUMBER,
    SERVICE_LINE,
    STAT,
    SUPERLATIVE,
    VAGUE_SUBJECT,
    find_hedge,
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


def _denial_in_reported_words(text: str, masked: str, attr: Attribution) -> str:
    """A cue if the attributed words call a claim false, else ""."""
    low = text.lower()
    for rx in (NO_TRUTH, CLAIM_IS_FALSE, CALLING_FALSE):
        m = rx.search(low)
        if m:
            return " ".join(m.group().split())
    # "... said ... and denied that ...": a denial verb coordinated with the reporting verb.
    co = re.search(
        rf"\band\s+(?:has\s+|had\s+|also\s+)?((?:{DENY_FORMS})|(?:{GATED_DENY_FORMS}))\b",
        masked[attr.end :],
    )
    if co:
        kind = "deny" if DENY_VERB.fullmatch(co.group(1)) else "gated"
        ok, obj = deny_object_ok(kind, after_verb(masked, attr.end + co.end()), attr.subject)
        if ok:
            return f"{co.group(1)} {obj}".strip()
    return ""


def _checkable_features(text: str, body: str, proper: Container[str]) -> list[tuple[str, float]]:
    """Features that make a statement checkable, each with its check-worthiness weight."""
    feats: list[tuple[str, float]] = []
    low = body.lower()  # the lexical cue patterns are lower-case: faster than IGNORECASE
    m = STAT.search(body) or NUMBER.search(low)
    if m:
        kind = "statistic" if m.re is STAT else "quantity"
        feats.append((f"{kind}: {m.group().strip()}", FEATURE_WEIGHTS[kind]))
    for label, pattern, text in (
        ("date", DATE, body),
        ("superlative", SUPERLATIVE, low),
        ("comparison/trend", COMPARATIVE, low),
        ("causal", CAUSAL, low),
        ("event", EVENT, low),
    ):
        found = pattern.search(text)
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
    masked = mask_quotes(text)
    body_start = strip_leading(masked)
    attr = find_attribution(masked, body_start)
    dateline = DATELINE.match(text)
    body = text[dateline.end() :] if dateline else text
    if attr is not None:
        feats = _checkable_features(text, body, proper) if scored else []
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
        denial = _denial_in_reported_words(text, masked, attr)
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
    low = text.lower()
    m = SERVICE_LINE.match(low) or NO_COMMENT.search(low)
    if m:  # (before the checkable features: such a line does not keep them)
        return Analysis(
            None, CONFIDENCE["no-comment line"], f"no-comment line: {m.group().strip()}"
        )
    feats = _checkable_features(text, body, proper)
    low_masked = masked.lower()
    hedge = find_hedge(low_masked)
    strong = [f for f in feats if not f[0].startswith(("named entity", "date", "event"))]
    if hedge and not strong:
        cue = f"hedge/colour: {hedge.group().strip()}"
        return Analysis(None, CONFIDENCE["hedge"], cue, features=tuple(feats))
    colour = COLOUR.search(low_masked)
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
