"""More of what held up a newcomer at 1024×640, keyboard only: the search pane, the
worth-checking line, a read-only window's keys, Delete in the Sources list, the buttons
of a question, the menus' height, and verdicts returned while away."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QMessageBox,
    QProxyStyle,
    QStyle,
    QTableView,
)
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Stance, Tag
from factcheck_app.gui import settings
from factcheck_app.gui.actions import SPECS, ActionId, key_sequences
from factcheck_app.gui.dialogs.link_source import LinkSourceDialog
from factcheck_app.gui.fixed_lines import FixedLinesText
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import worth_checking_text
from factcheck_app.gui.workspace_strip import IN_USE
from factcheck_app.services.desk import Desk
from tests.gui.test_assist_in_window import wait_for_suggestions
from tests.gui.test_source_editing import choose_source, two_links

Key = Qt.Key


class _ButtonsWithIcons(QProxyStyle):
    """A desktop style that puts icons on dialog buttons, as GNOME's and KDE's do
    (the offscreen style puts none, so a test would never see the Cancel icon)."""

    def styleHint(self, hint: QStyle.StyleHint, *args: object) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, *args)  # type: ignore[arg-type]


@pytest.fixture
def buttons_with_icons(qapp: QApplication) -> object:
    before = qapp.style().name()
    style = _ButtonsWithIcons(before)
    qapp.setStyle(style)
    yield style
    qapp.setStyle(before)


def test_keep_editing_carries_no_cancel_icon(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, buttons_with_icons: object
) -> None:
    """In "Close without keeping what you typed?" the Keep Editing button kept the
    style's Cancel ✕, which reads as "close" on the very button that does not."""
    seen: dict[str, bool] = {}

    def look(box: QMessageBox) -> int:
        for button in box.buttons():
            seen[button.text()] = button.icon().isNull()
        return QMessageBox.StandardButton.Discard.value

    monkeypatch.setattr(QMessageBox, "exec", look)
    dialog = LinkSourceDialog([], stance=Stance.SUPPORTS)
    qtbot.add_widget(dialog)
    dialog.show()
    dialog.excerpt_edit.setPlainText("typed with care")
    dialog.reject()
    assert seen == {"&Discard": True, "&Keep Editing": True}
    # A button left as the style names it keeps its icon.
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    assert not box.button(QMessageBox.StandardButton.Cancel).icon().isNull()


def test_delete_in_the_sources_list_unlinks_the_chosen_source_as_remove_does(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Delete on a chosen source did nothing: only the Remove button (Tab, Tab, Space)
    unlinked it. Delete there is Remove, one undo step; elsewhere it still does nothing."""
    ids = two_links(window)
    desk = window.desk
    desk.reviews.set_tag(ids[0], Tag.CLAIM)
    before = [link.source.url for link in desk.sources.links(ids[0])]
    qtbot.keyClick(window.sentence_view, Key.Key_Delete)  # never a review by a stray key
    assert desk.reviews.review(ids[0]).tag is Tag.CLAIM
    assert [link.source.url for link in desk.sources.links(ids[0])] == before
    sources = window.panel.sources_view
    sources.setFocus()
    choose_source(window, 1)
    qtbot.keyClick(sources, Key.Key_Delete)
    assert [link.source.url for link in desk.sources.links(ids[0])] == before[:1]
    assert desk.reviews.review(ids[0]).tag is Tag.CLAIM
    qtbot.keyClick(window.sentence_view, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [link.source.url for link in desk.sources.links(ids[0])] == before


def test_after_delete_the_source_the_next_delete_takes_is_shown_chosen(
    qtbot: QtBot, window: MainWindow
) -> None:
    """After Delete nothing was shown chosen, yet a second Delete (a key pressed twice)
    removed the first source: the one it takes is now the one shown chosen, the next
    in the list (else the one before)."""
    ids = two_links(window)
    desk = window.desk
    urls = [link.source.url for link in desk.sources.links(ids[0])]
    sources = window.panel.sources_view
    sources.setFocus()
    choose_source(window, 0)
    qtbot.keyClick(sources, Key.Key_Delete)
    assert sources.currentIndex().isValid()
    assert sources.selectionModel().isSelected(sources.currentIndex())
    assert window.panel.sources_model.link_at(sources.currentIndex().row()).source.url == urls[1]
    assert window.panel.current_link().source.url == urls[1]


def open_search_at_1024x640(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1024, 640)
    QApplication.processEvents()
    qtbot.keyClick(window.sentence_view, Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert window.search_panel.isVisible()


def drag_handle(qtbot: QtBot, window: MainWindow, index: int, by: int) -> None:
    """Drag the centre splitter's handle `index` down by `by` pixels, as a mouse does."""
    handle = window.center_splitter.handle(index)
    middle = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(handle, middle + QPoint(0, by))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle + QPoint(0, by))


