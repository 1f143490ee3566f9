"""A bidi override (U+202E) inside an article's text is invisible, and shows everything
after it in its paragraph reversed: the next sentences too, so the sentence the reviewer
reads is not the one stored, searched and exported. The article view and the sentence
list show the text in its stored order (the override as an invisible neutral character,
so every offset stays where it was)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SentenceColumn
from factcheck_app.services.desk import Desk

TEXT = "Police said \u202e.deid elpoep 04 The army denied \u2066it\u2069. Nothing more."


def test_bidi_controls_in_the_text_reverse_nothing_in_the_window(
    desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    desk.importer.import_text(TEXT)
    window = make_window(desk)
    shown = window.article_view.toPlainText()
    assert len(shown) == len(TEXT)
    assert not any(c in shown for c in "\u202e\u2066\u2069")
    assert shown.replace("\u200b", "") == TEXT.translate(dict.fromkeys([0x202E, 0x2066, 0x2069]))
    model = window.sentence_model
    for row in range(model.rowCount()):
        cell = model.index(row, SentenceColumn.TEXT).data(Qt.ItemDataRole.DisplayRole)
        tip = model.index(row, SentenceColumn.TEXT).data(Qt.ItemDataRole.ToolTipRole)
        assert not any(c in cell + tip for c in "\u202e\u2066\u2069")


def test_a_sentence_of_megabytes_gives_the_list_one_line_of_it(
    desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    # A 5 MB file of one sentence: the list laid out all of it for every cell it painted,
    # 1.6-2.2 s a repaint and 6.7 s a resize of the window (3.4 s to open it).
    desk.importer.import_text("word " * 1_000_000)
    window = make_window(desk)
    cell = window.sentence_model.index(0, SentenceColumn.TEXT)
    shown = cell.data(Qt.ItemDataRole.DisplayRole)
    assert shown.startswith("word word") and shown.endswith("…") and len(shown) <= 1_000
    assert len(cell.data(Qt.ItemDataRole.ToolTipRole)) <= 2_000


def test_an_explanation_of_one_endless_word_is_wrapped_anywhere(
    desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    # Qt looks for a word boundary to wrap at in time n² of an unbroken run: a merged
    # explanation of 1,000,000 letters kept the window busy 181 s when its sentence was
    # selected (100,000: 1.4 s); wrapped anywhere, 0.6 s. Ordinary text wraps at words.
    article_id = desk.importer.import_text(
        "The mayor said it fell. The council denied it."
    ).article_id
    first, second = (row.sentence.id for row in desk.reviews.sentence_rows(article_id))
    desk.reviews.set_text_field(first, "explanation", "See " + "x" * 50_000)
    desk.reviews.set_text_field(second, "explanation", "An ordinary explanation.")
    window = make_window(desk)
    edit = window.panel.explanation_edit
    window.select_sentence(first)
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    window.select_sentence(second)
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


def test_leaving_an_endless_word_never_lays_it_out_at_word_boundaries(
    desk: Desk, make_window: Callable[[Desk], MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moving off a sentence whose explanation is one unbroken run (stored, or pasted and
    refused as too long), the field went back to wrapping at words before it was given
    the next sentence's text: Qt laid the run out again in time n² (100,000 letters:
    6 s; a 1,200,000-character paste kept the window frozen for minutes). Wrapping
    changes to words only once the run is gone."""
    article_id = desk.importer.import_text(
        "The mayor said it fell. The council denied it."
    ).article_id
    first, second = (row.sentence.id for row in desk.reviews.sentence_rows(article_id))
    desk.reviews.set_text_field(first, "explanation", "See " + "x" * 5_000)
    desk.reviews.set_text_field(second, "explanation", "An ordinary explanation.")
    window = make_window(desk)
    edit = window.panel.explanation_edit
    window.select_sentence(first)
    laid_out_at_words: list[int] = []
    set_mode = edit.setWordWrapMode

    def spied(mode: QTextOption.WrapMode) -> None:
        if mode != QTextOption.WrapMode.WrapAnywhere and "x" * 2_000 in edit.toPlainText():
            laid_out_at_words.append(len(edit.toPlainText()))
        set_mode(mode)

    monkeypatch.setattr(edit, "setWordWrapMode", spied)
    window.select_sentence(second)
    assert edit.toPlainText() == "An ordinary explanation."
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    assert laid_out_at_words == []


