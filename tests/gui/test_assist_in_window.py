"""The assist's suggestions in the window: shown faintly, taken only with A, undoable."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from factcheck_app.domain.assist import Suggestion
from factcheck_app.domain.models import Status, Tag
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SentenceColumn, suggestion_text
from factcheck_app.services.assist import SentenceSuggestion
from factcheck_app.services.desk import Desk
from tests.gui.conftest import press


def wait_for_suggestions(qtbot: QtBot, window: MainWindow) -> None:
    window.suggestions.delay_timer.setInterval(0)  # the real delay lets the window paint first
    window.suggestions.start()
    first = window.sentence_model.sentence_row(0).sentence.id
    qtbot.waitUntil(lambda: window.sentence_model.suggestion(first) is not None, timeout=10_000)


def test_suggestions_are_marked_but_nothing_is_tagged(qtbot: QtBot, window: MainWindow) -> None:
    wait_for_suggestions(qtbot, window)
    model = window.sentence_model
    assert model.data(model.index(5, SentenceColumn.TAG)) == "Denial?"
    assert window.desk.reviews.review(model.sentence_row(5).sentence.id).tag is None
    window.select_sentence(model.sentence_row(5).sentence.id)
    hint = window.panel.hint_label.text()
    assert "Suggested: Denial" in hint and "dismissed the allegations" in hint


def test_a_denial_suggestion_names_the_claim_a_would_link(qtbot: QtBot, window: MainWindow) -> None:
    """Before A is pressed, the reviewer sees which claim it will record as denied."""
    wait_for_suggestions(qtbot, window)
    model = window.sentence_model
    claim, denial = model.sentence_row(4).sentence.id, model.sentence_row(5).sentence.id
    found = model.suggestion(denial)
    assert found is not None and found.denies_sentence_id == claim
    window.select_sentence(denial)
    assert "; answers #5  (A\u00a0accepts)" in window.panel.hint_label.text()
    tooltip = model.data(model.index(5, SentenceColumn.TAG), Qt.ItemDataRole.ToolTipRole)
    assert "answers #5" in tooltip


def test_once_a_claim_is_chosen_the_suggestion_no_longer_names_another(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A leaves a claim chosen in Denies as it is: "answers #5" beside a denial linked to
    #2 said A would record what it will not. Cleared again, the suggestion names it."""
    wait_for_suggestions(qtbot, window)
    model = window.sentence_model
    other, denial = model.sentence_row(1).sentence.id, model.sentence_row(5).sentence.id
    window.select_sentence(denial)
    window.desk.reviews.set_tag(denial, Tag.DENIAL)
    window.desk.reviews.set_denies(denial, other)
    hint = window.panel.hint_label.text()
    assert "Suggested: Denial" in hint and "answers" not in hint
    window.desk.reviews.set_denies(denial, None)
    assert "; answers #5  (A\u00a0accepts)" in window.panel.hint_label.text()


def test_a_denial_suggestion_without_a_claim_says_so() -> None:
    """Nothing ties the denial to a claim: A records none, and the line says so."""
    found = SentenceSuggestion(7, Suggestion(Tag.DENIAL, 0.9, "denial cue: denied"), None)
    assert suggestion_text(found) == (
        "Suggested: Denial (90%) — denial cue: denied; answers: no claim found"
    )


def test_a_accepts_tag_claimant_and_denied_claim_in_one_undo_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    wait_for_suggestions(qtbot, window)
    desk, model = window.desk, window.sentence_model
    claim, denial = model.sentence_row(4).sentence.id, model.sentence_row(5).sentence.id
    window.select_sentence(denial)
    press(qtbot, window, "a")
    review = desk.reviews.review(denial)
    assert (review.tag, review.claimant, review.denies_sentence_id) == (
        Tag.DENIAL,
        "Yerevan",
        claim,
    )
    assert review.status is Status.IN_PROGRESS
    assert model.data(model.index(5, SentenceColumn.TAG)) == "Denial"
    window.edits.undo()
    review = desk.reviews.review(denial)
    assert (review.tag, review.claimant, review.denies_sentence_id) == (None, "", None)