def test_at_1024x640_search_leaves_the_article_text_readable(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Ctrl+F at 1024×640 took 260 px for the search pane from the article text alone,
    which kept about three lines. The pane now takes a share of the height from both,
    and a height the reviewer drags it to is kept: when it opens again, and next start."""
    window = make_window(seeded_desk)
    open_search_at_1024x640(qtbot, window)
    centre = window.center_splitter.height()
    article, sentences, search = window.center_splitter.sizes()
    lines = window.article_view.fontMetrics().lineSpacing()
    assert article >= 0.35 * centre and article >= 12 * lines
    assert sentences >= 6 * lines and search >= 8 * lines  # results still show rows
    # The reviewer wants more results in sight (the pane opens near its smallest, its
    # room going to the sentence list's rows).
    drag_handle(qtbot, window, 2, -60)
    chosen = window.center_splitter.sizes()[2]
    assert chosen > search + 30
    qtbot.keyClick(window.search_panel.query_edit, Key.Key_Escape)
    window.search.close_search()
    window.search.open_search()
    QApplication.processEvents()
    assert window.center_splitter.sizes()[2] == chosen
    path = seeded_desk.path
    assert path is not None
    window.close()  # closes its workspace and keeps its layout
    again = make_window(Desk.open(path))
    open_search_at_1024x640(qtbot, again)
    assert again.center_splitter.sizes()[2] == chosen


def rows_in_sight(view: QTableView) -> int:
    """How many of the list's rows show whole in its viewport."""
    height = view.viewport().height()
    return sum(
        1
        for row in range(view.model().rowCount())
        if view.rowViewportPosition(row) >= 0
        and view.rowViewportPosition(row) + view.rowHeight(row) <= height
    )


# A window filling the screen, and 984×580: what a 1024×640 screen leaves it under a
# taskbar and its title bar (there the article text gives way down to six lines).
@pytest.mark.parametrize(
    ("size", "article_lines"), [((1024, 640), 10), ((1280, 800), 10), ((984, 580), 6)]
)
def test_search_leaves_the_sentence_list_several_rows_to_step_through(
    qtbot: QtBot,
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    size: tuple[int, int],
    article_lines: int,
) -> None:
    """Ctrl+F at 1024×640 left the sentence list a row and a half: the current sentence,
    grown to five lines to show whole, and the top of the next. J and K went on out of
    sight. The list keeps its current sentence whole and three rows more; the search its
    field, its scope and three results; the article text its lines."""
    window = make_window(seeded_desk)
    window.setMinimumSize(760, 580)  # a 1024×640 screen's (the offscreen one is 800×800)
    window.resize(*size)
    QApplication.processEvents()
    view = window.sentence_view
    header = view.verticalHeader()
    current = view.currentIndex().row()
    # The sample's first sentence, grown to show whole: five lines at 1024 px, three at 1280.
    qtbot.waitUntil(lambda: header.sectionSize(current) >= 2 * header.defaultSectionSize())
    qtbot.keyClick(view, Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.search_panel
    qtbot.keyClicks(panel.query_edit, "said")
    qtbot.waitUntil(lambda: panel.model.rowCount() >= 2)
    QApplication.processEvents()
    assert rows_in_sight(view) >= 4, window.center_splitter.sizes()
    shown = view.visualRect(view.currentIndex())
    assert shown.top() >= 0 and shown.bottom() <= view.viewport().height()
    results = panel.view
    assert results.viewport().height() >= 3 * results.verticalHeader().defaultSectionSize()
    assert panel.query_edit.isVisible() and panel.scope_box.isVisible()
    lines = window.article_view.fontMetrics().lineSpacing()
    assert window.article_view.viewport().height() >= article_lines * lines


def test_a_newcomer_s_search_at_1024x640_leaves_rows_under_the_welcome_note(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A first start shows the welcome note above the panes, 55 px of a 640 px screen:
    with it, Ctrl+F left the sentence list its current sentence alone, cut off at the
    bottom, the article text keeping its twelve lines. The article text gives more (it
    shows the current sentence highlighted), down to six lines, for the rows."""
    window = make_window(seeded_desk)
    window.show_welcome(sample=True)
    window.resize(1024, 640)
    QApplication.processEvents()
    view = window.sentence_view
    header = view.verticalHeader()
    current = view.currentIndex().row()
    qtbot.waitUntil(lambda: header.sectionSize(current) >= 2 * header.defaultSectionSize())
    qtbot.keyClick(view, Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert window.welcome.isVisible()
    assert rows_in_sight(view) >= 4, window.center_splitter.sizes()
    lines = window.article_view.fontMetrics().lineSpacing()
    assert window.article_view.viewport().height() >= 6 * lines


def test_the_sentence_rows_stay_as_the_window_shrinks_and_the_search_closes(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Made 1024×640 with the search open, the window shrank every pane in proportion:
    the sentence list was back to a row and a half. Closed, the search gives its room
    back as the article text and the sentences shared theirs, however often it opens."""
    window = make_window(seeded_desk)
    window.resize(1280, 800)
    QApplication.processEvents()
    view, splitter = window.sentence_view, window.center_splitter
    header = view.verticalHeader()
    before = splitter.sizes()[:2]
    for _ in range(3):
        window.search.open_search()
        QApplication.processEvents()
        window.search.close_search()
        QApplication.processEvents()
        assert splitter.sizes()[:2] == before
    window.search.open_search()
    window.resize(1024, 640)
    current = view.currentIndex().row()
    qtbot.waitUntil(lambda: header.sectionSize(current) >= 4 * header.defaultSectionSize())
    qtbot.waitUntil(lambda: rows_in_sight(view) >= 4)


def test_at_1024x640_the_worth_checking_reasons_show_whole(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The panel read "Worth checking: 93% — a number (332,000), a nam…": the suggestion
    above it took three of the hint's four lines, and the rest was in the tooltip only, which the
    keyboard never opens. The reasons keep two lines of their own."""
    window.resize(1024, 640)
    QApplication.processEvents()
    wait_for_suggestions(qtbot, window)
    model = window.sentence_model
    for row in range(model.rowCount()):
        sentence_id = model.sentence_row(row).sentence.id
        found = model.suggestion(sentence_id)
        assert found is not None
        window.select_sentence(sentence_id)
        QApplication.processEvents()
        worth = worth_checking_text(found)
        shown = " ".join(
            " ".join(w.shown_lines())
            for w in window.panel.findChildren(FixedLinesText)
            if w.isVisible()
        )
        assert " ".join(worth.split()) in " ".join(shown.split()), (row, shown)


def test_an_edit_key_in_a_read_only_window_says_why_it_did_nothing(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """C, D, F, X, the digits, Ctrl+L… did nothing at all in a window opened read-only
    beside another program: the banner said why, but a key pressed gave no sign. The
    status bar now says it, once for each press, in the banner's words."""
    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    window = make_window(Desk.open(path, read_only=True, read_only_because=IN_USE))
    said: list[str] = []
    window.statusBar().messageChanged.connect(lambda text: text and said.append(text))
    qtbot.keyClick(window.sentence_view, Key.Key_J)  # moving is no edit: nothing to say
    assert said == []
    for key, modifier in (
        (Key.Key_C, Qt.KeyboardModifier.NoModifier),
        (Key.Key_3, Qt.KeyboardModifier.NoModifier),
        (Key.Key_L, Qt.KeyboardModifier.ControlModifier),
    ):
        window.statusBar().clearMessage()
        qtbot.keyClick(window.sentence_view, key, modifier)
        assert len(said) == 1, said
        assert said[0].startswith("This window is read-only")
        assert "another program is changing this workspace" in said[0].lower()
        what_to_do = "To edit, close it there and open the workspace again."
        assert what_to_do in said[0] and what_to_do in window.workspace_strip.text()
        said.clear()
    assert window.desk.reviews.review(window.current_sentence_id() or 0).tag is None


def menus_within(menu: QMenu) -> list[QMenu]:
    """A menu and every submenu in it."""
    found = [menu]
    for action in menu.actions():
        if action.menu() is not None:
            found += menus_within(action.menu())
    return found


def test_every_menu_fits_a_1024x640_screen_with_its_keys_unchanged(window: MainWindow) -> None:
    """The Review menu was 626 px tall: on a 640 px screen its last item touched the
    screen's edge, and it covered the menu bar. Rarely chosen items went to a submenu;
    every action is still in a menu, with the keys it had."""
    menus = [m for a in window.menuBar().actions() for m in menus_within(a.menu())]
    for menu in menus:
        assert menu.sizeHint().height() <= 0.85 * 640, menu.title()
    in_menus = {
        ActionId[action.objectName().upper()]
        for menu in menus
        for action in menu.actions()
        if action.objectName() and action.objectName().upper() in ActionId.__members__
    }
    assert in_menus == set(SPECS)  # every action, Remove Source too
    for action_id, spec in SPECS.items():
        assert window.registry[action_id].shortcuts() == key_sequences(spec)


def checked_and_returned(desk: Desk, sentence_id: int, checker: str, editor: str) -> None:
    """`checker` tags the sentence and gives it a verdict; `editor` returns it."""
    desk.set_reviewer(checker)
    desk.reviews.set_tag(sentence_id, Tag.CLAIM)
    desk.reviews.set_verdict(sentence_id, "false")
    desk.set_reviewer(editor)
    desk.sign_offs.send_back(sentence_id, "Which source says 32?")


def test_a_checker_is_told_at_start_that_verdicts_came_back(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Verdicts an editor returned while the checker was away showed only as "Returned"
    in the status column, in whichever article: nothing said so on opening the desk."""
    desk = seeded_desk
    ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
    for sentence_id in ids[3:5]:
        checked_and_returned(desk, sentence_id, "Ana Ruiz", "Zoë Ngata")
    checked_and_returned(desk, ids[6], "Bob Lee", "Zoë Ngata")  # not Ana's
    desk.set_reviewer("Ana Ruiz")
    desk.reviews.set_tag(ids[7], Tag.FACT)
    desk.reviews.set_verdict(ids[7], "true")
    desk.set_reviewer("Zoë Ngata")
    desk.sign_offs.approve(ids[7])  # approved: nothing to act on
    desk.set_reviewer("  ana ruiz ")  # the same person, however the name was typed
    window = make_window(desk)
    qtbot.waitUntil(lambda: "returned" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage() == (
        "2 of your verdicts were returned by an editor: Show → Returned lists them."
    )


def test_verdicts_returned_in_another_article_are_said_with_its_title(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    desk = seeded_desk
    first = desk.reviews.sentence_rows(1)[2].sentence.id
    checked_and_returned(desk, first, "Ana Ruiz", "Zoë Ngata")
    other = desk.importer.import_text("Officials met on Monday. Talks resume next week.")
    assert desk.path is not None
    settings.remember_place(desk.path, other.article_id, None)  # the desk reopens there
    desk.set_reviewer("Ana Ruiz")
    window = make_window(desk)
    assert window.article_id == other.article_id
    qtbot.waitUntil(lambda: "returned" in window.statusBar().currentMessage())
    message = window.statusBar().currentMessage()
    assert message.startswith("1 of your verdicts was returned by an editor, in “Ankara")
    assert message.endswith("”: open it, and Show → Returned lists it.")
    window.statusBar().clearMessage()
    window.open_article(1)  # said once, at the start: not on each article opened
    QApplication.processEvents()
    assert "your verdicts" not in window.statusBar().currentMessage()


def test_typing_in_a_read_only_window_s_text_fields_says_why_nothing_is_typed(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """The claimant and explanation fields of a read-only window look as they do anywhere:
    a reviewer who clicked into one and typed an explanation saw nothing appear and no
    word why. The status bar says it, once for each key (not again while it repeats);
    Ctrl+C still copies, and arrows still move, without a word."""
    path = seeded_desk.path
    assert path is not None
    seeded_desk.close()
    window = make_window(Desk.open(path, read_only=True, read_only_because=IN_USE))
    said: list[str] = []
    window.statusBar().messageChanged.connect(lambda text: text and said.append(text))
    for field in (window.panel.explanation_edit, window.panel.claimant_edit):
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        for key, modifier in (
            (Key.Key_Left, Qt.KeyboardModifier.NoModifier),
            (Key.Key_C, Qt.KeyboardModifier.ControlModifier),
        ):
            qtbot.keyClick(field, key, modifier)
        assert said == []
        for key in (Key.Key_N, Key.Key_O):
            window.statusBar().clearMessage()
            qtbot.keyClick(field, key)
        assert len(said) == 2, said
        assert all(text.startswith("This window is read-only") for text in said)
        assert "To edit, close it there and open the workspace again." in said[0]
        said.clear()
    assert window.panel.explanation_edit.toPlainText() == ""
    assert window.panel.claimant_edit.text() == ""
