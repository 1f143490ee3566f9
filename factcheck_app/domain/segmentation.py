"""News-grade English sentence splitter.

Pure Python, no third-party dependencies.  The splitter only *chooses
boundaries*: every span is a slice of the input, so offsets can be stored
and highlighted in the original article without any re-alignment.

Pipeline (linear in the input size):

1. Leading metadata stamps (``date 2020-10-04``, ``Posted 3:45 p.m. EDT,
   Oct 4, 2020``, ``Updated ...`` lines) are skipped; they belong to no span.
2. The body is cut into *segments*: blank lines always separate segments;
   a single line break separates them only when the line looks like a
   headline, byline, list item or a deliberately short line rather than a
   hard wrap.  Each segment gets its own paragraph index.
3. Inside a segment, candidate boundaries are runs of ``. ! ? …`` (plus
   closing quotes/brackets) followed by whitespace, found with one
   ``finditer``.  Each candidate is accepted or rejected by looking at the
   word before it (abbreviation lexicons, initials, list numbers) and the
   token after it (case, digits, common sentence starters).

See ``docs/segmentation.md`` for measured accuracy and known limits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["SentenceSpan", "split_sentences"]

PROGRESS_EVERY = 500  # segments between progress calls: cheap, yet several per second


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """One sentence: ``text[start:end]`` with its 0-based paragraph index."""

    start: int
    end: int
    paragraph: int


# --------------------------------------------------------------------------
# Character classes and scanners
# --------------------------------------------------------------------------

# Line breaks as str.splitlines() understands them (\r\n counts once).
_LB = "\\n\\r\\x0b\\x0c\\x1c\\x1d\\x1e\\x85\\u2028\\u2029"
_LINEBREAK = rf"(?:\r\n|[{_LB}])"
# Horizontal whitespace = any whitespace that is not a line break.
_HSPACE = rf"[^\S{_LB}]"

_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]}"
_OPENERS = "\"'\u201c\u2018\u00ab\u2039([{"
_CLOSERS_RE = re.escape(_CLOSERS)
_OPENERS_RE = re.escape(_OPENERS)

# A blank line (possibly several, possibly holding spaces) or a Unicode
# paragraph separator always ends a segment.
_BLOCK_SEP = re.compile(rf"{_LINEBREAK}(?:{_HSPACE}*{_LINEBREAK})+|\u2029")
_LINE_SEP = re.compile(_LINEBREAK)

# Candidate sentence ends: terminal punctuation, optional closing quotes or
# brackets, then whitespace or the end of the segment (finditer's endpos).
# The lookahead captures what follows (opening punctuation, next token)
# without consuming it, so one regex pass yields everything a decision needs.
# A run of punctuation is tried from its first character only, and never given
# back: from a later one it ends in the same place and fails the same way, and
# `"." * n + "x"` took time n² (minutes for 20 KB; issue 13).
_TERMINALS = ".!?\u2026\u203c\u2047-\u2049"
_CANDIDATE = re.compile(
    rf"(?<![{_TERMINALS}])[{_TERMINALS}]++[{_CLOSERS_RE}]*+"
    rf"(?=\s+([{_OPENERS_RE}]*)(\S*)|\Z)"
)
_LEADING_WS = re.compile(r"\s*")
_WORD_CHARS = re.compile(r"[A-Za-z]+")

# --------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------


def _words(spec: str) -> frozenset[str]:
    """Whitespace-separated word list (keeps the lexicons readable)."""
    return frozenset(spec.split())


# Titles and name-part abbreviations: practically never end a sentence,
# because they precede a name ("Lt. Col. Smith", "St. Louis", "Rep. Tom").
_TITLES = _words(
    """
    Mr Mrs Ms Messrs Mmes Mme Mlle Dr Drs Prof Profs Rev Revs Hon Rep Reps Sen Sens Gov
    Govs Lt Col Gen Maj Capt Cpt Sgt Cpl Pvt Pfc Adm Cmdr Cdr Brig Comdr Supt Insp Det
    Atty Amb Pres Sec Secy Treas Gens Fr Sra Srta Sgts St Ste Mt Ft Pt Sta Lt-Gen
    Maj-Gen Brig-Gen Lt-Col Gov-Gen MR MRS MS DR PROF REV SEN REP GOV GEN LT COL MAJ
    CAPT SGT ST MT FT Nos
    """
)

# Abbreviations normally followed by a number ("No. 10", "Jan. 6").
_NUMBER_ABBR = _words(
    """
    No no Nos nos Vol vol Vols Art art Arts Fig fig Figs Ch ch Chap Sec sec Para para p
    pp Pp Ex ex Ref ref Tel tel Ph ph Ext ext Rm Apt apt Ste Bldg Flt Op op approx
    Approx ca Ca c est Est appx min max Max Min Rd Gr Div Dist Reg Jan Feb Mar Apr Jun
    Jul Aug Sep Sept Oct Nov Dec JAN FEB MAR APR JUN JUL AUG SEP SEPT OCT NOV DEC Mon
    Tue Tues Wed Thu Thur Thurs Fri Sat Sun Pt Rt Rte Hwy Mt Lt St
    """
)

# Abbreviations that never end a sentence in news prose.
_NEVER_END = _words("vs v Vs e.g i.e E.g I.e cf Cf viz approx Approx appx ca incl Incl esp")

# Company abbreviations often end a sentence ("sold to Fox Corp. The ...");
# they continue only before a corporate title or another abbreviation.
_COMPANY = _words(
    """
    Inc Corp Co Cos Ltd Plc PLC Bros LLC Llc Assn Assoc Dept Govt Univ Inst Intl Natl
    Mfg Grp Hldgs Hldg Svcs INC CORP CO LTD
    """
)
_COMPANY_NEXT = _words(
    """
    Chief CEO CFO COO CTO President Chairman Chairwoman Chair Executive Vice Senior
    Managing Director Founder Co-founder Cofounder Board Spokesman Spokeswoman
    Spokesperson Head General Group Holdings Inc Ltd Corp Co Plc LLC SA AG NV SE
    """
)

# Time of day: "7 a.m. Sunday", "10:30 p.m. EST", "8 p.m. Moscow time" go on.
_TIME_ABBR = _words("a.m p.m A.M P.M")
_TIME_NEXT = _words(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Jan Feb Mar Apr
    Jun Jul Aug Sep Sept Oct Nov Dec Eastern Pacific Central Mountain Atlantic
    Greenwich Local
    """
)
_CITY_TIME = re.compile(r"[A-Z][\w.-]*(?: [A-Z][\w.-]*)? time\b")  # "Moscow time"
_TIMEZONE = re.compile(r"^(?:[A-Z]{1,4}T|UTC|GMT|Z|Zulu)(?:[+-]\d{1,2}(?::?\d\d)?)?$")

