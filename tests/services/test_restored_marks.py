"""What a restored backup says about itself when it is next opened. Every backup the
desk makes is taken while it has the workspace open, so the backup holds that desk's
"open" mark; restored, the workspace opened with "not closed properly last time (a crash
or power cut)" and a list of "last edits" to check: untrue, and alarming just after a
restore chosen on purpose."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from factcheck_app.domain.models import Tag
from factcheck_app.services import workspace_files
from factcheck_app.services.desk import Desk
from tests.desk_left_open import desk_left_open
from tests.services.merge_fixtures import SHARED


def test_a_restored_backup_opens_as_closed_with_what_it_held(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        first = desk.reviews.sentence_rows(article)[0].sentence.id
        desk.reviews.set_tag(first, Tag.CLAIM)
        desk.reviews.set_verdict(first, "false")
        backup = desk.upkeep.backup_now()  # File → Back Up Now, the desk open
        desk.reviews.set_verdict(first, "true")  # a change the reviewer then regrets
    finally:
        desk.close()
    held = hashlib.sha256(backup.read_bytes()).hexdigest()
    workspace_files.restore_backup(path, backup)
    assert hashlib.sha256(backup.read_bytes()).hexdigest() == held  # the backup as it was
    restored = Desk.open(path, backup=False)
    try:
        assert restored.unconfirmed_edits == []  # the window's box lists these
        assert not restored.copied_while_open
        assert restored.reviews.sentence_rows(article)[0].review.verdict == "false"
    finally:
        restored.close()


def test_a_backup_copied_out_of_its_folder_opens_as_closed(tmp_path: Path) -> None:
    # safety.md: "Restore it, or copy it out of the backups folder, to work from it".
    # Copied out and opened for editing, it too said "not closed properly last time".
    path = tmp_path / "w.fcdesk"
    desk = Desk.open(path, backup=False)
    try:
        article = desk.importer.import_text(SHARED, source_name="shared.txt").article_id
        desk.reviews.set_verdict(desk.reviews.sentence_rows(article)[0].sentence.id, "false")
        backup = desk.upkeep.backup_now()
    finally:
        desk.close()
    copy = tmp_path / "desk archive" / "w-from-backup.fcdesk"
    copy.parent.mkdir()
    shutil.copyfile(backup, copy)
    opened = Desk.open(copy, backup=False)
    try:
        assert opened.unconfirmed_edits == []
        assert not opened.copied_while_open
    finally:
        opened.close()
    # Opened again after a crash of its own desk, it is told as a crash, as any workspace.
    with desk_left_open(copy, "Ann") as crashed:
        crashed.do("verdict", 2, "true")
        crashed.do("crash")
    opened = Desk.open(copy, backup=False)
    try:
        assert [e["description"] for e in opened.unconfirmed_edits] == ["Verdict: True"]
    finally:
        opened.close()
