"""Reviewer assist: offline, rule-based suggestions for tags, claimants and what to check first.

Nothing here tags anything: every result is a *suggestion* the reviewer accepts or ignores.
Pure Python (``re`` only), linear in the article size.

``suggest_article(sentences)`` works over the article's sentence sequence, because a
pronoun-led sentence ("It accused ...", "..., he said.") takes its claimant from the
sentence before it, and a denial is linked to an earlier claim. Per sentence:

1. Find the *attribution*: a reporting or denial verb (outside quotes) with a subject that
   looks like a speaker ("the Foreign Ministry in Ankara commented"), an inverted one
   ('..." said Peter Bach'), a participle ("..., insisting that") or "according to X".
2. Decide the tag: a denial verb whose object is a claim ("dismissed the allegations",
   "denied targeting", not "denied entry" or "rejected calls for talks"), or reported words
   that call a claim false ("said the claim was false", "no truth to") make a *denial*; any
   other attribution makes a *claim*; an unattributed sentence is a *fact* when something
   in it can be checked (numbers, dates, names, records, causes, casualties) and *none*
   when it is colour, a hedge or a no-comment line.
3. Score check-worthiness with the learned model (``checkworthiness.py``), or without its
   weights from named features (noisy-or); either way the reasons say why.

Matching sentences against earlier verdicts lives in ``matching.py``.
See ``docs/assist.md`` for the measured accuracy and the known limits.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck_app.domain.assist_cues import LanguageCues, cues_for
from factcheck_app.domain.matching import content_tokens
from factcheck_app.domain.models import Tag

if TYPE_CHECKING:
    from factcheck_app.domain.checkworthiness import CheckworthinessModel

__all__ = [
    "MAX_SENTENCE_CHARS",
    "STEP_CHARS",
    "Suggestion",
    "checkworthy_order",
    "next_checkworthy",
    "suggest_article",
    "worth_offering",
]


# A sentence is judged by its first characters only. Real ones are far shorter (the
# longest of the test corpora has 345); longer "sentences" are paragraphs or whole files
# without full stops (tables, hostile text), and judging all of one would hold up the
# window for as long as it takes.
MAX_SENTENCE_CHARS = 5_000
# About how much text one step of `suggest_article_steps` works through.
STEP_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What the assist proposes for one sentence; the reviewer decides.

    ``tag`` None means nothing to check. ``cue`` is the human-readable reason for the tag,
    ``reasons`` the check-worthiness features with their weights. ``denies_index`` is the
    index (into the same sentence sequence) of the claim a denial most likely answers.
    """

    tag: Tag | None
    confidence: float
    cue: str
    claimant: str = ""
    checkworthiness: float = 0.0
    reasons: tuple[str, ...] = ()
    denies_index: int | None = None
    denies_score: float = 0.0
    # What the suggestion cannot know, said plainly: "Spanish article: …" (outside English).
    note: str = ""


# --------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------


def _words(spec: str) -> frozenset[str]:
    """Whitespace-separated word list (keeps the lexicons readable)."""
    return frozenset(spec.split())


# Reporting verbs that make a claim. Each entry: regex of its forms, then an optional
# lookahead that must follow (gates verbs that are also ordinary verbs or nouns).
_CLAIM_VERBS: tuple[tuple[str, str], ...] = (
    (r"sa(?:y|ys|id)", ""),
    (r"t(?:ell|ells|old)", ""),
    (r"add(?:s|ed)?", r"(?=\s+that\b|\s*[,.;\"“”]|\s*$)"),
    (r"stat(?:es|ed)", r"(?=\s+that\b|\s*[,.\"“”]|\s*$)"),
    (r"announc(?:es|ed)", r"(?=\s+that\b|\s*[,.\"“”]|\s*$)"),
    (r"reported", ""),
    (r"claim(?:s|ed)?", ""),
    (r"alleg(?:es|ed)", ""),
    (r"accus(?:es|ed)", ""),
    (r"insist(?:s|ed)?", ""),
    (r"argu(?:es|ed|e)", ""),
    (r"warn(?:s|ed)?", ""),
    (r"maintain(?:s|ed)?", r"(?=\s+that\b)"),
    (r"contend(?:s|ed)?", ""),
    (r"assert(?:s|ed)?", ""),
    (r"suggest(?:s|ed)", ""),
    (r"estimat(?:es|ed)", ""),
    (r"forecasts?", ""),
    (r"predict(?:s|ed)", ""),
    (r"blam(?:es|ed|e)", ""),
    (r"questioned", ""),
    (r"wr(?:ote|ites)", ""),
    (r"tweeted", ""),
    (r"testified", ""),
    (r"acknowledg(?:es|ed)", ""),
    (r"admit(?:s|ted)", ""),
    (r"conced(?:es|ed)", ""),
    (r"confirm(?:s|ed)", ""),
    (r"not(?:es|ed)", r"(?=\s+that\b|\s*[,.\"“”]|\s*$)"),
    (r"explain(?:s|ed)", ""),
    (r"believ(?:es|e)", ""),
    (r"consider(?:s|ed)?", ""),
    (r"counter(?:s|ed)", r"(?=\s+that\b|\s*[,.\"“”]|\s*$)"),
    (r"comment(?:s|ed)", r"(?=\s+(?:that|on\s+[A-Z]\w+day)\b|\s*[,.\"“”]|\s*$)"),
    (r"call(?:s|ed)", r"(?!\s+(?:for|off|on|in|up|out|back|upon)\b)"),
    (r"ruled\s+out|rules\s+out", ""),
    (r"declar(?:es|ed)", r"(?=\s+that\b)"),
    (r"stress(?:es|ed)", ""),
    (r"reiterat(?:es|ed)", ""),
)
# Participles that attribute to the main subject: "..., insisting that ...".
_PARTICIPLES = (
    r"saying|claiming|insisting|arguing|alleging|accusing|warning|noting|adding|asserting"
)

