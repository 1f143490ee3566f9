"""The window's three panes and its File menu with a large font on a small screen.

At 16 pt on a 1024×640 screen the review panel needed 550 px (its rows of buttons side
by side), the sentences' pane its 387 px, and the article list was left 79 px: a title
showed five letters a line. At 20 pt the panel went past the window's edge. The panes
now share the width by the font. With all three background jobs running (each with its
Cancel item) the File menu was 550 px tall at 16 pt."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QFont, QScreen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QSplitter,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from factcheck_app.gui import settings as app_settings
from factcheck_app.gui.actions import WHILE_RUNNING, ActionId
from factcheck_app.gui.controllers.layout import PaneShare
from factcheck_app.gui.main_window import FRAME_ROOM, MainWindow
from factcheck_app.services.desk import Desk
from tests.gui.test_conflict_fields import _merged
from tests.gui.test_small_screen_keyboard import menus_within
from tests.services.merge_fixtures import open_as

FONT_SIZES = (9, 16, 20)  # the default, a reviewer with poor sight, and larger still
SCREENS = ((1024, 640), (1280, 800), (1920, 1080))
TITLE_CHARS = 14  # what the article list shows of a title on a line, at the least
FAMILY = "DejaVu Sans"  # one font wherever the tests run (Qt substitutes one it lacks)


@pytest.fixture
def point_size(request: pytest.FixtureRequest) -> Iterator[int]:
    """The application's font at `request.param` points, in FAMILY."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = QFont(app.font())
    large = QFont(old)
    large.setFamilies([FAMILY])
    large.setPointSize(request.param)
    app.setFont(large)
    yield request.param
    app.setFont(old)


def _span(widget: QWidget, within: QWidget) -> tuple[int, int]:
    left = widget.mapTo(within, widget.rect().topLeft()).x()
    return left, left + widget.width()


def _title_chars_a_line(window: MainWindow, title: str) -> int:
    """How many of `title`'s characters the article list has room for on one line."""
    view = window.article_list
    room = view.viewport().width() - 2 * view.spacing() - 8  # its text margins, and more
    metrics = view.fontMetrics()
    return max(n for n in range(len(title) + 1) if metrics.horizontalAdvance(title[:n]) <= room)


@pytest.mark.parametrize("point_size", FONT_SIZES, indirect=True)
@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_panes_share_the_width_at_every_font_size_and_screen(
    point_size: int,
    width: int,
    height: int,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
) -> None:
    """Each pane keeps what it needs, none overlaps another or the window's edge, the
    article list shows a readable part of a title a line, and the sentences' pane is the
    widest: in the window as it opens on the screen (less its frame) and maximized."""
    window = make_window(seeded_desk)
    for size in ((width - FRAME_ROOM[0], height - FRAME_ROOM[1]), (width, height)):
        window.resize(*size)
        QApplication.processEvents()
        splitter = window.main_splitter
        listed, center, panel = window.article_list, window.center_splitter, window.panel_scroll
        spans = [_span(pane, window) for pane in (listed, center, panel)]
        where = (point_size, size, splitter.sizes())
        assert window.width() == size[0], where  # not made wider than the screen
        assert spans[0][0] >= 0 and spans[-1][1] <= window.width(), where
        assert spans[0][1] <= spans[1][0] and spans[1][1] <= spans[2][0], where  # no overlap
        # Nothing cut off: each pane at least as wide as its controls need.
        assert center.width() >= center.minimumSizeHint().width(), where
        assert panel.viewport().width() >= window.panel.minimumSizeHint().width(), where
        assert window.panel.width() <= panel.viewport().width(), where  # no sideways scroll
        title = window.article_model.article_at(0).title
        assert _title_chars_a_line(window, title) >= TITLE_CHARS, where
        assert center.width() > max(listed.width(), panel.width()), where
        assert _overlapping(window.panel) == [], where


