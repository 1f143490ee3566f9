"""Where sentences begin and end: merge two, split one, or split a whole article again
with this version's splitter. Each is one undoable step, and no review work is lost: a
review that would land on a sentence that has one is merged into it
(`domain/review_rules.merge_reviews`)."""

from __future__ import annotations

import dataclasses
import functools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import ParamSpec, TypeVar

from factcheck_app.domain.errors import ChangedMeanwhile, EditRefused, NotFound
from factcheck_app.domain.langid import detect_language
from factcheck_app.domain.models import Review, Sentence, SentenceRow, SourceLink, Status
from factcheck_app.domain.printable import shown_line, typed_lines
from factcheck_app.domain.review_rules import LONGEST_TEXT, merge_reviews, stance_note
from factcheck_app.domain.segmentation import paragraphs_begun, split_sentences
from factcheck_app.domain.wording import counted
from factcheck_app.services.edits import (
    Change,
    EditStack,
    SentencesChangedMeanwhile,
    SentenceSnapshot,
    StructuralEdit,
    moved_versions,
    stamp,
)
from factcheck_app.services.importer import SEGMENTER_VERSION
from factcheck_app.storage.repositories import WorkspaceRepository

NOTHING_TO_RESPLIT = "Re-splitting would not change any sentence of this article."


class NothingToResplit(EditRefused):
    """Re-splitting would change no sentence of the article: nothing to do, now or later.
    Told by its type, never by its words (a window that asks after a new language says
    nothing of re-splitting later then)."""


class SplitPart(StrEnum):
    """Which part of a split sentence keeps its review."""

    FIRST = "first"
    SECOND = "second"


class SourcesTo(StrEnum):
    """Where a split sentence's linked sources go."""

    BOTH = "both"
    FIRST = "first"
    SECOND = "second"


def _merged(first: Review, second: Review) -> Review:
    """One reviewer's two versions joined as the decided reviews are (nothing dropped)."""
    return merge_reviews(first, second)[0]


def joined_links(
    kept: list[SourceLink], carried: list[SourceLink], sentence_id: int, *, copies: bool = False
) -> tuple[list[SourceLink], set[int]]:
    """`kept`'s links with `carried`'s moved onto `sentence_id` (id 0 if `copies`), and the
    sources of `carried` joined into a link of `kept` to the same source (one sentence
    links a source once): its excerpt added to the kept one's and a stance of its own
    noted after it, as a merged review's words are carried into the explanation. Before,
    the second sentence's link was dropped: its quoted excerpt and its stance ("Refutes"
    beside the first's "Supports") were gone without a word."""
    links = list(kept)
    at = {link.source.id: index for index, link in enumerate(links)}
    joined: set[int] = set()
    for link in carried:
        index = at.get(link.source.id)
        if index is None:
            at[link.source.id] = len(links)
            links.append(
                dataclasses.replace(link, id=0 if copies else link.id, sentence_id=sentence_id)
            )
            continue
        there = links[index]
        excerpt = there.excerpt
        # Each of its paragraphs not written twice when the first's has it whole (as a
        # page both link with the same words, or the quote and note of a merge before):
        # not when its words are only somewhere in the first's ("2,000 marched" inside
        # "12,000 marched" was dropped). A paragraph the first's quotes twice is there
        # for two of the second's.
        # Compared without the spaces around them, carried as quoted: an indented table
        # row or line of code lost its indent, out of line with the rest of the quote.
        have = Counter(_excerpt_paragraphs(excerpt))
        added = []
        for paragraph in _quoted_paragraphs(link.excerpt):
            if have[paragraph.strip()]:
                have[paragraph.strip()] -= 1
            else:
                added.append(paragraph)
        if added:
            excerpt = "\n\n".join(p for p in (excerpt, *added) if p.strip())
        note = stance_note(link.stance)
        # The same note again said nothing more (a split, its stance set back, merged).
        if link.stance is not there.stance and note not in _excerpt_paragraphs(excerpt):
            excerpt += ("\n\n" if excerpt.strip() else "") + note
        if excerpt != there.excerpt:
            links[index] = dataclasses.replace(there, excerpt=typed_lines(excerpt))
            joined.add(link.source.id)
    return links, joined


