"""Dataclasses for articles, sentences, reviews and sources, and the desk's fixed vocabularies."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Tag(StrEnum):
    """What kind of statement a sentence is."""

    CLAIM = "claim"
    DENIAL = "denial"
    FACT = "fact"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Status(StrEnum):
    """Where the review of one sentence stands."""

    UNREVIEWED = "unreviewed"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SECOND_LOOK = "second_look"
    # Reviewers disagree and nobody has decided yet (only a merge sets it, and only the
    # decided review in `reviews` has it: a reviewer's own version never does).
    CONFLICT = "conflict"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def settable(self) -> bool:
        """Whether a reviewer may choose this status (a conflict comes from a merge)."""
        return self is not Status.CONFLICT


_STATUS_LABELS = {
    Status.UNREVIEWED: "Unreviewed",
    Status.IN_PROGRESS: "In progress",
    Status.DONE: "Done",
    Status.SECOND_LOOK: "Needs second look",
    Status.CONFLICT: "Conflict",
}


class Stance(StrEnum):
    """How a linked source bears on the sentence."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class Verdict:
    """One step of the desk's verdict scale; `value` is 1 (worst) … `best` for ClaimReview."""

    key: str
    label: str
    value: int | None


# The default six-step scale; keys 1…6 in the keyboard contract follow this order.
DEFAULT_SCALE: tuple[Verdict, ...] = (
    Verdict("true", "True", 5),
    Verdict("mostly_true", "Mostly true", 4),
    Verdict("mixed", "Mixed", 3),
    Verdict("mostly_false", "Mostly false", 2),
    Verdict("false", "False", 1),
    Verdict("unverifiable", "Unverifiable", None),
)
VERDICTS_BY_KEY = {verdict.key: verdict for verdict in DEFAULT_SCALE}


def verdict_label(key: str | None) -> str | None:
    """The words for a stored verdict key (unknown keys are shown as stored)."""
    if key is None:
        return None
    verdict = VERDICTS_BY_KEY.get(key)
    return verdict.label if verdict else key


@dataclass(frozen=True, slots=True)
class Article:
    """An imported article: metadata plus the exact text its sentences point into."""

    id: int
    title: str
    text: str
    content_hash: str
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: dt.date | None = None
    source_name: str = ""
    imported_at: str = ""
    # ISO 639-1 code of the language it is split in; "und": none of the desk's
    # languages; "": not known yet (imported before 0.10), detected on the next re-split.
    language: str = ""

    @property
    def metadata(self) -> ArticleMetadata:
        """Its editable properties (Article Properties, Ctrl+I)."""
        return ArticleMetadata(
            title=self.title,
            outlet=self.outlet,
            author=self.author,
            url=self.url,
            published=self.published,
            language=self.language,
        )


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """An article as listed: no text, with review progress."""

    id: int
    title: str
    published: dt.date | None
    outlet: str
    sentence_count: int
    reviewed_count: int
    conflict_count: int = 0  # sentences whose reviewers disagree, not decided yet
    returned_count: int = 0  # verdicts an editor returned, not changed since
    imported_at: str = ""  # when it came into the workspace, as stored (UTC, ISO 8601)
    # The title whole when `title` is cut for showing (`printable.shown_title`), "" when it
    # is not: what finding an article searches, beyond the 300 characters shown.
    whole_title: str = ""
    # The file it was imported from ("pasted text" for a paste): what tells apart two
    # articles listed under the same title.
    source_name: str = ""
    # A cleaned copy's second article of a text another holds (storage/cleaning.py,
    # `same_text_mark`): that article's id; 0 for any other article.
    same_text_as: int = 0


@dataclass(slots=True)  # not frozen: built per sentence, and frozen init is 6x slower
class Sentence:
    """A span of an article's text; `text` is a copy of article.text[start:end]."""

    id: int
    article_id: int
    start: int
    end: int
    paragraph: int
    text: str