# Denial verbs. Gated ones need a claim as their object ("rejected those claims", not
# "rejected calls for talks"); "deny" needs no claim noun but must not deny a thing
# ("denied entry", "denied bail").
_DENY_FORMS = r"den(?:y|ies|ied|ying)"
_GATED_DENY_FORMS = (
    r"reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:es|ed|ing|e)|rebut(?:s|ted)?"
    r"|disput(?:es|ed)|brush(?:es|ed)\s+(?:aside|off)|push(?:es|ed)\s+back\s+(?:on|against)"
    r"|contest(?:s|ed)|discount(?:s|ed)"
)
_SOFT_DENY_FORMS = r"disagre(?:es|ed|e)|plead(?:s|ed)?\s+not\s+guilty|pleaded\s+innocent"

_CLAIM_NOUNS = (
    r"allegations?|accusations?|claims?|charges?|reports?|suggestions?|assertions?"
    r"|assessments?|arguments?|characteri[sz]ations?|criticism|ideas?|notions?|speculation"
    r"|rumou?rs?|stor(?:y|ies)|accounts?|versions?|conclusions?|findings|images|allegation"
    r"|theor(?:y|ies)|narratives?|reporting|statements?|testimony|views?|portrayals?"
    r"|descriptions?|interpretations?|estimates?|figures"
)
_FALSITY = (
    r"false|untrue|not\s+true|baseless|unfounded|groundless|fabricated|fabrications?|absurd"
    r"|nonsense|lies|a\s+lie|fake(?:\s+news)?|(?:pure\s+|mere\s+)?speculation|disinformation"
    r"|propaganda|ridiculous|without\s+(?:merit|foundation|basis)|inaccurate|incorrect"
    r"|misleading|bogus|preposterous|unsubstantiated|slander(?:ous)?|defamatory|wrong"
)
# Objects that make "denied" a refusal, not a denial: "denied entry", "denied him bail".
_DENIED_THING = _words(
    """
    entry access bail visa visas permission permit permits request requests application
    applications parole service benefits asylum admission passage landing treatment
    him her them us me a an the opportunity chance care
    """
)
# Subjects whose "dismissed"/"rejected" is a ruling, not a party's denial.
_RULING_SUBJECTS = _words("judge judges court courts jury juries panel tribunal magistrate")

# Words that name a speaker when lower-case ("witnesses said", "a police spokesman").
_SPEAKER_NOUNS = _words(
    """
    official officials spokesman spokeswoman spokesperson spokespeople ministry ministries
    minister ministers government governments police prosecutor prosecutors critic critics
    analyst analysts expert experts witness witnesses resident residents officer officers
    lawyer lawyers attorney attorneys department campaign authorities authority company
    companies firm firms group groups union unions scientist scientists economist
    economists lawmaker lawmakers legislator legislators leader leaders source sources
    report reports indictment data figures statement president doctor doctors researcher
    researchers study survey court judge jury mother father parent parents blogger bloggers
    commander commanders side sides bank banks institute utility agency office party
    parties organization organisation administration military army forces troops activist
    activists observer observers monitor monitors diplomat diplomats envoy ambassador
    secretary chief director executive chairman chairwoman governor mayor senator
    representative commission committee council regulator regulators watchdog embassy
    opposition rebels militants supporters opponent opponents employees workers investigators
    inspectors auditors fund bureau service staff team board management newspaper paper
    channel broadcaster outlet website documents records filing lawsuit complaint
    petition defendant plaintiff victim victims family families neighbours neighbors
    teacher teachers student students member members operator manager managers owner
    owners producer producers maker makers candidate candidates voters protesters
    demonstrators mp mps deputy deputies commissioner spokesmen sheriff coroner
    """
)
_PRONOUNS = _words("it he she they we i")
_DETERMINERS = _words(
    """
    the a an some both those these this that his her their its our my one two three many
    several all no most such other another each every any either neither few
    """
)
# Tokens that cannot be inside a speaker noun phrase (verbs, clause words).
_NOT_IN_SUBJECT = _words(
    """
    is are was were be been being will would could should can may might must not n't no
    do does did to that if whether when while because who whom which what where there than
    as so but yet also had has have having said says told says nor how why
    """
)
_PREPOSITIONS = _words("of in on at for from by with to into about against over under")
_SUBJECT_ED_OK = _words("armed united accused detained so-called deceased unnamed")
_SUBJECT_ING_OK = _words("leading ruling opposing governing building during")
# Words stripped from the end of a subject before the verb ("Yerevan has dismissed").
_SUBJECT_TRAILERS = _words(
    """
    has have had also later repeatedly again previously earlier now then still apparently
    reportedly initially separately publicly already since long often once first
    consistently strongly flatly categorically vehemently firmly swiftly quickly never
    """
)
# First words of a leading adverbial segment ("Earlier,", "In a separate twist,").
_ADVERBIAL_STARTS = _words(
    """
    in at on since after before during outside inside last for despite amid under with
    earlier later meanwhile however still separately also instead yesterday today now then
    previously elsewhere overall finally but and asked speaking by from as while when
    according unlike like thus so moreover furthermore besides nonetheless nevertheless
    """
)
_CONJUNCTIONS = _words("but and so yet or also still")

# --------------------------------------------------------------------------
# Regexes (compiled once)
#
# Article text can be hostile (issue 13): every pattern runs in time linear in the
# sentence. None may try a long stretch again from each of many starting points, nor
# split one run of spaces between two quantifiers (`\s*-?\s*`, a lazy group followed by
# `(?=\s*...)`); possessive quantifiers (`*+`) mark runs that are never given back.
# tests/domain/test_linear_time.py feeds each with repetitions of its own cue words.
# --------------------------------------------------------------------------

