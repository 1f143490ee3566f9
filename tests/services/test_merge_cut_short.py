"""A merge a desk was stopped in (killed, a crash, a power cut) is one transaction:
nothing of it is in the workspace. The next open said nothing of it: the crash box said
"Every edit it saved is in the workspace" (with no other edit, no box at all), and the
editor who saw it merging took the colleague's work for merged. Now the merge notes,
committed, that it is running (services/session.py `note_running_merge`), and the next
open for editing says so when its own history entry is not there; a merge committed
just before the kill is not named (the window's box: tests/gui/test_workspace_safety.py).
Killed for real: the desk runs in another process (tests/desk_left_open.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.errors import Cancelled, WorkspaceError
from factcheck_app.services import session
from factcheck_app.services.desk import Desk
from tests.desk_left_open import desk_left_open
from tests.services.merge_fixtures import make_alice, make_bob

NOTE = (
    "factcheck-app: note: The merge of bob.fcdesk had not finished: nothing of it was "
    "merged, so merge it again."
)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    return alice, bob


def _titles(path: Path) -> list[str]:
    desk = Desk.open(path, read_only=True)
    try:
        return sorted(a.source_name for a in desk.articles.list_articles())
    finally:
        desk.close()


def test_a_merge_killed_in_its_transaction_is_named_at_the_next_command_that_writes(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alice, bob = pair
    before = _titles(alice)
    with desk_left_open(alice, "Alice") as killed:
        killed.do("merge-crash", str(bob))
    assert _titles(alice) == before  # nothing of it: one transaction
    assert run(["list", "-w", str(alice)]) == 0  # a reader says nothing, and keeps it
    assert capsys.readouterr().err == ""
    note = tmp_path / "note.txt"
    note.write_text("The council met on Tuesday.", encoding="utf-8")
    assert run(["import", "-w", str(alice), str(note)]) == 0
    assert NOTE in capsys.readouterr().err
    assert run(["import", "-w", str(alice), str(note)]) == 0  # told once
    assert "bob.fcdesk" not in capsys.readouterr().err
    # Merged again as it says, it comes in whole.
    assert run(["merge", "-w", str(alice), str(bob)]) == 0
    assert "Merged bob.fcdesk: 2 articles added" in capsys.readouterr().out
    assert "bob.txt" in _titles(alice)


def test_a_window_opened_after_it_is_told_and_a_merge_that_got_in_is_not_named(
    pair: tuple[Path, Path],
) -> None:
    alice, bob = pair
    with desk_left_open(alice, "Alice") as killed:
        killed.do("merge-crash", str(bob))
    desk = Desk.open(alice, backup=False)
    try:
        assert desk.cut_short_merge == "bob.fcdesk"
    finally:
        desk.close()
    # Killed again, this time just after the merge was committed: it is in, not named.
    with desk_left_open(alice, "Alice") as killed:
        killed.do("merge-crash-committed", str(bob))
    assert "bob.txt" in _titles(alice)
    desk = Desk.open(alice, backup=False)
    try:
        assert desk.cut_short_merge == ""
        edits = [e.description for e in desk.unconfirmed_edits_described()]
        assert "Merge bob.fcdesk" in edits  # the crash box lists the merge among its edits
        assert desk.repo.settings.get_setting(session.MERGE_RUNNING) is None
    finally:
        desk.close()


def test_the_next_command_says_nothing_of_a_merge_committed_just_before_the_kill(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alice, bob = pair
    with desk_left_open(alice, "Alice") as killed:
        killed.do("merge-crash-committed", str(bob))
    note = tmp_path / "note.txt"
    note.write_text("The council met on Tuesday.", encoding="utf-8")
    assert run(["import", "-w", str(alice), str(note)]) == 0
    assert "bob.fcdesk" not in capsys.readouterr().err


def test_a_merge_cancelled_or_refused_leaves_no_note(pair: tuple[Path, Path]) -> None:
    # Cancelled (the window's Cancel, or its close when logging out, which notes the
    # stopped merge for the next start itself): not said a second time at the next open.
    alice, bob = pair

    def cancel(_fraction: float, stage: str) -> None:
        if stage == "Merging":
            raise Cancelled("Cancelled.")

    desk = Desk.open(alice, backup=False)
    try:
        with pytest.raises(Cancelled):
            desk.merge.merge(bob, cancel)
        assert desk.repo.settings.get_setting(session.MERGE_RUNNING) is None
        not_a_workspace = alice.with_name("report.fcdesk")
        not_a_workspace.write_text("Not a workspace.", encoding="utf-8")
        with pytest.raises(WorkspaceError):
            desk.merge.merge(not_a_workspace)
        assert desk.repo.settings.get_setting(session.MERGE_RUNNING) is None
        desk.merge.merge(bob)
        assert desk.repo.settings.get_setting(session.MERGE_RUNNING) is None
    finally:
        desk.close()


def test_a_name_cannot_turn_the_words_around() -> None:
    said = session.merge_cut_short_said("\u202ekcedcf.exe")
    assert "\u202e" not in said and said.endswith("so merge it again.")
