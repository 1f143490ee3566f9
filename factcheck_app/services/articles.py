"""The articles of a workspace: the list, each one's text, properties and progress."""

from __future__ import annotations

import dataclasses

from factcheck_app.domain import languages
from factcheck_app.domain.errors import EditRefused, NotFound
from factcheck_app.domain.models import ArticleMetadata, ArticleSummary
from factcheck_app.domain.printable import shown_title
from factcheck_app.domain.urls import validate_source_url
from factcheck_app.storage.repositories import WorkspaceRepository


class Articles:
    """Reading articles, and editing their properties (recorded in the history)."""

    def __init__(self, repo: WorkspaceRepository, reviewer: str) -> None:
        self.repo = repo
        self.reviewer = reviewer

    def list_articles(self) -> list[ArticleSummary]:
        """Each article as lists and title bars show it (its title without bidi controls:
        domain/printable.shown_title; `article_metadata` has the title as stored)."""
        return [
            dataclasses.replace(summary, title=shown_title(summary.title))
            for summary in self.repo.articles.list_articles()
        ]

    def article_summary(self, article_id: int) -> ArticleSummary:
        for summary in self.list_articles():
            if summary.id == article_id:
                return summary
        raise NotFound(f"There is no article {article_id} in this workspace.")

    def article_text(self, article_id: int) -> str:
        return self.repo.articles.get_article(article_id).text

    def article_metadata(self, article_id: int) -> ArticleMetadata:
        return self.repo.articles.article_metadata(article_id)

    def article_language(self, article_id: int) -> str:
        """The language the article is split in ("" = not known yet: detected when it is
        next re-split; until then it was split, and is suggested, as English)."""
        return self.repo.articles.get_article(article_id).language

    def update_article_metadata(self, article_id: int, metadata: ArticleMetadata) -> None:
        """Save the properties; a changed language is recorded, and the caller offers to
        re-split (the sentences stay as they are until then)."""
        if metadata.language and metadata.language not in languages.TABLES:
            raise EditRefused(
                f"The desk has no sentence rules for the language {metadata.language!r}."
            )
        if metadata.url:
            metadata = dataclasses.replace(metadata, url=validate_source_url(metadata.url))
        with self.repo.db.atomic():
            before = self.repo.articles.article_metadata(article_id)
            self.repo.articles.update_article_metadata(article_id, metadata)
            self.repo.history.record_history(
                actor=self.reviewer,
                action="do",
                description="Edit article properties",
                entity="article",
                entity_id=article_id,
                old=dataclasses.asdict(before),
                new=dataclasses.asdict(metadata),
                article_id=article_id,
            )

    def progress(self, article_id: int) -> tuple[int, int]:
        """(reviewed, total) sentences of the article."""
        return self.repo.articles.article_progress(article_id)
