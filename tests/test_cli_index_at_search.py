"""The command line rebuilds an out-of-date search index only for a command that searches:
`stats`, `list`, an export or an import of a year's workspace waited seconds for a
rebuild they never used (docs/performance.md). A command that writes leaves the index
marked as out of date, for the window (or the next search) to rebuild whole."""

from __future__ import annotations

import io
import re
import sqlite3
import sys
from pathlib import Path

import pytest

import factcheck_app.storage.search as search_module
from factcheck_app.cli import run
from factcheck_app.domain.matching import SEARCH_INDEX_VERSION
from factcheck_app.services.desk import Desk
from factcheck_app.storage.search import VERSION_SETTING, SearchIndex
from tests.conftest import SEED_FILE
from tests.services.test_index_rebuild import OLD_VERSION, version_setting
from tests.storage.test_search_index import (
    SECOND_ARTICLE,
    assert_index_current,
    digest,
    hit_ids,
)

NEW_ARTICLE = "The quokka census counted 14000 animals on Rottnest last spring.\n"


@pytest.fixture
def stale(desk: Desk) -> Path:
    """A reviewed workspace of two articles whose index an older version made (closed)."""
    desk.importer.import_file(SEED_FILE)
    desk.importer.import_text(SECOND_ARTICLE, source_name="second.txt")
    first = desk.workspace.db.execute("SELECT min(id) FROM sentences").fetchone()[0]
    desk.reviews.set_verdict(first, "false")
    desk.repo.settings.set_setting(VERSION_SETTING, OLD_VERSION)
    path = desk.path
    assert path is not None
    desk.close()
    return path


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sentence ids each batch of indexing (rebuild or private index) started after."""
    started: list[int] = []
    real = SearchIndex.rebuild_some

    def counted(self: SearchIndex, after: int, **options: object) -> int | None:
        started.append(after)
        return real(self, after, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(SearchIndex, "rebuild_some", counted)
    return started


def _damage(path: Path) -> None:
    """Pages of the FTS5 structure gone, and the index marked damaged (as Check Workspace
    marks it)."""
    db = sqlite3.connect(path)
    try:
        db.execute("DELETE FROM search_index_data WHERE id > 10")
        db.execute(
            "UPDATE settings SET value = ? WHERE key = ?",
            [f"{SEARCH_INDEX_VERSION} damaged", VERSION_SETTING],
        )
        db.commit()
    finally:
        db.close()


@pytest.mark.parametrize("command", [["stats"], ["stats", "--json"], ["list"]])
def test_a_command_that_never_searches_never_indexes_an_out_of_date_index(
    stale: Path, rebuilds: list[int], command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(stale)
    assert run([*command, "-w", str(stale)]) == 0
    assert capsys.readouterr().out
    assert rebuilds == []
    assert digest(stale) == before


def test_search_indexes_an_out_of_date_index_privately_and_finds(
    stale: Path, rebuilds: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(stale)
    assert run(["search", "-w", str(stale), "Ganja"]) == 0
    out = capsys.readouterr().out
    assert "332000" in out
    assert rebuilds  # made for the search, in memory: the file is only read
    assert digest(stale) == before
    assert version_setting(stale) == OLD_VERSION


def test_a_writing_command_leaves_the_index_marked_for_a_whole_rebuild(
    stale: Path, rebuilds: list[int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "quokka.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    assert run(["import", "-w", str(stale), str(article)]) == 0
    capsys.readouterr()
    assert rebuilds == []
    assert version_setting(stale) == OLD_VERSION  # still out of date: rebuilt at next use
    desk = Desk.open(stale, backup=False)  # as before: rebuilt whole at this open
    try:
        assert version_setting(stale) == str(SEARCH_INDEX_VERSION)
        assert_index_current(desk)
        assert len(hit_ids(desk, "quokka")) == 1
        assert hit_ids(desk, "Ganja")
    finally:
        desk.close()


def test_a_writing_command_on_a_damaged_index_saves_and_leaves_it_to_rebuild(
    stale: Path, rebuilds: list[int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = Desk.open(stale, backup=False)  # current, then damaged
    desk.close()
    _damage(stale)
    article = tmp_path / "quokka.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    assert run(["import", "-w", str(stale), str(article)]) == 0
    capsys.readouterr()
    # The damaged tables were made again empty (its rows come with the rebuild); the
    # import's own rows are in them, and the rest waits for the rebuild.
    assert version_setting(stale) == f"{SEARCH_INDEX_VERSION} rebuilding after 0"
    desk = Desk.open(stale, backup=False, search_index="beside")
    try:
        found = SearchIndex(desk.workspace.db).inspect()
        assert not found.current and found.rebuilding
    finally:
        desk.close()
    desk = Desk.open(stale, backup=False)
    try:
        assert_index_current(desk)
        assert len(hit_ids(desk, "quokka")) == 1
    finally:
        desk.close()


def test_a_search_after_a_write_in_one_process_rebuilds_first(
    stale: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desk as the command line opens it for writing: saves first, then a search."""
    monkeypatch.setattr(search_module, "REBUILD_BATCH", 2)
    desk = Desk.open(stale, backup=False, search_index="searched")
    try:
        assert version_setting(stale) == OLD_VERSION
        desk.importer.import_text(NEW_ARTICLE, source_name="quokka.txt")
        assert len(hit_ids(desk, "quokka")) == 1
        assert hit_ids(desk, "Ganja")
        assert version_setting(stale) == str(SEARCH_INDEX_VERSION)
        assert_index_current(desk)
    finally:
        desk.close()


