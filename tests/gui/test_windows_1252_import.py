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
    assert ImportOutcome(imported=results).status_line() == (
        "Imported 3 articles (12 sentences); 2 not in UTF-8: if letters look wrong, save "
        "them as UTF-8 and import them again."
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
