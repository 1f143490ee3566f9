"""The command line: same services, one clear line per error, never a traceback."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.models import Stance, Tag
from factcheck_app.services.desk import Desk, NewSource
from tests.conftest import SEED_FILE


def test_import_prints_id_count_title_and_list_shows_progress(
    workspace_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["import", "--workspace", str(workspace_path), str(SEED_FILE)]) == 0
    line = capsys.readouterr().out.strip()
    article_id, count, title = line.split("\t")
    assert (article_id, count) == ("1", "12") and title.startswith("Ankara")
    assert run(["list", "--workspace", str(workspace_path)]) == 0
    assert capsys.readouterr().out.split("\t")[2:] == ["2020-10-04", "0/12\n"]


def test_segment_json_offsets_point_into_the_decoded_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Crème brûlée 🍮 costs $4.50 in Paris. Is it worth it? “No,” said Mr. Dupont."
    source = tmp_path / "t.txt"
    source.write_text(text, encoding="utf-8")
    assert run(["segment", "--json", str(source)]) == 0
    spans = json.loads(capsys.readouterr().out)
    assert len(spans) == 3
    assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)


def test_segment_reads_stdin() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "segment", "--json"],
        input=b"One sentence. Two sentences.",
        capture_output=True,
        check=True,
    )
    assert [s["text"] for s in json.loads(result.stdout)] == ["One sentence.", "Two sentences."]


def test_export_json_has_the_complete_review(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = seeded_desk.reviews.sentence_rows(1)
    sid = rows[4].sentence.id
    seeded_desk.reviews.set_tag(sid, Tag.CLAIM)
    seeded_desk.reviews.set_verdict(sid, "unverifiable")
    seeded_desk.reviews.set_text_field(sid, "claimant", "Baku")
    seeded_desk.sources.link_source(
        sid, NewSource(url="https://example.org/x", title="X", stance=Stance.REFUTES, excerpt="q")
    )
    path = seeded_desk.path
    seeded_desk.close()
    out = tmp_path / "review.json"
    assert (
        run(["export", "-w", str(path), "--article", "1", "--format", "json", "-o", str(out)]) == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["article"]["published"] == "2020-10-04"
    assert len(data["sentences"]) == 12
    sentence = data["sentences"][4]
    assert sentence["tag"] == "claim" and sentence["verdict"] == "Unverifiable"
    assert sentence["claimant"] == "Baku" and sentence["status"] == "done"
    assert sentence["sources"] == [
        {
            "url": "https://example.org/x",
            "title": "X",
            "publisher": "",
            "accessed": sentence["sources"][0]["accessed"],
            "stance": "refutes",
            "excerpt": "q",
            "reviewer": "tester",  # who linked it, kept by a round trip
        }
    ]
    text = data["article"]["text"]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in data["sentences"])
    assert data["sentences"][0]["tag"] is None and data["sentences"][0]["verdict"] is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["import", "--workspace", "{ws}", "{tmp}/missing.txt"], "no such file"),
        (["list", "--workspace", "{tmp}/nowhere.fcdesk"], "There is no workspace"),
        (["list", "--workspace", "{tmp}/garbage.fcdesk"], "not a Factcheck desk workspace"),
        (["export", "--workspace", "{ws}", "--article", "99"], "no article 99"),
        (["segment", "{tmp}/missing.txt"], "no such file"),
    ],
)
def test_errors_are_one_line_and_non_zero(
    args: list[str], words: str, seeded_desk: Desk, tmp_path: Path
) -> None:
    (tmp_path / "garbage.fcdesk").write_bytes(b"GIF89a" + bytes(200))
    ws = str(seeded_desk.path)
    seeded_desk.close()
    argv = [a.format(ws=ws, tmp=tmp_path) for a in args]
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", *argv], capture_output=True, text=True
    )
    assert result.returncode != 0
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_version_flag() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("factcheck-app ")


def test_help_says_how_to_open_the_window_on_a_workspace_with_files(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`factcheck-app --help` named only the commands: the README's first way to start
    the desk, `factcheck-app --workspace W.fcdesk story.txt`, was nowhere in it."""
    with pytest.raises(SystemExit):
        run(["--help"])
    usage = capsys.readouterr().out
    assert "factcheck-app [--workspace FILE.fcdesk] [FILE ...]" in usage
    assert "factcheck-app COMMAND" in usage
    with pytest.raises(SystemExit):
        run(["import", "--help"])
    assert capsys.readouterr().out.startswith("usage: factcheck-app import ")