# Abbreviations of uncertain role: they end the sentence only before a word
# that commonly starts sentences ("etc. The", "Jr. He", "Ga. Police").
_AMBIGUOUS = _words(
    """
    etc Etc al Jr JR Sr Esq Ph.D PhD M.D B.A M.A B.S M.S D.D.S LL.B LL.M Calif Colo
    Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla
    Ore Pa Penn Tenn Tex Vt Va Wash Wis Wyo Ala Ariz Ark Alta Ont Que Sask
    """
)

# Words that take a letter designation: "Plan B. Investors", "vitamin D. It".
_LETTER_DESIGNATORS = _words(
    """
    plan Plan vitamin Vitamin type Type class Class group Group category Category
    section Section appendix Appendix exhibit Exhibit option Option model Model series
    Series phase Phase stage Stage level Level grade Grade block Block terminal Terminal
    gate Gate building Building hall Hall row Row part Part schedule Schedule form Form
    tier Tier division Division zone Zone area Area unit Unit wing Wing platform
    Platform channel Channel route Route hepatitis Hepatitis pool Pool league League War
    """
)

# Words that frequently start a sentence in news prose.  Used only to decide
# whether an ambiguous abbreviation ("U.S.", "etc.", "B.") ends one, so it
# leaves out words that are also names or parts of names ("May", "Will").
_STARTERS = _words(
    """
    The A An This That These Those It Its He She His Her Him They Their Them We Our Us
    I My You Your There Here Some Many Most Several Few All Both Each Every Any No None
    Not Nor One Two Three Four Five Six Seven Eight Nine Ten Dozens Hundreds Thousands
    Millions Billions Scores Tens In On At For From By With Without After Before During
    Since Until Till As While When Whenever Where Why How What Who Whom Whose Which
    Whether If Although Though Because But And Or Yet So Still However Meanwhile
    Moreover Furthermore Also Other Others Another Such Then Now Today Yesterday
    Tomorrow Tonight Later Earlier Last Next First Second Third Finally Instead Overall
    Elsewhere Separately According Asked Speaking Despite Following Among Amid Under
    Over Against Between Within Around About Nearly Almost Only Just Even Once Never
    Always Often Sometimes Perhaps Maybe Indeed Yes Police Officials Authorities
    Residents Investors Analysts Shares Stocks Prices Markets Protesters Troops Soldiers
    Witnesses Doctors Experts Critics Supporters Lawmakers Voters Workers Citizens
    People Families Children Women Men Rescuers Firefighters Prosecutors Judges Lawyers
    Scientists Researchers Economists Traders Students Teachers Officers Agents
    Observers Diplomats Leaders Ministers Rebels Militants Demonstrators Companies Banks
    Sales Profits Revenue Earnings Data Figures Results Reports Talks Negotiations
    Efforts Plans Fighting Violence Temperatures Flights Trains Schools Hospitals Let
    Please Note Read Watch See Click Sign Thank Thanks Oh Do Does Did Is Are Was Were
    Would Should Could Might Must Has Have Had Unlike Whatever Whoever Wherever THE IT
    HE SHE THEY WE IN BUT AND
    """
)