_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .'’-]*+(?:,\s*[A-Z][A-Za-z.]*)?\s*)?"
    r"\((?:AP|Reuters|AFP|RT|Bloomberg|dpa|UPI|CNN|BBC)\)\s*[-—–]+\s*"
)
_QUOTE = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_PARTICIPLE = re.compile(rf"[,–—]\s+(?:{_PARTICIPLES})\b")
_DENY_VERB = re.compile(rf"\b(?:{_DENY_FORMS})\b")


def _top_level(alternation: str) -> list[str]:
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


def _from_first_letter(groups: Sequence[tuple[str, Sequence[str]]], after: str = "") -> str:
    r"""``\b(?:A|B|…)`` (each alternative starting with a plain letter) written so that the
    regex engine skips to the letters that can start a match: "said", "told" give
    ``[st](?<!\w.)(?:(?<=s)(?:aid)|(?<=t)(?:old))``. Three times faster, and it matches
    exactly what the plain pattern matches: ``(?<!\w.)`` after the first letter is ``\b``
    before it, and the alternatives that start with that letter are tried in their order.

    ``groups``: (name, alternatives); a named group's matches are the group
    ``{name}_{letter}`` (see `_kind`), an unnamed one's ("") are not captured. ``after``
    follows each group's alternatives (``\b`` for whole words).
    """
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
    return "[" + "".join(sorted(letters)) + r"](?<!\w.)(?:" + branches + ")"


def _kind(match: re.Match[str]) -> str:
    """The name of the `_from_first_letter` group that matched ("claim" of "claim_s")."""
    return (match.lastgroup or "").partition("_")[0]


# Any reporting or denial verb; `_kind` says which kind (tested against the plain
# ``\b(?:…)\b`` of each list joined as alternatives in tests/domain/test_linear_time.py).
_ANY_VERB = re.compile(
    _from_first_letter(
        (
            ("claim", [a + gate for forms, gate in _CLAIM_VERBS for a in _top_level(forms)]),
            ("deny", _top_level(_DENY_FORMS)),
            ("gated", _top_level(_GATED_DENY_FORMS)),
            ("soft", _top_level(_SOFT_DENY_FORMS)),
        ),
        after=r"\b",
    )
)
_CLAIM_NOUN = re.compile(rf"\b(?:{_CLAIM_NOUNS})\b", re.IGNORECASE)
_AS_FALSE = re.compile(rf"\bas\s+[\"“]?(?:\w+\s+)?(?:{_FALSITY})\b")
_CALLING_FALSE = re.compile(
    rf"\b(?:calling|called)\s+(?:it|them|the\s+\w+|those\s+\w+)\s+[\"“]?(?:\w+\s+)?"
    rf"(?:{_FALSITY})\b",
)
# Reported words that call a claim false: "said the claim was false", '"These claims are
# absurd," ...', "said it was not true".
_CLAIM_IS_FALSE = re.compile(
    rf"\b(?:{_CLAIM_NOUNS}|it|that|this|these|those)\s+(?:\w+\s+){{0,2}}?"
    rf"(?:is|are|was|were|had\s+been|has\s+been)\s+[\"“]?(?:\w+\s+)?[\"“]?(?:{_FALSITY})\b",
)
_NO_TRUTH = re.compile(
    r"\bno\s+truth\s+(?:to|in)\b|\bnothing\s+to\s+do\s+with\b|\bnot\s+a\s+shred\b"
    r"|\b(?:we|i)\s+(?:do\s+not|don[’']t|did\s+not|didn[’']t|have\s+not|haven[’']t)\s+"
    r"(?:see|seen|have|find|found)\s+any\s+evidence\b"
    r"|\bnot\s+aware\s+of\s+any\b",
)
# "according to X": see `_according_to`, which ends X where this pattern would.
_ACCORDING = re.compile(r"\baccording\s+to(\s+)")
_UP_TO_STOP = re.compile(r"[^,;.:()]*+")
_GOOD_STOP = re.compile(r"[,;:()]|\.\W*+$|$")
# The group ends before the spaces ahead of a delimiter; trying the lookahead only after
# a non-space keeps a long run of spaces from being scanned from each of its spaces.
_INVERTED = re.compile(
    r"(?:[,”\"]|^)\s*(?:said|says|added|asked|wrote|told\s+\w+)\s+"
    r"((?:the\s+)?[A-Z][^,;.”\"]*?)(?<=\S)(?=\s*(?:[,;.”\"]|$))"
)
_TOKEN = re.compile(r"\S+")
# What may follow a sentence-final reporting verb: "said", "said on Friday.", "said in a
# statement."
_TRAILING_REST = re.compile(r"(?:\s+(?:(?:on|in|at|late|early)\s*)?[\w’'-]+){0,4}\W*")

