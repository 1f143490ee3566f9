"""Text matching for search and "earlier verdicts": one normalisation for the index and
the queries, and a similarity measure robust to rewording and number formats.

Both the workspace's full-text index (SQLite FTS5, see ``storage/search.py``) and the
queries typed into the search panel go through `index_words`, so "332,000" finds
"332000", "thirty-two" finds "32", "causes" finds "caused" and accents do not matter.
Change anything here and bump `SEARCH_INDEX_VERSION`: workspaces rebuild their index
when they are next opened. (A change only for speed must write the same words:
tests/domain/test_matching_equivalence.py compares `index_words` with it as it was.)
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
import sys
import unicodedata
from collections.abc import Callable

from factcheck_app.domain.fts_token_chars import DROPPED_FIRST, DROPPED_LAST

__all__ = [
    "MAX_QUERY_WORDS",
    "MAX_RANKED_TERMS",
    "SEARCH_INDEX_VERSION",
    "content_tokens",
    "fts5_query",
    "index_words",
    "left_out",
    "match_needles",
    "matched_spans",
    "may_match",
    "read_from",
    "run_break",
    "search_expression",
    "similarity",
    "typing_prefix",
    "word_break",
    "word_matcher",
]

# Bump when `index_words` changes: stored index rows were made with the old rules.
# 2: invisible format characters (zero-width space, soft hyphen…) no longer split words.
SEARCH_INDEX_VERSION = 9
# 3: thousands grouped with dots ("1.000.000") are one number, as "1,000,000" is.
# 4: Chinese and Japanese characters are a word each (those scripts put no spaces between
#    words, so a whole clause was one word and a word inside it could not be found).
# 5: Arabic tatweel (the stretching stroke "ـ") no longer makes another word.
# 6: "bn" and "mn" after a number are billion and million ("$4.2bn" is 4200000000).
# 7: "ß" (and capital "ẞ") is "ss": "Straße" and the Swiss "Strasse" are one word.
# 8: the vowel signs, viramas and other marks of Brahmic and South-East Asian scripts are
#    part of their words ("मंत्री" was "म" and "तर"), and the tokenizer keeps them too.
#    A letter of Thai, Lao, Khmer or Myanmar (written without spaces) is a word with its
#    marks, and a search is a phrase of them, as in Chinese ("กล่าว" inside a sentence).
# 9: such a mark on no letter of its scripts (slipped onto a Latin word: "Modiी") is left
#    out, as an accent is: "Modi" did not find "Modiी".


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


_STOP = _words(
    """
    a an the and or but of to in on at by for with from as is are was were be been being it
    its this that these those there their they them he she his her we our you your i me my
    has have had do does did not no so than then also very just into over about after
    before since while who whom which what when where why how all any some such only own
    same other more most can could will would should may might must said says say told
    according s t
    """
)
_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_TEENS = ("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUM_WORDS = {w: i for i, w in enumerate(_UNITS + _TEENS + ("eighteen", "nineteen"))}
_NUM_WORDS.update({w: 10 * (i + 2) for i, w in enumerate(_TENS)})
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 10**9,
    "trillion": 10**12,
    "bn": 10**9,  # as news copy abbreviates them ("$4.2bn", "3mn"); not "m", also metres
    "mn": 1_000_000,
}
# `\s*(?:-\s*)?`, not `\s*-?\s*`: two quantifiers over one run of spaces try every way of
# sharing it, and a number followed by a long run of spaces took time n² (issue 13).
# (`\d\d*`, not `\d+`: a pattern that starts with one character class lets the engine skip
# to the digits.)
_NUM_TOKEN = re.compile(
    r"(\d\d*(?:[.,]\d+)*)(?:\s*(?:-\s*)?(hundred|thousand|million|billion|trillion|bn|mn)\b)?"
)
_WORD_NUM_PATTERN = (
    r"\b(" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")(?:[- ](one|two|three"
    r"|four|five|six|seven|eight|nine))?\b"
)
# Their first letters looked at first (one class, "efnostz"): `\b` was tested at every
# character of a long explanation before any of the words, and took twice as long.
_NUM_WORD_FIRSTS = "".join(sorted({word[0] for word in _NUM_WORDS}))
_WORD_NUM = re.compile(f"(?=[{_NUM_WORD_FIRSTS}])" + _WORD_NUM_PATTERN)
# Blocks of the scripts whose marks are part of their letters: the vowel signs, viramas,
# nuktas and tone marks of the Brahmic scripts of South Asia, of South-East Asia, and of
# Tibetan ("दिल्ली" is द, the vowel sign ि, ल, the virama ्, ल and ी). Python's \w and
# FTS5's unicode61 tokenizer take marks for separators, and a fold that drops accents
# dropped those with a combining class: a word fell apart into its consonants, and a
# search found any text sharing them. The fold writes each of those marks as a stand-in
# of Plane 15's private-use area (`_stand_in`), which the tokenizer keeps in a word (its
# token characters are L* N* Co), so the index's tables keep the definition every
# released desk knows. The marks of other scripts (Latin, Greek and Cyrillic accents,
# Hebrew and Arabic points) are still folded away.
_SCRIPT_MARK_BLOCKS = (
    (0x0900, 0x0DFF),  # Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu,
    #                    Kannada, Malayalam, Sinhala
    (0x0E00, 0x0FFF),  # Thai, Lao, Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1700, 0x17FF),  # Tagalog, Hanunoo, Buhid, Tagbanwa, Khmer
    (0x1900, 0x1AAF),  # Limbu, Tai Le, New Tai Lue, Khmer Symbols, Buginese, Tai Tham
    (0x1B00, 0x1C4F),  # Balinese, Sundanese, Batak, Lepcha
    (0x1CD0, 0x1CFF),  # Vedic Extensions
    (0xA800, 0xA8FF),  # Syloti Nagri, Common Indic Number Forms, Phags-pa, Saurashtra,
    #                    Devanagari Extended
    (0xA900, 0xAAFF),  # Kayah Li, Rejang, Javanese, Myanmar Extended-A/B, Cham, Tai Viet,
    #                    Meetei Mayek Extensions (and Hangul Jamo Extended-A: no marks)
    (0xABC0, 0xABFF),  # Meetei Mayek
    (0x11000, 0x11FFF),  # Brahmi, Kaithi, Chakma, Sharada, Grantha, Newa, Tirhuta, Siddham,
    #                      Modi, Takri, Ahom, Dogra… Kawi, Tamil Supplement
)
_SCRIPT_MARK_FIRST = tuple(first for first, _ in _SCRIPT_MARK_BLOCKS)


def _is_script_mark(char: str) -> bool:
    """Is `char` a mark (category M) of one of `_SCRIPT_MARK_BLOCKS`?"""
    point = ord(char)
    at = bisect.bisect_right(_SCRIPT_MARK_FIRST, point) - 1
    return (
        at >= 0
        and point <= _SCRIPT_MARK_BLOCKS[at][1]
        and unicodedata.category(char).startswith("M")
    )


def _class_of(points: list[int]) -> str:
    """Code points as the inside of a regular expression's class, in ranges: a class of
    single characters beyond the first plane is tested one by one (10 times slower)."""
    ranges: list[list[int]] = []
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in ranges)


# Those marks, as a regular expression's class (Python's own tables), for text as written.
_SCRIPT_MARKS = _class_of(
    [
        point
        for first, last in _SCRIPT_MARK_BLOCKS
        for point in range(first, last + 1)
        if _is_script_mark(chr(point))
    ]
)
# Plane 15 (Supplementary Private Use Area-A) is the fold's own: a mark of the first plane
# stands at U+F0000 + its code point (U+F0900-U+FABFF), one of U+11000-U+11FFF at U+FB000 +
# its offset there (U+FB000-U+FBFFF). Text never holds them: a Plane-15 character in it
# is folded to a space, as Python's \W took it before, so none is taken for a mark.
# (Private-use characters of the first plane, which some fonts and old systems use, are
# left as they were.)
_PLANE_15 = "\U000f0000-\U000ffffd"
_PLANE_15_FIRST, _PLANE_15_LAST = 0xF0000, 0xFFFFD
_SUPPLEMENT_FIRST, _SUPPLEMENT_STANDS = 0x11000, 0xFB000


def _stand_in(point: int) -> int:
    """The Plane-15 character the fold writes for the mark at `point` (one of
    `_SCRIPT_MARK_BLOCKS`)."""
    if point < 0x10000:
        return _PLANE_15_FIRST + point
    return _SUPPLEMENT_STANDS + point - _SUPPLEMENT_FIRST


_HAS_STAND_IN = re.compile(f"[{_PLANE_15}]")
_SEARCH_TOKEN = re.compile(r"[^\W_]+")  # letters and digits of any script
# A word character of folded text: a letter or digit of any script, or a mark's stand-in.
_MARKED_TOKEN = re.compile(f"(?:[^\\W_]|[{_PLANE_15}])+")
# A word character of text as written: a letter or digit of any script, or one of those
# marks.
_WORD_CHAR = f"(?:[^\\W_]|[{_SCRIPT_MARKS}])"


def _words_of(text: str) -> list[str]:
    """The words of a folded text: its runs of letters and digits, with the stand-ins of
    the marks of `_SCRIPT_MARK_BLOCKS` in them. Only a text holding one is read with
    `_MARKED_TOKEN`, whose alternation is several times slower than one class (10 times on
    English: the rebuild of a year's index would pay it for every sentence)."""
    if not text.isascii() and _HAS_STAND_IN.search(text) is not None:
        return _MARKED_TOKEN.findall(text)
    return _SEARCH_TOKEN.findall(text)


# The same on ASCII text (most sentences), where a plain class is quicker to test than
# Unicode's categories, and its first class lets the engine skip to the next word.
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9]*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# Thousands grouped with dots, a decimal comma ("1.000.000", "2.500.000,50"): two dots or
# more cannot be a decimal point. (One is read as one: "4.200" is four point two.)
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")
_DIGIT = re.compile(r"\d")
# Scripts written without spaces between words: Han (CJK ideographs, radicals, iteration
# marks), Hiragana, Katakana (half-width too). Each character is indexed as a word, and a
# run of them typed into the search box is searched as a phrase of its characters.
_CJK_CHARS = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U000323af"
)
_CJK_RUN = re.compile(f"[{_CJK_CHARS}]+")
# The voiced and semi-voiced marks of kana, combining (U+3099, U+309A: "テ" + U+3099 as some
# Mac files write "デ") and half-width ("ﾃﾞ"): each is a character of `_CJK_CHARS`, but is
# read with the kana before it, and shown in bold with it (the fold leaves it out, as it
# does an accent).
_KANA_MARKS = "\u3099\u309a\uff9e\uff9f"
_KANA_MARKS_SET = frozenset(_KANA_MARKS)
# Scripts of South-East Asia also written without spaces between words (Thai, Lao,
# Myanmar, Khmer, Tai Le, New Tai Lue, Tai Tham, Tai Viet): a sentence is one run of
# letters, so each letter with its marks (a cluster: "ข่", "ไ", "ม่") is indexed as a word,
# and a run of them typed into the search box is searched as a phrase of its clusters
# ("ข่าว" is "ข่ า ว": found inside "นายกรัฐมนตรีกล่าวว่าข่าวนี้", and not in "ขาว").
_SPACELESS_BLOCKS = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x1950, 0x1AAF),  # Tai Le, New Tai Lue, Khmer Symbols, Buginese, Tai Tham
    (0xA9E0, 0xA9FF),  # Myanmar Extended-B
    (0xAA60, 0xAADF),  # Myanmar Extended-A, Tai Viet
)
_SPACELESS_LETTERS = _class_of(
    [
        point
        for first, last in _SPACELESS_BLOCKS
        for point in range(first, last + 1)
        if unicodedata.category(chr(point)).startswith("L")
    ]
)
_CJK = re.compile(f"([{_CJK_CHARS}])")
# A word of its own in folded text, for the index and the search box: a Chinese or
# Japanese character, or a letter of those scripts with the stand-ins of its marks.
_OWN_WORD = re.compile(f"([{_CJK_CHARS}]|[{_SPACELESS_LETTERS}][{_PLANE_15}]*)")
_SPACELESS_LETTER = re.compile(f"[{_SPACELESS_LETTERS}]")
# The first character of a match of `_OWN_WORD` or `_CJK`.
_OWN_FIRST = re.compile(f"[{_CJK_CHARS}{_SPACELESS_LETTERS}]")
# A content word's pieces (`content_tokens`): its letters of those scripts, each with its
# marks, and what stands between them.
_CLUSTER_PIECE = re.compile(
    f"[{_SPACELESS_LETTERS}][{_PLANE_15}]*|(?:(?![{_SPACELESS_LETTERS}]).)+", re.DOTALL
)
# A run typed into the search box that is searched as a phrase of its words.
_PHRASE_RUN = re.compile(
    f"[{_CJK_CHARS}]+|(?:[{_SPACELESS_LETTERS}][{_SCRIPT_MARKS}\u200b-\u200d]*)+"
)


