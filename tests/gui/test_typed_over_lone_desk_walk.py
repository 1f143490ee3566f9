"""A lone desk is never told another program saved a field it typed over: random walks
of typing (with pauses, line breaks written "\\r\\n", tabs, trailing and no-break spaces),
Ctrl+Z and Ctrl+Y in the boxes and on the sentences, verdict and tag keys, Accept
Suggestion, Merge with Next and its undo, moving between sentences and articles, and
the workspace opened again, her name changed in Preferences, with no other program
anywhere. A refusal there (`TypedOverSaved`) would tell a journalist another program
saved when none did, and keep her text unsaved; nor is any Ctrl+Z or Ctrl+Y refused
for good (`EditGone`: "… saved this sentence's review since"), every save of a review
a second after the one before, so a name or time put back wrong would show; and
nothing typed is lost: what waits at the end is only text refused as too long."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.domain import review_rules
from factcheck_app.domain.errors import EditGone
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.controllers import edits
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.storage.stores import rows
from tests.gui.test_logout_with_unsaved_text import shown_boxes
from tests.gui.test_undo_edges import made

CTRL = Qt.KeyboardModifier.ControlModifier
STEPS = 40
FEW = 6
WALKS = int(os.environ.get("FACTCHECK_WALKS", "60"))
SECOND_ARTICLE = (
    "The mayor said the bridge cost 4 million. Critics say it cost twice that.\n\n"
    "The council denied it on Monday. Nobody has seen the invoices."
)
PASTES = (
    "two lines\r\nwritten on Windows",
    "a tab\there and trailing spaces   ",
    "no-break\u00a0space and\u00a0more\u00a0",
    "\r\n\r\nbreaks first\r\n",
    "  spaces first",
)
KINDS = (
    "type explanation",
    "type explanation",
    "type claimant",
    "type claimant",
    "paste explanation",
    "paste claimant",
    "too long",
    "delete all",
    "pause",
    "pause",
    "box undo",
    "box redo",
    "undo",
    "undo",
    "redo",
    "verdict",
    "tag",
    "accept",
    "merge",
    "move",
    "move",
    "article",
    "reopen",
    "disk full",
    "room",
    "read again",
    "accept all",
    "rename",
)
NAMES = ("Ana Ruiz", "Ana R.", "Zoë Ngata")


class LoneWalk:
    """One reviewer alone on a workspace of two articles."""

    def __init__(self, qtbot: QtBot, window: MainWindow, refused: list[str], seed: int) -> None:
        self.qtbot, self.window, self.refused = qtbot, window, refused
        self.rng = random.Random(seed)
        self.done: list[str] = []

    def focus(self, box: QWidget) -> None:
        box.setFocus()
        self.qtbot.waitUntil(box.hasFocus)

    def ids(self) -> list[int]:
        return [row.sentence.id for row in list(self.window.sentence_model.rows())[:4]]

    def list_key(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        view = self.window.sentence_view
        self.focus(view)
        self.qtbot.keyClick(view, key, modifier)

    def step(self) -> None:
        window, panel, qtbot, rng = self.window, self.window.panel, self.qtbot, self.rng
        kind = rng.choice(KINDS)
        self.done.append(kind)
        claimant, explanation = panel.claimant_edit, panel.explanation_edit
        if kind == "type explanation":
            self.focus(explanation)
            qtbot.keyClicks(explanation, rng.choice([" word", "x ", "  ", "\t"]))
        elif kind == "type claimant":
            self.focus(claimant)
            qtbot.keyClicks(claimant, rng.choice([" Bea", "x ", "  "]))
        elif kind == "paste explanation":
            self.focus(explanation)
            data = QMimeData()
            data.setText(rng.choice(PASTES))
            explanation.insertFromMimeData(data)
        elif kind == "paste claimant":
            self.focus(claimant)
            claimant.insert(rng.choice(PASTES))
        elif kind == "too long":
            self.focus(explanation)
            data = QMimeData()
            data.setText("y " * 60)
            explanation.insertFromMimeData(data)
        elif kind == "delete all":
            box = rng.choice([claimant, explanation])
            self.focus(box)
            qtbot.keyClick(box, Qt.Key.Key_A, CTRL)
            qtbot.keyClick(box, Qt.Key.Key_Delete)
        elif kind == "pause":
            panel.flush_pending_text()
        elif kind in ("box undo", "box redo"):
            box = rng.choice([claimant, explanation])
            self.focus(box)
            qtbot.keyClick(box, Qt.Key.Key_Z if kind == "box undo" else Qt.Key.Key_Y, CTRL)
        elif kind in ("undo", "redo"):
            self.list_key(Qt.Key.Key_Z if kind == "undo" else Qt.Key.Key_Y, CTRL)
        elif kind == "verdict":
            self.list_key(rng.choice([Qt.Key.Key_1, Qt.Key.Key_5, Qt.Key.Key_6]))
        elif kind == "tag":
            self.list_key(rng.choice([Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_F, Qt.Key.Key_X]))
        elif kind == "accept":
            self.list_key(Qt.Key.Key_A)
        elif kind == "merge":
            self.focus(window.sentence_view)
            window.registry[ActionId.MERGE_NEXT].trigger()
        elif kind == "move":
            window.select_sentence(rng.choice(self.ids()))
        elif kind == "article":
            articles = window.article_model
            others = [
                articles.article_at(row).id
                for row in range(articles.rowCount())
                if articles.article_at(row).id != window.article_id
            ]
            if others:
                window.open_article(rng.choice(others))
        elif kind in ("disk full", "room"):  # this workspace's own disk, no one else
            db = window.desk.workspace.db
            pages = db.execute("PRAGMA page_count").fetchone()[0]
            db.execute(f"PRAGMA max_page_count = {pages if kind == 'disk full' else 1073741823}")
        elif kind == "read again":  # as after a refusal: nothing another program saved
            window.edits.show_as_saved()
        elif kind == "accept all":
            self.focus(window.sentence_view)
            window.registry[ActionId.ACCEPT_ALL_SUGGESTIONS].trigger()
        elif kind == "rename":  # Preferences: edits from now on under another name
            window.desk.set_reviewer(rng.choice(NAMES))
        elif kind == "reopen":
            panel.flush_pending_text()
            if not panel.has_pending_text():  # else it asks first: not this walk's
                window.workspace.switch_workspace(window.desk.path)
        QApplication.processEvents()
        assert not self.refused, (self.refused, self.done)


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every "saved by another program" refusal the window tells of: typed text's, and
    an undo's or redo's refused for good (every one the window shows, a worker's too)."""
    refused: list[str] = []
    told = edits.EditSlots._typed_over_saved
    shown_outside = edits.EditSlots.show_outside_change

    def telling(slots: edits.EditSlots, sentence_id: int, field_name: str, saved: str) -> None:
        refused.append(f"{field_name} of {sentence_id}: {saved!r}")
        told(slots, sentence_id, field_name, saved)

    def outside(slots: edits.EditSlots, step: object, error: Exception) -> None:
        if isinstance(error, EditGone):
            refused.append(str(error))
        shown_outside(slots, step, error)

    start = dt.datetime.now(dt.UTC)
    seconds = itertools.count()
    monkeypatch.setattr(rows, "CLOCK", lambda: start + dt.timedelta(seconds=next(seconds)))
    monkeypatch.setattr(edits.EditSlots, "_typed_over_saved", telling)
    monkeypatch.setattr(edits.EditSlots, "show_outside_change", outside)
    monkeypatch.setattr(edits, "show_error", lambda *args, **kwargs: None)  # a full disk's
    monkeypatch.setattr(QInputDialog, "getInt", lambda *args, **kwargs: (0, True))
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    shown_boxes(monkeypatch)
    return refused


