"""News-grade sentence splitter for the desk's languages.

Pure Python, no third-party dependencies.  The splitter only *chooses
boundaries*: every span is a slice of the input, so offsets can be stored
and highlighted in the original article without any re-alignment (right-to-left
text included: offsets count code points in logical order).

What a language contributes -- its sentence-final punctuation, quotation marks,
abbreviations, sentence starters, datelines, stamps and captions -- is data, one
``LanguageTable`` per language in ``factcheck_app.domain.languages``; the rules
read those tables and have no language branches. The patterns compiled from a table,
the stamp skipping and the abbreviation classes are in ``segmentation_rules``; the
decisions below use them.

Pipeline (linear in the input size):

1. Leading metadata stamps (``date 2020-10-04``, ``Posted 3:45 p.m. EDT,
   Oct 4, 2020``, ``Mis à jour le 2 mai 2023``) are skipped; they belong to no span.
2. The body is cut into *segments*: blank lines always separate segments;
   a single line break separates them only when the line looks like a
   headline, byline, caption, list item or a deliberately short line rather
   than a hard wrap.  Each segment gets its own paragraph index.
3. Inside a segment, candidate boundaries are runs of sentence-final
   punctuation (plus closing quotes/brackets) followed by whitespace, found
   with one ``finditer``, and the items of an inline list ("1.) … 2.) …").
   Each candidate is accepted or rejected by looking at the word before it
   (abbreviation classes, initials, list numbers) and the token after it
   (case, digits, common sentence starters).

See ``docs/segmentation.md`` for measured accuracy and known limits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from itertools import pairwise
from typing import NamedTuple

from factcheck_app.domain.segmentation_rules import (
    BREAKS,
    BULLETS,
    CAMEL_BRAND,
    CORNER_CLOSERS,
    DASHES,
    DOT_PAREN,
    ITEM,
    ITEM_START,
    JAPANESE_PARTICLE,
    LETTERS,
    LINE_SEP,
    LIST_MARKER,
    MAX_WRAP,
    NO_SPLIT_AFTER_STRONG,
    NO_SPLIT_NEXT,
    ROMAN,
    SINGLE_BREAKS,
    TIMEZONE,
    Rules,
    abbreviation_class,
    rules_for,
    skip_stamps,
)

__all__ = ["SentenceSpan", "drawn_start", "paragraphs_begun", "split_sentences"]

PROGRESS_EVERY = 500  # segments between progress calls: cheap, yet several per second

# The longest sentence the splitter makes. A data dump with no full stop for 20 MB was
# one sentence: its full-text index row held all its words, and every save of its
# explanation, claimant or sources wrote that row again whole (1.27 s a save on the
# window's thread). Beyond this many characters a sentence is cut at a space (the last
# in the cap's second half), or, with none there, at the cap itself (never before a
# combining mark or a joiner); the text itself is never changed
# (docs/segmentation.md, "Very long sentences").
MAX_SENTENCE_CHARS = 5000
# Up to the last blank before the cap, looked for in the cap's second half only; a
# no-break space ("10\u00a0000", "M.\u00a0Dupont") is no place to cut.
_LAST_BLANK = re.compile("(?s:.*)[^\\S\u00a0\u2007\u202f]")
_BLANKS = re.compile(r"\s*")
_JOINERS = frozenset("\u200c\u200d\u034f\u2060")  # never a cut beside one of these
# Letters that are the second half of the one before (Thai and Lao "am"; the half-width
# katakana voiced and semi-voiced marks, "ｶﾞ" is "ga", Unicode's Grapheme_Extend): no
# mark by their category (Lo, Lm), yet never read apart from it.
_SPACING_LETTERS = frozenset("\u0e33\u0eb3\uff9e\uff9f")
_REGIONAL = re.compile("[\U0001f1e6-\U0001f1ff]")  # two make a flag
_NOT_REGIONAL = re.compile("[^\U0001f1e6-\U0001f1ff]")
_LAST_NOT_REGIONAL = re.compile("(?s:.*)[^\U0001f1e6-\U0001f1ff]")
# Korean jamo: a leading consonant goes with what follows it; a vowel or a final
# consonant with what is before it.
_HANGUL_L = re.compile("[\u1100-\u115f\ua960-\ua97f]")
_HANGUL_L_NEXT = re.compile("[\u1100-\u115f\ua960-\ua97f\uac00-\ud7a3]")
_HANGUL_VT = re.compile("[\u1160-\u11ff\ud7b0-\ud7ff]")


class SentenceSpan(NamedTuple):
    """One sentence: ``text[start:end]`` with its 0-based paragraph index.

    A named tuple (immutable, hashable): a 10 MB article makes some 200,000 of them."""

    start: int
    end: int
    paragraph: int


# --------------------------------------------------------------------------
# Segments: blocks (blank lines) and lines
# --------------------------------------------------------------------------

# A paragraph or line with nothing to see: spaces and characters that show nothing (a
# zero-width space or joiner, a direction mark or control, a byte-order mark, a soft
# hyphen). One pasted from a web page made a sentence of its own: an empty row in the
# list that counted as not done, and N went to it. Such a paragraph or line is no
# sentence, as a blank one is not. A fullmatch fails at the first visible character:
# one step for a paragraph of prose.
NOTHING_VISIBLE = re.compile(
    "[\\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]*"
)


def _first_word(line: str) -> str:
    """First whitespace-delimited token of a stripped line."""
    parts = line.split(None, 1)
    return parts[0] if parts else ""


def _looks_like_title(line: str, r: Rules) -> bool:
    """True for Title Case or ALL CAPS lines (headlines, section labels).

    News prose is full of capitalised names, so every word of four or more
    letters must be capitalised, apart from a few prepositions.
    """
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    if len(words) < 2:
        return False
    lower = r.table.title_lower
    return all(w[0].isupper() or w in lower for w in words)


def _line_ends_segment(line: str, nxt: str, width: int, r: Rules) -> bool:
    """Decide whether a single line break after ``line`` ends a segment.

    ``line`` and ``nxt`` are stripped, non-empty lines of one block; ``width``
    is the longest line of that block, a lower bound for any hard-wrap width.
    """
    # A hard-wrapped line is only short when the next word did not fit on
    # it; if it would have fitted, the writer broke the line on purpose.
    fits = len(line) + 1 + len(_first_word(nxt)) <= width
    if LIST_MARKER.match(nxt) and (fits or line[-1] in ":;" or LIST_MARKER.match(line)):
        return True
    caption = r.caption
    if caption is not None:
        # "Photo: Reuters" and "Credit: …" are lines of their own.
        if caption.match(nxt):
            return True
        if caption.match(line) and not (nxt[0].islower() or r.continuation_end.search(line)):
            return True
    if r.terminal_end.search(line):
        # Sentence rules decide on the newline as on a space, but a
        # deliberate break (or a paragraph-per-line text) ends the segment.
        return fits or width > MAX_WRAP
    if r.continuation_end.search(line):
        return False
    if nxt[0].islower() and not CAMEL_BRAND.match(nxt):
        return False
    if r.dateline.match(nxt) is not None:
        return True  # a headline above a dateline ("ANKARA (Reuters) -")
    if fits or _looks_like_title(line, r):
        return True
    # A new sentence start ("The", "At") after a line that does not end in a
    # continuation word: a headline.
    return _core(_first_word(nxt)) in r.table.line_starters


def _segments(text: str, start: int, r: Rules, stop: int | None = None) -> list[tuple[int, int]]:
    """Cut ``text[start:]`` into (start, end) segments without outer blanks (up to the end
    of the block that holds ``stop``, if given)."""
    segments: list[tuple[int, int]] = []
    b_start = start
    lines = False  # the block so far holds a single line break
    size = len(text)
    # One pass over every run of line breaks: a single break stays inside a block,
    # a blank line (or U+2029) ends it.
    for m in BREAKS.finditer(text, start):
        if m.group() in SINGLE_BREAKS:
            lines = True
            continue
        a, b = m.span()
        _add_block(text, b_start, a, lines, segments, r)
        if stop is not None and a >= stop:
            return segments
        b_start, lines = b, False
    _add_block(text, b_start, size, lines, segments, r)
    return segments


def _add_block(
    text: str, b_start: int, b_end: int, lines: bool, out: list[tuple[int, int]], r: Rules
) -> None:
    """Append the segments of the block ``text[b_start:b_end]``."""
    if lines:
        _split_block(text, b_start, b_end, out, r)
    elif b_end > b_start and not text[b_start].isspace() and not text[b_end - 1].isspace():
        if not NOTHING_VISIBLE.fullmatch(text, b_start, b_end):
            out.append((b_start, b_end))  # a trimmed paragraph: no copy of it
    else:
        block = text[b_start:b_end]
        stripped = block.strip()
        if stripped and not NOTHING_VISIBLE.fullmatch(stripped):
            lead = b_start + len(block) - len(block.lstrip())
            out.append((lead, lead + len(stripped)))


def _split_block(text: str, b_start: int, b_end: int, out: list[tuple[int, int]], r: Rules) -> None:
    """Append the segments of multi-line ``text[b_start:b_end]`` to ``out``."""
    block = text[b_start:b_end]
    lines: list[tuple[int, int, str]] = []  # (start, end, stripped text)
    pos = 0
    for m in LINE_SEP.finditer(block):
        _add_line(block, pos, m.start(), lines)
        pos = m.end()
    _add_line(block, pos, len(block), lines)
    if not lines:
        return
    width = max(len(s) for _, _, s in lines)
    seg_start = lines[0][0]
    for (_, end, line), (nxt_start, _, nxt) in pairwise(lines):
        if _line_ends_segment(line, nxt, width, r):
            out.append((b_start + seg_start, b_start + end))
            seg_start = nxt_start
    out.append((b_start + seg_start, b_start + lines[-1][1]))


def _add_line(block: str, a: int, b: int, lines: list[tuple[int, int, str]]) -> None:
    """Record the stripped extent of ``block[a:b]`` unless it shows nothing."""
    raw = block[a:b]
    stripped = raw.strip()
    if stripped and not NOTHING_VISIBLE.fullmatch(stripped):
        lead = len(raw) - len(raw.lstrip())
        lines.append((a + lead, a + lead + len(stripped), stripped))


# --------------------------------------------------------------------------
# Inline lists
# --------------------------------------------------------------------------


def _inline_items(text: str, seg_start: int, seg_end: int) -> list[tuple[int, int]]:
    """(start, end) of every item marker of a list that opens the segment.

    "1.) Do this 2.) Do that", "a. First b. Second", "• 3. One • 4. Two": the
    segment starts with a marker, and each later marker that continues its
    sequence (the next number or letter, the same bullet) starts an item. A
    segment that does not start with a marker has no inline list.
    """
    c = text[seg_start]
    if not (c in BULLETS or c.isdigit() or text[seg_start + 1 : seg_start + 2] in (".", ")")):
        return []
    first = ITEM.match(text, seg_start, seg_end)
    if first is None:
        return []
    items = [first.span()]
    bullet, number, letter, lone = first.groups()
    style = (bullet is not None or lone is not None, number is not None, letter is not None)
    expected = int(number) + 1 if number else (ord(letter) + 1 if letter else 0)
    for m in ITEM.finditer(text, first.end(), seg_end):
        if not text[m.start() - 1].isspace():
            continue
        b, n, let, lo = m.groups()
        if (b is not None or lo is not None, n is not None, let is not None) != style:
            continue
        if n is not None:
            if int(n) != expected:
                continue
            expected += 1
        elif let is not None:
            if ord(let) != expected:
                continue
            expected += 1
        items.append(m.span())
    return items if len(items) > 1 or number or letter else []


# --------------------------------------------------------------------------
# Boundary decisions
# --------------------------------------------------------------------------


def _words_before(text: str, lo_limit: int, pos: int, r: Rules) -> tuple[str, bool, str]:
    """Token ending at ``pos`` (opening punctuation stripped), whether it is the
    first token since ``lo_limit`` (the current sentence start), and the token
    before it ("" if none)."""
    lo = pos - 40 if pos - 40 > lo_limit else lo_limit  # abbreviations are short: O(1)
    window = text[lo:pos]
    parts = window.rsplit(None, 2)
    if not parts or window[-1].isspace():
        return "", not parts, ""
    word = parts[-1]
    if len(parts) == 1:
        return word.lstrip(r.lead_chars), lo == lo_limit and not window[0].isspace(), ""
    return word.lstrip(r.lead_chars), False, parts[-2]


def _core(word: str) -> str:
    """Strip trailing punctuation that is not part of the word."""
    return word.rstrip(",;:.!?\u2026\"'\u201d\u2019\u00bb\u203a\u201c\u00ab)]}\u060c\u061f")


def _is_starter(word: str, r: Rules) -> bool:
    """Whether ``word`` (the next token) commonly starts a news sentence."""
    m = LETTERS.match(word)
    if m is None:
        return False
    letters = m.group()
    if len(letters) == 1 and word[1:2] == ".":
        return False  # an initial ("В. Путин"), not the preposition "В"
    prefixes = r.table.starter_prefixes
    return letters in r.table.starters or (len(letters) > 2 and letters[0] in prefixes)


def _quote_attribution(text: str, after: int, end: int, r: Rules) -> bool:
    """'"Why?" Foreign Ministry spokeswoman Maria Zakharova asked.': a name,
    maybe with a title and an apposition ("Amina Diallo, 29,"), then a speech
    verb right after a quoted question."""
    table = r.table
    appositive = 0  # words inside ", 29," so far (0: not inside one)
    closed = False  # an apposition just closed: "Lopez, 54, a shop owner, said"
    for w in text[after : min(end, after + 200)].split()[:16]:
        c = _core(w)
        if appositive:
            if appositive > 7:
                return False
            appositive = 0 if w.endswith(",") else appositive + 1
            closed = not appositive
            continue
        if c in table.speech_verbs:
            return True
        if closed and (c[:1].islower() or c[:1].isdigit()):
            appositive = 0 if w.endswith(",") else 1  # a second apposition
            closed = not appositive
            continue
        closed = False
        if not c or not (c[0].isupper() or c in table.title_words):
            return False  # a plain lowercase word or punctuation: new sentence
        if w.endswith(",") and c == w[:-1]:
            appositive = 1  # "Diallo," opens an apposition that a comma closes
        elif c != w.rstrip("."):
            return False
    return False


def _ends_sentence(
    text: str,
    seg_end: int,
    m: re.Match[str],
    sent_start: int,
    nxt_pos: int,
    opener: str,
    nxt: str,
    r: Rules,
) -> bool:
    """Decide whether candidate ``m`` (followed by ``opener`` + ``nxt`` at
    ``nxt_pos``) ends the sentence that started at ``sent_start``."""
    table = r.table
    group = m.group()
    punct = group.rstrip(r.closer_chars)
    closed = len(punct) != len(group)
    if not nxt:  # a lone opening quote/bracket
        nxt = opener
    first = nxt[0]
    if group[-1] in CORNER_CLOSERS and JAPANESE_PARTICLE.fullmatch(nxt):
        return False  # "「君の名は。」 が 公開された。": the particle carries it on
    lower = first.islower() and not CAMEL_BRAND.match(nxt)
    plain = punct == "."  # by far the most common candidate: skip what cannot apply

    if not plain:
        last = punct[-1:]
        if last in DASHES or last == "-":
            # Speech cut off: '"We were going to—" He stopped.' An unquoted dash
            # ends a sentence only before a common sentence starter.
            if lower or first in NO_SPLIT_AFTER_STRONG:
                return False
            if not closed:
                return _is_starter(nxt, r)
            return not (not opener and _quote_attribution(text, nxt_pos, seg_end, r))
        if r.strong.search(punct):
            # '"Who gave the order?" asked the ...' is one sentence.
            if first in DASHES and table.dialogue_dash:
                return _dialogue_turn(text, nxt_pos, nxt, seg_end)
            if lower or first in NO_SPLIT_AFTER_STRONG:
                return False
            return not (closed and not opener and _quote_attribution(text, nxt_pos, seg_end, r))

    if first in DASHES and table.dialogue_dash:
        return _dialogue_turn(text, nxt_pos, nxt, seg_end)
    if lower or first in NO_SPLIT_NEXT:
        return False

    if not plain:
        if "." not in punct and "\u2026" not in punct:
            return True  # a full stop of its own: Armenian "։"
        if "\u2026" in punct or punct.startswith("..") or ". ." in punct:
            return _ellipsis_ends(text, m, punct, group, closed, nxt, r)

    if table.colon_dot and opener and punct == ".":
        return False  # Armenian "ասաց. «…»": the dot is a colon

    word, first_token, prev = _words_before(text, sent_start, m.start(), r)
    if not word:
        return True
    if word[0] in "/(" and word.strip("/()") in table.agencies:
        return False  # "МОСКВА, 5 мая. /ТАСС/. Правительство…": the dateline's agency
    if table.multiword and f"{word}. {nxt.rstrip('.')}" in table.multiword:
        return False  # the first half of "z. B.", "т. е.", "e. V."
    abbreviation = table.multiword.get(f"{prev} {word}", "") if prev else ""
    if not abbreviation:
        abbreviation = abbreviation_class(word, table)
    if abbreviation == "year":
        # "2020 г. Президент": after a year it ends; "г. Москва" (a city) goes on.
        # Without capitals, only a sentence starter shows that it ends.
        before = prev.rstrip(",")
        if before.isdigit() or ROMAN.fullmatch(before):
            abbreviation = "ambiguous" if table.caseless else "plain"
        else:
            abbreviation = "title"

    digit = first.isdigit() or first in "$\u00a3\u20ac\u00a5#\u20bd\u058f"
    if not abbreviation or abbreviation == "plain":
        # A plain word (the common case): it ends the sentence, unless it is the
        # number of a list item ("1. First item") or an ordinal ("am 3. Oktober").
        if word.isdigit() and len(word) <= 3:
            if first_token:
                return False
            if table.ordinal_dots and not digit and _is_upper(first, r):
                return _is_starter(nxt, r)
        return True
    if abbreviation == "never":
        return False
    if abbreviation and abbreviation != "plain" and opener[:1] == "(":
        return False  # "SACRAMENTO, Calif. (AP) —", "10 a.m. (1400 GMT)"
    if digit:
        # "No. 10", "Jan. 6", "Lt. 2", "H.R. 1", "U.S. 10-year yields".
        return abbreviation not in ("number", "title", "initials", "place", "address")
    if not _is_upper(first, r):
        return True  # symbols: nothing suggests a continuation
    core = _core(nxt)
    if abbreviation == "title":
        # "on Main St. Police said": a street, not "St. Louis".
        return (
            word in table.street_titles
            and prev[:1].isupper()
            and abbreviation_class(prev.rstrip("."), table) == ""
            and _is_starter(nxt, r)
        )
    if abbreviation == "time":
        if m.start() - sent_start <= 40:
            opening = LETTERS.match(text, sent_start, m.start())
            if opening is not None and opening.group() in table.time_intro:
                return False  # "At 6 p.m. Dr. Lee said": a fronted time phrase
        return not (
            TIMEZONE.match(core) or core in table.time_next or r.city_time.match(text, nxt_pos)
        )
    if abbreviation == "company":
        return not (core in table.company_next or (nxt.endswith(".") and len(core) <= 4))
    if abbreviation == "initial":
        # "George W. Bush" continues; "Plan B. Investors" and "vitamin D. It" end.
        return prev in table.letter_designators or _is_starter(nxt, r)
    if abbreviation == "place":
        # "in the U.S. The ..." ends; "U.S. Army", "U.N. Security Council" go on.
        return _is_starter(nxt, r) or core in table.places
    if abbreviation == "address":
        return core not in table.address_next
    if abbreviation == "city":
        return core not in table.city_next
    if abbreviation in ("ambiguous", "initials"):
        return _is_starter(nxt, r)
    return True  # a plain word, a month or "No." before a capital


def _is_upper(first: str, r: Rules) -> bool:
    """Whether the next token starts like a sentence: a capital, an opening mark, or
    any letter of a script without case."""
    if first.isupper() or first in r.lead_chars:
        return True
    return r.table.caseless and first.isalpha()


def _dialogue_turn(text: str, nxt_pos: int, nxt: str, seg_end: int) -> bool:
    """After a full stop, "—No —respondió" opens a turn of dialogue, "—preguntó"
    and "— сказал он" go on with the author's words."""
    pos = nxt_pos + len(nxt) if len(nxt) == 1 else nxt_pos + 1
    while pos < seg_end and text[pos].isspace() and pos - nxt_pos < 4:
        pos += 1
    after = text[pos : pos + 1]
    return bool(after) and not after.islower() and after not in DASHES


