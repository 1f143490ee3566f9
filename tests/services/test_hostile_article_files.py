"""Article files that are no files: devices, named pipes, endless input. Refused at once.

The command-line runs get an address-space limit and a timeout, so that a regression
fails the test instead of filling the machine's memory or hanging the run.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck_app.domain.errors import ArticleImportError
from factcheck_app.services import article_files
from factcheck_app.services.desk import Desk
from tests.closed_folder import close_folder
from tests.domain.test_extract_hostile import ARTICLE_RUNS, document_xml, docx, many_lines_pdf

POSIX = pytest.mark.skipif(
    not (hasattr(os, "mkfifo") and Path("/dev/zero").exists()), reason="POSIX devices and FIFOs"
)
# Far above what the desk needs to refuse these (about 100 MB), far below what the
# files would eat: a regression dies of MemoryError instead of taking the machine down.
ADDRESS_SPACE_LIMIT = 2 * 1024**3


def limited_memory() -> Callable[[], None] | None:
    if sys.platform != "linux":
        return None

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))

    return limit


def run_cli(*args: str, stdin: int | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", *args],
        capture_output=True,
        text=True,
        stdin=stdin,
        timeout=120,
        preexec_fn=limited_memory(),
    )
    return result, time.monotonic() - started


@POSIX
def test_devices_and_a_fifo_named_as_articles_are_refused_at_once(
    workspace_path: Path, tmp_path: Path
) -> None:
    files = {}
    for name, target in (
        ("zero.txt", "/dev/zero"),
        ("zero.pdf", "/dev/zero"),
        ("zero.docx", "/dev/zero"),
        ("random.html", "/dev/urandom"),
    ):
        files[name] = tmp_path / name
        files[name].symlink_to(target)
    files["pipe.txt"] = tmp_path / "pipe.txt"
    os.mkfifo(files["pipe.txt"])
    Desk.open(workspace_path).close()

    result, seconds = run_cli("import", "-w", str(workspace_path), *map(str, files.values()))

    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(files), result.stderr
    for line, name in zip(lines, files, strict=True):
        kind = "a named pipe" if name == "pipe.txt" else "a device"
        assert name in line and kind in line and "nothing was read" in line, line
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert seconds < 20  # the interpreter's start, nothing else: the old code never ended


@POSIX
@pytest.mark.parametrize("command", ["segment", "suggest"])
def test_endless_standard_input_is_cut_at_the_cap_in_one_line(command: str) -> None:
    with open("/dev/zero", "rb") as zero:
        result, seconds = run_cli(command, stdin=zero.fileno())
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == (
        "factcheck-app: Standard input holds more than 200 MB; that is no article. "
        "Nothing was read past the limit."
    )
    assert seconds < 20


@POSIX
def test_a_fifo_is_refused_without_being_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipe = tmp_path / "article.txt"
    os.mkfifo(pipe)
    opened: list[object] = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda *a, **k: opened.append(a) or real_open(*a, **k))
    with pytest.raises(ArticleImportError, match=r"article\.txt is a named pipe \(FIFO\)"):
        article_files.read_article_file(pipe)
    assert opened == []


@POSIX
def test_a_fifo_swapped_in_after_the_check_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("An ordinary article.", encoding="utf-8")
    real_open = os.open

    def swap_then_open(path: object, flags: int, *args: object) -> int:
        article.unlink()
        os.mkfifo(article)  # no writer: a blocking open would wait for ever
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", swap_then_open)
    with pytest.raises(ArticleImportError, match="named pipe"):
        article_files.read_article_file(article)


def test_reading_stops_at_the_cap_whatever_the_size_the_file_claims(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(b"x" * 5000)
    assert article_files.read_article_file(article, limit=5000) == b"x" * 5000
    with pytest.raises(ArticleImportError, match=r"article\.txt is larger than"):
        article_files.read_article_file(article, limit=4999)


def test_an_endless_stream_is_read_only_up_to_the_cap() -> None:
    class Endless(io.RawIOBase):
        def __init__(self) -> None:
            self.handed_out = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            buffer[:] = b"a" * len(buffer)
            self.handed_out += len(buffer)
            return len(buffer)

    endless = Endless()
    limit = 3 * 1024 * 1024 + 17
    assert article_files.read_capped(endless, limit) is None  # type: ignore[arg-type]
    assert endless.handed_out == limit + 1  # not one slice more than needed to know
    with pytest.raises(ArticleImportError, match="Standard input holds more than"):
        article_files.read_standard_input(Endless(), limit=limit)  # type: ignore[arg-type]


def test_a_check_between_slices_can_stop_a_long_read(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(b"x" * (3 * 1024 * 1024))
    calls = []

    def stop_on_the_second_slice() -> None:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        article_files.read_article_file(article, check=stop_on_the_second_slice)


# -- through the desk: parsers run in a worker process ------------------------------------


def test_a_word_file_without_properties_is_titled_by_its_first_sentence(
    desk: Desk, tmp_path: Path
) -> None:
    article = tmp_path / "budget.docx"
    article.write_bytes(docx(document_xml(*ARTICLE_RUNS)))
    result = desk.importer.import_file(article)
    assert result.title == "The council approved the budget on Tuesday."
    assert desk.articles.article_metadata(result.article_id).author == ""


def test_pages_are_read_in_a_worker_that_ends_with_the_desk(desk: Desk, tmp_path: Path) -> None:
    article = tmp_path / "lines.pdf"
    article.write_bytes(many_lines_pdf(50))
    stages: list[str] = []
    desk.importer.import_file(article, progress=lambda fraction, stage: stages.append(stage))
    assert "Reading lines.pdf: page 1 of 1" in stages
    worker = desk.importer._parser
    assert worker is not None and worker.pid is not None and worker.pid != os.getpid()
    pid = worker.pid
    desk.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_large_text_file_is_decoded_in_a_worker_too(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(article_files, "TEXT_IN_PROCESS_BYTES", 100)
    article = tmp_path / "long.md"
    article.write_text("# Budget day\n\n" + "The council met on **Tuesday**. " * 20, "utf-8")
    stages: list[str] = []
    result = desk.importer.import_file(
        article, progress=lambda fraction, stage: stages.append(stage)
    )
    assert "Reading long.md" in stages  # the worker's stage
    assert result.title == "Budget day" and result.sentence_count == 21
    assert "**" not in desk.articles.article_text(result.article_id)


# A file name in bytes that are not UTF-8 (an old archive, a share written by another
# system): Python names it with escapes that SQLite refuses to store.
NOT_UTF8_NAME = os.fsdecode(b"Bericht \xfcber Wahl.txt")


@pytest.mark.skipif(sys.platform == "win32", reason="file names there are always Unicode")
def test_an_article_file_named_in_bytes_that_are_not_utf8_imports(
    desk: Desk, tmp_path: Path
) -> None:
    """It was refused as an "unexpected error"; now it imports, named as a reader sees it."""
    path = tmp_path / NOT_UTF8_NAME
    path.write_text("The minister said 32 schools had closed.\n", encoding="utf-8")
    result = desk.importer.import_file(path)
    article = desk.repo.articles.get_article(result.article_id)
    assert article.source_name == "Bericht \ufffdber Wahl.txt"
    assert [r.sentence.text for r in desk.reviews.sentence_rows(result.article_id)] == [
        "The minister said 32 schools had closed."
    ]


def test_an_article_in_a_folder_that_may_not_be_entered_is_not_called_missing(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wire copy in a colleague's folder (`factcheck-app import ~colleague/story.txt`,
    or named to the window) was "story.txt: no such file", sending the reviewer to look
    for a file that is there. (The folder is closed by a stand-in for the system: the
    tests run as root too.)"""
    closed = tmp_path / "colleague"
    closed.mkdir()
    story = closed / "story.txt"
    story.write_text("The minister said 40 schools were built.", encoding="utf-8")

    close_folder(monkeypatch, closed)
    with pytest.raises(ArticleImportError) as refusal:
        desk.importer.import_file(story)
    assert "Permission denied" in str(refusal.value) and "no such file" not in str(refusal.value)
    assert desk.articles.list_articles() == []


def test_a_folder_import_passes_over_the_files_programs_keep_beside_an_article(
    tmp_path: Path,
) -> None:
    """A folder of the day's articles holds, beside them, what programs keep there: Word's
    owner file while story.docx is open in it (`~$story.docx`, 162 bytes), and the
    AppleDouble file a Mac writes for each file copied onto a shared drive
    (`._story.docx`). Neither is an article: each was read, then refused in the Import
    finished box ("not a Word document"), one refusal per file a colleague had open."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "story.txt").write_text("Police said 4 were arrested.", encoding="utf-8")
    (folder / "~$story.docx").write_bytes(b"\x05Ana R" + b"\x00" * 156)
    (folder / "._story.txt").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00" + b"\x00" * 74)
    assert [path.name for path in article_files.article_files_in(folder)] == ["story.txt"]
