"""What got in a newcomer's way on a first working day at 1024×640, keyboard only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import ArticleMetadata, Status, Tag
from factcheck_app.gui.dialogs.article_properties import ArticlePropertiesDialog
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.dialogs.reviewer_name import ReviewerNameDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services import identity
from factcheck_app.services.desk import Desk
from tests.gui.conftest import press

Key = Qt.Key
URL = "https://www.stat.gov.az/source/demoqraphy"


def test_linking_a_url_the_sentence_has_already_is_refused_in_the_dialog(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second Ctrl+L with the same URL: refused with the reason in the dialog, which
    stays open with the title and excerpt typed (they were lost with the dialog, the
    refusal coming in a message box after it had closed)."""
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    shown: list[LinkSourceDialog] = []

    def type_and_press_ok(dialog: LinkSourceDialog) -> int:
        shown.append(dialog)
        dialog.url_edit.setText(URL)
        dialog.title_edit.setText("Population by city")
        dialog.excerpt_edit.setPlainText(f"Ganja: 335,600 inhabitants ({len(shown)}).")
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData("refutes"))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LinkSourceDialog, "exec", type_and_press_ok)
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    qtbot.keyClick(window.sentence_view, Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert len(window.desk.sources.links(sentence_id)) == 1

    qtbot.keyClick(window.sentence_view, Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    second = shown[-1]
    assert "already linked to this sentence" in second.error_label.text()
    assert second.excerpt_edit.toPlainText() == "Ganja: 335,600 inhabitants (2)."
    assert boxes == []
    assert len(window.desk.sources.links(sentence_id)) == 1


def test_opening_the_denies_list_keeps_a_claim_not_tagged_claim(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A accepted a denial's suggestion, which pointed it at a sentence nobody had tagged
    Claim. Opening the Denies list left that sentence out: the box said "no claim chosen"
    while the denial still answered it, and Enter there would have dropped it."""
    desk = window.desk
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    desk.reviews.accept_suggestion(ids[5], Tag.DENIAL, "Yerevan", ids[4])
    window.select_sentence(ids[5])
    box = window.panel.denies_box
    assert box.currentData() == ids[4]
    box.showPopup()
    assert box.currentData() == ids[4] and box.currentText().startswith("#5 Earlier")
    box.hidePopup()
    assert box.currentText().startswith("#5 Earlier")
    box.activated.emit(box.currentIndex())  # Enter on it: still that claim
    assert desk.reviews.review(ids[5]).denies_sentence_id == ids[4]


def test_open_article_starts_where_the_last_article_came_from(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Ctrl+O opened in the desk's working directory (its source checkout; "/" from a
    launcher), and again there after an article had come from ~/Downloads."""
    inbox = tmp_path / "Downloads"
    inbox.mkdir()
    story = inbox / "wire.txt"
    story.write_text("Tariffs rise 18%, the utility said. The minister denied it.\n")
    working = tmp_path / "checkout"
    working.mkdir()
    monkeypatch.chdir(working)
    offered: list[str] = []

    def choose(_parent: object, _title: str, folder: str, _filter: str) -> tuple[list[str], str]:
        offered.append(folder)
        return [str(story)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    before = window.article_model.rowCount()
    window.imports.open_article_dialog()
    qtbot.waitUntil(lambda: window.article_model.rowCount() == before + 1)
    assert offered[0] and Path(offered[0]).is_dir() and Path(offered[0]) != working
    window.imports.open_article_dialog()  # the same text again: opens the copy there
    qtbot.waitUntil(lambda: not window.imports.running())
    assert Path(offered[1]) == inbox


def test_ctrl_enter_in_the_excerpt_links_the_source(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The excerpt is the last field: Enter there starts a new line (an excerpt may have
    several), and Ctrl+Enter did nothing, so the keyboard had to Tab on to OK."""
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None

    def type_then_ctrl_enter(dialog: LinkSourceDialog) -> int:
        dialog.show()
        dialog.activateWindow()  # as exec() makes it: the window's own keys stay out
        qtbot.waitActive(dialog)
        dialog.url_edit.setText(URL)
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData("refutes"))
        dialog.excerpt_edit.setFocus()
        qtbot.keyClicks(dialog.excerpt_edit, "Ganja: 335,600 inhabitants")
        qtbot.keyClick(dialog.excerpt_edit, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        result = int(dialog.result())
        dialog.hide()
        return result

    monkeypatch.setattr(LinkSourceDialog, "exec", type_then_ctrl_enter)
    window.edits.link_source()
    [link] = window.desk.sources.links(sentence_id)
    assert link.excerpt == "Ganja: 335,600 inhabitants"


def test_ctrl_enter_on_the_focused_cancel_button_links_the_source_too(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every field filled by Tab, one Tab too many lands on Cancel: Ctrl+Enter, OK "from
    any field", pressed Cancel there (Qt's button takes Enter with any modifier) and asked
    "Close without keeping what you typed or chose here?" instead of linking."""
    asked: list[str] = []
    monkeypatch.setattr(
        "factcheck_app.gui.dialogs.form_parts.ask",
        lambda *args, **kwargs: asked.append(str(args[2])) or QMessageBox.StandardButton.Cancel,
    )
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None

    def fill_tab_to_cancel_then_ctrl_enter(dialog: LinkSourceDialog) -> int:
        dialog.show()
        dialog.activateWindow()  # as exec() makes it: the window's own keys stay out
        qtbot.waitActive(dialog)
        dialog.url_edit.setText(URL)
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData("refutes"))
        dialog.excerpt_edit.setPlainText("Ganja: 335,600 inhabitants")
        cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setFocus()  # the key goes to it, as to the button that has the focus
        qtbot.keyClick(cancel, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        result = int(dialog.result())
        dialog.hide()
        return result

    monkeypatch.setattr(LinkSourceDialog, "exec", fill_tab_to_cancel_then_ctrl_enter)
    window.edits.link_source()
    assert asked == []
    [link] = window.desk.sources.links(sentence_id)
    assert link.excerpt == "Ganja: 335,600 inhabitants"


def test_a_pasted_url_with_a_space_and_a_line_break_is_linked_as_a_browser_reads_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copied from a PDF: the address wraps onto a second line and the file's name has a
    space. It was refused ("cannot contain spaces"), and the reporter had to retype it."""
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    QApplication.clipboard().setText("https://www.stat.gov.az/files/\nPopulation 2020.pdf")

    def paste_and_press_ok(dialog: LinkSourceDialog) -> int:
        dialog.url_edit.paste()
        dialog.stance_box.setCurrentIndex(dialog.stance_box.findData("refutes"))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LinkSourceDialog, "exec", paste_and_press_ok)
    window.edits.link_source()
    [link] = window.desk.sources.links(sentence_id)
    assert link.source.url == "https://www.stat.gov.az/files/Population%202020.pdf"


def test_a_claim_after_nothing_to_check_is_not_done_yet(qtbot: QtBot, window: MainWindow) -> None:
    """X by mistake, then C: the claim stayed "Done" with no verdict, so N passed over it
    and "Reviewed 1 of 12" counted it checked."""
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    press(qtbot, window, "x")
    assert window.desk.reviews.review(sentence_id).status is Status.DONE
    press(qtbot, window, "c")
    review = window.desk.reviews.review(sentence_id)
    assert (review.tag, review.status) == (Tag.CLAIM, Status.IN_PROGRESS)
    assert "Reviewed 0 of 12" in window.progress_label.text()
    press(qtbot, window, Key.Key_End, "n")  # N, round from the last sentence, finds it
    assert window.current_sentence_id() == sentence_id


def test_esc_from_the_history_brings_the_panel_back_to_its_top(
    qtbot: QtBot, window: MainWindow
) -> None:
    """At 1024×640, Ctrl+Shift+H scrolls the panel down to the history; after Esc the next
    sentences showed only their sources and history, tag and verdict out of sight."""
    window.resize(1024, 640)
    QApplication.processEvents()
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.sentence_view, Key.Key_H, chord)
    QApplication.processEvents()
    bar = window.panel_scroll.verticalScrollBar()
    assert bar.value() > 0  # scrolled down to the history
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_Escape)
    assert QApplication.focusWidget() is window.sentence_view
    press(qtbot, window, "j")
    QApplication.processEvents()
    assert bar.value() == 0
    tag_button = window.panel.tag_group.buttons()[0]
    viewport = window.panel_scroll.viewport()
    top = tag_button.mapTo(viewport, tag_button.rect().topLeft()).y()
    assert 0 <= top < viewport.height()


def test_a_returned_verdict_says_the_editors_note_on_arriving(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The note an editor returns a verdict with sits at the panel's foot, under the
    sources and earlier verdicts: at 1024×640 the checker moving onto the sentence saw
    "Returned" in the list and nothing of why."""
    window.resize(1024, 640)
    ids = [r.sentence.id for r in window.desk.reviews.sentence_rows(1)]
    window.desk.edits.actor = "Mariam Petrosyan"
    window.select_sentence(ids[4])
    press(qtbot, window, "c", "2")
    window.desk.edits.actor = "Kim Editor"
    window.desk.sign_offs.send_back(ids[4], "Which budget line? Add the source.")
    window.statusBar().clearMessage()
    press(qtbot, window, "j", "k")
    message = window.statusBar().currentMessage()
    assert "Returned by Kim Editor" in message
    assert "Which budget line? Add the source." in message
    assert "Ctrl+Shift+H" in message
    press(qtbot, window, "j")  # a sentence nobody returned: nothing said of it
    assert "Returned" not in window.statusBar().currentMessage()


def test_esc_at_the_first_name_question_says_whose_name_edits_carry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """Esc at the first start's "Who are you?" kept the account's name without a word."""
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("FACTCHECK_REVIEWER", raising=False)
    monkeypatch.setattr(identity, "os_full_name", lambda: "Account Name")
    monkeypatch.setattr(ReviewerNameDialog, "exec", lambda dialog: dialog.reject() or 0)
    window.statusBar().clearMessage()
    window.team.ask_reviewer_once()
    message = window.statusBar().currentMessage()
    assert "Edits are recorded as Account Name (AN)" in message
    assert "Preferences" in message


def test_article_properties_shows_a_long_title_from_its_start(qtbot: QtBot) -> None:
    """Ctrl+I showed the end of a long title ("ariffs to rise 18% next year, …"): the
    caret sat at its end. It shows from its start, and is not chosen whole any more
    (a newcomer typing the outlet over it replaced it: test_newcomer_keyboard_only.py)."""
    title = (
        "Regional water tariffs to rise 18% next year, utility says; minister denies cuts "
        "to subsidy"
    )
    dialog = ArticlePropertiesDialog(ArticleMetadata(title=title, language="en"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    edit = dialog.title_edit
    assert edit.cursorPosition() == 0 and not edit.hasSelectedText()


def test_enter_in_the_claimant_field_goes_back_to_the_sentences(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Enter after typing a claimant did nothing: the J pressed next to move on was typed
    into the claimant, saved as "EastAquaj"."""
    first = window.current_sentence_id()
    assert first is not None
    qtbot.keyClick(window.sentence_view, Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is window.panel.claimant_edit
    qtbot.keyClicks(window.panel.claimant_edit, "EastAqua")
    qtbot.keyClick(window.panel.claimant_edit, Key.Key_Return)
    assert QApplication.focusWidget() is window.sentence_view
    press(qtbot, window, "j")
    assert window.desk.reviews.review(first).claimant == "EastAqua"
    assert window.current_sentence_id() != first


def test_a_letter_typed_into_the_status_box_changes_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Alt+T to look at the status, then N (next unreviewed) by habit: the sentence was
    saved as "Needs second look" without a word; D made it "Done"."""
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    qtbot.keyClick(window.sentence_view, Key.Key_T, Qt.KeyboardModifier.AltModifier)
    box = window.panel.status_box
    assert QApplication.focusWidget() is box
    for key in (Key.Key_N, Key.Key_D):
        qtbot.keyClick(box, key)
    assert window.desk.reviews.review(sentence_id).status is Status.UNREVIEWED
    assert box.currentText() == Status.UNREVIEWED.label
    assert "↑/↓" in window.statusBar().currentMessage()


def test_a_letter_typed_into_the_verdict_box_says_the_verdict_keys(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Alt+V to the Verdict box, then F for "False" (as a combo box finds an item by its
    first letter): nothing happened and nothing was said. The digits choose, as in the
    sentence list; a letter is told what to press."""
    sentence_id = window.current_sentence_id()
    assert sentence_id is not None
    qtbot.keyClick(window.sentence_view, Key.Key_V, Qt.KeyboardModifier.AltModifier)
    box = window.panel.verdict_box
    assert QApplication.focusWidget() is box
    qtbot.keyClick(box, Key.Key_F)
    assert window.desk.reviews.review(sentence_id).verdict is None
    message = window.statusBar().currentMessage()
    assert "1–6" in message and "Esc" in message
    qtbot.keyClick(box, Key.Key_5)
    assert window.desk.reviews.review(sentence_id).verdict == "false"
    qtbot.keyClick(box, Key.Key_2)  # at once after: its own key, not "52"
    assert window.desk.reviews.review(sentence_id).verdict == "mostly_true"
    assert box.currentIndex() == 2
    qtbot.keyClick(box, Key.Key_Escape)
    assert QApplication.focusWidget() is window.sentence_view


def test_a_letter_typed_into_the_article_list_opens_no_other_article(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """In the article list (Ctrl+Shift+A), a review key pressed there by habit opened the
    article whose title starts with that letter (M: "Mayor's office…"), without a word."""
    second = seeded_desk.importer.import_text(
        "Mayor's office says the bus fleet is electric. Depot records say otherwise."
    ).article_id
    window = make_window(seeded_desk)
    opened = window.article_id
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.sentence_view, Key.Key_A, chord)
    assert QApplication.focusWidget() is window.article_list
    qtbot.keyClick(window.article_list, Key.Key_M)
    assert window.article_id == opened != second
    assert "↑/↓" in window.statusBar().currentMessage()
    qtbot.keyClick(window.article_list, Key.Key_Down)  # the arrows still choose
    assert window.article_id == second


def test_the_arrows_in_the_article_list_go_from_article_to_article(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Ctrl+Shift+A, then ↓ ↓: the first ↓ opened the next article and took the keys to
    its sentence list, so the second moved a sentence instead of opening the article
    after it. The list keeps the arrows now; Enter goes on to the sentences."""
    for text in (
        "The mayor said crime fell by 20 percent. The police denied it.",
        "The ministry said exports rose in May. Traders said they fell.",
    ):
        seeded_desk.importer.import_text(text)
    window = make_window(seeded_desk)
    model = window.article_model
    assert model.rowCount() == 3
    window.open_article(model.article_at(0).id)
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.sentence_view, Key.Key_A, chord)
    for row in (1, 2):
        assert QApplication.focusWidget() is window.article_list
        qtbot.keyClick(QApplication.focusWidget(), Key.Key_Down)
        assert window.article_id == model.article_at(row).id
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_Up)  # and back up
    assert window.article_id == model.article_at(1).id
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_Return)
    assert QApplication.focusWidget() is window.sentence_view
    assert window.article_id == model.article_at(1).id
    # A click on an article opens it for review, the sentence list focused, as ever.
    place = window.article_list.visualRect(window.article_list.model().index(0, 0)).center()
    qtbot.mouseClick(window.article_list.viewport(), Qt.MouseButton.LeftButton, pos=place)
    assert window.article_id == model.article_at(0).id
    assert QApplication.focusWidget() is window.sentence_view


def test_enter_in_the_show_box_goes_on_to_the_sentences(qtbot: QtBot, window: MainWindow) -> None:
    """Alt+S, ↓ to "Tagged only" (the list follows as the box moves), then Enter as in
    the article list: nothing happened, and the next ↓, meant for the sentences, changed
    the Show box again. Enter goes on to the sentences it lists."""
    box = window.filter_box
    qtbot.keyClick(window.sentence_view, Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is box
    qtbot.keyClick(box, Key.Key_Down)
    chosen = box.currentIndex()
    assert chosen != 0
    qtbot.keyClick(box, Key.Key_Return)
    assert QApplication.focusWidget() is window.sentence_view
    assert box.currentIndex() == chosen  # the choice stays
    qtbot.keyClick(window.sentence_view, Key.Key_Down)
    assert box.currentIndex() == chosen


def test_ctrl_o_starts_where_a_dropped_or_named_article_came_from(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`factcheck-app ~/Downloads/wire.txt`, or the file dropped on the window: the next
    Ctrl+O for the next story from there opened in the home folder (only an article
    chosen in the Open Article dialog counted as "the folder the last article came
    from")."""
    inbox = tmp_path / "Downloads"
    inbox.mkdir()
    story = inbox / "wire.txt"
    story.write_text("Tariffs rise 18%, the utility said. The minister denied it.\n")
    offered: list[str] = []

    def choose(_parent: object, _title: str, folder: str, _filter: str) -> tuple[list[str], str]:
        offered.append(folder)
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    window.import_files([story])  # as the command line and a drop hand it over
    qtbot.waitUntil(lambda: not window.imports.running())
    window.imports.open_article_dialog()
    assert [Path(folder) for folder in offered] == [inbox]


def test_a_name_that_cannot_be_kept_says_so_and_how_to_be_asked_no_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    """On a locked-down desktop whose data folder cannot be written, the name typed at the
    first question could not be kept: the warning was replaced at once by "Edits are
    recorded as …", and the question came back at every start without a word why."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(blocker / "data"))  # even root cannot write
    monkeypatch.delenv("FACTCHECK_REVIEWER", raising=False)

    def typed(dialog: ReviewerNameDialog) -> int:
        dialog.name_edit.setText("Ana Ruiz")
        dialog.initials_edit.setText("AR")
        dialog.accept()
        return 1

    monkeypatch.setattr(ReviewerNameDialog, "exec", typed)
    window.statusBar().clearMessage()
    window.team.ask_reviewer_once()
    message = window.statusBar().currentMessage()
    assert "Edits are recorded as Ana Ruiz (AR)" in message
    assert "could not be kept for the next start" in message
    assert "FACTCHECK_REVIEWER" in message
    assert window.desk.reviewer == "Ana Ruiz"