def joined_numbers(numbers: tuple[int, int] | None) -> str:
    """The sentences a re-split joins, by their numbers in the list ("sentences 4 and 5",
    "sentences 4 to 6"), for its refusals: "the two explanations" of an article of
    hundreds left the reviewer to find which. "" for Merge with Next (the one selected
    and the next)."""
    if numbers is None:
        return ""
    first, last = numbers
    if first == last:
        return f"sentence {first:,}"
    return f"sentences {first:,} {'and' if last == first + 1 else 'to'} {last:,}"


def _excerpt_paragraphs(excerpt: str) -> list[str]:
    """An excerpt's paragraphs as `joined_links` compares them: as typed text is saved,
    split at blank lines, each without the spaces around it."""
    return [p.strip() for p in _quoted_paragraphs(excerpt)]


def _quoted_paragraphs(excerpt: str) -> list[str]:
    """An excerpt's paragraphs as quoted (`_excerpt_paragraphs`, spaces kept but the
    line breaks around them)."""
    paragraphs = re.split(r"\n[ \t]*\n", typed_lines(excerpt))
    return [p.strip("\n") for p in paragraphs if p.strip()]


def explanation_too_long(
    what: str,
    reviews: tuple[Review, Review],
    joined: Review,
    numbers: tuple[int, int] | None = None,
) -> None:
    """EditRefused when joining two sentences' reviews (`reviews`, now `joined`) made an
    explanation longer than a review export reads back (`LONGEST_TEXT`): two of 600,000
    characters, each one it reads, joined into 1,200,000 by Ctrl+M, and the article's JSON
    export was then refused whole on import ("Nothing was imported"). Refused before
    anything is written: the reviewer shortens one, then joins."""
    if len(joined.explanation) > LONGEST_TEXT and joined.explanation not in (
        reviews[0].explanation,
        reviews[1].explanation,
    ):
        which = joined_numbers(numbers)
        raise EditRefused(
            f"Not {what}: the {'explanations of ' + which if which else 'two explanations'}"
            " together would be "
            f"{len(joined.explanation):,} characters, more than the {LONGEST_TEXT:,} an "
            "explanation may hold (the article's review export could not be imported). "
            "Shorten one of them, then try again."
        )


def excerpts_too_long(
    what: str,
    links: list[SourceLink],
    sources: set[int],
    numbers: tuple[int, int] | None = None,
) -> None:
    """EditRefused when `joined_links` joined excerpts (of `sources`, now in `links`)
    past what a review export reads back, as `explanation_too_long`; a colleague's merge
    of the workspace left such a link out too."""
    for link in links:
        if link.source.id in sources and len(link.excerpt) > LONGEST_TEXT:
            raise EditRefused(
                f"Not {what}: {joined_numbers(numbers) or 'both sentences'} link "
                f"“{shown_line(link.source.name)}”, and "
                f"their excerpts of it together would be {len(link.excerpt):,} characters, "
                f"more than the {LONGEST_TEXT:,} an excerpt may hold (the article's review "
                "export could not be imported). Shorten one of them (Edit Source…), then "
                "try again."
            )


def versions_too_long(
    what: str,
    before: Iterable[Review],
    after: Iterable[Review],
    numbers: tuple[int, int] | None = None,
) -> None:
    """EditRefused when one reviewer's own reviews, joined (`after`, from `before`), hold
    an explanation longer than a review export reads back: the decided one may stay
    within it (another reviewer's shorter word) while hers grew past it, and the export's
    "reviews" list was then refused on import."""
    was = {review.explanation for review in before}
    for review in after:
        if len(review.explanation) > LONGEST_TEXT and review.explanation not in was:
            raise EditRefused(
                f"Not {what}: {shown_line(review.reviewer) or 'a reviewer'}'s own "
                f"explanations of {joined_numbers(numbers) or 'the two sentences'} "
                "together would be "
                f"{len(review.explanation):,} characters, more than the {LONGEST_TEXT:,} an "
                "explanation may hold (the article's review export could not be imported). "
                "Shorten one of them, then try again."
            )