def _ellipsis_ends(
    text: str, m: re.Match[str], punct: str, group: str, closed: bool, nxt: str, r: Rules
) -> bool:
    """An ellipsis before a capital or a digit."""
    before = text[m.start() - 1] if m.start() > 0 else ""
    if punct.count(".") == 4:
        return True  # ". . . ." and "....": a full stop and an omission
    if before and before in "[(" and group[len(punct) : len(punct) + 1] in ("]", ")"):
        # "[...]" marks an omission inside a quotation: "[...] (Smith, 2019)".
        return nxt[:1] != "(" and _is_starter(nxt, r)
    if before.isspace() and not closed:
        # A spaced omission mark (" … ", " . . . ") usually sits inside a
        # sentence ("more than ... 50 people").
        return _is_starter(nxt, r)
    return True


def _block_start(text: str, at: int, language: str | None) -> int:
    """Where the block (the text between blank lines) that holds `at` begins, as
    `_segments` cuts the text: looked for in ever wider stretches before `at`, not from
    the text's start (a split near the end of a 30 MB article took 1.8 s)."""
    body = skip_stamps(text, language)
    width = 4096
    while True:
        lo = max(body, at - width)
        ends = [
            m.end()
            for m in BREAKS.finditer(text, lo, at)
            if m.group() not in SINGLE_BREAKS and (m.start() > lo or lo == body)
        ]
        if ends:
            return ends[-1]
        if lo == body:
            return body
        width *= 4


