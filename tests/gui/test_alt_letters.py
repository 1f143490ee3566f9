"""Alt with a letter that is no key: on X11 the key still carries its letter, and a text
field typed it. A reviewer reaching for a menu or a button by its underlined letter
(Alt+Q, Alt+L for "Link source…", Alt+Z for undo) put a stray "q", "l" or "z" into the
explanation she was writing, saved with it, and never told."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.dialogs.export import ExportDialog
from factcheck_app.gui.dialogs.help import ShortcutsDialog
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.dialogs.reviewer_name import ReviewerNameDialog
from factcheck_app.gui.dialogs.split import SplitSentenceDialog
from factcheck_app.gui.main_window import MainWindow

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


def _text(field: QLineEdit | QPlainTextEdit) -> str:
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


@pytest.fixture
def shown(qtbot: QtBot, window: MainWindow) -> MainWindow:
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("field_name", ["explanation", "claimant", "find", "find article"])
def test_alt_with_a_letter_that_is_no_key_types_nothing_into_a_field(
    qtbot: QtBot, shown: MainWindow, field_name: str
) -> None:
    window = shown
    sentence = window.current_sentence_id()
    assert sentence is not None
    fields: dict[str, Callable[[], QLineEdit | QPlainTextEdit]] = {
        "explanation": lambda: window.panel.explanation_edit,
        "claimant": lambda: window.panel.claimant_edit,
        "find": lambda: window.search_panel.query_edit,
        "find article": lambda: window.article_find,  # Ctrl+Shift+F's field
    }
    if field_name == "find":
        qtbot.keyClick(window.sentence_view, Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = fields[field_name]()
    field.setFocus()
    qtbot.keyClicks(field, "Shelled")
    for key, modifiers in ((Key.Key_Q, ALT), (Key.Key_W, ALT_SHIFT), (Key.Key_7, ALT)):
        qtbot.keyClick(field, key, modifiers)
    assert _text(field) == "Shelled"
    assert "Alt+" in window.statusBar().currentMessage()
    assert "nothing was typed" in window.statusBar().currentMessage()
    qtbot.keyClicks(field, " twice")  # the field still types
    assert _text(field) == "Shelled twice"
    if field_name == "explanation":
        window.panel.flush_pending_text()
        assert window.desk.reviews.review(sentence).explanation == "Shelled twice"


def test_alt_letters_that_are_keys_still_work_from_a_field(qtbot: QtBot, shown: MainWindow) -> None:
    window = shown
    field = window.panel.explanation_edit
    field.setFocus()
    qtbot.keyClick(field, Key.Key_M, ALT)  # Clai&mant
    assert QApplication.focusWidget() is window.panel.claimant_edit
    qtbot.keyClick(window.panel.claimant_edit, Key.Key_F, ALT)  # &File
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.title() == "&File"
    qtbot.keyClick(menu, Key.Key_Escape)
    assert window.panel.claimant_edit.text() == ""


def test_alt_with_a_letter_types_nothing_into_a_dialog_field(
    qtbot: QtBot, shown: MainWindow
) -> None:
    dialog = LinkSourceDialog([], shown, sentence="The mayor said it fell.")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    url = dialog.url_edit
    url.setFocus()
    qtbot.keyClicks(url, "https://example.org")
    qtbot.keyClick(url, Key.Key_Q, ALT)
    assert url.text() == "https://example.org"
    dialog.close()  # by the program: nothing asked


def _reviewer_name(_shown: MainWindow) -> tuple[QDialog, list[QLineEdit]]:
    dialog = ReviewerNameDialog("Ana Ruiz", "AR", first_start=False)
    return dialog, [dialog.name_edit, dialog.initials_edit]


def _export(shown: MainWindow) -> tuple[QDialog, list[QLineEdit]]:
    article = shown.article_id
    assert article is not None
    dialog = ExportDialog(shown.desk, article)
    return dialog, [dialog.path_edit, dialog.publisher_edit]


def _shortcuts(_shown: MainWindow) -> tuple[QDialog, list[QLineEdit]]:
    dialog = ShortcutsDialog()
    return dialog, [dialog.find_edit]


@pytest.mark.parametrize("made", [_reviewer_name, _export, _shortcuts])
def test_alt_with_a_letter_types_nothing_into_any_dialog_field(
    qtbot: QtBot,
    shown: MainWindow,
    made: Callable[[MainWindow], tuple[QDialog, list[QLineEdit]]],
) -> None:
    """Preferences' name and initials (and the export's file name, the shortcuts' find)
    took the "q" of Alt+Q, saved as the name every edit is recorded with."""
    dialog, fields = made(shown)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for field in fields:
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, "Ana")
        qtbot.keyClick(field, Key.Key_Q, ALT)
        qtbot.keyClick(field, Key.Key_W, ALT_SHIFT)
        assert field.text() == "Ana", field.objectName()
        qtbot.keyClicks(field, "b")  # the field still types
        assert field.text() == "Anab"
    dialog.done(QDialog.DialogCode.Rejected)


def test_alt_with_a_letter_of_another_alphabet_types_nothing_either(
    qtbot: QtBot, shown: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a Ukrainian layout on (English beside it), Alt and the key labelled Q typed
    "й" into the explanation: the key was "Й", no Latin letter, so it was let through.
    It is Alt+Q, as Qt's shortcuts read it (a mnemonic on that key works as ever)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    from factcheck_app.gui import views

    monkeypatch.setattr(views, "platform_keycodes_are_xkb", lambda: True)  # as on X11
    window = shown
    field = window.panel.explanation_edit
    field.setFocus()
    qtbot.keyClicks(field, "Shelled")
    for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
        QApplication.sendEvent(field, QKeyEvent(kind, 0x419, ALT, 24, 0x6CA, 8, "й"))
    assert _text(field) == "Shelled"
    assert "Alt+Q" in window.statusBar().currentMessage()


# Alt and a letter of another alphabet with only that layout set up (no Latin one beside
# it), as xcb delivers them: (text, key, native scan code, keysym); X state 8 is Alt. Qt's
# shortcuts find no Latin key for it, so no mnemonic takes it and the focused widget gets
# the key press. Each is on the key labelled M (Clai&mant's letter).
ALT_AT_M_ONLY_LAYOUT = (
    ("ь", 0x42C, 58, 0x6D8),  # Russian, Ukrainian
    ("μ", 0x39C, 58, 0x7EC),  # Greek
    ("צ", 0x5E6, 58, 0xCF6),  # Hebrew
)


def _alt_on_x11(widget: QWidget, text: str, key: int, scan: int, keysym: int) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, ALT, scan, keysym, 8, text))


@pytest.fixture
def on_x11(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck_app.gui import views

    monkeypatch.setattr(views, "platform_keycodes_are_xkb", lambda: True)  # as on X11


@pytest.mark.parametrize("key", ALT_AT_M_ONLY_LAYOUT, ids=lambda key: key[0])
@pytest.mark.parametrize("start", ["explanation", "sentences", "verdict", "show", "find article"])
def test_alt_and_the_key_labelled_m_of_another_alphabet_goes_to_the_claimant(
    qtbot: QtBot, shown: MainWindow, on_x11: None, key: tuple[str, int, int, int], start: str
) -> None:
    """With only a Russian (Greek, Hebrew) layout on, Alt and the key labelled M said
    "Alt+M is not a key here: nothing was typed" in the explanation, and nothing at all in
    the sentence list: Alt+M is Clai&mant's letter, which goes to the Claimant field with
    an English layout. It goes there now, as Qt's mnemonic does, and types nothing."""
    window = shown
    widget = {
        "explanation": window.panel.explanation_edit,
        "sentences": window.sentence_view,
        "verdict": window.panel.verdict_box,
        "show": window.filter_box,
        "find article": window.article_find,
    }[start]
    verdict, shown_filter = (
        window.panel.verdict_box.currentIndex(),
        window.filter_box.currentIndex(),
    )
    widget.setFocus()
    window.statusBar().clearMessage()
    _alt_on_x11(widget, *key)
    assert QApplication.focusWidget() is window.panel.claimant_edit
    assert window.panel.explanation_edit.toPlainText() == ""
    assert window.panel.claimant_edit.text() == ""
    assert "not a key here" not in window.statusBar().currentMessage()
    assert window.panel.verdict_box.currentIndex() == verdict
    assert window.filter_box.currentIndex() == shown_filter
    assert window.article_find.text() == ""


