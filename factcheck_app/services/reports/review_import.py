"""Bring a JSON review export into another workspace, exactly as it was exported.

Everything is checked before anything is written; the import is one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck_app.domain import languages
from factcheck_app.domain.errors import ArticleImportError, FactcheckError
from factcheck_app.domain.importing import content_hash
from factcheck_app.domain.models import (
    VERDICTS_BY_KEY,
    ArticleMetadata,
    Review,
    SignOff,
    SignOffDecision,
    Source,
    SourceLink,
    Stance,
    Status,
    Tag,
)
from factcheck_app.domain.review_rules import LONGEST_TEXT
from factcheck_app.domain.segmentation import SentenceSpan
from factcheck_app.domain.sign_off import gives_verdict, refusal, same_person
from factcheck_app.domain.urls import validate_source_url
from factcheck_app.services.identity import visible_name
from factcheck_app.services.reports.json_report import FORMAT_NAME, FORMAT_VERSION
from factcheck_app.services.reports.model import ReportSource

if TYPE_CHECKING:  # only for annotations: a report or export needs no storage imported
    from factcheck_app.services.desk import Desk

MAX_REVIEW_BYTES = 500 * 1024 * 1024
# Longest text a field may hold: the article (as a file import allows), the reviewer's
# longer words and the titles and names the desk takes at any length (a Markdown file's
# first heading becomes the title whole; Article Properties and Link Source take 32,767
# characters), and every other field (reviewers, addresses, dates, versions).
MAX_ARTICLE_CHARS = 200 * 1024 * 1024
MAX_LONG_CHARS = LONGEST_TEXT
MAX_SHORT_CHARS = 10_000
LONG_FIELDS = frozenset(
    {"explanation", "excerpt", "claimant", "note", "title", "outlet", "author", "publisher"}
)


class ReviewImportError(ArticleImportError):
    """A review file cannot be imported; nothing was written."""


@dataclass(frozen=True, slots=True)
class ReviewImportResult:
    article_id: int
    title: str
    sentence_count: int
    review_count: int
    link_count: int
    kept_sources: int  # sources already in the workspace under that URL, kept as they were
    version_count: int = 0  # reviewers' own reviews kept (the file's "reviews" lists)
    sign_off_count: int = 0
    reviewers: tuple[str, ...] = ()  # whose own reviews the file carried, in name order


def _fail(where: str, problem: str) -> ReviewImportError:
    return ReviewImportError(f"{where}: {problem}. Nothing was imported.")


def _shown(value: Any) -> str:
    """A value as quoted in a message: never more than a few dozen characters."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "…"