_TATWEEL = 0x0640
# German sharp s, small and capital: "ss" as case folding has it (Swiss German writes
# "Strasse" for "Straße"); no decomposition makes it so.
_SHARP_S = {0x00DF: "ss", 0x1E9E: "ss"}


class _AccentFold(dict[int, str]):
    """A str.translate table built as characters are met: each character's compatibility
    decomposition without its accents ("é" → "e", "ﬁ" → "fi"); per character, so the
    translation runs at C speed once a text's characters have been seen. The marks of
    `_SCRIPT_MARK_BLOCKS` stay, as their Plane-15 stand-ins (`_stand_in`: they are no
    accents, "मंत्री" without its virama is another word), decomposed as the rest ("क़" is
    "क" and its nukta, as typed in two characters), and a Plane-15 character of the text
    is a space."""

    def __missing__(self, code: int) -> str:
        if code in _SHARP_S:
            self[code] = _SHARP_S[code]
            return self[code]
        if code == _TATWEEL:
            # Stretches an Arabic word for justification or emphasis ("الحكـومة"): the
            # same word, as a search typed without it must find it.
            self[code] = ""
            return ""
        if unicodedata.category(chr(code)) == "Cf":
            # Invisible format characters (zero-width space, soft hyphen, word joiner, BOM,
            # bidi controls): a text file keeps them, and they would split the word they sit
            # in, so that no search for the word it shows found it.
            self[code] = ""
            return ""
        if _PLANE_15_FIRST <= code <= _PLANE_15_LAST:
            folded = " "  # the stand-ins' own plane
        else:
            folded = "".join(
                chr(_stand_in(ord(c))) if _is_script_mark(c) else c
                for c in unicodedata.normalize("NFKD", chr(code))
                if not unicodedata.combining(c) or _is_script_mark(c)
            )
        self[code] = folded
        return folded


