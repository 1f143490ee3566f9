"""Workspace-wide search and "earlier verdicts", over the full-text index.

Earlier verdicts: FTS5 finds judged sentences sharing content words with the current one
(BM25 order); `similarity` then re-ranks them, robust to rewording and number formats,
and only those alike enough are offered. Both answer from the index in milliseconds;
`bench/bench_earlier_verdicts.py` measures them on a workspace of 1,000 articles.
"""

from __future__ import annotations

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
from factcheck_app.storage.repositories import WorkspaceRepository
from factcheck_app.storage.search import COLUMNS, IndexHit

# Below this a "resemblance" is mostly shared topic words, not the same claim.
MIN_SIMILARITY = 0.3
# BM25 candidates re-ranked per look-up: enough to find rewordings, few enough to be quick.
CANDIDATES = 40
SEARCH_LIMIT = 200

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
    total, index_hits = repo.search.match(expression, columns=columns, limit=limit, ranked=ranked)
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

    def earlier_verdicts(self, sentence_id: int, *, limit: int = 5) -> list[EarlierVerdict]:
        """Judged sentences anywhere in the workspace resembling this one, most alike first."""
        sentence = self.repo.sentences.get_sentence(sentence_id)
        return earlier_verdicts(self.repo, sentence_id, sentence.text, limit=limit)
