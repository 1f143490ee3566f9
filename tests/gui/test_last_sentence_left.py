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


def _shift_n(qtbot: QtBot, window: MainWindow) -> str:
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    return window.statusBar().currentMessage()


def test_shift_n_on_the_only_check_worthy_sentence_left_does_not_call_the_rest_done(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Shift+N on the one check-worthy sentence said "This is the only sentence of this
    article not yet done." with three others not done: N goes on to them."""
    desk.importer.import_text(
        "The weather was calm. The minister said unemployment fell to 4 percent last year. "
        "People walked. It was a nice day."
    )
    window = make_window(desk)
    rows = window.sentence_model.rows()
    claim = rows[1].sentence.id
    qtbot.waitUntil(lambda: window.sentence_model.suggestion(claim) is not None)
    _shift_n(qtbot, window)  # the walk's first step: the one check-worthy sentence
    assert window.current_sentence_id() == claim
    message = _shift_n(qtbot, window)
    assert message == (
        "This is the only check-worthy sentence of this article not yet done; "
        "N goes to the 3 others not yet done."
    )
    assert window.current_sentence_id() == claim
    press(qtbot, window, "n")  # what the message says N does
    assert window.current_sentence_id() != claim
    now = window.current_row()
    assert now is not None and not now.review.is_reviewed


def test_shift_n_on_a_sentence_not_worth_checking_does_not_call_it_the_only_one_left(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The check-worthy sentence done, Shift+N on one not worth checking said "This is the
    only sentence of this article not yet done.": it is neither the only one nor one
    Shift+N visits."""
    desk.importer.import_text(
        "The weather was calm. The minister said unemployment fell to 4 percent last year. "
        "People walked. It was a nice day."
    )
    window = make_window(desk)
    rows = window.sentence_model.rows()
    first, claim = rows[0].sentence.id, rows[1].sentence.id
    desk.reviews.set_tag(claim, None)  # done
    qtbot.waitUntil(lambda: window.sentence_model.suggestion(claim) is not None)
    window.select_sentence(first)
    assert _shift_n(qtbot, window) == (
        "Every check-worthy sentence is done; N goes to the 2 others not yet done."
    )
    assert window.current_sentence_id() == first


def test_shift_n_in_an_article_with_nothing_check_worthy_says_so(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Shift+N said "Every check-worthy sentence is done." in an article none of whose
    sentences was check-worthy, and so once every sentence was done: both true only in
    a way nobody reads them."""
    desk.importer.import_text("The weather was calm. People walked. It was a nice day.")
    window = make_window(desk)
    rows = window.sentence_model.rows()
    qtbot.waitUntil(lambda: window.sentence_model.suggestion(rows[-1].sentence.id) is not None)
    assert _shift_n(qtbot, window) == (
        "No sentence of this article looks check-worthy; N goes to the 2 others not yet done."
    )
    for row in rows:
        desk.reviews.set_tag(row.sentence.id, None)  # X: nothing to check, done
    assert _shift_n(qtbot, window) == "Every sentence of this article is done."