def test_window_without_display_says_so_in_words(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "FACTCHECK_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 2
    assert "no display found" in result.stderr
    assert not list(tmp_path.glob("*.fcdesk"))


def test_smoke_option_opens_default_workspace_and_exports(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "FACTCHECK_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "--smoke"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    smoke = re.match(
        r"smoke ok: 1 article, 12 sentences, check-worthiness ([\d.]+),", result.stdout
    )
    assert smoke, result.stdout
    assert float(smoke.group(1)) >= 0.5  # the model scored the probe sentence
    export = json.loads((tmp_path / "data" / "smoke-export.json").read_text(encoding="utf-8"))
    assert len(export["sentences"]) == 12
    assert (tmp_path / "data" / "workspace.fcdesk").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
@pytest.mark.parametrize(
    "name",
    [
        "Factcheck desk/factcheck-desk.conf",
        "Factcheck desk.conf",
        "Factcheck desk/factcheck-desk.conf.lock",
    ],
)
def test_a_window_settings_file_that_is_a_named_pipe_hangs_no_start(
    tmp_path: Path, name: str
) -> None:
    """~/.config/Factcheck desk/factcheck-desk.conf a named pipe: Qt waited to read it
    for ever, and the window never showed, with nothing said. The window opens; its
    settings are not kept (the status bar says so) and the pipe is left as it was. So
    too for ~/.config/Factcheck desk.conf, the organization's file Qt also reads, and
    for the lock Qt takes beside the settings file to write it (the window froze at
    "Opening workspace.fcdesk…", at the first setting kept)."""
    conf = tmp_path / "config" / name
    conf.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(conf)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "FACTCHECK_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "--smoke"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,  # this checkout's desk, not another's
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke ok: 1 article"), result.stdout
    assert stat.S_ISFIFO(conf.stat().st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
@pytest.mark.parametrize("name", ["Factcheck desk/factcheck-desk.conf", "Factcheck desk.conf"])
def test_a_system_settings_file_that_is_a_named_pipe_hangs_no_start(
    tmp_path: Path, name: str
) -> None:
    """Qt reads the system's settings files too, in every folder XDG_CONFIG_DIRS names
    (/etc/xdg when unset): a named pipe at one of them hung the start before the window
    showed, with nothing said, as one in ~/.config did. The window opens, its own
    settings kept as ever, and the pipe is left as it was."""
    system = tmp_path / "system"
    conf = system / name
    conf.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(conf)
    (tmp_path / "other").mkdir()
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "FACTCHECK_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CONFIG_DIRS": f"{tmp_path / 'other'}:{system}",  # not only the first
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "--smoke"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent,  # this checkout's desk, not another's
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke ok: 1 article"), result.stdout
    assert stat.S_ISFIFO(conf.stat().st_mode)
    assert (tmp_path / "config" / "Factcheck desk" / "factcheck-desk.conf").is_file()


def test_suggest_json_gives_tags_cues_and_claimants_with_offsets() -> None:
    text = (
        "Baku said one civilian had been killed and 32 wounded in the city. "
        "Yerevan has dismissed the allegations that it opened fire from its territory."
    )
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "suggest", "--json"],
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    rows = json.loads(result.stdout)
    assert [(r["tag"], r["claimant"]) for r in rows] == [("claim", "Baku"), ("denial", "Yerevan")]
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert "dismissed the allegations" in rows[1]["cue"]
    assert rows[1]["denies_index"] == 0
    assert all(0 <= r["confidence"] <= 1 for r in rows)


@pytest.mark.parametrize("command", ["segment", "suggest"])
def test_lines_reads_one_statement_per_line(command: str) -> None:
    """A list of statements, one per line (from a transcript, or a spreadsheet column):
    without --lines a line with no full stop ran into the next, as wrapped prose does."""
    text = (
        "Today we have more teachers in our schools than at any time in history\n"
        "\n"
        "  My opponent voted to cut the veterans' budget three times  \r\n"
        "Thank you. Good night\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", command, "--json", "--lines"],
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    rows = json.loads(result.stdout)
    assert [r["text"] for r in rows] == [
        "Today we have more teachers in our schools than at any time in history",
        "My opponent voted to cut the veterans' budget three times",
        "Thank you. Good night",
    ]
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)


def test_suggest_json_checkworthiness_is_the_models_probability_with_its_reasons() -> None:
    from factcheck_app.domain.checkworthiness import load_model

    text = (
        "Today we have more teachers in our schools than at any time in history. "
        "Thank you all for coming tonight."
    )
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "suggest", "--json"],
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    rows = json.loads(result.stdout)
    model = load_model()
    assert model is not None
    assert [r["checkworthiness"] for r in rows] == [
        round(model.probability(r["text"]), 3) for r in rows
    ]
    assert rows[0]["checkworthiness"] >= 0.5 > rows[1]["checkworthiness"]
    assert "the speaker's own record (we have more)" in rows[0]["reasons"]
    assert set(rows[0]) >= {"text", "tag", "confidence", "cue", "claimant", "denies_index"}


