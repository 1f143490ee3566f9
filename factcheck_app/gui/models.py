"""Qt item models over lists of domain objects: articles, sentences, source links."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette
from PySide6.QtGui import Qt as GuiQt  # the namespace with convertFromPlainText

from factcheck_app.domain.models import (
    ArticleSummary,
    Review,
    SentenceRow,
    SignOffDecision,
    SourceLink,
    Status,
    Tag,
    verdict_label,
)
from factcheck_app.domain.printable import (
    bidi_neutral,
    set_apart,
    shown_file_name,
    shown_line,
)
from factcheck_app.domain.review_rules import nothing_to_check
from factcheck_app.domain.sign_off import SignOffState, sign_off_state
from factcheck_app.domain.times import in_local_zone, stored_time
from factcheck_app.domain.wording import counted, figure
from factcheck_app.gui.colours import FAINT, readable

if TYPE_CHECKING:  # imported with the suggestions, after the window is up
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    from factcheck_app.services.assist import SentenceSuggestion

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
USER = Qt.ItemDataRole.UserRole
ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole

# Colours back up the text labels, never replace them (colour-blind reviewers, grey printers).
TAG_COLOURS = {Tag.CLAIM: "#f4c542", Tag.DENIAL: "#e07b39", Tag.FACT: "#5aa5e0"}
VERDICT_COLOURS = {
    "true": "#3a9d5d",
    "mostly_true": "#8cc26d",
    "mixed": "#d8b13a",
    "mostly_false": "#e0823d",
    "false": "#cc3d3d",
    "unverifiable": "#8a8a8a",
}


# X's words everywhere (its key, menu, toolbar, Ctrl+Z, the panel's button), and the
# words for a sentence nobody tagged: the panel's button said "None", read as "not
# tagged yet" by a newcomer, while X and the menus called it "Nothing to check".
NOTHING_TO_CHECK = "Nothing to check"
NOT_TAGGED = "Untagged"  # as the Markdown report and "every untagged sentence" say
# The Verdict box's choice of no verdict, which X's note on a verdict names.
NO_VERDICT_TEXT = "— no verdict —"


def tag_words(review: Review) -> str:
    """The sentence's tag in words: its label, "Nothing to check" or "Untagged"."""
    if review.tag is not None:
        return review.tag.label
    return NOTHING_TO_CHECK if nothing_to_check(review) else NOT_TAGGED


def suggestion_text(found: SentenceSuggestion, answers: int | None = -1) -> str:
    """'Suggested: Claim (85 %) — reported speech: said; claimant: Baku'; for a denial
    also the claim A would record as the one it answers: 'answers #5' (``answers``: that
    claim's row, from 0), or 'answers: no claim found' (-1); nothing of it when
    ``answers`` is None (a claim is chosen already, which A leaves as it is)."""
    hint = found.suggestion
    tag = hint.tag.label if hint.tag else NOTHING_TO_CHECK
    text = f"Suggested: {tag} ({hint.confidence:.0%}) — {hint.cue}"
    if hint.claimant:
        text += f"; claimant: {hint.claimant}"
    if hint.tag is Tag.DENIAL and answers is not None:
        text += f"; answers #{answers + 1}" if answers >= 0 else "; answers: no claim found"
    return text


def worth_checking_text(found: SentenceSuggestion) -> str:
    """'Worth checking: 87 % — a number (32), attributed (said)': the score and its reasons.

    Shown between 1 % and 99 %: it is a model's estimate, never a certainty."""
    hint = found.suggestion
    # Without the model's weights the rules score it: said, not passed off as the model's.
    how = " (the rules' guess, without the model)" if found.by_rules else ""
    text = f"Worth checking{how}: {min(0.99, max(0.01, hint.checkworthiness)):.0%}"
    if hint.reasons:
        text += f" — {', '.join(hint.reasons)}"
    return text


# A cell shows one line, a tooltip a few: laying out a whole 5 MB sentence for each cell
# painted took 2 s a repaint and 6.7 s a resize (the article view shows all of it).
CELL_CHARS = 1_000


def one_line(text: str, limit: int = CELL_CHARS) -> str:
    """The start of `text` on one line, at most `limit` characters ("…" when cut)."""
    flat = " ".join(text[: limit + 1].split())
    return flat if len(flat) <= limit and len(text) <= limit else flat[: limit - 1] + "…"


# The most of an edit's name ("Link source <its title>") the Edit menu, the status line
# and the history show: a title of pages made the menu 709,734 px wide.
EDIT_CHARS = 80


def _title_form(text: str) -> str:
    """`matching.title_form`, its module loaded when an article is first looked for: at
    the window's start it cost 9 ms of the 2× budget (its tables and patterns)."""
    from factcheck_app.domain.matching import title_form

    return title_form(text)


def shown_edit(description: str) -> str:
    """An edit's name as the window shows it: one line, cut to EDIT_CHARS, without the bidi
    controls of a title in it (`shown_line`), which reversed the words after it."""
    return shown_line(one_line(description, EDIT_CHARS))


