"""Earlier verdicts and the search pane, driven by keys on the real window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Review, SearchScope, Stance, Status, Tag
from factcheck_app.domain.wording import counted
from factcheck_app.gui.controllers.search import copied_words
from factcheck_app.gui.earlier_verdicts import DETAIL_LINES
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SentenceFilter
from factcheck_app.gui.search_models import EarlierVerdictModel, SearchResultModel
from factcheck_app.gui.search_panel import SearchPanel
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.storage.search import SearchIndex
from tests.gui.conftest import press

REWORDED = (
    "Azerbaijan's prosecutor said on Monday that Armenian shelling of Ganja had killed "
    "1 civilian and wounded thirty-two people.\n\nThe weather in <b>Baku</b> was fine."
)


@pytest.fixture
def judged(seeded_desk: Desk) -> tuple[Desk, int, int]:
    """(desk, judged sentence in the seed article, its rewording in a second article)."""
    desk = seeded_desk
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
    judged_id = ids[4]  # "Earlier, Baku said one civilian had been killed and 32 wounded …"
    desk.reviews.set_tag(judged_id, Tag.CLAIM)
    desk.reviews.set_verdict(judged_id, "unverifiable")
    desk.reviews.set_text_field(judged_id, "claimant", "Baku")
    desk.reviews.set_text_field(judged_id, "explanation", "No independent count on October 4.")
    for url, title in (
        ("https://example.org/prosecutor", "Prosecutor statement"),
        ("https://example.org/hospital", "Hospital admissions"),
    ):
        desk.sources.link_source(judged_id, NewSource(url=url, title=title, stance=Stance.SUPPORTS))
    article = desk.importer.import_text(REWORDED, source_name="reworded.txt").article_id
    target = desk.reviews.sentence_rows(article)[0].sentence.id
    return desk, judged_id, target


def show_earlier_verdicts(qtbot: QtBot, window: MainWindow, sentence_id: int) -> None:
    article = window.desk.repo.sentences.article_of_sentence(sentence_id)
    window.open_article(article, sentence_id)
    qtbot.waitUntil(lambda: not window.search.earlier_timer.isActive(), timeout=5000)


def search_for(window: MainWindow, query: str) -> SearchPanel:
    """Open the search pane and search for ``query`` at once (no typing pause)."""
    window.search.open_search()
    window.search_panel.query_edit.setText(query)
    window.search_panel.run_search()
    return window.search_panel


def test_models_pass_the_model_tester(
    qtmodeltester: ModelTester, judged: tuple[Desk, int, int]
) -> None:
    desk, _judged_id, target = judged
    results = SearchResultModel()
    results.set_items(desk.lookup.search("Ganja").hits)
    assert results.rowCount() >= 2
    qtmodeltester.check(results)
    verdicts = EarlierVerdictModel()
    verdicts.set_items(desk.lookup.earlier_verdicts(target))
    assert verdicts.rowCount() == 1
    qtmodeltester.check(verdicts)


def test_earlier_verdict_shows_and_v_copies_it_in_one_undo_step(
    qtbot: QtBot,
    judged: tuple[Desk, int, int],
    make_window: Callable[[Desk], MainWindow],
) -> None:
    desk, judged_id, target = judged
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    box = window.panel.earlier
    assert box.model.rowCount() == 1
    summary = box.model.index(0, 0).data()
    assert "Unverifiable" in summary and "Baku" in summary and "alike" in summary
    assert "Prosecutor statement" in box.details.text()
    assert "No independent count" in box.details.text()

    press(qtbot, window, "v")
    review = desk.reviews.review(target)
    assert (review.tag, review.verdict, review.claimant, review.status) == (
        Tag.CLAIM,
        "unverifiable",
        "Baku",
        Status.DONE,
    )
    assert review.explanation == "No independent count on October 4."
    assert desk.reviews.review(judged_id).verdict == "unverifiable"  # the earlier one is untouched
    press(qtbot, window, Qt.Key.Key_Z)  # a plain Z is not undo
    window.edits.undo()
    assert (
        desk.reviews.review(target).verdict is None and desk.reviews.review(target).claimant == ""
    )


def test_ctrl_shift_l_reuses_the_sources_once(
    qtbot: QtBot,
    judged: tuple[Desk, int, int],
    make_window: Callable[[Desk], MainWindow],
) -> None:
    desk, _judged_id, target = judged
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert sorted(link.source.url for link in desk.sources.links(target)) == [
        "https://example.org/hospital",
        "https://example.org/prosecutor",
    ]
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(desk.sources.links(target)) == 2
    assert "already" in window.statusBar().currentMessage()
    window.edits.undo()  # both links went in as one step
    assert desk.sources.links(target) == []


def test_no_earlier_verdict_means_v_changes_nothing(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    desk, _judged_id, target = judged
    weather = desk.reviews.sentence_rows(desk.repo.sentences.article_of_sentence(target))[
        1
    ].sentence.id
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, weather)
    assert window.panel.earlier.model.rowCount() == 0
    assert not window.panel.earlier.copy_button.isEnabled()
    press(qtbot, window, "v")
    assert desk.reviews.review(weather).verdict is None
    assert "No earlier verdict" in window.statusBar().currentMessage()


def test_a_new_verdict_becomes_an_earlier_verdict_without_reopening(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    desk = seeded_desk
    article = desk.importer.import_text(REWORDED, source_name="reworded.txt").article_id
    target = desk.reviews.sentence_rows(article)[0].sentence.id
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    assert window.panel.earlier.model.rowCount() == 0
    # Judge the seed's sentence in the window, then come back to the reworded one.
    seed_sentence = desk.reviews.sentence_rows(1)[4].sentence.id
    window.open_article(1, seed_sentence)
    press(qtbot, window, "c", "5")
    show_earlier_verdicts(qtbot, window, target)
    assert window.panel.earlier.model.rowCount() == 1
    assert window.panel.earlier.chosen().found.row.sentence.id == seed_sentence


def test_ctrl_f_searches_and_enter_f3_walk_the_results(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    desk, judged_id, target = judged
    window = make_window(desk)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.search_panel
    assert panel.isVisible() and QApplication.focusWidget() is panel.query_edit
    qtbot.keyClicks(panel.query_edit, "ganja 32")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    found = {
        panel.model.index(row, 0).data(SearchResultModel.SentenceIdRole)
        for row in range(panel.model.rowCount())
    }
    assert found == {judged_id, target}  # "32" and "thirty-two" are the same number
    assert panel.count_label.text() == "2 matches"
    first = window.current_sentence_id()
    assert first in found
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_F3)
    second = window.current_sentence_id()
    assert {first, second} == found
    assert window.article_id == desk.repo.sentences.article_of_sentence(second)
    # Esc goes back to the sentence list, where the review keys work again.
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.sentence_view


def test_down_in_the_find_field_goes_into_the_results(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """↓ in the Find field did nothing, without a word (in the article finder it goes to
    the articles found): the results were reached only by Tab, three times. It chooses the
    first result, names its article, and leaves the sentence you were on until Enter."""
    desk, _judged_id, _target = judged
    window = make_window(desk)
    before = window.current_sentence_id()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.search_panel
    qtbot.keyClicks(panel.query_edit, "ganja 32")  # searched when the typing pauses
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)  # before that: once it is in
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.view)
    assert panel.view.currentIndex().row() == 0
    assert window.statusBar().currentMessage().startswith("Result 1 of 2, in “")
    assert window.current_sentence_id() == before  # chosen, not shown yet
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    first = panel.model.index(0, 0).data(SearchResultModel.SentenceIdRole)
    assert window.current_sentence_id() == first


def test_search_scope_typing_and_plain_text(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    desk, judged_id, _target = judged
    window = make_window(desk)
    window.search.open_search()
    panel = window.search_panel
    qtbot.keyClicks(panel.query_edit, "Bak")  # a word still being typed
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    texts = [panel.model.index(r, 1).data() for r in range(panel.model.rowCount())]
    assert "The weather in <b>Baku</b> was fine." in texts  # shown as typed, not as markup
    panel.scope_box.setCurrentIndex(panel.scope_box.findData(SearchScope.CLAIMANTS.value))
    panel.run_search()
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0).data(SearchResultModel.SentenceIdRole) == judged_id
    assert panel.model.index(0, 0).data() == "Claimant"
    panel.query_edit.setText('"no such phrase anywhere"')
    panel.run_search()
    assert panel.model.rowCount() == 0 and panel.count_label.text() == "No matches"
    panel.findChild(QToolButton, "closeSearch").click()
    assert not panel.isVisible() and QApplication.focusWidget() is window.sentence_view


def test_read_only_workspace_searches_but_cannot_copy(
    qtbot: QtBot,
    judged: tuple[Desk, int, int],
    make_window: Callable[[Desk], MainWindow],
) -> None:
    desk, _judged_id, target = judged
    path = desk.path
    assert path is not None
    desk.close()
    read_only = Desk.open(path, read_only=True)
    window = make_window(read_only)
    show_earlier_verdicts(qtbot, window, target)
    assert window.panel.earlier.model.rowCount() == 1
    assert not window.panel.earlier.copy_button.isEnabled()
    press(qtbot, window, "v")
    assert read_only.reviews.review(target).verdict is None
    assert window.workspace_strip.isVisibleTo(window)  # says why nothing happened
    assert read_only.lookup.search("prosecutor").total >= 2
    read_only.close()


def test_an_edit_refreshes_the_results_and_keeps_the_place(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    desk, judged_id, target = judged
    window = make_window(desk)
    panel = search_for(window, "ganja 32 ")
    assert panel.step(1)
    first = window.current_sentence_id()
    press(qtbot, window, "c")  # tag the shown result: the results are searched again
    assert panel._timer.isActive()
    qtbot.waitUntil(lambda: not panel._timer.isActive(), timeout=5000)
    assert panel.view.currentIndex().data(SearchResultModel.SentenceIdRole) == first
    tags = [panel.model.index(r, 2).data() for r in range(panel.model.rowCount())]
    assert "Claim" in tags  # the refreshed results show the new tag
    assert panel.step(1)
    assert window.current_sentence_id() == ({judged_id, target} - {first}).pop()


def test_choose_another_earlier_verdict_in_the_list_and_copy_it_there(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    desk, judged_id, target = judged
    # A second verdict on the same events, in a third article.
    third = desk.importer.import_text(
        "Baku said one civilian was killed and 32 people were wounded in Ganja on Monday.",
        source_name="third.txt",
    ).article_id
    other = desk.reviews.sentence_rows(third)[0].sentence.id
    desk.reviews.set_tag(other, Tag.CLAIM)
    desk.reviews.set_verdict(other, "false")
    desk.reviews.set_text_field(target, "explanation", "Typed by the reviewer.")
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    box = window.panel.earlier
    offered = [box.model.item(r).found.row.sentence.id for r in range(box.model.rowCount())]
    assert sorted(offered) == sorted([judged_id, other])
    box.view.setFocus()
    qtbot.keyClick(box.view, Qt.Key.Key_Down)  # choose the second one …
    chosen = box.chosen()
    assert chosen is not None and chosen.found.row.sentence.id == offered[1]
    assert chosen.found.article_title[:30] in box.details.text()  # details follow the choice
    qtbot.keyClick(box.view, Qt.Key.Key_V)  # … and copy it right there
    review = desk.reviews.review(target)
    assert review.verdict == chosen.found.row.review.verdict
    assert review.explanation == "Typed by the reviewer."  # typed text is never overwritten


def test_results_show_the_matched_words_in_bold_and_in_view(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    desk, judged_id, _target = judged
    window = make_window(desk)
    panel = search_for(window, "shelling gan")
    model = panel.model
    rows = {model.index(r, 0).data(SearchResultModel.SentenceIdRole): r for r in range(3)}
    index = model.index(rows[judged_id], 1)
    shown = index.data()
    # The judged sentence is long: it is shown from just before its first match …
    assert shown.startswith("…") and "shelling Ganja" in shown
    # … and the matched words ("shelling", and "Ganja" for the prefix "gan") are marked.
    spans = index.data(SearchResultModel.HighlightRole)
    assert [shown[a:b] for a, b in spans] == ["shelling", "Ganja"]
    assert model.index(rows[judged_id], 3).data(SearchResultModel.HighlightRole) is None
    panel.view.grab()  # the delegate paints them (plain characters, bold where matched)


def test_edits_of_the_current_sentence_do_not_look_up_earlier_verdicts_again(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    desk, judged_id, target = judged
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    press(qtbot, window, "c", "5")  # the reviewer's own sentence: its earlier verdicts stand
    assert not window.search.earlier_timer.isActive()
    window.edits.undo()  # undo moves to the sentence it changed, and that looks them up
    assert window.current_sentence_id() == target and not window.search.earlier_timer.isActive()
    desk.reviews.set_verdict(judged_id, "false")  # an edit elsewhere shows that sentence …
    assert window.current_sentence_id() == judged_id
    assert window.search.earlier_timer.isActive()  # … and looks up its own earlier verdicts


def test_a_search_the_workspace_cannot_answer_is_told_in_the_pane(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Storage now raises the desk's own errors; the pane caught only SQLite's, so a
    damaged index reached the crash dialog instead of the pane's one line."""
    from factcheck_app.domain.errors import WorkspaceDamaged

    def damaged(*_args: object, **_options: object) -> object:
        raise WorkspaceDamaged("The workspace is damaged (search index).")

    for asked in ("match", "match_count", "ranked_in"):  # at once, or in steps
        monkeypatch.setattr(SearchIndex, asked, damaged)
    panel = search_for(window, "Ganja")
    assert panel.count_label.text() == "Search failed"
    assert window.statusBar().currentMessage() == (
        "Search failed: The workspace is damaged (search index)."
    )
    assert panel.model.rowCount() == 0


