"""Opening a workspace of another schema version: an older one is migrated without losing a
row (or left as it was, with its backup), a newer one is read and never changed."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage.migrations import SCHEMA_VERSION
from tests.conftest import REPO_ROOT, SEED_FILE


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    return env


def _digests(path: Path) -> dict[str, str]:
    """The bytes of the workspace and of its -wal, by name."""
    files = [path, path.with_name(path.name + "-wal")]
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.exists()}


# A newer desk (one schema version on) that saves an edit and is killed before it closes:
# its last edits and its schema version are only in the -wal.
NEWER_DESK_KILLED = """
import os, signal, sys
from pathlib import Path
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
desk = Desk.open(Path(sys.argv[1]), backup=False)
desk.importer.import_file(Path(sys.argv[2]))
desk.reviews.set_tag(desk.reviews.sentence_rows(1)[0].sentence.id, Tag.CLAIM)
desk.workspace.db.execute(f"PRAGMA user_version = {int(sys.argv[3])}")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_newer_workspace_with_unmerged_edits_keeps_its_bytes(tmp_path: Path) -> None:
    """Opened for editing, a newer workspace was first opened writable, then closed to be
    reopened read-only: that close merged the newer desk's -wal into the file and emptied
    it. Every byte of the file and its -wal now stays as the newer version left them."""
    path = tmp_path / "future.fcdesk"
    killed = subprocess.run(
        [sys.executable, "-c", NEWER_DESK_KILLED, path, SEED_FILE, str(SCHEMA_VERSION + 1)],
        env=_env(),
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -9, killed.stderr
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    before = _digests(path)
    desk = Desk.open(path)
    try:
        assert desk.read_only
        assert any("newer version" in notice for notice in desk.notices)
        first = desk.reviews.sentence_rows(1)[0]
        assert first.review.tag is Tag.CLAIM  # the edit in the -wal is read
    finally:
        desk.close()
    assert _digests(path) == before
