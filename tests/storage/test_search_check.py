"""Check Workspace also checks the search index, and rebuilds one that went wrong."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceDamaged
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE


def test_check_reports_a_complete_index(seeded_desk: Desk) -> None:
    report = seeded_desk.upkeep.check()
    assert report.ok and "Search index: complete." in report.lines


def test_check_indexes_again_the_rows_missing(seeded_desk: Desk) -> None:
    db = seeded_desk.workspace.db
    db.execute("DELETE FROM search_index WHERE rowid IN (1, 2)")  # e.g. another tool's edit
    assert seeded_desk.lookup.search("Ganja 332000").total == 0
    report = seeded_desk.upkeep.check()
    assert report.ok and (
        "Search index: 2 sentences missing from it or out of date there, and indexed again."
        in report.lines
    )
    assert seeded_desk.lookup.search("Ganja 332000").total == 1
    assert "Search index: complete." in seeded_desk.upkeep.check().lines


def test_check_rebuilds_a_damaged_index(seeded_desk: Desk) -> None:
    db = seeded_desk.workspace.db
    # Damage the FTS5 structure itself (its shadow tables), as a torn write might.
    db.execute("DELETE FROM search_index_data WHERE id > 10")
    report = seeded_desk.upkeep.check()
    assert any("has been rebuilt" in line for line in report.lines)
    assert seeded_desk.lookup.search("Ganja 332000").total == 1


# Damage FTS5 cannot even open the index through: its settings (a format it does not
# know), or the record of its structure (a torn write, or a file edited outside the desk);
# and a ranking function it does not have (every search failed). Whether an edit fails.
UNOPENABLE = {
    "settings": ("UPDATE search_index_config SET v = 99 WHERE k = 'version'", True),
    "structure": ("UPDATE search_index_data SET block = x'00ff00ff00ff00ff' WHERE id = 10", True),
    "verdicts' settings": ("UPDATE verdict_index_config SET v = 99 WHERE k = 'version'", True),
    "ranking": (
        "INSERT INTO search_index (search_index, rank) VALUES ('rank', 'nosuchfn()')",
        False,
    ),
}


@pytest.mark.parametrize("damage", list(UNOPENABLE))
def test_check_rebuilds_an_index_that_cannot_be_opened(tmp_path: Path, damage: str) -> None:
    """Every edit failed ("could not be read or written (invalid fts5 file format …)", or
    "damaged … Run File → Check Workspace"), and so did Check Workspace: the index could
    not be dropped to be made again. A ranking function FTS5 lacks failed every search,
    and Check Workspace called the index complete. It only repeats the sentences and
    reviews: it is made again, and they stay as they were."""
    path = tmp_path / "colleague.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_file(SEED_FILE)
        first, second = (row.sentence.id for row in desk.reviews.sentence_rows(1)[:2])
        desk.reviews.set_tag(first, Tag.CLAIM)
    finally:
        desk.close()
    plant, breaks_edits = UNOPENABLE[damage]
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(plant)
        reviews = conn.execute("SELECT * FROM reviews ORDER BY sentence_id").fetchall()
    finally:
        conn.close()
    desk = Desk.open(path, backup=False)
    try:
        db = desk.workspace.db
        if breaks_edits:  # said so, and where it is mended
            with pytest.raises(WorkspaceDamaged, match="Run File → Check Workspace"):
                desk.reviews.set_tag(second, Tag.FACT)
        report = desk.upkeep.check()
        assert any("has been rebuilt" in line for line in report.lines), report.lines
        assert db.execute("SELECT * FROM reviews ORDER BY sentence_id").fetchall() == reviews
        desk.reviews.set_tag(second, Tag.FACT)
        desk.reviews.set_verdict(first, "false")
        assert desk.lookup.search("Ganja 332000").total == 1
        first_text = desk.reviews.sentence_rows(1)[0].sentence.text
        assert desk.repo.search.judged_like(first_text) == [first]  # the verdicts' index
        assert "Search index: complete." in desk.upkeep.check().lines
    finally:
        desk.close()
