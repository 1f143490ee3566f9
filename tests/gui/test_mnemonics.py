"""Alt+letter reaches one thing only: menus and the window's labels and buttons never
share a mnemonic (the first Alt+F focused the review panel's Fact button, not File)."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QLabel

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
