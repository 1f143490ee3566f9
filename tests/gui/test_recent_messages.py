"""Help → Recent Messages (Ctrl+Shift+J): what the status bar said this session, each line
whole. At 16 pt, or with a long title in the words, a line was cut at the window's edge:
whole only in the bar's tooltip and to a screen reader, so a keyboard user could not read
the rest, nor a line that went while she typed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QStatusTipEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStatusBar
from pytestqt.qtbot import QtBot

from factcheck_app.gui import notices
from factcheck_app.gui.actions import SPECS, ActionId, key_sequences
from factcheck_app.gui.dialogs.recent_messages import NOTHING_SAID, RecentMessagesDialog
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.notices import KEPT_LINES, TEXT_ROLE, Notices, StatusLog
from tests.gui.test_notices import HeldClock

LONG = (
    "Exported “Ganja shelling toll disputed: the ministry's figures against the "
    "hospitals' own count, district by district, with every correction since Monday” "
    "to /home/ana.ruiz/Documents/Fact-checks/2026/December/ganja-shelling-toll.pdf"
)


@pytest.fixture
def bar(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[QStatusBar, StatusLog]]:
    monkeypatch.setattr(notices, "make_clock", HeldClock)
    monkeypatch.setattr(notices, "now", lambda: dt.datetime(2026, 12, 6, 14, 2, 31))
    window = QMainWindow()
    qtbot.add_widget(window)
    window.show()
    yield window.statusBar(), StatusLog(window.statusBar(), window)


def said(log: StatusLog) -> list[str]:
    return [line.split("  ", 1)[1] for line in log.lines()]


def test_the_log_is_a_sound_model(qtmodeltester: object, bar: tuple[QStatusBar, StatusLog]) -> None:
    status, log = bar
    for text in ("Saved.", LONG, "Nothing to undo."):
        status.showMessage(text)
    qtmodeltester.check(log)  # type: ignore[attr-defined]
    assert log.lines()[0] == "14:02:31  Nothing to undo."


def test_every_line_said_is_kept_newest_first_and_whole(
    bar: tuple[QStatusBar, StatusLog],
) -> None:
    status, log = bar
    status.showMessage("Saved.", 3_000)
    status.clearMessage()  # its time ran out
    status.showMessage(LONG)
    status.showMessage("Nothing to undo.")
    assert said(log) == ["Nothing to undo.", LONG, "Saved."]
    # Whole as said (the list breaks a long path after its slashes; a copy has none).
    assert log.index(1).data(TEXT_ROLE) == "14:02:31  " + LONG
    assert "\u200b" in log.index(1).data() and "\u200b" not in log.index(1).data(TEXT_ROLE)
    assert log.index(1).data(Qt.ItemDataRole.AccessibleTextRole) == "14:02:31  " + LONG


def test_a_line_said_again_right_after_itself_is_counted(
    bar: tuple[QStatusBar, StatusLog],
) -> None:
    status, log = bar
    for _ in range(3):
        status.showMessage("“7” is not a review key.", 4_000)
        status.clearMessage()
    status.showMessage("Saved.")
    assert log.lines() == ["14:02:31  Saved.", "14:02:31  “7” is not a review key. (3 times)"]


def test_status_tips_under_the_pointer_are_not_messages(
    bar: tuple[QStatusBar, StatusLog],
) -> None:
    """A walk through a menu shows each item's tip: the list would be full of them."""
    status, log = bar
    status.showMessage("Saved.")
    window = status.window()
    for tip in ("Import the clipboard's text", "Stop the import that is running", ""):
        QApplication.sendEvent(window, QStatusTipEvent(tip))
    assert status.currentMessage() == ""  # the window did show them, then took them away
    status.showMessage("Nothing to undo.")
    assert said(log) == ["Nothing to undo.", "Saved."]


def test_a_readout_takes_the_place_of_the_one_before_it(
    bar: tuple[QStatusBar, StatusLog],
) -> None:
    status, log = bar
    status.showMessage("Saved.")
    for n in range(1, 4):
        with log.readout("place"):
            status.showMessage(f"Result {n} of 14, in “Ganja shelling toll disputed”")
    assert said(log) == ["Result 3 of 14, in “Ganja shelling toll disputed”", "Saved."]


