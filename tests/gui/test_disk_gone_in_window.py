"""The workspace's USB stick pulled out while the window has it open: the first refused
key says so in a box, the keys after in one status-bar line, as when the file is moved or
replaced; no form opens, and the note under typed text says what really happens to it
(this window's connection never reaches the stick again, even once it is back)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE
from tests.gui.conftest import press
from tests.usb_stick import UsbStick


def _window_on_stick(
    usb_stick: UsbStick, make_window: Callable[[Desk], MainWindow]
) -> tuple[Desk, MainWindow, int]:
    desk = Desk.open(usb_stick.folder / "w.fcdesk", purpose="the desk window", backup=False)
    desk.importer.import_file(SEED_FILE)
    window = make_window(desk)
    window.workspace._watch_timer.stop()  # the keys find the pull, as in use
    sid = window.current_sentence_id()
    assert sid is not None
    return desk, window, sid


def _boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def answer(box: QMessageBox) -> int:
        shown.append((box.text(), box.detailedText()))
        return QMessageBox.StandardButton.Cancel.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return shown


def test_a_pulled_stick_is_told_in_a_box_once_then_in_the_status_bar(
    usb_stick: UsbStick,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, each C, D, F or 1-6 pressed after the pull popped a box of its own."""
    desk, window, sid = _window_on_stick(usb_stick, make_window)
    shown = _boxes(monkeypatch)
    forms: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: forms.append(dialog.windowTitle()) or 0)
    usb_stick.pull()
    press(qtbot, window, "c")
    assert len(shown) == 1 and "USB stick" in shown[0][0]  # the news, in a box
    said = set()
    for key in "df123456c":
        window.statusBar().clearMessage()
        press(qtbot, window, key)
        said.add(window.statusBar().currentMessage())
    assert len(shown) == 1
    assert len(said) == 1
    line = said.pop()
    assert "Nothing was changed" in line and "Open It Again" in line
    banner = window.workspace_strip
    assert banner.isVisible() and "disk" in banner.text() and "plug" in banner.text().lower()
    window.registry[ActionId.LINK_SOURCE].trigger()
    window.registry[ActionId.ARTICLE_PROPERTIES].trigger()
    assert forms == []  # nothing typed into a form that cannot be saved
    assert len(shown) == 1
    assert window.desk is desk and desk.reviews.review(sid).tag is None
    desk.close()


