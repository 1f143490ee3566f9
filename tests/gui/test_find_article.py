"""Finding an article in a long article list: words of its title typed above the list
(Ctrl+Shift+F), or a state chosen under them, narrow it; the open article stays open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import ArticleSummary, Tag
from factcheck_app.gui.actions import SPECS, ActionId, key_sequences
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import (
    ArticleFilter,
    ArticleFilterModel,
    ArticleListModel,
    SentenceFilter,
)
from factcheck_app.services.desk import Desk
from tests.gui.test_small_screen_keyboard import checked_and_returned

TITLES = (
    "São Paulo mayor denies budget cut",
    "Yerevan council passes the budget",
    "Ереван: бюджет принят",  # Russian
    "البرلمان يقر الميزانية",  # Arabic
    "İSTANBUL ferry fares rise",
)


def listed(window: MainWindow) -> list[str]:
    """The titles the article list shows, in order."""
    model = window.article_list.model()
    return [
        window.article_model.article_at(
            window.article_filter.mapToSource(model.index(r, 0)).row()
        ).title.rstrip(".")
        for r in range(model.rowCount())
    ]


@pytest.fixture
def desk_of_titles(seeded_desk: Desk) -> Desk:
    """The sample article and one article for each of TITLES (its first sentence)."""
    for title in TITLES:
        seeded_desk.importer.import_text(f"{title}.\n\nA second sentence follows here.")
    return seeded_desk


@pytest.fixture
def many(desk_of_titles: Desk, make_window: Callable[[Desk], MainWindow]) -> MainWindow:
    return make_window(desk_of_titles)


def find(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Ctrl+Shift+F from the sentence list, then `text` typed."""
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, ctrl_shift)
    assert QApplication.focusWidget() is window.article_find
    qtbot.keyClicks(window.article_find, text)


ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def summary(article_id: int, title: str, **fields: object) -> ArticleSummary:
    base = ArticleSummary(article_id, title, None, "", 10, 0)
    return replace(base, **fields)  # type: ignore[arg-type]


def test_the_filter_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    source = ArticleListModel()
    source.set_articles([summary(i, f"Article {i} on the budget") for i in range(1, 30)])
    proxy = ArticleFilterModel()
    proxy.setSourceModel(source)
    qtmodeltester.check(proxy)
    proxy.set_filter("1", ArticleFilter.ALL)
    qtmodeltester.check(proxy)
    source.set_articles([summary(i, f"Article {i} on the budget") for i in range(1, 40)])
    proxy.set_filter("budget", ArticleFilter.UNFINISHED)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 39


def test_title_words_match_whatever_their_case_accents_order_or_script() -> None:
    source = ArticleListModel()
    source.set_articles([summary(i, title) for i, title in enumerate(TITLES, 1)])
    proxy = ArticleFilterModel()
    proxy.setSourceModel(source)

    def found(text: str) -> list[int]:
        proxy.set_filter(text, ArticleFilter.ALL)
        return [proxy.article_id_at(row) or 0 for row in range(proxy.rowCount())]

    assert found("sao paulo") == [1]
    assert found("BUDGET") == [1, 2]
    assert found("budget yerevan") == [2]  # every word, in any order
    assert found("ереван") == [3] and found("ЕРЕВАН") == [3]
    assert found("الميزانية") == [4]
    assert found("الْمِيزَانِيَّة") == [4]  # typed with its vowel marks
    assert found("istanbul") == [5]  # "İ" folds to "i"
    assert found("budget zanzibar") == []
    assert found("   ") == [1, 2, 3, 4, 5]


