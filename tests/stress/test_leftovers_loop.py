"""One round of each kind of write killed half-way (tests/stress/leftovers_loop.py); the
long run is bench/bench_leftovers.py, its numbers in docs/safety.md."""

from __future__ import annotations

from pathlib import Path

from tests.stress.harness import SEED_DIR
from tests.stress.leftovers_loop import KINDS, Loop, LoopResult, run_leftovers_loop


def test_each_kind_of_write_killed_half_way_leaves_nothing_after_the_next_run(
    tmp_path: Path,
) -> None:
    result = run_leftovers_loop(tmp_path, rounds=len(KINDS), seed=7, sentences=300)
    assert result.problems == []
    assert result.rounds == len(KINDS)


def _md_report(minute: str) -> bytes:
    return (
        "# Fact-check: The long article\n\n*Report of 6 December 2026*\n\n"
        + "The ministry said 7 schools opened in district 7 this year.\n\n" * 50
        + f"*Prepared with Factcheck desk 0.1.0 on 2026-12-06 {minute} UTC.*\n"
    ).encode()


def test_a_report_finished_before_the_kill_in_another_minute_is_complete(
    tmp_path: Path,
) -> None:
    # A Markdown report ends with the minute it was made: one this run finished just
    # before its kill, a minute after the last complete one, was called "cut short".
    loop = Loop(tmp_path, seed=7)
    loop.complete["md"] = _md_report("00:50")
    report = loop.out / "report.md"
    result = LoopResult()

    report.write_bytes(_md_report("00:51"))
    loop._check_report(report, "md", result)
    assert result.problems == []

    report.write_bytes(_md_report("00:51")[:-40])
    loop._check_report(report, "md", result)
    assert result.problems == ["export md: report.md was left cut short"]


def test_a_restore_that_ends_without_the_restored_backups_verdict_is_a_problem(
    tmp_path: Path,
) -> None:
    # A restore run to its end puts the backup it chose in the workspace's place: the
    # verdict must be that backup's (the crash's verdict acknowledged before, when the
    # backup is the workspace a killed restore set aside). The loop once accepted any
    # verdict after a restore, none at all too.
    loop = Loop(tmp_path, seed=7)
    loop.set_up(next(SEED_DIR.glob("*.txt")), 30)
    result = LoopResult()
    loop.restored = "true"  # the backup the restore chose held "true"; the file says "false"
    loop.check("restore", "md", result)
    assert result.problems == ["restore md: verdict false, the restored backup's true"]
