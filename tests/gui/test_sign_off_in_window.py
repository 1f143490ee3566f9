"""Sign-off and history in the window (issue 16), by keyboard: Ctrl+Shift+P approves,
Ctrl+Shift+R returns with a note, approving one's own verdict is refused in words; the
status column, the Show box and the panel's history and sign-off line show each step."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui.dialogs import return_note
from factcheck_app.gui.history_panel import NO_HISTORY, SentenceHistoryModel
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import (
    SentenceColumn,
    SentenceFilter,
    SentenceFilterModel,
    SentenceTableModel,
)
from factcheck_app.services import identity
from factcheck_app.services.desk import Desk
from tests.gui.conftest import app_font, press

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def as_reviewer(window: MainWindow, name: str) -> None:
    window.desk.edits.actor = name


def history_lines(window: MainWindow) -> list[str]:
    model = window.panel.history_box.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def wait_for_history(qtbot: QtBot, window: MainWindow, first: str) -> None:
    qtbot.waitUntil(lambda: bool(history_lines(window)) and first in history_lines(window)[0])


def status_of(window: MainWindow, row: int) -> str:
    model = window.sentence_model
    return str(model.data(model.index(row, SentenceColumn.STATUS)))


def with_note(note: str) -> Callable[[return_note.ReturnNoteDialog], int]:
    """The Return Verdict dialog's exec: `note` typed, then Return Verdict pressed."""

    def exec_(dialog: return_note.ReturnNoteDialog) -> int:
        dialog.note_edit.setPlainText(note)
        dialog.accept()
        return int(dialog.result())

    return exec_


def checked_by_ana(qtbot: QtBot, window: MainWindow) -> int:
    """Sentence 5 tagged and given a verdict by key, as Ana Ruiz."""
    as_reviewer(window, "Ana Ruiz")
    sentence = window.desk.reviews.sentence_rows(1)[4].sentence.id
    window.select_sentence(sentence)
    press(qtbot, window, "c", "5")
    return sentence


def returned_by_zoe(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, note: str = "Which year?"
) -> None:
    """The selected sentence's verdict returned to its checker by Zoë Ngata, the editor,
    by key (Ctrl+Shift+R), with `note` typed in the Return Verdict dialog."""
    as_reviewer(window, "Zoë Ngata")
    monkeypatch.setattr(return_note.ReturnNoteDialog, "exec", with_note(note))
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_R, CTRL_SHIFT)


def test_approving_your_own_verdict_is_refused_in_words(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)
    sentence = checked_by_ana(qtbot, window)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_P, CTRL_SHIFT)
    assert messages and "You gave this verdict, so you cannot approve it" in messages[0]
    assert window.desk.sign_offs.sign_off(sentence) is None
    assert window.panel.history_box.sign_off_label.text().startswith("Awaiting sign-off")


