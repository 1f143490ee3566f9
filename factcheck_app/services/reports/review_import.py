"""Bring a JSON review export into another workspace, exactly as it was exported.

Everything is checked before anything is written; the import is one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck_app.domain.errors import ArticleImportError, FactcheckError
from factcheck_app.domain.importing import content_hash
from factcheck_app.domain.models import (
    RATINGS_BY_KEY,
    ArticleMetadata,
    Review,
    Source,
    SourceLink,
    Stance,
    Status,
    Tag,
)
from factcheck_app.domain.segmentation import SentenceSpan
from factcheck_app.domain.urls import validate_source_url
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports.json_report import FORMAT_NAME, FORMAT_VERSION
from factcheck_app.services.reports.model import ReportSource

MAX_REVIEW_BYTES = 500 * 1024 * 1024


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


def _fail(where: str, problem: str) -> ReviewImportError:
    return ReviewImportError(f"{where}: {problem}. Nothing was imported.")


def _str(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _fail(where, f"“{key}” must be text")
    return value


def _int(obj: dict[str, Any], key: str, where: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _fail(where, f"“{key}” must be a whole number")
    return value


def _date(obj: dict[str, Any], key: str, where: str) -> dt.date | None:
    value = obj.get(key)
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise _fail(where, f"“{key}” is not a date (YYYY-MM-DD): {value!r}") from None


def _choice(value: Any, allowed: type[Tag] | type[Status] | type[Stance], where: str) -> Any:
    try:
        return allowed(value)
    except ValueError:
        names = ", ".join(m.value for m in allowed)
        raise _fail(where, f"{value!r} is not one of {names}") from None


def _url(value: str, where: str) -> str:
    try:
        return validate_source_url(value)
    except FactcheckError as error:
        raise _fail(where, str(error).rstrip(".")) from None


def read_review_file(path: Path) -> dict[str, Any]:
    """Parse a review export, saying in words what is wrong with a file that is not one."""
    try:
        if path.stat().st_size > MAX_REVIEW_BYTES:
            raise ReviewImportError(f"{path.name} is larger than 500 MB; not imported.")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ReviewImportError(f"{path}: no such file.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ReviewImportError(f"{path}: cannot read the file ({error}).") from None
    except json.JSONDecodeError as error:
        raise ReviewImportError(
            f"{path.name} is not valid JSON (line {error.lineno}, column {error.colno})."
        ) from None
    if not isinstance(data, dict):
        raise ReviewImportError(f"{path.name} is not a Factcheck desk review export.")
    return data


def import_review(desk: Desk, data: dict[str, Any], *, source_name: str = "") -> ReviewImportResult:
    """Create the exported article, its sentences, reviews and sources in `desk`'s workspace."""
    if data.get("format") != FORMAT_NAME:
        raise ReviewImportError(
            "This is not a Factcheck desk review export (its “format” is not "
            f"“{FORMAT_NAME}”). Nothing was imported."
        )
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ReviewImportError(
            f"This review was exported in format version {version}, newer than this version "
            f"of Factcheck desk reads ({FORMAT_VERSION}). Update the app. Nothing was imported."
        )
    article = data.get("article")
    if not isinstance(article, dict):
        raise _fail("The review", "it has no “article”")
    text = _str(article, "text", "The article")
    if not text.strip():
        raise _fail("The article", "it has no text")
    text_hash = content_hash(text)
    stated_hash = article.get("content_hash")
    if stated_hash and stated_hash != text_hash:
        raise _fail("The article", "its text does not match its content hash (edited by hand?)")
    existing = desk.repo.find_article_by_hash(text_hash)
    if existing is not None:
        raise ReviewImportError(
            f"This article is already in the workspace (article {existing}); nothing was "
            "imported. Import the review into another workspace."
        )
    url = _str(article, "url", "The article").strip()
    metadata = ArticleMetadata(
        title=_str(article, "title", "The article"),
        outlet=_str(article, "outlet", "The article"),
        author=_str(article, "author", "The article"),
        url=_url(url, "The article's URL") if url else "",
        published=_date(article, "published", "The article"),
    )
    raw_sentences = data.get("sentences")
    if not isinstance(raw_sentences, list) or not raw_sentences:
        raise _fail("The review", "it has no sentences")

    spans: list[SentenceSpan] = []
    reviews: list[tuple[Review, int | None]] = []
    links: list[list[ReportSource]] = []
    ids = {s.get("id"): i for i, s in enumerate(raw_sentences) if isinstance(s, dict)}
    previous_end = 0
    for index, raw in enumerate(raw_sentences):
        where = f"Sentence {index + 1}"
        if not isinstance(raw, dict):
            raise _fail(where, "it is not an object")
        start, end = _int(raw, "start", where), _int(raw, "end", where)
        if not previous_end <= start < end <= len(text):
            raise _fail(where, f"its span {start}–{end} is outside the text or overlaps another")
        if "text" in raw and raw["text"] != text[start:end]:
            raise _fail(where, "its text does not match the article text at its offsets")
        paragraph = raw.get("paragraph", 0)
        if not isinstance(paragraph, int) or paragraph < 0:
            raise _fail(where, "“paragraph” must be a whole number ≥ 0")
        spans.append(SentenceSpan(start, end, paragraph))
        previous_end = end
        rating = raw.get("rating")
        if rating is not None and rating not in RATINGS_BY_KEY:
            raise _fail(where, f"unknown verdict {rating!r}")
        tag = raw.get("tag")
        denies = raw.get("denies_index")
        if denies is None and raw.get("denies_sentence_id") is not None:
            denies = ids.get(raw["denies_sentence_id"])  # exports made before denies_index
        if denies is not None and (
            not isinstance(denies, int) or not 0 <= denies < len(raw_sentences) or denies == index
        ):
            raise _fail(where, "it denies a sentence that is not in this review")
        review = Review(
            sentence_id=0,
            tag=_choice(tag, Tag, where) if tag is not None else None,
            rating=rating,
            claimant=_str(raw, "claimant", where),
            explanation=_str(raw, "explanation", where),
            status=_choice(raw.get("status", "unreviewed"), Status, where),
            reviewer=_str(raw, "reviewer", where),
            updated_at=_str(raw, "updated_at", where),
        )
        reviews.append((review, denies))
        sentence_links = []
        raw_sources = raw.get("sources") or []
        if not isinstance(raw_sources, list):
            raise _fail(where, "“sources” must be a list")
        for number, source in enumerate(raw_sources, start=1):
            swhere = f"{where}, source {number}"
            if not isinstance(source, dict):
                raise _fail(swhere, "it is not an object")
            sentence_links.append(
                ReportSource(
                    url=_url(_str(source, "url", swhere), swhere),
                    title=_str(source, "title", swhere),
                    publisher=_str(source, "publisher", swhere),
                    accessed=_date(source, "accessed", swhere),
                    stance=_choice(source.get("stance", "context"), Stance, swhere),
                    excerpt=_str(source, "excerpt", swhere),
                )
            )
        links.append(sentence_links)

    repo = desk.repo
    review_count = link_count = kept = 0
    with repo.db.atomic():
        article_id = repo.insert_article(
            text=text,
            content_hash=text_hash,
            metadata=metadata,
            source_name=_str(article, "source_name", "The article") or source_name,
            segmenter=_str(article, "segmenter", "The article"),
            spans=spans,
        )
        sentence_ids = [row.sentence.id for row in repo.sentence_rows(article_id)]
        for sentence_id, (review, denies) in zip(sentence_ids, reviews, strict=True):
            stored = review.edited(
                sentence_id=sentence_id,
                denies_sentence_id=sentence_ids[denies] if denies is not None else None,
            )
            if stored != Review(sentence_id):
                repo.save_review(stored)
                review_count += 1
        sources: dict[str, Source] = {}
        for sentence_id, sentence_links in zip(sentence_ids, links, strict=True):
            for link in sentence_links:
                source = sources.get(link.url) or repo.find_source_by_url(link.url)
                if source is None:
                    source = Source(0, link.url, link.title, link.publisher, link.accessed)
                    source = Source(
                        repo.insert_source(source),
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
                if repo.is_linked(sentence_id, source.id):
                    continue
                repo.insert_link(SourceLink(0, sentence_id, source, link.stance, link.excerpt))
                link_count += 1
        repo.record_history(
            actor=desk.reviewer,
            action="do",
            description="Import review",
            entity="article",
            entity_id=article_id,
            old=None,
            new={
                "source": source_name or "review export",
                "sentences": len(spans),
                "reviews": review_count,
                "links": link_count,
            },
        )
    return ReviewImportResult(
        article_id, metadata.title, len(spans), review_count, link_count, kept
    )