class Terminal(io.StringIO):
    """Standard error as a terminal shows it."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def in_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Indexed two sentences at a time, each batch told."""
    monkeypatch.setattr(search_module, "REBUILD_BATCH", 2)
    monkeypatch.setattr(search_module, "TELL_SECONDS", 0.0)


def test_a_search_that_indexes_first_says_so_and_how_far_it_got_on_a_terminal(
    stale: Path,
    in_steps: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A year's workspace indexed for 5-20 s before its results, in silence."""
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert run(["search", "-w", str(stale), "Ganja"]) == 0
    assert "332000" in capsys.readouterr().out
    said = terminal.getvalue()
    note, rest = said.split("\n", 1)
    assert note.startswith("factcheck-app: note: the workspace's search index is out of date")
    assert "nothing is written; Ctrl+C stops it" in note
    shown = re.findall(r"\rIndexing for the search… (\d+) %", rest)
    percents = [int(p) for p in shown]
    assert len(percents) > 2 and percents == sorted(set(percents)) and percents[-1] == 100
    # The line is cleared: the count of matches stands on a line of its own.
    assert re.search(r"\r +\r\d+ match(es)?\n$", rest)


def test_off_a_terminal_it_is_said_in_one_line(
    stale: Path, in_steps: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["search", "-w", str(stale), "Ganja"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and "Indexing" not in err
    lines = err.splitlines()
    assert len(lines) == 2 and "search index is out of date" in lines[0]


def test_a_current_index_is_searched_without_a_word_about_it(
    desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    desk.importer.import_file(SEED_FILE)
    path = desk.path
    assert path is not None
    desk.close()
    assert run(["search", "-w", str(path), "Ganja"]) == 0
    assert capsys.readouterr().err.splitlines() == ["3 matches"]


def test_ctrl_c_while_indexing_ends_the_line_and_writes_nothing(
    stale: Path, in_steps: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = digest(stale)
    real = SearchIndex.rebuild_some
    steps: list[int] = []

    def pressed(self: SearchIndex, after: int, **options: object) -> int | None:
        steps.append(after)
        if len(steps) == 3:
            raise KeyboardInterrupt
        return real(self, after, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(SearchIndex, "rebuild_some", pressed)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert run(["search", "-w", str(stale), "Ganja"]) == 130
    said = terminal.getvalue()
    assert re.search(r"Indexing for the search… \d+ %\r +\rfactcheck-app: interrupted\n$", said)
    assert digest(stale) == before
    assert version_setting(stale) == OLD_VERSION
