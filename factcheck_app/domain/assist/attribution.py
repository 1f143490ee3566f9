"""Who says a sentence: a reporting or denial verb with a speaker before it, an inverted
one ('..." said Peter Bach'), a participle ("..., insisting that") or "according to X"."""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from typing import Literal, cast

from factcheck_app.domain.assist.lexicon import (
    ADVERBIAL_STARTS,
    CIRCUMSTANCE_STARTS,
    CONJUNCTIONS,
    DENIED_THING,
    DETERMINERS,
    JOB_TITLES,
    MORE_PREPOSITIONS,
    NOT_IN_SUBJECT,
    PLACE_PREPOSITIONS,
    PREPOSITIONS,
    PRONOUNS,
    RULING_SUBJECTS,
    SPEAKER_NOUNS,
    SUBJECT_ED_OK,
    SUBJECT_ING_OK,
    SUBJECT_TRAILERS,
)
from factcheck_app.domain.assist.patterns import (
    ACCORDING,
    ACCORDING_WORDS,
    ANY_VERB,
    AS_FALSE,
    CLAIM_NOUN,
    DATELINE,
    GOOD_STOP,
    INVERTED,
    INVERTED_TITLE,
    INVERTED_WORDS,
    PARTICIPLE,
    PARTICIPLE_WORDS,
    QUOTE,
    TRAILING_REST,
    UP_TO_STOP,
    VERB_WORDS,
    gate,
    verb_kind,
)

# What kind of words attribute a sentence: a reporting verb ("claim"), "deny", a denial
# verb that needs a claim as its object ("gated": "rejected the allegations"), a soft one
# ("disagreed"), or "according to".
AttributionKind = Literal["claim", "deny", "gated", "soft", "according"]


@dataclass(slots=True)
class Attribution:
    """Who says it and with which words."""

    kind: AttributionKind
    verb: str
    start: int  # offset of the verb in the (masked) body
    end: int
    subject: str  # as written; may be a pronoun
    embedded: bool = False


def mask_quotes(text: str) -> str:
    """Replace quoted words by ``Q`` (same length) so cues inside quotes do not count."""
    if '"' not in text and "“" not in text:  # no quote can start: most sentences
        return text
    return QUOTE.sub(_masked, text)


def _masked(m: re.Match[str]) -> str:
    s = m.group()
    return s[0] + "Q" * max(0, len(s) - 2) + (s[-1] if len(s) > 1 else "")


def strip_leading(body: str, after_dateline: int | None = None) -> int:
    """Offset after a dateline, leading conjunction and adverbial segments ("Earlier, ").
    ``after_dateline``: where the dateline ends (0 without one), when known."""
    pos = after_dateline
    if pos is None:
        m = DATELINE.match(body)
        pos = m.end() if m else 0
    for _ in range(3):
        rest = body[pos:]
        parts = rest.split(None, 1)  # empty when the rest is all white space
        first = parts[0].lower().strip(",") if parts else ""
        if first in ADVERBIAL_STARTS:
            comma = rest.find(",")
            if comma > 0 and len(rest[:comma].split()) <= 8:
                seg = rest[:comma]
                if '"' in seg or "“" in seg:
                    break
                pos += comma + 1
                pos += len(body[pos:]) - len(body[pos:].lstrip())
                continue
        if first in CONJUNCTIONS and len(parts) == 2:
            pos += len(rest) - len(parts[1])
            continue
        break
    return pos


# Punctuation around a word, left out when reading it.
_EDGES = ",;:()[]“”\"'’‘—–"
# Words a subject cannot end with; words a short plain noun phrase cannot have.
_LAST_WORD_NOT = DETERMINERS | PREPOSITIONS
_NOT_IN_PLAIN_NP = NOT_IN_SUBJECT | PRONOUNS


def _clean_token(tok: str) -> str:
    return tok.strip(_EDGES)