def test_a_pulled_stick_the_note_under_typed_text_says_the_truth_and_keeps_it(
    usb_stick: UsbStick,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The note said the text "is saved as soon as that works again": this window's
    connection never reaches the stick again, even plugged back in. The strip's button
    opens it again, and the text typed meanwhile goes along (never vanishes)."""
    desk, window, sid = _window_on_stick(usb_stick, make_window)
    shown = _boxes(monkeypatch)
    usb_stick.pull()
    press(qtbot, window, "c")  # the news, in a box
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Ministry figures differ")
    panel.flush_pending_text()
    note = panel.unsaved_label.text()
    assert "as soon as that works again" not in note
    assert "plug" in note.lower() and "Open It Again" in note
    usb_stick.plug_back()
    panel.flush_pending_text()  # the retry: still not saved through the old connection
    assert "Open It Again" in panel.unsaved_label.text()
    button = window.workspace_strip.findChild(QPushButton, "stoppedWayBack")
    assert button is not None and button.isVisible()
    button.click()
    assert window.desk is not desk and not window.desk.read_only
    assert any("Ministry figures differ" in details for _, details in shown)
    assert not window.workspace_strip.isVisible()
    press(qtbot, window, "d")
    assert window.desk.reviews.review(sid).tag is Tag.DENIAL
    window.desk.close()


def test_a_pulled_stick_the_windows_look_shows_the_strip_after_the_box(
    usb_stick: UsbStick,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The box gone, the way back stays on the window (its look, every second)."""
    desk, window, _ = _window_on_stick(usb_stick, make_window)
    window.workspace._watch_timer.start()
    shown = _boxes(monkeypatch)
    usb_stick.pull()
    press(qtbot, window, "c")
    assert len(shown) == 1
    banner = window.workspace_strip
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    assert "went away" in banner.text()
    desk.close()


def _on_a_later_sentence(window: MainWindow, desk: Desk) -> tuple[int, int]:
    """The journalist deep into the second article: its third sentence current."""
    desk.importer.import_text(
        "The council met on Monday. The mayor said 12 bridges were repaired. "
        "The opposition denied it. Repairs cost 3 million euros."
    )
    window.reload_articles()
    article = window.article_model.article_at(1).id
    window.open_article(article)
    sentence = window.sentence_model.sentence_row(2).sentence.id
    window.open_article(article, sentence)
    assert (window.article_id, window.current_sentence_id()) == (article, sentence)
    return article, sentence


def test_a_pulled_stick_open_it_again_returns_to_the_same_article_and_sentence(
    usb_stick: UsbStick,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Plugged back in, the same workspace: Open It Again went to the first article (or
    wherever the desk was last quit), not to the sentence the journalist was on, as
    Open It There does for a file moved while open."""
    desk, window, _ = _window_on_stick(usb_stick, make_window)
    article, sentence = _on_a_later_sentence(window, desk)
    _boxes(monkeypatch)
    usb_stick.pull()
    press(qtbot, window, "c")  # the news, in a box
    usb_stick.plug_back()
    button = window.workspace_strip.findChild(QPushButton, "stoppedWayBack")
    assert button is not None
    button.click()
    assert window.desk is not desk and not window.desk.disk_failed
    assert (window.article_id, window.current_sentence_id()) == (article, sentence)
    press(qtbot, window, "d")
    assert window.desk.reviews.review(sentence).tag is Tag.DENIAL
    window.desk.close()


def test_a_pulled_stick_back_with_another_workspace_opens_it_as_any_open_does(
    usb_stick: UsbStick,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The stick plugged back in holds another workspace of that name (its owner copied
    another over it elsewhere): its article and sentence numbers are other articles and
    sentences, so the place is not carried over; it opens as any workspace does."""
    desk, window, _ = _window_on_stick(usb_stick, make_window)
    _on_a_later_sentence(window, desk)
    theirs = tmp_path / "theirs.fcdesk"
    other = Desk.open(theirs, backup=False)
    first = other.importer.import_text("The minister said exports rose by 4 percent.").article_id
    other.importer.import_text("The union said 300 jobs were cut. The firm denied it. It hires.")
    other.close()
    _boxes(monkeypatch)
    usb_stick.pull()
    press(qtbot, window, "c")
    usb_stick.plug_back()
    path = usb_stick.folder / "w.fcdesk"
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    shutil.copyfile(theirs, path)
    button = window.workspace_strip.findChild(QPushButton, "stoppedWayBack")
    assert button is not None
    button.click()
    assert window.desk is not desk and window.desk.path == path
    assert window.article_model.rowCount() == 2 and window.article_id == first
    window.desk.close()


def test_a_choice_in_the_panel_after_the_pull_is_not_shown_as_made(
    usb_stick: UsbStick,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A tag button clicked, or a verdict chosen in its box, after the pull is refused
    ("Nothing was changed"), but the panel showed it chosen over a sentence the list
    showed untagged: moving on, it was taken for done. It shows what is saved."""
    desk, window, sid = _window_on_stick(usb_stick, make_window)
    _boxes(monkeypatch)
    usb_stick.pull()
    press(qtbot, window, "c")  # the news, in a box
    panel = window.panel
    denial = next(b for b in panel.tag_group.buttons() if b.text() == "Denial")
    qtbot.mouseClick(denial, Qt.MouseButton.LeftButton)
    assert "Nothing was changed" in window.statusBar().currentMessage()
    panel.verdict_box.setFocus()
    qtbot.keyClick(panel.verdict_box, Qt.Key.Key_Down)  # "1  True"
    assert "Nothing was changed" in window.statusBar().currentMessage()
    row = window.current_row()
    assert row is not None and row.sentence.id == sid and row.review.tag is None
    assert not any(button.isChecked() for button in panel.tag_group.buttons())  # as listed
    assert panel.verdict_box.currentIndex() == 0  # "— no verdict —", as saved
    desk.close()


def test_a_choice_refused_after_the_pull_leaves_the_typed_text_in_its_fields(
    usb_stick: UsbStick,
    qtbot: QtBot,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The panel shown again from the list's row when a tag or verdict is refused keeps
    what was typed and not saved: the claimant the pull refused, and the explanation
    typed just before the click, not tried yet. Filled from the row, both went from
    their fields."""
    desk, window, _sid = _window_on_stick(usb_stick, make_window)
    _boxes(monkeypatch)
    panel = window.panel
    usb_stick.pull()
    panel.claimant_edit.setFocus()
    qtbot.keyClicks(panel.claimant_edit, "The mayor")
    panel.flush_pending_text()  # refused: the stick is gone
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Checked twice.")  # its save not tried yet
    denial = next(b for b in panel.tag_group.buttons() if b.text() == "Denial")
    qtbot.mouseClick(denial, Qt.MouseButton.LeftButton)
    panel.verdict_box.setFocus()
    qtbot.keyClick(panel.verdict_box, Qt.Key.Key_Down)
    assert "Nothing was changed" in window.statusBar().currentMessage()
    assert not denial.isChecked()
    assert panel.claimant_edit.text() == "The mayor"
    assert panel.explanation_edit.toPlainText() == "Checked twice."
    assert {text for _where, text in panel.pending_text()} == {"The mayor", "Checked twice."}
    panel.discard_pending_text()  # the window closes after the test without asking
    desk.close()
