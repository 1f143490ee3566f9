"""The window's layout, kept between sessions: geometry, toolbar and splitter positions."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QSplitter

from factcheck_app.gui import settings


class LayoutStore:
    """Restores the layout a window had when it was last closed, and saves it on closing."""

    def __init__(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
        """`splitters` by their settings key (settings.MAIN_SPLITTER, …)."""
        self._window = window
        self._splitters = splitters
        # Other sizes the reviewer chose, by their settings key, saved with the rest.
        self.chosen: dict[str, int] = {}

    def restore(self) -> None:
        geometry = settings.load_bytes(settings.GEOMETRY)
        if geometry is not None:
            self._window.restoreGeometry(geometry)
        state = settings.load_bytes(settings.WINDOW_STATE)
        if state is not None:
            self._window.restoreState(state)
        for key, splitter in self._splitters.items():
            sizes = settings.load_bytes(key)
            if sizes is not None:
                splitter.restoreState(sizes)

    def save(self) -> None:
        # One write of the settings file on closing, not one per value (~54 ms for four).
        settings.save_all(
            {
                settings.GEOMETRY: self._window.saveGeometry(),
                settings.WINDOW_STATE: self._window.saveState(),
                **{key: splitter.saveState() for key, splitter in self._splitters.items()},
                **self.chosen,
            }
        )