def test_v_shows_the_copied_tag_in_the_current_row_at_once(
    qtbot: QtBot,
    judged: tuple[Desk, int, int],
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """The row's Tag cell stayed blank after V until the row was left (issue 15, bug 7)."""
    from factcheck_app.gui.models import SentenceColumn

    desk, _judged_id, target = judged
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    press(qtbot, window, "v")
    index = window.sentence_view.currentIndex()
    assert index.siblingAtColumn(SentenceColumn.TAG).data() == "Claim"
    assert index.siblingAtColumn(SentenceColumn.VERDICT).data() == "Unverifiable"


def test_a_highlighted_cell_too_narrow_for_its_text_ends_in_an_ellipsis(qapp: object) -> None:
    """Cells with the matched words in bold were cut at the column's edge mid-letter,
    where every other cell ends in "…"."""
    from PySide6.QtGui import QFont, QFontMetricsF

    from factcheck_app.gui.search_models import highlighted_line

    font = QFont()
    bold = QFont(font)
    bold.setBold(True)
    text = "Armenian shelling of Ganja had killed one civilian and wounded thirty-two people"
    ganja = (text.index("Ganja"), text.index("Ganja") + 5)
    metrics, bold_metrics = QFontMetricsF(font), QFontMetricsF(bold)
    width = (
        metrics.horizontalAdvance("Armenian shelling of  had killed…")
        + bold_metrics.horizontalAdvance("Ganja")
        + 2
    )
    layout = highlighted_line(text, [ganja], font, width)
    shown = layout.text()
    assert shown.endswith("…") and text.startswith(shown[:-1]) and "Ganja had" in shown
    assert layout.lineAt(0).naturalTextWidth() <= width
    assert [(r.start, r.length) for r in layout.formats()] == [(ganja[0], 5)]
    assert highlighted_line(text, [ganja], font, 10_000.0).text() == text


@pytest.mark.parametrize(
    "text",
    [
        "قال الوزير إن الميزانية زادت بنسبة خمسة في المئة هذا العام بعد نقاش طويل في البرلمان",
        "השר אמר שהתקציב גדל בחמישה אחוזים השנה לאחר ויכוח ארוך בפרלמנט ובוועדות שלו",
        "The minister said: «الميزانية زادت بنسبة خمسة في المئة» after a long debate in parliament",
    ],
)
def test_a_right_to_left_cell_is_cut_where_the_column_ends_not_near_its_start(
    qapp: object, text: str
) -> None:
    """A cut Arabic or Hebrew sentence kept its first three words in a column room for
    a dozen: the cut was found from the left edge, where right-to-left text ends."""
    from PySide6.QtGui import QFont

    from factcheck_app.gui.search_models import ELLIPSIS, highlighted_line

    font = QFont()
    words = text.split()
    spans = [(text.index(words[3]), text.index(words[3]) + len(words[3]))]

    def width_of(shown: str) -> float:
        layout = highlighted_line(shown, spans, font, 1e6)  # kept: its line is its own
        return layout.lineAt(0).naturalTextWidth()

    width = width_of(text) * 0.6
    layout = highlighted_line(text, spans, font, width)
    shown = layout.text()
    assert shown.endswith(ELLIPSIS) and text.startswith(shown[:-1])
    assert layout.lineAt(0).naturalTextWidth() <= width
    # As much as fits: one character more would not.
    assert width_of(text[: len(shown)] + ELLIPSIS) > width
    assert len(shown) > len(text) * 0.4


def test_earlier_verdict_details_too_long_for_their_lines_end_in_an_ellipsis(
    qtbot: QtBot,
    judged: tuple[Desk, int, int],
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """Seen in the 1920×1080 screenshot: a source's line stopped at "Ganja —", its address
    cut off by the details' fixed height with no sign that more followed."""
    desk, _judged_id, target = judged
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    details = window.panel.earlier.details
    details.setFixedWidth(260)
    shown = details.shown_lines()
    assert len(shown) == DETAIL_LINES and shown[-1].endswith("…")
    assert "Prosecutor statement" in details.toolTip()  # the whole of it, on hovering


def test_earlier_verdict_details_copy_whole_from_their_context_menu(
    qtbot: QtBot,
    judged: tuple[Desk, int, int],
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """The details used to be selectable text; cut to their lines, they are copied whole
    (an explanation to quote, a source's address to open) from the context menu."""
    from PySide6.QtWidgets import QApplication

    desk, _judged_id, target = judged
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    details = window.panel.earlier.details
    details.setFixedWidth(200)
    [copy] = [a for a in details.actions() if a.text() == "Copy"]
    copy.trigger()
    copied = QApplication.clipboard().text()
    assert copied == details.text() and "Prosecutor statement" in copied


def test_the_search_pane_follows_the_workspace_opened(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow], tmp_path: Path
) -> None:
    """After opening another workspace the pane still listed the last one's matches, and
    F3 jumped to whatever sentence bore a listed number there (a verdict key then judged
    a sentence that matched nothing)."""
    other_path = tmp_path / "other.fcdesk"
    other = Desk.open(other_path)
    other.importer.import_text("Police said 3 people were hurt. The mayor denied it.")
    other.close()
    window = make_window(seeded_desk)
    panel = search_for(window, "Armenia")
    assert panel.model.rowCount() > 1
    window.workspace.switch_workspace(other_path)
    assert panel.model.rowCount() == 0 and panel.count_label.text() == "No matches"
    panel.query_edit.setText("denied")
    panel.run_search()
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F3)
    row = window.current_row()
    assert row is not None and row.sentence.text == "The mayor denied it."
    window.close()
    window.desk.close()


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_where_found_tag_and_verdict_show_whole(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow], size: tuple[int, int]
) -> None:
    """Their columns were fixed pixel widths, made for no font in particular: at 1280×800
    the results read "Sente…", "Unverifi…" and "Mostly t…" beside a wide sentence column;
    at 1024×640 the claimant and the article give way first (their tooltips have them)."""
    from tests.gui.test_newsroom_display import _cut_cells
    from tests.sample_review import apply_sample_review

    apply_sample_review(seeded_desk, 1)
    window = make_window(seeded_desk)
    window.resize(*size)
    panel = search_for(window, "Ganja")
    QApplication.processEvents()
    verdicts = {panel.model.index(row, 3).data() for row in range(panel.model.rowCount())}
    assert "Mostly true" in verdicts  # the widest words of this search
    # A result found in several places ("Sentence, Sources") may end in "…".
    assert [cut for cut in _cut_cells(panel.view, (0, 2, 3)) if "," not in cut[2]] == []


