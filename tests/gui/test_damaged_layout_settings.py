"""A settings file whose layout would hide a pane is not restored as it is.

The window's pane sizes come back from Qt's settings file at every start. A size of 0
there (a handle dragged past a pane's edge, which shut the pane; a hand-edited, damaged
or older file) reopened the desk with the sentence list, the article text or the review
panel gone, and the keys still working on the list nobody could see; a damaged state
could even turn the panes from side by side to one above the other."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QApplication, QSplitter, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.gui import settings as app_settings
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk


def splitter_state(sizes: list[int], orientation: Qt.Orientation) -> QByteArray:
    """A splitter's saved state as Qt writes it, with these sizes (0: a pane shut)."""
    splitter = QSplitter(orientation)
    for _ in sizes:
        splitter.addWidget(QWidget())
    splitter.setSizes(sizes)
    return splitter.saveState()


def panes_shown(window: MainWindow) -> dict[str, int]:
    """The width or height each of the window's panes is given."""
    article_list, center, panel = window.main_splitter.sizes()
    article_text, sentences = window.center_splitter.sizes()[:2]
    return {
        "article list": article_list,
        "article and sentences": center,
        "review panel": panel,
        "article text": article_text,
        "sentence list": sentences,
    }


def open_sized(desk: Desk, make_window: Callable[[Desk], MainWindow]) -> MainWindow:
    """The window on `desk`, restoring the layout kept in the settings, at 960×560."""
    window = make_window(desk)
    window.resize(960, 560)
    QApplication.processEvents()
    return window


HORIZONTAL, VERTICAL = Qt.Orientation.Horizontal, Qt.Orientation.Vertical


@pytest.mark.parametrize(
    ("main", "center"),
    [
        pytest.param(([0, 0, 900], HORIZONTAL), None, id="sentences' pane shut"),
        pytest.param(([0, 600, 300], HORIZONTAL), None, id="article list shut"),
        pytest.param(([200, 700, 0], HORIZONTAL), None, id="review panel shut"),
        pytest.param(None, ([500, 0], VERTICAL), id="sentence list shut"),
        pytest.param(None, ([0, 500, 0], VERTICAL), id="article text shut"),
        pytest.param(([200, 400, 300], VERTICAL), None, id="panes one above the other"),
    ],
)
def test_a_layout_that_hides_a_pane_is_not_restored(
    seeded_desk: Desk,
    make_window: Callable[[Desk], MainWindow],
    main: tuple[list[int], Qt.Orientation] | None,
    center: tuple[list[int], Qt.Orientation] | None,
) -> None:
    if main is not None:
        app_settings.save(app_settings.MAIN_SPLITTER, splitter_state(*main))
        app_settings.save(app_settings.PANES_DRAGGED, True)
    if center is not None:
        app_settings.save(app_settings.CENTER_SPLITTER, splitter_state(*center))
    window = open_sized(seeded_desk, make_window)
    assert window.main_splitter.orientation() == HORIZONTAL
    assert window.center_splitter.orientation() == VERTICAL
    shown = panes_shown(window)
    assert all(size > 0 for size in shown.values()), shown
    assert window.sentence_view.visibleRegion().boundingRect().height() > 0
    # Laid out as on a first start, not each pane squeezed to its smallest: the
    # sentences' pane the widest, the article text and the sentence list with room.
    assert shown["article and sentences"] > max(shown["article list"], shown["review panel"])
    text_and_list = shown["article text"] + shown["sentence list"]
    assert min(shown["article text"], shown["sentence list"]) > text_and_list / 4, shown


def test_a_handle_dragged_past_a_pane_leaves_the_pane_for_the_next_start(
    qtbot: QtBot, seeded_desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A handle dragged all the way shut the pane it passed, and the next start opened
    without it. A pane now stops at its smallest size."""
    window = open_sized(seeded_desk, make_window)
    window.main_splitter.moveSplitter(window.main_splitter.width(), 1)  # list over the rest
    window.center_splitter.moveSplitter(window.center_splitter.height(), 1)  # text down
    QApplication.processEvents()
    assert all(size > 0 for size in panes_shown(window).values()), panes_shown(window)
    window.close()
    again = open_sized(Desk.open(seeded_desk.path), make_window)
    assert all(size > 0 for size in panes_shown(again).values()), panes_shown(again)


def test_a_settings_file_qt_cannot_read_is_written_anew_without_a_false_alarm(
    qapp: object, tmp_path: Path
) -> None:
    """A settings file of bytes Qt cannot read (damaged on disk, a sync tool's conflict,
    a hand edit): its first write went through, writing the file anew, yet the start
    said "Settings not saved (layout, where you stopped): cannot write …conf", and IT
    looked for a permission that was fine."""
    file = Path(app_settings.settings().fileName())
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(GARBAGE)
    failures = app_settings.write_failures()
    told: list[str] = []
    failures.failed.connect(told.append)
    try:
        app_settings.remember_workspace(tmp_path / "election.fcdesk")  # as each start does
    finally:
        failures.failed.disconnect(told.append)
    assert told == []
    assert app_settings.recent_workspaces() == [str((tmp_path / "election.fcdesk").resolve())]
    assert not failures.failing


# Bytes of a damaged file, as read from one: control characters, a lone "[", no "=".
GARBAGE = bytes(range(256)) * 4 + b"\n[\x00\xff\n" + bytes(range(255, -1, -1))


@pytest.mark.parametrize(
    "state", [None, QByteArray(b"not a splitter's state")], ids=["missing", "unreadable"]
)
def test_dragged_widths_that_cannot_be_restored_leave_the_panes_shared(
    seeded_desk: Desk, make_window: Callable[[Desk], MainWindow], state: QByteArray | None
) -> None:
    """A settings file saying the panes were dragged but holding no readable widths for
    them (hand-edited, damaged, written half): the share was turned off and nothing
    restored, so the panes kept the widths they were built with, and the next close
    saved "dragged" again, for good. They are shared as on a first start."""
    first = open_sized(seeded_desk, make_window)
    shared = first.main_splitter.sizes()
    first.close()
    stored = app_settings.settings()
    stored.setValue(app_settings.PANES_DRAGGED, True)
    stored.remove(app_settings.MAIN_SPLITTER)
    if state is not None:
        stored.setValue(app_settings.MAIN_SPLITTER, state)
    stored.sync()
    again = open_sized(Desk.open(seeded_desk.path), make_window)
    assert again.main_splitter.sizes() == shared
    again.close()
    assert not app_settings.panes_dragged()  # shared again at the next start too
