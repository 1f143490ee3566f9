"""Opening a workspace of another schema version: an older one is migrated without losing a
row (or left as it was, with its backup), a newer one is read and never changed."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from factcheck_app.domain.errors import WorkspaceError, WorkspaceFull
from factcheck_app.domain.models import Tag
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from factcheck_app.storage.cleaning import open_cleaned_copy
from factcheck_app.storage.migrations import SCHEMA_VERSION
from tests.conftest import REPO_ROOT, SEED_FILE, copy_of_old_workspace


class Usage(NamedTuple):
    """What shutil.disk_usage tells."""

    total: int
    used: int
    free: int


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    return env


def desk_script(script: str, *args: object) -> subprocess.CompletedProcess[str]:
    """Run `script` in another Python process (another desk), as the command line would."""
    return subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


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
    killed = desk_script(NEWER_DESK_KILLED, path, SEED_FILE, SCHEMA_VERSION + 1)
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


# The newer desk of the team: opens the workspace (migrating it), a second reviewer gives
# another verdict, an editor approves it.
MIGRATE_AND_SIGN_OFF = """
import sys
from pathlib import Path
from factcheck_app.services.desk import Desk
desk = Desk.open(Path(sys.argv[1]), reviewer="Max Olsen")
desk.reviews.set_verdict(5, "false")
desk.close()
desk = Desk.open(Path(sys.argv[1]), reviewer="Ed Itor")
desk.sign_offs.approve(5, "checked")
desk.close()
"""


def test_a_read_only_desk_keeps_up_when_another_desk_migrates_the_workspace(
    tmp_path: Path,
) -> None:
    """A read-only window on an older workspace reads stand-ins for the tables it lacks.
    When another desk migrated the file meanwhile, those stand-ins hid the real tables for
    as long as the window stayed open: the first reviewer's verdict was gone, the editor's
    approval never showed, and the history check called the chained history tampered
    with ("keep this file as evidence")."""
    path = copy_of_old_workspace(tmp_path, "schema-v4.fcdesk")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")  # as the desk keeps its workspaces
    conn.close()
    reader = Desk.open(path, read_only=True)
    try:
        assert [v.reviewer for v in reader.repo.reviews.versions(5)] == ["fixture"]
        desk_script(MIGRATE_AND_SIGN_OFF, path).check_returncode()
        reader.data_version()  # what the window polls to show other programs' saves
        assert [v.reviewer for v in reader.repo.reviews.versions(5)] == ["fixture", "Max Olsen"]
        sign_off = reader.sign_offs.sign_off(5)
        assert sign_off is not None and sign_off.editor == "Ed Itor"
        assert reader.history.verify().ok
    finally:
        reader.close()


# An update that brings two migrations; the program dies in the second, after the first
# has run (a power cut, the desk killed while the window seemed to hang).
UPDATE_KILLED_BETWEEN_MIGRATIONS = """
import os, signal, sys
from pathlib import Path
from sqlite_utils.migrations import Migrations
from factcheck_app.storage import migrations, workspace
update = Migrations("factcheck_desk")
for name, fn in migrations.RELEASED:
    update(name=name)(fn)
@update()
def m900_review_priority(db):
    db.execute("ALTER TABLE reviews ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")
@update()
def m901_killed(db):
    db.execute("UPDATE reviews SET claimant = 'half-migrated'")
    os.kill(os.getpid(), signal.SIGKILL)
workspace.MIGRATIONS = update
workspace.SCHEMA_VERSION = migrations.SCHEMA_VERSION + 2
workspace.open_workspace(Path(sys.argv[1]))
"""


def test_an_update_killed_between_two_migrations_leaves_the_workspace_as_it_was(
    tmp_path: Path,
) -> None:
    """Each migration was its own transaction, and the schema version was written after
    the last: killed between two, the workspace kept the first one's changes under its old
    version number. The version it came from then refused it as a file "made to change
    verdicts" (a table defined differently), and any older desk did too. Now every
    migration of one open is one transaction: the workspace is as before, or upgraded."""
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.reviews.set_text_field(desk.reviews.sentence_rows(1)[0].sentence.id, "claimant", "Baku")
    desk.close()
    killed = desk_script(UPDATE_KILLED_BETWEEN_MIGRATIONS, path)
    assert killed.returncode == -9, killed.stderr
    desk = Desk.open(path)  # the version the update came from, as before the update
    try:
        db = desk.workspace.db
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "priority" not in db["reviews"].columns_dict
        assert desk.reviews.sentence_rows(1)[0].review.claimant == "Baku"
    finally:
        desk.close()


# The desk killed while it makes a new workspace (at its very first start, say).
CREATION_KILLED = """
import os, signal, sys
from pathlib import Path
from sqlite_utils.migrations import Migrations
from factcheck_app.storage import migrations, workspace
update = Migrations("factcheck_desk")
@update()
def m000_killed(db):  # the first step, right after the list of applied ones is made
    os.kill(os.getpid(), signal.SIGKILL)