# Unattributed sentences: what makes them checkable, and what makes them colour.
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion"
    r"|billions|trillion|dozens?|half|quarter|tens\s+of\s+thousands|no\s+one|nobody)\b",
)
# A number run is tried from its first digit only (`(?<!\d)`): from a later digit of the
# same run these alternatives end in the same place, so they would fail the same way.
# Starts with the class of its first characters, so the engine skips to digits and
# currency signs (see `_from_first_letter`); tests/domain/test_linear_time.py checks it
# against the plain pattern.
_STAT = re.compile(
    r"[\d$€£¥](?:(?<=\d)(?<!\d.)[\d,.]*+\s*(?:%|percent|per\s+cent)"
    r"|(?<=[$€£¥])\s?\d[\d,.]*(?:\s+(?:million|billion|trillion))?"
    r"|(?<=\d)(?<!\d.)[\d,.]*+\s+(?:million|billion|trillion)"
    r"|(?<=\d)(?<!\w.)\d{0,2}(?:,\d{3})+\b|(?<=\d)(?<!\w.)\d*+(?:\.\d++)?\b)"
)
_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|(?:1[89]|20)\d\ds?|last\s+(?:week|month|year|night)"
    r"|(?:earlier|later)\s+this\s+(?:week|month|year)|since)\b"
)
_SUPERLATIVE = re.compile(
    r"\b(?:highest|lowest|largest|biggest|smallest|worst|best|deadliest|fastest|longest"
    r"|greatest|strongest|weakest|most|least|record|first\s+time|only|second[- ]largest"
    r"|best-performing|worst-performing|all-time|unprecedented)\b",
)
_COMPARATIVE = re.compile(
    r"\b(?:more|fewer|less|higher|lower|bigger|smaller|larger|easier|harder|faster|slower"
    r"|better|worse)\s+than\b|\bas\s+\w+\s+as\b|\bunlike\b|\b(?:rose|rise|rises|risen|fell"
    r"|fall|falls|fallen|jumped|surged|climbed|plunged|dropped|doubled|tripled|halved"
    r"|collapsed|declined|increased|decreased|grew|shrank|narrowed|widened|gained|lost"
    r"|topped)\b",
)
_CAUSAL = re.compile(
    r"\b(?:because|due\s+to|caused?|causes|causing|led\s+to|leads\s+to|resulted\s+in"
    r"|as\s+a\s+result|makes?\s+it|means?\s+that|thanks\s+to|following|after|sparked"
    r"|triggered|blamed\s+for)\b",
)
_EVENT = re.compile(
    r"\b(?:killed|wounded|injured|hurt|died|dead|deaths?|casualties|arrested|detained"
    r"|convicted|sentenced|charged|fired|ordered|blocked|banned|barred|approved|passed"
    r"|elected|voted|signed|seized|launched|destroyed|damaged|sued|ruled|declared|closed"
    r"|evacuated|displaced|struck|attacked|invaded|occupied|withdrew|resigned|appointed"
    r"|imposed|lifted|exported|imported|produced|owns|controls|occurred|broke\s+out"
    r"|ceded|contained|set\s+for|scheduled|due\s+to|must\s+be|will\s+be\s+decided"
    r"|threatened|congratulated|refused|ruled|pledged|called\s+off|raised|cut|cost)\b",
)
_NO_COMMENT_FORMS = (
    r"declined\s+to\s+(?:comment|speak|elaborate|say)\b",
    r"refused\s+to\s+(?:comment|speak|elaborate|say)\b",
    r"did\s+not\s+(?:immediately\s+)?(?:respond|reply|return|speak\s+to\s+reporters)\b",
    r"could\s+not\s+(?:immediately\s+)?(?:be\s+reached|be\s+independently\s+verified"
    r"|independently\s+verify|verify)\b",
    r"no\s+immediate\s+comment\b",
    r"not\s+immediately\s+(?:available|possible)\b",
)
_NO_COMMENT = re.compile(_from_first_letter((("", _NO_COMMENT_FORMS),)))
# A service line: "Reporting by …:", "Read more:". Only at the start of the sentence.
_SERVICE_LINE = re.compile(
    r"(?:for|reporting\s+by|editing\s+by|writing\s+by|read\s+more|related|watch)\b[^.]*:"
)
_HEDGE = re.compile(
    r"\b(?:unclear|not\s+(?:immediately\s+)?clear|less\s+clear|remains\s+to\s+be\s+seen"
    r"|may|might|could|likely|unlikely|expected\s+to|hopes?|whether|perhaps|possibly"
    r"|appears?|seems?|probably|never)\b",
)
# A question: "?" in the sentence's closing run of non-word characters. Searched from that
# run's start only (see `_hedge`): from each "?" of "? ? ? ... x" it would scan to the "x".
_QUESTION_END = re.compile(r"\?\W*$")
_NON_WORD_RUN = re.compile(r"\W*")
# Colour: only decides "none" when nothing at all is checkable ("a tense encounter near
# Qamishli last week" is still an event).
_COLOUR = re.compile(
    r"\b(?:mood|atmosphere|tense|tension|calm|quiet|stressful|feel|felt|eerie|somber"
    r"|sombre|festive|gloomy|chaotic)\b",
)
_VAGUE_SUBJECT = re.compile(
    r"^(?:Many|Some|Several|Few|Most|Others?|Things|Much|Nobody\s+knows)\b", re.IGNORECASE
)
# A capitalised word or an acronym: what ``(?<![\w’'])[A-Z][a-z]+(?:[-’'][A-Za-z]+)*|
# \b[A-Z]{2,}\b`` finds, written to start with its first letter (see `_from_first_letter`).
_CAP_WORD = re.compile(r"[A-Z](?:(?<![\w’'].)[a-z]+(?:[-’'][A-Za-z]+)*|(?<!\w.)[A-Z]+\b)")

# --------------------------------------------------------------------------
# Attribution
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Attribution:
    """Who says it and with which words; ``kind`` is claim, deny, gated, soft or according."""

    kind: str
    verb: str
    start: int  # offset of the verb in the (masked) body
    end: int
    subject: str  # as written; may be a pronoun
    embedded: bool = False


def _mask_quotes(text: str) -> str:
    """Replace quoted words by ``Q`` (same length) so cues inside quotes do not count."""

    def repl(m: re.Match[str]) -> str:
        s = m.group()
        return s[0] + "Q" * max(0, len(s) - 2) + (s[-1] if len(s) > 1 else "")

    return _QUOTE.sub(repl, text)


def _strip_leading(body: str) -> int:
    """Offset after a dateline, leading conjunction and adverbial segments ("Earlier, ")."""
    pos = 0
    m = _DATELINE.match(body)
    if m:
        pos = m.end()
    for _ in range(3):
        rest = body[pos:]
        first = rest.split(None, 1)[0].lower().strip(",") if rest.strip() else ""
        comma = rest.find(",")
        if first in _ADVERBIAL_STARTS and comma > 0 and len(rest[:comma].split()) <= 8:
            seg = rest[:comma]
            if '"' in seg or "“" in seg:
                break
            pos += comma + 1
            pos += len(body[pos:]) - len(body[pos:].lstrip())
            continue
        if first in _CONJUNCTIONS and len(rest.split(None, 1)) == 2:
            pos += len(rest) - len(rest.split(None, 1)[1])
            continue
        break
    return pos