@pytest.mark.parametrize("point_size", (16, 20), indirect=True)
def test_a_sentence_in_conflict_fits_the_panel_at_a_large_font(
    point_size: int, tmp_path: Path, make_window: Callable[[Desk], MainWindow]
) -> None:
    """At 16 pt the conflict view's Keep This One and Keep Combined, side by side, made
    it 3 px wider than the panel at 1024×640: the panel, which never scrolls sideways,
    was cut 21 px short on its right, every line of it (the sentence, the versions'
    verdicts, the buttons) clipped at the edge."""
    path, order = _merged(tmp_path)
    desk = open_as(path, "Carol")
    try:
        window = make_window(desk)
        window.resize(1024 - FRAME_ROOM[0], 640 - FRAME_ROOM[1])
        article_id, sentence_id = order[0]
        window.open_article(article_id)
        window.select_sentence(sentence_id)
        QApplication.processEvents()
        panel = window.panel_scroll
        view = window.panel.conflict_view
        assert view.isVisible()
        where = (point_size, panel.viewport().width(), view.minimumSizeHint().width())
        assert panel.viewport().width() >= window.panel.minimumSizeHint().width(), where
        assert window.panel.width() <= panel.viewport().width(), where  # nothing cut off
        assert _overlapping(window.panel) == [], where
        # The versions' "Reviewer" title, narrower than its words, read "ɾeviewe", cut on
        # both sides: it ends in "…" as the names under it do.
        header = view.table.horizontalHeader()
        title = view.model.headerData(0, Qt.Orientation.Horizontal)
        assert header.sectionSize(0) < header.fontMetrics().horizontalAdvance(title), where
        assert header.textElideMode() == Qt.TextElideMode.ElideRight
    finally:
        desk.close()


def _overlapping(panel: QWidget) -> list[tuple[str, str]]:
    """The review panel's controls that overlap another (none is inside another)."""
    kinds = (QLabel, QAbstractButton, QComboBox, QLineEdit, QAbstractScrollArea)
    shown = [
        widget
        for widget in panel.findChildren(QWidget)
        if isinstance(widget, kinds) and widget.isVisibleTo(panel)
    ]
    controls = [w for w in shown if not any(o is not w and o.isAncestorOf(w) for o in shown)]

    def rect(widget: QWidget) -> QRect:
        return QRect(widget.mapTo(panel, QPoint(0, 0)), widget.size())

    return [
        (a.objectName() or a.__class__.__name__, b.objectName() or b.__class__.__name__)
        for a, b in combinations(controls, 2)
        if rect(a).intersects(rect(b))
    ]


def test_the_window_needs_no_more_than_a_1024x640_screen_at_20_pt(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Its panes' least widths together fit 960 px (the window's own least width) with a
    20 pt font: at 20 pt they needed 1,241 px, and a 1024 px screen cut the panel off."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = QFont(app.font())
    large = QFont(old)
    large.setFamilies([FAMILY])
    large.setPointSize(20)
    try:
        app.setFont(large)
        window = make_window(seeded_desk)
        QApplication.processEvents()
        assert window.centralWidget().minimumSizeHint().width() <= 960
    finally:
        app.setFont(old)