def test_a_notice_back_after_a_line_over_it_is_said_once(
    bar: tuple[QStatusBar, StatusLog],
) -> None:
    status, log = bar
    owed = Notices(status, status.window(), log=log)
    owed.tell("3 verdicts by Ana Ruiz await sign-off.", 10_000)
    owed.tell("The search index is rebuilt.", 6_000)
    status.showMessage("Nothing to undo.", 3_000)  # a key answered over it
    status.clearMessage()  # its time over: the notice is back
    assert status.currentMessage() == "3 verdicts by Ana Ruiz await sign-off."
    clock = owed.clock
    assert isinstance(clock, HeldClock)
    clock.ticks(10_000)  # then the next notice
    assert status.currentMessage() == "The search index is rebuilt."
    assert said(log) == [
        "The search index is rebuilt.",
        "Nothing to undo.",
        "3 verdicts by Ana Ruiz await sign-off.",
    ]


def test_the_oldest_lines_go_so_memory_stays_flat(bar: tuple[QStatusBar, StatusLog]) -> None:
    status, log = bar
    for n in range(KEPT_LINES + 50):
        status.showMessage(f"Line {n}.")
    assert log.rowCount() == KEPT_LINES
    assert said(log)[0] == f"Line {KEPT_LINES + 49}."
    assert said(log)[-1] == "Line 50."


def test_lines_kept_unshown_keep_the_model_sound_and_its_size(
    qtmodeltester: object, bar: tuple[QStatusBar, StatusLog]
) -> None:
    """`keep` (a batch import's refusals, Check Workspace's report) inserts several rows at
    once: the list stays a sound model, in the order given, under what is said next, and
    no longer than KEPT_LINES however many are kept."""
    status, log = bar
    status.showMessage("Saved.")
    log.keep(["Refused: a.txt: The file is empty.", "Refused: b.pdf: The file is empty."])
    status.showMessage("Imported 1 article (3 sentences); 2 refused.")
    qtmodeltester.check(log)  # type: ignore[attr-defined]
    assert said(log) == [
        "Imported 1 article (3 sentences); 2 refused.",
        "Refused: a.txt: The file is empty.",
        "Refused: b.pdf: The file is empty.",
        "Saved.",
    ]
    log.keep([f"Refused: scan{n}.pdf: The file is empty." for n in range(KEPT_LINES + 5)])
    qtmodeltester.check(log)  # type: ignore[attr-defined]
    assert log.rowCount() == KEPT_LINES
    assert said(log)[0] == "Refused: scan0.pdf: The file is empty."


# A right-to-left title set apart (FSI … PDI) in a Check Workspace line.
SET_APART = (
    "Article 3 \u201c\u2068\u0642\u0635\u0641 \u063a\u0646\u062c\u0629\u2069\u201d: "
    "2 sentences have no review."
)


def test_a_kept_line_is_one_line_of_visible_text(bar: tuple[QStatusBar, StatusLog]) -> None:
    """A file named with a line break, a right-to-left override or a byte that is not
    UTF-8: its refusal was kept as it came, two lines in the list (and in a copy, read
    as two messages), the words after the override shown reversed, and the odd byte
    dropped unseen ("Bericht ber.txt"). Kept, each is one line, as a file manager
    shows the name."""
    _status, log = bar
    log.keep(
        [
            "Refused: notes\nfinal.txt: The file is empty.",
            "Refused: draft\u202etxt.exe: The file is empty.",
            "Refused: Bericht \udcfcber.txt: The file is empty.",
            SET_APART,
        ]
    )
    assert said(log) == [
        "Refused: notes final.txt: The file is empty.",
        "Refused: draft?txt.exe: The file is empty.",
        "Refused: Bericht \ufffdber.txt: The file is empty.",
        SET_APART,  # a right-to-left title keeps what sets it apart from the words after it
    ]


def test_the_key_is_free_and_listed(window: MainWindow) -> None:
    """Ctrl+Shift+J is no other action's key, nor a key of Qt's own (a field's)."""
    mine = key_sequences(SPECS[ActionId.RECENT_MESSAGES])
    assert [k.toString() for k in mine] == ["Ctrl+Shift+J"]
    others = {
        k.toString()
        for i, spec in SPECS.items()
        if i is not ActionId.RECENT_MESSAGES
        for k in key_sequences(spec)
    }
    standard = {
        k.toString() for key in QKeySequence.StandardKey for k in QKeySequence.keyBindings(key)
    }
    assert not {"Ctrl+Shift+J"} & (others | standard)
    help_menu = window.menuBar().actions()[-1].menu()
    assert window.registry[ActionId.RECENT_MESSAGES] in help_menu.actions()


