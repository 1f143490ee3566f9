"""A workspace file is untrusted input: compare its schema with what our migrations make,
and switch on SQLite's defences before anything runs. (Filled in under issue 12.)"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def harden(conn: sqlite3.Connection) -> None:
    """SQLite's defences for a connection to a file that may have been crafted."""


def verify_schema(conn: sqlite3.Connection, path: Path | None) -> None:
    """Raise WorkspaceUntrusted when the file holds anything our migrations do not create."""
