"""Ctrl+C in a command: noted before it interrupts, wherever it lands.

Python raises KeyboardInterrupt in whatever Python code runs next after the key. While
SQLite works, that is its progress handler (the statement clock that stops runaway
queries in crafted files), and there the exception only stops the statement: SQLite
reports it "interrupted", as it reports a query stopped for running too long. With the
key noted first, storage gives the interrupt back (`storage.errors.translated`) and the
command ends with "interrupted", not with a warning about a crafted file.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from factcheck_app.storage.errors import note_ctrl_c


def _on_ctrl_c(_number: int, _frame: FrameType | None) -> None:
    note_ctrl_c()
    raise KeyboardInterrupt


@contextlib.contextmanager
def ctrl_c_noted() -> Iterator[None]:
    """Run a command with Ctrl+C noted before it interrupts (the previous handler after).
    Only the main thread hears Ctrl+C and may set its handler: elsewhere, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, _on_ctrl_c)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
