"""Checking a year's history (120,000 edits) read it all into memory first: Check
Workspace and `factcheck-app verify` took 140 MB more for it, growing all year."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator

from factcheck_app.domain.history import ChainHead, HistoryEntry, next_entry, verify

EXPLANATION = "The ministry's own figures say otherwise. " * 100  # 4 KB an entry


def chain(count: int, skip: int | None = None) -> Iterator[HistoryEntry]:
    """`count` chained edits made as they are read (without entry `skip`)."""
    head: ChainHead | None = None
    for n in range(count):
        entry = next_entry(
            head,
            at=f"2026-12-04T10:{n // 60 % 60:02d}:{n % 60:02d}Z",
            reviewer="Ana Ruiz",
            action="explanation",
            article_id=1 + n % 7,
            sentence_id=1 + n,
            before={"explanation": ""},
            after={"explanation": EXPLANATION},
        )
        head = ChainHead(entry.seq, entry.hash)
        if entry.seq != skip:
            yield entry


def _head(count: int) -> ChainHead:
    *_, last = chain(count)
    return ChainHead(last.seq, last.hash)


def test_the_history_is_checked_as_it_is_read() -> None:
    head = _head(2000)
    tracemalloc.start()
    try:
        assert verify(chain(2000), head) is None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000  # all of it at once: 2,000 entries of 4 KB, 8 MB and more


def test_a_streamed_history_still_tells_a_missing_entry() -> None:
    problem = verify(chain(50, skip=31), _head(50))
    assert problem is not None and problem.seq == 31 and "missing" in problem.reason
