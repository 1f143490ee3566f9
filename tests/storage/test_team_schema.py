"""Schema 5 (issue 16): older workspaces keep every review as their reviewer's own version,
gain the sign-off table and the history's chain columns, and get a workspace id."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.services.desk import Desk
from factcheck_app.storage.migrations import SCHEMA_VERSION
from tests.conftest import copy_of_old_workspace


@pytest.mark.parametrize("fixture", ["schema-v1.fcdesk", "schema-v2.fcdesk"])
def test_older_reviews_become_their_reviewers_versions(tmp_path: Path, fixture: str) -> None:
    path = copy_of_old_workspace(tmp_path, fixture)
    desk = Desk.open(path, backup=False)
    try:
        db = desk.workspace.db
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 5
        decided = db.execute(
            "SELECT sentence_id, reviewer, tag, rating, claimant, explanation, status"
            " FROM reviews ORDER BY sentence_id"
        ).fetchall()
        versions = db.execute(
            "SELECT sentence_id, reviewer, tag, rating, claimant, explanation, status"
            " FROM review_versions ORDER BY sentence_id"
        ).fetchall()
        assert decided and versions == decided
        assert db.execute("SELECT count(*) FROM sign_offs").fetchone()[0] == 0
        columns = {c.name for c in db["history"].columns}
        assert {"article_id", "sentence_id", "origin", "prev_hash", "hash"} <= columns
        workspace_id = db.execute(
            "SELECT value FROM settings WHERE key = 'workspace.id'"
        ).fetchone()[0]
        assert len(workspace_id) == 32
    finally:
        desk.close()
