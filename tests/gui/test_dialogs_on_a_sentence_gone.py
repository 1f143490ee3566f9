"""A dialog open on a sentence another program takes away meanwhile (DB Browser, a
script, a colleague's sync): its Save is refused for good, as the sentence is gone.
Link Source, Edit Source and Return Verdict came back "as typed" after each refusal,
refused the same way for ever; Cancel was the only way out, and it dropped the URL,
the excerpt or the note typed there. The first such refusal says the sentence was
taken away, closes the dialog and offers the typed text to copy."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import SourceLink, Stance
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.dialogs.return_note import ReturnNoteDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.gui.conftest import press
from tests.gui.test_refused_meanwhile_shown import another_program

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
URL = "https://www.stat.gov.az/population"
EXCERPT = "Ganja, the second city, had 335,600 inhabitants at the start of 2020."
NOTE = "Which year are the figures from? The census of 2019 gives another number."


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Each message box shown: its text and what is under its Show Details."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: seen.append((box.text(), box.detailedText())) or 0
    )
    return seen


def take_away(desk: Desk, sentence: int) -> None:
    """Another program deletes `sentence`, with all that hangs on it."""
    another_program(
        desk,
        ("PRAGMA foreign_keys = ON", []),
        ("DELETE FROM sentences WHERE id = ?", [sentence]),
    )


def linked_source(window: MainWindow, sentence: int) -> SourceLink:
    """The one link of a source refuting `sentence`, made here, the window showing it."""
    window.desk.sources.link_source(sentence, NewSource(url=URL, stance=Stance.REFUTES))
    window.load_article(1, sentence)
    [link] = window.desk.sources.links(sentence)
    return link


def opened_with(
    monkeypatch: pytest.MonkeyPatch, dialog_class: type[QDialog], type_in: Any, meanwhile: Any
) -> list[int]:
    """The dialog's exec: `type_in`, `meanwhile` (another program), then OK; opened
    again, OK again (as a reviewer would, until the way out is Cancel). Counted."""
    opened: list[int] = []

    def exec_(dialog: Any) -> int:
        opened.append(1)
        if len(opened) > 3:
            return 0  # Cancel at last
        if len(opened) == 1:
            type_in(dialog)
            meanwhile()
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return opened


def assert_said_gone_and_offered(shown: list[tuple[str, str]], *typed: str) -> None:
    [(text, details)] = shown
    assert "taken away" in text
    for value in typed:
        assert value in details


def test_link_source_on_a_sentence_taken_away_closes_and_offers_the_typed_text(
    window: MainWindow, shown: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = window.desk
    sentence = window.current_sentence_id()
    assert sentence is not None

    def type_in(dialog: LinkSourceDialog) -> None:
        dialog.url_edit.setText(URL)
        dialog.title_edit.setText("Population of Azerbaijan")
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData("refutes"))
        dialog.excerpt_edit.setPlainText(EXCERPT)

    opened = opened_with(monkeypatch, LinkSourceDialog, type_in, lambda: take_away(desk, sentence))
    window.edits.link_source()
    assert len(opened) == 1  # not back, to be refused again
    assert_said_gone_and_offered(shown, URL, "Population of Azerbaijan", EXCERPT)
    assert window.sentence_model.row_of(sentence) < 0  # the article as saved


def test_edit_source_on_a_sentence_taken_away_closes_and_offers_the_typed_text(
    window: MainWindow, shown: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = window.desk
    sentence = window.current_sentence_id()
    assert sentence is not None
    link = linked_source(window, sentence)

    def type_in(dialog: LinkSourceDialog) -> None:
        dialog.excerpt_edit.setPlainText(EXCERPT)

    opened = opened_with(monkeypatch, LinkSourceDialog, type_in, lambda: take_away(desk, sentence))
    window.edits.edit_source(link)
    assert len(opened) == 1
    assert_said_gone_and_offered(shown, EXCERPT)
    assert window.sentence_model.row_of(sentence) < 0


def test_a_return_note_on_a_sentence_taken_away_closes_and_offers_the_note(
    qtbot: QtBot,
    window: MainWindow,
    shown: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk = window.desk
    desk.edits.actor = "Ana Ruiz"
    sentence = desk.reviews.sentence_rows(1)[4].sentence.id
    window.select_sentence(sentence)
    press(qtbot, window, "c", "5")
    desk.edits.actor = "Zoë Ngata"
    opened = opened_with(
        monkeypatch,
        ReturnNoteDialog,
        lambda d: d.note_edit.setPlainText(NOTE),
        lambda: take_away(desk, sentence),
    )
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_R, CTRL_SHIFT)
    assert len(opened) == 1
    assert_said_gone_and_offered(shown, NOTE)
    assert window.sentence_model.row_of(sentence) < 0


def test_accept_all_after_a_sentence_was_taken_away_says_so(
    qtbot: QtBot, window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Accept All with a sentence another program took away since the list showed it:
    refused as "A sentence's review was changed…", untrue. It says taken away, nothing
    is tagged, and the list shows the article as saved (accepted again, it goes)."""
    from PySide6.QtWidgets import QInputDialog

    from tests.gui.test_assist_in_window import wait_for_suggestions

    wait_for_suggestions(qtbot, window)
    desk, model = window.desk, window.sentence_model
    suggested = [
        row.sentence.id
        for row in model.rows()
        if (hint := model.suggestion(row.sentence.id)) is not None
        and hint.suggestion.tag is not None
    ]
    gone = suggested[0]
    take_away(desk, gone)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (0, True))
    window.edits.accept_all_suggestions()
    [said] = boxes
    assert "taken away" in said and "review was changed" not in said
    assert not any(row.review.tag for row in desk.reviews.sentence_rows(1))
    assert model.row_of(gone) < 0
    wait_for_suggestions(qtbot, window)  # the article read again: looked at afresh
    window.edits.accept_all_suggestions()
    assert any(row.review.tag for row in desk.reviews.sentence_rows(1))


