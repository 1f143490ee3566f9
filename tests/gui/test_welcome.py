"""A first start says what the sample is and which keys matter, once (issue 15)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from factcheck_app.gui import settings
from factcheck_app.gui.main_window import MainWindow


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
