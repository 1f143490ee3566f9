"""The workspace summary of a year's workspace (5,000 articles) is made one article at a
time: all the reports at once took 300-400 MB, and the interpreter's collections of so
many objects held the window's thread for up to 0.3 s each while an export ran."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.domain.models import Review, Tag
from factcheck_app.services.agreement import load_agreement
from factcheck_app.services.desk import Desk
from factcheck_app.services.reports import summary
from factcheck_app.services.reports.model import ArticleReport
from factcheck_app.services.reports.summary import (
    WorkspaceSummary,
    iter_reports,
    load_reports,
    summarize,
    summarize_apart,
    summary_data,
)
from tests.team_support import give_case, give_versions, sentence_ids


def _figures(summary: WorkspaceSummary) -> dict[str, Any]:
    """Everything the summary says but when it was made."""
    return {k: v for k, v in summary_data(summary).items() if k != "generated_at"}


def _workspace(desk: Desk) -> None:
    give_case(desk, "one disagreement")  # the sample article, with two reviewers' versions
    for n in range(4):
        desk.importer.import_text(f"Town {n} built {n + 2} bridges, the mayor said.")


def test_the_summary_holds_one_report_at_a_time(seeded_desk: Desk) -> None:
    _workspace(seeded_desk)
    seen: list[weakref.ref[ArticleReport]] = []
    most_alive = 0

    def one_at_a_time() -> Iterator[ArticleReport]:
        nonlocal most_alive
        for report in iter_reports(seeded_desk):
            gc.collect()
            most_alive = max(most_alive, sum(ref() is not None for ref in seen))
            seen.append(weakref.ref(report))
            yield report
            del report

    streamed = summarize(one_at_a_time(), name="w")

    assert len(seen) == 5 and most_alive <= 1
    whole = summarize(load_reports(seeded_desk), name="w")
    assert _figures(streamed) == _figures(whole)  # the agreement included
    assert streamed.agreement and streamed.agreement[0].disagreements


def test_the_summary_read_apart_is_the_one_read_here(seeded_desk: Desk) -> None:
    _workspace(seeded_desk)
    assert seeded_desk.path is not None
    apart = summarize_apart(seeded_desk.path, name="w")
    here = summarize(load_reports(seeded_desk), name="w")
    assert _figures(apart) == _figures(here)


def test_the_summary_read_apart_holds_collections_off_and_gives_them_back(
    seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each full collection of the summary's objects held the window's thread (through
    the interpreter lock) for up to 0.1 s while the export's worker built it."""
    _workspace(seeded_desk)
    assert seeded_desk.path is not None and gc.isenabled()
    collecting: list[bool] = []
    real_load = summary.load_article_report

    def load(*args: Any, **kwargs: Any) -> Any:
        collecting.append(gc.isenabled())
        if len(collecting) == 7:
            raise WorkspaceError("the disk went away")
        return real_load(*args, **kwargs)

    monkeypatch.setattr(summary, "load_article_report", load)
    summarize_apart(seeded_desk.path, name="w")
    assert collecting == [False] * 5 and gc.isenabled()
    with pytest.raises(WorkspaceError):  # a summary that fails gives them back too
        summarize_apart(seeded_desk.path, name="w")
    assert gc.isenabled()


def test_the_summary_keeps_only_the_versions_it_can_compare(
    seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Agreement compares reviewers on the sentences both reviewed; the summary kept every
    version to the end (a year's 120,000 of one reviewer each: 80 MB)."""
    _workspace(seeded_desk)  # Ana and Ben on the sample's first sentences
    alone = [
        row.sentence.id
        for article in seeded_desk.articles.list_articles()[1:]
        for row in seeded_desk.reviews.sentence_rows(article.id)
    ]
    shared = sentence_ids(seeded_desk)[0]  # Ana's and Ben's first: Cid's there compares
    give_versions(seeded_desk, "Cid", dict.fromkeys([shared, *alone], (Tag.FACT, None)))
    measured: list[list[tuple[int, Review]]] = []
    real_measure = summary.measure

    def measure(versions: Any, describe: Any = None, shown: Any = None) -> Any:
        measured.append(list(versions))
        return real_measure(measured[-1], describe, shown)

    monkeypatch.setattr(summary, "measure", measure)

    streamed = summarize(iter_reports(seeded_desk), name="w")

    assert {v.sentence_id for _, v in measured[0] if v.reviewer == "Cid"} == {shared}
    whole = load_agreement(seeded_desk).workspace  # from every version in the workspace
    assert [(p.reviewers, p.tag, p.verdict) for p in streamed.agreement] == [
        (p.reviewers, p.tag, p.verdict) for p in whole
    ]
    assert len(whole) == 3  # Ana–Ben, Ana–Cid, Ben–Cid