def paragraphs_begun(text: str, start: int, end: int, *, language: str | None = None) -> int:
    """How many paragraphs begin after `start` up to `end`, where text goes on, as
    `split_sentences` numbers them: the blank lines (or U+2029) in `text[start:end]`, a
    blank line around a paragraph that shows nothing counted once, and a single line break
    the splitter ends a paragraph at (a headline on the line above its story's first
    sentence; not a hard-wrapped line). A sentence merged across a paragraph's end and
    split again there (Ctrl+M, then Ctrl+Shift+M) gives its second part the paragraph it
    had: a headline's single break was not counted, and the reports ran it into the story."""
    found = list(BREAKS.finditer(text, start, end))
    if any(m.group() in SINGLE_BREAKS for m in found):
        # Whether a single break ends a paragraph depends on its whole block (its longest
        # line): the blocks are cut as the splitter cuts them, up to the one `end` is in.
        segments = _segments(text, _block_start(text, start, language), rules_for(language), end)
        return sum(1 for segment_start, _end in segments if start < segment_start <= end)
    breaks = [m for m in found if m.group() not in SINGLE_BREAKS]
    begun = 0
    for m, after in pairwise(breaks):
        block = text[m.end() : after.start()].strip()
        if block and not NOTHING_VISIBLE.fullmatch(block):
            begun += 1
    return begun + 1 if breaks else 0


