"""Opening a workspace file safely: checks before SQLite touches it, pragmas, migrations."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.storage.migrations import MIGRATIONS, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
OUR_TABLES = {"articles", "sentences", "reviews"}


@dataclass
class Workspace:
    """An open workspace: the sqlite-utils Database plus what we know about the file."""

    db: Database
    path: Path | None
    read_only: bool = False

    def close(self) -> None:
        self.db.close()


def _connect(path: Path | None, read_only: bool) -> sqlite3.Connection:
    # isolation_level=None: the driver never opens hidden transactions; every write
    # goes through Database.atomic(), so nothing sits uncommitted after an edit.
    if path is None:
        return sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    if read_only:
        return sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    return sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)


def _check_file_before_open(path: Path) -> None:
    """Refuse files SQLite would misread: empty files and files of another type."""
    if path.is_dir():
        raise WorkspaceError(f"{path} is a folder, not a workspace file.")
    size = path.stat().st_size
    if size == 0:
        raise WorkspaceError(
            f"The workspace file {path} is empty (0 bytes). It may have been emptied by a "
            "failed copy or sync. It was left untouched; restore it from a backup, or "
            "choose another file."
        )
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise WorkspaceError(
            f"{path} is not a Factcheck desk workspace (it is not an SQLite database). "
            "The file was left untouched."
        )


def _apply_pragmas(db: Database, read_only: bool) -> None:
    db.execute("PRAGMA busy_timeout = 5000")
    db.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        # WAL + FULL: a verdict acknowledged on screen survives a crash or power cut.
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")


def _existing_tables(db: Database) -> set[str]:
    try:
        return set(db.table_names())
    except sqlite3.DatabaseError as error:
        raise WorkspaceError(
            f"The workspace file cannot be read ({error}). It may be damaged; "
            "it was left untouched."
        ) from None


def open_workspace(path: Path | None, *, read_only: bool = False) -> Workspace:
    """Open (creating if missing) a workspace; `path=None` gives an in-memory one for tests."""
    is_new = path is None or not path.exists()
    if path is not None:
        if is_new:
            if read_only:
                raise WorkspaceError(f"There is no workspace at {path}.")
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            _check_file_before_open(path)
    try:
        db = Database(_connect(path, read_only))
    except sqlite3.Error as error:
        raise WorkspaceError(f"Cannot open the workspace {path}: {error}") from None
    try:
        tables = _existing_tables(db)
        if not is_new and tables and not tables >= OUR_TABLES:
            raise WorkspaceError(
                f"{path} is an SQLite database, but not a Factcheck desk workspace. "
                "It was left untouched."
            )
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise WorkspaceError(
                f"This workspace was written by a newer version of Factcheck desk "
                f"(schema {version}; this version knows {SCHEMA_VERSION}). Update the app."
            )
        _apply_pragmas(db, read_only)
        if not read_only:
            MIGRATIONS.apply(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.Error as error:
        db.close()
        raise WorkspaceError(f"Cannot open the workspace {path}: {error}") from None
    except WorkspaceError:
        db.close()
        raise
    return Workspace(db=db, path=path, read_only=read_only)
