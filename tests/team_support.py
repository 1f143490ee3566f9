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
            desk.repo.reviews.save_version(
                Review(
                    sentence_id,
                    tag=tag,
                    verdict=verdict,
                    status=status,
                    reviewer=reviewer,
                    updated_at="2026-12-01T10:00:00+00:00",
                )
            )


C, D, F = Tag.CLAIM, Tag.DENIAL, Tag.FACT
# The three hand-computed cases of tests/services/test_agreement.py, for the window's tests:
# (Ana's labels, Ben's labels) over the first sentences, and the pair's row as the panel
# shows it: tag n, agreement, kappa, verdict n, agreement, kappa.
CASES: dict[str, tuple[list[Label], list[Label], tuple[str, ...]]] = {
    "perfect": (
        [(C, "false"), (F, None), (D, "true"), (None, None)],
        [(C, "false"), (F, None), (D, "true"), (None, None)],
        ("4", "1.000", "1.000", "2", "1.000", "1.000"),
    ),
    "chance": (
        [(C, "true"), (C, "true"), (F, "false"), (F, "false")],
        [(C, "true"), (F, "false"), (C, "true"), (F, "false")],
        ("4", "0.500", "0.000", "4", "0.500", "0.000"),
    ),
    "one disagreement": (
        [(C, "true"), (C, "true"), (C, "false"), (C, "false"), (C, "mixed")]
        + [(F, None)] * 3
        + [(D, None)] * 2,
        [(C, "true"), (C, "true"), (C, "false"), (C, "false"), (F, "false")]
        + [(F, None)] * 3
        + [(D, None)] * 2,
        ("10", "0.900", "0.844", "5", "0.800", "0.667"),
    ),
}


def give_case(desk: Desk, name: str) -> list[int]:
    """Ana's and Ben's reviews of one case; the sentence ids they reviewed."""
    ana, ben, _row = CASES[name]
    ids = sentence_ids(desk)[: len(ana)]
    give_versions(desk, "Ana", dict(zip(ids, ana, strict=True)))
    give_versions(desk, "Ben", dict(zip(ids, ben, strict=True)))
    return ids
