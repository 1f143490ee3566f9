"""A desk killed (SIGKILL) or logged out (SIGTERM) while its automatic backup is written
or old backups are thinned (tests/stress/backup_kill_loop.py): a few rounds on every run;
the long run's numbers are in docs/safety.md."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.stress import backup_kill_loop
from tests.stress.backup_kill_loop import run_backup_kill_loop

ROUNDS = int(os.environ.get("FACTCHECK_BACKUP_KILL_ROUNDS", "8"))


def test_a_backup_killed_or_stopped_at_any_moment_leaves_only_sound_backups(
    tmp_path: Path,
) -> None:
    result = run_backup_kill_loop(tmp_path, ROUNDS, seed=3, sentences=3000)
    assert result.ok, "\n".join([*result.problems, result.summary()])
    assert result.killed > 0 and result.logged_out > 0
    assert result.acknowledged > ROUNDS  # the writer really was writing meanwhile
    assert result.backups_made > 0  # the backup was due: the round's end met it


def test_a_backup_killed_beside_a_reader_restores_and_leaves_the_file_alone_whole(
    tmp_path: Path,
) -> None:
    """Another program reads the workspace (Datasette, `sqlite3`) while the backup is
    taken and the desk is killed or logs out: every new backup is whole and restores,
    and the main file alone holds every acknowledged edit once the desk has closed."""
    rounds = max(4, ROUNDS // 2)
    result = run_backup_kill_loop(tmp_path, rounds, seed=4, sentences=3000, reader=True)
    assert result.ok, "\n".join([*result.problems, result.summary()])
    assert result.reader_transactions > rounds  # the reader really was reading meanwhile
    assert result.file_alone_copies == rounds
    assert result.file_alone_complete == rounds
    assert result.restores == result.backups_made  # each new backup restored and opened


def test_the_loop_beside_a_reader_catches_a_logout_that_leaves_saves_in_the_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loop's own check: a desk whose logout closes without moving its saves into the
    file (beside a reader, SQLite leaves them in the -wal) is caught by the copy of the
    file alone taken at once; the loop's reopen must not settle them first."""
    unsettled = backup_kill_loop.WRITER.replace(
        "desk.close()", "desk.workspace._settle_before_close = lambda: None\ndesk.close()"
    ).replace("desk.settle_saves()", "pass")  # nor on a pause: every round leaves some
    assert unsettled != backup_kill_loop.WRITER
    monkeypatch.setattr(backup_kill_loop, "WRITER", unsettled)
    # Datasette's kind: always connected, so SQLite's own last close never settles them.
    monkeypatch.setattr(backup_kill_loop, "READER_KINDS", ("datasette", "datasette"))
    result = run_backup_kill_loop(tmp_path, 6, seed=1, sentences=3000, reader=True)
    assert result.logged_out > 0
    assert any("the main file alone lacks" in problem for problem in result.problems), (
        result.summary()
    )
