"""Killing the process right after an edit loses nothing that was shown as done, and a
copy of the workspace taken meanwhile opens sound and says what it lacks."""

from __future__ import annotations

import os
from pathlib import Path

from tests.stress.kill_loop import WRITER, run_kill_loop

# CI runs a shorter loop; `python -m tests.stress.kill_loop` runs the full 50 (docs/safety.md).
ROUNDS = int(os.environ.get("FACTCHECK_KILL_ROUNDS", "12"))


def test_sigkill_at_random_moments_loses_no_acknowledged_edit(tmp_path: Path) -> None:
    result = run_kill_loop(tmp_path, ROUNDS)
    assert result.acknowledged > ROUNDS  # the writer really was writing when killed
    assert result.integrity_failures == 0
    assert result.lost == 0, result.summary()
    # Copies of the file taken while the writer ran, opened as they are, beside another
    # workspace's -wal, or beside the writer's own (tests/stress/kill_loop.py).
    assert result.copies.opened + result.copies.refused + result.copies.torn == ROUNDS
    assert not result.copies.problems, "\n".join([*result.copies.problems, result.summary()])


def test_the_loop_finds_an_acknowledged_verdict_that_was_not_saved(tmp_path: Path) -> None:
    """The writer acknowledges edit n once its explanation n and its verdict are saved:
    the loop must miss either. Here the verdict is never saved, and edits acknowledged
    anyway must be counted lost (the loop once read the explanations alone: 0 lost)."""
    forgetful = WRITER.replace("desk.reviews.set_verdict(sid, ratings[n % 3])", "pass")
    assert forgetful != WRITER
    result = run_kill_loop(tmp_path, 3, copies=False, writer_code=forgetful)
    assert result.acknowledged > 0
    assert result.lost > 0, result.summary()
