"""Standard output that cannot take what the command prints: a full disk, a locale that
is not UTF-8. Each is said in one line, never taken for a bug."""

from __future__ import annotations

import errno
import io
import json
import sys
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.services.desk import Desk

TITLE = "Baku’s main backer said 32 people died in Iğdır."


@pytest.fixture
def workspace(desk: Desk) -> Path:
    desk.importer.import_text(TITLE)
    path = desk.path
    assert path is not None
    desk.close()
    return path


class FullDisk(io.TextIOBase):
    """A stdout on a full disk (`factcheck-app list > /dev/full`)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_under_stdout_is_one_line_not_a_bug(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", FullDisk())
    assert run(["list", "-w", str(workspace)]) == 1
    err = capsys.readouterr().err
    assert err == "factcheck-app: cannot write the output: No space left on device\n"


@pytest.mark.parametrize(
    ("encoding", "errors"),
    [
        ("iso-8859-1", "strict"),  # LANG=en_US.ISO-8859-1: no ’, no ğ or ı
        ("ascii", "surrogateescape"),  # LC_ALL=C with PYTHONUTF8=0
    ],
)
def test_a_non_utf8_locale_gets_escapes_for_what_it_cannot_show(
    encoding: str,
    errors: str,
    workspace: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors=errors, write_through=True)
    monkeypatch.setattr(sys, "stdout", stream)
    assert run(["list", "-w", str(workspace)]) == 0
    assert run(["search", "-w", str(workspace), "Baku", "--json"]) == 0
    out = raw.getvalue().decode(encoding)
    assert "Baku\\u2019s main backer" in out
    assert '"text": "Baku\\u2019s main backer said 32 people died in I\\u011fd\\u0131r."' in out
    assert "unexpected error" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["stats"],
        ["export", "--article", "1", "--format", "md"],
        ["segment", "FILE"],
        ["suggest", "FILE", "--json"],
    ],
)
def test_a_closed_stdout_is_one_line_not_a_bug(
    command: list[str],
    workspace: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`factcheck-app segment story.txt >&-` (a script's stdout closed): segment, suggest,
    stats and export said "unexpected error (AttributeError: 'NoneType' object has no
    attribute 'write')" and sent the reviewer to the log; list said nothing and exit 0,
    its output lost. Both now say what a full disk under stdout says, with status 1."""
    article = tmp_path / "story.txt"
    article.write_text(TITLE, encoding="utf-8")
    args = [str(article) if word == "FILE" else word for word in command]
    if command[0] not in ("segment", "suggest"):
        args += ["-w", str(workspace)]
    monkeypatch.setattr(sys, "stdout", None)
    assert run(args) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "factcheck-app: cannot write the output: standard output is closed"
    )
    assert sys.stdout is None  # left as it was found


def test_a_closed_stdout_still_lets_an_export_to_a_file_be_written_whole(
    workspace: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The report is written; only its "Wrote …" line is lost, and said to be."""
    out = tmp_path / "report.md"
    monkeypatch.setattr(sys, "stdout", None)
    assert run(["export", "-w", str(workspace), "--article", "1", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8").startswith("# Fact-check: Baku’s main backer")
    assert capsys.readouterr().err == (
        "factcheck-app: cannot write the output: standard output is closed\n"
    )


def test_a_closed_stderr_leaves_stdout_the_output_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`segment --json story.txt 2>&-`: print(file=None) writes to stdout, so "language:
    en (English, detected)" went before the JSON, and the JSON no longer parsed."""
    article = tmp_path / "story.txt"
    article.write_text(TITLE, encoding="utf-8")
    monkeypatch.setattr(sys, "stderr", None)
    assert run(["segment", "--json", str(article)]) == 0
    assert run(["list", "-w", str(tmp_path / "none.fcdesk")]) == 1  # its error: the log's
    out = capsys.readouterr().out
    assert [item["text"] for item in json.loads(out)] == [TITLE]
    assert sys.stderr is None


def test_a_closed_stdin_is_said_in_words(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`factcheck-app segment <&-` said "unexpected error (AttributeError …)"."""
    monkeypatch.setattr(sys, "stdin", None)
    assert run(["segment"]) == 1
    assert capsys.readouterr().err == (
        "factcheck-app: There is no standard input to read (it is closed): name the FILE to read.\n"
    )


class ReaderGone(io.TextIOBase):
    """A pipe whose reader has quit (`factcheck-app import -w W *.txt | head -1`)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def test_a_reader_that_quits_never_stops_an_import_or_export_half_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import -w W inbox/ | head -1`: the first line's broken pipe ended the command with
    status 0, the other articles of the folder not imported, and nothing said; `export
    --all -o DIR | head -1` wrote one report of many. The work is done whole now; only
    the lines nobody reads are dropped."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number in range(3):
        (inbox / f"{number}.txt").write_text(f"The mayor said {number} bridges closed.", "utf-8")
    workspace = tmp_path / "w.fcdesk"
    monkeypatch.setattr(sys, "stdout", ReaderGone())
    assert run(["import", "-w", str(workspace), str(inbox)]) == 0
    assert run(["export", "-w", str(workspace), "--all", "-o", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().err == ""
    desk = Desk.open(workspace, read_only=True)
    try:
        assert len(desk.articles.list_articles()) == 3
    finally:
        desk.close()
    assert len(list((tmp_path / "out").iterdir())) == 3


def test_a_reader_that_quits_ends_a_listing_quietly(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`list … | head -1`: nothing more to do for nobody, status 0, no traceback."""
    monkeypatch.setattr(sys, "stdout", ReaderGone())
    assert run(["list", "-w", str(workspace)]) == 0
    assert capsys.readouterr().err == ""


def test_a_reader_of_stderr_that_quits_never_stops_an_import_half_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import -w W a.txt photo.jpg b.txt 2>&1 | head -1`: the refusal of photo.jpg,
    written to a pipe nobody read any more, ended the command with status 0, b.txt not
    imported. The refusal is in the log; the import goes on, and ends with status 1."""
    files = [tmp_path / "a.txt", tmp_path / "photo.jpg", tmp_path / "b.txt"]
    files[0].write_text("The mayor said 12 bridges closed.", encoding="utf-8")
    files[1].write_bytes(b"\xff\xd8\xff")
    files[2].write_text("The minister said 4 schools opened.", encoding="utf-8")
    workspace = tmp_path / "w.fcdesk"
    monkeypatch.setattr(sys, "stderr", ReaderGone())
    assert run(["import", "-w", str(workspace), *map(str, files)]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 2
    desk = Desk.open(workspace, read_only=True)
    try:
        assert len(desk.articles.list_articles()) == 2
    finally:
        desk.close()


def test_a_full_disk_under_stdout_never_stops_an_import_half_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import -w W inbox/ > imported.txt` on a full disk: the first line that could not be
    written ended the import there, the rest of the folder not imported. It goes on to
    the end now, and then says the output could not be written (status 1)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number in range(3):
        (inbox / f"{number}.txt").write_text(f"The mayor said {number} bridges closed.", "utf-8")
    workspace = tmp_path / "w.fcdesk"
    monkeypatch.setattr(sys, "stdout", FullDisk())
    assert run(["import", "-w", str(workspace), str(inbox)]) == 1
    assert capsys.readouterr().err == (
        "factcheck-app: cannot write the output: No space left on device\n"
    )
    desk = Desk.open(workspace, read_only=True)
    try:
        assert len(desk.articles.list_articles()) == 3
    finally:
        desk.close()
