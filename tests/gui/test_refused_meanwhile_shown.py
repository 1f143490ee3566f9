"""A step refused because another program (or the window's worker) saved what it was
made from meanwhile writes nothing, and says so: the window then shows what is saved
now (it does not read other programs' saves by itself), on the sentence the reviewer
was on, or the nearest one when that sentence is gone; Ctrl+Z and Ctrl+Y go on as
before. The kinds each refusal comes in have their own tests (tests/gui/
test_link_changed_meanwhile.py, test_sign_off_in_window.py, test_conflict_fields.py,
test_undo_edges.py); these are what they share."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Tag
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
from factcheck_app.services.edits import Change, Edit
from factcheck_app.services.sources import NewSource


def another_program(desk: Desk, *statements: tuple[str, list[object]]) -> None:
    """`statements` run by another program (DB Browser, a script) on `desk`'s workspace."""
    other = sqlite3.connect(desk.path)  # type: ignore[arg-type]
    with other:
        for statement, params in statements:
            other.execute(statement, params)
    other.close()


@contextmanager
def before_each_push(
    monkeypatch: pytest.MonkeyPatch, desk: Desk, meanwhile: Callable[[], None]
) -> Iterator[None]:
    """`meanwhile` run just before each step the desk pushes, inside the `with`."""
    push = desk.edits.push

    def then_push(edit: Edit) -> Change:
        meanwhile()
        return push(edit)

    monkeypatch.setattr(desk.edits, "push", then_push)
    try:
        yield
    finally:
        monkeypatch.setattr(desk.edits, "push", push)


def shown(window: MainWindow, sentence: int) -> str | None:
    """The verdict the sentence list shows for `sentence`."""
    model = window.sentence_model
    return model.sentence_row(model.row_of(sentence)).review.verdict


def sentence_ids(window: MainWindow) -> list[int]:
    """The ids of the sentences the list shows, in order."""
    return [row.sentence.id for row in window.sentence_model.rows()]


def takes_away(desk: Desk, sentence: int, *, links: bool = False) -> None:
    """Another program deletes `sentence` with its review (and its links if `links`)."""
    statements: list[tuple[str, list[object]]] = []
    if links:
        statements.append(("DELETE FROM sentence_sources WHERE sentence_id = ?", [sentence]))
    statements += [
        ("DELETE FROM reviews WHERE sentence_id = ?", [sentence]),
        ("DELETE FROM sentences WHERE id = ?", [sentence]),
    ]
    another_program(desk, *statements)


def saves_a_review(desk: Desk, sentence: int, rating: str, status: str) -> None:
    """Another program saves a claim review of `rating` and `status` for `sentence`."""
    another_program(
        desk,
        (
            "INSERT OR REPLACE INTO reviews (sentence_id, tag, rating, status) "
            "VALUES (?, 'claim', ?, ?)",
            [sentence, rating, status],
        ),
    )


def gives_verdicts(desk: Desk, sentence: int, *verdicts: str) -> Callable[[], None]:
    """Another program giving `sentence` each of `verdicts` in turn, one a call."""
    left: Iterator[str] = iter(verdicts)
    return lambda: saves_a_review(desk, sentence, next(left), "done")


def test_a_verdict_key_refused_for_a_review_changed_meanwhile_shows_the_review_as_saved(
    qtbot: QtBot, window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """D (Claim) while another program kept changing the sentence's review (saved before
    the step's transaction, then again before its second try): the box said "Make the
    edit again", but the list and the panel went on showing the review from before, so
    the reviewer made it again over a verdict nobody had seen there."""
    desk = window.desk
    ids = sentence_ids(window)
    earlier, sentence = ids[0], ids[4]
    desk.reviews.set_tag(earlier, Tag.FACT)
    window.select_sentence(sentence)
    window.sentence_view.setFocus()
    with before_each_push(monkeypatch, desk, gives_verdicts(desk, sentence, "true", "false")):
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_D)
    (said,) = boxes
    assert "changed while the edit was being saved" in said
    assert desk.reviews.review(sentence).tag is Tag.CLAIM  # the other program's, kept
    assert window.current_sentence_id() == sentence
    assert shown(window, sentence) == "false"
    assert window.panel.verdict_box.currentData() == "false"
    # Ctrl+Z takes the reviewer's own step before, as ever.
    window.registry[ActionId.UNDO].trigger()
    assert desk.reviews.review(earlier).tag is None
    window.registry[ActionId.REDO].trigger()
    assert desk.reviews.review(earlier).tag is Tag.FACT


