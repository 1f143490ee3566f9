"""Text files keep what they hold, invisible characters included; search still finds
the words those characters sit inside."""

from __future__ import annotations

from pathlib import Path

from factcheck_app.services.desk import Desk


def test_a_word_with_an_invisible_character_inside_is_found(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("The ma\u200byor said crime fell. The coun\u00adcil disagreed.", "utf-8")
    desk.importer.import_file(path)
    assert desk.lookup.search("mayor").total == 1
    assert desk.lookup.search("council disagreed").total == 1
