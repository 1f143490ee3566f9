"""`index_words` made faster must write every text's index words exactly as before.

The search index's stored rows are `index_words` of the sentences and reviews, made by
every released desk: a word written differently now would no longer be found in an old
workspace's index (and `SEARCH_INDEX_VERSION` is not bumped for a speed-up). So the
implementation as it was before the speed-up is kept here, as the reference, and the
real one is compared with it on generated text rich in what the fold and the numbers
touch: number words of English, digits of several scripts, decimal and thousands
separators with no-break and thin spaces, accents, ligatures, Indic and Thai marks,
Chinese, Arabic, invisible format characters, emoji, lone surrogates, U+FFFD.
"""

from __future__ import annotations

import math
import random
import re
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck_app.domain import matching
from factcheck_app.domain.matching import index_words

# --- The reference: index_words as it was before the speed-up (2026-12-07). ------------

_REF_WORD_NUM = re.compile(
    r"\b("
    + "|".join(sorted(matching._NUM_WORDS, key=len, reverse=True))
    + r")(?:[- ](one|two|three|four|five|six|seven|eight|nine))?\b"
)
_REF_NUM_TOKEN = re.compile(
    r"(\d\d*(?:[.,]\d+)*)(?:\s*(?:-\s*)?(hundred|thousand|million|billion|trillion|bn|mn)\b)?"
)
_REF_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_REF_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")
_REF_SEARCH_TOKEN = re.compile(r"[^\W_]+")


def _ref_accents_folded(text: str) -> str:
    text = text.translate(matching._ACCENT_FOLD)
    if matching._HAS_STAND_IN.search(text):
        return matching._STRAY_STAND_INS.sub("", text)
    return text


def _ref_plain(text: str) -> str:
    if not text.isascii():
        text = matching._OWN_WORD.sub(r" \1 ", _ref_accents_folded(text))
    text = text.lower()
    return text.replace("’", "'").replace("%", " percent ").replace("per cent", "percent")


def _ref_numbers_as_digits(text: str) -> str:
    def words_to_digits(m: re.Match[str]) -> str:
        value = matching._NUM_WORDS[m.group(1)]
        if m.group(2):
            value += matching._NUM_WORDS[m.group(2)]
        return str(value)

    text = _REF_WORD_NUM.sub(words_to_digits, text)

    def digits(m: re.Match[str]) -> str:
        raw = m.group(1)
        if _REF_THOUSANDS.fullmatch(raw):
            raw = raw.replace(",", "")
        elif _REF_DOT_THOUSANDS.fullmatch(raw):
            raw = raw.replace(".", "").replace(",", ".")
        elif "," in raw:
            raw = raw.replace(",", ".")
        try:
            value = float(raw)
        except ValueError:
            return m.group()
        if not math.isfinite(value * matching._SCALES.get(m.group(2) or "", 1)):
            return m.group()
        if m.group(2):
            value *= matching._SCALES[m.group(2)]
        return f" {value:.0f} " if value == int(value) else f" {value:g} ".replace(".", "_")

    return _REF_NUM_TOKEN.sub(digits, text)


def _ref_words_of(text: str) -> list[str]:
    if not text.isascii() and matching._HAS_STAND_IN.search(text) is not None:
        return matching._MARKED_TOKEN.findall(text)
    return _REF_SEARCH_TOKEN.findall(text)


def reference_index_words(text: str) -> str:
    """`index_words` before the speed-up."""
    folded = _ref_numbers_as_digits(_ref_plain(text))
    return " ".join(matching._stem(t) for t in _ref_words_of(folded))


# --- Text to compare them on. ----------------------------------------------------------

