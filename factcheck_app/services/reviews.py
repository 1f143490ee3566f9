"""Review edits: tag, verdict, status, claimant and explanation, denials, suggestions
taken, an earlier verdict copied. Each is one undoable step on the edit stack; how the
status follows is decided in `domain/review_rules.py`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from factcheck_app.domain import segmentation
from factcheck_app.domain.errors import (
    ChangedMeanwhile,
    EarlierSentenceGone,
    EditRefused,
    NotFound,
    TextTooLong,
    TypedOverSaved,
)
from factcheck_app.domain.models import VERDICTS_BY_KEY, Review, SentenceRow, Status, Tag
from factcheck_app.domain.printable import typed_line, typed_lines
from factcheck_app.domain.review_rules import (
    accepted,
    copied_verdict,
    given_tag_text,
    status_after_tagging,
    status_after_typing,
    status_after_verdict,
    tag_kept,
    typed_too_long,
)
from factcheck_app.domain.wording import counted
from factcheck_app.services.edits import (
    BatchReviewEdit,
    Change,
    EditStack,
    ReviewChangedMeanwhile,
    ReviewEdit,
    stamp,
)
from factcheck_app.services.importer import cuts_long_sentences
from factcheck_app.services.merge import decide_edit
from factcheck_app.storage.repositories import WorkspaceRepository

TEXT_FIELDS = ("claimant", "explanation")
CONFLICT_REFUSAL = (
    "Reviewers disagree on this sentence: keep one of their reviews (or a combination) "
    "before editing it."
)


_AFTER_EVERY_ARTICLE = 2**62  # an article id after every real one

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _read_again_once(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """An edit made from the review as read, and made once more from it as it is now
    when its transaction found another connection had saved it meanwhile
    (`ReviewChangedMeanwhile`): that save is in by then, so the edit goes on after it
    (refused if it must be: a merge redone put the sentence in conflict; that refusal
    is a `ChangedMeanwhile` in its own words, for the window to show the review as
    saved)."""

    @functools.wraps(method)
    def edit(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except ReviewChangedMeanwhile:
            try:
                return method(*args, **kwargs)
            except NotFound as gone:
                # Its sentence (or the one it points at) taken away meanwhile, its review
                # with it: the change is why. Said as "There is no sentence 5", the window
                # never read the article again and went on listing it, the panel taking
                # typing there. (`gone` stays its cause: typed text says it in its words.)
                raise ChangedMeanwhile(
                    "A sentence this edit was made on was taken away (by another program) "
                    "while it was being saved: nothing was changed. Look at the sentences "
                    "again."
                ) from gone
            except EditRefused as refused:
                # Only a plain refusal (a conflict saved meanwhile): the first try got
                # past it, so the change is why. Said as it was, the list and the panel
                # still showed no conflict to decide. (A text too long, or a review
                # changed again, keep their own kinds: the window handles those.)
                if type(refused) is not EditRefused:
                    raise
                raise ChangedMeanwhile(str(refused)) from refused

    return edit


@dataclass(frozen=True)
class ConflictPlace:
    """Where the next conflict is, whether the way there went round the end of the
    article list, and how many conflicts are left to decide (this one too)."""

    article_id: int
    sentence_id: int
    wrapped: bool
    left: int


class Reviews:
    """The sentences of an article with their reviews, and every edit of a review."""

    def __init__(self, repo: WorkspaceRepository, edits: EditStack) -> None:
        self.repo = repo
        self.edits = edits

    def sentence_rows(self, article_id: int) -> list[SentenceRow]:
        return self.repo.sentences.sentence_rows(article_id)

    def sentence_over_the_cut(self, article_id: int) -> int | None:
        """The length of the article's longest sentence when it is longer than the
        splitter makes them now (`segmentation.MAX_SENTENCE_CHARS`: imported before
        the cut, kept as it was), else None. Each save of its review rewrites its whole
        search row; Edit → Re-split Article… cuts it. An article split since the cut
        (`SEGMENTER_VERSION` "fcdesk-3" on) holds one only as pieces merged back on
        purpose (Ctrl+M), which a re-split would undo: None, and no span read."""
        if cuts_long_sentences(self.repo.articles.segmenter_of(article_id)):
            return None
        longest = self.repo.sentences.longest_span(article_id)
        return longest if longest > segmentation.MAX_SENTENCE_CHARS else None

    def review(self, sentence_id: int) -> Review:
        return self.repo.reviews.get_review(sentence_id)

    def article_of(self, sentence_id: int) -> int | None:
        """The article a sentence is in (cheap: no text read); None when it is gone."""
        try:
            return self.repo.sentences.article_of_sentence(sentence_id)
        except NotFound:
            return None

    def source_count(self, sentence_id: int) -> int:
        """How many sources are linked to the sentence."""
        return self.repo.sources.source_count(sentence_id)

    def _current_review(self, sentence_id: int) -> tuple[int, Review]:
        """(article id, review) of an existing sentence; NotFound for an unknown id."""
        return self.repo.sentences.article_of_sentence(sentence_id), self.repo.reviews.get_review(
            sentence_id
        )

    def _edit_review(
        self,
        article_id: int,
        before: Review,
        after: Review,
        description: str,
        merge_key: str | None = None,
    ) -> Change | None:
        """Push the edit from `before` (as `_current_review` read it) to `after`."""
        if after.content_fields() == before.content_fields():
            return None
        if after.status is Status.CONFLICT:
            # Only a merge puts a sentence in conflict, and only deciding takes it out: an
            # edit that leaves it there would be one more reviewer's view nobody compared.
            raise EditRefused(CONFLICT_REFUSAL)
        edit = ReviewEdit(
            article_id, before, stamp(after, self.edits.actor), description, merge_key
        )
        return self.edits.push(edit)

    @_read_again_once
    def set_tag(self, sentence_id: int, tag: Tag | None) -> Change | None:
        """Tag a sentence. Clearing the tag means "nothing to check here": the sentence is done."""
        article_id, review = self._current_review(sentence_id)
        after = review.edited(tag=tag, status=status_after_tagging(review, tag))
        # Said by Ctrl+Z and in the history: "Tag as none" was no name a key, button or
        # menu item goes by; X is "Nothing to check" everywhere.
        description = f"Tag as {tag.label}" if tag else "Nothing to check"
        return self._edit_review(article_id, review, after, description)

    @_read_again_once
    def set_verdict(self, sentence_id: int, verdict: str | None) -> Change | None:
        """Record the verdict; a verdict completes the review unless it awaits a second look."""
        if verdict is not None and verdict not in VERDICTS_BY_KEY:
            raise EditRefused(f"Unknown verdict {verdict!r}.")
        article_id, review = self._current_review(sentence_id)
        after = review.edited(verdict=verdict, status=status_after_verdict(review, verdict))
        label = VERDICTS_BY_KEY[verdict].label if verdict else "none"
        return self._edit_review(article_id, review, after, f"Verdict: {label}")

    @_read_again_once
    def set_status(self, sentence_id: int, status: Status) -> Change | None:
        if not status.settable:
            raise EditRefused(
                "A sentence is in conflict only when a merge finds reviewers disagree."
            )
        article_id, review = self._current_review(sentence_id)
        if review.status is Status.CONFLICT:
            raise EditRefused(CONFLICT_REFUSAL)
        return self._edit_review(
            article_id, review, review.edited(status=status), f"Status: {status.label}"
        )

    @_read_again_once
    def set_text_field(
        self, sentence_id: int, field_name: str, value: str, typed_over: str | None = None
    ) -> Change | None:
        """Claimant or explanation; consecutive typing in one field is one undo step. Saved
        as its field shows it: a claimant one line (`typed_line`), an explanation with each
        line break one "\n" (`typed_lines`).

        `typed_over`: what the field held when the typing began (None: not asked). When
        it holds other text now, saved by another connection since, `TypedOverSaved`:
        text that waited unsaved (too long, no room on the disk) went over that save when
        it was saved at last. Checked against the review the edit's own transaction
        checks again (`ReviewChangedMeanwhile`, read again once)."""
        if field_name not in TEXT_FIELDS:
            raise EditRefused(f"{field_name!r} is not a text field of a review.")
        value = typed_line(value) if field_name == "claimant" else typed_lines(value)
        article_id, review = self._current_review(sentence_id)
        saved = getattr(review, field_name)
        if typed_over is not None and saved not in (typed_over, value):
            raise TypedOverSaved(field_name, saved)
        refused = typed_too_long(field_name, value, getattr(review, field_name))
        if refused is not None:
            raise TextTooLong(refused)
        after = review.edited(**{field_name: value, "status": status_after_typing(review, value)})
        return self._edit_review(
            article_id, review, after, f"Edit {field_name}", merge_key=f"{sentence_id}:{field_name}"
        )

    @_read_again_once
    def accept_suggestion(
        self, sentence_id: int, tag: Tag | None, claimant: str, denies_sentence_id: int | None
    ) -> Change | None:
        """Take the assist's suggestion as one undoable edit: the tag, the claimant when none
        was typed yet, and for a denial the claim it answers when none was chosen. A tag
        already given, or "nothing to check", is the reviewer's: refused, never replaced."""
        article_id, review = self._current_review(sentence_id)
        if tag_kept(review, tag):
            raise EditRefused(
                f"This sentence is already {given_tag_text(review)}: "
                "accepting a suggestion never changes a tag given, nor ends a check begun."
            )
        after = accepted(review, tag, claimant, denies_sentence_id)
        label = tag.label if tag else "nothing to check"
        return self._edit_review(article_id, review, after, f"Accept suggestion ({label})")

    @_read_again_once
    def accept_suggestions(
        self, article_id: int, picks: Sequence[tuple[int, Tag, str, int | None]]
    ) -> Change | None:
        """Accept many suggestions (sentence, tag, claimant, denied claim) as ONE undo step;
        sentences the reviewer already tagged, or marked "nothing to check", are left as
        they are (`tag_kept`, as A leaves them)."""
        edits: list[ReviewEdit] = []
        taken: set[int] = set()  # sentences with an edit already (a set: 5,000 picks)
        for sentence_id, tag, claimant, denies in picks:
            if sentence_id in taken:
                continue  # one suggestion a sentence: a second was made from its review unsaved
            review = self.repo.reviews.get_review(sentence_id)
            if review.tag is not None or tag_kept(review, tag) or review.status is Status.CONFLICT:
                continue
            after = stamp(accepted(review, tag, claimant, denies), self.edits.actor)
            edits.append(ReviewEdit(article_id, review, after, "Accept suggestion"))
            taken.add(sentence_id)
        if not edits:
            return None
        return self.edits.push(
            BatchReviewEdit(article_id, edits, f"Accept {counted(len(edits), 'suggestion')}")
        )

    @_read_again_once
    def set_denies(self, sentence_id: int, denied_sentence_id: int | None) -> Change | None:
        article_id, review = self._current_review(sentence_id)
        if denied_sentence_id is not None and (
            denied_sentence_id == sentence_id
            or self.repo.sentences.article_of_sentence(denied_sentence_id) != article_id
        ):
            raise EditRefused("A denial can only point at another sentence of its article.")
        return self._edit_review(
            article_id,
            review,
            review.edited(denies_sentence_id=denied_sentence_id),
            "Link denied claim",
        )

    @_read_again_once
    def copy_verdict(self, sentence_id: int, from_sentence_id: int) -> Change | None:
        """Give a sentence the verdict of an earlier one, as one undo step: its tag and
        verdict, and its claimant and explanation where this sentence has none yet (what
        the reviewer typed is never overwritten)."""
        article_id, review = self._current_review(sentence_id)
        if not self.repo.sentences.sentence_exists(from_sentence_id):
            raise EarlierSentenceGone  # read as no review, it had "no verdict to copy"
        earlier = self.repo.reviews.get_review(from_sentence_id)
        if not earlier.verdict:
            raise EditRefused("That sentence has no verdict to copy.")
        title = self.repo.articles.get_article(
            self.repo.sentences.article_of_sentence(from_sentence_id)
        ).title
        return self._edit_review(
            article_id, review, copied_verdict(review, earlier), f"Copy verdict from “{title}”"
        )

    def decide(self, sentence_id: int, review: Review) -> Change:
        """Decide a sentence in conflict: `review` (one reviewer's version, or a
        combination, see domain/merge_rules.combination) becomes its decided review, as
        one undo step with a history entry; every reviewer's version stays as it is, but
        that a reviewer's own version made on another desk, kept whole, becomes hers
        (merge.DecideEdit)."""
        return self.edits.push(decide_edit(self.repo, sentence_id, review))

    def next_conflict(
        self, article_id: int | None, sentence_id: int | None, *, forward: bool = True
    ) -> ConflictPlace | None:
        """The next sentence in conflict (the previous one, `forward` False) anywhere in
        the workspace, from sentence `sentence_id` of article `article_id` (None: before
        its first sentence; no article: from the start, or the end), in the article
        list's order, going round the end; None when no conflict is left to decide. One
        query on the reviews' status index, however big the workspace."""
        if article_id is None:
            article_id = -1 if forward else _AFTER_EVERY_ARTICLE
        found = self.repo.reviews.conflict_from(article_id, sentence_id, forward=forward)
        if found is None:
            return None
        article, sentence, wrapped, left = found
        return ConflictPlace(article, sentence, wrapped=wrapped, left=left)

    @staticmethod
    def next_unreviewed(rows: Iterable[SentenceRow], after_sentence_id: int | None) -> int | None:
        """The next sentence (wrapping round) whose review is not done."""
        ordered = list(rows)
        start = 0
        for index, row in enumerate(ordered):
            if row.sentence.id == after_sentence_id:
                start = index + 1
                break
        for row in ordered[start:] + ordered[:start]:
            if not row.review.is_reviewed and row.sentence.id != after_sentence_id:
                return row.sentence.id
        return None
