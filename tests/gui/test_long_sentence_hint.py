"""An article imported before the splitter cut sentences at `MAX_SENTENCE_CHARS` keeps
its sentences of megabytes (no re-split at an open, on purpose), and each save of such a
sentence's review rewrites its whole search row: a second or more of a frozen window.
Nothing told the reviewer why, nor that Edit → Re-split Article… cuts it. Opening such an
article says so once a session, in the status bar, never in a box."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

import factcheck_app.domain.segmentation as segmentation
from factcheck_app.gui.actions import ActionId, first_key_text
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.notices import Notices
from factcheck_app.services.desk import Desk

# One line with no sentence end: imported before the cap, one sentence of 760,000 characters.
LONG_LINE = "The mayor said that the bridge cost 3 million dollars and nobody checked it " * 10_000
NORMAL = "The mayor opened the bridge. It cost 3 million dollars. Nobody checked it."


def _told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notice the window owes the reviewer from now on."""
    told: list[str] = []
    tell = Notices.tell

    def recording(self: Notices, text: str, ms: int, *, key: str = "") -> None:
        told.append(text)
        tell(self, text, ms, key=key)

    monkeypatch.setattr(Notices, "tell", recording)
    return told


def test_an_article_with_a_sentence_of_megabytes_says_once_how_to_cut_it(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, make_window: Callable[[Desk], MainWindow]
) -> None:
    normal = desk.importer.import_text(NORMAL, source_name="normal.txt").article_id
    with monkeypatch.context() as before_the_cap:  # as a workspace imported then holds them
        before_the_cap.setattr(segmentation, "MAX_SENTENCE_CHARS", 10**9)
        long = desk.importer.import_text(LONG_LINE, source_name="long.txt").article_id
    desk.repo.articles.set_segmenter(long, "fcdesk-2")  # as the desk then marked it
    told = _told(monkeypatch)
    window = make_window(desk)
    window.open_article(normal)
    assert not [t for t in told if "Re-split" in t]
    window.open_article(long)
    hints = [t for t in told if "Re-split" in t]
    assert hints == [
        "Saves here are slow: Edit → Re-split Article… (Ctrl+Shift+B) cuts the "
        f"{len(LONG_LINE.strip()):,}-character sentence imported before long ones were cut."
    ]
    bar = window.statusBar()
    assert bar.currentMessage() == hints[0]  # in sight, not in a box
    window.resize(1024, 640)  # the smallest screen the desk is used on: the line whole
    bar.repaint()
    assert bar.drawn_line() == hints[0]
    window.open_article(normal)
    window.open_article(long)  # back on it: said once is enough
    assert [t for t in told if "Re-split" in t] == hints


def test_a_normal_article_never_says_it(
    seeded_desk: Desk, monkeypatch: pytest.MonkeyPatch, make_window: Callable[[Desk], MainWindow]
) -> None:
    told = _told(monkeypatch)
    window = make_window(seeded_desk)
    assert window.article_id is not None and window.sentence_model.rowCount() > 1
    window.open_article(window.article_id)
    assert not [t for t in told if "Re-split" in t]


def test_the_hint_names_a_key_that_cuts_the_sentence(
    qtbot: QtBot,
    desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """Re-split Article had no key: the hint sent a keyboard-only reviewer through the
    menus (Alt+E, then the letters). It names one now, which does the cut from the
    sentence list, and the hint still fits the status bar of a 1024 px screen."""
    with monkeypatch.context() as before_the_cap:
        before_the_cap.setattr(segmentation, "MAX_SENTENCE_CHARS", 10**9)
        long = desk.importer.import_text(LONG_LINE, source_name="long.txt").article_id
    desk.repo.articles.set_segmenter(long, "fcdesk-2")
    told = _told(monkeypatch)
    window = make_window(desk)
    window.resize(1024, 640)
    window.open_article(long)
    key = first_key_text(ActionId.RESPLIT_ARTICLE)
    assert key
    hint = next(t for t in told if "Re-split" in t)
    assert f"({key})" in hint
    bar = window.statusBar()
    bar.repaint()
    assert bar.drawn_line() == hint  # whole, key and all
    assert window.sentence_model.rowCount() == 1
    window.sentence_view.setFocus()
    combination = QKeySequence(key)[0]
    qtbot.keyClick(window.sentence_view, combination.key(), combination.keyboardModifiers())
    qtbot.waitUntil(lambda: window.sentence_model.rowCount() > 1, timeout=20_000)