# The most of a text a tooltip shows: a 50,000-character excerpt made one 7,700 px tall,
# past the screen's edges (a tooltip cannot scroll; the text is whole where it is edited).
TOOLTIP_CHARS = 1_200
TOOLTIP_LINES = 20


def plain_tooltip(text: str, *, composed: bool = False) -> str:
    """Tooltips guess at HTML; article and typed text must show as the characters they are,
    in their stored order: a right-to-left override in a sentence, a claimant or a source's
    title showed the words after it reversed (`bidi_neutral`). `composed`: a message the
    desk put together from text made safe already, whose isolates (`set_apart`) stay.
    A long text shows its start, ending "…", so that the tooltip fits on the screen."""
    # No more than can show goes through `bidi_neutral` (which keeps every offset): a
    # sentence of megabytes took a third of a second at each hover.
    text = text[: TOOLTIP_CHARS + 1]
    if not composed:
        text = bidi_neutral(text)
    lines = text.split("\n", TOOLTIP_LINES)
    if len(lines) > TOOLTIP_LINES:
        text = "\n".join(lines[:TOOLTIP_LINES]) + "\n…"
    if len(text) > TOOLTIP_CHARS:
        text = text[: TOOLTIP_CHARS - 1] + "…"
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


@functools.cache
def tinted(colour: str, alpha: int = 70) -> QBrush:
    """A light background tint that keeps text readable in light and dark palettes.

    Made once per colour: each repaint of a row asks for its cells' backgrounds."""
    qcolour = QColor(colour)
    qcolour.setAlpha(alpha)
    return QBrush(qcolour)


@functools.cache
def faint_brush(base: int) -> QBrush:
    """Grey text that reads on the colour `base` (an RGB value): made once per theme."""
    return QBrush(QColor(readable(FAINT, QColor.fromRgb(base))))