# The index's, the search's and finding an article by its title's fold.
_ACCENT_FOLD = _AccentFold()
# The stand-ins of marks that follow no letter of their scripts: a vowel sign or a
# virama pasted or slipped onto a Latin word ("Modiी"), or standing alone. They are no
# part of the word they sit on ("Modi " did not find "Modiी"), and are left out as the
# accents of other scripts are.
_MARK_BASES = "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in _SCRIPT_MARK_BLOCKS)
# (The stand-in first, then what stands before it: a pattern that starts with a class
# lets the engine skip to the next stand-in; one that starts with the look-behind tested
# it at every character, and a Hindi sentence took a quarter longer to index.)
_STRAY_STAND_INS = re.compile(
    f"[{_PLANE_15}](?<![{_MARK_BASES}{_PLANE_15}][{_PLANE_15}])[{_PLANE_15}]*"
)


# A run of ASCII that `_accents_folded` does not translate (ASCII folds to itself): long
# enough that skipping it saves more than translating one piece more costs.
_ASCII_RUN = re.compile(r"([\x00-\x7f]{32,})")


def _non_ascii_bytes(text: str) -> int:
    """How many more bytes `text` takes in UTF-8 than it has characters: at least one for
    each character that is not ASCII (a quick count, in C)."""
    return len(text.encode("utf-8", "surrogatepass")) - len(text)


def _accents_folded(text: str) -> str:
    """`text` through `_ACCENT_FOLD`, the stand-ins of stray marks left out."""
    if len(text) < 2000 or 32 * _non_ascii_bytes(text) > len(text):
        text = text.translate(_ACCENT_FOLD)
    else:
        # The same, but the long runs of ASCII left as they are: str.translate looks up
        # every character of a text that is not all ASCII, 0.06 s for a 900,000-character
        # explanation in English with a few curly quotes. (Not where those runs are short,
        # as in French: cutting the text took longer than translating it whole.)
        pieces = _ASCII_RUN.split(text)
        pieces[::2] = [piece.translate(_ACCENT_FOLD) for piece in pieces[::2]]
        text = "".join(pieces)
    return _STRAY_STAND_INS.sub("", text) if _HAS_STAND_IN.search(text) else text


def _fold(text: str) -> str:
    """Lower case, accents removed, curly quotes and percent signs spelled plainly, numbers
    as digits."""
    return _numbers_as_digits(_plain(text, own_words=_OWN_WORD))