_PIECES = [
    *matching._NUM_WORDS,
    *(w.capitalize() for w in matching._NUM_WORDS),
    *matching._SCALES,
    "MILLION",
    "Billion",
    "hundred",
    "per cent",
    "Per Cent",
    "percent",
    "1st",
    "2nd",
    "3rd",
    "21st",
    "twenty-one",
    "Thirty-Two",
    "forty two",
    "ninety- nine",
    "3,5",
    "3.5",
    "1,000",
    "1.000",
    "1.000.000",
    "2.500.000,50",
    "332,000",
    "0.5",
    "1 000",
    "1\u00a0000",
    "1\u202f000",
    "1\u2009000",
    "4.2bn",
    "$4.2bn",
    "3mn",
    "3 - million",
    "3-million",
    "1e5",
    "1" * 320,
    "9" * 40 + ".5",
    "0000",
    "٣٫٥",
    "٢٠٢٣",
    "१२३",
    "๓",
    "%",
    "٪",
    "€",
    "$",
    "£",
    "¥",
    "’",
    "'",
    "“",
    "”",
    "«",
    "»",
    "-",
    "‐",
    "‑",
    "_",
    ".",
    ",",
    "ﬁ",
    "ﬂ",
    "Æ",
    "œ",
    "é",
    "e\u0301",
    "Ångström",
    "naïve",
    "İ",
    "ı",
    "I",
    "ß",
    "ẞ",
    "Straße",
    "ΟΔΟΣ",
    "Σ",
    "σ",
    "ς",
    "ΣΑΣ Σ",
    "Ελλάδα",
    "مُحَمَّد",
    "الحكـومة",
    "ـ",
    "שָׁלוֹם",
    "मंत्री",
    "दिल्ली",
    "क़",
    "Modiी",
    "ी",
    "्",
    "กล่าว",
    "ข่าว",
    "ไม่",
    "ၿမိဳ႕",
    "ក្រុង",
    "中国",
    "東京都",
    "ｶﾀｶﾅ",
    "ひらがな",
    "𠀀",
    "\U000f0900",
    "\U000fb000",
    "\ue000",
    "\u200b",
    "\u00ad",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u200e",
    "\u202e",
    "\ufffd",
    "\ud800",
    "\udfff",
    "😀",
    "👍🏽",
    "\u0301",
    "\u0308",
    "Zu\u0308",
    " ",
    "  ",
    "\u00a0",
    "\u202f",
    "\u2009",
    "\n",
    "\t",
    "\r\n",
    "\x00",
    "\x7f",
]


def random_text(rng: random.Random, pieces: int) -> str:
    """A text of `pieces` pieces, joined by nothing or by some kind of space."""
    glue = ["", " ", " ", "\u00a0", "-", ", ", ". "]
    return "".join(rng.choice(_PIECES) + rng.choice(glue) for _ in range(pieces))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.integers(0, 6))
