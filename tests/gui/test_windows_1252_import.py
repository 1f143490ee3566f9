"""A Windows-1252 article opened in the window: it opens (it was refused in a box about
an "undecodable byte at position 15"), the status bar says once how it was read, and
the article text highlights the current sentence's own words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.workers import ImportOutcome
from factcheck_app.services.desk import Desk
from factcheck_app.services.importer import ImportResult
from tests.gui.test_large_font_layout import point_size  # noqa: F401 (a fixture)

# The words the reviewer reads after the sentence count.
READ_AS_WINDOWS_1252 = (
    "read as Western European, Windows-1252: if letters look wrong, save it as UTF-8 and "
    "import it again"
)

STORY = "Café au lait — “quotes” … €4.50 a cup. Grüße aus München kamen später."
FIRST = "Café au lait — “quotes” … €4.50 a cup."


def test_a_windows_1252_file_opens_and_the_status_bar_says_how_it_was_read(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    article = tmp_path / "wire.txt"
    article.write_bytes(STORY.encode("cp1252"))
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as done:
        window.import_files([article])
    outcome: ImportOutcome = done.args[0]
    assert not outcome.problems
    # The title and the count give way to the note: with them it did not fit the status
    # bar of a window 1024 pixels wide at 16 pt, and the article opened shows both.
    assert window.statusBar().currentMessage() == (
        "Imported as Windows-1252: odd letters? Save it as UTF-8."
    )
    assert window.progress_label.text() == "Reviewed 0 of 2 sentences"
    assert window.article_id == outcome.imported[0].article_id
    row = window.current_row()
    assert row is not None and row.sentence.text == FIRST
    (marked,) = window.article_view.extraSelections()
    assert marked.cursor.selectedText() == FIRST
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as again:
        window.import_files([article])
    assert again.args[0].imported[0].duplicate
    assert window.statusBar().currentMessage() == (
        f"“{FIRST}” is already in the workspace (2 sentences)."
    )
    assert len(window.desk.articles.list_articles()) == 2  # the sample and this one


def test_a_batch_counts_the_files_not_in_utf8_and_one_not_opened_is_named() -> None:
    results = [
        ImportResult(2, "A", 3, False, READ_AS_WINDOWS_1252),
        ImportResult(3, "B", 4, False),
        ImportResult(4, "C", 5, False, READ_AS_WINDOWS_1252),
    ]
    files = [Path("a.txt"), Path("b.txt"), Path("c.txt")]
    batch = ImportOutcome(imported=results, read_from=files)
    assert batch.status_line() == (
        "Imported 3 articles (12 sentences); 2 not in UTF-8, check their letters: "
        "Ctrl+Shift+J lists them."
    )
    assert batch.reading_lines() == [
        f"Not in UTF-8: a.txt (“A”), {READ_AS_WINDOWS_1252}.",
        f"Not in UTF-8: c.txt (“C”), {READ_AS_WINDOWS_1252}.",
    ]
    # Kept beside no status bar: a name's override shown as "?", not the line reversed.
    odd = ImportOutcome(imported=results, read_from=[Path("\u202etxt.exe"), *files[1:]])
    assert odd.reading_lines()[0].startswith("Not in UTF-8: ?txt.exe (“A”)")
    assert (
        ImportOutcome(imported=results[:2], read_from=files[:2])
        .status_line()
        .endswith("; 1 not in UTF-8, check its letters: Ctrl+Shift+J names it.")
    )
    # Not opened (it finished while the reviewer worked on another): the title says which.
    one = ImportOutcome(imported=results[:1])
    assert one.status_line(named=True) == f"Imported “A”: 3 sentences, {READ_AS_WINDOWS_1252}."


@pytest.mark.parametrize("point_size", (9, 16), indirect=True)
def test_how_it_was_read_is_whole_in_the_status_bar_at_1024_px(
    point_size: int,  # noqa: F811 (the fixture imported above)
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    """At 16 pt the line ended "…read as Western European, Windows-12": the advice, to
    save it as UTF-8, was cut off (whole only in the tooltip, out of a keyboard user's
    reach), the article's count beside it."""
    window = make_window(seeded_desk)
    window.resize(1024, 640)
    article = tmp_path / "wire.txt"
    article.write_bytes(STORY.encode("cp1252"))
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.import_files([article])
    status = window.statusBar()
    said = status.currentMessage()
    assert "save it as utf-8" in said.lower() and "Windows-1252" in said
    window.progress_label.setText("Reviewed 0 of 12,345 sentences")  # a long article's
    room = status.width() - window.progress_label.sizeHint().width() - 24  # grip, margins
    assert status.fontMetrics().horizontalAdvance(said) <= room, (point_size, said)


def test_a_batch_keeps_which_files_were_not_in_utf8_in_recent_messages(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    """A folder's import said "2 not in UTF-8" and no more: which articles to check for
    misread letters was nowhere. Recent Messages keeps each file's name, its article and
    the encoding guessed, to read and copy; the status line says where."""
    (tmp_path / "1-wire.txt").write_bytes(STORY.encode("cp1252"))
    (tmp_path / "2-plain.txt").write_text("The council met on Monday. It voted.", "utf-8")
    other = "Smörgåsbord für alle, sagte er. Die Kosten: 3 €."
    (tmp_path / "3-agency.txt").write_bytes(other.encode("cp1252"))
    paths = sorted(tmp_path.glob("*.txt"))
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_files(paths)
    said = window.statusBar().currentMessage()
    assert "2 not in UTF-8" in said and "Ctrl+Shift+J" in said
    kept = window.message_log.lines()
    named = [line for line in kept if "Windows-1252" in line and "txt" in line]
    assert len(named) == 2
    assert any("1-wire.txt" in line and "Café au lait" in line for line in named)
    assert any("3-agency.txt" in line and "Smörgåsbord" in line for line in named)
    assert all("save it as UTF-8" in line for line in named)  # what to do, each
    assert not any("2-plain.txt" in line for line in kept)  # read as it said: no word


def test_a_windows_1250_file_opens_with_its_letters_and_the_status_bar_says_so(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    # Czech wire copy saved by Central European Windows: refused in a box as "an
    # encoding the desk cannot tell" (its ť is a byte Windows-1252 leaves undefined).
    first = "Ministr řekl, že ťukání na dveře trvalo dvě hodiny."
    article = tmp_path / "ctk.txt"
    article.write_bytes((first + " Policie přijela až ráno.").encode("cp1250"))
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as done:
        window.import_files([article])
    assert not done.args[0].problems
    assert window.statusBar().currentMessage() == (
        "Imported as Windows-1250: odd letters? Save it as UTF-8."
    )
    row = window.current_row()
    assert row is not None and row.sentence.text == first