def test_shift_n_walks_the_most_check_worthy_sentences_first(
    qtbot: QtBot, window: MainWindow
) -> None:
    wait_for_suggestions(qtbot, window)

    visited = []
    for _ in range(3):
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
        visited.append(window.current_sentence_id())
    assert len(set(visited)) == 3
    rows = window.sentence_model.rows()
    scores = [
        window.sentence_model.suggestion(i).suggestion.checkworthiness  # type: ignore[union-attr]
        for i in visited
    ]
    assert scores == sorted(scores, reverse=True)
    assert all(window.sentence_model.suggestion(r.sentence.id) for r in rows)


def test_accept_all_above_a_confidence_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait_for_suggestions(qtbot, window)
    desk, model = window.desk, window.sentence_model
    mine = model.sentence_row(0).sentence.id
    desk.reviews.set_tag(mine, Tag.FACT)  # the reviewer's own decision is never overwritten
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (90, True))
    window.edits.accept_all_suggestions()
    rows = desk.reviews.sentence_rows(1)
    expected = {
        r.sentence.id
        for r in rows
        if r.sentence.id != mine
        and (hint := model.suggestion(r.sentence.id)) is not None
        and hint.suggestion.tag is not None
        and hint.suggestion.confidence >= 0.9
    }
    assert expected and {r.sentence.id for r in rows if r.review.tag} == expected | {mine}
    assert desk.reviews.review(mine).tag is Tag.FACT
    window.edits.undo()
    assert {r.sentence.id for r in desk.reviews.sentence_rows(1) if r.review.tag} == {mine}


def test_no_suggestion_mark_once_the_reviewer_said_nothing_to_check(
    qtbot: QtBot, window: MainWindow
) -> None:
    wait_for_suggestions(qtbot, window)
    model = window.sentence_model
    window.select_sentence(model.sentence_row(3).sentence.id)
    assert model.data(model.index(3, SentenceColumn.TAG)) == "Claim?"
    press(qtbot, window, "x")
    assert model.data(model.index(3, SentenceColumn.TAG)) == ""


def test_show_most_check_worthy_first(qtbot: QtBot, window: MainWindow) -> None:
    wait_for_suggestions(qtbot, window)
    model, proxy = window.sentence_model, window.sentence_filter
    index = window.filter_box.findText("All, most check-worthy first")
    window.filter_box.setCurrentIndex(index)
    window.navigation.apply_filter(index)
    scores = [
        proxy.data(proxy.index(row, 0), model.CheckworthinessRole)
        for row in range(proxy.rowCount())
    ]
    assert len(scores) == 12 and scores == sorted(scores, reverse=True)
    window.filter_box.setCurrentIndex(0)
    window.navigation.apply_filter(0)
    first = proxy.data(proxy.index(0, 0), model.SentenceIdRole)
    assert first == model.sentence_row(0).sentence.id  # back to reading order


