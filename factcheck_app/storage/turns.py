"""Fair turns at writing between the connections one process holds on one workspace.

The window saves through one connection while a background import writes through
another. SQLite lets one of them write at a time and makes the other poll: its busy
handler sleeps 1, 2, 5 … up to 100 ms between tries. An import that writes slice after
slice leaves the lock free for a fraction of a millisecond between two slices, so a save
could sleep through gap after gap and wait seconds. Inside one process we can do better:
a save announces itself here, and a background writer waits between two of its
transactions until no save is waiting. A save then waits for at most one slice.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator


class WriteTurns:
    """Who writes next, among one process's connections to one workspace file."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._writers = 0  # more than one only when a wait ran out of time
        self._saves_waiting = 0

    @property
    def saves_waiting(self) -> int:
        """How many saves wait for their turn now (a background writer holding the turn
        ends its transaction early then)."""
        return self._saves_waiting

    @contextlib.contextmanager
    def turn(self, *, background: bool, timeout: float) -> Iterator[None]:
        """Hold the process's turn at writing for one transaction.

        A background writer also lets every waiting save go first. After `timeout`
        seconds the caller goes ahead anyway: SQLite's own lock and busy timeout still keep
        the file safe, and a wait here must never hang the window.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            if not background:
                self._saves_waiting += 1
                self._changed.notify_all()  # a background writer may end its turn early
            try:
                while self._writers or (background and self._saves_waiting):
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self._changed.wait(left)
            finally:
                if not background:
                    self._saves_waiting -= 1
            self._writers += 1
        try:
            yield
        finally:
            with self._changed:
                self._writers -= 1
                self._changed.notify_all()


# One WriteTurns per workspace file this process writes to, by (device, inode).
_TURNS: dict[tuple[int, int], WriteTurns] = {}
_TURNS_LOCK = threading.Lock()


def turns_for(file_key: tuple[int, int]) -> WriteTurns:
    """The turns shared by every connection of this process to the file `file_key`."""
    with _TURNS_LOCK:
        return _TURNS.setdefault(file_key, WriteTurns())
