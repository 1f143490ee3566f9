"""Output names that are not a file of their own: /dev/stdout, /dev/fd/N, a named pipe. A
script's `-o /dev/stdout >> desk.log` replaced desk.log with the report, and a copy made
with --replace took the place of the named pipe, or of the /dev/stdout link itself."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.services.desk import Desk

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="/proc/self/fd is Linux's"
)

TITLE = "The mayor said 40 buses were bought."
FACTCHECK = [sys.executable, "-m", "factcheck_app"]
MARKDOWN = ["--article", "1", "--format", "md"]


@pytest.fixture
def workspace(desk: Desk) -> Path:
    desk.importer.import_text(TITLE)
    path = desk.path
    assert path is not None
    desk.close()
    return path


@pytest.fixture
def log(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """A script's log, with a line in it, open for appending as `3>> desk.log` opens it."""
    path = tmp_path / "desk.log"
    path.write_text("started\n", encoding="utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    yield path, fd
    os.close(fd)


@linux_only
def test_an_export_to_dev_stdout_is_written_into_what_stdout_is(
    workspace: Path, tmp_path: Path
) -> None:
    """`export -o /dev/stdout >> desk.log` (as one writes for tools that want a file name)
    replaced desk.log with the report: the log's earlier lines were gone, and what the
    script wrote after went into the deleted file."""
    log = tmp_path / "desk.log"
    log.write_text("started\n", encoding="utf-8")
    with log.open("ab") as out:
        result = subprocess.run(
            [*FACTCHECK, "export", "-w", str(workspace), *MARKDOWN, "-o", "/dev/stdout"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "FACTCHECK_DATA_DIR": str(tmp_path / "data")},
        )
        out.write(b"done\n")
    assert (result.returncode, result.stderr) == (0, "")
    written = log.read_text(encoding="utf-8")
    assert written.startswith("started\n# Fact-check: The mayor said 40 buses")
    assert written.endswith("\ndone\n")


@linux_only
def test_an_export_to_another_open_descriptor_is_refused(
    workspace: Path, log: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    """`-o /dev/stderr 2>> errors.log`, `-o /dev/fd/3 3>> desk.log`: the file the shell
    opened was replaced by the report."""
    path, fd = log
    assert run(["export", "-w", str(workspace), *MARKDOWN, "-o", f"/dev/fd/{fd}"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"factcheck-app: /dev/fd/{fd} leads to a file this program has open (descriptor "
        f"{fd}), which an export would replace instead of writing into: name the file "
        "itself.\n"
    )
    assert path.read_text(encoding="utf-8") == "started\n"


@linux_only
@pytest.mark.parametrize(("fmt", "label"), [("pdf", "PDF report"), ("docx", "Word document")])
def test_a_binary_export_to_standard_output_by_name_says_why_it_is_refused(
    workspace: Path, tmp_path: Path, fmt: str, label: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--format pdf -o /dev/stdout > report.pdf` is standard output, as `-o -` is, and a
    binary report is never written there: the refusal asked for "-o FILE", as if the -o
    given had not been read. Here a link of /dev/stdout's kind, in the test's folder."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    assert (
        run(["export", "-w", str(workspace), "--article", "1", "--format", fmt, "-o", str(link)])
        == 1
    )
    assert capsys.readouterr() == (
        "",
        f"factcheck-app: {label} is a binary file, never written to standard output "
        f"({link}): give an output file with -o FILE.\n",
    )


@linux_only
def test_a_copy_never_replaces_a_link_to_an_open_descriptor(
    workspace: Path, tmp_path: Path, log: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    """`copy -w W.fcdesk /dev/stdout --replace`, run as root, replaced the system's
    /dev/stdout link with the copy: every later `> /dev/stdout` on the computer wrote into
    a workspace file. Here a link of the same kind, in a folder of the test's own."""
    path, fd = log
    link = tmp_path / "out.fcdesk"
    link.symlink_to(f"/proc/self/fd/{fd}")
    assert run(["copy", "-w", str(workspace), str(link), "--replace"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"factcheck-app: No copy was made: {link} leads to a file this program has open "
        f"(descriptor {fd}), not a file of its own: choose a file name.\n"
    )
    assert link.is_symlink() and os.readlink(link) == f"/proc/self/fd/{fd}"
    assert path.read_text(encoding="utf-8") == "started\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX's")
def test_a_copy_never_replaces_a_named_pipe_or_what_is_no_file(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`copy W.fcdesk PIPE --replace` put the copy in the pipe's place (and, as root, in a
    device's: `copy -w W.fcdesk /dev/null --replace` would have replaced /dev/null). Save
    a Copy replaces a file, as an export does, never a device, pipe or socket."""
    pipe = tmp_path / "pipe.fcdesk"
    os.mkfifo(pipe)
    assert run(["copy", "-w", str(workspace), str(pipe), "--replace"]) == 1
    assert capsys.readouterr() == (
        "",
        "factcheck-app: No copy was made: pipe.fcdesk is a named pipe (FIFO), not a file: "
        "choose a file name.\n",
    )
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    link = tmp_path / "to-pipe.fcdesk"
    link.symlink_to(pipe)
    assert run(["copy", "-w", str(workspace), str(link), "--replace"]) == 1
    assert capsys.readouterr().err == (
        "factcheck-app: No copy was made: to-pipe.fcdesk is a named pipe (FIFO), not a "
        "file: choose a file name.\n"
    )
    assert link.is_symlink()


def test_a_copy_still_replaces_a_workspace_file_when_asked(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    older = tmp_path / "older.fcdesk"
    Desk.open(older).close()
    assert run(["copy", "-w", str(workspace), str(older), "--replace"]) == 0
    assert capsys.readouterr().out == f"{older}\n"
    assert run(["list", "-w", str(older)]) == 0
    assert TITLE in capsys.readouterr().out
