"""The real window and command-line processes on one workspace with random SIGKILLs
(tests/stress/multiprocess_stress.py): a few rounds on every run, 30 with `-m slow`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.stress.multiprocess_stress import run_stress

# CI runs a few rounds; `python -m tests.stress.multiprocess_stress` runs the full 30
# (docs/safety.md).
ROUNDS = int(os.environ.get("FACTCHECK_MULTIPROCESS_ROUNDS", "3"))


def test_window_and_command_line_tools_at_once_lose_and_damage_nothing(tmp_path: Path) -> None:
    result = run_stress(tmp_path, ROUNDS, seed=12, stop_on_problem=True)
    assert result.ok, "\n".join([*result.problems, result.summary()])
    assert result.cli_runs >= 2 * ROUNDS  # the tools really ran beside the window
    assert result.acknowledged > 0


def test_logging_out_during_a_backup_with_typed_text_keeps_it_and_every_backup_sound(
    tmp_path: Path,
) -> None:
    # Automatic backups due at every open and at the window's look, and logging out
    # (SIGTERM) with typed text (multiprocess_stress --logout): text kept at the first is
    # shown at the second open (checked by the round).
    result = run_stress(tmp_path, 2, seed=21, stop_on_problem=True, logout=True, plans=("logout",))
    assert result.ok, "\n".join([*result.problems, result.summary()])
    assert result.window_logouts == 2 and result.backups_made > 0
    # Each logout met its typed text: saved into its sentence, or kept for the next start.
    assert result.typed_saved_on_logout + result.typed_kept == 2


@pytest.mark.slow
def test_thirty_rounds(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    # Nothing deselects `slow` by default (pyproject registers the marker only), so the
    # long run waits to be asked for: pytest -m slow tests/stress/test_multiprocess_stress.py
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("30 rounds, a few minutes: run with -m slow")
    result = run_stress(tmp_path, 30, seed=2026, stop_on_problem=True)
    assert result.ok, "\n".join([*result.problems, result.summary()])
    assert result.window_kills > 0 and result.cli_killed > 0
