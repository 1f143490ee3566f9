"""`taken_back`, the one rule of which step an undo takes back (who gave a verdict, and
which of a merged file's undos are believed), on histories small enough to read."""

from __future__ import annotations

from factcheck_app.services.history import Move, taken_back


def _moves(*entries: tuple[str, str, str, bool]) -> list[Move]:
    return [Move(action, before, after, here) for action, before, after, here in entries]


def test_an_undo_takes_back_the_newest_step_that_left_what_it_starts_from() -> None:
    found = taken_back(
        _moves(
            ("do", "none", "false", True),  # 0: Alice's "false"
            ("do", "false", "true", True),  # 1
            ("do", "true", "false", True),  # 2: Bob's "false"
            ("undo", "false", "true", True),  # 3: takes back 2, not 0
        )
    )
    assert found.of == {3: 2} and found.undone == {2} and not found.forged


def test_a_redo_puts_its_step_back_and_an_undo_of_the_redo_takes_it_back_again() -> None:
    moves = _moves(
        ("do", "none", "false", True),  # 0
        ("undo", "false", "none", True),  # 1
        ("redo", "none", "false", True),  # 2
        ("undo", "false", "none", True),  # 3: of the redo: step 0 undone again
    )
    redone = taken_back(moves[:3])
    assert redone.of == {1: 0, 2: 1} and not redone.undone
    again = taken_back(moves)
    assert again.of == {1: 0, 2: 1, 3: 2} and again.undone == {0}


def test_a_step_merged_in_after_ours_is_not_what_our_undo_takes_back() -> None:
    """A copy that made the same decision, merged (its entry after ours), then the merge
    and our decision undone: our undo takes back ours, and is no forgery."""
    found = taken_back(
        _moves(
            ("do", "conflict", "decided", True),  # 0: ours
            ("do", "conflict", "decided", False),  # 1: theirs, merged in
            ("undo", "decided", "conflict", True),  # 2
        )
    )
    assert found.of == {2: 0} and found.undone == {0} and not found.forged


def test_an_undo_of_a_step_only_another_file_wrote_is_forged_and_takes_back_nothing() -> None:
    found = taken_back(
        _moves(
            ("do", "conflict", "decided", False),  # 0: merged in
            ("undo", "decided", "conflict", True),  # 1: written here
        )
    )
    assert found.forged == {1} and not found.of and not found.undone