def joined_links_said(joined: int) -> str:
    """What the status line adds when `joined_links` joined some: where to look."""
    if not joined:
        return ""
    which = "a source" if joined == 1 else f"{joined:,} sources"
    return (
        f" Both sentences linked {which}: the second one's excerpt or stance was "
        "added to the first one's excerpt."
    )


def twin_reviewers(versions: Iterable[Review]) -> list[str]:
    """Reviewers with two versions or more of one sentence's review among `versions`: a
    hand-edited or damaged file holds one under the name as text and one as bytes, which
    the table keeps apart and the desk reads alike (the desk itself writes one each)."""
    counts = Counter(version.reviewer for version in versions)
    return [name for name, count in counts.items() if count > 1]


def refuse_twin_versions(step: str, sentences: Iterable[tuple[str, Iterable[Review]]]) -> None:
    """Refuse a merge, split or re-split (`step`: "merged", "split", "re-split") before
    it is made when one of its `sentences` (its words, "this sentence", and its
    versions) holds a reviewer's review twice (`twin_reviewers`): the step writes one
    version per reviewer, and its undo puts them back under the name as text, one over
    the other, so one would be lost. Made anyway, its own check found the sentences
    "changed while being saved" at every try, which nobody had done."""
    for which, versions in sentences:
        names = twin_reviewers(versions)
        if not names:
            continue
        who = " and ".join(shown_line(name) or "A reviewer with no name" for name in names)
        has = "has" if len(names) == 1 else "each have"
        raise EditRefused(
            f"Not {step}: {who} {has} two versions of the review of {which} saved, one "
            "written outside the desk (the name stored as bytes). The step keeps one "
            "version per reviewer, so one would be lost. Nothing was changed. File → "
            "Check Workspace names every such sentence; ask whoever edited the workspace "
            "file which version to keep, or restore a backup from before that edit "
            "(File → Restore from Backup)."
        )


def merge_ends_a_conflict(first: Review, second: Review) -> bool:
    """Whether merging sentences with these reviews would end a conflict undecided: a
    sentence reviewers disagree on, merged with one whose tag, verdict or claimant
    differed (or the reviewed one before it), became "second look", its verdict the
    first's, and the disagreement was no longer listed (F8, the Show box) for anyone to
    decide. (A second sentence's words alone are carried into the conflict, which stays.)"""
    if Status.CONFLICT not in (first.status, second.status):
        return False
    return merge_reviews(first, second)[0].status is not Status.CONFLICT


CONFLICT_NOT_MERGED = (
    "Reviewers disagree on one of these sentences: keep a version of it first, then merge them."
)

CONFLICT_NOT_RESPLIT = (
    "Not re-split: it would join a sentence reviewers disagree on with another reviewed "
    "one, and the disagreement would be listed no more. Keep a version of each conflict "
    "first (F8 goes to the next one), then re-split."
)


class ResplitEndsAConflict(EditRefused):
    """Not re-split: it would end a conflict undecided (`merge_ends_a_conflict`); once
    the conflicts are decided it can be. Told by its type, never by its words."""


def _check_resplit_joins(
    rows: list[SentenceRow], starts: list[int], links_of: Callable[[int], list[SourceLink]]
) -> None:
    """Refuse, as `resplit_article` would once asked, a re-split of `rows` into sentences
    beginning at `starts` that joins reviews (each to the new sentence that holds its
    start, in reading order) so that a conflict ends undecided (`ResplitEndsAConflict`),
    or an explanation or excerpt grows too long (`explanation_too_long`,
    `excerpts_too_long`): the window asked
    "Re-split anyway?" first and refused after Yes. `links_of` reads a sentence's links
    (only of the rows that have some)."""
    landed: dict[int, Review] = {}
    linked: dict[int, list[SourceLink]] = {}
    first_number: dict[int, int] = {}  # the first sentence landing on each, as numbered
    for number, row in enumerate(rows, start=1):
        index = max(0, bisect_right(starts, row.sentence.start) - 1)
        numbers = (first_number.setdefault(index, number), number)
        if row.review.has_content:
            kept = landed.get(index, Review(row.sentence.id))
            if merge_ends_a_conflict(kept, row.review):
                raise ResplitEndsAConflict(CONFLICT_NOT_RESPLIT)
            landed[index] = merge_reviews(kept, row.review)[0]
            explanation_too_long("re-split", (kept, row.review), landed[index], numbers)
        if row.source_count:
            links, joined = joined_links(
                linked.get(index, []), links_of(row.sentence.id), 0, copies=True
            )
            excerpts_too_long("re-split", links, joined, numbers)
            linked[index] = links


