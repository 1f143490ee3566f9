"""A first start says what the sample is and which keys matter, once (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from factcheck_app.gui import settings
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk


def test_the_welcome_names_the_keys_and_goes_when_dismissed(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert not window.welcome.isVisibleTo(window)  # only a first start asks for it
    assert not settings.welcomed()
    window.show_welcome(sample=True)
    assert window.welcome.isVisibleTo(window)
    text = window.welcome.label.text()
    for words in ("sample", "Ctrl+O", "<b>C</b>", "1–6", "Ctrl+L", "F1"):
        assert words in text
    assert settings.welcomed()  # shown once: the next start does not show it again
    window.welcome.dismiss_button.click()
    assert not window.welcome.isVisibleTo(window)


def test_the_welcome_claims_no_sample_when_the_workspace_had_articles(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A first start on a workspace that already holds work (articles imported from the
    command line before, or a colleague's workspace) opens that work, not the sample."""
    window.show_welcome(sample=False)
    text = window.welcome.label.text()
    assert "sample" not in text
    for words in ("Ctrl+O", "<b>C</b>", "1–6", "Ctrl+L", "F1"):
        assert words in text


def test_the_welcome_stops_calling_the_open_article_the_sample_once_another_is_open(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """A newcomer's first Ctrl+O opened their own article under a note still saying "The
    article open now is a sample to try things on"; back on the sample, it says so again."""
    window.show_welcome(sample=True)
    sample = window.article_id
    story = tmp_path / "bridge.txt"
    story.write_text(
        "The council voted 7-2 to spend $48 million on the bridge. Critics disagreed.\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_files([story])
    assert window.article_id != sample  # the new article is the one open
    text = window.welcome.label.text()
    assert "sample" not in text
    assert "sample" not in window.welcome.dismiss_button.accessibleDescription()
    for words in ("Ctrl+O", "<b>C</b>", "1–6", "Ctrl+L", "F1"):
        assert words in text
    assert sample is not None
    window.open_article(sample)
    assert "a sample to try things on" in window.welcome.label.text()


def test_the_welcome_calls_no_article_of_another_workspace_the_sample(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Article ids are a workspace's own: a newcomer who opened another workspace with
    the note still up was told its article, with the sample's id, was the sample."""
    from factcheck_app.services.desk import Desk
    from tests.conftest import SEED_FILE

    window.show_welcome(sample=True)
    sample = window.article_id
    assert sample is not None
    other = tmp_path / "budget.fcdesk"
    made = Desk.open(other, backup=False)
    made.importer.import_file(SEED_FILE)  # the same text, another workspace's article
    made.close()
    window.workspace.switch_workspace(other)
    assert window.desk.path == other
    assert window.article_id == sample  # the same id, not the same article
    assert window.welcome.isVisibleTo(window)
    assert "sample" not in window.welcome.label.text()


def test_the_welcome_calls_nothing_the_sample_when_no_sample_came_in(
    make_window: Callable[[Desk], MainWindow], tmp_path: Path
) -> None:
    """A new workspace without the sample (an installation without its samples folder):
    the note said "The article open now is a sample" over an empty window."""
    window = make_window(Desk.open(tmp_path / "new.fcdesk", backup=False))
    assert window.article_id is None
    window.show_welcome(sample=True)
    text = window.welcome.label.text()
    assert "sample" not in text and "Bring in an article" in text