def lone_walk(
    qtbot: QtBot,
    path: Path,
    make_window: Callable[[Desk], MainWindow],
    refused: list[str],
    seed: int,
) -> None:
    made(path)
    desk = Desk.open(path)
    desk.importer.import_text(SECOND_ARTICLE)
    walk = LoneWalk(qtbot, make_window(desk), refused, seed)
    for _ in range(STEPS):
        walk.step()
    window = walk.window
    window.desk.workspace.db.execute("PRAGMA max_page_count = 1073741823")
    window.panel.flush_pending_text()
    assert not refused, (refused, walk.done)
    waiting = window.panel._pending
    assert all(window.panel.refused_as_too_long(*key) for key in waiting), walk.done
    window.panel.discard_pending_text()
    window.close()


@pytest.mark.parametrize("seed", range(FEW))
def test_a_lone_desk_is_never_told_another_program_saved_what_it_typed_over(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    refusals: list[str],
    seed: int,
) -> None:
    lone_walk(qtbot, tmp_path / "lone.fcdesk", make_window, refusals, seed)


@pytest.mark.slow
def test_many_lone_walks_more(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    refusals: list[str],
    request: pytest.FixtureRequest,
) -> None:
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("many walks: run with -m slow")
    for seed in range(FEW, FEW + WALKS):
        lone_walk(qtbot, tmp_path / f"lone{seed}.fcdesk", make_window, refusals, seed)