def test_earlier_verdicts_with_no_sentence_selected_ask_for_one(window: MainWindow) -> None:
    """With no sentence selected (a filter that lists none), the box said "None: no judged
    sentence in this workspace resembles this one", of a sentence there was not."""
    from factcheck_app.gui.models import SentenceFilter

    index = window.filter_box.findData(SentenceFilter.TAGGED)  # nothing is tagged yet
    window.filter_box.setCurrentIndex(index)
    window.navigation.apply_filter(index)
    assert window.current_sentence_id() is None
    text = window.panel.earlier.details.text()
    assert "resembles this one" not in text
    assert text.startswith("Select a sentence")


def back_in_the_article_list(qtbot: QtBot, window: MainWindow, article_id: int) -> None:
    """Go back to `article_id` as the desk offers it (it has no Back key): Ctrl+Shift+A,
    ↑/↓ to it (the list opens each article it passes), Enter back to the sentences."""
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_A, CTRL_SHIFT)
    articles = window.article_list
    assert QApplication.focusWidget() is articles
    target = window.article_model.row_of(article_id)
    while articles.currentIndex().row() != target:
        key = Qt.Key.Key_Down if articles.currentIndex().row() < target else Qt.Key.Key_Up
        qtbot.keyClick(articles, key)
    qtbot.keyClick(articles, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.sentence_view


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_back_to_an_article_after_a_search_result_lands_where_the_reviewer_was(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """Enter on a search result in another article, then back to the first one from the
    article list: it opened on its first sentence not yet done (sentence 1), not on the
    seventh, where the reviewer had been. It opens where they left it; one they never
    opened still opens on its first sentence not yet done."""
    desk, _judged_id, target = judged
    window = make_window(desk)
    seed = desk.repo.sentences.article_of_sentence(_judged_id)
    other = desk.repo.sentences.article_of_sentence(target)
    window.open_article(seed)
    assert window.article_id == seed
    first_undone = window.current_sentence_id()
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(seed)]
    assert first_undone == ids[0]
    press(qtbot, window, *"jjjjjj")  # on to sentence 7
    left_on = window.current_sentence_id()
    assert left_on == ids[6]
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.search_panel
    qtbot.keyClicks(panel.query_edit, "weather")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    assert window.article_id == other
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Escape)
    back_in_the_article_list(qtbot, window, seed)
    assert window.article_id == seed
    assert window.current_sentence_id() == left_on
    assert window.sentence_view.currentIndex().row() == 6
    # The other article, left on the sentence found there, opens there again too.
    back_in_the_article_list(qtbot, window, other)
    assert window.current_sentence_id() == desk.reviews.sentence_rows(other)[1].sentence.id


