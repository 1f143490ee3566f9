"""A schema-4 workspace (the last before team review) migrates to schema 5 with a backup
taken first (issue 16): every review becomes its reviewer's own version, the history is
filed under its sentences and chained, nothing is signed off, and work goes on."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage.backups import backup_dir
from factcheck_app.storage.migrations import SCHEMA_VERSION

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "workspaces" / "schema-v4.fcdesk"
REVIEWS = "SELECT sentence_id, reviewer, tag, rating, claimant, explanation, status FROM reviews"


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_schema_4_workspace_migrates_after_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "desk.fcdesk"
    shutil.copy(FIXTURE, path)
    assert rows(path, "PRAGMA user_version") == [(4,)]
    reviews_before = rows(path, REVIEWS + " ORDER BY sentence_id")
    history_before = rows(path, "SELECT id, at, actor, action, description, old, new FROM history")
    desk = Desk.open(path, backup=False, reviewer="Max Olsen")
    try:
        # The backup was taken before the migration: the file as it was, schema 4.
        [backup] = backup_dir(path).glob("*before-migration*.fcdesk")
        assert rows(backup, "PRAGMA user_version") == [(4,)]
        assert rows(backup, REVIEWS + " ORDER BY sentence_id") == reviews_before
        db = desk.workspace.db
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 5
        versions = db.execute(
            "SELECT sentence_id, reviewer, tag, rating, claimant, explanation, status"
            " FROM review_versions ORDER BY sentence_id"
        ).fetchall()
        assert versions == reviews_before and {v[1] for v in versions} == {"fixture"}
        assert db.execute("SELECT count(*) FROM sign_offs").fetchone()[0] == 0
        assert [
            tuple(r)
            for r in db.execute(
                "SELECT id, at, actor, action, description, old, new FROM history ORDER BY id"
            ).fetchall()
        ] == history_before  # not rewritten: filed and chained
        result = desk.history.verify()
        assert result.ok and result.entries == len(history_before) == 9
        assert [e.sentence_id for e in desk.repo.history.entries()] == [1, 1, 5, 5, 5, 5, 6, 6, 7]
        assert desk.sources.links(5)[0].reviewer == ""
        # Work goes on: a second reviewer's edit adds their version beside the first.
        desk.reviews.set_verdict(5, "false")
        assert [v.reviewer for v in desk.repo.reviews.versions(5)] == ["fixture", "Max Olsen"]
        assert desk.history.verify().ok
    finally:
        desk.close()
    assert run(["verify", "-w", str(path)]) == 0
    assert "10 entries, every hash matches" in capsys.readouterr().out


def test_the_schema_4_fixture_opened_read_only_keeps_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "desk.fcdesk"
    shutil.copy(FIXTURE, path)
    before = path.read_bytes()
    desk = Desk.open(path, read_only=True)
    try:
        assert desk.reviews.review(1).tag is Tag.CLAIM
        assert [v.reviewer for v in desk.repo.reviews.versions(1)] == ["fixture"]
        assert "not chained yet" in desk.history.verify().summary()
    finally:
        desk.close()
    assert path.read_bytes() == before