def split_lines(text: str) -> list[SentenceSpan]:
    """Each non-blank line of ``text`` as one sentence, trimmed: a list of statements, one
    per line (a line with no full stop does not run into the next, as wrapped prose
    does). Each line is its own paragraph."""
    spans: list[SentenceSpan] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if body:
            start = offset + len(line) - len(line.lstrip())
            spans.append(SentenceSpan(start, start + len(body), len(spans)))
        offset += len(line)
    return spans


def split_sentences(
    text: str,
    on_progress: Callable[[int], None] | None = None,
    *,
    language: str | None = None,
) -> list[SentenceSpan]:
    """Split news ``text`` into sentence spans (offsets into ``text``).

    ``language`` is an ISO 639-1 code (default English); a language without a
    table of its own ("und", "pt") is split with the rules all of them share.
    Spans are ordered, non-overlapping and trimmed, and never change a character;
    together they cover every non-whitespace character except leading metadata stamps
    and what shows nothing (`NOTHING_VISIBLE`: zero-width spaces and joiners, direction
    marks, a byte-order mark, a soft hyphen), whether a paragraph or line of it or a
    piece of a cut sentence. None is longer than `MAX_SENTENCE_CHARS`: a longer one is
    cut at the last blank in the second half of that length, else at the cap moved back
    to fall between two characters as read (`_cut_long`). ``on_progress``, if given, is
    called now and then with the offset reached; it may raise to cancel. It never
    raises otherwise.
    """
    spans = _split_sentences(text, on_progress, language)
    if all(span.end - span.start <= MAX_SENTENCE_CHARS for span in spans):
        return spans
    capped: list[SentenceSpan] = []
    for span in spans:
        if span.end - span.start <= MAX_SENTENCE_CHARS:
            capped.append(span)
        else:
            capped.extend(_cut_long(text, span))
    return capped


