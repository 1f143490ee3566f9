"""News-grade English sentence splitter.

Pure Python, no third-party dependencies.  The splitter only *chooses
boundaries*: every span is a slice of the input, so offsets can be stored
and highlighted in the original article without any re-alignment.

Pipeline (all linear in the input size):

1. Leading metadata stamps (``date 2020-10-04``, ``Posted 3:45 p.m. EDT,
   Oct 4, 2020``, ``Updated ...``) are skipped; they belong to no span.
2. The body is cut into *segments*: blank lines always separate segments;
   a single line break separates them only when the line looks like a
   headline, byline or list item rather than a hard wrap.
3. Inside a segment, candidate boundaries are the runs of ``. ! ? …``
   (plus closing quotes/brackets) that are followed by whitespace.  Each
   candidate is accepted or rejected by looking at the word before it
   (abbreviation lexicon, initials, list numbers) and the word after it
   (case, digits, common sentence starters).

See ``docs/segmentation.md`` for measured accuracy and known limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SentenceSpan", "split_sentences"]


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """One sentence: ``text[start:end]`` with its 0-based paragraph index."""

    start: int
    end: int
    paragraph: int


# --------------------------------------------------------------------------
# Character classes
# --------------------------------------------------------------------------

# Line breaks as str.splitlines() understands them (\r\n counts once).
_LB = "\\n\\r\\x0b\\x0c\\x1c\\x1d\\x1e\\x85\\u2028\\u2029"
_LINEBREAK = rf"(?:\r\n|[{_LB}])"
# Horizontal whitespace = any whitespace that is not a line break.
_HSPACE = rf"[^\S{_LB}]"

_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)\\]}"
_OPENERS = "\"'\u201c\u2018\u00ab\u2039(\\[{"

# A blank line (possibly several, possibly with spaces in them) or a
# Unicode paragraph separator always ends a segment.
_BLOCK_SEP = re.compile(rf"{_LINEBREAK}(?:{_HSPACE}*{_LINEBREAK})+|\u2029")
_LINE_SEP = re.compile(_LINEBREAK)

# Candidate sentence ends: terminal punctuation, optional closing quotes or
# brackets, then whitespace or the end of the segment (endpos).
_CANDIDATE = re.compile(rf"(?:[.!?\u2026\u203c\u2047-\u2049]+)[{_CLOSERS}]*(?=\s|\Z)")
# What follows a candidate: whitespace, opening punctuation, the next token.
_NEXT = re.compile(rf"(\s+)([{_OPENERS}]*)(\S*)")
_LEADING_WS = re.compile(r"\s*")
_WORD_CHARS = re.compile(r"[A-Za-z]+")

# --------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------

# Titles and name-part abbreviations: practically never end a sentence,
# because they precede a name ("Lt. Col. Smith", "St. Louis", "Rep. Tom").
_TITLES = frozenset(
    ["Mr", "Mrs", "Ms", "Messrs", "Mmes", "Mme", "Mlle", "Dr", "Drs", "Prof", "Profs", "Rev", "Revs", "Hon", "Rep", "Reps", "Sen", "Sens", "Gov", "Govs", "Lt", "Col", "Gen", "Maj", "Capt", "Cpt", "Sgt", "Cpl", "Pvt", "Pfc", "Adm", "Cmdr", "Cdr", "Brig", "Comdr", "Supt", "Insp", "Det", "Atty", "Amb", "Pres", "Sec", "Secy", "Treas", "Gens", "Fr", "Sr", "Sra", "Srta", "Sgts", "St", "Ste", "Mt", "Ft", "Pt", "Sta", "Ave", "Blvd", "Hwy", "Rte", "Lt-Gen", "Maj-Gen", "Brig-Gen", "Lt-Col", "Gov-Gen", "MR", "MRS", "MS", "DR", "PROF", "REV", "SEN", "REP", "GOV", "GEN", "LT", "COL", "MAJ", "CAPT", "SGT", "ST", "MT", "FT", "Nos"]
)
_TITLES_NO_STARTER_CHECK = frozenset({"Sr"})  # Sr. may close "John Smith Sr."

# Abbreviations normally followed by a number ("No. 10", "approx. 16,900").
_NUMBER_ABBR = frozenset(
    ["No", "no", "Nos", "nos", "Vol", "vol", "Vols", "Art", "art", "Arts", "Fig", "fig", "Figs", "Ch", "ch", "Chap", "Sec", "sec", "Para", "para", "p", "pp", "Pp", "Ex", "ex", "Ref", "ref", "Tel", "tel", "Ph", "ph", "Ext", "ext", "Rm", "Apt", "apt", "Ste", "Bldg", "Flt", "Op", "op", "approx", "Approx", "ca", "Ca", "c", "est", "Est", "appx", "min", "max", "Max", "Min", "Rd", "Gr", "Div", "Dist", "Reg", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Pt", "Rt", "Rte", "Hwy", "Mt", "Lt", "St", "No"]
)

# Abbreviations that never end a sentence in news prose.
_NEVER_END = frozenset(
    ["vs", "v", "Vs", "e.g", "i.e", "E.g", "I.e", "cf", "Cf", "viz", "approx", "Approx", "appx", "ca", "incl", "Incl", "esp"]
)

# Abbreviations that often end a sentence; followed by a capitalised word
# they end it unless that word looks like a continuation (title, name).
_COMPANY = frozenset(
    ["Inc", "Corp", "Co", "Cos", "Ltd", "Plc", "PLC", "Bros", "LLC", "Llc", "Assn", "Assoc", "Dept", "Govt", "Univ", "Inst", "Intl", "Natl", "Mfg", "Ind", "Grp", "Hldgs", "Hldg", "Svcs", "Tech", "Int'l", "INC", "CORP", "CO", "LTD"]
)
_COMPANY_NEXT = frozenset(
    ["Chief", "CEO", "CFO", "COO", "CTO", "President", "Chairman", "Chairwoman", "Chair", "Executive", "Vice", "Senior", "Managing", "Director", "Founder", "Co-founder", "Cofounder", "Board", "Spokesman", "Spokeswoman", "Spokesperson", "Head", "General", "Group", "Holdings", "Inc", "Ltd", "Corp", "Co", "Plc", "LLC", "SA", "AG", "NV", "SE"]
)

# Time-of-day abbreviations: "7 a.m. Sunday", "10:30 p.m. EST" continue.
_TIME_ABBR = frozenset({"a.m", "p.m", "A.M", "P.M", "a.m.", "p.m."})
_TIME_NEXT = frozenset(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Moscow", "Beijing", "Tokyo", "London", "Paris", "Berlin", "Kyiv", "Kiev", "Istanbul", "Ankara", "Tehran", "Eastern", "Pacific", "Central", "Mountain", "Atlantic", "Greenwich", "Local"]
)
_TIMEZONE = re.compile(r"^(?:[A-Z]{1,4}T|UTC|GMT|Z|Zulu)(?:[+-]\d{1,2}(?::?\d\d)?)?$")

# Abbreviations with uncertain role: end the sentence only before a word
# that commonly starts sentences ("etc. The", "Jr. He").
_AMBIGUOUS = frozenset(
    ["etc", "Etc", "et", "al", "Jr", "JR", "Sr", "Esq", "Ph.D", "PhD", "M.D", "B.A", "M.A", "B.S", "M.S", "D.D.S", "LL.B", "LL.M", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn", "Tex", "Vt", "Va", "Wash", "Wis", "Wyo", "Ala", "Ariz", "Ark", "Alta", "Ont", "Que", "Sask", "Man"]
)

# Words that take a letter designation: "Plan B. Investors", "vitamin D. It".
_LETTER_DESIGNATORS = frozenset(
    ["plan", "Plan", "vitamin", "Vitamin", "type", "Type", "class", "Class", "group", "Group", "category", "Category", "section", "Section", "appendix", "Appendix", "exhibit", "Exhibit", "option", "Option", "model", "Model", "series", "Series", "phase", "Phase", "stage", "Stage", "level", "Level", "grade", "Grade", "block", "Block", "terminal", "Terminal", "gate", "Gate", "building", "Building", "hall", "Hall", "row", "Row", "part", "Part", "schedule", "Schedule", "form", "Form", "tier", "Tier", "division", "Division", "zone", "Zone", "area", "Area", "unit", "Unit", "wing", "Wing", "platform", "Platform", "channel", "Channel", "route", "Route", "hepatitis", "Hepatitis", "pool", "Pool", "league", "League"]
)

# Words that frequently start a sentence in news prose.  Used only to decide
# whether an ambiguous abbreviation ("U.S.", "Inc.", "etc.", "B.") ends one.
_STARTERS = frozenset(
    ["The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "His", "Her", "Him", "They", "Their", "Them", "We", "Our", "Us", "I", "My", "You", "Your", "There", "Here", "Some", "Many", "Most", "Several", "Few", "All", "Both", "Each", "Every", "Any", "No", "None", "Not", "Nor", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Dozens", "Hundreds", "Thousands", "Millions", "Billions", "Scores", "Tens", "In", "On", "At", "For", "From", "By", "With", "Without", "After", "Before", "During", "Since", "Until", "Till", "As", "While", "When", "Whenever", "Where", "Why", "How", "What", "Who", "Whom", "Whose", "Which", "Whether", "If", "Although", "Though", "Because", "But", "And", "Or", "Yet", "So", "Still", "However", "Meanwhile", "Moreover", "Furthermore", "Also", "Other", "Others", "Another", "Such", "Then", "Now", "Today", "Yesterday", "Tomorrow", "Tonight", "Later", "Earlier", "Last", "Next", "First", "Second", "Third", "Finally", "Instead", "Overall", "Elsewhere", "Separately", "According", "Asked", "Speaking", "Despite", "Following", "Among", "Amid", "Under", "Over", "Against", "Between", "Within", "Around", "About", "Nearly", "Almost", "Only", "Just", "Even", "Once", "Never", "Always", "Often", "Sometimes", "Perhaps", "Maybe", "Indeed", "Yes", "Police", "Officials", "Authorities", "Residents", "Investors", "Analysts", "Shares", "Stocks", "Prices", "Markets", "Protesters", "Troops", "Soldiers", "Witnesses", "Doctors", "Experts", "Critics", "Supporters", "Lawmakers", "Voters", "Workers", "Citizens", "People", "Families", "Children", "Women", "Men", "Rescuers", "Firefighters", "Prosecutors", "Judges", "Lawyers", "Scientists", "Researchers", "Economists", "Traders", "Students", "Teachers", "Officers", "Agents", "Observers", "Diplomats", "Leaders", "Ministers", "Rebels", "Militants", "Demonstrators", "Authorities", "Companies", "Banks", "Sales", "Profits", "Revenue", "Earnings", "Data", "Figures", "Results", "Reports", "Talks", "Negotiations", "Efforts", "Plans", "Fighting", "Violence", "Rain", "Snow", "Temperatures", "Flights", "Trains", "Schools", "Hospitals", "Let", "Please", "Note", "Read", "Watch", "See", "Click", "Sign", "Thank", "Thanks", "Oh", "Well", "Meanwhile", "Do", "Does", "Did", "Is", "Are", "Was", "Were", "Will", "Would", "Should", "Could", "Can", "May", "Might", "Must", "Has", "Have", "Had", "Being", "Having", "Unlike", "Like", "Given", "Based", "Whatever", "Whoever", "Wherever", "THE", "IT", "HE", "SHE", "THEY", "WE", "IN", "BUT", "AND"]
)

# Speech verbs for '"Who did it?" Smith asked.' (quoted question + name).
_SPEECH_VERBS = frozenset(
    ["said", "says", "asked", "asks", "added", "adds", "told", "tells", "wrote", "writes", "tweeted", "tweets", "shouted", "shouts", "replied", "replies", "wondered", "wonders", "exclaimed", "continued", "insisted", "demanded", "recalled", "explained", "answered", "responded", "cried", "yelled", "remarked", "noted", "argued", "declared", "announced", "warned", "urged", "stressed", "pleaded", "whispered", "joked", "quipped"]
)

_DOTTED_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_PLACE_ACRONYMS = frozenset(
    ["U.S", "U.K", "U.N", "E.U", "D.C", "U.S.A", "U.A.E", "N.Y", "L.A", "S.F", "N.J", "N.H", "N.M", "N.C", "N.D", "S.C", "S.D", "R.I", "W.Va", "W.V", "P.R", "U.S.S.R", "N.Z", "S.A", "N.Y.C"]
)
_CAMEL_BRAND = re.compile(r"^[a-z]{1,4}[A-Z]")
_LIST_NUMBER = re.compile(r"^(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})$")
_LIST_MARKER = re.compile(rf"(?:\d{{1,3}}[.)]|[A-Za-z][.)]|[-*\u2022\u2023\u25cf\u25aa\u2013\u2014]){_HSPACE}")
_CONTINUATION_END = re.compile(r"(?:[,;:\u2013\u2014(/&+-]|\b(?:the|a|an|of|to|in|on|at|for|and|or|but|with|by|from|that|as|is|was|were|are|be|been|has|have|had|its|their|his|her|said)\s*)$")
_TERMINAL_END = re.compile(rf"[.!?\u2026][{_CLOSERS}]*$")

# --------------------------------------------------------------------------
# Metadata stamps
# --------------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
)
_TIME = (
    r"\d{1,2}(?::\d\d){1,2}(?:\s*(?:[ap]\.m\.|[AaPp][Mm]\b))?"
    r"|\d{1,2}\s*(?:[ap]\.m\.|[AaPp][Mm]\b)"
)
_TZ = r"(?:\(?(?:[A-Z]{1,4}T|UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?\)?)"
_DATE = (
    r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}/\d\d/\d\d"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_WEEKDAY}"
)
_STAMP_ITEM = rf"(?:{_DATE}|{_TIME}|{_TZ})"
_STAMP_SEP = rf"(?:{_HSPACE}*(?:[,|/\u00b7\u2022\u2013\u2014-]|\bat\b|\bon\b)?{_HSPACE}*)"
_STAMP_BODY = rf"{_STAMP_ITEM}(?:{_STAMP_SEP}{_STAMP_ITEM})*"
_STAMP_KEYWORD = (
    r"(?:date[d]?|posted(?:\s+on)?|updated(?:\s+on)?|published(?:\s+on)?"
    r"|last\s+updated(?:\s+on)?|last\s+modified(?:\s+on)?|modified(?:\s+on)?"
    r"|first\s+published(?:\s+on)?|released(?:\s+on)?)"
)
# Keyword stamp: "date 2020-10-04", "Posted 3:45 p.m. EDT, Oct 4, 2020".  It
# may be a whole line or a prefix of the first body line (the seed corpus).
_KEYWORD_STAMP = re.compile(
    rf"(?i:{_STAMP_KEYWORD})(?:{_HSPACE}*:)?{_HSPACE}+(?:{_STAMP_BODY})"
    rf"(?:{_HSPACE}*[,.|]?)(?=\s|\Z)"
)
# A line that is nothing but a date/time ("October 4, 2020 10:32 GMT").
_BARE_STAMP_LINE = re.compile(
    rf"(?:{_STAMP_BODY}){_HSPACE}*(?:{_LINEBREAK}|\Z)"
)
_HAS_DIGIT = re.compile(r"\d")


def _skip_stamps(text: str) -> int:
    """Return the offset where the body starts, after leading stamps."""
    pos = _LEADING_WS.match(text).end()  # type: ignore[union-attr]
    while True:
        m = _KEYWORD_STAMP.match(text, pos)
        if m is None:
            m = _BARE_STAMP_LINE.match(text, pos)
            # A bare line must hold an actual date or time, not just "May".
            if m is None or not _HAS_DIGIT.search(m.group()):
                return pos
        pos = _LEADING_WS.match(text, m.end()).end()  # type: ignore[union-attr]


# --------------------------------------------------------------------------
# Segments (blocks and lines)
# --------------------------------------------------------------------------


def _first_word(line: str) -> str:
    """First whitespace-delimited token of a stripped line."""
    cut = line.find(" ")
    return line if cut < 0 else line[:cut]


def _looks_like_title(line: str) -> bool:
    """True for Title Case or ALL CAPS lines (headlines, bylines)."""
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps * 4 >= len(words) * 3


def _line_ends_segment(line: str, nxt: str, width: int) -> bool:
    """Decide whether a single line break after ``line`` ends a segment.

    ``line`` and ``nxt`` are stripped, non-empty lines of one block; ``width``
    is the longest line of that block, a lower bound for any hard-wrap width.
    """
    if _LIST_MARKER.match(nxt):
        return True
    # A hard-wrapped line is only short when the next word did not fit on it;
    # if it would have fitted, the writer broke the line on purpose.
    fits = len(line) + 1 + len(_first_word(nxt)) <= width
    if _TERMINAL_END.search(line):
        # Normal sentence rules apply; a deliberate break also ends it.
        return fits
    if _CONTINUATION_END.search(line):
        return False
    first = nxt[0]
    if first.islower() and not _CAMEL_BRAND.match(nxt):
        return False
    if fits:
        return True
    return _looks_like_title(line)


def _segments(text: str, start: int) -> list[tuple[int, int]]:
    """Cut ``text[start:]`` into (start, end) segments with no outer blanks."""
    segments: list[tuple[int, int]] = []
    block_starts = [start]
    block_ends: list[int] = []
    for m in _BLOCK_SEP.finditer(text, start):
        block_ends.append(m.start())
        block_starts.append(m.end())
    block_ends.append(len(text))
    for b_start, b_end in zip(block_starts, block_ends, strict=True):
        block = text[b_start:b_end]
        if not block or block.isspace():
            continue
        if _LINE_SEP.search(block) is None:
            lead = len(block) - len(block.lstrip())
            segments.append((b_start + lead, b_start + len(block.rstrip())))
            continue
        _split_block(block, b_start, segments)
    return segments


def _split_block(block: str, offset: int, out: list[tuple[int, int]]) -> None:
    """Append the segments of a multi-line block to ``out``."""
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
    for i in range(len(lines) - 1):
        if _line_ends_segment(lines[i][2], lines[i + 1][2], width):
            out.append((offset + seg_start, offset + lines[i][1]))
            seg_start = lines[i + 1][0]
    out.append((offset + seg_start, offset + lines[-1][1]))


def _add_line(block: str, a: int, b: int, lines: list[tuple[int, int, str]]) -> None:
    """Record the stripped extent of ``block[a:b]`` if it is not blank."""
    raw = block[a:b]
    stripped = raw.strip()
    if stripped:
        lead = len(raw) - len(raw.lstrip())
        lines.append((a + lead, a + lead + len(stripped), stripped))


# --------------------------------------------------------------------------
# Boundary decisions
# --------------------------------------------------------------------------


def _word_before(text: str, seg_start: int, pos: int) -> tuple[str, bool]:
    """Token ending at ``pos`` (opening punctuation stripped), and whether it
    is the first token of the segment/sentence so far."""
    lo = max(seg_start, pos - 40)
    window = text[lo:pos]
    parts = window.rsplit(None, 1)
    if not parts:
        return "", True
    word = parts[-1]
    whole = len(parts) == 1 and lo == seg_start and not window[:1].isspace()
    return word.lstrip(_OPENERS), whole


def _is_starter(word: str) -> bool:
    """Whether ``word`` (next token) commonly starts a news sentence."""
    m = _WORD_CHARS.match(word)
    return m is not None and m.group() in _STARTERS


def _core(word: str) -> str:
    """Strip trailing punctuation that is not part of a word."""
    return word.rstrip(",;:.!?\u2026" + _CLOSERS)


def _quote_attribution(text: str, after: int, end: int) -> bool:
    """'"Why?" Prime Minister Boris Johnson asked.' -- capitalised name then a
    speech verb right after a quoted question/exclamation."""
    words = text[after:min(end, after + 80)].split()
    for w in words[:5]:
        c = _core(w)
        if c in _SPEECH_VERBS:
            return True
        if not c or not (c[0].isupper() or c.endswith(".")):
            return False
    return False


def _is_boundary(
    text: str, seg_start: int, seg_end: int, m: re.Match[str], sentence_start: int
) -> tuple[bool, int]:
    """Decide whether candidate ``m`` ends a sentence.

    Returns (decision, start of the next sentence).
    """
    nm = _NEXT.match(text, m.end(), seg_end)
    if nm is None:  # end of segment
        return True, seg_end
    next_start = nm.start(2)
    opener = nm.group(2)
    nxt = nm.group(3)
    if not nxt:
        if not opener:
            return True, next_start
        nxt = opener  # lone opener; treat like an opening quote
    punct = m.group().rstrip(_CLOSERS)
    closed = len(punct) != len(m.group())
    first = nxt[0]
    lower = first.islower() and not _CAMEL_BRAND.match(nxt)

    if "?" in punct or "!" in punct or "\u203c" in punct:
        if lower or first in ",;:)\u2014\u2013-":
            return False, next_start
        if closed and not opener and _quote_attribution(text, next_start, seg_end):
            return False, next_start
        return True, next_start

    if lower or first in ",;:\u2014\u2013-)%":
        return False, next_start

    word, first_token = _word_before(text, sentence_start, m.start())

    if "\u2026" in punct or punct.startswith(".."):
        # Ellipsis: a new sentence starts with a capital or digit.  After a
        # spaced omission mark (" … ") a proper noun usually continues.
        if m.start() > seg_start and text[m.start() - 1].isspace():
            return _is_starter(nxt) or not first.isalpha(), next_start
        return True, next_start

    upper = first.isupper() or first in _OPENERS
    digit = first.isdigit() or first in "$\u00a3\u20ac\u00a5#"
    key = word
    if key == "":
        return True, next_start

    if first_token and _LIST_NUMBER.match(key) and (digit or upper) and key[0].isdigit():
        # "1. First item": the number is a list marker, not a sentence.
        return False, next_start
    if key in _NEVER_END or key.lower() in _NEVER_END:
        return False, next_start
    if digit:
        if key in _NUMBER_ABBR or key in _PLACE_ACRONYMS or key in _TITLES:
            return False, next_start
        return True, next_start
    if not upper:
        return True, next_start
    # ---- next token is capitalised ----
    if key in _TITLES and key not in _TITLES_NO_STARTER_CHECK:
        return False, next_start
    nxt_core = _core(nxt)
    if key in _TIME_ABBR:
        if _TIMEZONE.match(nxt_core) or nxt_core in _TIME_NEXT:
            return False, next_start
        return True, next_start
    if key in _COMPANY:
        if nxt_core in _COMPANY_NEXT or (nxt.endswith(".") and len(nxt_core) <= 4):
            return False, next_start
        return True, next_start
    if len(key) == 1 and key.isupper():
        # Single initial: "George W. Bush" continues, "Plan B. Investors" ends.
        before, _ = _word_before(text, sentence_start, m.start() - 1)
        if before in _LETTER_DESIGNATORS or key == "I":
            return True, next_start
        return _is_starter(nxt), next_start
    if (
        key in _PLACE_ACRONYMS
        or key in _AMBIGUOUS
        or key in _TITLES_NO_STARTER_CHECK
        or _DOTTED_INITIALS.match(key)
    ):
        return _is_starter(nxt), next_start
    if key in _NUMBER_ABBR:
        # "Jan. 6" continues; "in Jan. The" ends.  Ambiguous ones (No, St)
        # before a capital: only a sentence-starter ends the sentence.
        return True, next_start
    if _is_unknown_abbreviation(key):
        return _is_starter(nxt), next_start
    return True, next_start


def _is_unknown_abbreviation(key: str) -> bool:
    """Short capitalised tokens without vowels ("Sgt", "Bldg") are not words."""
    if len(key) > 4 or not key[0].isupper() or not key.isalpha() or not key.isascii():
        return False
    return not any(c in "aeiouyAEIOUY" for c in key)


def split_sentences(text: str) -> list[SentenceSpan]:
    """Split news ``text`` into sentence spans (offsets into ``text``)."""
    body = _skip_stamps(text)
    spans: list[SentenceSpan] = []
    for paragraph, (seg_start, seg_end) in enumerate(_segments(text, body)):
        start = seg_start
        for m in _CANDIDATE.finditer(text, seg_start, seg_end):
            ok, next_start = _is_boundary(text, seg_start, seg_end, m, start)
            if ok:
                if m.end() > start:
                    spans.append(SentenceSpan(start, m.end(), paragraph))
                start = next_start
        if start < seg_end:
            spans.append(SentenceSpan(start, seg_end, paragraph))
    return spans
