"""A desk closed or killed while another program reads the workspace, as Datasette does
(tests/stress/reader_kill_loop.py): a few rounds on every run; the long run's numbers
are in docs/safety.md."""

from __future__ import annotations

import os
from pathlib import Path

from tests.stress.reader_kill_loop import run_reader_kill_loop

ROUNDS = int(os.environ.get("FACTCHECK_READER_KILL_ROUNDS", "6"))


def test_a_copy_of_the_file_alone_after_a_close_beside_a_reader_holds_every_edit(
    tmp_path: Path,
) -> None:
    result = run_reader_kill_loop(tmp_path, ROUNDS, seed=5)
    assert result.ok, "\n".join([*result.problems, result.summary()])
    assert result.closes > 0 and result.kills > 0
    assert result.copies == ROUNDS  # one copy of the file alone after every close
    assert result.reader_transactions > ROUNDS  # the reader really was reading meanwhile
