"""The plain-data report every format renders from, and reading it out of a workspace.

The GUI reads a report on its own thread (one consistent snapshot, the Desk's
connection never crosses threads) and hands the frozen result to a worker that
renders and writes it. Renderers take a `Ticker` for progress and cancellation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from factcheck_app import __version__
from factcheck_app.domain.errors import FactcheckError, NotFound
from factcheck_app.domain.models import (
    DEFAULT_SCALE,
    VERDICTS_BY_KEY,
    Article,
    Review,
    SignOff,
    SignOffDecision,
    Stance,
    Status,
    Tag,
    verdict_label,
)
from factcheck_app.domain.printable import capped_name, shown_line, shown_name
from factcheck_app.domain.sign_off import person_key
from factcheck_app.domain.wording import counted, figure
from factcheck_app.services import settings

if TYPE_CHECKING:  # only for annotations: a report or export needs no storage imported
    from factcheck_app.services.desk import Desk

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

NO_VERDICT = "No verdict yet"


# Who signed off a verdict when the sign-off names nobody (every report says it so).
UNNAMED_EDITOR = "an unnamed editor"


class ExportCancelled(FactcheckError):
    """The user stopped an export; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Export cancelled: nothing was written.")


class Ticker:
    """Counts work done, reports it every `every` steps and stops the work when cancelled."""

    def __init__(
        self,
        total: int,
        progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
        *,
        every: int = 250,
    ) -> None:
        self.total = max(total, 1)
        self.done = 0
        self._progress = progress
        self._cancel = cancel
        self._every = every
        self._next = 0

    def step(self, count: int = 1) -> None:
        """Advance; between reports this costs one comparison, so renderers call it per item."""
        self.done += count
        if self.done >= self._next:
            self._next = self.done + self._every
            self.check()
            if self._progress is not None:
                self._progress(min(self.done, self.total), self.total)

    def check(self) -> None:
        if self._cancel is not None and self._cancel():
            raise ExportCancelled()

    def finish(self) -> None:
        self.check()
        if self._progress is not None:
            self._progress(self.total, self.total)


def quiet_ticker() -> Ticker:
    return Ticker(1)


@dataclass(frozen=True, slots=True)
class ReportSource:
    """A source as linked to one sentence."""

    url: str
    title: str
    publisher: str
    accessed: dt.date | None
    stance: Stance
    excerpt: str
    reviewer: str = ""  # who linked it ("" before schema 5: the decided review's reviewer)

    @property
    def display_title(self) -> str:
        return self.title if self.title.strip() else self.url  # as Source.name


@dataclass(frozen=True, slots=True)
class ReportSentence:
    """One sentence in reading order with its review, its sources and whom it denies."""

    index: int
    id: int
    paragraph: int
    start: int
    end: int
    text: str
    review: Review
    sources: tuple[ReportSource, ...] = ()
    denies_index: int | None = None
    sign_off: SignOff | None = None  # the editor's approval or return of the verdict
    # Each reviewer's own review (review_versions); `review` is the decided one, which
    # every report prints.
    versions: tuple[Review, ...] = ()

    @property
    def number(self) -> int:
        """1-based, as the sentence list shows it ("#4")."""
        return self.index + 1

    @property
    def tag(self) -> Tag | None:
        return self.review.tag

    def sources_of(self, reviewer: str) -> tuple[ReportSource, ...]:
        """The sources `reviewer` linked (a link from before anyone was recorded counts as
        the decided review's reviewer's: there was only one then)."""
        return tuple(s for s in self.sources if (s.reviewer or self.review.reviewer) == reviewer)

    @property
    def verdict(self) -> str | None:
        return verdict_label(self.review.verdict)

    @property
    def rating_value(self) -> int | None:
        verdict = VERDICTS_BY_KEY.get(self.review.verdict or "")
        return verdict.value if verdict else None

    @property
    def is_entry(self) -> bool:
        """Shown as a checked statement: tagged, given a verdict, or with a claimant, an
        explanation or a source recorded before any tag (left out, the journalist's note
        and source were in no report, though its header counted the sentence in
        progress). Not one marked "Nothing to check" (X: done, untagged, no verdict):
        the reviewer said it holds no claim, and a note typed there was published as
        the check's explanation."""
        review = self.review
        if review.tag is not None or review.verdict is not None:
            return True
        if review.status is Status.DONE:
            return False
        return bool(review.claimant.strip() or review.explanation.strip() or self.sources)


@dataclass(frozen=True, slots=True)
class Publishing:
    """Workspace settings that go into published markup."""

    publisher_name: str = ""
    publisher_url: str = ""
    url_pattern: str = ""
    # Why a pattern stored in the workspace was refused when read (so `url_pattern` is
    # empty): said in its place of "No fact-check URL", which sent the reviewer to set a
    # pattern the workspace had. "" when none was refused.
    refused_pattern: str = ""


