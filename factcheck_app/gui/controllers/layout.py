"""The window's layout, kept between sessions: geometry, toolbar and splitter positions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer
from PySide6.QtWidgets import QListView, QMainWindow, QScrollArea, QSplitter

from factcheck_app.gui import settings


class LayoutStore:
    """Restores the layout a window had when it was last closed, and saves it on closing."""

    def __init__(
        self,
        window: QMainWindow,
        splitters: dict[str, QSplitter],
        share: PaneShare | None = None,
        rows: ListRows | None = None,
    ) -> None:
        """`splitters` by their settings key (settings.MAIN_SPLITTER, …); `share` shares
        the main splitter until the reviewer drags it (its sizes are restored only then);
        `rows` gives the sentence list its rows until the reviewer drags its handle."""
        self._window = window
        self._splitters = splitters
        self._share = share
        self._rows = rows
        for splitter in splitters.values():
            # A handle dragged past a pane shut it (size 0), and the next start opened
            # without the sentence list; a pane now stops at its smallest size.
            splitter.setChildrenCollapsible(False)
        # Other sizes the reviewer chose, by their settings key, saved with the rest.
        self.chosen: dict[str, int] = {}

    def restore(self) -> None:
        geometry = settings.load_bytes(settings.GEOMETRY)
        if geometry is not None:
            self._window.restoreGeometry(geometry)
        state = settings.load_bytes(settings.WINDOW_STATE)
        if state is not None:
            self._window.restoreState(state)
        if self._rows is not None and settings.rows_dragged():
            self._rows.active = False  # the split restored below is the reviewer's
        for key, splitter in self._splitters.items():
            if key == settings.MAIN_SPLITTER and self._share is not None:
                # Widths the reviewer dragged to, not those the share gave last time (nor
                # an older version's: they left the article list 79 px at 16 pt).
                if not settings.panes_dragged():
                    continue
                self._share.dragged()
            sizes = settings.load_bytes(key)
            refused = sizes is not None and not restore_splitter(splitter, sizes)
            no_split = sizes is None or refused
            if no_split and key == settings.MAIN_SPLITTER and self._share is not None:
                # No widths of theirs to keep (missing, or unreadable and passed over):
                # shared by the font, as on a first start, not the built-in ones for good.
                self._share.active = True
            if no_split and key == settings.CENTER_SPLITTER and self._rows is not None:
                # No split of theirs to keep (missing, or unreadable and passed over): the
                # list's rows as on a first start, not the default share for good.
                self._rows.active = True

    def save(self) -> None:
        # One write of the settings file on closing, not one per value (~54 ms for four).
        settings.save_all(
            {
                settings.GEOMETRY: self._window.saveGeometry(),
                settings.WINDOW_STATE: self._window.saveState(),
                **{key: splitter.saveState() for key, splitter in self._splitters.items()},
                **self.chosen,
                **(
                    {settings.PANES_DRAGGED: not self._share.active}
                    if self._share is not None
                    else {}
                ),
                **(
                    {settings.ROWS_DRAGGED: not self._rows.active} if self._rows is not None else {}
                ),
            }
        )


def restore_splitter(splitter: QSplitter, state: QByteArray) -> bool:
    """Give `splitter` the sizes kept in `state`, unless they would hide a pane; True
    when restored.

    A settings file (hand-edited, damaged, or kept from a pane dragged shut) could hold
    a size of 0, and the desk opened without its sentence list, with the keys still
    working on it unseen; a damaged state even turned the panes from side by side to
    one above the other. Such a state is passed over: the splitter keeps the sizes it
    had, and keeps its panes from shutting (restoreState sets that from the file too)."""
    before = splitter.saveState()
    orientation = splitter.orientation()
    # Collapsible while the sizes are read, so that a 0 stays 0 and is seen (otherwise Qt
    # widens it to the pane's minimum: a sliver of a sentence list, a panel over the rest).
    splitter.setChildrenCollapsible(True)
    restored = splitter.restoreState(state)
    shown = [
        size
        for index, size in enumerate(splitter.sizes())
        if (pane := splitter.widget(index)) is not None and not pane.isHidden()
    ]
    if restored and splitter.orientation() == orientation and all(s > 0 for s in shown):
        splitter.setChildrenCollapsible(False)
        return True
    splitter.restoreState(before)
    splitter.setOrientation(orientation)  # a state that is no state at all may have left it
    splitter.setChildrenCollapsible(False)
    return False


# The article list: never narrower than this many characters of a title a line (at 16 pt
# and 1024×640 it was left 79 px, five letters a line), and at first no wider than the
# second figure; it starts with LIST_SHARE of the window's width between the two.
LIST_CHARS = (14, 45)
LIST_SHARE = 0.17
# The review panel starts as wide as it likes (its rows of buttons on one line), up to
# PANEL_SHARE of the width, and never narrower than its controls need (they wrap).
PANEL_SHARE = 0.37


class PaneShare(QObject):
    """Shares the main splitter's width among the article list, the sentences and the
    review panel by the font in use, until the reviewer drags a handle.

    Fixed sizes in pixels (and a review panel that needed 550 px at 16 pt) left the
    article list 79 px at 1024×640. Here the list is at least LIST_CHARS[0] characters
    wide, the panel as wide as its controls need, and the sentences' pane, the widest,
    takes the rest. It is applied on the first start and whenever the window's width or
    font changes; once the reviewer moves a handle, or their sizes were restored from
    the last session, the sizes are theirs (QSplitter still keeps each pane at its
    minimum, so nothing is cut off)."""

    def __init__(self, splitter: QSplitter, article_list: QListView, panel_room: int) -> None:
        """`panel_room`: the panel's width while its place holds a placeholder (a window
        painted before its workspace opens makes its panel after the first paint)."""
        super().__init__(splitter)
        self._splitter = splitter
        self._list = article_list
        self._panel_room = panel_room
        self.active = True
        self._fit_list()
        splitter.installEventFilter(self)
        splitter.splitterMoved.connect(self.dragged)

    def dragged(self) -> None:
        """The reviewer moved a handle (now or in the session restored): their sizes."""
        self.active = False

    def list_width(self, chars: int) -> int:
        """The article list's width for `chars` average characters a line of a title."""
        view = self._list
        room = view.width() - view.viewport().width() if view.isVisible() else 0
        chrome = max(room, 2 * view.frameWidth() + 18)  # its frame and scroll bar
        # its item spacing and text margins (WrappedRows)
        return int(chars * view.fontMetrics().averageCharWidth() + chrome + 16)

    def _fit_list(self) -> None:
        self._list.setMinimumWidth(self.list_width(LIST_CHARS[0]))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FontChange:
            self._fit_list()
            # Once the panes have measured the new font; with this object as the timer's
            # context, not at all once the splitter (and this) is gone.
            QTimer.singleShot(0, self, self.share)
        elif kind == QEvent.Type.Resize and self.active:
            self.share()
        return False

    def share(self) -> None:
        """The panes' first-start widths for the splitter's width (if not yet dragged)."""
        splitter = self._splitter
        if not self.active or splitter.count() != 3:
            return
        handles = sum(splitter.handle(i).width() for i in range(1, splitter.count()))
        handles = max(handles, 2 * splitter.handleWidth())
        width = splitter.width() - handles
        center, panel = splitter.widget(1), splitter.widget(2)
        if center is None or panel is None:
            return
        list_min = self._list.minimumWidth()
        panel_min = max(panel.minimumWidth(), panel.minimumSizeHint().width())
        center_min = max(center.minimumWidth(), center.minimumSizeHint().width())
        list_width = max(list_min, min(round(width * LIST_SHARE), self.list_width(LIST_CHARS[1])))
        wanted = self._panel_room  # the placeholder's
        inner = panel.widget() if isinstance(panel, QScrollArea) else None
        if isinstance(panel, QScrollArea) and inner is not None:
            # Its rows of buttons on one line (QScrollArea's own hint is the panel's hint
            # when first asked: before its font, and never measured again).
            bar = panel.verticalScrollBar().sizeHint().width()
            wanted = inner.sizeHint().width() + bar + 2 * panel.frameWidth()
        panel_width = max(panel_min, min(wanted, round(width * PANEL_SHARE)))
        # The sentences' pane is the widest: the panel gives way first, then the list.
        rest = width - list_width - panel_width
        if rest < panel_width:
            panel_width = max(panel_min, (width - list_width) // 2)
            rest = width - list_width - panel_width
        if rest < max(panel_width, center_min):
            list_width = max(list_min, width - panel_width - max(panel_width, center_min))
            rest = width - list_width - panel_width
        splitter.setSizes([list_width, rest, panel_width])


class ListRows(QObject):
    """Keeps the sentence list, under the article text, room for its current sentence
    grown whole and a few rows more, taken from the article text down to the height that
    still shows it a few lines; until the reviewer drags the handle between the two.

    The article text kept its first start's share of the height (58 %), and on a short
    screen (1024×640 less a taskbar and title bar, a laptop at 200 %, or 16 pt) the list,
    where the keys work, showed the current sentence and the top of the next. The search
    pane's own sharing (`SearchController`) takes over while it is open."""

    def __init__(
        self,
        splitter: QSplitter,
        list_wants: Callable[[], int],
        article_keeps: Callable[[], int],
    ) -> None:
        """`list_wants`: the sentences' pane's height for its rows; `article_keeps`: the
        least height the article text gives way to."""
        super().__init__(splitter)
        self._splitter = splitter
        self._list_wants = list_wants
        self._article_keeps = article_keeps
        self.active = True
        splitter.installEventFilter(self)
        splitter.splitterMoved.connect(self._moved)

    def _moved(self, _pos: int, index: int) -> None:
        if index == 1:  # the handle between the article text and the sentences
            self.active = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            # Once Qt has laid the panes out at their new size (or measured the font);
            # with this object as the context, not at all once the splitter is gone.
            QTimer.singleShot(0, self, self.fit)
        return False

    def fit(self) -> None:
        """Give the sentences' pane what it is short of, as far as the article text can."""
        splitter = self._splitter
        if not self.active or splitter.count() < 2:
            return
        for index in range(2, splitter.count()):
            pane = splitter.widget(index)
            if pane is not None and pane.isVisibleTo(splitter):
                return  # the search pane shares the height while it is open
        sizes = splitter.sizes()
        article, sentences = sizes[0], sizes[1]
        short = self._list_wants() - sentences
        given = max(0, min(short, article - self._article_keeps()))
        if given > 0:
            splitter.setSizes([article - given, sentences + given, *sizes[2:]])
