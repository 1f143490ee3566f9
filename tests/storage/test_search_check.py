"""Check Workspace also checks the search index, and rebuilds one that went wrong."""

from __future__ import annotations

from factcheck_app.services.desk import Desk


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
