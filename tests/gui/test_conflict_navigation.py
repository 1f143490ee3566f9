"""An editor's day after a merge: from conflict to conflict across the articles (F8 /
Shift+F8), into the reviewers' versions (Ctrl+Shift+D) and back (Esc), deciding each
with the keys alone; the article list says where conflicts wait; a version's explanation
reads whole at 1024×640."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import Status
from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.models import SentenceFilter
from factcheck_app.services.desk import Desk
from tests.services.merge_fixtures import (
    article_titled,
    make_three_articles,
    open_as,
    three_conflicts,
)

# Real explanations are paragraphs: each reviewer's of the bridge's first sentence.
ALICE_WHY = (
    "The city's published accounts for the bridge put its cost at 3.1 million euros, "
    "including the access roads and the lighting that the mayor left out; the contract "
    "itself, signed in 2023 with the builder, is for 2.96 million. Rounded, the mayor's "
    "figure is the contract's, and the council's budget office confirmed it by telephone."
)
BOB_WHY = (
    "The bridge cost 4.2 million euros once the overruns approved in June are counted: the "
    "council minutes of 14 June record two extra payments to the builder (0.8 and 0.4 "
    "million). The 3 million the mayor quoted is the first estimate, from before the works."
)
# Each merge that brings something ends with a box saying what it did: answered.
pytestmark = pytest.mark.usefixtures("merge_boxes")

NO_CONFLICTS = "No conflicts left to decide."


@pytest.fixture
def bob(tmp_path: Path) -> Path:
    path = tmp_path / "bob.fcdesk"
    make_three_articles(path, "Bob", 1, {("bridge", 0): BOB_WHY})
    return path


@pytest.fixture
def editor(
    tmp_path: Path, make_window: Callable[[Desk], MainWindow], bob: Path
) -> Iterator[MainWindow]:
    """Carol, the editor, in Alice's workspace (Bob's not merged yet), at 1024×640."""
    path = tmp_path / "alice.fcdesk"
    make_three_articles(path, "Alice", 0, {("bridge", 0): ALICE_WHY})
    desk = open_as(path, "Carol")
    window = make_window(desk)
    window.resize(1024, 640)
    yield window
    desk.close()


def _merge_by_keys(
    qtbot: QtBot, window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Alt+F, G (Merge Workspace…), the file dialog answered with `path`."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), ""))
    )
    with qtbot.waitSignal(window.merging.finished, timeout=20_000):
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        qtbot.keyClick(menu, Qt.Key.Key_G)
    qtbot.waitUntil(window.sentence_view.hasFocus)


def _key(
    qtbot: QtBot,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key pressed wherever the focus is."""
    focused = QApplication.focusWidget()
    assert isinstance(focused, QWidget)
    qtbot.keyClick(focused, key, modifier)


def _next_conflict(qtbot: QtBot) -> None:
    _key(qtbot, Qt.Key.Key_F8)


def _previous_conflict(qtbot: QtBot) -> None:
    _key(qtbot, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)


def _to_versions(qtbot: QtBot) -> None:
    _key(
        qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )


def _place(window: MainWindow) -> tuple[int | None, int | None]:
    return window.article_id, window.current_sentence_id()


def _article_line(window: MainWindow, article_id: int) -> str:
    model = window.article_model
    return str(model.data(model.index(model.row_of(article_id), 0)))