def test_shift_n_starts_at_the_top_of_the_ranking_wherever_the_reviewer_is(
    qtbot: QtBot, window: MainWindow
) -> None:
    """From sentence 1 it went on down from sentence 1's own rank: the least
    check-worthy sentences first (issue 15, bug 4)."""

    from factcheck_app.services.assist import checkworthy_sentence_ids

    wait_for_suggestions(qtbot, window)
    rows = window.sentence_model.rows()
    suggestions = {r.sentence.id: window.sentence_model.suggestion(r.sentence.id) for r in rows}
    ranking = checkworthy_sentence_ids(rows, suggestions)  # type: ignore[arg-type]
    for start in (ranking[len(ranking) // 2], ranking[-1]):  # from the middle, the bottom
        window.select_sentence(start)
        window.sentence_view.setFocus()
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
        assert window.current_sentence_id() == next(i for i in ranking if i != start)


def test_a_hostile_paragraph_does_not_hold_up_the_window(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    # Issue 13: a 150 KB paragraph of "said" (one "sentence", no full stop) froze the
    # window for 36 s while its suggestion was worked out in one step.
    text = "Officials said 14 people were hurt.\n\n" + "said " * 12_000 + "\n\nThe mayor said more."
    article = desk.importer.import_text(text).article_id
    window = make_window(desk)
    window.open_article(article)
    gaps: list[float] = []
    last = time.perf_counter()

    def tick() -> None:
        nonlocal last
        now = time.perf_counter()
        gaps.append(now - last)
        last = now

    ticker = QTimer(window, interval=5)
    ticker.timeout.connect(tick)
    ticker.start()
    wait_for_suggestions(qtbot, window)
    ticker.stop()
    hint = window.sentence_model.suggestion(window.sentence_model.sentence_row(0).sentence.id)
    assert hint is not None and hint.suggestion.tag is Tag.CLAIM
    assert gaps and max(gaps) < 1.0  # the old code: one gap of seconds


def test_the_weights_are_read_off_the_gui_thread_before_suggestions_start(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from factcheck_app.domain import checkworthiness

    monkeypatch.setattr(checkworthiness, "_loaded", {})  # as in a window just started
    readers: list[threading.Thread] = []
    real_from_dict = checkworthiness.CheckworthinessModel.from_dict

    def recording_read(data: Any) -> checkworthiness.CheckworthinessModel:
        readers.append(threading.current_thread())  # the weights file is being read
        return real_from_dict(data)

    monkeypatch.setattr(checkworthiness.CheckworthinessModel, "from_dict", recording_read)
    wait_for_suggestions(qtbot, window)
    assert readers and all(t is not threading.main_thread() for t in readers)
    model = checkworthiness.load_model()
    assert model is not None
    row = window.sentence_model.sentence_row(1)
    found = window.sentence_model.suggestion(row.sentence.id)
    assert found is not None
    assert found.suggestion.checkworthiness == round(model.probability(row.sentence.text), 3)
    window.select_sentence(row.sentence.id)
    assert "Worth checking:" in window.panel.worth_label.text()


def test_shift_n_visits_a_record_the_rules_call_nothing_to_check(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:

    result = desk.importer.import_text(
        "Thank you all for coming tonight.\n\n"
        "Today we have more teachers in our schools than at any time in history.\n\n"
        "It is good to be here.\n"
    )
    window = make_window(desk)
    window.open_article(result.article_id)
    wait_for_suggestions(qtbot, window)
    record = window.sentence_model.sentence_row(1).sentence.id
    assert window.sentence_model.suggestion(record).suggestion.tag is None  # type: ignore[union-attr]
    window.select_sentence(window.sentence_model.sentence_row(0).sentence.id)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert window.current_sentence_id() == record
    worth = window.panel.worth_label.text()
    assert "Worth checking:" in worth and "own record" in worth, worth


def test_suggestions_wait_while_the_reviewer_moves_and_then_go_on(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Each step added a few ms to every key press while a long article was suggested."""
    text = " ".join(f"Officials said {n} people were hurt near the port." for n in range(3000))
    article = desk.importer.import_text(text).article_id
    window = make_window(desk)
    window.open_article(article)
    scheduler = window.suggestions
    scheduler.delay_timer.stop()
    scheduler.start()
    qtbot.waitUntil(lambda: scheduler._tick.isActive(), timeout=20_000)  # the assist loaded
    press(qtbot, window, "j")
    assert not scheduler._tick.isActive()  # held while the reviewer is at work
    assert scheduler.running()
    wait_for_suggestions(qtbot, window)  # …and done once the keys pause
    assert window.sentence_model.suggestion(window.current_sentence_id() or 0) is not None


def test_keys_push_back_the_assist_loading_until_they_pause(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The worker that imports the assist and reads its weights shares the interpreter lock
    with the window: started under the reviewer's keys, it made presses take 30–60 ms."""
    article = desk.importer.import_text("One. Two. Three. Four.").article_id
    window = make_window(desk)
    window.open_article(article)
    scheduler = window.suggestions
    scheduler.delay_timer.start(400)
    qtbot.waitUntil(lambda: scheduler.delay_timer.remainingTime() < 200, timeout=5_000)
    press(qtbot, window, "j")
    assert scheduler.delay_timer.remainingTime() > 200  # counted again from the last key
    assert not scheduler.running()  # nothing loads yet
    first = window.sentence_model.sentence_row(0).sentence.id  # …and once the keys pause:
    qtbot.waitUntil(lambda: window.sentence_model.suggestion(first) is not None, timeout=10_000)


def test_shift_n_asks_for_the_suggestions_at_once_when_they_wait_for_a_pause(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Keys push the suggestions' start back until they pause; Shift+N asks for the
    ranking itself, so it must not wait for a pause that asking never makes."""
    scheduler = window.suggestions
    scheduler.delay_timer.start(60_000)  # as if keys had just been pressed
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert "being computed" in window.statusBar().currentMessage()
    assert not scheduler.delay_timer.isActive() and scheduler.running()
    first = window.sentence_model.sentence_row(0).sentence.id
    qtbot.waitUntil(lambda: window.sentence_model.suggestion(first) is not None, timeout=10_000)


def test_a_again_on_an_accepted_suggestion_says_so(qtbot: QtBot, window: MainWindow) -> None:
    """A pressed twice (a careless hand) said nothing the second time: the reviewer could
    not tell whether the key was taken. It says the suggestion is already accepted."""
    wait_for_suggestions(qtbot, window)
    denial = window.sentence_model.sentence_row(5).sentence.id
    window.select_sentence(denial)
    press(qtbot, window, "a")
    assert window.desk.reviews.review(denial).tag is Tag.DENIAL
    window.statusBar().clearMessage()
    press(qtbot, window, "a")
    message = window.statusBar().currentMessage()
    assert "already accepted" in message and "nothing changed" in message.lower()
    assert window.desk.reviews.review(denial).tag is Tag.DENIAL


def test_a_with_no_suggestion_or_in_a_read_only_window_says_why(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A before the assist has run, and A in a read-only window: each says why nothing
    was taken, never nothing at all."""
    window = make_window(seeded_desk)
    window.statusBar().clearMessage()
    press(qtbot, window, "a")
    assert window.statusBar().currentMessage() == "No suggestion for this sentence (yet)."
    path = seeded_desk.path
    assert path is not None
    window.close()
    seeded_desk.close()
    read_only = make_window(Desk.open(path, read_only=True))
    read_only.statusBar().clearMessage()
    press(qtbot, read_only, "a")
    assert "read-only" in read_only.statusBar().currentMessage()


def test_a_claimant_typed_but_not_yet_saved_is_what_accepting_keeps(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Review → Accept Suggestion with a claimant typed a moment before (not yet saved)
    wrote the suggested claimant over it, and the typing came after as its own edit: one
    Ctrl+Z then showed a claimant the reviewer had typed over and never accepted."""
    from factcheck_app.gui.actions import ActionId

    wait_for_suggestions(qtbot, window)
    sentence = window.sentence_model.sentence_row(1).sentence.id
    found = window.sentence_model.suggestion(sentence)
    assert found is not None and found.suggestion.claimant  # one to accept
    window.select_sentence(sentence)
    window.panel.claimant_edit.setFocus()
    qtbot.keyClicks(window.panel.claimant_edit, "Jane Doe")
    window.registry[ActionId.ACCEPT_SUGGESTION].trigger()  # from the menu: A types an "a"
    review = window.desk.reviews.review(sentence)
    assert (review.tag, review.claimant) == (found.suggestion.tag, "Jane Doe")
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    review = window.desk.reviews.review(sentence)
    assert (review.tag, review.claimant) == (None, "Jane Doe")  # the accept, taken back


def test_accept_all_keeps_a_claimant_typed_but_not_yet_saved(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Accept All Suggestions Above wrote the suggested claimant over one just typed."""
    from factcheck_app.gui.actions import ActionId

    wait_for_suggestions(qtbot, window)
    sentence = window.sentence_model.sentence_row(1).sentence.id
    window.select_sentence(sentence)
    window.panel.claimant_edit.setFocus()
    qtbot.keyClicks(window.panel.claimant_edit, "Jane Doe")
    monkeypatch.setattr(QInputDialog, "getInt", lambda *args, **kwargs: (0, True))
    window.registry[ActionId.ACCEPT_ALL_SUGGESTIONS].trigger()
    review = window.desk.reviews.review(sentence)
    assert review.tag is not None and review.claimant == "Jane Doe"
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    review = window.desk.reviews.review(sentence)
    assert (review.tag, review.claimant) == (None, "Jane Doe")  # the accept, taken back


def test_a_leaves_a_tag_the_reviewer_gave_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    """A on a sentence the reviewer had tagged Claim and judged False turned it into the
    suggested Denial, verdict kept, claimant and denied claim filled in, without a word.
    A tag given, or "nothing to check", is the reviewer's: A leaves it and says which key
    gives the suggested tag; the panel no longer offers "(A accepts)" there."""
    wait_for_suggestions(qtbot, window)
    desk, model = window.desk, window.sentence_model
    denial = model.sentence_row(5).sentence.id  # suggested: Denial, Yerevan, answers #5
    window.select_sentence(denial)
    press(qtbot, window, "c")
    press(qtbot, window, "5")
    judged = desk.reviews.review(denial)
    assert (judged.tag, judged.verdict) == (Tag.CLAIM, "false")
    hint = window.panel.hint_label.text()
    assert "Suggested: Denial" in hint and "(tagged Claim: A\u00a0leaves it)" in hint
    assert "accepts" not in hint
    window.statusBar().clearMessage()
    press(qtbot, window, "a")
    assert desk.reviews.review(denial).content_fields() == judged.content_fields()
    assert window.statusBar().currentMessage() == (
        "Tagged Claim already: D makes it Denial (A leaves a tag given as it is)."
    )
    claim = model.sentence_row(3).sentence.id  # suggested: Claim
    window.select_sentence(claim)
    press(qtbot, window, "x")  # the reviewer: nothing to check here
    press(qtbot, window, "a")
    review = desk.reviews.review(claim)
    assert (review.tag, review.status) == (None, Status.DONE)
    message = window.statusBar().currentMessage()
    assert message.startswith("Marked nothing to check already: C makes it Claim")
    press(qtbot, window, "c")  # tagged as suggested: A fills in the claimant
    assert "(A\u00a0accepts)" in window.panel.hint_label.text()
    press(qtbot, window, "a")
    assert desk.reviews.review(claim).claimant == "the ministry"


def test_a_leaves_a_check_begun_when_it_suggests_nothing_to_check(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The reviewer typed a claimant, no tag yet; the assist saw nothing to check, and A
    marked the sentence done: N passed over it from then on, with no verdict given."""
    article = desk.importer.import_text(
        "The mayor said 14 people were hurt.\n\nIt was a grey morning in the old town."
    ).article_id
    window = make_window(desk)
    window.open_article(article)
    wait_for_suggestions(qtbot, window)
    model = window.sentence_model
    sentence = next(
        row.sentence.id
        for row in model.rows()
        if (found := model.suggestion(row.sentence.id)) is not None and found.suggestion.tag is None
    )
    window.select_sentence(sentence)
    window.panel.claimant_edit.setFocus()
    qtbot.keyClicks(window.panel.claimant_edit, "Jane Doe")
    window.panel.flush_pending_text()
    begun = desk.reviews.review(sentence)
    assert begun.status is Status.IN_PROGRESS
    assert "(being checked: A\u00a0leaves it)" in window.panel.hint_label.text()
    window.statusBar().clearMessage()
    window.sentence_view.setFocus()
    press(qtbot, window, "a")
    assert desk.reviews.review(sentence).content_fields() == begun.content_fields()
    assert window.statusBar().currentMessage() == (
        "Being checked already: X makes it nothing to check (A leaves a check begun as it is)."
    )