def test_at_16pt_a_cut_line_is_read_whole_from_the_keyboard(
    qtbot: QtBot,
    large_font: object,
    make_window: Callable[..., MainWindow],
    seeded_desk: object,
) -> None:
    window = make_window(seeded_desk)
    window.resize(1024, 640)
    QApplication.processEvents()
    bar = window.statusBar()
    bar.showMessage(LONG, 6_000)
    assert bar.fontMetrics().horizontalAdvance(LONG) > bar.width()  # cut in the bar
    bar.showMessage("Nothing to undo.", 3_000)  # and gone under the next line
    window.sentence_view.setFocus()
    before = QApplication.focusWidget()
    QApplication.clipboard().setText("before")
    seen: list[tuple[list[str], bool]] = []
    focus_in_list: list[bool] = []

    def read_it() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RecentMessagesDialog)
        try:
            read(dialog)
        finally:
            dialog.reject()  # closed whatever was found (Esc's work when all went well)

    def read(dialog: RecentMessagesDialog) -> None:
        view = dialog.view
        focus_in_list.append(dialog.focusWidget() is view)
        rows = [view.model().index(r, 0) for r in range(view.model().rowCount())]
        lines = [str(index.data(TEXT_ROLE)) for index in rows]
        QApplication.processEvents()  # the dialog laid out, as before a key could come
        qtbot.keyClick(view, Qt.Key.Key_Down)  # to the long line
        long_row = view.visualRect(rows[1])
        whole = long_row.width() <= view.viewport().width() and long_row.height() > (
            2 * view.fontMetrics().height()
        )
        seen.append((lines, whole))
        qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(view, Qt.Key.Key_Escape)

    QTimer.singleShot(0, read_it)
    qtbot.keyClick(
        window.sentence_view,
        Qt.Key.Key_J,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(seen) == 1, "Ctrl+Shift+J opened no Recent Messages"
    lines, whole = seen[0]
    assert focus_in_list == [True]  # the keys in the list as it opens
    assert [line.split("  ", 1)[1] for line in lines[:2]] == ["Nothing to undo.", LONG]
    assert re.fullmatch(r"\d\d:\d\d:\d\d", lines[0].split("  ", 1)[0])
    assert whole, "the long line is not wrapped whole in the list"
    assert QApplication.clipboard().text() == lines[1]  # Ctrl+C: the line, whole
    assert QApplication.activeModalWidget() is None  # Esc closed it
    # The keys go back where they were as the window is active again.
    assert before is window.sentence_view and window.focusWidget() is before


def test_an_empty_list_says_so(qtbot: QtBot, bar: tuple[QStatusBar, StatusLog]) -> None:
    _status, log = bar
    dialog = RecentMessagesDialog(log)
    qtbot.add_widget(dialog)
    assert dialog.view.empty_text == NOTHING_SAID and log.rowCount() == 0


def test_at_16pt_a_refused_files_long_name_wraps_whole_in_the_list(
    qtbot: QtBot, large_font: object, bar: tuple[QStatusBar, StatusLog]
) -> None:
    """A refused file named with "_" for its spaces, as a newsroom's system exports them,
    is one run Qt cannot break: at 16 pt the list cut it to "…_Yerevan_offi…", its end
    ("REUTERS.docx") out of sight in the one place meant to show it whole. Copied, and to
    a screen reader, it is the name as it is, with nothing put in to wrap it."""
    from PySide6.QtCore import QTextBoundaryFinder

    _status, log = bar
    name = "20261206_Ganja_shelling_toll_disputed_by_Baku_and_Yerevan_officials_REUTERS.docx"
    log.keep([f"Refused: {name}: The file is empty."])
    dialog = RecentMessagesDialog(log)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.view
    index = log.index(0)
    shown = str(index.data(Qt.ItemDataRole.DisplayRole))
    metrics = view.fontMetrics()
    room = view.viewport().width() - 4 * view.spacing() - 8  # the row's margins
    assert metrics.horizontalAdvance(name) > room  # the case: longer than a line
    # Each piece Qt lays out whole (it breaks a line only between them) fits a line.
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, shown)
    start, pieces = 0, []
    while (end := finder.toNextBoundary()) != -1:
        pieces.append(shown[start:end].rstrip())
        start = end
    assert max(metrics.horizontalAdvance(piece) for piece in pieces) <= room, pieces
    line = f"14:02:31  Refused: {name}: The file is empty."
    assert index.data(TEXT_ROLE) == line  # what Ctrl+C copies
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == line
    assert shown.replace("\u200b", "") == line
