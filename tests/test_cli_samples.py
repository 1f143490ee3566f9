"""The default workspace made from the command line gets the sample article the window's
first start shows, once: a newcomer who first runs `factcheck-app import` and then opens
the window finds the same desk as one who opened the window first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_app import config
from factcheck_app.cli import run
from tests.conftest import REPO_ROOT, SEED_FILE

MINE = "The minister said 40 schools were built. The opposition denies it."


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of its own: the default workspace is not made yet."""
    folder = tmp_path / "data"
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(folder))
    return folder


def titles(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    capsys.readouterr()
    assert run(["list", *args]) == 0
    return [line.split("\t")[1] for line in capsys.readouterr().out.splitlines()]


def sample_title() -> str:
    return SEED_FILE.read_text(encoding="utf-8").split("date 2020-10-04", 1)[1].split(",")[0]


def test_the_default_workspace_made_by_import_holds_the_sample(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_text(MINE, encoding="utf-8")
    assert run(["import", str(mine)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "2\t2\tThe minister said 40 schools were built.\n"  # the file's line
    assert captured.err == (
        f"factcheck-app: note: made the workspace {config.default_workspace_path()}, "
        "with 1 sample article to try the desk on.\n"
    )
    shown = titles(capsys)
    assert len(shown) == 2 and shown[0].strip().startswith(sample_title().strip())


def test_a_sample_removed_from_the_command_line_stays_removed(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_text(MINE, encoding="utf-8")
    assert run(["import", str(mine)]) == 0
    assert run(["remove", "--article", "1"]) == 0
    assert run(["import", str(SEED_FILE.parent / "missing.txt")]) == 1  # opens it again
    assert titles(capsys) == ["The minister said 40 schools were built."]


def test_a_named_workspace_gets_no_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    named = tmp_path / "desk.fcdesk"
    mine = tmp_path / "mine.txt"
    mine.write_text(MINE, encoding="utf-8")
    assert run(["import", "-w", str(named), str(mine)]) == 0
    assert capsys.readouterr().err == ""
    assert titles(capsys, "-w", str(named)) == ["The minister said 40 schools were built."]


def test_two_commands_making_the_workspace_at_once_add_the_sample_once(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    files = []
    for n in range(2):
        file = tmp_path / f"article-{n}.txt"
        file.write_text(f"Article {n} says {n + 7} things. It has two sentences.", "utf-8")
        files.append(file)
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "factcheck_app", "import", "--wait", "60", str(file)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for file in files
    ]
    outcomes = [process.communicate(timeout=120) for process in started]
    assert [process.returncode for process in started] == [0, 0], outcomes
    notes = [err for _, err in outcomes if "sample article" in err]
    assert len(notes) == 1
    shown = titles(capsys)
    assert len(shown) == 3
    assert sum(title.strip().startswith(sample_title().strip()) for title in shown) == 1


def test_a_first_run_killed_while_making_the_workspace_leaves_none_half_made(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`factcheck-app import` on a new machine, killed (kill -9, the laptop shut) as the
    default workspace was being made: it left an empty file in its place, and every later
    command and start called it "emptied by a failed copy, sync or disk problem" and
    refused to go on until it was deleted by hand. Now there is no workspace until one is
    whole; the next run makes it, samples and all."""
    mine = tmp_path / "mine.txt"
    mine.write_text(MINE, encoding="utf-8")
    killed_as_sqlite_starts = (
        "import os, signal, sys\n"
        "from factcheck_app.storage import schema_guard\n"
        "schema_guard.harden = lambda conn: os.kill(os.getpid(), signal.SIGKILL)\n"
        "from factcheck_app.cli import run\n"
        "run(['import', sys.argv[1]])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", killed_as_sqlite_starts, str(mine)], env=env, capture_output=True
    )
    assert result.returncode == -9
    half_made = config.default_workspace_path().exists()
    capsys.readouterr()
    status = run(["import", str(mine)])
    err = capsys.readouterr().err
    assert "empty (0 bytes)" not in err
    assert status == 0 and "made the workspace" in err and "1 sample article" in err
    assert not half_made  # nothing was under its name
    assert titles(capsys)[-1] == MINE.split(".")[0] + "."
    assert sorted(p.name for p in data_dir.glob("*.creating*")) == []
