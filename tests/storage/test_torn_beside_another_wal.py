"""A workspace file torn in the middle of a checkpoint (some of its pages of a later
moment, written from its -wal, the rest of an earlier one) is damaged alone, and only its
own -wal mends it: a crash in the middle of a checkpoint leaves such a file, and the
open for editing merges that -wal, as SQLite needs. Beside ANOTHER workspace's -wal (a
copy of the file taken while its desk checkpointed, put beside a stale -wal of the same
name), the open merged that one just the same: the kill loop (tests/stress/kill_loop.py,
seeds 404, 505, 909, 1919) found such copies opened "sound", the journalist's work mixed
with the other workspace's pages (seed 909, copy 111: a review unlike its history, and
the desk said nothing). The file alone still says which workspace it is (its id, written
once and never changed, whichever moment its settings page is of); read with the other
-wal it says another. Such a -wal is set aside, every byte, and the open refuses the
file as the damage it is, saying where that -wal was kept."""

from __future__ import annotations

import hashlib
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_app import config
from factcheck_app.cli import run
from factcheck_app.domain.errors import WorkspaceError
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups, wal_check
from factcheck_app.storage.other_workspace import read_snapshot


def _crashed(tmp_path: Path, name: str, words: str) -> Path:
    """crashed/NAME as a desk killed while it edited leaves it: its file (seeded, closed
    once) and its -wal of 30 saves, copied while the desk had it open, by another process
    (this one holds it, and opening it here by path would drop SQLite's locks)."""
    path = tmp_path / name
    desk = Desk.open(path, backup=False)
    desk.importer.ensure_seeded(config.seed_dir())
    desk.close()
    desk = Desk.open(path, backup=False)
    crashed = tmp_path / "crashed" / name
    crashed.parent.mkdir(exist_ok=True)
    try:
        ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
        for n in range(30):
            desk.reviews.set_text_field(ids[n % len(ids)], "explanation", f"{words} {n} " * 40)
            desk.reviews.set_verdict(ids[n % len(ids)], ("true", "false", "mixed")[n % 3])
        for source, target in ((path, crashed), (_wal(path), _wal(crashed))):
            subprocess.run(["cp", str(source), str(target)], check=True)
    finally:
        desk.close()
    return crashed


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _later_pages(wal: bytes) -> tuple[int, dict[int, bytes]]:
    """The page size, and each page's newest committed version in the -wal (its frames:
    page number, commit mark, then the page, after a 32-byte header)."""
    page_size = struct.unpack(">I", wal[8:12])[0]
    newest: dict[int, bytes] = {}
    pending: dict[int, bytes] = {}
    at = wal_check.WAL_HEADER_BYTES
    while at + 24 + page_size <= len(wal):
        number, commit = struct.unpack(">II", wal[at : at + 8])
        pending[number] = wal[at + 24 : at + 24 + page_size]
        if commit:
            newest.update(pending)
            pending = {}
        at += 24 + page_size
    return page_size, newest


def _tear(path: Path) -> None:
    """Write half the pages its -wal holds (every other one, by number; page 1 not yet)
    into the file: as a checkpoint killed half-way leaves it, or a copy taken while one
    ran (those pages read after the checkpoint wrote them, the others before)."""
    page_size, newest = _later_pages(_wal(path).read_bytes())
    with path.open("r+b") as handle:
        for number in sorted(newest)[1::2]:
            handle.seek((number - 1) * page_size)
            handle.write(newest[number])


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check(path: Path, *, with_wal: bool) -> tuple[str | None, list[str]]:
    """The workspace id and SQLite's integrity check of `path`, read alone or with its
    -wal (on a copy, so nothing here changes it)."""
    look = path.with_name("look.fcdesk")
    for leftover in (look, _wal(look), look.with_name("look.fcdesk-shm")):
        leftover.unlink(missing_ok=True)
    look.write_bytes(path.read_bytes())
    if with_wal:
        _wal(look).write_bytes(_wal(path).read_bytes())
    conn = sqlite3.connect(look)
    try:
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'workspace.id'").fetchone()
        except sqlite3.DatabaseError:
            row = None
        try:
            checked = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
        except sqlite3.DatabaseError as error:
            checked = [str(error)]
        return (str(row[0]) if row else None), checked
    finally:
        conn.close()


