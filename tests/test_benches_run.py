"""The benches in bench/ still run on this code. They are run by hand, so one that the
app's changes broke went unnoticed for weeks (bench_earlier_verdicts.py imported inside
one transaction, which an import's slices no longer allow). Every script is imported
here, and the quickest run of the few that build their workspaces through the services
ends without an error: a second or two each. What they measure is not checked (the
numbers are in docs/performance.md); the long runs have tests of their own
(test_fuzz_readers.py, gui/test_window_monkey.py, stress/test_leftovers_loop.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

BENCH = REPO_ROOT / "bench"
SAFETY_NET_S = 120  # a hung bench fails the test, never a timing


def run(tmp_path: Path, *command: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        # The benches cache their workspaces in the temporary folder: this test's own.
        "TMPDIR": str(tmp_path),
        "FACTCHECK_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    return subprocess.run(
        [sys.executable, *command],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=SAFETY_NET_S,
    )


def test_every_bench_script_imports(tmp_path: Path) -> None:
    """A name a bench takes from the app (or from another bench) that is gone or renamed
    fails here, before anyone runs it."""
    names = sorted(path.stem for path in BENCH.glob("*.py"))
    assert "bench_review_loop" in names
    imports = "import sys\nsys.path.insert(0, sys.argv[1])\n" + "".join(
        f"import {name}\n" for name in names
    )
    done = run(tmp_path, "-c", imports, str(BENCH))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("script", "arguments", "said"),
    [
        ("bench_earlier_verdicts.py", ["--quick", "--articles", "10", "--queries", "20"], "Took"),
        ("bench_merge.py", ["--articles", "10", "--runs", "1"], "second merge"),
        ("bench_exports.py", ["--sentences", "60", "--runs", "1"], "claimreview"),
        ("bench_export_all_wal.py", ["--articles", "5"], "peak_wal_mb"),
        ("bench_long_explanation.py", ["--saves", "1", "--dump-mb", "1"], "data dump"),
        (
            "bench_history_growth.py",
            ["--sizes", "300", "--every", "30", "--revisions", "2"],
            "history",
        ),
        (
            "bench_sign_off_checker.py",
            ["--articles", "10", "--sample", "5", "--cache", "team"],
            "checker merged",
        ),
    ],
)
def test_the_quickest_run_of_a_bench_ends(
    tmp_path: Path, script: str, arguments: list[str], said: str
) -> None:
    done = run(tmp_path, str(BENCH / script), *arguments)
    assert done.returncode == 0, done.stdout + done.stderr
    assert said in done.stdout
