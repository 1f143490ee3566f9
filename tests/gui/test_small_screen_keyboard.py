"""More of what held up a newcomer at 1024×640, keyboard only: the search pane, the
worth-checking line, a read-only window's keys, Delete in the Sources list, the buttons
of a question, the menus' height, and verdicts returned while away."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QProxyStyle, QStyle
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Stance
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog


class _ButtonsWithIcons(QProxyStyle):
    """A desktop style that puts icons on dialog buttons, as GNOME's and KDE's do
    (the offscreen style puts none, so a test would never see the Cancel icon)."""

    def styleHint(self, hint: QStyle.StyleHint, *args: object) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, *args)  # type: ignore[arg-type]


@pytest.fixture
def buttons_with_icons(qapp: QApplication) -> object:
    before = qapp.style().name()
    style = _ButtonsWithIcons(before)
    qapp.setStyle(style)
    yield style
    qapp.setStyle(before)


def test_keep_editing_carries_no_cancel_icon(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, buttons_with_icons: object
) -> None:
    """"Close without keeping what you typed?": the Keep Editing button kept the style's
    Cancel ✕, which reads as "close" on the very button that does not."""
    seen: dict[str, bool] = {}

    def look(box: QMessageBox) -> int:
        for button in box.buttons():
            seen[button.text()] = button.icon().isNull()
        return QMessageBox.StandardButton.Discard.value

    monkeypatch.setattr(QMessageBox, "exec", look)
    dialog = LinkSourceDialog([], stance=Stance.SUPPORTS)
    qtbot.add_widget(dialog)
    dialog.show()
    dialog.excerpt_edit.setPlainText("typed with care")
    dialog.reject()
    assert seen == {"&Discard": True, "&Keep Editing": True}
    # A button left as the style names it keeps its icon.
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    assert not box.button(QMessageBox.StandardButton.Cancel).icon().isNull()
