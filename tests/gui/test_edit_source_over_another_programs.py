"""Edit Source open while another program (a second desk window, a script) saved the
source's title or the link's excerpt: OK wrote every field back as the dialog was
filled, that program's work gone without a word, though the reviewer only typed an
excerpt. What the reviewer left as shown now keeps what is saved; a field both changed
is refused in words once, and the next OK saves the reviewer's over it."""

from __future__ import annotations

import pytest

from factcheck_app.domain.models import SourceLink, Stance
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.sources import NewSource
from tests.gui.test_dialogs_on_a_sentence_gone import EXCERPT, URL, opened_with
from tests.gui.test_refused_meanwhile_shown import another_program

THEIR_TITLE = "Population by town, 1 January 2020"
THEIR_EXCERPT = "Ganja: 335.6 thousand."
RETITLE = "UPDATE sources SET title = ? WHERE id = ?"


def _linked(window: MainWindow) -> tuple[int, SourceLink]:
    """The current sentence and its one link, to URL ("Stat", excerpt "old")."""
    sentence = window.current_sentence_id()
    assert sentence is not None
    window.desk.sources.link_source(sentence, NewSource(url=URL, title="Stat", excerpt="old"))
    window.load_article(1, sentence)
    [link] = window.desk.sources.links(sentence)
    return sentence, link


def test_a_title_saved_meanwhile_is_kept_when_only_the_excerpt_was_typed(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sentence, link = _linked(window)
    opened = opened_with(
        monkeypatch,
        LinkSourceDialog,
        lambda dialog: dialog.excerpt_edit.setPlainText(EXCERPT),
        lambda: another_program(window.desk, (RETITLE, [THEIR_TITLE, link.source.id])),
    )
    window.edits.edit_source(link)
    assert len(opened) == 1 and boxes == []
    [now] = window.desk.sources.links(sentence)
    assert (now.excerpt, now.source.title) == (EXCERPT, THEIR_TITLE)


def test_an_excerpt_both_changed_is_said_once_then_the_next_ok_saves_it(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sentence, link = _linked(window)

    def meanwhile() -> None:
        another_program(
            window.desk,
            ("UPDATE sentence_sources SET excerpt = ? WHERE id = ?", [THEIR_EXCERPT, link.id]),
            (RETITLE, [THEIR_TITLE, link.source.id]),
        )

    def type_in(dialog: LinkSourceDialog) -> None:
        dialog.excerpt_edit.setPlainText(EXCERPT)
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData("refutes"))

    opened = opened_with(monkeypatch, LinkSourceDialog, type_in, meanwhile)
    window.edits.edit_source(link)
    [text] = boxes
    assert "excerpt" in text and "changed by another program" in text, text
    assert len(opened) == 2  # back as typed once, then saved
    [now] = window.desk.sources.links(sentence)
    assert (now.excerpt, now.stance, now.source.title) == (EXCERPT, Stance.REFUTES, THEIR_TITLE)