# Stricter starter set for single line breaks ("Quake hits Turkey\nAt least
# 17 ..."): no nouns, which often continue a wrapped name ("Metropolitan\n
# Police").
_LINE_STARTERS = _words(
    """
    The A An This That These Those It Its He She His Her They Their We Our I There In
    On At For From By With After Before During Since As While When But However
    Meanwhile Some Many Most Several All Both Each Among Despite According Separately
    Earlier Later
    """
)
_TITLE_LOWER = _words("with from into over after amid than upon onto near like")

# Countries, capitals and regions: after "U.K." or "E.U." they start a new
# sentence ("... circulated by the U.K. France backed it"); no name goes on.
_PLACES = _words(
    """
    Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain
    Bangladesh Belarus Belgium Bolivia Bosnia Brazil Britain Bulgaria Cambodia Cameroon
    Canada Chile China Colombia Croatia Cuba Cyprus Czechia Denmark Egypt England
    Estonia Ethiopia Europe Finland France Georgia Germany Ghana Greece Hungary Iceland
    India Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya Kosovo
    Kuwait Latvia Lebanon Libya Lithuania Luxembourg Malaysia Mali Mexico Moldova
    Mongolia Morocco Myanmar Nepal Netherlands Nigeria Norway Oman Pakistan Palestine
    Panama Peru Philippines Poland Portugal Qatar Romania Russia Scotland Serbia
    Singapore Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan
    Tajikistan Tanzania Thailand Tunisia Turkey Uganda Ukraine Uruguay Uzbekistan
    Venezuela Vietnam Wales Yemen Zambia Zimbabwe Africa Asia Beijing Moscow Tokyo London
    Paris Berlin Kyiv Kiev Tehran Ankara Baku Yerevan Brussels Madrid Rome Ottawa
    Canberra Delhi Seoul Pyongyang Riyadh Damascus Baghdad Kabul Islamabad Cairo
    Jerusalem Beirut Minsk Warsaw Washington Okinawa Taipei Caracas Havana Brasilia
    """
)