def _valid_np(phrase: str) -> str:
    """The speaker noun phrase in ``phrase`` (trailing adverbs dropped), or "" if none."""
    toks = [t for t in phrase.split() if t.strip(_EDGES)]
    while toks and _clean_token(toks[-1]).lower() in SUBJECT_TRAILERS:
        toks.pop()
    while toks and _clean_token(toks[0]).lower() in CONJUNCTIONS:
        toks.pop(0)
    if not toks or len(toks) > 9:
        return ""
    speaker = False
    for i, raw in enumerate(toks):
        tok = _clean_token(raw)
        low = tok.lower()
        if not tok or "Q" * 3 in tok:
            return ""
        if low in NOT_IN_SUBJECT and not (tok.isupper() and len(tok) > 1):  # "WHO", "IT"
            return ""
        if tok[0].islower():
            if low.endswith("ed") and low not in SUBJECT_ED_OK and low not in SPEAKER_NOUNS:
                return ""
            if low.endswith("ing") and low not in SUBJECT_ING_OK:
                return ""
        base = low.removesuffix("’s").removesuffix("'s")
        named = tok[0].isupper() and (low not in DETERMINERS or i > 0) and low not in PRONOUNS
        speaker = speaker or base in SPEAKER_NOUNS or named
    if _clean_token(toks[-1]).lower() in _LAST_WORD_NOT:
        return ""
    if len(toks) == 1 and _clean_token(toks[0]).lower() in PRONOUNS:
        return _clean_token(toks[0])
    if not speaker:
        return ""
    return " ".join(toks).strip(",;: ")


def _before_circumstance(phrase: str) -> str:
    """An inverted quote's speaker without the when and how of the saying after it
    ("Ortiz on Friday": "Ortiz"; "Mayor Helen Ortiz after the vote": "Mayor Helen
    Ortiz"), which A recorded as the claimant. A place stays ("the Foreign Ministry in
    Ankara"), and so does an office's "of" ("Secretary of State Antony Blinken")."""
    toks = phrase.split()
    for i in range(1, len(toks)):
        word, before = _clean_token(toks[i]), _clean_token(toks[i - 1])
        if word not in CIRCUMSTANCE_STARTS or not before:  # written lower case only
            continue
        if not (before[0].isupper() or before.lower() in SPEAKER_NOUNS):
            continue
        following = _clean_token(toks[i + 1]) if i + 1 < len(toks) else ""
        if word in PLACE_PREPOSITIONS and following[:1].isupper():
            continue
        return " ".join(toks[:i])
    return phrase


def _is_name(segment: str) -> bool:
    """Whether every word of ``segment`` is capitalised ("Jon Ossoff", "Sen. David Perdue")."""
    toks = segment.split()
    return bool(toks) and all(t[0].isupper() for t in toks)


# What ends the words before a verb that may be its subject.
_DELIMITERS = (",", ";", ":", "—", "–", "”", '"', "(", ")")


def _subject_before(
    masked: str, body_start: int, verb_start: int, verb_end: int | None = None
) -> tuple[str, bool]:
    """Speaker NP before a verb: the sentence subject (with appositives) or the NP of a
    trailing clause ('..., regional governor Oleh Kiper said'). Returns (NP, embedded).
    ``verb_end``: where the verb ends, when a short plain NP may do as its subject if
    little follows it (`TRAILING_REST`: "..., one rescuer said on Friday.")."""
    span = masked[body_start:verb_start]
    segments = [s.strip() for s in span.split(",")]
    tail = segments[-1]
    # Whole-sentence subject with appositives: "Hale's lawyer, Amy Carter, said",
    # "Ankara, Baku's main backer ..., has accused". Only when nothing but auxiliaries and
    # adverbs sits between the last comma and the verb; otherwise it is a trailing clause.
    if 2 <= len(segments) <= 4 and SUBJECT_TRAILERS.issuperset(tail.lower().split()):
        head = _valid_np(segments[0])
        others = [s for s in segments[1:-1] if s]
        if others and all(_appositive(s) for s in others):
            name = _valid_np(others[0]) if _is_name(others[0]) else ""
            if name and not _is_name(head):
                return name, False  # "His opponent, Jon Ossoff, accused"
            if head:
                return head, False
    # Local subject: from the last delimiter before the verb.
    cut = max(map(span.rfind, _DELIMITERS))
    local = span[cut + 1 :].strip()
    embedded = False
    for lead in ("which ", "who ", "that "):
        if local.startswith(lead) or local.startswith(lead.capitalize()):  # not "WHO"
            local = local[len(lead) :]
            embedded = True
    np = _valid_np(local)
    # (What follows the verb is read last: only this fallback needs it.)
    if (
        not np
        and cut >= 0
        and verb_end is not None
        and TRAILING_REST.fullmatch(masked, verb_end) is not None
    ):
        np = _lenient_np(local)
    return np, embedded and np.lower() in PRONOUNS