class ArticleListModel(QAbstractListModel):
    """The workspace's articles with review progress."""

    ArticleIdRole = USER + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._articles: list[ArticleSummary] = []
        # Each article's two lines as listed, made once (None: not yet, or changed): the
        # list asks for them to measure every row it lays out, on each key typed to find
        # an article.
        self._lines: list[str | None] = []
        # The titles more than one article is listed under: those are told apart by
        # where each came from (`told_apart`); those of them from files of one name, by
        # when each was added too.
        self._shared: frozenset[str] = frozenset()
        self._same_file: frozenset[tuple[str, str]] = frozenset()
        # A cleaned copy's articles of one text (`ArticleSummary.same_text_as`): each
        # listed first one's id, to the ids of those kept beside it.
        self._twins: dict[int, tuple[int, ...]] = {}

    def set_articles(self, articles: Sequence[ArticleSummary]) -> None:
        """Show `articles`. The same articles again (the window looks every second for
        what another program saved, e.g. each part of a background import) change only
        the rows that changed, and articles added at the end are inserted: a reset had
        the list measure every wrapped title again, 90 ms for a year's 5,000 articles."""
        new, old = list(articles), self._articles
        if (
            not old
            or len(new) < len(old)
            or any(a.id != b.id for a, b in zip(old, new, strict=False))
        ):
            self.beginResetModel()
            self._articles = new
            self._lines = [None] * len(new)
            self._shared, self._same_file = _shared_titles(new)
            self._twins = _twin_groups(new)
            self.endResetModel()
            return
        for row, (before, after) in enumerate(zip(old, new, strict=False)):
            if before != after:
                old[row] = after
                self._lines[row] = None
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)
        if len(new) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
            self._lines.extend([None] * (len(new) - len(old)))
            old.extend(new[len(old) :])
            self.endInsertRows()
        self._shared_anew()

    def update_article(self, summary: ArticleSummary) -> None:
        for row, article in enumerate(self._articles):
            if article.id == summary.id:
                self._articles[row] = summary
                self._lines[row] = None
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)
                if (summary.title, summary.same_text_as) != (article.title, article.same_text_as):
                    self._shared_anew()
                return

    def _shared_anew(self) -> None:
        """The titles shared counted again after rows changed or came: the rows whose
        title began or stopped being shared are shown anew, told apart or not."""
        shared, same_file = _shared_titles(self._articles)
        changed = (shared ^ self._shared) | {title for title, _ in same_file ^ self._same_file}
        self._shared, self._same_file = shared, same_file
        twins = _twin_groups(self._articles)
        regrouped: set[int] = set()
        if twins != self._twins:  # the articles of one text named on each other's lines
            for groups in (twins, self._twins):
                for first, kept in groups.items():
                    regrouped.update((first, *kept))
            self._twins = twins
        if not changed and not regrouped:
            return
        for row in range(len(self._articles)):
            if self._articles[row].title in changed or self._articles[row].id in regrouped:
                self._lines[row] = None
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)

    def told_apart(self, row: int) -> str:
        """What tells the article at `row` from others listed under its title: the file
        it came from ("live-1205.html"), or when it was pasted or added, or both when
        another of them came from a file of the same name (a page saved on two days);
        "" when no other article has its title."""
        article = self._articles[row]
        if twins := self._same_text(article):  # a file's name and time alike on each
            return twins
        if article.title not in self._shared:
            return ""
        when = stored_time(article.imported_at) if article.imported_at else None
        local = in_local_zone(when) if when is not None else None
        added = f"{local.day} {local:%b %Y %H:%M}" if local is not None else ""
        if article.source_name and article.source_name != PASTED:
            name = shown_file_name(article.source_name)
            if added and (article.title, article.source_name) in self._same_file:
                return f"{name}, added {added}"
            return name
        if not added:
            return "pasted" if article.source_name == PASTED else ""
        return f"{'pasted' if article.source_name == PASTED else 'added'} {added}"

    def _same_text(self, article: ArticleSummary) -> str:
        """What tells apart the articles of one text a cleaned copy kept (two lines alike,
        title, file and time): "article 2, same text as article 1" on the one kept
        beside the first, "article 1, its text also in article 2" on the first; "" for
        any other article (or one whose first is not listed)."""
        if article.same_text_as in self._twins:
            return f"article {article.id}, same text as article {article.same_text_as}"
        if kept := self._twins.get(article.id):
            named = [str(twin) for twin in kept]
            others = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
            return f"article {article.id}, its text also in article{'s' * (len(kept) > 1)} {others}"
        return ""

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._articles)

    def article_at(self, row: int) -> ArticleSummary:
        return self._articles[row]

    def summaries(self) -> Sequence[ArticleSummary]:
        """Every article listed, in order (the model's own list: not to be changed)."""
        return self._articles

    def listed(self) -> tuple[int, int]:
        """(how many articles are listed, the highest id among them)."""
        return len(self._articles), max((a.id for a in self._articles), default=0)

    def line_at(self, row: int) -> str:
        """The article at `row` as the list shows it: its title, and its progress."""
        line = self._lines[row]
        if line is None:
            article = self._articles[row]
            # Thousands separated, as everywhere: "1/217017" was hard to read at a glance.
            progress = f"{figure(article.reviewed_count)}/{figure(article.sentence_count)} reviewed"
            if article.conflict_count:  # after a merge: where an editor has to decide
                progress += f" · {counted(article.conflict_count, 'conflict')}"
            if article.returned_count:  # where a checker has an editor's note to answer
                progress += f" · {figure(article.returned_count)} returned"
            if apart := self.told_apart(row):  # another article listed under its title
                progress += f" · {apart}"
            line = self._lines[row] = f"{article.title}\n{progress}"
        return line

    def row_of(self, article_id: int) -> int:
        for row, article in enumerate(self._articles):
            if article.id == article_id:
                return row
        return -1

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._articles):
            return None
        article = self._articles[index.row()]
        if role == DISPLAY:
            return self.line_at(index.row())
        if role == TOOLTIP:
            date = article.published.isoformat() if article.published else "no date"
            outlet = article.outlet or "outlet not set"
            return plain_tooltip(f"{article.title}\n{outlet}, {date}")
        if role == self.ArticleIdRole:
            return article.id
        return None


PASTED = "pasted text"  # the source name of an article pasted (services/importer)


def _shared_titles(
    articles: Sequence[ArticleSummary],
) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """The titles listed more than once, and the (title, source name) pairs listed more
    than once (a year's 5,000 titles: a millisecond or two)."""
    seen: set[str] = set()
    shared: set[str] = set()
    for article in articles:
        if article.title in seen:
            shared.add(article.title)
        seen.add(article.title)
    seen_files: set[tuple[str, str]] = set()
    same_file: set[tuple[str, str]] = set()
    for article in articles:
        if article.title in shared:  # few
            pair = (article.title, article.source_name)
            if pair in seen_files:
                same_file.add(pair)
            seen_files.add(pair)
    return frozenset(shared), frozenset(same_file)


def _twin_groups(articles: Sequence[ArticleSummary]) -> dict[int, tuple[int, ...]]:
    """Each listed article a cleaned copy kept others of its text beside (their
    `same_text_as`), to their ids: none in almost every workspace."""
    kept = [a for a in articles if a.same_text_as]
    if not kept:
        return {}
    listed = {a.id for a in articles}
    groups: dict[int, list[int]] = {}
    for article in kept:
        if article.same_text_as in listed:
            groups.setdefault(article.same_text_as, []).append(article.id)
    return {first: tuple(sorted(ids)) for first, ids in groups.items()}


class ArticleFilter(IntEnum):
    """Which articles the article list shows, beside the title typed to find one."""

    ALL = 0
    UNFINISHED = 1  # a sentence not yet done
    RETURNED = 2  # a verdict of the reviewer's an editor returned, not changed since
    CONFLICTS = 3  # a sentence whose reviewers disagree, not decided yet
    ADDED_TODAY = 4  # imported (or merged in) today, in this computer's time zone
    AWAITING_SIGN_OFF = 5  # a verdict done that nobody signed off (the Show box's)


