"""Ctrl+Z and Ctrl+Shift+Z with nothing to take: the key says so in the status bar, and
after another workspace was opened, that the edits made in the one before are out of
its reach (the window starts each workspace it opens with an empty undo list)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.services.sources import NewSource
from tests.conftest import SEED_FILE

CTRL_Z = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
CTRL_SHIFT_Z = (
    Qt.Key.Key_Z,
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
)


def made(path: Path) -> Path:
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    return path


class Said:
    """What the status bar shows from now on."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.lines: list[str] = []
        window.statusBar().messageChanged.connect(lambda text: text and self.lines.append(text))

    def after(self, qtbot: QtBot, *key: object) -> list[str]:
        self.lines.clear()
        view = self.window.sentence_view
        view.setFocus()
        qtbot.keyClick(view, *key)  # type: ignore[arg-type]
        return list(self.lines)

    def fits(self, line: str) -> bool:
        """Whole in the status bar beside its progress label (1024 px window)."""
        status = self.window.statusBar()
        room = status.width() - self.window.progress_label.sizeHint().width() - 24
        return status.fontMetrics().horizontalAdvance(line) <= room


@pytest.fixture
def opened(tmp_path: Path, make_window: Callable[[Desk], MainWindow]) -> MainWindow:
    window = make_window(Desk.open(made(tmp_path / "election-night-2026.fcdesk")))
    window.resize(1024, 640)
    return window


def test_ctrl_z_and_ctrl_shift_z_with_nothing_to_take_say_so(
    qtbot: QtBot, opened: MainWindow
) -> None:
    """A fresh window: both keys did nothing and said nothing, as if not pressed."""
    said = Said(opened)
    assert not opened.registry[ActionId.UNDO].isEnabled()
    assert said.after(qtbot, *CTRL_Z) == ["Nothing to undo."]
    assert said.after(qtbot, *CTRL_SHIFT_Z) == ["Nothing to redo."]
    sid = opened.current_sentence_id()
    assert sid is not None
    qtbot.keyClick(opened.sentence_view, Qt.Key.Key_C)
    assert said.after(qtbot, *CTRL_Z)[0].startswith("Undone")
    assert opened.desk.reviews.review(sid).tag is None
    assert said.after(qtbot, *CTRL_Z) == ["Nothing to undo."]
    assert said.after(qtbot, *CTRL_SHIFT_Z)[0].startswith("Redone")
    assert said.after(qtbot, *CTRL_SHIFT_Z) == ["Nothing to redo."]
    assert opened.desk.reviews.review(sid).tag is Tag.CLAIM


def test_ctrl_z_after_opening_another_workspace_says_its_edits_are_out_of_reach(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path
) -> None:
    """File → Open Workspace (or a recent one) starts with an empty undo list: Ctrl+Z
    said nothing, and the journalist could think the tag just given in the other
    workspace could still be taken back. Opening that one again does not bring its
    undo list back either, and Ctrl+Z says so there too."""
    first = opened.desk.path
    assert first is not None
    other = made(tmp_path / "budget.fcdesk")
    said = Said(opened)
    sid = opened.current_sentence_id()
    assert sid is not None
    qtbot.keyClick(opened.sentence_view, Qt.Key.Key_C)  # the edit left behind
    opened.workspace.switch_workspace(other)
    assert opened.desk.path == other
    told = (
        "Nothing to undo here: Ctrl+Z does not take back your edits in "
        "election-night-2026.fcdesk, even after opening it again."
    )
    assert said.after(qtbot, *CTRL_Z) == [told]
    assert said.fits(told)
    # An edit here is undone as ever; then the key says it again.
    qtbot.keyClick(opened.sentence_view, Qt.Key.Key_F)
    assert said.after(qtbot, *CTRL_Z)[0].startswith("Undone")
    assert said.after(qtbot, *CTRL_Z) == [told]
    # Back in the first workspace: its tag is there, saved, and not Ctrl+Z's to take.
    opened.workspace.switch_workspace(first)
    assert opened.desk.path == first
    assert opened.desk.reviews.review(sid).tag is Tag.CLAIM
    again = (
        "Nothing to undo: Ctrl+Z does not take back edits made before "
        "election-night-2026.fcdesk was opened again."
    )
    assert said.after(qtbot, *CTRL_Z) == [again]
    assert said.fits(again)
    assert opened.desk.reviews.review(sid).tag is Tag.CLAIM


def test_a_workspace_left_with_nothing_to_undo_is_not_named(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path
) -> None:
    """Only read, never edited: nothing Ctrl+Z could have taken back is left behind."""
    opened.workspace.switch_workspace(made(tmp_path / "budget.fcdesk"))
    said = Said(opened)
    assert said.after(qtbot, *CTRL_Z) == ["Nothing to undo."]


