"""Bugs found by the window monkey (bench/fuzz_window.py), each as the reviewer meets it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from factcheck_app.domain.errors import NotFound, WorkspaceFull
from factcheck_app.gui import review_panel
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.controllers import edits, merge
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.typed_fields import field_text
from factcheck_app.services.desk import Desk
from tests.gui.test_search_in_window import search_for
from tests.services.test_merge_split import older_cut


def test_moving_on_while_typed_text_waits_keeps_the_list_and_the_panel_together(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Typed text is saved a moment after the last key, or on the move to another
    sentence. Saved on the move (F3 pressed in the explanation within that moment), its
    save took the sentence list back to the sentence just left while the panel showed
    the new one: what was typed next went to a sentence the list did not show, and the
    panel then showed that sentence's saved explanation as empty (typing on replaced it)."""
    monkeypatch.setattr(review_panel, "TEXT_SAVE_DELAY_MS", 600_000)  # still typing
    window = make_window(seeded_desk)
    search = search_for(window, "Ganja")
    assert search.model.rowCount() > 0
    ids = [row.sentence.id for row in seeded_desk.reviews.sentence_rows(1)]
    left = ids[0]
    assert window.select_sentence(left)
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Checked the payroll.")
    assert panel.has_pending_text()

    qtbot.keyClick(panel.explanation_edit, Qt.Key.Key_F3)  # the first result

    shown = window.current_sentence_id()
    assert shown != left
    assert panel.sentence_id == shown  # the panel is the list's current sentence's
    assert seeded_desk.reviews.review(left).explanation == "Checked the payroll."
    qtbot.keyClicks(panel.explanation_edit, "Two sources.")
    panel.flush_pending_text()
    assert seeded_desk.reviews.review(shown).explanation == "Two sources."
    assert seeded_desk.reviews.review(left).explanation == "Checked the payroll."
    assert window.select_sentence(left)
    assert panel.explanation_edit.toPlainText() == "Checked the payroll."


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("x" * 300, "too long"),
        ("x" * 300 + "/report.html", "too long"),
        ("report\x00.html", "NUL"),  # pasted with the text around it
    ],
)
def test_a_file_name_no_disk_takes_is_refused_in_words_by_the_export_dialog(
    qtbot: QtBot, seeded_desk: Desk, tmp_path: Path, typed: str, words: str
) -> None:
    """A long text pasted into *Save to* (a name without a suffix, or a folder of more
    than 255 characters), or one holding a NUL: Export brought up "Something went wrong"
    (File name too long; embedded null byte)."""
    dialog = ExportDialog(seeded_desk, 1)
    qtbot.add_widget(dialog)
    dialog.show()
    exports = tmp_path / "exports"
    exports.mkdir()
    dialog.path_edit.setText(str(exports / typed))
    with qtbot.captureExceptions() as caught:
        dialog.export_button.click()
    assert caught == []
    assert not dialog.running and dialog.isVisible()
    assert words in dialog.status_label.text()
    assert list(exports.iterdir()) == []  # nothing made