def _plain(text: str, *, own_words: re.Pattern[str] = _CJK) -> str:
    """Lower case, accents removed, curly quotes and percent signs spelled plainly; the
    characters `own_words` finds each a word."""
    if not text.isascii():
        text = _own_words_apart(_accents_folded(text), own_words)
    text = text.lower()
    return text.replace("’", "'").replace("%", " percent ").replace("per cent", "percent")


def _own_words_apart(text: str, own_words: re.Pattern[str]) -> str:
    """`text` with a space each side of the characters `own_words` finds (of `_OWN_FIRST`).
    Looked for first with one class: `_OWN_WORD`'s alternation tested every character of
    a long explanation in a script with no such word (Arabic, Cyrillic)."""
    return own_words.sub(r" \1 ", text) if _OWN_FIRST.search(text) else text


def title_form(text: str) -> str:
    """`text` as finding an article by its title compares it, in any script: case folded
    ("ß" as "ss"), accents removed ("é" → "e", Arabic vowel marks), compatibility forms
    made plain ("ﬁ" → "fi", full-width letters), curly apostrophes straight, and invisible
    format characters (bidi controls, zero-width spaces, soft hyphens) and the Arabic
    tatweel left out. The vowel signs and viramas of Hindi, Bengali, Tamil… stay, as the
    search keeps them (their stand-ins, `_AccentFold`): without them "मत" (vote) was
    found in "प्रधानमंत्री" (prime minister). Folded first: "İ" is "i"."""
    text = text.casefold()
    if not text.isascii():
        text = _accents_folded(text)
    return text.replace("’", "'")


def _numbers_as_digits(text: str) -> str:
    """Number words and written numbers as one value each ("4.2 million" -> " 4200000 ")."""
    text = _WORD_NUM.sub(_words_to_digits, text)
    return _NUM_TOKEN.sub(_digits, text)


def _words_to_digits(m: re.Match[str]) -> str:
    """A number written in words ("thirty-two") as its digits."""
    value = _NUM_WORDS[m.group(1)]
    if m.group(2):
        value += _NUM_WORDS[m.group(2)]
    return str(value)


# What `_digits` wrote for each number as written: a long text repeats its numbers (years,
# percentages), and reading each anew took half of indexing a long explanation. Emptied
# when full, so a hostile text of distinct numbers cannot make it grow without end.
_DIGITS_WRITTEN: dict[str, str] = {}
_DIGITS_REMEMBERED = 50_000


def _digits(m: re.Match[str]) -> str:
    """A number of `_NUM_TOKEN` as one value. (What it writes depends on the matched text
    alone: its groups are the number and the scale word that text ends with.)"""
    written = m.group()
    known = _DIGITS_WRITTEN.get(written)
    if known is None:
        if len(_DIGITS_WRITTEN) >= _DIGITS_REMEMBERED:
            _DIGITS_WRITTEN.clear()
        known = _number_value(written, m.group(1), m.group(2))
        if len(written) <= 40:  # (not a hostile run of thousands of digits)
            _DIGITS_WRITTEN[written] = known
    return known


def _number_value(written: str, raw: str, scale: str | None) -> str:
    """The number `raw` (with its `scale` word: "million") as `_numbers_as_digits` writes
    it, or `written` as it was if it is no number to compare."""
    if _THOUSANDS.fullmatch(raw):
        raw = raw.replace(",", "")
    elif _DOT_THOUSANDS.fullmatch(raw):
        raw = raw.replace(".", "").replace(",", ".")
    elif "," in raw:
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        return written
    if not math.isfinite(value * _SCALES.get(scale or "", 1)):
        return written  # a run of hundreds of digits is no number to compare
    if scale:
        value *= _SCALES[scale]
    return f" {value:.0f} " if value == int(value) else f" {value:g} ".replace(".", "_")


_SUFFIXES = ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s")