@dataclass(frozen=True, slots=True)
class VerdictCount:
    key: str  # verdict key; "" for entries without a verdict
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class EntryGroup:
    """A checked statement followed by the denials that point at it."""

    entry: ReportSentence
    denials: tuple[ReportSentence, ...] = ()


@dataclass(frozen=True)
class ArticleReport:
    """Everything any report format needs about one article, read in one go."""

    article: Article
    sentences: tuple[ReportSentence, ...]
    segmenter: str = ""
    publishing: Publishing = field(default_factory=Publishing)
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    app_version: str = __version__

    @property
    def total(self) -> int:
        return len(self.sentences)

    @cached_property
    def reviewed(self) -> int:
        return sum(1 for s in self.sentences if s.review.status is Status.DONE)

    @cached_property
    def status_counts(self) -> dict[Status, int]:
        counts = Counter(s.review.status for s in self.sentences)
        return {status: counts.get(status, 0) for status in Status}

    @cached_property
    def entries(self) -> tuple[ReportSentence, ...]:
        return tuple(s for s in self.sentences if s.is_entry)

    @cached_property
    def tag_counts(self) -> dict[Tag, int]:
        counts = Counter(s.tag for s in self.entries if s.tag is not None)
        return {tag: counts.get(tag, 0) for tag in Tag}

    @cached_property
    def verdict_counts(self) -> tuple[VerdictCount, ...]:
        return count_verdicts(s.review.verdict for s in self.entries)

    @cached_property
    def groups(self) -> tuple[EntryGroup, ...]:
        """Entries in reading order, each denial moved next to the claim it denies.

        A denial is moved only under a check that stays in place itself: one answering
        another denial (which sits inside its claim), or two denying each other, stay
        where they are and say which sentence they deny; moved under a moved check, they
        were printed nowhere."""
        entry_indexes = {s.index for s in self.entries}

        def moves(entry: ReportSentence) -> bool:
            return entry.tag is Tag.DENIAL and entry.denies_index in entry_indexes

        moving = {s.index for s in self.entries if moves(s)}
        attached: dict[int, list[ReportSentence]] = {}
        for entry in self.entries:
            target = entry.denies_index
            if target is not None and moves(entry) and target not in moving:
                attached.setdefault(target, []).append(entry)
        moved = {d.index for denials in attached.values() for d in denials}
        return tuple(
            EntryGroup(entry, tuple(attached.get(entry.index, ())))
            for entry in self.entries
            if entry.index not in moved
        )

    @cached_property
    def reviewers(self) -> tuple[str, ...]:
        return people(
            shown_name(s.review.reviewer) for s in self.entries if shown_name(s.review.reviewer)
        )

    @property
    def credits(self) -> str:
        """ "Reviewed by A, B; approved by C" ("" when nobody is recorded): the checkers of
        the decided verdicts and the editors who approved them, for every report's head;
        "approved by C (3 of 11 verdicts)" while not every verdict is approved, so the head
        never reads as the whole report signed off."""
        parts = []
        if self.reviewers:
            parts.append("Reviewed by " + ", ".join(self.reviewers))
        if self.approvers:
            approved = ("approved by " if parts else "Approved by ") + ", ".join(self.approvers)
            verdicts = sum(1 for s in self.entries if s.review.verdict is not None)
            if self.approved < verdicts:
                approved += f" ({figure(self.approved)} of {counted(verdicts, 'verdict')})"
            parts.append(approved)
        return "; ".join(parts)

    @cached_property
    def approved(self) -> int:
        """How many checks an editor approved (their sign-off stands)."""
        return sum(
            1
            for s in self.entries
            if s.sign_off is not None and s.sign_off.decision is SignOffDecision.APPROVED
        )

    @cached_property
    def approvers(self) -> tuple[str, ...]:
        """Who approved the decided verdicts (from the sign-offs), most approvals first; an
        editor recorded with no name (a merged workspace, an older file) is `UNNAMED_EDITOR`,
        not a blank after "approved by"."""
        return people(
            shown_name(s.sign_off.editor) or UNNAMED_EDITOR
            for s in self.entries
            if s.sign_off is not None and s.sign_off.decision is SignOffDecision.APPROVED
        )

    def sentence_at(self, index: int | None) -> ReportSentence | None:
        if index is None or not 0 <= index < len(self.sentences):
            return None
        return self.sentences[index]


