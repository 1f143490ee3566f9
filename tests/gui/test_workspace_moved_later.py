"""The workspace file moved or replaced while open, and the journalist answered "Later":
the window says where the way back is, and text typed meanwhile is not lost on it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from factcheck_app.domain import review_rules
from factcheck_app.domain.models import Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import press
from tests.gui.test_mnemonics import (
    test_every_alt_letter_in_the_window_is_unique as alt_letters_unique,
)


def _move(desk: Desk) -> Path:
    path = desk.path
    assert path is not None
    new = path.parent / "2026" / path.name
    new.parent.mkdir()
    path.rename(new)
    return new


class Shown(NamedTuple):
    title: str
    text: str
    details: str


def _boxes(monkeypatch: pytest.MonkeyPatch) -> list[Shown]:
    """Every box shown, each answered with its Cancel button ("Later")."""
    shown: list[Shown] = []

    def answer(box: QMessageBox) -> int:
        shown.append(Shown(box.windowTitle(), box.text(), box.detailedText()))
        return QMessageBox.StandardButton.Cancel.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return shown


def _type_explanation(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Typed into the explanation field, then the journalist moves on (its save tried)."""
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, text)
    panel.flush_pending_text()


def _alt_letters_unique(window: MainWindow) -> None:
    """Alt+letter reaches one thing only (the boxes shown are gone first, as in use)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    alt_letters_unique(window)


def _way_back(window: MainWindow) -> QPushButton:
    button = window.workspace_strip.findChild(QPushButton, "stoppedWayBack")
    assert button is not None
    return button


def test_text_typed_after_later_is_saved_where_the_workspace_was_moved(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, opening the moved workspace asked "the disk may be full … Open the other
    workspace all the same and lose that text?": the text could only be thrown away, or
    kept in a window that never saves again."""
    window = make_window(seeded_desk)
    sid = window.current_sentence_id()
    assert sid is not None
    new = _move(seeded_desk)
    shown = _boxes(monkeypatch)
    window.workspace.check_outside_changes()  # the window's look, every second: "Later"
    assert shown[0].title.startswith("Workspace file moved")
    _type_explanation(qtbot, window, "Ministry figures differ")
    assert "the change was NOT saved" in shown[1].text
    window.workspace.switch_workspace(new)
    assert not any("lose that text" in box.text for box in shown)
    assert window.desk.path == new and not window.desk.read_only
    assert window.current_sentence_id() == sid
    assert window.desk.reviews.review(sid).explanation == "Ministry figures differ"
    assert not window.panel.has_pending_text()


