"""One round of each kind of write killed half-way (tests/stress/leftovers_loop.py); the
long run is bench/bench_leftovers.py, its numbers in docs/safety.md."""

from __future__ import annotations

from pathlib import Path

from tests.stress.leftovers_loop import KINDS, run_leftovers_loop


def test_each_kind_of_write_killed_half_way_leaves_nothing_after_the_next_run(
    tmp_path: Path,
) -> None:
    result = run_leftovers_loop(tmp_path, rounds=len(KINDS), seed=7, sentences=300)
    assert result.problems == []
    assert result.rounds == len(KINDS)
