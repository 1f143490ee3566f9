"""SQLite's checks report up to 100 problems in one row of lines ("*** in database
main ***", then a line each). Put whole in a message, a page of damage (a bad sector, a
sync that wrote part of the file) made the window's "Damaged workspace" box 1,528 pixels
high on a 640-pixel screen, its choices (Restore from Backup…, Open a Cleaned Copy,
Cancel) below the screen's edge, and the command line printed 101 lines; Check Workspace
called those 100 problems "1 problem" and gave "*** in database main ***" as its example.
A long report is now said by its first lines and how many more there are."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceDamaged
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups

SENTENCES = 300


def workspace_with_a_page_of_damage(tmp_path: Path) -> Path:
    """A workspace of 300 sentences whose index page of them has every cell pointer
    spoiled: SQLite's quick check finds 300 problems and reports its first 100."""
    article = tmp_path / "council.txt"
    text = " ".join(
        f"The council spent {i} dollars on roads in {2000 + i % 20}." for i in range(300)
    )
    article.write_text(text, encoding="utf-8")
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(article)
    desk.close()
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    [(page,)] = conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'idx_sentences_article_start' AND pagetype = 'leaf'"
    ).fetchall()
    conn.close()
    data = bytearray(path.read_bytes())
    start = page_size * (page - 1)
    [cells] = struct.unpack(">H", data[start + 3 : start + 5])
    assert cells == SENTENCES
    data[start + 8 : start + 8 + 2 * cells] = b"\xff" * (2 * cells)
    path.write_bytes(bytes(data))
    return path


def sqlite_report(path: Path, pragma: str) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [line for (row,) in conn.execute(f"PRAGMA {pragma}") for line in row.splitlines()]
    finally:
        conn.close()


def test_opening_says_a_long_report_by_its_first_lines_and_how_many_more(
    tmp_path: Path,
) -> None:
    path = workspace_with_a_page_of_damage(tmp_path)
    report = sqlite_report(path, "quick_check")
    assert len(report) == 101  # the heading, and SQLite's 100 problems
    with pytest.raises(WorkspaceDamaged) as caught:
        Desk.open(path, backup=False)
    said = str(caught.value)
    assert len(said.splitlines()) <= 6, said
    assert report[1] in said  # the first problem, as SQLite said it
    assert "97 or more problems like these" in said
    assert said.endswith("It was left untouched; restore it from a backup.")
    assert len(caught.value.fault.splitlines()) <= 5


def test_check_workspace_counts_the_problems_not_the_rows(tmp_path: Path) -> None:
    path = workspace_with_a_page_of_damage(tmp_path)
    first = sqlite_report(path, "integrity_check")[1]
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        report = backups.check_database(conn)
    finally:
        conn.close()
    assert not report.ok
    [structure] = [line for line in report.lines if line.startswith("Database structure")]
    assert structure == f"Database structure: 100 or more problems found, e.g. {first}."


def test_a_short_report_is_said_whole(tmp_path: Path) -> None:
    """One problem: its heading and its line, as before."""
    from tests.gui.test_workspace_safety import make_workspace, zero_an_index_page

    path = tmp_path / "w.fcdesk"
    make_workspace(path)
    zero_an_index_page(path, "idx_sentences_article_start")
    report = "\n".join(sqlite_report(path, "quick_check"))
    with pytest.raises(WorkspaceDamaged) as caught:
        Desk.open(path, backup=False)
    assert caught.value.fault == report