def _cut_long(text: str, span: SentenceSpan) -> list[SentenceSpan]:
    """A sentence longer than `MAX_SENTENCE_CHARS` as pieces no longer, each trimmed,
    together holding every character of it but the blanks they are cut at."""
    pieces: list[SentenceSpan] = []
    start, end = span.start, span.end
    while end - start > MAX_SENTENCE_CHARS:
        cap = start + MAX_SENTENCE_CHARS
        # The character just past the cap may be the blank: looked at too.
        half = start + MAX_SENTENCE_CHARS // 2
        found = _LAST_BLANK.match(text, half, cap + 1)
        # Not a blank that carries an accent ("a ́"): the one before it, a few times.
        for _step in range(8):
            if found is None or not _mark_after_blanks(text, found.end() - 1, end, start):
                break
            found = _LAST_BLANK.match(text, half, found.end() - 1)
        else:
            found = None
        if found is not None:
            cut = found.end() - 1
        else:  # an unbroken run (no space in Chinese or Thai): cut at the cap
            cut = cap
            # Never inside a character as read: a letter and its marks, an emoji and
            # what goes with it, a flag, a Korean syllable in jamo.
            for _step in range(32):
                if not _inside_a_character(text, cut, start) and not _mark_after_blanks(
                    text, cut, end, start
                ):
                    break
                cut -= 1
            else:
                cut = cap
        # Trimmed on both sides of the cut (a no-break space may be beside it).
        blanks = _BLANKS.match(text, cut, end)  # (always matches: maybe nothing)
        after = cut if blanks is None else blanks.end()
        cut = start + len(text[start:cut].rstrip())
        pieces.append(SentenceSpan(start, cut, span.paragraph))
        start = after
    pieces.append(SentenceSpan(start, end, span.paragraph))
    # A piece of only zero-width spaces or a direction mark (left after the last space)
    # is no sentence, as a paragraph of them is not (`NOTHING_VISIBLE`): it was an empty
    # row in the list that never counted as done.
    return [p for p in pieces if not NOTHING_VISIBLE.fullmatch(text, p.start, p.end)]


