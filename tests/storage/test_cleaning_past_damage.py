"""A cleaned copy of a workspace with a damaged page keeps every row that can still be
read -- those before the page, those read with it and those after it -- and says exactly
how many were left out."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.domain.errors import Cancelled, WorkspaceDamaged
from factcheck_app.services.desk import Desk
from factcheck_app.storage import cleaning
from tests.conftest import SEED_FILE


def read(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def plant(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.executescript(sql)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace of 300 small articles, 3,000 sentences and 3,000 history entries."""
    path = tmp_path_factory.mktemp("big") / "w.fcdesk"
    Desk.open(path, backup=False).close()
    plant(
        path,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
        "INSERT INTO articles (id, title, text, content_hash, imported_at) "
        "SELECT i, 'Article ' || i, 'Text of article number ' || i || '.', 'h' || i, "
        "'2026-12-06' FROM n;"
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999) "
        'INSERT INTO sentences (article_id, start, "end") '
        "SELECT 1 + i / 10, i % 10, i % 10 + 1 FROM n;"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
        "INSERT INTO history (at, actor, action, description, entity, entity_id) "
        "SELECT '2026-12-06T10:00:00', 'Ana', 'do', 'Verdict ' || i, 'review', i FROM n;",
    )
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    return path


def zero_a_middle_leaf(path: Path, table: str) -> int:
    """Zero a leaf page in the middle of `table`; how many rows it held."""
    leaves = read(
        path,
        f"SELECT pageno, ncell FROM dbstat WHERE name = '{table}' AND pagetype = 'leaf' "
        "ORDER BY path",
    )
    assert len(leaves) >= 5
    page, cells = leaves[len(leaves) // 2]
    [(page_size,)] = read(path, "PRAGMA page_size")
    data = bytearray(path.read_bytes())
    data[(page - 1) * page_size : page * page_size] = bytes(page_size)
    path.write_bytes(bytes(data))
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    return int(str(cells))


@pytest.mark.parametrize("table", ["sentences", "history", "articles"])
def test_a_zeroed_page_leaves_out_its_own_rows_only(big: Path, tmp_path: Path, table: str) -> None:
    # Rows were read 500 at a time and a read that failed ended the table: the rows read
    # with the damaged page and every row after it were left out ("history after 1,000
    # rows"), though their pages read. Now only the page's own rows are, counted exactly.
    path = tmp_path / "w.fcdesk"
    shutil.copy(big, path)
    [(total,)] = read(path, f"SELECT count(*) FROM {table}")
    lost = zero_a_middle_leaf(path, table)
    with pytest.raises(sqlite3.DatabaseError):
        read(path, f"SELECT * FROM {table}")

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    assert result.copied[table] == total - lost, result.summary()
    assert f"Not copied: {lost} rows of {table} (could not be read: " in result.summary()
    if table == "articles":  # their sentences go with them, and nothing else
        assert result.copied["sentences"] == 3000 - 10 * lost
    else:
        assert result.copied["articles"] == 300
    if table == "history":
        assert result.copied["sentences"] == 3000


def test_with_no_index_to_count_them_the_rows_left_out_are_numbered(
    big: Path, tmp_path: Path
) -> None:
    # The history's rows are listed, apart from its pages, by its index of sentences; with
    # no index the read seeks past the damaged page by number, and says which numbers.
    path = tmp_path / "w.fcdesk"
    shutil.copy(big, path)
    plant(
        path,
        "DROP INDEX idx_history_sentence; DROP INDEX idx_history_article;"
        "DROP INDEX idx_history_origin;",
    )
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    before = {r for (r,) in read(path, "SELECT id FROM history")}
    lost = zero_a_middle_leaf(path, "history")
    readable = set()
    for number in sorted(before):
        with contextlib.suppress(sqlite3.DatabaseError):
            readable |= {r for (r,) in read(path, f"SELECT id FROM history WHERE id = {number}")}
    gone = sorted(before - readable)
    assert len(gone) == lost

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    assert result.copied["history"] == len(before) - lost, result.summary()
    assert (
        f"the rows of history numbered {gone[0]} to {gone[-1]} (could not be read: "
    ) in result.summary()


def test_an_undamaged_workspace_is_copied_whole(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_file(SEED_FILE)
    finally:
        desk.close()

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    assert "Not copied" not in result.summary()
    for table in ("articles", "sentences", "history"):
        assert result.copied[table] == read(path, f"SELECT count(*) FROM {table}")[0][0]


def test_a_file_whose_list_of_tables_is_damaged_is_refused_with_a_way_that_helps(
    big: Path, tmp_path: Path
) -> None:
    # A page of the list of tables zeroed: nothing can be read, and no copy made (only a
    # page-by-page recovery would help, which Python's SQLite does not offer). The
    # cleaning -- chosen in the box of a workspace that cannot be opened -- said "Run File
    # → Check Workspace", which needs the workspace open.
    path = tmp_path / "w.fcdesk"
    shutil.copy(big, path)
    [(page, *_)] = read(
        path,
        "SELECT pageno FROM dbstat WHERE name = 'sqlite_schema' AND pageno > 1 "
        "ORDER BY pageno LIMIT 1",
    )
    [(page_size,)] = read(path, "PRAGMA page_size")
    data = bytearray(path.read_bytes())
    data[(int(str(page)) - 1) * page_size : int(str(page)) * page_size] = bytes(page_size)
    path.write_bytes(bytes(data))
    for side in ("-wal", "-shm"):  # left by the reads above
        path.with_name(path.name + side).unlink(missing_ok=True)
    before = path.read_bytes(), path.stat().st_mtime_ns

    with pytest.raises(WorkspaceDamaged) as refused:
        cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    said = str(refused.value)
    assert "Check Workspace" not in said
    assert "list of tables" in said and "Restore it from a backup" in said
    assert refused.value.advice and refused.value.path == path
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.fcdesk"]


def test_reading_past_damage_by_number_ends_at_the_largest_number(
    big: Path, tmp_path: Path
) -> None:
    # Read on by number after the last row read: after a row numbered as high as SQLite
    # numbers go, the next number is past what it takes.
    path = tmp_path / "w.fcdesk"
    shutil.copy(big, path)
    plant(
        path,
        "DROP INDEX idx_history_sentence; DROP INDEX idx_history_article;"
        "DROP INDEX idx_history_origin;"
        "INSERT INTO history (id, at, actor, action, description, entity) "
        "VALUES (9223372036854775807, '2026-12-06T11:00:00', 'Ana', 'do', 'Last', 'review');",
    )
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    lost = zero_a_middle_leaf(path, "history")

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    assert result.copied["history"] + result.skipped["history"] == 3001 - lost


def _varint(data: bytearray, at: int) -> tuple[int, int]:
    """SQLite's variable-length integer at `at`: its value and its length."""
    value = 0
    for length in range(1, 9):
        byte = data[at + length - 1]
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, length
    return (value << 8) | data[at + 8], 9


def test_rows_a_garbled_number_hides_from_a_range_are_read_alone_or_counted(
    big: Path, tmp_path: Path
) -> None:
    # A cell of a history page garbled to a number out of order (a few bytes a failed
    # sync overwrote) misleads SQLite's seek of a range of numbers, with no error: the
    # rows the history's index listed and the range did not give were left out -- dozens
    # of readable entries, and the summary counted only the zeroed page's.
    path = tmp_path / "w.fcdesk"
    shutil.copy(big, path)
    leaves = [
        int(str(page))
        for (page,) in read(
            path,
            "SELECT pageno FROM dbstat WHERE name = 'history' AND pagetype = 'leaf' ORDER BY path",
        )
    ]
    [(page_size,)] = read(path, "PRAGMA page_size")
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    zero_a_middle_leaf(path, "history")  # the first read of the history fails there
    data = bytearray(path.read_bytes())
    start = (leaves[len(leaves) * 3 // 4] - 1) * page_size
    cells = int.from_bytes(data[start + 3 : start + 5], "big")
    pointer = start + 8 + 2 * (cells // 2)
    cell = start + int.from_bytes(data[pointer : pointer + 2], "big")
    _, size_length = _varint(data, cell)
    number, length = _varint(data, cell + size_length)
    assert length == 2 and number < 3000
    data[cell + size_length : cell + size_length + 2] = b"\xff\x7f"  # 16383, out of order
    path.write_bytes(bytes(data))
    readable = 0
    damaged = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        for number in range(1, 3001):  # each entry read alone, by its number
            with contextlib.suppress(sqlite3.DatabaseError):
                readable += len(
                    damaged.execute(
                        "SELECT id FROM history NOT INDEXED WHERE id = ?", [number]
                    ).fetchall()
                )
    finally:
        damaged.close()

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    copied = result.copied["history"] + result.skipped["history"]
    assert copied >= readable, result.summary()
    said = result.summary()
    assert f"Not copied: {3000 - copied} rows of history (could not be read: " in said


class _ReadForEver(Exception):
    pass


@pytest.mark.parametrize("kept", [41, 44])
def test_a_file_cut_short_is_cleaned_to_an_end(
    big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept: int
) -> None:
    # Cut off where a table's page points into what is gone (zeros), a read by number
    # ended on rows numbered 0; the next read started from number 1 again, and the
    # cleaning read the same rows for ever (the wait cursor, never the summary).
    path = tmp_path / "w.fcdesk"
    data = big.read_bytes()
    path.write_bytes(data[: len(data) * kept // 100])
    read_row = cleaning._row
    rows = 0

    def counted_row(*args: object) -> object:
        nonlocal rows
        rows += 1
        if rows > 50_000:  # the original holds 6,300 rows
            raise _ReadForEver
        return read_row(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(cleaning, "_row", counted_row)

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    assert "Not copied: " in result.summary()


def _zeroed_tail_cells(data: bytes, page: int, page_size: int, zero_from: int) -> int:
    """How many cells of the table leaf `page` have bytes at or past `zero_from` (an offset
    in the page): the rows zeroing the page's tail from there takes."""
    start = (page - 1) * page_size
    assert data[start] == 0x0D  # a table leaf
    cells = int.from_bytes(data[start + 3 : start + 5], "big")
    taken = 0
    for i in range(cells):
        at = int.from_bytes(data[start + 8 + 2 * i : start + 10 + 2 * i], "big")
        payload, size_length = _varint(bytearray(data), start + at)
        _, rowid_length = _varint(bytearray(data), start + at + size_length)
        assert payload <= page_size - 35  # all of it on the page
        taken += at + size_length + rowid_length + payload > zero_from
    return taken


def test_rows_whose_bytes_a_damaged_sector_zeroed_are_counted_not_copied_as_zeros(
    big: Path, tmp_path: Path
) -> None:
    # A sector zeroed at the end of a history page (a torn write; a file cut short ends
    # so too): SQLite reads the cells there without an error, those zeroed whole as rows
    # numbered 0 and the one zeroed in part with its values NUL characters. That one was
    # copied as a history entry of NULs, counted among those copied: the count one too
    # high, and the copy holding an entry the original never had.
    path = tmp_path / "w.fcdesk"
    shutil.copy(big, path)
    leaves = [
        int(str(page))
        for (page,) in read(
            path,
            "SELECT pageno FROM dbstat WHERE name = 'history' AND pagetype = 'leaf' ORDER BY path",
        )
    ]
    [(page_size,)] = read(path, "PRAGMA page_size")
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    page = leaves[len(leaves) // 2]
    zero_from = page_size - 1536 - 40  # three sectors, and into one more cell
    lost = _zeroed_tail_cells(bytes(data), page, page_size, zero_from)
    start = (page - 1) * page_size
    data[start + zero_from : start + page_size] = bytes(page_size - zero_from)
    path.write_bytes(bytes(data))
    whole = {r for (r,) in read(big, "SELECT description FROM history")}

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    copied = [r for (r,) in read(result.path, "SELECT description FROM history")]
    assert all(description in whole for description in copied), result.summary()
    assert result.copied["history"] == len(copied) == 3000 - lost, result.summary()
    assert "1 row of history (read as zeros: " in result.summary()


def test_an_article_whose_last_overflow_page_is_zeroed_is_counted_not_copied(
    big: Path, tmp_path: Path
) -> None:
    # A long article's text runs on overflow pages; the last one zeroed reads, without an
    # error, as 4 KB of NUL characters: the article was copied so, counted as copied,
    # and the summary said nothing of it.
    path = tmp_path / "w.fcdesk"
    shutil.copy(big, path)
    plant(
        path,
        "INSERT INTO articles (id, title, text, content_hash, imported_at) "
        "VALUES (301, 'Long', 'A long article. ' || printf('%.9000c', 'x'), 'h301', "
        "'2026-12-06');",
    )
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    overflow = read(
        path,
        "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'overflow' ORDER BY path",
    )
    [(page_size,)] = read(path, "PRAGMA page_size")
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    last = int(str(overflow[-1][0]))
    data = bytearray(path.read_bytes())
    data[(last - 1) * page_size : last * page_size] = bytes(page_size)
    path.write_bytes(bytes(data))

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    assert read(result.path, "SELECT count(*) FROM articles WHERE instr(text, char(0))") == [(0,)]
    assert result.copied["articles"] == 300, result.summary()
    assert "Not copied: 1 row of articles (read as zeros: " in result.summary()


def test_rows_read_past_damage_are_given_in_reading_order_and_the_sort_leaves_nothing(
    tmp_path: Path,
) -> None:
    # The sentences read again past a damaged page come by number and are put in reading
    # order before they are checked (an overlap is found against the one before). Sorted
    # in a file beside the copy rather than as Python rows (80 MB for a year's), in
    # SQLite's order: NULL first, numbers (whole or not) before text before bytes, and
    # rows alike in order as they came.
    rows = [
        {"id": 1, "article_id": 2, "start": 5, cleaning.ROWID: 1},
        {"id": 2, "article_id": 1, "start": "7", cleaning.ROWID: 2},
        {"id": 3, "article_id": 1, "start": b"\xff", cleaning.ROWID: 3},
        {"id": 4, "article_id": 1, "start": 2.5, cleaning.ROWID: 4},
        {"id": 5, "article_id": None, "start": 9, cleaning.ROWID: 5},
        {"id": 6, "article_id": 1, "start": None, cleaning.ROWID: 6},
        {"id": 7, "article_id": 1, "start": 2, cleaning.ROWID: 7},
        {"id": 7, "article_id": 1, "start": 2, cleaning.ROWID: 8},
    ]

    given = list(cleaning._in_order(iter(rows), '"article_id", "start", "id"', tmp_path))

    assert [row[cleaning.ROWID] for row in given] == [5, 6, 7, 8, 4, 2, 3, 1]
    assert given[4] == rows[3] and type(given[4]["start"]) is float
    assert given[6]["start"] == b"\xff"
    assert list(tmp_path.iterdir()) == []
    assert list(cleaning._in_order(iter([]), '"id"', tmp_path)) == []


def test_a_file_cut_short_in_the_middle_of_a_page_copies_no_row_with_values_it_lost(
    big: Path, tmp_path: Path
) -> None:
    # Cut short two bytes before the end of a history page's last row: SQLite reads that
    # row without an error, its last value -- the number of what the entry is about, two
    # bytes -- as 0. The entry was copied so, counted among those copied. The page cut is
    # now read as one cut off: its rows are said as not copied, none copied with values
    # the cut took.
    path = tmp_path / "w.fcdesk"
    leaves = read(
        big,
        "SELECT pageno, ncell FROM dbstat WHERE name = 'history' AND pagetype = 'leaf' "
        "ORDER BY path",
    )
    [(page_size,)] = read(big, "PRAGMA page_size")
    page = int(str(leaves[len(leaves) // 2][0]))
    data = big.read_bytes()
    start = (page - 1) * page_size
    cells = int.from_bytes(data[start + 3 : start + 5], "big")
    ends = []
    for i in range(cells):
        at = int.from_bytes(data[start + 8 + 2 * i : start + 10 + 2 * i], "big")
        payload, size_length = _varint(bytearray(data), start + at)
        _, rowid_length = _varint(bytearray(data), start + at + size_length)
        ends.append(at + size_length + rowid_length + payload)
    path.write_bytes(data[: start + max(ends) - 2])  # the last row's number cut off
    whole = dict(read(big, "SELECT description, entity_id FROM history"))
    before = sum(
        int(str(cells)) for pageno, cells in leaves[: len(leaves) // 2] if int(str(pageno)) < page
    )

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    copied = read(result.path, "SELECT description, entity_id FROM history")
    assert [row for row in copied if whole.get(row[0]) != row[1]] == [], result.summary()
    assert result.copied["history"] == len(copied) >= before, result.summary()
    assert "Not copied: " in result.summary()


def test_a_cleaning_stopped_writes_nothing_and_leaves_the_original_as_it_was(
    big: Path, tmp_path: Path
) -> None:
    path = tmp_path / "w.fcdesk"
    shutil.copy(big, path)
    before = path.read_bytes(), path.stat().st_mtime_ns
    asked = 0

    def stopped_among_the_sentences() -> bool:
        nonlocal asked
        asked += 1
        return asked > 6  # before each table, and every 256 rows

    with pytest.raises(Cancelled):
        cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk", stopped_among_the_sentences)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.fcdesk"]
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_typed_explanation_ending_in_a_nul_character_is_copied_not_counted_as_zeros(
    tmp_path: Path,
) -> None:
    # An explanation pasted with a NUL at its end (Qt keeps it; an explanation is saved
    # with every character as typed) was taken for a row damage zeroed: the cleaned copy
    # left the whole review out, the checker's verdict with it, "read as zeros". A row
    # damage cut has every value after the cut zeros; this one's status and time follow.
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_file(SEED_FILE)
        [(sentence_id,)] = read(path, "SELECT min(id) FROM sentences")
        desk.reviews.set_verdict(int(str(sentence_id)), "false")
        desk.reviews.set_text_field(int(str(sentence_id)), "explanation", "From the PDF.\x00")
    finally:
        desk.close()
    [(explanation, rating)] = read(path, "SELECT explanation, rating FROM reviews")

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    assert "read as zeros" not in result.summary()
    assert read(result.path, "SELECT explanation, rating FROM reviews") == [(explanation, rating)]
    assert explanation == "From the PDF.\x00"


def test_a_file_cut_short_in_a_page_keeps_the_rows_of_that_page_wholly_before_the_cut(
    big: Path, tmp_path: Path
) -> None:
    # Cut two bytes before the end of a history page's last row: the page's other rows
    # are there whole, byte for byte, before the cut. The page was left out whole, those
    # rows with it ("history after 1,535 rows (could not be read …)": 62 of its 63 rows,
    # readable, lost). Only the row the cut went through is now left out.
    path = tmp_path / "w.fcdesk"
    leaves = read(
        big,
        "SELECT pageno FROM dbstat WHERE name = 'history' AND pagetype = 'leaf' ORDER BY path",
    )
    [(page_size,)] = read(big, "PRAGMA page_size")
    page = int(str(leaves[len(leaves) // 2][0]))
    data = big.read_bytes()
    start = (page - 1) * page_size
    cells = int.from_bytes(data[start + 3 : start + 5], "big")
    ends = {}
    for i in range(cells):
        at = int.from_bytes(data[start + 8 + 2 * i : start + 10 + 2 * i], "big")
        payload, size_length = _varint(bytearray(data), start + at)
        rowid, rowid_length = _varint(bytearray(data), start + at + size_length)
        ends[rowid] = at + size_length + rowid_length + payload
    cut = max(ends.values()) - 2
    path.write_bytes(data[: start + cut])
    whole = dict(read(big, "SELECT id, description FROM history"))
    kept = {whole[rowid] for rowid, end in ends.items() if end <= cut}
    assert len(kept) == cells - 1

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    copied = dict(read(result.path, "SELECT description, entity_id FROM history"))
    assert kept <= set(copied), result.summary()
    assert all(copied[d] == int(d.split()[-1]) for d in copied), result.summary()
    assert result.copied["history"] == len(copied)


def test_a_publisher_name_pasted_with_a_nul_at_its_end_is_copied_not_counted_as_zeros(
    tmp_path: Path,
) -> None:
    # The publisher's name (Export Settings, `settings set`) keeps a NUL pasted at its end
    # (its check strips spaces only). Its value is the settings row's last: nothing
    # follows to tell it from a value damage cut, and the cleaned copy left the publisher
    # name out, "read as zeros", every ClaimReview export after it short of its publisher.
    from factcheck_app.services import settings

    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_file(SEED_FILE)
        settings.set_setting(desk, settings.PUBLISHER_NAME, "Daily Planet\x00")
    finally:
        desk.close()
    stored = read(path, "SELECT value FROM settings WHERE key = 'publisher.name'")

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    assert "read as zeros" not in result.summary()
    kept = read(result.path, "SELECT value FROM settings WHERE key = 'publisher.name'")
    assert kept == stored == [("Daily Planet\x00",)]