ARTICLE_FILTER_LABELS = {
    ArticleFilter.ALL: "All articles",
    ArticleFilter.UNFINISHED: "Not finished",
    ArticleFilter.RETURNED: "Returned to me",
    ArticleFilter.CONFLICTS: "In conflict",
    ArticleFilter.ADDED_TODAY: "Added today",
    ArticleFilter.AWAITING_SIGN_OFF: "Awaiting sign-off",
}


TITLES_KEPT = 50_000  # folded titles kept between keys: ten years of a desk's articles


class ArticleFilterModel(QAbstractListModel):
    """The article list as the reviewer narrows it: by words of the title typed (each
    must occur in it, in any order, whatever its case, accents or script) and by state.

    It filters the ArticleListModel it is given itself, in one pass over titles folded
    once, and tells the list once (a reset; nothing when the same articles stay listed):
    a QSortFilterProxyModel asked Python about each of a year's 5,000 articles on every
    key, and told the list of each run of rows that went, 20-60 ms a key on a busy
    machine (docs/performance.md, "Finding an article").

    Not dynamic: an article stays listed until the filter is changed again, so that the
    open one never leaves the list under the reviewer's keys (its last sentence done with
    "Not finished" chosen); new articles are filtered as they come in."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._source: ArticleListModel | None = None
        self._rows: list[int] = []  # the source rows listed, in their order
        self._listed_at: dict[int, int] | None = None  # source row -> row here (lazily)
        self._words: tuple[str, ...] = ()
        self._state = ArticleFilter.ALL
        self._returned: frozenset[int] = frozenset()
        self._awaiting: frozenset[int] = frozenset()
        self._today: dt.date | None = None
        # Folded once per title, and a stored time's local date once per time: each key
        # typed compares every article again.
        self._titles: dict[str, str] = {}
        self._days: dict[str, dt.date | None] = {}
        self._by_row: list[str] | None = None  # the folded titles by source row

    # -- the articles it filters ------------------------------------------------------

    def setSourceModel(self, model: ArticleListModel) -> None:
        self.beginResetModel()
        self._source = model
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._source_reset)
        model.rowsInserted.connect(self._source_inserted)
        model.dataChanged.connect(self._source_changed)
        self._source_reset()

    def sourceModel(self) -> ArticleListModel | None:
        return self._source

    def _source_reset(self) -> None:
        """Other articles (its reset began with the source's)."""
        self._by_row = None
        self._rows = self._accepted(0)
        self._listed_at = None
        self.endResetModel()

    def _source_inserted(self, _parent: Index, first: int, _last: int) -> None:
        """Articles came in (at the end, as the list adds them): listed when they are
        what the filter lists."""
        new = self._accepted(first)
        if new:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(new) - 1)
            self._rows.extend(new)
            self._listed_at = None
            self.endInsertRows()

    def _source_changed(self, top_left: Index, bottom_right: Index, roles: Any = ()) -> None:
        """An article's progress or title changed: shown where it is listed (it stays
        listed, or unlisted, until the filter is changed)."""
        self._by_row = None  # a title may have changed
        for source_row in range(top_left.row(), bottom_right.row() + 1):
            row = self._listed().get(source_row)
            if row is not None:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)

    def _listed(self) -> dict[int, int]:
        if self._listed_at is None:
            self._listed_at = {source_row: row for row, source_row in enumerate(self._rows)}
        return self._listed_at

    # -- the filter -------------------------------------------------------------------

    @property
    def state(self) -> ArticleFilter:
        return self._state

    def filtering(self) -> bool:
        """Whether any article may be left out (words typed, or a state chosen)."""
        return bool(self._words) or self._state is not ArticleFilter.ALL

    def set_filter(
        self,
        text: str,
        state: ArticleFilter,
        *,
        returned: frozenset[int] = frozenset(),
        awaiting: frozenset[int] = frozenset(),
        today: dt.date | None = None,
    ) -> None:
        """List the articles whose title holds every word of `text` and that are in
        `state`: for RETURNED those of `returned` (ids), for AWAITING_SIGN_OFF those of
        `awaiting`, for ADDED_TODAY those imported on `today` (this computer's date)."""
        self._words = tuple(_title_form(text).split()) if text.strip() else ()
        self._state = state
        self._returned = returned
        self._awaiting = awaiting
        self._today = today
        if len(self._titles) > TITLES_KEPT:
            self._titles.clear()  # (another workspace's, titles retyped): start afresh
            self._days.clear()
        rows = self._accepted(0)
        if rows == self._rows:
            return  # the same articles: the list keeps its place and its layout
        self.beginResetModel()
        self._rows = rows
        self._listed_at = None
        self.endResetModel()

    def _accepted(self, first: int) -> list[int]:
        """The source rows from `first` on that the filter lists: chosen by state, then
        by each word in turn over the folded titles (no call per article for the words:
        a year's 5,000 titles take well under a millisecond)."""
        model = self._source
        if model is None:
            return []
        articles = model.summaries()
        rows = list(range(first, len(articles)))
        if self._state is not ArticleFilter.ALL:
            rows = [row for row in rows if self._in_state(articles[row])]
        if self._words:
            titles = self._folded_titles(articles)
            for word in self._words:
                rows = [row for row in rows if word in titles[row]]
        return rows

    def _folded_titles(self, articles: Sequence[ArticleSummary]) -> list[str]:
        """Each listed article's title folded (`title_form`), by source row: made again
        only when the articles change, never per key."""
        if self._by_row is None or len(self._by_row) != len(articles):
            # Whole: a title is shown cut to 300 characters, not searched so.
            self._by_row = [
                self._folded(article.whole_title or article.title) for article in articles
            ]
        return self._by_row

    def _folded(self, title: str) -> str:
        folded = self._titles.get(title)
        if folded is None:
            folded = self._titles[title] = _title_form(title)
        return folded

    def _day(self, stored: str) -> dt.date | None:
        if stored not in self._days:
            when = stored_time(stored) if stored else None
            local = in_local_zone(when) if when is not None else None
            self._days[stored] = local.date() if local is not None else None
        return self._days[stored]

    def accepts(self, article: ArticleSummary) -> bool:
        """Whether the filter lists `article`."""
        if not self._in_state(article):
            return False
        title = self._folded(article.whole_title or article.title)
        return all(word in title for word in self._words)

    def _in_state(self, article: ArticleSummary) -> bool:
        state = self._state
        if state is ArticleFilter.UNFINISHED and article.reviewed_count >= article.sentence_count:
            return False
        if state is ArticleFilter.RETURNED and article.id not in self._returned:
            return False
        if state is ArticleFilter.CONFLICTS and not article.conflict_count:
            return False
        if state is ArticleFilter.AWAITING_SIGN_OFF and article.id not in self._awaiting:
            return False
        return not (
            state is ArticleFilter.ADDED_TODAY
            and (self._today is None or self._day(article.imported_at) != self._today)
        )

    # -- the model the list shows -----------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        row = index.row()
        if self._source is None or not index.isValid() or not 0 <= row < len(self._rows):
            return None
        if role == DISPLAY:  # asked for each row laid out: straight from the source's
            return self._source.line_at(self._rows[row])
        return self._source.data(self._source.index(self._rows[row], 0), role)

    def mapToSource(self, index: Index) -> QModelIndex:
        """The source model's index of the article listed at `index`."""
        if self._source is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return QModelIndex()
        return self._source.index(self._rows[index.row()], 0)

    def mapFromSource(self, source: Index) -> QModelIndex:
        """Where the source model's article is listed (invalid: left out)."""
        row = self._listed().get(source.row()) if source.isValid() else None
        return self.index(row, 0) if row is not None else QModelIndex()

    def article_id_at(self, row: int) -> int | None:
        """The id of the article listed at `row` (None past the end)."""
        if self._source is None or not 0 <= row < len(self._rows):
            return None
        return self._source.article_at(self._rows[row]).id

    def index_of(self, article_id: int) -> QModelIndex:
        """Where the article is listed (invalid: left out, or not in the workspace)."""
        if self._source is None:
            return QModelIndex()
        row = self._source.row_of(article_id)
        return self.mapFromSource(self._source.index(row, 0)) if row >= 0 else QModelIndex()


