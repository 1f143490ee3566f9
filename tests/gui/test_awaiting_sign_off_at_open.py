"""An editor opening a checker's file is told, once, how many verdicts await her
sign-off and where the Show box lists them, as a checker is told of verdicts returned
(tests/gui/test_small_screen_keyboard.py). Before, she was told nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Status, Tag
from factcheck_app.gui import settings
from factcheck_app.gui.controllers import sign_off
from factcheck_app.gui.dialogs.reviewer_name import ReviewerNameDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import (
    ARTICLE_FILTER_LABELS,
    FILTER_LABELS,
    ArticleFilter,
    SentenceFilter,
)
from factcheck_app.services import sign_offs
from factcheck_app.services.desk import Desk

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def checked(desk: Desk, sentence_id: int, checker: str, status: Status = Status.DONE) -> None:
    desk.set_reviewer(checker)
    desk.reviews.set_tag(sentence_id, Tag.CLAIM)
    desk.reviews.set_verdict(sentence_id, "false")
    desk.reviews.set_status(sentence_id, status)


def test_an_editor_is_told_at_open_how_many_verdicts_await_her(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    desk = seeded_desk
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
    for sentence_id in ids[2:5]:
        checked(desk, sentence_id, "Ana Ruiz")
    checked(desk, ids[5], "Ana Ruiz", Status.IN_PROGRESS)  # not settled: nothing to sign
    checked(desk, ids[6], "Ana Ruiz")
    desk.set_reviewer("Edith Park")
    desk.sign_offs.approve(ids[6])  # signed off: nothing left to do
    checked(desk, ids[7], "Edith Park")  # her own: not hers to sign off
    desk.set_reviewer("edith  park")  # the same person, however the name was typed
    window = make_window(desk)
    qtbot.waitUntil(lambda: "await" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage() == (
        "3 verdicts by Ana Ruiz await sign-off: Show → Awaiting sign-off lists them."
    )
    window.statusBar().clearMessage()
    window.open_article(1)  # said once, at the open: not on each article opened
    QApplication.processEvents()
    assert "await" not in window.statusBar().currentMessage()


def test_the_checker_herself_is_told_nothing_of_her_own_verdicts(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    desk = seeded_desk
    for row in desk.reviews.sentence_rows(1)[2:5]:
        checked(desk, row.sentence.id, "Ana Ruiz")
    desk.set_reviewer("Ana Ruiz")
    window = make_window(desk)
    QApplication.processEvents()  # the deferred word at the open, had there been one
    QApplication.processEvents()
    assert window.sign_off.awaiting_text() == ""
    assert "await" not in window.statusBar().currentMessage()


def test_verdicts_of_two_checkers_in_another_article_are_said_with_its_title(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    desk = seeded_desk
    rows = desk.reviews.sentence_rows(1)
    checked(desk, rows[2].sentence.id, "Ana Ruiz")
    checked(desk, rows[3].sentence.id, "Ana Ruiz")
    checked(desk, rows[4].sentence.id, "Bo Li")
    other = desk.importer.import_text("Officials met on Monday. Talks resume next week.")
    assert desk.path is not None
    settings.remember_place(desk.path, other.article_id, None)  # the desk reopens there
    desk.set_reviewer("Edith Park")
    window = make_window(desk)
    assert window.article_id == other.article_id
    qtbot.waitUntil(lambda: "await" in window.statusBar().currentMessage())
    message = window.statusBar().currentMessage()
    assert message.startswith("3 verdicts by Ana Ruiz and Bo Li await sign-off, in “Ankara")
    assert message.endswith("”: open it, and Show → Awaiting sign-off lists them.")


def test_a_year_of_a_checker_s_verdicts_is_counted_no_further_than_it_helps(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counted whole, a year's 73,600 verdicts awaiting sign-off were a 75-110 ms turn of
    the window at every open; counted up to AWAITING_COUNTED (here 2), "More than"."""
    monkeypatch.setattr(sign_offs, "AWAITING_COUNTED", 2)
    monkeypatch.setattr(sign_off, "AWAITING_COUNTED", 2)
    desk = seeded_desk
    for row in desk.reviews.sentence_rows(1)[2:5]:
        checked(desk, row.sentence.id, "Ana Ruiz")
    desk.set_reviewer("Edith Park")
    window = make_window(desk)
    qtbot.waitUntil(lambda: "await" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage() == (
        "More than 2 verdicts by Ana Ruiz await sign-off: choose “Awaiting sign-off” "
        "above the article list and in Show."
    )


def test_verdicts_awaiting_in_several_articles_are_said_with_where_to_list_them(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """ "…await sign-off, in 2 articles: in each, Show → Awaiting sign-off lists them"
    named neither article: the start says which choice above the article list lists
    them, as for verdicts returned (“Returned to me”), whole in a 1024-pixel window."""
    desk = seeded_desk
    checked(desk, desk.reviews.sentence_rows(1)[2].sentence.id, "Ana Ruiz")
    other = desk.importer.import_text("Officials met on Monday. Talks resume next week.")
    checked(desk, desk.reviews.sentence_rows(other.article_id)[0].sentence.id, "Bo Li")
    desk.importer.import_text("Nothing awaits here. Nor here.")
    desk.set_reviewer("Edith Park")
    window = make_window(desk)
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: "await" in window.statusBar().currentMessage())
    status = window.statusBar()
    said = status.currentMessage()
    assert said == (
        "2 verdicts by Ana Ruiz and Bo Li await sign-off, in 2 articles: choose “Awaiting "
        "sign-off” above the article list and in Show."
    )
    room = status.width() - window.progress_label.sizeHint().width() - 24  # grip, margins
    assert status.fontMetrics().horizontalAdvance(said) <= room
    shown = FILTER_LABELS[SentenceFilter.AWAITING_SIGN_OFF]
    assert ARTICLE_FILTER_LABELS[ArticleFilter.AWAITING_SIGN_OFF] == shown  # "and in Show"
    box = window.article_state_box
    box.setCurrentIndex(box.findData(ArticleFilter.AWAITING_SIGN_OFF))
    assert window.article_filter.rowCount() == 2
    listed = {window.article_filter.article_id_at(row) for row in range(2)}
    assert listed == {1, other.article_id}


def test_counts_of_several_colleagues_are_written_with_thousands_separated(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each colleague counted to AWAITING_COUNTED, two of them past a thousand together:
    "1,800 verdicts", as every count in the window is written, not "1800"."""
    window = make_window(seeded_desk)
    article = window.article_id
    assert article is not None
    found = {"Ana Ruiz": {article: 1_000}, "Bo Li": {article: 800}}
    monkeypatch.setattr(
        window.desk.sign_offs, "awaiting_from_others", lambda _who: sign_offs.Awaiting(found)
    )
    assert window.sign_off.awaiting_text() == (
        "1,800 verdicts by Ana Ruiz and Bo Li await sign-off: Show → Awaiting sign-off lists them."
    )


def test_the_count_at_the_open_follows_the_editor_s_sign_offs(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Edith opened Ana's file, was told "3 verdicts by Ana Ruiz await sign-off", and
    signed two off: after each "Verdict approved." the bar went back to "3 verdicts …
    await", and after the last one too, though none awaited her any more."""
    desk = seeded_desk
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)][2:5]
    for sentence_id in ids:
        checked(desk, sentence_id, "Ana Ruiz")
    desk.set_reviewer("Edith Park")
    window = make_window(desk)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "await" in bar.currentMessage())
    assert bar.currentMessage().startswith("3 verdicts by Ana Ruiz await sign-off")

    def approve(sentence_id: int) -> None:
        window.select_sentence(sentence_id)
        window.sentence_view.setFocus()
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_P, CTRL_SHIFT)
        assert bar.currentMessage() == "Verdict approved."
        bar.clearMessage()  # the answer's time is up: the notice owed shows again

    approve(ids[0])
    assert bar.currentMessage() == (
        "2 verdicts by Ana Ruiz await sign-off: Show → Awaiting sign-off lists them."
    )
    approve(ids[1])
    assert bar.currentMessage().startswith("1 verdict by Ana Ruiz awaits sign-off")
    approve(ids[2])
    assert "await" not in bar.currentMessage()
    assert window.notices.owed() == []


