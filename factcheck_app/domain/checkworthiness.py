"""How worth checking a sentence is: a small learned model, offline, plain Python.

Three logistic regressions, added: one over the sentence's words and word pairs, the
first letters of its longer words, and the desk's cues (numbers, comparisons, records,
attributions, denials, names, tense, first-person statements of record, claims about an
opponent's record, opinions and hedges); one over its character 4-grams; one over the sum
of its words' vectors from a public language model. The trainer scales each by its spread
and mixes them, and a linear model over summed word vectors is one weight per word, so
one table of weights scores all three and the desk never reads a vector.
``bench/train_checkworthiness.py`` fits them on labelled debate and news sentences and
writes the weights to ``resources/models/checkworthiness.json``; Platt scaling on
held-out scores makes the output a calibrated probability, so 0.5 means "worth
checking". See ``docs/assist.md`` for the data, the split and the measured results.

Everything the trainer and the desk compute from a sentence is in ``sentence_features``,
so training and use cannot drift apart. Scoring is dictionary look-ups over those
features: no numpy, no network, linear in the sentence length.
"""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import repeat
from math import sqrt as _sqrt
from operator import itemgetter
from pathlib import Path

__all__ = [
    "CHAR_N",
    "MODEL_FORMAT",
    "CheckworthinessModel",
    "Features",
    "Score",
    "cached_model",
    "default_model_path",
    "load_model",
    "sentence_features",
]

MODEL_FORMAT = 2
# The character n-grams' length.
CHAR_N = 4

# --------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------

# Words (with an inner apostrophe), numbers as written, and the signs that matter.
# ([0-9], not \d: the Unicode digit class makes the scan twice as slow.)
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[0-9]+(?:[.,][0-9]+)*|[%$€£?]")
_DIGIT = re.compile(r"[0-9]")
_CURRENCY = frozenset("$€£")
_YEAR = re.compile(r"(?:1[89]|20)[0-9][0-9]")
# A capitalised word that does not start the sentence or a quotation: a name, roughly.
# What ``[a-z0-9,;:)] +(…)`` finds, written to start with its space so that the engine
# skips to spaces (the character before one is read by the look-behind).
_NAME = re.compile(r" (?<=[a-z0-9,;:)] ) *([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")
# "we cut", "I've voted", "we have built", "we have more teachers than": the speaker
# states their own record.
_FIRST_PERSON_RECORD = re.compile(
    r"\b(?:i|we)(?:'ve|'d| have| had| now have)? (?:(?:already|just|never|also) )?"
    r"(?:[a-z]{3,}ed|cut|built|put|brought|made|won|got|spent|sent|led|did|took|gave|paid|"
    r"sold|bought|began|grew|saw|kept|held|met|ran|wrote|set|fought|lost|left|more|fewer|"
    r"less|the (?:lowest|highest|largest|biggest|most|best|strongest|fastest))\b"
)
# "my opponent voted to cut ...", "the senator opposed ...", "under his administration".
_OPPONENT_RECORD = re.compile(
    r"\b(?:my opponent|(?:he|she|senator|governor|congressman|congresswoman|"
    r"the president|his administration|her administration)(?: has| had| also| never)?) "
    r"(?:voted|vetoed|opposed|supported|cut|raised|signed|sponsored|proposed|"
    r"promised|said|called|wanted)\b"
    r"|\b(?:his|her|their) (?:record|votes?|administration|budget|tax)\b"
    r"|\bunder (?:his|her|their|this|the last) (?:administration|leadership|watch|government)\b"
)

_CUE_WORDS: dict[str, str] = {}


def _word_set(spec: str) -> frozenset[str]:
    """Whitespace-separated words (keeps the lists readable)."""
    return frozenset(spec.split())


def _lexicon(cue: str, spec: str) -> None:
    for word in spec.split():
        _CUE_WORDS.setdefault(word, cue)


