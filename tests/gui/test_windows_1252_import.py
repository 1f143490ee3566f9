"""A Windows-1252 article opened in the window: it opens (it was refused in a box about
an "undecodable byte at position 15"), the status bar says once how it was read, and
the article text highlights the current sentence's own words."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.workers import ImportOutcome
from factcheck_app.services.importer import ImportResult

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
    # The title gives way to the note: both did not fit the status bar of a window
    # 1024 pixels wide, and the article opened shows its title.
    assert window.statusBar().currentMessage() == (f"Imported 2 sentences, {READ_AS_WINDOWS_1252}.")
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
    assert ImportOutcome(imported=results).status_line() == (
        "Imported 3 articles (12 sentences); 2 not in UTF-8: if letters look wrong, save "
        "them as UTF-8 and import them again."
    )
    # Not opened (it finished while the reviewer worked on another): the title says which.
    one = ImportOutcome(imported=results[:1])
    assert one.status_line(named=True) == f"Imported “A”: 3 sentences, {READ_AS_WINDOWS_1252}."