class SentenceColumn(IntEnum):
    NUMBER = 0
    TAG = 1
    VERDICT = 2
    STATUS = 3
    TEXT = 4


# The sentence list's words for a status, where they differ from its label (the panel's
# Status box, reports): "Needs second look" read "Needs sec…" in its narrow column at
# 1024×640. The tooltip and a screen reader have the label. With an editor's sign-off on
# a sentence not done, the column says one word, "Conflict" or "Returned", not both
# ("Conflict · A…" at 1024×640); the tooltip and a screen reader say both.
LIST_STATUS_WORDS = {Status.SECOND_LOOK: "Second look"}


def returned(row: SentenceRow) -> bool:
    """Whether an editor returned the row's verdict (a changed verdict loses its return)."""
    return row.sign_off is not None and row.sign_off.decision is SignOffDecision.RETURNED


def list_status_word(status: Status) -> str:
    """What the sentence list's Status column calls `status`."""
    return LIST_STATUS_WORDS.get(status, status.label)


SENTENCE_HEADERS = {
    SentenceColumn.NUMBER: "#",
    SentenceColumn.TAG: "Tag",
    SentenceColumn.VERDICT: "Verdict",
    SentenceColumn.STATUS: "Status",
    SentenceColumn.TEXT: "Sentence",
}


