"""A status-bar line longer than its room ends in "…" and names the key that shows it
whole (Help → Recent Messages). Qt's status bar clipped it at the edge with no sign: at
1024×640 and 16 pt a reviewer read half a refusal as if it were all of it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStatusBar
from pytestqt.qtbot import QtBot

from factcheck_app.gui.actions import ActionId
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.gui.notices import CutLineBar

# What Merge with Next says while typed text waits to be saved (`typed_text_waiting`).
REFUSAL = (
    "Merge with Next not done: text you typed is NOT saved yet (see the review panel). "
    "Try again once it is saved."
)
HEBREW = "המיזוג לא בוצע: הטקסט שהקלדת עדיין לא נשמר (ראו את לוח הסקירה). נסו שוב אחרי שיישמר."


def drawn(bar: QStatusBar) -> str:
    """What the bar's paint draws as its line (painted now)."""
    bar.grab()
    assert isinstance(bar, CutLineBar)
    return bar.drawn_line()


def test_at_16pt_a_refusal_longer_than_the_bar_ends_in_an_ellipsis_and_the_key(
    large_font: object,
    make_window: Callable[..., MainWindow],
    seeded_desk: object,
) -> None:
    window = make_window(seeded_desk)
    window.resize(1024, 640)
    QApplication.processEvents()
    bar = window.statusBar()
    bar.showMessage(REFUSAL, 6_000)
    assert bar.fontMetrics().horizontalAdvance(REFUSAL) > window.message_room()  # cut
    key = window.registry[ActionId.RECENT_MESSAGES].shortcut()
    cue = f" (more: {key.toString(QKeySequence.SequenceFormat.NativeText)})"
    line = drawn(bar)
    assert line.endswith("…" + cue)
    assert REFUSAL.startswith(line.removesuffix("…" + cue))  # its start, as said
    assert len(line) > len(REFUSAL) // 3  # most of it still read there
    assert isinstance(bar, CutLineBar)
    assert bar.fontMetrics().horizontalAdvance(line) <= bar.message_rect().width()
    # Only the drawing is cut: the screen reader, the tooltip and the log read it whole.
    assert bar.currentMessage() == REFUSAL
    assert REFUSAL in bar.toolTip()
    assert window.message_log.lines()[0].endswith(REFUSAL)


def test_a_line_that_fits_is_drawn_whole_as_before(
    make_window: Callable[..., MainWindow], seeded_desk: object
) -> None:
    window = make_window(seeded_desk)
    window.resize(1024, 640)
    QApplication.processEvents()
    window.statusBar().showMessage("Nothing to undo.", 3_000)
    assert drawn(window.statusBar()) == "Nothing to undo."


_kept: list[QMainWindow] = []  # their windows, alive until the next test's


def _twin_bars(qtbot: QtBot, width: int) -> tuple[QStatusBar, QStatusBar]:
    """Qt's own status bar and ours, alike: in a window as wide, the same note beside."""
    bars = []
    _kept.clear()
    for bar in (QStatusBar(), CutLineBar(QAction(shortcut=QKeySequence("Ctrl+Shift+J")))):
        window = QMainWindow()
        qtbot.add_widget(window)
        _kept.append(window)
        window.setStatusBar(bar)
        bar.addPermanentWidget(QLabel("Reviewed 3 of 41 sentences"))
        window.resize(width, 300)
        window.show()
        qtbot.waitExposed(window)
        QApplication.processEvents()  # laid out
        bars.append(bar)
    return bars[0], bars[1]


def _outside(image: QImage, rect: QRect) -> list[int]:
    return [
        image.pixel(x, y)
        for y in range(image.height())
        for x in range(image.width())
        if not rect.contains(x, y)
    ]


def test_a_short_line_is_qt_own_drawing_and_a_cut_one_changes_only_the_line(
    qtbot: QtBot,
) -> None:
    qt_bar, bar = _twin_bars(qtbot, 640)
    for each in (qt_bar, bar):
        each.showMessage("Saved.")
    assert qt_bar.grab().toImage() == bar.grab().toImage()
    for each in (qt_bar, bar):
        each.showMessage(REFUSAL)
    theirs, ours = qt_bar.grab().toImage(), bar.grab().toImage()
    assert theirs != ours
    # The panel and the note beside the line are drawn as Qt draws them.
    assert isinstance(bar, CutLineBar)
    assert _outside(theirs, bar.message_rect()) == _outside(ours, bar.message_rect())
    assert bar.drawn_line().endswith("… (more: Ctrl+Shift+J)")


