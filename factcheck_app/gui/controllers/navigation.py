"""Moving through the open article's sentences: next, previous, next unreviewed, next most
check-worthy, a click in the text, and the sentence filter; and from conflict to conflict
across the workspace."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QObject

from factcheck_app.domain.models import ArticleSummary, SentenceRow
from factcheck_app.domain.wording import counted, figure
from factcheck_app.gui.actions import SPECS, ActionId, key_text
from factcheck_app.gui.controllers.guards import tell_no_articles, tell_none_listed
from factcheck_app.gui.messages import STATUS_HINT, STATUS_LONG, STATUS_NOTE
from factcheck_app.gui.models import SentenceFilter

if TYPE_CHECKING:
    from factcheck_app.gui.main_window import MainWindow


class Navigation(QObject):
    """Which sentence is current, moved by keys, clicks and the filter."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._checkworthy_walk: int | None = None  # where the last Shift+N went
        self._offered_article: int | None = None  # the article N offered to go on to
        # The sentence a Show choice hid, and the one it put in its place (None: it
        # listed none): a later choice that lists the hidden one goes back to it.
        self._show_place: tuple[int, int | None] | None = None

    def move_current(self, step: int) -> None:
        view, proxy = self._window.sentence_view, self._window.sentence_filter
        count = proxy.rowCount()
        if count == 0:
            tell_none_listed(self._window)  # the Show box's choice left none to move to
            return
        current = view.currentIndex()
        row = current.row() + step if current.isValid() else 0
        row = max(0, min(count - 1, row))
        index = proxy.index(row, 0)
        view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        view.scrollTo(index)

    def go_first(self) -> None:
        self.move_current(-self._window.sentence_filter.rowCount())

    def go_last(self) -> None:
        self.move_current(self._window.sentence_filter.rowCount())

    def go_next_unreviewed(self) -> None:
        window = self._window
        if tell_no_articles(window):
            return
        target = window.desk.reviews.next_unreviewed(
            window.sentence_model.rows(), window.current_sentence_id()
        )
        if target is not None:
            self._offered_article = None
            window.select_sentence(target)
            return
        # The current sentence is never the next one: when it is the one left (an article
        # of one sentence, or the one skipped), it was called done with the rest.
        here_left = self._current_not_done()
        offer = self._next_article_with_work()
        if offer is None:
            window.statusBar().showMessage(
                "This is the only sentence not yet done, in every article."
                if here_left
                else "Every sentence of every article is done.",
                STATUS_NOTE,
            )
        elif offer.id == self._offered_article:
            self._offered_article = None
            window.open_article(offer.id)  # on its first sentence not yet done
        else:
            self._offered_article = offer.id
            left = offer.sentence_count - offer.reviewed_count
            title = offer.title if len(offer.title) <= 60 else offer.title[:59] + "…"
            here = (
                "This is the last sentence of this article not yet done."
                if here_left
                else "Every sentence of this article is done."
            )
            window.statusBar().showMessage(
                f"{here} N again opens “{title}” ({left} to do).", STATUS_LONG
            )

    def _current_not_done(self) -> bool:
        """Whether the current sentence's review is not done yet."""
        window = self._window
        current = window.current_sentence_id()
        return current is not None and any(
            row.sentence.id == current and not row.review.is_reviewed
            for row in window.sentence_model.rows()
        )

    def _next_article_with_work(self) -> ArticleSummary | None:
        """The next article in the list (after the open one, round) with sentences to do."""
        window = self._window
        articles = [
            window.article_model.article_at(row) for row in range(window.article_model.rowCount())
        ]
        start = next((i for i, a in enumerate(articles) if a.id == window.article_id), -1)
        for article in articles[start + 1 :] + articles[: max(start, 0)]:
            if article.reviewed_count < article.sentence_count:
                return article
        return None

    def go_next_checkworthy(self) -> None:
        """Shift+N: the most check-worthy sentence not done yet; pressed again from there,
        the next one down the ranking (the walk starts at the top, wherever the reviewer
        was: from sentence 1 it used to go on to the *least* check-worthy ones)."""
        window = self._window
        if tell_no_articles(window):
            return
        model = window.sentence_model
        rows = model.rows()
        suggestions = {
            r.sentence.id: s for r in rows if (s := model.suggestion(r.sentence.id)) is not None
        }
        if not suggestions:
            window.suggestions.hurry()
            window.statusBar().showMessage("Suggestions are still being computed.", STATUS_HINT)
            return
        # Imported by now: the suggestions above were computed with it (not at start-up).
        from factcheck_app.services.assist import checkworthy_sentence_ids

        done = {r.sentence.id for r in rows if r.review.is_reviewed}
        ranked = checkworthy_sentence_ids(rows, suggestions)
        checkworthy = [i for i in ranked if i not in done]
        current = window.current_sentence_id()
        order = checkworthy
        if current is not None and current == self._checkworthy_walk and current in order:
            position = order.index(current)
            order = order[position + 1 :] + order[:position]
        else:
            order = [i for i in order if i != current]
        if not order:
            window.statusBar().showMessage(
                _nothing_further(rows, done, current, current in checkworthy, bool(ranked)),
                STATUS_NOTE,
            )
            return
        self._checkworthy_walk = order[0]
        window.select_sentence(order[0])

    def go_to_conflict(self, forward: bool = True) -> None:
        """F8 (Shift+F8): the next (previous) sentence whose reviewers disagree, in this
        article or the next one in the list that has one, going round the end of the list
        (said in the status bar). One indexed query: no article is read to find it."""
        window = self._window
        if not window.has_desk():
            return
        place = window.desk.reviews.next_conflict(
            window.article_id, window.current_sentence_id(), forward=forward
        )
        status = window.statusBar()
        if place is None:
            status.showMessage("No conflicts left to decide.", STATUS_NOTE)
            return
        here = window.current_sentence_id()
        if place.article_id != window.article_id:
            window.open_article(place.article_id, place.sentence_id)
        else:
            window.select_sentence(place.sentence_id)
        window.sentence_view.setFocus()
        if place.sentence_id == here:
            status.showMessage("This is the only conflict left to decide.", STATUS_NOTE)
            return
        versions = key_text(SPECS[ActionId.FOCUS_VERSIONS])
        left = (
            f"{counted(place.left, 'conflict')} left to decide. "
            f"{versions} chooses among the versions."
        )
        if place.wrapped:
            went = (
                "Past the last conflict: back to the first."
                if forward
                else "Past the first conflict: back to the last."
            )
            left = f"{went} {left}"
        status.showMessage(left, STATUS_LONG)

    def text_clicked(self, offset: int) -> None:
        """A click in the article text makes the sentence under it current."""
        for row in self._window.sentence_model.rows():
            if row.sentence.start <= offset <= row.sentence.end:
                self._window.select_sentence(row.sentence.id, move_caret=False)
                return

    def apply_filter(self, index: int) -> None:
        """Show the sentences of the filter box's entry `index`, keeping the current one;
        one it hides gives way to the nearest it lists after it (else before it), and is
        gone back to when a later choice lists it again: arrowing through the box past
        "Tagged only" left the reviewer at sentence 6 on sentence 1."""
        window = self._window
        model, proxy, view = window.sentence_model, window.sentence_filter, window.sentence_view
        keep = window.current_sentence_id()
        if self._show_place is not None and keep == self._show_place[1]:
            keep = self._show_place[0]  # not moved since a choice hid it
        self._show_place = None
        mode = SentenceFilter(window.filter_box.itemData(index))
        proxy.set_mode(mode)
        if mode is SentenceFilter.CHECKWORTHY:
            window.suggestions.hurry()  # the order is theirs: sorted again when they come
        source_row = model.row_of(keep) if keep is not None else -1
        listed = proxy.rowCount()
        if keep is not None and source_row >= 0 and listed:
            shown = proxy.mapFromSource(model.index(source_row, 0))
            if not shown.isValid():
                # A choice that hides sentences lists the rest in reading order: the
                # first listed after it (a halving search: 10,000 rows), else the last.
                after = bisect_right(
                    range(listed),
                    source_row,
                    key=lambda r: proxy.mapToSource(proxy.index(r, 0)).row(),
                )
                shown = proxy.index(min(after, listed - 1), 0)
            view.setCurrentIndex(shown)
            if window.current_sentence_id() != keep:
                self._show_place = (keep, window.current_sentence_id())
        elif listed:
            view.setCurrentIndex(proxy.index(0, 0))
        else:
            if keep is not None and source_row >= 0:
                self._show_place = (keep, None)
            window.panel.show_sentence(None, [])


def _nothing_further(
    rows: list[SentenceRow],
    done: set[int],
    current: int | None,
    worth_checking: bool,
    any_worth: bool,
) -> str:
    """What Shift+N says when it has no other sentence to go to. The sentences not worth
    checking are not its to visit, but they are not done either: "This is the only sentence
    of this article not yet done" was said on the one check-worthy sentence left beside
    others not yet done, and on a sentence Shift+N never visits; N goes to those.
    ``any_worth``: whether any sentence of the article, done or not, is worth checking."""
    others = sum(1 for r in rows if r.sentence.id not in done and r.sentence.id != current)
    here_undone = current is not None and current not in done
    if not others:
        if here_undone:
            return "This is the only sentence of this article not yet done."
        return "Every sentence of this article is done."
    rest = "the other one" if others == 1 else f"the {figure(others)} others"
    n = key_text(SPECS[ActionId.NEXT_UNREVIEWED])
    if here_undone and worth_checking:
        return (
            "This is the only check-worthy sentence of this article not yet done; "
            f"{n} goes to {rest} not yet done."
        )
    if not any_worth:
        return f"No sentence of this article looks check-worthy; {n} goes to {rest} not yet done."
    return f"Every check-worthy sentence is done; {n} goes to {rest} not yet done."