def test_an_endless_word_pasted_into_the_explanation_is_wrapped_anywhere(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Pasted (not shown from the workspace), an unbroken run kept the wrapping at words:
    a paste of 200,000 characters without a space froze the window for a minute, one
    of 1,200,000 for tens of minutes (wrapped anywhere: 3 s). Dropped text is put in the
    same way. Ordinary text still wraps at words once the sentence is shown again."""
    desk.importer.import_text("The mayor said it fell. The council denied it.")
    window = make_window(desk)
    edit = window.panel.explanation_edit
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    pasted = "data:image/png;base64," + "QUJD" * 1_000
    QApplication.clipboard().setText(pasted)
    edit.setFocus()
    edit.paste()
    assert edit.toPlainText() == pasted
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    edit.clear()
    QApplication.clipboard().setText("Two words.")
    edit.paste()
    assert edit.toPlainText() == "Two words."


def test_the_review_panel_shows_the_sentence_in_its_stored_order(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The panel's heading, the sentence the reviewer reads while judging it, drew the
    override: "Police said ‮.deid elpoep 04" read "Police said 40 people died." there,
    while the article view, the list, search and every report had ".deid elpoep 04"."""
    desk.importer.import_text(TEXT)
    window = make_window(desk)
    window.resize(1024, 640)
    qtbot.waitExposed(window)
    heading = window.panel.heading
    assert heading.text().startswith("Police said")
    painted = "".join(heading.shown_lines())
    assert ".deid elpoep 04" in painted
    assert not any(c in painted for c in "\u202e\u2066\u2069")
    # The Link Source dialog's line naming the sentence, the same way.
    dialog = LinkSourceDialog([], window, sentence=TEXT)
    dialog.show()
    qtbot.waitExposed(dialog)
    quoted = "".join(dialog.sentence_label.shown_lines())
    assert ".deid elpoep 04" in quoted and not any(c in quoted for c in "\u202e\u2066\u2069")
    dialog.reject()


def _as_shown(tip: str) -> str:
    """A tooltip's text as Qt shows it: HTML when it looks like HTML, else the characters."""
    from PySide6.QtGui import Qt as GuiQt
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    if GuiQt.mightBeRichText(tip):
        document.setHtml(tip)
    else:
        document.setPlainText(tip)
    return document.toPlainText()


def test_the_suggestion_tooltips_show_the_claimant_as_written(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Text pasted from a web page kept its tags: the suggestion's tooltip rendered the
    claimant "Acme <b>Corp</b>" as HTML (a bold "Acme Corp"), and an override in it
    reversed the words after it, where the panel's lines drew both as written."""
    from tests.gui.test_assist_in_window import wait_for_suggestions

    desk.importer.import_text(
        "Acme <b>Corp</b> said unemployment fell 4 percent. "
        "Police said \u202eunemployment rose 9 percent."
    )
    window = make_window(desk)
    wait_for_suggestions(qtbot, window)
    window.select_sentence(window.sentence_model.sentence_row(0).sentence.id)
    panel = window.panel
    assert "claimant: Acme <b>Corp</b>" in _as_shown(panel.hint_label.toolTip())
    assert _as_shown(panel.worth_label.toolTip()).startswith("Worth checking: ")
    window.select_sentence(window.sentence_model.sentence_row(1).sentence.id)
    for label in (panel.hint_label, panel.worth_label):
        assert "\u202e" not in _as_shown(label.toolTip())


def test_words_joined_by_no_break_spaces_wrap_anywhere_as_one_unbroken_run(
    desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Text copied from a web page or a word processor can join every word with a no-break
    space (U+00A0, U+202F, U+2007): Qt breaks a line at none of them, so such a paragraph
    is one unbroken run to it, laid out at words in time n² (100,000 characters: 5 s;
    a pasted 1,200,000: minutes, the window frozen). Such text was taken for words
    (a no-break space is a space to Python's \\s): pasted or shown, it wraps anywhere now."""
    article_id = desk.importer.import_text(
        "The mayor said it fell. The council denied it."
    ).article_id
    first, second = (row.sentence.id for row in desk.reviews.sentence_rows(article_id))
    joined = "\u00a0".join(["Le", "ministère", "a", "publié"] * 1_000)
    desk.reviews.set_text_field(first, "explanation", joined)
    window = make_window(desk)
    edit = window.panel.explanation_edit
    window.select_sentence(first)
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    window.select_sentence(second)
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    QApplication.clipboard().setText("\u202f".join(["12", "345"] * 1_000))
    edit.setFocus()
    edit.paste()
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere


def test_ordinary_text_pasted_over_an_endless_run_wraps_at_words_again(
    desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A run pasted by mistake (refused as too long, say) and then pasted over with the
    explanation meant: the box kept wrapping anywhere, the journalist's words cut in
    two at each line's end ("minis-try") until another sentence was shown. A paste that
    leaves no unbroken run wraps at words; one that leaves one still anywhere."""
    desk.importer.import_text("The mayor said it fell. The council denied it.")
    window = make_window(desk)
    edit = window.panel.explanation_edit
    edit.setFocus()
    QApplication.clipboard().setText("QUJD" * 1_000)
    edit.paste()
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    QApplication.clipboard().setText(" and the ministry's own table.")
    edit.paste()  # the run is still there
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    edit.selectAll()
    QApplication.clipboard().setText("The ministry's own table says otherwise.")
    edit.paste()
    assert edit.toPlainText() == "The ministry's own table says otherwise."
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