def _mark_after_blanks(text: str, at: int, end: int, floor: int) -> bool:
    """Whether blanks from ``at`` on are followed by a mark they carry (an accent on a
    space, "a ́"): a cut there, its blanks trimmed off, began the next piece with it."""
    after = _BLANKS.match(text, at, end)
    return (
        after is not None
        and at < after.end() < end
        and _inside_a_character(text, after.end(), floor)
    )


def _inside_a_character(text: str, at: int, floor: int) -> bool:
    """Whether a cut between ``text[at - 1]`` and ``text[at]`` falls inside one character
    as the reader sees it (a grapheme cluster, approximately: no table of them ships
    with Python). A run cut there began its next sentence with a lone vowel sign, an
    emoji's selector or skin tone (a dotted circle in the list), or half a flag.
    ``floor``: where the sentence starts (regional indicators are counted back to it)."""
    before, after = text[at - 1], text[at]
    if (
        unicodedata.category(after)[0] == "M"  # accents, vowel signs, selectors, keycap
        or after in _JOINERS
        or before in _JOINERS
        or after in _SPACING_LETTERS
        or "\U0001f3fb" <= after <= "\U0001f3ff"  # an emoji's skin tone
        or "\U000e0020" <= after <= "\U000e007f"  # a flag's tag letters (England)
        # The second half of a surrogate pair; not a lone one, an undecodable byte kept
        # ("\udce9" for a Latin-1 "é"): each is a character of its own.
        or ("\ud800" <= before <= "\udbff" and "\udc00" <= after <= "\udfff")
    ):
        return True
    if unicodedata.combining(before) == 9 and unicodedata.category(after) == "Lo":
        return True  # a virama joins the next consonant to it: a conjunct ("क्ष")
    if _HANGUL_VT.match(after) or (_HANGUL_L.match(before) and _HANGUL_L_NEXT.match(after)):
        return True
    if _REGIONAL.match(before) and _REGIONAL.match(after):
        # Flags are pairs: inside one after an odd number of indicators. (Counted one by
        # one in Python, a run of 10 million flags took 5 s to cut.)
        other = _LAST_NOT_REGIONAL.match(text, floor, at)
        return (at - (floor if other is None else other.end())) % 2 == 1
    return False


