"""Per-language data for the sentence splitter: one table per language, no code.

Each module in this package (``en``, ``es``, ``fr``, ``de``, ``it``, ``ru``, ``ar``,
``hy``) defines ``TABLE``, a ``LanguageTable`` of what a reader of that language knows
about where a sentence ends: its sentence-final punctuation, its quotation marks, its
abbreviations (by how they behave before the next word), the words that commonly start
a sentence, the words of its datelines, stamps and photo captions.
``factcheck_app.domain.segmentation`` reads these tables; it has no language branches.

The lists were written from grammars, style guides and abbreviation lists of each
language (see docs/segmentation.md), not from other splitters' test suites.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = [
    "DEFAULT_LANGUAGE",
    "GENERIC",
    "SUPPORTED",
    "UNDETERMINED",
    "LanguageTable",
    "abbreviations",
    "language_name",
    "phrases",
    "table_for",
    "words",
]

# The code stored for an article whose language could not be told (BCP 47 "und"): it is
# split with GENERIC, the rules every language here shares.
UNDETERMINED = "und"
# The language of a text too short to tell in plain Latin letters (`langid`), and of the
# assist's full rules.
DEFAULT_LANGUAGE = "en"

# How an abbreviation behaves before a capitalised word or a number (the splitter's
# `_abbreviation_class` documents each): never, title, time, company, place, city,
# number, ambiguous, address, year.
ABBREVIATION_CLASSES = (
    "never",
    "title",
    "time",
    "company",
    "place",
    "city",
    "number",
    "ambiguous",
    "address",
    "year",
    "plain",
)


def words(spec: str) -> frozenset[str]:
    """Whitespace-separated word list (keeps the tables readable)."""
    return frozenset(spec.split())


def abbreviations(**classes: str) -> Mapping[str, str]:
    """``abbreviations(title="Mr Dr", number="No")`` → {"Mr": "title", …}.

    A word listed under two classes keeps the first one in ABBREVIATION_CLASSES order
    (so "St" listed as title and number is a title)."""
    unknown = set(classes) - set(ABBREVIATION_CLASSES)
    if unknown:
        raise ValueError(f"unknown abbreviation classes: {sorted(unknown)}")
    table: dict[str, str] = {}
    for cls in ABBREVIATION_CLASSES:
        for word in classes.get(cls, "").split():
            table.setdefault(word, cls)
    return table  # a plain dict: looked up for every candidate, faster than a proxy


def phrases(**classes: str) -> Mapping[str, str]:
    """``phrases(never="z. B, d. h")`` → {"z. B": "never", "d. h": "never"}: two-word
    abbreviations, comma-separated, each without its last full stop."""
    unknown = set(classes) - set(ABBREVIATION_CLASSES)
    if unknown:
        raise ValueError(f"unknown abbreviation classes: {sorted(unknown)}")
    table: dict[str, str] = {}
    for cls in ABBREVIATION_CLASSES:
        for phrase in classes.get(cls, "").split(","):
            if phrase.strip():
                table.setdefault(" ".join(phrase.split()), cls)
    return table


_EMPTY: frozenset[str] = frozenset()


def _no_abbreviations() -> Mapping[str, str]:
    return {}


@dataclass(frozen=True, slots=True)
class LanguageTable:
    """What the splitter knows about one language. Every field is data.

    Regex fields (``stamp_keywords``, ``months``, ``weekdays``, ``date_joiners``,
    ``time_words``) are alternations of plain words; the splitter builds its patterns
    from them, so they must hold no nested quantifiers.
    """

    code: str  # ISO 639-1
    name: str  # in English, as the desk shows it
    native: str  # in the language itself
    # -- punctuation ----------------------------------------------------------------
    # Characters that end a sentence when whitespace (or the end) follows them.
    terminals: str = ".!?\u2026\u203c\u2047\u2048\u2049"
    # Of those, the ones that end a question or an exclamation (a lowercase word or a
    # speech verb after them continues the sentence: '"Why?" asked the mayor.').
    strong_terminals: str = "?!\u203c\u2047\u2048\u2049"
    # Quotation marks and brackets that open / close (a closing one stays with the
    # sentence it ends). Straight quotes are in both.
    openers: str = "\"'\u201c\u2018\u00ab\u2039([{"
    closers: str = "\"'\u201d\u2019\u00bb\u203a)]}"
    # Closers that may follow a (no-break) space: French « Non. »
    spaced_closers: str = ""
    # Marks that open a sentence from inside it: Spanish ¿ ¡.
    inverted: str = ""
    # A dash before the next word opens a turn of dialogue ("—No —respondió."), so
    # after a full stop it starts a sentence unless a lowercase word follows it.
    dialogue_dash: bool = False
    # A full stop before an opening quotation mark stands for a colon (Armenian
    # միջակետ: "Նա ասաց. «…»"), so it does not end the sentence there.
    colon_dot: bool = False
    # The script has no capital letters (Arabic): a word after a full stop is treated
    # as a capital, so abbreviations alone decide.
    caseless: bool = False
    # One-letter words written joined to the next (Arabic و "and", ف "so", ب "by"):
    # "ود." is "و" + "د." (and Dr.).
    proclitics: str = ""
    # A next word starting with one of these (Arabic و, ف) starts a sentence.
    starter_prefixes: str = ""
    # Capital letters as a regex class body, for datelines ("МОСКВА, 5 мая").
    upper: str = "A-Z"
    # "am 3. Oktober": a number of up to three digits with a full stop is an ordinal, and
    # ends a sentence only before a common sentence starter (German).
    ordinal_dots: bool = False
    # -- abbreviations ----------------------------------------------------------------
    # The word before the full stop (without it) → its class, see ABBREVIATION_CLASSES.
    abbreviations: Mapping[str, str] = field(default_factory=_no_abbreviations)
    # Two-word abbreviations, the two words without their last full stop joined by one
    # space ("т. д", "z. B", "p. m"): they win over the last word's own class.
    multiword: Mapping[str, str] = field(default_factory=_no_abbreviations)
    # -- words -------------------------------------------------------------------------
    # Words that frequently start a sentence (decide ambiguous abbreviations).
    starters: frozenset[str] = _EMPTY
    # A stricter set for single line breaks: no nouns.
    line_starters: frozenset[str] = _EMPTY
    # A line ending with one of these continues on the next line (hard wrap).
    continuation_words: frozenset[str] = _EMPTY
    # Lowercase words a Title Case headline may hold.
    title_lower: frozenset[str] = _EMPTY
    # Country and capital names: after a place acronym ("U.K.") they start a sentence.
    places: frozenset[str] = _EMPTY
    # Words that take a letter designation: "Plan B.", "vitamin D.".
    letter_designators: frozenset[str] = _EMPTY
    # Verbs of saying after a quoted question and a name: '"Why?" Smith asked.'
    speech_verbs: frozenset[str] = _EMPTY
    # Lowercase words that may sit in a speaker's name and title ("spokesman").
    title_words: frozenset[str] = _EMPTY
    # After a company abbreviation ("Inc."), these go on: "Apple Inc. Chief Executive".
    company_next: frozenset[str] = _EMPTY
    # After a time abbreviation ("p.m."), these go on: "7 p.m. Sunday".
    time_next: frozenset[str] = _EMPTY
    # "8 p.m. Moscow time": the word for local time after a place name.
    local_time: str = "time"
    # A fronted time phrase opens a sentence: "At 6 p.m. Dr. Lee said…".
    time_intro: frozenset[str] = _EMPTY
    # After a "city" abbreviation ("D.C."), these go on: "D.C. Mayor".
    city_next: frozenset[str] = _EMPTY
    # Titles that are also street words ("St.", "Dr."): after a capitalised street name
    # ("on Main St.") they end the sentence before a common sentence starter.
    street_titles: frozenset[str] = _EMPTY
    # After an "address" abbreviation ("Ave."), these go on: "Rhode Island Ave. NW".
    address_next: frozenset[str] = _EMPTY
    # -- stamps, datelines, captions --------------------------------------------------
    stamp_keywords: str = ""  # "Updated", "Publié le": regex alternation
    months: str = ""  # month names and their abbreviations: regex alternation
    weekdays: str = ""  # weekday names: regex alternation
    date_joiners: str = ""  # words between day, month and year: "de", "of"
    time_words: str = ""  # after a time: "Uhr", "h", "ч."
    # News agencies in datelines: "Moscow (Reuters) -", "Ереван /Новости-Армения/".
    agencies: frozenset[str] = _EMPTY
    # Caption and credit labels (regex alternation): a line that starts with one and a
    # colon is a line of its own ("Photo: Reuters", "File photo: …").
    captions: str = ""


# The languages with a table of their own, in the order the desk lists them.
SUPPORTED: tuple[str, ...] = ("en", "es", "fr", "de", "it", "ru", "ar", "hy")


def _load() -> dict[str, LanguageTable]:
    # Imported by name, not by importlib: the installer's bundler must see each module.
    from factcheck_app.domain.languages import ar, de, en, es, fr, generic, hy, it, ru

    tables = [en, es, fr, de, it, ru, ar, hy, generic]
    found = {module.TABLE.code: module.TABLE for module in tables}
    assert tuple(found)[: len(SUPPORTED)] == SUPPORTED
    return found


TABLES: Mapping[str, LanguageTable] = MappingProxyType(_load())
GENERIC: LanguageTable = TABLES[UNDETERMINED]


def table_for(code: str | None) -> LanguageTable:
    """The table for an ISO 639-1 code; GENERIC for "und" or a language without one."""
    if not code:
        return TABLES["en"]
    return TABLES.get(code.lower(), GENERIC)


def language_name(code: str) -> str:
    """ "Spanish" for "es"; "Other language" for "und"; the code itself when unknown."""
    table = TABLES.get(code)
    if table is None:
        return code
    return table.name