@functools.lru_cache(maxsize=65536)  # a newsroom's vocabulary repeats: stem each word once
def _stem(tok: str) -> str:
    """A light suffix stripper: plurals and the commonest verb endings."""
    if tok.isdigit() or len(tok) <= 4:
        return tok
    for suffix in _SUFFIXES:
        if tok.endswith(suffix) and len(tok) - len(suffix) >= 3:
            tok = tok[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
            break
    # A final "e" goes too, so "cause", "causes" and "caused" meet at "caus".
    return tok[:-1] if tok.endswith("e") and len(tok) > 4 else tok


def content_tokens(text: str) -> list[str]:
    """Normalised content words: folded, numbers as digits, stop words out, stemmed."""
    plain = _plain(text)
    find = _ASCII_TOKEN.findall if plain.isascii() else _words_of
    tokens = find(plain)
    # A number word that `_WORD_NUM` finds is one of these tokens, and `_NUM_TOKEN` needs a
    # digit: without either, writing numbers as digits changes nothing (most sentences).
    # (Writing them keeps ASCII text ASCII.)
    if not _NUM_WORDS.keys().isdisjoint(tokens) or _DIGIT.search(plain) is not None:
        tokens = find(_numbers_as_digits(plain))
    stems = [_stem(t) for t in tokens if t not in _STOP]
    if plain.isascii() or _SPACELESS_LETTER.search(plain) is None:
        return stems
    return [pair for t in stems for pair in _cluster_pairs(t)]


def _cluster_pairs(token: str) -> list[str]:
    """A content word of Thai, Lao, Khmer or Myanmar (its run written without spaces) as
    each two letters next to each other (with their marks), as a phrase: its letters one
    by one made any two Thai sentences alike (they share the commonest), and the run
    whole, a sentence reworded unlike. A word of other scripts as it is."""
    pieces = _CLUSTER_PIECE.findall(token)
    if len(pieces) < 2:
        return [token]
    return [f"{a} {b}" for a, b in itertools.pairwise(pieces)]


def typing_prefix(token: str) -> str:
    """The prefix to search for a word still being typed (a normalised token).

    Its own stem will not do: "targeti" is not a prefix of "target", the stem of
    "targeting". So a trailing piece that could be the start of a suffix the stemmer
    strips ("i", "in", "ie", "atio") is cut too, keeping at least three letters: the
    results never vanish half-way through a word, at the cost of a few extra matches.
    """
    if token.isdigit():
        return token
    candidates = [_stem(token)]
    for suffix in _SUFFIXES:
        for cut in range(1, len(suffix) + 1):
            if token.endswith(suffix[:cut]) and len(token) - cut >= 3:
                candidates.append(token[:-cut])
    return min(candidates, key=len)


# Words as written: a number with its digit groups ("332,000", "4.2") is one word.
# (a word may hold the invisible characters index_words leaves out: "ma\u200byor")
# (a Chinese or Japanese character is a word of its own, as in the index)
_LETTER = f"(?:(?![{_CJK_CHARS}{_SPACELESS_LETTERS}])[^\\W\\d_]|[{_SCRIPT_MARKS}])"
# A letter of a script written without spaces, with its marks: a word of its own.
_CLUSTER = f"[{_SPACELESS_LETTERS}][{_SCRIPT_MARKS}\u200b-\u200d]*"
# A number is one word with its digit groups and its scale ("4.2 million"), as is a
# number written in words ("Thirty-two"), so that the number searched for is shown.
_RAW_WORD = re.compile(
    f"(?i:{_WORD_NUM_PATTERN})|(?i:{_NUM_TOKEN.pattern})|[{_CJK_CHARS}][{_KANA_MARKS}]*|{_CLUSTER}"
    f"|{_LETTER}+(?:[\u00ad\u200b-\u200f\u2060\ufeff]+{_LETTER}+)*"
)


# An English ending after an apostrophe, typed last ("Baku's", "don't"): a whole word, not
# the start of one (as a prefix, "s" found every word starting with it: "said", "since").
_CLITIC_LAST = re.compile(r"[^\W\d_]['’][sStTdDmM]\Z")


def _typed_prefix(query: str) -> str | None:
    """The prefix searched for the word still being typed at the end of ``query``; None
    once a space or a punctuation mark has ended it."""
    # A mark at the end belongs to the letter before it: "Zu" and a combining diaeresis
    # (pasted from a Mac, a PDF) is "Zü" being typed, as "Zü" written as one character.
    end = len(query)
    while end and unicodedata.category(query[end - 1]).startswith("M"):
        end -= 1
    typed = query[:end]
    if not typed[-1:].isalnum() or _CJK_RUN.match(typed[-1:]) or _CLITIC_LAST.search(typed):
        return None  # (a Chinese or Japanese character is a whole word, and so is "'s")
    tokens = _words_of(_fold(query))
    return typing_prefix(tokens[-1]) if tokens else None


def word_matcher(query: str) -> Callable[[str], bool]:
    """Whether one normalised word is one that a search for ``query`` looks for: a word
    typed in full, or the start of the word still being typed (as `search_expression`)."""
    query, _out = left_out(query)  # (what a result holds, never a word left out)
    words = index_words(query).split()  # one per token, so the last is the typed word
    prefix = _typed_prefix(query)
    exact = set(words[:-1] if prefix is not None else words)
    return lambda word: word in exact or (prefix is not None and word.startswith(prefix))


def matched_spans(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of the words of ``text`` that a search for ``query`` matched, for
    showing them in bold. In a script written without spaces, the runs of letters that
    are a run typed (`_PHRASE_RUN`), not each letter of it found anywhere."""
    wanted = word_matcher(query)
    phrases = _cluster_phrases(query)
    spans: list[tuple[int, int]] = []
    # Clusters with no other word between them: spaces and punctuation do not part them,
    # as the index's phrase passes over them ("ข่าวนี้" finds "ข่าว นี้", Thai putting a
    # space between phrases, not words).
    run: list[re.Match[str]] = []
    # Each word written once is looked at once: words repeat, and a Chinese sentence's are
    # its characters, a few hundred of them (760,000 characters took 7 s, not 0.4 s).
    found: dict[str, bool] = {}
    for match in _RAW_WORD.finditer(text):
        word = match.group()
        if _CLUSTER_WORD.fullmatch(word):
            run.append(match)
            continue
        spans += _phrase_spans(run, phrases)
        run = []
        if word not in found:
            found[word] = any(wanted(part) for part in index_words(word).split())
        if found[word]:
            spans.append(match.span())
    spans += _phrase_spans(run, phrases)
    return sorted(spans)


_CLUSTER_WORD = re.compile(_CLUSTER)

# Where a text can be cut without changing the spans `matched_spans` finds before the cut:
# after a Chinese or Japanese character (a word of its own), or after white space or
# punctuation following a word of letters. Not inside a number ("4.2", "5 million"), a word
# with invisible characters, a run of Thai (a phrase goes on over spaces and punctuation),
# nor after a number's word ("thirty two" is one word, 32).
_PLAIN_LETTER = f"(?![{_CJK_CHARS}{_SPACELESS_LETTERS}])[^\\W\\d_]"
_WORD_BREAK = re.compile(
    f"[{_CJK_CHARS}]|(?<!{_PLAIN_LETTER})({_PLAIN_LETTER}+)"
    f"[^\\w\\-.,\u00ad\u200b-\u200f\u2060\ufeff{_SCRIPT_MARKS}]+"
)
_NUMBER_WORD = re.compile(f"(?i:{'|'.join(_NUM_WORDS)})")


def word_break(text: str, near: int, within: int = 1_000) -> int:
    """A place in ``text`` at or before ``near`` (and less than ``within`` before it) where
    it can be cut: `matched_spans` finds in its part before the place the very spans it
    finds there in all of it, for any query. 0: none (a run of Thai, say)."""
    at = 0
    for match in _WORD_BREAK.finditer(text, max(0, near - within), near):
        if text[match.end() : match.end() + 1] in _KANA_MARKS_SET:
            continue  # a kana before its voiced mark (seen past `near` too)
        if match.group(1) is None or not _NUMBER_WORD.fullmatch(match.group(1)):
            at = match.end()
    return at


# Where a text can be read from as well as cut at (`read_from`): a space between two words
# of letters, the one before it after white space and no number's word ("thirty two" and
# "5 million" are one word each, over their space).
_READ_FROM = re.compile(f"(?<!\\S)({_PLAIN_LETTER}+) (?={_PLAIN_LETTER})")


def read_from(text: str, near: int, within: int = 1_000) -> int:
    """A place in ``text`` at or after ``near`` (and less than ``within`` after it) that
    is a `word_break` and more: `matched_spans` finds in ``text`` from there (up to
    another such place, or the end) the very spans it finds there in all of it. No word
    goes across it, and a word of letters, no phrase of Thai, ends before it. 0: none."""
    for match in _READ_FROM.finditer(text, near, near + within):
        if not _NUMBER_WORD.fullmatch(match.group(1)):
            return match.end()
    return 0


def match_needles(query: str) -> tuple[str, ...] | None:
    """Letters of which every word `matched_spans` finds for ``query`` holds one run at
    least, folded as `may_match` folds a text; None when there are none to look for so
    (a number, whose words may be written in words; a phrase of Thai, Lao, Khmer or
    Myanmar; nothing to find). A stem is the start of its word, but "-ied" and "-ies"
    end in "y" ("carried" is "carry"): without its "y"."""
    if _cluster_phrases(query):
        return None
    query, _out = left_out(query)
    needles = tuple(
        word[:-1] if word.endswith("y") and len(word) > 1 else word
        for word in index_words(query).split()
    )
    prefix = _typed_prefix(query)
    if prefix is not None:
        needles += (prefix[:-1] if prefix.endswith("y") and len(prefix) > 1 else prefix,)
    if not needles or not all(needle.isalpha() for needle in needles):
        return None
    return tuple(needle.replace("ς", "σ") for needle in needles)


def may_match(text: str, needles: tuple[str, ...]) -> bool:
    """Whether ``text`` may hold a word `matched_spans` finds, by `match_needles`: False
    means it holds none. Its letters folded at once, as each word's are (accents, case),
    not each of its words normalised one by one: 760,000 characters of words each written
    once took 3 s so, a few milliseconds so."""
    plain = _plain(text, own_words=_OWN_WORD).replace("ς", "σ")  # (a final sigma: "σ")
    return any(needle in plain for needle in needles)


# A character of a cluster (`_CLUSTER`): a letter of a script written without spaces, one
# of the marks that are part of its letters, or a zero-width joiner.
_IN_CLUSTER = re.compile(f"[{_SPACELESS_LETTERS}{_SCRIPT_MARKS}\u200b-\u200d]")


def run_break(text: str, near: int, query: str, within: int = 1_000) -> tuple[int, int]:
    """For a run of Thai (Lao, Khmer, Myanmar) with no `word_break` near ``near``: a cut
    before one of its letters, at or before ``near`` (and less than ``within`` before),
    and how far the spans `matched_spans` finds for ``query`` before the cut are its spans
    in all of the text: those ending there at the latest. (A phrase of the query may go
    across the cut; it starts at one of the cut's last few letters, as many as the query
    has.) (0, 0): none."""
    at = near
    while at > max(0, near - within) and not (
        _SPACELESS_LETTER.match(text, at) and _IN_CLUSTER.match(text, at - 1)
    ):
        at -= 1
    if at <= max(0, near - within):
        return 0, 0
    exact, letters = at, len(_SPACELESS_LETTER.findall(query))
    while letters > 0 and exact > 0:
        exact -= 1
        letters -= _SPACELESS_LETTER.match(text, exact) is not None
    return at, exact


def _cluster_phrases(query: str) -> list[tuple[str, bool]]:
    """The runs of clusters typed in ``query``, each as its words joined by a NUL (and one
    before), with whether its last word is still being typed (a prefix)."""
    query, _out = left_out(query)
    typing = _typed_prefix(query) is not None
    phrases = []
    for run in _PHRASE_RUN.finditer(query):
        words = index_words(run.group()).split()
        if words and _CLUSTER_WORD.match(run.group()):
            phrases.append(("\0" + "\0".join(words), typing and run.end() == len(query)))
    return phrases


def _phrase_spans(
    run: list[re.Match[str]], phrases: list[tuple[str, bool]]
) -> list[tuple[int, int]]:
    """(start, end) of each stretch of the clusters ``run`` that is one of ``phrases``."""
    if not run or not phrases:
        return []
    folded: dict[str, str] = {}  # (a script's clusters are few, and repeat)
    words = [
        folded.get(match.group()) or folded.setdefault(match.group(), index_words(match.group()))
        for match in run
    ]
    joined = "\0" + "\0".join(words) + "\0"
    starts = list(itertools.accumulate((len(w) + 1 for w in words), initial=0))
    found: list[tuple[int, int]] = []
    for phrase, typing in phrases:
        needle = phrase if typing else phrase + "\0"
        at = joined.find(needle)
        while at >= 0:
            first = bisect.bisect_left(starts, at)
            last = bisect.bisect_left(starts, at + len(phrase)) - 1
            found.append((run[first].start(), run[last].end()))
            at = joined.find(needle, at + 1)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def index_words(text: str) -> str:
    """Every word of ``text`` normalised for the full-text index (stop words kept, so a
    search for a phrase like "no truth to" still finds it)."""
    if len(text) >= _IN_PIECES_FROM:
        return _index_words_in_pieces(text)
    return " ".join(map(_stem, _words_of(_fold(text))))


# A long text (a document pasted into an explanation) is indexed a sentence at a time,
# and each sentence's words are remembered: every save of the explanation indexes it
# again, on the window's thread, and a 900,000-character one took 0.2-0.4 s at each pause
# in typing for the one word typed. Now only the sentence typed in is read again. It is
# cut after a full stop followed by a space or a line break (`str.split`, ten times
# quicker than a pattern): nothing `index_words` reads runs across there. A number or a
# number word goes on through spaces only to a scale word or a second number word ("4.2
# million", "nine\ntrillion", "twenty one"), never after a full stop ("nine. Million"),
# and every other rule reads within a word, or looks one character back or ahead, where
# the cut's full stop and space are either way (tests/domain/test_matching_equivalence.py).
_IN_PIECES_FROM = 10_000
_CUTS = (". ", ".\n")
# Words of each sentence of a long text (its full stop included); emptied when they take
# this many bytes, about, so that a day's typing in a long explanation cannot make it grow
# without end: some 4,000,000 characters of English sentences, 2,500,000 of Arabic.
# Counted in bytes, not characters: a list pasted in is cut into short sentences ("1. 2.
# 3."), each of which takes some 200 bytes whatever its length (its two strings' headers,
# its entry), and 3,000,000 characters of them took 80-300 MB.
_PIECE_WORDS: dict[str, str] = {}
_PIECES_REMEMBERED = 16_000_000
_pieces_held = 0
# A dict entry's own bytes, about (its hash and two pointers, its index, the room kept).
_ENTRY_BYTES = 64


def forget_remembered() -> None:
    """Empty what this module remembers of texts read (a long explanation's sentences,
    numbers as written, statements compared): called when a workspace is closed (by the
    desk that opened it, not a background job's helper beside it: `Desk.close`), so that
    a confidential note does not stay in the process's memory after it, on a shared
    machine. Only speed is lost: each is worked out again when next asked for."""
    global _pieces_held
    _PIECE_WORDS.clear()
    _pieces_held = 0
    _DIGITS_WRITTEN.clear()
    _profile.cache_clear()
    _stem.cache_clear()


def _index_words_in_pieces(text: str) -> str:
    """`index_words` of `text`, made from its sentences' (each remembered: `_PIECE_WORDS`)."""
    global _pieces_held
    out: list[str] = []
    sentences = [piece for part in text.split(_CUTS[0]) for piece in part.split(_CUTS[1])]
    for piece in sentences[:-1]:  # each one's full stop cut off with the space after it
        words = _PIECE_WORDS.get(piece)
        if words is None:
            words = " ".join(map(_stem, _words_of(_fold(piece + "."))))
            cost = sys.getsizeof(piece) + sys.getsizeof(words) + _ENTRY_BYTES
            if _pieces_held + cost > _PIECES_REMEMBERED:
                _PIECE_WORDS.clear()
                _pieces_held = 0
            _PIECE_WORDS[piece] = words
            _pieces_held += cost
        if words:
            out.append(words)
    last = " ".join(map(_stem, _words_of(_fold(sentences[-1]))))
    if last:
        out.append(last)
    return " ".join(out)


_QUOTED = re.compile(r'"([^"]*)"?')
# The word typed last, when its pieces are joined by an apostrophe or a hyphen ("Baku's",
# "COVID-19", "Nagorno-Kara"). Matched on the reversed query, from its start: searched
# for at every position, a long run of letters was read again from each (time n²).
_JOINED_LAST_REVERSED = re.compile(f"\\s*({_WORD_CHAR}+(?:['’\\-‐‑]{_WORD_CHAR}+)+)")


def _kept_by_index(char: str) -> bool:
    """Whether the index's tokenizer keeps ``char`` in a word (its Unicode tables are
    SQLite's, not Python's)."""
    point = ord(char)
    at = bisect.bisect_right(DROPPED_FIRST, point) - 1
    return at < 0 or point > DROPPED_LAST[at]


def _searchable(words: str) -> list[str]:
    """The words SQLite's full-text tokenizer makes a token of. A word made only of
    characters it drops (a lone combining mark, a letter newer than its tables) is no
    term to it, and would make the whole AND-query find nothing."""
    return [w for w in words.split() if any(_kept_by_index(c) for c in w)]


def _unquoted_terms(text: str) -> list[str]:
    """The quoted FTS5 terms for words typed outside double quotes: one per word, and one
    phrase per run of Chinese or Japanese characters (written without spaces, so the
    run's characters are one word or more, in that order)."""
    terms: list[str] = []
    position = 0
    for run in _PHRASE_RUN.finditer(text):
        terms += [f'"{t}"' for t in _searchable(index_words(text[position : run.start()]))]
        phrase = " ".join(_searchable(index_words(run.group())))
        if phrase:
            terms.append(f'"{phrase}"')
        position = run.end()
    return terms + [f'"{t}"' for t in _searchable(index_words(text[position:]))]


# A word or a quoted phrase with a minus before it, typed at the start of a word: left
# out, as a web search has it ("Ganja -prosecutor"). Not before a digit ("-5%" is a
# minus number) nor inside a word ("Nagorno-Karabakh").
_LEFT_OUT = re.compile(r'(?<!\S)-(?:"([^"]*)"?|([^\W\d_][^\s"]*))')
_LEFT_OUT_OR_QUOTED = re.compile(f"{_LEFT_OUT.pattern}|{_QUOTED.pattern}")


def left_out(query: str) -> tuple[str, list[str]]:
    """``query`` without its words and phrases to leave out (each as a space), and those
    words and phrases, as typed."""
    kept: list[str] = []
    out: list[str] = []
    position = 0
    for match in _LEFT_OUT_OR_QUOTED.finditer(query):
        if match.group(1) is None and match.group(2) is None:
            continue  # a quoted phrase to find: kept as it is
        if match.group(2) is not None and match.group(2)[0].isnumeric():
            # A figure \d does not take ("-²", "-½", "-①": indexed as 2, 1/2, 1): a minus
            # number, as "-2" is. Left out, "0 -²" found nothing in the text it came from.
            continue
        kept.append(query[position : match.start()] + " ")
        out.append(match.group(1) if match.group(1) is not None else match.group(2))
        position = match.end()
    if not out:
        return query, []
    return "".join(kept) + query[position:], out


def search_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what a reviewer typed in the search box.

    Every word must occur (in any order); a part in double quotes must occur as a
    phrase; a word or a quoted part with a minus before it must not (`left_out`). The
    last word is a prefix while it is still being typed ("Gan" finds "Ganja"). Users
    cannot inject FTS5 syntax: every term is quoted. None when the query has no
    searchable word to find.
    """
    query, out = left_out(query)
    expression = _found_expression(query)
    if expression is None or not out:
        return expression
    phrases = [" ".join(_searchable(index_words(words))) for words in out]
    nots = "".join(f' NOT "{phrase}"' for phrase in dict.fromkeys(phrases) if phrase)
    return f"({expression}){nots}" if nots else expression


def _found_expression(query: str) -> str | None:
    """`search_expression` of a query without words to leave out."""
    terms: list[str] = []
    position = 0
    prefix = _typed_prefix(query)
    for match in _QUOTED.finditer(query):
        terms += _unquoted_terms(query[position : match.start()])
        words = _searchable(index_words(match.group(1)))
        closed = len(match.group()) > 1 and match.group().endswith('"')
        if words and not closed and prefix is not None and _searchable(prefix):
            # A phrase still being typed: its last word is a prefix, as outside quotes.
            terms.append('"' + " ".join([*words[:-1], prefix]) + '"*')
        elif words:
            terms.append('"' + " ".join(words) + '"')
        position = match.end()
    tail = _unquoted_terms(query[position:])
    if tail and prefix is not None and _searchable(prefix):  # the last word is being typed
        before = tail[-1].strip('"').split()[:-1]  # (the phrase of a run of clusters)
        tail[-1] = '"' + " ".join([*before, prefix]) + '"*'
    # The last word's pieces as a phrase: "Nagorno-Kara" is "nagorno" then a word starting
    # with "kara", not the two anywhere; "Baku's" is "baku s", not "baku" and any word
    # starting with "s" ("said", "since").
    joined = _JOINED_LAST_REVERSED.match(query[position:][::-1])
    last_word = joined.group(1)[::-1] if joined else ""
    pieces = [f'"{t}"' for t in _searchable(index_words(last_word))]
    if len(pieces) > 1 and tail[-len(pieces) : -1] == pieces[:-1]:
        star = "*" if tail[-1].endswith("*") else ""
        tail[-len(pieces) :] = [
            '"' + " ".join(p.strip('"*') for p in tail[-len(pieces) :]) + '"' + star
        ]
    terms += tail
    if not terms:
        return None
    return " AND ".join(dict.fromkeys(terms))  # a word typed twice is asked once


# Terms of a search ranked by BM25 (see storage SearchIndex.match): FTS5's ranking takes
# time growing with the square of the terms (64: 30 ms; 800: 6 s; 2,000: 43 s, on the
# window's thread). A search of more, a pasted paragraph, matches few sentences anyway.
MAX_RANKED_TERMS = 64


# Words asked of the index per "earlier verdicts" look-up. An ordinary sentence has far
# fewer content words; a hostile page's one "sentence" of thousands made FTS5 rank an
# OR query of them all (5,000 words: 14 s; issue 13).
MAX_QUERY_WORDS = 32


def fts5_query(text: str) -> str:
    """An FTS5 MATCH expression: any normalised content word of ``text``, each quoted.

    At most `MAX_QUERY_WORDS` of them: the longest (as a rule the rarest, which are what
    BM25 ranks by), in the order they were written.
    """
    seen = list(dict.fromkeys(content_tokens(text)))
    if len(seen) > MAX_QUERY_WORDS:
        longest = set(sorted(seen, key=len, reverse=True)[:MAX_QUERY_WORDS])
        seen = [t for t in seen if t in longest]
    return " OR ".join(f'"{t}"' for t in seen)


def _features(tokens: list[str]) -> set[str]:
    """Token set plus a magnitude token per number, so 32 and 35 half-match."""
    out = set(tokens)
    for t in tokens:
        if t[0].isdigit():
            out.add(f"#mag{len(t.split('_')[0])}")
    return out


def _grams(tokens: list[str], n: int = 4) -> set[str]:
    text = " ".join(t for t in tokens if not t[0].isdigit())
    return {text[i : i + n] for i in range(max(0, len(text) - n + 1))}


@functools.lru_cache(maxsize=1024)  # a look-up compares one sentence with ~40 candidates
def _profile(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(content-word features, character 4-grams) of a text, for `similarity`."""
    tokens = content_tokens(text)
    if not tokens:
        return frozenset(), frozenset()
    return frozenset(_features(tokens)), frozenset(_grams(tokens))


def similarity(a: str, b: str) -> float:
    """How alike two statements are (0..1), robust to rewording, case and number format.

    0.6 x Dice overlap of normalised content words (numbers as values, plus their
    magnitude) + 0.4 x Jaccard of character 4-grams of the non-numeric words.
    """
    fa, ga = _profile(a)
    fb, gb = _profile(b)
    if not fa or not fb:
        return 1.0 if a.strip() == b.strip() and a.strip() else 0.0
    dice = 2 * len(fa & fb) / (len(fa) + len(fb))
    jac = len(ga & gb) / len(ga | gb) if ga and gb else float(ga == gb)
    return round(0.6 * dice + 0.4 * jac, 4)