def test_a_claimant_longer_than_a_line_field_holds_is_shown_and_kept_whole(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A claimant of more than 32,767 characters (a merged colleague's, a pasted page)
    showed cut at Qt's default line length, and a letter typed after it saved the cut
    text: the rest was gone, without a word."""
    sid = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    long_claimant = "Ministry of Defence spokesperson " * 1_500  # 49,500 characters
    seeded_desk.reviews.set_text_field(sid, "claimant", long_claimant)
    window = make_window(seeded_desk)
    assert window.select_sentence(sid)
    field = window.panel.claimant_edit
    assert field.text() == long_claimant
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClicks(field, "X")
    window.panel.flush_pending_text()
    assert seeded_desk.reviews.review(sid).claimant == long_claimant + "X"


def test_an_article_beginning_with_a_byte_order_mark_is_highlighted_where_it_is(
    desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Found by bench/fuzz_window.py (seed 2041, step 13424: control characters pasted as
    a new article): Qt drops a U+FEFF at the very start of a document, so every sentence
    of such an article (pasted text with a space before its mark keeps it) was
    highlighted, and a click or a split point read, one character off."""
    article_id = desk.importer.import_text(
        " \ufeffThe mayor said it fell. The council denied it."
    ).article_id
    rows = desk.reviews.sentence_rows(article_id)
    assert rows[0].sentence.text.startswith("\ufeff")  # stored as pasted, after the space
    window = make_window(desk)
    shown = window.article_view.toPlainText()
    assert len(shown) == rows[-1].sentence.end
    window.select_sentence(rows[-1].sentence.id)
    cursor = window.article_view.textCursor()
    assert cursor.position() == rows[-1].sentence.start
    (selection,) = window.article_view.extraSelections()
    assert selection.cursor.selectedText() == "The council denied it."


def test_text_pasted_with_a_byte_order_mark_at_its_start_is_saved_as_its_field_holds_it(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Pasted at the start of an explanation or a claimant, a byte order mark (U+FEFF,
    invisible; a paste of control characters, seed 2901) stayed in the field when Tab
    saved it, while the text saved went without it: Qt drops one from the start of the
    text each save hands on. The field and the workspace then held different texts.
    Now neither keeps one there; one inside the text is kept."""
    sid = seeded_desk.reviews.sentence_rows(1)[0].sentence.id
    seeded_desk.reviews.set_text_field(sid, "explanation", "Checked the payroll.")
    window = make_window(seeded_desk)
    window.show()
    assert window.select_sentence(sid)
    panel = window.panel

    def paste_and_leave(field: QLineEdit | QPlainTextEdit) -> None:
        # The clipboard keeps one mark of two at its start, as Qt hands text on.
        QApplication.clipboard().setText("\ufeff\ufeff\x0c\ufeffSee: ")
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(field, Qt.Key.Key_Tab)  # leaving the field saves it
        assert not panel.has_pending_text()

    paste_and_leave(panel.explanation_edit)
    explanation = seeded_desk.reviews.review(sid).explanation
    assert field_text(panel.explanation_edit) == explanation
    assert explanation == "\x0c\ufeffSee: Checked the payroll."
    paste_and_leave(panel.claimant_edit)
    claimant = seeded_desk.reviews.review(sid).claimant
    assert panel.claimant_edit.text() == claimant == " \ufeffSee: "  # a form feed: a space


def long_article_re_split(
    qtbot: QtBot,
    desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[MainWindow, int]:
    """A window on an article just re-split, long enough for its undo and redo to run in
    a worker (1,000 pairs an older splitter had cut as one, then 400 sentences the
    re-split leaves as they are); and the article."""
    text = "\n".join(f"The council met on day {n} of the session." for n in range(2_400))
    article_id = desk.importer.import_text(text, source_name="long").article_id
    older_cut(desk, article_id, pairs=1_000)
    monkeypatch.setattr(edits, "ask", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    window = make_window(desk)
    window.open_article(article_id)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    assert desk.edits.top("undo") is not None and desk.edits.top("undo").runs_long
    return window, article_id


def worker_runs(monkeypatch: pytest.MonkeyPatch, *, at_once: bool) -> list[threading.Thread]:
    """The worker of the next step runs to its end as the step starts (`at_once`; the
    window hears of it when it next takes its events), or waits, given back, to be started."""
    held: list[threading.Thread] = []

    def run(work: Callable[[], None], name: str) -> threading.Thread:
        thread = threading.Thread(target=work, name=name)
        if at_once:
            thread.start()
            thread.join()
        else:
            held.append(thread)
        return thread

    monkeypatch.setattr(merge, "run_in_background", run)
    return held


def test_text_waiting_while_a_long_re_split_is_undone_is_what_its_sentence_shows_after(
    qtbot: QtBot,
    desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Seed 2423 on Xvfb, step 1664: after a click in the sentence list the panel showed
    an older explanation than the workspace held. A long re-split's undo (or redo) runs in
    a worker, which reads the article's rows after its step for the window to show; text
    the window saved after that read (typed while the disk was full, saved by its retry
    as the undo ran) was shown by the list as it was before, and the next letter typed
    saved the older explanation over the newer one. Such text, on any sentence of the
    article (here one the undo keeps), now stops the undo until it is saved: then its
    sentence shows it, and what is typed next goes on from it."""
    window, article_id = long_article_re_split(qtbot, desk, make_window, monkeypatch)
    typed_in = desk.reviews.sentence_rows(article_id)[-1].sentence.id  # one the undo keeps
    assert window.select_sentence(typed_in)
    full = [True]
    save = desk.reviews.set_text_field

    def save_unless_full(
        sentence_id: int, field_name: str, value: str, typed_over: str | None = None
    ) -> object:
        if full[0]:
            raise WorkspaceFull("The disk is full: the change was NOT saved.")
        return save(sentence_id, field_name, value, typed_over=typed_over)

    monkeypatch.setattr(desk.reviews, "set_text_field", save_unless_full)
    monkeypatch.setattr(edits, "show_error", lambda *args, **kwargs: None)  # said once
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Two sources confirm it.")
    worker_runs(monkeypatch, at_once=True)  # and reads the rows before any retry
    window.registry[ActionId.UNDO].trigger()
    assert not window.merging.running and panel.has_pending_text()
    assert window.statusBar().currentMessage().startswith("Undo not done: text you typed")
    full[0] = False
    panel.flush_pending_text()  # what its retry does, a few seconds on
    assert desk.reviews.review(typed_in).explanation == "Two sources confirm it."
    row = window.sentence_model.sentence_row(window.sentence_model.row_of(typed_in))
    assert row.review.explanation == "Two sources confirm it."  # the list shows it

    assert window.select_sentence(typed_in)
    assert panel.explanation_edit.toPlainText() == "Two sources confirm it."
    panel.explanation_edit.setFocus()
    panel.explanation_edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(panel.explanation_edit, "!")
    panel.flush_pending_text()
    assert desk.reviews.review(typed_in).explanation == "Two sources confirm it.!"


def test_text_typed_while_a_long_re_split_is_undone_is_not_taken(
    qtbot: QtBot,
    desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before the "Undoing…" note of a long re-split's undo shows, the window takes keys,
    and the panel took typing: saved before the worker wrote, the text went with its
    sentence when the undo replaced it, without a word; saved after, it was refused
    ("There is no sentence 2401") and kept unsaved for good. As while a re-split runs,
    the panel takes no typing until the step has ended; then it does again."""
    window, article_id = long_article_re_split(qtbot, desk, make_window, monkeypatch)
    first = desk.reviews.sentence_rows(article_id)[0].sentence.id  # the undo replaces it
    assert window.select_sentence(first)
    held = worker_runs(monkeypatch, at_once=False)
    window.registry[ActionId.UNDO].trigger()
    assert window.merging.running
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Typed meanwhile")
    qtbot.keyClicks(panel.claimant_edit, "Someone")
    assert panel.explanation_edit.toPlainText() == "" and panel.claimant_edit.text() == ""
    assert not panel.has_pending_text()
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        held[0].start()
    assert window.statusBar().currentMessage() == "Undone: Re-split article."
    shown = window.current_sentence_id()
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Typed after")
    panel.flush_pending_text()
    assert shown is not None
    assert desk.reviews.review(shown).explanation == "Typed after"


def test_text_waiting_when_a_long_re_split_is_redone_is_kept_as_the_newest_edit(
    qtbot: QtBot,
    desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl+Z saves typed text still waiting before it undoes; Redo (from the Edit menu,
    the keys going to the text itself) did not, and a long re-split's redo ran with the
    text waiting: saved afterwards onto a sentence the redo had replaced, it was refused
    and kept unsaved for good. It is saved first, as the newest edit: nothing is left to
    redo over it, as after any edit."""
    monkeypatch.setattr(review_panel, "TEXT_SAVE_DELAY_MS", 600_000)  # still typing
    window, article_id = long_article_re_split(qtbot, desk, make_window, monkeypatch)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.UNDO].trigger()
    first = desk.reviews.sentence_rows(article_id)[0].sentence.id  # the redo replaces it
    assert desk.edits.top("redo") is not None and desk.edits.top("redo").runs_long
    assert window.select_sentence(first)
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Checked the minutes.")
    assert panel.has_pending_text()
    held = worker_runs(monkeypatch, at_once=False)
    window.registry[ActionId.REDO].trigger()
    assert held == [] and not window.merging.running
    assert desk.reviews.review(first).explanation == "Checked the minutes."
    assert window.statusBar().currentMessage() == "Nothing to redo."
    assert not panel.has_pending_text()


def test_earlier_verdicts_looked_up_as_a_re_split_ends_do_not_warn_of_a_vanished_sentence(
    qtbot: QtBot,
    desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Seed 2701, step 4842 (and seed 2603 on Xvfb, once): the status bar said "Could not
    look up earlier verdicts: There is no sentence 18 in this workspace." as a re-split
    ended. Its worker had replaced the sentence shown; the pause on it ended (the look-up
    runs 150 ms after the reviewer stops on a sentence) before the window heard that the
    worker was done. The look-up now waits for the worker, then is made for the sentence
    the window shows after the re-split, without a word."""
    judged = desk.importer.import_text(
        "The council met on the budget in March.", source_name="earlier.txt"
    ).article_id
    judged_id = desk.reviews.sentence_rows(judged)[0].sentence.id
    desk.reviews.set_verdict(judged_id, "false")
    text = "\n".join(f"The council met on the budget in March {n}." for n in range(6))
    article_id = desk.importer.import_text(text, source_name="cut.txt").article_id
    older_cut(desk, article_id, pairs=1)  # the re-split cuts its first sentence in two
    window = make_window(desk)
    window.open_article(article_id)
    first = desk.reviews.sentence_rows(article_id)[0].sentence.id
    assert window.select_sentence(first)
    qtbot.waitUntil(lambda: not window.search.earlier_timer.isActive())
    worker_runs(monkeypatch, at_once=True)  # the window hears of it at its next events
    window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    assert window.merging.running
    with pytest.raises(NotFound):
        desk.lookup.earlier_verdicts(first)  # gone already, while the window shows it

    window.search.look_up_earlier_verdicts()  # the pause ends now, before the worker's end
    assert "Could not look up" not in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.merging.running)
    qtbot.waitUntil(lambda: not window.search.earlier_timer.isActive())
    assert "Could not look up" not in window.statusBar().currentMessage()
    shown = window.current_sentence_id()
    assert shown is not None and shown != first
    looked_up = desk.lookup.earlier_verdicts(shown)
    assert looked_up  # the judged sentence resembles it
    earlier = window.panel.earlier
    assert earlier.model.rowCount() == len(looked_up)
    assert earlier.chosen() is not None
    assert earlier.chosen().found.row.sentence.id == looked_up[0].found.row.sentence.id
