"""A Markdown page whose front matter declares a language its text does not read as (a
CMS's site-wide `lang: en` on a French page): split by the declared language's rules, as
the publisher's word, and the window says so, and where to change it. It said nothing,
the stray "» Mme Martin …" sentences the only sign, Article Properties the only place
that showed the language."""

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
from tests.services.test_import_front_matter import FRENCH_BODY

NOTE = "split as English, as its front matter says, though its text reads as French"


def _stamped(folder: Path) -> Path:
    path = folder / "stamped.md"
    path.write_text(f"---\ntitle: Écoles\nlang: en\n---\n{FRENCH_BODY}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("point_size", (9, 16), indirect=True)
def test_the_status_bar_says_the_declared_language_and_the_key_that_changes_it(
    point_size: int,  # noqa: F811 (the fixture imported above)
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    window = make_window(seeded_desk)
    window.resize(1024, 640)
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.import_files([_stamped(tmp_path)])
    status = window.statusBar()
    said = status.currentMessage()
    assert said == "Split as English (its front matter): reads as French? Ctrl+I."
    window.progress_label.setText("Reviewed 0 of 12,345 sentences")  # a long article's
    room = status.width() - window.progress_label.sizeHint().width() - 24  # grip, margins
    assert status.fontMetrics().horizontalAdvance(said) <= room, (point_size, said)
    # Whole in Recent Messages, with the file, its article and what to do.
    assert window.message_log.lines()[-1].endswith(
        f"  stamped.md (“Écoles”): {NOTE}; File → Article Properties… (Ctrl+I) sets its "
        "language and offers to re-split it."
    )


def test_a_batch_counts_them_and_one_not_opened_is_named() -> None:
    results = [
        ImportResult(2, "A", 3, False, split_as="en", reads_as="fr"),
        ImportResult(3, "B", 4, False),
    ]
    batch = ImportOutcome(imported=results, read_from=[Path("a.md"), Path("b.md")])
    assert batch.status_line() == (
        "Imported 2 articles (7 sentences); 1 split as its front matter says, not as it reads: "
        "Ctrl+Shift+J names it."
    )
    assert batch.language_lines() == [
        f"a.md (“A”): {NOTE}; File → Article Properties… (Ctrl+I) sets its language and "
        "offers to re-split it."
    ]
    one = ImportOutcome(imported=results[:1], read_from=[Path("a.md")])
    assert one.status_line(named=True) == f"Imported “A”: 3 sentences, {NOTE}."
    # Already there: what was said at its import is not said again.
    again = ImportOutcome(
        imported=[ImportResult(2, "A", 3, True, split_as="en", reads_as="fr")],
        read_from=[Path("a.md")],
    )
    assert again.language_lines() == []
