"""Boxes that come up at a pause in the reviewer's typing (her typed text's save refused:
too long, no room on the disk) take no key for a moment: the Space she typed on, meant
for her explanation, closed them unread."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from factcheck_app.domain import review_rules
from factcheck_app.gui.main_window import MainWindow
from tests.gui.test_refused_meanwhile_shown import takes_away
from tests.gui.test_typed_text_over_another_programs import focus, keys_typed_on

TABLE = "The ministry's own 2019 table, pasted in whole. "  # 48 characters


def _too_long(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(review_rules, "LONGEST_TEXT", 100)
    return "Typed text too long"


def _disk_full(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> str:
    db = window.desk.workspace.db
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    return "Factcheck desk"


@pytest.mark.parametrize("refusal", [_too_long, _disk_full], ids=["too long", "disk full"])
def test_a_key_typed_on_does_not_close_the_box_a_typing_pause_brought_up(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    refusal: Callable[[MainWindow, pytest.MonkeyPatch], str],
) -> None:
    """She pastes a table into the explanation (or types on a full disk) and goes on
    typing: the box saying it is NOT saved comes up at the save the pause made, and her
    next Space closed it unread. Keys typed on do nothing in it; a moment later Enter
    closes it, as in any box. Her text stays in its field, waiting."""
    title = refusal(window, monkeypatch)
    seen = keys_typed_on(qtbot, monkeypatch)
    panel, box = window.panel, window.panel.explanation_edit
    sid = window.current_sentence_id()
    assert sid is not None
    focus(qtbot, box)
    box.insertPlainText(TABLE * 3 * (1 if title.startswith("Typed") else 200))
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)  # the typing pause's save
    panel._retry_timer.stop()
    assert seen == [(title, True, True)]
    assert panel.has_pending_text()
    assert window.desk.reviews.review(sid).explanation == ""


def test_the_box_of_text_whose_sentence_went_takes_no_key_typed_on(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text waiting for room on #2 whose sentence another program took away meanwhile: its
    retry, 5 s on, finds it gone and shows it in a box to copy, while she types on in
    another field. The box is the text's only copy: a Space typed on closed it unread."""
    seen = keys_typed_on(qtbot, monkeypatch)
    panel, box = window.panel, window.panel.explanation_edit
    second = window.sentence_model.sentence_row(1).sentence.id
    window.select_sentence(second)
    _disk_full(window, monkeypatch)
    focus(qtbot, box)
    box.insertPlainText(TABLE * 600)  # more than the full disk takes
    panel.flush_pending_text()
    panel._retry_timer.stop()
    assert panel.has_text_to_retry()
    takes_away(window.desk, second)
    db = window.desk.workspace.db
    db.execute("PRAGMA max_page_count = 1073741823")  # room again
    panel.flush_pending_text()  # the retry
    assert [title for title, _up, _closed in seen] == ["Factcheck desk", "Typed text not saved"]
    assert all(up and closed for _title, up, closed in seen), seen
    assert not panel.has_pending_text()