@dataclass(slots=True)  # not frozen: built per sentence, and frozen init is 6x slower
class Review:
    """The reviewer's record on one sentence. An untouched sentence has the defaults."""

    sentence_id: int
    tag: Tag | None = None
    verdict: str | None = None  # a VERDICTS_BY_KEY key (stored in reviews.verdict)
    claimant: str = ""
    explanation: str = ""
    status: Status = Status.UNREVIEWED
    denies_sentence_id: int | None = None
    reviewer: str = ""
    updated_at: str = ""

    def edited(self, **changes: object) -> Review:
        """A copy with `changes` applied (dataclasses.replace, typed for callers)."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @property
    def is_reviewed(self) -> bool:
        return self.status is Status.DONE

    @property
    def has_content(self) -> bool:
        """True once anything was recorded: tag, verdict, words, status or a denial link."""
        return self.content_fields() != Review(self.sentence_id).content_fields()

    def content_fields(self) -> dict[str, object]:
        """The fields a reviewer edits, for comparisons and history (keyed as stored:
        history rows written by every version say "rating" for the verdict)."""
        return {
            "tag": self.tag.value if self.tag else None,
            "rating": self.verdict,
            "claimant": self.claimant,
            "explanation": self.explanation,
            "status": self.status.value,
            "denies_sentence_id": self.denies_sentence_id,
        }

    def words(self) -> dict[str, object]:
        """`content_fields` without the status: what a reviewer wrote, the same check
        whatever status a merge's conflict or an editor's decision gave it since."""
        fields = self.content_fields()
        del fields["status"]
        return fields


@dataclass(frozen=True, slots=True)
class Source:
    """A document a verdict rests on; reusable across sentences and articles."""

    id: int
    url: str
    title: str = ""
    publisher: str = ""
    accessed: dt.date | None = None

    @property
    def name(self) -> str:
        """What names it in a list or a message: its title, or its URL when the title is
        blank (spaces or a line break, as a merged file or an imported review keeps it:
        the panel listed such a source as "[Supports]" alone)."""
        return self.title if self.title.strip() else self.url


@dataclass(frozen=True, slots=True)
class SourceLink:
    """A source attached to one sentence, with its stance and the quoted excerpt."""

    id: int
    sentence_id: int
    source: Source
    stance: Stance = Stance.CONTEXT
    excerpt: str = ""
    reviewer: str = ""  # who linked it ("" before 0.11 recorded it)


class SignOffDecision(StrEnum):
    """An editor's word on a decided verdict."""

    APPROVED = "approved"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class SignOff:
    """An editor's approval of a sentence's decided verdict, or its return with a note."""

    sentence_id: int
    decision: SignOffDecision
    editor: str  # who signed off
    checker: str  # whose verdict it was
    note: str = ""
    at: str = ""  # ISO 8601, UTC

    def state(self) -> dict[str, object]:
        """The stored fields, for the history."""
        return {
            "decision": self.decision.value,
            "editor": self.editor,
            "checker": self.checker,
            "note": self.note,
            "at": self.at,
        }


@dataclass(slots=True)  # not frozen: built per sentence, and frozen init is 6x slower
class SentenceRow:
    """What the review views need per sentence: the span, its review and its source count."""

    sentence: Sentence
    review: Review
    source_count: int = 0
    sign_off: SignOff | None = None


@dataclass(slots=True)
class ArticleMetadata:
    """Editable article properties, as parsed at import or typed in the properties dialog."""

    title: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: dt.date | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # The language the article is split in (see Article.language); "" keeps it as it is.
    language: str = ""


@dataclass(frozen=True, slots=True)
class FoundSentence:
    """A sentence found anywhere in the workspace, with its article's title and review."""

    row: SentenceRow
    article_title: str


@dataclass(frozen=True, slots=True)
class EarlierVerdict:
    """A judged sentence that resembles the one being reviewed."""

    found: FoundSentence
    similarity: float  # 0..1, see domain.matching.similarity
    sources: tuple[SourceLink, ...]


class SearchScope(StrEnum):
    """Where a workspace search looks."""

    EVERYWHERE = "everywhere"
    SENTENCES = "words"
    CLAIMANTS = "claimant"
    EXPLANATIONS = "explanation"
    SOURCES = "sources"

    @property
    def label(self) -> str:
        return {
            "everywhere": "Everywhere",
            "words": "Sentences",
            "claimant": "Claimants",
            "explanation": "Explanations",
            "sources": "Sources",
        }[self.value]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result and which parts of it matched (e.g. ("Sentence", "Claimant"))."""

    found: FoundSentence
    matched_in: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    total: int  # all matches; `hits` holds the best of them
    hits: tuple[SearchHit, ...]
