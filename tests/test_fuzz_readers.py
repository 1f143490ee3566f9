"""The mutation fuzzer of the readers of untrusted files (bench/fuzz_readers.py) still
runs: a handful of cases through every reader with a fixed seed, none a finding. The
fuzzing itself is a bench run by hand (docs/safety.md "Fuzzing the readers")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