def _clean_token(tok: str) -> str:
    return tok.strip(",;:()[]“”\"'’‘—–")


def _valid_np(phrase: str) -> str:
    """The speaker noun phrase in ``phrase`` (trailing adverbs dropped), or "" if none."""
    toks = [t for t in phrase.split() if _clean_token(t)]
    while toks and _clean_token(toks[-1]).lower() in _SUBJECT_TRAILERS:
        toks.pop()
    while toks and _clean_token(toks[0]).lower() in _CONJUNCTIONS:
        toks.pop(0)
    if not toks or len(toks) > 9:
        return ""
    speaker = False
    for i, raw in enumerate(toks):
        tok = _clean_token(raw)
        low = tok.lower()
        if not tok or "Q" * 3 in tok:
            return ""
        if low in _NOT_IN_SUBJECT and not (tok.isupper() and len(tok) > 1):  # "WHO", "IT"
            return ""
        if tok[0].islower():
            if low.endswith("ed") and low not in _SUBJECT_ED_OK and low not in _SPEAKER_NOUNS:
                return ""
            if low.endswith("ing") and low not in _SUBJECT_ING_OK:
                return ""
        base = low.removesuffix("’s").removesuffix("'s")
        named = tok[0].isupper() and (low not in _DETERMINERS or i > 0) and low not in _PRONOUNS
        speaker = speaker or base in _SPEAKER_NOUNS or named
    if _clean_token(toks[-1]).lower() in _DETERMINERS | _PREPOSITIONS:
        return ""
    if len(toks) == 1 and _clean_token(toks[0]).lower() in _PRONOUNS:
        return _clean_token(toks[0])
    if not speaker:
        return ""
    return " ".join(toks).strip(",;: ")


def _is_name(segment: str) -> bool:
    """Whether every word of ``segment`` is capitalised ("Jon Ossoff", "Sen. David Perdue")."""
    toks = segment.split()
    return bool(toks) and all(t[0].isupper() for t in toks)


def _subject_before(
    masked: str, body_start: int, verb_start: int, trailing: bool = False
) -> tuple[str, bool]:
    """Speaker NP before a verb: the sentence subject (with appositives) or the NP of a
    trailing clause ('..., regional governor Oleh Kiper said'). Returns (NP, embedded)."""
    span = masked[body_start:verb_start]
    segments = [s.strip() for s in span.split(",")]
    tail = segments[-1]
    # Whole-sentence subject with appositives: "Hale's lawyer, Amy Carter, said",
    # "Ankara, Baku's main backer ..., has accused". Only when nothing but auxiliaries and
    # adverbs sits between the last comma and the verb; otherwise it is a trailing clause.
    if 2 <= len(segments) <= 4 and all(w.lower() in _SUBJECT_TRAILERS for w in tail.split()):
        head = _valid_np(segments[0])
        others = [s for s in segments[1:-1] if s]
        if others and all(_appositive(s) for s in others):
            name = _valid_np(others[0]) if _is_name(others[0]) else ""
            if name and not _is_name(head):
                return name, False  # "His opponent, Jon Ossoff, accused"
            if head:
                return head, False
    # Local subject: from the last delimiter before the verb.
    cut = max(span.rfind(c) for c in (",", ";", ":", "—", "–", "”", '"', "(", ")"))
    local = span[cut + 1 :].strip()
    embedded = False
    for lead in ("which ", "who ", "that "):
        if local.startswith(lead) or local.startswith(lead.capitalize()):  # not "WHO"
            local = local[len(lead) :]
            embedded = True
    np = _valid_np(local)
    if not np and trailing and cut >= 0:
        np = _lenient_np(local)
    return np, embedded and np.lower() in _PRONOUNS


def _lenient_np(phrase: str) -> str:
    """A short plain noun phrase ("one rescuer") accepted before a sentence-final "said"."""
    words = [_clean_token(w) for w in phrase.split()]
    if not 1 <= len(words) <= 4 or not all(w.isalpha() for w in words):
        return ""
    if any(w.lower() in _NOT_IN_SUBJECT | _PRONOUNS for w in words):
        return ""
    if words[-1].lower() in _DETERMINERS | _PREPOSITIONS or words[-1].endswith(("ed", "ing")):
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
        or (words[0][0].isupper() and first not in _PRONOUNS)
        or first.endswith(("’s", "'s"))
        or words[0][0].isdigit()
    )


def _leading_np(masked: str, body_start: int) -> str:
    """The sentence's opening noun phrase, up to its first verb-like word."""
    out: list[str] = []
    for raw in masked[body_start:].split()[:10]:
        tok = _clean_token(raw)
        low = tok.lower().removesuffix("’s").removesuffix("'s")
        if (
            not tok
            or low in _NOT_IN_SUBJECT
            or low in _SUBJECT_TRAILERS
            or (
                tok[0].islower()
                and low.endswith(("ed", "s"))
                and low not in _SPEAKER_NOUNS
                and low not in _SUBJECT_ED_OK
            )
            or _ANY_VERB.fullmatch(tok)
        ):
            break
        out.append(tok)
        if raw.endswith(","):
            break
    return _valid_np(" ".join(out))


def _after_verb(masked: str, end: int, words: int = 9) -> str:
    """The next few words after a verb (its object, roughly)."""
    return " ".join(masked[end : end + 120].split()[:words])


def _deny_object_ok(kind: str, obj: str, subject: str) -> tuple[bool, str]:
    """Whether a denial verb with object ``obj`` rejects a claim; returns (ok, object cue)."""
    low_subject = subject.lower().split()
    if low_subject and low_subject[-1] in _RULING_SUBJECTS:
        return False, ""
    if kind == "deny":
        first = obj.split()[0].lower().strip(",.") if obj.split() else ""
        if first in _DENIED_THING and not _CLAIM_NOUN.search(" ".join(obj.split()[:4])):
            return False, ""
        return True, " ".join(obj.split()[:2])
    if kind == "soft":
        return True, ""
    words = re.split(r"[,;.]", obj)[0].split()[:6]
    for k, w in enumerate(words):
        if _CLAIM_NOUN.fullmatch(w.strip('“”"')):
            return True, " ".join(words[: k + 1])
    if _AS_FALSE.search(obj.lower()):
        return True, " ".join(obj.split()[:4])
    return False, ""


