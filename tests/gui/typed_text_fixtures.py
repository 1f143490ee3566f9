"""What the typed-text tests share: the window they type in, the boxes they are told
in, the typing itself, and the steps that land under it (a colleague's merge undone
then redone in its worker, another connection's saves of the same review).

A module that uses the fixtures imports them by name and lists them in `__all__`, as
pytest finds a fixture by the name it has in the test's module."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.review_panel import ReviewPanel
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE
from tests.gui.test_window_monkey_findings import worker_runs
from tests.services.test_merge_split import older_cut

EXPLANATION = "The census of 2019 counts 335,600 people, not 400,000."


@pytest.fixture
def cut_window(seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]) -> MainWindow:
    """The sample article as an older splitter cut it (its first sentences in pairs:
    re-splitting replaces them), open on its first sentence."""
    article_id = seeded_desk.articles.list_articles()[0].id
    older_cut(seeded_desk, article_id, pairs=2)
    seeded_desk.edits.clear()
    window = make_window(seeded_desk)
    window.open_article(article_id)
    first = window.sentence_model.sentence_row(0).sentence.id
    window.select_sentence(first)
    return window


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box shown, its text and its details (the typed text offered to
    copy stands there), each answered at once."""
    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(f"{box.text()}\n{box.detailedText()}")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


@pytest.fixture
def ana(qtbot: QtBot, tmp_path: Path) -> Iterator[Desk]:
    """Reviewer ana's workspace (tmp_path/w.fcdesk), the sample article imported. It asks
    for `qtbot` so that it is closed before the test's windows are, as a test's own
    `finally: desk.close()` did."""
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False, reviewer="ana")
    try:
        desk.importer.import_file(SEED_FILE)
        yield desk
    finally:
        desk.close()


def merge_from_dora(desk: Desk, tmp_path: Path, dora_does: Callable[[Desk], object]) -> None:
    """A copy of `desk` handed to reviewer dora, changed there by `dora_does`, merged back
    in (one undo step)."""
    shutil.copyfile(desk.upkeep.backup_now("colleague"), tmp_path / "dora.fcdesk")
    dora = Desk.open(tmp_path / "dora.fcdesk", backup=False, reviewer="dora")
    dora_does(dora)
    dora.close()
    desk.merge.merge(tmp_path / "dora.fcdesk")


def undo_or_redo_in_worker(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, action: ActionId
) -> list[threading.Thread]:
    """Ctrl+Z or Ctrl+Y of a merge, its worker held (given back, to be started): the
    window goes on taking keys while it would run."""
    held = worker_runs(monkeypatch, at_once=False)
    window.registry[action].trigger()
    return held


DorasMergeRedone = Callable[
    [Callable[[Desk], object], int], tuple[MainWindow, list[threading.Thread]]
]


@pytest.fixture
def doras_merge_redone(
    ana: Desk,
    tmp_path: Path,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> DorasMergeRedone:
    """Called with what dora does in her copy and a sentence of article 1: her merge
    into `ana`, undone, then a window open on that sentence and Ctrl+Y pressed there,
    its worker held (given back with the window, to be started)."""

    def redo(
        dora_does: Callable[[Desk], object], at: int
    ) -> tuple[MainWindow, list[threading.Thread]]:
        merge_from_dora(ana, tmp_path, dora_does)
        ana.undo()
        window = make_window(ana)
        window.open_article(1)
        window.select_sentence(at)
        return window, undo_or_redo_in_worker(window, monkeypatch, ActionId.REDO)

    return redo


def type_text(qtbot: QtBot, window: MainWindow, text: str = EXPLANATION) -> ReviewPanel:
    """`text` typed into the current sentence's explanation; its save not made yet."""
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, text)
    return panel


@contextmanager
def saved_meanwhile_twice(desk: Desk, **also: str) -> Iterator[list[int]]:
    """Another connection saves the review each time the desk reads it before its save,
    twice (the service tries twice: `ReviewChangedMeanwhile` both times): claimant
    "Mayor 1", then "Mayor 2", with `also`. Gives the sentence ids read."""
    read = desk.repo.reviews.get_review
    calls: list[int] = []

    def read_while_another_connection_saves(sentence_id: int):  # type: ignore[no-untyped-def]
        review = read(sentence_id)
        calls.append(sentence_id)
        # Each try reads the review here, before its transaction (the transaction's own
        # look, `ReviewEdit.made_from_now`, reads it apart): saved there meanwhile.
        if len(calls) in (1, 2):
            helper = desk.open_helper()
            try:
                now = helper.repo.reviews.get_review(sentence_id)
                helper.repo.reviews.save_review(now.edited(claimant=f"Mayor {len(calls)}", **also))
            finally:
                helper.close()
        return review

    desk.repo.reviews.get_review = read_while_another_connection_saves  # type: ignore[method-assign]
    try:
        yield calls
    finally:
        del desk.repo.reviews.get_review
