"""An import a killed desk left unfinished, whose file name another program stored as
bytes (SQLite keeps bytes in a TEXT column): the next open names the file as it spells,
never as Python's "b'…'" of its bytes."""

from __future__ import annotations

import sqlite3

import pytest

from factcheck_app.domain.errors import StoppedToQuit
from factcheck_app.services.desk import Desk
from factcheck_app.services.session import SESSION_OPEN, cut_short_said
from factcheck_app.services.workspace_files import open_cleaned_copy
from tests.services.test_import_indexing import numbered_sentences_file


def test_a_cut_short_import_stored_as_bytes_is_named_as_it_spells(desk: Desk) -> None:
    path = desk.path
    assert path is not None
    source = numbered_sentences_file(desk, 3_000, name="Müller.txt")

    def quit_while_saving(fraction: float, name: str) -> None:
        if name.startswith("Saving") and fraction > 0.9:
            raise StoppedToQuit("The desk is quitting.")

    with pytest.raises(StoppedToQuit):
        desk.importer.import_file(source, progress=quit_while_saving)
    mark = desk.repo.settings.get_setting(SESSION_OPEN)
    desk.close()
    raw = sqlite3.connect(path)
    with raw:  # the desk died before ending its session; a script rewrote the name
        raw.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [SESSION_OPEN, mark])
        raw.execute("UPDATE articles SET source_name = CAST(source_name AS BLOB)")
        # Its mark of an import under way too (SQLite's GLOB matches no bytes).
        raw.execute(
            "UPDATE settings SET key = CAST(key AS BLOB), value = CAST(value AS BLOB)"
            " WHERE key GLOB 'import.unfinished.*'"
        )
    raw.close()
    reader = Desk.open(path, read_only=True, backup=False, session=False)
    try:
        [(_hidden, name)] = reader.repo.imports.unfinished_articles()
        assert name == "Müller.txt"
        assert reader.articles.list_articles() == []  # never shown as a whole article
    finally:
        reader.close()
    # Nor copied as one into a cleaned copy (the desk discards it, and so does the copy).
    cleaned = open_cleaned_copy(path, path.with_name("cleaned.fcdesk"))
    assert cleaned.copied.get("articles", 0) == 0
    again = Desk.open(path)
    try:
        assert again.cut_short_imports == ["Müller.txt"]
        assert "The import of Müller.txt had not finished" in cut_short_said(
            again.cut_short_imports
        )
        assert again.articles.list_articles() == []
    finally:
        again.close()


def test_a_file_being_read_when_the_desk_died_is_named_as_it_spells(desk: Desk) -> None:
    """The same of a file the desk was still reading (no row written yet)."""
    with desk.repo.db.atomic():
        desk.repo.imports.note_reading("Müller.txt")
    with desk.repo.db.atomic():  # as a script rewrote it
        desk.repo.db.execute(
            "UPDATE settings SET key = CAST(key AS BLOB), value = CAST(value AS BLOB)"
            " WHERE key GLOB 'import.reading.*'"
        )
    assert desk.repo.imports.readings() == ["Müller.txt"]
    with desk.repo.db.atomic():
        desk.repo.imports.forget_readings()  # as the next open does, once it is told
    assert desk.repo.imports.readings() == []
