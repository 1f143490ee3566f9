"""The assist's gates (issue 17): a pattern is not run when none of the words it cannot do
without is among the text's word runs. A gate may only skip a scan that would find
nothing, so for text that each pattern matches (drawn from the pattern itself), its gate
must let it run; and the assist's suggestions are the same with every gate open."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from re import _parser as re_parser  # type: ignore[attr-defined]
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck_app.domain.assist import attribution, lexicon, patterns, suggest_article
from factcheck_app.domain.assist.patterns import gate, word_runs

from .test_linear_time import (
    _OLD_AS_FALSE,
    _OLD_CALLING_FALSE,
    _OLD_INVERTED,
    _OLD_NO_COMMENT,
    _OLD_NO_TRUTH,
)

DATA = Path(__file__).resolve().parents[1] / "data"

# The plain forms of the patterns written from their first letters (the oracles of
# test_linear_time.py), which hypothesis can draw matching text from.
_PLAIN_NO_COMMENT = re.compile(_OLD_NO_COMMENT.pattern.split("|^")[0])
_PLAIN_PARTICIPLE = re.compile(rf"[,–—]\s+(?:{lexicon.PARTICIPLES})\b")
_CLAIM_IS_FALSE = patterns.CLAIM_IS_FALSE
_PLAIN_INVERTED_TITLE = re.compile(
    r"(?:[,”\"]|^)\s*(?:said|says|added|asked|wrote|told\s+\w+)\s+"
    r"((?:[a-z][\w’'-]*\s+){1,4})[A-Z][^,;.”\"]*"
)
# Every reporting and denial form without the look-aheads that gate some of them: it
# finds all that `ANY_VERB` finds, and more.
_PLAIN_VERBS = re.compile(
    r"\b(?:"
    + "|".join(
        [forms for forms, _ in lexicon.CLAIM_VERBS]
        + [lexicon.DENY_FORMS, lexicon.GATED_DENY_FORMS, lexicon.SOFT_DENY_FORMS]
    )
    + r")\b"
)


def _lower_gate(needed: frozenset[str]) -> Callable[[str], bool]:
    """The gate of a pattern that reads the lower-case text."""
    return lambda low: gate(word_runs(low), needed)


def _date_gate(body: str) -> bool:
    return patterns.date_gate(body, word_runs(body.lower()))


# (name, the pattern as run, a plain pattern to draw text from, whether it reads lower
# case, the gate on that text)
GATED: list[tuple[str, re.Pattern[str], re.Pattern[str], bool, Callable[[str], bool]]] = [
    (
        "number",
        patterns.NUMBER,
        patterns.NUMBER,
        True,
        lambda low: patterns.number_gate(low, word_runs(low)),
    ),
    ("date", patterns.DATE, patterns.DATE, False, _date_gate),
    (
        "superlative",
        patterns.SUPERLATIVE,
        patterns.SUPERLATIVE,
        True,
        _lower_gate(patterns.SUPERLATIVE_WORDS),
    ),
    (
        "comparative",
        patterns.COMPARATIVE,
        patterns.COMPARATIVE,
        True,
        _lower_gate(patterns.COMPARATIVE_WORDS),
    ),
    ("causal", patterns.CAUSAL, patterns.CAUSAL, True, _lower_gate(patterns.CAUSAL_WORDS)),
    ("event", patterns.EVENT, patterns.EVENT, True, _lower_gate(patterns.EVENT_WORDS)),
    ("hedge", patterns.HEDGE, patterns.HEDGE, True, _lower_gate(patterns.HEDGE_WORDS)),
    ("colour", patterns.COLOUR, patterns.COLOUR, True, _lower_gate(patterns.COLOUR_WORDS)),
    (
        "no comment",
        patterns.NO_COMMENT,
        _PLAIN_NO_COMMENT,
        True,
        _lower_gate(patterns.NO_COMMENT_WORDS),
    ),
    ("no truth", patterns.NO_TRUTH, _OLD_NO_TRUTH, True, _lower_gate(patterns.NO_TRUTH_WORDS)),
    (
        "claim is false",
        _CLAIM_IS_FALSE,
        _CLAIM_IS_FALSE,
        True,
        _lower_gate(patterns.FALSITY_WORDS),
    ),
    (
        "calling false",
        patterns.CALLING_FALSE,
        _OLD_CALLING_FALSE,
        True,
        _lower_gate(patterns.FALSITY_WORDS),
    ),
    ("as false", patterns.AS_FALSE, _OLD_AS_FALSE, True, _lower_gate(patterns.FALSITY_WORDS)),
    # These read the masked text as written; their gates, its lower case's runs.
    (
        "inverted",
        patterns.INVERTED,
        _OLD_INVERTED,
        False,
        lambda text: gate(word_runs(text.lower()), patterns.INVERTED_WORDS),
    ),
    (
        "inverted, after a job title",
        patterns.INVERTED_TITLE,
        _PLAIN_INVERTED_TITLE,
        False,
        lambda text: gate(word_runs(text.lower()), patterns.INVERTED_WORDS),
    ),
    (
        "participle",
        patterns.PARTICIPLE,
        _PLAIN_PARTICIPLE,
        False,
        lambda text: gate(word_runs(text.lower()), patterns.PARTICIPLE_WORDS),
    ),
    (
        "according to",
        patterns.ACCORDING,
        patterns.ACCORDING,
        False,
        lambda text: gate(word_runs(text.lower()), patterns.ACCORDING_WORDS),
    ),
    (
        "reporting or denial verb",
        patterns.ANY_VERB,
        _PLAIN_VERBS,
        False,
        lambda text: gate(word_runs(text.lower()), patterns.VERB_WORDS),
    ),
    (
        "and denied",
        patterns.AND_DENIAL,
        patterns.AND_DENIAL,
        False,
        lambda text: "and" in text,
    ),
]


@pytest.mark.parametrize(
    ("pattern", "plain", "lower", "opens"),
    [pytest.param(p, plain, lower, g, id=name) for name, p, plain, lower, g in GATED],
)
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_a_gate_opens_for_every_text_its_pattern_matches(
    pattern: re.Pattern[str],
    plain: re.Pattern[str],
    lower: bool,
    opens: Callable[[str], bool],
    data: st.DataObject,
) -> None:
    # Text around a match, from the plain pattern's alphabet and beyond (accents, İ).
    text = data.draw(st.from_regex(plain))
    if lower:
        text = text.lower()
    if pattern.search(text) is not None:
        assert opens(text), text


@pytest.mark.parametrize("name", ["assist_labelled.jsonl", "checkworthy_news.jsonl"])
def test_gates_skip_only_scans_that_find_nothing_on_the_labelled_sentences(name: str) -> None:
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        masked = attribution.mask_quotes(text)
        for _, pattern, _, lower, opens in GATED:
            seen = masked.lower() if lower else masked
            if pattern.search(seen) is not None:
                assert opens(seen), (pattern.pattern[:40], text)


def test_suggestions_are_the_same_with_every_gate_open(monkeypatch: pytest.MonkeyPatch) -> None:
    articles: dict[str, list[str]] = {}
    for name in ("assist_labelled.jsonl", "checkworthy_news.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            articles.setdefault(row["article"], []).append(row["text"])
    gated = {
        key: [suggest_article(s, use_model=m) for s in articles.values()]
        for key, m in (("model", True), ("rules", False))
    }
    for module in (patterns, attribution):
        monkeypatch.setattr(module, "gate", lambda words, needed: True)
    from factcheck_app.domain.assist import classification

    monkeypatch.setattr(classification, "gate", lambda words, needed: True)
    monkeypatch.setattr(classification, "date_gate", lambda body, words: True)
    monkeypatch.setattr(classification, "number_gate", lambda low, words: True)
    for key, m in (("model", True), ("rules", False)):
        assert [suggest_article(s, use_model=m) for s in articles.values()] == gated[key]


def _first_words(items: Any) -> set[str]:
    """The words a form's regex (parsed) can start with, up to a space class or a
    look-ahead: "add(?:s|ed)?" gives add, adds, added."""
    out = {""}
    for op, av in items:
        kind = str(op)
        if kind == "LITERAL":
            out = {o + chr(av) for o in out}
        elif kind == "IN" and all(str(o) == "LITERAL" for o, _ in av):
            out = {o + chr(c) for o in out for _, c in av}
        elif kind == "SUBPATTERN":
            out = {o + e for o in out for e in _first_words(av[3])}
        elif kind == "BRANCH":
            alternatives = set().union(*(_first_words(b) for b in av[1]))
            out = {o + e for o in out for e in alternatives}
        elif kind == "MAX_REPEAT" and av[:2] == (0, 1):
            out |= {o + e for o in out for e in _first_words(av[2])}
        else:  # a space class, a look-ahead: the first word has ended
            return {o + " " for o in out}
    return out


def test_the_verb_gate_holds_the_first_word_of_every_form() -> None:
    specs = [forms for forms, _ in lexicon.CLAIM_VERBS]
    specs += [lexicon.DENY_FORMS, lexicon.GATED_DENY_FORMS, lexicon.SOFT_DENY_FORMS]
    words = {
        word.split(" ")[0]
        for spec in specs
        for alternative in patterns.top_level(spec)
        for word in _first_words(re_parser.parse(alternative))
    }
    assert words == patterns.VERB_WORDS


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x24F), max_size=40) | st.text(max_size=40))
def test_word_runs_are_the_runs_of_word_characters(text: str) -> None:
    # (ASCII text is read with a plain class: the same runs.)
    assert word_runs(text) == frozenset(re.findall(r"\w+", text))
    assert word_runs(text.lower()) == frozenset(re.findall(r"\w+", text.lower()))
