"""SQLite's temporary files on a full temporary folder.

SQLite sorts what does not fit in its memory (2 MB) in files of the folder named by
`SQLITE_TMPDIR`, else `TMPDIR`, else /var/tmp or /tmp: on a workspace of some 100,000
sentences or more, the upgrade that indexes a column (`CREATE INDEX`) and Check
Workspace's look at the search index (one query over every sentence) do. When that
folder is full (a small RAM disk, a quota), SQLite says "database or disk is full", and
the desk told it as "The disk is full: the change was NOT saved to the workspace …",
the wrong disk: the reviewer freed space beside the workspace, in vain. Check
Workspace even took it for a damaged search index and marked it to be rebuilt.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceFull
from factcheck_app.services.desk import Desk
from factcheck_app.storage import errors
from factcheck_app.storage.migrations import SCHEMA_VERSION

REPO_ROOT = Path(__file__).resolve().parents[2]
SENTENCES = 150_000  # enough for SQLite's sort to leave its memory for a file


def _fill(folder: Path) -> None:
    """Fill the file system holding `folder` to its last page."""
    with open(folder / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 4096)
        except OSError:
            pass


@pytest.fixture
def full_temporary_folder(small_disk: Path) -> Path:
    folder = small_disk / "tmp"
    folder.mkdir()
    _fill(small_disk)
    return folder


def _big_older_workspace(path: Path) -> None:
    """A workspace of `SENTENCES` reviewed sentences, saved by the version before the
    denial links were indexed (schema 5): opening it for editing builds those indexes."""
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_text("The minister said taxes rose. Nobody checked.")
    finally:
        desk.close()
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(
                "INSERT INTO articles (id, title, text, content_hash, imported_at) VALUES "
                "(1000, 'Budget', ?, 'padding', '2026-01-01T00:00:00Z')",
                ["." * (SENTENCES + 1)],
            )
            first = 1000
            conn.executemany(
                'INSERT INTO sentences (id, article_id, start, "end") VALUES (?, 1000, ?, ?)',
                ((first + i, i, i + 1) for i in range(SENTENCES)),
            )
            conn.executemany(
                "INSERT INTO reviews (sentence_id, tag, status, denies_sentence_id) "
                "VALUES (?, 'claim', 'done', ?)",
                ((first + i, first + SENTENCES - 1 - i) for i in range(SENTENCES)),
            )
            conn.execute("DROP INDEX idx_reviews_denies")
            conn.execute("DROP INDEX idx_review_versions_denies")
            conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm006_denial_link_indexes'")
        conn.execute("PRAGMA user_version = 5")
    finally:
        conn.close()


def _schema(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_an_upgrade_stopped_by_a_full_temporary_folder_names_that_folder(
    tmp_path: Path, full_temporary_folder: Path
) -> None:
    """Through the command line: one line naming the temporary folder, exit status 1, the
    workspace left as it was (still the older schema) and upgraded once there is room."""
    path = tmp_path / "year.fcdesk"
    _big_older_workspace(path)
    article = tmp_path / "article.txt"
    article.write_text("The minister said taxes rose. Nobody checked.", encoding="utf-8")
    command = [sys.executable, "-m", "factcheck_app", "import", "-w", str(path), str(article)]
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), SQLITE_TMPDIR=str(full_temporary_folder))
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=300, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"The temporary folder {full_temporary_folder} is full" in lines[0]
    assert "the workspace is unchanged" in lines[0]
    assert "TMPDIR" in lines[0]
    assert "The disk is full" not in lines[0]
    assert _schema(path) == SCHEMA_VERSION - 1  # nothing of the upgrade went in

    env["SQLITE_TMPDIR"] = str(tmp_path)  # room again
    again = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=300, stdin=subprocess.DEVNULL
    )
    assert again.returncode == 0, again.stderr
    assert _schema(path) == SCHEMA_VERSION


@pytest.fixture
def sqlite_temporary_folder() -> Iterator[None]:
    """Put back SQLite's own choice of temporary folder (`PRAGMA temp_store_directory`
    is for the whole process)."""
    yield
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("PRAGMA temp_store_directory = ''")
    finally:
        conn.close()


def test_a_full_temporary_folder_is_told_as_itself_not_as_the_workspace_disk(
    tmp_path: Path, full_temporary_folder: Path, sqlite_temporary_folder: None
) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"PRAGMA temp_store_directory = '{full_temporary_folder}'")
    conn.close()
    full = sqlite3.OperationalError("database or disk is full")
    told = errors.translate(full, tmp_path / "w.fcdesk")
    assert isinstance(told, WorkspaceFull)  # kept for later, as on a full disk
    assert str(told).startswith(f"The temporary folder {full_temporary_folder} is full")
    assert "the workspace is unchanged" in str(told)


def test_a_full_disk_holding_the_workspace_is_still_told_as_the_disk(
    tmp_path: Path, small_disk: Path, sqlite_temporary_folder: None
) -> None:
    """The workspace on the full disk, the temporary folder elsewhere with room."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f"PRAGMA temp_store_directory = '{tmp_path}'")
    conn.close()
    _fill(small_disk)
    full = sqlite3.OperationalError("database or disk is full")
    told = errors.translate(full, small_disk / "w.fcdesk")
    assert str(told).startswith("The disk is full: the change was NOT saved to the workspace")


def test_check_workspace_does_not_take_a_full_temporary_folder_for_a_damaged_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check's look at the index stopped by a full temporary folder: the check says
    so; the index is not called damaged nor marked to be rebuilt."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        desk.importer.import_text("The minister said taxes rose. Nobody checked.")
        search = desk.repo.search
        execute = desk.repo.db.execute

        def sort_without_room(sql: str, *args: object) -> object:
            if "UNION SELECT rowid" in sql:
                raise WorkspaceFull("The temporary folder /tmp/small is full …")
            return execute(sql, *args)

        monkeypatch.setattr(desk.repo.db, "execute", sort_without_room)
        with pytest.raises(WorkspaceFull, match="temporary folder"):
            desk.upkeep.check()
        monkeypatch.undo()
        assert search.rebuild_due() is None
        assert desk.lookup.search("minister")
    finally:
        desk.close()


def test_on_windows_the_temporary_folder_named_is_the_one_sqlite_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite on Windows sorts in the folder GetTempPath gives (TMP, else TEMP, else the
    user's profile folder), not in TMPDIR, /var/tmp or /tmp: the desk's guess fell
    through those to "." and named the folder it was started from (C:\\Program Files…)
    as the full temporary folder, telling the reviewer to set TMPDIR."""
    windows_temp = tmp_path / "AppData-Local-Temp"
    windows_temp.mkdir()
    monkeypatch.setenv("TMP", str(windows_temp))
    monkeypatch.setenv("TEMP", str(tmp_path))
    monkeypatch.setattr(errors, "_SQLITE_TEMP_ENV", (None, str(tmp_path)))  # not read there
    monkeypatch.setattr(sys, "platform", "win32")
    folder = errors.sqlite_temporary_folder()
    monkeypatch.setattr(errors, "_full_temporary_folder", lambda _path: windows_temp)
    told = str(errors.translate(sqlite3.OperationalError("database or disk is full"), None))
    monkeypatch.undo()
    assert folder == windows_temp
    assert f"The temporary folder {windows_temp} is full" in told
    assert "set TMP to a folder with room" in told