def drawn_start(text: str, at: int, floor: int = 0) -> int:
    """`at`, or the start of the character as drawn it falls inside (`_inside_a_character`),
    for a cut there: a quote cut short showed half a flag, a Korean syllable's first
    letter, a conjunct's lone virama. ``floor``: where counting a flag's halves starts.
    At most 32 code points back: a run of a million accents on one letter is cut in it."""
    if 0 < at < len(text) and _REGIONAL.match(text, at - 1):
        floor = _near_as_even(text, at, floor)
    stop = max(floor, at - 32)
    while stop < at < len(text) and _inside_a_character(text, at, floor):
        at -= 1
    return at


def _near_as_even(text: str, at: int, floor: int) -> int:
    """A place at most 82 code points before `at` inside the run of flags' halves `at`
    is in, an even number of them after the run's start (or ``floor``): counted from there,
    a flag's halves pair as from the start. Counted from 1,000 back, a quote deep in a run
    longer than that began with a second half, every flag after it paired wrongly; counted
    by `_LAST_NOT_REGIONAL` from the start, a 10-million run took 0.8 s. Looked for back
    in slices growing fourfold, each read backwards at C speed (`str.rstrip` with the
    letters took three times as long)."""
    end, step = at, 1024
    while end > floor:
        low = max(floor, end - step)
        other = _NOT_REGIONAL.search(text[end - 1 : low - 1 if low else None : -1])
        if other is not None:
            floor = end - other.start()
            break
        end, step = low, step * 4
    return floor + max(0, (at - floor) // 2 - 41) * 2


def _split_sentences(
    text: str, on_progress: Callable[[int], None] | None, language: str | None
) -> list[SentenceSpan]:
    """`split_sentences` before long sentences are cut."""
    r = rules_for(language)
    spans: list[SentenceSpan] = []
    append = spans.append
    segments = _segments(text, skip_stamps(text, language), r)
    count = len(segments)
    if not count:
        return spans
    # One pass over the whole body finds every candidate; each is decided within the
    # segment it falls in (one that ends a segment needs no decision).
    paragraph = -1
    seg_start = seg_end = start = -1
    for m in r.candidate.finditer(text, segments[0][0]):
        at = m.start()
        if at >= seg_end:
            # The candidate is past the current segment: close it, and any segments
            # without a candidate, up to the one it falls in.
            if paragraph >= 0:
                append(SentenceSpan(start, seg_end, paragraph))
            paragraph += 1
            while paragraph < count:
                seg_start, seg_end = segments[paragraph]
                start = seg_start
                if on_progress is not None and paragraph % PROGRESS_EVERY == 0:
                    on_progress(seg_start)
                if _split_if_list(text, seg_start, seg_end, paragraph, r, spans):
                    seg_end = -1  # done: its candidates are skipped
                elif at < seg_end:
                    break
                else:
                    append(SentenceSpan(start, seg_end, paragraph))
                paragraph += 1
            else:
                return spans
        end = m.end()
        if end >= seg_end or at < seg_start:
            continue  # it ends the segment (or falls between two)
        opener, nxt = m.group(1, 2)
        if "a" <= nxt[:1] <= "z" and not opener and not CAMEL_BRAND.match(nxt):
            continue  # a lowercase word goes on, after any mark ("U.S. officials")
        nxt_pos = m.start(1)
        if _ends_sentence(text, seg_end, m, start, nxt_pos, opener, nxt, r):
            append(SentenceSpan(start, end, paragraph))
            start = nxt_pos
            # Within one long paragraph too: a cancel must not wait for its end.
            if on_progress is not None and len(spans) % PROGRESS_EVERY == 0:
                on_progress(start)
    if paragraph >= 0 and seg_end >= 0:
        append(SentenceSpan(start, seg_end, paragraph))
    for rest in range(max(paragraph + 1, 0), count):  # segments after the last candidate
        seg_start, seg_end = segments[rest]
        if on_progress is not None and rest % PROGRESS_EVERY == 0:
            on_progress(seg_start)
        if not _split_if_list(text, seg_start, seg_end, rest, r, spans):
            append(SentenceSpan(seg_start, seg_end, rest))
    return spans


def _split_if_list(
    text: str, seg_start: int, seg_end: int, paragraph: int, r: Rules, spans: list[SentenceSpan]
) -> bool:
    """Split a segment that opens with an inline list ("1.) … 2.) …"); False if it
    does not."""
    if text[seg_start] in ITEM_START or text[seg_start + 1 : seg_start + 2] in DOT_PAREN:
        items = _inline_items(text, seg_start, seg_end)
        if items:
            _split_list_segment(text, seg_start, seg_end, paragraph, items, r, spans)
            return True
    return False


def _split_list_segment(
    text: str,
    seg_start: int,
    seg_end: int,
    paragraph: int,
    items: list[tuple[int, int]],
    r: Rules,
    spans: list[SentenceSpan],
) -> None:
    """Split a segment that holds an inline list: each item starts a sentence, and
    the sentence rules apply inside an item (never inside its marker)."""
    bounds = [a for a, _ in items[1:]] + [seg_end]
    start = seg_start
    marker_end = items[0][1]
    for index, item_end in enumerate(bounds):
        limit = item_end
        while limit > start and text[limit - 1].isspace():
            limit -= 1
        for m in r.candidate.finditer(text, max(start, marker_end), limit):
            opener, nxt = m.group(1, 2)
            if opener is None:
                break
            nxt_pos = m.start(1)
            if _ends_sentence(text, limit, m, start, nxt_pos, opener, nxt, r):
                spans.append(SentenceSpan(start, m.end(), paragraph))
                start = nxt_pos
        if item_end < seg_end:
            if limit > start:
                spans.append(SentenceSpan(start, limit, paragraph))
            start = item_end
            marker_end = items[index + 1][1]
    spans.append(SentenceSpan(start, seg_end, paragraph))
