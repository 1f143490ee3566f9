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
import sys
import threading
from collections.abc import Iterator
from types import FrameType

# Looked up when the key is pressed, not imported: a command that never opens a workspace
# (`suggest`, `segment`) does not load storage and SQLite, and then no statement can have
# been stopped.
_STORAGE_ERRORS = "factcheck_app.storage.errors"


def _on_ctrl_c(_number: int, _frame: FrameType | None) -> None:
    errors = sys.modules.get(_STORAGE_ERRORS)
    if errors is not None:
        errors.note_ctrl_c()
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