def test_in_a_narrow_room_the_cut_line_keeps_its_words_and_drops_the_key(
    qtbot: QtBot,
) -> None:
    _, bar = _twin_bars(qtbot, 360)  # the note leaves the line a third of this
    bar.showMessage(REFUSAL)
    line = drawn(bar)
    assert line.endswith("…") and "Ctrl" not in line
    assert REFUSAL.startswith(line.removesuffix("…"))


@pytest.mark.parametrize("text", [REFUSAL, HEBREW])
def test_right_to_left_the_line_is_cut_at_its_end(qtbot: QtBot, text: str) -> None:
    qt_bar, bar = _twin_bars(qtbot, 640)
    for each in (qt_bar, bar):
        each.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        QApplication.processEvents()  # laid out again, the note on the left
        each.showMessage(text)
    line = drawn(bar)
    assert line.endswith("… (more: Ctrl+Shift+J)")
    assert text.startswith(line.removesuffix("… (more: Ctrl+Shift+J)"))  # its start kept
    assert bar.currentMessage() == text
    assert isinstance(bar, CutLineBar)  # drawn in the line's place only, right of the note
    outside = bar.message_rect()
    assert _outside(qt_bar.grab().toImage(), outside) == _outside(bar.grab().toImage(), outside)


def test_the_cut_line_is_drawn_in_the_themes_colours(qtbot: QtBot) -> None:
    qt_bar, bar = _twin_bars(qtbot, 640)
    theme = QPalette(QColor("black"))  # a high-contrast theme: yellow on black
    theme.setColor(QPalette.ColorRole.WindowText, QColor("yellow"))
    theme.setColor(QPalette.ColorRole.Window, QColor("black"))
    for each in (qt_bar, bar):
        each.setPalette(theme)
        each.showMessage(REFUSAL)
    assert isinstance(bar, CutLineBar)
    room = bar.message_rect()
    image = bar.grab().toImage()
    inked = {image.pixel(x, y) for y in range(room.height()) for x in range(room.x(), room.right())}
    assert QColor("yellow").rgb() in inked and QColor("black").rgb() in inked
    assert _outside(qt_bar.grab().toImage(), room) == _outside(image, room)


def test_a_note_beside_the_line_that_changes_leaves_no_piece_of_the_line_before(
    qtbot: QtBot,
) -> None:
    _, bar = _twin_bars(qtbot, 640)
    bar.showMessage(REFUSAL)
    QApplication.processEvents()
    window = bar.window()
    note = bar.findChild(QLabel)
    for count in ("Reviewed 30 of 41 sentences, 2 in conflict", "Reviewed 3 of 41"):
        note.setText(count)  # the line's room shrinks, then grows
        QApplication.processEvents()
        shown = window.screen().grabWindow(window.winId()).toImage()
        at = bar.mapTo(window, bar.rect().topLeft())
        on_screen = shown.copy(at.x(), at.y(), bar.width(), bar.height())
        painted_now = bar.grab().toImage().convertToFormat(on_screen.format())
        assert on_screen == painted_now


# Qt draws a status line on one line: each tab, carriage return and line break a space.
WORDS = "Saved\tto\tthe\tshared\tdrive\tas\tBudget\tstory\tfinal\tversion\ttwo\tthree\tfour"


def test_a_line_with_tabs_that_fits_as_qt_draws_it_is_not_cut(qtbot: QtBot) -> None:
    qt_bar, bar = _twin_bars(qtbot, 640)
    assert isinstance(bar, CutLineBar)
    room, metrics = bar.message_rect().width(), bar.fontMetrics()
    words = WORDS.split("\t")
    while metrics.horizontalAdvance(" ".join(words)) > room:
        words.pop()
    line = "\t".join(words)  # wider than the room only if its tabs were tab stops
    assert metrics.horizontalAdvance(line) > room
    for each in (qt_bar, bar):
        each.showMessage(line)
    assert bar.grab().toImage() == qt_bar.grab().toImage()  # whole, as Qt drew it
    assert not bar.drawn_line().endswith("… (more: Ctrl+Shift+J)")


def test_a_cut_line_with_tabs_or_line_breaks_fills_its_room(qtbot: QtBot) -> None:
    _, bar = _twin_bars(qtbot, 640)
    assert isinstance(bar, CutLineBar)
    room, metrics = bar.message_rect().width(), bar.fontMetrics()
    for gap in ("\t", "\n", "\r\n"):
        bar.showMessage(gap.join(WORDS.split("\t") * 3))
        line = drawn(bar)
        assert line.endswith("… (more: Ctrl+Shift+J)")
        # As drawn (each a space): cut where the room ends, the key right after the "…",
        # not a tab stop's width short of it for every tab in the line.
        as_drawn = line.replace("\t", " ").replace("\r", " ").replace("\n", " ")
        assert room - metrics.horizontalAdvance(as_drawn) < 2 * metrics.horizontalAdvance("W")