@pytest.fixture
def torn(tmp_path: Path) -> Path:
    """crashed/mine.fcdesk torn in the middle of a checkpoint, beside its own -wal."""
    mine = _crashed(tmp_path, "mine.fcdesk", "mine")
    _tear(mine)
    return mine


@pytest.fixture
def beside_theirs(tmp_path: Path, torn: Path) -> Path:
    """The torn file beside another workspace's -wal (a desk killed while it edited)."""
    theirs = _crashed(tmp_path, "theirs.fcdesk", "theirs")
    _wal(torn).write_bytes(_wal(theirs).read_bytes())
    return torn


def test_the_case(torn: Path, tmp_path: Path) -> None:
    own_id, alone = _check(torn, with_wal=False)
    assert alone != ["ok"]  # damaged alone
    assert own_id is not None  # yet it says which workspace it is
    assert _check(torn, with_wal=True) == (own_id, ["ok"])  # its own -wal mends it
    theirs = _crashed(tmp_path, "theirs.fcdesk", "theirs")
    _wal(torn).write_bytes(_wal(theirs).read_bytes())
    their_id, together = _check(torn, with_wal=True)
    assert their_id not in (None, own_id)  # read with that -wal, another workspace
    assert together == ["ok"]  # which SQLite's checks pass: merged, it opened without a word
    assert their_id == _check(theirs, with_wal=True)[0]


def test_beside_another_workspaces_wal_it_is_refused_as_damaged_and_that_wal_kept(
    beside_theirs: Path,
) -> None:
    copy = beside_theirs
    file_before, wal_before = _sha(copy), _sha(_wal(copy))
    with pytest.raises(WorkspaceError) as refused:
        Desk.open(copy, backup=False)
    said = str(refused.value)
    kept = list(backups.backup_dir(copy).glob("*-wal-set-aside.fcdesk-wal"))
    assert len(kept) == 1
    assert _sha(kept[0]) == wal_before  # every byte of it
    assert not wal_check.has_unmerged_wal(copy)  # none of it merged, or left to be
    assert _sha(copy) == file_before  # the file left as it was: damaged alone
    assert "is damaged" in said and "restore it from a backup" in said  # true, alone
    assert "another workspace" in said and str(kept[0]) in said  # and where it went


def test_the_check_tells_it_for_certain(beside_theirs: Path) -> None:
    assert wal_check.wal_unfit(beside_theirs) == wal_check.FOREIGN_BESIDE_DAMAGED


def test_beside_its_own_wal_it_is_merged_and_whole(torn: Path) -> None:
    # A crash in the middle of a checkpoint: only its -wal mends the file.
    assert wal_check.wal_unfit(torn) is None
    desk = Desk.open(torn, backup=False)
    try:
        conn = desk.repo.db.conn
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        explanations = {row.review.explanation for row in desk.reviews.sentence_rows(1)}
        assert "mine 29 " * 40 in explanations  # the crash's last save
        assert not any("do not belong" in notice for notice in desk.notices)
    finally:
        desk.close()
    assert not list(backups.backup_dir(torn).glob("*-wal-set-aside*"))


