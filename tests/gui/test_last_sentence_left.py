"""N and Shift+N on the last sentence not yet done: it is not done, and the desk must not
say it is (an article of one sentence, or the one a reviewer skipped and came back to)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.conftest import press


def _all_done_but(desk: Desk, window: MainWindow, row: int) -> int:
    """Every sentence of the open article done (X) but the one at `row`, made current."""
    rows = window.sentence_model.rows()
    for other in rows:
        if other is not rows[row]:
            desk.reviews.set_tag(other.sentence.id, None)  # X, "nothing to check": done
    window.open_article(window.article_id or 1, rows[row].sentence.id)
    assert window.current_sentence_id() == rows[row].sentence.id
    return rows[row].sentence.id


def test_n_in_an_article_of_one_sentence_does_not_call_it_done(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """N said "Every sentence of every article is done." beside "Reviewed 0 of 1"."""
    desk.importer.import_text("The minister said unemployment fell to 4 percent last year.")
    window = make_window(desk)
    only = window.current_sentence_id()
    press(qtbot, window, "n")
    assert window.statusBar().currentMessage() == (
        "This is the only sentence not yet done, in every article."
    )
    assert window.current_sentence_id() == only


def test_shift_n_on_the_last_sentence_left_does_not_call_it_done(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Shift+N said "Every check-worthy sentence is done." with this one not done."""
    window = make_window(seeded_desk)
    left = _all_done_but(seeded_desk, window, 3)
    qtbot.waitUntil(lambda: window.sentence_model.suggestion(left) is not None)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert window.statusBar().currentMessage() == (
        "This is the only sentence of this article not yet done."
    )
    assert window.current_sentence_id() == left


def test_n_on_the_last_sentence_left_offers_the_next_article_without_calling_this_done(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """N said "Every sentence of this article is done. N again opens …" on a sentence not
    done; the offer stays, in words that are true."""
    second = seeded_desk.importer.import_text(
        "A second article. It has one more sentence."
    ).article_id
    window = make_window(seeded_desk)
    first_article = window.article_id
    _all_done_but(seeded_desk, window, 5)
    press(qtbot, window, "n")
    message = window.statusBar().currentMessage()
    assert message.startswith("This is the last sentence of this article not yet done. N again")
    assert window.article_id == first_article  # only offered
    press(qtbot, window, "n")
    assert window.article_id == second
