"""A team's workspace made by an older desk (schema 5, tests/data/workspaces/
make_team_fixture.py at bcd6bea: tags, verdicts, sources, a denial, a second look,
article properties, the publisher, an undo and a redo, an approval and a return, a
colleague's copy merged with a conflict) opened by this one: every row kept and shown,
the backup named to the reviewer, who is told that older desks can now only read it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import NamedTuple

import pytest

from factcheck_app.cli import run
from factcheck_app.services.desk import Desk
from factcheck_app.storage.backups import backup_dir
from factcheck_app.storage.migrations import SCHEMA_VERSION
from tests.conftest import OLD_WORKSPACES, SEED_FILE, copy_of_old_workspace

FIXTURE = "team-schema-v5.fcdesk"
# Every table of schema 5 with its rows in a fixed order; what the upgrade must keep.
TABLES = {
    "articles": "id",
    "sentences": "id",
    "article_text": "article_id, start",
    "reviews": "sentence_id",
    "review_versions": "sentence_id, reviewer",
    "sign_offs": "sentence_id",
    "sources": "id",
    "sentence_sources": "id",
    "history": "id",
}


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY {TABLES[table]}").fetchall()
    finally:
        conn.close()


def _setting(path: Path, key: str) -> object:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return None if row is None else row[0]
    finally:
        conn.close()


def test_a_team_workspace_of_schema_5_keeps_every_row_and_says_it_was_updated(
    tmp_path: Path,
) -> None:
    path = copy_of_old_workspace(tmp_path, FIXTURE)
    before = {table: _rows(path, table) for table in TABLES}
    assert len(before["sign_offs"]) == 2 and len(before["history"]) == 25
    desk = Desk.open(path, backup=False, reviewer="Alice")
    try:
        [backup] = backup_dir(path).glob("*before-migration*.fcdesk")
        notice = " ".join(desk.notices)
        # The reviewer is told what happened, where the old copy is, and what it means
        # for colleagues not yet updated (the file is read-only to their desks now).
        assert f"(schema {SCHEMA_VERSION}; it was 5)" in notice
        assert backup.name in notice and str(backup.parent) in notice
        assert "older" in notice and "only read" in notice
        assert desk.history.verify().ok
        statuses = {r.sentence.id: r.review.status for r in desk.reviews.sentence_rows(1)}
        assert statuses[5] == "conflict" and statuses[7] == "second_look"
        assert desk.sign_offs.sign_off(5) is not None
        assert desk.sign_offs.sign_off(5).note == "Needs a second source"  # type: ignore[union-attr]
        assert [v.reviewer for v in desk.merge.versions(5)] == ["Alice", "Bob"]
        assert desk.articles.article_metadata(1).outlet == "Example Times"
    finally:
        desk.close()
    assert {table: _rows(path, table) for table in TABLES} == before
    assert _rows(backup, "history") == before["history"]
    assert _setting(path, "publisher.name") == "Example Fact Desk"


def test_the_command_line_says_the_workspace_was_updated_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_of_old_workspace(tmp_path, FIXTURE)
    assert run(["import", "-w", str(path), str(SEED_FILE)]) == 0
    said = capsys.readouterr().err
    [backup] = backup_dir(path).glob("*before-migration*.fcdesk")
    assert (
        "note: This workspace was updated to the format of this version" in said
        and backup.name in said
    )
    assert run(["import", "-w", str(path), str(SEED_FILE)]) == 0
    assert "updated" not in capsys.readouterr().err  # told once, when it happened


def test_a_new_or_current_workspace_is_not_called_updated(tmp_path: Path) -> None:
    path = tmp_path / "new.fcdesk"
    for _ in range(2):
        desk = Desk.open(path, backup=False)
        try:
            assert not any("updated" in notice for notice in desk.notices)
        finally:
            desk.close()


class _Usage(NamedTuple):
    total: int
    used: int
    free: int


def test_an_update_without_room_for_its_backup_says_why_a_backup_and_that_nothing_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sign-off` on an older workspace on a nearly full disk said only "No backup of
    w.fcdesk was made: the disk has less free space than the backup needs (22 MB)": not
    why a backup, nor whether the workspace was touched."""
    path = copy_of_old_workspace(tmp_path, FIXTURE)
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: _Usage(2**30, 2**30, 4096))
    assert run(["sign-off", "-w", str(path), "--sentence", "3", "approve"]) == 1
    said = capsys.readouterr().err
    assert "No backup of team-schema-v5.fcdesk was made" in said
    assert f"updated from schema 5 to schema {SCHEMA_VERSION}" in said
    assert "was not updated and nothing in it was changed" in said
    assert "read-only" in said
    assert _rows(path, "sign_offs") == _rows(OLD_WORKSPACES / FIXTURE, "sign_offs")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    finally:
        conn.close()