def test_indic_and_thai_marks_are_part_of_the_title_words_as_in_a_search() -> None:
    """The title fold dropped the viramas and nuktas of Hindi, Bengali, Tamil… and the
    tone marks of Thai, which a search (Ctrl+F) keeps: "कल" (tomorrow) listed "क्लब"
    (club), "கல்" (stone) "கலை" (art), and "ข่าว" (news) "ขาว" (white), and the other way."""
    titles = (
        "फ़ुटबॉल क्लब बिका",  # football club sold
        "कल चुनाव",  # election tomorrow
        "ফুটবল ক্লাব বিক্রি",  # football club sold (Bengali)
        "কল সেন্টার বন্ধ",  # call centre closed
        "கல் குவாரி மூடல்",  # stone quarry closed (Tamil)
        "கலை விழா தொடக்கம்",  # arts festival opens
        "ข่าวปลอมระบาด",  # fake news spreads (Thai)
        "เสื้อขาวขายดี",  # white shirts sell well
    )
    source = ArticleListModel()
    source.set_articles([summary(i, title) for i, title in enumerate(titles, 1)])
    proxy = ArticleFilterModel()
    proxy.setSourceModel(source)

    def found(text: str) -> list[int]:
        proxy.set_filter(text, ArticleFilter.ALL)
        return [proxy.article_id_at(row) or 0 for row in range(proxy.rowCount())]

    assert found("कल") == [2]
    assert found("क्लब") == [1]
    assert found("क्ल") == [1]  # by its start, as it is typed
    assert found("কল") == [4]
    assert found("ক্লাব বিক্রি") == [3]
    assert found("கல்") == [5]
    assert found("கலை") == [6]
    assert found("ข่าว") == [7]
    assert found("ขาว") == [8]
    assert found("फ\u093cुटबॉल") == found("\u095eुटबॉल") == [1]  # "फ़" in two or in one


def test_the_states_choose_the_articles_the_desk_says_they_are_in() -> None:
    today = dt.date(2026, 12, 6)
    now_here = dt.datetime(2026, 12, 6, 9, 30).astimezone()
    yesterday_here = now_here - dt.timedelta(days=1)
    source = ArticleListModel()
    source.set_articles(
        [
            summary(1, "Done", reviewed_count=10, imported_at=yesterday_here.isoformat()),
            summary(2, "Half done", reviewed_count=5, imported_at=now_here.isoformat()),
            summary(3, "Conflict", reviewed_count=10, conflict_count=2),
            summary(4, "Returned", reviewed_count=10, returned_count=1),
            summary(5, "Not a time", imported_at="garbage"),
            summary(6, "Awaiting", reviewed_count=10),
        ]
    )
    proxy = ArticleFilterModel()
    proxy.setSourceModel(source)

    def ids(state: ArticleFilter, **given: object) -> list[int]:
        proxy.set_filter("", state, **given)  # type: ignore[arg-type]
        return [proxy.article_id_at(row) or 0 for row in range(proxy.rowCount())]

    assert ids(ArticleFilter.ALL) == [1, 2, 3, 4, 5, 6]
    assert ids(ArticleFilter.UNFINISHED) == [2, 5]
    assert ids(ArticleFilter.AWAITING_SIGN_OFF, awaiting=frozenset({6})) == [6]
    assert ids(ArticleFilter.AWAITING_SIGN_OFF) == []
    assert ids(ArticleFilter.CONFLICTS) == [3]
    assert ids(ArticleFilter.RETURNED, returned=frozenset({4})) == [4]
    assert ids(ArticleFilter.RETURNED) == []  # none returned to this reviewer
    assert ids(ArticleFilter.ADDED_TODAY, today=today) == [2]


