"""A colleague's damaged file refused by a merge, whatever its name. The refusal was made
by cutting the storage's message at its advice words (" It was left", " Run File →
Check", "; the workspace may be damaged") and a pattern over what was left: a file named
with those words lost SQLite's report and showed "it is damaged (The workspace /their/
folder/Budget -)". The refusal is now composed from the damage's parts."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceDamaged
from tests.gui.test_workspace_safety import zero_an_index_page
from tests.services.merge_fixtures import dump, make_alice, make_bob, open_as

NAMES = [
    "bob.fcdesk",
    "restore it from a backup.fcdesk",
    "a(b]*.fcdesk",
    "a\nb.fcdesk",
    "bob\u200f.fcdesk",  # a right-to-left mark
    "Budget - It was left out.fcdesk",
    "Run File → Check Workspace.fcdesk",
    "x; the workspace may be damaged.fcdesk",
]


def _damaged_copy(tmp_path: Path, name: str) -> tuple[Path, str]:
    """Bob's workspace under `name`, an index page zeroed (a bad sector, a torn copy);
    and SQLite's report of that damage, as its quick check gives it (read on a copy)."""
    folder = tmp_path / "stick"
    folder.mkdir()
    theirs = folder / name
    make_bob(theirs)
    zero_an_index_page(theirs, "idx_sentences_article_start")
    look = tmp_path / "look.fcdesk"
    shutil.copyfile(theirs, look)
    conn = sqlite3.connect(look)
    try:
        report = str(conn.execute("PRAGMA quick_check").fetchone()[0])
    finally:
        conn.close()
    return theirs, report


def _told(theirs: Path, report: str) -> str:
    return (
        f"{theirs.name} cannot be merged: it is damaged ({report}). A copy taken while its "
        "desk had it open can be cut in the middle of a save: ask for a fresh copy (File → "
        "Save a Copy… in their desk makes a whole one even while it is open). Nothing was "
        f"merged, nothing here was changed, and {theirs.name} was left as it was."
    )


@pytest.mark.parametrize("name", NAMES)
def test_a_damaged_colleagues_file_is_refused_in_the_same_words_whatever_its_name(
    name: str, tmp_path: Path
) -> None:
    theirs, report = _damaged_copy(tmp_path, name)
    alice = tmp_path / "alice.fcdesk"
    make_alice(alice)
    ours = open_as(alice, "Alice")
    try:
        before = dump(ours)
        with pytest.raises(WorkspaceDamaged) as refused:
            ours.merge.merge(theirs)
        assert str(refused.value) == _told(theirs, report)
        assert refused.value.path == theirs
        assert not refused.value.backup_helps  # a backup of theirs is not ours to restore
        assert dump(ours) == before
    finally:
        ours.close()


@pytest.mark.parametrize("name", ["Budget - It was left out.fcdesk", "a(b]*.fcdesk"])
def test_merge_on_the_command_line_says_their_damage_whatever_their_name(
    name: str, tmp_path: Path
) -> None:
    theirs, report = _damaged_copy(tmp_path, name)
    alice = tmp_path / "alice.fcdesk"
    make_alice(alice)
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "merge", "-w", str(alice), str(theirs)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    # One line, SQLite's report's line break shown as the command line shows any.
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"factcheck-app: {name} cannot be merged: it is damaged (")
    assert report.splitlines()[-1] in line
    assert "The workspace" not in line and "restore" not in line
    assert line.endswith(f"and {name} was left as it was.")