def _kind(value: Any) -> str:
    """What a wrong JSON value is, in words: “must be text, not a list”."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "text" if isinstance(value, str) else "something else"


def _text(value: Any, key: str, where: str, limit: int | None = None) -> str:
    """`value` as the text of field `key`: a string of bounded length that SQLite can store."""
    if not isinstance(value, str):
        raise _fail(where, f"“{key}” must be text, not {_kind(value)}")
    if limit is None:
        limit = MAX_LONG_CHARS if key in LONG_FIELDS else MAX_SHORT_CHARS
    if len(value) > limit:
        raise _fail(where, f"“{key}” is too long ({len(value):,} characters; at most {limit:,})")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # "\ud800" is valid JSON but no text
            raise _fail(where, f"“{key}” holds an invalid character (a lone surrogate)") from None
    return value


def _str(obj: dict[str, Any], key: str, where: str, limit: int | None = None) -> str:
    value = obj.get(key, "")
    if value is None:
        return ""
    return _text(value, key, where, limit)


def _language(article: dict[str, Any]) -> str:
    """The article's language; an export from before 0.10 has none ("": detected when
    the article is next re-split), and a code the desk has no rules for reads as none."""
    code = _str(article, "language", "The article", 8)
    return code if code in languages.TABLES else ""


def _int(obj: dict[str, Any], key: str, where: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _fail(where, f"“{key}” must be a whole number, not {_kind(value)}")
    return value


def _date(obj: dict[str, Any], key: str, where: str) -> dt.date | None:
    value = obj.get(key)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise _fail(where, f"“{key}” must be a date (YYYY-MM-DD), not {_kind(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(where, f"“{key}” is not a date (YYYY-MM-DD): {_shown(value)}") from None


def _choice(
    value: Any, key: str, allowed: type[Tag] | type[Status] | type[Stance], where: str
) -> Any:
    names = ", ".join(m.value for m in allowed)
    if not isinstance(value, str):
        raise _fail(where, f"“{key}” must be one of {names}, not {_kind(value)}")
    try:
        return allowed(value)
    except ValueError:
        raise _fail(where, f"“{key}” {_shown(value)} is not one of {names}") from None


def _url(value: str, where: str) -> str:
    try:
        return validate_source_url(value)
    except FactcheckError as error:
        raise _fail(where, str(error).rstrip(".")) from None
    except ValueError:  # urlsplit: e.g. an unclosed IPv6 bracket
        raise _fail(where, f"{_shown(value)} is not a valid address") from None


# The first bytes of every SQLite database: a workspace.
_WORKSPACE_HEADER = b"SQLite format 3\x00"


def read_review_file(path: Path) -> dict[str, Any]:
    """Parse a review export, saying in words what is wrong with a file that is not one."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ReviewImportError(f"{path} is not a file; nothing was imported.")
        if info.st_size > MAX_REVIEW_BYTES:
            raise ReviewImportError(f"{path.name} is larger than 500 MB; not imported.")
        raw = path.read_bytes()
        if raw.startswith(_WORKSPACE_HEADER):
            # A colleague's workspace for their JSON export: it said "cannot read the file
            # ('utf-8' codec can't decode byte 0xc3 …)", Python's words, no way forward.
            raise ReviewImportError(
                f"{path.name} is a workspace, not a review export (JSON): File → Merge "
                "Workspace… brings its work into this one (`factcheck-app merge` on the "
                "command line). Nothing was imported."
            )
        data = json.loads(raw.decode("utf-8-sig"))
    except FileNotFoundError:
        raise ReviewImportError(f"{path}: no such file.") from None
    except (OSError, UnicodeDecodeError) as error:
        # The system's words: "[Errno 13] Permission denied: '…/r.json'" named it twice.
        why = (error.strerror if isinstance(error, OSError) else None) or error
        raise ReviewImportError(f"{path}: cannot read the file ({why}).") from None
    except json.JSONDecodeError as error:
        raise ReviewImportError(
            f"{path.name} is not valid JSON (line {error.lineno}, column {error.colno})."
        ) from None
    except RecursionError:
        raise ReviewImportError(
            f"{path.name} nests lists or objects too deeply to be a review export; "
            "nothing was imported."
        ) from None
    except ValueError as error:  # e.g. a number of more than 4,300 digits
        raise ReviewImportError(
            f"{path.name} is not usable JSON ({_shown(str(error))}); nothing was imported."
        ) from None
    if not isinstance(data, dict):
        raise ReviewImportError(f"{path.name} is not a Factcheck desk review export.")
    return data


@dataclass(frozen=True, slots=True)
class CheckedReview:
    """A review export that passed every check that needs no workspace, ready to write."""

    text: str
    text_hash: str
    metadata: ArticleMetadata
    source_name: str
    segmenter: str
    spans: list[SentenceSpan]
    reviews: list[tuple[Review, int | None]]  # each with the index of the sentence it denies
    links: list[list[ReportSource]]
    # Per sentence: each reviewer's own review (with the index it denies and the sources
    # that reviewer linked), from the sentence's "reviews" list (None: an older export
    # without one); and the sign-off, if any.
    versions: list[list[tuple[Review, int | None, list[ReportSource]]] | None] = field(
        default_factory=list
    )
    sign_offs: list[SignOff | None] = field(default_factory=list)