# Speech verbs for '"Who did it?" Smith asked.' (quoted question + name).
_SPEECH_VERBS = _words(
    """
    said says asked asks added adds told tells wrote writes tweeted tweets shouted shouts
    replied replies wondered wonders exclaimed continued insisted demanded recalled
    explained answered responded cried yelled remarked noted argued declared announced
    warned urged stressed pleaded whispered joked quipped
    """
)

_DC_NEXT = _words(
    """
    Mayor Council Circuit Court Superior Police Attorney Metro United Public National
    Department Health Board Fire Statehood Delegate Del Gov Rep Sen
    """
)
# Lowercase words that may sit inside a name with its title before a
# speech verb ("Kremlin spokesman Dmitry Peskov said").
_TITLE_WORDS = _words(
    """
    spokesman spokeswoman spokesperson minister leader chief head official lawmaker
    senator analyst president chairman secretary envoy ambassador of the for
    """
)
_PLACE_ACRONYMS = _words(
    """
    U.S U.K U.N E.U D.C U.S.A U.A.E N.Y L.A S.F N.J N.H N.M N.C N.D S.C S.D R.I W.Va W.V
    P.R U.S.S.R N.Z N.Y.C
    """
)
_DOTTED_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# Lowercase brands and terms that start sentences: iPhone, eBay, mRNA.
_CAMEL_BRAND = re.compile(r"[a-z]{1,4}[A-Z]")
# List items at the start of a line: "1. ", "a) ", "- ", "* ", "• ".
_LIST_MARKER = re.compile(rf"(?:\d{{1,3}}[.)]|[A-Za-z][.)]|[-*\u2022\u2023\u25cf\u25aa]){_HSPACE}")
# A line ending like this continues on the next line (hard wrap).
_CONTINUATION_END = re.compile(
    r"(?:[,;:\u2013\u2014(/&+-]|\b(?:the|a|an|of|to|in|on|at|for|and|or|but|with|by|from"
    r"|that|as|is|was|were|are|be|been|has|have|had|its|their|his|her|said))$"
)
_TERMINAL_END = re.compile(rf"[.!?\u2026][{_CLOSERS_RE}]*$")
# "ANKARA (Reuters) -", "NEW YORK, Oct 7", "MOSCOW –": a dateline opens a body.
_DATELINE = re.compile(r"[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*(?:,| \(| [-\u2013\u2014])")
# Wrap widths above this are implausible: such lines are whole paragraphs.
_MAX_WRAP = 160

# --------------------------------------------------------------------------
# Metadata stamps
# --------------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
_TZ = r"(?:\(?(?:[A-Z]{1,4}T|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?\)?(?![A-Za-z]))"
_TIME = (
    r"(?:\d{1,2}(?::\d\d){1,2}(?:\s*(?:[ap]\.m\.|[AaPp][Mm]\b))?"
    rf"|\d{{1,2}}\s*(?:[ap]\.m\.|[AaPp][Mm]\b))(?:{_HSPACE}*{_TZ})?"
)
_DATE = (
    r"(?:\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}/\d\d/\d\d"
    rf"|{_WEEKDAY}?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|{_WEEKDAY}?\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?)"
)
_STAMP_ITEM = rf"(?:{_DATE}|{_TIME})"
# Not `\s*(?:sep)?\s*`: two quantifiers over one run of spaces try every way of sharing
# it, and "Posted 3:45" before a long run of spaces took time n² (issue 13).
_STAMP_SEP = rf"(?:{_HSPACE}*(?:(?:[,|/\u00b7\u2022\u2013\u2014-]|\bat\b|\bon\b){_HSPACE}*)?)"
_STAMP_BODY = rf"{_STAMP_ITEM}(?:{_STAMP_SEP}{_STAMP_ITEM}){{0,7}}"
_STAMP_KEYWORD = r"(?:dated?|(?:last\s+|first\s+)?(?:posted|updated|published|modified)(?:\s+on)?)"
# Keyword stamp: "date 2020-10-04", "Posted 3:45 p.m. EDT, Oct 4, 2020".  It
# may be a whole line or a prefix of the first body line (as in the seeds).
_KEYWORD_STAMP = re.compile(
    rf"(?i:{_STAMP_KEYWORD})(?:{_HSPACE}*:)?{_HSPACE}+{_STAMP_BODY}{_HSPACE}*[,.|]?(?=\s|\Z)"
)
# A line holding nothing but a date/time ("October 4, 2020 10:32 GMT").
_BARE_STAMP_LINE = re.compile(rf"{_STAMP_BODY}{_HSPACE}*(?:{_LINEBREAK}|\Z)")


