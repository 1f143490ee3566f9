"""A search the reviewer types is ranked a stretch of the index per turn of the window
(as the search that waited for the index already was): in a year's workspace ranking
every match of a common word in one statement held the window for 84-99 ms, 200-440 ms
on a busy machine (docs/performance.md). The results are those of a search at once, in
the same order; words typed on drop the search of the words before; Enter and F3 pressed
before the results are in go to the results of what is typed, once they are."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import factcheck_app.storage.search as search_module
from factcheck_app.domain.models import SearchScope
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.search_models import SearchResultModel
from factcheck_app.gui.search_panel import SearchPanel
from factcheck_app.services.desk import Desk
from factcheck_app.storage.search import SearchIndex
from tests.gui.test_index_rebuild_in_window import count_said
from tests.storage.test_search_index import SECOND_ARTICLE


class Turns:
    """Counts the turns of the window's event loop (a timer of no interval runs once in
    each), and notes in which turn each stretch was ranked, for which words."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        self.timer = QTimer(interval=0)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.ranked: list[tuple[str, int]] = []  # (expression, turn) of each stretch
        self.panel: SearchPanel | None = None
        self.said: list[str] = []  # the search pane's count as each stretch was ranked
        self.at_once: list[str] = []  # expressions ranked whole in one statement
        ranked_in, match = SearchIndex.ranked_in, SearchIndex.match
        turns = self

        def noted_in(
            index: SearchIndex, expression: str, stretch: tuple[int, int], **options: object
        ) -> list[tuple[float, int]]:
            turns.ranked.append((expression, turns.count))
            if turns.panel is not None:
                turns.said.append(turns.panel.count_label.text())
            return ranked_in(index, expression, stretch, **options)  # type: ignore[arg-type]

        def noted_match(
            index: SearchIndex, expression: str, **options: object
        ) -> tuple[int, list[object]]:
            if options.get("ranked", True):
                turns.at_once.append(expression)
            return match(index, expression, **options)  # type: ignore[arg-type, return-value]

        monkeypatch.setattr(SearchIndex, "ranked_in", noted_in)
        monkeypatch.setattr(SearchIndex, "match", noted_match)

    def _tick(self) -> None:
        self.count += 1


@pytest.fixture
def window(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[MainWindow]:
    """A window on two articles whose index is ranked in stretches of one sentence id."""
    seeded_desk.importer.import_text(SECOND_ARTICLE, source_name="second.txt")
    monkeypatch.setattr(search_module, "RANK_STRETCH", 1)
    window = make_window(seeded_desk)
    yield window
    window.close()


def shown_ids(panel: SearchPanel) -> list[int]:
    return [
        panel.model.index(row, 0).data(SearchResultModel.SentenceIdRole)
        for row in range(panel.model.rowCount())
    ]


def open_search(qtbot: QtBot, window: MainWindow) -> SearchPanel:
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    return window.search_panel


def test_a_typed_search_is_ranked_a_stretch_per_turn_and_shows_what_a_search_at_once_does(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    at_once = window.desk.lookup.search("the")
    assert at_once.total > 3
    turns = Turns(monkeypatch)
    panel = turns.panel = open_search(qtbot, window)
    qtbot.keyClicks(panel.query_edit, "the")
    qtbot.waitUntil(lambda: len(turns.ranked) > 0 and not panel.searching())
    assert set(turns.said) == {"Searching…"}  # said while it is under way
    # Never all of it in one statement on the window's thread; each stretch in a turn.
    assert turns.at_once == []
    in_turns = [turn for _expression, turn in turns.ranked]
    assert len(in_turns) > 2 and in_turns == sorted(set(in_turns))
    # The same results, in the same order (ties by sentence id, as at once).
    assert shown_ids(panel) == [hit.found.row.sentence.id for hit in at_once.hits]
    assert panel.count_label.text() == f"{at_once.total} matches"
    turns.timer.stop()


def test_typing_on_drops_the_search_of_the_words_before(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    turns = Turns(monkeypatch)
    panel = open_search(qtbot, window)
    qtbot.keyClicks(panel.query_edit, "the")
    panel.run_search()  # as the typing pause ends: the count now, the stretches after
    QApplication.processEvents()  # a turn: a stretch of it
    assert turns.ranked and panel.searching()
    qtbot.keyClicks(panel.query_edit, " ganja")
    stretches_of_the = len(turns.ranked)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0 and not panel.searching())
    # Not one more stretch of "the" after the key: only the new words were ranked.
    old_words = turns.ranked[0][0]
    assert [expression for expression, _turn in turns.ranked[:stretches_of_the]] == [
        old_words
    ] * stretches_of_the
    after = {expression for expression, _turn in turns.ranked[stretches_of_the:]}
    assert len(after) == 1 and old_words not in after and "AND" in after.pop()
    expected = window.desk.lookup.search("the ganja")
    assert shown_ids(panel) == [hit.found.row.sentence.id for hit in expected.hits]
    turns.timer.stop()


def test_enter_before_the_results_are_in_goes_to_the_first_once_they_are(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = [hit.found.row.sentence.id for hit in window.desk.lookup.search("ganja").hits]
    assert len(expected) >= 3
    panel = open_search(qtbot, window)
    qtbot.keyClicks(panel.query_edit, "ganja")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)  # before the typing pause ended
    assert panel.searching()
    qtbot.waitUntil(lambda: not panel.searching())
    assert window.current_sentence_id() == expected[0]
    # Enter twice while the results are searched again: two on, as when they are in.
    panel.run_search()
    assert panel.searching()
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.searching())
    assert window.current_sentence_id() == expected[2]


def test_f3_after_new_words_goes_to_their_results_not_to_the_ones_shown(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = open_search(qtbot, window)
    qtbot.keyClicks(panel.query_edit, "the")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0 and not panel.searching())
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_F3)  # the first of "the"
    panel.query_edit.selectAll()
    qtbot.keyClicks(panel.query_edit, "ganja")  # the results shown are still of "the"
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: not panel.searching())
    first = window.desk.lookup.search("ganja").hits[0].found.row.sentence.id
    assert window.current_sentence_id() == first
    assert shown_ids(panel)[0] == first
    assert panel.view.currentIndex().row() == 0


