"""What a move to another sentence must not set off: each of these made every J/K press
re-lay out or repaint parts of the window that had not changed (issue 15's key budgets)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.domain.models import DEFAULT_SCALE, Tag
from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk, NewSource
from tests.gui.conftest import press

ARTICLE = "\n\n".join(
    f"Officials in district {n} said on Monday that spending rose by {n} percent, and the "
    f"council's auditor, who reviewed the accounts for {n} months, disputed the figure."
    for n in range(1, 30)
)


class _Counter(QObject):
    """Counts the layout requests and paint events that reach the widgets watched."""

    def __init__(self, **watched: QWidget) -> None:
        super().__init__()
        self.watched = watched
        self.layouts: Counter[str] = Counter()
        self.paints: Counter[str] = Counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        for name, widget in self.watched.items():
            if watched is widget:
                if event.type() == QEvent.Type.LayoutRequest:
                    self.layouts[name] += 1
                elif event.type() == QEvent.Type.Paint:
                    self.paints[name] += 1
        return False


def _moving_down(qtbot: QtBot, window: MainWindow, presses: int) -> _Counter:
    counter = _Counter(
        panel=window.panel,
        sources=window.panel.sources_view.viewport(),
        titles=window.sentence_view.horizontalHeader().viewport(),
    )
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    try:
        for _ in range(presses):
            press(qtbot, window, Qt.Key.Key_Down)
            QApplication.processEvents()
    finally:
        app.removeEventFilter(counter)
    return counter


def test_moving_through_sentences_does_not_re_lay_out_the_review_panel(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    article = desk.importer.import_text(ARTICLE)
    window = make_window(desk)
    window.resize(1024, 640)
    window.open_article(article.article_id)
    QApplication.processEvents()
    counter = _moving_down(qtbot, window, 10)
    assert window.sentence_view.currentIndex().row() == 10
    # The heading shows each new sentence, but its size never depends on it.
    assert window.panel.heading.text().startswith("Officials in district 11 said")
    assert counter.layouts["panel"] == 0
    # The sources list is empty before and after: nothing to repaint.
    assert counter.paints["sources"] == 0
    # Nor do the column titles change.
    assert counter.paints["titles"] == 0


def test_moving_between_reviewed_sentences_does_not_re_lay_out_the_review_panel(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """Claims, denials and facts, with and without explanations, verdicts and sources:
    the panel keeps its shape (before, each denial showed and hid its row, and everything
    under it moved, on every other key press)."""
    article = desk.importer.import_text(ARTICLE)
    rows = desk.reviews.sentence_rows(article.article_id)
    tags = (Tag.CLAIM, Tag.DENIAL, Tag.FACT, None)
    for number, row in enumerate(rows[:12]):
        sentence_id = row.sentence.id
        desk.reviews.set_tag(sentence_id, tags[number % 4])
        if number % 3 == 0:
            desk.reviews.set_verdict(sentence_id, DEFAULT_SCALE[number % 4].key)
            desk.reviews.set_text_field(sentence_id, "explanation", "Checked. " * number)
        if number % 5 == 0:
            desk.sources.link_source(
                sentence_id, NewSource(url=f"https://example.org/{number}", title="Report")
            )
    window = make_window(desk)
    window.resize(1024, 640)
    window.open_article(article.article_id)
    window.select_sentence(rows[0].sentence.id)
    QApplication.processEvents()
    counter = _moving_down(qtbot, window, 10)
    assert window.sentence_view.currentIndex().row() == 10
    assert counter.layouts["panel"] == 0


def test_earlier_verdicts_found_in_a_pause_do_not_re_lay_out_the_review_panel(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A pause on a sentence looks up its earlier verdicts, and the box's title counts
    them. A new count ("(3)", then "(4)") changed the title's width, and the whole panel
    was laid out again for it: on a busy machine, pauses come between moves too."""
    article = desk.importer.import_text(ARTICLE)
    rows = desk.reviews.sentence_rows(article.article_id)
    for number, row in enumerate(rows[:12]):
        if number % 3 == 0:
            desk.reviews.set_tag(row.sentence.id, Tag.CLAIM)
            desk.reviews.set_verdict(row.sentence.id, DEFAULT_SCALE[number % 4].key)
    window = make_window(desk)
    window.resize(1024, 640)
    window.open_article(article.article_id)
    window.select_sentence(rows[1].sentence.id)
    qtbot.waitUntil(lambda: not window.search.earlier_timer.isActive())
    QApplication.processEvents()
    counter = _Counter(panel=window.panel)
    app = QApplication.instance()
    assert app is not None
    titles = set()
    app.installEventFilter(counter)
    try:
        for _ in range(6):
            press(qtbot, window, Qt.Key.Key_Down)
            qtbot.waitUntil(lambda: not window.search.earlier_timer.isActive())  # the pause
            QApplication.processEvents()
            titles.add(window.panel.earlier.title.text())
    finally:
        app.removeEventFilter(counter)
    assert len(titles) > 1  # the count changed
    assert counter.layouts["panel"] == 0


PAINT_THREADS_PROBE = """
import pathlib, sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QScrollBar
from factcheck_app.gui.app import make_application

app = make_application()
window = QMainWindow()
window.resize(400, 700)
bar = QScrollBar(Qt.Orientation.Vertical)  # tall and narrow, like the panes' scroll bars
window.setCentralWidget(bar)
window.show()
for _ in range(3):
    bar.setValue(bar.value() + 1)
    window.repaint()
    app.processEvents()
tasks = pathlib.Path("/proc/self/task").glob("*/comm")
print(sum(path.read_text().strip() == "Thread (pooled)" for path in tasks))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_painting_hands_no_work_to_other_threads(tmp_path: Path) -> None:
    """Qt splits a fill taller than ~100 lines over a thread pool and waits for it. For
    the thin strips a key press repaints (scroll bars, the panel's edges) the hand-over
    cost more than the fill, most of all on a busy machine: the window turns it off."""
    done = subprocess.run(
        [sys.executable, "-c", PAINT_THREADS_PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"


def test_the_article_list_shows_new_progress_once_the_keys_pause(
    qtbot: QtBot, desk: Desk, make_window: Callable[[Desk], MainWindow]
) -> None:
    """A sentence done changes its article's "x/y reviewed" in the article list. The list
    re-lays out all its items for it, which cost the next J press ~1 ms: it waits for a
    pause; the status bar's counter does not."""
    article = desk.importer.import_text(ARTICLE)
    other = desk.importer.import_text("A second article. It has two sentences.")
    window = make_window(desk)
    window.open_article(article.article_id)
    window.select_sentence(desk.reviews.sentence_rows(article.article_id)[0].sentence.id)
    QApplication.processEvents()
    counter = _Counter(articles=window.article_list.viewport())
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    try:
        for key in ("c", "1", Qt.Key.Key_Down, "f", "2", Qt.Key.Key_Down):
            press(qtbot, window, key)
            QApplication.processEvents()
    finally:
        app.removeEventFilter(counter)
    assert window.progress_label.text().startswith("Reviewed 2 of 29")
    assert counter.paints["articles"] == 0

    def listed() -> str:
        return str(window.article_model.data(window.article_model.index(0, 0)))

    qtbot.waitUntil(lambda: "2/29 reviewed" in listed(), timeout=2000)
    # Opening another article at once still leaves this one's count right.
    press(qtbot, window, "c", "3")
    window.open_article(other.article_id)
    assert "3/29 reviewed" in listed()