def test_back_to_an_article_whose_sentence_the_show_box_hides_opens_on_the_first_listed(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """The Show box keeps its choice from article to article: a sentence left that it no
    longer lists is not shown by setting it back to all sentences; the article opens on
    the first sentence it lists, as any article opened there does."""
    desk, judged_id, target = judged
    window = make_window(desk)
    seed = desk.repo.sentences.article_of_sentence(judged_id)
    other = desk.repo.sentences.article_of_sentence(target)
    window.open_article(seed, judged_id)  # done: tagged with a verdict
    window.search.show_found_sentence(other, target)
    not_done = window.filter_box.findData(SentenceFilter.UNREVIEWED)
    window.filter_box.setCurrentIndex(not_done)
    window.navigation.apply_filter(not_done)
    back_in_the_article_list(qtbot, window, seed)
    assert window.filter_box.currentIndex() == not_done
    first_listed = window.sentence_filter.index(0, 0)
    assert window.sentence_view.currentIndex() == first_listed
    assert window.current_sentence_id() != judged_id


def test_the_current_results_article_is_said_as_plain_text_in_stored_order(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """The status bar names the current result's article as the article list does: its
    title's characters as they are (never markup), an override in it taken out (it
    reversed the words after it)."""
    desk, _judged_id, target = judged
    article = desk.repo.sentences.article_of_sentence(target)
    metadata = desk.articles.article_metadata(article)
    metadata.title = "<b>Ganja</b> toll \u202eevif 2026"
    desk.articles.update_article_metadata(article, metadata)
    window = make_window(desk)
    panel = search_for(window, "thirty-two")
    assert panel.step(1)
    current = panel.view.currentIndex()
    assert current.data(SearchResultModel.SentenceIdRole) == target
    count = panel.model.rowCount()
    said = f"Result 1 of {count}, in “<b>Ganja</b> toll evif 2026”"
    assert window.statusBar().currentMessage() == said


def test_the_current_results_place_goes_when_the_results_change(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """Another search (or another scope) replaces the results: "Result 1 of 3, in …" left
    in the status bar would name a result no longer listed."""
    desk, _judged_id, _target = judged
    window = make_window(desk)
    panel = search_for(window, "thirty-two")
    assert panel.step(1)
    assert window.statusBar().currentMessage().startswith("Result 1 of ")
    panel.query_edit.setText("zebrafish unicorn")
    panel.run_search()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert not window.statusBar().currentMessage().startswith("Result ")


def test_up_at_the_first_result_goes_back_to_the_find_field(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """↓ in the field goes into the results; ↑ at the first one did nothing, without a
    word, and the way back to the words typed was Shift+Tab, three times. It goes back
    to the field, the words and the results as they were; further down ↑ moves up."""
    desk, _judged_id, _target = judged
    window = make_window(desk)
    before = window.current_sentence_id()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.search_panel
    qtbot.keyClicks(panel.query_edit, "ganja 32")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.view)
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert panel.view.currentIndex().row() == 1
    qtbot.keyClick(panel.view, Qt.Key.Key_Up)
    assert QApplication.focusWidget() is panel.view and panel.view.currentIndex().row() == 0
    qtbot.keyClick(panel.view, Qt.Key.Key_Up)
    assert QApplication.focusWidget() is panel.query_edit
    assert panel.query_edit.text() == "ganja 32" and panel.model.rowCount() == 2
    assert window.current_sentence_id() == before  # nothing was shown on the way
    qtbot.keyClicks(panel.query_edit, "0")  # typing goes on at the end of the words
    assert panel.query_edit.text() == "ganja 320"


def test_delete_in_the_results_says_it_removes_nothing(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """Delete and Backspace on a result did nothing, without a word: a reviewer pressing
    one to drop a result (or the sentence) was left guessing whether something went."""
    desk, _judged_id, _target = judged
    window = make_window(desk)
    panel = search_for(window, "ganja 32")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is panel.view
    rows = [row.sentence.id for row in window.sentence_model.rows()]
    for key, name in ((Qt.Key.Key_Delete, "Delete"), (Qt.Key.Key_Backspace, "Backspace")):
        window.statusBar().clearMessage()
        qtbot.keyClick(panel.view, key)
        assert window.statusBar().currentMessage() == (
            f"{name} removes nothing here: the results are what the words typed find. "
            "Esc goes back to the sentences, where the letter keys tag and judge."
        )
    assert panel.model.rowCount() == 2
    assert [row.sentence.id for row in window.sentence_model.rows()] == rows


def test_v_over_a_verdict_already_given_says_which_it_replaced(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """V next to C replaced a verdict given by hand without a word: the earlier verdicts
    are below the panel's fold at 1024×640, and the status bar still read what it said
    before. It says which verdict went, which came, and how to have it back."""
    desk, _judged_id, target = judged
    desk.reviews.set_tag(target, Tag.CLAIM)
    desk.reviews.set_verdict(target, "true")
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    window.statusBar().showMessage("Something said before.")
    press(qtbot, window, "v")
    assert desk.reviews.review(target).verdict == "unverifiable"
    said = window.statusBar().currentMessage()
    assert "True" in said and "Unverifiable" in said and "Ctrl+Z" in said
    window.edits.undo()
    assert desk.reviews.review(target).verdict == "true"


def test_v_and_ctrl_shift_l_say_what_they_copied(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """Done from a panel out of sight, each says what it did, over what was said before
    (after a Ctrl+Z, "Undone: Copy verdict…" stayed over the sources just linked)."""
    desk, _judged_id, target = judged
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    window.statusBar().showMessage("Something said before.")
    press(qtbot, window, "v")
    said = window.statusBar().currentMessage()
    assert "Unverifiable" in said and "copied" in said and "Ctrl+Z" in said
    window.statusBar().showMessage("Something said before.")
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    said = window.statusBar().currentMessage()
    assert "2 sources" in said and "Ctrl+Z" in said


def test_f3_on_words_that_matched_nothing_does_not_ask_for_words(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """F3 after "No matches" said "Type what to find, then Enter.": the words were typed."""
    desk, _judged_id, _target = judged
    window = make_window(desk)
    panel = search_for(window, "Lisbonne")
    qtbot.waitUntil(lambda: not panel.searching())
    assert panel.count_label.text() == "No matches"
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_F3)
    said = window.statusBar().currentMessage()
    assert "Type what to find" not in said
    assert "Lisbonne" in said
    # With nothing typed it still asks for words.
    panel.query_edit.clear()
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_F3)
    assert "Type what to find" in window.statusBar().currentMessage()


def test_v_over_an_approved_verdict_says_the_approval_no_longer_stands(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """What the copy took matters more than what it copied: the approval's words stay."""
    desk, _judged_id, target = judged
    desk.set_reviewer("Ana Ruiz")
    desk.reviews.set_tag(target, Tag.CLAIM)
    desk.reviews.set_verdict(target, "true")
    desk.set_reviewer("Edith Park")
    desk.sign_offs.approve(target)
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    press(qtbot, window, "v")
    assert desk.reviews.review(target).verdict == "unverifiable"
    assert "approval no longer stands" in window.statusBar().currentMessage()


def test_v_over_another_tag_says_it_replaced_the_tag_too(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """V takes the earlier verdict's tag with it: a Fact turned Claim without a word."""
    desk, _judged_id, target = judged
    desk.reviews.set_tag(target, Tag.FACT)
    desk.reviews.set_verdict(target, "true")
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    press(qtbot, window, "v")
    assert desk.reviews.review(target).tag is Tag.CLAIM
    said = window.statusBar().currentMessage()
    assert "Fact" in said and "Claim" in said and "True" in said and "Unverifiable" in said
    assert "Ctrl+Z puts them back" in said


def test_the_results_shown_are_searched_again_once_an_import_is_in(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """Searched while a big import was still writing its article (left out until it is
    in), "No matches" stayed after the article came in, and F3 then said nothing matched
    words the article list's new article held."""
    desk, _judged_id, _target = judged
    window = make_window(desk)
    panel = search_for(window, "Quokkaville")
    qtbot.waitUntil(lambda: not panel.searching())
    assert panel.count_label.text() == "No matches"
    story = Path(desk.path or "").with_name("story.txt")
    story.write_text("The mayor of Quokkaville said 3 people were hurt.", encoding="utf-8")
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.import_files([story])
    qtbot.waitUntil(lambda: panel.count_label.text() == "1 match")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_F3)
    shown = window.current_row()
    assert shown is not None and "Quokkaville" in shown.sentence.text


def test_v_over_the_same_verdict_says_what_it_filled_in(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """The sentence had the earlier verdict already; V filled in only its claimant and
    explanation. "Verdict Unverifiable copied … (Ctrl+Z takes it back)" was untrue: Ctrl+Z
    took back the claimant and explanation, the verdict stayed."""
    desk, _judged_id, target = judged
    desk.reviews.set_tag(target, Tag.CLAIM)
    desk.reviews.set_verdict(target, "unverifiable")
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    press(qtbot, window, "v")
    assert desk.reviews.review(target).claimant == "Baku"
    said = window.statusBar().currentMessage()
    assert "claimant and explanation" in said.lower() and "Ctrl+Z" in said
    assert "Verdict Unverifiable copied" not in said
    window.edits.undo()
    assert desk.reviews.review(target).verdict == "unverifiable"  # what Ctrl+Z left


def test_v_that_only_closes_the_review_says_so() -> None:
    """The sentence had the earlier verdict, claimant and explanation, its review set back
    to in progress: V only marked it done, and says that is what Ctrl+Z takes back."""
    before = Review(1, Tag.CLAIM, "true", "Baku", "Counted.", Status.IN_PROGRESS)
    said, _shown_for = copied_words(before, before.edited(status=Status.DONE))
    assert "already" in said and "done" in said and "copied" not in said


def test_f3_on_a_search_that_failed_keeps_saying_why(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F3 searched the words again, the workspace said why it could not ("… damaged …"),
    and "No result to go to yet." replaced it at once, as if the index were being built."""
    from factcheck_app.domain.errors import WorkspaceDamaged

    def damaged(*_args: object, **_options: object) -> object:
        raise WorkspaceDamaged("The workspace is damaged (search index).")

    for asked in ("match", "match_count", "ranked_in"):  # at once, or in steps
        monkeypatch.setattr(SearchIndex, asked, damaged)
    panel = search_for(window, "Ganja")
    assert panel.count_label.text() == "Search failed"
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F3)
    assert window.statusBar().currentMessage() == (
        "Search failed: The workspace is damaged (search index)."
    )


def test_ctrl_shift_l_under_an_approval_says_the_approval_no_longer_stands(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """Sources linked under an approval take it (docs/team.md): "Linked 2 sources…"
    replaced at once the words saying so, as V's words would have."""
    desk, _judged_id, target = judged
    desk.set_reviewer("Ana Ruiz")
    desk.reviews.set_tag(target, Tag.CLAIM)
    desk.reviews.set_verdict(target, "unverifiable")
    desk.set_reviewer("Edith Park")
    desk.sign_offs.approve(target)
    window = make_window(desk)
    show_earlier_verdicts(qtbot, window, target)
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(desk.sources.links(target)) == 2
    assert desk.sign_offs.sign_off(target) is None  # the links took the approval
    assert "approval no longer stands" in window.statusBar().currentMessage()


def test_results_searched_again_behind_an_edit_leave_its_words(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """Gone to a sentence from the results (F3), then V: the results are searched again
    behind the edit, and 0.2 s later "Result 1 of 4, in …" replaced "Verdict True replaced
    by Unverifiable … (Ctrl+Z puts True back)", the reviewer not having moved."""
    desk, _judged_id, target = judged
    desk.reviews.set_tag(target, Tag.CLAIM)
    desk.reviews.set_verdict(target, "true")
    window = make_window(desk)
    panel = search_for(window, "Ganja thirty-two")
    qtbot.waitUntil(lambda: not panel.searching())
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_F3)
    assert window.current_sentence_id() == target
    assert window.statusBar().currentMessage().startswith("Result 1 of")
    panel.refresh()  # as Enter does: the place said stays, searched again
    with qtbot.waitSignal(panel.model.modelReset, timeout=5000):
        pass
    qtbot.waitUntil(lambda: not panel.searching())
    assert window.statusBar().currentMessage().startswith("Result 1 of")
    show_earlier_verdicts(qtbot, window, target)
    window.sentence_view.setFocus()
    press(qtbot, window, "v")
    said = window.statusBar().currentMessage()
    assert "replaced by Unverifiable" in said
    with qtbot.waitSignal(panel.model.modelReset, timeout=5000):
        pass  # the results searched again behind the edit
    qtbot.waitUntil(lambda: not panel.searching())
    assert window.statusBar().currentMessage() == said


def test_enter_on_new_words_whose_one_result_is_the_one_chosen_says_its_place(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """Gone to a sentence from the results, V, then other words typed and Enter: their one
    result is that sentence. Chosen again as the results came in, its place was kept back
    as if searched again behind the edit, and Enter's move to it (the same row) said
    nothing: the status bar kept the verdict's words, no "Result 1 of 1"."""
    desk, _judged_id, target = judged
    desk.reviews.set_tag(target, Tag.CLAIM)
    desk.reviews.set_verdict(target, "true")
    window = make_window(desk)
    panel = search_for(window, "Ganja thirty-two")
    qtbot.waitUntil(lambda: not panel.searching())
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_F3)
    assert window.current_sentence_id() == target
    show_earlier_verdicts(qtbot, window, target)
    window.sentence_view.setFocus()
    press(qtbot, window, "v")
    assert "replaced by Unverifiable" in window.statusBar().currentMessage()
    with qtbot.waitSignal(panel.model.modelReset, timeout=5000):
        pass  # the results searched again behind the edit
    qtbot.waitUntil(lambda: not panel.searching())
    panel.query_edit.setFocus()
    panel.query_edit.setText("Monday shelling")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.searching())
    assert panel.model.rowCount() == 1
    assert window.current_sentence_id() == target
    assert window.statusBar().currentMessage().startswith("Result 1 of 1, in ")


def test_f3_and_shift_f3_on_the_one_result_say_its_place_again(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """Words with one result, gone to by F3, then V: F3 and Shift+F3 went to that result
    again (the same row) and said nothing, the status bar keeping the verdict's words, so
    the key seemed dead and did not say that this was the only result."""
    desk, _judged_id, target = judged
    desk.reviews.set_tag(target, Tag.CLAIM)
    desk.reviews.set_verdict(target, "true")
    window = make_window(desk)
    panel = search_for(window, "Monday shelling")
    qtbot.waitUntil(lambda: not panel.searching())
    assert panel.model.rowCount() == 1
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_F3)
    assert window.current_sentence_id() == target
    assert window.statusBar().currentMessage().startswith("Result 1 of 1, in ")
    for modifier in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
        show_earlier_verdicts(qtbot, window, target)
        window.sentence_view.setFocus()
        press(qtbot, window, "v")  # "Verdict True replaced by …", then "… already has …"
        assert "Result" not in window.statusBar().currentMessage()
        qtbot.waitUntil(lambda: not panel.searching())
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_F3, modifier)
        assert window.current_sentence_id() == target
        assert window.statusBar().currentMessage().startswith("Result 1 of 1, in ")


def test_a_word_after_a_minus_is_left_out_of_the_results(
    qtbot: QtBot, judged: tuple[Desk, int, int], make_window: Callable[[Desk], MainWindow]
) -> None:
    """ "Ganja -shelling", as a web search takes it, listed only the sentences holding
    both; and "-Ganja" alone listed every sentence on Ganja. Now the word after the minus
    is left out, and with no word to find the pane and F3 say what to type."""
    desk, judged_id, target = judged
    window = make_window(desk)
    ganja = {h.found.row.sentence.id for h in desk.lookup.search("Ganja").hits}
    shelling = {h.found.row.sentence.id for h in desk.lookup.search("shelling").hits}
    assert {judged_id, target} <= ganja & shelling and ganja - shelling
    panel = search_for(window, "Ganja -shelling")
    qtbot.waitUntil(lambda: not panel.searching())
    found = {
        panel.model.index(row, 0).data(SearchResultModel.SentenceIdRole)
        for row in range(panel.model.rowCount())
    }
    assert found == ganja - shelling
    said = panel.count_label.toolTip() or panel.count_label.text()
    assert said == counted(len(found), "match", "matches") + " (“shelling” left out)"
    # A quote pasted with a dash stuck to a word ("the minister -who resigned-") left
    # "who" out and said only "No matches": the reviewer took the quote for not there.
    panel = search_for(window, "Ganja -Ganja")
    qtbot.waitUntil(lambda: not panel.searching())
    assert panel.model.rowCount() == 0
    said = panel.count_label.toolTip() or panel.count_label.text()
    assert said == "No matches (“Ganja” left out)"
    panel = search_for(window, "-Ganja")
    qtbot.waitUntil(lambda: not panel.searching())
    assert panel.model.rowCount() == 0
    said = panel.count_label.toolTip() or panel.count_label.text()
    assert "after -" in said
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_F3)
    assert "after -" in window.statusBar().currentMessage()


def test_an_indic_word_found_is_shown_in_bold_whole(
    desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The Hindi "मंत्री" (minister) is found whole and bolded whole, its vowel signs and
    virama with it, at its place in the sentence as written; "तरुण में…", which only
    shares consonants, is not listed."""
    desk.importer.import_text(
        "वित्त मंत्री ने कहा कि मंत्रालय बजट देगा।\n\nतरुण में जोश था।", source_name="hindi.txt"
    )
    window = make_window(desk)
    for typed, bold in (("मंत्री ", ["मंत्री"]), ("मंत्र", ["मंत्री", "मंत्रालय"])):
        model = search_for(window, typed).model
        assert model.rowCount() == 1
        index = model.index(0, 1)
        shown = index.data()
        assert [shown[a:b] for a, b in index.data(SearchResultModel.HighlightRole)] == bold


@pytest.mark.parametrize(
    "text",
    [
        "Deputy Minister of Defence of the Republic, Ganja office",  # a claimant
        "Live updates: shelling of Ganja, Barda and Tartar overnight",  # an article's title
    ],
)
def test_a_narrow_cell_whose_match_is_past_its_cut_shows_the_match_in_bold(
    qapp: object, text: str
) -> None:
    """The Claimant and Article columns are narrow (a name's start): a match further on
    in the claimant or title was cut off with the rest ("Deputy Minister…"), nothing in
    bold, and the reviewer could not see why the row was found. The cell shows its text
    from just before the match ("…Ganja office"), as the Sentence column does."""
    from PySide6.QtGui import QFont, QFontMetricsF

    from factcheck_app.gui.search_models import ELLIPSIS, highlighted_line

    font = QFont()
    ganja = (text.index("Ganja"), text.index("Ganja") + 5)
    width = QFontMetricsF(font).horizontalAdvance("Deputy Minister…") + 2
    layout = highlighted_line(text, [ganja], font, width)
    shown = layout.text()
    bold = [(r.start, r.length) for r in layout.formats()]
    assert shown.startswith(ELLIPSIS) and len(bold) == 1, (shown, bold)
    assert shown[bold[0][0] : bold[0][0] + bold[0][1]] == "Ganja", (shown, bold)
    assert layout.lineAt(0).naturalTextWidth() <= width
    # Where the match shows as it is, the cell starts at the start.
    assert highlighted_line(text, [(0, 6)], font, width).text().startswith(text[:6])


def test_a_result_marked_nothing_to_check_is_not_read_as_not_tagged(seeded_desk: Desk) -> None:
    """A screen reader read a search result marked with X "(not tagged; …)", the words
    for one nobody had looked at yet, where the sentence list reads it "Nothing to check"
    and an untagged one "Untagged": the same sentence named two ways."""
    hits = seeded_desk.lookup.search("Ganja").hits
    marked, untagged = (hit.found.row.sentence.id for hit in hits[:2])
    seeded_desk.reviews.set_tag(marked, None)  # X
    results = SearchResultModel()
    results.set_items(seeded_desk.lookup.search("Ganja").hits)
    spoken = {
        results.index(row, 0).data(results.SentenceIdRole): str(
            results.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)
        )
        for row in range(results.rowCount())
    }
    assert "(Nothing to check; found in" in spoken[marked], spoken[marked]
    assert "(Untagged; found in" in spoken[untagged], spoken[untagged]


@pytest.mark.parametrize(
    ("room", "shown"),
    [
        ("…the Republic, Ganja office", "…the Republic, Ganja office"),
        ("…Republic, Ganja…", "…Republic, Ganja"),
        ("…Ganja office", "…Ganja"),
    ],
    ids=["room-for-words", "room-for-a-word", "room-for-the-match"],
)
def test_a_narrow_cell_whose_match_is_past_its_cut_shows_the_words_before_it(
    qapp: object, room: str, shown: str
) -> None:
    """A claimant or title shown from before its match ("…Republic, Ganja office", as the
    changelog has it) started at the match itself, whatever the room ("…Ganja office"):
    which Ganja office, whose, was cut off with the rest. It starts a few words before
    the match, as the Sentence column does, or one word, where those words leave the
    match no room; from the match where even one leaves it none."""
    from PySide6.QtGui import QFont, QFontMetricsF

    from factcheck_app.gui.search_models import highlighted_line

    text = "Deputy Minister of Defence of the Republic, Ganja office"
    font = QFont()
    ganja = (text.index("Ganja"), text.index("Ganja") + 5)
    wide = QFont(font)
    wide.setBold(True)  # (the match is bold: room for all of it so)
    width = QFontMetricsF(wide).horizontalAdvance(room) + 1
    layout = highlighted_line(text, [ganja], font, width)
    assert layout.text().startswith(shown), (layout.text(), shown)
    assert layout.lineAt(0).naturalTextWidth() <= width
    bold = layout.formats()[0]
    assert layout.text()[bold.start : bold.start + bold.length] == "Ganja"