def test_a_refusal_on_a_sentence_another_program_took_away_moves_to_the_nearest_one(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remove Source on a sentence another program deleted meanwhile (its link and
    review with it): the article was read again with no sentence current, while the
    review panel went on showing the one gone, whose fields took typing that could
    never be saved. The nearest sentence is current now, in the list and the panel."""
    desk = window.desk
    ids = sentence_ids(window)
    sentence = ids[4]
    desk.sources.link_source(sentence, NewSource("https://stats.example/jobs", title="Jobs"))
    window.load_article(1, sentence)
    with before_each_push(monkeypatch, desk, lambda: takes_away(desk, sentence, links=True)):
        window.edits.remove_source()
    (said,) = boxes
    assert said.startswith("Not done: this source link was changed")
    assert window.sentence_model.row_of(sentence) < 0
    assert window.current_sentence_id() == ids[3]  # the one before: nothing holds its place
    assert window.panel.sentence_id == ids[3]


def test_a_refusal_on_a_sentence_merged_away_moves_to_the_one_that_holds_its_words(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As above, the sentence merged into the one before it by another program (an
    older desk): the sentence now holding its words is current."""
    desk = window.desk
    rows = list(window.sentence_model.rows())
    before, gone = rows[3].sentence, rows[4].sentence
    desk.sources.link_source(gone.id, NewSource("https://stats.example/jobs", title="Jobs"))
    window.load_article(1, gone.id)
    with before_each_push(
        monkeypatch,
        desk,
        lambda: another_program(
            desk,
            ("DELETE FROM sentence_sources WHERE sentence_id = ?", [gone.id]),
            ("DELETE FROM reviews WHERE sentence_id = ?", [gone.id]),
            ("DELETE FROM sentences WHERE id = ?", [gone.id]),
            ('UPDATE sentences SET "end" = ? WHERE id = ?', [gone.end, before.id]),
        ),
    ):
        window.registry[ActionId.REMOVE_SOURCE].trigger()
    assert boxes and window.sentence_model.row_of(gone.id) < 0
    assert window.current_sentence_id() == before.id
    assert window.panel.sentence_id == before.id


def test_ctrl_z_and_ctrl_y_after_a_link_step_refused_take_the_steps_around_it(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refused Remove Source is no step: Ctrl+Z takes the tag given before it, and
    Ctrl+Y gives it again; the link stays as the other program left it."""
    desk = window.desk
    ids = sentence_ids(window)
    sentence = ids[4]
    desk.sources.link_source(sentence, NewSource("https://stats.example/jobs", title="Jobs"))
    desk.reviews.set_tag(ids[1], Tag.CLAIM)
    window.load_article(1, sentence)
    link = window.panel.current_link()
    assert link is not None
    with before_each_push(
        monkeypatch,
        desk,
        lambda: another_program(
            desk, ("UPDATE sentence_sources SET excerpt = 'Table 3' WHERE id = ?", [link.id])
        ),
    ):
        window.edits.remove_source()
    assert boxes
    window.registry[ActionId.UNDO].trigger()
    assert desk.reviews.review(ids[1]).tag is None
    assert window.current_sentence_id() == ids[1]
    window.registry[ActionId.REDO].trigger()
    assert desk.reviews.review(ids[1]).tag is Tag.CLAIM
    assert [found.excerpt for found in desk.sources.links(sentence)] == ["Table 3"]


def test_ctrl_z_of_remove_article_refused_for_its_text_imported_since_lists_that_article(
    window: MainWindow, boxes: list[str]
) -> None:
    """Ctrl+Z of Remove Article after another connection imported the same text: the box
    said the article "is in the workspace again", but the article list, which the
    window does not read again by itself, did not list it, so it could not be found."""
    from tests.conftest import SEED_FILE

    desk = window.desk
    desk.importer.import_text("A second article. It says little.", source_name="b.txt")
    window.reload_articles()
    desk.articles.remove_article(1)
    assert window.article_model.rowCount() == 1
    helper = desk.open_helper()  # another connection, as another program's
    try:
        helper.importer.import_file(SEED_FILE)
    finally:
        helper.close()
    window.registry[ActionId.UNDO].trigger()
    (said,) = boxes
    assert "is in the workspace again" in said
    assert window.article_model.rowCount() == 2
    assert 1 not in [window.article_model.article_at(row).id for row in range(2)]


def test_a_verdict_key_refused_stays_on_its_sentence_when_moving_on_is_chosen(
    qtbot: QtBot, window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With "move on after a verdict" chosen, 5 (False) refused as above, the other
    program having saved "false" itself: shown as saved, the sentence had the key's
    verdict, so the window moved on, and the key pressed again as the box said
    ("Make the edit again") gave the next sentence that verdict."""
    desk = window.desk
    ids = sentence_ids(window)
    sentence = ids[4]
    move_on = window.registry[ActionId.MOVE_ON_AFTER_VERDICT]
    if not move_on.isChecked():
        move_on.trigger()
    window.select_sentence(sentence)
    window.sentence_view.setFocus()
    with before_each_push(monkeypatch, desk, gives_verdicts(desk, sentence, "true", "false")):
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_5)
    assert boxes and shown(window, sentence) == "false"
    assert window.current_sentence_id() == sentence


def test_a_split_another_program_made_meanwhile_at_that_place_is_shown_not_blamed_on_the_caret(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Shift+M while another program split the same sentence at the same place: the
    split, made again from the sentence as saved, found the caret outside it and said
    "Place the split point inside the sentence" of a caret inside the sentence as the
    list still showed it, whole, at every press. The refusal says the sentences
    changed, and the list shows the other program's two."""
    desk = window.desk
    rows = list(window.sentence_model.rows())
    sentence = rows[4].sentence
    window.select_sentence(sentence.id)
    text = window.article_view.toPlainText()
    at = text.index("accusing Armenia")
    cursor = window.article_view.textCursor()
    cursor.setPosition(at)
    window.article_view.setTextCursor(cursor)
    new_id = max(row.sentence.id for row in rows) + 1
    with before_each_push(
        monkeypatch,
        desk,
        lambda: another_program(
            desk,
            ('UPDATE sentences SET "end" = ? WHERE id = ?', [at - 1, sentence.id]),
            (
                'INSERT INTO sentences (id, article_id, start, "end", paragraph) '
                "VALUES (?, ?, ?, ?, ?)",
                [new_id, sentence.article_id, at, sentence.end, sentence.paragraph],
            ),
        ),
    ):
        window.edits.split_at_cursor()
    (said,) = boxes
    assert "were changed while" in said
    assert window.sentence_model.rowCount() == len(rows) + 1
    assert window.sentence_model.row_of(new_id) == 5
    assert window.current_sentence_id() == sentence.id


def test_a_tag_key_refused_for_a_conflict_saved_meanwhile_shows_the_conflict(
    qtbot: QtBot, window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """C while another program put the sentence in conflict: made again from the review
    as saved, the tag was refused ("Reviewers disagree on this sentence: keep one…") on
    a sentence the list and the panel still showed with no conflict to decide."""
    from factcheck_app.domain.models import Status

    desk = window.desk
    sentence = sentence_ids(window)[4]
    window.select_sentence(sentence)
    window.sentence_view.setFocus()
    with before_each_push(
        monkeypatch, desk, lambda: saves_a_review(desk, sentence, "false", "conflict")
    ):
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_F)
    (said,) = boxes
    assert said.startswith("Reviewers disagree on this sentence")
    model = window.sentence_model
    assert model.sentence_row(model.row_of(sentence)).review.status is Status.CONFLICT
    assert window.current_sentence_id() == sentence


@pytest.mark.parametrize("reviewed", [False, True], ids=["unreviewed", "tagged"])
def test_a_review_key_on_a_sentence_another_program_took_away_moves_to_the_nearest_one(
    qtbot: QtBot,
    window: MainWindow,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    reviewed: bool,
) -> None:
    """C on a sentence another program deleted (with its review) while the tag was being
    saved: the box said the workspace "could not be read or written (FOREIGN KEY
    constraint failed)", or "There is no sentence 5", and the list and the panel went on
    showing the sentence gone, taking keys and typing there that could never be saved."""
    desk = window.desk
    ids = sentence_ids(window)
    sentence = ids[4]
    if reviewed:
        desk.reviews.set_tag(sentence, Tag.FACT)
    window.load_article(1, sentence)
    window.sentence_view.setFocus()
    with before_each_push(monkeypatch, desk, lambda: takes_away(desk, sentence)):
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_C)
    (said,) = boxes
    assert "taken away" in said
    assert window.sentence_model.row_of(sentence) < 0
    assert window.current_sentence_id() == ids[3]  # the one before: nothing holds its place
    assert window.panel.sentence_id == ids[3]


@pytest.mark.parametrize("reviewed", [False, True], ids=["unreviewed", "tagged"])
def test_text_typed_on_a_sentence_another_program_took_away_meanwhile_is_offered_back(
    qtbot: QtBot,
    window: MainWindow,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    reviewed: bool,
) -> None:
    """An explanation typed and left, its sentence deleted by another program while it
    was being saved: on a sentence never reviewed the box said the workspace "could not
    be read or written (FOREIGN KEY constraint failed)" and the text waited, under a
    note saying it would be saved. It is offered back to copy, said as a sentence gone,
    and written nowhere."""
    desk = window.desk
    ids = sentence_ids(window)
    sentence = ids[4]
    if reviewed:
        desk.reviews.set_tag(sentence, Tag.FACT)
    window.load_article(1, sentence)
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Census 2019: 335,600.")
    with before_each_push(monkeypatch, desk, lambda: takes_away(desk, sentence)):
        panel.flush_pending_text()  # what leaving the field does
    (said,) = boxes
    assert "the sentence it was typed on is no longer in the workspace" in said
    assert not panel.has_pending_text()
    assert not any(
        row.review.explanation for row in desk.reviews.sentence_rows(1)
    )  # written nowhere else


def test_a_refusal_on_a_sentence_taken_away_keeps_the_show_box_on_the_nearest_it_lists(
    window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Show "Claims", Remove Source on a claim another program deleted meanwhile: the
    nearest sentence, the one before it, was no claim, so the Show box went back to "All
    sentences" unasked, the reviewer's place among the claims lost. The nearest claim
    before it is current, the box as chosen."""
    from factcheck_app.gui.models import FILTER_LABELS, SentenceFilter

    desk = window.desk
    ids = sentence_ids(window)
    claim, sentence = ids[1], ids[4]
    for tagged in (claim, sentence):
        desk.reviews.set_tag(tagged, Tag.CLAIM)
    desk.sources.link_source(sentence, NewSource("https://stats.example/jobs", title="Jobs"))
    window.load_article(1, sentence)
    box = window.filter_box
    box.setCurrentIndex(box.findData(SentenceFilter.CLAIMS))
    box.activated.emit(box.currentIndex())  # as chosen there
    assert window.sentence_filter.rowCount() == 2
    assert window.current_sentence_id() == sentence
    with before_each_push(monkeypatch, desk, lambda: takes_away(desk, sentence, links=True)):
        window.edits.remove_source()
    assert boxes
    assert window.filter_box.currentText() == FILTER_LABELS[SentenceFilter.CLAIMS]
    assert window.current_sentence_id() == claim
    assert window.panel.sentence_id == claim


def test_a_review_key_on_an_article_another_program_removed_meanwhile_lists_it_no_more(
    qtbot: QtBot, window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """C while another program removed the whole article: reading the article again
    for the refusal failed on it, so the box said only "There is no article 1", and the
    article list, the sentences and the panel went on showing the article gone. It is
    listed no more, and the article left opens, as after Remove Article."""
    desk = window.desk
    desk.importer.import_text("A second article. It says little.", source_name="b.txt")
    window.reload_articles()
    window.open_article(1)
    window.select_sentence(sentence_ids(window)[4])
    window.sentence_view.setFocus()
    in_article = "SELECT id FROM sentences WHERE article_id = 1"
    with before_each_push(
        monkeypatch,
        desk,
        lambda: another_program(
            desk,
            (f"DELETE FROM reviews WHERE sentence_id IN ({in_article})", []),
            ("DELETE FROM sentences WHERE article_id = 1", []),
            ("DELETE FROM articles WHERE id = 1", []),
        ),
    ):
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_C)
    (said,) = boxes
    assert "taken away" in said
    model = window.article_model
    assert model.row_of(1) < 0
    assert window.article_id not in (None, 1)
    assert window.current_row() is not None
    assert window.panel.sentence_id == window.current_sentence_id()


def test_text_typed_on_a_sentence_put_in_conflict_meanwhile_shows_the_conflict_listed(
    qtbot: QtBot, window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An explanation typed and left while another program put its sentence in
    conflict: the text was offered back to copy and the panel showed the conflict, but
    the sentence list went on saying "In progress", so "Conflicts" in the Show box and
    the conflicts count left it out until the article was opened again."""
    from factcheck_app.domain.models import Status

    desk = window.desk
    sentence = sentence_ids(window)[4]
    desk.reviews.set_tag(sentence, Tag.CLAIM)
    window.load_article(1, sentence)
    panel = window.panel
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Census 2019: 335,600.")
    with before_each_push(
        monkeypatch, desk, lambda: saves_a_review(desk, sentence, "false", "conflict")
    ):
        panel.flush_pending_text()  # what leaving the field does
    (said,) = boxes
    assert "Reviewers disagree on this sentence" in said
    model = window.sentence_model
    assert model.sentence_row(model.row_of(sentence)).review.status is Status.CONFLICT
    assert window.conflict_count == 1
    assert window.current_sentence_id() == sentence


def test_a_review_key_on_a_sentence_another_program_took_away_before_moves_on_from_it(
    qtbot: QtBot, window: MainWindow, boxes: list[str]
) -> None:
    """C on a sentence another program deleted a while ago (the window does not read
    other programs' saves by itself): "There is no sentence 5", and the list and the
    panel went on showing it, each key there refused the same way. The article is read
    again as after a refusal for a change made meanwhile, on the nearest sentence."""
    desk = window.desk
    ids = sentence_ids(window)
    sentence = ids[4]
    window.select_sentence(sentence)
    window.sentence_view.setFocus()
    takes_away(desk, sentence)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_C)
    (said,) = boxes
    assert "no sentence" in said
    assert window.sentence_model.row_of(sentence) < 0
    assert window.current_sentence_id() == ids[3]
    assert window.panel.sentence_id == ids[3]


def test_a_refusal_on_a_sentence_taken_away_lists_it_no_more_among_search_results(
    qtbot: QtBot, window: MainWindow, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+F "Baku" listed the sentence; C there, refused because another program took
    it away meanwhile: the list and the panel were read again, but the search results
    went on listing it, to be chosen again (as after an edit, they are searched again)."""
    from factcheck_app.gui.search_models import SearchResultModel
    from tests.gui.test_search_in_window import search_for

    desk = window.desk
    sentence = sentence_ids(window)[4]
    results = search_for(window, "Baku").model

    def found() -> list[int]:
        role = SearchResultModel.SentenceIdRole
        return [int(results.index(row, 0).data(role)) for row in range(results.rowCount())]

    assert sentence in found()
    window.select_sentence(sentence)
    window.sentence_view.setFocus()
    with before_each_push(monkeypatch, desk, lambda: takes_away(desk, sentence)):
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_C)
    assert boxes
    qtbot.waitUntil(lambda: sentence not in found(), timeout=5000)
    assert found()  # the others stay listed


def test_a_refusal_on_the_sentence_just_done_keeps_the_show_box_and_the_sentence(
    qtbot: QtBot, window: MainWindow, boxes: list[str]
) -> None:
    """Show "Not yet done", a verdict given (the sentence stays listed until the box is
    chosen again), then Remove Source on a link another program had deleted: refused,
    the article was read again for it, the sentence just done no longer passed the box,
    and the box went back to "All sentences" unasked, every sentence listed again and
    the reviewer's place among those not yet done lost. The box stays as chosen, the
    sentence listed and current until the reviewer moves on."""
    from factcheck_app.gui.models import FILTER_LABELS, SentenceFilter

    desk = window.desk
    ids = sentence_ids(window)
    sentence = ids[4]
    desk.sources.link_source(sentence, NewSource("https://stats.example/jobs", title="Jobs"))
    window.load_article(1, sentence)
    box = window.filter_box
    box.setCurrentIndex(box.findData(SentenceFilter.UNREVIEWED))
    box.activated.emit(box.currentIndex())  # as chosen there
    listed = window.sentence_filter.rowCount()
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_C)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_6)
    assert desk.reviews.review(sentence).is_reviewed
    assert window.current_sentence_id() == sentence  # still listed: the box not chosen again
    another_program(desk, ("DELETE FROM sentence_sources WHERE sentence_id = ?", [sentence]))
    window.edits.remove_source()
    assert boxes  # refused, said
    assert window.filter_box.currentText() == FILTER_LABELS[SentenceFilter.UNREVIEWED]
    assert window.sentence_filter.rowCount() == listed  # the others not yet done, and it
    assert window.current_sentence_id() == sentence
    assert window.panel.sentence_id == sentence


def test_a_review_key_on_an_article_removed_meanwhile_opens_the_one_beside_it(
    qtbot: QtBot, window: MainWindow, boxes: list[str]
) -> None:
    """C on the second of three articles, which another program had removed: the
    first article in the list was opened, the reviewer sent from the middle of a day's
    list back to its top. The article beside it opens, as after Remove Article."""
    desk = window.desk
    for name in ("b.txt", "c.txt"):
        desk.importer.import_text(
            f"Article {name} says one thing. It says another.", source_name=name
        )
    window.reload_articles()
    ids = [window.article_model.article_at(row).id for row in range(3)]
    window.open_article(ids[1])
    window.sentence_view.setFocus()
    in_article = "SELECT id FROM sentences WHERE article_id = ?"
    another_program(
        desk,
        (f"DELETE FROM reviews WHERE sentence_id IN ({in_article})", [ids[1]]),
        ("DELETE FROM sentences WHERE article_id = ?", [ids[1]]),
        ("DELETE FROM articles WHERE id = ?", [ids[1]]),
    )
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_C)
    assert boxes
    assert window.article_model.row_of(ids[1]) < 0
    assert window.article_id == ids[2]
