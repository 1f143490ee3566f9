"""File → Save a Copy… (`backups.save_copy`): a whole copy of the open workspace to hand
over, which opens, is worked in and merges back as the same workspace, never told as a
copy taken while open; refused in words, leaving nothing behind, where it may not go."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from factcheck_app.cli import run
from factcheck_app.domain.errors import WorkspaceError, WorkspaceFull
from factcheck_app.domain.models import SignOffDecision
from factcheck_app.services.desk import Desk
from factcheck_app.storage import backups, scratch
from tests.closed_folder import close_folder
from tests.services.merge_fixtures import (
    article_titled,
    make_three_articles,
    open_as,
    sentence_ids,
)
from tests.storage.test_writer_lock import cli


@pytest.fixture
def ana(tmp_path: Path) -> Desk:
    """Ana's workspace, open, with work saved since it was opened (in its -wal)."""
    path = tmp_path / "ana.fcdesk"
    make_three_articles(path, "Ana Ruiz", 0)
    desk = open_as(path, "Ana Ruiz")
    port = sentence_ids(desk, article_titled(desk, "port"))[0]
    desk.reviews.set_text_field(port, "explanation", "Harbour log")
    yield desk
    desk.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name or "-journal" in p.name)


def test_a_copy_saved_while_open_opens_and_merges_back_without_the_torn_copy_box(
    ana: Desk, tmp_path: Path
) -> None:
    hand = tmp_path / "stick"
    hand.mkdir()
    copy = ana.upkeep.save_copy(hand / "ana – Ana Ruiz 2026-12-06.fcdesk")
    assert copy.name == "ana – Ana Ruiz 2026-12-06.fcdesk"
    assert sorted(p.name for p in hand.iterdir()) == [copy.name]  # no -wal, no part file
    edith = open_as(copy, "Edith Park")
    try:
        assert edith.same_workspace(ana)  # the same workspace: its id kept
        port = sentence_ids(edith, article_titled(edith, "port"))[0]
        assert edith.reviews.review(port).explanation == "Harbour log"  # the -wal's work
        edith.sign_offs.approve(port)
    finally:
        edith.close()
    result = ana.merge.merge(copy)
    assert not result.copied_while_open
    assert "copied while" not in result.summary()
    port = sentence_ids(ana, article_titled(ana, "port"))[0]
    sign_off = ana.sign_offs.sign_off(port)
    assert sign_off is not None and sign_off.decision is SignOffDecision.APPROVED
    again = ana.merge.merge(copy)  # nothing taken twice
    assert not again.changed


def test_never_over_the_open_workspace_its_wal_or_into_its_backups(
    ana: Desk, tmp_path: Path
) -> None:
    path = ana.path
    assert path is not None

    def state() -> list[tuple[int, int, int]]:  # stat only: reading it here drops locks
        files = [path, path.with_name(path.name + "-wal")]
        return [(f.stat().st_ino, f.stat().st_size, f.stat().st_mtime_ns) for f in files]

    before = state()
    folder = backups.backup_dir(path)
    folder.mkdir()
    for target, said in (
        (path, "is the open workspace itself"),
        (path.with_name(path.name + "-wal"), "is the open workspace itself"),
        (tmp_path / "." / path.name, "is the open workspace itself"),
        (folder / "mine.fcdesk", "backups folder"),
        (tmp_path / "gone" / "mine.fcdesk", "cannot be reached: it is not there"),
    ):
        with pytest.raises(WorkspaceError, match=said):
            ana.upkeep.save_copy(target, replace=True)
    assert state() == before
    assert list(folder.iterdir()) == [] and leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", [".lock", ".restoring"])