# Reporting and denial verbs tried per sentence for a speaker before them. Real sentences
# have one or two; the bound keeps a hostile "said said said ..." paragraph linear, since
# each try reads the words before its verb.
_MAX_VERBS = 20


def _find_attribution(masked: str, body_start: int) -> _Attribution | None:
    """The first verb (in order, of the first `_MAX_VERBS`) that has a speaker subject, or
    an "according to"."""
    for count, m in enumerate(_ANY_VERB.finditer(masked, body_start)):
        if count == _MAX_VERBS:
            break
        kind = _kind(m)
        trailing = _TRAILING_REST.fullmatch(masked, m.end()) is not None
        subject, embedded = _subject_before(masked, body_start, m.start(), trailing)
        if not subject:
            continue
        attr = _Attribution(kind, m.group(), m.start(), m.end(), subject, embedded)
        if kind == "claim" or _deny_object_ok(kind, _after_verb(masked, m.end()), subject)[0]:
            return attr
    m2 = _INVERTED.search(masked, body_start)
    if m2:
        np = _valid_np(m2.group(1))
        if np:
            verb = m2.group().split()[0].strip(',”"')
            return _Attribution("claim", verb, m2.start(), m2.end(), np)
    m3 = _PARTICIPLE.search(masked, body_start)
    if m3:
        np = _leading_np(masked, body_start)
        if np:
            verb = m3.group().strip(", ")
            return _Attribution("claim", verb, m3.start(), m3.end(), np)
    m4 = _according_to(masked, body_start)
    if m4:
        start, end, phrase = m4
        np = _valid_np(phrase) or phrase.strip()
        if np and len(np.split()) <= 9:
            return _Attribution("according", "according to", start, end, np)
    return None


def _according_to(masked: str, start: int) -> tuple[int, int, str] | None:
    """(start, end, X) of the first "according to X" from ``start``: X runs to the next
    , ; : ( ) or a full stop that ends the sentence, without the spaces before it.

    Exactly what the lazy pattern ``according to (X+?)(?=spaces* stop)`` found, but that
    pattern scans from every "according to" to the next full stop and fails there when
    the stop is inside the sentence: time n² for ``"according to " * n + "x. y"``. Every
    "according to" before that stop fails the same way, so the search goes on after it.
    """
    pos = start
    while (m := _ACCORDING.search(masked, pos)) is not None:
        begin = m.end()
        up_to = _UP_TO_STOP.match(masked, begin)
        stop = up_to.end() if up_to else begin
        if _GOOD_STOP.match(masked, stop):
            phrase = masked[begin:stop].rstrip()
            if phrase:
                return m.start(), begin + len(phrase), phrase
            if len(m.group(1)) > 1:  # "according to  ,": the pattern takes a space as X
                return m.start(), begin, masked[begin - 1 : begin]
        pos = max(stop, m.start() + 1)
    return None


# --------------------------------------------------------------------------
# Classification of one sentence
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Analysis:
    """Internal per-sentence result before claimants are resolved across sentences."""

    tag: Tag | None
    confidence: float
    cue: str
    subject: str = ""
    pronoun: bool = False  # subject is a pronoun to resolve from the previous claimant
    embedded: bool = False  # pronoun inside the sentence ("which it said"): use leading NP
    leading: str = ""
    features: tuple[tuple[str, float], ...] = ()


def _denial_in_reported_words(text: str, masked: str, attr: _Attribution) -> str:
    """A cue if the attributed words call a claim false, else ""."""
    low = text.lower()
    for rx in (_NO_TRUTH, _CLAIM_IS_FALSE, _CALLING_FALSE):
        m = rx.search(low)
        if m:
            return " ".join(m.group().split())
    # "... said ... and denied that ...": a denial verb coordinated with the reporting verb.
    co = re.search(
        rf"\band\s+(?:has\s+|had\s+|also\s+)?((?:{_DENY_FORMS})|(?:{_GATED_DENY_FORMS}))\b",
        masked[attr.end :],
    )
    if co:
        kind = "deny" if _DENY_VERB.fullmatch(co.group(1)) else "gated"
        ok, obj = _deny_object_ok(kind, _after_verb(masked, attr.end + co.end()), attr.subject)
        if ok:
            return f"{co.group(1)} {obj}".strip()
    return ""


def _checkable_features(text: str, body: str, proper: Container[str]) -> list[tuple[str, float]]:
    """Features that make a statement checkable, each with its check-worthiness weight."""
    feats: list[tuple[str, float]] = []
    low = body.lower()  # the lexical cue patterns are lower-case: faster than IGNORECASE
    m = _STAT.search(body) or _NUMBER.search(low)
    if m:
        kind = "statistic" if m.re is _STAT else "quantity"
        feats.append((f"{kind}: {m.group().strip()}", 0.45 if kind == "statistic" else 0.3))
    for label, pattern, text, weight in (
        ("date", _DATE, body, 0.1),
        ("superlative", _SUPERLATIVE, low, 0.3),
        ("comparison/trend", _COMPARATIVE, low, 0.2),
        ("causal", _CAUSAL, low, 0.25),
        ("event", _EVENT, low, 0.2),
    ):
        found = pattern.search(text)
        if found:
            feats.append((f"{label}: {found.group()}", weight))
    names = [
        w.group()
        for w in _CAP_WORD.finditer(body)
        if (w.start() > 0 and _char_before(body, w.start()) not in '“"‘(:') or w.group() in proper
    ]
    names = [n for n in names if n not in _DATE_WORDS and n.lower() not in _DETERMINERS]
    if names:
        feats.append((f"named entity: {names[0]}", 0.1))
    return feats