class SentenceTableModel(QAbstractTableModel):
    """The sentences of the open article, one row each, with tag, verdict and status."""

    SentenceIdRole = USER + 1
    RowRole = USER + 2
    CheckworthinessRole = USER + 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SentenceRow] = []
        self._row_of_id: dict[int, int] = {}
        self._suggestions: dict[int, SentenceSuggestion] = {}
        self._suggestions_known = False  # worked out for these rows (none, perhaps)

    def set_rows(self, rows: Sequence[SentenceRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of_id = {r.sentence.id: i for i, r in enumerate(self._rows)}
        self._suggestions = {}  # computed again for the new boundaries
        self._suggestions_known = False
        self.endResetModel()

    def set_suggestions(self, suggestions: dict[int, SentenceSuggestion]) -> None:
        """Show the assist's suggested tags (faint, with a '?') where no tag was set."""
        self._suggestions = suggestions
        self._suggestions_known = True
        if self._rows:
            self.dataChanged.emit(
                self.index(0, SentenceColumn.TAG),
                self.index(len(self._rows) - 1, SentenceColumn.TAG),
            )

    def suggestion(self, sentence_id: int) -> SentenceSuggestion | None:
        return self._suggestions.get(sentence_id)

    def has_suggestions(self) -> bool:
        """Whether the assist's suggestions for these rows have come (any of them)."""
        return bool(self._suggestions)

    def suggestions_known(self) -> bool:
        """Whether the assist's suggestions for these rows were worked out (perhaps none),
        not still to come."""
        return self._suggestions_known

    def rows(self) -> list[SentenceRow]:
        return list(self._rows)

    def rows_token(self) -> object:
        """Identity of the current set of rows: changes whenever set_rows() is called."""
        return self._rows

    def update_row(self, new_row: SentenceRow) -> None:
        """Replace one sentence's review in place (cheap: no reset)."""
        row = self._row_of_id.get(new_row.sentence.id)
        if row is None:
            return
        self._rows[row] = new_row
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(SentenceColumn) - 1))

    def row_of(self, sentence_id: int) -> int:
        return self._row_of_id.get(sentence_id, -1)

    def sentence_row(self, row: int) -> SentenceRow:
        return self._rows[row]

    def _suggested_tag(self, row: SentenceRow) -> Tag | None:
        if row.review.is_reviewed:  # decided already (e.g. "nothing to check"): no nudging
            return None
        found = self._suggestions.get(row.sentence.id)
        return found.suggestion.tag if found is not None else None

    def _spoken_row(self, number: int, row: SentenceRow) -> str:
        """The whole row in words, for the cell a screen reader lands on: the list moves a
        row at a time with its first cell current, and a screen reader said "3" for the
        third sentence, nothing of its tag, verdict, status or words."""
        review = row.review
        hint = self._suggested_tag(row)
        tag = f"suggested {hint.label}" if hint and not review.tag else tag_words(review)
        status = self._status_text(row, whole=True)
        said = [tag, verdict_label(review.verdict) or "", status or Status.UNREVIEWED.label]
        words = bidi_neutral(one_line(row.sentence.text))
        return f"Sentence {number + 1}: {', '.join(part for part in said if part)}. {words}"

    @staticmethod
    def _status_text(row: SentenceRow, *, whole: bool) -> str:
        """The Status column's text: the review's status and the editor's sign-off,
        which says more than "Done"; "" for a sentence not reviewed. `whole` (the
        tooltip, a screen reader) says both in full ("Conflict · Approved"); the list's
        narrow column says the one word that asks for action (see LIST_STATUS_WORDS)."""
        status = row.review.status
        word = status.label if whole else list_status_word(status)
        if row.sign_off is not None:
            decision = row.sign_off.decision.label
            if status is Status.DONE:
                return decision
            if whole:
                return f"{word} · {decision}"
            # A conflict is decided first; else the editor's word awaits an answer.
            return word if status is Status.CONFLICT else decision
        return "" if status is Status.UNREVIEWED else word

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _SENTENCE_COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return SENTENCE_HEADERS.get(SentenceColumn(section)) if 0 <= section < 5 else None
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # A repaint asks each cell for seven roles, three of which are never answered.
        if role not in _SENTENCE_ROLES or not index.isValid():
            return None
        if not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        review = row.review
        if role == ACCESSIBLE_TEXT:
            if column == SentenceColumn.NUMBER:
                return self._spoken_row(index.row(), row)
            # A screen reader read the faint "Claim?" as "Claim question mark".
            hint = self._suggested_tag(row) if column == SentenceColumn.TAG else None
            if hint is not None and not review.tag:
                return f"Suggested: {hint.label}"
            if column == SentenceColumn.STATUS:  # in full, as the tooltip
                return self._status_text(row, whole=True)
            if column == SentenceColumn.TAG:
                return tag_words(review)
            return self.data(index, DISPLAY)
        if role == TOOLTIP and column == SentenceColumn.STATUS:
            # In full, as the Status box says it ("Needs second look", not "Second look").
            return self._status_text(row, whole=True) or None
        if (
            role == TOOLTIP
            and column in _LABEL_COLUMNS
            and not (column == SentenceColumn.TAG and not review.tag)
        ):
            # A narrow list (a large font, a small screen) cuts these short: "Mostly…".
            return self.data(index, DISPLAY) or None
        if role == TOOLTIP and column == SentenceColumn.TAG and not self._suggested_tag(row):
            # The empty cell of an untagged sentence and of one marked with X, told apart.
            return tag_words(review)
        if role == DISPLAY:
            if column == SentenceColumn.NUMBER:
                return str(index.row() + 1)
            if column == SentenceColumn.TAG:
                if review.tag:
                    return review.tag.label
                hint = self._suggested_tag(row)
                return f"{hint.label}?" if hint else ""
            if column == SentenceColumn.VERDICT:
                return verdict_label(review.verdict) or ""
            if column == SentenceColumn.STATUS:
                return self._status_text(row, whole=False)
            if column == SentenceColumn.TEXT:
                # One line per row; the full text is in the article view and the tooltip.
                return bidi_neutral(one_line(row.sentence.text))
        if role == TOOLTIP and column == SentenceColumn.TEXT:
            text = row.sentence.text
            return plain_tooltip(text if len(text) <= CELL_CHARS else one_line(text))
        if role == TOOLTIP and column == SentenceColumn.TAG and self._suggested_tag(row):
            found = self._suggestions.get(row.sentence.id)
            if found is not None:
                note = f"\n{found.suggestion.note}" if found.suggestion.note else ""
                denied = found.denies_sentence_id
                answers = -1 if denied is None else self.row_of(denied)
                return plain_tooltip(
                    f"{suggestion_text(found, answers)}\n{worth_checking_text(found)}\n"
                    "Press A to accept." + note
                )
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == SentenceColumn.TAG
            and not review.tag
            and self._suggested_tag(row)
        ):
            # A suggestion, not a decision: faint, yet readable on the theme's base.
            return faint_brush(QGuiApplication.palette().color(QPalette.ColorRole.Base).rgb())
        if role == BACKGROUND:
            if column == SentenceColumn.TAG and review.tag:
                return tinted(TAG_COLOURS[review.tag])
            if column == SentenceColumn.VERDICT and review.verdict in VERDICT_COLOURS:
                return tinted(VERDICT_COLOURS[review.verdict])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SentenceColumn.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.SentenceIdRole:
            return row.sentence.id
        if role == self.RowRole:
            return row
        if role == self.CheckworthinessRole:
            found = self._suggestions.get(row.sentence.id)
            return found.suggestion.checkworthiness if found is not None else 0.0
        return None