@example(["twenty", "-", "one", " ", "3", ",", "5", "%"], 0)
def test_index_words_is_as_before_on_pieces(pieces: list[str], glue_kind: int) -> None:
    glue = ["", " ", "\u00a0", "-", ",", ".", "\u202f"][glue_kind]
    text = glue.join(pieces)
    assert index_words(text) == reference_index_words(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_index_words_is_as_before_on_any_text(text: str) -> None:
    assert index_words(text) == reference_index_words(text)


_ASCII_PIECES = [piece for piece in _PIECES if piece.isascii()]
_OTHER_PIECES = [piece for piece in _PIECES if not piece.isascii()]


def mostly_ascii_text(rng: random.Random, pieces: int, other: float) -> str:
    """A text of ASCII pieces with one of the others now and then (the share `other`):
    an explanation in English with a few curly quotes, a euro sign, a name."""
    glue = [" ", " ", "", "-", ", ", ". ", "\n"]
    return "".join(
        rng.choice(_OTHER_PIECES if rng.random() < other else _ASCII_PIECES) + rng.choice(glue)
        for _ in range(pieces)
    )


def test_index_words_is_as_before_on_long_mixed_texts() -> None:
    """Long texts (where the fold leaves long runs of ASCII untranslated) of every kind of
    piece, dense and sparse, seeded, so that a failure can be run again."""
    for seed in range(60):
        rng = random.Random(seed)
        if seed % 2:
            text = random_text(rng, rng.choice([5, 50, 500, 3000]))
        else:
            text = mostly_ascii_text(rng, rng.choice([400, 3000]), rng.choice([0.002, 0.02]))
        assert index_words(text) == reference_index_words(text), seed


def test_index_words_is_as_before_on_every_character() -> None:
    """Each character of the first plane, and of the planes beyond where the fold does
    something, alone and between letters and digits."""
    points = [*range(0x10000), *range(0x11000, 0x12000), *range(0x20000, 0x20100)]
    points += [*range(0xF0000, 0xF0100), *range(0xFB000, 0xFB100), 0x1F600, 0x1F3FD]
    chars = [chr(p) for p in points]
    for at in range(0, len(chars), 512):
        block = chars[at : at + 512]
        for text in ("".join(block), " ".join(block), "a".join(block), "3".join(block)):
            assert index_words(text) == reference_index_words(text), hex(points[at])


# --- A long text indexed a piece at a time (its pieces' words remembered). ---------------


def _typed_into(text: str, at: int, word: str) -> str:
    return text[:at] + word + text[at:]


def test_a_word_typed_in_a_long_text_reads_only_its_sentence_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each save of an explanation indexes it again, on the window's thread: a document of
    900,000 characters pasted in held the window 0.2-0.4 s at every pause in typing, all
    of it read again for the one word typed. Only the sentence typed in is read again."""
    # Remembered afresh: what earlier tests (or a rebuild) left there may be near the bound,
    # and emptied while this text was indexed.
    monkeypatch.setattr(matching, "_PIECE_WORDS", {})
    monkeypatch.setattr(matching, "_pieces_held", 0)
    text = mostly_ascii_text(random.Random(3), 30_000, 0.002)
    assert len(text) > 100_000
    index_words(text)  # as the save before the word typed indexed it
    read: list[int] = []
    fold = matching._fold

    def counted_fold(piece: str) -> str:
        read.append(len(piece))
        return fold(piece)

    monkeypatch.setattr(matching, "_fold", counted_fold)
    middle = text.index(". ", len(text) // 2) + 2
    edited = _typed_into(text, middle, "fourteen ministers resigned ")
    assert index_words(edited) == reference_index_words(edited)
    assert sum(read) < 2_000


def test_a_long_text_indexed_in_pieces_is_as_before_on_pieces_and_breaks() -> None:
    """Cut where nothing the index reads runs across (a number's scale word after a line
    break: "4.2\\nmillion"; "twenty one"): the same words as the whole text, seeded."""
    glue = [
        " ",
        " ",
        "",
        "-",
        ", ",
        ". ",
        "\n",
        ".\n",
        "\n\n",
        " \n ",
        "3\n",
        "a\n",
        "!  ",
        "nine\ntrillion ",
    ]
    for seed in range(40):
        rng = random.Random(seed)
        pieces = rng.choice([20, 400, 3000])
        text = "".join(rng.choice(_PIECES) + rng.choice(glue) for _ in range(pieces))
        assert matching._index_words_in_pieces(text) == reference_index_words(text), seed
        assert index_words(text * 3) == reference_index_words(text * 3), seed


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_PIECES),
            st.sampled_from(["", " ", "\n", ". ", ".\n", ",  ", "3 ", "-\n", ") ", "\u2029"]),
        ),
        max_size=30,
    )
)
def test_pieces_cut_anywhere_are_as_before(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + glue for piece, glue in parts)
    assert matching._index_words_in_pieces(text) == reference_index_words(text)
    assert matching._index_words_in_pieces(text) == reference_index_words(text)  # remembered


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_any_text_in_pieces_is_as_before(text: str) -> None:
    for glued in (text, text.replace(" ", ". "), text.replace(" ", "\n")):
        assert matching._index_words_in_pieces(glued) == reference_index_words(glued)


def test_every_character_between_pieces_is_as_before() -> None:
    """Each character of the first plane (and the fold's beyond), either side of a cut."""
    points = [*range(0x10000), *range(0xF0000, 0xF0100), *range(0xFB000, 0xFB100)]
    chars = [chr(p) for p in points]
    for at in range(0, len(chars), 512):
        block = chars[at : at + 512]
        for glue in (". ", ".\n", "a\n", "3 ", "Σ. ", ". Σ", "4.\nmillion "):
            text = glue.join(block)
            assert matching._index_words_in_pieces(text) == reference_index_words(text), hex(
                points[at]
            )


def test_every_kind_of_space_as_a_cut_is_as_before() -> None:
    """The cut's spaces are any of Python's `\\s` (no-break, thin, ideographic, line and
    paragraph separators): a number's scale word and the marks beside them alike."""
    spaces = [chr(c) for c in range(0x110000) if re.fullmatch(r"\s", chr(c))]
    for space in spaces:
        for before in ("nine.", "4,", "ΟΔΟΣ.", "x)", "é.", "दि."):
            for after in ("million", "Σ", "\u0301x", "ी", "one", "cent", "٣"):
                text = f"{before}{space}{after} {before}{space}{space}\n{after}"
                assert matching._index_words_in_pieces(text) == reference_index_words(text), text


def test_the_sentences_remembered_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A day of typing in long explanations (or a rebuild indexing every one) remembers at
    most about `_PIECES_REMEMBERED` bytes of sentences and their words, then starts again:
    the words stay right after it is emptied."""
    monkeypatch.setattr(matching, "_PIECE_WORDS", {})
    monkeypatch.setattr(matching, "_pieces_held", 0)
    monkeypatch.setattr(matching, "_PIECES_REMEMBERED", 300_000)
    rng = random.Random(11)
    for _ in range(12):
        text = mostly_ascii_text(rng, 4000, 0.01)
        assert index_words(text) == reference_index_words(text)
        costs = [
            sys.getsizeof(piece) + sys.getsizeof(words) + matching._ENTRY_BYTES
            for piece, words in matching._PIECE_WORDS.items()
        ]
        assert sum(costs) == matching._pieces_held <= 300_000


def _remembered_bytes() -> int:
    """What the remembered sentences hold in memory: the dict, its keys and its words."""
    held = matching._PIECE_WORDS
    return sys.getsizeof(held) + sum(
        sys.getsizeof(piece) + sys.getsizeof(words) for piece, words in held.items()
    )


def test_the_sentences_remembered_are_bounded_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """A list pasted into an explanation is cut into short sentences ("1. 2. 3.", "ref
    10023. ref 10024."), and each one remembered costs its two strings' headers and its
    dict entry, some 200 bytes, whatever its length: counted by its characters alone,
    3,000,000 characters of such sentences held 80-300 MB (and a sentence of "ﷺ", 18
    characters of words each, 130 MB). The bound is on the memory they take."""
    limit = 1_000_000
    monkeypatch.setattr(matching, "_PIECE_WORDS", {})
    monkeypatch.setattr(matching, "_pieces_held", 0)
    monkeypatch.setattr(matching, "_PIECES_REMEMBERED", limit)
    texts = [
        "".join(f"{n}. " for n in range(100_000, 150_000)),
        "".join(f"ref {n}.\n" for n in range(10_000, 40_000)),
        "".join(chr(0x4E00 + n % 9000) + chr(0x4E00 + n // 9000) + ". " for n in range(40_000)),
        "".join("\ufdfa" * 20 + f"{n}. " for n in range(3_000)),
        mostly_ascii_text(random.Random(5), 60_000, 0.01),
    ]
    for text in texts:
        assert index_words(text) == reference_index_words(text)
        assert _remembered_bytes() <= 1.2 * limit, text[:20]