def test_after_later_the_banner_says_where_it_is_and_opens_it_there(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, after "Later" nothing on the window said the workspace no longer saves, and
    the way back was File → Open Workspace… and the folder it was moved to, by hand (Open
    Recent has only the old place, greyed out)."""
    window = make_window(seeded_desk)
    sid = window.current_sentence_id()
    assert sid is not None
    press(qtbot, window, "c")
    new = _move(seeded_desk)
    _boxes(monkeypatch)
    window.workspace.check_outside_changes()
    banner = window.workspace_strip
    assert banner.isVisible()
    assert str(new) in banner.text() and "nothing more is saved" in banner.text().lower()
    button = _way_back(window)
    assert button.isVisible() and "Open It There" in button.text().replace("&", "")
    _alt_letters_unique(window)  # its Alt key reaches it alone
    button.click()
    assert window.desk.path == new and not window.desk.stopped
    assert not banner.isVisible()
    assert window.current_sentence_id() == sid
    press(qtbot, window, "d")
    assert window.desk.reviews.review(sid).tag is Tag.DENIAL


def test_moved_back_the_banner_opens_it_at_its_old_place(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The journalist undoes the move in the file manager: the banner says so, and its
    button opens the workspace where it is now, not at the place it was moved to."""
    path = seeded_desk.path
    assert path is not None
    window = make_window(seeded_desk)
    sid = window.current_sentence_id()
    assert sid is not None
    new = _move(seeded_desk)
    _boxes(monkeypatch)
    window.workspace.check_outside_changes()
    new.rename(path)
    window.workspace.check_outside_changes()
    assert str(path) in window.workspace_strip.text()
    assert str(new) not in window.workspace_strip.text()
    _alt_letters_unique(window)
    _way_back(window).click()
    assert window.desk.path == path and not window.desk.stopped
    press(qtbot, window, "f")
    assert window.desk.reviews.review(sid).tag is Tag.FACT


def test_replaced_the_banner_opens_it_again_and_typed_text_is_kept_in_a_box(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Replaced by a sync tool: the sentence numbers of the file now there may be other
    sentences, so the text typed is never saved into it unasked, and never thrown away:
    it is shown in a box, to copy into its field again."""
    path = seeded_desk.path
    assert path is not None
    window = make_window(seeded_desk)
    theirs = tmp_path / "theirs.fcdesk"
    other = Desk.open(theirs, backup=False)
    other.importer.import_text("The mayor said 12 bridges were repaired.")
    other.close()
    shown = _boxes(monkeypatch)
    os.replace(theirs, path)
    window.workspace.check_outside_changes()
    assert "replaced by another file" in shown[0].text
    banner = window.workspace_strip
    assert banner.isVisible() and "replaced" in banner.text()
    assert "-rescued-" in banner.text()  # where what was saved here went
    _type_explanation(qtbot, window, "Ministry figures differ")
    _way_back(window).click()
    qtbot.waitUntil(lambda: any("Ministry figures differ" in b.details for b in shown))
    assert not any("lose that text" in box.text for box in shown)
    assert window.desk is not seeded_desk and not window.desk.stopped
    assert window.article_model.rowCount() == 1  # the file now at its place
    sentence = window.current_sentence_id()
    assert sentence is not None
    assert window.desk.reviews.review(sentence).explanation == ""
    assert not banner.isVisible()


def test_replaced_with_no_room_for_its_copy_the_banner_offers_no_way_to_close_it(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """No copy of the replaced file could be made (a full disk): the window holds the
    only one of the work, so the banner says not to close it and offers no other
    workspace; once a refused save made the copy, it offers the way back."""
    from factcheck_app.storage import backups

    path = seeded_desk.path
    assert path is not None
    window = make_window(seeded_desk)
    real_copy = backups._copy_into_file
    full = [True]

    def copy_on_a_full_disk(conn: object, target: Path, *args: object) -> None:
        if full[0]:
            raise OSError(28, "No space left on device")
        real_copy(conn, target, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "_copy_into_file", copy_on_a_full_disk)
    theirs = tmp_path / "theirs.fcdesk"
    other = Desk.open(theirs, backup=False)
    other.close()
    _boxes(monkeypatch)
    os.replace(theirs, path)
    window.workspace.check_outside_changes()
    banner = window.workspace_strip
    assert banner.isVisible() and "do NOT close it" in banner.text()
    assert not any(button.isVisible() for button in banner.findChildren(QPushButton))
    full[0] = False  # room made
    press(qtbot, window, "c")  # refused; the copy is tried again
    window.workspace.check_outside_changes()
    assert "-rescued-" in banner.text() and "do NOT close" not in banner.text()
    assert _way_back(window).isVisible()


def test_replaced_with_no_room_for_its_copy_keys_say_it_in_a_line_each_trying_the_copy(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Before, while no copy of the replaced file could be made, every key pressed popped
    a box of its own (each tried the copy again): a journalist typing on got a box per
    key. One box, then one status line per press, each still trying the copy, so the
    moment there is room the work is kept."""
    from factcheck_app.storage import backups

    path = seeded_desk.path
    assert path is not None
    window = make_window(seeded_desk)
    sid = window.current_sentence_id()
    assert sid is not None
    press(qtbot, window, "c")  # saved before: Ctrl+Z offers it
    real_copy = backups._copy_into_file
    full, tries = [True], [0]

    def copy_on_a_full_disk(conn: object, target: Path, *args: object) -> None:
        tries[0] += 1
        if full[0]:
            raise OSError(28, "No space left on device")
        real_copy(conn, target, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "_copy_into_file", copy_on_a_full_disk)
    shown = _boxes(monkeypatch)
    _replace(seeded_desk, tmp_path)
    window.workspace.check_outside_changes()  # the news, in a box
    assert len(shown) == 1 and "do NOT close it" in shown[0].text
    said = set()
    for key in [*"df45", ActionId.UNDO]:
        window.statusBar().clearMessage()
        tried = tries[0]
        if isinstance(key, str):
            press(qtbot, window, key)
        else:
            window.registry[key].trigger()
        assert tries[0] > tried  # each press tried the copy again
        said.add(window.statusBar().currentMessage())
    assert len(shown) == 1  # the replacement's own box only
    assert len(said) == 1
    line = said.pop()
    assert "Nothing was changed" in line and "do NOT close" in line
    assert window.workspace_strip.isVisible() and "do NOT close" in window.workspace_strip.text()
    assert seeded_desk.reviews.review(sid).tag is Tag.CLAIM
    full[0] = False  # room made
    window.statusBar().clearMessage()
    press(qtbot, window, "d")  # refused; the copy made at last
    assert len(shown) == 1
    line = window.statusBar().currentMessage()
    assert "Nothing was changed" in line and "copy" in line and "do NOT close" not in line
    banner = window.workspace_strip
    assert "-rescued-" in banner.text() and "do NOT close" not in banner.text()
    assert _way_back(window).isVisible()
    assert list(path.parent.glob("*-rescued-*.fcdesk"))


def test_after_later_ctrl_l_opens_no_form_to_fill_in_for_nothing(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, Ctrl+L opened Link Source: the journalist typed the source's address and
    excerpt, and only Save said the workspace no longer saves (the form kept, to cancel)."""
    from PySide6.QtWidgets import QDialog

    window = make_window(seeded_desk)
    _move(seeded_desk)
    _boxes(monkeypatch)
    window.workspace.check_outside_changes()  # "Later"
    forms: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: forms.append(dialog.windowTitle()) or 0)
    window.registry[ActionId.LINK_SOURCE].trigger()
    assert forms == []
    said = window.statusBar().currentMessage()
    assert "Nothing was changed" in said and "Open It There" in said
    _way_back(window).click()
    said = window.statusBar().currentMessage()
    assert "no longer saves" not in said and "open for editing here again" in said
    window.registry[ActionId.LINK_SOURCE].trigger()
    assert forms == ["Link Source"]


def _replace(desk: Desk, tmp_path: Path) -> None:
    """A sync tool puts another workspace in the file's place."""
    path = desk.path
    assert path is not None
    theirs = tmp_path / "theirs.fcdesk"
    other = Desk.open(theirs, backup=False)
    other.close()
    os.replace(theirs, path)


def test_after_later_tag_and_verdict_keys_say_it_in_one_status_line_not_a_box_each(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, every C, D, F or 1-6 pressed after "Later" popped a box of its own ("the
    change was NOT saved"), though the strip above the article already said it all."""
    window = make_window(seeded_desk)
    sid = window.current_sentence_id()
    assert sid is not None
    _move(seeded_desk)
    shown = _boxes(monkeypatch)
    window.workspace.check_outside_changes()  # "Later"
    assert len(shown) == 1
    said = set()
    for key in "cdf123456c":
        window.statusBar().clearMessage()
        press(qtbot, window, key)
        said.add(window.statusBar().currentMessage())
    assert len(shown) == 1  # the move's own box only
    assert len(said) == 1
    line = said.pop()
    assert "Nothing was changed" in line and "Open It There" in line
    review = window.desk.reviews.review(sid)
    assert review.tag is None and review.verdict is None


def test_replaced_tag_keys_name_open_it_again_in_the_status_bar(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = make_window(seeded_desk)
    shown = _boxes(monkeypatch)
    _replace(seeded_desk, tmp_path)
    window.workspace.check_outside_changes()
    assert len(shown) == 1 and "replaced by another file" in shown[0].text
    press(qtbot, window, "c")
    press(qtbot, window, "4")
    assert len(shown) == 1
    said = window.statusBar().currentMessage()
    assert "Nothing was changed" in said and "Open It Again" in said


def test_a_key_that_finds_the_move_first_is_told_in_a_box_once_then_in_the_status_bar(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Moved between two of the window's looks: the refused tag's box is the first word
    of it; the keys after say it in the status bar, and the strip is there at once."""
    window = make_window(seeded_desk)
    window.workspace._watch_timer.stop()  # the key finds it before the window looks
    _move(seeded_desk)
    shown = _boxes(monkeypatch)
    press(qtbot, window, "c")
    assert len(shown) == 1 and "the change was NOT saved" in shown[0].text
    press(qtbot, window, "d")
    press(qtbot, window, "f")
    assert len(shown) == 1
    assert "Open It There" in window.statusBar().currentMessage()
    assert window.workspace_strip.isVisible()


def test_after_later_the_note_under_typed_text_names_the_way_it_is_kept(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The red note said the text "is saved as soon as that works again": in a window that
    never saves again. It names the strip's button that takes the text along."""
    window = make_window(seeded_desk)
    _move(seeded_desk)
    _boxes(monkeypatch)
    window.workspace.check_outside_changes()  # "Later"
    _type_explanation(qtbot, window, "Ministry figures differ")
    note = window.panel.unsaved_label
    assert note.isVisibleTo(window)
    assert "as soon as that works again" not in note.text()
    assert "Open It There" in note.text() and "saves it" in note.text()


def test_replaced_the_note_under_typed_text_says_it_is_shown_to_copy(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = make_window(seeded_desk)
    _boxes(monkeypatch)
    _replace(seeded_desk, tmp_path)
    window.workspace.check_outside_changes()
    _type_explanation(qtbot, window, "Ministry figures differ")
    note = window.panel.unsaved_label.text()
    assert "as soon as that works again" not in note
    assert "Open It Again" in note and "copy" in note


def test_after_later_ctrl_z_says_it_in_the_status_line_not_a_box_each(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The edit keys were told in one status line, but Ctrl+Z (an edit made before the
    move still on the stack) went on to the save and popped a box at every press."""
    window = make_window(seeded_desk)
    sid = window.current_sentence_id()
    assert sid is not None
    press(qtbot, window, "c")  # saved before the move: Ctrl+Z offers it
    assert window.desk.edits.undo_text()
    _move(seeded_desk)
    shown = _boxes(monkeypatch)
    window.workspace.check_outside_changes()  # "Later"
    assert len(shown) == 1
    for _ in range(3):
        window.statusBar().clearMessage()
        window.registry[ActionId.UNDO].trigger()
        line = window.statusBar().currentMessage()
        assert "Nothing was changed" in line and "Open It There" in line
    assert len(shown) == 1  # the move's own box only
    assert window.desk.reviews.review(sid).tag is Tag.CLAIM


def test_after_later_undo_and_redo_answer_as_the_tag_buttons_beside_them(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Undo and Redo stay on, as Claim, Denial, Fact and Link Source beside them on the
    toolbar do: each says the one status line naming the strip's button (greyed, Undo
    would say there is nothing to take back), and changes nothing."""
    window = make_window(seeded_desk)
    sid = window.current_sentence_id()
    assert sid is not None
    press(qtbot, window, "c")
    press(qtbot, window, "d")
    window.registry[ActionId.UNDO].trigger()  # Denial undone: Redo offers it
    assert window.desk.reviews.review(sid).tag is Tag.CLAIM
    _move(seeded_desk)
    shown = _boxes(monkeypatch)
    window.workspace.check_outside_changes()  # "Later"
    registry = window.registry
    for action_id in (ActionId.UNDO, ActionId.REDO):
        assert registry[action_id].isEnabled() == registry[ActionId.TAG_CLAIM].isEnabled()
        window.statusBar().clearMessage()
        registry[action_id].trigger()
        line = window.statusBar().currentMessage()
        assert "Nothing was changed" in line and "Open It There" in line
    assert len(shown) == 1  # the move's own box only
    assert window.desk.reviews.review(sid).tag is Tag.CLAIM


def test_too_long_text_carried_to_the_moved_workspace_is_back_in_its_box(
    seeded_desk: Desk,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An explanation too long to save waits in its box; the workspace file is moved,
    "Later", then opened where it is. The text was carried over, still waiting, but the
    box showed the sentence's explanation as stored: one letter typed there replaced
    the waiting text with that letter, saved, the paste gone without a word. It is back
    in its box, and typing goes on from it."""
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    window = make_window(seeded_desk)
    panel, box = window.panel, window.panel.explanation_edit
    sid = window.current_sentence_id()
    assert sid is not None
    shown = _boxes(monkeypatch)
    typed = "The ministry's own 2019 table, pasted in whole. " * 3  # 144 characters
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.insertPlainText(typed)
    panel.flush_pending_text()
    new = _move(seeded_desk)
    window.workspace.check_outside_changes()  # "Later"
    window.workspace.switch_workspace(new)
    assert window.desk.path == new and window.current_sentence_id() == sid
    assert panel.refused_as_too_long(sid, "explanation")
    assert box.toPlainText() == typed
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box, "x")
    panel.flush_pending_text()
    assert panel.pending_text() == [(panel.where_typed(sid, "explanation"), typed + "x")]
    assert window.desk.reviews.review(sid).explanation == ""
    assert any(box.title == "Typed text too long" for box in shown)