def check_review(data: dict[str, Any]) -> CheckedReview:
    """Check a parsed review export without touching any workspace: every field's type,
    size and value. `ReviewImportError` names the first wrong field."""
    if not isinstance(data, dict):
        raise ReviewImportError("This is not a Factcheck desk review export. Nothing was imported.")
    if data.get("format") != FORMAT_NAME:
        raise ReviewImportError(
            "This is not a Factcheck desk review export (its “format” is not "
            f"“{FORMAT_NAME}”). Nothing was imported."
        )
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _fail("The review", f"“format_version” must be a whole number, not {_kind(version)}")
    if version > FORMAT_VERSION:
        raise ReviewImportError(
            f"This review was exported in format version {_shown(version)}, newer than this "
            f"version of Factcheck desk reads ({FORMAT_VERSION}). Update the app. "
            "Nothing was imported."
        )
    article = data.get("article")
    if not isinstance(article, dict):
        raise _fail("The review", f"“article” must be an object, not {_kind(article)}")
    text = _str(article, "text", "The article", MAX_ARTICLE_CHARS)
    if not text.strip():
        raise _fail("The article", "it has no text")
    text_hash = content_hash(text)
    stated_hash = article.get("content_hash")
    if stated_hash and stated_hash != text_hash:
        raise _fail("The article", "its text does not match its content hash (edited by hand?)")
    url = _str(article, "url", "The article").strip()
    metadata = ArticleMetadata(
        title=_str(article, "title", "The article"),
        outlet=_str(article, "outlet", "The article"),
        author=_str(article, "author", "The article"),
        url=_url(url, "The article's URL") if url else "",
        published=_date(article, "published", "The article"),
        language=_language(article),
    )
    raw_sentences = data.get("sentences")
    if not isinstance(raw_sentences, list):
        raise _fail("The review", f"“sentences” must be a list, not {_kind(raw_sentences)}")
    if not raw_sentences:
        raise _fail("The review", "it has no sentences")

    spans: list[SentenceSpan] = []
    reviews: list[tuple[Review, int | None]] = []
    links: list[list[ReportSource]] = []
    versions: list[list[tuple[Review, int | None, list[ReportSource]]] | None] = []
    sign_offs: list[SignOff | None] = []
    ids = {  # exports made before denies_index point at the exporting workspace's ids
        s["id"]: i
        for i, s in enumerate(raw_sentences)
        if isinstance(s, dict) and isinstance(s.get("id"), int)
    }
    previous_end = 0
    for index, raw in enumerate(raw_sentences):
        where = f"Sentence {index + 1}"
        if not isinstance(raw, dict):
            raise _fail(where, f"it must be an object, not {_kind(raw)}")
        start, end = _int(raw, "start", where), _int(raw, "end", where)
        if not previous_end <= start < end <= len(text):
            raise _fail(where, f"its span {start}–{end} is outside the text or overlaps another")
        if "text" in raw and raw["text"] != text[start:end]:
            raise _fail(where, "its text does not match the article text at its offsets")
        paragraph = raw.get("paragraph", 0)
        # No more paragraphs than characters: 99999999999999999999 reached SQLite as an
        # OverflowError, a bug's line, and one just under its limit was stored.
        if (
            not isinstance(paragraph, int)
            or isinstance(paragraph, bool)
            or not 0 <= paragraph <= len(text)
        ):
            raise _fail(where, f"“paragraph” must be a whole number from 0 to {len(text):,}")
        spans.append(SentenceSpan(start, end, paragraph))
        previous_end = end
        verdict = _verdict_key(raw, where)
        tag = raw.get("tag")
        denies = raw.get("denies_index")
        old_denies = raw.get("denies_sentence_id")
        if denies is None and old_denies is not None:
            if not isinstance(old_denies, int) or isinstance(old_denies, bool):
                raise _fail(where, "“denies_sentence_id” must be a whole number")
            denies = ids.get(old_denies)
        if type(denies) is int and denies == index:
            denies = None  # itself, as an older desk's merge left it: see the versions'
        if denies is not None and (
            not isinstance(denies, int)
            or isinstance(denies, bool)
            or not 0 <= denies < len(raw_sentences)
        ):
            raise _fail(where, "it denies a sentence that is not in this review")
        review = Review(
            sentence_id=0,
            tag=_choice(tag, "tag", Tag, where) if tag is not None else None,
            verdict=verdict,
            claimant=_str(raw, "claimant", where),
            explanation=_str(raw, "explanation", where),
            status=_choice(raw.get("status", "unreviewed"), "status", Status, where),
            reviewer=visible_name(_str(raw, "reviewer", where)),
            updated_at=_str(raw, "updated_at", where),
        )
        reviews.append((review, denies))
        links.append(_sources(raw, where))
        versions.append(_versions(raw, where, len(raw_sentences), index))
        sign_offs.append(_sign_off(raw, where))
        _check_sign_off(review, versions[-1], sign_offs[-1], where)
    return CheckedReview(
        text=text,
        text_hash=text_hash,
        metadata=metadata,
        source_name=_str(article, "source_name", "The article"),
        segmenter=_str(article, "segmenter", "The article"),
        spans=spans,
        reviews=reviews,
        links=links,
        versions=versions,
        sign_offs=sign_offs,
    )