def test_alt_and_the_key_labelled_f_of_another_alphabet_opens_the_file_menu(
    qtbot: QtBot, shown: MainWindow, on_x11: None
) -> None:
    """The menus' letters too: Alt and the key labelled F ("а" on a Russian layout)."""
    window = shown
    window.panel.explanation_edit.setFocus()
    _alt_on_x11(window.panel.explanation_edit, "а", 0x410, 41, 0x6C1)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.title() == "&File"
    qtbot.keyClick(menu, Key.Key_Escape)
    assert window.panel.explanation_edit.toPlainText() == ""


def test_the_file_menu_opened_by_place_has_its_first_entry_chosen_as_alt_f_does(
    qtbot: QtBot, shown: MainWindow, on_x11: None
) -> None:
    """Alt+F opens File with its first entry chosen, for Enter (or ↓) to go on from; by
    the key's place it opened with none chosen: Enter did nothing, and the status bar
    said nothing of the entry."""
    window = shown
    field = window.panel.explanation_edit
    field.setFocus()
    qtbot.keyClick(field, Key.Key_F, ALT)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.title() == "&File"
    chosen = menu.activeAction()
    said = window.statusBar().currentMessage()
    assert chosen is not None and said
    qtbot.keyClick(menu, Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    field.setFocus()
    window.statusBar().clearMessage()
    _alt_on_x11(field, "а", 0x410, 41, 0x6C1)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.title() == "&File"
    assert menu.activeAction() is chosen
    assert window.statusBar().currentMessage() == said
    qtbot.keyClick(menu, Key.Key_Escape)


def test_an_items_letter_of_another_alphabet_in_an_open_menu_picks_it(
    qtbot: QtBot, shown: MainWindow, on_x11: None
) -> None:
    """In the File menu opened by its letter, the key labelled S (“ы” on a Russian
    layout) did nothing, where S picks “&Save Now”: Qt's menus compare the letter typed,
    not the key. Read by its place, it picks the item, as with an English layout."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    window = shown
    saved: list[bool] = []
    save_now = window.registry[ActionId.SAVE_NOW]
    save_now.triggered.disconnect()
    save_now.triggered.connect(lambda: saved.append(True))
    window.panel.explanation_edit.setFocus()
    _alt_on_x11(window.panel.explanation_edit, "а", 0x410, 41, 0x6C1)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.title() == "&File"
    assert "&Save Now" in [action.text() for action in menu.actions()]
    press = QKeyEvent(
        QEvent.Type.KeyPress, 0x42B, Qt.KeyboardModifier.NoModifier, 39, 0x6D9, 0, "ы"
    )
    QApplication.sendEvent(menu, press)
    qtbot.waitUntil(lambda: saved == [True], timeout=2000)
    assert QApplication.activePopupWidget() is None
    assert window.panel.explanation_edit.toPlainText() == ""


def test_alt_and_a_key_of_another_alphabet_that_is_no_letter_here_still_says_so(
    qtbot: QtBot, shown: MainWindow, on_x11: None
) -> None:
    """Alt and the key labelled Q ("й") has no letter in the window: it types nothing
    and says so, naming the key by its place, as before."""
    window = shown
    field = window.panel.explanation_edit
    field.setFocus()
    _alt_on_x11(field, "й", 0x419, 24, 0x6CA)
    assert QApplication.focusWidget() is field
    assert window.statusBar().currentMessage().startswith("Alt+Q is not a key here")


@pytest.mark.parametrize("start", ["radio", "button"])
def test_alt_and_a_letter_of_another_alphabet_in_a_dialog_does_the_dialogs_letter(
    qtbot: QtBot, on_x11: None, start: str
) -> None:
    """With only a Russian layout on, Alt and the key labelled S in Split Sentence
    (“The &second part keeps the review”) did nothing from its choices or its buttons,
    where an English layout's Alt+S chooses it: only the dialog's typing fields read
    the key by its place. Every control of any dialog does now."""
    from tests.gui.test_quit_key_in_a_dialog import shown_over_a_window

    _parent, dialog = shown_over_a_window(qtbot, "split")
    assert isinstance(dialog, SplitSentenceDialog)
    second = dialog.review_second
    assert not second.isChecked()
    control = {"radio": dialog.review_first, "button": dialog.findChild(QPushButton)}[start]
    assert control is not None
    control.setFocus()
    _alt_on_x11(control, "ы", 0x42B, 39, 0x6D9)
    qtbot.waitUntil(second.isChecked, timeout=2000)
    assert dialog.isVisible()


def test_alt_and_a_letter_of_another_alphabet_under_an_open_popup_leaves_the_dialog_be(
    qtbot: QtBot, on_x11: None
) -> None:
    """While a popup is open over a dialog (a box's list, a menu), its keys are its own:
    Qt's letters of the dialog under it do nothing, and Alt and the key labelled S read
    by its place did not choose “The &second part keeps the review” behind it either."""
    from tests.gui.test_quit_key_in_a_dialog import shown_over_a_window

    _parent, dialog = shown_over_a_window(qtbot, "split")
    assert isinstance(dialog, SplitSentenceDialog)
    popup = QMenu(dialog)
    popup.addAction("Nothing here")
    popup.popup(dialog.mapToGlobal(dialog.rect().center()))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is popup)
    _alt_on_x11(popup, "ы", 0x42B, 39, 0x6D9)
    # A mnemonic's click is animated: the button is down at once, checked 100 ms on.
    assert not dialog.review_second.isDown()
    assert not dialog.review_second.isChecked()
    popup.close()
