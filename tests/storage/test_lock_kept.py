"""WriterLock.keep: a held lock whose file was deleted or replaced takes a fresh one."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceInUse
from factcheck_app.storage import locking


def test_keep_takes_a_fresh_lock_file_in_place_of_a_deleted_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locking, "holders_of_deleted", lambda path: [])  # not Linux
    workspace = tmp_path / "w.fcdesk"
    workspace.write_bytes(b"")
    lock = locking.WriterLock.acquire(workspace, "the desk window")
    try:
        path = locking.lock_path(workspace)
        assert lock.keep()  # all well: nothing done
        path.unlink()
        assert lock.keep() and path.exists()
        assert locking.describe_holder(workspace).startswith("the desk window, process")
        with pytest.raises(WorkspaceInUse):
            locking.WriterLock.acquire(workspace, "second")
        path.unlink()
        path.write_text("a sync tool's copy of another computer's lock file\n")
        assert lock.keep()
        with pytest.raises(WorkspaceInUse):
            locking.WriterLock.acquire(workspace, "second")
    finally:
        lock.release()
    locking.WriterLock.acquire(workspace, "after").release()


def test_keep_says_when_another_program_took_the_lock_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locking, "holders_of_deleted", lambda path: [])  # not Linux
    workspace = tmp_path / "w.fcdesk"
    workspace.write_bytes(b"")
    lock = locking.WriterLock.acquire(workspace, "the desk window")
    try:
        locking.lock_path(workspace).unlink()
        other = locking.WriterLock.acquire(workspace, "a command")
        assert not lock.keep()
        other.release()
        assert lock.keep()
        with pytest.raises(WorkspaceInUse):
            locking.WriterLock.acquire(workspace, "second")
    finally:
        lock.release()
