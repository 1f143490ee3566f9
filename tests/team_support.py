"""Reviewers' own reviews written straight into a workspace, for the team-review tests.

Until every edit writes its reviewer's version (issue 16, team-core), the tests put the
versions in directly, as a merge or an import would.
"""

from __future__ import annotations

from factcheck_app.domain.models import Review, Status, Tag
from factcheck_app.services.desk import Desk

# What one reviewer did on one sentence: (tag, verdict); "done" with neither is
# "nothing to check".
Label = tuple[Tag | None, str | None]


def sentence_ids(desk: Desk, article_id: int = 1) -> list[int]:
    return [row.sentence.id for row in desk.reviews.sentence_rows(article_id)]


def give_versions(
    desk: Desk, reviewer: str, labels: dict[int, Label], *, status: Status = Status.DONE
) -> None:
    """`reviewer`'s version of each sentence id in `labels`, in one transaction."""
    with desk.repo.db.atomic():
        for sentence_id, (tag, verdict) in labels.items():
            desk.repo.team.save_version(
                Review(
                    sentence_id,
                    tag=tag,
                    verdict=verdict,
                    status=status,
                    reviewer=reviewer,
                    updated_at="2026-12-01T10:00:00+00:00",
                )
            )
