"""What the command line prints never drives the terminal (issue 13): article text from the
open web and file names reach the screen with their control characters shown, never sent:
ESC as ␛, BEL as ␇, CR as ␍ (the pictures Unicode has for them), a C1 control as \x9b and
a bidi control as \u202e. Until 8 December each was a `?`, which reads as a question
mark: "she said.??" put a question into a quote that held none."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck_app.cli import _suggestion_row, _suggestions_json, run
from factcheck_app.domain.assist import Suggestion
from factcheck_app.domain.models import Tag
from factcheck_app.domain.printable import printable, terminal_json, terminal_text
from factcheck_app.domain.segmentation import SentenceSpan
from factcheck_app.services.desk import Desk
from tests.hostile_reports import TERMINAL

# ESC, BEL, CR, DEL and the 8-bit CSI: anything that starts or ends a terminal sequence.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HOSTILE_TEXT = f"The minister {TERMINAL} said the war was over.\x9b2J Nobody\r believed him."


@pytest.fixture
def workspace(desk: Desk) -> Path:
    article_id = desk.importer.import_text(HOSTILE_TEXT).article_id
    metadata = desk.articles.article_metadata(article_id)
    metadata.title = f"Title {TERMINAL}\nsecond line\ttab"
    desk.articles.update_article_metadata(article_id, metadata)
    first = desk.reviews.sentence_rows(article_id)[0].sentence.id
    desk.reviews.set_tag(first, Tag.CLAIM)
    desk.reviews.set_text_field(first, "claimant", f"Mayor {TERMINAL}")
    path = desk.path
    assert path is not None
    desk.close()
    return path


def one_clean_line_per_record(out: str, records: int) -> None:
    assert not CONTROL.search(out.replace("\n", "").replace("\t", "")), repr(out)
    assert len(out.strip("\n").split("\n")) == records, repr(out)


def test_list_and_search_show_titles_and_sentences_without_controls(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["list", "-w", str(workspace)]) == 0
    out = capsys.readouterr().out
    one_clean_line_per_record(out, 1)
    # A title is as the window lists it (services/articles: shown_line), `?` for each.
    assert out.split("\t")[1] == "Title ?]0;title??[2J second line tab"
    assert run(["search", "-w", str(workspace), "minister"]) == 0
    captured = capsys.readouterr()
    one_clean_line_per_record(captured.out, 1)
    assert "The minister ␛]0;title␇␛[2J said the war was over.\\x9b2J Nobody believed" in (
        captured.out
    )
    assert run(["search", "-w", str(workspace), "minister", "--json"]) == 0
    out = capsys.readouterr().out
    assert not CONTROL.search(out.replace("\n", ""))
    assert TERMINAL in json.loads(out)[0]["text"]  # the data itself is all there


def test_import_prints_the_title_and_errors_on_one_clean_line(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(f"Breaking {TERMINAL} news from the capital. More follows.\n")
    # A file name may hold a newline and ESC: the error naming it stays one clean line.
    odd = tmp_path / "evil\n\x1b]0;pwned\x07\x1b[2J.txt"
    odd.write_bytes(b"")
    assert run(["import", "-w", str(workspace), str(article), str(odd)]) == 1
    captured = capsys.readouterr()
    one_clean_line_per_record(captured.out, 1)
    assert "Breaking ?]0;title??[2J news" in captured.out  # the title, as listed
    one_clean_line_per_record(captured.err, 1)
    assert "evil ␛]0;pwned␇␛[2J.txt" in captured.err


def test_segment_and_suggest_print_no_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "t.txt"
    source.write_text(HOSTILE_TEXT, encoding="utf-8")
    for command in (["segment"], ["suggest"], ["segment", "--json"], ["suggest", "--json"]):
        assert run([*command, str(source)]) == 0
        out = capsys.readouterr().out
        assert not CONTROL.search(out.replace("\n", "").replace("\t", "")), (command, out)
        if "--json" not in command:
            assert "The minister ␛]0;title␇␛[2J said" in out, (command, out)


def test_a_hostile_files_quote_shows_its_sequences_through_the_real_command(
    tmp_path: Path,
) -> None:
    """An article file whose quote holds a screen clear, an OSC 8 link hiding its address
    and bells: `factcheck-app suggest` shows each as it is in the file, sends none."""
    source = tmp_path / "hostile.txt"
    quote = (
        '"We will cut taxes \x1b[2J\x1b[H\x1b]8;;https://elsewhere.example/\x1b\\now\x1b]8;;\x1b\\,"'
        " the minister said.\x07\x07"
    )
    source.write_text(f"Budget day in the capital.\n\n{quote} Officials agreed.\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "suggest", str(source)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert not CONTROL.search(result.stdout.replace("\n", "").replace("\t", ""))
    assert (
        '"We will cut taxes ␛[2J␛[H␛]8;;https://elsewhere.example/␛\\now␛]8;;␛\\,"'
        " the minister said.␇␇"
    ) in result.stdout


def test_terminal_text_shows_each_control_character() -> None:
    assert terminal_text("a\x1b[2Jb\tc\nd\re\x9bf\x7f\x00") == "a␛[2Jb c d␍e\\x9bf␡␀"
    assert terminal_text("a\x1b[2Jb\tc\nd\re", one_line=False) == "a␛[2Jb\tc\nd␍e"
    assert terminal_text("x\u202ey\u2066z") == "x\\u202ey\\u2066z"
    assert terminal_text("Ünïcödé – “quotes” 🍮 ‏") == "Ünïcödé – “quotes” 🍮 ‏"
    # Line breaks of any kind are one space on one line; the marks a text holds stay.
    assert terminal_text("a\x0bb\x0cc\x85d\u2028e\u2029f") == "a b c d e f"


def test_printable_and_terminal_json() -> None:
    assert printable("a\x1b[2Jb\tc\nd\re\x9bf\x7f") == "a?[2Jb c d e?f?"
    assert printable("a\x1b[2Jb\tc\nd\re", one_line=False) == "a?[2Jb\tc\nd?e"
    assert printable("Ünïcödé – “quotes” 🍮") == "Ünïcödé – “quotes” 🍮"
    assert terminal_json(["\x9b2J\x1b é"]) == '["\\u009b2J\\u001b é"]'
    # Printable text passes as it is; DEL and C1 are escaped beside other non-printables.
    assert terminal_json(["Ünïcödé – “quotes” 🍮"]) == '["Ünïcödé – “quotes” 🍮"]'
    assert terminal_json(["a\x7f\u00a0b\x85"]) == '["a\\u007f\u00a0b\\u0085"]'
    assert terminal_json({"a": ["\x9b"]}, indent=1) == '{\n "a": [\n  "\\u009b"\n ]\n}'


ANY_CHARACTER = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, categories=None)
HOSTILE = st.text(ANY_CHARACTER, max_size=12) | st.sampled_from(["", '"\\', "\x9b\x1b\x7f\x85"])
SUGGESTIONS = st.builds(
    Suggestion,
    tag=st.none() | st.sampled_from(Tag),
    confidence=st.floats(0, 1) | st.integers(0, 1),
    cue=HOSTILE,
    claimant=HOSTILE,
    checkworthiness=st.floats(0, 1),
    reasons=st.lists(HOSTILE, max_size=3).map(tuple),
    denies_index=st.none() | st.integers(0, 10**6),
    note=HOSTILE,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(HOSTILE, SUGGESTIONS), max_size=4))
def test_suggest_writes_its_json_as_json_dumps_does(
    sentences: list[tuple[str, Suggestion]],
) -> None:
    """`suggest --json` writes its items by hand (quicker than making dictionaries for
    json.dumps): byte for byte what `terminal_json` writes of the rows."""
    text = "".join(sentence for sentence, _ in sentences)
    spans, start = [], 0
    for number, (sentence, _) in enumerate(sentences):
        spans.append(SentenceSpan(start, start + len(sentence), number))
        start += len(sentence)
    hints = [hint for _, hint in sentences]
    rows = [_suggestion_row(text, span, hint) for span, hint in zip(spans, hints, strict=True)]
    assert f"[{_suggestions_json(text, spans, hints)}]" == terminal_json(rows)


def test_import_review_prints_the_title_as_list_does(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import-review` printed the exported article's title whole, each control character
    shown (␛), where `import` and `list` print it as the window lists it: `?` for each,
    cut to a line's 300 characters. A 5,000-character title filled the terminal."""
    desk = Desk.open(workspace)
    try:
        metadata = desk.articles.article_metadata(1)
        metadata.title = f"Title {TERMINAL}\nsecond line\ttab " + "long " * 1000
        desk.articles.update_article_metadata(1, metadata)
    finally:
        desk.close()
    report = tmp_path / "review.json"
    export = ["export", "-w", str(workspace), "--article", "1", "--format", "json"]
    assert run([*export, "-o", str(report)]) == 0
    capsys.readouterr()
    other = tmp_path / "other.fcdesk"
    assert run(["import-review", "-w", str(other), str(report)]) == 0
    imported = capsys.readouterr().out.split("\n")[0]
    assert run(["list", "-w", str(other)]) == 0
    listed = capsys.readouterr().out.split("\t")[1]
    assert imported.split("\t")[2] == listed
    assert listed.startswith("Title ?]0;title??[2J second line tab long long")
    assert len(listed) == 300