def people(names: Iterable[str]) -> tuple[str, ...]:
    """Each person once, most named first, by the spelling most of their names carry: the
    desk takes "Ben Okafor" and "ben  okafor" for one reviewer (`same_person`), and a head
    saying "approved by Ben Okafor, ben okafor" read as two editors."""
    spellings: dict[str, Counter[str]] = {}
    for name in names:
        spellings.setdefault(person_key(capped_name(name)), Counter())[name] += 1
    ranked = sorted(spellings.values(), key=lambda counts: -counts.total())  # stable
    return tuple(counts.most_common(1)[0][0] for counts in ranked)


def count_verdicts(verdicts: Iterable[str | None]) -> tuple[VerdictCount, ...]:
    """Counts in scale order, then unknown keys, then "no verdict" (only when non-zero)."""
    counts: Counter[str] = Counter(r or "" for r in verdicts)
    result = [VerdictCount(r.key, r.label, counts.pop(r.key, 0)) for r in DEFAULT_SCALE]
    missing = counts.pop("", 0)
    result += [VerdictCount(key, key, n) for key, n in sorted(counts.items())]
    if missing:
        result.append(VerdictCount("", NO_VERDICT, missing))
    return tuple(result)


def publishing_settings(desk: Desk) -> Publishing:
    return Publishing(
        publisher_name=settings.get_setting(desk, settings.PUBLISHER_NAME),
        publisher_url=settings.get_setting(desk, settings.PUBLISHER_URL),
        url_pattern=settings.get_setting(desk, settings.FACTCHECK_URL_PATTERN),
        refused_pattern=_refused_pattern(desk),
    )


# How a refused stored pattern is said (the export dialog adds where to type a new one).
STORED_PATTERN = "The fact-check URL pattern stored in the workspace"


def _refused_pattern(desk: Desk) -> str:
    """`Publishing.refused_pattern`: the stored pattern, shown on one line and cut, and
    why it cannot be used."""
    refused = settings.stored_problem(desk, settings.FACTCHECK_URL_PATTERN)
    if refused is None:
        return ""
    stored, problem = refused
    shown = shown_line(stored)
    shown = shown if len(shown) <= 80 else shown[:80] + "…"
    return f"{STORED_PATTERN} (“{shown}”) cannot be used: {problem}"


def load_article_report(
    desk: Desk,
    article_id: int,
    *,
    publishing: Publishing | None = None,
    generated_at: dt.datetime | None = None,
) -> ArticleReport:
    """Read one article's whole review into plain data (on the thread that owns the Desk),
    in one read transaction: read by another program while the window saved (a merge),
    the sentences were of before it and their sources of after (`reading`)."""
    with desk.repo.db.reading():
        return _read_article_report(desk, article_id, publishing, generated_at)


def _read_article_report(
    desk: Desk,
    article_id: int,
    publishing: Publishing | None,
    generated_at: dt.datetime | None,
) -> ArticleReport:
    """`load_article_report`'s reads, inside its read transaction."""
    if not desk.repo.articles.article_exists(article_id):
        # Hidden (`rows.VISIBLE`): an import still writing it, or one a quit or a crash
        # stopped half-way (removed at the next open for editing). Read by its number
        # (`export --article ID`), it was written out as a whole article cut off mid-way.
        raise NotFound(f"There is no article {article_id} in this workspace.")
    article = desk.repo.articles.get_article(article_id)
    rows = desk.reviews.sentence_rows(article_id)
    index_of = {row.sentence.id: index for index, row in enumerate(rows)}
    links_of = desk.repo.sources.links_for_article(article_id)
    versions_of = desk.repo.reviews.versions_for_article(article_id)
    sentences = []
    for index, row in enumerate(rows):
        links = links_of.get(row.sentence.id, [])
        sentences.append(
            ReportSentence(
                index=index,
                id=row.sentence.id,
                paragraph=row.sentence.paragraph,
                start=row.sentence.start,
                end=row.sentence.end,
                text=row.sentence.text,
                review=row.review,
                sources=tuple(
                    ReportSource(
                        url=link.source.url,
                        title=link.source.title,
                        publisher=link.source.publisher,
                        accessed=link.source.accessed,
                        stance=link.stance,
                        excerpt=link.excerpt,
                        reviewer=link.reviewer,
                    )
                    for link in links
                ),
                # A merge before 7 December left a sentence denying itself (the denial
                # merged into its claim): no sentence, as the review file's reader wants.
                denies_index=index_of.get(row.review.denies_sentence_id or -1)
                if row.review.denies_sentence_id != row.sentence.id
                else None,
                sign_off=row.sign_off,
                versions=tuple(versions_of.get(row.sentence.id, ())),
            )
        )
    segmenter = desk.repo.articles.segmenter_of(article_id)
    return ArticleReport(
        article=article,
        sentences=tuple(sentences),
        segmenter=segmenter,
        publishing=publishing or publishing_settings(desk),
        generated_at=generated_at or dt.datetime.now(dt.UTC),
    )