def _skip_stamps(text: str) -> int:
    """Return the offset where the body starts, after leading stamps."""
    pos = _skip_ws(text, 0)
    while True:
        m = _KEYWORD_STAMP.match(text, pos) or _BARE_STAMP_LINE.match(text, pos)
        if m is None:
            return pos
        pos = _skip_ws(text, m.end())


def _skip_ws(text: str, pos: int) -> int:
    """Offset of the first non-whitespace character at or after ``pos``."""
    m = _LEADING_WS.match(text, pos)
    return pos if m is None else m.end()


# --------------------------------------------------------------------------
# Segments: blocks (blank lines) and lines
# --------------------------------------------------------------------------


def _first_word(line: str) -> str:
    """First whitespace-delimited token of a stripped line."""
    parts = line.split(None, 1)
    return parts[0] if parts else ""


def _looks_like_title(line: str) -> bool:
    """True for Title Case or ALL CAPS lines (headlines, section labels).

    News prose is full of capitalised names, so every word of four or more
    letters must be capitalised, apart from a few prepositions.
    """
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    if len(words) < 2:
        return False
    return all(w[0].isupper() or w in _TITLE_LOWER for w in words)


def _line_ends_segment(line: str, nxt: str, width: int) -> bool:
    """Decide whether a single line break after ``line`` ends a segment.

    ``line`` and ``nxt`` are stripped, non-empty lines of one block; ``width``
    is the longest line of that block, a lower bound for any hard-wrap width.
    """
    # A hard-wrapped line is only short when the next word did not fit on
    # it; if it would have fitted, the writer broke the line on purpose.
    fits = len(line) + 1 + len(_first_word(nxt)) <= width
    if _LIST_MARKER.match(nxt) and (fits or line[-1] in ":;" or _LIST_MARKER.match(line)):
        return True
    if _TERMINAL_END.search(line):
        # Sentence rules decide on the newline as on a space, but a
        # deliberate break (or a paragraph-per-line text) ends the segment.
        return fits or width > _MAX_WRAP
    if _CONTINUATION_END.search(line):
        return False
    if nxt[0].islower() and not _CAMEL_BRAND.match(nxt):
        return False
    if fits or _looks_like_title(line):
        return True
    # A new sentence start ("The", "At") or a dateline ("ANKARA (AP) —")
    # after a line that does not end in a continuation word: a headline.
    return _core(_first_word(nxt)) in _LINE_STARTERS or _DATELINE.match(nxt) is not None


def _segments(text: str, start: int) -> list[tuple[int, int]]:
    """Cut ``text[start:]`` into (start, end) segments without outer blanks."""
    segments: list[tuple[int, int]] = []
    append = segments.append
    line_sep = _LINE_SEP.search
    b_start = start
    ends = [m.span() for m in _BLOCK_SEP.finditer(text, start)]
    ends.append((len(text), len(text)))
    for b_end, next_start in ends:
        if line_sep(text, b_start, b_end) is None:
            # Fast path: a one-line block (a paragraph) is one segment.
            block = text[b_start:b_end]
            stripped = block.strip()
            if stripped:
                lead = b_start + len(block) - len(block.lstrip())
                append((lead, lead + len(stripped)))
        else:
            _split_block(text, b_start, b_end, segments)
        b_start = next_start
    return segments