def test_approve_return_and_approve_again_show_everywhere(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentence = checked_by_ana(qtbot, window)
    row = window.sentence_model.row_of(sentence)
    box = window.panel.history_box
    as_reviewer(window, "Zoë Ngata")
    notes: list[str] = []

    def ask(dialog: return_note.ReturnNoteDialog) -> int:
        notes.append(dialog.findChildren(QLabel)[1].text())
        dialog.note_edit.setPlainText("Which year are the figures from?")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(return_note.ReturnNoteDialog, "exec", ask)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_R, CTRL_SHIFT)
    assert notes == ["What should Ana Ruiz look at again?"]
    assert status_of(window, row) == "Returned"
    assert box.sign_off_label.text().startswith("Returned by Zoë Ngata on ")
    assert "Which year are the figures from?" in box.sign_off_label.text()
    wait_for_history(qtbot, window, "Zoë Ngata · Return verdict")
    # The Show box: Returned lists it, Awaiting sign-off does not.
    filter_box = window.filter_box
    filter_box.setCurrentIndex(filter_box.findData(SentenceFilter.RETURNED))
    filter_box.activated.emit(filter_box.currentIndex())
    assert window.sentence_filter.rowCount() == 1
    filter_box.setCurrentIndex(filter_box.findData(SentenceFilter.AWAITING_SIGN_OFF))
    filter_box.activated.emit(filter_box.currentIndex())
    assert window.sentence_filter.rowCount() == 0
    filter_box.setCurrentIndex(filter_box.findData(SentenceFilter.ALL))
    filter_box.activated.emit(filter_box.currentIndex())
    window.select_sentence(sentence)
    window.sentence_view.setFocus()
    # Approved now; then the checker changes the verdict: it awaits sign-off again.
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_P, CTRL_SHIFT)
    assert status_of(window, row) == "Approved"
    assert box.sign_off_label.text().startswith("Approved by Zoë Ngata on ")
    wait_for_history(qtbot, window, "Zoë Ngata · Approve verdict")
    lines = history_lines(window)
    assert (
        "Sign-off: Returned by Zoë Ngata: Which year are the figures from? → Approved" in (lines[0])
    )
    assert [line.split(" · ")[1] for line in lines] == [
        "Zoë Ngata",
        "Zoë Ngata",
        "Ana Ruiz",
        "Ana Ruiz",
    ]
    as_reviewer(window, "Ana Ruiz")
    press(qtbot, window, "4")
    assert status_of(window, row) == "Done"
    assert box.sign_off_label.text().startswith("Awaiting sign-off (checked by Ana Ruiz)")
    filter_box.setCurrentIndex(filter_box.findData(SentenceFilter.AWAITING_SIGN_OFF))
    filter_box.activated.emit(filter_box.currentIndex())
    assert window.sentence_filter.rowCount() == 1
    # Undo brings back the approval with the verdict.
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(window, row) == "Approved"
    # Ctrl+Shift+H goes to the history, whose entries are readable by keyboard.
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_H, CTRL_SHIFT)
    assert QApplication.focusWidget() is box.view


