"""Workspace-wide search and "earlier verdicts", over the full-text index.

Earlier verdicts: FTS5 finds judged sentences sharing content words with the current one
(BM25 order); `similarity` then re-ranks them, robust to rewording and number formats,
and only those alike enough are offered. Both answer from the index in milliseconds;
`bench/bench_earlier_verdicts.py` measures them on a workspace of 1,000 articles.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable, Iterator

from factcheck_app.domain.matching import (
    MAX_RANKED_TERMS,
    search_expression,
    similarity,
    word_matcher,
)
from factcheck_app.domain.models import (
    EarlierVerdict,
    SearchHit,
    SearchResults,
    SearchScope,
)
from factcheck_app.storage import search as storage_search
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.search import COLUMNS, IndexHit

# Below this a "resemblance" is mostly shared topic words, not the same claim.
MIN_SIMILARITY = 0.3
# BM25 candidates re-ranked per look-up: enough to find rewordings, few enough to be quick.
CANDIDATES = 40
SEARCH_LIMIT = 200
# What one stretch of a search in steps aims at (`search_in_steps`): a turn of the
# window well under the 100 ms a key may wait, in few enough stretches that the search
# as a whole takes not much longer than at once.
RANK_TURN_SECONDS = 0.04

_COLUMN_LABELS = {
    "words": "Sentence",
    "claimant": "Claimant",
    "explanation": "Explanation",
    "sources": "Sources",
}


def earlier_verdicts(
    repo: WorkspaceRepository, sentence_id: int, text: str, *, limit: int = 5
) -> list[EarlierVerdict]:
    """Judged sentences elsewhere in the workspace that resemble ``text``, most alike first."""
    candidates = repo.search.judged_like(text, exclude=sentence_id, limit=CANDIDATES)
    found = repo.sentences.found_sentences(candidates)
    scored = sorted(
        (
            (similarity(text, f.row.sentence.text), sid)
            for sid, f in found.items()
            if f.row.review.verdict
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )
    return [
        EarlierVerdict(found[sid], score, tuple(repo.sources.links_for_sentence(sid)))
        for score, sid in scored[:limit]
        if score >= MIN_SIMILARITY
    ]


def search_workspace(
    repo: WorkspaceRepository,
    query: str,
    scope: SearchScope = SearchScope.EVERYWHERE,
    *,
    limit: int = SEARCH_LIMIT,
) -> SearchResults:
    """Sentences whose words, claimant, explanation or sources hold every word of ``query``."""
    expression = search_expression(query)
    if expression is None:
        return SearchResults(query, 0, ())
    columns = COLUMNS if scope is SearchScope.EVERYWHERE else (scope.value,)
    # (" AND " joins the terms and is in none: each term is quoted, its words lower case)
    ranked = expression.count(" AND ") < MAX_RANKED_TERMS
    # An article an import is still writing is indexed slice by slice, and listed only
    # once whole: its sentences were found under a title the list did not show, and the
    # window, asked to show one, said the article was no longer in the workspace.
    hidden = repo.articles.unfinished()
    total, index_hits = repo.search.match(
        expression, columns=columns, limit=limit, ranked=ranked, hidden=hidden
    )
    return _results(repo, query, columns, total, index_hits)


def search_in_steps(
    repo: WorkspaceRepository,
    query: str,
    scope: SearchScope = SearchScope.EVERYWHERE,
    *,
    limit: int = SEARCH_LIMIT,
) -> Iterator[SearchResults | None]:
    """`search_workspace` a stretch of the index at a time: None after each step (the
    caller's turn may end there), then the results: the same, in the same order (ties
    by sentence id, as there). Ranking every match of a common word in one statement
    held a year's window for 84-99 ms, 200-440 ms on a busy machine. The count is one
    step, each stretch one, the results one; a workspace of one stretch is searched in
    a single step, as at once.

    A stretch's statement costs a part that does not depend on its size (FTS5 counts
    each term's rows for BM25: about as long as the count) and a part per match, so the
    stretches are sized as they go: each aims at `RANK_TURN_SECONDS`, or at twice the
    fixed part when that alone takes longer (a busy machine), within an eighth and eight
    times `storage.search.RANK_STRETCH` sentences."""
    expression = search_expression(query)
    if expression is None or expression.count(" AND ") >= MAX_RANKED_TERMS:
        yield search_workspace(repo, query, scope, limit=limit)  # nothing to rank: quick
        return
    columns = COLUMNS if scope is SearchScope.EVERYWHERE else (scope.value,)
    index = repo.search
    hidden = repo.articles.unfinished()  # as in `search_workspace`
    began = time.monotonic()
    total = index.match_count(expression, columns=columns, hidden=hidden)
    fixed = time.monotonic() - began  # about what each stretch pays before its matches
    ids = index.id_range() if total else None
    best: list[tuple[float, int]] = []
    if ids is not None:
        low, high = ids
        size = storage_search.RANK_STRETCH
        # Stretches of `size` sentences, not ids: with a sentence numbered 10**12 (a file
        # edited outside the desk) stretches of ids took millions of turns.
        several = index.stretch_end(low, size + 1) is not None
        if several:
            yield None
        start = low
        while start <= high:
            began = time.monotonic()
            end = index.stretch_end(start, size)
            stretch = (start, high if end is None else end)
            found = index.ranked_in(
                expression, stretch, columns=columns, limit=limit, hidden=hidden
            )
            best = heapq.nsmallest(limit, best + found)
            spent = time.monotonic() - began
            size = _next_stretch(size, spent, fixed)
            start = stretch[1] + 1
            if several:
                yield None  # the next stretch, or the results, in a turn of their own
    yield _results(repo, query, columns, total, index.hits([sid for _rank, sid in best]))


def _next_stretch(size: int, spent: float, fixed: float) -> int:
    """The next stretch's sentences: a stretch of `size` sentences took `spent` seconds,
    `fixed` of them whatever its size; aimed at `RANK_TURN_SECONDS` (or twice the fixed
    part), growing or shrinking gently, within an eighth and eight times the first
    stretch. (Only the last stretch holds fewer, and nothing is sized after it.)"""
    per_sentence = max(spent - fixed, 1e-6) / size
    room = max(RANK_TURN_SECONDS - fixed, fixed)
    first = storage_search.RANK_STRETCH
    wanted = min(max(int(room / per_sentence), size // 2), size * 4)
    return min(max(wanted, first // 8, 1), first * 8)


def _results(
    repo: WorkspaceRepository,
    query: str,
    columns: tuple[str, ...],
    total: int,
    index_hits: list[IndexHit],
) -> SearchResults:
    """The hits found in the index as the sentences they are, with where each matched."""
    found = repo.sentences.found_sentences([h.sentence_id for h in index_hits])
    wanted = word_matcher(query)

    def matched_in(hit: IndexHit) -> tuple[str, ...]:
        """Which searched parts of a hit hold a searched word."""
        return tuple(
            _COLUMN_LABELS[c]
            for c in columns
            if any(wanted(word) for word in hit.columns.get(c, "").split())
        )

    hits = tuple(
        SearchHit(found[h.sentence_id], matched_in(h)) for h in index_hits if h.sentence_id in found
    )
    return SearchResults(query, total, hits)


class Lookup:
    """Search and earlier verdicts over one workspace, for the front ends."""

    def __init__(self, repo: WorkspaceRepository) -> None:
        self.repo = repo

    def search(self, query: str, scope: SearchScope = SearchScope.EVERYWHERE) -> SearchResults:
        """Search the whole workspace: sentences, claimants, explanations and sources."""
        return search_workspace(self.repo, query, scope)

    def index_due(self) -> bool:
        """Is the search index to be built (or rebuilt) before the first search can run
        (the command line on a workspace whose index is out of date: seconds)?"""
        return self.repo.search.due_at_search()

    def make_searchable(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Build what `index_due` says now, telling `progress(done, sentences)` as it
        goes (else the first search does it, untold)."""
        self.repo.search.ensure_searchable(progress)

    def search_in_steps(
        self, query: str, scope: SearchScope = SearchScope.EVERYWHERE
    ) -> Iterator[SearchResults | None]:
        """`search`, a stretch of the index at a time (`search_in_steps`)."""
        return search_in_steps(self.repo, query, scope)

    def earlier_verdicts(self, sentence_id: int, *, limit: int = 5) -> list[EarlierVerdict]:
        """Judged sentences anywhere in the workspace resembling this one, most alike first."""
        sentence = self.repo.sentences.get_sentence(sentence_id)
        return earlier_verdicts(self.repo, sentence_id, sentence.text, limit=limit)
