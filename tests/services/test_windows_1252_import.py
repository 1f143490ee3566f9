"""A Windows-1252 article file imported into a workspace (and through `factcheck-app
import`): its sentences point at the right words, its result says how it was read, and
importing it again finds the article already there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_app.services import article_files
from factcheck_app.services.desk import Desk

# The words the reviewer reads after the sentence count.
READ_AS_WINDOWS_1252 = (
    "read as Western European, Windows-1252: if letters look wrong, save it as UTF-8 and "
    "import it again"
)

STORY = (
    "Café au lait — “quotes” … €4.50 a cup, the owner said. "
    "Grüße aus München kamen später. Zoë Müller denied it."
)
SENTENCES = [
    "Café au lait — “quotes” … €4.50 a cup, the owner said.",
    "Grüße aus München kamen später.",
    "Zoë Müller denied it.",
]


def _check(desk: Desk, article_id: int) -> None:
    assert desk.articles.article_text(article_id) == STORY
    rows = desk.reviews.sentence_rows(article_id)
    # Each sentence's offsets slice the stored text at its own words.
    assert [STORY[r.sentence.start : r.sentence.end] for r in rows] == SENTENCES
    assert [r.sentence.text for r in rows] == SENTENCES
    assert desk.lookup.search("München").total == 1


def test_a_windows_1252_file_imports_with_its_words_and_says_how_it_was_read(
    desk: Desk, tmp_path: Path
) -> None:
    article = tmp_path / "wire.txt"
    article.write_bytes(STORY.encode("cp1252"))
    first = desk.importer.import_file(article)
    assert not first.duplicate and first.sentence_count == 3
    assert first.reading_note == READ_AS_WINDOWS_1252
    _check(desk, first.article_id)
    again = desk.importer.import_file(article)
    assert again.duplicate and again.article_id == first.article_id
    # Re-saved as UTF-8, as the note says: the same article, and no note.
    article.write_text(STORY, encoding="utf-8")
    resaved = desk.importer.import_file(article)
    assert resaved.duplicate and resaved.article_id == first.article_id
    assert resaved.reading_note == ""


def test_a_big_windows_1252_file_read_in_its_worker_keeps_the_note(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text over 4 MB is read, split and indexed in a worker process and sent back
    packed: the note comes back with it."""
    monkeypatch.setattr(article_files, "TEXT_IN_PROCESS_BYTES", 10)
    article = tmp_path / "wire.txt"
    article.write_bytes(STORY.encode("cp1252"))
    result = desk.importer.import_file(article)
    assert result.reading_note == READ_AS_WINDOWS_1252
    _check(desk, result.article_id)


def test_the_command_line_import_says_how_it_read_a_windows_1252_file(
    tmp_path: Path,
) -> None:
    article = tmp_path / "wire.txt"
    article.write_bytes(STORY.encode("cp1252"))
    workspace = tmp_path / "w.fcdesk"
    command = [sys.executable, "-m", "factcheck_app", "import", "-w", str(workspace)]
    first = subprocess.run([*command, str(article)], capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"1\t3\t{SENTENCES[0]}  ({READ_AS_WINDOWS_1252})\n"
    again = subprocess.run([*command, str(article)], capture_output=True, text=True, timeout=120)
    assert again.stdout == f"1\t3\t{SENTENCES[0]}  (already in the workspace)\n"