def test_never_over_the_workspace_lock_or_restore_copy(
    suffix: str, ana: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`copy -w W W.lock --replace` (a name Tab completed, "already there", so --replace)
    put a copy in place of the lock the open desk holds: a second program then took the
    lock of the new file and changed the workspace under the open window. A copy named
    W.restoring was deleted by the next open, as a restore's leftover."""
    path = ana.path
    assert path is not None
    companion = path.with_name(path.name + suffix)
    companion.touch()  # a restore's copy is there only while it is made
    before = (companion.stat().st_ino, companion.read_bytes())
    assert run(["copy", "-w", str(path), str(companion), "--replace"]) == 1
    assert capsys.readouterr().err == (
        f"factcheck-app: No copy was made: {companion.name} is the workspace's own "
        f"{'lock file' if suffix == '.lock' else 'restore copy'}: choose another name.\n"
    )
    assert (companion.stat().st_ino, companion.read_bytes()) == before
    # The desk still holds the one writer lock: another program is refused.
    article = tmp_path / "late.txt"
    article.write_text("The mayor said 12 bridges closed.", encoding="utf-8")
    assert run(["import", "-w", str(path), str(article)]) == 1
    assert "is being changed by another Factcheck desk" in capsys.readouterr().err
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need rights on Windows")
def test_a_workspace_named_by_a_link_keeps_its_own_files_and_backups_refused(
    ana: Desk, tmp_path: Path
) -> None:
    """`copy -w link.fcdesk ana.fcdesk-wal --replace`, the workspace named by a symbolic
    link: its -wal (the desk's saved edits not yet in the file) was replaced by the copy,
    and the workspace read as damaged; a copy went into its backups folder. They were
    looked for beside the link's name only."""
    path = ana.path
    assert path is not None
    link = tmp_path / "link" / "link.fcdesk"
    link.parent.mkdir()
    link.symlink_to(path)
    wal = path.with_name(path.name + "-wal")

    def state() -> tuple[int, int, int]:  # stat only: reading it here drops locks
        return (wal.stat().st_ino, wal.stat().st_size, wal.stat().st_mtime_ns)

    before = state()
    folder = backups.backup_dir(path)
    folder.mkdir()
    for target, said in (
        (wal, "is the open workspace itself"),
        (path.with_name(path.name + "-shm"), "is the open workspace itself"),
        (path.with_name(path.name + ".restoring"), "restore copy"),
        (folder / "mine.fcdesk", "backups folder"),
    ):
        # The command in a process of its own, as beside a window that has it open.
        result = cli("copy", "-w", link, target, "--replace")
        assert result.returncode == 1 and said in result.stderr, result.stderr
    assert state() == before
    assert list(folder.iterdir()) == [] and leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", ["-wal", "-journal", ".lock"])
def test_never_over_another_workspaces_files_of_recent_changes_or_lock(
    suffix: str, ana: Desk, tmp_path: Path
) -> None:
    """`copy -w ana.fcdesk shared/bob.fcdesk-wal --replace` (Tab stopped at a name with a
    -wal beside it, "already there", so --replace) put the copy in place of the edits
    Bob's desk had saved and not yet written into bob.fcdesk; named so while it is not
    there, it was read as bob.fcdesk's log at his next open."""
    shared = tmp_path / "shared"
    shared.mkdir()
    bob = shared / "bob.fcdesk"
    Desk.open(bob).close()
    companion = shared / f"bob.fcdesk{suffix}"
    for there in (False, True):
        if there:
            companion.write_bytes(b"Bob's saved edits")
        with pytest.raises(WorkspaceError, match=re.escape(f"bob.fcdesk{suffix} belongs to")):
            ana.upkeep.save_copy(companion, replace=True)
    assert companion.read_bytes() == b"Bob's saved edits"
    assert [p.name for p in shared.iterdir() if ".part" in p.name] == []


@pytest.mark.parametrize("name", ["ana.fcdesk-WAL", "ana.fcdesk.Restoring", "alias.fcdesk-wal"])
def test_a_name_of_the_open_workspaces_own_files_never_has_it_read_by_path(
    name: str, ana: Desk, tmp_path: Path
) -> None:
    """To tell another workspace's -wal, the file before the suffix was opened and read:
    the open workspace itself when the name was its own file's in other capitals (the
    same file on Windows and macOS) or by another name of it (a link). Opening it by path
    here drops SQLite's locks on it: another program could then delete the -wal the
    desk still writes to. (The test suite fails any such open.) It is refused unread."""
    path = ana.path
    assert path is not None
    (tmp_path / "alias.fcdesk").symlink_to(path)
    target = tmp_path / name
    problem = ana.upkeep.copy_target_problem(target)
    assert problem is not None and problem.startswith(f"{name} belongs to the workspace")
    with pytest.raises(WorkspaceError, match=re.escape(f"{name} belongs to the workspace")):
        ana.upkeep.save_copy(target, replace=True)
    assert not os.path.lexists(target) and leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_a_name_beside_a_named_pipe_never_hangs(tmp_path: Path) -> None:
    """`copy -w w.fcdesk feed-wal` with `feed` a named pipe (a logger's, a tool's): to
    tell whether feed is a workspace, it was opened to read its first bytes, which waits
    for a writer that never comes. The command hung, and so did the window's Save a
    Copy…. Only a plain file is read; the copy is made. (Over a feed-wal there already:
    a new copy's name ends in .fcdesk.)"""
    workspace = tmp_path / "w.fcdesk"
    Desk.open(workspace).close()
    os.mkfifo(tmp_path / "feed")
    (tmp_path / "feed-wal").write_bytes(b"an older copy")
    result = cli("copy", "-w", workspace, tmp_path / "feed-wal", "--replace")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "feed-wal").read_bytes().startswith(b"SQLite format 3\x00")