def test_words_typed_drop_an_enter_pressed_for_the_words_before(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Enter, then more words before the results were in: no jump to a sentence of
    either while the reviewer is typing."""
    panel = open_search(qtbot, window)
    before = window.current_sentence_id()
    qtbot.keyClicks(panel.query_edit, "the")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    assert panel.searching()
    qtbot.keyClicks(panel.query_edit, " ganja")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0 and not panel.searching())
    assert window.current_sentence_id() == before
    assert panel.query_edit.hasFocus()


def test_a_scope_chosen_is_searched_in_turns_too(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    turns = Turns(monkeypatch)
    panel = open_search(qtbot, window)
    panel.query_edit.setText("ganja")
    panel.scope_box.setCurrentIndex(panel.scope_box.findData(SearchScope.SENTENCES.value))
    panel.scope_box.activated.emit(panel.scope_box.currentIndex())
    qtbot.waitUntil(lambda: not panel.searching())
    assert turns.at_once == [] and turns.ranked
    expected = window.desk.lookup.search("ganja", SearchScope.SENTENCES)
    assert shown_ids(panel) == [hit.found.row.sentence.id for hit in expected.hits]
    turns.timer.stop()


@pytest.mark.parametrize("typed", ["!!!", "🙂🙂", "« — »", '"'])
def test_words_with_nothing_to_search_say_so_not_no_matches(
    qtbot: QtBot, window: MainWindow, typed: str
) -> None:
    """Punctuation, symbols and emoji are not indexed: "No matches" read as if the words
    were searched and are nowhere in the workspace."""
    panel = open_search(qtbot, window)
    QApplication.clipboard().setText(typed)  # pasted: a key click cannot type an emoji
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert panel.query_edit.text() == typed
    qtbot.waitUntil(lambda: not panel.searching() and panel.count_label.text() != "")
    said = count_said(window)
    assert said == "Nothing to search: type a word or a number"
    assert panel.model.rowCount() == 0
    assert panel.view.empty_text == ""  # the count says it, once


def test_right_to_left_words_and_emoji_beside_words_are_searched(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.desk.importer.import_text(
        "قال الوزير إن الميزانية زادت.\n\nהשר אמר שהתקציב גדל.", source_name="rtl.txt"
    )
    panel = open_search(qtbot, window)
    for typed, found in (("الوزير", "قال الوزير"), ("השר", "השר אמר"), ("🙂 הַשַּׂר", "השר")):
        panel.query_edit.setText(typed)
        panel.run_search()
        qtbot.waitUntil(lambda: not panel.searching())
        assert panel.model.rowCount() == 1, typed
        assert panel.model.index(0, 1).data().startswith(found)