def _split_block(text: str, b_start: int, b_end: int, out: list[tuple[int, int]]) -> None:
    """Append the segments of multi-line ``text[b_start:b_end]`` to ``out``."""
    block = text[b_start:b_end]
    lines: list[tuple[int, int, str]] = []  # (start, end, stripped text)
    pos = 0
    for m in _LINE_SEP.finditer(block):
        _add_line(block, pos, m.start(), lines)
        pos = m.end()
    _add_line(block, pos, len(block), lines)
    if not lines:
        return
    width = max(len(s) for _, _, s in lines)
    seg_start = lines[0][0]
    for (_, end, line), (nxt_start, _, nxt) in pairwise(lines):
        if _line_ends_segment(line, nxt, width):
            out.append((b_start + seg_start, b_start + end))
            seg_start = nxt_start
    out.append((b_start + seg_start, b_start + lines[-1][1]))


def _add_line(block: str, a: int, b: int, lines: list[tuple[int, int, str]]) -> None:
    """Record the stripped extent of ``block[a:b]`` unless it is blank."""
    raw = block[a:b]
    stripped = raw.strip()
    if stripped:
        lead = len(raw) - len(raw.lstrip())
        lines.append((a + lead, a + lead + len(stripped), stripped))


# --------------------------------------------------------------------------
# Boundary decisions
# --------------------------------------------------------------------------


def _word_before(text: str, lo_limit: int, pos: int) -> tuple[str, bool]:
    """Token ending at ``pos`` (opening punctuation stripped) and whether it
    is the first token since ``lo_limit`` (the current sentence start)."""
    lo = max(lo_limit, pos - 40)  # abbreviations are short; keep it O(1)
    window = text[lo:pos]
    parts = window.rsplit(None, 1)
    if not parts or window[-1:].isspace():
        return "", not parts
    word = parts[-1]
    first = len(parts) == 1 and lo == lo_limit and not window[:1].isspace()
    return word.lstrip(_OPENERS), first


def _core(word: str) -> str:
    """Strip trailing punctuation that is not part of the word."""
    return word.rstrip(",;:.!?\u2026" + _CLOSERS)


def _is_starter(word: str) -> bool:
    """Whether ``word`` (the next token) commonly starts a news sentence."""
    m = _WORD_CHARS.match(word)
    return m is not None and m.group() in _STARTERS


def _quote_attribution(text: str, after: int, end: int) -> bool:
    """'"Why?" Foreign Ministry spokeswoman Maria Zakharova asked.': a name,
    maybe with a title, then a speech verb right after a quoted question."""
    for w in text[after : min(end, after + 120)].split()[:8]:
        c = _core(w)
        if c in _SPEECH_VERBS:
            return True
        if not c or not (c[0].isupper() or c in _TITLE_WORDS) or c != w.rstrip("."):
            return False  # a plain lowercase word or punctuation: new sentence
    return False


