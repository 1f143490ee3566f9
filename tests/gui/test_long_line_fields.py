"""A stored value longer than Qt's 32,767-character line field (a merged colleague's
workspace, an imported page's metadata, the command line) stays whole when a dialog
shows it and OK saves it, though the reviewer changed only another field: Qt cut it to
32,767 characters, and OK saved the cut text, losing the rest without a word."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Stance
from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services import settings
from factcheck_app.services.desk import Desk, NewSource
from tests.sample_review import apply_sample_review

LONG = 40_000  # more than Qt's 32,767


def long_text(words: str) -> str:
    return (words * (LONG // len(words) + 1))[:LONG].strip() + " end"


def test_article_properties_keep_a_long_outlet_author_and_title_whole(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whole already (a field made with its text is not cut; setText cuts): kept so."""
    desk = window.desk
    before = desk.articles.article_metadata(1)
    outlet, author = long_text("The Daily Outlet "), long_text("A. N. Author, ")
    desk.articles.update_article_metadata(
        1, dataclasses.replace(before, outlet=outlet, author=author)
    )
    shown: list[tuple[str, str]] = []

    def change_the_title_only(dialog: ArticlePropertiesDialog) -> int:
        shown.append((dialog.outlet_edit.text(), dialog.author_edit.text()))
        dialog.title_edit.setText("A shorter title")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", change_the_title_only)
    window.articles.edit_properties()
    assert shown == [(outlet, author)]
    saved = desk.articles.article_metadata(1)
    assert saved.title == "A shorter title"
    assert (saved.outlet, saved.author) == (outlet, author)

    # A long title stays whole when only the outlet changes.
    title = long_text("Tariffs to rise next year, ")
    desk.articles.update_article_metadata(1, dataclasses.replace(saved, title=title))

    def change_the_outlet_only(dialog: ArticlePropertiesDialog) -> int:
        dialog.outlet_edit.setText("The Outlet")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", change_the_outlet_only)
    window.articles.edit_properties()
    saved = desk.articles.article_metadata(1)
    assert (saved.title, saved.outlet) == (title, "The Outlet")


def test_edit_source_keeps_a_long_title_and_publisher_whole(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edit Source showed them cut, and Save, after a change to the excerpt only, saved
    the cut title and publisher for every sentence sharing the source."""
    desk = window.desk
    sid = desk.reviews.sentence_rows(1)[0].sentence.id
    title, publisher = long_text("Report on Ganja, "), long_text("Amnesty International ")
    url = "https://example.org/ganja-report"
    desk.sources.link_source(
        sid, NewSource(url, title=title, publisher=publisher, stance=Stance.SUPPORTS)
    )
    assert window.select_sentence(sid)
    link = desk.sources.links(sid)[0]

    shown: list[tuple[str, str]] = []

    def change_the_excerpt_only(dialog: LinkSourceDialog) -> int:
        shown.append((dialog.title_edit.text(), dialog.publisher_edit.text()))
        dialog.excerpt_edit.setPlainText("rockets hit Ganja")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LinkSourceDialog, "exec", change_the_excerpt_only)
    window.edits.edit_source(link)
    saved = desk.sources.links(sid)[0]
    assert saved.excerpt == "rockets hit Ganja"
    assert len(saved.source.title) == len(title) and len(saved.source.publisher) == len(publisher)
    assert (saved.source.title, saved.source.publisher) == (title, publisher)
    assert shown == [(title, publisher)]


def test_the_export_keeps_a_long_publisher_name_whole(
    qtbot: QtBot, seeded_desk: Desk, tmp_path: Path
) -> None:
    """Whole already (the field is made with it), in the file and in the workspace: kept so."""
    apply_sample_review(seeded_desk, 1)
    name = long_text("Factcheck Desk of the Daily Outlet ")
    settings.set_setting(seeded_desk, settings.PUBLISHER_NAME, name)
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_format("claimreview")
    dialog.publisher_url_edit.setText("https://factcheck.example.org/")
    dialog.url_pattern_edit.setText("https://factcheck.example.org/checks/{slug}#{number}")
    path = tmp_path / "claims.jsonld"
    dialog.path_edit.setText(str(path))
    with qtbot.waitSignal(dialog.export_finished, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    assert settings.get_setting(seeded_desk, settings.PUBLISHER_NAME) == name
    items = json.loads(path.read_text(encoding="utf-8"))
    assert items[0]["author"]["name"] == name


def test_a_pasted_overlong_link_is_refused_with_its_true_length(qtbot: QtBot) -> None:
    """A whole article pasted into Link Source's URL field by mistake (Ctrl+L, Ctrl+V with
    the story still on the clipboard): Qt cut the paste to 32,767 characters without a
    word, and the refusal said "this one has 32,767" of a paste of 50,020."""
    from PySide6.QtWidgets import QApplication

    dialog = LinkSourceDialog([], sentence="The toll rose to 40.")
    qtbot.addWidget(dialog)
    pasted = "https://example.org/" + "x" * 50_000
    QApplication.clipboard().setText(pasted)
    dialog.url_edit.setFocus()
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(dialog.url_edit.text()) == len(pasted)
    dialog.accept()
    assert "this one has 50,020" in dialog.error_label.text()
