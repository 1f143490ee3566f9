"""Every control a keyboard can reach says what it is to a screen reader, and every dialog
is left with Esc and has a default button for Enter.

The walk covers the main window (with the search pane, the first-start note and a
sentence in conflict showing) and every dialog opened through its action, with
`QDialog.exec` patched to check the dialog instead of waiting for a reviewer. A control
added later without a name, a label that is its buddy or words of its own fails here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFocusFrame,
    QLabel,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import press
from tests.gui.test_merge_in_window import _go_to_first_conflict, _merge_by_keys
from tests.gui.test_search_in_window import search_for
from tests.sample_review import apply_sample_review
from tests.services.merge_fixtures import make_alice, make_bob


def _label_text(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _reachable(top: QWidget) -> list[QWidget]:
    """The widgets of `top` that Tab can reach now (shown, enabled or not), each once:
    a widget that hands its focus to another (a date field's inner text field) counts as
    the one it is part of."""
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget is not top and not widget.isVisibleTo(top):
            continue
        owner = widget.parentWidget()
        if owner is not None and owner.focusProxy() is widget:
            continue  # named through its owner
        if widget.focusProxy() is not None:
            widget = widget.focusProxy()
        found.append(widget)
    return found


def unnamed_controls(top: QWidget) -> list[str]:
    """The reachable controls of `top` with no accessible name, no label whose buddy they
    are, and (a button) no words of their own: a screen reader says "list" or "edit", and
    nothing of what it is for."""
    labelled = {
        id(label.buddy()) for label in top.findChildren(QLabel) if _label_text(label.text())
    }
    missing = []
    for widget in _reachable(top):
        if widget.isWindow() or widget.accessibleName().strip() or id(widget) in labelled:
            continue
        if isinstance(widget, QAbstractButton) and _label_text(widget.text()):
            continue
        missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


@pytest.fixture
def conflict_window(
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    merge_boxes: list[str],
) -> Iterator[MainWindow]:
    """Alice's workspace with Bob's merged in, on a sentence they disagree on."""
    alice, bob = tmp_path / "alice.fcdesk", tmp_path / "bob.fcdesk"
    make_alice(alice)
    make_bob(bob)
    desk = Desk.open(alice, backup=False)
    window = make_window(desk)
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    _go_to_first_conflict(qtbot, window)
    yield window
    desk.close()


def test_every_control_of_the_window_has_a_name(conflict_window: MainWindow) -> None:
    window = conflict_window
    window.search.open_search()
    window.show_welcome(sample=False)
    QApplication.processEvents()
    assert window.panel.conflict_view.isVisible() and window.search_panel.isVisible()
    assert unnamed_controls(window) == []


@pytest.fixture
def reviewed_window(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> Iterator[MainWindow]:
    """The sample article reviewed, a backup made, the window on sentence 2 (a claim with a
    verdict and a source) as another reviewer than the one who gave the verdict."""
    apply_sample_review(seeded_desk, 1)
    seeded_desk.upkeep.backup_now()
    window = make_window(seeded_desk)
    window.open_article(1, seeded_desk.reviews.sentence_rows(1)[1].sentence.id)
    seeded_desk.edits.actor = "Zoë Ngata"  # an editor: may return the verdict
    yield window


class DialogCheck:
    """Stands in for `QDialog.exec`: shows the dialog, records what is wrong with it for a
    keyboard or screen-reader user, leaves it with Esc and answers Rejected."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.seen: dict[str, list[str]] = {}

    def exec(self, dialog: QDialog) -> int:
        name = dialog.objectName() or type(dialog).__name__
        dialog.show()
        self.qtbot.waitExposed(dialog)
        QApplication.processEvents()
        problems = [f"no name: {control}" for control in unnamed_controls(dialog)]
        defaults = [b for b in dialog.findChildren(QPushButton) if b.isDefault()]
        if len(defaults) != 1:
            problems.append(f"default buttons: {[b.text() for b in defaults]}")
        problems += [f"focus not shown: {control}" for control in focus_not_shown(dialog)]
        focus = QApplication.focusWidget()
        if focus is None or not dialog.isAncestorOf(focus):
            problems.append(f"the focus is not in the dialog but on {focus!r}")
        else:
            self.qtbot.keyClick(focus, Qt.Key.Key_Escape)
        if dialog.isVisible():
            problems.append("Esc did not close it")
            dialog.done(QDialog.DialogCode.Rejected)
        self.seen[name] = problems
        return int(QDialog.DialogCode.Rejected)


@pytest.fixture
def dialog_check(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> DialogCheck:
    check = DialogCheck(qtbot)
    monkeypatch.setattr(QDialog, "exec", lambda dialog: check.exec(dialog))
    return check


def test_every_dialog_names_its_controls_and_is_left_with_esc(
    reviewed_window: MainWindow, dialog_check: DialogCheck, qtbot: QtBot
) -> None:
    window = reviewed_window
    for action in (
        ActionId.LINK_SOURCE,
        ActionId.EDIT_SOURCE,
        ActionId.ARTICLE_PROPERTIES,
        ActionId.EXPORT,
        ActionId.SHORTCUTS,
        ActionId.RESTORE_BACKUP,
        ActionId.RETURN_VERDICT,
        ActionId.PREFERENCES,
        ActionId.ABOUT,
    ):
        window.sentence_view.setFocus()
        window.registry[action].trigger()
    # Split asks where the review goes: the caret inside the reviewed sentence.
    row = window.current_row()
    assert row is not None
    cursor = window.article_view.textCursor()
    cursor.setPosition(row.sentence.start + 10)
    window.article_view.setTextCursor(cursor)
    window.article_view.setFocus()
    window.registry[ActionId.SPLIT_HERE].trigger()
    assert dialog_check.seen == {
        name: []
        for name in (
            "linkSourceDialog",
            "editSourceDialog",
            "articlePropertiesDialog",
            "exportDialog",
            "shortcutsDialog",
            "restoreBackupDialog",
            "returnNoteDialog",
            "reviewerNameDialog",
            "aboutDialog",
            "splitSentenceDialog",
        )
    }


def test_the_agreement_panel_names_its_controls_and_shows_the_focus(
    qtbot: QtBot, reviewed_window: MainWindow
) -> None:
    reviewed_window.registry[ActionId.AGREEMENT].trigger()
    panel = reviewed_window.team.panel
    assert panel is not None
    qtbot.waitExposed(panel)
    assert unnamed_controls(panel) == []
    qtbot.waitUntil(panel.refresh_button.isEnabled)  # measured: nobody to compare yet
    assert panel.pair_model.rowCount() == 0  # empty tables: the focus must still show
    assert focus_not_shown(panel) == []


def _heard(view: QWidget) -> str:
    """What a screen reader says on landing on the view's current cell."""
    interface = QAccessible.queryAccessibleInterface(view)
    assert interface is not None
    cell = interface.focusChild()
    assert cell is not None
    return cell.text(QAccessible.Text.Name)


def test_a_screen_reader_hears_the_sentence_its_tag_verdict_and_status(
    qtbot: QtBot, reviewed_window: MainWindow
) -> None:
    """Moving through the list, a screen reader heard the current cell: the first, "2",
    and nothing of the tag, verdict or status the colours and columns show."""
    window = reviewed_window
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Home)
    press(qtbot, window, "j")
    row = window.current_row()
    assert row is not None and row.review.tag is not None and row.review.verdict
    assert _heard(window.sentence_view).startswith("Sentence 2: Fact, True, Done. The attacks on")
    press(qtbot, window, "j", "c")  # its tag changed: said at once
    assert _heard(window.sentence_view).startswith("Sentence 3: Claim, True, Done. Azerbaijan's")


def test_a_screen_reader_hears_the_search_result_not_only_where_it_was_found(
    qtbot: QtBot, reviewed_window: MainWindow
) -> None:
    """The results' first cell is current as one moves through them: a screen reader
    said "Sentence" (where the words were found) for every result."""
    panel = search_for(reviewed_window, "civilians")
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    current = panel.view.currentIndex()
    hit = panel.model.item(current.row())
    assert hit is not None and hit.found.row.review.tag is not None
    heard = _heard(panel.view)
    assert heard.startswith(" ".join(hit.found.row.sentence.text.split())[:40])
    tag, verdict = (current.siblingAtColumn(column).data() for column in (2, 3))
    assert f"({tag}, {verdict}, claimant " in heard and "found in sentence" in heard


def _looks(widget: QWidget) -> QImage:
    """The widget as drawn, with a few pixels round it (where a focus frame may be)."""
    parent = widget.parentWidget()
    if parent is None:
        return widget.grab().toImage()
    return parent.grab(widget.geometry().adjusted(-3, -3, 3, 3)).toImage()


def focus_not_shown(window: QWidget) -> list[str]:
    """The controls Tab reaches in `window` that look the same with the keyboard focus as
    without it (on another control)."""
    controls = [widget for widget in _reachable(window) if widget.isEnabled()]
    missing = []
    for widget in controls:
        elsewhere = next(other for other in controls if other is not widget)
        elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
        # Asked with the focus elsewhere: a button tabbed to (auto-default) is Enter's
        # while it has the focus, and the dialog's own default again once it goes.
        if isinstance(widget, QPushButton) and widget.isDefault():
            continue  # drawn as Enter's button either way: the style's choice, left alone
        before = _looks(widget)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)  # as Tab does
        assert widget.hasFocus()
        if _looks(widget) == before:
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
        for frame in window.findChildren(QFocusFrame):  # drawn whole, not cut at a box's edge
            box = frame.parentWidget()
            if frame.isVisible() and box is not None and not box.rect().contains(frame.geometry()):
                missing.append(f"{type(widget).__name__} {widget.objectName()!r}: frame cut")
    return missing


