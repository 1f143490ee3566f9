"""A workspace file is untrusted input (issue 12, item 8): a crafted `.fcdesk` is refused
before anything in it runs, the file stays byte for byte as it was, and a cleaned copy
keeps the desk's own records."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from factcheck_app.__main__ import main
from factcheck_app.domain.errors import NotAWorkspace, WorkspaceError, WorkspaceUntrusted
from factcheck_app.domain.models import Stance, Tag
from factcheck_app.gui import workspace_opener
from factcheck_app.services.desk import Desk, NewSource
from factcheck_app.storage import cleaning, schema_guard, scratch, wal_check
from factcheck_app.storage.migrations import SCHEMA_VERSION
from factcheck_app.storage.workspace import open_workspace
from tests.conftest import REPO_ROOT, SEED_FILE

FIXTURES = REPO_ROOT / "tests" / "data" / "workspaces"

# Each way a file can be crafted, as the SQL a plain sqlite3 connection plants.
PLANTS: dict[str, str] = {
    # Every open writes a session mark into settings: this rewrote every verdict.
    "trigger on settings": (
        "CREATE TRIGGER t AFTER INSERT ON settings BEGIN UPDATE reviews SET rating = 'true'; END"
    ),
    # Saving one verdict changed the others.
    "trigger on reviews": (
        "CREATE TRIGGER r AFTER INSERT ON reviews BEGIN"
        " UPDATE reviews SET rating = 'true' WHERE sentence_id != NEW.sentence_id; END"
    ),
    # history replaced by a view whose INSTEAD OF trigger runs SQL on each edit.
    "view shadowing history": (
        "DROP TABLE history;"
        " CREATE TABLE log (id INTEGER PRIMARY KEY, at, actor, action, description, entity,"
        " entity_id, old, new);"
        " CREATE VIEW history AS SELECT * FROM log;"
        " CREATE TRIGGER h INSTEAD OF INSERT ON history BEGIN"
        " UPDATE reviews SET rating = 'true'; END"
    ),
    "extra table": "CREATE TABLE notes (x)",
    "extra index": "CREATE INDEX idx_reviews_rating ON reviews(rating)",
    # An endless query on each write: list, export, search and the window hung forever.
    "recursive trigger": (
        "CREATE TRIGGER loop AFTER INSERT ON settings BEGIN SELECT count(*) FROM"
        " (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c);"
        " END"
    ),
    # 909 MB on each write.
    "randomblob trigger": (
        "CREATE TRIGGER big AFTER INSERT ON settings BEGIN"
        " UPDATE reviews SET explanation = hex(randomblob(900000000)); END"
    ),
    # Our own table, altered under its name: a DEFAULT that calls a function...
    "altered DEFAULT": (
        "PRAGMA writable_schema = ON;"
        " UPDATE sqlite_master SET sql = replace(sql,"
        " 'explanation TEXT NOT NULL DEFAULT ''''',"
        " 'explanation TEXT NOT NULL DEFAULT (hex(randomblob(90000000)))')"
        " WHERE name = 'reviews';"
        " PRAGMA writable_schema = OFF"
    ),
    # ...or a CHECK, by recreating the table.
    "altered CHECK": (
        "ALTER TABLE settings RENAME TO settings_old;"
        " CREATE TABLE settings (key TEXT PRIMARY KEY,"
        " value TEXT NOT NULL CHECK (length(randomblob(16)) > 0));"
        " INSERT INTO settings SELECT * FROM settings_old;"
        " DROP TABLE settings_old"
    ),
    "generated column": (
        "ALTER TABLE reviews ADD COLUMN shadow TEXT GENERATED ALWAYS AS"
        " (printf('%.*c', 90000000, 'x')) VIRTUAL"
    ),
}


def make_workspace(path: Path) -> None:
    """A real workspace: the sample article, two verdicts, a source link and history."""
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_file(SEED_FILE)
        ids = [row.sentence.id for row in desk.reviews.sentence_rows(1)]
        desk.reviews.set_tag(ids[0], Tag.CLAIM)
        desk.reviews.set_verdict(ids[0], "false")
        desk.reviews.set_text_field(ids[0], "claimant", "Baku")
        desk.reviews.set_text_field(ids[0], "explanation", "Zanzibarite figures say otherwise.")
        desk.reviews.set_tag(ids[4], Tag.CLAIM)
        desk.reviews.set_verdict(ids[4], "mostly_false")
        desk.sources.link_source(
            ids[4],
            NewSource(
                url="https://example.org/statement",
                title="Statement",
                stance=Stance.REFUTES,
                excerpt="no civilians",
            ),
        )
    finally:
        desk.close()


def plant(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.executescript(sql)
    finally:
        conn.close()


def digests(path: Path) -> dict[str, str]:
    """sha256 of the workspace file and of its -wal, if there is one. (An empty -wal that
    SQLite creates beside a WAL file it opens read-only holds nothing: it is left out.)"""
    files = [path, path.with_name(path.name + "-wal")]
    return {
        f.name: hashlib.sha256(f.read_bytes()).hexdigest()
        for f in files
        if f.exists() and (f == path or f.stat().st_size > 0)
    }


def read(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of the file read strictly read-only, as another program would."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


VERDICTS = "SELECT sentence_id, tag, rating, claimant, explanation FROM reviews ORDER BY 1"


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("original") / "colleague.fcdesk"
    make_workspace(path)
    return path


@pytest.fixture
def crafted(original: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    path = tmp_path / "colleague.fcdesk"
    shutil.copy(original, path)
    plant(path, PLANTS[request.param])
    return path


@pytest.mark.parametrize("crafted", list(PLANTS), indirect=True)
@pytest.mark.parametrize("read_only", [False, True])
def test_crafted_workspace_is_refused_untouched_and_nothing_runs(
    crafted: Path, read_only: bool
) -> None:
    before = digests(crafted)
    verdicts = read(crafted, VERDICTS)
    started = time.monotonic()
    with pytest.raises(WorkspaceUntrusted) as refused:
        Desk.open(crafted, read_only=read_only)
    assert time.monotonic() - started < 5  # nothing hangs
    message = str(refused.value)
    assert "\n" not in message
    assert "left untouched" in message and "Open a cleaned copy" in message
    assert digests(crafted) == before
    assert read(crafted, VERDICTS) == verdicts  # nothing planted ran


def test_the_message_names_what_was_found(tmp_path: Path, original: Path) -> None:
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(path, PLANTS["trigger on settings"])
    with pytest.raises(WorkspaceUntrusted, match="holds a trigger 't' that Factcheck desk never"):
        Desk.open(path)
    shutil.copy(original, path)
    plant(path, PLANTS["view shadowing history"])
    with pytest.raises(WorkspaceUntrusted) as refused:
        Desk.open(path)
    assert "a trigger 'h', a view 'history' and a table 'log'" in str(refused.value)
    shutil.copy(original, path)
    plant(path, PLANTS["altered CHECK"])
    with pytest.raises(WorkspaceUntrusted, match="the table 'settings' defined differently"):
        Desk.open(path)


@pytest.mark.parametrize("command", ["list", "export", "search", "import", "import-review"])
def test_commands_refuse_in_one_line_naming_the_clean_command(
    command: str,
    original: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    review = tmp_path / "review.json"
    assert main(["export", "-w", str(original), "--article", "1", "-o", str(review)]) == 0
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(path, PLANTS["recursive trigger"])
    before = digests(path)
    capsys.readouterr()
    args = {
        "list": ["list", "-w", str(path)],
        "export": ["export", "-w", str(path), "--article", "1", "--format", "csv"],
        "search": ["search", "-w", str(path), "Ganja"],
        "import": ["import", "-w", str(path), str(SEED_FILE)],
        "import-review": ["import-review", "-w", str(path), str(review)],
    }[command]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1, captured.err
    assert "Traceback" not in captured.err
    assert "holds a trigger 'loop'" in captured.err
    assert f"factcheck-app clean -w {path}" in captured.err
    assert digests(path) == before


def test_clean_command_writes_a_working_copy(
    original: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(path, PLANTS["trigger on settings"])
    before = digests(path)
    capsys.readouterr()
    assert main(["clean", "-w", str(path)]) == 0
    captured = capsys.readouterr()
    copy = tmp_path / "w-cleaned.fcdesk"
    assert captured.out.strip() == str(copy)
    assert "Left behind: the original holds a trigger 't'" in captured.err
    assert digests(path) == before
    assert read(copy, VERDICTS) == read(path, VERDICTS)
    assert main(["list", "-w", str(copy)]) == 0
    assert main(["clean", "-w", str(path), "-o", str(copy)]) == 1  # never overwrites
    assert "already exists" in capsys.readouterr().err


def test_clean_never_replaces_a_file_that_appears_at_its_name_meanwhile(
    original: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`clean -o` refused an existing name up front, then put its copy in place with a
    move that replaces: a file made at that name while it copied (a second `clean` to the
    same name, a sync tool) was overwritten without a word."""
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    dest = tmp_path / "copy.fcdesk"
    copy_into = cleaning._copy_into

    def copy_then_another_appears(*args: object, **kwargs: object) -> cleaning.CleanedCopy:
        result = copy_into(*args, **kwargs)  # type: ignore[arg-type]
        dest.write_bytes(b"another program's file")
        return result

    monkeypatch.setattr(cleaning, "_copy_into", copy_then_another_appears)
    capsys.readouterr()
    assert main(["clean", "-w", str(path), "-o", str(dest)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "unexpected" not in err, err
    assert f"{dest} appeared while the cleaned copy was made" in err, err
    assert "Nothing was written" in err, err
    assert dest.read_bytes() == b"another program's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.fcdesk", "w.fcdesk"]


@pytest.mark.parametrize("renameat2", [True, False], ids=["renameat2", "neither"])
def test_the_move_that_never_replaces_works_where_there_are_no_hard_links(
    renameat2: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FAT-formatted USB stick has no hard links: the move goes on another way (Linux's
    renameat2, else a last look just before), and still refuses a file already there."""

    def no_links(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(scratch.os, "link", no_links)
    if not renameat2:
        monkeypatch.setattr(scratch, "_rename_no_replace", lambda _src, _dest: False)
    made, taken = tmp_path / "made", tmp_path / "taken"
    made.write_bytes(b"copy")
    taken.write_bytes(b"theirs")
    with pytest.raises(FileExistsError):
        scratch.move_without_replacing(made, taken)
    assert taken.read_bytes() == b"theirs" and made.read_bytes() == b"copy"
    scratch.move_without_replacing(made, tmp_path / "free")
    assert (tmp_path / "free").read_bytes() == b"copy" and not made.exists()


@pytest.mark.parametrize(
    "edit", ["DELETE FROM _sqlite_migrations", "DELETE FROM _sqlite_migrations WHERE id > 2"]
)
def test_edited_upgrade_records_are_refused_in_words_with_the_cleaned_copy_offered(
    edit: str, original: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With its upgrade records edited, a workspace's tables were made again on open and
    it was refused as "(table articles already exists)": words that said nothing of
    what was wrong, or of the way out."""
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(path, edit)
    before = digests(path)
    with pytest.raises(WorkspaceUntrusted) as refused:
        Desk.open(path)
    message = str(refused.value)
    assert "record of its format upgrades" in message and "Open a cleaned copy" in message
    assert "already exists" not in message
    assert digests(path) == before
    assert main(["clean", "-w", str(path)]) == 0
    copy = tmp_path / "w-cleaned.fcdesk"
    assert read(copy, VERDICTS) == read(path, VERDICTS)


def test_clean_into_a_place_that_cannot_be_written_says_so_in_one_line(
    original: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`clean -o` into a read-only disk, or below a file, was "unexpected error
    (OSError …)"."""
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    notes = tmp_path / "notes.txt"
    notes.write_text("a file, not a folder", encoding="utf-8")
    before = digests(path)
    capsys.readouterr()
    assert main(["clean", "-w", str(path), "-o", str(notes / "copy.fcdesk")]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "unexpected" not in err, err
    assert "Nothing was written" in err, err
    assert digests(path) == before
    assert notes.read_text(encoding="utf-8") == "a file, not a folder"


def _same_records(original: Path, copy: Path) -> None:
    for sql in (
        VERDICTS,
        "SELECT sentence_id, status, denies_sentence_id, reviewer, updated_at FROM reviews",
        "SELECT id, url, title, publisher, accessed FROM sources ORDER BY id",
        "SELECT sentence_id, source_id, stance, excerpt FROM sentence_sources ORDER BY id",
        "SELECT id, at, actor, action, description, entity, entity_id, old, new FROM history",
        'SELECT id, article_id, start, "end", paragraph FROM sentences ORDER BY id',
        "SELECT id, title, content_hash, published FROM articles ORDER BY id",
        # The text as the desk reads it: in parts in the original (imported since schema
        # 3), whole in the copy's rows.
        "SELECT a.id, coalesce(nullif(a.text, ''), (SELECT group_concat(p.text, '') FROM"
        " (SELECT text FROM article_text WHERE article_id = a.id ORDER BY start) p))"
        " FROM articles a ORDER BY a.id",
    ):
        assert read(copy, sql) == read(original, sql), sql


def test_cleaned_copy_keeps_reviews_sources_and_history(original: Path, tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    for name in ("trigger on settings", "extra table", "altered DEFAULT", "generated column"):
        plant(path, PLANTS[name])
    before = digests(path)
    result = cleaning.open_cleaned_copy(path, cleaning.cleaned_copy_path(path))
    assert result.path == tmp_path / "w-cleaned.fcdesk"
    assert digests(path) == before
    _same_records(original, result.path)
    summary = result.summary()
    assert "a trigger 't' and a table 'notes'" in summary
    assert "the table 'reviews' defined differently" in summary
    settings = dict(read(result.path, "SELECT key, value FROM settings"))
    assert not any(key.startswith("session.") for key in settings)
    desk = Desk.open(result.path)
    try:
        assert desk.upkeep.check().ok
        assert desk.lookup.search("zanzibarite").total == 1  # the index holds the copied rows
        assert desk.reviews.review(1).verdict == "false"
        desk.reviews.set_verdict(1, "true")  # and it takes edits
    finally:
        desk.close()
    assert cleaning.cleaned_copy_path(path) == tmp_path / "w-cleaned-2.fcdesk"


def test_cleaned_copy_leaves_out_what_fails_the_checks(original: Path, tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(
        path,
        "UPDATE reviews SET rating = 'bogus' WHERE sentence_id = 1;"
        " INSERT INTO sources (id, url, created_at) VALUES (9, 'javascript:alert(1)', 'x');"
        ' UPDATE sentences SET "end" = 10000000 WHERE id = 12;'
        " INSERT INTO history (at, actor, action, description, entity, old)"
        " VALUES ('t', 'a', 'do', 'd', 'review', '{not json');"
        " INSERT INTO settings VALUES ('publisher.url', 'file:///etc/passwd');"
        " CREATE VIEW evil AS SELECT 1",
    )
    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")
    assert result.skipped == {
        "articles": 0,
        "sentences": 1,
        "reviews": 1,
        "review_versions": 0,
        "sign_offs": 0,
        "sources": 1,
        "sentence_sources": 0,
        "history": 1,
        "settings": 1,
    }
    assert read(result.path, "SELECT count(*) FROM reviews WHERE sentence_id = 1") == [(0,)]
    assert read(result.path, "SELECT type, name FROM sqlite_master WHERE type = 'view'") == []
    desk = Desk.open(result.path)
    desk.close()


def sent_with_its_wal(
    original: Path, tmp_path: Path, *statements: str, planted: str | None = None
) -> Path:
    """`original` (with `planted` first), `statements` written into its -wal and left
    unmerged there: the file and its -wal copied side by side, as a colleague sends them."""
    live = tmp_path / "live" / "w.fcdesk"
    live.parent.mkdir()
    shutil.copy(original, live)
    if planted is not None:
        plant(live, planted)
    writer = sqlite3.connect(live, isolation_level=None)
    try:
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        for statement in statements:
            writer.execute(statement)
        path = tmp_path / "w.fcdesk"
        shutil.copy(live, path)
        shutil.copy(live.with_name("w.fcdesk-wal"), tmp_path / "w.fcdesk-wal")
    finally:
        writer.close()
    return path


def test_refusing_and_cleaning_leave_a_wal_as_it_was(original: Path, tmp_path: Path) -> None:
    path = sent_with_its_wal(
        original,
        tmp_path,
        "CREATE TABLE notes (x)",
        "UPDATE reviews SET rating = 'mixed' WHERE sentence_id = 1",
    )
    before = digests(path)
    assert "w.fcdesk-wal" in before
    for read_only in (False, True):  # closing the refused file merges nothing into it
        with pytest.raises(WorkspaceUntrusted, match="a table 'notes'"):
            Desk.open(path, read_only=read_only)
        assert digests(path) == before
    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")
    assert read(result.path, "SELECT rating FROM reviews WHERE sentence_id = 1") == [("mixed",)]
    assert digests(path) == before


# A CHECK and a generated column of settings calling `probe`: a stand-in for an
# expression that costs (one building a 900 MB string took 1 s a row), which a test
# connection can count.
PROBED = (
    "PRAGMA writable_schema = ON;"
    " UPDATE sqlite_master SET sql = replace(sql, 'value TEXT NOT NULL',"
    " 'value TEXT NOT NULL CHECK (probe(value)),"
    " shadow TEXT GENERATED ALWAYS AS (probe(value)) VIRTUAL NOT NULL')"
    " WHERE name = 'settings';"
    " PRAGMA writable_schema = OFF"
)


@pytest.mark.parametrize("how", ["open", "open read-only", "merge"])
def test_beside_a_wal_nothing_in_the_file_runs_before_it_is_refused(
    how: str, original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an unmerged -wal beside it (a colleague's file and -wal sent together), the
    look at that -wal ran SQLite's integrity check of the file, on a connection with none
    of the defences, before its design was compared with the desk's: every CHECK of the
    file ran on every row (4 s for four settings, with a CHECK building a 900 MB string;
    hours for a file of thousands), and only then was the file refused. A reader's look
    (read-only, where SQLite checks no CHECK) ran its generated columns."""
    path = sent_with_its_wal(
        original,
        tmp_path,
        "INSERT INTO sources (url, created_at) VALUES ('https://e.example/', '')",
        planted=PROBED,
    )
    mine = tmp_path / "mine.fcdesk"
    Desk.open(mine, backup=False).close()
    before = digests(path)
    assert "w.fcdesk-wal" in before
    probed: list[object] = []

    class Counting:  # sqlite3 as wal_check sees it: its connections count `probe`
        def __getattr__(self, name: str) -> object:
            return getattr(sqlite3, name)

        def connect(self, *args: Any, **kwargs: Any) -> sqlite3.Connection:
            conn = sqlite3.connect(*args, **kwargs)
            conn.create_function(
                "probe", 1, lambda value: probed.append(value) or 1, deterministic=True
            )
            return conn

    monkeypatch.setattr(wal_check, "sqlite3", Counting())
    if how == "merge":
        assert main(["merge", "-w", str(mine), str(path)]) == 1
    else:
        with pytest.raises(WorkspaceUntrusted, match="the table 'settings' defined differently"):
            Desk.open(path, read_only=how == "open read-only", backup=False)
    assert probed == []
    assert digests(path) == before
    assert read(mine, "SELECT count(*) FROM articles") == [(0,)]  # nothing merged


def test_cleaning_copies_nothing_from_a_view_standing_in_for_a_table(
    original: Path, tmp_path: Path
) -> None:
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(path, PLANTS["view shadowing history"])
    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")
    assert result.copied["history"] == 0
    assert "history (in the original it is a view, not a table)" in result.summary()
    assert read(result.path, "SELECT type FROM sqlite_master WHERE name = 'history'") == [
        ("table",)
    ]


def test_cleaning_reads_a_design_stored_as_bytes(original: Path, tmp_path: Path) -> None:
    # Found by bench/fuzz_readers.py: a table's design (sqlite_master.sql) stored as bytes,
    # as a damaged page left it, stopped the cleaned copy with a TypeError.
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    with conn:
        conn.execute("UPDATE sqlite_master SET sql = CAST(sql AS BLOB) WHERE name = 'sources'")
    conn.close()
    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")
    assert result.copied["sources"] == len(read(original, "SELECT id FROM sources"))


def test_cleaning_reads_the_settings_one_by_one_when_their_page_cannot_be_read_whole(
    tmp_path: Path,
) -> None:
    # Found by bench/fuzz_readers.py (seed 2803, case 1534): the pointer to the first row
    # of the settings' one page bent into the page's header. Read whole, the table fails
    # at once; read by key, as the desk reads a setting, the record of the history's last
    # entry still reads, and the original's history verifies. The copy left every setting
    # out, and its history was then called changed outside the desk ("entries the
    # workspace never recorded").
    path = tmp_path / "w.fcdesk"
    shutil.copy(FIXTURES / "team-schema-v5.fcdesk", path)
    [(root,)] = read(path, "SELECT rootpage FROM sqlite_master WHERE name = 'settings'")
    [(page_size,)] = read(path, "PRAGMA page_size")
    data = bytearray(path.read_bytes())
    page = (root - 1) * page_size
    assert data[page] == 0x0D  # a leaf of a table: its row pointers begin at byte 8
    data[page + 9] = 5
    path.write_bytes(bytes(data))
    with pytest.raises(sqlite3.DatabaseError):
        read(path, "SELECT key, value FROM settings")
    assert read(path, "SELECT value FROM settings WHERE key = 'publisher.name'")

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    desk = Desk.open(result.path, backup=False)
    try:
        verification = desk.history.verify()
        assert verification.ok, verification.summary()
        assert desk.upkeep.check().ok
    finally:
        desk.close()
    settings = dict(read(result.path, "SELECT key, value FROM settings"))
    assert settings["publisher.name"] == "Example Fact Desk"
    assert "settings" not in result.summary()  # only the copy's own could not be read


def test_a_cleaned_copy_names_the_settings_it_could_not_read_one_by_one_either(
    original: Path, tmp_path: Path
) -> None:
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(
        path,
        "".join(f"INSERT INTO settings VALUES ('note.{n:03}', '{'x' * 400}');" for n in range(300)),
    )
    [(root,)] = read(path, "SELECT rootpage FROM sqlite_master WHERE name = 'settings'")
    [(page_size,)] = read(path, "PRAGMA page_size")
    data = bytearray(path.read_bytes())
    assert data[(root - 1) * page_size] == 0x05  # an inner page: its last leaf is named at 8
    last = int.from_bytes(data[(root - 1) * page_size + 8 : (root - 1) * page_size + 12], "big")
    leaf = (last - 1) * page_size
    assert data[leaf] == 0x0D
    rows_there = int.from_bytes(data[leaf + 3 : leaf + 5], "big")
    data[leaf : leaf + page_size] = bytes(page_size)  # the page of the newest notes, zeroed
    path.write_bytes(bytes(data))

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    assert f"Not copied: {rows_there} rows of settings (could not be read: " in result.summary()
    notes = read(result.path, "SELECT count(*) FROM settings WHERE key GLOB 'note.*'")
    assert notes == [(300 - rows_there,)]
    desk = Desk.open(result.path, backup=False)
    try:
        assert desk.history.verify().ok
    finally:
        desk.close()


def test_a_setting_read_by_key_that_fails_the_checks_is_counted_as_left_out(
    tmp_path: Path,
) -> None:
    # A setting without a key: read whole, the copy counts it among the rows left out
    # because their values fail the desk's checks. Read by key (the page's first pointer
    # bent), no key finds it: it was left out without a word.
    path = tmp_path / "w.fcdesk"
    shutil.copy(FIXTURES / "team-schema-v5.fcdesk", path)
    plant(path, "INSERT INTO settings VALUES (NULL, 'a value no key names');")
    [(root,)] = read(path, "SELECT rootpage FROM sqlite_master WHERE name = 'settings'")
    [(page_size,)] = read(path, "PRAGMA page_size")
    data = bytearray(path.read_bytes())
    page = (root - 1) * page_size
    assert data[page] == 0x0D
    data[page + 9] = 5
    path.write_bytes(bytes(data))
    with pytest.raises(sqlite3.DatabaseError):
        read(path, "SELECT key, value FROM settings")

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    assert result.skipped["settings"] == 1
    assert "fail the desk's checks: 1 from settings." in result.summary()


def test_a_cleaned_copy_leaves_out_an_import_cut_short_whose_mark_cannot_be_read(
    tmp_path: Path,
) -> None:
    # An import cut short is marked by a setting, import.unfinished.ID, until it finishes:
    # the desk hides that article, and the copy left it out. With the mark's own row
    # unreadable (its pointer bent), the copy kept the article as if it had been imported
    # whole, half its sentences missing, without a word: the mark is the copy's own, so not
    # named in the summary either. Its key, in the settings' index, still names the article.
    path = tmp_path / "w.fcdesk"
    shutil.copy(FIXTURES / "team-schema-v5.fcdesk", path)
    [(article,)] = read(path, "SELECT min(id) FROM articles")
    plant(path, f"INSERT INTO settings VALUES ('import.unfinished.{article}', '{article}');")
    [(root,)] = read(path, "SELECT rootpage FROM sqlite_master WHERE name = 'settings'")
    [(page_size,)] = read(path, "PRAGMA page_size")
    data = bytearray(path.read_bytes())
    page = (root - 1) * page_size
    assert data[page] == 0x0D  # a leaf of a table: its row pointers, in rowid order, at 8
    cells = int.from_bytes(data[page + 3 : page + 5], "big")
    data[page + 8 + 2 * (cells - 1) + 1] = 5  # the newest row's: the mark's
    path.write_bytes(bytes(data))
    with pytest.raises(sqlite3.DatabaseError):
        read(path, "SELECT value FROM settings WHERE key GLOB 'import.unfinished.*'")

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    assert read(result.path, "SELECT id FROM articles") == []
    assert result.copied["articles"] == 0


def test_a_cleaned_copy_reads_the_sentences_past_a_damaged_index(
    original: Path, tmp_path: Path
) -> None:
    # The sentences are read in reading order, which SQLite takes from their index. A page
    # of that index zeroed (the table itself whole; the index holds nothing of its own)
    # ended the read there: the copy left out every sentence behind it, and their reviews.
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(
        path,
        "INSERT INTO articles (id, title, text, content_hash, imported_at) "
        f"VALUES (2, 'Long', '{'x' * 3000}', 'h', '2026-12-06');"
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999) "
        'INSERT INTO sentences (article_id, start, "end") SELECT 2, i, i + 1 FROM n;',
    )
    leaves = read(
        path,
        "SELECT pageno FROM dbstat WHERE name = 'idx_sentences_article_start' "
        "AND pagetype = 'leaf' ORDER BY pageno",
    )
    [(page_size,)] = read(path, "PRAGMA page_size")
    [(total,)] = read(path, "SELECT count(paragraph) FROM sentences")
    [page] = leaves[len(leaves) // 2]
    data = bytearray(path.read_bytes())
    data[(page - 1) * page_size : page * page_size] = bytes(page_size)
    path.write_bytes(bytes(data))
    with pytest.raises(sqlite3.DatabaseError):
        read(path, 'SELECT "end" FROM sentences ORDER BY article_id, start')
    assert read(path, "SELECT count(paragraph) FROM sentences NOT INDEXED") == [(total,)]

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    assert result.copied["sentences"] == total, result.summary()
    assert "Not copied" not in result.summary()
    assert read(result.path, "SELECT count(*) FROM sentences") == [(total,)]


def test_a_cleaned_copy_past_a_damaged_index_keeps_the_sentences_after_an_empty_start(
    original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read again past a damaged index, the sentences resume after the last one read. That
    # one with no start (a file whose table lacks NOT NULL, or a record bent), the rest of
    # its article compared as unknown and were left out, said nowhere in the summary.
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(
        path,
        "PRAGMA writable_schema = ON;"
        "UPDATE sqlite_master SET sql = replace(sql, 'start INTEGER NOT NULL', 'start INTEGER')"
        " WHERE name = 'sentences';",
    )
    plant(
        path,
        "INSERT INTO articles (id, title, text, content_hash, imported_at) "
        f"VALUES (2, 'Long', '{'x' * 30}', 'h', '2026-12-06');"
        'INSERT INTO sentences (article_id, start, "end") '
        "VALUES (2, NULL, 1), (2, 0, 1), (2, 1, 2), (2, 2, 3);",
    )
    [(whole,)] = read(path, "SELECT count(start) FROM sentences")
    rows = cleaning._rows

    def damaged_after_the_empty_start(
        connection: sqlite3.Connection, table: Any, present: set[str], **again: Any
    ) -> Iterator[Any]:
        for row in rows(connection, table, present, **again):
            yield row
            if table.name == "sentences" and not again and row["start"] is None:
                raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(cleaning, "_rows", damaged_after_the_empty_start)
    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    assert result.copied["sentences"] == whole, result.summary()
    assert result.skipped["sentences"] == 1
    assert read(result.path, "SELECT start FROM sentences WHERE article_id = 2") == [
        (0,),
        (1,),
        (2,),
    ]


def test_a_cleaned_copy_reads_what_is_left_of_a_file_cut_short(
    original: Path, tmp_path: Path
) -> None:
    # A copy or sync that stopped, or a full disk, leaves a file shorter than its header
    # says. SQLite refuses all of such a file as damaged ("database disk image is
    # malformed" at its first read), so the cleaned copy -- the window's way out of a
    # damaged workspace -- copied nothing of it, though all but its last pages were whole.
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(  # the last thing written: on pages at the end of the file, cut off
        path, f"INSERT INTO settings (key, value) VALUES ('zz.note', '{'x' * 200_000}');"
    )
    [(page_size,)] = read(path, "PRAGMA page_size")
    [(pages,)] = read(path, "PRAGMA page_count")
    [(last_root,)] = read(path, "SELECT max(rootpage) FROM sqlite_master")
    [(schema_end,)] = read(path, "SELECT max(pageno) FROM dbstat WHERE name = 'sqlite_schema'")
    kept = pages - 20  # cut in the middle of a page, inside the long text
    assert kept > max(last_root, schema_end)
    for side in ("-wal", "-shm"):  # left empty by the reads above: a file alone, cut short
        path.with_name(path.name + side).unlink()
    path.write_bytes(path.read_bytes()[: kept * page_size + page_size // 2])
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)  # no -wal made
    with pytest.raises(sqlite3.DatabaseError, match="malformed"):
        conn.execute("SELECT count(*) FROM sqlite_master")
    conn.close()
    before = digests(path), path.stat().st_mtime_ns

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    for table in ("articles", "sentences", "sources", "history"):
        assert result.copied[table] == read(original, f"SELECT count(*) FROM {table}")[0][0]
    assert read(result.path, VERDICTS) == read(original, VERDICTS), result.summary()
    assert "Not copied: 1 row of settings (could not be read" in result.summary()
    assert read(result.path, "PRAGMA quick_check") == [("ok",)]
    assert (digests(path), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.fcdesk", "w.fcdesk"]


def test_a_cleaned_copy_of_a_file_cut_short_leaves_out_a_table_cut_off_whole(
    original: Path, tmp_path: Path
) -> None:
    # Cut just past its list of tables, the file lost the first pages of some tables (the
    # reviews, the articles' text among them). Told the length it has, SQLite refused the
    # whole list of tables ("invalid rootpage"); those are left out, said, and the tables
    # that are there copied.
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    [(page_size,)] = read(path, "PRAGMA page_size")
    [(schema_end,)] = read(path, "SELECT max(pageno) FROM dbstat WHERE name = 'sqlite_schema'")
    [(reviews_root,)] = read(path, "SELECT rootpage FROM sqlite_master WHERE name = 'reviews'")
    assert reviews_root > schema_end
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink()
    path.write_bytes(path.read_bytes()[: schema_end * page_size])

    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")

    for table in ("sources", "history"):  # their pages are there
        assert result.copied[table] == read(original, f"SELECT count(*) FROM {table}")[0][0]
    assert result.copied["reviews"] == 0
    # Their index, whole, counts them.
    [(reviews,)] = read(original, "SELECT count(*) FROM reviews")
    assert f"Not copied: {reviews} rows of reviews (could not be read: " in result.summary()
    assert read(result.path, "PRAGMA quick_check") == [("ok",)]


def _click(label: str) -> Callable[[QMessageBox], int]:
    """A message box `exec` that clicks the button with this label."""

    def fake_exec(box: QMessageBox) -> int:
        buttons = {button.text(): button for button in box.buttons()}
        assert label in buttons, list(buttons)
        buttons[label].click()
        return 0

    return fake_exec


def test_window_offers_a_cleaned_copy_and_opens_it(
    qtbot: QtBot, original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(path, PLANTS["view shadowing history"])
    before = digests(path)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", _click("Open a Cleaned Copy"))
    monkeypatch.setattr(
        workspace_opener, "inform", lambda parent, title, text, **kw: told.append(text)
    )
    desk = workspace_opener.open_desk(path, None)
    assert desk is not None
    try:
        assert desk.path == tmp_path / "w-cleaned.fcdesk" and not desk.read_only
        assert [r.review.verdict for r in desk.reviews.sentence_rows(1)] == [
            row[2]
            for row in read(
                original,
                "SELECT s.id, 0, r.rating FROM sentences s"
                " LEFT JOIN reviews r ON r.sentence_id = s.id ORDER BY s.start",
            )
        ]
    finally:
        desk.close()
    assert "Left behind: the original holds a trigger 'h', a view 'history'" in told[0]
    assert digests(path) == before


def test_window_cancel_opens_nothing_and_writes_nothing(
    qtbot: QtBot, original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(path, PLANTS["extra table"])
    monkeypatch.setattr(QMessageBox, "exec", _click("Cancel"))
    assert workspace_opener.open_desk(path, None) is None
    assert not (tmp_path / "w-cleaned.fcdesk").exists()


def test_check_workspace_reports_a_trigger_planted_while_open(
    original: Path, tmp_path: Path
) -> None:
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    desk = Desk.open(path, backup=False)
    try:
        plant(path, PLANTS["trigger on reviews"])
        report = desk.upkeep.check()
        assert not report.ok
        assert "Database design: the workspace holds a trigger 'r'" in report.lines[0]
        assert not any("no damage found" in line for line in report.lines)
        others = "SELECT sentence_id, rating FROM reviews WHERE sentence_id != 2 ORDER BY 1"
        verdicts = read(path, others)
        # The trigger never runs: the edit is refused ("not authorized"), or on Python 3.12+
        # saved with the file's triggers switched off.
        with contextlib.suppress(WorkspaceError):
            desk.reviews.set_verdict(2, "true")
        assert read(path, others) == verdicts
    finally:
        desk.close()


# -- what stays accepted ----------------------------------------------------------------------


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-v*.fcdesk")), ids=lambda p: p.stem)
@pytest.mark.parametrize("read_only", [True, False])
def test_every_workspace_fixture_still_opens(
    fixture: Path, read_only: bool, tmp_path: Path
) -> None:
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    desk = Desk.open(path, read_only=read_only, backup=False)
    try:
        assert desk.articles.list_articles()
        assert desk.upkeep.check().ok
    finally:
        desk.close()


def test_older_and_newer_schemas(original: Path, tmp_path: Path) -> None:
    for version in range(1, SCHEMA_VERSION + 1):  # every prefix of our migrations
        assert schema_guard.reference_schema(version)
    path = tmp_path / "newer.fcdesk"
    shutil.copy(original, path)
    # A newer version may add tables and indexes: opened read-only.
    plant(path, "CREATE TABLE tags (x); CREATE INDEX i ON tags(x); PRAGMA user_version = 99")
    desk = Desk.open(path)
    try:
        assert desk.read_only
    finally:
        desk.close()
    plant(path, "CREATE VIEW v AS SELECT 1")  # but no version creates views or triggers
    with pytest.raises(WorkspaceUntrusted, match="a view 'v'"):
        Desk.open(path)


def test_new_empty_and_foreign_databases(tmp_path: Path) -> None:
    workspace = open_workspace(tmp_path / "new.fcdesk")  # empty: fine
    workspace.close()
    foreign = tmp_path / "other.db"
    plant(
        foreign,
        "CREATE TABLE notes (x); CREATE TRIGGER t AFTER INSERT ON notes BEGIN SELECT 1; END",
    )
    with pytest.raises(NotAWorkspace, match="not a Factcheck desk workspace"):
        Desk.open(foreign)


def test_sql_is_compared_without_comments_spacing_or_keyword_case() -> None:
    same = schema_guard.normalise_sql
    assert same("CREATE TABLE t (a TEXT -- note\n, b INT)") == same("create table t(a text,b int)")
    assert same("CREATE TABLE t (a DEFAULT 'X')") != same("CREATE TABLE t (a DEFAULT 'x')")
    assert same("CREATE TABLE t (a DEFAULT '--')") != same("CREATE TABLE t (a DEFAULT '')")
    # To SQLite a no-break space is part of a name: "tag\u00a0TEXT" is one column name.
    assert same("CREATE TABLE t (tag\u00a0TEXT)") != same("CREATE TABLE t (tag TEXT)")


# -- harden -------------------------------------------------------------------------------------

RUNAWAY = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def test_a_runaway_statement_is_stopped_by_the_time_budget() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    schema_guard.harden(conn, statement_seconds=0.2)
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError) as stopped:
        conn.execute(RUNAWAY).fetchone()
    assert schema_guard.is_interrupted(stopped.value)
    assert time.monotonic() - started < 2
    assert conn.execute("SELECT 1").fetchone() == (1,)  # the connection goes on
    with (
        schema_guard.statement_budget(conn, 0.05),
        pytest.raises(sqlite3.OperationalError, match="interrupted"),
    ):
        conn.execute(RUNAWAY).fetchone()
    assert schema_guard.set_statement_budget(conn, 30) == 0.2  # restored after the block
    conn.close()


def test_long_jobs_made_of_short_statements_are_not_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema_guard, "STATEMENT_SECONDS", 0.5)
    article = tmp_path / "long.txt"
    article.write_text(
        " ".join(f"Witness {n} said {n * 7} people were at the square." for n in range(6000)),
        encoding="utf-8",
    )
    desk = Desk.open(tmp_path / "w.fcdesk", backup=False)
    try:
        assert desk.importer.import_file(article).sentence_count == 6000
        with desk.repo.db.atomic():
            desk.repo.search.rebuild()
        assert desk.upkeep.check().ok
        assert desk.lookup.search("witness 42").total >= 1
    finally:
        desk.close()


def test_hardened_connection_refuses_trigger_writes_and_huge_values() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.executescript(
        "CREATE TABLE a (x); CREATE TABLE b (y);"
        " CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); END;"
        " CREATE VIEW v AS SELECT x FROM a"
    )
    schema_guard.harden(conn)
    if hasattr(conn, "setconfig"):  # Python 3.12+: the file's triggers are switched off
        conn.execute("INSERT INTO a VALUES (1)")
    else:  # Python 3.11: a statement that would fire one is refused
        with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
            conn.execute("INSERT INTO a VALUES (1)")
        assert conn.execute("SELECT count(*) FROM v").fetchone() == (0,)  # reading is fine
    assert conn.execute("SELECT count(*) FROM b").fetchone() == (0,)
    with pytest.raises(sqlite3.DataError, match="too big"):
        conn.execute("SELECT length(randomblob(900000000))").fetchone()
    conn.close()


def test_foreign_key_cascades_still_work_under_the_limits(original: Path, tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    desk = Desk.open(path, backup=False)
    try:
        desk.repo.db.execute("DELETE FROM sentence_sources")
        desk.repo.db.execute("DELETE FROM articles WHERE id = 1")
        assert desk.repo.db.execute("SELECT count(*) FROM reviews").fetchone() == (0,)
    finally:
        desk.close()


def test_cleaning_leaves_out_a_url_pattern_whose_format_would_eat_the_memory(
    original: Path, tmp_path: Path
) -> None:
    """The cleaned copy checked a stored ClaimReview pattern by formatting it: a width of
    3,000,000,000 built a 3 GB string (MemoryError). The desk's one URL rule reads it."""
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(
        path,
        "INSERT INTO settings VALUES ('claimreview.url_pattern',"
        " 'https://ex.example/{number:>3000000000}')",
    )
    import tracemalloc

    tracemalloc.start()
    try:
        result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100_000_000
    assert result.skipped["settings"] == 1
    assert read(result.path, "SELECT value FROM settings WHERE key LIKE 'claimreview.%'") == []


def test_a_cleaned_copys_summary_counts_in_words(tmp_path: Path) -> None:
    """`clean` said "Copied 1 articles, … 1 sources and 1 history entries"."""
    result = cleaning.CleanedCopy(
        tmp_path / "w-cleaned.fcdesk",
        copied={"articles": 1, "sentences": 12, "reviews": 1, "sources": 1, "history": 1},
    )
    assert result.summary() == (
        f"Copied 1 article, 12 sentences, 1 review, 1 source and 1 history entry to "
        f"{tmp_path / 'w-cleaned.fcdesk'}."
    )


def test_cleaned_copy_leaves_out_a_version_without_its_reviewer_or_in_conflict(
    original: Path, tmp_path: Path
) -> None:
    """A reviewer's version is hers by name and never a conflict (the decided review is):
    one of a file defined without those checks that has no name, or says "conflict", is
    left out of the cleaned copy, while a decided review in conflict is kept."""
    path = tmp_path / "w.fcdesk"
    shutil.copy(original, path)
    plant(
        path,
        "DROP TABLE review_versions;"
        " CREATE TABLE review_versions (sentence_id INTEGER, reviewer TEXT, tag TEXT,"
        " rating TEXT, claimant TEXT, explanation TEXT, status TEXT,"
        " denies_sentence_id INTEGER, updated_at TEXT);"
        " INSERT INTO review_versions VALUES (1, NULL, 'claim', NULL, '', '', 'done', NULL, 't'),"
        " (2, 'Ana', 'claim', NULL, '', '', 'conflict', NULL, 't'),"
        " (3, 'Ana', 'claim', NULL, '', '', 'done', NULL, 't');"
        " UPDATE reviews SET status = 'conflict' WHERE sentence_id = 1;",
    )
    result = cleaning.open_cleaned_copy(path, tmp_path / "copy.fcdesk")
    assert result.skipped["review_versions"] == 2 and result.skipped["reviews"] == 0
    assert read(result.path, "SELECT sentence_id, reviewer FROM review_versions") == [(3, "Ana")]
    assert read(result.path, "SELECT status FROM reviews WHERE sentence_id = 1") == [("conflict",)]