def test_a_reader_does_not_show_the_other_workspace_as_this_one(
    beside_theirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `list` read the pair, sound together, and listed the other workspace's work as this
    # one's without a word. It reads the file alone, which is damaged, and says both.
    copy = beside_theirs
    file_before, wal_before = _sha(copy), _sha(_wal(copy))
    assert run(["list", "-w", str(copy)]) != 0
    said = capsys.readouterr().err
    assert "is damaged" in said and "restore it from a backup" in said
    assert f"{copy.name}-wal, beside {copy.name}, is another workspace's" in said
    assert _sha(copy) == file_before and _sha(_wal(copy)) == wal_before  # nothing changed
    with pytest.raises(WorkspaceError, match="is another workspace's"):
        Desk.open(copy, read_only=True, backup=False)


def test_beside_its_own_wal_a_reader_reads_both(torn: Path) -> None:
    desk = Desk.open(torn, read_only=True, backup=False)
    try:
        explanations = {row.review.explanation for row in desk.reviews.sentence_rows(1)}
        assert "mine 29 " * 40 in explanations  # the crash's last save, in its -wal
        assert desk.workspace.read_without is None
    finally:
        desk.close()


def _rightmost_leaf(data: bytes, page_size: int, root: int) -> int:
    """The b-tree page holding a table's newest rows: from its root, each interior page's
    right-most child (SQLite's file format; page 1 after the file's 100-byte header)."""
    page = root
    while True:
        at = (page - 1) * page_size + (100 if page == 1 else 0)
        if data[at] == 0x0D:  # a table's leaf page
            return page
        assert data[at] == 0x05, f"page {page} is not a table's b-tree page"
        page = struct.unpack(">I", data[at + 8 : at + 12])[0]


def _history_page_holds_search_rows(path: Path) -> None:
    """The file alone's newest history page holding a page of the search index's data
    instead: as a checkpoint killed half-way leaves it when the history grew into pages
    the search index let go of (the history's parent page of the later moment written,
    the page it points to not yet: still the index's). Read alone, the newest history
    entry is then a search-index row, read without an error."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        roots = dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE type='table'"))
    finally:
        conn.close()
    data = path.read_bytes()
    history = _rightmost_leaf(data, page_size, roots["history"])
    search = _rightmost_leaf(data, page_size, roots["search_index_data"])
    with path.open("r+b") as handle:
        handle.seek((history - 1) * page_size)
        handle.write(data[(search - 1) * page_size : search * page_size])


def test_torn_so_its_history_reads_another_tables_rows_a_reader_reads_it_with_its_wal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The multi-process stress test (seed 12, round 1, a window killed in the middle of a
    # checkpoint): `export` compared the file alone's newest history entry, a search-index
    # row, with the pair's, called the window's own -wal "not this workspace's", read the
    # file without it and refused the sound workspace as "damaged (NULL value in
    # history.actor) … restore it from a backup". The file alone is damaged: its history
    # says nothing of which -wal is its own, as the open for editing already knew.
    mine = _crashed(tmp_path, "mine.fcdesk", "mine")
    _history_page_holds_search_rows(mine)
    assert _check(mine, with_wal=False)[1] != ["ok"]  # damaged alone
    assert _check(mine, with_wal=True)[1] == ["ok"]  # its own -wal mends it
    assert wal_check.look_for_reader(mine).unfit is None
    report = tmp_path / "report.md"
    assert (
        run(["export", "-w", str(mine), "--article", "1", "--format", "md", "-o", str(report)]) == 0
    )
    assert capsys.readouterr().err == ""
    assert "mine 29 " in report.read_text(encoding="utf-8")  # the crash's last save
    desk = Desk.open(mine, read_only=True, backup=False)  # a read-only window
    try:
        assert desk.workspace.read_without is None and desk.notices == []
    finally:
        desk.close()
    assert wal_check.wal_unfit(mine) is None  # as the open for editing judges it


def _crashed_over_reviews(tmp_path: Path) -> Path:
    """crashed/mine.fcdesk as a desk killed while it edited leaves it, its file holding
    an article's reviews, every one tagged and given a verdict, and a history of more than
    one page (both saved into the file by a checkpoint); its -wal, 30 explanations since."""
    path = tmp_path / "mine.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        # An article read first: the reviewed one's sentences are numbered above the
        # history's entries, as a workspace's sentences soon are.
        first = " ".join(f"The number {n} fell by {n + 2} percent." for n in range(150))
        desk.importer.import_text(first, source_name="first.txt")
        text = " ".join(f"The figure {n} rose by {n + 1} percent." for n in range(60))
        article = desk.importer.import_text(text, source_name="a.txt").article_id
        ids = [row.sentence.id for row in desk.reviews.sentence_rows(article)]
        for n, sentence in enumerate(ids):
            desk.reviews.set_tag(sentence, Tag.CLAIM)
            desk.reviews.set_verdict(sentence, ("true", "false", "mixed")[n % 3])
        desk.repo.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        for n in range(30):
            desk.reviews.set_text_field(ids[n % len(ids)], "explanation", f"mine {n} " * 40)
        crashed = tmp_path / "crashed" / path.name
        crashed.parent.mkdir()
        for source, target in ((path, crashed), (_wal(path), _wal(crashed))):
            subprocess.run(["cp", str(source), str(target)], check=True)
    finally:
        desk.close()
    return crashed


def _history_page_holds_review_rows(path: Path) -> None:
    """The file alone's newest history page holding a page of reviews instead, as a
    checkpoint killed half-way leaves it when the history grew into a page the reviews
    let go of (the history's parent page written, the page it points to not yet). Every
    review on it has a tag and a verdict, so its rows read as history entries that SQLite's
    quick check passes: no column the history needs is empty, each row's number is above
    the history's older pages'. Only the history's indexes, which never held such
    entries, tell them (SQLite's integrity check)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        roots = dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE type='table'"))
    finally:
        conn.close()
    data = path.read_bytes()
    assert data[(roots["history"] - 1) * page_size] == 0x05  # more than one page
    history = _rightmost_leaf(data, page_size, roots["history"])
    reviews = _rightmost_leaf(data, page_size, roots["reviews"])
    with path.open("r+b") as handle:
        handle.seek((history - 1) * page_size)
        handle.write(data[(reviews - 1) * page_size : reviews * page_size])


def _quick_check_alone(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
    finally:
        conn.close()


def test_torn_so_its_history_reads_reviews_its_own_wal_is_neither_read_without_nor_set_aside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Read alone, the newest "history entry" was a review, unlike its -wal's: the file,
    # passing the quick check, was taken as whole, and its own -wal as not its own.
    # `export` showed the file alone ("not this workspace's"), and the open for editing
    # set the crash's last saves aside and went on editing the torn file.
    mine = _crashed_over_reviews(tmp_path)
    _history_page_holds_review_rows(mine)
    assert _quick_check_alone(mine) == ["ok"]  # the quick check does not tell it
    assert _check(mine, with_wal=False)[1] != ["ok"]  # damaged alone
    assert _check(mine, with_wal=True)[1] == ["ok"]  # its own -wal mends it
    assert wal_check.look_for_reader(mine).unfit is None
    report = tmp_path / "report.md"
    assert (
        run(["export", "-w", str(mine), "--article", "2", "--format", "md", "-o", str(report)]) == 0
    )
    assert capsys.readouterr().err == ""
    assert "mine 29 " in report.read_text(encoding="utf-8")  # the crash's last save
    assert wal_check.wal_unfit(mine) is None
    desk = Desk.open(mine, backup=False)
    try:
        assert not any("do not belong" in notice for notice in desk.notices)
        explanations = {row.review.explanation for row in desk.reviews.sentence_rows(2)}
        assert "mine 29 " * 40 in explanations
        assert desk.repo.db.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        desk.close()
    assert not list(backups.backup_dir(mine).glob("*-wal-set-aside*"))


def test_a_merge_refuses_it_for_that_wal(beside_theirs: Path) -> None:
    # A merge took the other workspace's reviews as the colleague's.
    with pytest.raises(WorkspaceError, match="is not its own"):
        read_snapshot(beside_theirs)


def test_beside_a_wal_of_another_page_size_it_is_refused_as_damaged(
    torn: Path, tmp_path: Path
) -> None:
    # Another program's database of the same name (8 KB pages), killed with its -wal: it
    # was refused as "not a Factcheck desk workspace", that -wal left beside it.
    other = tmp_path / "other.db"
    make = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA page_size = 8192')\n"
        "c.execute('PRAGMA journal_mode = WAL')\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "c.execute('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)')\n"
        "for n in range(20): c.execute('INSERT INTO settings VALUES (?, ?)', (str(n), 'x' * 500))\n"
        "os._exit(0)  # killed: its -wal stays\n"
    )
    subprocess.run([sys.executable, "-c", make, str(other)], check=True)
    wal = _wal(other).read_bytes()
    _wal(torn).write_bytes(wal)
    with pytest.raises(WorkspaceError) as refused:
        Desk.open(torn, backup=False)
    said = str(refused.value)
    kept = list(backups.backup_dir(torn).glob("*-wal-set-aside.fcdesk-wal"))
    assert len(kept) == 1 and kept[0].read_bytes() == wal
    assert "is damaged" in said and "restore it from a backup" in said and str(kept[0]) in said
