"""A named pipe, a socket or a device where SQLite keeps a workspace's companion files
(NAME-wal, NAME-shm, NAME-journal): a stray `mkfifo`, a sync tool's placeholder. SQLite
cannot write there, and every change ended in "disk I/O error… NOT saved", which sent
the reviewer to check a sound disk. The workspace opens read-only, saying which file is
in the way and what to do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.services.desk import Desk
from tests.conftest import SEED_FILE

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")


def _workspace(path: Path) -> Path:
    desk = Desk.open(path, backup=False)
    desk.importer.import_file(SEED_FILE)
    desk.close()
    return path


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_a_named_pipe_beside_the_workspace_opens_it_read_only_saying_so(
    tmp_path: Path, suffix: str
) -> None:
    path = _workspace(tmp_path / "ws.fcdesk")
    pipe = path.with_name(path.name + suffix)
    os.mkfifo(pipe)
    desk = Desk.open(path, backup=False)
    try:
        assert desk.read_only
        said = " ".join(desk.notices)
        assert f"{pipe.name} beside it is a named pipe, not a file" in said
        assert "read-only" in said and f"move {pipe.name} away" in said
        assert desk.articles.list_articles()  # read as ever
    finally:
        desk.close()
    assert pipe.is_fifo()  # left where it was: not the desk's to remove


def test_importing_beside_a_named_pipe_wal_names_the_pipe_not_the_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`factcheck-app import` said "The disk could not read or write the workspace …
    (disk I/O error): the change was NOT saved. Check the disk or the network
    connection" of a sound disk."""
    path = _workspace(tmp_path / "ws.fcdesk")
    os.mkfifo(path.with_name("ws.fcdesk-wal"))
    article = tmp_path / "a.txt"
    article.write_text("The minister said 40% of roads were fixed in 2023.\n", encoding="utf-8")
    assert run(["import", "--workspace", str(path), str(article)]) == 1
    err = capsys.readouterr().err
    assert "disk I/O error" not in err and "Check the disk" not in err
    assert "ws.fcdesk-wal beside it is a named pipe, not a file" in err


@pytest.mark.parametrize("suffix", ["-wal", "-shm"])
@pytest.mark.parametrize("target", ["a file elsewhere", "nothing"])
def test_a_link_as_the_wal_or_shm_opens_the_workspace_read_only_not_damaged(
    tmp_path: Path, suffix: str, target: str
) -> None:
    """SQLite never follows a link at NAME-wal or NAME-shm: the sound workspace was
    called "damaged and cannot be read … restore it from a backup" (a restore would put
    an older backup in place of her work)."""
    path = _workspace(tmp_path / "ws.fcdesk")
    elsewhere = tmp_path / "elsewhere" / f"ws.fcdesk{suffix}"
    elsewhere.parent.mkdir()
    if target == "a file elsewhere":
        elsewhere.write_bytes(b"")
    link = path.with_name(path.name + suffix)
    link.symlink_to(elsewhere)
    desk = Desk.open(path, backup=False)
    try:
        assert desk.read_only
        said = " ".join(desk.notices)
        assert f"{link.name} beside it is a link to {elsewhere}, not a file" in said
        assert f"move {link.name} away" in said
        assert desk.articles.list_articles()  # read as ever
    finally:
        desk.close()
    assert link.is_symlink()  # left where it was, and what it points at
    assert elsewhere.exists() == (target == "a file elsewhere")


def test_a_link_as_the_journal_is_followed_as_sqlite_does(tmp_path: Path) -> None:
    """SQLite follows a link at NAME-journal (its journal is made and removed through
    it): such a workspace is edited as ever, never read-only for it."""
    path = _workspace(tmp_path / "ws.fcdesk")
    elsewhere = tmp_path / "elsewhere-journal"
    elsewhere.write_bytes(b"")
    path.with_name("ws.fcdesk-journal").symlink_to(elsewhere)
    desk = Desk.open(path, backup=False)
    try:
        assert not desk.read_only
    finally:
        desk.close()


def test_a_named_pipe_beside_the_file_a_link_names_is_found_there(tmp_path: Path) -> None:
    """Opened through a link (a shortcut on the desktop to the archive on a share), the
    workspace's -wal is beside the file the link names, where SQLite keeps it: the look
    beside the link missed the pipe, and every change ended in "disk I/O error… Check
    the disk" again."""
    real = _workspace(tmp_path / "share" / "ws.fcdesk")
    link = tmp_path / "desktop.fcdesk"
    link.symlink_to(real)
    pipe = real.with_name("ws.fcdesk-wal")
    os.mkfifo(pipe)
    desk = Desk.open(link, backup=False)
    try:
        assert desk.read_only
        assert f"{pipe} beside it is a named pipe, not a file" in " ".join(desk.notices)
    finally:
        desk.close()


def test_a_named_pipe_in_a_folder_reached_through_a_link_is_named_as_she_sees_it(
    tmp_path: Path,
) -> None:
    """~/Documents often links to a second disk: the note named the pipe by the disk's
    path (".../disk2/ws.fcdesk-wal"), a folder the journalist never opened; beside the
    workspace she opened, it is "ws.fcdesk-wal"."""
    (tmp_path / "disk2").mkdir()
    os.symlink(tmp_path / "disk2", tmp_path / "Documents")
    path = _workspace(tmp_path / "Documents" / "ws.fcdesk")
    os.mkfifo(path.with_name("ws.fcdesk-wal"))
    desk = Desk.open(path, backup=False)
    try:
        assert desk.read_only
        said = " ".join(desk.notices)
        assert "disk2" not in said
        assert "ws.fcdesk-wal beside it is a named pipe, not a file" in said
    finally:
        desk.close()