def _lenient_np(phrase: str) -> str:
    """A short plain noun phrase ("one rescuer") accepted before a sentence-final "said"."""
    words = [_clean_token(w) for w in phrase.split()]
    if not 1 <= len(words) <= 4 or not all(w.isalpha() for w in words):
        return ""
    if any(w.lower() in _NOT_IN_PLAIN_NP for w in words):
        return ""
    if words[-1].lower() in _LAST_WORD_NOT or words[-1].endswith(("ed", "ing")):
        return ""
    return " ".join(words)


def _appositive(segment: str) -> bool:
    """Whether a comma segment after a subject is an appositive or a relative clause."""
    words = segment.split()
    if not words or len(words) > 12:
        return False
    first = words[0].lower()
    return (
        first in ("a", "an", "the", "which", "who", "whose", "however", "too")
        or (words[0][0].isupper() and first not in PRONOUNS)
        or first.endswith(("’s", "'s"))
        or words[0][0].isdigit()
    )


def leading_np(masked: str, body_start: int) -> str:
    """The sentence's opening noun phrase, up to its first verb-like word."""
    out: list[str] = []
    for raw in masked[body_start:].split()[:10]:
        tok = _clean_token(raw)
        low = tok.lower().removesuffix("’s").removesuffix("'s")
        if (
            not tok
            or low in NOT_IN_SUBJECT
            or low in SUBJECT_TRAILERS
            or (
                tok[0].islower()
                and low.endswith(("ed", "s"))
                and low not in SPEAKER_NOUNS
                and low not in SUBJECT_ED_OK
            )
            or ANY_VERB.fullmatch(tok)
        ):
            break
        out.append(tok)
        if raw.endswith(","):
            break
    return _valid_np(" ".join(out))


def after_verb(masked: str, end: int, words: int = 9) -> str:
    """The next few words after a verb (its object, roughly)."""
    return " ".join(masked[end : end + 120].split()[:words])


def _cue_words(obj: str, count: int) -> str:
    """The first `count` words of `obj` for a cue, ending with its clause and without the
    punctuation that ends it: "the allegation" of "the allegation, calling it a smear"
    (the panel read "denial cue: denied the allegation,; claimant: Ortiz"). A full stop
    goes only from the last word ("U.S." inside stays as written)."""
    words = obj.split()
    kept: list[str] = []
    for k, word in enumerate(words[:count]):
        bare = word.rstrip(",;:")
        clause_ends = bare != word
        if k == len(words) - 1:  # the sentence's end
            bare = bare.rstrip(".!?")
        if bare:
            kept.append(bare)
        if clause_ends:
            break
    return " ".join(kept)


def deny_object_ok(kind: str, obj: str, subject: str) -> tuple[bool, str]:
    """Whether a denial verb with object ``obj`` rejects a claim; returns (ok, object cue)."""
    low_subject = subject.lower().split()
    if low_subject and low_subject[-1] in RULING_SUBJECTS:
        return False, ""
    if kind == "deny":
        first = obj.split()[0].lower().strip(",.") if obj.split() else ""
        if first in DENIED_THING and not CLAIM_NOUN.search(" ".join(obj.split()[:4])):
            return False, ""
        return True, _cue_words(obj, 2)
    if kind == "soft":
        return True, ""
    words = re.split(r"[,;.]", obj)[0].split()[:6]
    for k, w in enumerate(words):
        if CLAIM_NOUN.fullmatch(w.strip('“”"')):
            return True, " ".join(words[: k + 1])
    if AS_FALSE.search(obj.lower()):
        return True, _cue_words(obj, 4)
    return False, ""


# Reporting and denial verbs tried per sentence for a speaker before them. Real sentences
# have one or two; the bound keeps a hostile "said said said ..." paragraph linear, since
# each try reads the words before its verb.
_MAX_VERBS = 20


