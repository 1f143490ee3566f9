"""The removed-link rule reads every join, split and re-split in this workspace's history
at each merge (`sentences_remade`: which sentences before each sentence after was made
of). It compared every sentence after with every sentence before: a re-split of an
article of 10,000 sentences, and its undo, added 8.8 s to every merge from then on
(49,000 sentences, a 5 MB article: minutes), in a merge that has no Cancel. It takes time
about linear in the sentences now, with exactly the old results."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck_app.domain.merge_rules import sentences_remade
from tests.domain.test_linear_time import FLOOR_SECONDS, _no_gc, _seconds


def _states(n: int, shift: int, first_id: int) -> str:
    return json.dumps(
        [
            {"id": first_id + i, "start": 50 * i + shift, "end": 50 * i + shift + 50, "sources": []}
            for i in range(n)
        ]
    )


def test_a_long_re_split_is_read_in_about_linear_time() -> None:
    def timed(n: int) -> float:
        old, new = _states(n, 0, 1), _states(n, 25, 10 * n)
        return _seconds(lambda: sentences_remade(old, new))

    t_small = t_large = float("inf")
    with _no_gc():
        for _ in range(3):
            t_small = min(t_small, timed(1_000))
            t_large = min(t_large, timed(4_000))
            if t_large < max(8 * t_small, FLOOR_SECONDS):
                return
    raise AssertionError(f"1,000 sentences: {t_small:.3f} s; 4,000: {t_large:.3f} s")


def _oracle(old: str, new: str) -> list[tuple[int, list[int], set[str]]]:
    """The rule as first written (every pair compared): which sentences after overlap
    which before, in the order of the states."""
    before = json.loads(old)
    return [
        (
            after["id"],
            [b["id"] for b in before if b["start"] < after["end"] and after["start"] < b["end"]],
            set(after["sources"]),
        )
        for after in json.loads(new)
    ]


spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 30), st.sampled_from([[], ["u"], ["u", "v"]])),
    max_size=12,
)


@given(spans, spans)
@settings(max_examples=300, deadline=None)
def test_the_same_sentences_as_every_pair_compared(
    before: list[tuple[int, int, list[str]]], after: list[tuple[int, int, list[str]]]
) -> None:
    """Spans as a hostile file may hold them too: overlapping, empty, out of order."""

    def states(spans: list[tuple[int, int, list[str]]], first_id: int) -> str:
        return json.dumps(
            [
                {"id": first_id + i % 5, "start": s, "end": s + length, "sources": urls}
                for i, (s, length, urls) in enumerate(spans)
            ]
        )

    old, new = states(before, 1), states(after, 3)
    got = [(sentence, made_of, urls) for sentence, made_of, urls, _ in sentences_remade(old, new)]
    assert got == _oracle(old, new)