workspace.MIGRATIONS = update
workspace.open_workspace(Path(sys.argv[1]))
"""


def test_a_new_workspace_killed_as_it_is_made_opens_afterwards(tmp_path: Path) -> None:
    """The table listing applied migrations was committed before the first migration:
    killed in between, the new file held only that table and was refused ever after as
    "not a Factcheck desk workspace" (at every start, for the default workspace)."""
    path = tmp_path / "new.fcdesk"
    killed = desk_script(CREATION_KILLED, path)
    assert killed.returncode == -9, killed.stderr
    desk = Desk.open(path)
    try:
        assert desk.workspace.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert desk.articles.list_articles() == []
    finally:
        desk.close()


def test_an_older_workspace_with_a_broken_reference_upgrades_keeping_every_row(
    tmp_path: Path,
) -> None:
    """A sentence deleted with the sqlite3 shell (where foreign keys are off unless asked
    for) leaves its review and the denial pointing at it behind. The upgrade that rebuilds
    the reviews table stopped on them ("FOREIGN KEY constraint failed"), so the workspace
    could never be opened for editing again. Migrations now run as SQLite advises for
    rebuilding a table, with foreign keys off: every row comes along, and Check Workspace
    names the broken references, as it did before the upgrade."""
    path = copy_of_old_workspace(tmp_path, "schema-v4.fcdesk")
    conn = sqlite3.connect(path)  # foreign keys off, as in the sqlite3 shell
    conn.execute("DELETE FROM sentences WHERE id = 5")  # reviewed, and denied by 6
    conn.commit()
    reviews_before = conn.execute("SELECT * FROM reviews ORDER BY sentence_id").fetchall()
    conn.close()
    assert [r[0] for r in reviews_before] == [1, 5, 6, 7]
    desk = Desk.open(path, backup=False)
    try:
        db = desk.workspace.db
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        reviews = db.execute(
            "SELECT sentence_id, tag, rating, claimant, explanation, status,"
            " denies_sentence_id, reviewer, updated_at FROM reviews ORDER BY sentence_id"
        ).fetchall()
        assert [tuple(r) for r in reviews] == reviews_before
        report = desk.upkeep.check()
        assert "broken reference" in " ".join(report.lines)
    finally:
        desk.close()


def test_an_upgrade_whose_backup_fills_the_disk_is_told_as_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a nearly full disk SQLite can report the backup before an upgrade failing as a
    "disk I/O error" (the copy's shared-memory file could not grow). That came out as a
    plain error, so the window said "Cannot open the workspace" instead of offering to
    open it read-only until there is space, as it does for a full disk."""
    path = copy_of_old_workspace(tmp_path, "schema-v4.fcdesk")

    def copy_cut_short(conn: sqlite3.Connection, target: Path) -> None:
        target.write_bytes(b"SQLite format 3\x00")  # a start was written
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(backups, "_copy_into_file", copy_cut_short)
    monkeypatch.setattr(backups, "BACKUP_HEADROOM", -(2**40))  # it looked as if it fit
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: Usage(2**30, 2**30, 4096))
    with pytest.raises(WorkspaceFull, match="disk is full"):
        Desk.open(path)
    assert list(backups.backup_dir(path).iterdir()) == []
    monkeypatch.undo()
    desk = Desk.open(path, read_only=True)  # what the window then offers
    try:
        assert len(desk.articles.list_articles()) == 1
    finally:
        desk.close()


# The other desk: opens the workspace for editing (upgrading it) and names a claimant.
UPGRADE_AND_EDIT = """
import sys
from pathlib import Path
from factcheck_app.services.desk import Desk
desk = Desk.open(Path(sys.argv[1]))
desk.reviews.set_text_field(5, "claimant", "Zanzibar")
desk.close()
"""


def test_a_read_only_desk_finds_what_is_saved_after_another_desk_upgraded_the_workspace(
    tmp_path: Path,
) -> None:
    """A workspace without this version's search index is searched, read-only, from a
    private index built when it opened. Once another desk had upgraded the workspace (and
    built the index in it), the read-only window went on searching its private copy: no
    search ever found what was saved there after it opened."""
    path = copy_of_old_workspace(tmp_path, "schema-v1.fcdesk")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    reader = Desk.open(path, read_only=True)
    try:
        assert reader.lookup.search("Zanzibar").total == 0
        desk_script(UPGRADE_AND_EDIT, path).check_returncode()
        reader.data_version()  # what the window polls to show other programs' saves
        assert reader.lookup.search("Zanzibar").total == 1
    finally:
        reader.close()


def test_a_cleaned_copy_of_a_newer_workspace_is_refused_not_cut_down(tmp_path: Path) -> None:
    """A cleaned copy keeps only what this version knows. Of a workspace saved by a newer
    version it silently left out whatever that version added (here a table of its own)
    and wrote a workspace of this version's format to go on working in: the newer
    version's records were lost in the copy without a word. It is refused instead, as
    merging such a workspace is: the newer version can make the cleaned copy."""
    path = tmp_path / "future.fcdesk"
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("CREATE TABLE review_priorities (sentence_id INTEGER PRIMARY KEY, level INT)")
    conn.execute("INSERT INTO review_priorities VALUES (1, 5)")
    conn.commit()
    conn.close()
    before = _digests(path)
    target = tmp_path / "future-cleaned.fcdesk"
    with pytest.raises(WorkspaceError, match="newer version"):
        open_cleaned_copy(path, target)
    assert not target.exists()
    assert _digests(path) == before