_SENTENCE_COLUMNS = len(SentenceColumn)
_LABEL_COLUMNS = (SentenceColumn.TAG, SentenceColumn.VERDICT, SentenceColumn.STATUS)
# The roles SentenceTableModel.data answers.
_SENTENCE_ROLES = frozenset(
    {
        DISPLAY,
        TOOLTIP,
        ACCESSIBLE_TEXT,
        BACKGROUND,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        SentenceTableModel.SentenceIdRole,
        SentenceTableModel.RowRole,
        SentenceTableModel.CheckworthinessRole,
    }
)


class SentenceFilter(IntEnum):
    ALL = 0
    TAGGED = 1
    UNREVIEWED = 2
    CLAIMS = 3
    DENIALS = 4
    FACTS = 5
    CHECKWORTHY = 6  # all sentences, most check-worthy first
    CONFLICTS = 7  # reviewers disagree (after a merge) and nobody decided yet
    AWAITING_SIGN_OFF = 8  # done with a verdict, not yet signed off by an editor
    RETURNED = 9  # returned by an editor with a note


FILTER_LABELS = {
    SentenceFilter.ALL: "All sentences",
    SentenceFilter.TAGGED: "Tagged only",
    SentenceFilter.UNREVIEWED: "Not yet done",
    SentenceFilter.CLAIMS: "Claims",
    SentenceFilter.DENIALS: "Denials",
    SentenceFilter.FACTS: "Facts",
    SentenceFilter.CONFLICTS: "Conflicts",
    SentenceFilter.AWAITING_SIGN_OFF: "Awaiting sign-off",
    SentenceFilter.RETURNED: "Returned",
    SentenceFilter.CHECKWORTHY: "All, most check-worthy first",  # an order: kept last
}
_SIGN_OFF_OF_FILTER = {
    SentenceFilter.AWAITING_SIGN_OFF: SignOffState.AWAITING,
    SentenceFilter.RETURNED: SignOffState.RETURNED,
}
_TAG_OF_FILTER = {
    SentenceFilter.CLAIMS: Tag.CLAIM,
    SentenceFilter.DENIALS: Tag.DENIAL,
    SentenceFilter.FACTS: Tag.FACT,
}