def reviewed_among(rows: Iterable[SentenceRow]) -> int:
    """How many of `rows` have review work or sources (what a re-split would move): the
    window counts those of the article it shows without reading them again."""
    return sum(1 for row in rows if row.source_count or row.review.has_content)


def _untouched(before: list[SentenceSnapshot], after: list[SentenceSnapshot]) -> set[int]:
    """Ids of the sentences whose snapshot `after` is the one `before` (the links compared
    but for their ids: a re-split's are copies, id 0)."""
    old = {s.sentence.id: s for s in before}
    same = set()
    for new in after:
        was = old.get(new.sentence.id)
        if (
            was is not None
            and was.sentence == new.sentence
            and was.review == new.review
            and was.versions == new.versions
            and was.sign_off == new.sign_off
            and [dataclasses.replace(link, id=0) for link in was.links] == new.links
        ):
            same.add(new.sentence.id)
    return same


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _made_again_once(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """A merge or split made from its sentences as read, and made once more from them as
    they are now when its transaction found another connection had saved them meanwhile
    (`SentencesChangedMeanwhile`): that change goes along with the step, as any review
    or source there does (a re-split, asked about first, is refused instead). Made
    again, a step the change no longer lets be made is refused as changed meanwhile."""

    @functools.wraps(method)
    def step(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except SentencesChangedMeanwhile as changed:
            try:
                return method(*args, **kwargs)
            except (EditRefused, NotFound) as refused:
                if isinstance(refused, ChangedMeanwhile):
                    raise
                # It fitted the sentences as first read, and no longer fits them as
                # saved now (the split point outside a sentence another program cut
                # short, no next sentence left to merge with): that change is why, said
                # so, and the window shows them as saved. Said in the retry's own words
                # ("Place the split point inside the sentence"), it blamed the caret, at
                # every press, the list still showing the sentence whole.
                raise changed from refused

    return step


class Boundaries:
    """Merge, split and re-split, moving reviews and sources along."""

    def __init__(self, repo: WorkspaceRepository, edits: EditStack) -> None:
        self.repo = repo
        self.edits = edits

    @_made_again_once
    def merge_with_next(self, sentence_id: int) -> Change:
        """Join a sentence with the following one, keeping both reviews' content."""
        first = self.repo.sentences.get_sentence(sentence_id)
        second = self.repo.sentences.next_sentence(first)
        if second is None:
            raise EditRefused("This is the last sentence: there is nothing to merge it with.")
        before = [SentenceSnapshot.take(self.repo, first), SentenceSnapshot.take(self.repo, second)]
        refuse_twin_versions(
            "merged",
            [("this sentence", before[0].versions), ("the next sentence", before[1].versions)],
        )
        if merge_ends_a_conflict(before[0].review, before[1].review):
            raise EditRefused(CONFLICT_NOT_MERGED)
        text = self.repo.articles.get_article(first.article_id).text
        merged = dataclasses.replace(first, end=second.end, text=text[first.start : second.end])
        review, message = merge_reviews(before[0].review, before[1].review)
        versions = moved_versions(
            [(first.id, before[0].versions), (second.id, before[1].versions)], _merged
        )
        if review != before[0].review:  # the merge changed the review: the merger's now
            review = stamp(review, self.edits.actor)
            if review.status is not Status.CONFLICT:  # a conflict is nobody's own review
                versions = [v for v in versions if v.reviewer != review.reviewer] + [review]
        links, joined = joined_links(before[0].links, before[1].links, first.id)
        explanation_too_long("merged", (before[0].review, before[1].review), review)
        excerpts_too_long("merged", links, joined)
        versions_too_long("merged", [*before[0].versions, *before[1].versions], versions)
        message = (message + joined_links_said(len(joined))).strip()
        if review.denies_sentence_id in (first.id, second.id):  # it would deny itself
            message = (
                f"{message} Its denial was of the sentence merged into it: it points at "
                "no sentence now."
            ).strip()
        # A merged sentence says something new: its sign-off (if any) goes, undo brings it back.
        after = [SentenceSnapshot(merged, review, links, versions)]
        return self.edits.push(
            StructuralEdit(first.article_id, before, after, "Merge sentences", message)
        )

    @_made_again_once
    def split_sentence(
        self,
        sentence_id: int,
        at: int,
        *,
        review_to: SplitPart = SplitPart.FIRST,
        sources_to: SourcesTo = SourcesTo.BOTH,
    ) -> Change:
        """Split a sentence at absolute text offset `at`: `review_to` says which part keeps
        the review, `sources_to` where its linked sources go."""
        review_to, sources_to = SplitPart(review_to), SourcesTo(sources_to)
        sentence = self.repo.sentences.get_sentence(sentence_id)
        article = self.repo.articles.get_article(sentence.article_id)
        text = article.text
        head_end = at
        while head_end > sentence.start and text[head_end - 1].isspace():
            head_end -= 1
        tail_start = at
        while tail_start < sentence.end and text[tail_start].isspace():
            tail_start += 1
        if not (sentence.start < head_end and tail_start < sentence.end):
            raise EditRefused("Place the split point inside the sentence, between two words.")
        snapshot = SentenceSnapshot.take(self.repo, sentence)
        refuse_twin_versions("split", [("this sentence", snapshot.versions)])
        head = dataclasses.replace(sentence, end=head_end, text=text[sentence.start : head_end])
        # The new part keeps the old id when it takes the review, so references stay valid.
        new_id = self.repo.sentences.next_sentence_id()
        tail = Sentence(
            new_id,
            sentence.article_id,
            tail_start,
            sentence.end,
            # Its own paragraph's number when the split is where one begins (a merge
            # across paragraphs split back): the reports put it in the one before.
            sentence.paragraph
            + paragraphs_begun(text, sentence.start, tail_start, language=article.language or None),
            text[tail_start : sentence.end],
        )
        if review_to is SplitPart.SECOND:
            head, tail = (
                dataclasses.replace(head, id=new_id),
                dataclasses.replace(tail, id=sentence.id),
            )
        keeper, other = (head, tail) if review_to is SplitPart.FIRST else (tail, head)
        review_parts = {keeper.id: snapshot.review, other.id: Review(other.id)}
        parts = []
        for part, which in ((head, SourcesTo.FIRST), (tail, SourcesTo.SECOND)):
            links = [
                dataclasses.replace(
                    link, id=link.id if part.id == sentence.id else 0, sentence_id=part.id
                )
                for link in snapshot.links
                if sources_to in (SourcesTo.BOTH, which)
            ]
            # The part that keeps the review keeps every reviewer's version of it; the
            # sign-off goes with the old text (a split sentence awaits sign-off again).
            versions = snapshot.versions if part.id == keeper.id else []
            parts.append(SentenceSnapshot(part, review_parts[part.id], links, list(versions)))
        edit = StructuralEdit(sentence.article_id, [snapshot], parts, "Split sentence")
        return self.edits.push(edit)

    def reviewed_sentence_count(self, article_id: int) -> int:
        """Sentences with any review work or sources (what a re-split would have to move)."""
        return reviewed_among(self.repo.sentences.sentence_rows(article_id))

    def check_resplit_changes(self, article_id: int) -> None:
        """EditRefused, in the words `resplit_article` would use, when re-splitting would
        change no sentence: asked before the window warns about moving reviews (it
        asked "Re-split anyway?" and then said there was nothing to re-split). Only a
        check: a language it detects is not stored (Cancel on the question left it)."""
        text, language = self._resplit_language(article_id, record=False)
        rows = self.repo.sentences.sentence_rows(article_id)
        if not rows:
            raise EditRefused("This article has no sentences to re-split.")
        now = [(r.sentence.start, r.sentence.end, r.sentence.paragraph) for r in rows]
        new = [(s.start, s.end, s.paragraph) for s in split_sentences(text, language=language)]
        if new == now:
            raise NothingToResplit(NOTHING_TO_RESPLIT)
        # Asked before "Re-split anyway?": a sentence whose span stays is left as it is.
        kept = set(new)
        changed = [
            (number, row.sentence.id)
            for number, row in enumerate(rows, start=1)
            if (row.sentence.start, row.sentence.end, row.sentence.paragraph) not in kept
        ]
        if changed:
            versions = self.repo.reviews.versions_for_article(article_id)
            refuse_twin_versions(
                "re-split",
                ((f"sentence {number}", versions.get(i, [])) for number, i in changed),
            )
        # Known here too, not only once the re-split runs: the window asked "Re-split
        # anyway?" about moving the reviews, and after Yes said it would not re-split.
        linked = self.repo.sources.links_for_article(article_id)  # one read, not one a row
        _check_resplit_joins(
            rows, [start for start, _end, _paragraph in new], lambda i: linked.get(i, [])
        )

    def resplit_article(
        self, article_id: int, progress: Callable[[float, str], None] | None = None
    ) -> Change:
        """Split the article again with this version's splitter, moving reviews along.

        Each reviewed sentence's review and sources go to the new sentence that holds its
        start; reviews that land on one sentence are merged as in `merge_with_next`.
        The GUI warns before calling this on a reviewed article; undo restores all.
        It splits in the article's language, detected now if not known yet.
        `progress(fraction, stage)` is told how far it has come (a window's worker runs a
        long article's); it may raise `Cancelled`: nothing of the re-split is kept.
        """

        def told(fraction: float, stage: str) -> None:
            if progress is not None:
                progress(fraction, stage)

        told(0.0, "Reading")
        text, language = self._resplit_language(article_id)
        links_of = self.repo.sources.links_for_sentence
        versions_of = self.repo.reviews.versions_for_article(article_id)
        before = [
            SentenceSnapshot(
                row.sentence,
                row.review,
                links_of(row.sentence.id),
                versions_of.get(row.sentence.id, []),
                row.sign_off,
            )
            for row in self.repo.sentences.sentence_rows(article_id)
        ]
        if not before:
            raise EditRefused("This article has no sentences to re-split.")
        old_by_span = {(s.sentence.start, s.sentence.end): s.sentence for s in before}
        next_id = self.repo.sentences.next_sentence_id()
        after: list[SentenceSnapshot] = []
        told(0.1, "Splitting")
        spans = split_sentences(text, language=language)
        told(0.2, "Splitting")
        for span in spans:
            kept = old_by_span.get((span.start, span.end))
            if kept is None:
                sentence_id, next_id = next_id, next_id + 1
            else:
                sentence_id = kept.id
            sentence = Sentence(
                sentence_id,
                article_id,
                span.start,
                span.end,
                span.paragraph,
                text[span.start : span.end],
            )
            after.append(SentenceSnapshot(sentence, Review(sentence_id), []))
        if [s.sentence for s in after] == [s.sentence for s in before]:
            raise NothingToResplit(NOTHING_TO_RESPLIT)
        told(0.3, "Moving reviews")
        messages = []
        # Sources two or more old sentences linked, joined on one new one: (it, source).
        # Counted once: three sentences linking one page made the status line say "2 sources".
        joined: set[tuple[int, int]] = set()
        starts = [s.sentence.start for s in after]
        moved: dict[int, list[tuple[int, list[Review]]]] = {}
        numbered: dict[int, tuple[int, int]] = {}  # old sentences landing on each, as numbered
        for number, old in enumerate(before, start=1):
            index = max(0, bisect_right(starts, old.sentence.start) - 1)
            numbered[index] = (numbered.get(index, (number, number))[0], number)
            target = after[index]
            moved.setdefault(index, [(target.sentence.id, [])]).append(
                (old.sentence.id, old.versions)
            )
            review = old.review.edited(sentence_id=target.sentence.id)
            if review.has_content:
                if merge_ends_a_conflict(target.review, review):
                    raise ResplitEndsAConflict(CONFLICT_NOT_RESPLIT)
                merged, message = merge_reviews(target.review, review)
                explanation_too_long("re-split", (target.review, review), merged, numbered[index])
                target.review = merged.edited(sentence_id=target.sentence.id)
                if message:
                    messages.append(message)
            target.links, links_joined = joined_links(
                target.links, old.links, target.sentence.id, copies=True
            )
            excerpts_too_long("re-split", target.links, links_joined, numbered[index])
            joined |= {(target.sentence.id, source) for source in links_joined}
        for index, parts in moved.items():
            # The one sentence landing on itself keeps its versions as they are: a
            # reviewer's two of them (`twin_reviewers`) joined in one made a sentence the
            # re-split leaves as it was part of the step, and refused it.
            if len(parts) == 2 and parts[1][0] == parts[0][0]:
                after[index].versions = list(parts[1][1])
            else:
                after[index].versions = moved_versions(parts, _merged)
            versions_too_long(
                "re-split",
                [v for _id, versions in parts for v in versions],
                after[index].versions,
                numbered.get(index),
            )
        unchanged = {(s.sentence.id, s.sentence.start, s.sentence.end): s for s in before}
        for snapshot in after:  # an unchanged sentence with an unchanged review keeps its sign-off
            old_snapshot = unchanged.get(
                (snapshot.sentence.id, snapshot.sentence.start, snapshot.sentence.end)
            )
            if (
                old_snapshot is not None
                and old_snapshot.review.content_fields() == snapshot.review.content_fields()
            ):
                snapshot.sign_off = old_snapshot.sign_off
        message = f"Re-split into {counted(len(after), 'sentence')} (was {len(before):,})."
        if messages:
            holds = "now holds" if len(messages) == 1 else "now hold"
            message += (
                f" {counted(len(messages), 'sentence')} {holds} two reviews: marked for a "
                "second look."
            )
        message += joined_links_said(len(joined))
        # Sentences the re-split leaves exactly as they are (span, review, versions, sources,
        # sign-off) are no part of the step: neither deleted and written again nor kept
        # twice for undo, nor named in its history entry, which the history box parses at
        # every sentence the reviewer stops at.
        untouched = _untouched(before, after)
        refuse_twin_versions(
            "re-split",
            (
                (f"sentence {number}", snapshot.versions)
                for number, snapshot in enumerate(before, start=1)
                if snapshot.sentence.id not in untouched
            ),
        )
        edit = StructuralEdit(
            article_id,
            [s for s in before if s.sentence.id not in untouched],
            [s for s in after if s.sentence.id not in untouched],
            "Re-split article",
            message,
        )
        if progress is not None:  # the writing: the rest of the way, in the same words
            edit.report = lambda fraction, stage: progress(0.3 + 0.7 * fraction, stage)
        try:
            change = self.edits.push(edit)
        finally:
            edit.report = None  # an undo later is not this worker's
        # Not part of undo: it records which splitter the current boundaries came from.
        with self.repo.db.atomic():
            self.repo.articles.set_segmenter(article_id, SEGMENTER_VERSION)
        return change

    def _resplit_language(self, article_id: int, record: bool = True) -> tuple[str, str]:
        """The article's text and language; an article imported before languages were
        known gets its language detected, and recorded here if `record` (not part of
        undo)."""
        article = self.repo.articles.get_article(article_id)
        if article.language:
            return article.text, article.language
        language = detect_language(article.text)
        if not record:
            return article.text, language
        with self.repo.db.atomic():
            self.repo.articles.set_language(article_id, language)
        return article.text, language
