"""A search made a stretch of the index at a time (the window's search that waited for
the index: ranking every match of a common word in one statement held a year's window
for up to 100 ms) finds the same best matches as the search made at once."""

from __future__ import annotations

import itertools

import pytest

import factcheck_app.storage.search as search_module
from factcheck_app.domain.models import SearchResults, SearchScope
from factcheck_app.services.desk import Desk
from factcheck_app.services.search import search_in_steps, search_workspace
from factcheck_app.storage.search import COLUMNS

ARTICLE = "\n\n".join(
    f"The minister said {n} schools closed in the minister's region {n} times."
    if n % 3 == 0
    else f"The minister spoke about road number {n}."
    for n in range(1, 31)
)


@pytest.fixture
def workspace(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> Desk:
    desk.importer.import_text(ARTICLE, source_name="ministers.txt")
    monkeypatch.setattr(search_module, "RANK_STRETCH", 4)  # stretches of 4 sentences
    return desk


def stepped(desk: Desk, query: str, scope: SearchScope, limit: int) -> tuple[int, SearchResults]:
    steps = 0
    for result in search_in_steps(desk.repo, query, scope, limit=limit):
        if result is None:
            steps += 1
        else:
            return steps, result
    raise AssertionError("no results")


def ids(results: SearchResults) -> list[int]:
    return [hit.found.row.sentence.id for hit in results.hits]


def ranks(desk: Desk, query: str) -> dict[int, float]:
    """Every match's rank, from one statement over the whole index."""
    from factcheck_app.domain.matching import search_expression

    expression = search_expression(query)
    assert expression is not None
    scoped = "{" + " ".join(COLUMNS) + "} : (" + expression + ")"
    rows = desk.workspace.db.execute(
        "SELECT rowid, rank FROM search_index WHERE search_index MATCH ?", [scoped]
    ).fetchall()
    return {int(r[0]): float(r[1]) for r in rows}


@pytest.mark.parametrize("limit", [200, 5])
def test_the_best_matches_are_those_found_at_once(workspace: Desk, limit: int) -> None:
    at_once = search_workspace(workspace.repo, "minister schools", limit=limit)
    steps, in_steps = stepped(workspace, "minister schools", SearchScope.EVERYWHERE, limit)
    assert steps > 2  # a step per stretch
    assert in_steps.total == at_once.total == 10
    assert len(in_steps.hits) == len(at_once.hits) == min(limit, 10)
    rank = ranks(workspace, "minister schools")
    found = [rank[sid] for sid in ids(in_steps)]
    assert found == sorted(found)  # best first
    left_out = [r for sid, r in rank.items() if sid not in ids(in_steps)]
    assert all(r >= max(found) for r in left_out)  # none better was left out
    assert sorted(found) == sorted(rank[sid] for sid in ids(at_once))
    if limit == 200:  # all of them: the same sentences, matched in the same parts
        assert {(h.found.row.sentence.id, h.matched_in) for h in in_steps.hits} == {
            (h.found.row.sentence.id, h.matched_in) for h in at_once.hits
        }


def test_no_match_and_an_empty_query(workspace: Desk) -> None:
    assert stepped(workspace, "quokka", SearchScope.EVERYWHERE, 200)[1].total == 0
    assert stepped(workspace, "   ", SearchScope.EVERYWHERE, 200)[1].hits == ()


def test_a_scope_is_kept(workspace: Desk) -> None:
    _steps, results = stepped(workspace, "minister", SearchScope.CLAIMANTS, 200)
    assert results.total == 0  # nobody is named as claimant


TIED = "\n\n".join(
    ["The minister opened the new school."] * 9
    + [f"The minister said road {n} reopened." for n in range(9)]
    + ["A minister spoke."] * 5
)


@pytest.mark.parametrize("limit", [200, 11, 3])
@pytest.mark.parametrize("query", ["minister", "minister school", '"the minister"', "minist"])
def test_the_results_and_their_order_are_those_found_at_once(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, limit: int, query: str
) -> None:
    """The window searches in steps, the command line at once: the same sentences, in the
    same order, where many are ranked alike (the same sentence in many places) and the
    last shown is one of several alike."""
    desk.importer.import_text(TIED, source_name="tied.txt")
    desk.importer.import_text(ARTICLE, source_name="ministers.txt")
    monkeypatch.setattr(search_module, "RANK_STRETCH", 2)
    at_once = search_workspace(desk.repo, query, limit=limit)
    steps, in_steps = stepped(desk, query, SearchScope.EVERYWHERE, limit)
    assert steps > 2
    assert in_steps.total == at_once.total
    assert limit == 200 or at_once.total > limit  # some left out
    assert ids(in_steps) == ids(at_once)
    assert [h.matched_in for h in in_steps.hits] == [h.matched_in for h in at_once.hits]
    rank = ranks(desk, query)
    assert len(set(rank.values())) < len(rank)  # some ranked alike
    shown = [(rank[sid], sid) for sid in ids(at_once)]
    assert shown == sorted(shown)  # best first, alike by sentence id


def test_a_workspace_of_one_stretch_is_searched_in_one_step(
    workspace: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window shows its results at once, as before: no turn waited for."""
    monkeypatch.setattr(search_module, "RANK_STRETCH", 10_000)
    steps, results = stepped(workspace, "minister", SearchScope.EVERYWHERE, 200)
    assert steps == 0 and results.total == 30


@pytest.mark.parametrize("far", [10**12, 2**63 - 1])
def test_sentence_ids_far_apart_take_no_more_steps(workspace: Desk, far: int) -> None:
    """A workspace from elsewhere holding a sentence numbered 10**12, or 2**63 - 1 (edited
    outside the desk): the window's search went through every id in between, a stretch
    per turn (at most 200,000 ids a stretch), and did not show its results for millions
    of turns, or ever. Its stretches are of sentences, not of ids."""
    db = workspace.workspace.db
    with db.atomic():
        db.execute(
            'INSERT INTO sentences (id, article_id, start, "end", paragraph)'
            " VALUES (?, 1, 1, 5, 0)",
            [far],
        )
    at_once = search_workspace(workspace.repo, "minister schools", limit=200)
    steps = list(
        itertools.islice(
            search_in_steps(workspace.repo, "minister schools", SearchScope.EVERYWHERE), 100
        )
    )
    results = steps[-1]
    assert results is not None, f"no results after {len(steps)} steps"
    # 31 sentences, 4 a stretch: a step each, the first step, the results
    assert len(steps) <= 31 // 4 + 3
    assert ids(results) == ids(at_once) and results.total == 10
