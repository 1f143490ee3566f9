"""Table models over sentences found anywhere in the workspace: search results and
earlier verdicts. Both show plain text only (article and typed text are never markup)."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPointF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
)
from PySide6.QtWidgets import QApplication, QStyledItemDelegate

from factcheck_app.domain.matching import (
    match_needles,
    matched_spans,
    may_match,
    read_from,
    run_break,
    word_break,
)
from factcheck_app.domain.models import (
    EarlierVerdict,
    FoundSentence,
    SearchHit,
    verdict_label,
)
from factcheck_app.domain.printable import bidi_neutral, shown_line
from factcheck_app.domain.segmentation import drawn_start
from factcheck_app.gui.models import (
    BACKGROUND,
    DISPLAY,
    TAG_COLOURS,
    TOOLTIP,
    TOOLTIP_CHARS,
    USER,
    VERDICT_COLOURS,
    Index,
    plain_tooltip,
    tag_words,
    tinted,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

Item = TypeVar("Item", SearchHit, EarlierVerdict)
# A column: header, the text it shows, and the colour it is tinted with (or None).
Column = tuple[str, Callable[[Any], str], Callable[[Any], str | None]]
ONE_LINE = 200  # characters of a sentence shown in a cell; the tooltip has more
# Of a sentence in a result's tooltip, which shows 1,200 characters (TOOLTIP_CHARS): room
# is left for its article and review.
TOOLTIP_SENTENCE_CHARS = 800
# And its lines: a tooltip shows TOOLTIP_LINES (20), and a table without full stops is a
# sentence of a line a row; of them, this many at most before the line its cell starts in.
TOOLTIP_SENTENCE_LINES = 12
TOOLTIP_LINES_BEFORE = 4
_MARKS_AT_MOST = 16  # marks on one letter a cut is moved over, at most
# What a tooltip's sentence may take beyond the characters asked of it: the marks read on
# over at its end, "…" at each end, and the breaks (`_breakable`) of those, with some over.
_TOOLTIP_SENTENCE_EXTRA = 2 * _MARKS_AT_MOST + 8
_FLAG_LETTERS_AT_MOST = 1_000  # a row of flags' letters counted back to pair them, at most
# Characters of a tooltip's run without a space after which it may break (`_breakable`):
# 60 of the widest Latin letters fit in the tooltip's width (half a 1024-pixel screen).
BREAK_RUN_CHARS = 60
_LONG_RUN = re.compile(f"[^\\s\u200b]{{{BREAK_RUN_CHARS + 1},}}")
# A match this close to the start is in view as it is; otherwise the sentence is shown
# from this far before it. Both count a Chinese, Japanese or Korean character as two.
IN_VIEW_CHARS = 30
CONTEXT_CHARS = 14
# A sentence this long or shorter (every one imported since sentences are cut at 5,000
# characters) is matched whole, in a few milliseconds; a longer one (a file of one long
# line imported before) in its first this many characters, then four times more…
FIRST_LOOK_CHARS = 20_000
# …or, where its words can be looked for so (`matching.may_match`), in parts of about this
# many characters, only the first part that may hold a match read word by word.
PART_CHARS = 8_000
_NOT_SPACE = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
_LAST_SPACE = re.compile(r"\s(?=\S*\Z)")  # (searched with an end: the last before it)
SENTENCE_COLUMN = 1  # after the model's own lead column
ARTICLE_COLUMN = 5  # the last of FOUND_COLUMNS


def _one_line(text: str) -> str:
    """A cell's text: one line, shown in its stored order (an override in a sentence, a
    claimant or a title showed the words after it reversed; `bidi_neutral` keeps every
    offset, so the matched words stay where the search found them)."""
    return _line_from(text, 0, ())[0]


def _line_from(
    text: str, start: int, spans: Sequence[tuple[int, int]]
) -> tuple[str, list[tuple[int, int]]]:
    """``text`` from ``start`` as its cell shows it (after "…" when it starts later; each
    run of white space one space; cut at ONE_LINE, ending "…") and where it shows
    ``spans`` of ``text``. Read only as far as the line goes: a sentence may be megabytes."""
    lead = "…" if start else ""
    room = ONE_LINE - len(lead)
    pieces: list[str] = []
    at: list[int] = []  # where each character of the line after `lead` is in `text`
    for word in _NOT_SPACE.finditer(text, start):
        if len(at) > room:  # one character more than fits: the line is cut
            break
        if at:
            pieces.append(" ")
            at.append(word.start() - 1)
        end = min(word.end(), word.start() + room + 1 - len(at))
        pieces.append(text[word.start() : end])
        at.extend(range(word.start(), end))
    line = "".join(pieces)
    if len(line) > room:
        line, at = line[: room - 1] + "…", at[: room - 1]
    shown = []
    for first, end in spans:
        where = bisect.bisect_left(at, first)
        if where < len(at) and at[where] == first:
            shown.append((len(lead) + where, len(lead) + bisect.bisect_left(at, end)))
    return bidi_neutral(lead + line), shown


class _Cell(NamedTuple):
    """A searched sentence as its cell shows it: the line, where it shows the matched words
    (in bold), and where in the sentence it starts."""

    line: str
    spans: list[tuple[int, int]]
    start: int
    match: int  # where in the sentence its first matched word is (or `start`)


def _sentence_cell(text: str, query: str) -> _Cell:
    """A searched sentence as its cell shows it, from a few words before its first matched
    word ("…shelling of Ganja …"), and its matched words there. They are the sentence's
    own: matched again in the line, a word the line starts inside ("thirty two", 32, cut
    to "…two") was shown in bold for a search for two."""
    spans = _matches_from_start(text, query)
    if not spans or _back(text, spans[0][0], IN_VIEW_CHARS) == 0:
        return _Cell(*_line_from(text, 0, spans), 0, spans[0][0] if spans else 0)
    start = _context_start(text, spans[0][0])
    return _Cell(*_line_from(text, start, spans), start, spans[0][0])


def _context_start(text: str, first: int) -> int:
    """Where a cell showing ``text`` from a few words before its match at ``first``
    starts."""
    before = _back(text, first, CONTEXT_CHARS)
    # At a space a word or so before; Chinese, Japanese and Thai have none there (a space
    # far before, or none, showed the sentence from there: the match out of sight), so
    # between two characters, never inside what shows as one character (`_splits`). Any
    # white space the cell shows as one: a line break, a no-break space (a Polish site's
    # "–\u00a0444"), looking for " " only, the cell started inside a word ("…czecin").
    space = _LAST_SPACE.search(text, _back(text, before, IN_VIEW_CHARS), before)
    start = space.end() if space else 0
    if start == 0:
        start = before
        while start > 1 and _splits(text, start):
            start -= 1
    return start


def _back(text: str, at: int, room: int) -> int:
    """Where ``text`` starts that shows ``room`` characters' width before ``at`` (or 0):
    a Chinese, Japanese or Korean character is two wide (fourteen of them before a match
    filled a narrow column, the match cut off out of sight)."""
    while at > 0 and room > 0:
        at -= 1
        room -= 2 if unicodedata.east_asian_width(text[at]) in "WF" else 1
    return at


def _tooltip_sentence(
    text: str, start: int, match: int | None = None, *, chars: int = TOOLTIP_SENTENCE_CHARS
) -> str:
    """A result's sentence in its tooltip: whole, or ``chars`` of it, so that the tooltip
    still names the article and the review: from a quarter of that before
    where its cell starts (what led up to the match too), at a space when there is one,
    and at most a few lines before the line of its first matched word (``match``)."""
    if len(text) <= chars and text.count("\n") < TOOLTIP_SENTENCE_LINES:
        return text
    cell = start
    start = _back(text, start, chars // 4)
    if start:
        # (any white space: a Polish site's no-break spaces had no " " there, "…ku,")
        space = _SPACE.search(text, start, start + IN_VIEW_CHARS)
        start = space.end() if space else start
    # Lines of a table before the match took the tooltip's 20 lines, and its article and
    # review (and the match) were cut off: a few of them at most, from a line's start.
    # Counted from the match, not the cell: blank lines between two paragraphs joined by
    # Merge with Next, where the cell may start, took the tooltip's lines ("…", "…").
    lines_start = cell if match is None else max(match, cell)
    for _line in range(TOOLTIP_LINES_BEFORE + 1):
        lines_start = text.rfind("\n", start, lines_start)
        if lines_start < 0:
            break
    if lines_start >= 0:
        start = lines_start + 1
    # Thai has no spaces: never cut between a letter and its marks ("…่าว", "ที…"), nor
    # read on far in a run of marks (a file of garbage may be megabytes of them).
    for _mark in range(_MARKS_AT_MOST):
        if start <= 1 or not _splits(text, start):
            break
        start -= 1
    end = start + chars
    for _mark in range(_MARKS_AT_MOST):
        if end >= len(text) or not _splits(text, end):
            break
        end += 1
    part = text[start:end]
    lines = part.split("\n", TOOLTIP_SENTENCE_LINES)
    if len(lines) > TOOLTIP_SENTENCE_LINES:
        part = "\n".join(lines[:TOOLTIP_SENTENCE_LINES])
    return ("…" if start else "") + part + ("…" if start + len(part) < len(text) else "")


def _breakable(text: str) -> str:
    """``text`` with an invisible break (a zero-width space) after each BREAK_RUN_CHARS
    characters of a run with no space: a tooltip wraps at half the screen's width, at
    spaces, and a key or data blob quoted whole made its line 4,000 px wide, past the
    screen's edge, the match after it out of sight. Never inside a character as shown
    (`_splits`): a letter and its marks, a flag, an emoji and its skin tone."""
    if len(text) <= BREAK_RUN_CHARS:
        return text
    pieces: list[str] = []
    at = 0
    for run in _LONG_RUN.finditer(text):
        cut = run.start() + BREAK_RUN_CHARS
        while cut < run.end():
            while cut < run.end() and _splits(text, cut):
                cut += 1  # (a run of marks is at most the run itself; an emoji's joiner)
            if cut >= run.end():
                break
            pieces += [text[at:cut], "\u200b"]
            at = cut
            cut += BREAK_RUN_CHARS
    return "".join(pieces) + text[at:] if pieces else text


def _matches_from_start(text: str, query: str) -> list[tuple[int, int]]:
    """``text``'s matched words from its start, as `matched_spans` finds them in all of
    it: all of them in a sentence of up to FIRST_LOOK_CHARS; in a longer one, those of the
    first of ever longer beginnings that holds a match, each cut where no word goes across
    (`word_break`), so that a match near the start of a sentence of megabytes (a file of
    one long line) is found without reading all of it: that took seconds."""
    if len(text) <= FIRST_LOOK_CHARS:
        return matched_spans(text, query)
    needles = match_needles(query)
    found = None if needles is None else _matches_in_parts(text, query, needles)
    if found is not None:
        return found
    size = FIRST_LOOK_CHARS
    while size < len(text):
        cut, exact = _exact_cut(text, size, query)
        spans = [span for span in matched_spans(text[:cut], query) if span[1] <= exact]
        if spans:
            return spans
        size *= 4
    return matched_spans(text, query)


def _matches_in_parts(
    text: str, query: str, needles: tuple[str, ...]
) -> list[tuple[int, int]] | None:
    """``text``'s matched words in the first of its parts of about PART_CHARS (each from a
    `read_from` place to the next) that holds one, and in the part after it if the cell's
    line may reach it; parts that cannot hold one (`may_match`) are never read word by
    word. A sentence of 760,000 characters of words each written once, the match half-way,
    read in ever longer beginnings, froze the first paint of the results for 3 s. None:
    no place to cut at (Chinese, Thai, a blob), for the beginnings to be read instead."""
    start = 0
    while start < len(text):
        end = len(text)
        if start + PART_CHARS < len(text):
            end = read_from(text, start + PART_CHARS)
            if not end:
                return None
        if may_match(text[start:end], needles):
            spans = _shifted(matched_spans(text[start:end], query), start)
            if spans:
                # The cell's line, from a few words before the match, may go on past the part.
                if end < len(text) and spans[0][0] + 2 * ONE_LINE > end:
                    spans += _line_after(text, end, spans[0][0] + 2 * ONE_LINE, query)
                return spans
        start = end
    return []


def _line_after(text: str, end: int, near: int, query: str) -> list[tuple[int, int]]:
    """``text``'s matched words from the part's ``end`` (a `read_from` place) to a place
    at ``near`` or a little after it, as far as a cell's line may reach. Without a space
    to end at there (a page's image as base64, a long Chinese passage), where no word goes
    across (`word_break`) or, in Thai, between two letters (`run_break`): reading on to
    the end read 700,000 characters word by word, a second's frozen first paint."""
    cut = exact = read_from(text, near) or (len(text) if len(text) < near + 1_000 else 0)
    if not cut:
        cut, exact = _exact_cut(text, near + 1_000, query)
    if cut <= end:  # (a word of a thousand letters: to the first place after it)
        cut = exact = read_from(text, near, len(text)) or len(text)
    return [span for span in _shifted(matched_spans(text[end:cut], query), end) if span[1] <= exact]


def _exact_cut(text: str, near: int, query: str) -> tuple[int, int]:
    """A place at or before ``near`` (less than 1,000 before) to read ``text`` up to, where
    no word goes across (`word_break`), or in a run of Thai between two of its letters
    (`run_break`); and how far the matches read before it are exact. (0, 0): none."""
    cut = word_break(text, near)
    return (cut, cut) if cut else run_break(text, near, query)


def _shifted(spans: list[tuple[int, int]], by: int) -> list[tuple[int, int]]:
    return [(first + by, end + by) for first, end in spans]


def _splits(text: str, at: int) -> bool:
    """Whether a cut (or a zero-width space) before ``text[at]`` splits what shows as one
    character: the splitter's rule (`drawn_start`: a letter and its marks, an emoji joined
    to the next, a skin tone, a flag's two letters paired from the run's start, a Korean
    syllable, a conjunct), and the second half of a character kept as two surrogates. A
    break inside 🇺🇦🇺🇦 showed 🇦🇺 (Australia's) after it."""
    if not 0 < at < len(text):
        return False
    if "\udc00" <= text[at] <= "\udfff":
        return True
    return drawn_start(text, at, max(0, at - _FLAG_LETTERS_AT_MOST)) != at


def _tag(found: FoundSentence) -> str:
    tag = found.row.review.tag
    return tag.label if tag else ""


def _tag_colour(found: FoundSentence) -> str | None:
    tag = found.row.review.tag
    return TAG_COLOURS[tag] if tag else None


def _verdict(found: FoundSentence) -> str:
    verdict = found.row.review.verdict
    return (verdict_label(verdict) or verdict) if verdict else ""


def _verdict_colour(found: FoundSentence) -> str | None:
    verdict = found.row.review.verdict
    return VERDICT_COLOURS.get(verdict) if verdict else None


def _none(_found: FoundSentence) -> None:
    return None


FOUND_COLUMNS: tuple[Column, ...] = (
    ("Sentence", lambda f: _one_line(f.row.sentence.text), _none),
    ("Tag", _tag, _tag_colour),
    ("Verdict", _verdict, _verdict_colour),
    ("Claimant", lambda f: _one_line(_claimant(f)), _none),
    ("Article", lambda f: _one_line(_title(f)), _none),
)
CLAIMANT_COLUMN = 4


def _claimant(found: FoundSentence) -> str:
    return found.row.review.claimant


def _title(found: FoundSentence) -> str:
    return shown_line(found.article_title)


# The claimant and the title whole, of which their cells show a line (`_own_spans`).
_WHOLE_TEXT = {CLAIMANT_COLUMN: _claimant, ARTICLE_COLUMN: _title}


def _own_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where ``text``'s cell line (`_one_line`) shows the words a search for ``query``
    finds in ``text``: matched in the line, a number it is cut inside ("thirty…" of
    "thirty two", 32) was shown in bold for a search for 30. Looked for in its first
    words only, as far as the line can go and where no word goes across (`word_break`)."""
    if len(text) > 4 * ONE_LINE:
        text = text[: word_break(text, 4 * ONE_LINE) or 4 * ONE_LINE]
    return _line_from(text, 0, matched_spans(text, query))[1]


class FoundSentenceModel(QAbstractTableModel, Generic[Item]):
    """Rows of found sentences; subclasses add their own leading column."""

    SentenceIdRole = USER + 1
    ArticleIdRole = USER + 2
    HighlightRole = USER + 3  # (start, end) spans of the shown text that the search matched
    lead: Column

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Item] = []
        self._columns = (self.lead, *FOUND_COLUMNS)
        self._query = ""  # what to show in bold (search results only)
        # A result's sentence as its cell shows it, with its matched words there, by id()
        # of the result (kept alive in `_items`, and dropped with them).
        self._sentence_shown: dict[int, _Cell] = {}

    def set_items(self, items: Sequence[Item], query: str = "") -> None:
        self.beginResetModel()
        self._items = list(items)
        self._query = query
        self._sentence_shown = {}
        self.endResetModel()

    def _shown(self, column: int, item: Item) -> str:
        """A cell's text. A searched sentence starts shortly before its first matched word,
        so the match is in view even in a long sentence."""
        _header, text, _colour = self._columns[column]
        if column == 0:
            return str(text(item))
        if column == SENTENCE_COLUMN and self._query:
            return self._sentence_cell(item).line
        return str(text(item.found))

    def _sentence_cell(self, item: Item) -> _Cell:
        """A searched sentence's cell: its text and matched words (`_sentence_cell`), made
        once per result, not at each paint and role: a long sentence took seconds."""
        key = id(item)
        if key not in self._sentence_shown:
            sentence = item.found.row.sentence.text
            self._sentence_shown[key] = _sentence_cell(sentence, self._query)
        return self._sentence_shown[key]

    def _spoken(self, item: Item) -> str | None:
        """The row in words for the cell a screen reader lands on (None: its display text)."""
        return None

    def item(self, row: int) -> Item | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> str | None:
        if (
            role in (DISPLAY, TOOLTIP)  # the tooltip: whole, where a narrow column cuts it
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section][0]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        colour = self._columns[index.column()][2]
        found = item.found
        if role == DISPLAY:
            return self._shown(index.column(), item)
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == 0:
            return self._spoken(item)
        if role == TOOLTIP:
            # Every column's words: a narrow pane (a large font, 1024×640) cuts them to "F…".
            lines = [
                f"{header}: {shown}"
                for column, (header, _text, _colour) in enumerate(self._columns)
                if column not in (SENTENCE_COLUMN, ARTICLE_COLUMN)
                and (shown := self._shown(column, item))
            ]
            # The article and the review first, one line each (a live blog's title may be
            # long), and the sentence in the room they leave: cut last to 1,200 characters,
            # a long sentence and title cut the verdict and the claimant off the end. Each
            # part broken for wrapping as it is, its breaks counted in its length.
            title = _one_line(shown_line(found.article_title))
            review = _breakable(f"\n\nArticle: {title}\n" + "\n".join(lines))
            room = TOOLTIP_CHARS - len(review) - _TOOLTIP_SENTENCE_EXTRA
            chars = min(TOOLTIP_SENTENCE_CHARS, room * BREAK_RUN_CHARS // (BREAK_RUN_CHARS + 1))
            cell = self._sentence_cell(item) if self._query else None
            sentence = _tooltip_sentence(
                found.row.sentence.text,
                *((cell.start, cell.match) if cell else (0,)),
                chars=max(chars, 1),
            )
            return plain_tooltip(_breakable(sentence) + review)
        if role == BACKGROUND:
            tint = colour(item) if index.column() == 0 else colour(found)
            return tinted(tint) if tint else None
        if role == self.HighlightRole:
            if not self._query or index.column() == 0:
                return None
            if index.column() == SENTENCE_COLUMN:
                return self._sentence_cell(item).spans or None
            whole = _WHOLE_TEXT.get(index.column())
            if whole is not None:
                return _own_spans(whole(found), self._query) or None
            return matched_spans(self._shown(index.column(), item), self._query) or None
        if role == self.SentenceIdRole:
            return found.row.sentence.id
        if role == self.ArticleIdRole:
            return found.row.sentence.article_id
        return None


class SearchResultModel(FoundSentenceModel[SearchHit]):
    """Workspace search results, best match first."""

    lead = ("Found in", lambda hit: ", ".join(hit.matched_in), lambda _hit: None)

    def _spoken(self, item: SearchHit) -> str:
        """F3 and Enter make a result's first cell current: a screen reader said only
        where the words were found ("Sentence"), not the sentence or its review."""
        found = item.found
        # "Untagged" or "Nothing to check" (X), as the sentence list reads them: "not
        # tagged" was said of a sentence marked with X too.
        review = [tag_words(found.row.review), _verdict(found)]
        if found.row.review.claimant:
            review.append(f"claimant {_one_line(found.row.review.claimant)}")
        said = ", ".join(part for part in review if part)
        title = _one_line(shown_line(found.article_title))
        return (
            f"{_one_line(found.row.sentence.text)} ({said}; found in "
            f"{', '.join(item.matched_in).lower()}; in “{title}”)"
        )


def earlier_verdict_summary(verdict: EarlierVerdict) -> str:
    """Two lines for the narrow review panel: how alike and what was decided, then the
    sentence itself."""
    found = verdict.found
    parts = [f"{verdict.similarity:.0%} alike", _verdict(found), _tag(found)]
    if found.row.review.claimant:
        parts.append(_one_line(found.row.review.claimant))
    return " · ".join(p for p in parts if p) + "\n" + _one_line(found.row.sentence.text)


class EarlierVerdictModel(FoundSentenceModel[EarlierVerdict]):
    """Judged sentences resembling the current one, most alike first. The panel shows the
    first column only (a two-line summary, tinted by the verdict)."""

    lead = ("Earlier verdict", earlier_verdict_summary, lambda v: _verdict_colour(v.found))


ELLIPSIS = "…"


def highlighted_line(
    text: str, spans: Sequence[tuple[int, int]], font: QFont, width: float
) -> QTextLayout:
    """One line of plain `text` with `spans` in bold, laid out to fit `width`: cut at a
    character and ended with "…" when it is wider, like the cells Qt elides itself. When
    the first span is past the cut, from a few words before it, after "…" (or from it):
    the narrow Claimant and Article columns cut a match further on off with the rest,
    nothing in bold, and why the row was found could not be seen."""
    layout = _elided_line(text, spans, font, width)
    if not spans or layout.text() == text or _shows_whole(layout, 0, spans[0][1]):
        return layout
    # From a few words before it, as the Sentence column (`_context_start`); where those
    # leave the match no room, from the word before it; from the match itself. (Only the
    # last of these was tried: "…Ganja office" where "…Republic, Ganja office" fitted.)
    first = spans[0][0]
    back = _back(text, first, CONTEXT_CHARS)
    space = _LAST_SPACE.search(text, back, first)
    word = _LAST_SPACE.search(text, back, space.start()) if space else None
    later = layout
    for start in dict.fromkeys((_context_start(text, first), word.end() if word else first, first)):
        while start > 1 and _splits(text, start):
            start -= 1
        if start <= 0:
            continue
        moved = [(a - start + 1, b - start + 1) for a, b in spans if a >= start]
        later = _elided_line(ELLIPSIS + text[start:], moved, font, width)
        if _shows_whole(later, start - 1, spans[0][1]):
            return later
    # (the match wider than the cell: as much of it as fits, in bold)
    return later if later.formats() else layout


def _shows_whole(layout: QTextLayout, start: int, end: int) -> bool:
    """Whether `layout`, of a text's characters from `start` (after "…" if more than 0),
    shows them up to `end` (before its own "…", if it ends in one)."""
    shown = layout.text()
    cut = len(shown) - shown.endswith(ELLIPSIS)
    return start + cut >= end


def _elided_line(
    text: str, spans: Sequence[tuple[int, int]], font: QFont, width: float
) -> QTextLayout:
    """`highlighted_line` of `text` as it starts."""

    def laid_out(shown: str) -> QTextLayout:
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        formats = []
        for start, end in spans:
            end = min(end, len(shown) - (shown is not text))  # never bold the "…"
            if start < end:
                # (in Qt's places: an emoji before the words shifted the bold off them)
                start, end = _qt_place(shown, start), _qt_place(shown, end)
                found = QTextLayout.FormatRange()
                found.start, found.length, found.format = start, end - start, bold
                formats.append(found)
        layout = QTextLayout(shown, font)
        layout.setFormats(formats)
        layout.beginLayout()
        layout.createLine().setLineWidth(1_000_000)  # one line, never wrapped
        layout.endLayout()
        return layout

    def cut_at(cut: int) -> QTextLayout | None:
        """The first `cut` characters and "…", if they fit."""
        shorter = laid_out(text[:cut] + ELLIPSIS)
        return shorter if shorter.lineAt(0).naturalTextWidth() <= width else None

    layout = laid_out(text)
    line = layout.lineAt(0)
    if line.naturalTextWidth() <= width:
        return layout
    # Left-to-right text: the character at the column's edge is the cut, or near it. Not
    # right-to-left text, which ends at the left edge ("قال الوزير" kept three words in
    # room for a dozen): as much as fits is looked for by halves, a prefix growing wider
    # with each character.
    room = width - QFontMetricsF(font).horizontalAdvance(ELLIPSIS)
    guess = _python_place(
        text, line.xToCursor(max(0.0, room), QTextLine.CursorPosition.CursorOnCharacter)
    )
    for cut in (guess, guess - 1, guess - 2):  # the bold words may be a little wider
        shorter = cut_at(cut) if cut > 0 else None
        if shorter is not None:
            if cut_at(cut + 1) is None:
                return shorter
            break
    fits, wider = 0, len(text)  # the longest cut known to fit, the shortest known not to
    while wider - fits > 1:
        middle = (fits + wider) // 2
        if cut_at(middle) is not None:
            fits = middle
        else:
            wider = middle
    return cut_at(fits) or laid_out(ELLIPSIS)


def _qt_place(text: str, at: int) -> int:
    """Where Qt places ``text[at]``: it counts a character past U+FFFF (an emoji, a flag's
    letter, 𝐁 of Unicode's maths letters) as two, Python as one."""
    return at if text.isascii() else len(text[:at].encode("utf-16-le", "surrogatepass")) // 2


def _python_place(text: str, place: int) -> int:
    """Which character of ``text`` is at Qt's ``place`` (`_qt_place` turned around)."""
    if text.isascii():
        return max(0, place)
    counted = 0
    for at, character in enumerate(text):
        counted += 2 if character > "\uffff" else 1
        if counted > place:
            return at
    return len(text)


class HighlightDelegate(QStyledItemDelegate):
    """Paints a cell's text with the words the search matched in bold. The text is laid
    out as plain characters (QTextLayout, no markup), like every other view of the desk."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        spans = index.data(FoundSentenceModel.HighlightRole)
        if not spans:
            super().paint(painter, option, index)
            return
        # Imported on the first match painted: creating these classes' many enums cost the
        # window's start-up 10-20 ms (PySide6 makes a type's enums when it is imported).
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, opt.widget) + 1
        layout = highlighted_line(text, spans, opt.font, rect.width() - 2 * margin)
        line = layout.lineAt(0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(opt.palette.color(role))
        top = rect.top() + (rect.height() - line.height()) / 2
        layout.draw(painter, QPointF(rect.left() + margin, top))
        painter.restore()
