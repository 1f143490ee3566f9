"""A backup's copy held as a network share that stopped answering holds it (its writes
into the backups folder, on a hard NFS mount, never return). Used through the
`held_backup_copy` fixture (tests/conftest.py)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck_app.services import upkeep
from factcheck_app.storage import backups

# The guard: the held copy is let go after this long, so that a close that waits for it
# without a limit ends (and fails its test) rather than hanging the suite for ever.
HELD_AT_MOST_S = 20.0
# How long the close waits for a backup that does not move, in these tests (5 s in use).
STILL_S = 0.3


class HeldCopy:
    """Every backup's copy into its `.partial`, held: `begun` once one is held, all let go
    by `answers` (the share answering again)."""

    def __init__(self) -> None:
        self.begun = threading.Event()
        self.answers = threading.Event()


def held_copy_in(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldCopy]:
    """Backups' copies held from now until the test ends (then let go: no thread outlives
    it); the close's wait for a backup that does not move shortened to `STILL_S`."""
    held = HeldCopy()
    real = backups._copy_into_file
    copying: list[threading.Thread] = []  # each thread held, ended before the test ends

    def on_a_dead_share(
        conn: sqlite3.Connection, target: Path, cancelled: Callable[[], bool] | None = None
    ) -> None:
        copying.append(threading.current_thread())
        held.begun.set()
        held.answers.wait(HELD_AT_MOST_S)
        real(conn, target, cancelled)

    monkeypatch.setattr(backups, "_copy_into_file", on_a_dead_share)
    # raising=False: before the close had a limit, there was none to shorten.
    monkeypatch.setattr(upkeep, "BACKUP_STILL_S", STILL_S, raising=False)
    try:
        yield held
    finally:
        held.answers.set()
        # Ended here: a test failing before its own `finish` left the backup's thread
        # copying into the next test's time, and telling a window already gone.
        for thread in copying:
            thread.join(HELD_AT_MOST_S)
