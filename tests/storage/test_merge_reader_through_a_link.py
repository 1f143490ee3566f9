"""A colleague's workspace given to a merge through a link (`ln -s` to her file on the
share, a shortcut) is read with the recent changes beside the file the link names.

A merge reads a file with nothing beside it as immutable (SQLite then reads no -wal and
makes no files). It looked for the -wal beside the link, found none, and read the file
alone: while her desk had it open (or after it crashed) her latest saves, still in her
-wal, were left out of the merge without a word."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from factcheck_app.services.desk import Desk
from factcheck_app.storage.workspace import open_workspace


def test_a_merge_reading_through_a_link_reads_the_saves_in_her_wal(tmp_path: Path) -> None:
    real = tmp_path / "share" / "ana.fcdesk"
    real.parent.mkdir()
    desk = Desk.open(real, backup=False)
    desk.importer.import_text("Ben's article. The mayor said 40 bridges were built.")
    desk.close()
    link = tmp_path / "ana.fcdesk"
    link.symlink_to(real)
    # Her desk, open elsewhere, has saved a change that waits in her -wal.
    with contextlib.closing(sqlite3.connect(real, isolation_level=None)) as hers:
        hers.execute("PRAGMA wal_autocheckpoint = 0")
        hers.execute("UPDATE articles SET title = 'Ana retitled it'")
        assert real.with_name("ana.fcdesk-wal").stat().st_size > 0
        workspace = open_workspace(link, read_only=True, leave_no_files=True)
        try:
            titles = [row[0] for row in workspace.db.execute("SELECT title FROM articles")]
        finally:
            workspace.close()
    assert titles == ["Ana retitled it"]
