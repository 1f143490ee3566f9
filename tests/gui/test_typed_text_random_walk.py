"""Typed text never lands on the wrong sentence, nor in the wrong workspace, whatever a
reviewer does around it: random walks over the review panel's ways of keeping it (too
long and waiting, its box's document kept with its undo, Ctrl+Z and Ctrl+Y in the box and
on the sentences, another program's change read again, another workspace opened).

Each text typed carries a mark naming the workspace and sentence it was typed on: a mark
anywhere else (the box of another sentence, another review, another workspace) is typed
text on the wrong sentence. The box shows what is saved or what waits, never anything
else. Typed text is refused as over another program's save (`TypedOverSaved`) only
where another program saved an explanation. A few walks each run; a hundred more with
`-m slow` (FACTCHECK_WALKS sets how many), which found a deleted claimant typed back
into another workspace one walk in twenty."""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QTextCursor, QTextOption
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.domain import review_rules
from factcheck_app.domain.printable import has_unbroken_run
from factcheck_app.gui.controllers import edits
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.test_logout_with_unsaved_text import shown_boxes
from tests.gui.test_undo_edges import made

CTRL = Qt.KeyboardModifier.ControlModifier
MARK = re.compile(r"M(\d+)x")
STEPS = 40
FEW = 5
WALKS = int(os.environ.get("FACTCHECK_WALKS", "100"))
KINDS = (
    "type",
    "too long",
    "run",
    "cut",
    "delete all",
    "delete all",
    "claimant",
    "move",
    "move",
    "box undo",
    "box undo",
    "box redo",
    "undo",
    "redo",
    "tag",
    "outside verdict",
    "outside explanation",
    "save",
    "deleted later",
    "other workspace",
    "other workspace",
)


TOLD = edits.EditSlots._typed_over_saved  # the window's, each walk's wrapped round it


def marks(text: str) -> set[int]:
    return {int(mark) for mark in MARK.findall(text)}