def test_widths_the_reviewer_drags_to_are_kept_and_others_follow_the_font(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Widths the reviewer dragged to come back in the next session; widths never dragged
    are shared anew (a layout saved by an older version left the list 79 px wide)."""
    first = make_window(seeded_desk)
    # Inside the screen (the offscreen one is 800 px wide): a restored window is fitted
    # to the screen, and its panes with it.
    screen = first.screen().availableGeometry()
    size = (screen.width() * 9 // 10, screen.height() * 9 // 10)
    first.resize(*size)
    QApplication.processEvents()
    shared = first.main_splitter.sizes()
    first.close()
    assert not app_settings.panes_dragged()
    second = make_window(Desk.open(seeded_desk.path))
    second.resize(*size)
    QApplication.processEvents()
    assert second.main_splitter.sizes() == shared
    # A drag on the list's handle (QSplitter's own, as the mouse does).
    second.main_splitter.moveSplitter(shared[0] + 30, 1)
    dragged = second.main_splitter.sizes()
    assert dragged[0] == shared[0] + 30
    second.close()
    assert app_settings.panes_dragged()
    third = make_window(Desk.open(seeded_desk.path))
    assert third.main_splitter.sizes() == dragged


@pytest.mark.parametrize("point_size", [16], indirect=True)
def test_the_file_menu_fits_a_640_px_screen_whatever_work_runs(
    point_size: int, seeded_desk: Desk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import, a workspace check and the index rebuild can run at once, each with its
    Cancel item: at 16 pt the File menu was 550 px tall. In every state it fits below the
    menu bar in one column, and every Cancel of a job running is one or two keys away."""
    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    window = MainWindow(seeded_desk)
    qtbot.add_widget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    for count in range(len(WHILE_RUNNING) + 1):
        for running in combinations(WHILE_RUNNING, count):
            for action_id in WHILE_RUNNING:
                window.registry[action_id].setEnabled(action_id in running)
            for menu in menus_within(file_menu):
                shown = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
                assert menu.sizeHint().height() <= 0.85 * room.height(), (running, menu.title())
                assert len({menu.actionGeometry(a).x() for a in shown}) <= 1, running
            reachable = {
                action
                for menu in menus_within(file_menu)
                if menu is file_menu or menu.menuAction().isVisible()
                for action in menu.actions()
                if action.isVisible()
            }
            for action_id in running:
                assert window.registry[action_id] in reachable, running
            if len(running) == 1:  # File → Cancel Import, as the README says
                assert window.registry[running[0]] in file_menu.actions()
    assert window.registry[ActionId.CANCEL_IMPORT].text() == "Cancel &Import"


@pytest.mark.parametrize("point_size", [16], indirect=True)
def test_the_articles_listed_box_says_a_cut_choice_whole(
    point_size: int, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """At 16 pt on 1024×640 the box above the article list showed "Returned t" for
    "Returned to me" (the count beside it keeps its room), with no tooltip: a cut choice
    is whole in its tooltip, as the screen reader reads it whole (the box's value)."""
    window = make_window(seeded_desk)
    window.resize(1024 - FRAME_ROOM[0], 640 - FRAME_ROOM[1])
    box = window.article_state_box
    cut = []
    for row in range(box.count()):
        box.setCurrentIndex(row)
        QApplication.processEvents()
        option = QStyleOptionComboBox()
        box.initStyleOption(option)
        field = box.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
        )
        choice = box.itemText(row)
        if box.fontMetrics().horizontalAdvance(choice) > field.width():
            cut.append(choice)
            assert choice in box.toolTip(), (choice, field.width())
        said = QAccessible.queryAccessibleInterface(box).text(QAccessible.Text.Value)
        assert said == choice
    assert "Returned to me" in cut  # the case the reviewer met


def test_a_font_change_then_the_window_gone_at_once_is_no_error(qtbot: QtBot) -> None:
    """The panes are shared anew once the new font is measured (a zero-time timer). A
    window closed and deleted in that moment (the desktop's font changed as the reviewer
    quit) left the timer calling on a deleted splitter: "Internal C++ object already
    deleted", an error box as the window went."""
    splitter = QSplitter()
    article_list = QListView()
    for widget in (article_list, QWidget(), QWidget()):
        splitter.addWidget(widget)
    PaneShare(splitter, article_list, 300)
    QApplication.sendEvent(splitter, QEvent(QEvent.Type.FontChange))
    Shiboken.delete(splitter)
    qtbot.wait(1)  # the zero-time timer's turn (pytest-qt fails on an error raised in it)


@pytest.mark.parametrize("point_size", FONT_SIZES, indirect=True)
def test_the_split_box_shows_every_choice_clear_of_its_buttons(
    qtbot: QtBot, point_size: int
) -> None:
    """With a large font (20 pt here, 16 pt on a 154-dpi screen) the parts' words wrapped
    on four lines and the Split button lay over "Only to the second part": the box was
    sized as if they took one line each."""
    from PySide6.QtWidgets import QDialogButtonBox, QGroupBox

    from factcheck_app.gui.dialogs.split import SplitSentenceDialog

    dialog = SplitSentenceDialog(
        "The minister said on Sunday that twelve thousand people",
        "had marched through the centre of the capital, far more than the police count.",
        has_review=True,
        has_sources=True,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    boxes = [box for box in dialog.findChildren(QGroupBox) if box.isVisible()]
    assert buttons is not None and len(boxes) == 2
    below = max(box.mapTo(dialog, box.rect().bottomLeft()).y() for box in boxes)
    assert buttons.geometry().top() > below
    for box in boxes:
        for choice in box.findChildren(QAbstractButton):
            assert choice.height() >= choice.sizeHint().height()


@pytest.mark.parametrize("point_size", [16, 20], indirect=True)
def test_the_split_box_shows_the_parts_whole_on_a_1024x640_screen(
    qtbot: QtBot, point_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """16 pt on a laptop's denser screen (120 dpi) draws 20 px letters: on a 1024×640
    screen the box needed more height than the screen has for the parts' six lines and
    was cut at 580 px, the last line of the second part clipped. It grows wider where the
    screen has room, and the words wrap on fewer lines."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QDialogButtonBox, QGroupBox, QLabel

    from factcheck_app.gui.dialogs.split import SplitSentenceDialog

    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    dialog = SplitSentenceDialog(
        "Ankara, Baku’s main backer in the Nagorno-Karabakh conflict, has accused Armenia of "
        "targeting Ganja,",
        " Azerbaijan’s second most populous city, and of violating Geneva Conventions, the "
        "ministry said on Monday.",
        has_review=True,
        has_sources=True,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert dialog.height() <= room.height() - 60 and dialog.width() <= room.width() - 40
    intro = next(label for label in dialog.findChildren(QLabel) if label.text().startswith("First"))
    assert intro.height() >= intro.heightForWidth(intro.width()), (intro.size(), dialog.size())
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    boxes = dialog.findChildren(QGroupBox)
    below = max(box.mapTo(dialog, box.rect().bottomLeft()).y() for box in boxes)
    assert buttons.geometry().top() > below


@pytest.mark.parametrize("point_size", [16, 20], indirect=True)
def test_the_key_sheet_shows_keys_and_where_whole_on_a_1024x640_screen(
    qtbot: QtBot, point_size: int, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F1 with 20 px letters (16 pt on a 120-dpi laptop screen) on 1024×640: the Action
    column took its longest text's width, the Keys column its own, and "Works in" was left
    100 px, "Sente…" and "Anyw…" for where each key works. Keys and Works in show whole;
    an action too long for the rest wraps onto a second line."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    from factcheck_app.gui.dialogs.help import ShortcutsDialog

    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    view = dialog.view
    assert dialog.width() <= room.width() - 40
    for column in (1, 2):
        assert view.columnWidth(column) >= view.sizeHintForColumn(column), column
    metrics = view.fontMetrics()
    model = view.model()
    for top in range(model.rowCount()):
        group = model.index(top, 0)
        for row in range(model.rowCount(group)):
            index = model.index(row, 0, group)
            cell = view.visualRect(index)
            if cell.isNull():
                continue  # scrolled out of the viewport: measured as the others are
            if view.sizeHintForIndex(index).width() > cell.width():  # one line is cut
                assert cell.height() >= 2 * metrics.lineSpacing(), (index.data(), cell)


@pytest.mark.parametrize("point_size", [16, 20, 24], indirect=True)
def test_a_refused_link_keeps_the_link_box_on_a_1024x640_screen(
    qtbot: QtBot, point_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 16 pt on 1024×640, a URL refused in Link Source widened the box from 660 to
    897 px where it stood: its right edge went to 1,080, Cancel half past the screen's
    edge, though the reason's line fitted once the excerpt box gave up a line of its
    room. The reason shows whole, and the box, buttons and all, stays on the screen (at
    24 pt it must grow wider: moved left as far as it grew past the edge)."""
    from factcheck_app.gui.dialogs.link_source import LinkSourceDialog

    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    dialog = LinkSourceDialog(
        [], sentence="The mayor said 14 people were hurt in the fire on Monday, the ministry said."
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.move(room.width() - dialog.width() - 10, 20)  # dragged to the right, beside the text
    QApplication.processEvents()
    dialog.url_edit.setText("not a url at all")
    dialog.accept()
    QApplication.processEvents()
    assert dialog.error_label.isVisible()
    assert room.contains(dialog.geometry()), dialog.geometry()
    label = dialog.error_label
    assert label.height() >= label.heightForWidth(label.width()), (label.size(), dialog.size())


@pytest.mark.parametrize("point_size", [24], indirect=True)
def test_the_split_box_scrolls_its_choices_when_the_screen_is_too_short(
    qtbot: QtBot, point_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """24 pt (32 px letters: 16 pt at 144 dpi) on a 1024×640 screen: Split Sentence is
    taller than the screen even at its widest, and was cut at 580 px with the Split and
    Cancel buttons over "Only to the second part". Its parts and choices scroll above the
    buttons now, and each choice comes into sight when it takes the focus."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QDialogButtonBox, QRadioButton

    from factcheck_app.gui.dialogs.split import SplitSentenceDialog

    room = QRect(0, 0, 1024, 640)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: room)
    dialog = SplitSentenceDialog(
        "Ankara, Baku’s main backer in the Nagorno-Karabakh conflict, has accused Armenia of "
        "targeting Ganja,",
        " Azerbaijan’s second most populous city, and of violating Geneva Conventions, the "
        "ministry said on Monday.",
        has_review=True,
        has_sources=True,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert dialog.height() <= room.height() - 60 and dialog.width() <= room.width() - 40
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    top = buttons.mapTo(dialog, buttons.rect().topLeft()).y()
    for choice in dialog.findChildren(QRadioButton):
        choice.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(choice.hasFocus)
        QApplication.processEvents()
        shown = choice.visibleRegion().boundingRect()
        assert shown.height() >= choice.sizeHint().height(), (choice.text(), shown)
        bottom = choice.mapTo(dialog, choice.rect().bottomLeft()).y()
        assert bottom < top, (choice.text(), bottom, top)


@pytest.mark.parametrize("point_size", [24, 30], indirect=True)
def test_the_split_box_brings_the_parts_back_when_the_focus_goes_back_up(
    qtbot: QtBot, point_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box scrolled down to show "Only to the second part", and Shift+Tab back to
    the first choice scrolled only as far as that choice: the parts' words above it (at
    30 pt all of "First part: …" and most of "Second part: …") stayed out of sight, and
    no key brought them back (the scroll area takes no focus). The focus going up by the
    keyboard scrolls back as far up as keeps the control in sight."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QRadioButton

    from factcheck_app.gui.dialogs.split import SplitSentenceDialog

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1024, 640))
    dialog = SplitSentenceDialog(
        "Ankara, Baku’s main backer in the Nagorno-Karabakh conflict, has accused Armenia of "
        "targeting Ganja,",
        " Azerbaijan’s second most populous city, and of violating Geneva Conventions, the "
        "ministry said on Monday.",
        has_review=True,
        has_sources=True,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    choices = dialog.findChildren(QRadioButton)
    intro = dialog.findChild(QLabel)
    assert intro is not None and intro.text().startswith("First part")
    area = dialog.findChild(QAbstractScrollArea)
    assert area is not None
    for choice in (choices[-1], choices[0]):  # down to the last choice, back by Shift+Tab
        choice.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(choice.hasFocus)
        QApplication.processEvents()
        if choice is choices[-1]:
            assert area.verticalScrollBar().value() > 0  # scrolled down to it
    shown = intro.visibleRegion().boundingRect()
    assert shown.height() == intro.height(), (shown, intro.size())
    whole = choices[0].visibleRegion().boundingRect()
    assert whole.height() >= choices[0].sizeHint().height(), whole


@pytest.mark.parametrize("point_size", [30], indirect=True)
def test_a_choice_clicked_in_the_scrolled_split_box_stays_under_the_pointer(
    qtbot: QtBot, point_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The focus going up by the keyboard scrolls the parts back into sight; a click on a
    choice in sight does not scroll (the choice would move from under the pointer)."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QRadioButton

    from factcheck_app.gui.dialogs.split import SplitSentenceDialog

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1024, 640))
    dialog = SplitSentenceDialog(
        "Ankara, Baku’s main backer in the Nagorno-Karabakh conflict, has accused Armenia of "
        "targeting Ganja,",
        " Azerbaijan’s second most populous city, and of violating Geneva Conventions, the "
        "ministry said on Monday.",
        has_review=True,
        has_sources=True,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    choices = dialog.findChildren(QRadioButton)
    choices[-1].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(choices[-1].hasFocus)
    QApplication.processEvents()
    clicked = choices[-2]  # "Only to the first part", in sight above the last
    assert clicked.visibleRegion().boundingRect().height() == clicked.height()
    where = clicked.mapTo(dialog, QPoint(0, 0))
    qtbot.mouseClick(clicked, Qt.MouseButton.LeftButton, pos=QPoint(12, clicked.height() // 2))
    QApplication.processEvents()
    assert clicked.hasFocus() and clicked.isChecked()
    assert clicked.mapTo(dialog, QPoint(0, 0)) == where
