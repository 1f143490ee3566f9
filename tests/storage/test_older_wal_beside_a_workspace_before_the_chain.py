"""A workspace from before the history's hash chain (schema 4 and earlier: no hash, and
no index on its history) beside an older -wal of its own (its desk's, after 10 of 20
saves), the file after all 20 with one index out of step (a bit flipped, a tool that
wrote a table only). SQLite's integrity check fails the file alone, and its newest entry
has no hash to say it is one the desk wrote, so since f98131d7 the file was taken for one
torn in the middle of a checkpoint and the ids asked: the same. The older -wal was
merged, its pages over the newer file's, and saves 11-20 gone for good without a word
(`export` showed the older moment). The integrity check tells a page torn in where the
newest entries are only through the history's indexes; a history with none is told no
better by it, so its rows are trusted as when the check passes: set aside, every byte."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups, wal_check

V4 = Path(__file__).parents[1] / "data" / "workspaces" / "schema-v4.fcdesk"

# The desk before the chain, saving explanations: each save a review and its history
# entry, in one transaction; killed (its -wal stays) or closed (all in its file).
_OLDER_DESK = r"""
import os, shutil, sqlite3, sys
path, start, stop, keep_wal_as, closed = sys.argv[1:6]
conn = sqlite3.connect(path, isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA wal_autocheckpoint = 0")
for n in range(int(start), int(stop)):
    conn.execute("BEGIN")
    conn.execute(
        "UPDATE reviews SET explanation = ? WHERE sentence_id = ?", [f"old {n} " * 40, 1 + n % 4]
    )
    conn.execute(
        "INSERT INTO history (at, actor, action, description, entity, entity_id, old, new)"
        " VALUES ('2026-12-03T08:00:00+00:00', 'old', 'do', ?, 'review', ?, '{}', '{}')",
        [f"explain {n}", 1 + n % 4],
    )
    conn.execute("COMMIT")
if keep_wal_as:
    shutil.copyfile(path + "-wal", keep_wal_as)
if closed == "closed":
    conn.close()
else:
    os._exit(0)
"""


def _older_desk(path: Path, saves: range, keep_wal_as: str = "", closed: bool = True) -> None:
    args = [str(path), str(saves.start), str(saves.stop), keep_wal_as, "closed" * closed]
    subprocess.run([sys.executable, "-c", _OLDER_DESK, *args], check=True)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _one_index_out_of_step(path: Path) -> None:
    """The reviews' status index built by another column, its design as before."""
    right = "CREATE INDEX idx_reviews_status ON reviews(status)"
    wrong = "CREATE INDEX idx_reviews_status ON reviews(rating)"
    for step in ([wrong], None, [right]):
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            if step is None:
                conn.execute("REINDEX idx_reviews_status")
                continue
            version = conn.execute("PRAGMA schema_version").fetchone()[0]
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'idx_reviews_status'", step)
            conn.execute(f"PRAGMA schema_version = {version + 1}")
        finally:
            conn.close()


def _alone(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def _saves(desk: Desk) -> int:
    return int(
        desk.repo.db.conn.execute("SELECT count(*) FROM history WHERE actor = 'old'").fetchone()[0]
    )


def _newer_copy_beside_an_older_wal(tmp_path: Path) -> Path:
    path = tmp_path / "w.fcdesk"
    shutil.copyfile(V4, path)
    older = tmp_path / "older.fcdesk-wal"
    _older_desk(path, range(10), keep_wal_as=str(older))  # the -wal after 10 saves
    _older_desk(path, range(10, 20))  # all 20 in the file
    copy = tmp_path / "copied" / "copy.fcdesk"
    copy.parent.mkdir()
    shutil.copyfile(path, copy)
    _one_index_out_of_step(copy)
    shutil.copyfile(older, _wal(copy))  # the older -wal put back beside the newer file
    conn = _alone(copy)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4  # before the chain
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    finally:
        conn.close()
    pair = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
    try:  # read together, the older moment, without an error
        assert pair.execute("SELECT count(*) FROM history WHERE actor = 'old'").fetchone() == (10,)
    finally:
        pair.close()
    return copy


def test_opened_for_editing_the_older_wal_is_set_aside_not_merged(tmp_path: Path) -> None:
    copy = _newer_copy_beside_an_older_wal(tmp_path)
    wal = _wal(copy).read_bytes()
    assert wal_check.wal_unfit(copy) == wal_check.FOREIGN
    desk = Desk.open(copy, backup=False)
    try:
        assert _saves(desk) == 20  # not taken back to the older -wal's 10
    finally:
        desk.close()
    kept = list(backups.backup_dir(copy).glob("*-wal-set-aside.fcdesk-wal"))
    assert len(kept) == 1 and kept[0].read_bytes() == wal


def test_a_reader_reads_the_file_without_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = _newer_copy_beside_an_older_wal(tmp_path)
    file_before, wal_before = copy.read_bytes(), _wal(copy).read_bytes()
    assert wal_check.look_for_reader(copy).unfit == wal_check.FOREIGN
    report = tmp_path / "report.json"
    export = ["export", "-w", str(copy), "--article", "1", "--format", "json", "-o", str(report)]
    assert run(export) == 0
    assert "copy.fcdesk-wal, beside copy.fcdesk, is not this workspace's" in capsys.readouterr().err
    desk = Desk.open(copy, read_only=True, backup=False)
    try:
        assert desk.workspace.read_without is not None
        assert _saves(desk) == 20  # the file's, not the older -wal's moment
    finally:
        desk.close()
    assert copy.read_bytes() == file_before and _wal(copy).read_bytes() == wal_before
