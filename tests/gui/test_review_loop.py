"""A whole review of the seed article through the real window, by keyboard, then reopened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Stance, Status, Tag
from factcheck_app.gui.controllers import edits
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import drop_urls, press

Key = Qt.Key


def fill_link_dialog(monkeypatch: pytest.MonkeyPatch, **fields: str) -> list[LinkSourceDialog]:
    """Replace the modal exec() with typing into the dialog's real fields."""
    shown: list[LinkSourceDialog] = []

    def fake_exec(dialog: LinkSourceDialog) -> int:
        shown.append(dialog)
        dialog.url_edit.setText(fields.get("url", ""))
        dialog.title_edit.setText(fields.get("title", ""))
        dialog.publisher_edit.setText(fields.get("publisher", ""))
        dialog.excerpt_edit.setPlainText(fields.get("excerpt", ""))
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData(fields["stance"]))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LinkSourceDialog, "exec", fake_exec)
    return shown


def test_first_sentence_is_current_and_list_has_focus(window: MainWindow) -> None:
    assert window.current_sentence_id() == window.sentence_model.sentence_row(0).sentence.id
    assert QApplication.focusWidget() is window.sentence_view
    assert "Reviewed 0 of 12" in window.progress_label.text()
    assert "Ankara, Baku’s main backer" in window.windowTitle()