def _ends_sentence(
    text: str, seg_end: int, m: re.Match[str], sent_start: int, nxt_pos: int, opener: str, nxt: str
) -> bool:
    """Decide whether candidate ``m`` (followed by ``opener`` + ``nxt`` at
    ``nxt_pos``) ends the sentence that started at ``sent_start``."""
    punct = m.group().rstrip(_CLOSERS)
    closed = len(punct) != len(m.group())
    if not nxt:  # a lone opening quote/bracket
        nxt = opener
    first = nxt[0]
    lower = first.islower() and not _CAMEL_BRAND.match(nxt)

    if "?" in punct or "!" in punct or "\u203c" in punct:
        # '"Who gave the order?" asked the ...' is one sentence.
        if lower or first in ",;:)\u2014\u2013-":
            return False
        return not (closed and not opener and _quote_attribution(text, nxt_pos, seg_end))

    if lower or first in ",;:)%\u2014\u2013-":
        return False

    word, first_token = _word_before(text, sent_start, m.start())

    if "\u2026" in punct or punct.startswith(".."):
        # An ellipsis ends a sentence before a capital or digit, but a spaced
        # omission mark (" … ") usually sits inside one ("more than ... 50").
        if m.start() > 0 and text[m.start() - 1].isspace():
            return _is_starter(nxt)
        return True

    if not word:
        return True
    upper = first.isupper() or first in _OPENERS
    digit = first.isdigit() or first in "$\u00a3\u20ac\u00a5#"
    abbreviation = _abbreviation_class(word)

    if first_token and word.isdigit() and len(word) <= 3:
        return False  # "1. First item": a list number, not a sentence
    if abbreviation == "never":
        return False
    if abbreviation and opener[:1] == "(":
        return False  # "SACRAMENTO, Calif. (AP) —", "10 a.m. (1400 GMT)"
    if digit:
        # "No. 10", "Jan. 6", "Lt. 2", "H.R. 1", "U.S. 10-year yields".
        return abbreviation not in ("number", "title", "initials", "place")
    if not upper:
        return True  # CJK, symbols: nothing suggests a continuation

    core = _core(nxt)
    if abbreviation == "title":
        return False
    if abbreviation == "time":
        return not (_TIMEZONE.match(core) or core in _TIME_NEXT or _CITY_TIME.match(text, nxt_pos))
    if abbreviation == "company":
        return not (core in _COMPANY_NEXT or (nxt.endswith(".") and len(core) <= 4))
    if abbreviation == "initial":
        # "George W. Bush" continues; "Plan B. Investors" and "vitamin D. It" end.
        before = text[max(sent_start, m.start() - 40) : m.start() - 1].split()[-1:]
        return (len(before) == 1 and before[0] in _LETTER_DESIGNATORS) or _is_starter(nxt)
    if abbreviation == "place":
        # "in the U.S. The ..." ends; "U.S. Army", "U.N. Security Council" go on.
        # "Washington, D.C." is a noun, rarely an adjective ("D.C. Mayor").
        if word == "D.C":
            return core not in _DC_NEXT
        return _is_starter(nxt) or core in _PLACES
    if abbreviation in ("ambiguous", "initials"):
        return _is_starter(nxt)
    return True  # a plain word, a month or "No." before a capital


def _abbreviation_class(word: str) -> str:
    """Classify the token before a period ("" if it is a plain word)."""
    if word in _NEVER_END or word.lower() in _NEVER_END:
        return "never"
    if word in _TITLES:
        return "title"
    if word in _TIME_ABBR:
        return "time"
    if word in _COMPANY:
        return "company"
    if word in _PLACE_ACRONYMS:
        return "place"
    if word in _NUMBER_ABBR:
        return "number"
    if word in _AMBIGUOUS:
        return "ambiguous"
    if len(word) == 1 and word.isupper():
        return "initial"
    if _DOTTED_INITIALS.fullmatch(word):
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


def split_sentences(
    text: str, on_progress: Callable[[int], None] | None = None
) -> list[SentenceSpan]:
    """Split news ``text`` into sentence spans (offsets into ``text``).

    Spans are ordered, non-overlapping and trimmed; together they cover every
    non-whitespace character except leading metadata stamps. ``on_progress``, if
    given, is called now and then with the offset reached; it may raise to cancel.
    """
    spans: list[SentenceSpan] = []
    append = spans.append
    for paragraph, (seg_start, seg_end) in enumerate(_segments(text, _skip_stamps(text))):
        if on_progress is not None and paragraph % PROGRESS_EVERY == 0:
            on_progress(seg_start)
        start = seg_start
        for m in _CANDIDATE.finditer(text, seg_start, seg_end):
            opener, nxt = m.group(1, 2)
            if opener is None:  # end of the segment
                break
            nxt_pos = m.start(1)
            if _ends_sentence(text, seg_end, m, start, nxt_pos, opener, nxt):
                append(SentenceSpan(start, m.end(), paragraph))
                start = nxt_pos
                # Within one long paragraph too: a cancel must not wait for its end.
                if on_progress is not None and len(spans) % PROGRESS_EVERY == 0:
                    on_progress(start)
        append(SentenceSpan(start, seg_end, paragraph))
    return spans
