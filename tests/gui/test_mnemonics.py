"""Alt+letter reaches one thing only: menus and the window's labels and buttons never
share a mnemonic (the first Alt+F focused the review panel's Fact button, not File)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QMenu
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow

MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_every_alt_letter_in_the_window_is_unique(window: MainWindow) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for action in window.menuBar().actions():
        letter = mnemonic(action.text())
        if letter:
            owners[letter].append(f"menu {action.text()!r}")
    for label in window.findChildren(QLabel):
        letter = mnemonic(label.text())
        if letter and label.buddy() is not None:
            owners[letter].append(f"label {label.text()!r}")
    for button in window.findChildren(QAbstractButton):
        letter = mnemonic(button.text())
        if letter:
            owners[letter].append(f"button {button.text()!r}")
    clashes = {letter: who for letter, who in owners.items() if len(who) > 1}
    assert clashes == {}


def test_alt_f_opens_the_file_menu(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0]
    assert mnemonic(file_menu.text()) == "f"
    assert all(mnemonic(b.text()) != "f" for b in window.findChildren(QAbstractButton))


def test_the_items_of_each_menu_have_their_own_letters(window: MainWindow) -> None:
    """Edit had two S items and Review two C items: Alt+E S picked one at random."""
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        owners: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            letter = mnemonic(action.text())
            if letter:
                owners[letter].append(action.text())
        assert {k: v for k, v in owners.items() if len(v) > 1} == {}, menu_action.text()


def test_a_letter_typed_in_an_open_menu_goes_to_the_menu(window: MainWindow, qtbot: QtBot) -> None:
    """Issue 15 bug 5: with a menu opened by keyboard, C tagged the sentence as a claim
    instead of picking the menu's item."""
    sentence = window.current_sentence_id()
    assert sentence is not None
    before = window.desk.reviews.review(sentence)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.title() == "&Edit"
    qtbot.keyClick(menu, Qt.Key.Key_D)  # Edit has no D item: nothing happens
    qtbot.keyClick(menu, Qt.Key.Key_C)
    assert window.desk.reviews.review(sentence) == before  # not tagged denial or claim
    assert QApplication.activePopupWidget() is menu  # still open for the reviewer
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    assert QApplication.activePopupWidget() is None


def test_a_menu_item_letter_still_picks_the_item(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck_app.gui.dialogs.help import ShortcutsDialog

    shown: list[bool] = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda dialog: shown.append(True) or 0)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.title() == "&Help"
    qtbot.keyClick(menu, Qt.Key.Key_K)  # "&Keyboard Shortcuts"
    assert shown == [True]


def test_shortcuts_work_again_once_the_menu_is_closed(window: MainWindow, qtbot: QtBot) -> None:
    from factcheck_app.domain.models import Tag

    sentence = window.current_sentence_id()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    menu = QApplication.activePopupWidget()
    assert menu is not None
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    if QApplication.activePopupWidget() is not None:  # Esc may leave the menu bar selected
        qtbot.keyClick(window.menuBar(), Qt.Key.Key_Escape)
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_C)
    assert sentence is not None and window.desk.reviews.review(sentence).tag is Tag.CLAIM


def test_home_and_end_in_an_open_menu_leave_the_sentence_where_it_was(
    window: MainWindow, qtbot: QtBot
) -> None:
    """End pressed in the open Help menu (to reach About) jumped the list to the last
    sentence, and Home to the first: they are the list's keys too."""
    second = window.sentence_model.sentence_row(1).sentence.id
    window.select_sentence(second)
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.title() == "&Help"
    for key in (Qt.Key.Key_End, Qt.Key.Key_Home, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
        qtbot.keyClick(menu, key)
        assert window.current_sentence_id() == second
    assert QApplication.activePopupWidget() is menu
    qtbot.keyClick(menu, Qt.Key.Key_Escape)


def test_every_choice_of_the_split_dialog_has_its_own_alt_letter(qtbot: QtBot) -> None:
    """Split Sentence's "Only to the first part" and "Only to the second part" had no Alt
    letter: from the keyboard they were reached only by Tab and the arrows, where every
    other choice there has one. Alt+O and Alt+N now choose them."""
    from factcheck_app.gui.dialogs.split import SplitSentenceDialog
    from factcheck_app.services.boundaries import SourcesTo

    dialog = SplitSentenceDialog(
        "Ganja was shelled.", "Baku says so.", has_review=True, has_sources=True
    )
    qtbot.add_widget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    letters = [mnemonic(b.text()) for b in dialog.findChildren(QAbstractButton) if b.text()]
    choices = [dialog.sources_both, dialog.sources_first, dialog.sources_second]
    assert all(mnemonic(button.text()) for button in choices)
    assert len([x for x in letters if x]) == len({x for x in letters if x})
    for button, chosen in (
        (dialog.sources_first, SourcesTo.FIRST),
        (dialog.sources_second, SourcesTo.SECOND),
    ):
        key = getattr(Qt.Key, f"Key_{mnemonic(button.text()).upper()}")
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(button.isChecked)  # a button's mnemonic animates its press
        assert dialog.sources_to() is chosen


def test_enter_right_after_a_split_choice_s_alt_letter_takes_that_choice(
    qtbot: QtBot,
) -> None:
    """A choice's Alt letter clicks it 100 ms later (Qt shows it pressed meanwhile): Alt+S
    then Enter at typing speed split the sentence with the review on the first part, the
    choice pressed left for a dialog already gone; Alt+N, Enter likewise linked the
    sources to both parts."""
    from factcheck_app.gui.dialogs.split import SplitSentenceDialog
    from factcheck_app.services.boundaries import SourcesTo, SplitPart

    for key in (Qt.Key.Key_S, Qt.Key.Key_N):
        dialog = SplitSentenceDialog(
            "Ganja was shelled.", "Baku says so.", has_review=True, has_sources=True
        )
        qtbot.add_widget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # before it lands
        assert dialog.result() == QDialog.DialogCode.Accepted
        chosen = (dialog.review_to(), dialog.sources_to())
        if key == Qt.Key.Key_S:
            assert chosen == (SplitPart.SECOND, SourcesTo.BOTH)
        else:
            assert chosen == (SplitPart.FIRST, SourcesTo.SECOND)