class SentenceFilterModel(QSortFilterProxyModel):
    """Shows all sentences, only tagged ones, only those not done, one tag, or those
    awaiting an editor's sign-off or returned by one."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._mode = SentenceFilter.ALL
        # Reviews change under the filter while reviewing: keep rows visible until the
        # filter is chosen again, so the current sentence never vanishes under the cursor.
        self.setDynamicSortFilter(False)
        # The sentence kept listed while the article is read again under the reviewer
        # (`keep_listed`).
        self._kept: int | None = None

    @property
    def mode(self) -> SentenceFilter:
        return self._mode

    def keep_listed(self, sentence_id: int | None) -> None:
        """List `sentence_id` whatever the choice while rows are filtered (None: no
        more): the current sentence, listed as the reviewer changed it, through the
        article read again (`EditSlots.show_as_saved`), as the filter keeps it while
        reviewing until the box is chosen again."""
        self._kept = sentence_id

    def set_mode(self, mode: SentenceFilter) -> None:
        self.beginFilterChange()
        self._kept = None
        self._mode = mode
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        if mode is SentenceFilter.CHECKWORTHY:
            self.setSortRole(SentenceTableModel.CheckworthinessRole)
            self.sort(0, Qt.SortOrder.DescendingOrder)  # stable: ties keep reading order
        else:
            self.sort(-1)  # reading order

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """The roles a cell's paint asks for (seven: font, alignment, colours, text...) in
        one call into Python, not seven: Qt's own multiData asked `data` once a role, each
        through `mapToSource` and the list's `index`, which asked its `rowCount` and
        `columnCount` again, 21 calls into Python a cell. The same answers as `data`."""
        model = self.sourceModel()
        span: Any = roleDataSpan  # indexable at run time; its stub says it is not
        size = getattr(span, "size", None)  # a single QModelRoleData has none
        source = self.mapToSource(index)
        if size is None or not isinstance(model, SentenceTableModel) or not source.isValid():
            super().multiData(index, roleDataSpan)
            return
        data = model.data
        for number in range(size()):
            role_data = span[number]
            role_data.setData(data(source, role_data.role()))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._mode in (SentenceFilter.ALL, SentenceFilter.CHECKWORTHY):
            return True
        model = self.sourceModel()
        if not isinstance(model, SentenceTableModel):
            return True
        row = model.sentence_row(source_row)
        return row.sentence.id == self._kept or self.lists(row)

    def lists(self, row: SentenceRow) -> bool:
        """Whether the Show box's choice lists `row` (one not yet in the model too)."""
        if self._mode in (SentenceFilter.ALL, SentenceFilter.CHECKWORTHY):
            return True
        review = row.review
        if self._mode in _SIGN_OFF_OF_FILTER:
            return sign_off_state(review, row.sign_off) is _SIGN_OFF_OF_FILTER[self._mode]
        if self._mode is SentenceFilter.TAGGED:
            return review.tag is not None
        if self._mode is SentenceFilter.UNREVIEWED:
            return not review.is_reviewed
        if self._mode is SentenceFilter.CONFLICTS:
            return review.status is Status.CONFLICT
        return review.tag is _TAG_OF_FILTER[self._mode]


def _site_line(url: str) -> str:
    """The site's name in its own script, on a line of its own ("Site: straße.de"), when
    the stored address has it in ASCII (xn--strae-oqa.de, as browsers open it); else "".
    The address stays above it: a name can look like another site's, its address cannot."""
    # Read at the first tooltip, not at start: its IDNA tables (encodings.idna, stringprep)
    # were 1.8 % of the start-up's instructions (bench/bench_instructions.py).
    from factcheck_app.domain.urls import shown_host

    site = shown_host(url)
    if site is None or site.isascii():
        return ""
    # Each right-to-left label set apart: "نامه‌ای.123abc.com" took the next label's
    # digits into its run and read "123.نامه‌ایabc.com", an order the address lacks.
    return "\nSite: " + ".".join(set_apart(label) for label in site.split("."))


class SourceLinkModel(QAbstractListModel):
    """The sources linked to the current sentence."""

    LinkRole = USER + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._links: list[SourceLink] = []

    def set_links(self, links: Sequence[SourceLink]) -> None:
        if not links and not self._links:
            return  # most sentences have none: no reset, no repaint on every key press
        self.beginResetModel()
        self._links = list(links)
        self.endResetModel()

    def link_at(self, row: int) -> SourceLink:
        return self._links[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._links)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._links):
            return None
        link = self._links[index.row()]
        source = link.source
        if role == DISPLAY:
            name = source.name
            publisher = f" — {source.publisher}" if source.publisher else ""
            # In its stored order: an override in a title showed the words after it reversed.
            return bidi_neutral(one_line(f"[{link.stance.label}] {name}{publisher}"))
        if role == TOOLTIP:
            accessed = source.accessed.isoformat() if source.accessed else "unknown"
            excerpt = f"\n“{link.excerpt[:TOOLTIP_CHARS]}”" if link.excerpt else ""
            # Composed, so that the site line's isolates stay; the address and excerpt,
            # as stored (another program's too), are made safe here.
            address = bidi_neutral(source.url[:TOOLTIP_CHARS])
            return plain_tooltip(
                f"{address}{_site_line(source.url)}\nAccessed {accessed}{bidi_neutral(excerpt)}",
                composed=True,
            )
        if role == self.LinkRole:
            return link
        return None