def find_attribution(
    masked: str, body_start: int, words: Set[str] | None = None
) -> Attribution | None:
    """The first verb (in order, of the first `_MAX_VERBS`) that has a speaker subject, or
    an "according to". ``words``: `patterns.word_runs` of ``masked.lower()``, when known
    (the fallbacks whose words are not among them are not tried)."""
    verbs = (
        ANY_VERB.finditer(masked, body_start) if words is None or gate(words, VERB_WORDS) else ()
    )
    for count, m in enumerate(verbs):
        if count == _MAX_VERBS:
            break
        kind = cast(AttributionKind, verb_kind(m))
        subject, embedded = _subject_before(masked, body_start, m.start(), m.end())
        if not subject:
            continue
        attr = Attribution(kind, m.group(), m.start(), m.end(), subject, embedded)
        if kind == "claim" or deny_object_ok(kind, after_verb(masked, m.end()), subject)[0]:
            return attr
    inverted = (
        _inverted(masked, body_start) if words is None or gate(words, INVERTED_WORDS) else None
    )
    if inverted:
        return inverted
    m3 = (
        PARTICIPLE.search(masked, body_start)
        if words is None or gate(words, PARTICIPLE_WORDS)
        else None
    )
    if m3:
        np = leading_np(masked, body_start)
        if np:
            verb = m3.group().strip(", ")
            return Attribution("claim", verb, m3.start(), m3.end(), np)
    m4 = according_to(masked, body_start) if words is None or gate(words, ACCORDING_WORDS) else None
    if m4:
        start, end, phrase = m4
        np = _valid_np(phrase) or phrase.strip()
        if np and len(np.split()) <= 9:
            return Attribution("according", "according to", start, end, np)
    return None


def _inverted(masked: str, body_start: int) -> Attribution | None:
    """An inverted quote's attribution ('…," said Peter Bach'), or one whose speaker
    starts with a lower-case job title ('…," said finance director Priya Nair')."""
    m = INVERTED.search(masked, body_start)
    np = _valid_np(_before_circumstance(m.group(1))) if m else ""
    if not np:
        m = INVERTED_TITLE.search(masked, body_start)
        if m and _job_title(m.group(2)):
            np = _valid_np(_before_circumstance(m.group(1)))
    if not m or not np:
        return None
    # The match starts at the quote's closing mark or comma, and a space mostly follows
    # it ('…," said X'): the verb is the first word after them.
    verb = m.group().lstrip(',”"').split()[0]
    return Attribution("claim", verb, m.start(), m.end(), np)


# Lower-case words after "said" that are the when, how or to whom of the saying ("said on
# Friday", "said in a statement", "said last week", "said again"), not a title.
_NOT_IN_TITLE = (
    CIRCUMSTANCE_STARTS
    | PREPOSITIONS
    | MORE_PREPOSITIONS
    | DETERMINERS
    | NOT_IN_SUBJECT
    | PRONOUNS
    | CONJUNCTIONS
    | SUBJECT_TRAILERS
)


def _job_title(words: str) -> bool:
    """Whether the lower-case words before a name are a job title ("finance director",
    "the city spokesperson", "former minister"): one of `JOB_TITLES` last, and none of
    them a word of when or how."""
    toks = words.split()
    if toks and toks[0] == "the":
        toks = toks[1:]
    return bool(toks) and toks[-1] in JOB_TITLES and not any(tok in _NOT_IN_TITLE for tok in toks)


def according_to(masked: str, start: int) -> tuple[int, int, str] | None:
    """(start, end, X) of the first "according to X" from ``start``: X runs to the next
    , ; : ( ) or a full stop that ends the sentence, without the spaces before it.

    Exactly what the lazy pattern ``according to (X+?)(?=spaces* stop)`` found, but that
    pattern scans from every "according to" to the next full stop and fails there when
    the stop is inside the sentence: time n² for ``"according to " * n + "x. y"``. Every
    "according to" before that stop fails the same way, so the search goes on after it.
    """
    pos = start
    while (m := ACCORDING.search(masked, pos)) is not None:
        begin = m.end()
        up_to = UP_TO_STOP.match(masked, begin)
        stop = up_to.end() if up_to else begin
        if GOOD_STOP.match(masked, stop):
            phrase = masked[begin:stop].rstrip()
            if phrase:
                return m.start(), begin + len(phrase), phrase
            if len(m.group(1)) > 1:  # "according to  ,": the pattern takes a space as X
                return m.start(), begin, masked[begin - 1 : begin]
        pos = max(stop, m.start() + 1)
    return None
