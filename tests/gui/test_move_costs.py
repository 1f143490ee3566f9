"""What a move to another sentence must not set off: each of these made every J/K press
re-lay out or repaint parts of the window that had not changed (issue 15's key budgets)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from factcheck_app.gui.main_window import MainWindow
from factcheck_app.services.desk import Desk
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
    counter = _Counter(panel=window.panel, sources=window.panel.sources_view.viewport())
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