_lexicon(
    "comparison",
    """more less fewer than higher lower increase increased increases increasing decrease
    decreased decreases rose rise risen rising fell fall fallen falling grew grow grown
    growth dropped drop drops declined decline declines doubled tripled quadrupled halved
    jumped surged soared climbed plunged slumped tumbled shrank compared twice triple
    double half faster slower bigger smaller larger cheaper""",
)
_lexicon(
    "superlative",
    """most least highest lowest largest biggest smallest record first best worst ever
    fastest slowest deadliest greatest strongest weakest longest shortest only never
    unprecedented""",
)
_lexicon(
    "number word",
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
    forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million
    millions billion billions trillion trillions dozen dozens percent cent quarter third
    thirds majority""",
)
_lexicon(
    "attribution",
    """said says told according reported reports claimed claims stated announced estimated
    estimates found shows showed confirmed testified wrote tweeted alleged accused blamed
    insisted warned argued acknowledged admitted statement spokesman spokeswoman
    spokesperson officials""",
)
_lexicon(
    "denial",
    """denied denies deny denying rejected rejects dismissed disputed disputes refuted
    false untrue baseless lie lied lies lying misleading fabricated""",
)
_lexicon(
    "event",
    """killed died dead deaths injured wounded arrested charged convicted sentenced sued
    fined elected approved passed signed vetoed launched collapsed struck attacked fired
    resigned appointed banned closed opened built destroyed evacuated recalled acquired
    bought sold invaded bombed shot detained released raided seized won lost""",
)
_lexicon(
    "record in office",
    """voted vote votes bill bills law laws legislation amendment veto budget deficit debt
    taxes tax spending jobs unemployment inflation program programs funding funded
    appropriated""",
)
_lexicon(
    "opinion",
    """think believe feel hope want wish opinion should must need ought agree guess frankly
    honestly let going deserve""",
)
_lexicon(
    "hedge or forecast",
    """will would could may might expected likely probably perhaps maybe plans plan unclear
    whether possibly""",
)
_lexicon(
    "first person",
    "i we me my our us i've we've i'd we'd i'm we're",
)

# Past tense: a common irregular form, or a word of five letters or more ending in -ed.
# (Only whether it is found counts. The -ed words are read whole, then checked for their
# ending: ``[a-z]{3,}ed`` gave back one letter at a time looking for it.)
_PAST_TENSE = re.compile(
    r"\b(?:was|were|had|did|said|went|rose|fell|grew|made|took|gave|paid|cut|built|lost|"
    r"won|got|saw|sold|bought|began|led|left|kept|held|met|ran|wrote|sent|spent)\b"
    r"|\b[a-z]{5,}+(?<=ed)\b"
)
# Words without which _OPPONENT_RECORD cannot match (it is not run otherwise).
_OPPONENT_WORDS = _word_set(
    "opponent he she senator governor congressman congresswoman president his her their under"
)


@dataclass(slots=True)  # not frozen: a frozen dataclass is slower to make, per sentence
class Features:
    """What the model reads from one sentence: word features, affixes and cues.

    ``grams``: the lower-case tokens (numbers as ``<num>`` / ``<year>``) with a start mark,
    then every adjacent pair joined by a space. ``affixes``: the first four letters of
    each word longer than five (so "vetoed" and "vetoes" share ``veto``). ``cues``: the
    names of the desk's cues that fire, each with the words that fired it.
    """

    grams: list[str]
    affixes: list[str]
    cues: dict[str, str]
    # The text the character 4-grams are read from (`char_text`); `char_grams` lists them.
    chars: str = ""

    def char_grams(self) -> list[str]:
        """Every run of `CHAR_N` characters of ``chars``, in order (the trainer's view)."""
        text = self.chars
        return [text[i : i + CHAR_N] for i in range(len(text) - CHAR_N + 1)]


def char_text(low: str, digits: bool = True) -> str:
    """What the character n-grams are read from: the lower-case text with its runs of
    white space made one space, every digit made 0, and a space at each end.
    ``digits`` False: the caller knows there is no digit (nothing to replace)."""
    joined = " ".join(low.split())
    return " " + (_DIGIT.sub("0", joined) if digits else joined) + " "


def _fold_table() -> dict[int, str]:
    """Each accented Latin letter (À to ɏ) as its letter ("é" → "e", "Ğ" → "G", "ø" → "o"),
    one character for one, so a word's place in the text stays where it was."""
    table = {}
    for code in range(0xC0, 0x250):
        letter = unicodedata.normalize("NFKD", chr(code))[:1]
        if letter.isascii() and letter.isalpha():
            table[code] = letter
    table.update({ord(a): b for a, b in zip("ßæÆøØœŒłŁđĐıþÞðÐ", "saAoOoOlLdDitTdD", strict=True)})
    return table


_FOLD = _fold_table()
_ACCENTED = re.compile("[\u00c0-\u024f]")


def _as_read(text: str) -> tuple[str, str]:
    """The text as the model reads it: ``text`` with its accented Latin letters as plain
    ones ("Erdoğan" as "Erdogan", not cut at the "ğ"; the same length, so a name found in
    it is sliced from ``text`` as written), and that in lower case with its typeset
    apostrophes and quotation marks (’ ‘ “ ”) made typed ones (' "): news copy is
    typeset, the debates the model learnt from are typed."""
    if text.isascii():  # most text: nothing typeset, nothing accented
        return text, text.lower()
    folded = text.translate(_FOLD) if _ACCENTED.search(text) else text
    low = folded.lower().replace("’", "'").replace("‘", "'")
    return folded, low.replace("“", '"').replace("”", '"')


# Capitalised, so the name cue fires on them (the model learnt it so), but not names.
_DATE_WORDS = _word_set(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December"""
)


def _shown_name(names: list[str]) -> str:
    """The name a reason shows: the first that is not only a day or month, without the day
    or month before it ("On Friday Pedro Sánchez said" → "Pedro Sánchez"); else the
    first day or month, which a reason calls a date."""
    if names[0].split(" ", 1)[0] not in _DATE_WORDS:
        return names[0]  # most sentences: the first name is a name
    for name in names:
        words = name.split()
        while words and words[0] in _DATE_WORDS:
            del words[0]
        if words:
            return " ".join(words) if len(words) < len(name.split()) else name
    return names[0]


def _names_as_written(text: str, folded: str) -> list[str]:
    """The names found in the ``folded`` text, as ``text`` spells them ("Erdoğan")."""
    return [text[found.start(1) : found.end(1)] for found in _NAME.finditer(folded)]


def _percent_at(tokens: list[str], low: str) -> int:
    """Where the sentence's first percent sign or word is ("%", "percent", the "per" of
    "per cent"), or -1: the words "per cent", not the letters ("su-per cent-re")."""
    if "%" in tokens:
        return tokens.index("%")
    if "percent" in tokens:
        return tokens.index("percent")
    if "per cent" in low:  # the quick test; then the words
        for at in range(len(tokens) - 1):
            if tokens[at] == "per" and tokens[at + 1] == "cent":
                return at
    return -1


def _percentage(written: list[str], tokens: list[str], at: int, first_number: str) -> str:
    """A percentage as a reason shows it, with its unit (at ``at``) as written ("3.5%",
    "2 percent", "5.4 per cent"): the number just before it, else the first number."""
    unit = {"%": "%", "percent": " percent"}.get(tokens[at], " per cent")
    number = written[at - 1] if at > 0 and tokens[at - 1] == "<num>" else first_number
    return number + unit


def _number_token(token: str) -> str:
    if token[0].isdigit():
        return "<year>" if len(token) == 4 and _YEAR.fullmatch(token) else "<num>"
    return token


def sentence_features(text: str) -> Features:
    """Every feature of one sentence (the trainer and the desk both call this).

    Written for speed (the desk scores 10,000 sentences in a fraction of a second): the
    loops over words are C-level (``map``, ``filter``), and each regular expression runs
    only when a word it needs is there.
    """
    folded, low = _as_read(text)
    tokens = _TOKEN.findall(low)
    cues: dict[str, str] = {}
    digits = _DIGIT.search(low) is not None
    if digits:
        written = tokens
        tokens = [t if t[0] > "9" else _number_token(t) for t in tokens]
        numbers = [w for w, t in zip(written, tokens, strict=True) if t == "<num>"]
        if numbers:
            unit_at = _percent_at(tokens, low)
            if unit_at >= 0:
                cues["percentage"] = _percentage(written, tokens, unit_at, numbers[0])
            elif not _CURRENCY.isdisjoint(tokens):
                sign = next(t for t in tokens if t in _CURRENCY)
                cues["money"] = sign + numbers[0]
            else:
                cues["number"] = numbers[0]
        if "<year>" in tokens:
            cues["year"] = written[tokens.index("<year>")]
    grams = ["<s>", *tokens]
    # Adjacent pairs (`zip` stops at the last token; one string made per pair).
    grams += map(" ".join, zip(grams, tokens, strict=False))
    affixes = [t[:4] for t in tokens if len(t) > 5]
    for token in filter(_CUE_WORDS.__contains__, tokens):
        cues.setdefault(_CUE_WORDS[token], token)
    if _PAST_TENSE.search(low):
        cues["past tense"] = ""
    if "has" in tokens or "have" in tokens or "'ve" in low:
        cues["has / have"] = ""
    names = _NAME.findall(folded) if folded is text else _names_as_written(text, folded)
    if names:
        cues["name"] = _shown_name(names)
        if len(names) > 2:
            cues["several names"] = ", ".join(names[:3])
    if "first person" in cues:
        record = _FIRST_PERSON_RECORD.search(low)
        if record:
            cues["first-person record"] = record.group()
    if not _OPPONENT_WORDS.isdisjoint(tokens):
        opponent = _OPPONENT_RECORD.search(low)
        if opponent:
            cues["opponent's record"] = opponent.group()
    if "?" in tokens:
        cues["question"] = ""
    if '"' in low:
        cues["quotation"] = ""
    n = len(tokens)
    cues[_LENGTH[0 if n <= 5 else 1 if n <= 10 else 2 if n <= 25 else 3]] = ""
    return Features(grams, affixes, cues, char_text(low, digits))


_LENGTH = ("length 1-5", "length 6-10", "length 11-25", "length 26+")


# --------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------

# How a cue reads in a suggestion's reasons ("{}" is where the words that fired it go).
CUE_WORDS_FOR_READERS: Mapping[str, str] = {
    "percentage": "a percentage ({})",
    "money": "a sum of money ({})",
    "number": "a number ({})",
    "year": "a year ({})",
    "number word": "a quantity ({})",
    "comparison": "a comparison ({})",
    "superlative": "a record or superlative ({})",
    "attribution": "attributed ({})",
    "denial": "a denial ({})",
    "event": "an event ({})",
    "record in office": "a policy record ({})",
    "first-person record": "the speaker's own record ({})",
    "opponent's record": "about someone's record ({})",
    "name": "a name ({})",
    "several names": "several names ({})",
    "past tense": "stated in the past tense",
    "has / have": "states what has happened",
    "opinion": "an opinion ({})",
    "hedge or forecast": "a forecast or hedge ({})",
    "first person": "first person ({})",
    "question": "a question",
    "quotation": "a quotation",
}


@dataclass(frozen=True, slots=True)
class Score:
    """A sentence's calibrated check-worthiness and the strongest reasons for it."""

    probability: float
    reasons: tuple[str, ...]


class CheckworthinessModel:
    """The trained weights; ``score`` a sentence, ``probability`` when no reasons are needed."""

    def __init__(
        self,
        bias: float,
        grams: dict[str, float],
        affixes: dict[str, float],
        cues: dict[str, float],
        calibration: tuple[float, float],
        chars: dict[str, float] | None = None,
    ) -> None:
        self.bias = bias
        self.grams = grams
        self.affixes = affixes
        self.cues = cues
        self.calibration = calibration
        self.chars = chars or {}
        # Keyed by their characters as a tuple: `zip` makes those at C speed from the text,
        # without a string slice per n-gram.
        self._char_tuples = {tuple(gram): w for gram, w in self.chars.items()}
        # Bound once: each is looked up for every feature of every sentence.
        self._gram_weight = grams.get
        self._affix_weight = affixes.get
        self._cue_weight = cues.get
        self._char_weight = self._char_tuples.get
        # The words a reason may name: those that say something on their own.
        self._explainable = {g: w for g, w in grams.items() if not _says_nothing(g)}
        # For each way the score may go (worth checking or not), the cues a reason may name
        # (those that moved it that way by more than 0.1), with what they added and how
        # they read: `explain` looks them up instead of weighing every cue again.
        self._reasons_by_cue = {
            worth: {
                cue: (weight * sign, CUE_WORDS_FOR_READERS[cue])
                for cue, weight in cues.items()
                if cue in CUE_WORDS_FOR_READERS and weight * sign > 0.1
            }
            for worth, sign in ((True, calibration[0]), (False, -calibration[0]))
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> CheckworthinessModel:
        """The model from its weights file's JSON (refuses another format)."""
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"check-worthiness weights: format {data.get('format')!r}")
        weights = data["weights"]
        calibration = data["calibration"]
        if not isinstance(weights, Mapping) or not isinstance(calibration, Mapping):
            raise ValueError("check-worthiness weights: malformed file")
        return cls(
            _number(data["bias"]),
            _table(weights["grams"]),
            _table(weights["affixes"]),
            _table(weights["cues"]),
            (_number(calibration["a"]), _number(calibration["b"])),
            _table(weights["chars"]),
        )

    def raw_score(self, features: Features) -> float:
        """The uncalibrated log-odds of a sentence's features.

        Words, pairs and affixes count divided by the square root of how many there are
        (a long sentence is not worth checking for its length alone), and so do character
        4-grams; cues count once.
        """
        grams, affixes, text = features.grams, features.affixes, features.chars
        words = sum(map(self._gram_weight, grams, repeat(0.0)))
        words += sum(map(self._affix_weight, affixes, repeat(0.0)))
        cues = sum(map(self._cue_weight, features.cues, repeat(0.0)))
        runs = zip(text, text[1:], text[2:], text[3:], strict=False)  # 4-grams, as tuples
        chars = sum(map(self._char_weight, runs, repeat(0.0)))
        # (`word_feature_count` and `char_feature_count`, written out: this runs per sentence)
        return (
            self.bias
            + words / _sqrt(len(grams) + len(affixes))
            + cues
            + chars / _sqrt(max(1, len(text) - CHAR_N + 1))
        )

    def calibrated(self, raw: float) -> float:
        """Platt scaling: the probability that a sentence with this raw score is worth checking."""
        a, b = self.calibration
        z = a * raw + b
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def probability(self, text: str) -> float:
        return self.calibrated(self.raw_score(sentence_features(text)))

    def score(self, text: str, reasons: int = 3) -> Score:
        """Probability and the ``reasons`` strongest features for (or, when below 0.5,
        against) checking the sentence, in words."""
        features = sentence_features(text)
        p = self.calibrated(self.raw_score(features))
        return Score(p, self.explain(text, features, p >= 0.5, reasons))

    def explain(
        self, text: str, features: Features, worth: bool, count: int = 3
    ) -> tuple[str, ...]:
        """The cues and words that moved the score most the way it went, strongest first.

        Each is weighed by what it added to the log-odds (a word's weight shrinks with the
        sentence's length, as in ``raw_score``); words that say nothing on their own
        ("the", "were") and character 4-grams are left out."""
        sign = self.calibration[0] if worth else -self.calibration[0]
        cues = features.cues
        readable = self._reasons_by_cue[worth]
        found = [(*readable[cue], cues[cue]) for cue in filter(readable.__contains__, cues)]
        if "name" in readable and cues.get("name", "").split(" ", 1)[0] in _DATE_WORDS:
            # A day or month fires the name cue (the model learnt it so); say what it is.
            found = [
                (added, "a date ({})", words)
                if wording == CUE_WORDS_FOR_READERS["name"]
                else (added, wording, words)
                for added, wording, words in found
            ]
        if cues.get("number word") in ("percent", "cent") and "percentage" in cues:
            # "a percentage (2 percent)" says it: not "a quantity (percent)" beside it too.
            found = [reason for reason in found if reason[2] not in ("percent", "cent")]
        weights = list(map(self._explainable.get, features.grams, repeat(0.0)))
        scale = sign / _sqrt(len(features.grams) + len(features.affixes))
        word = _strongest_word(features.grams, weights, worth, scale, found)
        if word:
            found.append((word[0], "the words “{}”", _as_written(word[1], text)))
        found.sort(key=itemgetter(0), reverse=True)  # stable, as with key -added
        return tuple([wording.format(words) for _, wording, words in found[:count]])


# Words that explain nothing on their own, however much weight the model gives them
# (and the signs whose cues say it better: "a percentage (3.5%)", not "the words “%”").
FUNCTION_WORDS = _word_set(
    """<s> <num> <year> a an the of in on at to for by with from and or but so as is are
    was were be been being has have had do does did it its this that these those there
    here i we you he she they me us him her them my our your his their what which who
    whom how why when where not no just very well now then also can will would could
    should may might must it's that's there's here's what's who's let's i'm you're we're
    they're he's she's i've you've we've they've i'd you'd we'd they'd he'd she'd i'll
    you'll we'll they'll he'll she'll it'll don't doesn't didn't isn't aren't wasn't
    weren't can't won't wouldn't couldn't shouldn't haven't hasn't hadn't uh um oh am
    per about since into onto upon over after before until while through during up out
    off down % $ € £ ?"""
)


def _strongest_word(
    grams: list[str],
    weights: list[float],
    worth: bool,
    scale: float,
    found: list[tuple[float, str, str]],
) -> tuple[float, str] | None:
    """The word feature that moved the score most the way it went (its contribution and
    words), when it moved it by more than 0.1, leaving out those that only repeat the
    cues ``found`` name: "a name (Dutch)" and then "the words “dutch”" would say one
    thing twice. ``weights`` (each feature's, in ``grams``' order) is used up."""
    named: str | None = None
    while True:
        strongest = max(weights) if worth else min(weights)
        contribution = strongest * scale
        if contribution <= 0.1:
            return None
        at = weights.index(strongest)
        gram = grams[at]
        if named is None:
            named = " ".join([words for _, _, words in found]).lower()
        if not _named_already(gram, named):
            return contribution, gram
        weights[at] = 0.0


def _named_already(gram: str, named: str) -> bool:
    """True when every word of ``gram`` is a function word or one of the ``named`` words."""
    if gram not in named and not (" " in gram and any(w in named for w in gram.split(" "))):
        return False  # the quick test: most words are nowhere in the cues' words
    shown = f" {named.replace(',', ' ')} "  # each word between spaces ("several names")
    return all(w in FUNCTION_WORDS or f" {w} " in shown for w in gram.split(" "))


def _as_written(gram: str, text: str) -> str:
    """A word feature as the sentence ``text`` has it, for a reader: without the mark of
    the sentence's start, its numbers as written ("<s> officials" → "officials",
    "<num> years" → "35 years")."""
    if "<" not in gram and text.isascii():
        return gram  # most words: as they are
    words = gram.split(" ")
    if words[0] == "<s>":
        del words[0]
    accented = not text.isascii() and _ACCENTED.search(text) is not None
    if "<num>" in words or "<year>" in words or accented:
        low = _as_read(text)[1]
        spans = [found.span() for found in _TOKEN.finditer(low)]
        read = [_number_token(low[start:end]) for start, end in spans]
        # The words as typed, accents and all ("café": folding keeps every letter's place).
        shown = text.lower() if accented and len(text.lower()) == len(low) else low
        for at in range(len(read) - len(words) + 1):
            if read[at : at + len(words)] == words:
                return " ".join(shown[start:end] for start, end in spans[at : at + len(words)])
    return " ".join(words)


def _says_nothing(gram: str) -> bool:
    """True when every word of ``gram`` is a function word or a placeholder."""
    return FUNCTION_WORDS.issuperset(gram.split(" "))


# --------------------------------------------------------------------------
# The shipped weights, loaded once, lazily
# --------------------------------------------------------------------------


def _number(value: object) -> float:
    """A weight as the file holds it: a finite JSON number. Text ("0.5"), a list or NaN in
    a file damaged or edited by hand loaded as the model, and every score then raised
    (TypeError, in the window's suggestion steps: they never came) or read "nan"."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"check-worthiness weights: {value!r} is not a weight")
    return float(value)


def _table(value: object) -> dict[str, float]:
    """A table of weights, each checked as `_number` does (a few ms for the shipped file);
    the weights themselves kept as they are."""
    if not isinstance(value, Mapping):
        raise ValueError("check-worthiness weights: malformed file")
    for key, weight in value.items():
        if not isinstance(key, str):
            raise ValueError("check-worthiness weights: malformed file")
        _number(weight)
    return dict(value)


def default_model_path() -> Path:
    """``resources/models/checkworthiness.json`` in the bundle or the source tree."""
    from factcheck_app import config

    return config.bundle_root() / "resources" / "models" / "checkworthiness.json"


_lock = threading.Lock()
_loaded: dict[Path, CheckworthinessModel | None] = {}


def load_model(path: Path | None = None) -> CheckworthinessModel | None:
    """The model in ``path`` (default: the shipped one), read once per process.

    None when the file is missing or unreadable: the assist then falls back to its rules.
    Thread-safe: the window loads it in a worker thread before it first needs it.
    """
    path = path or default_model_path()
    with _lock:
        if path in _loaded:
            return _loaded[path]
        model: CheckworthinessModel | None
        try:
            data = json.loads(path.read_bytes())
            model = CheckworthinessModel.from_dict(data)
        # AttributeError: JSON of another shape (`[]`, `null`) has no `.get`; RecursionError:
        # brackets nested past the parser's depth. Both left the window's suggestions
        # waiting for ever and `suggest` ending in a traceback.
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            model = None
        _loaded[path] = model
        return model


def cached_model(path: Path | None = None) -> tuple[bool, CheckworthinessModel | None]:
    """(already loaded?, the model) without reading anything: never blocks on the file."""
    path = path or default_model_path()
    with _lock:
        if path in _loaded:
            return True, _loaded[path]
        return False, None


def word_feature_count(features: Features) -> int:
    """How many word, pair and affix features a sentence has (at least 1: the start mark)."""
    return len(features.grams) + len(features.affixes)


def char_feature_count(features: Features) -> int:
    """How many character 4-grams a sentence has (at least 1)."""
    return max(1, len(features.chars) - CHAR_N + 1)


def iter_feature_names(features: Features) -> Iterable[tuple[str, str]]:
    """(block, name) of every feature, in order: the trainer's view of a sentence."""
    for g in features.grams:
        yield "grams", g
    for a in features.affixes:
        yield "affixes", a
    for c in features.cues:
        yield "cues", c