def test_a_name_given_at_the_first_start_is_told_its_own_count(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The window opens under the account's name and asks whose edits these are after it
    has painted: Ana, opening her own file on a new computer, was told "3 verdicts by Ana
    Ruiz await sign-off" (counted for the account), verdicts she may not sign off."""
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("FACTCHECK_REVIEWER", raising=False)
    desk = seeded_desk
    for row in desk.reviews.sentence_rows(1)[2:5]:
        checked(desk, row.sentence.id, "Ana Ruiz")
    desk.set_reviewer("root")  # the account's name, before the question
    window = make_window(desk)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "await" in bar.currentMessage())

    def typed(dialog: ReviewerNameDialog) -> int:
        dialog.name_edit.setText("ana ruiz")
        dialog.initials_edit.setText("AR")
        dialog.accept()
        return 1

    monkeypatch.setattr(ReviewerNameDialog, "exec", typed)
    window.team.ask_reviewer_once()
    assert window.desk.reviewer == "ana ruiz"
    bar.clearMessage()  # "Edits are recorded as …" has gone
    assert "await" not in bar.currentMessage()
    assert window.notices.owed() == []


def test_keys_while_the_count_is_owed_do_not_count_every_colleague_s_verdicts_again(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The count is owed for its time in sight, and each line over it stops that time: an
    editor signing off verdicts one after another keeps it owed for as long as she keys.
    Counted again whole after each approval, tag or undo, every key read every colleague's
    reviews: on a year's workspace whose checker's verdicts were mostly signed off already,
    200 ms a key. Only the sentences an edit touched are looked at again, and an undone
    approval is counted back."""
    desk = seeded_desk
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)][2:5]
    for sentence_id in ids:
        checked(desk, sentence_id, "Ana Ruiz")
    desk.set_reviewer("Edith Park")
    window = make_window(desk)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "await" in bar.currentMessage())
    assert bar.currentMessage().startswith("3 verdicts by Ana Ruiz await sign-off")
    store = type(window.desk.repo.sign_offs)
    counted_whole: list[str] = []
    for name in ("reviewers", "awaiting_of"):
        whole = getattr(store, name)

        def spy(
            self: object, *args: object, _whole: Callable[..., object] = whole, _name: str = name
        ) -> object:
            counted_whole.append(_name)
            return _whole(self, *args)

        monkeypatch.setattr(store, name, spy)

    window.select_sentence(ids[0])
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_P, CTRL_SHIFT)
    assert bar.currentMessage() == "Verdict approved."
    bar.clearMessage()
    assert bar.currentMessage().startswith("2 verdicts by Ana Ruiz await sign-off")
    window.edits.undo()  # the approval undone: the verdict awaits again
    bar.clearMessage()
    assert bar.currentMessage().startswith("3 verdicts by Ana Ruiz await sign-off")
    assert counted_whole == []


def test_the_count_said_again_is_kept_in_recent_messages(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Help → Recent Messages keeps what the bar said: after an approval the bar said
    "1 verdict by Ana Ruiz awaits sign-off", but the list kept only the open's "2 verdicts
    … await", the new count taken for the old notice shown back (not said anew)."""
    desk = seeded_desk
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)][2:4]
    for sentence_id in ids:
        checked(desk, sentence_id, "Ana Ruiz")
    desk.set_reviewer("Edith Park")
    window = make_window(desk)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "await" in bar.currentMessage())
    window.select_sentence(ids[0])
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_P, CTRL_SHIFT)
    bar.clearMessage()
    now = "1 verdict by Ana Ruiz awaits sign-off: Show → Awaiting sign-off lists it."
    assert bar.currentMessage() == now
    assert any(line.endswith(now) for line in window.message_log.lines())
