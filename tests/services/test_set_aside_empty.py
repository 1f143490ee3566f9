"""An empty (0-byte) workspace is moved aside, for a new one in its place, only while no
other desk has the workspace and only if it is still empty: between the question and the
answer another desk may have made a new workspace there, or be writing to it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceInUse
from factcheck_app.services import workspace_files
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups
from tests.conftest import SEED_FILE


def articles_in(path: Path) -> int:
    desk = Desk.open(path, read_only=True, backup=False, session=False)
    try:
        return len(desk.articles.list_articles())
    finally:
        desk.close()


def set_aside_files(path: Path) -> list[str]:
    folder = backups.backup_dir(path)
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_an_empty_workspace_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "w.fcdesk"
    path.touch()
    moved = workspace_files.set_aside_empty(path)
    assert moved is not None and moved.parent == backups.backup_dir(path)
    assert moved.name.endswith("-empty.fcdesk") and moved.stat().st_size == 0
    assert not path.exists()


def test_a_workspace_another_desk_made_and_is_editing_is_not_moved(tmp_path: Path) -> None:
    """Two desks asked about the same empty file; the first answered "new" and is working
    in the new workspace when the second answers "new" too."""
    path = tmp_path / "w.fcdesk"
    path.touch()
    workspace_files.set_aside_empty(path)  # the first desk's answer
    first = Desk.open(path, backup=False)
    try:
        first.importer.import_file(SEED_FILE)
        before = set_aside_files(path)
        with pytest.raises(WorkspaceInUse):
            workspace_files.set_aside_empty(path)  # the second desk's answer
        assert set_aside_files(path) == before
        later = tmp_path / "later.txt"
        later.write_text("The mayor said the bridge opened in 1990. It opened in 1992.\n")
        first.importer.import_file(later)  # the first desk goes on working
    finally:
        first.close()
    assert articles_in(path) == 2


def test_a_workspace_no_longer_empty_is_not_moved(tmp_path: Path) -> None:
    """The first desk made its new workspace and closed it before the second answered."""
    path = tmp_path / "w.fcdesk"
    path.touch()
    workspace_files.set_aside_empty(path)
    first = Desk.open(path, backup=False)
    first.importer.import_file(SEED_FILE)
    first.close()
    before = set_aside_files(path)
    assert workspace_files.set_aside_empty(path) is None
    assert set_aside_files(path) == before
    assert articles_in(path) == 1


def test_an_emptied_workspace_another_desk_has_open_keeps_its_files(tmp_path: Path) -> None:
    """A sync tool emptied the file under a desk that has it open: its -wal, which that
    desk is writing, stays beside it."""
    path = tmp_path / "w.fcdesk"
    first = Desk.open(path, backup=False)
    try:
        first.importer.import_file(SEED_FILE)
        os.truncate(path, 0)
        wal = path.with_name(path.name + "-wal")
        assert wal.exists()
        with pytest.raises(WorkspaceInUse):
            workspace_files.set_aside_empty(path)
        assert path.exists() and wal.exists()
        assert set_aside_files(path) == []
    finally:
        first.close()