_DATE_WORDS = _words(
    """
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday I
    """
)


def _analyse(text: str, proper: Container[str], scored: bool = True) -> _Analysis:
    """Tag, cue and subject for one sentence, without context.

    ``scored`` False: the rules' check-worthiness is not wanted (the model gives it), so
    an attributed sentence skips the checkable features, which only that score reads."""
    masked = _mask_quotes(text)
    body_start = _strip_leading(masked)
    attr = _find_attribution(masked, body_start)
    dateline = _DATELINE.match(text)
    body = text[dateline.end() :] if dateline else text
    if attr is not None:
        feats = _checkable_features(text, body, proper) if scored else []
        pronoun = attr.subject.lower() in _PRONOUNS
        leading = _leading_np(masked, body_start) if attr.embedded else ""
        result = _Analysis(
            Tag.CLAIM, 0.85, "", attr.subject, pronoun, attr.embedded, leading, tuple(feats)
        )
        if attr.kind in ("deny", "gated", "soft"):
            _, obj = _deny_object_ok(attr.kind, _after_verb(masked, attr.end), attr.subject)
            result.tag, result.confidence = Tag.DENIAL, 0.6 if attr.kind == "soft" else 0.9
            result.cue = f"denial cue: {attr.verb} {obj}".strip()
            return result
        denial = _denial_in_reported_words(text, masked, attr)
        if denial:
            result.tag, result.confidence, result.cue = Tag.DENIAL, 0.8, f"denial cue: {denial}"
            return result
        if attr.kind == "according":
            cue, conf = f"attribution: according to {attr.subject}", 0.85
        elif "QQ" in masked[: attr.start]:
            cue, conf = f"quote with attribution: {attr.verb}", 0.9
        else:
            cue, conf = f"reported speech: {attr.verb}", 0.85
        result.cue, result.confidence = cue, conf - (0.1 if pronoun else 0.0)
        return result
    feats = _checkable_features(text, body, proper)
    low = text.lower()
    m = _SERVICE_LINE.match(low) or _NO_COMMENT.search(low)
    if m:
        return _Analysis(None, 0.8, f"no-comment line: {m.group().strip()}")
    low_masked = masked.lower()
    hedge = _hedge(low_masked)
    strong = [f for f in feats if not f[0].startswith(("named entity", "date", "event"))]
    if hedge and not strong:
        return _Analysis(None, 0.7, f"hedge/colour: {hedge.group().strip()}", features=tuple(feats))
    colour = _COLOUR.search(low_masked)
    if colour and not feats:
        return _Analysis(None, 0.6, f"colour: {colour.group()}")
    if _VAGUE_SUBJECT.match(masked[body_start:]) and not strong:
        return _Analysis(None, 0.6, "vague subject, nothing checkable", features=tuple(feats))
    if feats:
        conf = min(0.95, 0.5 + 0.1 * len(feats) + (0.15 if strong else 0.0))
        return _Analysis(Tag.FACT, conf, "; ".join(f[0] for f in feats[:2]), features=tuple(feats))
    return _Analysis(None, 0.55, "nothing checkable (no number, date, name or source)")


# --------------------------------------------------------------------------
# Article-level: claimants, links, check-worthiness
# --------------------------------------------------------------------------


def _proper_nouns(sentences: Sequence[str]) -> frozenset[str]:
    """Capitalised words seen mid-sentence anywhere in the article (names, not starters)."""
    seen: set[str] = set()
    _collect_proper_nouns(sentences, seen)
    return frozenset(seen)


def _collect_proper_nouns(sentences: Sequence[str], seen: set[str]) -> None:
    for s in sentences:
        for m in _CAP_WORD.finditer(s, 1):
            before = _char_before(s, m.start())
            if before and before not in '.!?“"‘(:—–-':
                seen.add(m.group())


def _char_before(text: str, index: int) -> str:
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


def _hedge(low: str) -> re.Match[str] | None:
    """What `_HEDGE` finds, else a "?" in the closing run of non-word characters."""
    found = _HEDGE.search(low)
    if found is None:
        closing = _NON_WORD_RUN.match(low[::-1])
        found = _QUESTION_END.search(low, len(low) - (closing.end() if closing else 0))
    return found


_ANAPHORIC_OBJECT = re.compile(
    rf"\b(?:those|these|that|this|such|the)\s+(?:{_CLAIM_NOUNS}|charge|argument|suggestion)\b",
)


def _checkworthiness(a: _Analysis, claimant: str) -> tuple[float, tuple[str, ...]]:
    """Noisy-or of feature weights; hedges and untagged sentences are damped."""
    feats = list(a.features)
    if a.tag is Tag.DENIAL:
        feats.append(("denial", 0.35))
    elif a.tag is Tag.CLAIM:
        feats.append(("claim", 0.25))
    elif a.tag is Tag.FACT:
        feats.append(("stated as fact", 0.15))
    if claimant and a.tag in (Tag.CLAIM, Tag.DENIAL):
        feats.append((f"named claimant: {claimant}", 0.3 if claimant[0].isupper() else 0.2))
    miss = 1.0
    for _, w in feats:
        miss *= 1.0 - w
    score = 1.0 - miss
    reasons = [f"{name} (+{w:.2f})" for name, w in feats]
    if a.tag is None:
        score *= 0.3
        reasons.append("nothing to check (x0.3)")
    return round(score, 3), tuple(reasons)