def test_article_properties_of_an_article_taken_away_close_and_offer_the_typed_text(
    window: MainWindow, shown: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Article Properties while another program removes the article: refused for good."""
    from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog

    desk = window.desk
    article = window.article_id

    def type_in(dialog: ArticlePropertiesDialog) -> None:
        dialog.title_edit.setText("Turkey accuses Armenia over Ganja")
        dialog.date_edit.setText("2020-10-11")  # looked up: offered too

    opened = opened_with(
        monkeypatch,
        ArticlePropertiesDialog,
        type_in,
        lambda: another_program(
            desk,
            ("PRAGMA foreign_keys = ON", []),
            ("DELETE FROM articles WHERE id = ?", [article]),
        ),
    )
    window.articles.edit_properties()
    assert len(opened) == 1
    assert_said_gone_and_offered(shown, "Turkey accuses Armenia over Ganja", "2020-10-11")
    assert window.article_id != article  # the workspace as saved: the article not listed
    assert window.article_model.rowCount() == 0


def test_edit_source_of_a_link_taken_away_closes_and_offers_the_typed_text(
    window: MainWindow, shown: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edit Source while another program unlinks that source (the sentence stays): each
    OK was refused "That source is no longer linked to the sentence", for ever."""
    desk = window.desk
    sentence = window.current_sentence_id()
    assert sentence is not None
    link = linked_source(window, sentence)
    opened = opened_with(
        monkeypatch,
        LinkSourceDialog,
        lambda dialog: dialog.excerpt_edit.setPlainText(EXCERPT),
        lambda: another_program(desk, ("DELETE FROM sentence_sources WHERE id = ?", [link.id])),
    )
    window.edits.edit_source(link)
    assert len(opened) == 1
    [(text, details)] = shown
    assert "no longer linked" in text and EXCERPT in details
    assert window.panel.sources_model.rowCount() == 0  # the sentence as saved
