"""A one-line field (a claimant, a source's or an article's title) shows what it saves.

An invisible bidi control (a right-to-left override, U+202E) in a stored value, merged
in from a colleague's file or imported with a page, showed the field's text reversed,
and one pasted in was saved so; a pasted line break showed as a space and was saved as a
line break. Typed text is saved as the field shows it (`typed_line`: no bidi control,
each line break a space) and the field keeps just that; a stored value is shown so too,
and kept as stored while nobody types in its field."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Stance
from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk, NewSource

STORED = "Ana \u202eziuR"  # shown reversed by the field: "Ana Ruiz"
PASTED = " of the\r\n\u202eministry\u2069"


def paste(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """`text` pasted at the end of `field` with Ctrl+V, as a reviewer does."""
    QApplication.clipboard().setText(text)
    field.setFocus()
    field.end(False)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_the_claimant_field_shows_what_it_saves(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    desk = seeded_desk
    first, second = (row.sentence.id for row in desk.reviews.sentence_rows(1)[:2])
    with desk.workspace.db.atomic():  # as a colleague's merged file holds it
        desk.repo.reviews.save_review(desk.reviews.review(first).edited(claimant=STORED))
    window = make_window(desk)
    field = window.panel.claimant_edit
    assert window.select_sentence(first)
    assert field.text() == "Ana ziuR"  # its letters in their stored order, nothing reversing them
    assert window.select_sentence(second) and window.select_sentence(first)
    assert desk.reviews.review(first).claimant == STORED  # shown, not saved: nobody typed
    paste(qtbot, field, PASTED)
    window.panel.flush_pending_text()
    assert field.text() == "Ana ziuR of the ministry"
    assert desk.reviews.review(first).claimant == field.text()


def test_article_properties_show_the_title_as_they_save_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = window.desk
    before = desk.articles.article_metadata(1)
    desk.articles.update_article_metadata(1, dataclasses.replace(before, title=STORED))
    shown: list[str] = []

    def change_the_outlet_only(dialog: ArticlePropertiesDialog) -> int:
        shown.append(dialog.title_edit.text())
        dialog.outlet_edit.setText("The Outlet")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", change_the_outlet_only)
    window.articles.edit_properties()
    assert shown == ["Ana ziuR"]
    saved = desk.articles.article_metadata(1)
    assert (saved.title, saved.outlet) == (STORED, "The Outlet")  # kept as stored

    def paste_into_the_title(dialog: ArticlePropertiesDialog) -> int:
        paste(qtbot, dialog.title_edit, PASTED)
        shown.append(dialog.title_edit.text())
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", paste_into_the_title)
    window.articles.edit_properties()
    assert shown[-1] == "Ana ziuR of the ministry"
    assert desk.articles.article_metadata(1).title == shown[-1]


def test_edit_source_shows_the_title_as_it_saves_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = window.desk
    sid = desk.reviews.sentence_rows(1)[0].sentence.id
    url = "https://example.org/report"
    desk.sources.link_source(sid, NewSource(url, title=STORED, stance=Stance.SUPPORTS))
    assert window.select_sentence(sid)
    shown: list[str] = []

    def change_the_excerpt_only(dialog: LinkSourceDialog) -> int:
        shown.append(dialog.title_edit.text())
        dialog.excerpt_edit.setPlainText("rockets hit Ganja")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LinkSourceDialog, "exec", change_the_excerpt_only)
    window.edits.edit_source(desk.sources.links(sid)[0])
    assert shown == ["Ana ziuR"]
    saved = desk.sources.links(sid)[0]
    assert (saved.excerpt, saved.source.title) == ("rockets hit Ganja", STORED)

    def paste_into_the_title(dialog: LinkSourceDialog) -> int:
        paste(qtbot, dialog.title_edit, PASTED)
        shown.append(dialog.title_edit.text())
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LinkSourceDialog, "exec", paste_into_the_title)
    window.edits.edit_source(desk.sources.links(sid)[0])
    assert shown[-1] == "Ana ziuR of the ministry"
    assert desk.sources.links(sid)[0].source.title == shown[-1]