def test_an_editor_decides_every_conflict_with_the_keys_alone(
    editor: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Merge → next conflict → the versions → choose one → keep it → next conflict, and
    so through three conflicts in two articles: no mouse."""
    window = editor
    status = window.statusBar()
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    order = three_conflicts(window.desk)
    view = window.panel.conflict_view

    # The window is where the editor was: the bridge article, past its conflict.
    assert window.article_id == order[0][0]
    assert window.sentence_model.row_of(window.current_sentence_id() or 0) > 0

    # The merge's message says where the conflicts are reached.
    assert "3 in conflict. F8 goes to the first." in status.currentMessage()

    _next_conflict(qtbot)  # on to the next article with one
    assert _place(window) == order[1]
    assert window.sentence_view.hasFocus()
    assert status.currentMessage() == (
        "3 conflicts left to decide. Ctrl+Shift+D chooses among the versions."
    )
    _to_versions(qtbot)
    assert view.table.hasFocus()
    bob_row = next(r for r, v in enumerate(view.model.versions()) if v.reviewer == "Bob")
    for _ in range(bob_row):
        _key(qtbot, Qt.Key.Key_Down)
    assert view.table.currentIndex().row() == bob_row
    _key(qtbot, Qt.Key.Key_Return)  # keeps the version chosen
    decided = window.desk.reviews.review(order[1][1])
    assert (decided.reviewer, decided.status) == ("Bob", Status.DONE)
    assert decided.verdict == "false"
    assert window.sentence_view.hasFocus()  # the versions went away with the conflict

    _next_conflict(qtbot)
    assert _place(window) == order[2]
    assert "2 conflicts left to decide" in status.currentMessage()
    _to_versions(qtbot)
    assert view.table.hasFocus()
    _key(qtbot, Qt.Key.Key_Escape)  # not now: back to the sentences, nothing decided
    assert window.sentence_view.hasFocus()
    assert window.desk.reviews.review(order[2][1]).status is Status.CONFLICT

    _next_conflict(qtbot)  # round the end of the list, to the bridge's
    assert _place(window) == order[0]
    _to_versions(qtbot)
    _key(qtbot, Qt.Key.Key_Return)  # the first version
    assert window.desk.reviews.review(order[0][1]).status is Status.DONE
    _next_conflict(qtbot)  # the one left
    assert _place(window) == order[2]
    _to_versions(qtbot)
    _key(qtbot, Qt.Key.Key_Return)
    assert window.desk.reviews.review(order[2][1]).status is Status.DONE

    _next_conflict(qtbot)
    assert status.currentMessage() == NO_CONFLICTS
    assert _place(window) == order[2]  # nowhere else to go: the editor stays
    _previous_conflict(qtbot)
    assert status.currentMessage() == NO_CONFLICTS


def test_next_and_previous_conflict_wrap_round_the_article_list_and_say_so(
    editor: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = editor
    status = window.statusBar()
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    order = three_conflicts(window.desk)
    window.open_article(article_titled(window.desk, "port"))  # between the two articles
    _previous_conflict(qtbot)
    assert _place(window) == order[0]
    _previous_conflict(qtbot)  # before the first: round to the last
    assert _place(window) == order[2]
    assert "Past the first conflict: back to the last." in status.currentMessage()
    _next_conflict(qtbot)  # after the last: round to the first
    assert _place(window) == order[0]
    assert "Past the last conflict: back to the first." in status.currentMessage()
    assert "3 conflicts left to decide" in status.currentMessage()
    # Decided all but one: F8 there says it is the only one.
    for _article, sentence in order[1:]:
        window.desk.reviews.decide(sentence, window.desk.merge.versions(sentence)[0])
    _next_conflict(qtbot)
    assert _place(window) == order[0]
    _next_conflict(qtbot)
    assert _place(window) == order[0]
    assert status.currentMessage() == "This is the only conflict left to decide."


def test_the_show_box_keeps_to_conflicts_from_article_to_article(
    editor: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Show on Conflicts: F8 into the next article lists its conflicts, the box kept."""
    window = editor
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    order = three_conflicts(window.desk)
    box = window.filter_box
    box.setCurrentIndex(box.findData(SentenceFilter.CONFLICTS))
    box.activated.emit(box.currentIndex())
    assert _place(window) == order[0] and window.sentence_filter.rowCount() == 1
    _next_conflict(qtbot)
    assert _place(window) == order[1]
    assert box.currentData() == SentenceFilter.CONFLICTS
    assert window.sentence_filter.rowCount() == 2


def test_the_article_list_says_how_many_conflicts_each_article_holds(
    editor: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = editor
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    desk = window.desk
    bridge, port, school = (article_titled(desk, w) for w in ("bridge", "port", "school"))
    assert _article_line(window, bridge).endswith("· 1 conflict")
    assert _article_line(window, school).endswith("· 2 conflicts")
    assert "conflict" not in _article_line(window, port)
    window.open_article(school)
    _next_conflict(qtbot)
    _to_versions(qtbot)
    _key(qtbot, Qt.Key.Key_Return)
    window.show_listed_progress()  # as it does once the keys pause
    assert _article_line(window, school).endswith("· 1 conflict")
    window.sentence_view.setFocus()
    qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.show_listed_progress()
    assert _article_line(window, school).endswith("· 2 conflicts")


def test_the_conflict_keys_are_in_the_go_to_menu(editor: MainWindow) -> None:
    review = next(
        a.menu() for a in editor.menuBar().actions() if a.text() == "&Review" and a.menu()
    )
    go_to = next(a.menu() for a in review.actions() if a.menu() and "To" in a.text())
    assert isinstance(go_to, QMenu)
    shown = go_to.actions()
    for action_id in (
        ActionId.NEXT_CONFLICT,
        ActionId.PREVIOUS_CONFLICT,
        ActionId.FOCUS_VERSIONS,
    ):
        assert editor.registry[action_id] in shown


def test_the_versions_key_says_so_where_there_is_no_conflict(
    editor: MainWindow, qtbot: QtBot
) -> None:
    window = editor
    window.sentence_view.setFocus()
    _to_versions(qtbot)
    assert window.sentence_view.hasFocus()
    assert "no conflict" in window.statusBar().currentMessage()


def test_a_versions_explanation_reads_whole_at_1024_by_640(
    editor: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table cut a paragraph of explanation to its first words ("The labour force
    s"), the claimant and the time behind a sideways scroll: the chosen version shows
    whole below the table, and every cell cut short has its tooltip."""
    window = editor
    window.showMaximized()
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    _next_conflict(qtbot)
    _to_versions(qtbot)
    view = window.panel.conflict_view
    QApplication.processEvents()
    table, details = view.table, view.details
    assert details.isVisible()
    for row in range(view.model.rowCount()):
        table.setCurrentIndex(view.model.index(row, 0))
        version = view.model.version_at(row)
        text = details.toPlainText()
        assert version.explanation in text and version.reviewer in text
        assert version.claimant in text
    # Nothing of the table lies out of sight sideways: its columns fit the panel.
    assert not table.horizontalScrollBar().isVisible()
    header = table.horizontalHeader()
    shown = [c for c in range(view.model.columnCount()) if not header.isSectionHidden(c)]
    assert header.sectionViewportPosition(shown[-1]) + header.sectionSize(shown[-1]) <= (
        table.viewport().width()
    )
    metrics = table.fontMetrics()
    for row in range(view.model.rowCount()):
        for column in shown:
            index = view.model.index(row, column)
            if metrics.horizontalAdvance(str(index.data())) + 12 > header.sectionSize(column):
                assert index.data(Qt.ItemDataRole.ToolTipRole), (row, column)
    # One under the other: the details were drawn over the line below them, the view
    # given the least Qt measured with its wrapped labels at their widest.
    stack = [view.findChild(QLabel, "conflictTitle"), table, details, view.combine_label]
    for above, below in pairwise(stack):
        assert above is not None and below is not None
        assert above.geometry().bottom() < below.geometry().top(), (above, below)
    # The details wrap within the panel: no sideways scroll there either.
    assert not details.horizontalScrollBar().isVisible()
    assert details.height() >= 4 * details.fontMetrics().lineSpacing()


def test_a_read_only_window_goes_through_the_conflicts_and_reads_every_version(
    tmp_path: Path, bob: Path, make_window: Callable[[Desk], MainWindow], qtbot: QtBot
) -> None:
    """A workspace open read-only (another desk writes it): the editor can still go from
    conflict to conflict and read each version whole; deciding says why it cannot. The
    versions list was off with the rest, so Ctrl+Shift+D reached nothing."""
    path = tmp_path / "alice.fcdesk"
    make_three_articles(path, "Alice", 0, {("bridge", 0): ALICE_WHY})
    merging = open_as(path, "Carol")
    merging.merge.merge(bob)
    order = three_conflicts(merging)
    merging.close()
    desk = Desk.open(path, read_only=True)
    try:
        window = make_window(desk)
        _next_conflict(qtbot)
        assert _place(window) == order[1]
        _previous_conflict(qtbot)
        assert _place(window) == order[0]
        view = window.panel.conflict_view
        _to_versions(qtbot)
        assert view.table.hasFocus()
        # The versions come oldest first: Bob's may be first or second by the clock.
        bob_row = next(r for r, v in enumerate(view.model.versions()) if v.reviewer == "Bob")
        _key(qtbot, Qt.Key.Key_Down)
        if bob_row == 0:
            assert ALICE_WHY in view.details.toPlainText()
            _key(qtbot, Qt.Key.Key_Up)
        assert BOB_WHY in view.details.toPlainText()
        assert not view.keep_button.isEnabled() and not view.combine_button.isEnabled()
        _key(qtbot, Qt.Key.Key_Return)
        assert "read-only" in window.statusBar().currentMessage()
        assert desk.reviews.review(order[0][1]).status is Status.CONFLICT
    finally:
        desk.close()


def _rows_as_measured(window: MainWindow) -> None:
    """Each article is drawn in the room the list measured for it: the next one starts
    right below it (a row drawn shorter than measured cut its last line to "…" above a
    blank gap)."""
    view = window.article_list
    model = view.model()
    rects = [view.visualRect(model.index(row, 0)) for row in range(model.rowCount())]
    for row, (this, below) in enumerate(pairwise(rects)):
        assert below.top() - this.bottom() - 1 == 2 * view.spacing(), (row, rects)


def test_every_articles_lines_fit_its_row_in_the_list(
    editor: MainWindow, bob: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list measured each article at one width and drew it at another: at some
    widths of the list a line was cut ("0/3 reviewed · 1 …") above a blank gap (found
    at 1024×640 on the merged workspace's first article)."""
    window = editor
    _merge_by_keys(qtbot, window, bob, monkeypatch)
    splitter = window.main_splitter
    for width in range(130, 230, 2):  # wherever the splitter leaves it
        sizes = splitter.sizes()
        splitter.setSizes([width, sizes[1] + sizes[0] - width, sizes[2]])
        QApplication.processEvents()
        _rows_as_measured(window)
    # An article whose entry gets more or fewer lines (its last conflict decided, or back
    # with Ctrl+Z) is measured again, as it is drawn.
    school = article_titled(window.desk, "school")
    bridge = three_conflicts(window.desk)[0]
    for width in range(130, 230, 14):
        sizes = splitter.sizes()
        splitter.setSizes([width, sizes[1] + sizes[0] - width, sizes[2]])
        window.open_article(*bridge)
        _to_versions(qtbot)
        _key(qtbot, Qt.Key.Key_Return)
        window.show_listed_progress()
        QApplication.processEvents()
        _rows_as_measured(window)
        window.sentence_view.setFocus()
        qtbot.keyClick(window.sentence_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        window.show_listed_progress()
        QApplication.processEvents()
        _rows_as_measured(window)
    assert "conflict" in _article_line(window, school)
