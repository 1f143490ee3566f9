"""A careless power user at the terminal: the wrong thing typed gets one clear line and
the documented exit status, and changes nothing."""

from __future__ import annotations

import errno
import io
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from factcheck_app import config
from factcheck_app.cli import run


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of its own: the default workspace is not made yet."""
    folder = tmp_path / "data"
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(folder))
    return folder


@pytest.mark.parametrize(
    "command",
    [
        ["remove", "--article", "1"],
        ["sign-off", "approve", "--sentence", "1"],
        ["export", "--article", "1", "--format", "md", "--publisher", "X", "--save-settings"],
    ],
)
def test_a_command_about_what_is_in_a_workspace_makes_none(
    command: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`remove --article 1` before any workspace existed made the default one, with its
    sample article, and removed that sample: gone for good."""
    assert run(command) == 1
    assert capsys.readouterr().err == (
        f"factcheck-app: There is no workspace at {config.default_workspace_path()}.\n"
    )
    assert not data_dir.exists()


@pytest.mark.parametrize("name", ["articles", "articles.txt"])
def test_importing_a_folder_with_no_article_says_so(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    assert run(["import", "-w", str(tmp_path / "w.fcdesk"), str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"factcheck-app: No article files found in {folder} (supported: .txt,")


def test_importing_a_folder_imports_the_articles_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As File → Import Folder does: it was refused as "… is a folder, not an article
    file", with no word of how to import a folder's articles from the command line."""
    folder = tmp_path / "inbox"
    (folder / "monday").mkdir(parents=True)
    (folder / "story_files").mkdir()  # a saved web page's assets: not articles
    (folder / "story_files" / "widget.html").write_text("<p>Share this!</p>", "utf-8")
    (folder / "notes.txt").write_text("Police said 4 were arrested.", encoding="utf-8")
    (folder / "monday" / "wire.md").write_text("The mayor said 12 bridges closed.", "utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    workspace = tmp_path / "w.fcdesk"
    assert run(["import", "-w", str(workspace), str(folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[2] for line in lines] == [
        "The mayor said 12 bridges closed.",
        "Police said 4 were arrested.",
    ]


def test_importing_a_missing_file_says_it_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "notes.odt"
    assert run(["import", "-w", str(tmp_path / "w.fcdesk"), str(missing)]) == 1
    assert capsys.readouterr().err == f"factcheck-app: {missing}: no such file.\n"


def test_a_new_workspace_in_a_folder_that_is_not_there_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import -w ~/dsek/election.fcdesk` (a typo for ~/desk) made the folder ~/dsek and an
    empty workspace in it, in silence: the articles went where nobody would look."""
    article = tmp_path / "report.txt"
    article.write_text("The mayor said 12 bridges were repaired. Engineers disagree.", "utf-8")
    typo = tmp_path / "dsek"
    assert run(["import", "-w", str(typo / "election.fcdesk"), str(article)]) == 1
    assert capsys.readouterr().err == (
        f"factcheck-app: There is no folder {typo} for the new workspace election.fcdesk. "
        f"Check the name, or make the folder first (mkdir -p {typo}).\n"
    )
    assert not typo.exists()
    typo.mkdir()  # made on purpose: the workspace is made in it
    assert run(["import", "-w", str(typo / "election.fcdesk"), str(article)]) == 0
    assert (typo / "election.fcdesk").is_file()


def test_a_new_workspace_named_like_an_article_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import -w notes.txt report.html` (the article typed after -w) made a new workspace
    named notes.txt and imported report.html into it."""
    article = tmp_path / "report.txt"
    article.write_text("The mayor said 12 bridges were repaired. Engineers disagree.", "utf-8")
    typo = tmp_path / "notes.txt"
    assert run(["import", "-w", str(typo), str(article)]) == 1
    assert capsys.readouterr().err == (
        f"factcheck-app: There is no workspace at {typo}; a new workspace's name ends in "
        ".fcdesk (the files to import come after the options).\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_an_article_named_as_the_workspace_gets_a_word_on_importing_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import -w notes.txt report.txt` with notes.txt an article that is there said only
    "notes.txt is not a Factcheck desk workspace", where the window (and the README) give
    a word on how to import it instead. Both files stay untouched."""
    article = tmp_path / "report.txt"
    article.write_text("The mayor said 12 bridges were repaired. Engineers disagree.", "utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("Police said 4 were arrested.", encoding="utf-8")
    assert run(["import", "-w", str(notes), str(article)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"factcheck-app: {notes} is not a Factcheck desk workspace")
    assert err.endswith(
        " To import notes.txt as an article, name it after the options: "
        "factcheck-app import [-w WORKSPACE.fcdesk] notes.txt\n"
    )
    assert err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "report.txt"]
    assert notes.read_text(encoding="utf-8") == "Police said 4 were arrested."


def test_the_history_of_an_article_that_is_not_there_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = str(tmp_path / "w.fcdesk")
    article = tmp_path / "a.txt"
    article.write_text("One sentence here. And another one.", "utf-8")
    assert run(["import", "-w", workspace, str(article)]) == 0
    capsys.readouterr()
    assert run(["history", "-w", workspace, "--article", "99"]) == 1
    assert capsys.readouterr().err == "factcheck-app: There is no article 99 in this workspace.\n"
    assert run(["history", "-w", workspace, "--article", "1"]) == 0  # there, nothing done yet
    assert capsys.readouterr().err == "Article 1 has no history entries yet.\n"


def test_the_history_of_a_removed_article_points_to_the_whole_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = str(tmp_path / "w.fcdesk")
    article = tmp_path / "a.txt"
    article.write_text("One sentence here. And another one.", "utf-8")
    assert run(["import", "-w", workspace, str(article)]) == 0
    assert run(["remove", "-w", workspace, "--article", "1"]) == 0
    capsys.readouterr()
    assert run(["history", "-w", workspace, "--article", "1"]) == 1
    assert capsys.readouterr().err == "factcheck-app: There is no article 1 in this workspace.\n"
    assert run(["history", "-w", workspace]) == 0  # the removal itself is there
    assert "Remove article “One sentence here.”" in capsys.readouterr().out


def test_dash_as_the_output_is_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-o -` wrote a file named "-" in the current folder, where every other tool
    writes to the terminal (or the pipe)."""
    workspace = str(tmp_path / "w.fcdesk")
    article = tmp_path / "a.txt"
    article.write_text("One sentence here. And another one.", "utf-8")
    assert run(["import", "-w", workspace, str(article)]) == 0
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert run(["export", "-w", workspace, "--article", "1", "--format", "csv", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("article_id,") and "And another one." in out
    assert not (tmp_path / "-").exists()
    assert run(["export", "-w", workspace, "--article", "1", "--format", "pdf", "-o", "-"]) == 1
    assert "binary file: give an output file" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["segment", "suggest"])
def test_dash_as_the_file_is_standard_input(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io
    import sys

    monkeypatch.chdir(tmp_path)
    stdin = io.TextIOWrapper(io.BytesIO(b"Hello there. Bye now."), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert run([command, "-", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[1].endswith("Bye now.")


@pytest.mark.parametrize("value", ["-5", "nan", "inf"])
def test_a_wait_that_is_no_number_of_seconds_is_a_usage_error(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--wait -5` (and nan) was taken as "refuse at once"; inf waited for ever."""
    with pytest.raises(SystemExit) as stopped:
        run(["import", "--wait", value, "-w", str(tmp_path / "w.fcdesk"), "a.txt"])
    assert stopped.value.code == 2
    assert "argument --wait: give the seconds to wait, 0 or more" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_option_the_command_does_not_take_gets_that_commands_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`list --json` answered with the window's usage ("factcheck-app [--workspace
    FILE.fcdesk] [FILE ...]"), naming none of list's own options."""
    with pytest.raises(SystemExit) as stopped:
        run(["list", "--json"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: factcheck-app list ")
    assert err.endswith("factcheck-app list: error: unrecognized arguments: --json\n")


def test_remove_on_an_empty_default_workspace_adds_and_removes_no_sample(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty default workspace from an earlier version (a failed first import): the
    sample was added as article 1 by `remove --article 1`, which then removed it."""
    from factcheck_app.services.desk import Desk

    Desk.open(config.default_workspace_path()).close()
    assert run(["remove", "--article", "1"]) == 1
    assert capsys.readouterr().err == "factcheck-app: There is no article 1 in this workspace.\n"
    assert run(["list"]) == 0 and capsys.readouterr().out == ""


@pytest.mark.parametrize(("typed", "meant"), [("improt", "import"), ("stat", "stats")])
def test_a_mistyped_command_gets_the_usage_not_the_window(
    typed: str,
    meant: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`factcheck-app improt -w W.fcdesk story.txt` opened the window (importing a file
    named "improt"), where the README promises a mistyped command its usage and status 2."""
    from factcheck_app.__main__ import main
    from factcheck_app.gui import app

    opened: list[object] = []
    monkeypatch.setattr(app, "run_gui", lambda **kwargs: opened.append(kwargs) or 0)
    monkeypatch.setattr(app, "leave", lambda code: None)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text("The mayor said crime fell.\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main([typed, "-w", str(tmp_path / "w.fcdesk"), "story.txt"])
    assert stopped.value.code == 2
    assert opened == []
    err = capsys.readouterr().err
    assert err.startswith("usage: factcheck-app")
    assert f"'{typed}' is not a command (did you mean {meant}?)" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (["-w", "W.fcdesk", "list"], "factcheck-app list -w W.fcdesk"),
        (
            ["--workspace", "my desk.fcdesk", "export", "--article", "1"],
            "factcheck-app export --workspace 'my desk.fcdesk' --article 1",
        ),
        (
            ["--workspace=W.fcdesk", "stats", "--json"],
            "factcheck-app stats --workspace=W.fcdesk --json",
        ),
    ],
)
def test_a_command_after_the_workspace_option_gets_the_usage_not_the_window(
    typed: list[str],
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`factcheck-app -w W.fcdesk list` (as `git -C DIR log` is typed) opened the window,
    importing a file named "list", or stopped a script with "unrecognized arguments:
    --article 1"; it hung a script with no one at the screen."""
    from factcheck_app.__main__ import main
    from factcheck_app.gui import app

    opened: list[object] = []
    monkeypatch.setattr(app, "run_gui", lambda **kwargs: opened.append(kwargs) or 0)
    monkeypatch.setattr(app, "leave", lambda code: None)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        main(typed)
    assert stopped.value.code == 2
    assert opened == []
    err = capsys.readouterr().err
    assert err.startswith("usage: factcheck-app")
    assert err.endswith(f"error: the command comes first, before its options: {said}\n")
    assert list(tmp_path.iterdir()) == []


def test_a_file_named_on_its_own_still_opens_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that is there opens in the window, whatever its name (even one without a
    suffix, or one named like a command but in a folder)."""
    from factcheck_app.__main__ import main
    from factcheck_app.gui import app

    opened: list[list[Path]] = []
    monkeypatch.setattr(app, "run_gui", lambda **kwargs: opened.append(kwargs["files"]) or 0)
    monkeypatch.setattr(app, "leave", lambda code: None)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").write_text("The mayor said crime fell.\n", encoding="utf-8")
    main(["notes"])
    main(["missing.txt"])  # a file's name: the window says it cannot read it
    main(["drafts/improt"])
    assert opened == [[Path("notes")], [Path("missing.txt")], [Path("drafts/improt")]]


@pytest.mark.parametrize("option", ["-w", "--workspace", "--work", "--w"])
def test_a_workspace_named_like_a_command_opens_in_the_window(
    option: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--work list` is `--workspace list`, as argparse reads a shortened option: it was
    refused as a misplaced command, with "factcheck-app list --work" to type instead,
    which only fails again (--work wants its workspace)."""
    from factcheck_app.__main__ import main
    from factcheck_app.gui import app

    opened: list[object] = []
    monkeypatch.setattr(app, "run_gui", lambda **kwargs: opened.append(kwargs["workspace"]) or 0)
    monkeypatch.setattr(app, "leave", lambda code: None)
    monkeypatch.chdir(tmp_path)
    main([option, "list"])
    assert opened == [Path("list")]


def test_importing_a_folder_says_which_folders_could_not_be_looked_into(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder of the day's articles with a subfolder the reviewer may not open (a
    colleague's, rights changed on a share): its articles were left out without a word,
    and a folder that could not be opened at all was "No article files found in …".
    (The folders are closed by a stand-in for the system: the tests run as root too.)"""
    folder = tmp_path / "inbox"
    closed = folder / "tuesday"
    closed.mkdir(parents=True)
    (closed / "wire.md").write_text("The mayor said 12 bridges closed.", encoding="utf-8")
    (folder / "notes.txt").write_text("Police said 4 were arrested.", encoding="utf-8")
    shut = tmp_path / "shut"
    shut.mkdir()
    (shut / "story.txt").write_text("The minister said 40 schools were built.", "utf-8")
    real_scandir = os.scandir

    def scandir_refused(path: Any = ".") -> Any:
        if os.fspath(path) in (str(closed), str(shut)):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir_refused)
    workspace = tmp_path / "w.fcdesk"
    assert run(["import", "-w", str(workspace), str(folder)]) == 1  # not all came in
    out, err = capsys.readouterr()
    assert [line.split("\t")[2] for line in out.splitlines()] == ["Police said 4 were arrested."]
    assert err == (
        f"factcheck-app: Cannot look into the folder {closed} (Permission denied): nothing in "
        "it was imported.\n"
    )
    assert run(["import", "-w", str(workspace), str(shut)]) == 1
    assert capsys.readouterr().err == (
        f"factcheck-app: Cannot look into the folder {shut} (Permission denied): nothing in "
        "it was imported.\n"
    )


def test_a_workspace_given_as_a_text_article_names_the_command_that_merges_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A colleague's workspace renamed notes.txt, given to `import`: the refusal named only
    the window's menus (File → Merge Workspace…) to someone at a terminal."""
    disguised = tmp_path / "notes.txt"
    sqlite3.connect(disguised).execute("create table t (x)").connection.close()
    workspace = tmp_path / "w.fcdesk"
    assert run(["import", "-w", str(workspace), str(disguised)]) == 1
    error = capsys.readouterr().err
    assert "is a workspace (a database), not an article" in error
    assert "factcheck-app merge" in error


# What ends typed input: Windows' console takes Ctrl+Z then Enter.
END_OF_INPUT = "Ctrl+Z then Enter" if os.name == "nt" else "Ctrl+D"


class _Keyboard(io.TextIOWrapper):
    """Standard input at a terminal: what is typed, then Ctrl+D."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("command", ["segment", "suggest"])
def test_reading_the_keyboard_says_how_to_end_the_text(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`factcheck-app segment` with no FILE, typed at a terminal, waited for the text
    without a word: a journalist in a hurry took it for hung and pressed Ctrl+C."""
    typed = io.TextIOWrapper(io.BytesIO(b"Hello there. Bye now."), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", _Keyboard(typed.detach(), encoding="utf-8"))
    assert run([command, "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines()[0] == (
        "factcheck-app: reading the text from the keyboard: type or paste it, then press "
        f"{END_OF_INPUT} on a line of its own (or name a FILE)."
    )
    assert len(captured.out.splitlines()) == 2


def test_standard_input_from_a_file_or_pipe_is_read_without_a_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Hello there. Bye now.")))
    assert run(["segment", "--lang", "en"]) == 0
    assert capsys.readouterr().err == "language: en (English, given)\n"


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["import", "storyy.txt"], "factcheck-app: storyy.txt: no such file.\n"),
        (["import", "notes.odt"], "factcheck-app: notes.odt: this kind of file cannot be imported"),
        (["import", "wire.txt"], "wire.txt is a link to /mnt/share/wire.txt, which is not there"),
        (["merge", "notes.txt"], "not a Factcheck desk workspace (it is not an SQLite database)"),
        (["merge", "empty.fcdesk"], "is empty (0 bytes)"),
    ],
)
def test_a_new_workspace_is_not_made_when_nothing_comes_into_it(
    command: list[str],
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`import -w election.fcdesk storyy.txt` (a typo for the article) said "no such file"
    and left a new, empty election.fcdesk and its lock file behind; so did a merge of a
    file that is no workspace, and an import of a link leading nowhere (to a share not
    connected). They are made once something comes in."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.odt").write_bytes(b"PK\x03\x04")
    (tmp_path / "notes.txt").write_text("The mayor said crime fell.\n", encoding="utf-8")
    (tmp_path / "empty.fcdesk").write_bytes(b"")
    (tmp_path / "wire.txt").symlink_to("/mnt/share/wire.txt")  # a share not connected
    before = sorted(p.name for p in tmp_path.iterdir())
    assert run([command[0], "-w", "election.fcdesk", *command[1:]]) == 1
    assert said in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("command", [["copy", "-"], ["clean", "-o", "-"]])
def test_a_workspace_copy_is_never_written_to_a_file_named_dash(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`copy -w W.fcdesk - > w.fcdesk` (as `export -o -` writes to stdout) wrote a whole
    workspace into a file named "-" and printed "-"."""
    from factcheck_app.services.desk import Desk

    monkeypatch.chdir(tmp_path)
    Desk.open(tmp_path / "w.fcdesk").close()
    before = sorted(p.name for p in tmp_path.iterdir())
    assert run([command[0], "-w", "w.fcdesk", *command[1:]]) == 1
    assert capsys.readouterr() == (
        "",
        f"factcheck-app: {command[0]} writes a workspace file, never to standard output "
        "(-): name the file, or a folder for it.\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("w.fcdesk", "w.fcdesk is the open workspace itself: choose another name or folder."),
        (
            "bob.fcdesk-wal",
            "bob.fcdesk-wal belongs to the workspace bob.fcdesk (its write-ahead log): choose "
            "another name.",
        ),
    ],
)
def test_a_copy_never_named_is_refused_without_asking_for_replace(
    name: str,
    why: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`copy -w w.fcdesk bob.fcdesk-wal` (a name the shell completed) said "is already
    there: add --replace to replace it": the advice led to a second refusal, as Save a
    Copy… never asks to replace a name it refuses. The refusal comes first."""
    from factcheck_app.services.desk import Desk

    monkeypatch.chdir(tmp_path)
    Desk.open(tmp_path / "w.fcdesk").close()
    Desk.open(tmp_path / "bob.fcdesk").close()
    (tmp_path / "bob.fcdesk-wal").write_bytes(b"Bob's saved edits")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert run(["copy", "-w", "w.fcdesk", name]) == 1
    assert capsys.readouterr() == ("", f"factcheck-app: No copy was made: {why}\n")
    made = {p.name for p in tmp_path.iterdir()} - set(before)
    assert made <= {"w.fcdesk-wal", "w.fcdesk-shm"}  # SQLite's own, of the reading
    assert (tmp_path / "bob.fcdesk-wal").read_bytes() == b"Bob's saved edits"


@pytest.mark.parametrize(
    ("out", "said"),
    [
        (
            "dsek/clean.fcdesk",
            "factcheck-app: There is no folder dsek for the new workspace clean.fcdesk. Check "
            "the name, or make the folder first (mkdir -p dsek).\n",
        ),
        (
            "cleaned.txt",
            "factcheck-app: There is no workspace at cleaned.txt; a new workspace's name ends "
            "in .fcdesk.\n",
        ),
    ],
)
def test_a_cleaned_copy_is_made_only_where_a_workspace_can_be(
    out: str,
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`clean -w suspect.fcdesk -o dsek/clean.fcdesk` (a typo for desk/) made the folder
    dsek without a word, as --workspace no longer does; `-o cleaned.txt` made a workspace
    named .txt, which File → Open Workspace does not offer."""
    from factcheck_app.services.desk import Desk

    monkeypatch.chdir(tmp_path)
    Desk.open(tmp_path / "suspect.fcdesk").close()
    before = sorted(p.name for p in tmp_path.iterdir())
    assert run(["clean", "-w", "suspect.fcdesk", "-o", out]) == 1
    assert capsys.readouterr() == ("", said)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    "command",
    [
        ["import", "-w", "w.fcdesk", ""],  # every article under this folder was imported
        ["import", "-w", "", "story.txt"],
        ["merge", "-w", "w.fcdesk", ""],  # "unexpected error (ValueError …)"
        ["import-review", "-w", "w.fcdesk", " "],
        ["segment", ""],
        ["suggest", ""],
        ["copy", "-w", "w.fcdesk", ""],  # a copy in this folder
        ["clean", "-w", "w.fcdesk", "-o", ""],
        ["export", "-w", "w.fcdesk", "--all", "-o", ""],  # a report per article, here
        ["list", "-w", ""],
    ],
)
def test_an_empty_name_is_a_usage_error_not_this_folder(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`factcheck-app import -w W.fcdesk "$STORY"` with STORY unset: "" is the current
    folder, and every article file in it and its subfolders was imported (from a home
    folder, hundreds). A name that is empty, or only spaces, is refused with the usage."""
    from factcheck_app.services.desk import Desk

    monkeypatch.chdir(tmp_path)
    Desk.open(tmp_path / "w.fcdesk").close()
    (tmp_path / "story.txt").write_text("The mayor said 12 bridges closed.", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(SystemExit) as stopped:
        run(command)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: factcheck-app {command[0]}")
    assert err.rstrip().endswith("an empty name (a shell variable not set?)"), err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("figure", ["-30%", "-.5%"])
def test_a_search_for_a_negative_figure_is_taken_as_the_query(
    figure: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`search -w W '-30%'` said "the following arguments are required: QUERY": a word
    starting with a dash and a digit read as an option. (`-5` alone was a query.) So did
    `-.5%` on Python 3.11–3.13 (3.14 takes it as a query, as it does `-30%`)."""
    from factcheck_app.services.desk import Desk

    sentence = f"Exports fell {figure} in March, the minister said."
    desk = Desk.open(tmp_path / "w.fcdesk")
    desk.importer.import_text(sentence)
    desk.close()
    assert run(["search", "-w", str(tmp_path / "w.fcdesk"), figure]) == 0
    assert capsys.readouterr().out.endswith(sentence + "\n")


def test_a_format_or_paper_in_capitals_is_understood(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--format PDF` and `--paper letter` (as a reader writes them) were usage errors."""
    from factcheck_app.__main__ import main  # it hands the command line Qt's PDF writer
    from factcheck_app.services.desk import Desk

    desk = Desk.open(tmp_path / "w.fcdesk")
    desk.importer.import_text("The minister said 4 schools opened.")
    desk.close()
    out = tmp_path / "report.pdf"
    args = ["export", "-w", str(tmp_path / "w.fcdesk"), "--article", "1", "-o", str(out)]
    assert main([*args, "--format", "PDF", "--paper", "letter"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert capsys.readouterr().out.startswith(f"Wrote {out}: PDF report of 1 article")


@pytest.mark.parametrize("content", [None, "[]"])
def test_suggest_says_when_its_scores_are_the_rules_not_the_model(
    content: str | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An installation without its weights file (or with it damaged) printed the rules'
    check-worthiness as if it were the model's, without a word."""
    from factcheck_app.domain import checkworthiness

    weights = tmp_path / "checkworthiness.json"
    if content is not None:
        weights.write_text(content, encoding="utf-8")
    monkeypatch.setattr(checkworthiness, "default_model_path", lambda: weights)
    monkeypatch.setattr(checkworthiness, "_loaded", {})
    article = tmp_path / "a.txt"
    article.write_text("The minister said unemployment fell to 4 percent last year.\n")
    assert run(["suggest", str(article), "--json"]) == 0
    out, err = capsys.readouterr()
    assert '"checkworthiness": ' in out
    assert (
        f"note: the check-worthiness model could not be read ({weights} is missing or "
        "damaged): its scores are the rules' rougher guess. Reinstalling the desk brings "
        "the model back."
    ) in err


def test_suggest_with_its_weights_says_nothing_of_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The minister said unemployment fell to 4 percent last year.\n")
    assert run(["suggest", str(article)]) == 0
    assert "check-worthiness model" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["export", "--format", "md", "--article"], "--article"),
        (["history", "--article"], "--article"),
        (["agreement", "--article"], "--article"),
        (["remove", "--article"], "--article"),
        (["sign-off", "approve", "--sentence"], "--sentence"),
        (["sign-off", "approve", "--number", "1", "--article"], "--article"),
    ],
)
def test_an_id_larger_than_any_is_a_usage_error_not_a_bug(
    command: list[str], option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export --article 99999999999999999999` (a figure pasted from elsewhere) said
    "unexpected error (OverflowError: Python int too large to convert to SQLite
    INTEGER); the details are in …", a bug's line, and wrote the traceback to the log."""
    from factcheck_app.services.desk import Desk

    workspace = tmp_path / "w.fcdesk"
    Desk.open(workspace).close()
    with pytest.raises(SystemExit) as stopped:
        run([*command, "99999999999999999999", "-w", str(workspace)])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"error: argument {option}: there is no id as large as 99999999999999999999\n"
    )


def test_a_cleaned_copy_of_a_backup_is_no_backup_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`clean -w w-backups/w-20261206-101500Z-auto.fcdesk` put its copy beside the
    backup, named w-20261206-101500Z-auto-cleaned.fcdesk: named as a backup in a backups
    folder, the copy made to work on opened read-only as "a backup". It goes beside the
    workspace instead."""
    from factcheck_app.services.desk import Desk

    monkeypatch.chdir(tmp_path)
    Desk.open(tmp_path / "w.fcdesk").close()
    (tmp_path / "w-backups").mkdir(exist_ok=True)
    backup = tmp_path / "w-backups" / "w-20261206-101500Z-auto.fcdesk"
    backup.write_bytes((tmp_path / "w.fcdesk").read_bytes())
    assert run(["clean", "-w", str(backup)]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made == tmp_path / "w-20261206-101500Z-auto-cleaned.fcdesk"
    (tmp_path / "story.txt").write_text("The mayor said 40 buses came.", encoding="utf-8")
    assert run(["import", "-w", str(made), "story.txt"]) == 0
    assert capsys.readouterr().out.startswith("1\t1\tThe mayor said 40 buses came.")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX's")
def test_merging_a_named_pipe_into_a_workspace_is_refused_without_opening_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`merge -w W.fcdesk <(ssh host cat theirs.fcdesk)` or a named pipe given as THEIRS
    waited for ever in its open, holding W's writer lock: the window could not change W
    meanwhile. (Into a new workspace it was refused in words.) The pipe is never opened
    here: an open stands in for the wait, and fails the test."""
    from factcheck_app.services.desk import Desk

    workspace = tmp_path / "w.fcdesk"
    Desk.open(workspace).close()
    pipe = tmp_path / "theirs.fcdesk"
    os.mkfifo(pipe)
    real_open = Path.open

    def opened(path: Path, *args: Any, **kwargs: Any) -> Any:
        assert path != pipe, "the named pipe was opened: it waits for a writer for ever"
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", opened)
    assert run(["merge", "-w", str(workspace), str(pipe)]) == 1
    assert capsys.readouterr() == (
        "",
        f"factcheck-app: {pipe} is not a regular file (it is a device, a named pipe or a "
        "socket), so it is not a workspace. It was left untouched. Nothing was merged: "
        "choose the workspace file your colleague handed over (File → Save a Copy… in their "
        "desk makes one).\n",
    )


def test_a_backup_named_from_inside_its_folder_is_still_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An admin in the backups folder (`cd w-backups`) names a backup by its name alone:
    `clean -w w-20261206-101500Z-auto.fcdesk` put the cleaned copy among the backups, named
    as one (it opened read-only from anywhere else), and `import -w` wrote into the
    backup itself, which the same backup named by its folder refuses."""
    from factcheck_app.services.desk import Desk

    Desk.open(tmp_path / "w.fcdesk").close()
    folder = tmp_path / "w-backups"
    folder.mkdir(exist_ok=True)
    backup = folder / "w-20261206-101500Z-auto.fcdesk"
    backup.write_bytes((tmp_path / "w.fcdesk").read_bytes())
    kept = backup.read_bytes()
    monkeypatch.chdir(folder)
    assert run(["clean", "-w", backup.name]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made == tmp_path / "w-20261206-101500Z-auto-cleaned.fcdesk"
    (tmp_path / "story.txt").write_text("The mayor said 40 buses came.", encoding="utf-8")
    assert run(["import", "-w", backup.name, str(tmp_path / "story.txt")]) == 1
    assert "is a backup, so it was opened read-only" in capsys.readouterr().err
    assert backup.read_bytes() == kept


def test_dash_as_an_article_to_import_is_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`pbpaste | factcheck-app import -w W -` said "-: no such file", though `segment -`
    and `suggest -` read standard input, as every other tool does."""
    from factcheck_app.services.desk import Desk

    workspace = tmp_path / "w.fcdesk"
    story = tmp_path / "story.txt"
    story.write_text("Mayor opens bridge\n\nThe bridge cost 4 million euros, she said.\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Wire copy\n\nExports fell 3% in May."))
    )
    assert run(["import", "-w", str(workspace), "story.txt", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[2] for line in lines] == ["Mayor opens bridge", "Wire copy"]
    desk = Desk.open(workspace)
    try:
        titles = [article.title for article in desk.articles.list_articles()]
    finally:
        desk.close()
    assert sorted(titles) == ["Mayor opens bridge", "Wire copy"]


def test_an_empty_standard_input_imports_nothing_and_makes_no_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = tmp_path / "w.fcdesk"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"  \n")))
    assert run(["import", "-w", str(workspace), "-"]) == 1
    assert capsys.readouterr().err.startswith("factcheck-app: standard input: ")
    assert not workspace.exists()


def test_a_folder_named_dash_is_imported_when_named_as_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-` alone is standard input; `./-` and `./-/` (as a shell completes a folder's
    name) read standard input too, a path dropping its "./" and "/": the folder named -
    was never looked into, and at a terminal the import waited for the keyboard."""
    from factcheck_app.services.desk import Desk

    workspace = tmp_path / "w.fcdesk"
    folder = tmp_path / "-"
    folder.mkdir()
    (folder / "story.txt").write_text("Mayor opens bridge\n\nThe bridge cost 4 million euros.\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Wire copy\n\nExports fell 3% in May."))
    )
    assert run(["import", "-w", str(workspace), "./-", "./-/"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[2] for line in lines] == ["Mayor opens bridge"]
    desk = Desk.open(workspace)
    try:
        titles = [article.title for article in desk.articles.list_articles()]
    finally:
        desk.close()
    assert titles == ["Mayor opens bridge"]


@pytest.mark.parametrize("command", ["suggest", "segment"])
@pytest.mark.parametrize(
    ("data", "said"),
    [
        # Not UTF-8: read as Windows-1252, as import reads it, but import says so.
        (b"Le ministre a ni\xe9 les all\xe9gations.", "read as Western European, Windows-1252"),
        # UTF-8 with a stray byte: a "\ufffd" in the output, unexplained.
        (
            ("Baku said 32 died. " + "Überall größer café naïve. " * 5).encode() + b"\xff.",
            "read as UTF-8; 1 byte that is not UTF-8 shows as",
        ),
    ],
)
@pytest.mark.parametrize("from_stdin", [True, False])
def test_suggest_and_segment_say_how_text_not_utf8_was_read(
    command: str,
    data: bytes,
    said: str,
    from_stdin: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Import names the guess it made at a file's encoding; `suggest` and `segment`, on
    the same bytes, printed the guessed letters (or "\ufffd") without a word."""
    if from_stdin:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        assert run([command, "-", "--json"]) == 0
    else:
        article = tmp_path / "a.txt"
        article.write_bytes(data)
        assert run([command, str(article), "--json"]) == 0
    err = capsys.readouterr().err
    assert f"factcheck-app: note: the text was {said}" in err


def test_suggest_on_utf8_says_nothing_of_its_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Le ministre a nié les allégations.", encoding="utf-8")
    assert run(["suggest", str(article)]) == 0
    assert "the text was" not in capsys.readouterr().err


CYRILLIC_1251 = "Привет мир. Это тест предложения. Ещё одно предложение здесь.".encode("cp1251")


@pytest.mark.parametrize("command", ["segment", "suggest"])
@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"Le ministre a ni\xe9 les all\xe9gations.", "a.txt"),  # a note: read as 1252
        (CYRILLIC_1251, "a.txt"),  # refused: another alphabet's encoding
        (b"%PDF-1.4 a PDF named as text", "a.txt"),  # refused: a PDF by another name
    ],
)
@pytest.mark.parametrize("from_stdin", [True, False])
def test_segment_and_suggest_advise_running_themselves_again_not_an_import(
    command: str,
    data: bytes,
    name: str,
    from_stdin: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Their notes and refusals were import's words: "save it as UTF-8 and import it
    again", from commands that import nothing; and of text piped in, "give it a name
    ending in .pdf", which a pipe has none of."""
    if from_stdin:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        run([command, "-"])
    else:
        article = tmp_path / name
        article.write_bytes(data)
        run([command, str(article)])
    err = capsys.readouterr().err
    assert "import" not in err
    assert f"run {command} again" in err or f"factcheck-app {command} FILE" in err
    if from_stdin:
        assert "give it a name" not in err


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["export", "--article", "1", "-o", "-report.md"], "--output=-report.md"),
        (["list", "-w", "-old.fcdesk"], "--workspace=-old.fcdesk"),
        (["export", "--article", "1", "--out", "-report.md"], "--output=-report.md"),
    ],
)
def test_a_value_starting_with_a_dash_is_told_how_to_give_it(
    args: list[str], hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file named `-report.md` (a dash typed first, a name from a script's variable)
    got argparse's "expected one argument", which read as if no name had been given."""
    with pytest.raises(SystemExit) as exit_status:
        run(args)
    assert exit_status.value.code == 2
    err = capsys.readouterr().err
    assert "expected one argument" in err and hint in err
    assert "./" + hint.split("=", 1)[1] in err


def test_an_option_given_no_value_at_all_gets_no_dash_hint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        run(["export", "--article", "1", "-o"])
    err = capsys.readouterr().err
    assert "expected one argument" in err and "starts with a dash" not in err


def test_copy_takes_its_file_with_o_as_export_and_clean_do(
    seeded_desk: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export` and `clean` name their file with -o; `copy -w W -o copy.fcdesk`, typed the
    same way, was refused ("unrecognized arguments: -o") and no copy was made."""
    path = seeded_desk.path
    seeded_desk.close()
    out = tmp_path / "copy.fcdesk"
    assert run(["copy", "-w", str(path), "-o", str(out)]) == 0
    assert out.is_file() and capsys.readouterr().out.strip() == str(out)
    with pytest.raises(SystemExit) as both:  # two names: which one was meant?
        run(["copy", "-w", str(path), "-o", str(out), str(tmp_path / "other.fcdesk")])
    assert both.value.code == 2
    with pytest.raises(SystemExit) as neither:
        run(["copy", "-w", str(path)])
    assert neither.value.code == 2 and "OUT" in capsys.readouterr().err


@pytest.mark.parametrize("before", [[], ["a.txt"]])
def test_a_file_named_with_a_leading_dash_is_told_how_to_name_it(
    before: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`import -minus.txt` said "the following arguments are required: FILE" (and after
    another file, "unrecognized arguments: -minus.txt") of a file that was there."""
    monkeypatch.chdir(tmp_path)
    for name in ("-minus.txt", "a.txt"):
        (tmp_path / name).write_text("The mayor said 40 bridges were built.", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_status:
        run(["import", "-w", "w.fcdesk", *before, "-minus.txt"])
    assert exit_status.value.code == 2
    err = capsys.readouterr().err
    assert "./-minus.txt" in err and "--" in err
    assert not (tmp_path / "w.fcdesk").exists()
    with pytest.raises(SystemExit):
        run(["import", "-w", "w.fcdesk", "--nonsense", "a.txt"])  # no such file: no hint
    assert "./" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "typed",
    [
        ["import", "-w", "W.fcdesk", "-notes.txt"],
        ["import", "-w", "W.fcdesk", "story.txt", "-notes.txt"],
        ["import", "story.txt", "-week.txt"],  # read as -w eek.txt
        ["segment", "-notes.txt"],
        ["-w", "W.fcdesk", "-notes.txt"],  # the window
    ],
)
def test_a_file_whose_name_begins_with_a_dash_is_told_how_to_name_it(
    typed: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A wire file saved as "-notes.txt" (or "-week.txt", read as `-w eek.txt`) read as an
    option: "the following arguments are required: FILE" with the file right there, or
    "unrecognized arguments", or a workspace "eek.txt"; nothing said how to name it."""
    from factcheck_app.__main__ import main
    from factcheck_app.gui import app

    opened: list[object] = []
    monkeypatch.setattr(app, "run_gui", lambda **kwargs: opened.append(kwargs) or 0)
    monkeypatch.setattr(app, "leave", lambda code: None)
    monkeypatch.chdir(tmp_path)
    for name in ("story.txt", "-notes.txt", "-week.txt"):
        (tmp_path / name).write_text("The mayor said crime fell.\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main(typed)
    assert stopped.value.code == 2
    assert opened == []
    err = capsys.readouterr().err
    dashed = typed[-1]
    assert (
        f"{dashed} is a file here, but a name beginning with a dash reads as an option: "
        f"write ./{dashed}, or put -- before the files" in err
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["-notes.txt", "-week.txt", "story.txt"]


def test_a_file_whose_name_begins_with_a_dash_imports_after_two_dashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck_app.__main__ import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "-notes.txt").write_text("The mayor said crime fell.\n", encoding="utf-8")
    assert main(["import", "-w", "W.fcdesk", "--", "-notes.txt"]) == 0
    assert main(["import", "-w", "W.fcdesk", "./-notes.txt"]) == 0
    assert "already in the workspace" in capsys.readouterr().out


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_link_that_leads_round_in_a_loop_is_told_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    os.symlink("b.txt", "a.txt")
    os.symlink("a.txt", "b.txt")
    assert run(["import", "-w", "W.fcdesk", "a.txt"]) == 1
    err = capsys.readouterr().err
    assert "Too many levels" not in err
    assert (
        "a.txt is a link that leads, through others, back to itself (a loop of links), "
        "so it leads to no file: point the link at the article itself." in err
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_folder_link_that_leads_round_in_a_loop_is_named_not_the_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import wires/a.txt`, where the folder `wires` is a link to itself, said "a.txt is
    a link that leads … back to itself": a.txt is no link, and the reviewer looked at the
    article file for a fault it has not."""
    monkeypatch.chdir(tmp_path)
    os.symlink("wires", "wires")
    assert run(["import", "-w", "W.fcdesk", "wires/a.txt"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "a.txt is a link" not in err
    assert (
        "a.txt cannot be reached: wires is a link that leads, through others, back to "
        "itself (a loop of links): point that link at the folder itself." in err
    )


def _said(typed: list[str], monkeypatch: pytest.MonkeyPatch, through: str) -> tuple[int, str]:
    """The status and error output of `typed`, run as `factcheck-app` runs it (`main`) or
    as a script's `cli.run` does; the window never opens."""
    from factcheck_app.__main__ import main
    from factcheck_app.gui import app

    monkeypatch.setattr(app, "run_gui", lambda **kwargs: pytest.fail("the window opened"))
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    try:
        status = (main if through == "main" else run)(typed)
    except SystemExit as stopped:
        status = stopped.code
    return int(status or 0), err.getvalue()


@pytest.mark.parametrize("through", ["main", "run"])
@pytest.mark.parametrize(
    ("typed", "told"),
    [
        (
            ["import", "-w", "W.fcdesk", "-notes.txt"],
            "-notes.txt is a file here, but a name beginning with a dash reads as an option: "
            "write ./-notes.txt, or put -- before the files",
        ),
        (
            ["import", "story.txt", "-week.txt"],  # read as -w eek.txt
            "-week.txt is a file here, but a name beginning with a dash reads as an option: "
            "write ./-week.txt, or put -- before the files",
        ),
        (
            ["import", "-w", "W.fcdesk", "-notes"],  # no suffix: no option of import's
            "-notes is a file here, but a name beginning with a dash reads as an option: "
            "write ./-notes, or put -- before the files",
        ),
        (
            # An option's value: -- cannot come before it (the file is there, to overwrite).
            ["export", "-w", "W.fcdesk", "--article", "1", "-o", "-report.md"],
            "-report.md starts with a dash, and was read as an option: write "
            "--output=-report.md, or for a file ./-report.md",
        ),
        (
            ["export", "-w", "W.fcdesk", "--article", "1", "--out", "-report.md"],  # shortened
            "-report.md starts with a dash, and was read as an option: write "
            "--output=-report.md, or for a file ./-report.md",
        ),
    ],
)
def test_a_dash_named_file_is_told_one_way_wherever_it_is_typed(
    typed: list[str],
    told: str,
    through: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two rules said it two ways: `factcheck-app` before argparse ("… put -- before the
    files", wrong for -o's value) and a script's `cli.run` after argparse failed ("…
    read as an option: write ./-notes.txt, or put -- before it"; `import story.txt
    -week.txt` not at all, read as `-w eek.txt`). One rule, one message."""
    monkeypatch.chdir(tmp_path)
    for name in ("story.txt", "-notes.txt", "-week.txt", "-notes", "-report.md"):
        (tmp_path / name).write_text("The mayor said crime fell.\n", encoding="utf-8")
    status, err = _said(typed, monkeypatch, through)
    assert status == 2
    assert told in " ".join(err.split())
    assert "usage: factcheck-app" in err
    assert not (tmp_path / "W.fcdesk").exists() and not (tmp_path / "eek.txt").exists()


@pytest.mark.parametrize("through", ["main", "run"])
@pytest.mark.parametrize(
    "typed",
    [
        ["list", "-w", "./-w"],  # a file literally named -w, named as the rule says
        ["list", "-w", "W.fcdesk"],  # a file named -w is there
        ["list", "--workspace=-old.fcdesk"],
        ["import", "-w", "W.fcdesk", "--", "-notes.txt"],
        ["import", "-w", "W.fcdesk", "./-notes.txt"],
    ],
)
def test_a_dash_named_file_named_as_the_rule_says_is_read(
    typed: list[str], through: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No dash hint where the file is named as the message says (or the word is no file)."""
    monkeypatch.chdir(tmp_path)
    for name in ("-notes.txt", "-w", "-old.fcdesk"):
        (tmp_path / name).write_text("The mayor said crime fell.\n", encoding="utf-8")
    _status, err = _said(typed, monkeypatch, through)
    assert "beginning with a dash" not in err and "starts with a dash" not in err, err
