"""What the sentence splitter (`segmentation.py`) matches with: the character classes
every language shares, date and time stamps, and the patterns compiled from one
language's table (once per language and process)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck_app.domain.languages import LanguageTable, table_for

# --------------------------------------------------------------------------
# Character classes shared by every language
# --------------------------------------------------------------------------

# Line breaks as str.splitlines() understands them (\r\n counts once).
LB = "\\n\\r\\x0b\\x0c\\x1c\\x1d\\x1e\\x85\\u2028\\u2029"
LINEBREAK = rf"(?:\r\n|[{LB}])"
# Horizontal whitespace = any whitespace that is not a line break.
HSPACE = rf"[^\S{LB}]"
# Invisible direction marks that may sit after a sentence's last character in
# right-to-left text (LRM, RLM, ALM, pop formatting / isolate): they stay with it.
BIDI = "\u200e\u200f\u061c\u202c\u2069"
# Any quotation mark, bracket or inverted mark that may stand before the next
# sentence's first word, in any of the languages.
ANY_OPENER = (
    "\"'\u201c\u2018\u201e\u201a\u00ab\u2039\u00bb\u203a\u201d\u2019([{\u00bf\u00a1"
    "\u300c\u300e\uff62"  # Japanese corner brackets 「, 『, ｢ (since fcdesk-5)
)
DASHES = "\u2014\u2013"
# After a full stop, a next token starting with one of these continues the sentence.
NO_SPLIT_NEXT = ",;:)%\u2014\u2013-\u060c\u061b/"
# The corner brackets that close a Japanese quote (since fcdesk-5), and the particles that
# carry a sentence on after one, a token of their own in text written with spaces between
# words ("映画 「君の名は。」 が 公開された。", half-width "｡｣ ﾄ ﾉﾍﾞﾏｼﾀ｡"): no Japanese
# sentence starts with one. A longer word starting so ("でも", "では") may start one.
CORNER_CLOSERS = "\u300d\u300f\uff63"
JAPANESE_PARTICLE = re.compile(
    "(?:[はがをにのとでもへや]|って|から|まで|より|[ﾊｦﾆﾉﾄﾓﾍﾔ]|ｶﾞ|ﾃﾞ|ｯﾃ)[、，､,]?"
)
NO_SPLIT_AFTER_STRONG = ",;:)\u2014\u2013-\u060c\u061b"

# A blank line (possibly several, possibly holding spaces) or a Unicode
# paragraph separator always ends a segment.
# Every run of line breaks: one break, or a blank line (several).
# (Its first break written as one class, then the "\n" of a "\r\n": a pattern that starts
# with a class lets the engine skip to the characters that can start a match, instead of
# trying one at every character of the text.)
BREAKS = re.compile(rf"[{LB}](?:(?<=\r)\n)?(?:{HSPACE}*{LINEBREAK})*")
LINE_SEP = re.compile(LINEBREAK)
# A run of one line break: it stays inside a block (U+2029 always ends one).
SINGLE_BREAKS = frozenset(["\r\n", *"\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028"])
LEADING_WS = re.compile(r"\s*")
LETTERS = re.compile(r"[^\W\d_]+")
DOTTED_INITIALS = re.compile(r"(?:[^\W\d_]\.-?)+[^\W\d_]")  # "W.E.B.", "J.-P."
# Lowercase brands and terms that start sentences: iPhone, eBay, mRNA.
CAMEL_BRAND = re.compile(r"[a-z]{1,4}[A-Z]")
# List items at the start of a line: "1. ", "a) ", "- ", "* ", "• ".
BULLETS = "\u2022\u2023\u25cf\u25aa\u25e6"
LIST_MARKER = re.compile(rf"(?:\d{{1,3}}[.)]|[A-Za-z][.)]|[-*{BULLETS}]){HSPACE}")
# An inline list: items "1.)", "2)", "a.", "• 3." inside one segment.
ITEM = re.compile(
    rf"(?:([{BULLETS}]){HSPACE}*)?(?:(\d{{1,3}})|([A-Za-z]))(?:\.\)|[.)])(?=\s)"
    rf"|([{BULLETS}])(?=\s)"
)
ITEM_START = frozenset("0123456789" + BULLETS)
DOT_PAREN = (".", ")")
ROMAN = re.compile(r"[IVXLC]{1,7}")
TIMEZONE = re.compile(r"^(?:[A-Z]{1,4}T|UTC|GMT|Z|Zulu)(?:[+-]\d{1,2}(?::?\d\d)?)?$")
# Wrap widths above this are implausible: such lines are whole paragraphs.
MAX_WRAP = 160

# Stamps: dates and times every language writes alike.
TZ = (
    r"(?:\(?(?:UTC|GMT|CET|CEST|EET|EEST|WET|WEST|BST|IST|MSK|\u041c\u0421\u041a|EST|EDT|CST"
    r"|CDT|MST|MDT|PST|PDT|AKST|AKDT|HST|AST|ADT|AMT|AZT|GST|TRT|JST|KST|HKT|SGT|AEST|AEDT"
    r"|ET|PT|CT|MT)(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?\)?(?![\w&]))"
)
NUMERIC_DATE = (
    r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}/\d\d/\d\d"
)
CLOCK = (
    r"(?:\d{1,2}(?:[:h]\d\d){1,2}(?:\s*(?:[ap]\.m\.|[AaPp][Mm]\b))?"
    r"|\d{1,2}\s*(?:[ap]\.m\.|[AaPp][Mm]\b))"
)


# --------------------------------------------------------------------------
# Rules compiled from one language's table
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rules:
    """A table and the patterns built from it (once per language and process)."""

    table: LanguageTable
    candidate: re.Pattern[str]
    closer_chars: str  # stripped from a candidate to get its punctuation
    strong: re.Pattern[str]  # a question or exclamation mark
    openers: str
    lead_chars: str  # opening marks stripped from the word before a candidate
    keyword_stamp: re.Pattern[str] | None
    bare_stamp_line: re.Pattern[str]
    dateline: re.Pattern[str]
    caption: re.Pattern[str] | None
    continuation_end: re.Pattern[str]
    terminal_end: re.Pattern[str]
    city_time: re.Pattern[str]


def _alternation(spec: str) -> str:
    return f"(?:{spec})" if spec else "(?!)"


def compile_rules(table: LanguageTable) -> Rules:
    terminals = re.escape(table.terminals)
    closers = re.escape(table.closers + BIDI)
    spaced = re.escape(table.spaced_closers)
    closing = f"[{closers}]"
    if spaced:
        closing = f"(?:[{closers}]|[ \\u00a0\\u202f][{spaced}])"
    openers = re.escape(ANY_OPENER + table.openers + table.inverted)
    # Candidate sentence ends: a spaced ellipsis (". . ."), a run of terminal
    # punctuation or a dash that cuts speech off, then optional closing quotes or
    # brackets, then whitespace or the end of the segment (finditer's endpos).
    # The lookahead captures what follows (opening punctuation, next token)
    # without consuming it, so one regex pass yields everything a decision needs.
    # A run of punctuation is tried from its first character only, and never
    # given back: from a later one it ends in the same place and fails the same
    # way, and `"." * n + "x"` took time n² (minutes for 20 KB; issue 13).
    # A dash counts when attached to the word before it, or right before a closing quote.
    # The pattern starts with the class of every alternative's first character, so that
    # the engine skips to those (one starting with an alternation is tried at every
    # character of the text); each alternative then checks which one it was. The same
    # matches as "(?:\.(?:[ \u00a0]\.){2,3}|(?<![T])[T]++|[D](?:(?<=[^\sD-][D])|(?=[C]))
    # |--(?<=[^\sD-]--))…", T the terminals, D the dashes, C the closers.
    candidate = re.compile(
        rf"[{terminals}{DASHES}\-](?:(?<=\.)(?:[ \u00a0]\.){{2,3}}"
        rf"|(?<![{terminals}].)(?<=[{terminals}])[{terminals}]*+"
        rf"|(?<=[{DASHES}])(?:(?<=[^\s{DASHES}-][{DASHES}])|(?=[{closers}]))"
        rf"|(?<=-)-(?<=[^\s{DASHES}-]--)){closing}*+"
        rf"(?=\s+([{openers}]*)(\S*)|\Z)"
    )
    month = f"(?:{table.months})\\.?" if table.months else "(?!)"
    weekday = f"(?:(?:{table.weekdays})\\.?,?\\s+)?" if table.weekdays else ""
    joiner = f"(?:\\s+(?:{table.date_joiners}))?" if table.date_joiners else ""
    year_joiner = f"(?:(?:{table.date_joiners})\\s+)?" if table.date_joiners else ""
    words_after = f"(?:{HSPACE}*(?:{table.time_words}))?" if table.time_words else ""
    date = (
        f"(?:(?:{NUMERIC_DATE})(?:{HSPACE}*{TZ})?"
        f"|{weekday}{month}\\s+\\d{{1,2}}(?:st|nd|rd|th)?(?:,?\\s+\\d{{4}})?"
        f"|{weekday}\\d{{1,2}}(?:st|nd|rd|th|er|\\.|\u00ba)?{joiner}\\s+{month}"
        f"(?:,?\\s+{year_joiner}\\d{{4}})?){words_after}"
    )
    clock = f"{CLOCK}{words_after}(?:{HSPACE}*{TZ})?"
    item = f"(?:{date}|{clock})"
    joiners = f"|{table.date_joiners}" if table.date_joiners else ""
    # Not `\s*(?:sep)?\s*`: two quantifiers over one run of spaces try every way
    # of sharing it, and "Posted 3:45" before a long run of spaces took time n²;
    # an unbounded run of items that read several ways took minutes (issue 13).
    sep = f"(?:{HSPACE}*(?:(?:[,|/\u00b7\u2022\u2013\u2014-]|\\b(?:at|on{joiners})\\b){HSPACE}*)?)"
    body = f"{item}(?:{sep}{item}){{0,7}}"
    keyword_stamp = None
    if table.stamp_keywords:
        keyword_stamp = re.compile(
            f"(?i:{table.stamp_keywords})(?:{HSPACE}*:)?{HSPACE}+{body}{HSPACE}*[,.|]?(?=\\s|\\Z)"
        )
    upper = table.upper
    agencies = "|".join(re.escape(a) for a in sorted(table.agencies, key=len, reverse=True))
    # "ANKARA (Reuters) -", "NEW YORK, Oct 7", "MOSCOW –", and a mixed-case place
    # before an agency: "Moscow (Reuters) -", "Brussels, May 14 (AFP) -".
    dateline = f"[{upper}][{upper}'.-]+(?: [{upper}][{upper}'.-]+)*(?:,| \\(| /| [-\u2013\u2014])"
    if agencies:
        place = f"[{upper}][\\w'.-]*(?: [{upper}][\\w'.-]*)*"
        dateline += f"|{place}(?:,[^()\\n]{{1,40}})? [(/](?:{agencies})[)/]"
    caption = None
    if table.captions:
        caption = re.compile(f"(?:{table.captions}){HSPACE}*[:\u055d]")
    continuation = "|".join(sorted(table.continuation_words))
    continuation_end = re.compile(
        r"(?:[,;:\u2013\u2014(/&+\u060c-]"
        + (rf"|(?<![\w'\u2019])(?:{continuation})" if continuation else "")
        + r")$"
    )
    terminal_end = re.compile(rf"[{terminals}][{closers}]*$")
    city_time = re.compile(rf"[A-Z][\w.-]*(?: [A-Z][\w.-]*)? {table.local_time}\b")
    return Rules(
        table=table,
        candidate=candidate,
        closer_chars=table.closers + BIDI + " \u00a0\u202f",
        strong=re.compile(f"[{re.escape(table.strong_terminals)}]"),
        openers=table.openers + table.inverted,
        lead_chars=ANY_OPENER + table.openers + table.inverted,
        keyword_stamp=keyword_stamp,
        bare_stamp_line=re.compile(f"{body}{HSPACE}*(?:{LINEBREAK}|\\Z)"),
        dateline=re.compile(dateline),
        caption=caption,
        continuation_end=continuation_end,
        terminal_end=terminal_end,
        city_time=city_time,
    )


_COMPILED: dict[str, Rules] = {}


def rules_for(language: str | None) -> Rules:
    table = table_for(language)
    rules = _COMPILED.get(table.code)
    if rules is None:
        rules = _COMPILED[table.code] = compile_rules(table)
    return rules


# --------------------------------------------------------------------------
# Metadata stamps
# --------------------------------------------------------------------------


def skip_stamps(text: str, language: str | None = None) -> int:
    """Return the offset where the body starts, after leading stamps."""
    rules = rules_for(language)
    pos = skip_ws(text, 0)
    while True:
        m = None
        if rules.keyword_stamp is not None:
            m = rules.keyword_stamp.match(text, pos)
        if m is None:
            m = rules.bare_stamp_line.match(text, pos)
        if m is None:
            return pos
        pos = skip_ws(text, m.end())


def skip_ws(text: str, pos: int) -> int:
    """Offset of the first non-whitespace character at or after ``pos``."""
    m = LEADING_WS.match(text, pos)
    return pos if m is None else m.end()


def abbreviation_class(word: str, table: LanguageTable) -> str:
    """Classify the token before a period ("" if it is a plain word)."""
    abbreviations = table.abbreviations
    known = abbreviations.get(word)
    if known is not None:
        return known
    if table.proclitics and len(word) > 1 and word[0] in table.proclitics:
        joined = abbreviations.get(word[1:])  # Arabic "ود" = "و" + "د" (and Dr.)
        if joined is not None:
            return joined
    if "'" in word or "\u2019" in word:
        # An elided article or preposition: "L'avv.", "dell'on.", "l'art."
        elided = abbreviations.get(word.replace("\u2019", "'").rsplit("'", 1)[1])
        if elided is not None:
            return elided
    if word.islower():
        # A lowercase word with no period inside is a word (or "never", found above).
        return "initials" if "." in word and DOTTED_INITIALS.fullmatch(word) else ""
    if abbreviations.get(word.lower()) == "never":
        return "never"
    if len(word) == 1:
        return "initial" if word.isupper() else ""
    if "." in word and DOTTED_INITIALS.fullmatch(word):
        return "initials"  # "W.E.B.", "J.R.R.", "H.R."
    # Short capitalised tokens without vowels ("Sgt", "Bldg") are not words.
    # All-caps ones ("GMT") are acronyms, which take no period of their own.
    if (
        len(word) <= 4
        and word.isascii()
        and word.isalpha()
        and word.istitle()
        and not any(c in "aeiouyAEIOUY" for c in word)
    ):
        return "ambiguous"
    return ""