def test_ctrl_shift_f_finds_down_goes_into_the_list_and_enter_to_the_sentences(
    qtbot: QtBot, many: MainWindow
) -> None:
    window = many
    first = window.article_id
    find(qtbot, window, "budget")
    assert listed(window) == [TITLES[0], TITLES[1]]
    assert window.article_count.text() == "2 of 6 articles"
    assert window.article_id == first  # typing opens nothing
    qtbot.keyClick(window.article_find, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.article_list
    assert window.article_id == window.article_model.article_at(1).id  # the first found
    qtbot.keyClick(window.article_list, Qt.Key.Key_Down)  # the list's ↓ as ever
    assert window.article_id == window.article_model.article_at(2).id
    assert QApplication.focusWidget() is window.article_list
    qtbot.keyClick(window.article_list, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.sentence_view
    # Enter in the field opens the first found, on to its sentences.
    find(qtbot, window, "istanbul")
    assert window.article_find.text() == "istanbul"  # the words before were replaced
    qtbot.keyClick(window.article_find, Qt.Key.Key_Return)
    assert window.article_id == window.article_model.article_at(5).id
    assert QApplication.focusWidget() is window.sentence_view


def test_esc_lists_every_article_again_and_stays_in_the_list(
    qtbot: QtBot, many: MainWindow
) -> None:
    """Esc is also the window's key back to the sentences: in the finder it clears it
    first, and leaves the keys in the list on the open article."""
    window = many
    find(qtbot, window, "yerevan")
    window.article_state_box.setCurrentIndex(
        window.article_state_box.findData(ArticleFilter.UNFINISHED)
    )
    window.article_find.setFocus()
    qtbot.keyClick(window.article_find, Qt.Key.Key_Escape)
    assert window.article_find.text() == ""
    assert window.article_state_box.currentData() == ArticleFilter.ALL
    assert len(listed(window)) == 6 and window.article_count.text() == "6 articles"
    assert QApplication.focusWidget() is window.article_list
    assert window.article_list.currentIndex().row() == 0  # the open article
    qtbot.keyClick(window.article_list, Qt.Key.Key_Escape)  # and then to the sentences
    assert QApplication.focusWidget() is window.sentence_view
    # Esc in the state box too.
    window.article_state_box.setFocus()
    qtbot.keyClick(window.article_state_box, Qt.Key.Key_Down)
    assert window.article_state_box.currentData() == ArticleFilter.UNFINISHED
    qtbot.keyClick(window.article_state_box, Qt.Key.Key_Escape)
    assert window.article_state_box.currentData() == ArticleFilter.ALL
    assert QApplication.focusWidget() is window.article_list


def test_the_field_emptied_by_esc_shows_no_clear_button(qtbot: QtBot, many: MainWindow) -> None:
    """Esc (and another workspace, an import the words left out) emptied the field with
    its signals blocked: its ⊗ stayed, as if words were still typed there, over the end
    of "Find article (Ctrl+Shift+F)"."""
    window = many

    def shown() -> list[QToolButton]:
        return [b for b in window.article_find.findChildren(QToolButton) if b.isVisible()]

    assert shown() == []  # nothing typed yet
    find(qtbot, window, "budget")
    (clear,) = shown()
    qtbot.keyClick(window.article_find, Qt.Key.Key_Escape)
    assert window.article_find.text() == ""
    qtbot.waitUntil(lambda: not clear.isVisible())  # it fades out, then hides
    assert len(listed(window)) == 6


def test_the_open_article_stays_open_when_the_list_leaves_it_out(
    qtbot: QtBot, many: MainWindow
) -> None:
    window = many
    open_id = window.article_model.article_at(2).id  # Yerevan
    window.open_article(open_id)
    sentence = window.current_sentence_id()
    find(qtbot, window, "paulo")
    assert listed(window) == [TITLES[0]]
    assert window.article_id == open_id and window.current_sentence_id() == sentence
    assert not window.article_list.currentIndex().isValid()  # no other shown as open
    assert TITLES[1] in window.windowTitle()
    qtbot.keyClick(window.article_find, Qt.Key.Key_Backspace)  # still out
    assert window.article_id == open_id
    window.article_find.clear()  # listed again: current again
    assert window.article_id == open_id
    assert window.article_list.currentIndex().row() == 2


def test_an_article_finished_under_not_finished_stays_listed_until_chosen_again(
    qtbot: QtBot, many: MainWindow
) -> None:
    """The list does not move under the reviewer: finishing the open article with Not
    finished chosen opened the next one (its row went, and Qt made another current)."""
    window = many
    box = window.article_state_box
    box.setCurrentIndex(box.findData(ArticleFilter.UNFINISHED))
    open_id = window.article_model.article_at(1).id
    window.open_article(open_id)
    for row in range(window.sentence_model.rowCount()):
        window.select_sentence(window.sentence_model.sentence_row(row).sentence.id)
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_X)
    window.show_listed_progress()
    assert window.article_id == open_id
    assert TITLES[0] in listed(window)
    box.setCurrentIndex(box.findData(ArticleFilter.ALL))
    box.setCurrentIndex(box.findData(ArticleFilter.UNFINISHED))
    assert TITLES[0] not in listed(window) and window.article_id == open_id
    assert window.article_count.text() == "5 of 6 articles"


def test_returned_to_me_lists_the_articles_with_my_verdicts_returned(
    qtbot: QtBot, desk_of_titles: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    desk = desk_of_titles
    yerevan = desk.articles.list_articles()[2].id
    checked_and_returned(desk, desk.reviews.sentence_rows(yerevan)[0].sentence.id, "Ana", "Zoë")
    checked_and_returned(desk, desk.reviews.sentence_rows(1)[0].sentence.id, "Bob", "Zoë")
    desk.set_reviewer("Ana")
    window = make_window(desk)
    box = window.article_state_box
    box.setFocus()
    for _ in range(ArticleFilter.RETURNED):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentText() == "Returned to me"
    assert listed(window) == [TITLES[1]]  # not Bob's
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: into the list, the article found open
    assert QApplication.focusWidget() is window.article_list
    assert window.article_id == yerevan


def test_hostile_titles_are_found_by_the_words_they_show(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A right-to-left override inside a title, and a title of 100,000 characters (the
    list shows its start; it is searched whole)."""
    seeded_desk.importer.import_text("Minister \u202eseye\u202c budget leak.\n\nMore here.")
    long_id = seeded_desk.importer.import_text("x" * 100_000 + " zanzibar.\n\nMore.").article_id
    metadata = seeded_desk.articles.article_metadata(long_id)
    seeded_desk.articles.update_article_metadata(
        long_id, replace(metadata, title="Zanzibar " + "word " * 20_000)
    )
    window = make_window(seeded_desk)
    find(qtbot, window, "minister seye")
    assert window.article_count.text() == "1 of 3 articles"
    window.article_find.clear()
    qtbot.keyClicks(window.article_find, "ZANZIBAR")
    assert window.article_filter.article_id_at(0) == long_id
    assert window.article_count.text() == "1 of 3 articles"
    qtbot.keyClick(window.article_find, Qt.Key.Key_Return)
    assert window.article_id == long_id


def test_another_workspace_opens_with_every_article_listed(
    qtbot: QtBot, many: MainWindow, tmp_path: Path
) -> None:
    """The words typed to find one of the last workspace's articles hid every article
    of the next; and starting with some articles hidden, the list looks short."""
    window = many
    find(qtbot, window, "no such title")
    assert listed(window) == []
    assert window.article_count.text() == "0 of 6 articles"
    other = tmp_path / "other.fcdesk"
    window.workspace.switch_workspace(other)
    assert window.desk.path == other
    assert window.article_find.text() == ""
    assert not window.article_filter.filtering()
    assert window.article_count.text() == f"{window.article_model.rowCount()} article" + (
        "" if window.article_model.rowCount() == 1 else "s"
    )


def test_the_find_key_is_no_other_action_s_key(qapp: QApplication) -> None:
    """No two actions of the registry share a key: Qt would run neither, and say only
    "Ambiguous shortcut" on the console."""
    owners: dict[str, list[ActionId]] = {}
    for action_id, spec in SPECS.items():
        for sequence in key_sequences(spec):
            owners.setdefault(sequence.toString(), []).append(action_id)
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}
    assert owners[QKeySequence("Ctrl+Shift+F").toString()] == [ActionId.FIND_ARTICLE]


def test_the_list_keeps_its_width_as_the_count_changes(qtbot: QtBot, window: MainWindow) -> None:
    """At 1024×640 with a year's articles, "2,395 of 5,000" needed more room than
    "5,000": the list's pane widened as the first key was typed (and narrowed back), and
    the list laid out every article again at each width (0.3 s a key)."""
    window.resize(1024, 640)
    year = [summary(i, f"Minister {i} says {i % 7} budget lines") for i in range(1, 5001)]
    window.article_model.set_articles(year)
    settled(window)
    width = window.article_list.width()
    find(qtbot, window, "1")
    settled(window)
    assert window.article_count.text() == "2,500 of 5,000 articles"
    assert window.article_list.width() == width
    # Its short form at least whole beside the box.
    count = window.article_count
    assert count.fontMetrics().horizontalAdvance("2,500 of 5,000") <= count.width()
    qtbot.keyClicks(window.article_find, "2")
    settled(window)
    assert window.article_list.width() == width


def test_the_count_says_the_articles_that_came_in_since_the_list_left_them_out(
    qtbot: QtBot, many: MainWindow
) -> None:
    """An import the words typed leave out (a file dropped, one a colleague's program
    added) changed nothing the list showed, and the count stayed "2 of 6 articles" with
    seven in the workspace."""
    window = many
    find(qtbot, window, "budget")
    assert window.article_count.text() == "2 of 6 articles"
    window.desk.importer.import_text("Ferry fares rise.\n\nThe port said so on Monday.\n")
    window.reload_articles()  # as the window does when the workspace changes
    assert len(listed(window)) == 2
    assert window.article_count.text() == "2 of 7 articles"
    window.desk.importer.import_text("Port budget cut.\n\nThe port said so on Friday.\n")
    window.reload_articles()
    assert window.article_count.text() == "3 of 8 articles"


def settled(window: MainWindow) -> None:
    """The window's layout done: its panes moved to the widths their contents need."""
    for _ in range(3):  # a layout request, the splitter's, and the panes'
        QApplication.processEvents()


def test_verdicts_returned_in_several_articles_are_said_with_where_to_list_them(
    qtbot: QtBot, desk_of_titles: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """ "3 of your verdicts were returned by an editor, in 2 articles" named neither:
    the start now says which choice above the article list lists them."""
    desk = desk_of_titles
    articles = desk.articles.list_articles()
    for article in (articles[2], articles[4]):
        first = desk.reviews.sentence_rows(article.id)[0].sentence.id
        checked_and_returned(desk, first, "Ana", "Zoë")
    desk.set_reviewer("Ana")
    window = make_window(desk)
    qtbot.waitUntil(lambda: "returned" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage() == (
        "2 of your verdicts were returned by an editor, in 2 articles: choose “Returned to "
        "me” above the article list, then Show → Returned."
    )
    box = window.article_state_box
    box.setCurrentIndex(box.findData(ArticleFilter.RETURNED))
    assert listed(window) == [TITLES[1], TITLES[3]]


def test_awaiting_sign_off_lists_the_articles_an_editor_has_verdicts_to_sign_off_in(
    qtbot: QtBot, desk_of_titles: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """An editor looked for the articles with verdicts to sign off one by one: the box
    offered the checker's states only. It lists those holding a verdict done that nobody
    signed off -- what the Show box's "Awaiting sign-off" lists in each -- and an article
    signed off in full leaves the list when the choice is made again."""
    desk = desk_of_titles
    articles = desk.articles.list_articles()
    desk.set_reviewer("Ana")
    firsts = {}
    for article in (articles[2], articles[4]):
        firsts[article.id] = desk.reviews.sentence_rows(article.id)[0].sentence.id
        desk.reviews.set_tag(firsts[article.id], Tag.CLAIM)
        desk.reviews.set_verdict(firsts[article.id], "false")
    desk.set_reviewer("Zoë")
    desk.sign_offs.approve(firsts[articles[4].id])  # signed off: nothing awaits there
    # Her own verdict awaits too: not hers to sign off, nor counted at the open.
    own = desk.reviews.sentence_rows(articles[3].id)[0].sentence.id
    desk.reviews.set_tag(own, Tag.CLAIM)
    desk.reviews.set_verdict(own, "true")
    window = make_window(desk)
    assert window.sign_off.awaiting_text().startswith("1 verdict by Ana awaits sign-off")
    box = window.article_state_box
    box.setCurrentIndex(box.findData(ArticleFilter.AWAITING_SIGN_OFF))
    assert box.currentText() == "Awaiting sign-off"
    assert listed(window) == [TITLES[1]]
    # What the Show box lists there is what the finder counted.
    window.open_article(articles[2].id)
    show = window.filter_box
    show.setCurrentIndex(show.findData(SentenceFilter.AWAITING_SIGN_OFF))
    show.activated.emit(show.currentIndex())
    assert window.sentence_filter.rowCount() == 1
    window.select_sentence(firsts[articles[2].id])
    window.sign_off.approve()
    assert listed(window) == [TITLES[1]]  # the list does not move under the editor
    box.setCurrentIndex(box.findData(ArticleFilter.ALL))
    box.setCurrentIndex(box.findData(ArticleFilter.AWAITING_SIGN_OFF))
    assert listed(window) == []


def test_words_typed_under_a_state_read_the_workspace_once_not_per_key(
    qtbot: QtBot, many: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The articles in a state (returned, awaiting sign-off) are read from the workspace
    when the state is chosen; the words typed then narrow them. They were read again at
    every key: 31-56 ms a key for "Awaiting sign-off" on a year's workspace."""
    window = many
    calls = {"awaiting": 0, "returned": 0}
    sign_offs = window.desk.sign_offs
    awaiting, returned_to = sign_offs.awaiting_articles, sign_offs.returned_to

    def counted_awaiting(reviewer: str) -> frozenset[int]:
        calls["awaiting"] += 1
        return awaiting(reviewer)

    def counted_returned(checker: str) -> dict[int, int]:
        calls["returned"] += 1
        return returned_to(checker)

    monkeypatch.setattr(sign_offs, "awaiting_articles", counted_awaiting)
    monkeypatch.setattr(sign_offs, "returned_to", counted_returned)
    box = window.article_state_box
    box.setCurrentIndex(box.findData(ArticleFilter.AWAITING_SIGN_OFF))
    qtbot.keyClicks(window.article_find, "budget")
    assert calls["awaiting"] == 1
    box.setCurrentIndex(box.findData(ArticleFilter.RETURNED))
    qtbot.keyClicks(window.article_find, " cut")
    assert calls["returned"] == 1
    box.setCurrentIndex(box.findData(ArticleFilter.AWAITING_SIGN_OFF))  # chosen again: read
    assert calls["awaiting"] == 2


def test_a_title_longer_than_the_list_shows_is_searched_whole(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The list shows a title's first 300 characters; the words after them were not
    searched: "zanzibar", the place a long headline ends on, found nothing."""
    article_id = seeded_desk.importer.import_text("Budget talks.\n\nMore here.").article_id
    metadata = seeded_desk.articles.article_metadata(article_id)
    long_title = "Budget talks " + "go on again " * 40 + "in Zanzibar, say \u202eofficials"
    seeded_desk.articles.update_article_metadata(article_id, replace(metadata, title=long_title))
    window = make_window(seeded_desk)
    find(qtbot, window, "zanzibar officials")
    assert window.article_count.text() == "1 of 2 articles"
    assert window.article_filter.article_id_at(0) == article_id
    shown = window.article_list.model().index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    assert len(shown) < 400 and "Zanzibar" not in shown  # the list still shows its start


def test_the_filter_model_searches_a_long_title_whole() -> None:
    source = ArticleListModel()
    whole = "Budget " + "x" * 400 + " zanzibar"
    source.set_articles([summary(1, whole[:299] + "…", whole_title=whole), summary(2, "Budget")])
    proxy = ArticleFilterModel()
    proxy.setSourceModel(source)
    proxy.set_filter("zanzibar", ArticleFilter.ALL)
    assert [proxy.article_id_at(row) for row in range(proxy.rowCount())] == [1]
    assert proxy.accepts(source.article_at(0)) and not proxy.accepts(source.article_at(1))
