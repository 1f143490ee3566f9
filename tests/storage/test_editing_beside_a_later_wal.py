"""Opening for editing a workspace file copied while its desk had it open, beside that
desk's own `-wal` copied a moment later (a file manager copying both, the desk's pause
between them). The pages the desk moved from its `-wal` into its file in between are in
neither, so read together the pair is damaged; the file alone is sound.

The kill loop (tests/stress/kill_loop.py, seed 1919, copy 181) found such a copy taken
in the middle of a save, whose search index alone was torn too (FTS5's own check fails;
SQLite's integrity check of the file passes, and the open mends such an index). The
check before an open for editing counted that index as the file being damaged, so it
merged the -wal "as a crash's", and the open refused the pair as "damaged (Page 515 is
never used) … restore it from a backup": advice that puts an older backup over a sound
file. The file alone must open, whole; the -wal must be set aside, every byte, and said
as what it is (its own, from a later moment), never sent to a backup."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
from pathlib import Path

import pytest

from factcheck_app import config
from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.services.desk import Desk
from factcheck_app.storage import wal_check
from factcheck_app.storage.other_workspace import read_snapshot


def _copy_by_another_program(source: Path, target: Path) -> None:
    """As a file manager copies it: in another process (this one holds the workspace, and
    opening it here by path would drop SQLite's locks)."""
    subprocess.run(["cp", str(source), str(target)], check=True)


def _tear_search_index(copy: Path) -> None:
    """Splice `copy` (alone) as a copy torn in the middle of a save is in its search index:
    a row's words of one moment beside its index of another. SQLite's integrity check does
    not look inside the index (FTS5's own check does)."""
    wal = copy.with_name(copy.name + "-wal")
    held = copy.with_name("held-wal")
    wal.rename(held)
    conn = sqlite3.connect(copy)
    try:
        with conn:
            conn.execute(
                "UPDATE search_index_content SET c0 = 'words of another moment'"
                " WHERE id = (SELECT max(id) FROM search_index_content)"
            )
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # as left
    finally:
        conn.close()  # merged into the file, its -wal deleted: the file alone
    assert not wal.exists()
    copy.with_name(copy.name + "-shm").unlink(missing_ok=True)
    held.rename(wal)


def _copy_beside_later_wal(tmp_path: Path) -> Path:
    """copied/copy.fcdesk taken while its desk had it open (10 saves in the file, 10 more
    in its -wal), beside that desk's -wal taken after its next pause (every save moved
    into its file) and one more save."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.ensure_seeded(config.seed_dir())
    desk.close()
    desk = Desk.open(path, backup=False)
    try:
        ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
        for n in range(20):
            desk.reviews.set_text_field(ids[n % len(ids)], "explanation", f"first {n} " * 30)
            if n == 9:
                desk.settle_saves()
                assert desk.settle_saves()  # a pause: these 10 (and the desk's mark) in the file
        copy = tmp_path / "copied" / "copy.fcdesk"
        copy.parent.mkdir()
        _copy_by_another_program(path, copy)
        desk.settle_saves()
        assert desk.settle_saves()  # the next pause: moved into the file
        desk.reviews.set_text_field(ids[0], "explanation", "later")
        _copy_by_another_program(
            path.with_name(path.name + "-wal"), copy.with_name(copy.name + "-wal")
        )
    finally:
        desk.close()
    assert wal_check.has_unmerged_wal(copy)
    return copy


@pytest.fixture
def torn_pair(tmp_path: Path) -> Path:
    copy = _copy_beside_later_wal(tmp_path)
    _tear_search_index(copy)
    return copy


def _alone(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def _reviews(conn: sqlite3.Connection) -> dict[int, tuple[str, str | None]]:
    rows = conn.execute("SELECT sentence_id, explanation, rating FROM reviews").fetchall()
    return {int(r[0]): (str(r[1] or ""), r[2]) for r in rows}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_case(torn_pair: Path) -> None:
    # What the kill loop's copy 181 was, so that the tests below cannot pass for want of it.
    alone = _alone(torn_pair)
    try:
        assert alone.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        alone.close()
    scratch = torn_pair.with_name("scratch.fcdesk")  # FTS5's check runs as a write
    scratch.write_bytes(torn_pair.read_bytes())
    conn = sqlite3.connect(scratch)
    try:
        with pytest.raises(sqlite3.DatabaseError):  # FTS5's own check: the index is torn
            conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
    finally:
        conn.close()
    together = sqlite3.connect(f"{torn_pair.resolve().as_uri()}?mode=ro", uri=True)
    try:
        damaged = together.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    except sqlite3.DatabaseError:
        damaged = True
    finally:
        together.close()
    assert damaged


def test_opened_for_editing_the_file_alone_opens_and_its_later_wal_is_set_aside(
    torn_pair: Path,
) -> None:
    copy = torn_pair
    wal = copy.with_name(copy.name + "-wal")
    later = wal.read_bytes()
    alone = _alone(copy)
    try:
        before = _reviews(alone)
    finally:
        alone.close()
    desk = Desk.open(copy, backup=False)  # refused: "damaged … restore it from a backup"
    try:
        said = "\n".join(desk.notices)
        conn = desk.repo.db.conn
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert _reviews(conn) == before  # nothing of the file alone lost, nothing merged
        assert "Search index: complete." in desk.upkeep.check().lines  # mended
    finally:
        desk.close()
    assert not wal.exists()
    kept = list((copy.parent / "copy-backups").glob("*-wal-set-aside.fcdesk-wal"))
    assert len(kept) == 1 and _sha(kept[0].read_bytes()) == _sha(later)  # every byte
    # Said as what it is: its own, from a later moment, beside a sound file.
    assert "restore" not in said and "backup" in said
    assert "copy.fcdesk-wal, beside copy.fcdesk, does not fit it" in said
    assert "the file alone is sound" in said
    assert kept[0].name in said
    assert "do not belong to it" not in said  # another workspace's words


def test_a_pair_without_a_torn_index_is_said_the_same(tmp_path: Path) -> None:
    # The pair the reader's note promises "Opened for editing, the desk sets … aside" of.
    copy = _copy_beside_later_wal(tmp_path)
    assert wal_check.wal_unfit(copy) == wal_check.APART
    desk = Desk.open(copy, backup=False)
    try:
        said = "\n".join(desk.notices)
    finally:
        desk.close()
    assert "copy.fcdesk-wal, beside copy.fcdesk, does not fit it" in said
    assert "restore" not in said


def test_the_check_calls_it_a_later_moment_of_the_file(torn_pair: Path) -> None:
    assert wal_check.wal_unfit(torn_pair) == wal_check.APART
    assert wal_check.wal_unfit(torn_pair) is not None
    assert wal_check.look_for_reader(torn_pair).unfit == wal_check.APART  # as a reader says


def test_merged_it_is_refused_for_the_wal_not_as_damaged(torn_pair: Path) -> None:
    with pytest.raises(WorkspaceError) as refused:
        read_snapshot(torn_pair)
    said = str(refused.value)
    assert "copy.fcdesk-wal, beside copy.fcdesk, is not its own" in said
    assert "another moment" in said and "Nothing was merged" in said
    assert "is damaged" not in said


def test_beside_another_workspaces_wal_the_torn_copy_keeps_it_out(
    torn_pair: Path, tmp_path: Path
) -> None:
    # The same copy beside another workspace's -wal (a stale one of the same name): its
    # torn search index made the check call the file damaged either way, and merge.
    other = tmp_path / "other.fcdesk"
    desk = Desk.open(other, backup=False)
    desk.importer.ensure_seeded(config.seed_dir())
    desk.close()
    desk = Desk.open(other, backup=False)
    try:
        ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
        for n in range(5):
            desk.reviews.set_text_field(ids[n], "explanation", f"theirs {n}")
        _copy_by_another_program(
            other.with_name("other.fcdesk-wal"), torn_pair.with_name("copy.fcdesk-wal")
        )
    finally:
        desk.close()
    alone = _alone(torn_pair)
    try:
        before = _reviews(alone)
    finally:
        alone.close()
    assert wal_check.wal_unfit(torn_pair) == wal_check.FOREIGN
    desk = Desk.open(torn_pair, backup=False)
    try:
        assert any("do not belong to it" in notice for notice in desk.notices)
        assert _reviews(desk.repo.db.conn) == before  # none of theirs merged
    finally:
        desk.close()
