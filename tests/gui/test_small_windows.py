"""The window at the sizes newsroom laptops have: nothing cut short that a reviewer needs."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMessageBox,
    QProgressBar,
    QStyle,
    QStyleOptionProgressBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Status, Tag
from factcheck_app.gui.import_progress import JobProgress
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SentenceColumn
from factcheck_app.gui.search_panel import SearchPanel
from factcheck_app.gui.views import MAX_CURRENT_LINES
from factcheck_app.services.desk import Desk
from tests.gui.conftest import app_font, press
from tests.gui.test_search_in_window import (  # noqa: F401 (judged: a fixture)
    judged,
    show_earlier_verdicts,
)

LONG = (
    "Azerbaijan's prosecutor general said on Monday that Armenian shelling of Ganja, the "
    "country's second largest city, had killed one civilian and wounded thirty-two people, "
    "and that the strikes came from inside Armenia's own territory."
)


# A window filling a 1024×640 screen, and the 984×580 such a screen leaves it under a
# taskbar and its title bar (FRAME_ROOM).
SMALL_WINDOWS = [(1024, 640), (984, 580)]


def resize_to(window: MainWindow, size: tuple[int, int]) -> None:
    """`window` at `size`, its least size a 1024×640 screen's (the offscreen screen is
    800×800: there the window may be no shorter than 600 px)."""
    window.setMinimumSize(760, 580)
    window.resize(*size)


def test_the_current_sentence_shows_whole_in_a_narrow_list(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    article = desk.importer.import_text(
        f"Officials met on Monday.\n\n{LONG}\n\nTalks resume next week."
    )
    window = make_window(desk)
    window.resize(1024, 640)
    QApplication.processEvents()
    window.open_article(article.article_id)
    view = window.sentence_view
    header = view.verticalHeader()
    default = header.defaultSectionSize()
    press(qtbot, window, Qt.Key.Key_Down)  # onto the long sentence
    assert view.currentIndex().row() == 1
    width = view.columnWidth(SentenceColumn.TEXT) - 12
    needed = (
        view.fontMetrics()
        .boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, LONG)
        .height()
    )
    assert needed > default  # it does not fit on one line at this size
    lines = view.fontMetrics().lineSpacing()
    # It grows once the keys pause (a held key moves at the speed of the selection alone).
    qtbot.waitUntil(lambda: header.sectionSize(1) >= min(needed, MAX_CURRENT_LINES * lines))
    press(qtbot, window, Qt.Key.Key_Down)  # moving on: back to one line
    qtbot.waitUntil(lambda: header.sectionSize(1) == default)
    assert header.sectionSize(2) == default  # a short sentence needs no more


def test_the_window_keeps_a_usable_minimum_size(window: MainWindow) -> None:
    """960×600 where the screen has room. A smaller screen (1920×1080 at 200 % is 960×540,
    less the desktop's panel) got a window as tall as all of it: with its title bar on top
    its status bar was below the screen's edge, and nothing could move it back."""
    minimum = window.minimumSize()
    screen = window.screen().availableGeometry()  # the offscreen one is 800 wide
    frame_width, frame_height = 40, 60  # a title bar and borders, with room to spare
    assert minimum.width() == min(960, screen.width() - frame_width)
    assert minimum.height() == min(600, screen.height() - frame_height)
    assert window.width() <= screen.width() - frame_width  # and so does a first start


def test_a_letter_typed_into_the_show_box_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    """A reviewer who thought the list had focus pressed C: the Show box jumped to
    "Claims" and the sentences vanished."""
    window.filter_box.setFocus()
    qtbot.keyClick(window.filter_box, Qt.Key.Key_C)
    qtbot.keyClick(window.filter_box, Qt.Key.Key_F)
    assert window.filter_box.currentIndex() == 0
    assert window.sentence_filter.rowCount() == window.sentence_model.rowCount()
    assert "↑/↓" in window.statusBar().currentMessage()
    qtbot.keyClick(window.filter_box, Qt.Key.Key_Down)  # the arrows still choose
    assert window.filter_box.currentIndex() == 1


def test_the_list_says_in_what_order_it_is(qtbot: QtBot, window: MainWindow) -> None:
    assert window.order_label.text() == "In article order"
    last = window.filter_box.count() - 1
    assert "check-worthy" in window.filter_box.itemText(last)
    window.filter_box.setCurrentIndex(last)
    window.filter_box.activated.emit(last)
    assert window.order_label.text() == "Most check-worthy first"


def test_ctrl_m_on_the_last_sentence_answers_quietly(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It opened a message box; V with nothing to copy says so in the status bar."""
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    press(qtbot, window, Qt.Key.Key_End)
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert boxes == []
    assert "last sentence" in window.statusBar().currentMessage()


def test_typed_text_shows_when_it_is_saved(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.panel
    assert panel.save_state.text() == ""
    panel.explanation_edit.setFocus()
    qtbot.keyClicks(panel.explanation_edit, "Two sources agree.")
    assert panel.save_state.text() == "Saving…"
    panel.flush_pending_text()  # what the timer or leaving the field does
    assert panel.save_state.text() == "Saved"
    sid = window.current_sentence_id()
    assert sid is not None and window.desk.reviews.review(sid).explanation == "Two sources agree."
    window.select_sentence(window.sentence_model.sentence_row(1).sentence.id)
    assert panel.save_state.text() == ""  # another sentence: nothing typed there yet


def test_the_suggestion_line_keeps_its_room(qtbot: QtBot, window: MainWindow) -> None:
    height = window.panel.hint_label.height()
    window.panel.show_hint(None)
    assert window.panel.hint_label.height() == height


def test_the_find_field_keeps_its_width_whatever_the_count(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.search.open_search()
    panel = window.search_panel
    QApplication.processEvents()
    widths = set()
    for query in ("Ganja", "zzzzqqq", "the", ""):
        panel.query_edit.setText(query)
        panel.run_search()
        QApplication.processEvents()
        widths.add(panel.query_edit.width())
    assert len(widths) == 1


def test_at_1024x640_the_earlier_verdicts_show_and_the_history_scrolls_into_sight(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1024, 640)
    window.show()
    QApplication.processEvents()
    scroll = window.panel_scroll
    viewport = scroll.viewport()

    def top_in_sight(widget: QWidget) -> bool:
        top = widget.mapTo(viewport, widget.rect().topLeft()).y()
        return 0 <= top < viewport.height()

    # V copies an earlier verdict while reviewing: its box is in sight without scrolling.
    assert top_in_sight(window.panel.earlier)
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_H, chord)  # Ctrl+Shift+H: the history
    QApplication.processEvents()
    assert QApplication.focusWidget() is window.panel.history_box.view
    assert top_in_sight(window.panel.history_box)


@pytest.mark.parametrize("size", SMALL_WINDOWS)
def test_at_1024x640_the_earlier_verdicts_box_does_not_overlap_itself(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    """The box was given less height than it needs: its "None: …" line sat over the
    list's lower edge and its buttons over the list."""
    resize_to(window, size)
    window.show()
    QApplication.processEvents()
    box = window.panel.earlier
    assert box.height() >= box.minimumSizeHint().height()
    parts = [box.title, box.view, box.details, box.copy_button]
    for upper, lower in itertools.pairwise(parts):  # in the box (the buttons are in a row)
        bottom = upper.mapTo(box, upper.rect().bottomLeft()).y()
        assert bottom < lower.mapTo(box, lower.rect().topLeft()).y(), (upper, lower)


def test_at_1024x640_narrow_result_columns_say_they_are_cut(
    qtbot: QtBot, window: MainWindow
) -> None:
    """At 1024x640 the results' first title read "ound i": a title wider than its column
    was cut on both sides. It ends in "…" like the cells, and says itself whole on hover.
    (The columns now fit their words at 1024x640: with a large font they cannot.)"""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old_font = QFont(app.font())
    large = QFont(old_font)
    large.setPointSize(16)
    app.setFont(large)
    try:
        window.resize(1024, 640)
        window.show()
        window.search.open_search()
        panel = window.search_panel
        panel.query_edit.setText("Ganja")
        panel.run_search()
        QApplication.processEvents()
        _say_cut_titles(panel)
    finally:
        app.setFont(old_font)


@pytest.mark.parametrize("size", SMALL_WINDOWS)
def test_at_1024x640_the_result_columns_shown_have_their_titles_whole(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    """A newcomer at 1024×640 read "Foun…", "Sent…", "Clai…" over the results, and the
    claimant and article columns were a letter and "…" wide. A column shows its title
    whole or gives its room to the sentence (the row's tooltip names every column), and
    the sentence keeps the widest column."""
    for row in window.desk.reviews.sentence_rows(1):
        window.desk.reviews.set_text_field(row.sentence.id, "claimant", "Foreign Ministry")
    resize_to(window, size)
    window.search.open_search()
    panel = window.search_panel
    panel.query_edit.setText("Armenia")
    panel.run_search()
    QApplication.processEvents()
    view, header = panel.view, panel.view.horizontalHeader()
    margin = 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    shown = [c for c in range(panel.model.columnCount()) if not view.isColumnHidden(c)]
    titles = {c: panel.model.headerData(c, Qt.Orientation.Horizontal) for c in shown}
    cut = [
        titles[c]
        for c in shown
        if header.sectionSize(c) < header.fontMetrics().horizontalAdvance(titles[c]) + margin
    ]
    assert cut == []
    assert 1 in shown and header.sectionSize(1) == max(header.sectionSize(c) for c in shown)
    tip = panel.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    # What a column left out shows is in the row's tooltip.
    assert "Claimant: Foreign Ministry" in tip and "Article: " in tip


def _say_cut_titles(panel: SearchPanel) -> None:
    header = panel.view.horizontalHeader()
    titles = [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    cut = [
        column
        for column, title in enumerate(titles)
        if header.sectionSize(column) < header.fontMetrics().horizontalAdvance(title)
    ]
    assert cut  # the case this test is about
    assert header.textElideMode() == Qt.TextElideMode.ElideRight
    tip = Qt.ItemDataRole.ToolTipRole
    for column in cut:
        assert panel.model.headerData(column, Qt.Orientation.Horizontal, tip) == titles[column]


def test_the_shortcut_sheet_fits_a_1024x640_screen(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F1 on a 1024×640 screen: the sheet was 720 px tall, its Close button below the
    screen's edge."""
    from PySide6.QtGui import QScreen

    from factcheck_app.gui.dialogs.help import ShortcutsDialog

    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    dialog = ShortcutsDialog(window)
    qtbot.add_widget(dialog)
    # Room left for the window's title bar and frame, as the export dialog leaves.
    assert dialog.height() <= room.height() - 60
    assert dialog.width() <= room.width() - 40


@pytest.mark.parametrize("size", SMALL_WINDOWS)
def test_a_current_sentence_grown_at_the_bottom_of_the_list_is_shown_whole(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    """End on the sample at 1024×640: the last sentence grew to five lines below the
    list's bottom edge, and two of them showed."""
    resize_to(window, size)
    QApplication.processEvents()
    view = window.sentence_view
    header = view.verticalHeader()
    press(qtbot, window, Qt.Key.Key_End)
    last = view.model().rowCount() - 1
    assert view.currentIndex().row() == last
    qtbot.waitUntil(lambda: header.sectionSize(last) > header.defaultSectionSize())
    QApplication.processEvents()
    shown = view.visualRect(view.currentIndex())
    assert shown.top() >= 0 and shown.bottom() <= view.viewport().height()


def _in_panel_sight(window: MainWindow, widget: QWidget) -> bool:
    viewport = window.panel_scroll.viewport()
    top = widget.mapTo(viewport, widget.rect().topLeft()).y()
    bottom = top + widget.height()
    return window.panel.isAncestorOf(widget) and top >= 0 and bottom <= viewport.height()


@pytest.mark.parametrize("size", SMALL_WINDOWS)
def test_shift_tab_into_the_review_panel_shows_the_field_it_reaches(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    """At 1024×640, Shift+Tab from the article list put the focus on the history list,
    below the panel's visible part, and the panel did not scroll to it. (The window's
    first field is now the one above the list, which finds an article.)"""
    resize_to(window, size)
    QApplication.processEvents()
    window.article_find.setFocus()
    qtbot.keyClick(window.article_find, Qt.Key.Key_Backtab)
    QApplication.processEvents()
    focused = QApplication.focusWidget()
    assert focused is not None and window.panel.isAncestorOf(focused)
    assert _in_panel_sight(window, focused)


def test_tab_from_the_sentence_list_reaches_a_control_of_the_panel(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Tab from the list stopped first on the panel's scroll area: nothing showed the
    focus, and a second Tab was needed to reach the tag buttons."""
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not window.panel_scroll
    assert focused is not None and window.panel.isAncestorOf(focused)


def test_articles_in_the_list_are_set_apart(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """At 1024×640 a wrapped title ran straight into the next article's first line: the
    entries, each a title and its "0/3 reviewed", touched with nothing between them."""
    for number in range(3):
        seeded_desk.importer.import_text(
            f"Minister says {number + 40} schools closed in the north since January\n\n"
            "The body says something. Another sentence here.",
            source_name=f"a{number}.txt",
        )
    window = make_window(seeded_desk)
    window.resize(1024, 640)
    QApplication.processEvents()
    view = window.article_list
    model = view.model()
    rects = [view.visualRect(model.index(row, 0)) for row in range(model.rowCount())]
    assert len(rects) == 4
    for upper, lower in itertools.pairwise(rects):
        assert lower.top() - upper.bottom() > 1


def test_the_sentence_column_keeps_its_share_as_the_window_narrows_and_widens(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.sentence_view
    narrow_columns = (
        SentenceColumn.NUMBER,
        SentenceColumn.TAG,
        SentenceColumn.VERDICT,
        SentenceColumn.STATUS,
    )

    def text_share() -> float:
        return view.columnWidth(SentenceColumn.TEXT) / view.viewport().width()

    window.resize(1600, 900)
    qtbot.waitUntil(lambda: text_share() >= 0.45)
    wide = [view.columnWidth(column) for column in narrow_columns]
    window.resize(960, 600)  # the narrow columns would leave the sentence a few letters
    qtbot.waitUntil(lambda: text_share() >= 0.4)  # the first column keeps 36 px
    assert [view.columnWidth(column) for column in narrow_columns] != wide
    window.resize(1600, 900)  # and they have their room again in a wide window
    qtbot.waitUntil(lambda: [view.columnWidth(column) for column in narrow_columns] == wide)


def test_the_current_sentence_stays_whole_when_the_window_is_resized(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    article = desk.importer.import_text(f"{LONG}\n\nTalks resume next week.")
    window = make_window(desk)
    window.resize(1600, 900)
    window.open_article(article.article_id)
    view = window.sentence_view
    header = view.verticalHeader()
    assert view.currentIndex().row() == 0  # the long sentence

    def needed() -> int:
        width = view.columnWidth(SentenceColumn.TEXT) - 12
        wrapped = view.fontMetrics().boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, LONG
        )
        return min(wrapped.height(), MAX_CURRENT_LINES * view.fontMetrics().lineSpacing())

    qtbot.waitUntil(lambda: header.sectionSize(0) >= needed())
    wide = header.sectionSize(0)
    window.resize(960, 600)  # narrower: the sentence takes more lines, and its row grows
    qtbot.waitUntil(lambda: header.sectionSize(0) >= needed() > wide)
    narrow = header.sectionSize(0)
    window.resize(1600, 900)  # and shrinks back, not left with empty lines
    qtbot.waitUntil(lambda: header.sectionSize(0) == wide < narrow)


def test_a_status_message_beside_an_import_s_progress_can_be_read_whole(
    qtbot: QtBot, window: MainWindow
) -> None:
    """At 1024×640 a message beside a running import's progress (stage, bar, Cancel) and
    the reviewed count was cut off in mid-word. The progress makes room while it shows
    (its stage, then its bar; Cancel stays), and the whole of a message too long even
    then is in the status bar's tooltip."""
    from PySide6.QtWidgets import QWidget

    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() == 1024)
    bar, progress = window.statusBar(), window.import_progress
    progress.set_progress(300, "Splitting story-with-a-long-name.txt into sentences")
    progress.show()
    window.progress_label.setText("Reviewed 0 of 60,000 sentences")

    def room() -> int:  # where the message is drawn: up to the first widget shown beside it
        shown = [w for w in bar.findChildren(QWidget) if w.parent() is bar and w.isVisible()]
        bar.layout().activate()
        return min(w.x() for w in shown if w.width() > 20) - 4

    message = (
        "Imported “Ministers deny the schools closed, figures show otherwise”: 1,204 sentences."
    )
    bar.showMessage(message)
    needed = bar.fontMetrics().horizontalAdvance(message)
    qtbot.waitUntil(lambda: needed <= room())  # once the status bar is laid out again
    assert progress.cancel_button.isVisible()  # still there to stop it
    longer = message + " It waits in the article list: open it there when you are ready." * 2
    bar.showMessage(longer)  # too long for any room: whole in the tooltip
    assert "you are ready. It waits" in bar.toolTip() and bar.toolTip().endswith("ready.</p>")
    bar.clearMessage()
    assert progress.stage.isVisible() and progress.bar.isVisible()  # whole again


def _progress_words(progress: JobProgress) -> list[str]:
    """What a job's progress says in words where they can be read whole: its stage, or
    its bar's own text, each shown and as wide as its words."""
    words = []
    if progress.stage.isVisible():
        words.append(progress.stage.text())
    bar = progress.bar
    if bar.isVisible() and bar.isTextVisible():
        room = bar.style().subElementRect(
            QStyle.SubElement.SE_ProgressBarLabel, _bar_option(bar), bar
        )
        if bar.fontMetrics().horizontalAdvance(bar.text()) <= room.width():
            words.append(bar.text())
    return words


def _bar_option(bar: QProgressBar) -> QStyleOptionProgressBar:
    option = QStyleOptionProgressBar()
    bar.initStyleOption(option)
    return option


@pytest.mark.parametrize("point_size", [9, 16])
def test_the_index_rebuild_s_progress_says_how_far_it_is_beside_a_status_message(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow], point_size: int
) -> None:
    """At the open of a big workspace "More than 1,000 verdicts by Alice await sign-off…"
    stood in the status bar, and the rebuild's progress beside it gave its words up to
    it: only its bar and Cancel Rebuild were left, and at 2 % the bar looks empty. Its
    words stay readable beside a message at 1024×640 (the bar's own text, short), at the
    default font and at 16 pt."""
    with app_font(point_size):
        window = make_window(seeded_desk)
        window.resize(1024, 640)
        qtbot.waitUntil(lambda: window.width() == 1024)
        bar, progress = window.statusBar(), window.rebuild_progress
        progress.name_for(private=False)
        progress.set_progress(20, "Rebuilding the search index… 2 %")
        progress.show()
        window.progress_label.setText("Reviewed 21 of 41 sentences")
        assert any("2 %" in w and "index" in w for w in _progress_words(progress))
        bar.showMessage(
            "More than 1,000 verdicts by Alice Martin await sign-off: choose “Awaiting "
            "sign-off” above the article list and in Show."
        )
        bar.layout().activate()
        QApplication.processEvents()
        assert progress.cancel_button.isVisible()
        words = _progress_words(progress)
        assert any("2 %" in w and "index" in w.lower() for w in words), words
        bar.clearMessage()
        QApplication.processEvents()
        assert progress.stage.isVisible() and progress.bar.isVisible()  # whole again


@pytest.mark.parametrize("point_size", [16, 20])
def test_an_import_and_a_rebuild_beside_a_message_leave_it_and_the_count_their_room(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow], point_size: int
) -> None:
    """An import and the index rebuild at once beside the sign-off notice, with a large
    font at 1024×640: both bars kept their words ("Import 30 %", "Search index 2 %"), the
    notice had no room left at all (not even "…") and at 20 pt "Reviewed 21 of 41
    sentences" was cut at the window's edge. A bar gives its words up (Cancel stays)
    before the notice's first words or the count are lost."""
    with app_font(point_size):
        window = make_window(seeded_desk)
        window.resize(1024, 640)
        qtbot.waitUntil(lambda: window.width() == 1024)
        bar = window.statusBar()
        jobs = (window.import_progress, window.rebuild_progress)
        window.import_progress.set_progress(300, "Splitting story.txt into sentences")
        window.rebuild_progress.name_for(private=False)
        window.rebuild_progress.set_progress(20, "Rebuilding the search index… 2 %")
        for job in jobs:
            job.show()
        count = window.progress_label
        count.setText("Reviewed 21 of 41 sentences")
        bar.showMessage(
            "More than 1,000 verdicts by Alice Martin await sign-off: choose “Awaiting "
            "sign-off” above the article list and in Show."
        )
        bar.layout().activate()
        QApplication.processEvents()
        assert all(job.cancel_button.isVisible() for job in jobs)
        shown = [w for w in bar.findChildren(QWidget) if w.parent() is bar and w.isVisible()]
        room = min(w.x() for w in shown if w.width() > 20) - 4
        assert room >= bar.fontMetrics().horizontalAdvance(
            "More than…" if point_size < 20 else "More…"
        ), room
        assert count.isVisible() and count.geometry().right() < bar.width()
        assert count.width() >= count.sizeHint().width()  # whole, not cut at the edge
        bar.clearMessage()
        QApplication.processEvents()
        assert all(job.stage.isVisible() and job.bar.isVisible() for job in jobs)


@pytest.mark.parametrize("size", SMALL_WINDOWS)
def test_opening_search_keeps_the_current_sentence_in_sight(
    qtbot: QtBot,
    desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    size: tuple[int, int],
) -> None:
    """At 1024×640, Ctrl+F on a sentence near the article's end: the search pane takes
    its height from the sentence list and the article text, which kept their top rows and
    lines, and the current sentence was half under the list's edge and below the text's,
    in neither place for the reviewer to read until the next move."""
    sentences = [
        f"Officials said on day {n} of the shelling that {n * 7} houses were hit, and that "
        f"{n * 3} of them, in the old town near the river, could not be lived in again."
        for n in range(1, 13)
    ]
    article = desk.importer.import_text("\n\n".join(sentences))
    window = make_window(desk)
    resize_to(window, size)
    QApplication.processEvents()
    window.open_article(article.article_id)
    view = window.sentence_view
    press(qtbot, window, Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 9
    header = view.verticalHeader()  # the row grows to show the sentence whole, as it paused
    qtbot.waitUntil(lambda: header.sectionSize(9) > header.defaultSectionSize())
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_panel.isVisible()
    QApplication.processEvents()
    row = view.visualRect(view.currentIndex())
    assert view.viewport().rect().contains(row), (row, view.viewport().rect())
    text = window.article_view
    start = text.cursorRect()  # the current sentence's start, where highlight put it
    marked = text.extraSelections()  # (kept: its cursors live as long as the list)
    end = text.cursorRect(marked[0].cursor)
    assert end.top() > start.top()  # it takes two lines or more: both ends are asked for
    for place in (start, end):
        assert text.viewport().rect().contains(place), (place, text.viewport().rect())


def test_at_1024x640_the_list_says_every_status_whole(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The Status column read "Needs sec…" at 1024×640 (whole only in its tooltip): the
    list says "Second look", the panel's Status box, the tooltip and a screen reader
    "Needs second look"."""
    article = desk.importer.import_text(
        "Officials met on Monday. The mayor said crime fell. The police denied it. "
        "Talks resume next week. Nobody knows why."
    )
    rows = desk.reviews.sentence_rows(article.article_id)
    for row, status in zip(rows, Status, strict=False):
        if status.settable:
            desk.reviews.set_status(row.sentence.id, status)
    desk.reviews.set_verdict(rows[0].sentence.id, "unverifiable")
    window = make_window(desk)
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    window.open_article(article.article_id)
    view = window.sentence_view
    model = window.sentence_model
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    shown: list[str] = []
    for column in (SentenceColumn.VERDICT, SentenceColumn.STATUS):
        room = view.columnWidth(column) - 2 * margin
        for row in range(model.rowCount()):
            text = model.index(row, column).data()
            assert view.fontMetrics().horizontalAdvance(text) <= room, (text, room)
            shown.append(text)
    assert "Second look" in shown and "Needs second look" not in shown
    second = shown.index("Second look") - model.rowCount()
    cell = model.index(second, SentenceColumn.STATUS)
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Needs second look"
    spoken = model.index(second, SentenceColumn.NUMBER).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Needs second look" in spoken
    window.select_sentence(rows[second].sentence.id)
    assert window.panel.status_box.currentText() == "Needs second look"


def test_at_1024x640_the_list_says_a_signed_off_status_whole(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A conflict on an approved verdict read "Conflict · A…" at 1024×640, a returned
    verdict being worked on "In progress · Re…": the list says the word that asks for
    action, whole ("Conflict", "Returned"); the tooltip, a screen reader and the panel
    say the status and the editor's word in full."""
    article = desk.importer.import_text(
        "The mayor said crime fell by 20 percent. The police denied it on Monday. "
        "The council met twice in May. Nobody knows why it closed."
    )
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(article.article_id)]
    desk.set_reviewer("Ana")
    for sentence_id in ids:
        desk.reviews.set_tag(sentence_id, Tag.CLAIM)
        desk.reviews.set_verdict(sentence_id, "mostly_false")
    desk.set_reviewer("Ben")
    desk.sign_offs.approve(ids[0])
    for sentence_id in ids[1:]:
        desk.sign_offs.send_back(sentence_id, "Which year?")
    desk.set_reviewer("Ana")
    desk.reviews.set_status(ids[1], Status.IN_PROGRESS)
    desk.reviews.set_status(ids[2], Status.SECOND_LOOK)
    for sentence_id in (ids[0], ids[3]):  # reviewers disagreed, as a merge leaves it
        review = desk.reviews.review(sentence_id)
        desk.repo.reviews.save_review(dataclasses.replace(review, status=Status.CONFLICT))
    window = make_window(desk)
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    window.open_article(article.article_id)
    view = window.sentence_view
    model = window.sentence_model
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    room = view.columnWidth(SentenceColumn.STATUS) - 2 * margin
    whole = [
        "Conflict · Approved",
        "In progress · Returned",
        "Needs second look · Returned",
        "Conflict · Returned",
    ]
    shown = []
    for row, full in enumerate(whole):
        cell = model.index(row, SentenceColumn.STATUS)
        text = cell.data()
        assert view.fontMetrics().horizontalAdvance(text) <= room, (text, room)
        assert cell.data(Qt.ItemDataRole.ToolTipRole) == full
        assert cell.data(Qt.ItemDataRole.AccessibleTextRole) == full
        spoken = model.index(row, SentenceColumn.NUMBER).data(Qt.ItemDataRole.AccessibleTextRole)
        assert full in spoken
        shown.append(text)
    assert shown == ["Conflict", "Returned", "Returned", "Conflict"]


# A busy week's articles, each with one sentence the search below finds.
WEEK = (
    "Mayor denies the bridge will close",
    "Council budget figures questioned",
    "Hospital counts after the storm",
    "Talks on the river border resume",
    "Police numbers at the stadium",
)


def _readable_on_screen(window: MainWindow, text: str) -> bool:
    """Is `text` shown whole, uncut, where the reviewer can read it: a label in sight, the
    status bar, or a cell of the search results' current row as wide as its words?"""
    for label in window.findChildren(QLabel):
        if label.isVisible() and text in label.text():
            room = label.contentsRect().width()
            if label.fontMetrics().horizontalAdvance(label.text()) <= room:
                return True
    if text in window.statusBar().currentMessage():
        return True
    view = window.search_panel.view
    current = view.currentIndex()
    for column in range(view.model().columnCount()):
        shown = current.siblingAtColumn(column).data()
        if view.isColumnHidden(column) or not shown or text not in shown:
            continue
        if view.fontMetrics().horizontalAdvance(shown) <= view.columnWidth(column) - 12:
            return True
    return False


def test_at_1024x640_the_current_search_result_names_its_article(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """At 1024×640 the results' article column read "…" (its heading "A…"): moving
    through a busy week's results with ↑/↓, a journalist could not tell which article a
    result was in without Enter, which leaves the results for the article. The current
    result's article is named where it can be read, and follows ↑/↓."""
    for day, title in enumerate(WEEK, start=1):
        desk.importer.import_text(
            f"{title}\n\nOn day {day} the river rose by {day + 1} metres. Nobody measured it."
        )
    window = make_window(desk)
    window.resize(1024, 640)
    QApplication.processEvents()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.search_panel
    qtbot.keyClicks(panel.query_edit, "metres")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)  # the first result, in its article
    assert panel.model.rowCount() == len(WEEK)
    for _ in range(4):  # Tab on to the results, as a reviewer without a mouse does
        if QApplication.focusWidget() is panel.view:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.view
    opened = window.article_id
    seen = []
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up):
        qtbot.keyClick(panel.view, key)
        QApplication.processEvents()
        current = panel.view.currentIndex()
        article_id = current.data(panel.model.ArticleIdRole)
        title = desk.articles.article_summary(article_id).title
        assert title in WEEK
        assert _readable_on_screen(window, title), title
        # A screen reader hears it too, on the cell that is current.
        assert f"“{title}”" in current.data(Qt.ItemDataRole.AccessibleTextRole)
        seen.append(title)
    assert len(set(seen)) == 2  # it followed the keys
    assert window.article_id == opened  # and the results were not left


@pytest.mark.parametrize("size", SMALL_WINDOWS)
def test_on_a_short_screen_the_panel_says_in_sight_that_the_claim_was_checked_before(
    qtbot: QtBot,
    judged: tuple[Desk, int, int],  # noqa: F811 (the fixture imported above)
    make_window: Callable[[Desk], MainWindow],
    size: tuple[int, int],
) -> None:
    """At 984×580 the "Earlier verdicts" box began below the panel's visible part (y 512
    in a 505 px viewport): a reviewer saw nothing of a verdict given before on a claim
    like this one unless they scrolled. That there are earlier verdicts, and how many,
    shows without scrolling, and the key that reaches them brings them into sight."""
    desk, _judged_id, target = judged
    window = make_window(desk)
    resize_to(window, size)
    QApplication.processEvents()
    show_earlier_verdicts(qtbot, window, target)
    QApplication.processEvents()
    window.panel_scroll.verticalScrollBar().setValue(0)  # as the panel opens
    assert window.panel.earlier.model.rowCount() == 1
    note = window.panel.earlier.note
    assert "Checked before: 1 earlier verdict" in note.text()
    assert note.isVisible() and _in_panel_sight(window, note)
    # Alt+I, the box's key, takes the focus to the list and shows it.
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    QApplication.processEvents()
    assert QApplication.focusWidget() is window.panel.earlier.view
    view = window.panel.earlier.view
    viewport = window.panel_scroll.viewport()
    top = view.mapTo(viewport, view.rect().topLeft()).y()
    assert 0 <= top < viewport.height()
    # A sentence nothing resembles says nothing of the kind.
    weather = desk.reviews.sentence_rows(desk.repo.sentences.article_of_sentence(target))[1]
    show_earlier_verdicts(qtbot, window, weather.sentence.id)
    assert window.panel.earlier.model.rowCount() == 0
    assert note.text() == ""


def test_at_16_pt_the_checked_before_note_says_its_key_whole(
    qtbot: QtBot,
    judged: tuple[Desk, int, int],  # noqa: F811 (the fixture imported above)
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """At 16 pt in 984×580 the one-line note read "Checked before: 1 earlier …": the
    count, but not the key that shows the verdicts."""
    desk, _judged_id, target = judged
    with app_font(16):
        window = make_window(desk)
        resize_to(window, (984, 580))
        QApplication.processEvents()
        show_earlier_verdicts(qtbot, window, target)
        QApplication.processEvents()
        note = window.panel.earlier.note
        window.panel_scroll.verticalScrollBar().setValue(0)
        assert " ".join(note.shown_lines()) == note.text(), note.shown_lines()
        assert _in_panel_sight(window, note)


def test_at_1024x640_no_empty_band_stands_over_the_tag_buttons(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The room kept for the assist's two lines (the suggestion, how worth checking) stood
    empty over the Tag buttons, some 120 px of a 565 px panel, until the suggestions came
    (and for good in an article that has none), while the Explanation box below it had
    four lines. With no suggestion in the article the Explanation box takes that room;
    once they come the lines are back, and nothing under the Explanation box moves."""
    resize_to(window, (1024, 640))
    window.show()
    QApplication.processEvents()
    panel = window.panel
    window.select_sentence(window.sentence_model.sentence_row(1).sentence.id)
    QApplication.processEvents()
    assert window.sentence_model.suggestion(window.current_sentence_id() or 0) is None

    def top(widget: QWidget) -> int:
        return widget.mapTo(panel, widget.rect().topLeft()).y()

    heading_bottom = top(panel.heading) + panel.heading.height()
    first_button = min(top(button) for button in panel.tag_group.buttons())
    lines = panel.fontMetrics().lineSpacing()
    assert first_button - heading_bottom < 3 * lines, first_button - heading_bottom
    explanation, sources = panel.explanation_edit, panel.sources_view
    roomy = explanation.height()
    assert roomy >= 8 * lines, (roomy, lines)
    sources_top = top(sources)

    window.suggestions.start()
    qtbot.waitUntil(lambda: not window.suggestions.running())
    qtbot.waitUntil(lambda: panel.hint_label.text() != "")
    QApplication.processEvents()
    assert panel.hint_label.isVisible() and panel.worth_label.isVisible()
    assert top(sources) == sources_top  # nothing under the Explanation box moved
    assert explanation.height() < roomy


def test_the_assist_lines_keep_their_room_while_the_article_is_read_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The article read again (a refusal shown as saved, another program's save in a
    read-only window, a split) drops its suggestions until they are worked out again:
    the lines' room went to the Explanation box and came back 0.6 s later, the form
    jumping twice at every such read. Kept while the same article stays open."""
    resize_to(window, (1024, 640))
    window.show()
    window.suggestions.start()
    qtbot.waitUntil(lambda: not window.suggestions.running())
    panel = window.panel
    sentence = window.sentence_model.sentence_row(1).sentence.id
    window.select_sentence(sentence)
    qtbot.waitUntil(lambda: panel.hint_label.text() != "")
    assert window.article_id is not None
    window.load_article(window.article_id, sentence)
    assert window.sentence_model.suggestion(sentence) is None  # until worked out again
    assert panel.hint_label.isVisibleTo(panel) and panel.worth_label.isVisibleTo(panel)


def test_the_assist_lines_keep_their_room_while_another_article_waits_for_its_own(
    qtbot: QtBot, window: MainWindow, seeded_desk: Desk
) -> None:
    """Stepping to another article (its suggestions wait 0.6 s after the last key, and
    longer in a big one) gave the lines' room to the Explanation box at once and took it
    back when its suggestions came: the Tag buttons jumped 120 px up and down again at
    each article opened, under her mouse and her keys. Their room stays as the last
    article had it until this one's suggestions are known."""
    other = seeded_desk.importer.import_text(
        "Second\n\nThe minister said the budget rose by 40 percent. Rain fell on Monday."
    ).article_id
    resize_to(window, (1024, 640))
    window.show()
    window.reload_articles()
    panel = window.panel
    first = window.article_id
    assert first is not None
    window.suggestions.start()
    qtbot.waitUntil(lambda: not window.suggestions.running())
    window.select_sentence(window.sentence_model.sentence_row(1).sentence.id)
    qtbot.waitUntil(lambda: panel.hint_label.text() != "")
    QApplication.processEvents()

    def top(widget: QWidget) -> int:
        return widget.mapTo(panel, widget.rect().topLeft()).y()

    buttons = min(top(button) for button in panel.tag_group.buttons())
    window.open_article(other)
    QApplication.processEvents()
    assert window.article_id == other
    assert not window.sentence_model.has_suggestions()  # not worked out yet
    assert panel.hint_label.isVisibleTo(panel) and panel.worth_label.isVisibleTo(panel)
    assert min(top(button) for button in panel.tag_group.buttons()) == buttons
    window.suggestions.start()
    qtbot.waitUntil(lambda: window.sentence_model.suggestions_known())
    QApplication.processEvents()
    assert min(top(button) for button in panel.tag_group.buttons()) == buttons
    # An article the assist has nothing for gives the room to the Explanation box.
    window.sentence_model.set_suggestions({})
    panel.show_hint(None)
    assert not panel.hint_label.isVisibleTo(panel)
