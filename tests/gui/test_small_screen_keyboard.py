"""More of what held up a newcomer at 1024×640, keyboard only: the search pane, the
worth-checking line, a read-only window's keys, Delete in the Sources list, the buttons
of a question, the menus' height, and verdicts returned while away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProxyStyle, QStyle
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Stance, Tag
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.main_window import MainWindow
from tests.gui.test_source_editing import choose_source, two_links

Key = Qt.Key


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


def test_delete_in_the_sources_list_unlinks_the_chosen_source_as_remove_does(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Delete on a chosen source did nothing: only the Remove button (Tab, Tab, Space)
    unlinked it. Delete there is Remove, one undo step; elsewhere it still does nothing."""
    ids = two_links(window)
    desk = window.desk
    desk.reviews.set_tag(ids[0], Tag.CLAIM)
    before = [link.source.url for link in desk.sources.links(ids[0])]
    qtbot.keyClick(window.sentence_view, Key.Key_Delete)  # never a review by a stray key
    assert desk.reviews.review(ids[0]).tag is Tag.CLAIM
    assert [link.source.url for link in desk.sources.links(ids[0])] == before
    sources = window.panel.sources_view
    sources.setFocus()
    choose_source(window, 1)
    qtbot.keyClick(sources, Key.Key_Delete)
    assert [link.source.url for link in desk.sources.links(ids[0])] == before[:1]
    assert desk.reviews.review(ids[0]).tag is Tag.CLAIM
    qtbot.keyClick(window.sentence_view, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [link.source.url for link in desk.sources.links(ids[0])] == before