def test_awaiting_sign_off_names_the_verdicts_author_after_a_colleagues_typo_fix(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Ben only fixed a typo in Ana's explanation: the panel says the verdict awaiting
    sign-off was checked by Ana (once the sentence's history is read), as the approval
    will."""
    sentence = checked_by_ana(qtbot, window)
    as_reviewer(window, "Ben Okafor")
    window.desk.reviews.set_text_field(sentence, "explanation", "Figures from the ministry.")
    wait_for_history(qtbot, window, "Ben Okafor")
    box = window.panel.history_box
    assert box.sign_off_label.text() == "Awaiting sign-off (checked by Ana Ruiz)."


def test_the_return_box_asks_the_verdicts_author_after_a_colleagues_typo_fix(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ben only fixed a typo in Ana's explanation, and Zoë returns the verdict: the box
    asked "What should Ben Okafor look at again?" (whoever saved last), while the return
    it recorded, and the panel, name Ana, whose verdict it is and who must answer it."""
    sentence = checked_by_ana(qtbot, window)
    as_reviewer(window, "Ben Okafor")
    window.desk.reviews.set_text_field(sentence, "explanation", "Figures from the ministry.")
    asked: list[str] = []

    def exec_(dialog: return_note.ReturnNoteDialog) -> int:
        asked.extend(label.text() for label in dialog.findChildren(QLabel))
        return with_note("Which year?")(dialog)

    as_reviewer(window, "Zoë Ngata")
    monkeypatch.setattr(return_note.ReturnNoteDialog, "exec", exec_)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_R, CTRL_SHIFT)
    returned = window.desk.sign_offs.sign_off(sentence)
    assert returned is not None and returned.checker == "Ana Ruiz"
    assert "What should Ana Ruiz look at again?" in asked


def test_history_and_filter_models_pass_the_model_tester(
    qtmodeltester: ModelTester, seeded_desk: Desk
) -> None:
    desk = seeded_desk
    desk.edits.actor = "Ana Ruiz"
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    for sentence in ids[:3]:
        desk.reviews.set_tag(sentence, Tag.CLAIM)
        desk.reviews.set_verdict(sentence, "false")
    desk.edits.actor = "Zoë Ngata"
    desk.sign_offs.approve(ids[0])
    desk.sign_offs.send_back(ids[1], "Source <b>missing</b>")
    history = SentenceHistoryModel()
    history.set_items(desk.history.of_sentence(ids[1]))
    qtmodeltester.check(history)
    first = history.data(history.index(0, 0))
    assert "Return verdict" in first and "<b>missing</b>" in first  # plain text, as typed
    source = SentenceTableModel()
    source.set_rows(desk.reviews.sentence_rows(1))
    proxy = SentenceFilterModel()
    proxy.setSourceModel(source)
    for mode, count in ((SentenceFilter.AWAITING_SIGN_OFF, 1), (SentenceFilter.RETURNED, 1)):
        proxy.set_mode(mode)
        qtmodeltester.check(proxy)
        assert proxy.rowCount() == count


def test_screenshot_of_the_history_panel_at_1024x640(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The panel with a sentence's sign-off and history, at the smallest supported size."""
    sentence = checked_by_ana(qtbot, window)
    window.desk.reviews.set_text_field(
        sentence, "explanation", "The prosecutor's statement gives no source for the figure."
    )
    returned_by_zoe(qtbot, window, monkeypatch, "Which year is the figure?")
    as_reviewer(window, "Ana Ruiz")
    window.desk.reviews.set_text_field(
        sentence, "explanation", "The 2020 statement gives no source for the figure."
    )
    as_reviewer(window, "Zoë Ngata")
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_P, CTRL_SHIFT)
    window.resize(1024, 640)
    wait_for_history(qtbot, window, "Approve verdict")
    box = window.panel.history_box
    box.view.setFocus()
    window.panel_scroll.ensureWidgetVisible(box)
    QApplication.processEvents()
    assert box.view.isVisible() and box.view.height() >= box.view.minimumHeight()
    assert window.grab().save(str(tmp_path / "history-panel-1024x640.png"))


def test_the_return_dialog_needs_a_note_and_shows_the_sentence_as_typed(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    dialog = return_note.ReturnNoteDialog("<b>Ganja</b> was   shelled.", "Ana Ruiz")
    qtbot.add_widget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    assert any(
        label.text() == "“<b>Ganja</b> was shelled.”" for label in dialog.findChildren(QLabel)
    )
    qtbot.keyClicks(dialog.note_edit, "  Which year?  ")
    assert ok.isEnabled() and dialog.note() == "Which year?"


def test_the_return_dialog_waits_for_a_note_that_shows_something(qtbot: QtBot) -> None:
    """A pasted zero-width space or direction mark enabled Return Verdict, which the desk
    then refused ("Say what is missing") in a box over the dialog: the button waits for
    a note the checker can read, as the desk does."""
    dialog = return_note.ReturnNoteDialog("Baku said 32 people died.", "Ana Ruiz")
    qtbot.add_widget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.note_edit.setPlainText("\u200b \u200e\n\u2060")
    assert not ok.isEnabled()
    dialog.note_edit.setPlainText("\u200bWhich year?")
    assert ok.isEnabled()


def test_the_return_dialog_names_a_checker_with_an_ampersand_as_named(qtbot: QtBot) -> None:
    """The question read "What should Smith _Jones look at again?": its label leads to
    the note (an Alt key's buddy), so Qt took the "&" of "Smith & Jones" for an Alt key,
    dropped it and drew the space after it underlined."""
    dialog = return_note.ReturnNoteDialog("Baku said 32 people died.", "Smith & Jones")
    qtbot.add_widget(dialog)
    (question,) = [label for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    assert question.buddy() is dialog.note_edit
    drawn = re.sub("&(.)", r"\1", question.text())  # as Qt draws a label with a buddy
    assert drawn == "What should Smith & Jones look at again?"
    assert QKeySequence.mnemonic(question.text()).isEmpty()  # no Alt key out of a name


def test_the_return_dialog_fits_a_1024_screen_at_16_pt_with_the_longest_name(
    qtbot: QtBot,
) -> None:
    """At 16 pt the question "What should … look at again?" was one line as long as the
    checker's name made it: with a name of the 80 characters the desk takes, the dialog
    was 1,195 px wide, its Return Verdict button past a 1024-pixel screen's edge."""
    with app_font(16):
        name = "Maria Fernanda Gonzalez-Villanueva de la Rosa y Montenegro-Smithson, Desk Chief"
        assert len(name) <= identity.MAX_NAME
        dialog = return_note.ReturnNoteDialog("Baku said 32 people died.", name)
        qtbot.add_widget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.width() <= 1024
        (question,) = [label for label in dialog.findChildren(QLabel) if label.buddy()]
        assert question.text() == f"What should {name} look at again?"  # whole, wrapped
        assert question.height() >= question.heightForWidth(question.width())
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.geometry().right() <= dialog.width()


def test_moving_past_signed_off_sentences_does_not_re_lay_out_the_panel(
    qtbot: QtBot, window: MainWindow
) -> None:
    from tests.gui.test_move_costs import _moving_down

    desk = window.desk
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    desk.edits.actor = "Ana Ruiz"
    for sentence in ids[1:8:2]:
        desk.reviews.set_tag(sentence, Tag.CLAIM)
        desk.reviews.set_verdict(sentence, "false")
    desk.edits.actor = "Zoë Ngata"
    desk.sign_offs.approve(ids[3])
    desk.sign_offs.send_back(ids[5], "A long note " * 20)
    window.resize(1024, 640)
    window.open_article(1)
    window.select_sentence(ids[0])
    QApplication.processEvents()
    counter = _moving_down(qtbot, window, 8)
    assert window.current_sentence_id() == ids[8]
    assert counter.layouts["panel"] == 0


def test_returning_your_own_verdict_is_refused_before_the_note_is_asked(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checker pressing Ctrl+Shift+R is told at once, not after typing a whole note
    that is then thrown away."""
    messages: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)
    monkeypatch.setattr(
        return_note.ReturnNoteDialog, "exec", lambda _dialog: asked.append("asked") or 0
    )
    sentence = checked_by_ana(qtbot, window)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_R, CTRL_SHIFT)
    assert messages and "You gave this verdict, so you cannot return it" in messages[0]
    assert asked == []
    assert window.desk.sign_offs.sign_off(sentence) is None


def test_a_sentence_with_no_history_says_so_once_it_is_read(
    qtbot: QtBot, window: MainWindow
) -> None:
    """An empty History box told nothing: still loading, or nothing ever done here? The
    note shows once the history is read, never in the moment before (it would flash under
    a sentence that has some)."""
    box = window.panel.history_box
    sentences = window.desk.reviews.sentence_rows(1)
    touched = checked_by_ana(qtbot, window)
    untouched = sentences[6].sentence.id
    window.select_sentence(untouched)
    assert box.view.empty_text == ""  # moved: its history not read yet
    qtbot.waitUntil(lambda: box.view.empty_text == NO_HISTORY)
    assert history_lines(window) == []
    window.select_sentence(touched)
    assert box.view.empty_text == "" and history_lines(window) == []
    wait_for_history(qtbot, window, "Ana Ruiz")


def article_line(window: MainWindow, article_id: int) -> str:
    model = window.article_model
    return str(model.data(model.index(model.row_of(article_id), 0)))


def test_the_article_list_says_where_returned_verdicts_wait(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "4 of your verdicts were returned by an editor, in 4 articles: Show → Returned lists
    them in each" — and the article list, which says where conflicts wait, did not say
    which 4: each article had to be opened to find them. It says "· 1 returned", kept
    as the editor returns and the checker answers, and after the workspace is opened
    again."""
    desk = window.desk
    other = desk.importer.import_text("The port said 40 ships called. Rain fell.").article_id
    window.reload_articles()
    sentence = checked_by_ana(qtbot, window)
    article = window.article_id
    assert article is not None and "returned" not in article_line(window, article)
    returned_by_zoe(qtbot, window, monkeypatch)
    window.show_listed_progress()  # as it does once the keys pause
    assert article_line(window, article).endswith("· 1 returned")
    assert "returned" not in article_line(window, other)
    window.reload_articles()  # as the list is read again (a new start, an import)
    assert article_line(window, article).endswith("· 1 returned")
    assert "returned" not in article_line(window, other)
    as_reviewer(window, "Ana Ruiz")  # she answers it: a new verdict awaits sign-off again
    window.select_sentence(sentence)
    press(qtbot, window, "4")
    window.show_listed_progress()
    assert "returned" not in article_line(window, article)


@pytest.mark.parametrize(
    ("points", "begins"),
    [
        (9, "Returned by Zoë Ngata: “Which year are the figures from? The"),
        (16, "Returned by Zoë Ngata with a note"),  # no room for the note's words
    ],
)
def test_a_returned_note_leaves_room_for_where_to_read_it(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    points: int,
    begins: str,
) -> None:
    """Arriving at a returned sentence, the status bar says the editor's note and where
    it is whole ("(Ctrl+Shift+H: in the panel)"): the line at the panel's foot is out of
    sight at 1024×640. The note's 90 characters took the whole bar (at 9 pt too), and the
    key to the panel was cut off the end."""
    with app_font(points):
        sentences = [row.sentence.id for row in seeded_desk.reviews.sentence_rows(1)]
        seeded_desk.edits.actor = "Ana Ruiz"
        seeded_desk.reviews.set_tag(sentences[4], Tag.CLAIM)
        seeded_desk.reviews.set_verdict(sentences[4], "false")
        seeded_desk.edits.actor = "Zoë Ngata"
        note = (
            "Which year are the figures from? The ministry's 2019 table gives other ones, "
            "and the city's own"
        )
        seeded_desk.sign_offs.send_back(sentences[4], note)
        window = make_window(seeded_desk)
        window.resize(1024, 640)
        qtbot.waitUntil(lambda: window.width() == 1024)
        window.select_sentence(sentences[3])
        window.select_sentence(sentences[4])
        bar = window.statusBar()
        said = bar.currentMessage()
        assert said.startswith(begins)
        assert said.endswith(" (Ctrl+Shift+H: in the panel).")
        bar.layout().activate()
        beside = [w for w in bar.findChildren(QWidget) if w.parent() is bar and w.isVisible()]
        room = min(w.x() for w in beside if w.width() > 20) - 4
        assert bar.fontMetrics().horizontalAdvance(said) <= room


def test_approving_with_text_typed_in_the_explanation_saves_the_text_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor added a word to the explanation and pressed Ctrl+Shift+P in the box:
    "Verdict approved.", then on leaving the box the text was saved after the approval,
    and the approval just given no longer stood. The text is saved first; the approval
    is then judged on the check as it stands (she saved the review last: refused)."""
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)
    sentence = checked_by_ana(qtbot, window)
    as_reviewer(window, "Zoë Ngata")
    box = window.panel.explanation_edit
    box.setFocus()
    qtbot.keyClicks(box, "Figures from 2019.")
    qtbot.keyClick(box, Qt.Key.Key_P, CTRL_SHIFT)
    assert window.desk.reviews.review(sentence).explanation == "Figures from 2019."
    assert window.statusBar().currentMessage() != "Verdict approved."
    assert messages and "you cannot approve it" in messages[0]
    approved = window.desk.sign_offs.sign_off(sentence)
    window.sentence_view.setFocus()  # leaving the box changes nothing now
    assert window.desk.sign_offs.sign_off(sentence) == approved is None


def test_enter_on_a_history_entry_shows_it_whole_to_read_by_keyboard(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The status bar sends a checker to her editor's note with "(Ctrl+Shift+H: in the
    panel)", but there the history cut the note to 60 characters and the sign-off line to
    three lines, whole only in a tooltip: a 2,000-character note could not be read by
    keyboard. Enter on an entry shows it whole, in a read-only box that takes the keys to
    scroll it."""
    from PySide6.QtWidgets import QDialog, QPlainTextEdit

    sentences = [row.sentence.id for row in seeded_desk.reviews.sentence_rows(1)]
    seeded_desk.edits.actor = "Ana Ruiz"
    seeded_desk.reviews.set_tag(sentences[4], Tag.CLAIM)
    seeded_desk.reviews.set_verdict(sentences[4], "false")
    seeded_desk.edits.actor = "Zoë Ngata"
    note = "Which year are the figures from? " + "The ministry's table differs. " * 64
    note += "Call the statistics office before you change it."
    assert len(note) > 2000
    seeded_desk.sign_offs.send_back(sentences[4], note)
    window = make_window(seeded_desk)
    window.select_sentence(sentences[4])
    wait_for_history(qtbot, window, "Return verdict")
    shown: list[tuple[str, bool, bool]] = []

    def read(dialog: QDialog) -> int:
        text = dialog.findChild(QPlainTextEdit)
        shown.append((text.toPlainText(), text.isReadOnly(), dialog.focusWidget() is text))
        return 0

    monkeypatch.setattr(QDialog, "exec", read)
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_H, CTRL_SHIFT)
    view = window.panel.history_box.view
    assert QApplication.focusWidget() is view
    assert view.currentIndex().row() == 0  # the newest entry: the return
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert len(shown) == 1
    text, read_only, focused = shown[0]
    assert "Zoë Ngata · Return verdict" in text
    assert f"Returned by Zoë Ngata: {note.strip()}" in text  # whole, not cut at 60
    assert read_only and focused
    assert QApplication.focusWidget() is view  # back where she was


def test_the_history_entry_box_scrolls_by_keyboard_and_esc_closes_it(qtbot: QtBot) -> None:
    """The whole entry is read with the keys: Page Down goes on through a long note; it is
    plain text, never markup; Esc closes."""
    from PySide6.QtWidgets import QPlainTextEdit

    from factcheck_app.gui.dialogs.history_entry import HistoryEntryDialog
    from tests.gui.test_panel_and_dialogs import shown_dialog

    text = "3 Dec 2026 09:12 · Zoë Ngata · Return verdict\n\n" + "<b>Which year?</b>\n" * 200
    dialog = HistoryEntryDialog(text)
    shown_dialog(qtbot, dialog)
    view = dialog.findChild(QPlainTextEdit)
    assert view is not None and view.hasFocus() and view.isReadOnly()
    assert view.toPlainText() == text
    bar = view.verticalScrollBar()
    assert bar.value() == 0 and bar.maximum() > 0
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert view.textCursor().selectedText().startswith("3 Dec 2026")  # to copy
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_at_16_pt_and_1024x640_the_history_shows_two_entries_whole(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """At 16 pt on a 1024×640 screen the history box showed about one entry: the return,
    with the verdict it returned cut off below. Ctrl+Shift+H brings the whole box into
    sight, with room for the two newest entries."""
    with app_font(16):
        sentences = [row.sentence.id for row in seeded_desk.reviews.sentence_rows(1)]
        seeded_desk.edits.actor = "Ana Ruiz"
        seeded_desk.reviews.set_tag(sentences[4], Tag.CLAIM)
        seeded_desk.reviews.set_verdict(sentences[4], "false")
        seeded_desk.edits.actor = "Zoë Ngata"
        seeded_desk.sign_offs.send_back(
            sentences[4], "Which year are the figures from? The ministry's 2019 table differs."
        )
        window = make_window(seeded_desk)
        window.resize(1024, 640)
        qtbot.waitUntil(lambda: window.width() == 1024)
        window.select_sentence(sentences[4])
        wait_for_history(qtbot, window, "Return verdict")
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_H, CTRL_SHIFT)
        QApplication.processEvents()
        box = window.panel.history_box
        view = box.view
        assert QApplication.focusWidget() is view
        viewport = window.panel_scroll.viewport()
        top = box.mapTo(viewport, box.rect().topLeft()).y()
        assert top >= 0 and top + box.height() <= viewport.height()  # the whole box
        assert view.model().rowCount() >= 2
        for row in (0, 1):
            shown = view.visualRect(view.model().index(row, 0))
            assert shown.top() >= 0 and shown.bottom() < view.viewport().height(), row


def test_ctrl_c_in_the_history_copies_the_entry_whole(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Ctrl+C on a history entry copied it as the list shows it, each value cut to a
    line: an explanation pasted into a correction note ended "… within o…"."""
    sentence = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    explanation = "The ministry's own figures, published on Monday, say otherwise.\n" * 5
    seeded_desk.reviews.set_text_field(sentence, "explanation", explanation)
    window = make_window(seeded_desk)
    window.select_sentence(sentence)
    wait_for_history(qtbot, window, "Edit explanation")
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_H, CTRL_SHIFT)
    view = window.panel.history_box.view
    assert QApplication.focusWidget() is view
    QApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text()
    assert "tester · Edit explanation" in copied
    assert explanation.strip() in copied  # whole, its line breaks kept
    assert "…" not in copied


def test_a_long_unbroken_name_in_the_history_does_not_widen_every_entry(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A claimant's handle longer than the box is wide (no space to break at) made the
    whole history scroll sideways at 1024×640: every entry was laid out that wide, the
    end of each line cut off at the box's edge ("Status: In progress → Do")."""
    sentence = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    seeded_desk.reviews.set_tag(sentence, Tag.CLAIM)
    handle = "@MinistryOfForeignAffairsOfTheRepublicOfAzerbaijan_Press"
    seeded_desk.reviews.set_text_field(sentence, "claimant", handle)
    window = make_window(seeded_desk)
    window.resize(1024, 640)
    window.select_sentence(sentence)
    wait_for_history(qtbot, window, "Edit claimant")
    view = window.panel.history_box.view
    qtbot.waitUntil(lambda: view.viewport().width() > 0)
    assert view.horizontalScrollBar().maximum() == 0
    tag_entry = view.visualRect(view.model().index(1, 0))
    assert tag_entry.right() < view.viewport().width()  # "Tag as Claim" laid out whole


def test_a_history_longer_than_the_panel_lists_says_older_entries_are_left_out(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """The panel lists a sentence's newest 200 entries. Its last one looked like the
    first: "who first gave this verdict" was answered with whoever made the 200th edit
    from the end, with no word that older ones exist."""
    from factcheck_app.gui.controllers.sign_off import HISTORY_SHOWN

    sentence = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    seeded_desk.set_reviewer("Ana Ruiz")
    seeded_desk.reviews.set_verdict(sentence, "false")  # the first verdict, Ana's
    seeded_desk.set_reviewer("Max Olsen")
    for n in range(HISTORY_SHOWN):
        seeded_desk.reviews.set_text_field(sentence, "explanation", f"Draft {n}")
    window = make_window(seeded_desk)
    window.select_sentence(sentence)
    wait_for_history(qtbot, window, "Edit explanation")
    lines = history_lines(window)
    assert len(lines) == HISTORY_SHOWN + 1
    assert "Draft 0" in lines[-2]
    assert "Older entries are not listed here" in lines[-1]
    assert "factcheck-app history --article 1" in lines[-1]
    qtmodeltester.check(window.panel.history_box.model)


def another_program_before_the_save(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, sentence: int
) -> None:
    """Another program gives `sentence` the verdict "true" once, between the desk's read
    of what a sign-off is made from and its save (as in
    tests/services/test_decide_and_sign_off_meanwhile.py)."""
    import sqlite3

    desk = window.desk
    push = desk.edits.push

    def then_push(edit: object) -> object:
        monkeypatch.setattr(desk.edits, "push", push)
        other = sqlite3.connect(desk.path)  # type: ignore[arg-type]
        with other:
            other.execute("UPDATE reviews SET rating = 'true' WHERE sentence_id = ?", [sentence])
        other.close()
        return push(edit)  # type: ignore[arg-type]

    monkeypatch.setattr(desk.edits, "push", then_push)


def test_a_return_refused_for_a_verdict_changed_meanwhile_shows_it_behind_the_note(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box said to look at the verdict again, and the Return Verdict dialog came back
    with the note (good): but the table behind it still showed the old verdict, so
    Return again sent back a verdict the editor never saw."""
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)
    sentence = checked_by_ana(qtbot, window)
    as_reviewer(window, "Zoë Ngata")
    another_program_before_the_save(window, monkeypatch, sentence)
    seen: list[tuple[str, str | None]] = []

    def exec_(dialog: return_note.ReturnNoteDialog) -> int:
        row = window.sentence_model.rows()[window.sentence_model.row_of(sentence)]
        seen.append((dialog.note_edit.toPlainText(), row.review.verdict))
        if len(seen) > 1:
            return 0  # the editor looks again
        dialog.note_edit.setPlainText("Which year?")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(return_note.ReturnNoteDialog, "exec", exec_)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_R, CTRL_SHIFT)
    assert "changed while your sign-off was being saved" in messages[0]
    assert window.desk.sign_offs.sign_off(sentence) is None
    assert seen[1] == ("Which year?", "true")  # the note kept, the new verdict shown


def test_an_approval_refused_for_a_verdict_changed_meanwhile_shows_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)
    sentence = checked_by_ana(qtbot, window)
    as_reviewer(window, "Zoë Ngata")
    another_program_before_the_save(window, monkeypatch, sentence)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_P, CTRL_SHIFT)
    assert "changed while your sign-off was being saved" in messages[0]
    assert window.desk.sign_offs.sign_off(sentence) is None
    row = window.sentence_model.rows()[window.sentence_model.row_of(sentence)]
    assert row.review.verdict == "true"