class _TokenCache:
    """Content tokens per sentence but the link's own words (`_LINK_STOP`), computed on
    first use; ``work`` counts the characters tokenised so far."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self._sentences = sentences
        self._cache: dict[int, set[str]] = {}
        self.work = 0

    def __getitem__(self, index: int) -> set[str]:
        found = self._cache.get(index)
        if found is None:
            found = self._cache[index] = set(content_tokens(self._sentences[index]))
            found -= _LINK_STOP
            self.work += len(self._sentences[index])
        return found


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
    anaphoric = _ANAPHORIC_OBJECT.search(sentences[i].lower()) is not None
    mine = tokens[i]
    best: tuple[float, int | None] = (0.0, None)
    before = bisect_left(claims, i)
    nearest = claims[max(0, before - _LINK_CLAIMS) : before]
    for looked, j in enumerate(reversed(nearest), start=1):
        if j < i - _LINK_LOOKBACK:
            break
        overlap = 0.0
        if mine:  # a claim's words are read only when the denial has words to compare
            theirs = tokens[j]
            overlap = len(mine & theirs) / max(1, min(len(mine), len(theirs)))
        recency = 1.0 / looked
        score = (0.45 * overlap + 0.55 * recency) if anaphoric else (0.7 * overlap + 0.3 * recency)
        if score > best[0]:
            best = (score, j)
    return best[1], round(min(1.0, best[0]), 3)


_LINK_STOP = _words(
    """
    deny denies denied denying reject rejects rejected dismiss dismissed refute refuted
    allegation allegations claim claims accusation accusations said say says report reports
    charge false untrue absurd baseless truth suggestion argument
    """
)


def suggest_article(
    sentences: Sequence[str], language: str = "en", *, use_model: bool = True
) -> list[Suggestion]:
    """Suggestions for every sentence of one article, in order (linear time).

    Pronoun subjects ("It accused ...", "..., he said.") take the claimant of the latest
    claim or denial before them; a denial gets the earlier claim it most likely answers.
    ``language`` (ISO 639-1; "" = English) other than English uses only that language's
    few denial and attribution words (``assist_cues.py``) and says so in each ``note``.
    Check-worthiness of English text is the learned model's probability
    (``checkworthiness.py``); with ``use_model`` False, or without its weights file, the
    rules' own score.
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
    sentences = [s[:MAX_SENTENCE_CHARS] for s in sentences]
    if language not in ("", "en"):
        # The model learned from English only: other languages keep their cue words.
        return (yield from _suggest_with_cues(sentences, chunk, language))
    model = _checkworthiness_model() if use_model else None
    names: set[str] = set()
    for batch in _batches(sentences, chunk * 4):
        _collect_proper_nouns(sentences[batch.start : batch.stop], names)
        yield 0
    proper = frozenset(names)
    analyses: list[_Analysis] = []
    for batch in _batches(sentences, chunk):
        analyses.extend(
            _analyse(s, proper, model is None) for s in sentences[batch.start : batch.stop]
        )
        yield len(analyses) // 2
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
    tokens = _TokenCache(sentences)  # filled as denials need them, not all in one step
    out: list[Suggestion] = []
    step_start, step_work = 0, 0
    for i, (a, claimant) in enumerate(zip(analyses, claimants, strict=True)):
        score, reasons = _score(model, sentences[i], a, claimant)
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


# Outside English: a figure is what makes an unattributed sentence checkable.
_FIGURE = re.compile(r"\d+(?:[.,\u066b\u066c ]\d+)*(?:\s?(?:%|\u066a))?")


def _cue_analysis(text: str, cues: LanguageCues | None) -> _Analysis:
    if cues is not None:
        found = cues.denial.search(text)
        if found:
            return _Analysis(Tag.DENIAL, 0.7, f"denial cue: {found.group()}")
        found = cues.attribution.search(text)
        if found:
            return _Analysis(Tag.CLAIM, 0.7, f"attribution: {found.group()}")
    figure = _FIGURE.search(text)
    if figure:
        statistic = figure.group().rstrip().endswith(("%", "\u066a"))
        feature = ("statistic" if statistic else "quantity", 0.45 if statistic else 0.3)
        cue = f"{feature[0]}: {figure.group().strip()}"
        return _Analysis(Tag.FACT, 0.5, cue, features=((cue, feature[1]),))
    return _Analysis(None, 0.5, "nothing checkable found (no figure, no attribution)")


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
    analyses: list[_Analysis] = []
    for start in range(0, len(sentences), chunk):
        analyses.extend(_cue_analysis(s, cues) for s in sentences[start : start + chunk])
        yield len(analyses) // 2
    claims = [i for i, a in enumerate(analyses) if a.tag is Tag.CLAIM]
    tokens = _TokenCache(sentences)
    out: list[Suggestion] = []
    for i, a in enumerate(analyses):
        score, reasons = _checkworthiness(a, "")
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
    model: CheckworthinessModel | None, text: str, a: _Analysis, claimant: str
) -> tuple[float, tuple[str, ...]]:
    """The model's calibrated probability and its strongest features, else the rules'."""
    if model is None:
        return _checkworthiness(a, claimant)
    scored = model.score(text)
    return round(scored.probability, 3), scored.reasons


def checkworthy_order(suggestions: Sequence[Suggestion]) -> list[int]:
    """Sentence indices, most check-worthy first (ties keep article order)."""
    return sorted(range(len(suggestions)), key=lambda i: (-suggestions[i].checkworthiness, i))


def worth_offering(suggestion: Suggestion) -> bool:
    """Whether "most check-worthy first" should visit it: a suggested tag, or a score that
    says worth checking (a first-person record the rules take for nothing to check)."""
    return suggestion.tag is not None or suggestion.checkworthiness >= 0.5


def next_checkworthy(
    suggestions: Sequence[Suggestion], current: int | None, skip: Container[int] = ()
) -> int | None:
    """The next sentence after ``current`` in check-worthiness order, skipping ``skip``.

    With ``current`` None (or not in the order) it is the most check-worthy one not
    skipped; a sentence with nothing to check is offered only when its score says it is
    worth checking (0.5 or more). None when nothing is left.
    """
    order = [i for i in checkworthy_order(suggestions) if worth_offering(suggestions[i])]
    start = order.index(current) + 1 if current in order else 0
    for i in order[start:]:
        if i not in skip and i != current:
            return i
    return None
