"""Excerpts, return notes and history entries with a long unbroken run (a pasted URL, a
base64 image, words joined by no-break spaces) wrap anywhere, as the Explanation box
does (`domain.printable.has_unbroken_run`): Qt seeks a word boundary in time n² of a run."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QMimeData, QModelIndex
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from factcheck_app.domain import review_rules
from factcheck_app.domain.models import Tag
from factcheck_app.gui.dialogs import form_parts
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.dialogs.return_note import ReturnNoteDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.typed_fields import RunWrappingEdit, show_lines
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource

ANYWHERE = QTextOption.WrapMode.WrapAnywhere
AT_WORDS = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
RUN = "https://archive.example.org/" + "a" * 10_000  # a pasted URL: no space to break at


def test_edit_source_shows_an_excerpt_with_an_unbroken_run_wrapped_anywhere(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow], monkeypatch
) -> None:
    """Edit… on a link whose excerpt is one long run: the dialog took 2.8 s to open at
    100,000 characters, and an excerpt may hold 1,000,000 (minutes, the window frozen).
    An ordinary excerpt still wraps at words."""
    article_id = desk.importer.import_text("The mayor said it fell. The council denied it.")
    first, second = (row.sentence.id for row in desk.reviews.sentence_rows(article_id.article_id))
    desk.sources.link_source(first, NewSource(url="https://example.org/1", excerpt=RUN))
    desk.sources.link_source(second, NewSource(url="https://example.org/2", excerpt="Two words."))
    window = make_window(desk)
    modes: list[tuple[str, QTextOption.WrapMode]] = []

    def exec_dialog(dialog: QDialog) -> int:
        assert isinstance(dialog, LinkSourceDialog)
        modes.append((dialog.excerpt_edit.toPlainText(), dialog.excerpt_edit.wordWrapMode()))
        return int(QDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(QDialog, "exec", exec_dialog)
    for sentence_id in (first, second):
        window.select_sentence(sentence_id)
        window.panel.edit_source_button.click()
    assert modes == [(RUN, ANYWHERE), ("Two words.", AT_WORDS)]


def test_a_return_note_with_an_unbroken_run_is_shown_whole_wrapped_anywhere(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow], monkeypatch
) -> None:
    """Enter on the history's "Returned" entry shows the note whole: a note (or an
    explanation changed) with one long run laid it out at words, 1.75 s at 100,000
    characters, and neither has a limit below 1,000,000."""
    article = desk.importer.import_text("The mayor said crime fell by 20 percent.")
    [sentence_id] = (row.sentence.id for row in desk.reviews.sentence_rows(article.article_id))
    desk.set_reviewer("Ana")
    desk.reviews.set_tag(sentence_id, Tag.CLAIM)
    desk.reviews.set_verdict(sentence_id, "mostly_false")
    desk.set_reviewer("Ben")
    desk.sign_offs.send_back(sentence_id, RUN)
    window = make_window(desk)
    window.select_sentence(sentence_id)
    history = window.panel.history_box
    qtbot.waitUntil(lambda: history.model.rowCount() > 0)
    shown: list[tuple[str, QTextOption.WrapMode]] = []

    def run_dialog(dialog: QDialog) -> int:
        view = dialog.findChild(QPlainTextEdit)
        assert view is not None
        shown.append((view.toPlainText(), view.wordWrapMode()))
        return 0

    monkeypatch.setattr(form_parts, "run_dialog", run_dialog)
    returned: QModelIndex = history.model.index(0, 0)
    history.view.activated.emit(returned)
    [(text, mode)] = shown
    assert RUN in text and mode == ANYWHERE


@pytest.mark.parametrize("which", ["excerpt", "return note"])
def test_a_run_pasted_into_an_excerpt_or_a_return_note_is_wrapped_anywhere(
    qtbot: QtBot, which: str
) -> None:
    """Pasted, a long run laid out at words (200,000 characters froze the Explanation box
    a minute before it wrapped anywhere); words pasted over it wrap at words again."""
    dialog = (
        LinkSourceDialog([], None, sentence="The mayor said it fell.")
        if which == "excerpt"
        else ReturnNoteDialog("The mayor said it fell.", "Ana")
    )
    qtbot.addWidget(dialog)
    box = dialog.excerpt_edit if isinstance(dialog, LinkSourceDialog) else dialog.note_edit
    QApplication.clipboard().setText(RUN)
    box.setFocus()
    box.paste()
    assert box.toPlainText() == RUN and box.wordWrapMode() == ANYWHERE
    box.selectAll()
    QApplication.clipboard().setText("Which year are the figures from?")
    box.paste()
    assert box.wordWrapMode() == AT_WORDS


def test_an_unbroken_run_an_undo_brings_back_wraps_anywhere(qtbot: QtBot) -> None:
    """A run pasted over (its words pasted in its place: wrapped at words again), then
    Ctrl+Z: the run came back laid out at words, n² of it (0.7 s at 60,000 letters,
    minutes at the 1,000,000 an explanation or excerpt may hold, the window frozen).
    Whatever brings a run in (an undo, a redo, a paste) wraps it anywhere."""
    box = RunWrappingEdit()
    qtbot.addWidget(box)
    show_lines(box, RUN)
    assert box.wordWrapMode() == ANYWHERE
    box.selectAll()
    words = QMimeData()
    words.setText("Two words.")
    box.insertFromMimeData(words)
    assert box.toPlainText() == "Two words." and box.wordWrapMode() == AT_WORDS
    box.undo()
    assert box.toPlainText() == RUN and box.wordWrapMode() == ANYWHERE
    box.redo()
    assert box.toPlainText() == "Two words."


def test_a_waiting_run_brought_back_by_undo_in_a_kept_document_wraps_anywhere(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow], monkeypatch
) -> None:
    """The same in the Explanation box's document kept for a too-long text waiting, given
    back on coming back to its sentence: its undo brings the run back wrapped anywhere."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 5000)
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: int(QMessageBox.StandardButton.Ok.value))
    article = desk.importer.import_text("The mayor said it fell. The council denied it.")
    first, second = (row.sentence.id for row in desk.reviews.sentence_rows(article.article_id))
    window = make_window(desk)
    panel, box = window.panel, window.panel.explanation_edit
    window.select_sentence(first)
    run = QMimeData()
    run.setText(RUN)
    box.insertFromMimeData(run)
    panel.flush_pending_text()
    assert panel.refused_as_too_long(first, "explanation")
    window.select_sentence(second)
    window.select_sentence(first)
    box.selectAll()
    words = QMimeData()
    words.setText("Two words.")
    box.insertFromMimeData(words)
    panel.flush_pending_text()
    assert desk.reviews.review(first).explanation == "Two words."
    assert box.wordWrapMode() == AT_WORDS
    box.undo()
    assert box.toPlainText() == RUN and box.wordWrapMode() == ANYWHERE