def _sources(raw: dict[str, Any], where: str) -> list[ReportSource]:
    """The sources listed under `raw`'s "sources" (a sentence, or one reviewer's review)."""
    found = []
    raw_sources = raw.get("sources") or []
    if not isinstance(raw_sources, list):
        raise _fail(where, f"“sources” must be a list, not {_kind(raw_sources)}")
    for number, source in enumerate(raw_sources, start=1):
        swhere = f"{where}, source {number}"
        if not isinstance(source, dict):
            raise _fail(swhere, f"it must be an object, not {_kind(source)}")
        found.append(
            ReportSource(
                url=_url(_str(source, "url", swhere), swhere),
                title=_str(source, "title", swhere),
                publisher=_str(source, "publisher", swhere),
                accessed=_date(source, "accessed", swhere),
                stance=_choice(source.get("stance", "context"), "stance", Stance, swhere),
                excerpt=_str(source, "excerpt", swhere),
                # Who linked it; "": not said (a file from before 7 December).
                reviewer=visible_name(_str(source, "reviewer", swhere)),
            )
        )
    return found


def _verdict_key(raw: dict[str, Any], where: str) -> str | None:
    verdict = raw.get("rating")
    if verdict is not None and not isinstance(verdict, str):
        raise _fail(where, f"“rating” must be a verdict's name, not {_kind(verdict)}")
    if verdict is not None and verdict not in VERDICTS_BY_KEY:
        raise _fail(where, f"unknown verdict {_shown(verdict)}")
    return verdict


def _versions(
    raw: dict[str, Any], where: str, count: int, index: int
) -> list[tuple[Review, int | None, list[ReportSource]]] | None:
    """The sentence's "reviews" list: one entry per reviewer (None when there is none)."""
    entries = raw.get("reviews")
    if entries is None:
        return None
    if not isinstance(entries, list):
        raise _fail(where, f"“reviews” must be a list, not {_kind(entries)}")
    out: list[tuple[Review, int | None, list[ReportSource]]] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        rwhere = f"{where}, review {number}"
        if not isinstance(entry, dict):
            raise _fail(rwhere, f"it must be an object, not {_kind(entry)}")
        reviewer = visible_name(_str(entry, "reviewer", rwhere))
        if not reviewer:
            raise _fail(rwhere, "it names no reviewer")
        if reviewer in seen:
            raise _fail(rwhere, f"{_shown(reviewer)} has two reviews of this sentence")
        seen.add(reviewer)
        status = _choice(entry.get("status", "unreviewed"), "status", Status, rwhere)
        if status.value == "conflict":  # only the decided review is ever in conflict
            raise _fail(rwhere, "one reviewer's own review cannot be in conflict")
        denies = entry.get("denies_index")
        if type(denies) is int and denies == index:
            # A sentence "denying" itself, as the desk's Merge with Next left a denial
            # merged into its claim until 7 December and its export wrote: the whole file
            # was refused ("it denies a sentence that is not in this review"). It is read
            # as the merge now leaves it, denying no sentence.
            denies = None
        if denies is not None and (
            not isinstance(denies, int) or isinstance(denies, bool) or not 0 <= denies < count
        ):
            raise _fail(rwhere, "it denies a sentence that is not in this review")
        tag = entry.get("tag")
        version = Review(
            sentence_id=0,
            tag=_choice(tag, "tag", Tag, rwhere) if tag is not None else None,
            verdict=_verdict_key(entry, rwhere),
            claimant=_str(entry, "claimant", rwhere),
            explanation=_str(entry, "explanation", rwhere),
            status=status,
            reviewer=reviewer,
            updated_at=_str(entry, "updated_at", rwhere),
        )
        out.append((version, denies, _sources(entry, rwhere)))
    return out


