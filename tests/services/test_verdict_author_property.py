"""verdict_author's one-pass reading of "taken back since" (`sign_offs._Since`) gives the
answers of the plain rule it replaced: for each step that could have given the verdict,
`taken_back` over that step and every entry after it, written out anew."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck_app.domain.history import HistoryEntry, canonical
from factcheck_app.domain.models import Review, Status
from factcheck_app.services import sign_offs
from factcheck_app.services.history import Move, taken_back


class _Plain:
    """The rule before `_Since` (3286079d): every entry since the step written out again,
    and `taken_back` asked whatever undos there are."""

    def __init__(self) -> None:
        self.entries: list[tuple[HistoryEntry, Any, Any]] = []

    def add(self, entry: HistoryEntry, before: Any, after: Any) -> None:
        self.entries.append((entry, before, after))

    def undone(self) -> bool:
        moves = [
            Move.of_entry(entry, canonical(before), canonical(after))
            for entry, before, after in reversed(self.entries)
            if entry.action != "merge"
        ]
        return 0 in taken_back(moves).undone


class _History:
    """What `_had_it_before` asks of the history: a merge began after some entries."""

    @staticmethod
    def merge_began_after(seq: int) -> int | None:
        return seq + 1 if seq % 3 == 0 else None


class _Repo:
    history = _History()


_STATES = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {"rating": st.sampled_from([None, "true", "false", "mixed"])},
        optional={"status": st.sampled_from([Status.CONFLICT.value, "done"])},
    ),
)
_ENTRIES = st.tuples(
    st.sampled_from(["verdict", "verdict", "undo", "undo", "redo", "merge"]),
    _STATES,
    _STATES,
    st.sampled_from(["", "", "elsewhere"]),
    # Most undos and redos turn an earlier entry's states round, as Ctrl+Z and Ctrl+Y do
    # (its place among the entries before, from the newest): random states seldom meet.
    st.one_of(st.none(), st.integers(0, 5), st.integers(0, 5)),
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_ENTRIES, max_size=24),
    st.sampled_from(["true", "false", "mixed"]),
    st.integers(1, 24),
)
def test_verdict_author_reads_taken_back_as_the_plain_rule_did(
    drawn: list[tuple[str, Any, Any, str, int | None]], verdict: str, reviewer: int
) -> None:
    """Random histories of steps, undos, redos, merges, some merged in from elsewhere,
    over a few verdicts: the checker named is the plain rule's, entry for entry (each
    entry by its own reviewer, so that any other step named shows)."""
    states: list[tuple[Any, Any]] = []
    for action, before, after, _origin, turned in drawn:
        if action in ("undo", "redo") and turned is not None and turned < len(states):
            after, before = states[-1 - turned]
        states.append((before, after))
    steps = [
        (
            HistoryEntry(
                seq=seq,
                at="2026-12-07T09:00:00+00:00",
                reviewer=f"r{seq}",
                action=action,
                article_id=1,
                sentence_id=7,
                before=canonical(before),
                after=canonical(after),
                prev_hash="",
                hash="",
                origin=origin,
            ),
            before,
            after,
        )
        for seq, ((action, _b, _a, origin, _t), (before, after)) in enumerate(
            zip(drawn, states, strict=True), start=1
        )
    ][::-1]  # newest first, as sentence_steps reads them
    review = Review(7, verdict=verdict, reviewer=f"r{reviewer}")
    repo: Any = _Repo()
    original = sign_offs.sentence_steps, sign_offs._Since
    try:
        sign_offs.sentence_steps = lambda _repo, _id: iter(steps)  # type: ignore[assignment]
        now = sign_offs.verdict_author(repo, review)
        sign_offs._Since = _Plain  # type: ignore[assignment,misc]
        before = sign_offs.verdict_author(repo, review)
    finally:
        sign_offs.sentence_steps, sign_offs._Since = original  # type: ignore[misc]
    assert now == before