def test_ctrl_z_in_a_box_never_brings_the_last_workspaces_typing_there(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path
) -> None:
    """Typed into #1's Claimant and Explanation boxes, deleted (saved empty), then
    another workspace opened at its own #1, empty too and numbered alike (each workspace
    numbers its sentences from 1): its boxes were not filled anew, and Ctrl+Z there put
    the other workspace's words into them, saved in this one."""
    panel = opened.panel
    sid = opened.current_sentence_id()
    for box in (panel.claimant_edit, panel.explanation_edit):
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        qtbot.keyClicks(box, "Wrong workspace")
        panel.flush_pending_text()
        qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(box, Qt.Key.Key_Delete)
        panel.flush_pending_text()
    opened.workspace.switch_workspace(made(tmp_path / "budget.fcdesk"))
    assert opened.current_sentence_id() == sid  # the other workspace's own #1
    for box in (panel.claimant_edit, panel.explanation_edit):
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        opened.statusBar().clearMessage()
        qtbot.keyClick(box, *CTRL_Z)
        panel.flush_pending_text()
        said = opened.statusBar().currentMessage()
        assert said == "Nothing to undo: nothing typed in this box, and no edit."
    review = opened.desk.reviews.review(sid)
    assert (review.claimant, review.explanation) == ("", "")


def test_undo_names_a_source_with_an_ampersand_as_it_is_titled(window: MainWindow) -> None:
    """Edit → Undo read "Undo Link source ATT annual report" (the "&" taken for the menu
    item's Alt key, the T underlined) after a source titled "AT&T annual report"."""
    sentence = window.current_sentence_id()
    assert sentence is not None
    change = window.desk.sources.link_source(
        sentence, NewSource(url="https://example.org/att", title="AT&T annual report")
    )
    window.edits.show_change(change)
    assert drawn(window.registry[ActionId.UNDO].text()) == "Undo Link source AT&T annual report"
    window.desk.undo()
    window.edits.update_undo_actions()
    assert drawn(window.registry[ActionId.REDO].text()) == "Redo Link source AT&T annual report"


def drawn(text: str) -> str:
    """A menu item's text as Qt draws it: "&x" is x with its Alt key, "&&" one "&"."""
    return re.sub("&(.)", r"\1", text)


def test_ctrl_z_of_a_split_another_program_reviewed_since_says_so_and_keeps_it(
    tmp_path: Path, make_window: Callable[[Desk], MainWindow], boxes: list[str]
) -> None:
    """Ctrl+Z of a split whose second part another program gave a verdict since: a box
    says why nothing was undone, the verdict stays, and Undo offers the step beneath."""
    import sqlite3

    path = made(tmp_path / "w.fcdesk")
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    sentence = desk.reviews.sentence_rows(1)[2].sentence
    desk.reviews.set_tag(sentence.id, Tag.CLAIM)
    at = sentence.start + sentence.text.index(" ", len(sentence.text) // 2) + 1
    desk.boundaries.split_sentence(sentence.id, at)
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    tail = ids[ids.index(sentence.id) + 1]
    window = make_window(desk)
    other = sqlite3.connect(path)
    with other:
        other.execute(
            "INSERT INTO reviews (sentence_id, tag, rating, status) VALUES (?, 'claim', 'true',"
            " 'done')",
            [tail],
        )
    other.close()
    window.registry[ActionId.UNDO].trigger()
    (said,) = boxes
    assert said.startswith("Undo of “Split sentence” was refused: its sentences were changed")
    assert "(a review)" in said and "Ctrl+Z goes on with the step before it" in said
    assert desk.reviews.review(tail).verdict == "true"
    assert drawn(window.registry[ActionId.UNDO].text()).startswith("Undo Tag")
    # The table shows what the other program saved, which the box spoke of.
    rows = window.sentence_model.rows()
    assert rows[window.sentence_model.row_of(tail)].review.verdict == "true"


def test_ctrl_z_of_a_long_step_another_program_changed_since_shows_that_change(
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    boxes: list[str],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long re-split's undo runs in a worker: refused there for another program's
    verdict, the table went on showing the part unreviewed, as the short step's did
    before (the box spoke of a verdict nobody could see, and the panel's stale fields
    were what a letter typed there saved over it)."""
    import sqlite3

    from factcheck_app.services import edits

    monkeypatch.setattr(edits, "LONG_STEP_SENTENCES", 2)  # this split runs in a worker
    path = made(tmp_path / "w.fcdesk")
    desk = Desk.open(path, backup=False, reviewer="Ana Ruiz")
    sentence = desk.reviews.sentence_rows(1)[2].sentence
    desk.reviews.set_tag(sentence.id, Tag.CLAIM)
    at = sentence.start + sentence.text.index(" ", len(sentence.text) // 2) + 1
    desk.boundaries.split_sentence(sentence.id, at)
    ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
    tail = ids[ids.index(sentence.id) + 1]
    window = make_window(desk)
    other = sqlite3.connect(path)
    with other:
        other.execute(
            "INSERT INTO reviews (sentence_id, tag, rating, status) VALUES (?, 'claim', 'true',"
            " 'done')",
            [tail],
        )
    other.close()
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        window.registry[ActionId.UNDO].trigger()
    (said,) = boxes
    assert "Undo of “Split sentence” was refused" in said and "(a review)" in said
    assert desk.reviews.review(tail).verdict == "true"
    assert drawn(window.registry[ActionId.UNDO].text()).startswith("Undo Tag")
    rows = window.sentence_model.rows()
    assert rows[window.sentence_model.row_of(tail)].review.verdict == "true"
