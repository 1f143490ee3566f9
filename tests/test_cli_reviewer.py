"""Every command-line write records who made it: --reviewer NAME, else the stored name
(issue 16)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_app.__main__ import main as run
from factcheck_app.cli import build_parser
from factcheck_app.services.desk import Desk

# The commands that open a workspace for writing (cli._open_for_writing).
WRITE_COMMANDS = ("import", "export", "import-review")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


@pytest.mark.parametrize("command", WRITE_COMMANDS)
def test_every_write_command_takes_a_reviewer(command: str) -> None:
    options = {o for a in subcommands()[command]._actions for o in a.option_strings}
    assert "--reviewer" in options


def test_the_reviewer_given_is_the_one_recorded(
    seeded_desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seeded_desk.path
    seeded_desk.close()
    review = tmp_path / "review.json"
    assert run(["export", "-w", str(path), "--article", "1", "-o", str(review)]) == 0
    other = tmp_path / "other.fcdesk"
    args = ["import-review", "-w", str(other), "--reviewer", "Max Olsen", str(review)]
    assert run(args) == 0
    desk = Desk.open(other, read_only=True)
    try:
        (entry,) = desk.repo.history.history_since(0)
    finally:
        desk.close()
    assert entry["actor"] == "Max Olsen"


def test_a_name_that_cannot_be_recorded_is_refused_in_words(
    seeded_desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seeded_desk.path
    seeded_desk.close()
    capsys.readouterr()
    story = tmp_path / "story.txt"
    story.write_text("The mayor said 12 bridges closed.", encoding="utf-8")
    assert run(["import", "-w", str(path), "--reviewer", " \t", str(story)]) == 1
    assert "Type the reviewer's name" in capsys.readouterr().err


def test_an_empty_reviewer_is_refused_not_replaced_by_the_stored_name(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--reviewer "$EDITOR"` with the variable unset must not sign off, or edit, as
    whoever the machine's stored name or FACTCHECK_REVIEWER happens to be."""
    monkeypatch.setenv("FACTCHECK_REVIEWER", "Zoë Ngata")
    sentence = seeded_desk.reviews.sentence_rows(1)[4].sentence.id
    seeded_desk.edits.actor = "Ana Ruiz"
    seeded_desk.reviews.set_verdict(sentence, "false")
    path = seeded_desk.path
    seeded_desk.close()
    capsys.readouterr()
    base = ["sign-off", "approve", "-w", str(path), "--sentence", str(sentence)]
    assert run([*base, "--reviewer", ""]) == 1
    assert "Type the reviewer's name" in capsys.readouterr().err
    desk = Desk.open(path, read_only=True)
    try:
        assert desk.sign_offs.sign_off(sentence) is None
    finally:
        desk.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
@pytest.mark.parametrize("kind", ["named pipe", "link to an endless device"])
def test_a_name_file_that_is_no_ordinary_file_hangs_nothing(
    kind: str, seeded_desk: Desk, tmp_path: Path
) -> None:
    """reviewer.json a named pipe (or a link to /dev/zero): every command, and the window
    before its first question, read it to its end, which never comes: a start that hung
    with nothing said. It is passed over as a damaged one is."""
    path = seeded_desk.path
    seeded_desk.close()
    data = tmp_path / "data"
    data.mkdir()
    if kind == "named pipe":
        os.mkfifo(data / "reviewer.json")
    else:
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero")
        (data / "reviewer.json").symlink_to("/dev/zero")
    environment = {k: v for k, v in os.environ.items() if k != "FACTCHECK_REVIEWER"}
    environment["FACTCHECK_DATA_DIR"] = str(data)
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "list", "-w", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1\t")


def test_a_damaged_name_file_is_said_when_a_command_records_the_accounts_name(
    seeded_desk: Desk,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """reviewer.json left damaged (a hand edit cut short, a sync tool's garbage): the
    window asks again, but every command recorded its changes, sign-offs too, under the
    account's name without a word, and the reviewer's own name was nowhere in them. The
    command says so once, naming the file and the name recorded instead."""
    from factcheck_app.services import identity

    monkeypatch.delenv("FACTCHECK_REVIEWER")
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(identity, "os_full_name", lambda: "Account Name")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "reviewer.json").write_text('{"name": "Priya Nat', encoding="utf-8")
    path = seeded_desk.path
    seeded_desk.close()
    story = tmp_path / "story.txt"
    story.write_text("The mayor said 12 bridges closed.", encoding="utf-8")
    capsys.readouterr()
    assert run(["import", "-w", str(path), str(story)]) == 0
    said = capsys.readouterr().err
    assert "reviewer.json" in said and "Account Name" in said
    assert said.count("reviewer.json") == 1
    # Named for this command, or by the environment: nothing to say.
    assert run(["import", "-w", str(path), "--reviewer", "Priya Natarajan", str(story)]) == 0
    assert "reviewer.json" not in capsys.readouterr().err


def test_the_name_file_note_comes_only_after_an_open_that_goes_ahead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With reviewer.json damaged, a command whose open was then refused (not a
    workspace) printed first that its changes would be recorded under the account's
    name, then the refusal: a first line about changes that were never made, above the
    one that said why nothing was."""
    from factcheck_app.services import identity

    monkeypatch.delenv("FACTCHECK_REVIEWER")
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(identity, "os_full_name", lambda: "Account Name")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "reviewer.json").write_text('{"name": "Priya Nat', encoding="utf-8")
    not_a_workspace = tmp_path / "notes.fcdesk"
    not_a_workspace.write_text("Some notes, not a workspace.\n" * 200, encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("The mayor said 12 bridges closed.", encoding="utf-8")
    capsys.readouterr()
    assert run(["import", "-w", str(not_a_workspace), str(story)]) == 1
    said = capsys.readouterr().err
    assert "reviewer.json" not in said, said
    assert said.startswith("factcheck-app: ") and said.count("\n") == 1, said
