"""A background backup of a big workspace while the reviewer keeps saving: it finishes
without starting again, and never holds a save up for the whole copy's flush."""

from __future__ import annotations

import itertools
import math
import os
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.conftest import SEED_FILE


@pytest.fixture
def real(tmp_path: Path) -> Path:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    return path


def test_a_backup_finishes_while_every_step_sees_a_save(real: Path) -> None:
    """SQLite starts an online backup again from its first page whenever another
    connection writes between two steps, unless the backup's own connection holds one
    read transaction: a reviewer saving every second would starve it. The window's
    backup holds one; each step here sees a new save, and the copy still takes only
    the steps its pages need, and holds the workspace as it was when it began."""
    desk = Desk.open(real, backup=False)
    pages = desk.repo.db.conn.execute("PRAGMA page_count").fetchone()[0]
    ids = [row[0] for row in desk.repo.db.conn.execute("SELECT id FROM sentences")]
    saves = itertools.cycle(ids)
    steps = 0

    def a_save_between_steps() -> bool:
        nonlocal steps
        if any(backups.backup_dir(real).glob("*.partial")):  # copying, not reading back
            steps += 1
            desk.reviews.set_tag(next(saves), Tag.CLAIM)
        return False

    step_pages = 2
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(backups, "STEP_PAGES", step_pages)
        made = backups.take_backup_on_own_connection(real, cancelled=a_save_between_steps)
    desk.close()
    assert steps == math.ceil(pages / step_pages)
    copy = sqlite3.connect(made)
    assert copy.execute("SELECT count(*) FROM reviews WHERE tag IS NOT NULL").fetchone()[0] == 0
    copy.close()


def test_a_background_backup_is_put_on_the_disk_step_by_step(
    real: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy was flushed to the disk once, whole, at its end: a year's workspace was a
    170 MB flush, and a save by the window (its own flush of the -wal, on the same disk)
    waited for it: 90-150 ms of a key press, seconds on a slow disk. Each step is
    flushed now, so a save waits for one step's pages at most."""
    conn = sqlite3.connect(real)
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    monkeypatch.setattr(backups, "STEP_PAGES", 4)
    flushed: list[int] = []  # the copy's size at each flush
    real_flush = getattr(backups, "_flush", None)

    def flush(fd: int) -> None:
        flushed.append(os.fstat(fd).st_size)
        assert real_flush is not None
        real_flush(fd)

    monkeypatch.setattr(backups, "_flush", flush, raising=False)
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        made = backups.take_backup(conn, real, "auto", cancelled=lambda: False)
    finally:
        conn.close()
    copy = sqlite3.connect(made)
    assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    copy.close()
    assert len(flushed) >= pages // 4
    sizes = [0, *flushed, made.stat().st_size]
    unflushed = [after - before for before, after in itertools.pairwise(sizes)]
    cache = getattr(backups, "_COPY_CACHE_KIB", 2000) * 1024  # the copy's own cache
    assert max(unflushed) <= 4 * page + cache
