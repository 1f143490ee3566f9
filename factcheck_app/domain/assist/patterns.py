"""The assist's regular expressions, compiled once, and how they are built."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from factcheck_app.domain.assist.lexicon import (
    CLAIM_NOUNS,
    CLAIM_VERBS,
    DENY_FORMS,
    FALSITY,
    GATED_DENY_FORMS,
    PARTICIPLES,
    SOFT_DENY_FORMS,
    word_set,
)

# --------------------------------------------------------------------------
# Regexes (compiled once)
#
# Article text can be hostile (issue 13): every pattern runs in time linear in the
# sentence. None may try a long stretch again from each of many starting points, nor
# split one run of spaces between two quantifiers (`\s*-?\s*`, a lazy group followed by
# `(?=\s*...)`); possessive quantifiers (`*+`) mark runs that are never given back.
# tests/domain/test_linear_time.py feeds each with repetitions of its own cue words.
# --------------------------------------------------------------------------

# Marks that show nothing and say nothing to the rules: the soft hyphen, the direction
# marks, embeddings, overrides and isolates, zero-width spaces and joiners of words
# (not ZWJ/ZWNJ, which spell Indic and Persian words), and the byte-order mark. Pasted
# from a CMS or a bilingual wire they hid the speaker ("\u200fBaku said …" was a
# fact), broke a verb ("den\u00adied") or rode invisibly in the claimant A records.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def unmarked(text: str) -> str:
    """``text`` without its invisible marks (`_INVISIBLE`), for the rules to read."""
    return text if text.isascii() else _INVISIBLE.sub("", text)


DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .'’-]*+(?:,\s*[A-Z][A-Za-z.]*)?\s*)?"
    r"\((?:AP|Reuters|AFP|RT|Bloomberg|dpa|UPI|CNN|BBC)\)\s*[-—–]+\s*"
)
QUOTE = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
PARTICIPLE = re.compile(rf"[,–—]\s+(?:{PARTICIPLES})\b")
DENY_VERB = re.compile(rf"\b(?:{DENY_FORMS})\b")
# "... said ... and denied that ...": a denial verb joined to the reporting verb.
AND_DENIAL = re.compile(
    rf"\band\s+(?:has\s+|had\s+|also\s+)?((?:{DENY_FORMS})|(?:{GATED_DENY_FORMS}))\b"
)

# --------------------------------------------------------------------------
# Gates (issue 17): most sentences hold none of a pattern's words, and a set test
# says so at C speed where the pattern's scan tries every position of the sentence.
#
# `word_runs` gives a text's maximal runs of word characters. A match of a pattern
# whose words each start after a non-word character (``\b``, a space, a quotation mark)
# and end before one holds each of its words as such a run, so the pattern can match
# only when one of the words its alternatives cannot do without (the ``*_WORDS`` sets
# below, next to each pattern) is among the runs. A gate is a test on the runs of the
# very text the pattern reads (or of its lower-case form, for a pattern that reads the
# original: lower-casing keeps each run whole), so it skips only scans that would find
# nothing. tests/domain/test_assist_gates.py checks each set against its pattern.
# --------------------------------------------------------------------------

WORD_RUN = re.compile(r"\w+")
# The same on ASCII text (most sentences): a plain class is quicker to test than Unicode's
# categories, and a pattern that starts with one lets the engine skip to the next word.
_ASCII_WORD_RUN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_]*")


def word_runs(text: str) -> frozenset[str]:
    """The maximal runs of word characters (``\\w+``) of ``text``."""
    return frozenset((_ASCII_WORD_RUN if text.isascii() else WORD_RUN).findall(text))


def gate(words: Set[str], needed: frozenset[str]) -> bool:
    """Whether ``words`` (from `word_runs`) holds one of the words in ``needed``."""
    return not needed.isdisjoint(words)


PARTICIPLE_WORDS = frozenset(PARTICIPLES.split("|"))
# Any Unicode digit (``\d``): a figure that `NUMBER` finds without a number word.
DIGIT = re.compile(r"\d")


def top_level(alternation: str) -> list[str]:
    """The top-level alternatives of a regex's source: "a|b(?:c|d)" gives "a", "b(?:c|d)"."""
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(alternation):
        c = alternation[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            parts.append(alternation[start:i])
            start = i + 1
        i += 1
    return [*parts, alternation[start:]]


def from_first_letter(groups: Sequence[tuple[str, Sequence[str]]], after: str = "") -> str:
    r"""``\b(?:A|B|…)`` (each alternative starting with a plain letter) written so that the
    regex engine skips to the letters that can start a match: "said", "told" give
    ``[st](?<!\w.)(?:(?<=s)(?:aid)|(?<=t)(?:old))``. Three times faster, and it matches
    exactly what the plain pattern matches: ``(?<!\w.)`` after the first letter is ``\b``
    before it, and the alternatives that start with that letter are tried in their order.

    ``groups``: (name, alternatives); a named group's matches are the group
    ``{name}_{letter}`` (see `verb_kind`), an unnamed one's ("") are not captured. ``after``
    follows each group's alternatives (``\b`` for whole words).
    """
    letters, branches = _letter_branches(groups, after)
    return "[" + letters + r"](?<!\w.)(?:" + branches + ")"


def words_from_first_letter(spec: str, after: str = r"\b") -> str:
    r"""``\b(?:spec)`` + ``after`` as `from_first_letter` writes it (``spec``: a regex
    alternation whose alternatives each start with a plain letter). Worth it when they
    start with few letters: with many, most characters are candidates, and ``\b`` first
    (which the engine checks before trying the alternatives) is as quick or quicker."""
    return from_first_letter((("", top_level(spec)),), after)


def _letter_branches(groups: Sequence[tuple[str, Sequence[str]]], after: str) -> tuple[str, str]:
    """The first letters of `from_first_letter`'s class, and its branch per letter."""
    letters: dict[str, list[str]] = {}
    for _name, alternatives in groups:
        for alt in alternatives:
            first, tail = alt[0], alt[1:]
            if not first.isalpha() or tail.startswith(("?", "*", "+", "{")):
                raise ValueError(f"not a plain first letter: {alt!r}")
            letters.setdefault(first, [])
    for first, parts in letters.items():
        for name, alternatives in groups:
            tails = [alt[1:] for alt in alternatives if alt[0] == first]
            if tails:
                body = "(?:" + "|".join(tails) + ")" + after
                parts.append(f"(?P<{name}_{first}>{body})" if name else body)
    branches = "|".join(f"(?<={first})(?:{'|'.join(parts)})" for first, parts in letters.items())
    return "".join(sorted(letters)), branches


def verb_kind(match: re.Match[str]) -> str:
    """The name of the `from_first_letter` group that matched ("claim" of "claim_s")."""
    return (match.lastgroup or "").partition("_")[0]


# Any reporting or denial verb; `verb_kind` says which kind (tested against the plain
# ``\b(?:…)\b`` of each list joined as alternatives in tests/domain/test_linear_time.py).
ANY_VERB = re.compile(
    from_first_letter(
        (
            ("claim", [a + gate for forms, gate in CLAIM_VERBS for a in top_level(forms)]),
            ("deny", top_level(DENY_FORMS)),
            ("gated", top_level(GATED_DENY_FORMS)),
            ("soft", top_level(SOFT_DENY_FORMS)),
        ),
        after=r"\b",
    )
)
# The first word of every form `ANY_VERB` finds ("ruled" of "ruled out"); the test
# derives the same set from the lists in lexicon.py.
VERB_WORDS = word_set(
    """
    accused accuses acknowledged acknowledges add added adds admits admitted alleged
    alleges announced announces argue argued argues assert asserted asserts believe
    believes blame blamed blames brushed brushes called calls claim claimed claims
    commented comments conceded concedes confirmed confirms consider considered considers
    contend contended contends contested contests countered counters declared declares
    denied denies deny denying disagree disagreed disagrees discounted discounts dismiss
    dismissed dismisses dismissing disputed disputes estimated estimates explained
    explains forecast forecasts insist insisted insists maintain maintained maintains
    noted notes plead pleaded pleads predicted predicts pushed pushes questioned rebut
    rebuts rebutted refute refuted refutes refuting reiterated reiterates reject rejected
    rejecting rejects reported ruled rules said say says stated states stressed stresses
    suggested suggests tell tells testified told tweeted warn warned warns writes wrote
    """
)
CLAIM_NOUN = re.compile(rf"\b(?:{CLAIM_NOUNS})\b", re.IGNORECASE)
# AS_FALSE, CALLING_FALSE, NO_TRUTH and ANAPHORIC_OBJECT start with the class of their
# few first letters (`words_from_first_letter`: 1.5–7 times faster scans);
# tests/domain/test_linear_time.py checks each against the plain ``\b(?:…)`` pattern.
AS_FALSE = re.compile(words_from_first_letter("as", rf"\s+[\"“]?(?:\w+\s+)?(?:{FALSITY})\b"))
CALLING_FALSE = re.compile(
    words_from_first_letter(
        "calling|called",
        rf"\s+(?:it|them|the\s+\w+|those\s+\w+)\s+[\"“]?(?:\w+\s+)?(?:{FALSITY})\b",
    )
)
# Reported words that call a claim false: "said the claim was false", '"These claims are
# absurd," ...', "said it was not true".
CLAIM_IS_FALSE = re.compile(
    rf"\b(?:{CLAIM_NOUNS}|it|that|this|these|those)\s+(?:\w+\s+){{0,2}}?"
    rf"(?:is|are|was|were|had\s+been|has\s+been)\s+[\"“]?(?:\w+\s+)?[\"“]?(?:{FALSITY})\b",
)
# The last word of each of `FALSITY`'s alternatives ("not true", "without merit", "fake
# news" or "fake"): AS_FALSE, CALLING_FALSE and CLAIM_IS_FALSE each end with one.
FALSITY_WORDS = word_set(
    """
    false untrue true baseless unfounded groundless fabricated fabrication fabrications
    absurd nonsense lies lie fake news speculation disinformation propaganda ridiculous
    merit foundation basis inaccurate incorrect misleading bogus preposterous
    unsubstantiated slander slanderous defamatory wrong
    """
)
_NO_EVIDENCE = (
    r"\s+(?:do\s+not|don[’']t|did\s+not|didn[’']t|have\s+not|haven[’']t)\s+"
    r"(?:see|seen|have|find|found)\s+any\s+evidence\b"
)
NO_TRUTH = re.compile(
    words_from_first_letter(
        r"no\s+truth\s+(?:to|in)\b|nothing\s+to\s+do\s+with\b|not\s+a\s+shred\b"
        rf"|we{_NO_EVIDENCE}|i{_NO_EVIDENCE}|not\s+aware\s+of\s+any\b",
        after="",
    )
)
NO_TRUTH_WORDS = word_set("truth nothing shred evidence aware")
# "according to X": see `according_to`, which ends X where this pattern would.
ACCORDING = re.compile(r"\baccording\s+to(\s+)")
ACCORDING_WORDS = word_set("according")
UP_TO_STOP = re.compile(r"[^,;.:()]*+")
GOOD_STOP = re.compile(r"[,;:()]|\.\W*+$|$")
# The group ends before the spaces ahead of a delimiter; trying the lookahead only after
# a non-space keeps a long run of spaces from being scanned from each of its spaces.
INVERTED = re.compile(
    r"(?:[,”\"]|^)\s*(?:said|says|added|asked|wrote|told\s+\w+)\s+"
    r"((?:the\s+)?[A-Z][^,;.”\"]*?)(?<=\S)(?=\s*(?:[,;.”\"]|$))"
)
# The same with lower-case words before the capital ('…," said finance director Priya
# Nair'): group 2, which `attribution` takes only when it is a job title.
INVERTED_TITLE = re.compile(
    r"(?:[,”\"]|^)\s*(?:said|says|added|asked|wrote|told\s+\w+)\s+"
    r"(((?:[a-z][\w’'-]*\s+){1,4})[A-Z][^,;.”\"]*?)(?<=\S)(?=\s*(?:[,;.”\"]|$))"
)
INVERTED_WORDS = word_set("said says added asked wrote told")
TOKEN = re.compile(r"\S+")
# What may follow a sentence-final reporting verb: "said", "said on Friday.", "said in a
# statement."
TRAILING_REST = re.compile(r"(?:\s+(?:(?:on|in|at|late|early)\s*)?[\w’'-]+){0,4}\W*")

# Unattributed sentences: what makes them checkable, and what makes them colour.
NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion"
    r"|billions|trillion|dozens?|half|quarter|tens\s+of\s+thousands|no\s+one|nobody)\b",
)
NUMBER_WORDS = word_set(
    """
    one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
    forty fifty hundred hundreds thousand thousands million millions billion billions
    trillion dozen dozens half quarter tens no nobody
    """
)
# A number run is tried from its first digit only (`(?<!\d)`): from a later digit of the
# same run these alternatives end in the same place, so they would fail the same way.
# Starts with the class of its first characters, so the engine skips to digits and
# currency signs (see `from_first_letter`); tests/domain/test_linear_time.py checks it
# against the plain pattern.
STAT = re.compile(
    r"[\d$€£¥](?:(?<=\d)(?<!\d.)[\d,.]*+\s*(?:%|percent|per\s+cent)"
    r"|(?<=[$€£¥])\s?\d[\d,.]*(?:\s+(?:million|billion|trillion))?"
    r"|(?<=\d)(?<!\d.)[\d,.]*+\s+(?:million|billion|trillion)"
    r"|(?<=\d)(?<!\w.)\d{0,2}(?:,\d{3})+\b|(?<=\d)(?<!\w.)\d*+(?:\.\d++)?\b)"
)
DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|(?:1[89]|20)\d\ds?|last\s+(?:week|month|year|night)"
    r"|(?:earlier|later)\s+this\s+(?:week|month|year)|since)\b"
)
# DATE reads the original text, its gate the lower-case one's runs, and a year starts with
# a 1 or a 2 (see `date_gate`).
DATE_GATE_WORDS = word_set(
    """
    january february march april may june july august september october november december
    jan feb aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday
    sunday last earlier later since
    """
)
SUPERLATIVE = re.compile(
    r"\b(?:highest|lowest|largest|biggest|smallest|worst|best|deadliest|fastest|longest"
    r"|greatest|strongest|weakest|most|least|record|first\s+time|only|second[- ]largest"
    r"|best-performing|worst-performing|all-time|unprecedented)\b",
)
SUPERLATIVE_WORDS = word_set(
    """
    highest lowest largest biggest smallest worst best deadliest fastest longest greatest
    strongest weakest most least record first only second all unprecedented
    """
)
COMPARATIVE = re.compile(
    r"\b(?:more|fewer|less|higher|lower|bigger|smaller|larger|easier|harder|faster|slower"
    r"|better|worse)\s+than\b|\bas\s+\w+\s+as\b|\bunlike\b|\b(?:rose|rise|rises|risen|fell"
    r"|fall|falls|fallen|jumped|surged|climbed|plunged|dropped|doubled|tripled|halved"
    r"|collapsed|declined|increased|decreased|grew|shrank|narrowed|widened|gained|lost"
    r"|topped)\b",
)
COMPARATIVE_WORDS = word_set(
    """
    than as unlike rose rise rises risen fell fall falls fallen jumped surged climbed
    plunged dropped doubled tripled halved collapsed declined increased decreased grew
    shrank narrowed widened gained lost topped
    """
)
CAUSAL = re.compile(
    r"\b(?:because|due\s+to|caused?|causes|causing|led\s+to|leads\s+to|resulted\s+in"
    r"|as\s+a\s+result|makes?\s+it|means?\s+that|thanks\s+to|following|after|sparked"
    r"|triggered|blamed\s+for)\b",
)
CAUSAL_WORDS = word_set(
    """
    because due cause caused causes causing led leads resulted as make makes mean means
    thanks following after sparked triggered blamed
    """
)
EVENT = re.compile(
    r"\b(?:killed|wounded|injured|hurt|died|dead|deaths?|casualties|arrested|detained"
    r"|convicted|sentenced|charged|fired|ordered|blocked|banned|barred|approved|passed"
    r"|elected|voted|signed|seized|launched|destroyed|damaged|sued|ruled|declared|closed"
    r"|evacuated|displaced|struck|attacked|invaded|occupied|withdrew|resigned|appointed"
    r"|imposed|lifted|exported|imported|produced|owns|controls|occurred|broke\s+out"
    r"|ceded|contained|set\s+for|scheduled|due\s+to|must\s+be|will\s+be\s+decided"
    r"|threatened|congratulated|refused|ruled|pledged|called\s+off|raised|cut|cost)\b",
)
EVENT_WORDS = word_set(
    """
    killed wounded injured hurt died dead death deaths casualties arrested detained
    convicted sentenced charged fired ordered blocked banned barred approved passed elected
    voted signed seized launched destroyed damaged sued ruled declared closed evacuated
    displaced struck attacked invaded occupied withdrew resigned appointed imposed lifted
    exported imported produced owns controls occurred broke ceded contained set scheduled
    due must will threatened congratulated refused pledged called raised cut cost
    """
)
NO_COMMENT_FORMS = (
    r"declined\s+to\s+(?:comment|speak|elaborate|say)\b",
    r"refused\s+to\s+(?:comment|speak|elaborate|say)\b",
    r"did\s+not\s+(?:immediately\s+)?(?:respond|reply|return|speak\s+to\s+reporters)\b",
    r"could\s+not\s+(?:immediately\s+)?(?:be\s+reached|be\s+independently\s+verified"
    r"|independently\s+verify|verify)\b",
    r"no\s+immediate\s+comment\b",
    r"not\s+immediately\s+(?:available|possible)\b",
)
NO_COMMENT = re.compile(from_first_letter((("", NO_COMMENT_FORMS),)))
# The last word of each no-comment form.
NO_COMMENT_WORDS = word_set(
    """
    comment speak elaborate say respond reply return reporters reached verified verify
    available possible
    """
)
# A service line: "Reporting by …:", "Read more:". Only at the start of the sentence.
SERVICE_LINE = re.compile(
    r"(?:for|reporting\s+by|editing\s+by|writing\s+by|read\s+more|related|watch)\b[^.]*:"
)
HEDGE = re.compile(
    r"\b(?:unclear|not\s+(?:immediately\s+)?clear|less\s+clear|remains\s+to\s+be\s+seen"
    r"|may|might|could|likely|unlikely|expected\s+to|hopes?|whether|perhaps|possibly"
    r"|appears?|seems?|probably|never)\b",
)
# A word of each alternative ("clear" of "not clear", "remains" of "remains to be seen").
HEDGE_WORDS = word_set(
    """
    unclear clear remains may might could likely unlikely expected hope hopes whether
    perhaps possibly appear appears seem seems probably never
    """
)
# A question: "?" in the sentence's closing run of non-word characters. Searched from that
# run's start only (see `find_hedge`): from each "?" of "? ? ? ... x" it would scan to the "x".
QUESTION_END = re.compile(r"\?\W*$")
NON_WORD_RUN = re.compile(r"\W*")
# Colour: only decides "none" when nothing at all is checkable ("a tense encounter near
# Qamishli last week" is still an event).
COLOUR = re.compile(
    r"\b(?:mood|atmosphere|tense|tension|calm|quiet|stressful|feel|felt|eerie|somber"
    r"|sombre|festive|gloomy|chaotic)\b",
)
COLOUR_WORDS = word_set(
    """
    mood atmosphere tense tension calm quiet stressful feel felt eerie somber sombre festive
    gloomy chaotic
    """
)
VAGUE_SUBJECT = re.compile(
    r"^(?:Many|Some|Several|Few|Most|Others?|Things|Much|Nobody\s+knows)\b", re.IGNORECASE
)
# A capitalised word or an acronym: what ``(?<![\w’'])[A-Z][a-z]+(?:[-’'][A-Za-z]+)*|
# \b[A-Z]{2,}\b`` finds, written to start with its first letter (see `from_first_letter`).
CAP_WORD = re.compile(r"[A-Z](?:(?<![\w’'].)[a-z]+(?:[-’'][A-Za-z]+)*|(?<!\w.)[A-Z]+\b)")
ANAPHORIC_OBJECT = re.compile(
    words_from_first_letter(
        "those|these|that|this|such|the",
        rf"\s+(?:{CLAIM_NOUNS}|charge|argument|suggestion)\b",
    )
)
# Outside English: a figure is what makes an unattributed sentence checkable.
FIGURE = re.compile(r"\d+(?:[.,\u066b\u066c ]\d+)*(?:\s?(?:%|\u066a))?")


def date_gate(body: str, words: Set[str]) -> bool:
    """Whether `DATE` may find something in ``body``; ``words``: the runs of its lower case."""
    return gate(words, DATE_GATE_WORDS) or "1" in body or "2" in body


def number_gate(low: str, words: Set[str]) -> bool:
    """Whether `NUMBER` may find something in ``low``; ``words``: its runs."""
    return gate(words, NUMBER_WORDS) or DIGIT.search(low) is not None


def find_hedge(low: str, words: Set[str] | None = None) -> re.Match[str] | None:
    """What `HEDGE` finds, else a "?" in the closing run of non-word characters.
    ``words``: `word_runs` of ``low``, when known (no `HEDGE` word: no scan)."""
    found = HEDGE.search(low) if words is None or gate(words, HEDGE_WORDS) else None
    if found is None:
        closing = NON_WORD_RUN.match(low[::-1])
        found = QUESTION_END.search(low, len(low) - (closing.end() if closing else 0))
    return found
