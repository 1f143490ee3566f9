"""An older -wal of the same workspace (its desk's, taken after 10 of its 20 saves) beside
the file after all 20, one of whose history indexes is out of step with its table (a bit
flipped, a tool that wrote the table only). SQLite's quick check passes the file alone,
its integrity check does not. Its id is the -wal's, so the ids do not tell them apart;
its history does, and it is whole (each entry's hash its own). Since b265bc06 such a file
was taken for one torn in the middle of a checkpoint: the older -wal was merged, its pages
over the newer file's for good, and saves 11-20 gone without a word. Set aside instead,
every byte, as before; a reader reads the file without it."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from factcheck_app import config
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups, wal_check


def _cp(source: Path, target: Path) -> None:
    subprocess.run(["cp", str(source), str(target)], check=True)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def _explain(desk: Desk, ids: list[int], numbers: range) -> None:
    for n in numbers:
        desk.reviews.set_text_field(ids[n % len(ids)], "explanation", f"said {n}")


def _one_index_out_of_step(path: Path) -> None:
    """One of the history's indexes built by another column, its design as before: as a
    bit flipped in it, or a tool that wrote the table and not the index, leaves it. The
    quick check of every open does not look; SQLite's integrity check does."""
    right = "CREATE INDEX idx_history_article ON history(article_id)"
    wrong = "CREATE INDEX idx_history_article ON history(sentence_id)"
    for step in ([wrong], None, [right]):
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            if step is None:
                conn.execute("REINDEX idx_history_article")
                continue
            version = conn.execute("PRAGMA schema_version").fetchone()[0]
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute(
                "UPDATE sqlite_master SET sql = ? WHERE name = 'idx_history_article'", step
            )
            conn.execute(f"PRAGMA schema_version = {version + 1}")
        finally:
            conn.close()


def _newer_copy_beside_an_older_wal(tmp_path: Path) -> Path:
    """copy.fcdesk after 20 saves, one history index out of step, beside its desk's -wal
    taken after 10."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.ensure_seeded(config.seed_dir())
    desk.close()
    desk = Desk.open(path, backup=False)
    older = tmp_path / "older.fcdesk-wal"
    try:
        ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
        _explain(desk, ids, range(10))
        _cp(_wal(path), older)  # the -wal after 10 saves
        _explain(desk, ids, range(10, 20))
    finally:
        desk.close()  # all 20 in the file
    copy = tmp_path / "copied" / "copy.fcdesk"
    copy.parent.mkdir()
    _cp(path, copy)
    _one_index_out_of_step(copy)
    _cp(older, _wal(copy))  # the older -wal put back beside the newer file
    return copy


def test_an_older_wal_beside_a_newer_file_with_wrong_indexes_is_not_merged(
    tmp_path: Path,
) -> None:
    copy = _newer_copy_beside_an_older_wal(tmp_path)
    alone = copy.with_name("alone.fcdesk")
    _cp(copy, alone)
    assert _integrity(alone) != ["ok"]  # the newer file alone: its indexes disagree
    wal = _wal(copy).read_bytes()
    assert wal_check.wal_unfit(copy) is not None
    desk = Desk.open(copy, backup=False)
    try:
        explanations = {row.review.explanation for row in desk.reviews.sentence_rows(1)}
        assert "said 19" in explanations  # the newer file's work, not taken back
    finally:
        desk.close()
    kept = list(backups.backup_dir(copy).glob("*-wal-set-aside.fcdesk-wal"))
    assert len(kept) == 1 and kept[0].read_bytes() == wal


def test_a_reader_does_not_read_the_older_wal_over_it(tmp_path: Path) -> None:
    copy = _newer_copy_beside_an_older_wal(tmp_path)
    file_before, wal_before = copy.read_bytes(), _wal(copy).read_bytes()
    assert wal_check.look_for_reader(copy).unfit == wal_check.FOREIGN
    desk = Desk.open(copy, read_only=True, backup=False)
    try:
        explanations = {row.review.explanation for row in desk.reviews.sentence_rows(1)}
        assert "said 19" in explanations  # the file's work, not the older -wal's moment
    finally:
        desk.close()
    assert copy.read_bytes() == file_before and _wal(copy).read_bytes() == wal_before