@pytest.mark.parametrize("name", ["bob.fcdesk-WAL", "bob.fcdesk.LOCK", "bob.fcdesk-Journal"])
def test_another_workspaces_files_are_known_whatever_their_capitals(
    name: str, ana: Desk, tmp_path: Path
) -> None:
    """On a Windows or macOS disk capitals do not tell files apart: bob.fcdesk-WAL is
    Bob's -wal, and `copy … shared/bob.fcdesk-WAL --replace` ("already there") put the
    copy in its place, as `bob.fcdesk.LOCK` did his lock; only the small letters
    SQLite writes were looked for."""
    shared = tmp_path / "shared"
    shared.mkdir()
    Desk.open(shared / "bob.fcdesk").close()
    companion = shared / name
    companion.write_bytes(b"Bob's saved edits")
    with pytest.raises(WorkspaceError, match=re.escape(f"{name} belongs to the workspace")):
        ana.upkeep.save_copy(companion, replace=True)
    assert companion.read_bytes() == b"Bob's saved edits"
    assert [p.name for p in shared.iterdir() if ".part" in p.name] == []


def test_an_existing_file_is_replaced_only_when_asked_and_never_beside_its_wal(
    ana: Desk, tmp_path: Path
) -> None:
    there = tmp_path / "edith.fcdesk"
    there.write_bytes(b"Edith's file")
    with pytest.raises(WorkspaceError, match=re.escape("edith.fcdesk is already there")):
        ana.upkeep.save_copy(there)
    assert there.read_bytes() == b"Edith's file"
    ana.upkeep.save_copy(there, replace=True)  # the reviewer said Replace
    replaced = Desk.open(there, backup=False, read_only=True)
    assert replaced.workspace_id == ana.workspace_id
    replaced.close()
    open_elsewhere = tmp_path / "bob.fcdesk"
    shutil.copyfile(there, open_elsewhere)
    (tmp_path / "bob.fcdesk-wal").write_bytes(b"another desk's recent changes")
    with pytest.raises(WorkspaceError, match=re.escape("bob.fcdesk-wal lies beside bob.fcdesk")):
        ana.upkeep.save_copy(open_elsewhere, replace=True)
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_is_refused_in_words(ana: Desk, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with pytest.raises(WorkspaceError, match="read-only"):
            ana.upkeep.save_copy(locked / "copy.fcdesk")
    finally:
        locked.chmod(0o755)
    assert list(locked.iterdir()) == []


def test_a_read_only_folder_is_refused_even_by_root(
    ana: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder the desk may not write (a stick's write-protect switch: os.access says
    so) is named, nothing tried."""
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == tmp_path else real(p, mode)
    )
    with pytest.raises(
        WorkspaceError, match=re.escape(f"Cannot write to {tmp_path}: it is read-only")
    ):
        ana.upkeep.save_copy(tmp_path / "copy.fcdesk")
    assert not (tmp_path / "copy.fcdesk").exists() and leftovers(tmp_path) == []


def test_a_full_disk_is_refused_before_and_during_the_copy_leaving_nothing(
    ana: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "copy.fcdesk"
    target.parent.mkdir()
    usage = shutil.disk_usage(target.parent)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage._replace(free=4096))
    with pytest.raises(WorkspaceFull, match="less free space than the copy needs"):
        ana.upkeep.save_copy(target)
    monkeypatch.undo()

    def full(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "_copy_into_file", full)
    with pytest.raises(WorkspaceFull, match="the disk is full"):
        ana.upkeep.save_copy(target)
    assert list(target.parent.iterdir()) == []


def test_a_copy_stopped_half_way_leaves_nothing(ana: Desk, tmp_path: Path) -> None:
    path = ana.path
    assert path is not None
    target = tmp_path / "out.fcdesk"
    with pytest.raises(backups.BackupCancelled):
        backups.save_copy_on_own_connection(path, target, cancelled=lambda: True)
    assert not target.exists() and leftovers(tmp_path) == []


def test_ctrl_c_at_the_command_line_leaves_no_part_of_the_copy(
    ana: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C in `factcheck-app copy` as it writes to a USB stick: the hidden part file
    (as big as the workspace) went with the stick, swept only by a later copy into that
    folder an hour on. An export's part file goes on Ctrl+C; so does the copy's."""
    target = tmp_path / "stick" / "copy.fcdesk"
    target.parent.mkdir()
    real = backups._copy_into_file

    def interrupted(conn: sqlite3.Connection, part: Path, *args: object) -> None:
        real(conn, part)  # written whole, then the key
        raise KeyboardInterrupt

    monkeypatch.setattr(backups, "_copy_into_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        ana.upkeep.save_copy(target)
    assert list(target.parent.iterdir()) == []


def test_the_command_line_saves_the_same_copy_named_in_a_folder(
    ana: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`factcheck-app copy -w W OUT`, beside the open desk (another program's, here this
    one's): a folder takes the name the window offers; a file there is kept unless
    --replace."""
    path = ana.path
    assert path is not None
    out = tmp_path / "stick"
    out.mkdir()
    args = ["copy", "-w", str(path), str(out), "--reviewer", "Ana Ruiz"]
    assert run(args) == 0
    [made] = out.iterdir()
    assert made.name.startswith("ana – Ana Ruiz ") and made.name.endswith(".fcdesk")
    assert capsys.readouterr().out.strip() == str(made)
    assert run(["copy", "-w", str(path), str(made)]) != 0
    assert "add --replace" in capsys.readouterr().err
    assert run(["copy", "-w", str(path), str(made), "--replace"]) == 0
    result = ana.merge.merge(made)
    assert not result.copied_while_open and not result.changed  # all of it is Ana's


def test_a_folder_inside_a_closed_one_is_refused_in_words(
    ana: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A colleague's folder, or a share whose rights changed: refused in the desk's
    words, not as a Permission denied error."""
    closed = tmp_path / "colleague"
    (closed / "inbox").mkdir(parents=True)
    close_folder(monkeypatch, closed)
    target = closed / "inbox" / "copy.fcdesk"
    assert ana.upkeep.copy_target_problem(target) == (
        f"The folder {target.parent} cannot be reached: it is not there (a disk or network "
        "share not connected?), or it is closed to you."
    )
    with pytest.raises(WorkspaceError, match="cannot be reached"):
        ana.upkeep.save_copy(target)


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("out.txt", "“out.txt” does not"),
        ("out.fcdesk ", "“out.fcdesk ” ends in a space"),
        ("out", "“out” does not"),
        # Only the ending: a hidden file, which the open dialog does not list either.
        (".fcdesk", "“.fcdesk” has no name before it"),
    ],
)
def test_a_new_copy_s_name_ends_in_fcdesk_as_a_new_workspace_s_does(
    ana: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, said: str
) -> None:
    """`copy -w W out.txt` (or "out.fcdesk " pasted with its space) made a copy that File
    → Open Workspace's Workspaces filter hides, as a new workspace named so is refused.
    Refused in words, nothing made; a file there already is replaced only when asked."""
    path = ana.path
    assert path is not None
    target = tmp_path / name
    problem = ana.upkeep.copy_target_problem(target)
    assert problem is not None and said in problem and ".fcdesk" in problem
    before = sorted(p.name for p in tmp_path.iterdir())
    assert run(["copy", "-w", str(path), str(target)]) == 1
    assert capsys.readouterr().err.startswith("factcheck-app: No copy was made: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert ana.upkeep.copy_target_problem(tmp_path / "out.fcdesk") is None
    # A file of that name there (a copy saved so before): the usual question about it.
    target.write_bytes(b"an older copy")
    assert ana.upkeep.copy_target_problem(target) is None


# A copy killed half-way (kill -9, the desk's power cut) on a stick: its part file stays,
# written and unlocked, as the killed desk left it.
KILLED_WRITING_A_PART = """
from pathlib import Path
from factcheck_app.storage import scratch
fd, part = scratch.new_part_file(Path(sys.argv[1]))
os.write(fd, b"half a copy " * 100_000)
die()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="there an open file cannot be deleted")
def test_a_copy_killed_half_way_leaves_no_room_taken_from_the_next(
    ana: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed while it saved a copy to a USB stick, the desk left the part file there,
    hidden, as big as the copy had come; for an hour the next Save a Copy to that stick
    was refused for room ("less free space than the copy needs") on a stick that looked
    empty. A part file whose writer has ended (unlocked, unwritten for a minute) is
    removed for room now; one being written (its lock held) is left alone."""
    from tests.storage.test_leftovers import run_until_killed

    stick = tmp_path / "stick"
    stick.mkdir()
    run_until_killed(KILLED_WRITING_A_PART, stick / "ana – Ana Ruiz 2026-12-06.fcdesk")
    [dead] = stick.iterdir()
    assert dead.stat().st_size == 1_200_000
    written = dead.stat().st_mtime
    os.utime(dead, (written - 90, written - 90))  # killed a minute and a half ago
    _fd, alive = scratch.new_part_file(stick / "report.pdf")  # an export writing here now
    os.write(_fd, b"a report")
    try:
        path = ana.path
        assert path is not None
        # The stick holds the copy, the headroom, and a little of the dead part's room.
        room = path.stat().st_size + backups.COPY_HEADROOM + 700_000
        usage = shutil.disk_usage(stick)

        def disk_usage(folder: object) -> object:
            taken = sum(p.stat().st_size for p in stick.iterdir())
            return usage._replace(free=max(room - taken, 0))

        monkeypatch.setattr(shutil, "disk_usage", disk_usage)
        target = stick / "copy.fcdesk"
        assert ana.upkeep.save_copy(target) == target
    finally:
        os.close(_fd)
    assert not dead.exists()
    assert alive.exists()
    opened = Desk.open(target, backup=False)
    opened.close()


@pytest.mark.skipif(sys.platform == "win32", reason="there an open file cannot be deleted")
def test_a_copy_being_read_back_is_not_taken_for_a_dead_one_by_another_computer(
    ana: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written whole, a copy is read back before it is named: for a year's workspace in a
    shared folder that took minutes, with nothing written to the part file meanwhile, and
    a desk on another computer (which cannot see its lock) making room there for its own
    copy took it for a dead one after a minute and deleted it: the copy failed. Read back,
    it stays marked as being worked on."""
    shared = tmp_path / "shared"
    shared.mkdir()
    clock = [0.0]
    monkeypatch.setattr(scratch, "_monotonic", lambda: clock[0], raising=False)
    read_back = backups.reads_back_whole
    swept: list[Path] = []

    def slow_read_back(part: Path, cancelled: object) -> bool:
        # Two minutes of reading, nothing written: SQLite calls its progress handler.
        written = part.stat().st_mtime
        os.utime(part, (written - 120, written - 120))
        for _ in range(12):
            clock[0] += 10
            if callable(cancelled):
                assert not cancelled()
        # Meanwhile another computer's desk, which sees no lock here, makes room.
        with monkeypatch.context() as there:
            there.setattr(scratch, "_held_elsewhere", lambda path: (False, ""))
            swept.extend(scratch.remove_dead_parts(shared))
        return read_back(part, None)

    monkeypatch.setattr(backups, "reads_back_whole", slow_read_back)
    target = shared / "for bo.fcdesk"
    assert ana.upkeep.save_copy(target) == target
    assert swept == []
    opened = Desk.open(target, backup=False)
    opened.close()


@pytest.mark.skipif(sys.platform == "win32", reason="there an open file cannot be deleted")
def test_a_copy_read_back_is_kept_marked_by_the_file_servers_clock(
    ana: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared folder's file server two minutes ahead of this computer: a part file read
    back was marked as worked on by this computer's clock (a share's client sets a time
    it is given by its own clock), two minutes old by the server's the moment it was
    marked, and a desk on another computer, timing idleness by the server's clock, took
    it for a dead one and deleted it: the copy failed. It is marked by the server's clock."""
    shared = tmp_path / "shared"
    shared.mkdir()
    clock = [0.0]  # seconds gone by since the copy was written
    start = scratch._now()
    monkeypatch.setattr(scratch, "_monotonic", lambda: clock[0])
    monkeypatch.setattr(scratch, "_now", lambda: start + clock[0])
    monkeypatch.setattr(scratch, "_folder_now", lambda folder: start + 120 + clock[0])
    real_utime = os.utime

    def share_utime(path: object, times: tuple[float, float] | None = None) -> None:
        # A share's client sets a time given, or else its own clock's (this computer's).
        real_utime(path, times or (scratch._now(), scratch._now()))  # type: ignore[arg-type]

    monkeypatch.setattr(scratch.os, "utime", share_utime)
    read_back = backups.reads_back_whole
    swept: list[Path] = []

    def slow_read_back(part: Path, cancelled: object) -> bool:
        real_utime(part, (start + 120, start + 120))  # written: stamped by the server
        for _ in range(12):  # two minutes of reading, nothing written
            clock[0] += 10
            if callable(cancelled):
                assert not cancelled()
        with monkeypatch.context() as there:  # another computer's desk makes room
            there.setattr(scratch, "_held_elsewhere", lambda path: (False, ""))
            swept.extend(scratch.remove_dead_parts(shared))
        return read_back(part, None)

    monkeypatch.setattr(backups, "reads_back_whole", slow_read_back)
    target = shared / "for bo.fcdesk"
    assert ana.upkeep.save_copy(target) == target
    assert swept == []
    opened = Desk.open(target, backup=False)
    opened.close()