def test_search_finds_words_claimants_and_sources_across_the_workspace(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    sid = seeded_desk.reviews.sentence_rows(1)[4].sentence.id
    seeded_desk.reviews.set_tag(sid, Tag.CLAIM)
    seeded_desk.reviews.set_verdict(sid, "false")
    seeded_desk.reviews.set_text_field(sid, "claimant", "Baku")
    seeded_desk.sources.link_source(
        sid, NewSource(url="https://example.org/prosecutor", title="Statement")
    )
    path = str(seeded_desk.path)
    seeded_desk.close()
    assert run(["search", "-w", path, "ganja 332000"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("1:2\t-\tThe attacks on Ganja, a city of roughly 332,000")
    assert out.err == "1 match\n"
    assert run(["search", "-w", path, "--in", "claimant", "--json", "baku"]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert (hit["sentence_id"], hit["tag"], hit["rating"], hit["matched_in"]) == (
        sid,
        "claim",
        "false",
        ["Claimant"],
    )
    assert run(["search", "-w", path, "--in", "sources", "prosecutor"]) == 0
    assert capsys.readouterr().out.startswith(f"1:{sid}\tclaim false\t")


@pytest.mark.parametrize("query", ["!!!", "🙂", " ", "« — »"])
def test_a_search_for_nothing_searchable_says_so_and_fails(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    """ "0 matches" read as if the words were searched for and are nowhere."""
    path = str(seeded_desk.path)
    seeded_desk.close()
    assert run(["search", "-w", path, query]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == (
        "factcheck-app: Nothing to search for: punctuation, symbols and emoji are left out."
        " Give a word or a number.\n"
    )


def test_a_search_leaves_out_the_words_after_a_minus(
    seeded_desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "Ganja -shelling" listed the sentences with both words, the opposite of what a
    web search does; with only words to leave out, it says a word to find is wanted."""
    path = str(seeded_desk.path)
    seeded_desk.close()
    assert run(["search", "-w", path, "--json", "Ganja"]) == 0
    ganja = {hit["text"] for hit in json.loads(capsys.readouterr().out)}
    assert run(["search", "-w", path, "--json", "Ganja -shelling"]) == 0
    found = {hit["text"] for hit in json.loads(capsys.readouterr().out)}
    assert found and found < ganja and not any("shelling" in text for text in found)
    assert run(["search", "-w", path, "--", "-Ganja"]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == (
        "factcheck-app: Nothing to find: the words after - are left out of the results. "
        "Give a word to find too.\n"
    )


PAGE = (
    "<!DOCTYPE html><html><head><title>Flood</title></head><body>"
    "<nav>Menu Home Sport</nav><article><h1>Flood in Ganja</h1>"
    "<p>The council said 40 homes were flooded on Sunday. The mayor denied that the dam "
    "had failed.</p></article><div class='ad'>Buy now and save 50 percent!</div>"
    "</body></html>"
)


@pytest.mark.parametrize("command", ["segment", "suggest"])
def test_segment_and_suggest_read_a_web_page_as_import_does(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """They split the raw markup: <!DOCTYPE html> was sentence 1 and the ad a claim."""
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert run([command, str(page), "--json"]) == 0
    texts = [row["text"] for row in json.loads(capsys.readouterr().out)]
    assert "The council said 40 homes were flooded on Sunday." in texts
    assert not any("<" in t or "DOCTYPE" in t or "Buy now" in t or "Menu" in t for t in texts)


def test_the_entry_point_knows_every_command_without_importing_the_command_line() -> None:
    """`factcheck-app` picks the window or a command before importing either (issue 15:
    the window starts without the command line's imports)."""
    from factcheck_app import __main__, cli

    assert tuple(cli.HANDLERS) == __main__.COMMANDS
    assert all(__main__.is_cli_invocation([command]) for command in cli.HANDLERS)
    assert not __main__.is_cli_invocation(["story.txt"])


def test_a_workspace_named_with_a_tilde_after_an_equals_sign_is_in_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The shell leaves "~" in `--workspace=~/desk.fcdesk` as it is: the import went into a
    new folder named "~" under the current one, and `list` then found nothing there."""
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(elsewhere)
    assert run(["import", "--workspace=~/desk.fcdesk", str(SEED_FILE)]) == 0
    assert (home / "desk.fcdesk").is_file()
    assert list(elsewhere.iterdir()) == []
    capsys.readouterr()
    assert run(["list", "-w", "~/desk.fcdesk"]) == 0
    assert "0/12" in capsys.readouterr().out


def test_without_a_home_folder_a_named_workspace_still_works(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """HOME unset for an account the password database does not know (a container's or a
    directory service's user): every command, even with --workspace, and the window
    stopped on a Python traceback ("Could not determine home directory")."""

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    for name in ("FACTCHECK_DATA_DIR", "FACTCHECK_LOG_DIR", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert run(["import", "-w", str(workspace_path), str(SEED_FILE)]) == 0
    assert run(["list", "-w", str(workspace_path)]) == 0
    assert "0/12" in capsys.readouterr().out
    assert run(["list"]) == 1  # the default workspace: one line naming where it looked
    assert "There is no workspace at /" in capsys.readouterr().err


def test_help_names_the_default_workspace_whole_to_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--help` broke the default workspace's path at a hyphen, or anywhere when it was
    longer than the line (/home/ana-\\nmaria/.local/share/factcheck-desk/…): copied from
    the help into a command, it named another file."""
    from factcheck_app.__main__ import build_gui_parser

    data = tmp_path / "ana-maria-garcia-lopez" / "newsroom-desk-data" / "factcheck-desk"
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(data))
    monkeypatch.setenv("COLUMNS", "80")
    workspace = str(data / "workspace.fcdesk")
    with pytest.raises(SystemExit):
        run(["list", "--help"])
    assert workspace in capsys.readouterr().out
    with pytest.raises(SystemExit):
        run(["--help"])
    assert workspace in capsys.readouterr().out
    assert workspace in build_gui_parser().format_help()


COMMAND_NAMES = ["import", "list", "remove", "stats", "search", "segment", "suggest", "export",
                 "history", "verify", "sign-off", "import-review", "agreement", "clean", "copy",
                 "merge"]  # fmt: skip


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_a_commands_help_says_what_it_does_and_its_exit_status(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`factcheck-app verify --help` gave its usage and options alone: what the command
    does (and that status 1 means a changed history) was only in the program's list of
    commands, and no --help named the exit statuses a script tests."""
    with pytest.raises(SystemExit):
        run(["--help"])
    listing = capsys.readouterr().out
    assert "Exit status: 0" in " ".join(listing.split())  # the program's own --help too
    found = re.search(rf"\n +{re.escape(command)}\s+(\S[^\n]*)", listing)
    assert found is not None
    first_words = " ".join(found.group(1).split()[:4])
    with pytest.raises(SystemExit):
        run([command, "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert first_words.lower() in shown.lower()
    assert "Exit status: 0" in shown and "130" in shown


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_each_argument_in_a_commands_help_says_what_it_is(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`segment --help` listed `FILE`, `search --help` `QUERY`, `merge --help`
    `THEIRS.fcdesk` and `sign-off --help` `{approve,return}` with no word beside them:
    which file, what the query may hold, what each choice does."""
    with pytest.raises(SystemExit):
        run([command, "--help"])
    shown = capsys.readouterr().out
    if "positional arguments:" not in shown:
        return
    section = shown.split("positional arguments:")[1].split("options:")[0]
    entries = re.findall(r"^  (\S+)( +\S.*)?$", section, re.MULTILINE)
    assert entries and all(words for _name, words in entries), section


def _help_of(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    """`factcheck-app COMMAND --help`, its lines joined (wrapping set aside)."""
    with pytest.raises(SystemExit):
        run([command, "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_options_whose_help_was_untrue_or_cryptic_say_what_they_do(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Read as a newcomer reads them: `copy --reviewer` said "who the changes are
    recorded as", but a copy records nothing: the name goes into the copy's file name;
    "W – REVIEWER DATE" did not say W was the workspace's name; `export -o` read
    "file (folder with --all); default, or -: stdout"; `remove --article` "its id in
    list", as if from a list given somewhere."""
    copy = _help_of("copy", capsys)
    assert "--reviewer NAME whose copy it is: the name in its file name" in copy
    assert "who the changes are recorded as" not in copy
    assert "(named “WORKSPACE – REVIEWER DATE.fcdesk”)" in copy
    export = _help_of("export", capsys)
    assert (
        "-o OUT, --output OUT the file to write (with --all, the folder); without -o, or "
        "with -, the report is printed (a PDF or Word report needs a file)"
    ) in export
    remove = _help_of("remove", capsys)
    assert "--article ID the article's number, as factcheck-app list shows it first" in remove