def _sign_off(raw: dict[str, Any], where: str) -> SignOff | None:
    """The sentence's "sign_off" (null or absent: none)."""
    entry = raw.get("sign_off")
    if entry is None:
        return None
    swhere = f"{where}, sign-off"
    if not isinstance(entry, dict):
        raise _fail(swhere, f"it must be an object, not {_kind(entry)}")
    decision = entry.get("decision")
    names = ", ".join(d.value for d in SignOffDecision)
    if decision not in {d.value for d in SignOffDecision}:
        raise _fail(swhere, f"“decision” must be one of {names}, not {_shown(decision)}")
    editor = visible_name(_str(entry, "editor", swhere))
    if not editor:
        raise _fail(swhere, "it names no editor")
    return SignOff(
        sentence_id=0,
        decision=SignOffDecision(decision),
        editor=editor,
        checker=visible_name(_str(entry, "checker", swhere)),
        note=_str(entry, "note", swhere),
        at=_str(entry, "at", swhere),
    )


def _check_sign_off(
    review: Review,
    versions: list[tuple[Review, int | None, list[ReportSource]]] | None,
    sign_off: SignOff | None,
    where: str,
) -> None:
    """A sign-off the desk itself would have refused (by the verdict's checker, of no
    verdict, of an unfinished or disputed review, a return without a note) is refused."""
    if sign_off is None:
        return
    givers = [sign_off.checker] + [
        version.reviewer
        for version, _denies, _sources in versions or []
        if gives_verdict(version, review)
    ]
    why = refusal(review, sign_off.editor, sign_off.decision, sign_off.note, givers)
    if why is None:
        return
    if any(same_person(sign_off.editor, name) for name in (review.reviewer, *givers)):
        word = "approve" if sign_off.decision is SignOffDecision.APPROVED else "return"
        why = (
            f"{_shown(sign_off.editor)} gave this verdict, so cannot {word} it: another "
            "editor signs it off"
        )
    raise _fail(f"{where}, sign-off", why.rstrip("."))


