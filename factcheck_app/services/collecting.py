"""Holding the interpreter's cyclic garbage collection off while a background job builds
many objects (an import, a workspace summary): each full collection walks every object
with the interpreter lock held, and so holds the window's thread too (0.1-0.7 s each on
a big import or a year's summary). Reference counting frees everything else meanwhile.

One count for the whole process: jobs that overlap (an import while a summary is
exported) each hold it, and collection resumes when the last of them ends, if it was on
when the first began."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_holders = 0  # jobs holding the collection off now
_was_enabled = False  # was it on when the first of them began?
_lock = threading.Lock()


@contextmanager
def collections_held() -> Iterator[None]:
    """No automatic collection while the block runs (in any thread)."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
