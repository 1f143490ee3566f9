"""The mutation fuzzer of the readers of untrusted files (bench/fuzz_readers.py) still
runs: a handful of cases through every reader with a fixed seed, none a finding. The
fuzzing itself is a bench run by hand (docs/safety.md "Fuzzing the readers")."""

from __future__ import annotations

import _io
import builtins
import io
import os
import posix
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT


def test_the_reader_fuzzer_runs_a_few_cases_of_every_reader(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    script = REPO_ROOT / "bench" / "fuzz_readers.py"
    arguments = ["--seed", "3", "--cases", "15", "--out", str(tmp_path / "findings")]
    done = subprocess.run(
        [sys.executable, str(script), *arguments],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "15 cases in" in done.stdout
    for reader in ("import", "open", "merge", "restore", "clean"):
        assert f"  {reader} " in done.stdout
    assert "no findings" in done.stdout
    assert not list((tmp_path / "findings").iterdir())


def _fuzzer(monkeypatch: pytest.MonkeyPatch) -> Any:
    """bench/fuzz_readers.py, run here as in its runner process: it reads its scratch copy
    of the user's workspace by path (after a checkpoint), which the suite's guard against
    reading a live workspace refuses."""
    monkeypatch.setattr(io, "open", _io.open)
    monkeypatch.setattr(builtins, "open", _io.open)
    monkeypatch.setattr(os, "open", posix.open)
    sys.path.insert(0, str(REPO_ROOT / "bench"))
    try:
        import fuzz_readers
    finally:
        sys.path.remove(str(REPO_ROOT / "bench"))
    return fuzz_readers


def test_a_merge_refused_in_words_is_a_refusal_not_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A merge notes, committed, that it runs (for a crash in it to be told at the next
    # open) and removes the note when it is refused: the user's file is written twice,
    # its records are as they were. Every refused merge of Run 15 (seeds 3103 and 3109,
    # 123 cases) was called "a refused merge changed the user's workspace".
    from factcheck_app.domain.errors import FactcheckError

    fuzzer = _fuzzer(monkeypatch)
    built = fuzzer.build_workspaces(tmp_path / "built")
    case = tmp_path / "not-a-workspace.fcdesk"
    case.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(FactcheckError, match="cannot be merged"):
        fuzzer.run_merge(case, work, built["user"])


def test_a_refused_merge_that_leaves_its_note_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The note left behind would have a later crash's box say this merge had not
    # finished: the fuzzer must still see a refused merge that changed a record.
    import factcheck_app.services.merge as merging

    fuzzer = _fuzzer(monkeypatch)
    built = fuzzer.build_workspaces(tmp_path / "built")
    case = tmp_path / "not-a-workspace.fcdesk"
    case.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setattr(merging, "end_running_merge", lambda _repo: None)
    with pytest.raises(fuzzer.Finding, match="a refused merge changed the user's workspace"):
        fuzzer.run_merge(case, work, built["user"])


def test_a_cleaned_copy_is_judged_against_the_original_as_read_with_its_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run 16, seed 3203 (cases 74, 99, 199): a workspace whose -wal (mutated) holds
    # reviews unlike their history, its file alone as it should be. The cleaning reads
    # the -wal and its copy rightly says so; the fuzzer judged the original by the file
    # alone, whose history verifies, and called the faithful copy a finding.
    import contextlib
    import shutil
    import sqlite3

    fuzzer = _fuzzer(monkeypatch)
    built = fuzzer.build_workspaces(tmp_path / "built")
    case = tmp_path / "case.fcdesk"
    shutil.copyfile(built["user"], case)
    with contextlib.closing(sqlite3.connect(case, isolation_level=None)) as db:
        db.execute("PRAGMA wal_autocheckpoint = 0")
        db.execute("UPDATE reviews SET explanation = 'Changed outside the desk.'")
        shutil.copyfile(case, tmp_path / "changed.fcdesk")  # the file alone, as it was
        shutil.copyfile(f"{case}-wal", tmp_path / "changed.fcdesk-wal")  # the change
    work = tmp_path / "work"
    work.mkdir()
    assert fuzzer._history_verifies(tmp_path / "changed.fcdesk") is True
    fuzzer.run_clean(tmp_path / "changed.fcdesk", work, built["user"])  # no finding