def import_review(
    desk: Desk, data: dict[str, Any] | CheckedReview, *, source_name: str = ""
) -> ReviewImportResult:
    """Create the exported article, its sentences, reviews and sources in `desk`'s workspace.

    `data` is the parsed file, or what `check_review` made of it (the CLI checks the file
    before it opens the workspace)."""
    checked = data if isinstance(data, CheckedReview) else check_review(data)
    existing = desk.repo.articles.find_article_by_hash(checked.text_hash)
    if existing is not None:
        raise ReviewImportError(
            f"This article is already in the workspace (article {existing}); nothing was "
            "imported. Import the review into another workspace."
        )
    metadata, spans, reviews = checked.metadata, checked.spans, checked.reviews
    repo = desk.repo
    review_count = link_count = kept = 0
    with repo.db.atomic():
        article_id = repo.imports.insert_article(
            text=checked.text,
            content_hash=checked.text_hash,
            metadata=metadata,
            source_name=checked.source_name or source_name,
            segmenter=checked.segmenter,
            spans=spans,
            language=metadata.language,
        )
        sentence_ids = [row.sentence.id for row in repo.sentences.sentence_rows(article_id)]
        for sentence_id, (review, denies) in zip(sentence_ids, reviews, strict=True):
            stored = review.edited(
                sentence_id=sentence_id,
                denies_sentence_id=sentence_ids[denies] if denies is not None else None,
            )
            if stored != Review(sentence_id):
                repo.reviews.save_review(stored)
                review_count += 1
        version_count, sign_off_count, reviewers = _write_team_records(desk, checked, sentence_ids)
        sources: dict[str, Source] = {}
        for sentence_id, sentence_links, reviewer_of in zip(
            sentence_ids, _all_links(checked), _link_reviewers(checked), strict=True
        ):
            for link in sentence_links:
                source = sources.get(link.url) or repo.sources.find_source_by_url(link.url)
                if source is None:
                    source = Source(0, link.url, link.title, link.publisher, link.accessed)
                    source = Source(
                        repo.sources.insert_source(source),
                        link.url,
                        link.title,
                        link.publisher,
                        link.accessed,
                    )
                elif link.url not in sources:
                    kept += (source.title, source.publisher, source.accessed) != (
                        link.title,
                        link.publisher,
                        link.accessed,
                    )
                sources[link.url] = source
                if repo.sources.is_linked(sentence_id, source.id):
                    continue
                repo.sources.insert_link(
                    SourceLink(
                        0,
                        sentence_id,
                        source,
                        link.stance,
                        link.excerpt,
                        reviewer=link.reviewer or reviewer_of.get(link.url, ""),
                    )
                )
                link_count += 1
        repo.history.record_history(
            actor=desk.reviewer,
            action="do",
            description="Import review",
            entity="article",
            entity_id=article_id,
            article_id=article_id,
            old=None,
            new={
                "source": source_name or "review export",
                "sentences": len(spans),
                "reviews": review_count,
                "links": link_count,
            },
        )
    return ReviewImportResult(
        article_id,
        metadata.title,
        len(spans),
        review_count,
        link_count,
        kept,
        version_count,
        sign_off_count,
        reviewers,
    )


def _write_team_records(
    desk: Desk, checked: CheckedReview, sentence_ids: list[int]
) -> tuple[int, int, tuple[str, ...]]:
    """Each reviewer's own review and each sign-off, under the new sentence ids.

    A sentence of an older export (no "reviews" list) gets its decided review as that
    reviewer's own, as the schema 5 migration did for reviews already in a workspace."""
    repo = desk.repo
    versions = checked.versions or [None] * len(sentence_ids)
    sign_offs = checked.sign_offs or [None] * len(sentence_ids)
    count = signed = 0
    names: set[str] = set()
    for sentence_id, (decided, decided_denies), entries, sign_off in zip(
        sentence_ids, checked.reviews, versions, sign_offs, strict=True
    ):
        if entries is None:
            entries = [] if decided == Review(0) else [(decided, decided_denies, [])]
        else:
            names.update(version.reviewer for version, _, _ in entries)
        for version, denies, _sources in entries:
            repo.reviews.save_version(
                version.edited(
                    sentence_id=sentence_id,
                    denies_sentence_id=sentence_ids[denies] if denies is not None else None,
                )
            )
            count += 1
        if sign_off is not None:
            repo.sign_offs.save(replace(sign_off, sentence_id=sentence_id))
            signed += 1
    return count, signed, tuple(sorted(names))


def _all_links(checked: CheckedReview) -> list[list[ReportSource]]:
    """Each sentence's sources: its own list, then any that only a reviewer's review
    lists (nothing a reviewer linked is lost), each URL once."""
    out = []
    versions = checked.versions or [None] * len(checked.links)
    for links, entries in zip(checked.links, versions, strict=True):
        urls = {link.url for link in links}
        extra = []
        for _version, _denies, sources in entries or []:
            for source in sources:
                if source.url not in urls:
                    urls.add(source.url)
                    extra.append(source)
        out.append([*links, *extra])
    return out


def _link_reviewers(checked: CheckedReview) -> list[dict[str, str]]:
    """Per sentence, who linked each URL: the first reviewer whose review lists it."""
    out: list[dict[str, str]] = []
    versions = checked.versions or [None] * len(checked.links)
    for entries in versions:
        reviewer_of: dict[str, str] = {}
        for version, _denies, sources in entries or []:
            for source in sources:
                reviewer_of.setdefault(source.url, version.reviewer)
        out.append(reviewer_of)
    return out
