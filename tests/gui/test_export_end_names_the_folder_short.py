"""File → Export… → *All articles* into a folder with a long path (a newsroom share): the
end's line named the folder by its whole path, "Exported 3 of 4 articles to /srv/…/Reports
for the evening edition", three lines of the dialog at 1024×640 before what was refused.
Its last part is said; the whole path is in the line's tooltip (and in *Save to*)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.dialogs.export import ExportDialog, folder_short
from factcheck_app.services.desk import Desk
from tests.gui.test_export_dialog import Questions
from tests.gui.test_export_every_article import said

LONG = ("Newsroom share", "Fact-checking desk", "2026", "December", "Elections coverage")


@pytest.fixture
def four(seeded_desk: Desk) -> Desk:
    for number in range(2, 5):
        seeded_desk.importer.import_text(f"Article {number} says one thing. It says another.")
    return seeded_desk


def test_the_end_names_the_folder_by_its_last_part_the_whole_path_in_its_tooltip(
    qtbot: QtBot, four: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Questions.patched(monkeypatch).answer = QMessageBox.StandardButton.Yes
    folder = tmp_path.joinpath(*LONG, "Reports for the evening edition")
    folder.mkdir(parents=True)
    stale = folder / "factcheck-3-article-3-says-one-thing.md"
    stale.write_text("keep me", encoding="utf-8")
    stale.chmod(0o444)
    dialog = ExportDialog(four, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_format("md")
    dialog.all_articles_button.setChecked(True)
    dialog.path_edit.setText(str(folder))
    lines = said(dialog)
    with qtbot.waitSignal(dialog.export_failed, timeout=60_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert lines[0] == "Exporting 4 articles to Reports for the evening edition…"
    assert dialog.status_label.text().split("\n")[0] == (
        "Exported 3 of 4 articles to Reports for the evening edition; this one was not:"
    )
    assert str(folder) in dialog.status_label.toolTip()


def test_a_hostile_folder_name_is_one_short_line_set_apart(
    qtbot: QtBot, four: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line break, a right-to-left override and mark, Hebrew letters and 200 letters
    without a space: the line went as wide as the name (the dialog 1,506 px, past a
    1024 px screen), the override turned what followed around."""
    Questions.patched(monkeypatch).answer = QMessageBox.StandardButton.Yes
    name = "Evening\nedition \u202eReports\u200f " + "\u05d3\u05d5\u05d7" * 3 + "x" * 200
    folder = tmp_path / name
    folder.mkdir()
    dialog = ExportDialog(four, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_format("md")
    dialog.all_articles_button.setChecked(True)
    dialog.path_edit.setText(str(folder))
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()
    line = dialog.status_label.text()
    said_name = line.removeprefix("Exported 4 articles, one file each, to ").removesuffix(".")
    assert said_name.startswith("\u2068Evening edition ?Reports") and said_name.endswith("…\u2069")
    assert len(said_name) <= 62 and "\n" not in line and "\u202e" not in line


@pytest.mark.parametrize("name", ["   ", "\u200f\u200f", "\u200f \u200e", "\u3000"])
def test_a_folder_named_with_nothing_visible_is_still_named(tmp_path: Path, name: str) -> None:
    """A folder named only with spaces or right-to-left marks (a slip of the keyboard, a
    copy from a right-to-left page): its last part said nothing, and the line read
    "Exported 4 articles, one file each, to ." with no folder to look for."""
    said_name = folder_short(tmp_path / name)
    visible = [c for c in said_name if not c.isspace() and unicodedata.category(c) != "Cf"]
    assert visible, repr(said_name)
    assert str(tmp_path.name) in said_name  # where it is: its parent named
    # Its marks, kept, turned "to “‏‏” in reports" around: "to in reports ”“".
    assert "\u200f" not in said_name and "\u200e" not in said_name