def test_the_keyboard_focus_shows_on_every_control_of_the_window(window: MainWindow) -> None:
    """Tab into an empty list (no sources yet, no history, no earlier verdicts, no search
    results) put the focus there with nothing to show it: it seemed to vanish."""
    window.search.open_search()
    QApplication.processEvents()
    assert window.panel.sources_model.rowCount() == 0  # the case this test is about
    assert focus_not_shown(window) == []


def heard_by_a_screen_reader(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What is announced to a screen reader (one made active), each in turn."""
    heard: list[str] = []

    def update(event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            heard.append(event.message())

    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    return heard


def test_what_the_status_bar_says_is_announced_to_a_screen_reader(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The outcome of a key (undone, saved, refused and why) is said in the status bar
    only, which a screen reader does not read unasked: its user heard nothing."""
    heard = heard_by_a_screen_reader(monkeypatch)
    press(qtbot, window, "c")
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [said.split(":")[0] for said in heard] == [
        "Undone",
        "Everything is saved (the desk saves each change as you make it).",
    ]


def test_the_welcome_notes_button_says_what_it_dismisses(window: MainWindow) -> None:
    """Tab reaches only the note's "Got It": a screen reader said that and nothing of the
    note (the keys that matter), which is a label Tab never stops on."""
    window.show_welcome(sample=True)
    button = window.welcome.dismiss_button
    interface = QAccessible.queryAccessibleInterface(button)
    assert interface is not None
    said = interface.text(QAccessible.Text.Description)
    assert "sample" in said and "Ctrl+O" in said and "F1" in said and "<b>" not in said
    window.show_welcome(sample=False)
    assert "sample" not in interface.text(QAccessible.Text.Description)


def test_a_read_only_window_says_why_to_a_screen_reader(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Of the read-only banner Tab reaches its button only: a screen reader said "Open
    Another Workspace…" and nothing of why the workspace cannot be changed."""
    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    window = make_window(Desk.open(path, read_only=True))
    banner = window.workspace_strip
    assert banner.isVisibleTo(window) and "read-only" in banner.text()
    assert unnamed_controls(window) == []
    button = banner.findChild(QPushButton, "readOnlyOpenOther")
    assert button is not None and button.isVisibleTo(window)
    interface = QAccessible.queryAccessibleInterface(button)
    assert interface is not None
    assert interface.text(QAccessible.Text.Description) == banner.text()