class Walk:
    """One reviewer's walk over two workspaces numbered alike (each from 1)."""

    def __init__(self, qtbot: QtBot, window: MainWindow, paths: list[Path], seed: int) -> None:
        self.qtbot, self.window, self.paths = qtbot, window, paths
        self.rng = random.Random(seed)
        self.done: list[tuple[str, int]] = []  # for the assertion's words
        # Refused as typed over another program's save (`refusals`), and where another
        # program saved an explanation: a refusal anywhere else names a save nobody made.
        self.refused: list[tuple[int, str]] = []
        self.saved_outside: set[int] = set()

    def where(self, sentence_id: int) -> int:
        """The mark of a sentence of the workspace open: its workspace and its id."""
        return (0 if self.window.desk.path == self.paths[0] else 1) * 1000 + sentence_id

    def ids(self) -> list[int]:
        return [row.sentence.id for row in list(self.window.sentence_model.rows())[:4]]

    def focus(self, box: QWidget) -> None:
        box.setFocus()
        self.qtbot.waitUntil(box.hasFocus)

    def pasted(self, text: str) -> None:
        data = QMimeData()
        data.setText(text)
        self.window.panel.explanation_edit.insertFromMimeData(data)

    def step(self) -> None:
        window, panel, qtbot, rng = self.window, self.window.panel, self.qtbot, self.rng
        box = panel.explanation_edit
        current = window.current_sentence_id()
        assert current is not None
        mark = f"M{self.where(current)}x"
        kind = rng.choice(KINDS)
        self.done.append((kind, self.where(current)))
        if kind in ("type", "too long", "run", "cut", "delete all", "box undo", "box redo"):
            self.focus(box)
        if kind == "type":
            qtbot.keyClicks(box, f" {mark}")
        elif kind == "too long":  # past the limit below: refused, waits
            self.pasted(f"{mark}{'y' * 60} {mark}{'z' * 40}")
        elif kind == "run":  # a run without a space, wrapped anywhere
            self.pasted(mark + "9" * 2500)
        elif kind == "cut":
            cursor = box.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            back = min(50, len(box.toPlainText()))
            cursor.movePosition(
                QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, back
            )
            cursor.removeSelectedText()
        elif kind == "delete all":
            qtbot.keyClick(box, Qt.Key.Key_A, CTRL)
            qtbot.keyClick(box, Qt.Key.Key_Delete)
        elif kind == "claimant":
            self.focus(panel.claimant_edit)
            qtbot.keyClicks(panel.claimant_edit, mark)
        elif kind == "move":
            window.select_sentence(rng.choice(self.ids()))
        elif kind in ("box undo", "box redo"):
            qtbot.keyClick(box, Qt.Key.Key_Z if kind == "box undo" else Qt.Key.Key_Y, CTRL)
        elif kind in ("undo", "redo", "tag"):
            view = window.sentence_view
            self.focus(view)
            if kind == "tag":
                qtbot.keyClick(view, rng.choice([Qt.Key.Key_C, Qt.Key.Key_F, Qt.Key.Key_2]))
            else:
                qtbot.keyClick(view, Qt.Key.Key_Z if kind == "undo" else Qt.Key.Key_Y, CTRL)
        elif kind in ("outside verdict", "outside explanation"):
            other = rng.choice(self.ids())
            helper = window.desk.open_helper()  # another connection, as another program's
            try:
                if kind == "outside verdict":
                    helper.reviews.set_verdict(other, rng.choice(["true", "false"]))
                else:
                    said = f"M{self.where(other)}x by another program"
                    helper.reviews.set_text_field(other, "explanation", said)
                    self.saved_outside.add(self.where(other))
            finally:
                helper.close()
            window.edits.show_as_saved()
        elif kind == "save":
            panel.flush_pending_text()
        elif kind == "deleted later":  # the documents let go, deleted now
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
            QApplication.processEvents()
        elif kind == "other workspace":
            panel.flush_pending_text()
            if not panel.has_pending_text():  # else it asks first: not this walk's
                there = self.paths[1] if window.desk.path == self.paths[0] else self.paths[0]
                window.workspace.switch_workspace(there)
        self.check()

    def check(self) -> None:
        window, panel = self.window, self.window.panel
        box = panel.explanation_edit
        current = window.current_sentence_id()
        assert current is not None
        shown, here = box.toPlainText(), self.where(current)
        assert marks(shown) <= {here}, self.done
        assert marks(panel.claimant_edit.text()) <= {here}, self.done
        for sentence_id in self.ids():
            review = window.desk.reviews.review(sentence_id)
            own = {self.where(sentence_id)}
            assert marks(review.explanation) <= own and marks(review.claimant) <= own, self.done
        for (sentence_id, _field), value in panel._pending.items():
            assert marks(value) <= {self.where(sentence_id)}, self.done
        waiting = panel._pending.get((current, "explanation"))
        saved = window.desk.reviews.review(current).explanation
        assert shown == (saved if waiting is None else waiting), self.done
        for where, field_name in self.refused:
            assert field_name == "explanation", self.done
            assert where in self.saved_outside, self.done
        if has_unbroken_run(shown):  # laid out at words, a run takes time n² of it
            assert box.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere, self.done


def walk_over_two_workspaces(
    qtbot: QtBot,
    folder: Path,
    make_window: Callable[[Desk], MainWindow],
    seed: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder.mkdir()
    paths = [made(folder / "a.fcdesk"), made(folder / "b.fcdesk")]
    walk = Walk(qtbot, make_window(Desk.open(paths[0])), paths, seed)

    def telling(slots: edits.EditSlots, sentence_id: int, field_name: str, saved: str) -> None:
        walk.refused.append((walk.where(sentence_id), field_name))
        TOLD(slots, sentence_id, field_name, saved)

    monkeypatch.setattr(edits.EditSlots, "_typed_over_saved", telling)
    for _ in range(STEPS):
        walk.step()
    walk.window.panel.flush_pending_text()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    window = walk.window
    waiting = dict(window.panel._pending)
    window.close()  # as Quit: closed, or kept open over the typed text still waiting
    assert window.desk.closed if not waiting else window.panel._pending == waiting
    if not window.desk.closed:
        window.panel.discard_pending_text()  # the reviewer gives it up: then it closes
        window.close()
        assert window.desk.closed


@pytest.fixture
def walking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown_boxes(monkeypatch)


@pytest.mark.parametrize("seed", range(FEW))
def test_typed_text_stays_on_its_sentence_whatever_is_done_around_it(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    walking: None,
    seed: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    walk_over_two_workspaces(qtbot, tmp_path / "walk", make_window, seed, monkeypatch)


@pytest.mark.slow
def test_a_hundred_walks_more(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    walking: None,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Nothing deselects `slow` by default: the long run waits to be asked for.
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("a hundred walks, about a minute: run with -m slow")
    for seed in range(FEW, FEW + WALKS):
        walk_over_two_workspaces(qtbot, tmp_path / f"walk{seed}", make_window, seed, monkeypatch)