def test_full_review_by_keyboard_survives_reopening(
    qtbot: QtBot,
    window: MainWindow,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk = window.desk
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]

    # Sentence 1: a claim, judged False (5).
    press(qtbot, window, "c", "5")
    # Move down twice (J and Down) to sentence 3, back up with K: sentence 2 is a fact, True (1).
    press(qtbot, window, "j", Key.Key_Down, "k", "f", "1")
    assert window.current_sentence_id() == ids[1]
    # Jump with N to the next sentence not done (3), tag it denial, Mixed (3).
    press(qtbot, window, "n", "d", "3")
    assert window.current_sentence_id() == ids[2]
    # Link a source to it with Ctrl+L.
    fill_link_dialog(
        monkeypatch,
        url="https://www.mfa.gov.tr/statement",
        title="Statement on Ganja",
        publisher="Turkish MFA",
        excerpt="a new manifestation",
        stance="supports",
    )
    qtbot.keyClick(window.sentence_view, Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.sources_model.rowCount() == 1
    # Clear sentence 4: nothing to check.
    press(qtbot, window, "j", "x")

    assert [desk.reviews.review(i).tag for i in ids[:4]] == [Tag.CLAIM, Tag.FACT, Tag.DENIAL, None]
    assert "Reviewed 4 of 12" in window.progress_label.text()
    assert window.sentence_model.data(window.sentence_model.index(0, 2)) == "False"

    # Undo twice (the clear, then the link), redo once (the link comes back).
    undo = window.registry.actions
    from factcheck_app.gui.actions import ActionId

    undo[ActionId.UNDO].trigger()
    assert desk.reviews.review(ids[3]).status is Status.UNREVIEWED
    undo[ActionId.UNDO].trigger()
    assert desk.sources.links(ids[2]) == []
    undo[ActionId.REDO].trigger()
    assert len(desk.sources.links(ids[2])) == 1
    # Standard key for undo works from the list too.
    qtbot.keyClick(window.sentence_view, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert desk.sources.links(ids[2]) == []
    qtbot.keyClick(
        window.sentence_view,
        Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(desk.sources.links(ids[2])) == 1

    # Type a claimant in the panel: letters land in the field, not as shortcuts.
    window.select_sentence(ids[0])
    window.panel.claimant_edit.setFocus()
    qtbot.keyClicks(window.panel.claimant_edit, "Foreign Ministry in Ankara")
    window.panel.explanation_edit.setFocus()  # leaving the field saves it at once
    qtbot.keyClicks(window.panel.explanation_edit, "Civilians died; 5 fell.")
    qtbot.keyClick(window.panel.explanation_edit, Key.Key_Tab)
    assert desk.reviews.review(ids[0]).claimant == "Foreign Ministry in Ankara"
    assert desk.reviews.review(ids[0]).explanation == "Civilians died; 5 fell."
    assert (
        desk.reviews.review(ids[0]).tag is Tag.CLAIM
        and desk.reviews.review(ids[0]).verdict == "false"
    )

    # Close the window and open the workspace anew in a new window.
    path = desk.path
    window.close()
    desk.close()
    reopened = Desk.open(path)
    again = make_window(reopened)
    assert "Reviewed 3 of 12" in again.progress_label.text()
    review = reopened.reviews.review(ids[0])
    assert (review.tag, review.verdict, review.claimant) == (
        Tag.CLAIM,
        "false",
        "Foreign Ministry in Ankara",
    )
    assert reopened.reviews.review(ids[1]).verdict == "true"
    [link] = reopened.sources.links(ids[2])
    assert (link.source.title, link.stance, link.excerpt) == (
        "Statement on Ganja",
        Stance.SUPPORTS,
        "a new manifestation",
    )
    # The window reopens where the reviewer stopped: the first sentence, typed into last.
    assert again.current_sentence_id() == ids[0]
    assert again.panel.claimant_edit.text() == "Foreign Ministry in Ankara"
    again.select_sentence(ids[3])
    again.open_article(1)  # choosing the article again: its first sentence not yet done
    assert again.current_sentence_id() == ids[3]
    reopened.close()


def test_invalid_source_url_is_refused_in_the_dialog(window: MainWindow, qtbot: QtBot) -> None:
    dialog = LinkSourceDialog([], window)
    qtbot.add_widget(dialog)
    dialog.url_edit.setText("javascript:alert(1)")
    dialog.accept()
    assert dialog.result() == 0
    assert "Only http:// and https://" in dialog.error_label.text()


def test_filters_show_only_the_chosen_sentences(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "c", "j", "d", "j", "j", "c")
    window.filter_box.setCurrentIndex(3)  # Claims
    window.navigation.apply_filter(3)
    assert window.sentence_filter.rowCount() == 2
    window.filter_box.setCurrentIndex(1)
    window.navigation.apply_filter(1)  # Tagged only
    assert window.sentence_filter.rowCount() == 3


def test_merge_with_ctrl_m_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    for key in (Key.Key_C, Key.Key_J, Key.Key_D, Key.Key_K):  # two reviewed sentences
        qtbot.keyClick(window.sentence_view, key)
    qtbot.keyClick(window.sentence_view, Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.sentence_model.rowCount() == 11
    assert window.statusBar().currentMessage().startswith("Merged")
    qtbot.keyClick(window.sentence_view, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.sentence_model.rowCount() == 12
    # "Merged…" no longer stands: the status bar says what Ctrl+Z took back
    assert window.statusBar().currentMessage() == "Undone: Merge sentences."


def test_drop_a_file_imports_and_opens_it(window: MainWindow, tmp_path: Path, qtbot: QtBot) -> None:
    article = tmp_path / "dropped.txt"
    article.write_text("Officials said 40 people were hurt. Police denied it.", encoding="utf-8")
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        drop_urls(window, [QUrl.fromLocalFile(str(article))])
    assert window.article_model.rowCount() == 2
    assert window.sentence_model.rowCount() == 2
    assert window.article_view.toPlainText().startswith("Officials said 40")


def test_bad_file_is_reported_and_nothing_imported(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.import_files([binary])
    assert window.article_model.rowCount() == 1
    assert messages and "photo.txt" in messages[0]


def test_article_text_is_shown_as_plain_text(
    make_window: Callable[[Desk], MainWindow], desk: Desk
) -> None:
    desk.importer.import_text("<b>Bold</b> claim <img src=file:///etc/passwd> here. Second one.")
    window = make_window(desk)
    assert window.article_view.toPlainText().startswith("<b>Bold</b> claim <img")
    assert window.panel.heading.text().startswith("<b>Bold</b>")


def test_window_layout_is_remembered(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    first = make_window(seeded_desk)
    # Inside the screen (the offscreen one is 800 px wide): a restored window is fitted
    # to the screen, and its panes with it.
    screen = first.screen().availableGeometry()
    first.resize(screen.width() * 9 // 10, screen.height() * 9 // 10)
    total = sum(first.main_splitter.sizes())
    panel = first.panel_scroll.minimumWidth()  # the review panel needs its width
    first.main_splitter.setSizes([150, total - 150 - panel, panel])
    first.main_splitter.moveSplitter(140, 1)  # dragged: kept (never dragged: shared anew)
    sizes = first.main_splitter.sizes()
    assert sizes[0] == 140
    first.close()  # closing the window closes its workspace too
    second = make_window(Desk.open(seeded_desk.path))
    assert second.main_splitter.sizes() == sizes


def test_clicking_a_word_makes_its_sentence_current(qtbot: QtBot, window: MainWindow) -> None:
    view = window.article_view
    text = view.toPlainText()
    offset = text.index("Yerevan has dismissed")
    cursor = view.textCursor()
    cursor.setPosition(offset + 3)
    view.setTextCursor(cursor)
    point: QPoint = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.current_row().sentence.text.startswith("Yerevan has dismissed")


def test_split_at_the_caret_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    window.select_sentence(window.sentence_model.sentence_row(4).sentence.id)
    qtbot.keyClick(window.sentence_view, Key.Key_F6)
    assert QApplication.focusWidget() is window.article_view
    for _ in range(11):  # word by word to "Earlier, Baku said … killed and 32 |wounded"
        qtbot.keyClick(window.article_view, Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.article_view, Key.Key_M, shift_ctrl)
    assert window.sentence_model.rowCount() == 13
    texts = [window.sentence_model.sentence_row(i).sentence.text for i in (4, 5)]
    assert texts[0] == "Earlier, Baku said one civilian had been killed and 32"
    assert texts[1].startswith("wounded in the city")
    window.edits.undo()
    assert window.sentence_model.rowCount() == 12


def test_split_of_a_reviewed_sentence_asks_where_the_review_goes(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck_app.gui.dialogs.split import SplitSentenceDialog

    sid = window.sentence_model.sentence_row(4).sentence.id
    window.select_sentence(sid)
    press(qtbot, window, "c", "6")
    asked: list[str] = []

    def choose_second(dialog: SplitSentenceDialog) -> int:
        asked.append(dialog.windowTitle())
        dialog.review_second.setChecked(True)
        return 1

    monkeypatch.setattr(SplitSentenceDialog, "exec", choose_second)
    text = window.article_view.toPlainText()
    cursor = window.article_view.textCursor()
    cursor.setPosition(text.index("accusing Armenia"))
    window.article_view.setTextCursor(cursor)
    window.edits.split_at_cursor()
    assert asked == ["Split Sentence"]
    head, tail = (window.sentence_model.sentence_row(i) for i in (4, 5))
    assert head.review.tag is None and tail.review.tag is Tag.CLAIM
    assert tail.sentence.id == sid and tail.review.verdict == "unverifiable"


def test_resplit_warns_on_reviewed_article_and_can_be_cancelled(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.keyClick(window.sentence_view, Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, "f")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    warned: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        warned.append(str(args[2]))
        return answers.pop(0)

    monkeypatch.setattr(edits, "ask", answer)
    with qtbot.waitSignal(window.merging.finished):  # in a worker, as every re-split
        window.edits.resplit_article()
    assert window.sentence_model.rowCount() == 11
    with qtbot.waitSignal(window.merging.finished):
        window.edits.resplit_article()
    assert "1 sentence of this article already has reviews" in warned[0]
    assert window.sentence_model.rowCount() == 12
    assert window.sentence_model.sentence_row(0).review.tag is Tag.FACT


def test_ctrl_y_redoes_as_the_readme_says(qtbot: QtBot, window: MainWindow) -> None:
    sid = window.current_sentence_id()
    assert sid is not None
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_C)
    assert window.desk.reviews.review(sid).tag is Tag.CLAIM
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.desk.reviews.review(sid).tag is None
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.desk.reviews.review(sid).tag is Tag.CLAIM


def test_redo_answers_ctrl_y_on_every_platform(window: MainWindow) -> None:
    """Qt's standard Redo key is Ctrl+Shift+Z only on Linux desktops and macOS."""
    from PySide6.QtGui import QKeySequence

    from factcheck_app.gui.actions import SPECS, ActionId

    assert "Ctrl+Y" in SPECS[ActionId.REDO].keys
    shortcuts = window.registry[ActionId.REDO].shortcuts()
    assert QKeySequence("Ctrl+Y") in shortcuts
    assert QKeySequence("Ctrl+Shift+Z") in shortcuts


def test_home_and_end_go_to_the_first_and_last_sentence(qtbot: QtBot, window: MainWindow) -> None:
    rows = window.sentence_model.rows()
    window.select_sentence(rows[5].sentence.id)
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_End)
    assert window.current_sentence_id() == rows[-1].sentence.id
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Home)
    assert window.current_sentence_id() == rows[0].sentence.id


def test_ctrl_c_on_the_sentence_list_copies_the_sentence(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+C on the list copied the row's number ("4"), the cell Qt had as current,
    not the sentence a reviewer wanted to paste into a search or a note."""
    row = window.sentence_model.sentence_row(3)
    window.select_sentence(row.sentence.id)
    window.sentence_view.setFocus()
    QApplication.clipboard().setText("before")
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == row.sentence.text
    # Whichever cell was clicked last: the "#" column too.
    window.sentence_view.setCurrentIndex(window.sentence_filter.index(1, 0))
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == window.sentence_model.sentence_row(1).sentence.text


def checked_tag_buttons(window: MainWindow) -> list[str]:
    return [b.text() for b in window.panel.tag_group.buttons() if b.isChecked()]


def test_an_unreviewed_sentence_shows_no_tag_chosen(qtbot: QtBot, window: MainWindow) -> None:
    """ "None" means "nothing to check" (X): lit on every sentence nobody has looked at,
    it read as a decision already taken. Only a decision lights a button."""
    assert window.sentence_model.sentence_row(0).review.status is Status.UNREVIEWED
    assert checked_tag_buttons(window) == []
    press(qtbot, window, "x")
    assert checked_tag_buttons(window) == ["Nothing to check"]
    press(qtbot, window, "c")
    assert checked_tag_buttons(window) == ["Claim"]
    press(qtbot, window, Qt.Key.Key_Down)
    assert checked_tag_buttons(window) == []
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Up)
    assert checked_tag_buttons(window) == ["Claim"]


def test_untagged_and_nothing_to_check_are_named_alike_in_panel_and_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    """X is "Nothing to check" in the toolbar, the menu and Ctrl+Z, but the panel's
    button it lights read "None", which a newcomer took for "not tagged yet"; the
    list said nothing of either (a screen reader heard "Sentence 3: Done."). The panel
    lights "Nothing to check"; the list's Tag cell names both, apart."""
    from factcheck_app.gui.actions import SPECS, ActionId
    from factcheck_app.gui.models import ACCESSIBLE_TEXT, TOOLTIP, SentenceColumn

    model = window.sentence_model
    untagged, marked, judged = (model.sentence_row(n).sentence.id for n in (0, 1, 2))
    window.desk.reviews.set_tag(marked, None)
    window.desk.reviews.set_verdict(judged, "false")  # untagged, done: a check, not X
    window.reload_articles()
    window.open_article(1)
    x_words = SPECS[ActionId.TAG_CLEAR].short
    assert x_words.startswith("Nothing to check")

    def said(sentence_id: int) -> tuple[list[str], str, str]:
        window.select_sentence(sentence_id)
        cell = model.index(model.row_of(sentence_id), SentenceColumn.TAG)
        first = model.index(model.row_of(sentence_id), SentenceColumn.NUMBER)
        return (
            checked_tag_buttons(window),
            model.data(cell, TOOLTIP),
            model.data(first, ACCESSIBLE_TEXT),
        )

    buttons, tip, spoken = said(marked)
    assert buttons == ["Nothing to check"] and tip == "Nothing to check", (buttons, tip)
    assert spoken.startswith("Sentence 2: Nothing to check, Done."), spoken
    for sentence_id, number in ((untagged, 1), (judged, 3)):
        buttons, tip, spoken = said(sentence_id)
        assert buttons == [] and tip == "Untagged", (buttons, tip)
        assert spoken.startswith(f"Sentence {number}: Untagged"), spoken


def test_ctrl_s_saves_typed_text_at_once_and_says_everything_is_saved(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Writers press Ctrl+S by reflex: it did nothing, and the text just typed waited for
    the pause that saves it. It is saved at once, and the status bar says so."""
    sentence = window.current_sentence_id()
    assert sentence is not None
    edit = window.panel.explanation_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Figures from the council.")
    assert window.desk.reviews.review(sentence).explanation == ""  # not yet: typing
    qtbot.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.desk.reviews.review(sentence).explanation == "Figures from the council."
    assert "saved" in window.statusBar().currentMessage().lower()
    assert QApplication.focusWidget() is edit  # still typing where you were


def test_resplit_that_would_change_nothing_says_so_before_warning(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walked at 1024×640: on a reviewed article Re-split asked "Re-split anyway?" over
    a warning about moving reviews, and after Yes said it would not change any sentence.
    The answer comes first now, and nothing is asked. Nothing went wrong and nothing
    changed: it is a status-bar line, not a warning box that waits for a click."""
    press(qtbot, window, "f")
    asked: list[str] = []
    monkeypatch.setattr(edits, "ask", lambda *args, **kwargs: asked.append(str(args[2])))
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    with qtbot.waitSignal(window.merging.finished):  # its check runs in a worker
        window.edits.resplit_article()
    assert asked == []
    assert said == []  # no box to click away
    assert window.statusBar().currentMessage() == (
        "Re-splitting would not change any sentence of this article."
    )
    assert window.sentence_model.sentence_row(0).review.tag is Tag.FACT


def test_text_typed_just_before_ctrl_y_is_saved_where_it_was_typed(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Ctrl+Z saves the text typed in the last moment first; Ctrl+Y did not. After
    undoing a re-split, an explanation typed less than half a second before Ctrl+Y was
    saved after the redo, onto a sentence the redo had deleted: "There is no sentence 1
    in this workspace", and the text lost. Saved first, it is an edit of its own: there
    is nothing to redo after it, as in any editor."""
    from factcheck_app.gui.actions import ActionId

    qtbot.keyClick(window.sentence_view, Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.RESPLIT_ARTICLE].trigger()
    # What Ctrl+Z does (offscreen, a window whose re-split note showed may not be active
    # again yet, and would not hear the key).
    window.registry[ActionId.UNDO].trigger()
    sentence = window.current_sentence_id()
    assert sentence is not None and window.desk.edits.redo_text() == "Re-split article"
    window.panel.explanation_edit.setFocus()
    qtbot.keyClicks(window.panel.explanation_edit, "Typed before Ctrl+Y")
    window.registry[ActionId.REDO].trigger()  # what Ctrl+Y does
    window.panel.flush_pending_text()
    assert window.desk.reviews.review(sentence).explanation == "Typed before Ctrl+Y"
    assert window.statusBar().currentMessage() == "Nothing to redo."


def test_nothing_to_check_on_a_sentence_with_a_verdict_does_not_stay_lit(
    qtbot: QtBot, window: MainWindow
) -> None:
    """An untagged sentence given a verdict is a check ("#3 Untagged: False" in the
    reports), and clearing its tag changes nothing: the "Nothing to check" button she
    clicked stayed lit all the same, saying the sentence was marked so until she moved
    away and back. The buttons light what the sentence has after the click."""
    model = window.sentence_model
    judged = model.sentence_row(2).sentence.id
    window.desk.reviews.set_verdict(judged, "false")
    window.reload_articles()
    window.open_article(1)
    window.select_sentence(judged)
    assert checked_tag_buttons(window) == []
    by_text = {button.text(): button for button in window.panel.tag_group.buttons()}
    by_text["Nothing to check"].click()
    review = window.desk.reviews.review(judged)
    assert (review.tag, review.verdict) == (None, "false")  # still a check
    assert checked_tag_buttons(window) == []
    by_text["Claim"].click()  # a click that saves still lights its button
    assert checked_tag_buttons(window) == ["Claim"]
