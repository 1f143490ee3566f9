"""Table models over sentences found anywhere in the workspace: search results and
earlier verdicts. Both show plain text only (article and typed text are never markup)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from factcheck_app.domain.models import (
    EarlierVerdict,
    FoundSentence,
    SearchHit,
    rating_label,
)
from factcheck_app.gui.models import (
    BACKGROUND,
    DISPLAY,
    TAG_COLOURS,
    TOOLTIP,
    USER,
    VERDICT_COLOURS,
    Index,
    plain_tooltip,
    tinted,
)

Item = TypeVar("Item", SearchHit, EarlierVerdict)
# A column: header, the text it shows, and the colour it is tinted with (or None).
Column = tuple[str, Callable[[Any], str], Callable[[Any], str | None]]
ONE_LINE = 200  # characters of a sentence shown in a cell; the tooltip has all of it


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= ONE_LINE else flat[: ONE_LINE - 1] + "…"


def _tag(found: FoundSentence) -> str:
    tag = found.row.review.tag
    return tag.label if tag else ""


def _tag_colour(found: FoundSentence) -> str | None:
    tag = found.row.review.tag
    return TAG_COLOURS[tag] if tag else None


def _verdict(found: FoundSentence) -> str:
    rating = found.row.review.rating
    return (rating_label(rating) or rating) if rating else ""


def _verdict_colour(found: FoundSentence) -> str | None:
    rating = found.row.review.rating
    return VERDICT_COLOURS.get(rating) if rating else None


def _none(_found: FoundSentence) -> None:
    return None


FOUND_COLUMNS: tuple[Column, ...] = (
    ("Sentence", lambda f: _one_line(f.row.sentence.text), _none),
    ("Tag", _tag, _tag_colour),
    ("Verdict", _verdict, _verdict_colour),
    ("Claimant", lambda f: f.row.review.claimant, _none),
    ("Article", lambda f: _one_line(f.article_title), _none),
)


class FoundSentenceModel(QAbstractTableModel, Generic[Item]):
    """Rows of found sentences; subclasses add their own leading column."""

    SentenceIdRole = USER + 1
    ArticleIdRole = USER + 2
    lead: Column

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Item] = []
        self._columns = (self.lead, *FOUND_COLUMNS)

    def set_items(self, items: Sequence[Item]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

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
            role == DISPLAY
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section][0]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        _header, text, colour = self._columns[index.column()]
        found = item.found
        if role == DISPLAY:
            return text(item) if index.column() == 0 else text(found)
        if role == TOOLTIP:
            return plain_tooltip(
                f"{found.row.sentence.text}\n\nArticle: {found.article_title}"
                + (f"\nClaimant: {found.row.review.claimant}" if found.row.review.claimant else "")
            )
        if role == BACKGROUND:
            tint = colour(item) if index.column() == 0 else colour(found)
            return tinted(tint) if tint else None
        if role == self.SentenceIdRole:
            return found.row.sentence.id
        if role == self.ArticleIdRole:
            return found.row.sentence.article_id
        return None


class SearchResultModel(FoundSentenceModel[SearchHit]):
    """Workspace search results, best match first."""

    lead = ("Found in", lambda hit: ", ".join(hit.matched_in), lambda _hit: None)


def earlier_verdict_summary(verdict: EarlierVerdict) -> str:
    """Two lines for the narrow review panel: how alike and what was decided, then the
    sentence itself."""
    found = verdict.found
    parts = [f"{verdict.similarity:.0%} alike", _verdict(found), _tag(found)]
    if found.row.review.claimant:
        parts.append(found.row.review.claimant)
    return " · ".join(p for p in parts if p) + "\n" + _one_line(found.row.sentence.text)


class EarlierVerdictModel(FoundSentenceModel[EarlierVerdict]):
    """Judged sentences resembling the current one, most alike first. The panel shows the
    first column only (a two-line summary, tinted by the verdict)."""

    lead = ("Earlier verdict", earlier_verdict_summary, lambda v: _verdict_colour(v.found))
